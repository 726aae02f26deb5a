//! The small WordprocessingML vocabulary the writer needs: escaped text,
//! runs, paragraph properties and units. Everything user-typed goes through
//! [`text`], which writes it as XML character data, never as markup.

use std::fmt::Write as _;

/// Twentieths of a point ("dxa"), the unit of most WordprocessingML lengths.
pub type Twips = i32;

pub fn pt(points: f64) -> Twips {
    (points * 20.0).round() as Twips
}

/// A stroke in eighths of a point, as Word measures borders.
pub fn eighths(points: f64) -> u32 {
    (points * 8.0).round() as u32
}

pub fn mm(millimetres: f64) -> Twips {
    (millimetres * 1440.0 / 25.4).round() as Twips
}

/// Characters the PDF back end prints as a forced line break (see
/// `text::escape_markup`); the Word file gets a `<w:br/>` for each.
pub fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Whether XML 1.0 can carry `c` as character data (after line breaks and
/// tabs are handled): no C0 control characters, no U+FFFE/U+FFFF.
pub fn is_xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// `s` escaped for character data or an attribute value in double quotes.
/// A character XML cannot carry becomes U+FFFD; `docx::write` refuses such
/// text before writing, so this only keeps the file well formed.
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if is_xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
    }
}

/// Character formatting of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    /// Size in points (whole or half points).
    pub size: f64,
    pub bold: bool,
    pub italic: bool,
}

impl Font {
    pub const fn new(size: f64) -> Font {
        Font {
            size,
            bold: false,
            italic: false,
        }
    }
    pub const fn bold(self) -> Font {
        Font { bold: true, ..self }
    }
    pub const fn italic(self) -> Font {
        Font {
            italic: true,
            ..self
        }
    }
    pub const fn with_bold(self, bold: bool) -> Font {
        Font { bold, ..self }
    }
    pub const fn with_italic(self, italic: bool) -> Font {
        Font { italic, ..self }
    }

    fn write(&self, out: &mut String) {
        out.push_str("<w:rPr>");
        if self.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        let half = (self.size * 2.0).round() as i32;
        let _ = write!(out, "<w:sz w:val=\"{half}\"/><w:szCs w:val=\"{half}\"/>");
        out.push_str("</w:rPr>");
    }
}

/// A run holding `s` as typed: line breaks become `<w:br/>` (a CR LF pair is
/// one break), a tab prints as a space as in the PDF.
pub fn run(out: &mut String, s: &str, font: Font) {
    if s.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    font.write(out);
    let mut chars = s.chars().peekable();
    let mut open = false;
    while let Some(c) = chars.next() {
        if is_line_break(c) {
            if c == '\r' && chars.peek() == Some(&'\n') {
                continue;
            }
            if open {
                out.push_str("</w:t>");
                open = false;
            }
            out.push_str("<w:br/>");
            continue;
        }
        if !open {
            out.push_str("<w:t xml:space=\"preserve\">");
            open = true;
        }
        if c == '\t' {
            out.push(' ');
        } else {
            let mut buf = [0u8; 4];
            escape(c.encode_utf8(&mut buf), out);
        }
    }
    if open {
        out.push_str("</w:t>");
    }
    out.push_str("</w:r>");
}

/// A run holding a tab character (to a tab stop).
pub fn tab(out: &mut String, font: Font) {
    out.push_str("<w:r>");
    font.write(out);
    out.push_str("<w:tab/></w:r>");
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Jc {
    Left,
    Center,
    Right,
}

impl Jc {
    pub fn from_column(align: &str) -> Jc {
        match align {
            "center" => Jc::Center,
            "right" => Jc::Right,
            _ => Jc::Left,
        }
    }

    fn value(self) -> &'static str {
        match self {
            Jc::Left => "left",
            Jc::Center => "center",
            Jc::Right => "right",
        }
    }
}

/// Paragraph properties, written in the schema's element order.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub style: Option<&'static str>,
    pub keep_next: bool,
    pub keep_lines: bool,
    /// A bottom border of this stroke (eighths of a point): a rule.
    pub rule: Option<u32>,
    pub tab: Option<Twips>,
    pub before: Option<Twips>,
    pub after: Option<Twips>,
    /// Exact line height.
    pub line_exact: Option<Twips>,
    /// Line height in 240ths of a line (240 = single).
    pub line: Option<i32>,
    pub left: Option<Twips>,
    pub right: Option<Twips>,
    /// Positive: first-line indent; negative: hanging indent.
    pub first_line: Option<Twips>,
    pub jc: Option<Jc>,
    /// Size of the paragraph mark, for empty paragraphs.
    pub mark_size: Option<f64>,
    /// The properties of the section this paragraph ends.
    pub section: Option<String>,
}

impl Para {
    /// Lines set without indent or justification (header cells, tables).
    pub fn lines(jc: Jc) -> Para {
        Para {
            first_line: Some(0),
            jc: Some(jc),
            ..Para::default()
        }
    }

    pub fn write(&self, out: &mut String) {
        out.push_str("<w:pPr>");
        if let Some(s) = self.style {
            let _ = write!(out, "<w:pStyle w:val=\"{s}\"/>");
        }
        if self.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if self.keep_lines {
            out.push_str("<w:keepLines/>");
        }
        if let Some(sz) = self.rule {
            let _ = write!(
                out,
                "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"{sz}\" w:space=\"0\" w:color=\"000000\"/></w:pBdr>"
            );
        }
        if let Some(pos) = self.tab {
            let _ = write!(
                out,
                "<w:tabs><w:tab w:val=\"left\" w:pos=\"{pos}\"/></w:tabs>"
            );
        }
        if self.before.is_some()
            || self.after.is_some()
            || self.line_exact.is_some()
            || self.line.is_some()
        {
            out.push_str("<w:spacing");
            if let Some(b) = self.before {
                let _ = write!(out, " w:before=\"{b}\"");
            }
            if let Some(a) = self.after {
                let _ = write!(out, " w:after=\"{a}\"");
            }
            if let Some(l) = self.line_exact {
                let _ = write!(out, " w:line=\"{l}\" w:lineRule=\"exact\"");
            } else if let Some(l) = self.line {
                let _ = write!(out, " w:line=\"{l}\" w:lineRule=\"auto\"");
            }
            out.push_str("/>");
        }
        if self.left.is_some() || self.right.is_some() || self.first_line.is_some() {
            out.push_str("<w:ind");
            if let Some(l) = self.left {
                let _ = write!(out, " w:left=\"{l}\"");
            }
            if let Some(r) = self.right {
                let _ = write!(out, " w:right=\"{r}\"");
            }
            match self.first_line {
                Some(f) if f < 0 => {
                    let _ = write!(out, " w:hanging=\"{}\"", -f);
                }
                Some(f) => {
                    let _ = write!(out, " w:firstLine=\"{f}\"");
                }
                None => {}
            }
            out.push_str("/>");
        }
        if let Some(jc) = self.jc {
            let _ = write!(out, "<w:jc w:val=\"{}\"/>", jc.value());
        }
        if let Some(size) = self.mark_size {
            let half = (size * 2.0).round() as i32;
            let _ = write!(
                out,
                "<w:rPr><w:sz w:val=\"{half}\"/><w:szCs w:val=\"{half}\"/></w:rPr>"
            );
        }
        if let Some(s) = &self.section {
            out.push_str(s);
        }
        out.push_str("</w:pPr>");
    }
}

/// A paragraph: its properties, then the runs `body` writes.
pub fn paragraph(out: &mut String, props: &Para, body: impl FnOnce(&mut String)) {
    out.push_str("<w:p>");
    props.write(out);
    body(out);
    out.push_str("</w:p>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_xml(s: &str) -> String {
        let mut out = String::new();
        run(&mut out, s, Font::new(14.0));
        out
    }

    #[test]
    fn units() {
        assert_eq!(mm(20.0), 1134);
        assert_eq!(mm(30.0), 1701);
        assert_eq!(mm(15.0), 850);
        assert_eq!(mm(10.0), 567);
        assert_eq!(pt(6.0), 120);
    }

    #[test]
    fn text_is_data() {
        let xml = run_xml("<w:b/> & \"x\" ]]> <!-- -->");
        assert!(xml.contains(
            "<w:t xml:space=\"preserve\">&lt;w:b/&gt; &amp; &quot;x&quot; ]]&gt; &lt;!-- --&gt;</w:t>"
        ));
        assert!(!xml.contains("<w:b/>"));
    }

    #[test]
    fn line_breaks_and_tabs() {
        let xml = run_xml("a\nb\r\nc\td\u{2028}");
        assert_eq!(
            xml,
            "<w:r><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr>\
             <w:t xml:space=\"preserve\">a</w:t><w:br/><w:t xml:space=\"preserve\">b</w:t><w:br/>\
             <w:t xml:space=\"preserve\">c d</w:t><w:br/></w:r>"
        );
    }

    #[test]
    fn spaces_kept() {
        assert!(run_xml("số       /QĐ").contains(">số       /QĐ<"));
    }

    #[test]
    fn control_characters_never_reach_the_file() {
        let xml = run_xml("a\u{7}b\u{FFFF}");
        assert!(xml.contains("a\u{FFFD}b\u{FFFD}"));
    }

    #[test]
    fn empty_text_no_run() {
        assert_eq!(run_xml(""), "");
    }

    #[test]
    fn font_properties() {
        let mut out = String::new();
        run(&mut out, "x", Font::new(12.0).bold().italic());
        assert!(out.starts_with(
            "<w:r><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr>"
        ));
    }

    #[test]
    fn paragraph_properties_in_schema_order() {
        let p = Para {
            style: Some("NoiDung"),
            keep_next: true,
            keep_lines: true,
            rule: Some(5),
            tab: Some(100),
            before: Some(60),
            after: Some(0),
            line_exact: Some(20),
            line: None,
            left: Some(10),
            right: Some(20),
            first_line: Some(-30),
            jc: Some(Jc::Center),
            mark_size: Some(1.0),
            section: Some("<w:sectPr/>".into()),
        };
        let mut out = String::new();
        p.write(&mut out);
        let order = [
            "pStyle",
            "keepNext",
            "keepLines",
            "pBdr",
            "tabs",
            "spacing",
            "ind",
            "jc",
            "rPr",
            "sectPr",
        ];
        let pos: Vec<usize> = order
            .iter()
            .map(|e| out.find(&format!("<w:{e}")).unwrap())
            .collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{out}");
        assert!(out.contains("w:hanging=\"30\""));
    }
}
