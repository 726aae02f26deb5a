//! Benchmark: `ocop certificates` end to end (process start to last PDF
//! written) for 100, 1,000 and 5,000 products, one PDF each and merged.
//! Run with `cargo bench --bench certificates`; peak memory comes from
//! /usr/bin/time when it is installed (Debian package `time`).

use std::path::Path;
use std::process::Command;
use std::time::Instant;

const SIZES: [usize; 3] = [100, 1000, 5000];

fn write_list(dir: &Path, n: usize) {
    let mut csv =
        String::from("STT,Tên sản phẩm,Chủ thể,Địa chỉ,Nhóm sản phẩm,Điểm,Số giấy chứng nhận\n");
    for i in 1..=n {
        let score = 50.0 + (i % 40) as f64 * 0.95;
        csv.push_str(&format!(
            "{i},Sản phẩm thử nghiệm số {i},Hợp tác xã số {},\"xã số {}, tỉnh Lai Châu\",{},{score:.2},{i:05}/2027/GCN-OCOP\n",
            i % 97,
            i % 53,
            1 + i % 6
        ));
    }
    std::fs::write(dir.join("ds.csv"), csv).unwrap();
    let yaml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/certificates/lai-chau-2027-dot-1.yaml"),
    )
    .unwrap()
    .replace("san-pham-dot-1.csv", "ds.csv");
    std::fs::write(dir.join("gcn.yaml"), yaml).unwrap();
}

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
