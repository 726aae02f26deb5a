use std::io::Write;

use super::*;
use crate::import::para::Align;

const NS: &str = r#"xmlns:office="o" xmlns:text="t" xmlns:style="s" xmlns:fo="f" xmlns:table="tb" xmlns:draw="d""#;

const STYLES: &str = r#"<office:document-styles xmlns:office="o" xmlns:text="t" xmlns:style="s" xmlns:fo="f"><office:styles>
  <style:style style:name="Heading_20_1" style:family="paragraph" style:default-outline-level="1"><style:text-properties fo:font-weight="bold"/></style:style>
  <text:outline-style style:name="Outline">
    <text:outline-level-style text:level="1" style:num-format="I" style:num-suffix="."/>
    <text:outline-level-style text:level="2" style:num-format=""/>
  </text:outline-style>
</office:styles></office:document-styles>"#;

fn odt(body: &str) -> Vec<u8> {
    odt_with("", body)
}

/// An .odt of `body` with more automatic `styles`.
fn odt_with(styles: &str, body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}><office:automatic-styles>{styles}
  <style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold" fo:font-size="14pt"/></style:style>
  <style:style style:name="T1" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <style:style style:name="An" style:family="text"><style:text-properties text:display="none"/></style:style>
  <text:list-style style:name="L1">
    <text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/>
    <text:list-level-style-number text:level="2" style:num-format="1" style:num-suffix="." text:display-levels="2"/>
    <text:list-level-style-number text:level="3" style:num-format="a" style:num-suffix=")"/>
  </text:list-style>
  <text:list-style style:name="L2"><text:list-level-style-bullet text:level="1" text:bullet-char="-"/></text:list-style>
</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>"#
    );
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut buf);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.text")
        .unwrap();
    for (name, xml) in [("content.xml", content.as_str()), ("styles.xml", STYLES)] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    buf.into_inner()
}

fn item(text: &str) -> String {
    format!("<text:list-item><text:p>{text}</text:p></text:list-item>")
}

#[test]
fn lists_and_headings_are_numbered_as_writer_shows_them() {
    let body = format!(
        concat!(
            r#"<text:h text:style-name="Heading_20_1" text:outline-level="1">MỤC TIÊU</text:h>"#,
            r#"<text:list text:style-name="L1">{}<text:list-item><text:p>Nhiệm vụ</text:p><text:list>{}{}<text:list-item><text:list>{}{}</text:list></text:list-item></text:list></text:list-item>{}</text:list>"#,
            r#"<text:h text:style-name="Heading_20_1" text:outline-level="1">NHIỆM VỤ</text:h>"#,
            r#"<text:list text:style-name="L1">{}</text:list>"#,
            r#"<text:list text:style-name="L1" text:continue-numbering="true">{}</text:list>"#,
            r#"<text:list text:style-name="L2">{}</text:list>"#,
        ),
        item("Mục đích"),
        item("Tập huấn"),
        item("Hội chợ"),
        item("Nội dung"),
        item("Thời gian"),
        item("Yêu cầu"),
        item("Mới"),
        item("Tiếp"),
        item("Gạch đầu dòng"),
    );
    let ps = paragraphs(&odt(&body)).unwrap();
    let got: Vec<(Option<&str>, String)> =
        ps.iter().map(|p| (p.label.as_deref(), p.text())).collect();
    let want = [
        (Some("I."), "MỤC TIÊU"),
        (Some("1."), "Mục đích"),
        (Some("2."), "Nhiệm vụ"),
        (Some("2.1."), "Tập huấn"),
        (Some("2.2."), "Hội chợ"),
        (Some("a)"), "Nội dung"),
        (Some("b)"), "Thời gian"),
        (Some("3."), "Yêu cầu"),
        (Some("II."), "NHIỆM VỤ"),
        (Some("1."), "Mới"),
        (Some("2."), "Tiếp"),
        (Some("-"), "Gạch đầu dòng"),
    ];
    let want: Vec<(Option<&str>, String)> = want.iter().map(|(l, t)| (*l, t.to_string())).collect();
    assert_eq!(got, want);
    assert_eq!(ps[0].heading_level, Some(1));
    assert!(ps[0].bold, "bold from the heading style");
}

#[test]
fn writer_features_read_as_the_page_shows_them() {
    let body = concat!(
        r#"<text:p text:style-name="P1">KẾ HOẠCH</text:p>"#,
        r#"<text:p>Căn cứ <text:span text:style-name="T1">Quyết định</text:span> số<text:s text:c="2"/>12<text:span text:style-name="An"> ẩn</text:span>;<text:line-break/>- 100% cán bộ</text:p>"#,
        r#"<text:p>Sở Nông nghiệp<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Nay là Sở NN và MT.</text:p></text:note-body></text:note> chủ trì.</text:p>"#,
        r#"<text:tracked-changes><text:changed-region text:id="c1"><text:deletion><text:p>Bỏ đi</text:p></text:deletion></text:changed-region></text:tracked-changes>"#,
        r#"<text:p>Giữ<text:change text:change-id="c1"/> lại<text:hidden-text text:string-value="x">ẩn</text:hidden-text>.</text:p>"#,
        r#"<table:table><table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>ỦY BAN</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>CỘNG HÒA</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row><table:table-cell><text:p>Số: 1</text:p></table:table-cell></table:table-row></table:table>"#,
        r#"<text:p>Neo<draw:frame><draw:text-box><text:p>KHUNG</text:p></draw:text-box></draw:frame> đoạn.</text:p>"#,
    );
    let ps = paragraphs(&odt(body)).unwrap();
    let texts: Vec<String> = ps.iter().map(Para::text).collect();
    assert_eq!(
        texts,
        [
            "KẾ HOẠCH",
            "Căn cứ Quyết định số 12; - 100% cán bộ",
            "Sở Nông nghiệp (Nay là Sở NN và MT.) chủ trì.",
            "Giữ lại.",
            "ỦY BAN",
            "CỘNG HÒA",
            "Số: 1",
            "Neo đoạn.",
            "KHUNG",
        ]
    );
    assert!(ps[0].bold && ps[0].align == Some(Align::Center) && ps[0].size == Some(14.0));
    assert_eq!(ps[1].lines.len(), 2);
    assert_eq!(ps[1].italic_parts, ["Quyết định"]);
    assert!(ps[2].notes[0].contains("chú thích"));
    let places: Vec<(Option<usize>, usize, usize)> = ps[4..7]
        .iter()
        .map(|p| (p.place.table, p.place.row, p.place.col))
        .collect();
    assert_eq!(places, [(Some(0), 0, 0), (Some(0), 0, 2), (Some(0), 1, 0)]);
    assert!(ps[8].notes[0].contains("khung chữ"));
}

#[test]
fn a_cell_knows_the_width_of_its_column() {
    let styles = concat!(
        r#"<style:style style:name="C1" style:family="table-column"><style:table-column-properties style:column-width="1cm"/></style:style>"#,
        r#"<style:style style:name="C2" style:family="table-column"><style:table-column-properties style:column-width="2in" style:rel-column-width="3000*"/></style:style>"#,
    );
    let body = concat!(
        r#"<table:table><table:table-column table:style-name="C1"/><table:table-column table:style-name="C2" table:number-columns-repeated="2"/><table:table-column/>"#,
        r#"<table:table-row><table:table-cell><text:p>1</text:p></table:table-cell><table:table-cell><text:p>2</text:p></table:table-cell>"#,
        r#"<table:table-cell><text:p>3</text:p></table:table-cell><table:table-cell><text:p>4</text:p></table:table-cell></table:table-row></table:table>"#,
    );
    let ps = paragraphs(&odt_with(styles, body)).unwrap();
    let widths: Vec<Option<u32>> = ps.iter().map(|p| p.place.col_width).collect();
    // Absolute in twips; relative as written, preferred where given.
    assert_eq!(widths, [Some(567), Some(3000), Some(3000), None]);
}

#[test]
fn broken_files_are_told_in_vietnamese() {
    let e = paragraphs(b"PK\x03\x04 broken").unwrap_err();
    assert!(e.message.contains(".odt"), "{}", e.message);
    let deep = odt(&"<text:section>".repeat(MAX_DEPTH + 2));
    assert!(paragraphs(&deep).unwrap_err().message.contains("lồng nhau"));
}
