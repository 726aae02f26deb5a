//! What cleaning copied text gives: lines, and the cells of tables read
//! from text laid out as on the page. Its own module so that the readers
//! of laid-out text and of its tables need not reach back into the cleaner
//! that calls them.

/// A line of cleaned text, or a table's cell read from text laid out as
/// on the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    /// Table (counted from 0 in the text), row and column of the cell.
    pub cell: Option<(usize, usize, usize)>,
}

impl Cleaned {
    pub fn line(text: String) -> Cleaned {
        Cleaned { text, cell: None }
    }
}
