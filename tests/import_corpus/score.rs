//! Scoring: each variant imported as `ocop import` does it, the YAML
//! checked as `ocop check` does, rendered, and measured against its source
//! with the judges' tools (one Python process for the whole corpus, see
//! `tools.py`) and against the source's counts.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::THRESHOLDS;
use super::sources::{Analysed, Case, Counts, Source, analyse};
use crate::common::{root, session};
use ocop::doc::Document;

/// When a variant passes: every one of these, the YAML checks clean, the
/// document is of its source's kind, no forbidden text came back, every
/// count equals the source's, and every NĐ 30 rule holds.
pub struct Thresholds {
    /// textsim.py: share of the source's words reproduced, in order.
    pub recall: f64,
    /// textsim.py: share of the rendered words that are the source's.
    pub precision: f64,
    /// outline.py: share of the source's labels kept, in order.
    pub outline: f64,
}

/// What went wrong first, in the order a reader meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// `ocop import` refused the file (or panicked).
    Import,
    /// `ocop check` finds errors in the YAML.
    Check,
    /// The YAML describes no document of the source's kind.
    Kind,
    /// The document did not render.
    Render,
    /// Text that must not come back did (hidden, deleted, field codes).
    Forbidden,
    /// A count of the model differs.
    Counts,
    /// Word recall or precision below the threshold.
    Words,
    /// The numbering outline is not kept.
    Outline,
    /// An NĐ 30 rule fails.
    Nd30,
}

impl Stage {
    pub fn name(self) -> &'static str {
        match self {
            Stage::Import => "import",
            Stage::Check => "check",
            Stage::Kind => "kind",
            Stage::Render => "render",
            Stage::Forbidden => "forbidden",
            Stage::Counts => "counts",
            Stage::Words => "words",
            Stage::Outline => "outline",
            Stage::Nd30 => "nd30",
        }
    }
}

/// The verdict on one case.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The first failure and what differs; None when the case passes.
    pub failure: Option<(Stage, String)>,
    pub recall: Option<f64>,
    pub precision: Option<f64>,
}

/// What importing one case gave.
enum Imported {
    Failed(Stage, String),
    Read {
        yaml: String,
        counts: Counts,
        doc: Box<Document>,
    },
}

/// Scores every case; `dir` receives the imported YAML and PDFs.
pub fn score_all(
    sources: &[Source],
    cases: &[Case],
    tools: &Path,
    dir: &Path,
    lap: &(dyn Fn(&str) + Sync),
) -> Vec<Outcome> {
    std::fs::create_dir_all(dir).unwrap();
    // Typst lays out on deep stacks: the pool's threads get ocop's own.
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(32 << 20)
        .build()
        .unwrap();
    pool.install(|| score_in_pool(sources, cases, tools, dir, lap))
}

fn score_in_pool(
    sources: &[Source],
    cases: &[Case],
    tools: &Path,
    dir: &Path,
    lap: &(dyn Fn(&str) + Sync),
) -> Vec<Outcome> {
    let imported: Vec<Imported> = cases
        .par_iter()
        .map(|c| import(&sources[c.source], c, dir))
        .collect();
    lap("imported");
    // One render per distinct document: most variants import alike.
    let mut renders: Vec<(PathBuf, &Document, &Path)> = Vec::new();
    let mut render_of: Vec<Option<usize>> = Vec::new();
    let mut seen: HashMap<PathBuf, usize> = HashMap::new();
    for (case, i) in cases.iter().zip(&imported) {
        render_of.push(match i {
            Imported::Read { doc, .. } => {
                let source = &sources[case.source];
                let pdf = dir.join(format!("{}.{:016x}.pdf", source.name, fnv(&doc_key(doc))));
                Some(*seen.entry(pdf.clone()).or_insert_with(|| {
                    renders.push((pdf, doc, &source.original));
                    renders.len() - 1
                }))
            }
            Imported::Failed(..) => None,
        });
    }
    let rendered: Vec<Result<(), String>> = renders
        .par_iter()
        .map(|(pdf, doc, _)| render(doc, pdf))
        .collect();
    lap(&format!("{} distinct documents rendered", renders.len()));
    let jobs: Vec<(PathBuf, PathBuf)> = renders
        .iter()
        .zip(&rendered)
        .filter(|(_, r)| r.is_ok())
        .map(|((pdf, _, original), _)| (pdf.clone(), original.to_path_buf()))
        .collect();
    // The sources' own renders are measured too: an NĐ 30 rule the truth
    // fails is no fault of the import (see `verdict`).
    let truth_jobs: Vec<(PathBuf, PathBuf)> = sources
        .iter()
        .map(|s| (s.pdf.clone(), s.original.clone()))
        .collect();
    let all_jobs: Vec<(PathBuf, PathBuf)> = jobs.iter().chain(&truth_jobs).cloned().collect();
    let mut measured: HashMap<PathBuf, Measure> = all_jobs
        .iter()
        .map(|(pdf, _)| pdf.clone())
        .zip(measure(tools, &all_jobs, dir))
        .collect();
    let truth_nd30: Vec<Vec<String>> = sources
        .iter()
        .map(|s| {
            measured
                .remove(&s.pdf)
                .map_or_else(Vec::new, |m| m.nd30_failed)
        })
        .collect();
    cases
        .iter()
        .zip(&imported)
        .zip(&render_of)
        .map(|((case, i), r)| match (i, r) {
            (Imported::Failed(stage, detail), _) => failed(*stage, detail.clone()),
            (Imported::Read { yaml, counts, .. }, Some(r)) => match &rendered[*r] {
                Err(e) => failed(Stage::Render, e.clone()),
                Ok(()) => verdict(
                    &sources[case.source],
                    case,
                    yaml,
                    counts,
                    &measured[&renders[*r].0],
                    &truth_nd30[case.source],
                ),
            },
            (Imported::Read { .. }, None) => unreachable!(),
        })
        .collect()
}

fn failed(stage: Stage, detail: String) -> Outcome {
    Outcome {
        failure: Some((stage, detail)),
        ..Outcome::default()
    }
}

/// Imports a case with `ocop import` (a process of its own, so a crash or
/// a hang is the case's failure, not the corpus's) and loads the YAML as
/// `ocop check` does: the document of its source's kind.
fn import(source: &Source, case: &Case, dir: &Path) -> Imported {
    let stem = case.file.file_stem().unwrap().to_string_lossy().to_string();
    let yaml_path = dir.join(format!("{stem}.yaml"));
    if let Err(e) = run_import(&case.file, &yaml_path, &dir.join(format!("{stem}.err"))) {
        return Imported::Failed(Stage::Import, e);
    }
    let yaml = std::fs::read_to_string(&yaml_path).unwrap();
    let docs = match analyse(&yaml_path, &yaml) {
        Err(errors) => {
            let first = errors
                .first()
                .map_or("no document".to_string(), |e| error_summary(e));
            return Imported::Failed(Stage::Check, first);
        }
        Ok(docs) => docs,
    };
    let kinds: Vec<&str> = docs.iter().map(|a| a.doc.kind().name()).collect();
    let Some(Analysed { doc, counts, .. }) = docs.into_iter().find(|a| a.doc.kind() == source.kind)
    else {
        return Imported::Failed(
            Stage::Kind,
            format!("{} imported as [{}]", source.kind.name(), kinds.join(", ")),
        );
    };
    Imported::Read {
        yaml,
        counts,
        doc: Box::new(doc),
    }
}

/// The longest an import may take before it counts as a hang.
const IMPORT_TIMEOUT: Duration = Duration::from_secs(30);

/// Runs `ocop import FILE -o YAML`; the YAML is written unless the input
/// was refused (it may still fail `ocop check`).
fn run_import(file: &Path, yaml: &Path, errors: &Path) -> Result<(), String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ocop"))
        .arg("import")
        .arg(file)
        .arg("-o")
        .arg(yaml)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(errors).unwrap())
        .spawn()
        .expect("the ocop binary runs");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > IMPORT_TIMEOUT {
            child.kill().unwrap();
            child.wait().unwrap();
            return Err(format!("no answer in {} s", IMPORT_TIMEOUT.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    if yaml.exists() {
        return Ok(());
    }
    let stderr = std::fs::read_to_string(errors).unwrap_or_default();
    Err(match status.code() {
        Some(_) => first_line(&stderr),
        None => format!(
            "crashed ({status}): {}",
            stderr.lines().last().unwrap_or("")
        ),
    })
}

/// Renders a document to `pdf`.
fn render(doc: &Document, pdf: &Path) -> Result<(), String> {
    let s = session();
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let markup = s.markup(doc).map_err(|d| first_line(&d.render()))?;
        s.pdf(doc, markup, true).map_err(|ds| {
            ds.first()
                .map_or(String::new(), |d| first_line(&d.render()))
        })
    }));
    match rendered {
        Ok(Ok(bytes)) => {
            std::fs::write(pdf, bytes).unwrap();
            Ok(())
        }
        Ok(Err(e)) => Err(e),
        Err(panic) => Err(format!("panic: {}", panic_text(&panic))),
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").to_string()
}

/// An error of `ocop check`: its message and the field it names.
fn error_summary(rendered: &str) -> String {
    let field = rendered
        .lines()
        .find_map(|l| l.trim().strip_prefix("= trường: "))
        .unwrap_or("");
    format!("{} [{field}]", first_line(rendered))
}

/// What the PDF of a document depends on: documents alike render alike.
fn doc_key(doc: &Document) -> String {
    use ocop::doc::Content;
    let body = match &doc.content {
        Content::Certificate(c) => serde_json::to_string(c).unwrap(),
        Content::Report(r) => serde_json::to_string(r).unwrap(),
        Content::Appendix(a) => serde_json::to_string(a).unwrap(),
        other => serde_json::to_string(other.administrative().expect("NĐ 30 form")).unwrap(),
    };
    format!(
        "{:?}{:?}{}{}{body}",
        doc.timestamp, doc.issuance, doc.meta_title, doc.ident
    )
}

/// FNV-1a of a text, to name a render by its document.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// What the judges' tools say of one rendered PDF.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Measure {
    pub recall: f64,
    pub recall_ok: bool,
    pub precision: f64,
    pub text_diff: Vec<String>,
    pub outline: f64,
    pub outline_ok: bool,
    pub outline_labels: usize,
    pub outline_diff: Vec<String>,
    pub nd30_failed: Vec<String>,
}

/// Runs `tools.py` once over every (rendered PDF, source layout text).
pub fn measure(tools: &Path, jobs: &[(PathBuf, PathBuf)], dir: &Path) -> Vec<Measure> {
    if jobs.is_empty() {
        return Vec::new();
    }
    let list: Vec<serde_json::Value> = jobs
        .iter()
        .map(|(pdf, original)| serde_json::json!({"pdf": pdf, "original": original}))
        .collect();
    let input = serde_json::json!({
        "recall": THRESHOLDS.recall,
        "outline": THRESHOLDS.outline,
        "jobs": list,
    });
    let measures: Vec<Measure> =
        serde_json::from_value(python_batch(tools, "score", &input, dir)).unwrap();
    assert_eq!(measures.len(), jobs.len());
    measures
}

/// Runs `tools.py COMMAND` (the judges' tools in one Python process, on
/// every core) on `input`; its answer.
pub fn python_batch(
    tools: &Path,
    command: &str,
    input: &serde_json::Value,
    dir: &Path,
) -> serde_json::Value {
    let file = dir.join(format!("{command}-input.json"));
    std::fs::write(&file, input.to_string()).unwrap();
    let out = Command::new("python3")
        .arg(root().join("tests/import_corpus/tools.py"))
        .arg(tools)
        .arg(command)
        .arg(&file)
        .output()
        .expect("python3 is needed to run the judges' tools");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("ModuleNotFoundError"),
        "the judges' tools need their Python modules: pip install pdfplumber python-docx\n{stderr}"
    );
    assert!(out.status.success(), "tools.py {command} failed:\n{stderr}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The first text of the case's limits that the YAML's values (comments
/// left out: a note for the author may quote it) hold too often. A text
/// that may come back (a moved or boxed paragraph) is not counted in the
/// `units:` block: a unit it names is declared there, not printed again;
/// hidden or deleted text may stand nowhere.
fn over_limit(case: &Case, yaml: &str) -> Option<String> {
    let all = yaml_values(yaml, false);
    let printed = yaml_values(yaml, true);
    case.limits.iter().find_map(|(text, most)| {
        let values = if *most == 0 { &all } else { &printed };
        let found = values.matches(text.as_str()).count();
        (found > *most).then(|| format!("`{text}` {found} times (at most {most})"))
    })
}

/// The values of a YAML text on one line, single-spaced; `no_units`: the
/// top-level `units:` block left out.
fn yaml_values(yaml: &str, no_units: bool) -> String {
    let mut in_units = false;
    let values: String = yaml
        .lines()
        .filter(|l| {
            if !l.starts_with([' ', '#']) && !l.is_empty() {
                in_units = l.starts_with("units:");
            }
            !(no_units && in_units)
        })
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| l.split("  # ").next().unwrap_or(l))
        .collect::<Vec<_>>()
        .join(" ")
        .replace("\\\"", "\"");
    values.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `truth_nd30`: the NĐ 30 rules the source's own render fails (with what
/// they found); the import need not do better than its truth (nd30check's
/// date rule, for one, refuses the months 10–12 NĐ 30 writes unpadded).
fn verdict(
    source: &Source,
    case: &Case,
    yaml: &str,
    counts: &Counts,
    m: &Measure,
    truth_nd30: &[String],
) -> Outcome {
    let failure = if let Some(f) = over_limit(case, yaml) {
        Some((Stage::Forbidden, f))
    } else if let Some(d) = counts.first_difference(&source.counts) {
        Some((Stage::Counts, d))
    } else if !m.recall_ok || m.precision < THRESHOLDS.precision {
        let diff = m.text_diff.first().cloned().unwrap_or_default();
        Some((
            Stage::Words,
            format!(
                "recall {:.3} precision {:.3}: {diff}",
                m.recall, m.precision
            ),
        ))
    } else if !m.outline_ok && m.outline_labels > 0 {
        let diff = m.outline_diff.first().cloned().unwrap_or_default();
        Some((Stage::Outline, format!("outline {:.3}: {diff}", m.outline)))
    } else {
        m.nd30_failed
            .iter()
            .find(|f| !truth_nd30.contains(f))
            .map(|f| (Stage::Nd30, f.clone()))
    };
    Outcome {
        failure,
        recall: Some(m.recall),
        precision: Some(m.precision),
    }
}
