//! `ocop render`: every document of every file, on all cores.

use std::io::IsTerminal;
use std::process::ExitCode;

use ocop::run::{Run, Status, Stop};

use super::print::{files_named, render_summary};
use super::{Printer, exit, inputs, say, session};
use crate::cli::RenderArgs;

pub fn run(args: &RenderArgs) -> ExitCode {
    let session = match session(&args.shared.options()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let files = match inputs(&args.inputs) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let output = args.output.to_run(args.shared.issuance());
    let printer = Printer::new("Đang dựng văn bản");
    let run = Run {
        session,
        stop: Stop::on_signals(),
        observer: &printer,
    };
    let outcome = run.render(&files, &output);
    printer.outcome(&outcome);
    let summary = render_summary(&outcome, files_named(&output.formats));
    match outcome.status() {
        Status::Success if std::io::stderr().is_terminal() => {
            say(format!("{summary}; không có lỗi."))
        }
        Status::Success => {}
        _ => say(summary),
    }
    exit(outcome.status())
}
