//! The real Times New Roman, from the system's own font folders: NĐ 30
//! names it, every office PC has it, and it may not be shipped. Only files
//! whose names say "Times" are opened (a Windows font folder holds hundreds
//! of megabytes), each is checked to be the family by its name table and to
//! have every Vietnamese letter, and the family is taken only with its
//! regular face. Otherwise the documents keep the built-in Liberation
//! Serif, and the run says why.
//!
//! `OCOP_SYSTEM_FONT_DIRS` (folders separated like PATH) replaces the
//! folders searched; set empty, it turns the search off (tests, byte-equal
//! comparisons between machines).

use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::{Font, FontStyle, FontWeight};

/// The family NĐ 30 prescribes.
pub const TIMES_NEW_ROMAN: &str = "Times New Roman";

/// The environment variable that replaces the system font folders.
pub const DIRS_VAR: &str = "OCOP_SYSTEM_FONT_DIRS";

/// Every letter Vietnamese text needs beyond ASCII, lower and upper case.
pub const VIETNAMESE: &str = "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĂÂĐÊÔƠƯÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ";

/// A family found in the system's folders.
pub struct SystemFamily {
    pub family: String,
    /// Its faces, parsed.
    pub fonts: Vec<Font>,
    /// The files they come from, for the run's summary.
    pub files: Vec<PathBuf>,
}

/// What the search found: the family, or why the built-in font is used.
pub enum Search {
    Found(SystemFamily),
    /// Files of the family exist but cannot set Vietnamese (an old
    /// version without the letters), or lack the regular face.
    Unusable {
        files: Vec<PathBuf>,
        why: String,
    },
    NotFound {
        dirs: Vec<PathBuf>,
    },
}

/// The font folders of this system, or those of `OCOP_SYSTEM_FONT_DIRS`.
pub fn system_dirs() -> Vec<PathBuf> {
    if let Some(list) = std::env::var_os(DIRS_VAR) {
        return std::env::split_paths(&list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
    }
    let env = |name: &str| std::env::var_os(name).map(PathBuf::from);
    let mut dirs = Vec::new();
    if cfg!(windows) {
        let windows = env("WINDIR")
            .or_else(|| env("SystemRoot"))
            .unwrap_or_else(|| PathBuf::from(r"C:\Windows"));
        dirs.push(windows.join("Fonts"));
        // Fonts installed for one user only.
        if let Some(local) = env("LOCALAPPDATA") {
            dirs.push(local.join(r"Microsoft\Windows\Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        dirs.extend(
            [
                "/System/Library/Fonts",
                "/System/Library/Fonts/Supplemental",
                "/Library/Fonts",
            ]
            .map(PathBuf::from),
        );
        if let Some(home) = env("HOME") {
            dirs.push(home.join("Library/Fonts"));
        }
    } else {
        let data = env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local/share")));
        dirs.extend(data.map(|d| d.join("fonts")));
        dirs.extend(env("HOME").map(|h| h.join(".fonts")));
        dirs.extend(["/usr/local/share/fonts", "/usr/share/fonts"].map(PathBuf::from));
    }
    dirs
}

/// Looks for `family` in `dirs`: files whose names start with its first
/// word ("times.ttf", "Times New Roman Bold.ttf", "Times_New_Roman.ttf").
pub fn find(family: &str, dirs: &[PathBuf]) -> Search {
    let mut fonts = Vec::new();
    let mut files = Vec::new();
    for path in candidates(family, dirs) {
        let Ok(data) = std::fs::read(&path) else {
            continue;
        };
        let faces: Vec<Font> = Font::iter(Bytes::new(data))
            .filter(|f| f.info().family.eq_ignore_ascii_case(family))
            .collect();
        if !faces.is_empty() {
            files.push(path);
            fonts.extend(faces);
        }
    }
    if fonts.is_empty() {
        return Search::NotFound {
            dirs: dirs.to_vec(),
        };
    }
    let regular = fonts.iter().any(|f| {
        f.info().variant.style == FontStyle::Normal
            && f.info().variant.weight == FontWeight::REGULAR
    });
    if !regular {
        return Search::Unusable {
            files,
            why: "thiếu kiểu chữ thường (regular)".into(),
        };
    }
    let missing: String = VIETNAMESE
        .chars()
        .filter(|c| !fonts.iter().all(|f| f.info().coverage.contains(*c as u32)))
        .collect();
    if !missing.is_empty() {
        let shown: String = missing.chars().take(12).collect();
        return Search::Unusable {
            files,
            why: format!("thiếu chữ tiếng Việt ({shown}…); có thể là bản phông cũ"),
        };
    }
    Search::Found(SystemFamily {
        family: fonts[0].info().family.clone(),
        fonts,
        files,
    })
}

/// The files of `dirs` (and the folders under them) that may hold
/// `family`, by name only, in a stable order.
fn candidates(family: &str, dirs: &[PathBuf]) -> Vec<PathBuf> {
    let first = family
        .split_whitespace()
        .next()
        .unwrap_or(family)
        .to_lowercase();
    let mut out = Vec::new();
    for dir in dirs {
        for entry in walkdir::WalkDir::new(dir)
            .max_depth(4)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if entry.file_type().is_file() && names_family(entry.path(), &first) {
                out.push(entry.into_path());
            }
        }
    }
    out
}

fn names_family(path: &Path, first_word: &str) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let font = matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc"));
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    font && stem.starts_with(first_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIBERATION: &[u8] = include_bytes!("../fonts/LiberationSerif-Regular.ttf");

    #[test]
    fn only_files_named_for_the_family_are_opened() {
        let dir = tempfile::tempdir().unwrap();
        // Liberation Serif under a Times file name: opened, but not the family.
        std::fs::write(dir.path().join("times.ttf"), LIBERATION).unwrap();
        std::fs::write(dir.path().join("other.ttf"), b"never read").unwrap();
        assert_eq!(
            candidates(TIMES_NEW_ROMAN, &[dir.path().to_path_buf()]),
            vec![dir.path().join("times.ttf")]
        );
        assert!(matches!(
            find(TIMES_NEW_ROMAN, &[dir.path().to_path_buf()]),
            Search::NotFound { .. }
        ));
    }

    #[test]
    fn a_family_with_every_vietnamese_letter_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("truetype/liberation");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("LiberationSerif-Regular.ttf"), LIBERATION).unwrap();
        match find("Liberation Serif", &[dir.path().to_path_buf()]) {
            Search::Found(f) => {
                assert_eq!(f.family, "Liberation Serif");
                assert_eq!(f.files.len(), 1);
            }
            _ => panic!("not found"),
        }
    }

    #[test]
    fn the_folders_can_be_named_or_turned_off() {
        // SAFETY: the only test that sets this variable.
        unsafe { std::env::set_var(DIRS_VAR, "") };
        assert!(system_dirs().is_empty());
        unsafe { std::env::remove_var(DIRS_VAR) };
        assert!(!system_dirs().is_empty());
    }
}
