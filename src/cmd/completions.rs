//! `ocop completions SHELL`: the shell's completion script for ocop, on
//! stdout (commands, options, accepted values, with the Vietnamese help).

use std::process::ExitCode;

use clap_complete::Shell as Target;

use crate::cli::{self, Shell};

pub fn run(shell: Shell) -> ExitCode {
    let target = match shell {
        Shell::Bash => Target::Bash,
        Shell::Zsh => Target::Zsh,
        Shell::Fish => Target::Fish,
        Shell::Powershell => Target::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(target, &mut cli::command(), "ocop", &mut out);
    use std::io::Write;
    // A closed pipe (`| head`) is not an error.
    let _ = std::io::stdout().lock().write_all(&out);
    ExitCode::SUCCESS
}
