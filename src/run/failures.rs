//! The documents a run could not render, each problem said once: one that
//! failed many documents alike (an error in the user's template fails
//! every certificate) is reported a single time, naming how many and
//! which documents it stopped, instead of once per document.

use std::path::Path;

use super::{Failure, Outcome};
use crate::diag::Diagnostic;

impl Outcome {
    /// The problems of [`Outcome::failed`], each once.
    pub fn distinct_failures(&self) -> Vec<Diagnostic> {
        distinct(&self.failed)
    }
}

/// A problem that failed documents alike: as they all share it, the first
/// one's own, the documents, and the folders of the output files it named.
struct Group<'a> {
    shared: Diagnostic,
    own: Diagnostic,
    documents: Vec<&'a str>,
    folders: Vec<&'a Path>,
}

fn distinct(failed: &[Failure]) -> Vec<Diagnostic> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    for f in failed {
        for d in &f.problems {
            let shared = shared_form(&f.document, d);
            let folder = d
                .file
                .as_deref()
                .filter(|file| file.to_string_lossy().contains(&f.document))
                .and_then(Path::parent);
            let i = match groups.iter().position(|g| g.shared == shared) {
                Some(i) => i,
                None => {
                    groups.push(Group {
                        shared,
                        own: d.clone(),
                        documents: Vec::new(),
                        folders: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            let g = &mut groups[i];
            g.documents.push(&f.document);
            if let Some(folder) = folder.filter(|p| !g.folders.contains(p)) {
                g.folders.push(folder);
            }
        }
    }
    groups
        .into_iter()
        .map(|g| {
            let Group {
                mut shared,
                own,
                documents,
                folders,
            } = g;
            if documents.len() == 1 {
                return own;
            }
            // A file every copy names alike (the template) stays; output
            // files of one folder are named by their folder.
            shared.file = match (own.file, folders.as_slice()) {
                (Some(f), _) if !f.to_string_lossy().contains(documents[0]) => Some(f),
                (_, [folder]) => Some(folder.to_path_buf()),
                _ => None,
            };
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
        // The template's file is kept; the output files, by their folder.
        assert_eq!(
            found[0].file.as_deref(),
            Some(Path::new("mau/certificate.typ.tera"))
        );
        assert_eq!(found[1].file.as_deref(), Some(Path::new("out")));
        assert_eq!(found[2].file, None);
    }
}
