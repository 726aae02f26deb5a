//! Benchmark: where one certificate's time goes, on one thread (template
//! with the QR code drawn, Typst layout, PDF export), averaged over a list
//! of 500 products. Run with `cargo bench --bench certificate_stages`.

use std::time::{Duration, Instant};

use ocop::compile::export_pdf;
use ocop::doc::DocKind;
use ocop::load::LoadOptions;
use ocop::pipeline;
use ocop::session::{self, Options, Session};

mod common;
use common::write_list;

const COUNT: usize = 500;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let session = Session::new(&Options::default()).unwrap();
    let session_time = started.elapsed();
    let started = Instant::now();
    let yaml = write_list(dir.path(), COUNT);
    let batch = pipeline::prepare(
        &session,
        &yaml,
        &LoadOptions::default(),
        &[DocKind::Certificate],
    );
    let batch_time = started.elapsed();
    assert_eq!(batch.documents.len(), COUNT);
    let (mut template, mut layout, mut export) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    let mut bytes = 0;
    for (i, doc) in batch.documents.iter().enumerate() {
        // The template with the QR code drawn, as the bulk renderer does.
        let t = Instant::now();
        let markup = session.markup(doc).unwrap();
        template += t.elapsed();
        let t = Instant::now();
        let document = session.engine.compile(markup).unwrap();
        layout += t.elapsed();
        let t = Instant::now();
        bytes += export_pdf(&document, session::meta(doc, true))
            .unwrap()
            .len();
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
