//! Benchmark: where one certificate's time goes, on one thread (template,
//! Typst layout with the QR code drawn, PDF export), averaged over a list
//! of 500 products. Run with `cargo bench --bench certificate_stages`.

use std::time::{Duration, Instant};

use ocop::app::{Options, Session};
use ocop::bulk;
use ocop::compile::{PdfMeta, export_pdf};
use ocop::compose::certificate;
use ocop::load::SourceFile;
use ocop::model::PlanFile;

mod common;
use common::write_list;

const COUNT: usize = 500;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let session = Session::new(&Options::default()).unwrap();
    let session_time = started.elapsed();
    let started = Instant::now();
    let source = SourceFile::read(&write_list(dir.path(), COUNT)).unwrap();
    let pf: PlanFile = source.parse().unwrap();
    let batch = certificate::certificates(&source, &pf, None);
    let batch_time = started.elapsed();
    assert_eq!(batch.certificates.len(), COUNT);
    let (mut template, mut layout, mut export) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut bytes = 0;
    for (i, cert) in batch.certificates.iter().enumerate() {
        let t = Instant::now();
        let markup = bulk::certificate_markup(&session, cert).unwrap();
        template += t.elapsed();
        let t = Instant::now();
        let document = bulk::layout(&session, cert, markup).unwrap();
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
