//! Appending a round to the office's register and marking a revocation:
//! nothing the office typed is lost, moved or changed; a second run adds
//! nothing; formats that cannot be rewritten faithfully are refused with
//! a route that works. And the export for reporting upward.

use std::io::Read;
use std::path::Path;

use ocop::load::products::{self, grid::Value};
use ocop::write::register::{Cell, Changes, apply};

use crate::common;
use crate::register::{Fault, YAML, csv, folder, good_rows, xlsx};

/// The example year's YAML, with its register before round 1 was
/// appended and before the revocation was recorded.
fn year_before(dir: &Path) -> std::path::PathBuf {
    let root = common::root().join("plans/nam-2027");
    let yaml = std::fs::read_to_string(root.join("lai-chau-ca-nam-2027.yaml")).unwrap();
    std::fs::write(dir.join("lai-chau-ca-nam-2027.yaml"), yaml).unwrap();
    let register = std::fs::read_to_string(root.join("so-dang-ky.csv")).unwrap();
    let kept: Vec<String> = register
        .lines()
        .filter(|l| !l.contains(",1234/QĐ-UBND,"))
        .map(|l| l.replace("Thu hồi,1535/QĐ-UBND ngày 20/9/2027", ","))
        .collect();
    std::fs::write(dir.join("so-dang-ky.csv"), kept.join("\r\n") + "\r\n").unwrap();
    dir.join("lai-chau-ca-nam-2027.yaml")
}

fn update(yaml: &Path) -> ocop::write::register::Outcome {
    let report = common::prepare(yaml);
    assert!(!report.has_errors(), "{:#?}", report.problems);
    let loaded = ocop::load::load(yaml, &Default::default()).unwrap();
    let validated = ocop::validate::validate(&loaded, &|_| true);
    let checked = validated.checked.expect("a checked file");
    ocop::write::year::update(&checked, yaml).unwrap_or_else(|d| panic!("{}", d.render()))
}

#[test]
fn a_round_and_a_revocation_are_written_to_a_csv_register() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = year_before(dir.path());
    let register = dir.path().join("so-dang-ky.csv");
    let before = std::fs::read_to_string(&register).unwrap();
    let outcome = update(&yaml);
    assert_eq!((outcome.appended, outcome.updated), (5, 1), "{outcome:?}");
    let after = std::fs::read_to_string(&register).unwrap();
    // Every line the office typed is still there, in order; the revoked
    // product's line carries its status; the new lines follow the last.
    let old: Vec<&str> = before.lines().collect();
    let new: Vec<&str> = after.lines().collect();
    assert_eq!(new.len(), old.len() + 5);
    for (i, (a, b)) in old.iter().zip(&new).enumerate() {
        if a.contains("Thảo quả sấy khô") {
            assert!(b.ends_with("Thu hồi,1535/QĐ-UBND ngày 20/9/2027,"), "{b}");
            assert_eq!(
                a.trim_end_matches(','),
                b.trim_end_matches("Thu hồi,1535/QĐ-UBND ngày 20/9/2027,")
                    .trim_end_matches(',')
            );
        } else {
            assert_eq!(a, b, "line {}", i + 1);
        }
    }
    assert!(
        after.contains("\r\n") && !after.replace("\r\n", "").contains('\n'),
        "line endings kept"
    );
    assert!(
        new[old.len()].contains("Chè Shan tuyết Tả Phìn")
            && new[old.len()].contains("1234/QĐ-UBND")
    );
    // The updated register passes every check, and a second run adds nothing.
    let again = update(&yaml);
    assert_eq!((again.appended, again.updated), (0, 0));
    assert_eq!(std::fs::read_to_string(&register).unwrap(), after);
}

/// Every sheet cell of `path`, by row.
fn grid(path: &Path) -> Vec<products::grid::Row> {
    products::cells(path, None).unwrap()
}

fn zip_entries(path: &Path) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            (f.name().unwrap().to_string(), b)
        })
        .collect()
}

#[test]
fn appending_to_an_xlsx_keeps_every_row_and_every_other_part() {
    let (_dir, yaml) = folder(|d| {
        xlsx(
            &d.join("so-dang-ky.xlsx"),
            &Fault {
                rows: good_rows(),
                ..Fault::default()
            },
        )
    });
    let path = yaml.parent().unwrap().join("so-dang-ky.xlsx");
    let before = grid(&path);
    let parts_before = zip_entries(&path);
    let date = |d: &str| Cell::Date(ocop::vn::Date::parse(d).unwrap());
    let changes = Changes {
        append: vec![vec![
            (products::Field::Stt, Cell::Number(5.0)),
            (
                products::Field::Name,
                Cell::Text("Nấm hương & mộc nhĩ <rừng>".into()),
            ),
            (
                products::Field::Owner,
                Cell::Text("HTX Nông lâm sản Nậm Tăm".into()),
            ),
            (products::Field::Commune, Cell::Text("xã Nậm Tăm".into())),
            (products::Field::Stars, Cell::Text("3 sao".into())),
            (products::Field::Score, Cell::Number(59.0)),
            (products::Field::Decision, Cell::Text("1530/QĐ-UBND".into())),
            (products::Field::DecisionDate, date("20/09/2027")),
            (products::Field::IssueDate, date("25/09/2027")),
            (products::Field::Expiry, date("25/09/2030")),
        ]],
        set: vec![(
            5,
            vec![(products::Field::Number, Cell::Text("01/2027/OCOP-A".into()))],
        )],
    };
    let outcome = apply(&path, None, &Default::default(), &changes)
        .unwrap_or_else(|d| panic!("{}", d.render()));
    assert_eq!((outcome.appended, outcome.updated), (1, 1));
    let after = grid(&path);
    for row in &before {
        let now = after
            .iter()
            .find(|r| r.number == row.number)
            .expect("row kept");
        for (c, v) in &row.cells {
            if (row.number, *c) == (5, 11) {
                assert_eq!(now.get(11), Some(&Value::Text("01/2027/OCOP-A".into())));
            } else {
                assert_eq!(now.get(*c), Some(v), "row {} column {c}", row.number);
            }
        }
    }
    let new = after
        .iter()
        .find(|r| r.number == 8)
        .expect("appended after the last row");
    assert_eq!(
        new.get(1),
        Some(&Value::Text("Nấm hương & mộc nhĩ <rừng>".into()))
    );
    // Dates go in as dates, in the date format of the row above.
    assert!(
        matches!(new.get(10), Some(Value::Number { date: true, .. })),
        "{:?}",
        new.get(10)
    );
    // Only the worksheet changed; every other part is byte for byte the same.
    let parts_after = zip_entries(&path);
    assert_eq!(parts_before.len(), parts_after.len());
    for ((n1, b1), (n2, b2)) in parts_before.iter().zip(&parts_after) {
        assert_eq!(n1, n2);
        if !n1.starts_with("xl/worksheets/") {
            assert_eq!(b1, b2, "{n1} changed");
        }
    }
    // The register still reads clean.
    let report = common::prepare(&yaml);
    assert!(!report.has_errors(), "{:#?}", report.problems);
}

#[test]
fn ods_and_xls_registers_are_refused_with_a_route() {
    let dir = tempfile::tempdir().unwrap();
    let ods = dir.path().join("so.ods");
    // The smallest zip the reader takes for OpenDocument.
    let mut w = zip::ZipWriter::new(std::fs::File::create(&ods).unwrap());
    w.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    std::io::Write::write_all(&mut w, b"<x/>").unwrap();
    w.finish().unwrap();
    let before = std::fs::read(&ods).unwrap();
    let err = apply(&ods, None, &Default::default(), &Changes::default()).unwrap_err();
    assert!(err.message.contains(".ods"), "{}", err.render());
    assert!(err.hint.as_deref().unwrap_or("").contains(".xlsx"));
    assert_eq!(
        std::fs::read(&ods).unwrap(),
        before,
        "the file is untouched"
    );
}

#[test]
fn the_register_exports_with_vietnamese_headers() {
    let (dir, yaml) = folder(|d| std::fs::write(d.join("so.csv"), csv(&good_rows())).unwrap());
    std::fs::write(&yaml, YAML.replace("so-dang-ky.xlsx", "so.csv")).unwrap();
    let loaded = ocop::load::load(&yaml, &Default::default()).unwrap();
    let validated = ocop::validate::validate(&loaded, &|_| true);
    let checked = validated.checked.expect("checked");
    let register = checked.year.register.as_ref().unwrap();
    let day = ocop::vn::Date::parse("31/12/2027").unwrap();
    for ext in ["csv", "xlsx"] {
        let out = dir.path().join(format!("xuat.{ext}"));
        ocop::write::year::export(register, day, &out).unwrap();
        let back = products::cells(&out, None).unwrap();
        let header = back.iter().find(|r| r.cells.len() > 10).unwrap();
        assert_eq!(
            header.get(1),
            Some(&Value::Text("Tên sản phẩm".into())),
            "{ext}"
        );
        let rows = back.iter().filter(|r| r.number > header.number).count();
        assert_eq!(rows, 4, "{ext}");
    }
    let text = std::fs::read_to_string(dir.path().join("xuat.csv")).unwrap();
    assert!(
        text.starts_with('\u{feff}'),
        "Excel reads UTF-8 CSV by its mark"
    );
    assert!(
        text.contains("Xã Sìn Hồ") && text.contains("Còn hiệu lực"),
        "{text}"
    );
}

/// `ocop register` as an office runs it: the signed round and revocation
/// written once, a second run writing nothing; `--export` leaves the
/// register as it was; a file with errors or a bad date writes nothing.
#[test]
fn the_register_command_writes_once_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = year_before(dir.path());
    let register = dir.path().join("so-dang-ky.csv");
    let run = |args: &[&str]| {
        let out = common::ocop()
            .arg("register")
            .arg(&yaml)
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        (out.status.code(), stderr)
    };
    let (code, said) = run(&[]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("thêm 5 dòng, cập nhật 1 dòng"), "{said}");
    let written = std::fs::read_to_string(&register).unwrap();
    assert!(written.contains("Thu hồi,1535/QĐ-UBND ngày 20/9/2027"));
    let (code, said) = run(&[]);
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("không ghi gì"), "{said}");
    assert_eq!(std::fs::read_to_string(&register).unwrap(), written);

    let export = dir.path().join("bao-cao-len.xlsx");
    let export_arg = export.to_str().unwrap();
    let (code, said) = run(&["--export", export_arg, "--date", "31/12/2027"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(
        said.contains("đã xuất 18 sản phẩm") && said.contains("31/12/2027"),
        "{said}"
    );
    let back = products::cells(&export, None).unwrap();
    assert!(back.iter().any(|r| {
        r.cells
            .iter()
            .any(|(_, v)| *v == Value::Text("Thu hồi".into()))
    }));
    assert_eq!(std::fs::read_to_string(&register).unwrap(), written);

    let (code, said) = run(&["--export", export_arg, "--date", "31/13/2027"]);
    assert_eq!(code, Some(1));
    assert!(
        said.contains("--date") && said.contains("dd/mm/yyyy"),
        "{said}"
    );

    std::fs::write(&yaml, "issuer: { level: province }\n").unwrap();
    let (code, said) = run(&[]);
    assert_eq!(code, Some(1));
    assert!(said.contains("lỗi"), "{said}");
    assert_eq!(std::fs::read_to_string(&register).unwrap(), written);
}
