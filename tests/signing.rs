//! A real signer accepts what ocop issues: pyHanko (an open-source PDF
//! signer, installed by `.ci/run`) signs a PDF of every document kind with
//! a throwaway self-signed certificate, into the empty signature fields of
//! an electronic document (the signer's, then the organisation's, each an
//! incremental update) or into a new field on paper ones, and validates
//! every signature as intact; the signed file still holds NĐ 30's rules.
//! And the electronic layout itself: its markup, its signing places, its
//! sidecar file, and what `ocop render --electronic` writes and removes.

use std::path::Path;
use std::process::Command;

use ocop::doc::PdfStandard;
use ocop::load::IssuanceChoice;

use crate::common::{ocop, python_tool, root, session, tools};
use crate::pdf_hygiene::{examples, issue_all, merged_certificates, problems};

/// Signs `pdf` into `fields` (a new field when none) with pyHanko; the
/// signed bytes and its report, one JSON line per signature.
fn sign(pdf: &[u8], fields: &[&str], dir: &Path, name: &str) -> (Vec<u8>, String) {
    let input = dir.join(format!("{name}.pdf"));
    let output = dir.join(format!("{name}-da-ky.pdf"));
    std::fs::write(&input, pdf).unwrap();
    let out = Command::new("python3")
        .arg(root().join("tests/tools/sign_pdf.py"))
        .arg(root().join("fonts/LiberationSerif-Regular.ttf"))
        .arg(&input)
        .arg(&output)
        .args(fields)
        .output()
        .expect("python3 runs the pyHanko signer");
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !report.contains("ModuleNotFoundError") && !report.contains("ImportError"),
        "pyHanko is needed: pip install 'pyHanko[opentype]' (.ci/run installs it)\n{report}"
    );
    assert!(
        out.status.success(),
        "{name}: pyHanko refused or found a broken signature:\n{report}"
    );
    (std::fs::read(&output).unwrap(), report)
}

/// The field names of a PDF's empty signature fields, in order.
fn empty_fields(pdf: &[u8]) -> Vec<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let Ok(fields) = doc
        .catalog()
        .unwrap()
        .get(b"AcroForm")
        .and_then(lopdf::Object::as_dict)
        .and_then(|f| f.get(b"Fields"))
        .and_then(lopdf::Object::as_array)
    else {
        return Vec::new();
    };
    fields
        .iter()
        .map(|f| {
            let w = doc.get_dictionary(f.as_reference().unwrap()).unwrap();
            String::from_utf8(w.get(b"T").unwrap().as_str().unwrap().to_vec()).unwrap()
        })
        .collect()
}

#[test]
fn pyhanko_signs_every_kind_and_the_signatures_are_intact() {
    let dir = tempfile::tempdir().unwrap();
    let electronic_a2b = IssuanceChoice {
        electronic: true,
        pdf_standard: Some(PdfStandard::A2b),
        separate_appendices: true,
    };
    let mut signed_kinds = std::collections::BTreeSet::new();
    let mut nd30_files = Vec::new();
    for yaml in examples() {
        for (choice, how) in [
            (IssuanceChoice::default(), "giay"),
            (electronic_a2b, "dien-tu"),
        ] {
            let mut seen_kinds = std::collections::BTreeSet::new();
            for issued in issue_all(&yaml, choice) {
                // One document of each kind per file and form is enough.
                if !seen_kinds.insert(issued.kind) {
                    continue;
                }
                let fields = empty_fields(&issued.pdf);
                let expected: &[&str] = match (issued.electronic, issued.kind) {
                    (false, _) => &[],
                    (true, "appendix") => &["CoQuanPhuLuc"],
                    (true, _) => &["NguoiKy", "CoQuan"],
                };
                assert_eq!(fields, expected, "{}: {}", yaml.display(), issued.stem);
                let name = format!("{how}-{}", issued.stem);
                let (signed, report) = sign(&issued.pdf, expected, dir.path(), &name);
                let signatures = report.lines().filter(|l| l.starts_with('{')).count();
                assert_eq!(signatures, expected.len().max(1), "{name}: {report}");
                assert!(report.contains("\"intact\": true"), "{report}");
                // Signing keeps what the file was: a PDF/A stays one.
                let standard = choice.pdf_standard.unwrap_or_default();
                let found: Vec<String> = problems(&signed, standard, issued.electronic)
                    .into_iter()
                    .filter(|p| !p.contains("signature field"))
                    .filter(|p| !p.contains("last startxref"))
                    .collect();
                assert!(found.is_empty(), "{name} signed: {found:?}");
                let path = dir.path().join(format!("{name}-da-ky.pdf"));
                nd30_files.push(path);
                signed_kinds.insert(issued.kind);
            }
        }
    }
    // The merged certificate file, PDF/A, signed as a whole.
    let certificates = root().join("plans/certificates/lai-chau-2027-dot-1.yaml");
    let merged = merged_certificates(
        &certificates,
        IssuanceChoice {
            pdf_standard: Some(PdfStandard::A2b),
            ..Default::default()
        },
    );
    let (_, report) = sign(&merged, &[], dir.path(), "giay-chung-nhan-gop");
    assert!(report.contains("\"intact\": true"), "{report}");
    assert_eq!(
        signed_kinds.into_iter().collect::<Vec<_>>(),
        crate::common::EVERY_KIND
    );
    // NĐ 30's rules still hold on every signed file.
    let paths: Vec<&Path> = nd30_files.iter().map(|p| p.as_path()).collect();
    let (ok, text) = python_tool(&tools(), "nd30check.py", &paths, &[]);
    let broken = text
        .lines()
        .any(|l| l.starts_with("FAIL") && !crate::common::checker_defect(l));
    assert!(ok || !broken, "{text}");
}

#[test]
fn the_signing_places_lie_where_nd30_puts_them() {
    let yaml = root().join("plans/lai-chau-2027.yaml");
    let choice = IssuanceChoice {
        electronic: true,
        separate_appendices: true,
        ..Default::default()
    };
    let options = ocop::load::LoadOptions {
        issuance: choice,
        ..Default::default()
    };
    let report = ocop::pipeline::prepare(session(), &yaml, &options, &[]);
    for doc in &report.documents {
        let markup = session().markup(doc).unwrap();
        let issued = session().issue(None, doc, markup, true).unwrap();
        let roles: Vec<ocop::sign::Role> = issued.places.iter().map(|p| p.role).collect();
        if let ocop::doc::Content::Appendix(_) = doc.content {
            assert_eq!(roles, [ocop::sign::Role::AppendixCorner]);
            // Top right of page 1, inside the margins.
            let p = issued.places[0];
            assert_eq!(p.page, 1);
            assert!(p.page_size[0] - p.rect[2] < 15.0 * 72.0 / 25.4 + 1.0);
            assert!(p.page_size[1] - p.rect[3] < 20.0 * 72.0 / 25.4 + 1.0);
            continue;
        }
        assert_eq!(
            roles,
            [ocop::sign::Role::Signer, ocop::sign::Role::Organisation],
            "{}",
            doc.file_stem
        );
        let [signer, seal] = [issued.places[0], issued.places[1]];
        assert_eq!(signer.page, seal.page);
        let width = signer.rect[2] - signer.rect[0];
        // The seal covers the left third of the signature, and no more.
        assert!(
            (seal.rect[2] - (signer.rect[0] + width / 3.0)).abs() < 0.5,
            "{signer:?} {seal:?}"
        );
        // The signature is centred on the signer's column, right of the page's middle.
        let centre = (signer.rect[0] + signer.rect[2]) / 2.0;
        assert!(centre > signer.page_size[0] / 2.0, "{signer:?}");
        // Between the title and the name: the text above and below the
        // signature's place is the title and the name.
        let text = page_text_around(&issued.pdf, signer);
        assert!(text.0.contains("CHỦ TỊCH"), "{}: {text:?}", doc.file_stem);
        assert!(
            text.1.contains("Hà Trọng Hải"),
            "{}: {text:?}",
            doc.file_stem
        );
    }
}

/// The text just above and just below `place` on its page (pdftotext's
/// crop box, in points from the top).
fn page_text_around(pdf: &[u8], place: ocop::sign::Place) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("p.pdf");
    std::fs::write(&file, pdf).unwrap();
    let h = place.page_size[1];
    let crop = |top: f64, height: f64| {
        let out = Command::new("pdftotext")
            .args(["-f", &place.page.to_string(), "-l", &place.page.to_string()])
            .args(["-x", &format!("{}", place.rect[0].floor() - 60.0)])
            .args(["-y", &format!("{}", top.floor())])
            .args(["-W", "260", "-H", &format!("{}", height.ceil())])
            .arg(&file)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let top = h - place.rect[3];
    let bottom = h - place.rect[1];
    (crop(top - 30.0, 30.0), crop(bottom, 30.0))
}

#[test]
fn electronic_markup_snapshots() {
    let yaml = root().join("plans/lai-chau-2027.yaml");
    let options = ocop::load::LoadOptions {
        issuance: IssuanceChoice {
            electronic: true,
            separate_appendices: true,
            ..Default::default()
        },
        ..Default::default()
    };
    let report = ocop::pipeline::prepare(session(), &yaml, &options, &[]);
    for stem in [
        "quyet-dinh-cong-nhan-dot-1",
        "quyet-dinh-cong-nhan-dot-1-phu-luc",
    ] {
        let doc = report
            .documents
            .iter()
            .find(|d| d.file_stem == stem)
            .unwrap();
        let markup = session().markup(doc).unwrap().source;
        insta::assert_snapshot!(format!("electronic-{stem}"), markup);
    }
}

#[test]
fn render_electronic_writes_sidecars_and_a_paper_run_removes_them() {
    let out = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let o = ocop()
            .args([
                "render",
                "plans/lai-chau-2027.yaml",
                "--only",
                "decision",
                "--out",
            ])
            .arg(out.path())
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        o
    };
    let o = run(&[
        "--electronic",
        "--pdf-standard",
        "a-2b",
        "--separate-appendices",
    ]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    // The number typed in the file is not printed, and the author is told.
    assert!(
        stderr.contains("văn bản điện tử") && stderr.contains("412"),
        "{stderr}"
    );
    let dir = out.path().join("lai-chau-2027");
    let sidecar = dir.join("quyet-dinh-cong-nhan-dot-1.ky-so.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sidecar).unwrap()).unwrap();
    assert_eq!(json["file"], "quyet-dinh-cong-nhan-dot-1.pdf");
    assert_eq!(json["places"][0]["field"], "NguoiKy");
    assert!(dir.join("quyet-dinh-cong-nhan-dot-1-phu-luc.pdf").is_file());
    assert!(
        dir.join("quyet-dinh-cong-nhan-dot-1-phu-luc.ky-so.json")
            .is_file()
    );
    // The council's decision was numbered 412 in the file: its header leaves
    // the number to the system (the results decision still cites it).
    let council = dir.join("quyet-dinh-thanh-lap-hoi-dong.pdf");
    let text = crate::common::pdf_text(&std::fs::read(council).unwrap());
    assert!(
        !text.contains("412"),
        "the number is left to the system:\n{text}"
    );
    // On paper again: the coordinates of the electronic files go with them.
    run(&[]);
    assert!(!sidecar.exists());
    assert!(!dir.join("quyet-dinh-cong-nhan-dot-1-phu-luc.pdf").exists());
    assert!(dir.join("quyet-dinh-cong-nhan-dot-1.pdf").is_file());
}

#[test]
fn a_pdfa_conformance_problem_is_said_in_vietnamese_and_nothing_is_written() {
    let templates = tempfile::tempdir().unwrap();
    // A template printing a character no loaded font has: PDF/A forbids
    // the empty glyph it would show.
    let plan = ocop::markup::BUILTIN_TEMPLATES
        .iter()
        .find(|(n, _)| *n == "plan.typ.tera")
        .unwrap()
        .1;
    std::fs::write(
        templates.path().join("plan.typ.tera"),
        format!("{plan}\n#text[\u{4E2D}]\n"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = ocop()
        .args([
            "render",
            "plans/lai-chau-2027.yaml",
            "--only",
            "plan",
            "--pdf-standard",
            "a-2b",
            "--templates",
        ])
        .arg(templates.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("không đạt chuẩn PDF/A-2b"), "{stderr}");
    assert!(
        stderr.contains("ke-hoach.pdf"),
        "names the document: {stderr}"
    );
    let written: Vec<_> = walkdir::WalkDir::new(out.path())
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .collect();
    assert!(written.is_empty(), "{written:?}");
}
