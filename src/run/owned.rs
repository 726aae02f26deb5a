//! The files a run owns in an output folder: what it wrote replaces what
//! an earlier run wrote of the same sets (`write::outputs`), and with
//! `--emit-typ` what each Typst source needs to compile on its own.

use std::path::{Path, PathBuf};

use super::Observer;
use super::place::{self, TYP_COMPANIONS};
use crate::bulk::Job;
use crate::diag::Diagnostic;
use crate::doc::Content;
use crate::markup;
use crate::session::Session;
use crate::write::{self, outputs};

/// Records in `dir` the files of `jobs` that are `present` and the
/// `companions`, and removes what an earlier run wrote there of the same
/// `sets` and this one did not, told to `observer` first. Returns the
/// removed files.
pub fn replace(
    observer: &dyn Observer,
    dir: &Path,
    sets: &[String],
    jobs: &[&Job<'_>],
    present: &[PathBuf],
    companions: &[PathBuf],
) -> Result<Vec<PathBuf>, Diagnostic> {
    let relative = |path: &Path| {
        path.strip_prefix(dir)
            .ok()
            .map(|rel| rel.to_string_lossy().replace('\\', "/"))
    };
    let mut owned: Vec<outputs::Owned> = companions
        .iter()
        .filter_map(|p| relative(p))
        .map(|file| outputs::Owned {
            set: TYP_COMPANIONS.to_string(),
            file,
        })
        .collect();
    let present: std::collections::HashSet<&PathBuf> = present.iter().collect();
    for job in jobs {
        for path in job.outputs().filter(|p| present.contains(p)) {
            let extension = path.extension().unwrap_or_default().to_string_lossy();
            if let Some(file) = relative(path) {
                owned.push(outputs::Owned {
                    set: place::set_of(job.doc.kind(), &extension),
                    file,
                });
            }
        }
    }
    replace_files(observer, dir, sets, &owned)
}

/// [`replace`] for files already named.
pub fn replace_files(
    observer: &dyn Observer,
    dir: &Path,
    sets: &[String],
    owned: &[outputs::Owned],
) -> Result<Vec<PathBuf>, Diagnostic> {
    outputs::replace_owned(dir, sets, owned, &mut |files| observer.removing(files))
        .map_err(|e| write::io_error(dir, &e))
}

/// With `--emit-typ`: what each written `.typ` of `jobs` needs to compile
/// on its own (`typst compile ke-hoach.typ` in its folder), written beside
/// it: the layout libraries it imports (`/nd30.typ` …, the user's own
/// when `--templates` overrides them). A certificate's images were written
/// with its source (see `bulk`) and are counted here. Returns the files,
/// and the problems of those that could not be written.
pub fn companions(
    session: &Session,
    jobs: &[Job<'_>],
    written: &[PathBuf],
) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut problems = Vec::new();
    for job in jobs {
        let Some(typ) = job.typ.as_ref().filter(|t| written.contains(t)) else {
            continue;
        };
        let Some(folder) = typ.parent() else { continue };
        if let Content::Certificate(c) = &job.doc.content {
            files.push(folder.join(c.qr));
            files.extend(c.logo.as_ref().map(|l| folder.join(l)));
        }
        let Ok(source) = std::fs::read_to_string(typ) else {
            continue;
        };
        for (name, body) in markup::imported_libraries(&source, &session.templates.libraries) {
            let path = folder.join(name);
            if files.contains(&path) {
                continue;
            }
            match write::file(&path, body.as_bytes()) {
                Ok(()) => files.push(path),
                Err(d) => problems.push(d),
            }
        }
    }
    (files, problems)
}
