//! Write: outputs on disk, atomically. A temporary file in the target
//! folder is renamed over the destination, so a reader never sees half a
//! PDF and an interrupted run leaves the previous file intact.

pub mod outputs;
pub mod pdf_join;
pub mod register;
pub mod year;

use std::io::Write;
use std::path::Path;

use crate::diag::Diagnostic;
use crate::regular::NotReplaceable;

/// Certificates go one folder further down, so a printer can take them all.
pub const CERTIFICATES_DIR: &str = "giay-chung-nhan";

/// Writes `bytes` to `path`, turning an I/O failure into a diagnostic.
pub fn file(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write_atomic(path, bytes).map_err(|e| io_error(path, &e))
}

/// An output error explained in Vietnamese, naming the file.
pub fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    if let Some(special) = e.get_ref().and_then(|e| e.downcast_ref::<NotReplaceable>()) {
        return Diagnostic::error(special.to_string())
            .file(path)
            .hint("chọn một tên tệp khác; ocop chỉ ghi đè tệp thường, không ghi vào thiết bị, ống dẫn hay thư mục");
    }
    let (msg, hint) = describe_io_error(e);
    // The system's own words only where ours say nothing more precise.
    let message = if msg == UNKNOWN_WRITE_ERROR.0 {
        format!("{msg} ({e})")
    } else {
        msg.to_string()
    };
    Diagnostic::error(message).file(path).hint(hint)
}

pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(bytes))
}

/// Like [`write_atomic`], for a file written piece by piece by `write`.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    stage(path, write)?.persist()
}

/// Writes the files of one document as one set: each goes to a temporary
/// file beside its destination first, and only when every one is written
/// are they put in place. A failure (a full disk) leaves every destination
/// as it was, never one form new and another old. A file that already
/// holds exactly its bytes is left as it is.
pub fn files(files: &[(&Path, &[u8])]) -> Result<(), Diagnostic> {
    let mut staged = Vec::with_capacity(files.len());
    for (path, bytes) in files {
        if holds(path, bytes) {
            continue;
        }
        let file = stage(path, |out| out.write_all(bytes)).map_err(|e| io_error(path, &e))?;
        staged.push(file);
    }
    for file in staged {
        let path = file.path.clone();
        file.persist().map_err(|e| io_error(&path, &e))?;
    }
    Ok(())
}

/// Whether `path` is a regular file (not a link) holding exactly `bytes`.
/// Replacing it would change nothing but costs the file system more than
/// the writing: a new inode, the old one freed, and ext4 pushing out the
/// data of a file renamed over another (a third of a second of a thousand
/// certificates rendered again into their folder).
fn holds(path: &Path, bytes: &[u8]) -> bool {
    std::fs::symlink_metadata(path)
        .is_ok_and(|m| m.file_type().is_file() && m.len() == bytes.len() as u64)
        && crate::regular::read(path, bytes.len() as u64)
            .ok()
            .as_deref()
            == Some(bytes)
}

/// The files of `files` that already exist with other content than what
/// would be written: the user's own work, not to be replaced unasked.
pub fn changed_by_user(files: &[(std::path::PathBuf, &[u8])]) -> Vec<std::path::PathBuf> {
    files
        .iter()
        .filter(|(path, bytes)| {
            path.exists() && crate::regular::read(path, 64 << 20).ok().as_deref() != Some(*bytes)
        })
        .map(|(path, _)| path.clone())
        .collect()
}

/// A file written in full under a temporary name beside its destination;
/// dropped without [`Staged::persist`], it is removed.
struct Staged {
    tmp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

impl Staged {
    /// Renames the file over its destination.
    fn persist(self) -> std::io::Result<()> {
        // No fsync: the rename already guarantees that an interrupted or
        // killed run never leaves a partial file; syncing each of thousands
        // of certificates would cost more than rendering them.
        self.tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

fn stage(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<Staged> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    crate::regular::replaceable(path)?;
    // A batch writes a thousand files into one folder: a look first costs
    // one system call where creating it again costs two.
    if !dir.is_dir() {
        std::fs::create_dir_all(dir)?;
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(temp_prefix()).suffix(TEMP_SUFFIX);
    // Files get the user's umask, as any program's do (tempfile's own
    // default is owner-only).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir)?;
    {
        let mut out = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut out)?;
        out.flush()?;
    }
    Ok(Staged {
        tmp,
        path: path.to_path_buf(),
    })
}

const TEMP_PREFIX: &str = ".ocop-";
const TEMP_SUFFIX: &str = ".tmp";

/// `.ocop-<process id>-`: the process id, asked of the system once.
fn temp_prefix() -> &'static str {
    static PREFIX: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PREFIX.get_or_init(|| format!("{TEMP_PREFIX}{}-", std::process::id()))
}

/// Removes temporary files that a killed run left in `dir`. A temporary
/// file carries the process id of the run writing it; another run's file
/// is left alone while that run is alive.
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(middle) = name
            .strip_prefix(TEMP_PREFIX)
            .and_then(|n| n.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        let owner = middle
            .split_once('-')
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        let stale = match owner {
            Some(pid) if pid == std::process::id() => false,
            Some(pid) => !process_alive(pid, &e.path()),
            // Written by a version that did not name its process.
            None => true,
        };
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether the run with process id `pid` may still be writing `file`.
fn process_alive(pid: u32, file: &Path) -> bool {
    if Path::new("/proc/self").exists() {
        return Path::new("/proc").join(pid.to_string()).exists();
    }
    // Without /proc: a temporary untouched for a day is left over.
    std::fs::metadata(file)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age.as_secs() < 24 * 3600)
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
        _ => UNKNOWN_WRITE_ERROR,
    }
}

const UNKNOWN_WRITE_ERROR: (&str, &str) = (
    "không ghi được tệp kết quả",
    "kiểm tra thư mục kết quả và dung lượng đĩa",
);

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
    fn a_set_is_written_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let (pdf, docx) = (dir.path().join("a.pdf"), dir.path().join("a.docx"));
        files(&[(&pdf, b"pdf 1"), (&docx, b"docx 1")]).unwrap();
        // The second form cannot be written (its folder is a file): the
        // first is not replaced either, and no temporary is left.
        let blocked = dir.path().join("f");
        std::fs::write(&blocked, b"x").unwrap();
        assert!(files(&[(&pdf, b"pdf 2"), (&blocked.join("a.docx"), b"docx 2")]).is_err());
        assert_eq!(std::fs::read(&pdf).unwrap(), b"pdf 1");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 3, "{names:?}");
        files(&[(&pdf, b"pdf 2"), (&docx, b"docx 2")]).unwrap();
        assert_eq!(std::fs::read(&docx).unwrap(), b"docx 2");
    }

    #[cfg(unix)]
    #[test]
    fn a_file_already_holding_its_bytes_is_left_alone() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (same, other) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
        files(&[(&same, b"pdf"), (&other, b"pdf")]).unwrap();
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let (same_before, other_before) = (inode(&same), inode(&other));
        files(&[(&same, b"pdf"), (&other, b"pdf 2")]).unwrap();
        assert_eq!(inode(&same), same_before);
        assert_ne!(inode(&other), other_before);
        assert_eq!(std::fs::read(&other).unwrap(), b"pdf 2");
        // A link is replaced by a file, as before.
        let link = dir.path().join("c.pdf");
        std::os::unix::fs::symlink(&same, &link).unwrap();
        files(&[(&link, b"pdf")]).unwrap();
        assert!(!std::fs::symlink_metadata(&link).unwrap().is_symlink());
    }

    #[test]
    fn a_live_runs_temporary_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let ours = dir
            .path()
            .join(format!(".ocop-{}-abc.tmp", std::process::id()));
        let dead = dir.path().join(".ocop-4000000000-abc.tmp");
        let old_style = dir.path().join(".ocop-abc123.tmp");
        for f in [&ours, &dead, &old_style] {
            std::fs::write(f, b"half").unwrap();
        }
        remove_stale_temp_files(dir.path());
        assert!(ours.exists());
        assert!(!dead.exists() && !old_style.exists());
    }

    #[cfg(unix)]
    #[test]
    fn files_get_the_umask_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        write_atomic(&path, b"x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        let umask = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find_map(|l| l.strip_prefix("Umask:"))
                    .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
            });
        match umask {
            Some(umask) => assert_eq!(mode, 0o666 & !umask, "{mode:o}"),
            // Not Linux: at least not tempfile's owner-only default.
            None => assert_ne!(mode, 0o600, "{mode:o}"),
        }
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
    fn a_full_disk_is_said_in_vietnamese_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.pdf");
        std::fs::write(&path, b"old").unwrap();
        let err =
            write_atomic_with(&path, |_| Err(std::io::ErrorKind::StorageFull.into())).unwrap_err();
        let d = io_error(&path, &err);
        assert_eq!(d.message, "ổ đĩa đã đầy");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("ocop.schema.json");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        let d = file(&link, b"{}").unwrap_err();
        assert!(d.message.contains("thiết bị"), "{}", d.message);
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert!(file(Path::new("/dev/null"), b"{}").is_err());
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
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
