//! Compose: a checked file into the documents it describes. Pure and
//! infallible: numbering (I., 1., 1.1., a) …), Vietnamese dates, unit
//! names, punctuation and file names are computed here from data that
//! validation has already accepted; no file is read and nothing can fail.

mod appendix;
mod body;
mod certificate;
mod common;
mod decision;
mod dispatch;
mod funding;
mod plan;
pub mod report;
mod tasks;
mod year;

use crate::doc::Document;
use crate::validate::Checked;

/// Every document of the file, in the order a reader expects them: the
/// plan, its decisions, its dispatches, then the certificates.
pub fn documents(checked: &Checked<'_>) -> Vec<Document> {
    let mut docs = Vec::new();
    if let Some(p) = &checked.plan {
        docs.push(plan::plan(checked, p));
    }
    for d in &checked.decisions {
        docs.push(decision::decision(checked, d));
    }
    for d in &checked.dispatches {
        docs.extend(dispatch::dispatches(checked, d));
    }
    let y = &checked.year;
    docs.extend(
        y.submissions
            .iter()
            .filter_map(|s| year::submission(checked, s)),
    );
    docs.extend(y.notices.iter().filter_map(|n| year::notice(checked, n)));
    docs.extend(y.revocations.iter().map(|r| year::revocation(checked, r)));
    for r in &y.reminders {
        docs.extend(year::reminders(checked, r));
    }
    docs.extend(y.report.as_ref().and_then(|r| report::report(checked, r)));
    if let Some(c) = &checked.certificates {
        docs.extend(certificate::certificates(checked, c));
    }
    for doc in &mut docs {
        if let Some(a) = doc.content.administrative_mut() {
            appendix::fit_tables(a);
        }
    }
    docs
}
