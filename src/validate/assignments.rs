//! Who does what in a plan: each task with its lead and cooperating units,
//! content and timeline; each sentence that gives work to units in the
//! author's own words (`assign:`, a task's units sentence); and each line of
//! a unit's own section (`unit:`). Dispatches drafted from the plan are
//! built from this; validation needs it to know which units a per-unit
//! dispatch goes to.

use super::{CheckedSection, CheckedTask, TaskLine};
use crate::model::{
    Block, Content, Labels, ListItem, ListItemFields, Numbering, Section, TaskEntry, UnitItem,
    UnitsEntry,
};
use crate::number::Number;
use crate::numbering::{self, Numberer};
use crate::units::{Reading, Units};

/// Where an assignment comes from, which says how a dispatch quotes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A `task:` section: content, units and timeline lines.
    Task,
    /// An author's sentence (`assign:`) outside a unit's own section.
    Sentence,
    /// A line of a unit's own section (`unit:`): the unit is its subject.
    Duty,
}

/// One piece of work of the plan as a unit sees it.
#[derive(Debug, Clone)]
pub struct Assignment {
    /// "III.2": where the plan states it.
    pub reference: String,
    /// The heading it stands under (for a duty, the unit's heading).
    pub title: String,
    pub form: Form,
    /// A task's content; the sentence of an assignment or a duty, as typed.
    pub content: Option<String>,
    /// The lines under a sentence ("+ …"), as typed.
    pub items: Vec<String>,
    /// A task's units line when written as the author's sentence, with its
    /// lead-in: "Đơn vị thực hiện: Sở …, Uỷ ban … phối hợp với … tổ chức thực hiện."
    pub units_line: Option<String>,
    pub timeline: Option<String>,
    /// Unit keys.
    pub leads: Vec<String>,
    pub supports: Vec<String>,
    /// The headings it stands under, from the top of the plan down to the
    /// section it is in.
    pub outline: Vec<Heading>,
    /// It is its section's own task or numbered paragraph (the section's
    /// number is its number), not a sentence among the section's text.
    pub numbered: bool,
    /// The leads and cooperating units as the body names them: declared
    /// names, and units written out as typed.
    pub lead_names: Vec<String>,
    pub support_names: Vec<String>,
    /// A task's expected result or product.
    pub result: Option<String>,
    /// A task's amounts: (the source's place among the plan's funding
    /// sources, amount).
    pub funding: Vec<(usize, Number)>,
}

/// A section of the plan as its heading prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// "III.4": how the plan cites it.
    pub reference: String,
    /// "4.", "a)", "III."
    pub label: String,
    pub title: String,
}

#[derive(Debug, Clone, Default)]
pub struct Assignments {
    /// In plan order.
    pub tasks: Vec<Assignment>,
}

impl Assignments {
    /// Units that lead a task or have duties, in the order the plan first
    /// names them: leads of tasks and sentences first, then of duties.
    pub fn lead_units(&self) -> Vec<String> {
        let mut order: Vec<String> = Vec::new();
        let duties = |duty: bool| {
            self.tasks
                .iter()
                .filter(move |t| (t.form == Form::Duty) == duty)
                .flat_map(|t| t.leads.iter())
        };
        for k in duties(false).chain(duties(true)) {
            if !order.contains(k) {
                order.push(k.clone());
            }
        }
        order
    }
}

/// The roles a sentence gives: the explicit `lead`/`support` (keys or
/// spellings, resolved) where written, else what the sentence's form says.
/// Unresolvable entries are left out; validation reports them.
pub fn read_sentence(
    units: &Units<'_>,
    text: &str,
    lead: Option<&[String]>,
    support: Option<&[String]>,
    reading: Reading,
    implied: &[String],
) -> (Vec<String>, Vec<String>) {
    let read = units.roles(text, reading, implied);
    let resolve = |list: &[String]| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for k in list.iter().filter_map(|r| units.resolve(r)) {
            if !out.iter().any(|o| o == k) {
                out.push(k.to_string());
            }
        }
        out
    };
    let leads = lead.map(resolve).unwrap_or(read.leads);
    let mut supports = support.map(resolve).unwrap_or(read.supports);
    supports.retain(|s| !leads.contains(s));
    (leads, supports)
}

/// The keys a section's `unit:` names.
pub fn section_units(units: &Units<'_>, s: &Section) -> Vec<String> {
    s.unit
        .iter()
        .flat_map(|u| u.0.iter())
        .filter_map(|r| units.resolve(r))
        .map(str::to_string)
        .collect()
}

/// The assignments of a plan's checked sections (a task's units line
/// quoted with its lead-in from `labels`).
pub fn collect(sections: &[CheckedSection<'_>], labels: &Labels, units: &Units<'_>) -> Assignments {
    let mut walker = Walker {
        units,
        labels,
        out: Assignments::default(),
        headings: Vec::new(),
    };
    let root = Numberer::plan();
    for (i, s) in sections.iter().enumerate() {
        let (label, next) = root.label(Numbering::Auto, i);
        walker.section(s, &label, "", "", next, &[]);
    }
    walker.out
}

struct Walker<'u, 'a> {
    units: &'u Units<'a>,
    labels: &'u Labels,
    out: Assignments,
    /// The sections the walk is in, outermost first.
    headings: Vec<Heading>,
}

/// Where the lines of a section stand: its reference, the heading to cite,
/// and the units whose own section it is (their implied subject).
struct Place<'p> {
    reference: &'p str,
    title: &'p str,
    implied: &'p [String],
}

impl Walker<'_, '_> {
    fn section(
        &mut self,
        checked: &CheckedSection<'_>,
        label: &str,
        parent: &str,
        parent_title: &str,
        numberer: Numberer,
        implied: &[String],
    ) {
        let s = checked.section;
        let reference = numbering::reference(parent, label);
        let own_units = section_units(self.units, s);
        let title = match (&s.title, &s.unit) {
            (Some(t), _) => t.trim().to_string(),
            (None, Some(u)) => {
                u.0.iter()
                    .map(|r| self.units.name(r, false))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
            // A numbered paragraph cites the heading it stands under.
            (None, None) => parent_title.to_string(),
        };
        let implied: Vec<String> = if s.unit.is_some() {
            own_units
        } else {
            implied.to_vec()
        };
        let heading_title = match (&s.title, &s.unit) {
            (None, None) => String::new(),
            _ => title.clone(),
        };
        self.headings.push(Heading {
            reference: reference.clone(),
            label: label.to_string(),
            title: heading_title,
        });
        let place = Place {
            reference: &reference,
            title: &title,
            implied: &implied,
        };
        if let Some(text) = &s.assign {
            let (leads, supports) = read_sentence(
                self.units,
                text,
                s.lead.as_deref(),
                s.support.as_deref(),
                Reading::Sentence,
                &implied,
            );
            let mut items = Vec::new();
            blocks_text(&s.body, &mut items);
            self.push_sentence(&place, text, items, leads, supports);
            if let Some(a) = self.out.tasks.last_mut() {
                a.numbered = true;
            }
        } else {
            if let Some(text) = &s.text
                && !implied.is_empty()
            {
                self.push_duty(&place, text.trim().to_string());
            }
            self.blocks(&s.body, &place);
        }
        if !checked.tasks.is_empty() {
            self.task(&checked.tasks, &place, s.text.as_deref());
        }
        let mode = s.numbering.unwrap_or(Numbering::Auto);
        for (i, child) in checked.sections.iter().enumerate() {
            let (label, next) = numberer.label(mode, i);
            self.section(child, &label, &reference, &title, next, &implied);
        }
        self.headings.pop();
    }

    /// Unit names as the body prints them (declared names; others as typed).
    fn names(&self, keys: &[String]) -> Vec<String> {
        keys.iter().map(|k| self.units.name(k, false)).collect()
    }

    /// A new assignment at `place`; who leads and cooperates is filled in after.
    fn assignment(&self, place: &Place<'_>, form: Form) -> Assignment {
        Assignment {
            reference: place.reference.to_string(),
            title: place.title.to_string(),
            form,
            content: None,
            items: Vec::new(),
            units_line: None,
            timeline: None,
            leads: Vec::new(),
            supports: Vec::new(),
            outline: self.headings.clone(),
            numbered: false,
            lead_names: Vec::new(),
            support_names: Vec::new(),
            result: None,
            funding: Vec::new(),
        }
    }

    fn push_sentence(
        &mut self,
        place: &Place<'_>,
        text: &str,
        items: Vec<String>,
        leads: Vec<String>,
        supports: Vec<String>,
    ) {
        let form = if place.implied.is_empty() {
            Form::Sentence
        } else {
            Form::Duty
        };
        let a = Assignment {
            content: Some(text.trim().to_string()),
            items,
            lead_names: self.names(&leads),
            support_names: self.names(&supports),
            leads,
            supports,
            ..self.assignment(place, form)
        };
        self.out.tasks.push(a);
    }

    /// A plain line of a unit's own section.
    fn push_duty(&mut self, place: &Place<'_>, text: String) {
        if text.is_empty() {
            return;
        }
        let a = Assignment {
            content: Some(text),
            leads: place.implied.to_vec(),
            lead_names: self.names(place.implied),
            ..self.assignment(place, Form::Duty)
        };
        self.out.tasks.push(a);
    }

    /// An `assign:` sentence (of a block or a list item) with its sub-items.
    fn assigned(
        &mut self,
        place: &Place<'_>,
        text: &str,
        lead: Option<&[String]>,
        support: Option<&[String]>,
        sub: &[ListItem],
    ) {
        let (leads, supports) = read_sentence(
            self.units,
            text,
            lead,
            support,
            Reading::Sentence,
            place.implied,
        );
        let mut items = Vec::new();
        list_text(sub, &mut items);
        self.push_sentence(place, text, items, leads, supports);
    }

    fn blocks(&mut self, blocks: &[Block], place: &Place<'_>) {
        for b in blocks {
            match b {
                Block::Paragraph(t) => {
                    if !place.implied.is_empty() {
                        self.push_duty(place, t.trim().to_string());
                    }
                }
                Block::Fields(f) => {
                    if let Some(text) = &f.assign {
                        let sub = f.list.as_deref().unwrap_or_default();
                        self.assigned(place, text, f.lead.as_deref(), f.support.as_deref(), sub);
                        continue;
                    }
                    if !place.implied.is_empty()
                        && let Some(t) = &f.text
                    {
                        self.push_duty(place, t.trim().to_string());
                    }
                    if let Some(l) = &f.list {
                        self.list(l, place);
                    }
                    if !place.implied.is_empty()
                        && let Some(e) = &f.enumerate
                    {
                        for t in e {
                            self.push_duty(place, t.trim().to_string());
                        }
                    }
                }
            }
        }
    }

    fn list(&mut self, list: &[ListItem], place: &Place<'_>) {
        for item in list {
            match item {
                ListItem::Text(t) => {
                    if !place.implied.is_empty() {
                        self.push_duty(place, t.trim().to_string());
                    }
                }
                ListItem::Fields(f) => {
                    if let Some(text) = &f.assign {
                        self.assigned(
                            place,
                            text,
                            f.lead.as_deref(),
                            f.support.as_deref(),
                            &f.list,
                        );
                        continue;
                    }
                    if !place.implied.is_empty() {
                        let text = item_text(f);
                        self.push_duty(place, text);
                    }
                    self.list(&f.list, place);
                }
            }
        }
    }

    /// A task; `text` is the numbered paragraph it stands under, its
    /// content when it has no content line.
    fn task(&mut self, lines: &[CheckedTask<'_>], place: &Place<'_>, text: Option<&str>) {
        let mut a = Assignment {
            numbered: true,
            ..self.assignment(place, Form::Task)
        };
        for line in lines {
            match &line.line {
                TaskLine::Content(content) => a.content = Some(content_text(content)),
                TaskLine::Units(units) => self.task_units(&mut a, line.entry, units),
                TaskLine::Support(support) => {
                    a.supports.extend(self.keys(support));
                    a.support_names.extend(self.names(support));
                }
                TaskLine::Timeline(t) => a.timeline = Some(t.clone()),
                TaskLine::Result(r) => a.result = Some(r.trim().to_string()),
                TaskLine::Funding(amounts) => a.funding.clone_from(amounts),
                TaskLine::Text(_) | TaskLine::List(_) => {}
            }
        }
        if a.content.is_none() {
            a.content = text.map(|t| t.trim().to_string());
        }
        dedup(&mut a.leads);
        dedup(&mut a.lead_names);
        dedup(&mut a.support_names);
        a.support_names.retain(|n| !a.lead_names.contains(n));
        self.out.tasks.push(a);
    }

    /// The declared units `refs` name, as keys.
    fn keys(&self, refs: &[String]) -> Vec<String> {
        refs.iter()
            .filter_map(|r| self.units.resolve(r))
            .map(str::to_string)
            .collect()
    }

    /// A task's units line: its leads and supports, and, when written as a
    /// sentence, the line as quoted with its lead-in.
    fn task_units(&self, a: &mut Assignment, entry: &TaskEntry, units: &UnitsEntry) {
        match units {
            UnitsEntry::List(units) => {
                for u in units {
                    match u {
                        UnitItem::Ref(r) => {
                            a.leads.extend(self.keys(std::slice::from_ref(r)));
                            a.lead_names.push(self.units.name(r, false));
                        }
                        UnitItem::Clause(cl) => {
                            a.leads.extend(self.keys(&cl.lead));
                            a.supports.extend(self.keys(&cl.support));
                            a.lead_names.extend(self.names(&cl.lead));
                            a.support_names.extend(self.names(&cl.support));
                        }
                    }
                }
            }
            UnitsEntry::Sentence(s) => {
                let (leads, supports) = read_sentence(
                    self.units,
                    &s.text,
                    s.lead.as_deref(),
                    s.support.as_deref(),
                    Reading::UnitsLine,
                    &[],
                );
                a.lead_names.extend(self.names(&leads));
                a.support_names.extend(self.names(&supports));
                a.leads.extend(leads);
                a.supports.extend(supports);
                let label = entry.label.as_deref().unwrap_or(&self.labels.units).trim();
                let label = label.trim_end_matches(':');
                a.units_line = Some(format!("{label}: {}", s.text.trim()));
            }
        }
    }
}

/// A task's content as one line: its paragraph, or its blocks' sentences.
fn content_text(content: &Content) -> String {
    match content {
        Content::Text(t) => t.trim().to_string(),
        Content::Blocks(b) => {
            let mut out = Vec::new();
            blocks_text(b, &mut out);
            out.join(" ")
        }
    }
}

/// Keeps the first of each repeated entry, in order.
fn dedup(list: &mut Vec<String>) {
    let mut seen = Vec::new();
    list.retain(|k| {
        let new = !seen.contains(k);
        seen.push(k.clone());
        new
    });
}

/// A list item's line as typed: "Lead-in: text", or its text.
fn item_text(f: &ListItemFields) -> String {
    let text = f.text.as_deref().unwrap_or("").trim();
    match f.label.as_deref().map(str::trim) {
        Some(l) if !l.is_empty() && !text.is_empty() => {
            format!("{}: {text}", l.trim_end_matches(':'))
        }
        Some(l) if !l.is_empty() => format!("{}:", l.trim_end_matches(':')),
        _ => text.to_string(),
    }
}

/// The plain sentences of a list, for quoting: each item and its sub-items.
fn list_text(list: &[ListItem], out: &mut Vec<String>) {
    for item in list {
        match item {
            ListItem::Text(t) => out.push(t.trim().to_string()),
            ListItem::Fields(f) => {
                match &f.assign {
                    Some(a) => out.push(a.trim().to_string()),
                    None => out.push(item_text(f)),
                }
                list_text(&f.list, out);
            }
        }
    }
}

/// The plain sentences of some blocks (paragraphs and list items), for quoting.
fn blocks_text(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph(t) => out.push(t.trim().to_string()),
            Block::Fields(f) => {
                if let Some(t) = f.text.as_ref().or(f.assign.as_ref()) {
                    out.push(t.trim().to_string());
                }
                if let Some(l) = &f.list {
                    list_text(l, out);
                }
                if let Some(e) = &f.enumerate {
                    out.extend(e.iter().map(|t| t.trim().to_string()));
                }
            }
        }
    }
    out.retain(|t| !t.is_empty());
}
