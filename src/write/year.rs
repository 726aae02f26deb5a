//! The register kept up to date from the year's signed documents, and
//! exported for reporting upward. A results decision with its number and
//! date adds its products (once: a product already listed under that
//! decision is not added again); a revocation with its number and date
//! marks its product "Thu hồi" with the decision. The export is the
//! register in one fixed form (.xlsx or .csv, Vietnamese headers), its
//! statuses judged on a given day.

use std::path::Path;

use super::register::{Cell, Changes, Outcome};
use crate::diag::Diagnostic;
use crate::load::products::Field;
use crate::model::DecisionKind;
use crate::units::fold;
use crate::validate::register::{CheckedRegister, Entry, Origin, OwnerType};
use crate::validate::{Checked, CheckedDecision, Ranked};
use crate::vn::Date;

/// What the file's signed documents add to or change in its register.
pub fn changes(checked: &Checked<'_>) -> Changes {
    let mut out = Changes::default();
    let Some(register) = &checked.year.register else {
        return out;
    };
    let issuer = &checked.model.issuer;
    let mut stt = register
        .entries
        .iter()
        .filter_map(|e| match &e.origin {
            Origin::Sheet(p) => Some(p.row as u64),
            Origin::Yaml(_) => None,
        })
        .count() as u64;
    for cd in &checked.decisions {
        if cd.decision.kind != DecisionKind::Results {
            continue;
        }
        let (Some(number), Some(date)) = (&cd.decision.number.0, cd.date.complete()) else {
            continue;
        };
        let decision = format!(
            "{}/{}",
            crate::vn::padded_number(number),
            cd.decision.symbol(issuer)
        );
        let issue = checked
            .certificates
            .as_ref()
            .filter(|c| c.decision_number == decision)
            .map_or(date, |c| c.issue_date);
        for r in &cd.products {
            let listed = register.entries.iter().any(|e| {
                fold(&e.decision) == fold(&decision)
                    && e.key == (fold(&r.product.name), fold(&r.product.owner))
            });
            if listed {
                continue;
            }
            stt += 1;
            out.append.push(row(cd, r, &decision, date, issue, stt));
        }
    }
    for rv in &checked.year.revocations {
        let (Some(number), Some(date)) = (&rv.spec.number.0, rv.date.complete()) else {
            continue;
        };
        let symbol = rv
            .spec
            .symbol
            .clone()
            .unwrap_or_else(|| format!("QĐ-{}", issuer.symbol));
        let text = format!(
            "{}/{symbol} ngày {}",
            crate::vn::padded_number(number),
            date.short()
        );
        let Origin::Sheet(place) = &rv.entry.origin else {
            continue;
        };
        // Recorded already: the same number, the same day (however typed).
        let number_part = format!("{}/", crate::vn::padded_number(number));
        let already = rv.entry.revoked.as_ref().is_some_and(|(d, on)| {
            d.trim_start_matches('0')
                .starts_with(number_part.trim_start_matches('0'))
                && *on == Some(date)
        });
        if !already {
            out.set.push((
                place.row as u32,
                vec![
                    (Field::Status, Cell::Text("Thu hồi".into())),
                    (Field::StatusDecision, Cell::Text(text)),
                ],
            ));
        }
    }
    out
}

/// A register row for a product of a results decision.
fn row(
    cd: &CheckedDecision<'_>,
    r: &Ranked,
    decision: &str,
    date: Date,
    issue: Date,
    stt: u64,
) -> Vec<(Field, Cell)> {
    let p = &r.product;
    let (detail, commune, province) = split_address(&p.address);
    let mut cells = vec![
        (Field::Stt, Cell::Number(stt as f64)),
        (Field::Name, Cell::Text(p.name.trim().into())),
        (Field::Owner, Cell::Text(p.owner.trim().into())),
        (Field::Commune, Cell::Text(commune)),
        (Field::Score, Cell::Number(p.score)),
        (Field::Stars, Cell::Text(format!("{} sao", r.stars))),
        (Field::Decision, Cell::Text(decision.into())),
        (Field::DecisionDate, Cell::Date(date)),
        (Field::IssueDate, Cell::Date(issue)),
        (
            Field::Expiry,
            Cell::Date(issue.add_months(cd.regime.validity_months)),
        ),
    ];
    if let Some(t) = OwnerType::of(&p.owner) {
        cells.push((Field::OwnerType, Cell::Text(t.name().into())));
    }
    if let Some(d) = detail {
        cells.push((Field::Address, Cell::Text(d)));
    }
    if let Some(pr) = province {
        cells.push((Field::Province, Cell::Text(pr)));
    }
    if let Some(g) = p.group.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
        let code = cd
            .regime
            .classification
            .find(g)
            .map_or_else(|| g.to_string(), |c| c.code());
        cells.push((Field::Group, Cell::Text(code)));
    }
    if let Some(n) = p.number.as_deref().filter(|n| !n.trim().is_empty()) {
        cells.push((Field::Number, Cell::Text(n.trim().into())));
    }
    if let Some(note) = p.note.as_deref().filter(|n| !n.trim().is_empty()) {
        cells.push((Field::Note, Cell::Text(note.trim().into())));
    }
    cells
}

/// "Bản Mé, xã Mường Than, tỉnh Lai Châu" → (Some("Bản Mé"), "xã Mường
/// Than", Some("Lai Châu")): the part naming a commune, what is before
/// it, and the province.
pub fn split_address(address: &str) -> (Option<String>, String, Option<String>) {
    let parts: Vec<&str> = address
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let commune_at = parts.iter().position(|p| crate::places::has_type(p));
    let province = parts.iter().find_map(|p| {
        let k = fold(p);
        ["tỉnh ", "thành phố "].iter().find_map(|t| {
            k.starts_with(&fold(t))
                .then(|| p[t.len()..].trim().to_string())
        })
    });
    match commune_at {
        Some(i) => {
            let detail = (i > 0).then(|| parts[..i].join(", "));
            (detail, parts[i].to_string(), province)
        }
        None => (None, address.trim().to_string(), province),
    }
}

/// Applies the file's changes to its register file.
pub fn update(checked: &Checked<'_>, yaml: &Path) -> Result<Outcome, Diagnostic> {
    let spec = checked
        .model
        .register
        .as_ref()
        .filter(|r| r.file.is_some())
        .ok_or_else(|| {
            Diagnostic::error("tệp không có sổ đăng ký dạng bảng tính (`register: { file: … }`)")
                .file(yaml)
                .hint("thêm `register:` với `file:` là tệp sổ .xlsx hoặc .csv cạnh tệp YAML")
        })?;
    let dir = yaml
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = spec.file.as_deref().unwrap_or_default();
    let path = crate::load::files::inside(dir, name)
        .map_err(|(m, h)| Diagnostic::error(m).hint(h).file(yaml))?;
    let changes = changes(checked);
    if changes.append.is_empty() && changes.set.is_empty() {
        return Ok(Outcome {
            file: path,
            appended: 0,
            updated: 0,
            left_out: Vec::new(),
        });
    }
    super::register::apply(
        &path,
        spec.sheet.as_deref(),
        &spec.columns.clone().unwrap_or_default(),
        &changes,
    )
}

/// The register's rows in the export's form, statuses judged on `day`.
pub fn export_rows(register: &CheckedRegister, day: Date) -> Vec<Vec<String>> {
    register
        .entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            vec![
                (i + 1).to_string(),
                e.name.clone(),
                e.owner.clone(),
                e.owner_type.name().to_string(),
                e.address.clone().unwrap_or_default(),
                e.commune.clone(),
                e.commune_now.clone().unwrap_or_default(),
                e.province.clone().unwrap_or_default(),
                e.class
                    .map(|c| c.category.name.to_string())
                    .unwrap_or_default(),
                e.class
                    .map(|c| format!("{} {}", c.code(), c.name()))
                    .unwrap_or_default(),
                e.score.map(crate::regime::score_text).unwrap_or_default(),
                e.stars.to_string(),
                e.evaluation.name().to_string(),
                e.decision.clone(),
                e.decision_date.short(),
                e.number.clone().unwrap_or_default(),
                e.issue_date.short(),
                e.expiry.short(),
                status(register, e, day),
                e.revoked
                    .as_ref()
                    .map(|(d, _)| d.clone())
                    .unwrap_or_default(),
            ]
        })
        .collect()
}

/// The export's headers, in Vietnamese.
pub const EXPORT_HEADERS: [&str; 20] = [
    "STT",
    "Tên sản phẩm",
    "Chủ thể",
    "Loại hình chủ thể",
    "Địa chỉ",
    "Xã, phường (khi công nhận)",
    "Xã, phường (hiện nay)",
    "Tỉnh",
    "Nhóm sản phẩm",
    "Phân nhóm",
    "Điểm",
    "Hạng sao",
    "Hình thức đánh giá",
    "Số quyết định công nhận",
    "Ngày quyết định",
    "Số giấy chứng nhận",
    "Ngày cấp",
    "Ngày hết hạn",
    "Trạng thái",
    "Quyết định thu hồi",
];

/// The status of a recognition on `day`.
pub fn status(register: &CheckedRegister, e: &Entry, day: Date) -> String {
    if e.revoked
        .as_ref()
        .is_some_and(|(_, d)| d.is_none_or(|d| d <= day))
    {
        return "Thu hồi".into();
    }
    let later = register.later(e, day).min_by_key(|l| l.decision_date);
    if let Some(l) = later {
        return format!("{} ({})", l.evaluation.name(), l.decision);
    }
    if day >= e.expiry {
        "Hết hạn".into()
    } else if day.add_months(register.expiring_months) >= e.expiry {
        "Sắp hết hạn".into()
    } else if day < e.issue_date {
        "Chưa cấp".into()
    } else {
        "Còn hiệu lực".into()
    }
}

/// Writes the export of `register` to `path` (.xlsx or .csv), atomically.
pub fn export(register: &CheckedRegister, day: Date, path: &Path) -> Result<(), Diagnostic> {
    let rows = export_rows(register, day);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let bytes = match ext.as_deref() {
        Some("csv") => {
            let mut w = ::csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
            let fail = |e: ::csv::Error| {
                Diagnostic::error(format!("không tạo được tệp .csv ({e})")).file(path)
            };
            w.write_record(EXPORT_HEADERS).map_err(fail)?;
            for r in &rows {
                w.write_record(r).map_err(fail)?;
            }
            w.into_inner().map_err(|e| {
                Diagnostic::error(format!("không tạo được tệp .csv ({e})")).file(path)
            })?
        }
        Some("xlsx") => xlsx(&rows, day)
            .map_err(|e| Diagnostic::error(format!("không tạo được tệp .xlsx ({e})")).file(path))?,
        _ => {
            return Err(Diagnostic::error("chỉ xuất sổ ra .xlsx hoặc .csv")
                .file(path)
                .hint("đặt tên tệp kết quả có đuôi .xlsx hoặc .csv"));
        }
    };
    super::file(path, &bytes)
}

fn xlsx(rows: &[Vec<String>], day: Date) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Sổ đăng ký")?;
    let bold = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin);
    ws.write_string(
        0,
        0,
        format!(
            "SỔ ĐĂNG KÝ SẢN PHẨM OCOP (trạng thái tại ngày {})",
            day.short()
        ),
    )?;
    for (c, h) in EXPORT_HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, c as u16, *h, &bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string_with_format(3 + r as u32, c as u16, v, &cell)?;
        }
    }
    ws.set_freeze_panes(3, 0)?;
    ws.autofit();
    // Fixed document properties: the same register gives the same bytes.
    let props = rust_xlsxwriter::DocProperties::new().set_creation_datetime(
        &rust_xlsxwriter::ExcelDateTime::from_ymd(day.year as u16, day.month, day.day)?,
    );
    wb.set_properties(&props);
    wb.save_to_buffer()
}
