//! Rules of a plan's appendices: what each holds, the key the body refers
//! to it by, and the page its tables are checked against.

use super::assignments::{Assignments, Form};
use super::checker::Checker;
use super::table_state::PlanRefs;
use crate::diag::quote;
use crate::load::yaml::{index, join};
use crate::model::{Block, Plan, PlanAppendix};
use crate::table::{self, PORTRAIT_MAX_COLUMNS, Page};
use crate::units::is_unit_key;

/// The key the body refers to `a` by: its own, or what it holds.
pub fn key(a: &PlanAppendix) -> Option<String> {
    match (&a.key, &a.tasks, a.funding) {
        (Some(k), ..) => Some(k.trim().to_string()),
        (None, Some(t), _) if t.enabled => Some("tasks".into()),
        (None, _, true) => Some("funding".into()),
        _ => None,
    }
}

/// The page `a` is printed on: landscape when asked, or when a table in
/// it is wider than a portrait page holds well (the task table is six
/// columns; the funding table three and one per source).
pub fn page(a: &PlanAppendix, sources: usize) -> Page {
    let widest = a
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Fields(f) => f.table.as_ref().map(|t| t.columns.len()),
            Block::Paragraph(_) => None,
        })
        .chain(a.tasks.iter().filter(|t| t.enabled).map(|_| 6))
        .chain(a.funding.then_some(3 + sources))
        .max()
        .unwrap_or(0);
    if a.landscape.unwrap_or(widest > PORTRAIT_MAX_COLUMNS) {
        table::LANDSCAPE
    } else {
        table::PORTRAIT
    }
}

/// The keys of the plan's appendices, each checked once: the body may
/// refer to them. Their bodies are checked with [`super::body`] after.
pub fn keys(c: &mut Checker<'_>, plan: &Plan) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    for (i, a) in plan.appendices.iter().enumerate() {
        let path = index("plan.appendices", i);
        let Some(k) = key(a) else { continue };
        if a.key.is_some() && !is_unit_key(&k) {
            c.error(
                &join(&path, "key"),
                format!("khóa phụ lục `{}` không hợp lệ", quote(&k)),
                "khóa chỉ gồm chữ thường không dấu, số và dấu gạch dưới, ví dụ phan_cong, chi_tieu",
            );
        } else if keys.contains(&k) {
            let field = match (&a.key, a.funding) {
                (Some(_), _) => "key",
                (None, true) => "funding",
                (None, false) => "tasks",
            };
            c.error(
                &join(&path, field),
                format!("hai phụ lục cùng khóa `{k}`"),
                "đặt `key:` khác nhau cho từng phụ lục",
            );
        }
        keys.push(k);
    }
    keys
}

/// What each appendix holds; `tasks` are the plan's assignments.
pub fn contents(c: &mut Checker<'_>, plan: &Plan, tasks: &Assignments) {
    let has_tasks = tasks.tasks.iter().any(|t| t.form != Form::Duty);
    for (i, a) in plan.appendices.iter().enumerate() {
        let path = index("plan.appendices", i);
        let task_table = a.tasks.as_ref().is_some_and(|t| t.enabled);
        if task_table && a.funding {
            c.error(
                &path,
                "một phụ lục có cả bảng nhiệm vụ và bảng kinh phí",
                "tách thành hai phụ lục: một có `tasks`, một có `funding: true`",
            );
        }
        if !task_table && !a.funding && a.body.is_empty() {
            c.error(
                &path,
                "phụ lục chưa có nội dung",
                "thêm `tasks: true` (bảng phân công nhiệm vụ), `funding: true` (bảng kinh phí) hoặc `body:` (văn bản, bảng)",
            );
        }
        if !task_table && !a.funding && a.title.is_none() {
            c.error(
                &path,
                "phụ lục chưa có tên (title)",
                "ví dụ title: Chỉ tiêu phát triển sản phẩm OCOP theo xã",
            );
        }
        if let Some(t) = &a.title {
            c.non_empty(&join(&path, "title"), t, "tên phụ lục");
        }
        if task_table && !has_tasks {
            c.error(
                &join(&path, "tasks"),
                "kế hoạch chưa có nhiệm vụ nào để lập bảng phân công",
                "thêm các dòng `task:` hoặc câu giao việc `assign:` vào các mục của kế hoạch",
            );
        }
        if a.funding && plan.funding.is_none() {
            c.error(
                &join(&path, "funding"),
                "phụ lục kinh phí lấy số liệu từ `plan.funding`, nhưng kế hoạch chưa có `funding`",
                "khai báo `funding:` trong `plan` (nguồn kinh phí, số tiền)",
            );
        }
    }
}

/// The references the body may make, for the checks of the body.
pub fn refs(plan: &Plan, keys: Vec<String>) -> PlanRefs {
    PlanRefs {
        appendices: keys,
        sources: plan
            .funding
            .as_ref()
            .map(|f| f.sources.iter().map(|s| s.key.trim().to_string()).collect()),
        page: None,
    }
}
