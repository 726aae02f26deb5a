//! Benchmark: a register of 20,000 products (the whole country's order of
//! magnitude) loaded, checked and turned into the year-end report, as a
//! process, from .csv and from .xlsx. Target: under 2 s and 500 MB.
//! Run with `cargo bench --bench register` (release profile).
//!
//! The register is made here: products of one large province spread over
//! its communes after 01/7/2025 (from the built-in table), every row a
//! valid recognition, so the run does all the checks and all the counts.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const PRODUCTS: usize = 20_000;
const RUNS: usize = 5;

/// The communes of Thanh Hóa, the province with the most, from the table.
fn communes() -> Vec<String> {
    ocop::places::BUILTIN
        .lines()
        .filter(|l| l.starts_with("Tỉnh Thanh Hóa\t"))
        .map(|l| l.split('\t').nth(1).unwrap().to_string())
        .collect()
}

/// A day: (year, month, day).
type Day = (u16, u8, u8);

/// (decision, its date, issue date, expiry) of round `k` of 2025–2027.
fn round(k: usize) -> (String, Day, Day, Day) {
    let (year, month) = (
        2025 + (k / 2) as u16,
        if k.is_multiple_of(2) { 9 } else { 12 },
    );
    let year = year.min(2027);
    (
        format!("{}/QĐ-UBND", 100 + k),
        (year, month, 20),
        (year, month, 25),
        (year + 3, month, 25),
    )
}

fn rows() -> Vec<Vec<String>> {
    let communes = communes();
    let groups = [
        "I.1.a", "I.2.a", "I.3.c", "I.5.a", "II.1.a", "III.1", "IV.1", "V.2", "VI",
    ];
    (0..PRODUCTS)
        .map(|i| {
            let (decision, d, issue, expiry) = round(i % 6);
            let score = 50.0 + (i * 37 % 400) as f64 / 10.0;
            let stars = if score >= 70.0 { 4 } else { 3 };
            let date = |(y, m, d): Day| format!("{d:02}/{m:02}/{y}");
            vec![
                (i + 1).to_string(),
                format!("Sản phẩm số {i}"),
                format!("Hợp tác xã số {}", i % 7000),
                "Hợp tác xã".into(),
                communes[i % communes.len()].clone(),
                "Thanh Hóa".into(),
                groups[i % groups.len()].into(),
                score.to_string().replace('.', ","),
                format!("{stars} sao"),
                decision,
                date(d),
                format!("{i}/OCOP"),
                date(issue),
                date(expiry),
            ]
        })
        .collect()
}

const HEADERS: [&str; 14] = [
    "STT",
    "Tên sản phẩm",
    "Chủ thể",
    "Loại hình chủ thể",
    "Xã, phường",
    "Tỉnh",
    "Phân nhóm",
    "Điểm",
    "Hạng sao",
    "Số quyết định",
    "Ngày quyết định",
    "Số giấy chứng nhận",
    "Ngày cấp",
    "Ngày hết hạn",
];

fn write_csv(path: &Path, rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(path).unwrap();
    w.write_record(HEADERS).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
}

fn write_xlsx(path: &Path, rows: &[Vec<String>]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    wb.save(path).unwrap();
}

const YAML: &str = r#"issuer: { level: province, name: Thanh Hóa }
register: { file: REGISTER }
plan:
  date: 10/01/2027
  title: Thực hiện Chương trình OCOP năm 2027
  sections:
    - title: Chỉ tiêu
      body:
        - list:
            - { text: Công nhận mới 5.000 sản phẩm., target: { measure: new, value: 5000 } }
  closing: Trên đây là Kế hoạch.
  archive: VT.
  signer: { kt: CHỦ TỊCH, title: PHÓ CHỦ TỊCH, name: Nguyễn Văn A }
report:
  date: 20/12/2027
  sections:
    - { title: Kết quả, results: true }
  closing: Trên đây là báo cáo.
  archive: VT.
"#;

/// Wall seconds and peak memory (MB) of one run, by /usr/bin/time.
fn run(yaml: &Path, out: &Path) -> (f64, f64) {
    let start = Instant::now();
    let output = Command::new("/usr/bin/time")
        .args(["-f", "%M"])
        .arg(env!("CARGO_BIN_EXE_ocop"))
        .args(["render", "--only", "report"])
        .arg(yaml)
        .arg("--out")
        .arg(out)
        .output()
        .expect("/usr/bin/time (Debian package time)");
    let wall = start.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let kb: f64 = stderr.lines().last().unwrap().trim().parse().unwrap();
    (wall, kb / 1024.0)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let rows = rows();
    for (name, write) in [
        ("so-dang-ky.csv", write_csv as fn(&Path, &[Vec<String>])),
        ("so-dang-ky.xlsx", write_xlsx),
    ] {
        let register: PathBuf = dir.path().join(name);
        write(&register, &rows);
        let yaml = dir.path().join(format!("nam-{name}.yaml"));
        std::fs::write(&yaml, YAML.replace("REGISTER", name)).unwrap();
        let mut samples: Vec<(f64, f64)> =
            (0..=RUNS).map(|_| run(&yaml, dir.path())).skip(1).collect();
        samples.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (wall, _) = samples[RUNS / 2];
        let peak = samples.iter().map(|s| s.1).fold(0.0, f64::max);
        println!(
            "{} sản phẩm, {name} → báo cáo PDF: {:.2} s (trung vị {RUNS} lần), bộ nhớ cao nhất {:.0} MB",
            rows.len(),
            wall,
            peak
        );
        assert!(
            wall < 2.0 && peak < 500.0,
            "over the target of 2 s and 500 MB"
        );
    }
}
