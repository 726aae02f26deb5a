//! Domain rules that do not depend on how a document is laid out: the
//! issuer's level against the document date, unit declarations, the
//! signer, the recipients. Every problem is collected.

use crate::compose::{self, HeaderDate, is_unit_key};
use crate::diag::Diagnostic;
use crate::load::SourceFile;
use crate::model::{Level, PlanFile, Signer};
use crate::vn::Date;

/// From this date there is no district-level government (Luật Tổ chức chính
/// quyền địa phương số 72/2025/QH15, Điều 51 khoản 3).
pub const DISTRICT_ABOLISHED: Date = Date {
    year: 2025,
    month: 7,
    day: 1,
};

pub fn plan_file(file: &SourceFile, pf: &PlanFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let issuer = &pf.issuer;
    if issuer.name.trim().is_empty() {
        out.push(
            file.error_at("issuer.name", "tên địa phương đang để trống")
                .hint("ví dụ name: Lai Châu"),
        );
    }
    if issuer.symbol.trim().is_empty() {
        out.push(
            file.error_at("issuer.symbol", "ký hiệu cơ quan đang để trống")
                .hint("ví dụ symbol: UBND"),
        );
    }
    if matches!(issuer.level, Level::District)
        && issuer
            .province
            .as_deref()
            .is_none_or(|p| p.trim().is_empty())
    {
        out.push(
            file.error_at("issuer", "cấp huyện cần tên tỉnh")
                .hint("thêm `province:` (tên tỉnh của huyện), ví dụ province: Điện Biên"),
        );
    }
    for (key, unit) in &pf.units {
        let path = format!("units.{key}");
        if !is_unit_key(key) {
            out.push(
                file.error_at(&path, format!("khóa đơn vị `{key}` không hợp lệ"))
                    .hint("khóa chỉ gồm chữ thường không dấu, số và dấu gạch dưới, ví dụ snnmt, ubnd_xa"),
            );
        }
        if unit.name.trim().is_empty() {
            out.push(
                file.error_at(&format!("{path}.name"), "tên đơn vị đang để trống")
                    .hint("điền tên đầy đủ của đơn vị"),
            );
        }
    }
    match &pf.plan {
        Some(plan) => {
            if let Ok(date) = compose::header_date(file, &plan.date, "plan.date") {
                out.extend(issuer_level_on(file, pf, date, "plan.date"));
            }
            out.extend(signer(file, &plan.signer, "plan.signer"));
            if let Some(n) = &plan.number.0
                && !n.chars().all(|c| c.is_ascii_digit())
            {
                out.push(
                    file.error_at("plan.number", format!("số văn bản `{n}` phải là chữ số"))
                        .hint("chỉ ghi phần số (125); ký hiệu KH-UBND được thêm tự động"),
                );
            }
            if plan.archive.trim().is_empty() {
                out.push(
                    file.error_at("plan.archive", "dòng \"Lưu:\" đang để trống")
                        .hint("ví dụ archive: \"VT, NN.\""),
                );
            } else if !plan.archive.trim_end().ends_with('.') {
                out.push(
                    file.warning_at("plan.archive", "dòng \"Lưu:\" không kết thúc bằng dấu chấm")
                        .hint("dòng cuối Nơi nhận thường kết thúc bằng \".\", ví dụ \"VT, NN.\""),
                );
            }
        }
        None if pf.dispatches.is_empty() && pf.decisions.is_empty() && pf.certificates.is_none() => out.push(
            Diagnostic::error("tệp không mô tả văn bản nào")
                .file(&file.path)
                .hint("thêm mục `plan:` (kế hoạch), `decisions:` (quyết định) hoặc `dispatches:` (công văn)"),
        ),
        None => {}
    }
    let documents = pf
        .dispatches
        .iter()
        .enumerate()
        .map(|(i, d)| (format!("dispatches[{i}]"), &d.date, &d.signer, &d.number))
        .chain(
            pf.decisions
                .iter()
                .enumerate()
                .map(|(i, d)| (format!("decisions[{i}]"), &d.date, &d.signer, &d.number)),
        );
    for (path, date, signer_field, number) in documents {
        let d = Fields {
            date,
            signer: signer_field,
            number,
        };
        if let Ok(date) = compose::header_date(file, d.date, &format!("{path}.date")) {
            out.extend(issuer_level_on(file, pf, date, &format!("{path}.date")));
        }
        if let Some(s) = d.signer {
            out.extend(signer(file, s, &format!("{path}.signer")));
        }
        if let Some(n) = &d.number.0
            && !n.chars().all(|c| c.is_ascii_digit())
        {
            out.push(
                file.error_at(
                    &format!("{path}.number"),
                    format!("số văn bản `{n}` phải là chữ số"),
                )
                .hint("chỉ ghi phần số; ký hiệu được thêm tự động"),
            );
        }
    }
    out
}

/// The fields every decision and dispatch shares, for the common checks.
struct Fields<'a> {
    date: &'a crate::model::DocDate,
    signer: &'a Option<Signer>,
    number: &'a crate::model::DocNumber,
}

/// A district issuer is valid only for documents dated before 01/07/2025.
pub fn issuer_level_on(
    file: &SourceFile,
    pf: &PlanFile,
    date: HeaderDate,
    path: &str,
) -> Vec<Diagnostic> {
    if pf.issuer.level != Level::District {
        return vec![];
    }
    let after = match date.month {
        Some(_) => date.earliest() >= DISTRICT_ABOLISHED,
        None => date.year > 2025,
    };
    let ambiguous = date.month.is_none() && date.year == 2025;
    if after {
        vec![file
            .error_at(path, "UBND cấp huyện không còn ban hành văn bản từ ngày 01/7/2025")
            .hint("theo Luật số 72/2025/QH15 (Điều 51 khoản 3) chính quyền địa phương chỉ còn cấp tỉnh và cấp xã; đổi issuer.level thành province hoặc commune, hoặc sửa ngày nếu đây là văn bản cũ")]
    } else if ambiguous {
        vec![
            file.error_at(path, "văn bản cấp huyện năm 2025 cần ghi rõ tháng")
                .hint("cấp huyện chỉ ban hành văn bản trước ngày 01/7/2025; thêm month vào ngày"),
        ]
    } else {
        vec![]
    }
}

pub fn signer(file: &SourceFile, s: &Signer, path: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if s.name.trim().is_empty() {
        out.push(
            file.error_at(&format!("{path}.name"), "chưa có họ tên người ký")
                .hint("điền họ và tên, không kèm học hàm, học vị"),
        );
    }
    let lines = [&s.tm, &s.tl, &s.tuq, &s.kt, &s.q, &s.title];
    if lines
        .iter()
        .all(|l| l.as_deref().is_none_or(|t| t.trim().is_empty()))
    {
        out.push(
            file.error_at(path, "chưa có chức vụ người ký")
                .hint("thêm title (ví dụ PHÓ CHỦ TỊCH) và nếu cần tm/kt (ví dụ tm: ỦY BAN NHÂN DÂN, kt: CHỦ TỊCH)"),
        );
    }
    if s.kt.is_some() && s.title.is_none() {
        out.push(
            file.error_at(
                &format!("{path}.kt"),
                "ký thay (KT.) cần chức vụ của người ký",
            )
            .hint("thêm title, ví dụ title: PHÓ CHỦ TỊCH"),
        );
    }
    if s.kt.is_some() && s.q.is_some() {
        out.push(
            file.error_at(
                &format!("{path}.q"),
                "không thể vừa ký thay (KT.) vừa ký quyền (Q.)",
            )
            .hint("giữ một trong hai"),
        );
    }
    if s.tl.is_some() && s.tuq.is_some() {
        out.push(
            file.error_at(
                &format!("{path}.tuq"),
                "không thể vừa thừa lệnh (TL.) vừa thừa ủy quyền (TUQ.)",
            )
            .hint("giữ một trong hai"),
        );
    }
    out
}
