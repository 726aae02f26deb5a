//! The YAML of a file as a tree of nodes that remember where they were
//! written. One parse, from yaml-rust2's event parser, gives both the values
//! and their positions, so every later problem can point at its line.
//!
//! The tree is built under bounds, because a file is untrusted input: the
//! nesting depth, the number of nodes and the text they hold (aliases are
//! expanded against the same budget, so a "billion laughs" file stops at
//! the budget instead of filling memory), and the length of one value.
//! Duplicate keys, tags and extra documents are reported as problems; the
//! first occurrence is kept so the rest of the file is still checked.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diag::{Diagnostic, Pos, quote};

/// Sections nest a dozen levels in real plans.
pub const MAX_DEPTH: usize = 64;
/// Nodes after alias expansion: a 10,000-task plan has about 100,000.
pub const MAX_NODES: usize = 1_000_000;
/// Text held by all scalars after alias expansion.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;
/// One value: a long paragraph has a few thousand characters; a value of
/// this size is a paste gone wrong, and would make pages of one sentence.
pub const MAX_VALUE_CHARS: usize = 20_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar as written. A plain (unquoted) scalar may mean nothing
    /// (`~`, empty), a truth value or a number; a quoted one is always text.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<Entry>),
    /// Put in place of a missing or unusable value while the rest of the
    /// file is checked; reads as the empty value of whatever type is asked.
    Placeholder,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_pos: Pos,
    pub value: Node,
}

impl Node {
    /// Whether this is a plain scalar meaning "no value" (YAML null).
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if is_null_text(text))
    }

    /// Every scalar holding text, with its field path, in document order.
    pub fn strings(&self) -> Vec<(String, &Node)> {
        let mut out = Vec::new();
        self.walk(String::new(), &mut |path, node| {
            if let Value::Scalar { .. } = &node.value {
                out.push((path.to_string(), node));
            }
        });
        out
    }

    /// Calls `visit` with every node and its field path.
    pub fn walk<'a>(&'a self, path: String, visit: &mut impl FnMut(&str, &'a Node)) {
        visit(&path, self);
        match &self.value {
            Value::Seq(items) => {
                for (i, item) in items.iter().enumerate() {
                    item.walk(index(&path, i), visit);
                }
            }
            Value::Map(entries) => {
                for e in entries {
                    e.value.walk(join(&path, &e.key), visit);
                }
            }
            Value::Scalar { .. } | Value::Placeholder => {}
        }
    }

    /// The node at `path`, if the tree has it.
    pub fn get(&self, path: &str) -> Option<&Node> {
        let mut node = self;
        for step in steps(path) {
            node = match (step, &node.value) {
                (Step::Key(k), Value::Map(entries)) => &entries.iter().find(|e| e.key == k)?.value,
                (Step::Index(i), Value::Seq(items)) => items.get(i)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// The node at `path`, if the tree has it, to repair it.
    pub fn get_mut(&mut self, path: &str) -> Option<&mut Node> {
        let mut node = self;
        for step in steps(path) {
            node = match (step, &mut node.value) {
                (Step::Key(k), Value::Map(entries)) => {
                    &mut entries.iter_mut().find(|e| e.key == k)?.value
                }
                (Step::Index(i), Value::Seq(items)) => items.get_mut(i)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

pub fn is_null_text(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// `a.b` — the path of key `key` under `parent`.
pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

/// `a[i]` — the path of item `i` of the list at `parent`.
pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// The path one level up: `a.b[2].c` → `a.b[2]` → `a.b` → `a` → ``.
pub fn parent(path: &str) -> Option<&str> {
    if path.is_empty() {
        return None;
    }
    Some(&path[..path.rfind(['.', '[']).unwrap_or(0)])
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> impl Iterator<Item = Step<'_>> {
    path.split('.').filter(|s| !s.is_empty()).flat_map(|part| {
        let mut pieces = part.split('[');
        let key = pieces.next().unwrap_or("");
        let key = (!key.is_empty()).then_some(Step::Key(key));
        let indices = pieces.filter_map(|p| p.trim_end_matches(']').parse().ok().map(Step::Index));
        key.into_iter().chain(indices)
    })
}

/// A file that could not be read as YAML at all: where, what, how to fix.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: Option<Pos>,
    pub message: String,
    pub hint: String,
}

/// The tree of a file (None when it holds no document) and the problems
/// found while building it.
#[derive(Debug)]
pub struct Parsed {
    pub root: Option<Node>,
    pub problems: Vec<Diagnostic>,
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<Entry>,
        /// The line of each key's entry, so that a duplicate is found
        /// without reading every key before it (maps of 100,000 keys).
        lines: HashMap<String, usize>,
        key: Option<(String, Pos)>,
        /// The key was a duplicate or not a plain key: drop its value.
        discard: bool,
    },
}

struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    text_bytes: usize,
    root: Option<Node>,
    /// Documents begun (`---`).
    documents: usize,
    problems: Vec<Diagnostic>,
}

fn pos(mark: &Marker) -> Pos {
    Pos {
        line: mark.line(),
        col: mark.col() + 1,
    }
}

/// Parses `text` into a tree, within the bounds above.
pub fn parse(text: &str) -> Result<Parsed, SyntaxError> {
    let mut parser = Parser::new_from_str(text);
    let mut b = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        text_bytes: 0,
        root: None,
        documents: 0,
        problems: Vec::new(),
    };
    loop {
        let (event, mark) = parser.next_token().map_err(|e| scan_error(&e))?;
        let at = pos(&mark);
        match event {
            Event::StreamEnd => break,
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
            Event::DocumentStart => {
                if !b.document(at) {
                    break;
                }
            }
            Event::Alias(id) => b.alias(id, at)?,
            Event::Scalar(text, style, anchor, tag) => {
                b.scalar(text, style, anchor, tag.as_ref(), at)?;
            }
            Event::SequenceStart(anchor, tag) => b.open(true, anchor, tag.as_ref(), at)?,
            Event::MappingStart(anchor, tag) => b.open(false, anchor, tag.as_ref(), at)?,
            Event::SequenceEnd | Event::MappingEnd => b.close(),
        }
    }
    Ok(Parsed {
        root: b.root,
        problems: b.problems,
    })
}

/// The scanner's own error, located.
fn scan_error(e: &yaml_rust2::ScanError) -> SyntaxError {
    if e.info().contains("recursion limit") {
        return too_deep(pos(e.marker()));
    }
    SyntaxError {
        pos: Some(pos(e.marker())),
        message: e.info().to_string(),
        hint: String::new(),
    }
}

fn too_deep(at: Pos) -> SyntaxError {
    SyntaxError {
        pos: Some(at),
        message: format!("tệp lồng nhau quá sâu (hơn {MAX_DEPTH} cấp)"),
        hint: "kiểm tra các dấu [ { và thụt lề; một kế hoạch chỉ lồng khoảng mười cấp".into(),
    }
}

/// The core-schema name of `tag` (`!!str` → "str"), or None for a tag the
/// plan format does not use (`!!binary`, `!custom` …).
fn core_tag(tag: &Tag) -> Option<&str> {
    let name = match tag.handle.as_str() {
        "!!" | "tag:yaml.org,2002:" => tag.suffix.as_str(),
        // The non-specific tag `!` only forces a string.
        "!" if tag.suffix.is_empty() => "str",
        _ => return None,
    };
    matches!(
        name,
        "str" | "int" | "float" | "bool" | "null" | "seq" | "map"
    )
    .then_some(name)
}

fn unsupported_tag(tag: &Tag, at: Pos) -> Diagnostic {
    let handle = match tag.handle.as_str() {
        "tag:yaml.org,2002:" => "!!",
        h => h,
    };
    Diagnostic::error(format!(
        "thẻ YAML `{handle}{}` không dùng được trong tệp này",
        tag.suffix
    ))
    .at(Some(at))
    .hint("xóa thẻ (phần bắt đầu bằng dấu !) và viết giá trị như văn bản bình thường")
}

impl Builder {
    /// A document begins; false (reported) for a second one, which ends
    /// the reading.
    fn document(&mut self, at: Pos) -> bool {
        self.documents += 1;
        if self.documents > 1 {
            self.problems.push(
                Diagnostic::error("tệp có nhiều hơn một tài liệu YAML (dòng `---`)")
                    .at(Some(at))
                    .hint("mỗi tệp chỉ mô tả một bộ văn bản; xóa dòng `---` và phần sau nó, hoặc tách thành tệp riêng"),
            );
            return false;
        }
        true
    }

    /// `*name`: a copy of the anchored node (a placeholder if unknown),
    /// counted in full against the budget.
    fn alias(&mut self, id: usize, at: Pos) -> Result<(), SyntaxError> {
        let node = match self.anchors.get(&id) {
            Some(n) => Node {
                pos: at,
                ..n.clone()
            },
            None => Node {
                value: Value::Placeholder,
                pos: at,
            },
        };
        self.count(&node, at)?;
        self.finish(node, 0);
        Ok(())
    }

    fn scalar(
        &mut self,
        text: String,
        style: TScalarStyle,
        anchor: usize,
        tag: Option<&Tag>,
        at: Pos,
    ) -> Result<(), SyntaxError> {
        let chars = text.chars().count();
        if chars > MAX_VALUE_CHARS {
            return Err(SyntaxError {
                pos: Some(at),
                message: format!(
                    "giá trị quá dài ({chars} ký tự, tối đa {MAX_VALUE_CHARS}): `{}`",
                    quote(&text)
                ),
                hint: "một đoạn văn chỉ vài nghìn ký tự; kiểm tra xem có dán nhầm cả một tệp vào đây không, hoặc chia thành nhiều đoạn".into(),
            });
        }
        let mut plain = style == TScalarStyle::Plain;
        if let Some(tag) = tag {
            match core_tag(tag) {
                Some("str") => plain = false,
                Some(_) => {}
                None => self.problems.push(unsupported_tag(tag, at)),
            }
        }
        let node = Node {
            value: Value::Scalar { text, plain },
            pos: at,
        };
        self.count(&node, at)?;
        self.finish(node, anchor);
        Ok(())
    }

    /// A sequence (`seq`) or mapping begins.
    fn open(
        &mut self,
        seq: bool,
        anchor: usize,
        tag: Option<&Tag>,
        at: Pos,
    ) -> Result<(), SyntaxError> {
        if let Some(tag) = tag
            && core_tag(tag).is_none()
        {
            self.problems.push(unsupported_tag(tag, at));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(too_deep(at));
        }
        self.nodes += 1;
        self.stack.push(if seq {
            Frame::Seq {
                pos: at,
                anchor,
                items: Vec::new(),
            }
        } else {
            Frame::Map {
                pos: at,
                anchor,
                entries: Vec::new(),
                lines: HashMap::new(),
                key: None,
                discard: false,
            }
        });
        Ok(())
    }

    /// A sequence or mapping ends: it becomes a node of its parent.
    fn close(&mut self) {
        let (node, anchor) = match self.stack.pop() {
            Some(Frame::Seq { pos, anchor, items }) => (
                Node {
                    value: Value::Seq(items),
                    pos,
                },
                anchor,
            ),
            Some(Frame::Map {
                pos,
                anchor,
                entries,
                ..
            }) => (
                Node {
                    // A mapping is located at its first key: that is
                    // where a reader looks for it.
                    pos: entries.first().map_or(pos, |e| e.key_pos),
                    value: Value::Map(entries),
                },
                anchor,
            ),
            None => return,
        };
        self.finish(node, anchor);
    }

    /// Counts a node (and, for an alias, everything under it) against the budget.
    fn count(&mut self, node: &Node, at: Pos) -> Result<(), SyntaxError> {
        let mut nodes = 0usize;
        let mut bytes = 0usize;
        node.walk(String::new(), &mut |_, n| {
            nodes += 1;
            if let Value::Scalar { text, .. } = &n.value {
                bytes += text.len();
            }
        });
        self.nodes += nodes;
        self.text_bytes += bytes;
        if self.nodes > MAX_NODES || self.text_bytes > MAX_TEXT_BYTES {
            return Err(SyntaxError {
                pos: Some(at),
                message: "tệp quá lớn sau khi mở rộng các tham chiếu YAML (anchor & và alias *)"
                    .into(),
                hint: "viết trực tiếp nội dung thay vì dùng & và *, hoặc chia thành nhiều tệp"
                    .into(),
            });
        }
        Ok(())
    }

    /// Places a finished node in its parent (or as the root).
    fn finish(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                lines,
                key,
                discard,
                ..
            }) => match key.take() {
                None => match &node.value {
                    Value::Scalar { text, .. } => {
                        *discard = false;
                        if let Some(first) = lines.get(text) {
                            *discard = true;
                            self.problems.push(
                                Diagnostic::error(format!(
                                    "trường `{}` được khai báo hai lần (lần đầu ở dòng {})",
                                    quote(text),
                                    first
                                ))
                                .at(Some(node.pos))
                                .hint("giữ lại một lần khai báo và xóa lần còn lại"),
                            );
                        }
                        *key = Some((text.clone(), node.pos));
                    }
                    _ => {
                        *discard = true;
                        *key = Some((String::new(), node.pos));
                        self.problems.push(
                            Diagnostic::error("khóa phức hợp (danh sách hoặc nhóm làm khóa) không dùng được")
                                .at(Some(node.pos))
                                .hint("khóa là một từ như `title:`; nếu đây là văn bản có dấu hai chấm, đặt cả dòng trong ngoặc kép"),
                        );
                    }
                },
                Some((k, key_pos)) => {
                    if !*discard {
                        let mut value = node;
                        // An empty value has no text of its own to point
                        // at; the parser marks the next token. Its key is
                        // where the reader looks.
                        if matches!(&value.value, Value::Scalar { text, plain: true } if text.is_empty())
                        {
                            value.pos = key_pos;
                        }
                        lines.insert(k.clone(), key_pos.line);
                        entries.push(Entry {
                            key: k,
                            key_pos,
                            value,
                        });
                    }
                    *discard = false;
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        parse(text).unwrap().root.unwrap()
    }

    #[test]
    fn positions_of_keys_and_values() {
        let root =
            tree("issuer:\n  name: Lai Châu\nplan:\n  sections:\n    - title: A\n    - title: B\n");
        let mut found = HashMap::new();
        root.walk(String::new(), &mut |p, n| {
            found.insert(p.to_string(), n.pos);
        });
        assert_eq!(found["issuer.name"], Pos { line: 2, col: 9 });
        assert_eq!(found["plan.sections[1].title"], Pos { line: 6, col: 14 });
        // A mapping sits at its first key.
        assert_eq!(found["plan.sections[0]"], Pos { line: 5, col: 7 });
    }

    #[test]
    fn plain_and_quoted_scalars() {
        let root = tree("a: 12\nb: '12'\nc: ~\nd:\n");
        let Value::Map(e) = &root.value else { panic!() };
        assert_eq!(
            e[0].value.value,
            Value::Scalar {
                text: "12".into(),
                plain: true
            }
        );
        assert_eq!(
            e[1].value.value,
            Value::Scalar {
                text: "12".into(),
                plain: false
            }
        );
        assert!(e[2].value.is_null() && e[3].value.is_null());
    }

    #[test]
    fn duplicates_tags_and_documents_are_reported() {
        let p = parse("a: 1\na: 2\nb: !!binary aGk=\n---\nc: 3\n").unwrap();
        let messages: Vec<&str> = p.problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("hai lần"));
        assert!(messages[1].contains("!!binary"));
        assert!(messages[2].contains("nhiều hơn một tài liệu"));
        let Value::Map(e) = &p.root.unwrap().value else {
            panic!()
        };
        // The first declaration is kept.
        assert_eq!(e.len(), 2);
    }

    #[test]
    fn alias_bombs_and_deep_nesting_stop_at_the_budget() {
        let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = format!("*a{}", i - 1);
            bomb.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                [prev.as_str(); 10].join(", ")
            ));
        }
        assert!(parse(&bomb).unwrap_err().message.contains("mở rộng"));
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).unwrap_err().message.contains("sâu"));
    }

    #[test]
    fn paths_step_through_the_tree() {
        let mut root = tree("a:\n  - b: 1\n  - b: 2\n");
        assert_eq!(root.get_mut("a[1].b").unwrap().pos.line, 3);
        assert!(root.get_mut("a[2]").is_none());
        assert_eq!(parent("a[1].b"), Some("a[1]"));
        assert_eq!(parent("a[1]"), Some("a"));
        assert_eq!(parent("a"), Some(""));
        assert_eq!(parent(""), None);
    }
}
