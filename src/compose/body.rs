//! The numbered body shared by every document kind: sections (I., 1.,
//! 1.1., a) …), paragraphs, dash lists, and the content / units / timeline
//! lines of tasks. Validation has checked all of it; what it refused
//! cannot reach here.

use super::common::{list_marker, with_colon, with_period};
use super::funding;
use crate::doc::{Block, LeadStyle};
use crate::model::{
    self, Content, FundingBlock, LabelStyle, ListItem, Marker, Numbering, PlanStyle, TaskBody,
    UnitItem, UnitsEntry,
};
use crate::numbering::Numberer;
use crate::units::Units;
use crate::validate::{CheckedFunding, CheckedSection, CheckedTask, LaidTables, TaskLine};
use crate::vn;

pub struct BodyComposer<'a> {
    pub units: Units<'a>,
    pub style: &'a PlanStyle,
    /// The file's tables, laid out when they were checked.
    pub tables: &'a LaidTables,
    pub parts: PlanParts<'a>,
}

/// What a plan's body shows besides its own text: its appendices (key and
/// label), its funding, and what the assignment table leaves to the body
/// of each task. Other documents have none of these.
#[derive(Default, Clone)]
pub struct PlanParts<'a> {
    pub appendices: Vec<(String, String)>,
    pub funding: Option<&'a CheckedFunding>,
    pub tasks: TaskBody,
}

impl BodyComposer<'_> {
    /// The sections of a document, numbered from `root`.
    pub fn sections(&self, list: &[CheckedSection<'_>], root: &Numberer, out: &mut Vec<Block>) {
        for (i, s) in list.iter().enumerate() {
            let (label, numberer) = root.label(Numbering::Auto, i);
            self.section(s, label, numberer, out);
        }
    }

    /// The `i`-th (0-based) section of a list numbered from `root`, alone.
    pub fn section_at(
        &self,
        s: &CheckedSection<'_>,
        root: &Numberer,
        i: usize,
        out: &mut Vec<Block>,
    ) {
        let (label, numberer) = root.label(Numbering::Auto, i);
        self.section(s, label, numberer, out);
    }

    fn section(
        &self,
        checked: &CheckedSection<'_>,
        label: String,
        numberer: Numberer,
        out: &mut Vec<Block>,
    ) {
        let s = checked.section;
        // A numbered paragraph: "6.1. …" as text, not a heading.
        if let Some(text) = s.text.as_ref().or(s.assign.as_ref())
            && s.title.is_none()
            && s.unit.is_none()
        {
            out.push(Block::Para {
                marker: (!label.is_empty()).then_some(label),
                lead: None,
                lead_style: LeadStyle::Plain,
                text: text.trim().to_string(),
                italic: false,
            });
            self.section_content(checked, numberer, out);
            return;
        }
        let mut title = match (&s.title, &s.unit) {
            (Some(t), _) => t.trim().to_string(),
            (None, Some(u)) => self.units.names(&u.0),
            (None, None) => String::new(),
        };
        if let Some(note) = &s.note {
            title = format!("{title} ({})", note.trim());
        }
        if s.colon {
            title = with_colon(&title);
        }
        if numberer.depth == 1 {
            title = title.to_uppercase();
        }
        let bold = s.bold.unwrap_or(true);
        let mut body = s.body.iter().peekable();
        let first = match body.peek() {
            Some(model::Block::Paragraph(text)) => Some(text),
            Some(model::Block::Fields(f))
                if f.list.is_none() && f.label.is_none() && f.text.is_none() =>
            {
                f.assign.as_ref()
            }
            _ => None,
        };
        match first {
            Some(text) if s.inline => {
                let lead = with_colon(format!("{label} {title}").trim_start());
                out.push(Block::Para {
                    marker: None,
                    lead: Some(lead),
                    lead_style: if bold {
                        LeadStyle::Bold
                    } else {
                        LeadStyle::Plain
                    },
                    text: text.trim().to_string(),
                    italic: false,
                });
                body.next();
            }
            _ => out.push(Block::Heading { label, title, bold }),
        }
        for b in body {
            self.block(b, 0, out);
        }
        self.section_tail(checked, numberer, out);
    }

    /// Body, tasks and sub-sections of a numbered paragraph.
    fn section_content(
        &self,
        checked: &CheckedSection<'_>,
        numberer: Numberer,
        out: &mut Vec<Block>,
    ) {
        for b in &checked.section.body {
            self.block(b, 0, out);
        }
        self.section_tail(checked, numberer, out);
    }

    /// Tasks and sub-sections.
    fn section_tail(&self, checked: &CheckedSection<'_>, numberer: Numberer, out: &mut Vec<Block>) {
        let s = checked.section;
        let marker = s.task_marker.unwrap_or(self.style.task_marker);
        let kept = checked.tasks.iter().filter(|t| self.keeps(t));
        for (i, task) in kept.enumerate() {
            self.task_line(task, marker, i, out);
        }
        let mode = s.numbering.unwrap_or(Numbering::Auto);
        for (i, child) in checked.sections.iter().enumerate() {
            let (label, next) = numberer.label(mode, i);
            self.section(child, label, next, out);
        }
    }

    /// Whether the body prints a task line: the lines the assignment
    /// table shows stay out of the body when the plan asks so.
    fn keeps(&self, task: &CheckedTask<'_>) -> bool {
        let in_table = matches!(
            task.line,
            TaskLine::Units(_) | TaskLine::Support(_) | TaskLine::Timeline(_) | TaskLine::Result(_)
        );
        match self.parts.tasks {
            TaskBody::All => true,
            TaskBody::Content => !in_table,
            TaskBody::None => !in_table && !matches!(task.line, TaskLine::Content(_)),
        }
    }

    pub fn blocks(&self, list: &[model::Block], out: &mut Vec<Block>) {
        for b in list {
            self.block(b, 0, out);
        }
    }

    fn block(&self, b: &model::Block, depth: usize, out: &mut Vec<Block>) {
        let f = match b {
            model::Block::Paragraph(t) => {
                out.push(Block::para(t.trim()));
                return;
            }
            model::Block::Fields(f) => f,
        };
        if let Some(items) = &f.list {
            let text = f.text.as_ref().or(f.assign.as_ref());
            if text.is_some() || f.label.is_some() {
                let style = label_style(f.label.as_ref(), f.label_style);
                out.push(labelled(None, f.label.as_deref(), style, text));
            }
            self.list(items, depth, out);
        } else if let Some(items) = &f.enumerate {
            if let Some(text) = &f.text {
                out.push(Block::para(text.trim()));
            }
            for (i, t) in items.iter().enumerate() {
                out.push(Block::item(format!("({})", i + 1), None, t.trim()));
            }
        } else if let Some(amount) = f.amount {
            let mut text = format!("{} đồng", vn::group_thousands(amount));
            if f.in_words.unwrap_or(true) {
                text.push_str(&format!(" (Bằng chữ: {})", vn::amount_in_words(amount)));
            }
            text.push('.');
            let lead = f.text.as_deref().map(with_colon);
            out.push(Block::Para {
                marker: None,
                lead,
                lead_style: LeadStyle::Plain,
                text,
                italic: false,
            });
        } else if let Some(FundingBlock::Lines(sources)) = &f.funding {
            if let Some(text) = &f.text {
                out.push(Block::para(text.trim()));
            }
            for s in sources {
                let text = match s.amount {
                    Some(a) => format!(
                        "{}: {} đồng.",
                        s.source.trim().trim_end_matches(':'),
                        vn::group_thousands(a)
                    ),
                    None => s.source.trim().to_string(),
                };
                out.push(Block::item(list_marker(depth), None, text));
            }
        } else if !self.plan_block(f, depth, out)
            && (f.text.is_some() || f.assign.is_some() || f.label.is_some())
        {
            let text = f.text.as_ref().or(f.assign.as_ref());
            let style = lead_style(f.label_style);
            out.push(labelled(None, f.label.as_deref(), style, text));
        }
    }

    /// A block showing a table, the plan's funding, or a reference to an
    /// appendix; false when `f` is none of these.
    fn plan_block(&self, f: &model::BlockFields, depth: usize, out: &mut Vec<Block>) -> bool {
        if let Some(FundingBlock::View(view)) = &f.funding {
            if let Some(funding) = self.parts.funding {
                let words = f.in_words.unwrap_or(true);
                funding::view(funding, view, f.text.as_deref(), words, depth, out);
            }
        } else if let Some(t) = &f.table {
            if let Some(text) = &f.text {
                out.push(Block::para(text.trim()));
            }
            out.extend(self.tables.get(t).cloned().map(Block::Table));
        } else if let Some(key) = &f.appendix {
            let found = self.parts.appendices.iter().find(|(k, _)| k == key);
            if let Some((_, label)) = found {
                let text = f.text.as_deref().map_or("Chi tiết", str::trim);
                out.push(Block::para(format!(
                    "{} tại {label} kèm theo Kế hoạch này.",
                    text.trim_end_matches(['.', ':', ';', ','])
                )));
            }
        } else {
            return false;
        }
        true
    }

    fn list(&self, items: &[ListItem], depth: usize, out: &mut Vec<Block>) {
        for item in items {
            match item {
                ListItem::Text(t) => out.push(Block::item(list_marker(depth), None, t.trim())),
                ListItem::Fields(f) => {
                    let text = f.text.as_ref().or(f.assign.as_ref());
                    let marker = Some(list_marker(depth).to_string());
                    let style = label_style(f.label.as_ref(), f.label_style);
                    out.push(labelled(marker, f.label.as_deref(), style, text));
                    self.list(&f.list, depth + 1, out);
                }
            }
        }
    }

    fn task_line(&self, task: &CheckedTask<'_>, marker: Marker, i: usize, out: &mut Vec<Block>) {
        let mark = match marker {
            Marker::Dash => "-".to_string(),
            Marker::Letter => format!("{})", vn::point_letter(i)),
        };
        let sub_depth = if marker == Marker::Dash { 1 } else { 0 };
        let labels = &self.style.labels;
        let own_label = task.entry.label.as_deref();
        let label = |default: &str| Some(with_colon(own_label.unwrap_or(default)));
        match &task.line {
            TaskLine::Content(Content::Text(t)) => {
                out.push(Block::item(mark, label(&labels.content), t.trim()));
            }
            TaskLine::Content(Content::Blocks(blocks)) => {
                out.push(Block::item(mark, label(&labels.content), ""));
                for b in blocks {
                    self.block(b, sub_depth, out);
                }
            }
            // The author's sentence, as typed.
            TaskLine::Units(UnitsEntry::Sentence(sentence)) => {
                out.push(Block::item(
                    mark,
                    label(&labels.units),
                    sentence.text.trim(),
                ));
            }
            TaskLine::Units(UnitsEntry::List(units)) => {
                let lead = label(&labels.units);
                self.units_line(units, task.entry.lines, mark, lead, sub_depth, out);
            }
            TaskLine::Support(support) => {
                let text = with_period(&self.units.names(support));
                out.push(Block::item(mark, label(&labels.support), text));
            }
            TaskLine::Timeline(text) => {
                out.push(Block::item(
                    mark,
                    label(&labels.timeline),
                    with_period(text),
                ));
            }
            TaskLine::Result(r) => {
                out.push(Block::item(
                    mark,
                    label(&labels.result),
                    with_period(r.trim()),
                ));
            }
            TaskLine::Funding(amounts) => {
                if let Some(funding) = self.parts.funding {
                    let text = funding::task_line(funding, amounts);
                    out.push(Block::item(mark, label(&labels.funding), text));
                }
            }
            TaskLine::Text(t) => out.push(Block::item(mark, own_label.map(with_colon), t.trim())),
            TaskLine::List(items) => {
                out.push(Block::item(mark, own_label.map(with_colon), ""));
                self.list(items, sub_depth, out);
            }
        }
    }

    /// "Đơn vị thực hiện: A chủ trì, phối hợp với B; C.", or with `lines`
    /// each clause on its own line.
    fn units_line(
        &self,
        units: &[UnitItem],
        lines: bool,
        mark: String,
        lead: Option<String>,
        sub_depth: usize,
        out: &mut Vec<Block>,
    ) {
        let clauses: Vec<String> = units.iter().map(|u| self.unit_clause(u)).collect();
        if !lines {
            out.push(Block::item(mark, lead, format!("{}.", clauses.join("; "))));
            return;
        }
        out.push(Block::item(mark, lead, ""));
        let last = clauses.len().saturating_sub(1);
        for (j, clause) in clauses.iter().enumerate() {
            let end = if j == last { "." } else { ";" };
            out.push(Block::item(
                list_marker(sub_depth),
                None,
                format!("{clause}{end}"),
            ));
        }
    }

    fn unit_clause(&self, u: &UnitItem) -> String {
        match u {
            UnitItem::Ref(r) => self.units.name(r, false),
            UnitItem::Clause(cl) => {
                let lead = self.units.names(&cl.lead);
                let role = cl.role.as_deref().map(str::trim).unwrap_or("chủ trì");
                let mut text = format!("{lead} {role}");
                if !cl.support.is_empty() {
                    text.push_str(&format!(", phối hợp với {}", self.units.names(&cl.support)));
                }
                text
            }
        }
    }
}

/// How a lead-in is set: italic unless the author says otherwise.
/// A paragraph opened by the author's lead-in (`label`, with a colon),
/// holding its text or `assign:` sentence.
fn labelled(
    marker: Option<String>,
    label: Option<&str>,
    lead_style: LeadStyle,
    text: Option<&String>,
) -> Block {
    Block::Para {
        marker,
        lead: label.map(with_colon),
        lead_style,
        text: text.map(|t| t.trim().to_string()).unwrap_or_default(),
        italic: false,
    }
}

/// The style of a lead-in; plain where there is none.
fn label_style(label: Option<&String>, style: Option<LabelStyle>) -> LeadStyle {
    if label.is_some() {
        lead_style(style)
    } else {
        LeadStyle::Plain
    }
}

fn lead_style(style: Option<LabelStyle>) -> LeadStyle {
    match style.unwrap_or_default() {
        LabelStyle::Italic => LeadStyle::Italic,
        LabelStyle::Bold => LeadStyle::Bold,
        LabelStyle::BoldItalic => LeadStyle::BoldItalic,
        LabelStyle::Plain => LeadStyle::Plain,
    }
}
