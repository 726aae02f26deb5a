//! `ocop watch --open`: the PDF opened in the system's viewer.

use std::path::Path;

use ocop::diag::Diagnostic;

use super::report;

/// Opens `pdf` with the system's viewer, without waiting for it; a
/// failure is said, and watching goes on.
pub fn open(pdf: &Path) {
    let (program, mut command) = if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        // `start` takes its first quoted argument as a window title.
        c.args(["/C", "start", ""]);
        ("cmd /C start", c)
    } else if cfg!(target_os = "macos") {
        ("open", std::process::Command::new("open"))
    } else {
        ("xdg-open", std::process::Command::new("xdg-open"))
    };
    command
        .arg(pdf)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    match command.spawn() {
        Ok(mut child) => {
            // Some openers wait for the viewer: their end is awaited aside.
            let pdf = pdf.to_path_buf();
            std::thread::spawn(move || match child.wait() {
                Ok(status) if !status.success() => failed(
                    &pdf,
                    format!("{program} kết thúc với mã {}", status.code().unwrap_or(-1)),
                ),
                Ok(_) => {}
                Err(e) => failed(&pdf, format!("{program}: {e}")),
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            failed(pdf, format!("không tìm thấy chương trình {program}"))
        }
        Err(e) => failed(pdf, format!("không chạy được {program}: {e}")),
    }
}

fn failed(pdf: &Path, why: String) {
    report(&[
        Diagnostic::warning(format!("không mở được tệp PDF ({why})"))
            .file(pdf)
            .hint("mở tệp này bằng chương trình xem PDF; ocop vẫn tiếp tục theo dõi"),
    ]);
}
