//! Working on templates: a Typst error in the user's template is shown at
//! its line of the template, with the line and a caret; `--emit-typ`
//! writes the layout libraries (and a certificate's images) beside each
//! `.typ`, so it compiles on its own.

use crate::common;

use std::path::Path;

use common::ocop;
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;

/// The built-in templates copied into `dir`, as `ocop templates` writes them.
fn copy_templates(dir: &Path) {
    let o = ocop().arg("templates").arg(dir).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_template_error_shows_the_template_line_and_a_caret() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("mau");
    copy_templates(&templates);
    let plan = templates.join("plan.typ.tera");
    let body = std::fs::read_to_string(&plan).unwrap();
    let title = body
        .lines()
        .position(|l| l.starts_with("#nd30-title("))
        .expect("the plan template has a title line");
    let mut lines: Vec<&str> = body.lines().collect();
    lines.insert(title + 1, "  #khong-co-ham(1)");
    std::fs::write(&plan, lines.join("\n")).unwrap();
    let stderr = plan_fails_with(&templates, tmp.path());
    let line = title + 2;
    assert!(
        stderr.contains(&format!("plan.typ.tera:{line}:4")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{line} |   #khong-co-ham(1)\n")),
        "{stderr}"
    );
    assert!(stderr.contains("|    ^\n"), "{stderr}");
    assert!(stderr.contains("không phải của tệp YAML"), "{stderr}");
}

#[test]
fn a_library_error_points_at_the_users_library() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("mau");
    copy_templates(&templates);
    let library = templates.join("nd30.typ");
    let mut body = std::fs::read_to_string(&library).unwrap();
    body.push_str("\n#let hong = (1 +)\n");
    let line = body.lines().count();
    std::fs::write(&library, body).unwrap();
    let stderr = plan_fails_with(&templates, tmp.path());
    assert!(stderr.contains(&format!("nd30.typ:{line}:")), "{stderr}");
    assert!(stderr.contains("#let hong = (1 +)"), "{stderr}");
}

/// Renders an example plan with the user's `templates`, which must fail
/// (exit code 1); what it printed on stderr.
fn plan_fails_with(templates: &Path, tmp: &Path) -> String {
    let o = ocop()
        .args(["render", "plans/tua-chua-2023.yaml", "--only", "plan"])
        .arg("--templates")
        .arg(templates)
        .arg("--out")
        .arg(tmp.join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    stderr
}

/// Compiles `typ` as `typst compile` would in its folder: the folder is
/// the root, and only files in it can be read.
fn compiles_on_its_own(typ: &Path) {
    let folder = typ.parent().unwrap();
    let name = typ.file_name().unwrap().to_str().unwrap();
    let fonts: Vec<&[u8]> = vec![
        include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
        include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
        include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
        include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
    ];
    let engine = TypstEngine::builder()
        .fonts(fonts)
        .with_file_system_resolver(folder)
        .build();
    let result = engine.compile::<_, PagedDocument>(format!("/{name}").as_str());
    match result.output {
        Ok(doc) => assert!(!doc.pages().is_empty(), "{typ:?}"),
        Err(e) => panic!("{typ:?} does not compile on its own: {e:?}"),
    }
}

#[test]
fn emitted_typst_compiles_on_its_own() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    for yaml in [
        "plans/tua-chua-2023.yaml",
        "plans/certificates/lai-chau-2027-dot-1.yaml",
    ] {
        let o = ocop()
            .args(["render", yaml, "--emit-typ", "--out"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let plan = out.join("tua-chua-2023/ke-hoach.typ");
    assert!(out.join("tua-chua-2023/nd30.typ").is_file());
    compiles_on_its_own(&plan);
    let certificates = out.join("lai-chau-2027-dot-1/giay-chung-nhan");
    let first = std::fs::read_dir(&certificates)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .min()
        .expect("a certificate's folder");
    for companion in ["certificate.typ", "nd30.typ", "qr.png"] {
        assert!(first.join(companion).is_file(), "{companion} in {first:?}");
    }
    let stem = first.file_name().unwrap().to_str().unwrap();
    compiles_on_its_own(&first.join(format!("{stem}.typ")));
}

#[test]
fn a_template_error_is_reported_once_for_all_certificates() {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("mau");
    copy_templates(&templates);
    let certificate = templates.join("certificate.typ.tera");
    let mut body = std::fs::read_to_string(&certificate).unwrap();
    body.push_str("\n#khong-co-ham(1)\n");
    std::fs::write(&certificate, body).unwrap();
    for merge in [false, true] {
        let mut command = ocop();
        command
            .args([
                "certificates",
                "plans/certificates/lai-chau-2027-dot-1.yaml",
            ])
            .arg("--templates")
            .arg(&templates)
            .arg("--out")
            .arg(tmp.path().join("out"));
        if merge {
            command.arg("--merge");
        }
        let o = command.output().unwrap();
        let stderr = String::from_utf8(o.stderr).unwrap();
        assert_eq!(o.status.code(), Some(1), "{stderr}");
        assert_eq!(stderr.matches("#khong-co-ham(1)").count(), 1, "{stderr}");
        assert!(stderr.contains("(cùng lỗi ở 5 văn bản: "), "{stderr}");
    }
}
