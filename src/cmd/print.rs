//! What the commands print of a run: each input's problems as soon as it
//! is read, a progress bar while documents are rendered, the files written
//! (to stdout, one a line), what failed and what was removed, and one
//! summary line, in Vietnamese.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

use ocop::diag::display_path;
use ocop::run::{Format, InputOutcome, Observer, Outcome};

use super::{print_path, report, say};

/// Shows a run as it goes: each input's problems as soon as it is read,
/// and on a terminal a progress bar while documents are rendered.
pub struct Printer {
    /// What the bar says it is doing.
    doing: &'static str,
    bar: OnceLock<indicatif::ProgressBar>,
}

impl Printer {
    pub fn new(doing: &'static str) -> Printer {
        Printer {
            doing,
            bar: OnceLock::new(),
        }
    }

    /// Prints what the run wrote (paths to stdout), the documents it could
    /// not render, its own problems, what it removed, and leaves the
    /// summary to the command.
    pub fn outcome(&self, outcome: &Outcome) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
        for p in &outcome.written {
            print_path(p);
        }
        report(&outcome.distinct_failures());
        report(&outcome.problems);
    }
}

impl Printer {
    /// [`Printer::outcome`] of one input `ocop watch` rendered again, and
    /// a line saying what it did and how long it took (`started`).
    pub fn refreshed(&self, outcome: &Outcome, formats: &[Format], started: Instant) {
        self.outcome(outcome);
        let Some(input) = outcome.inputs.first() else {
            return;
        };
        let name = display_path(&input.path);
        if input.has_errors() {
            say(format!(
                "{name}: có lỗi, chưa dựng lại; các tệp đã ghi trước đó vẫn giữ nguyên. Sửa rồi lưu tệp, ocop sẽ dựng lại."
            ));
        } else if input.documents > 0 {
            say(watch_summary(&name, outcome, files_named(formats), started));
        }
    }
}

impl Observer for Printer {
    fn read(&self, input: &InputOutcome) {
        report(&input.problems);
    }

    fn rendering(&self, so_far: &Outcome) {
        if so_far.certificates_left_out {
            say(
                "giấy chứng nhận chỉ có bản PDF nên không được ghi; dùng --format pdf,docx để có cả giấy chứng nhận",
            );
        }
        let _ = self.bar.set(progress_bar(so_far.documents, self.doing));
    }

    fn rendered(&self) {
        if let Some(bar) = self.bar.get() {
            bar.inc(1);
        }
    }

    /// Said before the files go, so an interrupted run has named them.
    fn removing(&self, files: &[PathBuf]) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
        let names: Vec<String> = files.iter().map(|p| display_path(p)).collect();
        say(format!(
            "xóa {} tệp của lần dựng trước không còn trong danh sách: {}",
            names.len(),
            names.join(", ")
        ));
    }
}

/// "; giữ nguyên 5 tệp của lần dựng trước …": what a run that did not
/// write everything left of the last one, if anything.
fn kept(outcome: &Outcome) -> String {
    let kept: usize = outcome.inputs.iter().map(|i| i.kept.len()).sum();
    if kept == 0 {
        return String::new();
    }
    format!(
        "; giữ nguyên {kept} tệp của lần dựng trước (không xóa tệp nào khi lần này chưa ghi đủ)"
    )
}

/// The files a run writes, as the summary names them.
pub fn files_named(formats: &[Format]) -> &'static str {
    match formats {
        [Format::Pdf] => "tệp PDF",
        [Format::Docx] => "tệp Word",
        _ => "tệp",
    }
}

/// A progress bar on a terminal, nothing otherwise.
fn progress_bar(total: usize, what: &str) -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() || total < 2 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{bar:40}] {pos}/{len} ({per_sec}, còn {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(what.to_string());
    bar
}

/// "đã ghi 3 tệp PDF từ 2 tệp YAML; …": what was written, and what was not.
pub fn render_summary(outcome: &Outcome, files: &str) -> String {
    let written = outcome.documents_written();
    let mut line = format!(
        "đã ghi {written} {files} từ {} tệp YAML",
        outcome.inputs.len()
    );
    let skipped: Vec<&str> = outcome.skipped().collect();
    if !skipped.is_empty() {
        line.push_str(&format!(
            "; {} dòng sản phẩm bị bỏ qua vì có lỗi: {}",
            skipped.len(),
            skipped.join(", ")
        ));
    }
    if !outcome.failed.is_empty() {
        line.push_str(&format!(
            "; {} văn bản không dựng được",
            outcome.failed.len()
        ));
    }
    if outcome.interrupted {
        line.push_str("; đã dừng theo yêu cầu, các tệp đã ghi đều hoàn chỉnh");
    }
    line.push_str(&kept(outcome));
    if written > 0 {
        line.push_str(&format!("; {}", outcome.font));
    }
    let failed: Vec<String> = outcome
        .inputs
        .iter()
        .filter(|i| i.has_errors())
        .map(|i| display_path(&i.path))
        .collect();
    if !failed.is_empty() {
        line.push_str(&format!(
            "; {} tệp có lỗi: {}",
            failed.len(),
            failed.join(", ")
        ));
    }
    line
}

/// One line saying what a re-render did and how long it took.
fn watch_summary(name: &str, outcome: &Outcome, files: &str, started: Instant) -> String {
    let written = outcome.documents_written();
    let seconds = format!("{:.2}", started.elapsed().as_secs_f64()).replace('.', ",");
    let mut line = if written == 0 && outcome.failed.is_empty() {
        format!("{name}: không có văn bản nào thay đổi")
    } else {
        format!("{name}: đã ghi {written} {files} trong {seconds} giây")
    };
    if outcome.unchanged > 0 && written > 0 {
        line.push_str(&format!(
            "; {} văn bản không đổi, giữ nguyên",
            outcome.unchanged
        ));
    }
    if !outcome.failed.is_empty() {
        line.push_str(&format!(
            "; {} văn bản không dựng được",
            outcome.failed.len()
        ));
    }
    if outcome.interrupted {
        line.push_str("; đã dừng theo yêu cầu");
    }
    line.push_str(&kept(outcome));
    line.push('.');
    line
}

/// "đã dựng 998/1000 giấy chứng nhận; …".
pub fn certificates_summary(outcome: &Outcome, merge: bool) -> String {
    let mut line = format!(
        "đã dựng {}/{} giấy chứng nhận",
        outcome.rendered, outcome.documents
    );
    let skipped: Vec<&str> = outcome.skipped().collect();
    if !skipped.is_empty() {
        line.push_str(&format!(
            "; {} dòng bị bỏ qua vì có lỗi: {}",
            skipped.len(),
            skipped.join(", ")
        ));
    }
    if !outcome.failed.is_empty() {
        line.push_str(&format!(
            "; {} giấy chứng nhận không dựng được",
            outcome.failed.len()
        ));
    }
    if outcome.merge_failed {
        line.push_str("; chưa ghi được tệp gộp");
    }
    match (outcome.interrupted, merge) {
        (true, true) => line.push_str("; đã dừng theo yêu cầu, chưa ghi tệp gộp"),
        (true, false) => line.push_str("; đã dừng theo yêu cầu, các tệp đã ghi đều hoàn chỉnh"),
        _ => {}
    }
    line.push_str(&kept(outcome));
    if outcome.rendered > 0 {
        line.push_str(&format!("; {}", outcome.font));
    }
    line.push('.');
    line
}
