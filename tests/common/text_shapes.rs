//! Texts of the shapes the importer joins or scans, `n` lines long: what
//! a careless copy, a generator or a hostile file hands `ocop import`.
//! Shared by the bounds test (tests/import_bounds.rs) and the import
//! benchmark (benches/import.rs), which times them at growing lengths.

/// Each shape by name, as a whole text of about `n` lines.
pub fn shapes(n: usize) -> Vec<(&'static str, String)> {
    let lines = |f: &dyn Fn(usize) -> String| (0..n).map(f).collect::<Vec<_>>().join("\n");
    let head = "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\nSố: 12/KH-UBND\n\nKẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n\nNội dung.\n\n";
    vec![
        (
            "numbers a line",
            format!("TT\n{}", lines(&|i| i.to_string())),
        ),
        (
            "wrapped lines, blank lines between",
            format!(
                "I. MỤC ĐÍCH\n\n{}",
                lines(&|i| format!("và các xã thực hiện việc số {i}\n"))
            ),
        ),
        (
            "wrapped lines, none between",
            format!(
                "I. MỤC ĐÍCH\n{}",
                lines(&|i| format!("và các xã thực hiện việc số {i}"))
            ),
        ),
        (
            "a Nơi nhận line wrapped on and on",
            format!(
                "{head}Nơi nhận:\n- Sở A\n{}",
                lines(&|i| format!("đơn vị số {i}"))
            ),
        ),
        (
            "cells a line",
            format!(
                "{head}TT\nNội dung\nĐơn vị\nThời gian\n{}",
                lines(&|i| format!(
                    "{i}\nViệc số {i}\nSở Nông nghiệp và Môi trường\nQuý {}",
                    1 + i % 4
                ))
            ),
        ),
        (
            "one endless line",
            format!(
                "I. MỤC ĐÍCH\n{}",
                (0..n * 8)
                    .map(|i| format!("từ{i}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        ),
        (
            "bullets",
            format!(
                "I. MỤC ĐÍCH\n{}",
                lines(&|i| format!("- Việc số {i} của các xã;"))
            ),
        ),
        (
            "signer lines over and over",
            format!(
                "{head}{}",
                lines(&|_| "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH".to_string())
            ),
        ),
        (
            "two columns side by side",
            lines(&|i| format!("Sở Nông nghiệp số {i}                    CỘNG HÒA XÃ HỘI {i}")),
        ),
    ]
}
