//! Text laid out as on the page (`pdftotext -layout`): the header zone and
//! the signature zone set in two columns side by side, read column by
//! column (the left column, then the right); the body's paragraphs told by
//! their first line's indent (the lines that go on start at the margin);
//! a table (an appendix's "STT  Tên sản phẩm  …") cell by cell, each text
//! in the column whose heading it stands under and the row whose number
//! is nearest. The result has one paragraph per line and a blank line
//! between, and the table's cells.

use super::copied::Cleaned;

/// Paragraphs of laid-out `lines`, one per line, blank lines between, then
/// the cells of a table.
pub fn paragraphs(lines: &[String]) -> Vec<Cleaned> {
    let table_at = lines.iter().position(|l| table_head(l).is_some());
    let (lines, table) = match table_at {
        Some(t) => (&lines[..t], table(&lines[t..])),
        None => (lines, Vec::new()),
    };
    let mut out: Vec<Cleaned> = text(lines).into_iter().map(Cleaned::line).collect();
    out.extend(table);
    out
}

fn text(lines: &[String]) -> Vec<String> {
    let margin = margin(lines);
    let full = full_width(lines) * 3 / 4;
    let header = header_zone(lines);
    let signature = signature_zone(lines);
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let zone = [&header, &signature]
            .into_iter()
            .flatten()
            .find(|z| z.start == i)
            .cloned();
        if let Some(zone) = zone {
            for l in columns(&lines[zone.clone()]) {
                out.push(l);
                out.push(String::new());
            }
            i = zone.end;
            continue;
        }
        let line = &lines[i];
        let text = squeeze(line);
        // A line goes on the paragraph above when it starts at the margin
        // and the line above was full: it wrapped.
        let wrapped = i > 0 && lines[i - 1].chars().count() >= full;
        i += 1;
        if text.is_empty() {
            out.push(String::new());
            continue;
        }
        let goes_on =
            wrapped && indent(line) <= margin + 1 && out.last().is_some_and(|l| !l.is_empty());
        match out.last_mut() {
            Some(last) if goes_on => {
                last.push(' ');
                last.push_str(&text);
            }
            _ => {
                if out.last().is_some_and(|l| !l.is_empty()) {
                    out.push(String::new());
                }
                out.push(text);
            }
        }
    }
    out
}

fn indent(l: &str) -> usize {
    l.chars().take_while(|c| *c == ' ').count()
}

fn squeeze(l: &str) -> String {
    super::para::squeeze(l)
}

/// The margin: where the lines that go on a paragraph start, the least
/// indent of a line of text.
fn margin(lines: &[String]) -> usize {
    lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent(l))
        .min()
        .unwrap_or(0)
}

/// The width of a full line: the 90th percentile of the lines' lengths.
fn full_width(lines: &[String]) -> usize {
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.chars().count())
        .collect();
    widths.sort_unstable();
    widths.get(widths.len() * 9 / 10).copied().unwrap_or(0)
}

/// The header zone: the lines from the top to the first blank line, when
/// some of them hold two columns.
fn header_zone(lines: &[String]) -> Option<std::ops::Range<usize>> {
    let start = lines.iter().position(|l| !l.trim().is_empty())?;
    let end = (start..lines.len())
        .find(|&i| lines[i].trim().is_empty())
        .unwrap_or(lines.len());
    (end - start <= 14 && lines[start..end].iter().any(|l| gaps(l).next().is_some()))
        .then_some(start..end)
}

/// The signature zone: from "Nơi nhận" to the end, or to an appendix.
fn signature_zone(lines: &[String]) -> Option<std::ops::Range<usize>> {
    let start = lines
        .iter()
        .rposition(|l| l.trim_start().starts_with("Nơi nhận"))?;
    let end = (start + 1..lines.len())
        .find(|&i| {
            let t = lines[i].trim();
            t == "Phụ lục" || t.starts_with("PHỤ LỤC") || t.starts_with("Phụ lục ")
        })
        .unwrap_or(lines.len());
    Some(start..end)
}

/// The runs of four spaces or more inside a line: (start, end) bytes.
fn gaps(l: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let body_start = l.len() - l.trim_start().len();
    let bytes = l.as_bytes();
    let mut i = body_start;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if bytes[i] == b' ' {
                let s = i;
                while i < bytes.len() && bytes[i] == b' ' {
                    i += 1;
                }
                if i - s >= 4 && i < bytes.len() {
                    return Some((s, i));
                }
            } else {
                i += 1;
            }
        }
        None
    })
}

/// Column of a byte offset (characters before it).
fn col(l: &str, byte: usize) -> usize {
    l[..byte].chars().count()
}

/// A zone's lines read column by column: the right column starts where
/// the widest gap of its lines ends, at the leftmost such place.
fn columns(zone: &[String]) -> Vec<String> {
    let starts: Vec<usize> = zone
        .iter()
        .filter_map(|l| gaps(l).max_by_key(|(s, e)| e - s).map(|(_, e)| col(l, e)))
        .collect();
    let Some(boundary) = starts.into_iter().min() else {
        return zone
            .iter()
            .map(|l| squeeze(l))
            .filter(|l| !l.is_empty())
            .collect();
    };
    let mut left = Vec::new();
    let mut right = Vec::new();
    for l in zone {
        if l.trim().is_empty() {
            continue;
        }
        let split = gaps(l).find(|&(_, e)| col(l, e) + 2 >= boundary);
        match split {
            Some((s, e)) => {
                left.push(squeeze(&l[..s]));
                right.push(squeeze(&l[e..]));
            }
            None if indent(l) + 2 >= boundary => right.push(squeeze(l)),
            None => left.push(squeeze(l)),
        }
    }
    left.retain(|l| !l.is_empty());
    left.extend(right);
    left
}

/// The pieces of a line set apart by two spaces or more: (first column,
/// text).
fn chunks(l: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut spaces = 0;
    let chars: Vec<char> = l.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' {
            spaces += 1;
            if spaces >= 2
                && let Some(s) = start.take()
            {
                out.push((s, chars[s..i - 1].iter().collect::<String>()));
            }
        } else {
            if start.is_none() {
                start = Some(i);
            }
            spaces = 0;
        }
    }
    if let Some(s) = start {
        out.push((
            s,
            chars[s..].iter().collect::<String>().trim_end().to_string(),
        ));
    }
    out
}

/// A table's heading line ("STT  Tên sản phẩm  Chủ thể  …"): the centre
/// of each column.
fn table_head(l: &str) -> Option<Vec<f32>> {
    let c = chunks(l);
    (c.len() >= 3 && c[0].1 == "STT").then(|| {
        c.iter()
            .map(|(s, t)| *s as f32 + t.chars().count() as f32 / 2.0)
            .collect()
    })
}

/// A table's lines (its heading first) as cells: row 0 the heading, then
/// a row for each group line ("I. SẢN PHẨM ĐẠT 4 SAO", one cell) and for
/// each numbered row, its texts joined per column.
fn table(lines: &[String]) -> Vec<Cleaned> {
    let Some(centres) = table_head(&lines[0]) else {
        return vec![];
    };
    let groups: Vec<usize> = (1..lines.len())
        .filter(|&i| {
            let c = chunks(&lines[i]);
            c.len() == 1
                && super::recognise::labels::read(&c[0].1)
                    .is_some_and(|r| matches!(r.label, super::recognise::labels::Label::Roman(_)))
        })
        .collect();
    let gutters = Gutters::new(lines, &groups);
    let heads: Vec<(usize, usize)> = chunks(&lines[0])
        .iter()
        .enumerate()
        .map(|(k, (s, _))| (gutters.run(*s), k))
        .collect();
    // A text's column: the heading in the same run of covered places, or
    // the nearest heading.
    let column = |start: usize, text: &str| {
        let run = gutters.run(start);
        let mut same = heads.iter().filter(|(r, _)| *r == run);
        if let (Some((_, k)), None) = (same.next(), same.next()) {
            return *k;
        }
        let mid = start as f32 + text.chars().count() as f32 / 2.0;
        (0..centres.len())
            .min_by(|&a, &b| {
                (centres[a] - mid)
                    .abs()
                    .total_cmp(&(centres[b] - mid).abs())
            })
            .unwrap_or(0)
    };
    // The lines that open a row: a number in the first column.
    let numbered: Vec<usize> = (1..lines.len())
        .filter(|&i| {
            chunks(&lines[i])
                .first()
                .is_some_and(|(s, t)| column(*s, t) == 0 && t.chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    let groups: Vec<usize> = (1..lines.len())
        .filter(|&i| {
            let c = chunks(&lines[i]);
            c.len() == 1
                && super::recognise::labels::read(&c[0].1)
                    .is_some_and(|r| matches!(r.label, super::recognise::labels::Label::Roman(_)))
        })
        .collect();
    let mut rows: Vec<(usize, Vec<String>)> = numbered
        .iter()
        .map(|&i| (i, vec![String::new(); centres.len()]))
        .collect();
    for (i, l) in lines.iter().enumerate().skip(1) {
        if groups.contains(&i) {
            continue;
        }
        // The nearest numbered line, not across a group line.
        let Some(r) = (0..rows.len())
            .filter(|&r| {
                let (a, b) = (rows[r].0.min(i), rows[r].0.max(i));
                !groups.iter().any(|g| a < *g && *g < b)
            })
            .min_by_key(|&r| (rows[r].0.abs_diff(i), std::cmp::Reverse(rows[r].0)))
        else {
            continue;
        };
        for (s, t) in chunks(l) {
            let cell = &mut rows[r].1[column(s, &t)];
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&t);
        }
    }
    let mut out: Vec<Cleaned> = Vec::new();
    let mut push_row = |row: usize, cells: Vec<String>| {
        for (col, text) in cells.into_iter().enumerate() {
            if !text.is_empty() {
                out.push(Cleaned {
                    text,
                    cell: Some((row, col)),
                });
            }
        }
    };
    push_row(0, chunks(&lines[0]).into_iter().map(|(_, t)| t).collect());
    let mut order: Vec<(usize, Vec<String>)> = rows;
    order.extend(groups.iter().map(|&g| (g, vec![squeeze(&lines[g])])));
    order.sort_by_key(|(i, _)| *i);
    for (n, (_, cells)) in order.into_iter().enumerate() {
        push_row(n + 1, cells);
    }
    out
}

/// The places of a table's lines that text covers, in runs: a column's
/// texts share a run; the blank places between runs part the columns.
struct Gutters {
    /// For each place, the index of its run (or of the run before it).
    runs: Vec<usize>,
}

impl Gutters {
    fn new(lines: &[String], skip: &[usize]) -> Gutters {
        let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        let mut covered = vec![false; width + 1];
        for (i, l) in lines.iter().enumerate() {
            if skip.contains(&i) {
                continue;
            }
            for (s, t) in chunks(l) {
                for c in covered.iter_mut().skip(s).take(t.chars().count()) {
                    *c = true;
                }
            }
        }
        let mut runs = Vec::with_capacity(covered.len());
        let mut run = 0;
        for (x, c) in covered.iter().enumerate() {
            if *c && x > 0 && !covered[x - 1] {
                run += 1;
            }
            runs.push(run);
        }
        Gutters { runs }
    }

    fn run(&self, x: usize) -> usize {
        self.runs.get(x).copied().unwrap_or(usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<String> {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        paragraphs(&lines)
            .into_iter()
            .map(|l| l.text)
            .filter(|l| !l.is_empty())
            .collect()
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
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let cells: Vec<(usize, usize, String)> = paragraphs(&lines)
            .into_iter()
            .filter_map(|c| c.cell.map(|(r, k)| (r, k, c.text)))
            .collect();
        let row = |r: usize| -> Vec<String> {
            cells
                .iter()
                .filter(|c| c.0 == r)
                .map(|c| c.2.clone())
                .collect()
        };
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
    fn columns_side_by_side_are_read_one_after_the_other() {
        let text = "      ỦY BAN NHÂN DÂN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
       TỈNH LAI CHÂU                        Độc lập - Tự do - Hạnh phúc
      Số:        /KH-UBND              Lai Châu, ngày       tháng 01 năm 2027

                                KẾ HOẠCH
      Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng
6 năm 2025;
      I. MỤC ĐÍCH
Nơi nhận:                                   TM. ỦY BAN NHÂN DÂN
- Bộ Nông nghiệp và Môi trường (b/c);           KT. CHỦ TỊCH
- Lưu: VT, Kt5.                                PHÓ CHỦ TỊCH


                                                 Hà Trọng Hải";
        assert_eq!(
            read(text),
            [
                "ỦY BAN NHÂN DÂN",
                "TỈNH LAI CHÂU",
                "Số: /KH-UBND",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Lai Châu, ngày tháng 01 năm 2027",
                "KẾ HOẠCH",
                "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;",
                "I. MỤC ĐÍCH",
                "Nơi nhận:",
                "- Bộ Nông nghiệp và Môi trường (b/c);",
                "- Lưu: VT, Kt5.",
                "TM. ỦY BAN NHÂN DÂN",
                "KT. CHỦ TỊCH",
                "PHÓ CHỦ TỊCH",
                "Hà Trọng Hải",
            ]
        );
    }
}
