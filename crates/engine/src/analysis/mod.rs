//! Text analysis: how a text becomes the terms the index stores and a query
//! looks up. One chain serves indexing, queries, marks, snippets and the
//! concordance, so what is indexed, what is asked and what is marked agree:
//!
//! text → [`tokenize`] (word boundaries, offsets, positions; unspaced
//! scripts as character pairs) → [`fold`] (case folding, accents off,
//! letters to ASCII) → the index's terms; and at query time, a term →
//! [`stem`] (Snowball) → every indexed form with that stem.
//!
//! - [`stopwords`]: the function words that say nothing about a corpus.

pub mod fold;
pub mod stem;
pub mod stopwords;
pub mod tokenize;

pub use fold::fold;
pub use stem::Language;
pub use tokenize::{for_each_token, token_bounds, tokenize, Token};
