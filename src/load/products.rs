//! Product lists from the spreadsheets offices already keep: `.xlsx` (first
//! sheet or one named) and `.csv` (UTF-8 with or without BOM, comma or
//! semicolon). Columns are found by their Vietnamese headers, accepted in any
//! case, with or without diacritics and extra spaces. Each row becomes a
//! product or a list of problems naming the file, sheet, row and column.

use std::path::Path;

use calamine::{Data, Reader};
use unicode_normalization::UnicodeNormalization;

use crate::diag::Diagnostic;
use crate::model::Product;
use crate::text;

/// The columns we read, and the header spellings accepted for each
/// (compared after [`header_key`]).
pub const COLUMNS: &[(Field, &[&str])] = &[
    (Field::Stt, &["stt", "so tt", "so thu tu", "tt"]),
    (Field::Name, &["ten san pham", "san pham", "ten sp"]),
    (
        Field::Owner,
        &["chu the", "ten chu the", "chu the san pham", "don vi"],
    ),
    (Field::Address, &["dia chi", "dia chi chu the"]),
    (
        Field::Group,
        &["nhom san pham", "nhom", "phan nhom", "nhom sp"],
    ),
    (
        Field::Score,
        &[
            "diem",
            "so diem",
            "tong diem",
            "diem danh gia",
            "diem trung binh",
        ],
    ),
    (Field::Stars, &["hang sao", "so sao", "hang", "xep hang"]),
    (
        Field::Number,
        &[
            "so giay chung nhan",
            "so gcn",
            "so chung nhan",
            "so giay cn",
        ],
    ),
    (Field::Note, &["ghi chu"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Stt,
    Name,
    Owner,
    Address,
    Group,
    Score,
    Stars,
    Number,
    Note,
}

/// "Tên  Sản phẩm" → "ten san pham": lower case, no diacritics, single spaces.
pub fn header_key(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

fn field_of(header: &str) -> Option<Field> {
    let key = header_key(header);
    COLUMNS
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(f, _)| *f)
}

/// A product row read from a spreadsheet, with where it came from.
#[derive(Debug, Clone)]
pub struct SheetRow {
    /// 1-based row number as the spreadsheet program shows it.
    pub row: usize,
    pub product: Result<Product, Vec<Diagnostic>>,
}

pub struct Sheet {
    pub rows: Vec<SheetRow>,
    /// Problems with the file as a whole (unreadable, missing columns) and
    /// warnings (unknown columns that will not be used).
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the product list at `path` (`.xlsx` or `.csv`).
pub fn read(path: &Path, sheet_name: Option<&str>) -> Sheet {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let table = match ext.as_deref() {
        Some("xlsx") | Some("xlsm") => read_xlsx(path, sheet_name),
        Some("csv") => read_csv(path),
        _ => Err(Diagnostic::error("không đọc được loại tệp danh sách này")
            .file(path)
            .hint("dùng tệp Excel .xlsx hoặc .csv (lưu từ Excel: File > Save As > CSV UTF-8)")),
    };
    match table {
        Ok((sheet, cells)) => rows(path, sheet.as_deref(), cells),
        Err(d) => Sheet {
            rows: Vec::new(),
            diagnostics: vec![d],
        },
    }
}

type Table = (Option<String>, Vec<Vec<String>>);

fn read_xlsx(path: &Path, sheet_name: Option<&str>) -> Result<Table, Diagnostic> {
    let mut book = calamine::open_workbook_auto(path).map_err(|e| {
        Diagnostic::error(format!("không mở được tệp Excel ({e})"))
            .file(path)
            .hint("kiểm tra tệp có đúng định dạng .xlsx và không bị khóa mật khẩu")
    })?;
    let names = book.sheet_names().to_vec();
    let name = match sheet_name {
        Some(n) => names
            .iter()
            .find(|s| s.trim() == n.trim())
            .cloned()
            .ok_or_else(|| {
                Diagnostic::error(format!("không có trang tính `{n}`"))
                    .file(path)
                    .hint(format!("các trang tính trong tệp: {}", names.join(", ")))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Diagnostic::error("tệp Excel không có trang tính nào").file(path))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        Diagnostic::error(format!("không đọc được trang tính `{name}` ({e})")).file(path)
    })?;
    let cells = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect::<Vec<_>>())
        .collect();
    Ok((Some(name), cells))
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn read_csv(path: &Path) -> Result<Table, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(format!("không đọc được tệp ({e})")).file(path))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Diagnostic::error("tệp CSV không ở mã UTF-8")
            .file(path)
            .hint("trong Excel chọn File > Save As > \"CSV UTF-8 (Comma delimited)\"")
    })?;
    let text = text::normalise(text.strip_prefix('\u{feff}').unwrap_or(&text));
    // Excel in Vietnamese locales writes ";" between fields.
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut cells = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| Diagnostic::error(format!("tệp CSV hỏng ({e})")).file(path))?;
        cells.push(record.iter().map(str::to_string).collect());
    }
    Ok((None, cells))
}

fn column_name(i: usize) -> String {
    let mut n = i + 1;
    let mut s = String::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

fn rows(path: &Path, sheet: Option<&str>, cells: Vec<Vec<String>>) -> Sheet {
    let mut diagnostics = Vec::new();
    let where_ = |row: usize, col: Option<usize>| {
        let mut s = String::new();
        if let Some(sh) = sheet {
            s.push_str(&format!("trang tính `{sh}`, "));
        }
        s.push_str(&format!("dòng {row}"));
        if let Some(c) = col {
            s.push_str(&format!(", cột {}", column_name(c)));
        }
        s
    };
    // The header is the first row that names at least the product column.
    let Some(header_row) = cells
        .iter()
        .position(|r| r.iter().any(|c| field_of(c) == Some(Field::Name)))
    else {
        diagnostics.push(
            Diagnostic::error("không tìm thấy dòng tiêu đề có cột \"Tên sản phẩm\"")
                .file(path)
                .hint("dòng tiêu đề cần các cột: STT, Tên sản phẩm, Chủ thể, Địa chỉ, Điểm (xem README)"),
        );
        return Sheet {
            rows: Vec::new(),
            diagnostics,
        };
    };
    let mut columns: Vec<(usize, Field)> = Vec::new();
    for (i, h) in cells[header_row].iter().enumerate() {
        if h.trim().is_empty() {
            continue;
        }
        match field_of(h) {
            Some(f) if columns.iter().any(|(_, g)| *g == f) => diagnostics.push(
                Diagnostic::warning(format!("cột \"{}\" trùng nghĩa với một cột trước, bỏ qua ({})", h.trim(), where_(header_row + 1, Some(i))))
                    .file(path),
            ),
            Some(f) => columns.push((i, f)),
            None => diagnostics.push(
                Diagnostic::warning(format!("cột \"{}\" không được dùng ({})", h.trim(), where_(header_row + 1, Some(i))))
                    .file(path)
                    .hint("các cột được đọc: STT, Tên sản phẩm, Chủ thể, Địa chỉ, Nhóm sản phẩm, Điểm, Hạng sao, Số giấy chứng nhận, Ghi chú"),
            ),
        }
    }
    for required in [Field::Owner, Field::Address, Field::Score] {
        if !columns.iter().any(|(_, f)| *f == required) {
            let name = match required {
                Field::Owner => "Chủ thể",
                Field::Address => "Địa chỉ",
                _ => "Điểm",
            };
            diagnostics.push(
                Diagnostic::error(format!(
                    "thiếu cột \"{name}\" ({})",
                    where_(header_row + 1, None)
                ))
                .file(path)
                .hint("thêm cột này vào dòng tiêu đề"),
            );
        }
    }
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Sheet {
            rows: Vec::new(),
            diagnostics,
        };
    }
    let mut out = Vec::new();
    for (r, row) in cells.iter().enumerate().skip(header_row + 1) {
        let get = |f: Field| -> Option<(usize, String)> {
            columns.iter().find(|(_, g)| *g == f).map(|(i, _)| {
                (
                    *i,
                    row.get(*i)
                        .map(|s| text::normalise(s.trim()))
                        .unwrap_or_default(),
                )
            })
        };
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row_no = r + 1;
        let mut problems = Vec::new();
        let mut required = |f: Field, what: &str| -> String {
            match get(f) {
                Some((_, v)) if !v.is_empty() => v,
                Some((i, _)) => {
                    problems.push(
                        Diagnostic::error(format!("thiếu {what} ({})", where_(row_no, Some(i))))
                            .file(path)
                            .hint("điền ô này hoặc xóa dòng"),
                    );
                    String::new()
                }
                None => String::new(),
            }
        };
        let name = required(Field::Name, "tên sản phẩm");
        let owner = required(Field::Owner, "chủ thể");
        let address = required(Field::Address, "địa chỉ");
        let score = match get(Field::Score) {
            Some((i, v)) => match v.replace(',', ".").parse::<f64>() {
                Ok(s) => Some(s),
                Err(_) => {
                    problems.push(
                        Diagnostic::error(format!(
                            "điểm `{v}` không phải là số ({})",
                            where_(row_no, Some(i))
                        ))
                        .file(path)
                        .hint("ghi điểm bằng số, ví dụ 78,5"),
                    );
                    None
                }
            },
            None => None,
        };
        let stars = match get(Field::Stars) {
            Some((_, v)) if v.is_empty() => None,
            Some((i, v)) => {
                let digits: String = v.chars().filter(char::is_ascii_digit).collect();
                let count = if digits.is_empty() {
                    v.chars().filter(|c| *c == '★').count()
                } else {
                    digits.parse().unwrap_or(0)
                };
                if (1..=5).contains(&count) {
                    Some(count as u8)
                } else {
                    problems.push(
                        Diagnostic::error(format!(
                            "hạng sao `{v}` không đọc được ({})",
                            where_(row_no, Some(i))
                        ))
                        .file(path)
                        .hint("ghi \"4 sao\", \"4\" hoặc để trống (hạng được tính từ điểm)"),
                    );
                    None
                }
            }
            None => None,
        };
        let optional = |f: Field| get(f).map(|(_, v)| v).filter(|v| !v.is_empty());
        let stt = optional(Field::Stt);
        let product = match (problems.is_empty(), score) {
            (true, Some(score)) => Ok(Product {
                stt,
                name,
                owner,
                address,
                group: optional(Field::Group),
                score,
                stars,
                number: optional(Field::Number),
                note: optional(Field::Note),
            }),
            _ => Err(problems),
        };
        out.push(SheetRow {
            row: row_no,
            product,
        });
    }
    Sheet {
        rows: out,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_without_diacritics_case_or_spacing() {
        assert_eq!(header_key("  Tên   SẢN phẩm "), "ten san pham");
        assert_eq!(field_of("Tên sản phẩm"), Some(Field::Name));
        assert_eq!(field_of("TEN SAN PHAM"), Some(Field::Name));
        assert_eq!(field_of("Số giấy chứng nhận"), Some(Field::Number));
        assert_eq!(field_of("Điểm"), Some(Field::Score));
        assert_eq!(field_of("Đơn vị"), Some(Field::Owner));
        assert_eq!(field_of("Màu sắc"), None);
    }

    #[test]
    fn spreadsheet_columns_are_lettered() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
    }
}
