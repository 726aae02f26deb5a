//! Deadlines written as values (`timeline: { quarters: [2, 3, 4] }`) where
//! ocop prints exactly the author's words; anything else keeps its words.

use crate::model::{Timeline, TimelineFields};

/// The timeline printing `text` (which ends with a period), found among
/// the forms of the schema and proven by rendering it; its fields are
/// those a person writes (a default is left out).
pub fn value(text: &str, year: i32) -> Option<Timeline> {
    let want = text.trim().strip_suffix('.')?;
    candidates(want)
        .into_iter()
        .find(|t| crate::timeline::render(t, year).is_ok_and(|r| r.text == want))
}

fn candidates(want: &str) -> Vec<Timeline> {
    let mut out: Vec<Timeline> = crate::timeline::KEYWORDS
        .iter()
        .map(|k| Timeline::Keyword(k.to_string()))
        .collect();
    let lower = want.to_lowercase();
    if let Some(pos) = lower.find("quý ") {
        let after = &want[pos + "quý ".len()..];
        let join = if after.contains('+') { "+" } else { ", " };
        let quarters: Vec<u8> = after
            .split(|c: char| c == ',' || c == '+' || c.is_whitespace())
            .take_while(|w| w.is_empty() || w.chars().all(|c| "IV".contains(c)))
            .filter(|w| !w.is_empty())
            .filter_map(|w| (1..=4u8).find(|&n| crate::vn::roman(n as u32) == w))
            .collect();
        if !quarters.is_empty() {
            for within in [false, true] {
                for with_year in [false, true] {
                    out.push(Timeline::Fields(TimelineFields {
                        quarters: Some(quarters.clone()),
                        join: (join == "+").then(|| "+".to_string()),
                        within: within.then_some(true),
                        with_year: with_year.then_some(true),
                        ..TimelineFields::default()
                    }));
                }
            }
        }
    }
    if let Some(pos) = lower.find("tháng ") {
        let digits: String = want[pos + "tháng ".len()..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(m) = digits.parse::<u8>() {
            for within in [None, Some(false)] {
                out.push(Timeline::Fields(TimelineFields {
                    month: Some(m),
                    within,
                    ..TimelineFields::default()
                }));
            }
        }
    }
    if let Some(rest) = lower.strip_prefix("trước ngày ") {
        out.push(Timeline::Fields(TimelineFields {
            before: Some(rest.trim().to_string()),
            ..TimelineFields::default()
        }));
    }
    if let Some(rest) = lower.strip_prefix("từ ngày ")
        && let Some((from, to)) = rest.split_once(" đến ngày ")
    {
        out.push(Timeline::Fields(TimelineFields {
            from: Some(from.trim().to_string()),
            to: Some(to.trim().to_string()),
            ..TimelineFields::default()
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    fn value(text: &str, year: i32) -> Option<String> {
        super::value(text, year).map(|t| crate::import::emit::timeline(&t))
    }

    #[test]
    fn values_print_the_words() {
        assert_eq!(
            value("Quý II, III, IV.", 2024).as_deref(),
            Some("{ quarters: [2, 3, 4] }")
        );
        assert_eq!(
            value("Thường xuyên, liên tục trong năm.", 2024).as_deref(),
            Some("continuous")
        );
        assert_eq!(
            value("Trong năm 2024.", 2024).as_deref(),
            Some("whole_year")
        );
        assert_eq!(
            value("Trong tháng 12/2024.", 2024).as_deref(),
            Some("{ month: 12 }")
        );
        assert_eq!(
            value("Trước ngày 30/11/2024.", 2024).as_deref(),
            Some("{ before: 30/11/2024 }")
        );
        assert_eq!(
            value("Trong quý I+II năm 2023.", 2023).as_deref(),
            Some("{ quarters: [1, 2], join: \"+\", within: true }")
        );
        assert_eq!(
            value("Từ ngày 01/02/2027 đến ngày 30/6/2027.", 2027).as_deref(),
            Some("{ from: 01/02/2027, to: 30/6/2027 }")
        );
        // No period, or words of its own: kept as text.
        assert_eq!(value("Quý II", 2024), None);
        assert_eq!(value("Từ khi đăng ký đến khi hoàn thành.", 2024), None);
    }
}
