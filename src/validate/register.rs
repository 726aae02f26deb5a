//! Rules of the product register, row by row and across rows: a star
//! rank in the score band of the regime in force on the decision's date
//! (and one a recognition can have), an expiry that is the issue date plus
//! the regime's validity, a known product group, a commune that exists on
//! the decision's date (names as data, `places`), a status with its
//! decision; then the same product recognised twice while its first
//! recognition still runs, a certificate number used twice, and a revoked
//! product recognised again later. What passes is resolved once into
//! [`Entry`]s, the views (rounds, reports, reminders) read.

use std::collections::HashMap;

use super::checker::Checker;
use crate::diag::Diagnostic;
use crate::load::products::{Field, RegisterRow, RowPlace};
use crate::load::yaml::{index, join};
use crate::model::RegisterEntry;
use crate::places::{self, Lookup};
use crate::regime::{self, Class};
use crate::units::fold;
use crate::vn::Date;

/// Default months before expiry a certificate counts as "sắp hết hạn".
pub const EXPIRING_MONTHS: u32 = 6;

/// A register row, checked, resolved.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Where it is: "dòng 7" of the sheet, or `register.products[6]`.
    pub origin: Origin,
    pub name: String,
    pub owner: String,
    pub owner_type: OwnerType,
    pub address: Option<String>,
    /// As typed.
    pub commune: String,
    /// The unit from 01/7/2025 it lies in, when the table knows it.
    pub commune_now: Option<String>,
    pub province: Option<String>,
    pub class: Option<Class>,
    pub score: Option<f64>,
    pub stars: u8,
    pub evaluation: Evaluation,
    pub decision: String,
    pub decision_date: Date,
    pub number: Option<String>,
    pub issue_date: Date,
    pub expiry: Date,
    /// Revoked: the decision's text and its date when it gives one.
    pub revoked: Option<(String, Option<Date>)>,
    pub note: Option<String>,
    /// Folded name and owner: one product.
    pub key: (String, String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    Sheet(RowPlace),
    Yaml(String),
}

impl Origin {
    pub fn label(&self) -> String {
        match self {
            Origin::Sheet(p) => p.label(),
            Origin::Yaml(path) => path.clone(),
        }
    }
}

/// The type of a product's subject (QĐ 26/2026 Điều 2 khoản 3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum OwnerType {
    Cooperative,
    CooperativeGroup,
    Enterprise,
    Household,
    Other,
}

impl OwnerType {
    pub const ALL: [OwnerType; 5] = [
        OwnerType::Cooperative,
        OwnerType::CooperativeGroup,
        OwnerType::Enterprise,
        OwnerType::Household,
        OwnerType::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            OwnerType::Cooperative => "Hợp tác xã",
            OwnerType::CooperativeGroup => "Tổ hợp tác",
            OwnerType::Enterprise => "Doanh nghiệp",
            OwnerType::Household => "Hộ kinh doanh, hộ sản xuất",
            OwnerType::Other => "Khác",
        }
    }

    /// The type a text names ("HTX", "Công ty TNHH …"), if it names one.
    pub fn of(text: &str) -> Option<OwnerType> {
        let key = format!(" {} ", places::bare(text));
        let has = |p: &str| key.contains(&format!(" {} ", fold(p)));
        let starts = |p: &str| key.starts_with(&format!(" {} ", fold(p)));
        if has("tổ hợp tác") || starts("tht") {
            Some(OwnerType::CooperativeGroup)
        } else if has("hợp tác xã") || starts("htx") || has("liên hiệp htx") {
            Some(OwnerType::Cooperative)
        } else if has("doanh nghiệp") || has("công ty") || starts("dn") || starts("cty") {
            Some(OwnerType::Enterprise)
        } else if has("hộ kinh doanh")
            || has("hộ sản xuất")
            || has("hộ gia đình")
            || starts("hkd")
            || has("cơ sở")
            || has("trang trại")
        {
            Some(OwnerType::Household)
        } else {
            None
        }
    }
}

/// How a recognition came about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Evaluation {
    #[default]
    New,
    Again,
    Upgrade,
}

impl Evaluation {
    pub fn name(self) -> &'static str {
        match self {
            Evaluation::New => "Đánh giá lần đầu",
            Evaluation::Again => "Đánh giá lại",
            Evaluation::Upgrade => "Nâng hạng",
        }
    }

    fn of(text: &str) -> Option<Evaluation> {
        let k = fold(text);
        let has = |p: &str| k.contains(&fold(p));
        if has("nâng hạng") || has("nâng sao") || has("thăng hạng") {
            Some(Evaluation::Upgrade)
        } else if has("lại") || has("tái") {
            Some(Evaluation::Again)
        } else if has("lần đầu") || has("mới") {
            Some(Evaluation::New)
        } else {
            None
        }
    }
}

/// The register, checked.
#[derive(Debug, Clone)]
pub struct CheckedRegister {
    pub entries: Vec<Entry>,
    /// The register's file, or the YAML's.
    pub file: std::path::PathBuf,
    pub as_of: Option<Date>,
    pub expiring_months: u32,
    /// Where the names of communes come from.
    pub places_source: String,
    /// Each product's recognitions (indices into `entries`): a later
    /// recognition is found without reading the whole register, which
    /// for 20,000 products would be 400 million comparisons.
    recognitions: HashMap<(String, String), Vec<usize>>,
}

impl CheckedRegister {
    pub fn new(
        entries: Vec<Entry>,
        file: std::path::PathBuf,
        as_of: Option<Date>,
        expiring_months: u32,
        places_source: String,
    ) -> CheckedRegister {
        let mut recognitions: HashMap<(String, String), Vec<usize>> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            recognitions.entry(e.key.clone()).or_default().push(i);
        }
        CheckedRegister {
            entries,
            file,
            as_of,
            expiring_months,
            places_source,
            recognitions,
        }
    }

    /// The recognitions of `e`'s product decided after `e` and by `day`.
    pub fn later(&self, e: &Entry, day: Date) -> impl Iterator<Item = &Entry> {
        self.recognitions
            .get(&e.key)
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
            .filter(move |l| l.decision_date > e.decision_date && l.decision_date <= day)
    }

    /// Whether `e` holds a valid certificate on `day`: issued, not yet
    /// expired, not revoked, not replaced by a later recognition.
    pub fn valid_on(&self, e: &Entry, day: Date) -> bool {
        e.issue_date <= day
            && day < e.expiry
            && e.revoked
                .as_ref()
                .is_none_or(|(_, d)| d.is_some_and(|d| day < d))
            && self.later(e, day).next().is_none()
    }
}

/// A register row before its rules: from a sheet or the YAML.
struct Raw<'a> {
    origin: Origin,
    row: std::borrow::Cow<'a, RegisterRow>,
}

/// Checks the register `register:` describes, if any.
pub fn check(c: &mut Checker<'_>, province: &str) -> Option<CheckedRegister> {
    let model = c.loaded.model.as_ref()?;
    let spec = model.register.as_ref()?;
    let mut raws = Vec::new();
    let mut bad_rows = false;
    if let Some(file) = &c.loaded.register {
        for r in &file.rows {
            match &r.product {
                Ok(row) => raws.push(Raw {
                    origin: Origin::Sheet(r.place.clone()),
                    row: std::borrow::Cow::Borrowed(row),
                }),
                Err(problems) => {
                    bad_rows = true;
                    c.problems.extend(problems.iter().cloned());
                }
            }
        }
    }
    for (i, e) in spec.products.iter().enumerate() {
        let path = index("register.products", i);
        if let Some(row) = yaml_row(c, &path, e) {
            raws.push(Raw {
                origin: Origin::Yaml(path),
                row: std::borrow::Cow::Owned(row),
            });
        }
    }
    if spec.file.is_none() && spec.products.is_empty() {
        c.error(
            "register",
            "sổ đăng ký chưa có sản phẩm nào",
            "ghi `file:` (tệp .xlsx, .ods hoặc .csv cạnh tệp YAML) hoặc `products:`",
        );
    }
    let builtin;
    let table = match &c.loaded.communes {
        Some(t) => t,
        None => {
            builtin = places::Table::builtin();
            &builtin
        }
    };
    let rules = RowRules {
        province: table.province(province),
        default_province: province,
    };
    let mut entries = Vec::new();
    for raw in &raws {
        match rules.entry(raw) {
            Ok(e) => entries.push(e),
            Err(problems) => {
                bad_rows = true;
                c.problems.extend(problems);
            }
        }
    }
    across(c, &mut entries);
    let as_of = spec
        .as_of
        .as_ref()
        .and_then(|d| c.full_date("register.as_of", d));
    let file = match &c.loaded.register {
        Some(f) => f.file.clone(),
        None => c.loaded.source.path.clone(),
    };
    (!bad_rows).then(|| {
        CheckedRegister::new(
            entries,
            file,
            as_of,
            spec.expiring_months.unwrap_or(EXPIRING_MONTHS),
            table.source.clone(),
        )
    })
}

/// A row written in the YAML, its dates read.
fn yaml_row(c: &mut Checker<'_>, path: &str, e: &RegisterEntry) -> Option<RegisterRow> {
    e.clone()
        .read_dates(|key, d| c.full_date(&join(path, key), &d))
}

/// An error at a field of a row.
pub fn at(
    origin: &Origin,
    c: Option<&Checker<'_>>,
    field: Field,
    message: String,
    hint: &str,
) -> Diagnostic {
    match origin {
        Origin::Sheet(place) => place.error(Some(field), message).hint(hint),
        Origin::Yaml(path) => {
            let d = Diagnostic::error(message)
                .field(join(path, field.key()))
                .hint(hint);
            match c {
                Some(c) => c.loaded.source.locate(d),
                None => d,
            }
        }
    }
}

struct RowRules<'t> {
    province: Option<&'t places::Province>,
    default_province: &'t str,
}

impl RowRules<'_> {
    fn entry(&self, raw: &Raw<'_>) -> Result<Entry, Vec<Diagnostic>> {
        let r = raw.row.as_ref();
        let o = &raw.origin;
        let mut problems = Vec::new();
        let mut err = |f: Field, m: String, h: &str| problems.push(at(o, None, f, m, h));
        let regime = regime::for_date(r.decision_date).unwrap_or(&regime::REGIMES[0]);
        rank(r, regime, &mut err);
        let issue_date = r.issue_date.unwrap_or(r.decision_date);
        let due = issue_date.add_months(regime.validity_months);
        if let Some(expiry) = r.expiry
            && expiry != due
        {
            err(
                Field::Expiry,
                format!(
                    "ngày hết hạn {} không phải ngày cấp {} cộng {} tháng ({})",
                    expiry.short(),
                    issue_date.short(),
                    regime.validity_months,
                    due.short()
                ),
                "giấy chứng nhận có giá trị 36 tháng kể từ ngày cấp; sửa ngày hết hạn (hoặc ngày cấp)",
            );
        }
        if issue_date < r.decision_date {
            err(
                Field::IssueDate,
                format!(
                    "ngày cấp {} trước ngày quyết định {}",
                    issue_date.short(),
                    r.decision_date.short()
                ),
                "giấy chứng nhận được cấp theo quyết định công nhận, không trước nó",
            );
        }
        let class = self.class(r, regime, &mut err);
        let commune_now = self.commune(r, &mut err);
        let revoked = status(r, &mut err);
        let evaluation = r.evaluation.as_deref().map(|t| (t, Evaluation::of(t)));
        if let Some((t, None)) = evaluation {
            err(
                Field::Evaluation,
                format!("không hiểu hình thức đánh giá `{}`", crate::diag::quote(t)),
                "ghi \"Đánh giá lần đầu\", \"Đánh giá lại\" hoặc \"Nâng hạng\"",
            );
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Entry {
            origin: o.clone(),
            name: r.name.trim().to_string(),
            owner: r.owner.trim().to_string(),
            owner_type: r
                .owner_type
                .as_deref()
                .and_then(OwnerType::of)
                .or_else(|| OwnerType::of(&r.owner))
                .unwrap_or(OwnerType::Other),
            address: r.address.clone(),
            commune: r.commune.trim().to_string(),
            commune_now,
            province: r.province.clone(),
            class,
            score: r.score,
            stars: r.stars,
            // Settled across rows when not typed.
            evaluation: evaluation.and_then(|(_, e)| e).unwrap_or(Evaluation::New),
            decision: r.decision.trim().to_string(),
            decision_date: r.decision_date,
            number: r.number.clone().filter(|n| !n.trim().is_empty()),
            issue_date,
            expiry: r.expiry.unwrap_or(due),
            revoked,
            note: r.note.clone(),
            key: (fold(&r.name), fold(&r.owner)),
        })
    }

    /// The product's place in the regime's classification.
    fn class(
        &self,
        r: &RegisterRow,
        regime: &'static regime::Regime,
        err: &mut impl FnMut(Field, String, &str),
    ) -> Option<Class> {
        let classification = regime.classification;
        let sub = r.subgroup.as_deref().filter(|s| !s.trim().is_empty());
        let group = r.group.as_deref().filter(|s| !s.trim().is_empty());
        let mut found = None;
        for (field, typed) in [(Field::Group, group), (Field::Subgroup, sub)] {
            let Some(typed) = typed else { continue };
            match classification.find(typed) {
                Some(c) => {
                    if let Some(prev) = found
                        && !same_branch(prev, c)
                    {
                        err(
                            field,
                            format!(
                                "phân nhóm `{}` ({}) không thuộc nhóm {} ({})",
                                crate::diag::quote(typed),
                                c.code(),
                                prev_name(prev),
                                prev.code()
                            ),
                            "sửa nhóm hoặc phân nhóm cho khớp Phụ lục I",
                        );
                    }
                    found = Some(c);
                }
                None => err(
                    field,
                    format!(
                        "không có {} `{}` trong {}",
                        field.what(),
                        crate::diag::quote(typed),
                        classification.source
                    ),
                    "ghi mã (ví dụ I.3.c) hoặc tên đúng như Phụ lục I; nhóm có thể ghi số 1–6",
                ),
            }
        }
        found
    }

    /// The commune on the decision's date and now.
    fn commune(
        &self,
        r: &RegisterRow,
        err: &mut impl FnMut(Field, String, &str),
    ) -> Option<String> {
        let same_province = r
            .province
            .as_deref()
            .is_none_or(|p| places::bare(p) == places::bare(self.default_province));
        let province = self.province.filter(|_| same_province)?;
        let after = r.decision_date >= places::REORGANISED;
        match province.lookup_on(&r.commune, !after) {
            Lookup::Current(now) => Some(now),
            Lookup::Former(into) if after => {
                err(
                    Field::Commune,
                    format!(
                        "{} không còn từ ngày 01/7/2025 (đã sắp xếp vào {}), nhưng quyết định ngày {} ghi tên này",
                        r.commune.trim(),
                        into.join(", "),
                        r.decision_date.short()
                    ),
                    "ghi tên xã, phường hiện nay theo danh mục đơn vị hành chính",
                );
                None
            }
            Lookup::Former(into) => (into.len() == 1).then(|| into[0].clone()),
            Lookup::Unknown if after => {
                err(
                    Field::Commune,
                    format!(
                        "không có {} trong danh mục xã, phường của {} từ ngày 01/7/2025",
                        r.commune.trim(),
                        province.name
                    ),
                    "kiểm tra chính tả, hoặc ghi rõ \"xã …\"/\"phường …\" như danh mục đơn vị hành chính",
                );
                None
            }
            Lookup::Unknown => None,
        }
    }
}

/// The star rank a recognition can have, in the score band of its regime.
fn rank(r: &RegisterRow, regime: &regime::Regime, err: &mut impl FnMut(Field, String, &str)) {
    if !(3..=5).contains(&r.stars) {
        err(
            Field::Stars,
            format!(
                "sản phẩm {} sao không được công nhận nên không vào sổ",
                r.stars
            ),
            "sổ đăng ký chỉ ghi sản phẩm đạt 3, 4 hoặc 5 sao",
        );
    }
    if let Some(score) = r.score {
        let band = regime.stars(score);
        if band != r.stars {
            err(
                Field::Stars,
                format!(
                    "điểm {} ứng với hạng {band} sao ({}) theo {}, quy định có hiệu lực vào ngày quyết định {}, không phải {} sao",
                    regime::score_text(score),
                    regime.band_text(band),
                    regime.name,
                    r.decision_date.short(),
                    r.stars
                ),
                "sửa điểm hoặc hạng sao cho khớp với quyết định công nhận",
            );
        }
    }
}

fn same_branch(a: Class, b: Class) -> bool {
    let (a, b) = (a.code(), b.code());
    a.starts_with(&b) || b.starts_with(&a)
}

fn prev_name(c: Class) -> &'static str {
    c.name()
}

/// The revocation a status records, if any; other statuses are checked
/// for what they say.
fn status(
    r: &RegisterRow,
    err: &mut impl FnMut(Field, String, &str),
) -> Option<(String, Option<Date>)> {
    let typed = r
        .status
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())?;
    let k = fold(typed);
    if k.contains(&fold("thu hồi")) {
        let Some(decision) = r
            .status_decision
            .as_deref()
            .filter(|d| !d.trim().is_empty())
        else {
            err(
                Field::StatusDecision,
                "sản phẩm bị thu hồi nhưng chưa ghi quyết định thu hồi".into(),
                "ghi số và ngày quyết định thu hồi, ví dụ 1820/QĐ-UBND ngày 20/10/2027",
            );
            return None;
        };
        return Some((decision.trim().to_string(), date_in(decision)));
    }
    let known = [
        "còn hiệu lực",
        "sắp hết hạn",
        "hết hạn",
        "hết hiệu lực",
        "đánh giá lại",
        "nâng hạng",
        "đang đánh giá lại",
    ];
    if !known.iter().any(|s| k == fold(s)) {
        err(
            Field::Status,
            format!("không hiểu trạng thái `{}`", crate::diag::quote(typed)),
            "ghi một trong: còn hiệu lực, sắp hết hạn, hết hạn, đánh giá lại, nâng hạng, thu hồi",
        );
    }
    None
}

/// The first date written dd/mm/yyyy in a text.
pub fn date_in(text: &str) -> Option<Date> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
        .find_map(|w| {
            let w = w.trim_end_matches('.');
            (w.matches('/').count() == 2)
                .then(|| Date::parse(w).ok())
                .flatten()
        })
}

/// Days from 1970-01-01 (for windows counted in days).
pub fn days(d: Date) -> i64 {
    let (y, m, d) = (d.year as i64, d.month as i64, d.day as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `n` days before `d`.
pub fn days_before(d: Date, n: i64) -> Date {
    let z = days(d) - n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

/// The rules across rows: one product recognised twice while its first
/// recognition still runs, a certificate number used twice, a revoked
/// product recognised again later; and how each recognition came about
/// where the row does not say.
fn across(c: &mut Checker<'_>, entries: &mut [Entry]) {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by_key(|&i| entries[i].decision_date);
    let mut last: HashMap<(String, String), usize> = HashMap::new();
    for &i in &order {
        let key = entries[i].key.clone();
        if let Some(&p) = last.get(&key) {
            let message = twice(&entries[p], &entries[i]);
            if let Some((m, h)) = message {
                c.problems
                    .push(at(&entries[i].origin, Some(c), Field::Name, m, h));
            }
            if entries[i].evaluation == Evaluation::New {
                entries[i].evaluation = if entries[i].stars > entries[p].stars {
                    Evaluation::Upgrade
                } else {
                    Evaluation::Again
                };
            }
        }
        last.insert(key, i);
    }
    let mut numbers: HashMap<String, usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let Some(n) = &e.number else { continue };
        if let Some(&first) = numbers.get(&fold(n)) {
            let m = format!(
                "số giấy chứng nhận {n} đã dùng cho {} ({})",
                entries[first].name,
                entries[first].origin.label()
            );
            c.problems.push(at(
                &e.origin,
                Some(c),
                Field::Number,
                m,
                "mỗi giấy chứng nhận một số; sửa số của một trong hai dòng",
            ));
        } else {
            numbers.insert(fold(n), i);
        }
    }
}

/// Why `later` may not stand beside `earlier` (same product), if so.
fn twice(earlier: &Entry, later: &Entry) -> Option<(String, &'static str)> {
    let who = format!("{} của {}", later.name, later.owner);
    if later.decision == earlier.decision && later.decision_date == earlier.decision_date {
        return Some((
            format!(
                "sản phẩm {who} có hai dòng trong cùng quyết định {} ({})",
                later.decision,
                earlier.origin.label()
            ),
            "xóa dòng lặp",
        ));
    }
    if let Some((by, when)) = &earlier.revoked
        && when.is_none_or(|d| d <= later.decision_date)
    {
        return Some((
            format!(
                "sản phẩm {who} đã bị thu hồi ({by}, {}) nhưng lại được công nhận ngày {}",
                earlier.origin.label(),
                later.decision_date.short()
            ),
            "kiểm tra lại: sản phẩm bị thu hồi phải đăng ký lại từ đầu như một sản phẩm mới; nếu đúng là sản phẩm khác, ghi tên phân biệt",
        ));
    }
    let overlaps = later.decision_date < earlier.expiry;
    let upgrade = later.stars > earlier.stars;
    // Re-evaluation files are submitted no earlier than 180 days before
    // expiry (QĐ 26/2026 Điều 7 khoản 6); a later decision may follow.
    let window_opens = days_before(earlier.expiry, 180);
    if overlaps && !upgrade && later.decision_date < window_opens {
        return Some((
            format!(
                "sản phẩm {who} được công nhận hai lần: {} ngày {} ({}) vẫn còn hiệu lực đến {} khi có {} ngày {}",
                earlier.decision,
                earlier.decision_date.short(),
                earlier.origin.label(),
                earlier.expiry.short(),
                later.decision,
                later.decision_date.short()
            ),
            "nếu là nâng hạng thì hạng sao phải cao hơn; nếu là đánh giá lại thì chỉ trong 180 ngày trước khi hết hạn; nếu không, xóa dòng lặp",
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_arithmetic() {
        let d = Date::parse("30/06/2030").unwrap();
        assert_eq!(days_before(d, 180).short(), "01/01/2030");
        assert_eq!(days_before(d, 0), d);
        assert_eq!(days(Date::parse("01/01/1970").unwrap()), 0);
        assert_eq!(
            date_in("1820/QĐ-UBND ngày 20/10/2027.").unwrap().short(),
            "20/10/2027"
        );
    }

    #[test]
    fn owner_types_from_their_names() {
        assert_eq!(
            OwnerType::of("HTX Chè San Thàng"),
            Some(OwnerType::Cooperative)
        );
        assert_eq!(OwnerType::of("Hợp tác xã"), Some(OwnerType::Cooperative));
        assert_eq!(
            OwnerType::of("Tổ hợp tác mây tre"),
            Some(OwnerType::CooperativeGroup)
        );
        assert_eq!(
            OwnerType::of("Công ty TNHH Sâm"),
            Some(OwnerType::Enterprise)
        );
        assert_eq!(
            OwnerType::of("Hộ kinh doanh Lò Văn Pấng"),
            Some(OwnerType::Household)
        );
        assert_eq!(OwnerType::of("Bà Lò Thị Mai"), None);
    }
}
