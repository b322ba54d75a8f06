//! Work on numbered items shared among threads, with a part of each item's work done in the
//! items' order: the windows of a long message are read on every core, and what each adds up
//! to is summed in text order, so that the scores are those of reading them one after the
//! other, bit for bit, whatever the number of threads.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

/// A state that item `k` may change only after items `0..k` have: [`Turns::in_turn`].
pub(super) struct Turns<S> {
    state: Mutex<Turn<S>>,
    changed: Condvar,
}

struct Turn<S> {
    /// The item whose turn it is.
    next: usize,
    /// Set when a thread died before its turn: the others would wait for it forever.
    abandoned: bool,
    state: S,
}

impl<S> Turns<S> {
    pub(super) fn new(state: S) -> Turns<S> {
        Turns { state: Mutex::new(Turn { next: 0, abandoned: false, state }), changed: Condvar::new() }
    }

    /// Runs `f` on the state once items `0..k` have had their turn, then gives it to `k + 1`.
    pub(super) fn in_turn<R>(&self, k: usize, f: impl FnOnce(&mut S) -> R) -> R {
        let mut turn = self.lock();
        while turn.next != k {
            assert!(!turn.abandoned, "another thread died before its turn");
            turn = self.changed.wait(turn).unwrap_or_else(PoisonError::into_inner);
        }
        let result = f(&mut turn.state);
        turn.next += 1;
        self.changed.notify_all();
        result
    }

    /// Reads the state as it is, whoever's turn it is.
    pub(super) fn peek<R>(&self, f: impl FnOnce(&S) -> R) -> R {
        f(&self.lock().state)
    }

    pub(super) fn into_inner(self) -> S {
        self.state.into_inner().unwrap_or_else(PoisonError::into_inner).state
    }

    fn lock(&self) -> MutexGuard<'_, Turn<S>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn abandon(&self) {
        self.lock().abandoned = true;
        self.changed.notify_all();
    }
}

/// Calls `work` with each of `0..count` on `threads` threads (this one included), each taking
/// the next item when done with one. A panic in one is the caller's, and stops the others at
/// their next turn of `turns`.
pub(super) fn each_item(count: usize, threads: usize, turns: &[&dyn Abandon], work: impl Fn(usize) + Sync) {
    let next = AtomicUsize::new(0);
    let worker = || {
        let _watch = Watch(turns);
        loop {
            let k = next.fetch_add(1, Ordering::Relaxed);
            if k >= count {
                break;
            }
            work(k);
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.min(count) {
            scope.spawn(worker);
        }
        worker();
    });
}

/// What [`each_item`] tells the [`Turns`] when a thread dies.
pub(super) trait Abandon: Sync {
    fn abandon(&self);
}

impl<S: Send> Abandon for Turns<S> {
    fn abandon(&self) {
        Turns::abandon(self);
    }
}

/// Abandons the turns when its thread unwinds.
struct Watch<'a>(&'a [&'a dyn Abandon]);

impl Drop for Watch<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.iter().for_each(|turns| turns.abandon());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_come_in_item_order_on_any_number_of_threads() {
        for threads in [1, 2, 4] {
            let turns = Turns::new(Vec::new());
            each_item(500, threads, &[&turns], |k| {
                // unequal work, so that the threads finish items out of order
                let spin: u64 = (0..(k % 7) * 1000).map(|i| i as u64).sum();
                std::hint::black_box(spin);
                turns.in_turn(k, |seen: &mut Vec<usize>| seen.push(k));
            });
            assert_eq!(turns.into_inner(), (0..500).collect::<Vec<_>>(), "{threads} threads");
        }
    }

    #[test]
    fn a_panic_in_one_item_reaches_the_caller_instead_of_hanging_the_others() {
        let turns = Turns::new(0);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            each_item(100, 3, &[&turns], |k| {
                assert!(k != 40, "item 40 fails");
                turns.in_turn(k, |n| *n += 1);
            })
        }));
        assert!(outcome.is_err());
        assert!(turns.into_inner() <= 40);
    }
}
