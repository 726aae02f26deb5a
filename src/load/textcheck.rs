//! Characters that must not reach an official document from pasted text:
//! invisible or direction-changing characters (the page would show one
//! name while the text layer, search and the QR code hold another),
//! control characters, symbol-font private-use glyphs, towers of combining
//! marks, and Vietnamese typed in a legacy 8-bit encoding.
//!
//! [`check`] is a pure function over a string: spreadsheet cells and YAML
//! values are checked the same way, and each caller says where the text was.

use std::ops::RangeInclusive;

use crate::text::{self, LegacyEncoding};

/// What kind of character (or text) is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// C0/C1 control characters, DEL, Unicode line/paragraph separators.
    Control,
    /// Bidirectional embedding, override, isolate and mark characters.
    Bidi,
    /// Zero-width and other invisible characters.
    Invisible,
    /// U+00AD, printed only where a line happens to break.
    SoftHyphen,
    /// Private-use code points (symbol fonts such as Wingdings).
    PrivateUse,
    /// U+FFFD and noncharacters: the text was damaged by a wrong decoding.
    Damaged,
    /// More combining marks on one letter than any language needs.
    CombiningRun,
    /// The whole text looks like TCVN3 or VNI bytes read as Unicode.
    Legacy(LegacyEncoding),
}

/// One refused character (or, for [`Kind::Legacy`], the first marker of
/// the legacy encoding), with every occurrence of the same character counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: Kind,
    pub ch: char,
    /// Index in characters (not bytes) of the first occurrence, 0-based.
    pub index: usize,
    /// How many times the character occurs (for a combining run: its length).
    pub count: usize,
    /// Vietnamese description with the code point and its Unicode name, e.g.
    /// "ký tự đảo chiều văn bản U+202E (RIGHT-TO-LEFT OVERRIDE)".
    pub name: String,
    /// How to fix it, in Vietnamese.
    pub hint: &'static str,
}

/// Combining marks allowed on one base character. Vietnamese needs two at
/// most (ệ = e + circumflex + dot below, in decomposed form).
pub const MAX_COMBINING: usize = 3;

const HINT_PASTE: &str =
    "xóa ký tự này (nó thường lẫn vào khi dán từ Word, PDF hoặc trang web) rồi gõ lại đoạn đó";
const HINT_BIDI: &str = "ký tự này làm chữ hiển thị khác với nội dung thật (có thể dùng để giả mạo); xóa nó: gõ lại toàn bộ ô, không dán";
const HINT_INVISIBLE: &str =
    "ký tự này không nhìn thấy nhưng vẫn nằm trong văn bản và mã QR; gõ lại ô này thay vì dán";
const HINT_SOFT_HYPHEN: &str =
    "xóa dấu gạch nối mềm (thường từ Word); nếu cần gạch nối thì gõ dấu - thường";
const HINT_PRIVATE: &str =
    "đây là ký hiệu của phông Symbol/Wingdings, không phải chữ; xóa hoặc thay bằng chữ thường";
const HINT_DAMAGED: &str =
    "văn bản đã bị hỏng khi chuyển mã; gõ lại hoặc dán lại từ bản gốc ở dạng Unicode";
const HINT_COMBINING: &str =
    "quá nhiều dấu chồng lên một chữ; gõ lại từ này bằng bộ gõ tiếng Việt (Unicode dựng sẵn)";

/// Checks `text`; empty when it is clean. Line feeds and tabs are allowed
/// (so is CR directly before LF); each distinct character is reported once.
pub fn check(text: &str) -> Vec<Problem> {
    let mut out: Vec<Problem> = Vec::new();
    if let Some(enc) = text::detect_legacy(text) {
        let (index, ch) = text
            .chars()
            .enumerate()
            .find(|(_, c)| !c.is_ascii() && !is_vietnamese_letter(*c))
            .unwrap_or((0, ' '));
        out.push(Problem {
            kind: Kind::Legacy(enc),
            ch,
            index,
            count: 1,
            name: format!("văn bản có vẻ ở bảng mã cũ {}", enc.name()),
            hint: legacy_hint(enc),
        });
        return out;
    }
    let mut run = 0usize;
    let mut run_start = 0usize;
    let mut chars = text.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        if is_combining(c) {
            if run == 0 {
                run_start = i;
            }
            run += 1;
        } else {
            push_run(&mut out, text, run, run_start);
            run = 0;
        }
        let allowed =
            matches!(c, '\n' | '\t') || (c == '\r' && chars.peek().map(|p| p.1) == Some('\n'));
        if !allowed && let Some((kind, name, hint)) = classify(c) {
            match out.iter_mut().find(|p| p.ch == c && p.kind == kind) {
                Some(p) => p.count += 1,
                None => out.push(Problem {
                    kind,
                    ch: c,
                    index: i,
                    count: 1,
                    name,
                    hint,
                }),
            }
        }
    }
    push_run(&mut out, text, run, run_start);
    out
}

fn push_run(out: &mut Vec<Problem>, text: &str, run: usize, start: usize) {
    if run <= MAX_COMBINING {
        return;
    }
    let ch = text.chars().nth(start).unwrap_or(' ');
    out.push(Problem {
        kind: Kind::CombiningRun,
        ch,
        index: start,
        count: run,
        name: format!(
            "chuỗi {run} dấu phụ chồng lên một chữ (bắt đầu bằng {})",
            code(ch)
        ),
        hint: HINT_COMBINING,
    });
}

/// Whether `c` is refused wherever it stands (line feed and tab aside).
pub fn refused(c: char) -> bool {
    !matches!(c, '\n' | '\t') && classify(c).is_some()
}

/// "U+202E".
pub fn code(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

fn is_combining(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// Letters of the Vietnamese alphabet outside ASCII (precomposed).
fn is_vietnamese_letter(c: char) -> bool {
    use unicode_normalization::UnicodeNormalization;
    if c == 'đ' || c == 'Đ' {
        return true;
    }
    let mut d = std::iter::once(c).nfd();
    matches!(d.next(), Some(b) if b.is_ascii_alphabetic()) && d.all(is_combining)
}

/// A range of refused code points and how a message names them.
struct Refused {
    codes: RangeInclusive<u32>,
    kind: Kind,
    /// The Vietnamese description.
    vi: &'static str,
    /// The Unicode name (or, for C1 controls, what they usually were).
    en: &'static str,
    hint: &'static str,
}

impl Refused {
    const fn new(
        from: u32,
        to: u32,
        kind: Kind,
        vi: &'static str,
        en: &'static str,
        hint: &'static str,
    ) -> Refused {
        Refused {
            codes: from..=to,
            kind,
            vi,
            en,
            hint,
        }
    }
}

/// Every refused character but C0 controls (named by [`c0_name`]) and the
/// noncharacters at the end of each plane (U+xxFFFE, U+xxFFFF), by code
/// point (searched by bisection).
const REFUSED: &[Refused] = &[
    Refused::new(
        0x80,
        0x9F,
        Kind::Control,
        "ký tự điều khiển C1",
        "thường là dấu ngoặc kép hoặc gạch ngang của Windows-1252 bị đọc sai",
        HINT_DAMAGED,
    ),
    Refused::new(
        0x00AD,
        0x00AD,
        Kind::SoftHyphen,
        "dấu gạch nối mềm (vô hình)",
        "SOFT HYPHEN",
        HINT_SOFT_HYPHEN,
    ),
    Refused::new(
        0x034F,
        0x034F,
        Kind::Invisible,
        "ký tự nối tổ hợp (vô hình)",
        "COMBINING GRAPHEME JOINER",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x061C,
        0x061C,
        Kind::Bidi,
        "dấu chiều chữ Ả Rập (vô hình)",
        "ARABIC LETTER MARK",
        HINT_BIDI,
    ),
    Refused::new(
        0x115F,
        0x115F,
        Kind::Invisible,
        "ký tự lấp chỗ Hangul (vô hình)",
        "HANGUL FILLER",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x1160,
        0x1160,
        Kind::Invisible,
        "ký tự lấp chỗ Hangul (vô hình)",
        "HANGUL FILLER",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x17B4,
        0x17B4,
        Kind::Invisible,
        "nguyên âm Khmer vô hình",
        "KHMER VOWEL INHERENT",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x17B5,
        0x17B5,
        Kind::Invisible,
        "nguyên âm Khmer vô hình",
        "KHMER VOWEL INHERENT",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x180E,
        0x180E,
        Kind::Invisible,
        "dấu tách nguyên âm Mông Cổ (vô hình)",
        "MONGOLIAN VOWEL SEPARATOR",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x200B,
        0x200B,
        Kind::Invisible,
        "khoảng trắng độ rộng 0 (vô hình)",
        "ZERO WIDTH SPACE",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x200C,
        0x200C,
        Kind::Invisible,
        "ký tự ngăn nối độ rộng 0 (vô hình)",
        "ZERO WIDTH NON-JOINER",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x200D,
        0x200D,
        Kind::Invisible,
        "ký tự nối độ rộng 0 (vô hình)",
        "ZERO WIDTH JOINER",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x200E,
        0x200E,
        Kind::Bidi,
        "dấu chiều trái sang phải (vô hình)",
        "LEFT-TO-RIGHT MARK",
        HINT_BIDI,
    ),
    Refused::new(
        0x200F,
        0x200F,
        Kind::Bidi,
        "dấu chiều phải sang trái (vô hình)",
        "RIGHT-TO-LEFT MARK",
        HINT_BIDI,
    ),
    Refused::new(
        0x2028,
        0x2028,
        Kind::Control,
        "ký tự ngắt dòng Unicode",
        "LINE SEPARATOR",
        HINT_PASTE,
    ),
    Refused::new(
        0x2029,
        0x2029,
        Kind::Control,
        "ký tự ngắt đoạn Unicode",
        "PARAGRAPH SEPARATOR",
        HINT_PASTE,
    ),
    Refused::new(
        0x202A,
        0x202A,
        Kind::Bidi,
        "ký tự nhúng chiều trái sang phải",
        "LEFT-TO-RIGHT EMBEDDING",
        HINT_BIDI,
    ),
    Refused::new(
        0x202B,
        0x202B,
        Kind::Bidi,
        "ký tự nhúng chiều phải sang trái",
        "RIGHT-TO-LEFT EMBEDDING",
        HINT_BIDI,
    ),
    Refused::new(
        0x202C,
        0x202C,
        Kind::Bidi,
        "ký tự kết thúc định chiều",
        "POP DIRECTIONAL FORMATTING",
        HINT_BIDI,
    ),
    Refused::new(
        0x202D,
        0x202D,
        Kind::Bidi,
        "ký tự ép chiều văn bản trái sang phải",
        "LEFT-TO-RIGHT OVERRIDE",
        HINT_BIDI,
    ),
    Refused::new(
        0x202E,
        0x202E,
        Kind::Bidi,
        "ký tự đảo chiều văn bản",
        "RIGHT-TO-LEFT OVERRIDE",
        HINT_BIDI,
    ),
    Refused::new(
        0x2060,
        0x2060,
        Kind::Invisible,
        "ký tự nối từ (vô hình)",
        "WORD JOINER",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x2061,
        0x2064,
        Kind::Invisible,
        "ký tự toán học vô hình",
        "INVISIBLE OPERATOR",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0x2066,
        0x2066,
        Kind::Bidi,
        "ký tự cô lập chiều trái sang phải",
        "LEFT-TO-RIGHT ISOLATE",
        HINT_BIDI,
    ),
    Refused::new(
        0x2067,
        0x2067,
        Kind::Bidi,
        "ký tự cô lập chiều phải sang trái",
        "RIGHT-TO-LEFT ISOLATE",
        HINT_BIDI,
    ),
    Refused::new(
        0x2068,
        0x2068,
        Kind::Bidi,
        "ký tự cô lập chiều tự động",
        "FIRST STRONG ISOLATE",
        HINT_BIDI,
    ),
    Refused::new(
        0x2069,
        0x2069,
        Kind::Bidi,
        "ký tự kết thúc cô lập chiều",
        "POP DIRECTIONAL ISOLATE",
        HINT_BIDI,
    ),
    Refused::new(
        0x3164,
        0x3164,
        Kind::Invisible,
        "ký tự lấp chỗ Hangul (vô hình)",
        "HANGUL FILLER",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0xE000,
        0xF8FF,
        Kind::PrivateUse,
        "ký hiệu riêng của phông",
        "PRIVATE USE",
        HINT_PRIVATE,
    ),
    Refused::new(
        0xFDD0,
        0xFDEF,
        Kind::Damaged,
        "mã không phải ký tự",
        "NONCHARACTER",
        HINT_DAMAGED,
    ),
    Refused::new(
        0xFE00,
        0xFE0F,
        Kind::Invisible,
        "bộ chọn biến thể (vô hình)",
        "VARIATION SELECTOR",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0xFEFF,
        0xFEFF,
        Kind::Invisible,
        "dấu BOM / khoảng trắng không ngắt độ rộng 0 (vô hình)",
        "ZERO WIDTH NO-BREAK SPACE",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0xFFA0,
        0xFFA0,
        Kind::Invisible,
        "ký tự lấp chỗ Hangul (vô hình)",
        "HANGUL FILLER",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0xFFF9,
        0xFFFB,
        Kind::Invisible,
        "ký tự chú thích liên dòng (vô hình)",
        "INTERLINEAR ANNOTATION",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0xFFFD,
        0xFFFD,
        Kind::Damaged,
        "ký tự thay thế �",
        "REPLACEMENT CHARACTER",
        HINT_DAMAGED,
    ),
    Refused::new(
        0xE0000,
        0xE007F,
        Kind::Invisible,
        "ký tự thẻ ẩn",
        "TAG CHARACTER",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0xE0100,
        0xE01EF,
        Kind::Invisible,
        "bộ chọn biến thể (vô hình)",
        "VARIATION SELECTOR",
        HINT_INVISIBLE,
    ),
    Refused::new(
        0xF0000,
        0xFFFFD,
        Kind::PrivateUse,
        "ký hiệu riêng của phông",
        "PRIVATE USE",
        HINT_PRIVATE,
    ),
    Refused::new(
        0x100000,
        0x10FFFD,
        Kind::PrivateUse,
        "ký hiệu riêng của phông",
        "PRIVATE USE",
        HINT_PRIVATE,
    ),
];

const NONCHARACTER: Refused = Refused::new(
    0xFFFE,
    0xFFFF,
    Kind::Damaged,
    "mã không phải ký tự",
    "NONCHARACTER",
    HINT_DAMAGED,
);

fn classify(c: char) -> Option<(Kind, String, &'static str)> {
    let n = c as u32;
    let (kind, vi, en, hint) = match n {
        0x00..=0x1F | 0x7F => (Kind::Control, "ký tự điều khiển", c0_name(n), HINT_PASTE),
        // Printable ASCII, the common case.
        0x20..=0x7E => return None,
        _ => {
            let found = REFUSED.binary_search_by(|r| {
                if *r.codes.end() < n {
                    std::cmp::Ordering::Less
                } else if *r.codes.start() > n {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            });
            let r = match found {
                Ok(i) => &REFUSED[i],
                Err(_) if n & 0xFFFE == 0xFFFE => &NONCHARACTER,
                Err(_) => return None,
            };
            (r.kind, r.vi, r.en, r.hint)
        }
    };
    Some((kind, format!("{vi} {} ({en})", code(c)), hint))
}

fn c0_name(n: u32) -> &'static str {
    const NAMES: [&str; 32] = [
        "NULL",
        "START OF HEADING",
        "START OF TEXT",
        "END OF TEXT",
        "END OF TRANSMISSION",
        "ENQUIRY",
        "ACKNOWLEDGE",
        "BELL",
        "BACKSPACE",
        "CHARACTER TABULATION",
        "LINE FEED",
        "LINE TABULATION",
        "FORM FEED",
        "CARRIAGE RETURN",
        "SHIFT OUT",
        "SHIFT IN",
        "DATA LINK ESCAPE",
        "DEVICE CONTROL ONE",
        "DEVICE CONTROL TWO",
        "DEVICE CONTROL THREE",
        "DEVICE CONTROL FOUR",
        "NEGATIVE ACKNOWLEDGE",
        "SYNCHRONOUS IDLE",
        "END OF TRANSMISSION BLOCK",
        "CANCEL",
        "END OF MEDIUM",
        "SUBSTITUTE",
        "ESCAPE",
        "INFORMATION SEPARATOR FOUR",
        "INFORMATION SEPARATOR THREE",
        "INFORMATION SEPARATOR TWO",
        "INFORMATION SEPARATOR ONE",
    ];
    NAMES.get(n as usize).copied().unwrap_or("DELETE")
}

/// How to convert legacy-encoded text, per encoding.
pub fn legacy_hint(enc: LegacyEncoding) -> &'static str {
    match enc {
        LegacyEncoding::Tcvn3 => {
            "chuyển văn bản sang Unicode (ví dụ Unikey: Công cụ chuyển mã, nguồn TCVN3 (ABC), đích Unicode) rồi dán lại"
        }
        LegacyEncoding::Vni => {
            "chuyển văn bản sang Unicode (ví dụ Unikey: Công cụ chuyển mã, nguồn VNI Windows, đích Unicode) rồi dán lại"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_code_point_order() {
        for pair in REFUSED.windows(2) {
            assert!(
                pair[0].codes.end() < pair[1].codes.start(),
                "{:X} before {:X}",
                pair[0].codes.start(),
                pair[1].codes.start()
            );
        }
    }

    fn kinds(s: &str) -> Vec<Kind> {
        check(s).into_iter().map(|p| p.kind).collect()
    }

    #[test]
    fn clean_vietnamese_passes() {
        assert!(check("Chè Shan tuyết San Thàng, xã San Thàng\ttỉnh Lai Châu\nHTX").is_empty());
        assert!(check("Bản quyền © 2024 – “OCOP” ★★★★").is_empty());
        // Decomposed Vietnamese (two marks on one letter) is fine.
        assert!(check("Vie\u{0302}\u{0323}t Nam").is_empty());
        assert!(check("a\r\nb").is_empty());
    }

    #[test]
    fn right_to_left_override_is_named_precisely() {
        let p = check("HTX \u{202E}ạnh Hồng");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, Kind::Bidi);
        assert_eq!(p[0].index, 4);
        assert_eq!(
            p[0].name,
            "ký tự đảo chiều văn bản U+202E (RIGHT-TO-LEFT OVERRIDE)"
        );
    }

    #[test]
    fn invisible_control_and_symbol_characters() {
        assert_eq!(kinds("Chè\u{200B}xanh"), [Kind::Invisible]);
        assert_eq!(kinds("Chè\u{FEFF}"), [Kind::Invisible]);
        assert_eq!(kinds("Gạo\u{00AD}nếp"), [Kind::SoftHyphen]);
        assert_eq!(kinds("Mật\u{0007}ong"), [Kind::Control]);
        assert_eq!(kinds("a\rb"), [Kind::Control]);
        assert_eq!(kinds("\u{F0B7} Trà"), [Kind::PrivateUse]);
        assert_eq!(kinds("l\u{FFFD}i"), [Kind::Damaged]);
        assert_eq!(
            kinds("\u{0093}OCOP\u{0094}"),
            [Kind::Control, Kind::Control]
        );
        let p = check("a\u{200B}b\u{200B}c");
        assert_eq!((p.len(), p[0].count, p[0].index), (1, 2, 1));
    }

    #[test]
    fn combining_runs_are_one_problem() {
        let tower = format!("Z{}", "\u{0301}".repeat(100_000));
        let p = check(&tower);
        assert_eq!(p.len(), 1);
        assert_eq!(
            (p[0].kind, p[0].index, p[0].count),
            (Kind::CombiningRun, 1, 100_000)
        );
    }

    #[test]
    fn legacy_encodings_are_reported_once() {
        let p = check("Céng hßa x· héi chñ nghÜa ViÖt Nam");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, Kind::Legacy(LegacyEncoding::Tcvn3));
        let p = check("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam");
        assert_eq!(p[0].kind, Kind::Legacy(LegacyEncoding::Vni));
    }
}
