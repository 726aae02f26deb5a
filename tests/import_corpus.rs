//! The generalisation corpus of `ocop import` (issue 19): every document
//! ocop renders (`plans/`, and the corpus's own examples in
//! `tests/import_corpus/sources/`) is turned into the forms the world hands
//! an office — text copied out of the PDF in poppler's three modes and
//! damaged the ways copying damages it, Word files as Word and LibreOffice
//! save them, .odt, .doc, the PDF itself — each by a deterministic (seeded)
//! transformation. Each form is imported, checked, rendered and measured
//! against the source: words (textsim.py), outline (outline.py), NĐ 30
//! rules (nd30check.py), and the counts of the model (sections, tasks,
//! units …). The pass rate per variant family and per document is printed
//! and written to `target/import-corpus/<run>/report.md`.
//!
//! `ci_corpus` runs a corpus sized for CI and asserts the pass rate has not
//! fallen below the last measured one; `full_corpus` (ignored) runs every
//! source with every family and three seeds:
//! `cargo test --test integration import_corpus::full_corpus -- --ignored`.
//! `OCOP_CORPUS_FAMILY` and `OCOP_CORPUS_DOC` (substrings, comma-separated)
//! narrow either run.

mod docx;
mod numbering;
mod office;
mod report;
mod rng;
mod score;
mod sources;
mod text;
mod word;
mod xml;

use std::path::{Path, PathBuf};

use sources::Source;

/// When a (source, variant) passes; see [`score::Thresholds`].
pub const THRESHOLDS: score::Thresholds = score::Thresholds {
    recall: 0.98,
    precision: 0.98,
    outline: 1.0,
};

/// The CI corpus's pass rate measured on the importer of the day, less a
/// margin; the gate only goes up (the target is 0.98). 0.206 before
/// the importer's rework; 0.797 on 15 sources; 0.666 on 18 once the year's
/// documents joined; 0.647 on 19 with plans/son-la-2027.yaml, whose
/// assignment and funding tables did not import yet (issue 25; they do
/// now, but for copied text, which still reads them as lines); 0.946 on 20
/// (third list level, word processors' text, decisions' units scored by
/// their executors), 48 of its 51 failures son-la-2027's tables; 0.973
/// (924 of 950) with tables imported from Word, .odt, .doc and PDF, 24 of
/// its 26 failures son-la-2027 as copied text; 0.977 (928 of 950) with
/// every table of laid-out copied text read as a table, the rest
/// son-la-2027's tables in plain and raw copies; 0.982 (932 of 949) with
/// tables a word processor exported as text a cell a line read as
/// tables, and no office-typed case of a source with a landscape page
/// (which pdf2officedocx.py leaves out): 15 of its 17 failures
/// son-la-2027's tables in poppler's plain and raw copies; 0.983 (933 of
/// 949) with a ruled table that ends its PDF page read in column order.
const CI_FLOOR: f64 = 0.980;
/// The same for the full corpus: 0.970 (3,290 of 3,392), 90 of its 102
/// failures son-la-2027's tables; 0.987 (3,349 of 3,392) with tables
/// imported, 34 of its 43 failures son-la-2027 as plain or raw text;
/// 0.989 (3,353 of 3,391) with exported tables read and no office-typed
/// case of a landscape source, 29 of its 38 failures son-la-2027's tables
/// in plain and raw copies, 8 footnotes set in parentheses on short
/// công văns; 0.989 (3,354 of 3,391) with every PDF read.
const FULL_FLOOR: f64 = 0.985;

/// How big a run is.
#[derive(Debug, Clone)]
pub struct Config {
    pub name: &'static str,
    /// Seeds per seeded family.
    pub seeds: u64,
    /// Dispatches drafted from a plan (`from_plan`) kept per YAML file: they
    /// share one form.
    pub derived_dispatches: usize,
    pub family_filter: Option<String>,
    pub doc_filter: Option<String>,
}

impl Config {
    fn ci() -> Config {
        Config {
            name: "ci",
            seeds: 1,
            derived_dispatches: 1,
            family_filter: env_filter("OCOP_CORPUS_FAMILY"),
            doc_filter: env_filter("OCOP_CORPUS_DOC"),
        }
    }

    fn full() -> Config {
        Config {
            name: "full",
            seeds: 3,
            derived_dispatches: usize::MAX,
            ..Config::ci()
        }
    }

    /// Whether the run is narrowed by a filter (its rate then gates nothing).
    fn filtered(&self) -> bool {
        self.family_filter.is_some() || self.doc_filter.is_some()
    }

    pub fn wants_family(&self, family: &str) -> bool {
        matches(self.family_filter.as_deref(), family)
    }

    pub fn wants_document(&self, name: &str) -> bool {
        matches(self.doc_filter.as_deref(), name)
    }
}

/// Whether `name` contains one of the comma-separated parts of `filter`.
fn matches(filter: Option<&str>, name: &str) -> bool {
    filter.is_none_or(|f| f.split(',').any(|part| name.contains(part.trim())))
}

fn env_filter(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// `target/import-corpus/<run>`, emptied.
fn run_dir(config: &Config) -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("CARGO_TARGET_TMPDIR lies inside the target directory")
        .to_path_buf();
    let dir = target.join("import-corpus").join(config.name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).unwrap();
    }
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Builds the corpus, scores it, writes and prints the report; the pass rate.
fn run(config: &Config) -> f64 {
    let dir = run_dir(config);
    let tools = crate::common::tools();
    let clock = std::time::Instant::now();
    let lap = |what: &str| {
        eprintln!(
            "import corpus: {what} at {:.1} s",
            clock.elapsed().as_secs_f64()
        )
    };
    let sources: Vec<Source> = sources::collect(config, &dir.join("sources"));
    assert!(
        sources.len() >= 8 || (config.filtered() && !sources.is_empty()),
        "the corpus has its sources (OCOP_CORPUS_DOC matches none?)"
    );
    lap("sources rendered");
    let cases = variants(config, &sources, &dir.join("cases"), &tools, &lap);
    let results = score::score_all(&sources, &cases, &tools, &dir.join("imported"), &lap);
    lap("scored");
    let report = report::Report::new(&sources, &cases, &results, config);
    let text = report.markdown();
    std::fs::write(dir.join("report.md"), &text).unwrap();
    std::fs::write(dir.join("results.tsv"), report.tsv()).unwrap();
    eprintln!("{}", report.summary());
    eprintln!("report: {}", dir.join("report.md").display());
    report.rate()
}

/// Every variant of every source, written under `dir`.
fn variants(
    config: &Config,
    sources: &[Source],
    dir: &Path,
    tools: &Path,
    lap: &dyn Fn(&str),
) -> Vec<sources::Case> {
    std::fs::create_dir_all(dir).unwrap();
    let mut cases = Vec::new();
    for (i, source) in sources.iter().enumerate() {
        cases.extend(text::cases(config, i, source, dir));
        cases.extend(word::cases(config, i, source, dir));
        if config.wants_family("pdf") {
            cases.push(sources::Case::new(i, "pdf", 0, source.pdf.clone()));
        }
    }
    lap("text and Word variants written");
    cases.extend(office::cases(config, sources, dir, tools));
    lap("LibreOffice and pdf2officedocx variants written");
    cases
}

#[test]
fn ci_corpus() {
    let config = Config::ci();
    let rate = run(&config);
    if !config.filtered() {
        assert!(
            rate >= CI_FLOOR,
            "import corpus pass rate {rate:.3} fell below {CI_FLOOR} (see report.md)"
        );
    }
}

#[test]
#[ignore = "the full corpus takes minutes: run it for the report with -- --ignored"]
fn full_corpus() {
    let config = Config::full();
    let rate = run(&config);
    if !config.filtered() {
        assert!(
            rate >= FULL_FLOOR,
            "import corpus pass rate {rate:.3} fell below {FULL_FLOOR} (see report.md)"
        );
    }
}

/// The Word variants are what they claim to be: LibreOffice (a real
/// client) opens each and prints the source's words, and its numbering
/// shows the typed labels the variant replaced, for a plan with four
/// levels of numbering and a decision with articles and restarted lists.
#[test]
fn word_variants_print_in_libreoffice_with_their_sources_words_and_outline() {
    let config = Config {
        name: "word-check",
        family_filter: Some("word/".into()),
        doc_filter: Some("xa-hop-thanh,kien-toan".into()),
        ..Config::ci()
    };
    let dir = run_dir(&config);
    let tools = crate::common::tools();
    let sources = sources::collect(&config, &dir.join("sources"));
    assert_eq!(sources.len(), 2);
    let cases: Vec<sources::Case> = sources
        .iter()
        .enumerate()
        .flat_map(|(i, s)| word::cases(&config, i, s, &dir))
        .collect();
    let files: Vec<PathBuf> = cases.iter().map(|c| c.file.clone()).collect();
    let printed = office::convert(&files, "pdf", "pdf", &dir.join("printed"));
    let jobs: Vec<(PathBuf, PathBuf)> = cases
        .iter()
        .zip(printed)
        .map(|(c, pdf)| (pdf, sources[c.source].original.clone()))
        .collect();
    let mut problems = Vec::new();
    for (case, m) in cases.iter().zip(score::measure(&tools, &jobs, &dir)) {
        let (recall, outline) = print_expectation(&case.family);
        if m.recall < recall || (m.outline_labels > 0 && m.outline < outline) {
            problems.push(format!(
                "{}: recall {} {:?}, outline {} {:?}",
                case.id(&sources),
                m.recall,
                m.text_diff,
                m.outline,
                m.outline_diff
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What LibreOffice's print of a Word variant must keep: (textsim recall,
/// outline match). It prints tracked revisions marked (deletions struck,
/// old numbers in brackets), footnotes at the foot of the page, and moves
/// the header's words around hidden text.
fn print_expectation(family: &str) -> (f64, f64) {
    match family {
        "word/tracked-changes" | "word/tracked-moves" | "word/everything" => (0.95, 0.5),
        "word/footnotes" => (0.95, 1.0),
        "word/hidden-text" => (0.98, 1.0),
        _ => (0.99, 1.0),
    }
}
