//! `.xlsx`/`.xlsm` read as streams of XML, not through calamine: calamine
//! 0.38 reserves memory for the shared-string count a file declares
//! (`uniqueCount="4000000000"` aborts the process), builds the whole dense
//! grid from the first to the last used cell (one stray cell at XFD1048576
//! asks for 17 billion cells), and decompresses parts without a cap (a
//! 700 KB file holding one 700 MB string). Here nothing declared is
//! trusted: only cells that hold something are kept, within the limits of
//! [`super::grid`], and every part is read through [`super::xml::Guard`].

use std::collections::HashMap;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::grid::{
    self, EXCEL_COLS, EXCEL_ROWS, GridBuilder, KEEP_CELL_CHARS, Limit, MAX_SHEET_XML_BYTES,
    MAX_SMALL_XML_BYTES, MAX_STRINGS_XML_BYTES, Value, parse_cell,
};
use super::xml::{Xml, Zip, attr, local, part, password_error, push_ref, xml_failure};
use super::{SheetEntry, Table, choose_sheet};
use crate::diag::Diagnostic;

/// Relationship id → (type, target path inside the archive).
type Rels = HashMap<String, (String, String)>;

fn resolve(base_dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn dir_of(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

fn rels_of(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((d, f)) => format!("{d}/_rels/{f}.rels"),
        None => format!("_rels/{path}.rels"),
    }
}

fn read_rels(zip: &mut Zip, path: &Path, name: &str, owner: &str) -> Result<Rels, Diagnostic> {
    let mut rels = Rels::new();
    let Some(mut xml) = part(zip, name, MAX_SMALL_XML_BYTES).map_err(|e| broken(path, &e))? else {
        return Ok(rels);
    };
    let base = dir_of(owner).to_string();
    let mut buf = Vec::new();
    loop {
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if local(&e) == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    if attr(&e, "TargetMode").as_deref() == Some("External") {
                        continue;
                    }
                    let kind = attr(&e, "Type").unwrap_or_default();
                    rels.insert(id, (kind, resolve(&base, &target)));
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(xml_failure(path, name, &xml, &e)),
            _ => {}
        }
        buf.clear();
    }
    Ok(rels)
}

fn broken(path: &Path, detail: &str) -> Diagnostic {
    Diagnostic::error(format!("tệp Excel hỏng ({detail})"))
        .file(path)
        .hint("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx")
}

fn rel_of_type<'a>(rels: &'a Rels, suffix: &str) -> Option<&'a str> {
    rels.values()
        .find(|(k, _)| k.ends_with(suffix))
        .map(|(_, t)| t.as_str())
}

/// Decodes OOXML's `_xHHHH_` escapes (how Excel stores control characters
/// such as CR in strings; `_x005F_` is a literal underscore).
fn unescape_ooxml(s: &str) -> String {
    if !s.contains("_x") {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("_x") {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let hex = tail.get(2..6);
        let decoded = match (hex, tail.as_bytes().get(6)) {
            (Some(h), Some(b'_')) if h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(h, 16).ok().and_then(char::from_u32)
            }
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[7..];
            }
            None => {
                out.push_str("_x");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text collected from `<t>` elements, kept up to [`KEEP_CELL_CHARS`] and
/// counted beyond.
#[derive(Default)]
struct TextAcc {
    text: String,
    chars: usize,
}

impl TextAcc {
    fn push(&mut self, s: &str) {
        let n = s.chars().count();
        self.chars += n;
        if self.chars <= KEEP_CELL_CHARS {
            self.text.push_str(s);
        }
    }

    fn value(self) -> Value {
        if self.chars > KEEP_CELL_CHARS {
            Value::TooLong(self.chars)
        } else {
            Value::Text(unescape_ooxml(&self.text))
        }
    }
}

/// Reads a rich string (`<si>` or `<is>`) up to its closing tag: the text
/// of its `<t>` elements, leaving out phonetic runs (`<rPh>`).
fn read_rich(
    xml: &mut Xml<'_>,
    buf: &mut Vec<u8>,
    closing: &str,
) -> Result<TextAcc, quick_xml::Error> {
    let mut acc = TextAcc::default();
    let mut in_t = false;
    let mut phonetic = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(buf)? {
            Event::Start(e) => match local(&e) {
                "t" if phonetic == 0 => in_t = true,
                "rPh" => phonetic += 1,
                _ => {}
            },
            Event::End(e) => {
                let name: &str = e.name().0;
                let name = name.rsplit(':').next().unwrap_or(name);
                match name {
                    "t" => in_t = false,
                    "rPh" => phonetic = phonetic.saturating_sub(1),
                    n if n == closing => return Ok(acc),
                    _ => {}
                }
            }
            Event::Text(t) if in_t => acc.push(&t.xml10_content()),
            Event::CData(t) if in_t => acc.push(&t.xml10_content()),
            Event::GeneralRef(r) if in_t => {
                let mut s = String::new();
                push_ref(&r, &mut s);
                acc.push(&s);
            }
            Event::Eof => return Ok(acc),
            _ => {}
        }
    }
}

/// The shared-string table, stored compactly: one buffer and offsets.
#[derive(Default)]
struct SharedStrings {
    buf: String,
    ends: Vec<u32>,
    too_long: HashMap<u32, usize>,
}

impl SharedStrings {
    fn get(&self, i: usize) -> Option<Value> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        if let Some(n) = self.too_long.get(&(i as u32)) {
            return Some(Value::TooLong(*n));
        }
        Some(Value::Text(self.buf[start..end].to_string()))
    }
}

fn read_shared_strings(
    zip: &mut Zip,
    path: &Path,
    name: &str,
) -> Result<SharedStrings, Diagnostic> {
    let mut sst = SharedStrings::default();
    let Some(mut xml) = part(zip, name, MAX_STRINGS_XML_BYTES).map_err(|e| broken(path, &e))?
    else {
        return Ok(sst);
    };
    let mut buf = Vec::new();
    let mut inner = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if local(&e) == "si" => {
                let acc = match read_rich(&mut xml, &mut inner, "si") {
                    Ok(a) => a,
                    Err(e) => return Err(xml_failure(path, name, &xml, &e)),
                };
                let index = sst.ends.len() as u32;
                if acc.chars > KEEP_CELL_CHARS {
                    sst.too_long.insert(index, acc.chars);
                } else {
                    sst.buf.push_str(&unescape_ooxml(&acc.text));
                }
                if sst.buf.len() > u32::MAX as usize {
                    return Err(broken(path, "bảng chuỗi quá lớn"));
                }
                sst.ends.push(sst.buf.len() as u32);
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(xml_failure(path, name, &xml, &e)),
            _ => {}
        }
    }
    sst.buf.shrink_to_fit();
    sst.ends.shrink_to_fit();
    Ok(sst)
}

/// For each cell style (`s` attribute), whether its number format is a date.
fn read_styles(zip: &mut Zip, path: &Path, name: &str) -> Result<Vec<bool>, Diagnostic> {
    let mut dates = Vec::new();
    let Some(mut xml) = part(zip, name, MAX_SMALL_XML_BYTES).map_err(|e| broken(path, &e))? else {
        return Ok(dates);
    };
    let mut custom: HashMap<u32, bool> = HashMap::new();
    let mut in_cell_xfs = false;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match local(&e) {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode"))
                        && let Ok(id) = id.parse()
                    {
                        custom.insert(id, grid::is_date_format(&code));
                    }
                }
                "cellXfs" => in_cell_xfs = true,
                "xf" if in_cell_xfs => {
                    let id: u32 = attr(&e, "numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let date = custom
                        .get(&id)
                        .copied()
                        .unwrap_or_else(|| grid::is_builtin_date_format(id));
                    dates.push(date);
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.name().0.ends_with("cellXfs") => in_cell_xfs = false,
            Ok(Event::Eof) => break,
            Err(e) => return Err(xml_failure(path, name, &xml, &e)),
            _ => {}
        }
    }
    Ok(dates)
}

pub(crate) fn read(path: &Path, mut zip: Zip, wanted: Option<&str>) -> Result<Table, Diagnostic> {
    if super::xml::entry_names(&zip)
        .iter()
        .any(|n| n == "EncryptedPackage")
    {
        return Err(password_error(path));
    }
    // The workbook part, from the package relationships.
    let root = read_rels(&mut zip, path, "_rels/.rels", "")?;
    let workbook = rel_of_type(&root, "/officeDocument")
        .unwrap_or("xl/workbook.xml")
        .to_string();
    let wb_rels = read_rels(&mut zip, path, &rels_of(&workbook), &workbook)?;
    let book = read_workbook(&mut zip, path, &workbook, &wb_rels)?;
    let entries: Vec<SheetEntry> = book.sheets.iter().map(|(s, _)| s.clone()).collect();
    let (index, notes) = choose_sheet(path, &entries, wanted)?;
    let others = super::other_sheets(&entries, index, wanted);
    let sheet_name = entries[index].name.clone();
    let Some(sheet_part) = book.sheets[index].1.clone() else {
        return Err(Diagnostic::error(format!(
            "trang tính \"{sheet_name}\" không phải bảng dữ liệu (có thể là biểu đồ)"
        ))
        .file(path)
        .hint("chỉ định trang tính chứa danh sách sản phẩm"));
    };
    let styles = match rel_of_type(&wb_rels, "/styles").map(str::to_string) {
        Some(p) => read_styles(&mut zip, path, &p)?,
        None => Vec::new(),
    };
    let strings = match rel_of_type(&wb_rels, "/sharedStrings").map(str::to_string) {
        Some(p) => read_shared_strings(&mut zip, path, &p)?,
        None => SharedStrings::default(),
    };
    let (rows, marks) = read_sheet(&mut zip, path, &sheet_part, &sheet_name, &strings, &styles)?;
    Ok(Table {
        sheet: Some(sheet_name),
        rows,
        notes,
        is_1904: book.is_1904,
        widths: Vec::new(),
        others,
        marks,
    })
}

/// The part holding the cells of the sheet `wanted` (or the first
/// visible one), chosen as the reader chooses it: for a writer that
/// changes that part and nothing else.
pub(crate) fn sheet_part(path: &Path, wanted: Option<&str>) -> Result<String, Diagnostic> {
    let mut zip = super::xml::open_archive(path)?;
    let root = read_rels(&mut zip, path, "_rels/.rels", "")?;
    let workbook = rel_of_type(&root, "/officeDocument")
        .unwrap_or("xl/workbook.xml")
        .to_string();
    let wb_rels = read_rels(&mut zip, path, &rels_of(&workbook), &workbook)?;
    let book = read_workbook(&mut zip, path, &workbook, &wb_rels)?;
    let entries: Vec<SheetEntry> = book.sheets.iter().map(|(s, _)| s.clone()).collect();
    let (index, _) = choose_sheet(path, &entries, wanted)?;
    book.sheets[index]
        .1
        .clone()
        .ok_or_else(|| broken(path, "trang tính không phải bảng dữ liệu"))
}

/// What the workbook part says: its sheets, each with the part holding
/// its cells (`None` for a chart sheet), and the date system.
struct Workbook {
    sheets: Vec<(SheetEntry, Option<String>)>,
    is_1904: bool,
}

fn read_workbook(
    zip: &mut Zip,
    path: &Path,
    workbook: &str,
    rels: &Rels,
) -> Result<Workbook, Diagnostic> {
    let Some(mut xml) = part(zip, workbook, MAX_SMALL_XML_BYTES).map_err(|e| broken(path, &e))?
    else {
        return Err(broken(path, "thiếu phần workbook"));
    };
    let mut book = Workbook {
        sheets: Vec::new(),
        is_1904: false,
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => match local(&e) {
                "sheet" if book.sheets.len() < 10_000 => book.sheets.push(sheet_of(&e, rels)),
                "workbookPr" => {
                    book.is_1904 = matches!(attr(&e, "date1904").as_deref(), Some("1" | "true"));
                }
                _ => {}
            },
            Ok(Event::Eof) => return Ok(book),
            Err(e) => return Err(xml_failure(path, workbook, &xml, &e)),
            _ => {}
        }
    }
}

/// A `<sheet>` of the workbook and the worksheet part it points to.
fn sheet_of(e: &BytesStart<'_>, rels: &Rels) -> (SheetEntry, Option<String>) {
    let state = attr(e, "state").unwrap_or_default();
    let target = attr(e, "id")
        .and_then(|id| rels.get(&id))
        .filter(|(k, _)| k.ends_with("/worksheet"))
        .map(|(_, t)| t.clone());
    let entry = SheetEntry {
        name: attr(e, "name").unwrap_or_default(),
        visible: state.is_empty() || state == "visible",
    };
    (entry, target)
}

/// One cell as it is being read.
#[derive(Default)]
struct CellState {
    col: u32,
    kind: String,
    style: usize,
    v: Option<String>,
    formula: bool,
    inline: Option<TextAcc>,
}

fn read_sheet(
    zip: &mut Zip,
    path: &Path,
    name: &str,
    sheet: &str,
    strings: &SharedStrings,
    styles: &[bool],
) -> Result<(Vec<grid::Row>, grid::Marks), Diagnostic> {
    let Some(mut xml) = part(zip, name, MAX_SHEET_XML_BYTES).map_err(|e| broken(path, &e))? else {
        return Err(broken(path, &format!("thiếu phần {name}")));
    };
    let at = |d: Diagnostic| d.file(path).sheet(sheet);
    let mut cells = SheetCells::new(strings, styles);
    let mut buf = Vec::new();
    let mut inner = Vec::new();
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => return Err(at(xml_failure(path, name, &xml, &e))),
        };
        match event {
            Event::Start(e) => match local(&e) {
                "row" => cells.open_row(&e).map_err(|m| at(broken(path, &m)))?,
                "c" => cells.open_cell(&e).map_err(|m| at(broken(path, &m)))?,
                "v" if cells.cell.is_some() => cells.in_v = true,
                "f" => {
                    if let Some(c) = cells.cell.as_mut() {
                        c.formula = true;
                    }
                }
                "mergeCell" => {
                    if let Some(range) = attr(&e, "ref").as_deref().and_then(merge_range) {
                        cells.grid.marks.merge(range);
                    }
                }
                "is" if cells.cell.is_some() => {
                    let acc = read_rich(&mut xml, &mut inner, "is")
                        .map_err(|e| at(xml_failure(path, name, &xml, &e)))?;
                    if let Some(c) = cells.cell.as_mut() {
                        c.inline = Some(acc);
                    }
                }
                _ => {}
            },
            Event::Text(t) if cells.in_v => cells.value_text(&t.xml10_content()),
            Event::GeneralRef(r) if cells.in_v => {
                let mut s = String::new();
                push_ref(&r, &mut s);
                cells.value_text(&s);
            }
            Event::End(e) => {
                let n: &str = e.name().0;
                match n.rsplit(':').next().unwrap_or(n) {
                    "v" => cells.in_v = false,
                    "c" => cells.close_cell().map_err(|(cell, m)| match m {
                        CellError::Broken(m) => at(broken(path, &m)).cell(cell),
                        CellError::Limit(l) => at(Diagnostic::error(l.to_string())),
                    })?,
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let marks = std::mem::take(&mut cells.grid.marks);
    Ok((cells.grid.finish(), marks))
}

/// "A5:C7" → (5, 0, 7, 2).
fn merge_range(reference: &str) -> Option<(u32, u32, u32, u32)> {
    let (a, b) = reference.split_once(':')?;
    let (c0, r0) = parse_cell(a.trim())?;
    let (c1, r1) = parse_cell(b.trim())?;
    Some((r0.min(r1), c0.min(c1), r0.max(r1), c0.max(c1)))
}

/// Why a finished cell could not be kept.
enum CellError {
    Broken(String),
    Limit(Limit),
}

/// The cells of a worksheet as its XML is read.
struct SheetCells<'a> {
    strings: &'a SharedStrings,
    styles: &'a [bool],
    grid: GridBuilder,
    row: u32,
    /// The column of a cell that gives no reference.
    next_col: u32,
    cell: Option<CellState>,
    /// Inside the cell's `<v>`.
    in_v: bool,
}

impl<'a> SheetCells<'a> {
    fn new(strings: &'a SharedStrings, styles: &'a [bool]) -> Self {
        SheetCells {
            strings,
            styles,
            grid: GridBuilder::default(),
            row: 0,
            next_col: 0,
            cell: None,
            in_v: false,
        }
    }

    fn open_row(&mut self, e: &BytesStart<'_>) -> Result<(), String> {
        self.row = match attr(e, "r").map(|r| r.parse::<u32>()) {
            Some(Ok(r)) if (1..=EXCEL_ROWS).contains(&r) => r,
            Some(_) => return Err("số dòng không hợp lệ".into()),
            None => self.row + 1,
        };
        self.next_col = 0;
        if matches!(attr(e, "hidden").as_deref(), Some("1" | "true")) {
            self.grid.hide(self.row);
        }
        Ok(())
    }

    fn open_cell(&mut self, e: &BytesStart<'_>) -> Result<(), String> {
        let (col, r) = match attr(e, "r") {
            Some(reference) => parse_cell(&reference).ok_or_else(|| {
                format!(
                    "ô có địa chỉ không hợp lệ `{}`",
                    reference.chars().take(20).collect::<String>()
                )
            })?,
            None => (self.next_col, self.row.max(1)),
        };
        if col >= EXCEL_COLS {
            return Err("ô ngoài giới hạn cột".into());
        }
        self.row = r;
        self.next_col = col + 1;
        self.cell = Some(CellState {
            col,
            kind: attr(e, "t").unwrap_or_default(),
            style: attr(e, "s").and_then(|s| s.parse().ok()).unwrap_or(0),
            ..CellState::default()
        });
        Ok(())
    }

    /// Text of the cell's `<v>`, kept within bounds.
    fn value_text(&mut self, s: &str) {
        if let Some(c) = self.cell.as_mut() {
            let v = c.v.get_or_insert_with(String::new);
            if v.len() < 4 * KEEP_CELL_CHARS {
                v.push_str(s);
            }
        }
    }

    /// The cell ends: its value goes into the grid. On error, the cell's
    /// name with the reason.
    fn close_cell(&mut self) -> Result<(), (String, CellError)> {
        let Some(c) = self.cell.take() else {
            return Ok(());
        };
        let name = grid::cell_name(c.col, self.row);
        let col = c.col;
        if c.formula {
            self.grid.marks.formula(self.row, col);
        }
        match cell_value(c, self.strings, self.styles) {
            Ok(Some(v)) => self
                .grid
                .push(self.row, col, v)
                .map_err(|l| (name, CellError::Limit(l))),
            Ok(None) => Ok(()),
            Err(m) => Err((name, CellError::Broken(m))),
        }
    }
}

/// The value of a finished cell; `None` when it holds nothing.
fn cell_value(
    c: CellState,
    strings: &SharedStrings,
    styles: &[bool],
) -> Result<Option<Value>, String> {
    let v = c.v.map(|v| unescape_ooxml(&v));
    let value = match c.kind.as_str() {
        "s" => {
            let Some(v) = v else { return Ok(None) };
            let i: usize = v
                .trim()
                .parse()
                .map_err(|_| format!("chỉ số chuỗi `{v}` không hợp lệ"))?;
            Some(
                strings
                    .get(i)
                    .ok_or_else(|| format!("ô trỏ tới chuỗi số {i} không có trong tệp"))?,
            )
        }
        "inlineStr" => c.inline.map(TextAcc::value),
        "str" => match v {
            Some(v) => Some(Value::Text(v)),
            None if c.formula => Some(Value::Uncalculated),
            None => None,
        },
        "b" => v.map(|v| Value::Bool(v.trim() == "1" || v.trim() == "true")),
        "e" => v.map(|v| Value::Error(v.trim().to_string())),
        "d" => v.map(Value::Date),
        _ => match v {
            Some(v) if !v.trim().is_empty() => {
                let value: f64 = v
                    .trim()
                    .parse()
                    .ok()
                    .filter(|x: &f64| x.is_finite())
                    .ok_or_else(|| {
                        format!(
                            "số `{}` không hợp lệ",
                            v.chars().take(20).collect::<String>()
                        )
                    })?;
                Some(Value::Number {
                    value,
                    date: styles.get(c.style).copied().unwrap_or(false),
                })
            }
            _ if c.formula => Some(Value::Uncalculated),
            _ => None,
        },
    };
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_like_excel() {
        assert_eq!(
            resolve("xl", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/worksheets", "../sharedStrings.xml"),
            "xl/sharedStrings.xml"
        );
        assert_eq!(rels_of("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
    }

    #[test]
    fn ooxml_escapes() {
        assert_eq!(unescape_ooxml("a_x000D_b"), "a\rb");
        assert_eq!(unescape_ooxml("a_x005F_x000D_"), "a_x000D_");
        assert_eq!(unescape_ooxml("_x_y"), "_x_y");
    }
}
