//! CSV and "Unicode text": UTF-8 (with or without BOM) or UTF-16 (Excel's
//! "Unicode Text", Notepad's "Unicode"), fields separated by commas,
//! semicolons (Excel in Vietnamese locales) or tabs. Rows are numbered as
//! a spreadsheet program opening the file shows them: a blank line is an
//! empty row, a cell with a line break inside stays in one row.

use std::path::Path;

use super::Table;
use super::grid::{GridBuilder, Value};
use crate::diag::Diagnostic;
use crate::text::{self, NotText};

/// The text of the file, whatever its Unicode encoding.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    text::decode(&bytes).map_err(|e| {
        let message = match e {
            NotText::BrokenUtf16 => {
                "tệp văn bản UTF-16 bị hỏng (có đoạn không giải mã được)".to_string()
            }
            NotText::NotUtf8 { valid_up_to } => {
                let bom = usize::from(bytes.starts_with(&[0xEF, 0xBB, 0xBF])) * 3;
                let line = bytes[..bom + valid_up_to]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count()
                    + 1;
                format!("tệp CSV không ở mã UTF-8 (dòng {line} có ký tự không đọc được)")
            }
        };
        let hint = match e {
            NotText::BrokenUtf16 => "mở tệp trong Excel rồi lưu lại dạng \"CSV UTF-8 (Comma delimited)\"",
            NotText::NotUtf8 { .. } => "trong Excel chọn File > Save As > \"CSV UTF-8 (Comma delimited)\" (không chọn \"CSV (Comma delimited)\", kiểu đó lưu bằng bảng mã Windows)",
        };
        Diagnostic::error(message).file(path).hint(hint)
    })
}

/// The separator used most outside quotes in the first lines.
fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut lines = 0;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                lines += 1;
                if lines >= 20 {
                    break;
                }
            }
            '\t' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    if counts[0] > 0 && counts[0] >= counts[1] && counts[0] >= counts[2] {
        b'\t'
    } else if counts[1] > counts[2] {
        b';'
    } else {
        b','
    }
}

pub(crate) fn read(path: &Path) -> Result<Table, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("không đọc được tệp ({})", super::io_reason(&e))).file(path)
    })?;
    let text = decode(path, bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let delimiter = delimiter(text);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = GridBuilder::default();
    let mut widths = Vec::new();
    let mut record = ::csv::StringRecord::new();
    // Rows numbered as a spreadsheet program shows the file: one row per
    // record (a record with a line break inside a cell is still one row),
    // and one per blank line, which the csv crate skips.
    let bytes = text.as_bytes();
    let (mut previous_end, mut row) = (0usize, 0u32);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                return Err(Diagnostic::error(format!("tệp CSV hỏng ở dòng {line}"))
                    .file(path)
                    .hint("mở tệp bằng Excel rồi lưu lại dạng CSV UTF-8"));
            }
        }
        let mut start = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        // Blank lines before the record belong to no record.
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let blank_lines = bytes[previous_end.min(start)..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u32;
        row += 1 + blank_lines;
        previous_end = (reader.position().byte() as usize).min(bytes.len());
        // After a CR LF record end the reader stands between the two.
        if previous_end > 0
            && bytes[previous_end - 1] == b'\r'
            && bytes.get(previous_end) == Some(&b'\n')
        {
            previous_end += 1;
        }
        let line = row;
        if previous_end >= bytes.len() {
            unclosed_quote(path, &bytes[start..], delimiter, &record, line)?;
        }
        if widths.len() >= super::grid::EXCEL_ROWS as usize {
            return Err(Diagnostic::error(format!(
                "tệp CSV có hơn {} dòng, nhiều hơn một bảng tính mở được",
                crate::vn::group_thousands(u64::from(super::grid::EXCEL_ROWS))
            ))
            .file(path));
        }
        widths.push((line, record.len() as u32));
        for (i, field) in record.iter().enumerate() {
            let value = if field.chars().count() > super::grid::KEEP_CELL_CHARS {
                Value::TooLong(field.chars().count())
            } else {
                Value::Text(field.to_string())
            };
            grid.push(line, i as u32, value)
                .map_err(|l| Diagnostic::error(l.to_string()).file(path))?;
        }
    }
    Ok(Table {
        sheet: None,
        rows: grid.finish(),
        notes: Vec::new(),
        is_1904: false,
        widths,
        others: Vec::new(),
        marks: Default::default(),
    })
}

/// The last record (`raw`, read as row `row`) when a double quote in it
/// is never closed: its last cell then runs to the end of the file and
/// swallows every row after it, which would be lost without a word.
fn unclosed_quote(
    path: &Path,
    raw: &[u8],
    delimiter: u8,
    record: &::csv::StringRecord,
    row: u32,
) -> Result<(), Diagnostic> {
    if !ends_quoted(raw, delimiter) {
        return Ok(());
    }
    let last = record.len().saturating_sub(1);
    let swallowed = record
        .get(last)
        .map_or(0, |cell| cell.lines().count().saturating_sub(1));
    Err(Diagnostic::error(format!(
        "dấu ngoặc kép \" mở ở dòng {row}, cột {} không được đóng: {} dòng sau nó đến hết tệp bị đọc thành một ô",
        super::grid::column_name(last as u32),
        crate::vn::group_thousands(swallowed as u64)
    ))
    .file(path)
    .hint("thêm dấu \" đóng ở cuối nội dung ô đó, hoặc xóa dấu \" thừa (một ô có dấu \" bên trong phải viết nó hai lần: \"\")"))
}

/// Whether `raw` ends inside a quoted cell, read as the csv crate reads
/// it: a quote opens a cell only at its start (`32"` is text), and `""`
/// inside a quoted cell is a quote.
fn ends_quoted(raw: &[u8], delimiter: u8) -> bool {
    let (mut quoted, mut at_start) = (false, true);
    let mut bytes = raw.iter().peekable();
    while let Some(&b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && at_start {
            quoted = true;
        }
        at_start = !quoted && (matches!(b, b'\n' | b'\r') || b == delimiter);
    }
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { vec![] };
        for u in s.encode_utf16() {
            out.extend(u.to_le_bytes());
        }
        out
    }

    #[test]
    fn encodings_are_recognised() {
        let p = Path::new("x.csv");
        let text = "STT\tTên sản phẩm\n1\tChè\n";
        assert_eq!(decode(p, utf16le(text, true)).unwrap(), text);
        assert_eq!(decode(p, utf16le(text, false)).unwrap(), text);
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(p, be).unwrap(), text);
        assert_eq!(decode(p, text.as_bytes().to_vec()).unwrap(), text);
        assert!(decode(p, b"T\xean s\xe1n ph\xe2m".to_vec()).is_err());
    }

    #[test]
    fn an_open_quote_at_the_end_is_found() {
        assert!(ends_quoted(b"1,\"Gao te,HTX C\n2,Mat ong\n", b','));
        assert!(!ends_quoted(b"1,\"a,\"\"b\"\"\",c\n", b','));
        // A quote inside an unquoted cell is text.
        assert!(!ends_quoted(b"1,Tivi 32\",c\n", b','));
        assert!(ends_quoted(b"1;\"a\"\"", b';'));
    }

    #[test]
    fn delimiters() {
        assert_eq!(delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(delimiter("a;b;\"c,d\"\n"), b';');
        assert_eq!(delimiter("a,b,c\n"), b',');
    }
}
