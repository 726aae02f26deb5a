//! The command line as a user meets it: the help of every command and the
//! usage errors are Vietnamese (snapshotted, and searched for clap's
//! English), `help <lệnh>` is the command's help, comma lists are read,
//! and the shell completion scripts are written.

use crate::common;

use std::process::Output;

use common::ocop;

const COMMANDS: &[&str] = &[
    "render",
    "check",
    "watch",
    "certificates",
    "register",
    "new",
    "import",
    "schema",
    "templates",
    "completions",
    "help",
];

fn run(args: &[&str]) -> Output {
    ocop().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Words clap prints in English when its defaults are left in place.
fn assert_no_english(text: &str) {
    for english in [
        "Usage",
        "[OPTIONS]",
        "Options:",
        "Arguments:",
        "Commands:",
        "[default",
        "[possible values",
        "tip:",
        "For more information",
        "error:",
        "Print help",
        "Print version",
        "unexpected argument",
        "invalid value",
        "required",
    ] {
        assert!(!text.contains(english), "{english:?} in:\n{text}");
    }
}

#[test]
fn help_of_every_command_is_vietnamese() {
    let top = run(&["--help"]);
    assert_eq!(top.status.code(), Some(0));
    assert_no_english(&stdout(&top));
    insta::assert_snapshot!("help", stdout(&top));
    for name in COMMANDS {
        let o = run(&[name, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{name}");
        let text = stdout(&o);
        assert_no_english(&text);
        insta::assert_snapshot!(format!("help-{name}"), text);
        // `ocop help <lệnh>` says the same.
        let via_help = run(&["help", name]);
        assert_eq!(via_help.status.code(), Some(0), "help {name}");
        assert_eq!(stdout(&via_help), text, "help {name}");
    }
    assert_eq!(stdout(&run(&["help"])), stdout(&top));
}

#[test]
fn usage_errors_are_vietnamese() {
    let cases: &[(&str, &[&str])] = &[
        ("unknown-option", &["render", "--outt", "x", "plans"]),
        ("unknown-command", &["rendr", "plans"]),
        ("missing-input", &["render"]),
        (
            "bad-kind",
            &["render", "--only", "plan,quyet-dinh", "plans"],
        ),
        ("missing-value", &["render", "plans", "--format"]),
        ("bad-shell", &["completions", "cmd"]),
        ("help-unknown-command", &["help", "xuat"]),
        (
            "option-of-another-command",
            &["check", "--emit-typ", "plans"],
        ),
        ("extra-argument", &["new", "ke-hoach", "a.yaml", "b.yaml"]),
    ];
    for (name, args) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        let text = stderr(&o);
        assert!(text.starts_with("lỗi: "), "{args:?}:\n{text}");
        assert_no_english(&text);
        insta::assert_snapshot!(format!("usage-{name}"), text);
    }
    // With no command at all: the help, as a usage error.
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert_no_english(&stderr(&o));
}

#[test]
fn only_takes_a_comma_list() {
    let out = tempfile::tempdir().unwrap();
    let o = ocop()
        .args([
            "render",
            "plans/lai-chau-2027.yaml",
            "--only",
            "plan,decision",
        ])
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut names = common::printed_names(&o.stdout);
    names.sort();
    assert!(names.contains(&"ke-hoach.pdf".to_string()), "{names:?}");
    assert!(
        names.iter().any(|n| n.starts_with("quyet-dinh")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.starts_with("cong-van")),
        "{names:?}"
    );
}

#[test]
fn only_leaving_everything_out_says_what_the_file_has() {
    let out = tempfile::tempdir().unwrap();
    let o = ocop()
        .args([
            "render",
            "plans/certificates/lai-chau-2027-dot-1.yaml",
            "--only",
            "plan",
        ])
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    let text = stderr(&o);
    assert!(
        text.contains("cảnh báo: tệp không có văn bản nào thuộc loại đã chọn (--only plan)"),
        "{text}"
    );
    assert!(text.contains("--only certificate"), "{text}");
}

#[test]
fn completions_for_every_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef ocop"),
        ("fish", "complete -c ocop"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let o = run(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        assert!(script.contains(marker), "{shell}:\n{script}");
        for word in ["render", "watch", "only", "font-path", "certificate"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
    }
    // The bash script is valid bash, and completes the commands.
    let o = run(&["completions", "bash"]);
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("ocop.bash");
    std::fs::write(&script, &o.stdout).unwrap();
    let probe = format!(
        "source {}; COMP_WORDS=(ocop wa); COMP_CWORD=1; COMP_LINE='ocop wa'; COMP_POINT=7; _ocop ocop wa ocop; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display()
    );
    if let Ok(out) = std::process::Command::new("bash")
        .args(["-c", &probe])
        .output()
    {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "watch");
    }
}

#[test]
fn every_command_that_writes_takes_out_and_output_alike() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str]); 3] = [
        (
            "render",
            &["render", "plans/ha-tinh-2020.yaml", "--only", "plan"],
        ),
        ("schema", &["schema"]),
        ("import", &["import", "khong-co-tep-nay.txt"]),
    ];
    for (name, args) in cases {
        let help = String::from_utf8(run(&[name, "--help"]).stdout).unwrap();
        assert!(help.contains("-o, --out <"), "{name}: {help}");
        assert!(!help.contains("--output"), "{name}: {help}");
        let target = dir.path().join(format!("{name}-ket-qua"));
        let o = ocop()
            .args(args)
            .arg("--output")
            .arg(&target)
            .output()
            .unwrap();
        if name == "import" {
            // Read as an option: the error is the missing input, not the usage.
            assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
            assert!(
                stderr(&o).contains("khong-co-tep-nay.txt"),
                "{}",
                stderr(&o)
            );
            continue;
        }
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        assert!(target.exists(), "{name}: nothing at {}", target.display());
    }
}
