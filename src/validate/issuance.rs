//! Rules of electronic issuance: the office's document system assigns
//! the number and the day after signing (NĐ 30 Điều 15), so an electronic
//! document prints them blank. A number or day typed in the file is then
//! not printed, and the author is told so rather than finding out.

use super::checker::Checker;
use crate::load::yaml::{index, join};
use crate::model::{DocDate, DocNumber, PlanFile};

pub fn check(c: &mut Checker<'_>, model: &PlanFile) {
    if !model.electronic {
        return;
    }
    let mut entries: Vec<(String, &DocNumber, &DocDate)> = Vec::new();
    if let Some(p) = &model.plan {
        entries.push(("plan".into(), &p.number, &p.date));
    }
    for (i, d) in model.decisions.iter().enumerate() {
        entries.push((index("decisions", i), &d.number, &d.date));
    }
    for (i, d) in model.dispatches.iter().enumerate() {
        entries.push((index("dispatches", i), &d.number, &d.date));
    }
    for (path, number, date) in entries {
        let day_typed = matches!(date, DocDate::Text(_) | DocDate::Parts { day: Some(_), .. });
        let mut typed = Vec::new();
        if let Some(n) = &number.0 {
            typed.push(format!("số `{n}`"));
        }
        if day_typed {
            typed.push("ngày ban hành".to_string());
        }
        if typed.is_empty() {
            continue;
        }
        let field = if number.0.is_some() {
            join(&path, "number")
        } else {
            join(&path, "date")
        };
        c.warning(
            &field,
            format!(
                "văn bản điện tử: số và ngày do hệ thống quản lý văn bản cấp khi phát hành, nên {} đã ghi trong tệp không được in",
                typed.join(" và ")
            ),
            "để trống `number:` và ghi `date: { year: …, month: … }`; hoặc bỏ `electronic: true` (--electronic) để in bản giấy có số và ngày",
        );
    }
}
