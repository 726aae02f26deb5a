//! `ocop watch` with real file system events: a plan is rendered, changed
//! (written in place), broken, and fixed by a save that renames a new file
//! over the old one (as VS Code, Notepad++ and vim do); each save renders
//! again or says what is wrong, and watching goes on. Every wait is bounded,
//! generously, for a loaded machine; none sleeps a fixed time to pass.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use common::{ocop, pdf_text, root};

/// The first render loads fonts and compiles a debug build's Typst.
const FIRST: Duration = Duration::from_secs(180);
/// A later save, on a machine other builds are using.
const LATER: Duration = Duration::from_secs(90);

/// The watcher, killed when the test ends however it ends.
struct Watcher {
    child: Child,
    lines: Receiver<String>,
    /// Everything it printed to stderr so far, for failure messages.
    seen: Vec<String>,
}

impl Drop for Watcher {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watcher {
    fn start(yaml: &Path, out: &Path) -> Watcher {
        Watcher::start_with(yaml, out, &["--only", "plan"])
    }

    fn start_with(yaml: &Path, out: &Path, args: &[&str]) -> Watcher {
        let mut child = ocop()
            .arg("watch")
            .args(args)
            .arg("--out")
            .arg(out)
            .arg(yaml)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watcher {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// The lines printed until one contains `wanted` (that one included).
    fn until(&mut self, wanted: &str, timeout: Duration) -> Vec<String> {
        let deadline = Instant::now() + timeout;
        let mut got = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    let done = line.contains(wanted);
                    got.push(line);
                    if done {
                        return got;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no line with {wanted:?} within {timeout:?}; printed:\n{}",
                    self.seen.join("\n")
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "ocop watch ended ({:?}) before printing {wanted:?}; printed:\n{}",
                    self.child.try_wait(),
                    self.seen.join("\n")
                ),
            }
        }
    }
}

fn text_of(pdf: &Path) -> String {
    common::folded(&pdf_text(&std::fs::read(pdf).unwrap()))
}

#[test]
fn watch_renders_on_change_reports_a_break_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("ke-hoach-thu.yaml");
    let out = dir.path().join("out");
    let original = std::fs::read_to_string(root().join("plans/tua-chua-2023.yaml")).unwrap();
    let title = "huyện Tủa Chùa năm 2023";
    assert!(original.contains(title));
    let with_title =
        |year: &str| original.replacen(title, &format!("huyện Tủa Chùa năm {year}"), 1);
    std::fs::write(&yaml, with_title("2091")).unwrap();
    let pdf = out.join("ke-hoach-thu/ke-hoach.pdf");

    let mut w = Watcher::start(&yaml, &out);
    w.until("đã ghi 1 tệp PDF", FIRST);
    w.until("đang theo dõi", LATER);
    assert!(text_of(&pdf).contains("2091"));

    // A change, written in place.
    std::fs::write(&yaml, with_title("2092")).unwrap();
    w.until("đã ghi 1 tệp PDF", LATER);
    let text = text_of(&pdf);
    assert!(text.contains("2092") && !text.contains("2091"), "{text}");

    // A break: the error is said with its line, the PDF stays as it was.
    let broken = with_title("2093").replacen("issuer:", "issuer: [", 1);
    std::fs::write(&yaml, broken).unwrap();
    let said = w.until("có lỗi, chưa dựng lại", LATER).join("\n");
    assert!(said.contains("lỗi:"), "{said}");
    assert!(said.contains("ke-hoach-thu.yaml:"), "{said}");
    assert!(text_of(&pdf).contains("2092"));

    // The fix, saved the way many editors save: a new file renamed over it.
    let tmp = dir.path().join(".ke-hoach-thu.yaml.tmp");
    std::fs::write(&tmp, with_title("2094")).unwrap();
    std::fs::rename(&tmp, &yaml).unwrap();
    w.until("đã ghi 1 tệp PDF", LATER);
    let text = text_of(&pdf);
    assert!(text.contains("2094"), "{text}");

    // vim's way: the old file moved aside, a new one written in its place.
    std::fs::rename(&yaml, dir.path().join("ke-hoach-thu.yaml~")).unwrap();
    std::fs::write(&yaml, with_title("2095")).unwrap();
    w.until("đã ghi 1 tệp PDF", LATER);
    assert!(text_of(&pdf).contains("2095"));

    // Still watching: nothing ended it.
    assert!(
        w.child.try_wait().unwrap().is_none(),
        "{}",
        w.seen.join("\n")
    );
    assert!(
        !w.seen.iter().any(|l| l.contains("panicked")),
        "{}",
        w.seen.join("\n")
    );
}

/// A watched plan that is a link to a file in another folder: saving the
/// file it leads to renders again.
#[cfg(unix)]
#[test]
fn watch_follows_a_link_to_the_file_saved() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = dir.path().join("ban-goc");
    std::fs::create_dir(&elsewhere).unwrap();
    let target = elsewhere.join("ke-hoach.yaml");
    let original = std::fs::read_to_string(root().join("plans/tua-chua-2023.yaml")).unwrap();
    let title = "huyện Tủa Chùa năm 2023";
    let with_title =
        |year: &str| original.replacen(title, &format!("huyện Tủa Chùa năm {year}"), 1);
    std::fs::write(&target, with_title("2081")).unwrap();
    let link = dir.path().join("lien-ket.yaml");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out = dir.path().join("out");
    let pdf = out.join("lien-ket/ke-hoach.pdf");

    let mut w = Watcher::start(&link, &out);
    w.until("đã ghi 1 tệp PDF", FIRST);
    w.until("đang theo dõi", LATER);
    std::fs::write(&target, with_title("2082")).unwrap();
    w.until("đã ghi 1 tệp PDF", LATER);
    assert!(text_of(&pdf).contains("2082"));
}

/// The files under `dir`, at any depth.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// SIGTERM (a logout, `systemctl stop`, `kill`) while the watcher is
/// writing a year's documents: it stops, and leaves no temporary file and
/// no half-written PDF or Word file behind.
#[cfg(unix)]
#[test]
fn sigterm_during_a_watch_render_leaves_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let year = root().join("plans/nam-2027");
    for f in ["lai-chau-ca-nam-2027.yaml", "so-dang-ky.csv"] {
        std::fs::copy(year.join(f), dir.path().join(f)).unwrap();
    }
    let yaml = dir.path().join("lai-chau-ca-nam-2027.yaml");
    let out = dir.path().join("out");
    let mut w = Watcher::start_with(&yaml, &out, &["--format", "pdf,docx"]);
    // The first files are on disk: the render of the others is under way.
    let deadline = Instant::now() + FIRST;
    while !files_under(&out)
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "pdf" || e == "docx"))
    {
        assert!(Instant::now() < deadline, "nothing written: {:?}", w.seen);
        std::thread::sleep(Duration::from_millis(5));
    }
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &w.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let said = w.until("đã dừng theo dõi", LATER).join("\n");
    assert!(
        said.contains("đã dừng theo yêu cầu"),
        "stopped mid-render: {said}"
    );
    assert!(!said.contains("đang theo dõi"), "{said}");
    let status = w.child.wait().unwrap();
    assert!(!status.success(), "{said}");
    let files = files_under(&out);
    let temporary: Vec<_> = files
        .iter()
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".ocop-")
        })
        .collect();
    assert!(temporary.is_empty(), "{temporary:?}\n{said}");
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        let complete = match file.extension().and_then(|e| e.to_str()) {
            Some("pdf") => bytes.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF"),
            // A zip ends with its central directory's end record.
            Some("docx") => bytes.starts_with(b"PK") && tail.windows(4).any(|w| w == b"PK\x05\x06"),
            _ => true,
        };
        assert!(complete, "{file:?} is half-written\n{said}");
    }
}
