//! How a file's documents are issued: the same composed documents, on
//! paper or electronically (NĐ 30/2020 Phụ lục I), under a PDF standard,
//! and with their appendices in the document's file or each in its own.
//!
//! Electronic issuance changes what the document system fills in, not the
//! content: the office's system assigns the number and the day after
//! signing (Điều 15), so the header leaves them blank as a draft does, and
//! so does every appendix's reference line, which an electronic document
//! need not fill in (III.1.c). The layout of the signature block and of a
//! separate appendix's first page is the templates' (`nd30.typ`).

use crate::doc::{AppendixFile, Content, Document, Issuance};
use crate::model::PlanFile;
use crate::text;

/// The issuance `model` asks for (its keys, with the command line's
/// choices already applied by `load`).
pub fn of(model: &PlanFile) -> Issuance {
    Issuance {
        electronic: model.electronic,
        pdf_standard: model.pdf_standard.unwrap_or_default(),
    }
}

/// `documents` as `model` issues them: each marked with its issuance,
/// numbers and days left for the document system when electronic, and
/// with `separate_appendices` each appendix a document of its own, right
/// after the one it belongs to.
pub fn apply(model: &PlanFile, documents: Vec<Document>) -> Vec<Document> {
    let issuance = of(model);
    let mut out = Vec::with_capacity(documents.len());
    for mut doc in documents {
        doc.issuance = issuance;
        if issuance.electronic {
            leave_for_system(&mut doc);
        }
        let apart = if model.separate_appendices {
            separate_appendices(&mut doc)
        } else {
            Vec::new()
        };
        out.push(doc);
        out.extend(apart);
    }
    out
}

/// Blanks what the document system fills in after signing: the number
/// and the day, in the header and in the appendices' reference lines.
fn leave_for_system(doc: &mut Document) {
    let (Content::Plan(a) | Content::Decision(a) | Content::Dispatch(a)) = &mut doc.content else {
        return;
    };
    a.header.number = None;
    a.header.day = None;
    for appendix in &mut a.appendices {
        appendix.reference.number = None;
        appendix.reference.day = None;
    }
}

/// Takes the appendices out of `doc`, each into a document of its own
/// named after it (`quyet-dinh-cong-nhan-phu-luc-i`).
fn separate_appendices(doc: &mut Document) -> Vec<Document> {
    let of = doc.kind();
    let (Content::Plan(a) | Content::Decision(a) | Content::Dispatch(a)) = &mut doc.content else {
        return Vec::new();
    };
    std::mem::take(&mut a.appendices)
        .into_iter()
        .map(|appendix| Document {
            file_stem: format!("{}-{}", doc.file_stem, text::slug(&appendix.label)),
            meta_title: format!("{} kèm theo {}", appendix.label, doc.meta_title),
            ident: format!("{} {}", doc.ident, appendix.label),
            timestamp: doc.timestamp,
            issuance: doc.issuance,
            content: Content::Appendix(AppendixFile { of, appendix }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Administrative, Appendix, DocKind, Header, Reference, Signature};
    use crate::vn::Date;

    fn model(yaml_keys: &str) -> PlanFile {
        let text = format!("issuer: {{ level: province, name: Lai Châu }}\n{yaml_keys}");
        let loaded = crate::load::load_source(
            crate::load::SourceFile::from_text(std::path::Path::new("t.yaml"), &text),
            &Default::default(),
        );
        loaded.model.expect("a model")
    }

    fn appendix(label: &str) -> Appendix {
        Appendix {
            label: label.into(),
            title: "DANH SÁCH".into(),
            reference: Reference {
                kind: "Quyết định".into(),
                number: Some("412".into()),
                symbol: "QĐ-UBND".into(),
                day: Some("10".into()),
                month: Some("3".into()),
                year: 2027,
                issuer: "Chủ tịch Ủy ban nhân dân tỉnh Lai Châu".into(),
            },
            landscape: false,
            body: Vec::new(),
        }
    }

    fn decision() -> Document {
        Document {
            file_stem: "quyet-dinh".into(),
            meta_title: "Quyết định thử".into(),
            ident: "412/QĐ-UBND".into(),
            timestamp: Date::new(2027, 3, 10).unwrap(),
            content: Content::Decision(Administrative {
                header: Header {
                    parent: None,
                    issuer_lines: vec!["ỦY BAN NHÂN DÂN".into()],
                    number: Some("412".into()),
                    symbol: "QĐ-UBND".into(),
                    place: "Lai Châu".into(),
                    day: Some("10".into()),
                    month: Some("3".into()),
                    year: 2027,
                },
                kind_name: "QUYẾT ĐỊNH".into(),
                subject: "Về việc thử".into(),
                to: Vec::new(),
                preamble: Vec::new(),
                body: Vec::new(),
                signature: Signature {
                    recipients: Vec::new(),
                    archive: "VT.".into(),
                    authority: vec!["CHỦ TỊCH".into()],
                    name: "Nguyễn Văn A".into(),
                },
                appendices: vec![appendix("Phụ lục I"), appendix("Phụ lục II")],
            }),
            issuance: Issuance::default(),
        }
    }

    #[test]
    fn paper_keeps_every_number_and_date() {
        let docs = apply(&model(""), vec![decision()]);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].issuance, Issuance::default());
        let Content::Decision(a) = &docs[0].content else {
            panic!()
        };
        assert_eq!(a.header.number.as_deref(), Some("412"));
        assert_eq!(
            a.appendices[0].reference.to_string(),
            "(Kèm theo Quyết định số 412/QĐ-UBND ngày 10 tháng 3 năm 2027 của Chủ tịch Ủy ban nhân dân tỉnh Lai Châu)"
        );
    }

    #[test]
    fn electronic_leaves_number_and_day_to_the_system() {
        let docs = apply(
            &model("electronic: true\npdf_standard: a-2b\n"),
            vec![decision()],
        );
        assert!(docs[0].issuance.electronic);
        assert_eq!(docs[0].issuance.pdf_standard, crate::doc::PdfStandard::A2b);
        let Content::Decision(a) = &docs[0].content else {
            panic!()
        };
        assert_eq!((&a.header.number, &a.header.day), (&None, &None));
        assert_eq!(a.header.month.as_deref(), Some("3"));
        assert_eq!(
            a.appendices[1].reference.to_string(),
            "(Kèm theo Quyết định số       /QĐ-UBND ngày       tháng 3 năm 2027 của Chủ tịch Ủy ban nhân dân tỉnh Lai Châu)"
        );
    }

    #[test]
    fn separate_appendices_follow_their_document_in_files_of_their_own() {
        let docs = apply(
            &model("electronic: true\nseparate_appendices: true\n"),
            vec![decision()],
        );
        let stems: Vec<&str> = docs.iter().map(|d| d.file_stem.as_str()).collect();
        assert_eq!(
            stems,
            [
                "quyet-dinh",
                "quyet-dinh-phu-luc-i",
                "quyet-dinh-phu-luc-ii"
            ]
        );
        let Content::Decision(main) = &docs[0].content else {
            panic!()
        };
        assert!(main.appendices.is_empty());
        let Content::Appendix(file) = &docs[2].content else {
            panic!()
        };
        assert_eq!(docs[2].kind(), DocKind::Decision);
        assert_eq!(file.appendix.label, "Phụ lục II");
        assert_eq!(file.appendix.reference.number, None);
        assert!(docs[2].issuance.electronic);
    }
}
