//! `ocop certificates`: load the YAML (and the spreadsheet), check every
//! row, render the good ones on all cores, report the bad ones, summarise.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

use ocop::app::{Options, Session, output_dir};
use ocop::bulk;
use ocop::compose::certificate;
use ocop::diag::{Diagnostic, display_path};
use ocop::load::{self, SourceFile};
use ocop::model::PlanFile;
use ocop::validate;

use crate::report;

/// Set by Ctrl-C: workers finish the certificate in hand and stop.
static STOP: AtomicBool = AtomicBool::new(false);

pub fn run(
    file: &Path,
    products: Option<&Path>,
    sheet: Option<&str>,
    out: &Path,
    merge: bool,
    options: &Options,
) -> ExitCode {
    let session = match Session::new(options) {
        Ok(s) => s,
        Err(d) => {
            report(&d, None);
            return ExitCode::from(1);
        }
    };
    let source = match SourceFile::read(file) {
        Ok(s) => s,
        Err(d) => {
            report(&[d], None);
            return ExitCode::from(1);
        }
    };
    let mut diags = load::check_text(&source, &|c| session.engine.has_glyph(c));
    let pf: PlanFile = match source.parse() {
        Ok(pf) => pf,
        Err(d) => {
            diags.push(d);
            report(&diags, Some(&source.text));
            return ExitCode::from(1);
        }
    };
    diags.extend(validate::plan_file(&source, &pf));
    let batch = certificate::certificates(&source, &pf, products.map(|p| (p, sheet)));
    diags.extend(batch.diagnostics);
    // Problems of the file itself stop the run; problems of single rows skip the row.
    let row_labels = !batch.skipped.is_empty();
    report(&diags, Some(&source.text));
    if batch.certificates.is_empty() {
        eprintln!("không có giấy chứng nhận nào được dựng.");
        return ExitCode::from(1);
    }
    if diags.iter().any(Diagnostic::is_error) && !row_labels {
        eprintln!("tệp có lỗi; chưa dựng giấy chứng nhận nào.");
        return ExitCode::from(1);
    }
    if let Some((path, bytes)) = batch.logo {
        session.engine.register_binary(&path, bytes);
    }
    let dir = output_dir(out, file);
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::Relaxed));
    let total = batch.certificates.len();
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{msg} [{bar:40}] {pos}/{len} ({per_sec}, còn {eta})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message("Đang dựng giấy chứng nhận");
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let progress = || bar.inc(1);
    let outcome = if merge {
        bulk::remove_stale_temp_files(&dir);
        let path = dir.join("giay-chung-nhan.pdf");
        bulk::render_merged(&session, &batch.certificates, &path, &STOP, &progress)
    } else {
        let cert_dir = dir.join("giay-chung-nhan");
        bulk::remove_stale_temp_files(&cert_dir);
        bulk::render_each(&session, &batch.certificates, &cert_dir, &STOP, &progress)
    };
    bar.finish_and_clear();
    for p in &outcome.written {
        println!("{}", display_path(p));
    }
    for (_, d) in &outcome.failed {
        report(d, None);
    }
    if let Some(d) = &outcome.merge_failed {
        report(d, None);
    }
    let failed = outcome.failed.len();
    let interrupted = outcome.interrupted;
    // With --merge, the certificates inside the one file count as written.
    let written = match (merge, outcome.written.is_empty()) {
        (true, false) => total - failed,
        (true, true) => 0,
        (false, _) => outcome.written.len(),
    };
    let mut summary = format!("đã dựng {written}/{total} giấy chứng nhận");
    if !batch.skipped.is_empty() {
        summary.push_str(&format!(
            "; {} dòng bị bỏ qua vì có lỗi: {}",
            batch.skipped.len(),
            batch.skipped.join(", ")
        ));
    }
    if failed > 0 {
        summary.push_str(&format!("; {failed} giấy chứng nhận không dựng được"));
    }
    if outcome.merge_failed.is_some() {
        summary.push_str("; chưa ghi được tệp gộp");
    }
    if interrupted && merge {
        summary.push_str("; đã dừng theo yêu cầu, chưa ghi tệp gộp");
    } else if interrupted {
        summary.push_str("; đã dừng theo yêu cầu, các tệp đã ghi đều hoàn chỉnh");
    }
    eprintln!("{summary}.");
    if batch.skipped.is_empty() && failed == 0 && !interrupted && outcome.merge_failed.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
