//! Load: every file a run reads. The YAML (decoded, parsed once into a tree
//! that keeps positions, read into the typed model with every structural
//! problem reported), then the files it names beside itself: product list
//! spreadsheets and the certificate logo. Nothing here knows OCOP rules;
//! `validate` checks them.

pub mod de;
pub mod files;
pub mod hints;
pub mod indent;
pub mod positions;
pub mod products;
pub mod register;
pub mod slips;
pub mod source;
pub mod syntax;
pub mod textcheck;
pub mod yaml;

use std::path::{Path, PathBuf};

pub use files::Image;
pub use source::SourceFile;

use crate::diag::Diagnostic;
use crate::model::{ColumnMap, PlanFile};
use crate::pdf_standard::PdfStandard;
use positions::Positions;

/// What the command line adds to a file: a product list that replaces the
/// certificates' own, and how its documents are issued.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub products: Option<PathBuf>,
    pub sheet: Option<String>,
    pub issuance: IssuanceChoice,
}

/// `--electronic`, `--pdf-standard`, `--separate-appendices`: they win
/// over the file's own `electronic:`, `pdf_standard:` and
/// `separate_appendices:`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IssuanceChoice {
    pub electronic: bool,
    pub pdf_standard: Option<PdfStandard>,
    pub separate_appendices: bool,
}

impl IssuanceChoice {
    fn apply(self, model: &mut PlanFile) {
        model.electronic |= self.electronic;
        model.separate_appendices |= self.separate_appendices;
        if let Some(standard) = self.pdf_standard {
            model.pdf_standard = Some(standard);
        }
    }
}

/// Which part of a file takes a product list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListUser {
    /// `certificates:` (or the command line's `--products`).
    Certificates,
    /// `decisions[i]`, a results decision.
    Decision(usize),
}

/// A product list read from a spreadsheet, and who takes it. One file
/// named twice (the results decision and the certificates of one round)
/// is read once.
pub struct ProductList {
    pub users: Vec<ListUser>,
    pub file: PathBuf,
    pub sheet: Option<String>,
    pub columns: ColumnMap,
    pub rows: Vec<products::SheetRow>,
}

/// One YAML file and everything it names, as read.
pub struct Loaded {
    pub source: SourceFile,
    /// The typed model; None when the file could not be read into one.
    pub model: Option<PlanFile>,
    /// Field paths whose values were missing or unreadable and were filled
    /// in so the rest could be checked; their problems are already reported.
    pub filled: Vec<String>,
    /// Mappings that held an unknown key: what is wrong with them is that
    /// key, already reported.
    pub misspelt: Vec<String>,
    /// Every text value with its field path, for the font check.
    pub texts: Vec<(String, String)>,
    pub lists: Vec<ProductList>,
    pub logo: Option<Image>,
    /// The product register, when `register:` names a spreadsheet.
    pub register: Option<register::RegisterFile>,
    /// The office's own table of communes (`register.communes_file`).
    pub communes: Option<crate::places::Table>,
    pub problems: Vec<Diagnostic>,
}

impl Loaded {
    fn new(source: SourceFile) -> Loaded {
        Loaded {
            source,
            model: None,
            filled: Vec::new(),
            misspelt: Vec::new(),
            texts: Vec::new(),
            lists: Vec::new(),
            logo: None,
            register: None,
            communes: None,
            problems: Vec::new(),
        }
    }

    /// The product list `user` takes, if it names a spreadsheet.
    pub fn list_for(&self, user: ListUser) -> Option<&ProductList> {
        self.lists.iter().find(|l| l.users.contains(&user))
    }

    /// Whether a problem at `field` follows from one already reported: a
    /// value filled in for a missing or unreadable one (or anything under
    /// it), or a mapping that held an unknown key.
    pub fn is_reported(&self, field: &str) -> bool {
        self.misspelt.iter().any(|m| m == field)
            || self.filled.iter().any(|f| {
                field == f
                    || field
                        .strip_prefix(f.as_str())
                        .is_some_and(|rest| rest.starts_with(['.', '[']))
            })
    }
}

/// Reads `path` and what it names. Err when the file itself cannot be read.
pub fn load(path: &Path, options: &LoadOptions) -> Result<Loaded, Diagnostic> {
    let source = SourceFile::read(path)?;
    Ok(load_source(source, options))
}

/// [`load`] for a source already read.
pub fn load_source(source: SourceFile, options: &LoadOptions) -> Loaded {
    let mut loaded = Loaded::new(source);
    if loaded.source.text.trim().is_empty() {
        loaded.problems.push(
            Diagnostic::error("tệp rỗng")
                .file(&loaded.source.path)
                .hint("bắt đầu từ một kế hoạch mẫu trong thư mục plans/, hoặc chạy `ocop new`"),
        );
        return loaded;
    }
    // Control characters would make YAML misread the structure: reported
    // before parsing, at their place.
    let control = control_characters(&loaded.source);
    if !control.is_empty() {
        loaded.problems = control;
        return loaded;
    }
    let Some(parsed) = parse(&mut loaded) else {
        return loaded;
    };
    let source = &loaded.source;
    loaded
        .problems
        .extend(parsed.problems.into_iter().map(|d| source.locate(d)));
    let Some(mut root) = parsed.root else {
        loaded.problems.push(
            Diagnostic::error("tệp rỗng")
                .file(&loaded.source.path)
                .hint("bắt đầu từ một kế hoạch mẫu trong thư mục plans/, hoặc chạy `ocop new`"),
        );
        return loaded;
    };
    let slips = slips::find(&loaded.source, &mut root);
    loaded.source.positions = Positions::of(&root);
    loaded.texts = root
        .strings()
        .into_iter()
        .filter_map(|(path, node)| match &node.value {
            yaml::Value::Scalar { text, .. } if !node.is_null() => Some((path, text.clone())),
            _ => None,
        })
        .collect();
    let char_problems = char_problems(&loaded.source, &loaded.texts);
    loaded.problems.extend(char_problems);
    let typed = de::from_tree::<PlanFile>(root);
    let source = &loaded.source;
    // A slip already says what is wrong with its value.
    let said: Vec<_> = slips.iter().map(|d| d.pos).collect();
    loaded.problems.extend(slips);
    loaded.problems.extend(
        typed
            .problems
            .into_iter()
            .filter(|d| d.pos.is_none() || !said.contains(&d.pos))
            .map(|d| with_colon_fix(source, source.locate(d))),
    );
    loaded.filled = typed.filled;
    loaded.misspelt = typed.misspelt;
    loaded.model = typed.value;
    if let Some(model) = &mut loaded.model {
        options.issuance.apply(model);
    }
    read_named_files(&mut loaded, options);
    loaded
}

/// When YAML took a line of text for a "key: value" pair (a colon in the
/// text), show the line as it should be written, in quotes.
fn with_colon_fix(source: &SourceFile, d: Diagnostic) -> Diagnostic {
    if !d.message.starts_with(de::COLON_TRAP) {
        return d;
    }
    match d
        .pos
        .and_then(|p| source.line(p.line))
        .and_then(syntax::quoted_fix)
    {
        Some(fixed) => {
            let hint = format!("đặt cả dòng trong ngoặc kép: {}", fixed.trim());
            d.hint(hint)
        }
        None => d,
    }
}

/// Control characters come from pasting out of Word or PDF and make the
/// YAML unreadable or silently different.
fn control_characters(source: &SourceFile) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (i, line) in source.text.lines().enumerate() {
        for (col, c) in line.chars().enumerate() {
            if c.is_control() && c != '\t' {
                out.push(
                    source
                        .error_at_pos(
                            crate::diag::Pos {
                                line: i + 1,
                                col: col + 1,
                            },
                            format!("tệp có ký tự điều khiển không in được (U+{:04X})", c as u32),
                        )
                        .hint("xóa ký tự này; nó thường lẫn vào khi dán văn bản từ Word hoặc PDF"),
                );
            }
        }
        if out.len() >= 20 {
            break;
        }
    }
    out
}

/// The file's YAML tree, its problems located in the text as written.
/// Lines indented with Tabs (or spaces YAML does not count) are reported,
/// then read as meant ([`indent`]), so the rest of the file is checked
/// too. `None` when nothing can be read; the problems say why.
fn parse(loaded: &mut Loaded) -> Option<yaml::Parsed> {
    let odd = indent::odd_lines(&loaded.source.text);
    let Some(odd_problem) = indent::problem(&loaded.source, &odd) else {
        return match yaml::parse(&loaded.source.text) {
            Ok(parsed) => Some(parsed),
            Err(e) => {
                loaded.problems.push(syntax::explain(&loaded.source, &e));
                None
            }
        };
    };
    loaded.problems.push(odd_problem);
    let mut first_failure = None;
    for width in indent::widths(&loaded.source.text) {
        let (text, shifts) = indent::respaced(&loaded.source.text, &odd, width);
        match yaml::parse(&text) {
            Ok(mut parsed) => {
                if let Some(root) = &mut parsed.root {
                    shift_back(root, &shifts);
                }
                for d in &mut parsed.problems {
                    d.pos = d.pos.map(|p| indent::original(p, &shifts));
                }
                return Some(parsed);
            }
            Err(e) if first_failure.is_none() => first_failure = Some((text, e)),
            Err(_) => {}
        }
    }
    // A syntax error away from the odd lines is a problem of its own.
    if let Some((text, e)) = first_failure
        && let Some(line) = e.pos.map(|p| p.line)
        && !odd
            .iter()
            .any(|(p, _)| p.line == line || p.line + 1 == line)
    {
        let respaced = SourceFile::from_text(&loaded.source.path, &text);
        loaded.problems.push(syntax::explain(&respaced, &e));
    }
    None
}

/// Positions read in the respaced text, as written.
fn shift_back(node: &mut yaml::Node, shifts: &[indent::Shift]) {
    node.pos = indent::original(node.pos, shifts);
    match &mut node.value {
        yaml::Value::Seq(items) => items.iter_mut().for_each(|n| shift_back(n, shifts)),
        yaml::Value::Map(entries) => {
            for e in entries {
                e.key_pos = indent::original(e.key_pos, shifts);
                shift_back(&mut e.value, shifts);
            }
        }
        yaml::Value::Scalar { .. } | yaml::Value::Placeholder => {}
    }
}

/// Characters pasted text brings along that must not reach a document:
/// invisible, direction-changing, soft hyphens, symbol-font glyphs, towers
/// of combining marks, and text in a legacy 8-bit encoding (TCVN3, VNI)
/// read as Unicode. The same check as a spreadsheet cell's.
fn char_problems(source: &SourceFile, texts: &[(String, String)]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (path, value) in texts {
        for p in textcheck::check(value) {
            let message = match p.kind {
                textcheck::Kind::Legacy(_) => p.name,
                _ if p.count > 1 && p.kind != textcheck::Kind::CombiningRun => format!(
                    "văn bản có {} ở ký tự thứ {} ({} lần)",
                    p.name,
                    p.index + 1,
                    p.count
                ),
                _ => format!("văn bản có {} ở ký tự thứ {}", p.name, p.index + 1),
            };
            out.push(source.error_at(path, message).hint(p.hint));
        }
    }
    out
}

/// Reads the spreadsheets and the logo the model names (and the command
/// line's list), each once.
fn read_named_files(loaded: &mut Loaded, options: &LoadOptions) {
    let Some(model) = &loaded.model else { return };
    let dir = loaded
        .source
        .path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let mut problems = Vec::new();
    let wanted = wanted_lists(model, &dir, options, &loaded.source, &mut problems);
    if let Some(c) = &model.certificates
        && let Some(name) = &c.logo
    {
        match files::logo(&dir, name) {
            Ok(image) => loaded.logo = Some(image),
            Err((msg, hint)) => problems.push(
                (loaded.source)
                    .error_at("certificates.logo", msg)
                    .hint(hint),
            ),
        }
    }
    register::read(loaded, &dir);
    for w in wanted {
        read_list(loaded, w, &mut problems);
    }
    loaded.problems.extend(problems);
}

/// A product list a document asks for.
struct WantedList {
    user: ListUser,
    path: PathBuf,
    sheet: Option<String>,
    columns: ColumnMap,
}

/// The product lists the decisions and the certificates name (or the
/// command line's, for the certificates), each inside the plan's folder.
fn wanted_lists(
    model: &PlanFile,
    dir: &Path,
    options: &LoadOptions,
    source: &SourceFile,
    problems: &mut Vec<Diagnostic>,
) -> Vec<WantedList> {
    let mut wanted = Vec::new();
    let mut named = |user: ListUser,
                     field: &str,
                     name: &str,
                     sheet: &Option<String>,
                     columns: &Option<ColumnMap>| {
        match files::inside(dir, name) {
            Ok(path) => wanted.push(WantedList {
                user,
                path,
                sheet: sheet.clone(),
                columns: columns.clone().unwrap_or_default(),
            }),
            Err((msg, hint)) => problems.push(source.error_at(field, msg).hint(hint)),
        }
    };
    for (i, d) in model.decisions.iter().enumerate() {
        if let Some(name) = &d.products_file {
            let field = format!("decisions[{i}].products_file");
            named(ListUser::Decision(i), &field, name, &d.sheet, &d.columns);
        }
    }
    match (&options.products, &model.certificates) {
        (Some(path), c) => wanted.push(WantedList {
            user: ListUser::Certificates,
            path: path.clone(),
            sheet: options.sheet.clone(),
            columns: (c.as_ref())
                .and_then(|c| c.columns.clone())
                .unwrap_or_default(),
        }),
        (None, Some(c)) => {
            if let Some(name) = &c.products_file {
                let field = "certificates.products_file";
                named(ListUser::Certificates, field, name, &c.sheet, &c.columns);
            }
        }
        (None, None) => {}
    }
    wanted
}

/// Reads a list, unless another document asked for the same one.
fn read_list(loaded: &mut Loaded, w: WantedList, problems: &mut Vec<Diagnostic>) {
    let same =
        |l: &&mut ProductList| l.file == w.path && l.sheet == w.sheet && l.columns == w.columns;
    if let Some(list) = loaded.lists.iter_mut().find(same) {
        list.users.push(w.user);
        return;
    }
    let sheet_data = products::read_with(&w.path, w.sheet.as_deref(), &w.columns);
    problems.extend(sheet_data.diagnostics);
    loaded.lists.push(ProductList {
        users: vec![w.user],
        file: w.path,
        sheet: w.sheet,
        columns: w.columns,
        rows: sheet_data.rows,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Loaded {
        load_source(
            SourceFile::from_text(Path::new("t.yaml"), text),
            &LoadOptions::default(),
        )
    }

    #[test]
    fn a_misspelt_key_does_not_stop_the_reading() {
        let l = load_text(
            "issuer:\n  level: province\n  name: Lai Châu\nplan:\n  date: 31/02/2028\n  title: T\n  sections: []\n  closing: x\n  archive: VT.\n  signer: { name: A, title: B }\n  taks: []\n",
        );
        assert_eq!(l.problems.len(), 1, "{:?}", l.problems);
        assert!(l.problems[0].message.contains("`taks`"));
        assert!(l.model.is_some(), "the rest is read for the later checks");
    }

    #[test]
    fn a_nbsp_indent_is_named() {
        let l = load_text("issuer:\n\u{a0} level: province\n");
        assert!(l.problems[0].message.contains("NBSP"), "{:?}", l.problems);
        assert_eq!(l.problems[0].pos.unwrap().line, 2);
    }
}
