//! `word/numbering.xml`: Word's automatic numbering, computed as Word
//! displays it. A paragraph names a list (`numId`) and a level (`ilvl`);
//! the list points at an abstract definition whose levels give the start,
//! the format (decimal, upperRoman, lowerLetter, bullet …) and the text
//! ("%1.", "%1.%2."); a list may override a level or its start, which
//! restarts the count. Lists sharing a definition share their counters,
//! as in Word.

use std::collections::{HashMap, HashSet};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::styles::Styles;
use super::{attr, local, on};
use crate::import::autonumber::{Counters, LEVELS, NumFormat, bullet_text};

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: NumFormat,
    text: String,
    /// `lvlRestart`: restart after this (1-based) level is used; 0 never.
    restart: Option<u32>,
    /// Show every level's number as decimal ("legal" numbering).
    legal: bool,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            start: 1,
            format: NumFormat::Decimal,
            text: String::new(),
            restart: None,
            legal: false,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: HashMap<usize, Level>,
    /// `numStyleLink`: the definition lives in a numbering style.
    style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// Levels the list redefines, and starts it overrides.
    levels: HashMap<usize, Level>,
    starts: HashMap<usize, u32>,
}

/// The lists of a document, and their counters as the body is read.
#[derive(Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Abstract>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, Counters>,
    /// Lists whose start overrides have taken effect.
    started: HashSet<String>,
}

/// What is being read: a level of an abstract definition or of a list's override.
enum Target {
    None,
    Abstract(String),
    Num(String),
}

impl Numbering {
    pub fn parse(xml: &str) -> Numbering {
        let mut out = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut target = Target::None;
        let mut level: Option<(usize, Level)> = None;
        let mut override_level: Option<usize> = None;
        loop {
            let e = match reader.read_event() {
                Ok(Event::Start(e) | Event::Empty(e)) => e,
                Ok(Event::End(e)) => {
                    match local(e.name().as_ref()) {
                        "lvl" => out.store_level(&target, level.take()),
                        "abstractNum" | "num" => target = Target::None,
                        "lvlOverride" => override_level = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            let val = || attr(&e, "val");
            match local(e.name().as_ref()) {
                "abstractNum" => {
                    if let Some(id) = attr(&e, "abstractNumId") {
                        out.abstracts.entry(id.clone()).or_default();
                        target = Target::Abstract(id);
                    }
                }
                "num" => {
                    if let Some(id) = attr(&e, "numId") {
                        out.nums.entry(id.clone()).or_default();
                        target = Target::Num(id);
                    }
                }
                "abstractNumId" => {
                    if let (Target::Num(id), Some(v)) = (&target, val()) {
                        out.nums.entry(id.clone()).or_default().abstract_id = v;
                    }
                }
                "numStyleLink" => {
                    if let Target::Abstract(id) = &target {
                        out.abstracts.entry(id.clone()).or_default().style_link = val();
                    }
                }
                "lvlOverride" => override_level = attr(&e, "ilvl").and_then(|v| v.parse().ok()),
                "startOverride" => {
                    if let (Target::Num(id), Some(l), Some(v)) =
                        (&target, override_level, val().and_then(|v| v.parse().ok()))
                    {
                        out.nums.entry(id.clone()).or_default().starts.insert(l, v);
                    }
                }
                "lvl" => {
                    let ilvl = attr(&e, "ilvl").and_then(|v| v.parse::<usize>().ok());
                    level = ilvl
                        .or(override_level)
                        .filter(|&l| l < LEVELS)
                        .map(|l| (l, Level::default()));
                }
                name => {
                    if let Some((_, l)) = level.as_mut() {
                        read_level(l, name, &e, val());
                    }
                }
            }
        }
        out
    }

    fn store_level(&mut self, target: &Target, level: Option<(usize, Level)>) {
        let Some((i, l)) = level else { return };
        match target {
            Target::Abstract(id) => {
                self.abstracts
                    .entry(id.clone())
                    .or_default()
                    .levels
                    .insert(i, l);
            }
            Target::Num(id) => {
                self.nums.entry(id.clone()).or_default().levels.insert(i, l);
            }
            Target::None => {}
        }
    }

    /// The abstract definition of list `num_id`, following a numbering
    /// style's link once.
    fn definition(&self, num_id: &str, styles: &Styles) -> Option<(&str, &Abstract)> {
        let num = self.nums.get(num_id)?;
        let (id, abs) = self.abstracts.get_key_value(&num.abstract_id)?;
        if let Some(link) = &abs.style_link
            && let Some(linked) = styles.numbering_of(link)
            && let Some(n) = self.nums.get(&linked)
            && let Some((lid, labs)) = self.abstracts.get_key_value(&n.abstract_id)
            && labs.style_link.is_none()
        {
            return Some((lid.as_str(), labs));
        }
        Some((id.as_str(), abs))
    }

    fn level<'a>(num: &'a Num, abs: &'a Abstract, i: usize) -> Option<&'a Level> {
        num.levels.get(&i).or_else(|| abs.levels.get(&i))
    }

    /// The label Word shows before the next paragraph of list `num_id` at
    /// level `ilvl`, advancing the list's counters; `None` for no label.
    pub fn next_label(&mut self, num_id: &str, ilvl: usize, styles: &Styles) -> Option<String> {
        if num_id == "0" || ilvl >= LEVELS {
            return None;
        }
        let num = self.nums.get(num_id)?.clone();
        let (abs_id, abs) = self.definition(num_id, styles)?;
        let (abs_id, abs) = (abs_id.to_string(), abs.clone());
        let level = Self::level(&num, &abs, ilvl)?.clone();
        let start_of = |i: usize| {
            num.starts
                .get(&i)
                .copied()
                .or_else(|| Self::level(&num, &abs, i).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.counters.entry(abs_id).or_default();
        if self.started.insert(num_id.to_string()) {
            for &i in num.starts.keys() {
                counters.reset(i);
            }
        }
        let restarts = |deeper: usize| {
            let restart = Self::level(&num, &abs, deeper).and_then(|l| l.restart);
            // Restarts after `restart` (1-based) or any level above it.
            restart.is_none_or(|r| r as usize > ilvl)
        };
        counters.advance(ilvl, start_of(ilvl), restarts);
        if level.format == NumFormat::Bullet {
            let text = bullet_text(level.text.trim());
            return (!text.is_empty()).then_some(text);
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%'
                && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
            {
                chars.next();
                let i = (d as usize).saturating_sub(1);
                let shown = Self::level(&num, &abs, i).map_or(NumFormat::Decimal, |l| l.format);
                let shown = if level.legal {
                    NumFormat::Decimal
                } else {
                    shown
                };
                out.push_str(&shown.format(counters.value(i, start_of(i))));
            } else {
                out.push(c);
            }
        }
        let out = out.trim().to_string();
        (!out.is_empty()).then_some(out)
    }
}

fn read_level(
    l: &mut Level,
    name: &str,
    e: &quick_xml::events::BytesStart<'_>,
    val: Option<String>,
) {
    match name {
        "start" => l.start = val.and_then(|v| v.parse().ok()).unwrap_or(1),
        "numFmt" => l.format = val.map_or(NumFormat::Decimal, |v| format_named(&v)),
        "lvlText" => l.text = val.unwrap_or_default(),
        "lvlRestart" => l.restart = val.and_then(|v| v.parse().ok()),
        "isLgl" => l.legal = on(e),
        _ => {}
    }
}

/// Word's `numFmt` names; the rarer ones show as decimal, as a reader
/// would retype them.
fn format_named(name: &str) -> NumFormat {
    match name {
        "upperRoman" => NumFormat::UpperRoman,
        "lowerRoman" => NumFormat::LowerRoman,
        "upperLetter" => NumFormat::UpperLetter,
        "lowerLetter" => NumFormat::LowerLetter,
        "decimalZero" => NumFormat::DecimalZero,
        "bullet" => NumFormat::Bullet,
        "none" => NumFormat::None,
        _ => NumFormat::Decimal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan's outline as offices set it: I. / 1. / 1.1. / a) / bullet,
    /// and a second list on the same definition that restarts at 1.
    pub const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
        <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl>
        <w:lvl w:ilvl="5"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%6."/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
    </w:numbering>"#;

    #[test]
    fn labels_are_computed_as_word_shows_them() {
        let styles = Styles::default();
        let mut n = Numbering::parse(NUMBERING);
        let mut next = |id: &str, l: usize| n.next_label(id, l, &styles);
        assert_eq!(next("1", 0).as_deref(), Some("I."));
        assert_eq!(next("1", 1).as_deref(), Some("1."));
        assert_eq!(next("1", 2).as_deref(), Some("1.1."));
        assert_eq!(next("1", 2).as_deref(), Some("1.2."));
        assert_eq!(next("1", 3).as_deref(), Some("a)"));
        assert_eq!(next("1", 3).as_deref(), Some("b)"));
        assert_eq!(next("1", 4).as_deref(), Some("•"));
        assert_eq!(next("1", 1).as_deref(), Some("2."));
        assert_eq!(next("1", 3).as_deref(), Some("a)"));
        assert_eq!(next("1", 0).as_deref(), Some("II."));
        assert_eq!(next("1", 5).as_deref(), Some("2.1."));
        // List 2 shares the counters and restarts level 1 at 5.
        assert_eq!(next("2", 1).as_deref(), Some("5."));
        assert_eq!(next("2", 1).as_deref(), Some("6."));
        assert_eq!(next("0", 0), None);
        assert_eq!(next("9", 0), None);
    }
}
