//! `ocop schema`: the JSON Schema of a plan file, for editors.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{INPUT_ERRORS, print_path, report, say};

pub fn run(out: Option<&Path>) -> ExitCode {
    let json = ocop::schema::json();
    let Some(path) = out else {
        // A closed pipe (`ocop schema | head`) is no error worth a message.
        let _ = std::io::stdout().write_all(json.as_bytes());
        return ExitCode::SUCCESS;
    };
    match ocop::write::file(path, json.as_bytes()) {
        Ok(()) => {
            print_path(path);
            say("đã ghi lược đồ JSON của tệp kế hoạch; xem README, mục «Soạn trong VS Code»");
            ExitCode::SUCCESS
        }
        Err(d) => {
            report(&[d]);
            ExitCode::from(INPUT_ERRORS)
        }
    }
}
