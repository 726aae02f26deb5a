//! Text variants: what a reader gets copying a document out of its PDF
//! (poppler's plain, layout and raw modes) and the damage copying and
//! retyping do — Windows line ends, decomposed accents, odd spaces, running
//! heads and page numbers between pages, words hyphenated at line ends,
//! labels without their dot or with ")", stray spaces in document numbers,
//! the two-column header and signature interleaved, flattened or glued.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use super::Config;
use super::rng::Rng;
use super::sources::{Case, Source, pdftotext};

/// The three ways poppler copies a PDF.
pub struct Copies {
    pub plain: String,
    pub layout: String,
    pub raw: String,
}

#[derive(Clone, Copy)]
enum Base {
    Plain,
    Layout,
    Raw,
}

type Transform = fn(&str, &mut Rng) -> String;

/// (family, the copy it starts from, seeded, transformation)
const FAMILIES: &[(&str, Base, bool, Transform)] = &[
    ("text/plain", Base::Plain, false, |t, _| t.to_string()),
    ("text/layout", Base::Layout, false, |t, _| t.to_string()),
    ("text/raw", Base::Raw, false, |t, _| t.to_string()),
    ("text/crlf-bom", Base::Plain, false, |t, _| crlf_bom(t)),
    ("text/nfd", Base::Plain, false, |t, _| t.nfd().collect()),
    ("text/odd-spaces", Base::Plain, true, odd_spaces),
    ("text/page-breaks-removed", Base::Plain, false, |t, _| {
        t.replace('\u{c}', "")
    }),
    ("text/running-heads", Base::Plain, true, |t, r| {
        running_heads(t, r, true)
    }),
    ("text/running-heads-copied", Base::Plain, true, |t, r| {
        running_heads(t, r, false)
    }),
    (
        "text/hyphen-at-hyphens",
        Base::Plain,
        true,
        hyphen_at_hyphens,
    ),
    ("text/hyphen-in-words", Base::Plain, true, hyphen_in_words),
    ("text/dotless-roman-all", Base::Plain, false, |t, r| {
        dotless(t, Which::All, r)
    }),
    ("text/dotless-roman-first", Base::Plain, false, |t, r| {
        dotless(t, Which::First, r)
    }),
    ("text/dotless-roman-one", Base::Plain, true, |t, r| {
        dotless(t, Which::OneLater, r)
    }),
    ("text/paren-labels", Base::Plain, false, |t, _| {
        paren_labels(t)
    }),
    ("text/stray-spaces", Base::Plain, true, stray_spaces),
    ("text/columns-interleaved", Base::Layout, false, |t, _| {
        columns(t, Columns::Interleaved)
    }),
    ("text/columns-flattened", Base::Layout, false, |t, _| {
        columns(t, Columns::Flattened)
    }),
    ("text/columns-glued", Base::Layout, false, |t, _| {
        columns(t, Columns::Glued)
    }),
];

/// The text variants of one source, written under `dir`.
pub fn cases(config: &Config, index: usize, source: &Source, dir: &Path) -> Vec<Case> {
    let copies = Copies {
        plain: pdftotext(&source.pdf, &[]),
        layout: pdftotext(&source.pdf, &["-layout"]),
        raw: pdftotext(&source.pdf, &["-raw"]),
    };
    let mut out = Vec::new();
    for (family, base, seeded, transform) in FAMILIES {
        if !config.wants_family(family) {
            continue;
        }
        let text = match base {
            Base::Plain => &copies.plain,
            Base::Layout => &copies.layout,
            Base::Raw => &copies.raw,
        };
        for seed in 0..if *seeded { config.seeds } else { 1 } {
            let mut rng = Rng::new(&source.name, family, seed);
            out.push(write_case(
                dir,
                index,
                source,
                family,
                seed,
                &transform(text, &mut rng),
            ));
        }
    }
    out
}

/// Writes a text variant as `<source>.<family>.<seed>.txt`.
pub fn write_case(
    dir: &Path,
    index: usize,
    source: &Source,
    family: &str,
    seed: u64,
    text: &str,
) -> Case {
    let file = dir.join(format!(
        "{}.{}.{seed}.txt",
        source.name,
        family.replace('/', "-")
    ));
    std::fs::write(&file, text).unwrap();
    Case::new(index, family, seed, file)
}

/// A numbering label at the start of a line, as outline.py sees one:
/// "I.", "1.", "1.1.", "a)" before a capital; and the other openers of a
/// paragraph ("Điều 1.", "- ", "+ ").
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Roman(u32),
    Arabic(Vec<u32>),
    Letter(char),
    Article(u32),
    Dash,
    Plus,
}

/// The label opening `text` (no leading spaces) and its length in bytes,
/// without the space after it.
pub fn label(text: &str) -> Option<(Label, usize)> {
    let capital_after = |len: usize| {
        let rest = &text[len..];
        rest.starts_with(' ') && rest[1..].chars().next().is_some_and(char::is_uppercase)
    };
    if let Some(rest) = text.strip_prefix("Điều ") {
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let len = "Điều ".len() + digits + 1;
        if digits > 0 && rest[digits..].starts_with('.') && capital_after(len) {
            return Some((Label::Article(rest[..digits].parse().ok()?), len));
        }
    }
    for (opener, l) in [("- ", Label::Dash), ("+ ", Label::Plus)] {
        if text.starts_with(opener) && text.len() > 2 {
            return Some((l, 1));
        }
    }
    let roman = text.chars().take_while(|c| "IVX".contains(*c)).count();
    if roman > 0 && text[roman..].starts_with('.') && capital_after(roman + 1) {
        return roman_value(&text[..roman]).map(|v| (Label::Roman(v), roman + 1));
    }
    if let Some(c) = text.chars().next()
        && "abcdđeghiklmn".contains(c)
        && text[c.len_utf8()..].starts_with(')')
        && capital_after(c.len_utf8() + 1)
    {
        return Some((Label::Letter(c), c.len_utf8() + 1));
    }
    arabic(text).filter(|(_, len)| capital_after(*len))
}

/// "1." "1.2." "2.3.1." at the start of `text`.
fn arabic(text: &str) -> Option<(Label, usize)> {
    let mut parts = Vec::new();
    let mut i = 0;
    loop {
        let digits = text[i..].chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 2 || !text[i + digits..].starts_with('.') {
            break;
        }
        parts.push(text[i..i + digits].parse().ok()?);
        i += digits + 1;
        if parts.len() == 3 {
            break;
        }
    }
    (!parts.is_empty()).then_some((Label::Arabic(parts), i))
}

fn roman_value(s: &str) -> Option<u32> {
    const ROMANS: [&str; 20] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
        "XV", "XVI", "XVII", "XVIII", "XIX", "XX",
    ];
    ROMANS.iter().position(|r| *r == s).map(|p| p as u32 + 1)
}

/// Notepad's way: a byte-order mark and CR LF.
fn crlf_bom(t: &str) -> String {
    format!("\u{feff}{}", t.replace('\n', "\r\n"))
}

/// No-break spaces, doubled spaces, trailing spaces and tab indents, as
/// text from Word or a web page has them.
fn odd_spaces(t: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    for line in t.split('\n') {
        let mut line = line.to_string();
        let spaces: Vec<usize> = line.match_indices(' ').map(|(i, _)| i).collect();
        if !spaces.is_empty() && rng.chance(0.3) {
            let at = *rng.pick(&spaces);
            line.replace_range(at..at + 1, if rng.chance(0.5) { "\u{a0}" } else { "  " });
        }
        if rng.chance(0.15) {
            line.insert(0, '\t');
        }
        if rng.chance(0.2) {
            line.push_str("  ");
        }
        out.push_str(&line);
        out.push('\n');
    }
    out.pop();
    out
}

/// The heads of an official gazette at the top of every page ("CÔNG
/// BÁO/Số 45 + 46/Ngày 20-3-2027" with the gazette's page number) and,
/// in half the documents, a "Trang i/n" footer; page breaks (form feeds)
/// kept, or lost as when text is copied from a viewer.
fn running_heads(t: &str, rng: &mut Rng, keep_form_feeds: bool) -> String {
    let pages: Vec<&str> = t.split('\u{c}').collect();
    let count = pages.iter().filter(|p| !p.trim().is_empty()).count();
    let issue = 20 + rng.below(900);
    let head = format!(
        "CÔNG BÁO/Số {issue} + {}/Ngày {}-{}-{}",
        issue + 1,
        1 + rng.below(28),
        1 + rng.below(12),
        2020 + rng.below(8)
    );
    let first_page = 1 + rng.below(60);
    let footer = rng.chance(0.5);
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if page.trim().is_empty() {
            out.push(page.to_string());
            continue;
        }
        let number = first_page + i;
        let top = match rng.below(3) {
            0 => format!("{head}\n{number}\n"),
            1 => format!("{number} {head}\n"),
            _ => format!("{head} {number}\n"),
        };
        let mut body = page.to_string();
        if footer {
            if !body.ends_with('\n') {
                body.push('\n');
            }
            body.push_str(&format!("Trang {}/{count}\n", i + 1));
        }
        out.push(format!("{top}{body}"));
    }
    out.join(if keep_form_feeds { "\u{c}" } else { "" })
}

/// Half the lines broken after a hyphen inside a word, as a PDF breaks
/// "919/QĐ-TTg" or "2021-2025" at a line end.
fn hyphen_at_hyphens(t: &str, rng: &mut Rng) -> String {
    map_lines(t, |line| {
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let inner: Vec<usize> = chars
            .windows(3)
            .filter(|w| w[1].1 == '-' && w[0].1.is_alphanumeric() && w[2].1.is_alphanumeric())
            .map(|w| w[1].0)
            .collect();
        if inner.is_empty() || !rng.chance(0.5) {
            return line.to_string();
        }
        let at = *rng.pick(&inner) + 1;
        format!("{}\n{}", &line[..at], &line[at..])
    })
}

/// A third of the lines with a word hyphenated across a line break, as a
/// typesetter with hyphenation on breaks "triển" into "tri-" and "ển".
fn hyphen_in_words(t: &str, rng: &mut Rng) -> String {
    map_lines(t, |line| {
        let words: Vec<(usize, &str)> = line
            .split(' ')
            .scan(0, |pos, w| {
                let start = *pos;
                *pos += w.len() + 1;
                Some((start, w))
            })
            .filter(|(_, w)| {
                w.chars().count() >= 5
                    && w.chars().all(char::is_alphabetic)
                    && w.chars().any(char::is_lowercase)
            })
            .collect();
        if words.is_empty() || !rng.chance(0.3) {
            return line.to_string();
        }
        let (start, word) = *rng.pick(&words);
        let n = word.chars().count();
        let k = 2 + rng.below(n - 3);
        let at = start + word.char_indices().nth(k).unwrap().0;
        format!("{}-\n{}", &line[..at], &line[at..])
    })
}

fn map_lines(t: &str, mut f: impl FnMut(&str) -> String) -> String {
    t.split('\n').map(&mut f).collect::<Vec<_>>().join("\n")
}

enum Which {
    All,
    First,
    OneLater,
}

/// Roman headings without the dot after the numeral: "I MỤC ĐÍCH".
fn dotless(t: &str, which: Which, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = t.split('\n').map(str::to_string).collect();
    let romans: Vec<(usize, usize)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| {
            let indent = l.len() - l.trim_start().len();
            match label(l.trim_start()) {
                Some((Label::Roman(_), len)) => Some((i, indent + len - 1)),
                _ => None,
            }
        })
        .collect();
    let chosen: Vec<(usize, usize)> = match which {
        Which::All => romans,
        Which::First => romans.into_iter().take(1).collect(),
        Which::OneLater if romans.len() > 1 => vec![romans[1 + rng.below(romans.len() - 1)]],
        Which::OneLater => romans,
    };
    for (i, dot) in chosen {
        lines[i].remove(dot);
    }
    lines.join("\n")
}

/// "I)" and "1)" for "I." and "1." at the start of a line.
fn paren_labels(t: &str) -> String {
    map_lines(t, |l| {
        let indent = l.len() - l.trim_start().len();
        match label(l.trim_start()) {
            Some((Label::Roman(_), len)) | Some((Label::Arabic(_), len))
                if !l.trim_start()[..len - 1].contains('.') =>
            {
                let dot = indent + len - 1;
                format!("{}){}", &l[..dot], &l[dot + 1..])
            }
            _ => l.to_string(),
        }
    })
}

/// Spaces typed inside document numbers and symbols: "Số: 1578 /KH-UBND",
/// "919/QĐ- TTg", "QĐ -TTg".
fn stray_spaces(t: &str, rng: &mut Rng) -> String {
    let mut changed = false;
    map_lines(t, |line| {
        let mut words: Vec<String> = line.split(' ').map(str::to_string).collect();
        for w in &mut words {
            let Some(slash) = w.find('/') else { continue };
            let symbol = &w[slash + 1..];
            if !symbol.chars().next().is_some_and(char::is_uppercase) || !symbol.contains('-') {
                continue;
            }
            if changed && !rng.chance(0.6) {
                continue;
            }
            let hyphen = slash + 1 + symbol.find('-').unwrap();
            match rng.below(3) {
                0 => w.insert(slash, ' '),
                1 => w.insert(hyphen + 1, ' '),
                _ => w.insert(hyphen, ' '),
            }
            changed = true;
        }
        words.join(" ")
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Columns {
    /// Each row's left cell, then its right cell, on lines of their own.
    Interleaved,
    /// The whole left column, then the whole right column.
    Flattened,
    /// Each row on one line, the cells one space apart.
    Glued,
}

/// The two-column zones of a layout copy (the header, the signature row)
/// rearranged as other copying tools give them.
fn columns(t: &str, how: Columns) -> String {
    let lines: Vec<&str> = t.split('\n').collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let end = zone_end(&lines, i);
        if end > i {
            out.extend(rearrange(&lines[i..end], how));
            i = end;
        } else {
            out.push(lines[i].to_string());
            i += 1;
        }
    }
    out.join("\n")
}

/// Where the two-column zone starting at line `i` ends (`i` when none
/// starts there): the header runs from the top to the first blank line,
/// the signature row from "Nơi nhận" to the end of its page.
fn zone_end(lines: &[&str], i: usize) -> usize {
    if i == 0 {
        return lines.iter().position(|l| l.trim().is_empty()).unwrap_or(0);
    }
    if lines[i].trim_start().starts_with("Nơi nhận") {
        return (i + 1..lines.len())
            .find(|&j| lines[j].contains('\u{c}'))
            .unwrap_or(lines.len());
    }
    i
}

/// A line cut at gaps of three spaces or more: (start column, text).
fn chunks(line: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut spaces = 0;
    for (col, c) in line.chars().enumerate() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        match out.last_mut() {
            Some((_, text)) if spaces < 3 => {
                text.extend(std::iter::repeat_n(' ', spaces));
                text.push(c);
            }
            _ => out.push((col, c.to_string())),
        }
        spaces = 0;
    }
    out
}

fn rearrange(zone: &[&str], how: Columns) -> Vec<String> {
    let rows: Vec<Vec<(usize, String)>> = zone.iter().map(|l| chunks(l)).collect();
    let Some(right) = rows.iter().filter(|r| r.len() > 1).map(|r| r[1].0).min() else {
        return zone.iter().map(|l| l.to_string()).collect();
    };
    let is_right = |col: usize| col * 3 >= right * 2;
    let mut left_col = Vec::new();
    let mut right_col = Vec::new();
    let mut out = Vec::new();
    for row in &rows {
        let (l, r): (Vec<_>, Vec<_>) = row.iter().partition(|(col, _)| !is_right(*col));
        let l: Vec<String> = l.into_iter().map(|(_, t)| t.clone()).collect();
        let r: Vec<String> = r.into_iter().map(|(_, t)| t.clone()).collect();
        match how {
            Columns::Interleaved => out.extend(l.into_iter().chain(r)),
            Columns::Glued => out.push([l, r].concat().join(" ")),
            Columns::Flattened => {
                left_col.extend(l);
                right_col.extend(r);
            }
        }
    }
    if how == Columns::Flattened {
        out = left_col.into_iter().chain(right_col).collect();
    }
    out
}

/// Paragraphs (one per line, as an office suite exports text) re-wrapped
/// at `width` columns, with a blank line between paragraphs or not.
pub fn wrap(paragraphs: &str, width: usize, blank: bool) -> String {
    let mut out = String::new();
    for para in paragraphs.lines() {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push('\n');
        if blank {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_read_as_outline_py_reads_them() {
        assert_eq!(label("I. MỤC ĐÍCH"), Some((Label::Roman(1), 2)));
        assert_eq!(label("IV. KINH PHÍ"), Some((Label::Roman(4), 3)));
        assert_eq!(label("1.2. Tập huấn"), Some((Label::Arabic(vec![1, 2]), 4)));
        assert_eq!(label("đ) Nội dung"), Some((Label::Letter('đ'), 3)));
        assert_eq!(label("Điều 2. Quyết định"), Some((Label::Article(2), 10)));
        assert_eq!(label("- 100% cán bộ"), Some((Label::Dash, 1)));
        assert_eq!(label("1. tập huấn"), None);
        assert_eq!(label("2021 - 2025"), None);
        assert_eq!(label("Iran"), None);
    }

    #[test]
    fn dotless_and_paren_labels_touch_the_labels_only() {
        let t = "Số: 5/KH-UBND\n    I. MỤC ĐÍCH\n1. Mục đích\n1.1. Con\nII. NHIỆM VỤ";
        let mut rng = Rng::new("s", "f", 0);
        assert_eq!(
            dotless(t, Which::All, &mut rng),
            "Số: 5/KH-UBND\n    I MỤC ĐÍCH\n1. Mục đích\n1.1. Con\nII NHIỆM VỤ"
        );
        assert_eq!(
            dotless(t, Which::First, &mut rng),
            "Số: 5/KH-UBND\n    I MỤC ĐÍCH\n1. Mục đích\n1.1. Con\nII. NHIỆM VỤ"
        );
        assert_eq!(
            paren_labels(t),
            "Số: 5/KH-UBND\n    I) MỤC ĐÍCH\n1) Mục đích\n1.1. Con\nII) NHIỆM VỤ"
        );
    }

    #[test]
    fn hyphenation_only_moves_line_breaks() {
        let t = "Căn cứ Quyết định số 919/QĐ-TTg giai đoạn 2021-2025 về phát triển\nnông thôn";
        for seed in 0..20 {
            let mut rng = Rng::new("s", "f", seed);
            let a = hyphen_at_hyphens(t, &mut rng);
            assert_eq!(a.replace("-\n", "-"), t);
            let b = hyphen_in_words(t, &mut rng);
            assert_eq!(b.replace("-\n", ""), t);
        }
    }

    #[test]
    fn stray_spaces_change_a_symbol_and_nothing_else() {
        let t = "Số: 27/KH-UBND\nCăn cứ Quyết định số 919/QĐ-TTg ngày 01/8/2022";
        let mut rng = Rng::new("s", "f", 0);
        let out = stray_spaces(t, &mut rng);
        assert_ne!(out, t);
        assert_eq!(out.replace(' ', ""), t.replace(' ', ""));
        assert!(out.contains("01/8/2022"));
    }

    #[test]
    fn columns_of_the_header_and_signature_are_rearranged() {
        let t = "   ỦY BAN NHÂN DÂN          CỘNG HÒA\n   TỈNH A                   Độc lập\n\n      KẾ HOẠCH\nNơi nhận:           TM. ỦY BAN\n- Lưu: VT.          CHỦ TỊCH\n\n                    Lò Văn A";
        assert_eq!(
            columns(t, Columns::Interleaved),
            "ỦY BAN NHÂN DÂN\nCỘNG HÒA\nTỈNH A\nĐộc lập\n\n      KẾ HOẠCH\nNơi nhận:\nTM. ỦY BAN\n- Lưu: VT.\nCHỦ TỊCH\nLò Văn A"
        );
        assert_eq!(
            columns(t, Columns::Flattened),
            "ỦY BAN NHÂN DÂN\nTỈNH A\nCỘNG HÒA\nĐộc lập\n\n      KẾ HOẠCH\nNơi nhận:\n- Lưu: VT.\nTM. ỦY BAN\nCHỦ TỊCH\nLò Văn A"
        );
        assert_eq!(
            columns(t, Columns::Glued),
            "ỦY BAN NHÂN DÂN CỘNG HÒA\nTỈNH A Độc lập\n\n      KẾ HOẠCH\nNơi nhận: TM. ỦY BAN\n- Lưu: VT. CHỦ TỊCH\n\nLò Văn A"
        );
    }

    #[test]
    fn running_heads_sit_at_the_top_of_every_page() {
        let t = "một\nhai\u{c}2\nba\u{c}";
        let mut rng = Rng::new("s", "f", 0);
        let out = running_heads(t, &mut rng, false);
        assert_eq!(out.matches("CÔNG BÁO/Số").count(), 2);
        assert!(!out.contains('\u{c}'));
    }
}
