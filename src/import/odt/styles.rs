//! The styles of an OpenDocument text (styles.xml and content.xml's
//! automatic styles): what a paragraph or span style gives (bold, italic,
//! hidden, size, alignment, outline level) down its parent chain, and the
//! list styles (and the outline style of numbered headings) with each
//! level's number format, prefix, suffix and the levels it displays.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::import::autonumber::{LEVELS, NumFormat, bullet_text};
use crate::import::look::{Look, alignment};
use crate::import::source::{attr, local};

/// Reads the look an ODF `style:text-properties` element sets.
fn read_text(look: &mut Look, e: &BytesStart<'_>) {
    if let Some(w) = attr(e, "font-weight") {
        look.bold = Some(w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600));
    }
    if let Some(s) = attr(e, "font-style") {
        look.italic = Some(s == "italic" || s == "oblique");
    }
    if let Some(d) = attr(e, "display") {
        look.hidden = Some(d == "none");
    }
    if let Some(size) = attr(e, "font-size").and_then(|s| s.strip_suffix("pt")?.parse().ok()) {
        look.size = Some(size);
    }
}

/// One level of a list style.
#[derive(Debug, Clone, Default)]
pub struct ListLevel {
    pub format: NumFormat,
    pub prefix: String,
    pub suffix: String,
    /// How many levels' numbers it shows ("1.2." shows 2).
    pub display: usize,
    pub start: u32,
    pub bullet: Option<String>,
}

impl ListLevel {
    /// The label for `numbers` (the counters of levels 1 … this one).
    pub fn label(&self, numbers: &[u32]) -> Option<String> {
        if let Some(b) = &self.bullet {
            return (!b.trim().is_empty()).then(|| bullet_text(b.trim()));
        }
        if self.format == NumFormat::None {
            return None;
        }
        let shown = self.display.clamp(1, numbers.len().max(1));
        let parts: Vec<String> = numbers[numbers.len().saturating_sub(shown)..]
            .iter()
            .map(|&n| self.format.format(n))
            .collect();
        let label = format!("{}{}{}", self.prefix, parts.join("."), self.suffix);
        let label = label.trim().to_string();
        (!label.is_empty()).then_some(label)
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    parent: Option<String>,
    props: Look,
}

/// The document's styles.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    /// Column styles' widths (see `column_width`).
    columns: HashMap<String, u32>,
    pub lists: HashMap<String, Vec<ListLevel>>,
    /// The outline style (numbered headings), as a list style.
    pub outline: Vec<ListLevel>,
}

const MAX_CHAIN: usize = 32;
const OUTLINE: &str = "\u{0}outline";

impl Styles {
    /// Reads the styles of one part (styles.xml or content.xml) into these.
    pub fn read(&mut self, xml: &str) {
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        let mut list: Option<String> = None;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match local(e.name().as_ref()) {
                        "style" => {
                            if let Some((name, s)) = current.take() {
                                self.styles.insert(name, s);
                            }
                        }
                        "list-style" | "outline-style" => list = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            match local(e.name().as_ref()) {
                "style" => {
                    let style = Style {
                        parent: attr(&e, "parent-style-name"),
                        props: Look {
                            outline: attr(&e, "default-outline-level").and_then(|l| l.parse().ok()),
                            ..Look::default()
                        },
                    };
                    current = attr(&e, "name").map(|n| (n, style));
                    if empty && let Some((name, s)) = current.take() {
                        self.styles.insert(name, s);
                    }
                }
                "text-properties" => {
                    if let Some((_, s)) = current.as_mut() {
                        read_text(&mut s.props, &e);
                    }
                }
                "table-column-properties" => {
                    if let Some(((name, _), w)) = current.as_ref().zip(column_width(&e)) {
                        self.columns.insert(name.clone(), w);
                    }
                }
                "paragraph-properties" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.props.align = attr(&e, "text-align").and_then(|a| alignment(&a));
                    }
                }
                "list-style" => list = attr(&e, "name"),
                "outline-style" => list = Some(OUTLINE.into()),
                "list-level-style-number" | "list-level-style-bullet" | "outline-level-style" => {
                    if let Some(name) = &list {
                        self.read_level(name, &e);
                    }
                }
                _ => {}
            }
        }
        if let Some(outline) = self.lists.remove(OUTLINE) {
            self.outline = outline;
        }
    }

    fn read_level(&mut self, list: &str, e: &BytesStart<'_>) {
        let Some(level) = attr(e, "level").and_then(|l| l.parse::<usize>().ok()) else {
            return;
        };
        if !(1..=LEVELS).contains(&level) {
            return;
        }
        let levels = self.lists.entry(list.to_string()).or_default();
        if levels.len() < level {
            levels.resize(level, ListLevel::default());
        }
        let bullet = local(e.name().as_ref()) == "list-level-style-bullet";
        levels[level - 1] = ListLevel {
            format: num_format(attr(e, "num-format").as_deref().unwrap_or("")),
            prefix: attr(e, "num-prefix").unwrap_or_default(),
            suffix: attr(e, "num-suffix").unwrap_or_default(),
            display: attr(e, "display-levels")
                .and_then(|d| d.parse().ok())
                .unwrap_or(1),
            start: attr(e, "start-value")
                .and_then(|d| d.parse().ok())
                .unwrap_or(1),
            bullet: bullet.then(|| attr(e, "bullet-char").unwrap_or_else(|| "•".into())),
        };
    }

    /// The width column style `name` gives, in its own measure: relative
    /// (`rel-column-width`) where the style says, else twips.
    pub fn column_width(&self, name: &str) -> Option<u32> {
        self.columns.get(name).copied()
    }

    /// The properties of style `name` with what it inherits.
    pub fn props(&self, name: Option<&str>) -> Look {
        let mut out = Look::default();
        let mut next = name;
        for _ in 0..MAX_CHAIN {
            let Some(s) = next.and_then(|n| self.styles.get(n)) else {
                break;
            };
            out = out.or(&s.props);
            next = s.parent.as_deref();
        }
        out
    }
}

/// A column's width: `style:rel-column-width` ("1234*"), else
/// `style:column-width` ("3.5cm", "1in", "12pt", …) in twips. A table's
/// columns all give one or all the other, as LibreOffice writes them.
fn column_width(e: &BytesStart<'_>) -> Option<u32> {
    if let Some(rel) = attr(e, "rel-column-width") {
        return rel.trim_end_matches('*').parse().ok();
    }
    let width = attr(e, "column-width")?;
    let unit = width.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let value: f64 = width[..width.len() - unit.len()].parse().ok()?;
    let twips = match unit {
        "cm" => 566.93,
        "mm" => 56.693,
        "in" => 1440.0,
        "pt" => 20.0,
        "pc" => 240.0,
        _ => return None,
    };
    Some((value * twips).round() as u32)
}

/// ODF's `style:num-format`: "1", "I", "i", "A", "a", or empty (none).
fn num_format(value: &str) -> NumFormat {
    match value {
        "I" => NumFormat::UpperRoman,
        "i" => NumFormat::LowerRoman,
        "A" => NumFormat::UpperLetter,
        "a" => NumFormat::LowerLetter,
        "" => NumFormat::None,
        _ => NumFormat::Decimal,
    }
}
