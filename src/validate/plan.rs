//! Rules of the plan (Kế hoạch) itself.

use super::body;
use super::checker::Checker;
use super::{CheckedPlan, assignments};
use crate::load::yaml::index;
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
    if let Some(bases) = &plan.bases {
        if bases.items.is_empty() {
            c.error(
                "plan.bases.items",
                "chưa có căn cứ nào",
                "thêm căn cứ vào items, hoặc xóa bases",
            );
        }
        for (i, cite) in bases.items.iter().enumerate() {
            c.citation(&index("plan.bases.items", i), cite);
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
    body::sections(c, &plan.sections, "plan.sections", year);
    c.units("plan.recipients", &plan.recipients);
    let (date, year) = (date?, year?);
    Some(CheckedPlan {
        plan,
        date,
        year,
        assignments: assignments::collect(plan, year),
    })
}
