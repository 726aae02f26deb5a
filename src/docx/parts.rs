//! The package parts around `word/document.xml`: content types,
//! relationships, styles, settings, the font table, the two page headers and
//! the document properties. All fixed text except the title and the date.

use super::xml::escape;
use crate::vn::Date;

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Relationship ids of the headers, referenced by every section.
pub const HEADER_PAGE_NUMBER: &str = "rIdHeaderPage";
pub const HEADER_EMPTY: &str = "rIdHeaderFirst";

const DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

pub fn content_types() -> String {
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        "{DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"{wml}.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"{wml}.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"{wml}.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"{wml}.fontTable+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"{wml}.header+xml\"/>\
<Override PartName=\"/word/header2.xml\" ContentType=\"{wml}.header+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>"
    )
}

pub fn package_rels() -> String {
    format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"{R_NS}/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"{R_NS}/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>"
    )
}

pub fn document_rels() -> String {
    format!(
        "{DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"{R_NS}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdSettings\" Type=\"{R_NS}/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rIdFonts\" Type=\"{R_NS}/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"{HEADER_PAGE_NUMBER}\" Type=\"{R_NS}/header\" Target=\"header1.xml\"/>\
<Relationship Id=\"{HEADER_EMPTY}\" Type=\"{R_NS}/header\" Target=\"header2.xml\"/>\
</Relationships>"
    )
}

/// Times New Roman 14 pt, Vietnamese, single spacing; "Nội dung" is the
/// body paragraph (justified, 1 cm first-line indent, 6 pt after), so a
/// paragraph an office adds by pressing Enter looks like its neighbours.
pub fn styles() -> String {
    let font = "Times New Roman";
    // The body numbers the PDF uses (templates/nd30-layout.toml).
    let text = &crate::nd30::layout().text;
    let half_points = body_half_points();
    let indent = super::xml::mm(text.first_line_indent_mm);
    let after = super::xml::pt(text.paragraph_spacing_pt);
    format!(
        "{DECL}<w:styles xmlns:w=\"{W_NS}\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:eastAsia=\"{font}\" w:cs=\"{font}\"/>\
<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"vi-VN\" w:bidi=\"ar-SA\"/>\
</w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>\
</w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:widowControl/></w:pPr></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>\
<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
<w:uiPriority w:val=\"99\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>\
<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"{body}\"><w:name w:val=\"Nội dung\"/>\
<w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:after=\"{after}\"/><w:ind w:firstLine=\"{indent}\"/><w:jc w:val=\"both\"/></w:pPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>\
<w:uiPriority w:val=\"99\"/><w:unhideWhenUsed/><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>\
</w:styles>",
        body = BODY_STYLE,
    )
}

/// The style id of body paragraphs.
pub const BODY_STYLE: &str = "NoiDung";

pub fn settings() -> String {
    format!(
        "{DECL}<w:settings xmlns:w=\"{W_NS}\">\
<w:zoom w:percent=\"100\"/>\
<w:defaultTabStop w:val=\"720\"/>\
<w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"vi-VN\"/>\
</w:settings>"
    )
}

pub fn font_table() -> String {
    format!(
        "{DECL}<w:fonts xmlns:w=\"{W_NS}\">\
<w:font w:name=\"Times New Roman\"><w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/>\
<w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>\
</w:fonts>"
    )
}

/// The body size in Word's half points (14 pt: 28).
fn body_half_points() -> f64 {
    (crate::nd30::layout().text.body_pt * 2.0).round()
}

/// The header of every page after a section's first: its page number,
/// centred, 14 pt, as a PAGE field.
pub fn header_page_number() -> String {
    let half_points = body_half_points();
    let rpr =
        format!("<w:rPr><w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/></w:rPr>");
    format!(
        "{DECL}<w:hdr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr>\
<w:r>{rpr}<w:fldChar w:fldCharType=\"begin\"/></w:r>\
<w:r>{rpr}<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
<w:r>{rpr}<w:fldChar w:fldCharType=\"separate\"/></w:r>\
<w:r>{rpr}<w:t>2</w:t></w:r>\
<w:r>{rpr}<w:fldChar w:fldCharType=\"end\"/></w:r>\
</w:p></w:hdr>"
    )
}

/// The first page of each section (title page, first appendix page) has no number.
pub fn header_empty() -> String {
    format!(
        "{DECL}<w:hdr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p></w:hdr>"
    )
}

/// The document's own date as an ISO 8601 timestamp at midnight UTC.
pub fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year.clamp(0, 9999),
        date.month,
        date.day
    )
}

pub fn core_properties(title: &str, date: Date) -> String {
    let mut t = String::new();
    escape(title, &mut t);
    let when = iso_date(date);
    format!(
        "{DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{t}</dc:title><dc:language>vi-VN</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified>\
</cp:coreProperties>"
    )
}

pub fn app_properties() -> String {
    format!(
        "{DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>ocop</Application></Properties>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_carry_the_document_date_and_escaped_title() {
        let xml = core_properties("Kế hoạch <b>&", Date::new(2027, 1, 5).unwrap());
        assert!(xml.contains("<dc:title>Kế hoạch &lt;b&gt;&amp;</dc:title>"));
        assert!(xml.contains(">2027-01-05T00:00:00Z</dcterms:created>"));
        assert!(xml.contains(">2027-01-05T00:00:00Z</dcterms:modified>"));
    }

    #[test]
    fn headers_page_field_and_empty_first_page() {
        assert!(
            header_page_number()
                .contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>")
        );
        assert!(!header_empty().contains("PAGE"));
    }

    #[test]
    fn styles_name_times_new_roman_and_the_body_paragraph() {
        let s = styles();
        assert!(s.contains("w:ascii=\"Times New Roman\""));
        assert!(s.contains("<w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/>"));
        assert!(s.contains("<w:lang w:val=\"vi-VN\""));
    }
}
