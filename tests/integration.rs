//! The integration tests, one binary: each file beside this one is a
//! module of it, so the Typst stack is linked once, not once per file.
//! Run one group with `cargo test --test integration sheets::`.

mod common;

mod architecture;
mod certificates;
mod cli;
mod docx;
mod errors;
mod examples;
mod fonts;
mod fuzz;
mod hints;
mod hostile;
mod import;
mod import_bounds;
mod import_cli;
mod import_corpus;
mod import_formats;
mod import_roundtrip;
mod import_tables;
mod layout;
mod outputs;
mod pdf_hygiene;
mod register;
mod register_write;
mod report;
mod scaffold;
mod schema;
mod sheets;
mod signing;
mod special_files;
mod tables;
mod templates;
mod watch;
