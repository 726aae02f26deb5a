//! File names of the documents a YAML file describes, derived from the
//! data: ASCII, short, stable between runs. Validation uses them to refuse
//! two documents that would overwrite each other; composition names the
//! documents with them.

use crate::model::{Decision, DecisionKind, Dispatch};
use crate::text::slug;

/// The plan's file stem.
pub const PLAN: &str = "ke-hoach";

/// A decision's file stem: its `file:`, or one by kind.
pub fn decision(d: &Decision) -> String {
    let default = match d.kind {
        DecisionKind::Council => "quyet-dinh-thanh-lap-hoi-dong",
        DecisionKind::Results => "quyet-dinh-cong-nhan-san-pham",
    };
    slug(d.file.as_deref().unwrap_or(default))
}

/// A free-form dispatch's file stem: its `file:`, or one from its subject.
pub fn dispatch(d: &Dispatch) -> String {
    match &d.file {
        Some(f) => slug(f),
        None => slug(&format!(
            "cong-van-{}",
            short_slug(d.subject.as_deref().unwrap_or(""))
        )),
    }
}

/// The dispatch drafted for one lead unit.
pub fn unit_dispatch(unit_key: &str) -> String {
    format!("cong-van-{}", unit_key.replace('_', "-"))
}

/// The one dispatch drafted to every unit.
pub fn all_units_dispatch(d: &Dispatch) -> String {
    slug(d.file.as_deref().unwrap_or("cong-van-trien-khai-ke-hoach"))
}

/// A slug cut at a word boundary to about 48 characters.
pub fn short_slug(text: &str) -> String {
    let s = slug(text);
    let mut cut = String::new();
    for word in s.split('-') {
        if cut.len() + word.len() > 48 {
            break;
        }
        if !cut.is_empty() {
            cut.push('-');
        }
        cut.push_str(word);
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_for_file_names_are_short() {
        assert_eq!(
            short_slug(
                "khẩn trương triển khai thực hiện Chương trình Nông thôn mới và Chương trình OCOP"
            ),
            "khan-truong-trien-khai-thuc-hien-chuong-trinh"
        );
    }
}
