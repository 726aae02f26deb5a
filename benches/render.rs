//! Benchmark: process start to PDF written for the largest example plan,
//! plus the in-process stages. Run with `cargo bench` (release profile).
//!
//! Prints medians over several runs; the first run warms the disk cache.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ocop::load::LoadOptions;
use ocop::pipeline;
use ocop::session::{Options, Session};

const RUNS: usize = 30;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// The example plan with the most text.
fn largest_plan(root: &Path) -> PathBuf {
    let mut plans: Vec<PathBuf> = std::fs::read_dir(root.join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    plans.sort_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0));
    plans.pop().expect("example plans")
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let plan = largest_plan(&root);
    let out = tempfile::tempdir().unwrap();
    println!("kế hoạch: {}", plan.display());

    // Whole process: start, load fonts and templates, render, write the PDF.
    let mut whole = Vec::new();
    for i in 0..=RUNS {
        let start = Instant::now();
        let status = Command::new(env!("CARGO_BIN_EXE_ocop"))
            .args(["render", "--only", "plan"])
            .arg(&plan)
            .arg("--out")
            .arg(out.path())
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
        if i > 0 {
            whole.push(start.elapsed());
        }
    }
    println!(
        "process start → plan PDF written (median of {RUNS}): {}",
        ms(median(whole.clone()))
    );
    println!(
        "  fastest: {}, slowest: {}",
        ms(*whole.iter().min().unwrap()),
        ms(*whole.iter().max().unwrap())
    );

    // Stages inside one process.
    let start = Instant::now();
    let session = Session::new(&Options::default()).unwrap();
    println!(
        "session (fonts + templates + engine): {}",
        ms(start.elapsed())
    );
    let (mut compose, mut markup, mut compile) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let t = Instant::now();
        let report = pipeline::prepare(&session, &plan, &LoadOptions::default(), &[]);
        compose.push(t.elapsed());
        let doc = &report.documents[0];
        let t = Instant::now();
        let text = session.markup(doc).unwrap();
        markup.push(t.elapsed());
        let t = Instant::now();
        let pdf = session.pdf(doc, text, true).unwrap();
        compile.push(t.elapsed());
        assert!(pdf.starts_with(b"%PDF"));
    }
    println!("load + validate + compose: {}", ms(median(compose)));
    println!("tera → Typst markup: {}", ms(median(markup)));
    println!("Typst compile + PDF export: {}", ms(median(compile)));
}
