//! A page's content stream walked as a PDF viewer draws it, keeping what
//! a reader of the page sees: each piece of text with its position, size
//! and font (bold, italic), and the ruling lines tables are drawn with.
//! Text is decoded through the font's ToUnicode map first (how Typst,
//! LibreOffice and Word make Vietnamese searchable), then its encoding.

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use super::Limits;

/// One shown character (or ligature), in page space (points, y up).
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f32,
    /// Baseline.
    pub y: f32,
    /// Advance width.
    pub w: f32,
    pub size: f32,
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

/// A straight ruling line (a table border), horizontal or vertical.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 2.0 && (self.x1 - self.x0).abs() > 4.0
    }
    pub fn vertical(&self) -> bool {
        (self.x1 - self.x0).abs() < 2.0 && (self.y1 - self.y0).abs() > 4.0
    }
}

/// What a page shows.
#[derive(Debug, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Images drawn (a scanned page is one).
    pub images: usize,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn multiply(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// A font as far as reading goes.
struct Font<'a> {
    encoding: Option<Encoding<'a>>,
    /// Codes are two bytes (a Type0 font).
    two_bytes: bool,
    /// Glyph widths in thousandths of the size, by code.
    widths: HashMap<u32, f32>,
    default_width: f32,
    bold: bool,
    italic: bool,
}

impl<'a> Font<'a> {
    fn load(doc: &'a Document, dict: &'a Dictionary, limits: &Limits) -> Font<'a> {
        let two_bytes = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        let name = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).to_lowercase())
            .unwrap_or_default();
        let descendant = dict
            .get_deref(b"DescendantFonts", doc)
            .and_then(Object::as_array)
            .ok()
            .and_then(|a| a.first())
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok());
        let descriptor = descendant
            .unwrap_or(dict)
            .get_deref(b"FontDescriptor", doc)
            .and_then(Object::as_dict)
            .ok();
        let number = |key: &[u8]| {
            descriptor
                .and_then(|d| d.get(key).ok())
                .and_then(|o| o.as_float().ok())
        };
        let flags = number(b"Flags").unwrap_or(0.0) as u32;
        let bold = ["bold", "black", "heavy", "semibold", "demi"]
            .iter()
            .any(|w| name.contains(w))
            || number(b"FontWeight").is_some_and(|w| w >= 600.0)
            || flags & (1 << 18) != 0;
        let italic = name.contains("italic")
            || name.contains("oblique")
            || number(b"ItalicAngle").is_some_and(|a| a.abs() > 1.0)
            || flags & (1 << 6) != 0;
        let (widths, default_width) = match descendant {
            Some(d) => cid_widths(doc, d),
            None => simple_widths(doc, dict, number(b"MissingWidth")),
        };
        Font {
            encoding: encoding(doc, dict, limits),
            two_bytes,
            widths,
            default_width,
            bold,
            italic,
        }
    }

    fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }

    /// The text of one code.
    fn text(&self, bytes: &[u8]) -> String {
        match &self.encoding {
            Some(e) => e.bytes_to_string(bytes).unwrap_or_default(),
            None if !self.two_bytes => bytes.iter().map(|&b| char::from(b)).collect(),
            None => String::new(),
        }
    }
}

/// Fonts that name a standard encoding and also map their glyphs to
/// Unicode (LibreOffice's and Word's subsets): lopdf reads `/Encoding`
/// before `/ToUnicode`, so these copies without the former are read by
/// the map. Made once per document; the walker borrows them.
pub fn unicode_first(doc: &Document) -> HashMap<ObjectId, Dictionary> {
    let mut out = HashMap::new();
    for (id, object) in &doc.objects {
        let Ok(dict) = object.as_dict() else { continue };
        let font = dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"Font");
        let type0 = dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0");
        if font && !type0 && dict.has(b"ToUnicode") && dict.has(b"Encoding") {
            let mut copy = dict.clone();
            copy.remove(b"Encoding");
            out.insert(*id, copy);
        }
    }
    out
}

fn encoding<'a>(doc: &'a Document, dict: &'a Dictionary, limits: &Limits) -> Option<Encoding<'a>> {
    dict.get_font_encoding_with_limit(doc, limits.stream_bytes)
        .ok()
}

fn simple_widths(
    doc: &Document,
    dict: &Dictionary,
    missing: Option<f32>,
) -> (HashMap<u32, f32>, f32) {
    let first = dict
        .get(b"FirstChar")
        .and_then(Object::as_i64)
        .unwrap_or(0)
        .clamp(0, 255) as u32;
    let mut out = HashMap::new();
    if let Ok(widths) = dict.get_deref(b"Widths", doc).and_then(Object::as_array) {
        for (i, w) in widths.iter().take(256).enumerate() {
            if let Ok(w) = doc.dereference(w).and_then(|(_, w)| w.as_float()) {
                out.insert(first + i as u32, w);
            }
        }
    }
    // The standard fonts come without widths: an average letter.
    (out, missing.unwrap_or(500.0))
}

/// A CID font's `/W` array: `c [w1 w2 …]` or `c1 c2 w`.
fn cid_widths(doc: &Document, dict: &Dictionary) -> (HashMap<u32, f32>, f32) {
    let default = dict.get(b"DW").and_then(Object::as_float).unwrap_or(1000.0);
    let mut out = HashMap::new();
    let Ok(w) = dict.get_deref(b"W", doc).and_then(Object::as_array) else {
        return (out, default);
    };
    let num = |o: &Object| doc.dereference(o).and_then(|(_, o)| o.as_float()).ok();
    let mut i = 0;
    while i < w.len() && out.len() < 1 << 16 {
        let Some(first) = num(&w[i]) else { break };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).map(|o| doc.dereference(o).map(|(_, o)| o)) {
            Some(Ok(Object::Array(list))) => {
                for (k, v) in list.iter().take(1 << 16).enumerate() {
                    if let Some(v) = num(v) {
                        out.insert(first + k as u32, v);
                    }
                }
                i += 2;
            }
            Some(Ok(last)) => {
                let (Some(last), Some(v)) = (last.as_float().ok(), w.get(i + 2).and_then(num))
                else {
                    break;
                };
                let last = (last.max(0.0) as u32).min(first + (1 << 16));
                for c in first..=last {
                    out.insert(c, v);
                }
                i += 3;
            }
            _ => break,
        }
    }
    (out, default)
}

/// Text and graphics state.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Vec<u8>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    render: i64,
}

impl Default for State {
    fn default() -> State {
        State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
        }
    }
}

/// Walks the content of one page (and the forms it draws).
pub struct Walker<'a> {
    doc: &'a Document,
    /// Fonts to read by their ToUnicode map (`unicode_first`).
    mapped: &'a HashMap<ObjectId, Dictionary>,
    limits: &'a Limits,
    fonts: HashMap<ObjectId, Font<'a>>,
    inline_fonts: Vec<Font<'a>>,
    pub page: Page,
    operations: usize,
}

impl<'a> Walker<'a> {
    pub fn new(
        doc: &'a Document,
        mapped: &'a HashMap<ObjectId, Dictionary>,
        limits: &'a Limits,
    ) -> Walker<'a> {
        Walker {
            doc,
            mapped,
            limits,
            fonts: HashMap::new(),
            inline_fonts: Vec::new(),
            page: Page::default(),
            operations: 0,
        }
    }

    /// Reads page `id` into `self.page`; `Err` when a bound is passed.
    pub fn read_page(&mut self, id: ObjectId) -> Result<(), &'static str> {
        self.page = Page::default();
        let media = self.media_box(id);
        self.page.width = media[2] - media[0];
        self.page.height = media[3] - media[1];
        let content = self
            .doc
            .get_page_content_with_limit(id, self.limits.stream_bytes)
            .map_err(|_| "nội dung trang giải nén ra quá lớn")?;
        let resources = self.page_resources(id);
        let mut state = State {
            ctm: [1.0, 0.0, 0.0, 1.0, -media[0], -media[1]],
            ..State::default()
        };
        self.walk(&content, resources, &mut state, 0)
    }

    fn media_box(&self, id: ObjectId) -> [f32; 4] {
        let mut node = self.doc.get_dictionary(id).ok();
        for _ in 0..32 {
            let Some(d) = node else { break };
            if let Ok(b) = d
                .get_deref(b"MediaBox", self.doc)
                .and_then(Object::as_array)
                && b.len() == 4
            {
                let v: Vec<f32> = b.iter().map(|o| o.as_float().unwrap_or(0.0)).collect();
                return [v[0], v[1], v[2], v[3]];
            }
            node = d
                .get(b"Parent")
                .and_then(Object::as_reference)
                .and_then(|p| self.doc.get_dictionary(p))
                .ok();
        }
        [0.0, 0.0, 595.0, 842.0]
    }

    /// The page's resources: its own dictionary or the first referenced one.
    fn page_resources(&self, id: ObjectId) -> Option<&'a Dictionary> {
        let (direct, ids) = self.doc.get_page_resources(id).ok()?;
        direct.or_else(|| ids.first().and_then(|r| self.doc.get_dictionary(*r).ok()))
    }

    fn walk(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        state: &mut State,
        depth: usize,
    ) -> Result<(), &'static str> {
        let ops = Content::decode(content).map_err(|_| "nội dung trang hỏng")?;
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path = Path::default();
        for op in &ops.operations {
            self.operations += 1;
            if self.operations > self.limits.operations {
                return Err("trang có quá nhiều lệnh vẽ");
            }
            let n = |i: usize| {
                op.operands
                    .get(i)
                    .and_then(|o| o.as_float().ok())
                    .unwrap_or(0.0)
            };
            match op.operator.as_str() {
                "q" if stack.len() < 64 => stack.push(state.clone()),
                "Q" => *state = stack.pop().unwrap_or_else(|| state.clone()),
                "cm" => state.ctm = multiply(&[n(0), n(1), n(2), n(3), n(4), n(5)], &state.ctm),
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    state.font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .map(<[u8]>::to_vec);
                    state.size = n(1);
                }
                "Tc" => state.char_spacing = n(0),
                "Tw" => state.word_spacing = n(0),
                "Tz" => state.scale = n(0) / 100.0,
                "TL" => state.leading = n(0),
                "Ts" => state.rise = n(0),
                "Tr" => state.render = n(0) as i64,
                "Td" | "TD" => {
                    if op.operator == "TD" {
                        state.leading = -n(1);
                    }
                    tlm = multiply(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                "T*" => {
                    tlm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator != "Tj" && op.operator != "TJ" {
                        if op.operator == "\"" {
                            state.word_spacing = n(0);
                            state.char_spacing = n(1);
                        }
                        tlm = multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                        tm = tlm;
                    }
                    self.show(op.operands.last(), resources, state, &mut tm);
                }
                "Do" => self.draw_object(op.operands.first(), resources, state, depth)?,
                "BI" | "EI" => self.page.images += 1,
                _ => path.operate(&op.operator, &op.operands, &state.ctm, &mut self.page.rules),
            }
        }
        Ok(())
    }

    /// `Do`: an image counts; a form is walked with its own resources.
    fn draw_object(
        &mut self,
        name: Option<&Object>,
        resources: Option<&'a Dictionary>,
        state: &State,
        depth: usize,
    ) -> Result<(), &'static str> {
        let doc = self.doc;
        let Some(name) = name.and_then(|o| o.as_name().ok()) else {
            return Ok(());
        };
        let Some(stream) = resources
            .and_then(|r| r.get_deref(b"XObject", doc).ok())
            .and_then(|x| x.as_dict().ok())
            .and_then(|x| x.get_deref(name, doc).ok())
            .and_then(|x| x.as_stream().ok())
        else {
            return Ok(());
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name).ok() {
            Some(b"Image") => self.page.images += 1,
            Some(b"Form") if depth < 8 => {
                let content = stream
                    .decompressed_content_with_limit(self.limits.stream_bytes)
                    .map_err(|_| "hình vẽ trong trang giải nén ra quá lớn")?;
                let own = stream
                    .dict
                    .get_deref(b"Resources", doc)
                    .and_then(Object::as_dict)
                    .ok()
                    .or(resources);
                let mut inner = state.clone();
                if let Ok(m) = stream.dict.get(b"Matrix").and_then(Object::as_array)
                    && m.len() == 6
                {
                    let m: Vec<f32> = m.iter().map(|o| o.as_float().unwrap_or(0.0)).collect();
                    inner.ctm = multiply(&[m[0], m[1], m[2], m[3], m[4], m[5]], &state.ctm);
                }
                self.walk(&content, own, &mut inner, depth + 1)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn font(&mut self, resources: Option<&'a Dictionary>, name: &[u8]) -> Option<&Font<'a>> {
        let doc = self.doc;
        let entry = resources
            .and_then(|r| r.get_deref(b"Font", doc).ok())
            .and_then(|f| f.as_dict().ok())
            .and_then(|f| f.get(name).ok())?;
        match entry {
            Object::Reference(id) => {
                if !self.fonts.contains_key(id) {
                    let dict = match self.mapped.get(id) {
                        Some(d) => d,
                        None => doc.get_dictionary(*id).ok()?,
                    };
                    let font = Font::load(doc, dict, self.limits);
                    self.fonts.insert(*id, font);
                }
                self.fonts.get(id)
            }
            Object::Dictionary(dict) => {
                self.inline_fonts.push(Font::load(doc, dict, self.limits));
                self.inline_fonts.last()
            }
            _ => None,
        }
    }

    /// A string (or a TJ array) shown: one glyph per code, advancing `tm`.
    fn show(
        &mut self,
        operand: Option<&Object>,
        resources: Option<&'a Dictionary>,
        state: &State,
        tm: &mut Matrix,
    ) {
        let Some(name) = state.font.clone() else {
            return;
        };
        let limit = self.limits.glyphs;
        let Some(font) = self.font(resources, &name) else {
            return;
        };
        let items: Vec<&Object> = match operand {
            Some(Object::Array(a)) => a.iter().collect(),
            Some(o) => vec![o],
            None => return,
        };
        let mut shown = Vec::new();
        for item in items {
            match item {
                Object::String(bytes, _) => {
                    let step = if font.two_bytes { 2 } else { 1 };
                    for code in bytes.chunks(step) {
                        let c = code.iter().fold(0u32, |a, &b| a << 8 | u32::from(b));
                        let w0 = font.width(c) / 1000.0;
                        let trm = multiply(
                            &multiply(
                                &[
                                    state.size * state.scale,
                                    0.0,
                                    0.0,
                                    state.size,
                                    0.0,
                                    state.rise,
                                ],
                                tm,
                            ),
                            &state.ctm,
                        );
                        let spacing = state.char_spacing
                            + if step == 1 && c == 32 {
                                state.word_spacing
                            } else {
                                0.0
                            };
                        let advance = (w0 * state.size + spacing) * state.scale;
                        let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
                        let width = w0 * (trm[0] * trm[0] + trm[1] * trm[1]).sqrt();
                        let text = font.text(code);
                        if state.render != 7 && !text.is_empty() {
                            shown.push(Glyph {
                                x: trm[4],
                                y: trm[5],
                                w: width,
                                size,
                                text,
                                // Fill and stroke: Word's bold for a font without a bold face.
                                bold: font.bold || state.render == 2,
                                italic: font.italic,
                            });
                        }
                        *tm = multiply(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
                    }
                }
                other => {
                    let adjust = other.as_float().unwrap_or(0.0);
                    let tx = -adjust / 1000.0 * state.size * state.scale;
                    *tm = multiply(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
                }
            }
        }
        let room = limit.saturating_sub(self.page.glyphs.len());
        self.page.glyphs.extend(shown.into_iter().take(room));
    }
}

/// The path being built, for the ruling lines of tables.
#[derive(Default)]
struct Path {
    start: Option<(f32, f32)>,
    current: Option<(f32, f32)>,
    pending: Vec<Rule>,
}

impl Path {
    fn operate(&mut self, op: &str, operands: &[Object], ctm: &Matrix, rules: &mut Vec<Rule>) {
        let n = |i: usize| {
            operands
                .get(i)
                .and_then(|o| o.as_float().ok())
                .unwrap_or(0.0)
        };
        let at = |x: f32, y: f32| {
            (
                x * ctm[0] + y * ctm[2] + ctm[4],
                x * ctm[1] + y * ctm[3] + ctm[5],
            )
        };
        match op {
            "m" => {
                let p = at(n(0), n(1));
                self.start = Some(p);
                self.current = Some(p);
            }
            "l" => {
                let p = at(n(0), n(1));
                if let Some(c) = self.current {
                    self.segment(c, p);
                }
                self.current = Some(p);
            }
            "h" => {
                if let (Some(c), Some(s)) = (self.current, self.start) {
                    self.segment(c, s);
                }
            }
            "re" => {
                let (a, b) = (at(n(0), n(1)), at(n(0) + n(2), n(1) + n(3)));
                let (w, h) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
                // A thin filled box is how Word and LibreOffice draw a border.
                if h < 2.0 || w < 2.0 {
                    let y = (a.1 + b.1) / 2.0;
                    let x = (a.0 + b.0) / 2.0;
                    if h < 2.0 {
                        self.segment((a.0, y), (b.0, y));
                    } else {
                        self.segment((x, a.1), (x, b.1));
                    }
                } else {
                    self.segment(a, (b.0, a.1));
                    self.segment((b.0, a.1), b);
                    self.segment(b, (a.0, b.1));
                    self.segment((a.0, b.1), a);
                }
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                if rules.len() < 20_000 {
                    rules.append(&mut self.pending);
                }
                self.pending.clear();
            }
            "n" => self.pending.clear(),
            _ => {}
        }
    }

    fn segment(&mut self, a: (f32, f32), b: (f32, f32)) {
        let rule = Rule {
            x0: a.0.min(b.0),
            y0: a.1.min(b.1),
            x1: a.0.max(b.0),
            y1: a.1.max(b.1),
        };
        if (rule.horizontal() || rule.vertical()) && self.pending.len() < 4096 {
            self.pending.push(rule);
        }
    }
}
