//! Rules of dispatches (Công văn): written out, or drafted from the plan's
//! task assignments (one per lead unit, or one to all).

use super::body;
use super::checker::Checker;
use super::{CheckedDispatch, CheckedPlan, CheckedSection, DispatchForm};
use crate::load::yaml::{index, join};
use crate::model::{Dispatch, FromPlan, PlanFile};
use crate::naming;

pub fn check_all<'a>(
    c: &mut Checker<'_>,
    model: &'a PlanFile,
    plan: Option<&CheckedPlan<'_>>,
) -> Vec<CheckedDispatch<'a>> {
    model
        .dispatches
        .iter()
        .enumerate()
        .filter_map(|(i, d)| check(c, model, plan, i, d))
        .collect()
}

fn check<'a>(
    c: &mut Checker<'_>,
    model: &'a PlanFile,
    plan: Option<&CheckedPlan<'_>>,
    i: usize,
    d: &'a Dispatch,
) -> Option<CheckedDispatch<'a>> {
    let path = index("dispatches", i);
    let date = c.date(&join(&path, "date"), &d.date);
    if let Some(date) = date {
        c.issuer_level_on(date, &join(&path, "date"));
    }
    let signer = match (&d.signer, model.plan.as_ref().map(|p| &p.signer)) {
        (Some(s), _) => {
            c.signer(&join(&path, "signer"), s);
            Some(s)
        }
        (None, Some(s)) => Some(s),
        (None, None) => {
            c.error(
                &path,
                "công văn chưa có người ký",
                "thêm `signer:` (tm, kt, title, name) vào công văn",
            );
            None
        }
    };
    c.number(
        &join(&path, "number"),
        &d.number,
        "chỉ ghi phần số; ký hiệu được thêm tự động",
    );
    c.recipients(&join(&path, "recipients"), &d.recipients);
    let form = match d.from_plan {
        None => DispatchForm::Free(free_form(c, d, &path, date.map(|d| d.year))?),
        Some(mode) => {
            if model.plan.is_none() {
                c.error(
                    &join(&path, "from_plan"),
                    "from_plan cần một kế hoạch trong cùng tệp",
                    "thêm mục `plan:` hoặc bỏ from_plan",
                );
                return None;
            }
            // A plan with its own problems is reported there.
            let units = plan?.assignments.lead_units();
            if units.is_empty() {
                c.error(
                    &join(&path, "from_plan"),
                    "kế hoạch chưa giao nhiệm vụ chủ trì cho đơn vị nào đã khai báo",
                    "dùng khóa đơn vị trong units/lead của các nhiệm vụ, hoặc viết công văn tự do",
                );
                return None;
            }
            let units = chosen(c, d, &path, units)?;
            match mode {
                FromPlan::PerLeadUnit => DispatchForm::PerUnit(units),
                FromPlan::AllUnits => DispatchForm::AllUnits(units),
            }
        }
    };
    let stems = match &form {
        DispatchForm::Free(_) => vec![naming::dispatch(d)],
        DispatchForm::PerUnit(units) => units.iter().map(|k| naming::unit_dispatch(k)).collect(),
        DispatchForm::AllUnits(_) => vec![naming::all_units_dispatch(d)],
    };
    Some(CheckedDispatch {
        index: i,
        dispatch: d,
        date: date?,
        signer: signer?,
        form,
        stems,
    })
}

/// The lead units a drafted dispatch goes to: every one, or those `to`
/// names (in its order), each of which must lead a task of the plan.
fn chosen(
    c: &mut Checker<'_>,
    d: &Dispatch,
    path: &str,
    leads: Vec<String>,
) -> Option<Vec<String>> {
    if d.to.is_empty() {
        return Some(leads);
    }
    let to = join(path, "to");
    let mut chosen: Vec<String> = Vec::new();
    let mut refused = false;
    for (i, key) in d.to.iter().enumerate() {
        let key = key.trim();
        if leads.iter().any(|l| l == key) {
            if !chosen.iter().any(|k| k == key) {
                chosen.push(key.to_string());
            }
            continue;
        }
        refused = true;
        c.error(
            &index(&to, i),
            format!("`{key}` không phải đơn vị chủ trì nhiệm vụ nào của kế hoạch"),
            format!(
                "với from_plan, `to` chọn những đơn vị chủ trì sẽ nhận công văn, ghi bằng khóa: {}; bỏ `to` để gửi mọi đơn vị chủ trì",
                leads.join(", ")
            ),
        );
    }
    (!refused).then_some(chosen)
}

/// The rules of a dispatch written out; its sections, resolved.
fn free_form<'a>(
    c: &mut Checker<'_>,
    d: &'a Dispatch,
    path: &str,
    year: Option<i32>,
) -> Option<Vec<CheckedSection<'a>>> {
    if d.subject.as_deref().is_none_or(|s| s.trim().is_empty()) {
        c.error(
            path,
            "công văn thiếu trích yếu (subject)",
            "thêm `subject:`, phần sau chữ \"V/v\"",
        );
    }
    if d.to.is_empty() {
        c.error(
            path,
            "công văn chưa có nơi gửi (to)",
            "thêm `to:` với các đơn vị nhận (Kính gửi)",
        );
    }
    c.units(&join(path, "to"), &d.to);
    body::blocks(c, &d.body, &join(path, "body"), year);
    let sections = body::sections(c, &d.sections, &join(path, "sections"), year);
    if d.closing.as_deref().is_none_or(|t| t.trim().is_empty()) {
        c.error(
            path,
            "công văn thiếu đoạn kết (closing)",
            "thêm `closing:`; \"./.\" được thêm tự động",
        );
    }
    if d.body.is_empty() && d.sections.is_empty() {
        c.error(
            path,
            "công văn chưa có nội dung",
            "thêm `body:` hoặc `sections:`",
        );
    }
    sections
}
