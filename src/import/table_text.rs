//! A table in text laid out as on the page (an appendix's "STT  Tên sản
//! phẩm  Chủ thể  …"), read back cell by cell. The columns are parted
//! where the table's lines leave the page blank (or nearly: one line
//! running over); a text belongs to the column it starts in. A row is
//! told by its number in the first column; a cell's lines are centred on
//! its row's, so a line between two rows goes with the row it mirrors.

use super::cleaned::Cleaned;
use super::recognise::labels::{self, Label};

/// The pieces of a line set apart by two spaces or more: (first column,
/// text).
pub fn chunks(l: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = l.chars().collect();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut spaces = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c != ' ' {
            start.get_or_insert(i);
            spaces = 0;
            continue;
        }
        spaces += 1;
        if spaces == 2
            && let Some(s) = start.take()
        {
            out.push((s, chars[s..i - 1].iter().collect()));
        }
    }
    if let Some(s) = start {
        let text: String = chars[s..].iter().collect();
        out.push((s, text.trim_end().to_string()));
    }
    out
}

/// A table's heading line: the number column's heading ("STT", "TT")
/// and at least two more headings.
pub fn is_head(l: &str) -> bool {
    let c = chunks(l);
    c.len() >= 3 && matches!(c[0].1.as_str(), "STT" | "TT" | "Số TT")
}

/// A group line of the table ("I. SẢN PHẨM ĐẠT 4 SAO"), one piece.
fn is_group(l: &str) -> bool {
    let c = chunks(l);
    c.len() == 1 && labels::read(&c[0].1).is_some_and(|r| matches!(r.label, Label::Roman(_)))
}

/// An amount or a count standing in a cell ("2.040", "78,5").
fn is_amount(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A row's number in the first column: "1", "4.1", "III".
fn is_row_label(t: &str) -> bool {
    let t = t.trim_end_matches('.');
    let arabic = t
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let roman = !t.is_empty() && t.chars().all(|c| "IVXL".contains(c));
    arabic || roman
}

/// A table's heading: its lines (the heading line, with the lines of
/// headings set above and below it), each column's span and title, and
/// the headings over several columns ("Chia ra") by their first column.
#[derive(Debug)]
struct Header {
    first: usize,
    last: usize,
    spans: Vec<(usize, usize)>,
    titles: Vec<String>,
    over: Vec<(usize, String)>,
}

/// A heading line's neighbour that holds headings too: not blank, no
/// amount in it, nothing at the margin where rows' numbers stand, no
/// "Đơn vị tính: …".
fn is_heading_line(l: &str, number_end: usize) -> bool {
    let c = chunks(l);
    !c.is_empty()
        && !is_head(l)
        && c[0].0 > number_end
        && !c.iter().any(|(_, t)| is_amount(t) || t.contains(':'))
}

/// A line above the heading line with text over the column after the
/// number's, or an appendix's title: the text before the table (headings
/// over several columns stand over the amounts or the dates).
fn over_content(l: &str, head: &[(usize, String)]) -> bool {
    if labels::is_appendix_title(l) {
        return true;
    }
    let Some((hs, ht)) = head.get(1) else {
        return false;
    };
    let he = hs + ht.chars().count();
    chunks(l)
        .into_iter()
        .any(|(s, t)| s < he && *hs < s + t.chars().count())
}

/// A line under the heading line with text in the column after the
/// number's (where a row's content runs), other than the rest of that
/// column's heading centred under it: the table's first row.
fn fills_content(l: &str, head: &[(usize, String)]) -> bool {
    let Some((hs, ht)) = head.get(1) else {
        return false;
    };
    let he = hs + ht.chars().count();
    chunks(l).into_iter().any(|(s, t)| {
        let e = s + t.chars().count();
        let centred = (s + e).abs_diff(hs + he) <= 4 && e - s <= he - hs;
        s < he && *hs < e && !centred
    })
}

fn header(lines: &[String], h: usize) -> Header {
    let head = chunks(&lines[h]);
    let number_end = head[0].0 + head[0].1.chars().count();
    let above = (1..=2)
        .take_while(|&k| {
            h >= k
                && is_heading_line(&lines[h - k], number_end)
                && !over_content(&lines[h - k], &head)
        })
        .count();
    let below = (1..=4)
        .take_while(|&k| {
            lines
                .get(h + k)
                .is_some_and(|l| is_heading_line(l, number_end) && !fills_content(l, &head))
        })
        .count();
    // Columns: the headings on and below the heading line, parted where
    // none covers the page.
    let mut pieces: Vec<(usize, usize, String)> = (h..=h + below)
        .flat_map(|i| chunks(&lines[i]))
        .map(|(s, t)| (s, s + t.chars().count(), t))
        .collect();
    pieces.sort_by_key(|p| p.0);
    let mut cols: Vec<(usize, usize, Vec<String>)> = Vec::new();
    for (s, e, t) in pieces {
        match cols.last_mut() {
            Some(c) if s < c.1 => {
                c.1 = c.1.max(e);
                c.2.push(t);
            }
            _ => cols.push((s, e, vec![t])),
        }
    }
    // The texts of a column in the order of their lines.
    for c in &mut cols {
        let mut ordered = Vec::new();
        for line in &lines[h..=h + below] {
            for (s, t) in chunks(line) {
                if s >= c.0 && s < c.1 && c.2.contains(&t) {
                    ordered.push(t);
                }
            }
        }
        c.2 = ordered;
    }
    let mut over = Vec::new();
    for line in &lines[h - above..h] {
        for (s, t) in chunks(line) {
            let e = s + t.chars().count();
            let under: Vec<usize> = (0..cols.len())
                .filter(|&c| s < cols[c].1 && cols[c].0 < e)
                .collect();
            let wide = |c: usize| 2 * (e - s) > 3 * (cols[c].1 - cols[c].0);
            match under.as_slice() {
                [c] if !wide(*c) => cols[*c].2.insert(0, t),
                [c, ..] => over.push((spanned(&cols, (s, e), *c, under.len()), t)),
                [] => {
                    let at = cols.iter().position(|c| c.0 > s).unwrap_or(cols.len());
                    cols.insert(at, (s, e, vec![t]));
                }
            }
        }
    }
    Header {
        first: h - above,
        last: h + below,
        spans: cols.iter().map(|c| (c.0, c.1)).collect(),
        titles: cols.iter().map(|c| c.2.join(" ")).collect(),
        over,
    }
}

/// A line of text running across the table's columns (one piece
/// covering two columns whole; cells glued by a copy are pieces beside
/// others): the text goes on after the table.
fn runs_across(l: &str, spans: &[(usize, usize)]) -> bool {
    match chunks(l).as_slice() {
        [(s, t)] => {
            let e = s + t.chars().count();
            spans.iter().filter(|c| *s <= c.0 && c.1 <= e).count() >= 2
        }
        _ => false,
    }
}

/// The first of the columns a heading over several columns stands over:
/// of the runs of two columns or more that hold the `n` columns from
/// `first` it touches, the one it is centred over.
fn spanned<T>(cols: &[(usize, usize, T)], (s, e): (usize, usize), first: usize, n: usize) -> usize {
    let centre = (s + e) as f64 / 2.0;
    let mid = |c: &(usize, usize, T)| (c.0 + c.1) as f64 / 2.0;
    let mut best = (f64::MAX, first);
    for a in 0..=first {
        for b in (first + n).max(a + 2)..=cols.len() {
            let mean = cols[a..b].iter().map(mid).sum::<f64>() / (b - a) as f64;
            let off = (mean - centre).abs();
            if off < best.0 {
                best = (off, a);
            }
        }
    }
    best.1
}

/// A table read from laid-out lines: its cells, and the lines it takes
/// (`first..end`).
pub struct Read {
    pub cells: Vec<Cleaned>,
    pub first: usize,
    pub end: usize,
}

/// The table whose heading line is `lines[h]` (`table` its number in the
/// text), read up to `end` (the next table's heading, or an appendix's
/// title): row 0 (and 1, under headings over several columns) the
/// headings, then in the order they stand a row for each group line (one
/// cell) and each row. A row is told by its number at the margin ("1",
/// "4.1", "III"), or by amounts under the amounts of the row next to it
/// ("Tổng cộng"); its lines are centred on its number's, so a row begins
/// where the one above ended. The heading repeated on a new page, and the
/// page's number before it, are left out. Lines after the last row are
/// not the table's.
pub fn read(lines: &[String], h: usize, end: usize, table: usize) -> Read {
    let head = header(lines, h);
    let body = head.last + 1;
    let end = (body..end)
        .find(|&i| !is_group(&lines[i]) && runs_across(&lines[i], &head.spans))
        .unwrap_or(end)
        .max(body);
    let skip = left_out(lines, (h, body, end));
    let groups: Vec<bool> = lines[body..end].iter().map(|l| is_group(l)).collect();
    let body_lines = &lines[body..end];
    let barriers: Vec<usize> = (0..body_lines.len())
        .filter(|&i| skip[i] || groups[i])
        .collect();
    let bounds = boundaries(body_lines, &head.spans, &barriers);
    let cols = head.spans.len();
    let pieces: Vec<Vec<(usize, String)>> = body_lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if skip[i] || groups[i] {
                return vec![];
            }
            let near: Vec<usize> = (i.saturating_sub(3)..(i + 4).min(body_lines.len()))
                .filter(|&j| j != i && !skip[j] && !groups[j])
                .flat_map(|j| chunks(&body_lines[j]).into_iter().map(|(s, _)| s))
                .collect();
            chunks(l)
                .into_iter()
                .flat_map(|c| split_at_bounds(c, &bounds, &near))
                .map(|(c, t)| (c.min(cols - 1), t))
                .collect()
        })
        .collect();
    let spans = row_spans(&pieces, &barriers);
    let last_line = spans.iter().map(|r| r.1).max();
    let mut rows: Vec<(bool, Vec<String>)> = Vec::new();
    for i in 0..last_line.map_or(0, |l| l + 1) {
        if groups[i] {
            rows.push((false, vec![super::para::squeeze(&body_lines[i])]));
        }
        if spans.iter().any(|r| r.0 == i) {
            rows.push((true, vec![String::new(); cols]));
        }
        // A line between a row and a barrier goes on the row above.
        let Some(row) = rows.iter_mut().rev().find(|r| r.0) else {
            continue;
        };
        for (col, text) in &pieces[i] {
            let cell = &mut row.1[*col];
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(text);
        }
    }
    let mut out = Vec::new();
    let mut n = 0;
    if !head.over.is_empty() {
        let mut row = vec![String::new(); cols];
        for (c, t) in head.over {
            row[c] = t;
        }
        out.extend(row_cells(table, n, row));
        n += 1;
    }
    out.extend(row_cells(table, n, head.titles));
    for (_, cells) in rows {
        n += 1;
        out.extend(row_cells(table, n, cells));
    }
    Read {
        cells: out,
        first: head.first,
        end: last_line.map_or(body, |l| body + l + 1),
    }
}

/// The texts of a line's pieces, without their columns: two lines with
/// the same are the same heading.
pub(crate) fn chunk_texts(line: &str) -> Vec<String> {
    chunks(line).into_iter().map(|(_, t)| t).collect()
}

/// The body's lines (`body..end`) left out: the heading (on line `h`)
/// repeated on a new page, and the page's number and blank lines above
/// it.
fn left_out(lines: &[String], (h, body, end): (usize, usize, usize)) -> Vec<bool> {
    let head = chunk_texts(&lines[h]);
    let mut skip = vec![false; end - body];
    for i in body..end {
        if !is_head(&lines[i]) || chunk_texts(&lines[i]) != head {
            continue;
        }
        let again = header(lines, i);
        for j in again.first.max(body)..=again.last.min(end - 1) {
            skip[j - body] = true;
        }
        let mut j = again.first;
        while j > body {
            j -= 1;
            match chunks(&lines[j]).as_slice() {
                [] => skip[j - body] = true,
                [(s, t)] if *s > 0 && t.chars().all(|d| d.is_ascii_digit()) => {
                    skip[j - body] = true;
                }
                _ => break,
            }
        }
    }
    skip
}

/// Each row's lines (first, last), in the body's lines: a row starts at
/// its number or, where the lines above its number are another row's
/// amounts, there; it ends as far below its number as it began above,
/// and never past the next row's number or a barrier.
fn row_spans(pieces: &[Vec<(usize, String)>], barriers: &[usize]) -> Vec<(usize, usize)> {
    let numbered: Vec<usize> = (0..pieces.len())
        .filter(|&i| {
            pieces[i]
                .first()
                .is_some_and(|(c, t)| *c == 0 && is_row_label(t))
        })
        .collect();
    let amounts = |i: usize| -> Vec<usize> {
        pieces[i]
            .iter()
            .filter(|(c, t)| *c > 0 && is_amount(t))
            .map(|(c, _)| *c)
            .collect()
    };
    // A row of its own holds more than one cell (a lone number under a
    // table is its page's).
    let shares_amounts = |a: usize, b: usize| {
        pieces[a].len() > 1 && amounts(a).iter().any(|c| amounts(b).contains(c))
    };
    let mut spans = Vec::new();
    let mut top = 0;
    for (k, &s) in numbered.iter().enumerate() {
        if let Some(b) = barriers.iter().rev().find(|&&b| b < s && b >= top) {
            top = b + 1;
        }
        while top < s && pieces[top].is_empty() {
            top += 1;
        }
        // Lines of amounts above a row of amounts: rows without a number.
        while top < s && shares_amounts(top, s) {
            spans.push((top, top));
            top += 1;
        }
        let limit = numbered
            .get(k + 1)
            .copied()
            .into_iter()
            .chain(barriers.iter().copied().filter(|&b| b > s))
            .min()
            .unwrap_or(pieces.len());
        let bottom = (2 * s).saturating_sub(top).clamp(s, limit - 1);
        spans.push((top.min(s), bottom));
        top = bottom + 1;
    }
    // Lines of amounts under the last row's: rows without a number.
    if let Some(&last) = numbered.last() {
        while top < pieces.len() && !barriers.contains(&top) && shares_amounts(top, last) {
            spans.push((top, top));
            top += 1;
        }
    }
    spans
}

fn row_cells(table: usize, row: usize, cells: Vec<String>) -> Vec<Cleaned> {
    cells
        .into_iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(col, text)| Cleaned {
            text,
            cell: Some((table, row, col)),
        })
        .collect()
}

/// Where one column ends and the next begins: between two headings, the
/// place the fewest pieces cover (none, or one line running over).
fn boundaries(lines: &[String], heads: &[(usize, usize)], skip: &[usize]) -> Vec<usize> {
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut cover = vec![0usize; width + 2];
    for (i, l) in lines.iter().enumerate() {
        if skip.contains(&i) {
            continue;
        }
        for (s, t) in chunks(l) {
            for c in cover.iter_mut().skip(s).take(t.chars().count()) {
                *c += 1;
            }
        }
    }
    let starts: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .flat_map(|(_, l)| chunks(l).into_iter().map(|(s, _)| s))
        .collect();
    heads
        .windows(2)
        .map(|w| {
            // Between the headings: a column's text may stand a little
            // beside its heading (amounts set to the right).
            let from = w[0].1;
            let to = w[1].0.max(from);
            let mid = (from + to) / 2;
            let gap = (from..=to.min(width))
                .min_by_key(|&x| (cover.get(x).copied().unwrap_or(0), x.abs_diff(mid)))
                .unwrap_or(mid);
            // The next column starts where its first text does.
            starts
                .iter()
                .copied()
                .filter(|&s| s >= gap && s <= to)
                .min()
                .unwrap_or(gap)
        })
        .collect()
}

/// A piece split where it runs over a boundary, each part with its
/// column. Cells a copy glued (one space between) are parted before the
/// word that starts where the next column's texts start on the lines
/// around (`near`): that part is the next column's. Else the piece is cut
/// at the space nearest the boundary and each part goes to the column it
/// starts in (one line running over).
fn split_at_bounds(
    (start, text): (usize, String),
    bounds: &[usize],
    near: &[usize],
) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let end = start + chars.len();
    let col_of = |s: usize| bounds.iter().filter(|&&b| b <= s).count();
    let mut out = Vec::new();
    let mut col = col_of(start);
    let mut from = 0;
    for &b in bounds.iter().filter(|&&b| b > start && b < end) {
        let spaces = || (from..chars.len()).filter(|&k| chars[k] == ' ');
        let aligned = spaces()
            .filter(|&k| {
                let w = start + k + 1;
                w.abs_diff(b) <= 6 && near.iter().any(|n| n.abs_diff(w) <= 1)
            })
            .min_by_key(|&k| (start + k + 1).abs_diff(b));
        if let Some(k) = aligned {
            out.push((col, chars[from..k].iter().collect::<String>()));
            from = k + 1;
            col += 1;
        } else if let Some(k) = spaces().min_by_key(|&k| (start + k).abs_diff(b)) {
            out.push((col, chars[from..k].iter().collect::<String>()));
            from = k + 1;
            col = col_of(start + from).max(col);
        }
    }
    out.push((col, chars[from..].iter().collect::<String>()));
    out.retain(|(_, t)| !t.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut out: Vec<Vec<String>> = Vec::new();
        let h = lines.iter().position(|l| is_head(l)).unwrap();
        for c in read(&lines, h, lines.len(), 0).cells {
            let (_, r, _) = c.cell.unwrap();
            if out.len() <= r {
                out.resize(r + 1, vec![]);
            }
            out[r].push(c.text);
        }
        out
    }

    #[test]
    fn a_tables_cells_are_read_by_column_and_row() {
        let text = "STT       Tên sản phẩm               Chủ thể                  Địa chỉ         Nhóm sản phẩm       Điểm    Hạng sao     Ghi chú
I. SẢN PHẨM ĐẠT 4 SAO
      Chè Shan tuyết San                             xã San Thàng, tỉnh Lai
 1                            HTX Chè San Thàng                               Thực phẩm           78,5     4 sao
      Thàng                                          Châu
                                                                              Dược liệu và sản
                              Công ty TNHH Sâm Sìn
 2    Sâm Lai Châu sấy lát                         xã Sìn Hồ, tỉnh Lai Châu   phẩm từ dược         84      4 sao
                              Hồ
                                                                              liệu";
        let all = rows(text);
        let row = |r: usize| all[r].clone();
        assert_eq!(row(1), ["I. SẢN PHẨM ĐẠT 4 SAO"]);
        assert_eq!(
            row(2),
            [
                "1",
                "Chè Shan tuyết San Thàng",
                "HTX Chè San Thàng",
                "xã San Thàng, tỉnh Lai Châu",
                "Thực phẩm",
                "78,5",
                "4 sao"
            ]
        );
        assert_eq!(
            row(3),
            [
                "2",
                "Sâm Lai Châu sấy lát",
                "Công ty TNHH Sâm Sìn Hồ",
                "xã Sìn Hồ, tỉnh Lai Châu",
                "Dược liệu và sản phẩm từ dược liệu",
                "84",
                "4 sao"
            ]
        );
    }

    #[test]
    fn a_cell_running_into_the_next_column_is_parted() {
        let text = "STT       Tên sản phẩm               Chủ thể                    Địa chỉ          Nhóm sản phẩm      Điểm    Hạng sao      Ghi chú
I. SẢN PHẨM ĐẠT 4 SAO
                                                                                 Dược liệu và sản
                              Công ty TNHH Dược        xã Đồng Hỷ, tỉnh Thái
 2    Trà hoa vàng Đồng Hỷ                                                       phẩm từ dược       82,5     4 sao
                              liệu Đồng Hỷ             Nguyên
                                                                                 liệu
 3    Miến dong Na Rì         HTX Miến dong Na Rì      xã Na Rì, tỉnh Thái Nguyên Thực phẩm          76      4 sao";
        let r = rows(text);
        assert_eq!(
            r[2],
            [
                "2",
                "Trà hoa vàng Đồng Hỷ",
                "Công ty TNHH Dược liệu Đồng Hỷ",
                "xã Đồng Hỷ, tỉnh Thái Nguyên",
                "Dược liệu và sản phẩm từ dược liệu",
                "82,5",
                "4 sao"
            ]
        );
        assert_eq!(
            r[3],
            [
                "3",
                "Miến dong Na Rì",
                "HTX Miến dong Na Rì",
                "xã Na Rì, tỉnh Thái Nguyên",
                "Thực phẩm",
                "76",
                "4 sao"
            ]
        );
    }

    fn table(rows: &[&str]) -> Vec<String> {
        rows.iter().map(|r| r.to_string()).collect()
    }

    #[test]
    fn headings_on_several_lines_make_one_title_a_column() {
        let lines = table(&[
            "                                            Chia ra",
            "TT     Nội dung          Tổng       Ngân sách     Nguồn",
            "                                   trung ương     khác",
            " 1     Mua giống           30             20        10",
        ]);
        let all = rows(&lines.join("\n"));
        assert_eq!(all[0], ["Chia ra"]);
        assert_eq!(
            all[1],
            [
                "TT",
                "Nội dung",
                "Tổng",
                "Ngân sách trung ương",
                "Nguồn khác"
            ]
        );
        assert_eq!(all[2], ["1", "Mua giống", "30", "20", "10"]);
    }

    #[test]
    fn a_row_is_centred_on_its_number() {
        let lines = table(&[
            "TT    Nội dung                 Chủ trì         Thời gian",
            "II    CÁC VIỆC CHÍNH",
            "      Viết tài liệu hướng",
            "1     dẫn cho cán bộ xã và      Sở Tư pháp      Quý I",
            "      các chủ thể.",
            "2     Tập huấn",
            "      Mở lớp cho người mới",
            "2.1   vào nghề ở các xã         Sở Lao động     Quý II",
            "      vùng cao.",
        ]);
        let all = rows(&lines.join("\n"));
        assert_eq!(all[1], ["II", "CÁC VIỆC CHÍNH"]);
        assert_eq!(
            all[2],
            [
                "1",
                "Viết tài liệu hướng dẫn cho cán bộ xã và các chủ thể.",
                "Sở Tư pháp",
                "Quý I"
            ]
        );
        assert_eq!(all[3], ["2", "Tập huấn"]);
        assert_eq!(
            all[4],
            [
                "2.1",
                "Mở lớp cho người mới vào nghề ở các xã vùng cao.",
                "Sở Lao động",
                "Quý II"
            ]
        );
    }

    #[test]
    fn amounts_under_amounts_are_a_row_without_a_number() {
        let lines = table(&[
            "TT     Nội dung          Tổng      Tỉnh",
            "       Cộng                40        25",
            " 1     Mua giống           30        20",
            " 2     In tờ gấp           10         5",
            "       Ghi chú             10         5",
            "                   3",
        ]);
        let all = rows(&lines.join("\n"));
        assert_eq!(all[1], ["Cộng", "40", "25"]);
        assert_eq!(all[2], ["1", "Mua giống", "30", "20"]);
        assert_eq!(all[4], ["Ghi chú", "10", "5"]);
        // The page's number under the table is none of its cells.
        assert_eq!(all.len(), 5);
    }

    #[test]
    fn the_heading_repeated_on_a_new_page_is_left_out() {
        let lines = table(&[
            "TT    Nội dung            Chủ trì",
            "1     Viết tài liệu       Sở Tư pháp",
            "                  2",
            "",
            "TT    Nội dung            Chủ trì",
            "2     Tập huấn            Sở Nội vụ",
        ]);
        let all = rows(&lines.join("\n"));
        assert_eq!(all.len(), 3);
        assert_eq!(all[2], ["2", "Tập huấn", "Sở Nội vụ"]);
    }

    #[test]
    fn text_running_across_the_columns_ends_the_table() {
        let lines = table(&[
            "TT    Nội dung            Chủ trì        Kết quả",
            "1     Viết tài liệu       Sở Tư pháp     Bộ tài liệu",
            "",
            "      Các sở, ngành triển khai ngay sau khi kế hoạch được ban hành.",
        ]);
        let read = read(&lines, 0, lines.len(), 3);
        assert_eq!(read.end, 2);
        assert!(
            read.cells
                .iter()
                .all(|c| c.cell.is_some_and(|(t, _, _)| t == 3))
        );
    }
}
