//! Each table of the body put where its stand-in paragraph is, the
//! appendices made of tables added after the author's own, and the
//! paragraphs that send the reader to a data appendix ("… tại Phụ lục II
//! kèm theo Kế hoạch này.") made references to it, so the label follows
//! the appendix.

use std::collections::BTreeMap;

use super::{MARKER, Placed};
use crate::import::notes::Notes;
use crate::model::{Block, BlockFields, PlanAppendix, PlanFile, Section};

pub fn all(
    file: &mut PlanFile,
    notes: &mut Notes,
    mut placed: BTreeMap<String, Placed>,
    appendices: Vec<PlanAppendix>,
) {
    if let Some(plan) = file.plan.as_mut() {
        plan.appendices.extend(appendices);
        let keys = appendix_keys(&plan.appendices);
        // A table before the first section has no block to stand in (the
        // intro is one sentence): it opens the first section.
        if let Some(intro) = plan.intro.as_mut()
            && intro.contains(MARKER)
        {
            let (text, markers) = without_markers(intro);
            *intro = text;
            if let Some(first) = plan.sections.first_mut() {
                for (i, m) in markers.into_iter().enumerate() {
                    first.body.insert(i, Block::Paragraph(m));
                }
            }
        }
        // A table last before Nơi nhận was taken for the closing paragraph.
        if plan.closing.contains(MARKER) {
            let (text, markers) = without_markers(&plan.closing);
            plan.closing = text;
            if let Some(s) = last_section(&mut plan.sections) {
                s.body.extend(markers.into_iter().map(Block::Paragraph));
            }
        }
        sections(&mut plan.sections, &mut placed, &keys, "plan", notes);
        if let Some(last) = last_section(&mut plan.sections) {
            leftovers(&mut last.body, &mut placed, notes, "plan.sections");
        }
    }
    for (i, d) in file.dispatches.iter_mut().enumerate() {
        let path = format!("dispatches[{i}]");
        blocks(&mut d.body, &mut placed, &[], &path, notes);
        sections(&mut d.sections, &mut placed, &[], &path, notes);
        leftovers(&mut d.body, &mut placed, notes, &path);
    }
}

/// Tables whose stand-in recognition did not keep where it stood (a
/// document of one paragraph): at the end, to check, never dropped.
fn leftovers(
    list: &mut Vec<Block>,
    placed: &mut BTreeMap<String, Placed>,
    notes: &mut Notes,
    path: &str,
) {
    for (_, p) in std::mem::take(placed) {
        if let Some(b) = p.block {
            list.push(b);
            notes.add(
                path,
                "một bảng không rõ vị trí trong văn bản được đặt ở cuối: chuyển về đúng chỗ",
            );
        }
    }
}

/// `text` without the stand-ins in it, and those stand-ins.
fn without_markers(text: &str) -> (String, Vec<String>) {
    let mut markers = Vec::new();
    let mut kept = Vec::new();
    let words: Vec<&str> = text.split(' ').collect();
    let mut i = 0;
    while i < words.len() {
        if let Some(rest) = words[i].strip_prefix(MARKER.trim_end())
            && rest.is_empty()
            && i + 1 < words.len()
        {
            markers.push(format!("{MARKER}{}", words[i + 1]));
            i += 2;
            continue;
        }
        kept.push(words[i]);
        i += 1;
    }
    (kept.join(" "), markers)
}

/// The key each data appendix goes by, with the label the body gives it
/// ("Phụ lục II"; "Phụ lục" alone when it is the only one).
fn appendix_keys(list: &[PlanAppendix]) -> Vec<(String, String)> {
    let many = list.len() > 1;
    list.iter()
        .enumerate()
        .filter_map(|(i, a)| {
            // As the checker keys it: its own key, or what it holds.
            let key = match (&a.key, &a.tasks, a.funding) {
                (Some(k), ..) => k.trim().to_string(),
                (None, Some(t), _) if t.enabled => "tasks".into(),
                (None, _, true) => "funding".into(),
                _ => return None,
            };
            let label = if many {
                format!("Phụ lục {}", crate::vn::roman(i as u32 + 1))
            } else {
                "Phụ lục".to_string()
            };
            Some((label, key))
        })
        .collect()
}

/// The section the document's text ends in.
fn last_section(list: &mut [Section]) -> Option<&mut Section> {
    let last = list.last_mut()?;
    if last.sections.is_empty() {
        Some(last)
    } else {
        last_section(&mut last.sections)
    }
}

fn sections(
    list: &mut [Section],
    placed: &mut BTreeMap<String, Placed>,
    keys: &[(String, String)],
    path: &str,
    notes: &mut Notes,
) {
    for (i, s) in list.iter_mut().enumerate() {
        let here = format!("{path}.sections[{i}]");
        blocks(&mut s.body, placed, keys, &here, notes);
        sections(&mut s.sections, placed, keys, &here, notes);
    }
}

/// Puts each table where its stand-in is, and makes the paragraphs that
/// send the reader to a data appendix refer to it.
fn blocks(
    list: &mut Vec<Block>,
    placed: &mut BTreeMap<String, Placed>,
    keys: &[(String, String)],
    path: &str,
    notes: &mut Notes,
) {
    let old = std::mem::take(list);
    for b in old {
        match b {
            Block::Paragraph(t) if t.starts_with(MARKER) => {
                let Some(p) = placed.remove(&t) else {
                    continue;
                };
                for c in p.checks {
                    notes.add(path, c);
                }
                list.extend(p.block);
            }
            Block::Paragraph(t) => list.push(match refer(&t, keys) {
                Some((text, key)) => Block::Fields(Box::new(BlockFields {
                    text: Some(text),
                    appendix: Some(key),
                    ..BlockFields::default()
                })),
                None => Block::Paragraph(t),
            }),
            b => list.push(b),
        }
    }
}

/// "Kinh phí của từng nhiệm vụ tại Phụ lục II kèm theo Kế hoạch này."
/// → ("Kinh phí của từng nhiệm vụ", "funding"), where Phụ lục II is the
/// funding appendix.
fn refer(t: &str, keys: &[(String, String)]) -> Option<(String, String)> {
    let (text, rest) = t.rsplit_once(" tại Phụ lục")?;
    let rest = rest.trim_start();
    let (label, tail) = match rest.strip_prefix("kèm theo") {
        Some(_) => ("Phụ lục".to_string(), rest),
        None => {
            let (n, tail) = rest.split_once(' ')?;
            (format!("Phụ lục {n}"), tail)
        }
    };
    if tail != "kèm theo Kế hoạch này." {
        return None;
    }
    keys.iter()
        .find(|(l, _)| *l == label)
        .map(|(_, k)| (text.to_string(), k.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_inside_a_joined_text_are_found() {
        let (text, m) = without_markers(&format!("Câu dẫn như sau: {MARKER}0 tiếp theo."));
        assert_eq!(text, "Câu dẫn như sau: tiếp theo.");
        assert_eq!(m, [format!("{MARKER}0")]);
    }

    #[test]
    fn a_reference_to_a_data_appendix_names_its_key() {
        let keys = [
            ("Phụ lục I".to_string(), "tasks".to_string()),
            ("Phụ lục II".to_string(), "funding".to_string()),
        ];
        assert_eq!(
            refer(
                "Kinh phí của từng nhiệm vụ tại Phụ lục II kèm theo Kế hoạch này.",
                &keys
            ),
            Some(("Kinh phí của từng nhiệm vụ".into(), "funding".into()))
        );
        assert_eq!(
            refer("Xem tại Phụ lục III kèm theo Kế hoạch này.", &keys),
            None
        );
    }
}
