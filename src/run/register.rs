//! `ocop register`: the year's signed decisions written into the office's
//! register (a round's products appended, a revocation's status set), or
//! the register exported for reporting upward. Nothing is typeset.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::pipeline;
use crate::validate::Checked;
use crate::validate::register::days_before;
use crate::vn::Date;
use crate::write::{register, year};

/// What `ocop register` is asked for.
#[derive(Debug, Clone)]
pub struct Register {
    /// The year's YAML file with its `register`.
    pub file: PathBuf,
    /// Export the register to this file (.xlsx or .csv) instead of writing
    /// into it.
    pub export: Option<PathBuf>,
    /// The day the export judges statuses on, as typed (dd/mm/yyyy);
    /// default the register's `as_of`, else today.
    pub date: Option<String>,
}

/// What was done.
#[derive(Debug)]
pub enum Registered {
    Updated(register::Outcome),
    Exported {
        file: PathBuf,
        products: usize,
        day: Date,
    },
}

/// The file's problems, and what was done unless one stopped it.
#[derive(Debug)]
pub struct RegisterOutcome {
    pub problems: Vec<Diagnostic>,
    pub done: Option<Registered>,
}

/// Runs `request`: nothing is written when the file has errors.
pub fn register(request: &Register) -> RegisterOutcome {
    let (mut problems, done) =
        pipeline::with_checked(&request.file, |checked| match &request.export {
            Some(to) => export(checked, request, to),
            None => year::update(checked, &request.file).map(Registered::Updated),
        });
    let done = match done {
        Some(Ok(done)) => Some(done),
        Some(Err(problem)) => {
            problems.push(problem);
            None
        }
        None => None,
    };
    RegisterOutcome { problems, done }
}

fn export(checked: &Checked<'_>, request: &Register, to: &Path) -> Result<Registered, Diagnostic> {
    let register = checked.year.register.as_ref().ok_or_else(|| {
        Diagnostic::error("tệp không có sổ đăng ký (`register:`)")
            .file(&request.file)
            .hint("thêm `register: { file: so-dang-ky.xlsx }` (hoặc danh sách `products:` trong YAML)")
    })?;
    let day = match &request.date {
        Some(text) => Date::parse(text).map_err(|_| {
            Diagnostic::error(format!("ngày `{text}` của --date không đọc được"))
                .hint("viết ngày dạng dd/mm/yyyy, ví dụ --date 31/12/2027")
        })?,
        None => register.as_of.unwrap_or_else(today),
    };
    year::export(register, day, to)?;
    Ok(Registered::Exported {
        file: to.to_path_buf(),
        products: register.entries.len(),
        day,
    })
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
