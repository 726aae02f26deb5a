//! Benchmark: what PDF/A-2b and electronic issuance cost on a 7-page plan,
//! against plain PDF. Run with `cargo bench --bench pdfa` (release profile).
//!
//! The plan is the example plan with its body repeated until it lays out
//! on 7 pages. Prints medians: the PDF export alone (the same laid-out
//! pages exported as plain PDF, as PDF/A-2b, and as an electronic
//! PDF/A-2b with its signature fields), and the whole compile + export.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use ocop::compile::export_pdf;
use ocop::doc::{Content, Document, Issuance, PdfStandard};
use ocop::load::LoadOptions;
use ocop::pipeline;
use ocop::session::{self, Options, Session};

const RUNS: usize = 41;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// The example plan, its body repeated until it is `pages` pages long.
fn plan_of(session: &Session, pages: usize) -> Document {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let report = pipeline::prepare(
        session,
        &root.join("plans/lai-chau-2027.yaml"),
        &LoadOptions::default(),
        &[ocop::doc::DocKind::Plan],
    );
    let base = report
        .documents
        .into_iter()
        .next()
        .expect("the example plan");
    let Content::Plan(original) = &base.content else {
        panic!("a plan")
    };
    for repeat in 1..20 {
        let mut doc = base.clone();
        if let Content::Plan(a) = &mut doc.content {
            for _ in 1..repeat {
                a.body.extend(original.body.iter().cloned());
            }
        }
        let laid_out = session.layout(&doc).unwrap().pages().len();
        if laid_out >= pages {
            assert_eq!(laid_out, pages, "no repetition gives {pages} pages exactly");
            return doc;
        }
    }
    panic!("the plan never reached {pages} pages")
}

fn with(doc: &Document, electronic: bool, standard: PdfStandard) -> Document {
    Document {
        issuance: Issuance {
            electronic,
            pdf_standard: standard,
        },
        ..doc.clone()
    }
}

fn main() {
    let session = Session::new(&Options::default()).unwrap();
    let plan = plan_of(&session, 7);
    let forms = [
        ("PDF", with(&plan, false, PdfStandard::None)),
        ("PDF/A-2b", with(&plan, false, PdfStandard::A2b)),
        ("PDF/A-2b, điện tử", with(&plan, true, PdfStandard::A2b)),
    ];
    println!("kế hoạch 7 trang (kế hoạch mẫu, phần nội dung lặp lại)");

    // The forms take turns in every round, so a busy machine slows them
    // alike. First the export alone, from the same laid-out pages.
    let laid_out: Vec<_> = forms
        .iter()
        .map(|(_, d)| session.layout(d).unwrap())
        .collect();
    let mut export: Vec<Vec<Duration>> = vec![Vec::new(); forms.len()];
    for _ in 0..RUNS {
        for (i, (_, doc)) in forms.iter().enumerate() {
            let t = Instant::now();
            let pdf = if doc.issuance.electronic {
                ocop::sign::issue(&laid_out[i], doc, session::meta(doc, true))
                    .unwrap()
                    .pdf
            } else {
                export_pdf(&laid_out[i], session::meta(doc, true)).unwrap()
            };
            export[i].push(t.elapsed());
            assert!(pdf.starts_with(b"%PDF"));
        }
    }
    // Then compile and export, as a render does.
    let mut whole: Vec<Vec<Duration>> = vec![Vec::new(); forms.len()];
    for _ in 0..RUNS {
        for (i, (_, doc)) in forms.iter().enumerate() {
            let markup = session.markup(doc).unwrap();
            let t = Instant::now();
            let pdf = session.pdf(doc, markup, true).unwrap();
            whole[i].push(t.elapsed());
            assert!(pdf.starts_with(b"%PDF"));
        }
    }
    let export_medians: Vec<Duration> = export.into_iter().map(median).collect();
    let whole_medians: Vec<Duration> = whole.into_iter().map(median).collect();
    for (i, (name, _)) in forms.iter().enumerate() {
        println!(
            "{name}: xuất PDF {}, dàn trang + xuất PDF {} (median of {RUNS})",
            ms(export_medians[i]),
            ms(whole_medians[i])
        );
    }
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!(
        "PDF/A-2b so với PDF: xuất {:.3}×, dàn trang + xuất {:.3}×",
        ratio(export_medians[1], export_medians[0]),
        ratio(whole_medians[1], whole_medians[0])
    );
    println!(
        "điện tử (PDF/A-2b + ô ký số) so với PDF: xuất {:.3}×, dàn trang + xuất {:.3}×",
        ratio(export_medians[2], export_medians[0]),
        ratio(whole_medians[2], whole_medians[0])
    );
}
