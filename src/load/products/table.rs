//! From a sparse table to product rows: the header row
//! ([`super::header_row`]), the columns ([`super::columns`]), then each
//! row ([`super::rows`]) with its fields typed and checked
//! ([`super::fields`]).

use std::path::Path;

use super::ctx::Ctx;
use super::header::{ColumnMap, ListKind};
use super::header_row::{Header, no_header};
use super::rows::{Record, RowReader};
use super::{Sheet, Table, columns};
use crate::diag::Diagnostic;

/// The product rows of a table, with every problem of the table and its rows.
pub(crate) fn products<T: Record>(path: &Path, table: Table, map: &ColumnMap) -> Sheet<T> {
    let ctx = Ctx {
        path,
        sheet: table.sheet.as_deref(),
        is_1904: table.is_1904,
        kind: T::KIND,
    };
    let mut diagnostics = table.notes;
    let Some(mut header) = Header::find(&table.rows, map, T::KIND) else {
        diagnostics.push(naming_other_sheets(
            no_header(&ctx, &table.rows),
            &table.others,
        ));
        return Sheet {
            rows: Vec::new(),
            layout: None,
            diagnostics,
        };
    };
    header.skip_column_numbering(&ctx, &table.rows, &mut diagnostics);
    let columns = columns::resolve(&ctx, &header, map, &mut diagnostics);
    if let Some(first) = diagnostics.iter().position(Diagnostic::is_error) {
        diagnostics[first] = naming_other_sheets(diagnostics[first].clone(), &table.others);
        return Sheet {
            rows: Vec::new(),
            layout: None,
            diagnostics,
        };
    }
    if T::KIND == ListKind::Register {
        super::register::marks(&ctx, &header, &columns, &table.marks, &mut diagnostics);
    }
    let layout = Some((header.row, columns.clone()));
    let mut reader = RowReader::new(&ctx, &header, columns, &table.widths);
    let rows = table.rows[header.first_data..]
        .iter()
        .filter_map(|r| reader.read(r, &mut diagnostics))
        .collect();
    reader.finish(&mut diagnostics);
    Sheet {
        rows,
        layout,
        diagnostics,
    }
}

/// When the sheet read holds no list, the hint names the file's other sheets.
fn naming_other_sheets(d: Diagnostic, others: &[String]) -> Diagnostic {
    if others.is_empty() {
        return d;
    }
    let names: Vec<String> = others.iter().map(|n| format!("\"{n}\"")).collect();
    let note = format!(
        "tệp còn các trang tính {}: nếu danh sách ở đó, chỉ định trang tính cần đọc (--sheet, hoặc sheet: trong YAML)",
        names.join(", ")
    );
    let hint = match &d.hint {
        Some(h) => format!("{h}; {note}"),
        None => note,
    };
    d.hint(hint)
}
