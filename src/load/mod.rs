//! Reading a YAML file into the typed model: UTF-8 and size checks, NFC
//! normalisation, YAML syntax, types, unknown and missing keys — each
//! problem turned into a Vietnamese diagnostic with file:line:column.

pub mod products;
pub mod textcheck;
pub mod yaml_index;

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Pos, did_you_mean};
use crate::text::{self, LegacyEncoding};
use yaml_index::PositionIndex;

/// Plans are a few hundred kilobytes at most; anything far larger is a
/// wrong file, and refusing it early keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A source file as read, normalised, and indexed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub index: PositionIndex,
}

impl SourceFile {
    pub fn read(path: &Path) -> Result<SourceFile, Diagnostic> {
        let fail = |msg: String, hint: &str| Diagnostic::error(msg).file(path).hint(hint);
        let meta = std::fs::metadata(path).map_err(|e| {
            fail(
                format!("không mở được tệp: {}", io_reason(&e)),
                "kiểm tra lại đường dẫn tệp",
            )
        })?;
        if meta.is_dir() {
            return Err(fail(
                "đây là một thư mục, không phải tệp YAML".into(),
                "chỉ định một tệp .yaml, hoặc dùng lệnh với thư mục để xử lý mọi tệp .yaml trong đó",
            ));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(fail(
                format!("tệp quá lớn ({} byte)", meta.len()),
                "một kế hoạch chỉ vài trăm KB; kiểm tra xem có chọn nhầm tệp không",
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| {
            fail(
                format!("không đọc được tệp: {}", io_reason(&e)),
                "kiểm tra quyền đọc tệp",
            )
        })?;
        let raw = match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => {
                let binary = e.as_bytes().contains(&0);
                let (msg, hint) = if binary {
                    (
                        "tệp không phải văn bản (có byte nhị phân)",
                        "chỉ định tệp .yaml được soạn bằng trình soạn thảo văn bản",
                    )
                } else {
                    (
                        "tệp không được lưu ở mã UTF-8",
                        "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8 (Unicode)",
                    )
                };
                return Err(fail(msg.into(), hint));
            }
        };
        Ok(SourceFile::from_text(path, &raw))
    }

    /// A source from text already read (a byte-order mark is dropped, the
    /// text normalised to NFC with Unix line endings).
    pub fn from_text(path: &Path, raw: &str) -> SourceFile {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let text = text::normalise(raw);
        let index = PositionIndex::build(&text);
        SourceFile {
            path: path.to_path_buf(),
            text,
            index,
        }
    }

    /// A diagnostic located at the value of `field`.
    pub fn error_at(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(message)
            .file(&self.path)
            .at(self.index.value(field))
            .field(field)
    }

    pub fn warning_at(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(message)
            .file(&self.path)
            .at(self.index.value(field))
            .field(field)
    }

    /// Deserialises into `T`, translating the first serde error.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        if self.text.trim().is_empty() {
            return Err(Diagnostic::error("tệp rỗng")
                .file(&self.path)
                .hint("bắt đầu từ một kế hoạch mẫu trong thư mục plans/"));
        }
        let de = serde_yaml::Deserializer::from_str(&self.text);
        serde_path_to_error::deserialize(de).map_err(|e| self.translate(e))
    }

    /// Every string value with its field path, for text checks.
    pub fn strings(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(&self.text) {
            collect_strings(&value, String::new(), &mut out);
        }
        out
    }

    fn translate(&self, err: serde_path_to_error::Error<serde_yaml::Error>) -> Diagnostic {
        let path = err.path().to_string();
        let path = if path == "." || path.is_empty() {
            None
        } else {
            Some(path)
        };
        let inner = err.into_inner();
        let location = inner.location().map(|l| Pos {
            line: l.line(),
            col: l.column(),
        });
        let raw = inner.to_string();
        let message = raw.split(" at line ").next().unwrap_or(&raw);
        // serde_yaml prefixes the message with its own rendering of the path.
        let message = SERDE_PHRASES
            .iter()
            .filter_map(|p| message.find(p))
            .min()
            .map_or(message, |i| &message[i..])
            .to_string();
        let is_syntax = !SERDE_PHRASES.iter().any(|p| message.starts_with(p));
        let (msg, hint, pos) = self.explain(&message, path.as_deref(), location);
        let mut d = Diagnostic::error(msg).file(&self.path).at(pos);
        if let Some(p) = path.filter(|p| !is_syntax && !p.contains('?')) {
            d = d.field(p);
        }
        if let Some(h) = hint {
            d = d.hint(h);
        }
        d
    }

    fn explain(
        &self,
        message: &str,
        path: Option<&str>,
        location: Option<Pos>,
    ) -> (String, Option<String>, Option<Pos>) {
        let field_pos = path.and_then(|p| self.index.value(p)).or(location);
        if let Some(rest) = message.strip_prefix("unknown field ") {
            let (name, expected) = split_expected(rest);
            let key_pos = path
                .and_then(|p| self.index.key(&yaml_index::join(parent_path(p), &name)))
                .or(location);
            let suggestion = did_you_mean(&name, expected.iter().map(String::as_str));
            let hint = match suggestion {
                Some(s) => format!(
                    "có phải ý bạn là `{s}`? Các trường được phép ở đây: {}",
                    expected.join(", ")
                ),
                None if expected.is_empty() => "xóa trường này".to_string(),
                None => format!("các trường được phép ở đây: {}", expected.join(", ")),
            };
            return (
                format!("trường `{name}` không có trong mẫu"),
                Some(hint),
                key_pos,
            );
        }
        if let Some(rest) = message.strip_prefix("missing field ") {
            let name = rest.trim_matches('`').to_string();
            let at = path.and_then(|p| self.index.key(p)).or(field_pos);
            return (
                format!("thiếu trường bắt buộc `{name}`"),
                Some(format!("thêm `{name}:` vào mục này")),
                at,
            );
        }
        if let Some(rest) = message.strip_prefix("unknown variant ") {
            let (name, expected) = split_expected(rest);
            let suggestion = did_you_mean(&name, expected.iter().map(String::as_str));
            let hint = match suggestion {
                Some(s) => format!(
                    "có phải ý bạn là `{s}`? Các giá trị được phép: {}",
                    expected.join(", ")
                ),
                None => format!("các giá trị được phép: {}", expected.join(", ")),
            };
            return (
                format!("giá trị `{name}` không hợp lệ"),
                Some(hint),
                field_pos,
            );
        }
        if let Some(rest) = message.strip_prefix("duplicate field ") {
            let name = rest.trim_matches('`');
            let at = path.and_then(|p| self.index.duplicate_key(&yaml_index::join(p, name)));
            return (
                format!("trường `{name}` được khai báo hai lần"),
                Some("giữ lại một lần khai báo và xóa lần còn lại".into()),
                at.or(location).or(field_pos),
            );
        }
        if message.starts_with("duplicate entry") {
            return (
                "một khóa được khai báo hai lần".into(),
                Some("mỗi khóa chỉ được khai báo một lần; đổi tên hoặc xóa bớt".into()),
                location.or(field_pos),
            );
        }
        if let Some(rest) = message.strip_prefix("invalid type: ") {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            return (
                format!(
                    "sai kiểu dữ liệu: có {}, cần {}",
                    vi_found(found),
                    vi_expected(expected)
                ),
                Some(
                    "sửa giá trị cho đúng kiểu; văn bản có ký tự đặc biệt nên đặt trong ngoặc kép"
                        .into(),
                ),
                field_pos,
            );
        }
        if let Some(rest) = message.strip_prefix("invalid value: ") {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            return (
                format!(
                    "giá trị không hợp lệ: có {}, cần {}",
                    vi_found(found),
                    vi_expected(expected)
                ),
                None,
                field_pos,
            );
        }
        if message.contains("recursion limit exceeded")
            || message.contains("repetition limit exceeded")
        {
            return (
                "tệp dùng quá nhiều tham chiếu YAML (anchor/alias) lồng nhau".into(),
                Some("viết trực tiếp nội dung thay vì dùng & và *".into()),
                location,
            );
        }
        if message.contains("control characters are not allowed") {
            let found = self.text.lines().enumerate().find_map(|(i, line)| {
                line.chars()
                    .position(|c| c.is_control() && c != '\t')
                    .map(|col| {
                        (
                            Pos {
                                line: i + 1,
                                col: col + 1,
                            },
                            line.chars().nth(col).unwrap_or(' '),
                        )
                    })
            });
            let (pos, c) = match found {
                Some((p, c)) => (Some(p), c as u32),
                None => (location, 0),
            };
            return (
                format!("tệp có ký tự điều khiển không in được (U+{c:04X})"),
                Some("xóa ký tự này; nó thường lẫn vào khi dán văn bản từ Word hoặc PDF".into()),
                pos,
            );
        }
        if message.contains("EOF while parsing") {
            return (
                "tệp rỗng hoặc bị cắt cụt".into(),
                Some("kiểm tra lại nội dung tệp".into()),
                location,
            );
        }
        let line_text = location.and_then(|p| self.text.lines().nth(p.line.saturating_sub(1)));
        if line_text.is_some_and(|l| l.contains('\t'))
            || message.contains("cannot start any token") && self.text.contains('\t')
        {
            return (
                "ký tự Tab trong tệp YAML".into(),
                Some("YAML chỉ cho phép thụt lề bằng dấu cách; thay các Tab bằng dấu cách".into()),
                location,
            );
        }
        if (message.contains("quoted scalar") || message.contains("unexpected end of stream"))
            && let Some(line) = self.unbalanced_quote_line()
        {
            return (
                "lỗi cú pháp YAML: thiếu dấu ngoặc kép đóng".into(),
                Some("dấu \" mở ở dòng này chưa được đóng; thêm dấu \" ở cuối giá trị".into()),
                Some(line),
            );
        }
        // A wrongly indented "key: value" fails at its own colon; text with
        // a colon in it fails at a later colon on the line.
        let first_colon_col =
            line_text.and_then(|l| l.find(':').map(|b| l[..b].chars().count() + 1));
        let key_like = line_text
            .and_then(|l| l.trim_start().trim_start_matches("- ").split_once(':'))
            .is_some_and(|(k, _)| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            })
            && first_colon_col == location.map(|p| p.col);
        let (msg, hint) = if message.contains("quoted scalar") {
            (
                "thiếu dấu ngoặc kép đóng",
                "đóng chuỗi bằng dấu \" cùng loại đã mở",
            )
        } else if message.contains("mapping values are not allowed") && key_like {
            (
                "thụt lề không khớp",
                "các trường cùng cấp phải thẳng cột với trường ở dòng trên; nếu đây là văn bản có dấu \": \", đặt cả giá trị trong ngoặc kép",
            )
        } else if message.contains("mapping values are not allowed") {
            (
                "dấu hai chấm không hợp lệ ở đây",
                "nếu văn bản có dấu hai chấm, đặt cả giá trị trong ngoặc kép",
            )
        } else if message.contains("did not find expected key") || message.contains("block mapping")
        {
            (
                "thụt lề không khớp",
                "các trường cùng cấp phải thẳng cột với nhau",
            )
        } else if message.contains("did not find expected '-'")
            || message.contains("block sequence")
        {
            (
                "danh sách thụt lề không khớp",
                "các dòng \"- \" cùng danh sách phải thẳng cột",
            )
        } else if message.contains("unexpected end of stream") {
            (
                "tệp kết thúc đột ngột",
                "kiểm tra ngoặc và dấu nháy chưa đóng",
            )
        } else {
            return (
                format!("lỗi cú pháp YAML ({message})"),
                Some("xem lại dòng được chỉ ra và dòng ngay trước nó".into()),
                location,
            );
        };
        (
            format!("lỗi cú pháp YAML: {msg}"),
            Some(hint.into()),
            location,
        )
    }
}

/// The messages serde produces for type and structure problems; anything
/// else comes from the YAML scanner and is a syntax error.
const SERDE_PHRASES: &[&str] = &[
    "unknown field",
    "missing field",
    "unknown variant",
    "duplicate field",
    "duplicate entry",
    "invalid type",
    "invalid value",
    "invalid length",
];

impl SourceFile {
    /// The first line whose double quotes do not balance, for an unclosed string.
    fn unbalanced_quote_line(&self) -> Option<Pos> {
        for (i, line) in self.text.lines().enumerate() {
            let code = line.split(" #").next().unwrap_or(line);
            let quotes = code.matches('"').count() - code.matches("\\\"").count();
            if quotes % 2 == 1 {
                let col = code.find('"').map_or(1, |b| code[..b].chars().count() + 1);
                return Some(Pos { line: i + 1, col });
            }
        }
        None
    }
}

fn parent_path(path: &str) -> &str {
    // An unknown-field error's path already names the unknown key.
    match path.rfind(['.', '[']) {
        Some(i) if path[i..].starts_with('.') => &path[..i],
        _ => "",
    }
}

fn split_expected(rest: &str) -> (String, Vec<String>) {
    let (name, expected) = rest.split_once(", expected").unwrap_or((rest, ""));
    let name = name.trim().trim_matches('`').to_string();
    let expected = expected
        .split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect();
    (name, expected)
}

fn vi_found(found: &str) -> String {
    let found = found.trim();
    if let Some(v) = found.strip_prefix("string ") {
        format!("văn bản {v}")
    } else if let Some(v) = found.strip_prefix("integer ") {
        format!("số {}", v.trim_matches('`'))
    } else if let Some(v) = found.strip_prefix("floating point ") {
        format!("số {}", v.trim_matches('`'))
    } else if let Some(v) = found.strip_prefix("boolean ") {
        format!("giá trị {}", v.trim_matches('`'))
    } else if found == "sequence" {
        "một danh sách".into()
    } else if found == "map" {
        "một nhóm trường".into()
    } else if found == "unit value" || found == "null" {
        "giá trị rỗng".into()
    } else {
        found.into()
    }
}

fn vi_expected(expected: &str) -> String {
    let e = expected.trim();
    match e {
        "a string" => "văn bản".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "số nguyên không âm".into(),
        "i32" | "i64" => "số nguyên".into(),
        "a boolean" => "true hoặc false".into(),
        "a sequence" => "một danh sách (các dòng bắt đầu bằng \"- \")".into(),
        "a map" => "một nhóm trường".into(),
        e if e.starts_with("struct ") => "một nhóm trường (khóa: giá trị)".into(),
        e if e.starts_with("enum ") => "một trong các giá trị cho phép".into(),
        e => e.into(),
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không tìm thấy tệp".into(),
        std::io::ErrorKind::PermissionDenied => "không có quyền truy cập".into(),
        _ => e.to_string(),
    }
}

fn collect_strings(value: &serde_yaml::Value, path: String, out: &mut Vec<(String, String)>) {
    match value {
        serde_yaml::Value::String(s) => out.push((path, s.clone())),
        serde_yaml::Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_strings(v, yaml_index::index(&path, i), out);
            }
        }
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                if let Some(key) = k.as_str() {
                    collect_strings(v, yaml_index::join(&path, key), out);
                }
            }
        }
        serde_yaml::Value::Tagged(t) => collect_strings(&t.value, path, out),
        _ => {}
    }
}

/// Checks every string of the file: legacy encodings are refused, and each
/// character must exist in the document font (`has_glyph`).
pub fn check_text(file: &SourceFile, has_glyph: &dyn Fn(char) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (path, value) in file.strings() {
        if let Some(enc) = text::detect_legacy(&value) {
            out.push(
                file.error_at(&path, format!("văn bản có vẻ ở bảng mã cũ {}", enc.name()))
                    .hint(legacy_hint(enc)),
            );
            continue;
        }
        let mut reported = Vec::new();
        for c in value.chars() {
            if c == '\n' || c == '\t' || reported.contains(&c) {
                continue;
            }
            if c.is_control() || !has_glyph(c) {
                reported.push(c);
                out.push(
                    file.error_at(
                        &path,
                        format!(
                            "phông chữ không có ký tự {} (U+{:04X})",
                            describe_char(c),
                            c as u32
                        ),
                    )
                    .hint(
                        "xóa hoặc thay ký tự này, hoặc dùng --font-path với một phông có ký tự đó",
                    ),
                );
            }
        }
    }
    out
}

fn describe_char(c: char) -> String {
    match c as u32 {
        0xE000..=0xF8FF => {
            "ký hiệu riêng của phông (thường từ phông Symbol/Wingdings khi dán từ Word)".into()
        }
        0x200B..=0x200F | 0x2060..=0x2064 | 0xFEFF => "vô hình (khoảng trắng độ rộng 0)".into(),
        _ if c.is_control() || c.is_whitespace() => "điều khiển/khoảng trắng đặc biệt".into(),
        _ => format!("«{c}»"),
    }
}

fn legacy_hint(enc: LegacyEncoding) -> &'static str {
    match enc {
        LegacyEncoding::Tcvn3 => {
            "chuyển văn bản sang Unicode (ví dụ Unikey: Công cụ chuyển mã, nguồn TCVN3 (ABC), đích Unicode) rồi dán lại"
        }
        LegacyEncoding::Vni => {
            "chuyển văn bản sang Unicode (ví dụ Unikey: Công cụ chuyển mã, nguồn VNI Windows, đích Unicode) rồi dán lại"
        }
    }
}
