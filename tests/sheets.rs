//! Product lists as offices really keep them, and as a red team breaks
//! them. Every file is generated here (raw XML in a zip for `.xlsx` and
//! `.ods`, BIFF records in a compound file for `.xls`); nothing binary is
//! committed. Set `OCOP_SHEETS_CORPUS=<dir>` to also write the hostile
//! corpus, at full size, to `<dir>` (see `write_corpus`) for measuring
//! the release binary with `/usr/bin/time -v`.

use crate::common;

use std::io::Write;
use std::path::{Path, PathBuf};

use common::{ocop, root};
use ocop::load::products::{self, ColumnMap, Field};

// ---------------------------------------------------------------- builders

/// A zip archive of the given entries (deflated, fast level).
fn zip_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, data) in entries {
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// One cell of a generated sheet.
enum C<'a> {
    /// Inline text.
    T(&'a str),
    /// A number.
    N(f64),
    /// Raw `<c>` attributes and content: `Raw("t=\"e\"", "<v>#N/A</v>")`.
    Raw(&'a str, &'a str),
}
use C::*;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `<sheetData>` rows: (row number, [(column letters, cell)]).
fn sheet_xml(rows: &[(u32, Vec<(&str, C<'_>)>)], extra: &str) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1"/><sheetData>"#,
    );
    for (r, cells) in rows {
        s.push_str(&format!("<row r=\"{r}\">"));
        for (col, c) in cells {
            let at = format!("{col}{r}");
            match c {
                T(t) => s.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    escape(t)
                )),
                N(v) => s.push_str(&format!("<c r=\"{at}\"><v>{v}</v></c>")),
                Raw(attrs, body) => s.push_str(&format!("<c r=\"{at}\" {attrs}>{body}</c>")),
            }
        }
        s.push_str("</row>");
    }
    s.push_str("</sheetData>");
    s.push_str(extra);
    s.push_str("</worksheet>");
    s
}

/// A workbook: sheets (name, state, sheet XML), optional shared strings
/// and styles parts.
fn xlsx(sheets: &[(&str, &str, String)], strings: Option<&str>, styles: Option<&str>) -> Vec<u8> {
    let mut wb = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for (i, (name, state, xml)) in sheets.iter().enumerate() {
        let n = i + 1;
        let state = if state.is_empty() {
            String::new()
        } else {
            format!(" state=\"{state}\"")
        };
        wb.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\"{state} r:id=\"rId{n}\"/>",
            escape(name)
        ));
        rels.push_str(&format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"));
        parts.push((
            format!("xl/worksheets/sheet{n}.xml"),
            xml.clone().into_bytes(),
        ));
    }
    wb.push_str("</sheets></workbook>");
    if let Some(s) = strings {
        rels.push_str(r#"<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
        parts.push(("xl/sharedStrings.xml".into(), s.as_bytes().to_vec()));
    }
    if let Some(s) = styles {
        rels.push_str(r#"<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
        parts.push(("xl/styles.xml".into(), s.as_bytes().to_vec()));
    }
    rels.push_str("</Relationships>");
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    let types = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", root_rels.as_bytes()),
        ("xl/workbook.xml", wb.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
    ];
    for (n, d) in &parts {
        entries.push((n.as_str(), d.as_slice()));
    }
    zip_bytes(&entries)
}

/// Styles where cell style 1 is a date (built-in format 14) and style 2
/// a custom "dd/mm/yyyy".
const DATE_STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>"#;

/// The header and two good rows, starting at A1.
fn good_rows() -> Vec<(u32, Vec<(&'static str, C<'static>)>)> {
    vec![
        (
            1,
            vec![
                ("A", T("STT")),
                ("B", T("Tên sản phẩm")),
                ("C", T("Chủ thể")),
                ("D", T("Địa chỉ")),
                ("E", T("Điểm")),
                ("F", T("Số giấy chứng nhận")),
            ],
        ),
        (
            2,
            vec![
                ("A", N(1.0)),
                ("B", T("Chè Shan tuyết San Thàng")),
                ("C", T("HTX Chè San Thàng")),
                ("D", T("xã San Thàng, tỉnh Lai Châu")),
                ("E", N(78.5)),
                ("F", T("01/2027/GCN-OCOP")),
            ],
        ),
        (
            3,
            vec![
                ("A", N(2.0)),
                ("B", T("Sâm Lai Châu sấy lát")),
                ("C", T("Công ty TNHH Sâm Sìn Hồ")),
                ("D", T("xã Sìn Hồ, tỉnh Lai Châu")),
                ("E", N(84.0)),
                ("F", T("02/2027/GCN-OCOP")),
            ],
        ),
    ]
}

fn one_sheet(rows: &[(u32, Vec<(&str, C<'_>)>)]) -> Vec<u8> {
    xlsx(&[("DS", "", sheet_xml(rows, ""))], None, None)
}

/// `.ods`: a `content.xml` body (tables) with an optional hidden table style "ta2".
fn ods(tables: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.3"><office:automatic-styles><style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style></office:automatic-styles><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    zip_bytes(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ])
}

fn ods_text(t: &str) -> String {
    format!(
        "<table:table-cell office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
        escape(t)
    )
}

fn ods_number(v: f64) -> String {
    format!(
        "<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
    )
}

fn ods_good_table(name: &str, style: &str) -> String {
    let mut t = format!("<table:table table:name=\"{name}\"{style}>");
    t.push_str("<table:table-row>");
    for h in ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Điểm"] {
        t.push_str(&ods_text(h));
    }
    t.push_str("</table:table-row><table:table-row>");
    t.push_str(&ods_number(1.0));
    for v in [
        "Gạo tẻ râu Phong Thổ",
        "HTX Nông nghiệp Phong Thổ",
        "xã Phong Thổ",
    ] {
        t.push_str(&ods_text(v));
    }
    t.push_str(&ods_number(66.25));
    t.push_str("</table:table-row>");
    // What LibreOffice writes after the data: empty rows to the end.
    t.push_str("<table:table-row table:number-rows-repeated=\"1048574\"><table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>");
    t.push_str("</table:table>");
    t
}

/// BIFF8 record.
fn rec(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut r = typ.to_le_bytes().to_vec();
    r.extend((data.len() as u16).to_le_bytes());
    r.extend_from_slice(data);
    r
}

fn rc(row: u16, col: u16) -> Vec<u8> {
    let mut d = row.to_le_bytes().to_vec();
    d.extend(col.to_le_bytes());
    d
}

/// LABELSST: shared string `isst` at (row, col), 0-based.
fn xls_sst(row: u16, col: u16, isst: u32) -> Vec<u8> {
    let mut d = rc(row, col);
    d.extend(0u16.to_le_bytes());
    d.extend(isst.to_le_bytes());
    rec(0x00FD, &d)
}

/// NUMBER with cell format `xf` (1 is a date).
fn xls_number(row: u16, col: u16, xf: u16, v: f64) -> Vec<u8> {
    let mut d = rc(row, col);
    d.extend(xf.to_le_bytes());
    d.extend(v.to_le_bytes());
    rec(0x0203, &d)
}

/// BOOLERR holding an error value (0x2A is #N/A).
fn xls_error(row: u16, col: u16, code: u8) -> Vec<u8> {
    let mut d = rc(row, col);
    d.extend(0u16.to_le_bytes());
    d.extend([code, 1]);
    rec(0x0205, &d)
}

fn xls_string(s: &str) -> Vec<u8> {
    let units: Vec<u16> = s.encode_utf16().collect();
    let mut d = (units.len() as u16).to_le_bytes().to_vec();
    d.push(1);
    for u in units {
        d.extend(u.to_le_bytes());
    }
    d
}

/// A BIFF8 workbook: sheets (name, hidden, cell records) and the shared
/// strings; cell format 0 is General, 1 a date. `dims` is the DIMENSIONS
/// record body of every sheet.
fn xls(sheets: &[(&str, bool, Vec<Vec<u8>>)], strings: &[&str], dims: &[u8]) -> Vec<u8> {
    let bof = |dt: u16| {
        let mut d = 0x0600u16.to_le_bytes().to_vec();
        d.extend(dt.to_le_bytes());
        d.extend([0u8; 12]);
        rec(0x0809, &d)
    };
    let xf = |fmt: u16| {
        let mut d = vec![0u8; 20];
        d[2..4].copy_from_slice(&fmt.to_le_bytes());
        rec(0x00E0, &d)
    };
    let boundsheet = |offset: u32, hidden: bool, name: &str| {
        let mut d = offset.to_le_bytes().to_vec();
        d.push(u8::from(hidden));
        d.push(0);
        let units: Vec<u16> = name.encode_utf16().collect();
        d.push(units.len() as u8);
        d.push(1);
        for u in units {
            d.extend(u.to_le_bytes());
        }
        rec(0x0085, &d)
    };
    let mut sst = (strings.len() as u32).to_le_bytes().to_vec();
    sst.extend((strings.len() as u32).to_le_bytes());
    for s in strings {
        sst.extend(xls_string(s));
    }
    let head = |offsets: &[u32]| {
        let mut g = bof(0x0005);
        g.extend(xf(0));
        g.extend(xf(14));
        for (i, (name, hidden, _)) in sheets.iter().enumerate() {
            g.extend(boundsheet(
                offsets.get(i).copied().unwrap_or(0),
                *hidden,
                name,
            ));
        }
        g.extend(rec(0x00FC, &sst));
        g.extend(rec(0x000A, &[]));
        g
    };
    let globals_len = head(&vec![0; sheets.len()]).len();
    let mut bodies = Vec::new();
    let mut offsets = Vec::new();
    let mut at = globals_len;
    for (_, _, cells) in sheets {
        let mut b = bof(0x0010);
        b.extend(rec(0x0200, dims));
        for c in cells {
            b.extend_from_slice(c);
        }
        b.extend(rec(0x000A, &[]));
        offsets.push(at as u32);
        at += b.len();
        bodies.push(b);
    }
    let mut stream = head(&offsets);
    for b in bodies {
        stream.extend(b);
    }
    products::cfb_with_stream("Workbook", &stream)
}

const XLS_DIMS: [u8; 14] = [0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 5, 0, 0, 0];

/// The list as an .xls: header, one good row; `extra` cell records after.
fn xls_list(extra: Vec<Vec<u8>>, hidden_first: bool) -> Vec<u8> {
    let strings = [
        "STT",
        "Tên sản phẩm",
        "Chủ thể",
        "Địa chỉ",
        "Điểm",
        "Mật ong bạc hà Mường Tè",
        "Hộ kinh doanh Lò Văn Pấng",
        "xã Mường Tè",
        "Sổ cũ",
    ];
    let mut cells = vec![
        xls_sst(0, 0, 0),
        xls_sst(0, 1, 1),
        xls_sst(0, 2, 2),
        xls_sst(0, 3, 3),
        xls_sst(0, 4, 4),
        xls_number(1, 0, 0, 1.0),
        xls_sst(1, 1, 5),
        xls_sst(1, 2, 6),
        xls_sst(1, 3, 7),
        xls_number(1, 4, 0, 58.0),
    ];
    cells.extend(extra);
    let mut sheets = Vec::new();
    if hidden_first {
        sheets.push(("Cũ", true, vec![xls_sst(0, 0, 8)]));
    }
    sheets.push(("Danh sách", false, cells));
    xls(&sheets, &strings, &XLS_DIMS)
}

// ---------------------------------------------------------------- running

/// Writes `bytes` as `name` in a fresh directory.
fn file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

/// What the reader makes of a file, as the user would read it: the
/// diagnostics rendered, then each product or each row's problems.
fn read_report(path: &Path, sheet: Option<&str>, map: &ColumnMap) -> String {
    let s = products::read_with(path, sheet, map);
    let dir = path.parent().unwrap().to_string_lossy().to_string();
    let mut out = String::new();
    for d in &s.diagnostics {
        out.push_str(&d.render());
    }
    for r in &s.rows {
        match &r.product {
            Ok(p) => out.push_str(&format!(
                "sản phẩm dòng {}: {} | {} | {} | điểm {} | sao {:?} | số {:?} | stt {:?}\n",
                r.row, p.name, p.owner, p.address, p.score, p.stars, p.number, p.stt
            )),
            Err(ds) => {
                for d in ds {
                    out.push_str(&d.render());
                }
            }
        }
    }
    out.replace(&format!("{dir}/"), "")
}

fn report(path: &Path) -> String {
    read_report(path, None, &ColumnMap::default())
}

/// `ocop certificates` on the example YAML with `--products path`.
fn run(path: &Path, extra: &[&str]) -> (Option<i32>, String, tempfile::TempDir) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = ocop()
        .arg("certificates")
        .arg("plans/certificates/lai-chau-2027-dot-1.yaml")
        .arg("--products")
        .arg(path)
        .arg("--out")
        .arg(out_dir.path())
        .args(extra)
        .output()
        .unwrap();
    let dir = path.parent().unwrap().to_string_lossy().to_string();
    let stderr = String::from_utf8(out.stderr)
        .unwrap()
        .replace(&format!("{dir}/"), "");
    (out.status.code(), stderr, out_dir)
}

// ------------------------------------------------- crashes, runaway memory

/// `uniqueCount` made calamine reserve terabytes (abort) or overflow.
#[test]
fn declared_shared_string_counts_are_not_trusted() {
    for count in ["4000000000000", "18446744073709551615"] {
        let strings = format!(
            r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{count}" uniqueCount="{count}"><si><t>Tên sản phẩm</t></si><si><t>Chè xanh</t></si></sst>"#
        );
        let mut rows = good_rows();
        rows[0].1[1] = ("B", Raw("t=\"s\"", "<v>0</v>"));
        rows[1].1[1] = ("B", Raw("t=\"s\"", "<v>1</v>"));
        let book = xlsx(&[("DS", "", sheet_xml(&rows, ""))], Some(&strings), None);
        let (_d, path) = file("ds.xlsx", &book);
        let out = report(&path);
        assert!(out.contains("sản phẩm dòng 2: Chè xanh |"), "{out}");
    }
}

/// One stray cell at the sheet's very last cell, or a space in AZ1048576:
/// calamine built the whole dense grid (GBs). Only used cells are kept;
/// the stray text is reported, the space ignored.
#[test]
fn stray_cells_far_away_cost_nothing_and_are_reported() {
    let mut rows = good_rows();
    rows.push((1_048_576, vec![("AZ", T(" ")), ("XFD", T("x"))]));
    let (_d, path) = file("ds.xlsx", &one_sheet(&rows));
    insta::assert_snapshot!("xlsx-stray-far-cell", report(&path));
}

/// A 700 MB string in a 700 KB file: the part is streamed and stopped at
/// the first megabyte of a single text node.
#[test]
fn a_giant_shared_string_is_stopped_early() {
    let size = corpus_size(16 << 20, 700 << 20);
    let bytes = giant_string_xlsx(size);
    assert!(bytes.len() < size / 100);
    let (_d, path) = file("ds.xlsx", &bytes);
    insta::assert_snapshot!("xlsx-giant-shared-string", report(&path));
}

fn corpus_size(test: usize, full: usize) -> usize {
    if std::env::var_os("OCOP_SHEETS_CORPUS").is_some() {
        full
    } else {
        test
    }
}

fn giant_string_xlsx(size: usize) -> Vec<u8> {
    let mut strings = String::from(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="1"><si><t>"#,
    );
    strings.push_str(&"A".repeat(size));
    strings.push_str("</t></si></sst>");
    let mut rows = good_rows();
    rows[1].1[3] = ("D", Raw("t=\"s\"", "<v>0</v>"));
    xlsx(&[("DS", "", sheet_xml(&rows, ""))], Some(&strings), None)
}

/// A sheet that inflates past the cap: refused with the part named.
#[test]
fn a_sheet_that_inflates_without_end_is_refused() {
    // 300 MB of blank space between rows compress to a few hundred KB.
    let mut xml = String::from(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let filler = format!("<row/>{}", " ".repeat(512 << 10));
    while xml.len() < 300 << 20 {
        xml.push_str(&filler);
    }
    xml.push_str("</sheetData></worksheet>");
    let book = xlsx(&[("DS", "", xml)], None, None);
    let (_d, path) = file("ds.xlsx", &book);
    insta::assert_snapshot!("xlsx-sheet-bomb", report(&path));
}

/// The longest cell Excel allows, pasted into the address: a clear error,
/// not a ten-page certificate.
#[test]
fn overlong_cells_are_refused_with_their_length() {
    let long = "Thôn Nà Hừ, ".repeat(2800);
    let long = &long[..long
        .char_indices()
        .nth(32_767)
        .map_or(long.len(), |(i, _)| i)];
    let mut rows = good_rows();
    rows[2].1[3] = ("D", T(long));
    let (_d, path) = file("ds.xlsx", &one_sheet(&rows));
    insta::assert_snapshot!("xlsx-overlong-cell", report(&path));
}

/// Filled cells repeated 16,384 × 1,048,576 times (ODS repeat attributes):
/// stopped at the cell limit, never materialised.
#[test]
fn ods_repeat_bombs_stop_at_the_cell_limit() {
    let table = "<table:table table:name=\"DS\"><table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row></table:table>".to_string();
    let (_d, path) = file("ds.ods", &ods(&table));
    insta::assert_snapshot!("ods-repeat-bomb", report(&path));
    // A space run of two billion: counted, not built.
    let table = format!(
        "<table:table table:name=\"DS\"><table:table-row>{}</table:table-row><table:table-row>{}<table:table-cell office:value-type=\"string\"><text:p>Chè<text:s text:c=\"2000000000\"/>xanh</text:p></table:table-cell>{}{}{}</table:table-row></table:table>",
        ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Điểm"]
            .map(ods_text)
            .concat(),
        ods_number(1.0),
        ods_text("HTX A"),
        ods_text("xã A"),
        ods_number(70.0)
    );
    let (_d, path) = file("ds.ods", &ods(&table));
    insta::assert_snapshot!("ods-space-run", report(&path));
}

/// calamine's .xls reader: a stray cell at IV65536 (dense grid for every
/// sheet), a DIMENSIONS record declaring 4 billion rows (reserved as
/// declared), a sector chain that loops (unbounded memory), a MULRK record
/// whose columns run backwards (subtraction overflow).
#[test]
fn hostile_xls_files_are_bounded() {
    let far = xls_list(vec![xls_sst(65_535, 255, 0)], false);
    let (_d, path) = file("ds.xls", &far);
    insta::assert_snapshot!("xls-stray-far-cell", report(&path));

    let huge_dims = {
        let mut dims = [0u8; 14];
        dims[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
        dims[10..12].copy_from_slice(&0xFFu16.to_le_bytes());
        let good = xls_list(Vec::new(), false);
        // Same list, DIMENSIONS replaced.
        let mut b = good.clone();
        let needle = rec(0x0200, &XLS_DIMS);
        let at = b.windows(needle.len()).position(|w| w == needle).unwrap();
        b[at + 4..at + 18].copy_from_slice(&dims);
        b
    };
    let (_d, path) = file("ds.xls", &huge_dims);
    let out = report(&path);
    assert!(
        out.contains("sản phẩm dòng 2: Mật ong bạc hà Mường Tè"),
        "{out}"
    );

    let mut looping = xls_list(Vec::new(), false);
    let fat_sector = u32::from_le_bytes(looping[76..80].try_into().unwrap()) as usize;
    let at = (fat_sector + 1) * 512;
    looping[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
    let (_d, path) = file("ds.xls", &looping);
    insta::assert_snapshot!("xls-looping-chain", report(&path));

    let mut mulrk = rc(3, 5);
    mulrk.extend([0u8; 6]);
    mulrk.extend(2u16.to_le_bytes());
    let (_d, path) = file("ds.xls", &xls_list(vec![rec(0x00BD, &mulrk)], false));
    insta::assert_snapshot!("xls-bad-mulrk", report(&path));
}

#[test]
fn a_zip_of_many_parts_is_refused_before_it_is_listed() {
    let names: Vec<String> = (0..20_000).map(|i| format!("x/{i}")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let (_d, path) = file("ds.xlsx", &zip_bytes(&entries));
    insta::assert_snapshot!("zip-many-parts", report(&path));
}

#[test]
fn rows_beyond_the_limit_are_refused() {
    let mut csv = String::from("STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm\n");
    for i in 0..100_001 {
        csv.push_str(&format!("{i},a,b,c,70\n"));
    }
    let (_d, path) = file("ds.csv", csv.as_bytes());
    insta::assert_snapshot!("csv-too-many-rows", report(&path));
}

// ------------------------------------------------------ wrong data, exit 0

/// The first sheet is hidden (an old list): the first visible sheet is
/// read, and the hidden one is named. Asked for by name, a hidden sheet is
/// read with a warning.
#[test]
fn hidden_sheets_are_passed_over_and_named() {
    let old = sheet_xml(
        &[
            (
                1,
                vec![
                    ("A", T("Tên sản phẩm")),
                    ("B", T("Chủ thể")),
                    ("C", T("Địa chỉ")),
                    ("D", T("Điểm")),
                ],
            ),
            (
                2,
                vec![
                    ("A", T("Sản phẩm đã bị loại")),
                    ("B", T("HTX X")),
                    ("C", T("xã X")),
                    ("D", N(40.0)),
                ],
            ),
        ],
        "",
    );
    let book = xlsx(
        &[
            ("Cũ", "hidden", old),
            ("DS", "", sheet_xml(&good_rows(), "")),
        ],
        None,
        None,
    );
    let (_d, path) = file("ds.xlsx", &book);
    insta::assert_snapshot!("xlsx-hidden-first-sheet", report(&path));
    insta::assert_snapshot!(
        "xlsx-hidden-sheet-by-name",
        read_report(&path, Some("Cũ"), &ColumnMap::default())
    );
    let (_d, path) = file("ds.xls", &xls_list(Vec::new(), true));
    insta::assert_snapshot!("xls-hidden-first-sheet", report(&path));
    let tables = format!(
        "{}{}",
        ods_good_table("Cũ", " table:style-name=\"ta2\""),
        ods_good_table("DS", "")
    );
    let (_d, path) = file("ds.ods", &ods(&tables));
    insta::assert_snapshot!("ods-hidden-first-sheet", report(&path));
}

/// Cached formula errors are refused, naming the cell, in every format.
#[test]
fn cached_formula_errors_are_refused() {
    let mut rows = good_rows();
    rows[1].1[1] = (
        "B",
        Raw("t=\"e\"", "<f>VLOOKUP(A2,Sheet2!A:B,2,0)</f><v>#N/A</v>"),
    );
    rows[2].1[2] = ("C", Raw("t=\"e\"", "<f>1/0</f><v>#DIV/0!</v>"));
    let (_d, path) = file("ds.xlsx", &one_sheet(&rows));
    insta::assert_snapshot!("xlsx-formula-errors", report(&path));

    let csv = "STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm\n1,#N/A,HTX A,xã A,70\n";
    let (_d, path) = file("ds.csv", csv.as_bytes());
    insta::assert_snapshot!("csv-formula-error", report(&path));

    let (_d, path) = file("ds.xls", &xls_list(vec![xls_error(1, 2, 0x2A)], false));
    insta::assert_snapshot!("xls-formula-error", report(&path));

    let table = format!(
        "<table:table table:name=\"DS\"><table:table-row>{}</table:table-row><table:table-row>{}{}<table:table-cell table:formula=\"of:=1/0\" office:value-type=\"string\" office:string-value=\"\" calcext:value-type=\"error\"><text:p>#DIV/0!</text:p></table:table-cell>{}{}</table:table-row></table:table>",
        ["STT", "Tên sản phẩm", "Chủ thể", "Địa chỉ", "Điểm"]
            .map(ods_text)
            .concat(),
        ods_number(1.0),
        ods_text("Chè"),
        ods_text("xã A"),
        ods_number(70.0)
    );
    let (_d, path) = file("ds.ods", &ods(&table));
    insta::assert_snapshot!("ods-formula-error", report(&path));

    // A formula never calculated (file written by a program, not opened).
    let mut rows = good_rows();
    rows[1].1[4] = ("E", Raw("", "<f>AVERAGE(G2:K2)</f>"));
    let (_d, path) = file("ds.xlsx", &one_sheet(&rows));
    insta::assert_snapshot!("xlsx-uncalculated-formula", report(&path));
}

/// "1/2027" typed into a General cell became 1 January 2027 (46388): it is
/// a date in a text column, refused, explained. A date-formatted score too.
#[test]
fn numbers_excel_turned_into_dates_are_refused() {
    let mut rows = good_rows();
    rows[1].1[5] = ("F", Raw("s=\"1\"", "<v>46388</v>"));
    rows[2].1[4] = ("E", Raw("s=\"2\"", "<v>84</v>"));
    let book = xlsx(&[("DS", "", sheet_xml(&rows, ""))], None, Some(DATE_STYLES));
    let (_d, path) = file("ds.xlsx", &book);
    insta::assert_snapshot!("xlsx-date-in-text-column", report(&path));

    let (_d, path) = file(
        "ds.xls",
        &xls_list(vec![xls_number(1, 2, 1, 46388.0)], false),
    );
    let out = report(&path);
    assert!(
        out.contains("ô là ngày tháng 01/01/2027 (Excel lưu là số 46388)"),
        "{out}"
    );
}

/// An unquoted comma in the last column: more fields than headers is an
/// error on that line, not a silently shortened note.
#[test]
fn csv_rows_longer_than_the_header_are_errors() {
    let csv = "STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm,Ghi chú\n\
               1,Chè xanh,HTX A,xã A,72,đạt\n\
               2,Miến dong,HTX B,xã B,65,đánh giá lại, bổ sung hồ sơ\n";
    let (_d, path) = file("ds.csv", csv.as_bytes());
    insta::assert_snapshot!("csv-unquoted-comma", report(&path));
}

/// A quote opened and never closed swallows every row after it into one
/// cell: the file is refused at the row a spreadsheet shows for the broken
/// record (after a blank line and a cell on two lines, not the text line),
/// its column, and how many rows it took, rather than losing them.
#[test]
fn a_csv_record_with_an_unclosed_quote_is_located_as_a_spreadsheet_shows_it() {
    let csv = "STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm\n\
               1,Chè xanh,HTX A,\"thôn 1,\nxã A\",72\n\
               \n\
               2,\"Rượu ngô,HTX B,xã B,65\n\
               3,Mật ong,HTX C,xã C,70\n\
               4,Miến dong,HTX D,xã D,66\n";
    let (_d, path) = file("ds.csv", csv.as_bytes());
    let out = report(&path);
    assert!(out.contains("dòng 4, cột B"), "{out}");
    assert!(!out.contains("sản phẩm dòng"), "nothing half-read: {out}");
    insta::assert_snapshot!("csv-unclosed-quote", out);
    // A quote inside a cell that does not start with one is text.
    let inch = "STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm\n1,Tivi 32\",HTX A,xã A,72\n";
    let (_d, path) = file("ds.csv", inch.as_bytes());
    assert!(report(&path).contains("sản phẩm dòng 2: Tivi 32\""));
}

/// Text pasted from Word: each refused character named precisely.
#[test]
fn pasted_text_is_checked_character_by_character() {
    let tower = format!("Chè{}", "\u{0301}".repeat(40));
    let long_tower = format!("Chè{}", "\u{0301}".repeat(100_000));
    let mut rows = good_rows();
    rows[0].1.push(("G", T("Ghi chú")));
    let bad: Vec<(u32, Vec<(&str, C<'_>)>)> = vec![
        (
            4,
            vec![
                ("A", N(3.0)),
                ("B", T("HTX \u{202E}gnồH hnạ")),
                ("C", T("HTX A")),
                ("D", T("xã A")),
                ("E", N(70.0)),
            ],
        ),
        (
            5,
            vec![
                ("A", N(4.0)),
                ("B", T("Mật ong")),
                ("C", T("HTX\u{200B}B")),
                ("D", T("xã\u{00AD}B")),
                ("E", N(70.0)),
            ],
        ),
        (
            6,
            vec![
                ("A", N(5.0)),
                ("B", T("Gạo\u{0007}nếp")),
                ("C", T("HTX C")),
                ("D", T("xã C")),
                ("E", N(70.0)),
                ("G", T("\u{F0B7} đạt")),
            ],
        ),
        (
            7,
            vec![
                ("A", N(6.0)),
                ("B", T("S©m Lai Ch©u sÊy l¸t")),
                ("C", T("Hôïp taùc xaõ Ñoàng Taâm")),
                ("D", T("xã D")),
                ("E", N(70.0)),
            ],
        ),
        (
            8,
            vec![
                ("A", N(7.0)),
                ("B", T(&tower)),
                ("C", T("HTX E")),
                ("D", T("xã E")),
                ("E", N(70.0)),
            ],
        ),
        (
            9,
            vec![
                ("A", N(8.0)),
                ("B", T(&long_tower)),
                ("C", T("HTX F")),
                ("D", T("xã F")),
                ("E", N(70.0)),
            ],
        ),
    ];
    rows.extend(bad);
    let (_d, path) = file("ds.xlsx", &one_sheet(&rows));
    insta::assert_snapshot!("xlsx-pasted-text", report(&path));
    // The same refusals in CSV, with line and column.
    let csv = "STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm\n1,HTX \u{202E}gnồH,HTX A,xã A,70\n";
    let (_d, path) = file("ds.csv", csv.as_bytes());
    insta::assert_snapshot!("csv-pasted-text", report(&path));
}

// ------------------------------------------------- wrong place or unclear

/// A table starting at B3 under a merged title: a bad score in G5 is
/// reported as "ô G5", as Excel shows it.
#[test]
fn cells_are_named_as_the_spreadsheet_shows_them() {
    let rows = vec![
        (
            1,
            vec![("B", T("DANH SÁCH SẢN PHẨM OCOP ĐỀ NGHỊ CÔNG NHẬN NĂM 2027"))],
        ),
        (
            3,
            vec![
                ("B", T("STT")),
                ("C", T("Tên sản phẩm")),
                ("D", T("Chủ thể")),
                ("E", T("Địa chỉ")),
                ("F", T("Nhóm")),
                ("G", T("Điểm")),
            ],
        ),
        (
            4,
            vec![
                ("B", N(1.0)),
                ("C", T("Chè xanh")),
                ("D", T("HTX A")),
                ("E", T("xã A")),
                ("F", N(1.0)),
                ("G", N(72.0)),
            ],
        ),
        (
            5,
            vec![
                ("B", N(2.0)),
                ("C", T("Rượu ngô")),
                ("D", T("HTX B")),
                ("E", T("xã B")),
                ("F", N(1.0)),
                ("G", T("bảy mươi")),
            ],
        ),
    ];
    let merge = r#"<mergeCells count="1"><mergeCell ref="B1:G1"/></mergeCells>"#;
    let (_d, path) = file(
        "ds.xlsx",
        &xlsx(&[("DS", "", sheet_xml(&rows, merge))], None, None),
    );
    let out = report(&path);
    assert!(
        out.contains("--> ds.xlsx, trang tính \"DS\", ô G5"),
        "{out}"
    );
    insta::assert_snapshot!("xlsx-table-at-b3", out);
    // Through the command: the row is skipped, its cell named.
    let (code, stderr, _out) = run(&path, &[]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("điểm `bảy mươi` không phải là số\n --> ds.xlsx, trang tính \"DS\", ô G5"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 dòng bị bỏ qua vì có lỗi: dòng 5"),
        "{stderr}"
    );
}

/// Regime problems found after reading point at the cell too.
#[test]
fn later_problems_point_at_the_cell() {
    let mut rows = good_rows();
    rows[1].1[4] = ("E", N(25.0));
    let (_d, path) = file("ds.xlsx", &one_sheet(&rows));
    let (code, stderr, _out) = run(&path, &[]);
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains(
            "không được công nhận sản phẩm 1 sao (điểm 25)\n --> ds.xlsx, trang tính \"DS\", ô E2"
        ),
        "{stderr}"
    );
}

/// CSV rows are numbered as a spreadsheet program shows them: a blank
/// line is an empty row, a cell with a line break stays in one row.
#[test]
fn csv_rows_are_counted_as_a_spreadsheet_shows_them() {
    let csv = "STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm\n\
               \n\
               1,Chè xanh,HTX A,\"thôn 1,\nxã A\",72\n\
               \n\
               \n\
               2,Rượu ngô,HTX B,xã B,abc\n";
    let (_d, path) = file("ds.csv", csv.as_bytes());
    insta::assert_snapshot!("csv-line-numbers", report(&path));
}

/// "Unicode text" from Excel (UTF-16 LE with BOM, tabs), and UTF-16 files
/// without a BOM, read the same as UTF-8.
#[test]
fn utf16_text_is_read() {
    let text = "STT\tTên sản phẩm\tChủ thể\tĐịa chỉ\tĐiểm\r\n1\tChè Shan tuyết\tHTX Chè San Thàng\txã San Thàng, tỉnh Lai Châu\t78,5\r\n";
    let le = |bom: bool| {
        let mut b = if bom { vec![0xFF, 0xFE] } else { vec![] };
        b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        b
    };
    let mut be = vec![0xFE, 0xFF];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    for (name, bytes) in [("ds.txt", le(true)), ("ds.csv", le(false)), ("ds.csv", be)] {
        let (_d, path) = file(name, &bytes);
        let out = report(&path);
        assert_eq!(
            out,
            "sản phẩm dòng 2: Chè Shan tuyết | HTX Chè San Thàng | xã San Thàng, tỉnh Lai Châu | điểm 78.5 | sao None | số None | stt Some(\"1\")\n",
            "{name}"
        );
    }
}

// ------------------------------------------------------------------ headers

/// Real-world headers: words added, line breaks inside, two header rows.
#[test]
fn real_world_headers_are_understood() {
    let rows = vec![
        (
            2,
            vec![
                ("A", T("TT")),
                ("B", T("Tên sản phẩm OCOP")),
                ("C", T("Chủ thể (HTX/DN/Hộ KD)")),
                ("D", T("Địa chỉ\nchủ thể")),
                ("E", T("Kết quả đánh giá")),
            ],
        ),
        (3, vec![("E", T("Điểm số")), ("F", T("Hạng sao"))]),
        (
            4,
            vec![
                ("A", T("(1)")),
                ("B", T("(2)")),
                ("C", T("(3)")),
                ("D", T("(4)")),
                ("E", T("(5)")),
                ("F", T("(6)")),
            ],
        ),
        (
            5,
            vec![
                ("A", N(1.0)),
                ("B", T("Chè xanh")),
                ("C", T("HTX A")),
                ("D", T("xã A")),
                ("E", N(72.5)),
                ("F", T("4 sao")),
            ],
        ),
        (
            6,
            vec![
                ("A", N(2.0)),
                ("B", T("Miến dong")),
                ("C", T("HTX B")),
                ("D", T("xã B")),
                ("E", N(64.0)),
                ("F", N(3.0)),
            ],
        ),
        (7, vec![("A", N(3.0))]),
        (8, vec![("A", N(4.0))]),
        (9, vec![("A", T("Tổng cộng")), ("B", T("2 sản phẩm"))]),
        (10, vec![("E", N(68.25))]),
    ];
    let (_d, path) = file("ds.xlsx", &one_sheet(&rows));
    insta::assert_snapshot!("xlsx-real-world-headers", report(&path));
}

/// A required column missing: the headers found are listed, and a column
/// map fixes it (header text or column letter).
#[test]
fn missing_columns_list_the_headers_and_a_map_fixes_them() {
    let rows = vec![
        (
            1,
            vec![
                ("A", T("Số TT")),
                ("B", T("Tên SP OCOP")),
                ("C", T("Cơ quan đề xuất")),
                ("D", T("Nơi sản xuất")),
                ("E", T("Điểm")),
            ],
        ),
        (
            2,
            vec![
                ("A", N(1.0)),
                ("B", T("Chè xanh")),
                ("C", T("HTX A")),
                ("D", T("xã A")),
                ("E", N(72.0)),
            ],
        ),
    ];
    let (_d, path) = file("ds.xlsx", &one_sheet(&rows));
    insta::assert_snapshot!("xlsx-missing-columns", report(&path));
    let mut map = ColumnMap::default();
    map.set(Field::Owner, "Cơ quan đề xuất");
    map.set(Field::Address, "D");
    insta::assert_snapshot!("xlsx-column-map", read_report(&path, None, &map));
    let mut wrong = ColumnMap::default();
    wrong.set(Field::Owner, "Chủ thể sản phẩm");
    insta::assert_snapshot!("xlsx-column-map-wrong", read_report(&path, None, &wrong));
}

/// No header anywhere: the first rows are quoted so the user sees why.
#[test]
fn no_header_row_quotes_the_first_rows() {
    let rows = vec![
        (1, vec![("A", T("Cột 1")), ("B", T("Cột 2"))]),
        (2, vec![("A", N(1.0)), ("B", T("Chè xanh"))]),
    ];
    let (_d, path) = file("ds.xlsx", &one_sheet(&rows));
    insta::assert_snapshot!("xlsx-no-header", report(&path));
}

/// YAML's `columns:` deserialises into the map; unknown fields are refused.
#[test]
fn column_maps_come_from_yaml() {
    let read = |text: &str| {
        let root = ocop::load::yaml::parse(text).unwrap().root.unwrap();
        ocop::load::de::from_tree::<ColumnMap>(root)
    };
    let map = read("name: Tên SP OCOP\nowner: C\n").value.unwrap();
    assert_eq!(map.get(Field::Name), Some("Tên SP OCOP"));
    assert_eq!(map.get(Field::Owner), Some("C"));
    assert!(!read("ten: B\n").problems.is_empty());
}

// ---------------------------------------------------------- other formats

/// The same list in every format gives the same products.
#[test]
fn every_format_reads_the_same_list() {
    let csv = std::fs::read(root().join("plans/certificates/san-pham-dot-1.csv")).unwrap();
    let (_d, csv_path) = file("ds.csv", &csv);
    let (_d2, xlsx_path) = file(
        "ds.xlsx",
        &std::fs::read(root().join("plans/certificates/san-pham-dot-1.xlsx")).unwrap(),
    );
    let products = |p: &Path| -> Vec<String> {
        products::read(p, None)
            .rows
            .into_iter()
            .map(|r| format!("{:?}", r.product.unwrap()))
            .collect()
    };
    let from_csv = products(&csv_path);
    assert_eq!(from_csv.len(), 5);
    assert_eq!(from_csv, products(&xlsx_path));

    let (_d3, xls_path) = file("ds.xls", &xls_list(Vec::new(), false));
    let (_d4, ods_path) = file("ds.ods", &ods(&ods_good_table("DS", "")));
    insta::assert_snapshot!("xls-list", report(&xls_path));
    insta::assert_snapshot!("ods-list", report(&ods_path));
}

/// Files that are not what their name says.
#[test]
fn misnamed_and_protected_files_are_explained() {
    let (_d, path) = file("ds.xlsx", b"STT,Ten\n1,a\n");
    let out = report(&path);
    assert!(out.contains("không phải bảng tính Excel/ODS thật"), "{out}");
    // An .xls saved as .csv is read as what it is.
    let (_d, path) = file("ds.csv", &xls_list(Vec::new(), false));
    assert!(report(&path).contains("sản phẩm dòng 2: Mật ong"));
    let encrypted = products::cfb_with_stream("EncryptedPackage", &[0u8; 5000]);
    let (_d, path) = file("ds.xlsx", &encrypted);
    assert!(report(&path).contains("có mật khẩu"));
}

/// Rows hidden in the spreadsheet (by hand or by a filter) are not read,
/// and say so.
#[test]
fn hidden_rows_are_skipped_with_a_warning() {
    let mut xml = sheet_xml(&good_rows(), "");
    xml = xml.replace("<row r=\"3\">", "<row r=\"3\" hidden=\"1\">");
    let (_d, path) = file("ds.xlsx", &xlsx(&[("DS", "", xml)], None, None));
    insta::assert_snapshot!("xlsx-hidden-row", report(&path));
}

// ------------------------------------------------------------------ corpus

/// With `OCOP_SHEETS_CORPUS=<dir>`, writes every hostile file at full size
/// for measuring the release binary (`/usr/bin/time -v ocop certificates …`).
#[test]
fn write_corpus() {
    let Some(dir) = std::env::var_os("OCOP_SHEETS_CORPUS") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).unwrap();
    let put = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    corpus_declared_sizes(&put);
    corpus_huge_parts(&put);
    corpus_long_text(&put);
    corpus_other_formats(&put);
}

/// Writes one corpus file.
type Put<'a> = &'a dyn Fn(&str, &[u8]);

/// Workbooks that declare more than they hold: string counts, far cells.
fn corpus_declared_sizes(put: Put<'_>) {
    for (name, count) in [
        ("unique-count-huge.xlsx", "4000000000000"),
        ("unique-count-max.xlsx", "18446744073709551615"),
    ] {
        let strings = format!(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{count}"><si><t>Tên sản phẩm</t></si></sst>"#
        );
        let mut rows = good_rows();
        rows[0].1[1] = ("B", Raw("t=\"s\"", "<v>0</v>"));
        put(
            name,
            &xlsx(&[("DS", "", sheet_xml(&rows, ""))], Some(&strings), None),
        );
    }
    let mut rows = good_rows();
    rows.push((1_048_576, vec![("XFD", T("x"))]));
    put("stray-xfd1048576.xlsx", &one_sheet(&rows));
    let mut rows = good_rows();
    rows.push((1_048_576, vec![("AZ", T(" "))]));
    put("space-az1048576.xlsx", &one_sheet(&rows));
}

/// Parts that inflate: one giant string, a 1 GB sheet, a million cells.
fn corpus_huge_parts(put: Put<'_>) {
    put("giant-shared-string.xlsx", &giant_string_xlsx(700 << 20));
    let mut xml = String::from(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let filler = "<row/>".repeat(1 << 16);
    while xml.len() < 1 << 30 {
        xml.push_str(&filler);
    }
    xml.push_str("</sheetData></worksheet>");
    put("sheet-bomb-1gb.xlsx", &xlsx(&[("DS", "", xml)], None, None));
    // A million filled cells, within the limit, and one more row past it.
    let mut many = String::from(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    many.push_str(
        &sheet_xml(&good_rows(), "")
            .split("<sheetData>")
            .nth(1)
            .unwrap()
            .replace("</sheetData></worksheet>", ""),
    );
    for r in 4..=100_003u32 {
        many.push_str(&format!("<row r=\"{r}\">"));
        for c in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] {
            many.push_str(&format!(
                "<c r=\"{c}{r}\" t=\"inlineStr\"><is><t>{c}{r}</t></is></c>"
            ));
        }
        many.push_str("</row>");
    }
    many.push_str("</sheetData></worksheet>");
    put("million-cells.xlsx", &xlsx(&[("DS", "", many)], None, None));
}

/// Cells of absurd length: a 32,767-character address, 100,000 accents.
fn corpus_long_text(put: Put<'_>) {
    let long = "Thôn Nà Hừ, ".repeat(2731);
    let mut rows = good_rows();
    rows[2].1[3] = ("D", T(&long));
    put("address-32767-chars.xlsx", &one_sheet(&rows));
    let tower = format!("Chè{}", "\u{0301}".repeat(100_000));
    let mut rows = good_rows();
    rows[2].1[1] = ("B", T(&tower));
    put("combining-100000.xlsx", &one_sheet(&rows));
}

/// ODS, XLS, zip and CSV bombs.
fn corpus_other_formats(put: Put<'_>) {
    let table = "<table:table table:name=\"DS\"><table:table-row table:number-rows-repeated=\"1048576\"><table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"string\"><text:p>x</text:p></table:table-cell></table:table-row></table:table>";
    put("repeat-bomb.ods", &ods(table));
    put(
        "stray-iv65536.xls",
        &xls_list(vec![xls_sst(65_535, 255, 0)], false),
    );
    let mut looping = xls_list(Vec::new(), false);
    let fat_sector = u32::from_le_bytes(looping[76..80].try_into().unwrap()) as usize;
    let at = (fat_sector + 1) * 512;
    looping[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
    put("looping-chain.xls", &looping);
    let names: Vec<String> = (0..200_000).map(|i| format!("x/{i}")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    put("many-parts.xlsx", &zip_bytes(&entries));
    let mut csv = String::from("STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm\n");
    for i in 0..100_001 {
        csv.push_str(&format!("{i},a,b,c,70\n"));
    }
    put("too-many-rows.csv", csv.as_bytes());
    let mut csv = String::from("STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm\n1,\"");
    csv.push_str(&"x".repeat(60 << 20));
    put("unclosed-quote-60mb.csv", csv.as_bytes());
}

/// The first visible sheet holds no list: the error names the others.
#[test]
fn a_sheet_without_the_list_names_the_other_sheets() {
    let cover = sheet_xml(&[(1, vec![("A", T("Bìa")), ("B", T("Năm 2027"))])], "");
    let book = xlsx(
        &[("Bìa", "", cover), ("DS", "", sheet_xml(&good_rows(), ""))],
        None,
        None,
    );
    let (_d, path) = file("ds.xlsx", &book);
    let out = report(&path);
    assert!(
        out.contains(
            "tệp còn các trang tính \"DS\": nếu danh sách ở đó, chỉ định trang tính cần đọc"
        ),
        "{out}"
    );
    let named = read_report(&path, Some("ds"), &ColumnMap::default());
    assert!(
        named.starts_with("sản phẩm dòng 2: Chè Shan tuyết"),
        "{named}"
    );
}
