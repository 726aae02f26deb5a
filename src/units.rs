//! Units (sở, ban, ngành, UBND cấp xã …) are declared once in a file's
//! `units:` and referred to by key everywhere else, so the same unit is
//! spelled the same way in every document. A reference that is not shaped
//! like a key is free text, printed as typed.

use std::collections::BTreeMap;

use crate::model::Unit;

/// Unit keys are lower-case ASCII words (`snnmt`, `ubnd_xa`); anything else
/// is literal text.
pub fn is_unit_key(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The units of one file.
#[derive(Debug, Clone, Copy)]
pub struct Units<'a> {
    declared: &'a BTreeMap<String, Unit>,
}

impl<'a> Units<'a> {
    pub fn new(declared: &'a BTreeMap<String, Unit>) -> Self {
        Units { declared }
    }

    pub fn get(&self, key: &str) -> Option<&'a Unit> {
        self.declared.get(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &'a str> {
        self.declared.keys().map(String::as_str)
    }

    /// The unit `reference` names: a key becomes the unit's name (or its
    /// short form for Nơi nhận); free text stays as typed. Validation has
    /// already refused undeclared keys.
    pub fn name(&self, reference: &str, short: bool) -> String {
        let reference = reference.trim();
        match self.get(reference) {
            Some(u) if short => u.short.clone().unwrap_or_else(|| u.name.clone()),
            Some(u) => u.name.clone(),
            None => reference.to_string(),
        }
    }

    /// Several references joined as a sentence lists them: "A, B, C".
    pub fn names(&self, references: &[String]) -> String {
        references
            .iter()
            .map(|r| self.name(r, false))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_keys_are_ascii_words() {
        assert!(is_unit_key("snnmt"));
        assert!(is_unit_key("ubnd_huyen2"));
        assert!(!is_unit_key("Sở Y tế"));
        assert!(!is_unit_key("UBND"));
        assert!(!is_unit_key(""));
    }

    #[test]
    fn keys_become_names_and_text_stays() {
        let mut map = BTreeMap::new();
        map.insert(
            "snnmt".to_string(),
            Unit {
                name: "Sở Nông nghiệp và Môi trường".into(),
                short: Some("Sở NN&MT".into()),
            },
        );
        let units = Units::new(&map);
        assert_eq!(units.name("snnmt", false), "Sở Nông nghiệp và Môi trường");
        assert_eq!(units.name(" snnmt ", true), "Sở NN&MT");
        assert_eq!(units.name("Các sở, ngành", false), "Các sở, ngành");
    }
}
