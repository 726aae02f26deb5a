//! Rules of the plan (Kế hoạch) itself.

use super::body;
use super::checker::Checker;
use super::{CheckedBases, CheckedPlan, appendix, assignments, funding};
use crate::load::yaml::{index, join};
use crate::model::Plan;

pub fn check<'a>(c: &mut Checker<'_>, plan: &'a Plan) -> Option<CheckedPlan<'a>> {
    let date = c.date("plan.date", &plan.date);
    if let Some(date) = date {
        c.issuer_level_on(date, "plan.date");
    }
    c.signer("plan.signer", &plan.signer);
    c.number(
        "plan.number",
        &plan.number,
        "chỉ ghi phần số (125); ký hiệu KH-UBND được thêm tự động",
    );
    c.archive("plan.archive", &plan.archive);
    c.non_empty("plan.title", &plan.title, "trích yếu (title)");
    c.non_empty("plan.closing", &plan.closing, "đoạn kết (closing)");
    let bases = bases(c, plan);
    if plan.sections.is_empty() {
        c.error(
            "plan.sections",
            "kế hoạch chưa có mục nào",
            "thêm ít nhất một mục vào sections",
        );
    }
    let year = plan.year.or(date.map(|d| d.year));
    let keys = appendix::keys(c, plan);
    c.plan_refs = Some(appendix::refs(plan, keys));
    let sections = body::sections(c, &plan.sections, "plan.sections", year);
    appendix_bodies(c, plan, year);
    let assignments = sections
        .as_ref()
        .map(|s| assignments::collect(s, &plan.style.labels, &c.units));
    if let Some(tasks) = &assignments {
        appendix::contents(c, plan, tasks);
    }
    let funding = (plan.funding.as_ref()).and_then(|f| funding::check(c, f, assignments.as_ref()));
    c.plan_refs = None;
    c.recipients("plan.recipients", &plan.recipients);
    let (date, year, bases, sections) = (date?, year?, bases?, sections?);
    let assignments = assignments?;
    Some(CheckedPlan {
        plan,
        date,
        year,
        bases,
        sections,
        assignments,
        funding,
    })
}

/// The text and tables of the appendices, each checked against the page
/// it is printed on.
fn appendix_bodies(c: &mut Checker<'_>, plan: &Plan, year: Option<i32>) {
    let sources = plan.funding.as_ref().map_or(0, |f| f.sources.len());
    for (i, a) in plan.appendices.iter().enumerate() {
        if let Some(refs) = &mut c.plan_refs {
            refs.page = Some(appendix::page(a, sources));
        }
        let path = join(&index("plan.appendices", i), "body");
        body::blocks(c, &a.body, &path, year);
    }
    if let Some(refs) = &mut c.plan_refs {
        refs.page = None;
    }
}

/// The groups of legal bases, each citation read.
fn bases<'a>(c: &mut Checker<'_>, plan: &'a Plan) -> Option<Vec<CheckedBases<'a>>> {
    let Some(list) = &plan.bases else {
        return Some(Vec::new());
    };
    if list.groups.is_empty() {
        c.error(
            "plan.bases",
            "chưa có nhóm căn cứ nào",
            "thêm một nhóm { verb, items }, hoặc xóa bases",
        );
    }
    let mut checked = Vec::new();
    for (g, bases) in list.groups.iter().enumerate() {
        let path = if list.listed {
            index("plan.bases", g)
        } else {
            "plan.bases".to_string()
        };
        let items = join(&path, "items");
        if bases.items.is_empty() {
            c.error(
                &items,
                "chưa có căn cứ nào",
                "thêm căn cứ vào items, hoặc xóa bases",
            );
        }
        let cited: Vec<_> = (bases.items.iter().enumerate())
            .map(|(i, cite)| c.citation(&index(&items, i), cite))
            .collect();
        if let Some(end) = &bases.end
            && end.trim().is_empty()
        {
            c.error(
                &join(&path, "end"),
                "dấu kết thúc căn cứ (end) đang để trống",
                "ví dụ end: \".\" hoặc end: \",\"; xóa dòng này để dùng mặc định",
            );
        }
        checked.push(
            cited
                .into_iter()
                .collect::<Option<_>>()
                .map(|items| CheckedBases { bases, items }),
        );
    }
    checked.into_iter().collect()
}
