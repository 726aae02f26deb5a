//! The composed document: everything computed (numbers, dates, labels,
//! punctuation), ready for a template to lay out. Templates receive this
//! as their context and make no decisions about content.

use std::sync::Arc;

use serde::Serialize;

pub use crate::pdf_standard::PdfStandard;
use crate::vn::Date;

/// The kinds of document a YAML file describes. Every stage matches on
/// this, so a new kind is a compile error until each stage handles it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum DocKind {
    /// Kế hoạch
    Plan,
    /// Quyết định
    Decision,
    /// Công văn
    Dispatch,
    /// Giấy chứng nhận sản phẩm OCOP
    Certificate,
    /// Tờ trình
    Submission,
    /// Thông báo kết quả
    Notice,
    /// Quyết định thu hồi
    Revocation,
    /// Công văn nhắc đánh giá lại
    Reminder,
    /// Báo cáo kết quả
    Report,
}

impl DocKind {
    /// How messages name the kind.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Plan => "kế hoạch",
            DocKind::Decision => "quyết định",
            DocKind::Dispatch => "công văn",
            DocKind::Certificate => "giấy chứng nhận",
            DocKind::Submission => "tờ trình",
            DocKind::Notice => "thông báo",
            DocKind::Revocation => "quyết định thu hồi",
            DocKind::Reminder => "công văn nhắc đánh giá lại",
            DocKind::Report => "báo cáo",
        }
    }
}

/// One document to render.
#[derive(Debug, Clone, Hash)]
pub struct Document {
    /// ASCII file stem without extension, e.g. `ke-hoach`.
    pub file_stem: String,
    /// Title for the file's metadata.
    pub meta_title: String,
    /// A stable identifier for the PDF (số ký hiệu or title).
    pub ident: String,
    /// The document's own date: the file's creation date, so runs are reproducible.
    pub timestamp: Date,
    pub content: Content,
    /// On paper or electronically, and under which PDF standard.
    pub issuance: Issuance,
}

/// How a document is issued (NĐ 30 Phụ lục I): printed and signed by
/// hand, or uploaded to the office's document system and signed
/// digitally; and the PDF standard of its file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Issuance {
    /// Number and day left for the document system, the signature block
    /// sized for the signature and seal images, a separately written
    /// appendix's top-right corner kept for the organisation's signature.
    pub electronic: bool,
    #[serde(skip)]
    pub pdf_standard: PdfStandard,
}

#[derive(Debug, Clone, Hash)]
pub enum Content {
    Plan(Administrative),
    Decision(Administrative),
    Dispatch(Administrative),
    Certificate(Certificate),
    Submission(Administrative),
    Notice(Administrative),
    Revocation(Administrative),
    Reminder(Administrative),
    Report(Report),
    /// An appendix written in a file of its own, beside its document.
    Appendix(AppendixFile),
}

/// A report: an administrative document and the chart it shows.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct Report {
    #[serde(flatten)]
    pub document: Administrative,
    /// Products by star, this year against last.
    pub chart: Option<BarChart>,
    /// How many body blocks come before the chart (it stands with the
    /// results it shows).
    pub chart_at: usize,
}

/// A grouped bar chart: one group per category, one bar per series.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct BarChart {
    pub title: String,
    /// The series' names ("Năm 2026", "Năm 2027").
    pub series: Vec<String>,
    pub groups: Vec<ChartGroup>,
    /// The axis's top value, a round number above every bar.
    pub top: u64,
    /// The axis's step between gridlines.
    pub step: u64,
    /// The gridlines' labels from 0 up, printed (1.000).
    pub ticks: Vec<String>,
}

/// One category of a bar chart: its bars' values and how they print.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct ChartGroup {
    pub label: String,
    pub values: Vec<u64>,
    pub shown: Vec<String>,
}

impl Content {
    /// The administrative document, for every kind laid out in NĐ 30 form
    /// (all but the certificate).
    pub fn administrative(&self) -> Option<&Administrative> {
        match self {
            Content::Plan(a)
            | Content::Decision(a)
            | Content::Dispatch(a)
            | Content::Submission(a)
            | Content::Notice(a)
            | Content::Revocation(a)
            | Content::Reminder(a) => Some(a),
            Content::Report(r) => Some(&r.document),
            Content::Certificate(_) | Content::Appendix(_) => None,
        }
    }
}

impl Document {
    pub fn kind(&self) -> DocKind {
        match self.content {
            Content::Plan(_) => DocKind::Plan,
            Content::Decision(_) => DocKind::Decision,
            Content::Dispatch(_) => DocKind::Dispatch,
            Content::Certificate(_) => DocKind::Certificate,
            Content::Submission(_) => DocKind::Submission,
            Content::Notice(_) => DocKind::Notice,
            Content::Revocation(_) => DocKind::Revocation,
            Content::Reminder(_) => DocKind::Reminder,
            Content::Report(_) => DocKind::Report,
            // Listed, kept and replaced with the document it belongs to.
            Content::Appendix(ref a) => a.of,
        }
    }
}

/// The most a document may weigh in [`Administrative::weight`]. Typst lays
/// a document out whole, holding every page (about 25 KB a paragraph), so a
/// cap keeps a run under 500 MB; it is far above any real document: about
/// 330 pages of tasks, or a results decision listing 1,000 products.
pub const MAX_WEIGHT: usize = 12_000;

/// An administrative document in the layout of NĐ 30 (plan, decision,
/// dispatch): header, title, body, signature, appendices.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Administrative {
    pub header: Header,
    /// Tên loại: "KẾ HOẠCH"; empty for a công văn, which has none.
    pub kind_name: String,
    /// Trích yếu (for a công văn, the text after "V/v ").
    pub subject: String,
    /// Kính gửi (dispatches); empty for other kinds.
    pub to: Vec<String>,
    /// Căn cứ and introduction, before the numbered body.
    pub preamble: Vec<Block>,
    pub body: Vec<Block>,
    pub signature: Signature,
    /// Phụ lục after the signature, each with its own page numbers.
    pub appendices: Vec<Appendix>,
}

impl Administrative {
    /// What laying the document out costs, in paragraphs: one for each
    /// block and Nơi nhận line, two for each table cell (measured: a table
    /// row of six cells costs Typst what a dozen paragraphs do), and one
    /// more for every 400 bytes of text (a long paragraph costs like
    /// several short ones).
    pub fn weight(&self) -> usize {
        let blocks = self.preamble.iter().chain(&self.body);
        let rows = self.appendices.iter().flat_map(|a| &a.rows);
        let text: usize = blocks.clone().map(Block::text_len).sum::<usize>()
            + rows.clone().map(Row::text_len).sum::<usize>();
        blocks.count()
            + rows.map(Row::weight).sum::<usize>()
            + self.signature.recipients.len()
            + text / 400
    }
}

/// One OCOP certificate (Giấy chứng nhận sản phẩm OCOP).
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Certificate {
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    pub authority: String,
    pub product: String,
    pub owner: String,
    pub address: String,
    pub group: Option<String>,
    pub stars: u8,
    pub number: Option<String>,
    /// "Quyết định số 1234/QĐ-UBND ngày 25/6/2027 của Chủ tịch UBND tỉnh Lai Châu"
    pub decision: String,
    /// dd/mm/yyyy the certificate expires.
    pub valid_until: String,
    pub place: String,
    pub day: String,
    pub month: String,
    pub year: i32,
    /// Upper-case authority and title lines of the signer.
    pub signer_lines: Vec<String>,
    pub signer_name: String,
    /// The text the QR code carries; the code itself is drawn when the
    /// certificate is rendered, on the worker threads, and handed to the
    /// template as the image file [`QR_IMAGE`].
    #[serde(skip)]
    pub qr_payload: String,
    /// Name of the QR code image, relative to the certificate's markup.
    pub qr: &'static str,
    /// Name of the logo image, relative to the markup, if any.
    pub logo: Option<String>,
    #[serde(skip)]
    pub logo_bytes: Option<Arc<[u8]>>,
}

/// An appendix in a file of its own (NĐ 30 Phụ lục I III.1.d): no header,
/// no signature; signed by the organisation in its top-right corner.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct AppendixFile {
    /// The kind of the document it belongs to.
    #[serde(skip)]
    pub of: DocKind,
    pub appendix: Appendix,
}

/// The name a certificate's QR code image has during its compile.
pub const QR_IMAGE: &str = "qr.png";

/// An appendix (NĐ 30 Mẫu 2.1) holding one table.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Appendix {
    /// "Phụ lục" or "Phụ lục I".
    pub label: String,
    /// Upper-case title.
    pub title: String,
    /// "(Kèm theo Quyết định số …)"
    pub reference: Reference,
    pub landscape: bool,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// The line under an appendix's title that names its document: "(Kèm
/// theo Quyết định số 412/QĐ-UBND ngày 10 tháng 3 năm 2027 của …)".
/// What is not known yet is left blank, as in the document's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Hash)]
pub struct Reference {
    /// "Quyết định"
    pub kind: String,
    pub number: Option<String>,
    /// "QĐ-UBND"
    pub symbol: String,
    pub day: Option<String>,
    pub month: Option<String>,
    pub year: i32,
    /// "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu"
    pub issuer: String,
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let blank = |v: &Option<String>, width: &'static str| v.clone().unwrap_or(width.into());
        write!(
            f,
            "(Kèm theo {} số {}/{} ngày {} tháng {} năm {} của {})",
            self.kind,
            blank(&self.number, "      "),
            self.symbol,
            blank(&self.day, "     "),
            blank(&self.month, "     "),
            self.year,
            self.issuer
        )
    }
}

#[derive(Debug, Clone, Serialize, Hash)]
pub struct Column {
    pub title: String,
    /// Relative width (Typst `fr`).
    pub width: u32,
    /// "left", "center" or "right".
    pub align: &'static str,
}

#[derive(Debug, Clone, Serialize, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Row {
    /// A group title spanning the table: "I. SẢN PHẨM ĐẠT 4 SAO".
    Group {
        title: String,
    },
    Cells {
        cells: Vec<String>,
    },
}

impl Row {
    fn weight(&self) -> usize {
        match self {
            Row::Group { .. } => 1,
            Row::Cells { cells } => 2 * cells.len(),
        }
    }

    fn text_len(&self) -> usize {
        match self {
            Row::Group { title } => title.len(),
            Row::Cells { cells } => cells.iter().map(String::len).sum(),
        }
    }
}

/// The two-column NĐ 30 header.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Header {
    /// Cơ quan chủ quản line(s), regular weight.
    pub parent: Option<String>,
    /// Issuer lines, bold: ["ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU"].
    pub issuer_lines: Vec<String>,
    /// Document number, None in a draft (printed as a blank).
    pub number: Option<String>,
    /// "KH-UBND"
    pub symbol: String,
    pub place: String,
    /// Zero-padded day, None in a draft.
    pub day: Option<String>,
    /// Month with the 01/02 rule, None when left blank.
    pub month: Option<String>,
    pub year: i32,
}

/// A block of body text, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A numbered title on its own line: "I. MỤC ĐÍCH, YÊU CẦU".
    Heading {
        label: String,
        title: String,
        bold: bool,
    },
    /// A centred line: the thẩm quyền line, "QUYẾT ĐỊNH:".
    Centered { text: String, bold: bool },
    /// A paragraph, optionally opened by a marker ("-", "+", "a)", "(1)")
    /// and a lead-in ("Nội dung thực hiện:").
    Para {
        marker: Option<String>,
        lead: Option<String>,
        lead_style: LeadStyle,
        text: String,
        italic: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Hash)]
#[serde(rename_all = "snake_case")]
pub enum LeadStyle {
    Plain,
    Bold,
    Italic,
    /// One word, as templates compare it ("bold_italic" would reach them escaped).
    #[serde(rename = "bolditalic")]
    BoldItalic,
}

impl Block {
    fn text_len(&self) -> usize {
        match self {
            Block::Heading { label, title, .. } => label.len() + title.len(),
            Block::Centered { text, .. } => text.len(),
            Block::Para {
                marker, lead, text, ..
            } => {
                marker.as_ref().map_or(0, String::len)
                    + lead.as_ref().map_or(0, String::len)
                    + text.len()
            }
        }
    }

    pub fn para(text: impl Into<String>) -> Block {
        Block::Para {
            marker: None,
            lead: None,
            lead_style: LeadStyle::Plain,
            text: text.into(),
            italic: false,
        }
    }

    pub fn item(marker: impl Into<String>, lead: Option<String>, text: impl Into<String>) -> Block {
        Block::Para {
            marker: Some(marker.into()),
            lead,
            lead_style: LeadStyle::Plain,
            text: text.into(),
            italic: false,
        }
    }
}

/// The signature row: Nơi nhận on the left, the signer on the right.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Signature {
    /// Recipient lines without the dash, each ending ";" (unless the
    /// author's own punctuation ends it).
    pub recipients: Vec<Recipient>,
    /// The last line, "Lưu: …", verbatim after "Lưu: ".
    pub archive: String,
    /// Upper-case authority and title lines: ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"].
    pub authority: Vec<String>,
    pub name: String,
}

/// A Nơi nhận line, or a group of lines sharing one note.
#[derive(Debug, Clone, PartialEq, Serialize, Hash)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Recipient {
    /// "Bộ Nông nghiệp và PTNT;" or, with a note, `text` "Các chủ thể …",
    /// `note` "giao Phòng … gửi" (in italics, in parentheses) and `end` ";".
    /// Without a note `text` carries its own ending and `end` is empty.
    Line {
        text: String,
        note: Option<String>,
        end: String,
    },
    /// Lines (each with its ending) that a brace joins to one note: "} (báo cáo)".
    Group { lines: Vec<String>, note: String },
}

impl Recipient {
    /// A line as printed after its dash, the note in parentheses.
    pub fn plain(&self) -> String {
        match self {
            Recipient::Line { text, note, end } => match note {
                Some(n) => format!("{text} ({n}){end}"),
                None => text.clone(),
            },
            Recipient::Group { lines, note } => format!("{} ({note})", lines.join(" ")),
        }
    }
}

impl From<&str> for Recipient {
    /// A line as printed, its ending included.
    fn from(text: &str) -> Self {
        Recipient::Line {
            text: text.to_string(),
            note: None,
            end: String::new(),
        }
    }
}
