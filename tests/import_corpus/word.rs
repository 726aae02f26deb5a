//! Word variants: ocop's own .docx rewritten the ways Word and its users
//! write documents.

use std::path::Path;

use super::Config;
use super::sources::{Case, Source};

/// The Word variants of one source, written under `dir`.
pub fn cases(config: &Config, index: usize, source: &Source, dir: &Path) -> Vec<Case> {
    let mut out = Vec::new();
    if config.wants_family("word/ocop") {
        let file = dir.join(format!("{}.word-ocop.0.docx", source.name));
        std::fs::copy(&source.docx, &file).unwrap();
        out.push(Case::new(index, "word/ocop", 0, file));
    }
    out
}
