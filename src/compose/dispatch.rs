//! Dispatches (Công văn, NĐ 30 Mẫu 1.5).
