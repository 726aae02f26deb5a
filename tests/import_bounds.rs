//! `ocop import` ends on texts of any shape in time that grows with their
//! length, not its square (issue 19, item 8): each shape the importer
//! joins or scans (wrapped lines, a list's continuation lines, cells a
//! line, one endless line …) at 20,000 lines. A quadratic step takes
//! minutes there (a Nơi nhận of 5,000 wrapped lines took 1.7 s, of
//! 100,000 over 10 minutes); the deadline only stops a hang, it measures
//! nothing (`cargo bench --bench import` does).

use std::sync::mpsc;
use std::time::Duration;

use crate::common::text_shapes;

const LINES: usize = 20_000;
const DEADLINE: Duration = Duration::from_secs(120);

#[test]
fn import_ends_on_texts_of_every_shape_at_twenty_thousand_lines() {
    let dir = tempfile::tempdir().unwrap();
    for (shape, text) in text_shapes::shapes(LINES) {
        let path = dir.path().join("van-ban.txt");
        std::fs::write(&path, &text).unwrap();
        let (tx, rx) = mpsc::channel();
        let read = path.clone();
        std::thread::spawn(move || {
            // Read, or refused with a message: either is an end.
            let _ = ocop::import::import_file(&read);
            let _ = tx.send(());
        });
        let lines = text.lines().count();
        match rx.recv_timeout(DEADLINE) {
            Ok(()) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => panic!(
                "import of \"{shape}\" ({lines} lines, {} bytes) did not end within {DEADLINE:?}",
                text.len()
            ),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                panic!("import of \"{shape}\" ({lines} lines) panicked")
            }
        }
    }
}
