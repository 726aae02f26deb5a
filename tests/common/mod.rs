//! Helpers shared by the integration tests: one session for the whole test
//! binary (fonts and templates loaded once), and PDF text extraction.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use ocop::load::LoadOptions;
use ocop::pipeline::{self, FileReport};
use ocop::session::{Options, Session};

pub mod text_shapes;

pub fn session() -> &'static Session {
    static SESSION: OnceLock<Session> = OnceLock::new();
    SESSION.get_or_init(|| {
        Session::new(&Options::default()).expect("built-in templates and fonts load")
    })
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The YAML files of a folder, sorted.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    yaml_files_within(dir, 1)
}

/// The YAML files under a folder and its sub-folders, sorted.
pub fn yaml_files_under(dir: &Path) -> Vec<PathBuf> {
    yaml_files_within(dir, usize::MAX)
}

fn yaml_files_within(dir: &Path, depth: usize) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .max_depth(depth)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// Every plan and dispatch (two a file: they say what the rest would) of
/// the YAML files under `plans/`, sub-folders included: its name
/// (`<file stem>--<document stem>`) and document, tables and appendices
/// included.
pub fn example_documents() -> Vec<(String, ocop::doc::Document)> {
    let mut out = Vec::new();
    for file in yaml_files_under(&root().join("plans")) {
        let yaml = file.file_stem().unwrap().to_string_lossy().to_string();
        let report = prepare(&file);
        assert!(!report.has_errors(), "{file:?}");
        let mut dispatches = 0;
        for doc in report.documents {
            match doc.kind() {
                ocop::doc::DocKind::Plan => {}
                ocop::doc::DocKind::Dispatch if dispatches < 2 => dispatches += 1,
                _ => continue,
            }
            out.push((format!("{yaml}--{}", doc.file_stem), doc));
        }
    }
    assert!(out.len() >= 8, "plans/ holds plans and dispatches");
    out
}

/// The figure after `prefix` in a line of a judge's tool ("text recall
/// 0.993 …", "outline match 1.000 …"); 0 when it is not there.
pub fn figure(output: &str, prefix: &str) -> f64 {
    output
        .lines()
        .filter_map(|l| l.split_once(prefix))
        .filter_map(|(_, rest)| rest.split_whitespace().next()?.parse().ok())
        .next_back()
        .unwrap_or(0.0)
}

/// The example YAML files: those of plans/, and the example year's
/// (plans/nam-2027, a register and every document of a year).
pub fn example_files() -> Vec<PathBuf> {
    let mut files = yaml_files(&root().join("plans"));
    files.extend(yaml_files(&root().join("plans/nam-2027")));
    files
}

/// A rendered document: file stem, Typst markup, PDF bytes.
pub struct Rendered {
    pub stem: String,
    pub markup: String,
    pub pdf: Vec<u8>,
}

/// Composes `path` (which must be valid) and renders every document it describes.
pub fn render_all(path: &Path) -> Vec<Rendered> {
    let s = session();
    let report = prepare(path);
    let errors: Vec<String> = report
        .problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(!report.documents.is_empty(), "no document in {path:?}");
    report
        .documents
        .iter()
        .map(|doc| {
            let markup = s.markup(doc).expect("template renders");
            let source = markup.source.clone();
            let pdf = s.pdf(doc, markup, true).unwrap_or_else(|d| panic!("{d:?}"));
            Rendered {
                stem: doc.file_stem.clone(),
                markup: source,
                pdf,
            }
        })
        .collect()
}

/// Loads, validates and composes `path` with the shared session.
pub fn prepare(path: &Path) -> FileReport {
    pipeline::prepare(session(), path, &LoadOptions::default(), &[])
}

/// The first document of `path`: its markup and PDF.
pub fn render(path: &Path) -> (String, Vec<u8>) {
    let first = render_all(path).into_iter().next().unwrap();
    (first.markup, first.pdf)
}

/// The document of `path` written to `<stem>.pdf`.
pub fn render_named(path: &Path, stem: &str) -> Rendered {
    render_all(path)
        .into_iter()
        .find(|r| r.stem == stem)
        .unwrap_or_else(|| panic!("no document {stem} in {path:?}"))
}

/// Text of a PDF as poppler's pdftotext reads it, pages separated by \f.
pub fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext is needed by the PDF tests: apt-get install poppler-utils");
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The file names (last path part) of the paths a command printed, one per line.
pub fn printed_names(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| l.rsplit('/').next().unwrap_or(l).to_string())
        .collect()
}

/// Whitespace folded to single spaces, so justified line breaks do not matter.
pub fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn ocop() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ocop"));
    c.current_dir(root());
    c.env_remove("SOURCE_DATE_EPOCH");
    c
}

/// Runs one of the shared Python measuring tools; (exit 0, its output).
pub fn python_tool(tools: &Path, tool: &str, args: &[&Path], extra: &[&str]) -> (bool, String) {
    let out = Command::new("python3")
        .arg(tools.join(tool))
        .args(args)
        .args(extra)
        .output()
        .unwrap_or_else(|e| panic!("python3 is needed to run {tool}: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !text.contains("ModuleNotFoundError"),
        "{tool} needs its Python modules: pip install pdfplumber python-docx\n{text}"
    );
    (out.status.success(), text)
}

/// `shared/` beside the checkout (`../shared`, or `../../shared` from a
/// worktree `wt/<name>`), or `OCOP_SHARED`: the seeds and the judges'
/// tools. CI always has it; a test that needs it fails without it rather
/// than passing without having run.
pub fn shared() -> PathBuf {
    let mut candidates: Vec<PathBuf> = std::env::var_os("OCOP_SHARED")
        .map(PathBuf::from)
        .into_iter()
        .collect();
    candidates.push(root().join("../shared"));
    candidates.push(root().join("../../shared"));
    candidates
        .into_iter()
        .find(|p| p.join("seeds").is_dir() && p.join("tools").is_dir())
        .expect("shared/ (seeds and tools) not found beside the checkout: set OCOP_SHARED")
}

/// The judges' tools (`shared/tools`).
pub fn tools() -> PathBuf {
    shared().join("tools")
}

/// LibreOffice's command, which `.ci/run` installs; a test that needs a
/// real client fails without it instead of passing unchecked.
pub fn libreoffice() -> &'static str {
    ["libreoffice", "soffice"]
        .into_iter()
        .find(|exe| {
            Command::new(exe)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .expect("LibreOffice is needed (Debian: apt-get install libreoffice-writer; .ci/run installs it)")
}

/// LibreOffice's conversions of `files` (its profile kept in `dir`) to `format`.
pub fn libreoffice_convert(dir: &Path, files: &[PathBuf], format: &str, out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    let profile = dir.join("lo-profile");
    let status = Command::new(libreoffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(out)
        .args(files)
        .output()
        .expect("LibreOffice runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
}

/// nd30check's `so-ky-hieu-form` reads a ký hiệu as capitals only, so it
/// refuses NĐ 30's own type abbreviations written with small letters
/// (Phụ lục III, Mục I: TTr Tờ trình, CTr Chương trình, QyĐ Quy định).
/// Those failures are the checker's, not the document's.
pub fn checker_defect(line: &str) -> bool {
    line.starts_with("FAIL so-ky-hieu-form:")
        && ["/TTr-", "/CTr-", "/QyĐ-"].iter().any(|a| line.contains(a))
}

/// Every kind of document the example plans render (the file names' kinds),
/// in order: the tests that go through every kind check they met them all.
pub const EVERY_KIND: [&str; 10] = [
    "appendix",
    "certificate",
    "decision",
    "dispatch",
    "notice",
    "plan",
    "reminder",
    "report",
    "revocation",
    "submission",
];

/// The first line where two models differ, written out under their `names`.
pub fn model_difference(
    a: &ocop::model::PlanFile,
    b: &ocop::model::PlanFile,
    names: [&str; 2],
) -> Option<String> {
    if a == b {
        return None;
    }
    let (a, b) = (format!("{a:#?}"), format!("{b:#?}"));
    let at = a
        .lines()
        .zip(b.lines())
        .position(|(x, y)| x != y)
        .unwrap_or_else(|| a.lines().count().min(b.lines().count()));
    let context = |s: &str| {
        s.lines()
            .skip(at.saturating_sub(3))
            .take(6)
            .collect::<Vec<_>>()
            .join("\n")
    };
    Some(format!(
        "{}:\n{}\n{}:\n{}",
        names[0],
        context(&a),
        names[1],
        context(&b)
    ))
}
