//! User text is data, never markup: hostile strings in every kind of text
//! field print exactly as typed.

use crate::common;

use common::{folded, pdf_text, session};

const HOSTILE: &[&str] = &[
    "#read(\"/etc/passwd\")",
    "*đậm* _nghiêng_",
    "$x^2$",
    "@nhan <nhan>",
    "a \\ b \\u{41}",
    "// không phải chú thích",
    "/* khối */",
    "ba chấm... và -- gạch",
    "]#panic()[",
    "https://ocop.vn/a_b",
    "dấu ~ ngã 'đơn' \"kép\"",
    "`raw` {ngoặc}",
    // Number/symbol and address tokens are set in `#box[…]`: what follows
    // the box must not become its arguments or end it.
    "số 12/KH-UBND(#) và 07/2021/NQ-HĐND;#",
    "(https://ocop.vn/a_b)[#] thư@x.vn; ocop@laichau.gov.vn(",
    "QĐ-TTg[#read] /QĐ-UBND.x 01/2027/GCN-OCOP).",
];

fn quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A plan with a hostile string in every field that prints, and lines
/// that look like markup.
fn hostile_plan_yaml() -> String {
    let list: String = HOSTILE
        .iter()
        .map(|h| format!("                - {}\n", quoted(h)))
        .collect();
    format!(
        "issuer:
  level: province
  name: {name}
units:
  u1:
    name: {unit}
plan:
  date: 15/01/2027
  title: {title}
  intro: {intro}
  sections:
    - title: {section}
      sections:
        - title: {sub}
          body:
            - '1. không phải danh sách'
            - '- không phải gạch đầu dòng'
            - '= không phải tiêu đề'
            - list:
{list}          task:
            - content: {content}
            - units: [u1]
            - timeline: {{ text: {timeline} }}
  closing: {closing}
  recipients: [{recipient}]
  archive: {archive}
  signer:
    title: {signer_title}
    name: {signer}
",
        name = quoted("Lai Châu #1"),
        unit = quoted(HOSTILE[1]),
        title = quoted(HOSTILE[0]),
        intro = quoted(HOSTILE[2]),
        section = quoted(HOSTILE[3]),
        sub = quoted(HOSTILE[8]),
        content = quoted(HOSTILE[4]),
        timeline = quoted(HOSTILE[6]),
        closing = quoted(HOSTILE[7]),
        recipient = quoted(HOSTILE[9]),
        archive = quoted(HOSTILE[10]),
        signer_title = quoted(HOSTILE[11]),
        signer = quoted(HOSTILE[5]),
    )
}

#[test]
fn hostile_text_prints_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = hostile_plan_yaml();
    let path = dir.path().join("doc-hai.yaml");
    std::fs::write(&path, yaml).unwrap();
    let s = session();
    let report = common::prepare(&path);
    let errors: Vec<_> = report.problems.iter().map(|d| d.render()).collect();
    assert!(!report.has_errors(), "{}", errors.join("\n"));
    let doc = &report.documents[0];
    let markup = s.markup(doc).unwrap();
    assert_eq!(
        markup.source.matches("#read").count(),
        markup.source.matches("\\#read").count(),
        "unescaped code in markup"
    );
    assert!(
        markup.source.contains("#box[12\\/KH\\-UBND]\\(\\#)")
            && markup.source.contains("#box[07\\/2021\\/NQ\\-HĐND]\\;\\#"),
        "number tokens are boxed, and what follows a box is escaped"
    );
    let pdf = s.pdf(doc, markup, true).expect("hostile text compiles");
    let text = folded(&pdf_text(&pdf));
    for expected in HOSTILE.iter().chain(&[
        "1. không phải danh sách",
        "- không phải gạch đầu dòng",
        "= không phải tiêu đề",
    ]) {
        // Upper-cased fields (section titles, signer title) are checked in upper case.
        let upper = expected.to_uppercase();
        assert!(
            text.contains(&folded(expected)) || text.contains(&folded(&upper)),
            "{expected:?} did not print as typed:\n{text}"
        );
    }
}

#[test]
fn decomposed_input_becomes_precomposed() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(common::root().join("tests/bad/impossible-date.yaml"))
        .unwrap()
        .replace("30/02/2027", "15/01/2027");
    let nfd: String = unicode_nfd(&base);
    assert_ne!(nfd, base);
    let nfd_path = dir.path().join("nfd.yaml");
    let nfc_path = dir.path().join("nfc.yaml");
    std::fs::write(&nfd_path, &nfd).unwrap();
    std::fs::write(&nfc_path, &base).unwrap();
    let (_, a) = common::render(&nfd_path);
    let (_, b) = common::render(&nfc_path);
    assert!(a == b, "NFD input must give the same PDF as NFC input");
}

fn unicode_nfd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd().collect()
}
