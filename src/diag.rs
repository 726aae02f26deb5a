//! Diagnostics in the style of rustc and typst, in Vietnamese:
//!
//! ```text
//! lỗi: ngày không có thật: 30/02/2027
//!   --> plans/x.yaml:12:9
//!    |
//! 12 |   date: 30/02/2027
//!    |         ^
//!    = trường: plan.date
//!    = gợi ý: kiểm tra lại ngày và tháng
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub file: Option<PathBuf>,
    pub pos: Option<Pos>,
    /// The field path in the YAML, e.g. `plan.sections[2].task[1].timeline`.
    pub field: Option<String>,
    pub hint: Option<String>,
    /// The source line at `pos`, quoted under the location.
    pub snippet: Option<String>,
    /// The printed numbers of the sections `field` lies in, by their path
    /// (`plan.sections[2]` → `III`), shown beside the path.
    pub numbers: Vec<(String, String)>,
    /// The spreadsheet's sheet (trang tính), for problems found in a workbook.
    pub sheet: Option<String>,
    /// The cell as the spreadsheet program shows it, e.g. `G5`.
    pub cell: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            file: None,
            pos: None,
            field: None,
            hint: None,
            snippet: None,
            numbers: Vec::new(),
            sheet: None,
            cell: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn field(mut self, path: impl Into<String>) -> Self {
        self.field = Some(path.into());
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn sheet(mut self, name: impl Into<String>) -> Self {
        self.sheet = Some(name.into());
        self
    }

    pub fn cell(mut self, cell: impl Into<String>) -> Self {
        self.cell = Some(cell.into());
        self
    }

    pub fn at(mut self, pos: Option<Pos>) -> Self {
        self.pos = pos;
        self
    }

    /// Quotes `line` (the source line at the position) under the location.
    pub fn snippet(mut self, line: Option<&str>) -> Self {
        self.snippet = line.map(|l| truncate_chars(l, MAX_SNIPPET_CHARS).to_string());
        self
    }

    /// Puts a field named relative to a part of the file under that part's
    /// path: `score` within `certificates.products[2]`.
    pub fn within(mut self, prefix: &str) -> Self {
        self.field = Some(match self.field.take() {
            Some(f) if prefix.is_empty() => f,
            Some(f) => format!("{prefix}.{f}"),
            None => prefix.to_string(),
        });
        self
    }

    /// Keeps, of `outline` (the path and printed number of every numbered
    /// section of the file), the sections the field lies in.
    pub fn number_sections(&mut self, outline: &[(String, String)]) {
        let Some(field) = &self.field else { return };
        self.numbers = outline
            .iter()
            .filter(|(path, _)| {
                field
                    .strip_prefix(path.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
            })
            .cloned()
            .collect();
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic as the user reads it.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "lỗi",
            Severity::Warning => "cảnh báo",
        };
        let _ = writeln!(
            out,
            "{label}: {}",
            shorten(&self.message, MAX_MESSAGE_CHARS)
        );
        let gutter = self
            .pos
            .map(|p| p.line.to_string().len())
            .unwrap_or(1)
            .max(1);
        let pad = " ".repeat(gutter);
        if let Some(file) = &self.file {
            match self.pos {
                Some(p) => {
                    let _ = writeln!(out, "{pad}--> {}:{}:{}", display_path(file), p.line, p.col);
                }
                None => {
                    let mut place = display_path(file);
                    if let Some(sheet) = &self.sheet {
                        let _ = write!(place, ", trang tính \"{sheet}\"");
                    }
                    if let Some(cell) = &self.cell {
                        let _ = write!(place, ", ô {cell}");
                    }
                    let _ = writeln!(out, "{pad}--> {place}");
                }
            }
        }
        if let (Some(text), Some(pos)) = (&self.snippet, self.pos) {
            let (shown, col) = window(text, pos.col.saturating_sub(1));
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", pos.line, shown);
            // The caret sits under the column, counted in characters.
            let offset: String = shown
                .chars()
                .take(col)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} | {offset}^");
        }
        if let Some(field) = &self.field {
            let _ = writeln!(out, "{pad} = trường: {}", shown_field(field, &self.numbers));
        }
        if let Some(hint) = &self.hint {
            let _ = writeln!(out, "{pad} = gợi ý: {}", shorten(hint, MAX_MESSAGE_CHARS));
        }
        out
    }
}

/// A field path as the user counts: list positions from 1, and a numbered
/// section with the number the document prints beside it (`numbers`: path
/// → number). `plan.sections[2].task[0].timeline` with `plan.sections[2]`
/// printed III reads `plan.sections[3] (mục III) › task[1].timeline`.
pub fn shown_field(field: &str, numbers: &[(String, String)]) -> String {
    let mut out = String::with_capacity(field.len() + 16);
    let mut after_number = false;
    let mut rest = field.char_indices().peekable();
    while let Some((i, c)) = rest.next() {
        match c {
            '[' => {
                let Some(close) = field[i..].find(']').map(|n| i + n) else {
                    out.push_str(&field[i..]);
                    break;
                };
                let inside = &field[i + 1..close];
                match inside.parse::<usize>() {
                    Ok(n) if inside.bytes().all(|b| b.is_ascii_digit()) => {
                        out.push_str(&format!("[{}]", n + 1));
                    }
                    _ => out.push_str(&field[i..=close]),
                }
                while rest.peek().is_some_and(|(j, _)| *j <= close) {
                    rest.next();
                }
                if let Some((_, number)) = numbers.iter().find(|(p, _)| p == &field[..=close]) {
                    out.push_str(&format!(" (mục {number})"));
                    after_number = true;
                }
            }
            '.' if after_number => {
                out.push_str(" › ");
                after_number = false;
            }
            c => out.push(c),
        }
    }
    out
}

/// A quoted source line is cut to this many characters around the column.
const SNIPPET_WIDTH: usize = 160;
const MAX_SNIPPET_CHARS: usize = 4096;
/// Messages echo values the user typed; a pasted megabyte must not come back.
const MAX_MESSAGE_CHARS: usize = 600;

fn truncate_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// `text` cut to at most `max` characters, with "…" where it was cut.
pub fn shorten(text: &str, max: usize) -> String {
    let cut = truncate_chars(text, max);
    if cut.len() == text.len() {
        text.to_string()
    } else {
        format!("{cut}…")
    }
}

/// A value the user typed, quoted in a message: short values whole, long
/// ones cut with "…".
pub fn quote(value: &str) -> String {
    shorten(value.trim(), 60)
}

/// The part of a long line around character `col`, and the column within it.
fn window(line: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= SNIPPET_WIDTH {
        return (line.to_string(), col);
    }
    let start = col
        .saturating_sub(SNIPPET_WIDTH / 2)
        .min(chars.len() - SNIPPET_WIDTH);
    let end = start + SNIPPET_WIDTH;
    let mut shown = String::new();
    let mut col_in = col - start;
    if start > 0 {
        shown.push('…');
        col_in += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, col_in)
}

/// Paths are shown with forward slashes so messages read the same everywhere.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// Edit-distance suggestion for "did you mean …".
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Why a file could not be read, in Vietnamese.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "không tìm thấy tệp".into(),
        std::io::ErrorKind::PermissionDenied => "không có quyền truy cập".into(),
        std::io::ErrorKind::IsADirectory => "đây là một thư mục, không phải tệp".into(),
        std::io::ErrorKind::StorageFull => "ổ đĩa đã đầy".into(),
        std::io::ErrorKind::OutOfMemory => "không đủ bộ nhớ".into(),
        std::io::ErrorKind::NotADirectory => {
            "một phần của đường dẫn là tệp, không phải thư mục".into()
        }
        std::io::ErrorKind::InvalidFilename => {
            "tên tệp không hợp lệ (quá dài hoặc có ký tự không được phép)".into()
        }
        std::io::ErrorKind::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc".into(),
        std::io::ErrorKind::ResourceBusy => "tệp đang bị chương trình khác giữ".into(),
        // ELOOP has no stable ErrorKind yet.
        _ if cfg!(unix) && e.raw_os_error() == Some(ELOOP) => {
            "đường dẫn là một vòng liên kết (liên kết trỏ về chính nó)".into()
        }
        _ => format!("lỗi hệ thống ({e})"),
    }
}

/// "Too many levels of symbolic links" on Linux (40) and the BSDs and macOS (62).
const ELOOP: i32 = if cfg!(target_os = "linux") { 40 } else { 62 };

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_reasons_are_vietnamese() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&a, &b).unwrap();
            std::os::unix::fs::symlink(&b, &a).unwrap();
            let e = std::fs::read(&a).unwrap_err();
            assert!(io_reason(&e).starts_with("đường dẫn là một vòng liên kết"));
        }
        let e = std::io::Error::other("x");
        assert_eq!(io_reason(&e), "lỗi hệ thống (x)");
    }

    #[test]
    fn renders_with_caret_under_column() {
        let src = "plan:\n  date: 30/02/2027\n";
        let d = Diagnostic::error("ngày không có thật: 30/02/2027")
            .file("plans/x.yaml")
            .at(Some(Pos { line: 2, col: 9 }))
            .field("plan.date")
            .hint("kiểm tra lại ngày và tháng");
        let text = d.snippet(src.lines().nth(1)).render();
        assert_eq!(
            text,
            "lỗi: ngày không có thật: 30/02/2027\n --> plans/x.yaml:2:9\n  |\n2 |   date: 30/02/2027\n  |         ^\n  = trường: plan.date\n  = gợi ý: kiểm tra lại ngày và tháng\n"
        );
    }

    #[test]
    fn long_lines_and_values_are_cut() {
        let long = "x".repeat(10_000);
        let d = Diagnostic::error(format!("giá trị `{long}`"))
            .file("a.yaml")
            .at(Some(Pos {
                line: 1,
                col: 5_000,
            }))
            .snippet(Some(&long));
        let text = d.render();
        assert!(text.len() < 2_000, "{}", text.len());
        assert!(text.contains("…"));
        assert_eq!(quote(&"y".repeat(100)).chars().count(), 61);
    }

    #[test]
    fn field_paths_count_from_one_and_name_printed_sections() {
        let numbers = vec![
            ("plan.sections[2]".to_string(), "III".to_string()),
            (
                "plan.sections[2].sections[0]".to_string(),
                "III.1".to_string(),
            ),
        ];
        assert_eq!(
            shown_field("plan.sections[2].task[1]", &numbers[..1]),
            "plan.sections[3] (mục III) › task[2]"
        );
        assert_eq!(
            shown_field("plan.sections[2].sections[0].task[0].timeline", &numbers),
            "plan.sections[3] (mục III) › sections[1] (mục III.1) › task[1].timeline"
        );
        assert_eq!(
            shown_field("decisions[0].products[9].score", &[]),
            "decisions[1].products[10].score"
        );
        assert_eq!(shown_field("units.Sở Y tế", &[]), "units.Sở Y tế");
        assert_eq!(shown_field("a[x].b[", &[]), "a[x].b[");
    }

    #[test]
    fn a_diagnostic_keeps_the_sections_its_field_lies_in() {
        let outline = vec![
            ("plan.sections[1]".to_string(), "II".to_string()),
            ("plan.sections[10]".to_string(), "XI".to_string()),
            (
                "plan.sections[1].sections[0]".to_string(),
                "II.1".to_string(),
            ),
        ];
        let mut d = Diagnostic::error("x").field("plan.sections[1].task[0]");
        d.number_sections(&outline);
        assert_eq!(d.numbers, outline[..1]);
        assert!(
            d.render()
                .contains("= trường: plan.sections[2] (mục II) › task[1]")
        );
    }

    #[test]
    fn renders_sheet_and_cell() {
        let d = Diagnostic::error("điểm `abc` không phải là số")
            .file("ds.xlsx")
            .sheet("DS")
            .cell("G5")
            .hint("ghi điểm bằng số");
        assert_eq!(
            d.render(),
            "lỗi: điểm `abc` không phải là số\n --> ds.xlsx, trang tính \"DS\", ô G5\n  = gợi ý: ghi điểm bằng số\n"
        );
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(
            did_you_mean("titel", ["title", "date", "number"]),
            Some("title")
        );
        assert_eq!(did_you_mean("xyz", ["title", "date"]), None);
    }
}
