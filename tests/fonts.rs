//! The real Times New Roman from the system's font folders. It may not be
//! committed, so the tests make one: Liberation Serif (metric-compatible,
//! with every Vietnamese letter) under the name Times New Roman, written
//! into a temporary folder that stands for the system's.

use std::path::Path;

use ocop::fonts::{self, Search, TIMES_NEW_ROMAN};

const LIBERATION: [(&str, &[u8]); 4] = [
    (
        "Regular",
        include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    ),
    ("Bold", include_bytes!("../fonts/LiberationSerif-Bold.ttf")),
    (
        "Italic",
        include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    ),
    (
        "Bold Italic",
        include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    ),
];

/// `font` with its name table replaced: family `family`, style `style`.
pub fn renamed(font: &[u8], family: &str, style: &str) -> Vec<u8> {
    let u16_at = |at: usize| u16::from_be_bytes([font[at], font[at + 1]]);
    let u32_at = |at: usize| u32::from_be_bytes(font[at..at + 4].try_into().unwrap());
    let count = u16_at(4) as usize;
    let mut tables: Vec<([u8; 4], Vec<u8>)> = (0..count)
        .map(|i| {
            let rec = 12 + 16 * i;
            let tag: [u8; 4] = font[rec..rec + 4].try_into().unwrap();
            let (offset, len) = (u32_at(rec + 8) as usize, u32_at(rec + 12) as usize);
            (tag, font[offset..offset + len].to_vec())
        })
        .collect();
    let full = format!("{family} {style}").replace(" Regular", "");
    let postscript = format!("{}-{}", family.replace(' ', ""), style.replace(' ', ""));
    let name = name_table(&[(1, family), (2, style), (4, &full), (6, &postscript)]);
    for (tag, data) in &mut tables {
        if tag == b"name" {
            *data = name.clone();
        }
    }
    let mut out = font[..12].to_vec();
    let mut offset = 12 + 16 * count;
    let mut body = Vec::new();
    for (tag, data) in &tables {
        let sum = data
            .chunks(4)
            .map(|c| {
                let mut w = [0u8; 4];
                w[..c.len()].copy_from_slice(c);
                u32::from_be_bytes(w)
            })
            .fold(0u32, u32::wrapping_add);
        out.extend_from_slice(tag);
        out.extend_from_slice(&sum.to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        offset = 12 + 16 * count + body.len();
    }
    out.extend(body);
    out
}

/// A `name` table (format 0) of Windows Unicode records.
fn name_table(records: &[(u16, &str)]) -> Vec<u8> {
    let strings: Vec<Vec<u8>> = records
        .iter()
        .map(|(_, s)| s.encode_utf16().flat_map(u16::to_be_bytes).collect())
        .collect();
    let mut out = Vec::new();
    let push = |out: &mut Vec<u8>, v: u16| out.extend_from_slice(&v.to_be_bytes());
    push(&mut out, 0);
    push(&mut out, records.len() as u16);
    push(&mut out, (6 + 12 * records.len()) as u16);
    let mut at = 0;
    for ((id, _), s) in records.iter().zip(&strings) {
        for v in [3, 1, 0x409, *id, s.len() as u16, at as u16] {
            push(&mut out, v);
        }
        at += s.len();
    }
    strings.iter().for_each(|s| out.extend_from_slice(s));
    out
}

/// Writes a "Times New Roman" family into `dir` under Windows' file names.
pub fn install_times(dir: &Path) {
    let files = ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"];
    for ((style, data), file) in LIBERATION.iter().zip(files) {
        std::fs::write(dir.join(file), renamed(data, TIMES_NEW_ROMAN, style)).unwrap();
    }
}

#[test]
fn times_new_roman_in_a_system_folder_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let windows_fonts = dir.path().join("Windows/Fonts");
    std::fs::create_dir_all(&windows_fonts).unwrap();
    std::fs::write(windows_fonts.join("arial.ttf"), b"not opened").unwrap();
    install_times(&windows_fonts);
    match fonts::find(TIMES_NEW_ROMAN, &[dir.path().to_path_buf()]) {
        Search::Found(f) => {
            assert_eq!(f.family, TIMES_NEW_ROMAN);
            assert_eq!(f.fonts.len(), 4);
            assert_eq!(f.files.len(), 4);
        }
        _ => panic!("Times New Roman not found"),
    }
}

#[test]
fn a_times_new_roman_without_vietnamese_is_not_used() {
    // The regular face alone, from a font that lacks the Vietnamese
    // letters: only ASCII names survive a table-less copy, so take a
    // face and cut its character map down to nothing.
    let dir = tempfile::tempdir().unwrap();
    let regular = renamed(LIBERATION[0].1, TIMES_NEW_ROMAN, "Regular");
    std::fs::write(dir.path().join("times.ttf"), without_cmap(&regular)).unwrap();
    match fonts::find(TIMES_NEW_ROMAN, &[dir.path().to_path_buf()]) {
        Search::Unusable { why, .. } => assert!(why.contains("tiếng Việt"), "{why}"),
        Search::Found(_) => panic!("a font without Vietnamese was taken"),
        Search::NotFound { .. } => panic!("not read"),
    }
}

/// `font` with an empty character map (format 4 with only the end segment).
fn without_cmap(font: &[u8]) -> Vec<u8> {
    let count = u16::from_be_bytes([font[4], font[5]]) as usize;
    let mut out = font.to_vec();
    for i in 0..count {
        let rec = 12 + 16 * i;
        if &font[rec..rec + 4] == b"cmap" {
            let offset = u32::from_be_bytes(font[rec + 8..rec + 12].try_into().unwrap()) as usize;
            let len = u32::from_be_bytes(font[rec + 12..rec + 16].try_into().unwrap()) as usize;
            // cmap header with one Windows Unicode subtable: format 4,
            // one segment 0xFFFF → nothing mapped.
            let mut cmap: Vec<u8> = Vec::new();
            for v in [0u16, 1, 3, 1] {
                cmap.extend_from_slice(&v.to_be_bytes());
            }
            cmap.extend_from_slice(&12u32.to_be_bytes());
            for v in [4u16, 24, 0, 2, 2, 0, 0, 0xFFFF, 0, 0xFFFF, 1, 0] {
                cmap.extend_from_slice(&v.to_be_bytes());
            }
            assert!(cmap.len() <= len);
            cmap.resize(len, 0);
            out[offset..offset + len].copy_from_slice(&cmap);
        }
    }
    out
}

/// The base font names of `pdf`, as poppler's pdffonts lists them.
fn pdf_fonts(pdf: &Path) -> String {
    let out = std::process::Command::new("pdffonts")
        .arg(pdf)
        .output()
        .expect("pdffonts (poppler-utils) is needed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn documents_use_the_systems_times_new_roman_without_flags_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let system = dir.path().join("Windows/Fonts");
    std::fs::create_dir_all(&system).unwrap();
    install_times(&system);
    let render = |system_dirs: &Path, out: &str| {
        let o = crate::common::ocop()
            .env(fonts::DIRS_VAR, system_dirs)
            .args([
                "render",
                "plans/ha-tinh-2020.yaml",
                "--only",
                "plan",
                "--out",
            ])
            .arg(dir.path().join(out))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "{stderr}");
        let pdf = dir.path().join(out).join("ha-tinh-2020/ke-hoach.pdf");
        (pdf_fonts(&pdf), stderr)
    };
    let (used, _) = render(&system, "co-times");
    assert!(used.contains("TimesNewRoman"), "{used}");
    assert!(!used.contains("LiberationSerif"), "{used}");
    // An empty search list turns the search off: the built-in font.
    let (used, _) = render(Path::new(""), "tat");
    assert!(
        used.contains("LiberationSerif") && !used.contains("TimesNewRoman"),
        "{used}"
    );
    // The summary names the font and the file (printed with the errors of
    // a run, and on a terminal): certificates always print theirs.
    let o = crate::common::ocop()
        .env(fonts::DIRS_VAR, &system)
        .args([
            "certificates",
            "plans/certificates/lai-chau-2027-dot-1.yaml",
            "--out",
        ])
        .arg(dir.path().join("gcn"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("phông chữ: Times New Roman (của máy, ") && stderr.contains("times.ttf"),
        "{stderr}"
    );
}
