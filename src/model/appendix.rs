//! A plan's appendices (Phụ lục, NĐ 30 Mẫu 2.1): the assignment table made
//! from the plan's own tasks, the funding table, or the author's text and
//! tables.

use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use super::{Block, any_of};

/// A Phụ lục after the plan's signature, with its own page numbers.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanAppendix {
    /// How the body refers to it (`appendix: tasks`); default `tasks` for
    /// the assignment table, `funding` for the funding table.
    pub key: Option<String>,
    /// Printed in capitals; a default for the tasks and the funding.
    pub title: Option<String>,
    /// The plan's tasks as the assignment table.
    pub tasks: Option<TaskTable>,
    /// The plan's funding (`plan.funding`) as a table.
    #[serde(default)]
    pub funding: bool,
    /// Text and tables of the author's own.
    #[serde(default)]
    pub body: Vec<Block>,
    /// Landscape pages; default: when a table has more than five columns.
    pub landscape: Option<bool>,
}

/// The assignment table: how it numbers the tasks and what the body keeps.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskTable {
    pub enabled: bool,
    pub numbering: TaskNumbering,
    pub body: TaskBody,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct TaskTableFields {
    /// `plan`: the numbers the body gives the tasks, under their headings;
    /// `own`: 1, 2, 3 …
    #[serde(default)]
    numbering: TaskNumbering,
    /// What the body keeps of each task: `all`, `content` or `none`.
    #[serde(default)]
    body: TaskBody,
}

one_of!(
    TaskTable,
    "true, hoặc { numbering: plan | own, body: all | content | none }",
    yes_no |b| TaskTable {
        enabled: b,
        ..Default::default()
    },
    map<TaskTableFields> |m| TaskTable {
        enabled: true,
        numbering: m.numbering,
        body: m.body,
    },
);

/// How the assignment table numbers its rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskNumbering {
    /// As the body numbers them, under the headings they stand in.
    #[default]
    Plan,
    /// 1, 2, 3 … in plan order.
    Own,
}

/// What the body keeps of a task shown in the assignment table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskBody {
    /// Every line, as without the table.
    #[default]
    All,
    /// The content line only; units, timeline, result and funding are in the table.
    Content,
    /// Nothing: the headings stay, the tasks are in the table.
    None,
}
