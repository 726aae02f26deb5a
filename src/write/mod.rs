//! Write: outputs on disk, atomically. A temporary file in the target
//! folder is renamed over the destination, so a reader never sees half a
//! PDF and an interrupted run leaves the previous file intact.

pub mod pdf_join;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::text;

/// The folder a YAML file's documents are written to: `<out>/<file stem>/`.
pub fn output_dir(out: &Path, input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let slug = text::slug(&stem);
    out.join(if slug.is_empty() {
        "van-ban".to_string()
    } else {
        slug
    })
}

/// Certificates go one folder further down, so a printer can take them all.
pub const CERTIFICATES_DIR: &str = "giay-chung-nhan";

/// Writes `bytes` to `path`, turning an I/O failure into a diagnostic.
pub fn file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_atomic(path, bytes).map_err(|e| io_error(path, &e))
}

/// An output error explained in Vietnamese, naming the file.
pub fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    let (msg, hint) = describe_io_error(e);
    Diagnostic::error(format!("{msg} ({e})"))
        .file(path)
        .hint(hint)
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], for a file written piece by piece by `write`.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".ocop-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    // No fsync: the rename already guarantees that an interrupted or killed
    // run never leaves a partial file; syncing each of thousands of
    // certificates would cost more than rendering them.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A Vietnamese explanation of an output error.
pub fn describe_io_error(e: &std::io::Error) -> (&'static str, &'static str) {
    use std::io::ErrorKind::*;
    match e.kind() {
        PermissionDenied | ReadOnlyFilesystem => (
            "không có quyền ghi vào thư mục kết quả",
            "chọn thư mục khác bằng --out, hoặc cấp quyền ghi",
        ),
        StorageFull => ("ổ đĩa đã đầy", "giải phóng dung lượng rồi chạy lại"),
        NotADirectory | AlreadyExists => (
            "đường dẫn kết quả đang là một tệp, không phải thư mục",
            "chọn một thư mục khác bằng --out",
        ),
        IsADirectory => (
            "tên tệp kết quả trùng với một thư mục",
            "đổi tên hoặc xóa thư mục đó",
        ),
        _ => (
            "không ghi được tệp kết quả",
            "kiểm tra thư mục kết quả và dung lượng đĩa",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_existing_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_full_disk_is_explained() {
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert_eq!(describe_io_error(&full).0, "ổ đĩa đã đầy");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(
            describe_io_error(&denied).0,
            "không có quyền ghi vào thư mục kết quả"
        );
    }

    #[test]
    fn output_under_a_file_fails_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f");
        std::fs::write(&file, b"x").unwrap();
        let err = write_atomic(&file.join("a.pdf"), b"one").unwrap_err();
        let (msg, _) = describe_io_error(&err);
        assert!(msg.contains("tệp") || msg.contains("không ghi"), "{msg}");
    }
}
