//! What `ocop watch` remembers of each input between saves, so that a save
//! that changed nothing renders nothing and one that changed a paragraph
//! writes only the documents that paragraph is in. Both questions are
//! answered by content hashes (128-bit, of the bytes of the files read and
//! of the composed documents), never by times or by printed forms.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use typst::utils::hash128;

use super::{InputOutcome, Outcome, Output, Run, Stop};
use crate::bulk::Job;
use crate::load::LoadOptions;
use crate::pipeline;
use crate::write::outputs;

/// How long a watched file may be missing in the middle of a save.
const REAPPEAR: Duration = Duration::from_millis(500);

/// One watched YAML file and what was last made of it.
pub struct Tracked {
    pub path: PathBuf,
    /// Its output folder.
    pub dir: PathBuf,
    /// The YAML and the files it names, as the watcher reports them.
    watched: Vec<PathBuf>,
    /// The files it names, as the pipeline was given them.
    named: Vec<PathBuf>,
    /// What the YAML and the files it names held when last read.
    fingerprint: Option<u128>,
    /// Each document's content when its files were last written, by its
    /// first output file.
    written: HashMap<PathBuf, u128>,
    /// The files written beside emitted `.typ` files (`--emit-typ`).
    companions: BTreeSet<PathBuf>,
}

impl Tracked {
    /// The inputs `files`, each with its folder under `out`.
    pub fn all(files: &[PathBuf], out: &Path) -> Vec<Tracked> {
        files
            .iter()
            .zip(outputs::folders(out, files))
            .map(|(path, dir)| Tracked {
                path: path.clone(),
                dir,
                watched: seen_as(path),
                named: Vec::new(),
                fingerprint: None,
                written: HashMap::new(),
                companions: BTreeSet::new(),
            })
            .collect()
    }

    /// The files whose change renders this input again, as the watcher
    /// names them.
    pub fn watched(&self) -> &[PathBuf] {
        &self.watched
    }

    pub fn depends_on(&self, touched: &BTreeSet<PathBuf>) -> bool {
        self.watched.iter().any(|p| touched.contains(p))
    }

    /// Reads the input again if anything it reads changed since the last
    /// time, and writes the documents whose content changed. `None` when
    /// nothing it reads changed.
    pub fn refresh(&mut self, run: &Run<'_>, output: &Output) -> Option<Outcome> {
        let session = run.session;
        wait_for(&self.path, run.stop);
        let now = fingerprint(std::iter::once(&self.path).chain(&self.named));
        if self.fingerprint == Some(now) {
            return None;
        }
        self.fingerprint = Some(now);
        let options = LoadOptions {
            issuance: output.issuance,
            ..LoadOptions::default()
        };
        let report = pipeline::prepare(session, &self.path, &options, &output.only);
        if report.named_files != self.named {
            // The YAML names other files now: take them into the fingerprint.
            self.named = report.named_files.clone();
            self.fingerprint = Some(fingerprint(std::iter::once(&self.path).chain(&self.named)));
        }
        self.watched = std::iter::once(&self.path)
            .chain(&self.named)
            .flat_map(|p| seen_as(p))
            .collect();
        let mut outcome = Outcome::new(session);
        let mut input = InputOutcome::new(&report, self.dir.clone());
        input
            .problems
            .extend(super::nothing_to_render(&report, &output.only));
        run.observer.read(&input);
        if input.has_errors() || input.documents == 0 {
            outcome.inputs.push(input);
            return Some(outcome);
        }
        let jobs: Vec<Job<'_>> = report
            .documents
            .iter()
            .map(|d| output.job(&self.dir, d))
            .filter(|j| j.outputs().next().is_some())
            .collect();
        self.write_changed(run, output, &jobs, &mut input, &mut outcome);
        outcome.inputs.push(input);
        Some(outcome)
    }

    /// Renders the `jobs` whose content changed since they were last
    /// written (or whose files are gone), then replaces what the input owned.
    fn write_changed(
        &mut self,
        run: &Run<'_>,
        output: &Output,
        jobs: &[Job<'_>],
        input: &mut InputOutcome,
        outcome: &mut Outcome,
    ) {
        let contents: Vec<u128> = jobs.iter().map(content).collect();
        let unchanged = |(j, c): &(&Job<'_>, &u128)| {
            j.outputs()
                .next()
                .is_some_and(|first| self.written.get(first) == Some(c))
                && j.outputs().all(|p| p.is_file())
        };
        let (same, changed): (Vec<_>, Vec<_>) = jobs.iter().zip(&contents).partition(unchanged);
        let to_render: Vec<Job<'_>> = changed.iter().map(|(j, _)| (*j).clone()).collect();
        let written = run.write_jobs(&to_render, outcome);
        for (j, c) in &changed {
            if j.outputs().all(|p| written.contains(p))
                && let Some(first) = j.outputs().next()
            {
                self.written.insert(first.clone(), **c);
            }
        }
        outcome.unchanged = same.len();
        let new = run.emit_companions(output, &to_render, &written, outcome);
        // Those written beside unchanged documents earlier are still there.
        self.companions.extend(new);
        self.companions.retain(|p| p.is_file());
        let companions: Vec<PathBuf> = self.companions.iter().cloned().collect();
        let mut present = written;
        present.extend(same.iter().flat_map(|(j, _)| j.outputs().cloned()));
        let all: Vec<&Job<'_>> = jobs.iter().collect();
        let stopped = outcome.interrupted || !outcome.failed.is_empty();
        let problem = super::finish_input(
            run.observer,
            input,
            output,
            &all,
            &present,
            &companions,
            stopped,
        );
        outcome.problems.extend(problem);
    }
}

/// Waits a moment for `path` if it is missing: an editor that saves by
/// renaming may have moved the old file away and not yet put the new one
/// in its place. If it stays missing, loading it says so.
fn wait_for(path: &Path, stop: &Stop) {
    let deadline = Instant::now() + REAPPEAR;
    while !path.exists() && Instant::now() < deadline && !stop.requested() {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The largest input any loader accepts (a workbook); anything larger is
/// refused when loaded, and never read whole here.
const LARGEST_INPUT: u64 = 64 << 20;

/// What `paths` hold now (a missing or unreadable file counts as such).
fn fingerprint<'a>(paths: impl IntoIterator<Item = &'a PathBuf>) -> u128 {
    let each: Vec<(&PathBuf, u128)> = paths
        .into_iter()
        .map(|p| {
            // Only a regular file of a plan's size is read: a named pipe
            // would block the watch, a huge file fill memory; either is
            // then refused by loading, with its reason.
            let held = crate::regular::read(p, LARGEST_INPUT).map_err(|r| r.reason());
            (p, hash128(&held))
        })
        .collect();
    hash128(&each)
}

/// What the document of `job` holds, and the forms it is written in.
fn content(job: &Job<'_>) -> u128 {
    let outputs: Vec<&PathBuf> = job.outputs().collect();
    hash128(&(job.doc, outputs))
}

/// The paths under which a save of `path` is seen: its own, and for a
/// symbolic link the file it leads to (an editor saves the target, in
/// the target's folder).
fn seen_as(path: &Path) -> Vec<PathBuf> {
    let own = absolute(path);
    match std::fs::canonicalize(path) {
        Ok(target) if target != own => vec![own, target],
        _ => vec![own],
    }
}

/// `path` as the watcher names it: its folder resolved (links, `..`), so
/// it compares equal with the paths of events.
pub fn absolute(path: &Path) -> PathBuf {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (std::fs::canonicalize(folder), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_follow_content_not_time() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.yaml");
        std::fs::write(&a, "một").unwrap();
        let first = fingerprint([&a]);
        // Written again with the same bytes: the same fingerprint.
        std::fs::write(&a, "một").unwrap();
        assert_eq!(fingerprint([&a]), first);
        std::fs::write(&a, "hai").unwrap();
        assert_ne!(fingerprint([&a]), first);
        // A missing file is a state of its own.
        let missing = dir.path().join("b.csv");
        assert_ne!(fingerprint([&a, &missing]), fingerprint([&a]));
    }
}
