//! `ocop`: soạn văn bản Chương trình OCOP (kế hoạch …) từ tệp YAML ra PDF
//! đúng thể thức Nghị định 30/2020/NĐ-CP. This file only parses the
//! command line and hands over to the command; see `cmd/`.

#![allow(clippy::result_large_err)]

mod cli;
mod cmd;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};

/// Typst allocates many small objects from every worker at once; mimalloc's
/// per-thread heaps keep that from serialising on the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match &cli.command {
        Command::Render(args) => cmd::render::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Certificates(args) => cmd::certificates::run(args),
        Command::New { file } => cmd::new::run(file),
        Command::Templates { dir } => cmd::templates::run(dir),
        Command::Schema { out } => cmd::schema::run(out.as_deref()),
    }
}

/// clap's own messages are English; say what went wrong in Vietnamese and
/// keep clap's line as the detail. Help and version go to stdout as usual.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => "không có lệnh này",
        ErrorKind::UnknownArgument => "tùy chọn không hợp lệ",
        ErrorKind::MissingRequiredArgument => "thiếu đối số bắt buộc",
        ErrorKind::MissingSubcommand => "thiếu lệnh",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "giá trị tùy chọn không hợp lệ",
        ErrorKind::ArgumentConflict => "các tùy chọn xung đột nhau",
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => "số giá trị không đúng",
        _ => "sai cách gọi lệnh",
    };
    let rendered = e.to_string();
    let detail: Vec<&str> = rendered
        .lines()
        .take_while(|l| !l.starts_with("Usage:"))
        .map(|l| l.trim().trim_start_matches("error: "))
        .filter(|l| !l.is_empty())
        .collect();
    let detail = detail.join(" ");
    let _ = writeln!(
        std::io::stderr(),
        "lỗi: {what} ({detail})\n  = gợi ý: chạy `ocop --help` để xem các lệnh và tùy chọn"
    );
    ExitCode::from(2)
}
