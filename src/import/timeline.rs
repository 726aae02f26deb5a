//! Deadlines written as values (`timeline: { quarters: [2, 3, 4] }`) where
//! ocop prints exactly the author's words; anything else keeps its words.

use super::ir::{Doc, Section, TaskKey};
use crate::model::{Timeline, TimelineFields};

/// Gives each timeline line of the document its value, when one prints
/// its text exactly; otherwise it stays labelled text.
pub fn values(doc: &mut Doc) {
    let year = doc.date.year.unwrap_or(0);
    fn walk(list: &mut [Section], year: i32) {
        for s in list {
            for line in &mut s.task {
                if line.key == TaskKey::Timeline {
                    line.timeline = value(&line.text, year);
                    if line.timeline.is_none() {
                        line.key = TaskKey::Text;
                        if line.label.is_none() {
                            line.label = Some("Thời gian thực hiện".into());
                        }
                    }
                }
            }
            walk(&mut s.sections, year);
        }
    }
    walk(&mut doc.sections, year);
}

/// The YAML of a timeline printing `text` (which ends with a period),
/// found among the forms of the schema and proven by rendering it.
pub fn value(text: &str, year: i32) -> Option<String> {
    let want = text.trim().strip_suffix('.')?;
    candidates(want)
        .into_iter()
        .find(|(t, _)| crate::timeline::render(t, year).is_ok_and(|r| r.text == want))
        .map(|(_, yaml)| yaml)
}

fn candidates(want: &str) -> Vec<(Timeline, String)> {
    let mut out: Vec<(Timeline, String)> = ["continuous", "whole_year", "year"]
        .iter()
        .map(|k| (Timeline::Keyword(k.to_string()), k.to_string()))
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
            let q = quarters
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            for within in [false, true] {
                for with_year in [false, true] {
                    let f = TimelineFields {
                        quarters: Some(quarters.clone()),
                        join: (join == "+").then(|| "+".to_string()),
                        within: Some(within),
                        with_year: Some(with_year),
                        ..TimelineFields::default()
                    };
                    let mut yaml = format!("{{ quarters: [{q}]");
                    if join == "+" {
                        yaml.push_str(", join: \"+\"");
                    }
                    if within {
                        yaml.push_str(", within: true");
                    }
                    if with_year {
                        yaml.push_str(", with_year: true");
                    }
                    yaml.push_str(" }");
                    out.push((Timeline::Fields(f), yaml));
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
            for within in [true, false] {
                let f = TimelineFields {
                    month: Some(m),
                    within: Some(within),
                    ..TimelineFields::default()
                };
                let yaml = if within {
                    format!("{{ month: {m} }}")
                } else {
                    format!("{{ month: {m}, within: false }}")
                };
                out.push((Timeline::Fields(f), yaml));
            }
        }
    }
    if let Some(rest) = lower.strip_prefix("trước ngày ") {
        let d = rest.trim().to_string();
        let f = TimelineFields {
            before: Some(d.clone()),
            ..TimelineFields::default()
        };
        out.push((Timeline::Fields(f), format!("{{ before: {d} }}")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Some("{ quarters: [1, 2], join: \"+\", within: true, with_year: true }")
        );
        // No period, or words of its own: kept as text.
        assert_eq!(value("Quý II", 2024), None);
        assert_eq!(value("Từ khi đăng ký đến khi hoàn thành.", 2024), None);
    }
}
