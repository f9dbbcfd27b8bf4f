//! The corpus index, written by `build.rs` into `OUT_DIR` and embedded in
//! the wasm. Decoded once, on first use; no tokenising at start-up.

use std::sync::OnceLock;

use engine::Index;

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));
static INDEX: OnceLock<Index> = OnceLock::new();

/// The corpus. A blob this build wrote itself always decodes; a failure here
/// is a build bug and is shown by the panic banner.
pub fn index() -> &'static Index {
    INDEX.get_or_init(|| Index::from_bytes(BYTES).expect("the embedded index is the one this build wrote"))
}

/// Size of the embedded index in bytes (shown in the footer).
pub fn index_bytes() -> usize {
    BYTES.len()
}
