//! The year-end report's numbers, recomputed here from the example
//! year's register (read with the csv crate, communes looked up in the
//! data table directly) by code that shares nothing with the code that
//! counts and prints them, and compared with every cell of every table.

use std::collections::{BTreeMap, BTreeSet};

use ocop::doc::{Block, Content};

use crate::common;

type Date = (i32, u32, u32);

fn date(s: &str) -> Date {
    let p: Vec<&str> = s.trim().split('/').collect();
    (
        p[2].parse().unwrap(),
        p[1].parse().unwrap(),
        p[0].parse().unwrap(),
    )
}

struct Rec {
    name: String,
    owner: String,
    kind: String,
    commune: String,
    group: String,
    stars: usize,
    evaluation: String,
    decided: Date,
    issued: Date,
    expiry: Date,
    revoked: Option<Date>,
}

fn register() -> Vec<Rec> {
    let path = common::root().join("plans/nam-2027/so-dang-ky.csv");
    let mut r = csv::Reader::from_path(path).unwrap();
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let get = |name: &str| rec[col(name)].trim().to_string();
            let status_decision = get("Quyết định trạng thái");
            Rec {
                name: get("Tên sản phẩm").to_lowercase(),
                owner: get("Chủ thể").to_lowercase(),
                kind: get("Loại hình chủ thể"),
                commune: get("Xã, phường"),
                group: get("Nhóm"),
                stars: get("Hạng sao")[..1].parse().unwrap(),
                evaluation: get("Hình thức đánh giá"),
                decided: date(&get("Ngày quyết định")),
                issued: date(&get("Ngày cấp")),
                expiry: date(&get("Ngày hết hạn")),
                revoked: (get("Trạng thái") == "Thu hồi")
                    .then(|| date(status_decision.rsplit(' ').next().unwrap())),
            }
        })
        .collect()
}

/// Today's unit of a commune named on `decided`, from the data table
/// read as plain text: a name written before 01/7/2025 means the unit of
/// that time.
fn commune_now(name: &str, decided: Date) -> String {
    let table = std::fs::read_to_string(common::root().join("data/communes-2025.tsv")).unwrap();
    let key = name.to_lowercase();
    let lines: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| l.starts_with("Tỉnh Lai Châu\t"))
        .map(|l| l.split('\t').collect())
        .collect();
    let current = lines.iter().find(|f| f[1].to_lowercase() == key);
    let former = lines.iter().find(|f| {
        f[2..]
            .iter()
            .any(|o| o.split('|').next().unwrap().to_lowercase() == key)
    });
    let pick = if decided < (2025, 7, 1) {
        former.or(current)
    } else {
        current.or(former)
    };
    pick.map(|f| f[1].to_string())
        .unwrap_or_else(|| panic!("{name} is not in the table"))
}

const END: Date = (2027, 12, 31);

fn valid_at_end(all: &[Rec], r: &Rec) -> bool {
    r.issued <= END
        && END < r.expiry
        && r.revoked.is_none_or(|d| END < d)
        && !all.iter().any(|o| {
            o.name == r.name && o.owner == r.owner && o.decided > r.decided && o.decided <= END
        })
}

fn by_star(rows: impl Iterator<Item = usize>) -> [u64; 3] {
    let mut c = [0; 3];
    for s in rows {
        c[s - 3] += 1;
    }
    c
}

fn line(label: &str, c: [u64; 3]) -> Vec<String> {
    vec![
        label.into(),
        c[0].to_string(),
        c[1].to_string(),
        c[2].to_string(),
        c.iter().sum::<u64>().to_string(),
    ]
}

fn with_total(mut lines: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut sum = [0u64; 4];
    for l in &lines {
        for k in 0..4 {
            sum[k] += l[k + 1].parse::<u64>().unwrap();
        }
    }
    lines.push(vec![
        "Tổng cộng".into(),
        sum[0].to_string(),
        sum[1].to_string(),
        sum[2].to_string(),
        sum[3].to_string(),
    ]);
    lines
}

/// The tables' rows without their STT column.
fn printed() -> Vec<(String, Vec<Vec<String>>)> {
    let yaml = common::root().join("plans/nam-2027/lai-chau-ca-nam-2027.yaml");
    let report = common::prepare(&yaml);
    let doc = report
        .documents
        .iter()
        .find(|d| d.file_stem == "bao-cao")
        .expect("the report");
    let Content::Report(r) = &doc.content else {
        panic!("not a report")
    };
    r.document
        .appendices
        .iter()
        .map(|a| {
            // A group title is one cell spanning the table.
            let rows = a
                .body
                .iter()
                .filter_map(|b| match b {
                    Block::Table(t) => Some(t),
                    _ => None,
                })
                .flat_map(|t| &t.rows)
                .map(|row| match row.as_slice() {
                    [group] if group.cols > 1 => vec![group.text.clone()],
                    cells => cells[1..].iter().map(|c| c.text.clone()).collect(),
                })
                .collect();
            (a.label.clone(), rows)
        })
        .collect()
}

/// The six parts of Phụ lục I, counted from the register.
fn expected_parts(all: &[Rec]) -> Vec<Vec<Vec<String>>> {
    let valid: Vec<&Rec> = all.iter().filter(|r| valid_at_end(all, r)).collect();
    let year = |y: i32| by_star(all.iter().filter(|r| r.decided.0 == y).map(|r| r.stars));
    let mut expected: Vec<Vec<Vec<String>>> = Vec::new();
    // I: recognised last year and this year.
    expected.push(vec![
        line("Năm 2026", year(2026)),
        line("Năm 2027", year(2027)),
    ]);
    // II: by category.
    let names = BTreeMap::from([
        ("I", "Sản phẩm thực phẩm"),
        ("II", "Sản phẩm đồ uống"),
        ("III", "Dược liệu và sản phẩm từ dược liệu"),
        ("IV", "Hàng thủ công mỹ nghệ"),
        ("V", "Sinh vật cảnh"),
        (
            "VI",
            "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        ),
    ]);
    let order = ["I", "II", "III", "IV", "V", "VI"];
    let groups: Vec<Vec<String>> = order
        .iter()
        .filter(|g| valid.iter().any(|r| r.group == **g))
        .map(|g| {
            line(
                names[g],
                by_star(valid.iter().filter(|r| r.group == *g).map(|r| r.stars)),
            )
        })
        .collect();
    expected.push(with_total(groups));
    // III: by commune as it is now.
    let communes: BTreeSet<String> = valid
        .iter()
        .map(|r| commune_now(&r.commune, r.decided))
        .collect();
    let commune_rows: Vec<Vec<String>> = communes
        .iter()
        .map(|c| {
            line(
                c,
                by_star(
                    valid
                        .iter()
                        .filter(|r| commune_now(&r.commune, r.decided) == *c)
                        .map(|r| r.stars),
                ),
            )
        })
        .collect();
    expected.push(with_total(commune_rows));
    // IV: by type of subject.
    let kinds = [
        ("Hợp tác xã", "Hợp tác xã"),
        ("Tổ hợp tác", "Tổ hợp tác"),
        ("Doanh nghiệp", "Doanh nghiệp"),
        ("Hộ kinh doanh", "Hộ kinh doanh, hộ sản xuất"),
    ];
    let kind_rows: Vec<Vec<String>> = kinds
        .iter()
        .filter(|(k, _)| valid.iter().any(|r| r.kind == *k))
        .map(|(k, label)| {
            line(
                label,
                by_star(valid.iter().filter(|r| r.kind == *k).map(|r| r.stars)),
            )
        })
        .collect();
    expected.push(with_total(kind_rows));
    // V: this year's recognitions by how they came about.
    let this: Vec<&Rec> = all.iter().filter(|r| r.decided.0 == 2027).collect();
    let ev = |e: &str| by_star(this.iter().filter(|r| r.evaluation == e).map(|r| r.stars));
    expected.push(with_total(vec![
        line("Đánh giá lần đầu", ev("Đánh giá lần đầu")),
        line("Đánh giá lại", ev("Đánh giá lại")),
        line("Nâng hạng", ev("Nâng hạng")),
    ]));
    // VI: expiring next year, by quarter.
    let quarters: Vec<Vec<String>> = (0..4)
        .map(|q| {
            let c = by_star(
                valid
                    .iter()
                    .filter(|r| r.expiry.0 == 2028 && (r.expiry.1 - 1) / 3 == q)
                    .map(|r| r.stars),
            );
            line(
                &format!("Quý {} năm 2028", ["I", "II", "III", "IV"][q as usize]),
                c,
            )
        })
        .collect();
    expected.push(with_total(quarters));
    expected
}

/// The targets table: each target, its number, the result, the rate.
fn expected_targets(all: &[Rec]) -> Vec<Vec<String>> {
    let this: Vec<&Rec> = all.iter().filter(|r| r.decided.0 == 2027).collect();
    let new = this.iter().filter(|r| r.evaluation == "Đánh giá lần đầu");
    let new4 = this
        .iter()
        .filter(|r| r.evaluation == "Đánh giá lần đầu" && r.stars >= 4)
        .count();
    let upgraded = this.iter().filter(|r| r.evaluation == "Nâng hạng").count();
    let expired: Vec<&Rec> = all.iter().filter(|r| r.expiry.0 == 2027).collect();
    let renewed = expired
        .iter()
        .filter(|e| {
            all.iter().any(|o| {
                o.name == e.name && o.owner == e.owner && o.decided > e.decided && o.decided <= END
            })
        })
        .count();
    let target = |text: &str, plan: f64, done: f64, unit: &str| {
        vec![
            text.to_string(),
            format!("{}{unit}", pct(plan)),
            format!("{}{unit}", pct(done)),
            format!("{}%", pct(100.0 * done / plan)),
            if done >= plan {
                "Đạt"
            } else {
                "Chưa đạt"
            }
            .to_string(),
        ]
    };
    let rate = 100.0 * renewed as f64 / expired.len() as f64;
    vec![
        target(
            "Đánh giá, phân hạng mới tối thiểu 08 sản phẩm đạt từ 3 sao trở lên.",
            8.0,
            new.count() as f64,
            "",
        ),
        target(
            "Trong đó ít nhất 02 sản phẩm mới đạt 4 sao.",
            2.0,
            new4 as f64,
            "",
        ),
        target("Nâng hạng ít nhất 01 sản phẩm.", 1.0, upgraded as f64, ""),
        target(
            "Đánh giá lại 100% sản phẩm có giấy chứng nhận hết hạn trong năm 2027.",
            100.0,
            rate,
            "%",
        ),
    ]
}

fn pct(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r}").replace('.', ",")
    }
}

#[test]
fn every_number_of_the_report_is_recomputed_from_the_register() {
    let all = register();
    let expected = expected_parts(&all);
    let got = printed();
    // Phụ lục I: the six parts, each under its group title.
    let mut parts: Vec<Vec<Vec<String>>> = Vec::new();
    for row in &got[0].1 {
        if row.len() == 1 {
            parts.push(Vec::new());
        } else {
            parts.last_mut().unwrap().push(row.clone());
        }
    }
    assert_eq!(parts.len(), expected.len());
    for (i, want) in expected.iter().enumerate() {
        assert_eq!(&parts[i], want, "Phụ lục I, part {}", i + 1);
    }
    assert_eq!(got[1].1, expected_targets(&all), "{}", got[1].0);
    // VIII: funding, planned from the plan, spent from the report, totals.
    let money = |v: u64| ocop::vn::group_thousands(v);
    let funds = [
        (2_500_000_000u64, 2_180_000_000u64),
        (1_200_000_000, 1_200_000_000),
    ];
    let (p, s): (u64, u64) = (
        funds.iter().map(|f| f.0).sum(),
        funds.iter().map(|f| f.1).sum(),
    );
    let want: Vec<Vec<String>> = [
        ("Ngân sách tỉnh", funds[0]),
        ("Nguồn lồng ghép Chương trình mục tiêu quốc gia", funds[1]),
        ("Tổng cộng", (p, s)),
    ]
    .iter()
    .map(|(name, (p, s))| {
        vec![
            name.to_string(),
            money(*p),
            money(*s),
            format!("{}%", pct(100.0 * *s as f64 / *p as f64)),
        ]
    })
    .collect();
    assert_eq!(got[2].1, want, "{}", got[2].0);
    assert_eq!(got.len(), 3);
}
