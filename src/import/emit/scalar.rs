//! Scalars written the way a person writes them: plain where they read
//! back as the same text, double-quoted where they would not, `|-` for a
//! text of several lines.

use std::fmt::Write;

/// Words that a plain scalar would turn into something other than text.
fn special(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    matches!(
        l.as_str(),
        "~" | "null"
            | "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | ".nan"
            | ".inf"
            | "-.inf"
            | ".na"
    ) || s.parse::<f64>().is_ok()
        || number_like(s)
}

/// "2024", "05", "1_000", "0x1F", "2021-2025", "1:20": what some YAML
/// reader may take for a number or a date.
fn number_like(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || "._:+-eExXoObB".contains(c))
}

fn control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{feff}' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// `s` as a YAML scalar in block context that reads back as exactly `s`.
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !special(s)
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`+.".contains(c))
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(control);
    if plain { s.to_string() } else { quoted(s) }
}

/// `s` as a scalar inside a flow collection (`[…]`, `{…}`): commas and
/// brackets end plain scalars there, so anything with them is quoted.
pub fn flow(s: &str) -> String {
    let p = scalar(s);
    if p.starts_with('"') || s.contains([',', '[', ']', '{', '}']) {
        quoted(s)
    } else {
        p
    }
}

/// A double-quoted scalar.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if control(c) => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The lines of `s` when it reads back from a `|-` block as itself: more
/// than one line, the first and last not empty, none with spaces at its
/// ends or a control character.
pub fn block_lines(s: &str) -> Option<Vec<&str>> {
    let lines: Vec<&str> = s.split('\n').collect();
    // Blank lines inside part paragraphs; at either end `|-` would lose them.
    let ends = [lines.first(), lines.last()];
    (lines.len() > 1
        && ends.iter().all(|l| l.is_some_and(|l| !l.is_empty()))
        && lines
            .iter()
            .all(|l| l.trim() == *l && !l.chars().any(control)))
    .then_some(lines)
}

/// A number as YAML writes it: "78.5", "84".
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_where_it_reads_back() {
        assert_eq!(scalar("2 lớp tập huấn"), "2 lớp tập huấn");
        assert_eq!(scalar("15/01/2027"), "15/01/2027");
        assert_eq!(scalar("2024"), "\"2024\"");
        assert_eq!(scalar("2021-2025"), "\"2021-2025\"");
        assert_eq!(scalar("Kinh phí:"), "\"Kinh phí:\"");
        assert_eq!(flow("Sở Văn hóa, Thể thao"), "\"Sở Văn hóa, Thể thao\"");
        assert_eq!(block_lines("a\nb"), Some(vec!["a", "b"]));
        assert_eq!(block_lines("a\n b"), None);
        assert_eq!(block_lines("a\n\nb"), Some(vec!["a", "", "b"]));
        assert_eq!(block_lines("\na"), None);
        assert_eq!(block_lines("a\n"), None);
        assert_eq!(number(78.5), "78.5");
        assert_eq!(number(84.0), "84");
    }
}
