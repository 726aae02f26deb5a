//! `word/document.xml`: the composed document laid out as the PDF lays it
//! out (templates/nd30.typ), in WordprocessingML an office can edit: the
//! header and the signature row as borderless tables, rules as paragraph
//! borders sized to their text, numbering as typed text, one section per
//! appendix.

use std::fmt::Write as _;

use super::measure;
use super::parts::{BODY_STYLE, HEADER_EMPTY, HEADER_PAGE_NUMBER, R_NS, W_NS};
use super::table;
use super::xml::{Font, Jc, Para, Twips, eighths, mm, paragraph, pt, run, tab};
use crate::doc::{Administrative, Appendix, Block, Header, LeadStyle, Recipient, Signature};
use crate::nd30::layout;

// The NĐ 30 numbers (margins, sizes, spacing) are those the PDF uses: both
// read templates/nd30-layout.toml (`crate::nd30`).

/// A4.
const PAGE_W: Twips = 11906;
const PAGE_H: Twips = 16838;
const HEADER_DISTANCE: Twips = 567; // 10 mm, as in the decree's own Word files

/// The text block between the side margins: 165 mm portrait, 252 mm landscape.
fn text_w(landscape: bool) -> Twips {
    let page = &layout().page;
    let width = if landscape { PAGE_H } else { PAGE_W };
    width - mm(page.margin_left_mm) - mm(page.margin_right_mm)
}

/// `part` of `whole`, rounded down.
fn share(whole: Twips, part: f64) -> Twips {
    (f64::from(whole) * part) as Twips
}

/// Body text.
fn body() -> Font {
    Font::new(layout().text.body_pt)
}

/// The whole `word/document.xml` of a document issued on paper.
pub fn document_xml(doc: &Administrative) -> String {
    issued_document_xml(doc, false)
}

/// The whole `word/document.xml`; an `electronic` document's signature
/// block keeps room for the signature and seal images (as nd30.typ's).
pub fn issued_document_xml(doc: &Administrative, electronic: bool) -> String {
    let mut out = String::with_capacity(32 * 1024);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>"
    );
    // A công văn has no tên loại: its trích yếu goes under the number as "V/v …".
    let dispatch = doc.kind_name.is_empty();
    header(
        &mut out,
        &doc.header,
        dispatch.then_some(doc.subject.as_str()),
    );
    if dispatch {
        to(&mut out, &doc.to);
    } else {
        title(&mut out, &doc.kind_name, &doc.subject);
        // Mẫu 1.4 sent upwards (tờ trình, báo cáo) has Kính gửi too.
        if !doc.to.is_empty() {
            to(&mut out, &doc.to);
        }
    }
    let blocks: Vec<&Block> = doc.preamble.iter().chain(&doc.body).collect();
    // The last body lines travel with the signature: it never stands alone.
    let keep_from = blocks.len().saturating_sub(2);
    for (i, b) in blocks.iter().enumerate() {
        block(&mut out, b, i >= keep_from, text_w(false));
    }
    signature(&mut out, &doc.signature, electronic);

    let mut section = section_properties(false, false);
    for a in &doc.appendices {
        section_end(&mut out, Some(&section));
        appendix(&mut out, a);
        section = section_properties(a.landscape, true);
    }
    section_end(&mut out, None);
    out.push_str(&section);
    out.push_str("</w:body></w:document>");
    out
}

/// Page size, margins, headers (none on a section's first page) and, for an
/// appendix, page numbers restarting at 1.
fn section_properties(landscape: bool, restart: bool) -> String {
    let mut s = String::from("<w:sectPr>");
    let _ = write!(
        s,
        "<w:headerReference w:type=\"default\" r:id=\"{HEADER_PAGE_NUMBER}\"/>\
<w:headerReference w:type=\"first\" r:id=\"{HEADER_EMPTY}\"/><w:type w:val=\"nextPage\"/>"
    );
    let page = &layout().page;
    let (w, h, bottom, orient) = if landscape {
        (
            PAGE_H,
            PAGE_W,
            mm(page.landscape_margin_bottom_mm),
            " w:orient=\"landscape\"",
        )
    } else {
        (PAGE_W, PAGE_H, mm(page.margin_bottom_mm), "")
    };
    let (top, left, right) = (
        mm(page.margin_top_mm),
        mm(page.margin_left_mm),
        mm(page.margin_right_mm),
    );
    let _ = write!(
        s,
        "<w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>\
<w:pgMar w:top=\"{top}\" w:right=\"{right}\" w:bottom=\"{bottom}\" w:left=\"{left}\" \
w:header=\"{HEADER_DISTANCE}\" w:footer=\"{HEADER_DISTANCE}\" w:gutter=\"0\"/>"
    );
    if restart {
        s.push_str("<w:pgNumType w:start=\"1\"/>");
    }
    s.push_str("<w:titlePg/></w:sectPr>");
    s
}

/// A 1 pt empty paragraph closing a section (a table cannot end one); it
/// carries the section's properties unless it is the last.
fn section_end(out: &mut String, section: Option<&str>) {
    let p = Para {
        line_exact: Some(20),
        mark_size: Some(1.0),
        section: section.map(str::to_string),
        ..Para::lines(Jc::Left)
    };
    paragraph(out, &p, |_| {});
}

// ---------------------------------------------------------------- tables

struct Table<'a> {
    widths: &'a [Twips],
    /// Line stroke in eighths of a point, or none.
    lines: Option<u32>,
    /// Cell padding on all sides.
    padding: Twips,
}

impl Table<'_> {
    fn start(&self, out: &mut String) {
        let total: Twips = self.widths.iter().sum();
        let _ = write!(
            out,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblBorders>"
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            match self.lines {
                Some(sz) => {
                    let _ = write!(
                        out,
                        "<w:{side} w:val=\"single\" w:sz=\"{sz}\" w:space=\"0\" w:color=\"000000\"/>"
                    );
                }
                None => {
                    let _ = write!(out, "<w:{side} w:val=\"nil\"/>");
                }
            }
        }
        let p = self.padding;
        let _ = write!(
            out,
            "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:top w:w=\"{p}\" w:type=\"dxa\"/>\
<w:left w:w=\"{p}\" w:type=\"dxa\"/><w:bottom w:w=\"{p}\" w:type=\"dxa\"/><w:right w:w=\"{p}\" w:type=\"dxa\"/>\
</w:tblCellMar><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>"
        );
        for w in self.widths {
            let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
        }
        out.push_str("</w:tblGrid>");
    }

    fn end(&self, out: &mut String) {
        out.push_str("</w:tbl>");
    }
}

/// A table row; `header` repeats it on every page the table runs to.
fn row(out: &mut String, header: bool, cells: impl FnOnce(&mut String)) {
    out.push_str("<w:tr><w:trPr><w:cantSplit/>");
    if header {
        out.push_str("<w:tblHeader/>");
    }
    out.push_str("</w:trPr>");
    cells(out);
    out.push_str("</w:tr>");
}

/// A cell `span` grid columns wide; `body` must write at least one paragraph.
fn cell(out: &mut String, width: Twips, span: usize, middle: bool, body: impl FnOnce(&mut String)) {
    let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
    if span > 1 {
        let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
    }
    if middle {
        out.push_str("<w:vAlign w:val=\"center\"/>");
    }
    out.push_str("</w:tcPr>");
    body(out);
    out.push_str("</w:tc>");
}

/// Centred lines in a header or signature cell, optionally with space above.
fn lines(out: &mut String, text: &str, font: Font, before: Twips) {
    let p = Para {
        before: (before > 0).then_some(before),
        ..Para::lines(Jc::Center)
    };
    paragraph(out, &p, |o| run(o, text, font));
}

/// A solid rule `width` twips long, centred in a column `column` twips wide,
/// drawn as the bottom border of an empty 1 pt paragraph: it stays under
/// its text when lines are added above and prints in every client.
fn rule(out: &mut String, column: Twips, width: Twips, before: Twips, after: Twips) {
    let width = width.clamp(pt(6.0), column);
    let side = (column - width) / 2;
    let p = Para {
        rule: Some(eighths(layout().rule.stroke_pt)),
        before: Some(before),
        after: Some(after),
        line_exact: Some(20),
        left: Some(side),
        right: Some(column - width - side),
        first_line: Some(0),
        jc: Some(Jc::Center),
        mark_size: Some(1.0),
        keep_next: true,
        ..Para::default()
    };
    paragraph(out, &p, |_| {});
}

// ---------------------------------------------------------------- header

/// The blank a draft leaves for the number (14 mm at 13 pt) and the day or
/// month (9 mm at 14 pt), as spaces an office types over.
const NUMBER_BLANK: &str = "            ";
const DAY_BLANK: &str = "       ";

/// The two-column header (ô 1–4): issuer with its short rule and the number
/// (and a công văn's "V/v …") on the left; quốc hiệu, tiêu ngữ with a rule
/// as wide as its text, and the date line on the right.
fn header(out: &mut String, h: &Header, vv: Option<&str>) {
    let l = &layout().header;
    let left_w = share(text_w(false), l.issuer_column_percent / 100.0);
    let right_w = text_w(false) - left_w;
    let gap = pt(l.line_gap_pt);
    let widths = [left_w, right_w];
    let table = Table {
        widths: &widths,
        lines: None,
        padding: 0,
    };
    table.start(out);
    let issuer_font = Font::new(l.issuer_pt).bold();
    row(out, false, |out| {
        cell(out, left_w, 1, false, |out| {
            let mut above = 0;
            if let Some(parent) = &h.parent {
                lines(out, parent, Font::new(l.issuer_pt), 0);
                above = gap;
            }
            let issuer = h.issuer_lines.join("\n");
            lines(out, &issuer, issuer_font, above);
            let share = layout().rule.issuer_share;
            let width = measure::width(&issuer, l.issuer_pt, true) * share;
            rule(out, left_w, pt(width), gap, 0);
        });
        cell(out, right_w, 1, false, |out| {
            lines(
                out,
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                Font::new(l.national_pt).bold(),
                0,
            );
            let motto = "Độc lập - Tự do - Hạnh phúc";
            lines(out, motto, Font::new(l.motto_pt).bold(), gap);
            let width = measure::width(motto, l.motto_pt, true);
            rule(out, right_w, pt(width), gap, 0);
        });
    });
    let row_gap = pt(l.row_gap_pt);
    row(out, false, |out| {
        cell(out, left_w, 1, false, |out| {
            let number = h.number.as_deref().unwrap_or(NUMBER_BLANK);
            let text = format!("Số: {number}/{}", h.symbol);
            lines(out, &text, Font::new(l.number_pt), row_gap);
            if let Some(vv) = vv {
                let font = Font::new(l.dispatch_subject_pt);
                lines(out, &format!("V/v {vv}"), font, row_gap);
            }
        });
        cell(out, right_w, 1, false, |out| {
            let day = h.day.as_deref().unwrap_or(DAY_BLANK);
            let month = h.month.as_deref().unwrap_or(DAY_BLANK);
            let text = format!("{}, ngày {day} tháng {month} năm {}", h.place, h.year);
            lines(out, &text, Font::new(l.date_pt).italic(), row_gap);
        });
    });
    table.end(out);
}

/// Tên loại and trích yếu, centred and bold, with a rule 0.4 of the trích
/// yếu's width (at most the text block's) under them.
fn title(out: &mut String, kind: &str, subject: &str) {
    let l = &layout().title;
    let p = Para {
        before: Some(pt(l.above_pt)),
        keep_next: true,
        ..Para::lines(Jc::Center)
    };
    paragraph(out, &p, |o| run(o, kind, body().bold()));
    let p = Para {
        before: Some(pt(l.line_gap_pt)),
        keep_next: true,
        ..Para::lines(Jc::Center)
    };
    paragraph(out, &p, |o| run(o, subject, body().bold()));
    let size = layout().text.body_pt;
    let subject_w = pt(measure::width(subject, size, true)).min(text_w(false));
    let width = share(subject_w, layout().rule.title_share);
    rule(
        out,
        text_w(false),
        width,
        pt(l.rule_above_pt),
        pt(l.below_pt),
    );
}

/// Kính gửi (ô 9a), 20 mm from the margin: one addressee on the same line;
/// several as dash lines whose dashes line up after the colon.
fn to(out: &mut String, addressees: &[String]) {
    let l = &layout().addressees;
    let indent = mm(l.indent_mm);
    let (above, below) = (pt(l.above_pt), pt(l.below_pt));
    let label = "Kính gửi:";
    if addressees.len() == 1 {
        let p = Para {
            before: Some(above),
            after: Some(below),
            left: Some(indent),
            ..Para::lines(Jc::Left)
        };
        paragraph(out, &p, |o| {
            run(o, label, body());
            run(o, " ", body());
            run(o, &addressees[0], body());
        });
        return;
    }
    let size = layout().text.body_pt;
    let list = indent + pt(measure::width(label, size, false) + 0.3 * size);
    if addressees.is_empty() {
        let p = Para {
            before: Some(above),
            after: Some(below),
            left: Some(indent),
            ..Para::lines(Jc::Left)
        };
        paragraph(out, &p, |o| run(o, label, body()));
        return;
    }
    let last = addressees.len() - 1;
    for (i, a) in addressees.iter().enumerate() {
        let p = Para {
            before: Some(if i == 0 { above } else { 0 }),
            after: Some(if i == last { below } else { pt(l.line_gap_pt) }),
            left: Some(list),
            first_line: Some(if i == 0 { indent - list } else { 0 }),
            tab: (i == 0).then_some(list),
            jc: Some(Jc::Left),
            ..Para::default()
        };
        paragraph(out, &p, |o| {
            if i == 0 {
                run(o, label, body());
                tab(o, body());
            }
            run(o, &format!("- {a}"), body());
        });
    }
}

// ---------------------------------------------------------------- body

/// One body block; `keep_next` holds it on the page of what follows; a
/// table is `text_w` wide.
fn block(out: &mut String, b: &Block, keep_next: bool, text_w: Twips) {
    match b {
        Block::Table(t) => {
            table::table(out, t, text_w);
            // Two tables in a row would join into one: a paragraph parts
            // them (and the table from the signature row after it).
            let p = Para {
                line_exact: Some(20),
                mark_size: Some(1.0),
                after: Some(pt(6.0)),
                ..Para::lines(Jc::Left)
            };
            paragraph(out, &p, |_| {});
        }
        Block::Heading { label, title, bold } => {
            let p = Para {
                style: Some(BODY_STYLE),
                keep_next: true,
                ..Para::default()
            };
            let text = if label.is_empty() {
                title.clone()
            } else {
                format!("{label} {title}")
            };
            paragraph(out, &p, |o| run(o, &text, body().with_bold(*bold)));
        }
        Block::Centered { text, bold } => {
            let p = Para {
                before: Some(pt(4.0)),
                after: Some(pt(10.0)),
                keep_next: true,
                ..Para::lines(Jc::Center)
            };
            paragraph(out, &p, |o| run(o, text, body().with_bold(*bold)));
        }
        Block::Para {
            marker,
            lead,
            lead_style,
            text,
            italic,
        } => {
            let p = Para {
                style: Some(BODY_STYLE),
                keep_next,
                ..Para::default()
            };
            paragraph(out, &p, |o| {
                if let Some(m) = marker {
                    run(o, &format!("{m} "), body());
                }
                if let Some(l) = lead {
                    let font = match lead_style {
                        LeadStyle::Plain => body(),
                        LeadStyle::Bold => body().bold(),
                        LeadStyle::Italic => body().italic(),
                        LeadStyle::BoldItalic => body().bold().italic(),
                    };
                    run(o, l, font);
                    if !text.is_empty() {
                        run(o, " ", body());
                    }
                }
                run(o, text, body().with_italic(*italic));
            });
        }
    }
}

/// Nơi nhận (ô 9b): its title level with the signer's first line, each
/// recipient a hanging line, the groups with their brace and shared note,
/// then "Lưu".
fn recipients(out: &mut String, s: &Signature, above: Twips) {
    let l = &layout().signature;
    let p = Para {
        before: Some(above),
        after: Some(pt(1.0)),
        ..Para::lines(Jc::Left)
    };
    paragraph(out, &p, |o| {
        run(
            o,
            "Nơi nhận:",
            Font::new(l.recipients_title_pt).bold().italic(),
        )
    });
    let list = Para {
        after: Some(pt(1.0)),
        left: Some(pt(7.0)),
        first_line: Some(-pt(7.0)),
        jc: Some(Jc::Left),
        ..Para::default()
    };
    let small = Font::new(l.recipients_pt);
    for r in &s.recipients {
        match r {
            Recipient::Line { text, note, end } => paragraph(out, &list, |o| {
                run(o, &format!("- {text}"), small);
                if let Some(n) = note {
                    run(o, " ", small);
                    run(o, &format!("({n})"), small.italic());
                    run(o, end, small);
                }
            }),
            // The lines, the last one followed by the brace and the
            // shared note.
            Recipient::Group { lines, note } => {
                let last = lines.len().saturating_sub(1);
                for (i, l) in lines.iter().enumerate() {
                    paragraph(out, &list, |o| {
                        run(o, &format!("- {l}"), small);
                        if i == last {
                            run(o, " } ", small);
                            run(o, &format!("({note})"), small.italic());
                        }
                    });
                }
            }
        }
    }
    paragraph(out, &list, |o| {
        run(o, &format!("- Lưu: {}", s.archive), small)
    });
}

/// The signature row (ô 9b, 7a–7c): Nơi nhận on the left, level with the
/// first line of the signer block; one row that never splits.
fn signature(out: &mut String, s: &Signature, electronic: bool) {
    let l = &layout().signature;
    let left_w = share(text_w(false), l.recipients_column_percent / 100.0);
    let right_w = text_w(false) - left_w;
    let widths = [left_w, right_w];
    let table = Table {
        widths: &widths,
        lines: None,
        padding: 0,
    };
    let above = pt(8.0);
    table.start(out);
    row(out, false, |out| {
        cell(out, left_w, 1, false, |out| recipients(out, s, above));
        cell(out, right_w, 1, false, |out| {
            // 1.1 lines: the signer's lines step against the Nơi nhận list
            // (11 pt lines, 1 pt apart) in the proportions of the PDF.
            let p = Para {
                before: Some(above),
                line: Some(264),
                ..Para::lines(Jc::Center)
            };
            if electronic {
                e_authority(out, &s.authority, &p, right_w);
                lines(
                    out,
                    &s.name,
                    body().bold(),
                    mm(layout().electronic.space_mm),
                );
            } else {
                paragraph(out, &p, |o| run(o, &s.authority.join("\n"), body().bold()));
                lines(out, &s.name, body().bold(), mm(l.space_mm));
            }
        });
    });
    table.end(out);
}

/// The authority and title lines of an electronic document, each kept on
/// its line for the e-office tools that search for it: body size, or 13 pt
/// where that does not fit the column `width` (nd30.typ `nd30-one-line`).
fn e_authority(out: &mut String, authority: &[String], first: &Para, width: Twips) {
    for (i, line) in authority.iter().enumerate() {
        let fits = |size: f64| measure::width(line, size, true) * 20.0 <= f64::from(width);
        let font = if fits(body().size) {
            body()
        } else {
            Font::new(13.0)
        };
        let p = if i == 0 {
            first.clone()
        } else {
            Para {
                before: None,
                ..first.clone()
            }
        };
        paragraph(out, &p, |o| run(o, line, font.bold()));
    }
}

// ---------------------------------------------------------------- appendix

/// The whole `word/document.xml` of an appendix written in a file of its
/// own; an `electronic` one keeps the top of its first page clear for the
/// organisation's signature in the right corner.
pub fn appendix_document_xml(a: &Appendix, electronic: bool) -> String {
    let mut out = String::with_capacity(16 * 1024);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>"
    );
    if electronic {
        let corner = Para {
            line_exact: Some(mm(layout().electronic.corner_height_mm)),
            mark_size: Some(1.0),
            ..Para::lines(Jc::Right)
        };
        paragraph(&mut out, &corner, |_| {});
    }
    appendix(&mut out, a);
    section_end(&mut out, None);
    out.push_str(&section_properties(a.landscape, false));
    out.push_str("</w:body></w:document>");
    out
}

/// An appendix (Mẫu 2.1) in its own section: the heading block "Phụ lục" /
/// TITLE / (Kèm theo …) / rule, then its text and tables.
fn appendix(out: &mut String, a: &Appendix) {
    let l = &layout().appendix;
    let text_w = text_w(a.landscape);
    let heading = |out: &mut String, text: &str, font: Font, before: Twips| {
        let p = Para {
            before: Some(before),
            keep_next: true,
            ..Para::lines(Jc::Center)
        };
        paragraph(out, &p, |o| run(o, text, font));
    };
    heading(out, &a.label, body().bold(), 0);
    let gap = pt(l.heading_line_gap_pt);
    heading(out, &a.title, body().bold(), gap);
    heading(out, &a.reference.to_string(), body().italic(), gap);
    let (above, below) = (pt(l.rule_above_pt), pt(l.rule_below_pt));
    rule(out, text_w, mm(l.rule_mm), above, below);
    for b in &a.body {
        block(out, b, false, text_w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_block_is_165_by_252_mm() {
        assert_eq!(text_w(false), 9355);
        assert_eq!(text_w(true), 14287);
    }

    #[test]
    fn section_properties_landscape_restart() {
        let s = section_properties(true, true);
        assert!(s.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"));
        assert!(s.contains("w:bottom=\"850\""));
        assert!(s.contains("<w:pgNumType w:start=\"1\"/><w:titlePg/>"));
        let s = section_properties(false, false);
        assert!(s.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
        assert!(s.contains("w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""));
        assert!(!s.contains("pgNumType"));
        assert!(s.contains("<w:titlePg/>"));
    }

    #[test]
    fn rule_centred_and_sized() {
        let mut out = String::new();
        rule(&mut out, 1000, 400, 60, 0);
        assert!(out.contains("<w:pBdr><w:bottom w:val=\"single\" w:sz=\"5\""));
        assert!(out.contains("w:left=\"300\" w:right=\"300\""));
    }
}
