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

/// A plan whose body (and whose one appendix) holds `table`, a YAML
/// mapping written at the indentation of a block's keys.
fn plan_with_table(table: &str) -> String {
    format!(
        "issuer:
  level: province
  name: Lai Châu
plan:
  date: 15/01/2027
  title: Bảng
  sections:
    - title: Số liệu
      body:
        - table:
{table}
  closing: Hết
  archive: VT.
  signer:
    title: Chủ tịch
    name: Nguyễn Văn A
  appendices:
    - title: Phụ lục bảng
      landscape: true
      body:
        - table:
{table}
"
    )
}

fn indented(lines: &[String], by: usize) -> String {
    lines
        .iter()
        .map(|l| format!("{}{l}\n", " ".repeat(by)))
        .collect::<String>()
        .trim_end()
        .to_string()
}

#[test]
fn hostile_text_in_tables_prints_as_typed() {
    // One column, so each cell's text reads back whole.
    let mut lines = vec![
        format!("title: {}", quoted(HOSTILE[0])),
        format!("unit: {}", quoted(HOSTILE[1])),
        format!("columns: [{}]", quoted(HOSTILE[2])),
        "rows:".to_string(),
        format!("  - {{ group: {} }}", quoted(HOSTILE[3])),
    ];
    lines.extend(HOSTILE[4..].iter().map(|h| format!("  - [{}]", quoted(h))));
    let yaml = plan_with_table(&indented(&lines, 12));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bang-hai.yaml");
    std::fs::write(&path, yaml).unwrap();
    let report = common::prepare(&path);
    let errors: Vec<_> = report.problems.iter().map(|d| d.render()).collect();
    assert!(!report.has_errors(), "{}", errors.join("\n"));
    let doc = &report.documents[0];
    let s = session();
    let markup = s.markup(doc).unwrap();
    let pdf = s.pdf(doc, markup, true).expect("hostile cells compile");
    let text = folded(&pdf_text(&pdf));
    for h in HOSTILE {
        // Twice at least: some strings hold others.
        assert!(
            text.matches(&folded(h)).count() >= 2,
            "{h:?} did not print as typed in the body's table and the appendix's:\n{text}"
        );
    }
    let docx = ocop::docx::write(doc).expect("hostile cells in a Word file");
    assert!(!docx.is_empty());
}

/// Where poppler finds each word: (page width, x of the word's right edge, text).
fn word_boxes(pdf: &[u8]) -> Vec<(f64, f64, String)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-bbox"])
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext is needed: apt-get install poppler-utils");
    let html = String::from_utf8(out.stdout).unwrap();
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[at..tag[at..].find('"').unwrap() + at].parse().unwrap()
    };
    let mut page_width = 0.0;
    let mut words = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            page_width = attr(line, "width");
        } else if line.starts_with("<word ") {
            let text =
                line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()].to_string();
            words.push((page_width, attr(line, "xMax"), text));
        }
    }
    words
}

#[test]
fn a_ten_thousand_letter_word_breaks_inside_its_cell() {
    // No Vietnamese word has a "w" or a "z": every one on the pages is the long word's.
    let word = "wz".repeat(5000);
    let lines = [
        "columns: [TT, Nội dung, Ghi chú]".to_string(),
        "rows:".to_string(),
        format!("  - [1, \"Có một từ rất dài ở cột bên\", {word}]"),
        "  - [2, Dòng sau, ngắn]".to_string(),
    ];
    let yaml = plan_with_table(&indented(&lines, 12));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tu-dai.yaml");
    std::fs::write(&path, yaml).unwrap();
    let (_, pdf) = common::render(&path);
    let boxes = word_boxes(&pdf);
    let letters: usize = boxes
        .iter()
        .map(|(_, _, t)| t.chars().filter(|c| *c == 'w' || *c == 'z').count())
        .sum();
    assert_eq!(letters, 2 * word.len(), "every letter is printed, twice");
    // The right margin is 15 mm: nothing goes past it.
    let margin = 15.0 * 72.0 / 25.4;
    let outside: Vec<_> = boxes
        .iter()
        .filter(|(w, x, _)| *x > w - margin + 1.0)
        .collect();
    assert!(
        outside.is_empty(),
        "text past the right margin: {outside:?}"
    );
}

#[test]
fn a_table_of_two_thousand_rows_is_refused_where_it_is_written() {
    let mut lines = vec![
        "columns: [TT, Sản phẩm, { title: Số lượng, sum: true }, Ghi chú]".to_string(),
        "rows:".to_string(),
    ];
    lines.extend((1..=2000).map(|i| format!("  - [{i}, Sản phẩm số {i}, {}, \"\"]", i % 9)));
    let yaml = plan_with_table(&indented(&lines, 12));
    // The problem points at the rows: the first of them.
    let rows_line = yaml.lines().position(|l| l.trim() == "rows:").unwrap() + 2;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bang-dai.yaml");
    std::fs::write(&path, yaml).unwrap();
    let report = common::prepare(&path);
    assert!(report.documents.is_empty());
    let errors: Vec<_> = report.problems.iter().filter(|d| d.is_error()).collect();
    assert_eq!(
        errors.len(),
        2,
        "the body's table and the appendix's: {errors:#?}"
    );
    let e = errors[0];
    assert_eq!(e.pos.map(|p| p.line), Some(rows_line));
    assert_eq!(
        e.field.as_deref(),
        Some("plan.sections[0].body[0].table.rows")
    );
    assert!(
        e.message
            .starts_with("bảng có 8.004 ô (2.000 dòng × 4 cột)"),
        "{}",
        e.message
    );
}
