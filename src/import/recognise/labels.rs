//! The numbering label that opens a paragraph: "I.", "1.", "1.2.", "a)",
//! "-", "+", "(1)", as typed or as automatic numbering displays it. A label
//! written the regular way is firm; one without its dot, or with another
//! mark ("I MỤC ĐÍCH", "1) Mục đích", "2/ Yêu cầu", "a. Nội dung"), is
//! tentative: it counts only where the outline expects that number.

/// A numbering label.
#[derive(Debug, Clone, PartialEq)]
pub enum Label {
    Roman(u32),
    /// "1.", "1.2.", "1.2.3." (the numbers).
    Arabic(Vec<u32>),
    Letter(char),
    Dash,
    Plus,
    /// "•", "◦", "▪": a dash at the top of a list, the third level under a
    /// "+" (the marks "-", "+", "•" of the three levels offices type).
    Bullet,
    Paren(u32),
}

impl Label {
    /// A number of the outline (I., 1., 1.2.), not a list mark.
    pub fn is_heading_number(&self) -> bool {
        matches!(self, Label::Roman(_) | Label::Arabic(_))
    }
}

/// A label read off a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Read<'a> {
    pub label: Label,
    /// The text after the label.
    pub rest: &'a str,
    /// Written without the regular mark: taken only where it fits.
    pub tentative: bool,
}

/// The firm label at the start of `text` and the text after it.
pub fn item_label(text: &str) -> Option<(Label, &str)> {
    read(text)
        .filter(|r| !r.tentative)
        .map(|r| (r.label, r.rest))
}

/// The label at the start of `text`, firm or tentative.
pub fn read(text: &str) -> Option<Read<'_>> {
    let t = text.trim_start();
    let first = t.chars().next()?;
    fn firm(label: Label, rest: &str) -> Read<'_> {
        Read {
            label,
            rest: rest.trim_start(),
            tentative: false,
        }
    }
    if matches!(first, '-' | '–' | '—' | '+') || BULLETS.contains(&first) {
        let rest = &t[first.len_utf8()..];
        // "- 100% cán bộ …" is an item; "-5%" or a lone dash is not.
        let spaced = rest.starts_with(char::is_whitespace);
        let word = rest.chars().next().is_some_and(|c| !c.is_ascii_digit());
        if rest.trim().is_empty() || !(spaced || word) {
            return None;
        }
        let label = if first == '+' {
            Label::Plus
        } else if BULLETS.contains(&first) {
            Label::Bullet
        } else {
            Label::Dash
        };
        return Some(firm(label, rest));
    }
    if first == '(' {
        let (n, rest) = t[1..].split_once(')')?;
        return n
            .parse()
            .ok()
            .filter(|_| n.len() <= 2)
            .map(|n| firm(Label::Paren(n), rest));
    }
    let (head, rest) = t.split_once(' ').unwrap_or((t, ""));
    let rest = rest.trim_start();
    let (bare, mark) = match head.char_indices().last() {
        Some((i, c @ ('.' | ')' | '/'))) => (&head[..i], Some(c)),
        _ => (head, None),
    };
    if bare.is_empty() {
        return None;
    }
    let letter = {
        let mut c = bare.chars();
        match (c.next(), c.next()) {
            (Some(ch), None) if ch.is_lowercase() && ch.is_alphabetic() => Some(ch),
            _ => None,
        }
    };
    if let Some(ch) = letter {
        return mark.map(|m| Read {
            label: Label::Letter(ch),
            rest,
            tentative: m != ')',
        });
    }
    if bare.len() <= 6 && bare.chars().all(|c| "IVX".contains(c)) {
        let value = roman_value(bare)?;
        // Without a mark the word after must open a heading: "I MỤC ĐÍCH".
        if mark.is_none() && !rest.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        return Some(Read {
            label: Label::Roman(value),
            rest,
            tentative: mark != Some('.'),
        });
    }
    let parts: Vec<&str> = bare.split('.').collect();
    let numbers = parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
    if !numbers || parts.len() > 4 {
        return None;
    }
    let label = Label::Arabic(parts.iter().map(|p| p.parse().unwrap_or(0)).collect());
    let tentative = match mark {
        Some('.') => false,
        // "1.2 Tên mục": the inner dot says it is a number of the outline.
        None => parts.len() == 1,
        _ => true,
    };
    if tentative && !rest.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    Some(Read {
        label,
        rest,
        tentative,
    })
}

/// The round marks of a list's third level.
const BULLETS: [char; 4] = ['•', '◦', '▪', '○'];

pub fn roman_value(s: &str) -> Option<u32> {
    (1..40).find(|&n| crate::vn::roman(n) == s)
}

/// The text of a paragraph with the label automatic numbering displays
/// before it, as a reader of the page sees it; bullets become "-" (or "+"
/// when the reader shows one).
pub fn with_label(label: &str, text: &str) -> String {
    let label = label.trim();
    if label.is_empty() {
        return text.to_string();
    }
    let bullet = label.chars().count() == 1 && !label.chars().all(char::is_alphanumeric);
    if bullet {
        let mark = if label == "+" { "+" } else { "-" };
        return format!("{mark} {text}");
    }
    format!("{label} {text}")
}

/// The line that opens an appendix: "Phụ lục", "Phụ lục I", "Phụ lục số
/// 02: …", "Phụ lục II (Kèm theo …)", "PHỤ LỤC …"; not prose that names
/// one ("Phụ lục I kèm theo Kế hoạch này.", where a copy wrapped a
/// sentence), so that a caller reading lines as the page wrapped them may
/// ask it too.
pub fn is_appendix_title(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with("PHỤ LỤC") {
        return true;
    }
    let Some(rest) = t.strip_prefix("Phụ lục") else {
        return false;
    };
    if rest.starts_with(char::is_alphanumeric) {
        return false;
    }
    // After the word: nothing, a mark, or the appendix's number; then
    // nothing, a mark, or a title in capitals.
    let rest = rest.trim_start();
    let rest = rest.strip_prefix("số ").unwrap_or(rest);
    let number = rest
        .find(|c: char| !(c.is_ascii_digit() || "IVXLC".contains(c)))
        .unwrap_or(rest.len());
    if number == 0 && rest.starts_with(char::is_alphanumeric) {
        return false;
    }
    let after = rest[number..].trim_start();
    after.is_empty()
        || after.starts_with([':', '.', '-', '–', '—', '(', ','])
        || after.chars().all(|c| !c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn firm(t: &str) -> Option<Label> {
        item_label(t).map(|(l, _)| l)
    }

    fn tentative(t: &str) -> Option<Label> {
        read(t).filter(|r| r.tentative).map(|r| r.label)
    }

    #[test]
    fn labels_written_the_regular_way_are_firm() {
        assert_eq!(firm("II. NHIỆM VỤ"), Some(Label::Roman(2)));
        assert_eq!(firm("1.2. Tuyên truyền"), Some(Label::Arabic(vec![1, 2])));
        assert_eq!(firm("1.2 Tuyên truyền"), Some(Label::Arabic(vec![1, 2])));
        assert_eq!(firm("a) Nội dung"), Some(Label::Letter('a')));
        assert_eq!(firm("(3) Ưu tiên"), Some(Label::Paren(3)));
        assert_eq!(firm("- Ý một"), Some(Label::Dash));
        assert_eq!(firm("+ Ý con"), Some(Label::Plus));
        assert_eq!(firm("• Ý cháu"), Some(Label::Bullet));
        // A bullet that starts with a number is still a bullet.
        assert_eq!(firm("- 100% cán bộ được tập huấn"), Some(Label::Dash));
        assert_eq!(firm("-5% so với năm trước"), None);
    }

    #[test]
    fn labels_without_their_mark_are_tentative() {
        assert_eq!(tentative("I MỤC ĐÍCH, YÊU CẦU"), Some(Label::Roman(1)));
        assert_eq!(tentative("III KINH PHÍ"), Some(Label::Roman(3)));
        assert_eq!(tentative("II) NHIỆM VỤ"), Some(Label::Roman(2)));
        assert_eq!(tentative("1) Mục đích"), Some(Label::Arabic(vec![1])));
        assert_eq!(tentative("2/ Yêu cầu"), Some(Label::Arabic(vec![2])));
        assert_eq!(tentative("1 Mục đích"), Some(Label::Arabic(vec![1])));
        assert_eq!(tentative("a. Nội dung"), Some(Label::Letter('a')));
        // A number that opens a sentence is no label.
        assert_eq!(read("2 lớp tập huấn đã mở"), None);
        assert_eq!(read("2021 là năm đầu"), None);
        assert_eq!(read("I think"), None);
        assert_eq!(read("V/v triển khai"), None);
    }

    #[test]
    fn automatic_numbering_is_shown_before_the_text() {
        assert_eq!(with_label("II.", "NHIỆM VỤ"), "II. NHIỆM VỤ");
        assert_eq!(with_label("•", "Ý một"), "- Ý một");
        assert_eq!(with_label("", "Đoạn"), "Đoạn");
    }

    #[test]
    fn appendix_titles_are_told_from_prose_that_names_one() {
        for title in [
            "Phụ lục",
            "Phụ lục I",
            "  Phụ lục II  ",
            "Phụ lục 02",
            "Phụ lục số 3: Danh mục sản phẩm",
            "Phụ lục III (Kèm theo Kế hoạch số 12/KH-UBND)",
            "Phụ lục: Kinh phí",
            "Phụ lục I DANH MỤC NHIỆM VỤ",
            "PHỤ LỤC",
            "PHỤ LỤC II",
            "PHỤ LỤC KINH PHÍ THỰC HIỆN",
        ] {
            assert!(is_appendix_title(title), "{title}");
        }
        for prose in [
            "Phụ lục I kèm theo Kế hoạch này.",
            "Phụ lục kèm theo Quyết định này gồm 12 sản phẩm.",
            "Phụ lục Ikèm",
            "Phụ lụcX",
            "Kinh phí tại Phụ lục II",
            "Phụ",
            "",
        ] {
            assert!(!is_appendix_title(prose), "{prose}");
        }
    }
}
