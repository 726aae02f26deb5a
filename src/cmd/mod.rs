//! The commands, one file each, and what they share: printing problems,
//! opening the session, the progress bar and Ctrl-C.

pub mod certificates;
pub mod check;
pub mod new;
pub mod render;
pub mod templates;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use ocop::bulk::Job;
use ocop::diag::Diagnostic;
use ocop::doc::{DocKind, Document};
use ocop::session::{Options, Session};
use ocop::write;

/// Exit code for input problems.
pub const INPUT_ERRORS: u8 = 1;

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

/// Where `doc` of the YAML file `input` is written under `out`.
pub fn job<'a>(out: &Path, input: &Path, doc: &'a Document, emit_typ: bool) -> Job<'a> {
    let dir = folder(out, input, doc.kind());
    Job {
        doc,
        pdf: dir.join(format!("{}.pdf", doc.file_stem)),
        typ: emit_typ.then(|| dir.join(format!("{}.typ", doc.file_stem))),
    }
}

/// The folder documents of `kind` from `input` go to.
pub fn folder(out: &Path, input: &Path, kind: DocKind) -> PathBuf {
    let dir = write::output_dir(out, input);
    match kind {
        DocKind::Certificate => dir.join(write::CERTIFICATES_DIR),
        DocKind::Plan | DocKind::Decision | DocKind::Dispatch => dir,
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
