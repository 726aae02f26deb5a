//! Variants made by real clients: LibreOffice (a .docx re-saved, .odt,
//! Word 97–2003 .doc, and the text it exports, re-wrapped the ways mail and
//! editors wrap it) and pdf2officedocx.py (the .docx an office types by
//! hand). LibreOffice runs once per output format for the whole corpus.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Config;
use super::sources::{Case, Source};
use super::text::{wrap, write_case};
use super::word;
use ocop::doc::DocKind;

use super::score::python_batch;
use crate::common::libreoffice;

/// (family, the Word family it starts from, LibreOffice's filter, extension),
/// families of one filter together.
const CONVERSIONS: &[(&str, &str, &str, &str)] = &[
    (
        "office/libreoffice-docx",
        "word/ocop",
        "docx:MS Word 2007 XML",
        "docx",
    ),
    (
        "office/auto-numbering-libreoffice-docx",
        "word/auto-numbering",
        "docx:MS Word 2007 XML",
        "docx",
    ),
    ("office/odt", "word/ocop", "odt", "odt"),
    (
        "office/auto-numbering-odt",
        "word/auto-numbering",
        "odt",
        "odt",
    ),
    ("office/doc", "word/ocop", "doc:MS Word 97", "doc"),
    (
        "text/from-word",
        "word/ocop",
        "txt:Text (encoded):UTF8",
        "txt",
    ),
];

/// Texts made from the text LibreOffice exports: (family, width, blank lines).
const WRAPPED: &[(&str, usize, bool)] = &[
    ("text/from-word-blank-lines", usize::MAX, true),
    ("text/from-word-wrapped", 72, false),
    ("text/from-word-wrapped-blank", 72, true),
];

/// The client-made variants of every source.
pub fn cases(config: &Config, sources: &[Source], dir: &Path, tools: &Path) -> Vec<Case> {
    let wanted: Vec<&(&str, &str, &str, &str)> = CONVERSIONS
        .iter()
        .filter(|(family, ..)| {
            config.wants_family(family)
                || (*family == "text/from-word"
                    && WRAPPED.iter().any(|(f, _, _)| config.wants_family(f)))
        })
        .collect();
    let mut filters: Vec<&str> = wanted.iter().map(|c| c.2).collect();
    filters.dedup();
    let mut out = Vec::new();
    // One LibreOffice run per output format, for every family using it.
    for filter in filters {
        let work = dir.join(format!("libreoffice-{}", filter.split(':').next().unwrap()));
        std::fs::create_dir_all(&work).unwrap();
        let mut inputs: Vec<(usize, &str, PathBuf)> = Vec::new();
        for (family, from, ..) in wanted.iter().filter(|c| c.2 == filter) {
            for (i, s) in sources.iter().enumerate() {
                let file = work.join(format!("{}.{}.docx", s.name, family.replace('/', "-")));
                let limits = word::make(s, from, 0, &file);
                assert!(limits.is_empty(), "{from} leaves nothing to count");
                inputs.push((i, family, file));
            }
        }
        let ext = wanted.iter().find(|c| c.2 == filter).unwrap().3;
        let files: Vec<PathBuf> = inputs.iter().map(|(_, _, f)| f.clone()).collect();
        let converted = convert(&files, filter, ext, &work.join("out"));
        for ((i, family, _), file) in inputs.into_iter().zip(converted) {
            out.extend(client_case(config, sources, i, family, ext, &file, dir));
        }
    }
    if config.wants_family("word/office-typed") {
        out.extend(office_typed(sources, dir, tools));
    }
    out
}

/// The case of a converted file (and, for LibreOffice's text, the texts
/// re-wrapped from it).
fn client_case(
    config: &Config,
    sources: &[Source],
    i: usize,
    family: &str,
    ext: &str,
    file: &Path,
    dir: &Path,
) -> Vec<Case> {
    let source = &sources[i];
    let mut out = Vec::new();
    if family == "text/from-word" {
        out.extend(wrapped(config, i, source, file, dir));
    }
    if config.wants_family(family) {
        let target = dir.join(format!(
            "{}.{}.0.{ext}",
            source.name,
            family.replace('/', "-")
        ));
        std::fs::rename(file, &target).unwrap();
        out.push(Case::new(i, family, 0, target));
    }
    out
}

/// One LibreOffice run converting `inputs` with `filter` into `out`; the
/// converted files, in the order of the inputs.
pub fn convert(inputs: &[PathBuf], filter: &str, ext: &str, out: &Path) -> Vec<PathBuf> {
    if inputs.is_empty() {
        return Vec::new();
    }
    std::fs::create_dir_all(out).unwrap();
    // A private profile: no running instance is met, no state left behind.
    let profile = tempfile::tempdir().unwrap();
    let run = Command::new(libreoffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(out)
        .args(inputs)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "LibreOffice failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    inputs
        .iter()
        .map(|input| {
            let stem = input.file_stem().unwrap().to_string_lossy();
            let file = out.join(format!("{stem}.{ext}"));
            assert!(
                file.exists(),
                "LibreOffice made no {file:?}: {}",
                String::from_utf8_lossy(&run.stderr)
            );
            file
        })
        .collect()
}

/// The text LibreOffice exports (one line per paragraph) re-wrapped.
fn wrapped(config: &Config, index: usize, source: &Source, txt: &Path, dir: &Path) -> Vec<Case> {
    let text = std::fs::read_to_string(txt).unwrap();
    WRAPPED
        .iter()
        .filter(|(family, _, _)| config.wants_family(family))
        .map(|(family, width, blank)| {
            write_case(dir, index, source, family, 0, &wrap(&text, *width, *blank))
        })
        .collect()
}

/// pdf2officedocx.py's .docx of every source it can rebuild (it needs a
/// tên loại, which a công văn has not), in one Python process. The tool
/// keeps portrait pages only: a source with a landscape page (an
/// appendix's table: a results decision's product list, a plan's
/// assignment and funding tables) would come without it, so without what
/// it is counted against, and is left out.
fn office_typed(sources: &[Source], dir: &Path, tools: &Path) -> Vec<Case> {
    let typed: Vec<usize> = (0..sources.len()).collect();
    let files: Vec<PathBuf> = typed
        .iter()
        .map(|&i| dir.join(format!("{}.word-office-typed.0.docx", sources[i].name)))
        .collect();
    let jobs: Vec<serde_json::Value> = typed
        .iter()
        .zip(&files)
        .map(|(&i, out)| serde_json::json!({"pdf": sources[i].pdf, "out": out}))
        .collect();
    let answers = python_batch(
        tools,
        "office-docx",
        &serde_json::json!({ "jobs": jobs }),
        dir,
    );
    let mut out = Vec::new();
    for ((&i, file), answer) in typed.iter().zip(files).zip(answers.as_array().unwrap()) {
        if answer["ok"] == true {
            out.push(Case::new(i, "word/office-typed", 0, file));
        } else if answer["landscape"] != true {
            assert_eq!(
                sources[i].kind,
                DocKind::Dispatch,
                "pdf2officedocx.py failed on {}: {}",
                sources[i].name,
                answer["error"]
            );
        }
    }
    out
}
