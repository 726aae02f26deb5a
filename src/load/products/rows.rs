//! The rows under the header, each read into a product or its problems.
//! Rows that are not products (hidden, totals, a lone number) are skipped
//! with a warning, and cells outside the table are reported: nothing is
//! dropped silently.

use std::collections::BTreeSet;

use super::columns::Columns;
use super::fields::{one_line, score_field, shown, stars_field, text_field, text_of};
use super::grid::{Row, Value};
use super::header::{Field, ListKind, header_key};
use super::header_row::Header;
use super::table::Ctx;
use super::{RowPlace, SheetRow};
use crate::diag::Diagnostic;
use crate::model::Product;

/// Cells outside the table listed before "…".
const LIST_MAX: usize = 10;

/// What a row is read into: a round's product, or a register entry.
pub(crate) trait Record: Sized {
    const KIND: ListKind;
    fn build(fields: RowFields<'_, '_>) -> Result<Self, Vec<Diagnostic>>;
}

impl Record for Product {
    const KIND: ListKind = ListKind::Round;
    fn build(fields: RowFields<'_, '_>) -> Result<Self, Vec<Diagnostic>> {
        fields.product()
    }
}

/// Reads the rows of one table and remembers what it skipped.
pub(super) struct RowReader<'a> {
    ctx: &'a Ctx<'a>,
    columns: Columns,
    /// The columns with a header title.
    titled: BTreeSet<u32>,
    /// For CSV: the number of fields of each record, by line.
    widths: &'a [(u32, u32)],
    /// For CSV: the header record's number of fields.
    header_width: Option<u32>,
    hidden: Vec<u32>,
    stt_only: Vec<u32>,
    outside: Vec<String>,
}

/// A row under the header that is not a product.
enum Skip<'r> {
    /// "Tổng cộng", "Cộng: 5 sản phẩm".
    Total(String),
    /// A number alone under the score: a total or an average.
    LoneScore(u32, &'r Value),
    /// Only a row number.
    SttOnly,
}

impl<'a> RowReader<'a> {
    pub fn new(
        ctx: &'a Ctx<'a>,
        header: &Header,
        columns: Columns,
        widths: &'a [(u32, u32)],
    ) -> Self {
        RowReader {
            ctx,
            columns,
            titled: header.titles.iter().map(|(c, _)| *c).collect(),
            widths,
            header_width: width_of(widths, header.row),
            hidden: Vec::new(),
            stt_only: Vec::new(),
            outside: Vec::new(),
        }
    }

    /// The row as a product (or its problems); `None` for a row skipped,
    /// with its warning in `out` or kept for [`RowReader::finish`].
    pub fn read<T: Record>(&mut self, r: &Row, out: &mut Vec<Diagnostic>) -> Option<SheetRow<T>> {
        if r.hidden {
            self.hidden.push(r.number);
            return None;
        }
        let ours = self.our_cells(r);
        let place = RowPlace {
            file: self.ctx.path.to_path_buf(),
            sheet: self.ctx.sheet.map(str::to_string),
            row: r.number as usize,
            columns: self.columns.clone(),
        };
        let problems = self.stray_cells(r);
        if ours.is_empty() {
            return (!problems.is_empty()).then_some(SheetRow {
                row: r.number as usize,
                product: Err(problems),
                place,
            });
        }
        if let Some(d) = self.other_delimiter(r) {
            return Some(SheetRow {
                row: r.number as usize,
                product: Err(vec![d]),
                place,
            });
        }
        if let Some(skip) = skip_of(r, &ours) {
            self.skip(skip, r, out);
            return None;
        }
        let product = T::build(RowFields {
            ctx: self.ctx,
            row: r.number,
            cells: ours,
            columns: &self.columns,
            problems,
        });
        Some(SheetRow {
            row: r.number as usize,
            product,
            place,
        })
    }

    /// (field, column, value) of the row's cells in our columns.
    fn our_cells<'r>(&self, r: &'r Row) -> Vec<(Field, u32, &'r Value)> {
        r.cells
            .iter()
            .filter_map(|(c, v)| {
                self.columns
                    .iter()
                    .find(|(_, fc)| fc == c)
                    .map(|(f, _)| (*f, *c, v))
            })
            .collect()
    }

    /// Cells no column reads: past the header's last field in a CSV record
    /// (an error: the record is misaligned), or else under no title (kept
    /// for one warning).
    fn stray_cells(&mut self, r: &Row) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (c, v) in &r.cells {
            if self.columns.iter().any(|(_, fc)| fc == c) {
                continue;
            }
            if let Some(w) = self.header_width
                && *c >= w
            {
                problems.push(self.ctx.at(
                    Diagnostic::error(format!(
                        "dòng có nhiều ô hơn dòng tiêu đề ({} ô, tiêu đề có {w} cột); ô thừa: `{}`",
                        width_of(self.widths, r.number).unwrap_or(0),
                        shown(v)
                    ))
                    .hint("có thể một dấu phẩy (hoặc chấm phẩy) trong nội dung chưa nằm trong ngoặc kép; đặt nội dung có dấu phẩy trong \"...\""),
                    r.number,
                    Some(*c),
                ));
            } else if !self.titled.contains(c) && self.outside.len() <= LIST_MAX {
                self.outside
                    .push(format!("{} (`{}`)", self.ctx.place(r.number, *c), shown(v)));
            }
        }
        problems
    }

    /// A row whose whole content sits in its first cell, cut by another
    /// delimiter (`2;Gạo;HTX B;…` in a comma-separated file, or pasted
    /// into one cell): a product typed differently, not a row number.
    fn other_delimiter(&self, r: &Row) -> Option<Diagnostic> {
        let [(col, Value::Text(text))] = r.cells.as_slice() else {
            return None;
        };
        // In the table's first column, where such a row begins.
        if self.columns.iter().map(|(_, c)| *c).min() != Some(*col) {
            return None;
        }
        let delimiter = [';', ',', '\t', '|']
            .into_iter()
            .find(|d| text.split(*d).filter(|p| !p.trim().is_empty()).count() >= 3)?;
        let shown_delimiter = if delimiter == '\t' {
            "tab".to_string()
        } else {
            format!("`{delimiter}`")
        };
        Some(self.ctx.at(
            Diagnostic::error(format!(
                "cả dòng nằm trong một ô, các phần cách nhau bằng {shown_delimiter}: `{}`",
                shown(&Value::Text(text.clone()))
            ))
            .hint("dòng này được gõ với dấu phân cách khác các dòng còn lại; tách lại thành từng ô (hoặc gõ lại với dấu phân cách như các dòng khác)"),
            r.number,
            Some(*col),
        ))
    }

    fn skip(&mut self, skip: Skip<'_>, r: &Row, out: &mut Vec<Diagnostic>) {
        match skip {
            Skip::Total(label) => out.push(self.ctx.at(
                Diagnostic::warning(format!("bỏ qua dòng tổng cộng (`{label}`)")),
                r.number,
                None,
            )),
            Skip::LoneScore(col, v) => out.push(self.ctx.at(
                Diagnostic::warning(format!(
                    "bỏ qua dòng chỉ có một số ở cột điểm (`{}`), có thể là dòng tổng hoặc trung bình",
                    shown(v)
                )),
                r.number,
                Some(col),
            )),
            Skip::SttOnly => self.stt_only.push(r.number),
        }
    }

    /// The warnings for what was skipped over the whole table.
    pub fn finish(self, out: &mut Vec<Diagnostic>) {
        let ctx = self.ctx;
        if !self.hidden.is_empty() && ctx.kind == ListKind::Register {
            // A register counts every row: a hidden one would be left out
            // of the report without anyone seeing it.
            for row in &self.hidden {
                out.push(ctx.at(
                    Diagnostic::error("dòng đang bị ẩn (ẩn dòng hoặc lọc); sổ đăng ký không được có dòng ẩn")
                        .hint("bỏ ẩn (chuột phải > Unhide) hoặc bỏ lọc (Data > Clear), rồi xóa dòng nếu nó không thuộc sổ"),
                    *row,
                    None,
                ));
            }
        } else if !self.hidden.is_empty() {
            out.push(ctx.whole(
                Diagnostic::warning(format!(
                    "{} dòng đang bị ẩn (ẩn dòng hoặc lọc) nên không được đọc: {}",
                    self.hidden.len(),
                    row_list(&self.hidden)
                ))
                .hint("nếu cần cấp giấy chứng nhận cho các dòng này, bỏ ẩn (hoặc bỏ lọc) trong bảng tính rồi chạy lại"),
            ));
        }
        if !self.stt_only.is_empty() {
            out.push(ctx.whole(Diagnostic::warning(format!(
                "bỏ qua {} dòng chỉ có số thứ tự: {}",
                crate::vn::group_thousands(self.stt_only.len() as u64),
                row_list(&self.stt_only)
            ))));
        }
        if !self.outside.is_empty() {
            let mut outside = self.outside;
            let more = if outside.len() > LIST_MAX {
                outside.truncate(LIST_MAX);
                " …"
            } else {
                ""
            };
            out.push(
                ctx.whole(
                    Diagnostic::warning(format!(
                        "có dữ liệu ngoài các cột của bảng, không được đọc: {}{more}",
                        outside.join(", ")
                    ))
                    .hint("nếu đó là một cột cần đọc, thêm tiêu đề cho cột; nếu là ô thừa, xóa đi"),
                ),
            );
        }
    }
}

/// The number of fields of the CSV record on `line`.
fn width_of(widths: &[(u32, u32)], line: u32) -> Option<u32> {
    widths.iter().find(|(l, _)| *l == line).map(|(_, w)| *w)
}

/// Why a row with cells in our columns is not a product, if it is not.
fn skip_of<'r>(r: &Row, ours: &[(Field, u32, &'r Value)]) -> Option<Skip<'r>> {
    if let Some(label) = total_label(ours) {
        return Some(Skip::Total(label));
    }
    if let [(Field::Score, col, v)] = ours
        && r.cells.len() == 1
    {
        return Some(Skip::LoneScore(*col, v));
    }
    (ours.iter().all(|(f, _, _)| *f == Field::Stt) && r.cells.len() == 1).then_some(Skip::SttOnly)
}

/// One row's cells in our columns, read field by field.
pub(crate) struct RowFields<'a, 'r> {
    ctx: &'a Ctx<'a>,
    row: u32,
    cells: Vec<(Field, u32, &'r Value)>,
    columns: &'a Columns,
    problems: Vec<Diagnostic>,
}

impl<'r> RowFields<'_, 'r> {
    fn product(mut self) -> Result<Product, Vec<Diagnostic>> {
        let stt = self.text(Field::Stt, false);
        let name = self.text(Field::Name, true);
        let owner = self.text(Field::Owner, true);
        let address = self.text(Field::Address, true);
        let group = self.text(Field::Group, false);
        let number = self.text(Field::Number, false);
        let note = self.text(Field::Note, false);
        let score = self.score();
        let stars = self.stars();
        match (self.problems.is_empty(), name, owner, address, score) {
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
            _ => Err(self.problems),
        }
    }

    pub(super) fn cell(&self, f: Field) -> Option<(u32, &'r Value)> {
        self.cells
            .iter()
            .find(|(g, _, _)| *g == f)
            .map(|(_, c, v)| (*c, *v))
    }

    pub(super) fn text(&mut self, f: Field, required: bool) -> Option<String> {
        match self.cell(f) {
            Some((c, v)) => text_field(self.ctx, f, v, self.row, c, &mut self.problems),
            None => {
                if required {
                    self.missing(
                        f,
                        &format!("thiếu {}", f.what()),
                        "điền ô này hoặc xóa dòng",
                    );
                }
                None
            }
        }
    }

    /// The score; with `required`, a missing one is an error.
    pub(super) fn optional_score(&mut self) -> Option<f64> {
        let (c, v) = self.cell(Field::Score)?;
        score_field(self.ctx, v, self.row, c, &mut self.problems)
    }

    /// A date field; with `required`, a missing one is an error.
    pub(super) fn date(&mut self, f: Field, required: bool) -> Option<crate::vn::Date> {
        match self.cell(f) {
            Some((c, v)) => {
                super::register::date_field(self.ctx, f, v, self.row, c, &mut self.problems)
            }
            None => {
                if required {
                    self.missing(
                        f,
                        &format!("thiếu {}", f.what()),
                        "điền ngày dạng 25/06/2027",
                    );
                }
                None
            }
        }
    }

    /// The problems found so far, if any; the record otherwise.
    pub(super) fn finish<T>(self, record: Option<T>) -> Result<T, Vec<Diagnostic>> {
        match record {
            Some(r) if self.problems.is_empty() => Ok(r),
            _ => Err(self.problems),
        }
    }

    fn score(&mut self) -> Option<f64> {
        match self.cell(Field::Score) {
            Some((c, v)) => score_field(self.ctx, v, self.row, c, &mut self.problems),
            None => {
                self.missing(
                    Field::Score,
                    "thiếu điểm",
                    "điền điểm (ví dụ 78,5) hoặc xóa dòng",
                );
                None
            }
        }
    }

    pub(super) fn stars(&mut self) -> Option<u8> {
        let (c, v) = self.cell(Field::Stars)?;
        stars_field(self.ctx, v, self.row, c, &mut self.problems)
    }

    /// An empty cell in a field's column (nothing when the field has none).
    pub(super) fn missing(&mut self, f: Field, message: &str, hint: &str) {
        if let Some((_, c)) = self.columns.iter().find(|(g, _)| *g == f) {
            self.problems.push(self.ctx.at(
                Diagnostic::error(message).hint(hint),
                self.row,
                Some(*c),
            ));
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_lists_are_ranges() {
        assert_eq!(row_list(&[7, 9, 10, 11, 15]), "7, 9–11, 15");
    }
}
