//! Text hygiene: Unicode normalisation, legacy-encoding detection, and the
//! one function that turns user text into inert Typst markup.

use unicode_normalization::UnicodeNormalization;

/// Normalises to NFC and Unix line endings. Text typed with "Unicode tổ hợp"
/// input methods arrives decomposed; left so, the PDF text layer breaks search.
pub fn normalise(text: &str) -> String {
    let unix = text.replace("\r\n", "\n").replace('\r', "\n");
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
pub fn escape_markup(text: &str, out: &mut String) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // CR LF is one line break.
            '\r' if chars.peek() == Some(&'\n') => {}
            // Everything Typst takes as a newline becomes a forced line
            // break, so no run of them can ever make a paragraph break.
            '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => {
                out.push_str("\\\n")
            }
            '\t' => out.push(' '),
            c if TYPST_SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
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
    fn nfd_becomes_nfc() {
        let decomposed = "Vie\u{0302}\u{0323}t Nam";
        assert_eq!(normalise(decomposed), "Việt Nam");
        assert_eq!(normalise("a\r\nb"), "a\nb");
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
