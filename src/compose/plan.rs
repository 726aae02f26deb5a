//! The plan (Kế hoạch, NĐ 30 Mẫu 1.4).

use super::body::BodyComposer;
use super::{Composer, HeaderDate, Numberer, header_date, with_closing_mark};
use crate::diag::Diagnostic;
use crate::doc::{Block, Document, LeadStyle};
use crate::load::SourceFile;
use crate::load::yaml_index::index;
use crate::model::{BasesLayout, Numbering, Plan, PlanFile};

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
    let symbol = plan.symbol(&pf.issuer);
    let header = c.header(&pf.issuer, &plan.number, symbol.clone(), date);
    c.non_empty("plan.title", &plan.title, "trích yếu (title)");
    c.non_empty("plan.closing", &plan.closing, "đoạn kết (closing)");

    let preamble = preamble(&mut c, plan);
    let mut body = Vec::new();
    let mut bc = BodyComposer {
        c: &mut c,
        style: &plan.style,
        year,
    };
    if plan.sections.is_empty() {
        bc.c.error(
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
        bc.section(s, &index("plan.sections", i), label, numberer, &mut body);
    }
    body.push(Block::para(with_closing_mark(&plan.closing)));
    let signature = c.signature(&plan.recipients, &plan.archive, &plan.signer, "plan");

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
        to: Vec::new(),
        subject: plan.title.trim().to_string(),
        preamble,
        body,
        signature,
        appendices: Vec::new(),
    };
    (Some(document), c.diags)
}

/// Căn cứ and the introductory sentence.
fn preamble(c: &mut Composer<'_>, plan: &Plan) -> Vec<Block> {
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
            .map(|(i, cite)| {
                c.citation(
                    cite,
                    &index("plan.bases.items", i),
                    plan.style.citation_dates,
                )
            })
            .collect();
        if cites.is_empty() {
            c.error(
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
