//! The header zone of NĐ 30 (elements 1–5): the issuer (with the body
//! above it), quốc hiệu and tiêu ngữ, "Số: …/…", and the place and date.
//! The two columns may come one after the other, line by line interleaved,
//! or glued on one line ("TỈNH LAI CHÂU Độc lập - Tự do - Hạnh phúc",
//! "Số: 12/KH-UBND Lai Châu, ngày …"): each line is cut at the elements it
//! holds and each piece read alone.

use crate::model::{Issuer, Level};

use super::super::para::{all_caps, squeeze};

/// A date as the header writes it: a draft leaves the day, or the day and
/// the month, blank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateParts {
    pub year: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// What the header says.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub issuer: Issuer,
    /// The issuer's locality was read (not guessed).
    pub named: bool,
    pub number: Option<String>,
    /// The whole ký hiệu after "Số: …/": "KH-UBND".
    pub symbol: Option<String>,
    pub date: DateParts,
    /// "ỦY BAN NHÂN DÂN" read, its locality expected on the next line.
    pending_unit: bool,
}

impl Default for Header {
    fn default() -> Self {
        Header {
            issuer: Issuer {
                level: Level::Province,
                name: String::new(),
                unit_type: None,
                province: None,
                body: "ỦY BAN NHÂN DÂN".into(),
                parent: None,
                symbol: "UBND".into(),
                place: None,
            },
            named: false,
            number: None,
            symbol: None,
            date: DateParts::default(),
            pending_unit: false,
        }
    }
}

const QUOC_HIEU: [&str; 2] = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
];

impl Header {
    /// Reads one line of the header zone; false when no part of it is a
    /// header element.
    pub fn line(&mut self, line: &str) -> bool {
        let pieces = cut(&squeeze(line));
        let mut all = !pieces.is_empty();
        for piece in &pieces {
            all &= self.piece(piece);
        }
        all
    }

    /// Reads the header elements of `line` that stand after other text (a
    /// công văn's subject and the date line copied onto one line), and
    /// from its start too when `from_start`; gives back the other text.
    pub fn split_off(&mut self, line: &str, from_start: bool) -> String {
        let mut rest: Vec<String> = Vec::new();
        for (k, piece) in cut(&squeeze(line)).into_iter().enumerate() {
            let element = (k > 0 || from_start) && self.clone().piece(&piece);
            if element {
                self.piece(&piece);
            } else {
                rest.push(piece);
            }
        }
        rest.join(" ")
    }

    /// Whether `line` would read as header (without reading it).
    pub fn is_header_line(&self, line: &str) -> bool {
        self.clone().line(line)
    }

    fn piece(&mut self, l: &str) -> bool {
        let upper = l.to_uppercase();
        if upper.starts_with("CỘNG HÒA XÃ HỘI")
            || upper.starts_with("CỘNG HOÀ XÃ HỘI")
            || is_motto(l)
        {
            return true;
        }
        if let Some(after) = number_field(l) {
            let (number, symbol) = read_number(after);
            if symbol.is_some() || number.is_some() {
                self.number = number;
                if symbol.is_some() {
                    self.symbol = symbol;
                }
            }
            return true;
        }
        if let Some((place, date)) = date_line(l) {
            self.date = date;
            self.issuer.place = Some(place);
            return true;
        }
        self.split_draft_line(l) || self.issuer_line(l)
    }

    /// Column order in text out of a PDF can part "Số:" from its symbol
    /// and "Lai Châu, ngày" from "tháng … năm …" when the blanks of a
    /// draft leave them on separate lines.
    fn split_draft_line(&mut self, l: &str) -> bool {
        if let Some(sym) = l.strip_prefix('/')
            && self.symbol.is_none()
            && !sym.trim().is_empty()
            && symbol_at(sym).len() == sym.replace(' ', "").len()
            && sym
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '&' || c == ' ')
        {
            self.symbol = Some(symbol_at(sym));
            return true;
        }
        if let Some(place) = l.strip_suffix(", ngày")
            && self.issuer.place.is_none()
            && is_place(place)
        {
            self.issuer.place = Some(place.trim().to_string());
            return true;
        }
        if self.date.year.is_none()
            && let Some(place) = self.issuer.place.clone()
            && l.starts_with("tháng ")
            && let Some((_, date)) = date_line(&format!("{place}, ngày {l}"))
        {
            self.date = date;
            return true;
        }
        false
    }

    /// "ỦY BAN NHÂN DÂN", "TỈNH LAI CHÂU", "ỦY BAN NHÂN DÂN HUYỆN …", and a
    /// line above the issuer.
    fn issuer_line(&mut self, l: &str) -> bool {
        if !all_caps(l) {
            return false;
        }
        let u = l.replace("UỶ", "ỦY").replace("HOÀ", "HÒA");
        if u == "ỦY BAN NHÂN DÂN" || u == "UBND" {
            self.pending_unit = true;
            return true;
        }
        if let Some(rest) = u
            .strip_prefix("ỦY BAN NHÂN DÂN ")
            .or_else(|| u.strip_prefix("UBND "))
        {
            return self.locality(rest);
        }
        if self.pending_unit && self.locality(&u) {
            self.pending_unit = false;
            return true;
        }
        // A line above the issuer (cơ quan chủ quản) or the issuer itself.
        !self.pending_unit
            && !self.named
            && self.issuer.parent.is_none()
            && u.split_whitespace().count() <= 8
            && self.locality(&u)
    }

    /// "TỈNH LAI CHÂU", "HUYỆN TỦA CHÙA", "THÀNH PHỐ …" into the issuer.
    pub fn locality(&mut self, upper: &str) -> bool {
        match locality(upper) {
            Some((level, name, unit_type)) => {
                self.issuer.level = level;
                self.issuer.name = name;
                self.issuer.unit_type = unit_type;
                self.named = true;
                true
            }
            None => false,
        }
    }
}

/// "TỈNH LAI CHÂU" → the level, the name, and the unit's noun where it is
/// not the level's default.
pub fn locality(upper: &str) -> Option<(Level, String, Option<String>)> {
    for (prefix, level, unit_type) in [
        ("TỈNH ", Level::Province, None),
        ("THÀNH PHỐ ", Level::Province, Some("thành phố")),
        ("HUYỆN ", Level::District, None),
        ("THỊ XÃ ", Level::District, Some("thị xã")),
        ("XÃ ", Level::Commune, None),
        ("PHƯỜNG ", Level::Commune, Some("phường")),
        ("THỊ TRẤN ", Level::Commune, Some("thị trấn")),
        ("ĐẶC KHU ", Level::Commune, Some("đặc khu")),
    ] {
        if let Some(name) = upper.strip_prefix(prefix) {
            let name = title_case(name);
            if name.is_empty() || name.chars().any(|c| c.is_ascii_digit() || c == ':') {
                return None;
            }
            return Some((level, name, unit_type.map(str::to_string)));
        }
    }
    None
}

/// "Độc lập - Tự do - Hạnh phúc", with any dash.
fn is_motto(l: &str) -> bool {
    let letters: String = l.chars().filter(|c| c.is_alphabetic()).collect();
    letters.to_lowercase().starts_with("độclậptựdohạnhphúc")
}

/// The header elements a line holds, cut apart: the quốc hiệu, the tiêu
/// ngữ, "Số: …" and "Place, ngày … năm …" each start a piece.
fn cut(line: &str) -> Vec<String> {
    let mut starts: Vec<usize> = vec![0];
    let upper = line.to_uppercase();
    for q in QUOC_HIEU {
        if let Some(at) = upper.find(q) {
            starts.push(at);
            starts.push(at + q.len());
        }
    }
    if let Some(at) = line.find("Độc lập") {
        starts.push(at);
        if let Some(end) = line[at..].find("Hạnh phúc") {
            starts.push(at + end + "Hạnh phúc".len());
        }
    }
    for (at, _) in line.match_indices("Số") {
        let after = &line[at + "Số".len()..];
        if number_field(&line[at..]).is_some() && !after.starts_with(char::is_alphabetic) {
            starts.push(at);
        }
    }
    if let Some(at) = line.find(", ngày") {
        starts.push(place_start(&line[..at]));
    }
    starts.retain(|&s| s <= line.len() && line.is_char_boundary(s));
    starts.sort_unstable();
    starts.dedup();
    starts.push(line.len());
    starts
        .windows(2)
        .map(|w| line[w[0]..w[1]].trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Where the place before ", ngày" starts: its last capitalised words.
fn place_start(before: &str) -> usize {
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for word in before.split(' ') {
        if !word.is_empty() {
            words.push((at, word));
        }
        at += word.len() + 1;
    }
    let mut start = before.len();
    for (count, (at, word)) in words.into_iter().rev().enumerate() {
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let element = word.contains([':', '/']) || all_caps(word) && letters > 3;
        if !capital || element || count >= 5 {
            break;
        }
        start = at;
    }
    start
}

/// The text after "Số:" (or "Số " before a number or "/").
fn number_field(l: &str) -> Option<&str> {
    let rest = l.strip_prefix("Số")?;
    if let Some(after) = rest.trim_start().strip_prefix(':') {
        return Some(after);
    }
    let after = rest.trim_start();
    (rest.starts_with(' ')
        && after.starts_with(|c: char| c.is_ascii_digit() || c == '/' || c == '…' || c == '.'))
    .then_some(after)
}

/// "1578 /KH-UBND", "…/KH-UBND", "12/QĐ-UBND": the number (None for a
/// draft's blank) and the ký hiệu.
fn read_number(after: &str) -> (Option<String>, Option<String>) {
    let after = after.trim();
    let Some(slash) = after.find('/') else {
        let digits: String = after
            .split_whitespace()
            .next()
            .unwrap_or("")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        return ((!digits.is_empty()).then_some(digits), None);
    };
    let before = &after[..slash];
    let blank = |c: char| c.is_whitespace() || "._…-".contains(c);
    let number: String = before.chars().filter(|c| !blank(*c)).collect();
    if !number.chars().all(|c| c.is_ascii_digit()) {
        return (None, None);
    }
    let symbol = symbol_at(&after[slash + 1..]);
    (
        (!number.is_empty()).then_some(number),
        (!symbol.is_empty()).then_some(symbol),
    )
}

/// The ký hiệu `text` opens with, its stray spaces at a hyphen taken
/// out ("KH- UBND", "KH -UBND" → "KH-UBND"); a word after a hyphen joins
/// only if it is made of a ký hiệu's letters ("KH-" then "Lai Châu" is
/// no "KH-Lai").
fn symbol_at(text: &str) -> String {
    let part = |w: &str| {
        w.chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || "-&.".contains(c))
    };
    let mut out = String::new();
    for w in text.split_whitespace() {
        let joins = out.ends_with('-') || w.starts_with('-');
        if !(out.is_empty() || joins && part(w)) {
            break;
        }
        out.push_str(w);
    }
    out.trim_end_matches([',', ';']).to_string()
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
    place.chars().next().is_some_and(char::is_uppercase)
        && place.split_whitespace().count() <= 6
        && !place.contains([':', '/', ';'])
        && !place.chars().any(|c| c.is_ascii_digit())
}

/// "Lai Châu, ngày 15 tháng 01 năm 2027" (day and month may be blank).
pub fn date_line(l: &str) -> Option<(String, DateParts)> {
    let (place, rest) = l.split_once(", ngày")?;
    let place = place.trim();
    if !is_place(place) {
        return None;
    }
    let (day, rest) = rest.trim().split_once("tháng")?;
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
        DateParts {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lines: &[&str]) -> Header {
        let mut h = Header::default();
        for l in lines {
            assert!(h.line(l), "{l:?} is a header line");
        }
        h
    }

    #[test]
    fn columns_glued_on_one_line_are_read_apart() {
        let h = read(&[
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH LAI CHÂU Độc lập - Tự do - Hạnh phúc",
            "Số: 1578 /KH-UBND Lai Châu, ngày 05 tháng 3 năm 2027",
        ]);
        assert_eq!(h.issuer.name, "Lai Châu");
        assert_eq!(h.number.as_deref(), Some("1578"));
        assert_eq!(h.symbol.as_deref(), Some("KH-UBND"));
        assert_eq!(h.issuer.place.as_deref(), Some("Lai Châu"));
        assert_eq!(
            h.date,
            DateParts {
                year: Some(2027),
                month: Some(3),
                day: Some(5)
            }
        );
    }

    #[test]
    fn a_drafts_number_and_date_on_one_line() {
        let h = read(&[
            "UBND TỈNH LAI CHÂU",
            "Số: /KH-UBND Lai Châu, ngày tháng 01 năm 2027",
        ]);
        assert_eq!(h.number, None);
        assert_eq!(h.symbol.as_deref(), Some("KH-UBND"));
        assert_eq!(h.issuer.place.as_deref(), Some("Lai Châu"));
        assert_eq!(h.date.month, Some(1));
        assert_eq!(h.date.day, None);
    }

    #[test]
    fn stray_spaces_and_dots_in_the_number() {
        assert_eq!(
            read_number(" 1578 / KH-UBND"),
            (Some("1578".into()), Some("KH-UBND".into()))
        );
        assert_eq!(read_number(" ……/QĐ-UBND"), (None, Some("QĐ-UBND".into())));
        for spaced in [" /KH- UBND", " /KH -UBND", " / KH-UBND"] {
            assert_eq!(read_number(spaced), (None, Some("KH-UBND".into())));
        }
        assert_eq!(
            read_number(" /KH- Lai Châu, ngày"),
            (None, Some("KH-".into())),
            "a place is no part of the symbol"
        );
        let mut h = Header::default();
        assert!(h.line("/KH- UBND"));
        assert_eq!(h.symbol.as_deref(), Some("KH-UBND"));
        assert_eq!(
            read_number("12/UBND-KTN"),
            (Some("12".into()), Some("UBND-KTN".into()))
        );
    }

    #[test]
    fn a_place_is_a_name() {
        assert!(date_line("Số: /KH-UBND Lai Châu, ngày tháng 01 năm 2027").is_none());
        assert!(date_line("Lai Châu, ngày 5 tháng 1 năm 2027").is_some());
    }
}
