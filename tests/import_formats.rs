//! The readers of `ocop import` on every format offices have, tested by
//! families made from our own renders: each plan and dispatch of `plans/`
//! (sub-folders too), whole (tables and appendices included), rendered as
//! PDF and .docx, LibreOffice's conversions of that .docx
//! (.odt, .doc, its own PDF, its re-saved .docx), each imported and
//! measured against the first render with the judges' tools; and the
//! .docx rewritten the ways Word writes the same page (automatic
//! numbering, heading styles, split runs, tracked changes, text boxes,
//! footnotes, hidden text, fields, hyphens, UTF-16), each read back to
//! the same paragraphs.

use crate::common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

use common::{prepare, python_tool, render_all, shared};
use ocop::import::{self, para::Para, source::Format};

/// The words every format brings back, tables and appendices included.
const RECALL: f64 = 0.99;

/// Imports `source`, renders the YAML and measures it against the text
/// of `original` (a PDF's layout text): (recall, outline kept, figures).
fn measure(dir: &Path, tools: &Path, source: &Path, original: &Path) -> (f64, bool, String) {
    let label = source.file_name().unwrap().to_string_lossy().to_string();
    let imported = import::import_file(source).unwrap_or_else(|d| panic!("{}", d.render()));
    let yaml = dir.join(format!("{label}.yaml"));
    std::fs::write(&yaml, &imported.yaml).unwrap();
    let report = prepare(&yaml);
    let problems: Vec<String> = report.problems.iter().map(|d| d.render()).collect();
    assert!(
        !report.has_errors(),
        "{label}: ocop check finds errors:\n{}\n{}",
        problems.join("\n"),
        imported.yaml
    );
    let pdf = dir.join(format!("{label}.again.pdf"));
    std::fs::write(&pdf, &render_all(&yaml)[0].pdf).unwrap();
    let (_, t) = python_tool(tools, "textsim.py", &[&pdf, original], &[]);
    let (_, o) = python_tool(tools, "outline.py", &[&pdf, original], &[]);
    let recall = common::figure(&t, "text recall ");
    // Every label kept; a document without numbering has none to keep.
    let outline =
        common::figure(&o, "outline match ") == 1.0 || o.contains(" 0 labels in the original");
    let figures = format!(
        "{label}: {} | {}",
        t.lines().last().unwrap_or(""),
        o.lines().last().unwrap_or("")
    );
    (recall, outline, figures)
}

/// A PDF of every example comes back with its words (recall ≥ 0.99) and
/// its whole outline, and so does LibreOffice's .odt, .doc, PDF and
/// re-saved .docx of its .docx.
#[test]
fn every_example_imports_from_pdf_odt_doc_and_libreoffice_files() {
    let tools = shared().join("tools");
    let dir = tempfile::tempdir().unwrap();
    let s = common::session();
    let mut docx_files = Vec::new();
    let mut originals = Vec::new();
    let mut figures = Vec::new();
    let mut failures = Vec::new();
    for (name, doc) in common::example_documents() {
        let pdf = dir.path().join(format!("{name}.pdf"));
        std::fs::write(&pdf, s.pdf(&doc, s.markup(&doc).unwrap(), true).unwrap()).unwrap();
        let layout = Command::new("pdftotext")
            .arg("-layout")
            .arg(&pdf)
            .arg("-")
            .output();
        let original = dir.path().join(format!("{name}.txt"));
        std::fs::write(&original, layout.expect("pdftotext (poppler-utils)").stdout).unwrap();
        let docx = dir.path().join(format!("{name}.docx"));
        std::fs::write(&docx, ocop::docx::write(&doc).unwrap()).unwrap();
        let (recall, outline, f) = measure(dir.path(), &tools, &pdf, &original);
        if recall < RECALL || !outline {
            failures.push(f.clone());
        }
        figures.push(f);
        docx_files.push(docx);
        originals.push((name, original));
    }
    let converted = [
        ("odt", "odt"),
        ("doc", "doc"),
        ("docx:MS Word 2007 XML", "docx"),
        ("pdf", "pdf"),
    ];
    for (filter, ext) in converted {
        let out = dir.path().join(format!("lo-{ext}"));
        common::libreoffice_convert(dir.path(), &docx_files, filter, &out);
        for (name, original) in &originals {
            let file = out.join(format!("{name}.{ext}"));
            let (recall, outline, f) = measure(dir.path(), &tools, &file, original);
            if recall < RECALL || !outline {
                failures.push(f.clone());
            }
            figures.push(format!("libreoffice {f}"));
        }
    }
    eprintln!("{}", figures.join("\n"));
    assert!(
        failures.is_empty(),
        "below the bar:\n{}",
        failures.join("\n")
    );
}

/// The entries of a zip, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().to_string(), data)
        })
        .collect()
}

fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    for (name, data) in entries {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
    buf.into_inner()
}

/// The .docx with its document.xml rewritten by `f` and `parts` added.
fn variant(docx: &[u8], f: impl Fn(&str) -> String, parts: &[(&str, String)]) -> Vec<u8> {
    let mut entries = unzip(docx);
    for (name, data) in &mut entries {
        if name == "word/document.xml" {
            *data = f(std::str::from_utf8(data).unwrap()).into_bytes();
        }
    }
    for (name, xml) in parts {
        entries.retain(|(n, _)| n != name);
        entries.push((name.to_string(), xml.clone().into_bytes()));
    }
    rezip(&entries)
}

/// The paragraphs' text as the page shows it: the numbering label first.
fn shown(ps: &[Para]) -> Vec<String> {
    ps.iter()
        .map(|p| match &p.label {
            Some(l) => format!("{l} {}", p.text()),
            None => p.text(),
        })
        .collect()
}

/// Rewrites every `<w:t xml:space="preserve">…</w:t>` text with `f`,
/// given the run properties of its run.
fn each_text(xml: &str, f: impl Fn(&str, &str) -> String) -> String {
    const OPEN: &str = r#"<w:t xml:space="preserve">"#;
    let mut out = String::with_capacity(xml.len() * 2);
    let mut rest = xml;
    let mut rpr = String::new();
    while let Some(i) = rest.find(OPEN) {
        let before = &rest[..i];
        if let Some(r) = before.rfind("<w:rPr>")
            && let Some(e) = before[r..].find("</w:rPr>")
        {
            rpr = before[r..r + e + 8].to_string();
        }
        out.push_str(before);
        let after = &rest[i + OPEN.len()..];
        let end = after.find("</w:t>").unwrap();
        out.push_str(&f(&after[..end], &rpr));
        rest = &after[end + "</w:t>".len()..];
    }
    out.push_str(rest);
    out
}

fn t(text: &str) -> String {
    format!(r#"<w:t xml:space="preserve">{text}</w:t>"#)
}

/// The variants Word produces of one page, each with the paragraphs it
/// must read back (a text box adds one, a footnote adds its text).
fn word_variants(docx: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let split = variant(
        docx,
        |x| {
            each_text(x, |text, rpr| {
                // At the middle, or at a space when the text holds an entity.
                let mid = if text.contains('&') {
                    text.rfind(' ').unwrap_or(0)
                } else {
                    text.char_indices()
                        .nth(text.chars().count() / 2)
                        .map_or(0, |c| c.0)
                };
                format!("{}</w:r><w:r>{rpr}{}", t(&text[..mid]), t(&text[mid..]))
            })
        },
        &[],
    );
    let tracked = variant(
        docx,
        |x| {
            x.replace("<w:r>", r#"<w:ins w:id="1" w:author="A"><w:r>"#)
                .replace("</w:r>", concat!(
                    r#"</w:r></w:ins><w:del w:id="2" w:author="A"><w:r><w:delText>XÓA BỎ</w:delText></w:r></w:del>"#,
                    r#"<w:moveFrom w:id="3" w:author="A"><w:r><w:t>DỜI ĐI</w:t></w:r></w:moveFrom>"#
                ))
        },
        &[],
    );
    let hidden = variant(
        docx,
        |x| {
            x.replace(
                "</w:r>",
                r#"</w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>CHỮ ẨN</w:t></w:r>"#,
            )
        },
        &[],
    );
    let fields = variant(
        docx,
        |x| {
            x.replace("</w:r>", concat!(
                r#"</w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> AUTHOR </w:instrText></w:r>"#,
                r#"<w:r><w:fldChar w:fldCharType="end"/></w:r>"#
            ))
        },
        &[],
    );
    let hyphens = variant(
        docx,
        |x| {
            each_text(x, |text, _| {
                let hyphened = text.replace(
                    '-',
                    &format!(
                        "</w:t><w:noBreakHyphen/>{}",
                        r#"<w:t xml:space="preserve">"#
                    ),
                );
                t(&hyphened).replace("ạch", "ạ</w:t><w:softHyphen/><w:t>ch")
            })
        },
        &[],
    );
    let utf16 = {
        let mut entries = unzip(docx);
        for (name, data) in &mut entries {
            if name == "word/document.xml" {
                let xml = std::str::from_utf8(data)
                    .unwrap()
                    .replace("UTF-8", "UTF-16");
                let mut bytes = vec![0xFF, 0xFE];
                for u in xml.encode_utf16() {
                    bytes.extend_from_slice(&u.to_le_bytes());
                }
                *data = bytes;
            }
        }
        rezip(&entries)
    };
    vec![
        ("split runs", split),
        ("tracked changes", tracked),
        ("hidden text", hidden),
        ("empty fields", fields),
        ("non-breaking and soft hyphens", hyphens),
        ("UTF-16 document part", utf16),
    ]
}

/// Typed labels made Word's automatic numbering: "I." upperRoman, "1."
/// decimal, "1.1." two levels, "a)" lowerLetter, "-" and "+" bullets.
fn numbered(docx: &[u8]) -> Vec<u8> {
    const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
        <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
        <w:lvl w:ilvl="5"><w:numFmt w:val="bullet"/><w:lvlText w:val="+"/></w:lvl>
      </w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#;
    variant(
        docx,
        |x| {
            let mut out = String::new();
            for (i, p) in x.split("<w:p>").enumerate() {
                if i > 0 {
                    out.push_str("<w:p>");
                }
                out.push_str(&number_paragraph(p));
            }
            out
        },
        &[("word/numbering.xml", NUMBERING.to_string())],
    )
}

/// One paragraph's typed label removed and its level set instead.
fn number_paragraph(p: &str) -> String {
    const OPEN: &str = r#"<w:t xml:space="preserve">"#;
    let Some(i) = p.find(OPEN) else {
        return p.to_string();
    };
    let text = &p[i + OPEN.len()..];
    let first = text.split(' ').next().unwrap_or("");
    let level = if first.ends_with('.')
        && first[..first.len() - 1].chars().all(|c| "IVX".contains(c))
        && first.len() > 1
    {
        0
    } else if first.ends_with('.')
        && first.matches('.').count() == 1
        && first[..first.len() - 1].parse::<u32>().is_ok()
    {
        1
    } else if first.ends_with('.')
        && first.matches('.').count() == 2
        && first.split('.').take(2).all(|n| n.parse::<u32>().is_ok())
    {
        2
    } else if first.chars().count() == 2
        && first.ends_with(')')
        && first.starts_with(char::is_lowercase)
    {
        3
    } else if first == "-" {
        4
    } else if first == "+" {
        5
    } else {
        return p.to_string();
    };
    let rest = &text[first.len()..].trim_start_matches(' ');
    let head = p[..i].replacen(
        "<w:pPr>",
        &format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>"#),
        1,
    );
    format!("{head}{OPEN}{rest}")
}

/// The label Word shows for a typed one: its letters run a, b, c, d, e
/// where a Vietnamese document typed đ after d.
fn as_word_shows(text: &str) -> String {
    let typed: Vec<char> = "abcdđeghiklmnopqrstuvxy".chars().collect();
    let latin: Vec<char> = "abcdefghijklmnopqrstuvw".chars().collect();
    if let Some((label, rest)) = text.split_once(") ")
        && let [c] = label.chars().collect::<Vec<_>>()[..]
        && let Some(i) = typed.iter().position(|&l| l == c)
    {
        return format!("{}) {rest}", latin[i]);
    }
    text.to_string()
}

#[test]
fn word_features_read_back_the_paragraphs_of_the_page() {
    let mut checked = 0;
    for (name, doc) in common::example_documents() {
        let docx = ocop::docx::write(&doc).unwrap();
        let original = shown(&import::docx::paragraphs(&docx).unwrap());
        let yaml = import::import_document(Format::Docx, &docx, "x.docx")
            .unwrap()
            .yaml;
        for (what, bytes) in word_variants(&docx) {
            let got = shown(&import::docx::paragraphs(&bytes).unwrap());
            assert_eq!(got, original, "{name}: {what}");
            let again = import::import_document(Format::Docx, &bytes, "x.docx")
                .unwrap()
                .yaml;
            assert_eq!(again, yaml, "{name}: {what} imports differently");
            checked += 1;
        }
        // Automatic numbering: the same page, labels computed.
        let got = shown(&import::docx::paragraphs(&numbered(&docx)).unwrap());
        let want: Vec<String> = original.iter().map(|t| as_word_shows(t)).collect();
        assert_eq!(got, want, "{name}: automatic numbering");
    }
    assert!(checked >= 40);
}

#[test]
fn text_boxes_and_footnotes_are_read_once_in_place() {
    let (_, doc) = common::example_documents().into_iter().next().unwrap();
    let docx = ocop::docx::write(&doc).unwrap();
    let original = shown(&import::docx::paragraphs(&docx).unwrap());
    let boxed =
        |t: &str| format!("<w:txbxContent><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:txbxContent>");
    let anchor = format!(
        r#"<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing>{}</w:drawing></mc:Choice><mc:Fallback><w:pict>{}</w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
        boxed("DỰ THẢO LẦN 2"),
        boxed("DỰ THẢO LẦN 2")
    );
    let note = r#"<w:r><w:footnoteReference w:id="1"/></w:r>"#;
    let notes = r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:id="1"><w:p><w:r><w:t>Chú thích kiểm thử.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
    // Both into the first paragraph of the body after the title.
    let target = original
        .iter()
        .position(|t| t.starts_with("Căn cứ") || t.starts_with("Thực hiện"))
        .unwrap();
    let target_text = original[target].clone();
    let bytes = variant(
        &docx,
        |x| {
            let mut parts: Vec<String> = x.split("</w:p>").map(str::to_string).collect();
            let i = parts
                .iter()
                .position(|p| p.contains(&target_text.chars().take(20).collect::<String>()))
                .unwrap();
            let p = &mut parts[i];
            let first_run_end = p.find("</w:r>").unwrap() + "</w:r>".len();
            p.insert_str(first_run_end, &format!("{anchor}{note}"));
            parts.join("</w:p>")
        },
        &[("word/footnotes.xml", notes.to_string())],
    );
    let ps = import::docx::paragraphs(&bytes).unwrap();
    let got = shown(&ps);
    assert_eq!(got.len(), original.len() + 1);
    assert_eq!(got[target + 1], "DỰ THẢO LẦN 2");
    assert!(ps[target + 1].notes[0].contains("khung chữ"));
    assert!(
        got[target].contains("(Chú thích kiểm thử.)"),
        "{}",
        got[target]
    );
    assert_eq!(
        got[target].replace(" (Chú thích kiểm thử.)", ""),
        target_text
    );
    assert!(ps[target].notes[0].contains("chú thích"));
    assert_eq!(
        got.iter().filter(|t| t.contains("DỰ THẢO LẦN 2")).count(),
        1
    );
}

/// A PDF of images only, a PDF without text, an OLE file that is not a
/// Word document and a broken .doc: each refused with a Vietnamese
/// message naming the file, never the legacy-font advice.
#[test]
fn files_without_readable_text_are_told_what_they_are() {
    use lopdf::{Document, Object, Stream, dictionary};
    let dir = tempfile::tempdir().unwrap();
    let pdf = |content: &[u8], image: bool| {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let mut resources = dictionary! {};
        if image {
            let img = Stream::new(
                dictionary! { "Type" => "XObject", "Subtype" => "Image", "Width" => 1, "Height" => 1,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8 },
                vec![0],
            );
            let id = doc.add_object(img);
            resources.set("XObject", dictionary! { "Im1" => id });
        }
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => resources, "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    };
    let scanned = dir.path().join("ban-quet.pdf");
    std::fs::write(&scanned, pdf(b"q 595 0 0 842 0 0 cm /Im1 Do Q", true)).unwrap();
    let empty = dir.path().join("trong.pdf");
    std::fs::write(&empty, pdf(b"0 0 m 10 10 l S", false)).unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend_from_slice(&[0; 504]);
    let broken_doc = dir.path().join("ke-hoach.doc");
    std::fs::write(&broken_doc, &ole).unwrap();
    let not_pdf = dir.path().join("hong.pdf");
    std::fs::write(&not_pdf, b"%PDF-1.7\nnot really").unwrap();
    for (path, words) in [
        (&scanned, "PDF chỉ có ảnh quét, không có lớp chữ"),
        (&empty, "không có chữ"),
        (&broken_doc, ".doc"),
        (&not_pdf, "PDF hỏng"),
    ] {
        let text = import::import_file(path).unwrap_err().render();
        assert!(text.contains(words), "{text}");
        assert!(
            !text.contains("TCVN3") && !text.contains("Unikey"),
            "{text}"
        );
        assert!(
            text.contains(&*path.file_name().unwrap().to_string_lossy()),
            "{text}"
        );
    }
}
