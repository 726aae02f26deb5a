//! Communes and wards after the 2025 reorganisation, as data: for each
//! province, its units from 01/7/2025 and the former units each was made
//! of (`data/communes-2025.tsv`, whose header says where it comes from).
//! An office may give its own table in the same form instead.
//!
//! Names are compared the way people type them: case, spacing and the
//! placement of tone marks aside ("xã Pa Ủ" is "Xã Pa ủ").

use std::collections::HashMap;

use crate::units::fold;
use crate::vn::Date;

/// The built-in table.
pub const BUILTIN: &str = include_str!("../data/communes-2025.tsv");

/// From this day the units of the table are the only ones.
pub const REORGANISED: Date = Date {
    year: 2025,
    month: 7,
    day: 1,
};

/// A former unit, as the table names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Former {
    /// "Xã San Thàng"
    pub name: String,
    /// "Thành phố Lai Châu"
    pub district: String,
    pub province: String,
    /// Only part of it went into this unit.
    pub partly: bool,
}

/// The units of one province.
#[derive(Debug, Clone, Default)]
pub struct Province {
    /// "Tỉnh Lai Châu"
    pub name: String,
    /// Current units by folded name (with and without the type word).
    current: HashMap<String, usize>,
    /// Current units in table order: ("Phường Tân Phong", former units).
    pub units: Vec<(String, Vec<Former>)>,
    /// Former units by folded name: the current units they went into.
    former: HashMap<String, Vec<usize>>,
}

/// What a commune name is in a province.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A unit from 01/7/2025, as the table spells it.
    Current(String),
    /// A unit that no longer exists: the current units it went into.
    Former(Vec<String>),
    Unknown,
}

/// The table: every province's units.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// Where the table comes from, from its header.
    pub source: String,
    provinces: Vec<Province>,
}

/// Type words a unit's name may start with.
const TYPES: [&str; 8] = [
    "xã",
    "phường",
    "đặc khu",
    "thị trấn",
    "tỉnh",
    "thành phố",
    "huyện",
    "quận",
];

/// A name without its type word: "Xã San Thàng" → "san thàng".
pub fn bare(name: &str) -> String {
    let key = fold(name);
    for t in folded_types() {
        if let Some(rest) = key.strip_prefix(t.as_str())
            && rest.starts_with(' ')
        {
            return rest.trim().to_string();
        }
    }
    key
}

/// Whether a commune name says its type ("xã", "phường", "đặc khu", "thị trấn").
pub fn has_type(name: &str) -> bool {
    let key = fold(name);
    folded_types()[..4].iter().any(|t| {
        key.strip_prefix(t.as_str())
            .is_some_and(|r| r.starts_with(' '))
    })
}

/// [`TYPES`] folded, once: `bare` runs for every unit of the table and
/// every register row, and folding is the cost of both.
fn folded_types() -> &'static [String] {
    static FOLDED: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| TYPES.iter().map(|t| fold(t)).collect());
    &FOLDED
}

impl Table {
    /// Reads a table: `#` lines (the first ones say the source), then one
    /// line per current unit: province, unit, then its former units as
    /// `name|district|province|1 if only part`. Err names the bad line.
    pub fn parse(text: &str) -> Result<Table, (usize, String)> {
        let mut table = Table::default();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if let Some(comment) = line.strip_prefix('#') {
                if table.provinces.is_empty() && !comment.trim().is_empty() {
                    if !table.source.is_empty() {
                        table.source.push(' ');
                    }
                    table.source.push_str(comment.trim());
                }
                continue;
            }
            if line.trim().is_empty() {
                continue;
            }
            let mut fields = line.split('\t');
            let (Some(province), Some(unit)) = (fields.next(), fields.next()) else {
                return Err((i + 1, "dòng cần ít nhất tên tỉnh và tên đơn vị".into()));
            };
            let mut formers = Vec::new();
            for f in fields.filter(|f| !f.trim().is_empty()) {
                let parts: Vec<&str> = f.split('|').collect();
                if parts.len() != 4 {
                    return Err((
                        i + 1,
                        format!("đơn vị cũ `{f}` cần dạng tên|huyện|tỉnh|1 hoặc để trống"),
                    ));
                }
                formers.push(Former {
                    name: parts[0].trim().to_string(),
                    district: parts[1].trim().to_string(),
                    province: parts[2].trim().to_string(),
                    partly: parts[3].trim() == "1",
                });
            }
            let p = *index.entry(bare(province)).or_insert_with(|| {
                table.provinces.push(Province {
                    name: province.trim().to_string(),
                    ..Province::default()
                });
                table.provinces.len() - 1
            });
            table.provinces[p].add(unit.trim(), formers);
        }
        Ok(table)
    }

    /// The built-in table.
    pub fn builtin() -> Table {
        // The built-in data is checked by a test; it always parses.
        Table::parse(BUILTIN).unwrap_or_default()
    }

    /// A province by its name, with or without "tỉnh"/"thành phố".
    pub fn province(&self, name: &str) -> Option<&Province> {
        let key = bare(name);
        self.provinces.iter().find(|p| bare(&p.name) == key)
    }

    /// The province that held a former province's units ("Bình Thuận" →
    /// "Tỉnh Lâm Đồng"), or the province itself when it is a current one.
    pub fn province_of_former(&self, name: &str) -> Vec<&Province> {
        if let Some(p) = self.province(name) {
            return vec![p];
        }
        let key = bare(name);
        self.provinces
            .iter()
            .filter(|p| {
                p.units
                    .iter()
                    .any(|(_, f)| f.iter().any(|f| bare(&f.province) == key))
            })
            .collect()
    }
}

impl Province {
    fn add(&mut self, unit: &str, formers: Vec<Former>) {
        let i = self.units.len();
        self.current.insert(fold(unit), i);
        self.current.entry(bare(unit)).or_insert(i);
        for f in &formers {
            for key in [fold(&f.name), bare(&f.name)] {
                let v = self.former.entry(key).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
        self.units.push((unit.to_string(), formers));
    }

    /// What `name` is: a current unit, a former one, or neither. A name
    /// typed with its type word must match it ("xã Tân Phong" is not
    /// "Phường Tân Phong").
    pub fn lookup(&self, name: &str) -> Lookup {
        self.lookup_on(name, false)
    }

    /// [`Province::lookup`] for a name written `before` the
    /// reorganisation: then a former unit of that name is the one meant
    /// ("xã Mường Than" of 2024 went into Xã Than Uyên; the Xã Mường Than
    /// of today was made of other communes).
    pub fn lookup_on(&self, name: &str, before: bool) -> Lookup {
        let typed = has_type(name);
        let key = if typed { fold(name) } else { bare(name) };
        let former = self
            .former
            .get(&key)
            .map(|into| Lookup::Former(into.iter().map(|&i| self.units[i].0.clone()).collect()));
        if before && let Some(f) = former {
            return f;
        }
        match self.current.get(&key) {
            Some(&i) => Lookup::Current(self.units[i].0.clone()),
            None => former.unwrap_or(Lookup::Unknown),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_table_reads_whole() {
        let t = Table::parse(BUILTIN).expect("built-in table");
        assert!(t.source.contains("Cục Thống kê"), "{}", t.source);
        assert_eq!(t.provinces.len(), 34);
        let units: usize = t.provinces.iter().map(|p| p.units.len()).sum();
        assert_eq!(units, 3321);
    }

    #[test]
    fn lai_chau_after_the_merger() {
        let t = Table::builtin();
        let p = t.province("Lai Châu").unwrap();
        assert_eq!(p.units.len(), 38);
        assert_eq!(
            p.lookup("phường Tân Phong"),
            Lookup::Current("Phường Tân Phong".into())
        );
        assert_eq!(p.lookup("Sìn Hồ"), Lookup::Current("Xã Sìn Hồ".into()));
        assert_eq!(
            p.lookup("xã San Thàng"),
            Lookup::Former(vec!["Phường Tân Phong".into()])
        );
        assert_eq!(p.lookup("xã Tân Phong"), Lookup::Unknown);
        assert_eq!(p.lookup("Xã Pa ủ"), Lookup::Current("Xã Pa Ủ".into()));
        // A name both a former and a current unit bear: by the date.
        assert_eq!(
            p.lookup("xã Mường Than"),
            Lookup::Current("Xã Mường Than".into())
        );
        assert_eq!(
            p.lookup_on("xã Mường Than", true),
            Lookup::Former(vec!["Xã Than Uyên".into()])
        );
    }

    #[test]
    fn merged_provinces() {
        let t = Table::builtin();
        assert!(t.province("Bình Thuận").is_none());
        let into: Vec<&str> = t
            .province_of_former("tỉnh Bình Thuận")
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(into, ["Tỉnh Lâm Đồng"]);
    }

    #[test]
    fn bad_lines_are_named() {
        assert_eq!(Table::parse("# x\nTỉnh A\n").unwrap_err().0, 2);
        assert!(Table::parse("Tỉnh A\tXã B\tXã C|Huyện D\n").is_err());
    }
}
