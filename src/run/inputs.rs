//! The inputs of a run: the YAML files named on the command line and those
//! under the folders named there, each once.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// The YAML files of `given` (folders expanded, sorted, so runs are
/// stable), each once: a file named twice, or in two ways (`a.yaml`,
/// `./a.yaml`, a folder and a file in it, a link), is read and rendered
/// once, under the name it was first given. An error when there are none.
pub fn collect(given: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for input in given {
        for file in expand(input) {
            // A file that cannot be resolved (missing) keeps its own name:
            // loading it says what is wrong.
            let identity = std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
            if !seen.contains(&identity) {
                seen.push(identity);
                files.push(file);
            }
        }
    }
    if files.is_empty() {
        // Named after the folder that was given (a folder called
        // `x.yaml` looks like a file to whoever typed it).
        if let Some(dir) = given.iter().find(|p| p.is_dir()) {
            return Err(Diagnostic::error(
                "đây là một thư mục, và trong đó không có tệp .yaml nào",
            )
            .file(dir)
            .hint("chỉ định một tệp .yaml, hoặc thư mục có chứa tệp .yaml"));
        }
        return Err(Diagnostic::error("không tìm thấy tệp .yaml nào")
            .hint("chỉ định một tệp .yaml, hoặc thư mục chứa tệp .yaml"));
    }
    Ok(files)
}

/// A folder's YAML files, sorted; a file as it is.
fn expand(input: &Path) -> Vec<PathBuf> {
    if !input.is_dir() {
        return vec![input.to_path_buf()];
    }
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(input)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml")))
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_file_given_several_ways_is_one_input() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        for f in ["b.yaml", "a.yml", "sub/c.yaml", "ghi-chu.txt"] {
            std::fs::write(d.join(f), "x").unwrap();
        }
        let files = collect(&[
            d.join("b.yaml"),
            d.join("sub/../b.yaml"),
            d.to_path_buf(),
            d.join("./sub/c.yaml"),
        ])
        .unwrap();
        assert_eq!(
            files,
            [d.join("b.yaml"), d.join("a.yml"), d.join("sub/c.yaml")]
        );
        // A missing file is kept, once, for loading to report.
        let missing = d.join("khong-co.yaml");
        assert_eq!(
            collect(&[missing.clone(), missing.clone()]).unwrap(),
            [missing]
        );
        let empty = tempfile::tempdir().unwrap();
        let named_like_a_file = empty.path().join("x.yaml");
        std::fs::create_dir(&named_like_a_file).unwrap();
        let e = collect(std::slice::from_ref(&named_like_a_file)).unwrap_err();
        assert_eq!(e.file.as_deref(), Some(named_like_a_file.as_path()));
        assert!(e.message.contains("thư mục"), "{}", e.message);
    }
}
