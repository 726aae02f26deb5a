//! A row of the product register: every recognised product across rounds
//! and years, read by the same reader as a round's list, with the
//! register's own columns (decision, dates, status, the address under
//! two-level government). The register is a record of facts, so what a
//! round's list lets pass with a warning is an error here: a hidden row
//! (left out of every count), a formula (a value that changes when
//! another cell does), a merged cell (one value standing for several
//! rows or columns).
//!
//! OCOP rules across rows (duplicates, expiry, star bands, revocations,
//! communes after the merger) belong to validation.

use super::columns::Columns;
use super::fields::{shown, text_field};
use super::grid::{Marks, Value, cell_name, general_number, serial_date};
use super::header::{Field, ListKind};
use super::header_row::Header;
use super::rows::{Record, RowFields};
use super::table::Ctx;
use crate::diag::Diagnostic;
use crate::vn::Date;

/// One register row as typed: texts checked, numbers and dates read.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterRow {
    pub stt: Option<String>,
    pub name: String,
    pub owner: String,
    /// HTX, doanh nghiệp, tổ hợp tác, hộ kinh doanh … as typed.
    pub owner_type: Option<String>,
    /// Thôn, bản, số nhà: the part of the address below the commune.
    pub address: Option<String>,
    pub commune: String,
    /// Only for recognitions before 01/7/2025.
    pub district: Option<String>,
    pub province: Option<String>,
    pub group: Option<String>,
    pub subgroup: Option<String>,
    pub score: Option<f64>,
    pub stars: u8,
    /// Đánh giá lần đầu, đánh giá lại, nâng hạng, as typed.
    pub evaluation: Option<String>,
    /// "1234/QĐ-UBND"
    pub decision: String,
    pub decision_date: Date,
    /// Certificate number.
    pub number: Option<String>,
    pub issue_date: Option<Date>,
    pub expiry: Option<Date>,
    pub status: Option<String>,
    /// The decision behind the status ("thu hồi tại Quyết định số …").
    pub status_decision: Option<String>,
    pub note: Option<String>,
}

impl Record for RegisterRow {
    const KIND: ListKind = ListKind::Register;

    fn build(mut f: RowFields<'_, '_>) -> Result<Self, Vec<Diagnostic>> {
        let stt = f.text(Field::Stt, false);
        let name = f.text(Field::Name, true);
        let owner = f.text(Field::Owner, true);
        let owner_type = f.text(Field::OwnerType, false);
        let address = f.text(Field::Address, false);
        let commune = f.text(Field::Commune, true);
        let district = f.text(Field::District, false);
        let province = f.text(Field::Province, false);
        let group = f.text(Field::Group, false);
        let subgroup = f.text(Field::Subgroup, false);
        let score = f.optional_score();
        let stars = f.stars();
        if stars.is_none() && f.cell(Field::Stars).is_none() {
            f.missing(
                Field::Stars,
                "thiếu hạng sao",
                "ghi \"3 sao\", \"4 sao\" hoặc \"5 sao\"",
            );
        }
        let evaluation = f.text(Field::Evaluation, false);
        let decision = f.text(Field::Decision, true);
        let decision_date = f.date(Field::DecisionDate, true);
        let number = f.text(Field::Number, false);
        let issue_date = f.date(Field::IssueDate, false);
        let expiry = f.date(Field::Expiry, false);
        let status = f.text(Field::Status, false);
        let status_decision = f.text(Field::StatusDecision, false);
        let note = f.text(Field::Note, false);
        let record = (|| {
            Some(RegisterRow {
                stt,
                name: name?,
                owner: owner?,
                owner_type,
                address,
                commune: commune?,
                district,
                province,
                group,
                subgroup,
                score,
                stars: stars?,
                evaluation,
                decision: decision?,
                decision_date: decision_date?,
                number,
                issue_date,
                expiry,
                status,
                status_decision,
                note,
            })
        })();
        f.finish(record)
    }
}

/// A date cell: a date the spreadsheet stores as one, or text
/// "25/06/2027" (or "2027-06-25"). A plain number is refused: it shows as
/// a count, not a date, in the office's own file.
pub(super) fn date_field(
    ctx: &Ctx<'_>,
    f: Field,
    v: &Value,
    row: u32,
    col: u32,
    problems: &mut Vec<Diagnostic>,
) -> Option<Date> {
    let wrong = |message: String, hint: &str| {
        ctx.at(
            Diagnostic::error(message).hint(hint.to_string()),
            row,
            Some(col),
        )
    };
    let text = match v {
        Value::Number { value, date: true } => serial_date(*value, ctx.is_1904),
        Value::Number { value, date: false } => {
            problems.push(wrong(
                format!(
                    "{} là số {} chứ không phải ngày",
                    f.what(),
                    general_number(*value)
                ),
                "định dạng ô là ngày (Format Cells > Date) hoặc gõ ngày dạng 25/06/2027",
            ));
            return None;
        }
        Value::Date(iso) => Some(iso.split('T').next().unwrap_or(iso).to_string()),
        Value::Text(_) => {
            let mut inner = Vec::new();
            let t = text_field(ctx, f, v, row, col, &mut inner);
            problems.extend(inner);
            t
        }
        _ => {
            let mut inner = Vec::new();
            text_field(ctx, f, v, row, col, &mut inner);
            problems.extend(inner);
            return None;
        }
    }?;
    match Date::parse(text.trim()) {
        Ok(d) => Some(d),
        Err(_) => {
            problems.push(wrong(
                format!("{} `{}` không phải một ngày có thật", f.what(), shown(v)),
                "ghi ngày dạng 25/06/2027",
            ));
            None
        }
    }
}

/// The register's refusals of formulas and merged cells in its columns,
/// each at its cell.
pub(super) fn marks(
    ctx: &Ctx<'_>,
    header: &Header,
    columns: &Columns,
    marks: &Marks,
    out: &mut Vec<Diagnostic>,
) {
    let ours = |c: u32| columns.iter().find(|(_, fc)| *fc == c).map(|(f, _)| *f);
    for &(row, col) in &marks.formulas {
        let Some(f) = ours(col) else { continue };
        if row <= header.row {
            continue;
        }
        out.push(ctx.at(
            Diagnostic::error(format!(
                "ô {} chứa công thức; sổ đăng ký ghi giá trị, không ghi công thức",
                f.what()
            ))
            .hint("chép cột rồi dán giá trị (Paste Special > Values) để giữ kết quả và bỏ công thức"),
            row,
            Some(col),
        ));
    }
    for &(r0, c0, r1, c1) in &marks.merged {
        let in_table = columns.iter().any(|(_, c)| (c0..=c1).contains(c)) && r1 >= header.row;
        if !in_table {
            continue;
        }
        let range = format!("{}:{}", cell_name(c0, r0), cell_name(c1, r1));
        let what = if r0 == r1 {
            "gộp nhiều cột"
        } else {
            "gộp nhiều dòng"
        };
        out.push(
            ctx.at(
                Diagnostic::error(format!(
                    "vùng {range} là ô {what}; sổ đăng ký cần mỗi dòng, mỗi cột một ô riêng"
                ))
                .hint("bỏ gộp ô (Merge & Center > Unmerge Cells) rồi điền giá trị vào từng ô"),
                r0,
                Some(c0),
            ),
        );
    }
}
