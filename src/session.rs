//! What one run loads once and every document uses: the templates (built-in
//! or the user's) and the Typst engine with its fonts.

use std::path::PathBuf;

use typst_layout::PagedDocument;

use typst::text::Font;

use crate::compile::{self, Engine, PdfMeta};
use crate::diag::{Diagnostic, Pos, display_path};
use crate::doc::Document;
use crate::fonts::{self, Search, TIMES_NEW_ROMAN};
use crate::markup::{self, Markup, Templates};
use crate::sign;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A folder whose templates replace the built-in ones of the same name.
    pub templates: Option<PathBuf>,
    /// Folders of extra fonts (the real Times New Roman).
    pub font_paths: Vec<PathBuf>,
    /// The family to set documents in.
    pub font_family: Option<String>,
    /// Documents will be rendered again after small changes (`ocop
    /// watch`): each keeps its own place in the engine, so Typst reuses
    /// its earlier work.
    pub keep_documents: bool,
}

pub struct Session {
    pub templates: Templates,
    pub engine: Engine,
    /// What was worth saying while loading (fonts skipped …).
    pub warnings: Vec<Diagnostic>,
    /// Where the system's Times New Roman was found, or why it is not used.
    system_font: Option<String>,
    keep_documents: bool,
}

impl Session {
    pub fn new(options: &Options) -> Result<Session, Vec<Diagnostic>> {
        let templates = Templates::load(options.templates.as_deref())?;
        let mut fonts = Vec::new();
        let mut warnings = Vec::new();
        let mut errors = Vec::new();
        for dir in &options.font_paths {
            match compile::load_font_dir(dir) {
                Ok(found) => {
                    fonts.extend(found.fonts);
                    warnings.extend(found.warnings);
                }
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            errors.extend(warnings);
            return Err(errors);
        }
        let (system, system_font) = system_times(options, &fonts);
        fonts.extend(system);
        let engine = Engine::new(&templates.libraries, fonts, options.font_family.as_deref())
            .map_err(|e| {
                let mut all = warnings.clone();
                all.push(e);
                all
            })?;
        Ok(Session {
            templates,
            engine,
            warnings,
            system_font,
            keep_documents: options.keep_documents,
        })
    }

    /// The font every document of the run is set in, and where it comes
    /// from, for the run's summary.
    pub fn font_summary(&self) -> String {
        let family = &self.engine.family;
        let whence = if family == compile::BUILTIN_FAMILY {
            match &self.system_font {
                Some(why) => format!("có sẵn trong ocop; {why}"),
                None => "có sẵn trong ocop".to_string(),
            }
        } else if family == TIMES_NEW_ROMAN {
            match &self.system_font {
                Some(file) => format!("của máy, {file}"),
                None => "từ --font-path".to_string(),
            }
        } else {
            "từ --font-path".to_string()
        };
        format!("phông chữ: {family} ({whence})")
    }

    /// Whether the document font can print `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.engine.has_glyph(c)
    }

    /// The Typst source of `doc` and the files it shows.
    pub fn markup(&self, doc: &Document) -> Result<Markup, Diagnostic> {
        self.templates.markup(doc, &self.engine.family)
    }

    /// `doc` laid out in pages.
    pub fn layout(&self, doc: &Document) -> Result<PagedDocument, Vec<Diagnostic>> {
        let markup = self.markup(doc).map_err(|d| vec![d])?;
        self.engine
            .compile(markup)
            .map_err(|d| self.template_errors(doc, d))
    }

    /// `doc` as PDF bytes, as it is issued (see [`Session::issue`]);
    /// `tagged` adds the structure screen readers use.
    pub fn pdf(
        &self,
        doc: &Document,
        markup: Markup,
        tagged: bool,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        self.issue(None, doc, markup, tagged).map(|i| i.pdf)
    }

    /// `doc` exported under its PDF standard; issued electronically, with
    /// an empty signature field over each signing place, and the places.
    /// With an `output` and `keep_documents`, compiled as an edit of the
    /// previous version of that file.
    pub fn issue(
        &self,
        output: Option<&std::path::Path>,
        doc: &Document,
        markup: Markup,
        tagged: bool,
    ) -> Result<sign::Issued, Vec<Diagnostic>> {
        let key = output
            .filter(|_| self.keep_documents)
            .map(|o| o.to_string_lossy());
        let document = self
            .engine
            .compile_kept(key.as_deref(), markup)
            .map_err(|d| self.template_errors(doc, d))?;
        sign::issue(&document, doc, meta(doc, tagged))
    }

    /// Typst's problems pointed at what the user can open: a line of their
    /// template when the generated line is one the template writes out as
    /// it is, their copy of a layout library, or else the generated markup
    /// under the name `--emit-typ` gives it (`ke-hoach.typ`).
    fn template_errors(&self, doc: &Document, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .map(|d| self.template_error(doc, d))
            .collect()
    }

    fn template_error(&self, doc: &Document, mut d: Diagnostic) -> Diagnostic {
        let Some(file) = d.file.as_ref().and_then(|f| f.to_str()).map(str::to_string) else {
            return d;
        };
        let template = markup::template_name(doc);
        if file != compile::MARKUP_FILE {
            // A layout library: the user's copy, or the built-in one by name.
            if let Some(path) = self.templates.user_file(&file) {
                d.file = Some(path.to_path_buf());
            } else {
                d.message.push_str(&format!(
                    " (trong thư viện có sẵn {file}, do mẫu {template} gọi)"
                ));
            }
            return d;
        }
        let generated = format!("{}.typ", doc.file_stem);
        let (Some(pos), Some(line)) = (d.pos, d.snippet.as_deref()) else {
            d.file = Some(PathBuf::from(generated));
            return d;
        };
        match self.templates.template_line(line, pos.col) {
            Some(found) => {
                d.message.push_str(&format!(
                    " (dòng {} của mã Typst sinh ra {generated})",
                    pos.line
                ));
                d.file = Some(found.path);
                d.pos = Some(Pos {
                    line: found.line,
                    col: found.col,
                });
                d.snippet = Some(found.text);
            }
            None => {
                d.message
                    .push_str(&format!(" (trong mã Typst sinh ra từ mẫu {template})"));
                d.file = Some(PathBuf::from(generated));
            }
        }
        d
    }
}

/// The system's Times New Roman, unless another family is asked for or
/// `--font-path` gave it: its faces, and what to say of the search (the
/// file used, or why the built-in font stays). Nothing when the search is
/// turned off (`OCOP_SYSTEM_FONT_DIRS` set empty).
fn system_times(options: &Options, given: &[Font]) -> (Vec<Font>, Option<String>) {
    let wanted = options
        .font_family
        .as_deref()
        .is_none_or(|f| f.eq_ignore_ascii_case(TIMES_NEW_ROMAN));
    let given_times = given
        .iter()
        .any(|f| f.info().family.eq_ignore_ascii_case(TIMES_NEW_ROMAN));
    let dirs = fonts::system_dirs();
    if !wanted || given_times || dirs.is_empty() {
        return (Vec::new(), None);
    }
    let shown = |p: &PathBuf| display_path(p);
    match fonts::find(TIMES_NEW_ROMAN, &dirs) {
        Search::Found(found) => {
            let file = found.files.first().map(shown).unwrap_or_default();
            (found.fonts, Some(file))
        }
        Search::Unusable { files, why } => {
            let file = files.first().map(shown).unwrap_or_default();
            (
                Vec::new(),
                Some(format!("Times New Roman của máy ({file}) {why}")),
            )
        }
        Search::NotFound { .. } => (Vec::new(), Some("máy không có Times New Roman".to_string())),
    }
}

/// The PDF options of `doc`: its identifier, its own date, its standard.
pub fn meta(doc: &Document, tagged: bool) -> PdfMeta<'_> {
    PdfMeta {
        ident: &doc.ident,
        date: doc.timestamp,
        tagged,
        standard: doc.issuance.pdf_standard,
    }
}
