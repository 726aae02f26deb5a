//! Where each value and key of a file was written, by field path
//! (`plan.sections[1].title`), so checks made on the typed model can point
//! back at the text the user wrote.

use std::collections::HashMap;

use super::yaml::{Node, Value, join, parent};
use crate::diag::Pos;

#[derive(Debug, Default, Clone)]
pub struct Positions {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
}

impl Positions {
    pub fn of(root: &Node) -> Positions {
        let mut p = Positions::default();
        root.walk(String::new(), &mut |path, node| {
            p.values.insert(path.to_string(), node.pos);
            if let Value::Map(entries) = &node.value {
                for e in entries {
                    p.keys.insert(join(path, &e.key), e.key_pos);
                }
            }
        });
        p
    }

    /// Position of the value at `path`, or of the nearest ancestor that exists
    /// (a missing field is reported at the mapping that should hold it).
    pub fn value(&self, path: &str) -> Option<Pos> {
        let mut p = path;
        loop {
            if let Some(pos) = self.values.get(p) {
                return Some(*pos);
            }
            p = parent(p)?;
        }
    }

    /// Position of the key naming `path`, else of its value.
    pub fn key(&self, path: &str) -> Option<Pos> {
        self.keys.get(path).copied().or_else(|| self.value(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::yaml;

    #[test]
    fn values_keys_and_missing_fields() {
        let src = "issuer:\n  name: Lai Châu\nplan:\n  sections:\n    - title: A\n    - title: B\n      body:\n        - x\n";
        let p = Positions::of(&yaml::parse(src).unwrap().root.unwrap());
        assert_eq!(p.value("issuer.name"), Some(Pos { line: 2, col: 9 }));
        assert_eq!(
            p.value("plan.sections[1].title"),
            Some(Pos { line: 6, col: 14 })
        );
        assert_eq!(
            p.value("plan.sections[1].body[0]"),
            Some(Pos { line: 8, col: 11 })
        );
        assert_eq!(
            p.key("plan.sections[0].title"),
            Some(Pos { line: 5, col: 7 })
        );
        // Missing field: falls back to the mapping that should contain it.
        assert_eq!(
            p.value("plan.sections[0].timeline"),
            Some(Pos { line: 5, col: 7 })
        );
    }
}
