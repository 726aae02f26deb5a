//! What copying text out of a PDF does to it, undone before the text is
//! read into paragraphs: page numbers and running heads or footers (a
//! gazette's "CÔNG BÁO/Số …/Ngày …", "Trang 2/5") dropped; words
//! hyphenated at a line end joined again, keeping real hyphens ("QĐ-TTg",
//! "2021-2025"); and text laid out as on the page (`pdftotext -layout`:
//! the header's and the signature's two columns side by side, paragraphs
//! told by their first line's indent) read column by column and paragraph
//! by paragraph.

use std::collections::{HashMap, HashSet};

pub use super::cleaned::Cleaned;

/// The lines of `text` with what copying added taken out; in text laid
/// out as on the page, one paragraph per line with a blank line between,
/// and a table's cells.
pub fn clean(text: &str) -> Vec<Cleaned> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut pages: Vec<Vec<String>> = text
        .split('\u{c}')
        .map(|p| {
            p.split('\n')
                .map(|l| tidy_symbols(&expand_tabs(l.trim_end())))
                .collect()
        })
        .collect();
    drop_running_heads(&mut pages);
    let lines: Vec<Cleaned> = pages.into_iter().flatten().map(Cleaned::line).collect();
    let lines: Vec<String> = join_hyphenated(lines).into_iter().map(|l| l.text).collect();
    if laid_out(&lines) {
        super::laid_out::paragraphs(&lines)
    } else {
        super::cell_lines::cells(split_glued(lines))
    }
}

/// Words a copy glued where the page broke the line between them
/// (`pdftotext -raw`: "PhòngY" for "Phòng" + "Y tế"): a word in lower case
/// running into one in capitals is parted where the document writes both
/// halves as words of their own elsewhere.
fn split_glued(lines: Vec<String>) -> Vec<String> {
    let words: HashSet<String> = lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    lines
        .into_iter()
        .map(|line| {
            let cuts: Vec<usize> = tokens(&line)
                .into_iter()
                .filter_map(|(start, token)| glued_at(token, &words).map(|at| start + at))
                .collect();
            let mut out = line;
            for at in cuts.into_iter().rev() {
                out.insert(at, ' ');
            }
            out
        })
        .collect()
}

/// Where `token` parts into two words of the document, if it is two glued.
fn glued_at(token: &str, words: &HashSet<String>) -> Option<usize> {
    let core = token.trim_matches(|c: char| !c.is_alphanumeric());
    let start = token.len()
        - token
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let chars: Vec<(usize, char)> = core.char_indices().collect();
    let mut cuts = chars
        .windows(2)
        .filter(|w| w[0].1.is_lowercase() && w[1].1.is_uppercase())
        .map(|w| w[1].0);
    let at = cuts.next()?;
    let (left, right) = core.split_at(at);
    let whole = cuts.next().is_none()
        && left.chars().all(char::is_alphabetic)
        && right.chars().all(char::is_alphabetic)
        && words.contains(left)
        && words.contains(right);
    whole.then_some(start + at)
}

/// The words of a line between white space, with where each starts.
fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

/// Spaces typed inside a document's number and symbol taken out: "1578
/// /KH-UBND" → "1578/KH-UBND", "919/QĐ- TTg" → "919/QĐ-TTg". Only after
/// a number and a slash: "2021 - 2025" keeps its spaces.
pub fn tidy_symbols(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    let mut in_symbol = false;
    while i < chars.len() {
        let c = chars[i];
        // The next character that is not a space, and where it is.
        let next = (i + 1..chars.len()).find(|&j| chars[j] != ' ');
        let upper_next = next.is_some_and(|j| chars[j].is_uppercase());
        if c == '/'
            && upper_next
            && out
                .iter()
                .rev()
                .find(|c| **c != ' ')
                .is_some_and(char::is_ascii_digit)
        {
            while out.last() == Some(&' ') {
                out.pop();
            }
            out.push('/');
            i = next.unwrap_or(chars.len());
            in_symbol = true;
            continue;
        }
        if in_symbol && c == ' ' {
            // "QĐ- TTg", "QĐ -TTg": a space beside the symbol's hyphen.
            let dash_then_upper = next.is_some_and(|j| {
                chars[j] == '-'
                    && (j + 1..chars.len())
                        .find(|&k| chars[k] != ' ')
                        .is_some_and(|k| chars[k].is_uppercase())
            });
            if out.last() == Some(&'-') && upper_next || dash_then_upper {
                i += 1;
                continue;
            }
            in_symbol = false;
        }
        if in_symbol && !(c.is_alphanumeric() || "-&".contains(c)) {
            in_symbol = false;
        }
        out.push(c);
        i += 1;
    }
    out.into_iter().collect()
}

/// A tab at a line's start is one space: only a layout's spaces indent.
fn expand_tabs(l: &str) -> String {
    l.replace('\t', " ")
}

/// Text laid out as on the page: many lines start well inside the line
/// (first lines of paragraphs, centred headings, the right column).
fn laid_out(lines: &[String]) -> bool {
    let text: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    let indented = text
        .iter()
        .filter(|l| l.len() - l.trim_start().len() >= 4)
        .count();
    text.len() >= 10 && indented * 100 >= text.len() * 15
}

/// A page number alone on its line: "3", "- 3 -", "Trang 3", "Trang 3/10".
pub fn is_page_number(line: &str) -> bool {
    let t = line.trim();
    let t = t.strip_prefix("Trang ").unwrap_or(t);
    let t = t.trim_matches(|c| c == '-' || c == '–' || c == ' ');
    let (n, of) = t.split_once('/').unwrap_or((t, "1"));
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.chars().all(|c| c.is_ascii_digit());
    digits(n) && digits(of.trim())
}

/// The letters of a line, lower case: a running head's page number and
/// date change from page to page, its words do not.
fn key(line: &str) -> String {
    line.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Fewest letters of a running head: a few words ("Kế hoạch OCOP"), not
/// a wrapped word ("Châu") or a table's cell.
const HEAD_LETTERS: usize = 10;

/// An official gazette's running head: "CÔNG BÁO/Số 45 + 46/Ngày …".
fn gazette_head(line: &str) -> bool {
    let t = line.trim();
    t.contains("CÔNG BÁO") && t.contains("Số") && t.len() <= 120
}

/// A line that can only be text of the document: it opens a list item or
/// a numbered heading.
fn opens_item(line: &str) -> bool {
    super::recognise::labels::read(line.trim()).is_some()
}

/// Drops page numbers and the lines repeated at the top or the bottom of
/// pages. Where the page breaks are known (form feeds), a line repeated in
/// the first or last lines of two pages is a head or a footer; where they
/// were lost, a line repeated three times (twice beside a page number)
/// that opens no item is.
fn drop_running_heads(pages: &mut [Vec<String>]) {
    let known = pages
        .iter()
        .filter(|p| p.iter().any(|l| !l.trim().is_empty()))
        .count()
        > 1;
    let mut count: HashMap<String, usize> = HashMap::new();
    let mut beside_number: HashSet<String> = HashSet::new();
    for page in pages.iter() {
        let edges = edge_lines(page, known);
        for (i, l) in page.iter().enumerate() {
            let k = key(l);
            if k.chars().count() < HEAD_LETTERS || opens_item(l) || !edges.contains(&i) {
                continue;
            }
            *count.entry(k.clone()).or_default() += 1;
            let near = |j: Option<usize>| {
                j.and_then(|j| page.get(j))
                    .is_some_and(|n| is_page_number(n))
            };
            if near(i.checked_sub(1)) || near(Some(i + 1)) {
                beside_number.insert(k);
            }
        }
    }
    let head = |l: &str| {
        let k = key(l);
        let n = count.get(&k).copied().unwrap_or(0);
        gazette_head(l)
            || !opens_item(l)
                && k.chars().count() >= HEAD_LETTERS
                && l.trim().len() <= 120
                && if known {
                    n >= 2
                } else {
                    n >= 3 || n >= 2 && beside_number.contains(&k)
                }
    };
    let mut table = TableNumbers::default();
    for page in pages.iter_mut() {
        let edges = edge_lines(page, known);
        // A table a word processor exported, a cell a line, repeats its
        // units and numbers; such a text has no running heads.
        let exported = if known {
            vec![]
        } else {
            super::cell_lines::table_lines(page)
        };
        let mut i = 0;
        page.retain(|l| {
            let at = i;
            i += 1;
            if exported.get(at) == Some(&true) {
                return true;
            }
            let edge = edges.contains(&at);
            // In text without its page breaks, a table's cells repeat (a
            // group, a place) beside numbers that are cells too: none of
            // them is a running head.
            if table.keeps(l) || table.inside && !known && !gazette_head(l) {
                return true;
            }
            !(is_page_number(l) && (edge || !known) || edge && head(l))
        });
    }
}

/// A table's numbers (an appendix's "STT" column, its scores), which
/// stand alone on their lines like page numbers: after a heading "STT"
/// they are the table's.
#[derive(Default)]
struct TableNumbers {
    inside: bool,
}

impl TableNumbers {
    fn keeps(&mut self, line: &str) -> bool {
        let t = line.trim();
        if t == "STT" || t.starts_with("STT ") {
            self.inside = true;
            return false;
        }
        self.inside && !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == ',')
    }
}

/// The lines of a page where heads and footers stand: its first and last
/// three lines of text when the page is known, every line when not.
fn edge_lines(page: &[String], known: bool) -> HashSet<usize> {
    let text: Vec<usize> = (0..page.len())
        .filter(|&i| !page[i].trim().is_empty())
        .collect();
    if !known {
        return text.into_iter().collect();
    }
    let n = text.len();
    text.iter()
        .enumerate()
        .filter(|(k, _)| *k < 3 || *k + 3 >= n)
        .map(|(_, &i)| i)
        .collect()
}

/// Joins a word broken at a line end: "phát tri-" + "ển" → "phát triển";
/// a real hyphen stays ("919/QĐ-" + "TTg" → "919/QĐ-TTg", "2021-" + "2025").
fn join_hyphenated(mut lines: Vec<Cleaned>) -> Vec<Cleaned> {
    let words = word_set(&lines);
    let mut i = 0;
    while i < lines.len() {
        let Some(next) = (i + 1..lines.len()).find(|&j| !lines[j].text.trim().is_empty()) else {
            break;
        };
        let line = lines[i].text.trim_end();
        let soft = line.ends_with('\u{ad}');
        let hard = line.ends_with('-') && !line.ends_with(" -") && line.trim() != "-";
        let next_text = &lines[next].text;
        let apart = next > i + 2 || lines[i].cell.is_some() || lines[next].cell.is_some();
        if !(soft || hard) || apart || opens_item(next_text) && !starts_lower(next_text) {
            i += 1;
            continue;
        }
        // The next line joins this one whole: the line broken in a word
        // goes on, as the paragraph does.
        let rest = next_text.trim_start().to_string();
        let first = rest.split(' ').next().unwrap_or("");
        let left = line[..line.len() - if soft { '\u{ad}'.len_utf8() } else { 1 }].to_string();
        let joined = if soft || broken_word(&left, first, &words) {
            format!("{left}{rest}")
        } else {
            format!("{left}-{rest}")
        };
        lines[i].text = joined;
        lines.drain(i + 1..=next);
    }
    lines
}

fn starts_lower(l: &str) -> bool {
    super::para::starts_lower(l.trim_start())
}

/// Whether a hyphen between `left` (the line up to it) and `first` (the
/// next line's first word) broke a word rather than stood in it: the word
/// goes on in lower case after letters, and the text spells it whole
/// elsewhere, or nowhere with the hyphen either, and no other hyphen or
/// digit sits in it ("ki-lô-" + "gam" keeps its hyphens).
fn broken_word(left: &str, first: &str, words: &HashSet<String>) -> bool {
    let token = left.rsplit(char::is_whitespace).next().unwrap_or(left);
    let head = token.trim_start_matches(|c: char| !c.is_alphanumeric());
    let tail = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    let letters = !head.is_empty()
        && head.chars().all(char::is_alphabetic)
        && tail.chars().next().is_some_and(char::is_lowercase)
        && tail.chars().all(char::is_alphabetic);
    if !letters {
        return false;
    }
    let whole = format!("{head}{tail}").to_lowercase();
    let hyphened = format!("{head}-{tail}").to_lowercase();
    words.contains(&whole) || !words.contains(&hyphened)
}

/// The words of the text, lower case, without the punctuation around them.
fn word_set(lines: &[Cleaned]) -> HashSet<String> {
    lines
        .iter()
        .flat_map(|l| l.text.split_whitespace())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        clean(text)
            .into_iter()
            .map(|l| l.text)
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn words_broken_at_a_line_end_are_joined_and_real_hyphens_kept() {
        let text = "Căn cứ Quyết định số 919/QĐ-\nTTg giai đoạn 2021-\n2025 về phát tri-\nển nông thôn và phát triển\nkinh tế - xã\nhội; Ch-\nương trình.";
        assert_eq!(
            lines(text),
            [
                "Căn cứ Quyết định số 919/QĐ-TTg giai đoạn 2021-2025 về phát triển nông thôn và phát triển",
                "kinh tế - xã",
                "hội; Chương trình."
            ]
        );
    }

    #[test]
    fn running_heads_and_page_numbers_are_dropped() {
        let page = |n: usize, body: &str| {
            format!("CÔNG BÁO/Số 45 + 46/Ngày 20-3-2027 {n}\n{body}\nTrang {n}/3\n")
        };
        let text = [
            page(10, "ỦY BAN NHÂN DÂN\nCăn cứ Luật A;\nCăn cứ Luật B;"),
            page(11, "- Thời gian thực hiện: Quý II.\n- Nội dung: Tập huấn."),
            page(12, "- Thời gian thực hiện: Quý II.\nHà Trọng Hải"),
        ];
        for sep in ["\u{c}", ""] {
            let got = lines(&text.join(sep));
            assert_eq!(
                got,
                [
                    "ỦY BAN NHÂN DÂN",
                    "Căn cứ Luật A;",
                    "Căn cứ Luật B;",
                    "- Thời gian thực hiện: Quý II.",
                    "- Nội dung: Tập huấn.",
                    "- Thời gian thực hiện: Quý II.",
                    "Hà Trọng Hải"
                ],
                "{sep:?}"
            );
        }
    }

    #[test]
    fn stray_spaces_in_symbols() {
        assert_eq!(tidy_symbols("Số: 1578 /KH-UBND"), "Số: 1578/KH-UBND");
        assert_eq!(tidy_symbols("số 919/QĐ- TTg ngày"), "số 919/QĐ-TTg ngày");
        assert_eq!(tidy_symbols("số 919/QĐ -TTg ngày"), "số 919/QĐ-TTg ngày");
        assert_eq!(
            tidy_symbols("số 07/2021/NQ-HĐND của"),
            "số 07/2021/NQ-HĐND của"
        );
        assert_eq!(
            tidy_symbols("giai đoạn 2021 - 2025"),
            "giai đoạn 2021 - 2025"
        );
        assert_eq!(tidy_symbols("Số:        /KH-UBND"), "Số:        /KH-UBND");
    }

    #[test]
    fn a_tables_repeated_cell_beside_a_number_stays() {
        let text = "Phụ lục\nSTT\nTên sản phẩm\n1\nTrà\nDược liệu và sản phẩm từ dược liệu\n\
                    82,5\n2\nNấm\nDược liệu và sản phẩm từ dược liệu\n68\n";
        let got = lines(text);
        assert_eq!(
            got.iter().filter(|l| l.starts_with("Dược liệu")).count(),
            2,
            "{got:?}"
        );
    }

    #[test]
    fn words_glued_at_a_line_break_are_parted_where_the_text_has_both() {
        let parted = split_glued(vec![
            "Phòng Nông nghiệp; PhòngY".into(),
            "tế huyện. Phòng Y tế hướng dẫn; VietGAP, TikTok.".into(),
        ]);
        assert_eq!(parted[0], "Phòng Nông nghiệp; Phòng Y");
        assert_eq!(
            parted[1],
            "tế huyện. Phòng Y tế hướng dẫn; VietGAP, TikTok."
        );
    }

    #[test]
    fn page_numbers() {
        for n in ["3", "- 3 -", "Trang 3", "Trang 3/10", " 12 "] {
            assert!(is_page_number(n), "{n}");
        }
        for n in ["2021", "3.", "Trang chủ", "1/2/2027"] {
            assert!(!is_page_number(n), "{n}");
        }
    }
}
