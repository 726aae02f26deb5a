//! OpenDocument spreadsheets (`.ods`, LibreOffice Calc) read as a stream
//! of `content.xml`, not through calamine: calamine 0.38 parses every sheet
//! when the file is opened, decompresses without a cap, and materialises
//! repeated cells (`table:number-columns-repeated`) up to 100 million cells
//! (3 GB) before its own limit stops it. Here repeats of empty cells only
//! move the position; repeats of filled cells count against
//! [`super::grid::MAX_CELLS`] one by one.

use std::collections::HashSet;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::grid::{
    EXCEL_COLS, GridBuilder, KEEP_CELL_CHARS, Limit, MAX_SHEET_XML_BYTES, Value, is_error_literal,
};
use super::header_key;
use super::xml::{Xml, Zip, attr, local, part, password_error, push_ref, xml_failure};
use super::{SheetEntry, Table, choose_sheet};
use crate::diag::Diagnostic;

/// Positions beyond this are not spreadsheet cells (LibreOffice's own limits
/// are 1,048,576 rows and 16,384 columns).
const MAX_POSITION: u64 = 1 << 24;

/// A cell being read.
struct CellState {
    repeat: u64,
    kind: String,
    value: Option<String>,
    date: Option<String>,
    boolean: Option<String>,
    formula: bool,
    error: bool,
    text: String,
    chars: usize,
    paragraphs: usize,
}

impl CellState {
    fn open(e: &BytesStart<'_>) -> Self {
        CellState {
            repeat: repeat(e, "number-columns-repeated"),
            kind: attr(e, "value-type").unwrap_or_default(),
            value: attr(e, "value"),
            date: attr(e, "date-value").or_else(|| attr(e, "time-value")),
            boolean: attr(e, "boolean-value"),
            formula: attr(e, "formula").is_some(),
            error: e.attributes().with_checks(false).flatten().any(|a| {
                let k: &str = a.key.as_ref();
                k.ends_with("value-type") && a.value == "error"
            }),
            text: String::new(),
            chars: 0,
            paragraphs: 0,
        }
    }

    /// A paragraph begins: paragraphs after the first start a new line.
    fn paragraph(&mut self) {
        if self.paragraphs > 0 {
            self.push("\n");
        }
        self.paragraphs += 1;
    }

    /// `<text:s text:c="n"/>`: n spaces (counted, not kept, when absurd).
    fn spaces(&mut self, n: usize) {
        if n > KEEP_CELL_CHARS {
            self.chars += n;
        } else {
            self.push(&" ".repeat(n));
        }
    }

    fn push(&mut self, s: &str) {
        self.chars += s.chars().count();
        if self.chars <= KEEP_CELL_CHARS {
            self.text.push_str(s);
        }
    }

    fn value(self) -> Option<Value> {
        if self.chars > KEEP_CELL_CHARS {
            return Some(Value::TooLong(self.chars));
        }
        if self.error || self.formula && is_error_literal(&self.text) {
            return Some(Value::Error(self.text.trim().to_string()));
        }
        match self.kind.as_str() {
            "float" | "percentage" | "currency" => {
                let v = self
                    .value
                    .as_deref()
                    .and_then(|v| v.trim().parse::<f64>().ok());
                match v {
                    Some(v) if v.is_finite() => Some(Value::Number {
                        value: v,
                        date: false,
                    }),
                    _ => Some(Value::Text(self.text)),
                }
            }
            "date" | "time" => Some(Value::Date(self.date.or(self.value).unwrap_or(self.text))),
            "boolean" => Some(Value::Bool(matches!(
                self.boolean.as_deref(),
                Some("true" | "1")
            ))),
            "" if self.text.is_empty() => self.formula.then_some(Value::Uncalculated),
            _ => Some(Value::Text(self.text)),
        }
    }
}

pub(crate) fn read(path: &Path, mut zip: Zip, wanted: Option<&str>) -> Result<Table, Diagnostic> {
    if super::xml::entry_names(&zip)
        .iter()
        .any(|n| n == "EncryptedPackage")
        || manifest_encrypted(&mut zip)
    {
        return Err(password_error(path));
    }
    let Some(mut xml) = part(&mut zip, CONTENT, MAX_SHEET_XML_BYTES)
        .map_err(|e| Diagnostic::error(format!("tệp ODS hỏng ({e})")).file(path))?
    else {
        return Err(Diagnostic::error("tệp ODS thiếu phần content.xml").file(path));
    };
    let mut reader = Content::new(wanted);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => return Err(xml_failure(path, CONTENT, &xml, &e)),
        };
        match event {
            Event::Start(e) => reader.start(&e),
            Event::End(e) => reader.end(e.name().0).map_err(|l| reader.limit(path, l))?,
            Event::Text(t) => reader.text(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let mut s = String::new();
                push_ref(&r, &mut s);
                reader.text(&s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    reader.finish(path, wanted)
}

/// The part holding the sheets.
const CONTENT: &str = "content.xml";

/// Reads `content.xml` event by event: the sheets' names and visibility,
/// and the cells of the sheet chosen.
struct Content<'w> {
    wanted: Option<&'w str>,
    /// Table styles that hide a sheet.
    hidden_styles: HashSet<String>,
    /// The style being declared.
    style: Option<String>,
    sheets: Vec<SheetEntry>,
    chosen: Option<usize>,
    grid: GridBuilder,
    /// Nesting of `table:table` (tables inside cells are not sheets).
    table_depth: usize,
    /// Rows before the current one, in the current sheet.
    row: u64,
    row_repeat: u64,
    row_hidden: bool,
    /// (column, repeat, value) of the current row's cells.
    row_cells: Vec<(u64, u64, Value)>,
    col: u64,
    cell: Option<CellState>,
    /// Inside an element whose text is not the cell's (a comment …).
    skip_depth: usize,
}

impl<'w> Content<'w> {
    fn new(wanted: Option<&'w str>) -> Self {
        Content {
            wanted,
            hidden_styles: HashSet::new(),
            style: None,
            sheets: Vec::new(),
            chosen: None,
            grid: GridBuilder::default(),
            table_depth: 0,
            row: 0,
            row_repeat: 1,
            row_hidden: false,
            row_cells: Vec::new(),
            col: 0,
            cell: None,
            skip_depth: 0,
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        if self.skip_depth > 0 {
            self.skip_depth += 1;
            return;
        }
        let in_sheet = self.table_depth == 1;
        match local(e) {
            "style" => self.style = attr(e, "name"),
            "table-properties" => {
                if attr(e, "display").as_deref() == Some("false")
                    && let Some(s) = &self.style
                {
                    self.hidden_styles.insert(s.clone());
                }
            }
            "table" => self.open_table(e),
            "table-row" if in_sheet => self.open_row(e),
            "table-cell" | "covered-table-cell" if in_sheet => {
                self.mark(e);
                self.cell = Some(CellState::open(e));
            }
            "p" | "h" => {
                if let Some(c) = self.cell.as_mut() {
                    c.paragraph();
                }
            }
            "s" => {
                if let Some(c) = self.cell.as_mut() {
                    c.spaces(attr(e, "c").and_then(|v| v.parse().ok()).unwrap_or(1));
                }
            }
            "tab" => self.push_to_cell("\t"),
            "line-break" => self.push_to_cell("\n"),
            // Comments, notes, drawings and change marks are not the cell's text.
            "annotation" | "note" | "frame" | "custom-shape" | "tracked-changes" | "ruby-text" => {
                self.skip_depth = 1
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) -> Result<(), Limit> {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return Ok(());
        }
        let in_sheet = self.table_depth == 1;
        match name.rsplit(':').next().unwrap_or(name) {
            "style" => self.style = None,
            "table" => self.table_depth = self.table_depth.saturating_sub(1),
            "table-cell" | "covered-table-cell" if in_sheet => self.close_cell(),
            "table-row" if in_sheet => self.close_row()?,
            _ => {}
        }
        Ok(())
    }

    /// Text inside a cell's paragraphs.
    fn text(&mut self, s: &str) {
        if self.skip_depth == 0
            && let Some(c) = self.cell.as_mut()
            && c.paragraphs > 0
        {
            c.push(s);
        }
    }

    fn push_to_cell(&mut self, s: &str) {
        if let Some(c) = self.cell.as_mut() {
            c.push(s);
        }
    }

    /// A sheet begins: recorded, and chosen if it is the one wanted (or
    /// the first visible one).
    fn open_table(&mut self, e: &BytesStart<'_>) {
        self.table_depth += 1;
        if self.table_depth > 1 {
            return;
        }
        let name = attr(e, "name").unwrap_or_default();
        let visible = attr(e, "style-name").is_none_or(|s| !self.hidden_styles.contains(&s));
        let take = self.chosen.is_none()
            && match self.wanted {
                Some(w) => name.trim() == w.trim() || header_key(&name) == header_key(w),
                None => visible,
            };
        if take {
            self.chosen = Some(self.sheets.len());
        }
        if self.sheets.len() < 10_000 {
            self.sheets.push(SheetEntry { name, visible });
        }
        self.row = 0;
    }

    fn open_row(&mut self, e: &BytesStart<'_>) {
        self.row_repeat = repeat(e, "number-rows-repeated");
        self.row_hidden = matches!(
            attr(e, "visibility").as_deref(),
            Some("collapse" | "filter")
        );
        self.row_cells.clear();
        self.col = 0;
    }

    /// Notes a formula or a merged range starting at the cell opening.
    fn mark(&mut self, e: &BytesStart<'_>) {
        if !self.reading() || local(e) != "table-cell" {
            return;
        }
        let (row, col) = (
            (self.row + 1).min(u32::MAX as u64) as u32,
            self.col.min(u32::MAX as u64) as u32,
        );
        if attr(e, "formula").is_some() {
            self.grid.marks.formula(row, col);
        }
        let span = |name| repeat(e, name).min(u32::MAX as u64) as u32;
        let (cols, rows) = (span("number-columns-spanned"), span("number-rows-spanned"));
        if cols > 1 || rows > 1 {
            self.grid.marks.merge((
                row,
                col,
                row.saturating_add(rows - 1),
                col.saturating_add(cols - 1),
            ));
        }
    }

    /// Whether the current sheet is the one read.
    fn reading(&self) -> bool {
        self.chosen == Some(self.sheets.len().saturating_sub(1))
    }

    fn close_cell(&mut self) {
        let Some(c) = self.cell.take() else { return };
        let repeat = c.repeat;
        if self.reading()
            && let Some(v) = c.value()
            && !v.is_blank()
        {
            self.row_cells.push((self.col, repeat, v));
        }
        self.col = (self.col + repeat).min(MAX_POSITION);
    }

    /// A row ends: its cells go into the grid, once per repeat; repeats
    /// of filled cells count against the limits one by one.
    fn close_row(&mut self) -> Result<(), Limit> {
        if self.reading() && !self.row_cells.is_empty() {
            for k in 0..self.row_repeat {
                let r = self.row + k + 1;
                if r > u32::MAX as u64 {
                    break;
                }
                if self.row_hidden {
                    self.grid.hide(r as u32);
                }
                for (c0, rep, v) in &self.row_cells {
                    for c in (*c0..c0 + rep).take_while(|c| *c < EXCEL_COLS as u64 * 64) {
                        self.grid.push(r as u32, c as u32, v.clone())?;
                    }
                }
            }
        }
        self.row = (self.row + self.row_repeat).min(MAX_POSITION);
        Ok(())
    }

    /// The error for a limit the sheet read went over.
    fn limit(&self, path: &Path, l: Limit) -> Diagnostic {
        let sheet = self.sheets.last().map_or("", |s| s.name.as_str());
        Diagnostic::error(l.to_string()).file(path).sheet(sheet)
    }

    fn finish(mut self, path: &Path, wanted: Option<&str>) -> Result<Table, Diagnostic> {
        let (index, notes) = choose_sheet(path, &self.sheets, wanted)?;
        let others = super::other_sheets(&self.sheets, index, wanted);
        if self.chosen != Some(index) {
            // The stream took a different sheet than the rules pick; should not happen.
            return Err(Diagnostic::error("không chọn được trang tính cần đọc").file(path));
        }
        let marks = std::mem::take(&mut self.grid.marks);
        Ok(Table {
            sheet: Some(self.sheets[index].name.clone()),
            rows: self.grid.finish(),
            notes,
            is_1904: false,
            widths: Vec::new(),
            others,
            marks,
        })
    }
}

/// A repeat count attribute, within [`MAX_POSITION`].
fn repeat(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name)
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(1)
        .clamp(1, MAX_POSITION)
}

/// Whether the ODS manifest declares encrypted parts (a password).
fn manifest_encrypted(zip: &mut Zip) -> bool {
    let Ok(Some(mut xml)) = part(
        zip,
        "META-INF/manifest.xml",
        super::grid::MAX_SMALL_XML_BYTES,
    ) else {
        return false;
    };
    encrypted(&mut xml)
}

fn encrypted(xml: &mut Xml<'_>) -> bool {
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if local(&e) == "encryption-data" => return true,
            Ok(Event::Eof) | Err(_) => return false,
            _ => {}
        }
    }
}
