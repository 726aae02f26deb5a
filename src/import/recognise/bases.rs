//! Căn cứ and the introductory sentence of a plan: one group per run of
//! paragraphs with the same verb ("Căn cứ …;", then "Thực hiện …;", then
//! "Theo đề nghị …,"), each keeping its own last mark; a paragraph that
//! lists several bases ("Căn cứ A; B.") or carries the intro after them
//! ("Thực hiện …, Ủy ban nhân dân tỉnh ban hành …") is an inline group.

use crate::model::{Bases, BasesLayout, Citation};

use super::super::para::Para;

/// The verbs that open a căn cứ paragraph.
const VERBS: [&str; 3] = ["Căn cứ", "Thực hiện", "Theo"];

fn verb_of(text: &str) -> Option<&'static str> {
    VERBS
        .iter()
        .find(|v| text.starts_with(&format!("{v} ")))
        .copied()
        .filter(|v| *v != "Theo" || text.starts_with("Theo đề nghị"))
}

/// Whether `text` opens a basis of the preamble.
pub fn opens_basis(text: &str) -> bool {
    verb_of(text).is_some()
}

/// The start of the introductory clause inside a căn cứ paragraph:
/// "…, Ủy ban nhân dân tỉnh ban hành Kế hoạch … như sau:".
fn intro_split(text: &str) -> Option<(usize, &'static str)> {
    const WHO: [&str; 6] = [
        "Ủy ban nhân",
        "Uỷ ban nhân",
        "UBND",
        "Chủ tịch",
        "Hội đồng",
        "Ban Chỉ đạo",
    ];
    let mut best = None;
    for sep in [", ", ". "] {
        for (at, _) in text.match_indices(sep) {
            let after = &text[at + 2..];
            if WHO.iter().any(|w| after.starts_with(w))
                && ["ban hành", "xây dựng", "triển khai", "yêu cầu"]
                    .iter()
                    .any(|v| after.contains(v))
            {
                best = Some((at, if sep == ", " { "," } else { "." }));
            }
        }
    }
    best
}

/// The preamble read: its groups of bases and the intro paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Preamble {
    pub groups: Vec<Bases>,
    pub intro: Vec<String>,
}

fn group(verb: &str, layout: BasesLayout, end: Option<&str>, items: Vec<String>) -> Bases {
    Bases {
        verb: verb.to_string(),
        layout,
        end: end.map(str::to_string),
        italic: None,
        items: items.into_iter().map(Citation::Text).collect(),
    }
}

/// Reads the paragraphs between the trích yếu and the first section.
/// `styled`: the reader gives emphasis, so a group's italics are known.
pub fn preamble(paras: &[Para], styled: bool) -> Preamble {
    let texts: Vec<String> = paras.iter().map(Para::text).collect();
    let mut out = Preamble::default();
    let mut k = 0;
    while let Some(verb) = texts.get(k).and_then(|t| verb_of(t)) {
        let first = &texts[k];
        if let Some((at, end_mark)) = intro_split(first) {
            let items = split_items(first[verb.len()..at].trim());
            let mut g = group(verb, BasesLayout::Inline, Some(end_mark), items);
            g.italic = italic_cue(&paras[k], styled, false);
            out.groups.push(g);
            out.intro.push(first[at + 1..].trim().to_string());
            k += 1;
            break;
        }
        let start = k;
        let mut items = Vec::new();
        let mut mark = ';';
        while let Some(t) = texts.get(k).filter(|t| {
            verb_of(t) == Some(verb) && t.ends_with([';', '.', ',']) && intro_split(t).is_none()
        }) {
            let t = t[verb.len()..].trim();
            mark = t.chars().last().unwrap_or(';');
            items.push(t[..t.len() - 1].trim_end().to_string());
            k += 1;
        }
        if items.is_empty() {
            break;
        }
        // One paragraph listing several bases is an inline group.
        let listed = split_items(&items[0]);
        let end = mark.to_string();
        let mut g = if items.len() == 1 && listed.len() > 1 {
            group(verb, BasesLayout::Inline, Some(&end), listed)
        } else {
            group(verb, BasesLayout::Separate, Some(&end), items)
        };
        let inline = g.layout == BasesLayout::Inline;
        g.italic = italic_cue(&paras[start], styled, !inline);
        out.groups.push(g);
    }
    out.intro.extend(texts[k..].iter().cloned());
    // Keep a group's last mark only where the layout would print another.
    let intro = !out.intro.is_empty();
    let last = out.groups.len().saturating_sub(1);
    for (g, b) in out.groups.iter_mut().enumerate() {
        let inline = b.layout == BasesLayout::Inline;
        let default = match (inline, g == last && !intro) {
            (true, false) => ",",
            (false, false) => ";",
            (_, true) => ".",
        };
        if b.end.as_deref() == Some(default) {
            b.end = None;
        }
    }
    out
}

/// "A; B" → the bases, where each part reads as one (a document's kind
/// and number); otherwise the one text.
fn split_items(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text.split("; ").map(str::trim).collect();
    let cited = |p: &&str| {
        p.chars().next().is_some_and(char::is_uppercase) && p.contains(" số ")
            || p.starts_with("Luật ")
    };
    if parts.len() > 1 && parts.iter().all(cited) {
        parts.into_iter().map(str::to_string).collect()
    } else {
        vec![text.to_string()]
    }
}

/// The group's italics where the reader says them and they are not the
/// layout's default.
fn italic_cue(p: &Para, styled: bool, default: bool) -> Option<bool> {
    (styled && p.italic != default).then_some(p.italic)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(texts: &[&str]) -> Preamble {
        let paras: Vec<Para> = texts.iter().map(|t| Para::new(t)).collect();
        preamble(&paras, false)
    }

    fn items(b: &Bases) -> Vec<String> {
        b.items
            .iter()
            .map(|c| match c {
                Citation::Text(t) => t.clone(),
                Citation::Fields(_) => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn each_verb_is_its_own_group_with_its_last_mark() {
        let p = read(&[
            "Căn cứ Luật A;",
            "Căn cứ Quyết định B;",
            "Thực hiện Kế hoạch C;",
            "Theo đề nghị của Sở Nông nghiệp và Môi trường,",
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        ]);
        let groups: Vec<(&str, Vec<String>, Option<&str>)> = p
            .groups
            .iter()
            .map(|b| (b.verb.as_str(), items(b), b.end.as_deref()))
            .collect();
        assert_eq!(
            groups,
            [
                ("Căn cứ", vec!["Luật A".into(), "Quyết định B".into()], None),
                ("Thực hiện", vec!["Kế hoạch C".into()], None),
                (
                    "Theo",
                    vec!["đề nghị của Sở Nông nghiệp và Môi trường".into()],
                    Some(",")
                ),
            ]
        );
        assert_eq!(p.intro, ["Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"]);
    }

    #[test]
    fn a_paragraph_of_several_bases_is_an_inline_group() {
        let p = read(&[
            "Căn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ; Nghị quyết số 07/2021/NQ-HĐND ngày 22/3/2021 của Hội đồng nhân dân tỉnh.",
            "Thực hiện Kế hoạch số 3799/KH-UBND ngày 20/12/2023, Ủy ban nhân dân tỉnh xây dựng Kế hoạch với các nội dung sau:",
        ]);
        assert_eq!(p.groups[0].layout, BasesLayout::Inline);
        assert_eq!(items(&p.groups[0]).len(), 2);
        assert_eq!(p.groups[0].end.as_deref(), Some("."));
        assert_eq!(p.groups[1].layout, BasesLayout::Inline);
        assert_eq!(p.groups[1].end, None);
    }
}
