//! Rules of what a body shows besides text: tables the author writes, the
//! views of the plan's funding (`funding: total | sources | table`), the
//! lines of a task that give its expected result and its funding, and the
//! paragraphs that refer to an appendix.

use super::TaskLine;
use super::checker::Checker;
use crate::diag::{did_you_mean, quote};
use crate::load::yaml::join;
use crate::model::{Amount, BlockFields, FundingBlock, Table, TaskEntry};
use crate::number::Number;
use crate::table;

/// A table at `path`, laid out for the page it is on: its problems
/// located, the table kept.
pub fn table(c: &mut Checker<'_>, t: &Table, path: &str) {
    let (page, size) = match c.plan_refs.as_ref().and_then(|r| r.page) {
        Some(page) => (page, table::APPENDIX_TEXT_SIZE),
        None => (table::PORTRAIT, table::BODY_TEXT_SIZE),
    };
    let (laid, problems) = table::lay_out(t, page, size);
    for d in problems {
        c.push(d.within(path));
    }
    c.tables.insert(t, laid);
}

/// The parts of a body block this module owns.
pub fn block(c: &mut Checker<'_>, f: &BlockFields, path: &str) {
    if let Some(t) = &f.table {
        table(c, t, &join(path, "table"));
    }
    if let Some(FundingBlock::View(view)) = &f.funding {
        let vpath = join(path, "funding");
        if !FundingBlock::VIEWS.contains(&view.trim()) {
            let hint = match did_you_mean(view.trim(), FundingBlock::VIEWS.iter().copied()) {
                Some(v) => format!("có phải ý bạn là `{v}`? Các cách: total (tổng số), sources (từng nguồn), table (bảng)"),
                None => "total (tổng kinh phí), sources (mỗi nguồn một dòng), table (bảng kinh phí); hoặc danh sách [{ source, amount }]".into(),
            };
            c.error(
                &vpath,
                format!("`{}` không phải cách trình bày kinh phí", quote(view)),
                hint,
            );
        } else if c.plan_refs.as_ref().is_none_or(|r| r.sources.is_none()) {
            c.error(
                &vpath,
                "khối kinh phí lấy số liệu từ `plan.funding`, nhưng kế hoạch chưa có `funding`",
                "khai báo `funding:` trong `plan` (nguồn kinh phí và số tiền), hoặc viết các dòng { source, amount }",
            );
        }
    }
    if let Some(key) = &f.appendix {
        let apath = join(path, "appendix");
        let mut known: Vec<String> = Vec::new();
        for k in c.plan_refs.iter().flat_map(|r| &r.appendices) {
            if !known.contains(k) {
                known.push(k.clone());
            }
        }
        if !known.iter().any(|k| k == key.trim()) {
            let hint = match did_you_mean(key.trim(), known.iter().map(String::as_str)) {
                Some(k) => format!("có phải ý bạn là `{k}`?"),
                None if known.is_empty() => {
                    "văn bản chưa có phụ lục nào: thêm `appendices:` vào kế hoạch".into()
                }
                None => format!("các phụ lục: {}", known.join(", ")),
            };
            c.error(&apath, format!("không có phụ lục `{}`", quote(key)), hint);
        }
    }
}

/// A task's `result` or `funding` line, resolved; None when it is wrong
/// (reported).
pub fn task_line<'a>(c: &mut Checker<'_>, e: &'a TaskEntry, path: &str) -> Option<TaskLine<'a>> {
    if let Some(r) = &e.result {
        c.non_empty(&join(path, "result"), r, "kết quả, sản phẩm");
        return Some(TaskLine::Result(r));
    }
    let amounts = e.funding.as_ref()?;
    let fpath = join(path, "funding");
    let sources = c.plan_refs.as_ref().and_then(|r| r.sources.clone());
    let Some(sources) = sources else {
        c.error(
            &fpath,
            "nhiệm vụ ghi kinh phí theo nguồn, nhưng kế hoạch chưa khai báo các nguồn trong `plan.funding`",
            "thêm `funding: { sources: [{ key: nst, name: Ngân sách tỉnh }, …] }` vào `plan`",
        );
        return None;
    };
    if amounts.is_empty() {
        c.error(
            &fpath,
            "dòng kinh phí chưa có số tiền nào",
            "ghi số tiền theo khóa nguồn, ví dụ funding: { nst: 200 }",
        );
    }
    let mut read = Vec::new();
    for (key, amount) in amounts {
        let n = source_amount(c, &sources, key, amount, &join(&fpath, key));
        read.push(n.map(|n| (sources.iter().position(|s| s == key).unwrap_or(0), n)));
    }
    let mut read: Vec<(usize, Number)> = read.into_iter().collect::<Option<_>>()?;
    read.sort_by_key(|(i, _)| *i);
    Some(TaskLine::Funding(read))
}

/// An amount given for the source `key`: a declared source, a number.
pub fn source_amount(
    c: &mut Checker<'_>,
    sources: &[String],
    key: &str,
    amount: &Amount,
    path: &str,
) -> Option<Number> {
    if !sources.iter().any(|s| s == key) {
        let hint = match did_you_mean(key, sources.iter().map(String::as_str)) {
            Some(k) => format!("có phải ý bạn là `{k}`? Các nguồn: {}", sources.join(", ")),
            None => format!(
                "các nguồn đã khai báo trong plan.funding.sources: {}",
                sources.join(", ")
            ),
        };
        c.error(
            path,
            format!("nguồn kinh phí `{}` chưa được khai báo", quote(key)),
            hint,
        );
        return None;
    }
    amount_value(c, amount, path)
}

/// An amount: a number the Vietnamese way, never below zero.
pub fn amount_value(c: &mut Checker<'_>, amount: &Amount, path: &str) -> Option<Number> {
    let text = amount.0.trim();
    if text.is_empty() {
        c.error(
            path,
            "số tiền đang để trống",
            "ghi số tiền, ví dụ 250 hoặc 1.250.000",
        );
        return None;
    }
    match Number::parse(text) {
        Ok(n) if n < Number::ZERO => {
            c.error(path, format!("số tiền âm: {n}"), "kinh phí là số không âm");
            None
        }
        Ok(n) => Some(n),
        Err(e) => {
            let (message, hint) = e.explain(text);
            c.error(path, message, hint);
            None
        }
    }
}
