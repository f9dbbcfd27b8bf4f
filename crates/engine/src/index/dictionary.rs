//! The term dictionary as a finite-state transducer (`fst`): term → term
//! number. Looking up a word, streaming every term a prefix starts, and
//! every term within an edit distance of a word (a Levenshtein automaton
//! walked over the transducer) all touch only the terms that can match,
//! never the whole vocabulary. The same structure maps stems to their forms
//! ([`super::stems`]).

use fst::automaton::{Levenshtein, Str};
use fst::{Automaton, IntoStreamer, Map, Streamer};
use serde::{Deserialize, Serialize};

/// Sorted keys and their numbers, as `fst` bytes (a checked copy is
/// opened per lookup: opening reads only the header and footer).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FstMap {
    bytes: Vec<u8>,
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
        FstMap { bytes: map.into_fst().into_inner() }
    }

    /// Whether the bytes are a transducer (checked once when an index is read).
    pub fn check(&self) -> Result<(), String> {
        Map::new(self.bytes.as_slice()).map(|_| ()).map_err(|e| e.to_string())
    }

    fn map(&self) -> Map<&[u8]> {
        Map::new(self.bytes.as_slice()).expect("checked when the index was read")
    }

    pub fn get(&self, key: &str) -> Option<u64> {
        self.map().get(key)
    }

    /// Values of every key that starts with `prefix`, in key order.
    pub fn prefixed(&self, prefix: &str) -> Vec<u64> {
        self.collect(Str::new(prefix).starts_with())
    }

    /// Values of every key within `distance` edits (insertions, deletions,
    /// substitutions of characters) of `word`; `None` when the automaton
    /// would be too large (a very long word), for the caller to fall back.
    pub fn within(&self, word: &str, distance: u32) -> Option<Vec<u64>> {
        let automaton = Levenshtein::new(word, distance).ok()?;
        Some(self.collect(automaton))
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

    /// Bytes the transducer takes (for the build's size report).
    pub fn size(&self) -> usize {
        self.bytes.len()
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
        assert_eq!(m.within("maliki", 1), Some(vec![4, 5]));
        assert_eq!(m.within("mlaiki", 1), Some(vec![]));
        assert_eq!(m.within("mlaiki", 2), Some(vec![5]));
        assert!(m.check().is_ok());
        assert!(FstMap { bytes: b"garbage".to_vec() }.check().is_err());
    }

    #[test]
    fn empty_map_answers_nothing() {
        let m = FstMap::default();
        assert_eq!(m.get("x"), None);
        assert!(m.prefixed("").is_empty());
    }
}
