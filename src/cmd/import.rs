//! `ocop import`: an existing plan or dispatch (.docx or text) to YAML,
//! then the new file checked like any other, with a Vietnamese summary of
//! what was found and what to check.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ocop::diag::{Diagnostic, display_path};
use ocop::load::{LoadOptions, SourceFile, load_source};
use ocop::validate;

use super::{INPUT_ERRORS, print_path, report, say};

pub fn run(file: &Path, output: Option<&Path>) -> ExitCode {
    let out: PathBuf = output.map_or_else(|| file.with_extension("yaml"), Path::to_path_buf);
    // The input first: a missing file is the problem to name.
    let imported = match ocop::import::import_file(file) {
        Ok(i) => i,
        Err(d) => {
            report(&[d]);
            return ExitCode::from(INPUT_ERRORS);
        }
    };
    let taken = if out.is_dir() {
        Some((
            "đường dẫn kết quả là một thư mục",
            "ghi tên tệp .yaml sau -o",
        ))
    } else if out == file {
        Some((
            "tệp nhập đã có đuôi .yaml, không ghi đè lên nó",
            "chọn tên tệp kết quả khác với -o",
        ))
    } else if out.exists() {
        Some((
            "tệp YAML đã tồn tại, không ghi đè",
            "chọn tên khác với -o, hoặc xóa tệp cũ",
        ))
    } else {
        None
    };
    if let Some((message, hint)) = taken {
        report(&[Diagnostic::error(message).file(&out).hint(hint)]);
        return ExitCode::from(INPUT_ERRORS);
    }
    if let Err(d) = ocop::write::file(&out, imported.yaml.as_bytes()) {
        report(&[d]);
        return ExitCode::from(INPUT_ERRORS);
    }
    print_path(&out);
    say(format!("đã đọc {}:", display_path(file)));
    for line in imported.found() {
        say(format!("  - {line}"));
    }
    let checks = imported.checks();
    if !checks.is_empty() {
        say(format!(
            "cần kiểm tra ({} chỗ, có dòng \"# kiểm tra:\" trong tệp YAML):",
            checks.len()
        ));
        for c in &checks {
            say(format!("  - {c}"));
        }
    }
    // The new file goes through load and validate like any other.
    let source = SourceFile::from_text(&out, &imported.yaml);
    let loaded = load_source(source, &LoadOptions::default());
    // Glyphs are checked when rendering, with the fonts of that run.
    let problems = validate::validate(&loaded, &|_| true).problems;
    report(&problems);
    if problems.iter().any(Diagnostic::is_error) {
        say("tệp YAML còn lỗi (xem trên); sửa rồi chạy: ocop check");
        return ExitCode::from(INPUT_ERRORS);
    }
    say(format!(
        "sửa tệp nếu cần rồi chạy: ocop render {}",
        display_path(&out)
    ));
    ExitCode::SUCCESS
}
