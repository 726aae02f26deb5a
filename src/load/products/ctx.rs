//! Where a product table is (file, sheet, date system, kind of list), so
//! every stage of reading it can place its messages at a cell or a line.
//! Its own module so that the stages below the table reader need not
//! reach back up into it.

use std::path::Path;

use super::grid::{cell_name, column_name};
use super::header::ListKind;
use crate::diag::Diagnostic;

/// Where the table is, for messages about it.
pub(super) struct Ctx<'a> {
    pub path: &'a Path,
    pub sheet: Option<&'a str>,
    pub is_1904: bool,
    /// A round's list or the register.
    pub kind: ListKind,
}

impl Ctx<'_> {
    /// A diagnostic at a cell (workbook) or a line and column (CSV).
    pub fn at(&self, mut d: Diagnostic, row: u32, col: Option<u32>) -> Diagnostic {
        d = d.file(self.path);
        match (self.sheet, col) {
            (Some(s), Some(c)) => d.sheet(s).cell(cell_name(c, row)),
            (Some(s), None) => {
                d.message = format!("{} (dòng {row})", d.message);
                d.sheet(s)
            }
            (None, Some(c)) => {
                d.message = format!("{} (dòng {row}, cột {})", d.message, column_name(c));
                d
            }
            (None, None) => {
                d.message = format!("{} (dòng {row})", d.message);
                d
            }
        }
    }

    pub fn whole(&self, d: Diagnostic) -> Diagnostic {
        let d = d.file(self.path);
        match self.sheet {
            Some(s) => d.sheet(s),
            None => d,
        }
    }

    /// "ô G5" or "dòng 5, cột G", inside a sentence.
    pub fn place(&self, row: u32, col: u32) -> String {
        match self.sheet {
            Some(_) => format!("ô {}", cell_name(col, row)),
            None => format!("dòng {row}, cột {}", column_name(col)),
        }
    }
}
