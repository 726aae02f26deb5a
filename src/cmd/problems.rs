//! Problems printed to stderr as the user reads them. The same problem
//! (same file, same message) is shown in full a few times; the rest are
//! counted with their lines, so a block pasted ten thousand times is one
//! screen, not ten thousand.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use ocop::diag::{Diagnostic, display_path};

/// How many of one problem are shown in full.
const SHOWN_ALIKE: usize = 20;

/// Problems with one message in one file: how many, and the lines of
/// those not shown.
struct Alike<'a> {
    file: Option<&'a Path>,
    message: &'a str,
    count: usize,
    lines: Vec<usize>,
}

pub fn report(diags: &[Diagnostic]) {
    let mut err = std::io::stderr().lock();
    // Indexed, not searched: a file can hold a hundred thousand different
    // problems, and each must cost the same.
    let mut index: HashMap<(Option<&Path>, &str), usize> = HashMap::new();
    let mut alike: Vec<Alike<'_>> = Vec::new();
    for d in diags {
        let (file, message) = (d.file.as_deref(), d.message.as_str());
        let i = *index.entry((file, message)).or_insert_with(|| {
            alike.push(Alike {
                file,
                message,
                count: 0,
                lines: Vec::new(),
            });
            alike.len() - 1
        });
        let seen = &mut alike[i];
        seen.count += 1;
        if seen.count <= SHOWN_ALIKE {
            let _ = writeln!(err, "{}", d.render());
        } else {
            seen.lines.extend(d.pos.map(|p| p.line));
        }
    }
    for a in alike.iter().filter(|a| a.count > SHOWN_ALIKE) {
        let _ = writeln!(err, "{}\n", the_rest(a));
    }
}

/// "… và 9980 chỗ khác trong x.yaml cùng lỗi “…” (dòng 41, 42, …); …"
fn the_rest(a: &Alike<'_>) -> String {
    let place = a
        .file
        .map(|f| format!(" trong {}", display_path(f)))
        .unwrap_or_default();
    let mut at: Vec<String> = (a.lines.iter())
        .take(SHOWN_ALIKE)
        .map(usize::to_string)
        .collect();
    if a.lines.len() > SHOWN_ALIKE {
        at.push("…".into());
    }
    let at = if at.is_empty() {
        String::new()
    } else {
        format!(" (dòng {})", at.join(", "))
    };
    format!(
        "… và {} chỗ khác{place} cùng lỗi “{}”{at}; sửa các chỗ trên rồi chạy lại để xem tiếp",
        a.count - SHOWN_ALIKE,
        a.message
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rest_names_the_file_the_count_and_the_first_lines() {
        let a = Alike {
            file: Some(Path::new("ke-hoach.yaml")),
            message: "khóa trùng",
            count: SHOWN_ALIKE + 30,
            lines: (41..71).collect(),
        };
        let text = the_rest(&a);
        assert!(text.starts_with(
            "… và 30 chỗ khác trong ke-hoach.yaml cùng lỗi “khóa trùng” (dòng 41, 42,"
        ));
        assert!(text.contains(", 60, …);"), "{text}");
    }
}
