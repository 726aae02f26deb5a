//! A composed table as a real Word table: a grid of fixed column widths,
//! single 0.5 pt lines on every side as NĐ 30 documents print them,
//! header rows repeated on every page (`w:tblHeader`), cells merged across
//! (`w:gridSpan`) and down (`w:vMerge`), text at the table's size.

use std::fmt::Write as _;

use super::xml::{Font, Jc, Para, Twips, eighths, paragraph, pt, run};
use crate::doc::{self, Cell, Table};
use crate::nd30::layout;

/// Cell padding above and below the text: Word's line is taller than
/// Typst's (the font's full line gap), so less padding gives rows the
/// PDF's height and the table breaks across pages where the PDF's does.
const PADDING_Y: Twips = 20;

/// What a grid position holds in a row.
#[derive(Clone, Copy)]
enum Slot<'a> {
    /// A cell starts here.
    Start(&'a Cell),
    /// A cell from a row above covers it, `span` columns wide.
    Below { span: u32 },
    /// The cell to the left spans it.
    Across,
    /// Nothing (a row too short; validation refuses those).
    Empty,
}

/// Writes `t` with columns summing to `width`.
pub fn table(out: &mut String, t: &Table, width: Twips) {
    let font = Font::new(f64::from(t.size));
    if let Some(title) = &t.title {
        let p = Para {
            keep_next: true,
            after: Some(pt(6.0)),
            ..Para::lines(Jc::Center)
        };
        paragraph(out, &p, |o| run(o, title, font.bold()));
    }
    if let Some(unit) = &t.unit {
        let p = Para {
            keep_next: true,
            after: Some(pt(3.0)),
            ..Para::lines(Jc::Right)
        };
        paragraph(out, &p, |o| run(o, unit, font.italic()));
    }
    let widths = column_widths(
        &t.columns.iter().map(|c| c.width).collect::<Vec<_>>(),
        t.columns.len().max(1),
        width,
    );
    start(out, &widths);
    for (rows, header) in [(&t.header, true), (&t.rows, false)] {
        for row in grid(rows, widths.len()) {
            write_row(out, t, &widths, &row, header, font);
        }
    }
    out.push_str("</w:tbl>");
}

fn start(out: &mut String, widths: &[Twips]) {
    let total: Twips = widths.iter().sum();
    // The PDF's stroke and inset (nd30-layout.toml).
    let layout = &layout().appendix;
    let line = eighths(layout.table_stroke_pt);
    let padding = pt(layout.cell_inset_pt);
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblBorders>"
    );
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            out,
            "<w:{side} w:val=\"single\" w:sz=\"{line}\" w:space=\"0\" w:color=\"000000\"/>"
        );
    }
    let _ = write!(
        out,
        "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"{PADDING_Y}\" w:type=\"dxa\"/>\
<w:left w:w=\"{padding}\" w:type=\"dxa\"/><w:bottom w:w=\"{PADDING_Y}\" w:type=\"dxa\"/><w:right w:w=\"{padding}\" w:type=\"dxa\"/>\
</w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>"
    );
    for w in widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
}

/// `rows` on a grid `n` columns wide, as `doc::place` places them.
fn grid(rows: &[Vec<Cell>], n: usize) -> Vec<Vec<Slot<'_>>> {
    let placed = doc::place(rows, n);
    let mut grid: Vec<Vec<Slot<'_>>> = vec![vec![Slot::Empty; n]; rows.len()];
    for (r, (row, starts)) in rows.iter().zip(&placed.starts).enumerate() {
        for (cell, &col) in row.iter().zip(starts) {
            let span = (cell.cols.max(1) as usize).min(n - col);
            if !matches!(grid[r][col], Slot::Empty) {
                continue;
            }
            grid[r][col] = Slot::Start(cell);
            for slot in &mut grid[r][col + 1..col + span] {
                *slot = Slot::Across;
            }
            for below in grid
                .iter_mut()
                .skip(r + 1)
                .take(cell.rows.max(1) as usize - 1)
            {
                below[col] = Slot::Below { span: span as u32 };
                for slot in &mut below[col + 1..col + span] {
                    *slot = Slot::Across;
                }
            }
        }
    }
    grid
}

fn write_row(
    out: &mut String,
    t: &Table,
    widths: &[Twips],
    row: &[Slot<'_>],
    header: bool,
    font: Font,
) {
    // As in the PDF: a row stays on one page unless it is too tall for one.
    let split = row.iter().any(|s| matches!(s, Slot::Start(c) if c.split));
    out.push_str("<w:tr><w:trPr>");
    if header || !split {
        out.push_str("<w:cantSplit/>");
    }
    if header {
        out.push_str("<w:tblHeader/>");
    }
    out.push_str("</w:trPr>");
    for (col, slot) in row.iter().enumerate() {
        let span = match slot {
            Slot::Start(c) => (c.cols.max(1) as usize).min(widths.len() - col),
            Slot::Below { span } => *span as usize,
            Slot::Across => continue,
            Slot::Empty => 1,
        };
        let width: Twips = widths[col..col + span].iter().sum();
        let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
        if span > 1 {
            let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
        }
        match slot {
            Slot::Start(c) if c.rows > 1 => out.push_str("<w:vMerge w:val=\"restart\"/>"),
            Slot::Below { .. } => out.push_str("<w:vMerge/>"),
            _ => {}
        }
        out.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
        let (text, jc, bold) = match slot {
            Slot::Start(c) => {
                let align = match (c.align, header) {
                    (Some(a), _) => a,
                    (None, true) => "center",
                    (None, false) => t.columns.get(col).map_or("left", |c| c.align),
                };
                (c.text.as_str(), Jc::from_column(align), c.bold || header)
            }
            _ => ("", Jc::Left, false),
        };
        paragraph(out, &Para::lines(jc), |o| {
            run(o, text, font.with_bold(bold))
        });
        out.push_str("</w:tc>");
    }
    out.push_str("</w:tr>");
}

/// Column widths in twips proportional to `fr`, summing to `total`.
pub fn column_widths(fr: &[u32], n: usize, total: Twips) -> Vec<Twips> {
    let fr: Vec<u64> = (0..n)
        .map(|i| u64::from(fr.get(i).copied().unwrap_or(0)))
        .collect();
    let sum: u64 = fr.iter().sum();
    let mut widths: Vec<Twips> = if sum == 0 {
        vec![total / n as Twips; n]
    } else {
        fr.iter()
            .map(|f| (total as u64 * f / sum) as Twips)
            .collect()
    };
    let used: Twips = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total - used;
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Column;

    fn table(header: Vec<Vec<Cell>>, rows: Vec<Vec<Cell>>, n: usize) -> Table {
        Table {
            title: None,
            unit: None,
            columns: (0..n)
                .map(|_| Column {
                    width: 1,
                    align: "left",
                })
                .collect(),
            header,
            rows,
            size: 12,
        }
    }

    #[test]
    fn widths_proportional_and_exact() {
        let w = column_widths(&[2, 8, 8, 9, 6, 3, 4, 5], 8, 14287);
        assert_eq!(w.iter().sum::<Twips>(), 14287);
        assert_eq!(w[1], w[2]);
        assert!(w[0] * 4 - w[1] <= 4);
        assert_eq!(column_widths(&[0, 0], 2, 100), vec![50, 50]);
        assert_eq!(column_widths(&[], 1, 100), vec![100]);
    }

    #[test]
    fn merged_cells_become_spans_and_vertical_merges() {
        let tall = |t: &str| Cell {
            rows: 2,
            ..Cell::new(t)
        };
        let header = vec![
            vec![
                tall("TT"),
                Cell {
                    cols: 2,
                    ..Cell::new("Chia ra")
                },
            ],
            vec![Cell::new("A"), Cell::new("B")],
        ];
        let t = table(
            header,
            vec![vec![Cell::new("1"), Cell::new("x"), Cell::new("y")]],
            3,
        );
        let mut out = String::new();
        super::table(&mut out, &t, 3000);
        assert_eq!(out.matches("<w:tblHeader/>").count(), 2, "{out}");
        assert!(out.contains("<w:gridSpan w:val=\"2\"/>"));
        assert!(out.contains("<w:vMerge w:val=\"restart\"/>"));
        assert_eq!(out.matches("<w:vMerge/>").count(), 1);
        // Every row covers the three grid columns.
        assert_eq!(out.matches("<w:tc>").count(), 2 + 3 + 3);
        assert!(out.contains("<w:insideV w:val=\"single\" w:sz=\"4\""));
    }
}
