//! What to do about a value of the wrong shape: the fix for the mistake
//! that produced it, shown on the author's own value. Each hint answers
//! one way people really mistype YAML: numbers grouped the Vietnamese way
//! (`1.250.000.000`), a decimal comma (`78,5`), a list typed as a sentence
//! (`support: a, b`), a key without the space after its colon
//! (`name:Sở Y tế`), a dash without its space (`-Phân công`), a list
//! inside a list. Quoting, the cure for a colon inside text, is advised
//! only where it is the cure.

use super::yaml::{Node, Value};

/// The fix for `node` read where `expected` (serde's wording: "u64",
/// "a sequence", "struct Unit", or a one-of type's own sentence) was
/// wanted, at the key `key` (the last step of its field path).
pub fn wrong_type(node: Option<&Node>, expected: &str, key: &str) -> String {
    let expected = expected.trim();
    let text = match node.map(|n| &n.value) {
        Some(Value::Scalar { text, .. }) => Some(text.as_str()),
        _ => None,
    };
    let key = if key.is_empty() || key.bytes().all(|b| b.is_ascii_digit()) {
        None
    } else {
        Some(key)
    };
    let shown = |value: &str| match key {
        Some(k) => format!("{k}: {value}"),
        None => format!("- {value}"),
    };
    if let Some(text) = text {
        if let Some(fixed) = dash_without_space(text) {
            // Lines after it were folded into it: show the first item only.
            let first = fixed.split(" - ").next().unwrap_or(fixed);
            return format!(
                "dấu gạch đầu dòng phải có dấu cách theo sau, nếu không YAML nối các dòng thành một câu: viết `- {first}` (gạch ngang, dấu cách, nội dung), mỗi ý một dòng"
            );
        }
        if let Some((k, v)) = key_without_space(text) {
            return format!("thêm một dấu cách sau dấu hai chấm: `{k}: {v}`");
        }
        if is_number(expected) {
            return number_hint(text, expected, &shown);
        }
        if expected == "a sequence" {
            return list_hint(text, &shown);
        }
        if expected.starts_with("struct ") || expected == "a map" {
            return format!(
                "đây phải là một nhóm trường: viết các trường ở các dòng bên dưới `{}`, mỗi dòng `khóa: giá trị`, thụt vào hai dấu cách",
                key.unwrap_or("-")
            );
        }
    }
    if matches!(node.map(|n| &n.value), Some(Value::Seq(_))) {
        if expected.starts_with("a string") || expected.contains("gạch đầu dòng") {
            return "một ý có ý con viết `- text: <ý>` rồi `list:` với các ý con bên dưới; một danh sách không đặt thẳng trong danh sách".into();
        }
        if expected.starts_with("struct ") || expected == "a map" {
            return "đây phải là một nhóm trường `khóa: giá trị`, không phải một danh sách: bỏ dấu `- ` ở đầu các dòng này".into();
        }
        return "ở đây không dùng danh sách: ghi một giá trị ngay sau dấu hai chấm".into();
    }
    if matches!(node.map(|n| &n.value), Some(Value::Map(_))) && expected.starts_with("a string") {
        return "ở đây cần văn bản: ghi nội dung ngay sau dấu hai chấm, không xuống dòng thành các trường con".into();
    }
    if expected == "a sequence" {
        return format!(
            "viết danh sách trong ngoặc vuông, ví dụ {}, hoặc mỗi mục một dòng bắt đầu bằng `- `",
            shown("[a, b]")
        );
    }
    "sửa giá trị theo kiểu được nêu; xem docs/schema.md".into()
}

fn is_number(expected: &str) -> bool {
    matches!(
        expected,
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "f32" | "f64"
    )
}

fn number_hint(text: &str, expected: &str, shown: &dyn Fn(&str) -> String) -> String {
    let t = text.trim();
    let float = expected.starts_with('f');
    if let Some(n) = grouped_thousands(t) {
        return format!(
            "viết số liền, không có dấu chấm, dấu phẩy hay dấu cách ngăn cách hàng nghìn: `{}` (văn bản vẫn in theo lối Việt Nam, có dấu chấm)",
            shown(&n)
        );
    }
    if let Some((whole, fraction)) = t.split_once(',')
        && !whole.is_empty()
        && !fraction.is_empty()
        && (whole.bytes().chain(fraction.bytes())).all(|b| b.is_ascii_digit())
    {
        return if float {
            format!(
                "số thập phân trong YAML dùng dấu chấm: `{}` (văn bản vẫn in dấu phẩy)",
                shown(&format!("{whole}.{fraction}"))
            )
        } else {
            "ở đây cần một số nguyên, không có phần thập phân".into()
        };
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() {
        return format!(
            "chỉ ghi con số, không kèm chữ hay đơn vị: ví dụ `{}`",
            shown(&digits)
        );
    }
    format!(
        "ghi một số, ví dụ `{}`",
        shown(if float { "78.5" } else { "12" })
    )
}

/// `1.250.000.000`, `1,250,000`, `1 250 000` → the digits alone.
fn grouped_thousands(t: &str) -> Option<String> {
    let sep = t.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}') {
        return None;
    }
    let groups: Vec<&str> = t.split(sep).collect();
    let ok = groups.len() >= 2
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    // "1.5" is a decimal, not a thousand: at least one full group after.
    ok.then(|| groups.concat())
}

fn list_hint(text: &str, shown: &dyn Fn(&str) -> String) -> String {
    let items: Vec<&str> = text
        .split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() > 1 {
        format!(
            "một danh sách viết trong ngoặc vuông: `{}`, hoặc mỗi mục một dòng bắt đầu bằng `- `",
            shown(&format!("[{}]", items.join(", ")))
        )
    } else {
        let under = shown("").trim_end().to_string();
        format!(
            "ở đây cần một danh sách, kể cả khi chỉ có một mục: mỗi mục một dòng bắt đầu bằng `- `, thụt vào dưới `{under}`"
        )
    }
}

/// `-Phân công …` (the list dash without its space) → the item's text.
pub fn dash_without_space(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix('-')?;
    let first = rest.chars().next()?;
    (first.is_alphabetic() || first == '"' || first == '“').then_some(rest)
}

/// `name:Sở Y tế` (a key without the space after its colon) → key and value.
pub fn key_without_space(text: &str) -> Option<(&str, &str)> {
    let (key, value) = text.split_once(':')?;
    let key_like = key.len() >= 2
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    let value_starts = value
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace() && c != '/');
    (key_like && value_starts).then_some((key, value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Pos;

    fn text(t: &str) -> Node {
        Node {
            value: Value::Scalar {
                text: t.into(),
                plain: true,
            },
            pos: Pos { line: 1, col: 1 },
        }
    }

    #[test]
    fn numbers_grouped_or_with_a_comma() {
        let h = wrong_type(Some(&text("1.250.000.000")), "u64", "amount");
        assert!(h.contains("`amount: 1250000000`"), "{h}");
        assert!(!h.contains("ngoặc kép"), "{h}");
        let h = wrong_type(Some(&text("78,5")), "f64", "score");
        assert!(h.contains("`score: 78.5`"), "{h}");
        let h = wrong_type(Some(&text("1,2 tỷ đồng")), "u64", "amount");
        assert!(h.contains("không kèm chữ"), "{h}");
        assert_eq!(grouped_thousands("1.5"), None);
        assert_eq!(grouped_thousands("12 500"), Some("12500".into()));
    }

    #[test]
    fn lists_typed_as_a_sentence() {
        let h = wrong_type(Some(&text("syt, snnmt")), "a sequence", "support");
        assert!(h.contains("`support: [syt, snnmt]`"), "{h}");
        let h = wrong_type(Some(&text("Tuyên truyền")), "a sequence", "sections");
        assert!(h.contains("dưới `sections:`"), "{h}");
    }

    #[test]
    fn a_colon_or_a_dash_without_its_space() {
        let h = wrong_type(Some(&text("name:Sở Y tế")), "struct Unit", "syt");
        assert!(h.contains("`name: Sở Y tế`"), "{h}");
        let h = wrong_type(Some(&text("-Phân công - Báo cáo")), "a sequence", "list");
        assert!(h.contains("`- Phân công`"), "{h}");
        assert_eq!(key_without_space("https://ocop.gov.vn"), None);
        assert_eq!(key_without_space("Lưu ý:ngay"), None);
        assert_eq!(dash_without_space("-5"), None);
        assert_eq!(dash_without_space("- a"), None);
    }
}
