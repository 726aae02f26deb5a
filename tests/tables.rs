//! Tables made from a plan's own data: the assignment table, the body and
//! the per-unit dispatches list the same tasks for every unit (on the
//! example plans and on generated ones); a stated total that disagrees
//! with its parts is refused at the total; the Word file has real tables.

use crate::common;

use std::collections::BTreeSet;
use std::path::Path;

use common::{prepare, root};
use ocop::doc::{Administrative, Block, Content, Document, Table};
use ocop::load::LoadOptions;
use ocop::units::{Units, fold};

/// The plan's assignment table: (content, leads, supports) of each task row.
fn task_rows(plan: &Administrative) -> Vec<(String, Vec<String>, Vec<String>)> {
    let table = plan
        .appendices
        .iter()
        .flat_map(|a| &a.body)
        .find_map(|b| match b {
            Block::Table(t) if header_text(t, 1) == "Nội dung nhiệm vụ" => Some(t),
            _ => None,
        })
        .expect("the plan has the assignment table");
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    table
        .rows
        .iter()
        .filter(|r| r.len() == 6)
        .map(|r| (r[1].text.clone(), lines(&r[2].text), lines(&r[3].text)))
        .collect()
}

fn header_text(t: &Table, i: usize) -> &str {
    t.header
        .last()
        .and_then(|r| r.get(i))
        .map_or("", |c| c.text.as_str())
}

fn text_of(b: &Block) -> String {
    match b {
        Block::Heading { label, title, .. } => format!("{label} {title}"),
        Block::Centered { text, .. } => text.clone(),
        Block::Para { lead, text, .. } => format!("{} {text}", lead.as_deref().unwrap_or("")),
        Block::Table(t) => t
            .rows
            .iter()
            .flatten()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// Where the body starts the task whose content is `content`.
fn body_start(body: &[Block], content: &str) -> usize {
    // A content of several paragraphs is one cell of the table: the body
    // prints its lead-in alone, then its first paragraph.
    let first = body
        .iter()
        .position(|b| {
            matches!(b, Block::Para { text, .. }
                if !text.trim().is_empty() && content.starts_with(text.trim()))
        })
        .unwrap_or_else(|| panic!("the body prints the task {content:?}"));
    match first.checked_sub(1).map(|i| &body[i]) {
        Some(Block::Para {
            lead: Some(_),
            text,
            ..
        }) if text.is_empty() => first - 1,
        _ => first,
    }
}

/// The title of the heading the body prints the task under.
fn body_title<'a>(body: &'a [Block], content: &str) -> &'a str {
    body[..body_start(body, content)]
        .iter()
        .rev()
        .find_map(|b| match b {
            Block::Heading { title, .. } => Some(title.as_str()),
            _ => None,
        })
        .unwrap_or("")
}

/// The lines the body prints for the task whose content is `content`: the
/// task's own lines up to the next heading, plain paragraph or task.
fn body_lines<'a>(body: &'a [Block], content: &str, contents: &[&str]) -> Vec<&'a Block> {
    let start = body_start(body, content);
    body[start + 1..]
        .iter()
        .take_while(|b| match b {
            Block::Para { marker, text, .. } => {
                marker.is_some() && !contents.contains(&text.trim())
            }
            _ => false,
        })
        .collect()
}

/// Whether `text` names the declared unit `key` by one of its spellings.
fn names(units: &Units<'_>, key: &str, text: &str) -> bool {
    let text = fold(text);
    units.spellings(key).iter().any(|s| text.contains(&fold(s)))
}

/// The table, the body and every per-unit dispatch of `path` agree on
/// which tasks each unit leads or cooperates in.
fn agree(path: &Path) {
    let loaded = ocop::load::load(path, &LoadOptions::default()).unwrap();
    let model = loaded.model.as_ref().expect("the plan loads");
    let units = Units::new(&model.units);
    let labels = &model.plan.as_ref().unwrap().style.labels;
    let unit_labels = [labels.units.as_str(), labels.support.as_str()];
    let report = prepare(path);
    let problems: Vec<String> = report.problems.iter().map(|d| d.render()).collect();
    assert!(!report.has_errors(), "{path:?}:\n{}", problems.join("\n"));
    let Content::Plan(plan) = &report.documents[0].content else {
        panic!("{path:?}: the plan comes first");
    };
    let rows = task_rows(plan);
    assert!(!rows.is_empty(), "{path:?}: the table lists the tasks");
    let contents: Vec<&str> = rows.iter().map(|(c, ..)| c.as_str()).collect();
    for (content, leads, supports) in &rows {
        let lines = body_lines(&plan.body, content, &contents);
        let all: String = lines
            .iter()
            .map(|b| text_of(b))
            .collect::<Vec<_>>()
            .join(" ");
        let with_content = format!("{content} {all}");
        let in_table: Vec<&String> = leads.iter().chain(supports).collect();
        for name in &in_table {
            let key = units.resolve(name);
            let found = match key {
                Some(k) => names(&units, k, &with_content),
                None => with_content.contains(name.as_str()),
            };
            assert!(
                found,
                "{path:?}: the table gives {name:?} the task {content:?}; its body lines do not:\n{all}"
            );
        }
        // A unit the body's units lines name is in the table's row.
        // The units lines, and the "+" lines a units line opens.
        let mut unit_lines = String::new();
        let mut open = false;
        for b in &lines {
            let Block::Para { marker, lead, .. } = b else {
                continue;
            };
            open = match (marker.as_deref(), lead) {
                (_, Some(l)) => unit_labels.contains(&l.trim_end_matches(':').trim()),
                (Some("+"), None) => open,
                _ => false,
            };
            if open {
                unit_lines.push_str(&text_of(b));
                unit_lines.push(' ');
            }
        }
        for key in units.keys() {
            if names(&units, key, &unit_lines) {
                let name = units.name(key, false);
                assert!(
                    in_table.iter().any(|n| units.resolve(n) == Some(key)),
                    "{path:?}: the body gives {name:?} the task {content:?}; the table does not"
                );
            }
        }
    }
    let dispatches: Vec<&Document> = report
        .documents
        .iter()
        .filter(|d| matches!(&d.content, Content::Dispatch(a) if a.to.len() == 1))
        .collect();
    for d in &dispatches {
        let Content::Dispatch(a) = &d.content else {
            unreachable!()
        };
        let unit = a.to[0].trim_end_matches(['.', ';']);
        let key = units
            .resolve(unit)
            .unwrap_or_else(|| panic!("{unit:?} is declared"));
        let text: String = a.body.iter().map(text_of).collect::<Vec<_>>().join("\n");
        // A dispatch quotes a task it gives the unit to lead; one it
        // cooperates in, it cites by its heading and place in the plan.
        let listed: BTreeSet<&str> = contents
            .iter()
            .copied()
            .filter(|c| {
                let task = matches!(
                    &plan.body[body_start(&plan.body, c)],
                    Block::Para { lead: Some(_), .. }
                );
                let cited = format!("{} (mục ", body_title(&plan.body, c).trim_end_matches(':'));
                text.contains(c) || (task && text.contains(&cited))
            })
            .collect();
        let given: BTreeSet<&str> = rows
            .iter()
            .filter(|(_, l, s)| l.iter().chain(s).any(|n| units.resolve(n) == Some(key)))
            .map(|(c, ..)| c.as_str())
            .collect();
        assert_eq!(
            listed, given,
            "{path:?}: the dispatch to {unit} and the table differ"
        );
    }
}

/// `yaml` with the assignment table as an appendix and every task line in
/// the body, written to `dir`.
fn with_task_table(dir: &Path, name: &str, yaml: &str) -> std::path::PathBuf {
    let yaml = if yaml.contains("\n  appendices:") {
        yaml.replace("- tasks: { body: content }", "- tasks: true")
    } else {
        yaml.replacen("\nplan:\n", "\nplan:\n  appendices: [{ tasks: true }]\n", 1)
    };
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(&path, yaml).unwrap();
    path
}

#[test]
fn the_assignment_table_the_body_and_the_dispatches_list_the_same_tasks() {
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for file in common::yaml_files(&root().join("plans")) {
        let yaml = std::fs::read_to_string(&file).unwrap();
        if !yaml.contains("\nplan:\n") || !yaml.contains("per_lead_unit") {
            continue;
        }
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        agree(&with_task_table(dir.path(), &name, &yaml));
        checked += 1;
    }
    assert!(checked >= 3, "plans with per-unit dispatches: {checked}");
}

/// A small deterministic generator (xorshift), so a failure is replayable.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

const UNITS: &[(&str, &str)] = &[
    ("snn", "Sở Nông nghiệp và Môi trường"),
    ("sct", "Sở Công Thương"),
    ("stc", "Sở Tài chính"),
    ("syt", "Sở Y tế"),
    ("ubnd_xa", "Ủy ban nhân dân các xã"),
    ("hd", "Hội đồng đánh giá sản phẩm OCOP tỉnh"),
];

/// A plan whose tasks give work in every form units can be written in.
fn generated_plan(dice: &mut Dice) -> String {
    let mut y = String::from("issuer: { level: province, name: Sơn La }\nunits:\n");
    for (k, n) in UNITS {
        y.push_str(&format!("  {k}: {{ name: {n} }}\n"));
    }
    y.push_str(
        "plan:\n  date: 10/02/2027\n  title: Kế hoạch thử\n  appendices: [{ tasks: true }]\n  sections:\n    - title: Nhiệm vụ\n      sections:\n",
    );
    let tasks = 2 + dice.roll(7);
    for i in 0..tasks {
        let lead = dice.roll(UNITS.len());
        let mut support: Vec<usize> = (0..dice.roll(3))
            .map(|_| dice.roll(UNITS.len()))
            .filter(|s| *s != lead)
            .collect();
        support.dedup();
        let keys = |list: &[usize]| {
            list.iter()
                .map(|&s| UNITS[s].0)
                .collect::<Vec<_>>()
                .join(", ")
        };
        y.push_str(&format!(
            "        - title: Nhiệm vụ {i}\n          task:\n            - content: Nội dung riêng của nhiệm vụ số {i}.\n"
        ));
        match dice.roll(3) {
            0 => y.push_str(&format!(
                "            - units: [{}]\n",
                keys(&[&[lead][..], &support].concat())
            )),
            1 => y.push_str(&format!(
                "            - units: [{{ lead: [{}], support: [{}] }}]\n",
                UNITS[lead].0,
                keys(&support)
            )),
            _ => {
                y.push_str(&format!("            - units: [{}]\n", UNITS[lead].0));
                if !support.is_empty() {
                    y.push_str(&format!("            - support: [{}]\n", keys(&support)));
                }
            }
        }
        y.push_str("            - timeline: { quarters: [2] }\n");
        if dice.roll(2) == 0 {
            y.push_str("            - result: Báo cáo kết quả\n");
        }
    }
    y.push_str(
        "  closing: Hết\n  archive: VT.\n  signer: { title: Chủ tịch, name: Nguyễn Văn A }\n",
    );
    y.push_str("dispatches:\n  - { from_plan: per_lead_unit, date: 15/02/2027, archive: VT. }\n");
    y
}

#[test]
fn generated_plans_agree_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut dice = Dice(0x5eed_2027);
    for n in 0..40 {
        let path = dir.path().join(format!("ke-hoach-{n}.yaml"));
        std::fs::write(&path, generated_plan(&mut dice)).unwrap();
        agree(&path);
    }
}

#[test]
fn a_stated_total_that_disagrees_with_its_parts_is_refused_at_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(root().join("plans/son-la-2027.yaml")).unwrap();
    let total_line = yaml
        .lines()
        .position(|l| l.trim() == "total: 2.040")
        .expect("the example states its total")
        + 1;
    let path = dir.path().join("sai-tong.yaml");
    std::fs::write(&path, yaml.replace("total: 2.040", "total: 2.050")).unwrap();
    let report = prepare(&path);
    assert!(report.documents.is_empty(), "a wrong total stops the plan");
    let errors: Vec<_> = report.problems.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let e = errors[0];
    assert_eq!(e.field.as_deref(), Some("plan.funding.total"));
    assert_eq!(e.pos.map(|p| p.line), Some(total_line));
    assert_eq!(
        e.message,
        "tổng kinh phí ghi 2.050 triệu đồng, nhưng cộng các khoản được 2.040 triệu đồng"
    );
    assert!(e.hint.as_deref().unwrap().starts_with("sửa thành 2.040"));
}

#[test]
fn the_funding_table_adds_up_what_the_tasks_state() {
    let report = prepare(&root().join("plans/son-la-2027.yaml"));
    let Content::Plan(plan) = &report.documents[0].content else {
        panic!("the plan comes first");
    };
    let funding = plan.appendices[1]
        .body
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap();
    let total: Vec<&str> = funding.rows[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(total, ["Tổng cộng", "2.040", "780", "540", "350", "370"]);
    let training: Vec<&str> = funding.rows[3].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        training,
        ["3", "Đào tạo, tập huấn", "240", "180", "60", "", ""]
    );
    assert_eq!(funding.unit.as_deref(), Some("Đơn vị tính: triệu đồng"));
    // The body's total, in words, is the same sum.
    let text: String = plan.body.iter().map(text_of).collect::<Vec<_>>().join("\n");
    assert!(text.contains(
        "Tổng kinh phí thực hiện Kế hoạch: 2.040 triệu đồng (Bằng chữ: Hai tỷ, không trăm bốn mươi triệu đồng)."
    ));
    assert!(text.contains("Kinh phí của từng nhiệm vụ tại Phụ lục II kèm theo Kế hoạch này."));
}

#[test]
fn the_word_file_has_real_tables_with_repeated_headers_and_landscape_appendices() {
    let report = prepare(&root().join("plans/son-la-2027.yaml"));
    let doc = &report.documents[0];
    let Content::Plan(plan) = &doc.content else {
        panic!("the plan comes first");
    };
    let xml = ocop::docx::document_xml(plan);
    // The body's targets table, the two appendices' tables.
    assert_eq!(
        xml.matches("<w:tblBorders><w:top w:val=\"single\"").count(),
        3
    );
    // Header rows repeat: one in the task table, two in the others.
    assert_eq!(xml.matches("<w:tblHeader/>").count(), 2 + 1 + 2);
    assert!(xml.contains("<w:vMerge w:val=\"restart\"/>"));
    assert!(xml.contains("<w:gridSpan w:val=\"4\"/>"));
    assert_eq!(xml.matches("w:orient=\"landscape\"").count(), 2);
    assert_eq!(xml.matches("<w:pgNumType w:start=\"1\"/>").count(), 2);
}

#[test]
fn funding_without_amounts_yet_adds_up_to_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chua-co-so.yaml");
    std::fs::write(
        &path,
        "issuer: { level: province, name: Sơn La }
plan:
  date: 10/02/2027
  title: Thử
  funding:
    sources: [{ key: nst, name: Ngân sách tỉnh, total: 0 }]
  sections:
    - title: Kinh phí
      body:
        - { text: Tổng kinh phí, funding: total }
  closing: Hết
  archive: VT.
  signer: { title: Chủ tịch, name: Lò Văn A }
  appendices: [{ funding: true }]
",
    )
    .unwrap();
    let report = prepare(&path);
    assert!(!report.has_errors(), "{:?}", report.problems);
    let Content::Plan(plan) = &report.documents[0].content else {
        panic!("a plan");
    };
    let text: String = plan.body.iter().map(text_of).collect();
    assert!(
        text.contains("Tổng kinh phí: 0 đồng (Bằng chữ: Không đồng)."),
        "{text}"
    );
}

/// The text of every row of the plan's tables, body and appendices, in
/// order: what the tasks, the funding and the author's tables print.
fn table_rows(plan: &Administrative) -> Vec<Vec<String>> {
    plan.body
        .iter()
        .chain(plan.appendices.iter().flat_map(|a| &a.body))
        .filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .flat_map(|t| &t.rows)
        .map(|r| r.iter().map(|c| c.text.clone()).collect())
        .collect()
}

#[test]
fn the_plans_word_file_and_pdf_import_back_with_the_same_tasks_and_funding() {
    use ocop::import::source::Format;
    let report = prepare(&root().join("plans/son-la-2027.yaml"));
    let doc = &report.documents[0];
    let Content::Plan(plan) = &doc.content else {
        panic!("the plan comes first");
    };
    let want = table_rows(plan);
    let s = common::session();
    let docx = ocop::docx::write(doc).unwrap();
    let pdf = s.pdf(doc, s.markup(doc).unwrap(), true).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for (format, bytes, name) in [
        (Format::Docx, docx, "ke-hoach.docx"),
        (Format::Pdf, pdf, "ke-hoach.pdf"),
    ] {
        let imported = ocop::import::import_document(format, &bytes, name).unwrap();
        let yaml = &imported.yaml;
        // Tasks with their units, timelines and results; funding as
        // numbers; the targets table as a table; no table cell loose.
        for (line, n) in [("- lead: [", 8), ("- result: ", 8), ("- funding: { ", 7)] {
            assert_eq!(yaml.matches(line).count(), n, "{name}: {line}\n{yaml}");
        }
        for key in [
            "\n  funding:\n",
            "- table:\n",
            "- tasks: {",
            "- funding: true",
            "appendix: tasks",
            "funding: total",
            "funding: sources",
            "total: 780 }",
        ] {
            assert!(yaml.contains(key), "{name}: no {key:?}\n{yaml}");
        }
        assert!(!yaml.contains("không rõ vị trí"), "{name}:\n{yaml}");
        let path = dir.path().join(format!("{name}.yaml"));
        std::fs::write(&path, yaml).unwrap();
        let back = prepare(&path);
        assert!(!back.has_errors(), "{name}: {:?}\n{yaml}", back.problems);
        let Content::Plan(p) = &back.documents[0].content else {
            panic!("{name}: the plan comes first");
        };
        assert_eq!(table_rows(p), want, "{name}:\n{yaml}");
    }
}

/// A plan whose tasks are only in its assignment table (the body keeps
/// none of them) imports with each row a task of its own.
#[test]
fn an_assignment_table_alone_imports_as_tasks() {
    use ocop::import::source::Format;
    let yaml = std::fs::read_to_string(root().join("plans/son-la-2027.yaml")).unwrap();
    let yaml = yaml.replace("- tasks: { body: content }", "- tasks: { body: none }");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ke-hoach.yaml");
    std::fs::write(&path, yaml).unwrap();
    let report = prepare(&path);
    let doc = &report.documents[0];
    let Content::Plan(plan) = &doc.content else {
        panic!("the plan comes first");
    };
    let docx = ocop::docx::write(doc).unwrap();
    let imported = ocop::import::import_document(Format::Docx, &docx, "ke-hoach.docx").unwrap();
    let back_path = dir.path().join("back.yaml");
    std::fs::write(&back_path, &imported.yaml).unwrap();
    let back = prepare(&back_path);
    assert!(!back.has_errors(), "{:?}\n{}", back.problems, imported.yaml);
    let Content::Plan(p) = &back.documents[0].content else {
        panic!("the plan comes first");
    };
    assert_eq!(task_rows(p), task_rows(plan), "{}", imported.yaml);
}
