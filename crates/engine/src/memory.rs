//! The build's memory: its allocator, and freed memory handed back to the
//! system. (Build only: the page's allocator is the wasm's own.)

/// The build's allocator, mimalloc, not the system's malloc (glibc's here):
/// the build allocates and frees hundreds of millions of small values (a
/// token's term, a document's groups, the lists as they grow) across two
/// threads, one making what the other frees; under glibc, `malloc` and
/// `free` were 19% of the indexer's samples (`perf record`, 31,830
/// documents). With mimalloc, `/usr/bin/time -v target/release/index`
/// took 32–33 s of CPU against 43, and 299,202 documents 5 min 19 s
/// against 7 min 48. A program that builds indexes declares it
/// (`#[global_allocator] static ALLOCATOR: engine::memory::Allocator =
/// engine::memory::Allocator;`): declared here, it would be every
/// program's, and an example that counts allocations needs its own.
pub use mimalloc::MiMalloc as Allocator;

/// Hands the memory freed since to the system (the allocator keeps it a
/// while otherwise, for the allocations that follow). The build frees much
/// of what it holds at a few points, all at once: the sources' texts once
/// added (written out of memory, `index::texts`), the builder's lists and
/// its map of terms once the lists are in the file's order
/// (`Builder::finish`), the passages' first bit set once the second is
/// made, what finding shared passages used and what finding similar
/// documents used. The large allocations that follow (the passages'
/// tables, the similar documents' vectors) would come on top of what is
/// kept, and the process's peak count both.
pub(crate) fn give_back_freed() {
    // SAFETY: takes no pointers; mimalloc collects the calling thread's
    // heap and the memory abandoned by others, under its own locks. (A
    // no-op for a program that did not make it its allocator.)
    unsafe { libmimalloc_sys::mi_collect(true) };
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            /// glibc's: releases free memory at the heap's top and in its
            /// free pages (for a program, a test, on glibc's allocator).
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: takes no pointers and touches only the allocator's free
        // lists, under its own lock; any thread may call it at any time.
        unsafe { malloc_trim(0) };
    }
}
