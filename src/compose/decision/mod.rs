//! Decisions (Quyết định, NĐ 30 Mẫu 1.2): founding the evaluation and
//! ranking council with its advisory team ([`council`]), and recognising
//! evaluation results with the product list appended ([`results`]). Star
//! counts are computed from the list; who may recognise which rank was
//! checked against the regime. This module is the frame both share: the
//! authority, the căn cứ, Điều 3 and the signature.

mod council;
mod results;

pub use results::star_breakdown;

use super::common::{self, article, citation, italic, with_closing_mark};
use crate::doc::{Administrative, Block, Content, Document, Reference};
use crate::model::{Authority, Decision, DecisionKind};
use crate::regime::{self, Regime};
use crate::validate::{Checked, CheckedDecision};

/// What the council and the results parts of a decision need to know.
struct Frame<'f> {
    /// "tỉnh Lai Châu"
    locality: &'f str,
    /// "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu" or the committee's name.
    authority: &'f str,
    regime: &'static Regime,
    /// The standing body's name, if the decision names one.
    standing: Option<&'f str>,
    /// "(Kèm theo Quyết định số … ngày … của …)", under an appendix title.
    reference: &'f Reference,
}

pub fn decision(checked: &Checked<'_>, cd: &CheckedDecision<'_>) -> Document {
    let d = cd.decision;
    let issuer = &checked.model.issuer;
    let authority = match d.authority {
        Authority::Chairman => format!("Chủ tịch {}", issuer.body_name()),
        Authority::Committee => issuer.body_name(),
    };
    let symbol = d.symbol(issuer);
    let header = common::header(issuer, &d.number, symbol.clone(), cd.date);
    let standing = (d.standing_body.as_ref()).map(|s| checked.units.name(s, false));
    let frame = Frame {
        locality: &issuer.locality(),
        authority: &authority,
        regime: cd.regime,
        standing: standing.as_deref(),
        reference: &common::reference("Quyết định", &header.number, &symbol, cd.date, &authority),
    };
    let (subject, mut body, appendices) = match d.kind {
        DecisionKind::Council => council::council(d, &frame),
        DecisionKind::Results => results::results(d, cd.date, &cd.products, &frame),
    };
    body.push(enforcement(checked, d));
    let signature = common::signature(
        &checked.units,
        &["Như Điều 3"],
        &d.recipients,
        &d.archive,
        cd.signer,
    );
    let decision = Administrative {
        header,
        kind_name: "QUYẾT ĐỊNH".into(),
        subject,
        to: Vec::new(),
        preamble: preamble(checked, cd, &authority),
        body,
        signature,
        appendices,
    };
    common::administrative(
        cd.stem.clone(),
        "Quyết định",
        cd.date.earliest(),
        decision,
        Content::Decision,
    )
}

/// The authority's name, each căn cứ, "Theo đề nghị của …" and "QUYẾT ĐỊNH:".
fn preamble(checked: &Checked<'_>, cd: &CheckedDecision<'_>, authority: &str) -> Vec<Block> {
    let d = cd.decision;
    let mut preamble = vec![Block::Centered {
        text: authority.to_uppercase(),
        bold: true,
    }];
    let mut bases = if d.default_bases {
        default_bases(checked, cd)
    } else {
        Vec::new()
    };
    let cited = cd.council.iter().chain(&cd.bases);
    bases.extend(cited.map(|b| citation(b, Default::default())));
    for b in &bases {
        preamble.push(italic(format!("Căn cứ {b};")));
    }
    let proposal = d.proposal.trim().trim_end_matches('.');
    preamble.push(italic(format!("Theo đề nghị của {proposal}.")));
    preamble.push(Block::Centered {
        text: "QUYẾT ĐỊNH:".into(),
        bold: true,
    });
    preamble
}

/// The law on local government of the date, the regime's own decision,
/// and the plan of this file when it is numbered.
fn default_bases(checked: &Checked<'_>, cd: &CheckedDecision<'_>) -> Vec<String> {
    let issuer = &checked.model.issuer;
    let b = cd.regime.basis;
    let mut bases = vec![
        regime::local_government_law(cd.date.earliest()).to_string(),
        format!(
            "{} số {} ngày {} của {} {}",
            b.kind,
            b.number,
            b.date.short(),
            b.issuer,
            b.subject
        ),
    ];
    if let Some(plan) = &checked.plan
        && let Some(n) = &plan.plan.number.0
    {
        let plan_symbol = plan.plan.symbol(issuer);
        let when = (plan.date.complete())
            .map(|d| format!(" ngày {}", d.short()))
            .unwrap_or_default();
        bases.push(format!(
            "Kế hoạch số {n}/{plan_symbol}{when} của {} {}",
            issuer.body_name(),
            common::one_line(&plan.plan.title)
        ));
    }
    bases
}

/// Điều 3: who carries the decision out.
fn enforcement(checked: &Checked<'_>, d: &Decision) -> Block {
    let mut who = vec![format!(
        "Chánh Văn phòng {}",
        checked.model.issuer.body_name()
    )];
    who.extend(d.executors.iter().map(|e| checked.units.name(e, false)));
    let named = match d.kind {
        DecisionKind::Council => "các ông (bà) có tên tại Điều 1",
        DecisionKind::Results => "các chủ thể có sản phẩm tại Điều 1",
    };
    article(
        3,
        with_closing_mark(&format!(
            "Quyết định này có hiệu lực kể từ ngày ký. {} và {named} chịu trách nhiệm thi hành Quyết định này",
            who.join(", ")
        )),
    )
}

fn item(marker: String, text: String) -> Block {
    Block::item(marker, None, text)
}
