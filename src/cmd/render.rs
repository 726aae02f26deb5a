//! `ocop render`: every document of every file, on all cores.

use std::io::IsTerminal;
use std::process::ExitCode;

use ocop::bulk;
use ocop::diag::display_path;
use ocop::load::LoadOptions;
use ocop::pipeline::{self, FileReport};

use super::{INPUT_ERRORS, STOP, job, on_ctrl_c, print_path, progress_bar, report, session};
use crate::cli::RenderArgs;

pub fn run(args: &RenderArgs) -> ExitCode {
    let session = match session(&args.shared.options()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let files = pipeline::collect_inputs(&args.inputs);
    if files.is_empty() {
        report(&[super::check::no_yaml()]);
        return ExitCode::from(INPUT_ERRORS);
    }
    let reports: Vec<FileReport> = files
        .iter()
        .map(|path| {
            let r = pipeline::prepare(&session, path, &LoadOptions::default(), &args.only);
            report(&r.problems);
            r
        })
        .collect();
    let jobs: Vec<bulk::Job<'_>> = reports
        .iter()
        .flat_map(|r| {
            r.documents
                .iter()
                .map(|d| job(&args.out, &r.path, d, args.emit_typ))
        })
        .collect();
    for dir in jobs.iter().filter_map(|j| j.pdf.parent()) {
        bulk::remove_stale_temp_files(dir);
    }
    on_ctrl_c();
    let bar = progress_bar(jobs.len(), "Đang dựng văn bản");
    let outcome = bulk::render_each(&session, &jobs, &STOP, &|| bar.inc(1));
    bar.finish_and_clear();
    for p in &outcome.written {
        print_path(p);
    }
    let mut failed: Vec<String> = Vec::new();
    for r in &reports {
        if r.has_errors() {
            failed.push(display_path(&r.path));
        }
    }
    for (_, d) in &outcome.failed {
        report(d);
    }
    let skipped: Vec<&str> = reports
        .iter()
        .flat_map(|r| r.skipped.iter().map(String::as_str))
        .collect();
    let mut summary = format!(
        "đã ghi {} tệp PDF từ {} tệp YAML",
        outcome.written.len(),
        files.len()
    );
    if !skipped.is_empty() {
        summary.push_str(&format!(
            "; {} dòng sản phẩm bị bỏ qua vì có lỗi: {}",
            skipped.len(),
            skipped.join(", ")
        ));
    }
    if !outcome.failed.is_empty() {
        summary.push_str(&format!(
            "; {} văn bản không dựng được",
            outcome.failed.len()
        ));
    }
    if outcome.interrupted {
        summary.push_str("; đã dừng theo yêu cầu, các tệp đã ghi đều hoàn chỉnh");
    }
    let ok = failed.is_empty() && outcome.failed.is_empty() && !outcome.interrupted;
    if !failed.is_empty() {
        summary.push_str(&format!(
            "; {} tệp có lỗi: {}",
            failed.len(),
            failed.join(", ")
        ));
    }
    if ok {
        if std::io::stderr().is_terminal() {
            eprintln!("{summary}; không có lỗi.");
        }
        ExitCode::SUCCESS
    } else {
        eprintln!("{summary}");
        ExitCode::from(INPUT_ERRORS)
    }
}
