//! An assignment table (STT | Nội dung | Đơn vị chủ trì | Đơn vị phối
//! hợp | Thời gian | Kết quả) as the plan's tasks. The columns are found
//! by what their titles mean, in any order, any of them but the content
//! and the lead units missing. A row is the task the body numbers as the
//! row is (under the group row "III" it stands in), or whose content or
//! title it repeats; the body's task then gets the row's units, timeline
//! and result where it does not state them, and the table is the appendix
//! ocop makes from the tasks. A row the body has no task for becomes a
//! task of its own, to check.

use std::collections::{BTreeMap, HashSet};

use super::grid::{Read, is_roman, text};
use crate::import::mentions;
use crate::import::notes::Notes;
use crate::model::{
    Content, DocDate, Plan, Section, Sentence, TaskBody, TaskEntry, Timeline, TimelineFields, Unit,
    UnitClause, UnitItem, UnitsEntry,
};
use crate::units::{Units, fold};

/// The columns of an assignment table.
pub struct Columns {
    label: Option<usize>,
    content: usize,
    lead: usize,
    support: Option<usize>,
    timeline: Option<usize>,
    result: Option<usize>,
}

impl Columns {
    pub fn of(r: &Read) -> Option<Columns> {
        let content = r.column(
            &["nội dung", "nhiệm vụ", "công việc", "hoạt động"],
            &["đơn vị", "cơ quan", "thời gian", "kết quả", "kinh phí"],
        )?;
        let lead = r.column(
            &[
                "chủ trì",
                "đơn vị",
                "cơ quan",
                "chịu trách nhiệm",
                "đầu mối",
            ],
            &["phối hợp", "tính", "kinh phí"],
        )?;
        if lead == content {
            return None;
        }
        let support = r.column(&["phối hợp"], &[]);
        let timeline = r.column(&["thời gian", "thời hạn", "tiến độ", "thời điểm"], &[]);
        let result = r
            .column(&["kết quả", "sản phẩm", "đầu ra"], &[])
            .filter(|&c| c != content);
        let label = r
            .titles
            .iter()
            .position(|t| ["tt", "stt", "số tt", "số thứ tự"].contains(&t.as_str()));
        Some(Columns {
            label,
            content,
            lead,
            support,
            timeline,
            result,
        })
    }
}

/// What one row says of its task.
struct Row {
    label: String,
    content: String,
    lead: Vec<String>,
    support: Vec<String>,
    timeline: String,
    result: String,
}

/// Gives each row of the table to its task; returns what the body keeps
/// of the tasks: `all` where it says who does the work, `content` where
/// it says what, else `none`.
pub fn apply(
    plan: &mut Plan,
    units: &mut BTreeMap<String, Unit>,
    notes: &mut Notes,
    read: &Read,
    cols: &Columns,
    at: &str,
) -> TaskBody {
    let year = year_of(&plan.date);
    let mut top: Option<usize> = None;
    let (mut kept, mut said) = (false, false);
    let mut used: HashSet<Vec<usize>> = HashSet::new();
    let mut created: Vec<Section> = Vec::new();
    let rows: Vec<String> = read
        .body()
        .iter()
        .map(|r| fold(&text(&r[cols.content])))
        .collect();
    plain_assignments(&mut plan.sections, &rows);
    for cells in read.body() {
        let row = Row {
            label: Read::cell(cells, cols.label)
                .trim_end_matches(['.', ')'])
                .to_string(),
            content: text(&cells[cols.content]),
            lead: cells[cols.lead].clone(),
            support: cols.support.map(|c| cells[c].clone()).unwrap_or_default(),
            timeline: Read::cell(cells, cols.timeline),
            result: Read::cell(cells, cols.result),
        };
        if row.lead.is_empty() && row.support.is_empty() && row.timeline.is_empty() {
            // A group row: "III | NHIỆM VỤ VÀ GIẢI PHÁP", "4 | Hỗ trợ …".
            if is_roman(&row.label) {
                top = (1..=plan.sections.len())
                    .find(|&n| crate::vn::roman(n as u32) == row.label)
                    .map(|n| n - 1);
            } else if !row.content.is_empty() && find_titled(&plan.sections, &row.content).is_none()
            {
                notes.add(
                    at,
                    format!(
                        "dòng nhóm \"{}\" của bảng phân công không khớp mục nào của văn bản",
                        row.content
                    ),
                );
            }
            continue;
        }
        if states(&plan.sections, &fold(&row.content)) {
            // A sentence of the body that gives the work: its row.
            continue;
        }
        let assigned = assigned(units, &row);
        let timeline = (!row.timeline.is_empty()).then(|| timeline_of(&row.timeline, year));
        let found = find(&plan.sections, &row, top, &used);
        match found {
            Some(path) => {
                used.insert(path.clone());
                let s = at_path(&mut plan.sections, &path);
                let (k, c) = fill(s, &row, assigned, timeline);
                kept |= k;
                said |= c;
            }
            None => {
                let mut s = Section {
                    title: Some(row.content.clone()),
                    ..Section::default()
                };
                fill(&mut s, &row, assigned, timeline);
                created.push(s);
            }
        }
    }
    for path in untabled_tasks(&mut plan.sections, &used) {
        notes.add(
            section_path(&path),
            "nhiệm vụ này không có dòng trong bảng phân công: thêm đơn vị, thời gian nếu cần",
        );
    }
    if !created.is_empty() {
        let n = plan.sections.len();
        notes.add(
            format!("plan.sections[{n}]"),
            "các nhiệm vụ này chỉ có trong bảng phân công: đặt lại vào mục của chúng",
        );
        plan.sections.push(Section {
            title: Some("Nhiệm vụ".into()),
            sections: created,
            ..Section::default()
        });
    }
    if kept {
        TaskBody::All
    } else if said {
        TaskBody::Content
    } else {
        TaskBody::None
    }
}

/// The sentences read as giving units work that the table does not list
/// stay plain text: the table is every assignment ocop makes from them.
fn plain_assignments(list: &mut [Section], rows: &[String]) {
    use crate::model::{Block, ListItem};
    let listed = |t: &str| rows.contains(&fold(t));
    fn items(list: &mut [ListItem], listed: &dyn Fn(&str) -> bool) {
        for it in list {
            if let ListItem::Fields(f) = it {
                if let Some(a) = f.assign.take_if(|a| !listed(a)) {
                    f.text = Some(a);
                    f.lead = None;
                    f.support = None;
                }
                items(&mut f.list, listed);
            }
        }
    }
    for s in list {
        if let Some(a) = s.assign.take_if(|a| !listed(a)) {
            s.text = Some(a);
            s.lead = None;
            s.support = None;
        }
        for b in &mut s.body {
            let Block::Fields(f) = b else { continue };
            if let Some(a) = f.assign.take_if(|a| !listed(a)) {
                f.lead = None;
                f.support = None;
                if **f == crate::model::BlockFields::default() {
                    *b = Block::Paragraph(a);
                    continue;
                }
                f.text = Some(a);
            }
            items(f.list.as_deref_mut().unwrap_or_default(), &listed);
        }
        plain_assignments(&mut s.sections, rows);
    }
}

/// Whether a sentence of the body that gives units work is `content`.
fn states(list: &[Section], content: &str) -> bool {
    use crate::model::{Block, ListItem};
    fn items(list: &[ListItem], content: &str) -> bool {
        list.iter().any(|it| match it {
            ListItem::Fields(f) => {
                f.assign.as_deref().is_some_and(|a| fold(a) == content) || items(&f.list, content)
            }
            ListItem::Text(_) => false,
        })
    }
    list.iter().any(|s| {
        s.assign.as_deref().is_some_and(|a| fold(a) == content)
            || s.body.iter().any(|b| match b {
                Block::Fields(f) => {
                    f.assign.as_deref().is_some_and(|a| fold(a) == content)
                        || items(f.list.as_deref().unwrap_or_default(), content)
                }
                Block::Paragraph(_) => false,
            })
            || states(&s.sections, content)
    })
}

fn year_of(d: &DocDate) -> i32 {
    match d {
        DocDate::Parts { year, .. } => *year,
        DocDate::Text(t) => t
            .rsplit(['/', '-'])
            .find(|p| p.len() == 4)
            .and_then(|p| p.parse().ok())
            .unwrap_or(0),
    }
}

fn timeline_of(t: &str, year: i32) -> Timeline {
    crate::import::timeline::value(&format!("{}.", t.trim_end_matches('.')), year).unwrap_or_else(
        || {
            Timeline::Fields(TimelineFields {
                text: Some(t.to_string()),
                ..TimelineFields::default()
            })
        },
    )
}

/// The row's units as the task's units line: a lead and its partners by
/// key (each declared, new ones too), or the cell's own sentence where it
/// says more than names ("Sở A chủ trì, phối hợp …").
fn assigned(units: &mut BTreeMap<String, Unit>, row: &Row) -> UnitsEntry {
    let lead = unit_names(&row.lead);
    let support = unit_names(&row.support);
    let sentence = lead
        .iter()
        .chain(&support)
        .any(|n| !mentions::opens_unit(n) && n.split_whitespace().count() > 8);
    if sentence {
        let mut all = row.lead.clone();
        all.extend(row.support.iter().cloned());
        return UnitsEntry::Sentence(Sentence {
            text: text(&all),
            ..Sentence::default()
        });
    }
    UnitsEntry::List(vec![UnitItem::Clause(UnitClause {
        lead: keys(units, &lead),
        support: keys(units, &support),
        role: None,
    })])
}

fn keys(units: &mut BTreeMap<String, Unit>, names: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut new = Vec::new();
    for n in names {
        match Units::new(units).resolve(n) {
            Some(k) => out.push(Some(k.to_string())),
            None => {
                out.push(None);
                new.push(n.as_str());
            }
        }
    }
    let mut declared = mentions::declare_names(&new, units).into_iter();
    out.into_iter()
        .map(|k| k.or_else(|| declared.next()).unwrap_or_default())
        .collect()
}

/// The unit names of a cell: one a paragraph, a paragraph parted before
/// each agency noun that opens another name (a PDF's wrapped lines run
/// them together; ", ", "; " and " và " between two names go), unless
/// the words before are that noun's own ("Văn phòng Ủy ban …").
fn unit_names(cell: &[String]) -> Vec<String> {
    // A line that opens in lower case goes on the name before it (a
    // PDF's cell gives its wrapped lines as paragraphs).
    let mut names: Vec<String> = Vec::new();
    for p in cell {
        match names.last_mut() {
            Some(last) if crate::import::para::starts_lower(p) => {
                last.push(' ');
                last.push_str(p);
            }
            _ => names.push(p.clone()),
        }
    }
    let mut out = Vec::new();
    for p in &names {
        let words: Vec<&str> = p.split_whitespace().collect();
        let mut cur: Vec<&str> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            let mut before = cur.clone();
            if before.last() == Some(&"và") {
                before.pop();
            }
            let before = before.join(" ");
            let before = before.trim_end_matches([',', ';']);
            if !before.is_empty()
                && !mentions::is_head(before)
                && mentions::opens_unit(&words[i..].join(" "))
            {
                out.push(before.to_string());
                cur.clear();
            }
            cur.push(w);
        }
        if !cur.is_empty() {
            out.push(cur.join(" "));
        }
    }
    out.iter()
        .map(|u| u.trim_end_matches(['.', ',', ';']).trim().to_string())
        .filter(|u| !u.is_empty())
        .collect()
}

/// The path (indices) of the section a row is the task of: by its
/// content, else by its number under the group it stands in.
fn find(
    list: &[Section],
    row: &Row,
    top: Option<usize>,
    used: &HashSet<Vec<usize>>,
) -> Option<Vec<usize>> {
    let (scope, base): (&[Section], Vec<usize>) = match top {
        Some(t) => (std::slice::from_ref(&list[t]), vec![t]),
        None => (list, vec![]),
    };
    let by_content = |s: &Section| {
        let c = fold(&row.content);
        s.title.as_deref().is_some_and(|t| fold(t) == c)
            || s.text.as_deref().is_some_and(|t| fold(t) == c)
            || s.task.iter().any(|t| match &t.content {
                Some(Content::Text(x)) => fold(x) == c,
                _ => false,
            })
    };
    let by_label = label_path(list, row, top).filter(|p| !used.contains(p));
    let mut same: Vec<Vec<usize>> = Vec::new();
    search_all(scope, &by_content, &mut Vec::new(), &mut same);
    for p in &mut same {
        if top.is_some() {
            p[0] = base[0];
        }
    }
    same.retain(|p| !used.contains(p));
    // Tasks of the same words: the one numbered as the row, else the
    // first not yet given a row.
    if let Some(p) = by_label.as_ref().filter(|p| same.contains(p)) {
        return Some(p.clone());
    }
    if let Some(p) = same.into_iter().next() {
        return Some(p);
    }
    by_label
}

/// The leaf section numbered as the row ("4.1"), under its group.
fn label_path(list: &[Section], row: &Row, top: Option<usize>) -> Option<Vec<usize>> {
    let numbers: Vec<usize> = row
        .label
        .split('.')
        .map(|n| n.parse::<usize>().ok().filter(|&n| n > 0).map(|n| n - 1))
        .collect::<Option<Vec<_>>>()?;
    let roots: Vec<usize> = match top {
        Some(t) => vec![t],
        None => (0..list.len()).collect(),
    };
    roots.into_iter().find_map(|r| {
        let mut path = vec![r];
        let mut s = &list[r];
        for &n in &numbers {
            s = s.sections.get(n)?;
            path.push(n);
        }
        s.sections.is_empty().then_some(path)
    })
}

/// Every section `f` accepts, by path.
fn search_all(
    list: &[Section],
    f: &dyn Fn(&Section) -> bool,
    at: &mut Vec<usize>,
    out: &mut Vec<Vec<usize>>,
) {
    for (i, s) in list.iter().enumerate() {
        at.push(i);
        if f(s) {
            out.push(at.clone());
        }
        search_all(&s.sections, f, at, out);
        at.pop();
    }
}

fn search(list: &[Section], f: &dyn Fn(&Section) -> bool) -> Option<Vec<usize>> {
    for (i, s) in list.iter().enumerate() {
        if f(s) {
            return Some(vec![i]);
        }
        if let Some(mut p) = search(&s.sections, f) {
            p.insert(0, i);
            return Some(p);
        }
    }
    None
}

fn find_titled(list: &[Section], title: &str) -> Option<Vec<usize>> {
    let t = fold(title);
    search(list, &|s: &Section| {
        s.title.as_deref().is_some_and(|x| fold(x) == t)
    })
}

fn at_path<'a>(list: &'a mut [Section], path: &[usize]) -> &'a mut Section {
    let s = &mut list[path[0]];
    if path.len() == 1 {
        s
    } else {
        at_path(&mut s.sections, &path[1..])
    }
}

/// Makes the section the row's task: its content line (the body's, else
/// the row's where the title does not already say it), then the units,
/// timeline and result the body does not state. Returns whether the body
/// stated who does it or when, and whether it stated the content.
fn fill(s: &mut Section, row: &Row, units: UnitsEntry, timeline: Option<Timeline>) -> (bool, bool) {
    if s.task.is_empty()
        && let Some(lines) = body_lines(s)
    {
        s.body.pop();
        s.task = lines;
    }
    let said = s.task.iter().any(|t| t.content.is_some());
    let has_units = s.task.iter().any(|t| t.units.is_some());
    let has_timeline = s.task.iter().any(|t| t.timeline.is_some());
    let titled = s
        .title
        .as_deref()
        .is_some_and(|t| fold(t) == fold(&row.content));
    if !said && !titled && !row.content.is_empty() {
        s.task.insert(
            0,
            TaskEntry {
                content: Some(Content::Text(row.content.clone())),
                ..TaskEntry::default()
            },
        );
    }
    let mut at = s
        .task
        .iter()
        .position(|t| t.content.is_some())
        .map_or(0, |i| i + 1);
    let mut add = |e: TaskEntry| {
        s.task.insert(at, e);
        at += 1;
    };
    if !has_units {
        add(TaskEntry {
            units: Some(units),
            ..TaskEntry::default()
        });
    }
    if let Some(t) = timeline.filter(|_| !has_timeline) {
        add(TaskEntry {
            timeline: Some(t),
            ..TaskEntry::default()
        });
    }
    if !row.result.is_empty() && !s.task.iter().any(|t| t.result.is_some()) {
        s.task.push(TaskEntry {
            result: Some(row.result.clone()),
            ..TaskEntry::default()
        });
    }
    (has_units || has_timeline, said)
}

/// The sections beside the table's tasks that the table has no row for
/// but that close with the same task lines (a task added in the body, its
/// row not yet written): made tasks too. Their paths.
fn untabled_tasks(list: &mut [Section], used: &HashSet<Vec<usize>>) -> Vec<Vec<usize>> {
    let parents: HashSet<&[usize]> = used.iter().map(|p| &p[..p.len() - 1]).collect();
    let mut made = Vec::new();
    for parent in parents {
        let siblings = match parent {
            [] => &mut *list,
            p => &mut at_path(list, p).sections,
        };
        for (i, s) in siblings.iter_mut().enumerate() {
            let path = [parent, &[i]].concat();
            if used.contains(&path) || !s.task.is_empty() || !s.sections.is_empty() {
                continue;
            }
            if let Some(lines) = body_lines(s) {
                s.body.pop();
                s.task = lines;
                made.push(path);
            }
        }
    }
    made.sort();
    made
}

/// The field path of the section at `path`: "plan.sections[2].sections[7]".
fn section_path(path: &[usize]) -> String {
    let mut out = "plan".to_string();
    for i in path {
        out.push_str(&format!(".sections[{i}]"));
    }
    out
}

/// The task lines closing a section's body ("- Nội dung thực hiện: …",
/// "- Kinh phí: …"), where the table says the section is a task: body
/// recognition wants more lines than these to call them one.
fn body_lines(s: &Section) -> Option<Vec<TaskEntry>> {
    let Some(crate::model::Block::Fields(f)) = s.body.last() else {
        return None;
    };
    let items = f.list.as_deref().filter(|_| f.text.is_none())?;
    let mut out = Vec::new();
    for it in items {
        let crate::model::ListItem::Text(t) = it else {
            return None;
        };
        let (label, text) = t.split_once(": ")?;
        let words = label.split_whitespace().count();
        if words > 6 || !label.starts_with(char::is_uppercase) {
            return None;
        }
        if fold(label).starts_with(&fold("Nội dung")) && words <= 4 {
            out.push(TaskEntry {
                label: (label != "Nội dung thực hiện").then(|| label.to_string()),
                content: Some(Content::Text(text.to_string())),
                ..TaskEntry::default()
            });
        } else {
            out.push(TaskEntry {
                label: Some(label.to_string()),
                text: Some(text.to_string()),
                ..TaskEntry::default()
            });
        }
    }
    out.iter().any(|e| e.content.is_some()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A section with a dash list of `lines`.
    fn listed(title: &str, lines: &[&str]) -> Section {
        Section {
            title: Some(title.into()),
            body: vec![crate::model::Block::Fields(Box::new(
                crate::model::BlockFields {
                    list: Some(
                        lines
                            .iter()
                            .map(|l| crate::model::ListItem::Text(l.to_string()))
                            .collect(),
                    ),
                    ..Default::default()
                },
            ))],
            ..Section::default()
        }
    }

    #[test]
    fn a_task_beside_the_tables_tasks_without_a_row_is_a_task_too() {
        let tabled = Section {
            title: Some("Tuyên truyền".into()),
            task: vec![TaskEntry {
                content: Some(Content::Text("Tuyên truyền về Chương trình.".into())),
                ..TaskEntry::default()
            }],
            ..Section::default()
        };
        let added = listed("Liên kết chuỗi", &["Nội dung thực hiện: Hỗ trợ liên kết."]);
        // Beside no task of the table, and not in task form: left alone.
        let aside = listed("Kinh phí", &["Ngân sách tỉnh: 200 triệu đồng."]);
        let mut list = vec![
            Section {
                title: Some("Nhiệm vụ".into()),
                sections: vec![tabled, added, aside.clone()],
                ..Section::default()
            },
            listed("Khác", &["Nội dung thực hiện: Không thuộc nhóm nhiệm vụ."]),
        ];
        let used = HashSet::from([vec![0, 0]]);
        assert_eq!(untabled_tasks(&mut list, &used), vec![vec![0, 1]]);
        let added = &list[0].sections[1];
        assert!(added.body.is_empty());
        assert_eq!(
            added.task[0].content,
            Some(Content::Text("Hỗ trợ liên kết.".into()))
        );
        assert_eq!(list[0].sections[2], aside);
        assert!(list[1].task.is_empty(), "not beside a task of the table");
        assert_eq!(section_path(&[0, 1]), "plan.sections[0].sections[1]");
    }

    #[test]
    fn a_cell_of_wrapped_lines_parts_at_each_agency() {
        let cell = vec![
            "Sở Nông nghiệp và Môi trường Ủy ban nhân dân các xã, phường".to_string(),
            "Sở Y tế, Sở Công Thương".to_string(),
            "Báo và Phát thanh, Truyền hình Sơn La".to_string(),
        ];
        assert_eq!(
            unit_names(&cell),
            [
                "Sở Nông nghiệp và Môi trường",
                "Ủy ban nhân dân các xã, phường",
                "Sở Y tế",
                "Sở Công Thương",
                "Báo và Phát thanh, Truyền hình Sơn La"
            ]
        );
    }
}
