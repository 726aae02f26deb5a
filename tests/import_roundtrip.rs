//! "Edit in Word, keep the form" (issue 19, item 6): every plan of
//! `plans/` written as .docx, edited the way a user edits it in Word (the
//! words of one sentence changed, one task added, cloned from its
//! neighbour), re-saved by LibreOffice (a real client that rewrites the
//! whole XML) and imported, comes back as the import of the unedited
//! .docx with exactly that edit, compared model to model; a task added
//! without its row in the appendix that lists the tasks keeps what the
//! body says of it. The unedited re-save imports as ocop's own .docx, and
//! that import has the outline of the original YAML. The sentence and the
//! task's place are chosen by the plan's structure, never by its words.

use crate::common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use common::{model_difference, prepare, root};
use ocop::import;
use ocop::model::{Block, Content, ListItem, PlanFile, Section};

/// The words a user types over the chosen sentence.
const NEW_SENTENCE: &str =
    "Rà soát, cập nhật danh mục sản phẩm và hướng dẫn chủ thể hoàn thiện hồ sơ theo góp ý.";
/// The title a user gives the task added.
const NEW_TITLE: &str = "Hỗ trợ liên kết chuỗi giá trị sản phẩm";
/// The content the user writes for it.
const NEW_CONTENT: &str = "Hỗ trợ các chủ thể liên kết với vùng nguyên liệu và nhà phân phối; ký kết hợp đồng tiêu thụ sản phẩm.";

/// Every YAML under `plans/` whose first document is a Kế hoạch: its
/// name (the file stem), path and that document.
fn plans() -> Vec<(String, PathBuf, ocop::doc::Document)> {
    let files = common::yaml_files_under(&root().join("plans"));
    let mut out = Vec::new();
    for file in files {
        let report = prepare(&file);
        assert!(!report.has_errors(), "{file:?}");
        let Some(first) = report.documents.into_iter().next() else {
            continue;
        };
        if first.kind() == ocop::doc::DocKind::Plan {
            let name = file.file_stem().unwrap().to_string_lossy().to_string();
            out.push((name, file, first));
        }
    }
    out
}

/// Where the edit goes, found in the model of the unedited import.
struct Edit {
    /// The sentence whose words change.
    sentence: String,
    /// The path (child indices) of the section that receives the task;
    /// empty for the plan's top level.
    container: Vec<usize>,
}

/// The sections at `path` below `top`.
fn children_at<'a>(top: &'a mut Vec<Section>, path: &[usize]) -> &'a mut Vec<Section> {
    path.iter().fold(top, |s, &i| &mut s[i].sections)
}

/// Depth first, the first section whose sub-sections carry task lines.
fn task_container(sections: &[Section], path: &mut Vec<usize>) -> bool {
    if sections.iter().any(|s| !s.task.is_empty()) {
        return true;
    }
    for (i, s) in sections.iter().enumerate() {
        path.push(i);
        if task_container(&s.sections, path) {
            return true;
        }
        path.pop();
    }
    false
}

/// The first task's content, depth first, when it is one sentence.
fn first_task_content(sections: &[Section]) -> Option<String> {
    sections.iter().find_map(|s| {
        s.task
            .iter()
            .find_map(|t| match &t.content {
                Some(Content::Text(text)) => Some(text.clone()),
                _ => None,
            })
            .or_else(|| first_task_content(&s.sections))
    })
}

/// The first sentence of plain text (a paragraph or a dash line) in a
/// section's subtree: a purpose or requirement of section I.
fn first_plain_sentence(section: &Section) -> Option<String> {
    section
        .body
        .iter()
        .find_map(|b| match b {
            Block::Paragraph(p) => Some(p.clone()),
            Block::Fields(f) => f.list.as_ref()?.iter().find_map(|i| match i {
                ListItem::Text(t) => Some(t.clone()),
                ListItem::Fields(_) => None,
            }),
        })
        .or_else(|| section.sections.iter().find_map(first_plain_sentence))
}

/// The edit chosen by structure: the first task's content (or, in a plan
/// without task lines, the first sentence of section I) is retyped; a task
/// is added after the last one of the first section holding tasks (or,
/// without one, the section with the most sub-sections; or, with none,
/// the plan's top level).
fn choose_edit(file: &PlanFile) -> Edit {
    let sections = &file.plan.as_ref().expect("a plan").sections;
    let sentence = first_task_content(sections)
        .or_else(|| first_plain_sentence(&sections[0]))
        .expect("a sentence to edit");
    let mut container = Vec::new();
    if !task_container(sections, &mut container) {
        let widest = (0..sections.len())
            .rev()
            .max_by_key(|&i| sections[i].sections.len())
            .filter(|&i| !sections[i].sections.is_empty());
        container = widest.into_iter().collect();
    }
    Edit {
        sentence,
        container,
    }
}

/// The title of the task added, in the case of its neighbour's.
fn new_title(neighbour: &str) -> String {
    if neighbour == neighbour.to_uppercase() {
        NEW_TITLE.to_uppercase()
    } else {
        NEW_TITLE.to_string()
    }
}

/// The model the edited document must import as: `before` with the
/// sentence retyped and a copy of the last task, newly titled, after it.
fn edited_model(before: &PlanFile, edit: &Edit) -> PlanFile {
    let mut after = before.clone();
    let plan = after.plan.as_mut().unwrap();
    let mut replaced = 0;
    for s in &mut plan.sections {
        replaced += retype(s, &edit.sentence);
    }
    assert_eq!(replaced, 1, "the sentence {:?} is unique", edit.sentence);
    let siblings = children_at(&mut plan.sections, &edit.container);
    let mut task = siblings.last().expect("a task to copy").clone();
    let title = task.title.as_deref().expect("the last task has a title");
    task.title = Some(new_title(title));
    if let Some(Content::Text(c)) = task.task.iter_mut().find_map(|t| t.content.as_mut()) {
        *c = NEW_CONTENT.to_string();
    }
    siblings.push(task);
    after
}

/// Retypes every occurrence of `old` in a section's sentences; how many.
fn retype(section: &mut Section, old: &str) -> usize {
    let mut n = 0;
    let mut swap = |t: &mut String| {
        if t == old {
            *t = NEW_SENTENCE.to_string();
            n += 1;
        }
    };
    for b in &mut section.body {
        match b {
            Block::Paragraph(p) => swap(p),
            Block::Fields(f) => {
                for i in f.list.iter_mut().flatten() {
                    if let ListItem::Text(t) = i {
                        swap(t);
                    }
                }
            }
        }
    }
    for t in &mut section.task {
        if let Some(Content::Text(c)) = &mut t.content {
            swap(c);
        }
    }
    n + section
        .sections
        .iter_mut()
        .map(|s| retype(s, old))
        .sum::<usize>()
}

/// The `<w:p>` elements of document.xml: their byte ranges.
fn paragraphs(xml: &str) -> Vec<std::ops::Range<usize>> {
    elements(xml, "w:p")
}

/// The elements `tag` (not nested in themselves) of `xml`: their ranges.
fn elements(xml: &str, tag: &str) -> Vec<std::ops::Range<usize>> {
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = xml[at..].find(&open).map(|i| i + at) {
        let after = xml.as_bytes().get(i + open.len()).copied();
        if !matches!(after, Some(b'>' | b' ')) {
            at = i + open.len();
            continue;
        }
        let end = xml[i..].find(&close).map(|e| i + e + close.len()).unwrap();
        out.push(i..end);
        at = end;
    }
    out
}

/// The `<w:t>` texts of a paragraph: the range of each one's content.
fn texts(p: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = p[at..].find("<w:t").map(|i| i + at) {
        let rest = &p[i + 4..];
        if !(rest.starts_with('>') || rest.starts_with(' ')) {
            at = i + 4;
            continue;
        }
        let open = i + p[i..].find('>').unwrap() + 1;
        let close = open + p[open..].find("</w:t>").unwrap();
        out.push(open..close);
        at = close;
    }
    out
}

fn unescape(s: &str) -> String {
    quick_xml::escape::unescape(s).unwrap().into_owned()
}

fn escape(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// A paragraph's text as Word shows it.
fn text_of(p: &str) -> String {
    texts(p).into_iter().map(|r| unescape(&p[r])).collect()
}

/// `p` with the characters `at` of its text typed over as `new`, the
/// runs and their formatting kept: what typing over a selection in Word
/// leaves.
fn type_over(p: &str, at: std::ops::Range<usize>, new: &str) -> String {
    let mut out = String::new();
    let mut last = 0;
    let mut seen = 0;
    for r in texts(p) {
        let text: Vec<char> = unescape(&p[r.clone()]).chars().collect();
        let range = seen..seen + text.len();
        seen = range.end;
        out.push_str(&p[last..r.start]);
        last = r.end;
        if range.end <= at.start || range.start >= at.end.max(at.start + 1) {
            out.push_str(&p[r]);
            continue;
        }
        let local = |i: usize| i.clamp(range.start, range.end) - range.start;
        let mut kept: String = text[..local(at.start)].iter().collect();
        if range.contains(&at.start) {
            kept.push_str(new);
        }
        kept.extend(&text[local(at.end)..]);
        out.push_str(&escape(&kept));
    }
    out.push_str(&p[last..]);
    out
}

/// The next label of a sequence: "6." → "7.", "III." → "IV.", "1.2." →
/// "1.3.", "b)" → "c)" (Vietnamese letters: d, đ, e).
fn next_label(label: &str) -> String {
    const ROMAN: [&str; 12] = [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
    ];
    const LETTERS: &str = "abcdđeghiklmnopqrstuvxy";
    let end = label.trim_end_matches(['.', ')']);
    let tail = &label[end.len()..];
    let digits = end.len() - end.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let (head, n) = end.split_at(end.len() - digits);
        return format!("{head}{}{tail}", n.parse::<u32>().unwrap() + 1);
    }
    if let Some(i) = ROMAN.iter().position(|r| *r == end) {
        return format!("{}{tail}", ROMAN[i + 1]);
    }
    let letters: Vec<char> = LETTERS.chars().collect();
    let i = letters
        .iter()
        .position(|&c| end == c.to_string())
        .unwrap_or_else(|| panic!("a label of a sequence: {label:?}"));
    format!("{}{tail}", letters[i + 1])
}

/// The index of the paragraph whose text ends with `words` (after
/// `from`), and where in its text they start.
fn find(xml: &str, ps: &[std::ops::Range<usize>], from: usize, words: &str) -> (usize, usize) {
    (from..ps.len())
        .find_map(|i| {
            let text = text_of(&xml[ps[i].clone()]);
            let text = text.trim_end();
            let head = text.strip_suffix(words)?;
            Some((i, head.chars().count()))
        })
        .unwrap_or_else(|| panic!("no paragraph ends with {words:?}"))
}

/// The paragraph where the heading `title` (in any case) stands after its
/// label ("III. KINH PHÍ", "2. Tuyên truyền: …"): its index after `from`.
fn heading(xml: &str, ps: &[std::ops::Range<usize>], from: usize, title: &str) -> usize {
    let title = title.to_lowercase();
    (from..ps.len())
        .find(|&i| {
            let text = text_of(&xml[ps[i].clone()]).to_lowercase();
            text.split_once(' ').is_some_and(|(label, rest)| {
                label.ends_with(['.', ')']) && rest.trim_start().starts_with(&title)
            })
        })
        .unwrap_or_else(|| panic!("no heading {title:?}"))
}

/// document.xml with the edit made as a user makes it in Word: the
/// sentence typed over; then the last task's paragraphs copied after it,
/// the copy's heading numbered next and retitled, and (`with_row`) its
/// row in an appendix table that lists the tasks.
fn edit_document(xml: &str, before: &PlanFile, edit: &Edit, with_row: bool) -> String {
    let ps = paragraphs(xml);
    let (i, from) = find(xml, &ps, 0, &edit.sentence);
    let at = from..from + edit.sentence.chars().count();
    let retyped = type_over(&xml[ps[i].clone()], at, NEW_SENTENCE);
    let xml = format!("{}{retyped}{}", &xml[..ps[i].start], &xml[ps[i].end..]);
    add_task(&xml, before, edit, with_row)
}

/// document.xml with the container's last task copied after it.
fn add_task(xml: &str, before: &PlanFile, edit: &Edit, with_row: bool) -> String {
    let plan = before.plan.as_ref().unwrap();
    let ps = paragraphs(xml);
    // The container's heading, then its last child's, then where the
    // child ends: the next heading of the plan, or the closing paragraph.
    let mut at = 0;
    let mut siblings = &plan.sections;
    for &i in &edit.container {
        at = heading(xml, &ps, at, siblings[i].title.as_deref().unwrap());
        siblings = &siblings[i].sections;
    }
    let last_title = siblings.last().unwrap().title.as_deref().unwrap();
    let start = heading(xml, &ps, at + 1, last_title);
    let next = edit
        .container
        .first()
        .and_then(|&i| plan.sections.get(i + 1));
    let end = match next.and_then(|s| s.title.as_deref()) {
        Some(t) => heading(xml, &ps, start + 1, t),
        None => find(xml, &ps, start + 1, plan.closing.trim_end()).0,
    };
    // The copy: its heading's label numbered next, its title and content
    // retyped; and its row, where an appendix table lists the tasks.
    let head = &xml[ps[start].clone()];
    let text = text_of(head);
    let label = text.split_whitespace().next().unwrap();
    let rest = &text[label.len()..];
    let title_end = label.chars().count() + rest.chars().count()
        - rest.trim_start().chars().count()
        + last_title.trim_end_matches(':').chars().count();
    let title = format!("{} {}", next_label(label), new_title(last_title));
    let mut copy = type_over(head, 0..title_end, &title);
    // Its content as the user left it: retyped, when it was the sentence.
    let content = first_task_content(std::slice::from_ref(siblings.last().unwrap())).map(|c| {
        if c == edit.sentence {
            NEW_SENTENCE.to_string()
        } else {
            c
        }
    });
    for p in &ps[start + 1..end] {
        let p = &xml[p.clone()];
        match content
            .as_deref()
            .and_then(|c| Some((c, text_of(p).trim_end().strip_suffix(c)?.chars().count())))
        {
            Some((c, from)) => {
                copy.push_str(&type_over(p, from..from + c.chars().count(), NEW_CONTENT))
            }
            None => copy.push_str(p),
        }
    }
    let cut = ps[end - 1].end;
    let xml = format!("{}{copy}{}", &xml[..cut], &xml[cut..]);
    match content {
        Some(c) if with_row => add_row(&xml, &c),
        _ => xml,
    }
}

/// document.xml with the appendix row whose cell reads `content` (if
/// any) copied after it: numbered next, the content retyped.
fn add_row(xml: &str, content: &str) -> String {
    let rows = elements(xml, "w:tr");
    let Some(row) = rows.iter().find(|r| {
        paragraphs(&xml[(*r).clone()])
            .iter()
            .any(|p| text_of(&xml[r.start..][p.clone()]).trim_end() == content)
    }) else {
        return xml.to_string();
    };
    let old = &xml[row.clone()];
    let mut copy = String::new();
    let mut last = 0;
    for (i, p) in paragraphs(old).into_iter().enumerate() {
        copy.push_str(&old[last..p.start]);
        let text = text_of(&old[p.clone()]);
        let new = if i == 0 {
            next_label(text.trim())
        } else if text.trim_end() == content {
            NEW_CONTENT.to_string()
        } else {
            copy.push_str(&old[p.clone()]);
            last = p.end;
            continue;
        };
        copy.push_str(&type_over(&old[p.clone()], 0..text.chars().count(), &new));
        last = p.end;
    }
    copy.push_str(&old[last..]);
    format!("{}{copy}{}", &xml[..row.end], &xml[row.end..])
}

/// The .docx with its document.xml rewritten by `f`.
fn with_document(docx: &[u8], f: impl Fn(&str) -> String) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut out = zip::ZipWriter::new(&mut buf);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            data = f(std::str::from_utf8(&data).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap();
    buf.into_inner()
}

fn import_model(path: &Path) -> PlanFile {
    import::import_file(path)
        .unwrap_or_else(|d| panic!("{}", d.render()))
        .file()
        .clone()
}

/// The model a YAML file loads as.
fn loaded(yaml: &Path) -> PlanFile {
    let loaded = ocop::load::load(yaml, &ocop::load::LoadOptions::default()).unwrap();
    loaded.model.expect("the YAML loads")
}

/// The edited import of a task added without its appendix row: the
/// expected model, the task keeping what the body says of it (its lines
/// a part of those the row completes), or what differs.
fn without_row(imported: &PlanFile, after: &PlanFile, edit: &Edit) -> Result<PlanFile, String> {
    let mut expected = after.clone();
    let mut got = imported.clone();
    let task_of = |f: &mut PlanFile| {
        let plan = f.plan.as_mut().unwrap();
        children_at(&mut plan.sections, &edit.container)
            .last_mut()
            .map(|s| std::mem::take(&mut s.task))
            .unwrap_or_default()
    };
    let (kept, full) = (task_of(&mut got), task_of(&mut expected));
    if kept.iter().all(|t| full.contains(t)) && kept.iter().any(|t| t.content.is_some()) {
        let plan = expected.plan.as_mut().unwrap();
        children_at(&mut plan.sections, &edit.container)
            .last_mut()
            .unwrap()
            .task = kept;
        Ok(expected)
    } else {
        Err(format!(
            "the task's lines {kept:#?}\nare not a part of {full:#?}"
        ))
    }
}

#[test]
fn a_plan_edited_in_word_and_saved_by_libreoffice_imports_as_the_plan_plus_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let plans = plans();
    assert!(plans.len() >= 6, "plans/ holds plans");
    let mut sources = Vec::new();
    let mut expected = Vec::new();
    let mut rowless_plans = 0;
    let mut failures = Vec::new();
    for (name, file, doc) in &plans {
        let docx = ocop::docx::write(doc).unwrap();
        let ours = dir.path().join(format!("{name}.docx"));
        std::fs::write(&ours, &docx).unwrap();
        let before = import_model(&ours);
        // The outline the original YAML describes comes back.
        let outline = |f: &PlanFile| shape(&f.plan.as_ref().unwrap().sections);
        let (want, got) = (outline(&loaded(file)), outline(&before));
        if want != got {
            failures.push(format!(
                "{name}: the outline differs from the YAML's\nYAML:     {want}\nimported: {got}"
            ));
        }
        let edit = choose_edit(&before);
        let edited = with_document(&docx, |xml| edit_document(xml, &before, &edit, true));
        let typed = dir.path().join(format!("{name}--edited.docx"));
        std::fs::write(&typed, &edited).unwrap();
        sources.extend([ours, typed]);
        // Where an appendix lists the tasks, the user may not write the
        // new task's row: the task comes in with what the body says.
        let rowless = with_document(&docx, |xml| edit_document(xml, &before, &edit, false));
        if rowless != edited {
            let typed = dir.path().join(format!("{name}--no-row.docx"));
            std::fs::write(&typed, rowless).unwrap();
            sources.push(typed);
            rowless_plans += 1;
        }
        expected.push((name, edited_model(&before, &edit), before, edit));
    }
    let saved = dir.path().join("libreoffice");
    common::libreoffice_convert(dir.path(), &sources, "docx:MS Word 2007 XML", &saved);
    assert!(
        rowless_plans >= 1,
        "a plan of plans/ lists its tasks in an appendix"
    );
    for (name, after, before, edit) in &expected {
        let resaved = import::import_file(&saved.join(format!("{name}.docx")))
            .unwrap_or_else(|d| panic!("{}", d.render()));
        if let Some(d) = model_difference(
            resaved.file(),
            before,
            ["LibreOffice's re-save", "ocop's .docx"],
        ) {
            failures.push(format!(
                "{name}: LibreOffice's re-save imports differently\n{d}"
            ));
        }
        let edited = saved.join(format!("{name}--edited.docx"));
        let imported = import::import_file(&edited).unwrap_or_else(|d| panic!("{}", d.render()));
        if let Some(d) = model_difference(imported.file(), after, ["imported", "expected"]) {
            failures.push(format!("{name}: the edit does not come back as made\n{d}"));
        }
        // The YAML written loads back as that model.
        let yaml = dir.path().join(format!("{name}--edited.yaml"));
        std::fs::write(&yaml, &imported.yaml).unwrap();
        if let Some(d) = model_difference(&loaded(&yaml), after, ["loaded", "expected"]) {
            failures.push(format!("{name}: the edited YAML loads differently\n{d}"));
        }
        let rowless = saved.join(format!("{name}--no-row.docx"));
        if rowless.exists() {
            let imported = import_model(&rowless);
            let difference = without_row(&imported, after, edit)
                .map(|want| model_difference(&imported, &want, ["imported", "expected"]));
            match difference {
                Ok(None) => {}
                Ok(Some(d)) | Err(d) => failures.push(format!(
                    "{name}: the task added without its row does not come back\n{d}"
                )),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A plan's outline as the importer can recover it from the page: each
/// section's heading as printed (lower case: top headings print in
/// capitals), whether it is a task, and its sub-sections. What a page
/// does not say (unit keys, a citation's fields, a target's measure, how
/// a task's units were listed) is not in it.
fn shape(sections: &[Section]) -> String {
    sections
        .iter()
        .map(|s| {
            // The heading as printed: a title, or a numbered sentence.
            let heading = s.title.as_ref().or(s.text.as_ref()).or(s.assign.as_ref());
            let title = match (heading, &s.unit) {
                (Some(t), _) => t.trim_end_matches(':').to_lowercase(),
                (None, _) => "(unit)".into(),
            };
            let task = if s.task.is_empty() { "" } else { " *" };
            format!("[{title}{task}{}]", shape(&s.sections))
        })
        .collect()
}
