//! Word documents (.docx) as offices type them: paragraphs of runs (bold,
//! italic), manual line breaks, and tables (the header and the signature
//! are two-column borderless tables), read from `word/document.xml` with
//! bounds on every size so a hostile file costs little and cannot panic.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::para::{Para, Place, squeeze};

/// Largest .docx accepted.
pub const MAX_FILE_BYTES: u64 = 64 << 20;
/// Largest `word/document.xml` once decompressed.
pub const MAX_XML_BYTES: u64 = 64 << 20;
/// Most zip entries.
const MAX_ENTRIES: usize = 20_000;
/// Deepest element nesting followed (tables in tables in …).
pub const MAX_DEPTH: usize = 256;
/// Most paragraphs.
const MAX_PARAS: usize = 200_000;

/// Why a .docx could not be read, in Vietnamese.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub message: String,
    pub hint: String,
}

fn problem(message: impl Into<String>, hint: impl Into<String>) -> Problem {
    Problem {
        message: message.into(),
        hint: hint.into(),
    }
}

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
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|_| problem("tệp không phải .docx (không đọc được dạng nén zip)", RESAVE))?;
    if zip.len() > MAX_ENTRIES {
        return Err(problem(
            "tệp .docx có quá nhiều phần bên trong: tệp bất thường",
            RESAVE,
        ));
    }
    let entry = zip
        .by_name("word/document.xml")
        .map_err(|_| problem("tệp .docx không có phần nội dung word/document.xml", RESAVE))?;
    let mut xml = Vec::new();
    entry
        .take(MAX_XML_BYTES + 1)
        .read_to_end(&mut xml)
        .map_err(|_| problem("tệp .docx hỏng: phần nội dung không giải nén được", RESAVE))?;
    if xml.len() as u64 > MAX_XML_BYTES {
        return Err(problem(
            format!(
                "phần nội dung của tệp .docx giải nén ra quá lớn (hơn {} MB): tệp bất thường hoặc bị cố ý làm phình",
                MAX_XML_BYTES >> 20
            ),
            RESAVE,
        ));
    }
    read_xml(&xml)
}

/// One run of text with its emphasis.
#[derive(Default)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
}

#[derive(Default)]
struct ParaBuilder {
    /// Emphasis is read from the runs; style-level emphasis is not.
    runs: Vec<Run>,
}

fn on(e: &BytesStart<'_>) -> bool {
    for a in e.attributes().flatten() {
        if a.key.local_name().into_inner() == "val" {
            return !matches!(&*a.value, "0" | "false" | "none" | "off");
        }
    }
    true
}

fn attr_is(e: &BytesStart<'_>, name: &str, value: &str) -> bool {
    e.attributes()
        .flatten()
        .any(|a| a.key.local_name().into_inner() == name && &*a.value == value)
}

/// Reads the body of `word/document.xml`.
#[allow(clippy::too_many_lines)] // issue 20: split by its owner
pub fn read_xml(xml: &[u8]) -> Result<Vec<Para>, Problem> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut tables = 0usize;
    // Top-level table and the column within its row.
    let mut table_depth = 0usize;
    let mut current_table: Option<usize> = None;
    let mut col = 0usize;
    let mut para: Option<ParaBuilder> = None;
    let mut run: Option<Run> = None;
    let mut in_rpr = false;
    let mut in_text = false;
    let mut skip = 0usize; // inside deleted text or field instructions
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            problem(
                format!(
                    "tệp .docx hỏng: nội dung XML sai ở byte {} ({e})",
                    reader.buffer_position()
                ),
                RESAVE,
            )
        })?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(problem(
                        format!(
                            "tệp .docx lồng nhau quá sâu (hơn {MAX_DEPTH} cấp): tệp bất thường"
                        ),
                        RESAVE,
                    ));
                }
                let name = e.local_name();
                match name.into_inner() {
                    "p" => {
                        para = Some(ParaBuilder::default());
                    }
                    "r" => run = Some(Run::default()),
                    "rPr" => in_rpr = true,
                    "b" if in_rpr => set(&mut run, true, on(&e)),
                    "i" if in_rpr => set(&mut run, false, on(&e)),
                    "t" => in_text = true,
                    "del" | "instrText" | "delText" => skip += 1,
                    "tbl" => {
                        table_depth += 1;
                        if table_depth == 1 {
                            current_table = Some(tables);
                            tables += 1;
                        }
                    }
                    "tr" if table_depth == 1 => col = 0,
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let name = e.local_name();
                match name.into_inner() {
                    "b" if in_rpr => set(&mut run, true, on(&e)),
                    "i" if in_rpr => set(&mut run, false, on(&e)),
                    "br" | "cr"
                        if skip == 0
                            && !attr_is(&e, "type", "page")
                            && !attr_is(&e, "type", "column") =>
                    {
                        push_text(&mut run, "\n");
                    }
                    "tab" if skip == 0 => push_text(&mut run, " "),
                    _ => {}
                }
            }
            Event::Text(t) if in_text && skip == 0 => push_text(&mut run, &t.xml10_content()),
            Event::CData(t) if in_text && skip == 0 => push_text(&mut run, &t.xml10_content()),
            Event::GeneralRef(r) if in_text && skip == 0 => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => {
                        let name: &str = &r;
                        match name {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        }
                    }
                };
                if let Some(c) = c {
                    push_text(&mut run, c.encode_utf8(&mut [0; 4]));
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                let name = e.local_name();
                match name.into_inner() {
                    "t" => in_text = false,
                    "rPr" => in_rpr = false,
                    "del" | "instrText" | "delText" => skip = skip.saturating_sub(1),
                    "r" => {
                        if let (Some(r), Some(p)) = (run.take(), para.as_mut())
                            && !r.text.is_empty()
                        {
                            p.runs.push(r);
                        }
                    }
                    "p" => {
                        if let Some(p) = para.take() {
                            let place = Place {
                                table: if table_depth > 0 { current_table } else { None },
                                col,
                                row: 0,
                            };
                            if let Some(p) = finish(p, place) {
                                out.push(p);
                                if out.len() > MAX_PARAS {
                                    return Err(problem(
                                        "tệp .docx có quá nhiều đoạn văn: tệp bất thường",
                                        RESAVE,
                                    ));
                                }
                            }
                        }
                    }
                    "tc" if table_depth == 1 => col += 1,
                    "tbl" => {
                        table_depth = table_depth.saturating_sub(1);
                        if table_depth == 0 {
                            current_table = None;
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn set(run: &mut Option<Run>, bold: bool, value: bool) {
    if let Some(r) = run.as_mut() {
        if bold {
            r.bold = value;
        } else {
            r.italic = value;
        }
    }
}

fn push_text(run: &mut Option<Run>, text: &str) {
    if let Some(r) = run.as_mut()
        && r.text.len() < 1 << 20
    {
        r.text.push_str(text);
    }
}

/// The paragraph of its runs; `None` when it holds no text.
fn finish(p: ParaBuilder, place: Place) -> Option<Para> {
    let full: String = p.runs.iter().map(|r| r.text.as_str()).collect();
    let full = crate::text::normalise(&full.replace('\u{a0}', " "));
    let lines: Vec<String> = full
        .split('\n')
        .map(squeeze)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return None;
    }
    let letters = |r: &Run| r.text.chars().filter(|c| c.is_alphanumeric()).count();
    let total: usize = p.runs.iter().map(letters).sum();
    let bold: usize = p.runs.iter().filter(|r| r.bold).map(letters).sum();
    let italic: usize = p.runs.iter().filter(|r| r.italic).map(letters).sum();
    // Leading bold runs followed by plain ones.
    let mut lead = String::new();
    let mut lead_done = false;
    for r in &p.runs {
        if r.bold && !lead_done {
            lead.push_str(&r.text);
        } else if letters(r) > 0 {
            lead_done = true;
        } else if !lead_done {
            lead.push_str(&r.text);
        }
    }
    let lead = squeeze(&crate::text::normalise(&lead));
    let italic_parts = p
        .runs
        .iter()
        .filter(|r| r.italic)
        .map(|r| squeeze(&r.text))
        .filter(|t| !t.is_empty())
        .collect();
    Some(Para {
        lines,
        bold: total > 0 && bold == total,
        italic: total > 0 && italic == total,
        bold_lead: (bold > 0 && bold < total && !lead.is_empty()).then_some(lead),
        italic_parts,
        place,
        ..Para::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn doc(body: &str) -> Vec<u8> {
        format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
            .into_bytes()
    }

    #[test]
    fn runs_breaks_and_tables() {
        let xml = doc(concat!(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>ỦY BAN NHÂN DÂN</w:t></w:r><w:r><w:br/><w:t>HUYỆN A</w:t></w:r></w:p></w:tc>"#,
            r#"<w:tc><w:p><w:r><w:t>A, ngày 01 tháng 02 năm 2024</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">2. Kinh phí: </w:t></w:r><w:r><w:t>Ngân sách &amp; vốn.</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:rPr><w:b w:val="0"/><w:i/></w:rPr><w:t>ghi chú</w:t></w:r><w:del><w:r><w:delText>xóa</w:delText></w:r></w:del></w:p>"#,
            r#"<w:p></w:p>"#
        ));
        let ps = read_xml(&xml).unwrap();
        assert_eq!(ps.len(), 4);
        assert_eq!(ps[0].lines, ["ỦY BAN NHÂN DÂN", "HUYỆN A"]);
        assert_eq!(
            ps[0].place,
            Place {
                table: Some(0),
                col: 0,
                row: 0
            }
        );
        assert_eq!(
            ps[1].place,
            Place {
                table: Some(0),
                col: 1,
                row: 0
            }
        );
        assert_eq!(ps[2].text(), "2. Kinh phí: Ngân sách & vốn.");
        assert_eq!(ps[2].bold_lead.as_deref(), Some("2. Kinh phí:"));
        assert_eq!(ps[2].place.table, None);
        assert!(ps[3].italic && !ps[3].bold);
        assert_eq!(ps[3].text(), "ghi chú");
    }

    #[test]
    fn hostile_files_are_refused_in_vietnamese() {
        assert!(
            paragraphs(b"not a zip")
                .unwrap_err()
                .message
                .contains("không phải .docx")
        );
        let deep = doc(&"<w:tbl>".repeat(MAX_DEPTH + 5));
        assert!(
            read_xml(&deep)
                .unwrap_err()
                .message
                .contains("lồng nhau quá sâu")
        );
        let broken = doc("<w:p><w:r><w:t>a</w:x></w:p>");
        let _ = read_xml(&broken); // an error or text, never a panic
    }
}
