//! The assignment table (Phụ lục: phân công nhiệm vụ) made from the plan's
//! own tasks and the sentences that give work to units: the same
//! assignments the per-unit dispatches quote, so the table, the body and
//! the dispatches never disagree.

use crate::doc::{Cell, Table};
use crate::model::TaskNumbering;
use crate::validate::{Assignment, Assignments, Form};

const COLUMNS: &[(&str, u32, &str)] = &[
    ("TT", 3, "center"),
    ("Nội dung nhiệm vụ", 14, "left"),
    ("Cơ quan chủ trì", 7, "left"),
    ("Cơ quan phối hợp", 8, "left"),
    ("Thời gian hoàn thành", 5, "center"),
    ("Kết quả, sản phẩm", 7, "left"),
];

/// The table of every task and assignment sentence (a unit's own duties
/// are left to the body), numbered as the body numbers them under their
/// headings, or 1, 2, 3 ….
pub fn table(found: &Assignments, numbering: TaskNumbering, size: u8) -> Table {
    let mut table = Table::titled(COLUMNS, size);
    let mut shown: Vec<&str> = Vec::new();
    let tasks = found.tasks.iter().filter(|t| t.form != Form::Duty);
    for (i, t) in tasks.enumerate() {
        let number = match numbering {
            TaskNumbering::Own => (i + 1).to_string(),
            TaskNumbering::Plan => {
                headings(&mut table, t, &mut shown);
                match (t.numbered, t.outline.last()) {
                    (true, Some(own)) => short(&own.label).to_string(),
                    _ => String::new(),
                }
            }
        };
        table.rows.push(row(t, number));
    }
    table
}

/// "III." → "III", "4.1." → "4.1", "a)" → "a".
fn short(label: &str) -> &str {
    label.trim_end_matches(['.', ')'])
}

/// Rows for the headings `t` stands under that no row shows yet: the
/// number, and the title across the other columns.
fn headings<'a>(table: &mut Table, t: &'a Assignment, shown: &mut Vec<&'a str>) {
    let own = if t.numbered {
        t.outline.len().saturating_sub(1)
    } else {
        t.outline.len()
    };
    for (depth, h) in t.outline[..own].iter().enumerate() {
        if shown.contains(&h.reference.as_str()) || h.title.is_empty() {
            continue;
        }
        shown.push(&h.reference);
        // As the body prints it: the plan's parts (I., II. …) in capitals.
        let title = if depth == 0 {
            h.title.to_uppercase()
        } else {
            h.title.clone()
        };
        let span = table.columns.len() as u32 - 1;
        table.rows.push(vec![
            Cell::new(short(&h.label)).bold(),
            Cell {
                cols: span,
                ..Cell::new(title).bold()
            },
        ]);
    }
    if let Some(own) = t.outline.last()
        && t.numbered
    {
        shown.push(&own.reference);
    }
}

fn row(t: &Assignment, number: String) -> Vec<Cell> {
    let content = t.content.as_deref().unwrap_or(&t.title);
    [
        number,
        content.to_string(),
        t.lead_names.join("\n"),
        t.support_names.join("\n"),
        t.timeline.clone().unwrap_or_default(),
        t.result.clone().unwrap_or_default(),
    ]
    .into_iter()
    .map(Cell::new)
    .collect()
}
