//! Heap an index takes once opened beyond its file (which it keeps: its
//! postings are read in place), at its peak while opening, and how much of
//! it is the documents' metadata: what the page's wasm memory holds after
//! its file, natively (64-bit pointers, so somewhat more than in wasm).
//! `cargo run --release -p engine --example open_memory -- dist/corpus-….bin`
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
}
#[global_allocator]
static A: Counting = Counting;

fn main() {
    let path = std::env::args().nth(1).expect("an index file");
    let file = std::fs::read(&path).expect("readable");
    let size = file.len();
    let base = NOW.load(Relaxed);
    PEAK.store(base, Relaxed);
    let index = engine::Index::from_vec(file).expect("an index");
    let mb = |n: usize| n as f64 / 1e6;
    println!("file {:.1} MB; opened: {:.1} MB beyond the file, peak {:.1} MB beyond it", mb(size), mb(NOW.load(Relaxed) - base), mb(PEAK.load(Relaxed) - base));
    let docs = NOW.load(Relaxed);
    let kept: Vec<_> = index.docs.clone();
    println!("a copy of the documents' metadata: {:.1} MB for {} documents", mb(NOW.load(Relaxed) - docs), kept.len());
}
