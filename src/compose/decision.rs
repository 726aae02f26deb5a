//! Decisions (Quyết định, NĐ 30 Mẫu 1.2): founding the evaluation and
//! ranking council with its advisory team, and recognising evaluation
//! results with the product list appended. Star counts are computed from
//! the list; who may recognise which rank comes from the legal regime.

use super::{Composer, HeaderDate, header_date, with_closing_mark};
use crate::diag::Diagnostic;
use crate::doc::{Appendix, Block, Column, Document, LeadStyle, Row};
use crate::load::SourceFile;
use crate::load::yaml_index::{index, join};
use crate::model::{Authority, Citation, Decision, DecisionKind, Member, PlanFile, Role};
use crate::regime::{self, Regime};
use crate::text::slug;
use crate::vn;

/// Members beyond this many go to an appendix table instead of Điều 1.
const MEMBERS_INLINE_MAX: usize = 12;

pub fn decisions(file: &SourceFile, pf: &PlanFile) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut c = Composer::new(file, &pf.units);
    let mut docs = Vec::new();
    for (i, d) in pf.decisions.iter().enumerate() {
        if let Some(doc) = decision(&mut c, pf, d, &index("decisions", i)) {
            docs.push(doc);
        }
    }
    if c.diags.iter().any(Diagnostic::is_error) {
        return (Vec::new(), c.diags);
    }
    (docs, c.diags)
}

/// Counts as plans and decisions write them: 05, 12.
fn count(n: usize) -> String {
    format!("{n:02}")
}

fn decision(c: &mut Composer<'_>, pf: &PlanFile, d: &Decision, path: &str) -> Option<Document> {
    let date = match header_date(c.file, &d.date, &join(path, "date")) {
        Ok(date) => date,
        Err(e) => {
            c.diags.push(e);
            return None;
        }
    };
    let regime = select_regime(c, d, date, path)?;
    let issuer = &pf.issuer;
    let locality = issuer.locality();
    let body_name = issuer.body_name();
    let authority_name = match d.authority {
        Authority::Chairman => format!("Chủ tịch {body_name}"),
        Authority::Committee => body_name.clone(),
    };
    let signer = match (&d.signer, pf.plan.as_ref().map(|p| &p.signer)) {
        (Some(s), _) | (None, Some(s)) => s.clone(),
        (None, None) => {
            c.error(
                path,
                "quyết định chưa có người ký",
                "thêm `signer:` vào quyết định",
            );
            return None;
        }
    };
    // NĐ 30: the chairman's own power is signed without "TM.".
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
    let symbol = d.symbol(issuer);
    let mut preamble = vec![Block::Centered {
        text: authority_name.to_uppercase(),
        bold: true,
    }];
    let mut bases: Vec<String> = Vec::new();
    if d.default_bases {
        bases.push(local_government_law(date));
        let b = regime.basis;
        bases.push(format!(
            "{} số {} ngày {} của {} {}",
            b.kind,
            b.number,
            b.date.short(),
            b.issuer,
            b.subject
        ));
        if let Some(plan) = &pf.plan
            && let Some(n) = &plan.number.0
        {
            let plan_symbol = plan.symbol(issuer);
            let when = super::header_date(c.file, &plan.date, "plan.date")
                .ok()
                .filter(|h| h.day.is_some())
                .map(|h| format!(" ngày {}", h.earliest().short()))
                .unwrap_or_default();
            bases.push(format!(
                "Kế hoạch số {n}/{plan_symbol}{when} của {body_name} {}",
                plan.title.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
        }
    }
    if let Some(cd) = &d.council_decision {
        let cite = c.citation(
            &Citation::Fields(cd.clone()),
            &join(path, "council_decision"),
            Default::default(),
        );
        bases.push(cite);
    }
    for (i, b) in d.bases.iter().enumerate() {
        let cite = c.citation(b, &index(&join(path, "bases"), i), Default::default());
        bases.push(cite);
    }
    for b in &bases {
        preamble.push(italic(format!("Căn cứ {b};")));
    }
    c.non_empty(&join(path, "proposal"), &d.proposal, "đề nghị (proposal)");
    let proposal = d.proposal.trim().trim_end_matches('.');
    preamble.push(italic(format!("Theo đề nghị của {proposal}.")));
    preamble.push(Block::Centered {
        text: "QUYẾT ĐỊNH:".into(),
        bold: true,
    });

    let standing = d
        .standing_body
        .as_ref()
        .map(|s| c.unit(&join(path, "standing_body"), s, false));
    let header = c.header(issuer, &d.number, symbol.clone(), date);
    let reference = appendix_reference(&header.number, &symbol, date, &authority_name);
    let (subject, body, appendices, default_stem) = match d.kind {
        DecisionKind::Council => council(
            c,
            d,
            path,
            &locality,
            &authority_name,
            regime,
            standing.as_deref(),
            &reference,
        ),
        DecisionKind::Results => results(
            c,
            pf,
            d,
            path,
            date,
            &locality,
            regime,
            standing.as_deref(),
            &reference,
        )?,
    };
    let mut body = body;
    let executors: Vec<String> = d
        .executors
        .iter()
        .enumerate()
        .map(|(i, e)| c.unit(&index(&join(path, "executors"), i), e, false))
        .collect();
    let mut who = vec![format!("Chánh Văn phòng {body_name}")];
    who.extend(executors);
    let named = match d.kind {
        DecisionKind::Council => "các ông (bà) có tên tại Điều 1",
        DecisionKind::Results => "các chủ thể có sản phẩm tại Điều 1",
    };
    body.push(article(
        3,
        with_closing_mark(&format!(
            "Quyết định này có hiệu lực kể từ ngày ký. {} và {named} chịu trách nhiệm thi hành Quyết định này",
            who.join(", ")
        )),
    ));
    let mut recipients = vec!["Như Điều 3".to_string()];
    recipients.extend(d.recipients.iter().cloned());
    let signature = c.signature(&recipients, &d.archive, &signer, path);
    let stem = slug(d.file.as_deref().unwrap_or(default_stem));
    let ident = match &header.number {
        Some(n) => format!("{n}/{symbol} {subject}"),
        None => format!("{symbol} {subject}"),
    };
    Some(Document {
        template: "decision.typ.tera",
        file_stem: stem,
        meta_title: format!("Quyết định {subject}"),
        ident,
        timestamp: date.earliest(),
        header,
        kind_name: "QUYẾT ĐỊNH".into(),
        subject,
        to: Vec::new(),
        preamble,
        body,
        signature,
        appendices,
    })
}

fn italic(text: String) -> Block {
    Block::Para {
        marker: None,
        lead: None,
        lead_style: LeadStyle::Plain,
        text,
        italic: true,
    }
}

fn article(n: usize, text: String) -> Block {
    Block::Para {
        marker: None,
        lead: Some(format!("Điều {n}.")),
        lead_style: LeadStyle::Bold,
        text,
        italic: false,
    }
}

fn item(marker: String, text: String) -> Block {
    Block::item(marker, None, text)
}

/// The local-government law in force on the decision's date.
fn local_government_law(date: HeaderDate) -> String {
    if date.earliest() >= crate::validate::DISTRICT_ABOLISHED {
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025".into()
    } else {
        "Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019".into()
    }
}

fn select_regime(
    c: &mut Composer<'_>,
    d: &Decision,
    date: HeaderDate,
    path: &str,
) -> Option<&'static Regime> {
    regime::resolve(d.legal_regime.as_deref(), date.earliest())
        .map_err(|(field, message, hint)| c.error(&join(path, field), message, hint))
        .ok()
}

fn appendix_reference(
    number: &Option<String>,
    symbol: &str,
    date: HeaderDate,
    authority: &str,
) -> String {
    let number = number.clone().unwrap_or_else(|| "      ".into());
    let day = date
        .day
        .map(|d| format!("{d:02}"))
        .unwrap_or_else(|| "     ".into());
    let month = date
        .month
        .map(vn::month_padded)
        .unwrap_or_else(|| "     ".into());
    format!(
        "(Kèm theo Quyết định số {number}/{symbol} ngày {day} tháng {month} năm {} của {authority})",
        date.year
    )
}

fn role_text(role: Role) -> &'static str {
    match role {
        Role::Chairman => "Chủ tịch Hội đồng",
        Role::ViceChairman => "Phó Chủ tịch Hội đồng",
        Role::Member => "Ủy viên",
        Role::MemberSecretary => "Ủy viên kiêm Thư ký Hội đồng",
        Role::Secretary => "Thư ký Hội đồng",
        Role::Leader => "Tổ trưởng",
        Role::Deputy => "Tổ phó",
    }
}

fn member_line(m: &Member, team: bool) -> String {
    let role = match (team, m.role) {
        (true, Role::Member) => "Thành viên",
        (_, r) => role_text(r),
    };
    let who = match &m.honorific {
        Some(h) => format!("{} {}", h.trim(), m.name.trim()),
        None => m.name.trim().to_string(),
    };
    format!("{who}, {} - {role}", m.position.trim())
}

#[allow(clippy::too_many_arguments)]
fn council(
    c: &mut Composer<'_>,
    d: &Decision,
    path: &str,
    locality: &str,
    authority: &str,
    regime: &Regime,
    standing: Option<&str>,
    reference: &str,
) -> (String, Vec<Block>, Vec<Appendix>, &'static str) {
    let verb = if d.reconstitute {
        "kiện toàn"
    } else {
        "thành lập"
    };
    let council_name = format!(
        "Hội đồng đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm (OCOP) {locality}"
    );
    let team_name = d
        .advisory_team
        .as_ref()
        .map(|t| t.name.clone().unwrap_or_else(|| "Tổ tư vấn".into()));
    let subject = d.subject.clone().unwrap_or_else(|| match &team_name {
        Some(t) => format!("Về việc {verb} {council_name} và {t} giúp việc Hội đồng"),
        None => format!("Về việc {verb} {council_name}"),
    });
    check_members(c, &d.members, &join(path, "members"), false);
    let mut body = Vec::new();
    let mut appendices = Vec::new();
    let team_members = d
        .advisory_team
        .as_ref()
        .map(|t| t.members.as_slice())
        .unwrap_or(&[]);
    if let Some(team) = &d.advisory_team {
        check_members(c, &team.members, &join(path, "advisory_team.members"), true);
    }
    let long = d.members.len() + team_members.len() > MEMBERS_INLINE_MAX;
    let capitalised = vn::capitalise_first(verb);
    if long {
        let whom = match &team_name {
            Some(t) => format!("{council_name} và {t} giúp việc Hội đồng"),
            None => council_name.clone(),
        };
        body.push(article(
            1,
            format!("{capitalised} {whom} (có danh sách kèm theo)."),
        ));
        let mut rows = Vec::new();
        let push_group = |title: String, members: &[Member], team: bool, rows: &mut Vec<Row>| {
            rows.push(Row::Group { title });
            for (i, m) in members.iter().enumerate() {
                let who = match &m.honorific {
                    Some(h) => format!("{} {}", h.trim(), m.name.trim()),
                    None => m.name.trim().to_string(),
                };
                let role = if team && m.role == Role::Member {
                    "Thành viên"
                } else {
                    role_text(m.role)
                };
                rows.push(Row::Cells {
                    cells: vec![
                        (i + 1).to_string(),
                        who,
                        m.position.trim().to_string(),
                        role.to_string(),
                    ],
                });
            }
        };
        push_group(
            format!("I. {}", council_name.to_uppercase()),
            &d.members,
            false,
            &mut rows,
        );
        if let Some(t) = &team_name {
            push_group(
                format!("II. {} GIÚP VIỆC HỘI ĐỒNG", t.to_uppercase()),
                team_members,
                true,
                &mut rows,
            );
        }
        appendices.push(Appendix {
            label: "Phụ lục".into(),
            title: format!("DANH SÁCH THÀNH VIÊN {}", council_name.to_uppercase()),
            reference: reference.to_string(),
            landscape: false,
            columns: vec![
                Column {
                    title: "STT".into(),
                    width: 1,
                    align: "center",
                },
                Column {
                    title: "Họ và tên".into(),
                    width: 4,
                    align: "left",
                },
                Column {
                    title: "Chức vụ, đơn vị công tác".into(),
                    width: 7,
                    align: "left",
                },
                Column {
                    title: "Chức danh".into(),
                    width: 4,
                    align: "left",
                },
            ],
            rows,
        });
    } else {
        body.push(article(
            1,
            format!("{capitalised} {council_name}, gồm các ông (bà) có tên sau:"),
        ));
        push_members(&mut body, &d.members, false);
        if let (Some(t), Some(team)) = (&team_name, &d.advisory_team) {
            body.push(Block::para(format!(
                "{capitalised} {t} giúp việc Hội đồng, gồm các ông (bà) có tên sau:"
            )));
            push_members(&mut body, &team.members, true);
        }
    }
    body.push(article(2, "Nhiệm vụ, quyền hạn".into()));
    let duties = d.duties.clone().unwrap_or_else(|| {
        let mut v = vec![
            format!(
                "Hội đồng tổ chức đánh giá, phân hạng sản phẩm OCOP theo Bộ tiêu chí ban hành kèm theo {}; báo cáo, đề xuất {authority} công nhận kết quả.",
                regime.name
            ),
            format!(
                "Hội đồng đề xuất các sản phẩm đạt từ 90 điểm trở lên để {} đánh giá, công nhận sản phẩm OCOP 5 sao.",
                regime.five_star_authority
            ),
        ];
        if let Some(t) = &team_name {
            v.push(format!("{t} giúp Hội đồng rà soát hồ sơ, kiểm tra thực tế sản phẩm khi cần thiết và báo cáo Chủ tịch Hội đồng."));
        }
        v.push("Chủ tịch Hội đồng được sử dụng con dấu của Ủy ban nhân dân; các thành viên khác sử dụng con dấu của cơ quan mình trong thực hiện nhiệm vụ.".into());
        if let Some(s) = standing {
            v.push(format!("{s} là cơ quan thường trực của Hội đồng."));
        }
        v.push("Hội đồng và Tổ giúp việc tự giải thể sau khi hoàn thành nhiệm vụ.".into());
        v
    });
    for (i, duty) in duties.iter().enumerate() {
        body.push(item(format!("{}.", i + 1), duty.trim().to_string()));
    }
    (subject, body, appendices, "quyet-dinh-thanh-lap-hoi-dong")
}

fn push_members(body: &mut Vec<Block>, members: &[Member], team: bool) {
    let last = members.len().saturating_sub(1);
    for (i, m) in members.iter().enumerate() {
        let end = if i == last { "." } else { ";" };
        body.push(item(
            format!("{}.", i + 1),
            format!("{}{end}", member_line(m, team)),
        ));
    }
}

fn check_members(c: &mut Composer<'_>, members: &[Member], path: &str, team: bool) {
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

/// A product's place in the list: its computed rank, with every rule checked.
struct Ranked<'a> {
    product: &'a crate::model::Product,
    stars: u8,
    group: String,
}

#[allow(clippy::too_many_arguments)]
fn results(
    c: &mut Composer<'_>,
    pf: &PlanFile,
    d: &Decision,
    path: &str,
    date: HeaderDate,
    locality: &str,
    regime: &Regime,
    standing: Option<&str>,
    reference: &str,
) -> Option<(String, Vec<Block>, Vec<Appendix>, &'static str)> {
    let year = d.year.unwrap_or(date.year);
    let round = d.round.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let round_text = round.map(|r| format!(" ({r})")).unwrap_or_default();
    let subject = d.subject.clone().unwrap_or_else(|| {
        format!("Về việc công nhận sản phẩm đạt chuẩn OCOP {locality} năm {year}{round_text}")
    });
    if d.products.is_empty() {
        c.error(
            &join(path, "products"),
            "chưa có sản phẩm nào",
            "thêm danh sách sản phẩm (name, owner, address, score)",
        );
        return None;
    }
    let mut ranked = Vec::new();
    for (i, p) in d.products.iter().enumerate() {
        let pp = index(&join(path, "products"), i);
        for (field, value, what) in [
            ("name", &p.name, "tên sản phẩm"),
            ("owner", &p.owner, "chủ thể"),
            ("address", &p.address, "địa chỉ"),
        ] {
            c.non_empty(&join(&pp, field), value, what);
        }
        let stars = match regime::rank(regime, pf.issuer.level, p.score, p.stars) {
            Ok(stars) => stars,
            Err(problems) => {
                for pr in problems {
                    c.error(&join(&pp, pr.field), pr.message, pr.hint);
                }
                continue;
            }
        };
        let group = match p.group.as_deref().map(regime::product_group) {
            Some(Ok(g)) => g,
            Some(Err(n)) => {
                c.error(
                    &join(&pp, "group"),
                    format!("không có nhóm sản phẩm số {n}"),
                    "nhóm sản phẩm từ 1 đến 6, hoặc ghi tên nhóm",
                );
                String::new()
            }
            None => String::new(),
        };
        ranked.push(Ranked {
            product: p,
            stars,
            group,
        });
    }
    // Grouped by rank, highest first; the list order within a rank is kept.
    ranked.sort_by_key(|r| std::cmp::Reverse(r.stars));
    let mut counts: Vec<(u8, usize)> = Vec::new();
    for r in &ranked {
        match counts.last_mut() {
            Some((s, n)) if *s == r.stars => *n += 1,
            _ => counts.push((r.stars, 1)),
        }
    }
    let owners = {
        let mut v: Vec<&str> = ranked.iter().map(|r| r.product.owner.trim()).collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    let breakdown: Vec<String> = counts
        .iter()
        .map(|(s, n)| format!("{} sản phẩm đạt {s} sao", count(*n)))
        .collect();
    let mut body = vec![article(
        1,
        format!(
            "Công nhận {} sản phẩm của {} chủ thể đạt chuẩn sản phẩm OCOP {locality} năm {year}{round_text} (có Phụ lục kèm theo), trong đó: {}.",
            count(ranked.len()),
            count(owners),
            breakdown.join("; ")
        ),
    )];
    let standing_text = standing
        .map(|s| format!("{s} tổ chức công bố kết quả, trao Giấy chứng nhận cho các chủ thể. "))
        .unwrap_or_default();
    body.push(article(
        2,
        format!(
            "Các sản phẩm tại Điều 1 được cấp Giấy chứng nhận sản phẩm OCOP, được sử dụng biểu trưng (logo) OCOP và thể hiện số sao trên bao bì sản phẩm theo quy định. Kết quả công nhận có giá trị {} tháng kể từ ngày ký Quyết định này. {standing_text}Các chủ thể có trách nhiệm duy trì và nâng cao chất lượng sản phẩm theo Bộ tiêu chí.",
            count(regime.validity_months as usize)
        ),
    ));
    let mut rows = Vec::new();
    let mut n = 0;
    for (gi, (stars, _)) in counts.iter().enumerate() {
        rows.push(Row::Group {
            title: format!("{}. SẢN PHẨM ĐẠT {stars} SAO", vn::roman(gi as u32 + 1)),
        });
        for r in ranked.iter().filter(|r| r.stars == *stars) {
            n += 1;
            let p = r.product;
            rows.push(Row::Cells {
                cells: vec![
                    n.to_string(),
                    p.name.trim().to_string(),
                    p.owner.trim().to_string(),
                    p.address.trim().to_string(),
                    r.group.clone(),
                    regime::score_text(p.score),
                    format!("{stars} sao"),
                    p.note.clone().unwrap_or_default(),
                ],
            });
        }
    }
    let appendix = Appendix {
        label: "Phụ lục".into(),
        title: format!(
            "DANH SÁCH SẢN PHẨM ĐẠT CHUẨN OCOP {} NĂM {year}{}",
            locality.to_uppercase(),
            round_text.to_uppercase()
        ),
        reference: reference.to_string(),
        landscape: true,
        columns: vec![
            Column {
                title: "STT".into(),
                width: 2,
                align: "center",
            },
            Column {
                title: "Tên sản phẩm".into(),
                width: 8,
                align: "left",
            },
            Column {
                title: "Chủ thể".into(),
                width: 8,
                align: "left",
            },
            Column {
                title: "Địa chỉ".into(),
                width: 9,
                align: "left",
            },
            Column {
                title: "Nhóm sản phẩm".into(),
                width: 6,
                align: "left",
            },
            Column {
                title: "Điểm".into(),
                width: 3,
                align: "center",
            },
            Column {
                title: "Hạng sao".into(),
                width: 4,
                align: "center",
            },
            Column {
                title: "Ghi chú".into(),
                width: 5,
                align: "left",
            },
        ],
        rows,
    };
    Some((
        subject,
        body,
        vec![appendix],
        "quyet-dinh-cong-nhan-san-pham",
    ))
}
