//! A table the author writes (`table:`), laid out: cells placed on the
//! grid with their spans, numbers read and written back the Vietnamese
//! way, widths and alignments settled, the totals row computed and the
//! totals the author wrote checked against it. Validation lays each table
//! out once, reporting its problems, and keeps it for composition. Pure:
//! the same table always gives the same result.

use crate::diag::Diagnostic;
use crate::doc::{self, PlaceProblem};
use crate::model::{Align, Cell, Table, TableColumn, TableRow, TableTotal};
use crate::number::Number;

/// Where a table is printed: the width of the page's text block.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Page {
    pub width_mm: f64,
    pub landscape: bool,
}

/// A4 portrait at the NĐ 30 margins (30 + 15 mm): 165 mm of text.
pub const PORTRAIT: Page = Page {
    width_mm: 165.0,
    landscape: false,
};

/// A4 landscape at the margins of the decree's own landscape pages: 252 mm.
pub const LANDSCAPE: Page = Page {
    width_mm: 252.0,
    landscape: true,
};

/// The narrowest column that still prints: two digits at 12 pt between
/// the cell's 4 pt paddings, with room to spare.
pub const MIN_COLUMN_MM: f64 = 7.0;

/// The most cells a table may have. Typst lays a document out whole; a
/// cell costs it about what two paragraphs do (see `doc::MAX_WEIGHT`), so
/// a table this size is as much as one document can hold. A real table
/// (the products of a province by commune) has a few thousand.
pub const MAX_CELLS: usize = 5_000;

/// Tables with more columns than this go on landscape pages in an
/// appendix (the results decision's list of products has eight).
pub const PORTRAIT_MAX_COLUMNS: usize = 5;

/// Tables in an appendix are set at 12 pt; those in the body at 13 pt,
/// within the body's range (NĐ 30: 13–14 pt).
pub const APPENDIX_TEXT_SIZE: u8 = 12;
pub const BODY_TEXT_SIZE: u8 = 13;

/// What a cell of a number column holds when it has no number (as "" does).
const NONE: &str = "-";

/// `t` laid out for `page`, its text at `size` points, and its problems,
/// with field paths relative to the table (`rows[2][3]`).
pub fn lay_out(t: &Table, page: Page, size: u8) -> (doc::Table, Vec<Diagnostic>) {
    let mut l = Layout {
        t,
        n: t.columns.len(),
        problems: Vec::new(),
    };
    if l.n == 0 {
        l.error(
            "columns",
            "bảng chưa có cột nào",
            "thêm `columns:` với tiêu đề từng cột, ví dụ columns: [TT, Nội dung, Số lượng]",
        );
    }
    let cells = t.header.iter().map(Vec::len).sum::<usize>()
        + t.rows.iter().map(row_len).sum::<usize>()
        + l.n;
    if cells > MAX_CELLS {
        l.error(
            "rows",
            format!(
                "bảng có {} ô ({} dòng × {} cột), nhiều hơn một văn bản dựng được ({} ô)",
                group(cells),
                group(t.rows.len()),
                l.n,
                group(MAX_CELLS)
            ),
            "tách bảng thành nhiều bảng hoặc nhiều phụ lục, hoặc đưa danh sách dài ra bảng tính riêng",
        );
        return (l.empty(size), l.problems);
    }
    let header = l.header();
    let (mut rows, sums) = l.body();
    if let Some(total) = &t.total {
        rows.extend(l.total(total, &sums));
    }
    let widths = l.widths(page);
    let columns = widths
        .iter()
        .enumerate()
        .map(|(i, &width)| doc::Column {
            width,
            align: l.align(i, &rows),
        })
        .collect();
    let table = doc::Table {
        title: trimmed(&t.title),
        unit: trimmed(&t.unit),
        columns,
        header,
        rows,
        size,
    };
    (table, l.problems)
}

/// Natural widths (in letters) as tenths of a millimetre on `page`, every
/// column at least a little over [`MIN_COLUMN_MM`] wide: the narrow ones
/// get that, the others share the rest in proportion. Unchanged when the
/// columns cannot all fit (the table is then refused as too wide).
fn fitted(natural: &[u32], page: Page) -> Vec<u32> {
    let floor = MIN_COLUMN_MM + 1.0;
    if natural.len() as f64 * floor > page.width_mm {
        return natural.to_vec();
    }
    let mut narrow = vec![false; natural.len()];
    loop {
        let free_mm = page.width_mm - floor * narrow.iter().filter(|n| **n).count() as f64;
        let free: f64 = natural
            .iter()
            .zip(&narrow)
            .filter(|(_, n)| !**n)
            .map(|(w, _)| f64::from(*w))
            .sum();
        let mut changed = false;
        for (w, n) in natural.iter().zip(narrow.iter_mut()) {
            if !*n && f64::from(*w) / free * free_mm < floor {
                *n = true;
                changed = true;
            }
        }
        if !changed {
            return natural
                .iter()
                .zip(&narrow)
                .map(|(w, n)| {
                    let mm = if *n {
                        floor
                    } else {
                        f64::from(*w) / free * free_mm
                    };
                    (mm * 10.0).round().max(1.0) as u32
                })
                .collect();
        }
    }
}

/// `parent[i]`, as field paths name list items.
fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

fn row_len(r: &TableRow) -> usize {
    match r {
        TableRow::Cells(c) => c.len(),
        TableRow::Fields(f) => f.cells.as_ref().map_or(1, Vec::len),
    }
}

fn trimmed(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn group(n: usize) -> String {
    crate::vn::group_thousands(n as u64)
}

/// "4,2" (millimetres, one decimal, the Vietnamese way).
fn mm(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

struct Layout<'t> {
    t: &'t Table,
    n: usize,
    problems: Vec<Diagnostic>,
}

/// The numbers of the body's summed columns, by column.
type Sums = Vec<Option<Number>>;

impl Layout<'_> {
    fn error(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        self.problems
            .push(Diagnostic::error(message).field(path).hint(hint));
    }

    fn empty(&self, size: u8) -> doc::Table {
        doc::Table {
            title: None,
            unit: None,
            columns: Vec::new(),
            header: Vec::new(),
            rows: Vec::new(),
            size,
        }
    }

    fn column(&self, i: usize) -> Option<&TableColumn> {
        self.t.columns.get(i)
    }

    fn is_number(&self, i: usize) -> bool {
        self.column(i).is_some_and(|c| c.number || c.sum)
    }

    /// A model cell as laid out; its spans checked for zero.
    fn cell(&mut self, c: &Cell, path: &str) -> doc::Cell {
        let mut out = doc::Cell::new(c.text().trim());
        if let Some(f) = c.fields() {
            for (key, span) in [("cols", f.cols), ("rows", f.rows)] {
                if span == Some(0) {
                    self.error(
                        &format!("{path}.{key}"),
                        "ô gộp 0 cột/dòng",
                        "một ô chiếm ít nhất 1; xóa dòng này nếu ô không gộp",
                    );
                }
            }
            out.cols = f.cols.unwrap_or(1).max(1);
            out.rows = f.rows.unwrap_or(1).max(1);
            out.align = f.align.map(Align::name);
            out.bold = f.bold.unwrap_or(false);
        }
        out
    }

    /// Header rows, then the columns' titles where no cell above covers
    /// them; every header cell in bold.
    fn header(&mut self) -> Vec<Vec<doc::Cell>> {
        let t = self.t;
        let mut rows: Vec<Vec<doc::Cell>> = Vec::new();
        for (r, row) in t.header.iter().enumerate() {
            let path = index("header", r);
            let cells = row
                .iter()
                .enumerate()
                .map(|(c, cell)| self.cell(cell, &index(&path, c)).bold())
                .collect();
            rows.push(cells);
        }
        let placed = doc::place(&rows, self.n);
        self.placement(&placed, &|r, c| match c {
            Some(c) => index(&index("header", r), c),
            None => index("header", r),
        });
        let has_titles = t.columns.iter().any(|c| c.title.is_some());
        let mut spilled = vec![false; self.n];
        for (k, s) in placed.spill.iter().enumerate() {
            let Some((left, r, c)) = s else { continue };
            if *left > 1 || !has_titles {
                let below = if has_titles {
                    "dòng tiêu đề cột"
                } else {
                    "hết phần tiêu đề"
                };
                self.error(
                    &format!("{}.rows", index(&index("header", *r), *c)),
                    format!("ô gộp dòng kéo xuống quá {below}"),
                    "giảm `rows` của ô này; phần tiêu đề gồm các dòng `header` và dòng tiêu đề cột",
                );
            }
            spilled[k] = true;
        }
        if has_titles {
            let mut titles = Vec::new();
            for (i, col) in t.columns.iter().enumerate() {
                match (&col.title, spilled[i]) {
                    (Some(_), true) => self.error(
                        &format!("{}.title", index("columns", i)),
                        "tiêu đề cột nằm dưới một ô gộp dòng của `header`",
                        "xóa tiêu đề của cột này (ô gộp phía trên đã là tiêu đề của nó), hoặc giảm `rows` của ô gộp",
                    ),
                    (title, false) => titles.push(
                        doc::Cell::new(title.as_deref().unwrap_or("").trim()).bold(),
                    ),
                    (None, true) => {}
                }
            }
            rows.push(titles);
        }
        rows
    }

    /// Reports where rows do not fit the columns; `path(r, c)` names the
    /// row `r` or its cell `c`.
    fn placement(
        &mut self,
        placed: &doc::Placement,
        path: &dyn Fn(usize, Option<usize>) -> String,
    ) {
        let n = self.n;
        for p in &placed.problems {
            match *p {
                PlaceProblem::TooMany { row, cell } => self.error(
                    &path(row, Some(cell)),
                    format!("dòng có nhiều ô hơn số cột của bảng ({n} cột)"),
                    "xóa ô thừa; một số có dấu phẩy (2,5) trong danh sách [ … ] phải đặt trong ngoặc kép, nếu không YAML tách nó thành hai ô",
                ),
                PlaceProblem::PastEdge { row, cell, col } => self.error(
                    &format!("{}.cols", path(row, Some(cell))),
                    format!(
                        "ô gộp vượt ra ngoài bảng: bắt đầu ở cột {} nhưng bảng chỉ có {n} cột",
                        col + 1
                    ),
                    format!("giảm `cols` xuống tối đa {}", n - col),
                ),
                PlaceProblem::Overlap { row, cell } => self.error(
                    &path(row, Some(cell)),
                    "ô gộp đè lên ô gộp dòng của dòng phía trên",
                    "giảm `cols` của ô này, hoặc `rows` của ô phía trên",
                ),
                PlaceProblem::TooFew { row, missing } => self.error(
                    &path(row, None),
                    format!("dòng thiếu {missing} ô so với {n} cột của bảng"),
                    "thêm ô trống \"\" cho cột không có số liệu, hoặc gộp ô bằng `cols`",
                ),
            }
        }
    }

    /// The body rows, numbers written the Vietnamese way, and the sums of
    /// the summed columns.
    fn body(&mut self) -> (Vec<Vec<doc::Cell>>, Sums) {
        let t = self.t;
        let mut rows: Vec<Vec<doc::Cell>> = Vec::with_capacity(t.rows.len());
        let mut paths: Vec<String> = Vec::with_capacity(t.rows.len());
        let mut groups = Vec::new();
        for (r, row) in t.rows.iter().enumerate() {
            let path = index("rows", r);
            match row {
                TableRow::Cells(cells) => {
                    rows.push(self.cells(cells, &path));
                    paths.push(path);
                }
                TableRow::Fields(f) => {
                    let bold = f.bold.unwrap_or(false);
                    match (&f.cells, &f.group) {
                        (Some(cells), None) => {
                            let cells_path = format!("{path}.cells");
                            let mut cells = self.cells(cells, &cells_path);
                            for c in &mut cells {
                                c.bold |= bold;
                            }
                            rows.push(cells);
                            paths.push(cells_path);
                        }
                        (None, Some(title)) => {
                            if title.trim().is_empty() {
                                self.error(
                                    &format!("{path}.group"),
                                    "tiêu đề nhóm đang để trống",
                                    "điền tiêu đề nhóm, ví dụ group: I. NHÓM THỰC PHẨM",
                                );
                            }
                            groups.push(r);
                            rows.push(vec![doc::Cell {
                                cols: self.n.max(1) as u32,
                                align: Some("left"),
                                ..doc::Cell::new(title.trim()).bold()
                            }]);
                            paths.push(path);
                        }
                        _ => {
                            self.error(
                                &path,
                                "dòng cần đúng một trong `cells` (các ô) hoặc `group` (tiêu đề nhóm)",
                                "ví dụ { cells: [1, Thực phẩm, 12] } hoặc { group: I. NHÓM THỰC PHẨM }",
                            );
                            rows.push(Vec::new());
                            paths.push(path);
                        }
                    }
                }
            }
        }
        let placed = doc::place(&rows, self.n);
        self.placement(&placed, &|r, c| match c {
            Some(c) => index(&paths[r], c),
            None => paths[r].clone(),
        });
        for s in placed.spill.iter().flatten() {
            let (_, r, c) = *s;
            self.error(
                &format!("{}.rows", index(&paths[r], c)),
                "ô gộp dòng kéo xuống quá dòng cuối của bảng",
                "giảm `rows` của ô này",
            );
        }
        let mut sums: Sums = (0..self.n)
            .map(|i| self.column(i).filter(|c| c.sum).map(|_| Number::ZERO))
            .collect();
        for (r, (row, starts)) in rows.iter_mut().zip(&placed.starts).enumerate() {
            if groups.contains(&r) {
                continue;
            }
            for (c, (cell, &col)) in row.iter_mut().zip(starts).enumerate() {
                let path = index(&paths[r], c);
                if let Some(n) = self.number(cell, col, &path)
                    && let Some(sum) = &mut sums[col]
                {
                    match sum.checked_add(n) {
                        Some(s) => *sum = s,
                        None => self.error(
                            &path,
                            "tổng của cột quá lớn",
                            "kiểm tra lại các số trong cột",
                        ),
                    }
                }
            }
        }
        (rows, sums)
    }

    fn cells(&mut self, cells: &[Cell], path: &str) -> Vec<doc::Cell> {
        cells
            .iter()
            .enumerate()
            .map(|(c, cell)| self.cell(cell, &index(path, c)))
            .collect()
    }

    /// The number in a cell of a number column, its text rewritten the
    /// Vietnamese way; None for an empty cell, "-", or text elsewhere.
    fn number(&mut self, cell: &mut doc::Cell, col: usize, path: &str) -> Option<Number> {
        let text = cell.text.trim();
        if !self.is_number(col) || text.is_empty() || text == NONE {
            return None;
        }
        if cell.cols > 1 {
            if self.column(col).is_some_and(|c| c.sum) {
                self.error(
                    &format!("{path}.cols"),
                    "ô trong cột tính tổng gộp với cột khác: không biết cộng số vào cột nào",
                    "bỏ `cols` của ô này, hoặc đưa số vào ô riêng của cột",
                );
            }
            return None;
        }
        match Number::parse(text) {
            Ok(n) => {
                cell.text = n.to_string();
                Some(n)
            }
            Err(e) => {
                let (message, hint) = e.explain(text);
                self.error(path, message, hint);
                None
            }
        }
    }

    /// The totals row: the label over the columns before the first summed
    /// one, the sums in the summed ones; a row the author wrote has its
    /// sums checked and its empty summed cells filled.
    fn total(&mut self, total: &TableTotal, sums: &Sums) -> Option<Vec<doc::Cell>> {
        if *total == TableTotal::Computed(false) {
            return None;
        }
        let Some(first) = sums.iter().position(Option::is_some) else {
            self.error(
                "total",
                "dòng tổng cần ít nhất một cột có `sum: true`",
                "thêm `sum: true` vào các cột cần cộng, hoặc xóa `total`",
            );
            return None;
        };
        let label = match total {
            TableTotal::Computed(_) => "Tổng cộng",
            TableTotal::Label(l) => l.trim(),
            TableTotal::Row(cells) => return Some(self.stated_total(cells, sums)),
        };
        let mut row = Vec::new();
        if first > 0 {
            row.push(doc::Cell {
                cols: first as u32,
                align: Some("center"),
                ..doc::Cell::new(label).bold()
            });
        }
        for sum in &sums[first..] {
            let text = sum.map(|s| s.to_string()).unwrap_or_default();
            row.push(doc::Cell::new(text).bold());
        }
        Some(row)
    }

    fn stated_total(&mut self, cells: &[Cell], sums: &Sums) -> Vec<doc::Cell> {
        let mut row = self.cells(cells, "total");
        let placed = doc::place(std::slice::from_ref(&row), self.n);
        self.placement(&placed, &|_, c| match c {
            Some(c) => index("total", c),
            None => "total".into(),
        });
        let starts = placed.starts.first().cloned().unwrap_or_default();
        for (c, (cell, &col)) in row.iter_mut().zip(&starts).enumerate() {
            cell.bold = true;
            let Some(sum) = sums[col] else { continue };
            let path = index("total", c);
            if cell.text.is_empty() {
                cell.text = sum.to_string();
                continue;
            }
            if let Some(stated) = self.number(cell, col, &path)
                && stated != sum
            {
                let title = self
                    .column(col)
                    .and_then(|c| c.title.as_deref())
                    .unwrap_or("");
                let named = if title.is_empty() {
                    format!("cột {}", col + 1)
                } else {
                    format!("cột {} ({})", col + 1, title.trim())
                };
                self.error(
                    &path,
                    format!("dòng tổng ghi {stated} ở {named}, nhưng cộng các dòng được {sum}"),
                    format!("sửa thành {sum}, hoặc để trống ô này (\"\") để ocop tự điền tổng"),
                );
            }
        }
        row
    }

    /// Relative widths: as written; the author's typical width for the
    /// columns left without one; from the content when none has one.
    fn widths(&mut self, page: Page) -> Vec<u32> {
        let given: Vec<Option<u32>> = (0..self.n)
            .map(|i| self.column(i).and_then(|c| c.width))
            .collect();
        for (i, w) in given.iter().enumerate() {
            if *w == Some(0) {
                self.error(
                    &format!("{}.width", index("columns", i)),
                    "độ rộng cột bằng 0",
                    "độ rộng là số tương đối lớn hơn 0: cột `width: 4` rộng gấp 4 lần cột `width: 1`",
                );
            }
        }
        let known: Vec<u32> = given.iter().flatten().copied().filter(|w| *w > 0).collect();
        let widths: Vec<u32> = if known.is_empty() {
            let natural: Vec<u32> = (0..self.n).map(|i| self.natural_width(i)).collect();
            fitted(&natural, page)
        } else {
            let typical = (known.iter().map(|w| u64::from(*w)).sum::<u64>() / known.len() as u64)
                .max(1) as u32;
            given
                .iter()
                .map(|w| w.filter(|w| *w > 0).unwrap_or(typical))
                .collect()
        };
        self.fits(&widths, page);
        widths
    }

    /// A column's width from its content: its longest word, widened
    /// towards its typical cell's length (up to 40 characters).
    fn natural_width(&self, i: usize) -> u32 {
        let mut longest_word = 2;
        let mut total = 0;
        let mut count = 0;
        let title = self.column(i).and_then(|c| c.title.as_deref());
        let body = self.t.rows.iter().filter_map(|r| match r {
            TableRow::Cells(c) => c.get(i).map(Cell::text),
            TableRow::Fields(f) => f.cells.as_ref().and_then(|c| c.get(i)).map(Cell::text),
        });
        for text in title.into_iter().chain(body).take(500) {
            let words = text.split_whitespace().map(|w| w.chars().count());
            longest_word = longest_word.max(words.max().unwrap_or(0).min(20));
            total += text.chars().count();
            count += 1;
        }
        let typical = (total / count.max(1)).min(40);
        longest_word.max(typical) as u32
    }

    /// Every column must be wide enough to print on `page`.
    fn fits(&mut self, widths: &[u32], page: Page) {
        let sum: u64 = widths.iter().map(|w| u64::from(*w)).sum();
        if sum == 0 {
            return;
        }
        let mm_of = |w: u32| page.width_mm * f64::from(w) / sum as f64;
        let narrow: Vec<usize> = (0..widths.len())
            .filter(|&i| mm_of(widths[i]) < MIN_COLUMN_MM)
            .collect();
        let Some(&first) = narrow.first() else { return };
        let narrowest = widths.iter().map(|&w| mm_of(w)).fold(f64::MAX, f64::min);
        let orientation = if page.landscape { "ngang" } else { "dọc" };
        let listed: Vec<String> = narrow.iter().take(6).map(|i| (i + 1).to_string()).collect();
        let more = if narrow.len() > 6 { ", …" } else { "" };
        let hint = if widths.len() as f64 * MIN_COLUMN_MM > LANDSCAPE.width_mm {
            format!(
                "một trang ngang A4 in được nhiều nhất khoảng {} cột; bớt cột hoặc tách thành nhiều bảng",
                (LANDSCAPE.width_mm / MIN_COLUMN_MM) as usize
            )
        } else if !page.landscape {
            "tăng `width` của các cột hẹp, bớt cột, hoặc đưa bảng ra phụ lục trang ngang"
                .to_string()
        } else {
            "tăng `width` của các cột hẹp, hoặc bớt cột".to_string()
        };
        self.error(
            &index("columns", first),
            format!(
                "bảng {} cột quá rộng: trên trang {orientation} A4 (phần chữ rộng {} mm) cột {}{more} chỉ rộng {} mm, không đủ in chữ (cần ít nhất {} mm)",
                widths.len(),
                mm(page.width_mm),
                listed.join(", "),
                mm(narrowest),
                mm(MIN_COLUMN_MM),
            ),
            hint,
        );
    }

    /// As written; numbers at the right; a column of short codes (TT,
    /// đơn vị tính) centred; text at the left.
    fn align(&self, i: usize, rows: &[Vec<doc::Cell>]) -> &'static str {
        if let Some(a) = self.column(i).and_then(|c| c.align) {
            return a.name();
        }
        if self.is_number(i) {
            return "right";
        }
        let mut texts = rows
            .iter()
            .filter(|r| r.len() == self.n)
            .filter_map(|r| r.get(i))
            .map(|c| c.text.chars().count())
            .peekable();
        if texts.peek().is_some() && texts.all(|len| len <= 4) {
            "center"
        } else {
            "left"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CellFields, RowFields};

    fn col(title: &str) -> TableColumn {
        TableColumn {
            title: Some(title.into()),
            ..Default::default()
        }
    }

    fn sum(title: &str) -> TableColumn {
        TableColumn {
            sum: true,
            ..col(title)
        }
    }

    fn row(cells: &[&str]) -> TableRow {
        TableRow::Cells(cells.iter().map(|c| Cell::Text(c.to_string())).collect())
    }

    fn span(text: &str, cols: u32, rows: u32) -> Cell {
        Cell::Fields(CellFields {
            text: text.into(),
            cols: Some(cols),
            rows: Some(rows),
            ..Default::default()
        })
    }

    fn targets() -> Table {
        Table {
            columns: vec![col("TT"), col("Nhóm"), sum("2026"), sum("2027")],
            rows: vec![
                row(&["1", "Thực phẩm", "1250000", "15"]),
                row(&["2", "Đồ uống", "3", "2,5"]),
            ],
            total: Some(TableTotal::Computed(true)),
            ..Default::default()
        }
    }

    fn messages(t: &Table) -> Vec<String> {
        lay_out(t, PORTRAIT, 13)
            .1
            .iter()
            .map(|d| format!("{}: {}", d.field.as_deref().unwrap_or(""), d.message))
            .collect()
    }

    #[test]
    fn numbers_are_grouped_and_summed() {
        let (t, problems) = lay_out(&targets(), PORTRAIT, 13);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(t.rows[0][2].text, "1.250.000");
        let total: Vec<&str> = t.rows[2].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(total, ["Tổng cộng", "1.250.003", "17,5"]);
        assert_eq!(t.rows[2][0].cols, 2);
        assert!(t.rows[2].iter().all(|c| c.bold));
        let aligns: Vec<&str> = t.columns.iter().map(|c| c.align).collect();
        assert_eq!(aligns, ["center", "left", "right", "right"]);
        assert_eq!(
            t.header,
            vec![
                ["TT", "Nhóm", "2026", "2027"]
                    .map(|s| doc::Cell::new(s).bold())
                    .to_vec()
            ]
        );
    }

    #[test]
    fn a_stated_total_is_checked_at_its_cell_and_blanks_are_filled() {
        let mut t = targets();
        let stated = ["", "Cộng", "1.250.004", ""];
        t.total = Some(TableTotal::Row(
            stated.iter().map(|c| Cell::Text(c.to_string())).collect(),
        ));
        let (laid, problems) = lay_out(&t, PORTRAIT, 13);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].field.as_deref(), Some("total[2]"));
        assert_eq!(
            problems[0].message,
            "dòng tổng ghi 1.250.004 ở cột 3 (2026), nhưng cộng các dòng được 1.250.003"
        );
        assert_eq!(laid.rows[2][3].text, "17,5");
    }

    #[test]
    fn numbers_written_another_way_are_refused_where_they_are() {
        let mut t = targets();
        t.rows.push(row(&["3", "Dược liệu", "2.5", "abc"]));
        assert_eq!(
            messages(&t),
            [
                "rows[2][2]: số `2.5` viết sai cách: dấu chấm ngăn cách hàng nghìn (mỗi nhóm 3 chữ số), dấu phẩy đứng trước phần thập phân",
                "rows[2][3]: `abc` không phải là số"
            ]
        );
    }

    #[test]
    fn rows_must_fit_the_columns() {
        let mut t = targets();
        t.rows = vec![
            row(&["1", "a", "2"]),
            row(&["1", "a", "2", "3", "4"]),
            TableRow::Cells(vec![Cell::Text("1".into()), span("a", 5, 1)]),
            TableRow::Cells(vec![
                span("x", 1, 9),
                Cell::Text("a".into()),
                Cell::Text("1".into()),
                Cell::Text("2".into()),
            ]),
        ];
        t.total = None;
        assert_eq!(
            messages(&t),
            [
                "rows[0]: dòng thiếu 1 ô so với 4 cột của bảng",
                "rows[1][4]: dòng có nhiều ô hơn số cột của bảng (4 cột)",
                "rows[2][1].cols: ô gộp vượt ra ngoài bảng: bắt đầu ở cột 2 nhưng bảng chỉ có 4 cột",
                "rows[3][0].rows: ô gộp dòng kéo xuống quá dòng cuối của bảng",
            ]
        );
    }

    #[test]
    fn merged_header_cells_stand_over_the_titles() {
        let t = Table {
            columns: vec![
                TableColumn::default(),
                TableColumn::default(),
                col("NSTW"),
                col("NST"),
            ],
            header: vec![vec![
                span("TT", 1, 2),
                span("Nội dung", 1, 2),
                span("Chia ra", 2, 1),
            ]],
            rows: vec![row(&["1", "a", "2", "3"])],
            ..Default::default()
        };
        let (laid, problems) = lay_out(&t, PORTRAIT, 13);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(laid.header.len(), 2);
        let titles: Vec<&str> = laid.header[1].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(titles, ["NSTW", "NST"]);
        // A title under a merged cell would be lost: refused.
        let mut t = t;
        t.columns[0] = col("TT");
        assert_eq!(
            messages(&t),
            ["columns[0].title: tiêu đề cột nằm dưới một ô gộp dòng của `header`"]
        );
    }

    #[test]
    fn sixty_columns_do_not_fit_a_page() {
        let t = Table {
            columns: (0..60).map(|i| col(&i.to_string())).collect(),
            rows: vec![row(&vec!["x"; 60])],
            ..Default::default()
        };
        let problems = lay_out(&t, LANDSCAPE, 12).1;
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.starts_with("bảng 60 cột quá rộng: trên trang ngang A4 (phần chữ rộng 252,0 mm) cột 1, 2, 3, 4, 5, 6, … chỉ rộng 4,2 mm"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn widths_follow_the_content_unless_given() {
        let (t, _) = lay_out(&targets(), PORTRAIT, 13);
        let w: Vec<u32> = t.columns.iter().map(|c| c.width).collect();
        assert!(w[1] > w[0], "{w:?}");
        let mut given = targets();
        given.columns[1].width = Some(6);
        given.columns[2].width = Some(2);
        let (t, _) = lay_out(&given, PORTRAIT, 13);
        let w: Vec<u32> = t.columns.iter().map(|c| c.width).collect();
        assert_eq!(w, [4, 6, 2, 4]);
    }

    #[test]
    fn a_group_row_spans_the_table_and_is_not_summed() {
        let mut t = targets();
        t.rows.insert(
            0,
            TableRow::Fields(RowFields {
                group: Some("I. NHÓM".into()),
                ..Default::default()
            }),
        );
        let (laid, problems) = lay_out(&t, PORTRAIT, 13);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(laid.rows[0][0].cols, 4);
        assert_eq!(laid.rows[3][1].text, "1.250.003");
    }

    #[test]
    fn too_many_cells_are_refused_before_any_work() {
        let t = Table {
            columns: vec![col("a"), col("b"), col("c")],
            rows: (0..2000).map(|_| row(&["1", "2", "3"])).collect(),
            ..Default::default()
        };
        let problems = lay_out(&t, PORTRAIT, 13).1;
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].field.as_deref(), Some("rows"));
    }
}
