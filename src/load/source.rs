//! A source file as read: its bytes decoded (UTF-8, or the UTF-16 that
//! Notepad saves as "Unicode"), normalised to NFC with Unix line endings,
//! and able to turn a field path into a located, quoted diagnostic.

use std::path::{Path, PathBuf};

use super::positions::Positions;
use crate::diag::{Diagnostic, Pos};
use crate::regular::Refusal;
use crate::text::{self, NotText};

/// Plans are a few hundred kilobytes at most; anything far larger is a
/// wrong file, and refusing it early keeps memory bounded.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
    pub positions: Positions,
    /// Where each line of `text` starts, built on the first [`SourceFile::line`]:
    /// checks look a line up per value, and a scan per lookup made a plan
    /// of many lines quadratic (a million comment lines: 21 s).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

impl SourceFile {
    /// Reads and decodes `path`.
    pub fn read(path: &Path) -> Result<SourceFile, Diagnostic> {
        let fail = |msg: String, hint: &str| Diagnostic::error(msg).file(path).hint(hint);
        let meta = std::fs::metadata(path).map_err(|e| {
            let hint = near_name(path).unwrap_or_else(|| "kiểm tra lại đường dẫn tệp".into());
            fail(format!("không mở được tệp: {}", io_reason(&e)), &hint)
        })?;
        if meta.is_dir() {
            return Err(fail(
                "đây là một thư mục, không phải tệp YAML".into(),
                "chỉ định một tệp .yaml, hoặc dùng lệnh với thư mục để xử lý mọi tệp .yaml trong đó",
            ));
        }
        let bytes =
            crate::regular::read(path, MAX_FILE_BYTES).map_err(|refusal| match refusal {
                Refusal::TooLarge(size) => fail(
                    format!("tệp quá lớn ({size} byte)"),
                    "một kế hoạch chỉ vài trăm KB; kiểm tra xem có chọn nhầm tệp không",
                ),
                Refusal::NotRegular(_) => fail(
                    format!("không đọc được tệp: {}", refusal.reason()),
                    "chỉ định tệp .yaml đã lưu trên đĩa",
                ),
                Refusal::Io(e) => fail(
                    format!("không đọc được tệp: {}", io_reason(&e)),
                    "kiểm tra quyền đọc tệp",
                ),
            })?;
        if let Some(d) = stray_nul(path, &bytes) {
            return Err(d);
        }
        let raw = decode(&bytes).map_err(|(msg, hint)| fail(msg.into(), hint))?;
        Ok(SourceFile::from_text(path, &raw))
    }

    /// A source from text already read (a byte-order mark is dropped, the
    /// text normalised to NFC with Unix line endings).
    pub fn from_text(path: &Path, raw: &str) -> SourceFile {
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        SourceFile {
            path: path.to_path_buf(),
            text: text::normalise(raw),
            positions: Positions::default(),
            line_starts: std::sync::OnceLock::new(),
        }
    }

    /// The text of line `n` (1-based).
    pub fn line(&self, n: usize) -> Option<&str> {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        let start = *starts.get(n.checked_sub(1)?)?;
        if start >= self.text.len() {
            return None;
        }
        let end = starts.get(n).map_or(self.text.len(), |next| next - 1);
        let line = &self.text[start..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    /// `d` pointed at this file: its position from its field when it has
    /// none, and the source line quoted.
    pub fn locate(&self, mut d: Diagnostic) -> Diagnostic {
        if d.file.is_none() {
            d.file = Some(self.path.clone());
        }
        if d.pos.is_none()
            && let Some(field) = &d.field
        {
            d.pos = self.positions.value(field);
        }
        let line = d.pos.and_then(|p| self.line(p.line));
        d.snippet(line)
    }

    /// A diagnostic located at the value of `field`.
    pub fn error_at(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        self.locate(Diagnostic::error(message).field(field))
    }

    pub fn warning_at(&self, field: &str, message: impl Into<String>) -> Diagnostic {
        self.locate(Diagnostic::warning(message).field(field))
    }

    /// A diagnostic at a line and column of the text.
    pub fn error_at_pos(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        self.locate(Diagnostic::error(message).at(Some(pos)))
    }
}

/// A text file with a few NUL bytes (pasted from another program, or a
/// transfer that went wrong) is text with a flaw, not a binary file: the
/// error names the lines that hold them.
fn stray_nul(path: &Path, bytes: &[u8]) -> Option<Diagnostic> {
    const FEW: usize = 8;
    let text = text::decode(bytes).ok()?;
    let lines: Vec<(usize, &str)> = text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| l.contains('\0'))
        .map(|(i, l)| (i + 1, l))
        .collect();
    if lines.is_empty() || text.matches('\0').count() > FEW {
        return None;
    }
    let (first, line) = lines[0];
    let col = line[..line.find('\0')?].chars().count() + 1;
    let numbers: Vec<String> = lines.iter().map(|(n, _)| n.to_string()).collect();
    let shown = line.replace('\0', "\u{2400}");
    Some(
        Diagnostic::error(format!(
            "tệp có ký tự NUL (byte 0, không nhìn thấy) ở dòng {}",
            numbers.join(", ")
        ))
        .file(path)
        .at(Some(Pos { line: first, col }))
        .snippet(Some(&shown))
        .hint("xóa ký tự đó (trình soạn thảo hiện nó là ␀ hoặc NUL) rồi lưu lại"),
    )
}

/// The file the author meant, when `path` is missing: Notepad saves
/// `ke-hoach.yaml` as `ke-hoach.yaml.txt` (and Windows hides the `.txt`),
/// and a name may be typed without its `.yaml`.
fn near_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_string_lossy();
    let with_txt = path.with_file_name(format!("{name}.txt"));
    if with_txt.is_file() {
        return Some(format!(
            "có tệp `{}`: Notepad đã thêm đuôi .txt khi lưu; đổi tên tệp, bỏ đuôi .txt (trong File Explorer bật View › File name extensions để thấy đuôi tệp), hoặc gõ đúng tên có .txt",
            crate::diag::display_path(&with_txt)
        ));
    }
    if path.extension().is_none() {
        for ext in ["yaml", "yml", "yaml.txt"] {
            let candidate = path.with_file_name(format!("{name}.{ext}"));
            if candidate.is_file() {
                return Some(format!(
                    "có phải ý bạn là `{}`? Gõ cả đuôi tệp",
                    crate::diag::display_path(&candidate)
                ));
            }
        }
    }
    None
}

/// Text from bytes (see [`text::decode`]); anything else is refused with
/// a reason and a hint.
fn decode(bytes: &[u8]) -> Result<String, (&'static str, &'static str)> {
    match text::decode(bytes) {
        Ok(s) if !s.contains('\0') => Ok(s),
        Err(NotText::BrokenUtf16) => Err((
            "tệp UTF-16 bị hỏng",
            "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8",
        )),
        _ if bytes.contains(&0) => Err((
            "tệp không phải văn bản (có byte nhị phân)",
            "chỉ định tệp .yaml được soạn bằng trình soạn thảo văn bản",
        )),
        _ => Err((
            "tệp không được lưu ở mã UTF-8",
            "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8 (Unicode)",
        )),
    }
}

pub use crate::diag::io_reason;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_found_as_str_lines_finds_them() {
        for text in ["", "a", "a\n", "a\nb", "\n\nc\n", "x\n\ny\nz"] {
            let s = SourceFile::from_text(Path::new("x.yaml"), text);
            for n in 0..6 {
                assert_eq!(
                    s.line(n),
                    n.checked_sub(1).and_then(|i| s.text.lines().nth(i))
                );
            }
        }
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "title: Kế hoạch\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(&[&[0xFF, 0xFE][..], &le].concat()).unwrap(), text);
        assert_eq!(decode(&[&[0xFE, 0xFF][..], &be].concat()).unwrap(), text);
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
    }

    #[test]
    fn binary_and_legacy_bytes_are_refused() {
        assert!(
            decode(&[0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe])
                .unwrap_err()
                .0
                .contains("nhị phân")
        );
        assert!(
            decode(b"name: L\xe0o Cai\n")
                .unwrap_err()
                .0
                .contains("UTF-8")
        );
    }
}
