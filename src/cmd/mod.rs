//! The commands, one file each, and what they share: opening the session,
//! collecting the inputs, printing (`print`: a run as it goes and the
//! outcome it returns). What a run does is `ocop::run`'s; the commands
//! only print.

pub mod certificates;
pub mod check;
pub mod completions;
pub mod import;
pub mod new;
mod open;
mod print;
pub mod register;
pub mod render;
pub mod schema;
pub mod templates;
pub mod watch;

pub use print::Printer;

use std::fmt::Display;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ocop::diag::{Diagnostic, display_path};
use ocop::run::Status;
use ocop::session::{Options, Session};

/// Exit code for input problems.
pub const INPUT_ERRORS: u8 = 1;
/// Exit code of a run stopped on request, as shells expect of Ctrl-C
/// (128 + SIGINT); SIGTERM and SIGHUP stop a run the same way.
pub const INTERRUPTED: u8 = 130;

/// Prints problems to stderr as the user reads them.
/// The same problem (same file, same message) is shown in full this many
/// times; the rest are counted with their lines, so a block pasted ten
/// thousand times is one screen, not ten thousand.
const SHOWN_ALIKE: usize = 20;

/// Problems with one message in one file: how many, and the lines of
/// those not shown.
struct Alike<'a> {
    file: Option<&'a Path>,
    message: &'a str,
    count: usize,
    lines: Vec<usize>,
}

pub fn report(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    let mut alike: Vec<Alike<'_>> = Vec::new();
    for d in diags {
        let (file, message) = (d.file.as_deref(), d.message.as_str());
        let i = match alike
            .iter()
            .position(|a| a.file == file && a.message == message)
        {
            Some(i) => i,
            None => {
                alike.push(Alike {
                    file,
                    message,
                    count: 0,
                    lines: Vec::new(),
                });
                alike.len() - 1
            }
        };
        let seen = &mut alike[i];
        seen.count += 1;
        if seen.count <= SHOWN_ALIKE {
            let _ = writeln!(err, "{}", d.render());
        } else {
            seen.lines.extend(d.pos.map(|p| p.line));
        }
    }
    for Alike {
        file,
        message,
        count,
        lines,
    } in alike.iter().filter(|a| a.count > SHOWN_ALIKE)
    {
        let place = file
            .map(|f| format!(" trong {}", display_path(f)))
            .unwrap_or_default();
        let mut at: Vec<String> = lines
            .iter()
            .take(SHOWN_ALIKE)
            .map(usize::to_string)
            .collect();
        if lines.len() > SHOWN_ALIKE {
            at.push("…".into());
        }
        let at = if at.is_empty() {
            String::new()
        } else {
            format!(" (dòng {})", at.join(", "))
        };
        let _ = writeln!(
            err,
            "… và {} chỗ khác{place} cùng lỗi “{message}”{at}; sửa các chỗ trên rồi chạy lại để xem tiếp\n",
            count - SHOWN_ALIKE
        );
    }
}

/// A line to stderr; a closed stderr is not worth a crash.
pub fn say(line: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Prints a written file's path to stdout (a closed pipe is not an error).
pub fn print_path(path: &Path) {
    let _ = writeln!(std::io::stdout().lock(), "{}", display_path(path));
}

/// The session (its warnings printed), or its problems printed and the
/// exit code to return.
pub fn session(options: &Options) -> Result<Session, ExitCode> {
    match Session::new(options) {
        Ok(session) => {
            report(&session.warnings);
            Ok(session)
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
