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
    // The register's fields (see [`ListKind::Register`]).
    OwnerType,
    Commune,
    District,
    Province,
    Subgroup,
    Decision,
    DecisionDate,
    IssueDate,
    Expiry,
    Status,
    StatusDecision,
    Evaluation,
}

/// What a table is read as: a round's product list, or the register of
/// every recognised product. They share the reader, the header matching
/// and the column map; each reads its own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKind {
    Round,
    Register,
}

impl ListKind {
    pub fn fields(self) -> &'static [Field] {
        match self {
            ListKind::Round => &Field::ALL,
            ListKind::Register => &Field::REGISTER,
        }
    }

    pub fn required(self) -> &'static [Field] {
        match self {
            ListKind::Round => &Field::REQUIRED,
            ListKind::Register => &Field::REGISTER_REQUIRED,
        }
    }

    /// The field a column of `f` is read as: `f` itself, a round list's
    /// product group for a sub-group column ("Phân nhóm"), or none.
    pub fn accept(self, f: Field) -> Option<Field> {
        match (self, f) {
            (ListKind::Round, Field::Subgroup) => Some(Field::Group),
            _ => self.fields().contains(&f).then_some(f),
        }
    }

    /// The field a header names, for this kind.
    pub fn field_of(self, header: &str) -> Option<Field> {
        field_of(header).and_then(|f| self.accept(f))
    }
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

    /// The register's fields, in the order of its exported form.
    pub const REGISTER: [Field; 21] = [
        Field::Stt,
        Field::Name,
        Field::Owner,
        Field::OwnerType,
        Field::Address,
        Field::Commune,
        Field::District,
        Field::Province,
        Field::Group,
        Field::Subgroup,
        Field::Score,
        Field::Stars,
        Field::Evaluation,
        Field::Decision,
        Field::DecisionDate,
        Field::Number,
        Field::IssueDate,
        Field::Expiry,
        Field::Status,
        Field::StatusDecision,
        Field::Note,
    ];

    /// Columns a register cannot do without.
    pub const REGISTER_REQUIRED: [Field; 6] = [
        Field::Name,
        Field::Owner,
        Field::Commune,
        Field::Stars,
        Field::Decision,
        Field::DecisionDate,
    ];

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
            Field::OwnerType => "owner_type",
            Field::Commune => "commune",
            Field::District => "district",
            Field::Province => "province",
            Field::Subgroup => "subgroup",
            Field::Decision => "decision",
            Field::DecisionDate => "decision_date",
            Field::IssueDate => "issue_date",
            Field::Expiry => "expiry",
            Field::Status => "status",
            Field::StatusDecision => "status_decision",
            Field::Evaluation => "evaluation",
        }
    }

    pub fn from_key(key: &str) -> Option<Field> {
        Field::REGISTER.into_iter().find(|f| f.key() == key)
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
            Field::OwnerType => "Loại hình chủ thể",
            Field::Commune => "Xã, phường",
            Field::District => "Huyện (trước 01/7/2025)",
            Field::Province => "Tỉnh",
            Field::Subgroup => "Phân nhóm",
            Field::Decision => "Số quyết định công nhận",
            Field::DecisionDate => "Ngày quyết định",
            Field::IssueDate => "Ngày cấp",
            Field::Expiry => "Ngày hết hạn",
            Field::Status => "Trạng thái",
            Field::StatusDecision => "Quyết định trạng thái",
            Field::Evaluation => "Hình thức đánh giá",
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
            Field::OwnerType => "loại hình chủ thể",
            Field::Commune => "xã, phường",
            Field::District => "huyện",
            Field::Province => "tỉnh",
            Field::Subgroup => "phân nhóm",
            Field::Decision => "số quyết định công nhận",
            Field::DecisionDate => "ngày quyết định",
            Field::IssueDate => "ngày cấp",
            Field::Expiry => "ngày hết hạn",
            Field::Status => "trạng thái",
            Field::StatusDecision => "quyết định trạng thái",
            Field::Evaluation => "hình thức đánh giá",
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
            Field::OwnerType => &self.owner_type,
            Field::Commune => &self.commune,
            Field::District => &self.district,
            Field::Province => &self.province,
            Field::Subgroup => &self.subgroup,
            Field::Decision => &self.decision,
            Field::DecisionDate => &self.decision_date,
            Field::IssueDate => &self.issue_date,
            Field::Expiry => &self.expiry,
            Field::Status => &self.status,
            Field::StatusDecision => &self.status_decision,
            Field::Evaluation => &self.evaluation,
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
            Field::OwnerType => self.owner_type = v,
            Field::Commune => self.commune = v,
            Field::District => self.district = v,
            Field::Province => self.province = v,
            Field::Subgroup => self.subgroup = v,
            Field::Decision => self.decision = v,
            Field::DecisionDate => self.decision_date = v,
            Field::IssueDate => self.issue_date = v,
            Field::Expiry => self.expiry = v,
            Field::Status => self.status = v,
            Field::StatusDecision => self.status_decision = v,
            Field::Evaluation => self.evaluation = v,
        }
    }

    pub fn is_empty(&self) -> bool {
        Field::REGISTER.iter().all(|f| self.get(*f).is_none())
    }

    /// The fields named, with what names them.
    pub fn entries(&self) -> impl Iterator<Item = (Field, &str)> {
        Field::REGISTER
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
    if let Some(f) = register_field(&key, &words) {
        return Some(f);
    }
    if phrase("chung nhan") || has("gcn") || phrase("giay cn") || phrase("so cn") {
        return Some(Field::Number);
    }
    if has("sao") || phrase("xep hang") || phrase("phan hang") || key == "hang" {
        return Some(Field::Stars);
    }
    if phrase("phan nhom") {
        return Some(Field::Subgroup);
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

/// The register's own headers: dates, decisions, status, the parts of
/// the address under two-level government, the subject's type, how the
/// product was evaluated. Checked before the product list's headers,
/// which some of them contain ("Ngày cấp giấy chứng nhận" is a date).
fn register_field(key: &str, words: &[&str]) -> Option<Field> {
    let has = |w: &str| words.contains(&w);
    let phrase = |p: &str| format!(" {key} ").contains(&format!(" {p} "));
    let first = words.first().copied().unwrap_or("");
    if phrase("het han") || phrase("het hieu luc") || phrase("hieu luc den") || phrase("han gcn") {
        return Some(Field::Expiry);
    }
    if has("ngay") {
        return if phrase("ngay cap") {
            Some(Field::IssueDate)
        } else if phrase("quyet dinh") || has("qd") || phrase("ngay ky") || phrase("cong nhan") {
            Some(Field::DecisionDate)
        } else {
            None
        };
    }
    if phrase("thu hoi") || phrase("quyet dinh trang thai") || phrase("qd trang thai") {
        return Some(Field::StatusDecision);
    }
    if phrase("trang thai") || phrase("tinh trang") || phrase("hieu luc") {
        return Some(Field::Status);
    }
    if phrase("quyet dinh") || phrase("so qd") || key == "qd" {
        return Some(Field::Decision);
    }
    if phrase("hinh thuc") || phrase("danh gia lan") || phrase("loai danh gia") {
        return Some(Field::Evaluation);
    }
    if phrase("loai hinh") || phrase("loai chu the") || phrase("loai hinh chu the") {
        return Some(Field::OwnerType);
    }
    if matches!(first, "xa" | "phuong") || phrase("cap xa") || phrase("dia ban xa") {
        return Some(Field::Commune);
    }
    if matches!(first, "huyen" | "quan") {
        return Some(Field::District);
    }
    if first == "tinh" || phrase("tinh thanh") {
        return Some(Field::Province);
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
            ("Phân nhóm", Field::Subgroup),
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
        for (h, f) in [
            ("Ngày cấp giấy chứng nhận", Field::IssueDate),
            ("Ngày hết hạn", Field::Expiry),
            ("Hiệu lực đến ngày", Field::Expiry),
            ("Ngày quyết định công nhận", Field::DecisionDate),
            ("Số quyết định công nhận", Field::Decision),
            ("Quyết định thu hồi", Field::StatusDecision),
            ("Tình trạng", Field::Status),
            ("Trạng thái", Field::Status),
            ("Loại hình chủ thể", Field::OwnerType),
            ("Xã, phường", Field::Commune),
            ("Xã/phường/đặc khu", Field::Commune),
            ("Huyện (cũ)", Field::District),
            ("Tỉnh", Field::Province),
            ("Hình thức đánh giá", Field::Evaluation),
        ] {
            assert_eq!(field_of(h), Some(f), "{h}");
        }
        assert_eq!(ListKind::Round.field_of("Phân nhóm"), Some(Field::Group));
        assert_eq!(ListKind::Round.field_of("Ngày cấp"), None);
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
