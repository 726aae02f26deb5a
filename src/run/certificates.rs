//! `ocop certificates`: the certificates of one round, one PDF each or all
//! in one file for printing. Bad rows are reported and skipped; the rest
//! are produced.

use std::path::{Path, PathBuf};

use super::place::MERGED_SET;
use super::{Format, InputOutcome, Outcome, Output, Run, owned};
use crate::bulk::{self, Job};
use crate::doc::DocKind;
use crate::load::LoadOptions;
use crate::pipeline;
use crate::write::{self, outputs};

/// What a certificates run is asked for.
#[derive(Debug, Clone)]
pub struct Certificates {
    /// The YAML file with its `certificates` section.
    pub file: PathBuf,
    /// The product list that replaces the file's own, and its sheet.
    pub load: LoadOptions,
    /// The folder under which the file gets a folder of its own.
    pub out: PathBuf,
    /// All certificates in one file (`giay-chung-nhan.pdf`), in list order.
    pub merge: bool,
}

/// The folder of a batch: the input's own, or with a product list given
/// on the command line, one named after that list too. A batch from
/// another list is written beside the previous one, never over it (its
/// certificates would otherwise be deleted as no longer listed).
fn batch_folder(input_dir: PathBuf, products: Option<&Path>) -> PathBuf {
    let Some(list) = products.and_then(Path::file_stem) else {
        return input_dir;
    };
    let mut name = input_dir.file_name().unwrap_or_default().to_os_string();
    name.push("-");
    name.push(list);
    input_dir.with_file_name(name)
}

/// The title of the merged file.
const MERGED_TITLE: &str = "Giấy chứng nhận sản phẩm OCOP";

impl Run<'_> {
    /// Renders the certificates `request` asks for. Nothing is rendered when
    /// the file gives none (the outcome then counts no document).
    pub fn certificates(&self, request: &Certificates) -> Outcome {
        let (session, observer) = (self.session, self.observer);
        let mut outcome = Outcome::new(session);
        let report = pipeline::prepare(
            session,
            &request.file,
            &request.load,
            &[DocKind::Certificate],
        );
        let dir = batch_folder(
            outputs::folders(&request.out, std::slice::from_ref(&request.file)).remove(0),
            request.load.products.as_deref(),
        );
        let mut input = InputOutcome::new(&report, dir.clone());
        observer.read(&input);
        if report.documents.is_empty() {
            outcome.inputs.push(input);
            return outcome;
        }
        write::remove_stale_temp_files(&dir);
        write::remove_stale_temp_files(&super::folder(&dir, DocKind::Certificate));
        let output = Output {
            out: request.out.clone(),
            only: vec![DocKind::Certificate],
            formats: vec![Format::Pdf],
            emit_typ: false,
            issuance: request.load.issuance,
        };
        if request.merge {
            outcome.documents = report.documents.len();
            observer.rendering(&outcome);
            let name = format!("{}.pdf", write::CERTIFICATES_DIR);
            let done = bulk::render_merged(
                session,
                &report.documents,
                MERGED_TITLE,
                &dir.join(&name),
                self.stop.flag(),
                &|| observer.rendered(),
            );
            outcome.merge_failed = done.merge_failed.is_some();
            let written = !done.written.is_empty();
            let failed = done.failed.len();
            super::absorb(&mut outcome, done);
            if written {
                // The certificates inside the one file count as written.
                outcome.rendered = outcome.documents - failed;
                input.complete = true;
                input.files = vec![dir.join(&name)];
                let owned = [outputs::Owned {
                    set: MERGED_SET.into(),
                    file: name,
                }];
                match owned::replace_files(observer, &dir, &[MERGED_SET.to_string()], &owned) {
                    Ok(removed) => input.removed = removed,
                    Err(d) => outcome.problems.push(d),
                }
            }
        } else {
            let jobs: Vec<Job<'_>> = report
                .documents
                .iter()
                .map(|d| output.job(&dir, d))
                .collect();
            let written = self.write_jobs(&jobs, &mut outcome);
            let all: Vec<&Job<'_>> = jobs.iter().collect();
            let interrupted = outcome.interrupted;
            let problem = super::finish_input(
                observer,
                &mut input,
                &output,
                &all,
                &written,
                &[],
                interrupted,
            );
            outcome.problems.extend(problem);
        }
        outcome.inputs.push(input);
        outcome
    }
}
