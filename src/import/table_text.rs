//! A table in text laid out as on the page (an appendix's "STT  Tên sản
//! phẩm  Chủ thể  …"), read back cell by cell. The columns are parted
//! where the table's lines leave the page blank (or nearly: one line
//! running over); a text belongs to the column it starts in. A row is
//! told by its number in the first column; a cell's lines are centred on
//! its row's, so a line between two rows goes with the row it mirrors.

use super::copied::Cleaned;
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

/// A table's heading line: "STT" and at least two more headings.
pub fn is_head(l: &str) -> bool {
    let c = chunks(l);
    c.len() >= 3 && c[0].1 == "STT"
}

/// A group line of the table ("I. SẢN PHẨM ĐẠT 4 SAO"), one piece.
fn is_group(l: &str) -> bool {
    let c = chunks(l);
    c.len() == 1 && labels::read(&c[0].1).is_some_and(|r| matches!(r.label, Label::Roman(_)))
}

/// The table's lines (its heading first) as cells: row 0 the heading,
/// then, in the order they stand, a row for each group line (one cell)
/// and each numbered row.
pub fn cells(lines: &[String]) -> Vec<Cleaned> {
    let heads = chunks(&lines[0]);
    let groups: Vec<usize> = (1..lines.len()).filter(|&i| is_group(&lines[i])).collect();
    let bounds = boundaries(lines, &heads, &groups);
    // Every piece of every line, split where it runs over a boundary.
    let pieces: Vec<Vec<(usize, String)>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 || groups.contains(&i) {
                return vec![];
            }
            chunks(l)
                .into_iter()
                .flat_map(|c| split_at_bounds(c, &bounds))
                .map(|(s, t)| (bounds.iter().filter(|b| **b <= s).count(), t))
                .collect()
        })
        .collect();
    let numbered: Vec<usize> = (1..lines.len())
        .filter(|&i| {
            pieces[i]
                .first()
                .is_some_and(|(c, t)| *c == 0 && t.chars().all(|d| d.is_ascii_digit()))
        })
        .collect();
    let mut rows: Vec<(usize, Vec<String>)> = numbered
        .iter()
        .map(|&i| (i, vec![String::new(); heads.len()]))
        .collect();
    for i in 1..lines.len() {
        for (col, text) in &pieces[i] {
            let Some(r) = row_of(i, *col, &rows, &groups, &pieces) else {
                continue;
            };
            let cell = &mut rows[r].1[(*col).min(heads.len() - 1)];
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(text);
        }
    }
    let mut order = rows;
    order.extend(
        groups
            .iter()
            .map(|&g| (g, vec![super::para::squeeze(&lines[g])])),
    );
    order.sort_by_key(|(i, _)| *i);
    let mut out = row_cells(0, heads.into_iter().map(|(_, t)| t).collect());
    for (n, (_, cells)) in order.into_iter().enumerate() {
        out.extend(row_cells(n + 1, cells));
    }
    out
}

fn row_cells(row: usize, cells: Vec<String>) -> Vec<Cleaned> {
    cells
        .into_iter()
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(col, text)| Cleaned {
            text,
            cell: Some((row, col)),
        })
        .collect()
}

/// The row a piece on line `i` in column `col` belongs to: of the rows
/// not across a group line, by distance, the first whose line mirrors
/// this one with a piece in the same column (a cell centred on its row),
/// or that stands on it; else the nearest.
fn row_of(
    i: usize,
    col: usize,
    rows: &[(usize, Vec<String>)],
    groups: &[usize],
    pieces: &[Vec<(usize, String)>],
) -> Option<usize> {
    let mut near: Vec<usize> = (0..rows.len())
        .filter(|&r| {
            let (a, b) = (rows[r].0.min(i), rows[r].0.max(i));
            !groups.iter().any(|g| a < *g && *g < b)
        })
        .collect();
    near.sort_by_key(|&r| (rows[r].0.abs_diff(i), std::cmp::Reverse(rows[r].0)));
    let mirrored = |r: usize| {
        let s = rows[r].0;
        s == i
            || (2 * s)
                .checked_sub(i)
                .and_then(|m| pieces.get(m))
                .is_some_and(|p| p.iter().any(|(c, _)| *c == col))
    };
    near.iter()
        .take(2)
        .copied()
        .find(|&r| mirrored(r))
        .or(near.first().copied())
}

/// Where one column ends and the next begins: between two headings, the
/// place the fewest pieces cover (none, or one line running over).
fn boundaries(lines: &[String], heads: &[(usize, String)], skip: &[usize]) -> Vec<usize> {
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut cover = vec![0usize; width + 2];
    for (i, l) in lines.iter().enumerate().skip(1) {
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
        .skip(1)
        .filter(|(i, _)| !skip.contains(i))
        .flat_map(|(_, l)| chunks(l).into_iter().map(|(s, _)| s))
        .collect();
    heads
        .windows(2)
        .map(|w| {
            let from = w[0].0 + w[0].1.chars().count() / 2;
            let to = w[1].0 + w[1].1.chars().count() / 2;
            let mid = (from + to) / 2;
            let gap = (from..=to.min(width))
                .min_by_key(|&x| (cover[x], x.abs_diff(mid)))
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

/// A piece split at the spaces where it runs over a boundary.
fn split_at_bounds((start, text): (usize, String), bounds: &[usize]) -> Vec<(usize, String)> {
    let chars: Vec<char> = text.chars().collect();
    let end = start + chars.len();
    let mut out = Vec::new();
    let mut from = 0;
    for &b in bounds.iter().filter(|&&b| b > start && b < end) {
        // The space nearest the boundary.
        let cut = (from..chars.len())
            .filter(|&k| chars[k] == ' ')
            .min_by_key(|&k| (start + k).abs_diff(b));
        if let Some(k) = cut {
            out.push((start + from, chars[from..k].iter().collect::<String>()));
            from = k + 1;
        }
    }
    out.push((start + from, chars[from..].iter().collect::<String>()));
    out.retain(|(_, t)| !t.trim().is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let mut out: Vec<Vec<String>> = Vec::new();
        for c in cells(&lines) {
            let (r, _) = c.cell.unwrap();
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
}
