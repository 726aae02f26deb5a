//! Tables the author writes (`table:`), the one table form of every
//! document kind: columns, header rows with merged cells, body rows, and a
//! totals row whose sums ocop computes.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{any_of, text_only};

/// The name a type gives `deserialize_newtype_struct` to be handed its
/// scalar exactly as typed: a plain `1.250` stays the text "1.250" (one
/// thousand two hundred and fifty, as Vietnamese write it), not YAML's
/// float 1.25; `012` stays "012".
pub const VERBATIM: &str = "$ocop::verbatim";

/// A table: its columns, header rows above the columns' titles (for merged
/// header cells), the body rows and a totals row.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Caption above the table, bold and centred.
    pub title: Option<String>,
    /// "Đơn vị tính: triệu đồng", in italics at the right above the table.
    pub unit: Option<String>,
    pub columns: Vec<TableColumn>,
    /// Rows above the columns' titles, each a list of cells that may span
    /// columns (`cols`) and rows (`rows`, down into the titles' row).
    #[serde(default)]
    pub header: Vec<Vec<Cell>>,
    #[serde(default)]
    pub rows: Vec<TableRow>,
    /// A totals row after the body: `true`, its label, or the row as
    /// written, whose sums are checked and whose empty cells are filled.
    pub total: Option<TableTotal>,
}

/// A column: its title, width, alignment, and whether it holds numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TableColumn {
    pub title: Option<String>,
    pub width: Option<u32>,
    pub align: Option<Align>,
    pub number: bool,
    pub sum: bool,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ColumnFields {
    /// The column's title in the header.
    title: Option<String>,
    /// Relative width: a column `width: 4` is four times one of `width: 1`.
    width: Option<u32>,
    /// left, center or right.
    align: Option<Align>,
    /// Numbers, written the Vietnamese way (1.250.000; 2,5), right-aligned.
    #[serde(default)]
    number: bool,
    /// Summed in the totals row (a number column).
    #[serde(default)]
    sum: bool,
}

one_of!(
    TableColumn,
    "tiêu đề cột, hoặc { title, width, align, number, sum }",
    text |s| TableColumn {
        title: Some(s.to_string()),
        ..Default::default()
    },
    map<ColumnFields> |m| TableColumn {
        title: m.title,
        width: m.width,
        align: m.align,
        number: m.number,
        sum: m.sum,
    },
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Align {
    Left,
    Center,
    Right,
}

impl Align {
    /// As templates and Word name it.
    pub fn name(self) -> &'static str {
        match self {
            Align::Left => "left",
            Align::Center => "center",
            Align::Right => "right",
        }
    }
}

/// A cell: text or a number as typed, or a cell that spans columns or
/// rows, is aligned its own way or set in bold.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Fields(CellFields),
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CellFields {
    #[serde(default)]
    pub text: String,
    /// Columns the cell spans (merged to the right).
    pub cols: Option<u32>,
    /// Rows the cell spans (merged downwards).
    pub rows: Option<u32>,
    pub align: Option<Align>,
    pub bold: Option<bool>,
}

impl Cell {
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(t) => t,
            Cell::Fields(f) => &f.text,
        }
    }

    pub fn fields(&self) -> Option<&CellFields> {
        match self {
            Cell::Text(_) => None,
            Cell::Fields(f) => Some(f),
        }
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Cell;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("nội dung ô (văn bản hoặc số), hoặc { text, cols, rows, align, bold }")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
                Ok(Cell::Text(String::new()))
            }
            // Readers that do not keep scalars as typed.
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell::Text(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, access: A) -> Result<Cell, A::Error> {
                CellFields::deserialize(de::value::MapAccessDeserializer::new(access))
                    .map(Cell::Fields)
            }
            fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Cell, D::Error> {
                d.deserialize_any(self)
            }
        }
        d.deserialize_newtype_struct(VERBATIM, V)
    }
}

impl JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        any_of(vec![
            json_schema!({ "type": ["string", "number", "null"] }),
            g.subschema_for::<CellFields>(),
        ])
    }
}

/// A body row: its cells, or a group title spanning the table.
#[derive(Debug, Clone, PartialEq)]
pub enum TableRow {
    Cells(Vec<Cell>),
    Fields(RowFields),
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowFields {
    pub cells: Option<Vec<Cell>>,
    /// A title spanning every column ("I. NHÓM THỰC PHẨM"), in bold.
    pub group: Option<String>,
    /// The whole row in bold.
    pub bold: Option<bool>,
}

one_of!(
    TableRow,
    "một dòng [ô, ô, …], hoặc { cells: [...], bold }, hoặc { group: tiêu đề nhóm }",
    list<Vec<Cell>> |cells| TableRow::Cells(cells),
    map<RowFields> |m| TableRow::Fields(m),
);

/// The totals row: computed (`true`, or its label), or written out as
/// the author's document has it, its sums checked.
#[derive(Debug, Clone, PartialEq)]
pub enum TableTotal {
    Computed(bool),
    Label(String),
    Row(Vec<Cell>),
}

one_of!(
    TableTotal,
    "true (dòng \"Tổng cộng\" tự cộng), nhãn của dòng tổng, hoặc dòng tổng [ô, ô, …]",
    yes_no |b| TableTotal::Computed(b),
    text |s| TableTotal::Label(s.to_string()),
    list<Vec<Cell>> |cells| TableTotal::Row(cells),
);
