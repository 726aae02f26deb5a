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

    /// The same, to change it.
    pub fn administrative_mut(&mut self) -> Option<&mut Administrative> {
        match self {
            Content::Plan(a)
            | Content::Decision(a)
            | Content::Dispatch(a)
            | Content::Submission(a)
            | Content::Notice(a)
            | Content::Revocation(a)
            | Content::Reminder(a) => Some(a),
            Content::Report(r) => Some(&mut r.document),
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
        let blocks = self
            .preamble
            .iter()
            .chain(&self.body)
            .chain(self.appendices.iter().flat_map(|a| &a.body));
        let text: usize = blocks.clone().map(Block::text_len).sum();
        blocks.map(Block::weight).sum::<usize>() + self.signature.recipients.len() + text / 400
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

/// An appendix (NĐ 30 Mẫu 2.1): its heading block, then text and tables,
/// on pages of its own numbered from 1.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct Appendix {
    /// "Phụ lục" or "Phụ lục I".
    pub label: String,
    /// Upper-case title.
    pub title: String,
    /// "(Kèm theo Quyết định số …)"
    pub reference: Reference,
    pub landscape: bool,
    pub body: Vec<Block>,
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

/// A table as every writer lays it out: columns, header rows repeated on
/// every page, body rows; each cell with its spans. Text is set at `size`
/// points (13 in the body, 12 in an appendix).
#[derive(Debug, Clone, PartialEq, Serialize, Hash)]
pub struct Table {
    /// Caption above the table, bold and centred.
    pub title: Option<String>,
    /// "Đơn vị tính: …", in italics at the right above the table.
    pub unit: Option<String>,
    pub columns: Vec<Column>,
    pub header: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    pub size: u8,
}

#[derive(Debug, Clone, PartialEq, Serialize, Hash)]
pub struct Column {
    /// Relative width (Typst `fr`).
    pub width: u32,
    /// "left", "center" or "right".
    pub align: &'static str,
}

/// A cell of a table: its text, the columns and rows it spans, an
/// alignment of its own (else the column's; header cells are centred).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub text: String,
    pub cols: u32,
    pub rows: u32,
    pub align: Option<&'static str>,
    pub bold: bool,
    /// Set when the cell holds a word that may be wider than its column:
    /// the share of the text block's width the cell spans, so the layout
    /// measures that word and breaks it if it is (see [`Table::mark_long_words`]).
    pub long_word: Option<f64>,
    /// Set on every cell of a row too tall to keep on one page: the row
    /// may break across pages. Other rows never do (see [`Table::fit`]).
    pub split: bool,
}

// By hand: `long_word` is a float, hashed by its bits (a run tells a
// document it has already written by its hash).
impl std::hash::Hash for Cell {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
        self.cols.hash(state);
        self.rows.hash(state);
        self.align.hash(state);
        self.bold.hash(state);
        self.long_word.map(f64::to_bits).hash(state);
        self.split.hash(state);
    }
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            cols: 1,
            rows: 1,
            align: None,
            bold: false,
            long_word: None,
            split: false,
        }
    }

    pub fn bold(self) -> Cell {
        Cell { bold: true, ..self }
    }

    /// Whether the cell is text alone, as most are (templates write those short).
    pub fn is_plain(&self) -> bool {
        self.cols == 1
            && self.rows == 1
            && self.align.is_none()
            && !self.bold
            && self.long_word.is_none()
            && !self.split
    }
}

impl Table {
    /// A table whose header is one row of column titles: (title, width, align).
    pub fn titled(columns: &[(&str, u32, &'static str)], size: u8) -> Table {
        Table {
            title: None,
            unit: None,
            columns: columns
                .iter()
                .map(|&(_, width, align)| Column { width, align })
                .collect(),
            header: vec![columns.iter().map(|(t, ..)| Cell::new(*t)).collect()],
            rows: Vec::new(),
            size,
        }
    }

    /// A row of plain cells.
    pub fn push_row(&mut self, cells: Vec<String>) {
        self.rows.push(cells.into_iter().map(Cell::new).collect());
    }

    /// A group title spanning the table, in bold: "I. SẢN PHẨM ĐẠT 4 SAO".
    pub fn push_group(&mut self, title: impl Into<String>) {
        self.rows.push(vec![Cell {
            cols: self.columns.len().max(1) as u32,
            align: Some("left"),
            ..Cell::new(title).bold()
        }]);
    }

    /// Fits the table to a text block `width_mm` wide: marks every cell
    /// holding a word (a run without spaces) that may be wider than the
    /// cell — one with more letters than fit if each were as narrow as the
    /// narrowest glyph — and every row that may be too tall to keep on one
    /// page. The layout measures only those words, and breaks only those
    /// rows, so a long table costs nothing extra.
    pub fn fit(&mut self, width_mm: f64) {
        /// The narrowest glyph of a serif font (an apostrophe), and a wide
        /// average one, in em.
        const NARROWEST_EM: f64 = 0.18;
        const WIDE_EM: f64 = 0.55;
        /// The cell's padding on both sides, in points (nd30.typ's inset).
        const PADDING_PT: f64 = 8.0;
        /// A row taller than this may break across pages: a third of a
        /// landscape page, so an unbreakable row always fits one.
        const KEEP_ROW_PT: f64 = 170.0;
        let total: f64 = self.columns.iter().map(|c| f64::from(c.width)).sum();
        if total <= 0.0 {
            return;
        }
        let n = self.columns.len();
        let widths: Vec<f64> = self.columns.iter().map(|c| f64::from(c.width)).collect();
        let size = f64::from(self.size);
        for rows in [&mut self.header, &mut self.rows] {
            let placed = place(rows, n);
            for (row, starts) in rows.iter_mut().zip(&placed.starts) {
                let mut tallest: f64 = 0.0;
                for (cell, &col) in row.iter_mut().zip(starts) {
                    let end = (col + cell.cols.max(1) as usize).min(n);
                    let share = widths[col..end].iter().sum::<f64>() / total;
                    let inner_pt = (width_mm * 72.0 / 25.4 * share - PADDING_PT).max(1.0);
                    let fits = (inner_pt / (size * NARROWEST_EM)).floor().max(1.0) as usize;
                    let longest = cell
                        .text
                        .split_whitespace()
                        .map(|w| w.chars().count())
                        .max()
                        .unwrap_or(0);
                    cell.long_word = (longest >= fits).then_some(share);
                    let per_line = (inner_pt / (size * WIDE_EM)).max(1.0);
                    let lines: f64 = cell
                        .text
                        .split('\n')
                        .map(|l| (l.chars().count() as f64 / per_line).ceil().max(1.0))
                        .sum();
                    tallest = tallest.max(lines * size * 1.2 / f64::from(cell.rows.max(1)));
                }
                let split = tallest > KEEP_ROW_PT;
                for cell in row.iter_mut() {
                    cell.split = split;
                }
            }
        }
    }

    fn cells(&self) -> impl Iterator<Item = &Cell> + Clone {
        self.header.iter().chain(&self.rows).flatten()
    }

    fn text_len(&self) -> usize {
        let own =
            self.title.as_ref().map_or(0, String::len) + self.unit.as_ref().map_or(0, String::len);
        own + self.cells().map(|c| c.text.len()).sum::<usize>()
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
    /// A table.
    Table(Table),
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
    /// Its cost in [`Administrative::weight`]: one, or two for each table cell.
    fn weight(&self) -> usize {
        match self {
            Block::Table(t) => 1 + 2 * t.cells().count(),
            _ => 1,
        }
    }

    fn text_len(&self) -> usize {
        match self {
            Block::Table(t) => t.text_len(),
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

/// Where the cells of some table rows land on a grid of columns, spans
/// taken into account as Typst and Word place them: each cell in the first
/// column of its row that no cell above covers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placement {
    /// The column each cell starts in, row by row.
    pub starts: Vec<Vec<usize>>,
    /// For each column, the rows still covered below the last row, and
    /// the cell covering them (row, cell).
    pub spill: Vec<Option<(u32, usize, usize)>>,
    pub problems: Vec<PlaceProblem>,
}

/// A row that does not fit its grid; `row` and `cell` index the rows given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceProblem {
    /// The row has more cells than free columns.
    TooMany { row: usize, cell: usize },
    /// The cell spans past the last column (it starts at `col`).
    PastEdge { row: usize, cell: usize, col: usize },
    /// The cell spans columns a cell above already covers.
    Overlap { row: usize, cell: usize },
    /// The row leaves `missing` columns empty.
    TooFew { row: usize, missing: usize },
}

/// Places `rows` on a grid `columns` wide. Problem cells are placed as
/// far as they fit, so the rest of the table can still be checked.
pub fn place(rows: &[Vec<Cell>], columns: usize) -> Placement {
    let mut out = Placement::default();
    // Rows each column is still covered for by a cell above, and by whom.
    let mut covered: Vec<Option<(u32, usize, usize)>> = vec![None; columns];
    for (r, row) in rows.iter().enumerate() {
        let mut starts = Vec::with_capacity(row.len());
        let mut col = 0;
        for (c, cell) in row.iter().enumerate() {
            while col < columns && covered[col].is_some() {
                col += 1;
            }
            if col >= columns {
                out.problems.push(PlaceProblem::TooMany { row: r, cell: c });
                break;
            }
            let want = cell.cols.max(1) as usize;
            let mut span = want.min(columns - col);
            if span < want {
                out.problems.push(PlaceProblem::PastEdge {
                    row: r,
                    cell: c,
                    col,
                });
            }
            if let Some(blocked) = (col..col + span).position(|k| covered[k].is_some()) {
                out.problems.push(PlaceProblem::Overlap { row: r, cell: c });
                span = blocked;
            }
            starts.push(col);
            if cell.rows > 1 {
                for slot in &mut covered[col..col + span] {
                    *slot = Some((cell.rows - 1, r, c));
                }
            }
            col += span.max(1);
        }
        let missing = (col.min(columns)..columns)
            .filter(|&k| covered[k].is_none())
            .count();
        if missing > 0 && !row.is_empty() {
            out.problems.push(PlaceProblem::TooFew { row: r, missing });
        }
        // Cells from rows above have now covered this row too; those
        // placed in it cover the rows below.
        for slot in &mut covered {
            if let Some((left, owner, _)) = slot
                && *owner < r
            {
                *left -= 1;
                if *left == 0 {
                    *slot = None;
                }
            }
        }
        out.starts.push(starts);
    }
    out.spill = covered;
    out
}
