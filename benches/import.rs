//! Benchmark: `ocop import`, in process and as a process. Run with `cargo
//! bench --bench import` (release profile); with OCOP_IMPORT_BENCH_DIR set,
//! the inputs are written to that folder and kept. Targets (issue 19): a document
//! naming 2,000 units imports in under 1 s; a 7-page .docx in ≤ 35 ms.
//!
//! The inputs are made here, by ocop itself (load → validate → compose →
//! `docx::write`), so they are documents in the form ocop imports:
//! - a plan whose tasks section has one task for each of N communes (the
//!   commune leads, a department and the next commune cooperate), and a
//!   council decision whose Điều 3 names the same N communes as
//!   executors, each as .docx and as the text Word copies (paragraph by
//!   paragraph), for N = 500, 1,000, 2,000, 4,000: the time per unit must
//!   stay flat (issue 19, item 8: time linear in the input);
//! - the largest example plan (`plans/son-la-2027.yaml`), as it is and
//!   with two more tasks, as .docx, as PDF and as the text `pdftotext`
//!   copies out of that PDF. As it is, its .docx is 7 pages in
//!   LibreOffice (its PDF 6); with two more tasks its PDF is 7 pages (its
//!   .docx 8 in LibreOffice): between them, "a 7-page .docx" either way.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ocop::doc::Document;
use ocop::import::{self, source::Format};
use ocop::load::LoadOptions;
use ocop::session::{Options, Session};

#[path = "../tests/common/text_shapes.rs"]
mod text_shapes;

const SIZES: [usize; 4] = [500, 1_000, 2_000, 4_000];
/// The size the target speaks of.
const TARGET_UNITS: usize = 2_000;
const UNITS_TARGET: Duration = Duration::from_secs(1);
const SEVEN_PAGES_TARGET: Duration = Duration::from_millis(35);
/// Tasks added to the largest example, and the pages of its .docx in
/// LibreOffice (Writer 7.4, by hand: `soffice --convert-to pdf`, then
/// `pdfinfo`); the PDF's pages are counted here.
const SEVEN_PAGES: [(usize, usize); 2] = [(0, 7), (2, 8)];

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Median time of `runs` calls of `f`, after one call not counted.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    std::hint::black_box(f());
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

/// " [đạt]" or " [CHƯA ĐẠT]" where a target applies (`strict`: under it,
/// not at it), nothing where none does.
fn verdict(applies: bool, got: Duration, target: Duration, strict: bool) -> String {
    let within = if strict { got < target } else { got <= target };
    match (applies, within) {
        (false, _) => String::new(),
        (true, true) => " [đạt]".into(),
        (true, false) => " [CHƯA ĐẠT]".into(),
    }
}

/// `n` distinct commune names ("xã Bản Mùa"), taken from the built-in
/// table of communes before and after 07/2025; names with digits
/// ("Phường 1") left out so that every name is a name.
fn communes(n: usize) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let names = ocop::places::BUILTIN
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| l.split('\t').skip(1))
        .map(|field| field.split('|').next().unwrap_or(""))
        .filter(|name| !name.is_empty() && !name.chars().any(|c| c.is_ascii_digit()))
        .map(|name| {
            let (level, rest) = name.split_once(' ').unwrap_or(("Xã", name));
            format!("{} {rest}", level.to_lowercase())
        })
        .filter(|name| seen.insert(ocop::units::fold(name)));
    let names: Vec<String> = names.take(n).collect();
    assert_eq!(names.len(), n, "the table names fewer than {n} communes");
    names
}

/// A plan with one task for each of `n` communes and a council decision
/// whose executors are all of them, as ocop's YAML.
fn units_yaml(n: usize) -> String {
    let names = communes(n);
    let mut y = String::from(
        "issuer: { level: province, name: Sơn La, symbol: UBND }\n\nunits:\n  snnmt: { name: Sở Nông nghiệp và Môi trường }\n  sct: { name: Sở Công Thương }\n",
    );
    for (i, name) in names.iter().enumerate() {
        y.push_str(&format!("  x{i}: {{ name: Ủy ban nhân dân {name} }}\n"));
    }
    y.push_str(concat!(
        "\nplan:\n  number: 12\n  date: 15/02/2027\n",
        "  title: Thực hiện Chương trình mỗi xã một sản phẩm năm 2027\n",
        "  intro: Ủy ban nhân dân tỉnh ban hành Kế hoạch với các nội dung sau.\n",
        "  sections:\n",
        "    - title: Mục đích, yêu cầu\n",
        "      body:\n        - Mỗi xã có ít nhất một sản phẩm được đánh giá, phân hạng trong năm.\n",
        "    - title: Nhiệm vụ của các xã\n      sections:\n",
    ));
    for (i, name) in names.iter().enumerate() {
        y.push_str(&format!(
            concat!(
                "        - title: Phát triển sản phẩm OCOP của {name}\n",
                "          task:\n",
                "            - content: Hỗ trợ các chủ thể của {name} hoàn thiện hồ sơ, cải tiến bao bì và tham gia đánh giá, phân hạng sản phẩm.\n",
                "            - units:\n                - lead: [x{i}]\n                  support: [{dept}, x{next}]\n",
                "            - timeline: {{ quarters: [{q}] }}\n",
            ),
            name = name,
            i = i,
            dept = if i % 2 == 0 { "snnmt" } else { "sct" },
            next = (i + 1) % n,
            q = 1 + i % 4,
        ));
    }
    y.push_str(concat!(
        "  closing: Các cơ quan, đơn vị triển khai thực hiện Kế hoạch này.\n",
        "  recipients: [Bộ Nông nghiệp và Môi trường (b/c)]\n",
        "  archive: VT, KT.\n",
        "  signer: { kt: Chủ tịch, title: Phó Chủ tịch, name: Lò Minh Hùng }\n",
        "\ndecisions:\n  - kind: council\n    file: quyet-dinh-hoi-dong\n    date: 10/03/2027\n    number: 412\n",
        "    proposal: Giám đốc Sở Nông nghiệp và Môi trường tại Tờ trình số 38/TTr-SNNMT ngày 02/3/2027\n",
        "    standing_body: snnmt\n    members:\n",
        "      - { honorific: Ông, name: Lò Minh Hùng, position: Phó Chủ tịch UBND tỉnh, role: chairman }\n",
        "      - { honorific: Bà, name: Nguyễn Thị Hạnh, position: Phó Giám đốc Sở Công Thương, role: member }\n",
        "      - { honorific: Ông, name: Đỗ Minh Quân, position: Chi cục trưởng Chi cục Phát triển nông thôn, role: member_secretary }\n",
        "    recipients: [Bộ Nông nghiệp và Môi trường (b/c)]\n    archive: VT, KT.\n",
        "    signer: { kt: Chủ tịch, title: Phó Chủ tịch, name: Lò Minh Hùng }\n",
        "    executors: [snnmt, sct",
    ));
    for i in 0..n {
        y.push_str(&format!(", x{i}"));
    }
    y.push_str("]\n");
    y
}

/// The largest example with `extra` more tasks, each like its own.
fn seven_page_yaml(root: &Path, extra: usize) -> String {
    let yaml = std::fs::read_to_string(root.join("plans/son-la-2027.yaml")).unwrap();
    let anchor = "\n    - title: Kinh phí thực hiện\n";
    let at = yaml.find(anchor).expect("the tasks section of son-la-2027");
    let mut tasks = String::new();
    for k in 1..=extra {
        tasks.push_str(&format!(
            concat!(
                "        - title: Hỗ trợ chuỗi giá trị sản phẩm nhóm {k}\n",
                "          task:\n",
                "            - content: Hỗ trợ chủ thể liên kết với vùng nguyên liệu, xây dựng mã số vùng trồng, ",
                "truy xuất nguồn gốc và đưa sản phẩm vào hệ thống phân phối hiện đại trong và ngoài tỉnh.\n",
                "            - units:\n                - lead: [sct]\n                  support: [snnmt, ubnd_xa]\n",
                "            - timeline: {{ quarters: [{q}] }}\n",
                "            - result: Ít nhất {k} chuỗi liên kết được hình thành\n",
                "            - funding: {{ nst: {f} }}\n",
            ),
            k = k,
            q = 1 + k % 4,
            f = 10 * k,
        ));
    }
    let total = 2040 + (1..=extra).map(|k| 10 * k).sum::<usize>();
    let (before, after) = yaml.split_at(at);
    format!("{before}\n{tasks}{after}").replace(
        "total: 2.040",
        &format!("total: {}", ocop::vn::group_thousands(total as u64)),
    )
}

/// The documents `yaml` describes, composed (no size cap: only Typst
/// needs one, and these go to .docx).
fn compose(dir: &Path, name: &str, yaml: &str) -> Vec<Document> {
    let path = dir.join(name);
    std::fs::write(&path, yaml).unwrap();
    let loaded = ocop::load::load(&path, &LoadOptions::default()).unwrap();
    let validated = ocop::validate::validate(&loaded, &|_| true);
    let errors: Vec<String> = validated
        .problems
        .iter()
        .filter(|p| p.is_error())
        .map(|p| format!("{p:?}"))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    ocop::compose::documents(validated.checked.as_ref().unwrap())
}

/// The text Word copies out of a .docx: every paragraph, a line each.
fn copied_from_word(docx: &[u8]) -> String {
    let mut text = String::new();
    for p in import::docx::paragraphs(docx).unwrap() {
        text.push_str(&p.lines.join("\n"));
        text.push('\n');
    }
    text
}

/// The text `pdftotext` copies out of a PDF, or None without poppler.
fn copied_from_pdf(dir: &Path, pdf: &[u8]) -> Option<String> {
    let path = dir.join("copy.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8(out.stdout).unwrap())
}

/// One input of the benchmark, as written to disk for the process runs.
struct Input {
    label: String,
    path: PathBuf,
    bytes: Vec<u8>,
    format: Format,
}

impl Input {
    fn new(dir: &Path, label: &str, file: &str, bytes: Vec<u8>, format: Format) -> Input {
        let path = dir.join(file);
        std::fs::write(&path, &bytes).unwrap();
        Input {
            label: label.into(),
            path,
            bytes,
            format,
        }
    }

    fn import(&self) -> import::Imported {
        let name = self.path.file_name().unwrap().to_string_lossy();
        match self.format {
            Format::Text => import::import_text(std::str::from_utf8(&self.bytes).unwrap(), &name),
            format => import::import_document(format, &self.bytes, &name).unwrap(),
        }
    }
}

/// Median wall time of `ocop import` on `input` as a process: start,
/// read, recognise, write the YAML.
fn process_time(input: &Input, dir: &Path, runs: usize) -> Duration {
    let out = dir.join("out.yaml");
    time(runs, || {
        let _ = std::fs::remove_file(&out);
        let status = Command::new(env!("CARGO_BIN_EXE_ocop"))
            .arg("import")
            .arg(&input.path)
            .arg("-o")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "ocop import {}", input.path.display());
    })
}

/// The inputs naming `n` units: plan and decision, .docx and copied text.
fn unit_inputs(dir: &Path, n: usize) -> Vec<Input> {
    let docs = compose(dir, &format!("units-{n}.yaml"), &units_yaml(n));
    let mut inputs = Vec::new();
    for doc in &docs {
        let what = match doc.kind() {
            ocop::doc::DocKind::Plan => "kế hoạch",
            _ => "quyết định",
        };
        let docx = ocop::docx::write(doc).unwrap();
        let text = copied_from_word(&docx).into_bytes();
        let stem = format!("{}-{n}", doc.file_stem);
        inputs.push(Input::new(
            dir,
            &format!("{what}, .docx"),
            &format!("{stem}.docx"),
            docx,
            Format::Docx,
        ));
        inputs.push(Input::new(
            dir,
            &format!("{what}, văn bản chép"),
            &format!("{stem}.txt"),
            text,
            Format::Text,
        ));
    }
    inputs
}

/// Times every input naming units, for each size; prints time, time per
/// unit and the ratio to the smallest size. Returns the inputs of the
/// target size, for the process runs.
fn bench_units(dir: &Path) -> Vec<Input> {
    println!("== tài liệu nêu tên N đơn vị (mục tiêu: {TARGET_UNITS} đơn vị dưới 1 s)");
    let mut first: Vec<Duration> = Vec::new();
    let mut target_inputs = Vec::new();
    for n in SIZES {
        let inputs = unit_inputs(dir, n);
        for (k, input) in inputs.iter().enumerate() {
            let imported = input.import();
            let runs = if n >= 2_000 { 5 } else { 9 };
            let t = time(runs, || input.import());
            let base = *first.get(k).unwrap_or(&t);
            if first.len() <= k {
                first.push(t);
            }
            let linear = (t.as_secs_f64() / base.as_secs_f64()) / (n as f64 / SIZES[0] as f64);
            let target = verdict(n == TARGET_UNITS, t, UNITS_TARGET, true);
            println!(
                "N = {n:>5}, {:<24} {:>9} ({:.1} µs/đơn vị; so với N = {}: ×{:.2} thời gian, ×{linear:.2} mỗi đơn vị; {} đơn vị đọc được, {} đoạn){target}",
                input.label,
                ms(t),
                t.as_secs_f64() * 1e6 / n as f64,
                SIZES[0],
                t.as_secs_f64() / base.as_secs_f64(),
                imported.file().units.len(),
                imported.paragraphs,
            );
        }
        if n == TARGET_UNITS {
            target_inputs = inputs;
        }
    }
    target_inputs
}

/// The largest example with `extra` more tasks as .docx, PDF and copied
/// text; `docx_pages` is its .docx's length in LibreOffice.
fn seven_page_inputs(
    session: &Session,
    dir: &Path,
    root: &Path,
    (extra, docx_pages): (usize, usize),
) -> Vec<Input> {
    let docs = compose(
        dir,
        &format!("bay-trang-{extra}.yaml"),
        &seven_page_yaml(root, extra),
    );
    let plan = docs
        .iter()
        .find(|d| d.kind() == ocop::doc::DocKind::Plan)
        .expect("the plan");
    let markup = session.markup(plan).unwrap();
    let pdf = session.pdf(plan, markup, true).unwrap();
    let pages = lopdf::Document::load_mem(&pdf).unwrap().get_pages().len();
    println!(
        "== son-la-2027 thêm {extra} nhiệm vụ: .docx {docx_pages} trang (LibreOffice), PDF {pages} trang; mục tiêu .docx 7 trang ≤ 35 ms"
    );
    let stem = format!("ke-hoach-them-{extra}");
    let mut inputs = vec![Input::new(
        dir,
        ".docx",
        &format!("{stem}.docx"),
        ocop::docx::write(plan).unwrap(),
        Format::Docx,
    )];
    match copied_from_pdf(dir, &pdf) {
        Some(text) => inputs.push(Input::new(
            dir,
            "văn bản chép từ PDF",
            &format!("{stem}.txt"),
            text.into_bytes(),
            Format::Text,
        )),
        None => println!("(không có pdftotext: bỏ qua văn bản chép từ PDF)"),
    }
    inputs.push(Input::new(
        dir,
        "PDF",
        &format!("{stem}.pdf"),
        pdf,
        Format::Pdf,
    ));
    inputs
}

/// Each text shape of tests/common/text_shapes.rs at 10,000, 20,000 and
/// 40,000 lines: the time per line must stay flat (a quadratic step
/// doubles it at each step).
fn text_shape_scaling(dir: &Path) {
    println!("== hình dạng văn bản khó: thời gian mỗi dòng khi số dòng tăng gấp đôi");
    let path = dir.join("hinh-dang.txt");
    let sizes = [10_000, 20_000, 40_000];
    let texts: Vec<Vec<(&str, String)>> = sizes.iter().map(|&n| text_shapes::shapes(n)).collect();
    for (i, (shape, _)) in texts[0].iter().enumerate() {
        let per_line: Vec<String> = sizes
            .iter()
            .zip(&texts)
            .map(|(&n, shapes)| {
                std::fs::write(&path, &shapes[i].1).unwrap();
                let t = time(3, || import::import_file(&path).is_ok());
                format!("{n}: {:.1} µs", t.as_secs_f64() * 1e6 / n as f64)
            })
            .collect();
        println!("{shape:<40} {}", per_line.join(", "));
    }
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // OCOP_IMPORT_BENCH_DIR keeps the inputs, to time them again by hand
    // (hyperfine, perf).
    let temp = tempfile::tempdir().unwrap();
    let dir = std::env::var_os("OCOP_IMPORT_BENCH_DIR").map_or_else(
        || temp.path().to_path_buf(),
        |d| {
            std::fs::create_dir_all(&d).unwrap();
            PathBuf::from(d)
        },
    );
    let dir = dir.as_path();
    text_shape_scaling(dir);
    let units = bench_units(dir);

    let session = Session::new(&Options::default()).unwrap();
    let mut seven = Vec::new();
    for pages in SEVEN_PAGES {
        let inputs = seven_page_inputs(&session, dir, &root, pages);
        for input in &inputs {
            let imported = input.import();
            let t = time(30, || input.import());
            let target = verdict(input.format == Format::Docx, t, SEVEN_PAGES_TARGET, false);
            println!(
                "{:<24} {:>9} (trung vị 30 lần; {} đoạn, {} đơn vị){target}",
                input.label,
                ms(t),
                imported.paragraphs,
                imported.file().units.len()
            );
        }
        seven.extend(inputs);
    }

    println!("== cả tiến trình `ocop import … -o …` (trung vị, như người dùng thấy)");
    for input in seven.iter().chain(&units) {
        let runs = if input.bytes.len() > 1 << 20 { 5 } else { 15 };
        let t = process_time(input, dir, runs);
        println!(
            "{:<40} {:>9} (trung vị {runs} lần)",
            input.path.file_name().unwrap().to_string_lossy(),
            ms(t)
        );
    }
}
