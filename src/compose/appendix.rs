//! Appendices (Phụ lục, NĐ 30 Mục III.1 and Mẫu 2.1) of every document
//! kind: the label ("Phụ lục" alone, "Phụ lục I", "II" … when there are
//! several), the reference line to the document they belong to, and the
//! orientation their tables need.

use crate::doc::{Administrative, Appendix, Block};
pub use crate::table::APPENDIX_TEXT_SIZE;
use crate::table::{LANDSCAPE, PORTRAIT, PORTRAIT_MAX_COLUMNS};
use crate::vn::{self, PartialDate};

/// The `i`-th (0-based) of `n` appendices: "Phụ lục" when it is the only
/// one, else numbered in Roman numerals.
pub fn label(i: usize, n: usize) -> String {
    if n <= 1 {
        "Phụ lục".into()
    } else {
        format!("Phụ lục {}", vn::roman(i as u32 + 1))
    }
}

/// "(Kèm theo Quyết định số 412/QĐ-UBND ngày 10 tháng 3 năm 2027 của …)";
/// a draft's blank number, day and month stay blank for the văn thư.
pub fn reference(
    kind: &str,
    number: &Option<String>,
    symbol: &str,
    date: PartialDate,
    authority: &str,
) -> String {
    let number = number.clone().unwrap_or_else(|| "      ".into());
    let day = date
        .day
        .map(|d| format!("{d:02}"))
        .unwrap_or_else(|| "     ".into());
    let month = date
        .month
        .map(vn::month_padded)
        .unwrap_or_else(|| "     ".into());
    format!(
        "(Kèm theo {kind} số {number}/{symbol} ngày {day} tháng {month} năm {} của {authority})",
        date.year
    )
}

/// An appendix; landscape when asked, else when a table in it has more
/// columns than a portrait page holds well.
pub fn appendix(
    label: String,
    title: String,
    reference: String,
    landscape: Option<bool>,
    body: Vec<Block>,
) -> Appendix {
    let landscape = landscape.unwrap_or_else(|| needs_landscape(&body));
    Appendix {
        label,
        title,
        reference,
        landscape,
        body,
    }
}

/// Whether a table of `body` is wider than a portrait page holds well.
pub fn needs_landscape(body: &[Block]) -> bool {
    body.iter()
        .any(|b| matches!(b, Block::Table(t) if t.columns.len() > PORTRAIT_MAX_COLUMNS))
}

/// Marks, in every table of `doc`, the cells whose words may not fit
/// their column on the page the table is printed on.
pub fn fit_tables(doc: &mut Administrative) {
    let fit = |blocks: &mut Vec<Block>, width_mm: f64| {
        for b in blocks {
            if let Block::Table(t) = b {
                t.fit(width_mm);
            }
        }
    };
    fit(&mut doc.body, PORTRAIT.width_mm);
    for a in &mut doc.appendices {
        let page = if a.landscape { LANDSCAPE } else { PORTRAIT };
        fit(&mut a.body, page.width_mm);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_appendix_is_unnumbered() {
        assert_eq!(label(0, 1), "Phụ lục");
        assert_eq!(label(1, 3), "Phụ lục II");
    }

    #[test]
    fn a_draft_reference_leaves_blanks() {
        let date = PartialDate {
            year: 2027,
            month: Some(1),
            day: None,
        };
        assert_eq!(
            reference(
                "Kế hoạch",
                &None,
                "KH-UBND",
                date,
                "Ủy ban nhân dân tỉnh Lai Châu"
            ),
            "(Kèm theo Kế hoạch số       /KH-UBND ngày       tháng 01 năm 2027 của Ủy ban nhân dân tỉnh Lai Châu)"
        );
    }
}
