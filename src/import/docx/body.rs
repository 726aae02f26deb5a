//! The body of `word/document.xml` read as Word shows it: runs with the
//! emphasis their style chain gives; automatic numbering's label; fields'
//! shown result (their codes dropped); footnotes set in parentheses where
//! they stood; text boxes read once (the `mc:Fallback` copy skipped),
//! after the paragraph they are anchored in; hidden text, deletions and
//! the source of moves left out; manual line breaks kept as lines; and
//! each table cell's place (table, row, column).

use quick_xml::events::BytesStart;

use super::styles::Props;
use super::{MAX_DEPTH, MAX_PARAS, Parts, RESAVE, attr, local};
use crate::import::autonumber;
use crate::import::para::{Para, Place, Run, from_runs};
use crate::import::source::{Problem, XmlVisitor, problem, walk_xml};

/// A run being read: its own properties and character style.
#[derive(Default)]
struct OpenRun {
    props: Props,
    style: Option<String>,
    text: String,
}

/// A paragraph being read.
#[derive(Default)]
struct OpenPara {
    runs: Vec<Run>,
    props: Props,
    style: Option<String>,
    /// Its mark was deleted (or moved away): it joins the next paragraph.
    joined: bool,
    notes: Vec<String>,
    /// It sits in a text box.
    boxed: bool,
}

/// A table being read.
struct OpenTable {
    index: usize,
    row: Option<usize>,
    col: usize,
    /// `gridSpan` of the cell being read.
    span: usize,
    /// The widths of its grid columns (`w:gridCol`), in twips.
    grid: Vec<u32>,
}

/// Elements whose content Word does not show (or shows elsewhere).
fn hidden_element(name: &str) -> bool {
    matches!(
        name,
        "del"
            | "moveFrom"
            | "delText"
            | "delInstrText"
            | "instrText"
            | "Fallback"
            | "rPrChange"
            | "pPrChange"
            | "sectPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "numberingChange"
    )
}

/// The state of the walk through the body.
struct Body {
    parts: Parts,
    out: Vec<Para>,
    /// Open paragraphs: a text box's paragraphs open inside their anchor's.
    paras: Vec<OpenPara>,
    /// Text boxes' paragraphs, and whether their anchor stood before any
    /// text of its paragraph (they are emitted before it, else after it).
    boxed: Vec<(Para, bool)>,
    /// For each open text box: anchored before its paragraph's text.
    box_before: Vec<bool>,
    /// Runs of a paragraph whose mark was deleted.
    carried: Vec<Run>,
    run: Option<OpenRun>,
    /// Depth inside elements whose content is not shown.
    skip: usize,
    /// Open fields: `true` once past their code, into their shown result.
    fields: Vec<bool>,
    tables: Vec<OpenTable>,
    table_count: usize,
    text_boxes: usize,
    in_ppr: bool,
    in_rpr: bool,
    in_text: bool,
    in_tcpr: bool,
}

pub(super) fn read(xml: &str, parts: Parts) -> Result<Vec<Para>, Problem> {
    let mut b = Body {
        parts,
        out: Vec::new(),
        paras: Vec::new(),
        boxed: Vec::new(),
        box_before: Vec::new(),
        carried: Vec::new(),
        run: None,
        skip: 0,
        fields: Vec::new(),
        tables: Vec::new(),
        table_count: 0,
        text_boxes: 0,
        in_ppr: false,
        in_rpr: false,
        in_text: false,
        in_tcpr: false,
    };
    walk_xml(xml, ".docx", RESAVE, MAX_DEPTH, &mut b)?;
    Ok(b.out)
}

impl XmlVisitor for Body {
    fn start(&mut self, e: &BytesStart<'_>, _empty: bool) {
        Body::start(self, e);
    }
    fn end(&mut self, name: &str) -> Result<(), Problem> {
        Body::end(self, name)
    }
    fn text(&mut self, text: &str) {
        if self.shows_text() {
            self.push(text);
        }
    }
}

impl Body {
    fn shows_text(&self) -> bool {
        self.in_text && self.skip == 0 && self.fields.iter().all(|&shown| shown)
    }

    fn push(&mut self, text: &str) {
        if let Some(r) = self.run.as_mut()
            && r.text.len() < 1 << 20
        {
            r.text.push_str(text);
        }
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        let qname = e.name();
        let name = local(qname.as_ref());
        if hidden_element(name) {
            // A deleted or moved-away paragraph mark joins the paragraph to the next.
            if self.in_ppr
                && self.in_rpr
                && matches!(name, "del" | "moveFrom")
                && let Some(p) = self.paras.last_mut()
            {
                p.joined = true;
            }
            self.skip += 1;
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            "p" => self.paras.push(OpenPara {
                boxed: self.text_boxes > 0,
                ..OpenPara::default()
            }),
            "pPr" => self.in_ppr = true,
            "rPr" => self.in_rpr = true,
            "r" => self.run = Some(OpenRun::default()),
            "t" => self.in_text = true,
            "tbl" => self.open_table(),
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(t.row.map_or(0, |r| r + 1));
                    t.col = 0;
                }
            }
            "tcPr" => self.in_tcpr = true,
            "gridCol" => {
                if let Some(t) = self.tables.last_mut() {
                    t.grid
                        .push(attr(e, "w").and_then(|v| v.parse().ok()).unwrap_or(0));
                }
            }
            "gridSpan" if self.in_tcpr => {
                if let Some(t) = self.tables.last_mut() {
                    t.span = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                }
            }
            "txbxContent" => {
                self.text_boxes += 1;
                let anchor = self.paras.iter().rev().find(|p| !p.boxed);
                let before = anchor.is_none_or(|p| p.runs.iter().all(|r| r.text.trim().is_empty()));
                self.box_before.push(before);
            }
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(false),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        *f = true;
                    }
                }
                Some("end") => {
                    self.fields.pop();
                }
                _ => {}
            },
            _ => self.property_or_mark(name, e),
        }
    }

    /// A property of the paragraph or run, or a mark inside a run.
    fn property_or_mark(&mut self, name: &str, e: &BytesStart<'_>) {
        if self.in_rpr && !self.in_ppr {
            if let Some(r) = self.run.as_mut() {
                if name == "rStyle" {
                    r.style = attr(e, "val");
                } else {
                    r.props.read(name, e);
                }
            }
            return;
        }
        if self.in_ppr {
            if self.in_rpr {
                return; // the paragraph mark's own run properties
            }
            if let Some(p) = self.paras.last_mut() {
                if name == "pStyle" {
                    p.style = attr(e, "val");
                } else {
                    p.props.read(name, e);
                }
            }
            return;
        }
        if !self.fields.iter().all(|&shown| shown) {
            return;
        }
        match name {
            "br" | "cr" => {
                let page = attr(e, "type").is_some_and(|t| t == "page" || t == "column");
                self.push(if page { " " } else { "\n" });
            }
            "tab" | "ptab" => self.push("\t"),
            "noBreakHyphen" => self.push("-"),
            "softHyphen" => {}
            "sym" => {
                let c = attr(e, "char")
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .and_then(char::from_u32);
                if let Some(c) = c {
                    self.push(&autonumber::bullet_text(&c.to_string()));
                }
            }
            "footnoteReference" | "endnoteReference" => self.note(name, e),
            _ => {}
        }
    }

    /// A note's text set in parentheses where its mark stood.
    fn note(&mut self, name: &str, e: &BytesStart<'_>) {
        let notes = if name == "footnoteReference" {
            &self.parts.footnotes
        } else {
            &self.parts.endnotes
        };
        let Some(text) = attr(e, "id").and_then(|id| notes.get(&id)).cloned() else {
            return;
        };
        if text.is_empty() {
            return;
        }
        self.push(&format!(" ({text})"));
        if let Some(p) = self.paras.last_mut() {
            let what = if name == "footnoteReference" {
                "chú thích cuối trang"
            } else {
                "chú thích cuối văn bản"
            };
            p.notes.push(format!(
                "{what} \"{}\" được đặt trong ngoặc đơn tại chỗ đánh dấu: xem lại câu",
                crate::import::para::squeeze(&text.chars().take(60).collect::<String>())
            ));
        }
    }

    fn open_table(&mut self) {
        let index = if self.tables.is_empty() {
            self.table_count += 1;
            self.table_count - 1
        } else {
            self.tables[0].index
        };
        self.tables.push(OpenTable {
            index,
            row: None,
            col: 0,
            span: 1,
            grid: Vec::new(),
        });
    }

    fn end(&mut self, name: &str) -> Result<(), Problem> {
        if hidden_element(name) {
            self.skip = self.skip.saturating_sub(1);
            return Ok(());
        }
        if self.skip > 0 {
            return Ok(());
        }
        match name {
            "t" => self.in_text = false,
            "pPr" => self.in_ppr = false,
            "rPr" => self.in_rpr = false,
            "tcPr" => self.in_tcpr = false,
            "r" => self.end_run(),
            "p" => self.end_paragraph()?,
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.col += t.span.clamp(1, 64);
                    t.span = 1;
                }
            }
            "tbl" => {
                self.tables.pop();
            }
            "txbxContent" => {
                self.text_boxes = self.text_boxes.saturating_sub(1);
                self.box_before.pop();
            }
            _ => {}
        }
        Ok(())
    }

    fn end_run(&mut self) {
        let Some(r) = self.run.take() else { return };
        let Some(p) = self.paras.last_mut() else {
            return;
        };
        if r.text.is_empty() {
            return;
        }
        let styles = &self.parts.styles;
        let (_, para_run, _) = styles.paragraph(p.style.as_deref());
        let props = r
            .props
            .or(&styles.character(r.style.as_deref()))
            .or(&para_run);
        if let Some(run) = props.look.run(r.text) {
            p.runs.push(run);
        }
    }

    fn end_paragraph(&mut self) -> Result<(), Problem> {
        let Some(mut p) = self.paras.pop() else {
            return Ok(());
        };
        if p.joined {
            self.carried.append(&mut p.runs);
            return Ok(());
        }
        if !self.carried.is_empty() {
            let mut runs = std::mem::take(&mut self.carried);
            runs.append(&mut p.runs);
            p.runs = runs;
        }
        let boxed = p.boxed;
        let para = self.paragraph(p);
        match (para, boxed) {
            (Some(mut para), true) => {
                para.notes.push(
                    "đoạn này nằm trong khung chữ (text box) của tệp Word: xem lại vị trí của nó"
                        .into(),
                );
                let before = self.box_before.last().copied().unwrap_or(false);
                self.boxed.push((para, before));
            }
            (para, false) => {
                let (before, after): (Vec<_>, Vec<_>) = std::mem::take(&mut self.boxed)
                    .into_iter()
                    .partition(|b| b.1);
                self.out.extend(before.into_iter().map(|b| b.0));
                self.out.extend(para);
                self.out.extend(after.into_iter().map(|b| b.0));
            }
            (None, true) => {}
        }
        if self.out.len() > MAX_PARAS {
            return Err(problem(
                "tệp .docx có quá nhiều đoạn văn: tệp bất thường",
                RESAVE,
            ));
        }
        Ok(())
    }

    /// The finished paragraph: its style's properties, numbering label and
    /// place; `None` when it shows no text.
    fn paragraph(&mut self, p: OpenPara) -> Option<Para> {
        let styles = &self.parts.styles;
        let (style, _, named_level) = styles.paragraph(p.style.as_deref());
        let props = p.props.or(&style);
        let label = match props.num_id.as_deref() {
            Some(id) => {
                let level = props.num_level.unwrap_or(0) as usize;
                self.parts.numbering.next_label(id, level, styles)
            }
            None => None,
        };
        let place = match self.tables.first() {
            Some(t) => Place {
                table: Some(t.index),
                col: t.col,
                row: t.row.unwrap_or(0),
                col_width: t.grid.get(t.col).copied().filter(|&w| w > 0),
            },
            None => Place::default(),
        };
        let mut para = from_runs(&p.runs, place)?;
        para.label = label.filter(|l| !autonumber::typed(&para.text(), l));
        para.heading_level = match props.look.outline {
            Some(l) if l < 9 => Some(l + 1),
            Some(_) => None,
            None => named_level,
        };
        para.align = props.look.align;
        para.notes = p.notes;
        Some(para)
    }
}
