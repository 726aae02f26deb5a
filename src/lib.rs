//! ocop: Vietnamese OCOP programme documents from YAML to PDF in the
//! layout of Nghị định 30/2020/NĐ-CP.
//!
//! The data flows one way, each stage a module that only uses the ones
//! before it:
//!
//! ```text
//! load → validate → compose → markup → compile → write
//!                            ╰──────→ docx ──────╯
//! ```
//!
//! `pipeline` runs one file through load, validate and compose; `bulk`
//! schedules the composed documents over every core through markup,
//! compile and write, with the templates and fonts a `session` loads once;
//! `run` owns what one command does with its inputs and outputs, and
//! returns the outcome the command prints.
//! Below the stages sit the shared vocabulary (`diag`, `model`, `doc`) and
//! pure knowledge (`regime`, `vn`, `numbering`, `naming`, `units`,
//! `timeline`, `qr`, `text`). The command line (`src/main.rs`, `src/cli.rs`,
//! `src/cmd/`) is the binary's and only calls these.

// Diagnostics are returned on the cold path only; boxing them would buy
// nothing measurable and cost readability everywhere they are built.
#![allow(clippy::result_large_err)]

pub mod diag;
pub mod doc;
pub mod fonts;
pub mod issuance;
pub mod memory;
pub mod model;
pub mod naming;
pub mod nd30;
pub mod number;
pub mod numbering;
pub mod pdf_standard;
pub mod places;
pub mod provinces;
pub mod qr;
pub mod regime;
pub mod regular;
pub mod scaffold;
pub mod schema;
pub mod table;
pub mod text;
pub mod timeline;
pub mod units;
pub mod vn;
pub mod watchdog;

pub mod compile;
pub mod compose;
pub mod docx;
pub mod import;
pub mod load;
pub mod markup;
pub mod sign;
pub mod validate;
pub mod write;

pub mod bulk;
pub mod pipeline;
pub mod run;
pub mod session;
