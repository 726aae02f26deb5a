//! The full examples of `plans/`, inside the binary, for `ocop new --vi-du`:
//! people who learn from a finished plan get every one, with the
//! spreadsheets they read, in the same folders. A test keeps this list
//! equal to the folder.

/// Each example file: its path under `plans/`, and its bytes.
pub const EXAMPLES: &[(&str, &[u8])] = &[
    (
        "lai-chau-2027.yaml",
        include_bytes!("../../plans/lai-chau-2027.yaml"),
    ),
    (
        "tua-chua-2023.yaml",
        include_bytes!("../../plans/tua-chua-2023.yaml"),
    ),
    (
        "ha-tinh-2020.yaml",
        include_bytes!("../../plans/ha-tinh-2020.yaml"),
    ),
    (
        "yen-bai-2024.yaml",
        include_bytes!("../../plans/yen-bai-2024.yaml"),
    ),
    (
        "son-la-2027.yaml",
        include_bytes!("../../plans/son-la-2027.yaml"),
    ),
    (
        "lai-chau-2020-cong-van.yaml",
        include_bytes!("../../plans/lai-chau-2020-cong-van.yaml"),
    ),
    (
        "certificates/lai-chau-2027-dot-1.yaml",
        include_bytes!("../../plans/certificates/lai-chau-2027-dot-1.yaml"),
    ),
    (
        "certificates/san-pham-dot-1.csv",
        include_bytes!("../../plans/certificates/san-pham-dot-1.csv"),
    ),
    (
        "certificates/san-pham-dot-1.xlsx",
        include_bytes!("../../plans/certificates/san-pham-dot-1.xlsx"),
    ),
    (
        "dot-2-2027/cong-nhan-dot-2.yaml",
        include_bytes!("../../plans/dot-2-2027/cong-nhan-dot-2.yaml"),
    ),
    (
        "dot-2-2027/san-pham-dot-2.xlsx",
        include_bytes!("../../plans/dot-2-2027/san-pham-dot-2.xlsx"),
    ),
    (
        "nam-2027/lai-chau-ca-nam-2027.yaml",
        include_bytes!("../../plans/nam-2027/lai-chau-ca-nam-2027.yaml"),
    ),
    (
        "nam-2027/so-dang-ky.csv",
        include_bytes!("../../plans/nam-2027/so-dang-ky.csv"),
    ),
];
