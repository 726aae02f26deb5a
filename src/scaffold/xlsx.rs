//! The spreadsheet of a round as an .xlsx workbook: the header row ocop
//! recognises and the placeholder rows, one sheet, text cells written
//! inline, numbers as numbers. Fixed timestamps, so the bytes are the same
//! on every run.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

use super::content::Product;

/// The columns, as `docs/schema.md` and the README name them.
const HEADERS: [&str; 9] = [
    "STT",
    "Tên sản phẩm",
    "Chủ thể",
    "Địa chỉ",
    "Nhóm sản phẩm",
    "Điểm",
    "Hạng sao",
    "Số giấy chứng nhận",
    "Ghi chú",
];

/// Column widths in characters, for a readable sheet.
const WIDTHS: [u32; 9] = [6, 34, 32, 36, 14, 8, 10, 20, 20];

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// A workbook of `rows`.
pub fn products(rows: &[Product]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("xl/workbook.xml", WORKBOOK.to_string()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.to_string()),
        ("xl/worksheets/sheet1.xml", sheet(rows)),
    ];
    for (name, body) in parts {
        // Writing to memory cannot fail.
        zip.start_file(name, options).expect("in memory");
        zip.write_all(body.as_bytes()).expect("in memory");
    }
    zip.finish().expect("in memory").into_inner()
}

fn sheet(rows: &[Product]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>"#,
    );
    for (i, w) in WIDTHS.iter().enumerate() {
        xml.push_str(&format!(
            r#"<col min="{n}" max="{n}" width="{w}" customWidth="1"/>"#,
            n = i + 1
        ));
    }
    xml.push_str("</cols><sheetData>");
    let header: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
    xml.push_str(&row(1, &header, &[]));
    for (i, p) in rows.iter().enumerate() {
        let cells = [
            p.stt.to_string(),
            p.name.clone(),
            p.owner.clone(),
            p.address.clone(),
            p.group.to_string(),
            p.score.to_string(),
        ];
        // STT, group and score are numbers.
        xml.push_str(&row(i + 2, &cells, &[0, 4, 5]));
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

fn row(n: usize, cells: &[String], numbers: &[usize]) -> String {
    let mut xml = format!(r#"<row r="{n}">"#);
    for (i, value) in cells.iter().enumerate() {
        let col = char::from(b'A' + i as u8);
        if numbers.contains(&i) {
            xml.push_str(&format!(r#"<c r="{col}{n}"><v>{}</v></c>"#, escape(value)));
        } else {
            xml.push_str(&format!(
                r#"<c r="{col}{n}" t="inlineStr"><is><t>{}</t></is></c>"#,
                escape(value)
            ));
        }
    }
    xml.push_str("</row>");
    xml
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
