//! The commands, one file each, and what they share: opening the session,
//! collecting the inputs, printing (`print`: a run as it goes and the
//! outcome it returns; `problems`: what is wrong with the inputs). What a run does is `ocop::run`'s; the commands
//! only print.

pub mod certificates;
pub mod check;
pub mod completions;
pub mod import;
pub mod new;
mod open;
mod print;
mod problems;
pub mod register;
pub mod render;
pub mod schema;
pub mod templates;
pub mod watch;

pub use print::Printer;
pub use problems::report;

use std::fmt::Display;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ocop::diag::display_path;
use ocop::run::Status;
use ocop::session::{Options, Session};

/// Exit code for input problems.
pub const INPUT_ERRORS: u8 = 1;
/// Exit code of a run stopped on request, as shells expect of Ctrl-C
/// (128 + SIGINT); SIGTERM and SIGHUP stop a run the same way.
pub const INTERRUPTED: u8 = 130;

/// A line to stderr; a closed stderr is not worth a crash.
pub fn say(line: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Prints a written file's path to stdout (a closed pipe is not an error).
pub fn print_path(path: &Path) {
    let _ = writeln!(std::io::stdout().lock(), "{}", display_path(path));
}

/// The session (its warnings printed), or its problems printed and the
/// exit code to return. It lives until the process ends: taking apart
/// Typst's engine and caches at the end of a run would only delay the exit.
pub fn session(options: &Options) -> Result<&'static Session, ExitCode> {
    match Session::new(options) {
        Ok(session) => {
            report(&session.warnings);
            Ok(Box::leak(Box::new(session)))
        }
        Err(diags) => {
            report(&diags);
            Err(ExitCode::from(INPUT_ERRORS))
        }
    }
}

/// The YAML files of the inputs given, each once; or the problem printed
/// and the exit code to return.
pub fn inputs(given: &[PathBuf]) -> Result<Vec<PathBuf>, ExitCode> {
    ocop::run::inputs::collect(given).map_err(|d| {
        report(&[d]);
        exit(Status::Failed)
    })
}

/// The exit code of a run that ended so.
pub fn exit(status: Status) -> ExitCode {
    match status {
        Status::Success => ExitCode::SUCCESS,
        Status::Failed => ExitCode::from(INPUT_ERRORS),
        Status::Interrupted => ExitCode::from(INTERRUPTED),
    }
}
