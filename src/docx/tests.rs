//! Unit tests of the Word back end on hand-built documents.

use std::io::Read;

use super::*;
use crate::doc::{Appendix, Header, LeadStyle, Reference, Signature, Table};
use xml::mm;

fn header() -> Header {
    Header {
        parent: None,
        issuer_lines: vec!["ỦY BAN NHÂN DÂN".into(), "TỈNH LAI CHÂU".into()],
        number: None,
        symbol: "KH-UBND".into(),
        place: "Lai Châu".into(),
        day: None,
        month: Some("01".into()),
        year: 2027,
    }
}

/// The administrative part of `doc`, to change in a test.
fn admin(doc: &mut Document) -> &mut Administrative {
    doc.content
        .administrative_mut()
        .expect("an administrative document")
}

fn plan() -> Document {
    Document {
        file_stem: "ke-hoach".into(),
        meta_title: "Kế hoạch thử".into(),
        ident: "KH".into(),
        timestamp: Date::new(2027, 1, 5).unwrap(),
        content: Content::Plan(plan_text()),
        issuance: Default::default(),
    }
}

fn plan_text() -> Administrative {
    Administrative {
        header: header(),
        kind_name: "KẾ HOẠCH".into(),
        subject: "Thực hiện Chương trình OCOP\nnăm 2027".into(),
        to: vec![],
        preamble: vec![Block::Para {
            marker: None,
            lead: None,
            lead_style: LeadStyle::Plain,
            text: "Căn cứ Quyết định số 26/2026/QĐ-TTg;".into(),
            italic: true,
        }],
        body: vec![
            Block::Heading {
                label: "I.".into(),
                title: "MỤC ĐÍCH, YÊU CẦU".into(),
                bold: true,
            },
            Block::Centered {
                text: "QUYẾT ĐỊNH:".into(),
                bold: true,
            },
            Block::Para {
                marker: Some("a)".into()),
                lead: Some("Nội dung:".into()),
                lead_style: LeadStyle::Bold,
                text: "Đánh giá <w:b/> & phân hạng".into(),
                italic: false,
            },
            Block::Para {
                marker: None,
                lead: Some("Điều 1.".into()),
                lead_style: LeadStyle::Italic,
                text: String::new(),
                italic: false,
            },
            Block::para("Tổ chức thực hiện./."),
        ],
        signature: Signature {
            recipients: vec!["Bộ NN&MT (b/c);".into(), "UBND các xã;".into()],
            archive: "VT, Kt5.".into(),
            authority: vec![
                "TM. ỦY BAN NHÂN DÂN".into(),
                "KT. CHỦ TỊCH".into(),
                "PHÓ CHỦ TỊCH".into(),
            ],
            name: "Hà Trọng Hải".into(),
        },
        appendices: vec![],
    }
}

fn dispatch(to: &[&str]) -> Document {
    Document {
        content: Content::Dispatch(Administrative {
            kind_name: String::new(),
            subject: "triển khai Kế hoạch".into(),
            to: to.iter().map(|s| s.to_string()).collect(),
            preamble: vec![],
            ..plan_text()
        }),
        ..plan()
    }
}

fn table() -> Table {
    let mut t = Table::titled(
        &[
            ("STT", 1, "center"),
            ("Tên sản phẩm", 3, "left"),
            ("Điểm", 1, "right"),
        ],
        12,
    );
    t.push_group("I. SẢN PHẨM ĐẠT 4 SAO");
    t.push_row(vec!["1".into(), "Chè Shan tuyết".into(), "78,5".into()]);
    t.push_row(vec!["2".into(), "Mật ong".into()]);
    t
}

fn with_appendix(landscape: bool) -> Document {
    let mut d = plan();
    admin(&mut d).appendices.push(Appendix {
        label: "Phụ lục".into(),
        title: "DANH SÁCH SẢN PHẨM".into(),
        reference: Reference {
            kind: "Quyết định".into(),
            number: None,
            symbol: "QĐ-UBND".into(),
            day: None,
            month: Some("3".into()),
            year: 2027,
            issuer: "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu".into(),
        },
        landscape,
        body: vec![Block::Table(table())],
    });
    d
}

/// Parses `xml` completely; panics on anything not well formed.
fn well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!(
                "not well formed at {}: {e}\n{xml}",
                reader.buffer_position()
            ),
        }
    }
}

/// Each entry of a .docx: name and text.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().unwrap().to_string(), s)
        })
        .collect()
}

#[test]
fn every_part_is_well_formed() {
    for doc in [
        plan(),
        dispatch(&["A"]),
        dispatch(&["A;", "B."]),
        with_appendix(true),
    ] {
        for (name, text) in unzip(&write(&doc).unwrap()) {
            assert!(text.starts_with("<?xml"), "{name}");
            well_formed(&text);
        }
    }
}

#[test]
fn package_holds_the_parts_a_word_processor_needs() {
    let names: Vec<String> = unzip(&write(&plan()).unwrap())
        .into_iter()
        .map(|e| e.0)
        .collect();
    assert_eq!(names[0], "[Content_Types].xml");
    for part in [
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
        "word/settings.xml",
        "word/header1.xml",
        "word/header2.xml",
        "docProps/core.xml",
    ] {
        assert!(names.iter().any(|n| n == part), "{part} missing: {names:?}");
    }
}

#[test]
fn same_document_same_bytes() {
    let doc = with_appendix(true);
    let a = write(&doc).unwrap();
    let b = write(&doc.clone()).unwrap();
    assert_eq!(a, b);
    // Dated by the document, not the clock.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a[..])).unwrap();
    for i in 0..zip.len() {
        let t = zip.by_index(i).unwrap().last_modified().unwrap();
        assert_eq!((t.year(), t.month(), t.day(), t.hour()), (2027, 1, 5, 0));
    }
}

#[test]
fn date_outside_the_zip_range_still_writes() {
    let mut doc = plan();
    doc.timestamp = Date::new(1975, 4, 30).unwrap();
    let bytes = write(&doc).unwrap();
    let core = unzip(&bytes)
        .into_iter()
        .find(|e| e.0 == "docProps/core.xml")
        .unwrap()
        .1;
    assert!(core.contains("1975-04-30T00:00:00Z"));
}

#[test]
fn header_table_borderless_two_columns_with_rules() {
    let xml = document_xml(admin(&mut plan()));
    let header = &xml[..xml.find("KẾ HOẠCH").unwrap()];
    assert_eq!(header.matches("<w:gridCol ").count(), 2);
    assert!(header.contains("<w:top w:val=\"nil\"/>"));
    // Issuer and tiêu ngữ rules, each a bordered empty paragraph.
    assert_eq!(header.matches("<w:pBdr>").count(), 2);
    for (text, size, style) in [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 26, "<w:b/>"),
        ("Độc lập - Tự do - Hạnh phúc", 28, "<w:b/>"),
        ("ỦY BAN NHÂN DÂN", 26, "<w:b/>"),
        ("Lai Châu, ngày         tháng 01 năm 2027", 28, "<w:i/>"),
    ] {
        let at = header.find(text).unwrap_or_else(|| panic!("{text}"));
        let run = &header[header[..at].rfind("<w:r>").unwrap()..at];
        assert!(run.contains(style), "{text}: {run}");
        assert!(
            run.contains(&format!("<w:sz w:val=\"{size}\"/>")),
            "{text}: {run}"
        );
    }
    // The issuer lines in one paragraph, broken as typed.
    assert!(
        header.contains("ỦY BAN NHÂN DÂN</w:t><w:br/><w:t xml:space=\"preserve\">TỈNH LAI CHÂU")
    );
    // A draft's blank number.
    assert!(header.contains("Số:             /KH-UBND"));
    assert!(!header.contains("V/v"));
}

#[test]
fn rules_sized_to_their_text() {
    let xml = document_xml(admin(&mut plan()));
    let indents: Vec<(i32, i32)> = xml
        .match_indices("<w:pBdr>")
        .map(|(at, _)| {
            let ind = &xml[at..];
            let ind = &ind[ind.find("<w:ind ").unwrap()..];
            let num = |k: &str| -> i32 {
                let s = &ind[ind.find(k).unwrap() + k.len()..];
                s[..s.find('"').unwrap()].parse().unwrap()
            };
            (num("w:left=\""), num("w:right=\""))
        })
        .collect();
    assert_eq!(indents.len(), 3, "issuer, tiêu ngữ, trích yếu");
    let left_w = 9355 * 42 / 100;
    let right_w = 9355 - left_w;
    let issuer = left_w - indents[0].0 - indents[0].1;
    let motto = right_w - indents[1].0 - indents[1].1;
    let subject = 9355 - indents[2].0 - indents[2].1;
    let width = |t: &str| (measure::width(t, 13.0, true) * 20.0) as i32;
    let issuer_text = width("ỦY BAN NHÂN DÂN");
    assert!(
        (issuer as f64 / issuer_text as f64 - 0.4).abs() < 0.01,
        "{issuer}"
    );
    let motto_text = (measure::width("Độc lập - Tự do - Hạnh phúc", 14.0, true) * 20.0) as i32;
    assert!((motto - motto_text).abs() <= 2, "{motto} vs {motto_text}");
    let subject_text = (measure::width("Thực hiện Chương trình OCOP", 14.0, true) * 20.0) as i32;
    assert!((subject as f64 / subject_text as f64 - 0.4).abs() < 0.01);
    // Centred: the same indent on both sides.
    for (l, r) in indents {
        assert!((l - r).abs() <= 1);
    }
}

#[test]
fn title_block() {
    let xml = document_xml(admin(&mut plan()));
    assert!(xml.contains(
        "<w:spacing w:before=\"400\"/><w:ind w:firstLine=\"0\"/><w:jc w:val=\"center\"/>"
    ));
    assert!(xml.contains(">KẾ HOẠCH</w:t>"));
    assert!(xml.contains(
        ">Thực hiện Chương trình OCOP</w:t><w:br/><w:t xml:space=\"preserve\">năm 2027</w:t>"
    ));
}

#[test]
fn body_paragraphs_numbered_as_text() {
    let xml = document_xml(admin(&mut plan()));
    assert!(!xml.contains("<w:numPr>"), "never Word auto-numbering");
    assert_eq!(xml.matches("<w:pStyle w:val=\"NoiDung\"/>").count(), 5);
    // Marker, bold lead-in, escaped text.
    assert!(xml.contains(
        "<w:t xml:space=\"preserve\">a) </w:t></w:r><w:r><w:rPr><w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Nội dung:</w:t>"
    ));
    assert!(xml.contains(">Đánh giá &lt;w:b/&gt; &amp; phân hạng<"));
    // Italic lead-in without text: no trailing space run.
    assert!(xml.contains("<w:i/><w:iCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Điều 1.</w:t></w:r></w:p>"));
    // Căn cứ in italic.
    assert!(xml.contains("<w:i/><w:iCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Căn cứ"));
    // Headings and centred lines keep with what follows.
    let heading = &xml[..xml.find("MỤC ĐÍCH").unwrap()];
    assert!(heading[heading.rfind("<w:p>").unwrap()..].contains("<w:keepNext/>"));
    let centred = &xml[..xml.find("QUYẾT ĐỊNH:").unwrap()];
    assert!(centred[centred.rfind("<w:p>").unwrap()..].contains("<w:jc w:val=\"center\"/>"));
}

#[test]
fn last_body_lines_keep_with_the_signature() {
    let xml = document_xml(admin(&mut plan()));
    let paras: Vec<&str> = xml.split("<w:p>").collect();
    let last = paras
        .iter()
        .position(|p| p.contains("Tổ chức thực hiện"))
        .unwrap();
    assert!(paras[last].contains("<w:keepNext/>"));
    assert!(paras[last - 1].contains("<w:keepNext/>"));
    let first_para = paras.iter().position(|p| p.contains("Đánh giá")).unwrap();
    assert!(!paras[first_para].contains("<w:keepNext/>"));
}

#[test]
fn signature_row_never_splits() {
    let xml = document_xml(admin(&mut plan()));
    let sig = &xml[xml.rfind("<w:tbl>").unwrap()..];
    assert!(sig.contains("<w:trPr><w:cantSplit/></w:trPr>"));
    assert!(sig.contains("<w:b/><w:bCs/><w:i/><w:iCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\">Nơi nhận:"));
    assert!(sig.contains("<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr><w:t xml:space=\"preserve\">- Bộ NN&amp;MT (b/c);"));
    assert!(sig.contains(">- Lưu: VT, Kt5.<"));
    assert!(sig.contains(
        ">TM. ỦY BAN NHÂN DÂN</w:t><w:br/><w:t xml:space=\"preserve\">KT. CHỦ TỊCH</w:t><w:br/>"
    ));
    assert!(
        sig.contains("<w:spacing w:before=\"1587\"/>"),
        "28 mm for the signature"
    );
    assert!(sig.contains(">Hà Trọng Hải<"));
}

#[test]
fn one_section_without_appendix_titled_first_page() {
    let xml = document_xml(admin(&mut plan()));
    assert_eq!(xml.matches("<w:sectPr>").count(), 1);
    assert!(xml.ends_with("<w:titlePg/></w:sectPr></w:body></w:document>"));
}

#[test]
fn dispatch_vv_and_one_addressee_inline() {
    let xml = document_xml(admin(&mut dispatch(&["Sở Công Thương"])));
    assert!(!xml.contains("KẾ HOẠCH"));
    assert!(xml.contains("<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\">V/v triển khai Kế hoạch</w:t>"));
    assert!(xml.contains(">Kính gửi:</w:t></w:r><w:r><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">Sở Công Thương</w:t>"));
    assert!(xml.contains("<w:ind w:left=\"1134\" w:firstLine=\"0\"/>"));
}

#[test]
fn dispatch_several_addressees_as_dash_lines() {
    let xml = document_xml(admin(&mut dispatch(&["Sở A;", "Sở B;", "UBND các xã."])));
    assert!(xml.contains(">Kính gửi:</w:t></w:r><w:r><w:rPr><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:tab/></w:r>"));
    for a in ["- Sở A;", "- Sở B;", "- UBND các xã."] {
        assert!(xml.contains(&format!(">{a}</w:t>")), "{a}");
    }
    // The dashes line up: the first line hangs back to 20 mm.
    let at = xml.find("<w:tab w:val=\"left\" w:pos=\"").unwrap() + 27;
    let pos: i32 = xml[at..at + 10].split('"').next().unwrap().parse().unwrap();
    assert!(xml.contains(&format!(
        "<w:ind w:left=\"{pos}\" w:hanging=\"{}\"/>",
        pos - 1134
    )));
    assert_eq!(
        xml.matches(&format!("<w:ind w:left=\"{pos}\" w:firstLine=\"0\"/>"))
            .count(),
        2
    );
}

#[test]
fn appendix_in_its_own_landscape_section() {
    let xml = document_xml(admin(&mut with_appendix(true)));
    assert_eq!(xml.matches("<w:sectPr>").count(), 2);
    // The first section (portrait, numbers from 1) ends before the appendix.
    let first = &xml[xml.find("<w:sectPr>").unwrap()..];
    let first = &first[..first.find("</w:sectPr>").unwrap()];
    assert!(first.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
    assert!(xml.find("<w:sectPr>").unwrap() < xml.find("DANH SÁCH SẢN PHẨM").unwrap());
    let last = &xml[xml.rfind("<w:sectPr>").unwrap()..];
    assert!(last.contains("w:orient=\"landscape\""));
    assert!(last.contains("<w:pgNumType w:start=\"1\"/><w:titlePg/>"));

    let table = &xml[xml.rfind("<w:tbl>").unwrap()..];
    assert_eq!(table.matches("<w:gridCol ").count(), 3);
    assert!(table.contains("<w:insideH w:val=\"single\" w:sz=\"4\""));
    // Header row repeated, bold and centred.
    let header_row = &table[table.find("<w:tr>").unwrap()..table.find("</w:tr>").unwrap()];
    assert!(header_row.contains("<w:tblHeader/>"));
    assert_eq!(header_row.matches("<w:b/>").count(), 3);
    // Group row spans every column.
    assert!(table.contains("<w:gridSpan w:val=\"3\"/>"));
    assert!(table.contains(">I. SẢN PHẨM ĐẠT 4 SAO<"));
    // Column alignment, and a short row padded with an empty cell.
    assert!(table.contains("<w:jc w:val=\"right\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr><w:t xml:space=\"preserve\">78,5"));
    assert_eq!(table.matches("<w:tr>").count(), 4);
    assert_eq!(table.matches("<w:tc>").count(), 3 + 1 + 3 + 3);
    // The heading block and its 35 mm rule.
    assert!(xml.contains("<w:i/><w:iCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">(Kèm theo Quyết định số       /QĐ-UBND ngày       tháng 3 năm 2027 của Chủ tịch Ủy ban nhân dân tỉnh Lai Châu)"));
}

#[test]
fn portrait_appendix() {
    let xml = document_xml(admin(&mut with_appendix(false)));
    let last = &xml[xml.rfind("<w:sectPr>").unwrap()..];
    assert!(!last.contains("landscape"));
    assert!(last.contains("<w:pgNumType w:start=\"1\"/>"));
}

#[test]
fn two_appendices_two_sections_each_restarting() {
    let mut doc = with_appendix(true);
    let mut second = admin(&mut doc).appendices[0].clone();
    second.landscape = false;
    admin(&mut doc).appendices.push(second);
    let xml = document_xml(admin(&mut doc));
    assert_eq!(xml.matches("<w:sectPr>").count(), 3);
    assert_eq!(xml.matches("<w:pgNumType w:start=\"1\"/>").count(), 2);
    assert_eq!(xml.matches("w:orient=\"landscape\"").count(), 1);
}

#[test]
fn control_character_refused_with_its_place() {
    let mut doc = plan();
    admin(&mut doc).signature.name = "Hà\u{1}Hải".into();
    let e = write(&doc).unwrap_err();
    assert!(e.message.contains("U+0001"), "{}", e.message);
    assert!(e.message.contains("họ tên người ký"), "{}", e.message);
    // Line breaks and tabs are text, not errors.
    let mut doc = plan();
    admin(&mut doc).signature.name = "Hà\tTrọng\r\nHải\u{2028}".into();
    assert!(write(&doc).is_ok());
}

#[test]
fn hostile_text_stays_text() {
    let mut doc = plan();
    let hostile = "</w:t></w:r><w:r><w:t>x</w:t> <?pi?> <![CDATA[y]]> &amp; \"'";
    admin(&mut doc).subject = hostile.into();
    admin(&mut doc).signature.archive = hostile.into();
    admin(&mut doc).to = vec![hostile.into()];
    doc.meta_title = hostile.into();
    for (_, text) in unzip(&write(&doc).unwrap()) {
        well_formed(&text);
        assert!(!text.contains("<w:t>x</w:t>"));
        assert!(!text.contains("<?pi?>"));
    }
}

#[test]
fn an_electronic_signature_block_keeps_each_title_line_and_room_for_the_images() {
    let mut doc = plan();
    admin(&mut doc).signature.authority = vec![
        "TM. ỦY BAN NHÂN DÂN".into(),
        "KT. CHỦ TỊCH".into(),
        "GIÁM ĐỐC SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG KIÊM PHÓ CHỦ TỊCH".into(),
    ];
    let paper = document_xml(admin(&mut doc));
    let electronic = document::issued_document_xml(admin(&mut doc), true);
    let room = |mm_: f64| format!("w:before=\"{}\"", mm(mm_));
    assert!(paper.contains(&room(28.0)) && !paper.contains(&room(36.0)));
    assert!(electronic.contains(&room(36.0)), "the seal's height");
    // One paragraph per line, none holding a line break; the line too wide
    // at 14 pt is set at 13 pt.
    let at = electronic.find(">TM. ỦY BAN NHÂN DÂN<").unwrap();
    let signer = &electronic[electronic[..at].rfind("<w:tc>").unwrap()..];
    let signer = &signer[..signer.find("</w:tc>").unwrap()];
    assert_eq!(
        signer.matches("<w:p>").count(),
        4,
        "three lines and the name"
    );
    assert!(!signer.contains("<w:br/>"));
    assert!(signer.contains(
        "<w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/></w:rPr><w:t xml:space=\"preserve\">GIÁM ĐỐC"
    ));
}

#[test]
fn a_separate_appendix_is_a_word_file_of_its_own() {
    let with = with_appendix(true);
    let appendix = admin(&mut with.clone()).appendices[0].clone();
    let doc = Document {
        file_stem: "ke-hoach-phu-luc".into(),
        content: Content::Appendix(crate::doc::AppendixFile {
            of: crate::doc::DocKind::Plan,
            appendix: appendix.clone(),
        }),
        issuance: crate::doc::Issuance {
            electronic: true,
            ..Default::default()
        },
        ..with
    };
    let bytes = write(&doc).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // No header, no signature: the top kept clear for the organisation's
    // signature, then the heading block and the table, in landscape.
    assert!(!xml.contains("CỘNG HÒA") && !xml.contains("Nơi nhận"));
    let clear = format!("<w:spacing w:line=\"{}\" w:lineRule=\"exact\"/>", mm(16.0));
    let top = xml.find(&clear).expect("the corner kept clear");
    assert!(top < xml.find(">Phụ lục<").unwrap());
    assert!(xml.contains("w:orient=\"landscape\""));
    let paper = document::appendix_document_xml(&appendix, false);
    assert!(!paper.contains(&clear));
}
