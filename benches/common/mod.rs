//! The product list both certificate benchmarks render.

use std::path::{Path, PathBuf};

/// `n` products as an office's CSV beside a copy of the example YAML that
/// reads it; returns the YAML's path.
pub fn write_list(dir: &Path, n: usize) -> PathBuf {
    let mut csv =
        String::from("STT,Tên sản phẩm,Chủ thể,Địa chỉ,Nhóm sản phẩm,Điểm,Số giấy chứng nhận\n");
    for i in 1..=n {
        let score = 50.0 + (i % 40) as f64 * 0.95;
        csv.push_str(&format!(
            "{i},Sản phẩm thử nghiệm số {i},Hợp tác xã số {},\"xã số {}, tỉnh Lai Châu\",{},{score:.2},{i:05}/2027/GCN-OCOP\n",
            i % 97,
            i % 53,
            1 + i % 6
        ));
    }
    std::fs::write(dir.join("ds.csv"), csv).unwrap();
    let yaml = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/certificates/lai-chau-2027-dot-1.yaml"),
    )
    .unwrap()
    .replace("san-pham-dot-1.csv", "ds.csv");
    let path = dir.join("gcn.yaml");
    std::fs::write(&path, yaml).unwrap();
    path
}
