//! The plan (Kế hoạch, NĐ 30 Mẫu 1.4).

use super::appendix::{self, APPENDIX_TEXT_SIZE};
use super::body::{BodyComposer, PlanParts};
use super::common::{self, citation, one_line, with_closing_mark};
use super::{funding, tasks};
use crate::doc::{Administrative, Appendix, Block, Content, Document, Header, LeadStyle};
use crate::model::{BasesLayout, PlanAppendix, TaskBody};
use crate::naming;
use crate::numbering::Numberer;
use crate::validate::{self, Checked, CheckedPlan};

pub fn plan(checked: &Checked<'_>, p: &CheckedPlan<'_>) -> Document {
    let plan = p.plan;
    let issuer = &checked.model.issuer;
    let symbol = plan.symbol(issuer);
    let header = common::header(issuer, &plan.number, symbol.clone(), p.date);
    let mut body = Vec::new();
    let bc = BodyComposer {
        units: checked.units.clone(),
        style: &plan.style,
        tables: &checked.tables,
        parts: parts(p),
    };
    bc.sections(&p.sections, &Numberer::plan(), &mut body);
    let appendices = appendices(checked, p, &bc, &header, &symbol);
    body.push(Block::para(with_closing_mark(&plan.closing)));
    let signature = common::signature(
        &checked.units,
        &[],
        &plan.recipients,
        &plan.archive,
        &plan.signer,
    );
    let subject = one_line(&plan.title);
    Document {
        file_stem: naming::PLAN.into(),
        meta_title: format!("Kế hoạch {subject}"),
        ident: common::ident(&header.number, &symbol, &subject),
        timestamp: p.date.earliest(),
        content: Content::Plan(Administrative {
            header,
            kind_name: "KẾ HOẠCH".into(),
            to: Vec::new(),
            subject: plan.title.trim().to_string(),
            preamble: preamble(p),
            body,
            signature,
            appendices,
        }),
        issuance: Default::default(),
    }
}

/// What the body refers to: the appendices by key, the funding, and what
/// the assignment table leaves to the body.
fn parts<'a>(p: &'a CheckedPlan<'_>) -> PlanParts<'a> {
    let list = &p.plan.appendices;
    let tasks = list
        .iter()
        .filter_map(|a| a.tasks.as_ref().filter(|t| t.enabled))
        .map(|t| t.body)
        .next()
        .unwrap_or(TaskBody::All);
    PlanParts {
        appendices: list
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                validate::appendix_key(a).map(|k| (k, appendix::label(i, list.len())))
            })
            .collect(),
        funding: p.funding.as_ref(),
        tasks,
    }
}

fn appendices(
    checked: &Checked<'_>,
    p: &CheckedPlan<'_>,
    bc: &BodyComposer<'_>,
    header: &Header,
    symbol: &str,
) -> Vec<Appendix> {
    let issuer = &checked.model.issuer;
    let reference = common::reference(
        "Kế hoạch",
        &header.number,
        symbol,
        p.date,
        &issuer.body_name(),
    );
    let list = &p.plan.appendices;
    let sources = p.funding.as_ref().map_or(0, |f| f.sources.len());
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            let page = validate::appendix_page(a, sources);
            let mut body = Vec::new();
            body.extend(own_table(p, a));
            bc.blocks(&a.body, &mut body);
            appendix::appendix(
                appendix::label(i, list.len()),
                title(a).to_uppercase(),
                reference.clone(),
                Some(page.landscape),
                body,
            )
        })
        .collect()
}

/// The table an appendix makes from the plan's data: the tasks or the funding.
fn own_table(p: &CheckedPlan<'_>, a: &PlanAppendix) -> Option<Block> {
    if let Some(t) = a.tasks.as_ref().filter(|t| t.enabled) {
        let table = tasks::table(&p.assignments, t.numbering, APPENDIX_TEXT_SIZE);
        return Some(Block::Table(table));
    }
    let f = p.funding.as_ref().filter(|_| a.funding)?;
    Some(Block::Table(funding::table(f, APPENDIX_TEXT_SIZE)))
}

fn title(a: &PlanAppendix) -> String {
    match &a.title {
        Some(t) => one_line(t),
        None if a.funding => "Kinh phí thực hiện Kế hoạch".into(),
        None => "Phân công nhiệm vụ thực hiện Kế hoạch".into(),
    }
}

/// Căn cứ and the introductory sentence. Each group of bases is its own
/// paragraph(s) with its own verb; the intro follows the last group (on its
/// line when that group is inline).
fn preamble(p: &CheckedPlan<'_>) -> Vec<Block> {
    let plan = p.plan;
    let mut out = Vec::new();
    // A blank line in the intro parts paragraphs: the first follows the
    // bases (on their line when inline), the others stand after it.
    let mut intro_paras = plan
        .intro
        .as_deref()
        .map(paragraphs)
        .unwrap_or_default()
        .into_iter();
    let intro = intro_paras.next();
    let more: Vec<Block> = intro_paras.map(Block::para).collect();
    if p.bases.is_empty() {
        out.extend(intro.map(Block::para));
        out.extend(more);
        return out;
    }
    let last_group = p.bases.len() - 1;
    for (g, group) in p.bases.iter().enumerate() {
        let last = g == last_group;
        let bases = group.bases;
        let cites: Vec<String> = (group.items.iter())
            .map(|cite| citation(cite, plan.style.citation_dates))
            .collect();
        let verb = bases.verb.trim();
        let end = bases.end.as_deref().map(str::trim);
        match bases.layout {
            BasesLayout::Separate => {
                let italic = bases.italic.unwrap_or(true);
                let last_cite = cites.len().saturating_sub(1);
                for (i, cite) in cites.iter().enumerate() {
                    let end = match end {
                        Some(e) if i == last_cite => e,
                        _ if i == last_cite && last && intro.is_none() => ".",
                        _ => ";",
                    };
                    out.push(Block::Para {
                        marker: None,
                        lead: None,
                        lead_style: LeadStyle::Plain,
                        text: format!("{verb} {cite}{end}"),
                        italic,
                    });
                }
                if last {
                    out.extend(intro.map(Block::para));
                }
            }
            BasesLayout::Inline => {
                let mut text = format!("{verb} {}", cites.join("; "));
                match intro {
                    Some(intro) if last => {
                        text.push_str(&format!("{} {intro}", end.unwrap_or(",")))
                    }
                    _ => text.push_str(end.unwrap_or(".")),
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
    }
    out.extend(more);
    out
}

/// The paragraphs of a text, parted at blank lines, each trimmed.
fn paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            out.push(text[start..offset].trim());
            start = offset + line.len();
        }
        offset += line.len();
    }
    out.push(text[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}
