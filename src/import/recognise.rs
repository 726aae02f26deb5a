//! From paragraphs to the elements of an NĐ 30 document: the header
//! (issuer, number, place and date), tên loại and trích yếu, căn cứ and the
//! introductory sentence, the numbered body (I., 1., 1.1., a), -, +, (1)),
//! tasks, the closing paragraph, Nơi nhận and the signer. The rules follow
//! the form of the document, not any one file: what does not fit the form
//! stays a paragraph where it stood, and a guess is said in `checks`.

use super::ir::*;
use super::mentions;
use super::para::{Para, all_caps, squeeze};

/// Recognises a document. Nothing is dropped: what is not placed becomes a
/// paragraph of the body where it stood.
pub fn recognise(paras: &[Para]) -> Doc {
    let mut doc = Doc::default();
    let n = paras.len();
    // The signature part starts at "Nơi nhận" (or at the signer's lines).
    let tail = paras
        .iter()
        .position(|p| p.text().starts_with("Nơi nhận"))
        .or_else(|| {
            paras
                .iter()
                .rposition(|p| authority_line(&p.lines[0]).is_some())
        })
        .unwrap_or(n);
    let mut i = front(paras, &mut doc);
    let body_end = tail.max(i);
    // The closing paragraph: the last plain paragraph of the body.
    let mut end = body_end;
    if end > i {
        let last = paras[end - 1].text();
        if item_label(&last).is_none() || last.ends_with("./.") {
            doc.closing = Some(last);
            end -= 1;
        }
    }
    if doc.kind == Kind::Plan {
        i = preamble(paras, i, end, &mut doc);
    }
    body(&paras[i..end], &mut doc);
    signature(&paras[body_end..], &mut doc);
    fill_gaps(&mut doc);
    super::timeline::values(&mut doc);
    mentions::declare(&mut doc);
    let declared = mentions::declared(&doc.units);
    super::sentences::mark(&mut doc, &crate::units::Units::new(&declared));
    doc
}

/// The lines before the body: header, tên loại, trích yếu, Kính gửi.
/// Returns the index of the first paragraph after them.
#[allow(clippy::too_many_lines)] // issue 20: split by its owner
fn front(paras: &[Para], doc: &mut Doc) -> usize {
    let mut i = 0;
    let mut pending_unit = false;
    while i < paras.len() {
        let p = &paras[i];
        let text = p.text();
        if text.starts_with("V/v") {
            doc.kind = Kind::Dispatch;
            let mut lines = p.lines.clone();
            lines[0] = lines[0].trim_start_matches("V/v").trim().to_string();
            lines.retain(|l| !l.is_empty());
            doc.title = lines;
            i += 1;
            // In a header table the subject goes on in the cell's next paragraphs.
            while p.place.table.is_some()
                && i < paras.len()
                && paras[i].place == p.place
                && !paras[i]
                    .lines
                    .iter()
                    .any(|l| header_line(l, &mut Doc::default(), &mut false))
            {
                doc.title.extend(paras[i].lines.iter().cloned());
                i += 1;
            }
            // In text out of a PDF the subject's wrapped lines stand alone
            // before "Kính gửi", among header lines in column order.
            let to = (i..paras.len().min(i + 8)).find(|&j| paras[j].text().starts_with("Kính gửi"));
            if p.place.table.is_none()
                && let Some(to) = to
            {
                while i < to {
                    let q = &paras[i];
                    let header = q
                        .lines
                        .iter()
                        .all(|l| header_line(l, doc, &mut pending_unit));
                    if !header {
                        if q.text().chars().count() > 120 || item_label(&q.text()).is_some() {
                            break;
                        }
                        doc.title.extend(q.lines.iter().cloned());
                    }
                    i += 1;
                }
            }
            continue;
        }
        if let Some(rest) = text.strip_prefix("Kính gửi") {
            doc.kind = Kind::Dispatch;
            let rest = rest.trim_start_matches(':').trim();
            let mut to: Vec<String> = p.lines.iter().skip(1).map(|l| to_line(l)).collect();
            if !rest.is_empty() && p.lines.len() == 1 {
                to.insert(0, to_line(rest));
            } else if !p.lines[0]
                .trim_start_matches("Kính gửi")
                .trim_start_matches(':')
                .trim()
                .is_empty()
            {
                to.insert(
                    0,
                    to_line(
                        p.lines[0]
                            .trim_start_matches("Kính gửi")
                            .trim_start_matches(':'),
                    ),
                );
            }
            i += 1;
            while i < paras.len()
                && paras[i].text().starts_with(['-', '–'])
                && paras[i].text().ends_with([';', '.'])
            {
                to.extend(paras[i].lines.iter().map(|l| to_line(l)));
                i += 1;
            }
            doc.to = to;
            continue;
        }
        if is_kind_name(&p.lines[0]) {
            i += 1;
            // The trích yếu follows the tên loại directly, in the same
            // paragraph (after a line break) or in the next ones.
            if p.lines.len() > 1 {
                doc.title = p.lines[1..].to_vec();
            } else if i < paras.len() && item_label(&paras[i].text()).is_none() {
                doc.title = paras[i].lines.clone();
                i += 1;
                while i < paras.len()
                    && paras[i - 1].bold
                    && paras[i].bold
                    && item_label(&paras[i].text()).is_none()
                    && !paras[i].text().ends_with(':')
                    && paras[i].text().chars().count() < 160
                {
                    doc.title.extend(paras[i].lines.iter().cloned());
                    i += 1;
                }
            }
            continue;
        }
        // Header lines, possibly several in one paragraph.
        let mut all_header = true;
        for line in &p.lines {
            if !header_line(line, doc, &mut pending_unit) {
                all_header = false;
            }
        }
        if all_header {
            i += 1;
            continue;
        }
        break;
    }
    i
}

/// The tên loại of a document standing on its own line.
fn is_kind_name(text: &str) -> bool {
    matches!(
        squeeze(text).as_str(),
        "KẾ HOẠCH" | "KẾ HOẠCH:" | "CÔNG VĂN"
    )
}

fn to_line(l: &str) -> String {
    l.trim()
        .trim_start_matches(['-', '–'])
        .trim()
        .trim_end_matches([';', '.', ','])
        .trim()
        .to_string()
}

/// Reads one header line (issuer, quốc hiệu, số, date) into `doc`;
/// false when the line is none of them.
fn header_line(line: &str, doc: &mut Doc, pending_unit: &mut bool) -> bool {
    let l = squeeze(line);
    let upper = l.to_uppercase();
    if upper.starts_with("CỘNG HÒA XÃ HỘI") || upper.starts_with("CỘNG HOÀ XÃ HỘI") {
        return true;
    }
    if l.starts_with("Độc lập") {
        return true;
    }
    let mut found = false;
    let mut rest = l.as_str();
    if let Some(pos) = rest
        .find("Số:")
        .or_else(|| rest.starts_with("Số ").then_some(0))
    {
        let after = rest[pos..]
            .trim_start_matches("Số")
            .trim_start_matches(':')
            .trim();
        let token = after.split_whitespace().next().unwrap_or("");
        if let Some((num, sym)) = token.split_once('/') {
            let num = num.trim_matches(['.', '…', ' ']);
            if num.chars().all(|c| c.is_ascii_digit()) && !sym.is_empty() {
                doc.number = (!num.is_empty()).then(|| num.to_string());
                doc.symbol = Some(sym.to_string());
                found = true;
                rest = &rest[..pos];
            }
        } else if after.is_empty() || after.chars().all(|c| "./…".contains(c)) {
            found = true;
            rest = &rest[..pos];
        }
    }
    if let Some((place, date)) = date_line(&l) {
        doc.date = date;
        doc.issuer.place = Some(place);
        return true;
    }
    // Column order in text out of a PDF can part "Số:" from its symbol and
    // "Lai Châu, ngày" from "tháng … năm …" when the blanks of a draft
    // leave them on separate lines.
    if let Some(sym) = l.strip_prefix('/')
        && doc.symbol.is_none()
        && !sym.is_empty()
        && !sym.contains(char::is_whitespace)
        && sym
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '&')
    {
        doc.symbol = Some(sym.to_string());
        return true;
    }
    if let Some(place) = l.strip_suffix(", ngày")
        && doc.issuer.place.is_none()
        && is_place(place)
    {
        doc.issuer.place = Some(place.trim().to_string());
        return true;
    }
    if doc.date.year.is_none()
        && let Some(place) = doc.issuer.place.clone()
        && l.starts_with("tháng ")
        && let Some((_, date)) = date_line(&format!("{place}, ngày {l}"))
    {
        doc.date = date;
        return true;
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return found;
    }
    if all_caps(rest) {
        let u = rest.replace("UỶ", "ỦY").replace("HOÀ", "HÒA");
        if u == "ỦY BAN NHÂN DÂN" || u == "UBND" {
            doc.issuer.body = None;
            *pending_unit = true;
            return true;
        }
        if let Some(u) = u
            .strip_prefix("ỦY BAN NHÂN DÂN ")
            .or_else(|| u.strip_prefix("UBND "))
        {
            return locality(u, doc) || found;
        }
        if *pending_unit && locality(&u, doc) {
            *pending_unit = false;
            return true;
        }
        if !*pending_unit
            && doc.issuer.name.is_empty()
            && doc.issuer.parent.is_none()
            && u.split_whitespace().count() <= 8
        {
            // A line above the issuer (cơ quan chủ quản) or the issuer itself.
            if locality(&u, doc) {
                return true;
            }
        }
    }
    found
}

/// "TỈNH LAI CHÂU", "HUYỆN TỦA CHÙA", "THÀNH PHỐ …" into the issuer.
fn locality(upper: &str, doc: &mut Doc) -> bool {
    for (prefix, level, unit_type) in [
        ("TỈNH ", "province", None),
        ("THÀNH PHỐ ", "province", Some("thành phố")),
        ("HUYỆN ", "district", None),
        ("THỊ XÃ ", "district", Some("thị xã")),
        ("XÃ ", "commune", None),
        ("PHƯỜNG ", "commune", Some("phường")),
        ("THỊ TRẤN ", "commune", Some("thị trấn")),
        ("ĐẶC KHU ", "commune", Some("đặc khu")),
    ] {
        if let Some(name) = upper.strip_prefix(prefix) {
            doc.issuer.level = level;
            doc.issuer.name = title_case(name);
            doc.issuer.unit_type = unit_type.map(str::to_string);
            return true;
        }
    }
    false
}

/// "LAI CHÂU" → "Lai Châu".
pub fn title_case(upper: &str) -> String {
    upper
        .split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The place of a date line: a capitalised name of a few words.
fn is_place(place: &str) -> bool {
    let place = place.trim();
    place.chars().next().is_some_and(char::is_uppercase) && place.split_whitespace().count() <= 6
}

/// "Lai Châu, ngày 15 tháng 01 năm 2027" (day and month may be blank).
pub fn date_line(l: &str) -> Option<(String, DocDate)> {
    let (place, rest) = l.split_once(", ngày")?;
    let place = place.trim();
    if !is_place(place) {
        return None;
    }
    let rest = rest.trim();
    let (day, rest) = rest.split_once("tháng")?;
    let (month, year) = rest.split_once("năm")?;
    let num = |s: &str| -> Option<Option<u32>> {
        let t = s.trim().trim_matches(['.', '…', '_']).trim();
        if t.is_empty() {
            Some(None)
        } else {
            t.parse::<u32>().ok().map(Some)
        }
    };
    let year: i32 = year.trim().trim_end_matches('.').get(..4)?.parse().ok()?;
    let day = num(day)?;
    let month = num(month)?;
    Some((
        place.to_string(),
        DocDate {
            year: Some(year),
            month: month
                .and_then(|m| u8::try_from(m).ok())
                .filter(|m| (1..=12).contains(m)),
            day: day
                .and_then(|d| u8::try_from(d).ok())
                .filter(|d| (1..=31).contains(d)),
        },
    ))
}

/// The verbs that open a căn cứ paragraph.
const VERBS: [&str; 3] = ["Căn cứ", "Thực hiện", "Theo"];

fn verb_of(text: &str) -> Option<&'static str> {
    VERBS
        .iter()
        .find(|v| text.starts_with(&format!("{v} ")))
        .copied()
        .filter(|v| *v != "Theo" || text.starts_with("Theo đề nghị"))
}

/// The start of the introductory clause inside a căn cứ paragraph:
/// "…, Ủy ban nhân dân tỉnh ban hành Kế hoạch … như sau:".
fn intro_split(text: &str) -> Option<(usize, &'static str)> {
    const WHO: [&str; 6] = [
        "Ủy ban nhân",
        "Uỷ ban nhân",
        "UBND",
        "Chủ tịch",
        "Hội đồng",
        "Ban Chỉ đạo",
    ];
    let mut best = None;
    for sep in [", ", ". "] {
        let mut from = 0;
        while let Some(pos) = text[from..].find(sep) {
            let at = from + pos;
            let after = &text[at + 2..];
            if WHO.iter().any(|w| after.starts_with(w))
                && ["ban hành", "xây dựng", "triển khai", "yêu cầu"]
                    .iter()
                    .any(|v| after.contains(v))
            {
                best = Some((at, if sep == ", " { "," } else { "." }));
            }
            from = at + sep.len();
        }
    }
    best
}

/// Căn cứ paragraphs and the introductory sentence of a plan: one group
/// per run of paragraphs with the same verb ("Căn cứ …;", then "Thực
/// hiện …;", then "Theo đề nghị …,"), each keeping its own last mark; a
/// paragraph that carries the intro after its bases ("Thực hiện …, Ủy ban
/// nhân dân tỉnh ban hành …") is an inline group.
fn preamble(paras: &[Para], i: usize, end: usize, doc: &mut Doc) -> usize {
    let first_section = (i..end)
        .find(|&j| item_label(&paras[j].text()).is_some_and(|(l, _)| l.is_heading_number()))
        .unwrap_or(end);
    let texts: Vec<String> = paras[i..first_section].iter().map(Para::text).collect();
    let mut k = 0;
    while let Some(verb) = texts.get(k).and_then(|t| verb_of(t)) {
        let first = &texts[k];
        if let Some((at, end_mark)) = intro_split(first) {
            doc.bases.push(Bases {
                verb: verb.to_string(),
                inline: true,
                end: Some(end_mark.to_string()),
                items: first[verb.len()..at]
                    .trim()
                    .split("; ")
                    .map(str::to_string)
                    .collect(),
            });
            doc.intro.push(first[at + 1..].trim().to_string());
            k += 1;
            break;
        }
        let mut items = Vec::new();
        let mut mark = ';';
        while let Some(t) = texts.get(k).filter(|t| {
            verb_of(t) == Some(verb) && t.ends_with([';', '.', ',']) && intro_split(t).is_none()
        }) {
            let t = t[verb.len()..].trim();
            mark = t.chars().last().unwrap_or(';');
            items.push(t[..t.len() - 1].trim_end().to_string());
            k += 1;
        }
        if items.is_empty() {
            break;
        }
        doc.bases.push(Bases {
            verb: verb.to_string(),
            inline: false,
            end: Some(mark.to_string()),
            items,
        });
    }
    doc.intro.extend(texts[k..].iter().cloned());
    // Keep a group's last mark only where the layout would print another.
    let intro = !doc.intro.is_empty();
    let last = doc.bases.len().saturating_sub(1);
    for (g, b) in doc.bases.iter_mut().enumerate() {
        let default = match (b.inline, g == last && !intro) {
            (true, false) => ",",
            (false, false) => ";",
            (_, true) => ".",
        };
        if b.end.as_deref() == Some(default) {
            b.end = None;
        }
    }
    first_section
}

/// A numbering label opening a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub enum Label {
    Roman(u32),
    /// "1.", "1.2.", "1.2.3." (the numbers).
    Arabic(Vec<u32>),
    Letter(char),
    Dash,
    Plus,
    Paren(u32),
}

impl Label {
    fn is_heading_number(&self) -> bool {
        matches!(self, Label::Roman(_) | Label::Arabic(_))
    }
}

/// The label at the start of `text` and the text after it.
pub fn item_label(text: &str) -> Option<(Label, &str)> {
    let t = text.trim_start();
    let first = t.chars().next()?;
    if matches!(first, '-' | '–' | '—' | '•') {
        let rest = t[first.len_utf8()..].trim_start();
        if rest.chars().next().is_some_and(|c| !c.is_ascii_digit()) {
            return Some((Label::Dash, rest));
        }
        return None;
    }
    if first == '+' {
        return Some((Label::Plus, t[1..].trim_start()));
    }
    if first == '(' {
        let (n, rest) = t[1..].split_once(')')?;
        return n
            .parse()
            .ok()
            .filter(|_| n.len() <= 2)
            .map(|n| (Label::Paren(n), rest.trim_start()));
    }
    let (head, rest) = t.split_once(' ').unwrap_or((t, ""));
    if let Some(l) = head.strip_suffix(')') {
        let mut c = l.chars();
        if let (Some(ch), None) = (c.next(), c.next())
            && ch.is_lowercase()
            && ch.is_alphabetic()
        {
            return Some((Label::Letter(ch), rest.trim_start()));
        }
        return None;
    }
    let bare = head.strip_suffix('.').unwrap_or(head);
    if bare.is_empty() {
        return None;
    }
    if head.ends_with('.') && bare.chars().all(|c| "IVX".contains(c)) && bare.len() <= 5 {
        return roman_value(bare).map(|v| (Label::Roman(v), rest.trim_start()));
    }
    let parts: Vec<&str> = bare.split('.').collect();
    if parts
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()))
        && (head.ends_with('.') || parts.len() > 1)
        && parts.len() <= 4
    {
        return Some((
            Label::Arabic(parts.iter().map(|p| p.parse().unwrap_or(0)).collect()),
            rest.trim_start(),
        ));
    }
    None
}

fn roman_value(s: &str) -> Option<u32> {
    (1..40).find(|&n| crate::vn::roman(n) == s)
}

/// One paragraph of the body, read.
struct Piece<'a> {
    label: Option<Label>,
    /// The whole text.
    text: String,
    /// After the label.
    rest: String,
    para: &'a Para,
}

/// The numbered body.
fn body(paras: &[Para], doc: &mut Doc) {
    let pieces: Vec<Piece> = paras
        .iter()
        .map(|p| {
            let text = p.text();
            let (label, rest) = match item_label(&text) {
                Some((l, r)) => (Some(l), r.to_string()),
                None => (None, text.clone()),
            };
            Piece {
                label,
                text,
                rest,
                para: p,
            }
        })
        .collect();
    let dispatch = doc.kind == Kind::Dispatch;
    let mut b = Builder {
        dispatch,
        roots: Vec::new(),
        front: Vec::new(),
        path: Vec::new(),
    };
    for piece in &pieces {
        b.add(piece);
    }
    let Builder { roots, front, .. } = b;
    let mut roots = roots;
    for s in &mut roots {
        tasks(s);
    }
    if dispatch {
        doc.body = front;
    } else if !front.is_empty() {
        // Text after the preamble and before the first section.
        for blk in front {
            match blk {
                Block::Para(t) | Block::Assign(t) => doc.intro.push(t),
                Block::List(items) => doc.intro.extend(flatten(&items, "- ")),
                Block::Enumerate(items) => doc.intro.extend(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, t)| format!("({}) {t}", i + 1)),
                ),
                // Tables are placed after recognition (`tables::apply`).
                Block::Table(_) | Block::Refer { .. } => {}
            }
        }
    }
    doc.sections = roots;
}

fn flatten(items: &[Item], mark: &str) -> Vec<String> {
    let mut out = Vec::new();
    for it in items {
        out.push(format!("{mark}{}", it.text));
        out.extend(flatten(&it.children, "+ "));
    }
    out
}

struct Builder {
    dispatch: bool,
    roots: Vec<Section>,
    /// Blocks before the first section.
    front: Vec<Block>,
    /// Indices from `roots` down to the open section.
    path: Vec<usize>,
}

impl Builder {
    fn open(&mut self) -> Option<&mut Section> {
        let mut it = self.path.iter();
        let mut s = self.roots.get_mut(*it.next()?)?;
        for &i in it {
            s = s.sections.get_mut(i)?;
        }
        Some(s)
    }

    /// Where text goes: the open section's body, or the front.
    fn blocks(&mut self) -> &mut Vec<Block> {
        if self.path.is_empty() {
            return &mut self.front;
        }
        let s = self.open().expect("path is valid");
        &mut s.body
    }

    /// The children of the section at `depth` along the path (0: roots).
    fn children_at(&mut self, depth: usize) -> &mut Vec<Section> {
        let mut list = &mut self.roots;
        for &i in &self.path[..depth] {
            list = &mut list[i].sections;
        }
        list
    }

    fn add(&mut self, p: &Piece) {
        match &p.label {
            Some(Label::Roman(n)) if !self.dispatch => {
                let n = *n as usize;
                if self.roots.len() + 1 == n {
                    self.push_section(0, p, false);
                    return;
                }
                self.para(p);
            }
            Some(Label::Arabic(nums)) => {
                let base = if self.dispatch { 0 } else { 1 };
                let depth = base + nums.len() - 1;
                // The parent must be open with the same leading numbers.
                let ok = depth <= self.path.len()
                    && (depth == 0 || self.chain_matches(depth, &nums[..nums.len() - 1]));
                if ok {
                    let count = self.children_at(depth).len();
                    let last_is_letters =
                        depth > 0 && self.section_at(depth - 1).is_some_and(|s| s.letters);
                    if count + 1 == *nums.last().unwrap_or(&0) as usize && !last_is_letters {
                        self.push_section(depth, p, false);
                        return;
                    }
                }
                self.para(p);
            }
            Some(Label::Letter(c)) => {
                let depth = self.path.len();
                if depth > 0 {
                    // Letters number the children of the open section.
                    let own = self
                        .section_at(depth - 1)
                        .map(|s| (s.sections.len(), s.letters));
                    if let Some((count, letters)) = own
                        && (count == 0 || letters)
                        && crate::vn::point_letter(count) == c.to_string()
                    {
                        self.push_section(depth, p, true);
                        return;
                    }
                    // A sibling letter of the open letter section.
                    if depth >= 2
                        && let Some((count, letters)) = self
                            .section_at(depth - 2)
                            .map(|s| (s.sections.len(), s.letters))
                        && letters
                        && crate::vn::point_letter(count) == c.to_string()
                    {
                        self.push_section(depth - 1, p, true);
                        return;
                    }
                }
                self.para(p);
            }
            Some(Label::Dash) => self.item(p.rest.clone(), false),
            Some(Label::Plus) => self.item(p.rest.clone(), true),
            Some(Label::Paren(n)) => {
                let blocks = self.blocks();
                if let Some(Block::Enumerate(items)) = blocks.last_mut()
                    && items.len() + 1 == *n as usize
                {
                    items.push(p.rest.clone());
                    return;
                }
                if *n == 1 {
                    blocks.push(Block::Enumerate(vec![p.rest.clone()]));
                } else {
                    blocks.push(Block::Para(p.text.clone()));
                }
            }
            _ => self.para(p),
        }
    }

    /// The open section at `depth` of the path.
    fn section_at(&mut self, depth: usize) -> Option<&mut Section> {
        let (&first, rest) = self.path.get(..=depth)?.split_first()?;
        let mut s = self.roots.get_mut(first)?;
        for &i in rest {
            s = s.sections.get_mut(i)?;
        }
        Some(s)
    }

    fn chain_matches(&mut self, depth: usize, chain: &[u32]) -> bool {
        // The open sections at depths base..depth carry these numbers.
        let base = if self.dispatch { 0 } else { 1 };
        if chain.is_empty() {
            return true;
        }
        for (k, n) in chain.iter().enumerate() {
            let d = base + k;
            if d >= depth || d >= self.path.len() {
                return false;
            }
            if self.path[d] + 1 != *n as usize {
                return false;
            }
            if self.section_at(d).is_none_or(|s| s.letters) {
                return false;
            }
        }
        true
    }

    fn push_section(&mut self, depth: usize, p: &Piece, letter: bool) {
        let (title, inline_body) = split_heading(p);
        let bold = p.para.bold || p.para.bold_lead.is_some() || heading_like(&p.rest);
        let label = p.text[..p.text.len() - p.rest.len()].trim().to_string();
        if letter && let Some(parent) = self.section_at(depth - 1) {
            parent.letters = true;
        }
        let mut s = Section {
            label,
            title,
            bold,
            ..Section::default()
        };
        if let Some(text) = inline_body {
            s.inline = true;
            s.body.push(Block::Para(text));
        }
        let list = self.children_at(depth);
        list.push(s);
        let idx = list.len() - 1;
        self.path.truncate(depth);
        self.path.push(idx);
    }

    fn para(&mut self, p: &Piece) {
        self.blocks().push(Block::Para(p.text.clone()));
    }

    fn item(&mut self, text: String, plus: bool) {
        let blocks = self.blocks();
        if let Some(Block::List(items)) = blocks.last_mut() {
            if plus {
                if let Some(last) = items.last_mut() {
                    last.children.push(Item {
                        text,
                        ..Item::default()
                    });
                    return;
                }
            } else {
                items.push(Item {
                    text,
                    ..Item::default()
                });
                return;
            }
        }
        if plus {
            // A "+" line with no dash line before it stays as written.
            blocks.push(Block::Para(format!("+ {text}")));
            return;
        }
        blocks.push(Block::List(vec![Item {
            text,
            ..Item::default()
        }]));
    }
}

/// A short numbered line without a final period reads as a heading.
fn heading_like(rest: &str) -> bool {
    rest.chars().count() <= 160 && !rest.ends_with(['.', ';'])
}

/// Title and, for "**3. Kinh phí:** Sử dụng …", the text on the same line.
fn split_heading(p: &Piece) -> (String, Option<String>) {
    if let Some(lead) = &p.para.bold_lead {
        let lead = squeeze(lead);
        if let Some(body) = p.text.strip_prefix(&lead) {
            let label_len = p.text.len() - p.rest.len();
            let title = lead[label_len.min(lead.len())..]
                .trim()
                .trim_end_matches(':')
                .trim()
                .to_string();
            if lead.trim_end().ends_with(':') && !title.is_empty() && !body.trim().is_empty() {
                return (title, Some(body.trim().to_string()));
            }
        }
    }
    // Without emphasis: "2. Tên mục: Nội dung …" when the part before the
    // colon is short and the part after reads as a sentence.
    if let Some((head, body)) = p.rest.split_once(": ") {
        let words = head.split_whitespace().count();
        if (1..=14).contains(&words)
            && body.chars().next().is_some_and(char::is_uppercase)
            && !head.contains(['(', ';'])
            && !p.para.bold
        {
            return (head.trim().to_string(), Some(body.trim().to_string()));
        }
    }
    (p.rest.clone(), None)
}

/// Default lead-ins of task lines.
const TASK_LABELS: [(&str, TaskKey); 4] = [
    ("Nội dung thực hiện", TaskKey::Content),
    ("Đơn vị thực hiện", TaskKey::Units),
    ("Thời gian thực hiện", TaskKey::Timeline),
    ("Đơn vị phối hợp", TaskKey::Text),
];

/// The task key a lead-in names.
fn task_key(label: &str) -> Option<TaskKey> {
    let l = label.trim().trim_end_matches(':').trim();
    if l.starts_with("Nội dung") && l.split_whitespace().count() <= 4 {
        Some(TaskKey::Content)
    } else if l == "Đơn vị thực hiện" || l == "Đơn vị chủ trì" {
        Some(TaskKey::Units)
    } else if l.starts_with("Thời gian") && l.split_whitespace().count() <= 4 {
        Some(TaskKey::Timeline)
    } else if l.starts_with("Đơn vị") || l.starts_with("Thành phần") || l.starts_with("Kinh phí")
    {
        Some(TaskKey::Text)
    } else {
        None
    }
}

/// Dash lines "- Nội dung thực hiện: …", "- Đơn vị thực hiện: …",
/// "- Thời gian: …" (or letter sub-sections a) b) c) of the same words)
/// at the end of a section become its task.
fn tasks(s: &mut Section) {
    for c in &mut s.sections {
        tasks(c);
    }
    // Letter sub-sections that are all task lines.
    if s.letters && !s.sections.is_empty() && s.task.is_empty() {
        let lines: Option<Vec<TaskLine>> = s
            .sections
            .iter()
            .map(|c| {
                if !c.sections.is_empty() {
                    return None;
                }
                let key = task_key(&c.title)?;
                if c.inline {
                    let mut body = c.body.iter();
                    let Some(Block::Para(text)) = body.next() else {
                        return None;
                    };
                    if body.next().is_some() {
                        return None;
                    }
                    Some(task_line(key, &c.title, text, vec![]))
                } else {
                    Some(task_line(key, &c.title, "", c.body.clone()))
                }
            })
            .collect();
        if let Some(lines) = lines.filter(|l| is_task(l)) {
            s.task = lines;
            s.task_letters = true;
            s.sections.clear();
            s.letters = false;
            return;
        }
    }
    // A dash list closing the section's own text.
    if !s.sections.is_empty() {
        return;
    }
    let Some(Block::List(items)) = s.body.last() else {
        return;
    };
    let mut lines = Vec::new();
    for it in items {
        match it.text.split_once(':') {
            Some((label, text))
                if task_key(label).is_some() && label.split_whitespace().count() <= 6 =>
            {
                let blocks = if it.children.is_empty() {
                    vec![]
                } else {
                    vec![Block::List(it.children.clone())]
                };
                let key = task_key(label).unwrap_or(TaskKey::Text);
                lines.push(task_line(key, label, text.trim(), blocks));
            }
            _ => return,
        }
    }
    if is_task(&lines) {
        s.body.pop();
        s.task = lines;
    }
}

fn is_task(lines: &[TaskLine]) -> bool {
    lines.len() >= 2
        && lines
            .iter()
            .any(|l| matches!(l.key, TaskKey::Units | TaskKey::Timeline))
        && lines
            .iter()
            .all(|l| !(l.text.is_empty() && l.blocks.is_empty()) || l.key == TaskKey::Content)
}

fn task_line(key: TaskKey, label: &str, text: &str, blocks: Vec<Block>) -> TaskLine {
    let label = label.trim().trim_end_matches(':').trim();
    let default = TASK_LABELS.iter().find(|(_, k)| *k == key).map(|(l, _)| *l);
    let mut key = key;
    // A lead-in with its own words keeps them; blocks need `content`.
    if key == TaskKey::Units && text.is_empty() {
        key = if blocks.is_empty() {
            TaskKey::Text
        } else {
            TaskKey::Content
        };
    }
    if key == TaskKey::Timeline && text.is_empty() {
        key = TaskKey::Content;
    }
    if key == TaskKey::Text && !blocks.is_empty() {
        key = TaskKey::Content;
    }
    let label_out = match key {
        TaskKey::Text => Some(label.to_string()),
        _ if Some(label) == default
            && TASK_LABELS.iter().any(|(l, k)| *l == label && *k == key) =>
        {
            None
        }
        _ => Some(label.to_string()),
    };
    TaskLine {
        key,
        label: label_out,
        text: text.to_string(),
        blocks,
        timeline: None,
    }
}

/// Authority prefix of a signer line.
fn authority_line(line: &str) -> Option<(&'static str, String)> {
    for (p, k) in [
        ("TM. ", "tm"),
        ("TL. ", "tl"),
        ("TUQ. ", "tuq"),
        ("KT. ", "kt"),
        ("Q. ", "q"),
    ] {
        if let Some(rest) = line.trim().strip_prefix(p)
            && all_caps(rest)
        {
            return Some((k, rest.trim().to_string()));
        }
    }
    None
}

/// Nơi nhận, Lưu, and the signer, in whatever order the text left them.
fn signature(paras: &[Para], doc: &mut Doc) {
    let mut lines: Vec<String> = Vec::new();
    for p in paras {
        lines.extend(p.lines.iter().cloned());
    }
    let mut unplaced = Vec::new();
    let mut signer_seen = false;
    for raw in lines {
        let l = squeeze(&raw);
        let l = l.as_str();
        if l.is_empty() {
            continue;
        }
        if let Some(rest) = l.strip_prefix("Nơi nhận") {
            let rest = rest.trim_start_matches(':').trim();
            if !rest.is_empty() {
                unplaced.push(rest.to_string());
            }
            continue;
        }
        let item = l.trim_start_matches(['-', '–', '—', '•']).trim();
        if let Some(a) = item
            .strip_prefix("Lưu")
            .map(|a| a.trim_start_matches(':').trim())
            && (l.starts_with(['-', '–', '—', '•']) || l.starts_with("Lưu:"))
        {
            doc.archive = Some(a.to_string());
            continue;
        }
        if l.starts_with(['-', '–', '—', '•']) {
            if doc.kind == Kind::Dispatch && item.trim_end_matches([';', '.']).trim() == "Như trên"
            {
                continue;
            }
            let t = item.strip_suffix(';').unwrap_or(item).trim();
            doc.recipients.push(t.to_string());
            continue;
        }
        if let Some((k, v)) = authority_line(l) {
            let slot = match k {
                "tm" => &mut doc.signer.tm,
                "tl" => &mut doc.signer.tl,
                "tuq" => &mut doc.signer.tuq,
                "kt" => &mut doc.signer.kt,
                _ => &mut doc.signer.q,
            };
            *slot = Some(v);
            signer_seen = true;
            continue;
        }
        if all_caps(l) && doc.signer.title.is_none() && l.split_whitespace().count() <= 8 {
            doc.signer.title = Some(l.to_string());
            signer_seen = true;
            continue;
        }
        if doc.signer.name.is_none()
            && is_person_name(l)
            && (signer_seen || doc.signer.title.is_some())
        {
            doc.signer.name = Some(l.to_string());
            continue;
        }
        unplaced.push(l.to_string());
    }
    for u in unplaced {
        doc.checks.push((
            "recipients",
            format!("dòng không rõ vị trí, đưa vào Nơi nhận: {u}"),
        ));
        doc.recipients.push(u);
    }
    recipient_groups(doc);
}

/// The notes a brace puts beside several Nơi nhận lines.
const GROUP_NOTES: [&str; 12] = [
    "b/c",
    "báo cáo",
    "để báo cáo",
    "để b/c",
    "để biết",
    "t/h",
    "thực hiện",
    "để thực hiện",
    "p/h",
    "phối hợp",
    "chỉ đạo",
    "để chỉ đạo",
];

/// A brace note where it shows: after "}" ("Bộ A; } (b/c)"), after the
/// line's own ending ("Bộ A; (b/c)"), or, in text out of a PDF, inside a
/// wrapped line ("Văn phòng Điều phối (báo cáo) NTM Trung ương"). The
/// line without it, and the note.
fn brace_note(line: &str) -> Option<(String, String)> {
    let open = line.rfind('(')?;
    let close = open + line[open..].find(')')?;
    let note = line[open + 1..close].trim();
    if !GROUP_NOTES.contains(&note.to_lowercase().as_str()) {
        return None;
    }
    let before = line[..open].trim_end();
    let after = line[close + 1..].trim();
    let braced = before.ends_with('}');
    let before = before.trim_end_matches('}').trim_end();
    let text = if after.is_empty() || after == ";" {
        // At the end: only a brace or the author's ending says the note
        // is shared; "Sở Y tế (b/c)" is one line's note.
        if !braced && !before.ends_with([';', ',', '.']) {
            return None;
        }
        before.trim_end_matches([';', ',']).trim_end().to_string()
    } else if after.starts_with(char::is_alphabetic) {
        // Inside the line: the rest of the wrapped line follows it.
        format!("{before} {after}")
            .trim_end_matches(';')
            .trim_end()
            .to_string()
    } else {
        return None;
    };
    (!text.is_empty()).then(|| (text, note.to_string()))
}

/// Nơi nhận lines sharing a brace note: from the line after the previous
/// group (or the first line) to the line that shows the note.
fn recipient_groups(doc: &mut Doc) {
    let mut start = 0;
    for i in 0..doc.recipients.len() {
        let Some((text, note)) = brace_note(&doc.recipients[i]) else {
            continue;
        };
        if i == start {
            // One line: its note, printed as typed.
            start = i + 1;
            continue;
        }
        doc.recipients[i] = text;
        doc.checks.push((
            "recipients",
            format!(
                "ghi chú ({note}) đặt chung cho {} dòng Nơi nhận từ dòng \"{}\" (dấu ngoặc nhọn); sửa group nếu bản gốc khác",
                i - start + 1,
                doc.recipients[start]
            ),
        ));
        doc.recipient_groups.push(RecipientGroup {
            first: start,
            last: i,
            note,
        });
        start = i + 1;
    }
}

/// "Hà Trọng Hải": two to six words, each capitalised.
fn is_person_name(l: &str) -> bool {
    let words: Vec<&str> = l.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        })
        && !all_caps(l)
}

/// What the header left blank, taken from the text where it can be, with
/// a note to check.
fn fill_gaps(doc: &mut Doc) {
    if doc.issuer.name.is_empty() {
        let mut hay = doc.title.join(" ");
        hay.push(' ');
        hay.push_str(&doc.intro.join(" "));
        if let Some(place) = &doc.issuer.place {
            hay = format!("{hay} huyện {place}");
        }
        let found = ["huyện", "tỉnh", "thành phố", "thị xã", "xã"]
            .iter()
            .filter_map(|w| find_locality(&hay, w).map(|(pos, name)| (pos, *w, name)))
            .min_by_key(|(pos, _, _)| *pos);
        if let Some((_, w, name)) = found {
            let upper = format!("{} {}", w.to_uppercase(), name.to_uppercase());
            let mut d = Doc::default();
            locality(&upper, &mut d);
            doc.issuer.level = d.issuer.level;
            doc.issuer.name = name;
            doc.issuer.unit_type = d.issuer.unit_type;
            doc.checks.push((
                "issuer",
                "văn bản không có tên cơ quan ban hành rõ ràng; tên lấy từ trích yếu hoặc địa danh"
                    .into(),
            ));
        } else {
            doc.issuer.level = "province";
            doc.issuer.name = doc.issuer.place.clone().unwrap_or_default();
            doc.checks.push((
                "issuer",
                "không tìm thấy cơ quan ban hành: điền level và name".into(),
            ));
        }
    }
    if doc.issuer.level == "district" && doc.issuer.province.is_none() {
        let all = collect_text(doc);
        if let Some((_, p)) = find_locality(&all, "tỉnh") {
            doc.issuer.province = Some(p);
        }
    }
    if doc.issuer.place.as_deref() == Some(doc.issuer.name.as_str()) {
        doc.issuer.place = None;
    }
    if doc.date.year.is_none() {
        let all = format!("{} {}", doc.title.join(" "), collect_text(doc));
        let year = all
            .split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse::<i32>().ok())
            .filter(|y| (1990..=2100).contains(y))
            .find(|_| true);
        let title_year = doc
            .title
            .join(" ")
            .split_whitespace()
            .filter_map(|w| {
                w.trim_matches(|c: char| !c.is_ascii_digit())
                    .parse::<i32>()
                    .ok()
            })
            .rfind(|y| (1990..=2100).contains(y));
        doc.date.year = title_year.or(year);
        doc.checks.push((
            "date",
            "văn bản không có dòng ngày tháng; để dạng dự thảo theo năm của kế hoạch".into(),
        ));
    }
    if doc.signer.name.is_none() {
        doc.checks.push((
            "signer",
            "văn bản không có họ tên người ký; điền họ tên".into(),
        ));
    }
    if doc.signer.title.is_none() && doc.signer.kt.is_some() {
        doc.checks.push(("signer", "thiếu chức vụ người ký".into()));
    }
    if doc.archive.is_none() {
        doc.checks
            .push(("archive", "văn bản không có dòng \"Lưu:\"".into()));
    }
}

/// "tỉnh Điện Biên" in `hay`: the position and the capitalised name.
fn find_locality(hay: &str, word: &str) -> Option<(usize, String)> {
    let pat = format!("{word} ");
    let mut from = 0;
    while let Some(pos) = hay[from..].find(&pat) {
        let at = from + pos;
        let before_ok = at == 0 || hay[..at].ends_with([' ', '(']);
        let after = &hay[at + pat.len()..];
        let mut name = Vec::new();
        for w in after.split_whitespace() {
            let w = w.trim_end_matches([',', '.', ';', ':', ')']);
            if w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && name.len() < 4
            {
                name.push(w.to_string());
                if after
                    .split_whitespace()
                    .nth(name.len() - 1)
                    .is_some_and(|x| x.ends_with([',', '.', ';', ':', ')']))
                {
                    break;
                }
            } else {
                break;
            }
        }
        if before_ok && !name.is_empty() && !all_caps(&name.join(" ")) {
            return Some((at, name.join(" ")));
        }
        from = at + pat.len();
    }
    None
}

fn collect_text(doc: &Doc) -> String {
    let mut out = String::new();
    for b in &doc.bases {
        out.push_str(&b.items.join(" "));
        out.push(' ');
    }
    out.push_str(&doc.intro.join(" "));
    fn walk(s: &[Section], out: &mut String) {
        for x in s {
            out.push(' ');
            out.push_str(&x.title);
            for b in &x.body {
                if let Block::Para(t) = b {
                    out.push(' ');
                    out.push_str(t);
                }
            }
            walk(&x.sections, out);
        }
    }
    walk(&doc.sections, &mut out);
    if let Some(c) = &doc.closing {
        out.push(' ');
        out.push_str(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        recognise(&super::super::text::paragraphs(text))
    }

    #[test]
    fn each_verb_of_the_preamble_is_its_own_group_with_its_last_mark() {
        let d = doc(
            "ỦY BAN NHÂN DÂN\n\nTỈNH AN BÌNH\n\nKẾ HOẠCH\n\nPhát triển sản phẩm năm 2026\n\n\
             Căn cứ Luật A;\n\nCăn cứ Quyết định B;\n\nThực hiện Kế hoạch C;\n\n\
             Theo đề nghị của Sở Nông nghiệp và Môi trường,\n\n\
             Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n\nNội dung.",
        );
        let groups: Vec<(&str, Vec<&str>, Option<&str>)> = d
            .bases
            .iter()
            .map(|b| {
                (
                    b.verb.as_str(),
                    b.items.iter().map(String::as_str).collect(),
                    b.end.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            groups,
            [
                ("Căn cứ", vec!["Luật A", "Quyết định B"], None),
                ("Thực hiện", vec!["Kế hoạch C"], None),
                (
                    "Theo",
                    vec!["đề nghị của Sở Nông nghiệp và Môi trường"],
                    Some(",")
                ),
            ]
        );
        assert_eq!(d.intro, ["Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"]);
    }

    #[test]
    fn a_drafts_header_read_in_column_order() {
        // pdftotext reads the two header columns one after the other, and
        // the blanks of a draft leave "Số:" and "ngày" on their own.
        let d = doc(
            "ỦY BAN NHÂN DÂN\n\nTỈNH AN BÌNH\n\nSố:\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n\
             /UBND-KT\n\nĐộc lập - Tự do - Hạnh phúc\n\nAn Bình, ngày\n\nV/v triển khai\n\n\
             tháng 5 năm 2026\n\nChương trình OCOP\n\nKính gửi: Sở Y tế\n\n\
             Đề nghị Sở triển khai thực hiện.\n\nNơi nhận:\n\n- Như trên;\n\n- Lưu: VT.",
        );
        assert_eq!(d.kind, Kind::Dispatch);
        assert_eq!(d.issuer.name, "An Bình");
        assert_eq!(d.number, None);
        assert_eq!(d.symbol.as_deref(), Some("UBND-KT"));
        assert_eq!(
            d.date,
            DocDate {
                year: Some(2026),
                month: Some(5),
                day: None
            }
        );
        assert_eq!(d.title, ["triển khai", "Chương trình OCOP"]);
        assert_eq!(d.to, ["Sở Y tế"]);
    }
}
