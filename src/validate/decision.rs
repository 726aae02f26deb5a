//! Rules of decisions (Quyết định): the council's founding and the
//! recognition of results, under the OCOP regime of their date.

use super::CheckedDecision;
use super::checker::Checker;
use super::products::{self, Ranked, Rows};
use crate::diag::Diagnostic;
use crate::load::ListUser;
use crate::load::yaml::{index, join};
use crate::model::{Authority, Decision, DecisionKind, Member, PlanFile, Role, Signer};
use crate::naming;
use crate::regime::{self, Regime};

pub fn check_all<'a>(
    c: &mut Checker<'_>,
    model: &'a PlanFile,
    row_problems: &mut Vec<Diagnostic>,
) -> Vec<CheckedDecision<'a>> {
    model
        .decisions
        .iter()
        .enumerate()
        .filter_map(|(i, d)| check(c, model, i, d, row_problems))
        .collect()
}

fn check<'a>(
    c: &mut Checker<'_>,
    model: &'a PlanFile,
    i: usize,
    d: &'a Decision,
    row_problems: &mut Vec<Diagnostic>,
) -> Option<CheckedDecision<'a>> {
    let path = index("decisions", i);
    let date = c.date(&join(&path, "date"), &d.date);
    if let Some(date) = date {
        c.issuer_level_on(date, &join(&path, "date"));
    }
    let regime = date.and_then(|date| {
        regime::resolve(d.legal_regime.as_deref(), date.earliest())
            .map_err(|e| c.push(e.within(&path)))
            .ok()
    });
    let signer = signer(c, model, d, &path);
    c.number(
        &join(&path, "number"),
        &d.number,
        "chỉ ghi phần số; ký hiệu được thêm tự động",
    );
    let council =
        (d.council_decision.as_ref()).map(|f| c.cited(&join(&path, "council_decision"), f));
    let bases: Option<Vec<_>> = (d.bases.iter().enumerate())
        .map(|(j, b)| c.citation(&index(&join(&path, "bases"), j), b))
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    c.non_empty(&join(&path, "proposal"), &d.proposal, "đề nghị (proposal)");
    if let Some(s) = &d.standing_body {
        c.unit(&join(&path, "standing_body"), s);
    }
    c.units(&join(&path, "executors"), &d.executors);
    c.recipients(&join(&path, "recipients"), &d.recipients);
    let (products, blocked) = match d.kind {
        DecisionKind::Council => {
            council_members(c, d, &path);
            (Vec::new(), false)
        }
        DecisionKind::Results => results(c, i, d, &path, regime, row_problems),
    };
    let council = match council {
        Some(cited) => Some(cited?),
        None => None,
    };
    Some(CheckedDecision {
        index: i,
        decision: d,
        date: date?,
        regime: regime?,
        signer: signer?,
        council,
        bases: bases?,
        products,
        stem: naming::decision(d),
        blocked,
    })
}

/// Who signs: the decision's own signer or the plan's. NĐ 30: the
/// chairman's own power is signed without "TM.".
fn signer<'a>(
    c: &mut Checker<'_>,
    model: &'a PlanFile,
    d: &'a Decision,
    path: &str,
) -> Option<&'a Signer> {
    let signer = match (&d.signer, model.plan.as_ref().map(|p| &p.signer)) {
        (Some(s), _) => {
            c.signer(&join(path, "signer"), s);
            s
        }
        (None, Some(s)) => s,
        (None, None) => {
            c.error(
                path,
                "quyết định chưa có người ký",
                "thêm `signer:` vào quyết định",
            );
            return None;
        }
    };
    if d.authority == Authority::Chairman && signer.tm.is_some() {
        let at = if d.signer.is_some() {
            join(path, "signer.tm")
        } else {
            join(path, "signer")
        };
        c.error(
            &at,
            "quyết định thuộc thẩm quyền Chủ tịch không ký \"TM.\"",
            "bỏ tm (ký \"CHỦ TỊCH\" hoặc \"KT. CHỦ TỊCH / PHÓ CHỦ TỊCH\"), hoặc đặt authority: committee",
        );
    }
    Some(signer)
}

fn council_members(c: &mut Checker<'_>, d: &Decision, path: &str) {
    members(c, &d.members, &join(path, "members"), false);
    if let Some(team) = &d.advisory_team {
        members(c, &team.members, &join(path, "advisory_team.members"), true);
    }
}

/// The products a results decision recognises, ranked under `regime`,
/// and whether bad spreadsheet rows keep it from being issued.
fn results(
    c: &mut Checker<'_>,
    i: usize,
    d: &Decision,
    path: &str,
    regime: Option<&'static Regime>,
    row_problems: &mut Vec<Diagnostic>,
) -> (Vec<Ranked>, bool) {
    let list = c.loaded.list_for(ListUser::Decision(i));
    let rows = match list {
        Some(list) => Rows::Sheet(list),
        None => Rows::Yaml {
            path: join(path, "products"),
            products: &d.products,
        },
    };
    let empty = match &rows {
        Rows::Sheet(l) => l.rows.is_empty(),
        Rows::Yaml { products, .. } => products.is_empty(),
    };
    if empty {
        let field = if list.is_some() {
            "products_file"
        } else {
            "products"
        };
        c.error(
            &join(path, field),
            "chưa có sản phẩm nào",
            "thêm danh sách sản phẩm (name, owner, address, score), hoặc products_file",
        );
        return (Vec::new(), false);
    }
    let Some(regime) = regime else {
        return (Vec::new(), false);
    };
    // Once for the decision, not once per product. A district past its
    // time is already told so by its date.
    if c.level != crate::model::Level::District
        && let Some(d) = regime::no_competence(regime, c.level, "quyết định công nhận")
    {
        c.push(d.field(join(path, "kind")));
        return (Vec::new(), false);
    }
    let ranked = products::rank_rows(c, &rows, regime);
    let blocked = !ranked.bad.is_empty() && {
        let from_sheet = list.is_some();
        report_bad_rows(c, path, ranked.bad, from_sheet, row_problems);
        from_sheet
    };
    (ranked.good, blocked)
}

/// Problems of product rows. Rows of the YAML are the file's own problems;
/// rows of a spreadsheet are reported once (the certificates may take the
/// same rows), and the decision cannot be issued with them.
fn report_bad_rows(
    c: &mut Checker<'_>,
    path: &str,
    bad: Vec<(String, Vec<Diagnostic>)>,
    from_sheet: bool,
    row_problems: &mut Vec<Diagnostic>,
) {
    let labels: Vec<String> = bad.iter().map(|(l, _)| l.clone()).collect();
    let problems = bad.into_iter().flat_map(|(_, d)| d);
    if !from_sheet {
        c.problems.extend(problems);
        return;
    }
    for p in problems {
        if !row_problems.contains(&p) {
            row_problems.push(p);
        }
    }
    row_problems.push(
        c.loaded.source.locate(
            Diagnostic::error(format!(
                "quyết định công nhận chưa dựng được: danh sách có {} dòng lỗi ({})",
                labels.len(),
                labels.join(", ")
            ))
            .field(join(path, "products_file"))
            .hint("sửa các dòng được báo trong bảng tính rồi chạy lại"),
        ),
    );
}

fn members(c: &mut Checker<'_>, members: &[Member], path: &str, team: bool) {
    if members.is_empty() {
        c.error(
            path,
            "chưa có thành viên",
            "thêm danh sách thành viên (name, position, role)",
        );
        return;
    }
    let head = if team { Role::Leader } else { Role::Chairman };
    let heads = members.iter().filter(|m| m.role == head).count();
    if heads != 1 {
        let what = if team {
            "Tổ trưởng (leader)"
        } else {
            "Chủ tịch Hội đồng (chairman)"
        };
        c.error(
            path,
            format!("cần đúng một {what}, đang có {heads}"),
            "sửa role của các thành viên",
        );
    }
    for (i, m) in members.iter().enumerate() {
        let p = index(path, i);
        c.non_empty(&join(&p, "name"), &m.name, "họ tên thành viên");
        c.non_empty(&join(&p, "position"), &m.position, "chức vụ thành viên");
        let council_role = matches!(
            m.role,
            Role::Chairman | Role::ViceChairman | Role::MemberSecretary | Role::Secretary
        );
        let team_role = matches!(m.role, Role::Leader | Role::Deputy);
        if (team && council_role) || (!team && team_role) {
            c.error(
                &join(&p, "role"),
                "chức danh không thuộc nhóm này",
                if team {
                    "Tổ tư vấn dùng leader, deputy, member"
                } else {
                    "Hội đồng dùng chairman, vice_chairman, member, member_secretary, secretary"
                },
            );
        }
    }
}
