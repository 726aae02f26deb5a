//! Automatic numbering as word processors display it: a number in the
//! format a list level names (1, I, i, A, a, 01, a bullet), and the
//! counters of a multi-level list, which restart the levels below the one
//! that advanced. Word (numbering.xml) and Writer (text:list-style) both
//! describe their lists in these terms; each reader maps its own names.

/// How a level shows its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NumFormat {
    #[default]
    Decimal,
    /// 01, 02 … 10.
    DecimalZero,
    UpperRoman,
    LowerRoman,
    /// A … Z, then AA … ZZ (Word's sequence: the letter repeated).
    UpperLetter,
    LowerLetter,
    /// The level's text is the bullet itself.
    Bullet,
    /// No number shown.
    None,
}

impl NumFormat {
    /// `n` in this format; empty for bullets and `None`.
    pub fn format(self, n: u32) -> String {
        match self {
            NumFormat::Decimal => n.to_string(),
            NumFormat::DecimalZero => format!("{n:02}"),
            NumFormat::UpperRoman => crate::vn::roman(n.min(3999)),
            NumFormat::LowerRoman => crate::vn::roman(n.min(3999)).to_lowercase(),
            NumFormat::UpperLetter => letters(n).to_uppercase(),
            NumFormat::LowerLetter => letters(n),
            NumFormat::Bullet | NumFormat::None => String::new(),
        }
    }
}

/// Word's and Writer's letters: a … z, then aa … zz, aaa … (the Latin
/// alphabet; the Vietnamese "đ" appears only where the author typed it).
fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let i = (n - 1) % 26;
    let times = ((n - 1) / 26 + 1).min(50) as usize;
    let c = char::from(b'a' + i as u8);
    std::iter::repeat_n(c, times).collect()
}

/// The bullet a symbol font's private-use character draws (Symbol and
/// Wingdings map their glyphs to U+F0xx), as a reader would type it.
pub fn bullet_text(text: &str) -> String {
    text.chars()
        .map(|c| match c as u32 {
            0xF0B7 | 0xF06C | 0xF09F | 0xF0A1 => '•',
            0xF0A7 | 0xF06E | 0xF0FA => '▪',
            0xF0D8 | 0xF0E0 | 0xF0E8 => '➢',
            0xF076 => '❖',
            0xF0FC | 0xF0FE => '✓',
            0xF02D => '-',
            0xF02B => '+',
            0xE000..=0xF8FF => '•',
            _ => c,
        })
        .collect()
}

/// Levels a list may have (Word and Writer both stop at 9 and 10).
pub const LEVELS: usize = 10;

/// The counters of one list: the current number at each level, `None`
/// where that level has not been used since it was last restarted.
#[derive(Debug, Clone, Default)]
pub struct Counters {
    values: [Option<u32>; LEVELS],
}

impl Counters {
    /// Advances `level` (0-based) from `start`; levels below it restart
    /// unless `restarts(deeper)` says they continue.
    pub fn advance(&mut self, level: usize, start: u32, restarts: impl Fn(usize) -> bool) -> u32 {
        let level = level.min(LEVELS - 1);
        let value = match self.values[level] {
            Some(v) => v.saturating_add(1),
            None => start,
        };
        self.values[level] = Some(value);
        for deeper in level + 1..LEVELS {
            if restarts(deeper) {
                self.values[deeper] = None;
            }
        }
        value
    }

    /// The number shown for `level`: its counter, or `start` where it
    /// has not been used (Word shows "1.1." for a first item at level 2).
    pub fn value(&self, level: usize, start: u32) -> u32 {
        self.values[level.min(LEVELS - 1)].unwrap_or(start)
    }

    /// Forgets `level` so that it starts again.
    pub fn reset(&mut self, level: usize) {
        self.values[level.min(LEVELS - 1)] = None;
    }
}

/// Whether the text already opens with the label automatic numbering
/// would show (a document that typed "1." and also has numbering on).
pub fn typed(text: &str, label: &str) -> bool {
    let label = label.trim();
    !label.is_empty() && text.trim_start().starts_with(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_word_displays_them() {
        assert_eq!(NumFormat::UpperRoman.format(4), "IV");
        assert_eq!(NumFormat::LowerRoman.format(9), "ix");
        assert_eq!(NumFormat::LowerLetter.format(5), "e");
        assert_eq!(NumFormat::LowerLetter.format(27), "aa");
        assert_eq!(NumFormat::UpperLetter.format(28), "BB");
        assert_eq!(NumFormat::DecimalZero.format(3), "03");
        assert_eq!(NumFormat::Bullet.format(3), "");
        assert_eq!(NumFormat::LowerLetter.format(0), "");
        assert_eq!(bullet_text("\u{f0b7}"), "•");
        assert_eq!(bullet_text("-"), "-");
    }

    #[test]
    fn deeper_levels_restart_when_a_higher_one_advances() {
        let mut c = Counters::default();
        assert_eq!(c.advance(0, 1, |_| true), 1);
        assert_eq!(c.advance(1, 1, |_| true), 1);
        assert_eq!(c.advance(1, 1, |_| true), 2);
        assert_eq!(c.advance(0, 1, |_| true), 2);
        assert_eq!(c.value(1, 1), 1);
        assert_eq!(c.advance(1, 1, |_| true), 1);
        // A level told never to restart goes on.
        assert_eq!(c.advance(0, 1, |_| false), 3);
        assert_eq!(c.advance(1, 1, |_| true), 2);
        assert!(typed("1. Mục tiêu", "1."));
        assert!(!typed("Mục tiêu", "1."));
    }
}
