//! Benchmark: where one certificate's time goes, on one thread (template,
//! Typst layout with the QR code drawn, PDF export), averaged over a list
//! of 500 products. Run with `cargo bench --bench certificate_stages`.

use std::path::Path;
use std::time::{Duration, Instant};

use ocop::app::{Options, Session};
use ocop::compose::certificate::{self, Certificate};
use ocop::engine::{PdfMeta, export_pdf};
use ocop::load::SourceFile;
use ocop::model::PlanFile;

const COUNT: usize = 500;

#[derive(serde::Serialize)]
struct One<'a> {
    c: &'a Certificate,
}

fn list(dir: &Path) -> std::path::PathBuf {
    let mut csv = String::from("STT,Tên sản phẩm,Chủ thể,Địa chỉ,Nhóm sản phẩm,Điểm\n");
    for i in 1..=COUNT {
        csv.push_str(&format!(
            "{i},Sản phẩm thử nghiệm số {i},Hợp tác xã số {},\"xã số {}, tỉnh Lai Châu\",{},{}\n",
            i % 97,
            i % 53,
            1 + i % 6,
            50 + i % 40
        ));
    }
    std::fs::write(dir.join("ds.csv"), csv).unwrap();
    let yaml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/certificates/lai-chau-2027-dot-1.yaml"),
    )
    .unwrap()
    .replace("san-pham-dot-1.csv", "ds.csv");
    let path = dir.join("gcn.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let session = Session::new(&Options::default()).unwrap();
    let session_time = started.elapsed();
    let started = Instant::now();
    let source = SourceFile::read(&list(dir.path())).unwrap();
    let pf: PlanFile = source.parse().unwrap();
    let batch = certificate::certificates(&source, &pf, None);
    let batch_time = started.elapsed();
    assert_eq!(batch.certificates.len(), COUNT);
    let (mut template, mut layout, mut export) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut bytes = 0;
    for (i, cert) in batch.certificates.iter().enumerate() {
        let t = Instant::now();
        let markup = session
            .templates
            .render(
                "certificate.typ.tera",
                &One { c: cert },
                &session.engine.family,
            )
            .unwrap();
        template += t.elapsed();
        let t = Instant::now();
        let qr = certificate::qr_png(&cert.qr_payload).unwrap();
        let document = session
            .engine
            .compile(
                markup,
                &[(certificate::QR_IMAGE, typst::foundations::Bytes::new(qr))],
            )
            .unwrap();
        layout += t.elapsed();
        let t = Instant::now();
        let meta = PdfMeta {
            ident: &cert.ident,
            date: cert.timestamp,
            tagged: true,
        };
        bytes += export_pdf(&document, meta).unwrap().len();
        export += t.elapsed();
        // As the bulk renderer does.
        if i % 50 == 49 {
            comemo::evict(2);
        }
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0 / COUNT as f64;
    println!(
        "phiên làm việc {:.1} ms; đọc và kiểm tra {COUNT} dòng {:.1} ms",
        session_time.as_secs_f64() * 1000.0,
        batch_time.as_secs_f64() * 1000.0
    );
    println!(
        "mỗi giấy (một luồng): mẫu {:.3} ms, dàn trang Typst {:.3} ms, xuất PDF {:.3} ms; tệp {} KB",
        ms(template),
        ms(layout),
        ms(export),
        bytes / COUNT / 1024
    );
}
