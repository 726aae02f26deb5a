//! Where each node of a YAML file sits. serde forgets positions once a value
//! is deserialised; this index, built from the parser's events, maps a field
//! path such as `plan.sections[1].title` back to its line and column so
//! validation errors can point at the text the user wrote.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, Parser};

use crate::diag::Pos;

#[derive(Debug, Default, Clone)]
pub struct PositionIndex {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    /// The second occurrence of a key declared twice in one mapping.
    duplicate_keys: HashMap<String, Pos>,
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, index: usize },
}

pub fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

pub fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

impl PositionIndex {
    /// Builds the index. A file the event parser cannot read yields an empty
    /// index; serde reports that syntax error with its own position.
    pub fn build(source: &str) -> PositionIndex {
        let mut idx = PositionIndex::default();
        let mut parser = Parser::new_from_str(source);
        let mut stack: Vec<Frame> = Vec::new();
        while let Ok((event, mark)) = parser.next_token() {
            let pos = Pos {
                line: mark.line(),
                col: mark.col() + 1,
            };
            // Keys of a mapping are recorded separately from values.
            if let Some(Frame::Map { path, key }) = stack.last_mut()
                && key.is_none()
            {
                match &event {
                    Event::Scalar(k, ..) => {
                        // A mapping is located at its first key: the parser's
                        // own mark for a block mapping lies after that key.
                        idx.values.entry(path.clone()).or_insert(pos);
                        let full = join(path, k);
                        match idx.keys.entry(full) {
                            std::collections::hash_map::Entry::Occupied(e) => {
                                idx.duplicate_keys.entry(e.key().clone()).or_insert(pos);
                            }
                            std::collections::hash_map::Entry::Vacant(e) => {
                                e.insert(pos);
                            }
                        }
                        *key = Some(k.clone());
                        continue;
                    }
                    Event::MappingEnd => {
                        stack.pop();
                        finish_node(&mut stack);
                        continue;
                    }
                    _ => {
                        // Complex keys are not used by our schema; mark the
                        // slot filled so the value after it is still indexed.
                        *key = Some(String::from("?"));
                    }
                }
            }
            let node_path = match stack.last() {
                None => String::new(),
                Some(Frame::Map { path, key }) => join(path, key.as_deref().unwrap_or("?")),
                Some(Frame::Seq { path, index: i }) => index(path, *i),
            };
            match event {
                Event::StreamEnd => break,
                Event::Scalar(..) | Event::Alias(..) => {
                    idx.values.entry(node_path).or_insert(pos);
                    finish_node(&mut stack);
                }
                Event::MappingStart(..) => {
                    stack.push(Frame::Map {
                        path: node_path,
                        key: None,
                    });
                }
                Event::SequenceStart(..) => {
                    idx.values.entry(node_path.clone()).or_insert(pos);
                    stack.push(Frame::Seq {
                        path: node_path,
                        index: 0,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    stack.pop();
                    finish_node(&mut stack);
                }
                _ => {}
            }
        }
        idx
    }

    /// Position of the value at `path`, or of the nearest ancestor that exists
    /// (a missing field is reported at the mapping that should hold it).
    pub fn value(&self, path: &str) -> Option<Pos> {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.values.get(&p) {
                return Some(*pos);
            }
            p = parent(&p)?;
        }
    }

    /// Position of the second declaration of a duplicated key.
    pub fn duplicate_key(&self, path: &str) -> Option<Pos> {
        self.duplicate_keys.get(path).copied()
    }

    /// Position of the key naming `path` (for unknown or duplicate keys).
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.keys.get(path).copied().or_else(|| self.value(path))
    }
}

fn finish_node(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map { key, .. }) => *key = None,
        Some(Frame::Seq { index, .. }) => *index += 1,
        None => {}
    }
}

fn parent(path: &str) -> Option<String> {
    if path.is_empty() {
        return None;
    }
    let cut = path.rfind(['.', '[']).unwrap_or(0);
    Some(path[..cut].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_nested_paths() {
        let src = "issuer:\n  name: Lai Châu\nplan:\n  sections:\n    - title: A\n    - title: B\n      body:\n        - x\n";
        let idx = PositionIndex::build(src);
        assert_eq!(idx.value("issuer.name"), Some(Pos { line: 2, col: 9 }));
        assert_eq!(
            idx.value("plan.sections[1].title"),
            Some(Pos { line: 6, col: 14 })
        );
        assert_eq!(
            idx.value("plan.sections[1].body[0]"),
            Some(Pos { line: 8, col: 11 })
        );
        assert_eq!(
            idx.key("plan.sections[0].title"),
            Some(Pos { line: 5, col: 7 })
        );
        // Missing field: falls back to the mapping that should contain it.
        assert_eq!(
            idx.value("plan.sections[0].timeline"),
            Some(Pos { line: 5, col: 7 })
        );
    }
}
