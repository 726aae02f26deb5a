//! What a skeleton says for its level and date: the units of the issuer
//! and under it, the legal bases in force, the recipients. Wording of the
//! time: the departments were renamed in 2025, the district level ended
//! on 01/7/2025, the OCOP regime is the one of the document's date.

use serde::Serialize;

use super::{Issuer, Request};
use crate::model::Level;
use crate::regime::{self, DISTRICT_ABOLISHED};
use crate::vn::Date;

/// Agriculture and environment merged into one ministry and one
/// department per province (Bộ, Sở Nông nghiệp và Môi trường) in March
/// 2025; the exact day of each province's change is not verified, so a
/// skeleton uses the first of the month.
const AGRICULTURE_MERGED: Date = Date {
    year: 2025,
    month: 3,
    day: 1,
};

/// Everything the templates read.
#[derive(Debug, Serialize)]
pub struct Ctx {
    #[serde(flatten)]
    pub issuer: Issuer,
    pub year: i32,
    /// "xã Đa Mi", "tỉnh Lâm Đồng".
    pub locality: String,
    /// "Ủy ban nhân dân xã Đa Mi".
    pub body_name: String,
    /// "tỉnh Lâm Đồng", for a commune or district.
    pub province_locality: Option<String>,
    pub units: Vec<Unit>,
    pub roles: Roles,
    /// The full name of the standing unit, for sentences.
    pub standing_name: String,
    pub bases: Vec<Basis>,
    pub recipients: Vec<String>,
    pub duties: Vec<Duty>,
    /// The agriculture ministry of the date, for the decisions' recipients.
    pub ministry: &'static str,
    /// The spreadsheet of a round of certificates.
    pub products_file: String,
    /// The placeholder products of a round.
    pub products: Vec<Product>,
}

#[derive(Debug, Serialize)]
pub struct Unit {
    pub key: &'static str,
    pub name: String,
    pub short: Option<String>,
}

/// Unit keys by what they do in the plan.
#[derive(Debug, Serialize)]
pub struct Roles {
    /// Leads the programme (cơ quan thường trực).
    pub standing: &'static str,
    /// Supports product development: `a, b`.
    pub support: String,
    /// The units under the issuer (communes; or a commune's villages).
    pub lower: &'static str,
    pub trade: &'static str,
    pub evaluator: &'static str,
}

/// A unit's duties in "Tổ chức thực hiện".
#[derive(Debug, Serialize)]
pub struct Duty {
    pub unit: &'static str,
    pub note: Option<&'static str>,
    pub text: String,
}

/// A legal basis: written out, or as text.
#[derive(Debug, Serialize, Default)]
pub struct Basis {
    pub text: Option<String>,
    pub kind: Option<&'static str>,
    pub name: Option<&'static str>,
    pub number: Option<&'static str>,
    pub date: Option<String>,
    pub issuer: Option<&'static str>,
    pub subject: Option<&'static str>,
}

pub fn context(req: &Request, issuer: &Issuer, products_file: &str, products: &[Product]) -> Ctx {
    let day = Date {
        year: req.year,
        month: 1,
        day: 1,
    };
    let locality = format!("{} {}", issuer.unit_type, issuer.name);
    let province_locality = (issuer.province.as_ref())
        .map(|p| format!("{} {p}", issuer.province_type.as_deref().unwrap_or("tỉnh")));
    let body_name = format!("Ủy ban nhân dân {locality}");
    let (units, roles) = units(req.level, issuer, day);
    let standing_name = (units.iter())
        .find(|u| u.key == roles.standing)
        .map(|u| u.name.clone())
        .unwrap_or_default();
    let duties = duties(req.level, &roles, &body_name, req.year);
    let bases = bases(day, province_locality.as_deref());
    let ministry = if day >= AGRICULTURE_MERGED {
        "Bộ Nông nghiệp và Môi trường"
    } else {
        "Bộ Nông nghiệp và Phát triển nông thôn"
    };
    let recipients = recipients(
        req.level,
        issuer,
        province_locality.as_deref(),
        ministry,
        &roles,
    );
    Ctx {
        issuer: issuer.clone(),
        year: req.year,
        locality,
        body_name,
        province_locality,
        units,
        roles,
        standing_name,
        bases,
        recipients,
        duties,
        ministry,
        products_file: products_file.to_string(),
        products: products.to_vec(),
    }
}

fn unit(key: &'static str, name: impl Into<String>, short: Option<&str>) -> Unit {
    Unit {
        key,
        name: name.into(),
        short: short.map(str::to_string),
    }
}

/// The issuer's own units and the ones under it, as named on `day`.
fn units(level: Level, issuer: &Issuer, day: Date) -> (Vec<Unit>, Roles) {
    let t = &issuer.unit_type;
    match level {
        Level::Province => {
            let merged = day >= AGRICULTURE_MERGED;
            let (agri, agri_short) = if merged {
                ("Sở Nông nghiệp và Môi trường", "Sở NN&MT")
            } else {
                ("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT")
            };
            let lower = if day >= DISTRICT_ABOLISHED {
                unit(
                    "ubnd_xa",
                    "Ủy ban nhân dân các xã, phường",
                    Some("UBND các xã, phường"),
                )
            } else {
                unit(
                    "ubnd_huyen",
                    "Ủy ban nhân dân các huyện, thị xã, thành phố",
                    Some("UBND các huyện, thị xã, thành phố"),
                )
            };
            let lower_key = lower.key;
            let units = vec![
                unit("sonn", agri, Some(agri_short)),
                unit("sct", "Sở Công Thương", None),
                unit("skhcn", "Sở Khoa học và Công nghệ", None),
                unit("stc", "Sở Tài chính", None),
                lower,
                unit(
                    "hoi_dong",
                    format!("Hội đồng đánh giá, phân hạng sản phẩm OCOP {t}"),
                    None,
                ),
            ];
            let roles = Roles {
                standing: "sonn",
                support: format!("skhcn, {lower_key}"),
                lower: lower_key,
                trade: "sct",
                evaluator: "hoi_dong",
            };
            (units, roles)
        }
        Level::District => {
            let units = vec![
                unit(
                    "nn",
                    format!("Phòng Nông nghiệp và Phát triển nông thôn {t}"),
                    Some("Phòng NN&PTNT"),
                ),
                unit("kthat", format!("Phòng Kinh tế và Hạ tầng {t}"), None),
                unit("tckh", format!("Phòng Tài chính - Kế hoạch {t}"), None),
                unit(
                    "ubnd_xa",
                    "Ủy ban nhân dân các xã, thị trấn",
                    Some("UBND các xã, thị trấn"),
                ),
                unit(
                    "hoi_dong",
                    format!("Hội đồng đánh giá, phân hạng sản phẩm OCOP {t}"),
                    None,
                ),
            ];
            let roles = Roles {
                standing: "nn",
                support: "ubnd_xa".into(),
                lower: "ubnd_xa",
                trade: "kthat",
                evaluator: "hoi_dong",
            };
            (units, roles)
        }
        Level::Commune => commune_units(issuer, day),
    }
}

fn commune_units(issuer: &Issuer, day: Date) -> (Vec<Unit>, Roles) {
    let ward = issuer.unit_type == "phường";
    let villages = if ward {
        "các tổ dân phố"
    } else {
        "các thôn, tổ dân phố"
    };
    let units = if day >= DISTRICT_ABOLISHED {
        let economy = if ward {
            "Phòng Kinh tế, Hạ tầng và Đô thị"
        } else {
            "Phòng Kinh tế"
        };
        vec![
            unit("kinh_te", economy, None),
            unit("vhxh", "Phòng Văn hóa - Xã hội", None),
            unit("thon", villages, None),
        ]
    } else {
        vec![
            unit(
                "kinh_te",
                "Công chức Địa chính - Nông nghiệp - Xây dựng và Môi trường",
                None,
            ),
            unit("vhxh", "Công chức Văn hóa - Xã hội", None),
            unit("thon", villages, None),
        ]
    };
    let roles = Roles {
        standing: "kinh_te",
        support: "vhxh, thon".into(),
        lower: "thon",
        trade: "kinh_te",
        evaluator: "kinh_te",
    };
    (units, roles)
}

fn duties(level: Level, roles: &Roles, body_name: &str, year: i32) -> Vec<Duty> {
    let report = format!(
        "Chủ trì, theo dõi, đôn đốc và tổng hợp kết quả thực hiện Kế hoạch; báo cáo {body_name} trước ngày 15/12/{year}."
    );
    let mut out = vec![Duty {
        unit: roles.standing,
        note: Some("cơ quan thường trực"),
        text: report,
    }];
    let finance = match level {
        Level::Province => Some("stc"),
        Level::District => Some("tckh"),
        Level::Commune => None,
    };
    if let Some(unit) = finance {
        out.push(Duty {
            unit,
            note: None,
            text: "Tham mưu bố trí kinh phí thực hiện các nhiệm vụ theo quy định.".into(),
        });
    }
    if level == Level::Commune {
        out.push(Duty {
            unit: "vhxh",
            note: None,
            text: "Tuyên truyền về Chương trình OCOP trên hệ thống thông tin cơ sở.".into(),
        });
    }
    out.push(Duty {
        unit: roles.lower,
        note: None,
        text: "Phối hợp triển khai các nhiệm vụ của Kế hoạch; vận động, hướng dẫn các chủ thể tham gia Chương trình.".into(),
    });
    out
}

/// The bases in force on `day`: the local-government law, the programme,
/// the OCOP decision of the regime; for a commune or district, the
/// province's plan.
fn bases(day: Date, province: Option<&str>) -> Vec<Basis> {
    let mut out = Vec::new();
    out.push(if day >= DISTRICT_ABOLISHED {
        Basis {
            kind: Some("Luật"),
            name: Some("Tổ chức chính quyền địa phương"),
            number: Some("72/2025/QH15"),
            date: Some("16/06/2025".into()),
            ..Basis::default()
        }
    } else {
        Basis {
            kind: Some("Luật"),
            name: Some("Tổ chức chính quyền địa phương"),
            date: Some("19/06/2015".into()),
            ..Basis::default()
        }
    });
    if day.year >= 2026 {
        out.push(Basis {
            kind: Some("Nghị quyết"),
            number: Some("257/2025/QH15"),
            issuer: Some("Quốc hội"),
            subject: Some("về Chương trình mục tiêu quốc gia xây dựng nông thôn mới, giảm nghèo bền vững và phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2026 - 2035"),
            ..Basis::default()
        });
    } else if day.year >= 2022 {
        out.push(Basis {
            kind: Some("Quyết định"),
            number: Some("919/QĐ-TTg"),
            date: Some("01/08/2022".into()),
            issuer: Some("Thủ tướng Chính phủ"),
            subject: Some("phê duyệt Chương trình mỗi xã một sản phẩm giai đoạn 2021 - 2025"),
            ..Basis::default()
        });
    }
    let mut regimes: Vec<&regime::Regime> = regime::for_date(day).into_iter().collect();
    // An amendment is cited after the decision it amends.
    if regimes
        .first()
        .is_some_and(|r| r.key == "qd148_as_amended_1489_2025")
    {
        regimes.splice(0..0, regime::by_key("qd148_2023"));
    }
    for r in regimes {
        out.push(Basis {
            kind: Some(r.basis.kind),
            number: Some(r.basis.number),
            date: Some(r.basis.date.short()),
            issuer: Some(r.basis.issuer),
            subject: Some(r.basis.subject),
            ..Basis::default()
        });
    }
    if let Some(p) = province {
        out.push(Basis {
            text: Some(format!(
                "Kế hoạch thực hiện Chương trình OCOP năm {} của Ủy ban nhân dân {p}",
                day.year
            )),
            ..Basis::default()
        });
    }
    out
}

fn recipients(
    level: Level,
    issuer: &Issuer,
    province: Option<&str>,
    ministry: &str,
    roles: &Roles,
) -> Vec<String> {
    let t = &issuer.unit_type;
    let mut out = match (level, province) {
        (Level::Province, _) => {
            let party = if t == "thành phố" {
                "Thành ủy"
            } else {
                "Tỉnh ủy"
            };
            vec![
                format!("{ministry} (b/c)"),
                format!("TT. {party} (b/c)"),
                format!("TT. HĐND {t} (b/c)"),
                format!("Chủ tịch, các PCT UBND {t}"),
            ]
        }
        (_, p) => {
            let party = if level == Level::District {
                "Huyện ủy".to_string()
            } else {
                format!("Đảng ủy {t}")
            };
            let mut v = Vec::new();
            if let Some(p) = p {
                v.push(format!("UBND {p} (b/c)"));
            }
            v.push(format!("TT. {party} (b/c)"));
            v.push(format!("TT. HĐND {t} (b/c)"));
            v.push(format!("Chủ tịch, các PCT UBND {t}"));
            v
        }
    };
    out.push(roles.standing.to_string());
    out.push(roles.lower.to_string());
    out
}

/// A placeholder product of a round.
#[derive(Debug, Clone, Serialize)]
pub struct Product {
    pub stt: usize,
    pub name: String,
    pub owner: String,
    pub address: String,
    pub group: u8,
    /// A score the issuer may recognise under the regime of the round.
    pub score: f64,
}

/// Placeholder products of a round dated `day`: one for each star rank
/// the issuer may recognise then. None when no OCOP regime covers the day.
pub fn products(issuer: &Issuer, level: Level, day: Date) -> Option<Vec<Product>> {
    let regime = regime::for_date(day)?;
    let place = match &issuer.province {
        Some(p) => format!(
            "{} {}, {} {p}",
            issuer.unit_type,
            issuer.name,
            issuer.province_type.as_deref().unwrap_or("tỉnh")
        ),
        None => format!("xã …, {} {}", issuer.unit_type, issuer.name),
    };
    let ordinals = ["thứ nhất", "thứ hai", "thứ ba", "thứ tư"];
    let mut ranks: Vec<u8> = regime.recognisable(level).to_vec();
    ranks.sort_unstable_by(|a, b| b.cmp(a));
    let out: Vec<Product> = ranks
        .iter()
        .zip(ordinals)
        .enumerate()
        .filter_map(|(i, (stars, ordinal))| {
            let min = regime.bands.iter().find(|(_, s)| s == stars)?.0;
            Some(Product {
                stt: i + 1,
                name: format!("Tên sản phẩm {ordinal}"),
                owner: format!("Tên chủ thể {ordinal}"),
                address: place.clone(),
                group: (i % 6) as u8 + 1,
                score: min + 5.0,
            })
        })
        .collect();
    (!out.is_empty()).then_some(out)
}
