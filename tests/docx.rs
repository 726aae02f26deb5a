//! The Word back end on every example document: LibreOffice (a real
//! client) opens each .docx and prints it; the print keeps the NĐ 30 layout
//! rules (shared/tools/nd30check.py) and the words of ocop's own PDF
//! (shared/tools/textsim.py). Also: same input, same bytes.

use crate::common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{libreoffice, python_tool, root, session, tools};
use ocop::doc::{DocKind, Document};

/// The documents of every example YAML, named `<yaml stem>--<file stem>`.
fn example_documents() -> Vec<(String, Document)> {
    let mut docs = Vec::new();
    for file in common::example_files() {
        let outcome = common::prepare(&file);
        assert!(!outcome.has_errors(), "{file:?} composes");
        let yaml = file.file_stem().unwrap().to_string_lossy().to_string();
        // Certificates are printed, not edited: they have no Word form.
        for doc in outcome
            .documents
            .into_iter()
            .filter(|d| d.kind() != DocKind::Certificate)
        {
            docs.push((format!("{yaml}--{}", doc.file_stem), doc));
        }
    }
    assert!(docs.len() >= 10, "plans/ holds the example documents");
    docs
}

/// A fontconfig setup that adds the fonts shipped with ocop, so the print
/// uses the same Times-metric font as ocop's PDF whatever the machine has.
fn fontconfig(dir: &Path) -> PathBuf {
    let conf = dir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n\
             <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n\
             <dir>{}</dir>\n<cachedir>{}</cachedir>\n</fontconfig>\n",
            root().join("fonts").display(),
            dir.join("fc-cache").display()
        ),
    )
    .unwrap();
    conf
}

/// ocop's PDF as text in pdftotext's layout mode, the mode textsim reads the
/// print in: the two columns of the header and of the signature row come out
/// interleaved line by line in both, so only the words can differ.
fn layout_text(pdf: &Path, txt: &Path) {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg(txt)
        .output()
        .expect("pdftotext is needed: apt-get install poppler-utils");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn every_example_prints_in_libreoffice_with_the_nd30_layout_and_the_pdf_text() {
    let office = libreoffice();
    let tools = tools();
    let keep = std::env::var_os("OCOP_DOCX_KEEP").map(PathBuf::from);
    let tmp = tempfile::tempdir().unwrap();
    let dir = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();

    let s = session();
    let mut names = Vec::new();
    for (name, doc) in example_documents() {
        let docx = ocop::docx::write(&doc).unwrap_or_else(|d| panic!("{name}: {d:?}"));
        std::fs::write(dir.join(format!("{name}.docx")), docx).unwrap();
        let pdf = s.pdf(&doc, s.markup(&doc).unwrap(), true).unwrap();
        let ocop_pdf = dir.join(format!("{name}.ocop.pdf"));
        std::fs::write(&ocop_pdf, pdf).unwrap();
        layout_text(&ocop_pdf, &dir.join(format!("{name}.ocop.txt")));
        names.push(name);
    }
    let printed = dir.join("printed");
    print_with_libreoffice(office, &dir, &names, &printed, tmp.path());

    let mut failures = Vec::new();
    let pdfs: Vec<PathBuf> = names
        .iter()
        .map(|n| printed.join(format!("{n}.pdf")))
        .collect();
    for (name, pdf) in names.iter().zip(&pdfs) {
        if !pdf.exists() {
            failures.push(format!("{name}: LibreOffice printed no PDF"));
            continue;
        }
        let txt = dir.join(format!("{name}.ocop.txt"));
        let (ok, report) = python_tool(&tools, "textsim.py", &[pdf, &txt], &["0.99"]);
        if !ok {
            failures.push(format!(
                "{name}: text of ocop's PDF not reproduced\n{report}"
            ));
        }
    }
    let existing: Vec<&Path> = pdfs
        .iter()
        .filter(|p| p.exists())
        .map(|p| p.as_path())
        .collect();
    let (ok, report) = python_tool(&tools, "nd30check.py", &existing, &[]);
    let broken: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("FAIL") && !checker_defect(l))
        .collect();
    if !ok && !broken.is_empty() {
        failures.push(format!(
            "NĐ 30 rules broken in LibreOffice's print:\n{report}"
        ));
    }
    failures.extend(printed_without_times(&existing));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// nd30check's `so-ky-hieu-form` reads a ký hiệu as capitals only, so it
/// refuses NĐ 30's own type abbreviations written with small letters
/// (Phụ lục III, Mục I: TTr Tờ trình, CTr Chương trình, QyĐ Quy định).
/// Those failures are the checker's, not the document's.
fn checker_defect(line: &str) -> bool {
    line.starts_with("FAIL so-ky-hieu-form:")
        && ["/TTr-", "/CTr-", "/QyĐ-"].iter().any(|a| line.contains(a))
}

/// One LibreOffice run printing every `<name>.docx` of `dir` into
/// `printed`, with a private profile (under `tmp`) so it neither meets a
/// running instance nor leaves state behind.
fn print_with_libreoffice(office: &str, dir: &Path, names: &[String], printed: &Path, tmp: &Path) {
    let profile = tmp.join("lo-profile");
    let docx_files: Vec<PathBuf> = names
        .iter()
        .map(|n| dir.join(format!("{n}.docx")))
        .collect();
    let out = Command::new(office)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(printed)
        .args(&docx_files)
        .env("FONTCONFIG_FILE", fontconfig(tmp))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "LibreOffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The prints that used a fallback font instead of the Times-metric one.
fn printed_without_times(pdfs: &[&Path]) -> Vec<String> {
    let mut failures = Vec::new();
    for pdf in pdfs {
        let fonts = Command::new("pdffonts").arg(pdf).output().unwrap();
        let fonts = String::from_utf8_lossy(&fonts.stdout);
        if !fonts.contains("LiberationSerif") && !fonts.contains("TimesNewRoman") {
            failures.push(format!(
                "{}: printed without a Times font:\n{fonts}",
                pdf.display()
            ));
        }
    }
    failures
}

#[test]
fn same_document_same_bytes() {
    for (name, doc) in example_documents() {
        let a = ocop::docx::write(&doc).unwrap();
        let b = ocop::docx::write(&doc.clone()).unwrap();
        assert!(a == b, "{name}: two writes differ");
    }
}

/// The text of every part of a .docx.
fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

#[test]
fn every_example_is_well_formed_and_dated_by_the_document() {
    for (name, doc) in example_documents() {
        let bytes = ocop::docx::write(&doc).unwrap();
        for (part, text) in parts(&bytes) {
            let mut reader = quick_xml::Reader::from_str(&text);
            reader.config_mut().check_end_names = true;
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{name} {part}: {e}"),
                }
            }
            if part == "docProps/core.xml" {
                let t = doc.timestamp;
                let when = format!("{:04}-{:02}-{:02}T00:00:00Z", t.year, t.month, t.day);
                assert!(text.contains(&when), "{name}: {text}");
            }
        }
    }
}
