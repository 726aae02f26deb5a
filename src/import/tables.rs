//! The tables of an imported document read as the plan's data, never as
//! loose paragraphs: an assignment table (TT | Nội dung | Cơ quan chủ trì
//! | Cơ quan phối hợp | Thời gian | Kết quả) as the tasks, units linked and
//! timelines parsed; a funding table (Nội dung | Tổng | a column a
//! source) as `plan.funding` and the tasks' funding lines; any other table
//! as a table block where it stood, or a Phụ lục of the author's own.
//!
//! The readers give each cell's paragraphs their place (table, row,
//! column of the grid). `take` lifts the data tables (three columns or
//! more: the header and the signature are two-column tables) out of the
//! flow before recognition, with the Phụ lục lines above them; `apply`
//! maps them onto what recognition found.

use std::collections::{BTreeMap, BTreeSet};

use super::ir::{Appendix, Block, Doc, Funding, Section, Table, TaskKey, TaskLine, UnitDecl};
use super::mentions;
use super::para::Para;

/// A table lifted out of the flow.
#[derive(Debug, Clone, Default)]
pub struct Lifted {
    /// Rows of cells; a cell is its paragraphs' texts.
    grid: Vec<Vec<Vec<String>>>,
    /// "Đơn vị tính: …" above the table.
    unit: Option<String>,
    /// Set for a table after the signature: the Phụ lục's title.
    appendix: Option<String>,
    /// For a table in the body: the text of the paragraph standing in
    /// its place until `apply`.
    marker: Option<String>,
}

/// Opens the stand-in paragraph of a table in the body (a character no
/// document types).
const MARKER: &str = "\u{FFFC}bảng ";

/// The flow without its data tables, and those tables.
pub fn take(paras: &[Para]) -> (Vec<Para>, Vec<Lifted>) {
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
        let grid = grid(&cells[&t]);
        // One table read as two: nothing between them (a word processor
        // cannot keep two tables apart without a paragraph; a .doc starts
        // another where the rows' cells change), or the same header again
        // after a page break with only page numbers between (a PDF).
        if let Some(prev) = lifted.last_mut()
            && after_last <= flow.len()
            && (after_last == flow.len()
                || flow[after_last..].iter().all(|p| is_page_number(&p.text()))
                    && !grid.is_empty()
                    && prev.grid.first() == grid.first())
        {
            flow.truncate(after_last);
            let repeated = grid
                .iter()
                .zip(&prev.grid)
                .take_while(|(a, b)| a == b)
                .count();
            prev.grid.extend(grid.into_iter().skip(repeated));
            let cols = prev.grid.iter().map(Vec::len).max().unwrap_or(0);
            for row in &mut prev.grid {
                row.resize(cols, Vec::new());
            }
            continue;
        }
        let after = start > signature;
        let unit = take_unit(&mut flow);
        let appendix = after.then(|| take_caption(&mut flow));
        let marker = (!after).then(|| {
            let m = format!("{MARKER}{}", lifted.len());
            flow.push(Para::new(&m));
            m
        });
        lifted.push(Lifted {
            grid,
            unit,
            appendix,
            marker,
        });
        after_last = flow.len();
    }
    (flow, lifted)
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

fn grid(cells: &[&Para]) -> Vec<Vec<Vec<String>>> {
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

fn is_page_number(t: &str) -> bool {
    !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit())
}

fn take_unit(flow: &mut Vec<Para>) -> Option<String> {
    let last = flow.last()?;
    let text = last.text();
    (last.place.table.is_none() && text.starts_with("Đơn vị tính")).then(|| {
        flow.pop();
        text
    })
}

/// The lines of a Phụ lục above its table ("Phụ lục I", its title, "(Kèm
/// theo Kế hoạch số …)"), taken out of the flow: the title.
fn take_caption(flow: &mut Vec<Para>) -> String {
    let Some(start) = flow
        .iter()
        .rposition(|p| p.place.table.is_none() && p.text().starts_with("Phụ lục"))
        .filter(|&s| flow.len() - s <= 5)
    else {
        return String::new();
    };
    let lines: Vec<String> = flow.drain(start..).map(|p| p.text()).collect();
    let mut title: Vec<String> = Vec::new();
    if let Some((_, t)) = lines[0].split_once(':') {
        title.push(t.trim().to_string());
    }
    title.extend(lines[1..].iter().filter(|l| !l.starts_with('(')).cloned());
    title.join(" ")
}

/// A lifted table with its header told from its body.
struct Read {
    lifted: Lifted,
    header: usize,
    cols: usize,
    /// Each column's title: the lowest header cell in it.
    titles: Vec<String>,
}

impl Read {
    fn new(mut lifted: Lifted) -> Read {
        let cols = lifted.grid.first().map_or(0, Vec::len);
        for row in &mut lifted.grid {
            label_over_empty_cells(row);
        }
        let header = lifted
            .grid
            .iter()
            .position(|r| is_body_row(r))
            .unwrap_or(1)
            .clamp(1, 3)
            .min(lifted.grid.len());
        split_header_cells(&mut lifted.grid[..header]);
        let titles = (0..cols)
            .map(|c| {
                lifted.grid[..header]
                    .iter()
                    .rev()
                    .map(|r| text(&r[c]))
                    .find(|t| !t.is_empty())
                    .unwrap_or_default()
            })
            .collect();
        Read {
            lifted,
            header,
            cols,
            titles,
        }
    }

    fn body(&self) -> &[Vec<Vec<String>>] {
        &self.lifted.grid[self.header..]
    }

    /// The first column whose title holds one of `words`.
    fn column(&self, words: &[&str]) -> Option<usize> {
        self.titles.iter().position(|t| {
            let t = t.to_lowercase();
            words.iter().any(|w| t.contains(w))
        })
    }
}

/// A totals row whose label spans the first columns, read from a PDF,
/// where a column is counted by the rules crossing the row: its cells come
/// one column early. The empty cells at its end go after the label.
fn label_over_empty_cells(row: &mut [Vec<String>]) {
    if !row.first().is_some_and(|c| is_total(&text(c))) {
        return;
    }
    let empty = row.iter().rev().take_while(|c| c.is_empty()).count();
    if empty == 0 || empty >= row.len() - 1 {
        return;
    }
    row[1..].rotate_right(empty);
}

/// A header cell spanning two rows, read from a PDF as two cells, one
/// above the other (its lines fall on either side of the neighbours'
/// rule): one cell, in the upper row. A cell over one column only with
/// another cell under it is one cell cut in two.
fn split_header_cells(header: &mut [Vec<Vec<String>>]) {
    for r in 0..header.len().saturating_sub(1) {
        let cols = header[r].len();
        for c in 0..cols {
            let alone = c + 1 >= cols || !header[r][c + 1].is_empty();
            if !header[r][c].is_empty() && alone && !header[r + 1][c].is_empty() {
                let below = std::mem::take(&mut header[r + 1][c]);
                header[r][c].extend(below);
            }
        }
    }
}

/// A cell's paragraphs as one line.
fn text(cell: &[String]) -> String {
    cell.join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A row label: "1", "4.1", "III", "a".
fn is_label(t: &str) -> bool {
    let t = t.trim_end_matches(['.', ')']);
    !t.is_empty()
        && (t.chars().all(|c| c.is_ascii_digit() || c == '.')
            || t.chars().all(|c| "IVXL".contains(c))
            || (t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_lowercase())))
}

fn is_total(t: &str) -> bool {
    let l = t.to_lowercase();
    l.starts_with("tổng cộng") || l == "tổng số" || l == "cộng" || l == "tổng"
}

fn is_number(t: &str) -> bool {
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A body row: it opens with a row label, totals its columns, or holds a
/// number.
fn is_body_row(row: &[Vec<String>]) -> bool {
    let first = row.first().map(|c| text(c)).unwrap_or_default();
    is_label(&first)
        || row
            .iter()
            .any(|c| is_total(&text(c)) || is_number(&text(c)))
}

/// Maps the lifted tables onto the recognised document.
pub fn apply(doc: &mut Doc, lifted: Vec<Lifted>) {
    let mut placed: BTreeMap<String, Option<Block>> = BTreeMap::new();
    // The contents of the assignment appendix's rows, where there is one.
    let mut rows_of_tasks: Option<Vec<String>> = None;
    for l in lifted {
        let read = Read::new(l);
        let marker = read.lifted.marker.clone();
        let title = read.lifted.appendix.clone().filter(|t| !t.is_empty());
        let block = if let Some(cols) = TaskColumns::of(&read) {
            let kept = tasks(doc, &read, &cols);
            if read.lifted.appendix.is_some() {
                rows_of_tasks
                    .get_or_insert_with(Vec::new)
                    .extend(read.body().iter().map(|r| text(&r[cols.content])));
                doc.appendices.push(Appendix::Tasks {
                    title: title.filter(|t| t != "PHÂN CÔNG NHIỆM VỤ THỰC HIỆN KẾ HOẠCH"),
                    body: kept,
                });
            }
            None
        } else if let Some(cols) = FundingColumns::of(&read) {
            funding(doc, &read, &cols);
            if read.lifted.appendix.is_some() {
                doc.appendices.push(Appendix::Funding {
                    title: title.filter(|t| t != "KINH PHÍ THỰC HIỆN KẾ HOẠCH"),
                });
            }
            None
        } else {
            let table = table(&read);
            match &read.lifted.appendix {
                Some(t) => {
                    // A Phụ lục needs a title: an untitled table after the
                    // signature gets one to check.
                    let title = if t.is_empty() {
                        doc.checks.push((
                            "appendices",
                            "một bảng sau phần chữ ký không có tên phụ lục: đặt tên cho nó".into(),
                        ));
                        "BẢNG SỐ LIỆU".to_string()
                    } else {
                        t.clone()
                    };
                    doc.appendices.push(Appendix::Table { title, table });
                    None
                }
                None => Some(Block::Table(table)),
            }
        };
        if let Some(m) = marker {
            placed.insert(m, block);
        }
    }
    if let Some(rows) = rows_of_tasks {
        plain_assignments(&mut doc.sections, &rows);
    }
    let appendix_keys = appendix_keys(doc);
    // A table before the first section has no block to stand in (the
    // intro is one sentence): it opens the first section.
    let before: Vec<String> = doc
        .intro
        .iter()
        .filter(|t| t.starts_with(MARKER))
        .cloned()
        .collect();
    doc.intro.retain(|t| !t.starts_with(MARKER));
    if let Some(first) = doc.sections.first_mut() {
        for (i, m) in before.into_iter().enumerate() {
            first.body.insert(i, Block::Para(m));
        }
    }
    // A table last before Nơi nhận was taken for the closing paragraph.
    if let Some(m) = doc.closing.take_if(|c| c.starts_with(MARKER)) {
        match last_section(&mut doc.sections) {
            Some(s) => s.body.push(Block::Para(m)),
            None => doc.body.push(Block::Para(m)),
        }
    }
    place(&mut doc.sections, &placed, &appendix_keys);
    place_blocks(&mut doc.body, &placed, &appendix_keys);
}

/// A sentence that gives units work becomes a row of the assignment
/// appendix: where the document has that appendix, the sentences it does
/// not list stay plain text.
fn plain_assignments(list: &mut [Section], rows: &[String]) {
    fn items(list: &mut [super::ir::Item], rows: &[String]) {
        for i in list {
            if i.assign && !rows.contains(&i.text) {
                i.assign = false;
            }
            items(&mut i.children, rows);
        }
    }
    for s in list {
        for b in &mut s.body {
            match b {
                Block::Assign(t) if !rows.contains(t) => *b = Block::Para(std::mem::take(t)),
                Block::List(l) => items(l, rows),
                _ => {}
            }
        }
        if s.sentence == Some(super::ir::Numbered::Assign) && !rows.contains(&s.title) {
            s.sentence = Some(super::ir::Numbered::Text);
        }
        plain_assignments(&mut s.sections, rows);
    }
}

/// The key each appendix goes by in the body, by its label ("I", "II").
fn appendix_keys(doc: &Doc) -> Vec<(String, String)> {
    let many = doc.appendices.len() > 1;
    doc.appendices
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let label = if many {
                crate::vn::roman(i as u32 + 1)
            } else {
                String::new()
            };
            let key = match a {
                Appendix::Tasks { .. } => "tasks".to_string(),
                Appendix::Funding { .. } => "funding".to_string(),
                Appendix::Table { .. } => return None,
            };
            Some((label, key))
        })
        .collect()
}

/// The section the document's text ends in.
fn last_section(list: &mut [Section]) -> Option<&mut Section> {
    let last = list.last_mut()?;
    if last.sections.is_empty() {
        Some(last)
    } else {
        last_section(&mut last.sections)
    }
}

fn place(
    list: &mut [Section],
    placed: &BTreeMap<String, Option<Block>>,
    keys: &[(String, String)],
) {
    for s in list {
        place_blocks(&mut s.body, placed, keys);
        place(&mut s.sections, placed, keys);
    }
}

/// Puts each table where its stand-in is, and makes the paragraphs that
/// send the reader to a data appendix refer to it.
fn place_blocks(
    blocks: &mut Vec<Block>,
    placed: &BTreeMap<String, Option<Block>>,
    keys: &[(String, String)],
) {
    let old = std::mem::take(blocks);
    for b in old {
        match b {
            Block::Para(t) if t.starts_with(MARKER) => {
                if let Some(Some(table)) = placed.get(&t) {
                    blocks.push(table.clone());
                }
            }
            Block::Para(t) => match refer(&t, keys) {
                Some((text, appendix)) => blocks.push(Block::Refer {
                    text,
                    key: "appendix",
                    value: appendix,
                    in_words: true,
                }),
                None => blocks.push(Block::Para(t)),
            },
            b => blocks.push(b),
        }
    }
}

/// "Kinh phí của từng nhiệm vụ tại Phụ lục II kèm theo Kế hoạch này."
/// → ("Kinh phí của từng nhiệm vụ", "funding").
fn refer(t: &str, keys: &[(String, String)]) -> Option<(String, String)> {
    let (text, rest) = t.rsplit_once(" tại Phụ lục")?;
    let rest = rest.trim_start();
    let (label, tail) = if rest.starts_with("kèm theo") {
        ("", rest)
    } else {
        rest.split_once(' ')?
    };
    if !tail.starts_with("kèm theo Kế hoạch này") {
        return None;
    }
    keys.iter()
        .find(|(l, _)| l == label)
        .map(|(_, k)| (text.to_string(), k.clone()))
}

/// The columns of an assignment table.
struct TaskColumns {
    label: Option<usize>,
    content: usize,
    lead: usize,
    support: Option<usize>,
    timeline: Option<usize>,
    result: Option<usize>,
}

impl TaskColumns {
    fn of(r: &Read) -> Option<TaskColumns> {
        let lead = r.column(&["chủ trì"])?;
        let content = r.column(&["nội dung", "nhiệm vụ"])?;
        Some(TaskColumns {
            label: r
                .column(&["tt"])
                .filter(|&c| r.titles[c].chars().count() <= 3),
            content,
            lead,
            support: r.column(&["phối hợp"]),
            timeline: r.column(&["thời gian", "thời hạn", "tiến độ"]),
            result: r.column(&["kết quả", "sản phẩm"]).filter(|&c| c != content),
        })
    }
}

/// Gives each row of an assignment table to its task: the section the
/// body numbers as the row is, else a new section. Returns what the body
/// keeps of each task: `all` where it says who does the work, `content`
/// where it says what, else `none`.
fn tasks(doc: &mut Doc, r: &Read, cols: &TaskColumns) -> &'static str {
    let cell = |row: &[Vec<String>], c: Option<usize>| c.map(|c| text(&row[c])).unwrap_or_default();
    let mut top: Option<usize> = None;
    let mut kept = false;
    let mut said = false;
    let mut created: Vec<Section> = Vec::new();
    for row in r.body() {
        let label = cell(row, cols.label);
        let content = text(&row[cols.content]);
        let lead = &row[cols.lead];
        if content.is_empty() {
            continue;
        }
        if lead.is_empty() {
            // A group row: "III | NHIỆM VỤ VÀ GIẢI PHÁP".
            if label.chars().all(|c| "IVXL.".contains(c)) && !label.is_empty() {
                let roman = label.trim_end_matches('.');
                top = doc
                    .sections
                    .iter()
                    .position(|s| s.label.trim_end_matches(['.', ')']) == roman);
            }
            continue;
        }
        let lines = assigned(doc, lead, cols.support.map_or(&[][..], |c| &row[c][..]));
        let timeline = cell(row, cols.timeline);
        let result = cell(row, cols.result);
        let scope: &mut [Section] = match top {
            Some(t) => std::slice::from_mut(&mut doc.sections[t]),
            None => &mut doc.sections,
        };
        let found = find(scope, label.trim_end_matches(['.', ')']), &content);
        let year = doc.date.year.unwrap_or(0);
        match found {
            Some(s) => {
                kept |= s
                    .task
                    .iter()
                    .any(|t| matches!(t.key, TaskKey::Units | TaskKey::Timeline));
                said |= fill_task(s, &content, lines, &timeline, &result, year);
            }
            None => {
                // A numbered paragraph (`text:`) whose task is the row.
                let mut s = Section {
                    label: format!("{}.", created.len() + 1),
                    title: content.clone(),
                    sentence: Some(super::ir::Numbered::Text),
                    bold: true,
                    ..Section::default()
                };
                fill_task(&mut s, &content, lines, &timeline, &result, year);
                created.push(s);
            }
        }
    }
    if !created.is_empty() {
        doc.sections.push(Section {
            label: crate::vn::roman(doc.sections.len() as u32 + 1) + ".",
            title: "Nhiệm vụ".into(),
            bold: true,
            sections: created,
            check: Some(
                "các nhiệm vụ này chỉ có trong bảng phân công: đặt lại vào mục của chúng".into(),
            ),
            ..Section::default()
        });
    }
    if kept {
        "all"
    } else if said {
        "content"
    } else {
        "none"
    }
}

/// The section numbered `label` (or whose content is `content`) in `scope`.
fn find<'a>(scope: &'a mut [Section], label: &str, content: &str) -> Option<&'a mut Section> {
    fn by<'a>(list: &'a mut [Section], f: &dyn Fn(&Section) -> bool) -> Option<&'a mut Section> {
        for s in list {
            if f(s) {
                return Some(s);
            }
            if let Some(x) = by(&mut s.sections, f) {
                return Some(x);
            }
        }
        None
    }
    let same = |s: &Section| {
        s.task
            .iter()
            .any(|t| t.key == TaskKey::Content && t.text == content)
            || s.body.iter().any(|b| match b {
                Block::List(items) => items.iter().any(|i| i.text.ends_with(content)),
                Block::Para(t) => t.ends_with(content),
                _ => false,
            })
    };
    let labelled = |s: &Section| {
        !label.is_empty() && s.label.trim_end_matches(['.', ')']) == label && s.sections.is_empty()
    };
    // The content decides where labels are numbered another way.
    if by(scope, &same).is_some() {
        return by(scope, &same);
    }
    by(scope, &labelled)
}

/// Makes the section a task: its content line (from the body's "Nội dung
/// thực hiện:" line, else the table's), the units, timeline and result.
/// Returns whether the body stated the content.
fn fill_task(
    s: &mut Section,
    content: &str,
    assigned: Vec<TaskLine>,
    timeline: &str,
    result: &str,
    year: i32,
) -> bool {
    let said = if s.task.is_empty() {
        let (lines, said) = body_task(s, content);
        s.task = lines;
        said
    } else {
        s.task.iter().any(|t| t.key == TaskKey::Content)
    };
    s.task
        .retain(|t| !matches!(t.key, TaskKey::Units | TaskKey::Timeline | TaskKey::Result));
    let at = s
        .task
        .iter()
        .position(|t| t.key == TaskKey::Content)
        .map_or(0, |i| i + 1);
    let mut add = assigned;
    if !timeline.is_empty() {
        let value = super::timeline::value(&format!("{timeline}."), year)
            .unwrap_or_else(|| format!("{{ text: {} }}", super::emit::quoted(timeline)));
        add.push(line(TaskKey::Timeline, "", Some(value)));
    }
    if !result.is_empty() {
        add.push(line(TaskKey::Result, result, None));
    }
    s.task.splice(at..at, add);
    said
}

/// The task the body of a section states in lines ("- Nội dung thực
/// hiện: …", "- Kinh phí: …"), or the table's content alone; and
/// whether the body stated the content.
fn body_task(s: &mut Section, content: &str) -> (Vec<TaskLine>, bool) {
    let mut lines = Vec::new();
    if let Some(Block::List(items)) = s.body.last()
        && items.iter().all(|i| {
            i.children.is_empty()
                && i.text
                    .split_once(':')
                    .is_some_and(|(l, _)| l.split_whitespace().count() <= 6)
        })
    {
        for i in items {
            let (label, t) = i.text.split_once(':').unwrap_or_default();
            let (label, t) = (label.trim(), t.trim());
            if label == "Nội dung thực hiện" || label == "Nội dung" {
                lines.push(line(TaskKey::Content, t, None));
            } else {
                let mut l = line(TaskKey::Text, t, None);
                l.label = Some(label.to_string());
                lines.push(l);
            }
        }
        s.body.pop();
    }
    let said = lines.iter().any(|l| l.key == TaskKey::Content);
    if !said && s.body.is_empty() && s.sentence.is_none() {
        lines.insert(0, line(TaskKey::Content, content, None));
    }
    (lines, said)
}

fn line(key: TaskKey, text: &str, timeline: Option<String>) -> TaskLine {
    TaskLine {
        key,
        label: None,
        text: text.to_string(),
        blocks: Vec::new(),
        timeline,
    }
}

/// The units of a row, each declared (with a key of its own when the
/// document names it nowhere else).
fn assigned(doc: &mut Doc, lead: &[String], support: &[String]) -> Vec<TaskLine> {
    let lead = unit_keys(doc, lead);
    let support = unit_keys(doc, support);
    vec![line(TaskKey::Assigned { lead, support }, "", None)]
}

fn unit_keys(doc: &mut Doc, cell: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for name in cell.iter().flat_map(|p| unit_names(p)) {
        let declared = mentions::declared(&doc.units);
        let known = crate::units::Units::new(&declared);
        if let Some(k) = known.resolve(&name) {
            out.push(k.to_string());
            continue;
        }
        let taken: Vec<String> = doc.units.iter().map(|u| u.key.clone()).collect();
        let key = mentions::key_for(&name, &taken);
        doc.units.push(UnitDecl {
            key: key.clone(),
            name,
            aliases: Vec::new(),
            mentions: 1,
        });
        out.push(key);
    }
    out
}

/// Nouns that open an agency's name, where a cell lists several units
/// one after another (a PDF's wrapped lines run them together).
const HEADS: [&str; 12] = [
    "Sở ",
    "Ủy ban ",
    "Uỷ ban ",
    "UBND ",
    "Phòng ",
    "Ban ",
    "Hội đồng ",
    "Trung tâm ",
    "Chi cục ",
    "Báo ",
    "Đài ",
    "Văn phòng ",
];

/// The unit names of one paragraph of a cell: split at "; ", at a line
/// break, and before an agency noun that opens another name.
fn unit_names(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in p.split([';', '\n']) {
        let words: Vec<&str> = part.split_whitespace().collect();
        let mut cur: Vec<&str> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let rest = words[i..].join(" ") + " ";
            let opens = HEADS.iter().any(|h| rest.starts_with(h));
            let joined = cur.last().is_some_and(|l| *l == "và" || l.ends_with(','));
            if opens && !cur.is_empty() && !joined {
                out.push(cur.join(" "));
                cur.clear();
            }
            cur.push(w);
        }
        if !cur.is_empty() {
            out.push(cur.join(" "));
        }
    }
    out.into_iter()
        .map(|u| u.trim_end_matches(['.', ',']).trim().to_string())
        .filter(|u| !u.is_empty())
        .collect()
}

/// The columns of a funding table.
struct FundingColumns {
    content: usize,
    total: Option<usize>,
    /// (column, source name).
    sources: Vec<(usize, String)>,
}

impl FundingColumns {
    fn of(r: &Read) -> Option<FundingColumns> {
        let content = r.column(&["nội dung", "nhiệm vụ", "hạng mục"])?;
        let title = r.titles.join(" ").to_lowercase();
        let money = r.lifted.unit.as_deref().is_some_and(|u| u.contains("đồng"))
            || title.contains("kinh phí")
            || title.contains("ngân sách");
        if !money {
            return None;
        }
        let numeric = |c: usize| {
            r.body()
                .iter()
                .all(|row| row[c].is_empty() || is_number(&text(&row[c])) || text(&row[c]) == "-")
        };
        let total = r.column(&["tổng"]).filter(|&c| c != content && numeric(c));
        let sources: Vec<(usize, String)> = (0..r.cols)
            .filter(|&c| c != content && Some(c) != total && numeric(c))
            .filter(|&c| !r.titles[c].is_empty() && r.titles[c].chars().count() > 3)
            .map(|c| (c, r.titles[c].clone()))
            .collect();
        (!sources.is_empty()).then_some(FundingColumns {
            content,
            total,
            sources,
        })
    }
}

/// A source's key: the usual ones by name, else the initials.
fn source_key(name: &str, taken: &[(String, String, Option<String>)]) -> String {
    let l = name.to_lowercase();
    let known = [
        ("trung ương", "nstw"),
        ("ngân sách tỉnh", "nst"),
        ("ngân sách huyện", "nsh"),
        ("ngân sách xã", "nsx"),
        ("lồng ghép", "lg"),
        ("xã hội hóa", "xhh"),
        ("xã hội hoá", "xhh"),
        ("tín dụng", "td"),
        ("vốn vay", "vv"),
    ];
    let base = known
        .iter()
        .find(|(w, _)| l.contains(w))
        .map(|(_, k)| k.to_string())
        .unwrap_or_else(|| {
            crate::text::slug(name)
                .split('-')
                .filter_map(|w| w.chars().next())
                .take(8)
                .collect::<String>()
        });
    let base = if base.is_empty() {
        "nguon".into()
    } else {
        base
    };
    let mut key = base.clone();
    let mut n = 2;
    while taken.iter().any(|(k, ..)| *k == key) {
        key = format!("{base}{n}");
        n += 1;
    }
    key
}

/// The funding table as `plan.funding`: a row named as a task's section
/// is that task's funding line (and the body's "Kinh phí:" line, which
/// ocop prints from it, goes); the others are items; "Tổng cộng" is the
/// stated total.
fn funding(doc: &mut Doc, r: &Read, cols: &FundingColumns) {
    let mut f = Funding {
        unit: r
            .lifted
            .unit
            .as_deref()
            .and_then(|u| u.split_once(':'))
            .map(|(_, u)| u.trim().to_string()),
        ..Funding::default()
    };
    for (_, name) in &cols.sources {
        let key = source_key(name, &f.sources);
        f.sources.push((key, name.clone(), None));
    }
    for row in r.body() {
        let content = text(&row[cols.content]);
        let first = text(&row[0]);
        let amounts: Vec<(String, String)> = cols
            .sources
            .iter()
            .zip(&f.sources)
            .map(|((c, _), (k, ..))| (k.clone(), text(&row[*c])))
            .filter(|(_, a)| is_number(a))
            .collect();
        if is_total(&content) || is_total(&first) {
            f.total = cols.total.map(|c| text(&row[c])).filter(|t| is_number(t));
            for ((c, _), source) in cols.sources.iter().zip(&mut f.sources) {
                source.2 = Some(text(&row[*c])).filter(|t| is_number(t));
            }
            continue;
        }
        if content.is_empty() {
            continue;
        }
        match task_titled(&mut doc.sections, &content) {
            Some(s) => {
                s.task.retain(|t| t.label.as_deref() != Some("Kinh phí"));
                s.task.push(line(TaskKey::Funding(amounts), "", None));
            }
            None => f.items.push((content, amounts)),
        }
    }
    views(&mut doc.sections, &f);
    doc.funding = Some(f);
}

/// The body's lines that state the funding's total ("Tổng kinh phí …:
/// 2.040 triệu đồng (Bằng chữ: …).") and its sources ("Trong đó:" and a
/// line a source, each its stated total) as the views ocop prints from
/// the numbers, so they cannot drift from the table.
fn views(list: &mut [Section], f: &Funding) {
    let unit = f.unit.as_deref().unwrap_or("đồng");
    let total = f.total.as_ref().map(|t| format!("{t} {unit}"));
    for s in list.iter_mut() {
        let old = std::mem::take(&mut s.body);
        let mut i = 0;
        while i < old.len() {
            let stated = match &old[i] {
                Block::Para(t) => total.as_deref().and_then(|total| total_line(t, total)),
                _ => None,
            };
            if let Some((text, in_words)) = stated {
                s.body.push(Block::Refer {
                    text,
                    key: "funding",
                    value: "total".into(),
                    in_words,
                });
            } else if let (Block::Para(t), Some(Block::List(items))) = (&old[i], old.get(i + 1))
                && source_lines(items, f, unit)
            {
                s.body.push(Block::Refer {
                    text: t.clone(),
                    key: "funding",
                    value: "sources".into(),
                    in_words: true,
                });
                i += 1;
            } else {
                s.body.push(old[i].clone());
            }
            i += 1;
        }
        views(&mut s.sections, f);
    }
}

/// A line a source, in order, each with the total its totals row states:
/// "Ngân sách tỉnh: 540 triệu đồng;", the last ending with ".".
fn source_lines(items: &[super::ir::Item], f: &Funding, unit: &str) -> bool {
    items.len() == f.sources.len()
        && items
            .iter()
            .zip(&f.sources)
            .enumerate()
            .all(|(k, (it, src))| {
                let end = if k + 1 == items.len() { "." } else { ";" };
                src.2.as_ref().is_some_and(|a| {
                    it.children.is_empty() && it.text == format!("{}: {a} {unit}{end}", src.1)
                })
            })
}

/// "Tổng kinh phí thực hiện: 2.040 triệu đồng (Bằng chữ: …)." with
/// `total` "2.040 triệu đồng": its lead-in, and whether it says the
/// amount in words.
fn total_line(t: &str, total: &str) -> Option<(String, bool)> {
    let (lead, rest) = t.split_once(": ")?;
    let rest = rest.strip_prefix(total)?;
    if rest == "." {
        return Some((lead.to_string(), false));
    }
    (rest.starts_with(" (Bằng chữ: ") && rest.ends_with(").")).then(|| (lead.to_string(), true))
}

fn task_titled<'a>(list: &'a mut [Section], title: &str) -> Option<&'a mut Section> {
    for s in list {
        if !s.task.is_empty() && s.title == title {
            return Some(s);
        }
        if let Some(x) = task_titled(&mut s.sections, title) {
            return Some(x);
        }
    }
    None
}

/// Any other table, as the author's table block.
fn table(r: &Read) -> Table {
    let h = r.header;
    let mut grid = r.lifted.grid[..h].to_vec();
    // A column title with nothing above it, where no group title to its
    // left reaches over it, spans the header's rows (a PDF gives it in
    // the row its lines fall in).
    for c in 0..r.cols {
        if h < 2 || grid[..h - 1].iter().any(|row| !row[c].is_empty()) {
            continue;
        }
        let left = (0..c).rev().find(|&k| !grid[0][k].is_empty());
        let grouped = left.is_some_and(|k| grid[1..].iter().any(|row| !row[k].is_empty()));
        if !grouped {
            grid[0][c] = std::mem::take(&mut grid[h - 1][c]);
        }
    }
    let mut titles: Vec<Option<String>> = r.titles.iter().map(|t| Some(t.clone())).collect();
    let mut header = Vec::new();
    // Rows above the titles' row: each cell spans the columns up to the
    // next cell, and down into the titles' row where nothing is below it.
    for (ri, row) in grid[..h.saturating_sub(1)].iter().enumerate() {
        let at: Vec<usize> = (0..r.cols).filter(|&c| !row[c].is_empty()).collect();
        let mut cells = Vec::new();
        for (k, &c) in at.iter().enumerate() {
            let end = at.get(k + 1).copied().unwrap_or(r.cols);
            let below = grid[ri + 1..].iter().any(|x| !x[c].is_empty());
            let rows = if below { 1 } else { h - ri };
            if !below {
                titles[c] = None;
            }
            let cols = if below { end - c } else { 1 };
            cells.push((c, cols, rows, text(&row[c])));
        }
        header.push(cells);
    }
    Table {
        unit: r.lifted.unit.clone(),
        columns: r.cols,
        header,
        titles,
        rows: r
            .body()
            .iter()
            .map(|row| row.iter().map(|c| text(c)).collect())
            .collect(),
    }
}

/// A number as typed, plain in YAML (ocop reads amounts as typed).
fn number(t: &str) -> String {
    if is_number(t) {
        t.to_string()
    } else {
        super::emit::scalar(t)
    }
}

/// `{ nst: 30, xhh: 150 }`
pub fn amounts(list: &[(String, String)]) -> String {
    let parts: Vec<String> = list
        .iter()
        .map(|(k, a)| format!("{k}: {}", number(a)))
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

/// The lines of `funding:` (depth, text).
pub fn emit_funding(f: &Funding) -> Vec<(usize, String)> {
    use super::emit::{flow_scalar, scalar};
    let mut out = vec![(0, "funding:".to_string())];
    if let Some(u) = &f.unit {
        out.push((1, format!("unit: {}", scalar(u))));
    }
    out.push((1, "sources:".into()));
    for (k, n, total) in &f.sources {
        let total = total
            .as_ref()
            .map(|t| format!(", total: {}", number(t)))
            .unwrap_or_default();
        out.push((
            2,
            format!("- {{ key: {k}, name: {}{total} }}", flow_scalar(n)),
        ));
    }
    if !f.items.is_empty() {
        out.push((1, "items:".into()));
        for (content, a) in &f.items {
            out.push((2, format!("- content: {}", scalar(content))));
            out.push((3, format!("amounts: {}", amounts(a))));
        }
    }
    if let Some(t) = &f.total {
        out.push((1, format!("total: {}", number(t))));
    }
    out
}

/// The lines of `appendices:` (depth, text).
pub fn emit_appendices(list: &[Appendix]) -> Vec<(usize, String)> {
    use super::emit::scalar;
    let mut out = vec![(0, "appendices:".to_string())];
    for a in list {
        let title = match a {
            Appendix::Tasks { title, body } => {
                out.push((1, format!("- tasks: {{ body: {body} }}")));
                title.clone()
            }
            Appendix::Funding { title } => {
                out.push((1, "- funding: true".into()));
                title.clone()
            }
            Appendix::Table { title, table } => {
                out.push((1, format!("- title: {}", scalar(title))));
                out.push((2, "body:".into()));
                out.extend(emit_table(table).into_iter().map(|(d, l)| (d + 3, l)));
                continue;
            }
        };
        if let Some(t) = title {
            out.push((2, format!("title: {}", scalar(&t))));
        }
    }
    out
}

/// A column's relative width from what it holds: its longest word, its
/// longest cell (to a point), half its title.
fn width(t: &Table, c: usize) -> usize {
    let chars = |s: &str| s.chars().count();
    let header = t
        .header
        .iter()
        .flatten()
        .filter(|h| h.0 == c && h.1 == 1)
        .map(|h| h.3.as_str())
        .chain(t.titles[c].as_deref());
    let mut need = 0;
    for h in header {
        need = need.max(chars(h).min(24) / 2);
        need = need.max(h.split_whitespace().map(chars).max().unwrap_or(0));
    }
    for r in t
        .rows
        .iter()
        .filter(|r| !r.iter().take(2).any(|x| is_total(x)))
    {
        need = need.max(chars(&r[c]).min(30));
    }
    need.clamp(3, 20)
}

/// The lines of a `- table:` block (depth, text).
pub fn emit_table(t: &Table) -> Vec<(usize, String)> {
    use super::emit::{flow_scalar, scalar};
    let mut out = vec![(0, "- table:".to_string())];
    if let Some(u) = &t.unit {
        out.push((2, format!("unit: {}", scalar(u))));
    }
    if !t.header.is_empty() {
        out.push((2, "header:".into()));
        for row in &t.header {
            for (i, (_, cols, rows, text)) in row.iter().enumerate() {
                let mut fields = vec![format!("text: {}", flow_scalar(text))];
                if *cols > 1 {
                    fields.push(format!("cols: {cols}"));
                }
                if *rows > 1 {
                    fields.push(format!("rows: {rows}"));
                }
                let dash = if i == 0 { "- - " } else { "  - " };
                out.push((3, format!("{dash}{{ {} }}", fields.join(", "))));
            }
        }
    }
    let (rows, total) = match t.rows.last() {
        Some(last) if last.iter().take(2).any(|c| is_total(c)) => {
            (&t.rows[..t.rows.len() - 1], Some(last))
        }
        _ => (&t.rows[..], None),
    };
    let numbers: Vec<bool> = (0..t.columns)
        .map(|c| {
            c > 0
                && rows.iter().any(|r| is_number(&r[c]))
                && rows
                    .iter()
                    .all(|r| r[c].is_empty() || r[c] == "-" || is_number(&r[c]))
        })
        .collect();
    out.push((2, "columns:".into()));
    let widths: Vec<usize> = (0..t.columns).map(|c| width(t, c)).collect();
    // No column under a twentieth of the table: one that narrow holds no
    // word.
    let least = widths.iter().sum::<usize>().div_ceil(20);
    for c in 0..t.columns {
        let mut fields = vec![format!("width: {}", widths[c].max(least))];
        if let Some(Some(title)) = t.titles.get(c) {
            fields.push(format!("title: {}", flow_scalar(title)));
        }
        if numbers[c] && total.is_some_and(|r| is_number(&r[c])) {
            fields.push("sum: true".into());
        } else if numbers[c] {
            fields.push("number: true".into());
        }
        out.push((3, format!("- {{ {} }}", fields.join(", "))));
    }
    out.push((2, "rows:".into()));
    let cells = |r: &[String]| {
        r.iter()
            .map(|c| flow_scalar(c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for r in rows {
        out.push((3, format!("- [{}]", cells(r))));
    }
    if let Some(r) = total {
        // The totals row as written (ocop checks its sums), its label
        // over the empty cells after it.
        let span = 1 + r[1..]
            .iter()
            .zip(&numbers[1..])
            .take_while(|(c, n)| c.is_empty() && !**n)
            .count();
        let mut cells_out = vec![if span > 1 {
            format!("{{ text: {}, cols: {span} }}", flow_scalar(&r[0]))
        } else {
            flow_scalar(&r[0])
        }];
        cells_out.extend(r[span..].iter().map(|c| flow_scalar(c)));
        out.push((2, format!("total: [{}]", cells_out.join(", "))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_of_a_cell_split_where_a_name_opens() {
        assert_eq!(
            unit_names("Sở Nông nghiệp và Môi trường Ủy ban nhân dân các xã, phường"),
            [
                "Sở Nông nghiệp và Môi trường",
                "Ủy ban nhân dân các xã, phường"
            ]
        );
        assert_eq!(
            unit_names("Báo và Phát thanh, Truyền hình Sơn La"),
            ["Báo và Phát thanh, Truyền hình Sơn La"]
        );
        assert_eq!(
            unit_names("Sở Y tế; Sở Công Thương."),
            ["Sở Y tế", "Sở Công Thương"]
        );
    }

    #[test]
    fn references_to_an_appendix() {
        let keys = vec![("I".to_string(), "tasks".to_string())];
        assert_eq!(
            refer(
                "Phân công cụ thể tại Phụ lục I kèm theo Kế hoạch này.",
                &keys
            ),
            Some(("Phân công cụ thể".into(), "tasks".into()))
        );
        assert_eq!(
            refer("Xem tại Phụ lục II kèm theo Kế hoạch này.", &keys),
            None
        );
    }

    #[test]
    fn labels_and_numbers() {
        assert!(is_label("4.1") && is_label("III") && is_label("2."));
        assert!(!is_label("TT") && !is_label("Tổng cộng"));
        assert!(is_number("2.040") && is_number("1,5") && !is_number("-"));
    }

    fn cell(table: usize, row: usize, col: usize, text: &str) -> Para {
        let mut p = Para::new(text);
        p.place = super::super::para::Place {
            table: Some(table),
            col,
            row,
        };
        p
    }

    /// A plan's paragraphs with one table after the section "1. …": each
    /// row its own table where `split` (as a .doc may give them).
    fn plan_with(rows: &[Vec<&str>], split: bool) -> Vec<Para> {
        let mut paras: Vec<Para> = ["KẾ HOẠCH", "I. CHỈ TIÊU", "1. Chỉ tiêu năm"]
            .iter()
            .map(|t| Para::new(t))
            .collect();
        for (r, row) in rows.iter().enumerate() {
            for (c, t) in row.iter().enumerate() {
                let (table, row) = if split { (r, 0) } else { (0, r) };
                paras.push(cell(table, row, c, t));
            }
        }
        paras.push(Para::new("Nơi nhận:"));
        paras
    }

    #[test]
    fn a_table_given_row_by_row_is_one_table_block_where_it_stood() {
        let rows = vec![
            vec!["TT", "Xã", "Số sản phẩm"],
            vec!["1", "Xã A", "3"],
            vec!["2", "Xã B", "4"],
        ];
        for split in [false, true] {
            let (flow, lifted) = take(&plan_with(&rows, split));
            assert_eq!(lifted.len(), 1, "split: {split}");
            assert!(flow.iter().all(|p| p.place.table.is_none()));
            let mut doc = super::super::recognise::recognise(&flow);
            apply(&mut doc, lifted);
            let yaml = super::super::emit::emit(&doc, "x.docx");
            assert!(yaml.contains("- table:"), "{yaml}");
            assert!(yaml.contains(r#"- ["2", Xã B, "4"]"#), "{yaml}");
            assert!(!yaml.contains('\u{FFFC}'), "{yaml}");
        }
    }

    #[test]
    fn large_and_wide_tables_are_read_whole() {
        let wide: Vec<String> = (0..60).map(|c| format!("Cột {c}")).collect();
        let mut rows: Vec<Vec<&str>> = vec![wide.iter().map(String::as_str).collect()];
        let numbers: Vec<String> = (0..2000).map(|i| i.to_string()).collect();
        let long = "x".repeat(10_000);
        for n in &numbers {
            let mut r = vec![n.as_str(); 60];
            r[1] = &long;
            rows.push(r);
        }
        let (flow, lifted) = take(&plan_with(&rows, false));
        let mut doc = super::super::recognise::recognise(&flow);
        apply(&mut doc, lifted);
        let Some(Block::Table(t)) = doc.sections[0].sections[0].body.first() else {
            panic!("a table block: {:?}", doc.sections);
        };
        assert_eq!((t.columns, t.rows.len()), (60, 2000));
        assert_eq!(t.rows[1999][1].len(), 10_000);
    }
}
