//! The term dictionary as a finite-state transducer (`fst`): term → term
//! number. Looking up a word, streaming every term a prefix starts, and
//! every term within an edit distance of a word (a Levenshtein automaton
//! walked over the transducer) all touch only the terms that can match,
//! never the whole vocabulary. The same structure maps stems to their forms
//! ([`super::stems`]).
//!
//! The Levenshtein automata come from `levenshtein_automata` (tantivy's):
//! its builder precomputes a parametric automaton once per distance, after
//! which a word's automaton takes microseconds; `fst`'s own builds each
//! word's automaton from scratch (15 ms for a long word, measured here).

use std::sync::OnceLock;

use fst::automaton::Str;
use fst::{Automaton, IntoStreamer, Map, Streamer};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use serde::{Deserialize, Serialize};

use super::codec::SharedBytes;

/// The largest edit distance asked for (`word~` allows 2 from 8 letters).
pub const MAX_DISTANCE: u8 = 2;

/// Sorted keys and their numbers, as `fst` bytes (a checked copy is
/// opened per lookup: opening reads only the header and footer), kept
/// where they are in the index file when it is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FstMap {
    bytes: SharedBytes,
}

impl Default for FstMap {
    fn default() -> Self {
        FstMap::build(std::iter::empty::<(&str, u64)>())
    }
}

impl FstMap {
    /// `pairs` in strictly increasing key order.
    pub fn build<K: AsRef<[u8]>>(pairs: impl IntoIterator<Item = (K, u64)>) -> FstMap {
        let map = Map::from_iter(pairs).expect("keys are sorted and unique");
        FstMap { bytes: SharedBytes::new(map.into_fst().into_inner()) }
    }

    /// Whether the bytes are a transducer (checked once when an index is read).
    pub fn check(&self) -> Result<(), String> {
        Map::new(&*self.bytes).map(|_| ()).map_err(|e| e.to_string())
    }

    fn map(&self) -> Map<&[u8]> {
        Map::new(&*self.bytes).expect("checked when the index was read")
    }

    pub fn get(&self, key: &str) -> Option<u64> {
        self.map().get(key)
    }

    /// Values of every key that starts with `prefix`, in key order.
    pub fn prefixed(&self, prefix: &str) -> Vec<u64> {
        self.collect(Str::new(prefix).starts_with())
    }

    /// Values of every key within `distance` (at most [`MAX_DISTANCE`])
    /// edits (insertions, deletions, substitutions of characters) of `word`
    /// that begin with the word's first letter, each with its distance, in
    /// key order. Keeping the first letter (as Lucene's spell checker does
    /// by default) lets the walk skip every other branch of the transducer:
    /// 13 ms → 0.3 ms for a 15-letter word at distance 2, on the 3,183
    /// Linux documentation files (80,000 terms).
    pub fn within(&self, word: &str, distance: u8) -> Vec<(u64, u8, String)> {
        let Some(first) = word.chars().next() else { return Vec::new() };
        let dfa = Lev(builder(distance.min(MAX_DISTANCE)).build_dfa(word));
        let first = first.to_string();
        let automaton = Str::new(&first).starts_with().intersection(&dfa);
        let map = self.map();
        let mut stream = map.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some((key, v)) = stream.next() {
            if let Distance::Exact(d) = dfa.0.eval(key) {
                out.push((v, d, String::from_utf8_lossy(key).into_owned()));
            }
        }
        out
    }

    fn collect<A: Automaton>(&self, automaton: A) -> Vec<u64> {
        let map = self.map();
        let mut stream = map.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some((_, v)) = stream.next() {
            out.push(v);
        }
        out
    }

    /// Every key, in order (an index's term list is read back this way).
    /// How many keys.
    pub fn len(&self) -> usize {
        self.map().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn keys(&self) -> Vec<String> {
        let map = self.map();
        let mut stream = map.stream();
        let mut out = Vec::with_capacity(map.len());
        while let Some((k, _)) = stream.next() {
            out.push(String::from_utf8_lossy(k).into_owned());
        }
        out
    }

    /// Its bytes, wherever they are kept.
    #[cfg(test)]
    pub(super) fn bytes(&self) -> &SharedBytes {
        &self.bytes
    }

    /// Bytes the transducer takes (for the build's size report).
    pub fn size(&self) -> usize {
        self.bytes.len()
    }
}

/// One parametric builder per distance, made on first use.
fn builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; MAX_DISTANCE as usize + 1] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    BUILDERS[distance as usize].get_or_init(|| LevenshteinAutomatonBuilder::new(distance, false))
}

/// A word's Levenshtein automaton, walked byte by byte over the transducer.
struct Lev(DFA);

impl Automaton for Lev {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(keys: &[&str]) -> FstMap {
        FstMap::build(keys.iter().enumerate().map(|(i, k)| (*k, i as u64)))
    }

    #[test]
    fn lookups_prefixes_and_edit_distance() {
        let m = map(&["ashraf", "camp", "campaign", "camps", "maleki", "maliki"]);
        assert_eq!(m.get("camp"), Some(1));
        assert_eq!(m.get("cam"), None);
        assert_eq!(m.prefixed("camp"), [1, 2, 3]);
        assert_eq!(m.prefixed(""), [0, 1, 2, 3, 4, 5]);
        assert_eq!(m.within("maliki", 1), [(4, 1, "maleki".into()), (5, 0, "maliki".into())]);
        assert!(m.within("mlaiki", 1).is_empty());
        assert_eq!(m.within("mlaiki", 2), [(5, 2, "maliki".into())]);
        // The first letter stays: `naliki` is one edit from `maliki`, but not found.
        assert!(m.within("naliki", 1).is_empty());
        // Characters, not bytes, are edited.
        let m = map(&["lodz", "łódź"]);
        assert_eq!(m.within("łodź", 1), [(1, 1, "łódź".into())]);
        assert!(m.check().is_ok());
        assert!(FstMap { bytes: SharedBytes::new(b"garbage".to_vec()) }.check().is_err());
    }

    #[test]
    fn empty_map_answers_nothing() {
        let m = FstMap::default();
        assert_eq!(m.get("x"), None);
        assert!(m.prefixed("").is_empty());
    }
}
