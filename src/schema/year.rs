//! The Vietnamese hover help of the keys of the product register and of
//! the documents drawn from it (docs/schema.md, "Sổ đăng ký và cả năm").

use super::descriptions::Description;

const fn d(ty: &'static str, key: &'static str, text: &'static str) -> Description {
    Description {
        ty,
        key,
        text,
        examples: &[],
    }
}

pub static YEAR_DESCRIPTIONS: &[Description] = &[
    d(
        "PlanFile",
        "register",
        "Sổ đăng ký sản phẩm OCOP: mọi sản phẩm đã được công nhận qua các đợt, các năm (tệp bảng tính hoặc các dòng viết ngay trong YAML).",
    ),
    d(
        "PlanFile",
        "submissions",
        "Tờ trình của cơ quan thường trực đề nghị ban hành một quyết định trong tệp.",
    ),
    d(
        "PlanFile",
        "notices",
        "Thông báo kết quả đánh giá, phân hạng của một đợt tới UBND cấp xã và các chủ thể.",
    ),
    d(
        "PlanFile",
        "revocations",
        "Quyết định thu hồi Giấy chứng nhận sản phẩm OCOP.",
    ),
    d(
        "PlanFile",
        "reminders",
        "Công văn gửi từng xã, phường: các sản phẩm có giấy chứng nhận sắp hết hạn cần đánh giá lại.",
    ),
    d(
        "PlanFile",
        "report",
        "Báo cáo kết quả thực hiện Chương trình OCOP năm: phần lời do cán bộ viết, bảng số liệu tính từ sổ đăng ký và kế hoạch.",
    ),
    d(
        "ColumnMap",
        "owner_type",
        "Cột loại hình chủ thể (sổ đăng ký).",
    ),
    d("ColumnMap", "commune", "Cột xã, phường (sổ đăng ký)."),
    d(
        "ColumnMap",
        "district",
        "Cột huyện, chỉ cho quyết định trước 01/7/2025 (sổ đăng ký).",
    ),
    d("ColumnMap", "province", "Cột tỉnh (sổ đăng ký)."),
    d(
        "ColumnMap",
        "subgroup",
        "Cột phân nhóm sản phẩm (sổ đăng ký).",
    ),
    d(
        "ColumnMap",
        "decision",
        "Cột số quyết định công nhận (sổ đăng ký).",
    ),
    d(
        "ColumnMap",
        "decision_date",
        "Cột ngày quyết định công nhận (sổ đăng ký).",
    ),
    d(
        "ColumnMap",
        "issue_date",
        "Cột ngày cấp giấy chứng nhận (sổ đăng ký).",
    ),
    d(
        "ColumnMap",
        "expiry",
        "Cột ngày hết hạn giấy chứng nhận (sổ đăng ký).",
    ),
    d(
        "ColumnMap",
        "status",
        "Cột trạng thái: còn hiệu lực, sắp hết hạn, hết hạn, đánh giá lại, nâng hạng, thu hồi (sổ đăng ký).",
    ),
    d(
        "ColumnMap",
        "status_decision",
        "Cột quyết định của trạng thái, ví dụ quyết định thu hồi (sổ đăng ký).",
    ),
    d(
        "ColumnMap",
        "evaluation",
        "Cột hình thức đánh giá: lần đầu, đánh giá lại, nâng hạng (sổ đăng ký).",
    ),
    d(
        "ListItemFields",
        "target",
        "Chỉ tiêu của dòng này dưới dạng số để báo cáo cuối năm đối chiếu với sổ đăng ký.",
    ),
    d(
        "Target",
        "measure",
        "Đại lượng: recognised (công nhận trong năm), new (mới), re_evaluated (đánh giá lại), upgraded (nâng hạng), re_evaluated_percent (% sản phẩm hết hạn được đánh giá lại), valid (còn hiệu lực cuối năm), subjects (số chủ thể).",
    ),
    d(
        "Target",
        "value",
        "Số chỉ tiêu, ví dụ 20 (sản phẩm) hoặc 100 (%).",
    ),
    d(
        "Target",
        "min_stars",
        "Chỉ tính sản phẩm từ số sao này trở lên.",
    ),
    d(
        "Section",
        "results",
        "Trong báo cáo: ocop điền tại mục này kết quả tính từ sổ đăng ký so với chỉ tiêu của kế hoạch, kèm bảng và biểu đồ.",
    ),
    d(
        "Register",
        "file",
        "Tệp sổ đăng ký (.xlsx, .ods, .csv) cạnh tệp YAML.",
    ),
    d(
        "Register",
        "sheet",
        "Trang tính của sổ đăng ký (mặc định trang đầu đang hiện).",
    ),
    d(
        "Register",
        "columns",
        "Tên tiêu đề hoặc chữ cái cột cho từng trường khi sổ đặt tên cột khác.",
    ),
    d(
        "Register",
        "products",
        "Các dòng của sổ viết ngay trong YAML.",
    ),
    d(
        "Register",
        "as_of",
        "Ngày xét trạng thái (còn hiệu lực, sắp hết hạn, hết hạn); mặc định ngày của văn bản dùng sổ.",
    ),
    d(
        "Register",
        "expiring_months",
        "Số tháng trước ngày hết hạn được coi là sắp hết hạn (mặc định 6).",
    ),
    d(
        "Register",
        "communes_file",
        "Danh mục xã, phường của địa phương (cùng dạng data/communes-2025.tsv), thay cho danh mục có sẵn.",
    ),
    d("RegisterEntry", "stt", "Số thứ tự."),
    d("RegisterEntry", "name", "Tên sản phẩm."),
    d("RegisterEntry", "owner", "Chủ thể."),
    d(
        "RegisterEntry",
        "owner_type",
        "Loại hình chủ thể: hợp tác xã, doanh nghiệp, tổ hợp tác, hộ kinh doanh.",
    ),
    d("RegisterEntry", "address", "Thôn, bản, số nhà."),
    d(
        "RegisterEntry",
        "commune",
        "Xã, phường: \"xã Sìn Hồ\", \"phường Tân Phong\".",
    ),
    d(
        "RegisterEntry",
        "district",
        "Huyện, chỉ cho quyết định trước 01/7/2025.",
    ),
    d(
        "RegisterEntry",
        "province",
        "Tỉnh (mặc định tỉnh ban hành).",
    ),
    d(
        "RegisterEntry",
        "group",
        "Nhóm sản phẩm: mã (I, I.3), số 1–6 hoặc tên theo Phụ lục I.",
    ),
    d(
        "RegisterEntry",
        "subgroup",
        "Phân nhóm: mã (I.3.c) hoặc tên theo Phụ lục I.",
    ),
    d("RegisterEntry", "score", "Điểm trung bình của Hội đồng."),
    d("RegisterEntry", "stars", "Hạng sao (3, 4 hoặc 5)."),
    d(
        "RegisterEntry",
        "evaluation",
        "Hình thức: Đánh giá lần đầu, Đánh giá lại, Nâng hạng (để trống: tính từ các dòng trước).",
    ),
    d(
        "RegisterEntry",
        "decision",
        "Số quyết định công nhận: 1234/QĐ-UBND.",
    ),
    d(
        "RegisterEntry",
        "decision_date",
        "Ngày quyết định công nhận.",
    ),
    d("RegisterEntry", "number", "Số giấy chứng nhận."),
    d(
        "RegisterEntry",
        "issue_date",
        "Ngày cấp giấy chứng nhận (mặc định ngày quyết định).",
    ),
    d(
        "RegisterEntry",
        "expiry",
        "Ngày hết hạn (ngày cấp cộng 36 tháng).",
    ),
    d(
        "RegisterEntry",
        "status",
        "Trạng thái: còn hiệu lực, sắp hết hạn, hết hạn, đánh giá lại, nâng hạng, thu hồi.",
    ),
    d(
        "RegisterEntry",
        "status_decision",
        "Quyết định của trạng thái: 1820/QĐ-UBND ngày 20/10/2027.",
    ),
    d("RegisterEntry", "note", "Ghi chú."),
    d("Submission", "file", "Tên tệp kết quả (không có đuôi)."),
    d(
        "Submission",
        "decision",
        "`file:` của quyết định được đề nghị ban hành.",
    ),
    d(
        "Submission",
        "number",
        "Số tờ trình; để trống khi là dự thảo.",
    ),
    d("Submission", "date", "Ngày tờ trình."),
    d(
        "Submission",
        "from",
        "Cơ quan trình (khóa đơn vị, ví dụ snnmt).",
    ),
    d(
        "Submission",
        "symbol",
        "Phần ký hiệu của cơ quan trình: SNNMT → Số: …/TTr-SNNMT.",
    ),
    d("Submission", "to", "Kính gửi; mặc định Chủ tịch UBND tỉnh."),
    d(
        "Submission",
        "body",
        "Các đoạn cơ quan trình viết trước phần đề nghị.",
    ),
    d("Submission", "recipients", "Nơi nhận sau \"Như trên\"."),
    d("Submission", "archive", "Dòng Lưu, ghi nguyên văn."),
    d(
        "Submission",
        "signer",
        "Người đứng đầu cơ quan trình (GIÁM ĐỐC).",
    ),
    d("Notice", "file", "Tên tệp kết quả (không có đuôi)."),
    d(
        "Notice",
        "decision",
        "`file:` của quyết định công nhận được thông báo.",
    ),
    d("Notice", "number", "Số thông báo; để trống khi là dự thảo."),
    d("Notice", "date", "Ngày thông báo."),
    d("Notice", "symbol", "Ký hiệu thay cho TB-UBND."),
    d(
        "Notice",
        "body",
        "Các đoạn sau kết quả (việc xã và chủ thể cần làm).",
    ),
    d("Notice", "recipients", "Nơi nhận."),
    d("Notice", "archive", "Dòng Lưu, ghi nguyên văn."),
    d(
        "Notice",
        "signer",
        "Người ký; mặc định người ký quyết định.",
    ),
    d("Revocation", "file", "Tên tệp kết quả (không có đuôi)."),
    d(
        "Revocation",
        "number",
        "Số quyết định; để trống khi là dự thảo.",
    ),
    d("Revocation", "date", "Ngày quyết định."),
    d("Revocation", "symbol", "Ký hiệu thay cho QĐ-UBND."),
    d(
        "Revocation",
        "legal_regime",
        "Quy định áp dụng; mặc định theo ngày.",
    ),
    d(
        "Revocation",
        "certificate",
        "Số giấy chứng nhận bị thu hồi, như trong sổ đăng ký.",
    ),
    d(
        "Revocation",
        "product",
        "Hoặc tên sản phẩm trong sổ đăng ký.",
    ),
    d(
        "Revocation",
        "owner",
        "Chủ thể, khi nhiều chủ thể cùng tên sản phẩm.",
    ),
    d(
        "Revocation",
        "ground",
        "Điểm của khoản 1 Điều 8 Quyết định 26/2026/QĐ-TTg: a, b, c, d, đ, e.",
    ),
    d(
        "Revocation",
        "ground_text",
        "Lý do thu hồi bằng lời, khi quy định chưa có dữ liệu các trường hợp thu hồi.",
    ),
    d(
        "Revocation",
        "finding",
        "Kết luận làm căn cứ thu hồi: \"Kết luận kiểm tra số … ngày … của …\".",
    ),
    d(
        "Revocation",
        "finding_date",
        "Ngày của kết luận (quyết định thu hồi trong 15 ngày).",
    ),
    d(
        "Revocation",
        "proposal",
        "Đề nghị: \"Giám đốc Sở … tại Tờ trình số …\".",
    ),
    d("Revocation", "executors", "Đơn vị thi hành (Điều 3)."),
    d("Revocation", "recipients", "Nơi nhận sau \"Như Điều 3\"."),
    d("Revocation", "archive", "Dòng Lưu, ghi nguyên văn."),
    d(
        "Revocation",
        "signer",
        "Người ký; mặc định người ký kế hoạch.",
    ),
    d("Reminder", "file", "Tiền tố tên tệp; tên xã được thêm vào."),
    d(
        "Reminder",
        "number",
        "Số công văn; để trống khi là dự thảo.",
    ),
    d("Reminder", "date", "Ngày công văn."),
    d(
        "Reminder",
        "drafting_unit",
        "Phần ký hiệu của đơn vị soạn: Số: …/UBND-KTN.",
    ),
    d(
        "Reminder",
        "months",
        "Liệt kê giấy chứng nhận hết hạn trong số tháng này (mặc định 6).",
    ),
    d(
        "Reminder",
        "body",
        "Các đoạn sau danh sách (việc xã cần làm).",
    ),
    d("Reminder", "recipients", "Nơi nhận sau \"Như trên\"."),
    d("Reminder", "archive", "Dòng Lưu, ghi nguyên văn."),
    d(
        "Reminder",
        "signer",
        "Người ký; mặc định người ký kế hoạch.",
    ),
    d("Report", "file", "Tên tệp kết quả (không có đuôi)."),
    d("Report", "number", "Số báo cáo; để trống khi là dự thảo."),
    d("Report", "date", "Ngày báo cáo."),
    d(
        "Report",
        "year",
        "Năm báo cáo; mặc định năm của ngày báo cáo.",
    ),
    d("Report", "symbol", "Ký hiệu thay cho BC-UBND."),
    d("Report", "title", "Trích yếu thay cho mặc định."),
    d("Report", "to", "Kính gửi (báo cáo gửi cấp trên)."),
    d("Report", "intro", "Đoạn mở đầu; mặc định dẫn kế hoạch năm."),
    d(
        "Report",
        "sections",
        "Các mục của báo cáo do cán bộ viết; mục có `results: true` nhận kết quả tính từ sổ đăng ký.",
    ),
    d("Report", "funding", "Kinh phí đã sử dụng theo nguồn."),
    d(
        "Report",
        "closing",
        "Đoạn kết; \"./.\" được thêm nếu thiếu.",
    ),
    d("Report", "recipients", "Nơi nhận sau \"Như trên\"."),
    d("Report", "archive", "Dòng Lưu, ghi nguyên văn."),
    d("Report", "signer", "Người ký; mặc định người ký kế hoạch."),
    d(
        "SpentFunding",
        "source",
        "Nguồn kinh phí, như kế hoạch ghi.",
    ),
    d(
        "SpentFunding",
        "planned",
        "Kinh phí kế hoạch, khi kế hoạch không ghi.",
    ),
    d("SpentFunding", "spent", "Kinh phí đã sử dụng (đồng)."),
];
