//! `ocop templates`: the built-in templates copied out, to start a custom set.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ocop::diag::Diagnostic;

use super::{INPUT_ERRORS, print_path, report};

/// Copies the built-ins into `dir`, all or none; a template already there
/// and changed (the office's own) is replaced only with `force`.
pub fn run(dir: &Path, force: bool) -> ExitCode {
    let files: Vec<(PathBuf, &[u8])> = ocop::markup::builtins()
        .map(|(name, body)| (dir.join(name), body.as_bytes()))
        .collect();
    let changed = ocop::write::changed_by_user(&files);
    if !changed.is_empty() && !force {
        let problems: Vec<Diagnostic> = changed
            .iter()
            .map(|path| {
                Diagnostic::error("tệp mẫu đã có và đã được sửa, không ghi đè")
                    .file(path)
                    .hint("chọn thư mục khác, hoặc thêm --force để thay mọi mẫu bằng mẫu có sẵn (mất phần đã sửa)")
            })
            .collect();
        report(&problems);
        return ExitCode::from(INPUT_ERRORS);
    }
    let set: Vec<(&Path, &[u8])> = files.iter().map(|(p, b)| (p.as_path(), *b)).collect();
    if let Err(d) = ocop::write::files(&set) {
        report(&[d]);
        return ExitCode::from(INPUT_ERRORS);
    }
    for (path, _) in &files {
        print_path(path);
    }
    ExitCode::SUCCESS
}
