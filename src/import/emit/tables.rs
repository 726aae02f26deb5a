//! The parts of a plan imported from tables: `plan.funding`, a task's
//! result and funding, a table block, the appendices. Amounts and cells
//! are read back as typed (the loader keeps them verbatim), so a number
//! is written plain ("2.040", not "\"2.040\"") where YAML's syntax allows.

use std::collections::BTreeMap;

use crate::model::table::{Cell, Table, TableColumn, TableRow, TableTotal};
use crate::model::{Amount, Funding};

use super::scalar::flow;
use super::{W, flow_map};

/// A number as typed, plain in a flow collection where it reads back as
/// the same text: digits and thousands dots, no comma, no leading zero.
pub(super) fn verbatim(s: &str) -> String {
    let plain = s == "0"
        || (s.starts_with(|c: char| ('1'..='9').contains(&c))
            && s.chars().all(|c| c.is_ascii_digit() || c == '.')
            && !s.ends_with('.'));
    if plain { s.to_string() } else { flow(s) }
}

/// `{ nst: 30, xhh: 20 }`.
pub(super) fn amounts(a: &BTreeMap<String, Amount>) -> String {
    let fields: Vec<(&str, String)> = a
        .iter()
        .map(|(k, v)| (k.as_str(), verbatim(&v.0)))
        .collect();
    flow_map(&fields)
}

pub(super) fn funding(w: &mut W<'_>, d: usize, f: &Funding) {
    w.notes(d, "plan.funding");
    w.line(d, "funding:");
    w.opt(d + 1, "unit", f.unit.as_deref());
    w.line(d + 1, "sources:");
    for s in &f.sources {
        let mut fields = vec![("key", flow(&s.key)), ("name", flow(&s.name))];
        fields.extend(s.total.as_ref().map(|t| ("total", verbatim(&t.0))));
        w.line(d + 2, &format!("- {}", flow_map(&fields)));
    }
    if !f.items.is_empty() {
        w.line(d + 1, "items:");
        for it in &f.items {
            w.item_start(d + 2);
            w.kv(d + 3, "content", &it.content);
            if !it.amounts.is_empty() {
                w.line(d + 3, &format!("amounts: {}", amounts(&it.amounts)));
            }
            if let Some(t) = &it.total {
                w.line(d + 3, &format!("total: {}", verbatim(&t.0)));
            }
        }
    }
    if let Some(t) = &f.total {
        w.line(d + 1, &format!("total: {}", verbatim(&t.0)));
    }
}

/// `table:` and its fields, at `d`.
pub(super) fn table(w: &mut W<'_>, d: usize, t: &Table) {
    w.line(d, "table:");
    let d = d + 1;
    w.opt(d, "title", t.title.as_deref());
    w.opt(d, "unit", t.unit.as_deref());
    if !t.header.is_empty() {
        w.line(d, "header:");
        for row in &t.header {
            w.line(d + 1, &format!("- {}", cells(row)));
        }
    }
    w.line(d, "columns:");
    for c in &t.columns {
        w.line(d + 1, &format!("- {}", column(c)));
    }
    if !t.rows.is_empty() {
        w.line(d, "rows:");
        for r in &t.rows {
            let row = match r {
                TableRow::Cells(c) => cells(c),
                TableRow::Fields(f) => {
                    let mut fields = Vec::new();
                    fields.extend(f.group.as_deref().map(|g| ("group", flow(g))));
                    fields.extend(f.cells.as_deref().map(|c| ("cells", cells(c))));
                    fields.extend(f.bold.map(|b| ("bold", b.to_string())));
                    flow_map(&fields)
                }
            };
            w.line(d + 1, &format!("- {row}"));
        }
    }
    match &t.total {
        Some(TableTotal::Computed(b)) => w.line(d, &format!("total: {b}")),
        Some(TableTotal::Label(l)) => w.kv(d, "total", l),
        Some(TableTotal::Row(c)) => w.line(d, &format!("total: {}", cells(c))),
        None => {}
    }
}

fn column(c: &TableColumn) -> String {
    let mut fields = Vec::new();
    fields.extend(c.title.as_deref().map(|t| ("title", flow(t))));
    fields.extend(c.width.map(|w| ("width", w.to_string())));
    fields.extend(c.align.map(|a| ("align", a.name().to_string())));
    if c.number {
        fields.push(("number", "true".into()));
    }
    if c.sum {
        fields.push(("sum", "true".into()));
    }
    match fields.as_slice() {
        [("title", t)] => t.clone(),
        [] => "{}".into(),
        _ => flow_map(&fields),
    }
}

fn cells(list: &[Cell]) -> String {
    let inner: Vec<String> = list
        .iter()
        .map(|c| match c {
            Cell::Text(t) => verbatim(t),
            Cell::Fields(f) => {
                let mut fields = vec![("text", verbatim(&f.text))];
                fields.extend(f.cols.map(|n| ("cols", n.to_string())));
                fields.extend(f.rows.map(|n| ("rows", n.to_string())));
                fields.extend(f.align.map(|a| ("align", a.name().to_string())));
                fields.extend(f.bold.map(|b| ("bold", b.to_string())));
                flow_map(&fields)
            }
        })
        .collect();
    format!("[{}]", inner.join(", "))
}
