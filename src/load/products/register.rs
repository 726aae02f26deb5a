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
use super::ctx::Ctx;

use super::grid::{Marks, cell_name};
use super::header::{Field, ListKind};
use super::header_row::Header;
use super::rows::{Record, RowFields};
use crate::diag::Diagnostic;
use crate::vn::Date;

/// One register row as typed: texts checked, numbers and dates read.
pub type RegisterRow = crate::model::RegisterRecord<Date>;

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
