//! What an office's archive and document system ask of a PDF, checked on
//! every document of every example, on paper and electronic, plain and
//! PDF/A-2b (the merged certificate file and separately written appendices
//! included): no encryption, no JavaScript, a classic cross-reference
//! table and no object streams, every font embedded; PDF/A-2b files
//! identified as such in their XMP metadata (part 2, conformance B) with
//! an output intent; electronic files with one printable, unsigned
//! signature field per signing place.
//!
//! veraPDF, the reference PDF/A validator, is a Java program that no
//! registry this project can reach carries (not Debian, not PyPI), so
//! these are the checks of PDF/A-2b's identification and of the rules
//! Typst's own validator does not cover; Typst validates the content
//! (fonts, glyphs, colour, images) while exporting.

use std::path::{Path, PathBuf};

use lopdf::{Document, Object, dictionary};
use ocop::doc::{Content, PdfStandard};
use ocop::load::{IssuanceChoice, LoadOptions};
use ocop::pipeline;

use crate::common::{root, session};

/// Every example YAML file, the ones in sub-folders included.
pub fn examples() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walk(&root().join("plans"));
    files.sort();
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
    out
}

/// A rendered document: its file stem, whether it is electronic, its PDF.
pub struct Issued {
    pub stem: String,
    pub kind: &'static str,
    pub electronic: bool,
    pub pdf: Vec<u8>,
}

/// Every document of `yaml` issued as `choice` asks, each PDF as written.
pub fn issue_all(yaml: &Path, choice: IssuanceChoice) -> Vec<Issued> {
    let options = LoadOptions {
        issuance: choice,
        ..Default::default()
    };
    let report = pipeline::prepare(session(), yaml, &options, &[]);
    let errors: Vec<String> = report
        .problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    report
        .documents
        .iter()
        .map(|doc| {
            let markup = session().markup(doc).unwrap();
            let pdf = session()
                .pdf(doc, markup, true)
                .unwrap_or_else(|d| panic!("{}: {d:?}", doc.file_stem));
            Issued {
                stem: doc.file_stem.clone(),
                kind: kind_name(&doc.content),
                electronic: doc.issuance.electronic,
                pdf,
            }
        })
        .collect()
}

fn kind_name(content: &Content) -> &'static str {
    match content {
        Content::Plan(_) => "plan",
        Content::Decision(_) => "decision",
        Content::Dispatch(_) => "dispatch",
        Content::Certificate(_) => "certificate",
        Content::Appendix(_) => "appendix",
        Content::Submission(_) => "submission",
        Content::Notice(_) => "notice",
        Content::Revocation(_) => "revocation",
        Content::Reminder(_) => "reminder",
        Content::Report(_) => "report",
    }
}

/// The merged certificate file of `yaml` (`ocop certificates --merge`).
pub fn merged_certificates(yaml: &Path, choice: IssuanceChoice) -> Vec<u8> {
    let options = LoadOptions {
        issuance: choice,
        ..Default::default()
    };
    let report = pipeline::prepare(
        session(),
        yaml,
        &options,
        &[ocop::doc::DocKind::Certificate],
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("giay-chung-nhan.pdf");
    let stop = std::sync::atomic::AtomicBool::new(false);
    let outcome =
        ocop::bulk::render_merged(session(), &report.documents, "GCN", &path, &stop, &|| {});
    assert!(
        outcome.failed.is_empty() && outcome.merge_failed.is_none(),
        "{outcome:?}"
    );
    std::fs::read(&path).unwrap()
}

/// The problems of `pdf` against the hygiene rules; `standard` is the one
/// it was asked to conform to, `electronic` whether it must carry empty
/// signature fields.
pub fn problems(pdf: &[u8], standard: PdfStandard, electronic: bool) -> Vec<String> {
    let mut found = Vec::new();
    // Read from the bytes: a reader would try to decrypt first.
    if trailers(pdf).any(|t| t.contains("/Encrypt")) {
        found.push("encrypted".to_string());
    }
    let doc = match Document::load_mem(pdf) {
        Ok(d) if d.catalog().is_ok() => d,
        Ok(_) => return [found, vec!["no document catalog".into()]].concat(),
        Err(e) => return [found, vec![format!("unreadable: {e}")]].concat(),
    };
    if !classic_xref(pdf) {
        found.push("the last startxref does not point at a classic xref table".into());
    }
    for (id, object) in &doc.objects {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        if dict.get(b"JS").is_ok() || dict.get(b"JavaScript").is_ok() {
            found.push(format!("JavaScript in object {id:?}"));
        }
        if dict.get(b"S").and_then(Object::as_name).ok() == Some(b"JavaScript") {
            found.push(format!("JavaScript action in object {id:?}"));
        }
        match dict.get(b"Type").and_then(Object::as_name).ok() {
            Some(b"XRef") => found.push("a cross-reference stream".into()),
            Some(b"ObjStm") => found.push("an object stream".into()),
            Some(b"Font") => {
                if let Some(problem) = font_not_embedded(&doc, dict) {
                    found.push(problem);
                }
            }
            _ => {}
        }
    }
    found.extend(pdfa_problems(&doc, pdf, standard));
    found.extend(field_problems(&doc, electronic));
    found
}

/// The text of every trailer dictionary of the file (one per revision).
fn trailers(pdf: &[u8]) -> impl Iterator<Item = String> + '_ {
    pdf.windows(7)
        .enumerate()
        .filter(|(_, w)| *w == b"trailer")
        .map(|(i, _)| {
            let end = (i + 400).min(pdf.len());
            let text = String::from_utf8_lossy(&pdf[i..end]).to_string();
            text.split("startxref")
                .next()
                .unwrap_or_default()
                .to_string()
        })
}

/// The file ends with a classic cross-reference table and trailer.
fn classic_xref(pdf: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&pdf[pdf.len().saturating_sub(64)..]).to_string();
    let Some(at) = text
        .rsplit_once("startxref")
        .and_then(|(_, rest)| rest.split_whitespace().next())
        .and_then(|n| n.parse::<usize>().ok())
    else {
        return false;
    };
    pdf.get(at..at + 4) == Some(b"xref")
}

/// Why a font dictionary's glyphs are not in the file, if they are not.
fn font_not_embedded(doc: &Document, font: &lopdf::Dictionary) -> Option<String> {
    let subtype = font.get(b"Subtype").and_then(Object::as_name).ok()?;
    let descriptor_of = |f: &lopdf::Dictionary| {
        f.get(b"FontDescriptor")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .ok()
            .cloned()
    };
    let descriptor = match subtype {
        b"Type3" => return None,
        b"Type0" => {
            let descendant = font
                .get(b"DescendantFonts")
                .and_then(Object::as_array)
                .ok()?
                .first()?;
            let descendant = match descendant {
                Object::Reference(id) => doc.get_dictionary(*id).ok()?.clone(),
                Object::Dictionary(d) => d.clone(),
                _ => return Some("a Type0 font without its descendant".into()),
            };
            descriptor_of(&descendant)
        }
        _ => descriptor_of(font),
    };
    let name = font
        .get(b"BaseFont")
        .and_then(Object::as_name)
        .map(|n| String::from_utf8_lossy(n).to_string())
        .unwrap_or_default();
    match descriptor {
        Some(d)
            if d.get(b"FontFile").is_ok()
                || d.get(b"FontFile2").is_ok()
                || d.get(b"FontFile3").is_ok() =>
        {
            None
        }
        _ => Some(format!("font {name} not embedded")),
    }
}

/// PDF/A-2b identification: XMP `pdfaid:part` 2 and `pdfaid:conformance`
/// B in an unfiltered metadata stream, an output intent with its profile,
/// a header of PDF 1.7 at most with the binary comment line. A plain PDF
/// must not claim to be PDF/A.
fn pdfa_problems(doc: &Document, pdf: &[u8], standard: PdfStandard) -> Vec<String> {
    let mut found = Vec::new();
    let catalog = doc.catalog().unwrap();
    let xmp = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .and_then(|id| doc.get_object(id))
        .and_then(Object::as_stream)
        .ok();
    let text = xmp
        .map(|s| String::from_utf8_lossy(&s.content).to_string())
        .unwrap_or_default();
    let id = xmp_value(&text, "pdfaid:part").zip(xmp_value(&text, "pdfaid:conformance"));
    let Some((part, conformance)) = standard.pdfa_id() else {
        if id.is_some() {
            found.push("a plain PDF claims PDF/A".into());
        }
        return found;
    };
    if id != Some((part.to_string(), conformance.to_string())) {
        found.push(format!(
            "XMP identification {id:?}, not part {part} conformance {conformance}"
        ));
    }
    if xmp.is_some_and(|s| s.dict.get(b"Filter").is_ok()) {
        found.push("the XMP metadata stream is compressed".into());
    }
    let intents = match catalog.get(b"OutputIntents") {
        Ok(Object::Reference(id)) => doc.get_object(*id).and_then(Object::as_array).ok().cloned(),
        Ok(Object::Array(a)) => Some(a.clone()),
        _ => None,
    };
    let pdfa_intent = intents.unwrap_or_default().iter().any(|i| {
        let dict = match i {
            Object::Reference(id) => doc.get_dictionary(*id).ok(),
            Object::Dictionary(d) => Some(d),
            _ => None,
        };
        dict.is_some_and(|d| {
            d.get(b"S").and_then(Object::as_name).ok() == Some(b"GTS_PDFA1")
                && d.get(b"DestOutputProfile")
                    .and_then(Object::as_reference)
                    .and_then(|id| doc.get_object(id))
                    .and_then(Object::as_stream)
                    .is_ok()
        })
    });
    if !pdfa_intent {
        found.push("no GTS_PDFA1 output intent with its ICC profile".into());
    }
    let header = String::from_utf8_lossy(&pdf[..9]).to_string();
    if !(header.starts_with("%PDF-1.") && header.as_bytes()[7] <= b'7') {
        found.push(format!("header {header}"));
    }
    if !pdf[9..16].starts_with(b"%") || pdf[10..14].iter().any(|b| *b < 128) {
        found.push("no binary comment after the header".into());
    }
    found
}

/// The value of XMP property `name`, written as an element or an attribute.
fn xmp_value(xmp: &str, name: &str) -> Option<String> {
    if let Some(start) = xmp.find(&format!("<{name}>")) {
        let rest = &xmp[start + name.len() + 2..];
        return Some(rest[..rest.find('<')?].trim().to_string());
    }
    let start = xmp.find(&format!("{name}=\""))? + name.len() + 2;
    let rest = &xmp[start..];
    Some(rest[..rest.find('"')?].to_string())
}

/// An electronic file's AcroForm lists unsigned signature widgets that
/// print, have an appearance stream, and sit on a page; a paper file has
/// no form.
fn field_problems(doc: &Document, electronic: bool) -> Vec<String> {
    let catalog = doc.catalog().unwrap();
    let fields = catalog
        .get(b"AcroForm")
        .and_then(Object::as_dict)
        .and_then(|f| f.get(b"Fields"))
        .and_then(Object::as_array)
        .ok();
    let Some(fields) = fields.filter(|_| electronic) else {
        return if electronic {
            vec!["an electronic file without signature fields".into()]
        } else if fields.is_some() {
            vec!["a paper file with a form".into()]
        } else {
            Vec::new()
        };
    };
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    let mut found = Vec::new();
    for field in fields {
        let Ok(w) = field.as_reference().and_then(|id| doc.get_dictionary(id)) else {
            found.push("a field that is not an object".into());
            continue;
        };
        let ok = w.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig")
            && w.get(b"V").is_err()
            && w.get(b"F")
                .and_then(Object::as_i64)
                .is_ok_and(|f| f & 4 == 4 && f & 0b100011 == 0)
            && w.get(b"AP")
                .and_then(Object::as_dict)
                .is_ok_and(|ap| ap.len() == 1 && ap.get(b"N").is_ok())
            && w.get(b"P")
                .and_then(Object::as_reference)
                .is_ok_and(|p| pages.contains(&p));
        if !ok {
            found.push(format!(
                "signature field {w:?} is not an unsigned, printable widget with its appearance"
            ));
        }
    }
    if fields.is_empty() {
        found.push("an electronic file without signature fields".into());
    }
    found
}

/// The ways of issuing every test goes through.
fn choices() -> [(IssuanceChoice, &'static str); 4] {
    let a2b = Some(PdfStandard::A2b);
    [
        (IssuanceChoice::default(), "giấy, PDF"),
        (
            IssuanceChoice {
                pdf_standard: a2b,
                ..Default::default()
            },
            "giấy, PDF/A-2b",
        ),
        (
            IssuanceChoice {
                electronic: true,
                ..Default::default()
            },
            "điện tử, PDF",
        ),
        (
            IssuanceChoice {
                electronic: true,
                pdf_standard: a2b,
                separate_appendices: true,
            },
            "điện tử, PDF/A-2b, phụ lục riêng",
        ),
    ]
}

#[test]
fn every_document_of_every_example_is_clean_in_every_form() {
    let mut failures = Vec::new();
    let mut kinds = std::collections::BTreeSet::new();
    for yaml in examples() {
        for (choice, how) in choices() {
            let standard = choice.pdf_standard.unwrap_or_default();
            for issued in issue_all(&yaml, choice) {
                kinds.insert(issued.kind);
                for p in problems(&issued.pdf, standard, issued.electronic) {
                    failures.push(format!("{} ({how}): {}: {p}", yaml.display(), issued.stem));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        crate::common::EVERY_KIND
    );
}

#[test]
fn the_merged_certificate_file_keeps_pdfa() {
    for yaml in examples() {
        let has_certificates = std::fs::read_to_string(&yaml)
            .unwrap()
            .contains("\ncertificates:");
        if !has_certificates {
            continue;
        }
        for (choice, how) in choices() {
            let pdf = merged_certificates(&yaml, choice);
            let standard = choice.pdf_standard.unwrap_or_default();
            // The merged file is for printing: never a form to sign.
            let found = problems(&pdf, standard, false);
            assert!(found.is_empty(), "{} ({how}): {found:?}", yaml.display());
        }
    }
}

#[test]
fn the_checks_catch_what_they_look_for() {
    let yaml = root().join("plans/lai-chau-2020-cong-van.yaml");
    let plain = issue_all(&yaml, IssuanceChoice::default()).remove(0).pdf;
    // A plain file is not PDF/A, and a paper file is not a form.
    assert!(!problems(&plain, PdfStandard::A2b, false).is_empty());
    assert!(!problems(&plain, PdfStandard::None, true).is_empty());
    // A file written again with object streams and a cross-reference stream.
    let mut doc = Document::load_mem(&plain).unwrap();
    let mut modern = Vec::new();
    doc.save_modern(&mut modern).unwrap();
    assert!(!problems(&modern, PdfStandard::None, false).is_empty());
    // JavaScript.
    let mut doc = Document::load_mem(&plain).unwrap();
    let js = doc.add_object(dictionary! {
        "S" => "JavaScript",
        "JS" => Object::string_literal("app.alert(1)"),
    });
    doc.catalog_mut().unwrap().set("OpenAction", js);
    let mut bad = Vec::new();
    doc.save_to(&mut bad).unwrap();
    let found = problems(&bad, PdfStandard::None, false);
    assert!(found.iter().any(|p| p.contains("JavaScript")), "{found:?}");
    // Encryption.
    doc.trailer.set("Encrypt", dictionary! {});
    let mut bad = Vec::new();
    doc.save_to(&mut bad).unwrap();
    let found = problems(&bad, PdfStandard::None, false);
    assert!(found.iter().any(|p| p == "encrypted"), "{found:?}");
}
