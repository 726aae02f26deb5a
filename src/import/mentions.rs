//! Units the document names: detected where the form of a plan names them
//! (a section headed by a unit, the subject of an assignment, the "Đơn vị
//! thực hiện" line), grouped across spellings ("Phòng Nông nghiệp và PTNT
//! huyện", "Phòng Nông nghiệp & PTNT huyện"), declared once with a key.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::notes::Notes;
use crate::model::{
    Block, Content, ListItem, Section, Sentence, TaskEntry, Unit, UnitItem, UnitRefs, UnitsEntry,
};
use crate::units::{Units, fold};

/// Nouns that open the name of an agency.
const HEADS: [&str; 28] = [
    "Sở",
    "Tổ",
    "Phòng",
    "Ban",
    "Văn phòng",
    "Trung tâm",
    "Đài",
    "Báo",
    "Hội",
    "Liên minh",
    "Ủy ban",
    "Uỷ ban",
    "UBND",
    "Chi cục",
    "Cục",
    "Bộ",
    "Công an",
    "Tỉnh đoàn",
    "Huyện đoàn",
    "Hiệp hội",
    "Ngân hàng",
    "Kho bạc",
    "Trường",
    "Các Trường",
    "Viện",
    "Cổng thông tin",
    "Hội đồng",
    "Trạm",
];

/// Words that end the subject of an assignment.
const ROLE_VERBS: [&str; 36] = [
    " chủ trì",
    " làm đầu mối",
    " phối hợp",
    " chủ động",
    " tham mưu",
    " hướng dẫn",
    " thực hiện",
    " triển khai",
    " tổ chức",
    " tham gia",
    " thường xuyên",
    " đẩy mạnh",
    " tiếp tục",
    " hỗ trợ",
    " xây dựng",
    " căn cứ",
    " theo chức năng",
    " rà soát",
    " kiểm tra",
    " lựa chọn",
    " chỉ đạo",
    " tăng cường",
    " ban hành",
    " đưa ",
    " đề nghị",
    " là ",
    " có trách nhiệm",
    " theo dõi",
    " tổng hợp",
    " thẩm định",
    " bố trí",
    " đôn đốc",
    " cân đối",
    " giám sát",
    " đề xuất",
    " phổ biến",
];

/// Whether `s` opens with an agency noun followed by a name.
/// Whether `s` opens with the name of an agency ("Sở Y tế …").
pub fn opens_unit(s: &str) -> bool {
    head_of(s).is_some()
}

/// Whether `s` is an agency noun alone ("Văn phòng", "Sở").
pub fn is_head(s: &str) -> bool {
    HEADS.contains(&s)
}

fn head_of(s: &str) -> Option<&'static str> {
    // The longest noun: "Hội đồng …" is no "Hội …".
    let h = HEADS
        .iter()
        .filter(|h| s.starts_with(&format!("{h} ")))
        .max_by_key(|h| h.len())?;
    let next = s[h.len()..].trim_start();
    let ok = next.chars().next().is_some_and(char::is_uppercase)
        || (["UBND", "Ủy ban", "Uỷ ban"].contains(h)
            && ["nhân dân", "các", "cấp", "tỉnh", "huyện", "xã", "thành phố"]
                .iter()
                .any(|w| next.starts_with(w)))
        // "Hội đồng đánh giá …", "Tổ tư vấn …": a body named by its task
        // ("Tổ chức …" is the verb).
        || ["Hội đồng", "Tổ"].contains(h)
            && next.chars().next().is_some_and(char::is_lowercase)
            && !next.starts_with("chức");
    ok.then_some(*h)
}

/// A UBND's name ends where its localities do: "UBND cấp huyện xét chọn
/// …" names "UBND cấp huyện".
fn ubnd_name(name: &str) -> &str {
    let rest = ["Ủy ban nhân dân ", "Uỷ ban nhân dân ", "UBND "]
        .iter()
        .find_map(|p| name.strip_prefix(p).map(|r| (p.len(), r)));
    let Some((head, rest)) = rest else {
        return name;
    };
    const PLACE_WORDS: [&str; 14] = [
        "các",
        "cấp",
        "tỉnh",
        "huyện",
        "xã",
        "phường",
        "thị",
        "trấn",
        "thành",
        "phố",
        "quận",
        "đặc",
        "khu",
        "và",
    ];
    let mut end = head;
    let mut at = head;
    for w in rest.split(' ') {
        let bare = w.trim_end_matches(',');
        let capital = bare.chars().next().is_some_and(char::is_uppercase);
        if !(capital || PLACE_WORDS.contains(&bare)) {
            break;
        }
        at += w.len() + 1;
        end = at - 1 - (w.len() - bare.len());
    }
    name[..end.min(name.len())].trim_end()
}

/// The unit names at the start of a sentence that assigns work.
pub fn subjects(sentence: &str) -> Vec<String> {
    let s = sentence.trim();
    if head_of(s).is_none() {
        return vec![];
    }
    let cut = ROLE_VERBS
        .iter()
        .chain(&[". "])
        .filter_map(|v| s.find(v))
        .min();
    let Some(cut) = cut else { return vec![] };
    let subject = &s[..cut];
    if subject.split_whitespace().count() > 30 {
        return vec![];
    }
    let names = split_units(subject);
    // The subject is the names and nothing else ("UBND cấp huyện xét chọn
    // …, gửi … để thẩm định" has none).
    let mut rest = subject.to_string();
    for n in &names {
        rest = rest.replacen(n.as_str(), "", 1);
    }
    let left = rest
        .split([',', ' '])
        .filter(|w| !w.is_empty() && !["và", "cùng", "với"].contains(w))
        .count();
    if left > 0 {
        return vec![];
    }
    names
}

/// The units a sentence names after "phối hợp (với)": "… phối hợp với Sở
/// Y tế, Sở Công Thương tổ chức …" → the two names.
pub fn partners(sentence: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in sentence.match_indices("hối hợp ") {
        if !sentence[..at].ends_with(['p', 'P']) {
            continue;
        }
        let after = &sentence[at + "hối hợp ".len()..];
        let after = after.strip_prefix("với ").unwrap_or(after);
        let end = [";", ". ", ":"]
            .iter()
            .filter_map(|m| after.find(m))
            .chain(ROLE_VERBS.iter().filter_map(|v| after.find(v)))
            .min()
            .unwrap_or(after.len());
        // "Sở Tài chính và các đơn vị liên quan": the group is not a unit.
        let names = after[..end].split(" và các ").next().unwrap_or("");
        out.extend(split_units(names.trim_end_matches('.')));
    }
    out
}

/// A partner name longer than this is taken only as far as a unit named
/// elsewhere in the document: "Sở Nông nghiệp và Phát triển nông thôn khảo
/// sát các sản phẩm" names "Sở Nông nghiệp và Phát triển nông thôn".
const MAX_PARTNER_WORDS: usize = 10;

/// `partner` cut to the longest unit of `named` it opens with (compared
/// as [`canonical`] spellings); kept whole when it is short and opens with
/// none; `None` when it is long and opens with none.
fn known_prefix(partner: &str, known: &HashSet<String>) -> Option<String> {
    let words: Vec<&str> = partner.split_whitespace().collect();
    (1..=words.len())
        .rev()
        .map(|k| words[..k].join(" "))
        .find(|p| known.contains(&canonical(p)))
        .or_else(|| (words.len() <= MAX_PARTNER_WORDS).then(|| partner.to_string()))
}

/// "Báo Hà Tĩnh, Đài Phát thanh - Truyền hình" → the two names.
pub fn split_units(text: &str) -> Vec<String> {
    let pieces: Vec<&str> = text
        .split(", ")
        .flat_map(|p| {
            // " và Sở …", "; Sở …" also separate units.
            let mut v = Vec::new();
            let mut rest = p;
            while let Some((i, l)) = [" và ", "; "]
                .iter()
                .filter_map(|sep| rest.find(sep).map(|i| (i, sep.len())))
                .filter(|(i, l)| head_of(&rest[i + l..]).is_some())
                .min()
            {
                v.push(&rest[..i]);
                rest = &rest[i + l..];
            }
            v.push(rest);
            v
        })
        .map(str::trim)
        .collect();
    // An agency noun opens another unit even before a word in lower
    // case: "Liên minh Hợp tác xã, Hội phụ nữ, Hội nông dân".
    let opens_unit = |piece: &str| HEADS.iter().any(|h| piece.starts_with(&format!("{h} ")));
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        if opens_unit(piece) || cur.is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur = piece.to_string();
        } else if is_locality(piece)
            || piece.chars().next().is_some_and(char::is_uppercase) && !cur.starts_with(['U', 'Ủ'])
            || named_by_task(&cur) && pieces.get(i + 1).is_some_and(|n| opens_unit(n))
        {
            // A body named by its task keeps the part of its name between
            // two units: "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh,
            // Tổ tư vấn …".
            cur = format!("{cur}, {piece}");
        } else {
            // The name ended; what follows is not a unit, but a UBND name
            // may still end in a locality: "… các xã, phường tuyên truyền".
            if cur.starts_with(['U', 'Ủ'])
                && let Some(l) = LOCALITIES
                    .iter()
                    .find(|l| piece.starts_with(&format!("{l} ")))
            {
                cur = format!("{cur}, {l}");
            }
            break;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.into_iter()
        .map(|u| {
            ubnd_name(u.trim())
                .trim_end_matches([',', ';', '.', ':'])
                .trim()
                .to_string()
        })
        .filter(|u| head_of(u).is_some() && u.split_whitespace().count() >= 2)
        .collect()
}

/// "Hội đồng đánh giá …", "Tổ tư vấn …": a body named by what it does.
fn named_by_task(name: &str) -> bool {
    head_of(name).is_some_and(|h| {
        ["Hội đồng", "Tổ"].contains(&h)
            && name[h.len()..]
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
    })
}

/// "thành phố", "thị xã", "TP": the localities a UBND name lists.
fn is_locality(piece: &str) -> bool {
    LOCALITIES.contains(&piece.trim())
}

const LOCALITIES: [&str; 11] = [
    "thành phố",
    "thị xã",
    "thị trấn",
    "phường",
    "xã",
    "huyện",
    "tỉnh",
    "TP",
    "TX",
    "quận",
    "đặc khu",
];

/// Spellings compared: case, "UBND", "PTNT", "&", "-" and a final
/// "huyện"/"tỉnh" do not make another unit.
pub fn canonical(name: &str) -> String {
    let mut s = format!(" {} ", name.to_lowercase().replace("uỷ", "ủy"));
    for (a, b) in [
        (" ubnd ", " ủy ban nhân dân "),
        (" ptnt ", " phát triển nông thôn "),
        (" nn&ptnt ", " nông nghiệp và phát triển nông thôn "),
        (" & ", " và "),
        (" - ", " và "),
        (" vh-tt-th ", " văn hóa và thể thao và truyền hình "),
    ] {
        s = s.replace(a, b);
    }
    let mut s = super::para::squeeze(&s);
    for tail in [" huyện", " tỉnh"] {
        if let Some(t) = s.strip_suffix(tail) {
            s = t.to_string();
        }
    }
    s
}

/// A key from the name: initials of its words, without diacritics.
fn key_for(name: &str, taken: &HashSet<String>) -> String {
    let slug = crate::text::slug(&canonical(name));
    let words: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).collect();
    let mut key = String::new();
    let mut rest: &[&str] = &words;
    if words.starts_with(&["uy", "ban", "nhan", "dan"]) {
        key.push_str("ubnd_");
        rest = &words[4..];
    }
    for w in rest {
        if ["va", "cac"].contains(w) {
            continue;
        }
        if let Some(c) = w.chars().next() {
            key.push(c);
        }
        if key.len() >= 12 {
            break;
        }
    }
    let key = key.trim_end_matches('_').to_string();
    let key = if key.chars().next().is_some_and(|c| c.is_ascii_lowercase()) {
        key
    } else {
        format!("dv{key}")
    };
    let mut out = key.clone();
    let mut n = 2;
    while taken.contains(&out) {
        out = format!("{key}{n}");
        n += 1;
    }
    out
}

/// The bodies a units line lists: a new one at an agency noun or at a
/// capitalised "Các …"; a part in lower case or a capitalised field
/// ("…, phường", "…, Thể thao và Du lịch") goes on the one before.
/// Generic groups ("các sở, ngành liên quan") are no unit.
pub fn listed_units(subject: &str) -> Vec<String> {
    listed(subject, true)
}

/// The bodies a list of names only lists (a decision's Điều 3): a UBND's
/// name keeps what qualifies its localities ("Ủy ban nhân dân các xã,
/// phường có sản phẩm OCOP"), as no verb can follow it there.
pub fn listed_names(list: &str) -> Vec<String> {
    listed(list, false)
}

/// `in_sentence`: the subject may run on into its verb.
fn listed(subject: &str, in_sentence: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for piece in subject.split(", ").map(str::trim).filter(|p| !p.is_empty()) {
        let opens = head_of(piece).is_some() || piece.starts_with("Các ") || out.is_empty();
        match out.last_mut() {
            Some(cur) if !opens => {
                cur.push_str(", ");
                cur.push_str(piece);
            }
            _ => out.push(piece.to_string()),
        }
    }
    out.into_iter()
        // "Ủy ban nhân dân các xã, phường tuyên truyền …": a UBND's name
        // ends with its localities.
        .map(|u| {
            if in_sentence {
                ubnd_name(&u).to_string()
            } else {
                u
            }
        })
        .flat_map(|u| {
            // "Sở A và Sở B": two.
            let agencies = split_units(&u);
            if agencies.len() > 1 {
                agencies
            } else {
                vec![u]
            }
        })
        .filter(|u| {
            let words = u.split_whitespace().count();
            let generic = [
                "liên quan",
                "Các sở",
                "các sở",
                "Các cơ quan",
                "các cơ quan",
            ]
            .iter()
            .any(|g| u.contains(g));
            // "Hội đồng và Tổ giúp việc Hội đồng đánh giá, phân hạng sản
            // phẩm OCOP huyện": a body named by its task runs long.
            (1..=20).contains(&words)
                && !generic
                && (u.chars().next().is_some_and(char::is_uppercase) || u.starts_with("các "))
                && !u.chars().any(|c| c.is_ascii_digit())
        })
        .collect()
}

/// Whether most sections of a list head a unit's duties (a plan's "Tổ
/// chức thực hiện": "1. Phòng Kinh tế xã:", "2. Hội Nông dân xã:").
fn unit_siblings(list: &[Section]) -> bool {
    let units = list
        .iter()
        .filter(|s| s.title.as_deref().and_then(heading_unit).is_some())
        .count();
    units >= 2 && units * 2 >= list.len()
}

/// The unit a heading names; among units' headings also a short heading
/// ending with ":" without an agency noun ("3. Trưởng các thôn:").
fn sibling_unit(title: &str, among_units: bool) -> Option<(String, Option<String>)> {
    heading_unit(title).or_else(|| {
        let t = title.trim();
        let base = t.strip_suffix(':')?.trim();
        let words = base.split_whitespace().count();
        (among_units
            && (2..=8).contains(&words)
            && base.chars().next().is_some_and(char::is_uppercase)
            && !ROLE_VERBS.iter().any(|v| base.contains(v)))
        .then(|| (base.to_string(), None))
    })
}

/// Section title without its note and colon: the unit it names.
pub fn heading_unit(title: &str) -> Option<(String, Option<String>)> {
    let t = title.trim().trim_end_matches(':').trim();
    let (base, note) = match t.strip_suffix(')').and_then(|x| x.rsplit_once(" (")) {
        Some((b, n)) => (b.trim(), Some(n.trim().to_string())),
        None => (t, None),
    };
    // "Sở Công Thương chủ trì, phối hợp với …:" gives work; it is not
    // the unit's own heading.
    let sentence = ROLE_VERBS.iter().any(|v| base.contains(v));
    (head_of(base).is_some()
        && base.split_whitespace().count() <= 16
        && !base.ends_with('.')
        && !sentence)
        .then(|| (base.to_string(), note))
}

/// Where a document names units: its numbered sections, the text before
/// them, and a công văn's addressees.
pub struct Named<'a> {
    pub sections: &'a mut [Section],
    pub blocks: &'a [Block],
    pub to: &'a [String],
    /// The roots may be a unit's own heading (a dispatch's are; a plan's
    /// unit headings stand under a root).
    pub unit_roots: bool,
}

/// Names found where the form names a unit, and names found after "phối
/// hợp (với)", which may run on into the sentence.
#[derive(Default)]
struct Found {
    named: Vec<String>,
    partners: Vec<String>,
}

impl Found {
    fn sentence(&mut self, t: &str) {
        self.named.extend(subjects(t));
        self.partners.extend(partners(t));
        // "Tên việc (mục …): Sở A chủ trì …": a sentence after a lead.
        if let Some((lead, rest)) = t.split_once(": ")
            && lead.split_whitespace().count() <= 20
        {
            self.named.extend(subjects(rest));
        }
        // "Giao Sở A làm đầu mối …", "Đề nghị Sở B bố trí …": the unit
        // given the work follows the verb that gives it.
        for verb in ["Giao ", "Đề nghị ", "Yêu cầu "] {
            if let Some(rest) = t.strip_prefix(verb) {
                self.named.extend(subjects(rest));
            }
        }
        // "… Đơn vị thực hiện: Sở A, Sở B phối hợp … ." inside a text.
        for (at, label) in t.match_indices("Đơn vị ") {
            let after = &t[at + label.len()..];
            let Some((role, list)) = after.split_once(": ") else {
                continue;
            };
            if ["thực hiện", "chủ trì", "phối hợp"].contains(&role) {
                let end = list.find(". ").unwrap_or(list.len());
                self.units_line(&list[..end]);
            }
        }
    }

    fn blocks(&mut self, list: &[Block]) {
        for b in list {
            match b {
                Block::Paragraph(t) => self.sentence(t),
                Block::Fields(f) => {
                    for t in f.text.iter().chain(&f.assign) {
                        self.sentence(t);
                    }
                    self.items(f.list.as_deref().unwrap_or(&[]));
                }
            }
        }
    }

    fn items(&mut self, items: &[ListItem]) {
        for it in items {
            match it {
                ListItem::Text(t) => self.sentence(t),
                ListItem::Fields(f) => {
                    for t in f.text.iter().chain(&f.assign) {
                        self.sentence(t);
                    }
                    self.items(&f.list);
                }
            }
        }
    }

    /// The "Đơn vị thực hiện" line (or another "Đơn vị …" line): every
    /// body it lists is a unit, named by an agency noun or not ("Trưởng
    /// các thôn", "Các đơn vị tư vấn Chương trình OCOP").
    fn units_line(&mut self, text: &str) {
        for part in text.trim_end_matches('.').split("; ") {
            let subject = ROLE_VERBS
                .iter()
                .filter_map(|v| part.find(v))
                .min()
                .map_or(part, |c| &part[..c]);
            self.named.extend(listed_units(subject));
            self.partners.extend(partners(part));
        }
    }

    fn sections(&mut self, list: &[Section]) {
        let among_units = unit_siblings(list);
        for s in list {
            let title = s.title.as_deref().unwrap_or("");
            if let Some((u, _)) = sibling_unit(title, among_units) {
                // "Sở Tài chính, Sở Kế hoạch và Đầu tư": two units.
                let agencies = split_units(&u);
                if agencies.is_empty() {
                    self.named.push(u);
                } else {
                    self.named.extend(agencies);
                }
            } else {
                // A numbered paragraph that gives work.
                self.sentence(title);
            }
            self.blocks(&s.body);
            for t in &s.task {
                if let Some(text) = units_text(t) {
                    self.units_line(text);
                } else if t.label.as_deref().is_some_and(|l| l.starts_with("Đơn vị"))
                    && let Some(text) = &t.text
                {
                    self.units_line(text);
                }
                if let Some(Content::Blocks(b)) = &t.content {
                    self.blocks(b);
                }
                self.items(t.list.as_deref().unwrap_or(&[]));
            }
            self.sections(&s.sections);
        }
    }
}

/// The text of a task's "Đơn vị thực hiện" line, as read.
pub fn units_text(t: &TaskEntry) -> Option<&str> {
    match &t.units {
        Some(UnitsEntry::Sentence(s)) => Some(&s.text),
        _ => None,
    }
}

/// Finds the units `named` names, declares them, and links the headings
/// that name them (`unit:` instead of `title:`). Returns the declared units.
pub fn declare(named: Named<'_>) -> BTreeMap<String, Unit> {
    let mut found = Found::default();
    // A công văn's addressees are units, named by an agency noun or not
    // ("các đơn vị tư vấn OCOP").
    for t in named.to {
        found.named.extend(listed_units(t));
    }
    found.sections(named.sections);
    found.blocks(named.blocks);
    let units = group_spellings(&found);
    let units = distinct_aliases(units);
    let known = Units::new(&units);
    link(named.sections, &known, named.unit_roots, "@doc");
    units
}

/// The spellings found, grouped by unit: the name is the most used, then
/// the longest; each unit gets a key from its name.
fn group_spellings(found: &Found) -> BTreeMap<String, Unit> {
    let known: HashSet<String> = found.named.iter().map(|n| canonical(n)).collect();
    let mut spellings = found.named.clone();
    spellings.extend(
        found
            .partners
            .iter()
            .filter_map(|p| known_prefix(p, &known)),
    );
    // "Ủy ban nhân dân tỉnh" alone is the issuer itself, not a unit.
    spellings.retain(|s| canonical(s) != "ủy ban nhân dân");
    let mut groups: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<Vec<String>> = Vec::new();
    for s in spellings {
        let c = canonical(&s);
        match groups.get(&c) {
            Some(&i) => order[i].push(s),
            None => {
                groups.insert(c, order.len());
                order.push(vec![s]);
            }
        }
    }
    let mut units = BTreeMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    for all in order {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for s in all {
            match counts.iter_mut().find(|(x, _)| *x == s) {
                Some((_, n)) => *n += 1,
                None => counts.push((s, 1)),
            }
        }
        counts.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then(b.0.chars().count().cmp(&a.0.chars().count()))
        });
        let name = counts[0].0.clone();
        let key = key_for(&name, &taken);
        taken.insert(key.clone());
        units.insert(
            key,
            Unit {
                name,
                short: None,
                aliases: counts[1..].iter().map(|(s, _)| s.clone()).collect(),
            },
        );
    }
    units
}

/// The key of the unit `name` names among `units`, declared there if it
/// is new.
pub fn declare_name(name: &str, units: &mut BTreeMap<String, Unit>) -> String {
    declare_names(&[name], units).remove(0)
}

/// [`declare_name`] for each of `names`, in one pass: the declared names
/// are indexed once, so a list of thousands of units stays linear.
pub fn declare_names<S: AsRef<str>>(
    names: &[S],
    units: &mut BTreeMap<String, Unit>,
) -> Vec<String> {
    let mut by_name: HashMap<String, String> = HashMap::new();
    for (k, u) in units.iter() {
        by_name
            .entry(canonical(&u.name))
            .or_insert_with(|| k.clone());
    }
    let mut taken: HashSet<String> = units.keys().cloned().collect();
    let mut keys = Vec::with_capacity(names.len());
    for name in names {
        let name = name.as_ref();
        let c = canonical(name);
        if let Some(k) = by_name.get(&c) {
            keys.push(k.clone());
            continue;
        }
        let key = key_for(name, &taken);
        taken.insert(key.clone());
        by_name.insert(c, key.clone());
        units.insert(
            key.clone(),
            Unit {
                name: name.to_string(),
                short: None,
                aliases: vec![],
            },
        );
        keys.push(key);
    }
    keys
}

/// Headings that name declared units refer to them: by key where the
/// heading spells the name, else by the spelling as typed.
fn link(list: &mut [Section], known: &Units, here: bool, path: &str) {
    let among_units = unit_siblings(list);
    for (i, s) in list.iter_mut().enumerate() {
        if here
            && let Some(title) = s.title.clone()
            && let Some((base, note)) = sibling_unit(&title, among_units)
            && let Some(refs) = heading_refs(&base, known)
        {
            s.unit = Some(UnitRefs(refs));
            s.title = None;
            s.note = note;
            s.colon = title.trim_end().ends_with(':');
        }
        link(
            &mut s.sections,
            known,
            true,
            &format!("{path}.sections[{i}]"),
        );
    }
}

/// The "Đơn vị thực hiện" lines, read again once the units are declared:
/// one declared unit as a list of its key (or the spelling typed); a
/// sentence that names declared units as the author's sentence, printed
/// as typed; anything else as free text in a list. A line naming no
/// declared unit is said: it goes to no per-unit dispatch.
pub fn resolve(list: &mut [Section], known: &Units, path: &str, notes: &mut Notes) {
    for (i, s) in list.iter_mut().enumerate() {
        let here = format!("{path}.sections[{i}]");
        let mut unknown = false;
        for t in &mut s.task {
            let Some(text) = units_text(t).map(str::to_string) else {
                continue;
            };
            let (entry, named) = units_entry(known, &text);
            unknown |= !named;
            t.units = Some(entry);
        }
        if unknown {
            notes.add(
                here.clone(),
                "dòng đơn vị thực hiện không nêu đơn vị nào nhận ra được; muốn có công văn giao việc cho đơn vị đó thì khai báo nó trong `units` và ghi khóa",
            );
        }
        resolve(&mut s.sections, known, &here, notes);
    }
}

/// The units entry a "Đơn vị thực hiện" line reads as, and whether it
/// names a declared unit.
fn units_entry(known: &Units, text: &str) -> (UnitsEntry, bool) {
    let bare = text.strip_suffix('.').unwrap_or(text).trim();
    if let Some(key) = known.resolve(bare) {
        let named = known.get(key).is_some_and(|u| u.name == bare);
        let r = if named { key } else { bare };
        return (UnitsEntry::List(vec![UnitItem::Ref(r.to_string())]), true);
    }
    if !known.mentions(text).is_empty() {
        let s = Sentence {
            text: text.trim().to_string(),
            ..Sentence::default()
        };
        return (UnitsEntry::Sentence(s), true);
    }
    (
        UnitsEntry::List(vec![UnitItem::Ref(bare.to_string())]),
        false,
    )
}

/// Keeps only the aliases that are a spelling of their own: one already
/// accepted for some unit (the same words in another case or with the tone
/// mark placed elsewhere) is dropped, so each spelling names one unit.
fn distinct_aliases(mut units: BTreeMap<String, Unit>) -> BTreeMap<String, Unit> {
    let mut taken: HashSet<String> = units.values().map(|u| fold(&u.name)).collect();
    for u in units.values_mut() {
        let aliases = std::mem::take(&mut u.aliases);
        for a in aliases {
            if taken.insert(fold(a.trim_end_matches(':'))) {
                u.aliases.push(a);
            }
        }
    }
    units
}

/// The references a unit heading prints as: one unit, or several joined
/// by ", " exactly as `unit: [a, b]` prints them. None when some part is
/// not a declared spelling.
fn heading_refs(base: &str, known: &Units) -> Option<Vec<String>> {
    let reference = |part: &str| -> Option<String> {
        let key = known.resolve(part)?;
        Some(if known.get(key)?.name == part {
            key.to_string()
        } else {
            part.to_string()
        })
    };
    let pieces: Vec<&str> = base.split(", ").collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        // The longest run of pieces that is one unit's spelling.
        let (j, r) = (i + 1..=pieces.len())
            .rev()
            .find_map(|j| reference(&pieces[i..j].join(", ")).map(|r| (j, r)))?;
        out.push(r);
        i = j;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_named_after_phoi_hop() {
        assert_eq!(
            partners(
                "Sở A chủ trì, phối hợp với Sở Y tế, Sở Văn hóa, Thể thao và Du lịch tổ chức tập huấn."
            ),
            ["Sở Y tế", "Sở Văn hóa, Thể thao và Du lịch"]
        );
        assert_eq!(
            partners(
                "Chủ trì, phối hợp Ủy ban nhân dân các xã, phường tuyên truyền; báo cáo Sở B."
            ),
            ["Ủy ban nhân dân các xã, phường"]
        );
        assert!(partners("Phối hợp với các sở, ngành liên quan thực hiện.").is_empty());
        assert_eq!(
            partners("Phối hợp với Sở Tài chính và các đơn vị liên quan tham mưu."),
            ["Sở Tài chính"]
        );
        assert_eq!(
            partners(
                "Phối hợp với Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh, Tổ tư vấn giúp việc Hội đồng. Thời gian: Quý I."
            ),
            [
                "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh",
                "Tổ tư vấn giúp việc Hội đồng"
            ]
        );
        assert_eq!(
            partners("Phối hợp với Tổ công tác, các xã thực hiện."),
            ["Tổ công tác"],
            "a lower-case part after the last unit is no part of its name"
        );
    }

    #[test]
    fn a_partner_running_on_into_the_sentence_is_cut_to_a_known_unit() {
        let named: HashSet<String> = [canonical("Sở Nông nghiệp và PTNT")].into();
        let long = "Sở Nông nghiệp và Phát triển nông thôn khảo sát các sản phẩm tiềm năng";
        assert_eq!(
            known_prefix(long, &named).as_deref(),
            Some("Sở Nông nghiệp và Phát triển nông thôn")
        );
        assert_eq!(known_prefix("Sở Y tế", &named).as_deref(), Some("Sở Y tế"));
        assert_eq!(
            known_prefix(
                "Sở Y tế kiểm tra an toàn thực phẩm tại các cơ sở sản xuất",
                &named
            ),
            None
        );
    }

    #[test]
    fn a_heading_that_gives_work_is_not_a_units_own_heading() {
        assert_eq!(
            heading_unit("Sở Công Thương chủ trì, phối hợp với Văn phòng Điều phối:"),
            None
        );
        assert_eq!(
            heading_unit("Sở Công Thương (cơ quan thường trực):"),
            Some((
                "Sở Công Thương".to_string(),
                Some("cơ quan thường trực".to_string())
            ))
        );
    }

    #[test]
    fn an_agency_noun_opens_another_unit() {
        assert_eq!(
            split_units(
                "Liên minh Hợp tác xã, Hội phụ nữ, Báo Lai Châu, Cổng thông tin điện tử tỉnh"
            ),
            ["Liên minh Hợp tác xã", "Báo Lai Châu"]
        );
        assert_eq!(
            split_units("Sở Văn hóa, Thể thao và Du lịch"),
            ["Sở Văn hóa, Thể thao và Du lịch"]
        );
    }

    #[test]
    fn a_list_of_names_keeps_what_qualifies_a_ubnd() {
        assert_eq!(
            listed_names(
                "Sở Nông nghiệp và Môi trường, Ủy ban nhân dân các xã, phường có sản phẩm OCOP"
            ),
            [
                "Sở Nông nghiệp và Môi trường",
                "Ủy ban nhân dân các xã, phường có sản phẩm OCOP"
            ]
        );
    }

    #[test]
    fn units_listed_on_a_units_line() {
        assert_eq!(
            listed_units(
                "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh, Tổ tư vấn giúp việc Hội đồng"
            ),
            [
                "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh",
                "Tổ tư vấn giúp việc Hội đồng"
            ]
        );
        assert_eq!(
            listed_units(
                "Hội đồng và Tổ giúp việc Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện"
            ),
            ["Hội đồng và Tổ giúp việc Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện"]
        );
        assert_eq!(
            listed_units("Sở Văn hóa, Thể thao và Du lịch, Ủy ban nhân dân các xã, phường"),
            [
                "Sở Văn hóa, Thể thao và Du lịch",
                "Ủy ban nhân dân các xã, phường"
            ]
        );
        assert_eq!(
            listed_units(
                "Ủy ban nhân dân các xã, phường tuyên truyền trên hệ thống loa truyền thanh cơ sở"
            ),
            ["Ủy ban nhân dân các xã, phường"]
        );
        assert_eq!(
            listed_units("các đơn vị tư vấn OCOP"),
            ["các đơn vị tư vấn OCOP"]
        );
        assert!(listed_units("Các sở, ngành liên quan").is_empty());
        assert_eq!(
            ubnd_name("UBND cấp huyện xét chọn ý tưởng"),
            "UBND cấp huyện"
        );
        assert_eq!(
            ubnd_name("Ủy ban nhân dân các huyện, thành phố, thị xã"),
            "Ủy ban nhân dân các huyện, thành phố, thị xã"
        );
        assert_eq!(
            ubnd_name("UBND tỉnh Lai Châu đề nghị"),
            "UBND tỉnh Lai Châu"
        );
    }

    #[test]
    fn subjects_of_assignments() {
        assert_eq!(
            subjects("Báo Hà Nam, Đài Phát thanh - Truyền hình chủ động xây dựng kế hoạch."),
            ["Báo Hà Nam", "Đài Phát thanh - Truyền hình"]
        );
        assert_eq!(
            subjects("Sở Văn hóa, Thể thao và Du lịch chủ trì phối hợp với các địa phương."),
            ["Sở Văn hóa, Thể thao và Du lịch"]
        );
        assert_eq!(
            subjects("UBND các huyện, thành phố, thị xã chủ động tổ chức tập huấn."),
            ["UBND các huyện, thành phố, thị xã"]
        );
        assert_eq!(
            subjects("Sở Kế hoạch và Đầu tư, Hiệp hội Doanh nghiệp tỉnh hỗ trợ thành lập."),
            ["Sở Kế hoạch và Đầu tư", "Hiệp hội Doanh nghiệp tỉnh"]
        );
        assert!(subjects("Các sở, ngành liên quan chủ động thực hiện.").is_empty());
        assert!(subjects("Tăng cường công tác tuyên truyền.").is_empty());
    }

    #[test]
    fn spellings_of_one_unit() {
        assert_eq!(
            canonical("Phòng Nông nghiệp & PTNT huyện"),
            canonical("Phòng Nông nghiệp và Phát triển nông thôn")
        );
        assert_eq!(
            canonical("UBND các xã"),
            canonical("Ủy ban nhân dân các xã")
        );
        assert_ne!(canonical("Sở Y tế"), canonical("Sở Tài chính"));
        assert_eq!(
            key_for("Sở Nông nghiệp và Phát triển nông thôn", &HashSet::new()),
            "snnptnt"
        );
        assert_eq!(
            key_for("UBND các huyện, thành phố", &HashSet::new()),
            "ubnd_htp"
        );
        assert_eq!(key_for("Sở Y tế", &["syt".into()].into()), "syt2");
    }

    fn decl(key: &str, name: &str, aliases: &[&str]) -> (String, Unit) {
        (
            key.into(),
            Unit {
                name: name.into(),
                short: None,
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
            },
        )
    }

    #[test]
    fn aliases_are_spellings_of_their_own() {
        let units = distinct_aliases(BTreeMap::from([
            decl(
                "pnn",
                "Phòng Nông nghiệp và PTNT huyện",
                &[
                    "Phòng Nông nghiệp & PTNT huyện",
                    "phòng nông nghiệp và PTNT huyện",
                ],
            ),
            decl("stc", "Sở Tài chính", &[]),
        ]));
        assert_eq!(units["pnn"].aliases, ["Phòng Nông nghiệp & PTNT huyện"]);
    }

    #[test]
    fn headings_name_one_or_several_units() {
        let map = BTreeMap::from([
            decl("stc", "Sở Tài chính", &[]),
            decl("svh", "Sở Văn hóa, Thể thao và Du lịch", &["Sở VH, TT&DL"]),
        ]);
        let known = Units::new(&map);
        assert_eq!(
            heading_refs("Sở Tài chính", &known),
            Some(vec!["stc".into()])
        );
        assert_eq!(
            heading_refs("Sở Tài chính, Sở Văn hóa, Thể thao và Du lịch", &known),
            Some(vec!["stc".into(), "svh".into()])
        );
        assert_eq!(
            heading_refs("Sở VH, TT&DL", &known),
            Some(vec!["Sở VH, TT&DL".into()])
        );
        assert_eq!(heading_refs("Sở Tài chính và Sở Y tế", &known), None);
    }

    #[test]
    fn unit_headings_keep_their_colon() {
        let mut sections = vec![Section {
            title: Some("NHIỆM VỤ".into()),
            sections: vec![
                Section {
                    title: Some("Sở Tài chính:".into()),
                    body: vec![Block::Paragraph(
                        "Sở Tài chính chủ trì bố trí kinh phí.".into(),
                    )],
                    ..Section::default()
                },
                Section {
                    title: Some("Sở Tài chính, Sở Y tế".into()),
                    ..Section::default()
                },
            ],
            ..Section::default()
        }];
        let named = Named {
            sections: &mut sections,
            blocks: &[],
            to: &[],
            unit_roots: false,
        };
        declare(named);
        let s = &sections[0].sections;
        assert_eq!(s[0].unit, Some(UnitRefs(vec!["stc".into()])));
        assert!(s[0].colon);
        assert_eq!(s[1].unit, Some(UnitRefs(vec!["stc".into(), "syt".into()])));
        assert!(!s[1].colon);
    }

    #[test]
    fn units_a_dispatch_names_in_its_running_text() {
        let names = |to: &[String], text: &str| -> Vec<String> {
            let units = declare(Named {
                sections: &mut [],
                blocks: &[Block::Paragraph(text.into())],
                to,
                unit_roots: true,
            });
            let mut v: Vec<String> = units.into_values().map(|u| u.name).collect();
            v.sort();
            v
        };
        assert_eq!(
            names(
                &["các đơn vị tư vấn OCOP".into()],
                "Xúc tiến thương mại (mục II.3 của Kế hoạch): Tổ chức gian hàng. Đơn vị thực hiện: Sở Công Thương, Ủy ban nhân dân các huyện, thị xã phối hợp với các doanh nghiệp tổ chức thực hiện. Thời gian thực hiện: Quý II."
            ),
            [
                "Sở Công Thương",
                "các đơn vị tư vấn OCOP",
                "Ủy ban nhân dân các huyện, thị xã"
            ]
        );
        assert_eq!(
            names(
                &[],
                "Tuyên truyền (mục II.1 của Kế hoạch): Sở Văn hóa, Thể thao và Du lịch chủ trì tổ chức tập huấn."
            ),
            ["Sở Văn hóa, Thể thao và Du lịch"]
        );
        assert!(
            names(
                &[],
                "Mục tiêu: Phấn đấu có 20 sản phẩm. Đơn vị tính: sản phẩm."
            )
            .is_empty()
        );
        assert_eq!(
            names(
                &[],
                "Giao Phòng Nông nghiệp và PTNT huyện làm đầu mối tiếp nhận hồ sơ (mục IV.4 của Kế hoạch)."
            ),
            ["Phòng Nông nghiệp và PTNT huyện"]
        );
        assert!(names(&[], "Giao ban định kỳ hằng tháng để theo dõi.").is_empty());
    }

    #[test]
    fn unit_headings() {
        assert_eq!(
            heading_unit("Phòng Nông nghiệp huyện (Cơ quan thường trực)"),
            Some((
                "Phòng Nông nghiệp huyện".into(),
                Some("Cơ quan thường trực".into())
            ))
        );
        assert_eq!(
            heading_unit("Sở Tài chính:"),
            Some(("Sở Tài chính".into(), None))
        );
        assert_eq!(heading_unit("Mục đích"), None);
    }
}
