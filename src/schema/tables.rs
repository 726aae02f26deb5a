//! The Vietnamese hover help of the keys of tables, funding and
//! appendices (docs/schema.md, "Bảng", "Kinh phí", "Phụ lục").

use super::descriptions::Description;

const fn d(
    ty: &'static str,
    key: &'static str,
    text: &'static str,
    examples: &'static [&'static str],
) -> Description {
    Description {
        ty,
        key,
        text,
        examples,
    }
}

pub static TABLE_DESCRIPTIONS: &[Description] = &[
    d(
        "BlockFields",
        "table",
        "Một bảng: `columns` (các cột), `header` (dòng tiêu đề gộp ô), `rows` (các dòng), `total` (dòng tổng cộng); `text` in thành đoạn văn trước bảng.",
        &[
            "{\"columns\": [\"TT\", \"Nội dung\", {\"title\": \"Số lượng\", \"sum\": true}], \"rows\": [[1, \"Thực phẩm\", 12]], \"total\": true}",
        ],
    ),
    d(
        "BlockFields",
        "appendix",
        "Khóa của một phụ lục: in \"{text} tại Phụ lục I kèm theo Kế hoạch này.\" (mặc định text là \"Chi tiết\"); số phụ lục luôn đúng thứ tự.",
        &["\"tasks\""],
    ),
    d(
        "Table",
        "title",
        "Tên bảng, in đậm, căn giữa phía trên bảng.",
        &["\"Chỉ tiêu phát triển sản phẩm OCOP năm 2027\""],
    ),
    d(
        "Table",
        "unit",
        "Dòng đơn vị tính, in nghiêng ở góc phải phía trên bảng.",
        &["\"Đơn vị tính: sản phẩm\""],
    ),
    d(
        "Table",
        "columns",
        "Các cột, trái sang phải: tiêu đề cột, hoặc `{ title, width, align, number, sum }`.",
        &[
            "[\"TT\", {\"title\": \"Nội dung\", \"width\": 6}, {\"title\": \"Số lượng\", \"sum\": true}]",
        ],
    ),
    d(
        "Table",
        "header",
        "Các dòng tiêu đề phía trên tiêu đề cột, cho ô gộp: mỗi dòng là danh sách ô; ô `{ text, cols: 3 }` gộp 3 cột, `{ text, rows: 2 }` gộp xuống dòng dưới. Phần tiêu đề lặp lại ở đầu mỗi trang.",
        &[
            "[[{\"text\": \"TT\", \"rows\": 2}, {\"text\": \"Nội dung\", \"rows\": 2}, {\"text\": \"Chia ra\", \"cols\": 2}]]",
        ],
    ),
    d(
        "Table",
        "rows",
        "Các dòng: danh sách ô `[1, Thực phẩm, 12]`; `{ group: I. NHÓM … }` là dòng tiêu đề nhóm trải hết bảng; `{ cells: [...], bold: true }` là dòng in đậm. Số viết kiểu Việt Nam: 1.250.000; số thập phân đặt trong ngoặc kép: \"2,5\".",
        &["[[1, \"Thực phẩm\", 12], {\"group\": \"II. ĐỒ UỐNG\"}]"],
    ),
    d(
        "Table",
        "total",
        "Dòng tổng cộng của các cột `sum: true`: `true` (nhãn \"Tổng cộng\"), một nhãn khác, hoặc cả dòng như văn bản gốc `[\"\", Tổng cộng, 16]` — số ghi trong dòng được đối chiếu với tổng các dòng, ô trống được điền tổng.",
        &["true", "\"Cộng\"", "[\"\", \"Tổng cộng\", 16]"],
    ),
    d(
        "ColumnFields",
        "title",
        "Tiêu đề cột (in đậm, căn giữa, lặp lại ở mỗi trang).",
        &["\"Số lượng\""],
    ),
    d(
        "ColumnFields",
        "width",
        "Độ rộng tương đối: cột `width: 4` rộng gấp 4 lần cột `width: 1`. Bỏ trống ở mọi cột: tính theo nội dung.",
        &["4"],
    ),
    d(
        "ColumnFields",
        "align",
        "Căn lề: `left`, `center`, `right`. Mặc định: số căn phải, cột mã ngắn (TT) căn giữa, chữ căn trái.",
        &["\"center\""],
    ),
    d(
        "ColumnFields",
        "number",
        "`true`: cột số, viết kiểu Việt Nam (1.250.000; 2,5) và căn phải; ô trống hoặc \"-\" là không có số.",
        &["true"],
    ),
    d(
        "ColumnFields",
        "sum",
        "`true`: cột số được cộng ở dòng tổng (`total`).",
        &["true"],
    ),
    d("CellFields", "text", "Nội dung ô.", &["\"Chia ra\""]),
    d(
        "CellFields",
        "cols",
        "Số cột ô chiếm (gộp sang phải).",
        &["2"],
    ),
    d(
        "CellFields",
        "rows",
        "Số dòng ô chiếm (gộp xuống dưới).",
        &["2"],
    ),
    d(
        "CellFields",
        "align",
        "Căn lề riêng của ô: `left`, `center`, `right`.",
        &[],
    ),
    d("CellFields", "bold", "`true`: in đậm.", &[]),
    d("RowFields", "cells", "Các ô của dòng.", &[]),
    d(
        "RowFields",
        "group",
        "Dòng tiêu đề nhóm, trải hết chiều ngang bảng, in đậm.",
        &["\"I. NHÓM THỰC PHẨM\""],
    ),
    d("RowFields", "bold", "`true`: cả dòng in đậm.", &[]),
    d(
        "Plan",
        "funding",
        "Kinh phí bằng số: các nguồn (`sources`), khoản không thuộc nhiệm vụ (`items`), tổng ghi trong văn bản (`total`, được kiểm tra). Nhiệm vụ ghi kinh phí bằng dòng `funding:`; khối `funding: total | sources | table` in ra từ số liệu này.",
        &[],
    ),
    d(
        "Plan",
        "appendices",
        "Các phụ lục sau chữ ký (Mẫu 2.1): `tasks: true` (bảng phân công nhiệm vụ lập từ các nhiệm vụ của kế hoạch), `funding: true` (bảng kinh phí), hoặc `title` + `body` (văn bản, bảng). Hai phụ lục trở lên được đánh số I, II …",
        &["[{\"tasks\": true}, {\"funding\": true}]"],
    ),
    d(
        "Funding",
        "unit",
        "Đơn vị tính của mọi số tiền: `đồng` (mặc định), `nghìn đồng`, `triệu đồng`, `tỷ đồng`.",
        &["\"triệu đồng\""],
    ),
    d(
        "Funding",
        "sources",
        "Các nguồn kinh phí, theo thứ tự cột của bảng: `{ key, name, total }`.",
        &[
            "[{\"key\": \"nstw\", \"name\": \"Ngân sách trung ương\"}, {\"key\": \"xhh\", \"name\": \"Xã hội hóa\"}]",
        ],
    ),
    d(
        "Funding",
        "items",
        "Các khoản kinh phí không thuộc nhiệm vụ nào: `{ content, amounts: { khóa nguồn: số tiền } }`.",
        &["[{\"content\": \"Kiểm tra, giám sát\", \"amounts\": {\"nst\": 50}}]"],
    ),
    d(
        "Funding",
        "total",
        "Tổng kinh phí như văn bản ghi; được đối chiếu với tổng các khoản, sai lệch là lỗi.",
        &["1250"],
    ),
    d(
        "DeclaredSource",
        "key",
        "Khóa của nguồn (chữ thường không dấu), dùng trong `amounts` và dòng `funding:` của nhiệm vụ.",
        &["\"nst\""],
    ),
    d(
        "DeclaredSource",
        "name",
        "Tên nguồn như in trong văn bản.",
        &["\"Ngân sách tỉnh\""],
    ),
    d(
        "DeclaredSource",
        "total",
        "Tổng của nguồn này như văn bản ghi; được kiểm tra.",
        &["700"],
    ),
    d("FundingItem", "content", "Nội dung khoản kinh phí.", &[]),
    d(
        "FundingItem",
        "amounts",
        "Số tiền theo khóa nguồn.",
        &["{\"nst\": 50, \"xhh\": 20}"],
    ),
    d(
        "FundingItem",
        "total",
        "Tổng của khoản như văn bản ghi; được kiểm tra.",
        &["70"],
    ),
    d(
        "PlanAppendix",
        "key",
        "Khóa để thân văn bản dẫn tới (`appendix: khóa`); mặc định `tasks` cho bảng nhiệm vụ, `funding` cho bảng kinh phí.",
        &["\"chi_tieu\""],
    ),
    d(
        "PlanAppendix",
        "title",
        "Tên phụ lục (in hoa); bảng nhiệm vụ và bảng kinh phí có tên mặc định.",
        &["\"Chỉ tiêu phát triển sản phẩm OCOP theo xã\""],
    ),
    d(
        "PlanAppendix",
        "tasks",
        "Bảng phân công nhiệm vụ (TT, nội dung, cơ quan chủ trì, phối hợp, thời gian hoàn thành, kết quả) lập từ chính các nhiệm vụ của kế hoạch: `true`, hoặc `{ numbering, body }`.",
        &["true", "{\"numbering\": \"own\", \"body\": \"content\"}"],
    ),
    d(
        "PlanAppendix",
        "funding",
        "`true`: bảng kinh phí theo nhiệm vụ và nguồn, lập từ `plan.funding`.",
        &["true"],
    ),
    d(
        "PlanAppendix",
        "body",
        "Văn bản và bảng của phụ lục (các khối như `body` của một mục); in sau bảng nhiệm vụ/kinh phí nếu có.",
        &[],
    ),
    d(
        "PlanAppendix",
        "landscape",
        "Trang ngang; mặc định: khi có bảng hơn 5 cột.",
        &["true"],
    ),
    d(
        "TaskTableFields",
        "numbering",
        "`plan` (mặc định): số thứ tự như trong thân kế hoạch, dưới các đề mục; `own`: 1, 2, 3 …",
        &["\"own\""],
    ),
    d(
        "TaskTableFields",
        "body",
        "Thân kế hoạch giữ gì của mỗi nhiệm vụ: `all` (mặc định, mọi dòng), `content` (chỉ dòng nội dung; đơn vị, thời gian, kết quả nằm trong bảng), `none` (chỉ còn đề mục).",
        &["\"content\""],
    ),
    d(
        "TaskEntry",
        "result",
        "Kết quả, sản phẩm của nhiệm vụ (in \"Kết quả, sản phẩm: …\" và ở cột kết quả của bảng phân công).",
        &["\"Quy chế hoạt động của Hội đồng được ban hành\""],
    ),
    d(
        "TaskEntry",
        "funding",
        "Kinh phí của nhiệm vụ theo khóa nguồn của `plan.funding` (in \"Kinh phí: …\", vào bảng kinh phí).",
        &["{\"nst\": 200, \"xhh\": 100}"],
    ),
    d(
        "Labels",
        "result",
        "Lời dẫn dòng kết quả (mặc định \"Kết quả, sản phẩm\").",
        &["\"Sản phẩm\""],
    ),
    d(
        "Labels",
        "funding",
        "Lời dẫn dòng kinh phí của nhiệm vụ (mặc định \"Kinh phí\").",
        &[],
    ),
];
