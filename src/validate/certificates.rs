//! Rules of the certificates of a round: the recognition decision they cite
//! (one of this file's results decisions, or typed), the issue date and
//! regime, the signer, and each product row. A bad row skips its
//! certificate; the others are still issued.

use super::checker::Checker;
use super::products::{self, Ranked, Rows};
use super::{CheckedCertificates, CheckedDecision};
use crate::diag::Diagnostic;
use crate::load::ListUser;
use crate::load::yaml::join;
use crate::model::{Certificates, DecisionKind, PlanFile, Product, Signer};
use crate::naming;
use crate::qr;
use crate::regime;
use crate::text::slug;
use crate::vn::Date;

const PATH: &str = "certificates";

pub fn check<'a>(
    c: &mut Checker<'a>,
    model: &'a PlanFile,
    decisions: &[CheckedDecision<'a>],
    row_problems: &mut Vec<Diagnostic>,
    skipped: &mut Vec<String>,
) -> Option<CheckedCertificates<'a>> {
    let spec = model.certificates.as_ref()?;
    if let Some(s) = &spec.signer {
        c.signer(&join(PATH, "signer"), s);
    }
    let source = match &spec.from_decision {
        Some(stem) => from_decision(c, model, decisions, stem)?,
        None => typed_decision(c, spec),
    };
    let issue_date = match &spec.date {
        Some(d) => c.full_date(&join(PATH, "date"), d),
        None => source.date,
    };
    let signer = (spec.signer.as_ref())
        .or(source.signer)
        .or(model.plan.as_ref().map(|p| &p.signer));
    if signer.is_none() {
        c.error(
            PATH,
            "giấy chứng nhận chưa có người ký",
            "thêm `signer:` vào certificates",
        );
    }
    let regime = issue_date.and_then(|d| {
        regime::resolve(spec.legal_regime.as_deref(), d)
            .map_err(|e| c.push(e.within(PATH)))
            .ok()
    });
    if let Some(d) = issue_date {
        c.issuer_level_on(crate::vn::PartialDate::full(d), &join(PATH, "date"));
    }
    let rows = rows(c, &source);
    let (number, decision_date, issue_date, regime, signer) =
        (source.number?, source.date?, issue_date?, regime?, signer?);
    if c.level != crate::model::Level::District
        && let Some(d) = regime::no_competence(regime, c.level, "giấy chứng nhận")
    {
        c.push(d.field(PATH));
        return None;
    }
    let ranked = products::rank_rows(c, &rows, regime);
    for (label, problems) in ranked.bad {
        skipped.push(label);
        for p in problems {
            if !row_problems.contains(&p) {
                row_problems.push(p);
            }
        }
    }
    let recognition = Recognition {
        number,
        decision_date,
        expiry: issue_date.add_months(regime.validity_months),
        issuer: model.issuer.body_name(),
    };
    let products = recognition.with_qr_codes(ranked.good, row_problems, skipped);
    Some(CheckedCertificates {
        spec,
        decision_number: recognition.number,
        decision_date,
        issue_date,
        expiry: recognition.expiry,
        regime,
        signer,
        logo: c.loaded.logo.as_ref(),
        products,
    })
}

/// The recognition decision the certificates cite, and where their rows are.
struct Source<'a> {
    /// "1234/QĐ-UBND"; `None` (reported) when unknown.
    number: Option<String>,
    date: Option<Date>,
    /// The decision's signer, when the certificates name none.
    signer: Option<&'a Signer>,
    /// The YAML rows (their path and products), when no spreadsheet is read.
    yaml_rows: (String, &'a [Product]),
    /// Whose spreadsheet the rows come from.
    list: ListUser,
}

/// The certificates of a results decision of this file (`from_decision`,
/// its file stem); `None` (reported) when there is no such decision.
fn from_decision<'a>(
    c: &mut Checker<'a>,
    model: &'a PlanFile,
    decisions: &[CheckedDecision<'a>],
    stem: &str,
) -> Option<Source<'a>> {
    let spec = model.certificates.as_ref()?;
    let found = model
        .decisions
        .iter()
        .enumerate()
        .find(|(_, d)| d.kind == DecisionKind::Results && naming::decision(d) == slug(stem));
    let Some((di, d)) = found else {
        c.error(
            &join(PATH, "from_decision"),
            format!(
                "không có quyết định công nhận `{}` trong tệp",
                crate::diag::quote(stem)
            ),
            "ghi đúng `file:` của một quyết định kind: results",
        );
        return None;
    };
    let mut source = Source {
        number: None,
        date: None,
        signer: d.signer.as_ref(),
        yaml_rows: (join(PATH, "products"), spec.products.as_slice()),
        list: ListUser::Certificates,
    };
    if spec.products.is_empty() {
        source.yaml_rows = (format!("decisions[{di}].products"), d.products.as_slice());
        if c.loaded.list_for(ListUser::Certificates).is_none() {
            source.list = ListUser::Decision(di);
        }
    }
    source.number = match &d.number.0 {
        Some(n) => Some(format!(
            "{}/{}",
            crate::vn::padded_number(n),
            d.symbol(&model.issuer)
        )),
        None => {
            c.error(
                &format!("decisions[{di}].number"),
                "giấy chứng nhận cần số của quyết định công nhận",
                "điền số quyết định (sau khi văn thư cấp số) rồi dựng lại giấy chứng nhận",
            );
            None
        }
    };
    // The decision's own date problems are reported with the decision.
    let date = decisions.iter().find(|cd| cd.index == di).map(|cd| cd.date);
    source.date = date.and_then(|date| {
        let full = date.complete();
        if full.is_none() {
            c.error(
                &format!("decisions[{di}].date"),
                "giấy chứng nhận cần ngày đầy đủ của quyết định",
                "điền ngày ký quyết định",
            );
        }
        full
    });
    Some(source)
}

/// The certificates of a decision typed in (`decision_number`, `decision_date`).
fn typed_decision<'a>(c: &mut Checker<'a>, spec: &'a Certificates) -> Source<'a> {
    let number = spec.decision_number.clone();
    if number.is_none() {
        c.error(
            PATH,
            "thiếu số quyết định công nhận",
            "thêm `decision_number:` (ví dụ 1234/QĐ-UBND) hoặc `from_decision:`",
        );
    }
    let date = match &spec.decision_date {
        Some(d) => c.full_date(&join(PATH, "decision_date"), d),
        None => {
            c.error(
                PATH,
                "thiếu ngày của quyết định công nhận",
                "thêm `decision_date:`",
            );
            None
        }
    };
    Source {
        number,
        date,
        signer: None,
        yaml_rows: (join(PATH, "products"), spec.products.as_slice()),
        list: ListUser::Certificates,
    }
}

/// The product rows: the spreadsheet's, or the YAML's; none is an error.
fn rows<'a>(c: &mut Checker<'a>, source: &Source<'a>) -> Rows<'a> {
    let loaded = c.loaded;
    let rows = match loaded.list_for(source.list) {
        Some(list) => Rows::Sheet(list),
        None => Rows::Yaml {
            path: source.yaml_rows.0.clone(),
            products: source.yaml_rows.1,
        },
    };
    match &rows {
        Rows::Sheet(l) if l.rows.is_empty() => {
            c.problems
                .push(Diagnostic::error("danh sách không có sản phẩm nào").file(&l.file));
        }
        Rows::Yaml { products: [], .. } => c.error(
            PATH,
            "chưa có sản phẩm nào để cấp giấy chứng nhận",
            "thêm products, products_file, from_decision, hoặc --products",
        ),
        _ => {}
    }
    rows
}

/// What every certificate of the round prints about its recognition.
struct Recognition {
    number: String,
    decision_date: Date,
    expiry: Date,
    issuer: String,
}

impl Recognition {
    /// The products whose QR code fits; the others are skipped, each with
    /// its problem.
    fn with_qr_codes(
        &self,
        ranked: Vec<Ranked>,
        row_problems: &mut Vec<Diagnostic>,
        skipped: &mut Vec<String>,
    ) -> Vec<Ranked> {
        let mut good = Vec::new();
        for r in ranked {
            match qr_fits(
                &r,
                &self.number,
                self.decision_date,
                self.expiry,
                &self.issuer,
            ) {
                Ok(()) => good.push(r),
                Err(e) => {
                    skipped.push(r.product.name.clone());
                    row_problems.push(
                        Diagnostic::error(format!(
                            "không tạo được mã QR cho sản phẩm `{}` ({e})",
                            crate::diag::quote(&r.product.name)
                        ))
                        .hint("rút gọn tên sản phẩm hoặc chủ thể"),
                    );
                }
            }
        }
        good
    }
}

fn qr_fits(
    r: &Ranked,
    number: &str,
    decision_date: Date,
    expiry: Date,
    issuer: &str,
) -> Result<(), String> {
    qr::fits(&qr::payload(&qr::Fields {
        number: r.product.number.as_deref().unwrap_or(""),
        product: &r.product.name,
        owner: &r.product.owner,
        stars: r.stars,
        decision_number: number,
        decision_date,
        expiry,
        issuer,
    }))
}
