//! `ocop certificates`: the certificates of a round, one PDF each or all in
//! one file for printing. Bad rows are reported and skipped; the rest are
//! produced.

use std::process::ExitCode;

use ocop::load::LoadOptions;
use ocop::run::{Certificates, Run, Status, Stop};

use super::print::certificates_summary;
use super::{Printer, exit, say, session};
use crate::cli::CertificatesArgs;

pub fn run(args: &CertificatesArgs) -> ExitCode {
    let session = match session(&args.shared.options()) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let request = Certificates {
        file: args.file.clone(),
        load: LoadOptions {
            products: args.products.clone(),
            sheet: args.sheet.clone(),
            issuance: args.shared.issuance(),
        },
        out: args.out.clone(),
        merge: args.merge,
    };
    let printer = Printer::new("Đang dựng giấy chứng nhận");
    let run = Run {
        session,
        stop: Stop::on_signals(),
        observer: &printer,
    };
    let outcome = run.certificates(&request);
    if outcome.documents == 0 {
        let errors_only = outcome
            .inputs
            .iter()
            .any(|i| i.has_errors() && i.skipped.is_empty());
        say(if errors_only {
            "tệp có lỗi; chưa dựng giấy chứng nhận nào."
        } else {
            "không có giấy chứng nhận nào được dựng."
        });
        return exit(Status::Failed);
    }
    printer.outcome(&outcome);
    say(certificates_summary(&outcome, args.merge));
    exit(outcome.status())
}
