//! Pieces every administrative document shares: the NĐ 30 header, the
//! signature row with Nơi nhận, citations of legal bases, and the
//! punctuation rules of Vietnamese administrative writing.

use crate::doc::{
    Administrative, Block, Content, Document, Header, LeadStyle, Recipient, Reference, Signature,
};
use crate::model::{self, DateStyle, DocNumber, Issuer, Signer};
use crate::units::Units;
use crate::validate::CheckedCitation;
use crate::vn::{self, Date, PartialDate, padded_number};

/// The two-column header of a document numbered `number`/`symbol`.
pub fn header(issuer: &Issuer, number: &DocNumber, symbol: String, date: PartialDate) -> Header {
    Header {
        parent: issuer.parent.as_ref().map(|p| p.to_uppercase()),
        issuer_lines: vec![issuer.body.to_uppercase(), issuer.locality().to_uppercase()],
        number: number.0.as_deref().map(padded_number),
        symbol,
        place: issuer.place.clone().unwrap_or_else(|| issuer.name.clone()),
        day: date.day.map(|d| format!("{d:02}")),
        month: date.month.map(vn::month_padded),
        year: date.year,
    }
}

/// The signature row: Nơi nhận lines (`automatic` ones such as "Như
/// trên" first; units by their short names; each line ending ";" unless
/// the author ended it), "Lưu: …", the authority lines and the name.
pub fn signature(
    units: &Units<'_>,
    automatic: &[&str],
    recipients: &[model::Recipient],
    archive: &str,
    signer: &Signer,
) -> Signature {
    let line = |r: &str| with_end(&units.name(r, true));
    let mut out: Vec<Recipient> = automatic
        .iter()
        .map(|a| Recipient::Line {
            text: line(a),
            note: None,
            end: String::new(),
        })
        .collect();
    for r in recipients {
        out.push(match r {
            model::Recipient::Text(t) => Recipient::Line {
                text: line(t),
                note: None,
                end: String::new(),
            },
            model::Recipient::Fields(f) => match (&f.group, &f.text) {
                (Some(group), _) => Recipient::Group {
                    lines: group.iter().map(|g| line(g)).collect(),
                    note: f.note.as_deref().unwrap_or("").trim().to_string(),
                },
                (None, text) => {
                    let text = units.name(text.as_deref().unwrap_or(""), true);
                    match f.note.as_deref().map(str::trim) {
                        Some(note) => {
                            let (text, end) = split_end(&text);
                            Recipient::Line {
                                text,
                                note: Some(note.to_string()),
                                end,
                            }
                        }
                        None => Recipient::Line {
                            text: with_end(&text),
                            note: None,
                            end: String::new(),
                        },
                    }
                }
            },
        });
    }
    Signature {
        recipients: out,
        archive: archive.to_string(),
        authority: authority_lines(signer),
        name: signer.name.trim().to_string(),
    }
}

/// Punctuation an author may end a Nơi nhận line with, kept as typed.
const LINE_ENDS: [char; 4] = [';', '.', ',', ':'];

/// A Nơi nhận line ending ";" unless the author ended it, also before a
/// last note: "UBND tỉnh: U1; (B/c)".
fn with_end(text: &str) -> String {
    let t = text.trim_end();
    let ended_before_note = t.ends_with(')')
        && t.rfind('(')
            .map(|open| t[..open].trim_end())
            .is_some_and(|before| !before.is_empty() && before.ends_with(LINE_ENDS));
    if t.ends_with(LINE_ENDS) || ended_before_note {
        t.to_string()
    } else {
        format!("{t};")
    }
}

/// A line and its ending (the author's, or ";"), for a note between them.
fn split_end(text: &str) -> (String, String) {
    let t = text.trim_end();
    match t.chars().last() {
        Some(c) if LINE_ENDS.contains(&c) => (
            t[..t.len() - c.len_utf8()].trim_end().to_string(),
            c.to_string(),
        ),
        _ => (t.to_string(), ";".to_string()),
    }
}

/// "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
pub fn authority_lines(signer: &Signer) -> Vec<String> {
    let mut lines = Vec::new();
    for (prefix, value) in [
        ("TM", &signer.tm),
        ("TL", &signer.tl),
        ("TUQ", &signer.tuq),
        ("KT", &signer.kt),
        ("Q", &signer.q),
    ] {
        if let Some(v) = value {
            lines.push(format!("{prefix}. {}", v.trim().to_uppercase()));
        }
    }
    if let Some(t) = &signer.title {
        lines.push(t.trim().to_uppercase());
    }
    lines
}

/// "Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ về việc …"
pub fn citation(c: &CheckedCitation<'_>, style: DateStyle) -> String {
    let (f, date) = match c {
        CheckedCitation::Text(t) => return t.trim().to_string(),
        CheckedCitation::Fields { fields, date } => (fields, date),
    };
    let mut out = f.kind.trim().to_string();
    if let Some(name) = &f.name {
        out.push(' ');
        out.push_str(name.trim());
    }
    if let Some(number) = &f.number {
        out.push_str(" số ");
        out.push_str(number.trim());
    }
    if let Some(d) = date {
        out.push_str(" ngày ");
        out.push_str(&match style {
            DateStyle::Short => d.short(),
            DateStyle::Long => d.long(),
        });
    }
    if let Some(issuer) = &f.issuer {
        out.push_str(" của ");
        out.push_str(issuer.trim());
    }
    if let Some(subject) = &f.subject {
        out.push(' ');
        out.push_str(subject.trim());
    }
    out
}

/// Text with its runs of white space made single, for titles in metadata.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Adds a final period unless the text already ends with punctuation.
pub fn with_period(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', ';', ':', '!', '?', '…']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// Ends the last body sentence with "./." as every NĐ 30 form does.
pub fn with_closing_mark(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with("./.") {
        t.to_string()
    } else if let Some(stripped) = t.strip_suffix('.') {
        format!("{stripped}./.")
    } else {
        format!("{t}./.")
    }
}

pub fn with_colon(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(':') {
        t.to_string()
    } else {
        format!("{t}:")
    }
}

/// `text` with its first letter in lower case, to run on inside a sentence.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Dash-list markers by nesting depth.
pub fn list_marker(depth: usize) -> &'static str {
    // Each level its own mark, so a list inside a list never reads as
    // one list (validation refuses a fourth level inside one list).
    match depth {
        0 => "-",
        1 => "+",
        2 => "•",
        _ => "◦",
    }
}

/// A căn cứ or "Theo đề nghị của …" line of a preamble, in italics.
pub fn italic(text: String) -> Block {
    Block::Para {
        marker: None,
        lead: None,
        lead_style: LeadStyle::Plain,
        text,
        italic: true,
    }
}

/// "Điều n." in bold, then the article's text, as decisions number them.
pub fn article(n: usize, text: String) -> Block {
    Block::Para {
        marker: None,
        lead: Some(format!("Điều {n}.")),
        lead_style: LeadStyle::Bold,
        text,
        italic: false,
    }
}

/// Counts as plans and decisions write them: 05, 12.
pub fn count(n: usize) -> String {
    format!("{n:02}")
}

/// An administrative document named "`name` <subject>" in its file's
/// metadata and identified by its header's number and symbol, `content`
/// saying which kind it is (`Content::Notice`, …).
pub fn administrative(
    file_stem: String,
    name: &str,
    timestamp: Date,
    document: Administrative,
    content: impl FnOnce(Administrative) -> Content,
) -> Document {
    Document {
        file_stem,
        meta_title: format!("{name} {}", document.subject),
        ident: ident(
            &document.header.number,
            &document.header.symbol,
            &document.subject,
        ),
        timestamp,
        issuance: Default::default(),
        content: content(document),
    }
}

/// Ký hiệu of a Công văn (no tên loại): the issuer's, with the drafting
/// unit's after a dash when one is named ("UBND-NN").
pub fn dispatch_symbol(issuer: &Issuer, drafting_unit: Option<&str>) -> String {
    match drafting_unit {
        Some(u) => format!("{}-{}", issuer.symbol, u.trim()),
        None => issuer.symbol.clone(),
    }
}

/// "Kế hoạch số 12/KH-UBND …" style identifier of a numbered document.
pub fn ident(number: &Option<String>, symbol: &str, subject: &str) -> String {
    match number {
        Some(n) => format!("{n}/{symbol} {subject}"),
        None => format!("{symbol} {subject}"),
    }
}

/// The line under an appendix's title naming the document it belongs to;
/// what a draft does not know yet is left blank.
pub fn reference(
    kind: &str,
    number: &Option<String>,
    symbol: &str,
    date: PartialDate,
    issuer: &str,
) -> Reference {
    Reference {
        kind: kind.into(),
        number: number.clone(),
        symbol: symbol.to_string(),
        day: date.day.map(|d| format!("{d:02}")),
        month: date.month.map(vn::month_padded),
        year: date.year,
        issuer: issuer.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_mark_and_periods() {
        assert_eq!(
            with_closing_mark("triển khai thực hiện."),
            "triển khai thực hiện./."
        );
        assert_eq!(
            with_closing_mark("triển khai thực hiện./."),
            "triển khai thực hiện./."
        );
        assert_eq!(
            with_closing_mark("triển khai thực hiện"),
            "triển khai thực hiện./."
        );
        assert_eq!(with_period("Quý II"), "Quý II.");
        assert_eq!(with_period("a;"), "a;");
        // An ellipsis ends the sentence already: "…." would be wrong.
        assert_eq!(with_period("nhãn mác, bao bì…"), "nhãn mác, bao bì…");
    }

    #[test]
    fn recipient_lines_keep_the_authors_ending() {
        assert_eq!(with_end("Sở Y tế"), "Sở Y tế;");
        assert_eq!(
            with_end("TT. Tỉnh ủy, TT. HĐND tỉnh;"),
            "TT. Tỉnh ủy, TT. HĐND tỉnh;"
        );
        assert_eq!(with_end("Như trên."), "Như trên.");
        // The author ended the line before a note: nothing is added.
        assert_eq!(with_end("UBND tỉnh: U1; (B/c)"), "UBND tỉnh: U1; (B/c)");
        assert_eq!(with_end("Sở Y tế (b/c)"), "Sở Y tế (b/c);");
        assert_eq!(with_end("(b/c)"), "(b/c);");
        assert_eq!(
            split_end("Các chủ thể;"),
            ("Các chủ thể".to_string(), ";".to_string())
        );
        assert_eq!(
            split_end("Các chủ thể"),
            ("Các chủ thể".to_string(), ";".to_string())
        );
    }
}
