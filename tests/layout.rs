//! Layout defects an office rejects, checked on the PDF text as a reader
//! copies it (pdftotext):
//! - the signature block never stands alone on a page (it could be
//!   stapled to another text): the page that holds "Nơi nhận" also holds
//!   the end of the body;
//! - a document number/symbol, a date, a URL or an e-mail address is never
//!   broken across lines, and reads back exactly as typed;
//! - a title never leaves one short word alone on its last line.

use crate::common;

use std::path::Path;

use common::{pdf_text, session};
use ocop::load::LoadOptions;
use ocop::load::SourceFile;
use ocop::pipeline;
use ocop::session::{Options, Session};

/// A plan, two decisions (one with an appendix) and two dispatches (a
/// one-line closing and a closing of several lines), each with `n` more
/// paragraphs (or duties, or bases) before the closing, so that over a
/// range of `n` the closing lands at every height of a page.
fn sweep_yaml(n: usize) -> String {
    let items = |indent: &str, text: &dyn Fn(usize) -> String| -> String {
        if n == 0 {
            return format!("{indent}[]\n");
        }
        (0..n).map(|k| format!("{indent}- {}\n", text(k))).collect()
    };
    let paras = |indent: &str| {
        if n == 0 {
            format!("{indent}- Mở đầu.\n")
        } else {
            items(indent, &|k| format!("Nội dung thứ {k} của phần này."))
        }
    };
    let duties = items("      ", &|k| format!("Nhiệm vụ thứ {k} của Hội đồng."));
    let bases = items("      ", &|k| {
        format!(
            "{{ kind: Quyết định, number: {}/QĐ-UBND, date: 01/01/2027, issuer: Chủ tịch UBND tỉnh, subject: về việc thứ {k} }}",
            k + 1
        )
    });
    format!(
        "{SWEEP_UNITS}{}{}{}",
        sweep_plan(&paras("        ")),
        sweep_decisions(&duties, &bases),
        sweep_dispatches(&paras("      "))
    )
}

const SWEEP_UNITS: &str = "issuer:
  level: province
  name: Lai Châu
units:
  snn:
    name: Sở Nông nghiệp và Môi trường
  sct:
    name: Sở Công Thương
";

fn sweep_plan(plan_body: &str) -> String {
    format!(
        "plan:
  date: 15/01/2027
  title: Thử bố cục
  intro: Mở đầu.
  sections:
    - title: Nội dung
      body:
{plan_body}  closing: Căn cứ Kế hoạch này, các cơ quan, đơn vị triển khai thực hiện.
  recipients: [Như trên]
  archive: VT, Kt5.
  signer:
    title: CHỦ TỊCH
    name: Hà Trọng Hải
"
    )
}

fn sweep_decisions(duties: &str, bases: &str) -> String {
    format!(
        "decisions:
  - kind: council
    file: qd-hoi-dong
    date: 10/03/2027
    number: 412
    proposal: Giám đốc Sở Nông nghiệp và Môi trường tại Tờ trình số 38/TTr-SNNMT ngày 02/3/2027
    standing_body: snn
    members:
      - {{ honorific: Ông, name: Hà Trọng Hải, position: Phó Chủ tịch UBND tỉnh, role: chairman }}
      - {{ honorific: Ông, name: Đỗ Minh Quân, position: Chi cục trưởng, role: member_secretary }}
    duties:
{duties}    executors: [snn, sct]
    recipients: [Bộ Nông nghiệp và Môi trường (b/c)]
    archive: VT, Kt5.
  - kind: results
    file: qd-cong-nhan
    date: 25/06/2027
    round: đợt 1
    proposal: Giám đốc Sở Nông nghiệp và Môi trường tại Tờ trình số 96/TTr-SNNMT ngày 18/6/2027
    bases:
{bases}    council_decision:
      kind: Quyết định
      number: 412/QĐ-UBND
      date: 10/03/2027
      issuer: Chủ tịch UBND tỉnh
      subject: về việc thành lập Hội đồng
    standing_body: snn
    products:
      - {{ name: Chè Shan tuyết, owner: HTX Chè, address: \"xã San Thàng, tỉnh Lai Châu\", group: 1, score: 78.5 }}
    executors: [snn]
    recipients: [Bộ Nông nghiệp và Môi trường (b/c)]
    archive: VT, Kt5.
"
    )
}

/// A one-line closing and a closing of several lines.
fn sweep_dispatches(dispatch_body: &str) -> String {
    let long_closing = format!(
        "Căn cứ nội dung Công văn này, {} khẩn trương triển khai thực hiện.",
        ["các cơ quan, đơn vị có liên quan khẩn trương triển khai thực hiện"; 8].join(", ")
    );
    format!(
        "dispatches:
  - file: cv-ngan
    date: {{ year: 2027, month: 5 }}
    drafting_unit: KTN
    subject: thử bố cục
    to: [snn]
    body:
{dispatch_body}    closing: Đề nghị Sở triển khai.
    recipients: [UBND tỉnh (b/c)]
    archive: VT, KT6.
    signer: {{ kt: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Hà Trọng Hải }}
  - file: cv-dai
    date: {{ year: 2027, month: 5 }}
    drafting_unit: KTN
    subject: thử bố cục
    to: [snn]
    body:
{dispatch_body}    closing: {long_closing}
    recipients: [UBND tỉnh (b/c)]
    archive: VT, KT6.
    signer: {{ kt: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Hà Trọng Hải }}
"
    )
}

/// The layout before the fix: the signature row as a block of its own
/// after the body, the built-in templates otherwise unchanged. Used to show
/// that a sweep does reach the positions where the signature stood alone.
fn session_with_lone_signature() -> Session {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in ocop::markup::BUILTIN_TEMPLATES {
        let call = "{{ <body_and_signature blocks={body} s={signature} e={electronic}/> }}";
        let old =
            "{% for b in body %}{{ <block b={b}/> }}{% endfor %}\n{{ <signature s={signature}/> }}";
        if body.contains(call) {
            std::fs::write(dir.path().join(name), body.replace(call, old)).unwrap();
        }
    }
    Session::new(&Options {
        templates: Some(dir.path().to_path_buf()),
        ..Options::default()
    })
    .unwrap_or_else(|d| panic!("{d:?}"))
}

/// The lines above "Nơi nhận" on the page that holds it, page number left
/// out; None when no page holds it.
fn lines_above_signature(text: &str) -> Option<Vec<String>> {
    let page = text.split('\u{c}').find(|p| p.contains("Nơi nhận"))?;
    let above = &page[..page.find("Nơi nhận")?];
    Some(
        above
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.chars().all(|c| c.is_ascii_digit()))
            .map(String::from)
            .collect(),
    )
}

/// Renders the document `stem` of the sweep for every `n` in `ns`: with the
/// built-in layout the page holding "Nơi nhận" must also hold the closing
/// line of the body ("./."); with the signature as a block of its own, at
/// least one `n` must leave it alone on its page (else the sweep proves
/// nothing and must be widened).
fn sweep(stem: &str, ns: impl Iterator<Item = usize>) {
    let new = session();
    let old = session_with_lone_signature();
    let mut alone_before = Vec::new();
    let mut failures = Vec::new();
    for n in ns {
        let file = SourceFile::from_text(Path::new("bo-cuc.yaml"), &sweep_yaml(n));
        let outcome = pipeline::prepare_source(new, file, &LoadOptions::default(), &[]);
        let errors: Vec<String> = outcome
            .problems
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.render())
            .collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
        let doc = outcome
            .documents
            .iter()
            .find(|d| d.file_stem == stem)
            .unwrap_or_else(|| panic!("no document {stem}"));

        let pdf = new.pdf(doc, new.markup(doc).unwrap(), true).unwrap();
        let text = pdf_text(&pdf);
        match lines_above_signature(&text) {
            Some(lines) if lines.iter().any(|l| l.contains("./.")) => {}
            Some(lines) => failures.push(format!("n = {n}: above Nơi nhận only {lines:?}")),
            None => failures.push(format!("n = {n}: no Nơi nhận")),
        }
        // The signature row is never split: Nơi nhận and the signer's name share a page.
        let sig_page = text
            .split('\u{c}')
            .find(|p| p.contains("Nơi nhận"))
            .unwrap_or("");
        assert!(
            sig_page.contains("Hà Trọng Hải"),
            "n = {n}: signer not on the Nơi nhận page"
        );

        // One case that the old layout got wrong is proof enough.
        if alone_before.is_empty() {
            let pdf = old.pdf(doc, old.markup(doc).unwrap(), true).unwrap();
            if lines_above_signature(&pdf_text(&pdf)).is_some_and(|l| l.is_empty()) {
                alone_before.push(n);
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{stem}: the signature stands without the end of the body:\n{}",
        failures.join("\n")
    );
    assert!(
        !alone_before.is_empty(),
        "{stem}: no n of the sweep put the closing near a page end; widen the sweep"
    );
}

/// Every `step`-th `n` from 0 to 43 (about a page and a half of closing
/// positions). The default step, 4, is narrower than the stretch of `n`
/// that put the signature alone before the fix (6 or 7 values for every
/// kind); `OCOP_LAYOUT_SWEEP_STEP=1` tries every `n`.
fn ns() -> impl Iterator<Item = usize> {
    let step = std::env::var("OCOP_LAYOUT_SWEEP_STEP")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4usize)
        .max(1);
    (0..44).step_by(step)
}

#[test]
fn signature_never_alone_dispatch_one_line_closing() {
    sweep("cv-ngan", ns());
}

#[test]
fn signature_never_alone_dispatch_long_closing() {
    sweep("cv-dai", ns());
}

#[test]
fn signature_never_alone_plan() {
    sweep("ke-hoach", ns());
}

#[test]
fn signature_never_alone_council_decision() {
    sweep("qd-hoi-dong", ns());
}

#[test]
fn signature_never_alone_decision_with_appendix() {
    sweep("qd-cong-nhan", ns());
}

const TOKENS: &[&str] = &[
    "3799/KH-UBND",
    "07/2021/NQ-HĐND",
    "96/TTr-SNN",
    "1234/QĐ-UBND",
    "01/2027/GCN-OCOP",
    "QĐ-TTg",
    "30/9/2027",
    "https://ocop.laichau.gov.vn/tin-tuc/ke-hoach-2027",
    "vanthu@laichau.gov.vn",
];

/// A URL longer than a line.
const LONG_URL: &str = "https://dichvucong.laichau.gov.vn/portaldvc/KenhTin/dich-vu-cong-truc-tuyen/chi-tiet-thu-tuc-hanh-chinh-cong-nhan-san-pham-ocop";

/// A dispatch whose paragraphs carry every token of [`TOKENS`], each
/// paragraph shifted by one more short word, so that over the paragraphs
/// each token meets the end of a line at every position.
fn tokens_yaml() -> String {
    let mut body = String::new();
    for k in 0..32 {
        let filler = vec!["xã"; k].join(" ");
        let tokens: Vec<String> = TOKENS
            .iter()
            .enumerate()
            .map(|(i, t)| format!("văn bản {i} là {t}"))
            .collect();
        body.push_str(&format!("      - '{filler} Theo {}.'\n", tokens.join(", ")));
    }
    format!(
        "issuer:
  level: province
  name: Lai Châu
units:
  snn:
    name: Sở Nông nghiệp và Môi trường
dispatches:
  - file: cv-so-hieu
    number: 12
    date: 15/05/2027
    drafting_unit: KTN
    subject: thử số hiệu
    to: [snn]
    body:
{body}      - 'Xem thủ tục tại {LONG_URL} (bản điện tử).'
    closing: Đề nghị Sở triển khai theo Kế hoạch số 3799/KH-UBND.
    recipients: ['UBND tỉnh (b/c) theo 1234/QĐ-UBND']
    archive: VT, KT6.
    signer: {{ kt: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Hà Trọng Hải }}
"
    )
}

fn render_yaml(yaml: &str, stem: &str) -> Vec<u8> {
    let s = session();
    let file = SourceFile::from_text(Path::new("so-hieu.yaml"), yaml);
    let outcome = pipeline::prepare_source(s, file, &LoadOptions::default(), &[]);
    let errors: Vec<String> = outcome
        .problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let doc = outcome
        .documents
        .iter()
        .find(|d| d.file_stem == stem)
        .unwrap();
    s.pdf(doc, s.markup(doc).unwrap(), true).unwrap()
}

#[test]
fn numbers_symbols_and_addresses_never_break_across_lines() {
    let pdf = render_yaml(&tokens_yaml(), "cv-so-hieu");
    let text = pdf_text(&pdf);
    // What a reader copies holds nothing that was not typed.
    for invisible in [
        '\u{2060}', '\u{200b}', '\u{feff}', '\u{fffc}', '\u{ad}', '\u{a0}',
    ] {
        assert!(!text.contains(invisible), "{invisible:?} in the text layer");
    }
    let lines: Vec<&str> = text.lines().collect();
    for token in TOKENS {
        // Placed once per sweep paragraph, plus the closing and Nơi nhận.
        let placed = 32
            + match *token {
                "3799/KH-UBND" | "1234/QĐ-UBND" => 1,
                _ => 0,
            };
        let whole: usize = lines.iter().map(|l| l.matches(token).count()).sum();
        assert_eq!(whole, placed, "{token} broken across lines:\n{text}");
    }
    // The header's number line.
    assert!(
        lines.iter().any(|l| l.contains("Số: 12/UBND-KTN")),
        "{text}"
    );
}

#[test]
fn an_address_longer_than_a_line_breaks_only_after_a_slash_and_stays_in_the_margin() {
    let pdf = render_yaml(&tokens_yaml(), "cv-so-hieu");
    let text = pdf_text(&pdf);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let first = lines
        .iter()
        .position(|l| l.contains("https://dichvucong"))
        .expect("the long URL");
    // Its pieces, line by line, until the URL is complete.
    let mut url = String::new();
    let mut i = first;
    loop {
        let piece = if i == first {
            &lines[i][lines[i].find("https://").unwrap()..]
        } else {
            lines[i]
        };
        let piece = piece.split(' ').next().unwrap();
        url.push_str(piece);
        if url.len() >= LONG_URL.len() {
            break;
        }
        assert!(
            piece.ends_with('/'),
            "the URL broke after {piece:?}, not after a slash"
        );
        i += 1;
    }
    assert!(i > first, "the URL is longer than a line and must break");
    assert_eq!(url, LONG_URL);
    // No word reaches into the right margin (15 mm; 1.5 mm tolerance for punctuation).
    let right_edge = (210.0 - 15.0 + 1.5) * 72.0 / 25.4;
    for (word, x_max) in word_right_edges(&pdf) {
        assert!(
            x_max <= right_edge,
            "{word:?} ends at {x_max:.1} pt, past the margin"
        );
    }
}

/// Each word of the PDF with the x of its right edge in points (pdftotext -bbox).
fn word_right_edges(pdf: &[u8]) -> Vec<(String, f64)> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-bbox")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext");
    let html = String::from_utf8(out.stdout).unwrap();
    html.lines()
        .filter_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix("<word ")?;
            let x_max = rest
                .split("xMax=\"")
                .nth(1)?
                .split('"')
                .next()?
                .parse()
                .ok()?;
            let word = rest.split('>').nth(1)?.split('<').next()?.to_string();
            Some((word, x_max))
        })
        .collect()
}

#[test]
fn a_token_wider_than_a_table_cell_breaks_like_plain_text() {
    let note = "Theo 01/2027/GCN-OCOP-LAICHAU, xem https://ocop.laichau.gov.vn/san-pham/mat-ong";
    let yaml = sweep_yaml(0).replace(
        "score: 78.5 }",
        &format!("score: 78.5, note: \"{note}\" }}"),
    );
    assert!(yaml.contains(note));
    let pdf = render_yaml(&yaml, "qd-cong-nhan");
    let words = word_right_edges(&pdf);
    // The number is wider than the "Ghi chú" column: it breaks inside the
    // cell, and the comma stays after its last part (a box wrapping inside
    // itself would leave the comma on its first line, at the far right).
    assert!(
        words.iter().any(|(w, _)| w == "LAICHAU,"),
        "{:?}",
        words.iter().map(|(w, _)| w).collect::<Vec<_>>()
    );
    // Nothing sticks out of the table (landscape: right margin 15 mm).
    let right_edge = (297.0 - 15.0 + 1.5) * 72.0 / 25.4;
    for (word, x_max) in &words {
        assert!(
            *x_max <= right_edge,
            "{word:?} ends at {x_max:.1} pt, past the margin"
        );
    }
}

/// A plan whose trích yếu is `title`.
fn titled_plan_yaml(title: &str) -> String {
    format!(
        "issuer: {{ level: province, name: Lai Châu }}
plan:
  number: 5
  date: 15/01/2027
  title: {title}
  sections:
    - title: Mục đích
      body: [Phát triển sản phẩm.]
  closing: Các đơn vị triển khai thực hiện.
  recipients: [UBND các xã]
  archive: VT.
  signer: {{ kt: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Hà Trọng Hải }}
"
    )
}

#[test]
fn a_title_never_leaves_one_short_word_alone_on_its_last_line() {
    // Over the lengths, the last word meets the end of a line everywhere.
    for k in 0..24 {
        let title = format!(
            "Thực hiện {}Chương trình mỗi xã một sản phẩm tỉnh Lai Châu năm 2027 (đợt 1)",
            "mới ".repeat(k)
        );
        let pdf = render_yaml(&titled_plan_yaml(&title), "ke-hoach");
        let text = pdf_text(&pdf);
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let first = lines
            .iter()
            .position(|l| l.starts_with("Thực hiện"))
            .unwrap();
        let end = lines[first..]
            .iter()
            .position(|l| l.starts_with("I. "))
            .unwrap()
            + first;
        let last = lines[first..end]
            .iter()
            .rev()
            .find(|l| !l.is_empty())
            .unwrap();
        assert!(
            last.split_whitespace().count() > 1,
            "k = {k}: the title ends with {last:?} alone\n{}",
            lines[first..end].join("\n")
        );
    }
}
