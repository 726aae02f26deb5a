//! Lines indented with Tabs or with spaces YAML does not count (a
//! non-breaking space pasted from Word): reported once, then read as the
//! author meant them, so the file's other problems are reported in the
//! same run instead of hiding behind the first Tab.
//!
//! A Tab is as wide as the author's editor showed it, which the file does
//! not say: the widths people use are tried in turn, and the first with
//! which the whole file reads is taken. When none does, the indentation is
//! the only problem reported.

use crate::diag::{Diagnostic, Pos};

use super::source::SourceFile;

/// Tab widths, most common first.
const TAB_WIDTHS: [usize; 5] = [2, 4, 8, 1, 3];

/// One line whose indentation was replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    pub line: usize,
    /// Characters of indentation as written.
    pub was: usize,
    /// Spaces put in their place.
    pub now: usize,
}

/// The lines indented with something other than plain spaces, each with
/// its first odd character (1-based column) and what it is.
pub fn odd_lines(text: &str) -> Vec<(Pos, &'static str)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        for (col, c) in line.chars().enumerate() {
            let what = match c {
                ' ' => continue,
                '\t' => "ký tự Tab",
                '\u{a0}' | '\u{202f}' => "dấu cách không ngắt (NBSP, thường do dán từ Word)",
                '\u{3000}' | '\u{2000}'..='\u{200a}' => "một loại dấu cách đặc biệt",
                _ => break,
            };
            out.push((
                Pos {
                    line: i + 1,
                    col: col + 1,
                },
                what,
            ));
            break;
        }
    }
    out
}

/// The one report for every oddly indented line.
pub fn problem(source: &SourceFile, odd: &[(Pos, &'static str)]) -> Option<Diagnostic> {
    let (first, what) = *odd.first()?;
    let mut message = format!("dòng được thụt lề bằng {what}");
    if odd.len() > 1 {
        let others: Vec<String> = odd[1..]
            .iter()
            .take(12)
            .map(|(p, _)| p.line.to_string())
            .collect();
        let more = if odd.len() > 13 { ", …" } else { "" };
        message.push_str(&format!(
            " (và {} dòng khác: {}{more})",
            odd.len() - 1,
            others.join(", ")
        ));
    }
    Some(source.error_at_pos(first, message).hint(
        "YAML chỉ cho phép thụt lề bằng dấu cách thường; xóa khoảng trắng đầu các dòng này và gõ lại bằng phím cách (trong Notepad++: Edit › Blank Operations › TAB to Space)",
    ))
}

/// `text` with the indentation of `lines` made of spaces, a Tab `width`
/// wide, and the lines changed.
pub fn respaced(text: &str, odd: &[(Pos, &'static str)], width: usize) -> (String, Vec<Shift>) {
    let mut out = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    let mut odd = odd.iter().map(|(p, _)| p.line).peekable();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if odd.peek() != Some(&(i + 1)) {
            out.push_str(line);
            continue;
        }
        odd.next();
        let body = line.trim_start_matches(|c: char| c != '\n' && c.is_whitespace());
        let lead = &line[..line.len() - body.len()];
        let now: usize = lead
            .chars()
            .map(|c| if c == '\t' { width } else { 1 })
            .sum();
        out.extend(std::iter::repeat_n(' ', now));
        out.push_str(body);
        shifts.push(Shift {
            line: i + 1,
            was: lead.chars().count(),
            now,
        });
    }
    (out, shifts)
}

/// The widths to try, most likely first. An editor puts spaces after a
/// Tab only to reach a column short of the next Tab stop, so a line
/// indented with a Tab and then six spaces says a Tab is wider than six.
pub fn widths(text: &str) -> Vec<usize> {
    let after_tab = text
        .lines()
        .filter_map(|l| {
            let lead = &l[..l.len() - l.trim_start_matches([' ', '\t']).len()];
            let tab = lead.rfind('\t')?;
            Some(lead.len() - tab - 1)
        })
        .max()
        .unwrap_or(0);
    let (likely, rest): (Vec<usize>, Vec<usize>) =
        TAB_WIDTHS.into_iter().partition(|w| *w > after_tab);
    likely.into_iter().chain(rest).collect()
}

/// A position in the respaced text, as a position in the text as written.
pub fn original(pos: Pos, shifts: &[Shift]) -> Pos {
    match shifts.binary_search_by_key(&pos.line, |s| s.line) {
        Ok(i) => {
            let s = shifts[i];
            let col = if pos.col > s.now {
                pos.col - s.now + s.was
            } else {
                pos.col.min(s.was.max(1))
            };
            Pos {
                line: pos.line,
                col,
            }
        }
        Err(_) => pos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_become_spaces_and_positions_map_back() {
        let text = "issuer:\n\tlevel: province\n  name: A\n";
        let odd = odd_lines(text);
        assert_eq!(odd.len(), 1);
        let (fixed, shifts) = respaced(text, &odd, 2);
        assert_eq!(fixed, "issuer:\n  level: province\n  name: A\n");
        assert_eq!(
            shifts,
            vec![Shift {
                line: 2,
                was: 1,
                now: 2
            }]
        );
        // "province" starts at column 10 respaced, 9 as written.
        assert_eq!(
            original(Pos { line: 2, col: 10 }, &shifts),
            Pos { line: 2, col: 9 }
        );
        assert_eq!(
            original(Pos { line: 3, col: 3 }, &shifts),
            Pos { line: 3, col: 3 }
        );
    }

    #[test]
    fn spaces_after_a_tab_say_how_wide_it_is() {
        assert_eq!(widths("a:\n\tb: 1\n"), vec![2, 4, 8, 1, 3]);
        assert_eq!(widths("a:\n\tb:\n\t  c: 1\n"), vec![4, 8, 3, 2, 1]);
        assert_eq!(widths("a:\n\tb:\n\t      c: 1\n"), vec![8, 2, 4, 1, 3]);
    }

    #[test]
    fn a_nbsp_counts_as_one_space() {
        let text = "a:\n\u{a0} b: 1\r\n";
        let (fixed, _) = respaced(text, &odd_lines(text), 4);
        assert_eq!(fixed, "a:\n  b: 1\r\n");
    }
}
