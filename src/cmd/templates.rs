//! `ocop templates`: the built-in templates copied out, to start a custom set.

use std::path::Path;
use std::process::ExitCode;

use super::{INPUT_ERRORS, print_path, report};

pub fn run(dir: &Path) -> ExitCode {
    match ocop::markup::export_builtins(dir) {
        Ok(paths) => {
            for p in paths {
                print_path(&p);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            report(&[ocop::write::io_error(dir, &e)]);
            ExitCode::from(INPUT_ERRORS)
        }
    }
}
