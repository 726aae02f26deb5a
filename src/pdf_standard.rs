//! The PDF standards a document can be exported under, and what a
//! conformance problem means, said in Vietnamese.
//!
//! PDF/A-2b is the archives' form (TT 05/2025/TT-BNV's sample of the
//! digitisation rules): fonts embedded, colours defined by an output
//! intent, the file identified in its XMP metadata. PDF/A-1 is not
//! offered: it forbids the transparent signature and seal images NĐ 30
//! asks electronic documents to carry.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The standard a PDF conforms to.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    clap::ValueEnum,
)]
pub enum PdfStandard {
    /// Plain PDF 1.7, as Typst writes it.
    #[default]
    #[serde(rename = "none")]
    #[value(name = "none")]
    None,
    /// PDF/A-2b (ISO 19005-2, level B): for archiving.
    #[serde(rename = "a-2b")]
    #[value(name = "a-2b")]
    A2b,
}

impl PdfStandard {
    /// How messages name it.
    pub fn name(self) -> &'static str {
        match self {
            PdfStandard::None => "PDF",
            PdfStandard::A2b => "PDF/A-2b",
        }
    }

    /// The standards Typst enforces when exporting.
    pub fn typst(self) -> typst_pdf::PdfStandards {
        let list: &[typst_pdf::PdfStandard] = match self {
            PdfStandard::None => &[],
            PdfStandard::A2b => &[typst_pdf::PdfStandard::A_2b],
        };
        // Both lists are valid on their own; the default is plain PDF.
        typst_pdf::PdfStandards::new(list).unwrap_or_default()
    }

    /// The XMP identification (`pdfaid:part`, `pdfaid:conformance`) a
    /// file of this standard carries, if it has one.
    pub fn pdfa_id(self) -> Option<(u8, char)> {
        match self {
            PdfStandard::None => None,
            PdfStandard::A2b => Some((2, 'B')),
        }
    }
}

/// A conformance problem Typst reported while exporting under `standard`
/// (its English message), said in Vietnamese with what to do; `None`
/// when the message is not about the standard.
pub fn conformance_problem(standard: PdfStandard, message: &str) -> Option<(String, String)> {
    let prefix = format!("{} error:", typst_name(standard)?);
    let detail = message.strip_prefix(&prefix)?.trim();
    let quoted = || {
        detail
            .split('`')
            .nth(1)
            .map(|q| format!(" `{q}`"))
            .unwrap_or_default()
    };
    let (what, hint) = if detail.contains("could not be displayed") {
        (
            format!("có ký tự{} mà phông chữ không có", quoted()),
            "PDF/A không cho phép ký tự thiếu hình chữ: sửa ký tự đó, hoặc thêm phông có nó bằng --font-path".to_string(),
        )
    } else if detail.contains("license") {
        (
            format!("giấy phép của phông chữ{} cấm nhúng vào tệp lưu trữ", quoted()),
            "dùng phông khác (Liberation Serif có sẵn, hoặc Times New Roman của Windows) bằng --font"
                .to_string(),
        )
    } else if detail.contains("transparency") {
        (
            "có hình ảnh hoặc màu trong suốt".to_string(),
            "dùng ảnh không trong suốt (logo PNG nền trắng)".to_string(),
        )
    } else if detail.contains("smooth scaling") {
        (
            "có ảnh được làm mịn khi phóng to (PDF/A cấm)".to_string(),
            "đặt `scaling: \"pixelated\"` cho ảnh trong mẫu".to_string(),
        )
    } else if detail.contains("codepoint") {
        (
            format!(
                "có ký tự{} không được phép trong PDF/A (vùng dùng riêng, hoặc không ánh xạ được về Unicode)",
                quoted()
            ),
            "xóa ký tự đó, hoặc gõ lại bằng ký tự Unicode thường".to_string(),
        )
    } else if detail.contains("longer than")
        || detail.contains("more than")
        || detail.contains("too many")
    {
        (
            "có một đoạn văn bản hoặc một bảng vượt giới hạn của PDF/A".to_string(),
            "rút ngắn đoạn quá dài (tiêu đề, tên người ký), hoặc tách văn bản".to_string(),
        )
    } else {
        (
            detail.to_string(),
            "báo lỗi này cho người bảo trì ocop, kèm tệp YAML".to_string(),
        )
    };
    Some((
        format!("văn bản không đạt chuẩn {}: {what}", standard.name()),
        format!(
            "{hint}; tệp PDF không được ghi (bỏ --pdf-standard hoặc `pdf_standard:` để ghi PDF thường)"
        ),
    ))
}

/// The name Typst's validation messages start with.
fn typst_name(standard: PdfStandard) -> Option<&'static str> {
    match standard {
        PdfStandard::None => None,
        PdfStandard::A2b => Some("PDF/A-2b"),
    }
}
