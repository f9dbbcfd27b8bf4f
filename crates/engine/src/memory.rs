//! The build's memory: freed memory handed back to the system. (Build
//! only: the page's allocator is the wasm's own.)

/// Hands the memory freed since to the system (glibc keeps it otherwise).
/// The build frees much of what it holds at four points, all at once, in
/// many small pieces: the sources' texts once added (written out of memory,
/// `index::texts`), the builder's lists and its map of terms once the
/// lists are in the file's order (`Builder::finish`), what finding shared
/// passages used and what finding similar documents used. glibc keeps such
/// pieces for later small allocations, so the large ones that follow (the
/// passages' tables, the index file) came on top of them, and the process's
/// peak counted both (`/usr/bin/time -v target/release/index`, 31,830
/// documents: 1.37 GB before the texts were written out, 1.18 GB after,
/// 1.07 GB handing memory back after adding too).
pub(crate) fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            /// glibc's: releases free memory at the heap's top and in its free pages.
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: takes no pointers and touches only the allocator's free
        // lists, under its own lock; any thread may call it at any time.
        unsafe { malloc_trim(0) };
    }
}
