//! The signature part (NĐ 30 elements 7 and 9): Nơi nhận with its lines,
//! the notes a brace or parentheses put beside them, "Lưu: …", and the
//! signer's column, in whatever order the text left them.

use crate::model::{Recipient, RecipientFields, Signer};

use super::super::notes::Notes;
use super::super::para::{Para, squeeze};
use super::signer;

/// What the signature part says.
#[derive(Debug, Clone, Default)]
pub struct Tail {
    pub recipients: Vec<Recipient>,
    pub archive: Option<String>,
    pub signer: Signer,
    /// Notes by path under `@doc`.
    pub notes: Notes,
}

/// One Nơi nhận line, with what its paragraph says about its italics.
struct RawLine {
    text: String,
    /// The line ended with its mark (";", "." or ","): nothing goes on it.
    ended: bool,
    /// Italic parts of its paragraph; None when the reader gives none.
    italics: Option<Vec<String>>,
}

/// Reads the signature part. `automatic`: the first line the layout adds
/// itself ("Như trên", "Như Điều 3"), dropped if the text has it.
pub fn tail(paras: &[Para], automatic: Option<&str>, styled: bool) -> Tail {
    let mut t = Tail::default();
    let mut lines: Vec<RawLine> = Vec::new();
    let mut unplaced: Vec<String> = Vec::new();
    let mut seen = false;
    for p in paras {
        let italics = styled.then(|| p.italic_parts.clone());
        for raw in &p.lines {
            let l = squeeze(raw);
            // The signer's column glued on by a flattened copy.
            let continued = lines.last().is_some_and(|r| !r.ended);
            let (own, glued) = match signer::glued(&l, continued) {
                Some((own, glued)) => (own.to_string(), Some(glued.to_string())),
                None => (l, None),
            };
            for part in std::iter::once(own).chain(glued) {
                read_line(
                    &part,
                    &italics,
                    &mut t,
                    &mut lines,
                    &mut unplaced,
                    &mut seen,
                );
            }
        }
    }
    if let Some(auto) = automatic {
        lines.retain(|l| l.text.trim_end_matches([';', '.']).trim() != auto);
    }
    for u in unplaced {
        t.notes.add(
            "@doc.recipients",
            format!("dòng không rõ vị trí, đưa vào Nơi nhận: {u}"),
        );
        lines.push(RawLine {
            text: u,
            ended: true,
            italics: None,
        });
    }
    t.recipients = recipients(lines, &mut t.notes);
    t
}

fn read_line(
    l: &str,
    italics: &Option<Vec<String>>,
    t: &mut Tail,
    lines: &mut Vec<RawLine>,
    unplaced: &mut Vec<String>,
    seen: &mut bool,
) {
    let l = l.trim();
    if l.is_empty() {
        return;
    }
    if let Some(rest) = l.strip_prefix("Nơi nhận") {
        let rest = rest.trim_start_matches(':').trim();
        if !rest.is_empty() {
            unplaced.push(rest.to_string());
        }
        return;
    }
    let dashed = l.starts_with(['-', '–', '—', '•']);
    let item = l.trim_start_matches(['-', '–', '—', '•']).trim();
    // A Nơi nhận line wrapped: its rest starts the next line (one that
    // ends with a Nơi nhận line's mark is no signer's line: "OCOP;").
    if !dashed
        && let Some(last) = lines.last_mut().filter(|r| !r.ended)
        && (!signer::is_signer_line(l) || l.ends_with([';', ',']))
    {
        // In place: a list of thousands of wrapped lines joins in linear time.
        last.text.push(' ');
        last.text.push_str(l.trim_end_matches(';').trim());
        last.ended = l.ends_with([';', '.', ',']);
        return;
    }
    if let Some(a) = item.strip_prefix("Lưu")
        && (dashed || l.starts_with("Lưu:"))
    {
        t.archive = Some(a.trim_start_matches(':').trim().to_string());
        return;
    }
    if dashed {
        let text = item.strip_suffix(';').unwrap_or(item).trim().to_string();
        lines.push(RawLine {
            text,
            ended: item.ends_with([';', '.', ',']),
            italics: italics.clone(),
        });
        return;
    }
    // A brace's note the copy set among the signer's lines ("KT. CHỦ
    // TỊCH (báo cáo)", or alone): its lines are not known.
    if let Some((rest, note)) = stray_brace_note(l) {
        t.notes.add(
            "@doc.recipients",
            format!(
                "ghi chú ({note}) của dấu ngoặc nhọn đứng tách khỏi các dòng Nơi nhận; thêm group và note cho những dòng nó chỉ"
            ),
        );
        if !rest.is_empty() && !signer::line(rest, &mut t.signer, seen) {
            unplaced.push(rest.to_string());
        }
        return;
    }
    if !signer::line(l, &mut t.signer, seen) {
        unplaced.push(l.to_string());
    }
}

/// A line that is a brace's note ("(báo cáo)") or ends with one after
/// text that is no Nơi nhận line: the text before it, and the note.
fn stray_brace_note(l: &str) -> Option<(&str, &str)> {
    let body = l.strip_suffix(')')?;
    let (rest, note) = body.rsplit_once('(')?;
    let group = GROUP_NOTES.contains(&note.trim().to_lowercase().as_str());
    (group && (rest.trim().is_empty() || signer::is_signer_line(rest.trim())))
        .then(|| (rest.trim(), note.trim()))
}

/// The notes a brace puts beside several Nơi nhận lines.
const GROUP_NOTES: [&str; 12] = [
    "b/c",
    "báo cáo",
    "để báo cáo",
    "để b/c",
    "để biết",
    "t/h",
    "thực hiện",
    "để thực hiện",
    "p/h",
    "phối hợp",
    "chỉ đạo",
    "để chỉ đạo",
];

/// A brace note where it shows: after "}" ("Bộ A; } (b/c)"), after the
/// line's own ending ("Bộ A; (b/c)"), or, in text out of a PDF, inside a
/// wrapped line ("Văn phòng Điều phối (báo cáo) NTM Trung ương"). The
/// line without it, and the note.
fn brace_note(line: &str) -> Option<(String, String)> {
    let open = line.rfind('(')?;
    let close = open + line[open..].find(')')?;
    let note = line[open + 1..close].trim();
    if !GROUP_NOTES.contains(&note.to_lowercase().as_str()) {
        return None;
    }
    let before = line[..open].trim_end();
    let after = line[close + 1..].trim();
    let braced = before.ends_with('}');
    let before = before.trim_end_matches('}').trim_end();
    let text = if after.is_empty() || after == ";" {
        // At the end: only a brace or the author's ending says the note
        // is shared; "Sở Y tế (b/c)" is one line's note.
        if !braced && !before.ends_with([';', ',', '.']) {
            return None;
        }
        before.trim_end_matches([';', ',']).trim_end().to_string()
    } else if after.starts_with(char::is_alphabetic) {
        // Inside the line: the rest of the wrapped line follows it.
        format!("{before} {after}")
            .trim_end_matches(';')
            .trim_end()
            .to_string()
    } else {
        return None;
    };
    (!text.is_empty()).then(|| (text, note.to_string()))
}

/// The Nơi nhận lines as the model writes them: lines sharing a brace
/// note become a group (from the line after the previous group to the
/// line that shows the note), a line ending in a note in parentheses its
/// `{ text, note }`, the rest text as typed.
fn recipients(lines: Vec<RawLine>, notes: &mut Notes) -> Vec<Recipient> {
    // (first, last, the last line without its note, the note)
    let mut groups: Vec<(usize, usize, String, String)> = Vec::new();
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        let Some((text, note)) = brace_note(&l.text) else {
            continue;
        };
        // One line: its note, printed as typed.
        if i > start {
            groups.push((start, i, text, note));
        }
        start = i + 1;
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((first, last, text, note)) = groups.iter().find(|g| g.0 == i) else {
            out.push(single(&lines[i]));
            i += 1;
            continue;
        };
        let mut group: Vec<String> = lines[*first..*last]
            .iter()
            .map(|l| l.text.clone())
            .collect();
        group.push(text.clone());
        notes.add(
            format!("@doc.recipients[{}]", out.len()),
            format!(
                "ghi chú ({note}) đặt chung cho {} dòng Nơi nhận từ dòng \"{}\" (dấu ngoặc nhọn); sửa group nếu bản gốc khác",
                group.len(),
                group[0]
            ),
        );
        out.push(Recipient::Fields(RecipientFields {
            group: Some(group),
            note: Some(note.clone()),
            ..RecipientFields::default()
        }));
        i = last + 1;
    }
    out
}

/// A Nơi nhận line by itself: with its note in parentheses ("TT. Tỉnh ủy
/// (b/c)" prints "- TT. Tỉnh ủy *(b/c)*;") where the note is set apart,
/// else as typed.
fn single(l: &RawLine) -> Recipient {
    match recipient_note(&l.text) {
        Some((text, note)) if italic_note(l, note) => Recipient::Fields(RecipientFields {
            text: Some(text.to_string()),
            note: Some(note.to_string()),
            ..RecipientFields::default()
        }),
        _ => Recipient::Text(l.text.clone()),
    }
}

/// Whether the note is in italics, where the reader says; assumed where
/// it does not (ocop sets such notes in italics).
fn italic_note(l: &RawLine, note: &str) -> bool {
    match &l.italics {
        Some(parts) => parts.iter().any(|p| p.contains(note)),
        None => true,
    }
}

/// A Nơi nhận line that ends in a note in parentheses: "TT. Tỉnh ủy
/// (b/c)", "Các chủ thể … (giao Phòng … gửi)": the line and the note. A
/// line whose author put its ending before the note ("UBND tỉnh: U1;
/// (B/c)") stays as typed: the note form would move that ending.
pub fn recipient_note(line: &str) -> Option<(&str, &str)> {
    let body = line.trim().strip_suffix(')')?;
    // The "(" that opens the last group, counting nested parentheses.
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let open = open?;
    let note = body[open + 1..].trim();
    let text = body[..open].trim_end();
    (!note.is_empty()
        && !text.is_empty()
        && !text.ends_with([';', ',', '.', ':'])
        && body[..open].ends_with(char::is_whitespace)
        && note.chars().count() <= 80)
        .then_some((text, note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipient_notes() {
        assert_eq!(
            recipient_note("TT. Tỉnh ủy (b/c)"),
            Some(("TT. Tỉnh ủy", "b/c"))
        );
        assert_eq!(recipient_note("UBND tỉnh: U1; (B/c)"), None);
        assert_eq!(
            recipient_note("Các chủ thể (giao Phòng NN (cấp huyện) gửi)"),
            Some(("Các chủ thể", "giao Phòng NN (cấp huyện) gửi"))
        );
        assert_eq!(recipient_note("Sở Y tế"), None);
        assert_eq!(recipient_note("(b/c)"), None);
        assert_eq!(recipient_note("Văn phòng(b/c)"), None);
    }

    #[test]
    fn a_brace_note_among_the_signers_lines_is_no_recipient() {
        let paras: Vec<Para> = [
            "Nơi nhận:",
            "- Bộ Nông nghiệp và PTNT;",
            "- Văn phòng Điều phối NTM Trung ương;",
            "- Lưu: VT, NLN.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH (báo cáo)",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn A",
        ]
        .iter()
        .map(|t| Para::new(t))
        .collect();
        let t = tail(&paras, None, false);
        assert_eq!(t.recipients.len(), 2, "{:?}", t.recipients);
        assert_eq!(t.signer.kt.as_deref(), Some("CHỦ TỊCH"));
        assert_eq!(t.notes.len(), 1);
    }
    #[test]
    fn a_wrapped_line_that_ends_in_capitals_stays_a_recipient() {
        let paras: Vec<Para> = [
            "Nơi nhận:",
            "- Bộ Nông nghiệp và Môi trường;",
            "- UBND các xã, phường có sản phẩm",
            "OCOP;",
            "- Lưu: VT, Kt5.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn A",
        ]
        .iter()
        .map(|t| Para::new(t))
        .collect();
        let t = tail(&paras, None, false);
        assert_eq!(t.recipients.len(), 2, "{:?}", t.recipients);
        assert_eq!(
            t.recipients[1],
            Recipient::Text("UBND các xã, phường có sản phẩm OCOP".into())
        );
        assert_eq!(t.signer.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
        assert_eq!(t.archive.as_deref(), Some("VT, Kt5."));
    }
}
