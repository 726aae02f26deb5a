//! Skeletons of new files (`ocop new`): a plan, decisions, certificates
//! with their spreadsheet, or a dispatch, for the issuer, level and year
//! asked for, in the wording of that level and date (the departments,
//! legal bases and lower units of the time), with nothing left over from
//! the examples. Each skeleton checks clean as written, so an official
//! can render it at once and then edit it.
//!
//! Names are checked against the provinces of the date ([`provinces`]):
//! a province merged on 01/7/2025 is refused for a later year with the
//! name it now has. Pure: the command writes the files.

mod asked;
mod content;
mod examples;
mod xlsx;

pub use asked::{Asked, Planned, Refused, SCHEMA_FILE, plan};
pub use examples::EXAMPLES;

use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};

use crate::diag::Diagnostic;
use crate::model::Level;
use crate::provinces::{self, Lookup};
use crate::regime::DISTRICT_ABOLISHED;
use crate::vn::Date;

/// What a new file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Kế hoạch.
    Plan,
    /// Quyết định: the council's founding and the recognition of a round.
    Decisions,
    /// Giấy chứng nhận, with the spreadsheet of the round.
    Certificates,
    /// Công văn.
    Dispatch,
}

impl Kind {
    /// The word the command line takes for each, Vietnamese first.
    pub const WORDS: [(&'static str, &'static str, Kind); 4] = [
        ("ke-hoach", "plan", Kind::Plan),
        ("quyet-dinh", "decision", Kind::Decisions),
        ("giay-chung-nhan", "certificates", Kind::Certificates),
        ("cong-van", "dispatch", Kind::Dispatch),
    ];

    pub fn from_word(word: &str) -> Option<Kind> {
        let word = word.trim().to_lowercase();
        Self::WORDS
            .iter()
            .find(|(vi, en, _)| *vi == word || *en == word)
            .map(|(.., k)| *k)
    }

    /// The Vietnamese word, also the default file name.
    pub fn word(self) -> &'static str {
        Self::WORDS
            .iter()
            .find(|(.., k)| *k == self)
            .map_or("ke-hoach", |(vi, ..)| vi)
    }

    fn template(self) -> &'static str {
        match self {
            Kind::Plan => "ke-hoach.yaml.tera",
            Kind::Decisions => "quyet-dinh.yaml.tera",
            Kind::Certificates => "giay-chung-nhan.yaml.tera",
            Kind::Dispatch => "cong-van.yaml.tera",
        }
    }
}

/// Who issues, and for which year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub kind: Kind,
    pub level: Level,
    /// "Lâm Đồng", "xã Đa Mi", "phường Bảo Lộc": a unit type word in
    /// front is taken as the unit's type.
    pub name: String,
    /// The province of a commune or district.
    pub province: Option<String>,
    pub year: i32,
}

/// A file of a skeleton: its name (the first is the YAML file, named as
/// asked; the others beside it) and its bytes.
#[derive(Debug, Clone)]
pub struct Output {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The issuer of a skeleton, as the YAML names it.
#[derive(Debug, Clone, Serialize)]
pub struct Issuer {
    pub level: &'static str,
    pub name: String,
    /// "tỉnh", "thành phố", "xã", "phường", "đặc khu", "huyện" …
    pub unit_type: String,
    /// Whether `unit_type` differs from the level's default (then written).
    pub unit_type_explicit: bool,
    /// The province of a commune or district, and its type.
    pub province: Option<String>,
    pub province_type: Option<String>,
}

/// The YAML file a skeleton is written to: the name asked for, with
/// `.yaml` added when it has no YAML extension (`ke-hoach-moi` →
/// `ke-hoach-moi.yaml`), so `ocop render` on a folder finds it.
pub fn yaml_file(asked: &Path) -> PathBuf {
    let has_yaml = asked
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if has_yaml {
        return asked.to_path_buf();
    }
    let mut name = asked.as_os_str().to_owned();
    name.push(".yaml");
    PathBuf::from(name)
}

/// This year in Vietnam (UTC+7), read from the clock: the year a skeleton
/// is for unless one is asked.
pub fn this_year() -> i32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let vietnam = i64::try_from(now).unwrap_or(0) + 7 * 3600;
    time::OffsetDateTime::from_unix_timestamp(vietnam).map_or(2026, |t| t.year())
}

/// Years a skeleton is made for.
const YEARS: std::ops::RangeInclusive<i32> = 2021..=2100;

/// The skeleton asked for; `yaml_name` is the file name of the YAML (a
/// spreadsheet beside it is named after it).
pub fn skeleton(req: &Request, yaml_name: &str) -> Result<Vec<Output>, Diagnostic> {
    if !YEARS.contains(&req.year) {
        return Err(
            Diagnostic::error(format!("năm {} nằm ngoài khoảng ocop soạn được", req.year))
                .hint(format!("chọn năm từ {} đến {}", YEARS.start(), YEARS.end())),
        );
    }
    let issuer = issuer(req)?;
    refuse_outside_competence(req, &issuer)?;
    let stem = yaml_name
        .rsplit_once('.')
        .map_or(yaml_name, |(stem, _)| stem)
        .trim_end_matches(".yaml");
    let sheet = format!("{stem}-san-pham.xlsx");
    let products = match req.kind {
        Kind::Decisions | Kind::Certificates => round_products(req, &issuer)?,
        Kind::Plan | Kind::Dispatch => Vec::new(),
    };
    let ctx = content::context(req, &issuer, &sheet, &products);
    let yaml = render(req.kind, &ctx)?;
    let mut out = vec![Output {
        name: yaml_name.to_string(),
        bytes: yaml.into_bytes(),
    }];
    if req.kind == Kind::Certificates {
        out.push(Output {
            name: sheet,
            bytes: xlsx::products(&products),
        });
    }
    Ok(out)
}

/// The placeholder products of a round in June of the year, one per star
/// rank the issuer may then recognise; an error for a year before the
/// OCOP regimes ocop knows.
fn round_products(req: &Request, issuer: &Issuer) -> Result<Vec<content::Product>, Diagnostic> {
    let round = Date {
        year: req.year,
        month: 6,
        day: 15,
    };
    content::products(issuer, req.level, round).ok_or_else(|| {
        Diagnostic::error(format!(
            "chưa có dữ liệu quy định OCOP cho năm {}: quyết định và giấy chứng nhận soạn được từ năm 2023",
            req.year
        ))
        .hint("các quy định đã có bắt đầu từ Quyết định số 148/QĐ-TTg ngày 24/02/2023; với văn bản cũ hơn, soạn kế hoạch hoặc công văn, hoặc ghi legal_regime trong tệp")
    })
}

fn render(kind: Kind, ctx: &content::Ctx) -> Result<String, Diagnostic> {
    let mut tera = Tera::new();
    let templates = [
        ("issuer.yaml.tera", include_str!("issuer.yaml.tera")),
        ("ke-hoach.yaml.tera", include_str!("ke-hoach.yaml.tera")),
        ("quyet-dinh.yaml.tera", include_str!("quyet-dinh.yaml.tera")),
        (
            "giay-chung-nhan.yaml.tera",
            include_str!("giay-chung-nhan.yaml.tera"),
        ),
        ("cong-van.yaml.tera", include_str!("cong-van.yaml.tera")),
    ];
    let failed = |e: tera::Error| {
        Diagnostic::error(format!("lỗi của ocop khi soạn khung tệp: {e}"))
            .hint("đây là lỗi của chương trình; hãy báo cho người phát triển")
    };
    tera.add_raw_templates(templates).map_err(failed)?;
    let context = Context::from_serialize(ctx).map_err(failed)?;
    tera.render(kind.template(), &context).map_err(failed)
}

/// The issuer as the YAML names it, its province checked for the year.
fn issuer(req: &Request) -> Result<Issuer, Diagnostic> {
    let day = Date {
        year: req.year,
        month: 1,
        day: 1,
    };
    let (unit_type, name) = split_type(&req.name, req.level);
    plain_name(&name)?;
    match req.level {
        Level::Province => {
            let p = province(&name, day, "--tinh")?;
            Ok(Issuer {
                level: "province",
                unit_type_explicit: p.kind != "tỉnh",
                unit_type: p.kind,
                name: p.name,
                province: None,
                province_type: None,
            })
        }
        Level::District | Level::Commune => {
            let district = req.level == Level::District;
            if district && day >= DISTRICT_ABOLISHED {
                return Err(Diagnostic::error(format!(
                    "cấp huyện không còn từ ngày 01/7/2025, không soạn được văn bản năm {}",
                    req.year
                ))
                .hint("theo Luật số 72/2025/QH15 chính quyền địa phương chỉ còn cấp tỉnh và cấp xã; chọn --cap tinh hoặc --cap xa, hoặc một năm trước 2025"));
            }
            let Some(parent) = &req.province else {
                return Err(
                    Diagnostic::error(format!("cần tên tỉnh của {unit_type} {name}"))
                        .hint("thêm --tinh <tên tỉnh>, ví dụ --tinh \"Lâm Đồng\""),
                );
            };
            plain_name(parent)?;
            let p = province(parent, day, "--tinh")?;
            let default = if district { "huyện" } else { "xã" };
            Ok(Issuer {
                level: if district { "district" } else { "commune" },
                unit_type_explicit: unit_type != default,
                unit_type,
                name,
                province: Some(p.name),
                province_type: Some(p.kind),
            })
        }
    }
}

/// The province `name` names in the year of `day`, or why not.
fn province(name: &str, day: Date, flag: &str) -> Result<provinces::Province, Diagnostic> {
    match provinces::lookup(name, day) {
        Lookup::Found(p) => Ok(p),
        Lookup::Merged { old, into } => Err(Diagnostic::error(format!(
            "tỉnh {old} không còn trong năm {}: từ ngày 01/7/2025 đã hợp nhất vào {} {}",
            day.year, into.kind, into.name
        ))
        .hint(format!(
            "dùng tên mới: {flag} \"{}\" (Nghị quyết số 202/2025/QH15); với văn bản trước 01/7/2025, chọn năm trước đó",
            into.name
        ))),
        Lookup::Unknown { near } => {
            let hint = match near {
                Some(n) => format!("có phải ý bạn là \"{n}\"? Viết tên có dấu, ví dụ {flag} \"{n}\""),
                None => format!(
                    "viết tên tỉnh, thành phố có dấu, ví dụ {flag} \"Lâm Đồng\"; các tỉnh, thành phố từ 01/7/2025: {}",
                    provinces::all(day)
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            Err(Diagnostic::error(format!("không có tỉnh, thành phố tên \"{name}\"")).hint(hint))
        }
    }
}

/// "xã Đa Mi" → ("xã", "Đa Mi"); a name without a type word takes the
/// level's.
fn split_type(name: &str, level: Level) -> (String, String) {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let types: &[&str] = match level {
        Level::Province => &["thành phố", "tỉnh"],
        Level::District => &["thành phố", "thị xã", "quận", "huyện"],
        Level::Commune => &["đặc khu", "thị trấn", "phường", "xã"],
    };
    let lower = name.to_lowercase();
    for t in types {
        if let Some(rest) = lower.strip_prefix(&format!("{t} ")) {
            let start = name.len() - rest.len();
            return (t.to_string(), name[start..].to_string());
        }
    }
    (level.default_unit_type().to_string(), name)
}

/// A name goes into the YAML as plain text, inside sentences too: only
/// letters, digits, spaces and the marks names use.
fn plain_name(name: &str) -> Result<(), Diagnostic> {
    let bad = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, ' ' | '-' | '.' | '\'')));
    if name.trim().is_empty() {
        return Err(Diagnostic::error("tên đơn vị đang để trống")
            .hint("ví dụ --tinh \"Lâm Đồng\" hoặc --xa \"Đa Mi\" --tinh \"Lâm Đồng\""));
    }
    match bad {
        Some(c) => Err(Diagnostic::error(format!(
            "tên đơn vị \"{name}\" có ký tự `{c}`, không có trong tên địa danh"
        ))
        .hint("chỉ ghi tên địa danh, ví dụ \"Đa Mi\"; sửa thêm trong tệp YAML sau khi tạo")),
        None => Ok(()),
    }
}

/// A commune recognises and certifies nothing, nor founds the council.
fn refuse_outside_competence(req: &Request, issuer: &Issuer) -> Result<(), Diagnostic> {
    if req.level != Level::Commune || matches!(req.kind, Kind::Plan | Kind::Dispatch) {
        return Ok(());
    }
    let province = issuer.province.as_deref().unwrap_or("");
    Err(Diagnostic::error(format!(
        "cấp xã không ban hành {}",
        if req.kind == Kind::Certificates {
            "giấy chứng nhận sản phẩm OCOP"
        } else {
            "quyết định thành lập Hội đồng hay công nhận sản phẩm OCOP"
        }
    ))
    .hint(format!(
        "Hội đồng đánh giá, phân hạng và việc công nhận, cấp giấy chứng nhận thuộc Ủy ban nhân dân cấp tỉnh; cấp xã soạn kế hoạch (ke-hoach) và công văn (cong-van); tỉnh soạn bằng: ocop new {} --tinh \"{province}\" --nam {}",
        req.kind.word(),
        req.year
    )))
}

#[cfg(test)]
mod tests;
