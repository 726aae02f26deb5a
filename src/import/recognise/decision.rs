//! A decision (Quyết định, NĐ 30 Mẫu 1.2): the authority line, căn cứ and
//! "Theo đề nghị của …", then its articles (Điều 1, 2, 3 …). A council's
//! founding decision gives its members and advisory team with their roles
//! and its duties; a results decision gives the year, round and standing
//! body, and its appendix table comes back as the product list. The
//! decision's own words are kept (`subject`, `duties`, `bases`), so what
//! ocop prints is what the office wrote.

use std::collections::BTreeMap;

use crate::model::{
    Authority, Citation, Decision, DecisionKind, DocNumber, Member, PlanFile, Role, Team, Unit,
};

use super::super::notes::Notes;
use super::super::para::{Para, all_caps};
use super::front::Front;
use super::labels::{Label, is_appendix_title};
use super::{Kind, Recognised, archive_checked, doc_date, gaps, recipients, signer_checked};

/// The articles of a decision and the paragraphs under each.
struct Article {
    n: u32,
    /// The text after "Điều N.".
    text: String,
    /// The paragraphs after the article's own, up to the next article.
    rest: Vec<String>,
}

/// The results decision's products: from the appendix's table cells, else
/// from its text in reading order.
fn products(
    table: &[Vec<String>],
    appendix: &[String],
    notes: &mut Notes,
) -> Vec<crate::model::Product> {
    let mut products = super::appendix::from_cells(table);
    if products.is_empty() {
        products = super::appendix::from_text(appendix);
    }
    if products.is_empty() {
        notes.add(
            "@doc.products",
            "không đọc được bảng sản phẩm ở Phụ lục; điền products hoặc dùng products_file",
        );
    }
    products
}

pub fn recognise(paras: &[Para], f: Front, styled: bool) -> Recognised {
    let mut notes = Notes::default();
    let start = f.end;
    let tail_at = super::tail_start(paras, start).max(start);
    let appendix_at = (tail_at..paras.len())
        .find(|&i| is_appendix_title(&paras[i].text()))
        .unwrap_or(paras.len());
    let (pre, i) = preamble(paras, start, tail_at);
    let articles = articles(&paras[i..tail_at]);
    let mut header = f.header;
    let all: String = articles
        .iter()
        .map(|a| a.text.clone())
        .collect::<Vec<_>>()
        .join(" ");
    gaps::fill(&mut header, &f.title.join(" "), "", &all, &mut notes);
    let tail = recipients::tail(&paras[tail_at..appendix_at], Some("Như Điều 3"), styled);
    for n in tail.notes.iter() {
        notes.add(n.path.clone(), n.text.clone());
    }
    let table = table_rows(&paras[appendix_at..]);
    let appendix: Vec<String> = paras[appendix_at..].iter().map(Para::text).collect();
    let kind = if articles
        .first()
        .is_some_and(|a| a.text.starts_with("Công nhận"))
    {
        DecisionKind::Results
    } else {
        DecisionKind::Council
    };
    let mut units = BTreeMap::new();
    let mut d = Decision {
        kind,
        file: None,
        number: DocNumber(header.number.clone()),
        date: doc_date(header.date),
        symbol: header
            .symbol
            .clone()
            .filter(|s| *s != format!("QĐ-{}", header.issuer.symbol)),
        legal_regime: None,
        authority: pre.authority,
        subject: Some(f.title.join(" ")).filter(|s| !s.is_empty()),
        reconstitute: false,
        year: None,
        round: None,
        default_bases: false,
        bases: pre.bases,
        council_decision: None,
        proposal: pre.proposal,
        members: vec![],
        advisory_team: None,
        standing_body: None,
        duties: None,
        products: vec![],
        products_file: None,
        sheet: None,
        columns: None,
        executors: vec![],
        recipients: tail.recipients.clone(),
        archive: archive_checked(tail.archive.as_deref(), &mut notes),
        signer: Some(signer_checked(&tail.signer, &mut notes)),
    };
    match kind {
        DecisionKind::Council => council(&mut d, &articles, &table, &mut notes),
        DecisionKind::Results => {
            results(&mut d, &articles, &mut units);
            d.products = products(&table, &appendix, &mut notes);
        }
    }
    if let Some(a) = articles.iter().find(|a| a.n == 3) {
        d.executors = executors(&a.text, &mut units);
    } else {
        notes.add(
            "@doc",
            "không thấy Điều 3 (các đơn vị thi hành); điền executors",
        );
    }
    if d.subject.is_none() {
        notes.add(
            "@doc.subject",
            "không tìm thấy trích yếu \"Về việc …\"; điền vào",
        );
    }
    notes.rebase("@doc", "decisions[0]");
    Recognised {
        file: PlanFile {
            plan: None,
            dispatches: vec![],
            decisions: vec![d],
            ..PlanFile::new(header.issuer, units)
        },
        kind: Kind::Decision,
        notes,
    }
}

/// What comes before "QUYẾT ĐỊNH:": whose power, the bases, the proposal.
struct Preamble {
    authority: Authority,
    bases: Vec<Citation>,
    proposal: String,
}

/// Reads the preamble from `start`; returns it and the index after it.
fn preamble(paras: &[Para], start: usize, end: usize) -> (Preamble, usize) {
    let mut pre = Preamble {
        authority: Authority::Chairman,
        bases: Vec::new(),
        proposal: String::new(),
    };
    let mut i = start;
    if let Some(p) = paras.get(i).filter(|p| all_caps(&p.text())) {
        if !p.text().starts_with("CHỦ TỊCH") {
            pre.authority = Authority::Committee;
        }
        i += 1;
    }
    while i < end {
        let t = paras[i].text();
        i += 1;
        if let Some(b) = t.strip_prefix("Căn cứ ") {
            let b = b.trim_end_matches([';', '.', ',']).trim();
            pre.bases.push(Citation::Text(b.into()));
        } else if let Some(p) = t.strip_prefix("Theo đề nghị của ") {
            pre.proposal = p.trim_end_matches(['.', ';', ',']).trim().to_string();
        } else if t.trim_end_matches(':') != "QUYẾT ĐỊNH" {
            i -= 1;
            break;
        } else {
            break;
        }
    }
    (pre, i)
}

/// "Điều 1. …" paragraphs and what follows each.
fn articles(paras: &[Para]) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::new();
    for p in paras {
        let t = p.text();
        if let Some((n, text)) = article_head(&t)
            && n as usize == out.len() + 1
        {
            out.push(Article {
                n,
                text,
                rest: vec![],
            });
        } else if let Some(a) = out.last_mut() {
            a.rest.push(t);
        }
    }
    out
}

/// "Điều 2. Nhiệm vụ" → (2, "Nhiệm vụ"); the mark after the number may be
/// "." or ":" or missing.
fn article_head(t: &str) -> Option<(u32, String)> {
    let rest = t.strip_prefix("Điều ")?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let n = digits.parse().ok()?;
    let after = rest[digits.len()..].trim_start_matches(['.', ':']).trim();
    Some((n, after.to_string()))
}

/// The members listed "1. Ông A, chức vụ - vai trò;" under an article.
fn members(lines: &[String], team: bool) -> Vec<Member> {
    lines
        .iter()
        .filter_map(|l| match super::labels::read(l) {
            Some(r) if matches!(r.label, Label::Arabic(_)) => member(r.rest, team),
            _ => None,
        })
        .collect()
}

fn member(text: &str, team: bool) -> Option<Member> {
    let text = text.trim_end_matches([';', '.']).trim();
    let (who, role_text) = text.rsplit_once(" - ")?;
    let (person, position) = who.split_once(", ")?;
    let (honorific, name) = match person.split_once(' ') {
        Some((h @ ("Ông" | "Bà"), n)) => (Some(h.to_string()), n.to_string()),
        _ => (None, person.to_string()),
    };
    Some(Member {
        honorific,
        name,
        position: position.trim().to_string(),
        role: role(role_text.trim(), team)?,
    })
}

fn role(text: &str, team: bool) -> Option<Role> {
    Some(match text {
        "Chủ tịch Hội đồng" => Role::Chairman,
        "Phó Chủ tịch Hội đồng" => Role::ViceChairman,
        "Ủy viên" | "Uỷ viên" => Role::Member,
        "Ủy viên kiêm Thư ký Hội đồng" | "Uỷ viên kiêm Thư ký Hội đồng" => {
            Role::MemberSecretary
        }
        "Thư ký Hội đồng" => Role::Secretary,
        "Tổ trưởng" => Role::Leader,
        "Tổ phó" => Role::Deputy,
        "Thành viên" if team => Role::Member,
        _ => return None,
    })
}

fn council(d: &mut Decision, articles: &[Article], table: &[Vec<String>], notes: &mut Notes) {
    let Some(first) = articles.first() else {
        notes.add(
            "@doc",
            "không thấy Điều 1 (thành phần Hội đồng); điền members",
        );
        return;
    };
    d.reconstitute = first.text.starts_with("Kiện toàn");
    // The advisory team's own line splits the list in two: it ends with
    // its colon, or (a footnote set after it) the numbering starts again.
    let team_at = (0..first.rest.len()).find(|&k| {
        let l = &first.rest[k];
        let restarts = first.rest.get(k + 1).is_some_and(|n| n.starts_with("1. "));
        l.contains("giúp việc Hội đồng") && (l.ends_with(':') || restarts)
    });
    let (own, team) = match team_at {
        Some(k) => (&first.rest[..k], Some(&first.rest[k..])),
        None => (&first.rest[..], None),
    };
    d.members = members(own, false);
    if let Some(team) = team {
        let line = &team[0];
        let name = line
            .find("Tổ ")
            .and_then(|at| Some(line[at..at + line[at..].find(" giúp việc")?].to_string()));
        d.advisory_team = Some(Team {
            name,
            members: members(&team[1..], true),
        });
    }
    if d.members.is_empty() {
        table_members(d, table);
    }
    if d.members.is_empty() {
        notes.add(
            "@doc.members",
            "không đọc được danh sách thành viên Hội đồng; điền members",
        );
    }
    if let Some(duties) = articles.iter().find(|a| a.n == 2) {
        let list: Vec<String> = duties
            .rest
            .iter()
            .map(|l| match super::labels::read(l) {
                Some(r) if matches!(r.label, Label::Arabic(_)) => r.rest.to_string(),
                _ => l.clone(),
            })
            .collect();
        d.duties = (!list.is_empty()).then_some(list);
    }
}

/// Members from the appendix table: STT, name, position, role, with the
/// team's rows after its group row.
fn table_members(d: &mut Decision, table: &[Vec<String>]) {
    let mut team: Option<Team> = None;
    for row in table {
        match row.as_slice() {
            [group] if group.starts_with("II.") => {
                let name = group
                    .trim_start_matches("II.")
                    .split(" GIÚP VIỆC")
                    .next()
                    .unwrap_or("");
                let name = capitalise_first_only(name.trim());
                team = Some(Team {
                    name: Some(name),
                    members: vec![],
                });
            }
            [stt, name, position, role_text]
                if stt.chars().all(|c| c.is_ascii_digit()) && !stt.is_empty() =>
            {
                let in_team = team.is_some();
                let line = format!("{name}, {position} - {role_text}");
                if let Some(m) = member(&line, in_team) {
                    match &mut team {
                        Some(t) => t.members.push(m),
                        None => d.members.push(m),
                    }
                }
            }
            _ => {}
        }
    }
    d.advisory_team = team.or(d.advisory_team.take());
}

/// "Tổ Tư Vấn" → "Tổ tư vấn".
fn capitalise_first_only(s: &str) -> String {
    let lower = s.to_lowercase();
    crate::vn::capitalise_first(&lower)
}

fn results(d: &mut Decision, articles: &[Article], units: &mut BTreeMap<String, Unit>) {
    if let Some(first) = articles.first() {
        let t = &first.text;
        if let Some(at) = t.find(" năm ") {
            d.year = t[at + " năm ".len()..]
                .get(..4)
                .and_then(|y| y.parse().ok());
        }
        if let Some(end) = t.find(") (có Phụ lục")
            && let Some(open) = t[..end].rfind('(')
        {
            d.round = Some(t[open + 1..end].trim().to_string());
        }
    }
    if let Some(second) = articles.iter().find(|a| a.n == 2)
        && let Some(end) = second.text.find(" tổ chức công bố kết quả")
    {
        let before = &second.text[..end];
        let name = before.rsplit_once(". ").map_or(before, |(_, n)| n).trim();
        if !name.is_empty() {
            d.standing_body = Some(super::super::mentions::declare_name(name, units));
        }
    }
}

/// Điều 3: "Chánh Văn phòng …, A, B và các … chịu trách nhiệm thi hành" →
/// A and B, declared as units (their keys).
fn executors(text: &str, units: &mut BTreeMap<String, Unit>) -> Vec<String> {
    let Some(start) = text.find("Chánh Văn phòng") else {
        return vec![];
    };
    // After the office's own head, up to "và các … chịu trách nhiệm".
    let Some((_, list)) = text[start..].split_once(", ") else {
        return vec![];
    };
    let list = list.split(" chịu trách nhiệm").next().unwrap_or("");
    let list = list.rsplit_once(" và ").map_or(list, |(l, _)| l);
    super::super::mentions::declare_names(&super::super::mentions::listed_names(list), units)
}

/// The rows of the first table after the appendix label, each as its
/// cells' text.
fn table_rows(paras: &[Para]) -> Vec<Vec<String>> {
    let Some(table) = paras.iter().find_map(|p| p.place.table) else {
        return vec![];
    };
    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    for p in paras.iter().filter(|p| p.place.table == Some(table)) {
        let row = match rows.last_mut() {
            Some((r, cells)) if *r == p.place.row => cells,
            _ => {
                rows.push((p.place.row, vec![]));
                &mut rows.last_mut().expect("just pushed").1
            }
        };
        let text = p.text();
        match row.get_mut(p.place.col) {
            Some(c) if !c.is_empty() => {
                c.push(' ');
                c.push_str(&text);
            }
            Some(c) => *c = text,
            None => {
                row.resize(p.place.col, String::new());
                row.push(text);
            }
        }
    }
    rows.into_iter().map(|(_, cells)| cells).collect()
}
