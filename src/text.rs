//! Text hygiene: bytes decoded as Unicode, Unicode normalisation,
//! legacy-encoding detection, and the one function that turns user text
//! into inert Typst markup.

use unicode_normalization::UnicodeNormalization;

/// Why a file's bytes are not Unicode text; each reader words its own
/// message (a YAML file, a CSV sheet, a document to import).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// UTF-16 (marked, or recognised by its zero bytes) that does not decode.
    BrokenUtf16,
    /// Not UTF-8: the bytes before `valid_up_to` are.
    NotUtf8 { valid_up_to: usize },
}

/// Text from a file's bytes: UTF-8 (a byte-order mark is dropped) or
/// UTF-16 (with its mark, as Notepad's "Unicode" saves it, or without one,
/// recognised by the zero byte beside each ASCII letter).
pub fn decode(bytes: &[u8]) -> Result<String, NotText> {
    let utf16 = |enc: &'static encoding_rs::Encoding, body: &[u8]| {
        enc.decode_without_bom_handling_and_without_replacement(body)
            .map(|s| s.into_owned())
            .ok_or(NotText::BrokenUtf16)
    };
    if let Some(body) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(body);
    }
    if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(encoding_rs::UTF_16LE, body);
    }
    if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(encoding_rs::UTF_16BE, body);
    }
    let sample = &bytes[..bytes.len().min(4096) & !1];
    let pairs = sample.len() / 2;
    if pairs >= 2 {
        let zero_odd = sample.chunks(2).filter(|p| p[1] == 0 && p[0] != 0).count();
        let zero_even = sample.chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
        if zero_odd * 3 >= pairs && zero_even == 0 {
            return utf16(encoding_rs::UTF_16LE, bytes);
        }
        if zero_even * 3 >= pairs && zero_odd == 0 {
            return utf16(encoding_rs::UTF_16BE, bytes);
        }
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String, NotText> {
    std::str::from_utf8(bytes)
        .map(str::to_string)
        .map_err(|e| NotText::NotUtf8 {
            valid_up_to: e.valid_up_to(),
        })
}

/// Normalises to NFC and Unix line endings. Text typed with "Unicode tổ hợp"
/// input methods arrives decomposed; left so, the PDF text layer breaks search.
pub fn normalise(text: &str) -> String {
    let unix = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    // Most text is composed already; the quick check (a table lookup a
    // character) spares it the decomposition and recomposition.
    if unicode_normalization::is_nfc_quick(unix.chars()) == unicode_normalization::IsNormalized::Yes
    {
        return unix;
    }
    unix.nfc().collect()
}

/// Legacy 8-bit Vietnamese encodings whose text, read as Unicode, becomes mojibake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    /// TCVN 5712 (TCVN3, "ABC", fonts .VnTime …).
    Tcvn3,
    /// VNI-Windows (fonts VNI-Times …).
    Vni,
}

impl LegacyEncoding {
    pub fn name(self) -> &'static str {
        match self {
            LegacyEncoding::Tcvn3 => "TCVN3 (ABC, phông .VnTime)",
            LegacyEncoding::Vni => "VNI (phông VNI-Times)",
        }
    }
}

/// Characters that never occur in Vietnamese Unicode text but are how TCVN3
/// letters look when read as Latin-1 (® = đ, § = Đ, ¨ = ă, © = â, ª = ê,
/// « = ô, ¬ = ơ, ß = ò …; U+00AD, an invisible soft hyphen, stands for ư).
const TCVN3_MARKERS: &[char] = &[
    '®', '§', '¨', '©', 'ª', '«', '¬', 'ß', '¸', 'µ', '¹', '¶', '·', '\u{AD}', '¡', '¢', '£', '¤',
    '¥', '¦',
];

/// Latin-1 letters that are not Vietnamese but are VNI's diacritic bytes
/// (ñ = đ, ö = ư, and marks after a vowel: ø ù û õ ï ä å ë).
const VNI_MARKERS: &[char] = &[
    'ñ', 'Ñ', 'ö', 'Ö', 'ø', 'Ø', 'û', 'Û', 'ï', 'Ï', 'ä', 'Ä', 'å', 'Å', 'ë', 'Ë',
];

/// Guesses whether `text` is legacy-encoded Vietnamese read as Latin-1.
/// Two marker characters are required so a lone "©" or "«" passes.
pub fn detect_legacy(text: &str) -> Option<LegacyEncoding> {
    let tcvn3 = text.chars().filter(|c| TCVN3_MARKERS.contains(c)).count();
    let vni = text.chars().filter(|c| VNI_MARKERS.contains(c)).count();
    if tcvn3 >= 2 && tcvn3 >= vni {
        Some(LegacyEncoding::Tcvn3)
    } else if vni >= 2 {
        Some(LegacyEncoding::Vni)
    } else {
        None
    }
}

/// Characters that start markup or code in Typst, or that Typst rewrites
/// (`...` → …, `--` → –, quotes → curly quotes, `~` → no-break space).
const TYPST_SPECIAL: &[char] = &[
    '\\', '#', '*', '_', '`', '$', '@', '<', '>', '[', ']', '/', '=', '-', '+', '.', '~', '\'',
    '"', ':',
];

/// Writes `text` as Typst markup that prints exactly as typed. A line break
/// typed by the user stays a line break; nothing can open a paragraph,
/// heading, list, code, math, label or reference.
///
/// A document number or symbol (`3799/KH-UBND`, `07/2021/NQ-HĐND`), a
/// date written with slashes, a URL or an e-mail address is kept on one
/// line: it is set in a Typst `box`, which the line breaker never splits
/// (see [`unbreakable_token`]). The box prints its text exactly as typed;
/// nothing is added to the text a reader copies.
pub fn escape_markup(text: &str, out: &mut String) {
    let mut w = Writer {
        out,
        after_box: false,
    };
    let mut rest = text;
    while !rest.is_empty() {
        let word_start = rest
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(rest.len());
        w.plain(&rest[..word_start]);
        rest = &rest[word_start..];
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        w.word(&rest[..word_end]);
        rest = &rest[word_end..];
    }
}

/// Typst markup being written, remembering whether it ends with a box.
struct Writer<'a> {
    out: &'a mut String,
    /// The markup ends with `#box[…]`: a `(` or `[` written next would be
    /// read as more arguments of the call, a `;` as the end of the call.
    after_box: bool,
}

impl Writer<'_> {
    /// Escaped text, no box.
    fn plain(&mut self, text: &str) {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                // CR LF is one line break.
                '\r' if chars.peek() == Some(&'\n') => {}
                // Everything Typst takes as a newline becomes a forced line
                // break, so no run of them can ever make a paragraph break.
                '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                    self.out.push_str("\\\n")
                }
                '\t' => self.out.push(' '),
                c if TYPST_SPECIAL.contains(&c) || (self.after_box && matches!(c, '(' | ';')) => {
                    self.out.push('\\');
                    self.out.push(c);
                }
                c => self.out.push(c),
            }
            self.after_box = false;
        }
    }

    /// `text` in a box, which keeps it on one line.
    fn boxed(&mut self, text: &str) {
        self.out.push_str("#box[");
        self.after_box = false;
        self.plain(text);
        self.out.push(']');
        self.after_box = true;
    }

    /// One run of non-space characters: a token that must not break is
    /// boxed, the punctuation around it is not.
    fn word(&mut self, word: &str) {
        let Some(token) = unbreakable_token(word) else {
            return self.breakable(word);
        };
        let (lead, rest) = word.split_at(token.start);
        let (core, trail) = rest.split_at(token.end - token.start);
        self.plain(lead);
        let pieces = pieces(core, token.kind);
        if em_width(core) <= BOX_LIMIT_EM {
            if token.kind == TokenKind::Address && pieces.len() > 1 {
                // Kept whole where it fits; in a column narrower than the
                // address (a table cell) it may break, but only after a `/`.
                self.out.push_str("#box[");
                self.after_box = false;
                for p in pieces {
                    self.boxed(p);
                }
                self.out.push(']');
                self.after_box = true;
            } else {
                self.boxed(core);
            }
        } else {
            // Longer than a line: it must break, and breaks only after a
            // `/` (or inside a piece that is itself longer than a line).
            for p in pieces {
                if em_width(p) <= BOX_LIMIT_EM {
                    self.boxed(p);
                } else {
                    self.breakable(p);
                }
            }
        }
        self.plain(trail);
    }

    /// A word as typed, which may break where it is too long for a line:
    /// Typst breaks a line only between words, and a word wider than the
    /// line would run off the page. Such a word is set as a row of short
    /// boxes, between which a line may break; nothing is added to the text
    /// a reader copies.
    fn breakable(&mut self, word: &str) {
        if em_width(word) <= BOX_LIMIT_EM {
            return self.plain(word);
        }
        let mut start = 0;
        let mut width = 0.0;
        for (i, c) in word.char_indices() {
            let joins = unicode_normalization::char::is_combining_mark(c);
            if width >= CHUNK_EM && !joins {
                self.boxed(&word[start..i]);
                start = i;
                width = 0.0;
            }
            width += em_width(c.encode_utf8(&mut [0; 4]));
        }
        self.boxed(&word[start..]);
    }
}

/// The width of the pieces an overlong word is cut into: short, so the
/// line it breaks from is filled.
const CHUNK_EM: f32 = 4.0;

/// A token is boxed whole when its estimated width is at most this many
/// em: a body line is 165 mm = 33.4 em at 14 pt, 31.4 em after the
/// first-line indent, and bold text is a little wider than the estimate.
const BOX_LIMIT_EM: f32 = 28.0;

/// An upper estimate of the width of `text` in em, from the advance widths
/// of Times New Roman (and its metric twins Liberation Serif and Tinos).
fn em_width(text: &str) -> f32 {
    text.chars()
        .map(|c| match c {
            'm' | 'w' => 0.78,
            'M' | 'W' | '@' | '%' => 0.95,
            '&' => 0.78,
            c if c.is_lowercase() || c.is_ascii_digit() => 0.56,
            c if c.is_uppercase() => 0.73,
            _ => 0.56,
        })
        .sum()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    /// A document number or symbol, or a date: `3799/KH-UBND`, `QĐ-TTg`, `30/9/2027`.
    Symbol,
    /// A URL or an e-mail address.
    Address,
}

/// Where in a word the part that must stay on one line lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Token {
    kind: TokenKind,
    /// Byte range in the word.
    start: usize,
    end: usize,
}

/// The part of `word` (a run of non-space characters) that must not be
/// broken across lines, if any, without the punctuation around it:
/// - a number/symbol: parts of digits and letters, each starting with a
///   digit or a capital letter (Vietnamese too: Đ), joined by `/` or `-`
///   (`3799/KH-UBND`, `07/2021/NQ-HĐND`, `96/TTr-SNN`, `QĐ-TTg`,
///   `15/01/2027`); in a draft, the symbol after a blank number (`/QĐ-UBND`);
/// - a URL (`http://`, `https://`, `ftp://`, `www.`) or an e-mail address.
fn unbreakable_token(word: &str) -> Option<Token> {
    let url_start = word.char_indices().find_map(|(i, _)| {
        ["http://", "https://", "ftp://", "www."]
            .into_iter()
            .find(|scheme| {
                word.get(i..i + scheme.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(scheme))
            })
            .map(|scheme| (i, scheme.len()))
    });
    if let Some((start, scheme_len)) = url_start {
        let end = address_end(word, start);
        if end > start + scheme_len {
            return Some(Token {
                kind: TokenKind::Address,
                start,
                end,
            });
        }
    }
    let start = word
        .find(|c: char| c.is_alphanumeric() || c == '/')
        .unwrap_or(word.len());
    let end = word.rfind(char::is_alphanumeric).map_or(start, |i| {
        i + word[i..].chars().next().map_or(0, char::len_utf8)
    });
    if start >= end {
        return None;
    }
    let core = &word[start..end];
    if is_email(core) {
        return Some(Token {
            kind: TokenKind::Address,
            start,
            end,
        });
    }
    is_symbol(core).then_some(Token {
        kind: TokenKind::Symbol,
        start,
        end,
    })
}

/// The end of a URL starting at `start`: the end of the word, less
/// closing punctuation (a `)` only when the URL opens none).
fn address_end(word: &str, start: usize) -> usize {
    let mut end = word.len();
    loop {
        let Some(c) = word[start..end].chars().next_back() else {
            return end;
        };
        let url = &word[start..end];
        let unbalanced = c == ')' && url.matches('(').count() < url.matches(')').count();
        if matches!(
            c,
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '"' | '»' | '”' | '’' | ']' | '>'
        ) || unbalanced
        {
            end -= c.len_utf8();
        } else {
            return end;
        }
    }
}

fn is_email(core: &str) -> bool {
    let Some((local, domain)) = core.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'));
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && domain
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    local_ok && domain_ok
}

fn is_symbol(core: &str) -> bool {
    // A blank number in a draft leaves the symbol starting with `/`.
    let body = core.trim_start_matches('/');
    let mut parts = 0;
    for part in body.split(['/', '-']) {
        let mut chars = part.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !(first.is_ascii_digit() || first.is_uppercase()) || !chars.all(char::is_alphanumeric) {
            return false;
        }
        parts += 1;
    }
    parts > 1 || body.len() < core.len()
}

/// `token` cut after each `/` (not inside a URL's `://`), the places where
/// a token longer than a line may break. A piece is never a lone `/`.
fn pieces(token: &str, kind: TokenKind) -> Vec<&str> {
    let skip = match kind {
        TokenKind::Address => token.find("://").map_or(0, |i| i + 3),
        TokenKind::Symbol => token.len() - token.trim_start_matches('/').len(),
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in token.char_indices() {
        if c == '/'
            && i >= skip
            && i + 1 < token.len()
            && !token[start..i].trim_matches('/').is_empty()
        {
            out.push(&token[start..=i]);
            start = i + 1;
        }
    }
    if start < token.len() {
        out.push(&token[start..]);
    }
    out
}

pub fn markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_markup(text, &mut out);
    out
}

/// A Typst string literal holding `text`, for code positions.
pub fn string_literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// ASCII file-name slug without diacritics: "Kế hoạch" → "ke-hoach".
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfd() {
        let c = match c {
            'đ' => 'd',
            'Đ' => 'd',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_' || c == '.' || c == '/')
            && !out.ends_with('-')
            && !out.is_empty()
        {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_decode_as_unicode_or_say_why_not() {
        let text = "Kế hoạch\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for bytes in [
            [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            [&[0xFF, 0xFE][..], &le].concat(),
            [&[0xFE, 0xFF][..], &be].concat(),
            le.clone(),
            be,
        ] {
            assert_eq!(decode(&bytes).as_deref(), Ok(text));
        }
        assert_eq!(
            decode(b"Ke\n\xeaho"),
            Err(NotText::NotUtf8 { valid_up_to: 3 })
        );
        // A lone surrogate.
        assert_eq!(decode(&[0xFF, 0xFE, 0x00, 0xD8]), Err(NotText::BrokenUtf16));
    }

    #[test]
    fn nfd_becomes_nfc() {
        let decomposed = "Vie\u{0302}\u{0323}t Nam";
        assert_eq!(normalise(decomposed), "Việt Nam");
        assert_eq!(normalise("a\r\nb"), "a\nb");
        // The quick check's two sides: composed text as it is, a lone
        // mark after a composed letter still joined (ê + ́ = ế), a mark
        // with no letter to join kept.
        assert_eq!(normalise("Kế hoạch\rnăm"), "Kế hoạch\nnăm");
        assert_eq!(normalise("Kê\u{0301} hoạch"), "Kế hoạch");
        assert_eq!(normalise("\u{0301}a"), "\u{0301}a");
        for text in [
            "Sở Nông nghiệp",
            "Vie\u{0302}\u{0323}t",
            "A\u{030A}",
            "한국어",
            "",
        ] {
            assert_eq!(normalise(text), text.nfc().collect::<String>(), "{text:?}");
        }
    }

    #[test]
    fn legacy_encodings_are_recognised() {
        assert_eq!(
            detect_legacy("Céng hßa x· héi chñ nghÜa ViÖt Nam"),
            Some(LegacyEncoding::Tcvn3)
        );
        assert_eq!(
            detect_legacy("§éc lËp - Tù do - H¹nh phóc"),
            Some(LegacyEncoding::Tcvn3)
        );
        assert_eq!(
            detect_legacy("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
            Some(LegacyEncoding::Vni)
        );
        assert_eq!(
            detect_legacy("ñöôïc giao nhieäm vuï"),
            Some(LegacyEncoding::Vni)
        );
        assert_eq!(detect_legacy("Cộng hòa xã hội chủ nghĩa Việt Nam"), None);
        assert_eq!(detect_legacy("Bản quyền © 2024"), None);
    }

    #[test]
    fn escaping_neutralises_markup() {
        assert_eq!(
            markup("#read(\"/etc/passwd\")"),
            "\\#read(\\\"\\/etc\\/passwd\\\")"
        );
        assert_eq!(markup("1. a"), "1\\. a");
        assert_eq!(
            markup("*đậm* _nghiêng_ $x$"),
            "\\*đậm\\* \\_nghiêng\\_ \\$x\\$"
        );
        assert_eq!(markup("a\nb"), "a\\\nb");
        assert_eq!(markup("Sở NN&MT"), "Sở NN&MT");
    }

    #[test]
    fn numbers_symbols_and_addresses_are_boxed() {
        assert_eq!(
            markup("Kế hoạch số 3799/KH-UBND ngày"),
            "Kế hoạch số #box[3799\\/KH\\-UBND] ngày"
        );
        assert_eq!(
            markup("Nghị quyết số 07/2021/NQ-HĐND;"),
            "Nghị quyết số #box[07\\/2021\\/NQ\\-HĐND]\\;"
        );
        assert_eq!(markup("(96/TTr-SNN)"), "(#box[96\\/TTr\\-SNN])");
        assert_eq!(markup("QĐ-TTg./."), "#box[QĐ\\-TTg]\\.\\/\\.");
        assert_eq!(markup("ngày 30/9/2027."), "ngày #box[30\\/9\\/2027]\\.");
        // A draft's symbol after the blank number.
        assert_eq!(markup("số   /QĐ-UBND"), "số   #box[\\/QĐ\\-UBND]");
        // A `(` right after a box would be read as the box's arguments, a `;` as its end.
        assert_eq!(markup("12/KH-UBND(;"), "#box[12\\/KH\\-UBND]\\(;");
        let long = format!("https://a.vn/({})", "c".repeat(80));
        // What follows the box is a box of its own (the piece is longer
        // than a line, so it is cut), never the box's arguments.
        assert!(markup(&long).contains("\\/]#box[(ccc"), "{}", markup(&long));
        assert_eq!(
            markup("xem https://ocop.vn/tin-tuc."),
            "xem #box[#box[https\\:\\/\\/ocop\\.vn\\/]#box[tin\\-tuc]]\\."
        );
        assert_eq!(
            markup("gửi ocop@laichau.gov.vn,"),
            "gửi #box[ocop\\@laichau\\.gov\\.vn],"
        );
        // Not tokens: lower-case parts, a lone word, the decree's spaced dash.
        for plain in [
            "b/c",
            "V/v",
            "/etc/passwd",
            "NN&MT",
            "Kinh tế - xã hội",
            "III.1",
            "96/",
        ] {
            assert!(!markup(plain).contains("#box"), "{plain}");
        }
    }

    #[test]
    fn a_token_longer_than_a_line_breaks_only_after_a_slash() {
        let url = format!(
            "https://ocop.laichau.gov.vn/{}/trang-{}",
            "a".repeat(20),
            "b".repeat(40)
        );
        let m = markup(&url);
        // No outer box: the pieces, each boxed, end with `/`.
        assert!(
            m.starts_with("#box[https\\:\\/\\/ocop\\.laichau\\.gov\\.vn\\/]#box["),
            "{m}"
        );
        assert!(
            m.ends_with(&format!("#box[trang\\-{}]", "b".repeat(40))),
            "{m}"
        );
        // A piece wider than a line is cut into short boxes, between which
        // the line may break: never one run off the page.
        let long = format!("www.x.vn/{}", "c".repeat(80));
        let m = markup(&long);
        assert!(m.matches("#box[cccc").count() >= 8, "{m}");
        let printed: String = m.replace("#box[", "").replace([']', '\\'], "");
        assert!(printed.ends_with(&"c".repeat(80)), "{m}");
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_into_short_boxes() {
        assert_eq!(markup("Phươngán"), "Phươngán");
        // Decomposed accents stay with their letter.
        let word = "Phu\u{031B}\u{0301}o\u{031B}ng".repeat(20);
        let m = markup(&word);
        assert!(m.matches("#box[").count() >= 10, "{m}");
        assert!(!m.contains("[\u{0301}") && !m.contains("[\u{031B}"), "{m}");
        assert_eq!(m.replace("#box[", "").replace(']', ""), word);
    }

    #[test]
    fn token_boundaries() {
        fn t(w: &str) -> Option<(TokenKind, &str)> {
            unbreakable_token(w).map(|t| (t.kind, &w[t.start..t.end]))
        }
        assert_eq!(
            t("3799/KH-UBND,"),
            Some((TokenKind::Symbol, "3799/KH-UBND"))
        );
        assert_eq!(
            t("«01/2027/GCN-OCOP»"),
            Some((TokenKind::Symbol, "01/2027/GCN-OCOP"))
        );
        assert_eq!(
            t("(https://a.vn/x_(y))."),
            Some((TokenKind::Address, "https://a.vn/x_(y)"))
        );
        assert_eq!(
            t("(https://a.vn/x)."),
            Some((TokenKind::Address, "https://a.vn/x"))
        );
        assert_eq!(t("WWW.A.VN"), Some((TokenKind::Address, "WWW.A.VN")));
        assert_eq!(t("https://"), None);
        assert_eq!(t("a@b"), None);
        assert_eq!(t("Đ-12"), Some((TokenKind::Symbol, "Đ-12")));
        assert_eq!(t("-"), None);
        assert_eq!(t("///"), None);
    }

    #[test]
    fn string_literals_escape_quotes() {
        assert_eq!(string_literal("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Kế hoạch"), "ke-hoach");
        assert_eq!(slug("Đường  Hà Nội / 2024"), "duong-ha-noi-2024");
        assert_eq!(slug("../../etc"), "etc");
    }
}
