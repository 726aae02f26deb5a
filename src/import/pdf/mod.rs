//! PDF read directly from its text layer, as the page shows it. The
//! content streams are walked on lopdf (already the project's PDF
//! library) by `glyphs`: no maintained pure-Rust crate gives each
//! character's position together with its font's weight, which is what
//! tells a heading, the two-column header and the signature block apart.
//! `lines` gathers glyphs into lines and words and sets running heads
//! and page numbers aside; `layout` makes paragraphs and table cells.
//! A scanned PDF (images, no text) gets a clear message.

mod glyphs;
mod layout;
mod lines;

use super::para::{Para, Place};
use super::source::{Problem, problem};

/// Bounds on the work one PDF may cost.
pub struct Limits {
    /// Largest stream once decompressed.
    pub stream_bytes: usize,
    /// Most drawing operations on one page.
    pub operations: usize,
    /// Most glyphs kept on one page.
    pub glyphs: usize,
}

const LIMITS: Limits = Limits {
    stream_bytes: 64 << 20,
    operations: 2_000_000,
    glyphs: 200_000,
};

/// Most pages read.
const MAX_PAGES: usize = 2_000;

const RESAVE: &str = "mở bản gốc (.docx) nếu có, hoặc in lại ra PDF từ Word hay LibreOffice";

/// The paragraphs of the PDF held in `bytes`.
pub fn paragraphs(bytes: &[u8]) -> Result<Vec<Para>, Problem> {
    let options = lopdf::LoadOptions {
        max_decompressed_size: Some(LIMITS.stream_bytes),
        ..lopdf::LoadOptions::default()
    };
    let doc = lopdf::Document::load_mem_with_options(bytes, options)
        .map_err(|_| problem("tệp PDF hỏng, không đọc được cấu trúc của nó", RESAVE))?;
    if doc.is_encrypted() {
        return Err(problem(
            "tệp PDF được đặt mật khẩu, không đọc được chữ",
            "mở bằng trình đọc PDF có mật khẩu, in ra PDF mới không mật khẩu rồi nhập lại",
        ));
    }
    let pages = doc.get_pages();
    if pages.len() > MAX_PAGES {
        return Err(problem(
            format!("tệp PDF có hơn {MAX_PAGES} trang: không phải một văn bản"),
            "tách riêng văn bản cần nhập ra một tệp PDF",
        ));
    }
    let mapped = glyphs::unicode_first(&doc);
    let mut walker = glyphs::Walker::new(&doc, &mapped, &LIMITS);
    let mut all_lines = Vec::new();
    let mut page_rules = Vec::new();
    let mut sizes = Vec::new();
    let (mut images, mut shown) = (0, 0);
    for (n, (_, &id)) in pages.iter().enumerate() {
        walker.read_page(id).map_err(|why| {
            problem(
                format!("tệp PDF bất thường ở trang {}: {why}", n + 1),
                RESAVE,
            )
        })?;
        let page = std::mem::take(&mut walker.page);
        images += page.images;
        shown += page.glyphs.len();
        sizes.push((page.width, page.height));
        page_rules.push(page.rules);
        all_lines.push(lines::page_lines(n, page.height, page.glyphs));
    }
    if shown == 0 {
        return Err(if images > 0 {
            problem(
                "PDF chỉ có ảnh quét, không có lớp chữ: ocop không đọc được chữ trong ảnh",
                "dùng bản gốc (.docx) nếu có; hoặc nhận dạng chữ (OCR) bằng phần mềm quét rồi lưu thành .docx",
            )
        } else {
            problem("tệp PDF không có chữ nào", RESAVE)
        });
    }
    let text: String = all_lines
        .iter()
        .flatten()
        .take(200)
        .map(lines::Line::text)
        .collect::<Vec<_>>()
        .join("\n");
    if let Some(enc) = crate::text::detect_legacy(&text) {
        return Err(problem(
            format!("chữ trong PDF gõ bằng bảng mã cũ {}", enc.name()),
            "mở bản gốc, chuyển sang Unicode (Unikey: Công cụ chuyển mã), in lại ra PDF hoặc lưu .docx",
        ));
    }
    let heights: Vec<f32> = sizes.iter().map(|s| s.1).collect();
    lines::drop_furniture(&mut all_lines, &heights);
    Ok(read_regions(all_lines, &page_rules, &sizes))
}

/// Paragraphs of every page: flows joined across page breaks, grids as
/// table cells numbered in document order.
fn read_regions(
    pages: Vec<Vec<lines::Line>>,
    rules: &[Vec<glyphs::Rule>],
    sizes: &[(f32, f32)],
) -> Vec<Para> {
    // Margins per page size: an appendix in landscape has its own.
    let width = |page: usize| sizes.get(page).map_or(0, |s| s.0.round() as i32);
    let mut by_width: Vec<(i32, layout::Margins)> = Vec::new();
    for w in sizes.iter().map(|s| s.0.round() as i32) {
        if by_width.iter().all(|(x, _)| *x != w) {
            let lines: Vec<&lines::Line> = pages
                .iter()
                .flatten()
                .filter(|l| width(l.page) == w)
                .collect();
            by_width.push((w, layout::Margins::of(&lines)));
        }
    }
    let margins = |page: usize| {
        by_width.iter().find(|(w, _)| *w == width(page)).map_or(
            layout::Margins {
                left: 0.0,
                right: 595.0,
            },
            |(_, m)| *m,
        )
    };
    let all: Vec<&lines::Line> = pages.iter().flatten().collect();
    let pitch = layout::line_pitch(&all);
    let mut out = Vec::new();
    let mut flow: Vec<lines::Line> = Vec::new();
    let mut tables = 0;
    for (n, page) in pages.into_iter().enumerate() {
        let rules = rules.get(n).map_or(&[][..], Vec::as_slice);
        let height = sizes.get(n).map_or(842.0, |s| s.1);
        for region in layout::regions(page, rules, height, &margins(n)) {
            match region {
                layout::Region::Flow(lines) => flow.extend(lines),
                layout::Region::Grid(cells, xs) => {
                    layout::flow_paragraphs(&flow, &margins, pitch, &mut out);
                    flow.clear();
                    for (row, col, lines) in cells {
                        // In twentieths of a point, as a .docx grid.
                        let width = xs
                            .get(col + 1)
                            .zip(xs.get(col))
                            .map(|(b, a)| ((b - a) * 20.0).round() as u32);
                        let place = Place {
                            table: Some(tables),
                            col,
                            row,
                            col_width: width,
                        };
                        out.push(layout::cell_paragraph(&lines, place));
                    }
                    tables += 1;
                }
            }
        }
    }
    layout::flow_paragraphs(&flow, &margins, pitch, &mut out);
    out.retain(|p| !p.text().is_empty());
    out
}
