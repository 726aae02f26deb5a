//! Rules of the numbered body every document kind shares: sections, blocks
//! of text, dash lists, and the lines of tasks (content, units, timeline).

use super::checker::Checker;
use crate::load::yaml::{index, join};
use crate::model::{Block, Content, ListItem, Section, TaskEntry, UnitItem};
use crate::timeline;

/// Checks sections and everything under them; `year` is the year the
/// timelines refer to (unknown when the document's date is wrong).
pub fn sections(c: &mut Checker<'_>, list: &[Section], path: &str, year: Option<i32>) {
    for (i, s) in list.iter().enumerate() {
        section(c, s, &index(path, i), year);
    }
}

fn section(c: &mut Checker<'_>, s: &Section, path: &str, year: Option<i32>) {
    match (&s.title, &s.unit) {
        (Some(_), Some(_)) => c.error(
            &join(path, "unit"),
            "mục có cả title và unit",
            "giữ một trong hai: unit lấy tên đơn vị làm tiêu đề",
        ),
        (None, None) => c.error(
            path,
            "mục thiếu tiêu đề",
            "thêm `title:`, hoặc `unit:` cho mục nhiệm vụ của một đơn vị",
        ),
        (None, Some(u)) => c.unit(&join(path, "unit"), u),
        (Some(_), None) => {}
    }
    if s.inline && !matches!(s.body.first(), Some(Block::Paragraph(_))) {
        c.error(
            &join(path, "inline"),
            "inline cần một đoạn văn đầu tiên trong body",
            "thêm một đoạn văn làm phần tử đầu của body, hoặc bỏ inline",
        );
    }
    blocks(c, &s.body, &join(path, "body"));
    for (i, e) in s.task.iter().enumerate() {
        task_entry(c, e, &index(&join(path, "task"), i), year);
    }
    sections(c, &s.sections, &join(path, "sections"), year);
}

pub fn blocks(c: &mut Checker<'_>, list: &[Block], path: &str) {
    for (i, b) in list.iter().enumerate() {
        block(c, b, &index(path, i));
    }
}

fn block(c: &mut Checker<'_>, b: &Block, path: &str) {
    let f = match b {
        Block::Paragraph(t) => {
            c.non_empty(path, t, "đoạn văn");
            return;
        }
        Block::Fields(f) => f,
    };
    let kinds = [
        f.list.is_some(),
        f.enumerate.is_some(),
        f.amount.is_some(),
        f.funding.is_some(),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    if kinds > 1 || (kinds == 0 && f.text.is_none()) {
        c.error(
            path,
            if kinds > 1 { "một khối có nhiều loại nội dung cùng lúc" } else { "khối trống" },
            "mỗi khối là một trong: đoạn văn, { label, text }, { list }, { enumerate }, { text, amount }, { funding }",
        );
        return;
    }
    if let Some(items) = &f.list {
        list(c, items, &join(path, "list"));
    } else if let Some(items) = &f.enumerate {
        for (i, t) in items.iter().enumerate() {
            c.non_empty(&index(&join(path, "enumerate"), i), t, "ý liệt kê");
        }
    } else if let Some(sources) = &f.funding {
        for (i, s) in sources.iter().enumerate() {
            c.non_empty(
                &join(&index(&join(path, "funding"), i), "source"),
                &s.source,
                "nguồn kinh phí",
            );
        }
    } else if f.amount.is_none()
        && let Some(text) = &f.text
    {
        c.non_empty(&join(path, "text"), text, "đoạn văn");
    }
}

pub fn list(c: &mut Checker<'_>, items: &[ListItem], path: &str) {
    for (i, item) in items.iter().enumerate() {
        let p = index(path, i);
        match item {
            ListItem::Text(t) => c.non_empty(&p, t, "dòng gạch đầu dòng"),
            ListItem::Nested { text, list: sub } => {
                c.non_empty(&join(&p, "text"), text, "dòng gạch đầu dòng");
                list(c, sub, &join(&p, "list"));
            }
        }
    }
}

fn task_entry(c: &mut Checker<'_>, e: &TaskEntry, path: &str, year: Option<i32>) {
    let kinds = [
        e.content.is_some(),
        e.units.is_some(),
        e.support.is_some(),
        e.timeline.is_some(),
        e.text.is_some(),
        e.list.is_some(),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    if kinds != 1 {
        c.error(
            path,
            if kinds == 0 { "dòng nhiệm vụ trống" } else { "một dòng nhiệm vụ có nhiều loại nội dung" },
            "mỗi dòng là một trong: content, units, support, timeline, text, list (có thể kèm label)",
        );
        return;
    }
    if let Some(content) = &e.content {
        match content {
            Content::Text(t) => c.non_empty(&join(path, "content"), t, "nội dung"),
            Content::Blocks(b) => blocks(c, b, &join(path, "content")),
        }
    } else if let Some(units) = &e.units {
        let upath = join(path, "units");
        if units.is_empty() {
            c.error(
                &upath,
                "chưa có đơn vị thực hiện",
                "thêm ít nhất một đơn vị",
            );
        }
        for (j, u) in units.iter().enumerate() {
            let p = index(&upath, j);
            match u {
                UnitItem::Ref(r) => c.unit(&p, r),
                UnitItem::Clause(cl) => {
                    if cl.lead.is_empty() {
                        c.error(
                            &join(&p, "lead"),
                            "thiếu đơn vị chủ trì",
                            "thêm ít nhất một đơn vị vào lead",
                        );
                    }
                    c.units(&join(&p, "lead"), &cl.lead);
                    c.units(&join(&p, "support"), &cl.support);
                }
            }
        }
    } else if let Some(support) = &e.support {
        c.units(&join(path, "support"), support);
    } else if let Some(t) = &e.timeline {
        let tpath = join(path, "timeline");
        match timeline::render(t, year.unwrap_or_default()) {
            Ok(r) => {
                for (field, date) in &r.dates {
                    if let Some(year) = year
                        && date.year != year
                    {
                        c.warning(
                            &join(&tpath, field),
                            format!("thời hạn {} nằm ngoài năm kế hoạch {year}", date.short()),
                            "kiểm tra lại năm; kế hoạch năm nào thường có thời hạn trong năm đó",
                        );
                    }
                }
            }
            Err(d) => c.push(d.within(&tpath)),
        }
    } else if let Some(t) = &e.text {
        c.non_empty(&join(path, "text"), t, "nội dung");
    } else if let Some(items) = &e.list {
        list(c, items, &join(path, "list"));
    }
}
