//! Excel 97–2003 `.xls` files, read by calamine behind a guard.
//!
//! BIFF is binary and not compressed, so the text calamine decodes is
//! bounded by the file size; calamine's own parse of the records is kept
//! (shared strings split over CONTINUE records, RK numbers, date formats).
//! What calamine 0.38 cannot bound is fixed first, here:
//!
//! - its compound-file (OLE) reader follows sector chains without loop
//!   detection (a chain pointing at itself grows memory forever) and
//!   indexes the FAT unchecked: this module reads the container itself,
//!   with every chain checked, and hands calamine a freshly written
//!   container holding only the workbook stream;
//! - it reserves `rows × columns` cells from each sheet's DIMENSIONS
//!   record, as declared: those records are zeroed in the copy;
//! - it builds, for every sheet at open, the dense grid from the first to
//!   the last used cell: the used area of every sheet is measured first
//!   and a file whose areas add up to more than [`MAX_GRID_CELLS`] is
//!   refused with the far cell named (a stray cell at IV65536);
//! - a malformed MULRK record underflows a subtraction: such records are
//!   refused.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, SheetVisible, Xls};

use super::grid::{GridBuilder, KEEP_CELL_CHARS, Value, cell_name};
use super::{SheetEntry, Table, choose_sheet};
use crate::diag::Diagnostic;
use crate::vn::group_thousands;

/// Dense cells calamine may build over all sheets (32 bytes each, built
/// once and copied once: 128 MB at most).
pub const MAX_GRID_CELLS: u64 = 2_000_000;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;
const FATSECT: u32 = 0xFFFF_FFFD;
const DIFSECT: u32 = 0xFFFF_FFFC;
const NOSTREAM: u32 = 0xFFFF_FFFF;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

/// A compound file's streams, read with every chain checked.
struct Cfb<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    dirs: Vec<(String, u8, u32, u64)>,
    mini_cutoff: u64,
    minifat: Vec<u32>,
    ministream: Vec<u8>,
}

impl<'a> Cfb<'a> {
    fn open(bytes: &'a [u8]) -> Result<Cfb<'a>, String> {
        let bad = |what: &str| format!("vỏ tệp OLE hỏng: {what}");
        if bytes.len() < 512 || bytes[..8] != [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            return Err(bad("thiếu phần đầu"));
        }
        let sector = match u16_at(bytes, 30) {
            Some(9) => 512,
            Some(12) => 4096,
            _ => return Err(bad("cỡ sector lạ")),
        };
        let nsect = bytes.len().saturating_sub(sector).div_ceil(sector);
        let sector_bytes = |id: u32| -> Option<&'a [u8]> {
            let start = (id as usize).checked_add(1)?.checked_mul(sector)?;
            let end = (start + sector).min(bytes.len());
            bytes.get(start..end)
        };
        // FAT sector ids: 109 in the header, the rest in the DIFAT chain.
        let mut fat_ids: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 76 + 4 * i))
            .filter(|id| (*id as usize) < nsect)
            .collect();
        let mut difat = u32_at(bytes, 68).unwrap_or(ENDOFCHAIN);
        let mut steps = 0;
        while (difat as usize) < nsect {
            steps += 1;
            if steps > nsect {
                return Err(bad("chuỗi DIFAT lặp vòng"));
            }
            let s = sector_bytes(difat).ok_or_else(|| bad("DIFAT ngoài tệp"))?;
            let per = sector / 4 - 1;
            fat_ids.extend(
                (0..per)
                    .filter_map(|i| u32_at(s, 4 * i))
                    .filter(|id| (*id as usize) < nsect),
            );
            difat = u32_at(s, 4 * per).unwrap_or(ENDOFCHAIN);
        }
        if fat_ids.len() > nsect {
            return Err(bad("bảng FAT lớn hơn tệp"));
        }
        let mut fat = Vec::with_capacity(fat_ids.len() * sector / 4);
        for id in fat_ids {
            let s = sector_bytes(id).ok_or_else(|| bad("FAT ngoài tệp"))?;
            fat.extend(
                s.chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
        }
        fat.truncate(nsect);
        let mut cfb = Cfb {
            bytes,
            sector,
            fat,
            dirs: Vec::new(),
            mini_cutoff: u32_at(bytes, 56).unwrap_or(4096) as u64,
            minifat: Vec::new(),
            ministream: Vec::new(),
        };
        let dir_bytes = cfb.chain_bytes(u32_at(bytes, 48).unwrap_or(ENDOFCHAIN), u64::MAX)?;
        let major = u16_at(bytes, 26).unwrap_or(3);
        for e in dir_bytes.chunks_exact(128) {
            let name_len = (u16_at(e, 64).unwrap_or(0) as usize).min(64);
            let units: Vec<u16> = e[..name_len.saturating_sub(2)]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            let name = String::from_utf16_lossy(&units);
            let kind = e[66];
            let start = u32_at(e, 116).unwrap_or(ENDOFCHAIN);
            let size = if major == 3 {
                u32_at(e, 120).unwrap_or(0) as u64
            } else {
                u32_at(e, 120).unwrap_or(0) as u64 | (u32_at(e, 124).unwrap_or(0) as u64) << 32
            };
            cfb.dirs.push((name, kind, start, size));
        }
        if let Some((_, 5, start, size)) = cfb.dirs.first().cloned() {
            cfb.ministream = cfb.chain_bytes(start, size)?;
            let minifat = cfb.chain_bytes(u32_at(bytes, 60).unwrap_or(ENDOFCHAIN), u64::MAX)?;
            cfb.minifat = minifat
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
        }
        Ok(cfb)
    }

    /// The bytes of a regular-sector chain, at most `limit` of them.
    fn chain_bytes(&self, start: u32, limit: u64) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut seen = vec![false; self.fat.len()];
        while id != ENDOFCHAIN && (out.len() as u64) < limit {
            if id as usize >= self.fat.len() || std::mem::replace(&mut seen[id as usize], true) {
                return Err("vỏ tệp OLE hỏng: chuỗi sector lặp vòng hoặc ra ngoài tệp".into());
            }
            let from = (id as usize + 1) * self.sector;
            let to = (from + self.sector).min(self.bytes.len());
            out.extend_from_slice(self.bytes.get(from..to).unwrap_or(&[]));
            id = self.fat[id as usize];
        }
        if limit != u64::MAX {
            if (out.len() as u64) < limit {
                return Err("vỏ tệp OLE hỏng: luồng dữ liệu bị cắt cụt".into());
            }
            out.truncate(limit as usize);
        }
        Ok(out)
    }

    fn mini_chain_bytes(&self, start: u32, size: u64) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut seen = vec![false; self.minifat.len()];
        while id != ENDOFCHAIN && (out.len() as u64) < size {
            if id as usize >= self.minifat.len() || std::mem::replace(&mut seen[id as usize], true)
            {
                return Err("vỏ tệp OLE hỏng: chuỗi mini sector lặp vòng hoặc ra ngoài tệp".into());
            }
            let from = id as usize * 64;
            let chunk = self
                .ministream
                .get(from..from + 64)
                .ok_or("vỏ tệp OLE hỏng: mini sector ngoài luồng")?;
            out.extend_from_slice(chunk);
            id = self.minifat[id as usize];
        }
        if (out.len() as u64) < size {
            return Err("vỏ tệp OLE hỏng: luồng dữ liệu bị cắt cụt".into());
        }
        out.truncate(size as usize);
        Ok(out)
    }

    fn has(&self, name: &str) -> bool {
        self.dirs
            .iter()
            .any(|(n, k, _, _)| *k == 2 && n.eq_ignore_ascii_case(name))
    }

    fn stream(&self, name: &str) -> Option<Result<Vec<u8>, String>> {
        let (_, _, start, size) = self
            .dirs
            .iter()
            .find(|(n, k, _, _)| *k == 2 && n.eq_ignore_ascii_case(name))?;
        if *size > self.bytes.len() as u64 {
            return Some(Err("vỏ tệp OLE hỏng: luồng lớn hơn tệp".into()));
        }
        Some(if *size < self.mini_cutoff {
            self.mini_chain_bytes(*start, *size)
        } else {
            self.chain_bytes(*start, *size)
        })
    }
}

/// A compound file (version 3, 512-byte sectors) holding one stream, as
/// calamine reads it; streams shorter than 4,096 bytes are padded with
/// zeros so they never go to the mini stream. Also used by the tests to
/// build `.xls` files.
pub fn cfb_with_stream(name: &str, data: &[u8]) -> Vec<u8> {
    let mut data = data.to_vec();
    if data.len() < 4096 {
        data.resize(4096, 0);
    }
    let s = data.len().div_ceil(512);
    // Sectors: stream, directory, FAT, DIFAT.
    let (mut f, mut d) = (1usize, 0usize);
    loop {
        let total = s + 1 + f + d;
        let nf = total.div_ceil(128);
        let nd = nf.saturating_sub(109).div_ceil(127);
        if nf == f && nd == d {
            break;
        }
        (f, d) = (nf, nd);
    }
    let dir = s;
    let fat0 = s + 1;
    let difat0 = s + 1 + f;
    let mut fat = vec![FREESECT; f * 128];
    for (i, next) in fat.iter_mut().enumerate().take(s) {
        *next = if i + 1 == s {
            ENDOFCHAIN
        } else {
            (i + 1) as u32
        };
    }
    fat[dir] = ENDOFCHAIN;
    for i in 0..f {
        fat[fat0 + i] = FATSECT;
    }
    for i in 0..d {
        fat[difat0 + i] = DIFSECT;
    }
    let mut out = vec![0u8; 512];
    out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    out[24..26].copy_from_slice(&0x3Eu16.to_le_bytes());
    out[26..28].copy_from_slice(&3u16.to_le_bytes());
    out[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes());
    out[30..32].copy_from_slice(&9u16.to_le_bytes());
    out[32..34].copy_from_slice(&6u16.to_le_bytes());
    out[44..48].copy_from_slice(&(f as u32).to_le_bytes());
    out[48..52].copy_from_slice(&(dir as u32).to_le_bytes());
    out[56..60].copy_from_slice(&4096u32.to_le_bytes());
    out[60..64].copy_from_slice(&ENDOFCHAIN.to_le_bytes());
    let difat_start = if d > 0 { difat0 as u32 } else { ENDOFCHAIN };
    out[68..72].copy_from_slice(&difat_start.to_le_bytes());
    out[72..76].copy_from_slice(&(d as u32).to_le_bytes());
    for i in 0..109 {
        let id = if i < f { (fat0 + i) as u32 } else { FREESECT };
        out[76 + 4 * i..80 + 4 * i].copy_from_slice(&id.to_le_bytes());
    }
    out.extend_from_slice(&data);
    out.resize(512 + s * 512, 0);
    // Directory: root, the stream, two empty entries.
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().take(31).collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        if kind != 0 {
            e[64..66].copy_from_slice(&((units.len() as u16 + 1) * 2).to_le_bytes());
        }
        e[66] = kind;
        e[67] = 1;
        e[68..72].copy_from_slice(&NOSTREAM.to_le_bytes());
        e[72..76].copy_from_slice(&NOSTREAM.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    out.extend(entry("Root Entry", 5, 1, ENDOFCHAIN, 0));
    out.extend(entry(name, 2, NOSTREAM, 0, data.len() as u32));
    out.extend(entry("", 0, NOSTREAM, 0, 0));
    out.extend(entry("", 0, NOSTREAM, 0, 0));
    for v in &fat {
        out.extend_from_slice(&v.to_le_bytes());
    }
    let fat_ids: Vec<u32> = (fat0..fat0 + f).map(|i| i as u32).collect();
    for k in 0..d {
        let mut sector = Vec::with_capacity(512);
        for j in 0..127 {
            let id = fat_ids.get(109 + k * 127 + j).copied().unwrap_or(FREESECT);
            sector.extend_from_slice(&id.to_le_bytes());
        }
        let next = if k + 1 < d {
            (difat0 + k + 1) as u32
        } else {
            ENDOFCHAIN
        };
        sector.extend_from_slice(&next.to_le_bytes());
        out.extend(sector);
    }
    out
}

/// One BIFF record: (offset of its header, type, data).
fn records(stream: &[u8], from: usize) -> impl Iterator<Item = (usize, u16, &[u8])> {
    let mut pos = from;
    std::iter::from_fn(move || {
        let typ = u16_at(stream, pos)?;
        let len = u16_at(stream, pos + 2)? as usize;
        let data = stream.get(pos + 4..pos + 4 + len)?;
        let at = pos;
        pos += 4 + len;
        Some((at, typ, data))
    })
}

/// What the guard learned of one sheet substream.
#[derive(Default)]
struct SheetScan {
    /// (min row, min col, max row, max col) of the cells calamine keeps.
    cells: Option<(u32, u32, u32, u32)>,
    formulas: Option<(u32, u32, u32, u32)>,
    hidden: Vec<u32>,
}

fn extend(b: &mut Option<(u32, u32, u32, u32)>, r: u32, c: u32) {
    *b = Some(match *b {
        None => (r, c, r, c),
        Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
    });
}

fn area(b: Option<(u32, u32, u32, u32)>) -> u64 {
    b.map_or(0, |(r0, c0, r1, c1)| {
        (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64
    })
}

/// Walks a sheet substream: used area, hidden rows; zeroes DIMENSIONS.
fn scan_sheet(stream: &mut [u8], from: usize) -> Result<SheetScan, String> {
    let mut scan = SheetScan::default();
    let mut depth = 0usize;
    let mut seen_bof = false;
    let mut dims = Vec::new();
    for (at, typ, data) in records(stream, from) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let pos =
            || -> Option<(u32, u32)> { Some((u16_at(data, 0)? as u32, u16_at(data, 2)? as u32)) };
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => dims.push((at + 4, data.len())),
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                let (r, c) = pos().ok_or("bản ghi ô quá ngắn")?;
                extend(&mut scan.cells, r, c);
            }
            0x0006 => {
                let (r, c) = pos().ok_or("bản ghi công thức quá ngắn")?;
                extend(&mut scan.cells, r, c);
                extend(&mut scan.formulas, r, c);
            }
            0x00BD => {
                let (r, first) = pos().ok_or("bản ghi MULRK quá ngắn")?;
                let last = u16_at(data, data.len().saturating_sub(2))
                    .ok_or("bản ghi MULRK quá ngắn")? as u32;
                if data.len() < 6
                    || last < first
                    || data.len() != 6 + 6 * (last - first + 1) as usize
                {
                    return Err("bản ghi MULRK hỏng".into());
                }
                extend(&mut scan.cells, r, first);
                extend(&mut scan.cells, r, last);
            }
            0x0208 => {
                let row = u16_at(data, 0).ok_or("bản ghi ROW quá ngắn")? as u32;
                let flags = u16_at(data, 12).unwrap_or(0);
                if flags & 0x0020 != 0 {
                    scan.hidden.push(row + 1);
                }
            }
            _ => {}
        }
    }
    for (at, len) in dims {
        stream[at..at + len].fill(0);
    }
    Ok(scan)
}

pub(crate) fn read(path: &Path, wanted: Option<&str>) -> Result<Table, Diagnostic> {
    let broken = |detail: String| {
        Diagnostic::error(format!("tệp Excel .xls hỏng ({detail})"))
            .file(path)
            .hint("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx (File > Save As > Excel Workbook)")
    };
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("không đọc được tệp ({})", super::io_reason(&e))).file(path)
    })?;
    let cfb = Cfb::open(&bytes).map_err(broken)?;
    if cfb.has("EncryptedPackage") {
        return Err(super::xml::password_error(path));
    }
    if cfb.has("WordDocument") {
        return Err(
            Diagnostic::error("đây là tệp Word .doc, không phải bảng tính")
                .file(path)
                .hint("chép bảng danh sách sang Excel rồi lưu dạng .xlsx"),
        );
    }
    let (stream_name, stream) = match cfb
        .stream("Workbook")
        .map(|s| ("Workbook", s))
        .or_else(|| cfb.stream("Book").map(|s| ("Book", s)))
    {
        Some((n, Ok(s))) => (n, s),
        Some((_, Err(e))) => return Err(broken(e)),
        None => return Err(broken("không có luồng Workbook".into())),
    };
    drop(cfb);
    drop(bytes);
    let mut stream = stream;
    // Globals: the sheets and their offsets; a password stops here.
    let mut sheet_offsets = Vec::new();
    let mut is_1904 = false;
    for (_, typ, data) in records(&stream, 0) {
        match typ {
            0x002F if u16_at(data, 0).unwrap_or(0) != 0 => {
                return Err(super::xml::password_error(path));
            }
            0x0085 => {
                if data.len() < 8 {
                    return Err(broken("bản ghi trang tính quá ngắn".into()));
                }
                sheet_offsets.push(u32_at(data, 0).unwrap_or(0) as usize);
            }
            0x0022 => is_1904 = u16_at(data, 0).unwrap_or(0) == 1,
            0x000A => break,
            _ => {}
        }
    }
    let mut scans = Vec::new();
    let mut total: u64 = 0;
    for &off in &sheet_offsets {
        if off >= stream.len() {
            return Err(broken("trang tính trỏ ra ngoài tệp".into()));
        }
        let scan = scan_sheet(&mut stream, off).map_err(broken)?;
        total += area(scan.cells) + area(scan.formulas);
        scans.push(scan);
    }
    if total > MAX_GRID_CELLS {
        // Name the widest sheet and its far corner.
        let (i, widest) = scans
            .iter()
            .enumerate()
            .max_by_key(|(_, s)| area(s.cells))
            .map(|(i, s)| (i, s.cells))
            .unwrap_or((0, None));
        let (r0, c0, r1, c1) = widest.unwrap_or((0, 0, 0, 0));
        let names = sheet_names(&stream, i);
        return Err(Diagnostic::error(format!(
            "trang tính {}có dữ liệu trải từ ô {} đến ô {} ({} ô), quá rộng để đọc tệp .xls (tối đa {} ô)",
            names.map(|n| format!("\"{n}\" ")).unwrap_or_default(),
            cell_name(c0, r0 + 1),
            cell_name(c1, r1 + 1),
            group_thousands(area(widest)),
            group_thousands(MAX_GRID_CELLS)
        ))
        .file(path)
        .hint("có ô thừa ở xa bảng (trong Excel, Ctrl+End nhảy tới ô cuối cùng có dữ liệu): xóa các ô đó, hoặc lưu tệp dạng .xlsx (File > Save As > Excel Workbook)"));
    }
    let clean = cfb_with_stream(stream_name, &stream);
    drop(stream);
    let opened = std::panic::catch_unwind(move || -> Result<_, String> {
        let mut book = Xls::new(Cursor::new(clean)).map_err(|e| e.to_string())?;
        let sheets: Vec<SheetEntry> = book
            .sheets_metadata()
            .iter()
            .map(|s| SheetEntry {
                name: s.name.clone(),
                visible: s.visible == SheetVisible::Visible,
            })
            .collect();
        Ok((book_range(&mut book, &sheets, wanted), sheets))
    });
    let (chosen, sheets) = match opened {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => return Err(broken(e)),
        Err(_) => return Err(broken("calamine dừng bất thường khi đọc tệp".into())),
    };
    let (index, notes) = choose_sheet(path, &sheets, wanted)?;
    let others = super::other_sheets(&sheets, index, wanted);
    let (chosen_index, range) = chosen.map_err(broken)?;
    if chosen_index != index {
        return Err(broken("không chọn được trang tính".into()));
    }
    let sheet_name = sheets[index].name.clone();
    let mut grid = GridBuilder::default();
    if let Some(scan) = scans.get(index) {
        for r in &scan.hidden {
            grid.hide(*r);
        }
    }
    if let Some(range) = range {
        let (r0, c0) = range.start().unwrap_or((0, 0));
        for (r, c, d) in range.used_cells() {
            let row = r0 + r as u32 + 1;
            let col = c0 + c as u32;
            let value = match d {
                Data::Empty => continue,
                Data::String(s) => {
                    let n = s.chars().count();
                    if n > KEEP_CELL_CHARS {
                        Value::TooLong(n)
                    } else {
                        Value::Text(s.clone())
                    }
                }
                Data::Float(f) => Value::Number {
                    value: *f,
                    date: false,
                },
                Data::Int(i) => Value::Number {
                    value: *i as f64,
                    date: false,
                },
                Data::Bool(b) => Value::Bool(*b),
                Data::DateTime(dt) => Value::Number {
                    value: dt.as_f64(),
                    date: true,
                },
                Data::DateTimeIso(s) | Data::DurationIso(s) => Value::Date(s.clone()),
                Data::Error(e) => Value::Error(e.to_string()),
            };
            grid.push(row, col, value).map_err(|l| {
                Diagnostic::error(l.to_string())
                    .file(path)
                    .sheet(&sheet_name)
            })?;
        }
    }
    Ok(Table {
        sheet: Some(sheet_name),
        rows: grid.finish(),
        notes,
        is_1904,
        widths: Vec::new(),
        others,
    })
}

type Chosen = Result<(usize, Option<calamine::Range<Data>>), String>;

/// The range of the sheet the rules pick (see [`choose_sheet`]).
fn book_range(
    book: &mut Xls<Cursor<Vec<u8>>>,
    sheets: &[SheetEntry],
    wanted: Option<&str>,
) -> Chosen {
    let Ok((i, _)) = choose_sheet(Path::new(""), sheets, wanted) else {
        return Ok((usize::MAX, None));
    };
    let range = book
        .worksheet_range(&sheets[i].name)
        .map_err(|e| e.to_string())?;
    Ok((i, Some(range)))
}

/// The name of the `i`-th sheet, from its BOUNDSHEET record (BIFF8).
fn sheet_names(stream: &[u8], i: usize) -> Option<String> {
    let data = records(stream, 0)
        .take_while(|(_, t, _)| *t != 0x000A)
        .filter(|(_, t, _)| *t == 0x0085)
        .nth(i)?
        .2;
    let len = *data.get(6)? as usize;
    let flags = *data.get(7)?;
    let body = data.get(8..)?;
    Some(if flags & 1 == 1 {
        let units: Vec<u16> = body
            .chunks_exact(2)
            .take(len)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        body.iter().take(len).map(|b| *b as char).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_containers_read_back() {
        for len in [10usize, 5000, 8 << 20] {
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let file = cfb_with_stream("Workbook", &data);
            let cfb = Cfb::open(&file).unwrap();
            let back = cfb.stream("Workbook").unwrap().unwrap();
            assert_eq!(&back[..len], &data[..], "{len}");
        }
    }

    #[test]
    fn looping_chains_are_refused() {
        let mut file = cfb_with_stream("Workbook", &[1u8; 5000]);
        // FAT entry of sector 0 points to itself.
        let fat_sector = u32_at(&file, 76).unwrap() as usize;
        let at = (fat_sector + 1) * 512;
        file[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
        let cfb = Cfb::open(&file).unwrap();
        assert!(cfb.stream("Workbook").unwrap().is_err());
    }
}
