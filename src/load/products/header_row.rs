//! Where the list starts: the header row (the first row naming at least
//! two of our columns, title rows above it skipped), a second header row
//! under a merged group title, and a row that only numbers the columns.

use std::collections::BTreeSet;

use super::fields::{shown, text_of};
use super::grid::{Row, Value, cell_name, column_name};
use super::header::{ColumnMap, ListKind, header_key};
use super::table::Ctx;
use crate::diag::Diagnostic;

/// How far down the header row is looked for.
const HEADER_SCAN_ROWS: usize = 30;

/// The header of the list.
pub(super) struct Header {
    /// The header's row number, as the spreadsheet shows it.
    pub row: u32,
    /// (0-based column, title) of every titled column, by column.
    pub titles: Vec<(u32, String)>,
    /// Index (into the table's rows) of the first row under the header.
    pub first_data: usize,
}

impl Header {
    /// The first row naming at least two of our columns, with the second
    /// header row under it if there is one.
    pub fn find(rows: &[Row], map: &ColumnMap, kind: ListKind) -> Option<Header> {
        let h = rows
            .iter()
            .take(HEADER_SCAN_ROWS)
            .position(|r| recognised(r, map, kind).len() >= 2)?;
        let mut header = Header {
            row: rows[h].number,
            titles: rows[h]
                .cells
                .iter()
                .filter_map(|(c, v)| text_of(v).map(|t| (*c, t.trim().to_string())))
                .collect(),
            first_data: h + 1,
        };
        if let Some(next) = rows.get(h + 1)
            && header.take_second_row(&rows[h], next, map, kind)
        {
            header.first_data = h + 2;
        }
        Some(header)
    }

    /// A second header row under a merged group title ("Kết quả đánh giá"
    /// over "Điểm" and "Hạng sao"): its titles of fields the first row
    /// lacks replace the group titles above them. Whether it was one.
    fn take_second_row(
        &mut self,
        first: &Row,
        next: &Row,
        map: &ColumnMap,
        kind: ListKind,
    ) -> bool {
        if next.number != self.row + 1
            || !next.cells.iter().all(|(_, v)| matches!(v, Value::Text(_)))
        {
            return false;
        }
        let above = recognised(first, map, kind);
        let new: Vec<(u32, String)> = next
            .cells
            .iter()
            .filter_map(|(c, v)| {
                let t = text_of(v)?;
                let f = kind.field_of(t)?;
                let over = self.titles.iter().find(|(hc, _)| hc == c);
                let free = over.is_none_or(|(_, ht)| kind.field_of(ht).is_none());
                (free && !above.contains(&f)).then(|| (*c, t.trim().to_string()))
            })
            .collect();
        if new.is_empty() {
            return false;
        }
        for (c, t) in new {
            self.titles.retain(|(hc, _)| *hc != c);
            self.titles.push((c, t));
        }
        self.titles.sort_by_key(|(c, _)| *c);
        true
    }

    /// Skips a row numbering the columns, "(1) (2) (3) …" or "1 2 3 …",
    /// with a warning.
    pub fn skip_column_numbering(
        &mut self,
        ctx: &Ctx<'_>,
        rows: &[Row],
        out: &mut Vec<Diagnostic>,
    ) {
        if let Some(r) = rows.get(self.first_data)
            && is_column_numbering(r)
        {
            out.push(ctx.at(
                Diagnostic::warning("dòng chỉ đánh số thứ tự các cột, bỏ qua"),
                r.number,
                None,
            ));
            self.first_data += 1;
        }
    }

    /// "\"Tên SP\" (B), \"Điểm\" (F)": the titles found, for messages.
    pub fn listed(&self) -> String {
        self.titles
            .iter()
            .map(|(c, t)| format!("\"{}\" ({})", super::fields::one_line(t), column_name(*c)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The fields a row's texts name, by the map's titles or by their words.
fn recognised(r: &Row, map: &ColumnMap, kind: ListKind) -> BTreeSet<super::header::Field> {
    r.cells
        .iter()
        .filter_map(|(_, v)| text_of(v))
        .filter_map(|t| {
            map.entries()
                .find(|(_, m)| header_key(m) == header_key(t))
                .map(|(f, _)| f)
                .or_else(|| kind.field_of(t))
        })
        .collect()
}

/// The error when no row looks like a header: the first rows quoted.
pub(super) fn no_header(ctx: &Ctx<'_>, rows: &[Row]) -> Diagnostic {
    let found = if rows.is_empty() {
        "trang tính không có ô nào có dữ liệu".to_string()
    } else {
        let first: Vec<String> = rows.iter().take(5).map(quoted_row).collect();
        format!("các dòng đầu: {}", first.join("; "))
    };
    ctx.whole(
        Diagnostic::error(format!(
            "không tìm thấy dòng tiêu đề của danh sách ({found})"
        ))
        .hint(format!(
            "dòng tiêu đề cần ít nhất hai cột như: {}; nếu tiêu đề ghi khác, chỉ rõ cột trong YAML, ví dụ columns: {{ name: \"Tên SP\", owner: \"C\" }}",
            headers(ctx.kind)
        )),
    )
}

/// "Tên sản phẩm, Chủ thể, …": the usual headers of a kind's fields.
pub(super) fn headers(kind: ListKind) -> String {
    kind.fields()
        .iter()
        .map(|f| f.header())
        .collect::<Vec<_>>()
        .join(", ")
}

/// "dòng 3: A3: STT | B3: Tên", the first cells of a row.
fn quoted_row(r: &Row) -> String {
    let cells: Vec<String> = r
        .cells
        .iter()
        .take(8)
        .map(|(c, v)| format!("{}: {}", cell_name(*c, r.number), shown(v)))
        .collect();
    format!("dòng {}: {}", r.number, cells.join(" | "))
}

/// A row of column numbers: "1 2 3 …" or "(1) (2) (3) …", at least three.
fn is_column_numbering(r: &Row) -> bool {
    if r.cells.len() < 3 {
        return false;
    }
    let numbers: Vec<Option<f64>> = r
        .cells
        .iter()
        .map(|(_, v)| match v {
            Value::Number { value, date: false } => Some(*value),
            Value::Text(t) => t
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim()
                .parse::<f64>()
                .ok(),
            _ => None,
        })
        .collect();
    numbers.iter().all(Option::is_some)
        && numbers
            .windows(2)
            .all(|w| w[1].unwrap_or(0.0) == w[0].unwrap_or(0.0) + 1.0)
}
