//! `ocop check`: every problem of every file, nothing written.

use std::process::ExitCode;

use ocop::diag::{Diagnostic, display_path};
use ocop::load::LoadOptions;
use ocop::pipeline;

use super::{INPUT_ERRORS, report, say, session};
use crate::cli::CheckArgs;

pub fn run(args: &CheckArgs) -> ExitCode {
    let session = match session(&args.shared.options()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let files = pipeline::collect_inputs(&args.inputs);
    if files.is_empty() {
        report(&[no_yaml()]);
        return ExitCode::from(INPUT_ERRORS);
    }
    let mut failed = Vec::new();
    for path in &files {
        let options = LoadOptions {
            issuance: args.shared.issuance(),
            ..Default::default()
        };
        let r = pipeline::prepare(&session, path, &options, &[]);
        report(&r.problems);
        if r.has_errors() {
            failed.push(display_path(path));
        }
    }
    let summary = format!("đã kiểm tra {} tệp YAML", files.len());
    if failed.is_empty() {
        say(format!("{summary}; không có lỗi."));
        ExitCode::SUCCESS
    } else {
        say(format!(
            "{summary}; {} tệp có lỗi: {}",
            failed.len(),
            failed.join(", ")
        ));
        ExitCode::from(INPUT_ERRORS)
    }
}

pub fn no_yaml() -> Diagnostic {
    Diagnostic::error("không tìm thấy tệp .yaml nào")
        .hint("chỉ định một tệp .yaml, hoặc thư mục chứa tệp .yaml")
}
