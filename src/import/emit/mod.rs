//! The YAML a person would write for a recognised document, printed from
//! the model (`model::PlanFile`): keys in the order of docs/schema.md,
//! defaults left out, plain scalars where they read back as the same text,
//! `|-` for a text of several lines, and the importer's notes as `#
//! kiểm tra: …` comments above the field each concerns.

mod document;
mod scalar;
mod tables;

use std::collections::HashSet;

pub use scalar::{quoted, scalar};

use super::notes::Notes;
use super::recognise::Recognised;
use crate::model::{Timeline, TimelineFields};

/// The YAML text of `r`; `source` names the imported file in the opening
/// comment.
pub fn emit(r: &Recognised, source: &str) -> String {
    let mut w = W::new(&r.notes);
    document::file(&mut w, &r.file);
    let mut out = String::new();
    out.push_str(&format!(
        "# Nhập từ {} bằng `ocop import`.\n",
        one_line(source)
    ));
    out.push_str("# Đọc các dòng \"# kiểm tra:\" rồi sửa lại cho đúng trước khi dựng văn bản.\n");
    // A note on a field the YAML leaves out still reaches the reader.
    for (i, n) in r.notes.iter().enumerate() {
        if !w.used.contains(&i) {
            out.push_str(&format!("# kiểm tra ({}): {}\n", n.path, one_line(&n.text)));
        }
    }
    out.push('\n');
    out.push_str(&w.out);
    out
}

/// A timeline as its value is written: `continuous`, `{ quarters: [2, 3] }`.
pub fn timeline(t: &Timeline) -> String {
    match t {
        Timeline::Keyword(k) => scalar(k),
        Timeline::Fields(f) => flow_map(&timeline_fields(f)),
    }
}

fn timeline_fields(f: &TimelineFields) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if let Some(q) = &f.quarters {
        let list: Vec<String> = q.iter().map(u8::to_string).collect();
        out.push(("quarters", format!("[{}]", list.join(", "))));
    }
    if let Some(j) = &f.join {
        out.push(("join", quoted(j)));
    }
    if let Some(m) = f.month {
        out.push(("month", m.to_string()));
    }
    for (k, v) in [("within", f.within), ("with_year", f.with_year)] {
        if let Some(v) = v {
            out.push((k, v.to_string()));
        }
    }
    for (k, v) in [
        ("before", &f.before),
        ("from", &f.from),
        ("to", &f.to),
        ("text", &f.text),
    ] {
        if let Some(v) = v {
            out.push((k, scalar::flow(v)));
        }
    }
    out
}

/// `{ a: 1, b: 2 }`, the values already written.
fn flow_map(fields: &[(&str, String)]) -> String {
    let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{ {} }}", inner.join(", "))
}

/// `[a, b]`.
fn flow_list<S: AsRef<str>>(items: &[S]) -> String {
    let inner: Vec<String> = items.iter().map(|s| scalar::flow(s.as_ref())).collect();
    format!("[{}]", inner.join(", "))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The writer: lines at a depth, a sequence item's "- " on the first line
/// of its mapping, notes above the fields they concern.
struct W<'a> {
    out: String,
    notes: &'a Notes,
    /// Notes written.
    used: HashSet<usize>,
    /// A sequence item opened at this depth: its first line gets the "- ".
    dash: Option<usize>,
}

impl<'a> W<'a> {
    fn new(notes: &'a Notes) -> W<'a> {
        W {
            out: String::new(),
            notes,
            used: HashSet::new(),
            dash: None,
        }
    }

    fn line(&mut self, depth: usize, text: &str) {
        let (depth, dash) = match self.dash.take() {
            Some(d) if depth == d + 1 => (d, "- "),
            Some(d) => {
                self.dash = Some(d);
                (depth, "")
            }
            None => (depth, ""),
        };
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(dash);
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A line of a block scalar: an empty one carries no indentation.
    fn block_line(&mut self, depth: usize, text: &str) {
        if text.is_empty() {
            self.blank();
        } else {
            self.line(depth, text);
        }
    }

    /// Opens a sequence item at `depth` whose mapping follows at depth + 1.
    fn item_start(&mut self, depth: usize) {
        self.dash = Some(depth);
    }

    fn kv(&mut self, depth: usize, key: &str, value: &str) {
        match scalar::block_lines(value) {
            Some(lines) => {
                self.line(depth, &format!("{key}: |-"));
                for l in lines {
                    self.block_line(depth + 1, l);
                }
            }
            None => self.line(depth, &format!("{key}: {}", scalar(value))),
        }
    }

    fn opt(&mut self, depth: usize, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.kv(depth, key, v);
        }
    }

    fn flag(&mut self, depth: usize, key: &str, on: bool) {
        if on {
            self.line(depth, &format!("{key}: true"));
        }
    }

    /// A plain sequence item.
    fn item(&mut self, depth: usize, value: &str) {
        match scalar::block_lines(value) {
            Some(lines) => {
                self.line(depth, "- |-");
                for l in lines {
                    self.block_line(depth + 1, l);
                }
            }
            None => self.line(depth, &format!("- {}", scalar(value))),
        }
    }

    /// The notes on the field at `path`, as comments.
    fn notes(&mut self, depth: usize, path: &str) {
        let found: Vec<(usize, String)> = self
            .notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.path == path)
            .map(|(i, n)| (i, one_line(&n.text)))
            .collect();
        for (i, text) in found {
            self.used.insert(i);
            // A pending "- " must not land on a comment.
            let dash = self.dash.take();
            self.line(depth, &format!("# kiểm tra: {text}"));
            self.dash = dash;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_come_back_as_typed_from_a_block() {
        let notes = Notes::default();
        let mut w = W::new(&notes);
        let text = "Đoạn một: #1.\n\nĐoạn hai.\nDòng tiếp.";
        w.kv(0, "intro", text);
        assert_eq!(
            w.out,
            "intro: |-\n  Đoạn một: #1.\n\n  Đoạn hai.\n  Dòng tiếp.\n"
        );
        let back = yaml_rust2::YamlLoader::load_from_str(&w.out).expect("the block reads back");
        assert_eq!(back[0]["intro"].as_str(), Some(text));
    }
}
