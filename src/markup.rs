//! Markup: a composed document into Typst source (tera templates), with
//! the image files it shows. Built-in templates are embedded; a user folder
//! overrides them file by file (the zola pattern). Every `{{ }}` in a
//! `.typ.tera` template goes through the Typst escape function.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::diag::Diagnostic;
use crate::doc::{Administrative, Appendix, Content, Document, QR_IMAGE};
use crate::qr;
use crate::text;

/// A document ready to compile: its Typst source and the files it reads,
/// by their names relative to it.
#[derive(Debug, Clone)]
pub struct Markup {
    pub source: String,
    pub files: Vec<(String, Arc<[u8]>)>,
}

/// The template each kind is laid out with.
fn template(content: &Content) -> &'static str {
    match content {
        Content::Plan(_) => "plan.typ.tera",
        Content::Decision(_) => "decision.typ.tera",
        Content::Dispatch(_) => "dispatch.typ.tera",
        Content::Certificate(_) => "certificate.typ.tera",
        Content::Submission(_) => "submission.typ.tera",
        Content::Notice(_) => "notice.typ.tera",
        Content::Revocation(_) => "revocation.typ.tera",
        Content::Reminder(_) => "reminder.typ.tera",
        Content::Report(_) => "report.typ.tera",
        Content::Appendix(_) => "appendix.typ.tera",
    }
}

/// What an administrative template sees: the document, its title, and
/// whether it is issued electronically.
#[derive(Serialize)]
struct AdministrativeContext<'a> {
    meta_title: &'a str,
    electronic: bool,
    #[serde(flatten)]
    document: &'a Administrative,
    /// A report's chart, and the body blocks before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    chart: Option<&'a crate::doc::BarChart>,
    #[serde(skip_serializing_if = "Option::is_none")]
    chart_at: Option<usize>,
}

/// What the template of a separately written appendix sees.
#[derive(Serialize)]
struct AppendixContext<'a> {
    meta_title: &'a str,
    electronic: bool,
    appendix: &'a Appendix,
}

/// The built-in templates: file name and text.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    (
        "components.typ.tera",
        include_str!("../templates/components.typ.tera"),
    ),
    ("plan.typ.tera", include_str!("../templates/plan.typ.tera")),
    (
        "dispatch.typ.tera",
        include_str!("../templates/dispatch.typ.tera"),
    ),
    (
        "decision.typ.tera",
        include_str!("../templates/decision.typ.tera"),
    ),
    (
        "certificate.typ.tera",
        include_str!("../templates/certificate.typ.tera"),
    ),
    (
        "submission.typ.tera",
        include_str!("../templates/submission.typ.tera"),
    ),
    (
        "notice.typ.tera",
        include_str!("../templates/notice.typ.tera"),
    ),
    (
        "revocation.typ.tera",
        include_str!("../templates/revocation.typ.tera"),
    ),
    (
        "reminder.typ.tera",
        include_str!("../templates/reminder.typ.tera"),
    ),
    (
        "report.typ.tera",
        include_str!("../templates/report.typ.tera"),
    ),
    (
        "appendix.typ.tera",
        include_str!("../templates/appendix.typ.tera"),
    ),
];

/// The Typst layout libraries, imported by the templates from the root
/// (`/nd30.typ`): the NĐ 30 pieces every administrative document uses, the
/// numbers they read (`nd30-layout.toml`, which the Word writer reads
/// too), and the certificate layout. A user folder overrides each on its own.
pub const BUILTIN_LIBRARIES: &[(&str, &str)] = &[
    ("nd30.typ", include_str!("../templates/nd30.typ")),
    (crate::nd30::LAYOUT_FILE, crate::nd30::LAYOUT_TOML),
    (
        "certificate.typ",
        include_str!("../templates/certificate.typ"),
    ),
];

const BUILTIN_PREFIX: &str = "builtin/";

pub struct Templates {
    tera: Tera,
    /// The Typst libraries by file name (built-in or the user's override).
    pub libraries: Vec<(String, String)>,
    /// The files of the user's folder in use, by file name: where they
    /// are and what they say, to point Typst's errors at them.
    user_files: Vec<UserFile>,
}

struct UserFile {
    name: String,
    path: PathBuf,
    body: String,
}

/// A line of a user's template that a line of generated markup comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateLine {
    pub path: PathBuf,
    /// 1-based line and column (in characters) in the template.
    pub line: usize,
    pub col: usize,
    /// The template line itself.
    pub text: String,
}

fn escape_typst(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(text::markup(input).as_bytes())
}

impl Templates {
    /// Loads the built-ins, then `user_dir`'s `*.typ.tera` and Typst libraries, which take precedence.
    pub fn load(user_dir: Option<&Path>) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = Tera::new();
        tera.set_fallback_prefixes([BUILTIN_PREFIX])
            .map_err(|e| vec![tera_error(e, None)])?;
        tera.autoescape_on([".typ.tera"]);
        tera.set_escape_fn(escape_typst);
        tera.register_filter("typst_string", |s: &str, _: Kwargs, _: &State| {
            Value::safe_string(&text::string_literal(s))
        });
        let mut templates: Vec<(String, String)> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, body)| (format!("{BUILTIN_PREFIX}{name}"), body.to_string()))
            .collect();
        let mut libraries: Vec<(String, String)> = BUILTIN_LIBRARIES
            .iter()
            .map(|(name, body)| (name.to_string(), body.to_string()))
            .collect();
        let mut errors = Vec::new();
        let mut user_files = Vec::new();
        if let Some(dir) = user_dir {
            if !dir.is_dir() {
                return Err(vec![
                    Diagnostic::error("không tìm thấy thư mục mẫu")
                        .file(dir)
                        .hint("--templates phải là một thư mục chứa các tệp *.typ.tera"),
                ]);
            }
            for entry in walkdir::WalkDir::new(dir).max_depth(1).sort_by_file_name() {
                let Ok(entry) = entry else { continue };
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().to_string();
                let is_template = name.ends_with(".typ.tera");
                let library = libraries.iter().position(|(l, _)| *l == name);
                if !is_template && library.is_none() {
                    continue;
                }
                match user_template(dir, path) {
                    Ok(body) => {
                        let body = text::normalise(&body);
                        user_files.push(UserFile {
                            name: name.clone(),
                            path: path.to_path_buf(),
                            body: body.clone(),
                        });
                        match library {
                            Some(i) if !is_template => libraries[i].1 = body,
                            _ => templates.push((name, body)),
                        }
                    }
                    Err((why, hint)) => errors.push(
                        Diagnostic::error(format!("không đọc được tệp mẫu: {why}"))
                            .file(path)
                            .hint(hint),
                    ),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        tera.add_raw_templates(templates)
            .map_err(|e| vec![tera_error(e, user_dir)])?;
        Ok(Templates {
            tera,
            libraries,
            user_files,
        })
    }

    /// Where the user's copy of library or template `name` is, if the
    /// user's folder has one.
    pub fn user_file(&self, name: &str) -> Option<&Path> {
        self.user_files
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.path.as_path())
    }

    /// The line of the user's templates that generated markup line
    /// `generated` was copied from, with column `col` (1-based, in
    /// characters) moved onto it. Only lines the template writes out as
    /// they are can be found this way (not those holding a value), and
    /// only when exactly one template line reads so.
    pub fn template_line(&self, generated: &str, col: usize) -> Option<TemplateLine> {
        let wanted = generated.trim();
        if wanted.is_empty() {
            return None;
        }
        let indent = |l: &str| l.chars().take_while(|c| c.is_whitespace()).count();
        let mut found = self
            .user_files
            .iter()
            .filter(|f| f.name.ends_with(".typ.tera"))
            .flat_map(|f| {
                f.body
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| l.trim() == wanted)
                    .map(move |(i, l)| TemplateLine {
                        path: f.path.clone(),
                        line: i + 1,
                        col: (col + indent(l)).saturating_sub(indent(generated)).max(1),
                        text: l.to_string(),
                    })
            });
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// The Typst source of `doc` and the files it shows, set in `font`.
    /// A certificate's QR code is drawn here, on the calling thread.
    pub fn markup(&self, doc: &Document, font: &str) -> Result<Markup, Diagnostic> {
        let electronic = doc.issuance.electronic;
        let administrative = |document, chart, chart_at| AdministrativeContext {
            meta_title: &doc.meta_title,
            electronic,
            document,
            chart,
            chart_at,
        };
        let (source, files) = match &doc.content {
            Content::Plan(a)
            | Content::Decision(a)
            | Content::Dispatch(a)
            | Content::Submission(a)
            | Content::Notice(a)
            | Content::Revocation(a)
            | Content::Reminder(a) => {
                let ctx = administrative(a, None, None);
                (self.render(doc, &ctx, font)?, Vec::new())
            }
            Content::Report(r) => {
                let ctx = administrative(&r.document, r.chart.as_ref(), Some(r.chart_at));
                (self.render(doc, &ctx, font)?, Vec::new())
            }
            Content::Appendix(a) => {
                let ctx = AppendixContext {
                    meta_title: &doc.meta_title,
                    electronic,
                    appendix: &a.appendix,
                };
                (self.render(doc, &ctx, font)?, Vec::new())
            }
            Content::Certificate(c) => {
                #[derive(Serialize)]
                struct One<'a> {
                    c: &'a crate::doc::Certificate,
                    electronic: bool,
                }
                let source = self.render(doc, &One { c, electronic }, font)?;
                let png = qr::png(&c.qr_payload)
                    .map_err(|e| Diagnostic::error(format!("không tạo được mã QR ({e})")))?;
                let mut files: Vec<(String, Arc<[u8]>)> = vec![(QR_IMAGE.to_string(), png.into())];
                if let (Some(name), Some(bytes)) = (&c.logo, &c.logo_bytes) {
                    files.push((name.clone(), bytes.clone()));
                }
                (source, files)
            }
        };
        Ok(Markup { source, files })
    }

    /// Renders `doc`'s template with `context`, plus the chosen font
    /// family, within the limits of a template run: output and time are
    /// checked as it writes (an error for this document only); a run that
    /// loops or grows memory without writing is ended by the watchdog's
    /// deadline or the memory budget, with the same message.
    fn render(
        &self,
        doc: &Document,
        context: &impl Serialize,
        font: &str,
    ) -> Result<String, Diagnostic> {
        let template = template(&doc.content);
        let mut ctx = Context::from_serialize(context).map_err(|e| tera_error(e, None))?;
        ctx.insert("font", font);
        let mut out = Bounded::new();
        let deadline = crate::watchdog::limit_or(MAX_RENDER_TIME + WATCHDOG_GRACE);
        let limit = |l| self.over_limit(template, doc, Some(l)).render();
        let (slow, large) = (limit(Limit::Time(deadline)), limit(Limit::Memory));
        let done = crate::watchdog::deadline(deadline, slow, || {
            crate::memory::budget(MAX_RENDER_MEMORY, &large, || {
                self.tera.render_to(template, &ctx, &mut out)
            })
        });
        match done {
            Ok(()) => String::from_utf8(out.bytes)
                .map_err(|_| Diagnostic::error("mẫu văn bản sinh ra văn bản không phải UTF-8")),
            Err(_) if out.exceeded.is_some() => Err(self.over_limit(template, doc, out.exceeded)),
            Err(e) => Err(tera_error(e, None)),
        }
    }

    /// The error of a template stopped at a limit while writing `doc`,
    /// naming the user's file and the document.
    fn over_limit(&self, template: &str, doc: &Document, limit: Option<Limit>) -> Diagnostic {
        let what = match limit {
            Some(Limit::Time(limit)) => {
                format!("chạy quá {} giây (vòng lặp quá lớn?)", limit.as_secs())
            }
            Some(Limit::Memory) => format!(
                "dùng quá {} MB bộ nhớ (một biến {{% set %}} hoặc chuỗi nối quá lớn?)",
                MAX_RENDER_MEMORY >> 20
            ),
            _ => format!(
                "sinh ra quá {} MB mã văn bản (vòng lặp hoặc chuỗi quá lớn?)",
                MAX_RENDER_BYTES >> 20
            ),
        };
        let d = Diagnostic::error(format!(
            "đã dừng mẫu văn bản `{template}` khi soạn văn bản “{}” (tệp {}): mẫu {what}",
            doc.meta_title, doc.file_stem
        ))
        .hint("sửa vòng lặp hoặc lệnh {% set %} trong tệp mẫu; chạy lại không có --templates để dùng mẫu có sẵn");
        match self.user_files.iter().find(|f| f.name == template) {
            Some(f) => d.file(&f.path),
            None => d,
        }
    }
}

/// A real document's Typst source is a few hundred kilobytes.
const MAX_RENDER_BYTES: usize = 32 << 20;
/// A document's template runs in milliseconds.
const MAX_RENDER_TIME: std::time::Duration = std::time::Duration::from_secs(10);
/// The watchdog ends a template run this long after [`MAX_RENDER_TIME`]:
/// a run that writes is stopped first, with an error for its document only.
const WATCHDOG_GRACE: std::time::Duration = std::time::Duration::from_secs(2);
/// What a template run may hold beyond its context: its output is at most
/// [`MAX_RENDER_BYTES`], a real run holds a few megabytes more.
const MAX_RENDER_MEMORY: usize = 128 << 20;

/// The limit a template run reached.
#[derive(Debug, Clone, Copy)]
enum Limit {
    Size,
    Time(std::time::Duration),
    Memory,
}

/// The output of a template run, refusing to grow past
/// [`MAX_RENDER_BYTES`] or to go on past [`MAX_RENDER_TIME`]: a user's
/// template is code from someone else, and a huge loop must stop at an
/// error rather than exhaust memory or run forever.
struct Bounded {
    bytes: Vec<u8>,
    started: std::time::Instant,
    writes: u32,
    exceeded: Option<Limit>,
}

impl Bounded {
    fn new() -> Bounded {
        Bounded {
            bytes: Vec::with_capacity(64 * 1024),
            started: std::time::Instant::now(),
            writes: 0,
            exceeded: None,
        }
    }
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writes = self.writes.wrapping_add(1);
        if self.bytes.len() + buf.len() > MAX_RENDER_BYTES {
            self.exceeded = Some(Limit::Size);
        } else if self.writes.is_multiple_of(1024) && self.started.elapsed() > MAX_RENDER_TIME {
            self.exceeded = Some(Limit::Time(MAX_RENDER_TIME));
        }
        if self.exceeded.is_some() {
            return Err(std::io::Error::other("giới hạn của mẫu"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A template is a few dozen kilobytes.
const MAX_TEMPLATE_BYTES: u64 = 1 << 20;

/// The text of the user's template at `path` in `dir`: a regular file
/// inside the folder (a link leading elsewhere would put a file from the
/// rest of the disk into the document). On failure: why, and a hint.
fn user_template(dir: &Path, path: &Path) -> Result<String, (String, &'static str)> {
    let io = |e: std::io::Error| (crate::diag::io_reason(&e), "kiểm tra quyền đọc tệp");
    let base = dir.canonicalize().map_err(io)?;
    let real = path.canonicalize().map_err(io)?;
    if !real.starts_with(&base) {
        return Err((
            "tệp là liên kết tới một tệp ngoài thư mục mẫu".into(),
            "chép tệp mẫu vào thư mục mẫu thay vì tạo liên kết",
        ));
    }
    let bytes = crate::regular::read(&real, MAX_TEMPLATE_BYTES).map_err(|r| {
        (
            r.reason(),
            "thư mục mẫu chỉ chứa tệp văn bản *.typ.tera và *.typ",
        )
    })?;
    String::from_utf8(bytes).map_err(|_| {
        (
            "tệp không được lưu ở mã UTF-8".into(),
            "mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8",
        )
    })
}

/// tera 2 errors carry the template file:line:col in their text; the source chain is kept.
fn tera_error(e: tera::Error, dir: Option<&Path>) -> Diagnostic {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(&format!("\n{s}"));
        source = s.source();
    }
    let d = Diagnostic::error(format!("lỗi trong mẫu văn bản: {message}"))
        .hint("sửa tệp mẫu được chỉ ra; chạy lại với --templates bỏ trống để dùng mẫu có sẵn");
    match dir {
        Some(d2) => d.file(PathBuf::from(d2)),
        None => d,
    }
}

/// The template `doc` is laid out with (`plan.typ.tera` …).
pub fn template_name(doc: &Document) -> &'static str {
    template(&doc.content)
}

/// The libraries of `libraries` (file name, Typst source) that `source`
/// imports (`#import "/nd30.typ"`), and those they import in turn.
pub fn imported_libraries<'a>(
    source: &str,
    libraries: &'a [(String, String)],
) -> Vec<(&'a str, &'a str)> {
    let mut found: Vec<(&str, &str)> = Vec::new();
    let mut sources = vec![source];
    while let Some(text) = sources.pop() {
        for (name, body) in libraries {
            let imported = text.contains(&format!("\"/{name}\""));
            if imported && !found.iter().any(|(n, _)| n == name) {
                found.push((name, body));
                sources.push(body);
            }
        }
    }
    found
}

/// The built-in templates and libraries, by file name, to start a custom set.
pub fn builtins() -> impl Iterator<Item = &'static (&'static str, &'static str)> {
    BUILTIN_TEMPLATES.iter().chain(BUILTIN_LIBRARIES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn libraries_are_found_through_imports() {
        let libraries: Vec<(String, String)> = BUILTIN_LIBRARIES
            .iter()
            .map(|(n, b)| (n.to_string(), b.to_string()))
            .collect();
        let names = |source: &str| -> Vec<String> {
            let mut v: Vec<String> = imported_libraries(source, &libraries)
                .into_iter()
                .map(|(n, _)| n.to_string())
                .collect();
            v.sort();
            v
        };
        // nd30.typ reads the layout numbers from nd30-layout.toml.
        assert_eq!(
            names("#import \"/nd30.typ\": *\n"),
            ["nd30-layout.toml", "nd30.typ"]
        );
        assert_eq!(
            names("#import \"/certificate.typ\": *\n"),
            ["certificate.typ", "nd30-layout.toml", "nd30.typ"]
        );
        assert!(names("= Chỉ chữ\n").is_empty());
    }

    #[test]
    fn a_generated_line_is_traced_to_its_template_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("plan.typ.tera"),
            "#import \"/nd30.typ\": *\n  #khong-co(1)\n#text[{{ meta_title }}]\n",
        )
        .unwrap();
        let t = Templates::load(Some(dir.path())).unwrap();
        let found = t.template_line("#khong-co(1)", 2).unwrap();
        assert_eq!((found.line, found.col), (2, 4));
        assert_eq!(found.path, dir.path().join("plan.typ.tera"));
        // A line holding a value is not the template's line.
        assert_eq!(t.template_line("#text[Kế hoạch]", 1), None);
        // Only the user's files are searched: their own import line is found.
        assert_eq!(
            t.template_line("#import \"/nd30.typ\": *", 1).unwrap().line,
            1
        );
        assert_eq!(t.user_file("nd30.typ"), None);
    }
}
