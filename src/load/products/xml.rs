//! Zip containers (`.xlsx`, `.ods`) and their XML parts, read as streams
//! through a guard that stops at a decompressed-size cap and at any single
//! text node or tag longer than [`MAX_XML_TOKEN_BYTES`], so neither a zip
//! bomb nor one giant string costs more than a few megabytes.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::BytesStart;
use zip::ZipArchive;

use super::grid::MAX_XML_TOKEN_BYTES;
use crate::diag::Diagnostic;
use crate::vn::group_thousands;

/// Most entries a workbook's zip may list (a real one has a few dozen,
/// plus one per image).
const MAX_ZIP_ENTRIES: usize = 10_000;

pub(crate) type Zip = ZipArchive<BufReader<File>>;

/// Size of the reads through the guard: far below the token limit.
const READ_CHUNK: usize = 64 << 10;

/// Why a guarded part stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Overflow {
    Size(u64),
    Token,
}

/// Counts decompressed bytes and the length of the current run between
/// markup delimiters; fails the read past either limit.
pub(crate) struct Guard<R> {
    inner: R,
    total: u64,
    cap: u64,
    run: u64,
    pub overflow: Option<Overflow>,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.overflow.is_some() {
            return Err(std::io::Error::other("limit"));
        }
        let want = buf.len().min(READ_CHUNK);
        let n = self.inner.read(&mut buf[..want])?;
        self.total += n as u64;
        if self.total > self.cap {
            self.overflow = Some(Overflow::Size(self.cap));
            return Err(std::io::Error::other("size limit"));
        }
        let chunk = &buf[..n];
        match memchr::memchr2(b'<', b'>', chunk) {
            Some(first) => {
                if self.run + first as u64 > MAX_XML_TOKEN_BYTES {
                    self.overflow = Some(Overflow::Token);
                    return Err(std::io::Error::other("token limit"));
                }
                let last = memchr::memrchr2(b'<', b'>', chunk).unwrap_or(first);
                // Reads are far smaller than the limit, so no run inside one
                // chunk can exceed it.
                self.run = (n - last - 1) as u64;
            }
            None => {
                self.run += n as u64;
                if self.run > MAX_XML_TOKEN_BYTES {
                    self.overflow = Some(Overflow::Token);
                    return Err(std::io::Error::other("token limit"));
                }
            }
        }
        Ok(n)
    }
}

pub(crate) type Xml<'a> = Reader<BufReader<Guard<zip::read::ZipFile<'a, BufReader<File>>>>>;

/// Opens a part of the archive as a guarded XML stream; `None` if absent.
pub(crate) fn part<'a>(zip: &'a mut Zip, name: &str, cap: u64) -> Result<Option<Xml<'a>>, String> {
    let name = name.trim_start_matches('/');
    let index = match zip.index_for_name(name) {
        Some(i) => i,
        // Some writers differ in case.
        None => match entry_names(zip)
            .iter()
            .find(|n| n.eq_ignore_ascii_case(name))
            .and_then(|n| zip.index_for_name(n))
        {
            Some(i) => i,
            None => return Ok(None),
        },
    };
    let file = zip.by_index(index).map_err(|e| format!("{e}"))?;
    let guard = Guard {
        inner: file,
        total: 0,
        cap,
        run: 0,
        overflow: None,
    };
    let mut reader = Reader::from_reader(BufReader::with_capacity(READ_CHUNK, guard));
    let config = reader.config_mut();
    config.trim_text(false);
    config.expand_empty_elements = true;
    config.check_end_names = false;
    config.check_comments = false;
    Ok(Some(reader))
}

/// The names of the archive's entries.
pub(crate) fn entry_names(zip: &Zip) -> Vec<String> {
    zip.file_names()
        .filter_map(Result::ok)
        .map(|n| n.into_owned())
        .collect()
}

/// The message for an XML read that failed, guard limits first.
pub(crate) fn xml_failure(
    path: &Path,
    part: &str,
    xml: &Xml<'_>,
    e: &quick_xml::Error,
) -> Diagnostic {
    match xml.get_ref().get_ref().overflow {
        Some(Overflow::Size(cap)) => Diagnostic::error(format!(
            "tệp bảng tính có phần `{part}` giải nén ra quá lớn (hơn {} MB): tệp bất thường hoặc bị cố ý làm phình",
            cap >> 20
        ))
        .file(path)
        .hint("mở tệp bằng Excel, chép riêng bảng danh sách sang tệp mới rồi lưu lại"),
        Some(Overflow::Token) => Diagnostic::error(format!(
            "tệp bảng tính có một đoạn chữ hoặc thẻ dài bất thường (hơn {} MB liền) trong phần `{part}`",
            MAX_XML_TOKEN_BYTES >> 20
        ))
        .file(path)
        .hint("có thể một ô bị dán nhầm nội dung rất dài; tìm và xóa ô đó trong Excel rồi lưu lại"),
        None => Diagnostic::error(format!("tệp bảng tính hỏng: phần `{part}` không đọc được ({e})"))
            .file(path)
            .hint("mở tệp bằng Excel hoặc LibreOffice rồi lưu lại"),
    }
}

/// An attribute's value by name or local name (`r:id` matches "id"),
/// unescaped.
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    for a in e.attributes().with_checks(false).flatten() {
        let key: &str = a.key.as_ref();
        let local = key.rsplit(':').next().unwrap_or(key);
        if key == name || local == name {
            return Some(
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| a.value.to_string()),
            );
        }
    }
    None
}

/// The local name of an element (without its prefix).
pub(crate) fn local<'b>(e: &'b BytesStart<'_>) -> &'b str {
    let name: &str = e.name().0;
    name.rsplit(':').next().unwrap_or(name)
}

/// Resolves an entity reference event into text.
pub(crate) fn push_ref(e: &quick_xml::events::BytesRef<'_>, out: &mut String) {
    if let Ok(Some(c)) = e.resolve_char_ref() {
        out.push(c);
        return;
    }
    let name: &str = e;
    match name {
        "lt" => out.push('<'),
        "gt" => out.push('>'),
        "amp" => out.push('&'),
        "apos" => out.push('\''),
        "quot" => out.push('"'),
        other => {
            out.push('&');
            out.push_str(other);
            out.push(';');
        }
    }
}

/// The number of entries the zip's end-of-central-directory record (or its
/// zip64 form) declares; the largest of the two when both are present.
fn zip_entries(file: &mut File) -> std::io::Result<u64> {
    use std::io::{Seek, SeekFrom};
    let len = file.seek(SeekFrom::End(0))?;
    let tail_len = len.min(22 + 65_535 + 20);
    file.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = vec![0u8; tail_len as usize];
    file.read_exact(&mut tail)?;
    let Some(at) = tail
        .windows(4)
        .rposition(|w| w == b"PK\x05\x06")
        .filter(|at| at + 22 <= tail.len())
    else {
        return Err(std::io::Error::other("không thấy mục lục của tệp nén"));
    };
    let u16_at = |i: usize| u16::from_le_bytes([tail[i], tail[i + 1]]) as u64;
    let mut entries = u16_at(at + 8).max(u16_at(at + 10));
    // zip64: the locator just before points at the real record.
    if at >= 20 && &tail[at - 20..at - 16] == b"PK\x06\x07" {
        let mut off = [0u8; 8];
        off.copy_from_slice(&tail[at - 12..at - 4]);
        let record = u64::from_le_bytes(off);
        if record + 56 <= len {
            file.seek(SeekFrom::Start(record))?;
            let mut rec = [0u8; 56];
            file.read_exact(&mut rec)?;
            if &rec[..4] == b"PK\x06\x06" {
                let mut n = [0u8; 8];
                n.copy_from_slice(&rec[32..40]);
                entries = entries.max(u64::from_le_bytes(n));
            }
        }
    }
    file.seek(SeekFrom::Start(0))?;
    Ok(entries)
}

/// Opens a zip container, refusing one with more entries than a workbook has.
pub(crate) fn open_archive(path: &Path) -> Result<Zip, Diagnostic> {
    let mut file = File::open(path).map_err(|e| broken_zip(path, super::io_reason(&e)))?;
    // The zip library reads the whole central directory at once: count its
    // entries first, from the end-of-directory record.
    let entries = zip_entries(&mut file).map_err(|e| broken_zip(path, e.to_string()))?;
    if entries > MAX_ZIP_ENTRIES as u64 {
        return Err(Diagnostic::error(format!(
            "tệp bảng tính chứa quá nhiều phần ({} phần, tối đa {})",
            group_thousands(entries),
            group_thousands(MAX_ZIP_ENTRIES as u64)
        ))
        .file(path)
        .hint("chép riêng bảng danh sách sang một tệp mới rồi lưu lại"));
    }
    ZipArchive::new(BufReader::new(file)).map_err(|e| broken_zip(path, e.to_string()))
}

pub(crate) fn broken_zip(path: &Path, detail: String) -> Diagnostic {
    Diagnostic::error(format!("không mở được tệp bảng tính ({detail})"))
        .file(path)
        .hint("tệp có thể bị hỏng; mở bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx")
}

/// A workbook locked with a password (Excel or LibreOffice).
pub(crate) fn password_error(path: &Path) -> Diagnostic {
    Diagnostic::error("tệp Excel có mật khẩu nên không đọc được")
        .file(path)
        .hint("mở tệp trong Excel, bỏ mật khẩu (File > Info > Protect Workbook) rồi lưu lại")
}
