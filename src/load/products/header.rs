//! Which column holds which field: headers matched by their normalised
//! words ("Tên sản phẩm OCOP", "Chủ thể (HTX/DN/Hộ KD)", "Điểm số" …), or
//! named by the caller in a [`ColumnMap`] (a header text or a column letter).

use unicode_normalization::UnicodeNormalization;

use super::grid::parse_column;
pub use crate::model::ColumnMap;

/// The fields of a product row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Stt,
    Name,
    Owner,
    Address,
    Group,
    Score,
    Stars,
    Number,
    Note,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Stt,
        Field::Name,
        Field::Owner,
        Field::Address,
        Field::Group,
        Field::Score,
        Field::Stars,
        Field::Number,
        Field::Note,
    ];

    /// Columns a product list cannot do without.
    pub const REQUIRED: [Field; 4] = [Field::Name, Field::Owner, Field::Address, Field::Score];

    /// The key of the field in the YAML (`columns:`) and in diagnostics' field paths.
    pub fn key(self) -> &'static str {
        match self {
            Field::Stt => "stt",
            Field::Name => "name",
            Field::Owner => "owner",
            Field::Address => "address",
            Field::Group => "group",
            Field::Score => "score",
            Field::Stars => "stars",
            Field::Number => "number",
            Field::Note => "note",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The usual header, as the hint suggests it.
    pub fn header(self) -> &'static str {
        match self {
            Field::Stt => "STT",
            Field::Name => "Tên sản phẩm",
            Field::Owner => "Chủ thể",
            Field::Address => "Địa chỉ",
            Field::Group => "Nhóm sản phẩm",
            Field::Score => "Điểm",
            Field::Stars => "Hạng sao",
            Field::Number => "Số giấy chứng nhận",
            Field::Note => "Ghi chú",
        }
    }

    /// Lower-case Vietnamese name used inside sentences ("thiếu chủ thể").
    pub fn what(self) -> &'static str {
        match self {
            Field::Stt => "số thứ tự",
            Field::Name => "tên sản phẩm",
            Field::Owner => "chủ thể",
            Field::Address => "địa chỉ",
            Field::Group => "nhóm sản phẩm",
            Field::Score => "điểm",
            Field::Stars => "hạng sao",
            Field::Number => "số giấy chứng nhận",
            Field::Note => "ghi chú",
        }
    }
}

/// A column map's entries by field. (The map itself is part of the YAML
/// schema, `model::ColumnMap`.)
impl ColumnMap {
    pub fn get(&self, field: Field) -> Option<&str> {
        let v = match field {
            Field::Stt => &self.stt,
            Field::Name => &self.name,
            Field::Owner => &self.owner,
            Field::Address => &self.address,
            Field::Group => &self.group,
            Field::Score => &self.score,
            Field::Stars => &self.stars,
            Field::Number => &self.number,
            Field::Note => &self.note,
        };
        v.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }

    pub fn set(&mut self, field: Field, column: impl Into<String>) {
        let v = Some(column.into());
        match field {
            Field::Stt => self.stt = v,
            Field::Name => self.name = v,
            Field::Owner => self.owner = v,
            Field::Address => self.address = v,
            Field::Group => self.group = v,
            Field::Score => self.score = v,
            Field::Stars => self.stars = v,
            Field::Number => self.number = v,
            Field::Note => self.note = v,
        }
    }

    pub fn is_empty(&self) -> bool {
        Field::ALL.iter().all(|f| self.get(*f).is_none())
    }

    /// The fields named, with what names them.
    pub fn entries(&self) -> impl Iterator<Item = (Field, &str)> {
        Field::ALL
            .into_iter()
            .filter_map(|f| self.get(f).map(|v| (f, v)))
    }
}

/// How a [`ColumnMap`] entry names its column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    Header(String),
    Letter(u32),
}

/// Reads one map entry: a header text, unless it is not a header of the
/// sheet and reads as a column letter.
pub fn column_ref(value: &str, headers: &[(u32, String)]) -> ColumnRef {
    let key = header_key(value);
    if headers.iter().any(|(_, h)| header_key(h) == key) {
        return ColumnRef::Header(value.to_string());
    }
    match parse_column(value.trim()) {
        Some(c) => ColumnRef::Letter(c),
        None => ColumnRef::Header(value.to_string()),
    }
}

/// "Tên  Sản\nphẩm (OCOP)" → "ten san pham ocop": lower case, no
/// diacritics, words separated by single spaces.
pub fn header_key(text: &str) -> String {
    let mut out = String::new();
    for c in text.nfd() {
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// The field a header names, judged by its words. The order of the tests
/// matters: "Nhóm sản phẩm" and "Chủ thể sản phẩm" are not the product's
/// name, "Địa điểm" is not a score, "Số giấy chứng nhận" is not a count.
pub fn field_of(header: &str) -> Option<Field> {
    let key = header_key(header);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let has = |w: &str| words.contains(&w);
    let phrase = |p: &str| format!(" {key} ").contains(&format!(" {p} "));
    if words.is_empty() || words[0] == "ma" || has("luong") || phrase("don vi tinh") {
        // Codes, quantities and units of measure are none of ours.
        return None;
    }
    if matches!(
        key.as_str(),
        "stt" | "tt" | "so tt" | "so thu tu" | "thu tu"
    ) || words[0] == "stt"
    {
        return Some(Field::Stt);
    }
    if phrase("ghi chu") {
        return Some(Field::Note);
    }
    if phrase("chung nhan") || has("gcn") || phrase("giay cn") || phrase("so cn") {
        return Some(Field::Number);
    }
    if has("sao") || phrase("xep hang") || phrase("phan hang") || key == "hang" {
        return Some(Field::Stars);
    }
    if has("nhom") || phrase("bo san pham") || phrase("nganh hang") {
        return Some(Field::Group);
    }
    if phrase("dia chi") || phrase("dia diem") || phrase("dia ban") {
        return Some(Field::Address);
    }
    if has("diem") {
        return Some(Field::Score);
    }
    if phrase("chu the")
        || phrase("don vi")
        || phrase("co so")
        || phrase("doanh nghiep")
        || phrase("to chuc")
        || phrase("chu san pham")
        || phrase("ten chu")
        || has("htx")
    {
        return Some(Field::Owner);
    }
    if phrase("san pham") || phrase("ten sp") || has("sp") || key == "ten" {
        return Some(Field::Name);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_by_their_words() {
        assert_eq!(header_key("  Tên   SẢN phẩm "), "ten san pham");
        assert_eq!(header_key("Tên sản\nphẩm"), "ten san pham");
        for (h, f) in [
            ("Tên sản phẩm", Field::Name),
            ("TEN SAN PHAM", Field::Name),
            ("Tên sản phẩm OCOP", Field::Name),
            ("Tên SP", Field::Name),
            ("Sản phẩm", Field::Name),
            ("Tên sản\nphẩm", Field::Name),
            ("Chủ thể (HTX/DN/Hộ KD)", Field::Owner),
            ("Tên chủ thể", Field::Owner),
            ("Chủ thể sản phẩm", Field::Owner),
            ("Đơn vị", Field::Owner),
            ("Tên cơ sở sản xuất", Field::Owner),
            ("Địa chỉ", Field::Address),
            ("Địa chỉ chủ thể", Field::Address),
            ("Địa điểm sản xuất", Field::Address),
            ("Nhóm sản phẩm", Field::Group),
            ("Phân nhóm", Field::Group),
            ("Điểm", Field::Score),
            ("Điểm số", Field::Score),
            ("Tổng điểm", Field::Score),
            ("Điểm đánh giá của Hội đồng", Field::Score),
            ("Hạng sao", Field::Stars),
            ("Xếp hạng", Field::Stars),
            ("Kết quả xếp hạng (sao)", Field::Stars),
            ("Số giấy chứng nhận", Field::Number),
            ("Số GCN", Field::Number),
            ("STT", Field::Stt),
            ("Số TT", Field::Stt),
            ("Ghi chú", Field::Note),
        ] {
            assert_eq!(field_of(h), Some(f), "{h}");
        }
        assert_eq!(field_of("Màu sắc"), None);
        assert_eq!(field_of("Mã sản phẩm"), None);
        assert_eq!(field_of("Đơn vị tính"), None);
        assert_eq!(field_of(""), None);
    }

    #[test]
    fn map_entries_are_headers_or_letters() {
        let headers = vec![(0, "STT".to_string()), (1, "Tên SP OCOP".to_string())];
        assert_eq!(
            column_ref("tên sp ocop", &headers),
            ColumnRef::Header("tên sp ocop".into())
        );
        // "STT" is a header here, not column STT.
        assert_eq!(column_ref("STT", &headers), ColumnRef::Header("STT".into()));
        assert_eq!(column_ref("C", &headers), ColumnRef::Letter(2));
        assert_eq!(
            column_ref("Chủ thể", &headers),
            ColumnRef::Header("Chủ thể".into())
        );
    }
}
