//! `word/footnotes.xml` and `word/endnotes.xml`: each note's text, to set
//! where its reference mark stood in the body.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{attr, local};
use crate::import::para::squeeze;
use crate::import::source::entity;

/// Note id → its text, on one line.
pub type Notes = HashMap<String, String>;

/// Longest note kept (a hostile file's note is cut, not refused).
const MAX_NOTE_CHARS: usize = 4_000;

pub fn read(xml: &str) -> Notes {
    let mut out = Notes::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    let mut skip = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => match local(e.name().as_ref()) {
                "footnote" | "endnote" => {
                    // Separators (type="separator" …) are not notes.
                    let note = attr(&e, "type").is_none_or(|t| t == "normal");
                    current = attr(&e, "id")
                        .filter(|_| note)
                        .map(|id| (id, String::new()));
                }
                "t" => in_text = true,
                "del" | "moveFrom" | "instrText" | "delText" => skip += 1,
                _ => {}
            },
            Ok(Event::Empty(e)) => {
                if let Some((_, text)) = current.as_mut()
                    && skip == 0
                {
                    match local(e.name().as_ref()) {
                        "tab" | "br" => text.push(' '),
                        "noBreakHyphen" => text.push('-'),
                        _ => {}
                    }
                }
            }
            Ok(Event::Text(t)) if in_text && skip == 0 => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Ok(Event::GeneralRef(r)) if in_text && skip == 0 => {
                if let (Some((_, text)), Some(c)) = (current.as_mut(), entity(&r)) {
                    text.push(c);
                }
            }
            Ok(Event::End(e)) => match local(e.name().as_ref()) {
                "t" => in_text = false,
                "p" => {
                    if let Some((_, text)) = current.as_mut() {
                        text.push(' ');
                    }
                }
                "del" | "moveFrom" | "instrText" | "delText" => skip = skip.saturating_sub(1),
                "footnote" | "endnote" => {
                    if let Some((id, text)) = current.take() {
                        let text: String = squeeze(&text).chars().take(MAX_NOTE_CHARS).collect();
                        out.insert(id, crate::text::normalise(&text));
                    }
                }
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}
