//! The YAML a person would write for the document, in its order: plain
//! scalars where they read back as the same text, double quotes where
//! they would not, `|-` for a title typed on several lines, and a
//! `# kiểm tra: …` comment wherever the importer guessed.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::ir::*;
use crate::model::Unit;
use crate::units::Units;

/// The YAML text of `doc`; `source` names the imported file in the
/// opening comment.
pub fn emit(doc: &Doc, source: &str) -> String {
    let mut w = W {
        declared: super::mentions::declared(&doc.units),
        ..W::default()
    };
    w.line(
        0,
        &format!("# Nhập từ {} bằng `ocop import`.", one_line(source)),
    );
    w.line(
        0,
        "# Đọc các dòng \"# kiểm tra:\" rồi sửa lại cho đúng trước khi dựng văn bản.",
    );
    w.blank();
    let issuer = &doc.issuer;
    w.checks(0, doc, "issuer");
    w.line(0, "issuer:");
    w.kv(1, "level", issuer.level);
    w.kv(1, "name", &issuer.name);
    w.opt(1, "unit_type", issuer.unit_type.as_deref());
    w.opt(1, "province", issuer.province.as_deref());
    w.opt(1, "place", issuer.place.as_deref());
    w.blank();
    if !doc.units.is_empty() {
        w.line(0, "units:");
        for u in &doc.units {
            w.line(1, &format!("{}:", u.key));
            w.kv(2, "name", &u.name);
            if !u.aliases.is_empty() {
                let list: Vec<String> = u.aliases.iter().map(|a| flow_scalar(a)).collect();
                w.line(2, &format!("aliases: [{}]", list.join(", ")));
            }
        }
        w.blank();
    }
    match doc.kind {
        Kind::Plan => plan(&mut w, doc),
        Kind::Dispatch => dispatch(&mut w, doc),
    }
    w.out
}

fn plan(w: &mut W, doc: &Doc) {
    w.line(0, "plan:");
    number_and_date(w, 1, doc, "KH");
    w.checks(1, doc, "title");
    w.text(1, "title", &doc.title);
    if !doc.bases.is_empty() {
        w.checks(1, doc, "bases");
        w.line(1, "bases:");
        let listed = doc.bases.len() > 1;
        for b in &doc.bases {
            bases_group(w, if listed { 2 } else { 1 }, b, listed);
        }
    }
    if !doc.intro.is_empty() {
        if doc.intro.len() > 1 {
            w.line(
                1,
                "# kiểm tra: văn bản gốc có nhiều đoạn trước mục I, ở đây nối thành một câu dẫn",
            );
        }
        w.kv(1, "intro", &doc.intro.join(" "));
    }
    if let Some(f) = &doc.funding {
        for (d, l) in super::tables::emit_funding(f) {
            w.line(1 + d, &l);
        }
    }
    w.blank();
    w.line(1, "sections:");
    sections(w, 2, &doc.sections);
    w.blank();
    closing(w, 1, doc);
    if !doc.appendices.is_empty() {
        w.blank();
        w.checks(1, doc, "appendices");
        for (d, l) in super::tables::emit_appendices(&doc.appendices) {
            w.line(1 + d, &l);
        }
    }
}

/// One group of căn cứ at `d`: as the mapping of `bases:`, or as an
/// entry of its list.
fn bases_group(w: &mut W, d: usize, b: &Bases, listed: bool) {
    let mut fields: Vec<String> = Vec::new();
    if b.verb != "Căn cứ" {
        fields.push(format!("verb: {}", scalar(&b.verb)));
    }
    if b.inline {
        fields.push("layout: inline".into());
    }
    if let Some(e) = &b.end {
        fields.push(format!("end: {}", quoted(e)));
    }
    fields.push("items:".into());
    for (i, f) in fields.iter().enumerate() {
        match (listed, i) {
            (true, 0) => w.line(d, &format!("- {f}")),
            (true, _) => w.line(d + 1, f),
            (false, _) => w.line(d + 1, f),
        }
    }
    for item in &b.items {
        w.item(d + 2, item);
    }
}

fn dispatch(w: &mut W, doc: &Doc) {
    w.line(0, "dispatches:");
    w.line(1, "- # công văn");
    number_and_date(w, 2, doc, "");
    if !doc.title.is_empty() {
        w.text(2, "subject", &doc.title);
    }
    if !doc.to.is_empty() {
        w.line(2, "to:");
        for t in &doc.to {
            w.item(3, t);
        }
    }
    if !doc.body.is_empty() {
        w.line(2, "body:");
        blocks(w, 3, &doc.body);
    }
    if !doc.sections.is_empty() {
        w.line(2, "sections:");
        sections(w, 3, &doc.sections);
    }
    closing(w, 2, doc);
}

fn number_and_date(w: &mut W, d: usize, doc: &Doc, kind: &str) {
    match &doc.number {
        Some(n) if n.chars().all(|c| c.is_ascii_digit()) => w.line(d, &format!("number: {n}")),
        Some(n) => w.kv(d, "number", n),
        None => w.line(d, "number:                # bản dự thảo: số để trống"),
    }
    let issuer_symbol = doc.issuer.symbol.as_deref().unwrap_or("UBND");
    if let Some(sym) = &doc.symbol {
        if kind.is_empty() {
            match sym.strip_prefix(&format!("{issuer_symbol}-")) {
                Some(unit) => w.kv(d, "drafting_unit", unit),
                None if sym == issuer_symbol => {}
                None => w.kv(d, "symbol", sym),
            }
        } else if *sym != format!("{kind}-{issuer_symbol}") {
            w.kv(d, "symbol", sym);
        }
    }
    w.checks(d, doc, "date");
    let date = &doc.date;
    let year = date.year.unwrap_or(0);
    match (date.day, date.month) {
        (Some(day), Some(m)) => w.line(d, &format!("date: {day:02}/{m:02}/{year}")),
        (_, Some(m)) => w.line(d, &format!("date: {{ year: {year}, month: {m} }}")),
        _ => w.line(d, &format!("date: {{ year: {year} }}")),
    }
}

fn closing(w: &mut W, d: usize, doc: &Doc) {
    match &doc.closing {
        Some(c) => w.kv(d, "closing", c),
        None => {
            w.line(d, "# kiểm tra: không thấy đoạn kết trước Nơi nhận");
            w.kv(d, "closing", "");
        }
    }
    w.checks(d, doc, "recipients");
    if !doc.recipients.is_empty() {
        w.line(d, "recipients:");
        for (i, r) in doc.recipients.iter().enumerate() {
            if let Some(g) = doc
                .recipient_groups
                .iter()
                .find(|g| g.first <= i && i <= g.last)
            {
                if g.first == i {
                    let lines: Vec<String> = doc.recipients[g.first..=g.last]
                        .iter()
                        .map(|l| flow_scalar(l))
                        .collect();
                    w.line(d + 1, &format!("- group: [{}]", lines.join(", ")));
                    w.kv(d + 2, "note", &g.note);
                }
                continue;
            }
            match recipient_note(r) {
                Some((text, note)) => w.line(
                    d + 1,
                    &format!(
                        "- {{ text: {}, note: {} }}",
                        flow_scalar(text),
                        flow_scalar(note)
                    ),
                ),
                None => w.item(d + 1, r),
            }
        }
    }
    w.checks(d, doc, "archive");
    w.kv(d, "archive", doc.archive.as_deref().unwrap_or("VT."));
    w.checks(d, doc, "signer");
    w.line(d, "signer:");
    let s = &doc.signer;
    w.opt(d + 1, "tm", s.tm.as_deref());
    w.opt(d + 1, "tl", s.tl.as_deref());
    w.opt(d + 1, "tuq", s.tuq.as_deref());
    w.opt(d + 1, "kt", s.kt.as_deref());
    w.opt(d + 1, "q", s.q.as_deref());
    w.opt(d + 1, "title", s.title.as_deref());
    w.kv(d + 1, "name", s.name.as_deref().unwrap_or(""));
}

fn sections(w: &mut W, d: usize, list: &[Section]) {
    for s in list {
        if let Some(c) = &s.check {
            w.line(d, &format!("# kiểm tra: {}", one_line(c)));
        }
        match s.units.as_slice() {
            [] if s.sentence.is_some() => {
                let key = match s.sentence {
                    Some(Numbered::Assign) => "assign",
                    _ => "text",
                };
                w.line(d, &format!("- {key}: {}", scalar(&s.title)));
            }
            [] => w.line(d, &format!("- title: {}", scalar(&s.title))),
            [u] => w.line(d, &format!("- unit: {}", scalar(u))),
            many => {
                let list: Vec<String> = many.iter().map(|u| flow_scalar(u)).collect();
                w.line(d, &format!("- unit: [{}]", list.join(", ")));
            }
        }
        let d = d + 1;
        w.opt(d, "note", s.note.as_deref());
        if s.colon {
            w.line(d, "colon: true");
        }
        if s.inline {
            w.line(d, "inline: true");
        }
        if !s.bold && s.sentence.is_none() {
            w.line(d, "bold: false");
        }
        if s.letters {
            w.line(d, "numbering: letters");
        }
        if !s.body.is_empty() {
            w.line(d, "body:");
            blocks(w, d + 1, &s.body);
        }
        if !s.task.is_empty() {
            if s.task_letters {
                w.line(d, "task_marker: letter");
            }
            w.line(d, "task:");
            for t in &s.task {
                task(w, d + 1, t);
            }
        }
        if !s.sections.is_empty() {
            w.line(d, "sections:");
            sections(w, d + 1, &s.sections);
        }
    }
}

fn task(w: &mut W, d: usize, t: &TaskLine) {
    let mut first = true;
    let mut key = |w: &mut W, k: &str, v: Option<String>| {
        let prefix = if first { "- " } else { "  " };
        first = false;
        match v {
            Some(v) => w.line(d, &format!("{prefix}{k}: {v}")),
            None => w.line(d, &format!("{prefix}{k}:")),
        }
    };
    if let Some(l) = &t.label {
        key(w, "label", Some(scalar(l)));
    }
    match &t.key {
        TaskKey::Content => {
            if t.blocks.is_empty() {
                key(w, "content", Some(scalar(&t.text)));
            } else {
                key(w, "content", None);
                let mut all = Vec::new();
                if !t.text.is_empty() {
                    all.push(Block::Para(t.text.clone()));
                }
                all.extend(t.blocks.iter().cloned());
                blocks(w, d + 2, &all);
            }
        }
        TaskKey::Units => {
            let value = units_value(&Units::new(&w.declared), &t.text);
            key(w, "units", Some(value));
        }
        TaskKey::Timeline => key(w, "timeline", t.timeline.clone()),
        TaskKey::Result => key(w, "result", Some(scalar(&t.text))),
        TaskKey::Funding(amounts) => key(w, "funding", Some(super::tables::amounts(amounts))),
        TaskKey::Assigned { lead, support } => {
            key(w, "units", None);
            let list = |l: &[String]| {
                l.iter()
                    .map(|u| flow_scalar(u))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            w.line(d + 2, &format!("- lead: [{}]", list(lead)));
            if !support.is_empty() {
                w.line(d + 3, &format!("support: [{}]", list(support)));
            }
        }
        TaskKey::Text => match t.blocks.as_slice() {
            [Block::List(items)] if t.text.is_empty() => {
                key(w, "list", None);
                list(w, d + 2, items);
            }
            _ => key(w, "text", Some(scalar(&t.text))),
        },
    }
}

/// A Nơi nhận line that ends in a note in parentheses: "TT. Tỉnh ủy
/// (b/c)", "Các chủ thể … (giao Phòng … gửi)": the line and the note,
/// which print as "- TT. Tỉnh ủy *(b/c)*;". A line whose author put its
/// ending before the note ("UBND tỉnh: U1; (B/c)") stays as typed: the
/// note form would move that ending after the note.
fn recipient_note(line: &str) -> Option<(&str, &str)> {
    let body = line.trim().strip_suffix(')')?;
    // The "(" that opens the last group, counting nested parentheses.
    let mut depth = 0usize;
    let mut open = None;
    for (i, c) in body.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(i);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let open = open?;
    let note = body[open + 1..].trim();
    let text = body[..open].trim_end();
    (!note.is_empty()
        && !text.is_empty()
        && !text.ends_with([';', ',', '.', ':'])
        && body[..open].ends_with(char::is_whitespace)
        && note.chars().count() <= 80)
        .then_some((text, note))
}

/// The "Đơn vị thực hiện" line: one declared unit as a list of its key
/// (or the spelling typed); a sentence that names declared units as the
/// author's sentence, printed as typed, its roles read from it ("X chủ trì,
/// phối hợp với Y"); anything else as free text in a list.
fn units_value(known: &Units, text: &str) -> String {
    let bare = text.strip_suffix('.').unwrap_or(text).trim();
    if let Some(key) = known.resolve(bare) {
        let named = known.get(key).is_some_and(|u| u.name == bare);
        return format!("[{}]", flow_scalar(if named { key } else { bare }));
    }
    if !known.mentions(text).is_empty() {
        return scalar(text.trim());
    }
    format!("[{}]", flow_scalar(bare))
}

fn blocks(w: &mut W, d: usize, list_: &[Block]) {
    for b in list_ {
        match b {
            Block::Assign(t) => w.line(d, &format!("- assign: {}", scalar(t))),
            Block::Para(t) => w.item(d, t),
            Block::List(items) => {
                w.line(d, "- list:");
                list(w, d + 2, items);
            }
            Block::Enumerate(items) => {
                w.line(d, "- enumerate:");
                for it in items {
                    w.item(d + 2, it);
                }
            }
            Block::Refer {
                text,
                key,
                value,
                in_words,
            } => {
                w.line(d, &format!("- text: {}", scalar(text)));
                w.line(d + 1, &format!("{key}: {value}"));
                if !in_words {
                    w.line(d + 1, "in_words: false");
                }
            }
            Block::Table(t) => {
                for (k, l) in super::tables::emit_table(t) {
                    w.line(d + k, &l);
                }
            }
        }
    }
}

fn list(w: &mut W, d: usize, items: &[Item]) {
    for it in items {
        if it.children.is_empty() && !it.assign {
            w.item(d, &it.text);
        } else {
            let key = if it.assign { "assign" } else { "text" };
            w.line(d, &format!("- {key}: {}", scalar(&it.text)));
            if !it.children.is_empty() {
                w.line(d + 1, "list:");
                list(w, d + 2, &it.children);
            }
        }
    }
}

#[derive(Default)]
struct W {
    out: String,
    /// The units as the loader will read them back.
    declared: BTreeMap<String, Unit>,
}

impl W {
    fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn kv(&mut self, depth: usize, key: &str, value: &str) {
        self.line(depth, &format!("{key}: {}", scalar(value)));
    }

    fn opt(&mut self, depth: usize, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.kv(depth, key, v);
        }
    }

    fn item(&mut self, depth: usize, value: &str) {
        self.line(depth, &format!("- {}", scalar(value)));
    }

    /// A title typed on several lines keeps them (`|-`).
    fn text(&mut self, depth: usize, key: &str, lines: &[String]) {
        let lines: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
        if lines.len() > 1 && lines.iter().all(|l| block_safe(l)) {
            self.line(depth, &format!("{key}: |-"));
            for l in lines {
                self.line(depth + 1, l.trim());
            }
        } else {
            let joined: Vec<&str> = lines.iter().map(|l| l.trim()).collect();
            self.kv(depth, key, &joined.join(" "));
        }
    }

    fn checks(&mut self, depth: usize, doc: &Doc, key: &str) {
        for (k, c) in &doc.checks {
            if *k == key {
                self.line(depth, &format!("# kiểm tra: {}", one_line(c)));
            }
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line that a `|-` block keeps as it is.
fn block_safe(l: &str) -> bool {
    !l.is_empty() && l.trim() == l && !l.chars().any(|c| c.is_control())
}

/// Words that a plain scalar would turn into something other than text.
fn special(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    matches!(
        l.as_str(),
        "~" | "null"
            | "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | ".nan"
            | ".inf"
            | "-.inf"
            | ".na"
    ) || s.parse::<f64>().is_ok()
}

/// `s` as a YAML scalar in block context that reads back as exactly `s`.
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.trim() == s
        && !special(s)
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`+.".contains(c) || c.is_ascii_digit())
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(|c| {
            c.is_control() || c == '\u{feff}' || c == '\u{85}' || c == '\u{2028}' || c == '\u{2029}'
        });
    if plain { s.to_string() } else { quoted(s) }
}

/// `s` as a scalar inside a flow sequence `[…]`: commas and brackets
/// end plain scalars there, so anything but a simple word is quoted.
pub(super) fn flow_scalar(s: &str) -> String {
    let p = scalar(s);
    if p.starts_with('"') || s.contains([',', '[', ']', '{', '}']) {
        quoted(s)
    } else {
        p
    }
}

/// A double-quoted scalar.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || c == '\u{feff}'
                || c == '\u{2028}'
                || c == '\u{2029}'
                || c == '\u{85}' =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_line_as_the_authors_sentence() {
        let units = vec![
            UnitDecl {
                key: "hnd".into(),
                name: "Hội Nông dân xã".into(),
                aliases: vec!["Hội ND xã".into()],
                mentions: 2,
            },
            UnitDecl {
                key: "tkn".into(),
                name: "Trạm Khuyến nông".into(),
                ..UnitDecl::default()
            },
        ];
        let map = super::super::mentions::declared(&units);
        let known = Units::new(&map);
        assert_eq!(
            units_value(
                &known,
                "Hội Nông dân xã chủ trì, phối hợp với Trạm Khuyến nông."
            ),
            "Hội Nông dân xã chủ trì, phối hợp với Trạm Khuyến nông."
        );
        assert_eq!(units_value(&known, "Hội Nông dân xã."), "[hnd]");
        assert_eq!(units_value(&known, "Hội ND xã"), "[Hội ND xã]");
        assert_eq!(
            units_value(&known, "Các sở, ngành liên quan"),
            "[\"Các sở, ngành liên quan\"]"
        );
    }

    #[test]
    fn recipient_notes() {
        assert_eq!(
            recipient_note("TT. Tỉnh ủy (b/c)"),
            Some(("TT. Tỉnh ủy", "b/c"))
        );
        assert_eq!(recipient_note("UBND tỉnh: U1; (B/c)"), None);
        assert_eq!(
            recipient_note("Các chủ thể (giao Phòng NN (cấp huyện) gửi)"),
            Some(("Các chủ thể", "giao Phòng NN (cấp huyện) gửi"))
        );
        assert_eq!(recipient_note("Sở Y tế"), None);
        assert_eq!(recipient_note("(b/c)"), None);
        assert_eq!(recipient_note("Văn phòng(b/c)"), None);
    }
}
