//! Variants made by real clients: LibreOffice and pdf2officedocx.py.

use std::path::Path;

use super::Config;
use super::sources::{Case, Source};

pub fn cases(
    _config: &Config,
    _sources: &[Source],
    _made: &[Case],
    _dir: &Path,
    _tools: &Path,
) -> Vec<Case> {
    Vec::new()
}
