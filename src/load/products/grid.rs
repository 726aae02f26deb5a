//! The sparse table every reader produces: only the cells that hold
//! something, row by row, with the limits that keep a hostile file from
//! costing more than a bounded amount of memory and work.

use std::fmt;

use time::Month;

use crate::vn::group_thousands;

/// Largest spreadsheet or CSV file read at all.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// Largest decompressed sheet (`xl/worksheets/*.xml`, ODS `content.xml`).
/// It is streamed, never held in memory.
pub const MAX_SHEET_XML_BYTES: u64 = 256 << 20;
/// Largest decompressed shared-string table (held in memory).
pub const MAX_STRINGS_XML_BYTES: u64 = 64 << 20;
/// Largest decompressed small part (workbook, relationships, styles).
pub const MAX_SMALL_XML_BYTES: u64 = 16 << 20;
/// Longest run of XML between two `<`/`>`: one text node or one tag. A
/// cell of Excel's own maximum (32,767 characters, escaped) fits easily.
pub const MAX_XML_TOKEN_BYTES: u64 = 1 << 20;
/// Cells holding something, over the whole sheet.
pub const MAX_CELLS: usize = 1_000_000;
/// Rows holding more than one cell. A row of one cell (a row number
/// filled down a whole column) costs little, and the cell limit bounds
/// them; counted, they would refuse a list whose products are all there.
pub const MAX_ROWS: usize = 100_000;
/// Text kept from the cells, in bytes.
pub const MAX_TEXT_BYTES: usize = 64 << 20;
/// Longest cell text accepted in a product field. The longest real value
/// (an address, a note) is a few hundred characters; a longer one is a
/// paste accident that would print pages of certificate.
pub const MAX_CELL_CHARS: usize = 1_000;
/// Text longer than this is not kept, only counted ([`Value::TooLong`]).
pub const KEEP_CELL_CHARS: usize = 8 * MAX_CELL_CHARS;
/// Excel's own limits, used to reject impossible cell references.
pub const EXCEL_ROWS: u32 = 1_048_576;
pub const EXCEL_COLS: u32 = 16_384;

/// What one cell holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// A number; `date` when the cell's number format shows it as a date or
    /// time (Excel stores dates as day counts).
    Number {
        value: f64,
        date: bool,
    },
    /// A date the file stores as a date (ODS), ISO text.
    Date(String),
    Bool(bool),
    /// The cached result of a failed formula: `#N/A`, `#DIV/0!` …
    Error(String),
    /// A formula whose result was never calculated (file not saved by a
    /// spreadsheet program).
    Uncalculated,
    /// Text too long to keep; its length in characters.
    TooLong(usize),
}

impl Value {
    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Text(s) if s.trim().is_empty())
    }
}

/// One row that holds something.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row number the user sees: the spreadsheet's row (1-based), or
    /// the row a spreadsheet program shows a CSV record in.
    pub number: u32,
    /// Hidden in the spreadsheet program (hidden row or filtered out).
    pub hidden: bool,
    /// (0-based column, value), by column.
    pub cells: Vec<(u32, Value)>,
}

impl Row {
    pub fn get(&self, col: u32) -> Option<&Value> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }
}

/// A limit a file went over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    Cells,
    Rows,
    Text,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Cells => write!(
                f,
                "trang tính có quá nhiều ô có dữ liệu (hơn {} ô)",
                group_thousands(MAX_CELLS as u64)
            ),
            Limit::Rows => write!(
                f,
                "trang tính có quá nhiều dòng có dữ liệu (hơn {} dòng)",
                group_thousands(MAX_ROWS as u64)
            ),
            Limit::Text => write!(
                f,
                "trang tính chứa quá nhiều chữ (hơn {} MB)",
                MAX_TEXT_BYTES >> 20
            ),
        }
    }
}

/// Cells whose values are not typed text: formulas and merged ranges.
/// A round's list reads their values; the register refuses them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    /// (row, 0-based column) of every cell holding a formula.
    pub formulas: Vec<(u32, u32)>,
    /// Merged ranges: (first row, first column, last row, last column).
    pub merged: Vec<(u32, u32, u32, u32)>,
}

/// At most this many marks of each kind are kept.
const MAX_MARKS: usize = 10_000;

impl Marks {
    pub fn formula(&mut self, row: u32, col: u32) {
        if self.formulas.len() < MAX_MARKS {
            self.formulas.push((row, col));
        }
    }

    pub fn merge(&mut self, range: (u32, u32, u32, u32)) {
        if self.merged.len() < MAX_MARKS && (range.0, range.1) != (range.2, range.3) {
            self.merged.push(range);
        }
    }
}

/// Collects cells in any order within the limits.
#[derive(Default)]
pub struct GridBuilder {
    rows: Vec<Row>,
    cells: usize,
    text: usize,
    hidden: Vec<u32>,
    /// Formulas and merged cells seen.
    pub marks: Marks,
    /// Rows that have more than one cell.
    wide_rows: usize,
}

impl GridBuilder {
    /// Adds a cell; blank text is not kept.
    pub fn push(&mut self, row: u32, col: u32, value: Value) -> Result<(), Limit> {
        if value.is_blank() {
            return Ok(());
        }
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(Limit::Cells);
        }
        if let Value::Text(s) = &value {
            self.text += s.len();
            if self.text > MAX_TEXT_BYTES {
                return Err(Limit::Text);
            }
        }
        let same_row = self.rows.last().is_some_and(|r| r.number == row);
        if same_row && self.rows.last().is_some_and(|r| r.cells.len() == 1) {
            self.wide_rows += 1;
            if self.wide_rows > MAX_ROWS {
                return Err(Limit::Rows);
            }
        }
        if !same_row {
            self.rows.push(Row {
                number: row,
                hidden: false,
                cells: Vec::new(),
            });
        }
        if let Some(r) = self.rows.last_mut() {
            r.cells.push((col, value));
        }
        Ok(())
    }

    /// Marks a row hidden (whether or not it holds anything).
    pub fn hide(&mut self, row: u32) {
        if self.hidden.last() != Some(&row) && self.hidden.len() < 4 * MAX_ROWS {
            self.hidden.push(row);
        }
    }

    /// The rows in order, each row's cells in column order (the last value
    /// wins when a file names the same cell twice).
    pub fn finish(mut self) -> Vec<Row> {
        self.rows.sort_by_key(|r| r.number);
        let mut out: Vec<Row> = Vec::with_capacity(self.rows.len());
        for r in self.rows {
            match out.last_mut() {
                Some(last) if last.number == r.number => last.cells.extend(r.cells),
                _ => out.push(r),
            }
        }
        self.hidden.sort_unstable();
        for r in &mut out {
            r.cells.sort_by_key(|(c, _)| *c);
            let mut deduped: Vec<(u32, Value)> = Vec::with_capacity(r.cells.len());
            for (c, v) in r.cells.drain(..) {
                match deduped.last_mut() {
                    Some(last) if last.0 == c => last.1 = v,
                    _ => deduped.push((c, v)),
                }
            }
            r.cells = deduped;
            r.hidden = self.hidden.binary_search(&r.number).is_ok();
        }
        out
    }
}

/// Column letters as spreadsheets show them: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        s.push(b'A' + r);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// "G5" for 0-based column 6 and row 5.
pub fn cell_name(col: u32, row: u32) -> String {
    format!("{}{row}", column_name(col))
}

/// Column letters ("G", "aa") to a 0-based column, within Excel's columns.
pub fn parse_column(letters: &str) -> Option<u32> {
    if letters.is_empty() || letters.len() > 3 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let mut n: u32 = 0;
    for b in letters.bytes() {
        n = n * 26 + (b.to_ascii_uppercase() - b'A' + 1) as u32;
    }
    (1..=EXCEL_COLS).contains(&n).then(|| n - 1)
}

/// "G5" → (0-based column 6, row 5).
pub fn parse_cell(name: &str) -> Option<(u32, u32)> {
    let split = name.find(|c: char| c.is_ascii_digit())?;
    let col = parse_column(&name[..split])?;
    let row: u32 = name[split..].parse().ok()?;
    (1..=EXCEL_ROWS).contains(&row).then_some((col, row))
}

/// A number as a spreadsheet's General format shows it: no trailing
/// zeros, no float noise (0.1 + 0.2 → "0,3"; decimal comma, the way the
/// offices write it).
pub fn general_number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let s = format!("{v:.10}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.replace('.', ",")
}

/// The date a spreadsheet day number stands for, as dd/mm/yyyy (1900 date
/// system, with Excel's phantom 29/02/1900; or the 1904 system).
pub fn serial_date(serial: f64, is_1904: bool) -> Option<String> {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    // Day 0 of each system; Excel counts a 29/02/1900 that never was (day
    // 60), so from day 61 on the 1900 system counts from one day earlier.
    let (year, month, day) = match (is_1904, days) {
        (true, _) => (1904, Month::January, 1),
        (false, 60) => return Some("29/02/1900".into()),
        (false, ..60) => (1899, Month::December, 31),
        (false, _) => (1899, Month::December, 30),
    };
    let date = time::Date::from_calendar_date(year, month, day)
        .ok()?
        .checked_add(time::Duration::days(days))?;
    Some(format!(
        "{:02}/{:02}/{}",
        date.day(),
        date.month() as u8,
        date.year()
    ))
}

/// Excel's error values as they appear in cells (and in CSV exports of them).
pub fn is_error_literal(text: &str) -> bool {
    const ERRORS: &[&str] = &[
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#UNKNOWN!",
        "#CONNECT!",
        "#BUSY!",
        "#NAME!",
    ];
    let t = text.trim();
    ERRORS.iter().any(|e| e.eq_ignore_ascii_case(t))
        || t.strip_prefix("Err:")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether an Excel number format code shows a date or time.
pub fn is_date_format(code: &str) -> bool {
    let mut in_quotes = false;
    let mut in_brackets = false;
    let mut escaped = false;
    let mut bracket = String::new();
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            _ if in_quotes => in_quotes = c != '"',
            _ if in_brackets => {
                if c == ']' {
                    in_brackets = false;
                    // [h], [mm], [ss]: elapsed time.
                    let b = bracket.to_ascii_lowercase();
                    if !b.is_empty() && b.chars().all(|c| matches!(c, 'h' | 'm' | 's')) {
                        return true;
                    }
                } else {
                    bracket.push(c);
                }
            }
            '"' => in_quotes = true,
            '\\' | '_' | '*' => escaped = true,
            '[' => {
                in_brackets = true;
                bracket.clear();
            }
            ';' => return false,
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' | 'h' | 'H' | 's' | 'S' => return true,
            _ => {}
        }
    }
    false
}

/// Excel's built-in number formats that are dates or times.
pub fn is_builtin_date_format(id: u32) -> bool {
    matches!(id, 14..=22 | 27..=36 | 45..=47 | 50..=58 | 71..=81)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_cells() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
        assert_eq!(parse_column("xfd"), Some(16_383));
        assert_eq!(parse_column("XFE"), None);
        assert_eq!(parse_cell("G5"), Some((6, 5)));
        assert_eq!(parse_cell("XFD1048576"), Some((16_383, 1_048_576)));
        assert_eq!(parse_cell("A0"), None);
        assert_eq!(parse_cell("A1048577"), None);
    }

    #[test]
    fn numbers_and_dates() {
        assert_eq!(general_number(78.5), "78,5");
        assert_eq!(general_number(0.1 + 0.2), "0,3");
        assert_eq!(general_number(46388.0), "46388");
        assert_eq!(serial_date(46388.0, false).unwrap(), "01/01/2027");
        assert_eq!(serial_date(1.0, false).unwrap(), "01/01/1900");
        assert_eq!(serial_date(61.0, false).unwrap(), "01/03/1900");
        assert_eq!(serial_date(0.0, true).unwrap(), "01/01/1904");
        assert_eq!(serial_date(60.0, false).unwrap(), "29/02/1900");
        assert_eq!(serial_date(59.0, false).unwrap(), "28/02/1900");
        assert_eq!(serial_date(2_958_465.0, false).unwrap(), "31/12/9999");
        assert_eq!(serial_date(2_958_466.0, false), None);
        assert_eq!(group_thousands(32_767), "32.767");
        assert_eq!(group_thousands(1_000_000), "1.000.000");
    }

    #[test]
    fn date_formats() {
        for f in [
            "dd/mm/yyyy",
            "d-mmm-yy",
            "[$-42A]dd/mm/yyyy",
            "h:mm",
            "[h]:mm:ss",
        ] {
            assert!(is_date_format(f), "{f}");
        }
        for f in [
            "General",
            "0.00",
            "#,##0",
            "0%",
            "\"ngày\" 0",
            "@",
            "0.00E+00",
            "[Red]0",
        ] {
            assert!(!is_date_format(f), "{f}");
        }
        assert!(is_builtin_date_format(14));
        assert!(!is_builtin_date_format(2));
    }

    #[test]
    fn error_literals() {
        assert!(is_error_literal("#N/A"));
        assert!(is_error_literal(" #div/0! "));
        assert!(is_error_literal("Err:502"));
        assert!(!is_error_literal("#1 Hà Nội"));
    }

    #[test]
    fn builder_keeps_only_what_holds_something() {
        let mut b = GridBuilder::default();
        b.push(5, 2, Value::Text("b".into())).unwrap();
        b.push(5, 0, Value::Text(" ".into())).unwrap();
        b.push(3, 1, Value::Text("a".into())).unwrap();
        b.hide(3);
        let rows = b.finish();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].number, rows[0].hidden), (3, true));
        assert_eq!(rows[1].cells, vec![(2, Value::Text("b".into()))]);
    }
}
