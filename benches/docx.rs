//! Benchmark: the Word back end, in process. Run with `cargo bench --bench
//! docx` (release profile). Prints the median time to turn each example
//! document (already composed) into `.docx` bytes, without touching the disk.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ocop::load::LoadOptions;
use ocop::pipeline;
use ocop::session::{Options, Session};

const RUNS: usize = 200;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let session = Session::new(&Options::default()).unwrap();
    let mut plans: Vec<PathBuf> = std::fs::read_dir(root.join("plans"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    plans.sort();
    for plan in plans {
        let outcome = pipeline::prepare(&session, &plan, &LoadOptions::default(), &[]);
        for doc in &outcome.documents {
            // The first call also parses the font metrics (once per process).
            let first = Instant::now();
            let bytes = ocop::docx::write(doc).unwrap();
            let first = first.elapsed();
            let mut times = Vec::with_capacity(RUNS);
            for _ in 0..RUNS {
                let t = Instant::now();
                let again = ocop::docx::write(doc).unwrap();
                times.push(t.elapsed());
                assert_eq!(again.len(), bytes.len());
            }
            println!(
                "{}/{}.docx: {} (median of {RUNS}; first call {}), {} bytes",
                plan.file_stem().unwrap().to_string_lossy(),
                doc.file_stem,
                ms(median(times)),
                ms(first),
                bytes.len()
            );
        }
    }
}
