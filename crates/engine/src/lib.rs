//! The corpus explorer's engine: everything about text and search, nothing
//! about the web. It runs in the app's `build.rs` (indexing), in the browser
//! (querying), in native tests and in benchmarks alike.
//!
//! The pipeline, one module per step:
//! [`corpus`] reads files → [`meta`] reads what a text says about itself →
//! [`tokenize`] splits and folds words → [`index`] stores positional postings
//! and serialises them → [`query`] parses what the user typed →
//! [`search`] matches and ranks → [`snippet`] finds what to show and mark.
//! Views over results: [`facets`], [`concordance`] (keyword in context),
//! [`overview`] (corpus figures), [`passages`] and [`similarity`].

pub mod concordance;
pub mod config;
pub mod corpus;
pub mod entities;
pub mod facets;
pub mod index;
pub mod meta;
pub mod overview;
pub mod passages;
pub mod query;
pub mod search;
pub mod similarity;
pub mod snippet;
pub mod tokenize;

pub use index::{Document, Index};
pub use search::{search, Hit, Results};
