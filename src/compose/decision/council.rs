//! The decision founding (or reconstituting) the evaluation and ranking
//! council and its advisory team: members in Điều 1 (or an appendix table
//! when there are many), duties in Điều 2.

use super::{Frame, article, item};
use crate::compose::appendix::{self, APPENDIX_TEXT_SIZE};
use crate::doc::{Appendix, Block, Table};
use crate::model::{Decision, Member, Role};
use crate::vn;

/// Members beyond this many go to an appendix table instead of Điều 1.
const MEMBERS_INLINE_MAX: usize = 12;

/// The subject, Điều 1 and 2, and the members' appendix if any.
pub(super) fn council(d: &Decision, frame: &Frame<'_>) -> (String, Vec<Block>, Vec<Appendix>) {
    let verb = if d.reconstitute {
        "kiện toàn"
    } else {
        "thành lập"
    };
    let council_name = format!(
        "Hội đồng đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm (OCOP) {}",
        frame.locality
    );
    let team_name =
        (d.advisory_team.as_ref()).map(|t| t.name.clone().unwrap_or_else(|| "Tổ tư vấn".into()));
    let subject = d.subject.clone().unwrap_or_else(|| match &team_name {
        Some(t) => format!("Về việc {verb} {council_name} và {t} giúp việc Hội đồng"),
        None => format!("Về việc {verb} {council_name}"),
    });
    let team_members = (d.advisory_team.as_ref())
        .map(|t| t.members.as_slice())
        .unwrap_or(&[]);
    let names = Names {
        verb: vn::capitalise_first(verb),
        council: council_name,
        team: team_name,
    };
    let mut body = Vec::new();
    let mut appendices = Vec::new();
    if d.members.len() + team_members.len() > MEMBERS_INLINE_MAX {
        body.push(article(
            1,
            format!("{} {} (có danh sách kèm theo).", names.verb, names.whom()),
        ));
        appendices.push(members_appendix(&names, &d.members, team_members, frame));
    } else {
        members_inline(&names, &d.members, team_members, &mut body);
    }
    body.push(article(2, "Nhiệm vụ, quyền hạn".into()));
    let duties = (d.duties.clone()).unwrap_or_else(|| default_duties(frame, names.team.as_deref()));
    for (i, duty) in duties.iter().enumerate() {
        body.push(item(format!("{}.", i + 1), duty.trim().to_string()));
    }
    (subject, body, appendices)
}

/// How the decision names what it founds.
struct Names {
    /// "Thành lập" or "Kiện toàn".
    verb: String,
    council: String,
    /// The advisory team's name, when there is one.
    team: Option<String>,
}

impl Names {
    /// The council, and the team "giúp việc Hội đồng" if any.
    fn whom(&self) -> String {
        match &self.team {
            Some(t) => format!("{} và {t} giúp việc Hội đồng", self.council),
            None => self.council.clone(),
        }
    }
}

/// Điều 1 listing the members, then the team's.
fn members_inline(names: &Names, members: &[Member], team: &[Member], body: &mut Vec<Block>) {
    body.push(article(
        1,
        format!(
            "{} {}, gồm các ông (bà) có tên sau:",
            names.verb, names.council
        ),
    ));
    push_members(body, members, false);
    if let Some(t) = &names.team {
        body.push(Block::para(format!(
            "{} {t} giúp việc Hội đồng, gồm các ông (bà) có tên sau:",
            names.verb
        )));
        push_members(body, team, true);
    }
}

fn push_members(body: &mut Vec<Block>, members: &[Member], team: bool) {
    let last = members.len().saturating_sub(1);
    for (i, m) in members.iter().enumerate() {
        let end = if i == last { "." } else { ";" };
        let line = format!("{}, {} - {}", who(m), m.position.trim(), role(m, team));
        body.push(item(format!("{}.", i + 1), format!("{line}{end}")));
    }
}

/// The appendix table of a long membership: the council's group, then the team's.
fn members_appendix(
    names: &Names,
    members: &[Member],
    team: &[Member],
    frame: &Frame<'_>,
) -> Appendix {
    let council = names.council.to_uppercase();
    let mut table = Table::titled(
        &[
            ("STT", 1, "center"),
            ("Họ và tên", 4, "left"),
            ("Chức vụ, đơn vị công tác", 7, "left"),
            ("Chức danh", 4, "left"),
        ],
        APPENDIX_TEXT_SIZE,
    );
    member_rows(format!("I. {council}"), members, false, &mut table);
    if let Some(t) = &names.team {
        let title = format!("II. {} GIÚP VIỆC HỘI ĐỒNG", t.to_uppercase());
        member_rows(title, team, true, &mut table);
    }
    appendix::appendix(
        "Phụ lục".into(),
        format!("DANH SÁCH THÀNH VIÊN {council}"),
        frame.reference.clone(),
        Some(false),
        vec![Block::Table(table)],
    )
}

fn member_rows(title: String, members: &[Member], team: bool, table: &mut Table) {
    table.push_group(title);
    for (i, m) in members.iter().enumerate() {
        table.push_row(vec![
            (i + 1).to_string(),
            who(m),
            m.position.trim().to_string(),
            role(m, team).to_string(),
        ]);
    }
}

/// "Ông Nguyễn Văn A" (with the honorific when given).
fn who(m: &Member) -> String {
    match &m.honorific {
        Some(h) => format!("{} {}", h.trim(), m.name.trim()),
        None => m.name.trim().to_string(),
    }
}

/// The member's title in the council, or in the team ("Thành viên").
fn role(m: &Member, team: bool) -> &'static str {
    match (team, m.role) {
        (true, Role::Member) => "Thành viên",
        (_, Role::Chairman) => "Chủ tịch Hội đồng",
        (_, Role::ViceChairman) => "Phó Chủ tịch Hội đồng",
        (_, Role::Member) => "Ủy viên",
        (_, Role::MemberSecretary) => "Ủy viên kiêm Thư ký Hội đồng",
        (_, Role::Secretary) => "Thư ký Hội đồng",
        (_, Role::Leader) => "Tổ trưởng",
        (_, Role::Deputy) => "Tổ phó",
    }
}

/// Điều 2 when the YAML gives no duties: the regime's criteria and
/// five-star authority, the team's work, seals, the standing body.
fn default_duties(frame: &Frame<'_>, team: Option<&str>) -> Vec<String> {
    let mut v = vec![
        format!(
            "Hội đồng tổ chức đánh giá, phân hạng sản phẩm OCOP theo Bộ tiêu chí ban hành kèm theo {}; báo cáo, đề xuất {} công nhận kết quả.",
            frame.regime.name, frame.authority
        ),
        format!(
            "Hội đồng đề xuất các sản phẩm đạt từ 90 điểm trở lên để {} đánh giá, công nhận sản phẩm OCOP 5 sao.",
            frame.regime.five_star_authority
        ),
    ];
    if let Some(t) = team {
        v.push(format!("{t} giúp Hội đồng rà soát hồ sơ, kiểm tra thực tế sản phẩm khi cần thiết và báo cáo Chủ tịch Hội đồng."));
    }
    v.push("Chủ tịch Hội đồng được sử dụng con dấu của Ủy ban nhân dân; các thành viên khác sử dụng con dấu của cơ quan mình trong thực hiện nhiệm vụ.".into());
    if let Some(s) = frame.standing {
        v.push(format!("{s} là cơ quan thường trực của Hội đồng."));
    }
    v.push("Hội đồng và Tổ giúp việc tự giải thể sau khi hoàn thành nhiệm vụ.".into());
    v
}
