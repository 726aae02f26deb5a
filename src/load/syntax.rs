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
    let message = e.message.as_str();
    let location = e.pos;
    let line_text = location.and_then(|p| file.line(p.line));
    let (msg, hint, pos): (String, String, Option<Pos>) = if let Some((pos, what)) =
        odd_indent(file)
    {
        (
            format!("dòng được thụt lề bằng {what}"),
            "YAML chỉ cho phép thụt lề bằng dấu cách thường; xóa khoảng trắng đầu dòng và gõ lại bằng phím cách".into(),
            Some(pos),
        )
    } else if message.contains("tab") || line_text.is_some_and(|l| l.starts_with('\t')) {
        (
            "ký tự Tab trong tệp YAML".into(),
            "YAML chỉ cho phép thụt lề bằng dấu cách; thay các Tab bằng dấu cách".into(),
            location,
        )
    } else if let Some(fixed) = line_text.and_then(text_after_quote) {
        (
            "lỗi cú pháp YAML: dòng bắt đầu bằng dấu ngoặc kép nhưng còn chữ sau dấu ngoặc đóng"
                .into(),
            format!(
                "YAML hiểu phần trong ngoặc là cả giá trị; đặt cả dòng trong dấu nháy đơn: {fixed}"
            ),
            location,
        )
    } else if message.contains("quoted scalar") || message.contains("unexpected end of stream") {
        match unbalanced_quote_line(file) {
            Some(line) => (
                "lỗi cú pháp YAML: thiếu dấu ngoặc kép đóng".into(),
                "dấu \" mở ở dòng này chưa được đóng; thêm dấu \" ở cuối giá trị".into(),
                Some(line),
            ),
            None => (
                "lỗi cú pháp YAML: tệp kết thúc đột ngột".into(),
                "kiểm tra ngoặc và dấu nháy chưa đóng".into(),
                location,
            ),
        }
    } else if message.contains("mapping values are not allowed") {
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
        if line_text.is_some_and(has_curly_quotes) {
            (
                "lỗi cú pháp YAML: dấu ngoặc kép kiểu Word (“ ”) không phải ngoặc kép của YAML"
                    .into(),
                format!(
                    "thay “ ” bằng dấu \" thẳng gõ từ bàn phím: {}",
                    line_text.map(straight_quotes).unwrap_or_default()
                ),
                location,
            )
        } else if key_like {
            (
                "lỗi cú pháp YAML: thụt lề không khớp".into(),
                "các trường cùng cấp phải thẳng cột với trường ở dòng trên; nếu đây là văn bản có dấu \": \", đặt cả giá trị trong ngoặc kép".into(),
                location,
            )
        } else {
            (
                "lỗi cú pháp YAML: dấu hai chấm không hợp lệ ở đây".into(),
                match line_text.and_then(quoted_fix) {
                    Some(fixed) => format!(
                        "văn bản có dấu \": \" phải đặt trong ngoặc kép, ví dụ: {}",
                        fixed.trim()
                    ),
                    None => "nếu văn bản có dấu hai chấm, đặt cả giá trị trong ngoặc kép".into(),
                },
                location,
            )
        }
    } else if message.contains("did not find expected key")
        || message.contains("block mapping")
        || message.contains("invalid indentation")
    {
        (
            "lỗi cú pháp YAML: thụt lề không khớp".into(),
            "các trường cùng cấp phải thẳng cột với nhau".into(),
            location,
        )
    } else if message.contains("expected '-'") || message.contains("block sequence") {
        (
            "lỗi cú pháp YAML: danh sách thụt lề không khớp".into(),
            "các dòng \"- \" cùng danh sách phải thẳng cột".into(),
            location,
        )
    } else if message.contains("unknown anchor") {
        (
            "lỗi cú pháp YAML: tham chiếu * tới một anchor & chưa khai báo".into(),
            "khai báo &tên trước khi dùng *tên, hoặc viết trực tiếp nội dung".into(),
            location,
        )
    } else {
        (
            format!("lỗi cú pháp YAML ({message})"),
            "xem lại dòng được chỉ ra và dòng ngay trước nó".into(),
            location,
        )
    };
    file.locate(Diagnostic::error(msg).at(pos)).hint(hint)
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

/// The first line indented with something other than spaces that YAML
/// rejects: a non-breaking space (pasted from Word) or another space-like
/// character.
pub fn odd_indent(file: &SourceFile) -> Option<(Pos, &'static str)> {
    for (i, line) in file.text.lines().enumerate() {
        for (col, c) in line.chars().enumerate() {
            let what = match c {
                ' ' => continue,
                '\t' => "ký tự Tab",
                '\u{a0}' | '\u{202f}' => "dấu cách không ngắt (NBSP, thường do dán từ Word)",
                '\u{3000}' | '\u{2000}'..='\u{200a}' => "một loại dấu cách đặc biệt",
                _ => break,
            };
            return Some((
                Pos {
                    line: i + 1,
                    col: col + 1,
                },
                what,
            ));
        }
    }
    None
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
