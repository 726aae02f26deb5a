//! `ocop register`: prints what `ocop::run::register` did to the office's
//! register, or the export it wrote.

use std::process::ExitCode;

use ocop::diag::display_path;
use ocop::run::register::{Register, Registered, register};

use super::{INPUT_ERRORS, print_path, report, say};
use crate::cli::RegisterArgs;

pub fn run(args: &RegisterArgs) -> ExitCode {
    let outcome = register(&Register {
        file: args.file.clone(),
        export: args.export.clone(),
        date: args.date.clone(),
    });
    report(&outcome.problems);
    match outcome.done {
        None => return ExitCode::from(INPUT_ERRORS),
        Some(Registered::Updated(o)) if o.appended == 0 && o.updated == 0 => say(format!(
            "sổ {} đã có mọi kết quả đã ký trong tệp; không ghi gì",
            display_path(&o.file)
        )),
        Some(Registered::Updated(o)) => {
            say(format!(
                "đã ghi vào sổ {}: thêm {} dòng, cập nhật {} dòng",
                display_path(&o.file),
                o.appended,
                o.updated
            ));
            for value in &o.left_out {
                say(format!(
                    "cảnh báo: sổ không có cột cho {value}; giá trị này không được ghi"
                ));
            }
            print_path(&o.file);
        }
        Some(Registered::Exported {
            file,
            products,
            day,
        }) => {
            say(format!(
                "đã xuất {products} sản phẩm của sổ, trạng thái tại ngày {}",
                day.short()
            ));
            print_path(&file);
        }
    }
    ExitCode::SUCCESS
}
