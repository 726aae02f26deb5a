//! Word variants: ocop's own .docx rewritten the ways Word and its users
//! write documents — automatic numbering, heading styles, runs split
//! anywhere, tracked insertions, deletions and moves, text boxes,
//! footnotes, hidden text, Shift+Enter inside lists, tabs after labels,
//! non-breaking and soft hyphens, fields, a UTF-16 part.

use std::path::Path;

use super::Config;
use super::docx::{Atom, Package, Para, W, body, each_para, para_at, paragraphs, props};
use super::numbering::{self, Scope};
use super::rng::Rng;
use super::sources::{Case, Source};
use super::text::{Label, label};
use super::xml::{Element, Node};

/// What a transformation leaves for the scorer: text that must come back
/// at most so many times (0: hidden, deleted; 1: moved, boxed).
pub type Limits = Vec<(String, usize)>;

type Transform = fn(&mut Package, &mut Rng, &mut Limits);

/// (family, seeded, transformation)
const FAMILIES: &[(&str, bool, Transform)] = &[
    ("word/ocop", false, |_, _, _| {}),
    ("word/auto-numbering", true, |p, r, _| {
        numbering::auto_numbering(p, r, Scope::All)
    }),
    ("word/auto-numbering-headings", true, |p, r, _| {
        numbering::auto_numbering(p, r, Scope::Headings)
    }),
    ("word/auto-bullets", true, |p, r, _| {
        numbering::auto_numbering(p, r, Scope::Bullets)
    }),
    ("word/heading-styles", false, |p, r, _| {
        numbering::heading_styles(p, r, false)
    }),
    ("word/heading-styles-numbered", true, |p, r, _| {
        numbering::heading_styles(p, r, true)
    }),
    ("word/split-runs", true, |p, r, _| split_runs(p, r)),
    ("word/tracked-changes", true, tracked_changes),
    ("word/tracked-moves", true, tracked_moves),
    ("word/text-box", true, text_box),
    ("word/footnotes", true, footnotes),
    ("word/hidden-text", true, hidden_text),
    ("word/soft-breaks", true, |p, r, _| soft_breaks(p, r)),
    ("word/tabs", false, |p, _, _| tabs(p)),
    ("word/hyphens", true, |p, r, _| hyphens(p, r)),
    ("word/fields", true, fields),
    ("word/utf16", false, |p, _, _| utf16(p)),
    ("word/everything", true, |p, r, l| {
        numbering::auto_numbering(p, r, Scope::All);
        split_runs(p, r);
        tracked_changes(p, r, l);
        hidden_text(p, r, l);
        hyphens(p, r);
        fields(p, r, l);
    }),
];

/// The Word variants of one source, written under `dir`.
pub fn cases(config: &Config, index: usize, source: &Source, dir: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    for (family, seeded, _) in FAMILIES {
        if !config.wants_family(family) {
            continue;
        }
        for seed in 0..if *seeded { config.seeds } else { 1 } {
            let file = dir.join(format!(
                "{}.{}.{seed}.docx",
                source.name,
                family.replace('/', "-")
            ));
            let limits = make(source, family, seed, &file);
            let mut case = Case::new(index, family, seed, file);
            case.limits = limits;
            out.push(case);
        }
    }
    out
}

/// Writes the variant `family` of a source's .docx to `file`; what the
/// scorer must count.
pub fn make(source: &Source, family: &str, seed: u64, file: &Path) -> Limits {
    let (_, _, transform) = FAMILIES
        .iter()
        .find(|(f, _, _)| *f == family)
        .unwrap_or_else(|| panic!("no Word family {family}"));
    let mut pkg = Package::read(&std::fs::read(&source.docx).unwrap());
    let mut rng = Rng::new(&source.name, family, seed);
    let mut limits = Limits::new();
    transform(&mut pkg, &mut rng, &mut limits);
    std::fs::write(file, pkg.bytes()).unwrap();
    limits
}

/// Phrases a transformation hides or deletes: none is in any source.
const JUNK: &[&str] = &[
    "nội dung này đã bỏ theo ý kiến góp ý",
    "bản cũ ghi năm trước",
    "ghi chú riêng của người soạn thảo",
    "đoạn văn thử nghiệm không in",
    "chỗ này cần hỏi lại lãnh đạo",
];

fn junk(rng: &mut Rng, limits: &mut Limits) -> String {
    let j = rng.pick(JUNK).to_string();
    if !limits.iter().any(|(t, _)| *t == j) {
        limits.push((j.clone(), 0));
    }
    j
}

const AUTHOR: [(&str, &str); 3] = [
    ("w:id", "0"),
    ("w:author", "Nguyễn Văn An"),
    ("w:date", "2026-03-02T08:00:00Z"),
];

/// A revision mark (w:ins, w:del, w:moveFrom …) around runs.
fn revision(name: &str, id: usize, runs: Vec<Node>) -> Node {
    let mut e = Element::new(name);
    let id = id.to_string();
    for (k, v) in AUTHOR {
        e = e.attr(k, if k == "w:id" { &id } else { v });
    }
    e.children = runs;
    Node::Element(e)
}

/// Runs cut at random characters (as Word's revision ids and spell
/// checking cut them), with spelling marks and bookmarks between.
fn split_runs(pkg: &mut Package, rng: &mut Rng) {
    let mut doc = pkg.xml("word/document.xml");
    let mut bookmark = 100;
    each_para(&mut doc, &mut |p| {
        let mut out = Vec::new();
        for a in p.atoms.drain(..) {
            let Atom::Text { rpr, text } = a else {
                out.push(a);
                continue;
            };
            let chars: Vec<char> = text.chars().collect();
            let mut start = 0;
            while start < chars.len() {
                let take = (1 + rng.below(12)).min(chars.len() - start);
                let piece: String = chars[start..start + take].iter().collect();
                out.push(Atom::text_atom(rpr.clone(), &piece));
                start += take;
                if rng.chance(0.1) {
                    out.push(Atom::Raw(Node::Element(
                        Element::new("w:proofErr").attr("w:type", "spellStart"),
                    )));
                }
                if rng.chance(0.05) {
                    bookmark += 1;
                    let id = bookmark.to_string();
                    out.push(Atom::Raw(Node::Element(
                        Element::new("w:bookmarkStart")
                            .attr("w:id", &id)
                            .attr("w:name", &format!("_Toc{id}")),
                    )));
                    out.push(Atom::Raw(Node::Element(
                        Element::new("w:bookmarkEnd").attr("w:id", &id),
                    )));
                }
            }
        }
        p.atoms = out;
    });
    pkg.put_xml("word/document.xml", &doc);
}

/// Tracked changes: some runs inserted (kept), phrases deleted (gone).
fn tracked_changes(pkg: &mut Package, rng: &mut Rng, limits: &mut Limits) {
    let mut doc = pkg.xml("word/document.xml");
    let mut id = 200;
    each_para(&mut doc, &mut |p| {
        let starts = p.word_starts(0);
        if !starts.is_empty() && rng.chance(0.2) {
            let at = *rng.pick(&starts);
            let tail = p.split_off(at);
            let mut deleted = Element::new("w:r");
            deleted.children.push(Node::Element(
                Element::new("w:delText")
                    .attr("xml:space", "preserve")
                    .text(&format!("{} ", junk(rng, limits))),
            ));
            id += 1;
            p.atoms.push(Atom::Raw(revision(
                "w:del",
                id,
                vec![Node::Element(deleted)],
            )));
            p.atoms.extend(tail);
        }
        for a in &mut p.atoms {
            if matches!(a, Atom::Text { .. }) && rng.chance(0.15) {
                id += 1;
                *a = Atom::Raw(revision("w:ins", id, vec![a.run()]));
            }
        }
    });
    pkg.put_xml("word/document.xml", &doc);
}

/// Plain paragraphs of the body (no label, not bold) with at least `words`
/// words: the ones a transformation may move or cut.
fn plain_paragraphs(body: &[Node], words: usize) -> Vec<usize> {
    paragraphs(body)
        .into_iter()
        .filter(|&i| {
            let p = para_at(body, i);
            let text = p.text();
            label(&text).is_none() && !p.bold() && text.split_whitespace().count() >= words
        })
        .collect()
}

/// The limit of a paragraph that must come back once: a quote of it, as
/// many times as the document prints that quote (a công văn's body may
/// say a sentence's words twice).
fn kept_once(doc: &Element, text: &str) -> (String, usize) {
    let q = quote(text);
    let mut times = 0;
    each_para(&mut doc.clone(), &mut |p| {
        let words = p.text().split_whitespace().collect::<Vec<_>>().join(" ");
        times += words.matches(q.as_str()).count();
    });
    (q, times.max(1))
}

/// A quote of `text` (its middle eight words) that the scorer can count.
fn quote(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let from = words.len().saturating_sub(8) / 2;
    words[from..(from + 8).min(words.len())].join(" ")
}

/// A paragraph moved with tracking on: its new place marked w:moveTo, its
/// old place (two paragraphs up) still holding it as w:moveFrom.
fn tracked_moves(pkg: &mut Package, rng: &mut Rng, limits: &mut Limits) {
    let mut doc = pkg.xml("word/document.xml");
    let printed = doc.clone();
    let body = body(&mut doc);
    let candidates: Vec<usize> = plain_paragraphs(body, 6)
        .into_iter()
        .filter(|&i| i >= 4)
        .collect();
    if candidates.is_empty() {
        return;
    }
    let i = *rng.pick(&candidates);
    let mut p = para_at(body, i);
    limits.push(kept_once(&printed, &p.text()));
    let runs: Vec<Node> = p.atoms.iter().map(Atom::run).collect();
    let range = |name: &str| Atom::Raw(Node::Element(Element::new(name).attr("w:id", "300")));
    let mut from = Para {
        ppr: p.ppr.clone(),
        atoms: vec![
            range("w:moveFromRangeStart"),
            Atom::Raw(revision("w:moveFrom", 301, runs.clone())),
            range("w:moveFromRangeEnd"),
        ],
    };
    let Node::Element(mark) = revision("w:moveFrom", 302, Vec::new()) else {
        unreachable!()
    };
    let ppr = props(&mut from.ppr, "w:pPr");
    match ppr.find_mut("w:rPr") {
        Some(rpr) => rpr.children.push(Node::Element(mark)),
        None => ppr
            .children
            .push(Node::Element(Element::new("w:rPr").child(mark))),
    }
    p.atoms = vec![
        range("w:moveToRangeStart"),
        Atom::Raw(revision("w:moveTo", 303, runs)),
        range("w:moveToRangeEnd"),
    ];
    body[i] = Node::Element(p.element());
    body.insert(i - 2, Node::Element(from.element()));
    pkg.put_xml("word/document.xml", &doc);
}

const WPS: &str = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape";

/// A paragraph put into a text box anchored at the start of the next one,
/// as Word writes it: the drawing, and a VML copy for old readers.
fn text_box(pkg: &mut Package, rng: &mut Rng, limits: &mut Limits) {
    let mut doc = pkg.xml("word/document.xml");
    for (k, v) in [
        (
            "xmlns:mc",
            "http://schemas.openxmlformats.org/markup-compatibility/2006",
        ),
        (
            "xmlns:wp",
            "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
        ),
        (
            "xmlns:a",
            "http://schemas.openxmlformats.org/drawingml/2006/main",
        ),
        ("xmlns:wps", WPS),
        ("xmlns:v", "urn:schemas-microsoft-com:vml"),
    ] {
        doc.set(k, v);
    }
    let printed = doc.clone();
    let body = body(&mut doc);
    let candidates: Vec<usize> = plain_paragraphs(body, 4)
        .into_iter()
        .filter(|&i| matches!(body.get(i + 1), Some(Node::Element(e)) if e.name == "w:p"))
        .collect();
    if candidates.is_empty() {
        return;
    }
    let i = *rng.pick(&candidates);
    let boxed = para_at(body, i);
    limits.push(kept_once(&printed, &boxed.text()));
    let mut anchor = para_at(body, i + 1);
    anchor
        .atoms
        .insert(0, Atom::Raw(Node::Element(boxed_run(&boxed))));
    body[i + 1] = Node::Element(anchor.element());
    body.remove(i);
    pkg.put_xml("word/document.xml", &doc);
}

/// A run holding `boxed` in a text box, as Word writes one: a DrawingML
/// shape, and a VML copy of it for older readers.
fn boxed_run(boxed: &Para) -> Element {
    let content = || Element::new("w:txbxContent").child(boxed.element());
    let shape = Element::new("wps:wsp")
        .child(Element::new("wps:cNvSpPr").attr("txBox", "1"))
        .child(Element::new("wps:spPr"))
        .child(Element::new("wps:txbx").child(content()))
        .child(Element::new("wps:bodyPr"));
    let drawing = Element::new("w:drawing").child(
        Element::new("wp:inline")
            .child(
                Element::new("wp:extent")
                    .attr("cx", "5760000")
                    .attr("cy", "720000"),
            )
            .child(
                Element::new("wp:docPr")
                    .attr("id", "1")
                    .attr("name", "Text Box 1"),
            )
            .child(
                Element::new("a:graphic")
                    .child(Element::new("a:graphicData").attr("uri", WPS).child(shape)),
            ),
    );
    let fallback = Element::new("w:pict").child(
        Element::new("v:shape")
            .attr("style", "width:453pt;height:57pt")
            .child(Element::new("v:textbox").child(content())),
    );
    Element::new("w:r").child(
        Element::new("mc:AlternateContent")
            .child(
                Element::new("mc:Choice")
                    .attr("Requires", "wps")
                    .child(drawing),
            )
            .child(Element::new("mc:Fallback").child(fallback)),
    )
}

/// The last words of one or two paragraphs moved into footnotes at the
/// place they stood.
fn footnotes(pkg: &mut Package, rng: &mut Rng, _limits: &mut Limits) {
    let mut doc = pkg.xml("word/document.xml");
    let body = body(&mut doc);
    let candidates = plain_paragraphs(body, 12);
    let mut notes = Element::new("w:footnotes").attr("xmlns:w", W);
    for (id, kind, mark) in [
        ("-1", "separator", "w:separator"),
        ("0", "continuationSeparator", "w:continuationSeparator"),
    ] {
        notes = notes.child(
            Element::new("w:footnote")
                .attr("w:type", kind)
                .attr("w:id", id)
                .child(Element::new("w:p").child(Element::new("w:r").child(Element::new(mark)))),
        );
    }
    let mut chosen: Vec<usize> = (0..2.min(candidates.len()))
        .map(|_| *rng.pick(&candidates))
        .collect();
    chosen.dedup();
    for (n, &i) in chosen.iter().enumerate() {
        let mut p = para_at(body, i);
        let starts = p.word_starts(0);
        let at = starts[starts.len() * 2 / 3];
        let tail = p.split_off(at);
        let id = (n + 1).to_string();
        let superscript =
            Element::new("w:rPr").child(Element::new("w:vertAlign").attr("w:val", "superscript"));
        p.atoms.push(Atom::Item {
            rpr: Some(superscript.clone()),
            item: Element::new("w:footnoteReference").attr("w:id", &id),
        });
        let note = Para {
            ppr: None,
            atoms: [Atom::Item {
                rpr: Some(superscript),
                item: Element::new("w:footnoteRef"),
            }]
            .into_iter()
            .chain(tail)
            .collect(),
        };
        notes = notes.child(
            Element::new("w:footnote")
                .attr("w:id", &id)
                .child(note.element()),
        );
        body[i] = Node::Element(p.element());
    }
    pkg.put_xml("word/document.xml", &doc);
    pkg.add_part("footnotes.xml", "footnotes", &notes);
}

/// Hidden text (w:vanish) inside a quarter of the paragraphs, and one
/// hidden paragraph.
fn hidden_text(pkg: &mut Package, rng: &mut Rng, limits: &mut Limits) {
    let vanish = || Some(Element::new("w:rPr").child(Element::new("w:vanish")));
    let mut doc = pkg.xml("word/document.xml");
    each_para(&mut doc, &mut |p| {
        let starts = p.word_starts(0);
        if !starts.is_empty() && rng.chance(0.25) {
            let tail = p.split_off(*rng.pick(&starts));
            p.atoms.push(Atom::text_atom(
                vanish(),
                &format!("{} ", junk(rng, limits)),
            ));
            p.atoms.extend(tail);
        }
    });
    let body = body(&mut doc);
    let at = *rng.pick(&paragraphs(body)[2..]);
    let hidden = Para {
        ppr: Some(
            Element::new("w:pPr").child(Element::new("w:rPr").child(Element::new("w:vanish"))),
        ),
        atoms: vec![Atom::text_atom(vanish(), &junk(rng, limits))],
    };
    body.insert(at, Node::Element(hidden.element()));
    pkg.put_xml("word/document.xml", &doc);
}

/// List items typed after Shift+Enter: a "- " or "+ " paragraph joined to
/// the item above with a line break (w:br).
fn soft_breaks(pkg: &mut Package, rng: &mut Rng) {
    let mut doc = pkg.xml("word/document.xml");
    let body = body(&mut doc);
    let is_item = |p: &Para| matches!(label(&p.text()), Some((Label::Dash | Label::Plus, _)));
    let mut i = body.len();
    while i > 1 {
        i -= 1;
        let (Node::Element(a), Node::Element(b)) = (&body[i - 1], &body[i]) else {
            continue;
        };
        if a.name != "w:p" || b.name != "w:p" {
            continue;
        }
        let (mut above, below) = (Para::from(a), Para::from(b));
        if !is_item(&above) || !is_item(&below) || !rng.chance(0.6) {
            continue;
        }
        above.atoms.push(Atom::Item {
            rpr: above.first_rpr(),
            item: Element::new("w:br"),
        });
        above.atoms.extend(below.atoms);
        body[i - 1] = Node::Element(above.element());
        body.remove(i);
    }
    pkg.put_xml("word/document.xml", &doc);
}

/// A tab after every label ("I.⇥MỤC ĐÍCH", "-⇥…") and after "Số:".
fn tabs(pkg: &mut Package) {
    let mut doc = pkg.xml("word/document.xml");
    each_para(&mut doc, &mut |p| {
        let text = p.text();
        let len = match label(&text) {
            Some((_, len)) => len,
            None if text.starts_with("Số: ") => "Số:".len(),
            None => return,
        };
        let rpr = p.first_rpr();
        let typed = text[..len].to_string();
        p.strip_prefix(typed.chars().count() + 1);
        p.atoms.insert(0, Atom::text_atom(rpr.clone(), &typed));
        p.atoms.insert(
            1,
            Atom::Item {
                rpr,
                item: Element::new("w:tab"),
            },
        );
    });
    pkg.put_xml("word/document.xml", &doc);
}

/// Hyphens inside words as Word's non-breaking hyphen ("148/QĐ‑TTg"), and
/// soft hyphens (invisible) inside long words.
fn hyphens(pkg: &mut Package, rng: &mut Rng) {
    let mut doc = pkg.xml("word/document.xml");
    each_para(&mut doc, &mut |p| {
        let mut out = Vec::new();
        for a in p.atoms.drain(..) {
            let Atom::Text { rpr, text } = a else {
                out.push(a);
                continue;
            };
            let chars: Vec<char> = text.chars().collect();
            let mut piece = String::new();
            for (k, &c) in chars.iter().enumerate() {
                let inner = k > 0
                    && k + 1 < chars.len()
                    && !chars[k - 1].is_whitespace()
                    && !chars[k + 1].is_whitespace();
                let item = if c == '-' && inner && rng.chance(0.7) {
                    Some("w:noBreakHyphen")
                } else if inner
                    && c.is_alphabetic()
                    && chars[k - 1].is_alphabetic()
                    && rng.chance(0.03)
                {
                    Some("w:softHyphen")
                } else {
                    None
                };
                if let Some(item) = item {
                    out.push(Atom::text_atom(rpr.clone(), &std::mem::take(&mut piece)));
                    out.push(Atom::Item {
                        rpr: rpr.clone(),
                        item: Element::new(item),
                    });
                }
                if item != Some("w:noBreakHyphen") {
                    piece.push(c);
                }
            }
            out.push(Atom::text_atom(rpr, &piece));
        }
        out.retain(|a| !matches!(a, Atom::Text { text, .. } if text.is_empty()));
        p.atoms = out;
    });
    pkg.put_xml("word/document.xml", &doc);
}

/// Words shown through fields: a complex field (its code in w:instrText)
/// and a simple one (w:fldSimple) around a few runs; the codes must not
/// come back.
fn fields(pkg: &mut Package, rng: &mut Rng, limits: &mut Limits) {
    const CODES: [&str; 2] = ["DOCPROPERTY TenCoQuan", "MERGEFIELD NoiDung"];
    for c in CODES {
        limits.push((c.split(' ').next().unwrap().to_string(), 0));
    }
    let mut doc = pkg.xml("word/document.xml");
    each_para(&mut doc, &mut |p| {
        let starts = p.word_starts(0);
        if starts.len() < 3 || !rng.chance(0.2) {
            return;
        }
        let from = starts[rng.below(starts.len() - 2)];
        let mut inside = p.split_off(from);
        let len: usize = inside
            .iter()
            .map(|a| match a {
                Atom::Text { text, .. } => text.chars().count(),
                _ => 0,
            })
            .sum();
        let mut cut = Para {
            ppr: None,
            atoms: std::mem::take(&mut inside),
        };
        let after = cut.split_off((len / 3).max(1));
        let fld = |kind: &str| Atom::Item {
            rpr: None,
            item: Element::new("w:fldChar").attr("w:fldCharType", kind),
        };
        if rng.chance(0.5) {
            p.atoms.push(fld("begin"));
            p.atoms.push(Atom::Item {
                rpr: None,
                item: Element::new("w:instrText")
                    .attr("xml:space", "preserve")
                    .text(&format!(" {} \\* MERGEFORMAT ", CODES[0])),
            });
            p.atoms.push(fld("separate"));
            p.atoms.extend(cut.atoms);
            p.atoms.push(fld("end"));
        } else {
            let mut simple =
                Element::new("w:fldSimple").attr("w:instr", &format!(" {} ", CODES[1]));
            simple.children = cut.atoms.iter().map(Atom::run).collect();
            p.atoms.push(Atom::Raw(Node::Element(simple)));
        }
        p.atoms.extend(after);
    });
    pkg.put_xml("word/document.xml", &doc);
}

/// `word/document.xml` in UTF-16 (little-endian, with its mark), as some
/// tools write it.
fn utf16(pkg: &mut Package) {
    let text = String::from_utf8(pkg.get("word/document.xml").unwrap().to_vec())
        .unwrap()
        .replacen("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", 1);
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    pkg.put("word/document.xml", bytes);
}
