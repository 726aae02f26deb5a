//! A results decision's appendix: the table of recognised products (STT,
//! Tên sản phẩm, Chủ thể, Địa chỉ, Nhóm sản phẩm, Điểm, Hạng sao, Ghi
//! chú) back as the product list. From a table's cells (a .docx, text
//! laid out as on the page) the columns are found by their heading; from
//! text that lost the columns (copied in reading order), a row runs from
//! its number to the next, and its cells are told apart by the form of a
//! register: the score and the stars end the row's fixed part, the group
//! is one of the six OCOP groups, the owner opens with the kind of body
//! (HTX, Công ty, Hộ kinh doanh …) and the address with the place (xã,
//! phường …).

use crate::model::Product;

/// Products from the rows of a table, the heading row among them.
pub fn from_cells(table: &[Vec<String>]) -> Vec<Product> {
    let Some(head) = table
        .iter()
        .position(|r| r.iter().any(|c| c.trim() == "STT"))
    else {
        return vec![];
    };
    let col = |words: &[&str]| {
        table[head]
            .iter()
            .position(|c| words.iter().any(|w| c.trim().starts_with(w)))
    };
    let (Some(name), Some(score)) = (col(&["Tên"]), col(&["Điểm"])) else {
        return vec![];
    };
    let owner = col(&["Chủ thể"]);
    let address = col(&["Địa chỉ"]);
    let group = col(&["Nhóm"]);
    let stars = col(&["Hạng"]);
    let note = col(&["Ghi chú"]);
    let number = col(&["Số giấy", "Số GCN", "Số chứng nhận"]);
    let cell = |row: &[String], c: Option<usize>| {
        c.and_then(|c| row.get(c))
            .map(|s| super::super::para::squeeze(s))
            .filter(|s| !s.is_empty())
    };
    table[head + 1..]
        .iter()
        .filter_map(|r| {
            Some(Product {
                stt: None,
                name: cell(r, Some(name))?,
                owner: cell(r, owner).unwrap_or_default(),
                address: cell(r, address).unwrap_or_default(),
                group: cell(r, group),
                score: score_of(&cell(r, Some(score))?)?,
                stars: cell(r, stars).and_then(|s| stars_of(&s)),
                number: cell(r, number),
                note: cell(r, note),
            })
        })
        .collect()
}

/// "78,5" → 78.5.
fn score_of(s: &str) -> Option<f64> {
    let t = s.trim().replace(',', ".");
    t.parse::<f64>().ok().filter(|v| (0.0..=100.0).contains(v))
}

/// "4 sao" → 4.
fn stars_of(s: &str) -> Option<u8> {
    s.trim()
        .strip_suffix("sao")?
        .trim()
        .parse()
        .ok()
        .filter(|n| (1..=5).contains(n))
}

/// The words that open an owner's name in a product register.
const OWNERS: [&str; 14] = [
    "HTX",
    "Hợp tác xã",
    "Công ty",
    "Tổ hợp tác",
    "THT",
    "Hộ kinh doanh",
    "HKD",
    "Hộ",
    "Cơ sở",
    "Doanh nghiệp",
    "DNTN",
    "Chi nhánh",
    "Trung tâm",
    "Hội",
];

/// The words that open an address.
const PLACES: [&str; 12] = [
    "xã",
    "phường",
    "thị trấn",
    "thôn",
    "bản",
    "xóm",
    "ấp",
    "tổ",
    "khu",
    "số",
    "thị xã",
    "thành phố",
];

/// The headings of a product table, as a register writes them.
const HEADINGS: [&str; 9] = [
    "STT",
    "Tên sản phẩm",
    "Chủ thể",
    "Địa chỉ",
    "Nhóm sản phẩm",
    "Điểm",
    "Hạng sao",
    "Ghi chú",
    "Số giấy chứng nhận",
];

/// Products from the paragraphs of a table read in reading order (the
/// heading first). The words run on: a row starts at its number (1, 2, 3
/// … before a capitalised word), a group line ("II. SẢN PHẨM …") stands
/// between rows; what stands before the first row, the headings taken
/// out, is a row's part that copying moved up (its group, score and stars,
/// or its note), given back to the first rows that lack it.
pub fn from_text(texts: &[String]) -> Vec<Product> {
    let (rows, before) = rows_of(texts);
    let mut moved = before.join(" ");
    let mut out = Vec::new();
    for pieces in &rows {
        let own = pieces.join(" ");
        let product = match row(&own) {
            Some(p) => {
                // A second owner … stars after the row's own: the next
                // row's, which copying moved up.
                let (p, carried) = split_carried(&own).unwrap_or((p, String::new()));
                let p = with_note(p, &mut moved);
                moved = carried;
                Some(p)
            }
            None if moved.is_empty() => None,
            // The row's name first, then what was moved, then its note.
            None => {
                let moved = std::mem::take(&mut moved);
                let (name, note) = pieces
                    .split_first()
                    .map_or((own.clone(), vec![]), |(n, r)| (n.clone(), r.to_vec()));
                row(&format!("{name} {moved}")).map(|mut p| {
                    if p.note.is_none() && !note.is_empty() {
                        p.note = Some(note.join(" "));
                    }
                    p
                })
            }
        };
        out.extend(product);
    }
    out
}

/// A note moved up before the first row goes to the first row with none.
fn with_note(mut p: Product, moved: &mut String) -> Product {
    if !moved.is_empty() && p.note.is_none() && row(moved).is_none() {
        p.note = Some(std::mem::take(moved));
    }
    p
}

/// A row's text holding a second row's owner … stars after its own
/// stars: the row without them, and them.
fn split_carried(own: &str) -> Option<(Product, String)> {
    let words: Vec<&str> = own.split_whitespace().collect();
    let first = fixed_part(&words, 1)?;
    let tail = &words[first + 2..];
    fixed_part(tail, 1)?;
    let owner = (0..tail.len()).find(|&i| {
        OWNERS.iter().any(|w| {
            let n = w.split(' ').count();
            i + n <= tail.len() && tail[i..i + n].join(" ") == *w
        })
    })?;
    let keep = words[..first + 2 + owner].join(" ");
    Some((row(&keep)?, tail[owner..].join(" ")))
}

/// The index of the stars' number in "… 78,5 4 sao …", from `from`.
fn fixed_part(words: &[&str], from: usize) -> Option<usize> {
    (from.max(1)..words.len().saturating_sub(1)).find(|&k| {
        words[k + 1] == "sao"
            && stars_of(&format!("{} sao", words[k])).is_some()
            && score_of(words[k - 1]).is_some()
    })
}

/// The rows of a table read in reading order, each as its pieces of
/// text, and the words before the first row (the headings taken out).
fn rows_of(texts: &[String]) -> (Vec<Vec<String>>, Vec<String>) {
    // The table starts at its heading; its title stands above.
    let start = texts.iter().position(|t| t.contains("STT")).unwrap_or(0);
    let mut pieces: Vec<String> = texts[start..].to_vec();
    // A title line the copy joined to the heading is no row's part.
    if let Some(first) = pieces.first_mut()
        && let Some(at) = first.find("STT")
    {
        first.replace_range(..at, "");
    }
    for h in HEADINGS {
        if let Some(p) = pieces.iter_mut().find(|p| p.contains(h)) {
            *p = p.replacen(h, "", 1);
        }
    }
    // Every word with the piece it stands in.
    let words: Vec<(&str, usize)> = pieces
        .iter()
        .enumerate()
        .flat_map(|(k, p)| p.split_whitespace().map(move |w| (w, k)))
        .collect();
    let plain: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut before: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut flush = |current: &mut Vec<&str>, rows: &mut Vec<Vec<String>>| {
        if !current.is_empty() {
            let text = current.join(" ");
            match rows.last_mut() {
                Some(r) => r.push(text),
                None => before.push(text),
            }
            current.clear();
        }
    };
    let mut i = 0;
    while i < words.len() {
        let (w, piece) = words[i];
        if i > 0 && words[i - 1].1 != piece {
            flush(&mut current, &mut rows);
        }
        let next_capital = plain
            .get(i + 1)
            .is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase));
        if w.parse::<usize>().is_ok_and(|n| n == rows.len() + 1) && next_capital {
            flush(&mut current, &mut rows);
            rows.push(Vec::new());
        } else if group_line(&plain[i..]) {
            flush(&mut current, &mut rows);
            i = skip_group(&plain, i);
            continue;
        } else {
            current.push(w);
        }
        i += 1;
    }
    flush(&mut current, &mut rows);
    (rows, before)
}

/// The index after a group line ("I. SẢN PHẨM ĐẠT 4 SAO") starting at `i`.
fn skip_group(words: &[&str], mut i: usize) -> usize {
    i += 1;
    let caps = |w: Option<&&str>| w.is_some_and(|w| super::super::para::all_caps(w));
    while i < words.len()
        && (caps(words.get(i))
            || words[i].chars().all(|c| c.is_ascii_digit()) && caps(words.get(i + 1)))
    {
        i += 1;
    }
    i
}

/// "I. SẢN PHẨM …" (its dot may be lost): a group line of the table.
fn group_line(words: &[&str]) -> bool {
    let bare = words[0].trim_end_matches(['.', ')']);
    !bare.is_empty()
        && bare.chars().all(|c| "IVX".contains(c))
        && words
            .get(1)
            .is_some_and(|w| super::super::para::all_caps(w))
}

/// One row's text after its number.
fn row(text: &str) -> Option<Product> {
    let words: Vec<&str> = text.split_whitespace().collect();
    // "… 78,5 4 sao …": the score and the stars.
    let at = (1..words.len().saturating_sub(1)).find(|&k| {
        words[k + 1] == "sao"
            && stars_of(&format!("{} sao", words[k])).is_some()
            && score_of(words[k - 1]).is_some()
    })?;
    let score = score_of(words[at - 1])?;
    let stars = stars_of(&format!("{} sao", words[at]));
    let note = words[at + 2..].join(" ");
    let before = words[..at - 1].join(" ");
    let (before, group) = match crate::regime::PRODUCT_GROUPS
        .iter()
        .find(|g| before.ends_with(*g))
    {
        Some(g) => (
            before[..before.len() - g.len()].trim_end().to_string(),
            Some(g.to_string()),
        ),
        None => (before, None),
    };
    let (name, owner, address) = split_parties(&before);
    Some(Product {
        stt: None,
        name,
        owner,
        address,
        group,
        score,
        stars,
        number: None,
        note: (!note.is_empty()).then_some(note),
    })
}

/// "Chè Shan tuyết HTX Chè San Thàng xã San Thàng, tỉnh Lai Châu" → the
/// product, its owner, its address.
fn split_parties(text: &str) -> (String, String, String) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let opens = |i: usize, list: &[&str]| {
        list.iter().any(|w| {
            let n = w.split(' ').count();
            i + n <= words.len() && words[i..i + n].join(" ") == *w
        })
    };
    let owner = (1..words.len()).find(|&i| opens(i, &OWNERS));
    let from = owner.map_or(1, |o| o + 1);
    // "bản Nà Luồng xã Bình Lư, tỉnh …": the address is the place named
    // last before its first comma (the owner's name may name a place).
    let places: Vec<usize> = (from..words.len()).filter(|&i| opens(i, &PLACES)).collect();
    let comma = (from..words.len()).find(|&i| words[i].ends_with(','));
    let address = match comma {
        Some(c) => places
            .iter()
            .rev()
            .find(|&&p| p <= c)
            .or(places.first())
            .copied(),
        None => places.first().copied(),
    };
    let part = |a: usize, b: usize| words[a.min(b)..b].join(" ");
    let end_name = owner.or(address).unwrap_or(words.len());
    let end_owner = address.unwrap_or(words.len());
    (
        part(0, end_name),
        owner.map(|o| part(o, end_owner)).unwrap_or_default(),
        address.map(|a| part(a, words.len())).unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_cells_moved_up_go_back_to_it() {
        let texts: Vec<String> = [
            "STT Tên sản phẩm Chủ thể Địa chỉ Nhóm sản phẩm Điểm Hạng sao Ghi chú",
            "1 Bánh chưng Bờ Đậu",
            "HTX Bánh chưng Bờ Đậu",
            "xã Phú Lương, tỉnh Thái Nguyên",
            "Thực phẩm 84 4 sao",
            "Hộ kinh doanh Hà Văn Dũng",
            "xã Võ Nhai, tỉnh Thái Nguyên",
            "Dược liệu và sản phẩm từ dược liệu 68 3 sao",
            "II. SẢN PHẨM ĐẠT 3 SAO",
            "2",
            "Nấm linh chi Võ Nhai",
            "Đánh giá lại",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let p = from_text(&texts);
        assert_eq!(p.len(), 2, "{p:#?}");
        assert_eq!(p[0].note, None);
        assert_eq!(p[1].name, "Nấm linh chi Võ Nhai");
        assert_eq!(p[1].owner, "Hộ kinh doanh Hà Văn Dũng");
        assert_eq!(p[1].score, 68.0);
        assert_eq!(p[1].note.as_deref(), Some("Đánh giá lại"));
    }

    #[test]
    fn rows_read_in_reading_order() {
        let texts: Vec<String> = [
            "STT Tên sản phẩm Chủ thể Địa chỉ Nhóm sản phẩm Điểm Hạng sao Ghi chú",
            "I. SẢN PHẨM ĐẠT 4 SAO",
            "1",
            "Chè xanh Tân Cương đặc biệt",
            "HTX Chè Tân Cương Xanh phường Tân Cương, tỉnh Thái Nguyên",
            "Đồ uống 89 4 sao",
            "Đề nghị Trung ương đánh giá 5 sao",
            "2 Trà hoa vàng Đồng Hỷ",
            "Công ty TNHH Dược liệu Đồng Hỷ",
            "xã Đồng Hỷ, tỉnh Thái Nguyên",
            "Dược liệu và sản phẩm từ dược liệu 82,5 4 sao",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let p = from_text(&texts);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name, "Chè xanh Tân Cương đặc biệt");
        assert_eq!(p[0].owner, "HTX Chè Tân Cương Xanh");
        assert_eq!(p[0].address, "phường Tân Cương, tỉnh Thái Nguyên");
        assert_eq!(p[0].group.as_deref(), Some("Đồ uống"));
        assert_eq!(p[0].score, 89.0);
        assert_eq!(
            p[0].note.as_deref(),
            Some("Đề nghị Trung ương đánh giá 5 sao")
        );
        assert_eq!(p[1].owner, "Công ty TNHH Dược liệu Đồng Hỷ");
        assert_eq!(p[1].score, 82.5);
        assert_eq!(
            p[1].group.as_deref(),
            Some("Dược liệu và sản phẩm từ dược liệu")
        );
    }

    #[test]
    fn a_title_joined_to_the_heading_is_no_rows_note() {
        let texts: Vec<String> = [
            "(Kèm theo Quyết định số 15/QĐ-UBND ngày 20 tháng 9 năm 2027) STT Tên sản phẩm Chủ thể Địa chỉ Nhóm sản phẩm Điểm Hạng sao Ghi chú",
            "I. SẢN PHẨM ĐẠT 4 SAO",
            "1 Thảo quả sấy Sìn Hồ HTX Thảo quả Sìn Hồ xã Sìn Hồ, tỉnh Lai Châu Đồ uống 74,5 4 sao",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let p = from_text(&texts);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].note, None);
        assert_eq!(p[0].score, 74.5);
    }
}
