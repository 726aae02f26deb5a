//! What one run loads once and every document uses: the templates (built-in
//! or the user's) and the Typst engine with its fonts.

use std::path::PathBuf;

use typst_layout::PagedDocument;

use crate::compile::{self, Engine, PdfMeta};
use crate::diag::Diagnostic;
use crate::doc::Document;
use crate::markup::{Markup, Templates};

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A folder whose templates replace the built-in ones of the same name.
    pub templates: Option<PathBuf>,
    /// Folders of extra fonts (the real Times New Roman).
    pub font_paths: Vec<PathBuf>,
    /// The family to set documents in.
    pub font_family: Option<String>,
}

pub struct Session {
    pub templates: Templates,
    pub engine: Engine,
}

impl Session {
    pub fn new(options: &Options) -> Result<Session, Vec<Diagnostic>> {
        let templates = Templates::load(options.templates.as_deref())?;
        let mut fonts = Vec::new();
        let mut errors = Vec::new();
        for dir in &options.font_paths {
            match compile::load_font_dir(dir) {
                Ok(f) => fonts.extend(f),
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let engine = Engine::new(&templates.libraries, fonts, options.font_family.as_deref())
            .map_err(|e| vec![e])?;
        Ok(Session { templates, engine })
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
        self.engine.compile(markup)
    }

    /// `doc` as PDF bytes; `tagged` adds the structure screen readers use.
    pub fn pdf(
        &self,
        doc: &Document,
        markup: Markup,
        tagged: bool,
    ) -> Result<Vec<u8>, Vec<Diagnostic>> {
        self.engine.pdf(markup, meta(doc, tagged))
    }
}

/// The PDF options of `doc`: its identifier and its own date.
pub fn meta(doc: &Document, tagged: bool) -> PdfMeta<'_> {
    PdfMeta {
        ident: &doc.ident,
        date: doc.timestamp,
        tagged,
    }
}
