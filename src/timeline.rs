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
}
