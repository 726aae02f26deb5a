//! Text widths in Times New Roman metrics, for the rules sized to a line of
//! text (under the issuer, the tiêu ngữ and the trích yếu). The built-in
//! Liberation Serif has the advance widths of Times New Roman, so a rule
//! measured here fits the text in Word with the real font as well as in
//! LibreOffice with the substitute.

use std::sync::OnceLock;

use ttf_parser::Face;

use crate::compile::BUILTIN_FONTS;

fn face(bold: bool) -> Option<&'static Face<'static>> {
    static REGULAR: OnceLock<Option<Face<'static>>> = OnceLock::new();
    static BOLD: OnceLock<Option<Face<'static>>> = OnceLock::new();
    let (cell, data) = if bold {
        (&BOLD, BUILTIN_FONTS.get(1))
    } else {
        (&REGULAR, BUILTIN_FONTS.first())
    };
    cell.get_or_init(|| data.and_then(|d| Face::parse(d, 0).ok()))
        .as_ref()
}

/// Width in points of the widest line of `text` set at `size` points.
/// A character the font lacks counts half an em.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    let face = face(bold);
    let em = face.map(|f| f64::from(f.units_per_em())).unwrap_or(1000.0);
    text.split(super::xml::is_line_break)
        .map(|line| {
            line.chars()
                .map(|c| {
                    face.and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g)))
                        .map(|a| f64::from(a) / em)
                        .unwrap_or(0.5)
                })
                .sum::<f64>()
                * size
        })
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_metrics() {
        // Times New Roman: space 0.25 em, "M" 0.889 em (regular), 0.943 em (bold).
        assert!((width(" ", 14.0, false) - 3.5).abs() < 0.01);
        assert!((width("M", 10.0, false) - 8.89).abs() < 0.01);
        assert!((width("M", 10.0, true) - 9.43).abs() < 0.01);
    }

    #[test]
    fn widest_line() {
        let one = width("ỦY BAN NHÂN DÂN", 13.0, true);
        assert!(one > 100.0 && one < 140.0, "{one}");
        assert_eq!(width("ỦY BAN NHÂN DÂN\nTỈNH", 13.0, true), one);
        assert_eq!(width("", 13.0, true), 0.0);
    }
}
