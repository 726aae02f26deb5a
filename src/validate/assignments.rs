//! Who does what in a plan: each task with its lead and cooperating units,
//! content and timeline, and each unit's own duties (a section `unit:`).
//! Dispatches drafted from the plan are built from this; validation needs
//! it to know which units a per-unit dispatch goes to.

use std::collections::BTreeMap;

use crate::model::{Block, Content, ListItem, Numbering, Plan, Section, TaskEntry, UnitItem};
use crate::numbering::{self, Numberer};
use crate::timeline;
use crate::units::is_unit_key;

/// One task of the plan as a unit sees it.
#[derive(Debug, Clone)]
pub struct Assignment {
    /// "III.2": where the plan states it.
    pub reference: String,
    pub title: String,
    pub content: Option<String>,
    pub timeline: Option<String>,
    /// Unit keys.
    pub leads: Vec<String>,
    pub supports: Vec<String>,
}

/// The duties one section `unit:` gives a unit.
#[derive(Debug, Clone)]
pub struct Duties {
    pub reference: String,
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Assignments {
    pub tasks: Vec<Assignment>,
    /// By unit key.
    pub duties: BTreeMap<String, Vec<Duties>>,
}

impl Assignments {
    /// Units that lead a task or have duties, in the order the plan first names them.
    pub fn lead_units(&self) -> Vec<String> {
        let mut order: Vec<String> = Vec::new();
        let mut push = |k: &String| {
            if !order.contains(k) {
                order.push(k.clone());
            }
        };
        for t in &self.tasks {
            t.leads.iter().for_each(&mut push);
        }
        self.duties.keys().for_each(push);
        order
    }
}

/// The assignments of `plan`, whose timelines refer to `year`.
pub fn collect(plan: &Plan, year: i32) -> Assignments {
    let mut out = Assignments::default();
    let root = Numberer::plan();
    for (i, s) in plan.sections.iter().enumerate() {
        let (label, next) = root.label(Numbering::Auto, i);
        walk(s, &label, "", next, year, &mut out);
    }
    out
}

fn walk(
    s: &Section,
    label: &str,
    parent: &str,
    numberer: Numberer,
    year: i32,
    out: &mut Assignments,
) {
    let reference = numbering::reference(parent, label);
    let title = s.title.clone().unwrap_or_default().trim().to_string();
    if let Some(unit) = &s.unit {
        let items = blocks_text(&s.body);
        if !items.is_empty() {
            out.duties
                .entry(unit.trim().to_string())
                .or_default()
                .push(Duties {
                    reference: reference.clone(),
                    items,
                });
        }
    }
    if !s.task.is_empty() {
        out.tasks
            .push(task(&s.task, reference.clone(), title, year));
    }
    let mode = s.numbering.unwrap_or(Numbering::Auto);
    for (i, child) in s.sections.iter().enumerate() {
        let (label, next) = numberer.label(mode, i);
        walk(child, &label, &reference, next, year, out);
    }
}

fn task(entries: &[TaskEntry], reference: String, title: String, year: i32) -> Assignment {
    let mut a = Assignment {
        reference,
        title,
        content: None,
        timeline: None,
        leads: vec![],
        supports: vec![],
    };
    let keys = |refs: &[String]| {
        refs.iter()
            .map(|r| r.trim())
            .filter(|r| is_unit_key(r))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    for e in entries {
        if let Some(content) = &e.content {
            a.content = Some(match content {
                Content::Text(t) => t.trim().to_string(),
                Content::Blocks(b) => blocks_text(b).join(" "),
            });
        }
        if let Some(units) = &e.units {
            for u in units {
                match u {
                    UnitItem::Ref(r) => a.leads.extend(keys(std::slice::from_ref(r))),
                    UnitItem::Clause(cl) => {
                        a.leads.extend(keys(&cl.lead));
                        a.supports.extend(keys(&cl.support));
                    }
                }
            }
        }
        if let Some(support) = &e.support {
            a.supports.extend(keys(support));
        }
        if let Some(t) = &e.timeline {
            a.timeline = timeline::render(t, year).ok().map(|r| r.text);
        }
    }
    a
}

/// The plain sentences of some blocks (paragraphs and list items), for quoting.
fn blocks_text(blocks: &[Block]) -> Vec<String> {
    fn items(list: &[ListItem], out: &mut Vec<String>) {
        for item in list {
            match item {
                ListItem::Text(t) => out.push(t.trim().to_string()),
                ListItem::Nested { text, list } => {
                    out.push(text.trim().to_string());
                    items(list, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph(t) => out.push(t.trim().to_string()),
            Block::Fields(f) => {
                if let Some(t) = &f.text {
                    out.push(t.trim().to_string());
                }
                if let Some(l) = &f.list {
                    items(l, &mut out);
                }
                if let Some(e) = &f.enumerate {
                    out.extend(e.iter().map(|t| t.trim().to_string()));
                }
            }
        }
    }
    out
}
