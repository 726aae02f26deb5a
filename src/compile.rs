//! Compile: Typst markup into laid-out pages and PDF bytes. One engine per
//! run, fonts parsed once, the layout libraries registered as static
//! sources, and a fixed virtual folder per worker for the document being
//! compiled (Typst's file ids are a global interner of 65,536 entries, so
//! paths must not be minted per document).

use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once};

use typst::World;
use typst::diag::{FileResult, Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{DiagSpanKind, FileId, Source};
use typst::text::{Font, FontStyle, FontWeight};
use typst_as_lib::conversions::{IntoFileId, IntoSource};
use typst_as_lib::file_resolver::FileResolver;
use typst_as_lib::{TypstEngine, TypstTemplateCollection};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, Timestamp};

use crate::diag::{Diagnostic, Pos};
use crate::markup::Markup;
use crate::pdf_standard::{self, PdfStandard};
use crate::vn::Date;

/// The freely licensed Times-metric font shipped with the binary (SIL OFL 1.1).
pub const BUILTIN_FONTS: &[&[u8]] = &[
    include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../fonts/LiberationSerif-BoldItalic.ttf"),
];
pub const BUILTIN_FAMILY: &str = "Liberation Serif";
/// The family NĐ 30 names; used automatically when the user supplies it.
pub const PREFERRED_FAMILY: &str = "Times New Roman";

/// Sources swapped per compile. Each compile borrows a slot (a fixed
/// virtual folder, `/slot-N/`) from a pool and returns it, so concurrent
/// compiles never see each other's markup or files and the number of paths
/// stays bounded.
#[derive(Default)]
struct DocumentSlots {
    sources: Mutex<HashMap<FileId, Source>>,
    /// The files of the compiles in progress (a certificate's QR code and logo).
    binaries: Mutex<HashMap<FileId, Bytes>>,
    free: Mutex<Vec<usize>>,
    created: Mutex<usize>,
    /// Slots kept for one document each (by its key), never pooled: the
    /// document's next compile edits its previous source instead of
    /// starting a new one, as an editor does, so Typst's memo cache finds
    /// everything but the edited part unchanged. With whether it is in use.
    kept: Mutex<HashMap<String, (usize, bool)>>,
}

impl DocumentSlots {
    fn acquire(&self) -> usize {
        if let Some(slot) = self.free.lock().unwrap_or_else(|p| p.into_inner()).pop() {
            return slot;
        }
        let mut created = self.created.lock().unwrap_or_else(|p| p.into_inner());
        *created += 1;
        *created - 1
    }

    fn release(&self, slot: usize) {
        self.free
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(slot);
    }

    /// The slot kept for `key`, marked in use; `None` if it is in use
    /// already (the same document compiled twice at once).
    fn acquire_kept(&self, key: &str) -> Option<usize> {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((slot, busy)) = kept.get_mut(key) {
            if *busy {
                return None;
            }
            *busy = true;
            return Some(*slot);
        }
        let slot = {
            let mut created = self.created.lock().unwrap_or_else(|p| p.into_inner());
            *created += 1;
            *created - 1
        };
        kept.insert(key.to_string(), (slot, true));
        Some(slot)
    }

    fn release_kept(&self, key: &str) {
        let mut kept = self.kept.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, busy)) = kept.get_mut(key) {
            *busy = false;
        }
    }
}

struct SlotResolver(Arc<DocumentSlots>);

impl FileResolver for SlotResolver {
    fn resolve_binary(&self, id: FileId) -> FileResult<std::borrow::Cow<'_, Bytes>> {
        let binaries = self.0.binaries.lock().unwrap_or_else(|p| p.into_inner());
        binaries
            .get(&id)
            .cloned()
            .map(std::borrow::Cow::Owned)
            .ok_or_else(|| typst::diag::FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn resolve_source(&self, id: FileId) -> FileResult<std::borrow::Cow<'_, Source>> {
        let sources = self.0.sources.lock().unwrap_or_else(|p| p.into_inner());
        sources
            .get(&id)
            .cloned()
            .map(std::borrow::Cow::Owned)
            .ok_or_else(|| typst::diag::FileError::NotFound(id.vpath().get_without_slash().into()))
    }
}

pub struct Engine {
    typst: TypstEngine<TypstTemplateCollection>,
    slots: Arc<DocumentSlots>,
    /// The family every document is set in.
    pub family: String,
    /// The faces of that family, for glyph checks.
    faces: Vec<Font>,
    /// [`Engine::has_glyph`]'s answers for the characters below
    /// [`GLYPHS_KNOWN`], found once each: 0 not asked yet, 1 yes, 2 no. A
    /// plan asks about every character of its text, a few hundred distinct.
    glyphs: Box<[std::sync::atomic::AtomicU8]>,
}

/// Latin, Vietnamese (Latin Extended Additional ends at U+1EFF) and the
/// general punctuation (dashes, quotes, the ellipsis).
const GLYPHS_KNOWN: u32 = 0x2070;

/// Options that shape the PDF bytes.
#[derive(Debug, Clone, Copy)]
pub struct PdfMeta<'a> {
    pub ident: &'a str,
    /// The creation date written into the PDF: the document's own date,
    /// or SOURCE_DATE_EPOCH when set, never the wall clock.
    pub date: Date,
    /// Whether the PDF carries its logical structure (headings, paragraphs)
    /// for screen readers and reflow; files meant only for printing skip it.
    pub tagged: bool,
    /// The standard the file conforms to (PDF/A-2b for archiving).
    pub standard: PdfStandard,
}

/// The fonts of a `--font-path` folder, and what was wrong with it.
#[derive(Default)]
pub struct FontDir {
    pub fonts: Vec<Font>,
    /// Files skipped (web fonts, unreadable files) and a folder with no
    /// font at all: worth saying, not worth stopping for.
    pub warnings: Vec<Diagnostic>,
}

/// Reads the fonts of a folder and those under it. A missing folder is an
/// error; a file that yields no face (a web font, a damaged file) is
/// skipped with a warning, and so is a folder with no usable font.
pub fn load_font_dir(dir: &Path) -> Result<FontDir, Diagnostic> {
    if !dir.is_dir() {
        return Err(Diagnostic::error("không tìm thấy thư mục phông chữ")
            .file(dir)
            .hint("--font-path phải là một thư mục chứa tệp .ttf, .otf hoặc .ttc"));
    }
    let mut found = FontDir::default();
    let mut skipped = 0;
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        let path = entry.path();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let Some(ext) = ext else { continue };
        let skip = |message: String, hint: &str| {
            Diagnostic::warning(format!("{message}; đã bỏ qua tệp này"))
                .file(path)
                .hint(hint)
        };
        match ext.as_str() {
            "ttf" | "otf" | "ttc" | "otc" => {}
            "woff" | "woff2" => {
                skipped += 1;
                found.warnings.push(skip(
                    format!("phông web .{ext} không dùng được để in"),
                    &web_font_hint(&ext),
                ));
                continue;
            }
            _ => continue,
        }
        let data = match std::fs::read(path) {
            Ok(d) => d,
            Err(e) => {
                skipped += 1;
                let why = match e.kind() {
                    std::io::ErrorKind::PermissionDenied => "không có quyền đọc",
                    _ => "lỗi khi đọc",
                };
                found.warnings.push(skip(
                    format!("không đọc được tệp phông ({why})"),
                    "kiểm tra quyền đọc tệp, hoặc bỏ nó ra khỏi thư mục",
                ));
                continue;
            }
        };
        let faces: Vec<Font> = Font::iter(Bytes::new(data)).collect();
        if faces.is_empty() {
            skipped += 1;
            found.warnings.push(skip(
                "tệp phông không đọc được (không có mặt chữ nào; tệp hỏng hoặc không phải phông)"
                    .into(),
                "chép lại tệp phông từ bản gốc, hoặc bỏ nó ra khỏi thư mục",
            ));
        }
        found.fonts.extend(faces);
    }
    if found.fonts.is_empty() {
        let also = if skipped > 0 {
            format!(" (đã bỏ qua {skipped} tệp không dùng được)")
        } else {
            String::new()
        };
        found.warnings.push(
            Diagnostic::warning(format!(
                "thư mục phông chữ không có phông nào dùng được{also}"
            ))
            .file(dir)
            .hint("--font-path cần thư mục chứa tệp phông .ttf, .otf hoặc .ttc (ví dụ C:/Windows/Fonts); văn bản vẫn được dựng bằng phông có sẵn"),
        );
    }
    Ok(found)
}

/// How to turn a web font into one ocop reads.
fn web_font_hint(ext: &str) -> String {
    let example = if ext == "woff2" {
        " (ví dụ bằng fontTools của Python: `fonttools ttLib.woff2 decompress TÊN.woff2`)"
    } else {
        " (ví dụ bằng fontTools của Python, hoặc một trang chuyển đổi phông)"
    };
    format!(
        "dùng bản .ttf hoặc .otf của phông này; nếu chỉ có bản .{ext}, chuyển nó sang .ttf trước{example} rồi đặt tệp .ttf vào thư mục"
    )
}

impl Engine {
    /// Builds the engine with the built-in font, the user's fonts, and the
    /// layout `libraries` (file name, Typst source), readable from the root
    /// (`/nd30.typ`). `family` forces a family; otherwise Times New Roman
    /// is used when supplied, else the built-in Liberation Serif.
    pub fn new(
        libraries: &[(String, String)],
        user_fonts: Vec<Font>,
        family: Option<&str>,
    ) -> Result<Engine, Diagnostic> {
        let mut fonts: Vec<Font> = BUILTIN_FONTS
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        fonts.extend(user_fonts);
        let has = |name: &str| {
            fonts
                .iter()
                .any(|f| f.info().family.eq_ignore_ascii_case(name))
        };
        let family = match family {
            Some(f) if has(f) => f.to_string(),
            Some(f) => {
                let mut names: Vec<&str> = fonts.iter().map(|f| f.info().family.as_str()).collect();
                names.dedup();
                return Err(
                    Diagnostic::error(format!("không có phông chữ `{f}`")).hint(format!(
                        "các phông đã nạp: {}; thêm phông bằng --font-path",
                        names.join(", ")
                    )),
                );
            }
            None if has(PREFERRED_FAMILY) => PREFERRED_FAMILY.to_string(),
            None => BUILTIN_FAMILY.to_string(),
        };
        // The faces documents are set in: regular, bold and italic of the
        // family (other weights of a user's family are never used).
        let used = [
            (FontStyle::Normal, FontWeight::REGULAR),
            (FontStyle::Normal, FontWeight::BOLD),
            (FontStyle::Italic, FontWeight::REGULAR),
        ];
        let family_faces: Vec<&Font> = fonts
            .iter()
            .filter(|f| f.info().family.eq_ignore_ascii_case(&family))
            .collect();
        let mut faces: Vec<Font> = family_faces
            .iter()
            .filter(|f| {
                used.iter()
                    .any(|(s, w)| f.info().variant.style == *s && f.info().variant.weight == *w)
            })
            .map(|f| (*f).clone())
            .collect();
        if faces.is_empty() {
            faces = family_faces.into_iter().cloned().collect();
        }
        let slots = Arc::new(DocumentSlots::default());
        let typst = TypstEngine::builder()
            .fonts(fonts)
            .with_static_source_file_resolver(
                libraries
                    .iter()
                    .map(|(name, body)| (format!("/{name}").as_str(), body.clone()).into_source()),
            )
            // Read as data too (`toml("/nd30-layout.toml")`).
            .with_static_file_resolver(libraries.iter().map(|(name, body)| {
                (
                    format!("/{name}").as_str().into_file_id(),
                    body.as_bytes().to_vec(),
                )
            }))
            .add_file_resolver(SlotResolver(slots.clone()))
            .build();
        Ok(Engine {
            typst,
            slots,
            family,
            faces,
            glyphs: (0..GLYPHS_KNOWN)
                .map(|_| std::sync::atomic::AtomicU8::new(0))
                .collect(),
        })
    }

    /// Whether every face of the document family (regular, bold, italic …) has `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        let in_faces = || {
            self.faces
                .iter()
                .all(|f| f.info().coverage.contains(c as u32))
        };
        if c == ' ' {
            return true;
        }
        let Some(known) = self.glyphs.get(c as usize) else {
            return in_faces();
        };
        match known.load(Ordering::Relaxed) {
            1 => true,
            2 => false,
            _ => {
                let has = in_faces();
                known.store(if has { 1 } else { 2 }, Ordering::Relaxed);
                has
            }
        }
    }

    /// Compiles a document and exports its PDF. Safe to call from many threads.
    pub fn pdf(&self, markup: Markup, meta: PdfMeta<'_>) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let document = self.compile(markup)?;
        export_pdf(&document, meta)
    }

    /// Compiles a document into laid-out pages. Its files are readable by
    /// the markup under their relative names (`image("qr.png")`) during
    /// this compile only. Safe to call from many threads.
    pub fn compile(&self, markup: Markup) -> Result<PagedDocument, Vec<Diagnostic>> {
        self.compile_kept(None, markup)
    }

    /// [`Engine::pdf`] of the document known as `key` (its output file):
    /// see [`Engine::compile_kept`].
    pub fn pdf_kept(
        &self,
        key: Option<&str>,
        markup: Markup,
        meta: PdfMeta<'_>,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let document = self.compile_kept(key, markup)?;
        export_pdf(&document, meta)
    }

    /// [`Engine::compile`]; with a `key`, the document has a slot of its
    /// own for the engine's life and each compile edits the source of the
    /// one before, so a document compiled again after a small change (as
    /// `ocop watch` does) reuses nearly all of Typst's earlier work.
    pub fn compile_kept(
        &self,
        key: Option<&str>,
        markup: Markup,
    ) -> Result<PagedDocument, Vec<Diagnostic>> {
        let kept = key.and_then(|k| self.slots.acquire_kept(k).map(|slot| (k, slot)));
        let slot = match kept {
            Some((_, slot)) => slot,
            None => self.slots.acquire(),
        };
        let file_ids: Vec<FileId> = markup
            .files
            .iter()
            .map(|(name, _)| format!("/slot-{slot}/{name}").as_str().into_file_id())
            .collect();
        {
            let mut binaries = self
                .slots
                .binaries
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            for (id, (_, bytes)) in file_ids.iter().zip(&markup.files) {
                binaries.insert(*id, Bytes::new(bytes.clone()));
            }
        }
        // A panic inside Typst must cost this document, not the run.
        let result = crate::watchdog::watched("dàn trang", || {
            contained(|| self.compile_in_slot(slot, markup.source, kept.is_some()))
        })
        .unwrap_or_else(|detail| Err(vec![internal_failure("dàn trang", &detail)]));
        {
            let mut binaries = self
                .slots
                .binaries
                .lock()
                .unwrap_or_else(|p| p.into_inner());
            for id in &file_ids {
                binaries.remove(id);
            }
        }
        match kept {
            Some((key, _)) => self.slots.release_kept(key),
            None => self.slots.release(slot),
        }
        result
    }

    fn compile_in_slot(
        &self,
        slot: usize,
        markup: String,
        edit: bool,
    ) -> Result<PagedDocument, Vec<Diagnostic>> {
        let id = format!("/slot-{slot}/document.typ").as_str().into_file_id();
        {
            let mut sources = self.slots.sources.lock().unwrap_or_else(|p| p.into_inner());
            match sources.get_mut(&id) {
                Some(source) if edit => {
                    source.replace(&markup);
                }
                _ => {
                    sources.insert(id, Source::new(id, markup));
                }
            }
        }
        let world = self.typst.world_builder(id).build().map_err(|e| {
            vec![Diagnostic::error(format!(
                "không dựng được môi trường Typst: {e}"
            ))]
        })?;
        let warned = typst::compile::<PagedDocument>(&world);
        // A font Typst cannot find is only a warning there; it would
        // silently fall back to another family, so it is an error here.
        let fatal_warnings: Vec<&SourceDiagnostic> = warned
            .warnings
            .iter()
            .filter(|w| w.message.contains("unknown font family"))
            .collect();
        match warned.output {
            Ok(doc) if doc.pages().len() > MAX_PAGES => Err(vec![Diagnostic::error(format!(
                "văn bản dài {} trang, quá giới hạn {MAX_PAGES} trang của một văn bản",
                doc.pages().len()
            ))
            .hint("một mẫu văn bản riêng (--templates) có vòng lặp quá lớn? sửa mẫu, hoặc chạy lại không có --templates")]),
            Ok(doc) if fatal_warnings.is_empty() => Ok(doc),
            Ok(_) => Err(fatal_warnings
                .into_iter()
                .map(|d| typst_diagnostic(Some(&world), d))
                .collect()),
            Err(errors) => Err(errors
                .iter()
                .map(|d| typst_diagnostic(Some(&world), d))
                .collect()),
        }
    }
}

/// A plan is a dozen pages; a thousand is a template gone wrong, and its
/// PDF would take gigabytes to write.
const MAX_PAGES: usize = 1000;

/// Exports compiled pages as PDF bytes.
pub fn export_pdf(document: &PagedDocument, meta: PdfMeta<'_>) -> Result<Vec<u8>, Vec<Diagnostic>> {
    let options = PdfOptions {
        ident: Smart::Custom(meta.ident.to_string()),
        timestamp: Some(pdf_timestamp(meta.date)),
        tagged: meta.tagged,
        standards: meta.standard.typst(),
        ..PdfOptions::default()
    };
    // Export errors (a PDF standard violated) carry no useful location in
    // generated markup; the message alone is reported. The PDF writer can
    // panic on text it cannot segment (krilla); that costs this document only.
    match crate::watchdog::watched("ghi PDF", || {
        contained(|| typst_pdf::pdf(document, &options))
    }) {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(errors)) => Err(errors
            .iter()
            .map(
                |d| match pdf_standard::conformance_problem(meta.standard, &d.message) {
                    Some((message, hint)) => Diagnostic::error(message).hint(hint),
                    None => typst_diagnostic(None, d),
                },
            )
            .collect()),
        Err(detail) => Err(vec![internal_failure("ghi PDF", &detail)]),
    }
}

/// Engine calls running now whose panics are caught and reported as a
/// document's problem. While any runs, the panic hook stays quiet: Rust's
/// default hook would print an English "thread … panicked" over the
/// Vietnamese report, and Typst's rayon workers panic on their own threads,
/// so a per-thread flag would not see them.
static CONTAINED: AtomicUsize = AtomicUsize::new(0);

/// Runs `f`, turning a panic into its message.
fn contained<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CONTAINED.load(Ordering::SeqCst) == 0 {
                previous(info);
            }
        }));
    });
    struct Running;
    impl Drop for Running {
        fn drop(&mut self) {
            CONTAINED.fetch_sub(1, Ordering::SeqCst);
        }
    }
    CONTAINED.fetch_add(1, Ordering::SeqCst);
    let _running = Running;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

/// A failure inside the engine: the document is skipped, the run goes on.
fn internal_failure(stage: &str, detail: &str) -> Diagnostic {
    let mut hint = "thường do một đoạn văn bản bất thường (một dãy ký tự rất dài không có dấu cách, hoặc rất nhiều dấu thanh chồng nhau); rút gọn hoặc sửa đoạn đó".to_string();
    if !detail.is_empty() {
        // For a bug report: the engine's own words, cut short.
        let detail: String = detail.chars().take(200).collect();
        hint.push_str(&format!(" (chi tiết kỹ thuật để báo lỗi: {detail})"));
    }
    Diagnostic::error(format!(
        "bộ dựng trang gặp lỗi nội bộ khi {stage} văn bản này; văn bản không được ghi"
    ))
    .hint(hint)
}

/// SOURCE_DATE_EPOCH (reproducible builds) wins over the document date.
fn pdf_timestamp(date: Date) -> Timestamp {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(epoch_to_datetime);
    let datetime = from_env.unwrap_or_else(|| {
        Datetime::from_ymd_hms(date.year, date.month, date.day, 0, 0, 0).expect("a validated date")
    });
    Timestamp::new_utc(datetime)
}

fn epoch_to_datetime(secs: i64) -> Option<Datetime> {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
    Datetime::from_ymd_hms(
        year,
        month,
        day,
        (rem / 3600) as u8,
        (rem % 3600 / 60) as u8,
        (rem % 60) as u8,
    )
}

/// The name a document's markup has inside the engine. A Typst problem
/// located in it names this file until the session says which template
/// line (or which `.typ` of `--emit-typ`) it is.
pub const MARKUP_FILE: &str = "document.typ";

/// A Typst problem, located in the generated markup (file [`MARKUP_FILE`])
/// or in a layout library (`nd30.typ` …) with the line quoted. It points at
/// a template, not at the user's YAML: the hint says so.
fn typst_diagnostic(world: Option<&dyn World>, d: &SourceDiagnostic) -> Diagnostic {
    let severity = if d.severity == TypstSeverity::Error {
        "lỗi"
    } else {
        "cảnh báo"
    };
    let mut hint = String::from(
        "đây là lỗi của mẫu văn bản, không phải của tệp YAML; xem mã Typst sinh ra bằng --emit-typ",
    );
    for h in &d.hints {
        hint.push_str(&format!("; {}", h.v));
    }
    let diagnostic = Diagnostic::error(format!("Typst báo {severity}: {}", d.message)).hint(hint);
    match world.and_then(|w| locate(w, d)) {
        Some((file, pos, line)) => diagnostic.file(file).at(Some(pos)).snippet(Some(&line)),
        None => diagnostic,
    }
}

/// The file (its name in the engine, without the worker's folder), the
/// position and the text of the line where `d` is.
fn locate(world: &dyn World, d: &SourceDiagnostic) -> Option<(String, Pos, String)> {
    let (id, source, range) = match d.span.get() {
        DiagSpanKind::Number { id, num, sub_range } => {
            let source = world.source(id).ok()?;
            let range = source.range(num, sub_range)?;
            (id, source, range)
        }
        DiagSpanKind::Range { id, range } => (id, world.source(id).ok()?, range),
        _ => return None,
    };
    let lines = source.lines();
    let line = lines.byte_to_line(range.start)?;
    let col = lines.byte_to_column(range.start)?;
    let text = source
        .text()
        .lines()
        .nth(line)
        .unwrap_or_default()
        .to_string();
    let path = id.vpath().get_without_slash();
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    Some((
        name,
        Pos {
            line: line + 1,
            col: col + 1,
        },
        text,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_answers_are_the_fonts_whether_asked_once_or_again() {
        let libraries = crate::markup::Templates::load(None).unwrap().libraries;
        let engine = Engine::new(&libraries, Vec::new(), None).unwrap();
        let in_faces = |c: char| {
            engine
                .faces
                .iter()
                .all(|f| f.info().coverage.contains(c as u32))
        };
        // Below and above the remembered range, present and missing.
        let chars = [
            'a', 'ế', 'Đ', '–', '…', '\u{0378}', '\u{2070}', '★', '中', '😀',
        ];
        for _ in 0..2 {
            for c in chars {
                assert_eq!(engine.has_glyph(c), in_faces(c), "{c:?}");
            }
        }
        assert!(engine.has_glyph('ế') && !engine.has_glyph('\u{0378}'));
        assert!(engine.has_glyph(' '));
    }

    #[test]
    fn a_kept_document_is_compiled_as_an_edit_of_its_last_version() {
        let libraries = crate::markup::Templates::load(None).unwrap().libraries;
        let engine = Engine::new(&libraries, Vec::new(), None).unwrap();
        let markup = |source: &str| Markup {
            source: source.to_string(),
            files: Vec::new(),
        };
        let pages = |doc: PagedDocument| doc.pages().len();
        let one = engine.compile_kept(Some("a.pdf"), markup("Một")).unwrap();
        let two = engine
            .compile_kept(Some("a.pdf"), markup("Một\n#pagebreak()\nHai"))
            .unwrap();
        assert_eq!((pages(one), pages(two)), (1, 2));
        // Another document has its own slot; an error leaves the slot usable.
        assert!(
            engine
                .compile_kept(Some("b.pdf"), markup("#khong-co"))
                .is_err()
        );
        let b = engine.compile_kept(Some("b.pdf"), markup("Ba")).unwrap();
        assert_eq!(pages(b), 1);
        let a = engine.compile_kept(Some("a.pdf"), markup("Một")).unwrap();
        assert_eq!(pages(a), 1);
        // The same document compiled twice at once takes a pooled slot.
        assert_eq!(engine.slots.acquire_kept("a.pdf"), Some(0));
        assert_eq!(engine.slots.acquire_kept("a.pdf"), None);
        assert!(engine.compile_kept(Some("a.pdf"), markup("Một")).is_ok());
        engine.slots.release_kept("a.pdf");
    }

    #[test]
    fn the_layout_library_takes_its_numbers_from_the_data_file() {
        let mut libraries = crate::markup::Templates::load(None).unwrap().libraries;
        let page = &crate::nd30::layout().page;
        let check = |libraries: &[(String, String)], left: f64| {
            let engine = Engine::new(libraries, Vec::new(), None).unwrap();
            let source = format!(
                "#import \"/nd30.typ\": page-margin\n#assert.eq(page-margin.left, {left}mm)\nx"
            );
            engine.compile(Markup {
                source,
                files: Vec::new(),
            })
        };
        // What the Word writer reads (crate::nd30) is what Typst reads.
        assert!(check(&libraries, page.margin_left_mm).is_ok());
        // And Typst reads it from the file: a changed file changes the PDF.
        let data = libraries
            .iter_mut()
            .find(|(name, _)| name == crate::nd30::LAYOUT_FILE)
            .unwrap();
        data.1 = data.1.replace("margin-left-mm = 30", "margin-left-mm = 35");
        assert!(check(&libraries, 35.0).is_ok());
        assert!(check(&libraries, page.margin_left_mm).is_err());
    }

    #[test]
    fn a_font_folder_with_unusable_files_warns_and_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        // An empty folder: a warning naming it, no error.
        let found = load_font_dir(dir.path()).unwrap();
        assert!(found.fonts.is_empty());
        assert_eq!(found.warnings.len(), 1);
        assert!(
            found.warnings[0]
                .render()
                .contains("không có phông nào dùng được")
        );
        // A web font and a damaged file are skipped; the good font is read.
        std::fs::write(dir.path().join("a.woff"), b"wOFF....").unwrap();
        std::fs::write(dir.path().join("b.ttf"), b"not a font").unwrap();
        std::fs::write(dir.path().join("ghi-chu.txt"), b"not looked at").unwrap();
        std::fs::write(
            dir.path().join("c.ttf"),
            include_bytes!("../fonts/LiberationSerif-Regular.ttf"),
        )
        .unwrap();
        let found = load_font_dir(dir.path()).unwrap();
        assert_eq!(found.fonts.len(), 1);
        let said: Vec<String> = found.warnings.iter().map(|d| d.render()).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("a.woff") && said[0].contains("phông web .woff"));
        assert!(said[1].contains("b.ttf") && said[1].contains("đã bỏ qua"));
        assert!(found.warnings.iter().all(|d| !d.is_error()));
        // A folder that is not there is an error.
        assert!(load_font_dir(&dir.path().join("khong-co")).is_err());
    }

    #[test]
    fn epoch_conversion() {
        let d = epoch_to_datetime(0).unwrap();
        assert_eq!(
            (d.year(), d.month(), d.day()),
            (Some(1970), Some(1), Some(1))
        );
        let d = epoch_to_datetime(1_700_000_000).unwrap();
        assert_eq!(
            (d.year(), d.month(), d.day()),
            (Some(2023), Some(11), Some(14))
        );
    }

    #[test]
    fn a_panic_becomes_its_message_even_on_a_worker_thread() {
        assert_eq!(contained(|| 7), Ok(7));
        let direct: Result<(), String> = contained(|| panic!("vỡ ở đây"));
        assert_eq!(direct, Err("vỡ ở đây".to_string()));
        let on_worker = contained(|| rayon::join(|| panic!("vỡ ở luồng {}", 2), || ()));
        assert_eq!(on_worker.map(|_| ()), Err("vỡ ở luồng 2".to_string()));
    }
}
