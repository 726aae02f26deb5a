//! Scheduling documents over every core: one shared session (fonts and
//! templates loaded once), each PDF written atomically, a stop flag honoured
//! between documents (Ctrl-C) so only complete files are left. Every kind
//! goes through here; a round's thousand certificates are simply many
//! documents.
//!
//! The workers are the threads of a rayon pool because Typst and its PDF
//! writer hand work to rayon (page layout, font subsetting): inside the
//! pool a worker waiting on such work runs it itself; outside it, a second
//! set of threads competed for the cores and spun waiting.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use typst::model::{Document as _, DocumentInfo};
use typst_layout::{Page, PagedDocument};

use crate::compile::{PdfMeta, export_pdf};
use crate::diag::Diagnostic;
use crate::doc::Document;
use crate::session::Session;
use crate::sign;
use crate::write::{self, pdf_join};

/// Typst's memo cache is kept between documents (fast) and trimmed every
/// this many so memory stays flat however long the list.
const TRIM_CACHE_EVERY: usize = 50;

/// The merged file is written in parts of this many documents, joined at
/// the end: laid-out pages are large, and only a part's worth is held.
const MERGE_PART: usize = 100;

/// The deflate level of the merged file (see vendor/README.md). Measured on
/// 1,000 certificates: a third smaller than at 1 (3.3 MB, not 4.9) and no
/// slower, since the whole file is joined and written after; single
/// documents keep krilla's 1, the fastest for them.
const MERGED_DEFLATE_LEVEL: u32 = 3;

/// The deflate level set for as long as it lives, the one before back after.
struct DeflateLevel(u32);

impl DeflateLevel {
    fn set(level: u32) -> DeflateLevel {
        DeflateLevel(krilla::stream::set_deflate_level(level))
    }
}

impl Drop for DeflateLevel {
    fn drop(&mut self) {
        krilla::stream::set_deflate_level(self.0);
    }
}

/// Typst recurses deeply; the default 2 MiB thread stack is too tight for
/// long paragraphs (only the pages touched are ever committed).
const WORKER_STACK: usize = 32 << 20;

/// Where a worker leaves one document's result.
type Slot<T> = Mutex<Option<T>>;

/// One document to write, and where each of its forms goes.
#[derive(Clone)]
pub struct Job<'a> {
    pub doc: &'a Document,
    /// Its PDF, if wanted.
    pub pdf: Option<PathBuf>,
    /// Its editable Word file, if wanted.
    pub docx: Option<PathBuf>,
    /// Its Typst source (`--emit-typ`), for template authors.
    pub typ: Option<PathBuf>,
    /// Beside an electronic document's PDF, its signing places for
    /// systems that take coordinates (`sign::sidecar`).
    pub sidecar: Option<PathBuf>,
}

impl Job<'_> {
    /// The files this job writes.
    pub fn outputs(&self) -> impl Iterator<Item = &PathBuf> {
        self.pdf
            .iter()
            .chain(&self.sidecar)
            .chain(&self.docx)
            .chain(&self.typ)
    }

    /// Does the job and returns the files written. Every form is made
    /// before any is written, and they are written as one set
    /// ([`write::files`]): a form that fails leaves all of them as they were.
    fn run(&self, session: &Session) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
        let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
        if let Some(docx) = &self.docx {
            let bytes = crate::docx::write(self.doc).map_err(|d| vec![d])?;
            files.push((docx.clone(), bytes));
        }
        if self.pdf.is_some() || self.typ.is_some() {
            let markup = session.markup(self.doc).map_err(|d| vec![d])?;
            if let Some(typ) = &self.typ {
                // The images it shows, beside it, so it compiles on its own.
                for (name, bytes) in &markup.files {
                    files.push((typ.with_file_name(name), bytes.to_vec()));
                }
                files.push((typ.clone(), markup.source.clone().into_bytes()));
            }
            if let Some(pdf) = &self.pdf {
                let issued = session.issue(Some(pdf), self.doc, markup, true)?;
                if let Some(sidecar) = &self.sidecar {
                    let name = pdf.file_name().unwrap_or_default().to_string_lossy();
                    let json = sign::sidecar::json(&name, &issued.places);
                    files.push((sidecar.clone(), json.into_bytes()));
                }
                files.push((pdf.clone(), issued.pdf));
            }
        }
        let set: Vec<(&Path, &[u8])> = files
            .iter()
            .map(|(p, b)| (p.as_path(), b.as_slice()))
            .collect();
        write::files(&set).map_err(|d| vec![d])?;
        // The document's own files, in the order they were always listed.
        Ok(self
            .docx
            .iter()
            .chain(&self.typ)
            .chain(&self.pdf)
            .chain(&self.sidecar)
            .cloned()
            .collect())
    }
}

#[derive(Debug, Default)]
pub struct BulkOutcome {
    /// Files written, in list order.
    pub written: Vec<PathBuf>,
    /// Documents that could not be rendered (by file stem), with why.
    pub failed: Vec<(String, Vec<Diagnostic>)>,
    /// The run was stopped before every document was rendered.
    pub interrupted: bool,
    /// Why the merged file could not be written, if it could not.
    pub merge_failed: Option<Vec<Diagnostic>>,
}

/// Runs `work(i)` for every document index on all cores, stopping early
/// when `stop` is set; trims Typst's cache now and then and reports progress.
fn on_all_cores(
    count: usize,
    stop: &AtomicBool,
    progress: &(dyn Fn() + Sync),
    work: impl Fn(usize) + Sync,
) {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    // One loop per pool thread taking the next document: the pool's
    // queues then hold only the work Typst hands out, which a waiting
    // worker runs itself instead of starting another document.
    let worker = || {
        while !stop.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                break;
            }
            work(i);
            if done.fetch_add(1, Ordering::Relaxed) % TRIM_CACHE_EVERY == TRIM_CACHE_EVERY - 1 {
                comemo::evict(2);
            }
            progress();
        }
    };
    match rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .build()
    {
        Ok(pool) => drop(pool.broadcast(|_| worker())),
        Err(_) => worker(),
    }
}

/// Points problems that name no file at the document's output file, so
/// the report says which document failed.
fn naming(diagnostics: Vec<Diagnostic>, path: &Path) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .map(|d| if d.file.is_none() { d.file(path) } else { d })
        .collect()
}

/// Takes the results out of their slots, in list order.
fn collect<T>(slots: Vec<Slot<T>>) -> Vec<Option<T>> {
    slots
        .into_iter()
        .map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner()))
        .collect()
}

fn put<T>(slot: &Slot<T>, value: T) {
    *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(value);
}

/// Each job's files, using all cores. `progress` is called after each document.
pub fn render_each(
    session: &Session,
    jobs: &[Job<'_>],
    stop: &AtomicBool,
    progress: &(dyn Fn() + Sync),
) -> BulkOutcome {
    let slots: Vec<Slot<Result<Vec<PathBuf>, Vec<Diagnostic>>>> =
        jobs.iter().map(|_| Mutex::new(None)).collect();
    on_all_cores(jobs.len(), stop, progress, |i| {
        let job = &jobs[i];
        let result = job.run(session).map_err(|d| match job.outputs().next() {
            Some(path) => naming(d, path),
            None => d,
        });
        put(&slots[i], result);
    });
    let mut outcome = BulkOutcome::default();
    for (job, result) in jobs.iter().zip(collect(slots)) {
        match result {
            Some(Ok(paths)) => outcome.written.extend(paths),
            Some(Err(d)) => outcome.failed.push((job.doc.file_stem.clone(), d)),
            None => outcome.interrupted = true,
        }
    }
    outcome
}

/// One part of the merged file: the pages of its documents until all
/// are laid out, then the part's PDF.
struct Part {
    pages: Vec<Option<Vec<Page>>>,
    /// Title, language … as the documents themselves set them.
    info: Option<DocumentInfo>,
    waiting: usize,
    /// Empty when every document of the part failed.
    pdf: Option<Result<Vec<u8>, Vec<Diagnostic>>>,
}

impl Part {
    fn new(documents: usize) -> Mutex<Part> {
        Mutex::new(Part {
            pages: vec![None; documents],
            info: None,
            waiting: documents,
            pdf: None,
        })
    }

    /// Takes the pages of the part's `n`th document; when they were the
    /// last it waited for, gives back every page of the part, in order.
    fn add(&mut self, n: usize, pages: Vec<Page>, info: Option<DocumentInfo>) -> Option<Part> {
        self.pages[n] = Some(pages);
        if self.info.is_none() {
            self.info = info;
        }
        self.waiting -= 1;
        (self.waiting == 0).then(|| Part {
            pages: std::mem::take(&mut self.pages),
            info: self.info.take(),
            waiting: 0,
            pdf: None,
        })
    }
}

/// All `docs` in one print-ready PDF at `path`, in list order, titled
/// `title`. The documents are laid out in parallel; each part of
/// [`MERGE_PART`] documents is written as soon as its last page is ready
/// (by the worker that finished it), and the parts are joined at the end.
/// The file is for printing and is not tagged. A document that fails is
/// left out and reported; a stopped run writes nothing.
pub fn render_merged(
    session: &Session,
    docs: &[Document],
    title: &str,
    path: &Path,
    stop: &AtomicBool,
    progress: &(dyn Fn() + Sync),
) -> BulkOutcome {
    let Some(first) = docs.first() else {
        return BulkOutcome::default();
    };
    let _level = DeflateLevel::set(MERGED_DEFLATE_LEVEL);
    let parts: Vec<Mutex<Part>> = docs
        .chunks(MERGE_PART)
        .map(|c| Part::new(c.len()))
        .collect();
    let failures: Vec<Slot<Vec<Diagnostic>>> = docs.iter().map(|_| Mutex::new(None)).collect();
    let export_part = |part: Part| {
        let pages: Vec<Page> = part.pages.into_iter().flatten().flatten().collect();
        if pages.is_empty() {
            return Ok(Vec::new());
        }
        let mut info = part.info.unwrap_or_default();
        info.title = Some(title.into());
        let meta = PdfMeta {
            ident: title,
            date: first.timestamp,
            tagged: false,
            standard: first.issuance.pdf_standard,
        };
        export_pdf(&PagedDocument::new(pages.into_iter().collect(), info), meta)
    };
    on_all_cores(docs.len(), stop, progress, |i| {
        let (pages, info) = match session.layout(&docs[i]) {
            Ok(document) => (document.pages().to_vec(), Some(document.info().clone())),
            Err(d) => {
                let stem = Path::new(&docs[i].file_stem).with_extension("pdf");
                put(&failures[i], naming(d, &stem));
                (Vec::new(), None)
            }
        };
        let lock = || {
            parts[i / MERGE_PART]
                .lock()
                .unwrap_or_else(|p| p.into_inner())
        };
        let ready = lock().add(i % MERGE_PART, pages, info);
        if let Some(part) = ready {
            let pdf = export_part(part);
            lock().pdf = Some(pdf);
        }
    });
    let mut outcome = BulkOutcome::default();
    for (doc, failure) in docs.iter().zip(collect(failures)) {
        if let Some(d) = failure {
            outcome.failed.push((doc.file_stem.clone(), d));
        }
    }
    let mut pdfs = Vec::new();
    for part in parts {
        match part.into_inner().unwrap_or_else(|p| p.into_inner()).pdf {
            Some(Ok(pdf)) if pdf.is_empty() => {}
            Some(Ok(pdf)) => pdfs.push(pdf),
            Some(Err(d)) => outcome.merge_failed.get_or_insert_default().extend(d),
            None => outcome.interrupted = true,
        }
    }
    if !outcome.interrupted && !pdfs.is_empty() && outcome.merge_failed.is_none() {
        join(&pdfs, path, &mut outcome);
    }
    outcome
}

/// The parts `pdfs` joined into the file at `path`.
fn join(pdfs: &[Vec<u8>], path: &Path, outcome: &mut BulkOutcome) {
    let mut join_failure = None;
    let written = write::write_atomic_with(path, |out| {
        pdf_join::join(pdfs, out).map_err(|e| {
            join_failure = Some(e);
            std::io::Error::other("ghép tệp")
        })
    });
    match (written, join_failure) {
        (Ok(()), _) => outcome.written.push(path.to_path_buf()),
        (Err(_), Some(e)) => {
            let d = Diagnostic::error(format!("không ghép được tệp gộp: {e}")).file(path);
            outcome.merge_failed = Some(vec![d]);
        }
        (Err(e), None) => outcome.merge_failed = Some(vec![write::io_error(path, &e)]),
    }
}
