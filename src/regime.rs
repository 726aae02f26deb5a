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
    /// The product classification (groups and sub-groups) it evaluates by.
    pub classification: &'static Classification,
    /// The grounds on which a recognition is revoked, and its deadline.
    pub revocation: &'static Revocation,
    /// When a re-evaluation file may be submitted: from this many days
    /// before the certificate expires to that many (None: not regulated).
    pub re_evaluation_window: Option<(i64, i64)>,
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
        classification: &CLASSIFICATION_2026,
        revocation: &REVOCATION_UNVERIFIED,
        re_evaluation_window: None,
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
        classification: &CLASSIFICATION_2026,
        revocation: &REVOCATION_UNVERIFIED,
        re_evaluation_window: None,
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
        classification: &CLASSIFICATION_2026,
        revocation: &REVOCATION_2026,
        re_evaluation_window: Some((180, 120)),
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

/// A product classification: categories (I–VI), each of groups (nhóm
/// 1, 2 …), each of sub-groups (phân nhóm a, b …). Codes read "I.3.c".
#[derive(Debug, PartialEq)]
pub struct Classification {
    /// Where it is laid down: "Phụ lục I Quyết định số 26/2026/QĐ-TTg".
    pub source: &'static str,
    /// Facts not read in the source itself.
    pub unverified: Option<&'static str>,
    pub categories: &'static [Category],
}

#[derive(Debug, PartialEq)]
pub struct Category {
    /// "I"
    pub code: &'static str,
    pub name: &'static str,
    pub groups: &'static [Group],
}

#[derive(Debug, PartialEq)]
pub struct Group {
    /// "3", within its category.
    pub code: &'static str,
    pub name: &'static str,
    /// (letter, name); empty when the group has no sub-groups.
    pub subgroups: &'static [(&'static str, &'static str)],
}

/// Where a product sits in a classification.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Class {
    pub category: &'static Category,
    pub group: Option<&'static Group>,
    /// (letter, name)
    pub subgroup: Option<(&'static str, &'static str)>,
}

impl Class {
    /// "I.3.c", "I.6", "II".
    pub fn code(&self) -> String {
        let mut code = self.category.code.to_string();
        if let Some(g) = self.group {
            code.push('.');
            code.push_str(g.code);
        }
        if let Some((letter, _)) = self.subgroup {
            code.push('.');
            code.push_str(letter);
        }
        code
    }

    /// The narrowest name: the sub-group's, else the group's, else the category's.
    pub fn name(&self) -> &'static str {
        match (self.subgroup, self.group) {
            (Some((_, n)), _) => n,
            (None, Some(g)) => g.name,
            (None, None) => self.category.name,
        }
    }
}

impl Classification {
    /// A category, group or sub-group as typed: its code ("I.3.c", "I.3",
    /// "III"), its number 1–6 (the six categories, as product lists have
    /// long numbered them), or its name (case, spacing and tone-mark
    /// placement aside). `None` when nothing matches.
    pub fn find(&'static self, typed: &str) -> Option<Class> {
        let typed = typed.trim();
        if let Ok(n) = typed.parse::<usize>() {
            return self.categories.get(n.checked_sub(1)?).map(|c| Class {
                category: c,
                group: None,
                subgroup: None,
            });
        }
        self.by_code(typed).or_else(|| self.by_name(typed))
    }

    fn by_code(&'static self, typed: &str) -> Option<Class> {
        let parts: Vec<&str> = typed
            .split(['.', '-', ' '])
            .filter(|p| !p.is_empty())
            .collect();
        let (first, rest) = parts.split_first()?;
        let category = self
            .categories
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(first))?;
        let mut class = Class {
            category,
            group: None,
            subgroup: None,
        };
        if let Some(g) = rest.first() {
            let group = category.groups.iter().find(|x| x.code == *g)?;
            class.group = Some(group);
            if let Some(letter) = rest.get(1) {
                class.subgroup = Some(
                    *group
                        .subgroups
                        .iter()
                        .find(|(l, _)| l.eq_ignore_ascii_case(letter))?,
                );
            }
            if rest.len() > 2 {
                return None;
            }
        }
        Some(class)
    }

    fn by_name(&'static self, typed: &str) -> Option<Class> {
        let key = crate::units::fold(typed);
        let same = |name: &str| crate::units::fold(name) == key;
        for category in self.categories {
            let mut class = Class {
                category,
                group: None,
                subgroup: None,
            };
            if same(category.name) {
                return Some(class);
            }
            for group in category.groups {
                class.group = Some(group);
                class.subgroup = None;
                if same(group.name) {
                    return Some(class);
                }
                if let Some(sub) = group.subgroups.iter().find(|(_, n)| same(n)) {
                    class.subgroup = Some(*sub);
                    return Some(class);
                }
            }
        }
        None
    }
}

/// Phụ lục I of QĐ 26/2026/QĐ-TTg: 6 categories, 17 groups, 26 leaves.
pub const CLASSIFICATION_2026: Classification = Classification {
    source: "Phụ lục I Quyết định số 26/2026/QĐ-TTg",
    unverified: None,
    categories: &[
        Category {
            code: "I",
            name: "Sản phẩm thực phẩm",
            groups: &[
                Group {
                    code: "1",
                    name: "Thực phẩm tươi sống",
                    subgroups: &[
                        ("a", "Rau, củ, quả, hạt tươi"),
                        ("b", "Thịt, thủy sản, trứng, sữa tươi"),
                    ],
                },
                Group {
                    code: "2",
                    name: "Thực phẩm thô, sơ chế",
                    subgroups: &[
                        ("a", "Gạo, ngũ cốc, hạt sơ chế khác"),
                        ("b", "Mật ong, mật khác và nông sản thực phẩm khác"),
                    ],
                },
                Group {
                    code: "3",
                    name: "Thực phẩm chế biến",
                    subgroups: &[
                        ("a", "Đồ ăn nhanh"),
                        ("b", "Chế biến từ gạo, ngũ cốc"),
                        ("c", "Chế biến từ rau, củ, quả, hạt"),
                        (
                            "d",
                            "Chế biến từ thịt, trứng, sữa, thủy sản, các sản phẩm từ mật ong, mật khác và nông sản thực phẩm khác",
                        ),
                    ],
                },
                Group {
                    code: "4",
                    name: "Gia vị",
                    subgroups: &[
                        ("a", "Tương, nước mắm, gia vị dạng lỏng khác"),
                        ("b", "Gia vị khác"),
                    ],
                },
                Group {
                    code: "5",
                    name: "Chè",
                    subgroups: &[
                        ("a", "Chè tươi, chế biến"),
                        ("b", "Sản phẩm chè từ thực vật khác"),
                    ],
                },
                Group {
                    code: "6",
                    name: "Cà phê, ca cao",
                    subgroups: &[],
                },
            ],
        },
        Category {
            code: "II",
            name: "Sản phẩm đồ uống",
            groups: &[
                Group {
                    code: "1",
                    name: "Đồ uống có cồn",
                    subgroups: &[("a", "Rượu trắng"), ("b", "Đồ uống có cồn khác")],
                },
                Group {
                    code: "2",
                    name: "Đồ uống không cồn",
                    subgroups: &[
                        ("a", "Nước khoáng thiên nhiên, nước uống đóng chai"),
                        ("b", "Đồ uống không cồn"),
                    ],
                },
            ],
        },
        Category {
            code: "III",
            name: "Dược liệu và sản phẩm từ dược liệu",
            groups: &[
                Group {
                    code: "1",
                    name: "Thực phẩm chức năng, thuốc dược liệu, thuốc cổ truyền",
                    subgroups: &[],
                },
                Group {
                    code: "2",
                    name: "Mỹ phẩm có thành phần từ dược liệu",
                    subgroups: &[],
                },
                Group {
                    code: "3",
                    name: "Tinh dầu và dược liệu khác",
                    subgroups: &[],
                },
            ],
        },
        Category {
            code: "IV",
            name: "Hàng thủ công mỹ nghệ",
            groups: &[
                Group {
                    code: "1",
                    name: "Thủ công mỹ nghệ gia dụng, trang trí",
                    subgroups: &[],
                },
                Group {
                    code: "2",
                    name: "Vải, may mặc",
                    subgroups: &[],
                },
            ],
        },
        Category {
            code: "V",
            name: "Sinh vật cảnh",
            groups: &[
                Group {
                    code: "1",
                    name: "Hoa",
                    subgroups: &[],
                },
                Group {
                    code: "2",
                    name: "Cây cảnh",
                    subgroups: &[],
                },
                Group {
                    code: "3",
                    name: "Động vật cảnh",
                    subgroups: &[],
                },
            ],
        },
        Category {
            code: "VI",
            name: "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
            groups: &[Group {
                code: "1",
                name: "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
                subgroups: &[],
            }],
        },
    ],
};

/// The grounds on which a recognition and its certificate are revoked.
#[derive(Debug, PartialEq)]
pub struct Revocation {
    /// The article the grounds are in: "khoản 1 Điều 8 Quyết định số 26/2026/QĐ-TTg".
    pub article: &'static str,
    /// (letter, ground), as a decision cites them: "điểm b".
    pub grounds: &'static [(&'static str, &'static str)],
    /// Days from the finding to the revocation decision.
    pub deadline_days: Option<u32>,
    /// Facts not read in the source itself.
    pub unverified: Option<&'static str>,
}

impl Revocation {
    /// A ground by its letter ("b", "điểm b", "đ").
    pub fn ground(&self, typed: &str) -> Option<(&'static str, &'static str)> {
        let t = typed.trim();
        let t = t.strip_prefix("điểm").map(str::trim).unwrap_or(t);
        self.grounds
            .iter()
            .find(|(l, _)| *l == t.to_lowercase())
            .copied()
    }
}

/// QĐ 26/2026/QĐ-TTg Điều 8: six grounds; the decision within 15 days.
pub const REVOCATION_2026: Revocation = Revocation {
    article: "khoản 1 Điều 8 Quyết định số 26/2026/QĐ-TTg",
    grounds: &[
        (
            "a",
            "chủ thể OCOP bị phát hiện cung cấp thông tin, tài liệu không trung thực hoặc giả mạo hồ sơ trong quá trình đăng ký đánh giá, phân hạng sản phẩm OCOP",
        ),
        (
            "b",
            "sản phẩm OCOP không còn đáp ứng các tiêu chí theo Bộ tiêu chí OCOP theo kết luận kiểm tra, giám sát của cơ quan có thẩm quyền",
        ),
        (
            "c",
            "sản phẩm OCOP vi phạm quy định pháp luật về chất lượng sản phẩm, an toàn thực phẩm, bảo vệ môi trường, sở hữu trí tuệ, ghi nhãn hàng hóa hoặc các quy định pháp luật khác có liên quan theo kết luận của cơ quan có thẩm quyền",
        ),
        (
            "d",
            "chủ thể OCOP sử dụng nhãn hiệu OCOP không đúng quy định, gây nhầm lẫn về sản phẩm được công nhận",
        ),
        (
            "đ",
            "chủ thể OCOP không còn hoạt động sản xuất sản phẩm OCOP",
        ),
        (
            "e",
            "trường hợp khác theo kết luận và đề nghị của cơ quan nhà nước có thẩm quyền về việc sản phẩm OCOP không đủ điều kiện tiếp tục được công nhận",
        ),
    ],
    deadline_days: Some(15),
    unverified: None,
};

/// The grounds of QĐ 148/QĐ-TTg were not read in its text: a revocation
/// under it states its ground in its own words (`ground_text`).
pub const REVOCATION_UNVERIFIED: Revocation = Revocation {
    article: "Quyết định số 148/QĐ-TTg",
    grounds: &[],
    deadline_days: None,
    unverified: Some(
        "các trường hợp thu hồi theo Quyết định số 148/QĐ-TTg chưa được đối chiếu văn bản gốc; ghi lý do thu hồi bằng lời (ground_text)",
    ),
};

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

    #[test]
    fn classification_by_code_number_and_name() {
        let c = &CLASSIFICATION_2026;
        assert_eq!(c.find("I.3.c").unwrap().code(), "I.3.c");
        assert_eq!(c.find("i-3-C").unwrap().code(), "I.3.c");
        assert_eq!(c.find("3").unwrap().code(), "III");
        assert_eq!(c.find("Chè").unwrap().code(), "I.5");
        assert_eq!(c.find("chè tươi,  chế biến").unwrap().code(), "I.5.a");
        assert_eq!(c.find("Sinh vật cảnh").unwrap().code(), "V");
        assert_eq!(c.find("Rượu trắng").unwrap().name(), "Rượu trắng");
        assert!(c.find("I.9").is_none());
        assert!(c.find("7").is_none());
        assert!(c.find("Máy tính").is_none());
        let leaves: usize = c
            .categories
            .iter()
            .flat_map(|k| k.groups)
            .map(|g| g.subgroups.len().max(1))
            .sum();
        let groups: usize = c.categories.iter().map(|k| k.groups.len()).sum();
        assert_eq!((c.categories.len(), groups, leaves), (6, 17, 26));
    }

    #[test]
    fn revocation_grounds() {
        let r = by_key("qd26_2026").unwrap().revocation;
        assert_eq!(r.grounds.len(), 6);
        assert_eq!(r.ground("điểm đ").unwrap().0, "đ");
        assert!(r.ground("g").is_none());
    }
}
