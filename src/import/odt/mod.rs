//! OpenDocument text (.odt, LibreOffice Writer): `content.xml` read as
//! Writer shows it. Lists are numbered as Writer numbers them (each
//! `text:list` a new count unless it continues one; nested lists are
//! levels; the list style's format, prefix, suffix and displayed levels
//! give the label), headings take their outline level and the outline
//! style's number, emphasis comes down the style chain (`styles`), notes
//! are set in parentheses where they stood, text boxes are read after
//! their paragraph, hidden text and tracked deletions are left out, and
//! table cells keep their places.

mod styles;

use std::collections::HashMap;

use quick_xml::events::BytesStart;

use super::autonumber::{Counters, LEVELS};
use super::look::Look;
use super::para::{Para, Place, Run, from_runs};
use super::source::{Package, Problem, XmlVisitor, attr, local, problem, walk_xml};

const RESAVE: &str = "mở tệp bằng LibreOffice hoặc Word rồi lưu lại dạng .odt hoặc .docx";
const MAX_XML_BYTES: u64 = 64 << 20;
const MAX_DEPTH: usize = 256;
const MAX_PARAS: usize = 200_000;

/// The paragraphs of an .odt held in `bytes`.
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<Para>, Problem> {
    let mut zip = Package::open(bytes, ".odt", RESAVE)?;
    let Some(content) = zip.part("content.xml", MAX_XML_BYTES)? else {
        return Err(problem(
            "tệp .odt không có phần nội dung content.xml",
            RESAVE,
        ));
    };
    let mut s = styles::Styles::default();
    s.read(&zip.part("styles.xml", MAX_XML_BYTES)?.unwrap_or_default());
    s.read(&content);
    read_body(&content, &s)
}

/// A list being read: its style, and whether its current item still
/// waits for its first paragraph (which shows the number).
struct OpenList {
    style: String,
    pending: bool,
    start: Option<u32>,
}

struct OpenPara {
    runs: Vec<Run>,
    props: Look,
    label: Option<String>,
    heading: Option<u8>,
    notes: Vec<String>,
    boxed: bool,
}

struct OpenTable {
    index: usize,
    row: Option<usize>,
    col: usize,
    /// Its columns' widths (`table:table-column`), 0 where unknown.
    grid: Vec<u32>,
}

/// Elements whose content is not shown where it stands.
fn unshown(name: &str) -> bool {
    matches!(
        name,
        "tracked-changes"
            | "note-citation"
            | "annotation"
            | "hidden-text"
            | "hidden-paragraph"
            | "sequence-decls"
            | "forms"
            | "automatic-styles"
            | "font-face-decls"
    )
}

struct Body<'s> {
    styles: &'s styles::Styles,
    out: Vec<Para>,
    paras: Vec<OpenPara>,
    /// Text boxes' paragraphs, and whether their anchor stood before any
    /// text of its paragraph (they are emitted before it, else after it).
    boxed: Vec<(Para, bool)>,
    box_before: Vec<bool>,
    spans: Vec<Option<String>>,
    lists: Vec<OpenList>,
    /// Counters of each list style's latest list, and of the outline.
    counters: HashMap<String, Counters>,
    tables: Vec<OpenTable>,
    table_count: usize,
    skip: usize,
    text_boxes: usize,
    /// Inside a note's body: its text.
    note: Option<String>,
}

fn read_body(xml: &str, styles: &styles::Styles) -> Result<Vec<Para>, Problem> {
    let mut b = Body {
        styles,
        out: Vec::new(),
        paras: Vec::new(),
        boxed: Vec::new(),
        box_before: Vec::new(),
        spans: Vec::new(),
        lists: Vec::new(),
        counters: HashMap::new(),
        tables: Vec::new(),
        table_count: 0,
        skip: 0,
        text_boxes: 0,
        note: None,
    };
    walk_xml(xml, ".odt", RESAVE, MAX_DEPTH, &mut b)?;
    Ok(b.out)
}

impl XmlVisitor for Body<'_> {
    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        Body::start(self, e, empty);
    }
    fn end(&mut self, name: &str) -> Result<(), Problem> {
        Body::end(self, name);
        if self.out.len() > MAX_PARAS {
            return Err(problem(
                "tệp .odt có quá nhiều đoạn văn: tệp bất thường",
                RESAVE,
            ));
        }
        Ok(())
    }
    fn text(&mut self, text: &str) {
        if self.skip == 0 {
            self.push(text);
        }
    }
}

impl Body<'_> {
    fn push(&mut self, text: &str) {
        // The soft hyphen shows nothing; the non-breaking one is a hyphen.
        let text = text.replace('\u{ad}', "").replace('\u{2011}', "-");
        if let Some(note) = self.note.as_mut() {
            if note.len() < 4000 {
                note.push_str(&text);
            }
            return;
        }
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        let span = self.spans.iter().rev().find_map(|s| s.as_deref());
        let props = self.styles.props(span).or(&p.props);
        let Some(run) = props.run(text) else {
            return;
        };
        match p.runs.last_mut() {
            Some(r) if r.bold == run.bold && r.italic == run.italic && r.size == run.size => {
                if r.text.len() < 1 << 20 {
                    r.text.push_str(&run.text);
                }
            }
            _ => p.runs.push(run),
        }
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let qname = e.name();
        let name = local(qname.as_ref());
        if unshown(name) {
            self.skip += 1;
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            "p" | "h" if self.note.is_none() => self.open_paragraph(e, name == "h"),
            "p" if self.note.is_some() => self.push(" "),
            "span" | "a" => self.spans.push(attr(e, "style-name")),
            "s" => {
                let n = attr(e, "c")
                    .and_then(|c| c.parse::<usize>().ok())
                    .unwrap_or(1);
                self.push(&" ".repeat(n.min(100)));
            }
            "tab" => self.push(" "),
            "line-break" => self.push("\n"),
            "list" => self.open_list(e),
            "list-item" | "list-header" => {
                if let Some(l) = self.lists.last_mut() {
                    l.pending = name == "list-item";
                    l.start = attr(e, "start-value").and_then(|v| v.parse().ok());
                }
            }
            "note-body" => self.note = Some(String::new()),
            "text-box" => {
                self.text_boxes += 1;
                let anchor = self.paras.iter().rev().find(|p| !p.boxed);
                let before = anchor.is_none_or(|p| p.runs.iter().all(|r| r.text.trim().is_empty()));
                self.box_before.push(before);
            }
            "table" if !empty => self.open_table(),
            "table-column" => {
                let width = attr(e, "style-name").and_then(|n| self.styles.column_width(&n));
                let repeated = attr(e, "number-columns-repeated").and_then(|n| n.parse().ok());
                if let Some(t) = self.tables.last_mut() {
                    let n = repeated.unwrap_or(1usize).min(1024);
                    t.grid.extend(std::iter::repeat_n(width.unwrap_or(0), n));
                }
            }
            "table-row" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(t.row.map_or(0, |r| r + 1));
                    t.col = 0;
                }
            }
            _ => {}
        }
    }

    fn open_paragraph(&mut self, e: &BytesStart<'_>, heading: bool) {
        let style = attr(e, "style-name");
        let props = self.styles.props(style.as_deref());
        let mut label = None;
        let level = heading
            .then(|| attr(e, "outline-level").and_then(|l| l.parse::<u8>().ok()))
            .flatten()
            .or(props.outline.filter(|_| heading));
        if let Some(l) = level
            && attr(e, "is-list-header").is_none_or(|v| v != "true")
        {
            label = self.outline_label(l as usize);
        }
        if let Some(list) = self.lists.last()
            && list.pending
        {
            label = self.list_label();
        }
        self.paras.push(OpenPara {
            runs: Vec::new(),
            props,
            label,
            heading: level.filter(|l| (1..=10).contains(l)),
            notes: Vec::new(),
            boxed: self.text_boxes > 0,
        });
    }

    fn open_list(&mut self, e: &BytesStart<'_>) {
        // An item holding a list before any paragraph shows no number.
        if let Some(l) = self.lists.last_mut() {
            l.pending = false;
        }
        let style = attr(e, "style-name")
            .or_else(|| self.lists.last().map(|l| l.style.clone()))
            .unwrap_or_default();
        if self.lists.is_empty() {
            let goes_on = attr(e, "continue-numbering").is_some_and(|v| v == "true")
                || attr(e, "continue-list").is_some();
            if !goes_on {
                self.counters.insert(style.clone(), Counters::default());
            }
        }
        self.lists.push(OpenList {
            style,
            pending: false,
            start: None,
        });
    }

    /// The number of the current list item's first paragraph.
    fn list_label(&mut self) -> Option<String> {
        let depth = self.lists.len().min(LEVELS);
        let top = self.lists.first()?.style.clone();
        let list = self.lists.last_mut()?;
        list.pending = false;
        let item_start = list.start.take();
        let style = list.style.clone();
        let level = self.styles.lists.get(&style)?.get(depth - 1)?.clone();
        let counters = self.counters.entry(top).or_default();
        if let Some(v) = item_start {
            counters.reset(depth - 1);
            counters.advance(depth - 1, v, |_| true);
        } else {
            counters.advance(depth - 1, level.start, |_| true);
        }
        let numbers: Vec<u32> = (0..depth).map(|l| counters.value(l, 1)).collect();
        level.label(&numbers)
    }

    fn outline_label(&mut self, level: usize) -> Option<String> {
        if level == 0 || level > LEVELS {
            return None;
        }
        let style = self.styles.outline.get(level - 1)?.clone();
        let counters = self.counters.entry("\u{0}outline".into()).or_default();
        counters.advance(level - 1, style.start, |_| true);
        let numbers: Vec<u32> = (0..level).map(|l| counters.value(l, 1)).collect();
        style.label(&numbers)
    }

    fn open_table(&mut self) {
        let index = match self.tables.first() {
            Some(t) => t.index,
            None => {
                self.table_count += 1;
                self.table_count - 1
            }
        };
        self.tables.push(OpenTable {
            index,
            row: None,
            col: 0,
            grid: Vec::new(),
        });
    }

    fn end(&mut self, name: &str) {
        if unshown(name) {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            "p" | "h" if self.note.is_none() => self.close_paragraph(),
            "span" | "a" => {
                self.spans.pop();
            }
            "list" => {
                self.lists.pop();
            }
            "note-body" => self.close_note(),
            "text-box" => {
                self.text_boxes = self.text_boxes.saturating_sub(1);
                self.box_before.pop();
            }
            "table" => {
                self.tables.pop();
            }
            // A spanning cell is followed by a covered cell for each column it spans.
            "table-cell" | "covered-table-cell" => {
                if let Some(t) = self.tables.last_mut() {
                    t.col += 1;
                }
            }
            _ => {}
        }
    }

    fn close_note(&mut self) {
        let Some(text) = self.note.take() else { return };
        let text = super::para::squeeze(&text);
        if text.is_empty() {
            return;
        }
        self.push(&format!(" ({text})"));
        if let Some(p) = self.paras.last_mut() {
            let short: String = text.chars().take(60).collect();
            p.notes.push(format!(
                "chú thích \"{short}\" được đặt trong ngoặc đơn tại chỗ đánh dấu: xem lại câu"
            ));
        }
    }

    fn close_paragraph(&mut self) {
        let Some(p) = self.paras.pop() else { return };
        let place = match self.tables.first() {
            Some(t) => Place {
                table: Some(t.index),
                col: t.col,
                row: t.row.unwrap_or(0),
                col_width: t.grid.get(t.col).copied().filter(|&w| w > 0),
            },
            None => Place::default(),
        };
        let Some(mut para) = from_runs(&p.runs, place) else {
            return;
        };
        para.label = p
            .label
            .filter(|l| !super::autonumber::typed(&para.text(), l));
        para.heading_level = p.heading;
        para.align = p.props.align;
        para.notes = p.notes;
        if p.boxed {
            para.notes.push(
                "đoạn này nằm trong khung chữ (text box) của tệp .odt: xem lại vị trí của nó"
                    .into(),
            );
            let before = self.box_before.last().copied().unwrap_or(false);
            self.boxed.push((para, before));
        } else {
            let (before, after): (Vec<_>, Vec<_>) = std::mem::take(&mut self.boxed)
                .into_iter()
                .partition(|b| b.1);
            self.out.extend(before.into_iter().map(|b| b.0));
            self.out.push(para);
            self.out.extend(after.into_iter().map(|b| b.0));
        }
    }
}

#[cfg(test)]
mod tests;
