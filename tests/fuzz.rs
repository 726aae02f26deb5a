//! Property-based fuzzing (proptest). Failing cases are kept by proptest in
//! `proptest-regressions/` and replayed first on every run.
//!
//! - Loader, validator and composer: example plans mutated with YAML-
//!   significant tokens, legacy-encoded and invisible characters must give
//!   diagnostics or a document, never a panic; a document must render.
//! - Escaping: any string, escaped and wrapped in a content block, parses in
//!   Typst as text only and reads back as the string itself.
//!
//! Longer runs: `PROPTEST_CASES=20000 cargo test --release --test fuzz`.

use crate::common;

use std::path::Path;

use ocop::load::{LoadOptions, SourceFile};
use ocop::pipeline;
use proptest::prelude::*;
use typst::syntax::{SyntaxKind, SyntaxNode};

const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "\t",
    "\"",
    "'",
    "{",
    "}",
    "[",
    "]",
    "&a ",
    "*a",
    "\n",
    "  ",
    "#",
    "|",
    ">-",
    "30/02/2027",
    "null",
    "~",
    "\u{0301}",
    "☃",
    "®§",
    "Coäng",
    "\u{7}",
    "\u{feff}",
    "\u{200b}",
    "!!binary ",
    "? ",
    "---\n",
    "snnmt",
    "xa_moi",
    "{ quarters: [9] }",
    "continous",
    "level: district",
    "99999999999999999999",
    "-1",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    DuplicateLine(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), prop::sample::select(TOKENS)).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        any::<usize>().prop_map(Edit::DuplicateLine),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for e in edits {
        match e {
            Edit::Insert(at, t) => {
                let at = at % (chars.len() + 1);
                chars.splice(at..at, t.chars());
            }
            Edit::Delete(at, n) => {
                if !chars.is_empty() {
                    let at = at % chars.len();
                    let end = (at + n).min(chars.len());
                    chars.drain(at..end);
                }
            }
            Edit::DuplicateLine(i) => {
                let s: String = chars.iter().collect();
                let lines: Vec<&str> = s.split('\n').collect();
                let i = i % lines.len();
                let mut out: Vec<&str> = lines.clone();
                out.insert(i, lines[i]);
                chars = out.join("\n").chars().collect();
            }
        }
    }
    chars.into_iter().collect()
}

fn examples() -> Vec<String> {
    common::yaml_files(&common::root().join("plans"))
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn loader_validator_composer_never_panic(which in 0usize..3, edits in prop::collection::vec(edit(), 1..6)) {
        let bases = examples();
        let text = apply(&bases[which % bases.len()], &edits);
        let session = common::session();
        let file = SourceFile::from_text(Path::new("mo-phong.yaml"), &text);
        let report = pipeline::prepare_source(session, file, &LoadOptions::default(), &[]);
        for d in &report.problems {
            // Every diagnostic renders, and errors say what to do.
            let rendered = d.render();
            prop_assert!(rendered.starts_with("lỗi: ") || rendered.starts_with("cảnh báo: "));
        }
        if report.has_errors() && report.skipped.is_empty() {
            prop_assert!(report.documents.is_empty());
        }
        for doc in &report.documents {
            let markup = session.markup(doc).expect("a composed document always renders");
            prop_assert!(session.pdf(doc, markup, true).is_ok());
        }
    }

    #[test]
    fn escaped_text_parses_as_text_only(input in "\\PC*|[\\\\#*_`$@<>\\[\\]/=+.~'\":\\-\\n\\r\\t \\u{2028}\\u{85}a-z0-9{}()]*|([0-9]{1,4}/[A-ZĐ]{0,4}-?[A-Za-zĐ]{0,5}|(https?://|www\\.|HTTP://)[a-z0-9./()_?=&#%~:\\-]{0,70}|[a-z.]{1,8}@[a-z]{1,8}\\.vn|[ ()\\[\\].,;#\\\\/\\n*<>@\"-])*") {
        let markup = ocop::text::markup(&input);
        let source = format!("#[{markup}]");
        let root = typst::syntax::parse(&source);
        prop_assert!(!root.diagnosis().either(), "parse error for {input:?} → {markup:?}");
        // `#[…]` parses as a hash and one content block, with nothing after it.
        let kinds: Vec<SyntaxKind> = root.children().map(SyntaxNode::kind).collect();
        prop_assert_eq!(&kinds, &[SyntaxKind::Hash, SyntaxKind::ContentBlock], "trailing content for {:?}", input);
        let block = root.children().nth(1).expect("content block");
        let mut read_back = String::new();
        if let Err(e) = read_text(block, &mut read_back) {
            prop_assert!(false, "{e} in markup of {input:?} → {markup:?}");
        }
        let expected: String = input
            .replace("\r\n", "\n")
            .chars()
            .map(|c| match c {
                '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => '\n',
                '\t' => ' ',
                c => c,
            })
            .collect();
        prop_assert_eq!(read_back, expected);
    }
}

/// Reads the text of a content block whose markup may hold only text,
/// spaces, escapes, forced line breaks, and `#box[…]` whose one argument is
/// such a content block: nothing else (no other call, argument, field,
/// label, reference, code or math) may come out of escaped user text.
fn read_text(block: &SyntaxNode, out: &mut String) -> Result<(), String> {
    let kinds: Vec<SyntaxKind> = block.children().map(SyntaxNode::kind).collect();
    let body = match kinds.as_slice() {
        [SyntaxKind::LeftBracket, SyntaxKind::RightBracket] => return Ok(()),
        [
            SyntaxKind::LeftBracket,
            SyntaxKind::Markup,
            SyntaxKind::RightBracket,
        ] => block.children().nth(1).unwrap(),
        other => return Err(format!("content block {other:?}")),
    };
    let mut after_hash = false;
    for leaf in body.children() {
        match leaf.kind() {
            SyntaxKind::Text | SyntaxKind::Space if !after_hash => out.push_str(leaf.leaf_text()),
            SyntaxKind::Escape if !after_hash => out.push_str(&leaf.leaf_text()[1..]),
            SyntaxKind::Linebreak if !after_hash => {}
            SyntaxKind::Hash if !after_hash => {
                after_hash = true;
                continue;
            }
            SyntaxKind::FuncCall if after_hash => {
                let parts: Vec<&SyntaxNode> = leaf.children().collect();
                let [callee, args] = parts.as_slice() else {
                    return Err(format!("call {parts:?}"));
                };
                if callee.kind() != SyntaxKind::Ident || callee.leaf_text() != "box" {
                    return Err(format!("call of {callee:?}"));
                }
                let args: Vec<&SyntaxNode> = args.children().collect();
                let [content] = args.as_slice() else {
                    return Err(format!("arguments {args:?}"));
                };
                if content.kind() != SyntaxKind::ContentBlock {
                    return Err(format!("argument {content:?}"));
                }
                read_text(content, out)?;
            }
            other => return Err(format!("{other:?}")),
        }
        after_hash = false;
    }
    if after_hash {
        return Err("a lone #".into());
    }
    Ok(())
}
