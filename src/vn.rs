//! Vietnamese writing conventions used by administrative documents:
//! dates (NĐ 30 zero-padding rule), Roman numerals, the letter sequence of
//! điểm (a b c d đ e g …), number grouping and amounts in words.

use std::fmt;

use time::Month;

/// A real calendar date, as documents write it. The calendar itself
/// (which dates exist, month lengths, leap years) is the `time` crate's;
/// the Vietnamese reading and writing of dates is ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Builds a date, refusing impossible ones (30/02, 31/4, month 13 …).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        let month = Month::try_from(month).ok()?;
        time::Date::from_calendar_date(year, month, day)
            .ok()
            .map(Date::from)
    }

    /// Parses `dd/mm/yyyy` (Vietnamese order) or ISO `yyyy-mm-dd`.
    pub fn parse(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        let parts: Vec<&str> = if text.contains('/') {
            let p: Vec<&str> = text.split('/').collect();
            if p.len() != 3 {
                return Err(DateError::Format);
            }
            vec![p[2], p[1], p[0]]
        } else if text.contains('-') {
            text.split('-').collect()
        } else {
            return Err(DateError::Format);
        };
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
        {
            return Err(DateError::Format);
        }
        let year: i32 = parts[0].parse().map_err(|_| DateError::Format)?;
        let month: u8 = parts[1].parse().map_err(|_| DateError::Format)?;
        let day: u8 = parts[2].parse().map_err(|_| DateError::Format)?;
        if parts[0].len() != 4 {
            return Err(DateError::Format);
        }
        Date::new(year, month, day).ok_or(DateError::Impossible { year, month, day })
    }

    /// Short numeric form used in body text: `01/8/2022`, `24/02/2023`.
    /// Day always two digits; month padded only for 01 and 02, as in the header rule.
    pub fn short(&self) -> String {
        format!("{:02}/{}/{}", self.day, month_padded(self.month), self.year)
    }

    /// Long form: `ngày 01 tháng 8 năm 2022` (without the leading "ngày").
    pub fn long(&self) -> String {
        format!(
            "{:02} tháng {} năm {}",
            self.day,
            month_padded(self.month),
            self.year
        )
    }

    /// The date `months` calendar months later; the day is clamped to the
    /// end of a shorter month (31/01 + 1 month = 28 or 29/02).
    pub fn add_months(&self, months: u32) -> Date {
        let steps = u32::from(self.month.saturating_sub(1)) + months;
        let year = self.year + (steps / 12) as i32;
        let month = Month::January.nth_next((steps % 12) as u8);
        Date {
            year,
            month: month as u8,
            day: self.day.min(month.length(year)),
        }
    }
}

impl From<time::Date> for Date {
    fn from(d: time::Date) -> Date {
        Date {
            year: d.year(),
            month: d.month() as u8,
            day: d.day(),
        }
    }
}

/// NĐ 30: document numbers below 10 get a leading zero ("5" → "05").
pub fn padded_number(n: &str) -> String {
    if n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()) {
        format!("0{n}")
    } else {
        n.to_string()
    }
}

/// A date as a document header shows it: a draft leaves the day, or the
/// day and month, blank for the văn thư to fill in after signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn full(date: Date) -> PartialDate {
        PartialDate {
            year: date.year,
            month: Some(date.month),
            day: Some(date.day),
        }
    }

    /// The date when day and month are both filled in.
    pub fn complete(&self) -> Option<Date> {
        Date::new(self.year, self.month?, self.day?)
    }

    /// The earliest real date the header can mean, for timestamps and rules.
    pub fn earliest(&self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(Date {
            year: self.year,
            month: 1,
            day: 1,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Format,
    Impossible { year: i32, month: u8, day: u8 },
}

/// The number of days of `month` in `year`; 0 for a month that does not exist.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    Month::try_from(month).map_or(0, |m| m.length(year))
}

/// NĐ 30 Phụ lục I II.4.b: months 1 and 2 get a leading zero, others not.
pub fn month_padded(month: u8) -> String {
    if month <= 2 {
        format!("{month:02}")
    } else {
        month.to_string()
    }
}

/// Upper-case Roman numeral (I, II, … ), for mục and quý.
pub fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The letters used to number điểm: the Vietnamese alphabet without the
/// vowels with diacritics (ă â ê ô ơ ư) and without f j w z.
pub const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// The `index`-th point letter (0-based). Past `y` the sequence doubles
/// (aa, ab …), which no real document reaches but must not panic.
pub fn point_letter(index: usize) -> String {
    let n = POINT_LETTERS.len();
    if index < n {
        POINT_LETTERS[index].to_string()
    } else {
        format!(
            "{}{}",
            point_letter(index / n - 1),
            POINT_LETTERS[index % n]
        )
    }
}

/// Groups digits with "." as Vietnamese accounting law requires: 1.250.000.000.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

const DIGIT_WORDS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Reads a group of three digits. `full` forces "không trăm" / "linh" for a
/// group that is not the leading one (1.005 = một nghìn không trăm linh năm).
fn read_group(n: u64, full: bool) -> String {
    let hundreds = n / 100;
    let tens = (n / 10) % 10;
    let units = n % 10;
    let mut words: Vec<&str> = Vec::new();
    if hundreds > 0 || full {
        words.push(DIGIT_WORDS[hundreds as usize]);
        words.push("trăm");
    }
    match tens {
        0 => {
            if units > 0 && (hundreds > 0 || full) {
                words.push("linh");
            }
        }
        1 => words.push("mười"),
        t => {
            words.push(DIGIT_WORDS[t as usize]);
            words.push("mươi");
        }
    }
    match units {
        0 => {}
        1 if tens >= 2 => words.push("mốt"),
        5 if tens >= 1 => words.push("lăm"),
        u => words.push(DIGIT_WORDS[u as usize]),
    }
    words.join(" ")
}

/// A non-negative integer in Vietnamese words, northern usage ("nghìn", "linh").
pub fn number_in_words(n: u64) -> String {
    if n == 0 {
        return "không".to_string();
    }
    const SCALES: [&str; 4] = ["", "nghìn", "triệu", "tỷ"];
    // Split into groups of three from the right.
    let mut groups = Vec::new();
    let mut rest = n;
    while rest > 0 {
        groups.push(rest % 1000);
        rest /= 1000;
    }
    let mut parts: Vec<String> = Vec::new();
    let leading = groups.len() - 1;
    for i in (0..groups.len()).rev() {
        let g = groups[i];
        if g == 0 {
            // "tỷ" must still be said when the groups below it are empty
            // but a higher group exists (1.000.000.000.000 = một nghìn tỷ).
            if i % 3 == 0 && i > 0 && i < leading && parts.last().is_some_and(|p| p != "tỷ") {
                parts.push("tỷ".to_string());
            }
            continue;
        }
        parts.push(read_group(g, i != leading));
        let scale = SCALES[i % 3 + if i % 3 == 0 && i > 0 { 3 } else { 0 }];
        let scale = if i == 0 { "" } else { scale };
        if !scale.is_empty() {
            parts.push(scale.to_string());
        }
    }
    parts.join(" ")
}

/// "Một tỷ, hai trăm năm mươi triệu đồng": the amount in words, first letter
/// capitalised, a comma after each scale word as in accounting vouchers.
pub fn amount_in_words(n: u64) -> String {
    let words = number_in_words(n);
    let mut out = String::new();
    let tokens: Vec<&str> = words.split(' ').collect();
    for (i, t) in tokens.iter().enumerate() {
        out.push_str(t);
        if i + 1 < tokens.len() {
            let is_scale = matches!(*t, "tỷ" | "triệu" | "nghìn");
            out.push_str(if is_scale { ", " } else { " " });
        }
    }
    out.push_str(" đồng");
    capitalise_first(&out)
}

pub fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_nd30_padding() {
        let d = Date::parse("01/8/2022").unwrap();
        assert_eq!(d.short(), "01/8/2022");
        assert_eq!(d.long(), "01 tháng 8 năm 2022");
        assert_eq!(Date::parse("2023-02-24").unwrap().short(), "24/02/2023");
        assert_eq!(
            Date::parse("5/1/2020").unwrap().long(),
            "05 tháng 01 năm 2020"
        );
        assert_eq!(
            Date::parse("29/6/2019").unwrap().long(),
            "29 tháng 6 năm 2019"
        );
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(
            Date::parse("30/02/2027"),
            Err(DateError::Impossible {
                year: 2027,
                month: 2,
                day: 30
            })
        );
        assert!(Date::parse("29/02/2024").is_ok());
        assert!(Date::parse("29/02/2023").is_err());
        assert_eq!(
            Date::parse("31/13/2023").unwrap_err(),
            DateError::Impossible {
                year: 2023,
                month: 13,
                day: 31
            }
        );
        assert_eq!(Date::parse("hôm nay"), Err(DateError::Format));
        assert_eq!(Date::parse("1/1/23"), Err(DateError::Format));
    }

    #[test]
    fn months_are_added_with_clamping() {
        let d = Date::new(2024, 1, 31).unwrap();
        assert_eq!(d.add_months(1), Date::new(2024, 2, 29).unwrap());
        assert_eq!(d.add_months(36), Date::new(2027, 1, 31).unwrap());
        assert_eq!(
            Date::new(2025, 11, 15).unwrap().add_months(3),
            Date::new(2026, 2, 15).unwrap()
        );
        // 31 → 30 in a shorter month; 31/01 → 28/02 in a common year.
        let may = Date::new(2027, 5, 31).unwrap();
        assert_eq!(may.add_months(1), Date::new(2027, 6, 30).unwrap());
        assert_eq!(may.add_months(4), Date::new(2027, 9, 30).unwrap());
        assert_eq!(
            Date::new(2027, 1, 31).unwrap().add_months(1),
            Date::new(2027, 2, 28).unwrap()
        );
        // A certificate's 36 months from a leap day end on 28/02, and a
        // leap day four years on is kept.
        let leap = Date::new(2028, 2, 29).unwrap();
        assert_eq!(leap.add_months(36), Date::new(2031, 2, 28).unwrap());
        assert_eq!(leap.add_months(48), Date::new(2032, 2, 29).unwrap());
        assert_eq!(leap.add_months(0), leap);
        assert_eq!(
            Date::new(2027, 12, 15).unwrap().add_months(1),
            Date::new(2028, 1, 15).unwrap()
        );
    }

    #[test]
    fn leap_days_and_month_lengths() {
        assert!(Date::new(2028, 2, 29).is_some());
        assert!(Date::new(2027, 2, 29).is_none());
        // Century years are leap only every 400 years.
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2100, 2, 29).is_none());
        assert!(Date::new(2027, 4, 31).is_none());
        assert!(Date::new(2027, 0, 1).is_none());
        assert!(Date::new(2027, 1, 0).is_none());
        assert_eq!(days_in_month(2028, 2), 29);
        assert_eq!(days_in_month(2027, 2), 28);
        assert_eq!(days_in_month(2027, 11), 30);
        assert_eq!(days_in_month(2027, 13), 0);
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
    }

    #[test]
    fn point_letters_skip_vowels_with_marks() {
        let seq: Vec<String> = (0..12).map(point_letter).collect();
        assert_eq!(seq.join(" "), "a b c d đ e g h i k l m");
        assert_eq!(point_letter(22), "y");
        assert_eq!(point_letter(23), "aa");
    }

    #[test]
    fn thousands_use_dots() {
        assert_eq!(group_thousands(1_250_000_000), "1.250.000.000");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1000), "1.000");
    }

    #[test]
    fn numbers_in_words() {
        assert_eq!(number_in_words(21), "hai mươi mốt");
        assert_eq!(number_in_words(11), "mười một");
        assert_eq!(number_in_words(15), "mười lăm");
        assert_eq!(number_in_words(25), "hai mươi lăm");
        assert_eq!(number_in_words(105), "một trăm linh năm");
        assert_eq!(number_in_words(1005), "một nghìn không trăm linh năm");
        assert_eq!(number_in_words(1_000_000), "một triệu");
        assert_eq!(number_in_words(1_000_000_000_000), "một nghìn tỷ");
        assert_eq!(number_in_words(2_000_500_000), "hai tỷ năm trăm nghìn");
        assert_eq!(
            number_in_words(1_001_000),
            "một triệu không trăm linh một nghìn"
        );
        assert_eq!(
            amount_in_words(1_250_000_000),
            "Một tỷ, hai trăm năm mươi triệu đồng"
        );
    }
}
