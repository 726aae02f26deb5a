//! `ocop templates`: the built-in templates copied out, to start a custom set.

use std::path::Path;
use std::process::ExitCode;

use super::{INPUT_ERRORS, print_path, report};

pub fn run(dir: &Path) -> ExitCode {
    for (name, body) in ocop::markup::builtins() {
        let path = dir.join(name);
        if let Err(d) = ocop::write::file(&path, body.as_bytes()) {
            report(&[d]);
            return ExitCode::from(INPUT_ERRORS);
        }
        print_path(&path);
    }
    ExitCode::SUCCESS
}
