//! The signing places of a PDF as a small JSON file beside it, for
//! document systems that place signatures by coordinates rather than by
//! field: page and rectangle of each role, in PDF points from the page's
//! bottom left.
//!
//! ```json
//! {
//!   "file": "quyet-dinh-cong-nhan.pdf",
//!   "unit": "pt",
//!   "origin": "bottom-left",
//!   "places": [
//!     { "role": "signer", "field": "NguoiKy", "description": "Chữ ký số của người có thẩm quyền",
//!       "page": 3, "rect": [311.2, 160.46, 470.0, 245.5], "page_size": [595.28, 841.89] }
//!   ]
//! }
//! ```

use serde::Serialize;

use super::{Place, Role};

#[derive(Serialize)]
struct Sidecar<'a> {
    /// The PDF's file name.
    file: &'a str,
    unit: &'static str,
    origin: &'static str,
    places: Vec<Entry>,
}

#[derive(Serialize)]
struct Entry {
    role: Role,
    field: String,
    description: &'static str,
    page: usize,
    rect: [f64; 4],
    page_size: [f64; 2],
}

/// The JSON text for the PDF named `file` with `places`.
pub fn json(file: &str, places: &[Place]) -> String {
    let places = places
        .iter()
        .zip(super::field_names(places))
        .map(|(p, field)| Entry {
            role: p.role,
            field,
            description: p.role.description(),
            page: p.page,
            rect: p.rect,
            page_size: p.page_size,
        })
        .collect();
    let sidecar = Sidecar {
        file,
        unit: "pt",
        origin: "bottom-left",
        places,
    };
    // Serialising plain data to a string cannot fail.
    let mut text = serde_json::to_string_pretty(&sidecar).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_by_role_in_points_from_the_bottom_left() {
        let place = Place {
            role: Role::Organisation,
            page: 2,
            rect: [200.5, 150.0, 302.55, 252.05],
            page_size: [595.28, 841.89],
        };
        let text = json("quyet-dinh.pdf", &[place]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["file"], "quyet-dinh.pdf");
        assert_eq!(value["origin"], "bottom-left");
        let p = &value["places"][0];
        assert_eq!(p["role"], "organisation");
        assert_eq!(p["field"], "CoQuan");
        assert_eq!(p["page"], 2);
        assert_eq!(p["rect"][3], 252.05);
    }
}
