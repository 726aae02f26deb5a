//! Units (sở, ban, ngành, UBND cấp xã …) are declared once in a file's
//! `units:` and referred to by key everywhere else, so the same unit is
//! spelled the same way in every document. A unit may have several
//! accepted spellings (`name`, `short`, `aliases`): writing one of them
//! where a unit is expected refers to that unit and prints as typed. A
//! reference that is neither a key nor a declared spelling is free text,
//! printed as typed.
//!
//! Units are also found inside the author's own sentences ("Sở Văn hóa,
//! Thể thao và Du lịch chủ trì, phối hợp với Văn phòng Điều phối … tổ
//! chức …"), by their declared spellings, and the administrative form of
//! such a sentence says who leads and who cooperates (see [`Units::roles`]).

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use crate::model::Unit;

/// Unit keys are lower-case ASCII words (`snnmt`, `ubnd_xa`); anything else
/// is literal text.
pub fn is_unit_key(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The units of one file.
#[derive(Debug, Clone)]
pub struct Units<'a> {
    declared: &'a BTreeMap<String, Unit>,
    /// The spellings folded and indexed, made on first use and shared by
    /// the copies: a text's mentions then cost its length, not its length
    /// times the units (a plan naming 2,000 communes).
    index: Arc<OnceLock<Index>>,
}

/// Every declared spelling, folded.
#[derive(Debug)]
struct Index {
    /// Folded spelling → the units spelled so, each with its place in
    /// the order units and their spellings are declared (which one wins
    /// a tie).
    by_text: FxHashMap<Vec<char>, Vec<(usize, String)>>,
    /// First char of a folded spelling → the lengths of those that start
    /// with it, in chars, shortest first: only these are looked up.
    lengths: FxHashMap<char, Vec<usize>>,
}

impl Index {
    fn new(declared: &BTreeMap<String, Unit>) -> Self {
        let mut by_text: FxHashMap<Vec<char>, Vec<(usize, String)>> = FxHashMap::default();
        let spelled = declared
            .iter()
            .flat_map(|(key, unit)| spellings(unit).map(move |s| (key.as_str(), s)));
        for (order, (key, spelling)) in spelled.enumerate() {
            let folded: Vec<char> = fold(spelling).chars().collect();
            if !folded.is_empty() {
                by_text
                    .entry(folded)
                    .or_default()
                    .push((order, key.to_string()));
            }
        }
        let mut lengths: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        for text in by_text.keys() {
            lengths.entry(text[0]).or_default().push(text.len());
        }
        for list in lengths.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        Index { by_text, lengths }
    }
}

/// A declared unit named inside a text: its key and where (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub key: String,
    pub start: usize,
    pub end: usize,
}

/// Who a sentence gives work to: the units that carry it out (its subject,
/// or the units before "chủ trì") and the units named after "phối hợp
/// (với)". Keys, in the order the sentence names them, without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Roles {
    pub leads: Vec<String>,
    pub supports: Vec<String>,
}

/// How a sentence is read for [`Units::roles`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A sentence of the body: its subject leads ("Sở A chủ trì …",
    /// "Sở A, Sở B tổ chức …"); without one, the implied units do
    /// ("Chủ trì, phối hợp với …" under a unit's own heading).
    Sentence,
    /// The "Đơn vị thực hiện:" line of a task: every unit it lists carries
    /// the task out, except those named after "phối hợp (với)".
    UnitsLine,
}

impl<'a> Units<'a> {
    pub fn new(declared: &'a BTreeMap<String, Unit>) -> Self {
        Units {
            declared,
            index: Arc::default(),
        }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::new(self.declared))
    }

    pub fn get(&self, key: &str) -> Option<&'a Unit> {
        self.declared.get(key)
    }

    pub fn keys(&self) -> impl Iterator<Item = &'a str> {
        self.declared.keys().map(String::as_str)
    }

    /// The key a reference names: a declared key, or a declared spelling of
    /// a unit (compared ignoring case, the placement of tone marks, runs of
    /// spaces and a trailing colon). None for free text and undeclared keys.
    pub fn resolve(&self, reference: &str) -> Option<&'a str> {
        let reference = reference.trim();
        if is_unit_key(reference) {
            return self
                .declared
                .get_key_value(reference)
                .map(|(k, _)| k.as_str());
        }
        let wanted: Vec<char> = fold(reference.trim_end_matches(':').trim_end())
            .chars()
            .collect();
        // The first unit declared with that spelling.
        self.index()
            .by_text
            .get(&wanted)
            .and_then(|units| units.first())
            .and_then(|(_, key)| self.declared.get_key_value(key))
            .map(|(k, _)| k.as_str())
    }

    /// The unit `reference` names: a key becomes the unit's name (or its
    /// short form for Nơi nhận); a spelling or free text stays as typed.
    /// Validation has already refused undeclared keys.
    pub fn name(&self, reference: &str, short: bool) -> String {
        let reference = reference.trim();
        match self.get(reference) {
            Some(u) if short => u.short.clone().unwrap_or_else(|| u.name.clone()),
            Some(u) => u.name.clone(),
            None => reference.to_string(),
        }
    }

    /// Several references joined as a sentence lists them: "A, B, C".
    pub fn names(&self, references: &[String]) -> String {
        references
            .iter()
            .map(|r| self.name(r, false))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every accepted spelling of the unit `key`, as declared.
    pub fn spellings(&self, key: &str) -> Vec<&'a str> {
        self.get(key)
            .map(|u| spellings(u).collect())
            .unwrap_or_default()
    }

    /// The declared units `text` names, left to right. At each place the
    /// longest spelling wins ("Phòng Nông nghiệp và PTNT huyện" over
    /// "Phòng Nông nghiệp và PTNT"); a spelling only matches whole words.
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        let folded = Folded::new(text);
        self.folded_mentions(&folded)
            .into_iter()
            .map(|m| Mention {
                key: m.key,
                start: folded.spans[m.start].0,
                end: folded.spans[m.end - 1].1,
            })
            .collect()
    }

    /// Mentions with char indices into `folded`.
    fn folded_mentions(&self, folded: &Folded) -> Vec<Span> {
        let index = self.index();
        // (declaration order, span) of every whole-word match.
        let mut found: Vec<(usize, Span)> = Vec::new();
        for (start, c) in folded.chars.iter().enumerate() {
            let Some(lengths) = index.lengths.get(c) else {
                continue;
            };
            if !folded.boundary(start) {
                continue;
            }
            for &n in lengths {
                let end = start + n;
                if end > folded.chars.len() {
                    break;
                }
                if !folded.boundary(end) {
                    continue;
                }
                for (order, key) in index
                    .by_text
                    .get(&folded.chars[start..end])
                    .into_iter()
                    .flatten()
                {
                    let key = key.clone();
                    found.push((*order, Span { key, start, end }));
                }
            }
        }
        // Longest first at each place (ties: the first declared), then left
        // to right without overlaps.
        found.sort_by(|(oa, a), (ob, b)| {
            a.start
                .cmp(&b.start)
                .then(b.end.cmp(&a.end))
                .then(oa.cmp(ob))
        });
        let mut out: Vec<Span> = Vec::new();
        for (_, m) in found {
            if out.last().is_none_or(|last| m.start >= last.end) {
                out.push(m);
            }
        }
        out
    }

    /// Who `text` gives work to, read in the administrative form:
    ///
    /// - the text is cut into clauses at ";" and at the end of a sentence;
    /// - a clause's subject is the declared units it opens with, listed
    ///   with ",", "và", "cùng" (an undeclared group before them, such as
    ///   "Các sở, ngành,", may come first); the units before "chủ trì" or
    ///   "phối hợp" are its subject too. The subject leads;
    /// - the units listed right after "phối hợp" or "phối hợp với" (a
    ///   short undeclared group such as "các sở, ngành liên quan," may come
    ///   first) cooperate; the list ends at the first unit followed by
    ///   other words ("… Uỷ ban nhân dân các huyện triển khai …");
    /// - a clause without a subject continues the previous one; the first
    ///   clause without one has the `implied` units as subject (a unit's
    ///   own section: "Chủ trì, phối hợp với Sở … tổ chức …").
    ///
    /// In a [`Reading::UnitsLine`] every listed unit leads, not only the
    /// subject, and nothing is implied.
    pub fn roles(&self, text: &str, reading: Reading, implied: &[String]) -> Roles {
        let folded = Folded::new(text);
        let mentions = self.folded_mentions(&folded);
        let mut roles = Roles::default();
        let add = |list: &mut Vec<String>, key: &str| {
            if !list.iter().any(|k| k == key) {
                list.push(key.to_string());
            }
        };
        // Sought once in the sentence, then taken clause by clause.
        let cooperate_all = folded.keyword_positions(&COOPERATE, &mentions);
        let lead_all = folded.keyword_positions(&LEAD, &mentions);
        let within = |found: &[(usize, usize)], a: usize, b: usize| -> Vec<(usize, usize)> {
            found
                .iter()
                .copied()
                .filter(|(s, e)| *s >= a && *e <= b)
                .collect()
        };
        let mut first = true;
        for (a, b) in folded.clauses(&mentions) {
            let here: Vec<&Span> = mentions
                .iter()
                .filter(|m| m.start >= a && m.end <= b)
                .collect();
            let cooperate = within(&cooperate_all, a, b);
            let lead_word = within(&lead_all, a, b);
            let role_start = cooperate
                .first()
                .map(|k| k.0)
                .into_iter()
                .chain(lead_word.first().map(|k| k.0))
                .min();
            let mut supporting: Vec<&Span> = Vec::new();
            for (_, end) in &cooperate {
                let start = folded.after_with(*end, b);
                supporting.extend(folded.list_run(&here, start, b, MAX_GAP_WORDS));
            }
            let subject: Vec<&Span> = match reading {
                Reading::Sentence => {
                    let before = role_start.unwrap_or(b);
                    let start = folded.after_directive(a, before);
                    folded
                        .list_run(&here, start, before, usize::MAX)
                        .into_iter()
                        .collect()
                }
                Reading::UnitsLine => here
                    .iter()
                    .copied()
                    .filter(|m| !supporting.contains(m))
                    .filter(|m| folded.opens_item(a, m.start))
                    .collect(),
            };
            if subject.is_empty() {
                if first && reading == Reading::Sentence {
                    for k in implied {
                        add(&mut roles.leads, k);
                    }
                }
            } else {
                for m in &subject {
                    add(&mut roles.leads, &m.key);
                }
            }
            for m in supporting {
                add(&mut roles.supports, &m.key);
            }
            first = false;
        }
        roles.supports.retain(|k| !roles.leads.contains(k));
        roles
    }
}

/// The accepted spellings of a unit: its name, short name and aliases.
fn spellings(u: &Unit) -> impl Iterator<Item = &str> {
    std::iter::once(u.name.as_str())
        .chain(u.short.as_deref())
        .chain(u.aliases.iter().map(String::as_str))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// The words that make a sentence's units cooperate.
const COOPERATE: [&str; 1] = ["phôi hơp"];
/// The words that make the units before them lead.
const LEAD: [&str; 1] = ["chu tri"];
/// Words that open a clause before its subject: "Giao Sở A chủ trì …".
const DIRECTIVES: [&str; 5] = ["giao cho", "giao", "đê nghi", "yêu câu", "phân công"];
/// Words that join the items of a list of units.
const JOINERS: [&str; 3] = ["va", "cung", "hoăc"];
/// An undeclared group before the first cooperating unit is at most this
/// many words ("các sở, ngành liên quan,"); longer, it is the rest of the
/// sentence and the unit after it is an object, not a partner.
const MAX_GAP_WORDS: usize = 8;

/// Text as compared with spellings: lower case, without tone marks (so
/// "Uỷ" and "Ủy", "hoà" and "hòa" are equal), one space for any run of
/// white space, "-" for any dash. Vowel marks and "đ" are kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            continue;
        }
        fold_char(c, |f| out.push(f));
    }
    out
}

/// One char of a text other than white space, folded as [`fold`] does:
/// a dash becomes "-", a letter its lower case without its tone mark.
/// Without allocating: folding is most of the time a 20,000-row register
/// takes to check.
fn fold_char(c: char, mut push: impl FnMut(char)) {
    if c.is_ascii() {
        push(c.to_ascii_lowercase());
        return;
    }
    if matches!(c, '–' | '—' | '‐' | '‑' | '−') {
        push('-');
        return;
    }
    for lower in c.to_lowercase() {
        if lower.is_ascii() {
            push(lower);
        } else {
            untoned(lower, &mut push);
        }
    }
}

/// `c` without its tone mark: its canonical decomposition with the tone
/// marks left out, composed again (the NFC of that sequence).
fn untoned(c: char, push: &mut impl FnMut(char)) {
    use unicode_normalization::char::{canonical_combining_class, compose, decompose_canonical};
    // A decomposition is at most four chars; the starter composed so far
    // and the marks that did not compose with it.
    let mut starter: Option<char> = None;
    let mut marks = ['\0'; 4];
    let mut kept = 0;
    let mut overflow = false;
    let mut flush = |starter: &mut Option<char>, marks: &[char]| {
        starter
            .take()
            .into_iter()
            .chain(marks.iter().copied())
            .for_each(&mut *push);
    };
    decompose_canonical(c, |d| {
        if is_tone_mark(d) || overflow {
            return;
        }
        let class = canonical_combining_class(d);
        let blocked =
            kept > 0 && (class == 0 || canonical_combining_class(marks[kept - 1]) >= class);
        if let Some(s) = starter
            && !blocked
            && let Some(composed) = compose(s, d)
        {
            starter = Some(composed);
            return;
        }
        if class == 0 {
            flush(&mut starter, &marks[..kept]);
            kept = 0;
            starter = Some(d);
        } else if starter.is_none() && kept == 0 {
            flush(&mut starter, &[d]);
        } else if kept < marks.len() {
            marks[kept] = d;
            kept += 1;
        } else {
            overflow = true;
        }
    });
    flush(&mut starter, &marks[..kept]);
}

fn is_tone_mark(c: char) -> bool {
    matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
}

/// A mention or keyword as char indices into a [`Folded`] text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Span {
    key: String,
    start: usize,
    end: usize,
}

/// A folded text, each folded char with the byte range of the original
/// char it comes from.
struct Folded {
    chars: Vec<char>,
    spans: Vec<(usize, usize)>,
}

impl Folded {
    fn new(text: &str) -> Folded {
        let mut chars = Vec::with_capacity(text.len());
        let mut spans = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            let span = (i, i + c.len_utf8());
            if c.is_whitespace() {
                if chars.last() != Some(&' ') {
                    chars.push(' ');
                    spans.push(span);
                } else if let Some(last) = spans.last_mut() {
                    last.1 = span.1;
                }
                continue;
            }
            fold_char(c, |f| {
                chars.push(f);
                spans.push(span);
            });
        }
        Folded { chars, spans }
    }

    fn is_word_char(&self, i: usize) -> bool {
        self.chars.get(i).is_some_and(|c| c.is_alphanumeric())
    }

    /// A whole-word match may start or end at `i`: not inside a word.
    fn boundary(&self, i: usize) -> bool {
        !(i > 0 && self.is_word_char(i - 1) && self.is_word_char(i))
    }

    /// Where `pattern` occurs as whole words.
    fn find_all(&self, pattern: &[char]) -> Vec<usize> {
        let n = pattern.len();
        if n == 0 || n > self.chars.len() {
            return Vec::new();
        }
        (0..=self.chars.len() - n)
            .filter(|&i| {
                self.chars[i..i + n] == *pattern && self.boundary(i) && self.boundary(i + n)
            })
            .collect()
    }

    fn inside(mentions: &[Span], i: usize) -> bool {
        mentions.iter().any(|m| m.start <= i && i < m.end)
    }

    /// The clauses: cut at ";" and at a "." that ends a sentence, never
    /// inside a unit's name.
    fn clauses(&self, mentions: &[Span]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in self.chars.iter().enumerate() {
            let ends = match c {
                ';' => true,
                '.' => self.chars.get(i + 1).is_none_or(|n| *n == ' '),
                _ => false,
            };
            if ends && !Self::inside(mentions, i) {
                out.push((start, i));
                start = i + 1;
            }
        }
        out.push((start, self.chars.len()));
        out
    }

    /// Where each of `words` occurs, outside mentions:
    /// (start, end) char indices, in order.
    fn keyword_positions(&self, words: &[&str], mentions: &[Span]) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = words
            .iter()
            .flat_map(|w| {
                let pattern: Vec<char> = w.chars().collect();
                let n = pattern.len();
                self.find_all(&pattern).into_iter().map(move |s| (s, s + n))
            })
            .filter(|(s, _)| !Self::inside(mentions, *s))
            .collect();
        out.sort_unstable();
        out
    }

    fn skip_spaces(&self, mut i: usize, b: usize) -> usize {
        while i < b && self.chars[i] == ' ' {
            i += 1;
        }
        i
    }

    /// Whether the words at `i` are `word` (then where it ends).
    fn word_at(&self, i: usize, b: usize, word: &str) -> Option<usize> {
        let pattern: Vec<char> = word.chars().collect();
        let end = i + pattern.len();
        (end <= b && self.chars[i..end] == *pattern && !self.is_word_char(end)).then_some(end)
    }

    /// After "phối hợp" ending at `end`: past a following "với" or "cùng"
    /// (within two words: "phối hợp chặt chẽ với").
    fn after_with(&self, end: usize, b: usize) -> usize {
        let mut i = self.skip_spaces(end, b);
        for _ in 0..3 {
            for w in ["vơi", "cung"] {
                if let Some(e) = self.word_at(i, b, w) {
                    return e;
                }
            }
            // The next word.
            while i < b && self.is_word_char(i) {
                i += 1;
            }
            i = self.skip_spaces(i, b);
        }
        end
    }

    /// The start of a clause's subject: past a directive ("Giao", "Đề nghị").
    fn after_directive(&self, a: usize, b: usize) -> usize {
        let i = self.skip_spaces(a, b);
        DIRECTIVES
            .iter()
            .find_map(|d| self.word_at(i, b, d))
            .unwrap_or(a)
    }

    /// Whether the text from `from` to `to` ends where a list item may
    /// start: nothing but spaces, or a separator ("," "/" "(" or "và",
    /// "cùng", "hoặc") last.
    fn opens_item(&self, from: usize, to: usize) -> bool {
        let gap: String = self.chars[from..to].iter().collect();
        let gap = gap.trim_end();
        gap.is_empty()
            || gap.ends_with([',', '/', '(', ':'])
            || JOINERS
                .iter()
                .any(|j| gap == *j || gap.ends_with(&format!(" {j}")))
    }

    /// Whether the list goes on after a unit ending at `end`: the clause
    /// ends, or a separator follows (after a parenthesis such as "(cơ
    /// quan thường trực)").
    fn continues_after(&self, end: usize, b: usize) -> bool {
        let mut i = self.skip_spaces(end, b);
        if i < b && self.chars[i] == '(' {
            let mut depth = 0;
            while i < b {
                match self.chars[i] {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                i += 1;
                if depth == 0 {
                    break;
                }
            }
            i = self.skip_spaces(i, b);
        }
        i >= b
            || matches!(self.chars[i], ',' | '/' | ':' | ')')
            || JOINERS.iter().any(|j| self.word_at(i, b, j).is_some())
    }

    /// The run of units listed from `start`: the first may follow an
    /// undeclared group of at most `max_gap` words ending in a separator;
    /// each next one follows a separator; the run ends at a unit followed
    /// by other words, or at `end`.
    fn list_run<'m>(
        &self,
        mentions: &[&'m Span],
        start: usize,
        end: usize,
        max_gap: usize,
    ) -> Vec<&'m Span> {
        let mut run = Vec::new();
        let mut from = start;
        for m in mentions.iter().filter(|m| m.start >= start && m.end <= end) {
            let gap: String = self.chars[from..m.start].iter().collect();
            let words = gap.split_whitespace().count();
            let joined = if run.is_empty() {
                words <= max_gap && self.opens_item(from, m.start)
            } else {
                words <= MAX_GAP_WORDS && self.opens_item(from, m.start)
            };
            if !joined {
                break;
            }
            run.push(*m);
            if !self.continues_after(m.end, end) {
                break;
            }
            from = m.end;
        }
        run
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, short: Option<&str>, aliases: &[&str]) -> Unit {
        Unit {
            name: name.into(),
            short: short.map(Into::into),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn declared() -> BTreeMap<String, Unit> {
        let mut map = BTreeMap::new();
        map.insert(
            "snn".to_string(),
            unit(
                "Sở Nông nghiệp và Phát triển nông thôn",
                Some("Sở NN&PTNT"),
                &["Sở Nông nghiệp và PTNT"],
            ),
        );
        map.insert(
            "svh".to_string(),
            unit("Sở Văn hóa, Thể thao và Du lịch", None, &[]),
        );
        map.insert(
            "vpdp".to_string(),
            unit(
                "Văn phòng Điều phối nông thôn mới tỉnh",
                None,
                &[
                    "Văn phòng điều phối xây dựng nông thôn mới",
                    "Văn phòng Điều phối nông thôn mới",
                ],
            ),
        );
        map.insert(
            "huyen".to_string(),
            unit(
                "Ủy ban nhân dân các huyện, thành phố",
                Some("UBND các huyện, thành phố"),
                &[],
            ),
        );
        map.insert("sct".to_string(), unit("Sở Công Thương", None, &[]));
        map.insert("syt".to_string(), unit("Sở Y tế", None, &[]));
        map.insert("stc".to_string(), unit("Sở Tài chính", None, &[]));
        map.insert(
            "pnn".to_string(),
            unit(
                "Phòng Nông nghiệp và Phát triển nông thôn",
                None,
                &[
                    "Phòng Nông nghiệp và PTNT huyện",
                    "Phòng Nông nghiệp & PTNT huyện",
                ],
            ),
        );
        map
    }

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn unit_keys_are_ascii_words() {
        assert!(is_unit_key("snnmt"));
        assert!(is_unit_key("ubnd_huyen2"));
        assert!(!is_unit_key("Sở Y tế"));
        assert!(!is_unit_key("UBND"));
        assert!(!is_unit_key(""));
    }

    #[test]
    fn keys_become_names_and_text_stays() {
        let mut map = BTreeMap::new();
        map.insert(
            "snnmt".to_string(),
            unit("Sở Nông nghiệp và Môi trường", Some("Sở NN&MT"), &[]),
        );
        let units = Units::new(&map);
        assert_eq!(units.name("snnmt", false), "Sở Nông nghiệp và Môi trường");
        assert_eq!(units.name(" snnmt ", true), "Sở NN&MT");
        assert_eq!(units.name("Các sở, ngành", false), "Các sở, ngành");
    }

    #[test]
    fn spellings_resolve_to_their_unit() {
        let map = declared();
        let units = Units::new(&map);
        assert_eq!(units.resolve("snn"), Some("snn"));
        assert_eq!(units.resolve("Sở NN&PTNT"), Some("snn"));
        // Case, tone-mark placement, spaces and a trailing colon do not matter.
        assert_eq!(units.resolve("sở nông nghiệp  và PTNT:"), Some("snn"));
        assert_eq!(
            units.resolve("Uỷ ban nhân dân các huyện, thành phố"),
            Some("huyen")
        );
        assert_eq!(units.resolve("Phòng Nông nghiệp & PTNT huyện"), Some("pnn"));
        assert_eq!(units.resolve("Các sở, ngành"), None);
        assert_eq!(units.resolve("snnn"), None);
        // A spelling prints as typed.
        assert_eq!(
            units.name("Sở Nông nghiệp và PTNT", false),
            "Sở Nông nghiệp và PTNT"
        );
    }

    #[test]
    fn mentions_are_whole_words_longest_first() {
        let map = declared();
        let units = Units::new(&map);
        let text = "Gửi Phòng Nông nghiệp và PTNT huyện và Sở Y tế dự phòng; Sở Y tếx";
        let found = units.mentions(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].key, "pnn");
        assert_eq!(
            &text[found[0].start..found[0].end],
            "Phòng Nông nghiệp và PTNT huyện"
        );
        assert_eq!(&text[found[1].start..found[1].end], "Sở Y tế");
    }

    #[test]
    fn a_spelling_two_units_share_names_the_first_declared() {
        let mut map = declared();
        map.insert("a_to".into(), unit("Tổ công tác liên ngành", None, &[]));
        map.insert(
            "b_to".into(),
            unit("Tổ liên ngành", None, &["Tổ công tác liên ngành"]),
        );
        let units = Units::new(&map);
        assert_eq!(units.resolve("tổ công tác liên ngành:"), Some("a_to"));
        let found = units.mentions("Tổ công tác liên ngành và Tổ liên ngành");
        let keys: Vec<&str> = found.iter().map(|m| m.key.as_str()).collect();
        assert_eq!(keys, ["a_to", "b_to"]);
        // A copy shares the index and reads the same.
        assert_eq!(units.clone().resolve("Tổ liên ngành"), Some("b_to"));
    }

    #[test]
    fn mentions_among_thousands_of_units_are_each_found() {
        let mut map = declared();
        for i in 0..3_000 {
            map.insert(
                format!("x{i}"),
                unit(&format!("Ủy ban nhân dân xã Số {i}"), None, &[]),
            );
        }
        let units = Units::new(&map);
        let text =
            "Ủy ban nhân dân xã Số 2999 chủ trì, phối hợp với Sở Y tế và Ủy ban nhân dân xã Số 29.";
        let keys: Vec<String> = units.mentions(text).into_iter().map(|m| m.key).collect();
        assert_eq!(keys, ["x2999", "syt", "x29"]);
        assert_eq!(units.resolve("UỶ BAN NHÂN DÂN XÃ SỐ 7"), Some("x7"));
    }

    fn roles(text: &str) -> (Vec<String>, Vec<String>) {
        let map = declared();
        let r = Units::new(&map).roles(text, Reading::Sentence, &[]);
        (r.leads, r.supports)
    }

    #[test]
    fn subject_before_chu_tri_leads_and_partners_cooperate() {
        assert_eq!(
            roles(
                "Sở Văn hóa, Thể thao và Du lịch chủ trì phối hợp với Văn phòng điều phối xây dựng nông thôn mới, các địa phương có phát triển các sản phẩm du lịch cộng đồng tập huấn về kỹ năng."
            ),
            (keys(&["svh"]), keys(&["vpdp"]))
        );
        assert_eq!(
            roles(
                "Văn phòng Điều phối nông thôn mới tỉnh chủ trì phối hợp Sở Y tế, Sở Nông nghiệp và Phát triển nông thôn, Sở Công thương và các sở, ngành liên quan thành lập Đoàn liên ngành; xử lý nghiêm các tổ chức vi phạm."
            ),
            (keys(&["vpdp"]), keys(&["syt", "snn", "sct"]))
        );
    }

    #[test]
    fn several_subjects_and_a_partner_list_ending_at_the_verb() {
        assert_eq!(
            roles(
                "Sở NN&PTNT, Uỷ ban nhân dân các huyện, thành phố phối hợp với các chuyên gia, đơn vị tư vấn tổ chức thực hiện."
            ),
            (keys(&["snn", "huyen"]), vec![])
        );
        assert_eq!(
            roles(
                "Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với các sở, ngành liên quan, Uỷ ban nhân dân các huyện, thành phố triển khai thực hiện, báo cáo Sở Tài chính."
            ),
            (keys(&["snn"]), keys(&["huyen"]))
        );
    }

    #[test]
    fn objects_are_not_roles() {
        // "gửi Văn phòng …" and "tham mưu … Sở Tài chính" name units the
        // subject acts on, not units given the work.
        assert_eq!(
            roles(
                "Uỷ ban nhân dân các huyện, thành phố tổ chức xét chọn các ý tưởng tốt; tổng hợp, gửi Văn phòng Điều phối nông thôn mới tỉnh trước ngày 31/3/2020."
            ),
            (keys(&["huyen"]), vec![])
        );
        assert_eq!(
            roles("Phối hợp với các chuyên gia tổ chức tập huấn cho Sở Y tế, Sở Công Thương."),
            (vec![], vec![])
        );
    }

    #[test]
    fn a_clause_without_subject_continues_the_previous_one() {
        assert_eq!(
            roles(
                "Sở Y tế chủ trì tiếp nhận bản tự công bố sản phẩm. Phối hợp Văn phòng điều phối xây dựng nông thôn mới đào tạo, tập huấn."
            ),
            (keys(&["syt"]), keys(&["vpdp"]))
        );
        // A group not declared may open the subject; "Giao" may open a clause.
        assert_eq!(
            roles("Các sở, ngành, Sở Công Thương hướng dẫn, kiểm tra."),
            (keys(&["sct"]), vec![])
        );
        assert_eq!(
            roles(
                "Giao Sở Tài chính chủ trì, phối hợp với Sở Y tế (cơ quan chuyên môn) thẩm định."
            ),
            (keys(&["stc"]), keys(&["syt"]))
        );
    }

    #[test]
    fn the_unit_of_a_section_is_the_implied_subject() {
        let map = declared();
        let units = Units::new(&map);
        let r = units.roles(
            "Chủ trì, phối hợp với Sở Tài chính và các đơn vị liên quan tham mưu bố trí kinh phí.",
            Reading::Sentence,
            &keys(&["snn"]),
        );
        assert_eq!((r.leads, r.supports), (keys(&["snn"]), keys(&["stc"])));
        // A subject of its own overrides the implied one.
        let r = units.roles("Sở Y tế chủ trì.", Reading::Sentence, &keys(&["snn"]));
        assert_eq!(r.leads, keys(&["syt"]));
    }

    #[test]
    fn a_units_line_lists_every_unit_that_carries_the_task_out() {
        let map = declared();
        let units = Units::new(&map);
        let r = units.roles(
            "Sở Nông nghiệp và Phát triển nông thôn chủ trì, phối hợp với Sở Y tế, các sở, ngành liên quan; Uỷ ban nhân dân các huyện, thành phố chủ trì, triển khai thực hiện tại địa phương.",
            Reading::UnitsLine,
            &keys(&["stc"]),
        );
        assert_eq!(
            (r.leads, r.supports),
            (keys(&["snn", "huyen"]), keys(&["syt"]))
        );
        let r = units.roles(
            "Sở Công Thương, Trung tâm Xúc tiến thuộc Sở Tài chính, Uỷ ban nhân dân các huyện, thành phố tham gia thực hiện.",
            Reading::UnitsLine,
            &[],
        );
        assert_eq!(r.leads, keys(&["sct", "huyen"]));
    }

    #[test]
    fn each_char_folds_as_its_normal_forms_say() {
        // The reference: lower case, NFD, tone marks out, NFC; every char
        // of Unicode folds to the same chars without it.
        use unicode_normalization::UnicodeNormalization;
        let reference = |c: char| -> String {
            if matches!(c, '–' | '—' | '‐' | '‑' | '−') {
                return "-".into();
            }
            c.to_lowercase()
                .flat_map(|l| {
                    std::iter::once(l)
                        .nfd()
                        .filter(|d| !is_tone_mark(*d))
                        .nfc()
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut fast = String::new();
            fold_char(c, |f| fast.push(f));
            assert_eq!(fast, reference(c), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn fold_ignores_tone_placement_case_and_spaces() {
        assert_eq!(fold("Uỷ  ban"), fold("ủy ban"));
        assert_eq!(fold("Hoà bình"), fold("hòa bình"));
        assert_ne!(fold("Sở"), fold("So"));
        assert_eq!(fold("phối hợp"), "phôi hơp");
    }
}
