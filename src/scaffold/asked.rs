//! `ocop new` as typed: the words and flags of the command line turned
//! into the files to write (a skeleton with the schema beside it, or the
//! full examples) and what to do next. The command only checks that no
//! file is there yet, writes and prints.

use std::path::{Path, PathBuf};

use super::{EXAMPLES, Kind, Request, skeleton, this_year, yaml_file};
use crate::diag::{Diagnostic, display_path};
use crate::model::Level;

/// The schema written beside a new file, which its first line names: a
/// path relative to the file, so the folder can be moved or shared.
pub const SCHEMA_FILE: &str = "ocop.schema.json";

/// What the official typed.
#[derive(Debug, Clone, Default)]
pub struct Asked {
    /// The first word: a kind (`giay-chung-nhan`) or, alone, the file;
    /// with `examples`, the folder.
    pub kind_or_file: Option<String>,
    pub file: Option<PathBuf>,
    pub province: Option<String>,
    pub commune: Option<String>,
    pub level: Option<Level>,
    pub year: Option<i32>,
    pub examples: bool,
}

/// The files to write, in order, and the sentence that says what next.
#[derive(Debug)]
pub struct Planned {
    pub files: Vec<(PathBuf, Vec<u8>)>,
    pub next: String,
}

/// Why nothing can be written: the command line was not understood
/// (`usage`), or the skeleton cannot be made for what it names.
#[derive(Debug)]
pub struct Refused {
    pub diagnostic: Diagnostic,
    pub usage: bool,
}

/// The files `asked` makes; `schema` is the JSON schema written beside a
/// skeleton unless `schema_exists` says the folder has one.
pub fn plan(
    asked: &Asked,
    schema: &str,
    schema_exists: impl Fn(&Path) -> bool,
) -> Result<Planned, Refused> {
    if asked.examples {
        return Ok(examples(asked.kind_or_file.as_deref().unwrap_or("vi-du")));
    }
    let usage = |diagnostic| Refused {
        diagnostic,
        usage: true,
    };
    let word = asked.kind_or_file.as_deref();
    let (kind, file) = match (word.and_then(Kind::from_word), word, &asked.file) {
        (Some(kind), _, file) => (kind, file.clone()),
        (None, Some(file), None) => (Kind::Plan, Some(PathBuf::from(file))),
        (None, Some(word), Some(_)) => return Err(usage(unknown_kind(word))),
        (None, None, file) => (Kind::Plan, file.clone()),
    };
    let yaml = yaml_file(&file.unwrap_or_else(|| PathBuf::from(kind.word())));
    let req = request(asked, kind).map_err(usage)?;
    let name = yaml
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let outputs = skeleton(&req, &name).map_err(|diagnostic| Refused {
        diagnostic,
        usage: false,
    })?;
    let dir = yaml.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut files: Vec<(PathBuf, Vec<u8>)> = outputs
        .into_iter()
        .map(|o| (dir.join(o.name), o.bytes))
        .collect();
    if let Some((_, bytes)) = files.first_mut() {
        let line = format!("# yaml-language-server: $schema={SCHEMA_FILE}\n");
        bytes.splice(0..0, line.into_bytes());
    }
    // The editor's help: once per folder, the user's own left alone.
    let schema_path = dir.join(SCHEMA_FILE);
    if !schema_exists(&schema_path) {
        files.push((schema_path, schema.as_bytes().to_vec()));
    }
    let next = format!(
        "đã tạo khung văn bản; sửa tệp rồi chạy: ocop check {0}, ocop render {0}",
        display_path(&yaml)
    );
    Ok(Planned { files, next })
}

/// Every example, under `dir`.
fn examples(dir: &str) -> Planned {
    let dir = PathBuf::from(dir);
    Planned {
        files: EXAMPLES
            .iter()
            .map(|(name, bytes)| (dir.join(name), bytes.to_vec()))
            .collect(),
        next: format!(
            "đã chép các văn bản mẫu; dựng thử: ocop render {}",
            display_path(&dir)
        ),
    }
}

/// The issuer and year typed: the level from `--cap`, else a commune when
/// `--xa` is given.
fn request(asked: &Asked, kind: Kind) -> Result<Request, Diagnostic> {
    let level = match asked.level {
        Some(level) => level,
        None if asked.commune.is_some() => Level::Commune,
        None => Level::Province,
    };
    let province_level = level == Level::Province;
    let name = if province_level {
        &asked.province
    } else {
        &asked.commune
    };
    let year = asked.year.unwrap_or_else(this_year);
    let Some(name) = name.clone() else {
        let (flag, example) = if province_level {
            ("--tinh", "--tinh \"Lâm Đồng\"")
        } else {
            ("--xa", "--xa \"Đa Mi\" --tinh \"Lâm Đồng\"")
        };
        return Err(
            Diagnostic::error(format!("chưa có tên đơn vị ban hành ({flag})")).hint(format!(
                "ví dụ: ocop new {} {example} --nam {year}; muốn xem văn bản mẫu đầy đủ thì chạy ocop new --vi-du",
                kind.word()
            )),
        );
    };
    Ok(Request {
        kind,
        level,
        name,
        province: if province_level {
            None
        } else {
            asked.province.clone()
        },
        year,
    })
}

fn unknown_kind(word: &str) -> Diagnostic {
    let words: Vec<&str> = Kind::WORDS.iter().map(|(vi, ..)| *vi).collect();
    Diagnostic::error(format!("không có loại văn bản \"{word}\"")).hint(format!(
        "loại văn bản là một trong: {}; rồi đến tên tệp",
        words.join(", ")
    ))
}
