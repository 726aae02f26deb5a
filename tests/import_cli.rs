//! `ocop import FILE [-o OUT.yaml]` as a user runs it: the real binary in a
//! scratch folder. A hand-written plan imports into YAML that `ocop check`
//! passes, with a Vietnamese summary; the output goes beside the input by
//! default and never replaces a file; a PDF, legacy-encoded text, bytes that
//! are not Unicode, a missing file and a broken .docx each get a Vietnamese
//! error naming the file and leave nothing behind; text that imports into
//! YAML with errors is still written, with the errors pointing into it.

use crate::common;

use std::path::Path;
use std::process::Output;

use common::ocop;

/// A plan as an office might have typed it (our own words): header, tên
/// loại, trích yếu, căn cứ, numbered sections with a task, Nơi nhận, signer.
const PLAN: &str = "\
ỦY BAN NHÂN DÂN
TỈNH LAI CHÂU
Số: 45/KH-UBND

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Lai Châu, ngày 12 tháng 02 năm 2027

KẾ HOẠCH
Phát triển sản phẩm mật ong rừng của tỉnh Lai Châu năm 2027

Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;

Căn cứ Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ về Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP;

Ủy ban nhân dân tỉnh ban hành Kế hoạch với các nội dung sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Nâng hạng ít nhất 01 sản phẩm mật ong lên 4 sao.

- Giữ vững chất lượng các sản phẩm đã được công nhận.

2. Yêu cầu

- Các xã phối hợp chặt chẽ, báo cáo đúng hạn.

II. NHIỆM VỤ

1. Hỗ trợ chủ thể hoàn thiện hồ sơ

- Nội dung thực hiện: Hướng dẫn ghi nhãn, truy xuất nguồn gốc.

- Đơn vị thực hiện: Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Ủy ban nhân dân các xã.

- Thời gian thực hiện: Quý II năm 2027.

2. Kinh phí: Từ ngân sách tỉnh và vốn của chủ thể.

Nhận được Kế hoạch này, các cơ quan, đơn vị triển khai thực hiện./.

Nơi nhận:
- Bộ Nông nghiệp và Môi trường (b/c);
- Sở Nông nghiệp và Môi trường;
- UBND các xã;
- Lưu: VT, KT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Giàng A Páo
";

/// Runs `ocop import` with `args` from the crate root.
fn import(args: &[&Path]) -> Output {
    ocop().arg("import").args(args).output().unwrap()
}

/// What the user saw, the scratch folder's path replaced so snapshots are stable.
fn transcript(o: &Output, dir: &Path) -> String {
    let dir = dir.to_string_lossy();
    let text = format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        o.status.code(),
        String::from_utf8(o.stdout.clone()).unwrap(),
        String::from_utf8(o.stderr.clone()).unwrap()
    );
    text.replace(dir.as_ref(), "[TMP]")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The names in a folder, sorted (temporary files included, to catch leftovers).
fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    n.sort();
    n
}

/// The YAML without its first line, which names the file it came from.
fn body(yaml: &str) -> &str {
    let first = yaml.lines().next().unwrap();
    assert!(first.starts_with("# Nhập từ "), "{first}");
    &yaml[first.len()..]
}

/// An input that must be refused: exit 1, nothing on stdout, no YAML left
/// in the folder, and a message naming the file. Returns the transcript.
fn refused(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let input = dir.join(name);
    std::fs::write(&input, bytes).unwrap();
    let o = import(&[&input]);
    let text = transcript(&o, dir);
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(o.stdout.is_empty(), "{text}");
    assert!(
        stderr(&o).contains(&format!(" --> {}\n", input.display())),
        "{text}"
    );
    assert_eq!(names(dir), [name], "{text}");
    std::fs::remove_file(&input).unwrap();
    text
}

#[test]
fn a_hand_written_plan_imports_with_a_summary_and_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ke-hoach-mat-ong.txt");
    std::fs::write(&input, PLAN).unwrap();
    let out = dir.path().join("nam-2027.yaml");
    let o = import(&[&input, Path::new("-o"), &out]);
    let text = transcript(&o, dir.path());
    assert_eq!(o.status.code(), Some(0), "{text}");
    // stdout is the written file and nothing else.
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("{}\n", out.display())
    );
    insta::assert_snapshot!("import-plan", text);
    assert_eq!(names(dir.path()), ["ke-hoach-mat-ong.txt", "nam-2027.yaml"]);

    // What was typed is in the YAML, in its fields.
    let yaml = std::fs::read_to_string(&out).unwrap();
    assert!(
        yaml.starts_with("# Nhập từ ke-hoach-mat-ong.txt bằng `ocop import`."),
        "{yaml}"
    );
    for line in [
        "  level: province\n",
        "  name: Lai Châu\n",
        "  number: 45\n",
        "  date: 12/02/2027\n",
        "  title: Phát triển sản phẩm mật ong rừng của tỉnh Lai Châu năm 2027\n",
        "      - Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025\n",
        "      - Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ về Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP\n",
        "    - title: MỤC ĐÍCH, YÊU CẦU\n",
        "    - title: NHIỆM VỤ\n",
        "        - title: Hỗ trợ chủ thể hoàn thiện hồ sơ\n",
        "            - content: Hướng dẫn ghi nhãn, truy xuất nguồn gốc.\n",
        "  closing: Nhận được Kế hoạch này, các cơ quan, đơn vị triển khai thực hiện./.\n",
        "    - Sở Nông nghiệp và Môi trường\n",
        "    - UBND các xã\n",
        "  archive: VT, KT.\n",
        "    tm: ỦY BAN NHÂN DÂN\n",
        "    kt: CHỦ TỊCH\n",
        "    title: PHÓ CHỦ TỊCH\n",
        "    name: Giàng A Páo\n",
    ] {
        assert!(yaml.contains(line), "{line:?} not in:\n{yaml}");
    }
    // Nothing was a guess here.
    assert!(
        !yaml
            .lines()
            .any(|l| l.trim_start().starts_with("# kiểm tra:")),
        "{yaml}"
    );

    // The written file is a valid input for the other commands.
    let check = ocop().arg("check").arg(&out).output().unwrap();
    let check_text = transcript(&check, dir.path());
    assert_eq!(check.status.code(), Some(0), "{check_text}");
    assert!(
        stderr(&check).contains("đã kiểm tra 1 tệp YAML; không có lỗi."),
        "{check_text}"
    );
    assert!(!stderr(&check).contains("cảnh báo"), "{check_text}");
}

#[test]
fn without_o_the_yaml_goes_beside_the_input_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("van-ban")).unwrap();
    std::fs::write(dir.path().join("van-ban/ke-hoach.2027.txt"), PLAN).unwrap();
    // A relative path, from the folder above the input's.
    let o = ocop()
        .current_dir(dir.path())
        .args(["import", "van-ban/ke-hoach.2027.txt"])
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "van-ban/ke-hoach.2027.yaml\n"
    );
    assert!(err.contains("đã đọc van-ban/ke-hoach.2027.txt:\n"), "{err}");
    assert!(
        err.ends_with("sửa tệp nếu cần rồi chạy: ocop render van-ban/ke-hoach.2027.yaml\n"),
        "{err}"
    );
    assert_eq!(names(dir.path()), ["van-ban"]);
    assert_eq!(
        names(&dir.path().join("van-ban")),
        ["ke-hoach.2027.txt", "ke-hoach.2027.yaml"]
    );

    // An absolute path without an extension: the name plus .yaml.
    let bare = dir.path().join("kehoach");
    std::fs::write(&bare, PLAN).unwrap();
    let o = import(&[&bare]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let yaml = dir.path().join("kehoach.yaml");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("{}\n", yaml.display())
    );
    // The same text gives the same YAML whatever the file is called.
    let first = std::fs::read_to_string(dir.path().join("van-ban/ke-hoach.2027.yaml")).unwrap();
    let second = std::fs::read_to_string(&yaml).unwrap();
    assert_eq!(body(&first), body(&second));
}

#[test]
fn an_existing_output_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ke-hoach.txt");
    std::fs::write(&input, PLAN).unwrap();
    let mine = "# my own edits\r\nissuer: { level: commune, name: Mường Kim }\n".as_bytes();
    let yaml = dir.path().join("ke-hoach.yaml");
    std::fs::write(&yaml, mine).unwrap();
    let o = import(&[&input]);
    let text = transcript(&o, dir.path());
    assert_eq!(o.status.code(), Some(1), "{text}");
    assert!(o.stdout.is_empty(), "{text}");
    insta::assert_snapshot!("import-refuses-overwrite", text);
    assert_eq!(std::fs::read(&yaml).unwrap(), mine);
    assert_eq!(names(dir.path()), ["ke-hoach.txt", "ke-hoach.yaml"]);

    // The same with -o naming another existing file.
    let other = dir.path().join("ban-sua.yaml");
    std::fs::write(&other, "plan: {}\n").unwrap();
    let o = import(&[&input, Path::new("-o"), &other]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with(&format!(
            "lỗi: tệp YAML đã tồn tại, không ghi đè\n --> {}\n",
            other.display()
        )),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "plan: {}\n");
    assert_eq!(std::fs::read(&yaml).unwrap(), mine);
    assert_eq!(
        names(dir.path()),
        ["ban-sua.yaml", "ke-hoach.txt", "ke-hoach.yaml"]
    );
}

#[test]
fn a_broken_pdf_is_told_so_by_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    let text = refused(dir.path(), "ke-hoach.pdf", pdf);
    insta::assert_snapshot!("import-pdf", text);
    assert!(text.contains("tệp PDF hỏng"), "{text}");
    // The bytes decide, not the name.
    let renamed = refused(dir.path(), "ke-hoach.txt", pdf);
    assert_eq!(
        renamed.replace("ke-hoach.txt", "ke-hoach.pdf"),
        text,
        "{renamed}"
    );
}

#[test]
fn legacy_vietnamese_encodings_are_named() {
    let dir = tempfile::tempdir().unwrap();
    // "Kế hoạch phát triển sản phẩm đặc sản" typed with a .VnTime font,
    // saved as UTF-8: TCVN3's letters appear as Latin-1 symbols.
    let tcvn3 = "KÕ ho¹ch ph¸t triÓn s¶n phÈm ®Æc s¶n\nI. Môc tiªu\n";
    assert_eq!(
        ocop::text::detect_legacy(tcvn3),
        Some(ocop::text::LegacyEncoding::Tcvn3)
    );
    let t = refused(dir.path(), "tcvn3.txt", tcvn3.as_bytes());
    assert!(
        t.contains("lỗi: văn bản gõ bằng bảng mã cũ TCVN3 (ABC, phông .VnTime)\n"),
        "{t}"
    );
    // The same words with a VNI-Times font.
    let vni = "Keá hoaïch phaùt trieån saûn phaåm ñaëc saûn\nI. Muïc tieâu\n";
    assert_eq!(
        ocop::text::detect_legacy(vni),
        Some(ocop::text::LegacyEncoding::Vni)
    );
    let v = refused(dir.path(), "vni.txt", vni.as_bytes());
    assert!(
        v.contains("lỗi: văn bản gõ bằng bảng mã cũ VNI (phông VNI-Times)\n"),
        "{v}"
    );
    insta::assert_snapshot!("import-legacy", format!("{t}\n{v}"));
    // A .VnTime file as Word saves it: one byte a letter, not UTF-8.
    let bytes: Vec<u8> = tcvn3
        .chars()
        .map(|c| u8::try_from(c as u32).unwrap())
        .collect();
    assert!(std::str::from_utf8(&bytes).is_err());
    let b = refused(dir.path(), "tcvn3-8bit.txt", &bytes);
    assert!(
        b.contains("lỗi: văn bản gõ bằng bảng mã cũ TCVN3 (ABC, phông .VnTime)\n"),
        "{b}"
    );
}

#[test]
fn bytes_that_are_not_unicode_are_refused_and_utf16_with_a_bom_imports() {
    let dir = tempfile::tempdir().unwrap();
    // Windows-1252 (Latin-1) bytes: not UTF-8, no UTF-16 mark.
    let latin1 = b"K\xea ho\xe1ch ph\xe1t tri\xean\r\nI. M\xf4c ti\xeau\r\n";
    let text = refused(dir.path(), "latin1.txt", latin1);
    insta::assert_snapshot!("import-not-unicode", text);

    // UTF-8, and the same text as Notepad's "Unicode" (UTF-16LE with a BOM,
    // CRLF line ends): the same YAML.
    let utf8 = dir.path().join("utf8.txt");
    std::fs::write(&utf8, PLAN).unwrap();
    let utf16 = dir.path().join("utf16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in PLAN.replace('\n', "\r\n").encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(&utf16, &bytes).unwrap();
    // And big-endian, with its mark.
    let utf16be = dir.path().join("utf16be.txt");
    let mut bytes = vec![0xFE, 0xFF];
    for unit in PLAN.encode_utf16() {
        bytes.extend(unit.to_be_bytes());
    }
    std::fs::write(&utf16be, &bytes).unwrap();
    let o = import(&[&utf16be]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for input in [&utf8, &utf16] {
        let o = import(&[input]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let a = std::fs::read_to_string(dir.path().join("utf8.yaml")).unwrap();
    let b = std::fs::read_to_string(dir.path().join("utf16.yaml")).unwrap();
    assert!(b.starts_with("# Nhập từ utf16.txt"), "{b}");
    assert_eq!(body(&a), body(&b));
    assert!(b.contains("    name: Giàng A Páo\n"), "{b}");
}

#[test]
fn a_missing_input_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("khong-co.txt");
    let out = dir.path().join("ra.yaml");
    for args in [vec![&*input], vec![&*input, Path::new("-o"), &*out]] {
        let o = import(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(o.stdout.is_empty(), "{err}");
        // The reason after the colon is the system's wording; not snapshotted.
        assert!(
            err.starts_with("lỗi: không mở được tệp: không tìm thấy tệp\n"),
            "{err}"
        );
        assert!(
            err.contains(&format!("\n --> {}\n", input.display())),
            "{err}"
        );
        assert!(
            err.contains("= gợi ý: kiểm tra đường dẫn và quyền đọc tệp"),
            "{err}"
        );
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
    }
}

#[test]
fn yaml_with_errors_is_still_written_and_the_errors_point_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ghi-chu.txt");
    std::fs::write(
        &input,
        "Ghi chú buổi họp về sản phẩm mật ong, chưa chia mục nào.\n",
    )
    .unwrap();
    let o = import(&[&input]);
    let text = transcript(&o, dir.path());
    // The input-error code: the user has a file to fix.
    assert_eq!(o.status.code(), Some(1), "{text}");
    let yaml_path = dir.path().join("ghi-chu.yaml");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        format!("{}\n", yaml_path.display())
    );
    insta::assert_snapshot!("import-with-errors", text);
    let err = stderr(&o);
    assert!(
        err.ends_with("tệp YAML còn lỗi (xem trên); sửa rồi chạy: ocop check\n"),
        "{err}"
    );
    assert!(err.contains("lỗi: kế hoạch chưa có mục nào\n"), "{err}");
    // The paragraph is kept, not dropped.
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    assert!(
        yaml.contains("Ghi chú buổi họp về sản phẩm mật ong, chưa chia mục nào."),
        "{yaml}"
    );

    // Every error names the written file, and its line and column are
    // where the quoted line stands in it.
    let lines: Vec<&str> = yaml.lines().collect();
    let arrow = format!("--> {}:", yaml_path.display());
    let err_lines: Vec<&str> = err.lines().collect();
    let mut located = 0;
    for (i, l) in err_lines.iter().enumerate() {
        let Some(at) = l.trim_start().strip_prefix(&arrow) else {
            continue;
        };
        let (line, col) = at.split_once(':').unwrap();
        let line: usize = line.parse().unwrap();
        let col: usize = col.parse().unwrap();
        // Two lines down: "N | <the line>".
        let quoted = err_lines[i + 2];
        let prefix = format!("{line} | ");
        assert!(quoted.starts_with(&prefix), "{quoted:?}\n{err}");
        assert_eq!(&quoted[prefix.len()..], lines[line - 1], "{err}");
        assert!(col >= 1 && col <= lines[line - 1].chars().count(), "{l}");
        located += 1;
    }
    assert_eq!(located, err.matches("lỗi: ").count(), "{err}");
    assert!(located >= 2, "{err}");

    // `ocop check` on the file finds the same errors.
    let check = ocop().arg("check").arg(&yaml_path).output().unwrap();
    let check_err = stderr(&check);
    assert_eq!(check.status.code(), Some(1), "{check_err}");
    let errors = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| l.starts_with("lỗi: "))
            .map(String::from)
            .collect()
    };
    assert_eq!(errors(&check_err), errors(&err));
}

#[test]
fn a_broken_docx_is_named_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    // A zip header and then nothing a zip reader can use.
    let broken = refused(
        dir.path(),
        "ke-hoach.docx",
        b"PK\x03\x04\x14\x00\x00\x00 t\xe1\xbb\x87p h\xe1\xbb\x8fng",
    );
    insta::assert_snapshot!("import-broken-docx", broken);
    // A .docx that is text: read as a .docx (by its name), and refused the same way.
    let text = refused(dir.path(), "ke-hoach.docx", PLAN.as_bytes());
    assert_eq!(text, broken);
}
