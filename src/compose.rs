//! Turns a plan file into the document it describes: numbering (I., 1.,
//! 1.1., a) …), dates, timelines, unit names and punctuation are computed
//! here. References that cannot be resolved become diagnostics; the walk
//! continues so that every problem of the file is reported at once.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, did_you_mean};
use crate::doc::{Block, Document, Header, LeadStyle, Signature};
use crate::load::SourceFile;
use crate::model::{
    self, BasesLayout, Citation, Content, DateStyle, DocDate, Issuer, ListItem, Marker, Numbering,
    Plan, PlanFile, Section, TaskEntry, Unit, UnitItem,
};
use crate::timeline;
use crate::vn::{self, Date};
use crate::yaml_index::{index, join};

/// A date as it appears on the header line; drafts leave parts blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl HeaderDate {
    /// The earliest real date the header can mean, for timestamps and rules.
    pub fn earliest(&self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(Date {
            year: self.year,
            month: 1,
            day: 1,
        })
    }
}

/// Resolves a header date, reporting impossible ones.
pub fn header_date(
    file: &SourceFile,
    date: &DocDate,
    path: &str,
) -> Result<HeaderDate, Diagnostic> {
    match date {
        DocDate::Text(t) => timeline::parse_date(t)
            .map(|d| HeaderDate {
                year: d.year,
                month: Some(d.month),
                day: Some(d.day),
            })
            .map_err(|(m, h)| file.error_at(path, m).hint(h)),
        DocDate::Parts { year, month, day } => {
            if !(1900..=2200).contains(year) {
                return Err(file
                    .error_at(&join(path, "year"), format!("năm {year} không hợp lệ"))
                    .hint("viết năm đủ 4 chữ số, ví dụ 2027"));
            }
            match (month, day) {
                (None, Some(_)) => Err(file
                    .error_at(&join(path, "day"), "có ngày nhưng thiếu tháng")
                    .hint("thêm month, hoặc viết cả ngày dạng 15/01/2027")),
                (Some(m), _) if !(1..=12).contains(m) => Err(file
                    .error_at(&join(path, "month"), format!("tháng {m} không có thật"))
                    .hint("tháng chỉ từ 1 đến 12")),
                (Some(m), Some(d)) if Date::new(*year, *m, *d).is_none() => Err(file
                    .error_at(
                        &join(path, "day"),
                        format!("ngày không có thật: {d}/{m}/{year}"),
                    )
                    .hint(format!(
                        "tháng {m}/{year} có {} ngày",
                        vn::days_in_month(*year, *m)
                    ))),
                _ => Ok(HeaderDate {
                    year: *year,
                    month: *month,
                    day: *day,
                }),
            }
        }
    }
}

/// Unit keys are lower-case ASCII words; anything else is literal text.
pub fn is_unit_key(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Shared state of one composition: the source (for positions), the units,
/// and the problems found so far.
pub struct Composer<'a> {
    pub file: &'a SourceFile,
    pub units: &'a BTreeMap<String, Unit>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Composer<'a> {
    pub fn new(file: &'a SourceFile, units: &'a BTreeMap<String, Unit>) -> Self {
        Composer {
            file,
            units,
            diags: Vec::new(),
        }
    }

    fn error(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        let d = self.file.error_at(path, message).hint(hint);
        self.diags.push(d);
    }

    /// A unit key resolved to the unit's name (or short form), or free text as typed.
    pub fn unit(&mut self, path: &str, reference: &str, short: bool) -> String {
        let reference = reference.trim();
        if !is_unit_key(reference) {
            return reference.to_string();
        }
        match self.units.get(reference) {
            Some(u) if short => u.short.clone().unwrap_or_else(|| u.name.clone()),
            Some(u) => u.name.clone(),
            None => {
                let hint = match did_you_mean(reference, self.units.keys().map(String::as_str)) {
                    Some(s) => {
                        format!("có phải ý bạn là `{s}`? Đơn vị phải được khai báo trong `units`")
                    }
                    None => format!(
                        "khai báo `{reference}` trong `units` (name, short), hoặc viết tên đầy đủ"
                    ),
                };
                self.error(
                    path,
                    format!("đơn vị `{reference}` chưa được khai báo"),
                    hint,
                );
                reference.to_string()
            }
        }
    }

    fn non_empty(&mut self, path: &str, text: &str, what: &str) {
        if text.trim().is_empty() {
            self.error(
                path,
                format!("{what} đang để trống"),
                "điền nội dung hoặc xóa mục này",
            );
        }
    }

    /// The header of a document of kind `type_abbrev` (KH, QĐ …).
    pub fn header(
        &mut self,
        issuer: &Issuer,
        number: &model::DocNumber,
        symbol: String,
        date: HeaderDate,
    ) -> Header {
        let unit_type = issuer
            .unit_type
            .clone()
            .unwrap_or_else(|| issuer.level.default_unit_type().to_string());
        let number = number.0.as_ref().map(|n| {
            if n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) {
                format!("0{n}")
            } else {
                n.clone()
            }
        });
        Header {
            parent: issuer.parent.as_ref().map(|p| p.to_uppercase()),
            issuer_lines: vec![
                issuer.body.to_uppercase(),
                format!("{unit_type} {}", issuer.name).to_uppercase(),
            ],
            number,
            symbol,
            place: issuer.place.clone().unwrap_or_else(|| issuer.name.clone()),
            day: date.day.map(|d| format!("{d:02}")),
            month: date.month.map(vn::month_padded),
            year: date.year,
        }
    }

    pub fn signature(
        &mut self,
        recipients: &[String],
        archive: &str,
        signer: &model::Signer,
        path: &str,
    ) -> Signature {
        let recipients = recipients
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let text = self.unit(&index(&join(path, "recipients"), i), r, true);
                if text.ends_with(';') {
                    text
                } else {
                    format!("{text};")
                }
            })
            .collect();
        let mut authority = Vec::new();
        for (prefix, value) in [
            ("TM", &signer.tm),
            ("TL", &signer.tl),
            ("TUQ", &signer.tuq),
            ("KT", &signer.kt),
            ("Q", &signer.q),
        ] {
            if let Some(v) = value {
                authority.push(format!("{prefix}. {}", v.trim().to_uppercase()));
            }
        }
        if let Some(t) = &signer.title {
            authority.push(t.trim().to_uppercase());
        }
        Signature {
            recipients,
            archive: archive.to_string(),
            authority,
            name: signer.name.trim().to_string(),
        }
    }

    /// "Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ về việc …"
    pub fn citation(&mut self, c: &Citation, path: &str, style: DateStyle) -> String {
        match c {
            Citation::Text(t) => {
                self.non_empty(path, t, "căn cứ");
                t.trim().to_string()
            }
            Citation::Fields(f) => {
                let mut out = f.kind.trim().to_string();
                self.non_empty(&join(path, "kind"), &f.kind, "loại văn bản");
                if let Some(name) = &f.name {
                    out.push(' ');
                    out.push_str(name.trim());
                }
                if let Some(number) = &f.number {
                    out.push_str(" số ");
                    out.push_str(number.trim());
                }
                if let Some(date) = &f.date {
                    match timeline::parse_date(date) {
                        Ok(d) => {
                            out.push_str(" ngày ");
                            out.push_str(&match style {
                                DateStyle::Short => d.short(),
                                DateStyle::Long => d.long(),
                            });
                        }
                        Err((m, h)) => self.error(&join(path, "date"), m, h),
                    }
                }
                if let Some(issuer) = &f.issuer {
                    out.push_str(" của ");
                    out.push_str(issuer.trim());
                }
                if let Some(subject) = &f.subject {
                    out.push(' ');
                    out.push_str(subject.trim());
                }
                out
            }
        }
    }
}

/// Adds a final period unless the text already ends with punctuation.
pub fn with_period(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', ';', ':', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// Ends the last body sentence with "./." as every NĐ 30 form does.
pub fn with_closing_mark(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with("./.") {
        t.to_string()
    } else if let Some(stripped) = t.strip_suffix('.') {
        format!("{stripped}./.")
    } else {
        format!("{t}./.")
    }
}

fn with_colon(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(':') {
        t.to_string()
    } else {
        format!("{t}:")
    }
}

/// Dash-list markers by nesting depth.
fn list_marker(depth: usize) -> &'static str {
    if depth == 0 { "-" } else { "+" }
}

/// How a section's number is written.
#[derive(Debug, Clone)]
struct Numberer {
    /// Arabic numbers from depth 2 down, for 1.1. style labels; None once a
    /// lettered level breaks the chain.
    chain: Option<Vec<usize>>,
    depth: usize,
}

impl Numberer {
    fn label(&self, mode: Numbering, i: usize) -> (String, Numberer) {
        let n = i + 1;
        match mode {
            Numbering::None => (
                String::new(),
                Numberer {
                    chain: None,
                    depth: self.depth + 1,
                },
            ),
            Numbering::Letters => (
                format!("{})", vn::point_letter(i)),
                Numberer {
                    chain: None,
                    depth: self.depth + 1,
                },
            ),
            Numbering::Auto => match (&self.chain, self.depth) {
                (_, 0) => (
                    format!("{}.", vn::roman(n as u32)),
                    Numberer {
                        chain: Some(vec![]),
                        depth: 1,
                    },
                ),
                (Some(chain), _) => {
                    let mut next = chain.clone();
                    next.push(n);
                    let label = next
                        .iter()
                        .map(usize::to_string)
                        .collect::<Vec<_>>()
                        .join(".")
                        + ".";
                    (
                        label,
                        Numberer {
                            chain: Some(next),
                            depth: self.depth + 1,
                        },
                    )
                }
                (None, _) => (
                    "-".into(),
                    Numberer {
                        chain: None,
                        depth: self.depth + 1,
                    },
                ),
            },
        }
    }
}

struct PlanComposer<'a, 'b> {
    c: &'b mut Composer<'a>,
    plan: &'a Plan,
    year: i32,
}

/// Composes the plan of `file`. Returns the document (None if any error was
/// found) and every problem found, warnings included.
pub fn plan(file: &SourceFile, pf: &PlanFile, plan: &Plan) -> (Option<Document>, Vec<Diagnostic>) {
    let mut c = Composer::new(file, &pf.units);
    let date = match header_date(file, &plan.date, "plan.date") {
        Ok(d) => d,
        Err(e) => {
            c.diags.push(e);
            HeaderDate {
                year: plan.year.unwrap_or(2000),
                month: None,
                day: None,
            }
        }
    };
    let year = plan.year.unwrap_or(date.year);
    let symbol = plan
        .symbol
        .clone()
        .unwrap_or_else(|| format!("KH-{}", pf.issuer.symbol));
    let header = c.header(&pf.issuer, &plan.number, symbol.clone(), date);
    c.non_empty("plan.title", &plan.title, "trích yếu (title)");
    c.non_empty("plan.closing", &plan.closing, "đoạn kết (closing)");

    let mut pc = PlanComposer {
        c: &mut c,
        plan,
        year,
    };
    let preamble = pc.preamble();
    let mut body = Vec::new();
    if plan.sections.is_empty() {
        pc.c.error(
            "plan.sections",
            "kế hoạch chưa có mục nào",
            "thêm ít nhất một mục vào sections",
        );
    }
    let root = Numberer {
        chain: None,
        depth: 0,
    };
    for (i, s) in plan.sections.iter().enumerate() {
        let (label, numberer) = root.label(Numbering::Auto, i);
        pc.section(s, &index("plan.sections", i), label, numberer, &mut body);
    }
    body.push(Block::para(with_closing_mark(&plan.closing)));
    let signature =
        pc.c.signature(&plan.recipients, &plan.archive, &plan.signer, "plan");

    if c.diags.iter().any(Diagnostic::is_error) {
        return (None, c.diags);
    }
    let subject_flat = plan.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let document = Document {
        template: "plan.typ.tera",
        file_stem: "ke-hoach".into(),
        meta_title: format!("Kế hoạch {subject_flat}"),
        ident: match &header.number {
            Some(n) => format!("{n}/{symbol} {subject_flat}"),
            None => format!("{symbol} {subject_flat}"),
        },
        timestamp: date.earliest(),
        header,
        kind_name: "KẾ HOẠCH".into(),
        subject: plan.title.trim().to_string(),
        preamble,
        body,
        signature,
    };
    (Some(document), c.diags)
}

impl PlanComposer<'_, '_> {
    fn preamble(&mut self) -> Vec<Block> {
        let plan = self.plan;
        let mut out = Vec::new();
        let intro = plan
            .intro
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if let Some(bases) = &plan.bases {
            let cites: Vec<String> = bases
                .items
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    self.c
                        .citation(c, &index("plan.bases.items", i), plan.style.citation_dates)
                })
                .collect();
            if cites.is_empty() {
                self.c.error(
                    "plan.bases.items",
                    "chưa có căn cứ nào",
                    "thêm căn cứ vào items, hoặc xóa bases",
                );
            }
            let verb = bases.verb.trim();
            match bases.layout {
                BasesLayout::Separate => {
                    let italic = bases.italic.unwrap_or(true);
                    let last = cites.len().saturating_sub(1);
                    for (i, cite) in cites.iter().enumerate() {
                        let end = if i == last && intro.is_none() {
                            "."
                        } else {
                            ";"
                        };
                        out.push(Block::Para {
                            marker: None,
                            lead: None,
                            lead_style: LeadStyle::Plain,
                            text: format!("{verb} {cite}{end}"),
                            italic,
                        });
                    }
                    if let Some(intro) = intro {
                        out.push(Block::para(intro));
                    }
                }
                BasesLayout::Inline => {
                    let end = bases.end.as_deref().unwrap_or(",");
                    let mut text = format!("{verb} {}", cites.join("; "));
                    match intro {
                        Some(intro) => text.push_str(&format!("{end} {intro}")),
                        None => text.push('.'),
                    }
                    out.push(Block::Para {
                        marker: None,
                        lead: None,
                        lead_style: LeadStyle::Plain,
                        text,
                        italic: bases.italic.unwrap_or(false),
                    });
                }
            }
        } else if let Some(intro) = intro {
            out.push(Block::para(intro));
        }
        out
    }

    fn section(
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
            let marker = s.task_marker.unwrap_or(self.plan.style.task_marker);
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

    fn block(&mut self, b: &model::Block, path: &str, depth: usize, out: &mut Vec<Block>) {
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

    fn list(&mut self, items: &[ListItem], path: &str, depth: usize, out: &mut Vec<Block>) {
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

    fn unit_list(&mut self, refs: &[String], path: &str) -> String {
        refs.iter()
            .enumerate()
            .map(|(i, r)| self.c.unit(&index(path, i), r, false))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn task_entry(
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
        let labels = &self.plan.style.labels;
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

    fn unit_clause(&mut self, u: &UnitItem, path: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers_by_depth() {
        let root = Numberer {
            chain: None,
            depth: 0,
        };
        let (l1, n1) = root.label(Numbering::Auto, 3);
        assert_eq!(l1, "IV.");
        let (l2, n2) = n1.label(Numbering::Auto, 0);
        assert_eq!(l2, "1.");
        let (l3, n3) = n2.label(Numbering::Auto, 1);
        assert_eq!(l3, "1.2.");
        let (l4, _) = n3.label(Numbering::Auto, 2);
        assert_eq!(l4, "1.2.3.");
        let (la, na) = n2.label(Numbering::Letters, 4);
        assert_eq!(la, "đ)");
        assert_eq!(na.label(Numbering::Auto, 0).0, "-");
    }

    #[test]
    fn closing_mark_and_periods() {
        assert_eq!(
            with_closing_mark("triển khai thực hiện."),
            "triển khai thực hiện./."
        );
        assert_eq!(
            with_closing_mark("triển khai thực hiện./."),
            "triển khai thực hiện./."
        );
        assert_eq!(
            with_closing_mark("triển khai thực hiện"),
            "triển khai thực hiện./."
        );
        assert_eq!(with_period("Quý II"), "Quý II.");
        assert_eq!(with_period("a;"), "a;");
    }

    #[test]
    fn unit_keys_are_ascii_words() {
        assert!(is_unit_key("snnmt"));
        assert!(is_unit_key("ubnd_huyen2"));
        assert!(!is_unit_key("Sở Y tế"));
        assert!(!is_unit_key("UBND"));
        assert!(!is_unit_key(""));
    }
}
