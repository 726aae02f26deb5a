//! `ocop check`: every problem of every file, nothing written.

use std::process::ExitCode;

use ocop::diag::display_path;
use ocop::run::{Run, Stop};

use super::{Printer, exit, inputs, say, session};
use crate::cli::CheckArgs;

pub fn run(args: &CheckArgs) -> ExitCode {
    let session = match session(&args.shared.options()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let files = match inputs(&args.inputs) {
        Ok(files) => files,
        Err(code) => return code,
    };
    let run = Run {
        session,
        stop: Stop::on_signals(),
        observer: &Printer::new("Đang kiểm tra"),
    };
    let outcome = run.check(&files, args.shared.issuance());
    let failed: Vec<String> = outcome
        .inputs
        .iter()
        .filter(|i| i.has_errors())
        .map(|i| display_path(&i.path))
        .collect();
    let summary = format!("đã kiểm tra {} tệp YAML", files.len());
    if failed.is_empty() {
        say(format!("{summary}; không có lỗi."));
    } else {
        say(format!(
            "{summary}; {} tệp có lỗi: {}",
            failed.len(),
            failed.join(", ")
        ));
    }
    exit(outcome.status())
}
