//! Documents against each other: passages they share (text reuse),
//! how alike they are (TF-IDF cosine) and, at build time, each document's
//! related documents.
//!
//! - [`passages`]: shared passages by hashed word shingles;
//! - [`similarity`]: TF-IDF vectors, cosine, most similar, contrast;
//! - `related` (feature `ingest`): the corpus-wide lists the reader shows.

pub mod passages;
#[cfg(feature = "ingest")]
pub mod related;
pub mod similarity;
