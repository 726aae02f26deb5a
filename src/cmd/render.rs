//! `ocop render`: every document of every file, on all cores.

use std::io::IsTerminal;
use std::process::ExitCode;

use ocop::bulk;
use ocop::diag::display_path;
use ocop::doc::DocKind;
use ocop::load::LoadOptions;
use ocop::pipeline::{self, FileReport};
use ocop::write::{self, outputs};

use super::{
    INPUT_ERRORS, INTERRUPTED, STOP, emit_companions, job, nothing_to_render, on_ctrl_c,
    print_path, progress_bar, replace_owned, report, say, session, sets,
};
use crate::cli::{Format, RenderArgs};

#[allow(clippy::too_many_lines)] // issue 20: split by its owner
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
    let output = &args.output;
    let dirs = outputs::folders(&output.out, &files);
    let reports: Vec<FileReport> = files
        .iter()
        .map(|path| {
            let r = pipeline::prepare(&session, path, &LoadOptions::default(), &output.only);
            report(&r.problems);
            report(nothing_to_render(&r, &output.only).as_slice());
            r
        })
        .collect();
    // Every document's job, and the input it comes from.
    let (inputs, jobs): (Vec<usize>, Vec<bulk::Job<'_>>) = reports
        .iter()
        .enumerate()
        .flat_map(|(i, r)| {
            let dir = &dirs[i];
            r.documents
                .iter()
                .map(move |d| (i, job(dir, d, &output.format, output.emit_typ)))
        })
        .filter(|(_, j)| j.outputs().next().is_some())
        .unzip();
    let certificates_left_out = !output.format.contains(&Format::Pdf)
        && reports
            .iter()
            .any(|r| r.documents.iter().any(|d| d.kind() == DocKind::Certificate));
    if certificates_left_out {
        say(
            "giấy chứng nhận chỉ có bản PDF nên không được ghi; dùng --format pdf,docx để có cả giấy chứng nhận",
        );
    }
    for j in &jobs {
        for dir in j.outputs().filter_map(|p| p.parent()) {
            write::remove_stale_temp_files(dir);
        }
    }
    on_ctrl_c();
    let bar = progress_bar(jobs.len(), "Đang dựng văn bản");
    let outcome = bulk::render_each(&session, &jobs, &STOP, &|| bar.inc(1));
    bar.finish_and_clear();
    for p in &outcome.written {
        print_path(p);
    }
    for (_, d) in &outcome.failed {
        report(d);
    }
    let companions = if output.emit_typ {
        emit_companions(&session, &jobs, &outcome.written)
    } else {
        Vec::new()
    };
    // Each input whose documents all went out replaces what it owned.
    let kinds: Vec<DocKind> = if output.only.is_empty() {
        clap::ValueEnum::value_variants().to_vec()
    } else {
        output.only.clone()
    };
    let sets = sets(&kinds, &output.format, output.emit_typ);
    for (i, r) in reports.iter().enumerate() {
        let own: Vec<&bulk::Job<'_>> = jobs
            .iter()
            .zip(&inputs)
            .filter(|(_, n)| **n == i)
            .map(|(j, _)| j)
            .collect();
        let complete = !outcome.interrupted
            && !r.documents.is_empty()
            && own
                .iter()
                .all(|j| j.outputs().all(|p| outcome.written.contains(p)));
        if complete {
            replace_owned(&dirs[i], &sets, &own, &outcome.written, &companions);
        }
    }
    let failed: Vec<String> = reports
        .iter()
        .filter(|r| r.has_errors())
        .map(|r| display_path(&r.path))
        .collect();
    let skipped: Vec<&str> = reports
        .iter()
        .flat_map(|r| r.skipped.iter().map(String::as_str))
        .collect();
    let what = match output.format.as_slice() {
        [Format::Pdf] => "tệp PDF",
        [Format::Docx] => "tệp Word",
        _ => "tệp",
    };
    let mut summary = format!(
        "đã ghi {} {what} từ {} tệp YAML",
        outcome
            .written
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "pdf" || e == "docx"))
            .count(),
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
    if !failed.is_empty() {
        summary.push_str(&format!(
            "; {} tệp có lỗi: {}",
            failed.len(),
            failed.join(", ")
        ));
    }
    if outcome.interrupted {
        say(summary);
        return ExitCode::from(INTERRUPTED);
    }
    if failed.is_empty() && outcome.failed.is_empty() {
        if std::io::stderr().is_terminal() {
            say(format!("{summary}; không có lỗi."));
        }
        ExitCode::SUCCESS
    } else {
        say(summary);
        ExitCode::from(INPUT_ERRORS)
    }
}
