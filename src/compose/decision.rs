//! Decisions (Quyết định, NĐ 30 Mẫu 1.2): founding the evaluation and
//! ranking council with its advisory team, and recognising evaluation
//! results with the product list appended. Star counts are computed from
//! the list; who may recognise which rank was checked against the regime.

use super::appendix::{self, APPENDIX_TEXT_SIZE};
use super::common::{self, citation, count, with_closing_mark};
use crate::doc::{Administrative, Appendix, Block, Content, Document, LeadStyle, Table};
use crate::model::{Authority, Citation, Decision, DecisionKind, Member, Role};
use crate::regime::{self, Regime};
use crate::validate::{Checked, CheckedDecision, Ranked};
use crate::vn::{self, PartialDate};

/// Members beyond this many go to an appendix table instead of Điều 1.
const MEMBERS_INLINE_MAX: usize = 12;

pub fn decision(checked: &Checked<'_>, cd: &CheckedDecision<'_>) -> Document {
    let d = cd.decision;
    let date = cd.date;
    let issuer = &checked.model.issuer;
    let locality = issuer.locality();
    let body_name = issuer.body_name();
    let authority_name = match d.authority {
        Authority::Chairman => format!("Chủ tịch {body_name}"),
        Authority::Committee => body_name.clone(),
    };
    let symbol = d.symbol(issuer);
    let mut preamble = vec![Block::Centered {
        text: authority_name.to_uppercase(),
        bold: true,
    }];
    let mut bases: Vec<String> = Vec::new();
    if d.default_bases {
        bases.push(regime::local_government_law(date.earliest()).to_string());
        let b = cd.regime.basis;
        bases.push(format!(
            "{} số {} ngày {} của {} {}",
            b.kind,
            b.number,
            b.date.short(),
            b.issuer,
            b.subject
        ));
        if let Some(plan) = &checked.plan
            && let Some(n) = &plan.plan.number.0
        {
            let plan_symbol = plan.plan.symbol(issuer);
            let when = plan
                .date
                .complete()
                .map(|d| format!(" ngày {}", d.short()))
                .unwrap_or_default();
            bases.push(format!(
                "Kế hoạch số {n}/{plan_symbol}{when} của {body_name} {}",
                common::one_line(&plan.plan.title)
            ));
        }
    }
    if let Some(council) = &d.council_decision {
        bases.push(citation(
            &Citation::Fields(council.clone()),
            Default::default(),
        ));
    }
    bases.extend(d.bases.iter().map(|b| citation(b, Default::default())));
    for b in &bases {
        preamble.push(italic(format!("Căn cứ {b};")));
    }
    let proposal = d.proposal.trim().trim_end_matches('.');
    preamble.push(italic(format!("Theo đề nghị của {proposal}.")));
    preamble.push(Block::Centered {
        text: "QUYẾT ĐỊNH:".into(),
        bold: true,
    });

    let standing = d
        .standing_body
        .as_ref()
        .map(|s| checked.units.name(s, false));
    let header = common::header(issuer, &d.number, symbol.clone(), date);
    let reference =
        appendix::reference("Quyết định", &header.number, &symbol, date, &authority_name);
    let (subject, mut body, appendices) = match d.kind {
        DecisionKind::Council => council(
            d,
            &locality,
            &authority_name,
            cd.regime,
            standing.as_deref(),
            &reference,
        ),
        DecisionKind::Results => results(
            d,
            date,
            &locality,
            cd.regime,
            &cd.products,
            standing.as_deref(),
            &reference,
        ),
    };
    let mut who = vec![format!("Chánh Văn phòng {body_name}")];
    who.extend(d.executors.iter().map(|e| checked.units.name(e, false)));
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
    let signature = common::signature(
        &checked.units,
        &["Như Điều 3"],
        &d.recipients,
        &d.archive,
        cd.signer,
    );
    Document {
        file_stem: cd.stem.clone(),
        meta_title: format!("Quyết định {subject}"),
        ident: common::ident(&header.number, &symbol, &subject),
        timestamp: date.earliest(),
        content: Content::Decision(Administrative {
            header,
            kind_name: "QUYẾT ĐỊNH".into(),
            subject,
            to: Vec::new(),
            preamble,
            body,
            signature,
            appendices,
        }),
    }
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

fn council(
    d: &Decision,
    locality: &str,
    authority: &str,
    regime: &Regime,
    standing: Option<&str>,
    reference: &str,
) -> (String, Vec<Block>, Vec<Appendix>) {
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
    let mut body = Vec::new();
    let mut appendices = Vec::new();
    let team_members = d
        .advisory_team
        .as_ref()
        .map(|t| t.members.as_slice())
        .unwrap_or(&[]);
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
        let mut table = Table::titled(
            &[
                ("STT", 1, "center"),
                ("Họ và tên", 4, "left"),
                ("Chức vụ, đơn vị công tác", 7, "left"),
                ("Chức danh", 4, "left"),
            ],
            APPENDIX_TEXT_SIZE,
        );
        let push_group = |title: String, members: &[Member], team: bool, table: &mut Table| {
            table.push_group(title);
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
                table.push_row(vec![
                    (i + 1).to_string(),
                    who,
                    m.position.trim().to_string(),
                    role.to_string(),
                ]);
            }
        };
        push_group(
            format!("I. {}", council_name.to_uppercase()),
            &d.members,
            false,
            &mut table,
        );
        if let Some(t) = &team_name {
            push_group(
                format!("II. {} GIÚP VIỆC HỘI ĐỒNG", t.to_uppercase()),
                team_members,
                true,
                &mut table,
            );
        }
        appendices.push(appendix::appendix(
            "Phụ lục".into(),
            format!("DANH SÁCH THÀNH VIÊN {}", council_name.to_uppercase()),
            reference.to_string(),
            Some(false),
            vec![Block::Table(table)],
        ));
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
    (subject, body, appendices)
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

fn results(
    d: &Decision,
    date: PartialDate,
    locality: &str,
    regime: &Regime,
    products: &[Ranked],
    standing: Option<&str>,
    reference: &str,
) -> (String, Vec<Block>, Vec<Appendix>) {
    let year = d.year.unwrap_or(date.year);
    let round = d.round.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let round_text = round.map(|r| format!(" ({r})")).unwrap_or_default();
    let subject = d.subject.clone().unwrap_or_else(|| {
        format!("Về việc công nhận sản phẩm đạt chuẩn OCOP {locality} năm {year}{round_text}")
    });
    let mut ranked: Vec<&Ranked> = products.iter().collect();
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
    let mut table = Table::titled(
        &[
            ("STT", 2, "center"),
            ("Tên sản phẩm", 8, "left"),
            ("Chủ thể", 8, "left"),
            ("Địa chỉ", 9, "left"),
            ("Nhóm sản phẩm", 6, "left"),
            ("Điểm", 3, "center"),
            ("Hạng sao", 4, "center"),
            ("Ghi chú", 5, "left"),
        ],
        APPENDIX_TEXT_SIZE,
    );
    let mut n = 0;
    for (gi, (stars, _)) in counts.iter().enumerate() {
        table.push_group(format!(
            "{}. SẢN PHẨM ĐẠT {stars} SAO",
            vn::roman(gi as u32 + 1)
        ));
        for r in ranked.iter().filter(|r| r.stars == *stars) {
            n += 1;
            let p = &r.product;
            table.push_row(vec![
                n.to_string(),
                p.name.trim().to_string(),
                p.owner.trim().to_string(),
                p.address.trim().to_string(),
                r.group.clone().unwrap_or_default(),
                regime::score_text(p.score),
                format!("{stars} sao"),
                p.note.clone().unwrap_or_default(),
            ]);
        }
    }
    let appendix = appendix::appendix(
        "Phụ lục".into(),
        format!(
            "DANH SÁCH SẢN PHẨM ĐẠT CHUẨN OCOP {} NĂM {year}{}",
            locality.to_uppercase(),
            round_text.to_uppercase()
        ),
        reference.to_string(),
        Some(true),
        vec![Block::Table(table)],
    );
    (subject, body, vec![appendix])
}
