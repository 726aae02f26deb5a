//! The OCOP legal regimes as data: which decision governs evaluation at a
//! given date, its star bands, who may recognise which star rank, how long a
//! recognition lasts, and the product groups. A new decision next year is a
//! new entry here, not a code change. A document picks its regime from its
//! date unless its YAML names one (`legal_regime:`).

use crate::diag::{Diagnostic, did_you_mean};
use crate::model::Level;
use crate::vn::Date;

/// From this date there is no district-level government (Luật Tổ chức chính
/// quyền địa phương số 72/2025/QH15, Điều 51 khoản 3).
pub const DISTRICT_ABOLISHED: Date = date(2025, 7, 1);

/// The local-government law a decision cites, by its date.
pub fn local_government_law(date: Date) -> &'static str {
    if date >= DISTRICT_ABOLISHED {
        "Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16/6/2025"
    } else {
        "Luật Tổ chức chính quyền địa phương ngày 19/6/2015; Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019"
    }
}

/// A legal basis as it is cited in "Căn cứ …" lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Basis {
    pub kind: &'static str,
    pub number: &'static str,
    pub date: Date,
    pub issuer: &'static str,
    pub subject: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Regime {
    /// The key a YAML file names: `qd26_2026`.
    pub key: &'static str,
    /// How messages name it: "Quyết định số 26/2026/QĐ-TTg".
    pub name: &'static str,
    pub basis: Basis,
    /// First day documents fall under it.
    pub from: Date,
    /// Minimum average score for 5, 4, 3 and 2 stars (below the last: 1 star).
    pub bands: [(f64, u8); 4],
    /// Star ranks a provincial authority recognises and certifies.
    pub province_stars: &'static [u8],
    /// Star ranks a district authority recognises (none once districts are gone).
    pub district_stars: &'static [u8],
    /// Who recognises 5 stars.
    pub five_star_authority: &'static str,
    /// Months a recognition (and its certificate) is valid.
    pub validity_months: u32,
    /// The article a refusal cites.
    pub competence_rule: &'static str,
    /// Facts not read in the decision's own text.
    pub unverified: Option<&'static str>,
}

const BANDS: [(f64, u8); 4] = [(90.0, 5), (70.0, 4), (50.0, 3), (30.0, 2)];

const fn date(year: i32, month: u8, day: u8) -> Date {
    Date { year, month, day }
}

pub const REGIMES: &[Regime] = &[
    Regime {
        key: "qd148_2023",
        name: "Quyết định số 148/QĐ-TTg",
        basis: Basis {
            kind: "Quyết định",
            number: "148/QĐ-TTg",
            date: date(2023, 2, 24),
            issuer: "Thủ tướng Chính phủ",
            subject: "ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm",
        },
        from: date(2023, 2, 24),
        bands: BANDS,
        province_stars: &[4],
        district_stars: &[3],
        five_star_authority: "Bộ Nông nghiệp và Phát triển nông thôn",
        validity_months: 36,
        competence_rule: "theo Quyết định số 148/QĐ-TTg, UBND cấp huyện công nhận sản phẩm 3 sao, UBND cấp tỉnh công nhận sản phẩm 4 sao, Bộ Nông nghiệp và Phát triển nông thôn công nhận sản phẩm 5 sao",
        unverified: None,
    },
    Regime {
        key: "qd148_as_amended_1489_2025",
        name: "Quyết định số 148/QĐ-TTg (sửa đổi bởi Quyết định số 1489/QĐ-TTg)",
        basis: Basis {
            kind: "Quyết định",
            number: "1489/QĐ-TTg",
            date: date(2025, 7, 6),
            issuer: "Thủ tướng Chính phủ",
            subject: "sửa đổi, bổ sung một số nội dung của Quyết định số 148/QĐ-TTg ngày 24/02/2023",
        },
        from: date(2025, 7, 6),
        bands: BANDS,
        province_stars: &[3, 4],
        district_stars: &[],
        five_star_authority: "Bộ Nông nghiệp và Môi trường",
        validity_months: 36,
        competence_rule: "từ ngày 01/7/2025 không còn cấp huyện; UBND cấp tỉnh công nhận sản phẩm 3 sao và 4 sao, Bộ Nông nghiệp và Môi trường công nhận sản phẩm 5 sao",
        unverified: Some(
            "nội dung Quyết định 1489/QĐ-TTg chưa được đối chiếu văn bản gốc; giả định tỉnh công nhận 3 và 4 sao như Quyết định 26/2026/QĐ-TTg",
        ),
    },
    Regime {
        key: "qd26_2026",
        name: "Quyết định số 26/2026/QĐ-TTg",
        basis: Basis {
            kind: "Quyết định",
            number: "26/2026/QĐ-TTg",
            date: date(2026, 5, 22),
            issuer: "Thủ tướng Chính phủ",
            subject: "ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm Chương trình mỗi xã một sản phẩm",
        },
        from: date(2026, 5, 22),
        bands: BANDS,
        province_stars: &[3, 4],
        district_stars: &[],
        five_star_authority: "Bộ Nông nghiệp và Môi trường",
        validity_months: 36,
        competence_rule: "theo Điều 4 khoản 1 Quyết định số 26/2026/QĐ-TTg, UBND cấp tỉnh công nhận và cấp Giấy chứng nhận sản phẩm 3 sao, 4 sao; Bộ Nông nghiệp và Môi trường công nhận sản phẩm 5 sao; sản phẩm 1 sao, 2 sao không được công nhận",
        unverified: None,
    },
];

/// The six product groups (QĐ 148 and QĐ 26/2026 Phụ lục I use the same).
pub const PRODUCT_GROUPS: [&str; 6] = [
    "Thực phẩm",
    "Đồ uống",
    "Dược liệu và sản phẩm từ dược liệu",
    "Hàng thủ công mỹ nghệ",
    "Sinh vật cảnh",
    "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
];

/// A product group as typed: its number 1–6 becomes its name; any other
/// text is kept as typed. `Err(n)` for a number that is no group.
pub fn product_group(typed: &str) -> Result<String, usize> {
    let typed = typed.trim();
    match typed.parse::<usize>() {
        Ok(n) if (1..=PRODUCT_GROUPS.len()).contains(&n) => Ok(PRODUCT_GROUPS[n - 1].to_string()),
        Ok(n) => Err(n),
        Err(_) => Ok(typed.to_string()),
    }
}

/// The regime in force on `date`: the latest one that had started.
pub fn for_date(date: Date) -> Option<&'static Regime> {
    REGIMES.iter().rev().find(|r| r.from <= date)
}

pub fn by_key(key: &str) -> Option<&'static Regime> {
    REGIMES.iter().find(|r| r.key == key)
}

/// The regime a document names (`legal_regime:`), or the one in force on
/// its date. A problem names its field relative to the document
/// (`legal_regime` or `date`).
pub fn resolve(key: Option<&str>, date: Date) -> Result<&'static Regime, Diagnostic> {
    match key.map(str::trim) {
        Some(key) => by_key(key).ok_or_else(|| {
            let known: Vec<&str> = keys().collect();
            let hint = match did_you_mean(key, known.iter().copied()) {
                Some(s) => format!("có phải ý bạn là `{s}`? Các quy định đã có: {}", known.join(", ")),
                None => format!("các quy định đã có: {}", known.join(", ")),
            };
            Diagnostic::error(format!("không biết quy định `{key}`"))
                .field("legal_regime")
                .hint(hint)
        }),
        None => for_date(date).ok_or_else(|| {
            Diagnostic::error(format!("chưa có dữ liệu quy định OCOP cho ngày {}", date.short()))
                .field("date")
                .hint("các quy định đã có bắt đầu từ Quyết định số 148/QĐ-TTg ngày 24/02/2023; với văn bản cũ hơn, ghi legal_regime")
        }),
    }
}

pub fn keys() -> impl Iterator<Item = &'static str> {
    REGIMES.iter().map(|r| r.key)
}

impl Regime {
    /// The star rank an average score earns.
    pub fn stars(&self, score: f64) -> u8 {
        self.bands
            .iter()
            .find(|(min, _)| score >= *min)
            .map(|(_, s)| *s)
            .unwrap_or(1)
    }

    /// The score range of a star rank, for messages: "từ 70 đến dưới 90".
    pub fn band_text(&self, stars: u8) -> String {
        let min = self
            .bands
            .iter()
            .find(|(_, s)| *s == stars)
            .map(|(m, _)| *m);
        let max = self
            .bands
            .iter()
            .find(|(_, s)| *s == stars + 1)
            .map(|(m, _)| *m);
        match (min, max) {
            (Some(lo), Some(hi)) => format!("từ {lo} đến dưới {hi} điểm"),
            (Some(lo), None) => format!("từ {lo} điểm trở lên"),
            (None, Some(hi)) => format!("dưới {hi} điểm"),
            (None, None) => String::new(),
        }
    }

    /// Star ranks an issuer of `level` may recognise under this regime.
    pub fn recognisable(&self, level: Level) -> &'static [u8] {
        match level {
            Level::Province => self.province_stars,
            Level::District => self.district_stars,
            Level::Commune => &[],
        }
    }
}

/// Why an issuer of `level` cannot recognise products at all under
/// `regime` (a commune; a district once districts are gone), said once
/// for a whole decision or round of certificates instead of once per
/// product. `what` names the document: "quyết định công nhận".
pub fn no_competence(regime: &Regime, level: Level, what: &str) -> Option<Diagnostic> {
    if !regime.recognisable(level).is_empty() {
        return None;
    }
    let who = match level {
        Level::Province => "UBND cấp tỉnh",
        Level::District => "UBND cấp huyện",
        Level::Commune => "UBND cấp xã",
    };
    Some(
        Diagnostic::error(format!(
            "{who} không ban hành {what} sản phẩm OCOP theo {}",
            regime.name
        ))
        .hint(format!(
            "{}; cấp xã đánh giá, gửi hồ sơ lên tỉnh: bỏ phần này khỏi tệp của xã, và soạn nó trong tệp của tỉnh (issuer: level: province)",
            regime.competence_rule
        )),
    )
}

/// The star rank of a product, checked against the regime: score within
/// 0–100, typed rank consistent with the score, and a rank the issuer may
/// recognise (and certify). Problems name their field relative to the product.
pub fn rank(
    regime: &Regime,
    level: Level,
    score: f64,
    typed: Option<u8>,
) -> Result<u8, Vec<Diagnostic>> {
    if !(0.0..=100.0).contains(&score) || score.is_nan() {
        return Err(vec![
            Diagnostic::error(format!("điểm {} nằm ngoài thang 0-100", score_text(score)))
                .field("score")
                .hint("điểm là trung bình của các thành viên Hội đồng, từ 0 đến 100"),
        ]);
    }
    let stars = regime.stars(score);
    let mut problems = Vec::new();
    if let Some(typed) = typed
        && typed != stars
    {
        problems.push(
            Diagnostic::error(format!(
                "điểm {} ứng với hạng {stars} sao ({}), không phải {typed} sao",
                score_text(score),
                regime.band_text(stars)
            ))
            .field("stars")
            .hint(format!(
                "sửa điểm hoặc hạng sao; hạng sao được tính từ điểm theo {}",
                regime.name
            )),
        );
    }
    if !regime.recognisable(level).contains(&stars) {
        let who = match level {
            Level::Province => "UBND cấp tỉnh",
            Level::District => "UBND cấp huyện",
            Level::Commune => "UBND cấp xã",
        };
        problems.push(
            Diagnostic::error(format!(
                "{who} không được công nhận sản phẩm {stars} sao (điểm {})",
                score_text(score)
            ))
            .field("score")
            .hint(format!(
                "{}; bỏ sản phẩm này khỏi danh sách",
                regime.competence_rule
            )),
        );
    }
    if problems.is_empty() {
        Ok(stars)
    } else {
        Err(problems)
    }
}

/// "1,5" style score with Vietnamese decimal comma; integers without decimals.
pub fn score_text(score: f64) -> String {
    if score.fract() == 0.0 {
        format!("{}", score as i64)
    } else {
        format!("{score:.2}")
            .trim_end_matches('0')
            .replace('.', ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regime_by_date() {
        assert_eq!(for_date(date(2024, 1, 1)).unwrap().key, "qd148_2023");
        assert_eq!(
            for_date(date(2025, 7, 6)).unwrap().key,
            "qd148_as_amended_1489_2025"
        );
        assert_eq!(
            for_date(date(2026, 5, 21)).unwrap().key,
            "qd148_as_amended_1489_2025"
        );
        assert_eq!(for_date(date(2026, 5, 22)).unwrap().key, "qd26_2026");
        assert!(for_date(date(2022, 12, 31)).is_none());
    }

    #[test]
    fn star_bands() {
        let r = by_key("qd26_2026").unwrap();
        assert_eq!(r.stars(90.0), 5);
        assert_eq!(r.stars(89.99), 4);
        assert_eq!(r.stars(70.0), 4);
        assert_eq!(r.stars(69.5), 3);
        assert_eq!(r.stars(50.0), 3);
        assert_eq!(r.stars(30.0), 2);
        assert_eq!(r.stars(29.0), 1);
        assert_eq!(r.band_text(4), "từ 70 đến dưới 90 điểm");
        assert_eq!(score_text(72.0), "72");
        assert_eq!(score_text(72.5), "72,5");
    }

    #[test]
    fn competence() {
        let old = by_key("qd148_2023").unwrap();
        assert_eq!(old.recognisable(Level::District), &[3]);
        assert_eq!(old.recognisable(Level::Province), &[4]);
        let new = by_key("qd26_2026").unwrap();
        assert_eq!(new.recognisable(Level::Province), &[3, 4]);
        assert!(new.recognisable(Level::District).is_empty());
    }
}
