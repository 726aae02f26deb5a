//! The numbered body shared by every document kind: sections (I., 1.,
//! 1.1., a) …), paragraphs, dash lists, and the content / units / timeline
//! lines of tasks.

use super::{Composer, Numberer, list_marker, with_colon, with_period};
use crate::doc::{Block, LeadStyle};
use crate::load::yaml_index::{index, join};
use crate::model::{
    self, Content, ListItem, Marker, Numbering, PlanStyle, Section, TaskEntry, UnitItem,
};
use crate::timeline;
use crate::vn;

pub struct BodyComposer<'a, 'b> {
    pub c: &'b mut Composer<'a>,
    pub style: &'b PlanStyle,
    /// The year timelines refer to.
    pub year: i32,
}

impl BodyComposer<'_, '_> {
    pub fn section(
        &mut self,
        s: &Section,
        path: &str,
        label: String,
        numberer: Numberer,
        out: &mut Vec<Block>,
    ) {
        let mut title = match (&s.title, &s.unit) {
            (Some(t), None) => t.trim().to_string(),
            (None, Some(u)) => self.c.unit(&join(path, "unit"), u, false),
            (Some(_), Some(_)) => {
                self.c.error(
                    &join(path, "unit"),
                    "mục có cả title và unit",
                    "giữ một trong hai: unit lấy tên đơn vị làm tiêu đề",
                );
                String::new()
            }
            (None, None) => {
                self.c.error(
                    path,
                    "mục thiếu tiêu đề",
                    "thêm `title:`, hoặc `unit:` cho mục nhiệm vụ của một đơn vị",
                );
                String::new()
            }
        };
        if let Some(note) = &s.note {
            title = format!("{title} ({})", note.trim());
        }
        if numberer.depth == 1 {
            title = title.to_uppercase();
        }
        let bold = s.bold.unwrap_or(true);
        let mut body = s.body.iter().enumerate().peekable();
        if s.inline {
            match body.peek() {
                Some((_, model::Block::Paragraph(text))) => {
                    let lead = with_colon(format!("{label} {title}").trim_start());
                    out.push(Block::Para {
                        marker: None,
                        lead: Some(lead),
                        lead_style: if bold {
                            LeadStyle::Bold
                        } else {
                            LeadStyle::Plain
                        },
                        text: text.trim().to_string(),
                        italic: false,
                    });
                    body.next();
                }
                _ => self.c.error(
                    &join(path, "inline"),
                    "inline cần một đoạn văn đầu tiên trong body",
                    "thêm một đoạn văn làm phần tử đầu của body, hoặc bỏ inline",
                ),
            }
        } else {
            out.push(Block::Heading { label, title, bold });
        }
        for (i, b) in body {
            self.block(b, &index(&join(path, "body"), i), 0, out);
        }
        if !s.task.is_empty() {
            let marker = s.task_marker.unwrap_or(self.style.task_marker);
            for (i, entry) in s.task.iter().enumerate() {
                self.task_entry(entry, &index(&join(path, "task"), i), marker, i, out);
            }
        }
        let mode = s.numbering.unwrap_or(Numbering::Auto);
        for (i, child) in s.sections.iter().enumerate() {
            let (label, next) = numberer.label(mode, i);
            self.section(child, &index(&join(path, "sections"), i), label, next, out);
        }
    }

    pub fn block(&mut self, b: &model::Block, path: &str, depth: usize, out: &mut Vec<Block>) {
        let f = match b {
            model::Block::Paragraph(t) => {
                self.c.non_empty(path, t, "đoạn văn");
                out.push(Block::para(t.trim()));
                return;
            }
            model::Block::Fields(f) => f,
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
            self.c.error(
                path,
                if kinds > 1 { "một khối có nhiều loại nội dung cùng lúc" } else { "khối trống" },
                "mỗi khối là một trong: đoạn văn, { label, text }, { list }, { enumerate }, { text, amount }, { funding }",
            );
            return;
        }
        if let Some(items) = &f.list {
            if let Some(text) = &f.text {
                out.push(Block::para(text.trim()));
            }
            self.list(items, &join(path, "list"), depth, out);
        } else if let Some(items) = &f.enumerate {
            if let Some(text) = &f.text {
                out.push(Block::para(text.trim()));
            }
            for (i, t) in items.iter().enumerate() {
                self.c
                    .non_empty(&index(&join(path, "enumerate"), i), t, "ý liệt kê");
                out.push(Block::item(format!("({})", i + 1), None, t.trim()));
            }
        } else if let Some(amount) = f.amount {
            let mut text = format!("{} đồng", vn::group_thousands(amount));
            if f.in_words.unwrap_or(true) {
                text.push_str(&format!(" (Bằng chữ: {})", vn::amount_in_words(amount)));
            }
            text.push('.');
            let lead = f.text.as_deref().map(with_colon);
            out.push(Block::Para {
                marker: None,
                lead,
                lead_style: LeadStyle::Plain,
                text,
                italic: false,
            });
        } else if let Some(sources) = &f.funding {
            if let Some(text) = &f.text {
                out.push(Block::para(text.trim()));
            }
            for (i, s) in sources.iter().enumerate() {
                self.c.non_empty(
                    &join(&index(&join(path, "funding"), i), "source"),
                    &s.source,
                    "nguồn kinh phí",
                );
                let text = match s.amount {
                    Some(a) => format!(
                        "{}: {} đồng.",
                        s.source.trim().trim_end_matches(':'),
                        vn::group_thousands(a)
                    ),
                    None => s.source.trim().to_string(),
                };
                out.push(Block::item(list_marker(depth), None, text));
            }
        } else if let Some(text) = &f.text {
            self.c.non_empty(&join(path, "text"), text, "đoạn văn");
            out.push(Block::Para {
                marker: None,
                lead: f.label.as_deref().map(with_colon),
                lead_style: LeadStyle::Italic,
                text: text.trim().to_string(),
                italic: false,
            });
        }
    }

    pub fn list(&mut self, items: &[ListItem], path: &str, depth: usize, out: &mut Vec<Block>) {
        for (i, item) in items.iter().enumerate() {
            let p = index(path, i);
            match item {
                ListItem::Text(t) => {
                    self.c.non_empty(&p, t, "dòng gạch đầu dòng");
                    out.push(Block::item(list_marker(depth), None, t.trim()));
                }
                ListItem::Nested { text, list } => {
                    self.c
                        .non_empty(&join(&p, "text"), text, "dòng gạch đầu dòng");
                    out.push(Block::item(list_marker(depth), None, text.trim()));
                    self.list(list, &join(&p, "list"), depth + 1, out);
                }
            }
        }
    }

    pub fn unit_list(&mut self, refs: &[String], path: &str) -> String {
        refs.iter()
            .enumerate()
            .map(|(i, r)| self.c.unit(&index(path, i), r, false))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn task_entry(
        &mut self,
        e: &TaskEntry,
        path: &str,
        marker: Marker,
        i: usize,
        out: &mut Vec<Block>,
    ) {
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
            self.c.error(
                path,
                if kinds == 0 { "dòng nhiệm vụ trống" } else { "một dòng nhiệm vụ có nhiều loại nội dung" },
                "mỗi dòng là một trong: content, units, support, timeline, text, list (có thể kèm label)",
            );
            return;
        }
        let mark = match marker {
            Marker::Dash => "-".to_string(),
            Marker::Letter => format!("{})", vn::point_letter(i)),
        };
        let sub_depth = if marker == Marker::Dash { 1 } else { 0 };
        let labels = &self.style.labels;
        let label = |default: &str| Some(with_colon(e.label.as_deref().unwrap_or(default)));
        if let Some(content) = &e.content {
            let lead = label(&labels.content);
            match content {
                Content::Text(t) => {
                    self.c.non_empty(&join(path, "content"), t, "nội dung");
                    out.push(Block::item(mark, lead, t.trim()));
                }
                Content::Blocks(blocks) => {
                    out.push(Block::item(mark, lead, ""));
                    for (j, b) in blocks.iter().enumerate() {
                        self.block(b, &index(&join(path, "content"), j), sub_depth, out);
                    }
                }
            }
        } else if let Some(units) = &e.units {
            let lead = label(&labels.units);
            let upath = join(path, "units");
            if units.is_empty() {
                self.c.error(
                    &upath,
                    "chưa có đơn vị thực hiện",
                    "thêm ít nhất một đơn vị",
                );
            }
            let clauses: Vec<String> = units
                .iter()
                .enumerate()
                .map(|(j, u)| self.unit_clause(u, &index(&upath, j)))
                .collect();
            if e.lines {
                out.push(Block::item(mark, lead, ""));
                let last = clauses.len().saturating_sub(1);
                for (j, clause) in clauses.iter().enumerate() {
                    let end = if j == last { "." } else { ";" };
                    out.push(Block::item(
                        list_marker(sub_depth),
                        None,
                        format!("{clause}{end}"),
                    ));
                }
            } else {
                out.push(Block::item(mark, lead, format!("{}.", clauses.join("; "))));
            }
        } else if let Some(support) = &e.support {
            let text = self.unit_list(support, &join(path, "support"));
            out.push(Block::item(
                mark,
                label(&labels.support),
                with_period(&text),
            ));
        } else if let Some(t) = &e.timeline {
            let tpath = join(path, "timeline");
            match timeline::render(t, self.year) {
                Ok(r) => {
                    for (field, date) in &r.dates {
                        if date.year != self.year {
                            let d = self
                                .c
                                .file
                                .warning_at(&join(&tpath, field), format!("thời hạn {} nằm ngoài năm kế hoạch {}", date.short(), self.year))
                                .hint("kiểm tra lại năm; kế hoạch năm nào thường có thời hạn trong năm đó");
                            self.c.diags.push(d);
                        }
                    }
                    out.push(Block::item(
                        mark,
                        label(&labels.timeline),
                        with_period(&r.text),
                    ));
                }
                Err(p) => {
                    let at = p.field.map(|f| join(&tpath, f)).unwrap_or(tpath);
                    self.c.error(&at, p.message, p.hint);
                }
            }
        } else if let Some(t) = &e.text {
            self.c.non_empty(&join(path, "text"), t, "nội dung");
            out.push(Block::item(
                mark,
                e.label.as_deref().map(with_colon),
                t.trim(),
            ));
        } else if let Some(items) = &e.list {
            out.push(Block::item(mark, e.label.as_deref().map(with_colon), ""));
            self.list(items, &join(path, "list"), sub_depth, out);
        }
    }

    pub fn unit_clause(&mut self, u: &UnitItem, path: &str) -> String {
        match u {
            UnitItem::Ref(r) => self.c.unit(path, r, false),
            UnitItem::Clause(cl) => {
                if cl.lead.is_empty() {
                    self.c.error(
                        &join(path, "lead"),
                        "thiếu đơn vị chủ trì",
                        "thêm ít nhất một đơn vị vào lead",
                    );
                }
                let lead = self.unit_list(&cl.lead, &join(path, "lead"));
                let role = cl.role.as_deref().map(str::trim).unwrap_or("chủ trì");
                let mut text = format!("{lead} {role}");
                if !cl.support.is_empty() {
                    let support = self.unit_list(&cl.support, &join(path, "support"));
                    text.push_str(&format!(", phối hợp với {support}"));
                }
                text
            }
        }
    }
}
