//! Which lines are sentences rather than headings, and which sentences give
//! work to units: read once the units are declared, the way the validator
//! reads an `assign:` sentence ([`Units::roles`]), so every `assign:` the
//! importer writes names a unit that leads.

use crate::model::{Block, BlockFields, ListItem, ListItemFields, Section};
use crate::units::{Reading, Units};

/// Marks the sentences of `sections`, whose units `known` declares. Only
/// a plan's sentences are read for per-unit dispatches (`assign`).
pub fn mark(sections: &mut [Section], known: &Units<'_>, plan: bool) {
    let implied: Option<&[String]> = plan.then_some(&[]);
    walk(sections, known, implied);
}

/// `implied`: the units whose own section the lines stand in (their
/// subject when a sentence names none); `None` where no line is read as
/// an assignment.
fn walk(list: &mut [Section], known: &Units<'_>, implied: Option<&[String]>) {
    for s in list {
        let own: Vec<String>;
        let implied = match (implied, &s.unit) {
            (Some(_), Some(units)) => {
                own = units
                    .0
                    .iter()
                    .filter_map(|u| known.resolve(u))
                    .map(str::to_string)
                    .collect();
                Some(own.as_slice())
            }
            (other, _) => other,
        };
        // A numbered line that is not bold and reads as a sentence.
        let sentence = s.unit.is_none()
            && s.bold == Some(false)
            && !s.inline
            && !s.colon
            && s.note.is_none()
            && s.title
                .as_deref()
                .is_some_and(|t| t.ends_with(['.', ';', ':']));
        if sentence && let Some(title) = s.title.take() {
            s.bold = None;
            if assigns(known, &title, implied) {
                s.assign = Some(title);
            } else {
                s.text = Some(title);
            }
        }
        for b in &mut s.body {
            block(b, known, implied);
        }
        walk(&mut s.sections, known, implied);
    }
}

fn block(b: &mut Block, known: &Units<'_>, implied: Option<&[String]>) {
    match b {
        Block::Paragraph(t) if assigns(known, t, implied) => {
            *b = Block::Fields(Box::new(BlockFields {
                assign: Some(std::mem::take(t)),
                ..BlockFields::default()
            }));
        }
        Block::Fields(f) => {
            if let Some(items) = &mut f.list {
                list(items, known, implied);
            }
        }
        Block::Paragraph(_) => {}
    }
}

fn list(items: &mut [ListItem], known: &Units<'_>, implied: Option<&[String]>) {
    for it in items {
        match it {
            ListItem::Text(t) if assigns(known, t, implied) => {
                *it = ListItem::Fields(ListItemFields {
                    assign: Some(std::mem::take(t)),
                    ..ListItemFields::default()
                });
            }
            ListItem::Fields(f) => {
                if f.label.is_none()
                    && let Some(t) = f.text.take_if(|t| assigns(known, t, implied))
                {
                    f.assign = Some(t);
                }
                list(&mut f.list, known, implied);
            }
            ListItem::Text(_) => {}
        }
    }
}

/// Whether `text` gives work to declared units: a unit opens it ("Sở Y tế
/// chủ trì …"), or, in a unit's own section, it names others ("Chủ trì,
/// phối hợp với Sở Tài chính …"; a plain line there is already the unit's
/// duty).
fn assigns(known: &Units<'_>, text: &str, implied: Option<&[String]>) -> bool {
    let Some(implied) = implied else {
        return false;
    };
    let roles = known.roles(text, Reading::Sentence, implied);
    !roles.leads.is_empty()
        && (implied.is_empty()
            || !roles.supports.is_empty()
            || roles.leads.iter().any(|l| !implied.contains(l)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn sentences_that_give_work_are_assignments_and_numbered_sentences_paragraphs() {
        let text = "ỦY BAN NHÂN DÂN\n\nTỈNH AN BÌNH\n\nKẾ HOẠCH\n\nPhát triển sản phẩm năm 2026\n\n\
             Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n\nI. NHIỆM VỤ\n\n\
             1. Tuyên truyền\n\n\
             Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Y tế tổ chức tuyên truyền.\n\n\
             Các xã tổ chức tuyên truyền tại cơ sở.\n\n\
             2. Năm 2026 phấn đấu có thêm 20 sản phẩm đạt 3 sao.\n\n\
             II. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\n\
             - Chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch kiểm tra an toàn thực phẩm.\n\n\
             - Báo cáo kết quả trước ngày 15/12/2026.\n\n\
             Trên đây là Kế hoạch.\n\nNơi nhận:\n\n- Như trên;\n\n- Lưu: VT.\n\n\
             TM. ỦY BAN NHÂN DÂN\n\nCHỦ TỊCH\n\nNguyễn Văn An";
        let yaml = super::super::import_text(text, "kh.txt").yaml;
        for line in [
            "- assign: Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Sở Y tế tổ chức tuyên truyền.",
            // No declared unit opens it: a paragraph as typed.
            "- Các xã tổ chức tuyên truyền tại cơ sở.",
            "- text: Năm 2026 phấn đấu có thêm 20 sản phẩm đạt 3 sao.",
            // In the unit's own section: names another unit.
            "- assign: Chủ trì, phối hợp với Sở Văn hóa, Thể thao và Du lịch kiểm tra an toàn thực phẩm.",
            // A plain duty of the section's unit.
            "- Báo cáo kết quả trước ngày 15/12/2026.",
        ] {
            assert!(
                yaml.lines().any(|l| l.trim() == line),
                "missing {line:?} in\n{yaml}"
            );
        }
        assert!(!yaml.contains("bold: false"), "{yaml}");
    }
}
