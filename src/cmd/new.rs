//! `ocop new`: a new plan file from the annotated example.

use std::path::Path;
use std::process::ExitCode;

use ocop::diag::{Diagnostic, display_path};

use super::{INPUT_ERRORS, print_path, report, say};

/// The annotated example plan, as a starting point.
const EXAMPLE_PLAN: &str = include_str!("../../plans/lai-chau-2027.yaml");

pub fn run(file: &Path) -> ExitCode {
    if file.exists() {
        report(&[Diagnostic::error("tệp đã tồn tại, không ghi đè")
            .file(file)
            .hint("chọn một tên tệp khác")]);
        return ExitCode::from(INPUT_ERRORS);
    }
    match ocop::write::file(file, EXAMPLE_PLAN.as_bytes()) {
        Ok(()) => {
            print_path(file);
            say(format!(
                "đã tạo kế hoạch mới từ mẫu; sửa tệp rồi chạy: ocop render {}",
                display_path(file)
            ));
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&[d]);
            ExitCode::from(INPUT_ERRORS)
        }
    }
}
