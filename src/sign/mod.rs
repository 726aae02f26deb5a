//! Sign: an electronically issued document made ready for digital
//! signing (NĐ 30/2020 Phụ lục I II.7.d, II.8, III.1.d). The places the
//! layout keeps for each signing role are read back from Typst's layout
//! (`places`), an empty signature field is put over each in the exported
//! PDF (`field`), and the same places are written for document systems
//! that take coordinates (`sidecar`).

pub mod field;
pub mod places;
pub mod sidecar;

use std::path::{Path, PathBuf};

use serde::Serialize;
use typst_layout::PagedDocument;

use crate::compile::{PdfMeta, export_pdf};
use crate::diag::Diagnostic;
use crate::doc::Document;

/// Who signs at a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The person with the authority: the signature image between the
    /// title and the name.
    Signer,
    /// The organisation: its seal image over the left third of the
    /// signature.
    Organisation,
    /// The organisation on an appendix in a file of its own: its
    /// signature's number and time, top right of the first page.
    AppendixCorner,
}

impl Role {
    /// The role's name in the layout's metadata.
    fn from_layout(name: &str) -> Option<Role> {
        match name {
            "signer" => Some(Role::Signer),
            "organisation" => Some(Role::Organisation),
            "appendix" => Some(Role::AppendixCorner),
            _ => None,
        }
    }

    /// The name of the signature field a signing tool fills.
    pub fn field_name(self) -> &'static str {
        match self {
            Role::Signer => "NguoiKy",
            Role::Organisation => "CoQuan",
            Role::AppendixCorner => "CoQuanPhuLuc",
        }
    }

    /// What the field is for, as a signing tool shows it.
    pub fn description(self) -> &'static str {
        match self {
            Role::Signer => "Chữ ký số của người có thẩm quyền",
            Role::Organisation => "Chữ ký số (dấu) của cơ quan, tổ chức",
            Role::AppendixCorner => "Chữ ký số của cơ quan, tổ chức trên phụ lục",
        }
    }
}

/// A place kept for one signing role.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub role: Role,
    /// The page, from 1.
    pub page: usize,
    /// Left, bottom, right, top in PDF points, from the page's bottom left.
    pub rect: [f64; 4],
    /// Width and height of the page in points.
    pub page_size: [f64; 2],
}

/// A document's PDF and, when it is issued electronically, its signing
/// places (an empty field over each is in the PDF already).
pub struct Issued {
    pub pdf: Vec<u8>,
    pub places: Vec<Place>,
}

/// `document` (the laid-out `doc`) exported with `meta`; an electronic
/// document gets an empty signature field over each signing place.
pub fn issue(
    document: &PagedDocument,
    doc: &Document,
    meta: PdfMeta<'_>,
) -> Result<Issued, Vec<Diagnostic>> {
    let pdf = export_pdf(document, meta)?;
    if !doc.issuance.electronic {
        return Ok(Issued {
            pdf,
            places: Vec::new(),
        });
    }
    let places = places::of(document);
    if places.is_empty() {
        return Err(vec![
            Diagnostic::error("văn bản điện tử nhưng mẫu văn bản không có chỗ ký số nào")
                .hint("mẫu riêng (--templates) cần dùng khối chữ ký của nd30.typ (nd30-signature, tham số electronic), hoặc đặt nd30-signing-place ở chỗ ký"),
        ]);
    }
    let pdf = field::add_empty_fields(&pdf, &places).map_err(|e| {
        vec![
            Diagnostic::error(format!("không thêm được ô chữ ký số vào tệp PDF: {e}"))
                .hint("đây là lỗi của ocop; xin báo lại kèm tệp YAML"),
        ]
    })?;
    Ok(Issued { pdf, places })
}

/// The field name of each place: its role's, numbered from the second
/// place of a role on (`NguoiKy`, `NguoiKy2` …).
pub fn field_names(places: &[Place]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for place in places {
        let base = place.role.field_name();
        let seen = names
            .iter()
            .filter(|n| n.trim_end_matches(|c: char| c.is_ascii_digit()) == base)
            .count();
        names.push(if seen == 0 {
            base.to_string()
        } else {
            format!("{base}{}", seen + 1)
        });
    }
    names
}

/// Where the places of the PDF at `pdf` are written: `quyet-dinh.ky-so.json`.
pub fn sidecar_path(pdf: &Path) -> PathBuf {
    pdf.with_extension(SIDECAR_EXTENSION)
}

/// The sidecar's name after the PDF's stem.
pub const SIDECAR_EXTENSION: &str = "ky-so.json";
