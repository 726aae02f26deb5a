//! Rules of the plan (Kế hoạch) itself.

use super::body;
use super::checker::Checker;
use super::{CheckedPlan, appendix, assignments, funding};
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
    if let Some(list) = &plan.bases {
        if list.groups.is_empty() {
            c.error(
                "plan.bases",
                "chưa có nhóm căn cứ nào",
                "thêm một nhóm { verb, items }, hoặc xóa bases",
            );
        }
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
            for (i, cite) in bases.items.iter().enumerate() {
                c.citation(&index(&items, i), cite);
            }
            if let Some(end) = &bases.end
                && end.trim().is_empty()
            {
                c.error(
                    &join(&path, "end"),
                    "dấu kết thúc căn cứ (end) đang để trống",
                    "ví dụ end: \".\" hoặc end: \",\"; xóa dòng này để dùng mặc định",
                );
            }
        }
    }
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
    body::sections(c, &plan.sections, "plan.sections", year);
    let sources = plan.funding.as_ref().map_or(0, |f| f.sources.len());
    for (i, a) in plan.appendices.iter().enumerate() {
        if let Some(refs) = &mut c.plan_refs {
            refs.page = appendix::page(a, sources);
        }
        let path = join(&index("plan.appendices", i), "body");
        body::blocks(c, &a.body, &path, year);
    }
    let assignments = year.map(|y| assignments::collect(plan, y, &c.units));
    let funding = match (&plan.funding, &assignments) {
        (Some(f), Some(tasks)) => {
            appendix::contents(c, plan, tasks);
            funding::check(c, f, tasks)
        }
        (None, Some(tasks)) => {
            appendix::contents(c, plan, tasks);
            None
        }
        _ => None,
    };
    c.plan_refs = None;
    c.recipients("plan.recipients", &plan.recipients);
    let (date, year, assignments) = (date?, year?, assignments?);
    Some(CheckedPlan {
        plan,
        date,
        year,
        assignments,
        funding,
    })
}
