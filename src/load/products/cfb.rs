//! Compound files (OLE2, the container of `.xls`): read with every
//! sector chain checked (a chain pointing at itself, or outside the file,
//! is an error, never a loop), and written holding one stream, the form
//! calamine is handed and the tests build `.xls` files in.

/// The first eight bytes of every compound file.
pub(super) const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const FREESECT: u32 = 0xFFFF_FFFF;
const FATSECT: u32 = 0xFFFF_FFFD;
const DIFSECT: u32 = 0xFFFF_FFFC;
const NOSTREAM: u32 = 0xFFFF_FFFF;
/// FAT sector ids the header itself holds; the rest are in the DIFAT chain.
const HEADER_FAT_IDS: usize = 109;
/// Directory entry kinds.
const STREAM: u8 = 2;
const ROOT: u8 = 5;

pub(super) fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

pub(super) fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

fn bad(what: &str) -> String {
    format!("vỏ tệp OLE hỏng: {what}")
}

/// One entry of the directory.
#[derive(Clone)]
struct DirEntry {
    name: String,
    kind: u8,
    start: u32,
    size: u64,
}

/// A compound file's streams, read with every chain checked.
pub(super) struct Cfb<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
    dirs: Vec<DirEntry>,
    mini_cutoff: u64,
    minifat: Vec<u32>,
    ministream: Vec<u8>,
}

impl<'a> Cfb<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Cfb<'a>, String> {
        if bytes.len() < 512 || bytes[..8] != MAGIC {
            return Err(bad("thiếu phần đầu"));
        }
        let sector = match u16_at(bytes, 30) {
            Some(9) => 512,
            Some(12) => 4096,
            _ => return Err(bad("cỡ sector lạ")),
        };
        let mut cfb = Cfb {
            bytes,
            sector,
            fat: Vec::new(),
            dirs: Vec::new(),
            mini_cutoff: u32_at(bytes, 56).unwrap_or(4096) as u64,
            minifat: Vec::new(),
            ministream: Vec::new(),
        };
        cfb.fat = cfb.read_fat()?;
        cfb.dirs = cfb.read_directory()?;
        cfb.read_mini_stream()?;
        Ok(cfb)
    }

    /// Sectors in the file after the header.
    fn sector_count(&self) -> usize {
        self.bytes
            .len()
            .saturating_sub(self.sector)
            .div_ceil(self.sector)
    }

    fn sector_bytes(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.sector)?;
        let end = (start + self.sector).min(self.bytes.len());
        self.bytes.get(start..end)
    }

    /// The ids of the FAT's sectors: those in the header, then those the
    /// DIFAT chain lists.
    fn fat_sector_ids(&self) -> Result<Vec<u32>, String> {
        let nsect = self.sector_count();
        let mut ids: Vec<u32> = (0..HEADER_FAT_IDS)
            .filter_map(|i| u32_at(self.bytes, 76 + 4 * i))
            .filter(|id| (*id as usize) < nsect)
            .collect();
        let mut difat = u32_at(self.bytes, 68).unwrap_or(ENDOFCHAIN);
        let per = self.sector / 4 - 1;
        for _ in 0..nsect {
            if difat as usize >= nsect {
                return Ok(ids);
            }
            let s = self
                .sector_bytes(difat)
                .ok_or_else(|| bad("DIFAT ngoài tệp"))?;
            ids.extend(
                (0..per)
                    .filter_map(|i| u32_at(s, 4 * i))
                    .filter(|id| (*id as usize) < nsect),
            );
            difat = u32_at(s, 4 * per).unwrap_or(ENDOFCHAIN);
        }
        if (difat as usize) < nsect {
            return Err(bad("chuỗi DIFAT lặp vòng"));
        }
        Ok(ids)
    }

    /// The sector allocation table: the next sector of each sector.
    fn read_fat(&self) -> Result<Vec<u32>, String> {
        let nsect = self.sector_count();
        let ids = self.fat_sector_ids()?;
        if ids.len() > nsect {
            return Err(bad("bảng FAT lớn hơn tệp"));
        }
        let mut fat = Vec::with_capacity(ids.len() * self.sector / 4);
        for id in ids {
            let s = self.sector_bytes(id).ok_or_else(|| bad("FAT ngoài tệp"))?;
            fat.extend(le_u32s(s));
        }
        fat.truncate(nsect);
        Ok(fat)
    }

    fn read_directory(&self) -> Result<Vec<DirEntry>, String> {
        let start = u32_at(self.bytes, 48).unwrap_or(ENDOFCHAIN);
        let bytes = self.chain_bytes(start, u64::MAX)?;
        let major = u16_at(self.bytes, 26).unwrap_or(3);
        Ok(bytes
            .chunks_exact(128)
            .map(|e| dir_entry(e, major))
            .collect())
    }

    /// The mini stream (held by the root entry) and its allocation table.
    fn read_mini_stream(&mut self) -> Result<(), String> {
        let Some(root) = self.dirs.first().filter(|d| d.kind == ROOT).cloned() else {
            return Ok(());
        };
        self.ministream = self.chain_bytes(root.start, root.size)?;
        let start = u32_at(self.bytes, 60).unwrap_or(ENDOFCHAIN);
        self.minifat = le_u32s(&self.chain_bytes(start, u64::MAX)?).collect();
        Ok(())
    }

    /// The bytes of a regular-sector chain, at most `limit` of them.
    fn chain_bytes(&self, start: u32, limit: u64) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let mut id = start;
        let mut seen = vec![false; self.fat.len()];
        while id != ENDOFCHAIN && (out.len() as u64) < limit {
            if id as usize >= self.fat.len() || std::mem::replace(&mut seen[id as usize], true) {
                return Err(bad("chuỗi sector lặp vòng hoặc ra ngoài tệp"));
            }
            let from = (id as usize + 1) * self.sector;
            let to = (from + self.sector).min(self.bytes.len());
            out.extend_from_slice(self.bytes.get(from..to).unwrap_or(&[]));
            id = self.fat[id as usize];
        }
        if limit != u64::MAX {
            if (out.len() as u64) < limit {
                return Err(bad("luồng dữ liệu bị cắt cụt"));
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
                return Err(bad("chuỗi mini sector lặp vòng hoặc ra ngoài tệp"));
            }
            let from = id as usize * 64;
            let chunk = self
                .ministream
                .get(from..from + 64)
                .ok_or_else(|| bad("mini sector ngoài luồng"))?;
            out.extend_from_slice(chunk);
            id = self.minifat[id as usize];
        }
        if (out.len() as u64) < size {
            return Err(bad("luồng dữ liệu bị cắt cụt"));
        }
        out.truncate(size as usize);
        Ok(out)
    }

    fn find(&self, name: &str) -> Option<&DirEntry> {
        self.dirs
            .iter()
            .find(|d| d.kind == STREAM && d.name.eq_ignore_ascii_case(name))
    }

    pub fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    pub fn stream(&self, name: &str) -> Option<Result<Vec<u8>, String>> {
        let d = self.find(name)?;
        if d.size > self.bytes.len() as u64 {
            return Some(Err(bad("luồng lớn hơn tệp")));
        }
        Some(if d.size < self.mini_cutoff {
            self.mini_chain_bytes(d.start, d.size)
        } else {
            self.chain_bytes(d.start, d.size)
        })
    }
}

fn le_u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// A 128-byte directory entry (`major` 3: 32-bit sizes).
fn dir_entry(e: &[u8], major: u16) -> DirEntry {
    let name_len = (u16_at(e, 64).unwrap_or(0) as usize).min(64);
    let units: Vec<u16> = e[..name_len.saturating_sub(2)]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    let low = u32_at(e, 120).unwrap_or(0) as u64;
    let size = if major == 3 {
        low
    } else {
        low | (u32_at(e, 124).unwrap_or(0) as u64) << 32
    };
    DirEntry {
        name: String::from_utf16_lossy(&units),
        kind: e[66],
        start: u32_at(e, 116).unwrap_or(ENDOFCHAIN),
        size,
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
    let layout = Layout::of(data.len().div_ceil(512));
    let mut out = layout.header();
    out.extend_from_slice(&data);
    out.resize(512 + layout.stream * 512, 0);
    // Directory: root, the stream, two empty entries.
    out.extend(dir_entry_bytes("Root Entry", ROOT, 1, ENDOFCHAIN, 0));
    out.extend(dir_entry_bytes(
        name,
        STREAM,
        NOSTREAM,
        0,
        data.len() as u32,
    ));
    out.extend(dir_entry_bytes("", 0, NOSTREAM, 0, 0));
    out.extend(dir_entry_bytes("", 0, NOSTREAM, 0, 0));
    for v in layout.fat() {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend(layout.difat());
    out
}

/// Where the sectors of a one-stream container go: the stream, one
/// directory sector, the FAT, the DIFAT (when the header cannot list
/// every FAT sector).
struct Layout {
    stream: usize,
    fat: usize,
    difat: usize,
}

impl Layout {
    /// The FAT must cover itself and the DIFAT: sized until it does.
    fn of(stream: usize) -> Layout {
        let (mut fat, mut difat) = (1usize, 0usize);
        loop {
            let total = stream + 1 + fat + difat;
            let nf = total.div_ceil(128);
            let nd = nf.saturating_sub(HEADER_FAT_IDS).div_ceil(127);
            if nf == fat && nd == difat {
                return Layout { stream, fat, difat };
            }
            (fat, difat) = (nf, nd);
        }
    }

    fn dir(&self) -> usize {
        self.stream
    }

    fn fat0(&self) -> usize {
        self.stream + 1
    }

    fn difat0(&self) -> usize {
        self.stream + 1 + self.fat
    }

    fn fat(&self) -> Vec<u32> {
        let mut fat = vec![FREESECT; self.fat * 128];
        for (i, next) in fat.iter_mut().enumerate().take(self.stream) {
            *next = if i + 1 == self.stream {
                ENDOFCHAIN
            } else {
                (i + 1) as u32
            };
        }
        fat[self.dir()] = ENDOFCHAIN;
        fat[self.fat0()..self.fat0() + self.fat].fill(FATSECT);
        fat[self.difat0()..self.difat0() + self.difat].fill(DIFSECT);
        fat
    }

    fn header(&self) -> Vec<u8> {
        let mut out = vec![0u8; 512];
        let mut put = |at: usize, bytes: &[u8]| out[at..at + bytes.len()].copy_from_slice(bytes);
        put(0, &MAGIC);
        put(24, &0x3Eu16.to_le_bytes());
        put(26, &3u16.to_le_bytes());
        put(28, &0xFFFEu16.to_le_bytes());
        put(30, &9u16.to_le_bytes());
        put(32, &6u16.to_le_bytes());
        put(44, &(self.fat as u32).to_le_bytes());
        put(48, &(self.dir() as u32).to_le_bytes());
        put(56, &4096u32.to_le_bytes());
        put(60, &ENDOFCHAIN.to_le_bytes());
        let difat_start = if self.difat > 0 {
            self.difat0() as u32
        } else {
            ENDOFCHAIN
        };
        put(68, &difat_start.to_le_bytes());
        put(72, &(self.difat as u32).to_le_bytes());
        for i in 0..HEADER_FAT_IDS {
            let id = if i < self.fat {
                (self.fat0() + i) as u32
            } else {
                FREESECT
            };
            put(76 + 4 * i, &id.to_le_bytes());
        }
        out
    }

    /// The DIFAT sectors: the FAT sector ids past the header's 109.
    fn difat(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.difat * 512);
        for k in 0..self.difat {
            for j in 0..127 {
                let i = HEADER_FAT_IDS + k * 127 + j;
                let id = if i < self.fat {
                    (self.fat0() + i) as u32
                } else {
                    FREESECT
                };
                out.extend_from_slice(&id.to_le_bytes());
            }
            let next = if k + 1 < self.difat {
                (self.difat0() + k + 1) as u32
            } else {
                ENDOFCHAIN
            };
            out.extend_from_slice(&next.to_le_bytes());
        }
        out
    }
}

/// A 128-byte directory entry.
fn dir_entry_bytes(name: &str, kind: u8, child: u32, start: u32, size: u32) -> Vec<u8> {
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
