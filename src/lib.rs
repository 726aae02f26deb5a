//! ocop: Vietnamese OCOP programme documents from YAML to PDF in the
//! layout of Nghị định 30/2020/NĐ-CP.
//!
//! The data flows one way: `load` → `validate` → `compose` → `render`
//! (tera → Typst markup) → `engine` (Typst → PDF) → `output`.

// Diagnostics are returned on the cold path only; boxing them would buy
// nothing measurable and cost readability everywhere they are built.
#![allow(clippy::result_large_err)]

pub mod app;
pub mod bulk;
pub mod compile;
pub mod compose;
pub mod diag;
pub mod doc;
pub mod docx;
pub mod load;
pub mod markup;
pub mod model;
pub mod regime;
pub mod text;
pub mod timeline;
pub mod validate;
pub mod vn;
pub mod write;
