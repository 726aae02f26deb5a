//! Lines made paragraphs as the page shows them: ruled tables read cell
//! by cell; the two-column header and signature block (text side by
//! side, each half centred on its own column) read as the cells of a
//! borderless table, as Word would hold them; the rest flows into
//! paragraphs, a new one where a line is indented, centred, set apart by
//! more than a line's spacing, or follows a line that stopped short of
//! the margin although its first word would have fitted.

use super::glyphs::Rule;
use super::lines::{Line, Word, words_text};
use crate::import::para::{Align, Para, Place, squeeze};

/// The page's text area, from its flowing lines.
#[derive(Debug, Clone, Copy)]
pub struct Margins {
    pub left: f32,
    pub right: f32,
}

impl Margins {
    fn width(&self) -> f32 {
        (self.right - self.left).max(1.0)
    }
    fn center(&self) -> f32 {
        (self.left + self.right) / 2.0
    }

    /// The left edge most lines start at, and the right edge full lines reach.
    pub fn of(lines: &[&Line]) -> Margins {
        let mut lefts: Vec<f32> = lines.iter().map(|l| l.x0()).collect();
        let mut rights: Vec<f32> = lines.iter().map(|l| l.x1()).collect();
        lefts.sort_by(f32::total_cmp);
        rights.sort_by(f32::total_cmp);
        let at = |v: &[f32], q: f32| v.get(((v.len() as f32 - 1.0) * q) as usize).copied();
        Margins {
            left: at(&lefts, 0.05).unwrap_or(0.0),
            right: at(&rights, 0.95).unwrap_or(595.0),
        }
    }
}

/// A cell of a table: row, column, and the words of each line in it.
pub type Cell = (usize, usize, Vec<Vec<Word>>);

/// What a page holds, in reading order.
pub enum Region {
    Flow(Vec<Line>),
    /// Cells of a table (ruled, or the header and signature grid), and
    /// where a ruled table's column rules stand (x, left to right).
    Grid(Vec<Cell>, Vec<f32>),
}

/// A ruled table: its outline and where its column and row rules stand.
struct Ruled {
    x0: f32,
    x1: f32,
    top: f32,
    bottom: f32,
    /// Vertical rules: x, and the span (from the top of the page) they cover.
    columns: Vec<(f32, f32, f32)>,
    /// Horizontal rules, from the top.
    rows: Vec<f32>,
    /// Every column rule's x, left to right: the table's grid.
    xs: Vec<f32>,
}

/// The ruled tables drawn on a page of height `height`.
fn ruled_tables(rules: &[Rule], height: f32) -> Vec<Ruled> {
    let rules: Vec<Rule> = rules
        .iter()
        .filter(|r| r.horizontal() || r.vertical())
        .take(4000)
        .copied()
        .collect();
    // Rules that touch belong to one table.
    let mut group: Vec<usize> = (0..rules.len()).collect();
    fn root(g: &mut [usize], mut i: usize) -> usize {
        while g[i] != i {
            g[i] = g[g[i]];
            i = g[i];
        }
        i
    }
    let touch = |a: &Rule, b: &Rule| {
        a.x0 <= b.x1 + 2.0 && b.x0 <= a.x1 + 2.0 && a.y0 <= b.y1 + 2.0 && b.y0 <= a.y1 + 2.0
    };
    for i in 0..rules.len() {
        for j in i + 1..rules.len() {
            if rules[i].vertical() != rules[j].vertical() && touch(&rules[i], &rules[j]) {
                let (a, b) = (root(&mut group, i), root(&mut group, j));
                group[a] = b;
            }
        }
    }
    let mut out = Vec::new();
    for g in 0..rules.len() {
        let members: Vec<&Rule> = (0..rules.len())
            .filter(|&i| root(&mut group, i) == g)
            .map(|i| &rules[i])
            .collect();
        let mut columns: Vec<(f32, f32, f32)> = members
            .iter()
            .filter(|r| r.vertical())
            .map(|r| ((r.x0 + r.x1) / 2.0, height - r.y1, height - r.y0))
            .collect();
        let mut rows: Vec<f32> = members
            .iter()
            .filter(|r| r.horizontal())
            .map(|r| height - (r.y0 + r.y1) / 2.0)
            .collect();
        rows.sort_by(f32::total_cmp);
        rows.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        columns.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut xs: Vec<f32> = columns.iter().map(|c| c.0).collect();
        xs.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        // One cell is a frame, not a table.
        if xs.len() < 2 || rows.len() < 2 || xs.len() + rows.len() < 5 {
            continue;
        }
        out.push(Ruled {
            x0: xs[0],
            x1: xs[xs.len() - 1],
            top: rows[0],
            bottom: rows[rows.len() - 1],
            columns,
            rows,
            xs,
        });
    }
    out
}

impl Ruled {
    fn holds(&self, line: &Line) -> bool {
        line.top > self.top
            && line.top < self.bottom + 2.0
            && line.x0() >= self.x0 - 2.0
            && line.x1() <= self.x1 + 2.0
    }

    /// The row and column of a word on a line: rules crossing that line
    /// left of the word (a merged cell has none).
    fn cell(&self, top: f32, word: &Word) -> (usize, usize) {
        let row = self
            .rows
            .iter()
            .filter(|&&y| y < top)
            .count()
            .saturating_sub(1);
        let mut xs: Vec<f32> = self
            .columns
            .iter()
            .filter(|c| c.1 <= top && c.2 >= top - word.size * 0.5)
            .map(|c| c.0)
            .collect();
        xs.dedup_by(|a, b| (*a - *b).abs() < 2.0);
        let col = xs
            .iter()
            .filter(|&&x| x < word.x0 + 1.0)
            .count()
            .saturating_sub(1);
        (row, col)
    }
}

/// A run of lines laid out in two columns: the lines, and for each the x
/// where its left column's words end and its right column's begin.
struct Zone {
    first: usize,
    last: usize,
    splits: Vec<f32>,
}

/// The gap of a line that divides the page into two columns, if any: the
/// widest one over the middle of the text area, wider than two ems.
fn column_gap(line: &Line, m: &Margins) -> Option<(f32, f32)> {
    let (lo, hi) = (m.left + 0.2 * m.width(), m.left + 0.8 * m.width());
    line.words
        .windows(2)
        .map(|p| (p[0].x1, p[1].x0))
        .filter(|&(a, b)| b - a > 2.0 * line.size && b > lo && a < hi)
        .max_by(|x, y| (x.1 - x.0).total_cmp(&(y.1 - y.0)))
}

/// The gutter between a zone's columns, narrowed as lines join it, and
/// the centres of the two columns.
struct Gutter {
    left: f32,
    right: f32,
    centers: [f32; 2],
    page_center: f32,
}

impl Gutter {
    /// Where `line` goes: 0 or 1 (one column, with the x that splits it),
    /// 2 (both), or `None` when it crosses the gutter or sits in the
    /// middle of the page (a title, a body line).
    fn place(&self, line: &Line) -> Option<(usize, f32)> {
        let c = line.center();
        let near = |i: usize| (c - self.centers[i]).abs() < (c - self.page_center).abs();
        if line.x1() < self.right && near(0) {
            return Some((0, f32::INFINITY));
        }
        if line.x0() > self.left && near(1) {
            return Some((1, f32::NEG_INFINITY));
        }
        let gap = line
            .words
            .windows(2)
            .map(|p| (p[0].x1, p[1].x0))
            .filter(|&(a, b)| b - a > line.size && a < self.right && b > self.left)
            .max_by(|x, y| (x.1 - x.0).total_cmp(&(y.1 - y.0)));
        gap.map(|(a, b)| (2, (a.max(self.left) + b.min(self.right)) / 2.0))
    }

    fn take(&mut self, line: &Line, split: f32) {
        for w in &line.words {
            if w.x1 < split {
                self.left = self.left.max(w.x1);
            } else {
                self.right = self.right.min(w.x0);
            }
        }
    }
}

/// The two-column zones of a page's lines (header, signature).
fn zones(lines: &[Line], m: &Margins) -> Vec<Zone> {
    let mut out: Vec<Zone> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some((a, b)) = column_gap(&lines[i], m) else {
            i += 1;
            continue;
        };
        let words = &lines[i].words;
        let span = |ws: Vec<&Word>| match (ws.first(), ws.last()) {
            (Some(x), Some(y)) => (x.x0 + y.x1) / 2.0,
            _ => (a + b) / 2.0,
        };
        let mut gutter = Gutter {
            left: a,
            right: b,
            centers: [
                span(words.iter().filter(|w| w.x1 <= a).collect()),
                span(words.iter().filter(|w| w.x0 >= b).collect()),
            ],
            page_center: m.center(),
        };
        let mut splits = vec![(a + b) / 2.0];
        let mut first = i;
        // Right-column lines just above (a signer's title above "Nơi nhận").
        while first > 0
            && out.last().is_none_or(|z| z.last < first - 1)
            && lines[first - 1].page == lines[i].page
            && lines[first].top - lines[first - 1].top < 3.0 * lines[first].size
            && matches!(gutter.place(&lines[first - 1]), Some((1, _)))
        {
            first -= 1;
            splits.insert(0, f32::NEG_INFINITY);
        }
        let mut last = i;
        while last + 1 < lines.len() && lines[last + 1].page == lines[i].page {
            let next = &lines[last + 1];
            let gap = next.top - lines[last].top;
            let placed = gutter.place(next).filter(|(col, _)| match col {
                0 => gap < 2.2 * next.size.max(lines[last].size),
                _ => gap < 12.0 * next.size,
            });
            let Some((_, split)) = placed else { break };
            gutter.take(next, split);
            splits.push(split);
            last += 1;
        }
        out.push(Zone {
            first,
            last,
            splits,
        });
        i = last + 1;
    }
    out
}

/// A zone's cells: each column's lines, a wrapped line (hanging under the
/// text after its dash or label) joined to the one it continues.
fn zone_cells(lines: &[Line], zone: &Zone, m: &Margins) -> Vec<Cell> {
    let mut columns: [Vec<Vec<Word>>; 2] = [Vec::new(), Vec::new()];
    for (line, &split) in lines[zone.first..=zone.last].iter().zip(&zone.splits) {
        let (left, right): (Vec<Word>, Vec<Word>) =
            line.words.iter().cloned().partition(|w| w.x1 <= split);
        for (col, words) in [left, right].into_iter().enumerate() {
            if !words.is_empty() {
                columns[col].push(words);
            }
        }
    }
    let mut out = Vec::new();
    for (col, lines) in columns.into_iter().enumerate() {
        // A cell's lines, and a note set beside them (a brace's "(báo cáo)").
        let mut cells: Vec<(Vec<Vec<Word>>, Vec<Word>)> = Vec::new();
        // A borderless cell's width: its lines are centred in it, and it
        // reaches the margin on its outer side.
        let mut centers: Vec<f32> = lines
            .iter()
            .map(|l| (l[0].x0 + l[l.len() - 1].x1) / 2.0)
            .collect();
        centers.sort_by(f32::total_cmp);
        let center = centers.get(centers.len() / 2).copied().unwrap_or(0.0);
        let width = if col == 0 {
            2.0 * (center - m.left)
        } else {
            2.0 * (m.right - center)
        };
        for mut words in lines {
            let em = words[0].size;
            // Only beside a list line ("- Văn phòng …   (báo cáo)").
            let listed = words[0].text.chars().all(|c| !c.is_alphanumeric());
            let side = words
                .windows(2)
                .position(|p| listed && p[1].x0 - p[0].x1 > 2.0 * em)
                .map(|i| words.split_off(i + 1))
                .unwrap_or_default();
            let hangs = cells.last().and_then(|c| c.0.first()).is_some_and(|prev| {
                prev.len() > 1
                    && prev[0].x1 - prev[0].x0 < 1.2 * em
                    && (words[0].x0 - prev[1].x0).abs() < 0.3 * em
            });
            let wraps = cells
                .last()
                .and_then(|c| c.0.last())
                .is_some_and(|prev| wraps_centered(prev, &words, center, width));
            match cells.last_mut() {
                Some(cell) if hangs => {
                    // A wrapped list line continues its line.
                    if let Some(last) = cell.0.last_mut() {
                        last.extend(words);
                    }
                    cell.1.extend(side);
                }
                Some(cell) if wraps => {
                    // A wrap, not a line break: the paragraph goes on.
                    if let Some(last) = cell.0.last_mut() {
                        last.extend(words);
                    }
                    cell.1.extend(side);
                }
                _ => cells.push((vec![words], side)),
            }
        }
        out.extend(cells.into_iter().map(|(mut lines, side)| {
            if let (Some(last), Some(first)) = (lines.last_mut(), side.first()) {
                last.push(Word {
                    text: "}".into(),
                    bold: false,
                    italic: false,
                    ..first.clone()
                });
                last.extend(side);
            }
            (0, col, lines)
        }));
    }
    out
}

/// Whether a cell's line is the wrapped rest of the centred line above it:
/// both centred on the cell, in the same letters, and the line's first
/// word would not have fitted on the one above ("CỘNG HÒA … CHỦ NGHĨA" /
/// "VIỆT NAM" in a narrow cell; not "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH",
/// nor one Nơi nhận line under another).
fn wraps_centered(prev: &[Word], line: &[Word], center: f32, width: f32) -> bool {
    let (Some(p0), Some(p1), Some(l0), Some(l1)) =
        (prev.first(), prev.last(), line.first(), line.last())
    else {
        return false;
    };
    let em = l0.size;
    let centred = |a: &Word, b: &Word| ((a.x0 + b.x1) / 2.0 - center).abs() < em;
    // A list line ("- Sở …;") opens its own line, and a line ended by its
    // mark (";", ":") is whole: lines of a list that happen to be as long
    // as each other are no wrapped title.
    let listed = l0.text.starts_with(['-', '–', '—', '•', '+']);
    let ended = p1.text.ends_with([';', ':']);
    !listed
        && !ended
        && centred(p0, p1)
        && centred(l0, l1)
        && p0.bold == l0.bold
        && p0.italic == l0.italic
        && (p0.size - l0.size).abs() < 0.5
        && (p1.x1 - p0.x0) + 0.3 * em + (l0.x1 - l0.x0) > width - 0.2 * em
        // Not a list's next item, nor a left-aligned column's next line.
        && l0.text.chars().any(char::is_alphanumeric)
        && (l0.x0 - p0.x0).abs() > 0.5 * em
}

/// The regions of one page in reading order.
pub fn regions(lines: Vec<Line>, rules: &[Rule], height: f32, m: &Margins) -> Vec<Region> {
    let tables = ruled_tables(rules, height);
    let mut out = Vec::new();
    let mut flow: Vec<Line> = Vec::new();
    let mut table_cells: Vec<Vec<Cell>> = vec![Vec::new(); tables.len()];
    let mut table_at: Vec<Option<usize>> = vec![None; tables.len()];
    // Ruled tables first: their lines are split at the rules.
    let mut rest = Vec::new();
    for line in lines {
        let Some(t) = tables.iter().position(|t| t.holds(&line)) else {
            rest.push(line);
            continue;
        };
        if table_at[t].is_none() {
            table_at[t] = Some(rest.len());
        }
        let mut cells: Vec<((usize, usize), Vec<Word>)> = Vec::new();
        for w in &line.words {
            let at = tables[t].cell(line.top, w);
            match cells.last_mut() {
                Some((c, ws)) if *c == at => ws.push(w.clone()),
                _ => cells.push((at, vec![w.clone()])),
            }
        }
        for ((row, col), words) in cells {
            let list = &mut table_cells[t];
            // A cell's wrapped lines make one line.
            match list.iter_mut().find(|c| c.0 == row && c.1 == col) {
                Some(c) => c.2[0].extend(words),
                None => list.push((row, col, vec![words])),
            }
        }
    }
    let zones = zones(&rest, m);
    let mut z = zones.iter().peekable();
    let mut i = 0;
    while i < rest.len() {
        for (t, at) in table_at.iter_mut().enumerate() {
            if *at == Some(i) {
                *at = None;
                if !flow.is_empty() {
                    out.push(Region::Flow(std::mem::take(&mut flow)));
                }
                out.push(Region::Grid(
                    std::mem::take(&mut table_cells[t]),
                    tables[t].xs.clone(),
                ));
            }
        }
        if let Some(zone) = z.peek()
            && zone.first == i
        {
            if !flow.is_empty() {
                out.push(Region::Flow(std::mem::take(&mut flow)));
            }
            out.push(Region::Grid(zone_cells(&rest, zone, m), Vec::new()));
            i = zone.last + 1;
            z.next();
            continue;
        }
        flow.push(rest[i].clone());
        i += 1;
    }
    if !flow.is_empty() {
        out.push(Region::Flow(flow));
    }
    // A table that ends the page (no line after it).
    for (t, at) in table_at.iter().enumerate() {
        if at.is_some() {
            out.push(Region::Grid(
                std::mem::take(&mut table_cells[t]),
                tables[t].xs.clone(),
            ));
        }
    }
    // Cells in reading order: a row's cells left to right, whichever of
    // them starts highest (a centred cell starts lower than a taller one).
    for region in &mut out {
        if let Region::Grid(cells, _) = region {
            cells.sort_by_key(|c| (c.0, c.1));
        }
    }
    out
}

/// Whether a line is centred in the text area (and not a full line).
fn centered(line: &Line, m: &Margins) -> bool {
    (line.center() - m.center()).abs() < 0.8 * line.size
        && line.x0() > m.left + 1.5 * line.size
        && line.x1() < m.right - 1.5 * line.size
}

/// Whether `line` opens a new paragraph after `prev` in the flow.
fn opens_paragraph(prev: &Line, line: &Line, m: &Margins, pitch: f32) -> bool {
    let em = line.size;
    let first_word = line.words.first().map_or(0.0, |w| w.x1 - w.x0);
    let indented = line.x0() > m.left + 0.6 * em;
    // A wrapped list item hangs under the text after its label.
    let hangs = prev.page == line.page
        && prev.words.len() > 1
        && prev.words[0].x1 - prev.words[0].x0 < 1.2 * em
        && (line.x0() - prev.words[1].x0).abs() < 0.3 * em
        && prev.x0() < line.x0();
    let short = prev.x1() + first_word + 0.5 * em < m.right;
    let apart = prev.page == line.page && line.top - prev.top > 1.45 * pitch;
    let all_bold = |l: &Line| l.words.iter().all(|w| w.bold);
    (indented && !hangs)
        || short
        || apart
        || centered(line, m)
        || centered(prev, m)
        || all_bold(prev) != all_bold(line)
        || (prev.size - line.size).abs() > 1.5
}

/// The usual distance between consecutive lines of a paragraph.
pub fn line_pitch(lines: &[&Line]) -> f32 {
    let mut gaps: Vec<f32> = lines
        .windows(2)
        .filter(|p| p[0].page == p[1].page)
        .map(|p| p[1].top - p[0].top)
        .filter(|&g| g > 0.0)
        .collect();
    gaps.sort_by(f32::total_cmp);
    gaps.get(gaps.len() / 3).copied().unwrap_or(16.0)
}

/// The paragraphs of a flow of lines; `margins` gives each page's.
pub fn flow_paragraphs(
    lines: &[Line],
    margins: &dyn Fn(usize) -> Margins,
    pitch: f32,
    out: &mut Vec<Para>,
) {
    let mut open: Vec<&Line> = Vec::new();
    for line in lines {
        let m = margins(line.page);
        if let Some(prev) = open.last()
            && opens_paragraph(prev, line, &m, pitch)
        {
            out.push(paragraph(&open, Place::default(), &margins(open[0].page)));
            open.clear();
        }
        open.push(line);
    }
    if !open.is_empty() {
        out.push(paragraph(&open, Place::default(), &margins(open[0].page)));
    }
}

/// A cell's lines as a paragraph at `place`, a line each.
pub fn cell_paragraph(lines: &[Vec<Word>], place: Place) -> Para {
    let words: Vec<Word> = lines.iter().flatten().cloned().collect();
    let mut p = para_of(&joined(lines.iter().map(|l| words_text(l))), &words);
    p.lines = lines
        .iter()
        .map(|l| squeeze(&crate::text::normalise(&words_text(l))))
        .collect();
    p.place = place;
    p
}

fn paragraph(lines: &[&Line], place: Place, m: &Margins) -> Para {
    let words: Vec<Word> = lines.iter().flat_map(|l| l.words.iter().cloned()).collect();
    let mut p = para_of(&joined(lines.iter().map(|l| l.text())), &words);
    p.place = place;
    let first = lines[0];
    p.align = Some(if centered(first, m) {
        Align::Center
    } else if first.x0() > m.center() && (first.x1() - m.right).abs() < first.size {
        Align::Right
    } else if lines.len() > 1 {
        Align::Justify
    } else {
        Align::Left
    });
    p
}

/// Lines joined with spaces; a word broken at a hyphen ("QĐ-" / "TTg",
/// "2021-" / "2025") joined without one.
fn joined(lines: impl Iterator<Item = String>) -> String {
    let mut out = String::new();
    for line in lines {
        let hyphen = out.ends_with('-')
            && out.chars().rev().nth(1).is_some_and(char::is_alphanumeric)
            && line.chars().next().is_some_and(char::is_alphanumeric);
        if !out.is_empty() && !hyphen {
            out.push(' ');
        }
        out.push_str(&line);
    }
    out
}

/// The paragraph of `text` with the emphasis of its words.
fn para_of(text: &str, words: &[Word]) -> Para {
    let letters = |w: &Word| w.text.chars().filter(|c| c.is_alphanumeric()).count();
    let total: usize = words.iter().map(letters).sum();
    let bold: usize = words.iter().filter(|w| w.bold).map(letters).sum();
    let italic: usize = words.iter().filter(|w| w.italic).map(letters).sum();
    let lead: Vec<Word> = words.iter().take_while(|w| w.bold).cloned().collect();
    let mut italic_parts: Vec<String> = Vec::new();
    let mut run: Vec<Word> = Vec::new();
    for w in words.iter().chain(std::iter::once(&Word {
        x0: 0.0,
        x1: 0.0,
        text: String::new(),
        bold: false,
        italic: false,
        size: 0.0,
    })) {
        if w.italic && !w.text.is_empty() {
            run.push(w.clone());
        } else if !run.is_empty() {
            italic_parts.push(crate::text::normalise(&words_text(&run)));
            run.clear();
        }
    }
    let mut sizes: Vec<f32> = words.iter().map(|w| (w.size * 2.0).round() / 2.0).collect();
    sizes.sort_by(f32::total_cmp);
    Para {
        lines: vec![squeeze(&crate::text::normalise(text))],
        bold: total > 0 && bold == total,
        italic: total > 0 && italic == total,
        bold_lead: (bold > 0 && bold < total && !lead.is_empty())
            .then(|| crate::text::normalise(&words_text(&lead))),
        italic_parts,
        size: sizes.get(sizes.len() / 2).copied(),
        ..Para::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(page: usize, top: f32, words: &[(f32, &str)]) -> Line {
        Line {
            page,
            top,
            size: 14.0,
            words: words
                .iter()
                .map(|(x, t)| Word {
                    x0: *x,
                    x1: x + 7.0 * t.chars().count() as f32,
                    text: t.to_string(),
                    bold: false,
                    italic: false,
                    size: 14.0,
                })
                .collect(),
        }
    }

    #[test]
    fn hyphenated_words_join_without_a_space() {
        let j = |a: &str, b: &str| joined([a.to_string(), b.to_string()].into_iter());
        assert_eq!(
            j("Quyết định 919/QĐ-", "TTg ngày"),
            "Quyết định 919/QĐ-TTg ngày"
        );
        assert_eq!(j("giai đoạn 2021 -", "2025"), "giai đoạn 2021 - 2025");
        assert_eq!(j("một", "hai"), "một hai");
    }

    /// A ruled grid of `cols` columns 100 pt wide from x = 100 and rows
    /// ruled at `rows` (from the top of an 842 pt page).
    fn grid(cols: usize, rows: &[f32]) -> Vec<Rule> {
        let (top, bottom) = (rows[0], rows[rows.len() - 1]);
        let right = 100.0 + 100.0 * cols as f32;
        let mut rules: Vec<Rule> = rows
            .iter()
            .map(|&y| Rule {
                x0: 100.0,
                x1: right,
                y0: 842.0 - y,
                y1: 842.0 - y,
            })
            .collect();
        rules.extend((0..=cols).map(|c| {
            let x = 100.0 + 100.0 * c as f32;
            Rule {
                x0: x,
                x1: x,
                y0: 842.0 - bottom,
                y1: 842.0 - top,
            }
        }));
        rules
    }

    #[test]
    fn a_rows_cells_come_left_to_right_whichever_starts_highest() {
        // A row's cells are centred: the two-line cell of column 1 starts
        // above the one-line cells of columns 0 and 2. Whether the table
        // ends the page or text follows it, the cells come in column order.
        let m = Margins {
            left: 85.0,
            right: 553.0,
        };
        let rules = grid(3, &[100.0, 120.0, 160.0]);
        for after in [false, true] {
            let mut lines = vec![
                line(
                    0,
                    115.0,
                    &[(105.0, "TT"), (205.0, "Tên"), (305.0, "Chủ thể")],
                ),
                line(0, 135.0, &[(205.0, "Chè Shan")]),
                line(0, 142.0, &[(105.0, "1"), (305.0, "HTX Chè")]),
                line(0, 149.0, &[(205.0, "tuyết")]),
            ];
            if after {
                lines.push(line(0, 200.0, &[(113.0, "Đoạn văn sau bảng.")]));
            }
            let regions = regions(lines, &rules, 842.0, &m);
            let Some(Region::Grid(cells, _)) =
                regions.iter().find(|r| matches!(r, Region::Grid(..)))
            else {
                panic!("a grid")
            };
            let order: Vec<(usize, usize)> = cells.iter().map(|c| (c.0, c.1)).collect();
            assert_eq!(
                order,
                [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)],
                "text after: {after}"
            );
        }
    }

    #[test]
    fn two_columns_become_cells_and_the_title_ends_them() {
        let m = Margins {
            left: 85.0,
            right: 553.0,
        };
        let lines = vec![
            line(
                0,
                68.0,
                &[(122.0, "ỦY BAN NHÂN DÂN"), (282.0, "CỘNG HÒA XÃ HỘI")],
            ),
            line(0, 81.0, &[(124.0, "HUYỆN A")]),
            line(0, 84.0, &[(332.0, "Độc lập")]),
            line(0, 106.0, &[(121.0, "Số: 1/KH"), (307.0, "A, ngày 1")]),
            line(0, 138.0, &[(290.0, "KẾ HOẠCH")]),
            line(
                0,
                160.0,
                &[(113.0, "Căn cứ một hai ba bốn năm sáu bảy tám chín mười")],
            ),
        ];
        let regions = regions(lines, &[], 842.0, &m);
        let Region::Grid(cells, _) = &regions[0] else {
            panic!("a grid first")
        };
        let texts: Vec<(usize, String)> = cells
            .iter()
            .map(|(_, c, ls)| {
                (
                    *c,
                    ls.iter()
                        .map(|l| words_text(l))
                        .collect::<Vec<_>>()
                        .join("|"),
                )
            })
            .collect();
        assert_eq!(
            texts,
            [
                (0, "ỦY BAN NHÂN DÂN".to_string()),
                (0, "HUYỆN A".into()),
                (0, "Số: 1/KH".into()),
                (1, "CỘNG HÒA XÃ HỘI".into()),
                (1, "Độc lập".into()),
                (1, "A, ngày 1".into()),
            ]
        );
        assert!(matches!(&regions[1], Region::Flow(l) if l.len() == 2));
    }

    #[test]
    fn list_lines_of_a_column_are_lines_of_their_own() {
        let m = Margins {
            left: 85.0,
            right: 553.0,
        };
        let lines = vec![
            line(
                0,
                400.0,
                &[(85.0, "Nơi nhận:"), (330.0, "TM. ỦY BAN NHÂN DÂN")],
            ),
            line(
                0,
                413.0,
                &[(85.0, "-"), (95.0, "Bộ A;"), (345.0, "KT. CHỦ TỊCH")],
            ),
            line(0, 426.0, &[(85.0, "-"), (95.0, "Sở Bê Xê;")]),
            line(
                0,
                439.0,
                &[(85.0, "-"), (95.0, "Sở Đê Ê;"), (340.0, "PHÓ CHỦ TỊCH")],
            ),
            line(0, 452.0, &[(85.0, "-"), (95.0, "Chủ tịch UBND;")]),
            line(0, 465.0, &[(85.0, "-"), (95.0, "UBND các xã;")]),
            line(0, 478.0, &[(85.0, "-"), (95.0, "Lưu: VT.")]),
        ];
        let regions = regions(lines, &[], 842.0, &m);
        let Region::Grid(cells, _) = &regions[0] else {
            panic!("a grid first")
        };
        let left: Vec<String> = cells
            .iter()
            .filter(|(_, c, _)| *c == 0)
            .flat_map(|(_, _, ls)| ls.iter().map(|l| words_text(l)))
            .collect();
        assert_eq!(
            left,
            [
                "Nơi nhận:",
                "- Bộ A;",
                "- Sở Bê Xê;",
                "- Sở Đê Ê;",
                "- Chủ tịch UBND;",
                "- UBND các xã;",
                "- Lưu: VT."
            ]
        );
    }
}
