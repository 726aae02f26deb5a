//! The layout numbers of Nghị định 30/2020/NĐ-CP (margins, column widths,
//! font sizes, spacing), read from `templates/nd30-layout.toml`: the same
//! file the Typst library `nd30.typ` reads for the PDF, so the PDF and the
//! Word file cannot drift apart.

use std::sync::LazyLock;

use serde::Deserialize;

/// The data file, as built into ocop (and shipped to Typst with the
/// layout libraries, see `markup::BUILTIN_LIBRARIES`).
pub const LAYOUT_TOML: &str = include_str!("../templates/nd30-layout.toml");

/// Its name beside the layout libraries (`/nd30-layout.toml` in Typst).
pub const LAYOUT_FILE: &str = "nd30-layout.toml";

/// The built-in layout numbers.
pub fn layout() -> &'static Layout {
    static LAYOUT: LazyLock<Layout> = LazyLock::new(|| {
        toml::from_str(LAYOUT_TOML).expect("templates/nd30-layout.toml is checked by the tests")
    });
    &LAYOUT
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Layout {
    pub page: Page,
    pub text: Text,
    pub rule: Rule,
    pub header: Header,
    pub title: Title,
    pub addressees: Addressees,
    pub signature: Signature,
    pub appendix: Appendix,
    pub electronic: Electronic,
}

/// A4 margins, in millimetres.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Page {
    pub margin_top_mm: f64,
    pub margin_bottom_mm: f64,
    pub margin_left_mm: f64,
    pub margin_right_mm: f64,
    pub landscape_margin_bottom_mm: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Text {
    pub body_pt: f64,
    pub first_line_indent_mm: f64,
    pub paragraph_spacing_pt: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Rule {
    pub stroke_pt: f64,
    pub issuer_share: f64,
    pub title_share: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Header {
    pub issuer_column_percent: f64,
    pub issuer_pt: f64,
    pub national_pt: f64,
    pub motto_pt: f64,
    pub number_pt: f64,
    pub dispatch_subject_pt: f64,
    pub date_pt: f64,
    pub line_gap_pt: f64,
    pub row_gap_pt: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Title {
    pub above_pt: f64,
    pub line_gap_pt: f64,
    pub rule_above_pt: f64,
    pub below_pt: f64,
}

/// Kính gửi.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Addressees {
    pub indent_mm: f64,
    pub above_pt: f64,
    pub below_pt: f64,
    pub line_gap_pt: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Signature {
    pub recipients_column_percent: f64,
    pub recipients_title_pt: f64,
    pub recipients_pt: f64,
    pub space_mm: f64,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Appendix {
    pub heading_line_gap_pt: f64,
    pub rule_above_pt: f64,
    pub rule_mm: f64,
    pub rule_below_pt: f64,
    pub table_pt: f64,
    pub table_stroke_pt: f64,
    pub cell_inset_pt: f64,
}

/// The room an electronic document keeps for its signature images.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Electronic {
    pub signature_width_mm: f64,
    pub signature_height_mm: f64,
    pub seal_mm: f64,
    pub space_mm: f64,
    pub corner_width_mm: f64,
    pub corner_height_mm: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_numbers_read_and_lie_within_the_decree() {
        let l = layout();
        assert!((20.0..=25.0).contains(&l.page.margin_top_mm));
        assert!((20.0..=25.0).contains(&l.page.margin_bottom_mm));
        assert!((30.0..=35.0).contains(&l.page.margin_left_mm));
        assert!((15.0..=20.0).contains(&l.page.margin_right_mm));
        assert!((13.0..=14.0).contains(&l.text.body_pt));
        assert!((1.0 / 3.0..=0.5).contains(&l.rule.issuer_share));
        assert!((1.0 / 3.0..=0.5).contains(&l.rule.title_share));
        assert!(l.header.issuer_column_percent < 50.0);
    }
}
