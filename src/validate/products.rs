//! The rules of one evaluated product, wherever its row comes from (the
//! YAML or a spreadsheet): name, owner and address present, score in
//! range, typed rank consistent with the score, a rank the issuer may
//! recognise under the regime, a known product group.

use super::checker::Checker;
use crate::diag::Diagnostic;
use crate::load::ProductList;
use crate::load::products::{Field, RowPlace};
use crate::load::yaml::index;
use crate::model::{Level, Product};
use crate::regime::{self, Regime};

/// A product with its computed rank.
#[derive(Debug, Clone)]
pub struct Ranked {
    pub product: Product,
    pub stars: u8,
    /// The group's name (a number 1–6 resolved), if given.
    pub group: Option<String>,
}

/// Where a row comes from, to point problems at it.
#[derive(Debug, Clone, Copy)]
pub enum Origin<'a> {
    /// The row at a field path of the YAML (`decisions[1].products[3]`).
    Yaml(&'a str),
    /// A row of a spreadsheet, and where each of its cells is.
    Sheet(&'a RowPlace),
}

impl Origin<'_> {
    /// How the summary names a skipped row.
    pub fn label(&self) -> String {
        match self {
            Origin::Yaml(path) => path.to_string(),
            Origin::Sheet(place) => place.label(),
        }
    }

    /// Points `d`, whose field is relative to the product, at the row.
    fn locate(&self, c: &Checker<'_>, d: Diagnostic) -> Diagnostic {
        match self {
            Origin::Yaml(path) => {
                let d = d.within(path);
                c.loaded.source.locate(d)
            }
            // The cell of the field, as the spreadsheet program shows it.
            Origin::Sheet(place) => {
                let field = d.field.as_deref().and_then(Field::from_key);
                let mut located = place.error(field, d.message);
                located.severity = d.severity;
                located.hint = d.hint;
                located
            }
        }
    }
}

/// Ranks one product, or says everything wrong with it.
pub fn rank(
    c: &Checker<'_>,
    origin: Origin<'_>,
    p: &Product,
    regime: &Regime,
    level: Level,
) -> Result<Ranked, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    // A YAML list's texts were checked with the rest of the file.
    if let Origin::Sheet(place) = origin
        && let Some((_, errors)) = c
            .glyphless_rows
            .iter()
            .find(|((file, row), _)| *file == place.file && *row == place.row)
    {
        problems.extend(errors.iter().cloned());
    }
    for (field, value, what) in [
        ("name", &p.name, "tên sản phẩm"),
        ("owner", &p.owner, "chủ thể"),
        ("address", &p.address, "địa chỉ"),
    ] {
        if value.trim().is_empty() {
            problems.push(
                Diagnostic::error(format!("thiếu {what}"))
                    .field(field)
                    .hint("điền nội dung"),
            );
        }
    }
    let stars = regime::rank(regime, level, p.score, p.stars)
        .map_err(|list| problems.extend(list))
        .ok();
    let group = match p.group.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        Some(g) => match regime::product_group(g) {
            Ok(name) => Some(name),
            Err(n) => {
                problems.push(
                    Diagnostic::error(format!("không có nhóm sản phẩm số {n}"))
                        .field("group")
                        .hint("nhóm sản phẩm từ 1 đến 6, hoặc ghi tên nhóm"),
                );
                None
            }
        },
        None => None,
    };
    match stars {
        Some(stars) if problems.is_empty() => Ok(Ranked {
            product: p.clone(),
            stars,
            group,
        }),
        _ => Err(problems.into_iter().map(|d| origin.locate(c, d)).collect()),
    }
}

/// The rows of a list with their origins: the YAML's `products` at `path`,
/// or a spreadsheet's.
pub enum Rows<'a> {
    Yaml {
        path: String,
        products: &'a [Product],
    },
    Sheet(&'a ProductList),
}

/// Every row ranked: the good ones, and for each bad one its label and problems.
pub struct RankedRows {
    pub good: Vec<Ranked>,
    pub bad: Vec<(String, Vec<Diagnostic>)>,
}

/// The spreadsheet rows with characters the document font cannot print:
/// refused as the same text in YAML is, rather than left out of the
/// certificate.
pub fn glyphless_rows(
    loaded: &crate::load::Loaded,
    has_glyph: &dyn Fn(char) -> bool,
) -> Vec<((std::path::PathBuf, usize), Vec<Diagnostic>)> {
    let optional = |v: &Option<String>| v.clone().unwrap_or_default();
    let mut out = Vec::new();
    for row in loaded.lists.iter().flat_map(|l| &l.rows) {
        let Ok(p) = &row.product else { continue };
        let errors: Vec<Diagnostic> = [
            ("stt", optional(&p.stt)),
            ("name", p.name.clone()),
            ("owner", p.owner.clone()),
            ("address", p.address.clone()),
            ("group", optional(&p.group)),
            ("number", optional(&p.number)),
            ("note", optional(&p.note)),
        ]
        .into_iter()
        .flat_map(|(field, value)| {
            super::missing_glyphs(&value, has_glyph)
                .into_iter()
                .map(move |d| d.field(field))
        })
        .collect();
        if !errors.is_empty() {
            out.push(((row.place.file.clone(), row.place.row), errors));
        }
    }
    out
}

pub fn rank_rows(c: &Checker<'_>, rows: &Rows<'_>, regime: &Regime) -> RankedRows {
    let mut out = RankedRows {
        good: Vec::new(),
        bad: Vec::new(),
    };
    let level = c.level;
    match rows {
        Rows::Yaml { path, products } => {
            for (i, p) in products.iter().enumerate() {
                let row_path = index(path, i);
                let origin = Origin::Yaml(&row_path);
                match rank(c, origin, p, regime, level) {
                    Ok(r) => out.good.push(r),
                    Err(d) => out.bad.push((origin.label(), d)),
                }
            }
        }
        Rows::Sheet(list) => {
            for row in &list.rows {
                let origin = Origin::Sheet(&row.place);
                match &row.product {
                    Ok(p) => match rank(c, origin, p, regime, level) {
                        Ok(r) => out.good.push(r),
                        Err(d) => out.bad.push((origin.label(), d)),
                    },
                    Err(d) => out.bad.push((origin.label(), d.clone())),
                }
            }
        }
    }
    out
}
