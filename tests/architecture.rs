//! The library's stages only look forward: no module uses a later stage,
//! the pieces below the stages use none, and no two modules use each other.
//! Read from the `use crate::…` paths of the sources (tests excluded).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The stages in data-flow order, then what runs them.
const STAGES: &[&str] = &[
    "import", "load", "validate", "compose", "markup", "compile", "sign", "docx", "write",
    "session", "bulk", "pipeline", "run",
];

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Top-level library module → the top-level modules it uses.
fn uses() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        // The binary's own modules sit above everything.
        if rel == "main.rs" || rel == "cli.rs" || rel.starts_with("cmd/") || rel == "lib.rs" {
            continue;
        }
        let module = rel
            .split('/')
            .next()
            .unwrap()
            .trim_end_matches(".rs")
            .to_string();
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        let deps = map.entry(module.clone()).or_default();
        for part in code.split("crate::").skip(1) {
            let dep: String = part
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !dep.is_empty() && dep != module {
                deps.insert(dep);
            }
        }
    }
    map
}

#[test]
fn stages_only_look_forward() {
    let stage = |m: &str| STAGES.iter().position(|s| *s == m);
    let mut wrong = Vec::new();
    for (module, deps) in uses() {
        for dep in deps {
            match (stage(&module), stage(&dep)) {
                (Some(a), Some(b)) if b > a => wrong.push(format!("{module} uses the later {dep}")),
                (None, Some(_)) => wrong.push(format!("{module} (below the stages) uses {dep}")),
                _ => {}
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn no_two_modules_use_each_other() {
    let map = uses();
    let mut cycles = Vec::new();
    for (a, deps) in &map {
        for b in deps {
            if a < b && map.get(b).is_some_and(|d| d.contains(a)) {
                cycles.push(format!("{a} <-> {b}"));
            }
        }
    }
    assert!(cycles.is_empty(), "{cycles:?}");
}
