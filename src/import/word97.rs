//! Word 97–2003 documents (.doc): the text of the main document read from
//! the OLE container (the `cfb` crate) through the piece table of the
//! WordDocument stream (its CLX, found from the FIB), 8-bit and Unicode
//! pieces alike; paragraph marks, manual line breaks, fields (their code
//! dropped, their shown result kept) and, from the paragraph properties
//! (PAPX), which paragraphs stand in table cells. Emphasis is not read:
//! recognition works from the text.

use std::io::{Cursor, Read};

use super::para::{Para, Place, squeeze};
use super::source::{Problem, problem};

const RESAVE: &str = "tệp Word 97–2003 (.doc): mở bằng Word, Lưu thành .docx rồi nhập tệp .docx";

/// Largest stream read.
const MAX_STREAM: u64 = 64 << 20;
/// Most pieces in the piece table.
const MAX_PIECES: usize = 100_000;
/// Most characters of text.
const MAX_CHARS: usize = 16 << 20;

/// The paragraphs of a .doc held in `bytes`.
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<Para>, Problem> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        let what = if bytes.starts_with(b"{\\rtf") {
            "tệp mang đuôi .doc nhưng là định dạng RTF"
        } else {
            "tệp mang đuôi .doc nhưng không phải văn bản Word 97–2003 (có thể là trang web hay văn bản đổi tên)"
        };
        return Err(problem(what, RESAVE));
    }
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|_| problem("tệp .doc hỏng: không đọc được vỏ OLE", RESAVE))?;
    let word = read_stream(&mut file, "/WordDocument")?.ok_or_else(|| {
        problem(
            "tệp Office cũ này không phải văn bản Word (không có phần WordDocument)",
            "mở bằng chương trình đã tạo ra nó, lưu thành .docx rồi nhập lại",
        )
    })?;
    let fib =
        Fib::read(&word).ok_or_else(|| problem("tệp .doc hỏng: phần đầu (FIB) sai", RESAVE))?;
    if fib.encrypted {
        return Err(problem(
            "tệp Word 97–2003 (.doc) được đặt mật khẩu",
            "mở bằng Word, bỏ mật khẩu, Lưu thành .docx rồi nhập tệp .docx",
        ));
    }
    let table_name = if fib.table1 { "/1Table" } else { "/0Table" };
    let table = read_stream(&mut file, table_name)?
        .ok_or_else(|| problem("tệp .doc hỏng: thiếu bảng (Table stream)", RESAVE))?;
    let pieces = pieces(&table, fib.clx)
        .ok_or_else(|| problem("tệp .doc hỏng: bảng các đoạn chữ (piece table) sai", RESAVE))?;
    let chars = text(&word, &pieces, fib.ccp_text)?;
    let tables = TableMarks::read(&word, &table, fib.papx);
    Ok(split(&chars, &tables))
}

fn read_stream(
    file: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, Problem> {
    let Ok(stream) = file.open_stream(name) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    stream
        .take(MAX_STREAM + 1)
        .read_to_end(&mut out)
        .map_err(|_| problem("tệp .doc hỏng: không đọc được nội dung", RESAVE))?;
    if out.len() as u64 > MAX_STREAM {
        return Err(problem("tệp .doc quá lớn cho một văn bản", RESAVE));
    }
    Ok(Some(out))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}
fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// What the File Information Block says.
struct Fib {
    encrypted: bool,
    table1: bool,
    ccp_text: u32,
    /// (offset, length) in the table stream.
    clx: (u32, u32),
    papx: (u32, u32),
}

impl Fib {
    fn read(w: &[u8]) -> Option<Fib> {
        if u16_at(w, 0)? != 0xA5EC {
            return None;
        }
        let flags = u16_at(w, 0x0A)?;
        let csw = u16_at(w, 32)? as usize;
        let lw = 34 + csw * 2;
        let cslw = u16_at(w, lw)? as usize;
        let ccp_text = u32_at(w, lw + 2 + 3 * 4)?;
        let blob = lw + 2 + cslw * 4 + 2;
        let pair = |i: usize| Some((u32_at(w, blob + i * 8)?, u32_at(w, blob + i * 8 + 4)?));
        Some(Fib {
            encrypted: flags & 0x0100 != 0,
            table1: flags & 0x0200 != 0,
            ccp_text,
            clx: pair(33)?,
            papx: pair(13)?,
        })
    }
}

/// A run of text: its first character position, its length, where it
/// lies in the WordDocument stream, and whether it is 8-bit.
#[derive(Debug, Clone, Copy)]
struct Piece {
    cp: u32,
    len: u32,
    fc: u32,
    compressed: bool,
}

impl Piece {
    /// The stream offset of the character at `cp`.
    fn fc_of(&self, cp: u32) -> u32 {
        let k = cp - self.cp;
        if self.compressed {
            self.fc + k
        } else {
            self.fc + 2 * k
        }
    }
}

fn pieces(table: &[u8], (fc, lcb): (u32, u32)) -> Option<Vec<Piece>> {
    let clx = table.get(fc as usize..(fc as usize).checked_add(lcb as usize)?)?;
    let mut at = 0;
    // Skip the property modifiers (Prc) before the piece table (Pcdt).
    while clx.get(at) == Some(&1) {
        at += 3 + u16_at(clx, at + 1)? as usize;
    }
    if clx.get(at) != Some(&2) {
        return None;
    }
    let size = u32_at(clx, at + 1)? as usize;
    let plc = clx.get(at + 5..at + 5 + size)?;
    let n = size.checked_sub(4)? / 12;
    if n == 0 || n > MAX_PIECES {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (cp, next) = (u32_at(plc, i * 4)?, u32_at(plc, (i + 1) * 4)?);
        let raw = u32_at(plc, (n + 1) * 4 + i * 8 + 2)?;
        let compressed = raw & 0x4000_0000 != 0;
        let fc = raw & 0x3FFF_FFFF;
        out.push(Piece {
            cp,
            len: next.saturating_sub(cp),
            fc: if compressed { fc / 2 } else { fc },
            compressed,
        });
    }
    Some(out)
}

/// The main document's characters, each with its stream offset (to find
/// its paragraph's properties).
fn text(word: &[u8], pieces: &[Piece], ccp_text: u32) -> Result<Vec<(char, u32)>, Problem> {
    let mut out = Vec::new();
    for p in pieces {
        let end = (p.cp + p.len).min(ccp_text);
        let mut cp = p.cp;
        while cp < end {
            let fc = p.fc_of(cp) as usize;
            let c = if p.compressed {
                let b = *word.get(fc).ok_or_else(broken)?;
                let byte = [b];
                let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                s.chars().next().unwrap_or(' ')
            } else {
                let u = u16_at(word, fc).ok_or_else(broken)?;
                char::from_u32(u32::from(u)).unwrap_or('\u{fffd}')
            };
            out.push((c, fc as u32));
            if out.len() > MAX_CHARS {
                return Err(problem("tệp .doc có quá nhiều chữ cho một văn bản", RESAVE));
            }
            cp += 1;
        }
    }
    Ok(out)
}

fn broken() -> Problem {
    problem(
        "tệp .doc hỏng: bảng các đoạn chữ trỏ ra ngoài nội dung",
        RESAVE,
    )
}

/// Which paragraph marks stand in a table, and which end a row, from the
/// paragraph properties (sprmPFInTable, sprmPFTtp, sprmPItap), with a row
/// end's cell widths (sprmTDefTable).
#[derive(Default)]
struct TableMarks {
    /// Stream ranges [from, to) with (in table, ends a row, its cells'
    /// widths in twips).
    runs: Vec<(u32, u32, bool, bool, Vec<u32>)>,
}

impl TableMarks {
    fn read(word: &[u8], table: &[u8], (fc, lcb): (u32, u32)) -> TableMarks {
        let mut out = TableMarks::default();
        let Some(plc) = table.get(fc as usize..(fc as usize).saturating_add(lcb as usize)) else {
            return out;
        };
        let n = plc.len().saturating_sub(4) / 8;
        for i in 0..n.min(10_000) {
            let Some(pn) = u32_at(plc, (n + 1) * 4 + i * 4) else {
                break;
            };
            let page = (pn & 0x3F_FFFF) as usize * 512;
            if let Some(fkp) = word.get(page..page + 512) {
                out.read_fkp(fkp);
            }
        }
        out
    }

    fn read_fkp(&mut self, fkp: &[u8]) {
        let crun = fkp[511] as usize;
        for i in 0..crun {
            let (Some(from), Some(to)) = (u32_at(fkp, i * 4), u32_at(fkp, (i + 1) * 4)) else {
                return;
            };
            let b_offset = fkp.get((crun + 1) * 4 + i * 13).copied().unwrap_or(0) as usize * 2;
            let (in_table, row_end, widths) = if b_offset == 0 {
                (false, false, Vec::new())
            } else {
                papx_table_flags(fkp, b_offset)
            };
            self.runs.push((from, to, in_table, row_end, widths));
        }
    }

    fn at(&self, fc: u32) -> (bool, bool) {
        self.run(fc).map_or((false, false), |r| (r.2, r.3))
    }

    /// The cell widths a row's end mark at `fc` gives.
    fn widths(&self, fc: u32) -> &[u32] {
        self.run(fc).map_or(&[], |r| &r.4)
    }

    fn run(&self, fc: u32) -> Option<&(u32, u32, bool, bool, Vec<u32>)> {
        self.runs.iter().find(|r| r.0 <= fc && fc < r.1)
    }
}

/// Reads a PapxInFkp's sprms for the table flags and a row's cell widths.
fn papx_table_flags(fkp: &[u8], at: usize) -> (bool, bool, Vec<u32>) {
    let Some(&cb) = fkp.get(at) else {
        return (false, false, Vec::new());
    };
    let (start, len) = if cb != 0 {
        (at + 1, cb as usize * 2 - 1)
    } else {
        (at + 2, fkp.get(at + 1).copied().unwrap_or(0) as usize * 2)
    };
    let Some(grpprl) = fkp.get(start + 2..(start + len).min(512)) else {
        return (false, false, Vec::new());
    };
    let (mut in_table, mut row_end, mut widths) = (false, false, Vec::new());
    let mut i = 0;
    while let Some(sprm) = u16_at(grpprl, i) {
        let operand = grpprl.get(i + 2).copied().unwrap_or(0);
        match sprm {
            0x2416 => in_table |= operand != 0,
            0x2417 => row_end |= operand != 0,
            0x6649 => in_table |= u32_at(grpprl, i + 2).is_some_and(|d| d > 0),
            0xD608 => widths = cell_widths(grpprl.get(i + 4..).unwrap_or_default()),
            _ => {}
        }
        let size = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ if sprm == 0xD608 => u16_at(grpprl, i + 2).map_or(0, |s| s as usize + 1),
            _ => operand as usize + 1,
        };
        i += 2 + size;
    }
    (in_table, row_end, widths)
}

/// The cells' widths of a TDefTableOperand after its size: the number of
/// cells, then the x of each cell's edge (rgdxaCenter, one more).
fn cell_widths(operand: &[u8]) -> Vec<u32> {
    let Some(&n) = operand.first() else {
        return Vec::new();
    };
    let edges: Option<Vec<i32>> = (0..=usize::from(n))
        .map(|k| u16_at(operand, 1 + 2 * k).map(|x| i32::from(x as i16)))
        .collect();
    edges.map_or_else(Vec::new, |e| {
        e.windows(2).map(|w| (w[1] - w[0]).max(0) as u32).collect()
    })
}

/// The characters split into paragraphs, with their places in tables.
fn split(chars: &[(char, u32)], tables: &TableMarks) -> Vec<Para> {
    let mut out = Vec::new();
    let mut line = String::new();
    let mut lines: Vec<String> = Vec::new();
    // Open fields: `true` once past the code, in the shown result.
    let mut fields: Vec<bool> = Vec::new();
    let (mut table, mut row, mut col, mut in_table) = (0usize, 0usize, 0usize, false);
    for &(c, fc) in chars {
        match c {
            '\u{13}' => fields.push(false),
            '\u{14}' => {
                if let Some(f) = fields.last_mut() {
                    *f = true;
                }
            }
            '\u{15}' => {
                fields.pop();
            }
            _ if !fields.iter().all(|&shown| shown) => {}
            '\r' | '\u{7}' => {
                lines.push(std::mem::take(&mut line));
                let (cell, row_end) = tables.at(fc);
                if cell && !in_table {
                    table += usize::from(out.iter().any(|p: &Para| p.place.table.is_some()));
                    row = 0;
                    col = 0;
                }
                in_table = cell;
                if row_end {
                    // The row's cells take their widths from its end mark.
                    let widths = tables.widths(fc);
                    for p in out.iter_mut().rev().take_while(|p: &&mut Para| {
                        p.place.table == Some(table) && p.place.row == row
                    }) {
                        p.place.col_width = widths.get(p.place.col).copied().filter(|&w| w > 0);
                    }
                    row += 1;
                    col = 0;
                    lines.clear();
                    continue;
                }
                let place = if cell {
                    Place {
                        table: Some(table),
                        col,
                        row,
                        col_width: None,
                    }
                } else {
                    Place::default()
                };
                if let Some(p) = paragraph(std::mem::take(&mut lines), place) {
                    out.push(p);
                }
                if c == '\u{7}' {
                    col += 1;
                }
            }
            '\u{b}' => lines.push(std::mem::take(&mut line)),
            '\u{1e}' => line.push('-'),
            '\u{1f}' | '\u{1}' | '\u{2}' | '\u{5}' | '\u{8}' => {}
            '\u{c}' | '\t' | '\u{a0}' => line.push(' '),
            c if c.is_control() => {}
            c => line.push(c),
        }
    }
    lines.push(line);
    out.extend(paragraph(lines, Place::default()));
    out
}

fn paragraph(lines: Vec<String>, place: Place) -> Option<Para> {
    let lines: Vec<String> = lines
        .iter()
        .map(|l| squeeze(&crate::text::normalise(l)))
        .filter(|l| !l.is_empty())
        .collect();
    (!lines.is_empty()).then(|| Para {
        lines,
        place,
        ..Para::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_become_paragraphs_lines_and_fields() {
        let text = "Kế hoạch\rMục tiêu:\u{b}- một;\u{b}- hai\r\u{13} PAGE \u{14}3\u{15} trang\r148/QĐ\u{1e}TTg phân\u{1f}hạng\r";
        let chars: Vec<(char, u32)> = text.chars().map(|c| (c, 0)).collect();
        let ps = split(&chars, &TableMarks::default());
        let texts: Vec<String> = ps.iter().map(Para::text).collect();
        assert_eq!(
            texts,
            [
                "Kế hoạch",
                "Mục tiêu: - một; - hai",
                "3 trang",
                "148/QĐ-TTg phânhạng"
            ]
        );
        assert_eq!(ps[1].lines.len(), 3);
    }

    #[test]
    fn table_cells_take_their_places() {
        // Body, then a row of two cells (the second of two paragraphs), its row mark.
        let text = "Thân\rTrái\u{7}Phải 1\rPhải 2\u{7}\u{7}Sau\r";
        let chars: Vec<(char, u32)> = text
            .chars()
            .enumerate()
            .map(|(i, c)| (c, i as u32))
            .collect();
        let marks = TableMarks {
            runs: vec![
                (0, 5, false, false, vec![]),
                (5, 24, true, false, vec![]),
                (24, 25, true, true, vec![1200, 3400]),
                (25, 99, false, false, vec![]),
            ],
        };
        let ps = split(&chars, &marks);
        let places: Vec<(String, Option<usize>, usize, Option<u32>)> = ps
            .iter()
            .map(|p| (p.text(), p.place.table, p.place.col, p.place.col_width))
            .collect();
        assert_eq!(
            places,
            [
                ("Thân".to_string(), None, 0, None),
                ("Trái".into(), Some(0), 0, Some(1200)),
                ("Phải 1".into(), Some(0), 1, Some(3400)),
                ("Phải 2".into(), Some(0), 1, Some(3400)),
                ("Sau".into(), None, 0, None),
            ]
        );
    }

    #[test]
    fn a_row_definition_gives_its_cells_widths() {
        // Two cells: edges at 0, 700 and 3700 twips (x as signed 16 bits).
        let operand = [2, 0, 0, 0xBC, 0x02, 0x74, 0x0E, 9, 9];
        assert_eq!(cell_widths(&operand), [700, 3000]);
        assert!(cell_widths(&[3, 0, 0]).is_empty(), "cut short");
        assert!(cell_widths(&[]).is_empty());
    }

    #[test]
    fn not_a_word_file_is_told_in_vietnamese() {
        let e = paragraphs(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 broken").unwrap_err();
        assert!(e.message.contains(".doc"), "{}", e.message);
        assert!(!e.message.contains("TCVN3"));
        let rtf = paragraphs(b"{\\rtf1\\ansi K\\'e1 ho\\'e1ch}").unwrap_err();
        assert!(
            rtf.message.contains("RTF") && rtf.hint.contains(".docx"),
            "{rtf:?}"
        );
    }
}
