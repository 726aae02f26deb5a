//! Plain text as it comes out of a PDF or a converter: what copying added
//! is taken out first (`copied`: page numbers, running heads, words
//! hyphenated at line ends, columns laid side by side), wrapped lines are
//! joined back into paragraphs, and Markdown emphasis (`**bold**`,
//! `*italic*`, `#` headings, `<sub>`), which some converters leave,
//! becomes the paragraph's emphasis.

use super::para::{Para, Place, all_caps, squeeze, starts_lower};
use super::recognise::labels::is_appendix_title;

/// One line of the file with its emphasis read.
#[derive(Debug, Default)]
struct Line {
    text: String,
    /// A blank line stood before it.
    after_blank: bool,
    bold: bool,
    italic: bool,
    bold_lead: Option<String>,
    italic_parts: Vec<String>,
    /// A table's cell (table, row, column), from text laid out as on the
    /// page.
    cell: Option<(usize, usize, usize)>,
}

/// The paragraphs of a plain-text document.
pub fn paragraphs(text: &str) -> Vec<Para> {
    let text = crate::text::normalise(text.trim_start_matches('\u{feff}'));
    let text = text.replace('\u{a0}', " ");
    let mut lines = Vec::new();
    let mut blank = true;
    let mut bold_open = false;
    for raw in super::copied::clean(&text) {
        if raw.text.trim().is_empty() {
            blank = true;
            continue;
        }
        let mut line = read_marks(&raw.text, &mut bold_open);
        line.cell = raw.cell;
        if line.text.is_empty() {
            blank = true;
            continue;
        }
        line.after_blank = blank;
        blank = false;
        lines.push(line);
    }
    // An appendix's table (cells on lines of their own) says nothing of
    // how the text flows.
    let text_end = lines
        .iter()
        .position(|l| is_appendix_title(&l.text))
        .unwrap_or(lines.len());
    // Nor do the cells of a table read from its text.
    let prose: Vec<&Line> = lines[..text_end]
        .iter()
        .filter(|l| l.cell.is_none())
        .collect();
    let flow = is_flow(&prose);
    let line_paragraphs = lines.iter().filter(|l| l.after_blank).count() * 5 < lines.len();
    let width = typical_width(&lines);
    let mut out: Vec<Para> = Vec::new();
    let mut prev: Option<&Line> = None;
    for line in &lines {
        if let Some((table, row, col)) = line.cell {
            out.push(Para {
                lines: vec![line.text.clone()],
                place: Place {
                    table: Some(table),
                    row,
                    col,
                    col_width: None,
                },
                ..Para::default()
            });
            prev = None;
            continue;
        }
        let new = match (prev, out.last()) {
            (Some(p), Some(open)) => {
                starts_paragraph(p, line, (flow, line_paragraphs), width, &open.lines[0])
            }
            _ => true,
        };
        if !new
            && let (Some(p), Some(last)) = (prev, out.last_mut())
            && header_fragment(&p.text, &line.text)
        {
            // "Số:" | "/KH-UBND", "Lai Châu, ngày" | "tháng 01 năm 2027":
            // a draft's blank number or day split the line.
            go_on(&mut last.lines, &line.text);
            prev = Some(line);
            continue;
        }
        if new {
            out.push(Para {
                lines: vec![line.text.clone()],
                bold: line.bold,
                italic: line.italic,
                bold_lead: line.bold_lead.clone(),
                italic_parts: line.italic_parts.clone(),
                ..Para::default()
            });
        } else if let Some(last) = out.last_mut() {
            if flow || line.after_blank {
                // A wrapped line (or a paragraph split by a page break).
                go_on(&mut last.lines, &line.text);
            } else {
                last.lines.push(line.text.clone());
            }
            last.bold &= line.bold;
            last.italic &= line.italic;
            last.italic_parts.extend(line.italic_parts.iter().cloned());
        }
        prev = Some(line);
    }
    out
}

/// `next`, a line read (squeezed, not empty), goes on the paragraph's last
/// line after one space, in place: a paragraph of thousands of wrapped
/// lines is joined in time linear in its length, not copied at each line.
fn go_on(lines: &mut Vec<String>, next: &str) {
    match lines.last_mut() {
        Some(last) if !last.is_empty() => {
            last.push(' ');
            last.push_str(next);
        }
        Some(last) => last.push_str(next),
        None => lines.push(next.to_string()),
    }
}

/// Blank lines mean nothing when the text was copied out of a PDF with a
/// blank line after every line: many lines that continue a sentence (start
/// in lower case) then follow a blank line.
fn is_flow(lines: &[&Line]) -> bool {
    let continued = lines
        .iter()
        .filter(|l| l.after_blank && starts_lower(&l.text) && !opens_item(&l.text))
        .count();
    // Text copied out of a PDF without blank lines: lines that go on with
    // a sentence in lower case, and few blank lines.
    let wrapped = lines
        .iter()
        .filter(|l| !l.after_blank && starts_lower(&l.text) && !opens_item(&l.text))
        .count();
    let joined = lines.iter().filter(|l| !l.after_blank).count();
    continued >= 3 && continued * 10 >= lines.len()
        || wrapped >= 2 && wrapped * 20 >= lines.len() && joined * 2 > lines.len()
        || lines.iter().filter(|l| !l.after_blank).count() * 3 > lines.len() * 2
            && lines.len() > 20
            && lines
                .iter()
                .filter(|l| l.text.chars().count() > 120)
                .count()
                * 10
                < lines.len()
}

/// The length of a full line: the 90th percentile of line lengths.
fn typical_width(lines: &[Line]) -> usize {
    // A table's cells say nothing of the text's width.
    let mut widths: Vec<usize> = lines
        .iter()
        .filter(|l| l.cell.is_none())
        .map(|l| l.text.chars().count())
        .collect();
    if widths.is_empty() {
        return 80;
    }
    widths.sort_unstable();
    widths[widths.len() * 9 / 10]
}

/// The second half of a header line that a draft's blank left split:
/// "Số:" then "/KH-UBND"; "Lai Châu, ngày" then "tháng 01 năm 2027".
fn header_fragment(prev: &str, t: &str) -> bool {
    let p = prev.trim_end_matches([' ', '.', '…', '_']);
    (p == "Số:" || p.ends_with(" Số:")) && t.starts_with('/')
        || p.ends_with(", ngày") && t.starts_with("tháng ") && t.contains(" năm ")
}

/// A header line that nothing continues: the tiêu ngữ, the number, the
/// place and date.
fn ends_header_line(prev: &str) -> bool {
    prev.starts_with("Độc lập")
        || prev.starts_with("Số:") && prev.contains('/')
        || prev.contains(", ngày") && prev.contains(" năm ")
}

/// "tháng 5 năm 2026" alone: the rest of a draft's date line, parted from
/// "An Bình, ngày" by the other header column.
fn date_remainder(t: &str) -> bool {
    t.starts_with("tháng ") && t.contains(" năm ") && t.chars().count() <= 24
}

/// Whether `line` opens a new paragraph after `prev`.
/// `open` is the first line of the paragraph `prev` belongs to.
fn starts_paragraph(
    prev: &Line,
    line: &Line,
    (flow, line_paragraphs): (bool, bool),
    width: usize,
    open: &str,
) -> bool {
    let t = line.text.as_str();
    if header_fragment(&prev.text, t) {
        return false;
    }
    if opens_item(t) || ends_header_line(&prev.text) || date_remainder(t) {
        return true;
    }
    // "Kính gửi: Sở …" ends where the next line opens with a capital:
    // the addressee wraps in lower case.
    if open.starts_with("Kính gửi")
        && open
            .split_once(':')
            .is_some_and(|(_, r)| !r.trim().is_empty())
        && !starts_lower(t)
    {
        return true;
    }
    if starts_lower(t) {
        return false;
    }
    let p = prev.text.as_str();
    if !flow {
        // Text a word processor saved, a paragraph a line (blank lines are
        // few; only a heading's, the header's or the signer's lines break
        // inside one): the preamble's leads, a change between capitals and
        // text, the end of a sentence and the end of a numbered or listed
        // line (a heading or an item goes on only in lower case) part them.
        let ended = p.ends_with(['.', ';', ':', '!', '?']) && !p.starts_with("Kính gửi");
        // Where blank lines part most paragraphs, a single newline after a
        // numbered line or a sentence's end parts one too (typed text mixes
        // both), unless the line above was full: the text was wrapped. The
        // signer's "KT. CHỦ TỊCH" and the header's lines keep theirs.
        let first_word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
        let room = p.chars().count() + 1 + first_word <= width * 9 / 10;
        let mixed = !line_paragraphs && room && (numbered(p) || p.ends_with(['.', ';', '!', '?']));
        return line.after_blank
            || mixed
            || line_paragraphs
                && (opens_lead(t) || all_caps(t) != all_caps(p) || opens_item(p) || ended);
    }
    let ended = p.ends_with(['.', ';', ':', '!', '?']);
    // "OCOP." after a line the page wrapped: the sentence's last word,
    // not a heading in capitals (which never ends with a period).
    let capital_tail = !ended && t.ends_with(['.', ';', ',']) && t.split_whitespace().count() <= 3;
    if all_caps(t) && !capital_tail || all_caps(p) || line.bold != prev.bold {
        return true;
    }
    let short = p.chars().count() * 10 < width * 9;
    // A lead-in's colon at the end of a line ("… (mục III.4 của Kế
    // hoạch):") ends the paragraph only if the next word would have fitted
    // after it: else the page wrapped there.
    let first_word = t.split_whitespace().next().map_or(0, |w| w.chars().count());
    let short =
        short && (!p.ends_with(':') || p.chars().count() + 1 + first_word + width / 10 <= width);
    // A short numbered line is a heading: "1. Tuyên truyền, tập huấn".
    let heading = short && opens_item(p) && !p.starts_with(['-', '–', '+', '•']);
    (ended || heading || opens_lead(t)) && short || ended && opens_lead(t)
}

/// A line that can only start a paragraph: a numbering label, a list
/// marker, or a fixed element of the form.
pub fn opens_item(t: &str) -> bool {
    numbered(t)
        || article(t)
        || is_appendix_title(t)
        || [
            "Nơi nhận",
            "Kính gửi",
            "Số:",
            "V/v",
            "TM.",
            "KT.",
            "TL.",
            "TUQ.",
            "Q. ",
        ]
        .iter()
        .any(|m| t.starts_with(m))
}

/// A line opening with a numbering label ("1.", "a)", "-"). A label
/// without its dot counts where it cannot open a sentence: a Roman
/// number, or one closed by ")" or "/".
fn numbered(t: &str) -> bool {
    let marked = t
        .split_whitespace()
        .next()
        .is_some_and(|w| w.ends_with([')', '/']));
    super::recognise::labels::read(t).is_some_and(|r| {
        !r.tentative || marked || matches!(r.label, super::recognise::labels::Label::Roman(_))
    })
}

/// "Điều 2." opening a decision's article.
fn article(t: &str) -> bool {
    t.strip_prefix("Điều ").is_some_and(|r| {
        let digits = r.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && r[digits..].starts_with(['.', ':'])
    })
}

/// A lead word that opens a preamble paragraph.
fn opens_lead(t: &str) -> bool {
    ["Căn cứ ", "Thực hiện ", "Theo đề nghị "]
        .iter()
        .any(|m| t.starts_with(m))
}

/// Reads Markdown emphasis off a line. `bold_open` carries a `**` left
/// open at the end of a line into the next one.
fn read_marks(raw: &str, bold_open: &mut bool) -> Line {
    let mut s = raw.trim();
    // Headings "## …"
    let hashes = s.chars().take_while(|c| *c == '#').count();
    if hashes > 0 && s[hashes..].starts_with(' ') {
        s = s[hashes..].trim_start();
    }
    let mut text = String::new();
    let mut bold = *bold_open;
    let mut italic = false;
    let mut letters = 0usize;
    let mut bold_letters = 0usize;
    let mut italic_letters = 0usize;
    let mut lead = String::new();
    let mut lead_done = false;
    let mut italic_part = String::new();
    let mut italic_parts = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '*' {
            let n = chars[i..].iter().take_while(|c| **c == '*').count();
            if n >= 2 {
                bold = !bold;
            }
            if n % 2 == 1 {
                italic = !italic;
                if !italic && !italic_part.trim().is_empty() {
                    italic_parts.push(squeeze(&italic_part));
                }
                italic_part.clear();
            }
            i += n;
            continue;
        }
        if c == '<' {
            // <sub>, <sup>, <br>: drop the tag, keep what it holds.
            if let Some(end) = chars[i..].iter().position(|c| *c == '>') {
                let tag: String = chars[i..i + end + 1].iter().collect();
                if tag.len() <= 8
                    && tag[1..]
                        .trim_start_matches('/')
                        .chars()
                        .all(|c| c.is_ascii_alphabetic() || c == '>')
                {
                    i += end + 1;
                    continue;
                }
            }
        }
        if c == '\\' && i + 1 < chars.len() && "*#_<>[]()-+.".contains(chars[i + 1]) {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            letters += 1;
            if bold {
                bold_letters += 1;
            } else if letters > 1 && bold_letters > 0 && !lead_done {
                lead_done = true;
            }
            if italic {
                italic_letters += 1;
            }
        }
        if bold
            && !lead_done
            && (bold_letters > 0 || c.is_alphanumeric())
            && letters == bold_letters
        {
            lead.push(c);
        } else if !bold && bold_letters > 0 {
            lead_done = true;
        }
        if italic {
            italic_part.push(c);
        }
        text.push(c);
        i += 1;
    }
    *bold_open = bold;
    let text = squeeze(&text);
    let all_bold = letters > 0 && bold_letters == letters;
    let bold_lead = (!all_bold
        && bold_letters > 0
        && squeeze(&lead)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .count()
            == bold_letters)
        .then(|| squeeze(&lead));
    Line {
        text,
        after_blank: false,
        bold: all_bold,
        italic: letters > 0 && italic_letters == letters,
        bold_lead,
        italic_parts,
        cell: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ps: &[Para]) -> Vec<String> {
        ps.iter().map(Para::text).collect()
    }

    #[test]
    fn wrapped_lines_are_joined_and_page_numbers_dropped() {
        let src = "Căn cứ Quyết định số 1/QĐ-UBND ngày 02/3/2021 của Ủy ban nhân dân\n\n\
                   tỉnh về việc giao nhiệm vụ cho các đơn vị trên địa bàn tỉnh năm nay;\n\n\
                   2\n\n\
                   I. MỤC ĐÍCH\n\n\
                   1. Mục đích\n\n\
                   - Thúc đẩy sản xuất hàng hóa, giúp người dân có thêm thu nhập ổn định\n\n\
                   và bền vững.\n\n\
                   - Hỗ trợ các chủ thể.\n\n\
                   Một câu ngắn.\n\n\
                   Đoạn mới bắt đầu ở đây và kéo dài đến hết dòng để làm mẫu cho dòng\n\n\
                   đầy đủ.";
        let ps = paragraphs(src);
        assert_eq!(
            texts(&ps),
            [
                "Căn cứ Quyết định số 1/QĐ-UBND ngày 02/3/2021 của Ủy ban nhân dân tỉnh về việc giao nhiệm vụ cho các đơn vị trên địa bàn tỉnh năm nay;",
                "I. MỤC ĐÍCH",
                "1. Mục đích",
                "- Thúc đẩy sản xuất hàng hóa, giúp người dân có thêm thu nhập ổn định và bền vững.",
                "- Hỗ trợ các chủ thể.",
                "Một câu ngắn.",
                "Đoạn mới bắt đầu ở đây và kéo dài đến hết dòng để làm mẫu cho dòng đầy đủ.",
            ]
        );
    }

    #[test]
    fn markdown_emphasis_becomes_the_paragraphs() {
        let src = "**ỦY BAN NHÂN DÂN\nHUYỆN A**\n\n## **II. MỤC TIÊU**\n\n**3. Kinh phí:** Từ ngân sách.\n\n- Lưu: VT, NL<sub>3</sub>.\n\n- Các chủ thể (*giao Phòng A gửi*);";
        let ps = paragraphs(src);
        assert_eq!(ps[0].lines, ["ỦY BAN NHÂN DÂN", "HUYỆN A"]);
        assert!(ps[0].bold);
        assert_eq!(ps[1].text(), "II. MỤC TIÊU");
        assert!(ps[1].bold);
        assert_eq!(ps[2].bold_lead.as_deref(), Some("3. Kinh phí:"));
        assert!(!ps[2].bold);
        assert_eq!(ps[3].text(), "- Lưu: VT, NL3.");
        assert_eq!(ps[4].italic_parts, ["giao Phòng A gửi"]);
    }

    #[test]
    fn a_heading_or_a_sentence_ends_its_line_where_blank_lines_part_most_paragraphs() {
        // Typed text: blank lines between most paragraphs, a single
        // newline after some headings and sentences; a line in lower case
        // still goes on the one above.
        for sep in ["\n", "\r\n"] {
            let src = [
                "Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22/5/2026 của Thủ tướng Chính phủ ban hành Bộ tiêu chí và quy trình đánh giá, phân hạng sản phẩm;",
                "",
                "Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện Chương trình mỗi xã một sản phẩm trên địa bàn tỉnh năm 2027 như sau:",
                "",
                "I. MỤC ĐÍCH, YÊU CẦU",
                "",
                "1. Mục đích",
                "Nâng cao chất lượng sản phẩm.",
                "Tạo việc làm cho người dân.",
                "",
                "2. Yêu cầu",
                "",
                "- Đúng quy trình đánh giá,",
                "phân hạng sản phẩm.",
                "",
                "II. NHIỆM VỤ",
                "1) Tập huấn",
                "Tổ chức 02 lớp tập huấn.",
                "",
                "Kinh phí từ ngân sách tỉnh.",
            ]
            .join(sep);
            assert_eq!(
                texts(&paragraphs(&src))[2..],
                [
                    "I. MỤC ĐÍCH, YÊU CẦU",
                    "1. Mục đích",
                    "Nâng cao chất lượng sản phẩm.",
                    "Tạo việc làm cho người dân.",
                    "2. Yêu cầu",
                    "- Đúng quy trình đánh giá, phân hạng sản phẩm.",
                    "II. NHIỆM VỤ",
                    "1) Tập huấn",
                    "Tổ chức 02 lớp tập huấn.",
                    "Kinh phí từ ngân sách tỉnh.",
                ]
            );
        }
    }

    #[test]
    fn a_signers_title_stays_with_its_authority_line_in_typed_text() {
        // Blank lines between paragraphs; the signer's block typed a line
        // each. "TM." and "KT." open a paragraph; they do not end one, so
        // the title under them is theirs.
        let signers: [&[&str]; 4] = [
            &["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
            &["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"],
            &["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
            &["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"],
        ];
        for signer in signers {
            let mut lines = vec![
                "I. MỤC ĐÍCH",
                "",
                "Nhận được Kế hoạch này, các đơn vị triển khai thực hiện./.",
                "",
            ];
            lines.extend(signer);
            lines.extend(["", "Giàng A Páo"]);
            let ps = paragraphs(&lines.join("\n"));
            let [.., above, title] = signer else {
                unreachable!()
            };
            let block = ps.iter().find(|p| p.lines.contains(&title.to_string()));
            assert_eq!(
                block.map(|p| p.lines.clone()),
                Some(vec![above.to_string(), title.to_string()]),
                "{signer:?}"
            );
        }
    }

    #[test]
    fn a_full_line_goes_on_where_wrapped_text_has_blank_lines_between_paragraphs() {
        // Wrapped at 60 columns: a full numbered line or sentence end goes
        // on, even before a capital.
        let src = "1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Tài\n\
                   chính và Ủy ban nhân dân các xã tổ chức đánh giá sản phẩm.\n\n\
                   2. Các sở, ngành theo chức năng, nhiệm vụ được giao hướng dẫn\n\
                   Ủy ban nhân dân các xã, phường xây dựng kế hoạch năm 2027.\n\n\
                   Kinh phí thực hiện từ nguồn ngân sách tỉnh và xã hội hóa theo\n\
                   quy định hiện hành của Nhà nước.";
        assert_eq!(
            texts(&paragraphs(src)),
            [
                "1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với Sở Tài chính và Ủy ban nhân dân các xã tổ chức đánh giá sản phẩm.",
                "2. Các sở, ngành theo chức năng, nhiệm vụ được giao hướng dẫn Ủy ban nhân dân các xã, phường xây dựng kế hoạch năm 2027.",
                "Kinh phí thực hiện từ nguồn ngân sách tỉnh và xã hội hóa theo quy định hiện hành của Nhà nước.",
            ]
        );
    }

    #[test]
    fn a_paragraph_split_by_a_page_break_is_joined() {
        let src = "- Phối hợp với các phòng; đôn đốc\n\nchủ thể hoàn thiện hồ sơ.\n\n- Việc khác.";
        assert_eq!(
            texts(&paragraphs(src)),
            [
                "- Phối hợp với các phòng; đôn đốc chủ thể hoàn thiện hồ sơ.",
                "- Việc khác."
            ]
        );
    }
    #[test]
    fn text_copied_out_of_a_pdf_without_blank_lines_is_rejoined() {
        // A draft: blank number and day split their lines; the addressee
        // wraps; a short numbered line is a heading.
        let src = "ỦY BAN NHÂN DÂN\nTỈNH AN BÌNH\nSố:\n\n/UBND-KT\n\n\
                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\
                   An Bình, ngày\n\ntháng 5 năm 2026\n\n\
                   Kính gửi: Sở Nông nghiệp và Môi\ntrường tỉnh\n\
                   Để thực hiện tốt nhiệm vụ được giao, đề nghị Sở chủ trì xây dựng kế hoạch và\n\
                   báo cáo kết quả trước ngày 30/6/2026.\n\
                   1. Tuyên truyền\n\
                   Sở Văn hóa chủ trì tuyên truyền về Chương trình trên các phương tiện thông\n\
                   tin đại chúng.\n";
        assert_eq!(
            texts(&paragraphs(src)),
            [
                "ỦY BAN NHÂN DÂN",
                "TỈNH AN BÌNH",
                "Số: /UBND-KT",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "An Bình, ngày tháng 5 năm 2026",
                "Kính gửi: Sở Nông nghiệp và Môi trường tỉnh",
                "Để thực hiện tốt nhiệm vụ được giao, đề nghị Sở chủ trì xây dựng kế hoạch và báo cáo kết quả trước ngày 30/6/2026.",
                "1. Tuyên truyền",
                "Sở Văn hóa chủ trì tuyên truyền về Chương trình trên các phương tiện thông tin đại chúng.",
            ]
        );
    }

    #[test]
    fn a_line_wrapped_after_a_colon_goes_on() {
        let src = "Kính gửi: Sở Công Thương\n\
                   Thực hiện Kế hoạch của Ủy ban nhân dân tỉnh, Ủy ban nhân dân tỉnh yêu cầu Sở\n\
                   triển khai các nhiệm vụ sau đây, báo cáo kết quả về Ủy ban nhân dân tỉnh:\n\
                   - Tuyên truyền về Chương trình OCOP (mục III.2 của Kế hoạch): Tuyên truyền về các\n\
                   quy trình đánh giá mới, các chính sách hỗ trợ và những chủ thể điển hình.\n\
                   - Hỗ trợ nâng cấp sản phẩm đã được công nhận (mục III.4.1 của Kế hoạch):\n\
                   Phối hợp với Sở Nông nghiệp và Môi trường. Thời gian thực hiện: Quý II.\n\
                   - Tổng kết năm:\n\
                   Tổ chức hội nghị tổng kết vào tháng 12.\n";
        let t = texts(&paragraphs(src));
        assert_eq!(t.len(), 6, "{t:#?}");
        assert!(t[3].ends_with("Thời gian thực hiện: Quý II."), "{t:#?}");
        assert_eq!(t[4], "- Tổng kết năm:");
    }

    #[test]
    fn a_decisions_preamble_saved_a_paragraph_a_line_is_read_apart() {
        let src = "QUYẾT ĐỊNH\nVề việc công nhận sản phẩm OCOP\n\
                   CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH AN BÌNH\n\
                   Căn cứ Luật Tổ chức chính quyền địa phương;\n\
                   Căn cứ Quyết định số 26/2026/QĐ-TTg ngày 22/5/2026;\n\
                   Theo đề nghị của Giám đốc Sở Nông nghiệp và Môi trường.\n\
                   QUYẾT ĐỊNH:\n\
                   Điều 1. Công nhận 05 sản phẩm.\n";
        let t = texts(&paragraphs(src));
        assert_eq!(t.len(), 8, "{t:#?}");
        assert_eq!(t[3], "Căn cứ Luật Tổ chức chính quyền địa phương;");
        assert_eq!(t[6], "QUYẾT ĐỊNH:");
    }

    #[test]
    fn a_word_processors_line_after_a_numbered_line_is_a_paragraph() {
        let src = "II. NHIỆM VỤ\n\
                   4. Ứng dụng khoa học công nghệ\n\
                   Sở Khoa học và Công nghệ chủ trì, phối hợp với các đơn vị:\n\
                   - Hỗ trợ công nghệ chế biến sâu.\n\
                   - Hướng dẫn đăng ký bảo hộ nhãn hiệu.\n\
                   Các sở thực hiện theo chức năng.\n\
                   III. KINH PHÍ\n\
                   Từ ngân sách tỉnh.\n";
        let t = texts(&paragraphs(src));
        assert_eq!(t.len(), 8, "{t:#?}");
        assert_eq!(t[1], "4. Ứng dụng khoa học công nghệ");
        assert_eq!(t[5], "Các sở thực hiện theo chức năng.");
        let src = "Kính gửi:\t- Sở Công Thương.\n\
                   Ủy ban nhân dân tỉnh tổ chức Tuần lễ.\n\
                   Sở Công Thương bố trí gian hàng./.\n\
                   Nơi nhận:\n\
                   - Như trên;\n\
                   - Lưu: VT.\n";
        assert_eq!(texts(&paragraphs(src)).len(), 6);
    }

    #[test]
    fn a_wrapped_lines_last_word_in_capitals_goes_on() {
        let src = "1. Tuyên truyền\n\
                   - Nội dung thực hiện: tuyên truyền về Chương trình trên các phương\n\
                   tiện thông tin đại chúng và hệ thống loa truyền thanh cơ sở.\n\
                   - Đơn vị thực hiện: Sở Nông nghiệp và Môi trường; các đơn vị tư vấn\n\
                   OCOP.\n\
                   - Thời gian thực hiện: cả năm, tập trung vào quý II và quý III của\n\
                   năm 2027.\n\
                   II. KINH PHÍ\n";
        let t = texts(&paragraphs(src));
        assert_eq!(t.len(), 5, "{t:#?}");
        assert!(t[2].ends_with("tư vấn OCOP."), "{t:#?}");
    }
}
