//! Which column each field is read from: the columns the map names
//! first, then the header titles by their words. A second column for a
//! field already read, a title nobody reads and a required field with no
//! column are reported.

use super::fields::one_line;
use super::grid::column_name;
use super::header::{ColumnMap, ColumnRef, Field, column_ref, header_key};
use super::header_row::{Header, headers};
use super::table::Ctx;
use crate::diag::Diagnostic;

/// Unused columns listed one by one before "và … cột khác".
const LIST_MAX: usize = 10;

/// (field, 0-based column) of every field read, by column.
pub(super) type Columns = Vec<(Field, u32)>;

/// The columns of the list, with a problem for each that cannot be settled.
pub(super) fn resolve(
    ctx: &Ctx<'_>,
    header: &Header,
    map: &ColumnMap,
    out: &mut Vec<Diagnostic>,
) -> Columns {
    let mut columns = named_by_map(ctx, header, map, out);
    let unused = claim_by_titles(ctx, header, map, &mut columns, out);
    columns.sort_by_key(|(_, c)| *c);
    report_unused(ctx, header.row, &unused, out);
    report_missing(ctx, header, map, &columns, out);
    columns
}

/// The columns the map names, by letter or by title.
fn named_by_map(
    ctx: &Ctx<'_>,
    header: &Header,
    map: &ColumnMap,
    out: &mut Vec<Diagnostic>,
) -> Columns {
    let mut columns = Columns::new();
    for (f, v) in map.entries() {
        let Some(f) = ctx.kind.accept(f) else {
            out.push(ctx.at(
                Diagnostic::error(format!(
                    "columns.{} chỉ dùng cho sổ đăng ký sản phẩm, không dùng cho danh sách một đợt",
                    f.key()
                ))
                .hint(format!("các cột của danh sách: {}", headers(ctx.kind))),
                header.row,
                None,
            ));
            continue;
        };
        match column_ref(v, &header.titles) {
            ColumnRef::Letter(c) => columns.push((f, c)),
            ColumnRef::Header(t) => {
                let key = header_key(&t);
                match header.titles.iter().find(|(_, h)| header_key(h) == key) {
                    Some((c, _)) => columns.push((f, *c)),
                    None => out.push(
                        ctx.at(
                            Diagnostic::error(format!(
                                "không có cột tiêu đề \"{}\" (theo columns.{})",
                                t.trim(),
                                f.key()
                            ))
                            .hint(format!(
                                "các tiêu đề tìm thấy: {}; ghi đúng tiêu đề hoặc chữ cái của cột",
                                header.listed()
                            )),
                            header.row,
                            None,
                        ),
                    ),
                }
            }
        }
    }
    columns
}

/// The titled columns the map left, each read as the field its title
/// names (the first column of a field wins); returns the titles no field
/// claims.
fn claim_by_titles(
    ctx: &Ctx<'_>,
    header: &Header,
    map: &ColumnMap,
    columns: &mut Columns,
    out: &mut Vec<Diagnostic>,
) -> Vec<(u32, String)> {
    let mut unused = Vec::new();
    for (c, t) in &header.titles {
        if columns.iter().any(|(_, mc)| mc == c) {
            continue;
        }
        match ctx.kind.field_of(t) {
            Some(f) => match columns.iter().find(|(g, _)| *g == f) {
                Some(&(_, first)) => out.push(ctx.at(
                    second_column(f, t, *c, first, map.get(f).is_some()),
                    header.row,
                    Some(*c),
                )),
                None => columns.push((f, *c)),
            },
            None => unused.push((*c, t.clone())),
        }
    }
    unused
}

/// The warning for a column naming a field already read from `first`.
fn second_column(f: Field, title: &str, col: u32, first: u32, by_map: bool) -> Diagnostic {
    let hint = if by_map {
        "cột được đọc là cột ghi trong columns của YAML".to_string()
    } else {
        format!(
            "nếu cần đọc cột này, ghi trong YAML: columns: {{ {}: \"{}\" }}",
            f.key(),
            column_name(col)
        )
    };
    Diagnostic::warning(format!(
        "cột \"{}\" cũng là {}, nhưng đã đọc {} ở cột {}; bỏ qua cột này",
        one_line(title),
        f.what(),
        f.what(),
        column_name(first)
    ))
    .hint(hint)
}

fn report_unused(ctx: &Ctx<'_>, row: u32, unused: &[(u32, String)], out: &mut Vec<Diagnostic>) {
    for (c, t) in unused.iter().take(LIST_MAX) {
        let d = Diagnostic::warning(format!("cột \"{}\" không được dùng", one_line(t)))
            .hint(format!("các cột được đọc: {}", headers(ctx.kind)));
        out.push(ctx.at(d, row, Some(*c)));
    }
    if unused.len() > LIST_MAX {
        out.push(ctx.at(
            Diagnostic::warning(format!(
                "và {} cột khác không được dùng",
                unused.len() - LIST_MAX
            )),
            row,
            None,
        ));
    }
}

/// A required field with no column (one the map names but the sheet
/// lacks was reported by [`named_by_map`]).
fn report_missing(
    ctx: &Ctx<'_>,
    header: &Header,
    map: &ColumnMap,
    columns: &Columns,
    out: &mut Vec<Diagnostic>,
) {
    for &f in ctx.kind.required() {
        if columns.iter().any(|(g, _)| *g == f) || map.get(f).is_some() {
            continue;
        }
        out.push(ctx.at(
            Diagnostic::error(format!(
                "thiếu cột \"{}\"; các tiêu đề tìm thấy: {}",
                f.header(),
                header.listed()
            ))
            .hint(format!(
                "đặt tiêu đề cột là \"{}\", hoặc chỉ rõ cột trong YAML: columns: {{ {}: \"tiêu đề hoặc chữ cái của cột\" }}",
                f.header(),
                f.key()
            )),
            header.row,
            None,
        ));
    }
}
