//! The command line, as clap reads it: commands, arguments and options,
//! with Vietnamese help. Parsing only; each command runs in `cmd/`.

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

use ocop::doc::DocKind;
use ocop::session::Options;

pub const HELP_TEMPLATE: &str =
    "{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

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
    #[command(help_template = HELP_TEMPLATE)]
    Render(RenderArgs),
    /// Kiểm tra tệp YAML, báo mọi lỗi một lần, không ghi tệp nào
    #[command(help_template = HELP_TEMPLATE)]
    Check(CheckArgs),
    /// Dựng giấy chứng nhận sản phẩm OCOP hàng loạt, mỗi sản phẩm một tệp PDF
    #[command(help_template = HELP_TEMPLATE)]
    Certificates(CertificatesArgs),
    /// Tạo tệp kế hoạch mới từ kế hoạch mẫu, để sửa
    #[command(help_template = HELP_TEMPLATE)]
    New {
        /// Tệp .yaml sẽ tạo (không ghi đè tệp đã có)
        #[arg(value_name = "TỆP", help_heading = "Đối số")]
        file: PathBuf,
    },
    /// In lược đồ JSON (JSON Schema) của tệp kế hoạch, để trình soạn thảo gợi ý và báo lỗi khi gõ
    #[command(help_template = HELP_TEMPLATE)]
    Schema {
        /// Ghi vào tệp này thay vì in ra màn hình
        #[arg(short, long, value_name = "TỆP", help_heading = "Tùy chọn")]
        out: Option<PathBuf>,
    },
    /// Chép các mẫu có sẵn ra thư mục để tùy biến (dùng lại với --templates)
    #[command(help_template = HELP_TEMPLATE)]
    Templates {
        /// Thư mục sẽ chứa các mẫu
        #[arg(value_name = "THƯ_MỤC", help_heading = "Đối số")]
        dir: PathBuf,
    },
}

#[derive(Args)]
pub struct RenderArgs {
    /// Tệp kế hoạch .yaml, hoặc thư mục chứa chúng
    #[arg(required = true, value_name = "TỆP|THƯ_MỤC", help_heading = "Đối số")]
    pub inputs: Vec<PathBuf>,
    /// Thư mục ghi kết quả; mỗi tệp YAML có một thư mục con
    #[arg(
        short,
        long,
        value_name = "THƯ_MỤC",
        default_value = "out",
        help_heading = "Tùy chọn"
    )]
    pub out: PathBuf,
    /// Chỉ dựng các loại văn bản này: plan (kế hoạch), decision (quyết định), dispatch (công văn), certificate (giấy chứng nhận); cách nhau bằng dấu phẩy hoặc dùng nhiều lần
    #[arg(
        long,
        value_name = "LOẠI",
        value_enum,
        value_delimiter = ',',
        help_heading = "Tùy chọn"
    )]
    pub only: Vec<DocKind>,
    /// Dạng tệp ghi ra: pdf (để in), docx (Word, để góp ý và sửa); "pdf,docx" cho cả hai. Giấy chứng nhận chỉ có bản PDF
    #[arg(
        long,
        value_name = "DẠNG",
        value_enum,
        value_delimiter = ',',
        default_value = "pdf",
        help_heading = "Tùy chọn"
    )]
    pub format: Vec<Format>,
    /// Ghi thêm mã Typst sinh ra (.typ) cạnh mỗi PDF, để sửa mẫu
    #[arg(long, help_heading = "Tùy chọn")]
    pub emit_typ: bool,
    #[command(flatten)]
    pub shared: Shared,
}

/// The forms a document is written in.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// PDF, print-exact
    Pdf,
    /// Word (.docx), editable
    Docx,
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
pub struct CertificatesArgs {
    /// Tệp YAML có mục `certificates`
    #[arg(value_name = "TỆP", help_heading = "Đối số")]
    pub file: PathBuf,
    /// Danh sách sản phẩm .xlsx hoặc .csv (thay danh sách trong tệp YAML)
    #[arg(long, value_name = "TỆP", help_heading = "Tùy chọn")]
    pub products: Option<PathBuf>,
    /// Trang tính cần đọc trong tệp .xlsx (mặc định trang đầu)
    #[arg(long, value_name = "TÊN", help_heading = "Tùy chọn")]
    pub sheet: Option<String>,
    /// Thư mục ghi kết quả (mặc định: out)
    #[arg(
        short,
        long,
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
}

impl Shared {
    pub fn options(&self) -> Options {
        Options {
            templates: self.templates.clone(),
            font_paths: self.font_path.clone(),
            font_family: self.font.clone(),
        }
    }
}
