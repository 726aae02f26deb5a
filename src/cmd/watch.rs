//! `ocop watch`: render, then render again each time a file is saved,
//! until Ctrl-C. One session for the whole run (templates, fonts, the
//! Typst engine and its memo cache), so a re-render costs only the
//! documents that changed.
//!
//! Watching is `notify` through `notify-debouncer-full`: it keeps each
//! event's kind, so the opening and reading of a file (inotify reports
//! every open, ours included) can be told from a write; it joins the two
//! halves of a rename, which is how many editors save (write a temporary
//! file, rename it over the old one); and it collapses the several events
//! one save makes. The folders holding the files are watched rather than
//! the files, because a file replaced by a rename is a new file. What a
//! burst of events touched is read again and compared with what was last
//! rendered: an event that changed nothing renders nothing, and only the
//! documents whose content changed are laid out and written again.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use ocop::bulk;
use ocop::diag::{Diagnostic, display_path};
use ocop::doc::DocKind;
use ocop::load::LoadOptions;
use ocop::pipeline;
use ocop::session::{Options, Session};
use ocop::write::{self, outputs};

use super::{
    INPUT_ERRORS, INTERRUPTED, STOP, emit_companions, job, nothing_to_render, print_path,
    replace_owned, report, say, session, sets,
};
use crate::cli::{Format, Output, WatchArgs};

/// How long the debouncer holds an event before handing it over.
const DEBOUNCE: Duration = Duration::from_millis(40);
/// A save is over when its files have been quiet this long.
const SETTLE: Duration = Duration::from_millis(40);

/// How long a watched file may be missing in the middle of a save.
const REAPPEAR: Duration = Duration::from_millis(500);

enum Message {
    Events(DebounceEventResult),
    Stop,
}

/// One watched YAML file and what was last made of it.
struct Input {
    path: PathBuf,
    /// Its output folder.
    dir: PathBuf,
    /// The YAML and the files it names, as the watcher reports them.
    watched: Vec<PathBuf>,
    /// The files it names, as given to the pipeline.
    named: Vec<PathBuf>,
    /// What the YAML and the files it names held when last read.
    fingerprint: Option<u64>,
    /// Each document's content when its files were last written, by its
    /// first output file.
    written: HashMap<PathBuf, u64>,
    /// The files written beside emitted `.typ` files (`--emit-typ`).
    companions: BTreeSet<PathBuf>,
    /// Whether its PDF was opened (`--open`).
    opened: bool,
}

pub fn run(args: &WatchArgs) -> ExitCode {
    let options = Options {
        keep_documents: true,
        ..args.shared.options()
    };
    let session = match session(&options) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let files = pipeline::collect_inputs(&args.inputs);
    if files.is_empty() {
        report(&[super::check::no_yaml()]);
        return ExitCode::from(INPUT_ERRORS);
    }
    let (tx, rx) = mpsc::channel();
    let stop = tx.clone();
    let _ = ctrlc::set_handler(move || {
        STOP.store(true, Ordering::Relaxed);
        let _ = stop.send(Message::Stop);
    });
    let mut debouncer = match new_debouncer(DEBOUNCE, Some(DEBOUNCE / 4), move |r| {
        let _ = tx.send(Message::Events(r));
    }) {
        Ok(d) => d,
        Err(e) => {
            report(&[
                Diagnostic::error(format!("không theo dõi được thay đổi của tệp ({e})"))
                    .hint("dùng `ocop render` để dựng một lần"),
            ]);
            return ExitCode::from(INPUT_ERRORS);
        }
    };
    let dirs = outputs::folders(&args.output.out, &files);
    let mut inputs: Vec<Input> = files
        .iter()
        .zip(dirs)
        .map(|(path, dir)| Input {
            path: path.clone(),
            dir,
            watched: vec![absolute(path)],
            named: Vec::new(),
            fingerprint: None,
            written: HashMap::new(),
            companions: BTreeSet::new(),
            opened: false,
        })
        .collect();
    // Watching starts before the first render, so a save during it is
    // not missed (it renders again if it changed anything).
    let mut folders = BTreeSet::new();
    watch_folders(&mut debouncer, &inputs, &mut folders);
    for input in &mut inputs {
        refresh(&session, args, input);
    }
    watch_folders(&mut debouncer, &inputs, &mut folders);
    say(format!(
        "đang theo dõi {} tệp YAML (và các tệp chúng nhắc tới); lưu tệp để dựng lại, Ctrl-C để dừng.",
        inputs.len()
    ));
    'watching: while !STOP.load(Ordering::Relaxed) {
        let Ok(first) = rx.recv() else { break };
        let mut touched = BTreeSet::new();
        match first {
            Message::Stop => break,
            Message::Events(events) => changed_paths(events, &mut touched),
        }
        if !inputs.iter().any(|i| i.depends_on(&touched)) {
            continue;
        }
        // The rest of the save: wait until the files are quiet.
        let mut quiet_since = Instant::now();
        loop {
            match rx.recv_timeout(SETTLE.saturating_sub(quiet_since.elapsed())) {
                Ok(Message::Stop) => break 'watching,
                Ok(Message::Events(events)) => {
                    let before = touched.len();
                    changed_paths(events, &mut touched);
                    if touched.len() > before {
                        quiet_since = Instant::now();
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => break 'watching,
            }
        }
        for input in inputs.iter_mut().filter(|i| i.depends_on(&touched)) {
            if STOP.load(Ordering::Relaxed) {
                break 'watching;
            }
            refresh(&session, args, input);
        }
        watch_folders(&mut debouncer, &inputs, &mut folders);
        // Keep what this edit will reuse, drop what has not been used since.
        comemo::evict(10);
    }
    say("đã dừng theo dõi.");
    ExitCode::from(INTERRUPTED)
}

impl Input {
    fn depends_on(&self, touched: &BTreeSet<PathBuf>) -> bool {
        self.watched.iter().any(|p| touched.contains(p))
    }
}

/// The paths whose content may have changed, from a batch of events:
/// opening and reading a file is not a change.
fn changed_paths(events: DebounceEventResult, out: &mut BTreeSet<PathBuf>) {
    match events {
        Ok(events) => {
            for event in events {
                let read_only = matches!(
                    event.kind,
                    EventKind::Access(
                        AccessKind::Open(_)
                            | AccessKind::Read
                            | AccessKind::Close(AccessMode::Read | AccessMode::Execute)
                    )
                );
                if !read_only {
                    out.extend(event.paths.iter().cloned());
                }
            }
        }
        Err(errors) => {
            for e in errors {
                say(format!("cảnh báo: lỗi khi theo dõi thay đổi của tệp ({e})"));
            }
        }
    }
}

/// Watches the folders of every watched file (not yet watched).
fn watch_folders(
    debouncer: &mut notify_debouncer_full::Debouncer<
        notify_debouncer_full::notify::RecommendedWatcher,
        notify_debouncer_full::RecommendedCache,
    >,
    inputs: &[Input],
    folders: &mut BTreeSet<PathBuf>,
) {
    for file in inputs.iter().flat_map(|i| &i.watched) {
        let Some(folder) = file.parent() else {
            continue;
        };
        if folders.contains(folder) {
            continue;
        }
        match debouncer.watch(folder, RecursiveMode::NonRecursive) {
            Ok(()) => {
                folders.insert(folder.to_path_buf());
            }
            Err(e) => report(&[Diagnostic::warning(format!(
                "không theo dõi được thư mục này ({e}); thay đổi trong đó sẽ không được dựng lại"
            ))
            .file(folder)]),
        }
    }
}

/// `path` as the watcher names it: its folder resolved (links, `..`), so
/// it compares equal with the paths of events.
fn absolute(path: &Path) -> PathBuf {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    match (std::fs::canonicalize(folder), path.file_name()) {
        (Ok(folder), Some(name)) => folder.join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

/// What `paths` hold now (a missing file counts as such).
fn fingerprint<'a>(paths: impl IntoIterator<Item = &'a PathBuf>) -> u64 {
    let mut h = DefaultHasher::new();
    for p in paths {
        p.hash(&mut h);
        match std::fs::read(p) {
            Ok(bytes) => bytes.hash(&mut h),
            Err(e) => format!("{:?}", e.kind()).hash(&mut h),
        }
    }
    h.finish()
}

/// Renders `input` again if anything it reads changed since the last time;
/// writes only the documents whose content changed.
#[allow(clippy::too_many_lines)] // issue 20: split by its owner
fn refresh(session: &Session, args: &WatchArgs, input: &mut Input) {
    wait_for(&input.path);
    let start = Instant::now();
    let now = fingerprint(std::iter::once(&input.path).chain(&input.named));
    if input.fingerprint == Some(now) {
        return;
    }
    input.fingerprint = Some(now);
    let output = &args.output;
    let r = pipeline::prepare(session, &input.path, &LoadOptions::default(), &output.only);
    if r.named_files != input.named {
        // The YAML names other files now: take them into the fingerprint.
        input.named = r.named_files.clone();
        input.fingerprint = Some(fingerprint(
            std::iter::once(&input.path).chain(&input.named),
        ));
    }
    input.watched = std::iter::once(&input.path)
        .chain(&input.named)
        .map(|p| absolute(p))
        .collect();
    report(&r.problems);
    let name = display_path(&input.path);
    if r.has_errors() {
        say(format!(
            "{name}: có lỗi, chưa dựng lại; các tệp đã ghi trước đó vẫn giữ nguyên. Sửa rồi lưu tệp, ocop sẽ dựng lại."
        ));
        return;
    }
    if let Some(d) = nothing_to_render(&r, &output.only) {
        report(&[d]);
        return;
    }
    let jobs: Vec<bulk::Job<'_>> = r
        .documents
        .iter()
        .map(|d| job(&input.dir, d, &output.format, output.emit_typ))
        .filter(|j| j.outputs().next().is_some())
        .collect();
    let contents: Vec<u64> = jobs.iter().map(|j| content(j)).collect();
    let unchanged = |(j, c): &(&bulk::Job<'_>, &u64)| {
        j.outputs()
            .next()
            .is_some_and(|first| input.written.get(first) == Some(c))
            && j.outputs().all(|p| p.is_file())
    };
    let (same, changed): (Vec<_>, Vec<_>) = jobs.iter().zip(&contents).partition(unchanged);
    let to_render: Vec<bulk::Job<'_>> = changed
        .iter()
        .map(|(j, _)| bulk::Job {
            doc: j.doc,
            pdf: j.pdf.clone(),
            docx: j.docx.clone(),
            typ: j.typ.clone(),
        })
        .collect();
    for dir in to_render
        .iter()
        .flat_map(|j| j.outputs().filter_map(|p| p.parent()))
    {
        write::remove_stale_temp_files(dir);
    }
    let outcome = bulk::render_each(session, &to_render, &STOP, &|| {});
    for p in &outcome.written {
        print_path(p);
    }
    for (_, d) in &outcome.failed {
        report(d);
    }
    for (j, c) in &changed {
        if j.outputs().all(|p| outcome.written.contains(p))
            && let Some(first) = j.outputs().next()
        {
            input.written.insert(first.clone(), **c);
        }
    }
    let companions = if output.emit_typ {
        emit_companions(session, &to_render, &outcome.written)
    } else {
        Vec::new()
    };
    let complete = !outcome.interrupted && outcome.failed.is_empty();
    if complete {
        // Everything this file describes is on disk now: what an earlier
        // run wrote and it no longer describes goes.
        let kinds: Vec<DocKind> = if output.only.is_empty() {
            clap::ValueEnum::value_variants().to_vec()
        } else {
            output.only.clone()
        };
        let all: Vec<&bulk::Job<'_>> = jobs.iter().collect();
        let mut present = outcome.written.clone();
        present.extend(same.iter().flat_map(|(j, _)| j.outputs().cloned()));
        // Those written beside unchanged documents earlier are still there.
        input.companions.extend(companions);
        input.companions.retain(|p| p.is_file());
        let companions: Vec<PathBuf> = input.companions.iter().cloned().collect();
        replace_owned(
            &input.dir,
            &sets(&kinds, &output.format, output.emit_typ),
            &all,
            &present,
            &companions,
        );
    }
    say(summary(
        &name,
        output,
        &outcome,
        same.len(),
        start.elapsed(),
    ));
    if args.open && complete && !input.opened {
        input.opened = true;
        if let Some(pdf) = jobs.iter().find_map(|j| j.pdf.as_ref()) {
            open(pdf);
        }
    }
}

/// Waits a moment for `path` if it is missing: an editor that saves by
/// renaming may have moved the old file away and not yet put the new one
/// in its place. If it stays missing, loading it says so.
fn wait_for(path: &Path) {
    let deadline = Instant::now() + REAPPEAR;
    while !path.exists() && Instant::now() < deadline && !STOP.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// What the document of `job` holds, and the forms it is written in.
fn content(job: &bulk::Job<'_>) -> u64 {
    let mut h = DefaultHasher::new();
    format!("{:?}", job.doc).hash(&mut h);
    job.outputs().for_each(|p| p.hash(&mut h));
    h.finish()
}

/// One line saying what a re-render did and how long it took.
fn summary(
    name: &str,
    output: &Output,
    outcome: &bulk::BulkOutcome,
    unchanged: usize,
    took: Duration,
) -> String {
    let what = match output.format.as_slice() {
        [Format::Pdf] => "tệp PDF",
        [Format::Docx] => "tệp Word",
        _ => "tệp",
    };
    let written = outcome
        .written
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "pdf" || e == "docx"))
        .count();
    let seconds = format!("{:.2}", took.as_secs_f64()).replace('.', ",");
    let mut line = if written == 0 && outcome.failed.is_empty() {
        format!("{name}: không có văn bản nào thay đổi")
    } else {
        format!("{name}: đã ghi {written} {what} trong {seconds} giây")
    };
    if unchanged > 0 && written > 0 {
        line.push_str(&format!("; {unchanged} văn bản không đổi, giữ nguyên"));
    }
    if !outcome.failed.is_empty() {
        line.push_str(&format!(
            "; {} văn bản không dựng được",
            outcome.failed.len()
        ));
    }
    if outcome.interrupted {
        line.push_str("; đã dừng theo yêu cầu");
    }
    line.push('.');
    line
}

/// Opens `pdf` with the system's viewer, without waiting for it; a
/// failure is said, and watching goes on.
fn open(pdf: &Path) {
    let (program, mut command) = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        // `start` takes its first quoted argument as a window title.
        c.args(["/C", "start", ""]);
        ("cmd /C start", c)
    } else if cfg!(target_os = "macos") {
        ("open", std::process::Command::new("open"))
    } else {
        ("xdg-open", std::process::Command::new("xdg-open"))
    };
    command
        .arg(pdf)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            // Some openers wait for the viewer: their end is awaited aside.
            let pdf = pdf.to_path_buf();
            std::thread::spawn(move || match child.wait() {
                Ok(status) if !status.success() => open_failed(
                    &pdf,
                    format!("{program} kết thúc với mã {}", status.code().unwrap_or(-1)),
                ),
                Ok(_) => {}
                Err(e) => open_failed(&pdf, format!("{program}: {e}")),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            open_failed(pdf, format!("không tìm thấy chương trình {program}"))
        }
        Err(e) => open_failed(pdf, format!("không chạy được {program}: {e}")),
    }
}

fn open_failed(pdf: &Path, why: String) {
    report(&[
        Diagnostic::warning(format!("không mở được tệp PDF ({why})"))
            .file(pdf)
            .hint("mở tệp này bằng chương trình xem PDF; ocop vẫn tiếp tục theo dõi"),
    ]);
}
