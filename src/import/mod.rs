//! `ocop import`: a plan, decision or dispatch as an office has it (a .docx
//! typed by hand, or text copied out of a PDF) read back into the YAML a
//! person would write, to edit for next year. A front stage: it produces
//! YAML text, which then goes through load → validate like any file.
//!
//! The readers (`text`; `docx`, `odt`, `word97` for .doc, `pdf`, chosen
//! by the file's content in `source`) read the file into paragraphs
//! (`para`), with `autonumber` for lists numbered by the word processor;
//! `recognise` finds the elements of the form, region by region, into the
//! project's own model (`model::PlanFile`), with `mentions` for units,
//! `sentences` for the sentences that give them work and `timeline` for
//! deadlines; what it guessed are `notes`, keyed by field path; `emit`
//! writes the YAML from the model.

pub mod autonumber;
mod cell_lines;
mod cleaned;
mod copied;
pub mod docx;
pub mod emit;
mod laid_out;
pub mod look;
pub mod mentions;
pub mod notes;
pub mod odt;
pub mod para;
pub mod pdf;
pub mod recognise;
pub mod sentences;
pub mod source;
mod table_text;
pub mod text;
pub mod timeline;
pub mod word97;

use std::io::Read;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::model::{Plan, PlanFile, Recipient, Section};
pub use recognise::{Kind, Recognised};

/// Largest text file accepted.
pub const MAX_TEXT_BYTES: u64 = 16 << 20;

/// The YAML of an imported document and what the importer has to say.
#[derive(Debug, Clone)]
pub struct Imported {
    pub yaml: String,
    pub recognised: Recognised,
    /// Paragraphs read from the file.
    pub paragraphs: usize,
}

impl Imported {
    /// The model the YAML writes.
    pub fn file(&self) -> &PlanFile {
        &self.recognised.file
    }

    /// Lines of the summary printed after an import: what was found.
    pub fn found(&self) -> Vec<String> {
        let f = &self.recognised.file;
        let kind = match self.recognised.kind {
            Kind::Plan => "kế hoạch",
            Kind::Dispatch => "công văn",
            Kind::Decision => "quyết định",
        };
        let mut out = vec![format!(
            "loại văn bản: {kind}; {} đoạn văn đã đọc",
            self.paragraphs
        )];
        if f.issuer.name.is_empty() {
            out.push("cơ quan ban hành: chưa tìm thấy".into());
        } else {
            out.push(format!("cơ quan ban hành: {}", f.issuer.locality()));
        }
        let (sections, recipients) = match (&f.plan, f.dispatches.first(), f.decisions.first()) {
            (Some(p), _, _) => (p.sections.as_slice(), p.recipients.as_slice()),
            (_, Some(d), _) => (d.sections.as_slice(), d.recipients.as_slice()),
            (_, _, Some(d)) => {
                out.push(decision_summary(d));
                (&[][..], d.recipients.as_slice())
            }
            _ => (&[][..], &[][..]),
        };
        if self.recognised.kind != Kind::Decision {
            let (s, t) = count(sections);
            out.push(format!(
                "{s} mục đánh số, {t} nhiệm vụ (nội dung/đơn vị/thời gian)"
            ));
        }
        if let Some(b) = f.plan.as_ref().and_then(|p: &Plan| p.bases.as_ref()) {
            let groups: Vec<String> = b
                .groups
                .iter()
                .map(|g| format!("{} \"{}\"", g.items.len(), g.verb))
                .collect();
            out.push(format!("căn cứ: {}", groups.join(", ")));
        }
        out.push(format!(
            "{} đơn vị được khai báo{}",
            f.units.len(),
            if f.units.values().any(|u| !u.aliases.is_empty()) {
                " (có đơn vị viết nhiều cách)"
            } else {
                ""
            }
        ));
        let lines: usize = recipients
            .iter()
            .map(|r| match r {
                Recipient::Fields(f) => f.group.as_ref().map_or(1, Vec::len),
                Recipient::Text(_) => 1,
            })
            .sum();
        out.push(format!("{lines} dòng Nơi nhận"));
        out
    }

    /// What the reader should check: the importer's guesses, each with
    /// the place a reader of the document finds it ("mục II.1").
    pub fn checks(&self) -> Vec<String> {
        let numbers = crate::numbering::outline(&self.recognised.file);
        self.recognised
            .notes
            .iter()
            .map(|n| match numbers.iter().find(|(p, _)| *p == n.path) {
                Some((_, number)) => format!("mục {number}: {}", n.text),
                None => n.text.clone(),
            })
            .collect()
    }
}

fn decision_summary(d: &crate::model::Decision) -> String {
    match d.kind {
        crate::model::DecisionKind::Council => format!(
            "Hội đồng {} thành viên{}",
            d.members.len(),
            d.advisory_team
                .as_ref()
                .map(|t| format!(", tổ giúp việc {} thành viên", t.members.len()))
                .unwrap_or_default()
        ),
        crate::model::DecisionKind::Results => {
            format!("{} sản phẩm được công nhận", d.products.len())
        }
    }
}

/// Numbered sections and tasks under `list`.
fn count(list: &[Section]) -> (usize, usize) {
    list.iter().fold((0, 0), |(s, t), x| {
        let (cs, ct) = count(&x.sections);
        (s + 1 + cs, t + usize::from(!x.task.is_empty()) + ct)
    })
}

/// Imports the document at `path`: .docx, .odt, .doc, PDF or text, told
/// by its content. Only a regular file is read, and only after its size
/// is known to be within bounds.
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
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "một thư mục"
        } else {
            "một ống dẫn, thiết bị hay tệp đặc biệt"
        };
        return Err(fail(
            format!("đây là {what}, không phải tệp văn bản"),
            "ghi đường dẫn đến tệp .docx hoặc .txt cần nhập",
        ));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let format = source::Format::sniff(&read_head(path).map_err(cannot)?, &name);
    let limit = format.max_bytes();
    let too_big = || {
        fail(
            format!("tệp quá lớn (hơn {} MB) cho một văn bản", limit >> 20),
            "chép riêng phần văn bản sang một tệp mới",
        )
    };
    if meta.len() > limit {
        return Err(too_big());
    }
    // Bounded again while reading: the file may grow in between.
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    if format != source::Format::Text {
        return import_document(format, &bytes, &name)
            .map_err(|e| Diagnostic::error(e.message).file(path).hint(e.hint));
    }
    let text = decode_text(&bytes).map_err(|(m, h)| fail(m, h))?;
    Ok(import_text(&text, &name))
}

/// The bytes of a text file as Unicode, or why not (message, hint).
fn decode_text(bytes: &[u8]) -> Result<String, (String, &'static str)> {
    const CONVERT: &str = "chuyển sang Unicode (ví dụ bằng Unikey: Công cụ chuyển mã) rồi nhập lại";
    let Ok(text) = crate::text::decode(bytes) else {
        // A legacy Vietnamese font encoding saved as 8-bit bytes reads
        // as Windows-1252 text; name it if it is one.
        let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        if let Some(enc) = crate::text::detect_legacy(&t) {
            return Err((
                format!("văn bản gõ bằng bảng mã cũ {}", enc.name()),
                CONVERT,
            ));
        }
        return Err((
            "tệp văn bản không phải Unicode (UTF-8)".into(),
            "mở bằng Notepad, chọn Lưu thành… với Encoding UTF-8",
        ));
    };
    if let Some(enc) = crate::text::detect_legacy(&text) {
        return Err((
            format!("văn bản gõ bằng bảng mã cũ {}", enc.name()),
            CONVERT,
        ));
    }
    Ok(text)
}

/// The first bytes of a file, which tell its format.
fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
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
    let recognised = recognise::recognise(paras);
    let yaml = emit::emit(&recognised, source);
    Imported {
        yaml,
        recognised,
        paragraphs: paras.len(),
    }
}
