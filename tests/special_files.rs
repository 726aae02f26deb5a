//! Hostile files, third batch: what is not a regular file, what leads
//! outside its folder, what would replace the user's own work, and user
//! templates that never end. Each case ends quickly with a Vietnamese
//! error naming the file (snapshots), and touches nothing it must not.
#![cfg(unix)]

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, ocop, root};

/// `ocop args…` run in `dir`, killed (and the test failed) if it is still
/// running after `limit`: a hang is the failure these cases guard against.
fn run_in(dir: &Path, args: &[&str], limit: Duration) -> Output {
    run_with(ocop(), dir, args, limit)
}

/// [`run_in`] with a command already set up (its environment).
fn run_with(mut cmd: Command, dir: &Path, args: &[&str], limit: Duration) -> Output {
    cmd.current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            child.kill().unwrap();
            panic!("ocop {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const QUICK: Duration = Duration::from_secs(60);

fn with_plan() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("plans/yen-bai-2024.yaml"),
        dir.path().join("p.yaml"),
    )
    .unwrap();
    dir
}

#[test]
fn a_template_linked_from_outside_its_folder_is_refused() {
    let dir = with_plan();
    let d = dir.path();
    std::fs::write(d.join("rieng-tu.txt"), "NOI-DUNG-RIENG-TU").unwrap();
    std::fs::create_dir(d.join("mau")).unwrap();
    std::os::unix::fs::symlink(d.join("rieng-tu.txt"), d.join("mau/plan.typ.tera")).unwrap();
    let o = run_in(
        d,
        &["render", "p.yaml", "--templates", "mau", "-o", "out"],
        QUICK,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(!d.join("out").exists(), "nothing rendered");
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn an_output_onto_a_device_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::os::unix::fs::symlink("/dev/null", d.join("ocop.schema.json")).unwrap();
    let o = run_in(d, &["schema", "-o", "ocop.schema.json"], QUICK);
    assert_eq!(o.status.code(), Some(1));
    let link = std::fs::symlink_metadata(d.join("ocop.schema.json")).unwrap();
    assert!(link.is_symlink(), "the link is left as it was");
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn a_named_pipe_as_plan_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let made = Command::new("mkfifo")
        .arg(d.join("p.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    let o = run_in(d, &["render", "p.yaml", "-o", "out"], QUICK);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn a_plan_linked_to_dev_zero_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::os::unix::fs::symlink("/dev/zero", d.join("p.yaml")).unwrap();
    let o = run_in(d, &["check", "p.yaml"], QUICK);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn a_folder_named_like_a_plan_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("x.yaml")).unwrap();
    let o = run_in(d, &["render", "x.yaml"], QUICK);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn a_nul_byte_is_located_on_its_line() {
    let dir = with_plan();
    let d = dir.path();
    let text = std::fs::read_to_string(d.join("p.yaml")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines[8].push('\0');
    std::fs::write(d.join("p.yaml"), lines.join("\n")).unwrap();
    let o = run_in(d, &["check", "p.yaml"], QUICK);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn customised_templates_are_not_overwritten_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(run_in(d, &["templates", "mau"], QUICK).status.success());
    // Run again on untouched copies: nothing of the user's is lost.
    assert!(run_in(d, &["templates", "mau"], QUICK).status.success());
    let plan = d.join("mau/plan.typ.tera");
    std::fs::write(&plan, "mẫu của văn phòng").unwrap();
    let o = run_in(d, &["templates", "mau"], QUICK);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), "mẫu của văn phòng");
    insta::assert_snapshot!(stderr(&o));
    assert!(
        run_in(d, &["templates", "--force", "mau"], QUICK)
            .status
            .success()
    );
    assert_ne!(std::fs::read_to_string(&plan).unwrap(), "mẫu của văn phòng");
}

#[test]
fn another_product_list_is_written_beside_the_previous_batch() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in ["lai-chau-2027-dot-1.yaml", "san-pham-dot-1.csv"] {
        std::fs::copy(root().join("plans/certificates").join(f), d.join(f)).unwrap();
    }
    let csv = std::fs::read_to_string(d.join("san-pham-dot-1.csv")).unwrap();
    let two: Vec<&str> = csv.lines().take(3).collect();
    std::fs::write(d.join("bo-sung.csv"), two.join("\n")).unwrap();
    let yaml = "lai-chau-2027-dot-1.yaml";
    assert!(
        run_in(d, &["certificates", yaml, "-o", "out"], QUICK)
            .status
            .success()
    );
    let first = d.join("out/lai-chau-2027-dot-1/giay-chung-nhan");
    let count = |p: &Path| std::fs::read_dir(p).map(|r| r.count()).unwrap_or(0);
    assert_eq!(count(&first), 5);
    let o = run_in(
        d,
        &[
            "certificates",
            yaml,
            "--products",
            "bo-sung.csv",
            "-o",
            "out",
        ],
        QUICK,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(count(&first), 5, "the previous batch is kept");
    assert_eq!(
        count(&d.join("out/lai-chau-2027-dot-1-bo-sung/giay-chung-nhan")),
        2
    );
}

/// A batch that cannot be written in full (here one certificate's file is
/// in the way: a folder of that name; a full disk fails the same way)
/// removes nothing of the previous batch, and the summary says so.
#[test]
fn a_batch_not_written_in_full_keeps_the_previous_one_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let yaml = std::fs::read_to_string(root().join("plans/certificates/lai-chau-2027-dot-1.yaml"))
        .unwrap()
        .replace("san-pham-dot-1.csv", "ds.csv");
    std::fs::write(d.join("gcn.yaml"), yaml).unwrap();
    let csv =
        std::fs::read_to_string(root().join("plans/certificates/san-pham-dot-1.csv")).unwrap();
    std::fs::write(d.join("ds.csv"), &csv).unwrap();
    let args = ["certificates", "gcn.yaml", "-o", "out"];
    assert!(run_in(d, &args, QUICK).status.success());
    let folder = d.join("out/gcn/giay-chung-nhan");
    let mut before: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    before.sort();
    assert_eq!(before.len(), 5);
    // Two products fewer, and the first one's file is now a folder.
    let shorter: Vec<&str> = csv.lines().take(4).collect();
    std::fs::write(d.join("ds.csv"), shorter.join("\n")).unwrap();
    std::fs::remove_file(&before[0]).unwrap();
    std::fs::create_dir(&before[0]).unwrap();
    std::fs::write(before[0].join("giu.txt"), "x").unwrap();
    let o = run_in(d, &args, QUICK);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    for old in &before[1..] {
        assert!(old.is_file(), "{old:?} kept");
    }
    insta::assert_snapshot!(stderr(&o));
}

/// A block pasted ten thousand times: the same error is shown twenty
/// times, the others counted with their lines, not printed one by one.
#[test]
fn the_same_error_ten_thousand_times_is_one_screen() {
    let dir = with_plan();
    let d = dir.path();
    let plan = std::fs::read_to_string(d.join("p.yaml")).unwrap();
    std::fs::write(d.join("p.yaml"), plan + &"issuer: x\n".repeat(10_000)).unwrap();
    let o = run_in(d, &["check", "p.yaml"], QUICK);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("\nlỗi: ").count() + 1, 20, "{err}");
    let last = err.lines().rev().nth(2).unwrap();
    assert!(
        last.starts_with(
            "… và 9980 chỗ khác trong p.yaml cùng lỗi “trường `issuer` được khai báo hai lần"
        ),
        "{last}"
    );
}

/// A plan template with `extra` added at its end.
fn template_with(d: &Path, extra: &str) {
    std::fs::create_dir(d.join("mau")).unwrap();
    let plan = std::fs::read_to_string(root().join("templates/plan.typ.tera")).unwrap();
    std::fs::write(d.join("mau/plan.typ.tera"), format!("{plan}\n{extra}\n")).unwrap();
}

#[test]
fn a_template_producing_too_much_stops_at_its_limit() {
    let dir = with_plan();
    let d = dir.path();
    template_with(
        d,
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}xxxxxxxxxxxxxxxx{% endfor %}{% endfor %}",
    );
    let args = ["render", "p.yaml", "--only", "plan", "--templates", "mau"];
    let o = run_in(d, &args, QUICK);
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn a_template_laying_out_endless_pages_is_stopped() {
    let dir = with_plan();
    let d = dir.path();
    template_with(
        d,
        "{% for i in range(end=100000) %}#pagebreak(weak: false) x {% endfor %}",
    );
    let mut cmd = ocop();
    cmd.env("OCOP_STEP_LIMIT_SECS", "2");
    let o = cmd
        .current_dir(d)
        .args(["render", "p.yaml", "--only", "plan", "--templates", "mau"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&o));
}

/// A template growing a string in `{% set %}` without printing it: each
/// pass doubles it, past any memory within a few passes. The run ends with
/// the template and the document named, having held at most the budget.
#[test]
fn a_template_growing_an_unprinted_string_stops_at_its_memory_budget() {
    let dir = with_plan();
    let d = dir.path();
    template_with(
        d,
        "{% set s = \"0123456789abcdef\" %}{% for i in range(end=60) %}{% set_global s = s ~ s %}{% endfor %}",
    );
    let args = ["render", "p.yaml", "--only", "plan", "--templates", "mau"];
    let o = run_in(d, &args, QUICK);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!d.join("out").join("p").join("ke-hoach.pdf").exists());
    insta::assert_snapshot!(stderr(&o));
}

/// A template looping ten billion times without writing a byte: no
/// output check ever runs, the watchdog's deadline ends it.
#[test]
fn a_template_looping_without_printing_is_stopped_at_its_deadline() {
    let dir = with_plan();
    let d = dir.path();
    template_with(
        d,
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% set x = j %}{% endfor %}{% endfor %}",
    );
    let mut cmd = ocop();
    cmd.env("OCOP_STEP_LIMIT_SECS", "2");
    let args = ["render", "p.yaml", "--only", "plan", "--templates", "mau"];
    let started = Instant::now();
    let o = run_with(cmd, d, &args, QUICK);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(started.elapsed() < Duration::from_secs(30));
    insta::assert_snapshot!(stderr(&o));
}

#[test]
fn an_overlong_word_breaks_inside_the_margin() {
    let dir = with_plan();
    let d = dir.path();
    let word = "Phươngánsảnxuất".repeat(8);
    let text = std::fs::read_to_string(d.join("p.yaml")).unwrap();
    let text = text.replacen("  intro: >-\n", &format!("  intro: >-\n    {word}\n"), 1);
    std::fs::write(d.join("p.yaml"), text).unwrap();
    let (markup, pdf) = common::render(&d.join("p.yaml"));
    assert!(
        markup.matches("#box[Phươ").count() >= 8,
        "set as short boxes"
    );
    // Every letter is printed (the word continues on the next line).
    let printed: String = common::pdf_text(&pdf).split_whitespace().collect();
    assert!(printed.contains(&word), "the whole word is on the page");
}

/// The certificates YAML beside a product list `csv`; (stderr, exit code,
/// certificates written).
fn certificates_from(csv: &str) -> (String, Option<i32>, usize) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let yaml = "lai-chau-2027-dot-1.yaml";
    std::fs::copy(root().join("plans/certificates").join(yaml), d.join(yaml)).unwrap();
    std::fs::write(d.join("ds.csv"), csv).unwrap();
    let args = ["certificates", yaml, "--products", "ds.csv", "-o", "out"];
    let o = run_in(d, &args, QUICK);
    let written = std::fs::read_dir(d.join("out/lai-chau-2027-dot-1-ds/giay-chung-nhan"))
        .map(|r| r.count())
        .unwrap_or(0);
    (stderr(&o), o.status.code(), written)
}

const HEADER: &str =
    "STT,Tên sản phẩm,Chủ thể,Địa chỉ,Nhóm sản phẩm,Điểm,Hạng sao,Số giấy chứng nhận,Ghi chú\n";

/// Cells are checked as YAML text is: a character the font lacks is
/// refused, a row typed with another delimiter is named as such, and rows
/// are numbered as the spreadsheet shows them (the multi-line cell of row
/// 2 does not shift row 3).
#[test]
fn spreadsheet_cells_are_checked_as_yaml_text_is() {
    let csv = format!(
        "{HEADER}1,\"Chè 漢 😀\nShan tuyết\",HTX A,xã A,1,80,4 sao,01/2027/GCN-OCOP,\n\
         2;Gạo;HTX B;xã B;1;80;4 sao;02/2027/GCN-OCOP;\n\
         3,Mật ong,HTX C,xã C,1,80,4 sao,03/2027/GCN-OCOP,\n"
    );
    let (err, code, written) = certificates_from(&csv);
    assert_eq!((code, written), (Some(1), 1), "{err}");
    insta::assert_snapshot!(err);
}

/// A row number filled down far past the list: the products are rendered,
/// the filled rows named in one warning.
#[test]
fn a_row_number_filled_down_a_whole_column_is_passed_over() {
    let mut csv = format!(
        "{HEADER}1,Chè,HTX A,xã A,1,80,4 sao,01/2027/GCN-OCOP,\n\
         2,Gạo,HTX B,xã B,1,80,4 sao,02/2027/GCN-OCOP,\n"
    );
    for i in 3..=200_000 {
        csv.push_str(&format!("{i},,,,,,,,\n"));
    }
    let (err, code, written) = certificates_from(&csv);
    assert_eq!((code, written), (Some(0), 2), "{err}");
    insta::assert_snapshot!(err);
}

/// The files a plan names beside itself (a logo, the office's table of
/// communes) are refused, not waited on, when they are named pipes.
#[test]
fn named_pipes_named_by_a_plan_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for name in ["logo.png", "xa.tsv"] {
        let made = Command::new("mkfifo").arg(d.join(name)).status().unwrap();
        assert!(made.success());
    }
    let register = "issuer:\n  level: province\n  name: Lai Châu\nregister:\n  communes_file: xa.tsv\n  products: []\n";
    std::fs::write(d.join("nam.yaml"), register).unwrap();
    let o = run_in(d, &["check", "nam.yaml"], QUICK);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không phải tệp thường"),
        "{}",
        stderr(&o)
    );
    let plans = root().join("plans/certificates");
    std::fs::copy(
        plans.join("san-pham-dot-1.csv"),
        d.join("san-pham-dot-1.csv"),
    )
    .unwrap();
    let plan = std::fs::read_to_string(plans.join("lai-chau-2027-dot-1.yaml")).unwrap();
    let plan = plan.replace("  products_file:", "  logo: logo.png\n  products_file:");
    std::fs::write(d.join("p.yaml"), plan).unwrap();
    let o = run_in(d, &["check", "p.yaml"], QUICK);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("không phải tệp thường"),
        "{}",
        stderr(&o)
    );
}
