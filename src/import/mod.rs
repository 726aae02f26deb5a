//! `ocop import`: a plan or dispatch as an office has it (a .docx typed by
//! hand, or text copied out of a PDF) read back into the YAML a person
//! would write, to edit for next year. A front stage: it produces YAML
//! text, which then goes through load → validate like any file.
//!
//! The readers (`text`; `docx`, `odt`, `word97` for .doc, `pdf`, chosen
//! by the file's content in `source`) read the file into paragraphs
//! (`para`), with `autonumber` for lists numbered by the word processor;
//! `recognise`
//! finds the elements of the form (with `mentions` for units, `sentences`
//! for the sentences that give them work, and `timeline` for deadlines)
//! into `ir`, and `emit` writes the YAML.

pub mod autonumber;
pub mod docx;
pub mod emit;
pub mod ir;
pub mod mentions;
pub mod odt;
pub mod para;
pub mod pdf;
pub mod recognise;
pub mod sentences;
pub mod source;
pub mod tables;
pub mod text;
pub mod timeline;
pub mod word97;

use std::path::Path;

use crate::diag::Diagnostic;

/// Largest text file accepted.
pub const MAX_TEXT_BYTES: u64 = 16 << 20;

/// The YAML of an imported document and what the importer has to say.
#[derive(Debug, Clone)]
pub struct Imported {
    pub yaml: String,
    pub doc: ir::Doc,
    /// Paragraphs read from the file.
    pub paragraphs: usize,
}

impl Imported {
    /// Lines of the summary printed after an import: what was found.
    pub fn found(&self) -> Vec<String> {
        let d = &self.doc;
        let mut out = Vec::new();
        let kind = match d.kind {
            ir::Kind::Plan => "kế hoạch",
            ir::Kind::Dispatch => "công văn",
        };
        out.push(format!(
            "loại văn bản: {kind}; {} đoạn văn đã đọc",
            self.paragraphs
        ));
        if d.issuer.name.is_empty() {
            out.push("cơ quan ban hành: chưa tìm thấy".into());
        } else {
            out.push(format!(
                "cơ quan ban hành: {} {}",
                d.issuer
                    .unit_type
                    .clone()
                    .unwrap_or_else(|| match d.issuer.level {
                        "district" => "huyện".into(),
                        "commune" => "xã".into(),
                        _ => "tỉnh".into(),
                    }),
                d.issuer.name
            ));
        }
        let mut sections = 0;
        let mut tasks = 0;
        fn count(list: &[ir::Section], s: &mut usize, t: &mut usize) {
            for x in list {
                *s += 1;
                if !x.task.is_empty() {
                    *t += 1;
                }
                count(&x.sections, s, t);
            }
        }
        count(&d.sections, &mut sections, &mut tasks);
        out.push(format!(
            "{sections} mục đánh số, {tasks} nhiệm vụ (nội dung/đơn vị/thời gian)"
        ));
        if !d.bases.is_empty() {
            let groups: Vec<String> = d
                .bases
                .iter()
                .map(|b| format!("{} \"{}\"", b.items.len(), b.verb))
                .collect();
            out.push(format!("căn cứ: {}", groups.join(", ")));
        }
        out.push(format!(
            "{} đơn vị được khai báo{}",
            d.units.len(),
            if d.units.iter().any(|u| !u.aliases.is_empty()) {
                " (có đơn vị viết nhiều cách)"
            } else {
                ""
            }
        ));
        out.push(format!("{} dòng Nơi nhận", d.recipients.len()));
        out
    }

    /// What the reader should check: the importer's guesses.
    pub fn checks(&self) -> Vec<String> {
        let mut out: Vec<String> = self.doc.checks.iter().map(|(_, c)| c.clone()).collect();
        fn walk(list: &[ir::Section], out: &mut Vec<String>) {
            for s in list {
                if let Some(c) = &s.check {
                    out.push(format!("mục {}: {c}", s.label));
                }
                walk(&s.sections, out);
            }
        }
        walk(&self.doc.sections, &mut out);
        out
    }
}

/// Imports the document at `path`: .docx, .odt, .doc, PDF or text, told
/// by its content.
pub fn import_file(path: &Path) -> Result<Imported, Diagnostic> {
    let fail = |message: String, hint: &str| Diagnostic::error(message).file(path).hint(hint);
    let cannot = |e: std::io::Error| {
        fail(
            format!("không đọc được tệp: {}", crate::diag::io_reason(&e)),
            "kiểm tra đường dẫn và quyền đọc tệp",
        )
    };
    let meta = std::fs::metadata(path).map_err(|e| {
        fail(
            format!("không mở được tệp: {}", crate::diag::io_reason(&e)),
            "kiểm tra đường dẫn và quyền đọc tệp",
        )
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = source::Format::sniff(&read_head(path).map_err(cannot)?, &name);
    let limit = format.max_bytes();
    if meta.len() > limit {
        return Err(fail(
            format!("tệp quá lớn (hơn {} MB) cho một văn bản", limit >> 20),
            "chép riêng phần văn bản sang một tệp mới",
        ));
    }
    let bytes = std::fs::read(path).map_err(cannot)?;
    if format != source::Format::Text {
        return import_document(format, &bytes, &name)
            .map_err(|e| Diagnostic::error(e.message).file(path).hint(e.hint));
    }
    let Ok(text) = crate::text::decode(&bytes) else {
        // A legacy Vietnamese font encoding saved as 8-bit bytes reads
        // as Windows-1252 text; name it if it is one.
        let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
        if let Some(enc) = crate::text::detect_legacy(&t) {
            return Err(fail(
                format!("văn bản gõ bằng bảng mã cũ {}", enc.name()),
                "chuyển sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã) rồi nhập lại",
            ));
        }
        return Err(fail(
            "tệp văn bản không phải Unicode (UTF-8)".into(),
            "mở bằng Notepad, chọn Lưu thành… với Encoding UTF-8",
        ));
    };
    if let Some(enc) = crate::text::detect_legacy(&text) {
        return Err(fail(
            format!("văn bản gõ bằng bảng mã cũ {}", enc.name()),
            "chuyển sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã) rồi nhập lại",
        ));
    }
    Ok(import_text(&text, &name))
}

/// The first bytes of a file, which tell its format.
fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)?
        .take(1024)
        .read_to_end(&mut head)?;
    Ok(head)
}

/// Imports a document of a word processor's format, or a PDF.
pub fn import_document(
    format: source::Format,
    bytes: &[u8],
    source: &str,
) -> Result<Imported, source::Problem> {
    let paras = match format {
        source::Format::Docx => docx::paragraphs(bytes)?,
        source::Format::Pdf => pdf::paragraphs(bytes)?,
        source::Format::Doc => word97::paragraphs(bytes)?,
        source::Format::Odt => odt::paragraphs(bytes)?,
        source::Format::Text => text::paragraphs(&String::from_utf8_lossy(bytes)),
    };
    Ok(finish(&paras, source))
}

/// Imports plain text.
pub fn import_text(text: &str, source: &str) -> Imported {
    let paras = text::paragraphs(text);
    finish(&paras, source)
}

/// Imports the bytes of a .docx.
pub fn import_docx(bytes: &[u8], source: &str) -> Result<Imported, docx::Problem> {
    let paras = docx::paragraphs(bytes)?;
    Ok(finish(&paras, source))
}

fn finish(paras: &[para::Para], source: &str) -> Imported {
    let (flow, tables) = tables::take(paras);
    let mut doc = recognise::recognise(&flow);
    tables::apply(&mut doc, tables);
    let yaml = emit::emit(&doc, source);
    Imported {
        yaml,
        doc,
        paragraphs: paras.len(),
    }
}
