//! Dispatches (Công văn, NĐ 30 Mẫu 1.5): written out in YAML, or drafted
//! from the plan's own task assignments, one per lead unit or one to all.

use super::body::BodyComposer;
use super::common::{self, lower_first, one_line, with_closing_mark, with_period};
use crate::doc::{Administrative, Block, Content, Document, LeadStyle};
use crate::numbering::Numberer;
use crate::validate::{
    Assignment, Assignments, Checked, CheckedDispatch, CheckedPlan, CheckedSection, DispatchForm,
    Form,
};

/// The documents of one `dispatches:` entry (several for per-unit ones).
pub fn dispatches(checked: &Checked<'_>, cd: &CheckedDispatch<'_>) -> Vec<Document> {
    match (&cd.form, &checked.plan) {
        (DispatchForm::Free(sections), _) => vec![free_form(checked, cd, sections)],
        (DispatchForm::PerUnit(units), Some(plan)) => {
            let drafting = Drafting::new(checked, cd, plan);
            units
                .iter()
                .zip(&cd.stems)
                .map(|(key, stem)| drafting.to_unit(key, stem))
                .collect()
        }
        (DispatchForm::AllUnits(units), Some(plan)) => {
            vec![Drafting::new(checked, cd, plan).to_all(units)]
        }
        // Validation refuses a drafted dispatch without a plan.
        (_, None) => Vec::new(),
    }
}

/// A dispatch document with its header, Kính gửi and signature.
fn document(
    checked: &Checked<'_>,
    cd: &CheckedDispatch<'_>,
    stem: String,
    subject: String,
    to: Vec<String>,
    body: Vec<Block>,
) -> Document {
    let d = cd.dispatch;
    let issuer = &checked.model.issuer;
    let symbol = d
        .symbol
        .clone()
        .unwrap_or_else(|| common::dispatch_symbol(issuer, d.drafting_unit.as_deref()));
    let header = common::header(issuer, &d.number, symbol.clone(), cd.date);
    let signature = common::signature(
        &checked.units,
        &["Như trên"],
        &d.recipients,
        &d.archive,
        cd.signer,
    );
    Document {
        file_stem: stem,
        meta_title: format!("Công văn V/v {}", one_line(&subject)),
        ident: common::ident(&header.number, &symbol, &subject),
        timestamp: cd.date.earliest(),
        content: Content::Dispatch(Administrative {
            header,
            kind_name: String::new(),
            subject,
            to: punctuate(to),
            preamble: Vec::new(),
            body,
            signature,
            appendices: Vec::new(),
        }),
        issuance: Default::default(),
    }
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

fn free_form(
    checked: &Checked<'_>,
    cd: &CheckedDispatch<'_>,
    sections: &[CheckedSection<'_>],
) -> Document {
    let d = cd.dispatch;
    let subject = d.subject.as_deref().unwrap_or("").trim().to_string();
    let to = d.to.iter().map(|t| checked.units.name(t, false)).collect();
    let mut body = Vec::new();
    let bc = BodyComposer {
        units: checked.units.clone(),
        style: &d.style,
        tables: &checked.tables,
        parts: Default::default(),
    };
    bc.blocks(&d.body, &mut body);
    bc.sections(sections, &Numberer::dispatch(), &mut body);
    if let Some(text) = &d.closing {
        body.push(Block::para(with_closing_mark(text)));
    }
    let stem = cd.stems.first().cloned().unwrap_or_default();
    document(checked, cd, stem, subject, to, body)
}

/// What the dispatches drafted from a plan share.
struct Drafting<'c, 'a> {
    checked: &'c Checked<'a>,
    cd: &'c CheckedDispatch<'a>,
    found: &'c Assignments,
    requester: String,
    plan_ref: String,
    subject: String,
}

impl<'c, 'a> Drafting<'c, 'a> {
    fn new(
        checked: &'c Checked<'a>,
        cd: &'c CheckedDispatch<'a>,
        plan: &'c CheckedPlan<'a>,
    ) -> Self {
        let issuer = &checked.model.issuer;
        let body_name = issuer.body_name();
        let requester = cd
            .dispatch
            .requester
            .clone()
            .unwrap_or_else(|| format!("Ủy ban nhân dân {}", issuer.unit_type()));
        let p = plan.plan;
        let plan_symbol = p.symbol(issuer);
        let plan_ref = match (&p.number.0, plan.date.complete()) {
            (Some(n), Some(date)) => format!(
                "Kế hoạch số {n}/{plan_symbol} ngày {} của {body_name}",
                date.short()
            ),
            (Some(n), None) => format!("Kế hoạch số {n}/{plan_symbol} của {body_name}"),
            (None, _) => format!(
                "Kế hoạch của {body_name} {}",
                lower_first(&one_line(&p.title))
            ),
        };
        let subject = cd
            .dispatch
            .subject
            .clone()
            .unwrap_or_else(|| match &p.number.0 {
                Some(n) => format!("triển khai thực hiện Kế hoạch số {n}/{plan_symbol}"),
                None => format!(
                    "triển khai thực hiện Kế hoạch Chương trình OCOP năm {}",
                    plan.year
                ),
            });
        Drafting {
            checked,
            cd,
            found: &plan.assignments,
            requester,
            plan_ref,
            subject,
        }
    }

    fn name(&self, key: &str) -> String {
        self.checked.units.name(key, false)
    }

    /// The items of one unit: the tasks and sentences it leads, those it
    /// cooperates in, then the lines of its own section, each citing where
    /// the plan states it. An author's sentence is quoted as typed, with
    /// the lines under it.
    fn unit_items(&self, key: &str) -> Vec<Block> {
        let mut items = Vec::new();
        let leads = |t: &Assignment| t.leads.iter().any(|l| l == key);
        let supports = |t: &Assignment| t.supports.iter().any(|s| s == key) && !leads(t);
        let duty = |t: &Assignment| t.form == Form::Duty;
        for t in self.found.tasks.iter().filter(|t| leads(t) && !duty(t)) {
            match t.form {
                Form::Task => {
                    let mut text = t.content.as_deref().map(with_period).unwrap_or_default();
                    match &t.units_line {
                        Some(line) => {
                            text.push(' ');
                            text.push_str(&with_period(line));
                        }
                        None => {
                            let others: Vec<String> =
                                t.supports.iter().filter(|s| *s != key).cloned().collect();
                            if !others.is_empty() {
                                text.push_str(&format!(
                                    " Chủ trì, phối hợp với {}.",
                                    self.checked.units.names(&others)
                                ));
                            }
                        }
                    }
                    text.push_str(&timeline_sentence(t));
                    items.push(item(Some(lead_in(t)), text.trim().to_string()));
                }
                _ => self.sentence(t, Some(lead_in(t)), &mut items),
            }
        }
        for t in self.found.tasks.iter().filter(|t| supports(t)) {
            match (t.form, &t.units_line) {
                (Form::Task, None) => {
                    let mut text = format!("Phối hợp với {}.", self.checked.units.names(&t.leads));
                    text.push_str(&timeline_sentence(t));
                    items.push(item(Some(lead_in(t)), text));
                }
                (Form::Task, Some(line)) => {
                    let mut text = t.content.as_deref().map(with_period).unwrap_or_default();
                    text.push(' ');
                    text.push_str(&with_period(line));
                    text.push_str(&timeline_sentence(t));
                    items.push(item(Some(lead_in(t)), text.trim().to_string()));
                }
                _ => self.sentence(t, Some(lead_in(t)), &mut items),
            }
        }
        for t in self.found.tasks.iter().filter(|t| leads(t) && duty(t)) {
            self.sentence(t, None, &mut items);
        }
        items
    }

    /// An author's sentence (or a line of a unit's own section) as typed,
    /// citing its place in the plan, and the lines under it.
    fn sentence(&self, t: &Assignment, lead: Option<String>, out: &mut Vec<Block>) {
        let content = t.content.as_deref().unwrap_or("").trim();
        let text = if lead.is_some() {
            content.to_string()
        } else {
            format!(
                "{} (mục {} của Kế hoạch).",
                content.trim_end_matches(['.', ';', ':']),
                t.reference
            )
        };
        out.push(item(lead, text));
        for line in &t.items {
            out.push(Block::item("+", None, line.clone()));
        }
    }

    fn closing(&self, to_names: &str) -> String {
        match &self.cd.dispatch.closing {
            Some(t) => with_closing_mark(t),
            None => with_closing_mark(&format!(
                "Căn cứ nội dung Công văn này, {} yêu cầu {to_names} khẩn trương triển khai thực hiện, báo cáo kết quả theo quy định",
                self.requester
            )),
        }
    }

    fn to_unit(&self, key: &str, stem: &str) -> Document {
        let unit = self.name(key);
        let mut body = vec![Block::para(format!(
            "Thực hiện {} (sau đây gọi là Kế hoạch), {} yêu cầu {unit} triển khai các nhiệm vụ sau:",
            self.plan_ref, self.requester
        ))];
        body.extend(self.unit_items(key));
        body.push(Block::para(self.closing(&unit)));
        document(
            self.checked,
            self.cd,
            stem.to_string(),
            self.subject.clone(),
            vec![unit],
            body,
        )
    }

    fn to_all(&self, units: &[String]) -> Document {
        let mut body = vec![Block::para(format!(
            "Thực hiện {} (sau đây gọi là Kế hoạch), {} yêu cầu các cơ quan, đơn vị triển khai các nhiệm vụ sau:",
            self.plan_ref, self.requester
        ))];
        for (i, key) in units.iter().enumerate() {
            body.push(Block::Heading {
                label: format!("{}.", i + 1),
                title: format!("{}:", self.name(key)),
                bold: true,
            });
            body.extend(self.unit_items(key));
        }
        body.push(Block::para(self.closing("các cơ quan, đơn vị")));
        let to = units.iter().map(|k| self.name(k)).collect();
        let stem = self.cd.stems.first().cloned().unwrap_or_default();
        document(self.checked, self.cd, stem, self.subject.clone(), to, body)
    }
}

/// A dash item of a dispatch, its lead-in in italics.
fn item(lead: Option<String>, text: String) -> Block {
    Block::Para {
        marker: Some("-".into()),
        lead: lead.filter(|l| !l.is_empty()),
        lead_style: LeadStyle::Italic,
        text,
        italic: false,
    }
}

/// "Tuyên truyền (mục III.2 của Kế hoạch):"
fn lead_in(t: &Assignment) -> String {
    format!(
        "{} (mục {} của Kế hoạch):",
        t.title.trim_end_matches(':'),
        t.reference
    )
}

/// " Thời gian thực hiện: Quý I." or nothing.
fn timeline_sentence(t: &Assignment) -> String {
    match &t.timeline {
        Some(tl) => format!(" Thời gian thực hiện: {}.", tl.trim_end_matches('.')),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addressee_punctuation() {
        assert_eq!(punctuate(vec!["A".into()]), vec!["A"]);
        assert_eq!(punctuate(vec!["A".into(), "B;".into()]), vec!["A;", "B."]);
    }
}
