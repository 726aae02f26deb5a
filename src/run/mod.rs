//! A run: what one command does from the files it is given to the files
//! it leaves. It collects the inputs (each file once), reads each through
//! the pipeline, places every form of every document in its input's output
//! folder, clears what a killed run left there, renders on every core,
//! writes what `--emit-typ` sources need beside them, replaces the files an
//! earlier run wrote and this one no longer describes, and returns one
//! [`Outcome`]. The commands print it; they decide nothing.
//!
//! `ocop watch` runs the same steps for one input at a time, for the
//! documents whose content changed ([`track`]), when the file system says
//! a file was saved ([`watch`]).

mod certificates;
mod failures;
pub mod inputs;
mod outcome;
mod owned;
mod place;
pub mod register;
mod stop;
pub mod track;
pub mod watch;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use certificates::Certificates;
pub use outcome::{Failure, InputOutcome, Outcome, Status};
pub use place::{Format, Output, folder};
pub use stop::Stop;

use crate::bulk::{self, Job};
use crate::diag::Diagnostic;
use crate::doc::DocKind;
use crate::load::{IssuanceChoice, LoadOptions};
use crate::pipeline::{self, FileReport};
use crate::session::Session;
use crate::write::{self, outputs};

/// What a run tells as it goes, for a command to show at once rather than
/// at the end: problems before a long render, a progress bar during it.
pub trait Observer: Sync {
    /// An input was read, checked and composed: its problems are known.
    fn read(&self, _input: &InputOutcome) {}
    /// The documents are about to be rendered (`so_far.documents` of them).
    fn rendering(&self, _so_far: &Outcome) {}
    /// One more document is done (written or failed).
    fn rendered(&self) {}
    /// The files of an earlier run about to be removed (no longer described).
    fn removing(&self, _files: &[PathBuf]) {}
}

/// Observes nothing.
pub struct Quietly;
impl Observer for Quietly {}

/// What every step of a run shares: the session, the stop request and
/// whoever is shown the progress.
pub struct Run<'a> {
    pub session: &'a Session,
    pub stop: &'a Stop,
    pub observer: &'a dyn Observer,
}

impl Outcome {
    fn new(session: &Session) -> Outcome {
        Outcome {
            font: session.font_summary(),
            ..Outcome::default()
        }
    }
}

impl Run<'_> {
    /// `ocop check`: every input read, checked and composed as it would be
    /// issued; nothing written.
    pub fn check(&self, files: &[PathBuf], issuance: IssuanceChoice) -> Outcome {
        let mut outcome = Outcome::new(self.session);
        let options = LoadOptions {
            issuance,
            ..LoadOptions::default()
        };
        for path in files {
            let report = pipeline::prepare(self.session, path, &options, &[]);
            let input = InputOutcome::new(&report, PathBuf::new());
            self.observer.read(&input);
            outcome.inputs.push(input);
        }
        outcome
    }

    /// `ocop render`: every document of every input, in the forms asked for,
    /// each input in its own folder under `output.out`.
    pub fn render(&self, files: &[PathBuf], output: &Output) -> Outcome {
        let mut outcome = Outcome::new(self.session);
        let dirs = outputs::folders(&output.out, files);
        let options = LoadOptions {
            issuance: output.issuance,
            ..LoadOptions::default()
        };
        let reports: Vec<FileReport> = files
            .iter()
            .zip(dirs)
            .map(|(path, dir)| {
                let report = pipeline::prepare(self.session, path, &options, &output.only);
                let mut input = InputOutcome::new(&report, dir);
                input
                    .problems
                    .extend(nothing_to_render(&report, &output.only));
                self.observer.read(&input);
                outcome.inputs.push(input);
                report
            })
            .collect();
        // Every document's job, and the input it comes from.
        let (owners, jobs): (Vec<usize>, Vec<Job<'_>>) = reports
            .iter()
            .enumerate()
            .flat_map(|(i, r)| {
                let dir = &outcome.inputs[i].dir;
                r.documents.iter().map(move |d| (i, output.job(dir, d)))
            })
            .filter(|(_, j)| j.outputs().next().is_some())
            .unzip();
        outcome.certificates_left_out = output.leaves_out_certificates()
            && reports
                .iter()
                .any(|r| r.documents.iter().any(|d| d.kind() == DocKind::Certificate));
        let written = self.write_jobs(&jobs, &mut outcome);
        let companions = self.emit_companions(output, &jobs, &written, &mut outcome);
        let interrupted = outcome.interrupted;
        let mut problems = Vec::new();
        for (i, input) in outcome.inputs.iter_mut().enumerate() {
            let own: Vec<&Job<'_>> = jobs
                .iter()
                .zip(&owners)
                .filter(|(_, owner)| **owner == i)
                .map(|(j, _)| j)
                .collect();
            problems.extend(finish_input(
                self.observer,
                input,
                output,
                &own,
                &written,
                &companions,
                interrupted,
            ));
        }
        outcome.problems.extend(problems);
        outcome
    }

    /// Renders `jobs` on every core after clearing what a killed run left
    /// in their folders; counts them in `outcome` and returns the files
    /// written.
    fn write_jobs(&self, jobs: &[Job<'_>], outcome: &mut Outcome) -> Vec<PathBuf> {
        let mut folders: Vec<&Path> = jobs
            .iter()
            .flat_map(|j| j.outputs().filter_map(|p| p.parent()))
            .collect();
        folders.sort();
        folders.dedup();
        for dir in folders {
            write::remove_stale_temp_files(dir);
        }
        outcome.documents += jobs.len();
        self.observer.rendering(outcome);
        let done = bulk::render_each(self.session, jobs, self.stop.flag(), &|| {
            self.observer.rendered()
        });
        let written: HashSet<&PathBuf> = done.written.iter().collect();
        outcome.rendered += jobs
            .iter()
            .filter(|j| j.outputs().all(|p| written.contains(p)))
            .count();
        absorb(outcome, done)
    }

    /// With `--emit-typ`: what the written sources need beside them.
    fn emit_companions(
        &self,
        output: &Output,
        jobs: &[Job<'_>],
        written: &[PathBuf],
        outcome: &mut Outcome,
    ) -> Vec<PathBuf> {
        if !output.emit_typ {
            return Vec::new();
        }
        let (files, problems) = owned::companions(self.session, jobs, written);
        outcome.problems.extend(problems);
        files
    }
}

/// Adds what the workers did to `outcome`; returns the files written.
fn absorb(outcome: &mut Outcome, done: bulk::BulkOutcome) -> Vec<PathBuf> {
    outcome.failed.extend(
        done.failed
            .into_iter()
            .map(|(document, problems)| Failure { document, problems }),
    );
    outcome.interrupted |= done.interrupted;
    outcome
        .problems
        .extend(done.merge_failed.unwrap_or_default());
    outcome.written.extend(done.written.iter().cloned());
    done.written
}

/// Marks `input` complete when every file of its documents is `present`
/// (and the run was not `stopped`), and then replaces what it owned (else
/// counts what it keeps of an earlier run); the problem of a folder whose
/// record could not be kept.
fn finish_input(
    observer: &dyn Observer,
    input: &mut InputOutcome,
    output: &Output,
    jobs: &[&Job<'_>],
    present: &[PathBuf],
    companions: &[PathBuf],
    stopped: bool,
) -> Option<Diagnostic> {
    let on_disk: HashSet<&PathBuf> = present.iter().collect();
    input.files = jobs
        .iter()
        .flat_map(|j| j.outputs())
        .filter(|p| on_disk.contains(p))
        .cloned()
        .collect();
    input.complete = !stopped
        && input.documents > 0
        && jobs
            .iter()
            .all(|j| j.outputs().all(|p| on_disk.contains(p)));
    if !input.complete {
        input.kept = outputs::previous(&input.dir, &output.sets(), present);
        return None;
    }
    match owned::replace(
        observer,
        &input.dir,
        &output.sets(),
        jobs,
        present,
        companions,
    ) {
        Ok(removed) => {
            input.removed = removed;
            None
        }
        Err(d) => Some(d),
    }
}

/// What to say of an input that reads without errors but has nothing to
/// render: the kinds `--only` left out (and how to get them), or that the
/// file describes no document at all.
pub fn nothing_to_render(r: &FileReport, only: &[DocKind]) -> Option<Diagnostic> {
    if r.has_errors() || !r.documents.is_empty() {
        return None;
    }
    let value = |k: &DocKind| {
        clap::ValueEnum::to_possible_value(k)
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    };
    let listed = |kinds: &[DocKind]| {
        kinds
            .iter()
            .map(|k| format!("{} ({})", k.name(), value(k)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let d = if r.left_out.is_empty() {
        Diagnostic::warning("tệp không mô tả văn bản nào, không có gì để dựng").hint(
            "thêm phần plan:, decisions:, dispatches: hoặc certificates: (xem docs/schema.md, hoặc tạo tệp mẫu bằng `ocop new`)",
        )
    } else {
        let asked: Vec<String> = only.iter().map(value).collect();
        let have: Vec<String> = r.left_out.iter().map(value).collect();
        Diagnostic::warning(format!(
            "tệp không có văn bản nào thuộc loại đã chọn (--only {}); tệp có: {}",
            asked.join(","),
            listed(&r.left_out)
        ))
        .hint(format!(
            "bỏ --only để dựng mọi văn bản, hoặc dùng --only {}",
            have.join(",")
        ))
    };
    Some(d.file(&r.path))
}
