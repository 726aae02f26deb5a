//! The YAML schema of a plan file, as typed Rust. Keys are English
//! snake_case; docs/schema.md lists the Vietnamese element each produces.
//!
//! Values that need domain checks (dates, timelines, unit references) are
//! kept as typed here and checked in `validate`, so that every problem of a
//! file is reported in one run instead of serde stopping at the first.

use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::pdf_standard::PdfStandard;

/// `Deserialize` and `JsonSchema` for a type written in one of several YAML
/// shapes, each optional: `text |s| …` (a string), `list<T> |l| …` (a
/// sequence read as `T`), `map<T> |m| …` (a mapping read as `T`). The
/// schema lists them in the order written. `yes_no |b| …` takes `true` or
/// `false`. `one_of!(@deserialize …)` writes only `Deserialize`, for a
/// schema written by hand.
macro_rules! one_of {
    ($ty:ident, $expecting:literal, $($shape:ident $(<$inner:ty>)? |$v:ident| $make:expr),+ $(,)?) => {
        one_of!(@deserialize $ty, $expecting, $($shape $(<$inner>)? |$v| $make),+);
        impl JsonSchema for $ty {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($ty).into()
            }
            fn json_schema(g: &mut SchemaGenerator) -> Schema {
                any_of(vec![$(one_of!(@schema $shape, g $(, $inner)?)),+])
            }
        }
    };
    // Only `Deserialize`, for a type whose schema is written by hand.
    (@deserialize $ty:ident, $expecting:literal, $($shape:ident $(<$inner:ty>)? |$v:ident| $make:expr),+) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    $(one_of!(@visit $shape, $ty, $v, $make $(, $inner)?);)+
                }
                d.deserialize_any(V)
            }
        }
    };
    (@visit text, $ty:ty, $v:ident, $make:expr) => {
        fn visit_str<E: de::Error>(self, $v: &str) -> Result<$ty, E> {
            Ok($make)
        }
    };
    (@visit yes_no, $ty:ty, $v:ident, $make:expr) => {
        fn visit_bool<E: de::Error>(self, $v: bool) -> Result<$ty, E> {
            Ok($make)
        }
    };
    (@visit list, $ty:ty, $v:ident, $make:expr, $inner:ty) => {
        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<$ty, A::Error> {
            let $v = <$inner>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
            Ok($make)
        }
    };
    (@visit map, $ty:ty, $v:ident, $make:expr, $inner:ty) => {
        fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<$ty, A::Error> {
            let $v = <$inner>::deserialize(de::value::MapAccessDeserializer::new(access))?;
            Ok($make)
        }
    };
    (@schema text, $g:ident) => {
        text_only()
    };
    (@schema yes_no, $g:ident) => {
        json_schema!({ "type": "boolean" })
    };
    (@schema $shape:ident, $g:ident, $inner:ty) => {
        $g.subschema_for::<$inner>()
    };
}

mod appendix;
mod funding;
pub mod table;

pub use appendix::{PlanAppendix, TaskBody, TaskNumbering, TaskTable};
pub use funding::{Amount, DeclaredSource, Funding, FundingBlock, FundingItem};
pub use table::{Align, Cell, CellFields, RowFields, Table, TableColumn, TableRow, TableTotal};

/// One YAML file: who issues, the units it names, and the documents it describes.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    pub issuer: Issuer,
    #[serde(default)]
    pub units: BTreeMap<String, Unit>,
    pub plan: Option<Plan>,
    /// Công văn: written out, or derived from the plan's task assignments.
    #[serde(default)]
    pub dispatches: Vec<Dispatch>,
    /// Quyết định: founding the evaluation council, recognising results.
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Giấy chứng nhận sản phẩm OCOP, one per recognised product.
    pub certificates: Option<Certificates>,
    /// Sổ đăng ký: every recognised product across rounds and years.
    pub register: Option<Register>,
    /// Tờ trình proposing a decision of this file.
    #[serde(default)]
    pub submissions: Vec<Submission>,
    /// Thông báo of a round's results.
    #[serde(default)]
    pub notices: Vec<Notice>,
    /// Quyết định thu hồi Giấy chứng nhận.
    #[serde(default)]
    pub revocations: Vec<Revocation>,
    /// Công văn to each commune: its certificates that expire soon.
    #[serde(default)]
    pub reminders: Vec<Reminder>,
    /// Báo cáo kết quả thực hiện Chương trình OCOP năm …
    pub report: Option<Report>,
    /// Issued electronically (NĐ 30 Phụ lục I II.7–8, III.1): number and
    /// day left for the document system, the signature block sized for
    /// the signature and seal images, empty signature fields.
    #[serde(default)]
    pub electronic: bool,
    /// The PDF standard of every file: `a-2b` for archiving.
    pub pdf_standard: Option<PdfStandard>,
    /// Each appendix in a file of its own beside its document.
    #[serde(default)]
    pub separate_appendices: bool,
}

impl PlanFile {
    /// A file of `issuer` and its `units` holding no document yet.
    pub fn new(issuer: Issuer, units: BTreeMap<String, Unit>) -> Self {
        PlanFile {
            issuer,
            units,
            plan: None,
            dispatches: Vec::new(),
            decisions: Vec::new(),
            certificates: None,
            register: None,
            submissions: Vec::new(),
            notices: Vec::new(),
            revocations: Vec::new(),
            reminders: Vec::new(),
            report: None,
            electronic: false,
            pdf_standard: None,
            separate_appendices: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Province,
    District,
    Commune,
}

impl Level {
    /// The generic noun of the administrative unit ("tỉnh", "huyện", "xã").
    pub fn default_unit_type(self) -> &'static str {
        match self {
            Level::Province => "tỉnh",
            Level::District => "huyện",
            Level::Commune => "xã",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Issuer {
    pub level: Level,
    /// Locality name: "Lai Châu", "Tủa Chùa".
    pub name: String,
    /// "tỉnh", "thành phố", "huyện", "thị xã", "xã", "phường", "đặc khu";
    /// defaults from `level`.
    pub unit_type: Option<String>,
    /// Parent province, required for a district or commune.
    pub province: Option<String>,
    /// The issuing body: "ỦY BAN NHÂN DÂN".
    #[serde(default = "default_body")]
    pub body: String,
    /// Tên cơ quan chủ quản (the line above the issuer), if any.
    pub parent: Option<String>,
    /// The issuer's part of every ký hiệu: "UBND".
    #[serde(default = "default_symbol")]
    pub symbol: String,
    /// Địa danh on the date line; defaults to `name`.
    pub place: Option<String>,
}

impl Issuer {
    /// The generic noun of the unit: `unit_type`, or the level's default.
    pub fn unit_type(&self) -> String {
        self.unit_type
            .clone()
            .unwrap_or_else(|| self.level.default_unit_type().to_string())
    }

    /// "tỉnh Lai Châu"
    pub fn locality(&self) -> String {
        format!("{} {}", self.unit_type(), self.name)
    }

    /// "Ủy ban nhân dân tỉnh Lai Châu"
    pub fn body_name(&self) -> String {
        format!("Ủy ban nhân dân {}", self.locality())
    }
}

fn default_body() -> String {
    "ỦY BAN NHÂN DÂN".to_string()
}

fn default_symbol() -> String {
    "UBND".to_string()
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Full name as written in the body: "Sở Nông nghiệp và Môi trường".
    pub name: String,
    /// Short form for Nơi nhận: "Sở NN&MT".
    pub short: Option<String>,
    /// Other accepted spellings: "Phòng Nông nghiệp và PTNT huyện",
    /// "Phòng Nông nghiệp & PTNT huyện". Writing any spelling where a unit
    /// is expected refers to the unit and prints as typed; in sentences,
    /// each spelling is how the unit is recognised.
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// A document number: empty for a draft (the văn thư assigns it after signing).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocNumber(pub Option<String>);

impl<'de> Deserialize<'de> for DocNumber {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DocNumber;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("một số (125) hoặc để trống cho bản dự thảo")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DocNumber, E> {
                Ok(DocNumber(Some(v.to_string())))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DocNumber, E> {
                Ok(DocNumber(Some(v.to_string())))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DocNumber, E> {
                let v = v.trim();
                Ok(DocNumber((!v.is_empty()).then(|| v.to_string())))
            }
            fn visit_unit<E: de::Error>(self) -> Result<DocNumber, E> {
                Ok(DocNumber(None))
            }
        }
        d.deserialize_any(V)
    }
}

/// A document date. Drafts leave the day, or the day and month, blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocDate {
    /// "15/01/2027" or "2027-01-15".
    Text(String),
    Parts {
        year: i32,
        month: Option<u8>,
        day: Option<u8>,
    },
}

#[derive(PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct DocDateParts {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

one_of!(
    DocDate,
    "một ngày dạng 15/01/2027, hoặc { year: 2023, month: 4 } cho bản dự thảo",
    text |s| DocDate::Text(s.to_string()),
    map<DocDateParts> |m| DocDate::Parts {
        year: m.year,
        month: m.month,
        day: m.day
    },
);

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(default)]
    pub number: DocNumber,
    /// Ký hiệu override; default "KH-" + issuer symbol.
    pub symbol: Option<String>,
    pub date: DocDate,
    /// The year the plan covers; defaults to the year of `date`.
    pub year: Option<i32>,
    /// Trích yếu.
    pub title: String,
    /// Căn cứ: one group, or several paragraphs each with its own verb.
    pub bases: Option<BasesList>,
    /// The sentence that introduces the plan ("UBND tỉnh ban hành Kế hoạch … như sau:").
    pub intro: Option<String>,
    pub sections: Vec<Section>,
    /// Closing paragraph; "./." is added if missing.
    pub closing: String,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    /// The last Nơi nhận line after "- Lưu: ", printed verbatim.
    pub archive: String,
    pub signer: Signer,
    #[serde(default)]
    pub style: PlanStyle,
    /// The plan's funding as numbers: sources, amounts, totals checked.
    pub funding: Option<Funding>,
    /// Phụ lục after the signature: the assignment table, the funding
    /// table, or the author's own text and tables.
    #[serde(default)]
    pub appendices: Vec<PlanAppendix>,
}

impl Plan {
    /// Ký hiệu of the plan: `symbol`, or "KH-" + the issuer's.
    pub fn symbol(&self, issuer: &Issuer) -> String {
        self.symbol
            .clone()
            .unwrap_or_else(|| format!("KH-{}", issuer.symbol))
    }
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanStyle {
    #[serde(default)]
    pub citation_dates: DateStyle,
    #[serde(default)]
    pub task_marker: Marker,
    #[serde(default)]
    pub labels: Labels,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DateStyle {
    /// 01/8/2022
    #[default]
    Short,
    /// ngày 01 tháng 8 năm 2022
    Long,
}

/// How the lines of a task are marked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Marker {
    /// "- Nội dung thực hiện: …"
    #[default]
    Dash,
    /// "a) Nội dung: …"
    Letter,
}

/// The words before each line of a task.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Labels {
    pub content: String,
    pub units: String,
    pub support: String,
    pub timeline: String,
    pub result: String,
    pub funding: String,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            content: "Nội dung thực hiện".into(),
            units: "Đơn vị thực hiện".into(),
            support: "Đơn vị phối hợp".into(),
            timeline: "Thời gian thực hiện".into(),
            result: "Kết quả, sản phẩm".into(),
            funding: "Kinh phí".into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bases {
    /// "Căn cứ" or "Thực hiện".
    #[serde(default = "default_verb")]
    pub verb: String,
    #[serde(default)]
    pub layout: BasesLayout,
    /// With `inline`: the punctuation between the last basis and the intro ("," or ".").
    pub end: Option<String>,
    /// Italic căn cứ lines (NĐ 30 element 10); default: yes when separate.
    pub italic: Option<bool>,
    pub items: Vec<Citation>,
}

fn default_verb() -> String {
    "Căn cứ".to_string()
}

/// The groups of căn cứ: `bases:` written as one group (a mapping) or as a
/// list of groups, each its own paragraph(s) with its own verb and ending.
#[derive(Debug, Clone, PartialEq)]
pub struct BasesList {
    pub groups: Vec<Bases>,
    /// Written as a list (field paths are `bases[i]`), not as one group.
    pub listed: bool,
}

one_of!(
    BasesList,
    "một nhóm căn cứ { verb, items }, hoặc danh sách các nhóm",
    map<Bases> |one| BasesList {
        groups: vec![one],
        listed: false,
    },
    list<Vec<Bases>> |groups| BasesList {
        groups,
        listed: true,
    },
);

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BasesLayout {
    /// One paragraph per basis: "Căn cứ …;"
    #[default]
    Separate,
    /// All bases and the intro in one paragraph: "Thực hiện …; …, UBND tỉnh ban hành …"
    Inline,
}

/// A legal basis: structured, or free text as an escape hatch.
#[derive(Debug, Clone, PartialEq)]
pub enum Citation {
    Text(String),
    Fields(CitationFields),
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CitationFields {
    /// "Quyết định", "Kế hoạch", "Nghị quyết", "Luật", "Văn bản" …
    pub kind: String,
    /// For a Luật: its name, printed right after the kind.
    pub name: Option<String>,
    /// "919/QĐ-TTg"
    pub number: Option<String>,
    pub date: Option<String>,
    /// "Thủ tướng Chính phủ"
    pub issuer: Option<String>,
    /// "về việc phê duyệt …", as it should read after the issuer.
    pub subject: Option<String>,
}

one_of!(
    Citation,
    "một căn cứ: văn bản tự do, hoặc { kind, number, date, issuer, subject }",
    text |s| Citation::Text(s.to_string()),
    map<CitationFields> |m| Citation::Fields(m),
);

/// A numbered section of the plan (I., 1., 1.1., a) …), nested to any depth.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub title: Option<String>,
    /// A unit (key or spelling), or several: the section is their duties,
    /// titled with their names ("7. Sở Tài chính, Sở Kế hoạch và Đầu tư").
    pub unit: Option<UnitRefs>,
    /// Instead of a title: a numbered paragraph of text ("6.1. …"), its
    /// number taken in the outline like a sub-section's.
    pub text: Option<String>,
    /// Instead of a title: a numbered paragraph that gives work to units,
    /// in the author's own sentence (see [`Sentence`]).
    pub assign: Option<String>,
    /// With `assign`: the units that lead, when the sentence's form does
    /// not say it (keys or spellings the sentence contains).
    pub lead: Option<Vec<String>>,
    /// With `assign`: the units that cooperate, likewise.
    pub support: Option<Vec<String>>,
    /// Added after the title in parentheses: "(Cơ quan thường trực)".
    pub note: Option<String>,
    /// A colon after the title: "1. Sở Nông nghiệp và PTNT:".
    #[serde(default)]
    pub colon: bool,
    /// Title and first paragraph on one line: "**7. Kinh phí:** Sử dụng …".
    #[serde(default)]
    pub inline: bool,
    /// Bold title (default yes).
    pub bold: Option<bool>,
    /// How this section's sub-sections are numbered.
    pub numbering: Option<Numbering>,
    #[serde(default)]
    pub body: Vec<Block>,
    #[serde(default)]
    pub task: Vec<TaskEntry>,
    pub task_marker: Option<Marker>,
    #[serde(default)]
    pub sections: Vec<Section>,
    /// In a report: ocop prints here the results counted from the
    /// register against the plan's targets, with the tables and chart.
    #[serde(default)]
    pub results: bool,
}

/// One unit reference, or several (`unit: stc` or `unit: [stc, skhdt]`).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRefs(pub Vec<String>);

one_of!(
    UnitRefs,
    "một khóa đơn vị (snnmt), hoặc danh sách [stc, skhdt]",
    text |s| UnitRefs(vec![s.to_string()]),
    list<Vec<String>> |list| UnitRefs(list),
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// I., 1., 1.1. by depth.
    Auto,
    /// a) b) c) d) đ) e) g) …
    Letters,
    /// No number.
    None,
}

/// A piece of body text.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(String),
    Fields(Box<BlockFields>),
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockFields {
    /// A lead-in printed in italics before `text`: "Về tiêu chí …: …";
    /// alone, or before a list, it introduces what follows.
    pub label: Option<String>,
    /// How the lead-in is set (italic by default).
    pub label_style: Option<LabelStyle>,
    pub text: Option<String>,
    /// A paragraph that gives work to units, in the author's own sentence.
    pub assign: Option<String>,
    /// With `assign`: the units that lead, when the sentence's form does not say it.
    pub lead: Option<Vec<String>>,
    /// With `assign`: the units that cooperate.
    pub support: Option<Vec<String>>,
    /// Dash list; items may carry "+" sub-items.
    pub list: Option<Vec<ListItem>>,
    /// Inline enumeration: (1) …, (2) …
    pub enumerate: Option<Vec<String>>,
    /// An amount in đồng, printed 1.250.000.000 đồng, with `text` before it.
    pub amount: Option<u64>,
    /// Add "(Bằng chữ: …)" after an amount (default yes).
    pub in_words: Option<bool>,
    /// Funding sources, one dash line each; or a view of the plan's
    /// funding: `total`, `sources`, `table`.
    pub funding: Option<FundingBlock>,
    /// A table.
    pub table: Option<Table>,
    /// The key of an appendix this paragraph refers the reader to: "… tại
    /// Phụ lục I kèm theo Kế hoạch này."
    pub appendix: Option<String>,
}

/// How a lead-in ("Về tiêu chí …:") is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LabelStyle {
    #[default]
    Italic,
    Bold,
    BoldItalic,
    Plain,
}

one_of!(
    Block,
    "một đoạn văn, hoặc { list: [...] }, { enumerate: [...] }, { label, text }, { assign }, { funding: [...] }",
    text |s| Block::Paragraph(s.to_string()),
    map<BlockFields> |m| Block::Fields(Box::new(m)),
);

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    pub source: String,
    pub amount: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ListItem {
    Text(String),
    Fields(ListItemFields),
}

/// A dash line with more than text: sub-items, a lead-in, or an assignment.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListItemFields {
    /// A lead-in before the text: "- *Về tiêu chí:* …", or alone before sub-items.
    pub label: Option<String>,
    pub label_style: Option<LabelStyle>,
    pub text: Option<String>,
    /// A line that gives work to units, in the author's own sentence.
    pub assign: Option<String>,
    /// With `assign`: the units that lead, when the sentence's form does not say it.
    pub lead: Option<Vec<String>>,
    /// With `assign`: the units that cooperate.
    pub support: Option<Vec<String>>,
    /// Sub-items ("+ …").
    #[serde(default)]
    pub list: Vec<ListItem>,
    /// A target of the plan this line states, as a number the year-end
    /// report checks against the register.
    pub target: Option<Target>,
}

/// A plan's target as a checkable number: "Phát triển mới 20 sản phẩm" is
/// `{ measure: new, value: 20 }`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub measure: Measure,
    pub value: f64,
    /// Only products of at least this many stars count.
    pub min_stars: Option<u8>,
}

/// What a target counts, over the report's year, from the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Products recognised in the year (every kind of evaluation).
    Recognised,
    /// Products recognised for the first time.
    New,
    /// Products re-recognised after their certificate's 36 months.
    ReEvaluated,
    /// Products raised to more stars.
    Upgraded,
    /// Per cent of the certificates expiring in the year that were re-evaluated.
    ReEvaluatedPercent,
    /// Products with a valid certificate at the end of the year.
    Valid,
    /// Subjects (chủ thể) with a product recognised in the year.
    Subjects,
}

one_of!(
    ListItem,
    "một dòng gạch đầu dòng, hoặc { text, list: [...] } khi có ý con, { label, text }, { assign }",
    text |s| ListItem::Text(s.to_string()),
    map<ListItemFields> |m| ListItem::Fields(m),
);

/// One line of a task: content, units, timeline, or any labelled text.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskEntry {
    /// Overrides the default label ("Thời gian hoàn thành" …).
    pub label: Option<String>,
    pub content: Option<Content>,
    /// Who carries the task out: a list, or the author's own sentence.
    pub units: Option<UnitsEntry>,
    pub support: Option<Vec<String>>,
    pub timeline: Option<Timeline>,
    pub text: Option<String>,
    pub list: Option<Vec<ListItem>>,
    /// The expected result or product of the task.
    pub result: Option<String>,
    /// The task's funding, amount by source key (of `plan.funding`).
    pub funding: Option<BTreeMap<String, Amount>>,
    /// Print each unit clause on its own "+" line.
    #[serde(default)]
    pub lines: bool,
}

/// Task content: one paragraph, or several blocks.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    Blocks(Vec<Block>),
}

one_of!(
    Content,
    "một đoạn văn, hoặc một danh sách các đoạn/gạch đầu dòng",
    text |s| Content::Text(s.to_string()),
    list<Vec<Block>> |blocks| Content::Blocks(blocks),
);

/// The "Đơn vị thực hiện" line of a task: a list of units and clauses, or
/// the author's own sentence, printed as typed, whose units are recognised
/// by their declared spellings.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitsEntry {
    List(Vec<UnitItem>),
    Sentence(Sentence),
}

/// An author's sentence that gives work to units, printed exactly as typed.
/// The units it names and their roles are read from it (see
/// `units::Units::roles`); `lead` and `support` say it where the form of
/// the sentence does not, and are checked against it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sentence {
    pub text: String,
    pub lead: Option<Vec<String>>,
    pub support: Option<Vec<String>>,
}

one_of!(
    UnitsEntry,
    "danh sách đơn vị [snnmt, …], một câu \"Sở … chủ trì, phối hợp với …\", hoặc { text, lead, support }",
    text |s| UnitsEntry::Sentence(Sentence {
        text: s.to_string(),
        ..Default::default()
    }),
    list<Vec<UnitItem>> |list| UnitsEntry::List(list),
    map<Sentence> |s| UnitsEntry::Sentence(s),
);

/// Who carries a task out: a unit key or free text, or a clause with a lead
/// unit and cooperating units.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitItem {
    Ref(String),
    Clause(UnitClause),
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct UnitClause {
    /// Đơn vị chủ trì.
    pub lead: Vec<String>,
    /// Đơn vị phối hợp.
    #[serde(default)]
    pub support: Vec<String>,
    /// What the lead units do, instead of "chủ trì".
    pub role: Option<String>,
}

one_of!(
    UnitItem,
    "một khóa đơn vị (snnmt), một tên viết tự do, hoặc { lead: [...], support: [...] }",
    text |s| UnitItem::Ref(s.to_string()),
    map<UnitClause> |m| UnitItem::Clause(m),
);

/// A timeline as a value: rendered the way plans write it.
#[derive(Debug, Clone, PartialEq)]
pub enum Timeline {
    /// "continuous", "whole_year", "year"
    Keyword(String),
    Fields(TimelineFields),
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimelineFields {
    /// Quý II, III, IV
    pub quarters: Option<Vec<u8>>,
    /// Between quarters: ", " (default) or "+".
    pub join: Option<String>,
    /// "Trong tháng 12/2024" — or with `within: false`, "Tháng 5 năm 2023".
    pub month: Option<u8>,
    /// Prefix "Trong" for quarters and months.
    pub within: Option<bool>,
    /// Add "năm YYYY" after quarters.
    pub with_year: Option<bool>,
    /// "Trước ngày 30/10/2024"
    pub before: Option<String>,
    /// "Từ ngày … đến ngày …"
    pub from: Option<String>,
    pub to: Option<String>,
    /// Free text, printed as typed.
    pub text: Option<String>,
}

one_of!(
    @deserialize Timeline,
    "continuous, whole_year, year, hoặc { quarters }, { month }, { before }, { from, to }, { text }",
    text |s| Timeline::Keyword(s.to_string()),
    map<TimelineFields> |m| Timeline::Fields(m)
);

/// A Nơi nhận line: a unit key (printed by its short name) or text, or a
/// line with a note in italics ("(giao Phòng … gửi)"), or several lines
/// sharing one note (a brace and "(báo cáo)").
#[derive(Debug, Clone, PartialEq)]
pub enum Recipient {
    Text(String),
    Fields(RecipientFields),
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecipientFields {
    /// The line: a unit key or text.
    pub text: Option<String>,
    /// Several lines that share `note`.
    pub group: Option<Vec<String>>,
    /// Printed in parentheses after the line (in italics), or beside the
    /// group's brace.
    pub note: Option<String>,
}

one_of!(
    Recipient,
    "một nơi nhận (khóa đơn vị hoặc văn bản), { text, note }, hoặc { group: [...], note }",
    text |s| Recipient::Text(s.to_string()),
    map<RecipientFields> |m| Recipient::Fields(m),
);

/// The signature block: authority lines (TM./TL./TUQ./KT./Q.), title, name.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Signer {
    /// Thay mặt a collective body: "ỦY BAN NHÂN DÂN".
    pub tm: Option<String>,
    /// Thừa lệnh.
    pub tl: Option<String>,
    /// Thừa ủy quyền.
    pub tuq: Option<String>,
    /// Ký thay the head: "CHỦ TỊCH".
    pub kt: Option<String>,
    /// Quyền (acting head).
    pub q: Option<String>,
    /// The signer's own post: "PHÓ CHỦ TỊCH".
    pub title: Option<String>,
    pub name: String,
}

/// A dispatch (Công văn, NĐ 30 Mẫu 1.5): free-form, or drafted from the
/// plan's own task assignments with `from_plan`.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dispatch {
    /// Output file name without extension; derived from the subject if absent.
    pub file: Option<String>,
    #[serde(default)]
    pub number: DocNumber,
    pub date: DocDate,
    /// The drafting unit's part of the ký hiệu: "KTN" → "Số: …/UBND-KTN".
    pub drafting_unit: Option<String>,
    /// Ký hiệu override (whole part after "Số: …/").
    pub symbol: Option<String>,
    /// Trích yếu, printed after "V/v ".
    pub subject: Option<String>,
    /// Kính gửi: unit keys or names.
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub body: Vec<Block>,
    /// Numbered items (1., 2. …), e.g. one per addressee.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Closing paragraph; "./." is added if missing.
    pub closing: Option<String>,
    /// Nơi nhận after the automatic "Như trên".
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    pub archive: String,
    /// Defaults to the plan's signer.
    pub signer: Option<Signer>,
    #[serde(default)]
    pub style: PlanStyle,
    /// Draft the dispatch from the plan: one per lead unit, or one to all.
    pub from_plan: Option<FromPlan>,
    /// Who asks, in the derived text: default "Ủy ban nhân dân tỉnh".
    pub requester: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FromPlan {
    /// One dispatch per unit that leads a task or has duties.
    PerLeadUnit,
    /// One dispatch to every such unit, one numbered item per unit.
    AllUnits,
}

/// A decision (Quyết định, NĐ 30 Mẫu 1.2).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub kind: DecisionKind,
    /// Output file name without extension.
    pub file: Option<String>,
    #[serde(default)]
    pub number: DocNumber,
    pub date: DocDate,
    /// Ký hiệu override; default "QĐ-" + issuer symbol.
    pub symbol: Option<String>,
    /// `qd148_2023`, `qd148_as_amended_1489_2025`, `qd26_2026`; default: by date.
    pub legal_regime: Option<String>,
    /// Whose power: the chairman (default; no "TM.") or the committee.
    #[serde(default)]
    pub authority: Authority,
    /// Trích yếu override (after "Về việc" if it does not start with it).
    pub subject: Option<String>,
    /// "kiện toàn" instead of "thành lập" (council).
    #[serde(default)]
    pub reconstitute: bool,
    /// Evaluation year (results); default the decision's year.
    pub year: Option<i32>,
    /// "đợt 1" (results).
    pub round: Option<String>,
    /// Add the regime's default bases (local-government law, the OCOP decision, the plan).
    #[serde(default = "yes")]
    pub default_bases: bool,
    /// Further bases, after the defaults.
    #[serde(default)]
    pub bases: Vec<Citation>,
    /// The council's founding decision, cited by a results decision.
    pub council_decision: Option<CitationFields>,
    /// "Giám đốc Sở Nông nghiệp và Môi trường tại Tờ trình số 45/TTr-SNNMT ngày 10/3/2027"
    pub proposal: String,
    /// Council members (council).
    #[serde(default)]
    pub members: Vec<Member>,
    /// Tổ tư vấn / Tổ giúp việc (council).
    pub advisory_team: Option<Team>,
    /// Unit key of the standing body (cơ quan thường trực).
    pub standing_body: Option<String>,
    /// Replaces the default duties of Điều 2 (council).
    pub duties: Option<Vec<String>>,
    /// Recognised products (results), listed here …
    #[serde(default)]
    pub products: Vec<Product>,
    /// … or in a spreadsheet beside the YAML file (.xlsx or .csv), the
    /// same one the certificates of the round can take.
    pub products_file: Option<String>,
    /// Sheet of the spreadsheet to read (default the first visible one).
    pub sheet: Option<String>,
    /// Columns named where the headers are not recognised.
    pub columns: Option<ColumnMap>,
    /// Units that carry the decision out (Điều 3), after Chánh Văn phòng.
    #[serde(default)]
    pub executors: Vec<String>,
    /// Nơi nhận after the automatic "Như Điều 3".
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    pub archive: String,
    /// Defaults to the plan's signer.
    pub signer: Option<Signer>,
}

impl Decision {
    /// Ký hiệu of the decision: `symbol`, or "QĐ-" + the issuer's.
    pub fn symbol(&self, issuer: &Issuer) -> String {
        self.symbol
            .clone()
            .unwrap_or_else(|| format!("QĐ-{}", issuer.symbol))
    }
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Thành lập (kiện toàn) Hội đồng đánh giá, phân hạng sản phẩm OCOP.
    Council,
    /// Công nhận kết quả đánh giá, phân hạng, with the product list appended.
    Results,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Authority {
    /// CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …
    #[default]
    Chairman,
    /// ỦY BAN NHÂN DÂN TỈNH …
    Committee,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// "Ông" or "Bà".
    pub honorific: Option<String>,
    pub name: String,
    /// Chức vụ, đơn vị công tác.
    pub position: String,
    pub role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chairman,
    ViceChairman,
    Member,
    MemberSecretary,
    Secretary,
    /// Advisory team roles.
    Leader,
    Deputy,
}

#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// "Tổ tư vấn" (default) or "Tổ giúp việc".
    pub name: Option<String>,
    pub members: Vec<Member>,
}

/// A product evaluated by the council.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Số thứ tự in the office's list, used for file names.
    pub stt: Option<String>,
    pub name: String,
    /// Chủ thể: enterprise, cooperative, household business.
    pub owner: String,
    pub address: String,
    /// Product group: a name or its number 1–6.
    pub group: Option<String>,
    /// Average score of the council members, 0–100.
    pub score: f64,
    /// Star rank as typed; must agree with the score.
    pub stars: Option<u8>,
    /// Certificate number, if the office assigns one (never invented).
    pub number: Option<String>,
    pub note: Option<String>,
}

/// Bulk OCOP certificates: the issuing side and the products.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Certificates {
    /// File name (without .pdf) of a results decision in this file: its
    /// number, date and products are used, so nothing is typed twice.
    pub from_decision: Option<String>,
    /// Otherwise: the recognition decision, "1234/QĐ-UBND" …
    pub decision_number: Option<String>,
    /// … and its date.
    pub decision_date: Option<String>,
    /// Issue date printed on the certificates; default the decision's date.
    pub date: Option<String>,
    pub legal_regime: Option<String>,
    #[serde(default)]
    pub authority: Authority,
    /// Defaults to the decision's or the plan's signer.
    pub signer: Option<Signer>,
    /// An image (PNG, JPEG or SVG) beside the YAML file, printed top left.
    pub logo: Option<String>,
    /// Products listed here …
    #[serde(default)]
    pub products: Vec<Product>,
    /// … or in a spreadsheet beside the YAML file (.xlsx or .csv).
    pub products_file: Option<String>,
    /// Sheet of the .xlsx to read (default the first).
    pub sheet: Option<String>,
    /// Columns named where the headers are not recognised.
    pub columns: Option<ColumnMap>,
}

/// Columns of a product list named by the office, one per field: the text
/// of its header ("Tên SP OCOP") or its column letter ("C"). A text that
/// is also a header of the sheet is taken as the header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnMap {
    pub stt: Option<String>,
    pub name: Option<String>,
    pub owner: Option<String>,
    pub address: Option<String>,
    pub group: Option<String>,
    pub score: Option<String>,
    pub stars: Option<String>,
    pub number: Option<String>,
    pub note: Option<String>,
    // Columns of the product register only.
    pub owner_type: Option<String>,
    pub commune: Option<String>,
    pub district: Option<String>,
    pub province: Option<String>,
    pub subgroup: Option<String>,
    pub decision: Option<String>,
    pub decision_date: Option<String>,
    pub issue_date: Option<String>,
    pub expiry: Option<String>,
    pub status: Option<String>,
    pub status_decision: Option<String>,
    pub evaluation: Option<String>,
}

// JSON Schema of the forms read by hand-written `Deserialize` impls, so that
// `ocop schema` accepts exactly what the loader does (see the `schema` module).

/// Marks a string schema that takes text only: the hand-written visitors
/// read a plain `123` or `true` as a number or a yes/no and refuse it, while
/// a plain `String` field takes any scalar as text. The `schema` module widens
/// the other string schemas and removes this mark.
pub const TEXT_ONLY: &str = "x-ocop-text-only";

fn text_only() -> Schema {
    json_schema!({ "type": "string", "x-ocop-text-only": true })
}

/// `anyOf` of the given schemas.
fn any_of(schemas: Vec<Schema>) -> Schema {
    json_schema!({ "anyOf": schemas })
}

impl JsonSchema for Timeline {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timeline".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        any_of(vec![
            // The keywords of `timeline::KEYWORDS` (a test keeps them equal).
            json_schema!({ "type": "string", "enum": ["continuous", "whole_year", "year"] }),
            g.subschema_for::<TimelineFields>(),
        ])
    }
}

impl JsonSchema for DocNumber {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "DocNumber".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["integer", "string", "null"] })
    }
}

/// The product register: a spreadsheet beside the YAML file, or rows
/// written here.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Register {
    /// .xlsx, .ods or .csv beside the YAML file.
    pub file: Option<String>,
    /// Sheet to read (default the first visible one).
    pub sheet: Option<String>,
    /// Columns named where the headers are not recognised.
    pub columns: Option<ColumnMap>,
    /// Or the rows themselves.
    #[serde(default)]
    pub products: Vec<RegisterEntry>,
    /// The day statuses are judged on (còn hiệu lực, sắp hết hạn, hết
    /// hạn); default the date of the document that uses the register.
    pub as_of: Option<String>,
    /// A certificate is "sắp hết hạn" this many months before it expires (default 6).
    pub expiring_months: Option<u32>,
    /// The office's own table of communes after 01/7/2025 (the form of
    /// ocop's data/communes-2025.tsv), instead of the built-in one.
    pub communes_file: Option<String>,
}

/// A register row written in the YAML: its dates as typed.
pub type RegisterEntry = RegisterRecord<String>;

/// One row of the product register, whether written in the YAML
/// ([`RegisterEntry`], dates as typed) or read from a spreadsheet (dates
/// read): one list of columns for both.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "RegisterEntry")]
pub struct RegisterRecord<D> {
    pub stt: Option<String>,
    pub name: String,
    pub owner: String,
    /// Hợp tác xã, doanh nghiệp, tổ hợp tác, hộ kinh doanh … as typed.
    pub owner_type: Option<String>,
    /// Thôn, bản, số nhà: the part of the address below the commune.
    pub address: Option<String>,
    /// "xã Sìn Hồ", "phường Tân Phong".
    pub commune: String,
    /// Only for recognitions before 01/7/2025.
    pub district: Option<String>,
    pub province: Option<String>,
    pub group: Option<String>,
    pub subgroup: Option<String>,
    pub score: Option<f64>,
    pub stars: u8,
    /// "Đánh giá lần đầu", "Đánh giá lại", "Nâng hạng", as typed.
    pub evaluation: Option<String>,
    /// "1234/QĐ-UBND"
    pub decision: String,
    pub decision_date: D,
    /// Certificate number.
    pub number: Option<String>,
    pub issue_date: Option<D>,
    pub expiry: Option<D>,
    /// "Thu hồi", "Đánh giá lại", "Nâng hạng" …
    pub status: Option<String>,
    /// The decision behind the status ("thu hồi tại Quyết định số …").
    pub status_decision: Option<String>,
    pub note: Option<String>,
}

impl<D> RegisterRecord<D> {
    /// The same row with its dates read by `read` (given the field's key):
    /// every date is read, so each bad one is reported; `None` if any was bad.
    pub fn read_dates<E>(
        self,
        mut read: impl FnMut(&'static str, D) -> Option<E>,
    ) -> Option<RegisterRecord<E>> {
        let decision_date = read("decision_date", self.decision_date);
        let issue_date = self.issue_date.map(|d| read("issue_date", d));
        let expiry = self.expiry.map(|d| read("expiry", d));
        Some(RegisterRecord {
            stt: self.stt,
            name: self.name,
            owner: self.owner,
            owner_type: self.owner_type,
            address: self.address,
            commune: self.commune,
            district: self.district,
            province: self.province,
            group: self.group,
            subgroup: self.subgroup,
            score: self.score,
            stars: self.stars,
            evaluation: self.evaluation,
            decision: self.decision,
            decision_date: decision_date?,
            number: self.number,
            issue_date: issue_date.map_or(Some(None), |d| d.map(Some))?,
            expiry: expiry.map_or(Some(None), |d| d.map(Some))?,
            status: self.status,
            status_decision: self.status_decision,
            note: self.note,
        })
    }
}

/// A Tờ trình (NĐ 30 Mẫu 1.4) from the standing body proposing a
/// decision of this file, drafted from the decision's own data.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// Output file name without extension.
    pub file: Option<String>,
    /// The `file:` of the decision proposed.
    pub decision: String,
    #[serde(default)]
    pub number: DocNumber,
    pub date: DocDate,
    /// The submitting body: a unit key ("snnmt").
    pub from: String,
    /// The body's part of the ký hiệu: "SNNMT" → "Số: …/TTr-SNNMT".
    pub symbol: String,
    /// Kính gửi; default the Chủ tịch UBND of the issuer.
    #[serde(default)]
    pub to: Vec<String>,
    /// Paragraphs the body writes before its proposal.
    #[serde(default)]
    pub body: Vec<Block>,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    pub archive: String,
    /// The head of the submitting body: "GIÁM ĐỐC".
    pub signer: Signer,
}

/// A Thông báo (NĐ 30 Mẫu 1.4) of a round's results to communes and subjects.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Notice {
    pub file: Option<String>,
    /// The `file:` of the results decision announced.
    pub decision: String,
    #[serde(default)]
    pub number: DocNumber,
    pub date: DocDate,
    /// Ký hiệu override; default "TB-" + issuer symbol.
    pub symbol: Option<String>,
    /// Paragraphs after the results (what communes and subjects do next).
    #[serde(default)]
    pub body: Vec<Block>,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    pub archive: String,
    /// Defaults to the decision's signer.
    pub signer: Option<Signer>,
}

/// A Quyết định thu hồi Giấy chứng nhận sản phẩm OCOP (NĐ 30 Mẫu 1.2).
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revocation {
    pub file: Option<String>,
    #[serde(default)]
    pub number: DocNumber,
    pub date: DocDate,
    /// Ký hiệu override; default "QĐ-" + issuer symbol.
    pub symbol: Option<String>,
    /// `qd148_2023`, `qd148_as_amended_1489_2025`, `qd26_2026`; default: by date.
    pub legal_regime: Option<String>,
    /// The recognition revoked: its certificate number in the register …
    pub certificate: Option<String>,
    /// … or the product's name (and `owner` when two share it).
    pub product: Option<String>,
    pub owner: Option<String>,
    /// The ground of the regime's revocation article: its letter ("b").
    pub ground: Option<String>,
    /// The ground in words, where the regime's grounds are not known as data.
    pub ground_text: Option<String>,
    /// The finding the revocation rests on: "Kết luận kiểm tra số 12/KL-SNNMT
    /// ngày 02/10/2027 của Sở Nông nghiệp và Môi trường".
    pub finding: String,
    /// The finding's date (the decision is due within the regime's deadline).
    pub finding_date: Option<String>,
    /// "Giám đốc Sở Nông nghiệp và Môi trường tại Tờ trình số …"
    pub proposal: String,
    /// Units that carry the decision out (Điều 3).
    #[serde(default)]
    pub executors: Vec<String>,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    pub archive: String,
    pub signer: Option<Signer>,
}

/// Công văn to each commune listing its products whose certificates
/// expire within `months` of the date (NĐ 30 Mẫu 1.5), one per commune.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    /// Output file name prefix; the commune's name is added.
    pub file: Option<String>,
    #[serde(default)]
    pub number: DocNumber,
    pub date: DocDate,
    /// The drafting unit's part of the ký hiệu: "Số: …/UBND-KTN".
    pub drafting_unit: Option<String>,
    /// Certificates expiring within this many months (default 6).
    pub months: Option<u32>,
    /// Paragraphs after the list (what the commune does).
    #[serde(default)]
    pub body: Vec<Block>,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    pub archive: String,
    pub signer: Option<Signer>,
}

/// Báo cáo kết quả thực hiện Chương trình OCOP năm … (NĐ 30 Mẫu 1.4):
/// the official's narrative in `sections`; ocop adds the results counted
/// from the register against the plan's targets at the section marked
/// `results: true`, with tables and a chart.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub file: Option<String>,
    #[serde(default)]
    pub number: DocNumber,
    pub date: DocDate,
    /// The year reported on; default the year of `date`.
    pub year: Option<i32>,
    /// Ký hiệu override; default "BC-" + issuer symbol.
    pub symbol: Option<String>,
    /// Trích yếu override.
    pub title: Option<String>,
    /// Kính gửi (a report sent upwards).
    #[serde(default)]
    pub to: Vec<String>,
    /// The opening paragraph; default one citing the year's plan.
    pub intro: Option<String>,
    pub sections: Vec<Section>,
    /// Funding used, by source (the plan's funding gives what was planned).
    #[serde(default)]
    pub funding: Vec<SpentFunding>,
    pub closing: String,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    pub archive: String,
    pub signer: Option<Signer>,
}

/// Funding of one source over the year.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SpentFunding {
    /// As the plan names it.
    pub source: String,
    /// Planned, when the plan does not say it.
    pub planned: Option<u64>,
    pub spent: u64,
}
