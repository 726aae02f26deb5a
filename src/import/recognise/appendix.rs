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
    let all = super::super::para::squeeze(&texts.join(" "));
    // The table starts at its heading; its title stands above.
    let mut text = match all.find("STT") {
        Some(at) => all[at..].to_string(),
        None => all,
    };
    for h in HEADINGS {
        if let Some(at) = text.find(h) {
            text.replace_range(at..at + h.len(), "");
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut rows: Vec<Vec<&str>> = Vec::new();
    let mut before: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        let next_capital = words
            .get(i + 1)
            .is_some_and(|n| n.chars().next().is_some_and(char::is_uppercase));
        if w.parse::<usize>().is_ok_and(|n| n == rows.len() + 1) && next_capital {
            rows.push(Vec::new());
        } else if group_line(&words[i..]) {
            // "I. SẢN PHẨM ĐẠT 4 SAO": its capitals end at the next row.
            i += 1;
            let caps = |w: Option<&&str>| w.is_some_and(|w| super::super::para::all_caps(w));
            while i < words.len()
                && (caps(words.get(i))
                    || words[i].chars().all(|c| c.is_ascii_digit()) && caps(words.get(i + 1)))
            {
                i += 1;
            }
            continue;
        } else if let Some(row) = rows.last_mut() {
            row.push(w);
        } else {
            before.push(w);
        }
        i += 1;
    }
    let mut moved = before.join(" ");
    let mut out = Vec::new();
    for r in &rows {
        let own = r.join(" ");
        let product = match row(&own) {
            Some(mut p) if !moved.is_empty() && p.note.is_none() && row(&moved).is_none() => {
                p.note = Some(std::mem::take(&mut moved));
                Some(p)
            }
            Some(p) => Some(p),
            None if !moved.is_empty() => row(&format!("{own} {}", std::mem::take(&mut moved))),
            None => None,
        };
        out.extend(product);
    }
    out
}

/// "I. SẢN PHẨM …": a group line of the table.
fn group_line(words: &[&str]) -> bool {
    let first = words[0];
    first.ends_with('.')
        && first.len() > 1
        && first[..first.len() - 1].chars().all(|c| "IVX".contains(c))
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
}
