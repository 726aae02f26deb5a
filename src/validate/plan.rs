//! Rules of the plan (Kế hoạch) itself.

use super::body;
use super::checker::Checker;
use super::{CheckedBases, CheckedPlan, assignments};
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
    let sections = body::sections(c, &plan.sections, "plan.sections", year);
    c.recipients("plan.recipients", &plan.recipients);
    let (date, year, bases, sections) = (date?, year?, bases?, sections?);
    let assignments = assignments::collect(&sections, &plan.style.labels, &c.units);
    Some(CheckedPlan {
        plan,
        date,
        year,
        bases,
        sections,
        assignments,
    })
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
