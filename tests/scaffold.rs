//! `ocop new`'s skeletons, for every issuer the world has: each kind, for
//! every province of the year, communes and wards, districts before
//! 07/2025, years before and after the reforms. Each checks clean as
//! written (no error, no warning), and names nothing of the examples.

use std::path::Path;

use ocop::model::Level;
use ocop::provinces;
use ocop::scaffold::{self, Kind, Request};
use ocop::vn::Date;

use crate::common::{self, folded, pdf_text};

/// Words of the example plans that a skeleton must not carry over.
const EXAMPLE_WORDS: &[&str] = &[
    "Lai Châu",
    "Tủa Chùa",
    "Hà Tĩnh",
    "Yên Bái",
    "Điện Biên",
    "San Thàng",
    "Shan tuyết",
    "Hà Trọng Hải",
    "Sìn Hồ",
    "Phong Thổ",
    "2027",
    "snnmt",
];

/// Writes the skeleton of `req` into `dir`; the YAML's path.
fn write(dir: &Path, req: &Request, name: &str) -> std::path::PathBuf {
    let files = scaffold::skeleton(req, name).unwrap_or_else(|d| panic!("{req:?}: {d:?}"));
    for f in &files {
        std::fs::write(dir.join(&f.name), &f.bytes).unwrap();
    }
    dir.join(name)
}

/// Every problem of `path`, rendered.
fn problems(path: &Path) -> Vec<String> {
    common::prepare(path)
        .problems
        .iter()
        .map(|d| d.render())
        .collect()
}

fn request(kind: Kind, level: Level, name: &str, province: Option<&str>, year: i32) -> Request {
    Request {
        kind,
        level,
        name: name.into(),
        province: province.map(str::to_string),
        year,
    }
}

#[test]
fn a_commune_of_a_merged_province_for_2028_renders_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let req = request(Kind::Plan, Level::Commune, "Đa Mi", Some("Lâm Đồng"), 2028);
    let path = write(dir.path(), &req, "ke-hoach.yaml");
    let yaml = std::fs::read_to_string(&path).unwrap();
    assert_eq!(problems(&path), Vec::<String>::new(), "{yaml}");
    let rendered = common::render_all(&path);
    assert_eq!(rendered.len(), 1);
    let text = folded(&pdf_text(&rendered[0].pdf));
    for word in EXAMPLE_WORDS {
        assert!(!yaml.contains(word), "{word} in the YAML:\n{yaml}");
        assert!(!text.contains(word), "{word} in the PDF:\n{text}");
    }
    for expected in [
        "ỦY BAN NHÂN DÂN XÃ ĐA MI",
        "Thực hiện Chương trình mỗi xã một sản phẩm (OCOP) trên địa bàn xã Đa Mi năm 2028",
        "Đa Mi, ngày",
        "năm 2028",
        "Quyết định số 26/2026/QĐ-TTg",
        "Phòng Kinh tế",
        "UBND tỉnh Lâm Đồng (b/c)",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
}

#[test]
fn every_kind_for_every_issuer_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let after = Date {
        year: 2028,
        month: 1,
        day: 1,
    };
    let mut cases = Vec::new();
    for p in provinces::all(after) {
        for kind in [
            Kind::Plan,
            Kind::Decisions,
            Kind::Certificates,
            Kind::Dispatch,
        ] {
            cases.push(request(kind, Level::Province, &p.name, None, 2028));
        }
        cases.push(request(
            Kind::Plan,
            Level::Commune,
            "Tân Lập",
            Some(&p.name),
            2028,
        ));
        cases.push(request(
            Kind::Dispatch,
            Level::Commune,
            "phường Hòa Bình",
            Some(&p.name),
            2028,
        ));
    }
    // Before and across the reforms: the old provinces, districts, the
    // regime of each year.
    for year in [2022, 2023, 2024, 2025, 2026, 2027, 2030] {
        // Recognition before the regimes ocop knows is refused (below).
        let kinds: &[Kind] = if year < 2023 {
            &[Kind::Plan, Kind::Dispatch]
        } else {
            &[
                Kind::Plan,
                Kind::Decisions,
                Kind::Certificates,
                Kind::Dispatch,
            ]
        };
        for &kind in kinds {
            cases.push(request(kind, Level::Province, "Đồng Nai", None, year));
            cases.push(request(
                kind,
                Level::Province,
                "thành phố Cần Thơ",
                None,
                year,
            ));
            if year <= 2025 {
                cases.push(request(kind, Level::Province, "Bình Thuận", None, year));
                cases.push(request(
                    kind,
                    Level::District,
                    "Hàm Thuận Bắc",
                    Some("Bình Thuận"),
                    year,
                ));
                cases.push(request(
                    kind,
                    Level::District,
                    "thị xã La Gi",
                    Some("Bình Thuận"),
                    year,
                ));
            }
        }
        cases.push(request(
            Kind::Plan,
            Level::Commune,
            "Đa Mi",
            Some("Lâm Đồng"),
            year,
        ));
    }
    let mut failed = Vec::new();
    for (i, req) in cases.iter().enumerate() {
        let path = write(dir.path(), req, &format!("moi-{i}.yaml"));
        let found = problems(&path);
        if !found.is_empty() {
            failed.push(format!("{req:?}:\n{}", found.join("\n")));
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} skeletons have problems:\n{}",
        failed.len(),
        cases.len(),
        failed.join("\n\n")
    );
}

#[test]
fn recognition_before_the_known_regimes_is_refused_with_why() {
    for kind in [Kind::Decisions, Kind::Certificates] {
        let req = request(kind, Level::Province, "Đồng Nai", None, 2022);
        let e = scaffold::skeleton(&req, "x.yaml").unwrap_err();
        assert!(
            e.message
                .contains("chưa có dữ liệu quy định OCOP cho năm 2022"),
            "{e:?}"
        );
    }
}

#[test]
fn the_examples_inside_the_binary_are_the_folder() {
    let plans = common::root().join("plans");
    let mut on_disk = Vec::new();
    for entry in walkdir::WalkDir::new(&plans) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&plans).unwrap();
            on_disk.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    on_disk.sort();
    let mut embedded: Vec<String> = scaffold::EXAMPLES
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    embedded.sort();
    assert_eq!(
        embedded, on_disk,
        "add new examples to src/scaffold/examples.rs"
    );
    for (rel, bytes) in scaffold::EXAMPLES {
        assert_eq!(std::fs::read(plans.join(rel)).unwrap(), *bytes, "{rel}");
    }
}

/// `ocop new` as an official types it, in `dir`; (exit code, stdout, stderr).
fn new_in(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = common::ocop()
        .current_dir(dir)
        .arg("new")
        .args(args)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn new_on_the_command_line_writes_the_skeleton_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    // A name without .yaml gets it, so `ocop render .` finds the file.
    let args = [
        "ke-hoach-moi",
        "--xa",
        "Đa Mi",
        "--tinh",
        "Lâm Đồng",
        "--nam",
        "2028",
    ];
    let (code, _, err) = new_in(dir.path(), &args);
    assert_eq!(code, Some(0), "{err}");
    let plan = dir.path().join("ke-hoach-moi.yaml");
    let yaml = std::fs::read_to_string(&plan).unwrap();
    assert!(yaml.starts_with("# yaml-language-server: $schema=ocop.schema.json\n"));
    assert!(
        yaml.contains("level: commune") && yaml.contains("năm 2028"),
        "{yaml}"
    );
    assert!(dir.path().join("ocop.schema.json").is_file());
    assert_eq!(problems(&plan), Vec::<String>::new(), "{yaml}");
    for word in EXAMPLE_WORDS {
        assert!(!yaml.contains(word), "{word} in the YAML:\n{yaml}");
    }
    // A kind first, English flags too: the certificates with their spreadsheet.
    let args = [
        "giay-chung-nhan",
        "gcn",
        "--province",
        "Lai Châu",
        "--year",
        "2027",
    ];
    let (code, _, err) = new_in(dir.path(), &args);
    assert_eq!(code, Some(0), "{err}");
    assert!(dir.path().join("gcn-san-pham.xlsx").is_file());
    assert_eq!(problems(&dir.path().join("gcn.yaml")), Vec::<String>::new());
    // Nothing is overwritten, not even by another kind.
    let (code, _, err) = new_in(dir.path(), &["cong-van", "gcn.yaml", "--tinh", "Lai Châu"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("tệp đã tồn tại"), "{err}");
}

#[test]
fn new_vi_du_writes_every_example() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = new_in(dir.path(), &["--vi-du"]);
    assert_eq!(code, Some(0), "{err}");
    for (rel, bytes) in scaffold::EXAMPLES {
        assert_eq!(
            std::fs::read(dir.path().join("vi-du").join(rel)).unwrap(),
            *bytes,
            "{rel}"
        );
    }
    let (code, _, _) = new_in(dir.path(), &["--examples"]);
    assert_eq!(code, Some(1), "the examples are never written over");
}

#[test]
fn new_without_an_issuer_or_with_a_wrong_kind_says_what_to_type() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str]); 3] = [
        ("no-province", &["ke-hoach.yaml", "--nam", "2028"]),
        (
            "no-commune",
            &[
                "ke-hoach.yaml",
                "--cap",
                "xa",
                "--tinh",
                "Lâm Đồng",
                "--nam",
                "2028",
            ],
        ),
        (
            "wrong-kind",
            &["ke-hoach-moi", "kh.yaml", "--tinh", "Lâm Đồng"],
        ),
    ];
    for (name, args) in cases {
        let (code, out, err) = new_in(dir.path(), args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(out.is_empty(), "{out}");
        insta::assert_snapshot!(format!("new-{name}"), err);
    }
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
}
