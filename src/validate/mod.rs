//! Validate: every rule of a loaded file, each problem located and
//! explained, all of them in one run. What passes comes out as a checked
//! file in which dates, regimes, signers, product ranks and file names are
//! resolved once, so composition cannot fail and never works them out again.
//!
//! Problems of a file stop all its documents. Problems of single product
//! rows only skip those rows' certificates (and any results decision that
//! lists them), so an office gets the good certificates of a round.

mod appendix;
mod assignments;
mod body;
mod certificates;
mod checker;
mod decision;
mod dispatch;
mod funding;
mod issuance;
mod plan;
mod products;
pub mod register;
mod table_state;
mod tables;
pub mod year;

use std::collections::BTreeMap;

pub use appendix::{key as appendix_key, page as appendix_page};
pub use assignments::{Assignment, Assignments, Form, Heading};
pub use funding::{CheckedFunding, FundingRow};
pub use products::Ranked;
pub use table_state::LaidTables;

use crate::diag::Diagnostic;
use crate::load::{Image, Loaded, textcheck};
use crate::model::{
    Bases, Certificates, CitationFields, Content, Decision, Dispatch, ListItem, Plan, PlanFile,
    Section, Signer, TaskEntry, UnitsEntry,
};
use crate::number::Number;
use crate::regime::Regime;
use crate::units::Units;
use crate::vn::{Date, PartialDate};
use checker::Checker;

/// A file whose documents can be composed.
pub struct Checked<'a> {
    pub model: &'a PlanFile,
    pub units: Units<'a>,
    pub plan: Option<CheckedPlan<'a>>,
    pub decisions: Vec<CheckedDecision<'a>>,
    pub dispatches: Vec<CheckedDispatch<'a>>,
    pub certificates: Option<CheckedCertificates<'a>>,
    /// Every `table:` of the file, laid out.
    pub tables: LaidTables,
    /// The product register and the documents drawn from it.
    pub year: year::CheckedYear<'a>,
}

pub struct CheckedPlan<'a> {
    pub plan: &'a Plan,
    pub date: PartialDate,
    /// The year the plan covers (its timelines refer to it).
    pub year: i32,
    /// The groups of `plan.bases`, their citations read.
    pub bases: Vec<CheckedBases<'a>>,
    pub sections: Vec<CheckedSection<'a>>,
    pub assignments: Assignments,
    /// The plan's funding, summed; None when it has none.
    pub funding: Option<CheckedFunding>,
}

/// A group of legal bases with its citations read.
pub struct CheckedBases<'a> {
    pub bases: &'a Bases,
    pub items: Vec<CheckedCitation<'a>>,
}

/// A legal basis as validation read it.
pub enum CheckedCitation<'a> {
    /// Free text, printed as typed.
    Text(&'a str),
    /// The fields of a citation and its date, parsed.
    Fields {
        fields: &'a CitationFields,
        date: Option<Date>,
    },
}

/// A numbered section with its task lines resolved, and its sub-sections.
pub struct CheckedSection<'a> {
    pub section: &'a Section,
    /// One per line of `section.task`, in order.
    pub tasks: Vec<CheckedTask<'a>>,
    /// One per `section.sections`, in order.
    pub sections: Vec<CheckedSection<'a>>,
}

/// One line of a task: the entry (for its `label` and `lines`) and the
/// one thing it holds.
pub struct CheckedTask<'a> {
    pub entry: &'a TaskEntry,
    pub line: TaskLine<'a>,
}

/// What a line of a task holds (validation made sure it is one thing).
pub enum TaskLine<'a> {
    Content(&'a Content),
    Units(&'a UnitsEntry),
    Support(&'a [String]),
    /// The timeline as it prints ("Quý II, III, IV"), rendered once.
    Timeline(String),
    Text(&'a str),
    List(&'a [ListItem]),
    /// The task's expected result.
    Result(&'a str),
    /// The task's amounts: (source's place in `plan.funding.sources`,
    /// amount), in the sources' order.
    Funding(Vec<(usize, Number)>),
}

pub struct CheckedDecision<'a> {
    /// Its place in `decisions:`.
    pub index: usize,
    pub decision: &'a Decision,
    pub date: PartialDate,
    pub regime: &'static Regime,
    pub signer: &'a Signer,
    /// The council decision a results decision cites, read.
    pub council: Option<CheckedCitation<'a>>,
    /// `bases`, read.
    pub bases: Vec<CheckedCitation<'a>>,
    /// Recognised products (results), ranked.
    pub products: Vec<Ranked>,
    pub stem: String,
    /// Its spreadsheet has bad rows: it cannot be issued, though the
    /// certificates of its good rows can.
    blocked: bool,
}

/// How a dispatch is written.
pub enum DispatchForm<'a> {
    /// Written out in the YAML; its sections resolved.
    Free(Vec<CheckedSection<'a>>),
    /// Drafted from the plan, one per lead unit (their keys).
    PerUnit(Vec<String>),
    /// Drafted from the plan, one to all these units.
    AllUnits(Vec<String>),
}

pub struct CheckedDispatch<'a> {
    /// Its place in `dispatches:`.
    pub index: usize,
    pub dispatch: &'a Dispatch,
    pub date: PartialDate,
    pub signer: &'a Signer,
    pub form: DispatchForm<'a>,
    /// One file stem per document this entry makes (per unit: in unit order).
    pub stems: Vec<String>,
}

pub struct CheckedCertificates<'a> {
    pub spec: &'a Certificates,
    /// "1234/QĐ-UBND"
    pub decision_number: String,
    pub decision_date: Date,
    pub issue_date: Date,
    /// The last day the certificates are valid (the regime's months after
    /// the issue date).
    pub expiry: Date,
    pub regime: &'static Regime,
    pub signer: &'a Signer,
    pub logo: Option<&'a Image>,
    /// The rows that passed; the others are in [`Validated::skipped`].
    pub products: Vec<Ranked>,
}

pub struct Validated<'a> {
    /// None when the file has errors that stop its documents.
    pub checked: Option<Checked<'a>>,
    /// Every problem, in file order; warnings included.
    pub problems: Vec<Diagnostic>,
    /// Product rows left out because of their own problems ("dòng 7").
    pub skipped: Vec<String>,
}

impl Validated<'_> {
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }
}

/// Checks `loaded`; `has_glyph` says whether the document font can print a character.
pub fn validate<'a>(loaded: &'a Loaded, has_glyph: &dyn Fn(char) -> bool) -> Validated<'a> {
    let mut problems = loaded.problems.clone();
    let Some(model) = &loaded.model else {
        return finish(None, problems, Vec::new(), Vec::new());
    };
    let mut c = Checker {
        loaded,
        units: Units::new(&model.units),
        level: model.issuer.level,
        glyphless_rows: products::glyphless_rows(loaded, has_glyph),
        problems: Vec::new(),
        plan_refs: None,
        tables: Default::default(),
    };
    glyphs(&mut c, has_glyph);
    issuer_and_units(&mut c, model);
    let plan = model.plan.as_ref().and_then(|p| plan::check(&mut c, p));
    let mut row_problems = Vec::new();
    let mut skipped = Vec::new();
    let decisions = decision::check_all(&mut c, model, &mut row_problems);
    let dispatches = dispatch::check_all(&mut c, model, plan.as_ref());
    let certificates =
        certificates::check(&mut c, model, &decisions, &mut row_problems, &mut skipped);
    issuance::check(&mut c, model);
    if model.plan.is_none()
        && model.dispatches.is_empty()
        && model.decisions.is_empty()
        && model.certificates.is_none()
        && !year::describes_documents(model)
        && loaded.filled.is_empty()
    {
        c.problems.push(
            Diagnostic::error("tệp không mô tả văn bản nào")
                .file(&loaded.source.path)
                .hint("thêm mục `plan:` (kế hoạch), `decisions:` (quyết định), `dispatches:` (công văn) hoặc `certificates:` (giấy chứng nhận)"),
        );
    }
    let year = year::check(&mut c, model, &decisions, plan.as_ref());
    same_file_names(&mut c, &decisions, &dispatches);
    let decisions = decisions.into_iter().filter(|d| !d.blocked).collect();
    let file_ok =
        !problems.iter().any(Diagnostic::is_error) && !c.problems.iter().any(Diagnostic::is_error);
    let checked = file_ok.then_some(Checked {
        model,
        units: c.units,
        plan,
        decisions,
        dispatches,
        certificates,
        tables: std::mem::take(&mut c.tables),
        year,
    });
    problems.append(&mut c.problems);
    finish(checked, problems, row_problems, skipped)
}

fn finish<'a>(
    checked: Option<Checked<'a>>,
    mut problems: Vec<Diagnostic>,
    rows: Vec<Diagnostic>,
    skipped: Vec<String>,
) -> Validated<'a> {
    // The file's own problems in line order, then those of spreadsheet rows.
    problems.sort_by_key(|d| (d.pos, d.severity));
    problems.dedup();
    problems.extend(rows);
    Validated {
        checked,
        problems,
        skipped,
    }
}

/// Every character must exist in the document font.
fn glyphs(c: &mut Checker<'_>, has_glyph: &dyn Fn(char) -> bool) {
    for (path, value) in &c.loaded.texts {
        for d in missing_glyphs(value, has_glyph) {
            c.push(d.field(path.as_str()));
        }
    }
}

/// An error for each character of `value` the document font cannot print
/// (once each), without field: from YAML and spreadsheet cells alike.
pub fn missing_glyphs(value: &str, has_glyph: &dyn Fn(char) -> bool) -> Vec<Diagnostic> {
    let mut reported = Vec::new();
    for ch in value.chars() {
        // What the loader already refused is not repeated here.
        if ch == '\n' || ch == '\t' || reported.contains(&ch) || textcheck::refused(ch) {
            continue;
        }
        if !has_glyph(ch) {
            reported.push(ch);
        }
    }
    reported
        .into_iter()
        .map(|ch| {
            Diagnostic::error(format!(
                "phông chữ không có ký tự {} (U+{:04X})",
                describe_char(ch),
                ch as u32
            ))
            .hint("xóa hoặc thay ký tự này, hoặc dùng --font-path với một phông có ký tự đó")
        })
        .collect()
}

fn describe_char(c: char) -> String {
    if c.is_whitespace() {
        "khoảng trắng đặc biệt".into()
    } else {
        format!("«{c}»")
    }
}

fn issuer_and_units(c: &mut Checker<'_>, model: &PlanFile) {
    let issuer = &model.issuer;
    if issuer.name.trim().is_empty() {
        c.error(
            "issuer.name",
            "tên địa phương đang để trống",
            "ví dụ name: Lai Châu",
        );
    }
    if issuer.symbol.trim().is_empty() {
        c.error(
            "issuer.symbol",
            "ký hiệu cơ quan đang để trống",
            "ví dụ symbol: UBND",
        );
    }
    if issuer.level == crate::model::Level::District
        && issuer
            .province
            .as_deref()
            .is_none_or(|p| p.trim().is_empty())
    {
        c.error(
            "issuer",
            "cấp huyện cần tên tỉnh",
            "thêm `province:` (tên tỉnh của huyện), ví dụ province: Điện Biên",
        );
    }
    for (key, unit) in &model.units {
        let path = format!("units.{key}");
        if !crate::units::is_unit_key(key) {
            c.error(
                &path,
                format!("khóa đơn vị `{}` không hợp lệ", crate::diag::quote(key)),
                "khóa chỉ gồm chữ thường không dấu, số và dấu gạch dưới, ví dụ snnmt, ubnd_xa",
            );
        }
        if unit.name.trim().is_empty() {
            c.error(
                &format!("{path}.name"),
                "tên đơn vị đang để trống",
                "điền tên đầy đủ của đơn vị",
            );
        }
        for (i, alias) in unit.aliases.iter().enumerate() {
            c.non_empty(
                &crate::load::yaml::index(&format!("{path}.aliases"), i),
                alias,
                "tên gọi khác",
            );
        }
    }
    // One spelling names one unit: a sentence or reference using it must
    // know which.
    let mut seen: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    for (key, unit) in &model.units {
        let spellings = std::iter::once(("name", unit.name.as_str()))
            .chain(unit.short.as_deref().map(|s| ("short", s)))
            .chain(unit.aliases.iter().map(|a| ("aliases", a.as_str())));
        for (field, spelling) in spellings {
            let folded = crate::units::fold(spelling);
            if folded.is_empty() {
                continue;
            }
            match seen.get(&folded) {
                Some((other, _)) if *other != key.as_str() => c.error(
                    &format!("units.{key}.{field}"),
                    format!(
                        "cách viết `{}` đã dùng cho đơn vị `{other}`",
                        crate::diag::quote(spelling)
                    ),
                    "mỗi cách viết chỉ thuộc một đơn vị; sửa hoặc xóa một trong hai",
                ),
                _ => {
                    seen.insert(folded, (key.as_str(), field));
                }
            }
        }
    }
}

/// Two documents of one file must not write the same file.
fn same_file_names(
    c: &mut Checker<'_>,
    decisions: &[CheckedDecision<'_>],
    dispatches: &[CheckedDispatch<'_>],
) {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for d in dispatches {
        let i = d.index;
        for stem in &d.stems {
            if let Some(first) = seen.insert(stem, i) {
                c.error(
                    "dispatches",
                    format!("hai công văn cùng tên tệp `{stem}.pdf`"),
                    format!(
                        "đặt `file:` khác nhau cho công văn thứ {} và thứ {}",
                        first + 1,
                        i + 1
                    ),
                );
            }
        }
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for d in decisions {
        let i = d.index;
        if let Some(first) = seen.insert(&d.stem, i) {
            c.error(
                "decisions",
                format!("hai quyết định cùng tên tệp `{}.pdf`", d.stem),
                format!(
                    "đặt `file:` khác nhau cho quyết định thứ {} và thứ {}",
                    first + 1,
                    i + 1
                ),
            );
        }
    }
}
