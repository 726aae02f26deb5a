//! The year-end Báo cáo kết quả thực hiện Chương trình OCOP (NĐ 30 Mẫu
//! 1.4): the official's narrative, and at the section marked `results`
//! the year's results counted from the register against the plan's
//! targets, with the tables appended (Phụ lục I–III) and the chart of
//! products by star, this year against last. Every count is made here,
//! from the register's entries, once ([`Stats`]); the tables only print it.

use std::collections::BTreeMap;

use super::appendix::{Row, table_appendix};
use super::body::BodyComposer;
use super::common::{self, with_closing_mark};
use crate::doc::{self, Administrative, Appendix, BarChart, Block, Content, Document};
use crate::model::{Measure, Target};
use crate::numbering::Numberer;
use crate::validate::Checked;
use crate::validate::register::{CheckedRegister, Entry, Evaluation, OwnerType};
use crate::validate::year::CheckedReport;
use crate::vn::{self, Date};

/// Star ranks a recognition can have.
pub const STARS: [u8; 3] = [3, 4, 5];

/// Counts by star rank: [3★, 4★, 5★].
pub type ByStar = [u64; 3];

/// Every number of the report, counted from the register.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stats {
    pub year: i32,
    /// Recognitions decided in the year, and in the year before.
    pub recognised: ByStar,
    pub recognised_last_year: ByStar,
    /// Valid certificates on 31/12 of the year.
    pub valid: ByStar,
    /// Valid on 31/12, by category of the classification (code, name).
    pub by_group: BTreeMap<(usize, String), ByStar>,
    /// Valid on 31/12, by commune as it is now.
    pub by_commune: BTreeMap<String, ByStar>,
    /// Valid on 31/12, by type of subject.
    pub by_subject: BTreeMap<OwnerType, ByStar>,
    /// The year's recognitions by how they came about.
    pub by_evaluation: [(Evaluation, ByStar); 3],
    /// Valid on 31/12 and expiring in the next year, by quarter.
    pub expiring: [ByStar; 4],
    /// Certificates that expired in the year, and how many of their
    /// products were recognised again (re-evaluated or upgraded) by 31/12.
    pub expired_in_year: u64,
    pub renewed_in_year: u64,
    /// Subjects with a product recognised in the year.
    pub subjects: u64,
    /// Recognitions revoked in the year.
    pub revoked: u64,
}

fn star(s: u8) -> Option<usize> {
    STARS.iter().position(|x| *x == s)
}

fn add(counts: &mut ByStar, e: &Entry) {
    if let Some(i) = star(e.stars) {
        counts[i] += 1;
    }
}

pub fn total(c: &ByStar) -> u64 {
    c.iter().sum()
}

/// Counts every number of the report for `year` from `register`.
pub fn stats(register: &CheckedRegister, year: i32) -> Stats {
    let end = Date {
        year,
        month: 12,
        day: 31,
    };
    let mut s = Stats {
        year,
        by_evaluation: [
            (Evaluation::New, [0; 3]),
            (Evaluation::Again, [0; 3]),
            (Evaluation::Upgrade, [0; 3]),
        ],
        ..Stats::default()
    };
    let mut subjects = std::collections::BTreeSet::new();
    for e in &register.entries {
        if e.decision_date.year == year {
            add(&mut s.recognised, e);
            subjects.insert(e.key.1.clone());
            if let Some(slot) = s.by_evaluation.iter_mut().find(|(k, _)| *k == e.evaluation) {
                add(&mut slot.1, e);
            }
        }
        if e.decision_date.year == year - 1 {
            add(&mut s.recognised_last_year, e);
        }
        if e.revoked
            .as_ref()
            .and_then(|(_, d)| *d)
            .is_some_and(|d| d.year == year)
        {
            s.revoked += 1;
        }
        if e.expiry.year == year {
            s.expired_in_year += 1;
            let renewed = register.later(e, end).next().is_some();
            s.renewed_in_year += u64::from(renewed);
        }
        if !register.valid_on(e, end) {
            continue;
        }
        add(&mut s.valid, e);
        let group = match e.class {
            Some(c) => (category_index(c.category.code), c.category.name.to_string()),
            None => (usize::MAX, "Chưa xếp nhóm".to_string()),
        };
        add(s.by_group.entry(group).or_default(), e);
        let commune = e.commune_now.clone().unwrap_or_else(|| e.commune.clone());
        add(s.by_commune.entry(commune).or_default(), e);
        add(s.by_subject.entry(e.owner_type).or_default(), e);
        if e.expiry.year == year + 1 {
            add(&mut s.expiring[usize::from((e.expiry.month - 1) / 3)], e);
        }
    }
    s.subjects = subjects.len() as u64;
    s
}

fn category_index(code: &str) -> usize {
    ["I", "II", "III", "IV", "V", "VI"]
        .iter()
        .position(|c| *c == code)
        .unwrap_or(usize::MAX - 1)
}

/// What a target measures, counted; for a percentage, in per cent.
pub fn measured(s: &Stats, t: &Target) -> f64 {
    let from = t.min_stars.and_then(star).unwrap_or(0);
    let sum = |c: &ByStar| c[from..].iter().sum::<u64>() as f64;
    let kind = |k: Evaluation| {
        s.by_evaluation
            .iter()
            .find(|(e, _)| *e == k)
            .map(|(_, c)| sum(c))
            .unwrap_or(0.0)
    };
    match t.measure {
        Measure::Recognised => sum(&s.recognised),
        Measure::New => kind(Evaluation::New),
        Measure::ReEvaluated => kind(Evaluation::Again),
        Measure::Upgraded => kind(Evaluation::Upgrade),
        Measure::Valid => sum(&s.valid),
        Measure::Subjects => s.subjects as f64,
        Measure::ReEvaluatedPercent if s.expired_in_year == 0 => 100.0,
        Measure::ReEvaluatedPercent => 100.0 * s.renewed_in_year as f64 / s.expired_in_year as f64,
    }
}

/// A count as reports print it: 1.234, and 05 for counts under ten in
/// running text (`padded`).
fn n(v: u64) -> String {
    vn::group_thousands(v)
}

fn percent(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    crate::regime::score_text(r)
}

pub fn report(checked: &Checked<'_>, cr: &CheckedReport<'_>) -> Option<Document> {
    let register = checked.year.register.as_ref()?;
    let r = cr.spec;
    let s = stats(register, cr.year);
    let issuer = &checked.model.issuer;
    let symbol = r
        .symbol
        .clone()
        .unwrap_or_else(|| format!("BC-{}", issuer.symbol));
    let header = common::header(issuer, &r.number, symbol.clone(), cr.date);
    let subject = r.title.clone().unwrap_or_else(|| {
        format!(
            "Kết quả thực hiện Chương trình mỗi xã một sản phẩm (OCOP) {} năm {}",
            issuer.locality(),
            cr.year
        )
    });
    let mut body = Vec::new();
    body.push(Block::para(intro(checked, cr)));
    let bc = BodyComposer {
        units: checked.units.clone(),
        style: &crate::model::PlanStyle::default(),
        tables: &checked.tables,
        parts: Default::default(),
    };
    let root = Numberer::plan();
    let mut chart_at = 0;
    for (i, section) in cr.sections.iter().enumerate() {
        bc.section_at(section, &root, i, &mut body);
        if section.section.results {
            body.extend(results(&s, cr));
            chart_at = body.len();
        }
    }
    body.push(Block::para(with_closing_mark(&r.closing)));
    let signature = common::signature(&checked.units, &[], &r.recipients, &r.archive, cr.signer);
    let reference = common::reference(
        "Báo cáo",
        &header.number,
        &symbol,
        cr.date,
        &issuer.body_name(),
    );
    let appendices = tables(&s, cr, &reference);
    let report = Administrative {
        header,
        kind_name: "BÁO CÁO".into(),
        subject,
        to: r.to.iter().map(|t| checked.units.name(t, false)).collect(),
        preamble: Vec::new(),
        body,
        signature,
        appendices,
    };
    Some(common::administrative(
        cr.stem.clone(),
        "Báo cáo",
        cr.date.earliest(),
        report,
        |document| {
            Content::Report(doc::Report {
                document,
                chart: Some(chart(&s)),
                chart_at,
            })
        },
    ))
}

fn intro(checked: &Checked<'_>, cr: &CheckedReport<'_>) -> String {
    if let Some(t) = cr.spec.intro.as_deref().filter(|t| !t.trim().is_empty()) {
        return t.trim().to_string();
    }
    let issuer = &checked.model.issuer;
    let plan = checked.plan.as_ref().map(|p| {
        let number = p.plan.number.0.as_deref().map(vn::padded_number);
        match (number, p.date.complete()) {
            (Some(num), Some(d)) => format!(
                "Kế hoạch số {num}/{} ngày {} của {}",
                p.plan.symbol(issuer),
                d.short(),
                issuer.body_name()
            ),
            _ => format!("Kế hoạch thực hiện Chương trình OCOP năm {}", cr.year),
        }
    });
    format!(
        "Thực hiện {}, {} báo cáo kết quả thực hiện Chương trình OCOP năm {} như sau:",
        plan.unwrap_or_else(|| format!("Chương trình OCOP năm {}", cr.year)),
        issuer.body_name(),
        cr.year
    )
}

/// The paragraphs of the results section: the year's recognitions, the
/// stock at year end, and each target against its result.
fn results(s: &Stats, cr: &CheckedReport<'_>) -> Vec<Block> {
    let breakdown = |c: &ByStar| {
        STARS
            .iter()
            .zip(c)
            .rev()
            .filter(|(_, v)| **v > 0)
            .map(|(st, v)| format!("{} sản phẩm {st} sao", common::count(*v as usize)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kinds: Vec<String> = s
        .by_evaluation
        .iter()
        .map(|(k, c)| {
            format!(
                "{} {}",
                common::lower_first(k.name()),
                common::count(total(c) as usize)
            )
        })
        .collect();
    let mut out = vec![
        Block::item(
            "-",
            None,
            format!(
                "Trong năm {}, đã công nhận {} sản phẩm OCOP ({}), của {} chủ thể; trong đó {} (Phụ lục I, mục I và V). Năm {} công nhận {} sản phẩm.",
                s.year,
                common::count(total(&s.recognised) as usize),
                breakdown(&s.recognised),
                common::count(s.subjects as usize),
                kinds.join(", "),
                s.year - 1,
                common::count(total(&s.recognised_last_year) as usize)
            ),
        ),
        Block::item(
            "-",
            None,
            format!(
                "Đến ngày 31/12/{}, có {} sản phẩm OCOP còn hiệu lực ({}); phân theo nhóm sản phẩm, xã, phường và loại hình chủ thể tại Phụ lục I, mục II, III, IV. Có {} sản phẩm hết hạn Giấy chứng nhận trong năm {} cần đánh giá lại (Phụ lục I, mục VI).",
                s.year,
                common::count(total(&s.valid) as usize),
                breakdown(&s.valid),
                common::count(s.expiring.iter().map(total).sum::<u64>() as usize),
                s.year + 1
            ),
        ),
    ];
    if s.revoked > 0 {
        out.push(Block::item(
            "-",
            None,
            format!(
                "Thu hồi Giấy chứng nhận của {} sản phẩm.",
                common::count(s.revoked as usize)
            ),
        ));
    }
    for (text, t) in &cr.targets {
        let got = measured(s, t);
        let verdict = if got >= t.value {
            "đạt"
        } else {
            "chưa đạt"
        };
        let shown = match t.measure {
            Measure::ReEvaluatedPercent => format!("{}%", percent(got)),
            _ => format!("{}/{}", percent(got), percent(t.value)),
        };
        out.push(Block::item(
            "-",
            None,
            format!(
                "Chỉ tiêu \"{}\": thực hiện {shown}, {verdict} (Phụ lục II).",
                text.trim_end_matches(['.', ';'])
            ),
        ));
    }
    out
}

fn column(
    title: &'static str,
    width: u32,
    align: &'static str,
) -> (&'static str, u32, &'static str) {
    (title, width, align)
}

/// One part of the counts table: a group title over a row per entry, and
/// a total row where adding up makes sense.
fn star_part(title: &str, rows: Vec<(String, ByStar)>, totalled: bool, out: &mut Vec<Row>) {
    out.push(Row::Group {
        title: title.to_string(),
    });
    let mut sum = [0u64; 3];
    for (i, (name, c)) in rows.iter().enumerate() {
        for k in 0..3 {
            sum[k] += c[k];
        }
        out.push(Row::Cells {
            cells: vec![
                (i + 1).to_string(),
                name.clone(),
                n(c[0]),
                n(c[1]),
                n(c[2]),
                n(total(c)),
            ],
        });
    }
    if totalled {
        out.push(Row::Cells {
            cells: vec![
                String::new(),
                "Tổng cộng".into(),
                n(sum[0]),
                n(sum[1]),
                n(sum[2]),
                n(total(&sum)),
            ],
        });
    }
}

/// The parts of the counts table: (title, rows, totalled).
/// A part of the counts table: its title, its rows, whether it is totalled.
type Part = (String, Vec<(String, ByStar)>, bool);

fn star_parts(s: &Stats) -> Vec<Part> {
    let y = s.year;
    vec![
        (
            format!("I. SẢN PHẨM ĐƯỢC CÔNG NHẬN NĂM {} VÀ NĂM {y}", y - 1),
            vec![
                (format!("Năm {}", y - 1), s.recognised_last_year),
                (format!("Năm {y}"), s.recognised),
            ],
            // Years side by side are compared, not added up.
            false,
        ),
        (
            format!("II. SẢN PHẨM CÒN HIỆU LỰC ĐẾN 31/12/{y} THEO NHÓM SẢN PHẨM"),
            s.by_group
                .iter()
                .map(|((_, name), c)| (name.clone(), *c))
                .collect(),
            true,
        ),
        (
            format!("III. SẢN PHẨM CÒN HIỆU LỰC ĐẾN 31/12/{y} THEO XÃ, PHƯỜNG"),
            s.by_commune.iter().map(|(k, c)| (k.clone(), *c)).collect(),
            true,
        ),
        (
            format!("IV. SẢN PHẨM CÒN HIỆU LỰC ĐẾN 31/12/{y} THEO LOẠI HÌNH CHỦ THỂ"),
            OwnerType::ALL
                .iter()
                .filter_map(|t| s.by_subject.get(t).map(|c| (t.name().to_string(), *c)))
                .collect(),
            true,
        ),
        (
            format!("V. SẢN PHẨM ĐƯỢC CÔNG NHẬN NĂM {y} THEO HÌNH THỨC ĐÁNH GIÁ"),
            s.by_evaluation
                .iter()
                .map(|(k, c)| (k.name().to_string(), *c))
                .collect(),
            true,
        ),
        (
            format!("VI. SẢN PHẨM HẾT HẠN GIẤY CHỨNG NHẬN TRONG NĂM {}", y + 1),
            s.expiring
                .iter()
                .enumerate()
                .map(|(q, c)| (format!("Quý {} năm {}", vn::roman(q as u32 + 1), y + 1), *c))
                .collect(),
            true,
        ),
    ]
}

/// The appendices: the counts by star (one table in six parts), the
/// targets against their results, the funding. Landscape, like every
/// table appendix of ocop's documents.
fn tables(s: &Stats, cr: &CheckedReport<'_>, reference: &doc::Reference) -> Vec<Appendix> {
    let mut rows = Vec::new();
    for (title, part, totalled) in star_parts(s) {
        star_part(&title, part, totalled, &mut rows);
    }
    let mut out = vec![
        table_appendix(
            "Phụ lục I".into(),
            format!("SỐ LIỆU SẢN PHẨM OCOP NĂM {} THEO HẠNG SAO", s.year),
            reference.clone(),
            true,
            &[
                column("STT", 2, "center"),
                column("Nội dung", 14, "left"),
                column("3 sao", 3, "right"),
                column("4 sao", 3, "right"),
                column("5 sao", 3, "right"),
                column("Tổng số", 3, "right"),
            ],
            rows,
        ),
        targets_table(s, cr, reference),
    ];
    if !cr.funding.is_empty() {
        out.push(funding_table(cr, reference));
    }
    out
}

fn targets_table(s: &Stats, cr: &CheckedReport<'_>, reference: &doc::Reference) -> Appendix {
    let rows = cr
        .targets
        .iter()
        .enumerate()
        .map(|(i, (text, t))| {
            let got = measured(s, t);
            let unit = if t.measure == Measure::ReEvaluatedPercent {
                "%"
            } else {
                ""
            };
            let rate = if t.value > 0.0 {
                100.0 * got / t.value
            } else {
                100.0
            };
            Row::Cells {
                cells: vec![
                    (i + 1).to_string(),
                    text.clone(),
                    format!("{}{unit}", percent(t.value)),
                    format!("{}{unit}", percent(got)),
                    format!("{}%", percent(rate)),
                    if got >= t.value {
                        "Đạt"
                    } else {
                        "Chưa đạt"
                    }
                    .into(),
                ],
            }
        })
        .collect();
    table_appendix(
        "Phụ lục II".into(),
        format!("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM {}", s.year),
        reference.clone(),
        true,
        &[
            column("STT", 2, "center"),
            column("Chỉ tiêu kế hoạch", 12, "left"),
            column("Kế hoạch", 3, "right"),
            column("Thực hiện", 3, "right"),
            column("Tỷ lệ", 3, "right"),
            column("Đánh giá", 3, "center"),
        ],
        rows,
    )
}

fn funding_table(cr: &CheckedReport<'_>, reference: &doc::Reference) -> Appendix {
    let mut rows = Vec::new();
    let (mut planned, mut spent) = (0u64, 0u64);
    for (i, (source, p, s)) in cr.funding.iter().enumerate() {
        planned += p.unwrap_or(0);
        spent += s;
        rows.push(Row::Cells {
            cells: vec![
                (i + 1).to_string(),
                source.clone(),
                p.map(n).unwrap_or_default(),
                n(*s),
                p.filter(|p| *p > 0)
                    .map(|p| format!("{}%", percent(100.0 * *s as f64 / p as f64)))
                    .unwrap_or_default(),
            ],
        });
    }
    rows.push(Row::Cells {
        cells: vec![
            String::new(),
            "Tổng cộng".into(),
            n(planned),
            n(spent),
            if planned > 0 {
                format!("{}%", percent(100.0 * spent as f64 / planned as f64))
            } else {
                String::new()
            },
        ],
    });
    table_appendix(
        "Phụ lục III".into(),
        format!(
            "KINH PHÍ THỰC HIỆN CHƯƠNG TRÌNH OCOP NĂM {} (ĐỒNG)",
            cr.year
        ),
        reference.clone(),
        true,
        &[
            column("STT", 2, "center"),
            column("Nguồn kinh phí", 10, "left"),
            column("Kế hoạch", 5, "right"),
            column("Thực hiện", 5, "right"),
            column("Tỷ lệ", 3, "right"),
        ],
        rows,
    )
}

/// Products recognised by star, last year against this year.
fn chart(s: &Stats) -> BarChart {
    let max = s
        .recognised
        .iter()
        .chain(&s.recognised_last_year)
        .copied()
        .max()
        .unwrap_or(0);
    let step = nice_step(max);
    BarChart {
        title: format!(
            "Sản phẩm OCOP được công nhận theo hạng sao, năm {} và năm {}",
            s.year - 1,
            s.year
        ),
        series: vec![format!("Năm {}", s.year - 1), format!("Năm {}", s.year)],
        groups: STARS
            .iter()
            .enumerate()
            .map(|(i, st)| doc::ChartGroup {
                label: format!("{st} sao"),
                values: vec![s.recognised_last_year[i], s.recognised[i]],
                shown: vec![n(s.recognised_last_year[i]), n(s.recognised[i])],
            })
            .collect(),
        // One gridline above the highest bar, so its value has room.
        top: step * (max / step + 1),
        step,
        ticks: (0..=max / step + 1).map(|k| n(k * step)).collect(),
    }
}

/// A gridline step giving at most about five lines: 1, 2, 5, 10, 20 …
fn nice_step(max: u64) -> u64 {
    let mut step = 1;
    loop {
        for m in [1, 2, 5] {
            if max <= step * m * 5 {
                return step * m;
            }
        }
        step *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gridline_steps() {
        assert_eq!(nice_step(0), 1);
        assert_eq!(nice_step(4), 1);
        assert_eq!(nice_step(9), 2);
        assert_eq!(nice_step(23), 5);
        assert_eq!(nice_step(12_000), 5_000);
    }
}
