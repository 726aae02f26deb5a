//! A memory budget for code we do not control: a user's tera template can
//! build a string of gigabytes in `{% set %}` without printing a byte, and
//! tera has neither a memory hook nor a step limit. The binary's allocator
//! ([`Budgeted`]) counts what the current thread holds while it runs under
//! [`budget`]; an allocation that would pass the budget ends the process
//! with the message prepared for it, before the memory is taken.
//!
//! Why the process ends rather than the render failing: an allocator may
//! neither unwind nor fail softly (Rust aborts on a null allocation), so
//! ending with our own Vietnamese message is the only clean exit. A run's
//! temporary files are cleared by the next run, as with the watchdog.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

thread_local! {
    /// Bytes this thread holds beyond what it held when its budget began
    /// (may go negative: memory from before is freed too).
    static HELD: Cell<isize> = const { Cell::new(0) };
    /// The budget of this thread, 0 when none.
    static LIMIT: Cell<isize> = const { Cell::new(0) };
    /// What to print when the budget is passed: a pointer into the
    /// `message` [`budget`] holds for as long as the budget runs.
    static MESSAGE: Cell<(*const u8, usize)> = const { Cell::new((std::ptr::null(), 0)) };
}

/// Runs `f` on this thread with at most `limit` bytes more held than
/// before; past it, `message` is printed and the process ends (with the
/// [`Budgeted`] allocator; without it the budget is not counted).
pub fn budget<T>(limit: usize, message: &str, f: impl FnOnce() -> T) -> T {
    struct Restore((isize, isize, (*const u8, usize)));
    impl Drop for Restore {
        fn drop(&mut self) {
            let (held, limit, message) = self.0;
            LIMIT.set(limit);
            HELD.set(held);
            MESSAGE.set(message);
        }
    }
    let _restore = Restore((HELD.get(), LIMIT.get(), MESSAGE.get()));
    MESSAGE.set((message.as_ptr(), message.len()));
    HELD.set(0);
    LIMIT.set(isize::try_from(limit).unwrap_or(isize::MAX));
    f()
}

/// The global allocator `A`, counting against the budget of [`budget`].
pub struct Budgeted<A>(pub A);

/// Counts `delta` more bytes held; ends the process when past the budget.
fn count(delta: isize) {
    let limit = LIMIT.get();
    if limit == 0 {
        return;
    }
    let held = HELD.get().saturating_add(delta);
    if delta > 0 && held > limit {
        over_budget();
    }
    HELD.set(held);
}

#[cold]
fn over_budget() -> ! {
    // Printing may allocate: the budget is off from here on.
    LIMIT.set(0);
    let (ptr, len) = MESSAGE.get();
    // SAFETY: `budget` keeps the message alive while the limit is set.
    let message = unsafe { std::slice::from_raw_parts(ptr, len) };
    let _ = std::io::Write::write_all(&mut std::io::stderr(), message);
    std::process::exit(1);
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

// SAFETY: every call is passed on to `A` unchanged; only counted.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Budgeted<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(signed(layout.size()));
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(signed(layout.size()));
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-signed(layout.size()));
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(signed(new_size) - signed(layout.size()));
        unsafe { self.0.realloc(ptr, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_counts_only_inside_and_is_restored() {
        budget(1 << 20, "x", || {
            count(1000);
            count(-400);
            assert_eq!(HELD.get(), 600);
            budget(10, "y", || assert_eq!(HELD.get(), 0));
            assert_eq!((HELD.get(), LIMIT.get()), (600, 1 << 20));
        });
        assert_eq!(LIMIT.get(), 0);
        count(1 << 30); // no budget: nothing counted, nothing ended
        assert_eq!(HELD.get(), 0);
    }
}
