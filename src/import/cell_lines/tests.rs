use super::*;

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_string).collect()
}

/// The table cells of `text` read, as rows of cells (a cell's paragraphs
/// joined by " | "), and the lines left as lines.
fn read_back(text: &str) -> (Vec<Vec<String>>, Vec<String>) {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut left = Vec::new();
    for c in cells(lines(text)) {
        let Some((_, r, col)) = c.cell else {
            if !c.text.is_empty() {
                left.push(c.text);
            }
            continue;
        };
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= col {
            row.resize(col + 1, String::new());
        }
        if row[col].is_empty() {
            row[col] = c.text;
        } else {
            row[col] = format!("{} | {}", row[col], c.text);
        }
    }
    (rows, left)
}

/// A table of `cols` columns as a word processor exports it: a paragraph
/// a line, an empty cell an empty line, or blank lines between paragraphs.
fn export(rows: &[&[&str]], blank_parted: bool) -> String {
    let mut out = String::from("Phụ lục\n");
    for row in rows {
        for cell in *row {
            for para in cell.split(" | ") {
                out.push_str(para);
                out.push('\n');
                if blank_parted {
                    out.push('\n');
                }
            }
        }
    }
    out.push_str("Nơi nhận:\n");
    out
}

const ASSIGNMENT: &[&[&str]] = &[
    &[
        "TT",
        "Nội dung",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian",
    ],
    &[
        "1",
        "Tập huấn cán bộ cấp xã.",
        "Sở Nông nghiệp",
        "Sở Tài chính",
        "Quý I",
    ],
    &[
        "2",
        "Xây dựng chuyên mục trên báo.",
        "Sở Nông nghiệp",
        "Báo tỉnh",
        "Quý II",
    ],
    &["3", "Hỗ trợ phát triển sản phẩm"],
    &[
        "3.1",
        "Nâng hạng sản phẩm.",
        "Sở Khoa học",
        "Sở Nông nghiệp | Ủy ban nhân dân các xã",
        "Quý III",
    ],
    &[
        "3.2",
        "Khảo sát sản phẩm mới.",
        "Ủy ban nhân dân các xã",
        "Sở Nông nghiệp",
        "Trước ngày 30/6/2027",
    ],
    &[
        "4",
        "Kiểm tra sau chứng nhận.",
        "Sở Công Thương",
        "",
        "Thường xuyên",
    ],
];

/// The rows as `read_back` gives them: a group's title alone.
fn expected(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| {
            let mut cells: Vec<String> = r.iter().map(|c| c.to_string()).collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect()
}

#[test]
fn an_exported_table_comes_back_cell_by_cell_with_a_paragraph_a_line_or_blank_lines_between() {
    for blank_parted in [false, true] {
        let (rows, left) = read_back(&export(ASSIGNMENT, blank_parted));
        assert_eq!(
            rows,
            expected(ASSIGNMENT),
            "blank lines between: {blank_parted}"
        );
        assert_eq!(left, ["Phụ lục", "Nơi nhận:"]);
    }
}

#[test]
fn extra_paragraphs_go_to_the_cell_they_are_like_whatever_the_column_count() {
    // Three columns and six: the second paragraph of the units' cell
    // stays in it, never in the dates beside it.
    let three: &[&[&str]] = &[
        &["STT", "Đơn vị", "Thời gian"],
        &["1", "Sở Nông nghiệp", "Quý I"],
        &["2", "Sở Công Thương | Sở Tài chính", "Quý II năm 2027"],
        &["3", "Sở Y tế", "Quý III"],
    ];
    assert_eq!(read_back(&export(three, false)).0, expected(three));
    let six: &[&[&str]] = &[
        &[
            "TT",
            "Nội dung",
            "Chủ trì",
            "Phối hợp",
            "Thời gian",
            "Kết quả",
        ],
        &[
            "1",
            "Tập huấn.",
            "Sở Nông nghiệp",
            "Sở Tài chính",
            "Quý I",
            "06 lớp",
        ],
        &[
            "2",
            "Hội chợ.",
            "Sở Công Thương",
            "Sở Văn hóa | Ủy ban nhân dân các xã",
            "Trong năm 2027",
            "04 hội chợ",
        ],
        &[
            "3",
            "Kiểm tra.",
            "Sở Nông nghiệp",
            "Sở Y tế | Sở Công Thương",
            "Thường xuyên",
            "Báo cáo",
        ],
        &[
            "4",
            "Tuyên truyền.",
            "Ủy ban nhân dân các xã",
            "Báo tỉnh",
            "Quý II",
            "12 chuyên mục",
        ],
    ];
    assert_eq!(read_back(&export(six, true)).0, expected(six));
}

#[test]
fn the_last_rows_extra_paragraph_before_the_next_appendix_is_its_own() {
    let text = "TT\nNội dung\nChủ trì\nPhối hợp\nKết quả\n\
                1\nTập huấn.\nSở Nông nghiệp\nSở Tài chính\n06 lớp\n\
                2\nHội chợ.\nSở Công Thương\nSở Tài chính\n04 hội chợ\n\
                3\nKiểm tra.\nSở Nông nghiệp\nSở Y tế\nSở Công Thương\nBáo cáo\n\n\
                Phụ lục II\nKINH PHÍ\n";
    let (rows, left) = read_back(text);
    assert_eq!(
        rows[3],
        [
            "3",
            "Kiểm tra.",
            "Sở Nông nghiệp",
            "Sở Y tế | Sở Công Thương",
            "Báo cáo"
        ]
    );
    assert_eq!(left, ["Phụ lục II", "KINH PHÍ"]);
}

#[test]
fn a_cell_wrapped_at_the_texts_width_is_one_paragraph() {
    // Lines wrapped at 60 columns: the long content goes on, the short
    // cells after it do not.
    let text = "Tập huấn quy trình đánh giá, phân hạng sản phẩm cho cán bộ\n\
                cấp xã; hướng dẫn chủ thể hoàn thiện hồ sơ đăng ký, xây dựng\n\
                câu chuyện sản phẩm và tham gia hội chợ trong và ngoài tỉnh\n\
                năm 2027; kiểm tra việc duy trì tiêu chí của sản phẩm đã\n\
                được công nhận và đề xuất thu hồi khi có vi phạm.\n\
                Phụ lục\nTT\nNội dung\nChủ trì\nThời gian\n1\n\
                Tập huấn quy trình đánh giá, phân hạng sản phẩm cho cán bộ\n\
                cấp xã.\nSở Nông nghiệp\nQuý I\n2\nHội chợ.\nSở Công Thương\nQuý II\n";
    let (rows, _) = read_back(text);
    assert_eq!(
        rows[1],
        [
            "1",
            "Tập huấn quy trình đánh giá, phân hạng sản phẩm cho cán bộ cấp xã.",
            "Sở Nông nghiệp",
            "Quý I"
        ]
    );
    assert_eq!(rows.len(), 3);
}

#[test]
fn a_two_row_header_a_totals_row_and_amounts_that_look_like_row_numbers() {
    // "Chia ra" over two columns: its row exported with one cell less,
    // the merged cells under the others empty. The amount "2" in row 1
    // does not open a row.
    let text = "Đơn vị tính: triệu đồng\nTT\nNội dung\nTổng\nChia ra\n\n\n\n\
                Ngân sách tỉnh\nXã hội hóa\nTổng cộng\n50\n30\n20\n\
                1\nTập huấn\n2\n2\n\n2\nHội chợ\n48\n28\n20\n\
                Các sở lập dự toán.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n";
    let (rows, left) = read_back(text);
    assert_eq!(rows[0], ["TT", "Nội dung", "Tổng", "Chia ra"]);
    assert_eq!(rows[1], ["", "", "", "Ngân sách tỉnh", "Xã hội hóa"]);
    assert_eq!(rows[2], ["Tổng cộng", "50", "30", "20"]);
    assert_eq!(rows[3], ["1", "Tập huấn", "2", "2"]);
    assert_eq!(rows[4], ["2", "Hội chợ", "48", "28", "20"]);
    assert_eq!(
        left,
        [
            "Đơn vị tính: triệu đồng",
            "Các sở lập dự toán.",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT."
        ]
    );
}

#[test]
fn lines_without_the_shape_of_a_table_stay_lines() {
    // A copy that lost the rows' order (poppler's plain mode): the
    // numbers do not part the cells into rows of one length.
    let text = "TT\nNội dung\nChủ trì\nPhối hợp\n1\nTập huấn\nSở A\n2\nHội chợ\n\
                Sở B\nSở C\nQuý I\nQuý II\n06 lớp\n04 hội chợ\n3\nKiểm tra\n";
    let (rows, left) = read_back(text);
    assert!(rows.is_empty(), "{rows:?}");
    assert_eq!(left.len(), lines(text).len());
    // A copy that read the page column by column: the first rows have a
    // cell a column, the next holds the row after it.
    let text = "TT\n\nNội dung\n\nChủ trì\n\nPhối hợp\n\n1\n\nTập huấn\n\nSở A\n\nSở B\n\n\
                2\n\nHội chợ\n\nSở C\n\nSở D\n\n3\n\nKiểm tra\n\n4\n\nTuyên truyền\n\n\
                Thời gian\n\nQuý I\n\nQuý II\n";
    assert!(read_back(text).0.is_empty());
    // A heading "TT" and a list after it is no table either.
    let (rows, _) = read_back("TT\nMục đích\nYêu cầu\nNội dung\n1. Tập huấn\n2. Hội chợ\n");
    assert!(rows.is_empty());
}
