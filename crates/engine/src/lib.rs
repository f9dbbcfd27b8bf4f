//! The corpus explorer's engine: everything about text and search, nothing
//! about the web. It runs in the build (indexing, natively), in the browser
//! (querying, as wasm), in native tests and in benchmarks alike.
//!
//! The folders read as the pipeline:
//!
//! ```text
//! ingest/    files → documents with metadata (feature `ingest`: build only)
//! analysis/  text → terms (one tokeniser and folding for all)
//! index/     terms → postings, documents, facet table; the bytes shipped
//! query/     what the user typed → matching documents, ranked, and a Plan of what to mark
//! snippet    the Plan → marks and the best window of a text
//! facets     filters, honest counts and orders over the hits
//! service    one search question → its whole answer (list, counts, snippets): what the page asks
//! explore/   concordance (keyword in context), overview (figures of a set)
//! compare/   shared passages, TF-IDF similarity, related documents
//! order      the one compiled sort every list goes through (wasm size)
//! anchor     a passage as a quote and a position, found again in a rebuilt text
//! memory     the build's allocator, and its freed memory handed back to the system
//! spill      what the build writes out of memory and reads back
//! ```

pub mod analysis;
pub mod anchor;
pub mod compare;
pub mod explore;
pub mod facets;
pub mod index;
#[cfg(feature = "ingest")]
pub mod ingest;
#[cfg(feature = "ingest")]
pub mod memory;
pub mod order;
pub mod query;
pub mod service;
pub mod snippet;
mod spill;

pub use index::{Document, Index};
pub use query::{search, Hit, Results};
