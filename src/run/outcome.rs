//! What a run did, in one value a command prints: each input's problems
//! and status, the files written and removed, the documents that failed,
//! whether it was stopped.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::pipeline::FileReport;

/// One run's result.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Each input, in the order given.
    pub inputs: Vec<InputOutcome>,
    /// The documents the run set out to render.
    pub documents: usize,
    /// Those whose files (or place in the merged file) are all written.
    pub rendered: usize,
    /// Those `ocop watch` left alone because nothing in them changed.
    pub unchanged: usize,
    /// The files written, in list order.
    pub written: Vec<PathBuf>,
    /// The documents that could not be rendered.
    pub failed: Vec<Failure>,
    /// Problems of the run itself, not of an input or a document: a
    /// merged file or a file beside an emitted `.typ` not written, an
    /// output folder whose record of its files could not be kept.
    pub problems: Vec<Diagnostic>,
    /// `--merge`: the merged file could not be written.
    pub merge_failed: bool,
    /// Certificates were left out: they have no Word form, and only Word
    /// was asked for.
    pub certificates_left_out: bool,
    /// Stopped on request (Ctrl-C, SIGTERM, SIGHUP) before the end; every
    /// file written is whole.
    pub interrupted: bool,
    /// The font the documents are set in and where it comes from, as the
    /// run's summary says it ("phông chữ: Times New Roman (của máy, …)").
    pub font: String,
}

/// What became of one input file.
#[derive(Debug, Default)]
pub struct InputOutcome {
    pub path: PathBuf,
    /// Its output folder.
    pub dir: PathBuf,
    /// Every problem found in it, in file order, and why it has nothing
    /// to render when it has not.
    pub problems: Vec<Diagnostic>,
    /// Product rows left out for their own problems ("dòng 7").
    pub skipped: Vec<String>,
    /// The documents it describes (of the kinds asked for) that can be rendered.
    pub documents: usize,
    /// Every document's files are on disk (written now or unchanged), so
    /// it replaced what an earlier run wrote for it.
    pub complete: bool,
    /// The files of an earlier run it replaced: no longer described.
    pub removed: Vec<PathBuf>,
    /// When it was not complete: the files of an earlier run it left in
    /// place (none is removed until every document is written).
    pub kept: Vec<PathBuf>,
    /// Its documents' files on disk after the run, in list order.
    pub files: Vec<PathBuf>,
}

/// A document that could not be rendered.
#[derive(Debug)]
pub struct Failure {
    /// Its file stem (`ke-hoach`).
    pub document: String,
    pub problems: Vec<Diagnostic>,
}

/// How a run ended, as an exit code says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Success,
    /// An input had errors, or a document or file could not be written.
    Failed,
    Interrupted,
}

impl InputOutcome {
    pub(crate) fn new(report: &FileReport, dir: PathBuf) -> InputOutcome {
        InputOutcome {
            path: report.path.clone(),
            dir,
            problems: report.problems.clone(),
            skipped: report.skipped.clone(),
            documents: report.documents.len(),
            ..InputOutcome::default()
        }
    }

    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }

    /// The first PDF of its documents, once all their files are on disk.
    pub fn first_pdf(&self) -> Option<&Path> {
        let pdf = self
            .files
            .iter()
            .find(|p| p.extension().is_some_and(|e| e == "pdf"));
        pdf.filter(|_| self.complete).map(PathBuf::as_path)
    }
}

impl Outcome {
    pub fn status(&self) -> Status {
        let errors = self.inputs.iter().any(InputOutcome::has_errors)
            || !self.failed.is_empty()
            || self.merge_failed
            || self.problems.iter().any(Diagnostic::is_error);
        if self.interrupted {
            Status::Interrupted
        } else if errors {
            Status::Failed
        } else {
            Status::Success
        }
    }

    /// The rows left out of every input.
    pub fn skipped(&self) -> impl Iterator<Item = &str> {
        self.inputs
            .iter()
            .flat_map(|i| i.skipped.iter().map(String::as_str))
    }

    /// The documents' files written (PDF and Word, not `.typ` sources and
    /// what goes beside them).
    pub fn documents_written(&self) -> usize {
        self.written
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "pdf" || e == "docx"))
            .count()
    }
}
