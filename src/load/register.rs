//! The product register a YAML file names (`register: { file: … }`),
//! read by the spreadsheet reader with the register's columns, and the
//! office's own table of communes if it gives one. Rows written in the
//! YAML itself are typed by the model and checked in `validate`.

use std::path::{Path, PathBuf};

use super::products::{self, RegisterRow, SheetRow};
use super::{Loaded, files};
use crate::diag::Diagnostic;
use crate::places;

/// A register read from a spreadsheet.
pub struct RegisterFile {
    pub file: PathBuf,
    pub rows: Vec<SheetRow<RegisterRow>>,
}

/// Reads what `register:` names beside the YAML file.
pub(super) fn read(loaded: &mut Loaded, dir: &Path) {
    let Some(spec) = loaded.model.as_ref().and_then(|m| m.register.clone()) else {
        return;
    };
    if let Some(name) = &spec.file {
        match files::inside(dir, name) {
            Ok(path) => {
                let columns = spec.columns.clone().unwrap_or_default();
                let sheet = products::read_register(&path, spec.sheet.as_deref(), &columns);
                loaded.problems.extend(sheet.diagnostics);
                loaded.register = Some(RegisterFile {
                    file: path,
                    rows: sheet.rows,
                });
            }
            Err((msg, hint)) => loaded
                .problems
                .push(loaded.source.error_at("register.file", msg).hint(hint)),
        }
    }
    if let Some(name) = &spec.communes_file {
        match communes(dir, name) {
            Ok(table) => loaded.communes = Some(table),
            Err(d) => loaded
                .problems
                .push(loaded.source.locate(d.field("register.communes_file"))),
        }
    }
}

/// Far above a country's communes (the built-in table is under 1 MB).
const MAX_COMMUNES_BYTES: u64 = 16 << 20;

/// The office's table of communes, in the form of the built-in one.
fn communes(dir: &Path, name: &str) -> Result<places::Table, Diagnostic> {
    let path = files::inside(dir, name).map_err(|(m, h)| Diagnostic::error(m).hint(h))?;
    // Bounded and regular, as every input: a named pipe would block, a
    // device never end.
    let text = crate::regular::read(&path, MAX_COMMUNES_BYTES).map_err(|r| {
        Diagnostic::error(format!("không đọc được tệp ({})", r.reason())).file(&path)
    })?;
    let text = crate::text::decode(&text).map_err(|_| {
        Diagnostic::error("tệp danh mục xã không phải văn bản Unicode (UTF-8 hoặc UTF-16)")
            .file(&path)
            .hint("lưu lại tệp dạng văn bản UTF-8")
    })?;
    places::Table::parse(&text).map_err(|(line, message)| {
        Diagnostic::error(format!("danh mục xã, dòng {line}: {message}"))
            .file(&path)
            .hint("mỗi dòng: tỉnh<TAB>xã mới<TAB>xã cũ|huyện cũ|tỉnh cũ|1 nếu chỉ một phần")
    })
}
