//! The Word back end: a composed [`Document`] written as an editable `.docx`
//! in the NĐ 30 layout, beside the PDF the Typst back end makes of the same
//! document.
//!
//! WordprocessingML is written by hand (see `document.rs`) and zipped with
//! fixed entry times, so the same document always gives the same bytes:
//! timestamps come from the document's own date, ids are fixed names, and
//! nothing depends on the clock, the machine or a random source.

mod document;
mod measure;
mod parts;
mod table;
mod xml;

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, System, ZipWriter};

use crate::diag::Diagnostic;
use crate::doc::{Administrative, Appendix, Block, Content, Document, Recipient, Signature};
use crate::vn::Date;

pub use document::document_xml;

/// The `.docx` bytes of `doc`.
///
/// Fails when the document holds a character a Word file cannot carry
/// (a control character; the loader refuses those in YAML already), naming
/// the part of the document it is in, and for a certificate, which is
/// printed, not edited, and has no Word form.
pub fn write(doc: &Document) -> Result<Vec<u8>, Diagnostic> {
    match &doc.content {
        Content::Plan(a)
        | Content::Decision(a)
        | Content::Dispatch(a)
        | Content::Submission(a)
        | Content::Notice(a)
        | Content::Revocation(a)
        | Content::Reminder(a) => administrative(a, doc),
        // The chart is drawn in the PDF; in Word its numbers are the
        // report's first table.
        Content::Report(r) => {
            let mut document = r.document.clone();
            if let Some(chart) = &r.chart {
                let at = r.chart_at.min(document.body.len());
                document.body.splice(at..at, chart_lines(chart));
            }
            administrative(&document, doc)
        }
        Content::Appendix(a) => {
            let mut texts = vec![("tiêu đề văn bản", doc.meta_title.as_str())];
            appendix_texts(&a.appendix, &mut texts);
            refuse_unwritable(texts)?;
            let xml = document::appendix_document_xml(&a.appendix, doc.issuance.electronic);
            package(xml, &doc.meta_title, doc.timestamp)
        }
        Content::Certificate(_) => Err(Diagnostic::error(
            "giấy chứng nhận chỉ có bản PDF, không có bản Word",
        )
        .hint(
            "giấy chứng nhận được in và ký, không cần sửa; dùng --format pdf cho giấy chứng nhận",
        )),
    }
}

/// A chart as Word shows it: its title, then its numbers as lines of a
/// small table (the categories, then one line per series), where the PDF
/// draws the bars.
fn chart_lines(chart: &crate::doc::BarChart) -> Vec<Block> {
    let mut out = vec![Block::Centered {
        text: chart.title.clone(),
        bold: true,
    }];
    let labels: Vec<&str> = chart.groups.iter().map(|g| g.label.as_str()).collect();
    out.push(Block::para(format!("Hạng sao\t{}", labels.join("\t"))));
    for (i, series) in chart.series.iter().enumerate() {
        let values: Vec<&str> = chart
            .groups
            .iter()
            .map(|g| g.shown.get(i).map_or("", String::as_str))
            .collect();
        out.push(Block::para(format!("{series}\t{}", values.join("\t"))));
    }
    out
}

/// The `.docx` of `a`, the administrative document of `doc` (a report's
/// with its chart as lines).
fn administrative(a: &Administrative, doc: &Document) -> Result<Vec<u8>, Diagnostic> {
    check_text(a, &doc.meta_title)?;
    let xml = document::issued_document_xml(a, doc.issuance.electronic);
    package(xml, &doc.meta_title, doc.timestamp)
}

/// The `.docx` of a document whose `word/document.xml` is `xml`, titled
/// `meta_title`, dated `timestamp`.
fn package(xml: String, meta_title: &str, timestamp: Date) -> Result<Vec<u8>, Diagnostic> {
    let parts: [(&str, String); 10] = [
        ("[Content_Types].xml", parts::content_types()),
        ("_rels/.rels", parts::package_rels()),
        (
            "docProps/core.xml",
            parts::core_properties(meta_title, timestamp),
        ),
        ("docProps/app.xml", parts::app_properties()),
        ("word/document.xml", xml),
        ("word/_rels/document.xml.rels", parts::document_rels()),
        ("word/styles.xml", parts::styles()),
        ("word/settings.xml", parts::settings()),
        ("word/fontTable.xml", parts::font_table()),
        ("word/header1.xml", parts::header_page_number()),
    ];
    let header_first = ("word/header2.xml", parts::header_empty());
    zip_parts(
        parts.iter().chain(std::iter::once(&header_first)),
        timestamp,
    )
    .map_err(|e| {
        Diagnostic::error(format!("không tạo được tệp Word (.docx): {e}"))
            .hint("đây là lỗi của ocop; xin báo lại kèm tệp YAML")
    })
}

/// The parts zipped in order, every entry dated `date` at midnight (the ZIP
/// format's range is 1980–2107; a date outside it is written as 1980-01-01).
fn zip_parts<'a>(
    parts: impl Iterator<Item = &'a (&'a str, String)>,
    date: Date,
) -> zip::result::ZipResult<Vec<u8>> {
    let time = u16::try_from(date.year)
        .ok()
        .and_then(|y| DateTime::from_date_and_time(y, date.month, date.day, 0, 0, 0).ok())
        .unwrap_or_default();
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(time)
        .system(System::Unix)
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(32 * 1024)));
    for (name, content) in parts {
        zip.start_file(*name, options)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Refuses text XML cannot carry, saying where it is. Line breaks and tabs
/// are fine: they become `<w:br/>` and a space, as in the PDF.
fn check_text<'a>(doc: &'a Administrative, meta_title: &'a str) -> Result<(), Diagnostic> {
    let mut texts: Vec<(&str, &str)> = vec![("tiêu đề văn bản", meta_title)];
    header_texts(doc, &mut texts);
    for b in doc.preamble.iter().chain(&doc.body) {
        block_texts(b, &mut texts);
    }
    signature_texts(&doc.signature, &mut texts);
    for a in &doc.appendices {
        appendix_texts(a, &mut texts);
    }
    refuse_unwritable(texts)
}

/// The first text (with the part of the document it is in) holding a
/// character XML cannot carry, refused.
fn refuse_unwritable(texts: Vec<(&str, &str)>) -> Result<(), Diagnostic> {
    for (part, text) in texts {
        if let Some(c) = text
            .chars()
            .find(|&c| !xml::is_line_break(c) && c != '\t' && !xml::is_xml_char(c))
        {
            let shown: String = text
                .chars()
                .filter(|&c| xml::is_xml_char(c))
                .take(60)
                .collect();
            return Err(Diagnostic::error(format!(
                "ký tự điều khiển U+{:04X} trong {part} (“{shown}”) không ghi được vào tệp Word (.docx)",
                c as u32
            ))
            .hint("xóa ký tự này trong tệp nguồn rồi chạy lại"));
        }
    }
    Ok(())
}

/// The texts of the header, tên loại, trích yếu and Kính gửi, each with
/// the part of the document it is in.
fn header_texts<'a>(doc: &'a Administrative, texts: &mut Vec<(&'static str, &'a str)>) {
    let h = &doc.header;
    texts.extend(h.parent.iter().map(|p| ("cơ quan chủ quản", p.as_str())));
    texts.extend(
        h.issuer_lines
            .iter()
            .map(|l| ("cơ quan ban hành", l.as_str())),
    );
    texts.extend(h.number.iter().map(|n| ("số văn bản", n.as_str())));
    texts.push(("ký hiệu văn bản", &h.symbol));
    texts.push(("địa danh", &h.place));
    texts.extend(h.day.iter().map(|d| ("ngày ban hành", d.as_str())));
    texts.extend(h.month.iter().map(|m| ("tháng ban hành", m.as_str())));
    texts.push(("tên loại", &doc.kind_name));
    texts.push(("trích yếu", &doc.subject));
    texts.extend(doc.to.iter().map(|t| ("Kính gửi", t.as_str())));
}

fn block_texts<'a>(b: &'a Block, texts: &mut Vec<(&'static str, &'a str)>) {
    match b {
        Block::Heading { label, title, .. } => {
            texts.push(("đề mục", label));
            texts.push(("đề mục", title));
        }
        Block::Centered { text, .. } => texts.push(("nội dung", text)),
        Block::Para {
            marker, lead, text, ..
        } => {
            texts.extend(marker.iter().map(|m| ("nội dung", m.as_str())));
            texts.extend(lead.iter().map(|l| ("nội dung", l.as_str())));
            texts.push(("nội dung", text));
        }
        Block::Table(t) => {
            texts.extend(t.title.iter().chain(&t.unit).map(|s| ("bảng", s.as_str())));
            let cells = t.header.iter().chain(&t.rows).flatten();
            texts.extend(cells.map(|c| ("bảng", c.text.as_str())));
        }
    }
}

fn signature_texts<'a>(s: &'a Signature, texts: &mut Vec<(&'static str, &'a str)>) {
    for r in &s.recipients {
        match r {
            Recipient::Line { text, note, end } => {
                texts.push(("Nơi nhận", text));
                texts.extend(note.iter().map(|n| ("Nơi nhận", n.as_str())));
                texts.push(("Nơi nhận", end));
            }
            Recipient::Group { lines, note } => {
                texts.extend(lines.iter().map(|l| ("Nơi nhận", l.as_str())));
                texts.push(("Nơi nhận", note));
            }
        }
    }
    texts.push(("Nơi nhận (Lưu)", &s.archive));
    let authority = s.authority.iter();
    texts.extend(authority.map(|a| ("thẩm quyền, chức vụ người ký", a.as_str())));
    texts.push(("họ tên người ký", &s.name));
}

fn appendix_texts<'a>(a: &'a Appendix, texts: &mut Vec<(&'static str, &'a str)>) {
    texts.push(("phụ lục", &a.label));
    texts.push(("phụ lục", &a.title));
    let r = &a.reference;
    texts.push(("phụ lục", &r.kind));
    texts.extend(r.number.iter().map(|n| ("phụ lục", n.as_str())));
    texts.push(("phụ lục", &r.symbol));
    texts.extend(
        r.day
            .iter()
            .chain(&r.month)
            .map(|d| ("phụ lục", d.as_str())),
    );
    texts.push(("phụ lục", &r.issuer));
    for b in &a.body {
        block_texts(b, texts);
    }
}

#[cfg(test)]
mod tests;
