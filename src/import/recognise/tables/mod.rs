//! The tables of a document read as the plan's data, never as loose
//! paragraphs: an assignment table (STT | Nội dung | Đơn vị chủ trì | Đơn
//! vị phối hợp | Thời gian | Kết quả, in any order and wording) as the
//! plan's tasks (`assignment`); a funding table (Nội dung | Tổng | a column
//! a source) as `plan.funding` and the tasks' funding lines (`money`);
//! any other table as a table block where it stood, or a Phụ lục of its
//! own, every cell kept (`generic`).
//!
//! The readers give each cell's paragraphs their place (table, row,
//! column of the grid). `lift` takes the data tables (three columns or
//! more: the header and the signature are two-column tables) out of the
//! flow before recognition, with the Phụ lục lines above them, leaving a
//! stand-in paragraph where a table stood in the body; `apply` maps them
//! onto the recognised plan and puts each table block where its stand-in
//! is.

mod assignment;
mod generic;
mod grid;
mod money;
mod place;

use std::collections::{BTreeMap, BTreeSet};

use crate::import::notes::Notes;
use crate::import::para::Para;
use crate::model::{Block, BlockFields, FundingBlock, PlanAppendix, PlanFile, TaskTable};
use grid::{Read, Rows};

/// A table lifted out of the flow.
#[derive(Debug, Clone, Default)]
pub struct Lifted {
    rows: Rows,
    /// "Đơn vị tính: …" above the table.
    unit: Option<String>,
    /// Set for a table after the signature: the Phụ lục's title (empty
    /// when it has none).
    appendix: Option<String>,
    /// For a table in the body: the text of the paragraph standing in its
    /// place until `apply`.
    marker: Option<String>,
    /// Each column's width where the format says (see `Place::col_width`).
    widths: Vec<Option<u32>>,
}

/// Opens the stand-in paragraph of a table in the body (a character no
/// document types).
pub const MARKER: &str = "\u{FFFC}bảng ";

/// The flow without its data tables, and those tables.
pub fn lift(paras: &[Para]) -> (Vec<Para>, Vec<Lifted>) {
    let signature = paras
        .iter()
        .position(|p| p.text().starts_with("Nơi nhận"))
        .unwrap_or(paras.len());
    let mut cells: BTreeMap<usize, Vec<&Para>> = BTreeMap::new();
    for p in paras {
        if let Some(t) = p.place.table {
            cells.entry(t).or_default().push(p);
        }
    }
    let data: BTreeSet<usize> = cells
        .iter()
        .filter(|(_, c)| is_data(c))
        .map(|(t, _)| *t)
        .collect();
    let mut flow: Vec<Para> = Vec::new();
    let mut lifted: Vec<Lifted> = Vec::new();
    // The flow's length after the last table lifted.
    let mut after_last = usize::MAX;
    let mut i = 0;
    while i < paras.len() {
        let Some(t) = paras[i].place.table.filter(|t| data.contains(t)) else {
            flow.push(paras[i].clone());
            i += 1;
            continue;
        };
        let start = i;
        while i < paras.len() && paras[i].place.table == Some(t) {
            i += 1;
        }
        let rows = rows_of(&cells[&t]);
        let widths = widths_of(&cells[&t]);
        if let Some(prev) = lifted.last_mut()
            && continues(prev, &rows, &flow, after_last)
        {
            flow.truncate(after_last);
            join(prev, rows);
            continue;
        }
        let after = start > signature;
        let mut unit = take_unit(&mut flow);
        let appendix = after.then(|| {
            let (title, stated) = take_caption(&mut flow);
            unit = unit.take().or(stated);
            title
        });
        let marker = (!after).then(|| {
            let m = format!("{MARKER}{}", lifted.len());
            flow.push(Para::new(&m));
            m
        });
        lifted.push(Lifted {
            rows,
            unit,
            appendix,
            marker,
            widths,
        });
        after_last = flow.len();
    }
    (flow, lifted)
}

/// One table read as two: nothing between them (a word processor cannot
/// keep two tables apart without a paragraph; a .doc starts another where
/// the rows' cells change), or the same header again after a page break
/// with only page numbers between (a PDF).
fn continues(prev: &Lifted, rows: &Rows, flow: &[Para], after_last: usize) -> bool {
    if after_last > flow.len() {
        return false;
    }
    after_last == flow.len()
        || flow[after_last..].iter().all(|p| is_page_number(&p.text()))
            && !rows.is_empty()
            && prev.rows.first() == rows.first()
}

/// `rows` after `prev`'s, without the header they repeat; a row a page
/// break cut in two (its first cell empty, the row before it not a
/// group) joins the row before.
fn join(prev: &mut Lifted, rows: Rows) {
    let repeated = rows
        .iter()
        .take(3)
        .take_while(|r| repeats_header(r, &prev.rows))
        .count();
    let mut rest = rows.into_iter().skip(repeated).peekable();
    if let (Some(first), Some(last)) = (rest.peek(), prev.rows.last())
        && first.first().is_none_or(Vec::is_empty)
        && last.first().is_some_and(|c| !c.is_empty())
        && first.len() == last.len()
        && last.iter().filter(|c| !c.is_empty()).count() > 2
    {
        let first = rest.next().unwrap_or_default();
        let last = prev.rows.last_mut().expect("checked above");
        for (cell, more) in last.iter_mut().zip(first) {
            cell.extend(more);
        }
    }
    prev.rows.extend(rest);
    let cols = prev.rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut prev.rows {
        row.resize(cols, Vec::new());
    }
}

/// A row of a table's part after a page break that repeats the header
/// of the part before (a PDF may read its cells cut otherwise: "hoàn
/// thành" for "Thời gian hoàn thành"): each of its cells is in the header
/// cell above it.
fn repeats_header(row: &[Vec<String>], prev: &Rows) -> bool {
    let filled: Vec<(usize, String)> = row
        .iter()
        .enumerate()
        .map(|(c, cell)| (c, grid::text(cell)))
        .filter(|(_, t)| !t.is_empty())
        .collect();
    filled.len() >= 2
        && filled.iter().all(|(c, t)| {
            prev.iter().take(3).any(|r| {
                r.get(*c)
                    .is_some_and(|h| grid::text(h).contains(t.as_str()))
            })
        })
}

/// A table of data: three columns or more (a row alone too: a .doc may
/// give a table row by row), and not the header (quốc hiệu) or the
/// signature.
fn is_data(cells: &[&Para]) -> bool {
    let cols = cells.iter().map(|p| p.place.col).max().unwrap_or(0) + 1;
    cols >= 3
        && !cells.iter().any(|p| {
            let t = p.text();
            t.starts_with("CỘNG HÒA") || t.starts_with("CỘNG HOÀ") || t.starts_with("Nơi nhận")
        })
}

fn rows_of(cells: &[&Para]) -> Rows {
    let cols = cells.iter().map(|p| p.place.col).max().unwrap_or(0) + 1;
    let rows = cells.iter().map(|p| p.place.row).max().unwrap_or(0) + 1;
    let mut grid = vec![vec![Vec::new(); cols]; rows];
    for p in cells {
        grid[p.place.row][p.place.col].push(p.lines.join(" "));
    }
    // Rows with nothing in them (a vertically merged row's remains).
    grid.retain(|r| r.iter().any(|c| !c.is_empty()));
    grid
}

/// Each column's width: the one most of its cells give.
fn widths_of(cells: &[&Para]) -> Vec<Option<u32>> {
    let cols = cells.iter().map(|p| p.place.col).max().unwrap_or(0) + 1;
    (0..cols)
        .map(|c| {
            let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
            for w in cells.iter().filter(|p| p.place.col == c) {
                if let Some(w) = w.place.col_width {
                    *seen.entry(w).or_default() += 1;
                }
            }
            seen.into_iter().max_by_key(|&(_, n)| n).map(|(w, _)| w)
        })
        .collect()
}

fn is_page_number(t: &str) -> bool {
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

fn take_unit(flow: &mut Vec<Para>) -> Option<String> {
    let last = flow.last()?;
    let text = last.text();
    let unit = text.starts_with("Đơn vị tính") || text.starts_with("ĐVT");
    (last.place.table.is_none() && unit).then(|| {
        flow.pop();
        text
    })
}

/// The lines of a Phụ lục above its table ("Phụ lục I", its title, "(Kèm
/// theo Kế hoạch số …)" however its lines were parted, "Đơn vị tính: …"
/// however it was joined), taken out of the flow: the title, and the
/// unit where the caption holds it.
fn take_caption(flow: &mut Vec<Para>) -> (String, Option<String>) {
    let Some(start) = flow
        .iter()
        .rposition(|p| p.place.table.is_none() && p.text().to_lowercase().starts_with("phụ lục"))
        .filter(|&s| flow.len() - s <= 6)
    else {
        return (String::new(), None);
    };
    let lines: Vec<String> = flow.drain(start..).map(|p| p.text()).collect();
    let mut title: Vec<String> = Vec::new();
    if let Some((_, t)) = lines[0].split_once(':') {
        title.push(t.trim().to_string());
    }
    let mut unit = None;
    let mut in_reference = false;
    for line in &lines[1..] {
        let mut line = line.as_str();
        if line.starts_with('(') {
            in_reference = true;
        }
        if in_reference {
            let Some((_, after)) = line.split_once(')') else {
                continue;
            };
            in_reference = false;
            line = after.trim();
        }
        if let Some(at) = line.find("Đơn vị tính") {
            unit = Some(line[at..].trim().to_string());
            line = line[..at].trim();
        }
        if !line.is_empty() {
            title.push(line.to_string());
        }
    }
    (title.join(" "), unit)
}

/// What a table of the body becomes where it stood: a block (a table,
/// the funding table's view) with what to check in it, or nothing (the
/// table became the plan's data and an appendix).
pub struct Placed {
    block: Option<Block>,
    checks: Vec<String>,
}

impl Placed {
    const MOVED: Placed = Placed {
        block: None,
        checks: Vec::new(),
    };
}

/// Whether `title` is the title ocop gives appendix `a` anyway.
fn default_title(a: &PlanAppendix, title: &str) -> bool {
    let default = if a.funding {
        "Kinh phí thực hiện Kế hoạch"
    } else {
        "Phân công nhiệm vụ thực hiện Kế hoạch"
    };
    crate::units::fold(title) == crate::units::fold(default)
}

/// Maps the lifted tables onto the recognised document.
pub fn apply(file: &mut PlanFile, notes: &mut Notes, lifted: Vec<Lifted>) {
    let mut placed: BTreeMap<String, Placed> = BTreeMap::new();
    let mut appendices: Vec<PlanAppendix> = Vec::new();
    for l in lifted {
        let mut read = Read::new(l.rows, l.unit);
        read.widths = l.widths;
        let at = format!("plan.appendices[{}]", appendices.len());
        let title = l.appendix.clone();
        let what = match file.plan.as_mut() {
            Some(plan) => classify(plan, &mut file.units, notes, &read, &at),
            None => None,
        };
        let appendix = |a: PlanAppendix| PlanAppendix {
            title: title
                .clone()
                .filter(|t| !t.is_empty() && !default_title(&a, t)),
            ..a
        };
        let block = match what {
            Some(Data::Tasks(body)) => {
                appendices.push(appendix(PlanAppendix {
                    tasks: Some(TaskTable {
                        enabled: true,
                        body,
                        ..TaskTable::default()
                    }),
                    ..PlanAppendix::default()
                }));
                if l.marker.is_some() {
                    notes.add(
                        at,
                        "bảng phân công trong thân văn bản được lập lại thành phụ lục từ các nhiệm vụ: xem lại vị trí",
                    );
                }
                Placed::MOVED
            }
            Some(Data::Funding) if l.marker.is_some() => Placed {
                block: Some(Block::Fields(Box::new(BlockFields {
                    funding: Some(FundingBlock::View("table".into())),
                    ..BlockFields::default()
                }))),
                checks: Vec::new(),
            },
            Some(Data::Funding) => {
                appendices.push(appendix(PlanAppendix {
                    funding: true,
                    ..PlanAppendix::default()
                }));
                Placed::MOVED
            }
            None => {
                let (table, checks) = generic::table(&read);
                let block = Block::Fields(Box::new(BlockFields {
                    table: Some(table),
                    ..BlockFields::default()
                }));
                if l.marker.is_none() {
                    let title = title.clone().filter(|t| !t.is_empty());
                    if title.is_none() {
                        notes.add(
                            at.clone(),
                            "một bảng sau phần chữ ký không có tên phụ lục: đặt tên cho nó",
                        );
                    }
                    for c in checks {
                        notes.add(at.clone(), c);
                    }
                    appendices.push(PlanAppendix {
                        title: Some(title.unwrap_or_else(|| "Bảng số liệu".into())),
                        body: vec![block],
                        ..PlanAppendix::default()
                    });
                    Placed::MOVED
                } else {
                    Placed {
                        block: Some(block),
                        checks,
                    }
                }
            }
        };
        if let Some(m) = l.marker {
            placed.insert(m, block);
        }
    }
    place::all(file, notes, placed, appendices);
}

/// What a table holds of the plan's data.
enum Data {
    /// The tasks: what the body keeps of them.
    Tasks(crate::model::TaskBody),
    Funding,
}

fn classify(
    plan: &mut crate::model::Plan,
    units: &mut BTreeMap<String, crate::model::Unit>,
    notes: &mut Notes,
    read: &Read,
    at: &str,
) -> Option<Data> {
    if let Some(cols) = assignment::Columns::of(read) {
        return Some(Data::Tasks(assignment::apply(
            plan, units, notes, read, &cols, at,
        )));
    }
    let cols = money::Columns::of(read)?;
    money::apply(plan, notes, read, &cols);
    Some(Data::Funding)
}
