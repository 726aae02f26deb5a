//! Files a YAML file names beside itself: the product list spreadsheet and
//! the certificate logo. A name in the YAML may only reach files inside the
//! YAML's own folder (also through symbolic links), so a plan received from
//! elsewhere cannot make ocop read or embed files from the rest of the disk.
//! A file named on the command line is the user's own choice and is read
//! as given.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use super::source::io_reason;
use crate::diag::quote;
use crate::regular::Refusal;

/// A logo is a few hundred kilobytes.
const MAX_LOGO_BYTES: u64 = 5 * 1024 * 1024;
/// Printed 24 mm high, a logo needs a few hundred pixels; this bound keeps
/// a hostile header (40000 × 40000) from allocating gigabytes.
const MAX_LOGO_PIXELS: u32 = 4096;

/// An image to place on a document, checked and ready for the engine.
#[derive(Debug, Clone)]
pub struct Image {
    /// File name the template refers to, with its type's extension.
    pub name: String,
    /// Shared by every document that shows it.
    pub bytes: Arc<[u8]>,
}

/// `name` (as written in the YAML file in `dir`) resolved inside `dir`.
/// On failure: the message and a hint.
pub fn inside(dir: &Path, name: &str) -> Result<PathBuf, (String, String)> {
    let outside = || {
        (
            format!("đường dẫn `{}` ra ngoài thư mục của tệp YAML", quote(name)),
            "đặt tệp cạnh tệp YAML (hoặc trong thư mục con) và ghi tên tương đối, ví dụ ds-san-pham.xlsx".to_string(),
        )
    };
    let rel = Path::new(name.trim());
    if rel.as_os_str().is_empty() {
        return Err(("tên tệp đang để trống".into(), "ghi tên tệp".into()));
    }
    // Written outside (absolute, or more ".." than folders) …
    let mut depth = 0usize;
    for c in rel.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(outside());
            }
        }
    }
    let joined = dir.join(rel);
    let real = joined.canonicalize().map_err(|e| {
        (
            format!("không đọc được tệp `{}` ({})", quote(name), io_reason(&e)),
            "kiểm tra tên và vị trí tệp (tên tương đối so với thư mục của tệp YAML)".to_string(),
        )
    })?;
    // … or reaching outside through a symbolic link.
    let base = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if !real.starts_with(&base) {
        return Err(outside());
    }
    Ok(real)
}

/// Reads and checks a logo named in the YAML file in `dir`.
pub fn logo(dir: &Path, name: &str) -> Result<Image, (String, String)> {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let ext = match ext.as_deref() {
        Some("png") => "png",
        Some("jpg" | "jpeg") => "jpg",
        Some("svg") => "svg",
        _ => {
            return Err((
                format!("logo `{}` không phải ảnh PNG, JPEG hoặc SVG", quote(name)),
                "dùng tệp .png, .jpg hoặc .svg".into(),
            ));
        }
    };
    let path = inside(dir, name)?;
    let unreadable = |why: String| {
        (
            format!("không đọc được logo `{}` ({why})", quote(name)),
            "mở ảnh bằng một chương trình xem ảnh để kiểm tra, hoặc lưu lại thành PNG".to_string(),
        )
    };
    // Bounded and regular: a named pipe or a device beside the YAML file
    // would otherwise block the read or never end.
    let bytes = crate::regular::read(&path, MAX_LOGO_BYTES).map_err(|refusal| match refusal {
        Refusal::TooLarge(size) => (
            format!("logo `{}` quá lớn ({size} byte)", quote(name)),
            "thu nhỏ ảnh (vài trăm điểm ảnh là đủ) rồi lưu lại".into(),
        ),
        Refusal::Io(e) => unreadable(io_reason(&e)),
        refusal => unreadable(refusal.reason()),
    })?;
    if ext == "svg" {
        if !std::str::from_utf8(&bytes).is_ok_and(|s| s.contains("<svg")) {
            return Err(unreadable("không phải tệp SVG".into()));
        }
    } else {
        check_raster(&bytes).map_err(unreadable)?;
    }
    Ok(Image {
        name: format!("logo.{ext}"),
        bytes: bytes.into(),
    })
}

/// Decodes a PNG or JPEG within the size bound (the header's dimensions
/// are checked before any pixel is allocated).
fn check_raster(bytes: &[u8]) -> Result<(), String> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_LOGO_PIXELS);
    limits.max_image_height = Some(MAX_LOGO_PIXELS);
    limits.max_alloc = Some(256 * 1024 * 1024);
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    reader.limits(limits);
    match reader.decode() {
        Ok(_) => Ok(()),
        Err(image::ImageError::Limits(_)) => Err(format!(
            "ảnh lớn hơn {MAX_LOGO_PIXELS} × {MAX_LOGO_PIXELS} điểm ảnh"
        )),
        Err(e) => Err(format!("ảnh hỏng hoặc không đúng định dạng: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let inner = dir.path().join("plans");
        std::fs::create_dir(&inner).unwrap();
        std::fs::write(inner.join("ds.csv"), "x").unwrap();
        std::fs::write(dir.path().join("secret.csv"), "x").unwrap();
        assert!(inside(&inner, "ds.csv").is_ok());
        assert!(
            inside(&inner, "./x/../ds.csv").is_err(),
            "x/ does not exist"
        );
        assert!(
            inside(&inner, "../missing.csv")
                .unwrap_err()
                .0
                .contains("ra ngoài")
        );
        assert!(
            inside(&inner, "../secret.csv")
                .unwrap_err()
                .0
                .contains("ra ngoài")
        );
        assert!(
            inside(&inner, "/etc/passwd")
                .unwrap_err()
                .0
                .contains("ra ngoài")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.csv"), inner.join("link.csv"))
                .unwrap();
            assert!(
                inside(&inner, "link.csv")
                    .unwrap_err()
                    .0
                    .contains("ra ngoài")
            );
        }
    }

    #[test]
    fn a_huge_declared_image_is_refused_before_decoding() {
        // A PNG header declaring 40000 × 40000 pixels, with no pixel data.
        let mut png = Vec::new();
        png.extend_from_slice(b"\x89PNG\r\n\x1a\n");
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(b"IHDR");
        ihdr.extend_from_slice(&40000u32.to_be_bytes());
        ihdr.extend_from_slice(&40000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(&ihdr);
        png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
        let e = check_raster(&png).unwrap_err();
        assert!(e.contains("4096"), "{e}");
    }

    fn crc32(data: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for b in data {
            crc ^= *b as u32;
            for _ in 0..8 {
                crc = if crc & 1 != 0 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
}
