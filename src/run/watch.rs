//! Noticing saves, for `ocop watch`.
//!
//! Watching is `notify` through `notify-debouncer-full`: it keeps each
//! event's kind, so the opening and reading of a file (inotify reports
//! every open, ours included) can be told from a write; it joins the two
//! halves of a rename, which is how many editors save (write a temporary
//! file, rename it over the old one); and it collapses the several events
//! one save makes. The folders holding the files are watched rather than
//! the files, because a file replaced by a rename is a new file. What a
//! save touched is then compared with what was last rendered ([`super::track`]).

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::Stop;
use crate::diag::Diagnostic;

/// How long the debouncer holds an event before handing it over.
const DEBOUNCE: Duration = Duration::from_millis(40);
/// A save is over when its files have been quiet this long.
const SETTLE: Duration = Duration::from_millis(40);

enum Message {
    Events(DebounceEventResult),
    Stop,
}

/// The folders of the watched files, and the events in them.
pub struct Watcher {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: mpsc::Receiver<Message>,
    folders: BTreeSet<PathBuf>,
}

/// A save: the files it touched, and what went wrong while watching.
pub struct Save {
    pub touched: BTreeSet<PathBuf>,
    pub warnings: Vec<Diagnostic>,
}

impl Watcher {
    /// A watcher that wakes when `stop` is requested.
    pub fn new(stop: &Stop) -> Result<Watcher, Diagnostic> {
        let (tx, events) = mpsc::channel();
        let on_stop = tx.clone();
        stop.on_request(move || {
            let _ = on_stop.send(Message::Stop);
        });
        let debouncer = new_debouncer(DEBOUNCE, Some(DEBOUNCE / 4), move |r| {
            let _ = tx.send(Message::Events(r));
        })
        .map_err(|e| {
            Diagnostic::error(format!("không theo dõi được thay đổi của tệp ({e})"))
                .hint("dùng `ocop render` để dựng một lần")
        })?;
        Ok(Watcher {
            debouncer,
            events,
            folders: BTreeSet::new(),
        })
    }

    /// Watches the folders of `files` not yet watched; says which cannot be.
    pub fn watch<'a>(&mut self, files: impl IntoIterator<Item = &'a PathBuf>) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for file in files {
            let Some(folder) = file.parent() else {
                continue;
            };
            if self.folders.contains(folder) {
                continue;
            }
            match self.debouncer.watch(folder, RecursiveMode::NonRecursive) {
                Ok(()) => {
                    self.folders.insert(folder.to_path_buf());
                }
                Err(e) => problems.push(Diagnostic::warning(format!(
                    "không theo dõi được thư mục này ({e}); thay đổi trong đó sẽ không được dựng lại"
                ))
                .file(folder)),
            }
        }
        problems
    }

    /// Waits for a save touching files `wanted` accepts, then until its
    /// files are quiet; or for a problem of the watcher to tell. `None`
    /// when a stop is requested.
    pub fn next_save(&mut self, wanted: impl Fn(&BTreeSet<PathBuf>) -> bool) -> Option<Save> {
        let mut save = Save {
            touched: BTreeSet::new(),
            warnings: Vec::new(),
        };
        while !wanted(&save.touched) {
            if !save.warnings.is_empty() {
                return Some(save);
            }
            match self.events.recv() {
                Ok(Message::Events(events)) => save.add(events),
                Ok(Message::Stop) | Err(_) => return None,
            }
        }
        // The rest of the save: wait until the files are quiet.
        let mut quiet_since = Instant::now();
        loop {
            match self
                .events
                .recv_timeout(SETTLE.saturating_sub(quiet_since.elapsed()))
            {
                Ok(Message::Events(events)) => {
                    let before = save.touched.len();
                    save.add(events);
                    if save.touched.len() > before {
                        quiet_since = Instant::now();
                    }
                }
                Ok(Message::Stop) | Err(mpsc::RecvTimeoutError::Disconnected) => return None,
                Err(mpsc::RecvTimeoutError::Timeout) => return Some(save),
            }
        }
    }
}

impl Save {
    /// The paths whose content may have changed, from a batch of events:
    /// opening and reading a file is not a change.
    fn add(&mut self, events: DebounceEventResult) {
        match events {
            Ok(events) => {
                for event in events {
                    let read_only = matches!(
                        event.kind,
                        EventKind::Access(
                            AccessKind::Open(_)
                                | AccessKind::Read
                                | AccessKind::Close(AccessMode::Read | AccessMode::Execute)
                        )
                    );
                    if !read_only {
                        self.touched.extend(event.paths.iter().cloned());
                    }
                }
            }
            Err(errors) => {
                for e in errors {
                    self.warnings.push(Diagnostic::warning(format!(
                        "lỗi khi theo dõi thay đổi của tệp ({e})"
                    )));
                }
            }
        }
    }
}
