//! `ocop new`: a skeleton for the issuer, level and year asked for
//! (`ocop::scaffold`), or with `--vi-du` the full examples.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ocop::diag::{Diagnostic, display_path};
use ocop::model::Level;
use ocop::scaffold::{self, Kind, Request};

use super::{INPUT_ERRORS, print_path, report, say};
use crate::cli::{NewArgs, NewLevel, USAGE_ERROR};

/// The schema written beside a new file, which its first line names: a
/// path relative to the file, so the folder can be moved or shared.
const SCHEMA_FILE: &str = "ocop.schema.json";

pub fn run(args: &NewArgs) -> ExitCode {
    let (files, next) = match files(args) {
        Ok(found) => found,
        Err((d, code)) => {
            report(&[d]);
            return ExitCode::from(code);
        }
    };
    if let Some(taken) = files.iter().find(|(path, _)| path.exists()) {
        report(&[Diagnostic::error("tệp đã tồn tại, không ghi đè")
            .file(&taken.0)
            .hint("chọn một tên tệp (hoặc thư mục) khác")]);
        return ExitCode::from(INPUT_ERRORS);
    }
    for (path, bytes) in &files {
        if let Err(d) = ocop::write::file(path, bytes) {
            report(&[d]);
            return ExitCode::from(INPUT_ERRORS);
        }
        print_path(path);
    }
    say(next);
    ExitCode::SUCCESS
}

type Files = Vec<(PathBuf, Vec<u8>)>;

/// The files to write, and what to do next; or why not, with the exit code.
fn files(args: &NewArgs) -> Result<(Files, String), (Diagnostic, u8)> {
    if args.examples {
        let dir = PathBuf::from(args.kind_or_file.as_deref().unwrap_or("vi-du"));
        let files = scaffold::EXAMPLES
            .iter()
            .map(|(name, bytes)| (dir.join(name), bytes.to_vec()))
            .collect();
        let next = format!(
            "đã chép các văn bản mẫu; dựng thử: ocop render {}",
            display_path(&dir)
        );
        return Ok((files, next));
    }
    let (kind, asked) = match (args.kind_or_file.as_deref(), &args.file) {
        (Some(word), file) if Kind::from_word(word).is_some() => {
            (Kind::from_word(word), file.clone())
        }
        (Some(file), None) => (None, Some(PathBuf::from(file))),
        (Some(word), Some(_)) => return Err((unknown_kind(word), USAGE_ERROR)),
        (None, file) => (None, file.clone()),
    };
    let kind = kind.unwrap_or(Kind::Plan);
    let yaml = scaffold::yaml_file(&asked.unwrap_or_else(|| PathBuf::from(kind.word())));
    let req = request(args, kind).map_err(|d| (d, USAGE_ERROR))?;
    let name = yaml
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let outputs = scaffold::skeleton(&req, &name).map_err(|d| (d, INPUT_ERRORS))?;
    let dir = yaml.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut files: Files = outputs
        .into_iter()
        .map(|o| (dir.join(o.name), o.bytes))
        .collect();
    if let Some((_, bytes)) = files.first_mut() {
        *bytes = [
            format!("# yaml-language-server: $schema={SCHEMA_FILE}\n").as_bytes(),
            bytes,
        ]
        .concat();
    }
    // The editor's help: written once per folder, kept when already there.
    let schema = dir.join(SCHEMA_FILE);
    if !schema.exists() {
        files.push((schema, ocop::schema::json().into_bytes()));
    }
    let next = format!(
        "đã tạo khung văn bản; sửa tệp rồi chạy: ocop check {0}, ocop render {0}",
        display_path(&yaml)
    );
    Ok((files, next))
}

/// The issuer and year of the command line.
fn request(args: &NewArgs, kind: Kind) -> Result<Request, Diagnostic> {
    let level = match args.level {
        Some(NewLevel::Province) => Level::Province,
        Some(NewLevel::District) => Level::District,
        Some(NewLevel::Commune) => Level::Commune,
        None if args.commune.is_some() => Level::Commune,
        None => Level::Province,
    };
    let name = if level == Level::Province {
        &args.province
    } else {
        &args.commune
    };
    let Some(name) = name.clone() else {
        let (flag, example) = if level == Level::Province {
            ("--tinh", "--tinh \"Lâm Đồng\"")
        } else {
            ("--xa", "--xa \"Đa Mi\" --tinh \"Lâm Đồng\"")
        };
        return Err(Diagnostic::error(format!("chưa có tên đơn vị ban hành ({flag})")).hint(format!(
            "ví dụ: ocop new {} {example} --nam {}; muốn xem văn bản mẫu đầy đủ thì chạy ocop new --vi-du",
            kind.word(),
            args.year.unwrap_or_else(scaffold::this_year)
        )));
    };
    let province = if level == Level::Province {
        None
    } else {
        args.province.clone()
    };
    Ok(Request {
        kind,
        level,
        name,
        province,
        year: args.year.unwrap_or_else(scaffold::this_year),
    })
}

fn unknown_kind(word: &str) -> Diagnostic {
    let words: Vec<&str> = Kind::WORDS.iter().map(|(vi, ..)| *vi).collect();
    Diagnostic::error(format!("không có loại văn bản \"{word}\"")).hint(format!(
        "loại văn bản là một trong: {}; rồi đến tên tệp",
        words.join(", ")
    ))
}
