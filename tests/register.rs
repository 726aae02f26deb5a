//! The product register: read like every product list (.xlsx, .ods,
//! .csv, or rows in the YAML), checked across rows, and every bad register
//! located in Vietnamese (snapshots). The fixtures are written here with
//! rust_xlsxwriter, so each bad case is one small change to a good one.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Formula, Workbook};

use crate::common;

pub const HEADERS: [&str; 14] = [
    "STT",
    "Tên sản phẩm",
    "Chủ thể",
    "Loại hình chủ thể",
    "Xã, phường",
    "Nhóm",
    "Phân nhóm",
    "Điểm",
    "Hạng sao",
    "Số quyết định",
    "Ngày quyết định",
    "Số giấy chứng nhận",
    "Ngày cấp",
    "Ngày hết hạn",
];

/// A register row as text cells, in the order of [`HEADERS`].
pub type Row = [&'static str; 14];

/// Four recognitions of Lai Châu, before and after the 2025 merger.
pub fn good_rows() -> Vec<Row> {
    vec![
        [
            "1",
            "Chè Shan tuyết Tả Phìn",
            "HTX Chè Tả Phìn",
            "Hợp tác xã",
            "xã Tả Phìn",
            "I",
            "I.5.a",
            "72",
            "4 sao",
            "1102/QĐ-UBND",
            "15/09/2024",
            "12/2024/OCOP",
            "15/09/2024",
            "15/09/2027",
        ],
        [
            "2",
            "Gạo tẻ râu",
            "HTX Nông nghiệp Phong Thổ",
            "HTX",
            "xã Phong Thổ",
            "1",
            "Gạo, ngũ cốc, hạt sơ chế khác",
            "66,25",
            "3 sao",
            "1234/QĐ-UBND",
            "25/06/2027",
            "01/2027/OCOP",
            "30/06/2027",
            "30/06/2030",
        ],
        [
            "3",
            "Sâm Lai Châu sấy lát",
            "Công ty TNHH Sâm Sìn Hồ",
            "",
            "xã Sìn Hồ",
            "III",
            "III.1",
            "84",
            "4 sao",
            "1234/QĐ-UBND",
            "25/06/2027",
            "02/2027/OCOP",
            "30/06/2027",
            "30/06/2030",
        ],
        [
            "4",
            "Du lịch cộng đồng bản Sin Suối Hồ",
            "HTX Du lịch Sin Suối Hồ",
            "Hợp tác xã",
            "xã Sin Suối Hồ",
            "VI",
            "",
            "71",
            "4 sao",
            "1530/QĐ-UBND",
            "20/09/2027",
            "15/2027/OCOP",
            "25/09/2027",
            "25/09/2030",
        ],
    ]
}

/// What a fixture changes in the good workbook.
#[derive(Default)]
pub struct Fault {
    pub rows: Vec<Row>,
    pub hidden_row: Option<u32>,
    pub merge: Option<(u32, u16, u32, u16)>,
    pub formula_at: Option<(u32, u16)>,
}

/// The register as an .xlsx file, with real dates in the date columns.
pub fn xlsx(path: &Path, fault: &Fault) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Sổ đăng ký").unwrap();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string(0, 0, "SỔ ĐĂNG KÝ SẢN PHẨM OCOP TỈNH LAI CHÂU")
        .unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in fault.rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, v) in row.iter().enumerate() {
            let c = c as u16;
            if v.is_empty() {
                continue;
            }
            if matches!(c, 10 | 12 | 13) {
                let (d, m, y) = parse(v);
                let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d).unwrap();
                ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
            } else if c == 7 {
                ws.write_number(r, c, v.replace(',', ".").parse::<f64>().unwrap())
                    .unwrap();
            } else {
                ws.write_string(r, c, *v).unwrap();
            }
        }
    }
    if let Some(r) = fault.hidden_row {
        ws.set_row_hidden(r).unwrap();
    }
    if let Some((r0, c0, r1, c1)) = fault.merge {
        ws.merge_range(r0, c0, r1, c1, "xã Sìn Hồ", &Format::new())
            .unwrap();
    }
    if let Some((r, c)) = fault.formula_at {
        ws.write_formula(r, c, Formula::new("=M5+1095").set_result("46569"))
            .unwrap();
    }
    wb.save(path).unwrap();
}

fn parse(d: &str) -> (u8, u8, u16) {
    let p: Vec<&str> = d.split('/').collect();
    (
        p[0].parse().unwrap(),
        p[1].parse().unwrap(),
        p[2].parse().unwrap(),
    )
}

/// The register as CSV text.
pub fn csv(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in std::iter::once(&HEADERS).chain(rows) {
        let cells: Vec<String> = r
            .iter()
            .map(|c| {
                if c.contains(',') {
                    format!("\"{c}\"")
                } else {
                    c.to_string()
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

pub const YAML: &str = "issuer:\n  level: province\n  name: Lai Châu\nregister:\n  file: so-dang-ky.xlsx\n  as_of: 31/12/2027\n";

/// A folder with the YAML and the register written by `write`.
pub fn folder(write: impl FnOnce(&Path)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path());
    let yaml = dir.path().join("nam.yaml");
    if !yaml.exists() {
        std::fs::write(&yaml, YAML).unwrap();
    }
    (dir, yaml)
}

/// Every problem of the file, as `ocop check` prints them, with the
/// temporary folder's path taken out.
fn problems(dir: &Path, yaml: &Path) -> String {
    let report = common::prepare(yaml);
    let text: Vec<String> = report.problems.iter().map(|d| d.render()).collect();
    let prefix = format!("{}/", dir.display());
    text.join("\n").replace(&prefix, "")
}

#[test]
fn a_good_register_reads_from_every_format() {
    let (dir, yaml) = folder(|d| {
        xlsx(
            &d.join("so-dang-ky.xlsx"),
            &Fault {
                rows: good_rows(),
                ..Fault::default()
            },
        )
    });
    let report = common::prepare(&yaml);
    assert!(!report.has_errors(), "{}", problems(dir.path(), &yaml));
    // The same rows as CSV and as YAML rows read the same.
    let (dir2, yaml2) = folder(|d| {
        std::fs::write(d.join("so.csv"), csv(&good_rows())).unwrap();
        std::fs::write(
            d.join("nam.yaml"),
            YAML.replace("so-dang-ky.xlsx", "so.csv"),
        )
        .unwrap();
    });
    let report = common::prepare(&yaml2);
    assert!(!report.has_errors(), "{}", problems(dir2.path(), &yaml2));
}

/// The bad registers: one change each, one snapshot each.
fn row_cases() -> Vec<(&'static str, Fault)> {
    let good = good_rows;
    let with = |f: &dyn Fn(&mut Vec<Row>)| {
        let mut rows = good();
        f(&mut rows);
        rows
    };
    vec![
        (
            "duplicate-in-one-decision",
            Fault {
                rows: with(&|r| {
                    let mut again = r[2];
                    again[0] = "5";
                    again[11] = "03/2027/OCOP";
                    r.push(again);
                }),
                ..Fault::default()
            },
        ),
        (
            "recognised-twice",
            Fault {
                rows: with(&|r| {
                    let mut again = r[0];
                    again[0] = "5";
                    again[4] = "xã Sìn Hồ";
                    again[9] = "1234/QĐ-UBND";
                    again[10] = "25/06/2026";
                    again[11] = "09/2026/OCOP";
                    again[12] = "25/06/2026";
                    again[13] = "25/06/2029";
                    r.push(again);
                }),
                ..Fault::default()
            },
        ),
        (
            "wrong-expiry",
            Fault {
                rows: with(&|r| r[1][13] = "30/06/2029"),
                ..Fault::default()
            },
        ),
        (
            "stars-and-score-disagree",
            Fault {
                rows: with(&|r| r[2][8] = "3 sao"),
                ..Fault::default()
            },
        ),
        (
            "commune-gone-after-merger",
            Fault {
                rows: with(&|r| r[3][4] = "xã San Thàng"),
                ..Fault::default()
            },
        ),
        (
            "same-certificate-number",
            Fault {
                rows: with(&|r| r[3][11] = "02/2027/OCOP"),
                ..Fault::default()
            },
        ),
        (
            "revoked-then-recognised",
            Fault {
                rows: with(&|r| {
                    r[0][13] = "15/09/2027";
                    let mut again = r[0];
                    again[0] = "5";
                    again[4] = "xã Sìn Hồ";
                    again[9] = "1530/QĐ-UBND";
                    again[10] = "20/09/2027";
                    again[11] = "16/2027/OCOP";
                    again[12] = "25/09/2027";
                    again[13] = "25/09/2030";
                    r.push(again);
                }),
                ..Fault::default()
            },
        ),
    ]
}

/// Bad sheets: what a register must not hide in its cells.
fn sheet_cases() -> Vec<(&'static str, Fault)> {
    let good = good_rows;
    vec![
        (
            "hidden-row",
            Fault {
                rows: good(),
                hidden_row: Some(5),
                ..Fault::default()
            },
        ),
        (
            "merged-cells",
            Fault {
                rows: good(),
                merge: Some((4, 4, 5, 4)),
                ..Fault::default()
            },
        ),
        (
            "merged-columns",
            Fault {
                rows: good(),
                merge: Some((3, 9, 3, 10)),
                ..Fault::default()
            },
        ),
        (
            "formula",
            Fault {
                rows: good(),
                formula_at: Some((4, 13)),
                ..Fault::default()
            },
        ),
    ]
}

#[test]
fn bad_registers_are_located_in_vietnamese() {
    for (name, fault) in row_cases().into_iter().chain(sheet_cases()) {
        let revoked = name == "revoked-then-recognised";
        let (dir, yaml) = folder(|d| {
            xlsx(&d.join("so-dang-ky.xlsx"), &fault);
            if revoked {
                // The revocation is recorded in a status column.
                let text = YAML.replace(
                    "  as_of",
                    "  columns: { status: \"O\", status_decision: \"P\" }\n  as_of",
                );
                std::fs::write(d.join("nam.yaml"), text).unwrap();
            }
        });
        if revoked {
            add_revocation(&dir.path().join("so-dang-ky.xlsx"), &fault);
        }
        let report = common::prepare(&yaml);
        let text = problems(dir.path(), &yaml);
        assert!(report.has_errors(), "{name}: no error\n{text}");
        assert!(
            text.contains("so-dang-ky.xlsx"),
            "{name}: not located\n{text}"
        );
        insta::assert_snapshot!(format!("register-{name}"), text);
    }
}

/// Rewrites the register with a status column recording a revocation.
fn add_revocation(path: &Path, fault: &Fault) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let mut headers = HEADERS.to_vec();
    headers.extend(["Trạng thái", "Quyết định thu hồi"]);
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in fault.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let c = c as u16;
            if matches!(c, 10 | 12 | 13) {
                let (d, m, y) = parse(v);
                let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d).unwrap();
                ws.write_datetime_with_format(r, c, &dt, &date).unwrap();
            } else {
                ws.write_string(r, c, *v).unwrap();
            }
        }
    }
    ws.write_string(1, 14, "Thu hồi").unwrap();
    ws.write_string(1, 15, "1820/QĐ-UBND ngày 20/10/2026")
        .unwrap();
    wb.save(path).unwrap();
}

/// A row written in the YAML with every date wrong names each of them,
/// not only the first the reader meets.
#[test]
fn every_bad_date_of_a_yaml_row_is_reported() {
    let (dir, yaml) = folder(|d| {
        std::fs::write(
            d.join("nam.yaml"),
            "issuer:\n  level: province\n  name: Lai Châu\nregister:\n  products:\n    - name: Chè Shan tuyết\n      owner: HTX Chè Sìn Hồ\n      commune: xã Sìn Hồ\n      stars: 4\n      decision: 12/QĐ-UBND\n      decision_date: 31/02/2026\n      issue_date: 32/01/2026\n      expiry: 00/13/2029\n",
        )
        .unwrap();
    });
    let text = problems(dir.path(), &yaml);
    for key in ["decision_date", "issue_date", "expiry"] {
        assert!(
            text.contains(&format!("register.products[1].{key}")),
            "{key} missing from:\n{text}"
        );
    }
}
