use super::*;

fn request(kind: Kind, level: Level, name: &str, province: Option<&str>, year: i32) -> Request {
    Request {
        kind,
        level,
        name: name.into(),
        province: province.map(str::to_string),
        year,
    }
}

fn yaml(req: &Request) -> String {
    let files = skeleton(req, "moi.yaml").unwrap();
    String::from_utf8(files[0].bytes.clone()).unwrap()
}

#[test]
fn a_commune_of_a_merged_province_gets_its_own_words() {
    let text = yaml(&request(
        Kind::Plan,
        Level::Commune,
        "xã Đa Mi",
        Some("Lâm Đồng"),
        2028,
    ));
    assert!(text.contains("name: Đa Mi"), "{text}");
    assert!(text.contains("province: Lâm Đồng"), "{text}");
    assert!(text.contains("trên địa bàn xã Đa Mi năm 2028"), "{text}");
    assert!(
        text.contains("26/2026/QĐ-TTg"),
        "the regime of 2028: {text}"
    );
    for leftover in ["Lai Châu", "2027", "Hà Trọng Hải", "snnmt"] {
        assert!(!text.contains(leftover), "{leftover}: {text}");
    }
}

#[test]
fn the_type_word_of_a_name_is_its_unit_type() {
    let text = yaml(&request(
        Kind::Plan,
        Level::Commune,
        "Phường Bảo Lộc",
        Some("Lâm Đồng"),
        2028,
    ));
    assert!(text.contains("unit_type: phường"), "{text}");
    assert!(text.contains("Phòng Kinh tế, Hạ tầng và Đô thị"), "{text}");
    let city = yaml(&request(Kind::Plan, Level::Province, "Đà Nẵng", None, 2028));
    assert!(city.contains("unit_type: thành phố"), "{city}");
    assert!(city.contains("TT. Thành ủy"), "{city}");
}

#[test]
fn names_are_those_of_the_year() {
    let merged = skeleton(
        &request(Kind::Plan, Level::Province, "Bình Thuận", None, 2028),
        "x.yaml",
    )
    .unwrap_err();
    assert!(
        merged.message.contains("hợp nhất vào tỉnh Lâm Đồng"),
        "{merged:?}"
    );
    // Before the merger it was a province of its own, with the old department.
    let old = yaml(&request(
        Kind::Plan,
        Level::Province,
        "Bình Thuận",
        None,
        2024,
    ));
    assert!(
        old.contains("Sở Nông nghiệp và Phát triển nông thôn"),
        "{old}"
    );
    assert!(old.contains("148/QĐ-TTg"), "{old}");
    assert!(old.contains("UBND các huyện"), "{old}");
    let district = skeleton(
        &request(
            Kind::Plan,
            Level::District,
            "Tân Uyên",
            Some("Lai Châu"),
            2026,
        ),
        "x.yaml",
    )
    .unwrap_err();
    assert!(
        district.message.contains("cấp huyện không còn"),
        "{district:?}"
    );
    let unknown = skeleton(
        &request(Kind::Plan, Level::Province, "Lam Dong", None, 2028),
        "x.yaml",
    )
    .unwrap_err();
    assert!(unknown.hint.unwrap().contains("Lâm Đồng"));
}

#[test]
fn a_commune_is_told_who_recognises_products() {
    let e = skeleton(
        &request(
            Kind::Certificates,
            Level::Commune,
            "Đa Mi",
            Some("Lâm Đồng"),
            2028,
        ),
        "x.yaml",
    )
    .unwrap_err();
    assert!(
        e.message.contains("cấp xã không ban hành giấy chứng nhận"),
        "{e:?}"
    );
    assert!(e.hint.unwrap().contains("--tinh \"Lâm Đồng\""));
}

#[test]
fn names_that_would_break_the_yaml_are_refused() {
    let e = skeleton(
        &request(Kind::Plan, Level::Province, "Lâm Đồng: #1", None, 2028),
        "x.yaml",
    )
    .unwrap_err();
    assert!(e.message.contains("có ký tự"), "{e:?}");
}

#[test]
fn certificates_come_with_their_spreadsheet() {
    let files = skeleton(
        &request(Kind::Certificates, Level::Province, "Lâm Đồng", None, 2028),
        "gcn-dot-1.yaml",
    )
    .unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[1].name, "gcn-dot-1-san-pham.xlsx");
    let yaml = String::from_utf8(files[0].bytes.clone()).unwrap();
    assert!(
        yaml.contains("products_file: gcn-dot-1-san-pham.xlsx"),
        "{yaml}"
    );
    assert!(files[1].bytes.starts_with(b"PK"));
    // The same bytes on every run.
    let again = skeleton(
        &request(Kind::Certificates, Level::Province, "Lâm Đồng", None, 2028),
        "gcn-dot-1.yaml",
    )
    .unwrap();
    assert_eq!(files[1].bytes, again[1].bytes);
}

#[test]
fn kinds_are_named_in_vietnamese_and_english() {
    assert_eq!(Kind::from_word("ke-hoach"), Some(Kind::Plan));
    assert_eq!(Kind::from_word("Certificates"), Some(Kind::Certificates));
    assert_eq!(Kind::from_word("cong-van"), Some(Kind::Dispatch));
    assert_eq!(Kind::from_word("bao-cao"), None);
}
