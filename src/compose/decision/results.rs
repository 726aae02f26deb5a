//! The decision recognising a round's results: the counts by star rank
//! in Điều 1, what recognition gives in Điều 2, and the product list as
//! an appendix grouped by rank.

use super::{Frame, article};
use crate::compose::appendix::{self, APPENDIX_TEXT_SIZE};
use crate::compose::common::count;
use crate::doc::{Appendix, Block, Table};
use crate::model::Decision;
use crate::regime;
use crate::validate::Ranked;
use crate::vn::{self, PartialDate};

/// The subject, Điều 1 and 2, and the product list.
pub(super) fn results(
    d: &Decision,
    date: PartialDate,
    products: &[Ranked],
    frame: &Frame<'_>,
) -> (String, Vec<Block>, Vec<Appendix>) {
    let year = d.year.unwrap_or(date.year);
    let round = d.round.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let round_text = round.map(|r| format!(" ({r})")).unwrap_or_default();
    let locality = frame.locality;
    let subject = d.subject.clone().unwrap_or_else(|| {
        format!("Về việc công nhận sản phẩm đạt chuẩn OCOP {locality} năm {year}{round_text}")
    });
    let ranked = highest_first(products);
    let counts = by_rank(&ranked);
    let recognised = article(
        1,
        format!(
            "Công nhận {} sản phẩm của {} chủ thể đạt chuẩn sản phẩm OCOP {locality} năm {year}{round_text} (có Phụ lục kèm theo), trong đó: {}.",
            count(ranked.len()),
            count(owners(&ranked)),
            breakdown(&counts)
        ),
    );
    let title = format!(
        "DANH SÁCH SẢN PHẨM ĐẠT CHUẨN OCOP {} NĂM {year}{}",
        locality.to_uppercase(),
        round_text.to_uppercase()
    );
    let appendix = product_list(title, &ranked, &counts, frame);
    (
        subject,
        vec![recognised, what_it_gives(frame)],
        vec![appendix],
    )
}

/// The products grouped by rank, highest first; the list order within a
/// rank is kept.
fn highest_first(products: &[Ranked]) -> Vec<&Ranked> {
    let mut ranked: Vec<&Ranked> = products.iter().collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.stars));
    ranked
}

/// "05 sản phẩm đạt 4 sao; 02 sản phẩm đạt 3 sao" of `counts`.
fn breakdown(counts: &[(u8, usize)]) -> String {
    let parts: Vec<String> = (counts.iter())
        .map(|(s, n)| format!("{} sản phẩm đạt {s} sao", count(*n)))
        .collect();
    parts.join("; ")
}

/// How many products of each rank, highest first, as Điều 1 of the
/// recognising decision writes it (a Thông báo repeats it).
pub fn star_breakdown(products: &[Ranked]) -> String {
    breakdown(&by_rank(&highest_first(products)))
}

/// (stars, how many products) for each rank, in the order of `ranked`.
fn by_rank(ranked: &[&Ranked]) -> Vec<(u8, usize)> {
    let mut counts: Vec<(u8, usize)> = Vec::new();
    for r in ranked {
        match counts.last_mut() {
            Some((s, n)) if *s == r.stars => *n += 1,
            _ => counts.push((r.stars, 1)),
        }
    }
    counts
}

/// How many owners (chủ thể) the products have.
fn owners(ranked: &[&Ranked]) -> usize {
    let mut v: Vec<&str> = ranked.iter().map(|r| r.product.owner.trim()).collect();
    v.sort_unstable();
    v.dedup();
    v.len()
}

/// Điều 2: the certificate, the logo, how long recognition lasts.
fn what_it_gives(frame: &Frame<'_>) -> Block {
    let standing_text = (frame.standing)
        .map(|s| format!("{s} tổ chức công bố kết quả, trao Giấy chứng nhận cho các chủ thể. "))
        .unwrap_or_default();
    article(
        2,
        format!(
            "Các sản phẩm tại Điều 1 được cấp Giấy chứng nhận sản phẩm OCOP, được sử dụng biểu trưng (logo) OCOP và thể hiện số sao trên bao bì sản phẩm theo quy định. Kết quả công nhận có giá trị {} tháng kể từ ngày ký Quyết định này. {standing_text}Các chủ thể có trách nhiệm duy trì và nâng cao chất lượng sản phẩm theo Bộ tiêu chí.",
            count(frame.regime.validity_months as usize)
        ),
    )
}

/// The appendix: one group of rows per rank ("I. SẢN PHẨM ĐẠT 5 SAO"),
/// the products numbered through.
fn product_list(
    title: String,
    ranked: &[&Ranked],
    counts: &[(u8, usize)],
    frame: &Frame<'_>,
) -> Appendix {
    let mut table = Table::titled(
        &[
            ("STT", 2, "center"),
            ("Tên sản phẩm", 8, "left"),
            ("Chủ thể", 8, "left"),
            ("Địa chỉ", 9, "left"),
            ("Nhóm sản phẩm", 6, "left"),
            ("Điểm", 3, "center"),
            ("Hạng sao", 4, "center"),
            ("Ghi chú", 5, "left"),
        ],
        APPENDIX_TEXT_SIZE,
    );
    let mut n = 0;
    for (gi, (stars, _)) in counts.iter().enumerate() {
        table.push_group(format!(
            "{}. SẢN PHẨM ĐẠT {stars} SAO",
            vn::roman(gi as u32 + 1)
        ));
        for r in ranked.iter().filter(|r| r.stars == *stars) {
            n += 1;
            let p = &r.product;
            table.push_row(vec![
                n.to_string(),
                p.name.trim().to_string(),
                p.owner.trim().to_string(),
                p.address.trim().to_string(),
                r.group.clone().unwrap_or_default(),
                regime::score_text(p.score),
                format!("{stars} sao"),
                p.note.clone().unwrap_or_default(),
            ]);
        }
    }
    let reference = frame.reference.clone();
    appendix::appendix(
        "Phụ lục".into(),
        title,
        reference,
        Some(true),
        vec![Block::Table(table)],
    )
}
