//! Rules of the numbered body every document kind shares: sections, blocks
//! of text, dash lists, the lines of tasks (content, units, timeline), the
//! author's sentences that give work to units, and the dates written in
//! the text.

use super::assignments::{read_sentence, section_units};
use super::checker::Checker;
use super::{CheckedSection, CheckedTask, TaskLine};
use crate::diag::{did_you_mean, quote};
use crate::load::yaml::{index, join};
use crate::model::{
    Block, Content, FundingBlock, ListItem, Section, Sentence, TaskEntry, Timeline, UnitItem,
    UnitsEntry,
};
use crate::timeline;
use crate::units::{Reading, fold};

/// Levels of one list inside another that the printed marks tell apart.
const MAX_LIST_LEVELS: usize = 3;

/// Checks sections and everything under them; `year` is the year the
/// timelines refer to (unknown when the document's date is wrong). The
/// sections come back resolved unless something in them is wrong.
pub fn sections<'a>(
    c: &mut Checker<'_>,
    list: &'a [Section],
    path: &str,
    year: Option<i32>,
) -> Option<Vec<CheckedSection<'a>>> {
    let mut body = Body { c, year };
    let checked: Vec<_> = (list.iter().enumerate())
        .map(|(i, s)| body.section(s, &index(path, i), &[]))
        .collect();
    checked.into_iter().collect()
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

impl Giving {
    fn what(self) -> &'static str {
        match self {
            Giving::Assignment => "câu giao việc",
            Giving::UnitsLine => "câu đơn vị thực hiện",
        }
    }
}

/// An author's sentence that gives work to units: the sentence at
/// `text_path`, its `lead`/`support` fields under `path`.
struct Said<'s> {
    text_path: &'s str,
    path: &'s str,
    text: &'s str,
    lead: &'s Option<Vec<String>>,
    support: &'s Option<Vec<String>>,
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

    fn section<'a>(
        &mut self,
        s: &'a Section,
        path: &str,
        implied: &[String],
    ) -> Option<CheckedSection<'a>> {
        self.section_form(s, path);
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
        self.paragraph_fields(s, path);
        match &s.assign {
            Some(text) => {
                let said = Said {
                    text_path: &join(path, "assign"),
                    path,
                    text,
                    lead: &s.lead,
                    support: &s.support,
                };
                self.sentence(&said, Giving::Assignment, implied);
            }
            None => self.roles_without_sentence(path, &s.lead, &s.support),
        }
        if let Some(text) = &s.text {
            self.text(&join(path, "text"), text, "đoạn văn");
        }
        if let Some(t) = &s.title {
            self.dates(&join(path, "title"), t);
        }
        self.inline_needs_paragraph(s, path);
        let own: Vec<String>;
        let implied = if s.unit.is_some() {
            own = section_units(&self.c.units, s);
            own.as_slice()
        } else {
            implied
        };
        self.blocks(&s.body, &join(path, "body"), implied);
        let tasks: Vec<_> = (s.task.iter().enumerate())
            .map(|(i, e)| self.task_entry(e, &index(&join(path, "task"), i)))
            .collect();
        let sections: Vec<_> = (s.sections.iter().enumerate())
            .map(|(i, child)| self.section(child, &index(&join(path, "sections"), i), implied))
            .collect();
        Some(CheckedSection {
            section: s,
            tasks: tasks.into_iter().collect::<Option<_>>()?,
            sections: sections.into_iter().collect::<Option<_>>()?,
        })
    }

    /// A section is headed by one of title, unit, text, assign.
    fn section_form(&mut self, s: &Section, path: &str) {
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
    }

    /// A numbered paragraph prints as a paragraph: the fields of a
    /// heading do not apply to it.
    fn paragraph_fields(&mut self, s: &Section, path: &str) {
        let paragraph = s.text.is_some() || s.assign.is_some();
        if !paragraph || s.title.is_some() || s.unit.is_some() {
            return;
        }
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

    /// `inline` runs the first paragraph of the body on after the heading.
    fn inline_needs_paragraph(&mut self, s: &Section, path: &str) {
        if !s.inline || matches!(s.body.first(), Some(Block::Paragraph(_))) {
            return;
        }
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
            let said = Said {
                text_path: &join(path, "assign"),
                path,
                text,
                lead: &f.lead,
                support: &f.support,
            };
            self.sentence(&said, Giving::Assignment, implied);
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
        // Marks tell three levels apart (-, +, •): a fourth would print
        // as if it were the third.
        if !items.is_empty() && path.matches(".list").count() > MAX_LIST_LEVELS {
            self.c.error(
                path,
                "danh sách lồng quá ba cấp",
                "văn bản chỉ phân biệt được ba cấp ý (-, +, •); đưa các ý này lên cấp trên, hoặc tách thành một mục riêng (sections)",
            );
            return;
        }
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
                        Some(text) => {
                            let said = Said {
                                text_path: &join(&p, "assign"),
                                path: &p,
                                text,
                                lead: &f.lead,
                                support: &f.support,
                            };
                            self.sentence(&said, Giving::Assignment, implied);
                        }
                        None => self.roles_without_sentence(&p, &f.lead, &f.support),
                    }
                    self.list(&f.list, &join(&p, "list"), implied);
                }
            }
        }
    }

    /// An author's sentence that gives work to units: its text, the units
    /// its `lead`/`support` name, and (for `assign:`) the unit that leads.
    fn sentence(&mut self, said: &Said<'_>, giving: Giving, implied: &[String]) {
        self.text(said.text_path, said.text, giving.what());
        if said.text.trim().is_empty() {
            return;
        }
        let named: Vec<String> = (self.c.units.mentions(said.text).into_iter())
            .map(|m| m.key)
            .collect();
        for (field, list) in [("lead", said.lead), ("support", said.support)] {
            if let Some(list) = list {
                self.roles(&join(said.path, field), field, list, &named, implied);
            }
        }
        if giving == Giving::Assignment {
            self.lead_named(said, implied);
        }
    }

    /// A `lead` or `support` list: declared units, each named by the
    /// sentence (`named`) or, for a lead, the unit whose section it is.
    fn roles(
        &mut self,
        lpath: &str,
        field: &str,
        list: &[String],
        named: &[String],
        implied: &[String],
    ) {
        if list.is_empty() {
            self.c.error(
                lpath,
                format!("`{field}` chưa có đơn vị nào"),
                "ghi khóa các đơn vị, ví dụ [snnmt], hoặc xóa dòng này để đọc vai trò từ câu",
            );
        }
        let units = self.c.units.clone();
        for (i, r) in list.iter().enumerate() {
            let p = index(lpath, i);
            let Some(key) = units.resolve(r) else {
                self.undeclared_role(&p, r);
                continue;
            };
            let implied_here = field == "lead" && implied.iter().any(|k| k == key);
            if named.iter().any(|k| k == key) || implied_here {
                continue;
            }
            let role = if field == "lead" {
                "chủ trì"
            } else {
                "phối hợp"
            };
            let spellings = (units.spellings(key).iter())
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

    fn undeclared_role(&mut self, p: &str, r: &str) {
        if crate::units::is_unit_key(r.trim()) {
            self.c.unit(p, r);
            return;
        }
        let hint = match did_you_mean(r.trim(), self.c.units.keys()) {
            Some(k) => {
                format!("có phải ý bạn là `{k}`? Ghi khóa đơn vị đã khai báo trong `units`")
            }
            None => {
                "ghi khóa đơn vị đã khai báo trong `units` (ví dụ snnmt); câu được in nguyên văn"
                    .into()
            }
        };
        self.c.error(
            p,
            format!("`{}` không phải đơn vị đã khai báo", quote(r.trim())),
            hint,
        );
    }

    /// An `assign:` sentence names the unit that leads (or says it in `lead`).
    fn lead_named(&mut self, said: &Said<'_>, implied: &[String]) {
        let (leads, _) = read_sentence(
            &self.c.units,
            said.text,
            said.lead.as_deref(),
            said.support.as_deref(),
            Reading::Sentence,
            implied,
        );
        if !leads.is_empty() || said.lead.as_ref().is_some_and(|l| l.is_empty()) {
            return;
        }
        let hint = match near_unit(self.c, said.text) {
            Some((key, opening, spelling)) => format!(
                "câu mở đầu bằng «{opening}», gần với `{key}` («{spelling}»): thêm «{opening}» vào `aliases` của `{key}`, hoặc ghi `lead: [{key}]`"
            ),
            None => "câu giao việc nêu đơn vị chủ trì ở đầu câu (\"Sở … chủ trì, phối hợp với …\") bằng tên đã khai báo trong `units` (name, short, aliases); hoặc ghi `lead: [khóa]`; câu không giao việc thì viết bằng `text:`".into(),
        };
        self.c.error(
            said.text_path,
            "câu giao việc không nêu đơn vị chủ trì nào đã khai báo",
            hint,
        );
    }

    /// One line of a task: exactly one of its kinds, checked and resolved.
    fn task_entry<'a>(&mut self, e: &'a TaskEntry, path: &str) -> Option<CheckedTask<'a>> {
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
            return None;
        }
        self.label(&join(path, "label"), e.label.as_ref());
        let line = if let Some(content) = &e.content {
            match content {
                Content::Text(t) => self.text(&join(path, "content"), t, "nội dung"),
                Content::Blocks(b) => self.blocks(b, &join(path, "content"), &[]),
            }
            TaskLine::Content(content)
        } else if let Some(units) = &e.units {
            self.units_entry(e, units, &join(path, "units"), path);
            TaskLine::Units(units)
        } else if let Some(support) = &e.support {
            self.c.units(&join(path, "support"), support);
            TaskLine::Support(support)
        } else if let Some(t) = &e.timeline {
            TaskLine::Timeline(self.timeline(t, &join(path, "timeline"))?)
        } else if let Some(t) = &e.text {
            self.text(&join(path, "text"), t, "nội dung");
            TaskLine::Text(t)
        } else if let Some(items) = &e.list {
            self.list(items, &join(path, "list"), &[]);
            TaskLine::List(items)
        } else {
            super::tables::task_line(self.c, e, path)?
        };
        Some(CheckedTask { entry: e, line })
    }

    /// A task's units line: a list of units, or the author's sentence.
    fn units_entry(&mut self, e: &TaskEntry, units: &UnitsEntry, upath: &str, path: &str) {
        let s = match units {
            UnitsEntry::List(units) => return self.units_list(units, upath),
            UnitsEntry::Sentence(s) => s,
        };
        if crate::units::is_unit_key(s.text.trim()) {
            let key = s.text.trim();
            self.c.error(
                upath,
                format!("đơn vị thực hiện là khóa `{key}` nhưng viết như một câu"),
                format!(
                    "khóa đơn vị viết trong danh sách: units: [{key}]; câu đơn vị thực hiện viết tên đơn vị như sẽ in"
                ),
            );
            return;
        }
        if e.lines {
            self.c.error(
                &join(path, "lines"),
                "`lines` chỉ dùng với danh sách đơn vị",
                "câu đơn vị thực hiện in nguyên văn trên một dòng: xóa lines",
            );
        }
        self.units_sentence(s, upath);
    }

    fn units_sentence(&mut self, s: &Sentence, upath: &str) {
        let text_path = if s.lead.is_some() || s.support.is_some() {
            join(upath, "text")
        } else {
            upath.to_string()
        };
        let said = Said {
            text_path: &text_path,
            path: upath,
            text: &s.text,
            lead: &s.lead,
            support: &s.support,
        };
        self.sentence(&said, Giving::UnitsLine, &[]);
    }

    /// A task's timeline, as it prints. A deadline outside the year is a
    /// warning; without the year (the document's date is reported) it
    /// cannot be printed.
    fn timeline(&mut self, t: &Timeline, tpath: &str) -> Option<String> {
        let rendered = match timeline::render(t, self.year.unwrap_or_default()) {
            Ok(r) => r,
            Err(d) => {
                self.c.push(d.within(tpath));
                return None;
            }
        };
        for (field, date) in &rendered.dates {
            if let Some(year) = self.year
                && date.year != year
            {
                self.c.warning(
                    &join(tpath, field),
                    format!("thời hạn {} nằm ngoài năm kế hoạch {year}", date.short()),
                    "kiểm tra lại năm; kế hoạch năm nào thường có thời hạn trong năm đó",
                );
            }
        }
        if let Timeline::Fields(f) = t
            && let Some(text) = &f.text
        {
            self.dates(&join(tpath, "text"), text);
        }
        self.year.map(|_| rendered.text)
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
