use std::io::Write;

use super::*;
use crate::import::para::{Align, Place};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="wps" xmlns:v="v""#;

fn doc(body: &str) -> Vec<u8> {
    format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#)
        .into_bytes()
}

/// A .docx of the given parts (name, XML).
fn package(parts: &[(&str, String)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    for (name, xml) in parts {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    buf.into_inner()
}

fn texts(ps: &[Para]) -> Vec<String> {
    ps.iter().map(Para::text).collect()
}

#[test]
fn runs_breaks_and_tables() {
    let xml = doc(concat!(
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>ỦY BAN NHÂN DÂN</w:t></w:r><w:r><w:br/><w:t>HUYỆN A</w:t></w:r></w:p></w:tc>"#,
        r#"<w:tc><w:p><w:r><w:t>A, ngày 01 tháng 02 năm 2024</w:t></w:r></w:p></w:tc></w:tr>"#,
        r#"<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>Số: 12/KH-UBND</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>bên phải</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">2. Kinh phí: </w:t></w:r><w:r><w:t>Ngân sách &amp; vốn.</w:t></w:r></w:p>"#,
        r#"<w:p><w:r><w:rPr><w:b w:val="0"/><w:i/></w:rPr><w:t>ghi chú</w:t></w:r><w:del><w:r><w:delText>xóa</w:delText></w:r></w:del></w:p>"#,
        r#"<w:p></w:p>"#
    ));
    let ps = read_xml(&xml).unwrap();
    assert_eq!(ps.len(), 6);
    assert_eq!(ps[0].lines, ["ỦY BAN NHÂN DÂN", "HUYỆN A"]);
    let at = |table, row, col| Place {
        table: Some(table),
        col,
        row,
        col_width: None,
    };
    assert_eq!(ps[0].place, at(0, 0, 0));
    assert_eq!(ps[1].place, at(0, 0, 1));
    assert_eq!(ps[2].place, at(0, 1, 0));
    assert_eq!(ps[3].place, at(0, 1, 2), "a merged cell spans its columns");
    assert_eq!(ps[4].text(), "2. Kinh phí: Ngân sách & vốn.");
    assert_eq!(ps[4].bold_lead.as_deref(), Some("2. Kinh phí:"));
    assert_eq!(ps[4].place.table, None);
    assert!(ps[5].italic && !ps[5].bold);
    assert_eq!(ps[5].text(), "ghi chú");
}

#[test]
fn a_cell_knows_the_width_of_its_grid_column() {
    let xml = doc(concat!(
        r#"<w:tbl><w:tblGrid><w:gridCol w:w="668"/><w:gridCol w:w="3007"/><w:gridCol/></w:tblGrid>"#,
        r#"<w:tr><w:tc><w:p><w:r><w:t>TT</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Nội dung</w:t></w:r></w:p></w:tc>"#,
        r#"<w:tc><w:p><w:r><w:t>Ghi chú</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        r#"<w:p><w:r><w:t>Sau bảng</w:t></w:r></w:p>"#
    ));
    let widths: Vec<Option<u32>> = read_xml(&xml)
        .unwrap()
        .iter()
        .map(|p| p.place.col_width)
        .collect();
    assert_eq!(widths, [Some(668), Some(3007), None, None]);
}

#[test]
fn hostile_files_are_refused_in_vietnamese() {
    assert!(
        paragraphs(b"not a zip")
            .unwrap_err()
            .message
            .contains("không phải .docx")
    );
    let deep = doc(&"<w:tbl>".repeat(MAX_DEPTH + 5));
    assert!(
        read_xml(&deep)
            .unwrap_err()
            .message
            .contains("lồng nhau quá sâu")
    );
    let broken = doc("<w:p><w:r><w:t>a</w:x></w:p>");
    let _ = read_xml(&broken); // an error or text, never a panic
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
  <w:abstractNum w:abstractNumId="3">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
    <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="7">
    <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="7"/></w:num>
</w:numbering>"#;

const STYLES: &str = r#"<w:styles xmlns:w="w">
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:pPr><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="paragraph" w:styleId="u2"><w:name w:val="Tiêu đề 2"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="An"><w:name w:val="Ẩn"/><w:rPr><w:vanish/></w:rPr></w:style>
</w:styles>"#;

fn numbered(style: &str, num: Option<(u8, u8)>, text: &str) -> String {
    let num = num.map_or(String::new(), |(id, l)| {
        format!(r#"<w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="{id}"/></w:numPr>"#)
    });
    let style = if style.is_empty() {
        String::new()
    } else {
        format!(r#"<w:pStyle w:val="{style}"/>"#)
    };
    format!(r#"<w:p><w:pPr>{style}{num}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

#[test]
fn automatic_numbering_and_heading_styles_come_as_word_shows_them() {
    let body = [
        numbered("Heading1", None, "MỤC ĐÍCH, YÊU CẦU"),
        numbered("u2", None, "Mục đích"),
        numbered("", Some((2, 0)), "Làm cho cán bộ hiểu rõ"),
        numbered("", Some((1, 2)), "Tập huấn"),
        numbered("", Some((1, 3)), "Nội dung"),
        numbered("", Some((1, 3)), "Thời gian"),
        numbered("u2", None, "Yêu cầu"),
        numbered("", Some((1, 3)), "Bám sát"),
        numbered("Heading1", None, "NHIỆM VỤ"),
        // Typed and numbered: the typed label is kept, none added.
        numbered("u2", None, "1. Đã gõ số"),
        numbered("", Some((0, 0)), "numId 0: no numbering"),
    ]
    .concat();
    let bytes = package(&[
        ("word/document.xml", String::from_utf8(doc(&body)).unwrap()),
        ("word/numbering.xml", NUMBERING.into()),
        ("word/styles.xml", STYLES.into()),
    ]);
    let ps = paragraphs(&bytes).unwrap();
    let labels: Vec<Option<&str>> = ps.iter().map(|p| p.label.as_deref()).collect();
    assert_eq!(
        labels,
        [
            Some("I."),
            Some("1."),
            Some("-"),
            Some("1.1."),
            Some("a)"),
            Some("b)"),
            Some("2."),
            Some("a)"),
            Some("II."),
            None,
            None
        ]
    );
    let levels: Vec<Option<u8>> = ps.iter().map(|p| p.heading_level).collect();
    assert_eq!(&levels[..3], [Some(1), Some(2), None]);
    assert!(
        ps[0].bold && ps[1].bold && !ps[2].bold,
        "bold from the style"
    );
    assert_eq!(ps[2].align, Some(Align::Justify));
    assert_eq!(ps[2].size, Some(14.0));
    assert_eq!(ps[0].text(), "MỤC ĐÍCH, YÊU CẦU");
}

#[test]
fn word_features_read_as_the_page_shows_them() {
    let body = concat!(
        // Non-breaking and soft hyphens.
        r#"<w:p><w:r><w:t>148/QĐ</w:t></w:r><w:r><w:noBreakHyphen/><w:t>TTg; phân</w:t><w:softHyphen/><w:t>hạng</w:t></w:r></w:p>"#,
        // Hidden text, directly and by style.
        r#"<w:p><w:r><w:t xml:space="preserve">Thấy </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn </w:t></w:r><w:r><w:rPr><w:rStyle w:val="An"/></w:rPr><w:t>ẩn nữa </w:t></w:r><w:r><w:t>được.</w:t></w:r></w:p>"#,
        // Tracked changes: insertions and moves kept once, deletions gone.
        r#"<w:p><w:ins><w:r><w:t xml:space="preserve">Thêm </w:t></w:r></w:ins><w:del><w:r><w:delText>Bỏ </w:delText></w:r></w:del><w:moveFrom><w:r><w:t>Dời </w:t></w:r></w:moveFrom><w:r><w:t xml:space="preserve">giữ </w:t></w:r><w:moveTo><w:r><w:t>Dời</w:t></w:r></w:moveTo></w:p>"#,
        // A field: its code dropped, its result kept; a simple field's content kept.
        r#"<w:p><w:r><w:t xml:space="preserve">Trang </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:fldSimple w:instr="NUMPAGES"><w:r><w:t xml:space="preserve"> / 9</w:t></w:r></w:fldSimple></w:p>"#,
        // Shift+Enter and tabs.
        r#"<w:p><w:r><w:t>Mục tiêu:</w:t><w:br/><w:t>- 100% cán bộ;</w:t><w:br/><w:t>-</w:t><w:tab/><w:t>Tăng thu nhập.</w:t></w:r></w:p>"#,
        // A split run: one word in three runs, bold.
        r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>KẾ</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> HO</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ẠCH</w:t></w:r></w:p>"#,
        // A paragraph whose mark was deleted joins the next.
        r#"<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="A"/></w:rPr></w:pPr><w:r><w:t xml:space="preserve">Nửa câu </w:t></w:r></w:p><w:p><w:r><w:t>và nửa sau.</w:t></w:r></w:p>"#,
    );
    let bytes = package(&[
        ("word/document.xml", String::from_utf8(doc(body)).unwrap()),
        ("word/styles.xml", STYLES.into()),
    ]);
    let ps = paragraphs(&bytes).unwrap();
    assert_eq!(
        texts(&ps),
        [
            "148/QĐ-TTg; phânhạng",
            "Thấy được.",
            "Thêm giữ Dời",
            "Trang 3 / 9",
            "Mục tiêu: - 100% cán bộ; - Tăng thu nhập.",
            "KẾ HOẠCH",
            "Nửa câu và nửa sau.",
        ]
    );
    assert_eq!(
        ps[4].lines,
        ["Mục tiêu:", "- 100% cán bộ;", "- Tăng thu nhập."]
    );
    assert!(ps[5].bold);
}

#[test]
fn text_boxes_are_read_once_where_they_are_anchored() {
    let boxed =
        |t: &str| format!(r#"<w:txbxContent><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:txbxContent>"#);
    let body = format!(
        concat!(
            r#"<w:p><w:r><w:t xml:space="preserve">Trước khung </w:t></w:r><w:r><mc:AlternateContent>"#,
            r#"<mc:Choice Requires="wps"><w:drawing><wps:txbx>{}</wps:txbx></w:drawing></mc:Choice>"#,
            r#"<mc:Fallback><w:pict><v:textbox>{}</v:textbox></w:pict></mc:Fallback>"#,
            r#"</mc:AlternateContent></w:r><w:r><w:t>sau khung.</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>Đoạn kế.</w:t></w:r></w:p>"#,
            // Anchored before any text: the box comes first.
            r#"<w:p><w:r><w:drawing><wps:txbx>{}</wps:txbx></w:drawing></w:r><w:r><w:t>Thân.</w:t></w:r></w:p>"#,
        ),
        boxed("DỰ THẢO"),
        boxed("DỰ THẢO"),
        boxed("Kính gửi: Sở Y tế")
    );
    let ps = read_xml(&doc(&body)).unwrap();
    assert_eq!(
        texts(&ps),
        [
            "Trước khung sau khung.",
            "DỰ THẢO",
            "Đoạn kế.",
            "Kính gửi: Sở Y tế",
            "Thân."
        ]
    );
    assert!(ps[1].notes[0].contains("khung chữ"));
    assert!(ps[0].notes.is_empty());
}

#[test]
fn footnotes_stand_in_parentheses_where_their_mark_was() {
    let notes = r#"<w:footnotes xmlns:w="w"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
      <w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Nay là Sở Nông nghiệp và Môi trường.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
    let body = r#"<w:p><w:r><w:t>Sở Nông nghiệp và PTNT</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve"> chủ trì.</w:t></w:r></w:p>"#;
    let bytes = package(&[
        ("word/document.xml", String::from_utf8(doc(body)).unwrap()),
        ("word/footnotes.xml", notes.into()),
    ]);
    let ps = paragraphs(&bytes).unwrap();
    assert_eq!(
        ps[0].text(),
        "Sở Nông nghiệp và PTNT (Nay là Sở Nông nghiệp và Môi trường.) chủ trì."
    );
    assert!(ps[0].notes[0].contains("chú thích cuối trang"));
}

#[test]
fn utf16_parts_are_read() {
    let xml = String::from_utf8(doc(r#"<w:p><w:r><w:t>Kế hoạch</w:t></w:r></w:p>"#)).unwrap();
    let xml = xml.replace(r#"version="1.0""#, r#"version="1.0" encoding="UTF-16""#);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in xml.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(&utf16).unwrap();
    zip.finish().unwrap();
    let ps = paragraphs(&buf.into_inner()).unwrap();
    assert_eq!(texts(&ps), ["Kế hoạch"]);
}
