//! Any other table as the author's table block, every cell kept: the
//! header rows with their merged cells (a cell followed by empty ones the
//! row below fills spans them; one with nothing under it spans down), the
//! body rows as they stand, a row of one cell across the table a group
//! row, and a last "Tổng cộng" row that adds up its columns as the total
//! ocop computes (one that does not stays a row, with a note).

use super::grid::{Read, is_total, text};
use crate::model::table::{Cell, CellFields, Table, TableColumn, TableRow, TableTotal};
use crate::number::Number;

/// The table, and what the reader should check in it.
pub fn table(r: &Read) -> (Table, Vec<String>) {
    let mut checks = Vec::new();
    let mut columns: Vec<TableColumn> = vec![TableColumn::default(); r.cols];
    if let Some(widths) = relative_widths(&r.widths, r.cols) {
        for (col, w) in columns.iter_mut().zip(widths) {
            col.width = Some(w);
        }
    }
    let mut header = header(&r.rows[..r.header]);
    // A header of one row without merged cells is the columns' titles.
    if header.len() == 1 && header[0].iter().all(|c| matches!(c, Cell::Text(_))) {
        for (col, cell) in columns.iter_mut().zip(header.remove(0)) {
            col.title = Some(cell.text().to_string());
        }
    }
    let mut body: Vec<&Vec<Vec<String>>> = r.body().iter().collect();
    let mut total = None;
    if let Some(last) = body.last()
        && let Some(label) = last.iter().take(2).map(|c| text(c)).find(|t| is_total(t))
    {
        match summed(r, &body[..body.len() - 1], last) {
            Some(sums) => {
                for c in sums {
                    columns[c].sum = true;
                }
                total = Some(if label == "Tổng cộng" {
                    TableTotal::Computed(true)
                } else {
                    TableTotal::Label(label)
                });
                body.pop();
            }
            None => checks.push(format!(
                "dòng \"{label}\" của bảng không khớp tổng các dòng trên nó (hoặc có ô không phải số): giữ nguyên như bản gốc, xem lại số liệu"
            )),
        }
    }
    let rows = body.iter().map(|row| body_row(row)).collect();
    (
        Table {
            title: None,
            unit: r.unit.clone(),
            columns,
            header,
            rows,
            total,
        },
        checks,
    )
}

/// The columns' widths as the small whole numbers ocop's `width` takes
/// (2, 9, 5 for columns of 2/16, 9/16 and 5/16 of the table): the fewest
/// parts of the table's width that give every column within a tenth of a
/// part, else hundredths. None when a column's width is unknown, or all
/// are the same (ocop's own default).
fn relative_widths(widths: &[Option<u32>], cols: usize) -> Option<Vec<u32>> {
    let widths: Vec<f64> = (0..cols)
        .map(|c| widths.get(c).copied().flatten().map(f64::from))
        .collect::<Option<_>>()?;
    let total: f64 = widths.iter().sum();
    if cols < 2
        || total <= 0.0
        || widths
            .iter()
            .all(|&w| (w - widths[0]).abs() <= total / 200.0)
    {
        return None;
    }
    let parts = |n: f64| widths.iter().map(move |w| w / total * n);
    let fits = |n: f64| parts(n).all(|p| p >= 0.9 && (p - p.round()).abs() <= 0.1);
    let n = (cols as u32..=60)
        .map(f64::from)
        .find(|&n| fits(n))
        .unwrap_or(100.0);
    Some(parts(n).map(|p| (p.round() as u32).max(1)).collect())
}

fn body_row(row: &[Vec<String>]) -> TableRow {
    let filled = row.iter().filter(|c| !c.is_empty()).count();
    if row.len() >= 3 && filled == 1 && !row[0].is_empty() {
        return TableRow::Fields(crate::model::table::RowFields {
            group: Some(text(&row[0])),
            ..Default::default()
        });
    }
    TableRow::Cells(row.iter().map(|c| Cell::Text(text(c))).collect())
}

/// The columns the totals row adds up: each of its numbers the sum of
/// the column above (every cell of which is a number written as ocop
/// writes it, "-" or empty), the label before them; None when any does
/// not.
fn summed(r: &Read, body: &[&Vec<Vec<String>>], total: &[Vec<String>]) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for (c, cell) in total.iter().enumerate() {
        let stated = text(cell);
        if stated.is_empty() || is_total(&stated) {
            continue;
        }
        let mut sum = Number::ZERO;
        for row in body {
            let t = text(&row[c]);
            if t.is_empty() || t == "-" {
                continue;
            }
            let n = Number::parse(&t).ok().filter(|n| n.to_string() == t)?;
            sum = sum.checked_add(n)?;
        }
        let n = Number::parse(&stated).ok()?;
        if n != sum || n.to_string() != stated {
            return None;
        }
        out.push(c);
    }
    let label_at = total.iter().position(|c| is_total(&text(c)))?;
    (!out.is_empty() && out.iter().all(|&c| c > label_at) && r.cols > out.len()).then_some(out)
}

/// The header rows as cells with their spans.
fn header(rows: &[Vec<Vec<String>>]) -> Vec<Vec<Cell>> {
    let n = rows.len();
    let cols = rows.first().map_or(0, Vec::len);
    let mut covered = vec![vec![false; cols]; n];
    let mut out = Vec::new();
    for r in 0..n {
        let mut row = Vec::new();
        let mut c = 0;
        while c < cols {
            if covered[r][c] {
                c += 1;
                continue;
            }
            let t = text(&rows[r][c]);
            let below_filled = |k: usize| (r + 1..n).any(|b| !rows[b][k].is_empty());
            let mut span = 1;
            if !t.is_empty() {
                while c + span < cols
                    && rows[r][c + span].is_empty()
                    && !covered[r][c + span]
                    && below_filled(c + span)
                {
                    span += 1;
                }
            }
            let mut down = 1;
            if !t.is_empty() {
                while r + down < n && (c..c + span).all(|k| rows[r + down][k].is_empty()) {
                    down += 1;
                }
            }
            for row_below in covered.iter_mut().skip(r).take(down) {
                for k in row_below.iter_mut().skip(c).take(span) {
                    *k = true;
                }
            }
            row.push(if span == 1 && down == 1 {
                Cell::Text(t)
            } else {
                Cell::Fields(CellFields {
                    text: t,
                    cols: (span > 1).then_some(span as u32),
                    rows: (down > 1).then_some(down as u32),
                    ..CellFields::default()
                })
            });
            c += span;
        }
        out.push(row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::grid::rows;

    #[test]
    fn widths_come_back_as_the_fewest_parts_of_the_table() {
        // A .docx grid of 2:9:5:4:4:4 over 9355 twips, rounded to twips.
        let grid: Vec<Option<u32>> = [2, 9, 5, 4, 4, 4]
            .iter()
            .map(|w| Some((f64::from(*w) * 9355.0 / 28.0).round() as u32))
            .collect();
        assert_eq!(relative_widths(&grid, 6), Some(vec![2, 9, 5, 4, 4, 4]));
        // A PDF's rules, a point off here and there: the same parts.
        let ruled = [
            Some(668),
            Some(3020),
            Some(1650),
            Some(1346),
            Some(1330),
            Some(1341),
        ];
        assert_eq!(relative_widths(&ruled, 6), Some(vec![2, 9, 5, 4, 4, 4]));
        // Halves become whole parts: 1:1.5 is 2:3.
        assert_eq!(
            relative_widths(&[Some(1000), Some(1500)], 2),
            Some(vec![2, 3])
        );
        // No common measure: hundredths.
        assert_eq!(
            relative_widths(&[Some(1000), Some(1414), Some(1732)], 3),
            Some(vec![24, 34, 42])
        );
        // Equal columns, a width unknown, one column: nothing to say.
        assert_eq!(relative_widths(&[Some(500), Some(501)], 2), None);
        assert_eq!(relative_widths(&[Some(500), None], 2), None);
        assert_eq!(relative_widths(&[Some(500)], 2), None);
    }

    #[test]
    fn merged_header_cells_and_a_total_that_adds_up() {
        let r = Read::new(
            rows(&[
                &["TT", "Nhóm", "Chỉ tiêu", ""],
                &["", "", "Mới", "Nâng hạng"],
                &["1", "Thực phẩm", "14", "3"],
                &["2", "Đồ uống", "4", "-"],
                &["Tổng cộng", "", "18", "3"],
            ]),
            None,
        );
        let (t, checks) = table(&r);
        assert!(checks.is_empty(), "{checks:?}");
        assert_eq!(t.header.len(), 2);
        assert_eq!(
            t.header[0][0].fields().map(|f| (f.rows, f.cols)),
            Some((Some(2), None))
        );
        assert_eq!(
            t.header[0][2].fields().map(|f| (f.rows, f.cols)),
            Some((None, Some(2)))
        );
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.total, Some(TableTotal::Computed(true)));
        assert!(t.columns[2].sum && t.columns[3].sum);
    }

    #[test]
    fn a_total_that_does_not_add_up_stays_a_row_to_check() {
        let r = Read::new(
            rows(&[
                &["TT", "Nhóm", "Số"],
                &["1", "Thực phẩm", "14"],
                &["Tổng cộng", "", "15"],
            ]),
            None,
        );
        let (t, checks) = table(&r);
        assert_eq!(checks.len(), 1);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.total, None);
    }
}
