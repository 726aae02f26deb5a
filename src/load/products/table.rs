//! From a sparse table to product rows: the header row, the columns, and
//! each row's fields, typed and checked (cell types, length, characters).

use std::collections::BTreeSet;
use std::path::Path;

use super::grid::{
    MAX_CELL_CHARS, Row, Value, cell_name, column_name, general_number, is_error_literal,
    serial_date,
};
use super::header::{ColumnMap, ColumnRef, Field, column_ref, field_of, header_key};
use super::{RowPlace, Sheet, SheetRow, Table};
use crate::diag::Diagnostic;
use crate::load::textcheck;
use crate::model::Product;
use crate::text;
use crate::vn::group_thousands;

/// How far down the header row is looked for.
const HEADER_SCAN_ROWS: usize = 30;
/// Cells listed in one warning before "…".
const LIST_MAX: usize = 10;

/// Where the table is, for messages about it.
struct Ctx<'a> {
    path: &'a Path,
    sheet: Option<&'a str>,
    is_1904: bool,
}

impl Ctx<'_> {
    /// A diagnostic at a cell (workbook) or a line and column (CSV).
    fn at(&self, mut d: Diagnostic, row: u32, col: Option<u32>) -> Diagnostic {
        d = d.file(self.path);
        match (self.sheet, col) {
            (Some(s), Some(c)) => d.sheet(s).cell(cell_name(c, row)),
            (Some(s), None) => {
                d.message = format!("{} (dòng {row})", d.message);
                d.sheet(s)
            }
            (None, Some(c)) => {
                d.message = format!("{} (dòng {row}, cột {})", d.message, column_name(c));
                d
            }
            (None, None) => {
                d.message = format!("{} (dòng {row})", d.message);
                d
            }
        }
    }

    fn whole(&self, d: Diagnostic) -> Diagnostic {
        let d = d.file(self.path);
        match self.sheet {
            Some(s) => d.sheet(s),
            None => d,
        }
    }

    /// "ô G5" or "dòng 5, cột G", inside a sentence.
    fn place(&self, row: u32, col: u32) -> String {
        match self.sheet {
            Some(_) => format!("ô {}", cell_name(col, row)),
            None => format!("dòng {row}, cột {}", column_name(col)),
        }
    }
}

fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::Text(s) => Some(s.as_str()),
        _ => None,
    }
}

pub(crate) fn products(path: &Path, table: Table, map: &ColumnMap) -> Sheet {
    let ctx = Ctx {
        path,
        sheet: table.sheet.as_deref(),
        is_1904: table.is_1904,
    };
    let mut diagnostics = table.notes;
    let rows = &table.rows;
    // When the sheet read holds no list, say which others the file has.
    let other_sheets = |d: Diagnostic| -> Diagnostic {
        if table.others.is_empty() {
            return d;
        }
        let names: Vec<String> = table.others.iter().map(|n| format!("\"{n}\"")).collect();
        let note = format!(
            "tệp còn các trang tính {}: nếu danh sách ở đó, chỉ định trang tính cần đọc (--sheet, hoặc sheet: trong YAML)",
            names.join(", ")
        );
        let hint = match &d.hint {
            Some(h) => format!("{h}; {note}"),
            None => note,
        };
        d.hint(hint)
    };

    // The header: the first row naming at least two of our columns.
    let recognised = |r: &Row| -> BTreeSet<Field> {
        r.cells
            .iter()
            .filter_map(|(_, v)| text_of(v))
            .filter_map(|t| {
                map.entries()
                    .find(|(_, m)| header_key(m) == header_key(t))
                    .map(|(f, _)| f)
                    .or_else(|| field_of(t))
            })
            .collect()
    };
    let Some(h) = rows
        .iter()
        .take(HEADER_SCAN_ROWS)
        .position(|r| recognised(r).len() >= 2)
    else {
        let first: Vec<String> = rows
            .iter()
            .take(5)
            .map(|r| {
                let cells: Vec<String> = r
                    .cells
                    .iter()
                    .take(8)
                    .map(|(c, v)| format!("{}: {}", cell_name(*c, r.number), shown(v)))
                    .collect();
                format!("dòng {}: {}", r.number, cells.join(" | "))
            })
            .collect();
        let found = if rows.is_empty() {
            "trang tính không có ô nào có dữ liệu".to_string()
        } else {
            format!("các dòng đầu: {}", first.join("; "))
        };
        diagnostics.push(other_sheets(ctx.whole(
            Diagnostic::error(format!(
                "không tìm thấy dòng tiêu đề của danh sách ({found})"
            ))
            .hint(format!(
                "dòng tiêu đề cần ít nhất hai cột như: {}; nếu tiêu đề ghi khác, chỉ rõ cột trong YAML, ví dụ columns: {{ name: \"Tên SP\", owner: \"C\" }}",
                Field::ALL.map(Field::header).join(", ")
            )),
        )));
        return Sheet {
            rows: Vec::new(),
            diagnostics,
        };
    };
    let header_row = rows[h].number;
    let mut headers: Vec<(u32, String)> = rows[h]
        .cells
        .iter()
        .filter_map(|(c, v)| text_of(v).map(|t| (*c, t.trim().to_string())))
        .collect();
    let mut start = h + 1;
    // A second header row under a merged group title ("Kết quả đánh giá"
    // over "Điểm" and "Hạng sao").
    if let Some(next) = rows.get(h + 1)
        && next.number == header_row + 1
        && next.cells.iter().all(|(_, v)| matches!(v, Value::Text(_)))
    {
        let above = recognised(&rows[h]);
        let new: Vec<(u32, String)> = next
            .cells
            .iter()
            .filter_map(|(c, v)| {
                let t = text_of(v)?;
                let f = field_of(t)?;
                let over = headers.iter().find(|(hc, _)| hc == c);
                let free = over.is_none_or(|(_, ht)| field_of(ht).is_none());
                (free && !above.contains(&f)).then(|| (*c, t.trim().to_string()))
            })
            .collect();
        if !new.is_empty() {
            for (c, t) in new {
                headers.retain(|(hc, _)| *hc != c);
                headers.push((c, t));
            }
            headers.sort_by_key(|(c, _)| *c);
            start = h + 2;
        }
    }
    // A row numbering the columns, "(1) (2) (3) …" or "1 2 3 …".
    if let Some(r) = rows.get(start)
        && is_column_numbering(r)
    {
        diagnostics.push(ctx.at(
            Diagnostic::warning("dòng chỉ đánh số thứ tự các cột, bỏ qua"),
            r.number,
            None,
        ));
        start += 1;
    }

    // Columns: named by the map first, then found by their headers.
    let mut columns: Vec<(Field, u32)> = Vec::new();
    let headers_found = || {
        headers
            .iter()
            .map(|(c, t)| format!("\"{}\" ({})", one_line(t), column_name(*c)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (f, v) in map.entries() {
        match column_ref(v, &headers) {
            ColumnRef::Letter(c) => columns.push((f, c)),
            ColumnRef::Header(t) => {
                let key = header_key(&t);
                match headers.iter().find(|(_, h)| header_key(h) == key) {
                    Some((c, _)) => columns.push((f, *c)),
                    None => diagnostics.push(
                        ctx.at(
                            Diagnostic::error(format!(
                                "không có cột tiêu đề \"{}\" (theo columns.{})",
                                t.trim(),
                                f.key()
                            ))
                            .hint(format!(
                                "các tiêu đề tìm thấy: {}; ghi đúng tiêu đề hoặc chữ cái của cột",
                                headers_found()
                            )),
                            header_row,
                            None,
                        ),
                    ),
                }
            }
        }
    }
    let mut unused: Vec<(u32, String)> = Vec::new();
    for (c, t) in &headers {
        if columns.iter().any(|(_, mc)| mc == c) {
            continue;
        }
        match field_of(t) {
            Some(f) if columns.iter().any(|(g, _)| *g == f) => {
                let first = columns.iter().find(|(g, _)| *g == f).map(|(_, c)| *c);
                let by_map = map.get(f).is_some();
                diagnostics.push(
                    ctx.at(
                        Diagnostic::warning(format!(
                            "cột \"{}\" cũng là {}, nhưng đã đọc {} ở cột {}; bỏ qua cột này",
                            one_line(t),
                            f.what(),
                            f.what(),
                            first.map(column_name).unwrap_or_default()
                        ))
                        .hint(if by_map {
                            "cột được đọc là cột ghi trong columns của YAML".to_string()
                        } else {
                            format!(
                                "nếu cần đọc cột này, ghi trong YAML: columns: {{ {}: \"{}\" }}",
                                f.key(),
                                column_name(*c)
                            )
                        }),
                        header_row,
                        Some(*c),
                    ),
                );
            }
            Some(f) => columns.push((f, *c)),
            None => unused.push((*c, t.clone())),
        }
    }
    columns.sort_by_key(|(_, c)| *c);
    for (c, t) in unused.iter().take(LIST_MAX) {
        // Same wording for CSV as before workbooks had cells.
        let d =
            Diagnostic::warning(format!("cột \"{}\" không được dùng", one_line(t))).hint(format!(
                "các cột được đọc: {}",
                Field::ALL.map(Field::header).join(", ")
            ));
        diagnostics.push(ctx.at(d, header_row, Some(*c)));
    }
    if unused.len() > LIST_MAX {
        diagnostics.push(ctx.at(
            Diagnostic::warning(format!(
                "và {} cột khác không được dùng",
                unused.len() - LIST_MAX
            )),
            header_row,
            None,
        ));
    }
    for f in Field::REQUIRED {
        // A column the map names but the sheet lacks is reported above.
        if !columns.iter().any(|(g, _)| *g == f) && map.get(f).is_none() {
            diagnostics.push(ctx.at(
                Diagnostic::error(format!(
                    "thiếu cột \"{}\"; các tiêu đề tìm thấy: {}",
                    f.header(),
                    headers_found()
                ))
                .hint(format!(
                    "đặt tiêu đề cột là \"{}\", hoặc chỉ rõ cột trong YAML: columns: {{ {}: \"tiêu đề hoặc chữ cái của cột\" }}",
                    f.header(),
                    f.key()
                )),
                header_row,
                None,
            ));
        }
    }
    if let Some(first) = diagnostics.iter().position(Diagnostic::is_error) {
        diagnostics[first] = other_sheets(diagnostics[first].clone());
        return Sheet {
            rows: Vec::new(),
            diagnostics,
        };
    }

    let header_width = table
        .widths
        .iter()
        .find(|(l, _)| *l == header_row)
        .map(|(_, w)| *w);
    let known: BTreeSet<u32> = headers.iter().map(|(c, _)| *c).collect();
    let column_of = |f: Field| columns.iter().find(|(g, _)| *g == f).map(|(_, c)| *c);
    let mut out = Vec::new();
    let mut hidden: Vec<u32> = Vec::new();
    let mut stt_only: Vec<u32> = Vec::new();
    let mut outside: Vec<String> = Vec::new();
    for r in &rows[start..] {
        if r.hidden {
            hidden.push(r.number);
            continue;
        }
        let ours: Vec<(Field, u32, &Value)> = r
            .cells
            .iter()
            .filter_map(|(c, v)| {
                columns
                    .iter()
                    .find(|(_, fc)| fc == c)
                    .map(|(f, _)| (*f, *c, v))
            })
            .collect();
        let place = RowPlace {
            file: path.to_path_buf(),
            sheet: ctx.sheet.map(str::to_string),
            row: r.number as usize,
            columns: columns.clone(),
        };
        // Cells no column header claims.
        let mut problems = Vec::new();
        for (c, v) in &r.cells {
            if columns.iter().any(|(_, fc)| fc == c) {
                continue;
            }
            if let Some(w) = header_width
                && *c >= w
            {
                problems.push(ctx.at(
                    Diagnostic::error(format!(
                        "dòng có nhiều ô hơn dòng tiêu đề ({} ô, tiêu đề có {w} cột); ô thừa: `{}`",
                        table
                            .widths
                            .iter()
                            .find(|(l, _)| *l == r.number)
                            .map_or(0, |(_, w)| *w),
                        shown(v)
                    ))
                    .hint("có thể một dấu phẩy (hoặc chấm phẩy) trong nội dung chưa nằm trong ngoặc kép; đặt nội dung có dấu phẩy trong \"...\""),
                    r.number,
                    Some(*c),
                ));
            } else if !known.contains(c) && outside.len() <= LIST_MAX {
                outside.push(format!("{} (`{}`)", ctx.place(r.number, *c), shown(v)));
            }
        }
        if ours.is_empty() {
            if !problems.is_empty() {
                out.push(SheetRow {
                    row: r.number as usize,
                    product: Err(problems),
                    place,
                });
            }
            continue;
        }
        // Total rows: "Tổng cộng", or a lone number under the score.
        if let Some(label) = total_label(&ours) {
            diagnostics.push(ctx.at(
                Diagnostic::warning(format!("bỏ qua dòng tổng cộng (`{label}`)")),
                r.number,
                None,
            ));
            continue;
        }
        if ours.len() == 1 && ours[0].0 == Field::Score && r.cells.len() == 1 {
            diagnostics.push(ctx.at(
                Diagnostic::warning(format!(
                    "bỏ qua dòng chỉ có một số ở cột điểm (`{}`), có thể là dòng tổng hoặc trung bình",
                    shown(ours[0].2)
                )),
                r.number,
                Some(ours[0].1),
            ));
            continue;
        }
        if ours.iter().all(|(f, _, _)| *f == Field::Stt) && r.cells.len() == 1 {
            stt_only.push(r.number);
            continue;
        }
        let get = |f: Field| {
            ours.iter()
                .find(|(g, _, _)| *g == f)
                .map(|(_, c, v)| (*c, *v))
        };
        let text = |f: Field, required: bool, problems: &mut Vec<Diagnostic>| match get(f) {
            Some((c, v)) => text_field(&ctx, f, v, r.number, c, problems),
            None => {
                if required && let Some(c) = column_of(f) {
                    problems.push(
                        ctx.at(
                            Diagnostic::error(format!("thiếu {}", f.what()))
                                .hint("điền ô này hoặc xóa dòng"),
                            r.number,
                            Some(c),
                        ),
                    );
                }
                None
            }
        };
        let stt = text(Field::Stt, false, &mut problems);
        let name = text(Field::Name, true, &mut problems);
        let owner = text(Field::Owner, true, &mut problems);
        let address = text(Field::Address, true, &mut problems);
        let group = text(Field::Group, false, &mut problems);
        let number = text(Field::Number, false, &mut problems);
        let note = text(Field::Note, false, &mut problems);
        let score = match get(Field::Score) {
            Some((c, v)) => score_field(&ctx, v, r.number, c, &mut problems),
            None => {
                if let Some(c) = column_of(Field::Score) {
                    problems.push(
                        ctx.at(
                            Diagnostic::error("thiếu điểm")
                                .hint("điền điểm (ví dụ 78,5) hoặc xóa dòng"),
                            r.number,
                            Some(c),
                        ),
                    );
                }
                None
            }
        };
        let stars =
            get(Field::Stars).and_then(|(c, v)| stars_field(&ctx, v, r.number, c, &mut problems));
        let product = match (problems.is_empty(), name, owner, address, score) {
            (true, Some(name), Some(owner), Some(address), Some(score)) => Ok(Product {
                stt,
                name,
                owner,
                address,
                group,
                score,
                stars,
                number,
                note,
            }),
            _ => Err(problems),
        };
        out.push(SheetRow {
            row: r.number as usize,
            product,
            place,
        });
    }
    if !hidden.is_empty() {
        diagnostics.push(ctx.whole(
            Diagnostic::warning(format!(
                "{} dòng đang bị ẩn (ẩn dòng hoặc lọc) nên không được đọc: {}",
                hidden.len(),
                row_list(&hidden)
            ))
            .hint("nếu cần cấp giấy chứng nhận cho các dòng này, bỏ ẩn (hoặc bỏ lọc) trong bảng tính rồi chạy lại"),
        ));
    }
    if !stt_only.is_empty() {
        diagnostics.push(ctx.whole(Diagnostic::warning(format!(
            "bỏ qua {} dòng chỉ có số thứ tự: {}",
            stt_only.len(),
            row_list(&stt_only)
        ))));
    }
    if !outside.is_empty() {
        let more = if outside.len() > LIST_MAX {
            outside.truncate(LIST_MAX);
            " …"
        } else {
            ""
        };
        diagnostics.push(
            ctx.whole(
                Diagnostic::warning(format!(
                    "có dữ liệu ngoài các cột của bảng, không được đọc: {}{more}",
                    outside.join(", ")
                ))
                .hint("nếu đó là một cột cần đọc, thêm tiêu đề cho cột; nếu là ô thừa, xóa đi"),
            ),
        );
    }
    Sheet {
        rows: out,
        diagnostics,
    }
}

/// "7, 9–12, 15" (at most a few dozen numbers).
fn row_list(rows: &[u32]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() && parts.len() < 20 {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(if j > i {
            format!("{}–{}", rows[i], rows[j])
        } else {
            rows[i].to_string()
        });
        i = j + 1;
    }
    if i < rows.len() {
        parts.push("…".into());
    }
    parts.join(", ")
}

/// The label of a total row ("Tổng cộng", "Cộng: 5 sản phẩm"), if it is
/// one: such a row names no address.
fn total_label(cells: &[(Field, u32, &Value)]) -> Option<String> {
    if cells.iter().any(|(f, _, _)| *f == Field::Address) {
        return None;
    }
    cells.iter().find_map(|(f, _, v)| {
        if !matches!(f, Field::Stt | Field::Name | Field::Owner) {
            return None;
        }
        let t = text_of(v)?;
        let key = header_key(t);
        let mut words = key.split(' ');
        let first = words.next().unwrap_or("");
        let second = words.next().unwrap_or("");
        let total = key.starts_with("tong cong")
            || key.starts_with("tong so")
            || (matches!(first, "tong" | "cong")
                && (second.is_empty() || second.chars().all(|c| c.is_ascii_digit())));
        total.then(|| one_line(t.trim()))
    })
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

/// The value as a short quotation for messages.
fn shown(v: &Value) -> String {
    let s = match v {
        Value::Text(t) => one_line(t),
        Value::Number { value, .. } => general_number(*value),
        Value::Date(d) => d.clone(),
        Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Value::Error(e) => e.clone(),
        Value::Uncalculated => "(công thức chưa tính)".into(),
        Value::TooLong(n) => format!("({} ký tự)", group_thousands(*n as u64)),
    };
    let mut chars = s.chars();
    let short: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

/// Text on one line, invisible characters shown by their code.
fn one_line(t: &str) -> String {
    let mut out = String::new();
    for c in t.chars() {
        match c {
            '\n' | '\r' | '\t' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c if textcheck::refused(c) => out.push_str(&format!("<{}>", textcheck::code(c))),
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

/// Problems common to every field: cell types that are not what was typed.
fn cell_problem(ctx: &Ctx<'_>, what: &str, v: &Value) -> Option<(String, String)> {
    match v {
        Value::Error(e) => Some((
            format!("ô chứa lỗi công thức {e} thay vì {what}"),
            "sửa công thức trong bảng tính (hoặc dán giá trị) rồi lưu lại".into(),
        )),
        Value::Text(t) if is_error_literal(t) => Some((
            format!("ô chứa lỗi công thức {} thay vì {what}", t.trim()),
            "sửa công thức trong bảng tính (hoặc dán giá trị) rồi xuất lại tệp".into(),
        )),
        Value::Uncalculated => Some((
            format!("ô có công thức chưa được tính nên không có {what}"),
            "mở tệp bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính".into(),
        )),
        Value::Bool(b) => Some((
            format!(
                "ô chứa giá trị đúng/sai ({}) thay vì {what}",
                if *b { "TRUE" } else { "FALSE" }
            ),
            "ghi lại nội dung của ô".into(),
        )),
        Value::TooLong(n) => Some((
            format!(
                "{what} dài {} ký tự, quá giới hạn {} ký tự",
                group_thousands(*n as u64),
                group_thousands(MAX_CELL_CHARS as u64)
            ),
            if ctx.sheet.is_none() {
                "ô này có lẽ bị dán nhầm nội dung, hoặc một dấu ngoặc kép \" mở mà không đóng đã nuốt các dòng sau; sửa lại trong tệp".into()
            } else {
                "ô này có lẽ bị dán nhầm nội dung; rút gọn lại".into()
            },
        )),
        Value::Number { value, date: true } => Some((
            format!(
                "ô là ngày tháng{} (Excel lưu là số {}), không phải {what}: có thể Excel đã tự đổi nội dung gõ vào thành ngày",
                serial_date(*value, ctx.is_1904)
                    .map(|d| format!(" {d}"))
                    .unwrap_or_default(),
                general_number(*value).replace(',', ".")
            ),
            "định dạng ô (hoặc cả cột) là Văn bản (Format Cells > Text) rồi gõ lại, hoặc gõ dấu nháy ' trước nội dung".into(),
        )),
        Value::Date(d) => Some((
            format!("ô là ngày tháng ({d}), không phải {what}: có thể bảng tính đã tự đổi nội dung gõ vào thành ngày"),
            "định dạng ô (hoặc cả cột) là Văn bản (Text) rồi gõ lại, hoặc gõ dấu nháy ' trước nội dung".into(),
        )),
        _ => None,
    }
}

fn text_field(
    ctx: &Ctx<'_>,
    f: Field,
    v: &Value,
    row: u32,
    col: u32,
    problems: &mut Vec<Diagnostic>,
) -> Option<String> {
    if let Some((message, hint)) = cell_problem(ctx, f.what(), v) {
        problems.push(ctx.at(Diagnostic::error(message).hint(hint), row, Some(col)));
        return None;
    }
    let s = match v {
        Value::Text(t) => text::normalise(t.trim()),
        Value::Number { value, .. } => general_number(*value),
        _ => return None,
    };
    let chars = s.chars().count();
    if chars > MAX_CELL_CHARS {
        problems.push(
            ctx.at(
                Diagnostic::error(format!(
                    "{} dài {} ký tự, quá giới hạn {} ký tự",
                    f.what(),
                    group_thousands(chars as u64),
                    group_thousands(MAX_CELL_CHARS as u64)
                ))
                .hint("ô này có lẽ bị dán nhầm nội dung; rút gọn lại"),
                row,
                Some(col),
            ),
        );
        return None;
    }
    let found = textcheck::check(&s);
    if found.is_empty() {
        return Some(s);
    }
    for p in found {
        let message = match p.kind {
            textcheck::Kind::Legacy(_) => format!("{}: {}", f.what(), p.name),
            _ => {
                let times = if p.count > 1 && p.kind != textcheck::Kind::CombiningRun {
                    format!(" ({} lần)", p.count)
                } else {
                    String::new()
                };
                format!(
                    "{} có {} ở ký tự thứ {}{times}",
                    f.what(),
                    p.name,
                    p.index + 1
                )
            }
        };
        problems.push(ctx.at(Diagnostic::error(message).hint(p.hint), row, Some(col)));
    }
    None
}

fn score_field(
    ctx: &Ctx<'_>,
    v: &Value,
    row: u32,
    col: u32,
    problems: &mut Vec<Diagnostic>,
) -> Option<f64> {
    if let Some((message, hint)) = cell_problem(ctx, "điểm", v) {
        problems.push(ctx.at(Diagnostic::error(message).hint(hint), row, Some(col)));
        return None;
    }
    let parsed = match v {
        Value::Number { value, .. } => Some(*value).filter(|v| v.is_finite()),
        Value::Text(t) => parse_decimal(t),
        _ => None,
    };
    if parsed.is_none() {
        problems.push(
            ctx.at(
                Diagnostic::error(format!("điểm `{}` không phải là số", shown(v)))
                    .hint("ghi điểm bằng số, ví dụ 78,5"),
                row,
                Some(col),
            ),
        );
    }
    parsed
}

/// "78,5", "78.5", " 84 " → a number; anything else (units, "inf") → None.
fn parse_decimal(t: &str) -> Option<f64> {
    let t = t.trim();
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let mut seps = 0;
    let ok = !body.is_empty()
        && body.chars().all(|c| {
            if c == ',' || c == '.' {
                seps += 1;
                true
            } else {
                c.is_ascii_digit()
            }
        })
        && seps <= 1
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body.ends_with(|c: char| c.is_ascii_digit());
    if !ok {
        return None;
    }
    t.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

fn stars_field(
    ctx: &Ctx<'_>,
    v: &Value,
    row: u32,
    col: u32,
    problems: &mut Vec<Diagnostic>,
) -> Option<u8> {
    if let Some((message, hint)) = cell_problem(ctx, "hạng sao", v) {
        problems.push(ctx.at(Diagnostic::error(message).hint(hint), row, Some(col)));
        return None;
    }
    let count = match v {
        Value::Number { value, .. } if value.fract() == 0.0 && (1.0..=5.0).contains(value) => {
            Some(*value as u8)
        }
        Value::Text(t) => {
            let t = text::normalise(t.trim());
            let digits: String = t.chars().filter(char::is_ascii_digit).collect();
            let count = if digits.is_empty() {
                t.chars().filter(|c| *c == '★').count()
            } else {
                digits.parse().unwrap_or(0)
            };
            let rest_ok = textcheck::check(&t).is_empty();
            ((1..=5).contains(&count) && rest_ok).then_some(count as u8)
        }
        _ => None,
    };
    if count.is_none() {
        problems.push(
            ctx.at(
                Diagnostic::error(format!("hạng sao `{}` không đọc được", shown(v)))
                    .hint("ghi \"4 sao\", \"4\" hoặc để trống (hạng được tính từ điểm)"),
                row,
                Some(col),
            ),
        );
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_strict() {
        assert_eq!(parse_decimal("78,5"), Some(78.5));
        assert_eq!(parse_decimal(" 84 "), Some(84.0));
        assert_eq!(parse_decimal("78.5"), Some(78.5));
        for bad in ["inf", "NaN", "78,5 điểm", "1,2,3", ",5", "", "1e3"] {
            assert_eq!(parse_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn row_lists_are_ranges() {
        assert_eq!(row_list(&[7, 9, 10, 11, 15]), "7, 9–11, 15");
    }
}
