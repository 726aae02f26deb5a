//! The lines before the body: the header zone, the tên loại (KẾ HOẠCH,
//! QUYẾT ĐỊNH, CÔNG VĂN) and the trích yếu after it, or a công văn's "V/v
//! …" and "Kính gửi: …". They say which kind of document this is.

use super::super::para::{Para, all_caps, squeeze};
use super::header::Header;
use super::labels::item_label;

/// The kind of document, from its tên loại (or a công văn's V/v).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Kind {
    #[default]
    Plan,
    Dispatch,
    Decision,
}

/// What the front of the document says.
#[derive(Debug, Clone, Default)]
pub struct Front {
    pub header: Header,
    pub kind: Kind,
    /// Trích yếu (a dispatch's subject after "V/v"), by line.
    pub title: Vec<String>,
    pub to: Vec<String>,
    /// The index of the first paragraph after the front.
    pub end: usize,
}

/// Reads the front of `paras`.
pub fn front(paras: &[Para]) -> Front {
    let mut f = Front::default();
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        let text = p.text();
        if text.starts_with("V/v") {
            i = subject(paras, i, &mut f);
        } else if text.starts_with("Kính gửi") {
            i = addressees(paras, i, &mut f);
        } else if let Some(kind) = kind_name(&p.lines[0]) {
            f.kind = kind;
            i = title(paras, i, &mut f);
            // The header zone is above the tên loại; a capitalised line
            // after the trích yếu is a decision's authority, not an issuer.
            if kind != Kind::Dispatch {
                break;
            }
        } else if p.lines.iter().all(|l| f.header.line(l)) {
            i += 1;
        } else {
            break;
        }
    }
    f.end = i;
    f
}

/// The tên loại of a document standing on its own line.
fn kind_name(text: &str) -> Option<Kind> {
    let t = squeeze(text);
    match t.trim_end_matches(':') {
        "KẾ HOẠCH" => Some(Kind::Plan),
        "CÔNG VĂN" => Some(Kind::Dispatch),
        // "QUYẾT ĐỊNH:" ends the preamble of a decision; it is no tên loại.
        "QUYẾT ĐỊNH" if !t.ends_with(':') => Some(Kind::Decision),
        _ => None,
    }
}

/// "V/v …": the subject of a công văn, which may go on in the header
/// cell's next paragraphs, or, in text out of a PDF, stand among header
/// lines in column order before "Kính gửi". Returns the next index.
fn subject(paras: &[Para], at: usize, f: &mut Front) -> usize {
    let p = &paras[at];
    f.kind = Kind::Dispatch;
    // The date line may be glued on by a copy in content order.
    let mut lines: Vec<String> = Vec::new();
    for (k, l) in p.lines.iter().enumerate() {
        // "Kính gửi" set in the subject's cell: the addressees.
        if k > 0 && l.starts_with("Kính gửi") {
            f.to = addressee_lines(&p.lines[k..]);
            break;
        }
        let l = if k == 0 {
            l.trim_start_matches("V/v").trim()
        } else {
            l
        };
        let rest = f.header.split_off(l, k > 0);
        if !rest.is_empty() {
            lines.push(rest);
        }
    }
    f.title = lines;
    let mut i = at + 1;
    while p.place.table.is_some()
        && i < paras.len()
        && paras[i].place == p.place
        && !paras[i].text().starts_with("Kính gửi")
        && !paras[i].lines.iter().any(|l| f.header.is_header_line(l))
    {
        f.title.extend(paras[i].lines.iter().cloned());
        i += 1;
    }
    let to = (i..paras.len().min(i + 8)).find(|&j| paras[j].text().starts_with("Kính gửi"));
    if p.place.table.is_none()
        && let Some(to) = to
    {
        while i < to {
            let rest: Vec<String> = paras[i]
                .lines
                .iter()
                .map(|l| f.header.split_off(l, true))
                .filter(|r| !r.is_empty())
                .collect();
            let text = rest.join(" ");
            if text.chars().count() > 120 || item_label(&text).is_some() {
                break;
            }
            f.title.extend(rest);
            i += 1;
        }
    }
    i
}

/// "Kính gửi: A" or "Kính gửi:" with "- A;" lines. Returns the next index.
fn addressees(paras: &[Para], at: usize, f: &mut Front) -> usize {
    let p = &paras[at];
    f.kind = Kind::Dispatch;
    let mut to = addressee_lines(&p.lines);
    let mut i = at + 1;
    while i < paras.len()
        && paras[i].text().starts_with(['-', '–'])
        && paras[i].text().ends_with([';', '.'])
    {
        to.extend(paras[i].lines.iter().map(|l| to_line(l)));
        i += 1;
    }
    to.retain(|t| !t.is_empty());
    f.to = to;
    i
}

/// The addressees of "Kính gửi: A" and of the "- B;" lines after it.
fn addressee_lines(lines: &[String]) -> Vec<String> {
    let first = lines[0]
        .trim_start_matches("Kính gửi")
        .trim_start_matches(':')
        .trim();
    let mut to: Vec<String> = Vec::new();
    if !first.is_empty() {
        to.push(to_line(first));
    }
    to.extend(lines.iter().skip(1).map(|l| to_line(l)));
    to.retain(|t| !t.is_empty());
    to
}

/// The trích yếu after the tên loại: in the same paragraph (after a line
/// break) or in the next ones. Returns the next index.
fn title(paras: &[Para], at: usize, f: &mut Front) -> usize {
    let p = &paras[at];
    let mut i = at + 1;
    if p.lines.len() > 1 {
        f.title = p.lines[1..].to_vec();
        return i;
    }
    if i >= paras.len() || item_label(&paras[i].text()).is_some() {
        return i;
    }
    f.title = paras[i].lines.clone();
    i += 1;
    while i < paras.len() && continues_title(&paras[i - 1], &paras[i], f.kind) {
        f.title.extend(paras[i].lines.iter().cloned());
        i += 1;
    }
    i
}

/// Whether `next` goes on with the trích yếu `prev` belongs to: bold after
/// bold, or (a decision's "Về việc …") up to the authority line.
fn continues_title(prev: &Para, next: &Para, kind: Kind) -> bool {
    let t = next.text();
    let plain = item_label(&t).is_none()
        && !t.ends_with(':')
        && t.chars().count() < 160
        && !super::bases::opens_basis(&t);
    if !plain {
        return false;
    }
    if kind == Kind::Decision {
        return !all_caps(&t);
    }
    prev.bold && next.bold
}

fn to_line(l: &str) -> String {
    l.trim()
        .trim_start_matches(['-', '–'])
        .trim()
        .trim_end_matches([';', '.', ','])
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(list: &[&[&str]]) -> Vec<Para> {
        list.iter()
            .map(|lines| Para {
                lines: lines.iter().map(|l| l.to_string()).collect(),
                ..Para::default()
            })
            .collect()
    }

    #[test]
    fn addressees_in_the_subjects_cell_are_addressees() {
        let mut ps = paras(&[
            &["ỦY BAN NHÂN DÂN"],
            &["Số: 512/UBND-NLN"],
            &[
                "V/v triển khai thực hiện Kế hoạch số",
                "96/KH-UBND",
                "Kính gửi: Sở Tài chính",
            ],
            &["Thực hiện Kế hoạch số 96/KH-UBND, Ủy ban nhân dân tỉnh yêu cầu:"],
        ]);
        let f = front(&ps);
        assert_eq!(f.title, ["triển khai thực hiện Kế hoạch số", "96/KH-UBND"]);
        assert_eq!(f.to, ["Sở Tài chính"]);
        // The same as a paragraph of its own in the cell.
        ps[2].lines.pop();
        ps.insert(3, Para::new("Kính gửi: Sở Tài chính"));
        for p in &mut ps[2..4] {
            p.place.table = Some(0);
        }
        let f = front(&ps);
        assert_eq!(f.title, ["triển khai thực hiện Kế hoạch số", "96/KH-UBND"]);
        assert_eq!(f.to, ["Sở Tài chính"]);
    }

    #[test]
    fn a_subject_glued_to_the_date_line_is_read_apart() {
        for subject in [
            &[
                "V/v tham gia Tuần lễ sản phẩm OCOP",
                "tỉnh năm 2026",
                "Quảng Trị, ngày 21 tháng 9 năm 2026",
            ][..],
            &[
                "V/v tham gia Tuần lễ sản phẩm OCOP tỉnh năm 2026 Quảng Trị, ngày 21 tháng 9 năm 2026",
            ][..],
        ] {
            let ps = paras(&[
                &["ỦY BAN NHÂN DÂN"],
                &["TỈNH QUẢNG TRỊ"],
                &["Số: 902/UBND-KT"],
                subject,
                &["Kính gửi: Sở Công Thương."],
            ]);
            let f = front(&ps);
            assert_eq!(
                f.title.join(" "),
                "tham gia Tuần lễ sản phẩm OCOP tỉnh năm 2026"
            );
            assert_eq!(f.header.date.day, Some(21));
            assert_eq!(f.header.issuer.place.as_deref(), Some("Quảng Trị"));
        }
    }
}
