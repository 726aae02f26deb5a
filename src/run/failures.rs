//! The documents a run could not render, each problem said once: one that
//! failed many documents alike (an error in the user's template fails
//! every certificate) is reported a single time, naming how many and
//! which documents it stopped, instead of once per document.

use super::{Failure, Outcome};
use crate::diag::Diagnostic;

impl Outcome {
    /// The problems of [`Outcome::failed`], each once.
    pub fn distinct_failures(&self) -> Vec<Diagnostic> {
        distinct(&self.failed)
    }
}

fn distinct(failed: &[Failure]) -> Vec<Diagnostic> {
    // (the problem as every document shares it, the first one's own, the documents)
    let mut groups: Vec<(Diagnostic, Diagnostic, Vec<&str>)> = Vec::new();
    for f in failed {
        for d in &f.problems {
            let shared = shared_form(&f.document, d);
            match groups.iter_mut().find(|(seen, ..)| *seen == shared) {
                Some((.., documents)) => documents.push(&f.document),
                None => groups.push((shared, d.clone(), vec![&f.document])),
            }
        }
    }
    groups
        .into_iter()
        .map(|(mut shared, own, documents)| {
            if documents.len() == 1 {
                return own;
            }
            // A file every copy names alike (the template) stays.
            shared.file = own
                .file
                .filter(|f| !f.to_string_lossy().contains(documents[0]));
            shared.message.push_str(&format!(
                " (cùng lỗi ở {} văn bản: {})",
                documents.len(),
                listed(&documents)
            ));
            shared
        })
        .collect()
}

/// A document's problem without what names that document: its output
/// file, its file stem in the message.
fn shared_form(document: &str, d: &Diagnostic) -> Diagnostic {
    let mut shared = d.clone();
    if shared
        .file
        .as_ref()
        .is_some_and(|f| f.to_string_lossy().contains(document))
    {
        shared.file = None;
    }
    if !document.is_empty() {
        shared.message = shared.message.replace(document, "<văn bản>");
    }
    shared
}

/// The first few names, and how many more.
fn listed(documents: &[&str]) -> String {
    const SHOWN: usize = 3;
    let mut text = documents
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if documents.len() > SHOWN {
        text.push_str(&format!(" và {} văn bản khác", documents.len() - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn a_problem_shared_by_many_documents_is_reported_once() {
        let template = Diagnostic::error("không có hàm khong-co-ham")
            .file(Path::new("mau/certificate.typ.tera"));
        let own = |stem: &str| {
            Diagnostic::error(format!("trang quá dài (mã Typst sinh ra {stem}.typ)"))
                .file(Path::new(&format!("out/{stem}.pdf")))
        };
        let mut failed: Vec<Failure> = (1..=5)
            .map(|i| {
                let document = format!("gcn-{i:03}");
                let problems = vec![template.clone(), own(&document)];
                Failure { document, problems }
            })
            .collect();
        failed.push(Failure {
            document: "gcn-006".into(),
            problems: vec![Diagnostic::error("khác")],
        });
        let found = distinct(&failed);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "không có hàm khong-co-ham (cùng lỗi ở 5 văn bản: gcn-001, gcn-002, gcn-003 và 2 văn bản khác)",
                "trang quá dài (mã Typst sinh ra <văn bản>.typ) (cùng lỗi ở 5 văn bản: gcn-001, gcn-002, gcn-003 và 2 văn bản khác)",
                "khác",
            ]
        );
        // The template's file is kept; no one output file stands for all five.
        assert_eq!(
            found[0].file.as_deref(),
            Some(Path::new("mau/certificate.typ.tera"))
        );
        assert_eq!(found[1].file, None);
        assert_eq!(found[2].file, None);
    }
}
