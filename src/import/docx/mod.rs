//! Word documents (.docx) as offices save them: `word/document.xml` read
//! into paragraphs with what Word shows on the page: automatic numbering
//! computed into each paragraph's label (`numbering`), emphasis, size,
//! alignment and heading levels down the style chain (`styles`),
//! footnotes set where they stood, text boxes read once, hidden text and
//! tracked deletions left out, fields' shown text (`body`). Every size is
//! bounded, so a hostile file costs little and cannot panic.

mod body;
mod notes;
mod numbering;
mod styles;

use quick_xml::events::BytesStart;

use super::para::Para;
pub use super::source::Problem;
use super::source::{Package, attr, local, problem};

/// Largest .docx accepted.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// Largest `word/document.xml` once decompressed.
pub const MAX_XML_BYTES: u64 = 64 << 20;
/// Largest other part (styles, numbering, notes) once decompressed.
const MAX_PART_BYTES: u64 = 16 << 20;
/// Deepest element nesting followed (tables in tables in …).
pub const MAX_DEPTH: usize = 256;
/// Most paragraphs.
const MAX_PARAS: usize = 200_000;

const RESAVE: &str = "mở tệp bằng Word hoặc LibreOffice rồi lưu lại dạng .docx";

/// The paragraphs of a .docx held in `bytes`.
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<Para>, Problem> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(problem(
            format!("tệp .docx quá lớn (hơn {} MB)", MAX_FILE_BYTES >> 20),
            "chép riêng phần văn bản sang một tệp mới",
        ));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(problem(
            "tệp là định dạng Word cũ (.doc) hoặc được đặt mật khẩu, không phải .docx",
            "mở bằng Word, chọn Lưu thành… Word Document (.docx), bỏ mật khẩu nếu có",
        ));
    }
    let mut zip = Package::open(bytes, ".docx", RESAVE)?;
    let Some(xml) = zip.part("word/document.xml", MAX_XML_BYTES)? else {
        return Err(problem(
            "tệp .docx không có phần nội dung word/document.xml",
            RESAVE,
        ));
    };
    let mut part = |name: &str| {
        zip.part(name, MAX_PART_BYTES)
            .map(Option::unwrap_or_default)
    };
    let parts = Parts {
        styles: styles::Styles::parse(&part("word/styles.xml")?),
        numbering: numbering::Numbering::parse(&part("word/numbering.xml")?),
        footnotes: notes::read(&part("word/footnotes.xml")?),
        endnotes: notes::read(&part("word/endnotes.xml")?),
    };
    body::read(&xml, parts)
}

/// The parts the body refers to.
#[derive(Default)]
pub(crate) struct Parts {
    styles: styles::Styles,
    numbering: numbering::Numbering,
    footnotes: notes::Notes,
    endnotes: notes::Notes,
}

/// Reads the body of a `word/document.xml` alone (no styles, numbering
/// or notes).
pub fn read_xml(xml: &[u8]) -> Result<Vec<Para>, Problem> {
    let text = super::source::xml_text(xml.to_vec()).map_err(|_| {
        problem(
            "tệp .docx hỏng: phần nội dung không phải chữ Unicode",
            RESAVE,
        )
    })?;
    body::read(&text, Parts::default())
}

/// A toggle property (`<w:b/>`, `<w:b w:val="0"/>`) is on.
fn on(e: &BytesStart<'_>) -> bool {
    attr(e, "val").is_none_or(|v| !matches!(v.as_str(), "0" | "false" | "none" | "off"))
}

#[cfg(test)]
mod tests;
