//! Dispatches (Công văn, NĐ 30 Mẫu 1.5): written out in YAML, or drafted
//! from the plan's own task assignments, one per lead unit or one to all.

use std::collections::BTreeMap;

use super::body::BodyComposer;
use super::{
    Composer, HeaderDate, Numberer, header_date, is_unit_key, with_closing_mark, with_period,
};
use crate::diag::Diagnostic;
use crate::doc::{Block, Document, LeadStyle};
use crate::load::SourceFile;
use crate::load::yaml_index::{index, join};
use crate::model::{
    self, Content, Dispatch, FromPlan, ListItem, Numbering, Plan, PlanFile, Section, Signer,
    TaskEntry, UnitItem,
};
use crate::text::slug;
use crate::timeline;

/// Composes every dispatch of the file. Documents come back only when the
/// file has no error; diagnostics always.
pub fn dispatches(file: &SourceFile, pf: &PlanFile) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut c = Composer::new(file, &pf.units);
    let mut docs = Vec::new();
    for (i, d) in pf.dispatches.iter().enumerate() {
        let path = index("dispatches", i);
        docs.extend(dispatch(&mut c, pf, d, &path));
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        if let Some(first) = seen.insert(doc.file_stem.clone(), i) {
            let d = file
                .error_at(
                    "dispatches",
                    format!("hai công văn cùng tên tệp `{}.pdf`", doc.file_stem),
                )
                .hint(format!(
                    "đặt `file:` khác nhau cho công văn thứ {} và thứ {}",
                    first + 1,
                    i + 1
                ));
            c.diags.push(d);
        }
    }
    if c.diags.iter().any(Diagnostic::is_error) {
        return (Vec::new(), c.diags);
    }
    (docs, c.diags)
}

fn dispatch(c: &mut Composer<'_>, pf: &PlanFile, d: &Dispatch, path: &str) -> Vec<Document> {
    let date = match header_date(c.file, &d.date, &join(path, "date")) {
        Ok(date) => date,
        Err(e) => {
            c.diags.push(e);
            HeaderDate {
                year: 2000,
                month: None,
                day: None,
            }
        }
    };
    let symbol = d.symbol.clone().unwrap_or_else(|| match &d.drafting_unit {
        Some(u) => format!("{}-{}", pf.issuer.symbol, u.trim()),
        None => pf.issuer.symbol.clone(),
    });
    let signer = match (&d.signer, pf.plan.as_ref().map(|p| &p.signer)) {
        (Some(s), _) => s.clone(),
        (None, Some(s)) => s.clone(),
        (None, None) => {
            c.error(
                path,
                "công văn chưa có người ký",
                "thêm `signer:` (tm, kt, title, name) vào công văn",
            );
            return Vec::new();
        }
    };
    let frame = Frame {
        pf,
        d,
        path,
        date,
        symbol,
        signer,
    };
    match d.from_plan {
        None => free_form(c, &frame).into_iter().collect(),
        Some(mode) => match &pf.plan {
            Some(plan) => derived(c, &frame, plan, mode),
            None => {
                c.error(
                    &join(path, "from_plan"),
                    "from_plan cần một kế hoạch trong cùng tệp",
                    "thêm mục `plan:` hoặc bỏ from_plan",
                );
                Vec::new()
            }
        },
    }
}

/// What every dispatch of one YAML entry shares.
struct Frame<'a> {
    pf: &'a PlanFile,
    d: &'a Dispatch,
    path: &'a str,
    date: HeaderDate,
    symbol: String,
    signer: Signer,
}

impl Frame<'_> {
    fn document(
        &self,
        c: &mut Composer<'_>,
        stem: String,
        subject: String,
        to: Vec<String>,
        body: Vec<Block>,
    ) -> Document {
        let header = c.header(
            &self.pf.issuer,
            &self.d.number,
            self.symbol.clone(),
            self.date,
        );
        let mut recipients = vec!["Như trên".to_string()];
        recipients.extend(self.d.recipients.iter().cloned());
        let signature = c.signature(&recipients, &self.d.archive, &self.signer, self.path);
        let ident = match &header.number {
            Some(n) => format!("{n}/{} {subject}", self.symbol),
            None => format!("{} {subject}", self.symbol),
        };
        Document {
            template: "dispatch.typ.tera",
            file_stem: stem,
            meta_title: format!(
                "Công văn V/v {}",
                subject.split_whitespace().collect::<Vec<_>>().join(" ")
            ),
            ident,
            timestamp: self.date.earliest(),
            header,
            kind_name: String::new(),
            subject,
            to,
            preamble: Vec::new(),
            body,
            signature,
            appendices: Vec::new(),
        }
    }

    fn addressees(&self, c: &mut Composer<'_>) -> Vec<String> {
        self.d
            .to
            .iter()
            .enumerate()
            .map(|(i, t)| c.unit(&index(&join(self.path, "to"), i), t, false))
            .collect()
    }

    /// Dash-list punctuation for Kính gửi: ";" after each line, "." after the last.
    fn punctuate(mut to: Vec<String>) -> Vec<String> {
        if to.len() > 1 {
            let last = to.len() - 1;
            for (i, t) in to.iter_mut().enumerate() {
                *t = format!(
                    "{}{}",
                    t.trim_end_matches([';', '.']),
                    if i == last { "." } else { ";" }
                );
            }
        }
        to
    }
}

fn free_form(c: &mut Composer<'_>, f: &Frame<'_>) -> Option<Document> {
    let d = f.d;
    let subject = match &d.subject {
        Some(s) if !s.trim().is_empty() => s.trim().to_string(),
        _ => {
            c.error(
                f.path,
                "công văn thiếu trích yếu (subject)",
                "thêm `subject:`, phần sau chữ \"V/v\"",
            );
            String::new()
        }
    };
    if d.to.is_empty() {
        c.error(
            f.path,
            "công văn chưa có nơi gửi (to)",
            "thêm `to:` với các đơn vị nhận (Kính gửi)",
        );
    }
    let to = Frame::punctuate(f.addressees(c));
    let mut body = Vec::new();
    let year = f.date.year;
    let mut bc = BodyComposer {
        c,
        style: &d.style,
        year,
    };
    for (i, b) in d.body.iter().enumerate() {
        bc.block(b, &index(&join(f.path, "body"), i), 0, &mut body);
    }
    let root = Numberer {
        chain: Some(vec![]),
        depth: 1,
    };
    for (i, s) in d.sections.iter().enumerate() {
        let (label, next) = root.label(Numbering::Auto, i);
        bc.section(
            s,
            &index(&join(f.path, "sections"), i),
            label,
            next,
            &mut body,
        );
    }
    match &d.closing {
        Some(text) if !text.trim().is_empty() => body.push(Block::para(with_closing_mark(text))),
        _ => c.error(
            f.path,
            "công văn thiếu đoạn kết (closing)",
            "thêm `closing:`; \"./.\" được thêm tự động",
        ),
    }
    if d.body.is_empty() && d.sections.is_empty() {
        c.error(
            f.path,
            "công văn chưa có nội dung",
            "thêm `body:` hoặc `sections:`",
        );
    }
    let stem = d
        .file
        .clone()
        .unwrap_or_else(|| format!("cong-van-{}", truncate_slug(&subject)));
    Some(f.document(c, slug(&stem), subject, to, body))
}

fn truncate_slug(text: &str) -> String {
    let s = slug(text);
    let mut cut = String::new();
    for word in s.split('-') {
        if cut.len() + word.len() > 48 {
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(word);
    }
    cut
}

/// One task of the plan as a unit sees it.
#[derive(Debug, Clone)]
struct Assignment {
    /// "III.2" — where the plan states it.
    reference: String,
    title: String,
    content: Option<String>,
    timeline: Option<String>,
    leads: Vec<String>,
    supports: Vec<String>,
}

impl Assignment {
    /// "Tuyên truyền (mục III.2 của Kế hoạch):"
    fn lead_in(&self) -> String {
        format!(
            "{} (mục {} của Kế hoạch):",
            self.title.trim_end_matches(':'),
            self.reference
        )
    }

    /// " Thời gian thực hiện: Quý I." or nothing.
    fn timeline_sentence(&self) -> String {
        match &self.timeline {
            Some(tl) => format!(" Thời gian thực hiện: {}.", tl.trim_end_matches('.')),
            None => String::new(),
        }
    }
}

/// The duties a section `unit:` gives one unit (Tổ chức thực hiện).
#[derive(Debug, Clone)]
struct Duties {
    reference: String,
    items: Vec<String>,
}

#[derive(Default)]
struct Assignments {
    tasks: Vec<Assignment>,
    duties: BTreeMap<String, Vec<Duties>>,
}

impl Assignments {
    /// Units that lead a task or have duties, in the order the plan first names them.
    fn lead_units(&self) -> Vec<String> {
        let mut order = Vec::new();
        let mut push = |k: &String| {
            if !order.contains(k) {
                order.push(k.clone());
            }
        };
        for t in &self.tasks {
            t.leads.iter().for_each(&mut push);
        }
        self.duties.keys().for_each(push);
        order
    }
}

fn collect(plan: &Plan, year: i32) -> Assignments {
    let mut out = Assignments::default();
    let root = Numberer {
        chain: None,
        depth: 0,
    };
    for (i, s) in plan.sections.iter().enumerate() {
        let (label, next) = root.label(Numbering::Auto, i);
        walk(s, &label, String::new(), next, year, &mut out);
    }
    out
}

fn walk(
    s: &Section,
    label: &str,
    parent_ref: String,
    numberer: Numberer,
    year: i32,
    out: &mut Assignments,
) {
    // "III." + "2." → "III.2"; "a)" → "III.5.a".
    let own = label.trim_end_matches(['.', ')']);
    let own = own.rsplit('.').next().unwrap_or(own);
    let reference = if parent_ref.is_empty() {
        own.to_string()
    } else {
        format!("{parent_ref}.{own}")
    };
    let title = s.title.clone().unwrap_or_default().trim().to_string();
    if let Some(unit) = &s.unit {
        let items = blocks_text(&s.body);
        if !items.is_empty() {
            out.duties.entry(unit.clone()).or_default().push(Duties {
                reference: reference.clone(),
                items,
            });
        }
    }
    if !s.task.is_empty() {
        out.tasks
            .push(task(&s.task, reference.clone(), title, year));
    }
    let mode = s.numbering.unwrap_or(Numbering::Auto);
    for (i, child) in s.sections.iter().enumerate() {
        let (label, next) = numberer.label(mode, i);
        walk(child, &label, reference.clone(), next, year, out);
    }
}

fn task(entries: &[TaskEntry], reference: String, title: String, year: i32) -> Assignment {
    let mut a = Assignment {
        reference,
        title,
        content: None,
        timeline: None,
        leads: vec![],
        supports: vec![],
    };
    let keys = |refs: &[String]| {
        refs.iter()
            .filter(|r| is_unit_key(r.trim()))
            .map(|r| r.trim().to_string())
            .collect::<Vec<_>>()
    };
    for e in entries {
        if let Some(content) = &e.content {
            a.content = Some(match content {
                Content::Text(t) => t.trim().to_string(),
                Content::Blocks(b) => blocks_text(b).join(" "),
            });
        }
        if let Some(units) = &e.units {
            for u in units {
                match u {
                    UnitItem::Ref(r) => a.leads.extend(keys(std::slice::from_ref(r))),
                    UnitItem::Clause(cl) => {
                        a.leads.extend(keys(&cl.lead));
                        a.supports.extend(keys(&cl.support));
                    }
                }
            }
        }
        if let Some(support) = &e.support {
            a.supports.extend(keys(support));
        }
        if let Some(t) = &e.timeline {
            a.timeline = timeline::render(t, year).ok().map(|r| r.text);
        }
    }
    a
}

/// The plain sentences of some blocks (paragraphs and list items), for quoting.
fn blocks_text(blocks: &[model::Block]) -> Vec<String> {
    fn items(list: &[ListItem], out: &mut Vec<String>) {
        for item in list {
            match item {
                ListItem::Text(t) => out.push(t.trim().to_string()),
                ListItem::Nested { text, list } => {
                    out.push(text.trim().to_string());
                    items(list, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    for b in blocks {
        match b {
            model::Block::Paragraph(t) => out.push(t.trim().to_string()),
            model::Block::Fields(f) => {
                if let Some(t) = &f.text {
                    out.push(t.trim().to_string());
                }
                if let Some(l) = &f.list {
                    items(l, &mut out);
                }
                if let Some(e) = &f.enumerate {
                    out.extend(e.iter().map(|t| t.trim().to_string()));
                }
            }
        }
    }
    out
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn derived(c: &mut Composer<'_>, f: &Frame<'_>, plan: &Plan, mode: FromPlan) -> Vec<Document> {
    let Ok(plan_date) = header_date(c.file, &plan.date, "plan.date") else {
        return Vec::new();
    };
    let year = plan.year.unwrap_or(plan_date.year);
    let found = collect(plan, year);
    let units = found.lead_units();
    if units.is_empty() {
        c.error(
            &join(f.path, "from_plan"),
            "kế hoạch chưa giao nhiệm vụ chủ trì cho đơn vị nào đã khai báo",
            "dùng khóa đơn vị trong units/lead của các nhiệm vụ, hoặc viết công văn tự do",
        );
        return Vec::new();
    }
    let issuer = &f.pf.issuer;
    let unit_type = issuer.unit_type();
    let body_name = issuer.body_name();
    let requester =
        f.d.requester
            .clone()
            .unwrap_or_else(|| format!("Ủy ban nhân dân {unit_type}"));
    let plan_symbol = plan.symbol(issuer);
    let plan_title = plan.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let plan_ref = match (&plan.number.0, plan_date.day.and(plan_date.month)) {
        (Some(n), Some(_)) => format!(
            "Kế hoạch số {n}/{plan_symbol} ngày {} của {body_name}",
            plan_date.earliest().short()
        ),
        (Some(n), None) => format!("Kế hoạch số {n}/{plan_symbol} của {body_name}"),
        (None, _) => format!("Kế hoạch của {body_name} {}", lower_first(&plan_title)),
    };
    let subject = f.d.subject.clone().unwrap_or_else(|| match &plan.number.0 {
        Some(n) => format!("triển khai thực hiện Kế hoạch số {n}/{plan_symbol}"),
        None => format!("triển khai thực hiện Kế hoạch Chương trình OCOP năm {year}"),
    });
    let name = |c: &mut Composer<'_>, key: &str| c.unit(&join(f.path, "from_plan"), key, false);
    let names = |c: &mut Composer<'_>, keys: &[String]| {
        keys.iter()
            .map(|k| name(c, k))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // The numbered items of one unit: tasks it leads, tasks it supports, duties.
    let unit_items = |c: &mut Composer<'_>, key: &str| -> Vec<(String, String)> {
        let mut items = Vec::new();
        for t in found
            .tasks
            .iter()
            .filter(|t| t.leads.iter().any(|l| l == key))
        {
            let mut text = t
                .content
                .clone()
                .map(|s| with_period(&s))
                .unwrap_or_default();
            let others: Vec<String> = t.supports.iter().filter(|s| *s != key).cloned().collect();
            if !others.is_empty() {
                text.push_str(&format!(" Chủ trì, phối hợp với {}.", names(c, &others)));
            }
            text.push_str(&t.timeline_sentence());
            items.push((t.lead_in(), text.trim().to_string()));
        }
        for t in found
            .tasks
            .iter()
            .filter(|t| t.supports.iter().any(|s| s == key) && !t.leads.iter().any(|l| l == key))
        {
            let mut text = format!("Phối hợp với {}.", names(c, &t.leads));
            text.push_str(&t.timeline_sentence());
            items.push((t.lead_in(), text));
        }
        for duties in found.duties.get(key).into_iter().flatten() {
            for item in &duties.items {
                items.push((
                    String::new(),
                    format!(
                        "{} (mục {} của Kế hoạch)",
                        item.trim_end_matches('.'),
                        duties.reference
                    ) + ".",
                ));
            }
        }
        items
    };
    let item_blocks = |items: Vec<(String, String)>| -> Vec<Block> {
        items
            .into_iter()
            .map(|(lead, text)| Block::Para {
                marker: Some("-".into()),
                lead: (!lead.is_empty()).then_some(lead),
                lead_style: LeadStyle::Italic,
                text,
                italic: false,
            })
            .collect()
    };
    let closing = |to_names: &str| match &f.d.closing {
        Some(t) => with_closing_mark(t),
        None => with_closing_mark(&format!(
            "Căn cứ nội dung Công văn này, {requester} yêu cầu {to_names} khẩn trương triển khai thực hiện, báo cáo kết quả theo quy định"
        )),
    };
    match mode {
        FromPlan::PerLeadUnit => units
            .iter()
            .map(|key| {
                let unit = name(c, key);
                let mut body = vec![Block::para(format!(
                    "Thực hiện {plan_ref} (sau đây gọi là Kế hoạch), {requester} yêu cầu {unit} triển khai các nhiệm vụ sau:"
                ))];
                body.extend(item_blocks(unit_items(c, key)));
                body.push(Block::para(closing(&unit)));
                let stem = format!("cong-van-{}", key.replace('_', "-"));
                f.document(c, stem, subject.clone(), vec![unit], body)
            })
            .collect(),
        FromPlan::AllUnits => {
            let to_names: Vec<String> = units.iter().map(|k| name(c, k)).collect();
            let mut body = vec![Block::para(format!(
                "Thực hiện {plan_ref} (sau đây gọi là Kế hoạch), {requester} yêu cầu các cơ quan, đơn vị triển khai các nhiệm vụ sau:"
            ))];
            for (i, key) in units.iter().enumerate() {
                body.push(Block::Heading { label: format!("{}.", i + 1), title: format!("{}:", name(c, key)), bold: true });
                body.extend(item_blocks(unit_items(c, key)));
            }
            body.push(Block::para(closing("các cơ quan, đơn vị")));
            let stem = f.d.file.clone().unwrap_or_else(|| "cong-van-trien-khai-ke-hoach".into());
            vec![f.document(c, slug(&stem), subject, Frame::punctuate(to_names), body)]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addressee_punctuation() {
        assert_eq!(Frame::punctuate(vec!["A".into()]), vec!["A"]);
        assert_eq!(
            Frame::punctuate(vec!["A".into(), "B;".into()]),
            vec!["A;", "B."]
        );
    }

    #[test]
    fn slugs_for_file_names_are_short() {
        assert_eq!(
            truncate_slug(
                "khẩn trương triển khai thực hiện Chương trình Nông thôn mới và Chương trình OCOP"
            ),
            "khan-truong-trien-khai-thuc-hien-chuong-trinh"
        );
    }
}
