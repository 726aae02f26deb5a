//! `ocop`: soạn văn bản Chương trình OCOP (kế hoạch …) từ tệp YAML ra PDF
//! đúng thể thức Nghị định 30/2020/NĐ-CP.

#![allow(clippy::result_large_err)]

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgAction, Args, Parser, Subcommand};

use ocop::app::{self, FileOutcome, Options, Session};

mod cli_certificates;

/// Typst allocates many small objects from every worker at once; mimalloc's
/// per-thread heaps keep that from serialising on the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use ocop::diag::{Diagnostic, display_path};

const HELP_TEMPLATE: &str = "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

#[derive(Parser)]
#[command(
    name = "ocop",
    version,
    about = "Soạn văn bản Chương trình OCOP (kế hoạch …) từ tệp YAML ra PDF theo thể thức Nghị định 30/2020/NĐ-CP.",
    help_template = HELP_TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    after_help = "Mã thoát: 0 thành công, 1 tệp đầu vào có lỗi, 2 sai cách gọi lệnh."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help = "In trợ giúp", help_heading = "Tùy chọn")]
    help: Option<bool>,
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help = "In phiên bản", help_heading = "Tùy chọn")]
    version: Option<bool>,
}

#[derive(Subcommand)]
enum Command {
    /// Dựng văn bản PDF từ tệp YAML (hoặc mọi tệp .yaml trong thư mục)
    #[command(help_template = HELP_TEMPLATE)]
    Render {
        /// Tệp kế hoạch .yaml, hoặc thư mục chứa chúng
        #[arg(required = true, value_name = "TỆP|THƯ_MỤC", help_heading = "Đối số")]
        inputs: Vec<PathBuf>,
        /// Thư mục ghi kết quả; mỗi tệp YAML có một thư mục con
        #[arg(
            short,
            long,
            value_name = "THƯ_MỤC",
            default_value = "out",
            help_heading = "Tùy chọn"
        )]
        out: PathBuf,
        /// Chỉ dựng các loại văn bản này: plan (kế hoạch), decision (quyết định), dispatch (công văn); dùng được nhiều lần
        #[arg(long, value_name = "LOẠI", value_enum, help_heading = "Tùy chọn")]
        only: Vec<Kind>,
        /// Ghi thêm mã Typst sinh ra (.typ) cạnh mỗi PDF, để sửa mẫu
        #[arg(long, help_heading = "Tùy chọn")]
        emit_typ: bool,
        #[command(flatten)]
        shared: Shared,
    },
    /// Kiểm tra tệp YAML, báo mọi lỗi một lần, không ghi tệp nào
    #[command(help_template = HELP_TEMPLATE)]
    Check {
        /// Tệp kế hoạch .yaml, hoặc thư mục chứa chúng
        #[arg(required = true, value_name = "TỆP|THƯ_MỤC", help_heading = "Đối số")]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        shared: Shared,
    },
    /// Dựng giấy chứng nhận sản phẩm OCOP hàng loạt, mỗi sản phẩm một tệp PDF
    #[command(help_template = HELP_TEMPLATE)]
    Certificates {
        /// Tệp YAML có mục `certificates`
        #[arg(value_name = "TỆP", help_heading = "Đối số")]
        file: PathBuf,
        /// Danh sách sản phẩm .xlsx hoặc .csv (thay danh sách trong tệp YAML)
        #[arg(long, value_name = "TỆP", help_heading = "Tùy chọn")]
        products: Option<PathBuf>,
        /// Trang tính cần đọc trong tệp .xlsx (mặc định trang đầu)
        #[arg(long, value_name = "TÊN", help_heading = "Tùy chọn")]
        sheet: Option<String>,
        /// Thư mục ghi kết quả (mặc định: out)
        #[arg(
            short,
            long,
            value_name = "THƯ_MỤC",
            default_value = "out",
            hide_default_value = true,
            help_heading = "Tùy chọn"
        )]
        out: PathBuf,
        /// Ghi một tệp PDF gồm mọi giấy chứng nhận theo thứ tự danh sách, để in
        #[arg(long, help_heading = "Tùy chọn")]
        merge: bool,
        #[command(flatten)]
        shared: Shared,
    },
    /// Tạo tệp kế hoạch mới từ kế hoạch mẫu, để sửa
    #[command(help_template = HELP_TEMPLATE)]
    New {
        /// Tệp .yaml sẽ tạo (không ghi đè tệp đã có)
        #[arg(value_name = "TỆP", help_heading = "Đối số")]
        file: PathBuf,
    },
    /// Chép các mẫu có sẵn ra thư mục để tùy biến (dùng lại với --templates)
    #[command(help_template = HELP_TEMPLATE)]
    Templates {
        /// Thư mục sẽ chứa các mẫu
        #[arg(value_name = "THƯ_MỤC", help_heading = "Đối số")]
        dir: PathBuf,
    },
}

/// Document kinds, for `render --only`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    Plan,
    Decision,
    Dispatch,
}

impl Kind {
    fn template(self) -> &'static str {
        match self {
            Kind::Plan => "plan.typ.tera",
            Kind::Decision => "decision.typ.tera",
            Kind::Dispatch => "dispatch.typ.tera",
        }
    }
}

#[derive(Args)]
struct Shared {
    /// Thư mục mẫu riêng; mỗi tệp trong đó thay tệp cùng tên của mẫu có sẵn
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    templates: Option<PathBuf>,
    /// Thư mục phông chữ bổ sung (ví dụ chứa Times New Roman); dùng được nhiều lần
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    font_path: Vec<PathBuf>,
    /// Tên họ phông dùng cho văn bản (mặc định: Times New Roman nếu có, không thì Liberation Serif)
    #[arg(long, value_name = "TÊN", help_heading = "Tùy chọn")]
    font: Option<String>,
}

impl Shared {
    fn options(&self) -> Options {
        Options {
            templates: self.templates.clone(),
            font_paths: self.font_path.clone(),
            font_family: self.font.clone(),
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    match cli.command {
        Command::Render {
            inputs,
            out,
            only,
            emit_typ,
            shared,
        } => run(&inputs, &shared.options(), Some((&out, emit_typ)), &only),
        Command::Check { inputs, shared } => run(&inputs, &shared.options(), None, &[]),
        Command::Certificates {
            file,
            products,
            sheet,
            out,
            merge,
            shared,
        } => cli_certificates::run(
            &file,
            products.as_deref(),
            sheet.as_deref(),
            &out,
            merge,
            &shared.options(),
        ),
        Command::New { file } => new_plan(&file),
        Command::Templates { dir } => match ocop::markup::export_builtins(&dir) {
            Ok(paths) => {
                for p in paths {
                    println!("{}", display_path(&p));
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                let (msg, hint) = ocop::write::describe_io_error(&e);
                report(
                    &[Diagnostic::error(format!("{msg} ({e})"))
                        .file(&dir)
                        .hint(hint)],
                    None,
                );
                ExitCode::from(1)
            }
        },
    }
}

/// clap's own messages are English; say what went wrong in Vietnamese and
/// keep clap's line as the detail. Help and version go to stdout as usual.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => "không có lệnh này",
        ErrorKind::UnknownArgument => "tùy chọn không hợp lệ",
        ErrorKind::MissingRequiredArgument => "thiếu đối số bắt buộc",
        ErrorKind::MissingSubcommand => "thiếu lệnh",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "giá trị tùy chọn không hợp lệ",
        ErrorKind::ArgumentConflict => "các tùy chọn xung đột nhau",
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => "số giá trị không đúng",
        _ => "sai cách gọi lệnh",
    };
    let rendered = e.to_string();
    let detail: Vec<&str> = rendered
        .lines()
        .take_while(|l| !l.starts_with("Usage:"))
        .map(|l| l.trim().trim_start_matches("error: "))
        .filter(|l| !l.is_empty())
        .collect();
    let detail = detail.join(" ");
    eprintln!("lỗi: {what} ({detail})\n  = gợi ý: chạy `ocop --help` để xem các lệnh và tùy chọn");
    ExitCode::from(2)
}

/// The annotated example plan, as a starting point.
const EXAMPLE_PLAN: &str = include_str!("../plans/lai-chau-2027.yaml");

fn new_plan(file: &std::path::Path) -> ExitCode {
    if file.exists() {
        report(
            &[Diagnostic::error("tệp đã tồn tại, không ghi đè")
                .file(file)
                .hint("chọn một tên tệp khác")],
            None,
        );
        return ExitCode::from(1);
    }
    match ocop::write::write_atomic(file, EXAMPLE_PLAN.as_bytes()) {
        Ok(()) => {
            println!("{}", display_path(file));
            eprintln!(
                "đã tạo kế hoạch mới từ mẫu; sửa tệp rồi chạy: ocop render {}",
                display_path(file)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let (msg, hint) = ocop::write::describe_io_error(&e);
            report(
                &[Diagnostic::error(format!("{msg} ({e})"))
                    .file(file)
                    .hint(hint)],
                None,
            );
            ExitCode::from(1)
        }
    }
}

pub(crate) fn report(diags: &[Diagnostic], source: Option<&str>) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(err, "{}", d.render(source));
    }
}

/// Renders (or, without `write`, only checks) every input; returns 1 if any failed.
fn run(
    inputs: &[PathBuf],
    options: &Options,
    write: Option<(&PathBuf, bool)>,
    only: &[Kind],
) -> ExitCode {
    let session = match Session::new(options) {
        Ok(s) => s,
        Err(diags) => {
            report(&diags, None);
            return ExitCode::from(1);
        }
    };
    let files = app::collect_inputs(inputs);
    if files.is_empty() {
        report(
            &[Diagnostic::error("không tìm thấy tệp .yaml nào")
                .hint("chỉ định một tệp .yaml, hoặc thư mục chứa tệp .yaml")],
            None,
        );
        return ExitCode::from(1);
    }
    let mut failed = Vec::new();
    let mut written = 0usize;
    let mut stdout = std::io::stdout().lock();
    for path in &files {
        let mut outcome = session.compose(path);
        if !only.is_empty() {
            outcome
                .documents
                .retain(|d| only.iter().any(|k| k.template() == d.template));
        }
        let mut ok = !outcome.has_errors();
        report(&outcome.diagnostics, outcome.source.as_deref());
        if ok {
            for (name, result) in produce(&session, &outcome, write) {
                match result {
                    Ok(()) => {
                        if write.is_some() {
                            written += 1;
                            let _ = writeln!(stdout, "{}", display_path(&name));
                        }
                    }
                    Err(diags) => {
                        ok = false;
                        report(&diags, None);
                    }
                }
            }
        }
        if !ok {
            failed.push(path.clone());
        }
    }
    let _ = stdout.flush();
    let verb = if write.is_some() {
        "đã ghi"
    } else {
        "đã kiểm tra"
    };
    let summary = if write.is_some() {
        format!("{verb} {written} tệp PDF từ {} tệp YAML", files.len())
    } else {
        format!("{verb} {} tệp YAML", files.len())
    };
    if failed.is_empty() {
        if std::io::stderr().is_terminal() || write.is_none() {
            eprintln!("{summary}; không có lỗi.");
        }
        ExitCode::SUCCESS
    } else {
        let list: Vec<String> = failed.iter().map(|p| display_path(p)).collect();
        eprintln!(
            "{summary}; {} tệp có lỗi: {}",
            failed.len(),
            list.join(", ")
        );
        ExitCode::from(1)
    }
}

/// Markup, PDF and (when writing) files for each document of one input.
fn produce(
    session: &Session,
    outcome: &FileOutcome,
    write: Option<(&PathBuf, bool)>,
) -> Vec<(PathBuf, Result<(), Vec<Diagnostic>>)> {
    let mut results = Vec::new();
    for doc in &outcome.documents {
        let dir = write
            .map(|(out, _)| app::output_dir(out, &outcome.path))
            .unwrap_or_default();
        let pdf_path = dir.join(format!("{}.pdf", doc.file_stem));
        let result = (|| {
            let markup = session.markup(doc).map_err(|d| vec![d])?;
            if let Some((_, true)) = write {
                app::write_output(
                    &dir.join(format!("{}.typ", doc.file_stem)),
                    markup.as_bytes(),
                )
                .map_err(|d| vec![d])?;
            }
            let pdf = session.pdf(doc, markup)?;
            if write.is_some() {
                app::write_output(&pdf_path, &pdf).map_err(|d| vec![d])?;
            }
            Ok(())
        })();
        results.push((pdf_path, result));
    }
    results
}
