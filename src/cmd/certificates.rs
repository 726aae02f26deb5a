//! `ocop certificates`: the certificates of a round, one PDF each or all in
//! one file for printing. Bad rows are reported and skipped; the rest are
//! produced.

use std::process::ExitCode;

use ocop::bulk;
use ocop::doc::DocKind;
use ocop::load::LoadOptions;
use ocop::pipeline;
use ocop::write::{self, outputs};

use super::{
    INPUT_ERRORS, INTERRUPTED, STOP, folder, job, on_ctrl_c, owned_files, print_path, progress_bar,
    replace_owned, report, say, session, set_of,
};
use crate::cli::{CertificatesArgs, Format};

/// The set a merged file belongs to: replacing it leaves single files alone.
const MERGED_SET: &str = "certificates-merged";

#[allow(clippy::too_many_lines)] // issue 20: split by its owner
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
            say("tệp có lỗi; chưa dựng giấy chứng nhận nào.");
        } else {
            say("không có giấy chứng nhận nào được dựng.");
        }
        return ExitCode::from(INPUT_ERRORS);
    }
    on_ctrl_c();
    let total = r.documents.len();
    let bar = progress_bar(total, "Đang dựng giấy chứng nhận");
    let progress = || bar.inc(1);
    let dir = outputs::folders(&args.out, std::slice::from_ref(&args.file)).remove(0);
    write::remove_stale_temp_files(&dir);
    write::remove_stale_temp_files(&folder(&dir, DocKind::Certificate));
    let outcome = if args.merge {
        let name = format!("{}.pdf", write::CERTIFICATES_DIR);
        let outcome = bulk::render_merged(
            &session,
            &r.documents,
            "Giấy chứng nhận sản phẩm OCOP",
            &dir.join(&name),
            &STOP,
            &progress,
        );
        if !outcome.written.is_empty() {
            let owned = [outputs::Owned {
                set: MERGED_SET.into(),
                file: name,
            }];
            owned_files(&dir, &[MERGED_SET.to_string()], &owned);
        }
        outcome
    } else {
        let jobs: Vec<bulk::Job<'_>> = r
            .documents
            .iter()
            .map(|d| job(&dir, d, &[Format::Pdf], false))
            .collect();
        let outcome = bulk::render_each(&session, &jobs, &STOP, &progress);
        if !outcome.interrupted && outcome.failed.is_empty() {
            let refs: Vec<&bulk::Job<'_>> = jobs.iter().collect();
            replace_owned(
                &dir,
                &[set_of(DocKind::Certificate, "pdf")],
                &refs,
                &outcome.written,
                &[],
            );
        }
        outcome
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
    say(format!("{summary}."));
    if interrupted {
        ExitCode::from(INTERRUPTED)
    } else if !r.has_errors() && failed == 0 && outcome.merge_failed.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(INPUT_ERRORS)
    }
}
