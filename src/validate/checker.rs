//! What every rule of `validate` shares: where problems go, how a field
//! path becomes a located diagnostic, and the checks many parts make
//! (unit references, non-empty text, dates, citations, signers).

use super::CheckedCitation;
use crate::diag::{Diagnostic, did_you_mean, quote};
use crate::load::Loaded;
use crate::load::yaml::join;
use crate::model::{Citation, CitationFields, DocDate, Level, Recipient, Signer};
use crate::regime::DISTRICT_ABOLISHED;
use crate::timeline;
use crate::units::{Units, is_unit_key};
use crate::vn::{self, PartialDate};

pub struct Checker<'a> {
    pub loaded: &'a Loaded,
    pub units: Units<'a>,
    pub level: Level,
    /// Spreadsheet rows (file, row) with characters the document font
    /// cannot print, and those errors.
    pub glyphless_rows: Vec<((std::path::PathBuf, usize), Vec<Diagnostic>)>,
    /// Problems of the file: any error stops all its documents.
    pub problems: Vec<Diagnostic>,
    /// While a plan is checked: what its body may refer to.
    pub plan_refs: Option<super::table_state::PlanRefs>,
    /// The tables checked so far, laid out.
    pub tables: super::table_state::LaidTables,
}

impl<'a> Checker<'a> {
    /// `d`, located in the file, unless it concerns a value that was
    /// already reported as missing or unreadable.
    pub fn push(&mut self, d: Diagnostic) {
        if d.field
            .as_deref()
            .is_some_and(|f| self.loaded.is_reported(f))
        {
            return;
        }
        self.problems.push(self.loaded.source.locate(d));
    }

    pub fn error(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        self.push(Diagnostic::error(message).field(path).hint(hint));
    }

    pub fn warning(&mut self, path: &str, message: impl Into<String>, hint: impl Into<String>) {
        self.push(Diagnostic::warning(message).field(path).hint(hint));
    }

    /// Reports empty text as "`what` đang để trống".
    pub fn non_empty(&mut self, path: &str, text: &str, what: &str) {
        if text.trim().is_empty() {
            self.error(
                path,
                format!("{what} đang để trống"),
                "điền nội dung hoặc xóa mục này",
            );
        }
    }

    /// A unit reference must name a declared unit when it is shaped like a key.
    pub fn unit(&mut self, path: &str, reference: &str) {
        let reference = reference.trim();
        if !is_unit_key(reference) || self.units.get(reference).is_some() {
            return;
        }
        let hint = match did_you_mean(reference, self.units.keys()) {
            Some(s) => format!("có phải ý bạn là `{s}`? Đơn vị phải được khai báo trong `units`"),
            None => {
                format!("khai báo `{reference}` trong `units` (name, short), hoặc viết tên đầy đủ")
            }
        };
        self.error(
            path,
            format!("đơn vị `{reference}` chưa được khai báo"),
            hint,
        );
    }

    pub fn units(&mut self, path: &str, references: &[String]) {
        for (i, r) in references.iter().enumerate() {
            self.unit(&crate::load::yaml::index(path, i), r);
        }
    }

    /// Nơi nhận lines: unit references, a line with a note, a group of
    /// lines sharing a note.
    pub fn recipients(&mut self, path: &str, recipients: &[Recipient]) {
        for (i, r) in recipients.iter().enumerate() {
            let p = crate::load::yaml::index(path, i);
            let f = match r {
                Recipient::Text(t) => {
                    self.unit(&p, t);
                    continue;
                }
                Recipient::Fields(f) => f,
            };
            match (&f.text, &f.group) {
                (Some(_), Some(_)) => self.error(
                    &p,
                    "nơi nhận có cả text và group",
                    "một dòng viết { text, note }; nhiều dòng chung một ghi chú viết { group: [...], note }",
                ),
                (None, None) => self.error(
                    &p,
                    "nơi nhận chưa có nội dung",
                    "viết { text: …, note: … } hoặc { group: [...], note: … }",
                ),
                (Some(t), None) => {
                    self.non_empty(&join(&p, "text"), t, "nơi nhận");
                    self.unit(&join(&p, "text"), t);
                }
                (None, Some(group)) => {
                    if group.len() < 2 {
                        self.error(
                            &join(&p, "group"),
                            "nhóm nơi nhận cần ít nhất hai dòng",
                            "một dòng có ghi chú viết { text: …, note: … }",
                        );
                    }
                    for (j, g) in group.iter().enumerate() {
                        let gp = crate::load::yaml::index(&join(&p, "group"), j);
                        self.non_empty(&gp, g, "dòng nơi nhận");
                        self.unit(&gp, g);
                    }
                    if f.note.is_none() {
                        self.error(
                            &p,
                            "nhóm nơi nhận chưa có ghi chú chung (note)",
                            "ví dụ note: báo cáo → in \"} (báo cáo)\" bên phải các dòng",
                        );
                    }
                }
            }
            if let Some(note) = &f.note {
                self.non_empty(&join(&p, "note"), note, "ghi chú nơi nhận");
            }
        }
    }

    /// A header date, resolved; None (reported) when impossible.
    pub fn date(&mut self, path: &str, date: &DocDate) -> Option<PartialDate> {
        match date {
            DocDate::Text(t) => match timeline::parse_date(t) {
                Ok(d) => Some(PartialDate::full(d)),
                Err(d) => {
                    self.push(d.field(path));
                    None
                }
            },
            DocDate::Parts { year, month, day } => {
                if !(1900..=2200).contains(year) {
                    self.error(
                        &join(path, "year"),
                        format!("năm {year} không hợp lệ"),
                        "viết năm đủ 4 chữ số, ví dụ 2027",
                    );
                    return None;
                }
                match (month, day) {
                    (None, Some(_)) => {
                        self.error(
                            &join(path, "day"),
                            "có ngày nhưng thiếu tháng",
                            "thêm month, hoặc viết cả ngày dạng 15/01/2027",
                        );
                        None
                    }
                    (Some(m), _) if !(1..=12).contains(m) => {
                        self.error(
                            &join(path, "month"),
                            format!("tháng {m} không có thật"),
                            "tháng chỉ từ 1 đến 12",
                        );
                        None
                    }
                    (Some(m), Some(d)) if vn::Date::new(*year, *m, *d).is_none() => {
                        self.error(
                            &join(path, "day"),
                            format!("ngày không có thật: {d}/{m}/{year}"),
                            format!("tháng {m}/{year} có {} ngày", vn::days_in_month(*year, *m)),
                        );
                        None
                    }
                    _ => Some(PartialDate {
                        year: *year,
                        month: *month,
                        day: *day,
                    }),
                }
            }
        }
    }

    /// A full date typed as text (a certificate's or a citation's).
    pub fn full_date(&mut self, path: &str, text: &str) -> Option<vn::Date> {
        match timeline::parse_date(text) {
            Ok(d) => Some(d),
            Err(d) => {
                self.push(d.field(path));
                None
            }
        }
    }

    /// A district issuer is valid only for documents dated before 01/07/2025.
    pub fn issuer_level_on(&mut self, date: PartialDate, path: &str) {
        if self.level != Level::District {
            return;
        }
        let after = match date.month {
            Some(_) => date.earliest() >= DISTRICT_ABOLISHED,
            None => date.year > 2025,
        };
        if after {
            self.error(
                path,
                "UBND cấp huyện không còn ban hành văn bản từ ngày 01/7/2025",
                "theo Luật số 72/2025/QH15 (Điều 51 khoản 3) chính quyền địa phương chỉ còn cấp tỉnh và cấp xã; đổi issuer.level thành province hoặc commune, hoặc sửa ngày nếu đây là văn bản cũ",
            );
        } else if date.month.is_none() && date.year == 2025 {
            self.error(
                path,
                "văn bản cấp huyện năm 2025 cần ghi rõ tháng",
                "cấp huyện chỉ ban hành văn bản trước ngày 01/7/2025; thêm month vào ngày",
            );
        }
    }

    /// A legal basis, its date read; `None` (reported) when it is impossible.
    pub fn citation<'c>(&mut self, path: &str, c: &'c Citation) -> Option<CheckedCitation<'c>> {
        match c {
            Citation::Text(t) => {
                self.non_empty(path, t, "căn cứ");
                Some(CheckedCitation::Text(t))
            }
            Citation::Fields(f) => {
                self.non_empty(&join(path, "kind"), &f.kind, "loại văn bản");
                self.cited(path, f)
            }
        }
    }

    /// A structured citation at `path`, its date read.
    pub fn cited<'c>(&mut self, path: &str, f: &'c CitationFields) -> Option<CheckedCitation<'c>> {
        let date = match &f.date {
            Some(text) => Some(self.full_date(&join(path, "date"), text)?),
            None => None,
        };
        Some(CheckedCitation::Fields { fields: f, date })
    }

    pub fn signer(&mut self, path: &str, s: &Signer) {
        if s.name.trim().is_empty() {
            self.error(
                &join(path, "name"),
                "chưa có họ tên người ký",
                "điền họ và tên, không kèm học hàm, học vị",
            );
        }
        let lines = [&s.tm, &s.tl, &s.tuq, &s.kt, &s.q, &s.title];
        if lines
            .iter()
            .all(|l| l.as_deref().is_none_or(|t| t.trim().is_empty()))
        {
            self.error(
                path,
                "chưa có chức vụ người ký",
                "thêm title (ví dụ PHÓ CHỦ TỊCH) và nếu cần tm/kt (ví dụ tm: ỦY BAN NHÂN DÂN, kt: CHỦ TỊCH)",
            );
        }
        if s.kt.is_some() && s.title.is_none() {
            self.error(
                &join(path, "kt"),
                "ký thay (KT.) cần chức vụ của người ký",
                "thêm title, ví dụ title: PHÓ CHỦ TỊCH",
            );
        }
        if s.kt.is_some() && s.q.is_some() {
            self.error(
                &join(path, "q"),
                "không thể vừa ký thay (KT.) vừa ký quyền (Q.)",
                "giữ một trong hai",
            );
        }
        if s.tl.is_some() && s.tuq.is_some() {
            self.error(
                &join(path, "tuq"),
                "không thể vừa thừa lệnh (TL.) vừa thừa ủy quyền (TUQ.)",
                "giữ một trong hai",
            );
        }
    }

    /// The number part of a document's số ký hiệu must be digits.
    pub fn number(&mut self, path: &str, number: &crate::model::DocNumber, hint: &str) {
        if let Some(n) = &number.0
            && !n.chars().all(|c| c.is_ascii_digit())
        {
            self.error(
                path,
                format!("số văn bản `{}` phải là chữ số", quote(n)),
                hint,
            );
        }
    }

    /// The Nơi nhận "Lưu:" line.
    pub fn archive(&mut self, path: &str, archive: &str) {
        if archive.trim().is_empty() {
            self.error(
                path,
                "dòng \"Lưu:\" đang để trống",
                "ví dụ archive: \"VT, NN.\"",
            );
        } else if !archive.trim_end().ends_with('.') {
            self.warning(
                path,
                "dòng \"Lưu:\" không kết thúc bằng dấu chấm",
                "dòng cuối Nơi nhận thường kết thúc bằng \".\", ví dụ \"VT, NN.\"",
            );
        }
    }
}
