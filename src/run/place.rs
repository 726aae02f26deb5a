//! Where a run's documents go: each form of each document in its input's
//! output folder, and the sets of files a run owns there.

use std::path::{Path, PathBuf};

use crate::bulk::Job;
use crate::doc::{DocKind, Document};
use crate::load::IssuanceChoice;
use crate::sign::SIDECAR_EXTENSION;
use crate::write;

/// The forms a document is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// PDF, để in
    Pdf,
    /// Word (.docx), để góp ý và sửa
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// What a rendering run writes, and where.
#[derive(Debug, Clone)]
pub struct Output {
    /// The folder under which each input gets a folder of its own.
    pub out: PathBuf,
    /// The kinds to render; all when empty.
    pub only: Vec<DocKind>,
    pub formats: Vec<Format>,
    /// Also each document's Typst source, with what it needs to compile.
    pub emit_typ: bool,
    /// How the documents are issued, where the command line says.
    pub issuance: IssuanceChoice,
}

impl Output {
    /// Where the forms of `doc` asked for go, in its input's folder `dir`.
    /// A certificate has no Word form.
    pub fn job<'a>(&self, dir: &Path, doc: &'a Document) -> Job<'a> {
        let dir = folder(dir, doc.kind());
        let file = |ext: &str| dir.join(format!("{}.{ext}", doc.file_stem));
        let pdf = self.formats.contains(&Format::Pdf);
        let docx = self.formats.contains(&Format::Docx) && doc.kind() != DocKind::Certificate;
        // A certificate's markup shows images under fixed names (`qr.png`):
        // its Typst source goes in a folder of its own, with them.
        let typ = match doc.kind() {
            DocKind::Certificate => dir
                .join(&doc.file_stem)
                .join(format!("{}.typ", doc.file_stem)),
            DocKind::Plan
            | DocKind::Decision
            | DocKind::Dispatch
            | DocKind::Submission
            | DocKind::Notice
            | DocKind::Revocation
            | DocKind::Reminder
            | DocKind::Report => file("typ"),
        };
        Job {
            doc,
            pdf: pdf.then(|| file("pdf")),
            sidecar: (pdf && doc.issuance.electronic).then(|| file(SIDECAR_EXTENSION)),
            docx: docx.then(|| file("docx")),
            typ: (self.emit_typ && pdf).then_some(typ),
        }
    }

    /// The kinds this run renders.
    pub fn kinds(&self) -> Vec<DocKind> {
        if self.only.is_empty() {
            clap::ValueEnum::value_variants().to_vec()
        } else {
            self.only.clone()
        }
    }

    /// The sets of files this run owns in an input's folder.
    pub fn sets(&self) -> Vec<String> {
        let mut extensions: Vec<&str> = self
            .formats
            .iter()
            .flat_map(|f| match f {
                // An electronic PDF's signing places go with it, and go
                // when it is written again on paper.
                Format::Pdf => ["pdf", SIDECAR_SET].as_slice(),
                Format::Docx => ["docx"].as_slice(),
            })
            .copied()
            .collect();
        if self.emit_typ {
            extensions.push("typ");
        }
        let mut sets: Vec<String> = self
            .kinds()
            .iter()
            .flat_map(|k| extensions.iter().map(|e| set_of(*k, e)))
            .collect();
        if self.emit_typ {
            sets.push(TYP_COMPANIONS.to_string());
        }
        sets
    }

    /// Whether this run leaves certificates unwritten, having no PDF form.
    pub fn leaves_out_certificates(&self) -> bool {
        !self.formats.contains(&Format::Pdf)
    }
}

/// The folder documents of `kind` go to, in their input's folder `dir`.
pub fn folder(dir: &Path, kind: DocKind) -> PathBuf {
    match kind {
        DocKind::Certificate => dir.join(write::CERTIFICATES_DIR),
        DocKind::Plan
        | DocKind::Decision
        | DocKind::Dispatch
        | DocKind::Submission
        | DocKind::Notice
        | DocKind::Revocation
        | DocKind::Reminder
        | DocKind::Report => dir.to_path_buf(),
    }
}

/// The name of the set of files of one kind in one form (`plan.pdf`): a
/// run owns the sets it writes, and only those.
pub fn set_of(kind: DocKind, extension: &str) -> String {
    let kind = match kind {
        DocKind::Plan => "plan",
        DocKind::Decision => "decision",
        DocKind::Dispatch => "dispatch",
        DocKind::Certificate => "certificate",
        DocKind::Submission => "submission",
        DocKind::Notice => "notice",
        DocKind::Revocation => "revocation",
        DocKind::Reminder => "reminder",
        DocKind::Report => "report",
    };
    format!("{kind}.{extension}")
}

/// The set (by extension) of the signing places written beside an
/// electronic document's PDF (`.ky-so.json`).
pub const SIDECAR_SET: &str = "json";

/// The set of the files written beside emitted Typst sources so they
/// compile on their own: the layout libraries and a certificate's images.
pub const TYP_COMPANIONS: &str = "typ-companion";

/// The set a merged file of certificates belongs to: replacing it leaves
/// the single files alone.
pub const MERGED_SET: &str = "certificates-merged";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_owns_the_sets_of_its_kinds_and_forms() {
        let output = Output {
            out: PathBuf::from("out"),
            only: vec![DocKind::Plan],
            formats: vec![Format::Pdf, Format::Docx],
            emit_typ: true,
            issuance: IssuanceChoice::default(),
        };
        assert_eq!(
            output.sets(),
            [
                "plan.pdf",
                "plan.json",
                "plan.docx",
                "plan.typ",
                TYP_COMPANIONS
            ]
        );
        let all = Output {
            only: Vec::new(),
            emit_typ: false,
            ..output
        };
        // Every kind in both forms, the PDF with its signing places.
        let kinds = <DocKind as clap::ValueEnum>::value_variants().len();
        assert_eq!(all.sets().len(), kinds * 3);
        assert!(!all.leaves_out_certificates());
    }
}
