//! The last line of defence against a document that never finishes: Typst
//! cannot be interrupted, and a tera template has no step limit, so a
//! layout, PDF export or template run still going long after any real
//! document would have finished (a user's template laying out a hundred
//! thousand pages, or looping over `{% set %}` without printing) ends the
//! process with a Vietnamese error, rather than running for hours and
//! exhausting memory. Its temporary files are cleared by the next run.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A plan lays out in milliseconds, a large one in a second or two.
const DEFAULT_LIMIT: Duration = Duration::from_secs(120);

/// What is said when a step overruns: the step's name (and the generic
/// hint), or a whole message prepared by the caller.
enum Said {
    Step(&'static str),
    Message(String),
}

/// One piece of work under watch.
struct Watched {
    id: u64,
    started: Instant,
    limit: Duration,
    said: Said,
}

static RUNNING: Mutex<Vec<Watched>> = Mutex::new(Vec::new());
static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// The limit of a step: `OCOP_STEP_LIMIT_SECS` (for tests and slow
/// machines) when set, else `default`.
pub fn limit_or(default: Duration) -> Duration {
    std::env::var("OCOP_STEP_LIMIT_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(default, Duration::from_secs)
}

/// Runs `f` (`what`: the step, in Vietnamese) under the watchdog.
pub fn watched<T>(what: &'static str, f: impl FnOnce() -> T) -> T {
    under_watch(limit_or(DEFAULT_LIMIT), Said::Step(what), f)
}

/// Runs `f` under the watchdog with its own `limit`: past it, `message`
/// (a whole rendered diagnostic) is printed and the process ends.
pub fn deadline<T>(limit: Duration, message: String, f: impl FnOnce() -> T) -> T {
    under_watch(limit, Said::Message(message), f)
}

fn under_watch<T>(limit: Duration, said: Said, f: impl FnOnce() -> T) -> T {
    static STARTED: std::sync::Once = std::sync::Once::new();
    STARTED.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("ocop-watchdog".into())
            .spawn(watch);
    });
    let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    lock().push(Watched {
        id,
        started: Instant::now(),
        limit,
        said,
    });
    struct Done(u64);
    impl Drop for Done {
        fn drop(&mut self) {
            lock().retain(|w| w.id != self.0);
        }
    }
    let _done = Done(id);
    f()
}

fn lock() -> std::sync::MutexGuard<'static, Vec<Watched>> {
    RUNNING.lock().unwrap_or_else(|p| p.into_inner())
}

fn watch() {
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let running = lock();
        let Some(overdue) = running.iter().find(|w| w.started.elapsed() > w.limit) else {
            continue;
        };
        match &overdue.said {
            Said::Step(what) => eprintln!(
                "lỗi: {what} một văn bản đã chạy quá {} giây; đã dừng ocop\n  = gợi ý: mẫu văn bản riêng (--templates) có vòng lặp tạo quá nhiều trang hoặc nội dung? sửa mẫu, hoặc chạy lại không có --templates",
                overdue.limit.as_secs()
            ),
            Said::Message(message) => eprint!("{message}"),
        }
        std::process::exit(1);
    }
}
