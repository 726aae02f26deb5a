//! Tasks: the dash lines "- Nội dung thực hiện: …", "- Đơn vị thực hiện:
//! …", "- Thời gian: …" closing a section (or its letter sub-sections a)
//! b) c) with the same words) become the section's `task`; a deadline that
//! ocop prints with exactly the author's words becomes a value.

use crate::model::{
    Block, Content, ListItem, Marker, Numbering, Section, Sentence, TaskEntry, UnitsEntry,
};

use super::outline::{item_parts, list_block, list_of};

/// What a lead-in names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Content,
    Units,
    Timeline,
    Text,
}

/// Default lead-ins of task lines.
const LABELS: [(&str, Key); 4] = [
    ("Nội dung thực hiện", Key::Content),
    ("Đơn vị thực hiện", Key::Units),
    ("Thời gian thực hiện", Key::Timeline),
    ("Đơn vị phối hợp", Key::Text),
];

/// The key a lead-in names.
fn key_of(label: &str) -> Option<Key> {
    let l = label.trim().trim_end_matches(':').trim();
    let words = l.split_whitespace().count();
    if l.starts_with("Nội dung") && words <= 4 {
        Some(Key::Content)
    } else if l == "Đơn vị thực hiện" || l == "Đơn vị chủ trì" {
        Some(Key::Units)
    } else if (l.starts_with("Thời gian") || l.starts_with("Thời hạn")) && words <= 5 {
        Some(Key::Timeline)
    } else if l.starts_with("Đơn vị") || l.starts_with("Thành phần") || l.starts_with("Kinh phí")
    {
        Some(Key::Text)
    } else {
        None
    }
}

/// One line of a task as read.
struct Line {
    key: Key,
    label: String,
    /// The text after the lead-in (empty when blocks follow).
    text: String,
    blocks: Vec<Block>,
}

/// Finds the tasks of `s` and its sub-sections; `year` proves timelines.
pub fn tasks(s: &mut Section, year: i32) {
    for c in &mut s.sections {
        tasks(c, year);
    }
    if lettered_task(s, year) {
        return;
    }
    // A dash list closing the section's own text.
    if !s.sections.is_empty() {
        return;
    }
    let Some(items) = s.body.last_mut().and_then(list_of) else {
        return;
    };
    let mut lines = Vec::new();
    for it in items.iter() {
        let (text, children) = item_parts(it);
        let Some((label, rest)) = text.split_once(':') else {
            return;
        };
        // A lead-in of its own words ("Thành phần tham gia:") is a line
        // of the task among the others.
        let own = label.split_whitespace().count() <= 6
            && label.chars().next().is_some_and(char::is_uppercase);
        let Some(key) = key_of(label).or(own.then_some(Key::Text)) else {
            return;
        };
        let blocks = if children.is_empty() {
            vec![]
        } else {
            vec![list_block(children.to_vec())]
        };
        lines.push(line(key, label, rest.trim(), blocks));
    }
    if is_task(&lines) {
        s.body.pop();
        s.task = lines.into_iter().map(|l| entry(l, year)).collect();
    }
}

/// Letter sub-sections that are all task lines: "a) Nội dung: …".
fn lettered_task(s: &mut Section, year: i32) -> bool {
    if s.numbering != Some(Numbering::Letters) || s.sections.is_empty() || !s.task.is_empty() {
        return false;
    }
    let lines: Option<Vec<Line>> = s
        .sections
        .iter()
        .map(|c| {
            let title = c.title.as_deref()?;
            if !c.sections.is_empty() {
                return None;
            }
            let key = key_of(title)?;
            if !c.inline {
                return Some(line(key, title, "", c.body.clone()));
            }
            match c.body.as_slice() {
                [Block::Paragraph(text)] => Some(line(key, title, text, vec![])),
                // "a) Nội dung: Hướng dẫn …" and the lines that follow it.
                [Block::Paragraph(text), rest @ ..] if key == Key::Content => {
                    Some(line(key, title, text, rest.to_vec()))
                }
                _ => None,
            }
        })
        .collect();
    let Some(lines) = lines.filter(|l| is_task(l)) else {
        return false;
    };
    s.task = lines.into_iter().map(|l| entry(l, year)).collect();
    s.task_marker = Some(Marker::Letter);
    s.sections.clear();
    s.numbering = None;
    true
}

fn is_task(lines: &[Line]) -> bool {
    let known = lines.iter().filter(|l| key_of(&l.label).is_some()).count();
    lines.len() >= 2
        && known >= 2
        && lines
            .iter()
            .any(|l| matches!(l.key, Key::Units | Key::Timeline))
        && lines
            .iter()
            .all(|l| !(l.text.is_empty() && l.blocks.is_empty()) || l.key == Key::Content)
}

fn line(key: Key, label: &str, text: &str, blocks: Vec<Block>) -> Line {
    let label = label.trim().trim_end_matches(':').trim().to_string();
    // A lead-in with its own words keeps them; blocks need `content`.
    let key = match key {
        Key::Units if text.is_empty() && blocks.is_empty() => Key::Text,
        Key::Units | Key::Timeline if text.is_empty() => Key::Content,
        Key::Text if !blocks.is_empty() => Key::Content,
        k => k,
    };
    Line {
        key,
        label,
        text: text.to_string(),
        blocks,
    }
}

/// The lead-in where it is not the default for the key.
fn own_label(l: &Line) -> Option<String> {
    let default = LABELS
        .iter()
        .any(|(text, key)| *text == l.label && *key == l.key);
    (l.key == Key::Text || !default).then(|| l.label.clone())
}

fn entry(l: Line, year: i32) -> TaskEntry {
    let label = own_label(&l);
    let mut e = TaskEntry {
        label,
        ..TaskEntry::default()
    };
    match l.key {
        Key::Content if l.blocks.is_empty() => e.content = Some(Content::Text(l.text)),
        Key::Content => {
            let mut all = Vec::new();
            if !l.text.is_empty() {
                all.push(Block::Paragraph(l.text));
            }
            all.extend(l.blocks);
            e.content = Some(Content::Blocks(all));
        }
        // Read again once the units are declared (see `mentions::resolve`).
        Key::Units => {
            e.units = Some(UnitsEntry::Sentence(Sentence {
                text: l.text,
                ..Sentence::default()
            }));
        }
        Key::Timeline => match super::super::timeline::value(&l.text, year) {
            Some(t) => e.timeline = Some(t),
            None => {
                e.label = Some(l.label);
                e.text = Some(l.text);
            }
        },
        Key::Text => match one_list(&l) {
            Some(items) => e.list = Some(items),
            None => e.text = Some(l.text),
        },
    }
    e
}

/// The lines under a lead-in with no text of its own, when they are one
/// dash list.
fn one_list(l: &Line) -> Option<Vec<ListItem>> {
    match l.blocks.as_slice() {
        [b] if l.text.is_empty() => list_of(&mut b.clone()).cloned(),
        _ => None,
    }
}
