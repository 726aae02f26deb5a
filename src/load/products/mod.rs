//! Product lists from the spreadsheets offices already keep: Excel
//! `.xlsx`/`.xlsm` and `.xls`, OpenDocument `.ods`, and CSV or "Unicode
//! text" (UTF-8 or UTF-16, comma, semicolon or tab). The format is told by
//! the file's content, not its name.
//!
//! Every reader builds a sparse table of the cells that hold something,
//! within fixed limits ([`grid`]): a hostile file costs bounded memory and
//! work, whatever it declares. The table is then read the same way for all
//! formats: the header row is found by its words (title rows above it are
//! skipped), columns are matched by their normalised headers or named by a
//! [`ColumnMap`], and each row becomes a product or a list of problems
//! naming the file, sheet and cell ("ô G5") — or the CSV line. Nothing is
//! dropped silently: skipped rows (totals, hidden rows, rows with only a
//! number) and cells outside the table are reported as warnings.
//!
//! OCOP rules (score and star bands, who may recognise what) are not
//! checked here; they belong to validation.

mod cfb;
mod columns;
mod csv;
mod fields;
pub mod grid;
mod header;
mod header_row;
mod ods;
pub mod register;
mod rows;
mod table;
mod xls;
mod xlsx;
mod xml;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use cfb::cfb_with_stream;
pub use header::{ColumnMap, ColumnRef, Field, ListKind, column_ref, field_of, header_key};
pub use register::RegisterRow;
pub(crate) use xlsx::sheet_part;

use crate::diag::Diagnostic;
use crate::model::Product;
use grid::{Marks, Row, cell_name};
use rows::Record;

/// A product row read from a spreadsheet, with where it came from: a
/// round's [`Product`], or a [`RegisterRow`].
#[derive(Debug, Clone)]
pub struct SheetRow<T = Product> {
    /// Row number as the spreadsheet program shows it (for CSV: the line
    /// the record starts on).
    pub row: usize,
    pub product: Result<T, Vec<Diagnostic>>,
    pub place: RowPlace,
}

/// Where a row and each of its fields are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowPlace {
    pub file: PathBuf,
    /// The sheet; `None` for CSV.
    pub sheet: Option<String>,
    pub row: usize,
    /// The 0-based column of each field read.
    pub columns: Vec<(Field, u32)>,
}

impl RowPlace {
    /// "G5" for a field of this row (for CSV: the cell Excel would show).
    pub fn cell(&self, field: Field) -> Option<String> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| cell_name(*c, self.row as u32))
    }

    /// "dòng 7", the row's label in summaries.
    pub fn label(&self) -> String {
        format!("dòng {}", self.row)
    }

    /// An error about `field` of this row (or the whole row): in a workbook
    /// it points at the sheet and cell; in a CSV file the line and column
    /// are written after the message.
    pub fn error(&self, field: Option<Field>, message: impl Into<String>) -> Diagnostic {
        let message = message.into();
        let col = field.and_then(|f| self.columns.iter().find(|(g, _)| *g == f).map(|(_, c)| *c));
        match (&self.sheet, col) {
            (Some(sheet), Some(c)) => Diagnostic::error(message)
                .file(&self.file)
                .sheet(sheet)
                .cell(cell_name(c, self.row as u32)),
            (Some(sheet), None) => Diagnostic::error(format!("{message} (dòng {})", self.row))
                .file(&self.file)
                .sheet(sheet),
            (None, Some(c)) => Diagnostic::error(format!(
                "{message} (dòng {}, cột {})",
                self.row,
                grid::column_name(c)
            ))
            .file(&self.file),
            (None, None) => {
                Diagnostic::error(format!("{message} (dòng {})", self.row)).file(&self.file)
            }
        }
    }
}

/// The rows of a product list.
pub struct Sheet<T = Product> {
    pub rows: Vec<SheetRow<T>>,
    /// The header's row and the column of each field read, when found.
    pub layout: Option<(u32, Vec<(Field, u32)>)>,
    /// Problems with the file as a whole (unreadable, missing columns) and
    /// warnings (columns not used, rows skipped, cells outside the table).
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the product list at `path`, columns found by their headers.
pub fn read(path: &Path, sheet_name: Option<&str>) -> Sheet {
    read_with(path, sheet_name, &ColumnMap::default())
}

/// Reads the product list at `path`, with columns named by `columns`
/// where given (the others are found by their headers).
pub fn read_with(path: &Path, sheet_name: Option<&str>, columns: &ColumnMap) -> Sheet {
    read_as(path, sheet_name, columns)
}

/// Reads the product register at `path`: the same reader, the register's
/// columns, and stricter about what a round's list lets pass with a
/// warning (hidden rows, formulas, merged cells are errors).
pub fn read_register(
    path: &Path,
    sheet_name: Option<&str>,
    columns: &ColumnMap,
) -> Sheet<RegisterRow> {
    read_as(path, sheet_name, columns)
}

fn read_as<T: Record>(path: &Path, sheet_name: Option<&str>, columns: &ColumnMap) -> Sheet<T> {
    match open(path, sheet_name) {
        Ok(t) => table::products(path, t, columns),
        Err(d) => Sheet {
            rows: Vec::new(),
            layout: None,
            diagnostics: vec![d],
        },
    }
}

/// The cells of a sheet as read (the one named, or the first visible
/// one), for a writer to compare a file before and after it changes it.
pub fn cells(path: &Path, sheet_name: Option<&str>) -> Result<Vec<Row>, Diagnostic> {
    open(path, sheet_name).map(|t| t.rows)
}

/// Whether the file is an OOXML workbook, an OpenDocument sheet, an old
/// Excel file or text, judged by its first bytes like the reader does.
pub fn kind_of(path: &Path) -> std::io::Result<FileKind> {
    let mut magic = [0u8; 8];
    let n = std::fs::File::open(path)?.read(&mut magic)?;
    if n >= 4 && &magic[..4] == b"PK\x03\x04" {
        let zip = xml::open_archive(path).map_err(|d| std::io::Error::other(d.message))?;
        let names = xml::entry_names(&zip);
        return Ok(if names.iter().any(|n| n == "content.xml") {
            FileKind::Ods
        } else {
            FileKind::Xlsx
        });
    }
    Ok(if n == 8 && magic == cfb::MAGIC {
        FileKind::Xls
    } else {
        FileKind::Text
    })
}

/// The kinds of spreadsheet file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Xlsx,
    Ods,
    Xls,
    Text,
}

/// What a reader hands over: the chosen sheet's cells.
pub(crate) struct Table {
    /// The sheet read; `None` for CSV.
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
    /// Warnings of the reader (a hidden sheet read on request …).
    pub notes: Vec<Diagnostic>,
    /// Dates count from 1904 (old Mac workbooks).
    pub is_1904: bool,
    /// For CSV: the number of fields of each record, by line.
    pub widths: Vec<(u32, u32)>,
    /// The other sheets of the file, when the sheet was picked without
    /// being named (for a hint when it holds no list).
    pub others: Vec<String>,
    /// Formulas and merged cells.
    pub marks: Marks,
}

/// The list's file, opened once it is known to be a regular file of
/// bounded size (a named pipe or a device is refused before any read).
fn checked_file(path: &Path) -> Result<std::fs::File, Diagnostic> {
    use crate::regular::{self, Refusal};
    regular::open(path, grid::MAX_FILE_BYTES).map_err(|refusal| {
        let (reason, hint) = match &refusal {
            Refusal::TooLarge(len) => {
                return Diagnostic::error(format!(
                    "tệp danh sách quá lớn ({} MB; tối đa {} MB)",
                    len >> 20,
                    grid::MAX_FILE_BYTES >> 20
                ))
                .file(path)
                .hint("chép riêng trang tính danh sách sản phẩm sang một tệp mới (không kèm ảnh) rồi dùng tệp đó");
            }
            Refusal::Io(e) => (io_reason(e), "kiểm tra tên và đường dẫn tệp"),
            Refusal::NotRegular(_) => (
                refusal.reason(),
                "chỉ định tệp danh sách .xlsx, .xls, .ods hoặc .csv đã lưu trên đĩa",
            ),
        };
        Diagnostic::error(format!("không mở được tệp danh sách ({reason})"))
            .file(path)
            .hint(hint)
    })
}

/// The kinds of file told apart by their first bytes.
enum Format {
    Zip,
    Cfb,
    Text,
}

fn open(path: &Path, sheet_name: Option<&str>) -> Result<Table, Diagnostic> {
    let mut file = checked_file(path)?;
    let mut magic = [0u8; 8];
    let n = file.read(&mut magic).unwrap_or(0);
    let format = if n >= 4 && (&magic[..4] == b"PK\x03\x04" || &magic[..4] == b"PK\x05\x06") {
        Format::Zip
    } else if n == 8 && magic == cfb::MAGIC {
        Format::Cfb
    } else {
        Format::Text
    };
    drop(file);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match format {
        Format::Zip => open_zip(path, sheet_name),
        Format::Cfb => xls::read(path, sheet_name),
        Format::Text if matches!(ext.as_str(), "csv" | "txt" | "tsv" | "tab") => csv::read(path),
        Format::Text if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "xlsb") => Err(
            Diagnostic::error(format!(
                "tệp .{ext} này không phải bảng tính Excel/ODS thật (có thể bị hỏng hoặc chỉ bị đổi đuôi)"
            ))
            .file(path)
            .hint("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại (File > Save As > Excel Workbook .xlsx)"),
        ),
        Format::Text => Err(Diagnostic::error("không đọc được loại tệp danh sách này")
            .file(path)
            .hint("dùng tệp Excel (.xlsx, .xls), LibreOffice (.ods) hoặc .csv (lưu từ Excel: File > Save As > CSV UTF-8)")),
    }
}

/// The OS error in words, without the "(os error 2)" noise.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không có tệp này".into(),
        std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp".into(),
        _ => e.to_string(),
    }
}

/// A sheet of a workbook, as the sheet is chosen by.
#[derive(Clone)]
pub(crate) struct SheetEntry {
    pub name: String,
    pub visible: bool,
}

/// The names of the sheets other than `index`, when none was asked for.
pub(crate) fn other_sheets(
    sheets: &[SheetEntry],
    index: usize,
    wanted: Option<&str>,
) -> Vec<String> {
    if wanted.is_some() {
        return Vec::new();
    }
    sheets
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != index)
        .map(|(_, s)| s.name.clone())
        .collect()
}

/// Picks the sheet: the one named (hidden or not, with a warning when
/// hidden), or the first visible one (with a warning naming hidden sheets
/// passed over).
pub(crate) fn choose_sheet(
    path: &Path,
    sheets: &[SheetEntry],
    wanted: Option<&str>,
) -> Result<(usize, Vec<Diagnostic>), Diagnostic> {
    let list = || {
        sheets
            .iter()
            .map(|s| {
                if s.visible {
                    format!("\"{}\"", s.name)
                } else {
                    format!("\"{}\" (đang ẩn)", s.name)
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if sheets.is_empty() {
        return Err(Diagnostic::error("tệp bảng tính không có trang tính nào").file(path));
    }
    if let Some(name) = wanted {
        let key = header_key(name);
        let found = sheets
            .iter()
            .position(|s| s.name.trim() == name.trim() || header_key(&s.name) == key);
        let Some(i) = found else {
            return Err(
                Diagnostic::error(format!("không có trang tính \"{}\"", name.trim()))
                    .file(path)
                    .hint(format!("các trang tính trong tệp: {}", list())),
            );
        };
        let mut notes = Vec::new();
        if !sheets[i].visible {
            notes.push(
                Diagnostic::warning(format!(
                    "trang tính \"{}\" đang bị ẩn trong tệp; vẫn đọc vì đã được chỉ định",
                    sheets[i].name
                ))
                .file(path)
                .hint("kiểm tra đây đúng là danh sách cần dùng (trong Excel: chuột phải vào tên trang tính > Unhide)"),
            );
        }
        return Ok((i, notes));
    }
    let Some(i) = sheets.iter().position(|s| s.visible) else {
        return Err(Diagnostic::error("mọi trang tính trong tệp đều đang bị ẩn")
            .file(path)
            .hint(format!(
                "hiện trang tính danh sách trong Excel, hoặc chỉ định trang tính cần đọc; các trang tính: {}",
                list()
            )));
    };
    let mut notes = Vec::new();
    if i > 0 {
        let hidden: Vec<String> = sheets[..i]
            .iter()
            .map(|s| format!("\"{}\"", s.name))
            .collect();
        notes.push(
            Diagnostic::warning(format!(
                "bỏ qua trang tính ẩn {}; đọc trang tính hiện đầu tiên \"{}\"",
                hidden.join(", "),
                sheets[i].name
            ))
            .file(path)
            .hint("nếu danh sách nằm ở trang tính khác, hãy chỉ định tên trang tính"),
        );
    }
    Ok((i, notes))
}

/// Reads a zip container as the workbook it holds.
fn open_zip(path: &Path, sheet: Option<&str>) -> Result<Table, Diagnostic> {
    let zip = xml::open_archive(path)?;
    let names = xml::entry_names(&zip);
    let has = |n: &str| names.iter().any(|f| f.eq_ignore_ascii_case(n));
    if has("content.xml") {
        return ods::read(path, zip, sheet);
    }
    if has("xl/workbook.xml") || has("_rels/.rels") && !has("word/document.xml") {
        return xlsx::read(path, zip, sheet);
    }
    if has("word/document.xml") {
        return Err(Diagnostic::error("đây là tệp Word, không phải bảng tính")
            .file(path)
            .hint("chép bảng danh sách sang Excel rồi lưu dạng .xlsx"));
    }
    if has("xl/workbook.bin") {
        return Err(
            Diagnostic::error("tệp Excel dạng nhị phân .xlsb chưa đọc được")
                .file(path)
                .hint("trong Excel chọn File > Save As > Excel Workbook (.xlsx)"),
        );
    }
    Err(xml::broken_zip(path, "tệp nén không chứa bảng tính".into()))
}
