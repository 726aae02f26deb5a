//! Rendering certificates in bulk: one shared engine (fonts and templates
//! loaded once), every core busy, each PDF written atomically, a stop flag
//! honoured between documents (Ctrl-C) so only complete files are left.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use serde::Serialize;

use crate::app::{Session, write_output};
use crate::compose::certificate::Certificate;
use crate::diag::Diagnostic;
use crate::engine::PdfMeta;

/// Typst's memo cache is kept between documents (fast) and trimmed every
/// this many documents so memory stays flat however long the list.
const EVICT_EVERY: usize = 50;

#[derive(Serialize)]
struct One<'a> {
    c: &'a Certificate,
}

#[derive(Serialize)]
struct All<'a> {
    certificates: &'a [Certificate],
}

/// A certificate's file, or why it could not be written.
type Rendered = Result<PathBuf, Vec<Diagnostic>>;

#[derive(Debug, Default)]
pub struct BulkOutcome {
    /// Files written, in list order.
    pub written: Vec<PathBuf>,
    /// Certificates that could not be rendered, with why.
    pub failed: Vec<(String, Vec<Diagnostic>)>,
    /// The run was stopped before every certificate was rendered.
    pub interrupted: bool,
}

fn evict_now_and_then(done: &AtomicUsize) {
    if done.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
        comemo::evict(2);
    }
}

fn pdf(
    session: &Session,
    template: &str,
    context: &impl Serialize,
    ident: &str,
    cert: &Certificate,
) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let markup = session
        .templates
        .render(template, context, &session.engine.family)
        .map_err(|d| vec![d])?;
    session.engine.compile_pdf(
        markup,
        PdfMeta {
            ident,
            date: cert.timestamp,
        },
    )
}

/// One PDF per certificate in `dir`, `<stem>.pdf`, using all cores.
/// `progress` is called after each certificate.
pub fn render_each(
    session: &Session,
    certs: &[Certificate],
    dir: &Path,
    stop: &AtomicBool,
    progress: &(dyn Fn() + Sync),
) -> BulkOutcome {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Rendered)>> = Mutex::new(Vec::with_capacity(certs.len()));
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(certs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(cert) = certs.get(i) else { break };
                    let path = dir.join(format!("{}.pdf", cert.file_stem));
                    let result = pdf(
                        session,
                        "certificate.typ.tera",
                        &One { c: cert },
                        &cert.ident,
                        cert,
                    )
                    .and_then(|bytes| write_output(&path, &bytes).map_err(|d| vec![d]))
                    .map(|()| path);
                    evict_now_and_then(&done);
                    results
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push((i, result));
                    progress();
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    results.sort_by_key(|(i, _)| *i);
    let mut outcome = BulkOutcome {
        interrupted: results.len() < certs.len(),
        ..Default::default()
    };
    for (i, r) in results {
        match r {
            Ok(p) => outcome.written.push(p),
            Err(d) => outcome.failed.push((certs[i].file_stem.clone(), d)),
        }
    }
    outcome
}

/// All certificates in one print-ready PDF at `path`, in list order.
pub fn render_merged(
    session: &Session,
    certs: &[Certificate],
    path: &Path,
) -> Result<(), Vec<Diagnostic>> {
    let Some(first) = certs.first() else {
        return Ok(());
    };
    let bytes = pdf(
        session,
        "certificates.typ.tera",
        &All {
            certificates: certs,
        },
        "GCN OCOP",
        first,
    )?;
    write_output(path, &bytes).map_err(|d| vec![d])
}

/// Removes temporary files a killed run may have left (`.ocop-*.tmp`).
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name.starts_with(".ocop-") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
