//! `ocop new`: a new plan file from the annotated example.

use std::path::Path;
use std::process::ExitCode;

use ocop::diag::{Diagnostic, display_path};

use super::{INPUT_ERRORS, print_path, report, say};

/// The annotated example plan, as a starting point.
const EXAMPLE_PLAN: &str = include_str!("../../plans/lai-chau-2027.yaml");

/// The schema written beside a new plan, which its first line names: a
/// path relative to the plan, so the folder can be moved or shared.
const SCHEMA_FILE: &str = "ocop.schema.json";

pub fn run(file: &Path) -> ExitCode {
    if file.exists() {
        report(&[Diagnostic::error("tệp đã tồn tại, không ghi đè")
            .file(file)
            .hint("chọn một tên tệp khác")]);
        return ExitCode::from(INPUT_ERRORS);
    }
    let plan = format!("# yaml-language-server: $schema={SCHEMA_FILE}\n{EXAMPLE_PLAN}");
    match ocop::write::file(file, plan.as_bytes()) {
        Ok(()) => {
            print_path(file);
            let schema_written = write_schema(file);
            say(format!(
                "đã tạo kế hoạch mới từ mẫu; sửa tệp rồi chạy: ocop render {}",
                display_path(file)
            ));
            // A file ocop meant to write is missing (a full disk): the run
            // did not do all it says, and a script must be able to tell.
            if schema_written {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(INPUT_ERRORS)
            }
        }
        Err(d) => {
            report(&[d]);
            ExitCode::from(INPUT_ERRORS)
        }
    }
}

/// Writes the schema beside the plan for editors (VS Code: completion,
/// hover help, red underlines), unless a file of that name is there;
/// false when it could not be written.
fn write_schema(plan: &Path) -> bool {
    let dir = plan.parent().unwrap_or(Path::new(""));
    let path = dir.join(SCHEMA_FILE);
    if path.exists() {
        return true;
    }
    match ocop::write::file(&path, ocop::schema::json().as_bytes()) {
        Ok(()) => {
            print_path(&path);
            true
        }
        // The plan is written; without the schema only the editor's help is missing.
        Err(d) => {
            report(&[d.hint("trình soạn thảo sẽ không gợi ý khóa; chạy `ocop schema -o ocop.schema.json` trong thư mục của tệp kế hoạch")]);
            false
        }
    }
}
