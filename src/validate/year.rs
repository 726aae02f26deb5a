//! Rules of the documents drawn from the register and from this file's
//! decisions: Tờ trình (the decision it proposes must be here), Thông
//! báo (a numbered results decision), Quyết định thu hồi (one recognition
//! of the register, a ground of the regime, within its deadline) and the
//! reminders to communes (a register to list from).

use super::CheckedDecision;
use super::checker::Checker;
use super::register::{self, CheckedRegister, Entry};
use crate::load::yaml::{index, join};
use crate::model::{DecisionKind, PlanFile, Signer};
use crate::naming;
use crate::regime::{self, Regime};
use crate::text::slug;
use crate::units::fold;
use crate::vn::{Date, PartialDate};

/// The register and what is drawn from it.
#[derive(Default)]
pub struct CheckedYear<'a> {
    pub register: Option<CheckedRegister>,
    pub submissions: Vec<CheckedSubmission<'a>>,
    pub notices: Vec<CheckedNotice<'a>>,
    pub revocations: Vec<CheckedRevocation<'a>>,
    pub reminders: Vec<CheckedReminder<'a>>,
    pub report: Option<CheckedReport<'a>>,
}

pub struct CheckedReport<'a> {
    pub spec: &'a crate::model::Report,
    pub date: PartialDate,
    /// The year reported on.
    pub year: i32,
    pub signer: &'a Signer,
    /// The plan's targets: the line that states each, and the number.
    pub targets: Vec<(String, crate::model::Target)>,
    /// (source, planned, spent) of every source, planned from the plan.
    pub funding: Vec<(String, Option<u64>, u64)>,
    /// The official's sections, checked.
    pub sections: Vec<super::CheckedSection<'a>>,
    pub stem: String,
}

pub struct CheckedSubmission<'a> {
    pub spec: &'a crate::model::Submission,
    pub date: PartialDate,
    /// Its place in `decisions:`.
    pub decision: usize,
    pub stem: String,
}

pub struct CheckedNotice<'a> {
    pub spec: &'a crate::model::Notice,
    pub date: PartialDate,
    pub decision: usize,
    pub signer: &'a Signer,
    pub stem: String,
}

pub struct CheckedRevocation<'a> {
    pub spec: &'a crate::model::Revocation,
    pub date: PartialDate,
    pub regime: &'static Regime,
    pub signer: &'a Signer,
    /// The recognition revoked.
    pub entry: Entry,
    /// (letter, ground) of the regime's article, when it has them as data.
    pub ground: Option<(&'static str, &'static str)>,
    pub stem: String,
}

pub struct CheckedReminder<'a> {
    pub spec: &'a crate::model::Reminder,
    pub date: PartialDate,
    pub regime: &'static Regime,
    pub signer: &'a Signer,
    /// Per commune (as it is now): its certificates expiring in the window.
    pub communes: Vec<(String, Vec<Entry>)>,
    pub stems: Vec<String>,
}

/// Whether the file describes any of these documents (or a register).
pub fn describes_documents(model: &PlanFile) -> bool {
    model.register.is_some()
        || !model.submissions.is_empty()
        || !model.notices.is_empty()
        || !model.revocations.is_empty()
        || !model.reminders.is_empty()
        || model.report.is_some()
}

pub fn check<'a>(
    c: &mut Checker<'_>,
    model: &'a PlanFile,
    decisions: &[CheckedDecision<'a>],
    plan: Option<&super::CheckedPlan<'a>>,
) -> CheckedYear<'a> {
    let province = match &model.issuer.province {
        Some(p) if model.issuer.level != crate::model::Level::Province => p.clone(),
        _ => model.issuer.name.clone(),
    };
    let register = register::check(c, &province);
    let fallback = plan.map(|p| &p.plan.signer);
    let mut year = CheckedYear {
        submissions: submissions(c, model, decisions),
        notices: notices(c, model, decisions, fallback),
        ..CheckedYear::default()
    };
    for (i, r) in model.revocations.iter().enumerate() {
        if let Some(cr) = revocation(c, i, r, register.as_ref(), fallback) {
            year.revocations.push(cr);
        }
    }
    for (i, r) in model.reminders.iter().enumerate() {
        if let Some(cr) = reminder(c, i, r, register.as_ref(), fallback) {
            year.reminders.push(cr);
        }
    }
    if let Some(r) = &model.report {
        year.report = report(c, r, register.is_some(), plan, fallback);
    }
    year.register = register;
    year
}

/// The decision of this file whose `file:` is `stem`.
fn decision_named<'a, 'd>(
    decisions: &'d [CheckedDecision<'a>],
    stem: &str,
) -> Option<&'d CheckedDecision<'a>> {
    decisions.iter().find(|d| d.stem == slug(stem))
}

fn submissions<'a>(
    c: &mut Checker<'_>,
    model: &'a PlanFile,
    decisions: &[CheckedDecision<'a>],
) -> Vec<CheckedSubmission<'a>> {
    let mut out = Vec::new();
    for (i, s) in model.submissions.iter().enumerate() {
        let path = index("submissions", i);
        let date = c.date(&join(&path, "date"), &s.date);
        c.unit(&join(&path, "from"), &s.from);
        c.units(&join(&path, "to"), &s.to);
        c.signer(&join(&path, "signer"), &s.signer);
        c.recipients(&join(&path, "recipients"), &s.recipients);
        c.non_empty(&join(&path, "symbol"), &s.symbol, "ký hiệu cơ quan trình");
        let Some(d) = decision_named(decisions, &s.decision) else {
            c.error(
                &join(&path, "decision"),
                format!(
                    "không có quyết định `{}` trong tệp để trình",
                    crate::diag::quote(&s.decision)
                ),
                "ghi đúng `file:` của quyết định được đề nghị ban hành",
            );
            continue;
        };
        if let (Some(n), Some(date)) = (&s.number.0, date)
            && !d
                .decision
                .proposal
                .contains(&format!("{n}/TTr-{}", s.symbol.trim()))
        {
            c.warning(
                &format!("decisions[{}].proposal", d.index),
                format!(
                    "quyết định không dẫn Tờ trình số {n}/TTr-{} ngày {} đề nghị nó",
                    s.symbol.trim(),
                    date.earliest().short()
                ),
                "sửa `proposal` của quyết định cho khớp với tờ trình",
            );
        }
        if let Some(date) = date {
            out.push(CheckedSubmission {
                spec: s,
                date,
                decision: d.index,
                stem: s
                    .file
                    .as_deref()
                    .map(slug)
                    .unwrap_or_else(|| format!("to-trinh-{}", d.stem)),
            });
        }
    }
    out
}

fn notices<'a>(
    c: &mut Checker<'_>,
    model: &'a PlanFile,
    decisions: &[CheckedDecision<'a>],
    fallback: Option<&'a Signer>,
) -> Vec<CheckedNotice<'a>> {
    let mut out = Vec::new();
    for (i, n) in model.notices.iter().enumerate() {
        let path = index("notices", i);
        let date = c.date(&join(&path, "date"), &n.date);
        c.recipients(&join(&path, "recipients"), &n.recipients);
        if let Some(s) = &n.signer {
            c.signer(&join(&path, "signer"), s);
        }
        let found = decision_named(decisions, &n.decision)
            .filter(|d| d.decision.kind == DecisionKind::Results);
        let Some(d) = found else {
            c.error(
                &join(&path, "decision"),
                format!(
                    "không có quyết định công nhận `{}` trong tệp",
                    crate::diag::quote(&n.decision)
                ),
                "ghi đúng `file:` của một quyết định kind: results",
            );
            continue;
        };
        if d.decision.number.0.is_none() || d.date.complete().is_none() {
            c.error(
                &format!("decisions[{}].number", d.index),
                "thông báo kết quả cần số và ngày của quyết định công nhận",
                "điền số và ngày quyết định (sau khi văn thư cấp số)",
            );
            continue;
        }
        let signer = n.signer.as_ref().or(Some(d.signer)).or(fallback);
        if let (Some(date), Some(signer)) = (date, signer) {
            out.push(CheckedNotice {
                spec: n,
                date,
                decision: d.index,
                signer,
                stem: n
                    .file
                    .as_deref()
                    .map(slug)
                    .unwrap_or_else(|| format!("thong-bao-{}", d.stem)),
            });
        }
    }
    out
}

fn revocation<'a>(
    c: &mut Checker<'_>,
    i: usize,
    r: &'a crate::model::Revocation,
    register: Option<&CheckedRegister>,
    fallback: Option<&'a Signer>,
) -> Option<CheckedRevocation<'a>> {
    let path = index("revocations", i);
    let date = c.date(&join(&path, "date"), &r.date)?;
    let regime = regime::resolve(r.legal_regime.as_deref(), date.earliest())
        .map_err(|e| c.push(e.within(&path)))
        .ok()?;
    c.non_empty(
        &join(&path, "finding"),
        &r.finding,
        "kết luận làm căn cứ thu hồi",
    );
    c.non_empty(&join(&path, "proposal"), &r.proposal, "đề nghị (proposal)");
    c.units(&join(&path, "executors"), &r.executors);
    c.recipients(&join(&path, "recipients"), &r.recipients);
    let ground = ground(c, &path, r, regime);
    if let (Some(f), Some(days)) = (&r.finding_date, regime.revocation.deadline_days)
        && let Some(found) = c.full_date(&join(&path, "finding_date"), f)
        && let Some(day) = date.complete()
        && register::days(day) - register::days(found) > i64::from(days)
    {
        c.warning(
            &join(&path, "date"),
            format!(
                "quyết định thu hồi ngày {} quá {days} ngày kể từ kết luận ngày {}",
                day.short(),
                found.short()
            ),
            format!(
                "theo {}, thời gian thu hồi là {days} ngày kể từ ngày có kết luận",
                regime.revocation.article
            ),
        );
    }
    let Some(register) = register else {
        c.error(
            &path,
            "quyết định thu hồi cần sổ đăng ký sản phẩm để tìm sản phẩm",
            "thêm `register:` (tệp sổ đăng ký) vào tệp YAML",
        );
        return None;
    };
    let entry = revoked_entry(c, &path, r, register)?;
    if entry.stars == 5 {
        c.error(
            &path,
            format!(
                "sản phẩm {} đạt 5 sao do {} công nhận và thu hồi",
                entry.name, regime.five_star_authority
            ),
            "Chủ tịch UBND cấp tỉnh chỉ thu hồi giấy chứng nhận sản phẩm 3 sao, 4 sao",
        );
    }
    let signer = r.signer.as_ref().or(fallback);
    if signer.is_none() {
        c.error(&path, "quyết định chưa có người ký", "thêm `signer:`");
    }
    Some(CheckedRevocation {
        spec: r,
        date,
        regime,
        signer: signer?,
        stem: r
            .file
            .as_deref()
            .map(slug)
            .unwrap_or_else(|| format!("quyet-dinh-thu-hoi-{}", slug(&entry.name))),
        entry,
        ground,
    })
}

/// The ground: a letter of the regime's article, or words where the
/// regime's grounds are not known as data.
fn ground(
    c: &mut Checker<'_>,
    path: &str,
    r: &crate::model::Revocation,
    regime: &'static Regime,
) -> Option<(&'static str, &'static str)> {
    let rev = regime.revocation;
    match (&r.ground, &r.ground_text) {
        (Some(g), _) if !rev.grounds.is_empty() => {
            let found = rev.ground(g);
            if found.is_none() {
                let letters: Vec<&str> = rev.grounds.iter().map(|(l, _)| *l).collect();
                c.error(
                    &join(path, "ground"),
                    format!("{} không có điểm `{}`", rev.article, crate::diag::quote(g)),
                    format!("ghi một trong các điểm: {}", letters.join(", ")),
                );
            }
            found
        }
        (_, Some(_)) => None,
        (Some(_), None) => {
            c.error(
                &join(path, "ground"),
                format!("chưa có dữ liệu các trường hợp thu hồi của {}", regime.name),
                "ghi lý do thu hồi bằng lời trong `ground_text`",
            );
            None
        }
        (None, None) => {
            c.error(
                path,
                "quyết định thu hồi chưa ghi lý do",
                format!(
                    "ghi `ground:` (điểm của {}) hoặc `ground_text:`",
                    rev.article
                ),
            );
            None
        }
    }
}

/// The register's recognition the revocation names.
fn revoked_entry(
    c: &mut Checker<'_>,
    path: &str,
    r: &crate::model::Revocation,
    register: &CheckedRegister,
) -> Option<Entry> {
    let matches: Vec<&Entry> = register
        .entries
        .iter()
        .filter(|e| match (&r.certificate, &r.product) {
            (Some(n), _) => e.number.as_deref().is_some_and(|m| fold(m) == fold(n)),
            (None, Some(p)) => {
                fold(&e.name) == fold(p)
                    && r.owner.as_ref().is_none_or(|o| fold(&e.owner) == fold(o))
            }
            (None, None) => false,
        })
        .collect();
    // The latest recognition of the product is the one in force.
    let latest = matches.iter().max_by_key(|e| e.decision_date).copied();
    match (latest, &r.certificate, &r.product) {
        (_, None, None) => {
            c.error(
                path,
                "chưa ghi sản phẩm bị thu hồi",
                "ghi `certificate:` (số giấy chứng nhận) hoặc `product:` (tên sản phẩm trong sổ)",
            );
            None
        }
        (None, _, _) => {
            let what = r
                .certificate
                .as_ref()
                .or(r.product.as_ref())
                .cloned()
                .unwrap_or_default();
            c.error(
                &join(
                    path,
                    if r.certificate.is_some() {
                        "certificate"
                    } else {
                        "product"
                    },
                ),
                format!(
                    "không tìm thấy `{}` trong sổ đăng ký",
                    crate::diag::quote(&what)
                ),
                "ghi đúng số giấy chứng nhận hoặc tên sản phẩm như trong sổ",
            );
            None
        }
        (Some(e), _, _) => {
            let owners: Vec<&str> = matches.iter().map(|m| m.owner.as_str()).collect();
            if r.certificate.is_none() && owners.iter().any(|o| fold(o) != fold(&e.owner)) {
                c.error(
                    &join(path, "product"),
                    format!(
                        "có nhiều chủ thể cùng sản phẩm `{}`: {}",
                        e.name,
                        owners.join("; ")
                    ),
                    "ghi thêm `owner:` hoặc dùng `certificate:`",
                );
                return None;
            }
            Some(e.clone())
        }
    }
}

fn reminder<'a>(
    c: &mut Checker<'_>,
    i: usize,
    r: &'a crate::model::Reminder,
    register: Option<&CheckedRegister>,
    fallback: Option<&'a Signer>,
) -> Option<CheckedReminder<'a>> {
    let path = index("reminders", i);
    let date = c.date(&join(&path, "date"), &r.date)?;
    c.recipients(&join(&path, "recipients"), &r.recipients);
    let regime = regime::resolve(None, date.earliest())
        .map_err(|e| c.push(e.within(&path)))
        .ok()?;
    let Some(register) = register else {
        c.error(
            &path,
            "công văn nhắc đánh giá lại cần sổ đăng ký sản phẩm",
            "thêm `register:` (tệp sổ đăng ký) vào tệp YAML",
        );
        return None;
    };
    let signer = r.signer.as_ref().or(fallback);
    if signer.is_none() {
        c.error(&path, "công văn chưa có người ký", "thêm `signer:`");
    }
    let day = date.earliest();
    let until = day.add_months(r.months.unwrap_or(register::EXPIRING_MONTHS));
    let communes = expiring_by_commune(register, day, until);
    if communes.is_empty() {
        c.warning(
            &path,
            format!(
                "không có giấy chứng nhận nào hết hạn từ {} đến {}: không có công văn nào",
                day.short(),
                until.short()
            ),
            "kiểm tra ngày của công văn và `months`",
        );
    }
    let prefix = r
        .file
        .as_deref()
        .map(slug)
        .unwrap_or_else(|| "nhac-danh-gia-lai".into());
    let stems = communes
        .iter()
        .map(|(name, _)| format!("{prefix}-{}", slug(name)))
        .collect();
    Some(CheckedReminder {
        spec: r,
        date,
        regime,
        signer: signer?,
        communes,
        stems,
    })
}

/// The recognitions valid on `from` that expire before `until`, by the
/// commune they lie in now (as typed when the table does not know it).
pub fn expiring_by_commune(
    register: &CheckedRegister,
    from: Date,
    until: Date,
) -> Vec<(String, Vec<Entry>)> {
    let mut out: Vec<(String, Vec<Entry>)> = Vec::new();
    for e in &register.entries {
        if !(register.valid_on(e, from) && e.expiry <= until) {
            continue;
        }
        let commune = e.commune_now.clone().unwrap_or_else(|| e.commune.clone());
        match out.iter_mut().find(|(c, _)| fold(c) == fold(&commune)) {
            Some((_, list)) => list.push(e.clone()),
            None => out.push((commune, vec![e.clone()])),
        }
    }
    for (_, list) in &mut out {
        list.sort_by_key(|e| e.expiry);
    }
    out.sort_by_key(|(c, _)| fold(c));
    out
}

/// The file stem a decision document gets.
pub fn decision_stem(d: &crate::model::Decision) -> String {
    naming::decision(d)
}

fn report<'a>(
    c: &mut Checker<'_>,
    r: &'a crate::model::Report,
    has_register: bool,
    plan: Option<&super::CheckedPlan<'a>>,
    fallback: Option<&'a Signer>,
) -> Option<CheckedReport<'a>> {
    let date = c.date("report.date", &r.date)?;
    let year = r.year.unwrap_or(date.year);
    let sections = super::body::sections(c, &r.sections, "report.sections", Some(year));
    c.units("report.to", &r.to);
    c.recipients("report.recipients", &r.recipients);
    if let Some(s) = &r.signer {
        c.signer("report.signer", s);
    }
    if !has_register {
        c.error(
            "report",
            "báo cáo cần sổ đăng ký sản phẩm để tính kết quả",
            "thêm `register:` (tệp sổ đăng ký) vào tệp YAML",
        );
    }
    let marked = r.sections.iter().filter(|s| s.results).count();
    if marked != 1 {
        c.error(
            "report.sections",
            format!("báo cáo cần đúng một mục `results: true` (nơi in kết quả tính từ sổ), đang có {marked}"),
            "thêm `results: true` vào mục \"Kết quả thực hiện các chỉ tiêu\"",
        );
    }
    let targets = plan.map(|p| targets(&p.plan.sections)).unwrap_or_default();
    if plan.is_none() {
        c.warning(
            "report",
            "tệp không có kế hoạch nên báo cáo không đối chiếu được chỉ tiêu",
            "đặt báo cáo cùng tệp với kế hoạch của năm (mục `plan:`)",
        );
    }
    let planned = plan
        .map(|p| planned_funding(&p.plan.sections))
        .unwrap_or_default();
    let mut funding = Vec::new();
    for (i, f) in r.funding.iter().enumerate() {
        let from_plan = planned
            .iter()
            .find(|(s, _)| fold(s) == fold(&f.source))
            .map(|(_, a)| *a);
        if f.planned.is_none() && from_plan.is_none() {
            c.warning(
                &index("report.funding", i),
                format!(
                    "kế hoạch không có nguồn kinh phí `{}`",
                    crate::diag::quote(&f.source)
                ),
                "ghi nguồn đúng như kế hoạch, hoặc ghi `planned:`",
            );
        }
        funding.push((
            f.source.trim().to_string(),
            f.planned.or(from_plan),
            f.spent,
        ));
    }
    let signer = r.signer.as_ref().or(fallback);
    if signer.is_none() {
        c.error("report", "báo cáo chưa có người ký", "thêm `signer:`");
    }
    Some(CheckedReport {
        spec: r,
        date,
        year,
        sections: sections?,
        signer: signer?,
        targets,
        funding,
        stem: r
            .file
            .as_deref()
            .map(slug)
            .unwrap_or_else(|| "bao-cao".into()),
    })
}

/// The targets the plan's lines state, in the plan's order.
fn targets(sections: &[crate::model::Section]) -> Vec<(String, crate::model::Target)> {
    use crate::model::{Block, ListItem};
    fn items(list: &[ListItem], out: &mut Vec<(String, crate::model::Target)>) {
        for item in list {
            if let ListItem::Fields(f) = item {
                if let (Some(t), Some(text)) = (&f.target, &f.text) {
                    out.push((text.trim().to_string(), t.clone()));
                }
                items(&f.list, out);
            }
        }
    }
    let mut out = Vec::new();
    for s in sections {
        for b in &s.body {
            if let Block::Fields(f) = b
                && let Some(list) = &f.list
            {
                items(list, &mut out);
            }
        }
        out.extend(targets(&s.sections));
    }
    out
}

/// The plan's funding sources with their amounts.
fn planned_funding(sections: &[crate::model::Section]) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    for s in sections {
        for b in &s.body {
            if let crate::model::Block::Fields(f) = b
                && let Some(crate::model::FundingBlock::Lines(sources)) = &f.funding
            {
                out.extend(
                    sources
                        .iter()
                        .filter_map(|f| Some((f.source.trim().to_string(), f.amount?))),
                );
            }
        }
        out.extend(planned_funding(&s.sections));
    }
    out
}
