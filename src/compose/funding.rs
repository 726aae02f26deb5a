//! The plan's funding as the body and the appendices show it: the total
//! (in words where asked), one line per source, a task's funding line, and
//! the funding table by task and source with its totals row.

use super::common::{list_marker, with_colon};
use crate::doc::{Block, Cell, Column, LeadStyle, Table};
use crate::number::Number;
use crate::validate::CheckedFunding;
use crate::vn;

/// `funding: total | sources | table` in the body, `text` before it.
pub fn view(
    f: &CheckedFunding,
    view: &str,
    text: Option<&str>,
    words: bool,
    depth: usize,
    out: &mut Vec<Block>,
) {
    match view.trim() {
        "total" => {
            let mut line = f.with_unit(f.total);
            if words && let Some(dong) = f.in_dong(f.total) {
                line.push_str(&format!(" (Bằng chữ: {})", vn::amount_in_words(dong)));
            }
            line.push('.');
            out.push(Block::Para {
                marker: None,
                lead: Some(with_colon(text.map_or("Tổng kinh phí", str::trim))),
                lead_style: LeadStyle::Plain,
                text: line,
                italic: false,
            });
        }
        "sources" => {
            out.extend(text.map(|t| Block::para(t.trim())));
            let last = f.sources.len().saturating_sub(1);
            for (i, (name, total)) in f.sources.iter().zip(&f.source_totals).enumerate() {
                let end = if i == last { "." } else { ";" };
                let line = format!("{name}: {}{end}", f.with_unit(*total));
                out.push(Block::item(list_marker(depth), None, line));
            }
        }
        _ => {
            out.extend(text.map(|t| Block::para(t.trim())));
            out.push(Block::Table(table(f, crate::table::BODY_TEXT_SIZE)));
        }
    }
}

/// A task's funding line: "500 triệu đồng (Ngân sách tỉnh: 300 triệu
/// đồng; Xã hội hóa: 200 triệu đồng)", or with one source "30 triệu đồng
/// (Ngân sách tỉnh)."
pub fn task_line(f: &CheckedFunding, amounts: &[(usize, Number)]) -> String {
    let total = amounts
        .iter()
        .try_fold(Number::ZERO, |sum, (_, n)| sum.checked_add(*n))
        .unwrap_or(Number::ZERO);
    let name = |i: usize| f.sources.get(i).map_or("", String::as_str);
    if let [(i, _)] = amounts {
        return format!("{} ({}).", f.with_unit(total), name(*i));
    }
    let parts: Vec<String> = amounts
        .iter()
        .map(|(i, n)| format!("{}: {}", name(*i), f.with_unit(*n)))
        .collect();
    format!("{} ({}).", f.with_unit(total), parts.join("; "))
}

/// The funding table: TT, content, the total and one column per source
/// under "Chia ra", the unit above it; the totals row first, as budget
/// tables put it, so it never stands alone on a page.
pub fn table(f: &CheckedFunding, size: u8) -> Table {
    let n = f.sources.len();
    let mut columns = vec![
        Column {
            width: 2,
            align: "center",
        },
        Column {
            width: 12,
            align: "left",
        },
        Column {
            width: 4,
            align: "right",
        },
    ];
    columns.extend((0..n).map(|_| Column {
        width: 4,
        align: "right",
    }));
    let tall = |text: &str| Cell {
        rows: 2,
        ..Cell::new(text).bold()
    };
    let mut first = vec![tall("TT"), tall("Nội dung"), tall("Tổng kinh phí")];
    first.push(Cell {
        cols: n as u32,
        ..Cell::new("Chia ra").bold()
    });
    let second = f
        .sources
        .iter()
        .map(|s| Cell::new(s.as_str()).bold())
        .collect();
    let mut totals = vec![
        Cell {
            cols: 2,
            align: Some("center"),
            ..Cell::new("Tổng cộng").bold()
        },
        Cell::new(f.total.to_string()).bold(),
    ];
    totals.extend(
        f.source_totals
            .iter()
            .map(|t| Cell::new(t.to_string()).bold()),
    );
    let mut rows = vec![totals];
    rows.extend(f.rows.iter().enumerate().map(|(i, r)| {
        let mut cells = vec![
            Cell::new((i + 1).to_string()),
            Cell::new(r.content.as_str()),
            Cell::new(r.total.to_string()),
        ];
        cells.extend(
            r.amounts
                .iter()
                .map(|a| Cell::new(a.map(|a| a.to_string()).unwrap_or_default())),
        );
        cells
    }));
    Table {
        title: None,
        unit: Some(format!("Đơn vị tính: {}", f.unit)),
        columns,
        header: vec![first, second],
        rows,
        size,
    }
}
