//! The plan's funding as numbers: the sources (ngân sách trung ương, ngân
//! sách tỉnh, lồng ghép, xã hội hóa …), amounts by task and by item, and
//! any total the author states, which is checked against its parts.

use std::collections::BTreeMap;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};

use super::{FundingSource, any_of, text_only};
use crate::model::table::VERBATIM;

/// An amount exactly as typed ("1.250.000.000", 250, "1,5"), read as a
/// number the Vietnamese way when checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Amount(pub String);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("một số tiền, ví dụ 1.250.000.000 hoặc 250")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Amount, E> {
                Ok(Amount(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Amount, E> {
                Ok(Amount(String::new()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Amount, E> {
                Ok(Amount(v.to_string()))
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Amount, D::Error> {
                d.deserialize_any(self)
            }
        }
        d.deserialize_newtype_struct(VERBATIM, V)
    }
}

impl JsonSchema for Amount {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Amount".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["number", "string"] })
    }
}

/// The plan's funding: its sources, amounts not tied to a task, and the
/// totals the author states.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Funding {
    /// Đơn vị tính of every amount: "đồng" (default), "nghìn đồng",
    /// "triệu đồng" or "tỷ đồng".
    pub unit: Option<String>,
    /// The sources, in the order the table's columns show them.
    pub sources: Vec<DeclaredSource>,
    /// Amounts for work that is not one of the plan's tasks.
    #[serde(default)]
    pub items: Vec<FundingItem>,
    /// The grand total as the author states it; checked.
    pub total: Option<Amount>,
}

/// A source of funding, named once; amounts refer to it by its key.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclaredSource {
    pub key: String,
    /// "Ngân sách trung ương"
    pub name: String,
    /// This source's total as stated; checked.
    pub total: Option<Amount>,
}

/// A line of the funding table that is not a task.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingItem {
    pub content: String,
    /// Amount by source key.
    #[serde(default)]
    pub amounts: BTreeMap<String, Amount>,
    /// The line's total as stated; checked.
    pub total: Option<Amount>,
}

/// A `funding:` block of the body: lines typed out (source and amount),
/// or a view of the plan's funding: `total`, `sources` or `table`.
#[derive(Debug, Clone, PartialEq)]
pub enum FundingBlock {
    Lines(Vec<FundingSource>),
    View(String),
}

one_of!(
    FundingBlock,
    "danh sách nguồn [{ source, amount }], hoặc total / sources / table (lấy từ plan.funding)",
    list<Vec<FundingSource>> |lines| FundingBlock::Lines(lines),
    text |s| FundingBlock::View(s.to_string()),
);

impl FundingBlock {
    /// The views of the plan's funding a block can show.
    pub const VIEWS: &[&str] = &["total", "sources", "table"];
}
