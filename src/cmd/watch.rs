//! `ocop watch`: render, then render again each time a file is saved,
//! until Ctrl-C. One session for the whole run (templates, fonts, the
//! Typst engine and its memo cache), so a re-render costs only the
//! documents that changed. Noticing saves and telling what changed is
//! `ocop::run::watch` and `ocop::run::track`'s; this prints.

use std::process::ExitCode;
use std::time::Instant;

use ocop::run::track::Tracked;
use ocop::run::watch::Watcher;
use ocop::run::{Run, Status, Stop};
use ocop::session::Options;

use super::{Printer, exit, inputs, open::open, report, say, session};
use crate::cli::WatchArgs;

pub fn run(args: &WatchArgs) -> ExitCode {
    let options = Options {
        keep_documents: true,
        ..args.shared.options()
    };
    let (session, files) = match (session(&options), inputs(&args.inputs)) {
        (Ok(s), Ok(files)) => (s, files),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let stop = Stop::on_signals();
    let Ok(mut watcher) = Watcher::new(stop).map_err(|d| report(&[d])) else {
        return exit(Status::Failed);
    };
    let output = args.output.to_run(args.shared.issuance());
    let mut inputs = Tracked::all(&files, &output.out);
    let mut opened = !args.open;
    let mut refresh = |input: &mut Tracked| {
        let started = Instant::now();
        let printer = Printer::new("Đang dựng văn bản");
        let run = Run {
            session,
            stop,
            observer: &printer,
        };
        if let Some(outcome) = input.refresh(&run, &output) {
            printer.refreshed(&outcome, &output.formats, started);
            if let Some(pdf) = outcome.inputs.iter().find_map(|i| i.first_pdf())
                && !opened
            {
                opened = true;
                open(pdf);
            }
        }
    };
    // Watching starts before the first render, so a save during it is
    // not missed (it renders again if it changed anything).
    report(&watcher.watch(inputs.iter().flat_map(|i| i.watched())));
    inputs.iter_mut().for_each(&mut refresh);
    report(&watcher.watch(inputs.iter().flat_map(|i| i.watched())));
    if stop.requested() {
        say("đã dừng theo dõi.");
        return exit(Status::Interrupted);
    }
    say(format!(
        "đang theo dõi {} tệp YAML (và các tệp chúng nhắc tới); lưu tệp để dựng lại, Ctrl-C để dừng.",
        inputs.len()
    ));
    while let Some(save) = watcher.next_save(|t| inputs.iter().any(|i| i.depends_on(t))) {
        report(&save.warnings);
        for input in inputs.iter_mut().filter(|i| i.depends_on(&save.touched)) {
            if stop.requested() {
                break;
            }
            refresh(input);
        }
        report(&watcher.watch(inputs.iter().flat_map(|i| i.watched())));
        // Keep what this edit will reuse, drop what has not been used since.
        comemo::evict(10);
    }
    say("đã dừng theo dõi.");
    exit(Status::Interrupted)
}
