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
    if forms != 1 {
        return Err(Diagnostic::error(if forms == 0 {
            "thời gian trống"
        } else {
            "thời gian có nhiều dạng cùng lúc"
        })
        .hint("chọn đúng một: quarters, month, before, from/to, hoặc text"));
    }
    let within = f.within.unwrap_or(false);
    if let Some(quarters) = &f.quarters {
        if quarters.is_empty() || quarters.iter().any(|q| !(1..=4).contains(q)) {
            return Err(problem(
                "quarters",
                "quý phải từ 1 đến 4",
                "ví dụ quarters: [2, 3, 4]",
            ));
        }
        let mut sorted = quarters.clone();
        sorted.sort_unstable();
        sorted.dedup();
        if sorted != *quarters {
            return Err(problem(
                "quarters",
                "các quý phải tăng dần và không lặp",
                "ví dụ quarters: [2, 3, 4]",
            ));
        }
        let join = f.join.as_deref().unwrap_or(", ");
        let list = quarters
            .iter()
            .map(|q| vn::roman(*q as u32))
            .collect::<Vec<_>>()
            .join(join);
        let mut text = if within {
            format!("Trong quý {list}")
        } else {
            format!("Quý {list}")
        };
        if f.with_year.unwrap_or(within) {
            text.push_str(&format!(" năm {year}"));
        }
        return Ok(RenderedTimeline {
            text,
            dates: vec![],
        });
    }
    if let Some(month) = f.month {
        if !(1..=12).contains(&month) {
            return Err(problem(
                "month",
                format!("tháng {month} không có thật"),
                "tháng chỉ từ 1 đến 12",
            ));
        }
        let text = if f.within.unwrap_or(true) {
            format!("Trong tháng {month}/{year}")
        } else {
            format!("Tháng {month} năm {year}")
        };
        let last = Date::new(year, month, vn::days_in_month(year, month)).expect("valid month");
        return Ok(RenderedTimeline {
            text,
            dates: vec![("month", last)],
        });
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

/// The dates and periods written in `text`, in order.
pub fn in_text(text: &str) -> Vec<TextDate> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let clean: Vec<String> = words
        .iter()
        .map(|w| {
            w.trim_start_matches(['(', '"', '“'])
                .trim_end_matches([',', ';', '.', ':', ')', '"', '”', '!', '?'])
                .to_string()
        })
        .collect();
    let lower: Vec<String> = clean.iter().map(|w| w.to_lowercase()).collect();
    let word = |i: usize| lower.get(i).map(String::as_str).unwrap_or("");
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let deadline_before = |i: usize| i > 0 && DEADLINE_MARKERS.contains(&word(i - 1));
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = word(i);
        // dd/mm/yyyy
        let parts: Vec<&str> = clean[i].split('/').collect();
        if parts.len() == 3
            && digits(parts[0], 1..=2)
            && digits(parts[1], 1..=2)
            && digits(parts[2], 4..=4)
        {
            let deadline = if word(i.wrapping_sub(1)) == "ngày" {
                deadline_before(i - 1)
            } else {
                deadline_before(i)
            };
            out.push(day_written(
                &clean[i], parts[2], parts[1], parts[0], deadline,
            ));
            i += 1;
            continue;
        }
        // ngày 01 tháng 8 năm 2022
        if w == "ngày"
            && digits(word(i + 1), 1..=2)
            && word(i + 2) == "tháng"
            && digits(word(i + 3), 1..=2)
            && word(i + 4) == "năm"
            && digits(word(i + 5), 4..=4)
        {
            let written = clean[i..=i + 5].join(" ");
            out.push(day_written(
                &written,
                word(i + 5),
                word(i + 3),
                word(i + 1),
                deadline_before(i),
            ));
            i += 6;
            continue;
        }
        // trước ngày 20: a day of the month
        if w == "ngày" && deadline_before(i) && digits(word(i + 1), 1..=2) && word(i + 2) != "tháng"
        {
            let day: u8 = word(i + 1).parse().unwrap_or(0);
            if !(1..=31).contains(&day) {
                out.push(TextDate {
                    text: clean[i..=i + 1].join(" "),
                    what: Written::Impossible {
                        message: format!("ngày {day} không có thật"),
                        hint: "ngày trong tháng chỉ từ 1 đến 31".into(),
                    },
                });
            }
            i += 2;
            continue;
        }
        // tháng 10/2020, tháng 5 năm 2023, tháng 10
        if w == "tháng" {
            let next = word(i + 1);
            let mut found = None;
            if let Some((m, y)) = next.split_once('/')
                && digits(m, 1..=2)
                && digits(y, 4..=4)
            {
                found = Some((m.to_string(), y.parse().ok(), 2));
            } else if digits(next, 1..=2) && word(i + 2) == "năm" && digits(word(i + 3), 4..=4) {
                found = Some((next.to_string(), word(i + 3).parse().ok(), 4));
            } else if digits(next, 1..=2) {
                found = Some((next.to_string(), None, 2));
            }
            if let Some((m, year, len)) = found {
                let month: u8 = m.parse().unwrap_or(0);
                let text = clean[i..i + len].join(" ");
                let what = if (1..=12).contains(&month) {
                    Written::Month { month, year }
                } else {
                    Written::Impossible {
                        message: format!("tháng {month} không có thật"),
                        hint: "tháng chỉ từ 1 đến 12".into(),
                    }
                };
                out.push(TextDate { text, what });
                i += len;
                continue;
            }
        }
        // Quý II, III; quý I+II năm 2023
        if w == "quý" {
            let mut quarters = Vec::new();
            let mut bad = Vec::new();
            let mut j = i + 1;
            while j < words.len() {
                let token = clean[j].as_str();
                if token == "và" && !quarters.is_empty() {
                    j += 1;
                    continue;
                }
                let numerals: Vec<&str> = token
                    .split(['+', ',', '-'])
                    .filter(|s| !s.is_empty())
                    .collect();
                if numerals.is_empty()
                    || !numerals
                        .iter()
                        .all(|n| n.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
                {
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
                if words[j - 1].ends_with(['.', ';', ':', ')']) {
                    break;
                }
            }
            if j > i + 1 {
                let mut year = None;
                if word(j) == "năm" && digits(word(j + 1), 4..=4) {
                    year = word(j + 1).parse().ok();
                    j += 2;
                }
                let text = words[i..j]
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
                out.push(TextDate { text, what });
                i = j;
                continue;
            }
        }
        // hằng quý, hàng tháng, định kỳ
        if (matches!(w, "hằng" | "hàng")
            && matches!(word(i + 1), "quý" | "tháng" | "năm" | "tuần" | "ngày"))
            || (w == "định" && word(i + 1) == "kỳ")
        {
            out.push(TextDate {
                text: clean[i..=i + 1].join(" "),
                what: Written::Recurring,
            });
            i += 2;
            continue;
        }
        i += 1;
    }
    out
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
