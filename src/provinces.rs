//! The provinces, as data: the 34 provincial units from 01/7/2025 and the
//! 63 before, with which former provinces went into which new one
//! (`data/provinces-2025.tsv`, whose header names its source). Used to
//! name an issuer right for its date: "Bình Thuận" in 2028 is a province
//! that no longer exists, merged into Lâm Đồng.

use crate::diag::did_you_mean;
use crate::regime::DISTRICT_ABOLISHED;
use crate::units::fold;
use crate::vn::Date;

const TABLE: &str = include_str!("../data/provinces-2025.tsv");

/// A province, as named on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Province {
    /// "Lâm Đồng", "Hồ Chí Minh".
    pub name: String,
    /// "tỉnh" or "thành phố".
    pub kind: String,
}

/// What a name is on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(Province),
    /// A province merged into another from 01/7/2025 (or renamed).
    Merged {
        old: String,
        into: Province,
    },
    /// Not a province; the nearest name, if one is near.
    Unknown {
        near: Option<String>,
    },
}

/// One line of the table.
struct Row {
    name: &'static str,
    kind: &'static str,
    formers: Vec<&'static str>,
}

fn rows() -> impl Iterator<Item = Row> {
    TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut f = l.split('\t');
            let name = f.next().unwrap_or("").trim();
            let kind = f.next().unwrap_or("").trim();
            let formers = f
                .next()
                .unwrap_or("")
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect();
            Row {
                name,
                kind,
                formers,
            }
        })
}

/// `name` without a leading "tỉnh" / "thành phố" / "TP.", folded.
fn key(name: &str) -> String {
    let folded = fold(name);
    for prefix in ["tinh ", "tỉnh ", "thành phố ", "thanh pho ", "tp. ", "tp "] {
        if let Some(rest) = folded.strip_prefix(&fold(prefix)) {
            return rest.trim().to_string();
        }
    }
    folded
}

/// The province `name` names on `day`. Before 01/7/2025 the former
/// provinces are themselves (a merged province's kept name is too; Huế
/// was Thừa Thiên Huế until 01/01/2025).
pub fn lookup(name: &str, day: Date) -> Lookup {
    let wanted = key(name);
    let merged = day >= DISTRICT_ABOLISHED;
    let huế_renamed = Date {
        year: 2025,
        month: 1,
        day: 1,
    };
    for row in rows() {
        let current = Province {
            name: row.name.into(),
            kind: row.kind.into(),
        };
        if key(row.name) == wanted {
            return Lookup::Found(current);
        }
        for former in &row.formers {
            if key(former) != wanted {
                continue;
            }
            // A rename (Thừa Thiên Huế → Huế) is the same unit.
            let renamed = *former == "Thừa Thiên Huế";
            let gone = if renamed {
                day >= huế_renamed
            } else {
                merged
            };
            return if gone {
                Lookup::Merged {
                    old: (*former).into(),
                    into: current,
                }
            } else {
                Lookup::Found(Province {
                    name: (*former).into(),
                    kind: "tỉnh".into(),
                })
            };
        }
    }
    let names: Vec<&str> = rows()
        .flat_map(|r| std::iter::once(r.name).chain(r.formers))
        .collect();
    let plain: Vec<String> = names.iter().map(|n| without_marks(n)).collect();
    let near = did_you_mean(&without_marks(&wanted), plain.iter().map(String::as_str))
        .and_then(|p| plain.iter().position(|q| q == p))
        .map(|i| names[i].to_string());
    Lookup::Unknown { near }
}

/// Lower case without any Vietnamese marks: "Lâm Đồng" → "lam dong".
fn without_marks(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.to_lowercase()
        .nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

/// The provinces on `day`: 34 from 01/7/2025, 63 before.
pub fn all(day: Date) -> Vec<Province> {
    let mut out = Vec::new();
    for row in rows() {
        out.push(Province {
            name: row.name.into(),
            kind: row.kind.into(),
        });
        if day < DISTRICT_ABOLISHED {
            out.extend(
                row.formers
                    .iter()
                    .filter(|f| **f != "Thừa Thiên Huế")
                    .map(|f| Province {
                        name: (*f).into(),
                        kind: "tỉnh".into(),
                    }),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BEFORE: Date = Date {
        year: 2024,
        month: 6,
        day: 1,
    };
    const AFTER: Date = Date {
        year: 2028,
        month: 1,
        day: 1,
    };

    #[test]
    fn thirty_four_after_the_merger_sixty_three_before() {
        assert_eq!(all(AFTER).len(), 34);
        assert_eq!(all(BEFORE).len(), 63);
        let cities = all(AFTER).iter().filter(|p| p.kind == "thành phố").count();
        assert_eq!(cities, 6);
    }

    #[test]
    fn a_merged_province_names_the_one_it_went_into() {
        match lookup("Bình Thuận", AFTER) {
            Lookup::Merged { old, into } => {
                assert_eq!(old, "Bình Thuận");
                assert_eq!(into.name, "Lâm Đồng");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            lookup("tỉnh Bình Thuận", BEFORE),
            Lookup::Found(Province {
                name: "Bình Thuận".into(),
                kind: "tỉnh".into()
            })
        );
        assert!(matches!(lookup("Lâm Đồng", AFTER), Lookup::Found(_)));
        assert!(
            matches!(lookup("TP. Hồ Chí Minh", AFTER), Lookup::Found(p) if p.kind == "thành phố")
        );
        assert!(matches!(
            lookup("Thừa Thiên Huế", AFTER),
            Lookup::Merged { .. }
        ));
    }

    #[test]
    fn a_misspelt_name_is_answered_with_the_nearest() {
        assert_eq!(
            lookup("Lam Dong", AFTER),
            Lookup::Unknown {
                near: Some("Lâm Đồng".into())
            }
        );
    }
}
