//! A table a word processor exported as text (LibreOffice's and Word's
//! "save as text"): every cell's paragraphs on lines of their own, an
//! empty cell an empty line (or, where a blank line parts the paragraphs,
//! two more), row after row. Its shape gives it away: the number column's
//! heading ("TT", "STT") alone on a line, the other columns' titles one a
//! line, then rows opened by their numbers in sequence (1, 2, 3 …, "4.1"
//! under "4", "III" for a group), each with as many cells as there are
//! columns. Read back cell by cell; a row with more paragraphs than
//! columns gives each extra paragraph to the cell it goes with (a cell's
//! paragraphs are alike, and like the column's other cells); a row with
//! fewer is a group's title or a merged cell.

use std::collections::HashSet;

use super::cleaned::Cleaned;
use super::recognise::{is_number, is_total};

/// `lines` with every table exported one cell a line read as its cells.
pub fn cells(lines: Vec<String>) -> Vec<Cleaned> {
    let mut out = Vec::new();
    let mut from = 0;
    for (table, (h, read)) in tables(&lines).into_iter().enumerate() {
        out.extend(lines[from..h].iter().cloned().map(Cleaned::line));
        out.extend(read.cells(table));
        from = read.end;
    }
    out.extend(lines[from..].iter().cloned().map(Cleaned::line));
    out
}

/// Which of `lines` belong to a table exported a cell a line.
pub fn table_lines(lines: &[String]) -> Vec<bool> {
    let mut out = vec![false; lines.len()];
    for (h, read) in tables(lines) {
        out[h..read.end].fill(true);
    }
    out
}

/// The tables exported a cell a line, each with the line of its number
/// column's heading.
fn tables(lines: &[String]) -> Vec<(usize, Read)> {
    let width = wrap_width(lines);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let found = is_number_heading(&lines[i])
            .then(|| read(lines, i, width))
            .flatten();
        match found {
            Some(read) => {
                let h = i;
                i = read.end;
                out.push((h, read));
            }
            None => i += 1,
        }
    }
    out
}

/// The width the text was wrapped at, if it was: many lines reach near
/// the longest, which is as long as a mail's or an editor's lines (a
/// table's short cells are not a wrapped text).
fn wrap_width(lines: &[String]) -> usize {
    let lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim_end().chars().count())
        .filter(|&n| n > 0)
        .collect();
    let width = lengths.iter().copied().max().unwrap_or(0);
    let near = lengths.iter().filter(|&&n| n + 10 >= width).count();
    if width >= 50 && near >= 5 && near * 100 >= lengths.len() * 15 {
        width
    } else {
        usize::MAX
    }
}

/// The number column's heading, alone on its line.
fn is_number_heading(l: &str) -> bool {
    matches!(l.trim(), "TT" | "STT" | "Số TT")
}

/// A paragraph of the table (empty: an empty cell) and the line after it.
#[derive(Debug, Clone)]
struct Entry {
    text: String,
    end: usize,
}

/// The paragraphs from the heading at `h` to the next table or appendix.
/// Where a blank line follows the heading, blank lines part paragraphs
/// and each two more are an empty cell; else every line is a paragraph
/// (an empty one an empty cell), but for a line wrapped at the text's
/// width, which goes on.
fn entries(lines: &[String], h: usize, width: usize) -> Vec<Entry> {
    let stop = (h + 1..lines.len())
        .find(|&i| {
            let t = lines[i].trim_start();
            t.starts_with("Phụ lục") || t.starts_with("PHỤ LỤC") || is_number_heading(t)
        })
        .unwrap_or(lines.len());
    let lines = &lines[..stop];
    let blank_parted = lines.get(h + 1).is_some_and(|l| l.trim().is_empty())
        && lines.get(h + 2).is_some_and(|l| !l.trim().is_empty());
    let mut out: Vec<Entry> = Vec::new();
    let mut i = h;
    while i < lines.len() {
        let mut text = lines[i].trim().to_string();
        let mut end = i + 1;
        if !text.is_empty() {
            // The paragraph's other lines.
            while end < lines.len() && !lines[end].trim().is_empty() {
                let next = lines[end].trim();
                let first = next.split(' ').next().unwrap_or("").chars().count();
                let wrapped = lines[end - 1].trim_end().chars().count() + 1 + first > width;
                if !(blank_parted || wrapped) {
                    break;
                }
                text = format!("{text} {next}");
                end += 1;
            }
        } else if blank_parted {
            let blanks = (i..lines.len())
                .take_while(|&k| lines[k].trim().is_empty())
                .count();
            end = i + blanks;
            for _ in 0..blanks.saturating_sub(1) / 2 {
                out.push(Entry {
                    text: String::new(),
                    end,
                });
            }
            i = end;
            continue;
        }
        out.push(Entry { text, end });
        i = end;
    }
    out
}

/// A row's number: "1", "4.1", or a Roman numeral.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Label {
    Arabic(Vec<u32>),
    Roman(u32),
}

fn label(t: &str) -> Option<Label> {
    let t = t.trim().trim_end_matches('.');
    if t.is_empty() {
        return None;
    }
    if t.chars().all(|c| "IVX".contains(c)) {
        return super::recognise::labels::roman_value(t).map(Label::Roman);
    }
    let parts: Option<Vec<u32>> = t.split('.').map(|p| p.parse().ok()).collect();
    parts
        .filter(|p| p.len() <= 3 && p.iter().all(|&n| n < 1000))
        .map(Label::Arabic)
}

/// Whether `next` numbers the row after the one numbered `prev`: the next
/// number at its level, the first under it, or the next at a level above
/// (a Roman group after any).
fn follows(prev: Option<&Label>, next: &Label) -> bool {
    match (prev, next) {
        (None, Label::Arabic(p)) => p == &[1],
        (None | Some(Label::Arabic(_)), Label::Roman(_)) => true,
        (Some(Label::Roman(r)), Label::Roman(n)) => *n == r + 1,
        (Some(Label::Roman(_)), Label::Arabic(p)) => p == &[1],
        (Some(Label::Arabic(p)), Label::Arabic(n)) => {
            let mut child = p.clone();
            child.push(1);
            *n == child
                || (1..=p.len()).any(|k| {
                    let mut up = p[..k].to_vec();
                    up[k - 1] += 1;
                    *n == up
                })
        }
    }
}

/// Whether `next` is the first row under the group numbered `group`.
fn first_under(group: &Label, next: &Label) -> bool {
    match (group, next) {
        (Label::Roman(_), Label::Arabic(p)) => p == &[1],
        (Label::Arabic(g), Label::Arabic(p)) => p.len() == g.len() + 1 && p.starts_with(g),
        _ => false,
    }
}

/// A table read: its rows of paragraphs (the header's first) and the line
/// after it.
#[derive(Debug)]
struct Read {
    /// Each row's paragraphs by column.
    rows: Vec<Vec<Vec<String>>>,
    end: usize,
}

impl Read {
    fn cells(&self, table: usize) -> Vec<Cleaned> {
        let mut out = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                for text in cell.iter().filter(|t| !t.is_empty()) {
                    out.push(Cleaned {
                        text: text.clone(),
                        cell: Some((table, r, c)),
                    });
                }
            }
        }
        out
    }
}

/// The table whose number column's heading is `lines[h]`, if what
/// follows has the shape of one exported a cell a line.
fn read(lines: &[String], h: usize, width: usize) -> Option<Read> {
    let entries = entries(lines, h, width);
    let first_row = body_start(&entries)?;
    let header = &entries[..first_row];
    if header.iter().filter(|e| !e.text.is_empty()).count() < 3
        || header
            .iter()
            .any(|e| e.text.split_whitespace().count() > 12)
    {
        return None;
    }
    let body = &entries[first_row..];
    let cols = columns(header);
    if cols < 3 {
        return None;
    }
    let (rows, taken) = body_rows(body, cols);
    // The shape holds: each row has a cell a column, a few paragraphs
    // more, or is a group's title; a third at least have a cell a column.
    let exact = rows.iter().filter(|r| r.len() == cols).count();
    let fits = |r: &Vec<String>| r.len() == 2 || (cols..=cols + cols / 2).contains(&r.len());
    let totals = |r: &Vec<String>| is_total(&r[0]);
    if rows.len() < 2
        || exact < 2
        || exact * 3 < rows.len()
        || !rows.iter().all(|r| fits(r) || totals(r))
        || rows.iter().any(|r| swallows_a_row(r))
    {
        return None;
    }
    let end = body.get(taken.checked_sub(1)?).map(|e| e.end)?;
    let mut out = header_rows(header, cols);
    let exemplars = exemplars(&rows, cols);
    out.extend(rows.iter().map(|r| row_cells(r, cols, &exemplars)));
    Some(Read { rows: out, end })
}

/// A row holding the next row's number and title in its cells: the
/// text's cells are not in rows (a copy that read the page by columns).
fn swallows_a_row(row: &[String]) -> bool {
    let Some(own) = label(&row[0]) else {
        return false;
    };
    row.windows(2).skip(1).any(|w| {
        label(&w[0]).is_some_and(|l| follows(Some(&own), &l))
            && !w[1].is_empty()
            && !is_number(&w[1])
            && w[1] != "-"
    })
}

/// Where the body starts: at the first row number that opens a sequence,
/// or at a totals row before it (its title, then amounts).
fn body_start(entries: &[Entry]) -> Option<usize> {
    let first =
        (1..entries.len()).find(|&i| label(&entries[i].text).is_some_and(|l| follows(None, &l)))?;
    let amount = (1..first).find(|&i| is_number(&entries[i].text));
    Some(match amount {
        Some(a) => (1..a).rev().find(|&i| !entries[i].text.is_empty())?,
        None => first,
    })
}

/// The number of columns: the header's paragraphs, or where the header
/// is two rows (a title over several columns), those of its lower row,
/// which opens with the empty cells under the titles spanning both.
fn columns(header: &[Entry]) -> usize {
    let lower = header.iter().position(|e| e.text.is_empty());
    lower.map_or(header.len(), |l| header.len() - l)
}

/// The body's rows as paragraphs (a row's number first), and how many
/// entries they take. A number in sequence opens a row once the row
/// before has a paragraph a column, or when it is the first under the
/// group row before; the last row ends at its last column, and a totals
/// row may follow it.
fn body_rows(body: &[Entry], cols: usize) -> (Vec<Vec<String>>, usize) {
    let labels: Vec<Option<Label>> = body.iter().map(|e| label(&e.text)).collect();
    // Where the numbers stand, to find the next row's quickly.
    let numbered: Vec<usize> = (0..body.len()).filter(|&i| labels[i].is_some()).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut prev: Option<Label> = None;
    let mut i = 0;
    while i < body.len() {
        let opens = labels[i].clone().filter(|l| {
            let row = rows.last();
            follows(prev.as_ref(), l)
                && (prev.is_none()
                    || row.is_none_or(|r| {
                        r.len() >= cols
                            || r.len() == 2 && prev.as_ref().is_some_and(|g| first_under(g, l))
                    }))
        });
        if let Some(l) = opens {
            rows.push(vec![body[i].text.clone()]);
            prev = Some(l);
        } else if rows.is_empty() {
            // A totals row before the first number.
            rows.push(vec![body[i].text.clone()]);
        } else if let Some(row) = rows.last_mut() {
            row.push(body[i].text.clone());
        }
        i += 1;
        // The last row is full: what follows is a totals row or the text
        // after the table.
        let full = rows.last().is_some_and(|r| r.len() >= cols);
        if full
            && !numbered[numbered.partition_point(|&j| j < i)..]
                .iter()
                .any(|&j| {
                    labels[j]
                        .as_ref()
                        .is_some_and(|l| follows(prev.as_ref(), l))
                })
        {
            i += match totals_row(&body[i..], cols, &mut rows) {
                0 => last_paragraphs(&body[i..], cols, &mut rows),
                n => n,
            };
            break;
        }
    }
    (rows, i)
}

/// The last row's paragraphs past its last column, when they are all
/// that is left before the next table or appendix (a few, none a list
/// item or a lead-in such as "Nơi nhận:"); the entries taken.
fn last_paragraphs(rest: &[Entry], cols: usize, rows: &mut [Vec<String>]) -> usize {
    let Some(row) = rows.last_mut() else {
        return 0;
    };
    let more: Vec<&Entry> = rest.iter().filter(|e| !e.text.is_empty()).collect();
    let cell_like = |e: &&Entry| {
        e.text.split_whitespace().count() <= 12
            && !e.text.starts_with(['-', '+', '•'])
            && !e.text.ends_with(':')
    };
    if more.is_empty() || row.len() + more.len() > cols + cols / 2 || !more.iter().all(cell_like) {
        return 0;
    }
    row.extend(more.iter().map(|e| e.text.clone()));
    rest.len()
}

/// A totals row ("Tổng cộng", then amounts) at the start of `rest`, added
/// to `rows`; the entries it takes.
fn totals_row(rest: &[Entry], cols: usize, rows: &mut Vec<Vec<String>>) -> usize {
    if !rest.first().is_some_and(|e| is_total(&e.text)) {
        return 0;
    }
    let amounts = rest[1..]
        .iter()
        .take(cols - 1)
        .take_while(|e| is_number(&e.text) || e.text.is_empty() || e.text == "-")
        .count();
    if amounts == 0 {
        return 0;
    }
    rows.push(rest[..=amounts].iter().map(|e| e.text.clone()).collect());
    amounts + 1
}

/// The header's paragraphs as rows of `cols` cells: the last `cols` the
/// lowest row, those before it the rows above (a cell over several
/// columns stands in its first, its neighbours over the rest).
fn header_rows(header: &[Entry], cols: usize) -> Vec<Vec<Vec<String>>> {
    let texts: Vec<String> = header.iter().map(|e| e.text.clone()).collect();
    let mut rows: Vec<Vec<Vec<String>>> = Vec::new();
    let mut end = texts.len();
    while end > 0 {
        let start = end.saturating_sub(cols);
        let mut row: Vec<Vec<String>> = texts[start..end].iter().map(|t| vec![t.clone()]).collect();
        row.resize(cols, Vec::new());
        rows.insert(0, row);
        end = start;
    }
    rows
}

/// Each column's paragraphs in the rows with exactly a paragraph a column.
fn exemplars(rows: &[Vec<String>], cols: usize) -> Vec<Vec<HashSet<String>>> {
    let mut out = vec![Vec::new(); cols];
    for row in rows.iter().filter(|r| r.len() == cols) {
        for (c, t) in row.iter().enumerate() {
            out[c].push(words(t));
        }
    }
    out
}

fn words(t: &str) -> HashSet<String> {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A row's paragraphs by column: one a column; a group's title after its
/// number; fewer than the columns from the first column on (a merged cell
/// first); more shared out by [`share`].
fn row_cells(row: &[String], cols: usize, exemplars: &[Vec<HashSet<String>>]) -> Vec<Vec<String>> {
    let mut cells: Vec<Vec<String>> = if row.len() > cols {
        let mut cells = vec![vec![row[0].clone()]];
        cells.extend(share(&row[1..], &exemplars[1..]));
        cells
    } else {
        row.iter().map(|t| vec![t.clone()]).collect()
    };
    cells.resize(cols, Vec::new());
    cells
}

/// `paras` (more than columns) parted into one run per column, in order:
/// the parting where the paragraphs sharing a cell are most alike and each
/// is most like its column's other cells (or a kindred column's: one
/// with the same texts, as a lead unit's column and a supporting one's);
/// of partings as good, the one that puts the extra paragraphs in the
/// later columns.
fn share(paras: &[String], columns: &[Vec<HashSet<String>>]) -> Vec<Vec<String>> {
    let (m, k) = (paras.len(), columns.len());
    let like = |w: &HashSet<String>, c: usize| {
        columns[c].iter().map(|e| jaccard(w, e)).fold(0.0, f64::max)
    };
    let kin: Vec<Vec<f64>> = (0..k)
        .map(|a| {
            (0..k)
                .map(|b| columns[b].iter().map(|e| like(e, a)).fold(0.0, f64::max))
                .collect()
        })
        .collect();
    let affinity: Vec<Vec<f64>> = paras
        .iter()
        .map(|p| {
            let w = words(p);
            let direct: Vec<f64> = (0..k).map(|c| like(&w, c)).collect();
            (0..k)
                .map(|c| {
                    (0..k)
                        .map(|o| {
                            if o == c {
                                direct[c]
                            } else {
                                direct[o] * kin[c][o]
                            }
                        })
                        .fold(0.0, f64::max)
                })
                .collect()
        })
        .collect();
    // best[c][i]: the best score of paras[..i] in columns[..c]; from[c][i]
    // where column c-1's run starts.
    let mut best = vec![vec![f64::NEG_INFINITY; m + 1]; k + 1];
    let mut from = vec![vec![0; m + 1]; k + 1];
    best[0][0] = 0.0;
    for c in 1..=k {
        for i in c..=m - (k - c) {
            for s in c - 1..i {
                if best[c - 1][s] == f64::NEG_INFINITY {
                    continue;
                }
                let run = &paras[s..i];
                let score = best[c - 1][s]
                    + (s..i).map(|p| affinity[p][c - 1]).sum::<f64>()
                    + run.windows(2).map(|w| alike(&w[0], &w[1])).sum::<f64>();
                // Strictly better only: the earliest start, the longest
                // run, leaves the extra paragraphs to the later columns.
                if score > best[c][i] + 1e-9 {
                    best[c][i] = score;
                    from[c][i] = s;
                }
            }
        }
    }
    let mut runs = Vec::new();
    let mut i = m;
    for c in (1..=k).rev() {
        let s = from[c][i];
        runs.push(paras[s..i].to_vec());
        i = s;
    }
    runs.reverse();
    runs
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// How alike two paragraphs of one cell are: 1 when of one form (both
/// with figures or both without, both opening in capitals or both not,
/// of a length), else 0.
fn alike(a: &str, b: &str) -> f64 {
    let digits = |t: &str| t.chars().any(|c| c.is_ascii_digit());
    let upper = |t: &str| !super::para::starts_lower(t);
    let len = |t: &str| t.split_whitespace().count();
    let same = digits(a) == digits(b) && upper(a) == upper(b) && len(a).abs_diff(len(b)) <= 4;
    if same { 1.0 } else { 0.0 }
}

#[cfg(test)]
mod tests;
