//! A small XML tree over quick-xml, enough to rewrite the parts of a .docx:
//! elements with attributes and children, text unescaped.

use quick_xml::Reader;
use quick_xml::events::Event;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn new(name: &str) -> Element {
        Element {
            name: name.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Builder: an attribute.
    pub fn attr(mut self, key: &str, value: &str) -> Element {
        self.set(key, value);
        self
    }

    /// Builder: a child element.
    pub fn child(mut self, child: Element) -> Element {
        self.children.push(Node::Element(child));
        self
    }

    /// Builder: a text child.
    pub fn text(mut self, text: &str) -> Element {
        self.children.push(Node::Text(text.to_string()));
        self
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn set(&mut self, key: &str, value: &str) {
        match self.attrs.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value.to_string(),
            None => self.attrs.push((key.to_string(), value.to_string())),
        }
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn find(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub fn find_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.children.iter_mut().find_map(|n| match n {
            Node::Element(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    /// The concatenated text below.
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => out.push_str(&e.text_content()),
            }
        }
        out
    }
}

/// Parses a whole XML document into its root element.
pub fn parse(xml: &str) -> Element {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = vec![Element::new("#document")];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => push(&mut stack, Node::Element(element(&e))),
            Event::End(_) => {
                let done = stack.pop().unwrap();
                push(&mut stack, Node::Element(done));
            }
            Event::Text(t) => push(&mut stack, Node::Text(t.xml10_content().into_owned())),
            Event::CData(t) => push(&mut stack, Node::Text(t.xml10_content().into_owned())),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    _ => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity &{other};"),
                    },
                };
                push(&mut stack, Node::Text(c.to_string()));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let document = stack.pop().unwrap();
    document.elements().next().cloned().expect("a root element")
}

fn element(e: &quick_xml::events::BytesStart<'_>) -> Element {
    let qname = e.name();
    let name: &str = qname.as_ref();
    let mut el = Element::new(name);
    for a in e.attributes() {
        let a = a.unwrap();
        let key: &str = a.key.as_ref();
        let key = key.to_string();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .unwrap()
            .into_owned();
        el.attrs.push((key, value));
    }
    el
}

/// Adds a node to the open element, joining neighbouring text.
fn push(stack: &mut [Element], node: Node) {
    let parent = stack.last_mut().unwrap();
    if let (Node::Text(t), Some(Node::Text(last))) = (&node, parent.children.last_mut()) {
        last.push_str(t);
        return;
    }
    parent.children.push(node);
}

/// The document as XML text, with its declaration.
pub fn write(root: &Element) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    write_element(root, &mut out);
    out
}

fn write_element(e: &Element, out: &mut String) {
    out.push('<');
    out.push_str(&e.name);
    for (k, v) in &e.attrs {
        out.push_str(&format!(" {k}=\"{}\"", escape(v, true)));
    }
    if e.children.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for n in &e.children {
        match n {
            Node::Text(t) => out.push_str(&escape(t, false)),
            Node::Element(c) => write_element(c, out),
        }
    }
    out.push_str(&format!("</{}>", e.name));
}

fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[test]
fn a_document_reads_back_as_written() {
    let xml = r#"<?xml version="1.0"?><w:p a="x &amp; y"><w:t xml:space="preserve">Nội &quot;dung&quot; &lt;1&gt; &#x41;</w:t><w:br/></w:p>"#;
    let root = parse(xml);
    assert_eq!(root.get("a"), Some("x & y"));
    assert_eq!(root.text_content(), "Nội \"dung\" <1> A");
    assert_eq!(parse(&write(&root)), root);
}
