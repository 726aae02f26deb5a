//! The command line, as clap reads it: commands, arguments and options,
//! and everything it prints about them (help, usage errors) in Vietnamese.
//! Parsing only; each command runs in `cmd/`.
//!
//! clap writes a few English words of its own; none reaches the user:
//! every command has its usage written out (`override_usage`, so no
//! `[OPTIONS]`), defaults and accepted values are said in the help text
//! (`hide_default_value`, `hide_possible_values`), the help layout is a
//! template with Vietnamese headings, `help` is a command of ours, and
//! usage errors are worded here from the error's context (kind, argument,
//! value, suggestions) rather than from clap's English sentence.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};

use ocop::doc::DocKind;
use ocop::load::IssuanceChoice;
use ocop::pdf_standard::PdfStandard;
use ocop::run::Format;
use ocop::session::Options;

pub const HELP_TEMPLATE: &str =
    "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// Exit code of a command line that could not be read.
pub const USAGE_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "ocop",
    version,
    about = "Soạn văn bản Chương trình OCOP (kế hoạch …) từ tệp YAML ra PDF theo thể thức Nghị định 30/2020/NĐ-CP.",
    help_template = HELP_TEMPLATE,
    override_usage = "ocop [TÙY_CHỌN] <LỆNH>",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Lệnh",
    subcommand_value_name = "LỆNH",
    after_help = "Xem trợ giúp của một lệnh: ocop help <LỆNH> (hoặc ocop <LỆNH> -h).\nMã thoát: 0 thành công, 1 tệp đầu vào có lỗi, 2 sai cách gọi lệnh, 130 dừng bằng Ctrl-C."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true, help = "In trợ giúp", help_heading = "Tùy chọn")]
    help: Option<bool>,
    #[arg(short = 'V', long = "version", action = ArgAction::Version, help = "In phiên bản", help_heading = "Tùy chọn")]
    version: Option<bool>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Dựng văn bản PDF từ tệp YAML (hoặc mọi tệp .yaml trong thư mục)
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "ocop render [TÙY_CHỌN] <TỆP|THƯ_MỤC>..."
    )]
    Render(RenderArgs),
    /// Kiểm tra tệp YAML, báo mọi lỗi một lần, không ghi tệp nào
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "ocop check [TÙY_CHỌN] <TỆP|THƯ_MỤC>..."
    )]
    Check(CheckArgs),
    /// Theo dõi tệp YAML: mỗi lần lưu tệp thì dựng lại PDF ngay, báo lỗi nếu có
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "ocop watch [TÙY_CHỌN] <TỆP|THƯ_MỤC>...",
        after_help = "Theo dõi cả các tệp mà tệp YAML nhắc tới (bảng tính danh sách sản phẩm, logo). Chỉ văn bản có thay đổi mới được dựng lại. Dừng bằng Ctrl-C."
    )]
    Watch(WatchArgs),
    /// Dựng giấy chứng nhận sản phẩm OCOP hàng loạt, mỗi sản phẩm một tệp PDF
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "ocop certificates [TÙY_CHỌN] <TỆP>"
    )]
    Certificates(CertificatesArgs),
    /// Ghi vào sổ đăng ký sản phẩm kết quả các quyết định công nhận và thu hồi đã ký, hoặc xuất sổ ra .xlsx/.csv
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "ocop register [TÙY_CHỌN] <TỆP>",
        after_help = "Không có --export: mỗi quyết định công nhận đã có số và ngày thêm các sản phẩm của nó vào cuối sổ (một lần, chạy lại không thêm nữa), mỗi quyết định thu hồi đã có số và ngày ghi \"Thu hồi\" vào dòng của sản phẩm. Mọi dòng, ô, trang tính khác của sổ giữ nguyên; sổ chỉ được thay sau khi đọc lại thấy đúng.\nCó --export: ghi một bản sổ theo mẫu cố định, tiêu đề cột tiếng Việt, trạng thái xét tại ngày --date; sổ gốc không bị sửa."
    )]
    Register(RegisterArgs),
    /// Tạo khung văn bản mới (kế hoạch, quyết định, giấy chứng nhận, công văn) cho một tỉnh hoặc xã và một năm, để sửa
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "ocop new [LOẠI] [TỆP] --tinh <TỈNH> [--xa <XÃ>] [--nam <NĂM>]\n       ocop new --vi-du [THƯ_MỤC]",
        after_help = "Ví dụ:\n  ocop new ke-hoach-2028 --tinh \"Lâm Đồng\" --nam 2028\n  ocop new ke-hoach --xa \"Đa Mi\" --tinh \"Lâm Đồng\" --nam 2028\n  ocop new giay-chung-nhan gcn-dot-1 --tinh \"Lai Châu\" --nam 2027\n  ocop new --vi-du"
    )]
    New(NewArgs),
    /// Đọc kế hoạch hoặc công văn có sẵn (Word .docx/.doc, .odt, PDF, hoặc .txt) thành tệp YAML để sửa
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "ocop import [TÙY_CHỌN] <TỆP>"
    )]
    Import {
        /// Tệp cần đọc: .docx, .doc, .odt, .pdf hoặc .txt (nhận ra theo nội dung tệp)
        #[arg(value_name = "TỆP", help_heading = "Đối số")]
        file: PathBuf,
        /// Tệp .yaml sẽ ghi (mặc định: cùng tên, đuôi .yaml; không ghi đè tệp đã có)
        #[arg(
            short = 'o',
            long = "out",
            alias = "output",
            value_name = "TỆP_YAML",
            help_heading = "Tùy chọn"
        )]
        output: Option<PathBuf>,
    },
    /// In lược đồ JSON (JSON Schema) của tệp kế hoạch, để trình soạn thảo gợi ý và báo lỗi khi gõ
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "ocop schema [TÙY_CHỌN]"
    )]
    Schema {
        /// Ghi vào tệp này thay vì in ra màn hình
        #[arg(
            short,
            long,
            alias = "output",
            value_name = "TỆP",
            help_heading = "Tùy chọn"
        )]
        out: Option<PathBuf>,
    },
    /// Chép các mẫu có sẵn ra thư mục để tùy biến (dùng lại với --templates)
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "ocop templates [--force] <THƯ_MỤC>"
    )]
    Templates {
        /// Thư mục sẽ chứa các mẫu
        #[arg(value_name = "THƯ_MỤC", help_heading = "Đối số")]
        dir: PathBuf,
        /// Ghi đè cả các mẫu đã sửa trong thư mục (mặc định: không ghi đè, báo tên các tệp đó)
        #[arg(long, help_heading = "Tùy chọn")]
        force: bool,
    },
    /// In đoạn mã tự hoàn thành lệnh cho shell (bash, zsh, fish, powershell)
    #[command(
        help_template = HELP_TEMPLATE,
        override_usage = "ocop completions <SHELL>",
        after_help = "Ví dụ (bash): ocop completions bash > ~/.local/share/bash-completion/completions/ocop\nVí dụ (PowerShell): ocop completions powershell >> $PROFILE"
    )]
    Completions {
        /// Shell dùng đoạn mã: bash, zsh, fish hoặc powershell
        #[arg(
            value_name = "SHELL",
            value_enum,
            hide_possible_values = true,
            help_heading = "Đối số"
        )]
        shell: Shell,
    },
    /// In trợ giúp của ocop, hoặc của một lệnh
    #[command(help_template = HELP_TEMPLATE, override_usage = "ocop help [LỆNH]")]
    Help {
        /// Lệnh cần xem trợ giúp
        #[arg(
            value_name = "LỆNH",
            hide_possible_values = true,
            help_heading = "Đối số"
        )]
        command: Option<String>,
    },
}

#[derive(Args)]
pub struct NewArgs {
    /// Loại văn bản: ke-hoach (mặc định), quyet-dinh, giay-chung-nhan (kèm bảng tính danh sách sản phẩm), cong-van; bỏ qua được: `ocop new ke-hoach-moi` tạo kế hoạch ke-hoach-moi.yaml
    #[arg(
        index = 1,
        display_order = 1,
        value_name = "LOẠI",
        help_heading = "Đối số"
    )]
    pub kind_or_file: Option<String>,
    /// Tệp .yaml sẽ tạo (mặc định: tên loại; thêm .yaml nếu thiếu; không ghi đè tệp đã có). Với --vi-du: thư mục (mặc định vi-du)
    #[arg(
        index = 2,
        display_order = 2,
        value_name = "TỆP",
        help_heading = "Đối số"
    )]
    pub file: Option<PathBuf>,
    /// Tỉnh, thành phố ban hành (của xã, với --xa), viết có dấu: "Lâm Đồng" (hoặc --province)
    #[arg(
        long = "tinh",
        alias = "province",
        value_name = "TỈNH",
        help_heading = "Tùy chọn"
    )]
    pub province: Option<String>,
    /// Xã, phường, đặc khu ban hành (cấp xã); với --cap huyen: tên huyện (hoặc --commune)
    #[arg(
        long = "xa",
        alias = "commune",
        value_name = "XÃ",
        help_heading = "Tùy chọn"
    )]
    pub commune: Option<String>,
    /// Cấp ban hành: tinh, xa, huyen (văn bản trước 01/7/2025); mặc định xa khi có --xa, không thì tinh (hoặc --level)
    #[arg(
        long = "cap",
        alias = "level",
        value_name = "CẤP",
        value_enum,
        hide_possible_values = true,
        help_heading = "Tùy chọn"
    )]
    pub level: Option<NewLevel>,
    /// Năm của văn bản (mặc định năm nay; hoặc --year)
    #[arg(
        long = "nam",
        alias = "year",
        value_name = "NĂM",
        help_heading = "Tùy chọn"
    )]
    pub year: Option<i32>,
    /// Chép mọi văn bản mẫu đầy đủ (kế hoạch, quyết định, công văn, giấy chứng nhận và bảng tính) vào thư mục, để học theo (hoặc --examples)
    #[arg(
        long = "vi-du",
        alias = "examples",
        conflicts_with_all = ["province", "commune", "level", "year"],
        help_heading = "Tùy chọn"
    )]
    pub examples: bool,
}

/// The levels `ocop new --cap` takes, by their unaccented Vietnamese
/// words (accented and English ones too).
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NewLevel {
    #[value(name = "tinh", alias = "tỉnh", alias = "province")]
    Province,
    #[value(name = "xa", alias = "xã", alias = "commune")]
    Commune,
    #[value(name = "huyen", alias = "huyện", alias = "district")]
    District,
}

/// The shells `ocop completions` writes for.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Args)]
pub struct RenderArgs {
    /// Tệp kế hoạch .yaml, hoặc thư mục chứa chúng
    #[arg(required = true, value_name = "TỆP|THƯ_MỤC", help_heading = "Đối số")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub output: Output,
    #[command(flatten)]
    pub shared: Shared,
}

#[derive(Args)]
pub struct WatchArgs {
    /// Tệp kế hoạch .yaml (hoặc thư mục chứa chúng) cần theo dõi
    #[arg(required = true, value_name = "TỆP|THƯ_MỤC", help_heading = "Đối số")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub output: Output,
    /// Mở tệp PDF bằng chương trình xem PDF của máy sau lần dựng đầu tiên
    #[arg(long, help_heading = "Tùy chọn")]
    pub open: bool,
    #[command(flatten)]
    pub shared: Shared,
}

/// What a rendering command writes, and where.
#[derive(Args)]
pub struct Output {
    /// Thư mục ghi kết quả (mặc định: out); mỗi tệp YAML có một thư mục con
    #[arg(
        short,
        long,
        alias = "output",
        value_name = "THƯ_MỤC",
        default_value = "out",
        hide_default_value = true,
        help_heading = "Tùy chọn"
    )]
    pub out: PathBuf,
    /// Chỉ dựng các loại văn bản này: plan (kế hoạch), decision (quyết định), dispatch (công văn), certificate (giấy chứng nhận), submission (tờ trình), notice (thông báo), revocation (quyết định thu hồi), reminder (công văn nhắc đánh giá lại), report (báo cáo); cách nhau bằng dấu phẩy hoặc dùng nhiều lần
    #[arg(
        long,
        value_name = "LOẠI",
        value_enum,
        value_delimiter = ',',
        hide_possible_values = true,
        help_heading = "Tùy chọn"
    )]
    pub only: Vec<DocKind>,
    /// Dạng tệp ghi ra: pdf (để in, mặc định), docx (Word, để góp ý và sửa); "pdf,docx" cho cả hai. Giấy chứng nhận chỉ có bản PDF
    #[arg(
        long,
        value_name = "DẠNG",
        value_enum,
        value_delimiter = ',',
        default_value = "pdf",
        hide_default_value = true,
        hide_possible_values = true,
        help_heading = "Tùy chọn"
    )]
    pub format: Vec<Format>,
    /// Ghi thêm mã Typst sinh ra (.typ) cạnh mỗi PDF, kèm các thư viện nó dùng, để sửa mẫu
    #[arg(long, help_heading = "Tùy chọn")]
    pub emit_typ: bool,
}

impl Output {
    /// What the run is asked to write, issued as `issuance` says.
    pub fn to_run(&self, issuance: IssuanceChoice) -> ocop::run::Output {
        ocop::run::Output {
            out: self.out.clone(),
            only: self.only.clone(),
            formats: self.format.clone(),
            emit_typ: self.emit_typ,
            issuance,
        }
    }
}

#[derive(Args)]
pub struct CheckArgs {
    /// Tệp kế hoạch .yaml, hoặc thư mục chứa chúng
    #[arg(required = true, value_name = "TỆP|THƯ_MỤC", help_heading = "Đối số")]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub shared: Shared,
}

#[derive(Args)]
pub struct RegisterArgs {
    /// Tệp YAML của năm có mục `register` (sổ là tệp .xlsx hoặc .csv cạnh nó)
    #[arg(value_name = "TỆP", help_heading = "Đối số")]
    pub file: PathBuf,
    /// Xuất sổ ra tệp này (.xlsx hoặc .csv) thay vì ghi vào sổ
    #[arg(long, value_name = "TỆP_XUẤT", help_heading = "Tùy chọn")]
    pub export: Option<PathBuf>,
    /// Ngày xét trạng thái khi xuất, dd/mm/yyyy (mặc định: `as_of` của sổ, không có thì hôm nay)
    #[arg(long, value_name = "NGÀY", help_heading = "Tùy chọn")]
    pub date: Option<String>,
}

#[derive(Args)]
pub struct CertificatesArgs {
    /// Tệp YAML có mục `certificates`
    #[arg(value_name = "TỆP", help_heading = "Đối số")]
    pub file: PathBuf,
    /// Danh sách sản phẩm: bảng tính Excel (.xlsx, .xls), LibreOffice (.ods) hoặc .csv (thay danh sách trong tệp YAML)
    #[arg(long, value_name = "TỆP", help_heading = "Tùy chọn")]
    pub products: Option<PathBuf>,
    /// Trang tính cần đọc trong tệp .xlsx, .xls hoặc .ods (mặc định trang đầu)
    #[arg(long, value_name = "TÊN", help_heading = "Tùy chọn")]
    pub sheet: Option<String>,
    /// Thư mục ghi kết quả (mặc định: out)
    #[arg(
        short,
        long,
        alias = "output",
        value_name = "THƯ_MỤC",
        default_value = "out",
        hide_default_value = true,
        help_heading = "Tùy chọn"
    )]
    pub out: PathBuf,
    /// Ghi một tệp PDF gồm mọi giấy chứng nhận theo thứ tự danh sách, để in
    #[arg(long, help_heading = "Tùy chọn")]
    pub merge: bool,
    #[command(flatten)]
    pub shared: Shared,
}

/// Options every rendering command takes.
#[derive(Args)]
pub struct Shared {
    /// Thư mục mẫu riêng; mỗi tệp trong đó thay tệp cùng tên của mẫu có sẵn
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    pub templates: Option<PathBuf>,
    /// Thư mục phông chữ bổ sung (ví dụ chứa Times New Roman); dùng được nhiều lần
    #[arg(long, value_name = "THƯ_MỤC", help_heading = "Tùy chọn")]
    pub font_path: Vec<PathBuf>,
    /// Tên họ phông dùng cho văn bản (mặc định: Times New Roman nếu có, không thì Liberation Serif)
    #[arg(long, value_name = "TÊN", help_heading = "Tùy chọn")]
    pub font: Option<String>,
    /// Ban hành điện tử (như `electronic: true`): để trống số và ngày cho hệ thống quản lý văn bản, chừa chỗ ảnh chữ ký số và dấu, thêm ô ký số trống và tệp tọa độ .ky-so.json
    #[arg(long, help_heading = "Tùy chọn")]
    pub electronic: bool,
    /// Chuẩn tệp PDF: a-2b (PDF/A-2b, để lưu trữ) hoặc none (PDF thường); thay `pdf_standard:` của tệp YAML
    #[arg(
        long,
        value_name = "CHUẨN",
        value_enum,
        hide_possible_values = true,
        help_heading = "Tùy chọn"
    )]
    pub pdf_standard: Option<PdfStandard>,
    /// Ghi mỗi phụ lục thành một tệp riêng bên cạnh văn bản (như `separate_appendices: true`)
    #[arg(long, help_heading = "Tùy chọn")]
    pub separate_appendices: bool,
}

impl Shared {
    pub fn options(&self) -> Options {
        Options {
            templates: self.templates.clone(),
            font_paths: self.font_path.clone(),
            font_family: self.font.clone(),
            keep_documents: false,
        }
    }

    /// How the documents are issued, as the command line asks.
    pub fn issuance(&self) -> IssuanceChoice {
        IssuanceChoice {
            electronic: self.electronic,
            pdf_standard: self.pdf_standard,
            separate_appendices: self.separate_appendices,
        }
    }
}

/// The whole command line as clap sees it: the derived commands, with
/// `help` taking the name of any other command.
pub fn command() -> clap::Command {
    let cmd = Cli::command();
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    cmd.mut_subcommand("help", |help| {
        help.mut_arg("command", |a| {
            a.value_parser(clap::builder::PossibleValuesParser::new(names))
        })
    })
}

/// Reads the command line. Help and version are printed here (exit 0);
/// a command line that cannot be read is explained in Vietnamese (exit 2).
pub fn parse() -> Result<Cli, ExitCode> {
    parse_from(std::env::args_os())
}

fn parse_from<I, T>(args: I) -> Result<Cli, ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let args: Vec<std::ffi::OsString> = args.into_iter().map(Into::into).collect();
    command()
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m))
        .map_err(|e| print_clap(&e, subcommand_of(&args)))
}

/// The command a command line asks for (`render` in `ocop render …`): the
/// first argument after the program's name that is not an option.
fn subcommand_of(args: &[std::ffi::OsString]) -> Option<String> {
    let first = args
        .iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))?;
    let name = first.to_str()?;
    command()
        .get_subcommands()
        .any(|c| c.get_name() == name)
        .then(|| name.to_string())
}

/// `ocop help [LỆNH]`: the same text as `ocop [LỆNH] --help`.
pub fn print_help(name: Option<&str>) -> ExitCode {
    let mut args = vec!["ocop"];
    args.extend(name);
    args.push("--help");
    match parse_from(args) {
        Ok(_) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// Prints what clap stopped at: help and version as they are (our text),
/// anything else as a Vietnamese usage error.
fn print_clap(e: &clap::Error, subcommand: Option<String>) -> ExitCode {
    use std::io::Write;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = write!(std::io::stdout().lock(), "{e}");
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = write!(std::io::stderr().lock(), "{e}");
            ExitCode::from(USAGE_ERROR)
        }
        _ => {
            let _ = write!(
                std::io::stderr().lock(),
                "{}",
                usage_error(e, subcommand.as_deref())
            );
            ExitCode::from(USAGE_ERROR)
        }
    }
}

/// A usage error in Vietnamese, in the layout of the other diagnostics:
///
/// ```text
/// lỗi: không có tùy chọn `--outt`
///  = gợi ý: có phải ý bạn là `--out`?
///  = cách dùng: ocop render [TÙY_CHỌN] <TỆP|THƯ_MỤC>...
///  = xem thêm: ocop render --help
/// ```
/// `subcommand` is the command the line asked for, if any: its usage is
/// shown when clap's error does not carry one.
pub fn usage_error(e: &clap::Error, subcommand: Option<&str>) -> String {
    let ctx = Context { e, subcommand };
    let mut hints: Vec<String> = Vec::new();
    let message = ctx.message(&mut hints);
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        if let Some(s) = ctx.text(kind) {
            hints.insert(0, format!("có phải ý bạn là `{s}`?"));
        }
    }
    hints.extend(ctx.tips());
    let usage = ctx.usage();
    let mut out = format!("lỗi: {message}\n");
    for hint in hints {
        let _ = writeln!(out, " = gợi ý: {hint}");
    }
    let command_path = usage
        .as_deref()
        .map(|u| {
            u.split_whitespace()
                .take_while(|w| !w.starts_with(['[', '<']))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty() && p != "ocop help")
        .unwrap_or_else(|| "ocop".to_string());
    if let Some(usage) = &usage {
        let _ = writeln!(out, " = cách dùng: {usage}");
    }
    let _ = writeln!(out, " = xem thêm: {command_path} --help");
    out
}

/// A clap error and the command it is about, read for [`usage_error`].
struct Context<'a> {
    e: &'a clap::Error,
    subcommand: Option<&'a str>,
}

impl Context<'_> {
    fn text(&self, kind: ContextKind) -> Option<String> {
        match self.e.get(kind) {
            Some(ContextValue::String(s)) => Some(s.clone()),
            Some(ContextValue::Strings(v)) if !v.is_empty() => Some(v.join(", ")),
            Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
            _ => None,
        }
    }

    fn list(&self, kind: ContextKind) -> Vec<String> {
        match self.e.get(kind) {
            Some(ContextValue::String(s)) => vec![s.clone()],
            Some(ContextValue::Strings(v)) => v.clone(),
            _ => Vec::new(),
        }
    }

    /// The argument the error is about (`--only <LOẠI>`), or "".
    fn arg(&self) -> String {
        self.text(ContextKind::InvalidArg).unwrap_or_default()
    }

    /// The error's first line, pushing what else to say onto `hints`.
    fn message(&self, hints: &mut Vec<String>) -> String {
        let arg = self.arg();
        let value = self.text(ContextKind::InvalidValue).unwrap_or_default();
        let option = option_name(&arg);
        match self.e.kind() {
            ErrorKind::InvalidSubcommand => {
                let name = self
                    .text(ContextKind::InvalidSubcommand)
                    .unwrap_or_default();
                let names: Vec<String> = command()
                    .get_subcommands()
                    .map(|c| c.get_name().to_string())
                    .collect();
                hints.push(format!("các lệnh: {}", names.join(", ")));
                format!("không có lệnh `{name}`")
            }
            ErrorKind::UnknownArgument if arg.starts_with('-') => self.unknown_option(&arg, hints),
            ErrorKind::UnknownArgument => format!("thừa đối số `{arg}`"),
            ErrorKind::MissingRequiredArgument => {
                let missing = self.list(ContextKind::InvalidArg);
                format!("thiếu đối số bắt buộc {}", missing.join(", "))
            }
            ErrorKind::MissingSubcommand => {
                let names = self.list(ContextKind::ValidSubcommand);
                if !names.is_empty() {
                    hints.push(format!("các lệnh: {}", names.join(", ")));
                }
                "thiếu lệnh".to_string()
            }
            ErrorKind::InvalidValue if value.is_empty() => format!("`{option}` cần một giá trị"),
            ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
                self.invalid_value(&arg, &value, hints)
            }
            ErrorKind::ArgumentConflict => self.conflict(&arg),
            ErrorKind::NoEquals => format!("`{option}` cần giá trị viết liền sau dấu `=`"),
            ErrorKind::TooManyValues => format!("`{option}` không nhận thêm giá trị `{value}`"),
            ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
                format!("`{option}` nhận sai số giá trị")
            }
            ErrorKind::InvalidUtf8 => {
                "đối số có ký tự không đọc được (không phải UTF-8)".to_string()
            }
            _ => "sai cách gọi lệnh".to_string(),
        }
    }

    /// An option this command does not take: perhaps another one does.
    fn unknown_option(&self, arg: &str, hints: &mut Vec<String>) -> String {
        let owners = commands_with_option(option_name(arg));
        if owners.is_empty() {
            return format!("không có tùy chọn `{arg}`");
        }
        let here = self
            .subcommand
            .map(|s| format!(" `ocop {s}`"))
            .unwrap_or_default();
        let commands: Vec<String> = owners.iter().map(|c| format!("ocop {c}")).collect();
        hints.push(format!(
            "`{}` dùng được với: {}",
            option_name(arg),
            commands.join(", ")
        ));
        format!("lệnh{here} không có tùy chọn `{arg}`")
    }

    /// A value the argument does not take (for `help`, a command that is not).
    fn invalid_value(&self, arg: &str, value: &str, hints: &mut Vec<String>) -> String {
        let valid = self.list(ContextKind::ValidValue);
        if self.subcommand == Some("help") {
            hints.push(format!("các lệnh: {}", valid.join(", ")));
            return format!("không có lệnh `{value}`");
        }
        if !valid.is_empty() {
            hints.push(format!("các giá trị được nhận: {}", valid.join(", ")));
        }
        if arg.starts_with('-') {
            format!("`{}` không nhận giá trị `{value}`", option_name(arg))
        } else {
            let name = arg.trim_matches(['<', '>', '[', ']', '.']);
            format!("đối số {name} không nhận giá trị `{value}`")
        }
    }

    /// Two options that cannot go together, or one given twice.
    fn conflict(&self, arg: &str) -> String {
        match self.e.get(ContextKind::PriorArg) {
            Some(ContextValue::String(prior)) if prior == arg => {
                format!("`{}` chỉ được dùng một lần", option_name(arg))
            }
            Some(ContextValue::String(prior)) => format!(
                "`{}` không dùng cùng `{}` được",
                option_name(arg),
                option_name(prior)
            ),
            _ => format!(
                "`{}` không dùng cùng các tùy chọn đã cho được",
                option_name(arg)
            ),
        }
    }

    /// clap's own tips, in Vietnamese; none for an option that another
    /// command takes (the message already says which).
    fn tips(&self) -> Vec<String> {
        let arg = self.arg();
        let known_elsewhere =
            arg.starts_with('-') && !commands_with_option(option_name(&arg)).is_empty();
        match self.e.get(ContextKind::Suggested) {
            Some(ContextValue::StyledStrs(tips)) if !known_elsewhere => tips
                .iter()
                .filter_map(|tip| translated_tip(&tip.to_string(), &arg))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The usage line of the command, without clap's English title.
    fn usage(&self) -> Option<String> {
        self.text(ContextKind::Usage)
            .or_else(|| {
                // Errors about a value carry no usage: the command's own.
                let mut cmd = command();
                let sub = cmd.find_subcommand_mut(self.subcommand?)?;
                Some(sub.render_usage().to_string())
            })
            .map(|u| {
                // clap puts its title before the usage it was given; the
                // usage itself is ours (`override_usage`).
                u.split_once(':')
                    .map(|(_, rest)| rest.trim().to_string())
                    .unwrap_or(u)
            })
    }
}

/// The commands that take option `--name` (or `-n`).
fn commands_with_option(name: &str) -> Vec<String> {
    let long = name.strip_prefix("--");
    let short = name
        .strip_prefix('-')
        .filter(|s| !s.starts_with('-'))
        .and_then(|s| s.chars().next());
    command()
        .get_subcommands()
        .filter(|c| {
            c.get_arguments().any(|a| {
                (long.is_some() && a.get_long() == long)
                    || (short.is_some() && a.get_short() == short)
            })
        })
        .map(|c| c.get_name().to_string())
        .collect()
}

/// `--only <LOẠI>` → `--only`.
fn option_name(arg: &str) -> &str {
    if arg.starts_with('-') {
        arg.split([' ', '=']).next().unwrap_or(arg)
    } else {
        arg
    }
}

/// clap's suggestions come as English sentences of two known shapes; they
/// are said again in Vietnamese, and any other is left out.
fn translated_tip(tip: &str, arg: &str) -> Option<String> {
    if tip.starts_with("to pass") {
        // "to pass '-x' as a value, use '-- -x'"
        return Some(format!(
            "nếu `{arg}` là tên tệp, viết `-- {arg}` (hoặc `./{arg}`)"
        ));
    }
    if let Some(rest) = tip.strip_suffix("' exists") {
        // "'render --out' exists"
        let usage = rest.trim_start_matches('\'');
        return Some(format!("tùy chọn này thuộc lệnh khác: `ocop {usage}`"));
    }
    if let Some(rest) = tip.strip_prefix("subcommand '") {
        // "subcommand 'x' exists; to use it, remove the '--' before it"
        let name = rest.split('\'').next().unwrap_or_default();
        return Some(format!("`{name}` là một lệnh; bỏ `--` trước nó"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        command().debug_assert();
    }

    #[test]
    fn only_names_every_kind_with_its_vietnamese_name() {
        let render = command().find_subcommand("render").unwrap().clone();
        let only = render
            .get_arguments()
            .find(|a| a.get_id() == "only")
            .unwrap();
        let help = only.get_help().unwrap().to_string();
        for kind in <DocKind as clap::ValueEnum>::value_variants() {
            let value = clap::ValueEnum::to_possible_value(kind).unwrap();
            let named = format!("{} ({})", value.get_name(), kind.name());
            assert!(help.contains(&named), "--only does not name {named}");
        }
    }

    #[test]
    fn help_takes_every_command() {
        for sub in command().get_subcommands() {
            assert!(
                parse_from(["ocop", "help", sub.get_name()]).is_ok(),
                "{}",
                sub.get_name()
            );
        }
    }

    #[test]
    fn tips_are_translated_or_dropped() {
        assert!(
            translated_tip("to pass '--x' as a value, use '-- --x'", "--x")
                .unwrap()
                .contains("-- --x")
        );
        assert_eq!(
            translated_tip("'render --out' exists", "--out").unwrap(),
            "tùy chọn này thuộc lệnh khác: `ocop render --out`"
        );
        assert_eq!(translated_tip("something new in English", "x"), None);
    }
}
