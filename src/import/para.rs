//! The paragraph model every reader produces (text, .docx, .odt, .doc,
//! PDF): what a reader of the page sees, without the file format. A
//! paragraph has its lines (manual line breaks inside it; a plain text's
//! wrapped lines are already joined), and the cues its format gave: what
//! its runs say about emphasis, the label automatic numbering displays
//! before it, a heading style's level, its size and alignment. Every cue is
//! optional: a reader that cannot tell leaves it empty, and recognition
//! must still work from the text alone.

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
