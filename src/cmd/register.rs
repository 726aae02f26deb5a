//! `ocop register`: the year's signed decisions written into the office's
//! register, or the register exported for reporting upward.

use std::process::ExitCode;

use ocop::diag::{Diagnostic, display_path};
use ocop::pipeline;
use ocop::validate::Checked;
use ocop::validate::register::days_before;
use ocop::vn::Date;
use ocop::write::year;

use super::{INPUT_ERRORS, print_path, report, say};
use crate::cli::RegisterArgs;

pub fn run(args: &RegisterArgs) -> ExitCode {
    let (problems, done) = pipeline::with_checked(&args.file, |checked| match &args.export {
        Some(out) => export(checked, args, out),
        None => update(checked, args),
    });
    report(&problems);
    match done {
        Some(Ok(())) => ExitCode::SUCCESS,
        Some(Err(d)) => {
            report(&[d]);
            ExitCode::from(INPUT_ERRORS)
        }
        None => ExitCode::from(INPUT_ERRORS),
    }
}

fn update(checked: &Checked<'_>, args: &RegisterArgs) -> Result<(), Diagnostic> {
    let outcome = year::update(checked, &args.file)?;
    let file = display_path(&outcome.file);
    if outcome.appended == 0 && outcome.updated == 0 {
        say(format!(
            "sổ {file} đã có mọi kết quả đã ký trong tệp; không ghi gì"
        ));
        return Ok(());
    }
    say(format!(
        "đã ghi vào sổ {file}: thêm {} dòng, cập nhật {} dòng",
        outcome.appended, outcome.updated
    ));
    for value in &outcome.left_out {
        say(format!(
            "cảnh báo: sổ không có cột cho {value}; giá trị này không được ghi"
        ));
    }
    print_path(&outcome.file);
    Ok(())
}

fn export(
    checked: &Checked<'_>,
    args: &RegisterArgs,
    out: &std::path::Path,
) -> Result<(), Diagnostic> {
    let register = checked.year.register.as_ref().ok_or_else(|| {
        Diagnostic::error("tệp không có sổ đăng ký (`register:`)")
            .file(&args.file)
            .hint("thêm `register: { file: so-dang-ky.xlsx }` (hoặc danh sách `products:` trong YAML)")
    })?;
    let day = match &args.date {
        Some(text) => Date::parse(text).map_err(|_| {
            Diagnostic::error(format!("ngày `{text}` của --date không đọc được"))
                .hint("viết ngày dạng dd/mm/yyyy, ví dụ --date 31/12/2027")
        })?,
        None => register.as_of.unwrap_or_else(today),
    };
    year::export(register, day, out)?;
    say(format!(
        "đã xuất {} sản phẩm của sổ, trạng thái tại ngày {}",
        register.entries.len(),
        day.short()
    ));
    print_path(out);
    Ok(())
}

/// Today in Vietnam (UTC+7), where the register's statuses are judged.
fn today() -> Date {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = (seconds + 7 * 3600) / 86_400;
    let epoch = Date::new(1970, 1, 1).expect("a real date");
    days_before(epoch, -(days as i64))
}
