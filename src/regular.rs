//! Only regular files are read or replaced. A named pipe blocks a reader
//! forever, `/dev/zero` never ends, and a device "replaced" by an output
//! is the system's: every file ocop reads is checked to be a regular file
//! of bounded size before a byte is read, and every file it writes may
//! only replace a regular file (or nothing).

use std::io::Read;
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum Refusal {
    /// A folder, named pipe, device or socket (what it is, in Vietnamese).
    NotRegular(&'static str),
    /// Larger than the bound of its kind (its size in bytes).
    TooLarge(u64),
    /// The file system's own error.
    Io(std::io::Error),
}

impl Refusal {
    /// The reason, in Vietnamese, to follow "không đọc được tệp".
    pub fn reason(&self) -> String {
        match self {
            Refusal::NotRegular(what) => format!("đây là {what}, không phải tệp thường"),
            Refusal::TooLarge(size) => format!("tệp quá lớn ({size} byte)"),
            Refusal::Io(e) => crate::diag::io_reason(e),
        }
    }
}

/// What a file system entry is, when it is not a regular file.
fn kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("một thư mục");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("một ống dẫn có tên (named pipe)");
        }
        if t.is_socket() {
            return Some("một socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("một thiết bị");
        }
    }
    Some("một tệp đặc biệt")
}

/// `path` (links followed) opened for reading, once it is known to be a
/// regular file of at most `max` bytes.
pub fn open(path: &Path, max: u64) -> Result<std::fs::File, Refusal> {
    let meta = std::fs::metadata(path).map_err(Refusal::Io)?;
    if let Some(what) = kind(&meta) {
        return Err(Refusal::NotRegular(what));
    }
    if meta.len() > max {
        return Err(Refusal::TooLarge(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(Refusal::Io)?;
    // Swapped between the check and the open: checked again, on the handle.
    let meta = file.metadata().map_err(Refusal::Io)?;
    if let Some(what) = kind(&meta) {
        return Err(Refusal::NotRegular(what));
    }
    Ok(file)
}

/// The bytes of `path`, a regular file of at most `max` bytes; a file that
/// grows while it is read is cut off at the bound and refused.
pub fn read(path: &Path, max: u64) -> Result<Vec<u8>, Refusal> {
    let file = open(path, max)?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(Refusal::Io)?;
    if bytes.len() as u64 > max {
        return Err(Refusal::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Whether an output may be written at `path`: nothing there, or a regular
/// file (a link to one is replaced, its target untouched). A folder, pipe,
/// device or socket is never replaced.
pub fn replaceable(path: &Path) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(std::io::ErrorKind::IsADirectory.into()),
        Ok(meta) => match kind(&meta) {
            None => Ok(()),
            Some(what) => Err(std::io::Error::other(NotReplaceable(what))),
        },
        Err(_) => Ok(()),
    }
}

/// The error of an output that would replace a special file.
#[derive(Debug)]
pub struct NotReplaceable(pub &'static str);

impl std::fmt::Display for NotReplaceable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "đường dẫn kết quả là {}, không phải tệp thường", self.0)
    }
}

impl std::error::Error for NotReplaceable {}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn special_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("plan.yaml");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        assert!(matches!(read(&fifo, 10), Err(Refusal::NotRegular(w)) if w.contains("ống dẫn")));
        let zero = dir.path().join("zero.yaml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(matches!(read(&zero, 10), Err(Refusal::NotRegular(w)) if w.contains("thiết bị")));
        assert!(matches!(read(dir.path(), 10), Err(Refusal::NotRegular(_))));
        let big = dir.path().join("big.yaml");
        std::fs::write(&big, "0123456789x").unwrap();
        assert!(matches!(read(&big, 10), Err(Refusal::TooLarge(11))));
        assert_eq!(read(&big, 11).unwrap(), b"0123456789x");
    }

    #[test]
    fn only_regular_files_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("schema.json");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        let e = replaceable(&link).unwrap_err();
        assert!(e.to_string().contains("thiết bị"), "{e}");
        assert!(replaceable(Path::new("/dev/null")).is_err());
        assert!(replaceable(&dir.path().join("new.json")).is_ok());
        std::fs::write(dir.path().join("old.json"), "x").unwrap();
        assert!(replaceable(&dir.path().join("old.json")).is_ok());
    }
}
