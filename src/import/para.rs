//! The paragraph model both readers produce: what a reader of the page
//! sees, without the file format. A paragraph has its lines (manual line
//! breaks inside it; a plain text's wrapped lines are already joined), and
//! what its runs say about emphasis.

/// Where a paragraph stood: in the flow, or in a cell of a table (the
/// header and the signature of NĐ 30 documents are borderless tables).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Place {
    /// Index of the table in the document, if in one.
    pub table: Option<usize>,
    /// Column of the cell.
    pub col: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
