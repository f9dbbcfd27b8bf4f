//! Views of a set of documents beyond the ranked list: every match in its
//! context ([`concordance`]), figures about the set ([`overview`]), and the
//! corpus-linguistic analyses: the company a word keeps ([`collocates`]),
//! what a subcorpus says more than another ([`keyness`]), recurring word
//! sequences ([`ngrams`]), where the matches sit ([`dispersion`]) and how
//! they rise and fall over time ([`trends`]). Every measure is a function
//! of counts in [`stats`], with its source; the counting reads term
//! numbers from the [`forward`] index.

pub mod collocates;
pub mod concordance;
pub mod dispersion;
pub mod forward;
pub mod keyness;
pub mod ngrams;
pub mod overview;
pub mod stats;
pub mod trends;

use std::ops::Range;

use crate::index::Index;
use crate::query::Plan;

/// The matches of `plan` in the document's text as token ranges, in text
/// order, one per place (a phrase and a word of it that cover the same
/// tokens are one match). What the concordance lists and the analyses count.
pub fn match_spans(index: &Index, doc: u32, plan: &Plan) -> Vec<Range<u32>> {
    let mut spans: Vec<Range<u32>> = crate::snippet::token_spans(index, doc, plan).into_iter().map(|(_, r)| r).collect();
    spans.dedup_by(|b, a| b.start < a.end);
    spans
}
