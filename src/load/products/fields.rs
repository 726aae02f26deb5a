//! Each field of a product row read from its cell: the cell types that
//! are not what was typed (formula errors, dates Excel made up, text too
//! long), then the field's own form (text checked character by character,
//! a decimal score, a star count).

use super::grid::{MAX_CELL_CHARS, Value, general_number, is_error_literal, serial_date};
use super::header::Field;
use super::table::Ctx;
use crate::diag::Diagnostic;
use crate::load::textcheck;
use crate::text;
use crate::vn::group_thousands;

/// The text of a text cell.
pub(super) fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::Text(s) => Some(s.as_str()),
        _ => None,
    }
}

/// The value as a short quotation for messages.
pub(super) fn shown(v: &Value) -> String {
    let s = match v {
        Value::Text(t) => one_line(t),
        Value::Number { value, .. } => general_number(*value),
        Value::Date(d) => d.clone(),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Value::Error(e) => e.clone(),
        Value::Uncalculated => "(công thức chưa tính)".into(),
        Value::TooLong(n) => format!("({} ký tự)", group_thousands(*n as u64)),
    };
    let mut chars = s.chars();
    let short: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

/// Text on one line, invisible characters shown by their code.
pub(super) fn one_line(t: &str) -> String {
    let mut out = String::new();
    for c in t.chars() {
        match c {
            '\n' | '\r' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if textcheck::refused(c) => out.push_str(&format!("<{}>", textcheck::code(c))),
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Problems common to every field: cell types that are not what was typed.
fn cell_problem(ctx: &Ctx<'_>, what: &str, v: &Value) -> Option<(String, String)> {
    match v {
        Value::Error(e) => Some((
            format!("ô chứa lỗi công thức {e} thay vì {what}"),
            "sửa công thức trong bảng tính (hoặc dán giá trị) rồi lưu lại".into(),
        )),
        Value::Text(t) if is_error_literal(t) => Some((
            format!("ô chứa lỗi công thức {} thay vì {what}", t.trim()),
            "sửa công thức trong bảng tính (hoặc dán giá trị) rồi xuất lại tệp".into(),
        )),
        Value::Uncalculated => Some((
            format!("ô có công thức chưa được tính nên không có {what}"),
            "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính".into(),
        )),
        Value::Bool(b) => Some((
            format!(
                "ô chứa giá trị đúng/sai ({}) thay vì {what}",
                if *b { "TRUE" } else { "FALSE" }
            ),
            "ghi lại nội dung của ô".into(),
        )),
        Value::TooLong(n) => Some((
            format!(
                "{what} dài {} ký tự, quá giới hạn {} ký tự",
                group_thousands(*n as u64),
                group_thousands(MAX_CELL_CHARS as u64)
            ),
            if ctx.sheet.is_none() {
                "ô này có lẽ bị dán nhầm nội dung, hoặc một dấu ngoặc kép \" mở mà không đóng đã nuốt các dòng sau; sửa lại trong tệp".into()
            } else {
                "ô này có lẽ bị dán nhầm nội dung; rút gọn lại".into()
            },
        )),
        Value::Number { value, date: true } => Some((
            format!(
                "ô là ngày tháng{} (Excel lưu là số {}), không phải {what}: có thể Excel đã tự đổi nội dung gõ vào thành ngày",
                serial_date(*value, ctx.is_1904)
                    .map(|d| format!(" {d}"))
                    .unwrap_or_default(),
                general_number(*value).replace(',', ".")
            ),
            "định dạng ô (hoặc cả cột) là Văn bản (Format Cells > Text) rồi gõ lại, hoặc gõ dấu nháy ' trước nội dung".into(),
        )),
        Value::Date(d) => Some((
            format!("ô là ngày tháng ({d}), không phải {what}: có thể bảng tính đã tự đổi nội dung gõ vào thành ngày"),
            "định dạng ô (hoặc cả cột) là Văn bản (Text) rồi gõ lại, hoặc gõ dấu nháy ' trước nội dung".into(),
        )),
        _ => None,
    }
}

/// A text field: trimmed, NFC, within the length limit, free of refused characters.
pub(super) fn text_field(
    ctx: &Ctx<'_>,
    f: Field,
    v: &Value,
    row: u32,
    col: u32,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    if let Some((message, hint)) = cell_problem(ctx, f.what(), v) {
        problems.push(ctx.at(Diagnostic::error(message).hint(hint), row, Some(col)));
        return None;
    }
    let s = match v {
        Value::Text(t) => text::normalise(t.trim()),
        Value::Number { value, .. } => general_number(*value),
        _ => return None,
    };
    let chars = s.chars().count();
    if chars > MAX_CELL_CHARS {
        problems.push(
            ctx.at(
                Diagnostic::error(format!(
                    "{} dài {} ký tự, quá giới hạn {} ký tự",
                    f.what(),
                    group_thousands(chars as u64),
                    group_thousands(MAX_CELL_CHARS as u64)
                ))
                .hint("ô này có lẽ bị dán nhầm nội dung; rút gọn lại"),
                row,
                Some(col),
            ),
        );
        return None;
    }
    let found = textcheck::check(&s);
    if found.is_empty() {
        return Some(s);
    }
    for p in found {
        let message = match p.kind {
            textcheck::Kind::Legacy(_) => format!("{}: {}", f.what(), p.name),
            _ => {
                let times = if p.count > 1 && p.kind != textcheck::Kind::CombiningRun {
                    format!(" ({} lần)", p.count)
                } else {
                    String::new()
                };
                format!(
                    "{} có {} ở ký tự thứ {}{times}",
                    f.what(),
                    p.name,
                    p.index + 1
                )
            }
        };
        problems.push(ctx.at(Diagnostic::error(message).hint(p.hint), row, Some(col)));
    }
    None
}

/// The score: a finite number, or text reading as one ("78,5").
pub(super) fn score_field(
    ctx: &Ctx<'_>,
    v: &Value,
    row: u32,
    col: u32,
    problems: &mut Vec<Diagnostic>,
) -> Option<f64> {
    if let Some((message, hint)) = cell_problem(ctx, "điểm", v) {
        problems.push(ctx.at(Diagnostic::error(message).hint(hint), row, Some(col)));
        return None;
    }
    let parsed = match v {
        Value::Number { value, .. } => Some(*value).filter(|v| v.is_finite()),
        Value::Text(t) => parse_decimal(t),
        _ => None,
    };
    if parsed.is_none() {
        problems.push(
            ctx.at(
                Diagnostic::error(format!("điểm `{}` không phải là số", shown(v)))
                    .hint("ghi điểm bằng số, ví dụ 78,5"),
                row,
                Some(col),
            ),
        );
    }
    parsed
}

/// "78,5", "78.5", " 84 " → a number; anything else (units, "inf") → None.
fn parse_decimal(t: &str) -> Option<f64> {
    let t = t.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let mut seps = 0;
    let ok = !body.is_empty()
        && body.chars().all(|c| {
            if c == ',' || c == '.' {
                seps += 1;
                true
            } else {
                c.is_ascii_digit()
            }
        })
        && seps <= 1
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body.ends_with(|c: char| c.is_ascii_digit());
    if !ok {
        return None;
    }
    t.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// The star class: 1 to 5, as a number, "4 sao" or "★★★★".
pub(super) fn stars_field(
    ctx: &Ctx<'_>,
    v: &Value,
    row: u32,
    col: u32,
    problems: &mut Vec<Diagnostic>,
) -> Option<u8> {
    if let Some((message, hint)) = cell_problem(ctx, "hạng sao", v) {
        problems.push(ctx.at(Diagnostic::error(message).hint(hint), row, Some(col)));
        return None;
    }
    let count = match v {
        Value::Number { value, .. } if value.fract() == 0.0 && (1.0..=5.0).contains(value) => {
            Some(*value as u8)
        }
        Value::Text(t) => {
            let t = text::normalise(t.trim());
            let digits: String = t.chars().filter(char::is_ascii_digit).collect();
            let count = if digits.is_empty() {
                t.chars().filter(|c| *c == '★').count()
            } else {
                digits.parse().unwrap_or(0)
            };
            let rest_ok = textcheck::check(&t).is_empty();
            ((1..=5).contains(&count) && rest_ok).then_some(count as u8)
        }
        _ => None,
    };
    if count.is_none() {
        problems.push(
            ctx.at(
                Diagnostic::error(format!("hạng sao `{}` không đọc được", shown(v)))
                    .hint("ghi \"4 sao\", \"4\" hoặc để trống (hạng được tính từ điểm)"),
                row,
                Some(col),
            ),
        );
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_strict() {
        assert_eq!(parse_decimal("78,5"), Some(78.5));
        assert_eq!(parse_decimal(" 84 "), Some(84.0));
        assert_eq!(parse_decimal("78.5"), Some(78.5));
        for bad in ["inf", "NaN", "78,5 điểm", "1,2,3", ",5", "", "1e3"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }
}
