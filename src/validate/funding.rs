//! The plan's funding as numbers: every amount read the Vietnamese way;
//! the sums by task and item, by source and in all computed; and every
//! total the author states compared with them, a difference an error at
//! that total.

use super::assignments::{Assignment, Assignments, Form};
use super::checker::Checker;
use super::tables::{amount_value, source_amount};
use crate::diag::quote;
use crate::load::yaml::{index, join};
use crate::model::{Amount, Funding, FundingItem};
use crate::number::Number;
use crate::units::is_unit_key;

/// The units amounts may be typed in, with their powers of ten in đồng.
pub const UNITS: &[(&str, u8)] = &[
    ("đồng", 0),
    ("nghìn đồng", 3),
    ("triệu đồng", 6),
    ("tỷ đồng", 9),
];

/// The plan's funding, summed and checked.
#[derive(Debug, Clone)]
pub struct CheckedFunding {
    /// Đơn vị tính: "triệu đồng".
    pub unit: &'static str,
    /// From the unit to đồng: 10^power (triệu đồng: 6).
    pub power: u8,
    /// The sources' keys and names, in column order.
    pub keys: Vec<String>,
    pub sources: Vec<String>,
    /// The tasks with funding, in plan order, then the other items.
    pub rows: Vec<FundingRow>,
    /// By source.
    pub source_totals: Vec<Number>,
    pub total: Number,
}

#[derive(Debug, Clone)]
pub struct FundingRow {
    /// A task's name (its heading), or an item's content.
    pub content: String,
    /// Where the plan states it ("III.2"), for a task.
    pub reference: Option<String>,
    /// By source, in column order.
    pub amounts: Vec<Option<Number>>,
    pub total: Number,
}

impl CheckedFunding {
    /// An amount as printed with the unit: "1.250 triệu đồng".
    pub fn with_unit(&self, n: Number) -> String {
        format!("{n} {}", self.unit)
    }

    /// An amount in đồng, for words; None when not a whole number of đồng.
    pub fn in_dong(&self, n: Number) -> Option<u64> {
        n.shifted(self.power).and_then(Number::to_u64)
    }
}

/// The unit an author wrote, as [`UNITS`] names it.
fn unit(written: Option<&str>) -> Option<(&'static str, u8)> {
    let w = written.map_or("đồng", str::trim).to_lowercase();
    let w = w.replace("ngàn", "nghìn").replace("tỉ", "tỷ");
    UNITS.iter().copied().find(|(u, _)| *u == w)
}

/// Checks `f`: its unit, sources and items always; its totals against the
/// plan's tasks (whose amounts the body checks line by line) when the
/// sections could be read. The sums, when every amount could be read.
pub fn check(
    c: &mut Checker<'_>,
    f: &Funding,
    tasks: Option<&Assignments>,
) -> Option<CheckedFunding> {
    let before = c.problems.len();
    let path = "plan.funding";
    let unit = unit_of(c, f);
    let keys = sources(c, f, path);
    let (Some((unit, power)), Some(keys)) = (unit, keys) else {
        return None;
    };
    // The totals are compared only when every amount could be read: an
    // amount already reported would make them disagree for nothing.
    let mut complete = true;
    let mut items = Vec::new();
    for (i, item) in f.items.iter().enumerate() {
        let (row, readable) = item_row(c, item, &index(&join(path, "items"), i), &keys, unit)?;
        complete &= readable;
        items.push(row);
    }
    let mut rows = task_rows(tasks?, keys.len())?;
    rows.extend(items);
    let sums = if complete {
        Sums::of(&rows, keys.len())
    } else {
        None
    };
    let Some((by_source, total)) = sums else {
        if complete && c.problems.len() == before {
            c.error(
                path,
                "các số tiền cộng lại vượt quá số lớn nhất ocop tính được",
                "kiểm tra lại các số tiền, hoặc dùng đơn vị tính lớn hơn (`unit: triệu đồng`)",
            );
        }
        return None;
    };
    for (i, s) in f.sources.iter().enumerate() {
        let what = format!("nguồn `{}`", s.key.trim());
        let spath = join(&index(&join(path, "sources"), i), "total");
        stated(c, s.total.as_ref(), by_source[i], &spath, unit, &what);
    }
    let tpath = join(path, "total");
    stated(c, f.total.as_ref(), total, &tpath, unit, "tổng kinh phí");
    Some(CheckedFunding {
        unit,
        power,
        sources: f
            .sources
            .iter()
            .map(|s| s.name.trim().to_string())
            .collect(),
        keys,
        rows,
        source_totals: by_source,
        total,
    })
}

/// The rows of the tasks with funding, in plan order; None past the
/// largest sum.
fn task_rows(tasks: &Assignments, sources: usize) -> Option<Vec<FundingRow>> {
    let with_funding = tasks
        .tasks
        .iter()
        .filter(|t| t.form == Form::Task && !t.funding.is_empty());
    with_funding.map(|t| task_row(t, sources)).collect()
}

/// The unit the amounts are typed in, as [`UNITS`] names it (reported if none).
fn unit_of(c: &mut Checker<'_>, f: &Funding) -> Option<(&'static str, u8)> {
    let found = unit(f.unit.as_deref());
    if found.is_none() {
        let allowed: Vec<&str> = UNITS.iter().map(|(u, _)| *u).collect();
        c.error(
            "plan.funding.unit",
            format!(
                "đơn vị tính `{}` không dùng được",
                quote(f.unit.as_deref().unwrap_or(""))
            ),
            format!("một trong: {}", allowed.join(", ")),
        );
    }
    found
}

/// An item's row and whether all its amounts could be read; its stated
/// total checked against them.
fn item_row(
    c: &mut Checker<'_>,
    item: &FundingItem,
    path: &str,
    keys: &[String],
    unit: &str,
) -> Option<(FundingRow, bool)> {
    c.non_empty(
        &join(path, "content"),
        &item.content,
        "nội dung khoản kinh phí",
    );
    let apath = join(path, "amounts");
    if item.amounts.is_empty() {
        c.error(
            &apath,
            "khoản kinh phí chưa có số tiền nào",
            format!(
                "ghi số tiền theo khóa nguồn, ví dụ amounts: {{ {}: 250 }}",
                keys[0]
            ),
        );
    }
    let mut amounts = vec![None; keys.len()];
    let mut readable = true;
    for (key, amount) in &item.amounts {
        match source_amount(c, keys, key, amount, &join(&apath, key)) {
            Some(n) => amounts[position(keys, key)] = Some(n),
            None => readable = false,
        }
    }
    let total = row_total(&amounts)?;
    if readable {
        let tpath = join(path, "total");
        let what = format!("khoản «{}»", crate::diag::shorten(item.content.trim(), 40));
        stated(c, item.total.as_ref(), total, &tpath, unit, &what);
    }
    let row = FundingRow {
        content: item.content.trim().to_string(),
        reference: None,
        amounts,
        total,
    };
    Some((row, readable))
}

/// The sources' keys; None when one is unusable (reported).
fn sources(c: &mut Checker<'_>, f: &Funding, path: &str) -> Option<Vec<String>> {
    if f.sources.is_empty() {
        c.error(
            &join(path, "sources"),
            "chưa khai báo nguồn kinh phí nào",
            "ví dụ sources: [{ key: nst, name: Ngân sách tỉnh }, { key: xhh, name: Xã hội hóa }]",
        );
        return None;
    }
    let mut keys: Vec<String> = Vec::new();
    let mut ok = true;
    for (i, s) in f.sources.iter().enumerate() {
        let spath = index(&join(path, "sources"), i);
        let key = s.key.trim();
        c.non_empty(&join(&spath, "name"), &s.name, "tên nguồn kinh phí");
        if !is_unit_key(key) {
            ok = false;
            c.error(
                &join(&spath, "key"),
                format!("khóa nguồn `{}` không hợp lệ", quote(key)),
                "khóa chỉ gồm chữ thường không dấu, số và dấu gạch dưới, ví dụ nstw, nst, xhh",
            );
        } else if keys.iter().any(|k| k == key) {
            ok = false;
            c.error(
                &join(&spath, "key"),
                format!("khóa nguồn `{key}` đã dùng cho một nguồn khác"),
                "mỗi nguồn một khóa riêng",
            );
        }
        keys.push(key.to_string());
    }
    ok.then_some(keys)
}

fn position(keys: &[String], key: &str) -> usize {
    keys.iter().position(|k| k == key).unwrap_or(0)
}

/// A task's row, from the amounts the body's check read.
fn task_row(t: &Assignment, sources: usize) -> Option<FundingRow> {
    let mut amounts = vec![None; sources];
    for &(i, n) in &t.funding {
        *amounts.get_mut(i)? = Some(n);
    }
    // The task's name, as its heading gives it; its content when it has none.
    let content = match (t.title.trim(), &t.content) {
        ("", Some(c)) => c.clone(),
        (title, _) => title.to_string(),
    };
    Some(FundingRow {
        total: row_total(&amounts)?,
        content,
        reference: Some(t.reference.clone()),
        amounts,
    })
}

fn row_total(amounts: &[Option<Number>]) -> Option<Number> {
    amounts
        .iter()
        .flatten()
        .try_fold(Number::ZERO, |sum, n| sum.checked_add(*n))
}

struct Sums;

impl Sums {
    /// The sums of `rows` by source, and in all; None past the largest sum.
    fn of(rows: &[FundingRow], sources: usize) -> Option<(Vec<Number>, Number)> {
        let mut by_source = vec![Number::ZERO; sources];
        for row in rows {
            for (sum, amount) in by_source.iter_mut().zip(&row.amounts) {
                if let Some(a) = amount {
                    *sum = sum.checked_add(*a)?;
                }
            }
        }
        let total = by_source
            .iter()
            .try_fold(Number::ZERO, |t, n| t.checked_add(*n))?;
        Some((by_source, total))
    }
}

/// A total the author states must equal what its parts add up to.
fn stated(
    c: &mut Checker<'_>,
    written: Option<&Amount>,
    computed: Number,
    path: &str,
    unit: &str,
    what: &str,
) {
    let Some(written) = written else { return };
    let Some(n) = amount_value(c, written, path) else {
        return;
    };
    if n != computed {
        c.error(
            path,
            format!(
                "{what} ghi {n} {unit}, nhưng cộng các khoản được {computed} {unit}"
            ),
            format!(
                "sửa thành {computed}, hoặc xóa dòng này để ocop tự cộng; kiểm tra lại các khoản nếu con số ghi là đúng"
            ),
        );
    }
}
