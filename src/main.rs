//! `ocop`: soạn văn bản Chương trình OCOP (kế hoạch …) từ tệp YAML ra PDF
//! đúng thể thức Nghị định 30/2020/NĐ-CP. This file only reads the
//! command line and hands over to the command; see `cli.rs` and `cmd/`.

#![allow(clippy::result_large_err)]

mod cli;
mod cmd;

use std::process::ExitCode;

use cli::Command;

/// Typst allocates many small objects from every worker at once; mimalloc's
/// per-thread heaps keep that from serialising on the system allocator.
/// Counted so that a user's template runs within a memory budget.
#[global_allocator]
static ALLOCATOR: ocop::memory::Budgeted<mimalloc::MiMalloc> =
    ocop::memory::Budgeted(mimalloc::MiMalloc);

fn main() -> ExitCode {
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match &cli.command {
        Command::Render(args) => cmd::render::run(args),
        Command::Check(args) => cmd::check::run(args),
        Command::Watch(args) => cmd::watch::run(args),
        Command::Certificates(args) => cmd::certificates::run(args),
        Command::Register(args) => cmd::register::run(args),
        Command::New(args) => cmd::new::run(args),
        Command::Templates { dir, force } => cmd::templates::run(dir, *force),
        Command::Completions { shell } => cmd::completions::run(*shell),
        Command::Help { command } => cli::print_help(command.as_deref()),
        Command::Import { file, output } => cmd::import::run(file, output.as_deref()),
        Command::Schema { out } => cmd::schema::run(out.as_deref()),
    }
}
