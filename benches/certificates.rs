//! Benchmark: `ocop certificates` end to end (process start to last PDF
//! written) for 100, 1,000 and 5,000 products, one PDF each and merged.
//! Run with `cargo bench --bench certificates`; peak memory comes from
//! /usr/bin/time when it is installed (Debian package `time`).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

mod common;
use common::write_list;

const SIZES: [usize; 3] = [100, 1000, 5000];

/// Runs the command, returning seconds and peak memory in MB if measurable.
fn run(dir: &Path, merge: bool) -> (f64, Option<f64>) {
    let time = Path::new("/usr/bin/time");
    let mut cmd = if time.exists() {
        let mut c = Command::new(time);
        c.args(["-f", "%M"]).arg(env!("CARGO_BIN_EXE_ocop"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_ocop"))
    };
    cmd.arg("certificates")
        .arg(dir.join("gcn.yaml"))
        .arg("--out")
        .arg(dir.join("out"));
    if merge {
        cmd.arg("--merge");
    }
    let start = Instant::now();
    let out = cmd.output().unwrap();
    let secs = start.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let peak = time
        .exists()
        .then(|| {
            stderr
                .lines()
                .last()
                .and_then(|l| l.trim().parse::<f64>().ok())
                .map(|kb| kb / 1024.0)
        })
        .flatten();
    (secs, peak)
}

fn main() {
    println!(
        "{} lõi",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    for n in SIZES {
        let dir = tempfile::tempdir().unwrap();
        write_list(dir.path(), n);
        let (each, each_mem) = run(dir.path(), false);
        let (merged, merged_mem) = run(dir.path(), true);
        let mem = |m: Option<f64>| {
            m.map(|m| format!("{m:.0} MB"))
                .unwrap_or_else(|| "?".into())
        };
        println!(
            "{n:>5} giấy chứng nhận: từng tệp {each:.2} s ({:.2} ms/giấy, {:.0}/s, đỉnh {}), gộp một tệp {merged:.2} s (đỉnh {})",
            each * 1000.0 / n as f64,
            n as f64 / each,
            mem(each_mem),
            mem(merged_mem)
        );
    }
}
