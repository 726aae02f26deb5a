//! `word/document.xml`: the composed document laid out as the PDF lays it
//! out (templates/nd30.typ), in WordprocessingML an office can edit: the
//! header and the signature row as borderless tables, rules as paragraph
//! borders sized to their text, numbering as typed text, one section per
//! appendix.

use std::fmt::Write as _;

use super::measure;
use super::parts::{BODY_STYLE, HEADER_EMPTY, HEADER_PAGE_NUMBER, R_NS, W_NS};
use super::table;
use super::xml::{Font, Jc, Para, Twips, mm, paragraph, pt, run, tab};
use crate::doc::{Administrative, Appendix, Block, Header, LeadStyle, Recipient, Signature};

// A4 and the NĐ 30 margins the PDF uses (nd30.typ `nd30-document`).
const PAGE_W: Twips = 11906;
const PAGE_H: Twips = 16838;
const MARGIN_TOP: Twips = 1134; // 20 mm
const MARGIN_BOTTOM: Twips = 1134; // 20 mm
const MARGIN_BOTTOM_LANDSCAPE: Twips = 850; // 15 mm
const MARGIN_LEFT: Twips = 1701; // 30 mm
const MARGIN_RIGHT: Twips = 850; // 15 mm
const HEADER_DISTANCE: Twips = 567; // 10 mm, as in the decree's own Word files
/// The text block: 165 mm portrait, 252 mm landscape.
const TEXT_W: Twips = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
const TEXT_W_LANDSCAPE: Twips = PAGE_H - MARGIN_LEFT - MARGIN_RIGHT;

/// Stroke of the rules, eighths of a point (0.6 pt as in the PDF).
const RULE: u32 = 5;

const BODY: Font = Font::new(14.0);

/// The whole `word/document.xml`.
pub fn document_xml(doc: &Administrative) -> String {
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
    }
    let blocks: Vec<&Block> = doc.preamble.iter().chain(&doc.body).collect();
    // The last body lines travel with the signature: it never stands alone.
    let keep_from = blocks.len().saturating_sub(2);
    for (i, b) in blocks.iter().enumerate() {
        block(&mut out, b, i >= keep_from, TEXT_W);
    }
    signature(&mut out, &doc.signature);

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
    let (w, h, bottom, orient) = if landscape {
        (
            PAGE_H,
            PAGE_W,
            MARGIN_BOTTOM_LANDSCAPE,
            " w:orient=\"landscape\"",
        )
    } else {
        (PAGE_W, PAGE_H, MARGIN_BOTTOM, "")
    };
    let _ = write!(
        s,
        "<w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>\
<w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{bottom}\" w:left=\"{MARGIN_LEFT}\" \
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
        rule: Some(RULE),
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
    let left_w = TEXT_W * 42 / 100;
    let right_w = TEXT_W - left_w;
    let widths = [left_w, right_w];
    let table = Table {
        widths: &widths,
        lines: None,
        padding: 0,
    };
    table.start(out);
    let issuer_font = Font::new(13.0).bold();
    row(out, false, |out| {
        cell(out, left_w, 1, false, |out| {
            let mut gap = 0;
            if let Some(parent) = &h.parent {
                lines(out, parent, Font::new(13.0), 0);
                gap = pt(3.0);
            }
            let issuer = h.issuer_lines.join("\n");
            lines(out, &issuer, issuer_font, gap);
            let width = measure::width(&issuer, 13.0, true) * 0.4;
            rule(out, left_w, pt(width), pt(3.0), 0);
        });
        cell(out, right_w, 1, false, |out| {
            lines(
                out,
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                Font::new(13.0).bold(),
                0,
            );
            let motto = "Độc lập - Tự do - Hạnh phúc";
            lines(out, motto, BODY.bold(), pt(3.0));
            let width = measure::width(motto, 14.0, true);
            rule(out, right_w, pt(width), pt(3.0), 0);
        });
    });
    row(out, false, |out| {
        cell(out, left_w, 1, false, |out| {
            let number = h.number.as_deref().unwrap_or(NUMBER_BLANK);
            let text = format!("Số: {number}/{}", h.symbol);
            lines(out, &text, Font::new(13.0), pt(6.0));
            if let Some(vv) = vv {
                lines(out, &format!("V/v {vv}"), Font::new(12.0), pt(6.0));
            }
        });
        cell(out, right_w, 1, false, |out| {
            let day = h.day.as_deref().unwrap_or(DAY_BLANK);
            let month = h.month.as_deref().unwrap_or(DAY_BLANK);
            let text = format!("{}, ngày {day} tháng {month} năm {}", h.place, h.year);
            lines(out, &text, BODY.italic(), pt(6.0));
        });
    });
    table.end(out);
}

/// Tên loại and trích yếu, centred and bold, with a rule 0.4 of the trích
/// yếu's width (at most the text block's) under them.
fn title(out: &mut String, kind: &str, subject: &str) {
    let p = Para {
        before: Some(pt(20.0)),
        keep_next: true,
        ..Para::lines(Jc::Center)
    };
    paragraph(out, &p, |o| run(o, kind, BODY.bold()));
    let p = Para {
        before: Some(pt(2.0)),
        keep_next: true,
        ..Para::lines(Jc::Center)
    };
    paragraph(out, &p, |o| run(o, subject, BODY.bold()));
    let width = pt(measure::width(subject, 14.0, true)).min(TEXT_W) * 2 / 5;
    rule(out, TEXT_W, width, pt(6.0), pt(16.0));
}

/// Kính gửi (ô 9a), 20 mm from the margin: one addressee on the same line;
/// several as dash lines whose dashes line up after the colon.
fn to(out: &mut String, addressees: &[String]) {
    let indent = mm(20.0);
    let label = "Kính gửi:";
    if addressees.len() == 1 {
        let p = Para {
            before: Some(pt(18.0)),
            after: Some(pt(12.0)),
            left: Some(indent),
            ..Para::lines(Jc::Left)
        };
        paragraph(out, &p, |o| {
            run(o, label, BODY);
            run(o, " ", BODY);
            run(o, &addressees[0], BODY);
        });
        return;
    }
    let list = indent + pt(measure::width(label, 14.0, false) + 0.3 * 14.0);
    if addressees.is_empty() {
        let p = Para {
            before: Some(pt(18.0)),
            after: Some(pt(12.0)),
            left: Some(indent),
            ..Para::lines(Jc::Left)
        };
        paragraph(out, &p, |o| run(o, label, BODY));
        return;
    }
    let last = addressees.len() - 1;
    for (i, a) in addressees.iter().enumerate() {
        let p = Para {
            before: Some(if i == 0 { pt(18.0) } else { 0 }),
            after: Some(if i == last { pt(12.0) } else { pt(4.0) }),
            left: Some(list),
            first_line: Some(if i == 0 { indent - list } else { 0 }),
            tab: (i == 0).then_some(list),
            jc: Some(Jc::Left),
            ..Para::default()
        };
        paragraph(out, &p, |o| {
            if i == 0 {
                run(o, label, BODY);
                tab(o, BODY);
            }
            run(o, &format!("- {a}"), BODY);
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
            paragraph(out, &p, |o| run(o, &text, BODY.with_bold(*bold)));
        }
        Block::Centered { text, bold } => {
            let p = Para {
                before: Some(pt(4.0)),
                after: Some(pt(10.0)),
                keep_next: true,
                ..Para::lines(Jc::Center)
            };
            paragraph(out, &p, |o| run(o, text, BODY.with_bold(*bold)));
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
                    run(o, &format!("{m} "), BODY);
                }
                if let Some(l) = lead {
                    let font = match lead_style {
                        LeadStyle::Plain => BODY,
                        LeadStyle::Bold => BODY.bold(),
                        LeadStyle::Italic => BODY.italic(),
                        LeadStyle::BoldItalic => BODY.bold().italic(),
                    };
                    run(o, l, font);
                    if !text.is_empty() {
                        run(o, " ", BODY);
                    }
                }
                run(o, text, BODY.with_italic(*italic));
            });
        }
    }
}

/// The signature row (ô 9b, 7a–7c): Nơi nhận on the left, level with the
/// first line of the signer block; one row that never splits.
fn signature(out: &mut String, s: &Signature) {
    let left_w = TEXT_W * 38 / 100;
    let right_w = TEXT_W - left_w;
    let widths = [left_w, right_w];
    let table = Table {
        widths: &widths,
        lines: None,
        padding: 0,
    };
    let above = pt(8.0);
    table.start(out);
    row(out, false, |out| {
        cell(out, left_w, 1, false, |out| {
            let p = Para {
                before: Some(above),
                after: Some(pt(1.0)),
                ..Para::lines(Jc::Left)
            };
            paragraph(out, &p, |o| {
                run(o, "Nơi nhận:", Font::new(12.0).bold().italic())
            });
            let list = Para {
                after: Some(pt(1.0)),
                left: Some(pt(7.0)),
                first_line: Some(-pt(7.0)),
                jc: Some(Jc::Left),
                ..Para::default()
            };
            let small = Font::new(11.0);
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
        });
        cell(out, right_w, 1, false, |out| {
            // 1.1 lines: the signer's lines step against the Nơi nhận list
            // (11 pt lines, 1 pt apart) in the proportions of the PDF.
            let p = Para {
                before: Some(above),
                line: Some(264),
                ..Para::lines(Jc::Center)
            };
            paragraph(out, &p, |o| run(o, &s.authority.join("\n"), BODY.bold()));
            lines(out, &s.name, BODY.bold(), mm(28.0));
        });
    });
    table.end(out);
}

// ---------------------------------------------------------------- appendix

/// An appendix (Mẫu 2.1) in its own section: the heading block "Phụ lục" /
/// TITLE / (Kèm theo …) / rule, then its text and tables.
fn appendix(out: &mut String, a: &Appendix) {
    let text_w = if a.landscape {
        TEXT_W_LANDSCAPE
    } else {
        TEXT_W
    };
    let heading = |out: &mut String, text: &str, font: Font, before: Twips| {
        let p = Para {
            before: Some(before),
            keep_next: true,
            ..Para::lines(Jc::Center)
        };
        paragraph(out, &p, |o| run(o, text, font));
    };
    heading(out, &a.label, BODY.bold(), 0);
    heading(out, &a.title, BODY.bold(), pt(3.0));
    heading(out, &a.reference, BODY.italic(), pt(3.0));
    rule(out, text_w, mm(35.0), pt(6.0), pt(10.0));
    for b in &a.body {
        block(out, b, false, text_w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_block_is_165_by_252_mm() {
        assert_eq!(TEXT_W, 9355);
        assert_eq!(TEXT_W_LANDSCAPE, 14287);
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
