//! The commands, one file each, and what they share: printing, opening the
//! session, where documents go, the progress bar and Ctrl-C.

pub mod certificates;
pub mod check;
pub mod completions;
pub mod import;
pub mod new;
pub mod render;
pub mod schema;
pub mod templates;
pub mod watch;

use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use ocop::bulk::Job;
use ocop::diag::Diagnostic;
use ocop::doc::{DocKind, Document};
use ocop::session::{Options, Session};
use ocop::write::{self, outputs};

use crate::cli::Format;

/// Exit code for input problems.
pub const INPUT_ERRORS: u8 = 1;
/// Exit code of a run stopped with Ctrl-C, as shells expect (128 + SIGINT).
pub const INTERRUPTED: u8 = 130;

/// Set by Ctrl-C: workers finish the document in hand and stop.
pub static STOP: AtomicBool = AtomicBool::new(false);

pub fn on_ctrl_c() {
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::Relaxed));
}

/// Prints problems to stderr as the user reads them.
pub fn report(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", d.render());
    }
}

/// A line to stderr; a closed stderr is not worth a crash.
pub fn say(line: impl Display) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Prints a written file's path to stdout (a closed pipe is not an error).
pub fn print_path(path: &Path) {
    let _ = writeln!(
        std::io::stdout().lock(),
        "{}",
        ocop::diag::display_path(path)
    );
}

/// The session (its warnings printed), or its problems printed and the
/// exit code to return.
pub fn session(options: &Options) -> Result<Session, ExitCode> {
    match Session::new(options) {
        Ok(session) => {
            report(&session.warnings);
            Ok(session)
        }
        Err(diags) => {
            report(&diags);
            Err(ExitCode::from(INPUT_ERRORS))
        }
    }
}

/// Where the forms of `doc` asked for go, in its input's folder `dir`.
/// A certificate has no Word form.
pub fn job<'a>(dir: &Path, doc: &'a Document, formats: &[Format], emit_typ: bool) -> Job<'a> {
    let dir = folder(dir, doc.kind());
    let file = |ext: &str| dir.join(format!("{}.{ext}", doc.file_stem));
    let pdf = formats.contains(&Format::Pdf);
    let docx = formats.contains(&Format::Docx) && doc.kind() != DocKind::Certificate;
    // A certificate's markup shows images under fixed names (`qr.png`):
    // its Typst source goes in a folder of its own, with them.
    let typ = match doc.kind() {
        DocKind::Certificate => dir
            .join(&doc.file_stem)
            .join(format!("{}.typ", doc.file_stem)),
        DocKind::Plan | DocKind::Decision | DocKind::Dispatch => file("typ"),
    };
    let electronic = doc.issuance.electronic;
    Job {
        doc,
        pdf: pdf.then(|| file("pdf")),
        sidecar: (pdf && electronic).then(|| file(ocop::sign::SIDECAR_EXTENSION)),
        docx: docx.then(|| file("docx")),
        typ: (emit_typ && pdf).then_some(typ),
    }
}

/// The folder documents of `kind` go to, in their input's folder `dir`.
pub fn folder(dir: &Path, kind: DocKind) -> PathBuf {
    match kind {
        DocKind::Certificate => dir.join(write::CERTIFICATES_DIR),
        DocKind::Plan | DocKind::Decision | DocKind::Dispatch => dir.to_path_buf(),
    }
}

/// The name of the set of files of one kind in one form (`plan.pdf`): a
/// run owns the sets it writes, and only those.
pub fn set_of(kind: DocKind, extension: &str) -> String {
    let kind = match kind {
        DocKind::Plan => "plan",
        DocKind::Decision => "decision",
        DocKind::Dispatch => "dispatch",
        DocKind::Certificate => "certificate",
    };
    format!("{kind}.{extension}")
}

/// The sets a run of `kinds` in `formats` (and `.typ` with `emit_typ`) owns.
pub fn sets(kinds: &[DocKind], formats: &[Format], emit_typ: bool) -> Vec<String> {
    let mut extensions: Vec<&str> = formats
        .iter()
        .flat_map(|f| match f {
            // An electronic PDF's signing places go with it, and go when
            // it is written again on paper.
            Format::Pdf => ["pdf", SIDECAR_SET].as_slice(),
            Format::Docx => ["docx"].as_slice(),
        })
        .copied()
        .collect();
    if emit_typ {
        extensions.push("typ");
    }
    let mut sets: Vec<String> = kinds
        .iter()
        .flat_map(|k| extensions.iter().map(|e| set_of(*k, e)))
        .collect();
    if emit_typ {
        sets.push(TYP_COMPANIONS.to_string());
    }
    sets
}

/// The set (by extension) of the signing places written beside an
/// electronic document's PDF (`.ky-so.json`).
pub const SIDECAR_SET: &str = "json";

/// The set of the files written beside emitted Typst sources so they
/// compile on their own: the layout libraries and a certificate's images.
const TYP_COMPANIONS: &str = "typ-companion";

/// Records what `jobs` wrote in `dir` and removes what an earlier run
/// wrote there of the same `sets` and this one did not; says what went.
/// `companions` are the files written beside emitted `.typ` files.
pub fn replace_owned(
    dir: &Path,
    sets: &[String],
    jobs: &[&Job<'_>],
    written: &[PathBuf],
    companions: &[PathBuf],
) {
    let mut owned: Vec<outputs::Owned> = companions
        .iter()
        .filter_map(|p| p.strip_prefix(dir).ok())
        .map(|rel| outputs::Owned {
            set: TYP_COMPANIONS.to_string(),
            file: rel.to_string_lossy().replace('\\', "/"),
        })
        .collect();
    for job in jobs {
        for path in job.outputs().filter(|p| written.contains(p)) {
            let extension = path.extension().unwrap_or_default().to_string_lossy();
            if let Ok(rel) = path.strip_prefix(dir) {
                owned.push(outputs::Owned {
                    set: set_of(job.doc.kind(), &extension),
                    file: rel.to_string_lossy().replace('\\', "/"),
                });
            }
        }
    }
    owned_files(dir, sets, &owned);
}

/// [`replace_owned`] for files already named.
pub fn owned_files(dir: &Path, sets: &[String], owned: &[outputs::Owned]) {
    match outputs::replace_owned(dir, sets, owned) {
        Ok(removed) if !removed.is_empty() => {
            let names: Vec<String> = removed
                .iter()
                .map(|p| ocop::diag::display_path(p))
                .collect();
            say(format!(
                "đã xóa {} tệp của lần dựng trước không còn trong danh sách: {}",
                removed.len(),
                names.join(", ")
            ));
        }
        Ok(_) => {}
        Err(e) => report(&[write::io_error(dir, &e)]),
    }
}

/// With `--emit-typ`: what each written `.typ` needs to compile on its own
/// (`typst compile ke-hoach.typ` in its folder), written beside it: the
/// layout libraries it imports (`/nd30.typ` …, the user's own when
/// `--templates` overrides them) and, for a certificate, the images its
/// markup shows (written with it, see `bulk`). Returns those files.
pub fn emit_companions(session: &Session, jobs: &[Job<'_>], written: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = Vec::new();
    for job in jobs {
        let Some(typ) = job.typ.as_ref().filter(|t| written.contains(t)) else {
            continue;
        };
        let Some(folder) = typ.parent() else { continue };
        if let ocop::doc::Content::Certificate(c) = &job.doc.content {
            out.push(folder.join(c.qr));
            out.extend(c.logo.as_ref().map(|l| folder.join(l)));
        }
        let Ok(source) = std::fs::read_to_string(typ) else {
            continue;
        };
        for (name, body) in ocop::markup::imported_libraries(&source, &session.templates.libraries)
        {
            let path = folder.join(name);
            if out.contains(&path) {
                continue;
            }
            match write::file(&path, body.as_bytes()) {
                Ok(()) => out.push(path),
                Err(d) => report(&[d]),
            }
        }
    }
    out
}

/// What to say of an input that reads without errors but has nothing to
/// render: the kinds `--only` left out (and how to get them), or that the
/// file describes no document at all.
pub fn nothing_to_render(r: &ocop::pipeline::FileReport, only: &[DocKind]) -> Option<Diagnostic> {
    if r.has_errors() || !r.documents.is_empty() {
        return None;
    }
    let value = |k: &DocKind| {
        clap::ValueEnum::to_possible_value(k)
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    };
    let listed = |kinds: &[DocKind]| {
        kinds
            .iter()
            .map(|k| format!("{} ({})", k.name(), value(k)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let d = if r.left_out.is_empty() {
        Diagnostic::warning("tệp không mô tả văn bản nào, không có gì để dựng").hint(
            "thêm phần plan:, decisions:, dispatches: hoặc certificates: (xem docs/schema.md, hoặc tạo tệp mẫu bằng `ocop new`)",
        )
    } else {
        let asked: Vec<String> = only.iter().map(value).collect();
        let have: Vec<String> = r.left_out.iter().map(value).collect();
        Diagnostic::warning(format!(
            "tệp không có văn bản nào thuộc loại đã chọn (--only {}); tệp có: {}",
            asked.join(","),
            listed(&r.left_out)
        ))
        .hint(format!(
            "bỏ --only để dựng mọi văn bản, hoặc dùng --only {}",
            have.join(",")
        ))
    };
    Some(d.file(&r.path))
}

/// A progress bar on a terminal, nothing otherwise.
pub fn progress_bar(total: usize, what: &str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() || total < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/{len} ({per_sec}, còn {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(what.to_string());
    bar
}
