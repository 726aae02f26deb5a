//! `ocop certificates`: the certificates of a round, one PDF each or all in
//! one file for printing. Bad rows are reported and skipped; the rest are
//! produced.

use std::process::ExitCode;

use ocop::bulk;
use ocop::doc::DocKind;
use ocop::load::LoadOptions;
use ocop::pipeline;

use super::{
    INPUT_ERRORS, STOP, folder, job, on_ctrl_c, print_path, progress_bar, report, session,
};
use crate::cli::CertificatesArgs;

pub fn run(args: &CertificatesArgs) -> ExitCode {
    let session = match session(&args.shared.options()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = LoadOptions {
        products: args.products.clone(),
        sheet: args.sheet.clone(),
    };
    let r = pipeline::prepare(&session, &args.file, &options, &[DocKind::Certificate]);
    report(&r.problems);
    if r.documents.is_empty() {
        if r.has_errors() && r.skipped.is_empty() {
            eprintln!("tệp có lỗi; chưa dựng giấy chứng nhận nào.");
        } else {
            eprintln!("không có giấy chứng nhận nào được dựng.");
        }
        return ExitCode::from(INPUT_ERRORS);
    }
    on_ctrl_c();
    let total = r.documents.len();
    let bar = progress_bar(total, "Đang dựng giấy chứng nhận");
    let progress = || bar.inc(1);
    let dir = folder(&args.out, &args.file, DocKind::Certificate);
    let outcome = if args.merge {
        let parent = dir.parent().unwrap_or(&dir).to_path_buf();
        bulk::remove_stale_temp_files(&parent);
        let path = parent.join(format!("{}.pdf", ocop::write::CERTIFICATES_DIR));
        bulk::render_merged(
            &session,
            &r.documents,
            "Giấy chứng nhận sản phẩm OCOP",
            &path,
            &STOP,
            &progress,
        )
    } else {
        bulk::remove_stale_temp_files(&dir);
        let jobs: Vec<bulk::Job<'_>> = r
            .documents
            .iter()
            .map(|d| job(&args.out, &args.file, d, false))
            .collect();
        bulk::render_each(&session, &jobs, &STOP, &progress)
    };
    bar.finish_and_clear();
    for p in &outcome.written {
        print_path(p);
    }
    for (_, d) in &outcome.failed {
        report(d);
    }
    if let Some(d) = &outcome.merge_failed {
        report(d);
    }
    let failed = outcome.failed.len();
    let interrupted = outcome.interrupted;
    // With --merge, the certificates inside the one file count as written.
    let written = match (args.merge, outcome.written.is_empty()) {
        (true, false) => total - failed,
        (true, true) => 0,
        (false, _) => outcome.written.len(),
    };
    let mut summary = format!("đã dựng {written}/{total} giấy chứng nhận");
    if !r.skipped.is_empty() {
        summary.push_str(&format!(
            "; {} dòng bị bỏ qua vì có lỗi: {}",
            r.skipped.len(),
            r.skipped.join(", ")
        ));
    }
    if failed > 0 {
        summary.push_str(&format!("; {failed} giấy chứng nhận không dựng được"));
    }
    if outcome.merge_failed.is_some() {
        summary.push_str("; chưa ghi được tệp gộp");
    }
    if interrupted && args.merge {
        summary.push_str("; đã dừng theo yêu cầu, chưa ghi tệp gộp");
    } else if interrupted {
        summary.push_str("; đã dừng theo yêu cầu, các tệp đã ghi đều hoàn chỉnh");
    }
    eprintln!("{summary}.");
    if !r.has_errors() && failed == 0 && !interrupted && outcome.merge_failed.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(INPUT_ERRORS)
    }
}
