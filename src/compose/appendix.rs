//! Appendices (Phụ lục, NĐ 30 Mục III.1 and Mẫu 2.1) of every document
//! kind: the label ("Phụ lục" alone, "Phụ lục I", "II" … when there are
//! several), the reference line to the document they belong to, and the
//! orientation their tables need.

use crate::doc::{Administrative, Appendix, Block, Reference, Table};
pub use crate::table::APPENDIX_TEXT_SIZE;
use crate::table::{LANDSCAPE, PORTRAIT, PORTRAIT_MAX_COLUMNS};
use crate::vn;

/// The `i`-th (0-based) of `n` appendices: "Phụ lục" when it is the only
/// one, else numbered in Roman numerals.
pub fn label(i: usize, n: usize) -> String {
    if n <= 1 {
        "Phụ lục".into()
    } else {
        format!("Phụ lục {}", vn::roman(i as u32 + 1))
    }
}

/// An appendix; landscape when asked, else when a table in it has more
/// columns than a portrait page holds well.
pub fn appendix(
    label: String,
    title: String,
    reference: Reference,
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

/// A row of an appendix's one table, as the composers build it.
pub enum Row {
    /// A group title spanning the table, in bold: "I. SẢN PHẨM ĐẠT 4 SAO".
    Group {
        title: String,
    },
    Cells {
        cells: Vec<String>,
    },
}

/// An appendix holding one table whose header is a row of column titles
/// (title, relative width, alignment), at the appendices' text size.
pub fn table_appendix(
    label: String,
    title: String,
    reference: Reference,
    landscape: bool,
    columns: &[(&str, u32, &'static str)],
    rows: Vec<Row>,
) -> Appendix {
    let mut table = Table::titled(columns, APPENDIX_TEXT_SIZE);
    for row in rows {
        match row {
            Row::Group { title } => table.push_group(title),
            Row::Cells { cells } => table.push_row(cells),
        }
    }
    appendix(
        label,
        title,
        reference,
        Some(landscape),
        vec![Block::Table(table)],
    )
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
}
