//! Hints that name the real fix. Each mistake below was once answered with
//! advice that does not fix it (usually "đặt trong ngoặc kép"), or with an
//! English parser message at the wrong line, or not at all. The whole
//! message of each is snapshotted by `errors::bad_inputs_snapshots`; here
//! the fix itself is asserted, so a reworded hint cannot lose it.

use crate::common::ocop;

fn check(path: &str) -> String {
    let out = ocop().args(["check", path]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{path}");
    String::from_utf8(out.stderr).unwrap()
}

fn errors(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.starts_with("lỗi: ")).count()
}

/// (file under tests/bad, the message, the fix its hint must show, the line)
const CASES: &[(&str, &str, &str, usize)] = &[
    (
        "yaml-amount-with-dots",
        "cần số nguyên không âm",
        "`amount: 1250000000`",
        22,
    ),
    (
        "yaml-score-decimal-comma",
        "số thập phân `78,5` viết bằng dấu phẩy",
        "`score: 78.5`",
        12,
    ),
    (
        "yaml-key-without-space",
        "thiếu dấu cách sau dấu hai chấm",
        "`name: Sở Y tế`",
        8,
    ),
    (
        "yaml-list-as-sentence",
        "cần một danh sách",
        "`support: [syt, sct]`",
        23,
    ),
    (
        "yaml-dash-without-space",
        "dấu gạch đầu dòng thiếu dấu cách",
        "`- Phân công cho các sở`",
        19,
    ),
    (
        "yaml-dash-without-space-as-text",
        "dấu gạch đầu dòng thiếu dấu cách",
        "`- Phân công cho các sở`",
        19,
    ),
    (
        "yaml-dash-folded-into-line-above",
        "YAML nối dòng này vào câu ở dòng trên",
        "`- Phân công cho các sở`",
        19,
    ),
    (
        "yaml-word-quotes-around-value",
        "dấu ngoặc kép kiểu Word",
        "'“province”'",
        2,
    ),
    (
        "yaml-list-in-list",
        "có một danh sách",
        "`- text: <ý>` rồi `list:`",
        18,
    ),
    (
        "regime-commune-recognises",
        "UBND cấp xã không ban hành quyết định công nhận",
        "issuer: level: province",
        9,
    ),
];

#[test]
fn each_misleading_hint_names_the_real_fix() {
    for (name, message, fix, line) in CASES {
        let path = format!("tests/bad/{name}.yaml");
        let stderr = check(&path);
        let first = stderr.split("\n\n").next().unwrap();
        assert!(first.contains(message), "{path}:\n{stderr}");
        assert!(
            first.contains(&format!("{path}:{line}:")),
            "{path}: at line {line}:\n{stderr}"
        );
        let hint = first
            .lines()
            .find_map(|l| l.trim().strip_prefix("= gợi ý: "))
            .unwrap_or_else(|| panic!("{path}: no hint:\n{stderr}"));
        assert!(hint.contains(fix), "{path}: the fix {fix}:\n{stderr}");
        // Quoting is never the first advice for these.
        assert!(
            !hint.starts_with("đặt") && !hint.contains("nên đặt trong ngoặc kép"),
            "{path}:\n{stderr}"
        );
        assert!(!stderr.contains("simple key"), "{path}:\n{stderr}");
    }
}

#[test]
fn the_commune_mistake_is_one_error_not_one_per_product() {
    let stderr = check("tests/bad/regime-commune-recognises.yaml");
    assert_eq!(errors(&stderr), 1, "{stderr}");
}

#[test]
fn a_tab_does_not_hide_the_other_problems() {
    let stderr = check("tests/bad/yaml-tab-with-other-problems.yaml");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("lỗi: ")).collect();
    assert_eq!(errors.len(), 3, "{stderr}");
    assert!(errors[0].contains("Tab"), "{stderr}");
    assert!(errors[1].contains("31/2/2027"), "{stderr}");
    assert!(errors[2].contains("`syt`"), "{stderr}");
    // Positions after the Tab are those of the file as written.
    assert!(
        stderr.contains("yaml-tab-with-other-problems.yaml:9:9"),
        "{stderr}"
    );
}

#[test]
fn a_tab_in_any_width_is_read_as_meant() {
    let plan =
        std::fs::read_to_string(crate::common::root().join("plans/tua-chua-2023.yaml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Tabs standing for 2, 4 and 8 spaces: each file still reads whole,
    // so the Tab is its only problem.
    for width in [2, 4, 8] {
        let spaces = " ".repeat(width);
        let tabbed: String = plan
            .lines()
            .map(|l| {
                let body = l.trim_start_matches(' ');
                let n = l.len() - body.len();
                let tabs = n / width;
                format!("{}{}{body}\n", "\t".repeat(tabs), &spaces[..n % width])
            })
            .collect();
        let path = dir.path().join(format!("tab-{width}.yaml"));
        std::fs::write(&path, tabbed).unwrap();
        let out = ocop().arg("check").arg(&path).output().unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(errors(&stderr), 1, "{width}:\n{stderr}");
        assert!(stderr.contains("ký tự Tab"), "{width}:\n{stderr}");
    }
}

#[test]
fn a_plan_notepad_saved_as_txt_is_named_with_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let plan = crate::common::root().join("plans/tua-chua-2023.yaml");
    std::fs::copy(&plan, dir.path().join("ke-hoach.yaml.txt")).unwrap();
    let out = ocop()
        .arg("check")
        .arg(dir.path().join("ke-hoach.yaml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("ke-hoach.yaml.txt"), "{stderr}");
    assert!(stderr.contains("bỏ đuôi .txt"), "{stderr}");
    // Named as it is, it is read.
    let out = ocop()
        .arg("check")
        .arg(dir.path().join("ke-hoach.yaml.txt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
