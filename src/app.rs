//! The pipeline for one run: templates and fonts are loaded once, then each
//! input file goes load → validate → compose → render markup → compile → write.

use std::path::{Path, PathBuf};

use crate::compile::{self, Engine, PdfMeta};
use crate::compose;
use crate::diag::Diagnostic;
use crate::doc::Document;
use crate::load::{self, SourceFile};
use crate::markup::Templates;
use crate::model::PlanFile;
use crate::validate;
use crate::write;

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub templates: Option<PathBuf>,
    pub font_paths: Vec<PathBuf>,
    pub font_family: Option<String>,
}

/// Everything loaded once per run.
pub struct Session {
    pub templates: Templates,
    pub engine: Engine,
}

/// The result of reading one input file.
pub struct FileOutcome {
    pub path: PathBuf,
    /// The source text, for quoting lines in diagnostics.
    pub source: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    pub documents: Vec<Document>,
}

impl FileOutcome {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
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

    /// Loads, validates and composes the documents described by `path`.
    pub fn compose(&self, path: &Path) -> FileOutcome {
        match SourceFile::read(path) {
            Ok(file) => self.compose_source(&file),
            Err(d) => FileOutcome {
                path: path.to_path_buf(),
                source: None,
                diagnostics: vec![d],
                documents: Vec::new(),
            },
        }
    }

    /// Validates and composes an already read source.
    pub fn compose_source(&self, file: &SourceFile) -> FileOutcome {
        let mut outcome = FileOutcome {
            path: file.path.clone(),
            source: Some(file.text.clone()),
            diagnostics: Vec::new(),
            documents: Vec::new(),
        };
        let parsed: Result<PlanFile, _> = file.parse();
        // Text problems are reported even when the structure is wrong.
        outcome
            .diagnostics
            .extend(load::check_text(file, &|c| self.engine.has_glyph(c)));
        let pf = match parsed {
            Ok(pf) => pf,
            Err(d) => {
                outcome.diagnostics.push(d);
                return outcome;
            }
        };
        outcome.diagnostics.extend(validate::plan_file(file, &pf));
        if let Some(plan) = &pf.plan {
            let (doc, diags) = compose::plan::plan(file, &pf, plan);
            outcome.documents.extend(doc);
            outcome.diagnostics.extend(diags);
        }
        let (docs, diags) = compose::decision::decisions(file, &pf);
        outcome.documents.extend(docs);
        outcome.diagnostics.extend(diags);
        let (docs, diags) = compose::dispatch::dispatches(file, &pf);
        outcome.documents.extend(docs);
        outcome.diagnostics.extend(diags);
        // Warnings from composition travel with a successful document too.
        outcome.diagnostics.sort_by_key(|d| (d.pos, d.severity));
        outcome.diagnostics.dedup();
        if outcome.has_errors() {
            outcome.documents.clear();
        }
        outcome
    }

    pub fn markup(&self, doc: &Document) -> Result<String, Diagnostic> {
        self.templates
            .render(doc.template, doc, &self.engine.family)
    }

    pub fn pdf(&self, doc: &Document, markup: String) -> Result<Vec<u8>, Vec<Diagnostic>> {
        self.engine.compile_pdf(
            markup,
            PdfMeta {
                ident: &doc.ident,
                date: doc.timestamp,
                tagged: true,
            },
        )
    }
}

/// Expands folders into the YAML files under them (sorted, so runs are stable).
pub fn collect_inputs(inputs: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(input)
                .sort_by_file_name()
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    files
}

/// The folder a file's documents are written to: `<out>/<file stem>/`.
pub fn output_dir(out: &Path, input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let slug = crate::text::slug(&stem);
    out.join(if slug.is_empty() {
        "van-ban".to_string()
    } else {
        slug
    })
}

/// Writes `bytes` to `path`, turning an I/O failure into a diagnostic.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    write::write_atomic(path, bytes).map_err(|e| output_error(path, &e))
}

/// An output error explained in Vietnamese, naming the file.
pub fn output_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    let (msg, hint) = write::describe_io_error(e);
    Diagnostic::error(format!("{msg} ({e})"))
        .file(path)
        .hint(hint)
}
