//! The QR code on a certificate: what it carries and how it is drawn.
//!
//! Content: UTF-8, one `key=value` per line after a version line, so a
//! verifier can read it without this program (documented in the README).

use crate::vn::Date;

/// What a certificate's QR code says.
#[derive(Debug, Clone)]
pub struct Fields<'a> {
    pub number: &'a str,
    pub product: &'a str,
    pub owner: &'a str,
    pub stars: u8,
    pub decision_number: &'a str,
    pub decision_date: Date,
    pub expiry: Date,
    pub issuer: &'a str,
}

pub fn payload(f: &Fields<'_>) -> String {
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let iso = |d: Date| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    format!(
        "OCOP-GCN/1\nso={}\nsan_pham={}\nchu_the={}\nhang_sao={}\nquyet_dinh={}\nngay_quyet_dinh={}\nhet_han={}\nco_quan={}\n",
        clean(f.number),
        clean(f.product),
        clean(f.owner),
        f.stars,
        clean(f.decision_number),
        iso(f.decision_date),
        iso(f.expiry),
        clean(f.issuer),
    )
}

const LEVEL: qrcode::EcLevel = qrcode::EcLevel::M;

/// Whether `payload` fits in a QR code at the level [`png`] uses.
pub fn fits(payload: &str) -> Result<(), String> {
    qrcode::bits::encode_auto(payload.as_bytes(), LEVEL)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// The QR code as a PNG with one pixel per module and a 4-module quiet
/// zone: a few hundred bytes that Typst scales up crisply ("pixelated").
/// Much cheaper to compile and embed, certificate after certificate, than
/// an SVG of the same code. The mask is fixed (any of the eight is valid):
/// searching for the best one costs more than drawing the whole page.
pub fn png(payload: &str) -> Result<Vec<u8>, String> {
    let bits = qrcode::bits::encode_auto(payload.as_bytes(), LEVEL).map_err(|e| e.to_string())?;
    let version = bits.version();
    let data = bits.into_bytes();
    let (encoded, ec) =
        qrcode::ec::construct_codewords(&data, version, LEVEL).map_err(|e| e.to_string())?;
    let mut canvas = qrcode::canvas::Canvas::new(version, LEVEL);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&encoded, &ec);
    canvas.apply_mask(qrcode::canvas::MaskPattern::Checkerboard);
    let colors = canvas.into_colors();
    let width = (colors.len() as f64).sqrt() as u32;
    let quiet = 4;
    let size = width + 2 * quiet;
    let img = image::GrayImage::from_fn(size, size, |x, y| {
        let inside = x >= quiet && y >= quiet && x < quiet + width && y < quiet + width;
        let dark =
            inside && colors[((y - quiet) * width + (x - quiet)) as usize] == qrcode::Color::Dark;
        image::Luma([if dark { 0 } else { 255 }])
    });
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(png)
}
