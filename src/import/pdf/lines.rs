//! A page's glyphs gathered into lines and words, as the eye reads them:
//! glyphs on one baseline (a raised footnote mark included) make a line,
//! a gap wider than a space starts a word, and the running heads, footers
//! and page numbers that repeat from page to page are set aside.

use std::collections::HashMap;

use super::glyphs::Glyph;

/// A word with the style of its letters.
#[derive(Debug, Clone)]
pub struct Word {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub size: f32,
}

/// A line of text on a page.
#[derive(Debug, Clone)]
pub struct Line {
    pub page: usize,
    /// Baseline, from the top of the page (grows downwards).
    pub top: f32,
    pub size: f32,
    pub words: Vec<Word>,
}

impl Line {
    pub fn x0(&self) -> f32 {
        self.words.first().map_or(0.0, |w| w.x0)
    }
    pub fn x1(&self) -> f32 {
        self.words.last().map_or(0.0, |w| w.x1)
    }
    pub fn center(&self) -> f32 {
        (self.x0() + self.x1()) / 2.0
    }
    pub fn text(&self) -> String {
        words_text(&self.words)
    }
}

pub fn words_text(words: &[Word]) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.text);
    }
    out
}

/// The lines of one page, top to bottom.
pub fn page_lines(page: usize, height: f32, mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.retain(|g| g.size > 0.5 && g.x.is_finite() && g.y.is_finite());
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut rows: Vec<(f32, f32, Vec<Glyph>)> = Vec::new();
    for g in glyphs {
        match rows.last_mut() {
            Some((y, size, row)) if (*y - g.y).abs() <= 0.45 * size.max(g.size) => {
                if g.size > *size {
                    *y = g.y;
                    *size = g.size;
                }
                row.push(g);
            }
            _ => rows.push((g.y, g.size, vec![g])),
        }
    }
    rows.into_iter()
        .filter_map(|(y, size, mut row)| {
            row.sort_by(|a, b| a.x.total_cmp(&b.x));
            let words = words(&row, size);
            (!words.is_empty()).then_some(Line {
                page,
                top: height - y,
                size,
                words,
            })
        })
        .collect()
}

/// The glyphs of a row made words: a space glyph, or a gap wider than a
/// fifth of the size, ends one. A glyph drawn twice at one place (bold
/// faked by overprinting) counts once, as bold.
fn words(row: &[Glyph], size: f32) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut open: Option<(Word, usize, usize)> = None; // word, bold letters, letters
    let mut last: Option<&Glyph> = None;
    let close = |open: &mut Option<(Word, usize, usize)>, out: &mut Vec<Word>| {
        if let Some((mut w, bold, letters)) = open.take() {
            w.bold = letters > 0 && bold * 2 > letters;
            if !w.text.trim().is_empty() {
                w.text = w.text.trim().to_string();
                out.push(w);
            }
        }
    };
    for g in row {
        if let Some(p) = last
            && p.text == g.text
            && (g.x - p.x).abs() < 0.25 * p.w.max(0.5)
        {
            if let Some((_, bold, _)) = open.as_mut() {
                *bold += 1;
            }
            continue;
        }
        let gap = last.map_or(0.0, |p| g.x - (p.x + p.w));
        let space = g.text.chars().all(char::is_whitespace);
        if space || gap > 0.2 * size.max(g.size) * 0.9 {
            close(&mut open, &mut out);
        }
        last = Some(g);
        if space {
            continue;
        }
        let letters = g.text.chars().filter(|c| c.is_alphanumeric()).count();
        let (w, bold, count) = open.get_or_insert_with(|| {
            (
                Word {
                    x0: g.x,
                    x1: g.x,
                    text: String::new(),
                    bold: false,
                    italic: g.italic,
                    size: g.size,
                },
                0,
                0,
            )
        });
        w.text.push_str(&g.text);
        w.x1 = g.x + g.w;
        w.size = w.size.max(g.size);
        if g.bold {
            *bold += letters;
        }
        *count += letters;
    }
    close(&mut open, &mut out);
    out
}

/// A page number standing alone: "3", "- 3 -", "Trang 3", "3/12".
pub fn is_page_number(text: &str) -> bool {
    let t = text
        .trim()
        .trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let t = t
        .strip_prefix("Trang")
        .or_else(|| t.strip_prefix("trang"))
        .unwrap_or(t)
        .trim();
    let mut parts = t.split('/');
    let number = |p: Option<&str>| {
        p.is_some_and(|p| {
            let p = p.trim();
            !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit())
        })
    };
    number(parts.next()) && parts.next().is_none_or(|p| number(Some(p))) && parts.next().is_none()
}

/// Lines the pages repeat in their top or bottom band (running heads and
/// footers, numbers aside) and numbers standing alone there (page
/// numbers): set aside.
pub fn drop_furniture(pages: &mut [Vec<Line>], heights: &[f32]) {
    let band = |line: &Line| {
        let h = heights.get(line.page).copied().unwrap_or(842.0);
        line.top < 0.12 * h || line.top > 0.88 * h
    };
    let key = |line: &Line| -> String {
        line.text()
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in pages.iter() {
        let mut keys: Vec<String> = page.iter().filter(|l| band(l)).map(key).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            *seen.entry(k).or_default() += 1;
        }
    }
    let many = pages.len() >= 2;
    for page in pages.iter_mut() {
        page.retain(|l| {
            let repeated = many && seen.get(&key(l)).copied().unwrap_or(0) >= 2;
            !(band(l) && (repeated || is_page_number(&l.text())))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f32, y: f32, text: &str, bold: bool) -> Glyph {
        Glyph {
            x,
            y,
            w: 6.0,
            size: 12.0,
            text: text.into(),
            bold,
            italic: false,
        }
    }

    #[test]
    fn glyphs_make_words_and_lines() {
        let mut gs = Vec::new();
        for (i, c) in "Số: 12".chars().enumerate() {
            gs.push(glyph(100.0 + 6.0 * i as f32, 700.0, &c.to_string(), false));
        }
        // A raised footnote mark stays on its line; an overprinted glyph counts once.
        gs.push(glyph(136.0, 703.0, "1", false));
        gs.push(glyph(100.0, 680.0, "K", true));
        gs.push(glyph(100.3, 680.0, "K", true));
        gs.push(glyph(106.0, 680.0, "Ế", true));
        let lines = page_lines(0, 842.0, gs);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].text(), "Số: 121");
        assert_eq!(lines[1].text(), "KẾ");
        assert!(lines[1].words[0].bold);
        assert!((lines[0].top - 142.0).abs() < 4.0);
    }

    #[test]
    fn page_numbers_are_told() {
        for t in ["3", "- 3 -", "Trang 3", "3/12", "– 12 –"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["3 sao", "I.", "12/KH-UBND", ""] {
            assert!(!is_page_number(t), "{t}");
        }
    }

    #[test]
    fn running_heads_and_page_numbers_are_set_aside() {
        let line = |page: usize, top: f32, text: &str| Line {
            page,
            top,
            size: 12.0,
            words: text
                .split(' ')
                .enumerate()
                .map(|(i, t)| Word {
                    x0: 100.0 + 40.0 * i as f32,
                    x1: 130.0 + 40.0 * i as f32,
                    text: t.into(),
                    bold: false,
                    italic: false,
                    size: 12.0,
                })
                .collect(),
        };
        let mut pages = vec![
            vec![
                line(0, 40.0, "CÔNG BÁO/Số 12/Ngày 5-1-2024"),
                line(0, 300.0, "Thân trang một"),
                line(0, 800.0, "1"),
            ],
            vec![
                line(1, 40.0, "CÔNG BÁO/Số 13/Ngày 5-1-2024"),
                line(1, 80.0, "2"),
                line(1, 300.0, "Thân trang hai"),
                line(1, 400.0, "2024"),
            ],
        ];
        drop_furniture(&mut pages, &[842.0, 842.0]);
        let left: Vec<String> = pages.iter().flatten().map(Line::text).collect();
        assert_eq!(left, ["Thân trang một", "Thân trang hai", "2024"]);
    }
}
