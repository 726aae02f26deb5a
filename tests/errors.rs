//! Bad input: every file under tests/bad/ gets a Vietnamese diagnostic with
//! file:line:column, field and hint (snapshotted), the right exit code, and
//! no output file.

use crate::common;

use common::{ocop, root, yaml_files};

fn run_check(path: &str) -> (i32, String) {
    let out = ocop().args(["check", path]).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn bad_inputs_snapshots() {
    let files = yaml_files(&root().join("tests/bad"));
    assert!(
        files.len() >= 40,
        "the bad-input corpus has at least 40 cases"
    );
    for file in files {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let rel = format!("tests/bad/{name}.yaml");
        let (code, stderr) = run_check(&rel);
        // Files named warn-* are suspicious but legal: a warning, exit 0.
        let warning_only = name.starts_with("warn-");
        assert_eq!(code, if warning_only { 0 } else { 1 }, "{rel}:\n{stderr}");
        if warning_only {
            assert!(
                stderr.contains("cảnh báo: ") && !stderr.contains("\nlỗi: "),
                "{rel}:\n{stderr}"
            );
        }
        assert!(!stderr.contains("panicked"), "{rel}:\n{stderr}");
        insta::assert_snapshot!(format!("check-{name}"), stderr);
    }
}

#[test]
fn no_output_is_written_for_a_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = ocop()
        .args([
            "render",
            "tests/bad/many-problems.yaml",
            "plans/tua-chua-2023.yaml",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    // The broken file fails, the good one is still rendered.
    assert_eq!(out.status.code(), Some(1));
    assert!(dir.path().join("tua-chua-2023/ke-hoach.pdf").is_file());
    assert!(!dir.path().join("many-problems").exists());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("1 tệp có lỗi: tests/bad/many-problems.yaml"),
        "{stderr}"
    );
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let (_, stderr) = run_check("tests/bad/many-problems.yaml");
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("lỗi: ")).count(),
        4,
        "{stderr}"
    );
}

#[test]
fn a_misspelt_key_does_not_hide_the_other_problems() {
    let (code, stderr) = run_check("tests/bad/three-problems-at-once.yaml");
    assert_eq!(code, 1);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("lỗi: ")).collect();
    assert_eq!(errors.len(), 3, "{stderr}");
    assert!(
        errors[0].contains("ngày không có thật: 31/2/2028"),
        "{stderr}"
    );
    assert!(
        errors[1].contains("trường `taks` không có trong mẫu"),
        "{stderr}"
    );
    assert!(stderr.contains("có phải ý bạn là `task`?"), "{stderr}");
    assert!(
        errors[2].contains("đơn vị `so_cong_thuong` chưa được khai báo"),
        "{stderr}"
    );
}

#[test]
fn a_plan_saved_as_unicode_by_notepad_is_read() {
    // Notepad's "Unicode" is UTF-16 little-endian with a byte-order mark.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join("plans/ha-tinh-2020.yaml")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let path = dir.path().join("unicode.yaml");
    std::fs::write(&path, bytes).unwrap();
    let out = ocop().arg("check").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn odd_inputs_are_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("anh.yaml");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 0xff, 0xfe]).unwrap();
    let latin1 = dir.path().join("cu.yaml");
    std::fs::write(&latin1, b"issuer:\n  name: L\xe0o Cai\n").unwrap();
    let empty_dir = dir.path().join("trong");
    std::fs::create_dir(&empty_dir).unwrap();
    let cases = [
        (binary, "tệp không phải văn bản"),
        (latin1, "tệp không được lưu ở mã UTF-8"),
        (dir.path().join("khong-co.yaml"), "không tìm thấy tệp"),
        (empty_dir, "trong đó không có tệp .yaml nào"),
    ];
    for (path, message) in cases {
        let out = ocop().arg("check").arg(&path).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{path:?}: {stderr}");
        assert!(stderr.contains(message), "{path:?}: {stderr}");
    }
}

#[test]
fn output_folder_that_is_a_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ket-qua");
    std::fs::write(&file, b"x").unwrap();
    let out = ocop()
        .args(["render", "plans/tua-chua-2023.yaml", "--out"])
        .arg(&file)
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("đường dẫn kết quả đang là một tệp"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

#[test]
fn usage_errors_exit_with_2() {
    let out = ocop().args(["render"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = ocop().args(["khong-co-lenh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn new_scaffolds_a_valid_plan_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ke-hoach-moi.yaml");
    let issuer = ["--tinh", "Lai Châu", "--nam", "2027"];
    let out = ocop().arg("new").arg(&file).args(issuer).output().unwrap();
    assert!(out.status.success());
    let check = ocop().arg("check").arg(&file).output().unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    std::fs::write(&file, "sửa dở").unwrap();
    let again = ocop().arg("new").arg(&file).args(issuer).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "sửa dở");
}

#[test]
fn a_very_large_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("lon.yaml");
    let line = "# dòng chú thích lặp lại để tệp thật lớn\n";
    std::fs::write(&big, line.repeat((9 * 1024 * 1024) / line.len())).unwrap();
    let out = ocop().arg("check").arg(&big).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("tệp quá lớn"), "{stderr}");
}

#[test]
fn templates_cannot_read_files_outside_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("mau");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("plan.typ.tera"),
        "#read(\"/etc/passwd\")\n#image(\"/etc/hostname\")\n",
    )
    .unwrap();
    let out = ocop()
        .args(["render", "plans/tua-chua-2023.yaml", "--templates"])
        .arg(&templates)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("Typst báo lỗi"), "{stderr}");
    assert!(!stderr.contains("root:"), "file content leaked: {stderr}");
    assert!(!dir.path().join("out/tua-chua-2023/ke-hoach.pdf").exists());
}

#[test]
fn an_unwritable_output_folder_is_an_error() {
    // /proc refuses new files even to root.
    let out = ocop()
        .args([
            "render",
            "plans/tua-chua-2023.yaml",
            "--out",
            "/proc/ocop-khong-ghi-duoc",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("lỗi: "), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A plan of 10,000 tasks would take Typst over a gigabyte to lay out
/// (1,430 pages); it is refused after composing, before any layout, in the
/// memory its YAML takes. The plans/ examples are far below the cap.
#[test]
fn a_document_too_long_to_lay_out_is_refused_before_layout() {
    let example = std::fs::read_to_string(root().join("plans/lai-chau-2027.yaml")).unwrap();
    let head = &example[..example.find("  sections:\n").unwrap()];
    let tail = &example[example.find("  closing:").unwrap()..example.find("\ndecisions:").unwrap()];
    let mut plan = format!("{head}  sections:\n    - title: Nhiệm vụ\n      sections:\n");
    for i in 1..=3000 {
        plan.push_str(&format!(
            "        - title: Nhiệm vụ số {i}\n          task:\n            - content: Hỗ trợ chủ thể số {i} hoàn thiện hồ sơ sản phẩm.\n            - units: [snnmt]\n            - timeline: continuous\n"
        ));
    }
    plan.push_str(tail);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dai.yaml");
    std::fs::write(&path, plan).unwrap();
    let out = ocop()
        .arg("render")
        .arg(&path)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("lỗi: kế hoạch ke-hoach.pdf quá dài để dựng: khoảng 1")
            && stderr.contains("tối đa 12.000"),
        "{stderr}"
    );
    assert!(!dir.path().join("out/dai/ke-hoach.pdf").exists());
}
