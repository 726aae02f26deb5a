//! Rules of the numbered body every document kind shares: sections, blocks
//! of text, dash lists, the lines of tasks (content, units, timeline), the
//! author's sentences that give work to units, and the dates written in
//! the text.

use super::assignments::{read_sentence, section_units};
use super::checker::Checker;
use crate::diag::{did_you_mean, quote};
use crate::load::yaml::{index, join};
use crate::model::{
    Block, Content, FundingBlock, ListItem, Section, TaskEntry, UnitItem, UnitsEntry,
};
use crate::timeline;
use crate::units::{Reading, fold};

/// Checks sections and everything under them; `year` is the year the
/// timelines refer to (unknown when the document's date is wrong).
pub fn sections(c: &mut Checker<'_>, list: &[Section], path: &str, year: Option<i32>) {
    let mut body = Body { c, year };
    for (i, s) in list.iter().enumerate() {
        body.section(s, &index(path, i), &[]);
    }
}

/// Checks blocks of text outside any section (a dispatch's `body`).
pub fn blocks(c: &mut Checker<'_>, list: &[Block], path: &str, year: Option<i32>) {
    Body { c, year }.blocks(list, path, &[]);
}

/// What a sentence is, for the messages about it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Giving {
    /// `assign:`: it must name the unit that leads.
    Assignment,
    /// A task's units line: a free list is allowed.
    UnitsLine,
}

struct Body<'c, 'l> {
    c: &'c mut Checker<'l>,
    year: Option<i32>,
}

impl Body<'_, '_> {
    /// Text that prints as typed: not empty, and every date in it possible
    /// (a deadline in another year is a warning).
    fn text(&mut self, path: &str, text: &str, what: &str) {
        self.c.non_empty(path, text, what);
        self.dates(path, text);
    }

    fn dates(&mut self, path: &str, text: &str) {
        for d in timeline::check_text(text, self.year) {
            self.c.push(d.field(path));
        }
    }

    /// A lead-in ("label"): never empty, which would print "- : …".
    fn label(&mut self, path: &str, label: Option<&String>) {
        if label.is_some_and(|l| l.trim().trim_end_matches(':').trim().is_empty()) {
            self.c.error(
                path,
                "lời dẫn (label) đang để trống",
                "xóa dòng `label:` (dòng nhiệm vụ dùng lời dẫn mặc định), hoặc viết lời dẫn, ví dụ label: Thời gian hoàn thành",
            );
        }
    }

    /// `lead`/`support` belong to a sentence.
    fn roles_without_sentence(
        &mut self,
        path: &str,
        lead: &Option<Vec<String>>,
        support: &Option<Vec<String>>,
    ) {
        for (field, list) in [("lead", lead), ("support", support)] {
            if list.is_some() {
                self.c.error(
                    &join(path, field),
                    format!("`{field}` chỉ dùng cùng câu giao việc `assign`"),
                    "viết câu vào `assign:` thay cho `text:`, hoặc xóa dòng này",
                );
            }
        }
    }

    fn section(&mut self, s: &Section, path: &str, implied: &[String]) {
        let forms = [
            s.title.is_some(),
            s.unit.is_some(),
            s.text.is_some(),
            s.assign.is_some(),
        ];
        let count = forms.iter().filter(|f| **f).count();
        if s.title.is_some() && s.unit.is_some() && count == 2 {
            self.c.error(
                &join(path, "unit"),
                "mục có cả title và unit",
                "giữ một trong hai: unit lấy tên đơn vị làm tiêu đề",
            );
        } else if count > 1 {
            self.c.error(
                path,
                "mục có nhiều hơn một trong title, unit, text, assign",
                "giữ một: title (tiêu đề), unit (mục của đơn vị), text (đoạn văn đánh số) hoặc assign (câu giao việc đánh số)",
            );
        } else if count == 0 {
            self.c.error(
                path,
                "mục thiếu tiêu đề",
                "thêm `title:`, hoặc `unit:` cho mục nhiệm vụ của một đơn vị, hoặc `text:`/`assign:` cho một đoạn văn đánh số",
            );
        }
        if let Some(units) = &s.unit {
            let upath = join(path, "unit");
            if units.0.is_empty() {
                self.c.error(
                    &upath,
                    "mục chưa có đơn vị nào",
                    "ví dụ unit: stc, hoặc unit: [stc, skhdt]",
                );
            }
            if units.0.len() == 1 {
                self.c.unit(&upath, &units.0[0]);
            } else {
                self.c.units(&upath, &units.0);
            }
        }
        let paragraph = s.text.is_some() || s.assign.is_some();
        if paragraph && s.title.is_none() && s.unit.is_none() {
            let heading_only = [
                ("note", s.note.is_some()),
                ("inline", s.inline),
                ("bold", s.bold.is_some()),
                ("colon", s.colon),
            ];
            for (field, set) in heading_only {
                if set {
                    self.c.error(
                        &join(path, field),
                        format!("`{field}` chỉ dùng cho mục có tiêu đề (title hoặc unit)"),
                        "đoạn văn đánh số (text, assign) in như một đoạn văn: xóa dòng này",
                    );
                }
            }
        }
        match &s.assign {
            Some(text) => self.sentence(
                &join(path, "assign"),
                path,
                text,
                &s.lead,
                &s.support,
                Giving::Assignment,
                implied,
            ),
            None => self.roles_without_sentence(path, &s.lead, &s.support),
        }
        if let Some(text) = &s.text {
            self.text(&join(path, "text"), text, "đoạn văn");
        }
        if let Some(t) = &s.title {
            self.dates(&join(path, "title"), t);
        }
        if s.inline && !matches!(s.body.first(), Some(Block::Paragraph(_))) {
            let assign_first = matches!(s.body.first(), Some(Block::Fields(f))
                if f.assign.is_some() && f.list.is_none() && f.label.is_none());
            if !assign_first {
                self.c.error(
                    &join(path, "inline"),
                    "inline cần một đoạn văn đầu tiên trong body",
                    "thêm một đoạn văn làm phần tử đầu của body, hoặc bỏ inline",
                );
            }
        }
        let own: Vec<String>;
        let implied = if s.unit.is_some() {
            own = section_units(&self.c.units, s);
            own.as_slice()
        } else {
            implied
        };
        self.blocks(&s.body, &join(path, "body"), implied);
        for (i, e) in s.task.iter().enumerate() {
            self.task_entry(e, &index(&join(path, "task"), i));
        }
        for (i, child) in s.sections.iter().enumerate() {
            self.section(child, &index(&join(path, "sections"), i), implied);
        }
    }

    fn blocks(&mut self, list: &[Block], path: &str, implied: &[String]) {
        for (i, b) in list.iter().enumerate() {
            self.block(b, &index(path, i), implied);
        }
    }

    fn block(&mut self, b: &Block, path: &str, implied: &[String]) {
        let f = match b {
            Block::Paragraph(t) => {
                self.text(path, t, "đoạn văn");
                return;
            }
            Block::Fields(f) => f,
        };
        let kinds = [
            f.list.is_some() && f.assign.is_none(),
            f.enumerate.is_some(),
            f.amount.is_some(),
            f.funding.is_some(),
            f.assign.is_some(),
            f.table.is_some(),
            f.appendix.is_some(),
        ]
        .iter()
        .filter(|k| **k)
        .count();
        if kinds > 1 || (kinds == 0 && f.text.is_none() && f.label.is_none()) {
            self.c.error(
                path,
                if kinds > 1 { "một khối có nhiều loại nội dung cùng lúc" } else { "khối trống" },
                "mỗi khối là một trong: đoạn văn, { label, text }, { list }, { enumerate }, { assign }, { text, amount }, { funding }, { table }, { appendix }",
            );
            return;
        }
        self.label(&join(path, "label"), f.label.as_ref());
        if f.label_style.is_some() && f.label.is_none() {
            self.c.error(
                &join(path, "label_style"),
                "`label_style` cần một lời dẫn `label`",
                "thêm label, hoặc xóa label_style",
            );
        }
        if let Some(text) = &f.assign {
            if f.text.is_some() {
                self.c.error(
                    &join(path, "text"),
                    "khối có cả text và assign",
                    "câu giao việc viết trong assign; xóa text",
                );
            }
            self.sentence(
                &join(path, "assign"),
                path,
                text,
                &f.lead,
                &f.support,
                Giving::Assignment,
                implied,
            );
        } else {
            self.roles_without_sentence(path, &f.lead, &f.support);
        }
        if let Some(items) = &f.list {
            self.list(items, &join(path, "list"), implied);
        }
        if let Some(items) = &f.enumerate {
            for (i, t) in items.iter().enumerate() {
                self.text(&index(&join(path, "enumerate"), i), t, "ý liệt kê");
            }
        }
        super::tables::block(self.c, f, path);
        if let Some(FundingBlock::Lines(sources)) = &f.funding {
            for (i, s) in sources.iter().enumerate() {
                self.c.non_empty(
                    &join(&index(&join(path, "funding"), i), "source"),
                    &s.source,
                    "nguồn kinh phí",
                );
            }
        }
        if f.amount.is_none()
            && f.funding.is_none()
            && let Some(text) = &f.text
        {
            self.text(&join(path, "text"), text, "đoạn văn");
        }
    }

    fn list(&mut self, items: &[ListItem], path: &str, implied: &[String]) {
        for (i, item) in items.iter().enumerate() {
            let p = index(path, i);
            match item {
                ListItem::Text(t) => self.text(&p, t, "dòng gạch đầu dòng"),
                ListItem::Fields(f) => {
                    self.label(&join(&p, "label"), f.label.as_ref());
                    if f.label_style.is_some() && f.label.is_none() {
                        self.c.error(
                            &join(&p, "label_style"),
                            "`label_style` cần một lời dẫn `label`",
                            "thêm label, hoặc xóa label_style",
                        );
                    }
                    match (&f.text, &f.assign) {
                        (Some(_), Some(_)) => self.c.error(
                            &join(&p, "text"),
                            "dòng có cả text và assign",
                            "câu giao việc viết trong assign; xóa text",
                        ),
                        (None, None) if f.label.is_none() => self.c.error(
                            &p,
                            "dòng gạch đầu dòng chưa có nội dung",
                            "thêm `text:` (hoặc `assign:` cho câu giao việc, `label:` cho lời dẫn trước các ý con)",
                        ),
                        (Some(t), None) => self.text(&join(&p, "text"), t, "dòng gạch đầu dòng"),
                        _ => {}
                    }
                    match &f.assign {
                        Some(text) => self.sentence(
                            &join(&p, "assign"),
                            &p,
                            text,
                            &f.lead,
                            &f.support,
                            Giving::Assignment,
                            implied,
                        ),
                        None => self.roles_without_sentence(&p, &f.lead, &f.support),
                    }
                    self.list(&f.list, &join(&p, "list"), implied);
                }
            }
        }
    }

    /// An author's sentence that gives work to units, `text` at
    /// `text_path`, its `lead`/`support` fields under `path`.
    #[allow(clippy::too_many_arguments)]
    fn sentence(
        &mut self,
        text_path: &str,
        path: &str,
        text: &str,
        lead: &Option<Vec<String>>,
        support: &Option<Vec<String>>,
        giving: Giving,
        implied: &[String],
    ) {
        self.text(
            text_path,
            text,
            match giving {
                Giving::Assignment => "câu giao việc",
                Giving::UnitsLine => "câu đơn vị thực hiện",
            },
        );
        if text.trim().is_empty() {
            return;
        }
        let units = self.c.units;
        let named: Vec<String> = units.mentions(text).into_iter().map(|m| m.key).collect();
        for (field, list) in [("lead", lead), ("support", support)] {
            let Some(list) = list else { continue };
            let lpath = join(path, field);
            if list.is_empty() {
                self.c.error(
                    &lpath,
                    format!("`{field}` chưa có đơn vị nào"),
                    "ghi khóa các đơn vị, ví dụ [snnmt], hoặc xóa dòng này để đọc vai trò từ câu",
                );
            }
            for (i, r) in list.iter().enumerate() {
                let p = index(&lpath, i);
                let Some(key) = units.resolve(r) else {
                    if crate::units::is_unit_key(r.trim()) {
                        self.c.unit(&p, r);
                    } else {
                        let hint = match did_you_mean(r.trim(), units.keys()) {
                            Some(k) => format!("có phải ý bạn là `{k}`? Ghi khóa đơn vị đã khai báo trong `units`"),
                            None => "ghi khóa đơn vị đã khai báo trong `units` (ví dụ snnmt); câu được in nguyên văn".into(),
                        };
                        self.c.error(
                            &p,
                            format!("`{}` không phải đơn vị đã khai báo", quote(r.trim())),
                            hint,
                        );
                    }
                    continue;
                };
                let implied_here = field == "lead" && implied.iter().any(|k| k == key);
                if !named.iter().any(|k| k == key) && !implied_here {
                    let role = if field == "lead" {
                        "chủ trì"
                    } else {
                        "phối hợp"
                    };
                    let spellings = units
                        .spellings(key)
                        .iter()
                        .map(|s| format!("«{s}»"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    self.c.error(
                        &p,
                        format!(
                            "câu không nhắc tới đơn vị {role} `{key}` ({})",
                            units.name(key, false)
                        ),
                        format!(
                            "câu phải viết tên đơn vị theo một cách đã khai báo: {spellings}; nếu câu viết khác, thêm cách viết đó vào `aliases` của `{key}`"
                        ),
                    );
                }
            }
        }
        if giving == Giving::Assignment {
            let (leads, _) = read_sentence(
                &units,
                text,
                lead.as_deref(),
                support.as_deref(),
                Reading::Sentence,
                implied,
            );
            if leads.is_empty() && lead.as_ref().is_none_or(|l| !l.is_empty()) {
                let hint = match near_unit(self.c, text) {
                    Some((key, opening, spelling)) => format!(
                        "câu mở đầu bằng «{opening}», gần với `{key}` («{spelling}»): thêm «{opening}» vào `aliases` của `{key}`, hoặc ghi `lead: [{key}]`"
                    ),
                    None => "câu giao việc nêu đơn vị chủ trì ở đầu câu (\"Sở … chủ trì, phối hợp với …\") bằng tên đã khai báo trong `units` (name, short, aliases); hoặc ghi `lead: [khóa]`; câu không giao việc thì viết bằng `text:`".into(),
                };
                self.c.error(
                    text_path,
                    "câu giao việc không nêu đơn vị chủ trì nào đã khai báo",
                    hint,
                );
            }
        }
    }

    fn task_entry(&mut self, e: &TaskEntry, path: &str) {
        let kinds = [
            e.content.is_some(),
            e.units.is_some(),
            e.support.is_some(),
            e.timeline.is_some(),
            e.text.is_some(),
            e.list.is_some(),
            e.result.is_some(),
            e.funding.is_some(),
        ]
        .iter()
        .filter(|k| **k)
        .count();
        if kinds != 1 {
            self.c.error(
                path,
                if kinds == 0 { "dòng nhiệm vụ trống" } else { "một dòng nhiệm vụ có nhiều loại nội dung" },
                "mỗi dòng là một trong: content, units, support, timeline, result, funding, text, list (có thể kèm label)",
            );
            return;
        }
        self.label(&join(path, "label"), e.label.as_ref());
        if let Some(content) = &e.content {
            match content {
                Content::Text(t) => self.text(&join(path, "content"), t, "nội dung"),
                Content::Blocks(b) => self.blocks(b, &join(path, "content"), &[]),
            }
        } else if let Some(units) = &e.units {
            let upath = join(path, "units");
            match units {
                UnitsEntry::List(units) => self.units_list(units, &upath),
                UnitsEntry::Sentence(s) if crate::units::is_unit_key(s.text.trim()) => {
                    let key = s.text.trim();
                    self.c.error(
                        &upath,
                        format!("đơn vị thực hiện là khóa `{key}` nhưng viết như một câu"),
                        format!(
                            "khóa đơn vị viết trong danh sách: units: [{key}]; câu đơn vị thực hiện viết tên đơn vị như sẽ in"
                        ),
                    );
                }
                UnitsEntry::Sentence(s) => {
                    if e.lines {
                        self.c.error(
                            &join(path, "lines"),
                            "`lines` chỉ dùng với danh sách đơn vị",
                            "câu đơn vị thực hiện in nguyên văn trên một dòng: xóa lines",
                        );
                    }
                    let text_path = if s.lead.is_some() || s.support.is_some() {
                        join(&upath, "text")
                    } else {
                        upath.clone()
                    };
                    self.sentence(
                        &text_path,
                        &upath,
                        &s.text,
                        &s.lead,
                        &s.support,
                        Giving::UnitsLine,
                        &[],
                    );
                }
            }
        } else if let Some(support) = &e.support {
            self.c.units(&join(path, "support"), support);
        } else if let Some(t) = &e.timeline {
            let tpath = join(path, "timeline");
            match timeline::render(t, self.year.unwrap_or_default()) {
                Ok(r) => {
                    for (field, date) in &r.dates {
                        if let Some(year) = self.year
                            && date.year != year
                        {
                            self.c.warning(
                                &join(&tpath, field),
                                format!("thời hạn {} nằm ngoài năm kế hoạch {year}", date.short()),
                                "kiểm tra lại năm; kế hoạch năm nào thường có thời hạn trong năm đó",
                            );
                        }
                    }
                    if let crate::model::Timeline::Fields(f) = t
                        && let Some(text) = &f.text
                    {
                        self.dates(&join(&tpath, "text"), text);
                    }
                }
                Err(d) => self.c.push(d.within(&tpath)),
            }
        } else if let Some(t) = &e.text {
            self.text(&join(path, "text"), t, "nội dung");
        } else if let Some(items) = &e.list {
            self.list(items, &join(path, "list"), &[]);
        } else {
            super::tables::task_line(self.c, e, path);
        }
    }

    fn units_list(&mut self, units: &[UnitItem], upath: &str) {
        if units.is_empty() {
            self.c
                .error(upath, "chưa có đơn vị thực hiện", "thêm ít nhất một đơn vị");
        }
        for (j, u) in units.iter().enumerate() {
            let p = index(upath, j);
            match u {
                UnitItem::Ref(r) => self.c.unit(&p, r),
                UnitItem::Clause(cl) => {
                    if cl.lead.is_empty() {
                        self.c.error(
                            &join(&p, "lead"),
                            "thiếu đơn vị chủ trì",
                            "thêm ít nhất một đơn vị vào lead",
                        );
                    }
                    self.c.units(&join(&p, "lead"), &cl.lead);
                    self.c.units(&join(&p, "support"), &cl.support);
                }
            }
        }
    }
}

/// The declared unit whose spelling is closest to how `text` opens, if
/// close: (key, the opening words, the spelling).
fn near_unit(c: &Checker<'_>, text: &str) -> Option<(String, String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut best: Option<(f64, String, String, String)> = None;
    for key in c.units.keys() {
        for spelling in c.units.spellings(key) {
            let n = spelling.split_whitespace().count();
            for len in [n.saturating_sub(1), n, n + 1] {
                if len == 0 || len > words.len() {
                    continue;
                }
                let opening = words[..len].join(" ");
                let opening = opening.trim_end_matches([',', ';', ':']).to_string();
                let score = strsim::jaro_winkler(&fold(&opening), &fold(spelling));
                if score > 0.88 && best.as_ref().is_none_or(|b| score > b.0) {
                    best = Some((score, key.to_string(), opening, spelling.to_string()));
                }
            }
        }
    }
    best.map(|(_, k, o, s)| (k, o, s))
}
