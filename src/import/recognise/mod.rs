//! From paragraphs to the project's own model (`model::PlanFile`), region
//! by region of an NĐ 30 document: the header (`header`), tên loại and
//! trích yếu (`front`), căn cứ and the intro (`bases`), the numbered body
//! (`labels`, `outline`) with its tasks (`tasks`), Nơi nhận
//! (`recipients`) and the signer (`signer`), and a decision's articles and
//! appendix (`decision`). The rules follow the form of the document, not
//! any one file: a missing or malformed cue costs at most that element,
//! what does not fit the form stays a paragraph where it stood, and every
//! guess is a note keyed by the field path it concerns.

mod appendix;
mod bases;
mod decision;
mod front;
mod gaps;
mod header;
pub mod labels;
mod outline;
mod recipients;
mod signer;
mod tables;
mod tasks;

/// What a table's cell holds, for the readers of tables in text.
pub use tables::{is_number, is_total};

use crate::model::{
    Bases, BasesList, Block, DocDate, DocNumber, Plan, PlanFile, PlanStyle, Section,
};
use crate::units::Units;

use super::notes::Notes;
use super::para::Para;
pub use front::Kind;
use header::{DateParts, Header};
use labels::{Label, item_label};
use outline::{Builder, Piece};

/// A document recognised: the model and what to check in it.
#[derive(Debug, Clone)]
pub struct Recognised {
    pub file: PlanFile,
    pub kind: Kind,
    pub notes: Notes,
}

/// Recognises a document. Nothing is dropped: what is not placed becomes a
/// paragraph of the body where it stood.
pub fn recognise(paras: &[Para]) -> Recognised {
    let paras = shown(paras);
    let styled = paras
        .iter()
        .any(|p| p.bold || p.italic || p.bold_lead.is_some() || !p.italic_parts.is_empty());
    let f = front::front(&paras);
    if f.kind == Kind::Decision {
        return decision::recognise(&paras, f, styled);
    }
    // A plan's tables are its data (tasks, funding) or blocks of their
    // own: read apart from the flow, mapped once the plan is recognised.
    let (flow, lifted) = tables::lift(&paras);
    if lifted.is_empty() {
        return plan_or_dispatch(&paras, f, styled);
    }
    let f = front::front(&flow);
    let mut r = plan_or_dispatch(&flow, f, styled);
    tables::apply(&mut r.file, &mut r.notes, lifted);
    r
}

/// The paragraphs as a reader of the page sees them: the label automatic
/// numbering displays stands before the text, and a line break
/// (Shift+Enter) before a list mark or a number starts a paragraph.
fn shown(paras: &[Para]) -> Vec<Para> {
    paras
        .iter()
        .filter(|p| !p.lines.is_empty())
        .flat_map(|p| {
            let mut p = p.clone();
            if let Some(label) = &p.label {
                p.lines[0] = labels::with_label(label, &p.lines[0]);
            }
            split_at_items(p)
        })
        .collect()
}

/// A paragraph parted at its lines that open with a label ("- …", "2.
/// …"): items typed after a line break. A table's cell keeps its lines
/// (its lines may be the page's).
fn split_at_items(p: Para) -> Vec<Para> {
    let mut starts: Vec<usize> = vec![0];
    if p.place.table.is_none() {
        starts.extend((1..p.lines.len()).filter(|&i| item_label(&p.lines[i]).is_some()));
    }
    if starts.len() == 1 {
        return vec![p];
    }
    starts.push(p.lines.len());
    starts
        .windows(2)
        .enumerate()
        .map(|(k, w)| {
            let lines = p.lines[w[0]..w[1]].to_vec();
            if k == 0 {
                return Para { lines, ..p.clone() };
            }
            // What belongs to the paragraph's start stays with the first.
            Para {
                lines,
                label: None,
                bold_lead: None,
                heading_level: None,
                notes: Vec::new(),
                ..p.clone()
            }
        })
        .collect()
}

/// Where the signature part starts: at "Nơi nhận", or at the signer's
/// authority line.
fn tail_start(paras: &[Para], from: usize) -> usize {
    let rest = &paras[from.min(paras.len())..];
    rest.iter()
        .position(|p| p.text().starts_with("Nơi nhận"))
        .or_else(|| {
            rest.iter()
                .rposition(|p| signer::authority_line(&p.lines[0]).is_some())
        })
        .map_or(paras.len(), |i| from + i)
}

/// The closing paragraph: the last plain paragraph before the signature.
fn closing(paras: &[Para], start: usize, end: usize) -> Option<String> {
    let last = paras[start..end].last()?.text();
    (item_label(&last).is_none() || last.ends_with("./.")).then_some(last)
}

/// Whether a piece opens the numbered body of a plan.
fn opens_body(p: &Piece<'_>) -> bool {
    match &p.label {
        Some(Label::Roman(n)) => p.inferred || !p.tentative || *n == 1,
        Some(Label::Arabic(_)) => p.inferred || !p.tentative,
        _ => false,
    }
}

/// The body of a plan or a công văn: preamble, sections, tasks, units.
struct Body {
    bases: Vec<Bases>,
    intro: Vec<String>,
    /// A công văn's text before its numbered items.
    blocks: Vec<Block>,
    sections: Vec<Section>,
}

fn body(paras: &[Para], dispatch: bool, styled: bool, notes: &mut Notes) -> Body {
    let mut pieces = outline::pieces(paras);
    outline::infer_lost_labels(&mut pieces, dispatch);
    let first = if dispatch {
        0
    } else {
        pieces.iter().position(opens_body).unwrap_or(pieces.len())
    };
    let preamble = if dispatch {
        bases::Preamble::default()
    } else {
        bases::preamble(&paras[..first], styled)
    };
    let mut b = Builder::new(dispatch);
    for p in &pieces[first..] {
        b.add(p);
    }
    let Builder {
        roots,
        front,
        notes: built,
        ..
    } = b;
    for n in built.iter() {
        notes.add(n.path.clone(), n.text.clone());
    }
    let mut body = Body {
        bases: preamble.groups,
        intro: preamble.intro,
        blocks: Vec::new(),
        sections: roots,
    };
    if dispatch {
        body.blocks = front;
    } else {
        // Text after the preamble and before the first section.
        body.intro.extend(front.iter().flat_map(flatten));
    }
    body
}

/// A block as lines of text ("- …", "+ …", "(1) …").
fn flatten(b: &Block) -> Vec<String> {
    let mut out = Vec::new();
    let push_items = |items: &[crate::model::ListItem], out: &mut Vec<String>| {
        for it in items {
            let (text, children) = outline::item_parts(it);
            out.push(format!("- {text}"));
            out.extend(
                children
                    .iter()
                    .map(|c| format!("+ {}", outline::item_parts(c).0)),
            );
        }
    };
    match b {
        Block::Paragraph(t) => out.push(t.clone()),
        Block::Fields(f) => {
            out.extend(f.text.iter().chain(&f.assign).cloned());
            push_items(f.list.as_deref().unwrap_or(&[]), &mut out);
            for (i, t) in f.enumerate.iter().flatten().enumerate() {
                out.push(format!("({}) {t}", i + 1));
            }
        }
    }
    out
}

/// All the words of the body, for the guesses that read them.
fn all_text(body: &Body, closing: Option<&str>) -> String {
    let mut out = String::new();
    for g in &body.bases {
        for c in &g.items {
            if let crate::model::Citation::Text(t) = c {
                out.push_str(t);
                out.push(' ');
            }
        }
    }
    out.push_str(&body.intro.join(" "));
    fn walk(s: &[Section], out: &mut String) {
        for x in s {
            out.push(' ');
            out.push_str(x.title.as_deref().unwrap_or(""));
            for b in &x.body {
                if let Block::Paragraph(t) = b {
                    out.push(' ');
                    out.push_str(t);
                }
            }
            walk(&x.sections, out);
        }
    }
    walk(&body.sections, &mut out);
    if let Some(c) = closing {
        out.push(' ');
        out.push_str(c);
    }
    out
}

fn plan_or_dispatch(paras: &[Para], f: front::Front, styled: bool) -> Recognised {
    let dispatch = f.kind == Kind::Dispatch;
    let mut notes = Notes::default();
    let start = f.end;
    let tail_at = tail_start(paras, start).max(start);
    let closing = closing(paras, start, tail_at);
    let end = tail_at - usize::from(closing.is_some());
    let mut body = body(&paras[start..end], dispatch, styled, &mut notes);
    let mut header = f.header;
    gaps::fill(
        &mut header,
        &f.title.join(" "),
        &body.intro.join(" "),
        &all_text(&body, closing.as_deref()),
        &mut notes,
    );
    let year = header.date.year.unwrap_or(0);
    for s in &mut body.sections {
        tasks::tasks(s, year);
    }
    let units = super::mentions::declare(super::mentions::Named {
        sections: &mut body.sections,
        blocks: &body.blocks,
        to: &f.to,
        unit_roots: dispatch,
    });
    let known = Units::new(&units);
    super::mentions::resolve(&mut body.sections, &known, "@doc", &mut notes);
    super::sentences::mark(&mut body.sections, &known, !dispatch);
    let automatic = dispatch.then_some("Như trên");
    let tail = recipients::tail(&paras[tail_at..], automatic, styled);
    for n in tail.notes.iter() {
        notes.add(n.path.clone(), n.text.clone());
    }
    let parts = Parts {
        header,
        title: f.title,
        to: f.to,
        body,
        closing,
        tail,
    };
    let (file, root) = if dispatch {
        (parts.dispatch(units, &mut notes), "dispatches[0]")
    } else {
        (parts.plan(units, &mut notes), "plan")
    };
    notes.rebase("@doc", root);
    Recognised {
        file,
        kind: f.kind,
        notes,
    }
}

/// The regions of a plan or a công văn, read, before they become one.
struct Parts {
    header: Header,
    title: Vec<String>,
    to: Vec<String>,
    body: Body,
    closing: Option<String>,
    tail: recipients::Tail,
}

impl Parts {
    fn plan(
        self,
        units: std::collections::BTreeMap<String, crate::model::Unit>,
        notes: &mut Notes,
    ) -> PlanFile {
        let h = &self.header;
        let default_symbol = format!("KH-{}", h.issuer.symbol);
        if self.body.sections.is_empty() {
            notes.add(
                "@doc.sections",
                "không tìm thấy mục đánh số I., II. …: nội dung được giữ thành đoạn văn của câu dẫn; thêm các mục rồi chuyển nội dung vào",
            );
        }
        let signer = self.signer(notes);
        let archive = self.archive(notes);
        let closing = self.closing_text(notes);
        let title = title_text(&self.title, notes);
        let plan = Plan {
            number: DocNumber(h.number.clone()),
            symbol: h.symbol.clone().filter(|s| *s != default_symbol),
            date: doc_date(h.date),
            year: None,
            title,
            bases: (!self.body.bases.is_empty()).then_some(BasesList {
                listed: self.body.bases.len() > 1,
                groups: self.body.bases,
            }),
            // One paragraph each, as in the source: a blank line parts them.
            intro: (!self.body.intro.is_empty()).then(|| self.body.intro.join("\n\n")),
            sections: self.body.sections,
            closing,
            recipients: self.tail.recipients,
            archive,
            signer,
            style: PlanStyle::default(),
            funding: None,
            appendices: Vec::new(),
        };
        PlanFile {
            plan: Some(plan),
            dispatches: vec![],
            decisions: vec![],
            ..PlanFile::new(self.header.issuer, units)
        }
    }

    fn dispatch(
        self,
        units: std::collections::BTreeMap<String, crate::model::Unit>,
        notes: &mut Notes,
    ) -> PlanFile {
        let h = &self.header;
        let issuer_symbol = h.issuer.symbol.clone();
        let (drafting_unit, symbol) = match &h.symbol {
            Some(sym) => match sym.strip_prefix(&format!("{issuer_symbol}-")) {
                Some(unit) => (Some(unit.to_string()), None),
                None if *sym == issuer_symbol => (None, None),
                None => (None, Some(sym.clone())),
            },
            None => (None, None),
        };
        let signer = self.signer(notes);
        let archive = self.archive(notes);
        if self.closing.is_none() {
            notes.add("@doc.closing", "không thấy đoạn kết trước Nơi nhận");
        }
        let subject = (!self.title.is_empty()).then(|| title_text(&self.title, notes));
        let dispatch = crate::model::Dispatch {
            file: None,
            number: DocNumber(h.number.clone()),
            date: doc_date(h.date),
            drafting_unit,
            symbol,
            subject,
            to: self.to,
            body: self.body.blocks,
            sections: self.body.sections,
            closing: self.closing,
            recipients: self.tail.recipients,
            archive,
            signer: Some(signer),
            style: PlanStyle::default(),
            from_plan: None,
            requester: None,
        };
        PlanFile {
            plan: None,
            dispatches: vec![dispatch],
            decisions: vec![],
            ..PlanFile::new(self.header.issuer, units)
        }
    }

    fn signer(&self, notes: &mut Notes) -> crate::model::Signer {
        signer_checked(&self.tail.signer, notes)
    }

    fn archive(&self, notes: &mut Notes) -> String {
        archive_checked(self.tail.archive.as_deref(), notes)
    }

    fn closing_text(&self, notes: &mut Notes) -> String {
        match &self.closing {
            Some(c) => c.clone(),
            None => {
                notes.add("@doc.closing", "không thấy đoạn kết trước Nơi nhận");
                String::new()
            }
        }
    }
}

/// The signer, with a note for what it lacks.
fn signer_checked(s: &crate::model::Signer, notes: &mut Notes) -> crate::model::Signer {
    if s.name.is_empty() {
        notes.add(
            "@doc.signer",
            "văn bản không có họ tên người ký; điền họ tên",
        );
    }
    if s.title.is_none() && s.kt.is_some() {
        notes.add("@doc.signer", "thiếu chức vụ người ký");
    }
    s.clone()
}

/// The "Lưu:" line, with a note when the document has none.
fn archive_checked(archive: Option<&str>, notes: &mut Notes) -> String {
    match archive {
        Some(a) => a.to_string(),
        None => {
            notes.add("@doc.archive", "văn bản không có dòng \"Lưu:\"");
            "VT.".into()
        }
    }
}

/// A trích yếu typed on several lines keeps them.
fn title_text(lines: &[String], notes: &mut Notes) -> String {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        notes.add(
            "@doc.title",
            "không tìm thấy trích yếu (dòng dưới tên loại văn bản); điền vào",
        );
    }
    lines.join("\n")
}

/// The date as the model writes it: a full date, or a draft's parts.
fn doc_date(d: DateParts) -> DocDate {
    let year = d.year.unwrap_or(0);
    match (d.day, d.month) {
        (Some(day), Some(m)) => DocDate::Text(format!("{day:02}/{m:02}/{year}")),
        (_, month) => DocDate::Parts {
            year,
            month,
            day: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::para::Place;
    use super::*;

    #[test]
    fn items_typed_after_a_line_break_are_items() {
        let mut paras: Vec<Para> = [
            "KẾ HOẠCH",
            "Phát triển sản phẩm OCOP năm 2026",
            "I. MỤC ĐÍCH",
        ]
        .iter()
        .map(|t| Para::new(t))
        .collect();
        paras.push(Para {
            lines: vec![
                "Mục tiêu:".into(),
                "- Có 20 sản phẩm;".into(),
                "- 100% cán bộ được tập huấn.".into(),
            ],
            ..Para::default()
        });
        paras.push(Para::new("II. NHIỆM VỤ"));
        let shown = shown(&paras);
        assert_eq!(shown.len(), 7);
        assert_eq!(shown[4].lines, ["- Có 20 sản phẩm;"]);
        let r = recognise(&paras);
        let plan = r.file.plan.expect("a plan");
        let body = &plan.sections[0].body;
        let items: Vec<usize> = body
            .iter()
            .filter_map(|b| match b {
                Block::Fields(f) => f.list.as_ref().map(Vec::len),
                Block::Paragraph(_) => None,
            })
            .collect();
        assert_eq!(items, [2], "{body:?}");
    }

    #[test]
    fn a_cells_lines_are_not_parted() {
        let p = Para {
            lines: vec!["Nơi nhận:".into(), "- Như trên;".into()],
            place: Place {
                table: Some(1),
                ..Place::default()
            },
            ..Para::default()
        };
        assert_eq!(split_at_items(p).len(), 1);
    }
}
