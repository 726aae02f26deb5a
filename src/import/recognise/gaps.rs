//! What the header left blank, taken from the rest of the text where it
//! can be, each guess with a note: the issuer from the trích yếu or a
//! place name, a district's province, the year of a document without a
//! date line.

use crate::model::Level;

use super::super::notes::Notes;
use super::super::para::all_caps;
use super::header::{Header, locality};

/// Fills the issuer and the date of `h` from the trích yếu, the intro
/// and `text` (the rest of the document, as one string).
pub fn fill(h: &mut Header, title: &str, intro: &str, text: &str, notes: &mut Notes) {
    if !h.named {
        issuer_from_text(h, &format!("{title} {intro}"), notes);
    }
    if h.issuer.level == Level::District && h.issuer.province.is_none() {
        h.issuer.province = find_locality(text, "tỉnh").map(|(_, p)| p);
    }
    if h.issuer.place.as_deref() == Some(h.issuer.name.as_str()) {
        h.issuer.place = None;
    }
    if h.date.year.is_none() {
        h.date.year = title_year(title).or_else(|| first_year(&format!("{title} {text}")));
        notes.add(
            "@doc.date",
            "văn bản không có dòng ngày tháng; để dạng dự thảo theo năm của kế hoạch",
        );
    }
}

fn issuer_from_text(h: &mut Header, hay: &str, notes: &mut Notes) {
    let mut hay = hay.to_string();
    if let Some(place) = &h.issuer.place {
        hay = format!("{hay} huyện {place}");
    }
    let found = ["huyện", "tỉnh", "thành phố", "thị xã", "xã"]
        .iter()
        .filter_map(|w| find_locality(&hay, w).map(|(pos, name)| (pos, *w, name)))
        .min_by_key(|(pos, _, _)| *pos);
    if let Some((_, w, name)) = found
        && let Some((level, _, unit_type)) =
            locality(&format!("{} {}", w.to_uppercase(), name.to_uppercase()))
    {
        h.issuer.level = level;
        h.issuer.name = name;
        h.issuer.unit_type = unit_type;
        notes.add(
            "issuer",
            "văn bản không có tên cơ quan ban hành rõ ràng; tên lấy từ trích yếu hoặc địa danh",
        );
    } else {
        h.issuer.level = Level::Province;
        h.issuer.name = h.issuer.place.clone().unwrap_or_default();
        notes.add(
            "issuer",
            "không tìm thấy cơ quan ban hành: điền level và name",
        );
    }
}

/// The last year a trích yếu names ("… năm 2024").
fn title_year(title: &str) -> Option<i32> {
    title
        .split_whitespace()
        .filter_map(|w| {
            w.trim_matches(|c: char| !c.is_ascii_digit())
                .parse::<i32>()
                .ok()
        })
        .rfind(|y| (1990..=2100).contains(y))
}

/// The first year the text names.
fn first_year(text: &str) -> Option<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse::<i32>().ok())
        .find(|y| (1990..=2100).contains(y))
}

/// "tỉnh Điện Biên" in `hay`: the position and the capitalised name.
fn find_locality(hay: &str, word: &str) -> Option<(usize, String)> {
    let pat = format!("{word} ");
    for (at, _) in hay.match_indices(&pat) {
        let before_ok = at == 0 || hay[..at].ends_with([' ', '(']);
        let after = &hay[at + pat.len()..];
        let mut name = Vec::new();
        for w in after.split_whitespace() {
            let bare = w.trim_end_matches([',', '.', ';', ':', ')']);
            if name.len() >= 4
                || !bare.chars().next().is_some_and(char::is_uppercase)
                || !bare.chars().all(char::is_alphabetic)
            {
                break;
            }
            name.push(bare.to_string());
            if bare.len() < w.len() {
                break;
            }
        }
        if before_ok && !name.is_empty() && !all_caps(&name.join(" ")) {
            return Some((at, name.join(" ")));
        }
    }
    None
}
