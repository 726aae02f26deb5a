//! The paragraph model every reader produces (text, .docx, .odt, .doc,
//! PDF): what a reader of the page sees, without the file format. A
//! paragraph has its lines (manual line breaks inside it; a plain text's
//! wrapped lines are already joined), and the cues its format gave: what
//! its runs say about emphasis, the label automatic numbering displays
//! before it, a heading style's level, its size and alignment. Every cue is
//! optional: a reader that cannot tell leaves it empty, and recognition
//! must still work from the text alone.
//!
//! What each reader fills: `label` (.docx numbering.xml, .odt list and
//! outline styles; never PDF, .doc or text, whose labels are typed),
//! `heading_level` (.docx outline levels and heading styles, .odt
//! headings), `size` and `align` (.docx, .odt; PDF from positions), the
//! `place` of table cells with their `row` (.docx, .odt, .doc; PDF gives
//! the two-column header and signature and ruled tables as cells, row 0
//! for the former), `notes` (footnotes set inline, text boxes). `Run` and
//! `from_runs` build a paragraph from a word processor's runs.

/// Where a paragraph stood: in the flow, or in a cell of a table (the
/// header and the signature of NĐ 30 documents are borderless tables).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    /// Index of the table in the document, if in one.
    pub table: Option<usize>,
    /// Column of the cell.
    pub col: usize,
    /// Row of the cell (0 for the first row of the table).
    pub row: usize,
    /// The width of the cell's grid column in twentieths of a point, where
    /// the format says (.docx `tblGrid`, a PDF's column rules).
    pub col_width: Option<u32>,
}

/// How a paragraph is aligned on the page, where the format says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Para {
    /// The lines of the paragraph, each trimmed, none empty.
    pub lines: Vec<String>,
    /// Every letter of the paragraph is set bold.
    pub bold: bool,
    /// Every letter is set italic.
    pub italic: bool,
    /// Bold letters that open the paragraph and are followed by plain ones
    /// ("**3. Phát triển sản phẩm:** Việc …"): their text.
    pub bold_lead: Option<String>,
    /// Italic parts inside the paragraph (Nơi nhận notes, lead-ins).
    pub italic_parts: Vec<String>,
    pub place: Place,
    /// The label automatic numbering displays before the text, as Word or
    /// Writer shows it ("I.", "1.2.", "a)", "-", "•"), when it is not typed
    /// in the text itself.
    pub label: Option<String>,
    /// Outline level of a heading style or outline numbering (1 = top).
    pub heading_level: Option<u8>,
    /// Font size in points, where the format gives one for all its text.
    pub size: Option<f32>,
    pub align: Option<Align>,
    /// Where the reader is unsure of what it kept (a footnote set inline, a
    /// text box, a field's shown text): a note for the author, in
    /// Vietnamese, which the importer turns into a `# kiểm tra:` comment.
    pub notes: Vec<String>,
}

/// A run of text with the emphasis it shows, as word processors store it.
#[derive(Debug, Default, Clone)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub size: Option<f32>,
}

impl Para {
    pub fn new(text: &str) -> Para {
        Para {
            lines: vec![text.trim().to_string()],
            ..Para::default()
        }
    }

    /// The paragraph as one line of text, single-spaced.
    pub fn text(&self) -> String {
        squeeze(&self.lines.join(" "))
    }
}

/// Runs of white space made one space, ends trimmed.
pub fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether every letter of `text` is upper case (and there are at least two).
pub fn all_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars() {
        if c.is_alphabetic() {
            if c.is_lowercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Whether the first letter of `text` is lower case.
pub fn starts_lower(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_lowercase())
}

/// The paragraph a word processor's runs make, with the emphasis they
/// show (manual line breaks as \n, tabs as spaces); `None` when it shows
/// no text.
pub fn from_runs(runs: &[Run], place: Place) -> Option<Para> {
    let full: String = runs.iter().map(|r| r.text.as_str()).collect();
    let full = crate::text::normalise(&full.replace(['\u{a0}', '\t'], " "));
    let lines: Vec<String> = full
        .split('\n')
        .map(squeeze)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return None;
    }
    let letters = |r: &Run| r.text.chars().filter(|c| c.is_alphanumeric()).count();
    let total: usize = runs.iter().map(letters).sum();
    let bold: usize = runs.iter().filter(|r| r.bold).map(letters).sum();
    let italic: usize = runs.iter().filter(|r| r.italic).map(letters).sum();
    // Leading bold runs followed by plain ones.
    let mut lead = String::new();
    for r in runs {
        if r.bold || letters(r) == 0 {
            lead.push_str(&r.text);
        } else {
            break;
        }
    }
    let lead = squeeze(&crate::text::normalise(&lead.replace('\n', " ")));
    // Italic runs next to each other are one part: Word splits a word's
    // runs where it likes.
    let mut italic_parts: Vec<String> = Vec::new();
    let mut part = String::new();
    for r in runs.iter().filter(|r| !r.text.is_empty()) {
        if r.italic {
            part.push_str(&r.text);
        } else if !part.is_empty() {
            italic_parts.push(std::mem::take(&mut part));
        }
    }
    italic_parts.push(part);
    let italic_parts: Vec<String> = italic_parts
        .iter()
        .map(|t| squeeze(&crate::text::normalise(t)))
        .filter(|t| !t.is_empty())
        .collect();
    let mut sizes = runs.iter().filter(|r| letters(r) > 0).map(|r| r.size);
    let first = sizes.next().flatten();
    let size = first.filter(|&s| sizes.all(|o| o == Some(s)));
    Some(Para {
        lines,
        bold: total > 0 && bold == total,
        italic: total > 0 && italic == total,
        bold_lead: (bold > 0 && bold < total && !lead.is_empty()).then_some(lead),
        italic_parts,
        place,
        size,
        ..Para::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italic_runs_side_by_side_are_one_part() {
        let run = |text: &str, italic: bool| Run {
            text: text.into(),
            italic,
            ..Run::default()
        };
        let p = from_runs(
            &[
                run("Các chủ thể (", false),
                run("giao Phòng Nông ", true),
                run("nghiệp huyện gửi", true),
                run(");", false),
            ],
            Place::default(),
        )
        .unwrap();
        assert_eq!(p.italic_parts, ["giao Phòng Nông nghiệp huyện gửi"]);
    }
}
