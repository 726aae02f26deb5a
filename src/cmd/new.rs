//! `ocop new`: the files `ocop::scaffold::plan` makes of the command line
//! (a skeleton for the issuer, level and year asked, or the full
//! examples), written only when none of them is there yet.

use std::process::ExitCode;

use ocop::diag::Diagnostic;
use ocop::model::Level;
use ocop::scaffold::{self, Asked};

use super::{INPUT_ERRORS, print_path, report, say};
use crate::cli::{NewArgs, NewLevel, USAGE_ERROR};

pub fn run(args: &NewArgs) -> ExitCode {
    let planned = match scaffold::plan(&asked(args), &ocop::schema::json(), |p| p.exists()) {
        Ok(planned) => planned,
        Err(refused) => {
            report(&[refused.diagnostic]);
            return ExitCode::from(if refused.usage {
                USAGE_ERROR
            } else {
                INPUT_ERRORS
            });
        }
    };
    if let Some((taken, _)) = planned.files.iter().find(|(path, _)| path.exists()) {
        report(&[Diagnostic::error("tệp đã tồn tại, không ghi đè")
            .file(taken)
            .hint("chọn một tên tệp (hoặc thư mục) khác")]);
        return ExitCode::from(INPUT_ERRORS);
    }
    for (path, bytes) in &planned.files {
        if let Err(d) = ocop::write::file(path, bytes) {
            report(&[d]);
            return ExitCode::from(INPUT_ERRORS);
        }
        print_path(path);
    }
    say(planned.next);
    ExitCode::SUCCESS
}

fn asked(args: &NewArgs) -> Asked {
    Asked {
        kind_or_file: args.kind_or_file.clone(),
        file: args.file.clone(),
        province: args.province.clone(),
        commune: args.commune.clone(),
        level: args.level.map(|l| match l {
            NewLevel::Province => Level::Province,
            NewLevel::Commune => Level::Commune,
            NewLevel::District => Level::District,
        }),
        year: args.year,
        examples: args.examples,
    }
}
