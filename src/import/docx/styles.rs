//! `word/styles.xml`: what a paragraph or a run gets from its style and
//! the styles that one is based on (bold, italic, hidden, size,
//! alignment, outline level, numbering), and the document's defaults.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{attr, local, on};
use crate::import::look::{Look, alignment};

/// What a style (or a paragraph, or a run) sets: its look, and the
/// numbering it applies; `None` where it leaves them to the style it is
/// based on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Props {
    pub look: Look,
    /// (numId, ilvl): numbering the style applies.
    pub num_id: Option<String>,
    pub num_level: Option<u8>,
}

impl Props {
    /// These properties, with `base` filling what they leave open.
    pub fn or(&self, base: &Props) -> Props {
        Props {
            look: self.look.or(&base.look),
            num_id: self.num_id.clone().or_else(|| base.num_id.clone()),
            num_level: self.num_level.or(base.num_level),
        }
    }

    /// Reads one property element of a `pPr` or `rPr` into these.
    pub fn read(&mut self, name: &str, e: &quick_xml::events::BytesStart<'_>) {
        match name {
            "b" => self.look.bold = Some(on(e)),
            "i" => self.look.italic = Some(on(e)),
            "vanish" | "specVanish" | "webHidden" => self.look.hidden = Some(on(e)),
            "sz" => {
                if let Some(half) = attr(e, "val").and_then(|v| v.parse::<f32>().ok()) {
                    self.look.size = Some(half / 2.0);
                }
            }
            "jc" => self.look.align = attr(e, "val").and_then(|v| alignment(&v)),
            "outlineLvl" => self.look.outline = attr(e, "val").and_then(|v| v.parse().ok()),
            "numId" => self.num_id = attr(e, "val"),
            "ilvl" => self.num_level = attr(e, "val").and_then(|v| v.parse().ok()),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    /// A heading's level from its name ("heading 2", "Tiêu đề 2").
    heading: Option<u8>,
    /// Paragraph properties (numbering, alignment, outline) and run
    /// properties, kept apart: a character style has only the latter.
    para: Props,
    run: Props,
}

/// The styles of a document.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, Style>,
    defaults: Props,
    /// The paragraph style used where a paragraph names none.
    default_para: Option<String>,
}

/// Deepest `basedOn` chain followed (Word allows no cycles; a hostile file may).
const MAX_CHAIN: usize = 32;

impl Styles {
    pub fn parse(xml: &str) -> Styles {
        let mut out = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut current: Option<(String, Style)> = None;
        let mut in_ppr = false;
        let mut in_rpr = false;
        let mut in_defaults = false;
        let mut default_flag = false;
        loop {
            let (e, start) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, true),
                Ok(Event::Empty(e)) => (e, false),
                Ok(Event::End(e)) => {
                    match local(e.name().as_ref()) {
                        "style" => {
                            if let Some((id, s)) = current.take() {
                                if default_flag && out.default_para.is_none() {
                                    out.default_para = Some(id.clone());
                                }
                                out.styles.insert(id, s);
                            }
                        }
                        "pPr" => in_ppr = false,
                        "rPr" => in_rpr = false,
                        "docDefaults" => in_defaults = false,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            let name = local(e.name().as_ref()).to_string();
            match name.as_str() {
                "docDefaults" => in_defaults = start,
                "style" => {
                    let paragraph = attr(&e, "type").is_none_or(|t| t == "paragraph");
                    default_flag = paragraph && attr(&e, "default").is_some_and(|v| v == "1");
                    current = attr(&e, "styleId").map(|id| (id, Style::default()));
                    if !start && let Some((id, s)) = current.take() {
                        out.styles.insert(id, s);
                    }
                }
                "pPr" => in_ppr = start,
                "rPr" => in_rpr = start,
                "basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = attr(&e, "val");
                    }
                }
                "name" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.heading = attr(&e, "val").and_then(|v| heading_name(&v));
                    }
                }
                _ => {
                    let target = match current.as_mut() {
                        Some((_, s)) if in_rpr => &mut s.run,
                        Some((_, s)) if in_ppr => &mut s.para,
                        None if in_defaults && in_rpr => &mut out.defaults,
                        _ => continue,
                    };
                    target.read(&name, &e);
                }
            }
        }
        out
    }

    /// The paragraph and run properties of paragraph style `id` (or the
    /// default style), with everything it inherits; and its heading level.
    pub fn paragraph(&self, id: Option<&str>) -> (Props, Props, Option<u8>) {
        let id = id.or(self.default_para.as_deref());
        let mut para = Props::default();
        let mut run = Props::default();
        let mut heading = None;
        for s in self.chain(id) {
            para = para.or(&s.para);
            run = run.or(&s.run);
            heading = heading.or(s.heading);
        }
        (para, run.or(&self.defaults), heading)
    }

    /// The run properties of character style `id`, inherited ones included.
    pub fn character(&self, id: Option<&str>) -> Props {
        let mut run = Props::default();
        for s in self.chain(id) {
            run = run.or(&s.run);
        }
        run
    }

    /// Style `id`, then the one it is based on, and so on.
    fn chain<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = &'a Style> + 'a {
        let mut next = id;
        std::iter::from_fn(move || {
            let s = self.styles.get(next?)?;
            next = s.based_on.as_deref();
            Some(s)
        })
        .take(MAX_CHAIN)
    }

    /// The numbering (numId) a numbering style applies, for a list
    /// defined by reference to it (`w:numStyleLink`).
    pub fn numbering_of(&self, id: &str) -> Option<String> {
        self.chain(Some(id)).find_map(|s| s.para.num_id.clone())
    }
}

/// A heading's level from its style's name: Word's built-in "heading 1"
/// (in every language, the name in the file is English), or a name as a
/// Vietnamese office gives it ("Tiêu đề 1", "Đề mục 2").
fn heading_name(name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    let rest = ["heading", "tiêu đề", "đề mục"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let level: u8 = rest.trim().parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::para::Align;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
      <w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/></w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Mục lớn"/><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr><w:jc w:val="center"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="TD2"><w:name w:val="Tiêu đề 2"/><w:basedOn w:val="TD2"/></w:style>
      <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/><w:i w:val="0"/></w:rPr></w:style>
    </w:styles>"#;

    #[test]
    fn properties_come_down_the_based_on_chain() {
        let s = Styles::parse(STYLES);
        let (para, run, heading) = s.paragraph(Some("Muc"));
        assert_eq!(heading, Some(1));
        assert_eq!(para.look.outline, Some(0));
        assert_eq!(para.look.align, Some(Align::Center));
        assert_eq!(para.num_id.as_deref(), Some("4"));
        assert_eq!(run.look.bold, Some(true));
        assert_eq!(run.look.size, Some(14.0));
        let (para, run, heading) = s.paragraph(None);
        assert_eq!(
            (para.look.align, run.look.bold, heading),
            (Some(Align::Justify), None, None)
        );
        // A style based on itself ends, named by its level.
        assert_eq!(s.paragraph(Some("TD2")).2, Some(2));
        assert_eq!(s.character(Some("Strong")).look.bold, Some(true));
        assert_eq!(s.numbering_of("Muc").as_deref(), Some("4"));
    }
}
