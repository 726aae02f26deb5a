//! One YAML file through the stages: load → validate → compose. The result
//! is what a command prints (every problem, in file order) and the
//! documents it may render; rendering itself is `bulk`'s.

use std::path::{Path, PathBuf};

use crate::compose;
use crate::diag::Diagnostic;
use crate::doc::{DocKind, Document, MAX_WEIGHT};
use crate::issuance;
use crate::load::{self, LoadOptions, SourceFile};
use crate::numbering;
use crate::session::Session;
use crate::validate;
use crate::vn;

/// What one input file gave.
pub struct FileReport {
    pub path: PathBuf,
    /// Every problem found, errors and warnings, located.
    pub problems: Vec<Diagnostic>,
    /// Product rows left out because of their own problems ("dòng 7").
    pub skipped: Vec<String>,
    /// The documents to render (of the kinds asked for); empty when the
    /// file has errors that stop its documents.
    pub documents: Vec<Document>,
    /// The files the YAML names beside it (spreadsheets, the logo), read
    /// or not: what `watch` watches besides the YAML itself.
    pub named_files: Vec<PathBuf>,
    /// The kinds of the documents the file describes that `only` left
    /// out, each once, in the order the file gives them.
    pub left_out: Vec<DocKind>,
}

impl FileReport {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }
}

/// Loads, validates and composes `path`, keeping documents of the kinds in
/// `only` (all when empty).
pub fn prepare(
    session: &Session,
    path: &Path,
    options: &LoadOptions,
    only: &[DocKind],
) -> FileReport {
    match SourceFile::read(path) {
        Ok(source) => prepare_source(session, source, options, only),
        Err(d) => FileReport {
            path: path.to_path_buf(),
            problems: vec![d],
            skipped: Vec::new(),
            documents: Vec::new(),
            named_files: Vec::new(),
            left_out: Vec::new(),
        },
    }
}

/// [`prepare`] for a source already read.
pub fn prepare_source(
    session: &Session,
    source: SourceFile,
    options: &LoadOptions,
    only: &[DocKind],
) -> FileReport {
    let path = source.path.clone();
    let loaded = load::load_source(source, options);
    let validated = validate::validate(&loaded, &|c| session.has_glyph(c));
    let mut documents = validated
        .checked
        .as_ref()
        .map(compose::documents)
        .unwrap_or_default();
    let mut left_out = Vec::new();
    if !only.is_empty() {
        for d in documents.iter().filter(|d| !only.contains(&d.kind())) {
            if !left_out.contains(&d.kind()) {
                left_out.push(d.kind());
            }
        }
        documents.retain(|d| only.contains(&d.kind()));
    }
    let mut problems = numbered(&loaded, validated.problems);
    documents.retain(|d| match too_heavy(d) {
        Some(problem) => {
            problems.push(problem.file(&path));
            false
        }
        None => true,
    });
    if let Some(model) = &loaded.model {
        documents = issuance::apply(model, documents);
    }
    FileReport {
        path,
        problems,
        skipped: validated.skipped,
        documents,
        named_files: named_files(&loaded),
        left_out,
    }
}

/// Loads and validates `path` and hands what passed to `then`: for the
/// commands that act on a file's data without rendering it (the register
/// written back or exported). `None` when the file has errors; every
/// problem, errors and warnings, is returned either way.
pub fn with_checked<T>(
    path: &Path,
    then: impl FnOnce(&validate::Checked<'_>) -> T,
) -> (Vec<Diagnostic>, Option<T>) {
    let source = match SourceFile::read(path) {
        Ok(source) => source,
        Err(d) => return (vec![d], None),
    };
    let loaded = load::load_source(source, &LoadOptions::default());
    // Nothing is typeset, so every character will do.
    let validated = validate::validate(&loaded, &|_| true);
    let problems = numbered(&loaded, validated.problems);
    let out = if problems.iter().any(Diagnostic::is_error) {
        None
    } else {
        validated.checked.as_ref().map(then)
    };
    (problems, out)
}

/// `problems` naming sections by the numbers the documents print.
fn numbered(loaded: &load::Loaded, mut problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    if let Some(model) = &loaded.model {
        let outline = numbering::outline(model);
        for d in &mut problems {
            d.number_sections(&outline);
        }
    }
    problems
}

/// A document too long to lay out within the memory a run may use.
fn too_heavy(doc: &Document) -> Option<Diagnostic> {
    let a = doc.content.administrative()?;
    let weight = a.weight();
    (weight > MAX_WEIGHT).then(|| {
        Diagnostic::error(format!(
            "{} {}.pdf quá dài để dựng: khoảng {} đoạn văn và dòng bảng, tối đa {}",
            doc.kind().name(),
            doc.file_stem,
            vn::group_thousands(weight as u64),
            vn::group_thousands(MAX_WEIGHT as u64)
        ))
        .hint("một văn bản thật dài nhất cũng chỉ vài trăm đoạn; kiểm tra xem có phần nào bị chép lặp nhiều lần, hoặc tách thành nhiều văn bản")
    })
}

/// The spreadsheets and the logo `loaded` names.
fn named_files(loaded: &load::Loaded) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = loaded.lists.iter().map(|l| l.file.clone()).collect();
    let logo = loaded
        .model
        .as_ref()
        .and_then(|m| m.certificates.as_ref())
        .and_then(|c| c.logo.as_deref());
    if let Some(logo) = logo {
        let dir = loaded
            .source
            .path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if let Ok(path) = load::files::inside(dir, logo) {
            files.push(path);
        }
    }
    files
}
