//! YAML syntax errors explained in Vietnamese, with the mistakes officials
//! actually make: Tab indentation, a colon inside text, Word's curly
//! quotes, an unclosed quote, a line indented with a non-breaking space.

use super::source::SourceFile;
use super::yaml::SyntaxError;
use crate::diag::{Diagnostic, Pos};

/// The diagnostic for a file the YAML parser could not read.
pub fn explain(file: &SourceFile, e: &SyntaxError) -> Diagnostic {
    if !e.hint.is_empty() {
        // Our own bounds (depth, size) already speak Vietnamese.
        return file
            .locate(Diagnostic::error(e.message.clone()).at(e.pos))
            .hint(e.hint.clone());
    }
    let failure = Failure {
        file,
        message: &e.message,
        pos: e.pos,
        line: e.pos.and_then(|p| file.line(p.line)),
    };
    let said = (failure.dash_without_space())
        .or_else(|| failure.tab())
        .or_else(|| failure.text_after_quote())
        .or_else(|| failure.unclosed())
        .or_else(|| failure.colon())
        .or_else(|| failure.indentation())
        .unwrap_or_else(|| failure.other());
    file.locate(Diagnostic::error(said.message).at(said.pos))
        .hint(said.hint)
}

/// What the parser said, where, and the line it stopped on.
struct Failure<'f> {
    file: &'f SourceFile,
    /// The parser's own message, in English.
    message: &'f str,
    pos: Option<Pos>,
    line: Option<&'f str>,
}

/// The explanation: the message, the fix, and where to point.
struct Said {
    message: String,
    hint: String,
    pos: Option<Pos>,
}

impl Failure<'_> {
    fn said(&self, message: impl Into<String>, hint: impl Into<String>) -> Said {
        Said {
            message: message.into(),
            hint: hint.into(),
            pos: self.pos,
        }
    }

    /// `-Phân công` under `- Một`: a list dash without its space, which
    /// YAML reads as text and then stops at, a line or more later.
    fn dash_without_space(&self) -> Option<Said> {
        let at = self.pos?.line;
        let lines: Vec<&str> = self.file.text.lines().collect();
        let from = at.saturating_sub(4);
        let (i, line) = (from..at.min(lines.len()))
            .rev()
            .map(|i| (i, lines[i]))
            .find(|(_, l)| super::hints::dash_without_space(l).is_some())?;
        let col = line.len() - line.trim_start().len() + 1;
        let item = line.trim_start().trim_start_matches('-');
        Some(Said {
            pos: Some(Pos { line: i + 1, col }),
            ..self.said(
                "lỗi cú pháp YAML: dấu gạch đầu dòng thiếu dấu cách phía sau",
                format!(
                    "YAML chỉ hiểu \"- \" (gạch ngang rồi dấu cách) là một ý của danh sách; viết `- {item}`"
                ),
            )
        })
    }

    fn tab(&self) -> Option<Said> {
        let tab = self.message.contains("tab") || self.line.is_some_and(|l| l.starts_with('\t'));
        tab.then(|| {
            self.said(
                "ký tự Tab trong tệp YAML",
                "YAML chỉ cho phép thụt lề bằng dấu cách; thay các Tab bằng dấu cách",
            )
        })
    }

    /// `- "Quyết định" số 12`: a quoted value with text after the quote.
    fn text_after_quote(&self) -> Option<Said> {
        let fixed = self.line.and_then(text_after_quote)?;
        Some(self.said(
            "lỗi cú pháp YAML: dòng bắt đầu bằng dấu ngoặc kép nhưng còn chữ sau dấu ngoặc đóng",
            format!(
                "YAML hiểu phần trong ngoặc là cả giá trị; đặt cả dòng trong dấu nháy đơn: {fixed}"
            ),
        ))
    }

    /// A quote opened and never closed: the line it opens on.
    fn unclosed(&self) -> Option<Said> {
        if !self.message.contains("quoted scalar")
            && !self.message.contains("unexpected end of stream")
        {
            return None;
        }
        Some(match unbalanced_quote_line(self.file) {
            Some(line) => Said {
                pos: Some(line),
                ..self.said(
                    "lỗi cú pháp YAML: thiếu dấu ngoặc kép đóng",
                    "dấu \" mở ở dòng này chưa được đóng; thêm dấu \" ở cuối giá trị",
                )
            },
            None => self.said(
                "lỗi cú pháp YAML: tệp kết thúc đột ngột",
                "kiểm tra ngoặc và dấu nháy chưa đóng",
            ),
        })
    }

    /// "mapping values are not allowed": Word's quotes, a wrongly
    /// indented key, or text with a colon in it.
    fn colon(&self) -> Option<Said> {
        if !self.message.contains("mapping values are not allowed") {
            return None;
        }
        let line = self.line;
        if line.is_some_and(has_curly_quotes) {
            return Some(self.said(
                "lỗi cú pháp YAML: dấu ngoặc kép kiểu Word (“ ”) không phải ngoặc kép của YAML",
                format!(
                    "thay “ ” bằng dấu \" thẳng gõ từ bàn phím: {}",
                    line.map(straight_quotes).unwrap_or_default()
                ),
            ));
        }
        if self.fails_at_key_colon() {
            return Some(self.said(
                "lỗi cú pháp YAML: thụt lề không khớp",
                "các trường cùng cấp phải thẳng cột với trường ở dòng trên; nếu đây là văn bản có dấu \": \", đặt cả giá trị trong ngoặc kép",
            ));
        }
        let hint = match line.and_then(quoted_fix) {
            Some(fixed) => format!(
                "văn bản có dấu \": \" phải đặt trong ngoặc kép, ví dụ: {}",
                fixed.trim()
            ),
            None => "nếu văn bản có dấu hai chấm, đặt cả giá trị trong ngoặc kép".into(),
        };
        Some(self.said("lỗi cú pháp YAML: dấu hai chấm không hợp lệ ở đây", hint))
    }

    /// A wrongly indented "key: value" fails at its own colon; text with
    /// a colon in it fails at a later colon on the line.
    fn fails_at_key_colon(&self) -> bool {
        let Some(line) = self.line else {
            return false;
        };
        let first_colon_col = line.find(':').map(|b| line[..b].chars().count() + 1);
        let key_like =
            (line.trim_start().trim_start_matches("- ").split_once(':')).is_some_and(|(k, _)| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            });
        key_like && first_colon_col == self.pos.map(|p| p.col)
    }

    fn indentation(&self) -> Option<Said> {
        let m = self.message;
        if m.contains("did not find expected key")
            || m.contains("block mapping")
            || m.contains("invalid indentation")
        {
            return Some(self.said(
                "lỗi cú pháp YAML: thụt lề không khớp",
                "các trường cùng cấp phải thẳng cột với nhau",
            ));
        }
        if m.contains("expected '-'") || m.contains("block sequence") {
            return Some(self.said(
                "lỗi cú pháp YAML: danh sách thụt lề không khớp",
                "các dòng \"- \" cùng danh sách phải thẳng cột",
            ));
        }
        None
    }

    fn other(&self) -> Said {
        if self.message.contains("unknown anchor") {
            return self.said(
                "lỗi cú pháp YAML: tham chiếu * tới một anchor & chưa khai báo",
                "khai báo &tên trước khi dùng *tên, hoặc viết trực tiếp nội dung",
            );
        }
        self.said(
            format!("lỗi cú pháp YAML ({})", self.message),
            "xem lại dòng được chỉ ra và dòng ngay trước nó",
        )
    }
}

fn has_curly_quotes(line: &str) -> bool {
    line.contains(['“', '”', '‘', '’'])
}

fn straight_quotes(line: &str) -> String {
    line.trim()
        .replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
}

/// The line with its value in double quotes: `- a: b` → `- "a: b"`.
pub fn quoted_fix(line: &str) -> Option<String> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let (prefix, value) = if let Some(v) = rest.strip_prefix("- ") {
        ("- ", v)
    } else if let Some((k, v)) = rest.split_once(": ")
        && !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        (&rest[..k.len() + 2], v)
    } else {
        return None;
    };
    let value = value.trim();
    if value.is_empty() || value.starts_with('"') {
        return None;
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    Some(format!("{}{prefix}\"{escaped}\"", &line[..indent]))
}

/// A value that opens with a quote and goes on after the closing one
/// (`- "Mỗi xã một sản phẩm" là …`), written with the whole text quoted.
fn text_after_quote(line: &str) -> Option<String> {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    let (prefix, value) = if let Some(v) = rest.strip_prefix("- ") {
        ("- ", v)
    } else {
        let (k, v) = rest.split_once(": ")?;
        (&rest[..k.len() + 2], v)
    };
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let close = value[1..].find(quote)? + 1;
    let after = value[close + 1..].trim();
    if after.is_empty() || after.starts_with('#') {
        return None;
    }
    let whole = value.trim().replace('\'', "''");
    Some(
        format!("{}{prefix}'{whole}'", &line[..indent])
            .trim()
            .to_string(),
    )
}

/// The first line whose double quotes do not balance, for an unclosed string.
fn unbalanced_quote_line(file: &SourceFile) -> Option<Pos> {
    for (i, line) in file.text.lines().enumerate() {
        let code = line.split(" #").next().unwrap_or(line);
        let quotes = code.matches('"').count() - code.matches("\\\"").count();
        if quotes % 2 == 1 {
            let col = code.find('"').map_or(1, |b| code[..b].chars().count() + 1);
            return Some(Pos { line: i + 1, col });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_after_a_closing_quote_is_fixed_with_single_quotes() {
        assert_eq!(
            text_after_quote("    - \"Mỗi xã một sản phẩm\" là chương trình"),
            Some("- '\"Mỗi xã một sản phẩm\" là chương trình'".into())
        );
        assert_eq!(
            text_after_quote("  title: \"OCOP\" của tỉnh"),
            Some("title: '\"OCOP\" của tỉnh'".into())
        );
        assert_eq!(text_after_quote("  title: \"OCOP của tỉnh\""), None);
    }

    #[test]
    fn colon_lines_are_fixed_with_quotes() {
        assert_eq!(
            quoted_fix("      - Đối với các sản phẩm đã có: Ủy ban nhân dân"),
            Some("      - \"Đối với các sản phẩm đã có: Ủy ban nhân dân\"".into())
        );
        assert_eq!(
            quoted_fix("  title: Kế hoạch: năm \"2027\""),
            Some("  title: \"Kế hoạch: năm \\\"2027\\\"\"".into())
        );
        assert_eq!(quoted_fix("  - \"đã có\""), None);
    }
}
