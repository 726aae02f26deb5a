//! Word's automatic numbering in place of typed labels: `word/numbering.xml`
//! lists whose levels display "I.", "1.", "1.1.", "1.1.1.", "a)", "Điều 1.",
//! and "-"/"+" bullets, attached to paragraphs (`w:numPr`) or to heading
//! styles. Word's counters are simulated, so a label is replaced only where
//! Word would display exactly what was typed; elsewhere it stays typed, as
//! in a real document where a list restarts by hand.

use std::collections::HashMap;

use super::docx::{Package, Para, W, body, para_at, paragraphs, ppr_insert, props};
use super::rng::Rng;
use super::text::{Label, label};
use super::xml::{Element, Node};

/// Which labels become numbering.
#[derive(Clone, Copy, PartialEq)]
pub enum Scope {
    /// Roman, Arabic and article labels.
    Headings,
    /// "-" and "+".
    Bullets,
    /// Every label, letters too.
    All,
}

/// The three kinds of list, each its own abstract numbering.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum List {
    /// I. / 1. / 1.1. / 1.1.1. / a)
    Outline,
    /// Điều 1.
    Article,
    /// - / +
    Bullet,
}

fn place(l: &Label) -> Option<(List, usize)> {
    Some(match l {
        Label::Roman(_) => (List::Outline, 0),
        Label::Arabic(parts) => (List::Outline, parts.len()),
        Label::Letter(_) => (List::Outline, 4),
        Label::Article(_) => (List::Article, 0),
        Label::Dash => (List::Bullet, 0),
        Label::Plus => (List::Bullet, 1),
    })
}

/// What Word displays for level `level` with these counters.
fn display(list: List, level: usize, c: &[u32; 5]) -> String {
    match (list, level) {
        (List::Outline, 0) => format!("{}.", roman(c[0])),
        (List::Outline, 1) => format!("{}.", c[1]),
        (List::Outline, 2) => format!("{}.{}.", c[1], c[2]),
        (List::Outline, 3) => format!("{}.{}.{}.", c[1], c[2], c[3]),
        (List::Outline, _) => format!("{})", letter(c[4])),
        (List::Article, _) => format!("Điều {}.", c[0]),
        (List::Bullet, 0) => "-".into(),
        (List::Bullet, _) => "+".into(),
    }
}

fn roman(n: u32) -> String {
    let mut n = n;
    let mut out = String::new();
    for (v, s) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// Word's lowerLetter: a … z (no đ), then aa …
fn letter(n: u32) -> String {
    let c = (b'a' + ((n.max(1) - 1) % 26) as u8) as char;
    c.to_string().repeat(((n.max(1) - 1) / 26 + 1) as usize)
}

/// One list instance (`w:num`) with Word's counters.
struct Instance {
    num_id: u32,
    list: List,
    counters: [u32; 5],
}

impl Instance {
    /// The label the next paragraph at `level` would show.
    fn next(&self, level: usize) -> ([u32; 5], String) {
        let mut c = self.counters;
        c[level] += 1;
        for deeper in &mut c[level + 1..] {
            *deeper = 0;
        }
        let shown = display(self.list, level, &c);
        (c, shown)
    }
}

/// The lists of one document as they are built.
struct Lists {
    instances: Vec<Instance>,
    main: HashMap<List, usize>,
    /// The list restarted by hand last, per (list, level).
    restarted: HashMap<(List, usize), usize>,
    tab_suffix: bool,
}

impl Lists {
    fn new(tab_suffix: bool) -> Lists {
        Lists {
            instances: Vec::new(),
            main: HashMap::new(),
            restarted: HashMap::new(),
            tab_suffix,
        }
    }

    fn instance(&mut self, list: List) -> usize {
        self.instances.push(Instance {
            num_id: self.instances.len() as u32 + 1,
            list,
            counters: [0; 5],
        });
        self.instances.len() - 1
    }

    /// The list instance that displays `typed` at `level`, if one can:
    /// the list last restarted there, the list so far, or a new list when
    /// the typed label starts one.
    fn assign(&mut self, list: List, level: usize, typed: &str, restart: bool) -> Option<u32> {
        let main = match self.main.get(&list) {
            Some(&m) => m,
            None => {
                let m = self.instance(list);
                self.main.insert(list, m);
                m
            }
        };
        let mut candidates: Vec<usize> = self
            .restarted
            .get(&(list, level))
            .copied()
            .into_iter()
            .collect();
        candidates.push(main);
        for i in candidates {
            let (c, shown) = self.instances[i].next(level);
            if shown == typed {
                self.instances[i].counters = c;
                if i == main {
                    self.restarted
                        .retain(|(l, lv), _| *l != list || *lv < level);
                }
                return Some(self.instances[i].num_id);
            }
        }
        if !restart {
            return None;
        }
        let fresh = self.instance(list);
        let (c, shown) = self.instances[fresh].next(level);
        if shown != typed {
            self.instances.pop();
            return None;
        }
        self.instances[fresh].counters = c;
        self.restarted.insert((list, level), fresh);
        Some(self.instances[fresh].num_id)
    }

    /// `word/numbering.xml`: one abstract numbering per instance, so a
    /// restarted list counts on its own.
    fn xml(&self, styled: bool) -> Element {
        let mut root = Element::new("w:numbering").attr("xmlns:w", W);
        for inst in &self.instances {
            root = root.child(self.abstract_num(inst, styled));
        }
        for inst in &self.instances {
            root = root.child(
                Element::new("w:num")
                    .attr("w:numId", &inst.num_id.to_string())
                    .child(Element::new("w:abstractNumId").attr("w:val", &inst.num_id.to_string())),
            );
        }
        root
    }

    fn abstract_num(&self, inst: &Instance, styled: bool) -> Element {
        let levels: &[(&str, &str)] = match inst.list {
            List::Outline => &[
                ("upperRoman", "%1."),
                ("decimal", "%2."),
                ("decimal", "%2.%3."),
                ("decimal", "%2.%3.%4."),
                ("lowerLetter", "%5)"),
            ],
            List::Article => &[("decimal", "Điều %1.")],
            List::Bullet => &[("bullet", "-"), ("bullet", "+")],
        };
        let mut a = Element::new("w:abstractNum")
            .attr("w:abstractNumId", &inst.num_id.to_string())
            .child(Element::new("w:multiLevelType").attr("w:val", "multilevel"));
        for (i, (fmt, text)) in levels.iter().enumerate() {
            let mut lvl = Element::new("w:lvl")
                .attr("w:ilvl", &i.to_string())
                .child(Element::new("w:start").attr("w:val", "1"))
                .child(Element::new("w:numFmt").attr("w:val", fmt));
            if styled && inst.list == List::Outline && i < 4 {
                lvl = lvl.child(Element::new("w:pStyle").attr("w:val", &heading_style(i)));
            }
            lvl = lvl
                .child(
                    Element::new("w:suff")
                        .attr("w:val", if self.tab_suffix { "tab" } else { "space" }),
                )
                .child(Element::new("w:lvlText").attr("w:val", text))
                .child(Element::new("w:lvlJc").attr("w:val", "left"))
                .child(
                    Element::new("w:pPr").child(
                        Element::new("w:ind")
                            .attr("w:left", "0")
                            .attr("w:firstLine", "567"),
                    ),
                );
            a = a.child(lvl);
        }
        a
    }
}

fn heading_style(level: usize) -> String {
    format!("Heading{}", level + 1)
}

/// Typed labels of the body replaced by automatic numbering (`scope`), the
/// paragraphs numbered directly.
pub fn auto_numbering(pkg: &mut Package, rng: &mut Rng, scope: Scope) {
    let mut doc = pkg.xml("word/document.xml");
    let mut lists = Lists::new(rng.chance(0.5));
    let body = body(&mut doc);
    for i in paragraphs(body) {
        let mut p = para_at(body, i);
        let text = p.text();
        let Some((l, len)) = label(&text) else {
            continue;
        };
        let wanted = match scope {
            Scope::All => true,
            Scope::Headings => matches!(l, Label::Roman(_) | Label::Arabic(_) | Label::Article(_)),
            Scope::Bullets => matches!(l, Label::Dash | Label::Plus),
        };
        let (list, level) = place(&l).unwrap();
        if !wanted {
            continue;
        }
        let Some(num_id) = lists.assign(list, level, &text[..len], true) else {
            continue;
        };
        p.strip_prefix(text[..len].chars().count() + 1);
        let ppr = props(&mut p.ppr, "w:pPr");
        ppr_insert(
            ppr,
            Element::new("w:numPr")
                .child(Element::new("w:ilvl").attr("w:val", &level.to_string()))
                .child(Element::new("w:numId").attr("w:val", &num_id.to_string())),
        );
        body[i] = Node::Element(p.element());
    }
    pkg.put_xml("word/document.xml", &doc);
    pkg.add_part("numbering.xml", "numbering", &lists.xml(false));
}

/// Headings ("I. …", "1. …", "1.1. …" in bold) given Word's heading styles
/// instead of direct bold; with `numbered`, the styles carry the numbering
/// and the typed labels go.
pub fn heading_styles(pkg: &mut Package, rng: &mut Rng, numbered: bool) {
    let mut doc = pkg.xml("word/document.xml");
    let mut lists = Lists::new(rng.chance(0.5));
    let body = body(&mut doc);
    for i in paragraphs(body) {
        let mut p = para_at(body, i);
        let text = p.text();
        let Some((l @ (Label::Roman(_) | Label::Arabic(_)), len)) = label(&text) else {
            continue;
        };
        if !p.bold() {
            continue;
        }
        let (list, level) = place(&l).unwrap();
        if numbered {
            if lists.assign(list, level, &text[..len], false).is_none() {
                continue;
            }
            p.strip_prefix(text[..len].chars().count() + 1);
        }
        unbold(&mut p);
        let ppr = props(&mut p.ppr, "w:pPr");
        ppr.children
            .retain(|n| !matches!(n, Node::Element(e) if e.name == "w:pStyle"));
        ppr.children.insert(
            0,
            Node::Element(Element::new("w:pStyle").attr("w:val", &heading_style(level))),
        );
        body[i] = Node::Element(p.element());
    }
    pkg.put_xml("word/document.xml", &doc);
    let mut styles = pkg.xml("word/styles.xml");
    for level in 0..4 {
        styles.children.push(Node::Element(style(level, numbered)));
    }
    pkg.put_xml("word/styles.xml", &styles);
    if numbered {
        pkg.add_part("numbering.xml", "numbering", &lists.xml(true));
    }
}

/// The bold of the leading bold runs, which the style now gives.
fn unbold(p: &mut Para) {
    for a in &mut p.atoms {
        if let super::docx::Atom::Text { rpr: Some(r), .. } = a {
            if r.find("w:b").is_none() {
                break;
            }
            r.children
                .retain(|n| !matches!(n, Node::Element(e) if e.name == "w:b" || e.name == "w:bCs"));
        }
    }
}

fn style(level: usize, numbered: bool) -> Element {
    let mut ppr = Element::new("w:pPr").child(Element::new("w:keepNext"));
    if numbered {
        ppr = ppr.child(
            Element::new("w:numPr")
                .child(Element::new("w:ilvl").attr("w:val", &level.to_string()))
                .child(Element::new("w:numId").attr("w:val", "1")),
        );
    }
    ppr = ppr.child(Element::new("w:outlineLvl").attr("w:val", &level.to_string()));
    Element::new("w:style")
        .attr("w:type", "paragraph")
        .attr("w:styleId", &heading_style(level))
        .child(Element::new("w:name").attr("w:val", &format!("heading {}", level + 1)))
        .child(Element::new("w:basedOn").attr("w:val", "NoiDung"))
        .child(Element::new("w:next").attr("w:val", "NoiDung"))
        .child(Element::new("w:qFormat"))
        .child(ppr)
        .child(
            Element::new("w:rPr")
                .child(Element::new("w:b"))
                .child(Element::new("w:bCs")),
        )
}

#[test]
fn word_counters_give_the_typed_labels_or_leave_them_typed() {
    let mut lists = Lists::new(false);
    let seq = [
        (List::Outline, 0, "I."),
        (List::Outline, 1, "1."),
        (List::Outline, 2, "1.1."),
        (List::Outline, 4, "a)"),
        (List::Outline, 4, "b)"),
        (List::Outline, 2, "1.2."),
        (List::Outline, 1, "2."),
        (List::Outline, 0, "II."),
        (List::Outline, 1, "1."),
        (List::Outline, 4, "a)"),
        (List::Outline, 4, "b)"),
        (List::Outline, 4, "c)"),
        (List::Outline, 4, "d)"),
        (List::Outline, 4, "đ)"),
        (List::Outline, 4, "e)"),
    ];
    let ids: Vec<Option<u32>> = seq
        .iter()
        .map(|(l, lv, t)| lists.assign(*l, *lv, t, true))
        .collect();
    // "đ)" is no letter of Word's: it stays typed, "e)" follows "d)".
    assert_eq!(ids.iter().filter(|i| i.is_none()).count(), 1);
    assert_eq!(ids[13], None);
    assert_eq!(ids[14], Some(1));
    // Two member lists under different articles: the second restarts.
    let mut lists = Lists::new(false);
    let a: Vec<Option<u32>> = ["1.", "2.", "1.", "2.", "3."]
        .iter()
        .map(|t| lists.assign(List::Outline, 1, t, true))
        .collect();
    assert_eq!(a, vec![Some(1), Some(1), Some(2), Some(2), Some(2)]);
    assert_eq!(roman(14), "XIV");
}
