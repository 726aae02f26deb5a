//! The commands, one file each, and what they share: printing, opening the
//! session, where documents go, the progress bar and Ctrl-C.

pub mod certificates;
pub mod check;
pub mod new;
pub mod render;
pub mod templates;

use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use ocop::bulk::Job;
use ocop::diag::Diagnostic;
use ocop::doc::{DocKind, Document};
use ocop::session::{Options, Session};
use ocop::write::{self, outputs};

/// Exit code for input problems.
pub const INPUT_ERRORS: u8 = 1;
/// Exit code of a run stopped with Ctrl-C, as shells expect (128 + SIGINT).
pub const INTERRUPTED: u8 = 130;

/// Set by Ctrl-C: workers finish the document in hand and stop.
pub static STOP: AtomicBool = AtomicBool::new(false);

pub fn on_ctrl_c() {
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::Relaxed));
}

/// Prints problems to stderr as the user reads them.
pub fn report(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", d.render());
    }
}

/// A line to stderr; a closed stderr is not worth a crash.
pub fn say(line: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Prints a written file's path to stdout (a closed pipe is not an error).
pub fn print_path(path: &Path) {
    let _ = writeln!(
        std::io::stdout().lock(),
        "{}",
        ocop::diag::display_path(path)
    );
}

/// The session, or its problems printed and the exit code to return.
pub fn session(options: &Options) -> Result<Session, ExitCode> {
    Session::new(options).map_err(|diags| {
        report(&diags);
        ExitCode::from(INPUT_ERRORS)
    })
}

/// Where `doc` is written in its input's folder `dir`.
pub fn job<'a>(dir: &Path, doc: &'a Document, emit_typ: bool) -> Job<'a> {
    let dir = folder(dir, doc.kind());
    Job {
        doc,
        pdf: dir.join(format!("{}.pdf", doc.file_stem)),
        typ: emit_typ.then(|| dir.join(format!("{}.typ", doc.file_stem))),
    }
}

/// The folder documents of `kind` go to, in their input's folder `dir`.
pub fn folder(dir: &Path, kind: DocKind) -> PathBuf {
    match kind {
        DocKind::Certificate => dir.join(write::CERTIFICATES_DIR),
        DocKind::Plan | DocKind::Decision | DocKind::Dispatch => dir.to_path_buf(),
    }
}

/// The name of the set of files a kind owns in a folder.
pub fn set_of(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Plan => "plan",
        DocKind::Decision => "decision",
        DocKind::Dispatch => "dispatch",
        DocKind::Certificate => "certificate",
    }
}

/// Records what `jobs` wrote in `dir` and removes what an earlier run
/// wrote there of the same `sets` and this one did not; says what went.
pub fn replace_owned(dir: &Path, sets: &[&str], jobs: &[&Job<'_>], written: &[PathBuf]) {
    let mut owned = Vec::new();
    for job in jobs {
        if !written.contains(&job.pdf) {
            continue;
        }
        for path in std::iter::once(&job.pdf).chain(&job.typ) {
            if let Ok(rel) = path.strip_prefix(dir) {
                owned.push(outputs::Owned {
                    set: set_of(job.doc.kind()).to_string(),
                    file: rel.to_string_lossy().replace('\\', "/"),
                });
            }
        }
    }
    owned_files(dir, sets, &owned);
}

/// [`replace_owned`] for files already named.
pub fn owned_files(dir: &Path, sets: &[&str], owned: &[outputs::Owned]) {
    match outputs::replace_owned(dir, sets, owned) {
        Ok(removed) if !removed.is_empty() => {
            let names: Vec<String> = removed
                .iter()
                .map(|p| ocop::diag::display_path(p))
                .collect();
            say(format!(
                "đã xóa {} tệp của lần dựng trước không còn trong danh sách: {}",
                removed.len(),
                names.join(", ")
            ));
        }
        Ok(_) => {}
        Err(e) => report(&[write::io_error(dir, &e)]),
    }
}

/// A progress bar on a terminal, nothing otherwise.
pub fn progress_bar(total: usize, what: &str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() || total < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/{len} ({per_sec}, còn {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(what.to_string());
    bar
}
