//! One YAML file through the stages: load → validate → compose. The result
//! is what a command prints (every problem, in file order) and the
//! documents it may render; rendering itself is `bulk`'s.

use std::path::{Path, PathBuf};

use crate::compose;
use crate::diag::Diagnostic;
use crate::doc::{Content, DocKind, Document, MAX_WEIGHT};
use crate::load::{self, LoadOptions, SourceFile};
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
    if !only.is_empty() {
        documents.retain(|d| only.contains(&d.kind()));
    }
    let mut problems = validated.problems;
    documents.retain(|d| match too_heavy(d) {
        Some(problem) => {
            problems.push(problem.file(&path));
            false
        }
        None => true,
    });
    FileReport {
        path,
        problems,
        skipped: validated.skipped,
        documents,
    }
}

/// A document too long to lay out within the memory a run may use.
fn too_heavy(doc: &Document) -> Option<Diagnostic> {
    let (Content::Plan(a) | Content::Decision(a) | Content::Dispatch(a)) = &doc.content else {
        return None;
    };
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

/// Expands folders into the YAML files under them (sorted, so runs are stable).
pub fn collect_inputs(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    files
}
