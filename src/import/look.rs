//! What a word processor's style chain gives a paragraph or a run (bold,
//! italic, hidden, size, alignment, outline level), whatever the format:
//! the .docx and .odt readers each parse their own XML into a [`Look`] and
//! share how looks inherit and how one becomes a [`Run`].

use super::para::{Align, Run};

/// Properties a style, paragraph or run sets; `None` where it leaves them
/// to the style it is based on.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Look {
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub hidden: Option<bool>,
    /// Points.
    pub size: Option<f32>,
    pub align: Option<Align>,
    /// As the format writes it (.docx: 0-based, 9 = body text; .odt: 1-based).
    pub outline: Option<u8>,
}

impl Look {
    /// This look, with `base` filling what it leaves open.
    pub fn or(&self, base: &Look) -> Look {
        Look {
            bold: self.bold.or(base.bold),
            italic: self.italic.or(base.italic),
            hidden: self.hidden.or(base.hidden),
            size: self.size.or(base.size),
            align: self.align.or(base.align),
            outline: self.outline.or(base.outline),
        }
    }

    /// A run of `text` set in this look; none where the look hides it.
    pub fn run(&self, text: String) -> Option<Run> {
        (self.hidden != Some(true)).then(|| Run {
            text,
            bold: self.bold.unwrap_or(false),
            italic: self.italic.unwrap_or(false),
            size: self.size,
        })
    }
}

/// An alignment as .docx (`w:jc`, old and new values) or .odt
/// (`fo:text-align`) writes it.
pub fn alignment(value: &str) -> Option<Align> {
    match value {
        "center" => Some(Align::Center),
        "right" | "end" => Some(Align::Right),
        "both" | "justify" | "distribute" | "mediumKashida" | "highKashida" | "lowKashida"
        | "thaiDistribute" => Some(Align::Justify),
        "left" | "start" => Some(Align::Left),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_look_keeps_what_it_sets_and_inherits_the_rest() {
        let own = Look {
            bold: Some(false),
            size: Some(13.0),
            ..Look::default()
        };
        let base = Look {
            bold: Some(true),
            italic: Some(true),
            align: Some(Align::Center),
            ..Look::default()
        };
        let l = own.or(&base);
        assert_eq!(
            (l.bold, l.italic, l.size, l.align),
            (Some(false), Some(true), Some(13.0), Some(Align::Center))
        );
    }

    #[test]
    fn hidden_text_makes_no_run() {
        let hidden = Look {
            hidden: Some(true),
            bold: Some(true),
            ..Look::default()
        };
        assert!(hidden.run("x".into()).is_none());
        let r = Look::default().run("x".into()).unwrap();
        assert!(!r.bold && !r.italic && r.size.is_none());
    }

    #[test]
    fn both_formats_alignments_are_read() {
        assert_eq!(alignment("both"), Some(Align::Justify));
        assert_eq!(alignment("justify"), Some(Align::Justify));
        assert_eq!(alignment("end"), Some(Align::Right));
        assert_eq!(alignment("start"), Some(Align::Left));
        assert_eq!(alignment("inherit"), None);
    }
}
