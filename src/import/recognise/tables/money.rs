//! A funding table (Nội dung | Tổng | a column a source, under "Chia ra"
//! or not) as `plan.funding`: a row that names a task is that task's
//! funding line (the body's "Kinh phí:" line, which ocop prints from it,
//! goes where it says the same amount), the others are the funding's
//! items, the totals row is the stated total, kept where the rows add up
//! to it and a note where they do not. The body's lines that state the
//! total and the sources become the views ocop prints from the numbers.

use std::collections::BTreeMap;

use super::grid::{Read, is_label, is_number, is_total, text};
use crate::import::notes::Notes;
use crate::model::{
    Amount, Block, BlockFields, Content, DeclaredSource, Funding, FundingBlock, FundingItem,
    ListItem, Plan, Section, TaskEntry,
};
use crate::number::Number;
use crate::units::fold;

/// The columns of a funding table.
pub struct Columns {
    content: usize,
    total: Option<usize>,
    /// (column, source name).
    sources: Vec<(usize, String)>,
}

impl Columns {
    pub fn of(r: &Read) -> Option<Columns> {
        let content = r.column(
            &["nội dung", "nhiệm vụ", "hạng mục", "hoạt động", "công việc"],
            &["đơn vị"],
        )?;
        let title = r.titles.join(" ");
        let money = r.unit.as_deref().is_some_and(|u| u.contains("đồng"))
            || ["kinh phí", "ngân sách", "nguồn vốn", "dự toán", "đồng"]
                .iter()
                .any(|w| title.contains(w));
        if !money {
            return None;
        }
        let numeric = |c: usize| {
            r.body().iter().all(|row| {
                let t = text(&row[c]);
                t.is_empty() || t == "-" || amount(&t, false).is_some()
            })
        };
        let label = r.titles.iter().position(|t| {
            ["tt", "stt", "số tt", "số thứ tự"].contains(&t.as_str())
                || r.body()
                    .iter()
                    .all(|row| is_label(&text(&row[0])) || text(&row[0]).is_empty())
                    && t.chars().count() <= 3
        });
        let total = r
            .column(&["tổng"], &[])
            .filter(|&c| c != content && numeric(c));
        let mut sources = Vec::new();
        for c in 0..r.cols {
            if c == content || Some(c) == total || Some(c) == label {
                continue;
            }
            let filled = r.body().iter().any(|row| !row[c].is_empty());
            let title = &r.titles[c];
            if title.contains("ghi chú") && !numeric(c) {
                continue;
            }
            if !numeric(c) || title.chars().count() <= 3 {
                // A column this reading would lose: not a funding table.
                if filled {
                    return None;
                }
                continue;
            }
            sources.push((c, source_title(r, c)));
        }
        (!sources.is_empty()).then_some(Columns {
            content,
            total,
            sources,
        })
    }
}

/// A source column's title as the table writes it (`titles` are lower
/// case).
fn source_title(r: &Read, c: usize) -> String {
    r.rows[..r.header]
        .iter()
        .rev()
        .map(|row| text(&row[c]))
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}

/// An amount as ocop reads it ("2.040", "2,5"); one written with commas
/// grouping thousands ("1,250,000") or with spaces made so.
fn amount(t: &str, commas: bool) -> Option<String> {
    let t = t.trim();
    let fixed;
    let t = if commas && !t.contains('.') {
        fixed = t.replace(',', ".");
        fixed.as_str()
    } else {
        t
    };
    if Number::parse(t).is_ok() && is_number(t) {
        return Some(t.to_string());
    }
    let spaced: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let grouped = spaced.matches(',').count() >= 2
        && !spaced.contains('.')
        && spaced.split(',').skip(1).all(|g| g.len() == 3)
        && spaced.split(',').next().is_some_and(|g| g.len() <= 3);
    let fixed = if grouped {
        spaced.replace(',', ".")
    } else {
        spaced
    };
    (is_number(&fixed) && Number::parse(&fixed).is_ok()).then_some(fixed)
}

/// Whether the table's commas group thousands ("1,440" for 1.440): its
/// totals row agrees with its rows more often read so than read as
/// decimals.
fn commas_group_thousands(r: &Read, cols: &Columns) -> bool {
    let mut columns: Vec<usize> = cols.sources.iter().map(|(c, _)| *c).collect();
    columns.extend(cols.total);
    let is_total_row =
        |row: &Vec<Vec<String>>| is_total(&text(&row[cols.content])) || is_total(&text(&row[0]));
    let Some(totals) = r.body().iter().find(|row| is_total_row(row)) else {
        return false;
    };
    let any_comma = r
        .body()
        .iter()
        .any(|row| columns.iter().any(|&c| text(&row[c]).contains(',')));
    if !any_comma {
        return false;
    }
    let agree = |commas: bool| {
        columns
            .iter()
            .filter(|&&c| {
                let cells: Vec<String> = r
                    .body()
                    .iter()
                    .filter(|row| !is_total_row(row))
                    .filter_map(|row| amount(&text(&row[c]), commas))
                    .collect();
                let list: Vec<&str> = cells.iter().map(String::as_str).collect();
                let stated = amount(&text(&totals[c]), commas).and_then(|t| Number::parse(&t).ok());
                stated.is_some() && sum(&list) == stated
            })
            .count()
            + rows_adding_up(r, cols, commas)
    };
    agree(true) > agree(false)
}

/// The rows (the totals row among them) whose sources add up to their
/// total column, amounts read with `commas` grouping thousands or not.
fn rows_adding_up(r: &Read, cols: &Columns, commas: bool) -> usize {
    let Some(t) = cols.total else { return 0 };
    r.body()
        .iter()
        .filter(|row| {
            let cells: Vec<String> = cols
                .sources
                .iter()
                .filter_map(|(c, _)| amount(&text(&row[*c]), commas))
                .collect();
            let list: Vec<&str> = cells.iter().map(String::as_str).collect();
            let stated = amount(&text(&row[t]), commas).and_then(|x| Number::parse(&x).ok());
            stated.is_some() && sum(&list) == stated
        })
        .count()
}

fn sum(list: &[&str]) -> Option<Number> {
    list.iter()
        .try_fold(Number::ZERO, |s, a| s.checked_add(Number::parse(a).ok()?))
}

/// The funding table as `plan.funding`.
pub fn apply(plan: &mut Plan, notes: &mut Notes, r: &Read, cols: &Columns) {
    let mut f = Funding {
        unit: r
            .unit
            .as_deref()
            .and_then(|u| u.split_once(':'))
            .map(|(_, u)| u.trim().to_string()),
        ..Funding::default()
    };
    for (_, name) in &cols.sources {
        let key = source_key(name, &f.sources);
        f.sources.push(DeclaredSource {
            key,
            name: name.clone(),
            total: None,
        });
    }
    let commas = commas_group_thousands(r, cols);
    if commas {
        notes.add(
            "plan.funding",
            "bảng kinh phí viết dấu phẩy ngăn hàng nghìn (các tổng chỉ khớp khi đọc như vậy): số được ghi lại bằng dấu chấm",
        );
    }
    let mut stated: Option<(Vec<Option<String>>, Option<String>)> = None;
    // Every amount of the rows, by source, for the totals.
    let mut by_source: Vec<Vec<String>> = vec![Vec::new(); cols.sources.len()];
    for row in r.body() {
        let content = text(&row[cols.content]);
        let cells: Vec<Option<String>> = cols
            .sources
            .iter()
            .map(|(c, _)| amount(&text(&row[*c]), commas))
            .collect();
        let row_total = cols.total.and_then(|c| amount(&text(&row[c]), commas));
        if is_total(&content) || is_total(&text(&row[0])) {
            stated = Some((cells, row_total));
            continue;
        }
        if content.is_empty() {
            continue;
        }
        let amounts: BTreeMap<String, Amount> = cells
            .iter()
            .zip(&f.sources)
            .filter_map(|(a, s)| a.clone().map(|a| (s.key.clone(), Amount(a))))
            .collect();
        if amounts.is_empty() && row_total.is_none() && is_group(&plan.sections, &content) {
            continue;
        }
        for (i, a) in cells.iter().enumerate() {
            by_source[i].extend(a.clone());
        }
        let parts: Vec<&str> = amounts.values().map(|a| a.0.as_str()).collect();
        let row_sum = sum(&parts);
        if let (Some(t), Some(s)) = (&row_total, row_sum)
            && Number::parse(t).ok() != Some(s)
        {
            notes.add(
                "plan.funding",
                format!(
                    "dòng \"{content}\" ghi tổng {t} nhưng các nguồn cộng lại {s}: xem lại số liệu"
                ),
            );
        }
        match task_titled(&mut plan.sections, &content) {
            Some(s) => {
                drop_funding_line(s, row_sum);
                // A task the table gives no money: no funding line.
                if !amounts.is_empty() {
                    s.task.push(TaskEntry {
                        funding: Some(amounts),
                        ..TaskEntry::default()
                    });
                }
            }
            None => f.items.push(FundingItem {
                content,
                amounts,
                total: None,
            }),
        }
    }
    if let Some((cells, total)) = stated {
        check_totals(&mut f, notes, &by_source, &cells, total);
    }
    if f.total.is_some() {
        views(&mut plan.sections, &f);
    }
    plan.funding = Some(f);
}

/// Keeps the stated totals the rows add up to; a note for each other.
fn check_totals(
    f: &mut Funding,
    notes: &mut Notes,
    by_source: &[Vec<String>],
    cells: &[Option<String>],
    total: Option<String>,
) {
    let mut all: Vec<&str> = Vec::new();
    for (i, source) in f.sources.iter_mut().enumerate() {
        let list: Vec<&str> = by_source[i].iter().map(String::as_str).collect();
        all.extend(&list);
        let Some(stated) = cells.get(i).cloned().flatten() else {
            continue;
        };
        match sum(&list) {
            Some(s) if Number::parse(&stated).ok() == Some(s) => source.total = Some(Amount(stated)),
            s => notes.add(
                "plan.funding",
                format!(
                    "bảng ghi tổng nguồn \"{}\" là {stated} nhưng các dòng cộng lại {}: xem lại số liệu",
                    source.name,
                    s.map(|s| s.to_string()).unwrap_or_default()
                ),
            ),
        }
    }
    let Some(stated) = total else { return };
    match sum(&all) {
        Some(s) if Number::parse(&stated).ok() == Some(s) => f.total = Some(Amount(stated)),
        s => notes.add(
            "plan.funding",
            format!(
                "bảng ghi tổng cộng {stated} nhưng các dòng cộng lại {}: xem lại số liệu",
                s.map(|s| s.to_string()).unwrap_or_default()
            ),
        ),
    }
}

/// Whether `content` is the title of a section with sub-sections (a
/// group row of the table).
fn is_group(list: &[Section], content: &str) -> bool {
    list.iter().any(|s| {
        (!s.sections.is_empty() && s.title.as_deref().is_some_and(|t| fold(t) == fold(content)))
            || is_group(&s.sections, content)
    })
}

/// The body's "Kinh phí: 240 triệu đồng (…)." line of a task whose
/// funding the table states: ocop prints it from the numbers. Kept where
/// it says another amount.
fn drop_funding_line(s: &mut Section, row_sum: Option<Number>) {
    s.task.retain(|t| {
        let funding = t
            .label
            .as_deref()
            .is_some_and(|l| fold(l) == fold("Kinh phí"));
        let first = t
            .text
            .as_deref()
            .and_then(|x| x.split_whitespace().next())
            .and_then(|n| Number::parse(n).ok());
        !(funding && first.is_some() && first == row_sum)
    });
}

/// The task the row names: the section titled so, or whose content the
/// row repeats.
fn task_titled<'a>(list: &'a mut [Section], title: &str) -> Option<&'a mut Section> {
    let want = fold(title);
    for s in list {
        let named = s.title.as_deref().is_some_and(|t| fold(t) == want)
            || s.task.iter().any(|t| match &t.content {
                Some(Content::Text(c)) => fold(c) == want,
                _ => false,
            });
        if named && !s.task.is_empty() {
            return Some(s);
        }
        if let Some(x) = task_titled(&mut s.sections, title) {
            return Some(x);
        }
    }
    None
}

/// A source's key: the usual ones by name, else the initials.
fn source_key(name: &str, taken: &[DeclaredSource]) -> String {
    let l = fold(name);
    let known = [
        ("trung ương", "nstw"),
        ("ngân sách tỉnh", "nst"),
        ("ngân sách huyện", "nsh"),
        ("ngân sách xã", "nsx"),
        ("lồng ghép", "lg"),
        ("xã hội hóa", "xhh"),
        ("tín dụng", "td"),
        ("vốn vay", "vv"),
    ];
    let base = known
        .iter()
        .find(|(w, _)| l.contains(&fold(w)))
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
    while taken.iter().any(|s| s.key == key) {
        key = format!("{base}{n}");
        n += 1;
    }
    key
}

/// The body's lines that state the funding's total ("Tổng kinh phí …:
/// 2.040 triệu đồng (Bằng chữ: …).") and its sources ("Trong đó:" and a
/// line a source, each its stated total) as the views ocop prints from
/// the numbers, so they cannot drift from the table.
fn views(list: &mut [Section], f: &Funding) {
    let unit = f.unit.as_deref().unwrap_or("đồng");
    let total = f.total.as_ref().map(|t| format!("{} {unit}", t.0));
    for s in list.iter_mut() {
        let old = std::mem::take(&mut s.body);
        let mut i = 0;
        while i < old.len() {
            let stated = match &old[i] {
                Block::Paragraph(t) => total.as_deref().and_then(|total| total_line(t, total)),
                _ => None,
            };
            if let Some((text, in_words)) = stated {
                s.body
                    .push(view(text, "total", (!in_words).then_some(false)));
            } else if let (Block::Paragraph(t), Some(Block::Fields(next))) =
                (&old[i], old.get(i + 1))
                && next.text.is_none()
                && next
                    .list
                    .as_deref()
                    .is_some_and(|items| source_lines(items, f, unit))
            {
                s.body.push(view(t.clone(), "sources", None));
                i += 1;
            } else {
                s.body.push(old[i].clone());
            }
            i += 1;
        }
        views(&mut s.sections, f);
    }
}

fn view(text: String, view: &str, in_words: Option<bool>) -> Block {
    Block::Fields(Box::new(BlockFields {
        text: Some(text),
        funding: Some(FundingBlock::View(view.into())),
        in_words,
        ..BlockFields::default()
    }))
}

/// A line a source, in order, each with the total its totals row states:
/// "Ngân sách tỉnh: 540 triệu đồng;", the last ending with ".".
fn source_lines(items: &[ListItem], f: &Funding, unit: &str) -> bool {
    items.len() == f.sources.len()
        && items
            .iter()
            .zip(&f.sources)
            .enumerate()
            .all(|(k, (it, src))| {
                let end = if k + 1 == items.len() { "." } else { ";" };
                let ListItem::Text(t) = it else {
                    return false;
                };
                src.total
                    .as_ref()
                    .is_some_and(|a| *t == format!("{}: {} {unit}{end}", src.name, a.0))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_grouped_with_commas_or_spaces_read_the_vietnamese_way() {
        assert_eq!(amount("2.040", false).as_deref(), Some("2.040"));
        assert_eq!(amount("1,250,000", false).as_deref(), Some("1.250.000"));
        assert_eq!(amount("1 250", false).as_deref(), Some("1250"));
        assert_eq!(amount("78,5", false).as_deref(), Some("78,5"));
        assert_eq!(amount("1,440", true).as_deref(), Some("1.440"));
        assert_eq!(amount("-", false), None);
        assert_eq!(amount("Quý I", false), None);
    }
}
