//! The documents of the year drawn from the decisions of the file and
//! from the register: Tờ trình (Mẫu 1.4 with Kính gửi) proposing a
//! decision, drafted from the decision itself; Thông báo of a round's
//! results; Quyết định thu hồi (Mẫu 1.2) with its ground; and a Công văn
//! (Mẫu 1.5) to each commune listing its certificates that expire soon.

use super::appendix::{Row, table_appendix};
use super::body::BodyComposer;
use super::common::{self, article, count, italic, lower_first, one_line, with_closing_mark};
use super::decision;
use crate::doc::{Administrative, Appendix, Block, Content, Document};
use crate::model::{DecisionKind, Issuer, PlanStyle, Signer};
use crate::validate::register::{Entry, days_before};
use crate::validate::year::{CheckedNotice, CheckedReminder, CheckedRevocation, CheckedSubmission};
use crate::validate::{Checked, CheckedDecision};
use crate::vn::{self, PartialDate};

fn heading(label: &str, title: &str) -> Block {
    Block::Heading {
        label: label.into(),
        title: title.to_uppercase(),
        bold: true,
    }
}

/// "1234/QĐ-UBND ngày 25/6/2027" of a numbered, dated decision.
fn decision_ref(checked: &Checked<'_>, cd: &CheckedDecision<'_>) -> String {
    let number = cd
        .decision
        .number
        .0
        .as_deref()
        .map(vn::padded_number)
        .unwrap_or_default();
    let symbol = cd.decision.symbol(&checked.model.issuer);
    match cd.date.complete() {
        Some(d) => format!("{number}/{symbol} ngày {}", d.short()),
        None => format!("{number}/{symbol}"),
    }
}

fn decision_at<'c, 'a>(checked: &'c Checked<'a>, index: usize) -> Option<&'c CheckedDecision<'a>> {
    checked.decisions.iter().find(|d| d.index == index)
}

/// The body that submits: the province's committee above it, its own
/// name as the issuer.
fn submitting_body(issuer: &Issuer, name: &str, symbol: &str) -> Issuer {
    Issuer {
        body: name.to_string(),
        // The committee above, abbreviated as offices write it on one
        // line of the header (NĐ 30 Phụ lục I: "UBND TỈNH …").
        parent: Some(format!("UBND {}", issuer.locality())),
        symbol: symbol.to_string(),
        place: Some(issuer.place.clone().unwrap_or_else(|| issuer.name.clone())),
        ..issuer.clone()
    }
}

pub fn submission(checked: &Checked<'_>, cs: &CheckedSubmission<'_>) -> Option<Document> {
    let s = cs.spec;
    let cd = decision_at(checked, cs.decision)?;
    let proposed = decision::decision(checked, cd);
    let Content::Decision(admin) = &proposed.content else {
        return None;
    };
    let issuer = &checked.model.issuer;
    let from = checked.units.name(&s.from, false);
    let symbol = format!("TTr-{}", s.symbol.trim());
    let body_issuer = submitting_body(issuer, &from, s.symbol.trim());
    let mut header = common::header(&body_issuer, &s.number, symbol.clone(), cs.date);
    header.issuer_lines = vec![from.to_uppercase()];
    let chairman = format!("Chủ tịch Ủy ban nhân dân {}", issuer.locality());
    let to = if s.to.is_empty() {
        vec![chairman.clone()]
    } else {
        s.to.iter().map(|t| checked.units.name(t, false)).collect()
    };
    let subject = format!(
        "Về việc đề nghị ban hành Quyết định {}",
        lower_first(strip_about(&admin.subject))
    );
    let mut body = Vec::new();
    // The bases the decision cites, as the submission's grounds.
    for b in admin.preamble.iter().filter_map(|b| match b {
        Block::Para {
            text, italic: true, ..
        } if text.starts_with("Căn cứ") => Some(text.clone()),
        _ => None,
    }) {
        body.push(Block::para(b));
    }
    free_text(checked, &s.body, &mut body);
    body.extend(proposal(cd, &from, &chairman));
    let signature = common::signature(
        &checked.units,
        &["Như trên"],
        &s.recipients,
        &s.archive,
        &s.signer,
    );
    let appendices = admin
        .appendices
        .iter()
        .map(|a| Appendix {
            reference: common::reference("Tờ trình", &header.number, &symbol, cs.date, &from),
            ..a.clone()
        })
        .collect();
    let submission = Administrative {
        header,
        kind_name: "TỜ TRÌNH".into(),
        subject,
        to,
        preamble: Vec::new(),
        body,
        signature,
        appendices,
    };
    Some(common::administrative(
        cs.stem.clone(),
        "Tờ trình",
        cs.date.earliest(),
        submission,
        Content::Submission,
    ))
}

/// What the submission proposes, counted from the decision's own data.
fn proposal(cd: &CheckedDecision<'_>, from: &str, chairman: &str) -> Vec<Block> {
    let d = cd.decision;
    let mut out = Vec::new();
    match d.kind {
        DecisionKind::Results => {
            let products = &cd.products;
            let mut stars: Vec<(u8, usize)> = Vec::new();
            for p in products {
                match stars.iter_mut().find(|(s, _)| *s == p.stars) {
                    Some((_, n)) => *n += 1,
                    None => stars.push((p.stars, 1)),
                }
            }
            stars.sort_by_key(|(s, _)| std::cmp::Reverse(*s));
            let mut owners: Vec<String> = products
                .iter()
                .map(|p| crate::units::fold(&p.product.owner))
                .collect();
            owners.sort();
            owners.dedup();
            let breakdown: Vec<String> = stars
                .iter()
                .map(|(s, n)| format!("{} sản phẩm đạt {s} sao", count(*n)))
                .collect();
            out.push(heading("I.", "Kết quả đánh giá, phân hạng"));
            out.push(Block::para(format!(
                "Hội đồng đánh giá, phân hạng sản phẩm OCOP đã đánh giá, phân hạng và đề nghị công nhận {} sản phẩm của {} chủ thể, trong đó: {} (có danh sách kèm theo).",
                count(products.len()),
                count(owners.len()),
                breakdown.join("; ")
            )));
            out.push(heading("II.", "Đề xuất, kiến nghị"));
            out.push(Block::para(format!(
                "{from} kính trình {chairman} xem xét, ban hành Quyết định công nhận {} sản phẩm đạt chuẩn sản phẩm OCOP (có dự thảo Quyết định kèm theo).",
                count(products.len())
            )));
        }
        DecisionKind::Council => {
            let chair = d
                .members
                .iter()
                .find(|m| m.role == crate::model::Role::Chairman);
            out.push(heading("I.", "Sự cần thiết"));
            out.push(Block::para(format!(
                "Để tổ chức đánh giá, phân hạng sản phẩm OCOP theo {}, cần thành lập Hội đồng đánh giá, phân hạng sản phẩm OCOP và Tổ tư vấn giúp việc Hội đồng.",
                cd.regime.name
            )));
            out.push(heading("II.", "Đề xuất, kiến nghị"));
            out.push(Block::para(format!(
                "{from} kính trình {chairman} xem xét, ban hành Quyết định thành lập Hội đồng gồm {} thành viên{}{} (có dự thảo Quyết định kèm theo).",
                count(d.members.len()),
                chair.map(|c| format!(", do {} {} làm Chủ tịch Hội đồng", c.position.trim(), c.name.trim())).unwrap_or_default(),
                d.advisory_team.as_ref().map(|t| format!("; Tổ tư vấn gồm {} thành viên", count(t.members.len()))).unwrap_or_default()
            )));
        }
    }
    out.push(Block::para(with_closing_mark(&format!(
        "Kính trình {chairman} xem xét, quyết định"
    ))));
    out
}

fn strip_about(subject: &str) -> &str {
    subject.strip_prefix("Về việc ").unwrap_or(subject)
}

/// The author's own text of a document of the year, in the plan's style,
/// after what ocop writes.
fn free_text(checked: &Checked<'_>, blocks: &[crate::model::Block], out: &mut Vec<Block>) {
    let style = PlanStyle::default();
    let bc = BodyComposer {
        units: checked.units.clone(),
        style: &style,
        tables: &checked.tables,
        parts: Default::default(),
    };
    bc.blocks(blocks, out);
}

/// `signer` signing for the collective `body` (TM.), unless they already
/// sign for someone (TM., TL., TUQ.).
fn on_behalf(body: &str, signer: &Signer) -> Signer {
    let mut s = signer.clone();
    if s.tm.is_none() && s.tl.is_none() && s.tuq.is_none() {
        s.tm = Some(body.trim().to_string());
    }
    s
}

pub fn notice(checked: &Checked<'_>, cn: &CheckedNotice<'_>) -> Option<Document> {
    let n = cn.spec;
    let cd = decision_at(checked, cn.decision)?;
    let decided = decision::decision(checked, cd);
    let Content::Decision(admin) = &decided.content else {
        return None;
    };
    let issuer = &checked.model.issuer;
    let symbol = n
        .symbol
        .clone()
        .unwrap_or_else(|| format!("TB-{}", issuer.symbol));
    let header = common::header(issuer, &n.number, symbol.clone(), cn.date);
    let year = cd.decision.year.unwrap_or(cd.date.year);
    let round = cd
        .decision
        .round
        .as_deref()
        .map(|r| format!(" ({})", r.trim()))
        .unwrap_or_default();
    let subject = format!(
        "Kết quả đánh giá, phân hạng sản phẩm OCOP {} năm {year}{round}",
        issuer.locality()
    );
    let authority = match cd.decision.authority {
        crate::model::Authority::Chairman => format!("Chủ tịch {}", issuer.body_name()),
        crate::model::Authority::Committee => issuer.body_name(),
    };
    let mut body = vec![Block::para(format!(
        "Căn cứ Quyết định số {} của {authority} {}, {} thông báo kết quả đánh giá, phân hạng sản phẩm OCOP năm {year}{round} như sau:",
        decision_ref(checked, cd),
        lower_first(strip_about(&admin.subject)),
        issuer.body_name()
    ))];
    body.extend(results_paragraphs(cd));
    free_text(checked, &n.body, &mut body);
    body.push(Block::para(with_closing_mark(&format!(
        "{} thông báo để các cơ quan, đơn vị, chủ thể biết, thực hiện",
        issuer.body_name()
    ))));
    // The notice speaks for the body ("Ủy ban nhân dân tỉnh … thông báo"):
    // a signer taken over from a chairman's decision signs on its behalf.
    let signer = match &n.signer {
        Some(_) => cn.signer.clone(),
        None => on_behalf(&issuer.body, cn.signer),
    };
    let signature = common::signature(&checked.units, &[], &n.recipients, &n.archive, &signer);
    let appendices = admin
        .appendices
        .iter()
        .map(|a| Appendix {
            reference: common::reference(
                "Thông báo",
                &header.number,
                &symbol,
                cn.date,
                &issuer.body_name(),
            ),
            ..a.clone()
        })
        .collect();
    let notice = Administrative {
        header,
        kind_name: "THÔNG BÁO".into(),
        subject,
        to: Vec::new(),
        preamble: Vec::new(),
        body,
        signature,
        appendices,
    };
    Some(common::administrative(
        cn.stem.clone(),
        "Thông báo",
        cn.date.earliest(),
        notice,
        Content::Notice,
    ))
}

/// "1. Tổng số …", "2. Theo hạng sao …", "3. Theo xã …" of a round.
fn results_paragraphs(cd: &CheckedDecision<'_>) -> Vec<Block> {
    let products = &cd.products;
    vec![
        Block::item(
            "1.",
            None,
            format!(
                "Có {} sản phẩm được công nhận đạt chuẩn sản phẩm OCOP, trong đó: {} (danh sách tại Phụ lục kèm theo).",
                count(products.len()),
                decision::star_breakdown(products)
            ),
        ),
        Block::item(
            "2.",
            None,
            format!(
                "Giấy chứng nhận có giá trị {} tháng kể từ ngày ký Quyết định công nhận. Các chủ thể được sử dụng biểu trưng (logo) OCOP và thể hiện số sao trên bao bì sản phẩm theo quy định.",
                count(cd.regime.validity_months as usize)
            ),
        ),
    ]
}

pub fn revocation(checked: &Checked<'_>, cr: &CheckedRevocation<'_>) -> Document {
    let r = cr.spec;
    let e = &cr.entry;
    let issuer = &checked.model.issuer;
    let symbol = r
        .symbol
        .clone()
        .unwrap_or_else(|| format!("QĐ-{}", issuer.symbol));
    let header = common::header(issuer, &r.number, symbol.clone(), cr.date);
    let authority = format!("Chủ tịch {}", issuer.body_name());
    let subject = format!(
        "Về việc thu hồi Giấy chứng nhận sản phẩm OCOP đối với sản phẩm {}",
        e.name
    );
    let mut preamble = revocation_preamble(cr, &authority);
    preamble.push(Block::Centered {
        text: "QUYẾT ĐỊNH:".into(),
        bold: true,
    });
    let certificate = e
        .number
        .as_deref()
        .map(|n| format!(" số {n}"))
        .unwrap_or_default();
    let ground = match (cr.ground, &r.ground_text) {
        (Some((letter, text)), extra) => format!(
            "thuộc trường hợp quy định tại điểm {letter} {}: {text}{}",
            cr.regime.revocation.article,
            extra
                .as_deref()
                .map(|t| format!(" ({})", t.trim()))
                .unwrap_or_default()
        ),
        (None, Some(t)) => t.trim().to_string(),
        (None, None) => String::new(),
    };
    let mut who = vec![format!("Chánh Văn phòng {}", issuer.body_name())];
    who.extend(r.executors.iter().map(|x| checked.units.name(x, false)));
    let body = vec![
        article(
            1,
            format!(
                "Thu hồi Giấy chứng nhận sản phẩm OCOP{certificate} đối với sản phẩm {} ({} sao) của {}, {}, đã được công nhận tại Quyết định số {} ngày {}.",
                e.name,
                e.stars,
                e.owner,
                place_of(e),
                e.decision,
                e.decision_date.short()
            ),
        ),
        Block::para(format!("Lý do thu hồi: {}.", ground.trim_end_matches('.'))),
        article(
            2,
            format!(
                "{} không được sử dụng Giấy chứng nhận, biểu trưng (logo) OCOP và hạng sao đã được công nhận trên bao bì, nhãn và trong quảng bá sản phẩm kể từ ngày Quyết định này có hiệu lực; nộp lại Giấy chứng nhận cho cơ quan tham mưu quản lý OCOP cấp tỉnh.",
                e.owner
            ),
        ),
        article(
            3,
            with_closing_mark(&format!(
                "Quyết định này có hiệu lực kể từ ngày ký. {}, Chủ tịch Ủy ban nhân dân {} và {} chịu trách nhiệm thi hành Quyết định này",
                who.join(", "),
                commune_of(e),
                e.owner
            )),
        ),
    ];
    let signature = common::signature(
        &checked.units,
        &["Như Điều 3"],
        &r.recipients,
        &r.archive,
        cr.signer,
    );
    let revocation = Administrative {
        header,
        kind_name: "QUYẾT ĐỊNH".into(),
        subject,
        to: Vec::new(),
        preamble,
        body,
        signature,
        appendices: Vec::new(),
    };
    common::administrative(
        cr.stem.clone(),
        "Quyết định",
        cr.date.earliest(),
        revocation,
        Content::Revocation,
    )
}

/// The thẩm quyền line, the bases and the proposal of a revocation.
fn revocation_preamble(cr: &CheckedRevocation<'_>, authority: &str) -> Vec<Block> {
    let (r, e) = (cr.spec, &cr.entry);
    let b = cr.regime.basis;
    let mut preamble = vec![Block::Centered {
        text: authority.to_uppercase(),
        bold: true,
    }];
    for basis in [
        crate::regime::local_government_law(cr.date.earliest()).to_string(),
        format!(
            "{} số {} ngày {} của {} {}",
            b.kind,
            b.number,
            b.date.short(),
            b.issuer,
            b.subject
        ),
        format!(
            "Quyết định số {} ngày {} về việc công nhận sản phẩm đạt chuẩn OCOP",
            e.decision,
            e.decision_date.short()
        ),
        one_line(&r.finding),
    ] {
        preamble.push(italic(format!("Căn cứ {basis};")));
    }
    preamble.push(italic(format!(
        "Theo đề nghị của {}.",
        r.proposal.trim().trim_end_matches('.')
    )));
    preamble
}

/// The commune a product lies in now, as the register gives it.
fn commune_of(e: &Entry) -> String {
    let name = e.commune_now.clone().unwrap_or_else(|| e.commune.clone());
    lower_type(&name)
}

/// "Xã Sìn Hồ" → "xã Sìn Hồ": the generic noun in lower case (NĐ 30 Phụ lục II).
fn lower_type(name: &str) -> String {
    for t in ["Xã ", "Phường ", "Đặc khu ", "Thị trấn "] {
        if let Some(rest) = name.strip_prefix(t) {
            return format!("{}{rest}", t.to_lowercase());
        }
    }
    name.to_string()
}

fn place_of(e: &Entry) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(a) = e.address.as_deref().filter(|a| !a.trim().is_empty()) {
        parts.push(a.trim().to_string());
    }
    parts.push(commune_of(e));
    parts.join(", ")
}

/// One Công văn per commune with certificates expiring soon.
pub fn reminders(checked: &Checked<'_>, cr: &CheckedReminder<'_>) -> Vec<Document> {
    cr.communes
        .iter()
        .zip(&cr.stems)
        .map(|((commune, entries), stem)| reminder(checked, cr, commune, entries, stem))
        .collect()
}

fn reminder(
    checked: &Checked<'_>,
    cr: &CheckedReminder<'_>,
    commune: &str,
    entries: &[Entry],
    stem: &str,
) -> Document {
    let r = cr.spec;
    let issuer = &checked.model.issuer;
    let symbol = common::dispatch_symbol(issuer, r.drafting_unit.as_deref());
    let header = common::header(issuer, &r.number, symbol.clone(), cr.date);
    let subject = "đánh giá, phân hạng lại sản phẩm OCOP sắp hết hạn Giấy chứng nhận".to_string();
    let commune = lower_type(commune);
    let day = cr.date.earliest();
    let until = day.add_months(
        r.months
            .unwrap_or(crate::validate::register::EXPIRING_MONTHS),
    );
    let window = cr.regime.re_evaluation_window;
    let mut body = vec![Block::para(format!(
        "Giấy chứng nhận sản phẩm OCOP có giá trị {} tháng kể từ ngày cấp. Trên địa bàn {commune} có {} sản phẩm OCOP có Giấy chứng nhận hết hạn từ ngày {} đến ngày {} (có danh sách kèm theo).",
        count(cr.regime.validity_months as usize),
        count(entries.len()),
        day.short(),
        until.short()
    ))];
    let when = match window {
        Some((early, late)) => format!(
            " Hồ sơ đề nghị đánh giá, phân hạng lại nộp không sớm hơn {early} ngày và không muộn hơn {late} ngày tính đến ngày hết hạn của Giấy chứng nhận (thời hạn nộp của từng sản phẩm ghi tại danh sách kèm theo)."
        ),
        None => String::new(),
    };
    body.push(Block::para(format!(
        "Để các sản phẩm được đánh giá, phân hạng lại đúng thời hạn, {} đề nghị Ủy ban nhân dân {commune} thông báo, hướng dẫn các chủ thể chuẩn bị hồ sơ và gửi văn bản đề nghị đánh giá, phân hạng lại về Ủy ban nhân dân tỉnh.{when}",
        issuer.body_name()
    )));
    free_text(checked, &r.body, &mut body);
    body.push(Block::para(with_closing_mark(&format!(
        "Đề nghị Ủy ban nhân dân {commune} quan tâm, thực hiện"
    ))));
    let signature = common::signature(
        &checked.units,
        &["Như trên"],
        &r.recipients,
        &r.archive,
        cr.signer,
    );
    let appendix = expiring_list(entries, window, &header.number, &symbol, cr.date, issuer);
    let late = entries
        .iter()
        .filter(|e| window.is_some_and(|(_, l)| days_before(e.expiry, l) < day))
        .count();
    if late > 0 {
        body.insert(
            2,
            Block::para(format!(
                "Có {} sản phẩm đã quá thời hạn nộp hồ sơ đánh giá lại (ghi tại danh sách); đề nghị hướng dẫn chủ thể nộp hồ sơ ngay để được xem xét trước ngày hết hạn.",
                count(late)
            )),
        );
    }
    // The same subject goes to every commune: its name keeps the idents apart.
    let ident = common::ident(&header.number, &symbol, &format!("{subject} {commune}"));
    let reminder = Administrative {
        header,
        kind_name: String::new(),
        subject,
        to: vec![format!("Ủy ban nhân dân {commune}")],
        preamble: Vec::new(),
        body,
        signature,
        appendices: vec![appendix],
    };
    Document {
        ident,
        ..common::administrative(
            stem.to_string(),
            "Công văn V/v",
            day,
            reminder,
            Content::Reminder,
        )
    }
}

fn expiring_list(
    entries: &[Entry],
    window: Option<(i64, i64)>,
    number: &Option<String>,
    symbol: &str,
    date: PartialDate,
    issuer: &Issuer,
) -> Appendix {
    let column = |title: &'static str, width: u32, align: &'static str| (title, width, align);
    let mut columns = vec![
        column("STT", 2, "center"),
        column("Tên sản phẩm", 8, "left"),
        column("Chủ thể", 8, "left"),
        column("Hạng sao", 3, "center"),
        column("Số giấy chứng nhận", 5, "center"),
        column("Ngày hết hạn", 4, "center"),
    ];
    if window.is_some() {
        columns.push(column("Thời hạn nộp hồ sơ", 6, "center"));
    }
    let rows = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut cells = vec![
                (i + 1).to_string(),
                e.name.clone(),
                e.owner.clone(),
                format!("{} sao", e.stars),
                e.number.clone().unwrap_or_default(),
                e.expiry.short(),
            ];
            if let Some((early, late)) = window {
                let (from, to) = (days_before(e.expiry, early), days_before(e.expiry, late));
                cells.push(if to < date.earliest() {
                    format!("Đã quá hạn (hạn cuối {})", to.short())
                } else {
                    format!("Từ {} đến {}", from.short(), to.short())
                });
            }
            Row::Cells { cells }
        })
        .collect();
    table_appendix(
        "Phụ lục".into(),
        "DANH SÁCH SẢN PHẨM OCOP SẮP HẾT HẠN GIẤY CHỨNG NHẬN".into(),
        common::reference("Công văn", number, symbol, date, &issuer.body_name()),
        true,
        &columns,
        rows,
    )
}
