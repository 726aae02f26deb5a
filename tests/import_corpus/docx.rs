//! A .docx as parts, and its paragraphs as runs of single pieces (a text,
//! a break, a tab …), which the Word variants cut, move and wrap.

use std::io::{Cursor, Read, Write};

use super::xml::{self, Element, Node};

pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const RELS: &str = "word/_rels/document.xml.rels";
const TYPES: &str = "[Content_Types].xml";

/// The parts of a .docx, in their order.
pub struct Package {
    parts: Vec<(String, Vec<u8>)>,
}

impl Package {
    pub fn read(bytes: &[u8]) -> Package {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let parts = (0..zip.len())
            .map(|i| {
                let mut entry = zip.by_index(i).unwrap();
                let mut data = Vec::new();
                entry.read_to_end(&mut data).unwrap();
                (entry.name().unwrap().to_string(), data)
            })
            .collect();
        Package { parts }
    }

    pub fn bytes(&self) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, data) in &self.parts {
            zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(data).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| d.as_slice())
    }

    pub fn put(&mut self, name: &str, data: Vec<u8>) {
        match self.parts.iter_mut().find(|(n, _)| n == name) {
            Some((_, d)) => *d = data,
            None => self.parts.push((name.to_string(), data)),
        }
    }

    pub fn xml(&self, name: &str) -> Element {
        xml::parse(std::str::from_utf8(self.get(name).unwrap()).unwrap())
    }

    pub fn put_xml(&mut self, name: &str, root: &Element) {
        self.put(name, xml::write(root).into_bytes());
    }

    /// Adds `word/<file>` with its content type and its relationship from
    /// the document.
    pub fn add_part(&mut self, file: &str, kind: &str, root: &Element) {
        let name = format!("word/{file}");
        if self.get(&name).is_none() {
            let mut types = self.xml(TYPES);
            types.children.push(Node::Element(
                Element::new("Override")
                    .attr("PartName", &format!("/{name}"))
                    .attr(
                        "ContentType",
                        &format!("application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"),
                    ),
            ));
            self.put_xml(TYPES, &types);
            let mut rels = self.xml(RELS);
            rels.children.push(Node::Element(
                Element::new("Relationship")
                    .attr("Id", &format!("rIdCorpus{kind}"))
                    .attr(
                        "Type",
                        &format!("http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"),
                    )
                    .attr("Target", file),
            ));
            self.put_xml(RELS, &rels);
        }
        self.put_xml(&name, root);
    }
}

/// One piece of a paragraph.
#[derive(Debug, Clone)]
pub enum Atom {
    /// Text with its run properties.
    Text { rpr: Option<Element>, text: String },
    /// A run holding one other item (a break, a tab, a hyphen …).
    Item { rpr: Option<Element>, item: Element },
    /// Anything else in the paragraph, kept as it is.
    Raw(Node),
}

/// A paragraph: its properties and its pieces.
#[derive(Debug, Clone)]
pub struct Para {
    pub ppr: Option<Element>,
    pub atoms: Vec<Atom>,
}

impl Para {
    pub fn from(p: &Element) -> Para {
        let mut ppr = None;
        let mut atoms = Vec::new();
        for n in &p.children {
            match n {
                Node::Element(e) if e.name == "w:pPr" => ppr = Some(e.clone()),
                Node::Element(r) if r.name == "w:r" => {
                    let rpr = r.find("w:rPr").cloned();
                    for item in r.elements().filter(|e| e.name != "w:rPr") {
                        atoms.push(match item.name.as_str() {
                            "w:t" => Atom::Text {
                                rpr: rpr.clone(),
                                text: item.text_content(),
                            },
                            _ => Atom::Item {
                                rpr: rpr.clone(),
                                item: item.clone(),
                            },
                        });
                    }
                }
                other => atoms.push(Atom::Raw(other.clone())),
            }
        }
        Para { ppr, atoms }
    }

    pub fn element(&self) -> Element {
        let mut p = Element::new("w:p");
        if let Some(ppr) = &self.ppr {
            p.children.push(Node::Element(ppr.clone()));
        }
        p.children.extend(self.atoms.iter().map(Atom::node));
        p
    }

    /// The text as a reader sees it: breaks as new lines, tabs as tabs.
    pub fn text(&self) -> String {
        self.atoms.iter().map(Atom::text).collect()
    }

    /// Removes the first `n` characters of text.
    pub fn strip_prefix(&mut self, mut n: usize) {
        for a in &mut self.atoms {
            if n == 0 {
                break;
            }
            if let Atom::Text { text, .. } = a {
                let k = n.min(text.chars().count());
                *text = text.chars().skip(k).collect();
                n -= k;
            }
        }
        self.atoms
            .retain(|a| !matches!(a, Atom::Text { text, .. } if text.is_empty()));
    }

    /// Cuts the paragraph after `at` characters of its text: the pieces
    /// after the cut.
    pub fn split_off(&mut self, at: usize) -> Vec<Atom> {
        let mut seen = 0;
        for i in 0..self.atoms.len() {
            let len = self.atoms[i].len();
            if seen + len > at {
                if let Atom::Text { rpr, text } = &mut self.atoms[i] {
                    let k = at - seen;
                    if k > 0 {
                        let tail: String = text.chars().skip(k).collect();
                        *text = text.chars().take(k).collect();
                        let rpr = rpr.clone();
                        let mut rest = self.atoms.split_off(i + 1);
                        rest.insert(0, Atom::Text { rpr, text: tail });
                        return rest;
                    }
                }
                return self.atoms.split_off(i);
            }
            seen += len;
        }
        Vec::new()
    }

    /// The run properties of the first text.
    pub fn first_rpr(&self) -> Option<Element> {
        self.atoms.iter().find_map(|a| match a {
            Atom::Text { rpr, .. } => rpr.clone(),
            _ => None,
        })
    }

    /// Whether the text starts in bold (a heading in ocop's .docx).
    pub fn bold(&self) -> bool {
        self.first_rpr().is_some_and(|r| r.find("w:b").is_some())
    }

    /// The character offsets where words start (after a space), past `from`.
    pub fn word_starts(&self, from: usize) -> Vec<usize> {
        let text: Vec<char> = self.text().chars().collect();
        (from.max(1)..text.len())
            .filter(|&i| text[i - 1] == ' ' && text[i] != ' ')
            .collect()
    }
}

impl Atom {
    fn len(&self) -> usize {
        self.text().chars().count()
    }

    fn text(&self) -> String {
        match self {
            Atom::Text { text, .. } => text.clone(),
            Atom::Item { item, .. } => match item.name.as_str() {
                "w:br" | "w:cr" => "\n".into(),
                "w:tab" => "\t".into(),
                "w:noBreakHyphen" => "-".into(),
                _ => String::new(),
            },
            Atom::Raw(_) => String::new(),
        }
    }

    fn node(&self) -> Node {
        let run = |rpr: &Option<Element>, item: Element| {
            let mut r = Element::new("w:r");
            if let Some(rpr) = rpr {
                r.children.push(Node::Element(rpr.clone()));
            }
            r.children.push(Node::Element(item));
            Node::Element(r)
        };
        match self {
            Atom::Text { rpr, text } => run(
                rpr,
                Element::new("w:t").attr("xml:space", "preserve").text(text),
            ),
            Atom::Item { rpr, item } => run(rpr, item.clone()),
            Atom::Raw(n) => n.clone(),
        }
    }

    pub fn text_atom(rpr: Option<Element>, text: &str) -> Atom {
        Atom::Text {
            rpr,
            text: text.to_string(),
        }
    }

    /// The atom as a run element (for wrapping in w:ins and the like).
    pub fn run(&self) -> Node {
        self.node()
    }
}

/// The body of `word/document.xml`.
pub fn body(doc: &mut Element) -> &mut Vec<Node> {
    &mut doc.find_mut("w:body").unwrap().children
}

/// Indices of the top-level paragraphs of the body.
pub fn paragraphs(body: &[Node]) -> Vec<usize> {
    body.iter()
        .enumerate()
        .filter(|(_, n)| matches!(n, Node::Element(e) if e.name == "w:p"))
        .map(|(i, _)| i)
        .collect()
}

pub fn para_at(body: &[Node], i: usize) -> Para {
    match &body[i] {
        Node::Element(e) => Para::from(e),
        Node::Text(_) => unreachable!(),
    }
}

/// Every paragraph below `el`, tables and text boxes included, rewritten by `f`.
pub fn each_para(el: &mut Element, f: &mut dyn FnMut(&mut Para)) {
    for n in &mut el.children {
        if let Node::Element(e) = n {
            if e.name == "w:p" {
                let mut p = Para::from(e);
                f(&mut p);
                *e = p.element();
            } else {
                each_para(e, f);
            }
        }
    }
}

/// Puts `child` into paragraph properties where the schema's order wants it
/// (after the style and the keep and frame settings, before the rest).
pub fn ppr_insert(ppr: &mut Element, child: Element) {
    const BEFORE: &[&str] = &[
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:framePr",
        "w:widowControl",
    ];
    let at = ppr
        .children
        .iter()
        .rposition(|n| matches!(n, Node::Element(e) if BEFORE.contains(&e.name.as_str())))
        .map_or(0, |i| i + 1);
    ppr.children.insert(at, Node::Element(child));
}

/// A w:rPr (or w:pPr) element, made if missing.
pub fn props<'a>(el: &'a mut Option<Element>, name: &str) -> &'a mut Element {
    el.get_or_insert_with(|| Element::new(name))
}

#[test]
fn a_paragraph_cuts_and_joins_without_losing_text() {
    let p = xml::parse(
        r#"<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>I. MỤC </w:t><w:t>ĐÍCH</w:t></w:r><w:r><w:br/><w:t xml:space="preserve">hai ba</w:t></w:r></w:p>"#,
    );
    let mut para = Para::from(&p);
    assert_eq!(para.text(), "I. MỤC ĐÍCH\nhai ba");
    assert!(para.bold());
    let tail = para.split_off(5);
    assert_eq!(para.text(), "I. MỤ");
    assert_eq!(
        Para {
            ppr: None,
            atoms: tail
        }
        .text(),
        "C ĐÍCH\nhai ba"
    );
    let mut para = Para::from(&p);
    para.strip_prefix(3);
    assert_eq!(para.text(), "MỤC ĐÍCH\nhai ba");
    assert_eq!(Para::from(&para.element()).text(), "MỤC ĐÍCH\nhai ba");
    assert_eq!(para.word_starts(0), vec![4, 13]);
}
