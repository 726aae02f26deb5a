//! Excel 97–2003 `.xls` files, read by calamine behind a guard.
//!
//! BIFF is binary and not compressed, so the text calamine decodes is
//! bounded by the file size; calamine's own parse of the records is kept
//! (shared strings split over CONTINUE records, RK numbers, date formats).
//! What calamine 0.38 cannot bound is fixed first, here:
//!
//! - its compound-file (OLE) reader follows sector chains without loop
//!   detection (a chain pointing at itself grows memory forever) and
//!   indexes the FAT unchecked: [`super::cfb`] reads the container
//!   itself, with every chain checked, and this module hands calamine a freshly written
//!   container holding only the workbook stream;
//! - it reserves `rows × columns` cells from each sheet's DIMENSIONS
//!   record, as declared: those records are zeroed in the copy;
//! - it builds, for every sheet at open, the dense grid from the first to
//!   the last used cell: the used area of every sheet is measured first
//!   and a file whose areas add up to more than [`MAX_GRID_CELLS`] is
//!   refused with the far cell named (a stray cell at IV65536);
//! - a malformed MULRK record underflows a subtraction: such records are
//!   refused.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, SheetVisible, Xls};

use super::cfb::{Cfb, cfb_with_stream, u16_at, u32_at};
use super::grid::{GridBuilder, KEEP_CELL_CHARS, Value, cell_name};
use super::{SheetEntry, Table, choose_sheet};
use crate::diag::Diagnostic;
use crate::vn::group_thousands;

/// Dense cells calamine may build over all sheets (32 bytes each, built
/// once and copied once: 128 MB at most).
pub const MAX_GRID_CELLS: u64 = 2_000_000;

/// BIFF record types read here.
mod record {
    pub const BOF: u16 = 0x0809;
    pub const EOF: u16 = 0x000A;
    pub const FILEPASS: u16 = 0x002F;
    pub const BOUNDSHEET: u16 = 0x0085;
    pub const DATE1904: u16 = 0x0022;
    pub const DIMENSIONS: u16 = 0x0200;
    pub const ROW: u16 = 0x0208;
    pub const FORMULA: u16 = 0x0006;
    pub const MULRK: u16 = 0x00BD;
    /// NUMBER, LABEL, LABELSST, BOOLERR, RK, RSTRING: one cell each.
    pub const CELLS: [u16; 6] = [0x0203, 0x0204, 0x00FD, 0x0205, 0x027E, 0x00D6];
}

/// One BIFF record: (offset of its header, type, data).
fn records(stream: &[u8], from: usize) -> impl Iterator<Item = (usize, u16, &[u8])> {
    let mut pos = from;
    std::iter::from_fn(move || {
        let typ = u16_at(stream, pos)?;
        let len = u16_at(stream, pos + 2)? as usize;
        let data = stream.get(pos + 4..pos + 4 + len)?;
        let at = pos;
        pos += 4 + len;
        Some((at, typ, data))
    })
}

/// A rectangle of cells: (min row, min col, max row, max col).
type Area = Option<(u32, u32, u32, u32)>;

/// What the guard learned of one sheet substream.
#[derive(Default)]
struct SheetScan {
    /// The area of the cells calamine keeps.
    cells: Area,
    formulas: Area,
    hidden: Vec<u32>,
}

fn extend(b: &mut Area, r: u32, c: u32) {
    *b = Some(match *b {
        None => (r, c, r, c),
        Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
    });
}

fn area(b: Area) -> u64 {
    b.map_or(0, |(r0, c0, r1, c1)| {
        (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64
    })
}

impl SheetScan {
    /// Walks a sheet substream: used area, hidden rows; zeroes DIMENSIONS.
    fn of(stream: &mut [u8], from: usize) -> Result<SheetScan, String> {
        let mut scan = SheetScan::default();
        let mut depth = 0usize;
        let mut seen_bof = false;
        let mut dims = Vec::new();
        for (at, typ, data) in records(stream, from) {
            match typ {
                // Substreams inside the sheet (charts) are skipped whole.
                record::BOF if seen_bof => depth += 1,
                record::BOF => seen_bof = true,
                record::EOF if depth > 0 => depth -= 1,
                record::EOF => break,
                _ if depth > 0 => {}
                record::DIMENSIONS => dims.push((at + 4, data.len())),
                _ => scan.record(typ, data)?,
            }
        }
        for (at, len) in dims {
            stream[at..at + len].fill(0);
        }
        Ok(scan)
    }

    /// One record of the sheet: the cells it places, or a hidden row.
    fn record(&mut self, typ: u16, data: &[u8]) -> Result<(), String> {
        let pos =
            || -> Option<(u32, u32)> { Some((u16_at(data, 0)? as u32, u16_at(data, 2)? as u32)) };
        match typ {
            t if record::CELLS.contains(&t) => {
                let (r, c) = pos().ok_or("bản ghi ô quá ngắn")?;
                extend(&mut self.cells, r, c);
            }
            record::FORMULA => {
                let (r, c) = pos().ok_or("bản ghi công thức quá ngắn")?;
                extend(&mut self.cells, r, c);
                extend(&mut self.formulas, r, c);
            }
            record::MULRK => {
                let (r, first) = pos().ok_or("bản ghi MULRK quá ngắn")?;
                let last = u16_at(data, data.len().saturating_sub(2))
                    .ok_or("bản ghi MULRK quá ngắn")? as u32;
                if data.len() < 6
                    || last < first
                    || data.len() != 6 + 6 * (last - first + 1) as usize
                {
                    return Err("bản ghi MULRK hỏng".into());
                }
                extend(&mut self.cells, r, first);
                extend(&mut self.cells, r, last);
            }
            record::ROW => {
                let row = u16_at(data, 0).ok_or("bản ghi ROW quá ngắn")? as u32;
                let flags = u16_at(data, 12).unwrap_or(0);
                if flags & 0x0020 != 0 {
                    self.hidden.push(row + 1);
                }
            }
            _ => {}
        }
        Ok(())
    }
}

fn broken(path: &Path, detail: String) -> Diagnostic {
    Diagnostic::error(format!("tệp Excel .xls hỏng ({detail})"))
        .file(path)
        .hint("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx (File > Save As > Excel Workbook)")
}

pub(crate) fn read(path: &Path, wanted: Option<&str>) -> Result<Table, Diagnostic> {
    let (stream_name, mut stream) = workbook_stream(path)?;
    let (sheet_offsets, is_1904) = globals(path, &stream)?;
    let scans = scan_sheets(&mut stream, &sheet_offsets).map_err(|e| broken(path, e))?;
    refuse_wide_sheets(path, &stream, &scans)?;
    let clean = cfb_with_stream(stream_name, &stream);
    drop(stream);
    let (chosen, sheets) = open_with_calamine(clean, wanted).map_err(|e| broken(path, e))?;
    let (index, notes) = choose_sheet(path, &sheets, wanted)?;
    let others = super::other_sheets(&sheets, index, wanted);
    let (chosen_index, range) = chosen.map_err(|e| broken(path, e))?;
    if chosen_index != index {
        return Err(broken(path, "không chọn được trang tính".into()));
    }
    let sheet_name = sheets[index].name.clone();
    let hidden = scans.get(index).map_or(&[][..], |s| &s.hidden);
    let rows = grid_of(range, hidden).map_err(|l| {
        Diagnostic::error(l.to_string())
            .file(path)
            .sheet(&sheet_name)
    })?;
    Ok(Table {
        sheet: Some(sheet_name),
        rows,
        notes,
        is_1904,
        widths: Vec::new(),
        others,
        marks: Default::default(),
    })
}

/// The workbook stream of the file's compound container, and its name.
fn workbook_stream(path: &Path) -> Result<(&'static str, Vec<u8>), Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("không đọc được tệp ({})", super::io_reason(&e))).file(path)
    })?;
    let cfb = Cfb::open(&bytes).map_err(|e| broken(path, e))?;
    if cfb.has("EncryptedPackage") {
        return Err(super::xml::password_error(path));
    }
    if cfb.has("WordDocument") {
        return Err(
            Diagnostic::error("đây là tệp Word .doc, không phải bảng tính")
                .file(path)
                .hint("chép bảng danh sách sang Excel rồi lưu dạng .xlsx"),
        );
    }
    match cfb
        .stream("Workbook")
        .map(|s| ("Workbook", s))
        .or_else(|| cfb.stream("Book").map(|s| ("Book", s)))
    {
        Some((n, Ok(s))) => Ok((n, s)),
        Some((_, Err(e))) => Err(broken(path, e)),
        None => Err(broken(path, "không có luồng Workbook".into())),
    }
}

/// The workbook globals: each sheet's offset and the date system; a
/// password stops here.
fn globals(path: &Path, stream: &[u8]) -> Result<(Vec<usize>, bool), Diagnostic> {
    let mut sheet_offsets = Vec::new();
    let mut is_1904 = false;
    for (_, typ, data) in records(stream, 0) {
        match typ {
            record::FILEPASS if u16_at(data, 0).unwrap_or(0) != 0 => {
                return Err(super::xml::password_error(path));
            }
            record::BOUNDSHEET => {
                if data.len() < 8 {
                    return Err(broken(path, "bản ghi trang tính quá ngắn".into()));
                }
                sheet_offsets.push(u32_at(data, 0).unwrap_or(0) as usize);
            }
            record::DATE1904 => is_1904 = u16_at(data, 0).unwrap_or(0) == 1,
            record::EOF => break,
            _ => {}
        }
    }
    Ok((sheet_offsets, is_1904))
}

fn scan_sheets(stream: &mut [u8], offsets: &[usize]) -> Result<Vec<SheetScan>, String> {
    offsets
        .iter()
        .map(|&off| {
            if off >= stream.len() {
                return Err("trang tính trỏ ra ngoài tệp".into());
            }
            SheetScan::of(stream, off)
        })
        .collect()
}

/// Refuses a file whose dense grids (as calamine builds them) would pass
/// [`MAX_GRID_CELLS`], naming the widest sheet and its far corner.
fn refuse_wide_sheets(path: &Path, stream: &[u8], scans: &[SheetScan]) -> Result<(), Diagnostic> {
    let total: u64 = scans.iter().map(|s| area(s.cells) + area(s.formulas)).sum();
    if total <= MAX_GRID_CELLS {
        return Ok(());
    }
    let (i, widest) = scans
        .iter()
        .enumerate()
        .max_by_key(|(_, s)| area(s.cells))
        .map(|(i, s)| (i, s.cells))
        .unwrap_or((0, None));
    let (r0, c0, r1, c1) = widest.unwrap_or((0, 0, 0, 0));
    let names = sheet_names(stream, i);
    Err(Diagnostic::error(format!(
        "trang tính {}có dữ liệu trải từ ô {} đến ô {} ({} ô), quá rộng để đọc tệp .xls (tối đa {} ô)",
        names.map(|n| format!("\"{n}\" ")).unwrap_or_default(),
        cell_name(c0, r0 + 1),
        cell_name(c1, r1 + 1),
        group_thousands(area(widest)),
        group_thousands(MAX_GRID_CELLS)
    ))
    .file(path)
    .hint("có ô thừa ở xa bảng (trong Excel, Ctrl+End nhảy tới ô cuối cùng có dữ liệu): xóa các ô đó, hoặc lưu tệp dạng .xlsx (File > Save As > Excel Workbook)"))
}

/// The sheets calamine lists and the range of the one the rules pick;
/// a panic inside calamine is an error, not a crash.
fn open_with_calamine(
    container: Vec<u8>,
    wanted: Option<&str>,
) -> Result<(Chosen, Vec<SheetEntry>), String> {
    let opened = std::panic::catch_unwind(move || -> Result<_, String> {
        let mut book = Xls::new(Cursor::new(container)).map_err(|e| e.to_string())?;
        let sheets: Vec<SheetEntry> = book
            .sheets_metadata()
            .iter()
            .map(|s| SheetEntry {
                name: s.name.clone(),
                visible: s.visible == SheetVisible::Visible,
            })
            .collect();
        Ok((book_range(&mut book, &sheets, wanted), sheets))
    });
    opened.unwrap_or_else(|_| Err("calamine dừng bất thường khi đọc tệp".into()))
}

/// The sparse rows of calamine's range.
fn grid_of(
    range: Option<calamine::Range<Data>>,
    hidden: &[u32],
) -> Result<Vec<super::grid::Row>, super::grid::Limit> {
    let mut grid = GridBuilder::default();
    for r in hidden {
        grid.hide(*r);
    }
    if let Some(range) = range {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.used_cells() {
            if let Some(value) = value_of(d) {
                grid.push(r0 + r as u32 + 1, c0 + c as u32, value)?;
            }
        }
    }
    Ok(grid.finish())
}

/// A cell as calamine decoded it; `None` when empty.
fn value_of(d: &Data) -> Option<Value> {
    Some(match d {
        Data::Empty => return None,
        Data::String(s) => {
            let n = s.chars().count();
            if n > KEEP_CELL_CHARS {
                Value::TooLong(n)
            } else {
                Value::Text(s.clone())
            }
        }
        Data::Float(f) => Value::Number {
            value: *f,
            date: false,
        },
        Data::Int(i) => Value::Number {
            value: *i as f64,
            date: false,
        },
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => Value::Number {
            value: dt.as_f64(),
            date: true,
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Date(s.clone()),
        Data::Error(e) => Value::Error(e.to_string()),
    })
}

type Chosen = Result<(usize, Option<calamine::Range<Data>>), String>;

/// The range of the sheet the rules pick (see [`choose_sheet`]).
fn book_range(
    book: &mut Xls<Cursor<Vec<u8>>>,
    sheets: &[SheetEntry],
    wanted: Option<&str>,
) -> Chosen {
    let Ok((i, _)) = choose_sheet(Path::new(""), sheets, wanted) else {
        return Ok((usize::MAX, None));
    };
    let range = book
        .worksheet_range(&sheets[i].name)
        .map_err(|e| e.to_string())?;
    Ok((i, Some(range)))
}

/// The name of the `i`-th sheet, from its BOUNDSHEET record (BIFF8).
fn sheet_names(stream: &[u8], i: usize) -> Option<String> {
    let data = records(stream, 0)
        .take_while(|(_, t, _)| *t != record::EOF)
        .filter(|(_, t, _)| *t == record::BOUNDSHEET)
        .nth(i)?
        .2;
    let len = *data.get(6)? as usize;
    let flags = *data.get(7)?;
    let body = data.get(8..)?;
    Some(if flags & 1 == 1 {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .take(len)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        body.iter().take(len).map(|b| *b as char).collect()
    })
}
