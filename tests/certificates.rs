//! Bulk certificates: the Typst of one certificate, its PDF text, the QR
//! code decoded back, spreadsheet import with good and bad rows, .xlsx and
//! .csv giving the same certificates, the merged PDF.

use crate::common;

use std::path::Path;

use common::{folded, ocop, pdf_text, root, session};
use ocop::doc::{Content, DocKind, Document};
use ocop::load::LoadOptions;
use ocop::pipeline::{self, FileReport};

const EXAMPLE: &str = "plans/certificates/lai-chau-2027-dot-1.yaml";

/// The certificates of `yaml`, with `products` replacing its list.
fn batch(yaml: &Path, products: Option<&Path>) -> FileReport {
    let options = LoadOptions {
        products: products.map(Path::to_path_buf),
        sheet: None,
        ..Default::default()
    };
    pipeline::prepare(session(), yaml, &options, &[DocKind::Certificate])
}

fn markup(doc: &Document) -> String {
    session().markup(doc).unwrap().source
}

fn pdf(doc: &Document) -> Vec<u8> {
    let markup = session().markup(doc).unwrap();
    session().pdf(doc, markup, true).unwrap()
}

/// `ocop certificates <yaml> --out <out>` (with `--merge` if asked), as a user runs it.
fn run_certificates(yaml: &Path, out: &Path, merge: bool) -> std::process::Output {
    let mut command = ocop();
    command.arg("certificates").arg(yaml).arg("--out").arg(out);
    if merge {
        command.arg("--merge");
    }
    command.output().unwrap()
}

/// The text of each page of `pdf`.
fn page_texts(pdf: &[u8]) -> Vec<String> {
    pdf_text(pdf)
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn certificate_markup_snapshot() {
    let b = batch(&root().join(EXAMPLE), None);
    assert!(b.problems.is_empty(), "{:?}", b.problems);
    // The QR code is an image file beside the markup, checked by decoding it.
    insta::assert_snapshot!("certificate-markup", markup(&b.documents[0]));
}

#[test]
fn certificate_reads_back_and_its_qr_decodes() {
    let b = batch(&root().join(EXAMPLE), None);
    let bytes = pdf(&b.documents[0]);
    let text = folded(&pdf_text(&bytes));
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LAI CHÂU",
        "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP",
        "Chè Shan tuyết San Thàng",
        "Chủ thể: HTX Chè San Thàng",
        "Đạt hạng 4 sao",
        "Số: 01/2027/GCN-OCOP",
        "Theo Quyết định số 1234/QĐ-UBND ngày 25/6/2027 của Chủ tịch UBND tỉnh Lai Châu",
        "Giấy chứng nhận có giá trị đến ngày 30/6/2030",
        "Lai Châu, ngày 30 tháng 6 năm 2027",
        "KT. CHỦ TỊCH PHÓ CHỦ TỊCH",
        "Hà Trọng Hải",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in {text}");
    }
    // Rasterise the page and decode the QR code.
    let dir = tempfile::tempdir().unwrap();
    let pdf_path = dir.path().join("gcn.pdf");
    std::fs::write(&pdf_path, &bytes).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-png", "-r", "300", "-singlefile"])
        .arg(&pdf_path)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm (poppler-utils) is needed");
    assert!(status.success());
    let page = image::open(dir.path().join("page.png")).unwrap().to_luma8();
    // The code sits bottom left: crop to that quarter so borders and stars do not distract the detector.
    let (w, h) = page.dimensions();
    let image = image::imageops::crop_imm(&page, 0, h / 2, w / 2, h / 2).to_image();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code on the certificate");
    let (_, content) = grids[0].decode().unwrap();
    assert_eq!(
        content,
        "OCOP-GCN/1\nso=01/2027/GCN-OCOP\nsan_pham=Chè Shan tuyết San Thàng\nchu_the=HTX Chè San Thàng\nhang_sao=4\nquyet_dinh=1234/QĐ-UBND\nngay_quyet_dinh=2027-06-25\nhet_han=2030-06-30\nco_quan=Ủy ban nhân dân tỉnh Lai Châu\n"
    );
}

#[test]
fn xlsx_and_csv_give_the_same_certificates() {
    let yaml = root().join(EXAMPLE);
    let from_csv = batch(&yaml, None);
    let from_xlsx = batch(
        &yaml,
        Some(&root().join("plans/certificates/san-pham-dot-1.xlsx")),
    );
    assert!(from_xlsx.problems.is_empty(), "{:?}", from_xlsx.problems);
    assert_eq!(from_csv.documents.len(), 5);
    let key = |b: &FileReport| {
        b.documents
            .iter()
            .map(|d| match &d.content {
                Content::Certificate(c) => (
                    d.file_stem.clone(),
                    c.product.clone(),
                    c.owner.clone(),
                    c.stars,
                    c.number.clone(),
                    c.qr_payload.clone(),
                ),
                _ => panic!("only certificates were asked for"),
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(key(&from_csv), key(&from_xlsx));
}

#[test]
fn bad_rows_are_reported_and_skipped_good_rows_produced() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(root().join(EXAMPLE))
        .unwrap()
        .replace("san-pham-dot-1.csv", "ds.csv");
    std::fs::write(dir.path().join("gcn.yaml"), yaml).unwrap();
    // Semicolons and a BOM, as Excel writes them in Vietnamese locales.
    let csv = "\u{feff}Stt;TEN SAN PHAM;Chủ  thể;Địa chỉ;Điểm;Hạng sao;Màu bao bì\n\
               1;Chè xanh;HTX A;xã A;72;4 sao;xanh\n\
               2;Rượu ngô;HTX B;xã B;abc;;\n\
               3;Miến dong;;xã C;60;;\n\
               4;Mật ong;HTX D;xã D;25;;\n\
               5;Gạo nếp;HTX E;xã E;72;3 sao;\n\
               6;Chè vàng;HTX F;xã F;55,5;;\n";
    std::fs::write(dir.path().join("ds.csv"), csv).unwrap();
    let out = run_certificates(&dir.path().join("gcn.yaml"), &dir.path().join("out"), false);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for expected in [
        "cảnh báo: cột \"Màu bao bì\" không được dùng (dòng 1, cột G)",
        "điểm `abc` không phải là số (dòng 3, cột E)",
        "thiếu chủ thể (dòng 4, cột C)",
        "UBND cấp tỉnh không được công nhận sản phẩm 1 sao (điểm 25) (dòng 5, cột E)",
        "điểm 72 ứng với hạng 4 sao (từ 70 đến dưới 90 điểm), không phải 3 sao (dòng 6, cột F)",
        "đã dựng 2/2 giấy chứng nhận; 4 dòng bị bỏ qua vì có lỗi: dòng 3, dòng 4, dòng 5, dòng 6;",
    ] {
        assert!(
            stderr.contains(expected),
            "missing {expected:?} in:\n{stderr}"
        );
    }
    assert_eq!(
        common::printed_names(&out.stdout),
        ["01-che-xanh.pdf", "06-che-vang.pdf"]
    );
}

#[test]
fn merged_pdf_has_every_certificate_in_list_order() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_certificates(Path::new(EXAMPLE), dir.path(), true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let merged = std::fs::read(dir.path().join("lai-chau-2027-dot-1/giay-chung-nhan.pdf")).unwrap();
    // Parts are written by whichever worker finishes them; the file is the same.
    let again = tempfile::tempdir().unwrap();
    assert!(
        run_certificates(Path::new(EXAMPLE), again.path(), true)
            .status
            .success()
    );
    let second =
        std::fs::read(again.path().join("lai-chau-2027-dot-1/giay-chung-nhan.pdf")).unwrap();
    assert!(merged == second, "merged PDF differs between runs");
    let pages = page_texts(&merged);
    assert_eq!(pages.len(), 5);
    for (page, name) in pages.iter().zip([
        "Chè Shan tuyết San Thàng",
        "Sâm Lai Châu sấy lát",
        "Gạo tẻ râu Phong Thổ",
        "Mật ong bạc hà Mường Tè",
        "Du lịch cộng đồng bản Sin Suối Hồ",
    ]) {
        assert!(folded(page).contains(name), "{name} not on its page");
    }
}

#[test]
fn rerunning_replaces_files_and_leaves_no_temporaries() {
    let dir = tempfile::tempdir().unwrap();
    let cert_dir = dir.path().join("lai-chau-2027-dot-1/giay-chung-nhan");
    std::fs::create_dir_all(&cert_dir).unwrap();
    // What a killed run could leave behind.
    std::fs::write(cert_dir.join(".ocop-abc123.tmp"), b"half").unwrap();
    for _ in 0..2 {
        let out = run_certificates(Path::new(EXAMPLE), dir.path(), false);
        assert!(out.status.success());
    }
    let mut names: Vec<String> = std::fs::read_dir(&cert_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names.len(), 5, "{names:?}");
    assert!(names.iter().all(|n| n.ends_with(".pdf")));
}

#[test]
fn a_logo_beside_the_yaml_is_printed_and_one_outside_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let logo = image::GrayImage::from_fn(40, 40, |x, y| {
        image::Luma([if (x / 10 + y / 10) % 2 == 0 { 0 } else { 255 }])
    });
    logo.save(dir.path().join("logo.png")).unwrap();
    std::fs::copy(
        root().join("plans/certificates/san-pham-dot-1.csv"),
        dir.path().join("san-pham-dot-1.csv"),
    )
    .unwrap();
    let yaml = std::fs::read_to_string(root().join(EXAMPLE)).unwrap();
    let with_logo = yaml.replace("  products_file:", "  logo: logo.png\n  products_file:");
    std::fs::write(dir.path().join("gcn.yaml"), &with_logo).unwrap();
    let b = batch(&dir.path().join("gcn.yaml"), None);
    assert!(b.problems.is_empty(), "{:?}", b.problems);
    assert!(markup(&b.documents[0]).contains("image(\"logo.png\", height: 24mm)"));
    assert!(pdf(&b.documents[0]).starts_with(b"%PDF"));

    let outside = yaml.replace(
        "  products_file:",
        "  logo: ../../etc/logo.png\n  products_file:",
    );
    std::fs::write(dir.path().join("ngoai.yaml"), outside).unwrap();
    let out = run_certificates(
        &dir.path().join("ngoai.yaml"),
        &dir.path().join("out"),
        false,
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("ra ngoài thư mục của tệp YAML"), "{stderr}");
    assert!(
        !dir.path().join("out").exists(),
        "nothing is written when the file has errors"
    );
}

/// A list of `n` products as the office's CSV, beside a copy of the example YAML.
fn long_list(dir: &Path, n: usize) -> std::path::PathBuf {
    let mut csv = String::from("STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm\n");
    for i in 1..=n {
        csv.push_str(&format!(
            "{i},Sản phẩm {i},HTX {i},xã {i},{}\n",
            50 + i % 40
        ));
    }
    std::fs::write(dir.join("ds.csv"), csv).unwrap();
    let yaml = std::fs::read_to_string(root().join(EXAMPLE))
        .unwrap()
        .replace("san-pham-dot-1.csv", "ds.csv");
    let path = dir.join("gcn.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}

#[test]
fn a_long_merged_list_is_joined_from_parts_in_order() {
    // More than two parts of the merged file, the last one short.
    let n = 2 * 100 + 3;
    let dir = tempfile::tempdir().unwrap();
    let yaml = long_list(dir.path(), n);
    let out = run_certificates(&yaml, &dir.path().join("out"), true);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("đã dựng {n}/{n} giấy chứng nhận")),
        "{stderr}"
    );
    let merged = std::fs::read(dir.path().join("out/gcn/giay-chung-nhan.pdf")).unwrap();
    let pages = page_texts(&merged);
    assert_eq!(pages.len(), n);
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let line = format!("Chủ thể: HTX {n} Địa chỉ: xã {n} ");
        assert!(
            folded(page).contains(&line),
            "page {n} is not certificate {n}"
        );
    }
}

#[test]
fn a_stopped_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let b = batch(&root().join(EXAMPLE), None);
    let stop = std::sync::atomic::AtomicBool::new(true);
    let path = dir.path().join("giay-chung-nhan.pdf");
    let merged = ocop::bulk::render_merged(session(), &b.documents, "GCN", &path, &stop, &|| {});
    assert!(merged.interrupted);
    assert!(merged.written.is_empty());
    assert!(!path.exists());
    let jobs: Vec<ocop::bulk::Job<'_>> = b
        .documents
        .iter()
        .map(|doc| ocop::bulk::Job {
            doc,
            pdf: Some(dir.path().join(format!("{}.pdf", doc.file_stem))),
            docx: None,
            typ: None,
            sidecar: None,
        })
        .collect();
    let each = ocop::bulk::render_each(session(), &jobs, &stop, &|| {});
    assert!(each.interrupted);
    assert!(each.written.is_empty());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// A run stopped by Ctrl-C, by the terminal closing (SIGHUP) or by a
/// service manager (SIGTERM) finishes the certificates in hand, says it
/// was stopped, exits with 130 and leaves only whole files.
#[cfg(unix)]
#[test]
fn a_run_stopped_by_a_signal_leaves_only_whole_files() {
    use std::time::{Duration, Instant};
    for signal in ["INT", "TERM", "HUP"] {
        let dir = tempfile::tempdir().unwrap();
        let yaml = long_list(dir.path(), 1000);
        let folder = dir.path().join("out/gcn/giay-chung-nhan");
        let child = ocop()
            .arg("certificates")
            .arg(&yaml)
            .arg("--out")
            .arg(dir.path().join("out"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Stopped once the first certificates are written.
        let deadline = Instant::now() + Duration::from_secs(180);
        while std::fs::read_dir(&folder).map_or(0, |d| d.count()) < 3 {
            assert!(Instant::now() < deadline, "no certificate written");
            std::thread::sleep(Duration::from_millis(20));
        }
        let killed = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(killed.success());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(130), "SIG{signal}: {stderr}");
        assert!(
            stderr.contains("đã dừng theo yêu cầu, các tệp đã ghi đều hoàn chỉnh"),
            "SIG{signal}: {stderr}"
        );
        let names: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert!(names.len() < 1000, "SIG{signal}: the run was not stopped");
        for name in &names {
            assert!(name.ends_with(".pdf"), "SIG{signal}: {name} left over");
            let pdf = std::fs::read(folder.join(name)).unwrap();
            assert!(
                pdf.starts_with(b"%PDF") && pdf.trim_ascii_end().ends_with(b"%%EOF"),
                "SIG{signal}: {name} is not whole"
            );
        }
        assert_eq!(common::printed_names(&out.stdout).len(), names.len());
    }
}

const ROUND: &str = "plans/dot-2-2027/cong-nhan-dot-2.yaml";

#[test]
fn a_results_decision_and_its_certificates_share_one_spreadsheet() {
    let report = common::prepare(&root().join(ROUND));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let kinds: Vec<DocKind> = report.documents.iter().map(Document::kind).collect();
    assert_eq!(kinds[0], DocKind::Decision);
    assert_eq!(kinds[1..], [DocKind::Certificate; 4]);
    let Content::Decision(decision) = &report.documents[0].content else {
        panic!("the decision comes first");
    };
    let ocop::doc::Block::Table(table) = &decision.appendices[0].body[0] else {
        panic!("the appendix is the list of products");
    };
    // Rows of products, not the group rows spanning the table.
    let listed: Vec<String> = table
        .rows
        .iter()
        .filter(|r| r.len() > 1)
        .map(|r| r[1].text.clone())
        .collect();
    let certified: Vec<String> = report.documents[1..]
        .iter()
        .map(|d| match &d.content {
            Content::Certificate(c) => {
                assert_eq!(
                    c.decision,
                    "Quyết định số 1530/QĐ-UBND ngày 20/9/2027 của Chủ tịch UBND tỉnh Lai Châu"
                );
                c.product.clone()
            }
            _ => panic!("certificates follow the decision"),
        })
        .collect();
    // The appendix groups by rank; the certificates keep the sheet's order.
    let mut sorted_listed = listed.clone();
    sorted_listed.sort();
    let mut sorted_certified = certified.clone();
    sorted_certified.sort();
    assert_eq!(sorted_listed, sorted_certified);
    assert_eq!(
        certified,
        [
            "Thảo quả sấy Sìn Hồ",
            "Trà hoa vàng Tam Đường",
            "Măng khô Than Uyên",
            "Thổ cẩm Lự Bình Lư"
        ]
    );
}

#[test]
fn a_bad_row_in_the_shared_list_stops_the_decision_but_not_the_good_certificates() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(root().join(ROUND))
        .unwrap()
        .replace("san-pham-dot-2.xlsx", "ds.csv");
    std::fs::write(dir.path().join("dot-2.yaml"), yaml).unwrap();
    std::fs::write(
        dir.path().join("ds.csv"),
        "STT,Tên sản phẩm,Chủ thể,Địa chỉ,Điểm,Hạng sao\n\
         1,Thảo quả sấy,HTX A,xã A,74.5,4 sao\n\
         2,Trà hoa vàng,HTX B,xã B,86,3 sao\n",
    )
    .unwrap();
    let out = ocop()
        .arg("render")
        .arg(dir.path().join("dot-2.yaml"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    // The row is reported once, though both documents take it.
    assert_eq!(
        stderr.matches("không phải 3 sao (dòng 3, cột F)").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains("quyết định công nhận chưa dựng được: danh sách có 1 dòng lỗi (dòng 3)"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 dòng sản phẩm bị bỏ qua vì có lỗi: dòng 3"),
        "{stderr}"
    );
    assert_eq!(common::printed_names(&out.stdout), ["01-thao-qua-say.pdf"]);
}
