//! Slips YAML reads without complaint but the author did not mean, found
//! on the parsed tree: Word's curly quotes typed around a value (YAML keeps
//! them, and they would print), a key glued to its value (`name:Sở Y tế`
//! is one piece of text), a list dash glued to its item (`-Phân công` is
//! text, folded into the line above when it continues a value).
//!
//! Each is an error naming the fix. A value in real quotes is taken as
//! written, so an author who means the characters can always say so.

use std::collections::HashSet;

use super::hints::{dash_without_space, key_without_space};
use super::source::SourceFile;
use super::yaml::{Node, Value};
use crate::diag::{Diagnostic, Pos, quote};

/// The slips of `root`, located in `source`. A value wrapped in Word's
/// quotes is unwrapped, so the checks after this one read what was meant.
pub fn find(source: &SourceFile, root: &mut Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    unwrap_word_quotes(source, root, String::new(), &mut out);
    root.walk(String::new(), &mut |path, node| {
        if let Value::Scalar { text, plain: true } = &node.value
            && let Some(d) = glued(text, source.line(node.pos.line))
        {
            out.push(located(source, path, node.pos, d));
        }
    });
    out.extend(folded_dashes(source, root));
    out
}

fn located(source: &SourceFile, path: &str, pos: Pos, d: Diagnostic) -> Diagnostic {
    let d = d.at(Some(pos));
    source.locate(if path.is_empty() { d } else { d.field(path) })
}

/// A plain value that starts with a glued key or a glued dash; `line` is
/// the line it starts on (the lines after it may be folded into it).
fn glued(text: &str, line: Option<&str>) -> Option<Diagnostic> {
    if let Some((key, value)) = key_without_space(text) {
        return Some(
            Diagnostic::error(format!(
                "thiếu dấu cách sau dấu hai chấm: YAML đọc `{}` là một đoạn văn bản, không phải trường `{key}`",
                quote(text)
            ))
            .hint(format!(
                "viết `{key}: {}`; nếu đúng là văn bản như vậy, đặt cả giá trị trong ngoặc kép",
                quote(value)
            )),
        );
    }
    let item = dash_without_space(text)?;
    let first = line.and_then(dash_without_space).unwrap_or(item);
    Some(
        Diagnostic::error("dấu gạch đầu dòng thiếu dấu cách phía sau: YAML đọc dòng này là văn bản, không phải một ý của danh sách")
            .hint(format!(
                "viết `- {}` (gạch ngang, dấu cách, nội dung), mỗi ý một dòng; nếu dấu gạch thuộc văn bản, đặt cả giá trị trong ngoặc kép",
                quote(first.trim())
            )),
    )
}

/// Word's quotes around a whole plain value: reported, and taken off.
fn unwrap_word_quotes(
    source: &SourceFile,
    node: &mut Node,
    path: String,
    out: &mut Vec<Diagnostic>,
) {
    match &mut node.value {
        Value::Scalar { text, plain: true } => {
            let Some(inner) = text
                .strip_prefix('“')
                .and_then(|t| t.strip_suffix('”'))
                .filter(|t| !t.contains(['“', '”']))
            else {
                return;
            };
            let inner = inner.to_string();
            let d = Diagnostic::error(
                "giá trị nằm trong dấu ngoặc kép kiểu Word (“ ”): YAML không hiểu đó là ngoặc kép, và hai dấu này sẽ bị in ra văn bản",
            )
            .hint(format!(
                "bỏ hai dấu “ ”, hoặc thay bằng dấu \" thẳng gõ từ bàn phím: \"{}\"; nếu muốn in cả hai dấu “ ”, đặt cả giá trị trong nháy đơn: '“{}”'",
                quote(&inner),
                quote(&inner)
            ));
            out.push(located(source, &path, node.pos, d));
            *text = inner;
        }
        Value::Seq(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                unwrap_word_quotes(source, item, super::yaml::index(&path, i), out);
            }
        }
        Value::Map(entries) => {
            for e in entries {
                let p = super::yaml::join(&path, &e.key);
                unwrap_word_quotes(source, &mut e.value, p, out);
            }
        }
        Value::Scalar { .. } | Value::Placeholder => {}
    }
}

/// Lines `-Phân công` that YAML folded into the plain value above them:
/// a line starting with a glued dash where no key or value starts, inside
/// a plain (unquoted, not `|`) value.
fn folded_dashes(source: &SourceFile, root: &Node) -> Vec<Diagnostic> {
    let mut starts: HashSet<usize> = HashSet::new();
    // Every value in document order, with whether it is plain text.
    let mut values: Vec<(Pos, bool, String)> = Vec::new();
    root.walk(String::new(), &mut |path, node| {
        starts.insert(node.pos.line);
        values.push((
            node.pos,
            matches!(node.value, Value::Scalar { plain: true, .. }),
            path.to_string(),
        ));
        if let Value::Map(entries) = &node.value {
            starts.extend(entries.iter().map(|e| e.key_pos.line));
        }
    });
    values.sort_by_key(|(pos, ..)| (pos.line, pos.col));
    let mut out = Vec::new();
    for (i, line) in source.text.lines().enumerate() {
        let n = i + 1;
        if starts.contains(&n) || dash_without_space(line).is_none() {
            continue;
        }
        let above = values.iter().rev().find(|(pos, ..)| pos.line < n);
        if let Some((_, true, path)) = above {
            let col = line.len() - line.trim_start().len() + 1;
            let item = line.trim_start().trim_start_matches('-');
            let d = Diagnostic::error(
                "dấu gạch đầu dòng thiếu dấu cách phía sau: YAML nối dòng này vào câu ở dòng trên",
            )
            .hint(format!(
                "viết `- {}` (gạch ngang, dấu cách, nội dung) thẳng cột với các ý cùng danh sách; nếu dấu gạch thuộc câu trên, đặt cả câu trong ngoặc kép",
                quote(item)
            ));
            out.push(located(source, path, Pos { line: n, col }, d));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn slips(text: &str) -> (Vec<Diagnostic>, Node) {
        let source = SourceFile::from_text(Path::new("t.yaml"), text);
        let mut root = super::super::yaml::parse(text).unwrap().root.unwrap();
        (find(&source, &mut root), root)
    }

    #[test]
    fn word_quotes_are_reported_and_taken_off() {
        let (d, root) = slips("title: “Kế hoạch năm 2027”\nquoted: '“Mỗi xã một sản phẩm”'\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].pos, Some(Pos { line: 1, col: 8 }));
        let title = root.get("title").unwrap();
        assert!(matches!(&title.value, Value::Scalar { text, .. } if text == "Kế hoạch năm 2027"));
        // Quoted on purpose: printed as typed.
        let quoted = root.get("quoted").unwrap();
        assert!(
            matches!(&quoted.value, Value::Scalar { text, .. } if text == "“Mỗi xã một sản phẩm”")
        );
    }

    #[test]
    fn a_glued_key_and_a_glued_dash_are_named() {
        let (d, _) = slips("units:\n  syt:\n    name:Sở Y tế\nlist:\n  -Hai\n");
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].hint.as_deref().unwrap().contains("`name: Sở Y tế`"));
        assert!(d[1].hint.as_deref().unwrap().contains("`- Hai`"));
    }

    #[test]
    fn a_dash_folded_into_the_line_above_is_found_at_its_line() {
        let (d, _) =
            slips("list:\n  - Phân công\n    -cho các sở\n  - Ba\ntext: |\n  -giữ nguyên\n");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].pos, Some(Pos { line: 3, col: 5 }));
        assert_eq!(d[0].field.as_deref(), Some("list[0]"));
    }
}
