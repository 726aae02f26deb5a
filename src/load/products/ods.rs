//! OpenDocument spreadsheets (`.ods`, LibreOffice Calc) read as a stream
//! of `content.xml`, not through calamine: calamine 0.38 parses every sheet
//! when the file is opened, decompresses without a cap, and materialises
//! repeated cells (`table:number-columns-repeated`) up to 100 million cells
//! (3 GB) before its own limit stops it. Here repeats of empty cells only
//! move the position; repeats of filled cells count against
//! [`super::grid::MAX_CELLS`] one by one.

use std::collections::HashSet;
use std::path::Path;

use quick_xml::events::Event;

use super::grid::{
    EXCEL_COLS, GridBuilder, KEEP_CELL_CHARS, MAX_SHEET_XML_BYTES, Value, is_error_literal,
};
use super::xml::{Xml, Zip, attr, local, part, push_ref, xml_failure};
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
        return Err(super::xlsx::password_error(path));
    }
    let name = "content.xml";
    let Some(mut xml) = part(&mut zip, name, MAX_SHEET_XML_BYTES)
        .map_err(|e| Diagnostic::error(format!("tệp ODS hỏng ({e})")).file(path))?
    else {
        return Err(Diagnostic::error("tệp ODS thiếu phần content.xml").file(path));
    };
    let mut hidden_styles: HashSet<String> = HashSet::new();
    let mut style: Option<String> = None;
    let mut sheets: Vec<SheetEntry> = Vec::new();
    let mut chosen: Option<usize> = None;
    let mut grid = GridBuilder::default();
    let mut table_depth = 0usize;
    let mut row: u64 = 0;
    let mut row_repeat: u64 = 1;
    let mut row_hidden = false;
    let mut row_cells: Vec<(u64, u64, Value)> = Vec::new();
    let mut col: u64 = 0;
    let mut cell: Option<CellState> = None;
    let mut skip_depth = 0usize;
    let mut buf = Vec::new();
    let limit = |path: &Path, l: super::grid::Limit, sheet: &str| {
        Diagnostic::error(l.to_string()).file(path).sheet(sheet)
    };
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => return Err(xml_failure(path, name, &xml, &e)),
        };
        match event {
            Event::Start(e) => {
                let tag = local(&e).to_string();
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                match tag.as_str() {
                    "style" => style = attr(&e, "name"),
                    "table-properties" => {
                        if attr(&e, "display").as_deref() == Some("false")
                            && let Some(s) = &style
                        {
                            hidden_styles.insert(s.clone());
                        }
                    }
                    "table" => {
                        table_depth += 1;
                        if table_depth > 1 {
                            continue;
                        }
                        let sheet_name = attr(&e, "name").unwrap_or_default();
                        let visible =
                            attr(&e, "style-name").is_none_or(|s| !hidden_styles.contains(&s));
                        let this = sheets.len();
                        let take = match wanted {
                            Some(w) => {
                                chosen.is_none()
                                    && (sheet_name.trim() == w.trim()
                                        || super::header_key(&sheet_name) == super::header_key(w))
                            }
                            None => chosen.is_none() && visible,
                        };
                        if take {
                            chosen = Some(this);
                        }
                        if sheets.len() < 10_000 {
                            sheets.push(SheetEntry {
                                name: sheet_name,
                                visible,
                            });
                        }
                        row = 0;
                    }
                    "table-row" if table_depth == 1 => {
                        row_repeat = attr(&e, "number-rows-repeated")
                            .and_then(|v| v.parse::<u64>().ok())
                            .unwrap_or(1)
                            .clamp(1, MAX_POSITION);
                        row_hidden = matches!(
                            attr(&e, "visibility").as_deref(),
                            Some("collapse" | "filter")
                        );
                        row_cells.clear();
                        col = 0;
                    }
                    "table-cell" | "covered-table-cell" if table_depth == 1 => {
                        let repeat = attr(&e, "number-columns-repeated")
                            .and_then(|v| v.parse::<u64>().ok())
                            .unwrap_or(1)
                            .clamp(1, MAX_POSITION);
                        cell = Some(CellState {
                            repeat,
                            kind: attr(&e, "value-type").unwrap_or_default(),
                            value: attr(&e, "value"),
                            date: attr(&e, "date-value").or_else(|| attr(&e, "time-value")),
                            boolean: attr(&e, "boolean-value"),
                            formula: attr(&e, "formula").is_some(),
                            error: e.attributes().with_checks(false).flatten().any(|a| {
                                let k: &str = a.key.as_ref();
                                k.ends_with("value-type") && a.value == "error"
                            }),
                            text: String::new(),
                            chars: 0,
                            paragraphs: 0,
                        });
                    }
                    "p" | "h" if cell.is_some() => {
                        if let Some(c) = cell.as_mut() {
                            if c.paragraphs > 0 {
                                c.push("\n");
                            }
                            c.paragraphs += 1;
                        }
                    }
                    "s" if cell.is_some() => {
                        let n = attr(&e, "c")
                            .and_then(|v| v.parse::<usize>().ok())
                            .unwrap_or(1);
                        if let Some(c) = cell.as_mut() {
                            if n > KEEP_CELL_CHARS {
                                c.chars += n;
                            } else {
                                c.push(&" ".repeat(n));
                            }
                        }
                    }
                    "tab" if cell.is_some() => {
                        if let Some(c) = cell.as_mut() {
                            c.push("\t");
                        }
                    }
                    "line-break" if cell.is_some() => {
                        if let Some(c) = cell.as_mut() {
                            c.push("\n");
                        }
                    }
                    // Comments, notes, drawings and change marks are not the cell's text.
                    "annotation" | "note" | "frame" | "custom-shape" | "tracked-changes"
                    | "ruby-text" => skip_depth = 1,
                    _ => {}
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let n: &str = e.name().0;
                match n.rsplit(':').next().unwrap_or(n) {
                    "style" => style = None,
                    "table" => {
                        table_depth = table_depth.saturating_sub(1);
                    }
                    "table-cell" | "covered-table-cell" if table_depth == 1 => {
                        let Some(c) = cell.take() else { continue };
                        let repeat = c.repeat;
                        let reading = chosen == Some(sheets.len().saturating_sub(1));
                        if reading
                            && let Some(v) = c.value()
                            && !v.is_blank()
                        {
                            row_cells.push((col, repeat, v));
                        }
                        col = (col + repeat).min(MAX_POSITION);
                    }
                    "table-row" if table_depth == 1 => {
                        let reading = chosen == Some(sheets.len().saturating_sub(1));
                        if reading && !row_cells.is_empty() {
                            let sheet = &sheets[sheets.len() - 1].name;
                            for k in 0..row_repeat {
                                let r = row + k + 1;
                                if r > u32::MAX as u64 {
                                    break;
                                }
                                if row_hidden {
                                    grid.hide(r as u32);
                                }
                                for (c0, rep, v) in &row_cells {
                                    for j in 0..*rep {
                                        let c = c0 + j;
                                        if c >= EXCEL_COLS as u64 * 64 {
                                            break;
                                        }
                                        grid.push(r as u32, c as u32, v.clone())
                                            .map_err(|l| limit(path, l, sheet))?;
                                    }
                                }
                            }
                        }
                        row = (row + row_repeat).min(MAX_POSITION);
                    }
                    _ => {}
                }
            }
            Event::Text(t) if skip_depth == 0 => {
                if let Some(c) = cell.as_mut()
                    && c.paragraphs > 0
                {
                    c.push(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if skip_depth == 0 => {
                if let Some(c) = cell.as_mut()
                    && c.paragraphs > 0
                {
                    let mut s = String::new();
                    push_ref(&r, &mut s);
                    c.push(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let (index, notes) = choose_sheet(path, &sheets, wanted)?;
    let others = super::other_sheets(&sheets, index, wanted);
    if chosen != Some(index) {
        // The stream took a different sheet than the rules pick; should not happen.
        return Err(Diagnostic::error("không chọn được trang tính cần đọc").file(path));
    }
    Ok(Table {
        sheet: Some(sheets[index].name.clone()),
        rows: grid.finish(),
        notes,
        is_1904: false,
        widths: Vec::new(),
        others,
    })
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
