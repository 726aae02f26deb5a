//! A table as its cells read: rows of cells by grid column (a merged cell
//! stands in its first column, the columns it covers empty), the header
//! rows told from the body by the form of a body row, and each column's
//! title (the lowest header cell over it: under "Chia ra", the source).

use crate::import::para::squeeze;

/// Rows of cells; a cell is its paragraphs' texts.
pub type Rows = Vec<Vec<Vec<String>>>;

/// A table with its header told from its body.
#[derive(Debug, Clone)]
pub struct Read {
    pub rows: Rows,
    /// Header rows at the top of `rows`.
    pub header: usize,
    pub cols: usize,
    /// Each column's title, lower case and single-spaced.
    pub titles: Vec<String>,
    /// "Đơn vị tính: …" above the table.
    pub unit: Option<String>,
    /// Each column's width where the format says, in its units.
    pub widths: Vec<Option<u32>>,
}

impl Read {
    pub fn new(mut rows: Rows, unit: Option<String>) -> Read {
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut rows {
            row.resize(cols, Vec::new());
            label_over_empty_cells(row);
        }
        let header = rows
            .iter()
            .position(|r| is_body_row(r))
            .unwrap_or(1)
            .clamp(1, 3)
            .min(rows.len());
        // A row numbering the columns ("1 2 3 …", "(1) (2) …") belongs
        // to the header.
        let numbering = header > 1 && numbers_columns(&rows[header - 1]);
        let titled = header - usize::from(numbering);
        split_header_cells(&mut rows[..titled]);
        raise_spanning_cells(&mut rows[..titled]);
        let header = if rows.get(header).is_some_and(|r| numbers_columns(r)) {
            header + 1
        } else {
            header
        };
        let titles = (0..cols)
            .map(|c| {
                rows[..header]
                    .iter()
                    .rev()
                    .map(|r| text(&r[c]))
                    .find(|t| !t.is_empty() && !is_column_number(t, c))
                    .unwrap_or_default()
                    .to_lowercase()
            })
            .collect();
        Read {
            rows,
            header,
            cols,
            titles,
            unit,
            widths: Vec::new(),
        }
    }

    pub fn body(&self) -> &[Vec<Vec<String>>] {
        &self.rows[self.header..]
    }

    /// The first column whose title holds one of `words` (lower case),
    /// and none of `not`.
    pub fn column(&self, words: &[&str], not: &[&str]) -> Option<usize> {
        self.titles
            .iter()
            .position(|t| words.iter().any(|w| t.contains(w)) && !not.iter().any(|w| t.contains(w)))
    }

    /// The text of cell `c` of `row`, one line.
    pub fn cell(row: &[Vec<String>], c: Option<usize>) -> String {
        c.and_then(|c| row.get(c))
            .map(|c| text(c))
            .unwrap_or_default()
    }
}

/// A row numbering the columns under the header: each cell its column's
/// number, or empty.
fn numbers_columns(row: &[Vec<String>]) -> bool {
    let filled: Vec<(usize, String)> = row
        .iter()
        .enumerate()
        .map(|(c, cell)| (c, text(cell)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    filled.len() >= 3 && filled.iter().all(|(c, t)| is_column_number(t, *c))
}

fn is_column_number(t: &str, c: usize) -> bool {
    let n = t.trim_start_matches('(').trim_end_matches(')');
    n == (c + 1).to_string()
}

/// A totals row whose label spans the first columns, read from a PDF,
/// where a column is counted by the rules crossing the row: its cells come
/// one column early. The empty cells at its end go after the label.
fn label_over_empty_cells(row: &mut [Vec<String>]) {
    if !row.first().is_some_and(|c| is_total(&text(c))) {
        return;
    }
    let empty = row.iter().rev().take_while(|c| c.is_empty()).count();
    if empty == 0 || empty >= row.len() - 1 {
        return;
    }
    row[1..].rotate_right(empty);
}

/// A header cell spanning two rows, read from a PDF as two cells, one
/// above the other (its lines fall on either side of the neighbours'
/// rule): one cell, in the upper row. A cell over one column only with
/// another cell under it that goes on its words is one cell cut in two.
fn split_header_cells(header: &mut [Vec<Vec<String>>]) {
    for r in 0..header.len().saturating_sub(1) {
        let cols = header[r].len();
        for c in 0..cols {
            let alone = c + 1 >= cols || !header[r][c + 1].is_empty();
            // The lower half goes on the upper's words: it opens in lower
            // case ("Thời gian" / "hoàn thành"); a title of its own
            // ("Chia ra" / "Xã hội hóa") does not.
            let goes_on = header[r + 1][c]
                .first()
                .is_some_and(|t| crate::import::para::starts_lower(t));
            if !header[r][c].is_empty() && alone && goes_on {
                let below = std::mem::take(&mut header[r + 1][c]);
                header[r][c].extend(below);
            }
        }
    }
}

/// A header cell spanning every header row, read from a PDF in a lower
/// row (its lines centred below the rule between the rows that does not
/// cross it): in the top row, where it spans down. A cell under a merged
/// cell of the top row stays.
fn raise_spanning_cells(header: &mut [Vec<Vec<String>>]) {
    let Some((top, below)) = header.split_first_mut() else {
        return;
    };
    let owned: Vec<bool> = (0..top.len())
        .map(|c| top[..=c].iter().any(|cell| !cell.is_empty()))
        .collect();
    for c in 0..top.len() {
        if owned[c] {
            continue;
        }
        if let Some(row) = below.iter_mut().find(|r| !r[c].is_empty()) {
            top[c] = std::mem::take(&mut row[c]);
        }
    }
}

/// A cell's paragraphs as one line.
pub fn text(cell: &[String]) -> String {
    squeeze(&cell.join(" "))
}

/// A row label: "1", "4.1", "III", "a".
pub fn is_label(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ')']);
    !t.is_empty()
        && (t.chars().all(|c| c.is_ascii_digit() || c == '.')
            || is_roman(t)
            || (t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_lowercase())))
}

pub fn is_roman(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ')']);
    !t.is_empty() && t.chars().all(|c| "IVXL".contains(c))
}

/// A totals row's label: "Tổng cộng", "Tổng số", "Cộng", "Tổng".
pub fn is_total(t: &str) -> bool {
    let l = t.to_lowercase();
    let l = l.trim_end_matches([':', '.']);
    l.starts_with("tổng cộng") || l == "tổng số" || l == "cộng" || l == "tổng"
}

/// A number as tables write it: "2.040", "78,5", "1.250.000".
pub fn is_number(t: &str) -> bool {
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A body row: it opens with a row label or holds a number.
fn is_body_row(row: &[Vec<String>]) -> bool {
    let first = row.first().map(|c| text(c)).unwrap_or_default();
    if numbers_columns(row) {
        return false;
    }
    // A header's "Tổng số" is a title: a totals row holds numbers.
    is_label(&first) || row.iter().any(|c| is_number(&text(c)))
}

/// Rows written as cells of one line each ("" an empty cell), for tests.
#[cfg(test)]
pub(super) fn rows(list: &[&[&str]]) -> Rows {
    list.iter()
        .map(|r| {
            r.iter()
                .map(|c| {
                    if c.is_empty() {
                        vec![]
                    } else {
                        vec![c.to_string()]
                    }
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_the_lowest_header_cells_and_a_numbering_row_is_header() {
        let r = Read::new(
            rows(&[
                &["TT", "Nội dung", "Chia ra", ""],
                &["", "", "Ngân sách tỉnh", "Xã hội hóa"],
                &["1", "2", "3", "4"],
                &["1", "Tập huấn", "30", "20"],
            ]),
            None,
        );
        assert_eq!(r.header, 3);
        assert_eq!(r.titles, ["tt", "nội dung", "ngân sách tỉnh", "xã hội hóa"]);
        assert_eq!(r.body().len(), 1);
    }
}
