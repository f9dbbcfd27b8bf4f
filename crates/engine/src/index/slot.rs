//! One fragment's part of a sharded index (its piece of the dictionary, of
//! the lists, of the title lists, of a stem table): here or not, and let go
//! again when the page holds more fragments than it keeps
//! ([`super::Index::let_go`]).
//!
//! A `OnceLock` would hand out references for the index's life, so a piece
//! once here could never go: over a long session a page would end up
//! holding every fragment it ever fetched (87 MB at 31,830 documents, 779
//! MB at 299,202). A slot hands out its value shared instead
//! ([`Arc`]), so letting it go frees it once the last reader is done, and
//! notes when it was last read, on one clock for every slot, so the
//! fragments read longest ago go first.

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Ticks once per read of any slot: when each was last read, in order.
static CLOCK: AtomicU64 = AtomicU64::new(1);

/// The clock now: a slot read after this reads later than it
/// ([`Slot::read_since`]).
pub fn now() -> u64 {
    CLOCK.load(Ordering::Relaxed)
}

/// Which of the units here (each its number, its size and when it was last
/// read, on any one clock) to let go when they hold more than `keep`: those
/// read longest ago first, down to `down_to` (below `keep`, so the next
/// time is some arrivals away, not the next one), but none read since the
/// clock showed `mark` (those may go over `keep`).
pub fn to_let_go(here: impl IntoIterator<Item = (usize, usize, u64)>, keep: usize, down_to: usize, mark: u64) -> Vec<usize> {
    let here: Vec<(usize, usize, u64)> = here.into_iter().collect();
    let mut held: usize = here.iter().map(|&(_, bytes, _)| bytes).sum();
    if held <= keep {
        return Vec::new();
    }
    let mut by_age: Vec<(u64, usize, usize)> = here.into_iter().filter(|&(_, _, read)| read < mark).map(|(n, bytes, read)| (read, n, bytes)).collect();
    crate::order::sort(&mut by_age);
    let mut gone = Vec::new();
    for (_, n, bytes) in by_age {
        if held <= down_to {
            break;
        }
        held -= bytes;
        gone.push(n);
    }
    gone
}

/// A value that may be here, put in once fetched and let go again.
pub struct Slot<T> {
    value: Mutex<Option<Arc<T>>>,
    /// When it was last read or put in ([`now`]'s clock).
    read: AtomicU64,
}

impl<T> Slot<T> {
    pub fn empty() -> Slot<T> {
        Slot { value: Mutex::new(None), read: AtomicU64::new(0) }
    }

    pub fn full(value: T) -> Slot<T> {
        let slot = Slot::empty();
        slot.put(value);
        slot
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Arc<T>>> {
        self.value.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn stamp(&self) {
        self.read.store(CLOCK.fetch_add(1, Ordering::Relaxed), Ordering::Relaxed);
    }

    /// The value, if it is here (a read: it goes after those read before).
    pub fn get(&self) -> Option<Arc<T>> {
        let value = self.lock().clone();
        if value.is_some() {
            self.stamp();
        }
        value
    }

    /// Whether it is here, without counting as a read.
    pub fn is_here(&self) -> bool {
        self.lock().is_some()
    }

    /// Puts `value` in, unless one is here already (which stays).
    pub fn put(&self, value: T) {
        self.put_shared(Arc::new(value));
    }

    /// As [`Slot::put`], a value already shared.
    pub fn put_shared(&self, value: Arc<T>) {
        let mut slot = self.lock();
        if slot.is_none() {
            *slot = Some(value);
        }
        drop(slot);
        self.stamp();
    }

    /// The value to change in place, if it is here (the build: no reader
    /// holds it, so it is not copied).
    pub fn get_mut(&mut self) -> Option<&mut T>
    where
        T: Clone,
    {
        self.value.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner()).as_mut().map(Arc::make_mut)
    }

    /// Lets the value go (readers holding it keep it until they are done).
    pub fn clear(&self) {
        self.lock().take();
    }

    /// Whether it was read (or put in) after the clock showed `mark`.
    pub fn read_since(&self, mark: u64) -> bool {
        self.read.load(Ordering::Relaxed) >= mark
    }

    /// When it was last read or put in.
    pub fn last_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot::empty()
    }
}

impl<T> Clone for Slot<T> {
    fn clone(&self) -> Self {
        Slot { value: Mutex::new(self.lock().clone()), read: AtomicU64::new(self.read.load(Ordering::Relaxed)) }
    }
}

impl<T: fmt::Debug> fmt::Debug for Slot<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.lock() {
            Some(value) => f.debug_tuple("Slot").field(value).finish(),
            None => f.write_str("Slot(not here)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_hands_out_its_value_shared_and_lets_it_go() {
        let slot = Slot::empty();
        assert!(slot.get().is_none() && !slot.is_here());
        slot.put(vec![1, 2, 3]);
        slot.put(vec![9]);
        let held = slot.get().expect("put in");
        assert_eq!(*held, [1, 2, 3], "the first value stays");
        slot.clear();
        assert!(slot.get().is_none(), "let go");
        assert_eq!(*held, [1, 2, 3], "a reader keeps what it holds");
        let mut built = Slot::full(vec![1]);
        built.get_mut().expect("here").push(2);
        assert_eq!(*built.get().expect("here"), [1, 2], "changed in place");
    }

    #[test]
    fn what_goes_is_what_was_read_longest_ago_and_not_since_the_mark() {
        // (number, bytes, last read)
        let here = [(0, 10, 5), (1, 10, 1), (2, 10, 9), (3, 10, 3)];
        assert_eq!(to_let_go(here, 40, 30, u64::MAX), Vec::<usize>::new(), "all fit");
        assert_eq!(to_let_go(here, 32, 24, u64::MAX), [1, 3], "read longest ago first, down to what is asked");
        assert_eq!(to_let_go(here, 0, 0, 4), [1, 3], "none read since the mark, though more than fits stays");
    }

    #[test]
    fn a_slot_knows_whether_it_was_read_since_a_mark() {
        let (a, b) = (Slot::full('a'), Slot::full('b'));
        let mark = now();
        assert!(!a.read_since(mark) && !b.read_since(mark));
        b.get();
        assert!(!a.read_since(mark) && b.read_since(mark));
        assert!(a.last_read() < b.last_read());
        a.is_here();
        assert!(!a.read_since(mark), "asking whether it is here is no read");
    }
}
