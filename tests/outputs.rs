//! What a run leaves on disk: the forms asked for, one folder per input
//! even when two inputs share a name, only today's set of files, and no
//! crash when the reader of its output goes away.

use crate::common;

use std::path::Path;
use std::process::Stdio;

use common::{ocop, printed_names, root};

fn names(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| !n.starts_with('.'))
        .collect();
    n.sort();
    n
}

#[test]
fn word_files_are_written_when_asked_and_certificates_stay_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let out = ocop()
        .args([
            "render",
            "plans/ha-tinh-2020.yaml",
            "plans/dot-2-2027/cong-nhan-dot-2.yaml",
        ])
        .args(["--format", "docx", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(names(&dir.path().join("ha-tinh-2020")), ["ke-hoach.docx"]);
    assert_eq!(
        names(&dir.path().join("cong-nhan-dot-2")),
        ["quyet-dinh-cong-nhan-dot-2.docx"]
    );
    assert!(
        stderr.contains("giấy chứng nhận chỉ có bản PDF"),
        "{stderr}"
    );
    let docx = std::fs::read(dir.path().join("ha-tinh-2020/ke-hoach.docx")).unwrap();
    assert!(docx.starts_with(b"PK"), "a zip package");

    // Both forms at once; the Word files of the first run are kept.
    let out = ocop()
        .args([
            "render",
            "plans/ha-tinh-2020.yaml",
            "--format",
            "pdf,docx",
            "--out",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        printed_names(&out.stdout),
        ["ke-hoach.docx", "ke-hoach.pdf"]
    );
    let out = ocop()
        .args(["render", "plans/ha-tinh-2020.yaml", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        names(&dir.path().join("ha-tinh-2020")),
        ["ke-hoach.docx", "ke-hoach.pdf"],
        "a PDF run leaves the Word file alone"
    );
}

#[test]
fn same_named_inputs_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    for year in ["2027", "2028"] {
        let folder = dir.path().join(year);
        std::fs::create_dir(&folder).unwrap();
        std::fs::copy(
            root().join("plans/ha-tinh-2020.yaml"),
            folder.join("ke-hoach.yaml"),
        )
        .unwrap();
    }
    let out = ocop()
        .arg("render")
        .arg(dir.path().join("2027/ke-hoach.yaml"))
        .arg(dir.path().join("2028/ke-hoach.yaml"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        names(&dir.path().join("out")),
        ["2027-ke-hoach", "2028-ke-hoach"]
    );
}

#[test]
fn a_shorter_list_leaves_no_stale_certificates_and_the_users_files_stay() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(root().join("plans/certificates/lai-chau-2027-dot-1.yaml"))
        .unwrap()
        .replace("san-pham-dot-1.csv", "ds.csv");
    std::fs::write(dir.path().join("gcn.yaml"), yaml).unwrap();
    let csv =
        std::fs::read_to_string(root().join("plans/certificates/san-pham-dot-1.csv")).unwrap();
    std::fs::write(dir.path().join("ds.csv"), &csv).unwrap();
    let run = || {
        ocop()
            .arg("certificates")
            .arg(dir.path().join("gcn.yaml"))
            .arg("--out")
            .arg(dir.path().join("out"))
            .output()
            .unwrap()
    };
    assert!(run().status.success());
    let folder = dir.path().join("out/gcn/giay-chung-nhan");
    assert_eq!(names(&folder).len(), 5);
    std::fs::write(folder.join("ghi-chu-cua-van-phong.txt"), b"x").unwrap();
    // Two products fewer.
    let shorter: Vec<&str> = csv.lines().take(4).collect();
    std::fs::write(dir.path().join("ds.csv"), shorter.join("\n")).unwrap();
    let out = run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("xóa 2 tệp của lần dựng trước"), "{stderr}");
    let left = names(&folder);
    assert_eq!(left.len(), 4, "{left:?}");
    assert!(left.contains(&"ghi-chu-cua-van-phong.txt".to_string()));
}

#[test]
fn a_closed_output_pipe_is_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = ocop()
        .args(["render", "plans/ha-tinh-2020.yaml", "--out"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before anything is printed (`ocop … | head -0`).
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
