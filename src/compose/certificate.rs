//! OCOP certificates (Giấy chứng nhận sản phẩm OCOP), one per recognised
//! product. Products come from YAML, from a results decision of the same
//! file, or from the office's spreadsheet; every row is checked against the
//! legal regime, bad rows are reported and skipped, good ones produced.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use super::{Composer, HeaderDate, header_date, padded_number};
use crate::diag::Diagnostic;
use crate::load::SourceFile;
use crate::load::products;
use crate::load::yaml_index::{index, join};
use crate::model::{Authority, DecisionKind, DocDate, PlanFile, Product, Signer};
use crate::regime::{self, Regime};
use crate::text::slug;
use crate::timeline;
use crate::validate;
use crate::vn::{self, Date};

/// One certificate, fully composed.
#[derive(Debug, Clone, Serialize)]
pub struct Certificate {
    pub file_stem: String,
    pub ident: String,
    #[serde(skip)]
    pub timestamp: Date,
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    pub authority: String,
    pub product: String,
    pub owner: String,
    pub address: String,
    pub group: Option<String>,
    pub stars: u8,
    pub number: Option<String>,
    /// "Quyết định số 1234/QĐ-UBND ngày 25/6/2027 của Chủ tịch UBND tỉnh Lai Châu"
    pub decision: String,
    /// dd/mm/yyyy the certificate expires.
    pub valid_until: String,
    pub place: String,
    pub day: String,
    pub month: String,
    pub year: i32,
    /// Upper-case authority and title lines of the signer.
    pub signer_lines: Vec<String>,
    pub signer_name: String,
    /// The text the QR code carries ([`qr_payload`]); the code itself is
    /// drawn by [`qr_png`] when the certificate is rendered, on the worker
    /// threads, and handed to the template as the file [`QR_IMAGE`].
    #[serde(skip)]
    pub qr_payload: String,
    /// Path of the QR code image, relative to the certificate's markup.
    pub qr: &'static str,
    /// Virtual path of the logo image, if any.
    pub logo: Option<String>,
}

/// The QR content, one `key=value` per line after a version line, so a
/// verifier can read it without this program (documented in the README).
pub fn qr_payload(
    c: &Certificate,
    issuer: &str,
    decision_number: &str,
    decision_date: Date,
) -> String {
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let iso = |d: Date| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day);
    let expiry = Date::parse(&c.valid_until).map(iso).unwrap_or_default();
    format!(
        "OCOP-GCN/1\nso={}\nsan_pham={}\nchu_the={}\nhang_sao={}\nquyet_dinh={}\nngay_quyet_dinh={}\nhet_han={}\nco_quan={}\n",
        clean(c.number.as_deref().unwrap_or("")),
        clean(&c.product),
        clean(&c.owner),
        c.stars,
        clean(decision_number),
        iso(decision_date),
        expiry,
        clean(issuer),
    )
}

/// The name a certificate's QR code image has during its compile.
pub const QR_IMAGE: &str = "qr.png";

/// Whether `payload` fits in a QR code at the level [`qr_png`] uses.
fn qr_fits(payload: &str) -> Result<(), String> {
    qrcode::bits::encode_auto(payload.as_bytes(), QR_LEVEL)
        .map(drop)
        .map_err(|e| e.to_string())
}

const QR_LEVEL: qrcode::EcLevel = qrcode::EcLevel::M;

/// The QR code as a PNG with one pixel per module and a 4-module quiet
/// zone: a few hundred bytes that Typst scales up crisply ("pixelated").
/// Much cheaper to compile and embed, certificate after certificate, than
/// an SVG of the same code. The mask is fixed (any of the eight is valid):
/// searching for the best one costs more than drawing the whole page.
pub fn qr_png(payload: &str) -> Result<Vec<u8>, String> {
    let level = QR_LEVEL;
    let bits = qrcode::bits::encode_auto(payload.as_bytes(), level).map_err(|e| e.to_string())?;
    let version = bits.version();
    let data = bits.into_bytes();
    let (encoded, ec) =
        qrcode::ec::construct_codewords(&data, version, level).map_err(|e| e.to_string())?;
    let mut canvas = qrcode::canvas::Canvas::new(version, level);
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

/// A product to certify: its label in summaries ("dòng 7", "products[2]"),
/// its YAML path if it came from the YAML, and its place in a spreadsheet.
type Row = (String, Option<String>, Product, Option<products::RowPlace>);

/// What the certificates of a file need, resolved once.
pub struct Batch {
    pub certificates: Vec<Certificate>,
    /// Problems of the file and of individual rows; rows with problems are skipped.
    pub diagnostics: Vec<Diagnostic>,
    /// Products that could not be certified, by their label ("dòng 7", "products[2]").
    pub skipped: Vec<String>,
    /// The logo: its virtual path for the engine and its bytes.
    pub logo: Option<(String, Vec<u8>)>,
}

/// Composes the certificates of `pf`. `products_override` (from the command
/// line) replaces the products named in the YAML.
pub fn certificates(
    file: &SourceFile,
    pf: &PlanFile,
    products_override: Option<(&Path, Option<&str>)>,
) -> Batch {
    let mut c = Composer::new(file, &pf.units);
    let mut batch = Batch {
        certificates: Vec::new(),
        diagnostics: Vec::new(),
        skipped: Vec::new(),
        logo: None,
    };
    let Some(spec) = &pf.certificates else {
        batch.diagnostics.push(
            Diagnostic::error("tệp không có mục `certificates`")
                .file(&file.path)
                .hint("thêm `certificates:` (from_decision hoặc decision_number/decision_date, products hoặc products_file)"),
        );
        return batch;
    };
    let path = "certificates";
    let base_dir = file.path.parent().unwrap_or(Path::new("."));

    // The recognition decision: from a results decision of this file, or typed.
    let mut yaml_products: Vec<(String, Product)> = spec
        .products
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, p)| (index(&join(path, "products"), i), p))
        .collect();
    let mut signer: Option<Signer> = spec.signer.clone();
    let (decision_number, decision_date) = match &spec.from_decision {
        Some(stem) => {
            let found = pf.decisions.iter().enumerate().find(|(_, d)| {
                d.kind == DecisionKind::Results
                    && d.file.as_deref().map(slug).as_deref() == Some(&slug(stem))
            });
            let Some((di, d)) = found else {
                c.error(
                    &join(path, "from_decision"),
                    format!("không có quyết định công nhận `{stem}` trong tệp"),
                    "ghi đúng `file:` của một quyết định kind: results",
                );
                batch.diagnostics = c.diags;
                return batch;
            };
            if yaml_products.is_empty() {
                yaml_products = d
                    .products
                    .iter()
                    .cloned()
                    .enumerate()
                    .map(|(i, p)| (index(&format!("decisions[{di}].products"), i), p))
                    .collect();
            }
            signer = signer.or_else(|| d.signer.clone());
            let number = match &d.number.0 {
                Some(n) => format!("{}/{}", padded_number(n), d.symbol(&pf.issuer)),
                None => {
                    c.error(
                        &format!("decisions[{di}].number"),
                        "giấy chứng nhận cần số của quyết định công nhận",
                        "điền số quyết định (sau khi văn thư cấp số) rồi dựng lại giấy chứng nhận",
                    );
                    String::new()
                }
            };
            (
                number,
                full_date(&mut c, &d.date, &format!("decisions[{di}].date")),
            )
        }
        None => {
            let number = spec.decision_number.clone().unwrap_or_else(|| {
                c.error(
                    path,
                    "thiếu số quyết định công nhận",
                    "thêm `decision_number:` (ví dụ 1234/QĐ-UBND) hoặc `from_decision:`",
                );
                String::new()
            });
            let date = match &spec.decision_date {
                Some(d) => match timeline::parse_date(d) {
                    Ok(d) => Some(d),
                    Err((m, h)) => {
                        c.error(&join(path, "decision_date"), m, h);
                        None
                    }
                },
                None => {
                    c.error(
                        path,
                        "thiếu ngày của quyết định công nhận",
                        "thêm `decision_date:`",
                    );
                    None
                }
            };
            (number, date)
        }
    };
    let issue_date = match &spec.date {
        Some(d) => timeline::parse_date(d)
            .map_err(|(m, h)| c.error(&join(path, "date"), m, h))
            .ok(),
        None => decision_date,
    };
    let signer = signer.or_else(|| pf.plan.as_ref().map(|p| p.signer.clone()));
    if signer.is_none() {
        c.error(
            path,
            "giấy chứng nhận chưa có người ký",
            "thêm `signer:` vào certificates",
        );
    }
    let regime = issue_date.and_then(|d| {
        regime::resolve(spec.legal_regime.as_deref(), d)
            .map_err(|(field, message, hint)| c.error(&join(path, field), message, hint))
            .ok()
    });
    if let Some(d) = issue_date {
        let when = HeaderDate {
            year: d.year,
            month: Some(d.month),
            day: Some(d.day),
        };
        c.diags.extend(validate::issuer_level_on(
            c.file,
            pf,
            when,
            &join(path, "date"),
        ));
    }
    if let Some(logo) = &spec.logo {
        match read_logo(base_dir, logo) {
            Ok(bytes) => {
                let ext = Path::new(logo)
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or("png")
                    .to_ascii_lowercase();
                batch.logo = Some((format!("/logo.{ext}"), bytes));
            }
            Err((m, h)) => c.error(&join(path, "logo"), m, h),
        }
    }
    // The product rows: spreadsheet (command line or YAML) or YAML list.
    let sheet_path = products_override
        .map(|(p, s)| (p.to_path_buf(), s.map(str::to_string)))
        .or_else(|| {
            spec.products_file
                .as_ref()
                .map(|f| (base_dir.join(f), spec.sheet.clone()))
        });
    let mut rows: Vec<Row> = Vec::new();
    if let Some((sheet_file, sheet)) = sheet_path {
        let sheet_data = products::read(&sheet_file, sheet.as_deref());
        batch.diagnostics.extend(sheet_data.diagnostics);
        for r in sheet_data.rows {
            match r.product {
                Ok(p) => rows.push((r.place.label(), None, p, Some(r.place))),
                Err(problems) => {
                    batch.skipped.push(format!("dòng {}", r.row));
                    batch.diagnostics.extend(problems);
                }
            }
        }
        if rows.is_empty()
            && batch.skipped.is_empty()
            && !batch.diagnostics.iter().any(Diagnostic::is_error)
        {
            batch
                .diagnostics
                .push(Diagnostic::error("danh sách không có sản phẩm nào").file(&sheet_file));
        }
        // Row problems found later name the spreadsheet and row, not the YAML.
        return finish(
            c,
            batch,
            pf,
            rows,
            Some(&sheet_file),
            regime,
            issue_date,
            decision_date,
            &decision_number,
            signer,
        );
    }
    for (p, product) in yaml_products {
        rows.push((p.clone(), Some(p), product, None));
    }
    if rows.is_empty() {
        c.error(
            path,
            "chưa có sản phẩm nào để cấp giấy chứng nhận",
            "thêm products, products_file, from_decision, hoặc --products",
        );
    }
    finish(
        c,
        batch,
        pf,
        rows,
        None,
        regime,
        issue_date,
        decision_date,
        &decision_number,
        signer,
    )
}

fn full_date(c: &mut Composer<'_>, date: &DocDate, path: &str) -> Option<Date> {
    match header_date(c.file, date, path) {
        Ok(HeaderDate {
            year,
            month: Some(m),
            day: Some(d),
        }) => Date::new(year, m, d),
        Ok(_) => {
            c.error(
                path,
                "giấy chứng nhận cần ngày đầy đủ của quyết định",
                "điền ngày ký quyết định",
            );
            None
        }
        Err(e) => {
            c.diags.push(e);
            None
        }
    }
}

/// Reads the logo, refusing paths that leave the YAML's folder.
fn read_logo(base: &Path, name: &str) -> Result<Vec<u8>, (String, String)> {
    let rel = Path::new(name);
    if rel.is_absolute()
        || rel
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err((
            format!("đường dẫn logo `{name}` ra ngoài thư mục của tệp YAML"),
            "đặt tệp logo cạnh tệp YAML (hoặc trong thư mục con) và ghi tên tương đối".into(),
        ));
    }
    let ext = rel
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg" | "svg")) {
        return Err((
            format!("logo `{name}` không phải ảnh PNG, JPEG hoặc SVG"),
            "dùng tệp .png, .jpg hoặc .svg".into(),
        ));
    }
    std::fs::read(base.join(rel)).map_err(|e| {
        (
            format!("không đọc được logo `{name}` ({e})"),
            "kiểm tra tên và vị trí tệp logo".into(),
        )
    })
}

#[allow(clippy::too_many_arguments)]
fn finish(
    mut c: Composer<'_>,
    mut batch: Batch,
    pf: &PlanFile,
    rows: Vec<Row>,
    sheet: Option<&Path>,
    regime: Option<&'static Regime>,
    issue_date: Option<Date>,
    decision_date: Option<Date>,
    decision_number: &str,
    signer: Option<Signer>,
) -> Batch {
    let (Some(regime), Some(issue), Some(decision_date), Some(signer)) =
        (regime, issue_date, decision_date, signer)
    else {
        batch.diagnostics.extend(c.diags);
        return batch;
    };
    if c.diags.iter().any(Diagnostic::is_error) {
        batch.diagnostics.extend(c.diags);
        return batch;
    }
    let issuer = &pf.issuer;
    let body_name = issuer.body_name();
    let spec = pf.certificates.as_ref().expect("checked by the caller");
    let authority = match spec.authority {
        Authority::Chairman => format!("Chủ tịch {body_name}"),
        Authority::Committee => body_name.clone(),
    };
    let short_issuer = format!("UBND {}", issuer.locality());
    let decision_text = format!(
        "Quyết định số {decision_number} ngày {} của {}",
        decision_date.short(),
        match spec.authority {
            Authority::Chairman => format!("Chủ tịch {short_issuer}"),
            Authority::Committee => short_issuer.clone(),
        }
    );
    let valid_until = issue.add_months(regime.validity_months);
    let signature = c.signature(&[], "", &signer, "certificates");
    let width = rows.len().to_string().len().max(2);
    let mut stems: HashSet<String> = HashSet::new();
    for (i, (label, yaml_path, p, place)) in rows.into_iter().enumerate() {
        let mut problems: Vec<Diagnostic> = Vec::new();
        let at = |field: &str, msg: String, hint: String| -> Diagnostic {
            match (&yaml_path, sheet) {
                (Some(yp), _) => c.file.error_at(&join(yp, field), msg).hint(hint),
                // A workbook row points at the sheet and the field's cell.
                (None, Some(_)) if place.as_ref().is_some_and(|pl| pl.sheet.is_some()) => place
                    .as_ref()
                    .map(|pl| pl.error(products::Field::from_key(field), msg.clone()))
                    .unwrap_or_else(|| Diagnostic::error(msg.clone()))
                    .hint(hint),
                (None, Some(s)) => Diagnostic::error(format!("{msg} ({label})"))
                    .file(s)
                    .hint(hint),
                (None, None) => Diagnostic::error(msg).hint(hint),
            }
        };
        let stars = match regime::rank(regime, issuer.level, p.score, p.stars) {
            Ok(s) => Some(s),
            Err(list) => {
                problems.extend(list.into_iter().map(|pr| at(pr.field, pr.message, pr.hint)));
                None
            }
        };
        for (field, value, what) in [
            ("name", &p.name, "tên sản phẩm"),
            ("owner", &p.owner, "chủ thể"),
            ("address", &p.address, "địa chỉ"),
        ] {
            if value.trim().is_empty() {
                problems.push(at(field, format!("thiếu {what}"), "điền nội dung".into()));
            }
        }
        let (Some(stars), true) = (stars, problems.is_empty()) else {
            batch.skipped.push(label.clone());
            batch.diagnostics.extend(problems);
            continue;
        };
        let stt = p
            .stt
            .clone()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| (i + 1).to_string());
        let stt_part = match stt.parse::<u64>() {
            Ok(n) => format!("{n:0width$}"),
            Err(_) => slug(&stt),
        };
        let name_part: String = slug(&p.name)
            .chars()
            .take(60)
            .collect::<String>()
            .trim_end_matches('-')
            .to_string();
        let mut stem = format!("{stt_part}-{name_part}");
        let mut k = 2;
        while !stems.insert(stem.clone()) {
            stem = format!("{stt_part}-{name_part}-{k}");
            k += 1;
        }
        let group = match p
            .group
            .as_deref()
            .filter(|g| !g.trim().is_empty())
            .map(regime::product_group)
        {
            Some(Ok(g)) => Some(g),
            Some(Err(n)) => {
                batch.skipped.push(label.clone());
                batch.diagnostics.push(at(
                    "group",
                    format!("không có nhóm sản phẩm số {n}"),
                    "nhóm sản phẩm từ 1 đến 6, hoặc ghi tên nhóm".into(),
                ));
                continue;
            }
            None => None,
        };
        let mut cert = Certificate {
            file_stem: stem,
            ident: format!(
                "GCN OCOP {} {}",
                p.number.clone().unwrap_or_default(),
                p.name.trim()
            ),
            timestamp: issue,
            authority: authority.to_uppercase(),
            product: p.name.trim().to_string(),
            owner: p.owner.trim().to_string(),
            address: p.address.trim().to_string(),
            group,
            stars,
            number: p
                .number
                .clone()
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
            decision: decision_text.clone(),
            valid_until: valid_until.short(),
            place: issuer.place.clone().unwrap_or_else(|| issuer.name.clone()),
            day: format!("{:02}", issue.day),
            month: vn::month_padded(issue.month),
            year: issue.year,
            signer_lines: signature.authority.clone(),
            signer_name: signature.name.clone(),
            qr_payload: String::new(),
            qr: QR_IMAGE,
            logo: batch.logo.as_ref().map(|(path, _)| path.clone()),
        };
        cert.qr_payload = qr_payload(&cert, &body_name, decision_number, decision_date);
        // Checked here, where the row is known; drawn later, in parallel.
        match qr_fits(&cert.qr_payload) {
            Ok(()) => {}
            Err(e) => {
                batch.skipped.push(label.clone());
                batch.diagnostics.push(at(
                    "name",
                    format!("không tạo được mã QR ({e})"),
                    "rút gọn tên sản phẩm hoặc chủ thể".into(),
                ));
                continue;
            }
        }
        batch.certificates.push(cert);
    }
    batch.diagnostics.extend(c.diags);
    batch
}
