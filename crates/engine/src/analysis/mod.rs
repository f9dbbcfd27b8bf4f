//! Text analysis: how a text becomes the terms the index stores and a query
//! looks up. One chain serves indexing, queries, marks, snippets and the
//! concordance, so what is indexed, what is asked and what is marked agree.
//!
//! - [`tokenize`]: word boundaries, byte offsets, positions and folding;
//! - [`stopwords`]: the function words that say nothing about a corpus.

pub mod stopwords;
pub mod tokenize;

pub use tokenize::{fold, for_each_token, token_bounds, tokenize, Token};
