//! Task timelines as values, written the way plans write them:
//! "Quý II, III, IV", "Trước ngày 30/10/2024", "Trong tháng 12/2024",
//! "Thường xuyên, liên tục trong năm".

use crate::diag::{Diagnostic, quote};
use crate::model::{Timeline, TimelineFields};
use crate::vn::{self, Date, DateError};

#[derive(Debug, Clone, PartialEq)]
pub struct RenderedTimeline {
    pub text: String,
    /// The dates the timeline names, to check against the plan year.
    pub dates: Vec<(&'static str, Date)>,
}

pub const KEYWORDS: [&str; 3] = ["continuous", "whole_year", "year"];

/// The timeline as text, with the dates it names. A problem names its
/// sub-field (`before`, `quarters` …) relative to the timeline.
pub fn render(timeline: &Timeline, year: i32) -> Result<RenderedTimeline, Diagnostic> {
    match timeline {
        Timeline::Keyword(k) => {
            let text = match k.trim() {
                "continuous" => "Thường xuyên, liên tục trong năm".to_string(),
                "whole_year" => format!("Trong năm {year}"),
                "year" => format!("Năm {year}"),
                other => {
                    let hint = match crate::diag::did_you_mean(other, KEYWORDS) {
                        Some(s) => format!("có phải ý bạn là `{s}`? Văn bản tự do viết là {{ text: \"…\" }}"),
                        None => "dùng continuous, whole_year, year, hoặc { text: \"…\" } cho văn bản tự do".into(),
                    };
                    return Err(Diagnostic::error(format!(
                        "không hiểu thời gian `{}`",
                        quote(other)
                    ))
                    .hint(hint));
                }
            };
            Ok(RenderedTimeline {
                text,
                dates: vec![],
            })
        }
        Timeline::Fields(f) => render_fields(f, year),
    }
}

fn problem(field: &str, message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
    Diagnostic::error(message).field(field).hint(hint)
}

/// A date typed as dd/mm/yyyy (or yyyy-mm-dd), with a Vietnamese problem.
pub fn parse_date(text: &str) -> Result<Date, Diagnostic> {
    Date::parse(text).map_err(|e| match e {
        DateError::Format => Diagnostic::error(format!("không đọc được ngày `{}`", quote(text)))
            .hint("viết ngày theo dạng ngày/tháng/năm, ví dụ 30/10/2027"),
        DateError::Impossible { year, month, day } => Diagnostic::error(format!(
            "ngày không có thật: {day}/{month}/{year}"
        ))
        .hint(if month > 12 {
            "tháng chỉ từ 1 đến 12".to_string()
        } else {
            format!(
                "tháng {month}/{year} có {} ngày",
                vn::days_in_month(year, month)
            )
        }),
    })
}

/// [`parse_date`] for a sub-field of a timeline, the problem naming it.
fn date_in(field: &str, text: &str) -> Result<Date, Diagnostic> {
    parse_date(text).map_err(|d| d.within(field))
}

fn render_fields(f: &TimelineFields, year: i32) -> Result<RenderedTimeline, Diagnostic> {
    one_form(f)?;
    if let Some(quarters) = &f.quarters {
        return in_quarters(f, quarters, year);
    }
    if let Some(month) = f.month {
        return in_month(f, month, year);
    }
    if let Some(before) = &f.before {
        let date = date_in("before", before)?;
        return Ok(RenderedTimeline {
            text: format!("Trước ngày {}", date.short()),
            dates: vec![("before", date)],
        });
    }
    if let Some(text) = &f.text {
        return Ok(RenderedTimeline {
            text: text.clone(),
            dates: vec![],
        });
    }
    period(f)
}

/// A timeline is written in exactly one form.
fn one_form(f: &TimelineFields) -> Result<(), Diagnostic> {
    let forms = [
        f.quarters.is_some(),
        f.month.is_some(),
        f.before.is_some(),
        f.from.is_some() || f.to.is_some(),
        f.text.is_some(),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    match forms {
        1 => Ok(()),
        0 => Err(Diagnostic::error("thời gian trống")),
        _ => Err(Diagnostic::error("thời gian có nhiều dạng cùng lúc")),
    }
    .map_err(|d| d.hint("chọn đúng một: quarters, month, before, from/to, hoặc text"))
}

/// "Quý II, III, IV", "Trong quý I+II năm 2024".
fn in_quarters(
    f: &TimelineFields,
    quarters: &[u8],
    year: i32,
) -> Result<RenderedTimeline, Diagnostic> {
    let hint = "ví dụ quarters: [2, 3, 4]";
    if quarters.is_empty() || quarters.iter().any(|q| !(1..=4).contains(q)) {
        return Err(problem("quarters", "quý phải từ 1 đến 4", hint));
    }
    if !quarters.windows(2).all(|w| w[0] < w[1]) {
        return Err(problem(
            "quarters",
            "các quý phải tăng dần và không lặp",
            hint,
        ));
    }
    let within = f.within.unwrap_or(false);
    let list = quarters
        .iter()
        .map(|q| vn::roman(*q as u32))
        .collect::<Vec<_>>()
        .join(f.join.as_deref().unwrap_or(", "));
    let mut text = if within {
        format!("Trong quý {list}")
    } else {
        format!("Quý {list}")
    };
    if f.with_year.unwrap_or(within) {
        text.push_str(&format!(" năm {year}"));
    }
    Ok(RenderedTimeline {
        text,
        dates: vec![],
    })
}

/// "Trong tháng 12/2024", "Tháng 5 năm 2024"; its date is the month's last day.
fn in_month(f: &TimelineFields, month: u8, year: i32) -> Result<RenderedTimeline, Diagnostic> {
    let last = vn::days_in_month(year, month);
    let Some(last) = Date::new(year, month, last) else {
        return Err(problem(
            "month",
            format!("tháng {month} không có thật"),
            "tháng chỉ từ 1 đến 12",
        ));
    };
    let text = if f.within.unwrap_or(true) {
        format!("Trong tháng {month}/{year}")
    } else {
        format!("Tháng {month} năm {year}")
    };
    Ok(RenderedTimeline {
        text,
        dates: vec![("month", last)],
    })
}

/// "Từ ngày 01/3/2024 đến ngày 30/6/2024".
fn period(f: &TimelineFields) -> Result<RenderedTimeline, Diagnostic> {
    let (Some(from), Some(to)) = (&f.from, &f.to) else {
        return Err(problem(
            if f.from.is_some() { "to" } else { "from" },
            "khoảng thời gian cần cả from và to",
            "ví dụ { from: 01/3/2027, to: 30/6/2027 }",
        ));
    };
    let from = date_in("from", from)?;
    let to = date_in("to", to)?;
    if to < from {
        return Err(problem(
            "to",
            "ngày kết thúc trước ngày bắt đầu",
            "đổi chỗ from và to",
        ));
    }
    Ok(RenderedTimeline {
        text: format!("Từ ngày {} đến ngày {}", from.short(), to.short()),
        dates: vec![("from", from), ("to", to)],
    })
}

/// A date or period written inside a sentence ("trước ngày 30/10/2024 để
/// đề nghị …", "hoàn thành trong tháng 10/2020", "Quý II, III",
/// "định kỳ hằng quý"), as [`in_text`] finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct TextDate {
    /// As written: "30/10/2024", "tháng 10/2020", "Quý II, III".
    pub text: String,
    pub what: Written,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Written {
    /// A day. A deadline follows "trước", "đến", "từ", "trong", "hạn",
    /// "chậm nhất", "vào", "sau" ("trước ngày 30/10/2024"); another date is
    /// a fact, such as a cited document's ("… số 07/2021/NQ-HĐND ngày
    /// 22/3/2021"), and may lie in any year.
    Day { date: Date, deadline: bool },
    /// "tháng 10/2020", "tháng 5 năm 2023", or "tháng 10" of the plan's year.
    Month { month: u8, year: Option<i32> },
    /// "Quý II, III", "quý I+II năm 2023".
    Quarters {
        quarters: Vec<u8>,
        year: Option<i32>,
    },
    /// "hằng quý", "hàng tháng", "định kỳ": no date to check.
    Recurring,
    /// A date that cannot be: what is wrong, and how to fix it.
    Impossible { message: String, hint: String },
}

/// Words after which a date is a deadline.
const DEADLINE_MARKERS: [&str; 10] = [
    "trước", "đến", "từ", "tới", "hạn", "nhất", "trong", "vào", "xong", "sau",
];

/// What joins two dates of one range or list when written with a mark.
const RANGE_DASHES: [&str; 6] = ["-", "–", "—", "…", "...", ","];

/// `d/m/yyyy`.
fn is_slash_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split('/').collect();
    matches!(parts[..], [d, m, y] if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4))
}

/// A word holding two dates joined by a mark ("01/02/2027-30/6/2027",
/// "01/02/2027…30/6/2027", "01/02/2027,30/6/2027") as its dates and the
/// mark, so each date is read; any other word as it is.
fn glued_dates(word: &str) -> Vec<&str> {
    let mut run = None;
    for (i, c) in word.char_indices() {
        match (c.is_ascii_digit() || c == '/', run) {
            (true, None) => run = Some(i),
            (false, Some(start)) => {
                run = None;
                if is_slash_date(&word[start..i])
                    && let Some(parts) = split_at_mark(word, i)
                {
                    return parts;
                }
            }
            _ => {}
        }
    }
    vec![word]
}

/// `word` split at byte `i`, where a mark begins, when a date follows it.
fn split_at_mark(word: &str, i: usize) -> Option<Vec<&str>> {
    let rest = &word[i..];
    let after = rest.trim_start_matches(['-', '–', '—', '…', '.', ',', ';']);
    let mark = &rest[..rest.len() - after.len()];
    let end = after
        .find(|c: char| !(c.is_ascii_digit() || c == '/'))
        .unwrap_or(after.len());
    if mark.is_empty() || !is_slash_date(&after[..end]) {
        return None;
    }
    let mut out = vec![&word[..i], mark];
    out.extend(glued_dates(after));
    Some(out)
}

/// The dates and periods written in `text`, in order.
pub fn in_text(text: &str) -> Vec<TextDate> {
    let words = Words::new(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match words.written_at(i) {
            Some((found, len)) => {
                out.extend(found);
                i += len;
            }
            None => i += 1,
        }
    }
    out
}

/// The words of a sentence, as written and with their punctuation
/// trimmed, read for dates and periods.
struct Words<'t> {
    written: Vec<&'t str>,
    /// Without the quotes and brackets around them, nor the punctuation after.
    clean: Vec<&'t str>,
    lower: Vec<std::borrow::Cow<'t, str>>,
}

/// `n` digits, `n` in `len`.
fn digits(s: &str, len: std::ops::RangeInclusive<usize>) -> bool {
    len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

impl<'t> Words<'t> {
    fn new(text: &'t str) -> Self {
        let mut written: Vec<&str> = Vec::new();
        for word in text.split_whitespace() {
            // Only a word with digits can hold two dates.
            if word.bytes().any(|b| b.is_ascii_digit()) {
                written.extend(glued_dates(word));
            } else {
                written.push(word);
            }
        }
        let clean: Vec<&str> = written
            .iter()
            .map(|w| {
                w.trim_start_matches(['(', '"', '“'])
                    .trim_end_matches([',', ';', '.', ':', ')', '"', '”', '!', '?'])
            })
            .collect();
        // Most words are in lower case already: only the others are copied.
        let lower = clean
            .iter()
            .map(|w| {
                let unchanged = |c: char| {
                    let mut l = c.to_lowercase();
                    l.next() == Some(c) && l.next().is_none()
                };
                if !w.chars().all(unchanged) {
                    std::borrow::Cow::Owned(w.to_lowercase())
                } else {
                    std::borrow::Cow::Borrowed(*w)
                }
            })
            .collect();
        Words {
            written,
            clean,
            lower,
        }
    }

    fn len(&self) -> usize {
        self.written.len()
    }

    /// The `i`-th word in lower case, "" past the end.
    fn word(&self, i: usize) -> &str {
        self.lower.get(i).map(|w| w.as_ref()).unwrap_or("")
    }

    /// Words `range` as written, punctuation trimmed, joined by spaces.
    fn quoted(&self, range: std::ops::Range<usize>) -> String {
        self.clean[range].join(" ")
    }

    /// Whether the word before `i` makes a date at `i` a deadline; the end
    /// of a range ("từ 01/02/2027 - 30/6/2027") is one when its start is.
    fn deadline_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        if RANGE_DASHES.contains(&self.written[i - 1]) && i >= 2 && is_slash_date(self.clean[i - 2])
        {
            let start = if i >= 3 && self.word(i - 3) == "ngày" {
                i - 3
            } else {
                i - 2
            };
            return self.deadline_before(start);
        }
        // "trước ngày 30/4/2027, 30/10/2027": a list of deadlines.
        if is_slash_date(self.clean[i - 1]) && self.written[i - 1].ends_with(',') {
            return self.deadline_before(i - 1);
        }
        DEADLINE_MARKERS.contains(&self.word(i - 1))
    }

    /// What is written from word `i`, and how many words it takes; the
    /// date is `None` for a form that names none to check ("trước ngày 20").
    fn written_at(&self, i: usize) -> Option<(Option<TextDate>, usize)> {
        self.slash_date(i)
            .or_else(|| self.spelled_date(i))
            .or_else(|| self.day_of_month(i))
            .or_else(|| self.month(i))
            .or_else(|| self.quarters(i))
            .or_else(|| self.recurring(i))
    }

    /// "30/10/2024", "ngày 30/10/2024".
    fn slash_date(&self, i: usize) -> Option<(Option<TextDate>, usize)> {
        let parts: Vec<&str> = self.clean[i].split('/').collect();
        let [day, month, year] = parts[..] else {
            return None;
        };
        if !(digits(day, 1..=2) && digits(month, 1..=2) && digits(year, 4..=4)) {
            return None;
        }
        let deadline = if i > 0 && self.word(i - 1) == "ngày" {
            self.deadline_before(i - 1)
        } else {
            self.deadline_before(i)
        };
        let found = day_written(self.clean[i], year, month, day, deadline);
        Some((Some(found), 1))
    }

    /// "ngày 01 tháng 8 năm 2022".
    fn spelled_date(&self, i: usize) -> Option<(Option<TextDate>, usize)> {
        let w = |k: usize| self.word(i + k);
        let spelled = w(0) == "ngày"
            && digits(w(1), 1..=2)
            && w(2) == "tháng"
            && digits(w(3), 1..=2)
            && w(4) == "năm"
            && digits(w(5), 4..=4);
        if !spelled {
            return None;
        }
        let text = self.quoted(i..i + 6);
        let found = day_written(&text, w(5), w(3), w(1), self.deadline_before(i));
        Some((Some(found), 6))
    }

    /// "trước ngày 20": a day of the month, checked to exist.
    fn day_of_month(&self, i: usize) -> Option<(Option<TextDate>, usize)> {
        let day = self.word(i + 1);
        if self.word(i) != "ngày"
            || !self.deadline_before(i)
            || !digits(day, 1..=2)
            || self.word(i + 2) == "tháng"
        {
            return None;
        }
        let day: u8 = day.parse().unwrap_or(0);
        let found = (!(1..=31).contains(&day)).then(|| TextDate {
            text: self.quoted(i..i + 2),
            what: Written::Impossible {
                message: format!("ngày {day} không có thật"),
                hint: "ngày trong tháng chỉ từ 1 đến 31".into(),
            },
        });
        Some((found, 2))
    }

    /// "tháng 10/2020", "tháng 5 năm 2023", "tháng 10".
    fn month(&self, i: usize) -> Option<(Option<TextDate>, usize)> {
        if self.word(i) != "tháng" {
            return None;
        }
        let next = self.word(i + 1);
        let (month, year, len) = match next.split_once('/') {
            Some((m, y)) if digits(m, 1..=2) && digits(y, 4..=4) => (m, y.parse().ok(), 2),
            _ if !digits(next, 1..=2) => return None,
            _ if self.word(i + 2) == "năm" && digits(self.word(i + 3), 4..=4) => {
                (next, self.word(i + 3).parse().ok(), 4)
            }
            _ => (next, None, 2),
        };
        let month: u8 = month.parse().unwrap_or(0);
        let what = if (1..=12).contains(&month) {
            Written::Month { month, year }
        } else {
            Written::Impossible {
                message: format!("tháng {month} không có thật"),
                hint: "tháng chỉ từ 1 đến 12".into(),
            }
        };
        let text = self.quoted(i..i + len);
        Some((Some(TextDate { text, what }), len))
    }

    /// "Quý II, III", "quý I+II năm 2023".
    fn quarters(&self, i: usize) -> Option<(Option<TextDate>, usize)> {
        if self.word(i) != "quý" {
            return None;
        }
        let (quarters, bad, mut j) = self.quarter_list(i + 1);
        if j == i + 1 {
            return None;
        }
        let mut year = None;
        if self.word(j) == "năm" && digits(self.word(j + 1), 4..=4) {
            year = self.word(j + 1).parse().ok();
            j += 2;
        }
        let text = self.written[i..j]
            .join(" ")
            .trim_end_matches([',', ';', '.', ':', ')'])
            .to_string();
        let what = if bad.is_empty() {
            Written::Quarters { quarters, year }
        } else {
            Written::Impossible {
                message: format!("quý {} không có", bad.join(", ")),
                hint: "một năm có bốn quý: I, II, III, IV".into(),
            }
        };
        Some((Some(TextDate { text, what }), j - i))
    }

    /// Roman numerals from word `from` ("II, III", "I+II", "II và III"):
    /// the quarters, the numerals that are none, and the word after the list.
    fn quarter_list(&self, from: usize) -> (Vec<u8>, Vec<String>, usize) {
        let mut quarters = Vec::new();
        let mut bad = Vec::new();
        let mut j = from;
        while j < self.len() {
            let token = self.clean[j];
            if token == "và" && !quarters.is_empty() {
                j += 1;
                continue;
            }
            let numerals: Vec<&str> = token
                .split(['+', ',', '-'])
                .filter(|s| !s.is_empty())
                .collect();
            let roman = |n: &&str| n.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
            if numerals.is_empty() || !numerals.iter().all(roman) {
                break;
            }
            for n in numerals {
                match ["I", "II", "III", "IV"].iter().position(|r| *r == n) {
                    Some(q) => quarters.push(q as u8 + 1),
                    None => bad.push(n.to_string()),
                }
            }
            j += 1;
            // "Quý II, III." ends the list with the sentence.
            if self.written[j - 1].ends_with(['.', ';', ':', ')']) {
                break;
            }
        }
        (quarters, bad, j)
    }

    /// "hằng quý", "hàng tháng", "định kỳ": no date to check.
    fn recurring(&self, i: usize) -> Option<(Option<TextDate>, usize)> {
        let (w, next) = (self.word(i), self.word(i + 1));
        let recurring = (matches!(w, "hằng" | "hàng")
            && matches!(next, "quý" | "tháng" | "năm" | "tuần" | "ngày"))
            || (w == "định" && next == "kỳ");
        recurring.then(|| {
            let found = TextDate {
                text: self.quoted(i..i + 2),
                what: Written::Recurring,
            };
            (Some(found), 2)
        })
    }
}

fn day_written(text: &str, year: &str, month: &str, day: &str, deadline: bool) -> TextDate {
    let (year, month, day): (i32, u8, u8) = (
        year.parse().unwrap_or(0),
        month.parse().unwrap_or(0),
        day.parse().unwrap_or(0),
    );
    let what = match Date::new(year, month, day) {
        Some(date) => Written::Day { date, deadline },
        None => Written::Impossible {
            message: format!("ngày không có thật: {day}/{month}/{year}"),
            hint: if !(1..=12).contains(&month) {
                "tháng chỉ từ 1 đến 12".to_string()
            } else {
                format!(
                    "tháng {month}/{year} có {} ngày",
                    vn::days_in_month(year, month)
                )
            },
        },
    };
    TextDate {
        text: text.to_string(),
        what,
    }
}

/// The problems of the dates written in `text`, whose deadlines should fall
/// in `year`: an impossible date is an error, a deadline in another year a
/// warning. Dates that are facts (a cited document's) may be in any year.
pub fn check_text(text: &str, year: Option<i32>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let outside = |y: i32, shown: String| {
        Diagnostic::warning(format!(
            "thời hạn {shown} trong câu nằm ngoài năm kế hoạch {}",
            year.unwrap_or(y)
        ))
        .hint("kiểm tra lại năm; kế hoạch năm nào thường có thời hạn trong năm đó")
    };
    for d in in_text(text) {
        match d.what {
            Written::Impossible { message, hint } => out.push(
                Diagnostic::error(format!("trong câu có {message} (`{}`)", quote(&d.text)))
                    .hint(hint),
            ),
            Written::Day {
                date,
                deadline: true,
            } if year.is_some_and(|y| y != date.year) => out.push(outside(date.year, date.short())),
            Written::Month {
                month,
                year: Some(y),
            } if year.is_some_and(|p| p != y) => out.push(outside(y, format!("tháng {month}/{y}"))),
            Written::Quarters { year: Some(y), .. } if year.is_some_and(|p| p != y) => {
                out.push(outside(y, format!("`{}`", quote(&d.text))))
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(f: TimelineFields) -> Timeline {
        Timeline::Fields(f)
    }

    #[test]
    fn renders_like_the_seeds() {
        let r = |t: Timeline| render(&t, 2024).unwrap().text;
        assert_eq!(
            r(fields(TimelineFields {
                quarters: Some(vec![2, 3, 4]),
                ..Default::default()
            })),
            "Quý II, III, IV"
        );
        assert_eq!(
            r(fields(TimelineFields {
                quarters: Some(vec![1, 2]),
                join: Some("+".into()),
                within: Some(true),
                ..Default::default()
            })),
            "Trong quý I+II năm 2024"
        );
        assert_eq!(
            r(fields(TimelineFields {
                before: Some("30/10/2024".into()),
                ..Default::default()
            })),
            "Trước ngày 30/10/2024"
        );
        assert_eq!(
            r(fields(TimelineFields {
                month: Some(12),
                ..Default::default()
            })),
            "Trong tháng 12/2024"
        );
        assert_eq!(
            r(fields(TimelineFields {
                month: Some(5),
                within: Some(false),
                ..Default::default()
            })),
            "Tháng 5 năm 2024"
        );
        assert_eq!(
            r(Timeline::Keyword("continuous".into())),
            "Thường xuyên, liên tục trong năm"
        );
        assert_eq!(r(Timeline::Keyword("whole_year".into())), "Trong năm 2024");
        assert_eq!(
            r(fields(TimelineFields {
                from: Some("01/3/2024".into()),
                to: Some("30/06/2024".into()),
                ..Default::default()
            })),
            "Từ ngày 01/3/2024 đến ngày 30/6/2024"
        );
    }

    #[test]
    fn refuses_nonsense() {
        let e = |t: Timeline| render(&t, 2024).unwrap_err();
        assert!(
            e(Timeline::Keyword("continous".into()))
                .hint
                .unwrap()
                .contains("continuous")
        );
        assert_eq!(
            e(fields(TimelineFields {
                quarters: Some(vec![5]),
                ..Default::default()
            }))
            .field
            .as_deref(),
            Some("quarters")
        );
        assert_eq!(
            e(fields(TimelineFields {
                before: Some("30/02/2024".into()),
                ..Default::default()
            }))
            .message,
            "ngày không có thật: 30/2/2024"
        );
        assert_eq!(
            e(fields(TimelineFields::default())).message,
            "thời gian trống"
        );
        assert_eq!(
            e(fields(TimelineFields {
                month: Some(2),
                before: Some("1/1/2024".into()),
                ..Default::default()
            }))
            .message,
            "thời gian có nhiều dạng cùng lúc"
        );
    }

    fn written(text: &str) -> Vec<(String, Written)> {
        in_text(text)
            .into_iter()
            .map(|d| (d.text, d.what))
            .collect()
    }

    #[test]
    fn dates_in_sentences_are_found() {
        let found = written(
            "chuyển hồ sơ lên Uỷ ban nhân dân tỉnh trước ngày 30/10/2024 để đề nghị; theo Nghị quyết số 07/2021/NQ-HĐND ngày 22/3/2021.",
        );
        assert_eq!(
            found,
            vec![
                (
                    "30/10/2024".to_string(),
                    Written::Day {
                        date: Date::new(2024, 10, 30).unwrap(),
                        deadline: true
                    }
                ),
                (
                    "22/3/2021".to_string(),
                    Written::Day {
                        date: Date::new(2021, 3, 22).unwrap(),
                        deadline: false
                    }
                ),
            ]
        );
        assert_eq!(
            written("hoàn thành trong tháng 10/2020; Tháng 5 năm 2023"),
            vec![
                (
                    "tháng 10/2020".to_string(),
                    Written::Month {
                        month: 10,
                        year: Some(2020)
                    }
                ),
                (
                    "Tháng 5 năm 2023".to_string(),
                    Written::Month {
                        month: 5,
                        year: Some(2023)
                    }
                ),
            ]
        );
        assert_eq!(
            written("Thời gian: Quý II, III, IV. Trong quý I+II năm 2023, định kỳ hằng quý."),
            vec![
                (
                    "Quý II, III, IV".to_string(),
                    Written::Quarters {
                        quarters: vec![2, 3, 4],
                        year: None
                    }
                ),
                (
                    "quý I+II năm 2023".to_string(),
                    Written::Quarters {
                        quarters: vec![1, 2],
                        year: Some(2023)
                    }
                ),
                ("định kỳ".to_string(), Written::Recurring),
                ("hằng quý".to_string(), Written::Recurring),
            ]
        );
        // "36 tháng trong năm", "ngày chứng nhận" name no date.
        assert!(written("hết hạn 36 tháng trong năm 2027 kể từ ngày chứng nhận").is_empty());
    }

    #[test]
    fn two_dates_of_a_range_are_two_dates() {
        let days = |t: &str| -> Vec<(String, bool)> {
            in_text(t)
                .into_iter()
                .map(|d| match d.what {
                    Written::Day { deadline, .. } => (d.text, deadline),
                    other => panic!("{other:?}"),
                })
                .collect()
        };
        let both = |deadline| {
            vec![
                ("01/02/2027".to_string(), deadline),
                ("30/6/2027".to_string(), deadline),
            ]
        };
        for joined in ["-", "–", "—", "…", "...", ","] {
            let text = format!("thực hiện từ 01/02/2027{joined}30/6/2027.");
            assert_eq!(days(&text), both(true), "{text}");
            let text = format!("thực hiện từ ngày 01/02/2027 {joined} 30/6/2027.");
            assert_eq!(days(&text), both(true), "{text}");
        }
        assert_eq!(days("(01/02/2027-30/6/2027)"), both(false));
        // The second of two glued dates is checked like any other.
        let problems = check_text("từ 01/02/2027-31/6/2027", Some(2027));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.contains("31/6/2027"));
    }

    #[test]
    fn dates_in_sentences_are_checked() {
        let problems = |t: &str| {
            check_text(t, Some(2024))
                .into_iter()
                .map(|d| (d.is_error(), d.message))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            problems("cấp huyện trước ngày 30/9/2024, cấp tỉnh trước ngày 30/11/2023"),
            vec![(
                false,
                "thời hạn 30/11/2023 trong câu nằm ngoài năm kế hoạch 2024".to_string()
            )]
        );
        assert_eq!(
            problems("trước ngày 31/02/2024"),
            vec![(
                true,
                "trong câu có ngày không có thật: 31/2/2024 (`31/02/2024`)".to_string()
            )]
        );
        assert_eq!(
            problems("trong tháng 13/2024; Quý V"),
            vec![
                (
                    true,
                    "trong câu có tháng 13 không có thật (`tháng 13/2024`)".to_string()
                ),
                (true, "trong câu có quý V không có (`Quý V`)".to_string()),
            ]
        );
        // A cited document's date may be in any year.
        assert!(problems("Quyết định số 148/QĐ-TTg ngày 24/02/2023").is_empty());
        assert_eq!(problems("trong tháng 10/2023").len(), 1);
    }
}
