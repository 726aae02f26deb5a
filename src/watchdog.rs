//! The last line of defence against a document that never finishes: Typst
//! cannot be interrupted, so a layout or PDF export still running long
//! after any real document would have finished (a user's template laying
//! out a hundred thousand pages) ends the process with a Vietnamese error,
//! rather than running for hours and exhausting memory. Its temporary
//! files are cleared by the next run.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A plan lays out in milliseconds, a large one in a second or two.
const DEFAULT_LIMIT: Duration = Duration::from_secs(120);

/// The work under watch: (id, started, what it is).
static RUNNING: Mutex<Vec<(u64, Instant, &'static str)>> = Mutex::new(Vec::new());
static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The limit: `OCOP_STEP_LIMIT_SECS` (for tests and slow machines), or two minutes.
fn limit() -> Duration {
    std::env::var("OCOP_STEP_LIMIT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(DEFAULT_LIMIT, Duration::from_secs)
}

/// Runs `f` (`what`: the step, in Vietnamese) under the watchdog.
pub fn watched<T>(what: &'static str, f: impl FnOnce() -> T) -> T {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let limit = limit();
        let _ = std::thread::Builder::new()
            .name("ocop-watchdog".into())
            .spawn(move || watch(limit));
    });
    let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    lock().push((id, Instant::now(), what));
    struct Done(u64);
    impl Drop for Done {
        fn drop(&mut self) {
            lock().retain(|(id, _, _)| *id != self.0);
        }
    }
    let _done = Done(id);
    f()
}

fn lock() -> std::sync::MutexGuard<'static, Vec<(u64, Instant, &'static str)>> {
    RUNNING.lock().unwrap_or_else(|p| p.into_inner())
}

fn watch(limit: Duration) {
    loop {
        std::thread::sleep(Duration::from_millis(250));
        let overdue = lock()
            .iter()
            .find(|(_, started, _)| started.elapsed() > limit)
            .map(|(_, _, what)| *what);
        if let Some(what) = overdue {
            eprintln!(
                "lỗi: {what} một văn bản đã chạy quá {} giây; đã dừng ocop\n  = gợi ý: mẫu văn bản riêng (--templates) có vòng lặp tạo quá nhiều trang hoặc nội dung? sửa mẫu, hoặc chạy lại không có --templates",
                limit.as_secs()
            );
            std::process::exit(1);
        }
    }
}
