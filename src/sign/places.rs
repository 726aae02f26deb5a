//! The signing places of a laid-out document, as its layout put them:
//! the templates mark each with `metadata((role, width, height))` labelled
//! `<nd30-signing>` at the place's top-left corner (nd30.typ
//! `nd30-signing-place`), and Typst's introspector says where each landed.

use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector as _, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::{Place, Role};

/// The label the templates give every signing place.
pub const LABEL: &str = "nd30-signing";

/// Every signing place of `document`, in document order.
pub fn of(document: &PagedDocument) -> Vec<Place> {
    let Some(label) = Label::new(PicoStr::intern(LABEL)) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    let mut places = Vec::new();
    for element in introspector.query(&Selector::Label(label)) {
        let Some(meta) = element.to_packed::<MetadataElem>() else {
            continue;
        };
        let Some((role, width, height)) = described(&meta.value) else {
            continue;
        };
        let Some(at) = element.location().and_then(|l| introspector.position(l)) else {
            continue;
        };
        let Some(page) = document.pages().get(at.page.get() - 1) else {
            continue;
        };
        let size = page.frame.size();
        let (page_w, page_h) = (size.x.to_pt(), size.y.to_pt());
        let (left, top) = (at.point.x.to_pt(), at.point.y.to_pt());
        places.push(Place {
            role,
            page: at.page.get(),
            rect: [
                round(left),
                round(page_h - top - height),
                round(left + width),
                round(page_h - top),
            ],
            page_size: [round(page_w), round(page_h)],
        });
    }
    places
}

/// The role and size (points) a place's metadata carries.
fn described(value: &Value) -> Option<(Role, f64, f64)> {
    let Value::Dict(dict) = value else {
        return None;
    };
    let number = |key: &str| match dict.get(key).ok()? {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        _ => None,
    };
    let role = match dict.get("role").ok()? {
        Value::Str(s) => Role::from_layout(s.as_str())?,
        _ => return None,
    };
    Some((role, number("width")?, number("height")?))
}

/// Hundredths of a point: exact enough, and the same on every machine.
fn round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::Engine;
    use crate::markup::{Markup, Templates};

    fn laid_out(source: &str) -> PagedDocument {
        let engine =
            Engine::new(&Templates::load(None).unwrap().libraries, Vec::new(), None).unwrap();
        engine
            .compile(Markup {
                source: source.to_string(),
                files: Vec::new(),
            })
            .unwrap()
    }

    #[test]
    fn a_place_is_where_the_layout_put_it_in_pdf_points() {
        let doc = laid_out(
            "#import \"/nd30.typ\": *\n#set page(paper: \"a4\", margin: 20mm)\n#v(30mm)\n#h(10mm)#nd30-signing-place(\"signer\", 50mm, 20mm)\n#pagebreak()\n#nd30-signing-place(\"appendix\", 70mm, 16mm)",
        );
        let places = of(&doc);
        assert_eq!(places.len(), 2, "{places:?}");
        let mm = |x: f64| x * 72.0 / 25.4;
        let [left, bottom, right, top] = places[0].rect;
        assert_eq!(places[0].role, Role::Signer);
        assert_eq!(places[0].page, 1);
        assert!((left - mm(30.0)).abs() < 0.5, "{left}");
        assert!((right - left - mm(50.0)).abs() < 0.05);
        assert!((top - bottom - mm(20.0)).abs() < 0.05);
        // 20 mm margin and 30 mm of space above, at least (a line's top edge
        // may add a little).
        assert!(
            top <= mm(297.0 - 50.0) + 0.01 && top > mm(297.0 - 58.0),
            "{top}"
        );
        assert_eq!(places[1].role, Role::AppendixCorner);
        assert_eq!(places[1].page, 2);
        assert_eq!(places[1].page_size, [595.28, 841.89]);
    }

    #[test]
    fn unknown_roles_and_other_metadata_are_ignored() {
        let doc = laid_out(
            "#metadata((role: \"khác\", width: 1, height: 1)) <nd30-signing>\n#metadata(\"x\") <nd30-signing>\nChữ",
        );
        assert!(of(&doc).is_empty());
    }
}
