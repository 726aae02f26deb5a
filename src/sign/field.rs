//! Empty signature fields in an exported PDF: one unsigned `/Sig` widget
//! per signing place, on its page, listed in the document's AcroForm, so
//! a signing tool (Adobe, pyHanko, the government's VGCA tools) signs into
//! it instead of asking where.
//!
//! PDF/A-2b allows unsigned signature fields; it asks every widget for a
//! printable flag and an appearance stream (here an empty one of the
//! field's size, the signing tool draws its own), and forbids
//! `NeedAppearances`. The file is written again whole with a classic
//! cross-reference table, objects in number order, so the same document
//! gives the same bytes.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat, dictionary};

use super::Place;

/// Annotation flag 3: printed (PDF/A asks it of every annotation).
const PRINT: i64 = 4;

/// `pdf` with an empty signature field over each of `places`.
pub fn add_empty_fields(pdf: &[u8], places: &[Place]) -> Result<Vec<u8>, String> {
    let mut doc = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let pages = doc.get_pages();
    let mut fields = Vec::new();
    for (place, name) in places.iter().zip(super::field_names(places)) {
        let page = *pages
            .get(&(place.page as u32))
            .ok_or_else(|| format!("không có trang {}", place.page))?;
        let [left, bottom, right, top] = place.rect;
        let appearance = Stream::new(
            dictionary! {
                "Type" => "XObject",
                "Subtype" => "Form",
                "BBox" => vec![0.into(), 0.into(), real(right - left), real(top - bottom)],
            },
            Vec::new(),
        );
        let appearance = doc.add_object(appearance);
        let widget = dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "FT" => "Sig",
            "T" => Object::string_literal(name.as_str()),
            "TU" => text_string(place.role.description()),
            "Rect" => vec![real(left), real(bottom), real(right), real(top)],
            "F" => PRINT,
            "P" => page,
            "AP" => dictionary! { "N" => appearance },
        };
        let widget = doc.add_object(widget);
        annotate(&mut doc, page, widget)?;
        fields.push(Object::Reference(widget));
    }
    let catalog = doc.catalog_mut().map_err(|e| e.to_string())?;
    catalog.set("AcroForm", dictionary! { "Fields" => fields });
    let mut out = Vec::with_capacity(pdf.len() + 1024);
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Adds `widget` to the annotations of `page`, kept inline or where they are.
fn annotate(doc: &mut Document, page: ObjectId, widget: ObjectId) -> Result<(), String> {
    let annots = doc
        .get_dictionary(page)
        .map_err(|e| e.to_string())?
        .get(b"Annots")
        .ok()
        .cloned();
    let entry = Object::Reference(widget);
    match annots {
        Some(Object::Reference(id)) => match doc.get_object_mut(id).map_err(|e| e.to_string())? {
            Object::Array(list) => list.push(entry),
            _ => return Err("danh sách chú thích của trang hỏng".into()),
        },
        Some(Object::Array(mut list)) => {
            list.push(entry);
            page_dict(doc, page)?.set("Annots", list);
        }
        _ => page_dict(doc, page)?.set("Annots", vec![entry]),
    }
    Ok(())
}

fn page_dict(doc: &mut Document, page: ObjectId) -> Result<&mut Dictionary, String> {
    doc.get_dictionary_mut(page).map_err(|e| e.to_string())
}

fn real(x: f64) -> Object {
    Object::Real(x as f32)
}

/// A PDF text string: UTF-16BE with its byte order mark, for Vietnamese.
fn text_string(text: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sign::Role;

    fn one_page_pdf() -> Vec<u8> {
        let libraries = crate::markup::Templates::load(None).unwrap().libraries;
        let engine = crate::compile::Engine::new(&libraries, Vec::new(), None).unwrap();
        let document = engine
            .compile(crate::markup::Markup {
                source: "#link(\"https://ocop.vn\")[Một]".into(),
                files: Vec::new(),
            })
            .unwrap();
        crate::compile::export_pdf(
            &document,
            crate::compile::PdfMeta {
                ident: "thử",
                date: crate::vn::Date::new(2027, 6, 30).unwrap(),
                tagged: true,
                standard: Default::default(),
            },
        )
        .unwrap()
    }

    fn place(role: Role) -> Place {
        Place {
            role,
            page: 1,
            rect: [300.0, 200.0, 458.74, 285.04],
            page_size: [595.28, 841.89],
        }
    }

    #[test]
    fn each_place_gets_a_printable_unsigned_field_beside_the_pages_links() {
        let pdf = one_page_pdf();
        let places = [
            place(Role::Signer),
            place(Role::Organisation),
            place(Role::Signer),
        ];
        let out = add_empty_fields(&pdf, &places).unwrap();
        let doc = Document::load_mem(&out).unwrap();
        let catalog = doc.catalog().unwrap();
        let form = catalog.get(b"AcroForm").unwrap().as_dict().unwrap();
        let fields = form.get(b"Fields").unwrap().as_array().unwrap();
        assert_eq!(fields.len(), 3);
        let mut names = Vec::new();
        for f in fields {
            let w = doc.get_dictionary(f.as_reference().unwrap()).unwrap();
            assert_eq!(w.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
            assert_eq!(w.get(b"F").unwrap().as_i64().unwrap(), PRINT);
            assert!(w.get(b"V").is_err(), "unsigned");
            let ap = w.get(b"AP").unwrap().as_dict().unwrap();
            assert!(ap.get(b"N").unwrap().as_reference().is_ok());
            names.push(String::from_utf8(w.get(b"T").unwrap().as_str().unwrap().to_vec()).unwrap());
        }
        assert_eq!(names, ["NguoiKy", "CoQuan", "NguoiKy2"]);
        let page = doc.get_pages()[&1];
        let annots = doc.get_dictionary(page).unwrap().get(b"Annots").unwrap();
        let annots = match annots {
            Object::Reference(id) => doc.get_object(*id).unwrap().as_array().unwrap().clone(),
            other => other.as_array().unwrap().clone(),
        };
        // The link is kept, the widgets added.
        assert_eq!(annots.len(), 4);
        // Classic cross-reference table, and the same bytes every time.
        assert!(out.windows(5).any(|w| w == b"\nxref"));
        assert!(!out.windows(9).any(|w| w == b"/XRefStm "));
        assert_eq!(out, add_empty_fields(&pdf, &places).unwrap());
    }
}
