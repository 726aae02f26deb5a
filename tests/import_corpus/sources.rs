//! The corpus's sources: every document ocop renders from `plans/` and from
//! `tests/import_corpus/sources/`, with its truth — the rendered PDF, the
//! text a reader sees in it, and the counts of its model.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use ocop::doc::{Block, DocKind, Document, Recipient};
use ocop::load::{self, LoadOptions, SourceFile};
use ocop::model::Section;
use ocop::validate::{self, Checked};

use super::Config;
use crate::common::{root, session};

/// One document the corpus varies.
pub struct Source {
    /// `<yaml stem>--<file stem>`.
    pub name: String,
    pub kind: DocKind,
    /// The document as ocop renders it: the truth.
    pub pdf: PathBuf,
    /// Its text in pdftotext's layout mode, which textsim and outline read.
    pub original: PathBuf,
    /// ocop's own .docx of it.
    pub docx: PathBuf,
    pub counts: Counts,
}

/// One variant of a source, written to `file`.
pub struct Case {
    pub source: usize,
    /// `text/layout`, `word/auto-numbering`, `pdf` …
    pub family: String,
    pub seed: u64,
    pub file: PathBuf,
    /// Text that may come back at most so many times: 0 for hidden or
    /// deleted text and field codes, 1 for moved or boxed text.
    pub limits: Vec<(String, usize)>,
}

impl Case {
    pub fn new(source: usize, family: &str, seed: u64, file: PathBuf) -> Case {
        Case {
            source,
            family: family.to_string(),
            seed,
            file,
            limits: Vec::new(),
        }
    }

    pub fn id(&self, sources: &[Source]) -> String {
        format!(
            "{} {}#{}",
            sources[self.source].name, self.family, self.seed
        )
    }
}

/// The structure of a document a reader counts, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts(pub Vec<(&'static str, usize)>);

impl Counts {
    /// The first count that differs from `truth`: "sections 3 ≠ 12".
    pub fn first_difference(&self, truth: &Counts) -> Option<String> {
        truth.0.iter().find_map(|(name, want)| {
            let got = self.0.iter().find(|(n, _)| n == name).map(|(_, g)| *g);
            (got != Some(*want)).then(|| {
                format!(
                    "{name} {} ≠ {want}",
                    got.map_or("-".to_string(), |g| g.to_string())
                )
            })
        })
    }
}

/// The counts of `doc`: for a plan from its model (sections, sections with
/// a task), for the other kinds from the document; the declared units a
/// plan or decision names, and the Nơi nhận lines of every kind.
pub fn counts(checked: &Checked<'_>, doc: &Document) -> Counts {
    let Some(a) = doc.content.administrative() else {
        return Counts(Vec::new());
    };
    let recipients: usize = a
        .signature
        .recipients
        .iter()
        .map(|r| match r {
            Recipient::Line { .. } => 1,
            Recipient::Group { lines, .. } => lines.len(),
        })
        .sum();
    let blocks = || a.preamble.iter().chain(&a.body);
    let headings = blocks()
        .filter(|b| matches!(b, Block::Heading { .. }))
        .count();
    let paragraphs = blocks().filter(|b| matches!(b, Block::Para { .. })).count();
    let mut out = match doc.kind() {
        DocKind::Plan => plan_counts(checked),
        DocKind::Dispatch => vec![
            ("sections", headings),
            ("paragraphs", paragraphs),
            ("addressees", a.to.len()),
        ],
        DocKind::Decision => {
            let articles = blocks()
                .filter(
                    |b| matches!(b, Block::Para { lead: Some(l), .. } if l.starts_with("Điều ")),
                )
                .count();
            let items = blocks()
                .filter(|b| {
                    matches!(
                        b,
                        Block::Para {
                            marker: Some(_),
                            ..
                        }
                    )
                })
                .count();
            // Body rows of the appendices' tables; a group title is one
            // cell spanning the table.
            let rows = a
                .appendices
                .iter()
                .flat_map(|ap| &ap.body)
                .filter_map(|b| match b {
                    Block::Table(t) => Some(t),
                    _ => None,
                })
                .flat_map(|t| t.rows.iter().map(move |r| (t.columns.len(), r)))
                .filter(|(n, r)| !(r.len() == 1 && r[0].cols as usize == *n && *n > 1))
                .count();
            vec![("articles", articles), ("items", items), ("rows", rows)]
        }
        // Not imported (see `imported`): what every kind shares below.
        DocKind::Certificate
        | DocKind::Submission
        | DocKind::Notice
        | DocKind::Revocation
        | DocKind::Reminder
        | DocKind::Report => Vec::new(),
    };
    // A dispatch names units in passing; those it goes to are its addressees.
    match doc.kind() {
        DocKind::Dispatch => {}
        DocKind::Decision => out.push(("units", executors(checked, doc))),
        _ => out.push(("units", units_named(checked, a))),
    }
    out.push(("recipients", recipients));
    Counts(out)
}

/// The declared units whose name (or short name, or another spelling) the
/// document prints in its body (Nơi nhận is free text: it declares none).
fn units_named(checked: &Checked<'_>, a: &ocop::doc::Administrative) -> usize {
    let mut text = format!("{}\n{}\n", a.subject, a.to.join("\n"));
    for b in a.preamble.iter().chain(&a.body) {
        match b {
            Block::Heading { label, title, .. } => text.push_str(&format!("{label} {title}")),
            Block::Centered { text: t, .. } => text.push_str(t),
            Block::Para {
                marker,
                lead,
                text: t,
                ..
            } => {
                for part in [marker.as_deref(), lead.as_deref(), Some(t.as_str())]
                    .into_iter()
                    .flatten()
                {
                    text.push_str(part);
                    text.push(' ');
                }
            }
            Block::Table(t) => {
                for cell in t.header.iter().chain(&t.rows).flatten() {
                    text.push_str(&cell.text);
                    text.push(' ');
                }
            }
        }
        text.push('\n');
    }
    checked
        .model
        .units
        .values()
        .filter(|u| {
            std::iter::once(&u.name)
                .chain(&u.short)
                .chain(&u.aliases)
                .any(|n| text.contains(n.as_str()))
        })
        .count()
}

/// The declared units a decision charges with carrying it out (Điều 3).
/// The file declares its units once for all its documents, so the units
/// whose names a decision merely prints (a cited title, the template's
/// "… và Tổ tư vấn giúp việc Hội đồng", a duty) are not the decision's.
fn executors(checked: &Checked<'_>, doc: &Document) -> usize {
    checked
        .decisions
        .iter()
        .find(|d| d.stem == doc.file_stem)
        .map_or(0, |d| {
            d.decision
                .executors
                .iter()
                .filter(|e| checked.model.units.contains_key(e.as_str()))
                .count()
        })
}

fn plan_counts(checked: &Checked<'_>) -> Vec<(&'static str, usize)> {
    let Some(plan) = &checked.plan else {
        return vec![("sections", 0), ("tasks", 0)];
    };
    fn walk(list: &[Section], sections: &mut usize, tasks: &mut usize) {
        for s in list {
            *sections += 1;
            if !s.task.is_empty() {
                *tasks += 1;
            }
            walk(&s.sections, sections, tasks);
        }
    }
    let (mut sections, mut tasks) = (0, 0);
    walk(&plan.plan.sections, &mut sections, &mut tasks);
    vec![("sections", sections), ("tasks", tasks)]
}

/// A document composed from a YAML text, with its counts.
pub struct Analysed {
    pub doc: Document,
    pub counts: Counts,
    /// A dispatch drafted from the plan's tasks (`from_plan`).
    pub derived: bool,
}

/// A YAML text loaded, validated and composed: its documents, or the errors
/// `ocop check` would print.
pub fn analyse(path: &Path, yaml: &str) -> Result<Vec<Analysed>, Vec<String>> {
    let s = session();
    let loaded = load::load_source(SourceFile::from_text(path, yaml), &LoadOptions::default());
    let validated = validate::validate(&loaded, &|c| s.has_glyph(c));
    let errors: Vec<String> = validated
        .problems
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.render())
        .collect();
    match (&validated.checked, errors.is_empty()) {
        (Some(checked), true) => {
            let derived: BTreeSet<&String> = checked
                .dispatches
                .iter()
                .filter(|d| d.dispatch.from_plan.is_some())
                .flat_map(|d| &d.stems)
                .collect();
            Ok(ocop::compose::documents(checked)
                .into_iter()
                .map(|doc| Analysed {
                    counts: counts(checked, &doc),
                    derived: derived.contains(&doc.file_stem),
                    doc,
                })
                .collect())
        }
        _ => Err(errors),
    }
}

/// The YAML files the sources come from, sorted.
fn yaml_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = [root().join("plans"), corpus_sources()]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(dir).sort_by_file_name())
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// The corpus's own example documents.
pub fn corpus_sources() -> PathBuf {
    root().join("tests/import_corpus/sources")
}

/// Renders every source into `dir`: PDF, layout text, .docx.
pub fn collect(config: &Config, dir: &Path) -> Vec<Source> {
    std::fs::create_dir_all(dir).unwrap();
    let mut out = Vec::new();
    for file in yaml_files() {
        let yaml = std::fs::read_to_string(&file).unwrap();
        let docs = analyse(&file, &yaml).unwrap_or_else(|e| panic!("{file:?}: {e:?}"));
        let stem = file.file_stem().unwrap().to_string_lossy().to_string();
        let mut derived = 0;
        for Analysed {
            doc,
            counts,
            derived: is_derived,
        } in docs
        {
            if !imported(doc.kind()) {
                continue;
            }
            let name = format!("{stem}--{}", doc.file_stem);
            if !config.wants_document(&name) {
                continue;
            }
            if is_derived {
                derived += 1;
                if derived > config.derived_dispatches {
                    continue;
                }
            }
            out.push(render(dir, name, &doc, counts));
        }
    }
    out
}

/// The kinds `ocop import` reads a document into; the corpus measures
/// those. The certificate and the register year's kinds are made from
/// data, never imported.
fn imported(kind: DocKind) -> bool {
    match kind {
        DocKind::Plan | DocKind::Decision | DocKind::Dispatch => true,
        DocKind::Certificate
        | DocKind::Submission
        | DocKind::Notice
        | DocKind::Revocation
        | DocKind::Reminder
        | DocKind::Report => false,
    }
}

fn render(dir: &Path, name: String, doc: &Document, counts: Counts) -> Source {
    let s = session();
    let pdf = dir.join(format!("{name}.pdf"));
    let bytes = s
        .pdf(doc, s.markup(doc).unwrap(), true)
        .unwrap_or_else(|d| panic!("{name}: {d:?}"));
    std::fs::write(&pdf, bytes).unwrap();
    let original = dir.join(format!("{name}.layout.txt"));
    std::fs::write(&original, pdftotext(&pdf, &["-layout"])).unwrap();
    let docx = dir.join(format!("{name}.docx"));
    std::fs::write(&docx, ocop::docx::write(doc).unwrap()).unwrap();
    Source {
        name,
        kind: doc.kind(),
        pdf,
        original,
        docx,
        counts,
    }
}

/// The text of a PDF as poppler reads it, in the given mode.
pub fn pdftotext(pdf: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is needed: apt-get install poppler-utils");
    assert!(
        out.status.success(),
        "pdftotext {pdf:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}
