//! Text laid out as on the page (`pdftotext -layout`): the header zone and
//! the signature zone set in two columns side by side, read column by
//! column (the left column, then the right); the body's paragraphs told by
//! their first line's indent (the lines that go on start at the margin);
//! a table (an appendix's "STT  Tên sản phẩm  …") cell by cell, each text
//! in the column whose heading it stands under and the row whose number
//! is nearest. The result has one paragraph per line and a blank line
//! between, and the table's cells.

use super::cleaned::Cleaned;
use super::recognise::labels::is_appendix_title;
use super::table_text;

/// Paragraphs of laid-out `lines`, one per line, blank lines between, and
/// the cells of every table where it stands.
pub fn paragraphs(lines: &[String]) -> Vec<Cleaned> {
    let mut out: Vec<Cleaned> = Vec::new();
    let mut from = 0;
    let mut table = 0;
    let mut i = 0;
    while i < lines.len() {
        if !table_text::is_head(&lines[i]) {
            i += 1;
            continue;
        }
        let end = table_end(lines, i);
        let read = table_text::read(lines, i, end, table);
        let first = read.first.max(from);
        out.extend(
            text(&lines[from..first], from == 0)
                .into_iter()
                .map(Cleaned::line),
        );
        out.extend(read.cells);
        table += 1;
        from = read.end.max(i + 1);
        i = from;
    }
    out.extend(
        text(&lines[from..], from == 0)
            .into_iter()
            .map(Cleaned::line),
    );
    out
}

/// Where the table headed at `h` ends at the latest: at an appendix's
/// title, or at the heading of another table (the same heading again is
/// the table going on over a new page).
fn table_end(lines: &[String], h: usize) -> usize {
    let head = table_text::chunk_texts(&lines[h]);
    (h + 1..lines.len())
        .find(|&i| {
            is_appendix_title(&lines[i])
                || table_text::is_head(&lines[i]) && table_text::chunk_texts(&lines[i]) != head
        })
        .unwrap_or(lines.len())
}

/// The text of `lines`; `top` when they open the document (a text after
/// a table has no header zone).
fn text(lines: &[String], top: bool) -> Vec<String> {
    let margin = margin(lines);
    let full = full_width(lines) * 3 / 4;
    let header = header_zone(lines).filter(|_| top);
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
        .find(|&i| is_appendix_title(&lines[i]))
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
/// the widest gap of its lines ends, at the leftmost such place among the
/// most that lie together (a brace's note in between is no column).
fn columns(zone: &[String]) -> Vec<String> {
    let mut starts: Vec<usize> = zone
        .iter()
        .filter_map(|l| gaps(l).max_by_key(|(s, e)| e - s).map(|(_, e)| col(l, e)))
        .collect();
    starts.sort_unstable();
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    for s in starts {
        match clusters.last_mut() {
            Some(c) if s - c[c.len() - 1] <= 12 => c.push(s),
            _ => clusters.push(vec![s]),
        }
    }
    let boundary = clusters
        .iter()
        .enumerate()
        .max_by_key(|(i, c)| (c.len(), *i))
        .map(|(_, c)| c[0]);
    let Some(boundary) = boundary else {
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

    #[test]
    fn every_table_of_the_text_is_read_where_it_stands() {
        let text = "      Chỉ tiêu năm nay:
TT    Nhóm                Số xã      Số sản phẩm
1     Thực phẩm              12               30
2     Đồ uống                 4                9
      Các xã rà soát sản phẩm và gửi danh sách trước ngày 30 tháng 6.
                         Phụ lục
STT   Nội dung            Chủ trì        Kết quả
1     Viết tài liệu       Sở Tư pháp     Bộ tài liệu";
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        let out = paragraphs(&lines);
        let tables: Vec<usize> = out
            .iter()
            .filter_map(|c| c.cell.map(|(t, _, _)| t))
            .collect();
        assert!(tables.contains(&0) && tables.contains(&1));
        let texts: Vec<&str> = out.iter().map(|c| c.text.as_str()).collect();
        let between = texts
            .iter()
            .position(|t| t.starts_with("Các xã rà soát"))
            .expect("the text between the tables is kept");
        let appendix = texts.iter().position(|t| *t == "Phụ lục").unwrap();
        let last_of_first = out
            .iter()
            .rposition(|c| c.cell.is_some_and(|(t, _, _)| t == 0));
        let first_of_second = out
            .iter()
            .position(|c| c.cell.is_some_and(|(t, _, _)| t == 1));
        assert!(last_of_first < Some(between) && between < appendix);
        assert!(Some(appendix) < first_of_second);
        let cell = |t, r, c| {
            out.iter()
                .find(|x| x.cell == Some((t, r, c)))
                .map(|x| x.text.as_str())
        };
        assert_eq!(cell(0, 2, 3), Some("9"));
        assert_eq!(cell(1, 1, 2), Some("Sở Tư pháp"));
    }
}
