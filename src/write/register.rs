//! Writing to the office's own register: rows appended after its last
//! row, and cells of a row set (a revocation's status), everything else
//! of the file kept as it was. An .xlsx is changed in one worksheet part
//! (rows added with inline text, the styles of the row above reused, the
//! sheet's dimension and any table over the list extended), every other
//! part copied byte for byte; a CSV file is appended to, in its own
//! delimiter, line ending and encoding, and a changed record rewritten in
//! place. Before the new file replaces the old one it is read back: every
//! row the office typed must still be there, in its place, with the same
//! cells. An .ods or .xls register is refused with a route that works:
//! OpenDocument and BIFF cannot be rewritten here without risking what
//! they hold.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::load::products::grid::{Row, Value, cell_name, column_name};
use crate::load::products::{self, ColumnMap, Field, FileKind};
use crate::validate::register::days;
use crate::vn::Date;

/// A value to write into a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(Date),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(n) => crate::load::products::grid::general_number(*n),
            Cell::Date(d) => format!("{:02}/{:02}/{}", d.day, d.month, d.year),
        }
    }
}

/// What to change in the register.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Rows added after the last row.
    pub append: Vec<Vec<(Field, Cell)>>,
    /// Cells set in existing rows, by the row's number.
    pub set: Vec<(u32, Vec<(Field, Cell)>)>,
}

/// What was done.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub file: PathBuf,
    pub appended: usize,
    pub updated: usize,
    /// Values that had no column in the register, left out.
    pub left_out: Vec<String>,
}

/// Where the list is: its header row, columns, and the last row used.
struct Layout {
    columns: Vec<(Field, u32)>,
    last_row: u32,
    grid: Vec<Row>,
}

/// Applies `changes` to the register at `path` (its `sheet`, its columns
/// found as the reader finds them), atomically and only if every row the
/// office typed reads back unchanged.
pub fn apply(
    path: &Path,
    sheet: Option<&str>,
    columns: &ColumnMap,
    changes: &Changes,
) -> Result<Outcome, Diagnostic> {
    let kind = products::kind_of(path).map_err(|e| super::io_error(path, &e))?;
    if matches!(kind, FileKind::Ods | FileKind::Xls) {
        return Err(refused(path, kind));
    }
    let read = products::read_register(path, sheet, columns);
    let Some((_, field_columns)) = read.layout else {
        return Err(read
            .diagnostics
            .into_iter()
            .find(Diagnostic::is_error)
            .unwrap_or_else(|| {
                Diagnostic::error("không tìm thấy dòng tiêu đề của sổ").file(path)
            }));
    };
    let grid = products::cells(path, sheet)?;
    let layout = Layout {
        last_row: grid.iter().map(|r| r.number).max().unwrap_or(0),
        columns: field_columns,
        grid,
    };
    let mut left_out = Vec::new();
    let placed = |values: &[(Field, Cell)], left_out: &mut Vec<String>| -> Vec<(u32, Cell)> {
        let mut out = Vec::new();
        for (f, v) in values {
            match layout.columns.iter().find(|(g, _)| g == f) {
                Some((_, c)) => out.push((*c, v.clone())),
                None => left_out.push(format!("{} `{}`", f.what(), v.text())),
            }
        }
        out.sort_by_key(|(c, _)| *c);
        out
    };
    let append: Vec<Vec<(u32, Cell)>> = changes
        .append
        .iter()
        .map(|r| placed(r, &mut left_out))
        .collect();
    let mut set: Vec<(u32, Vec<(u32, Cell)>)> = Vec::new();
    for (row, values) in &changes.set {
        let cells = placed(values, &mut left_out);
        if cells.is_empty() {
            return Err(Diagnostic::error(format!(
                "sổ chưa có cột {} để ghi vào dòng {row}",
                values
                    .iter()
                    .map(|(f, _)| format!("\"{}\"", f.header()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .file(path)
            .hint("thêm các cột này vào dòng tiêu đề của sổ rồi chạy lại"));
        }
        set.push((*row, cells));
    }
    let bytes = std::fs::read(path).map_err(|e| super::io_error(path, &e))?;
    let new = match kind {
        FileKind::Xlsx => xlsx(path, sheet, &bytes, &layout, &append, &set)?,
        _ => csv(path, &bytes, &layout, &append, &set)?,
    };
    replace_verified(path, sheet, &new, &layout, &append, &set)?;
    Ok(Outcome {
        file: path.to_path_buf(),
        appended: append.len(),
        updated: set.len(),
        left_out,
    })
}

fn refused(path: &Path, kind: FileKind) -> Diagnostic {
    let what = if kind == FileKind::Ods {
        ".ods (LibreOffice)"
    } else {
        ".xls (Excel 97-2003)"
    };
    Diagnostic::error(format!(
        "ocop không ghi thêm vào sổ dạng {what} mà vẫn giữ nguyên được mọi thứ trong tệp (định dạng ô, công thức, trang tính khác)"
    ))
    .file(path)
    .hint("mở sổ và lưu thành .xlsx (File > Save As > Excel Workbook) hoặc .csv UTF-8, đổi `register.file` theo tên mới, rồi chạy lại; hoặc dùng `ocop register export` để có một sổ .xlsx mới từ sổ hiện tại")
}

/// Writes `new` beside `path`, reads it back, checks it, and renames it
/// over `path`; the original is untouched on any failure.
fn replace_verified(
    path: &Path,
    sheet: Option<&str>,
    new: &[u8],
    layout: &Layout,
    append: &[Vec<(u32, Cell)>],
    set: &[(u32, Vec<(u32, Cell)>)],
) -> Result<(), Diagnostic> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io = |e: std::io::Error| super::io_error(path, &e);
    let mut tmp = tempfile::Builder::new()
        .prefix(".ocop-")
        .suffix(&format!(
            ".{}",
            path.extension().and_then(|e| e.to_str()).unwrap_or("tmp")
        ))
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(new).map_err(io)?;
    tmp.flush().map_err(io)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    let after = products::cells(tmp.path(), sheet)?;
    if let Some(problem) = lost(&layout.grid, &after, append, set) {
        return Err(Diagnostic::error(format!(
            "sổ ghi lại không khớp với sổ cũ ({problem}); sổ không bị thay đổi"
        ))
        .file(path)
        .hint("đây là lỗi của ocop; xin báo lại kèm tệp sổ"));
    }
    tmp.persist(path).map_err(|e| {
        super::io_error(path, &e.error)
            .hint("đóng sổ trong Excel (tệp đang mở thì không ghi được) rồi chạy lại")
    })?;
    Ok(())
}

/// What the rewritten sheet lost or changed beyond the changes, if anything.
fn lost(
    before: &[Row],
    after: &[Row],
    append: &[Vec<(u32, Cell)>],
    set: &[(u32, Vec<(u32, Cell)>)],
) -> Option<String> {
    for row in before {
        let Some(now) = after.iter().find(|r| r.number == row.number) else {
            return Some(format!("mất dòng {}", row.number));
        };
        let changed: Vec<u32> = set
            .iter()
            .filter(|(r, _)| *r == row.number)
            .flat_map(|(_, cells)| cells.iter().map(|(c, _)| *c))
            .collect();
        for (c, v) in &row.cells {
            if changed.contains(c) {
                continue;
            }
            if now.get(*c) != Some(v) {
                return Some(format!("ô {} đổi giá trị", cell_name(*c, row.number)));
            }
        }
        if row.hidden != now.hidden {
            return Some(format!("dòng {} đổi trạng thái ẩn", row.number));
        }
    }
    let last = before.iter().map(|r| r.number).max().unwrap_or(0);
    let added = after.iter().filter(|r| r.number > last).count();
    (added != append.len()).then(|| format!("thêm {added} dòng thay vì {}", append.len()))
}

// ---- CSV ------------------------------------------------------------

fn csv(
    path: &Path,
    bytes: &[u8],
    layout: &Layout,
    append: &[Vec<(u32, Cell)>],
    set: &[(u32, Vec<(u32, Cell)>)],
) -> Result<Vec<u8>, Diagnostic> {
    let (bom, body) = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => (true, rest),
        None => (false, bytes),
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return Err(Diagnostic::error("ocop chỉ ghi thêm vào sổ .csv dạng UTF-8")
            .file(path)
            .hint("lưu lại sổ bằng Excel: File > Save As > CSV UTF-8 (Comma delimited), rồi chạy lại"));
    };
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let header_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let width = layout
        .columns
        .iter()
        .map(|(_, c)| c + 1)
        .max()
        .unwrap_or(0)
        .max(record_width(header_line, delimiter));
    let mut out = String::with_capacity(text.len() + 256 * append.len());
    out.push_str(&rewrite_records(text, delimiter, set, width)?);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(eol);
    }
    for row in append {
        out.push_str(&record(row, width, delimiter));
        out.push_str(eol);
    }
    let mut bytes = Vec::with_capacity(out.len() + 3);
    if bom {
        bytes.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    bytes.extend_from_slice(out.as_bytes());
    Ok(bytes)
}

fn record_width(line: &str, delimiter: u8) -> u32 {
    let mut r = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(line.as_bytes());
    r.records()
        .next()
        .and_then(Result::ok)
        .map_or(0, |rec| rec.len() as u32)
}

/// One CSV record: cells placed in their columns, quoted where needed.
fn record(cells: &[(u32, Cell)], width: u32, delimiter: u8) -> String {
    let fields: Vec<String> = (0..width)
        .map(|c| {
            cells
                .iter()
                .find(|(k, _)| *k == c)
                .map(|(_, v)| v.text())
                .unwrap_or_default()
        })
        .collect();
    quoted(&fields, delimiter)
}

fn quoted(fields: &[String], delimiter: u8) -> String {
    let d = delimiter as char;
    fields
        .iter()
        .map(|f| {
            if f.contains(d) || f.contains('"') || f.contains('\n') || f.contains('\r') {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(&d.to_string())
}

/// `text` with the records `set` names rewritten, every other byte kept.
fn rewrite_records(
    text: &str,
    delimiter: u8,
    set: &[(u32, Vec<(u32, Cell)>)],
    width: u32,
) -> Result<String, Diagnostic> {
    if set.is_empty() {
        return Ok(text.to_string());
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut starts: Vec<(u32, usize, ::csv::StringRecord)> = Vec::new();
    let mut rec = ::csv::StringRecord::new();
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1u32);
    loop {
        match reader.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                return Err(Diagnostic::error(format!(
                    "không đọc lại được sổ .csv ({e})"
                )));
            }
        }
        // Lines counted from byte offsets, as the reader counts them.
        let mut start = rec
            .position()
            .map_or(0, |p| p.byte() as usize)
            .min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        line += bytes[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u32;
        counted_to = start;
        starts.push((line, start, rec.clone()));
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    for (i, (line, start, rec)) in starts.iter().enumerate() {
        let Some((_, cells)) = set.iter().find(|(r, _)| r == line) else {
            continue;
        };
        let end = starts.get(i + 1).map_or(text.len(), |n| n.1);
        let span = &text[*start..end];
        let body_end = span.trim_end_matches(['\r', '\n']).len();
        let mut fields: Vec<String> = rec.iter().map(str::to_string).collect();
        let need = cells
            .iter()
            .map(|(c, _)| c + 1)
            .max()
            .unwrap_or(0)
            .max(width) as usize;
        if fields.len() < need {
            fields.resize(need, String::new());
        }
        for (c, v) in cells {
            fields[*c as usize] = v.text();
        }
        out.push_str(&text[at..*start]);
        out.push_str(&quoted(&fields, delimiter));
        out.push_str(&span[body_end..]);
        at = end;
    }
    out.push_str(&text[at..]);
    Ok(out)
}

// ---- XLSX -----------------------------------------------------------

fn xlsx(
    path: &Path,
    sheet: Option<&str>,
    bytes: &[u8],
    layout: &Layout,
    append: &[Vec<(u32, Cell)>],
    set: &[(u32, Vec<(u32, Cell)>)],
) -> Result<Vec<u8>, Diagnostic> {
    let part = products::sheet_part(path, sheet)?;
    let broken = |e: zip::result::ZipError| {
        Diagnostic::error(format!("không đọc lại được tệp Excel ({e})")).file(path)
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(broken)?;
    let mut xml = String::new();
    zip.by_name(&part)
        .map_err(broken)?
        .read_to_string(&mut xml)
        .map_err(|e| super::io_error(path, &e))?;
    let styles = row_styles(&xml, layout.last_row);
    let date_columns: Vec<u32> = layout
        .grid
        .iter()
        .rev()
        .find(|r| r.number == layout.last_row)
        .map(|r| {
            r.cells
                .iter()
                .filter(|(_, v)| matches!(v, Value::Number { date: true, .. }))
                .map(|(c, _)| *c)
                .collect()
        })
        .unwrap_or_default();
    let cell_xml = |row: u32, (c, v): &(u32, Cell)| {
        let style = styles
            .iter()
            .find(|(k, _)| k == c)
            .map(|(_, s)| format!(" s=\"{s}\""))
            .unwrap_or_default();
        let r = cell_name(*c, row);
        match v {
            Cell::Number(n) => format!("<c r=\"{r}\"{style}><v>{n}</v></c>"),
            Cell::Date(d) if date_columns.contains(c) => {
                format!("<c r=\"{r}\"{style}><v>{}</v></c>", days(*d) + 25_569)
            }
            other => format!(
                "<c r=\"{r}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                escape(&other.text())
            ),
        }
    };
    let mut rows = String::new();
    for (i, cells) in append.iter().enumerate() {
        let row = layout.last_row + 1 + i as u32;
        rows.push_str(&format!("<row r=\"{row}\">"));
        for cell in cells {
            rows.push_str(&cell_xml(row, cell));
        }
        rows.push_str("</row>");
    }
    let mut xml = xml.replacen("<sheetData/>", "<sheetData></sheetData>", 1);
    for (row, cells) in set {
        xml = set_cells(
            &xml,
            *row,
            &cells
                .iter()
                .map(|c| (c.0, cell_xml(*row, c)))
                .collect::<Vec<_>>(),
        )
        .ok_or_else(|| {
            Diagnostic::error(format!("không tìm thấy dòng {row} trong trang tính")).file(path)
        })?;
    }
    let close = xml
        .rfind("</sheetData>")
        .ok_or_else(|| Diagnostic::error("trang tính không có phần dữ liệu").file(path))?;
    xml.insert_str(close, &rows);
    let new_last = layout.last_row + append.len() as u32;
    let xml = extend_ref(&xml, "<dimension ref=\"", layout.last_row, new_last);
    rezip(
        path,
        &mut zip,
        &part,
        &xml,
        (layout.last_row, new_last),
        bytes.len(),
    )
}

/// The archive again: the sheet part `part` replaced by `xml`, the tables
/// over the list extended from row `rows.0` to `rows.1`, every other part
/// copied as it is (compressed bytes included).
fn rezip(
    path: &Path,
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    part: &str,
    xml: &str,
    rows: (u32, u32),
    size: usize,
) -> Result<Vec<u8>, Diagnostic> {
    let broken = |e: zip::result::ZipError| {
        Diagnostic::error(format!("không đọc lại được tệp Excel ({e})")).file(path)
    };
    let (old_last, new_last) = rows;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(size + 4096)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(broken)?;
        let name = entry.name().map_err(broken)?.to_string();
        if name == part {
            drop(entry);
            out.start_file(name, options).map_err(broken)?;
            out.write_all(xml.as_bytes())
                .map_err(|e| super::io_error(path, &e))?;
        } else if name.starts_with("xl/tables/") && name.ends_with(".xml") {
            drop(entry);
            let mut t = String::new();
            zip.by_index(i)
                .map_err(broken)?
                .read_to_string(&mut t)
                .map_err(|e| super::io_error(path, &e))?;
            let t = extend_ref(
                &extend_ref(&t, "<table ", old_last, new_last),
                "<autoFilter ref=\"",
                old_last,
                new_last,
            );
            out.start_file(name, options).map_err(broken)?;
            out.write_all(t.as_bytes())
                .map_err(|e| super::io_error(path, &e))?;
        } else {
            out.raw_copy_file(entry).map_err(broken)?;
        }
    }
    Ok(out.finish().map_err(broken)?.into_inner())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => {
                out.push_str(&format!("_x{:04X}_", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// The `<row r="…">` element of `row`: (start, end) byte offsets.
fn row_span(xml: &str, row: u32) -> Option<(usize, usize)> {
    let key = format!("<row r=\"{row}\"");
    let start = xml
        .match_indices(&key)
        .map(|(i, _)| i)
        .find(|i| matches!(xml.as_bytes().get(i + key.len()), Some(b' ' | b'>' | b'/')))?;
    let open_end = start + xml[start..].find('>')?;
    if xml.as_bytes()[open_end - 1] == b'/' {
        return Some((start, open_end + 1));
    }
    let end = open_end + xml[open_end..].find("</row>")? + "</row>".len();
    Some((start, end))
}

/// (column, style) of the cells of `row`.
fn row_styles(xml: &str, row: u32) -> Vec<(u32, String)> {
    let Some((start, end)) = row_span(xml, row) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for tag in xml[start..end].split("<c ").skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let attr = |name: &str| {
            let key = format!("{name}=\"");
            let i = tag.find(&key)? + key.len();
            Some(tag[i..i + tag[i..].find('"')?].to_string())
        };
        if let (Some(r), Some(s)) = (attr("r"), attr("s"))
            && let Some((c, _)) = crate::load::products::grid::parse_cell(&r)
        {
            out.push((c, s));
        }
    }
    out
}

/// `xml` with the cells of `row` at these columns replaced (or added in
/// column order); `None` when the row is not there.
fn set_cells(xml: &str, row: u32, cells: &[(u32, String)]) -> Option<String> {
    let (start, end) = row_span(xml, row)?;
    let element = &xml[start..end];
    let open_end = element.find('>')? + 1;
    let (open, inner) = if element.ends_with("/>") {
        (
            format!("{}>", element.trim_end_matches("/>")),
            String::new(),
        )
    } else {
        (
            element[..open_end].to_string(),
            element[open_end..element.len() - "</row>".len()].to_string(),
        )
    };
    // The row's cells as (column, xml).
    let mut parts: Vec<(u32, String)> = Vec::new();
    let mut rest = inner.as_str();
    while let Some(i) = rest.find("<c ") {
        let after = &rest[i..];
        let tag_end = after.find('>')?;
        let len = if after.as_bytes()[tag_end - 1] == b'/' {
            tag_end + 1
        } else {
            after.find("</c>")? + 4
        };
        let cell = &after[..len];
        let r = cell
            .split("r=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())?;
        parts.push((
            crate::load::products::grid::parse_cell(r)?.0,
            cell.to_string(),
        ));
        rest = &after[len..];
    }
    for (c, new) in cells {
        match parts.iter_mut().find(|(k, _)| k == c) {
            Some(p) => p.1 = new.clone(),
            None => parts.push((*c, new.clone())),
        }
    }
    parts.sort_by_key(|(c, _)| *c);
    let body: String = parts.into_iter().map(|(_, x)| x).collect();
    Some(format!(
        "{}{open}{body}</row>{}",
        &xml[..start],
        &xml[end..]
    ))
}

/// A range reference after `marker` (`<dimension ref="A1:U21"`, a
/// table's `ref`) whose last row is `old` moved to `new`.
fn extend_ref(xml: &str, marker: &str, old: u32, new: u32) -> String {
    if old == new {
        return xml.to_string();
    }
    let Some(at) = xml.find(marker) else {
        return xml.to_string();
    };
    let Some(r) = xml[at..].find("ref=\"") else {
        return xml.to_string();
    };
    let start = at + r + 5;
    let Some(len) = xml[start..].find('"') else {
        return xml.to_string();
    };
    let reference = &xml[start..start + len];
    let Some((a, b)) = reference.split_once(':') else {
        return xml.to_string();
    };
    let split = b.find(|c: char| c.is_ascii_digit()).unwrap_or(b.len());
    if b[split..].parse::<u32>().ok() != Some(old) {
        return xml.to_string();
    }
    format!(
        "{}{a}:{}{new}{}",
        &xml[..start],
        &b[..split],
        &xml[start + len..]
    )
}

/// The column letter of a field's column in a message.
pub fn column_of(columns: &[(Field, u32)], f: Field) -> Option<String> {
    columns
        .iter()
        .find(|(g, _)| *g == f)
        .map(|(_, c)| column_name(*c))
}
