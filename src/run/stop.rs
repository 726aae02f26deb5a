//! Stopping a run on request: Ctrl-C, and the signals a terminal closing
//! (SIGHUP) or a service manager (SIGTERM) sends, all mean the same: the
//! workers finish the document in hand, nothing half-written is left, and
//! the run says it was stopped.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// The stop request of the process: set once, by a signal or by a test.
pub struct Stop {
    flag: AtomicBool,
    /// Called once the flag is set, to wake whoever waits (the watcher).
    wakers: Mutex<Vec<Box<dyn Fn() + Send>>>,
}

impl Stop {
    const fn new() -> Stop {
        Stop {
            flag: AtomicBool::new(false),
            wakers: Mutex::new(Vec::new()),
        }
    }

    /// The process's stop request, set by SIGINT (Ctrl-C), SIGTERM or
    /// SIGHUP from the first call on.
    pub fn on_signals() -> &'static Stop {
        static STOP: Stop = Stop::new();
        static HANDLER: OnceLock<()> = OnceLock::new();
        HANDLER.get_or_init(|| {
            // Without a handler (another one is set) the signal ends the
            // process as it would any program; files stay whole anyway.
            let _ = ctrlc::set_handler(|| STOP.request());
        });
        &STOP
    }

    /// A stop request of its own, for a run inside a test or a benchmark.
    pub fn manual() -> Stop {
        Stop::new()
    }

    /// Asks the run to stop.
    pub fn request(&self) {
        self.flag.store(true, Ordering::Relaxed);
        for wake in self.wakers.lock().unwrap_or_else(|p| p.into_inner()).iter() {
            wake();
        }
    }

    pub fn requested(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }

    /// The flag itself, for the workers.
    pub fn flag(&self) -> &AtomicBool {
        &self.flag
    }

    /// Calls `wake` when a stop is requested.
    pub fn on_request(&self, wake: impl Fn() + Send + 'static) {
        self.wakers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Box::new(wake));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn a_request_sets_the_flag_and_wakes_the_waiters() {
        let stop = Stop::manual();
        let woken = Arc::new(AtomicUsize::new(0));
        let w = woken.clone();
        stop.on_request(move || {
            w.fetch_add(1, Ordering::Relaxed);
        });
        assert!(!stop.requested());
        stop.request();
        assert!(stop.requested() && stop.flag().load(Ordering::Relaxed));
        assert_eq!(woken.load(Ordering::Relaxed), 1);
    }
}
