//! Where a run's files go, and which files a run owns.
//!
//! Each YAML file writes into its own folder under `--out`, named after the
//! file; two inputs of one run with the same name (`2027/ke-hoach.yaml`,
//! `2028/ke-hoach.yaml`) get their parent folder's name in front, so one
//! never overwrites the other.
//!
//! A folder remembers what the last run wrote in it (`.ocop-files`). A run
//! replaces the set it owns: files of the kinds it produced that the last
//! run wrote and this one did not (the certificates of products no longer
//! on the list) are removed, so a printer taking the whole folder takes only
//! today's documents. Files ocop did not write are never touched.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::text;

/// The manifest of a folder: what the last run wrote.
const MANIFEST: &str = ".ocop-files";

/// The output folder of each input, in the same order.
pub fn folders(out: &Path, inputs: &[PathBuf]) -> Vec<PathBuf> {
    // The shortest tail of each path (file stem, then parent folders) that
    // no other input of the run shares.
    let parts: Vec<Vec<String>> = inputs.iter().map(|p| name_parts(p)).collect();
    let mut names: Vec<String> = Vec::with_capacity(inputs.len());
    for (i, own) in parts.iter().enumerate() {
        let mut depth = 1;
        let name = loop {
            let tail = |p: &[String], d: usize| p[p.len().saturating_sub(d)..].join("-");
            let candidate = tail(own, depth);
            let clash = parts
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && tail(other, depth) == candidate);
            if !clash || depth >= own.len() {
                break candidate;
            }
            depth += 1;
        };
        names.push(name);
    }
    // Identical paths given twice share a folder; anything else still equal
    // is numbered.
    let mut seen: Vec<(String, &PathBuf)> = Vec::new();
    let mut out_dirs = Vec::with_capacity(inputs.len());
    for (name, input) in names.into_iter().zip(inputs) {
        let mut unique = name.clone();
        let mut k = 2;
        while seen.iter().any(|(n, p)| *n == unique && *p != input) {
            unique = format!("{name}-{k}");
            k += 1;
        }
        seen.push((unique.clone(), input));
        out_dirs.push(out.join(unique));
    }
    out_dirs
}

/// ASCII slugs of the path's folders and file stem, outermost first.
fn name_parts(path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = path
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|c| match c {
            Component::Normal(s) => Some(text::slug(&s.to_string_lossy())),
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .collect();
    let stem = path
        .file_stem()
        .map(|s| text::slug(&s.to_string_lossy()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "van-ban".into());
    parts.push(stem);
    parts
}

/// One file a run wrote: the kind of set it belongs to, and its path
/// relative to the folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Owned {
    pub set: String,
    pub file: String,
}

/// Records that this run wrote `written` (of the sets in `sets`) in `dir`,
/// and removes what the last run wrote there of those sets and this one
/// did not, `announce`d before any is removed. Returns the removed files.
pub fn replace_owned(
    dir: &Path,
    sets: &[String],
    written: &[Owned],
    announce: &mut dyn FnMut(&[PathBuf]),
) -> std::io::Result<Vec<PathBuf>> {
    let manifest = dir.join(MANIFEST);
    let now: BTreeSet<&Owned> = written.iter().collect();
    let mut keep: BTreeSet<Owned> = written.iter().cloned().collect();
    let mut stale = Vec::new();
    for old in read_manifest(&manifest) {
        if !sets.contains(&old.set) {
            keep.insert(old);
        } else if !now.contains(&old) && is_plain_relative(&old.file) {
            stale.push(old);
        }
    }
    let present: Vec<(Owned, PathBuf)> = stale
        .into_iter()
        .map(|old| {
            let path = dir.join(&old.file);
            (old, path)
        })
        .filter(|(_, path)| path.symlink_metadata().is_ok())
        .collect();
    if !present.is_empty() {
        announce(&present.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>());
    }
    let mut removed = Vec::new();
    for (old, path) in present {
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => {
                keep.insert(old);
            }
        }
    }
    if keep.is_empty() {
        let _ = std::fs::remove_file(&manifest);
        return Ok(removed);
    }
    let text: String = keep
        .iter()
        .map(|o| format!("{}\t{}\n", o.set, o.file))
        .collect();
    super::write_atomic(&manifest, text.as_bytes())?;
    Ok(removed)
}

/// The files an earlier run wrote in `dir` of the sets in `sets` that are
/// still there, and not among `now` (what this run has written).
pub fn previous(dir: &Path, sets: &[String], now: &[PathBuf]) -> Vec<PathBuf> {
    read_manifest(&dir.join(MANIFEST))
        .into_iter()
        .filter(|o| sets.contains(&o.set) && is_plain_relative(&o.file))
        .map(|o| dir.join(o.file))
        .filter(|p| !now.contains(p) && p.is_file())
        .collect()
}

fn read_manifest(path: &Path) -> Vec<Owned> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(set, file)| Owned {
            set: set.to_string(),
            file: file.to_string(),
        })
        .collect()
}

/// A manifest entry names a file below the folder, never above it.
fn is_plain_relative(file: &str) -> bool {
    let p = Path::new(file);
    !file.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_named_inputs_get_their_own_folders() {
        let out = Path::new("out");
        let dirs = folders(
            out,
            &[
                PathBuf::from("plans/2027/ke-hoach.yaml"),
                PathBuf::from("plans/2028/ke-hoach.yaml"),
                PathBuf::from("plans/lai-chau.yaml"),
            ],
        );
        assert_eq!(
            dirs,
            [
                out.join("2027-ke-hoach"),
                out.join("2028-ke-hoach"),
                out.join("lai-chau")
            ]
        );
        // Alone, a file keeps its plain name.
        assert_eq!(
            folders(out, &[PathBuf::from("plans/2027/ke-hoach.yaml")]),
            [out.join("ke-hoach")]
        );
        // The same name up to the root is numbered.
        assert_eq!(
            folders(out, &[PathBuf::from("a/x.yaml"), PathBuf::from("a/x.yml")]),
            [out.join("a-x"), out.join("a-x-2")]
        );
    }

    #[test]
    fn a_run_replaces_only_the_set_it_owns() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let owned = |set: &str, file: &str| Owned {
            set: set.into(),
            file: file.into(),
        };
        for f in ["a.pdf", "b.pdf", "plan.pdf", "mine.pdf"] {
            std::fs::write(d.join(f), b"x").unwrap();
        }
        let first = [
            owned("certificate", "a.pdf"),
            owned("certificate", "b.pdf"),
            owned("plan", "plan.pdf"),
        ];
        let sets = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let mut announced: Vec<Vec<PathBuf>> = Vec::new();
        // Each announcement sees its files still on disk.
        let mut announce = |files: &[PathBuf]| {
            assert!(files.iter().all(|f| f.exists()), "{files:?}");
            announced.push(files.to_vec());
        };
        assert!(
            replace_owned(d, &sets(&["certificate", "plan"]), &first, &mut announce)
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            previous(d, &sets(&["certificate"]), &[d.join("a.pdf")]),
            [d.join("b.pdf")]
        );
        // A shorter list of certificates: b.pdf goes, the plan and the
        // user's own file stay.
        let a = [owned("certificate", "a.pdf")];
        let removed = replace_owned(d, &sets(&["certificate"]), &a, &mut announce).unwrap();
        assert_eq!(removed, [d.join("b.pdf")]);
        assert!(d.join("plan.pdf").exists() && d.join("mine.pdf").exists());
        // A manifest naming a file outside the folder is ignored.
        std::fs::write(d.join(MANIFEST), "certificate\t../outside.pdf\n").unwrap();
        assert!(
            replace_owned(d, &sets(&["certificate"]), &[], &mut announce)
                .unwrap()
                .is_empty()
        );
        assert_eq!(announced, [vec![d.join("b.pdf")]]);
    }
}
