//! Turns a plan file into the document it describes: numbering (I., 1.,
//! 1.1., a) …), dates, timelines, unit names and punctuation are computed
//! here. References that cannot be resolved become diagnostics; the walk
//! continues so that every problem of the file is reported at once.

use std::collections::BTreeMap;

use crate::diag::{Diagnostic, did_you_mean};
use crate::doc::{Header, Signature};
use crate::load::SourceFile;
use crate::load::yaml_index::{index, join};
use crate::model::{self, Citation, DateStyle, DocDate, Issuer, Numbering, Unit};
use crate::timeline;
use crate::vn::{self, Date};

/// A date as it appears on the header line; drafts leave parts blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl HeaderDate {
    /// The earliest real date the header can mean, for timestamps and rules.
    pub fn earliest(&self) -> Date {
        Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1)).unwrap_or(Date {
            year: self.year,
            month: 1,
            day: 1,
        })
    }
}

/// Resolves a header date, reporting impossible ones.
pub fn header_date(
    file: &SourceFile,
    date: &DocDate,
    path: &str,
) -> Result<HeaderDate, Diagnostic> {
    match date {
        DocDate::Text(t) => timeline::parse_date(t)
            .map(|d| HeaderDate {
                year: d.year,
                month: Some(d.month),
                day: Some(d.day),
            })
            .map_err(|(m, h)| file.error_at(path, m).hint(h)),
        DocDate::Parts { year, month, day } => {
            if !(1900..=2200).contains(year) {
                return Err(file
                    .error_at(&join(path, "year"), format!("năm {year} không hợp lệ"))
                    .hint("viết năm đủ 4 chữ số, ví dụ 2027"));
            }
            match (month, day) {
                (None, Some(_)) => Err(file
                    .error_at(&join(path, "day"), "có ngày nhưng thiếu tháng")
                    .hint("thêm month, hoặc viết cả ngày dạng 15/01/2027")),
                (Some(m), _) if !(1..=12).contains(m) => Err(file
                    .error_at(&join(path, "month"), format!("tháng {m} không có thật"))
                    .hint("tháng chỉ từ 1 đến 12")),
                (Some(m), Some(d)) if Date::new(*year, *m, *d).is_none() => Err(file
                    .error_at(
                        &join(path, "day"),
                        format!("ngày không có thật: {d}/{m}/{year}"),
                    )
                    .hint(format!(
                        "tháng {m}/{year} có {} ngày",
                        vn::days_in_month(*year, *m)
                    ))),
                _ => Ok(HeaderDate {
                    year: *year,
                    month: *month,
                    day: *day,
                }),
            }
        }
    }
}

/// Unit keys are lower-case ASCII words; anything else is literal text.
pub fn is_unit_key(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Shared state of one composition: the source (for positions), the units,
/// and the problems found so far.
pub struct Composer<'a> {
    pub file: &'a SourceFile,
    pub units: &'a BTreeMap<String, Unit>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Composer<'a> {
    pub fn new(file: &'a SourceFile, units: &'a BTreeMap<String, Unit>) -> Self {
        Composer {
            file,
            units,
            diags: Vec::new(),
        }
    }

    pub fn error(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        let d = self.file.error_at(path, message).hint(hint);
        self.diags.push(d);
    }

    /// A unit key resolved to the unit's name (or short form), or free text as typed.
    pub fn unit(&mut self, path: &str, reference: &str, short: bool) -> String {
        let reference = reference.trim();
        if !is_unit_key(reference) {
            return reference.to_string();
        }
        match self.units.get(reference) {
            Some(u) if short => u.short.clone().unwrap_or_else(|| u.name.clone()),
            Some(u) => u.name.clone(),
            None => {
                let hint = match did_you_mean(reference, self.units.keys().map(String::as_str)) {
                    Some(s) => {
                        format!("có phải ý bạn là `{s}`? Đơn vị phải được khai báo trong `units`")
                    }
                    None => format!(
                        "khai báo `{reference}` trong `units` (name, short), hoặc viết tên đầy đủ"
                    ),
                };
                self.error(
                    path,
                    format!("đơn vị `{reference}` chưa được khai báo"),
                    hint,
                );
                reference.to_string()
            }
        }
    }

    pub fn non_empty(&mut self, path: &str, text: &str, what: &str) {
        if text.trim().is_empty() {
            self.error(
                path,
                format!("{what} đang để trống"),
                "điền nội dung hoặc xóa mục này",
            );
        }
    }

    /// The header of a document of kind `type_abbrev` (KH, QĐ …).
    pub fn header(
        &mut self,
        issuer: &Issuer,
        number: &model::DocNumber,
        symbol: String,
        date: HeaderDate,
    ) -> Header {
        let number = number.0.as_deref().map(padded_number);
        Header {
            parent: issuer.parent.as_ref().map(|p| p.to_uppercase()),
            issuer_lines: vec![issuer.body.to_uppercase(), issuer.locality().to_uppercase()],
            number,
            symbol,
            place: issuer.place.clone().unwrap_or_else(|| issuer.name.clone()),
            day: date.day.map(|d| format!("{d:02}")),
            month: date.month.map(vn::month_padded),
            year: date.year,
        }
    }

    pub fn signature(
        &mut self,
        recipients: &[String],
        archive: &str,
        signer: &model::Signer,
        path: &str,
    ) -> Signature {
        let recipients = recipients
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let text = self.unit(&index(&join(path, "recipients"), i), r, true);
                if text.ends_with(';') {
                    text
                } else {
                    format!("{text};")
                }
            })
            .collect();
        let mut authority = Vec::new();
        for (prefix, value) in [
            ("TM", &signer.tm),
            ("TL", &signer.tl),
            ("TUQ", &signer.tuq),
            ("KT", &signer.kt),
            ("Q", &signer.q),
        ] {
            if let Some(v) = value {
                authority.push(format!("{prefix}. {}", v.trim().to_uppercase()));
            }
        }
        if let Some(t) = &signer.title {
            authority.push(t.trim().to_uppercase());
        }
        Signature {
            recipients,
            archive: archive.to_string(),
            authority,
            name: signer.name.trim().to_string(),
        }
    }

    /// "Quyết định số 919/QĐ-TTg ngày 01/8/2022 của Thủ tướng Chính phủ về việc …"
    pub fn citation(&mut self, c: &Citation, path: &str, style: DateStyle) -> String {
        match c {
            Citation::Text(t) => {
                self.non_empty(path, t, "căn cứ");
                t.trim().to_string()
            }
            Citation::Fields(f) => {
                let mut out = f.kind.trim().to_string();
                self.non_empty(&join(path, "kind"), &f.kind, "loại văn bản");
                if let Some(name) = &f.name {
                    out.push(' ');
                    out.push_str(name.trim());
                }
                if let Some(number) = &f.number {
                    out.push_str(" số ");
                    out.push_str(number.trim());
                }
                if let Some(date) = &f.date {
                    match timeline::parse_date(date) {
                        Ok(d) => {
                            out.push_str(" ngày ");
                            out.push_str(&match style {
                                DateStyle::Short => d.short(),
                                DateStyle::Long => d.long(),
                            });
                        }
                        Err((m, h)) => self.error(&join(path, "date"), m, h),
                    }
                }
                if let Some(issuer) = &f.issuer {
                    out.push_str(" của ");
                    out.push_str(issuer.trim());
                }
                if let Some(subject) = &f.subject {
                    out.push(' ');
                    out.push_str(subject.trim());
                }
                out
            }
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

/// Adds a final period unless the text already ends with punctuation.
pub fn with_period(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', ';', ':', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// Ends the last body sentence with "./." as every NĐ 30 form does.
pub fn with_closing_mark(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with("./.") {
        t.to_string()
    } else if let Some(stripped) = t.strip_suffix('.') {
        format!("{stripped}./.")
    } else {
        format!("{t}./.")
    }
}

pub fn with_colon(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(':') {
        t.to_string()
    } else {
        format!("{t}:")
    }
}

/// Dash-list markers by nesting depth.
pub fn list_marker(depth: usize) -> &'static str {
    if depth == 0 { "-" } else { "+" }
}

/// How a section's number is written.
#[derive(Debug, Clone)]
pub struct Numberer {
    /// Arabic numbers from depth 2 down, for 1.1. style labels; None once a
    /// lettered level breaks the chain.
    pub chain: Option<Vec<usize>>,
    pub depth: usize,
}

impl Numberer {
    pub fn label(&self, mode: Numbering, i: usize) -> (String, Numberer) {
        let n = i + 1;
        match mode {
            Numbering::None => (
                String::new(),
                Numberer {
                    chain: None,
                    depth: self.depth + 1,
                },
            ),
            Numbering::Letters => (
                format!("{})", vn::point_letter(i)),
                Numberer {
                    chain: None,
                    depth: self.depth + 1,
                },
            ),
            Numbering::Auto => match (&self.chain, self.depth) {
                (_, 0) => (
                    format!("{}.", vn::roman(n as u32)),
                    Numberer {
                        chain: Some(vec![]),
                        depth: 1,
                    },
                ),
                (Some(chain), _) => {
                    let mut next = chain.clone();
                    next.push(n);
                    let label = next
                        .iter()
                        .map(usize::to_string)
                        .collect::<Vec<_>>()
                        .join(".")
                        + ".";
                    (
                        label,
                        Numberer {
                            chain: Some(next),
                            depth: self.depth + 1,
                        },
                    )
                }
                (None, _) => (
                    "-".into(),
                    Numberer {
                        chain: None,
                        depth: self.depth + 1,
                    },
                ),
            },
        }
    }
}

pub mod body;
pub mod certificate;
pub mod decision;
pub mod dispatch;
pub mod plan;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_numbers_by_depth() {
        let root = Numberer {
            chain: None,
            depth: 0,
        };
        let (l1, n1) = root.label(Numbering::Auto, 3);
        assert_eq!(l1, "IV.");
        let (l2, n2) = n1.label(Numbering::Auto, 0);
        assert_eq!(l2, "1.");
        let (l3, n3) = n2.label(Numbering::Auto, 1);
        assert_eq!(l3, "1.2.");
        let (l4, _) = n3.label(Numbering::Auto, 2);
        assert_eq!(l4, "1.2.3.");
        let (la, na) = n2.label(Numbering::Letters, 4);
        assert_eq!(la, "đ)");
        assert_eq!(na.label(Numbering::Auto, 0).0, "-");
    }

    #[test]
    fn closing_mark_and_periods() {
        assert_eq!(
            with_closing_mark("triển khai thực hiện."),
            "triển khai thực hiện./."
        );
        assert_eq!(
            with_closing_mark("triển khai thực hiện./."),
            "triển khai thực hiện./."
        );
        assert_eq!(
            with_closing_mark("triển khai thực hiện"),
            "triển khai thực hiện./."
        );
        assert_eq!(with_period("Quý II"), "Quý II.");
        assert_eq!(with_period("a;"), "a;");
    }

    #[test]
    fn unit_keys_are_ascii_words() {
        assert!(is_unit_key("snnmt"));
        assert!(is_unit_key("ubnd_huyen2"));
        assert!(!is_unit_key("Sở Y tế"));
        assert!(!is_unit_key("UBND"));
        assert!(!is_unit_key(""));
    }
}
