//! The term dictionary as a finite-state transducer (`fst`): term → term
//! number. Looking up a word, streaming every term a prefix starts, and
//! every term within an edit distance of a word (a Levenshtein automaton
//! walked over the transducer) all touch only the terms that can match,
//! never the whole vocabulary. The same structure maps stems to their forms
//! ([`super::stems`]).
//!
//! A sharded index ([`super::fragments`]) carries it in pieces by term
//! range, each at the head of the fragment file holding the same terms'
//! lists, so the core holds only each piece's first term ([`Dictionary`]):
//! a word's lookup and its list arrive in one fetch.
//!
//! The Levenshtein automata come from `levenshtein_automata` (tantivy's):
//! its builder precomputes a parametric automaton once per distance, after
//! which a word's automaton takes microseconds; `fst`'s own builds each
//! word's automaton from scratch (15 ms for a long word, measured here).

use std::sync::OnceLock;

use super::slot::Slot;

use fst::automaton::Str;
use fst::{Automaton, IntoStreamer, Map, Streamer};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use serde::{Deserialize, Serialize};

use super::codec::SharedBytes;

/// The largest edit distance asked for (`word~` allows 2 from 8 letters).
pub const MAX_DISTANCE: u8 = 2;

/// Completions a dictionary in pieces keeps for each prefix whose terms
/// span more than [`TOP_SPAN`] pieces: the most frequent, as many as the
/// word being typed reaches (`query::expand`).
pub const TOP_COMPLETIONS: usize = 16;

/// A prefix whose terms span more pieces than this has its most frequent
/// completions in the core.
pub const TOP_SPAN: usize = 2;

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

    /// Every value, in key order (the keys not made).
    pub fn values(&self) -> Vec<u64> {
        self.collect(fst::automaton::AlwaysMatch)
    }

    /// Every key with its value, in order.
    pub fn entries(&self) -> Vec<(String, u64)> {
        let map = self.map();
        let mut stream = map.stream();
        let mut out = Vec::with_capacity(map.len());
        while let Some((k, v)) = stream.next() {
            out.push((String::from_utf8_lossy(k).into_owned(), v));
        }
        out
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

    /// The transducer in `bytes`, once checked.
    pub(super) fn from_shared(bytes: SharedBytes) -> Result<FstMap, String> {
        let map = FstMap { bytes };
        map.check().map(|()| map)
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

/// The term dictionary: one transducer for an index read whole, or pieces
/// by term range for a sharded one, each here once its fragment is.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "WireDictionary", into = "WireDictionary")]
pub enum Dictionary {
    Whole(FstMap),
    Pieces(Pieces),
}

/// A dictionary in pieces: piece `i` holds the terms from `firsts[i]` up
/// to `firsts[i + 1]`, with their numbers in the whole index.
#[derive(Debug, Clone)]
pub struct Pieces {
    firsts: Vec<String>,
    /// Bytes of each piece's transducer: the head of its fragment file.
    sizes: Vec<u32>,
    /// Terms in all the pieces.
    len: usize,
    maps: Vec<Slot<FstMap>>,
    /// Prefixes whose terms span more than [`TOP_SPAN`] pieces, sorted,
    /// each with its [`TOP_COMPLETIONS`] terms found in the most documents
    /// (ties: term order), most frequent first; fewer when it has fewer.
    tops: Vec<(String, Vec<u32>)>,
}

/// What a lookup found, and the pieces it needed that are not here (what
/// it found is then only what the pieces here hold).
#[derive(Debug, PartialEq)]
pub struct Found<T> {
    pub value: T,
    pub missing: Vec<usize>,
}

impl Default for Dictionary {
    fn default() -> Self {
        Dictionary::Whole(FstMap::default())
    }
}

impl Dictionary {
    /// `terms` (sorted, unique, numbered by their place) cut into pieces
    /// starting at the term numbers `firsts` (ascending, from 0): the
    /// pieces' transducers, to be written at the head of their fragments,
    /// and the dictionary that names them, with none of them here, which
    /// keeps the most frequent completions (by `doc_freq`) of each prefix
    /// spread over many pieces.
    pub fn cut(terms: &[String], firsts: &[u32], doc_freq: impl Fn(usize) -> usize) -> (Dictionary, Vec<Vec<u8>>) {
        let mut bytes = Vec::with_capacity(firsts.len());
        for (i, &first) in firsts.iter().enumerate() {
            let end = firsts.get(i + 1).map_or(terms.len(), |&e| e as usize);
            let map = FstMap::build((first as usize..end).map(|t| (terms[t].as_str(), t as u64)));
            bytes.push(map.bytes.to_vec());
        }
        let pieces = Pieces {
            firsts: firsts.iter().map(|&f| terms.get(f as usize).cloned().unwrap_or_default()).collect(),
            sizes: bytes.iter().map(|b| b.len() as u32).collect(),
            len: terms.len(),
            maps: firsts.iter().map(|_| Slot::empty()).collect(),
            tops: tops(terms, firsts, &doc_freq),
        };
        (Dictionary::Pieces(pieces), bytes)
    }

    /// The most frequent completions the core keeps for `prefix`, most
    /// frequent first (all of them when fewer than [`TOP_COMPLETIONS`]);
    /// `None` when it keeps none (a whole dictionary, or a prefix whose
    /// terms lie in a few pieces, where reading them all costs little).
    pub fn top_completions(&self, prefix: &str) -> Option<&[u32]> {
        let Dictionary::Pieces(p) = self else { return None };
        let i = p.tops.binary_search_by(|(k, _)| k.as_str().cmp(prefix)).ok()?;
        Some(&p.tops[i].1)
    }

    /// The pieces covering the terms `from..` up to the last that `stays`
    /// holds for (every piece for a whole dictionary is its one map).
    fn covering(&self, from: &str, stays: impl Fn(&str) -> bool) -> (Vec<FstMap>, Vec<usize>) {
        self.covering_where(from, stays, |_, _| true)
    }

    /// [`Dictionary::covering`], but for the pieces whose range of terms
    /// (from its first, up to the next piece's) `may_hold` says holds none
    /// of the terms sought.
    fn covering_where(&self, from: &str, stays: impl Fn(&str) -> bool, may_hold: impl Fn(&str, Option<&str>) -> bool) -> (Vec<FstMap>, Vec<usize>) {
        match self {
            Dictionary::Whole(map) => (vec![map.clone()], Vec::new()),
            Dictionary::Pieces(p) => {
                let start = p.firsts.partition_point(|f| f.as_str() <= from).saturating_sub(1);
                let end = p.firsts.partition_point(|f| f.as_str() < from || stays(f)).max(start + 1).min(p.firsts.len());
                let (mut here, mut missing) = (Vec::new(), Vec::new());
                // (The first piece holds the terms before its first too.)
                let low = |i: usize| if i == 0 { "" } else { p.firsts[i].as_str() };
                for i in (start..end).filter(|&i| may_hold(low(i), p.firsts.get(i + 1).map(String::as_str))) {
                    match p.maps[i].get() {
                        Some(map) => here.push(FstMap::clone(&map)),
                        None => missing.push(i),
                    }
                }
                (here, missing)
            }
        }
    }

    /// Term `key`'s number.
    pub fn get(&self, key: &str) -> Found<Option<u64>> {
        let (maps, missing) = self.covering(key, |_| false);
        Found { value: maps.iter().find_map(|m| m.get(key)), missing }
    }

    /// Numbers of every term that starts with `prefix`, in term order.
    pub fn prefixed(&self, prefix: &str) -> Found<Vec<u64>> {
        let (maps, missing) = self.covering(prefix, |f| f.starts_with(prefix));
        Found { value: maps.iter().flat_map(|m| m.prefixed(prefix)).collect(), missing }
    }

    /// [`FstMap::within`] over the pieces holding the word's first letter
    /// whose range of terms can hold a word within the distance: at 31,830
    /// documents `m` spans 43 pieces, and a misspelt word's corrections
    /// fetched all of them.
    pub fn within(&self, word: &str, distance: u8) -> Found<Vec<(u64, u8, String)>> {
        let first: String = word.chars().take(1).collect();
        let dfa = builder(distance.min(MAX_DISTANCE)).build_dfa(word);
        let (maps, missing) = self.covering_where(&first, |f| f.starts_with(&first), |low, high| admits(&dfa, low.as_bytes(), high.map(str::as_bytes)));
        Found { value: maps.iter().flat_map(|m| m.within(word, distance)).collect(), missing }
    }

    /// The piece whose range of terms holds `word` (whether it is a term or
    /// not): the one its lookup reads; `None` for a whole dictionary.
    pub fn piece_of(&self, word: &str) -> Option<usize> {
        match self {
            Dictionary::Whole(_) => None,
            Dictionary::Pieces(p) => Some(p.firsts.partition_point(|f| f.as_str() <= word).saturating_sub(1)),
        }
    }

    /// The first term of each piece (none for a whole dictionary).
    pub fn firsts(&self) -> &[String] {
        match self {
            Dictionary::Whole(_) => &[],
            Dictionary::Pieces(p) => &p.firsts,
        }
    }

    /// Every term, in order; `None` while a piece is missing.
    pub fn keys(&self) -> Option<Vec<String>> {
        match self {
            Dictionary::Whole(map) => Some(map.keys()),
            Dictionary::Pieces(p) => {
                let mut out = Vec::with_capacity(p.len);
                for m in &p.maps {
                    out.extend(m.get()?.keys());
                }
                Some(out)
            }
        }
    }

    /// How many terms.
    pub fn len(&self) -> usize {
        match self {
            Dictionary::Whole(map) => map.len(),
            Dictionary::Pieces(p) => p.len,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes of the transducer, or of all its pieces.
    pub fn size(&self) -> usize {
        match self {
            Dictionary::Whole(map) => map.size(),
            Dictionary::Pieces(p) => p.sizes.iter().map(|&s| s as usize).sum(),
        }
    }

    /// How many pieces (none for a whole dictionary).
    pub fn pieces(&self) -> usize {
        match self {
            Dictionary::Whole(_) => 0,
            Dictionary::Pieces(p) => p.firsts.len(),
        }
    }

    /// Bytes of piece `i`'s transducer.
    pub fn piece_size(&self, i: usize) -> Option<usize> {
        match self {
            Dictionary::Whole(_) => None,
            Dictionary::Pieces(p) => p.sizes.get(i).map(|&s| s as usize),
        }
    }

    /// Puts piece `i` in: `bytes` must be a transducer of its size whose
    /// terms lie in its range.
    pub fn fill(&self, i: usize, bytes: SharedBytes) -> Result<(), String> {
        let Dictionary::Pieces(p) = self else { return Err("this dictionary is whole".into()) };
        let size = *p.sizes.get(i).ok_or_else(|| format!("no piece {i}"))?;
        if bytes.len() != size as usize {
            return Err(format!("a dictionary piece of {} bytes, {size} expected", bytes.len()));
        }
        p.maps[i].put(FstMap::from_shared(bytes)?);
        Ok(())
    }

    /// Lets piece `i` go (its fragment is let go).
    pub(super) fn let_go(&self, i: usize) {
        if let Dictionary::Pieces(p) = self {
            p.maps.get(i).map(Slot::clear);
        }
    }

    /// When piece `i` was last read ([`super::slot`]'s clock; 0 if never).
    pub(super) fn last_read(&self, i: usize) -> u64 {
        match self {
            Dictionary::Whole(_) => 0,
            Dictionary::Pieces(p) => p.maps.get(i).map_or(0, Slot::last_read),
        }
    }

    /// Whether piece `i` is here.
    pub fn has_piece(&self, i: usize) -> bool {
        matches!(self, Dictionary::Pieces(p) if p.maps.get(i).is_some_and(Slot::is_here))
    }

    /// Checks a whole transducer's bytes (pieces are checked as they come).
    pub fn check(&self) -> Result<(), String> {
        match self {
            Dictionary::Whole(map) => map.check(),
            Dictionary::Pieces(_) => Ok(()),
        }
    }

    /// The whole transducer: its own, or rebuilt once every piece is here.
    fn whole(&self) -> Option<FstMap> {
        match self {
            Dictionary::Whole(map) => Some(map.clone()),
            Dictionary::Pieces(p) => {
                let mut pairs = Vec::with_capacity(p.len);
                for m in &p.maps {
                    let piece = m.get()?;
                    let map = piece.map();
                    let mut stream = map.stream();
                    while let Some((k, v)) = stream.next() {
                        pairs.push((k.to_vec(), v));
                    }
                }
                Some(FstMap::build(pairs))
            }
        }
    }
}

/// Equal when they hold the same terms, however they are held (pieces not
/// here compare by what names them).
impl PartialEq for Dictionary {
    fn eq(&self, other: &Dictionary) -> bool {
        match (self.whole(), other.whole()) {
            (Some(a), Some(b)) => a == b,
            _ => match (self, other) {
                (Dictionary::Pieces(a), Dictionary::Pieces(b)) => a.firsts == b.firsts && a.sizes == b.sizes && a.len == b.len && a.tops == b.tops,
                _ => false,
            },
        }
    }
}

/// On the wire: the transducer, or what names the pieces. A dictionary
/// whose pieces are all here is written whole.
#[derive(Serialize, Deserialize)]
enum WireDictionary {
    Whole(FstMap),
    Pieces { firsts: Vec<String>, sizes: Vec<u32>, len: u64, tops: Vec<(String, Vec<u32>)> },
}

impl From<Dictionary> for WireDictionary {
    fn from(d: Dictionary) -> WireDictionary {
        match (d.whole(), d) {
            (Some(map), _) => WireDictionary::Whole(map),
            (None, Dictionary::Pieces(p)) => WireDictionary::Pieces { firsts: p.firsts, sizes: p.sizes, len: p.len as u64, tops: p.tops },
            (None, Dictionary::Whole(map)) => WireDictionary::Whole(map),
        }
    }
}

impl TryFrom<WireDictionary> for Dictionary {
    type Error = String;
    fn try_from(w: WireDictionary) -> Result<Dictionary, String> {
        match w {
            WireDictionary::Whole(map) => Ok(Dictionary::Whole(map)),
            WireDictionary::Pieces { firsts, sizes, len, tops } => {
                if firsts.len() != sizes.len() || firsts.windows(2).any(|w| w[0] >= w[1]) {
                    return Err("dictionary pieces out of order".into());
                }
                if tops.windows(2).any(|w| w[0].0 >= w[1].0) || tops.iter().flat_map(|(_, t)| t).any(|&t| t as u64 >= len) {
                    return Err("completions out of order or out of range".into());
                }
                let maps = firsts.iter().map(|_| Slot::empty()).collect();
                Ok(Dictionary::Pieces(Pieces { firsts, sizes, len: len as usize, maps, tops }))
            }
        }
    }
}

/// The order of terms by how common they are: found in the most documents
/// first, then by term number (the build's table of completions and the
/// page's choice of them, [`super::Index::most_frequent`], sort alike).
pub fn by_frequency(doc_freq: usize, term: usize) -> (std::cmp::Reverse<usize>, usize) {
    (std::cmp::Reverse(doc_freq), term)
}

/// For each prefix whose terms (sorted) span more than [`TOP_SPAN`] of the
/// pieces starting at `firsts`, its [`TOP_COMPLETIONS`] most frequent
/// terms, in prefix order. A longer prefix spans no more pieces than the
/// shorter one it extends, so only those that still span many are
/// extended: the walk stops a few letters in.
fn tops(terms: &[String], firsts: &[u32], doc_freq: &dyn Fn(usize) -> usize) -> Vec<(String, Vec<u32>)> {
    let piece = |t: usize| firsts.partition_point(|&f| f as usize <= t).saturating_sub(1);
    let mut out = Vec::new();
    // Ranges of terms sharing a prefix of `chars` characters, still to be cut by one more.
    let mut ranges = vec![(0..terms.len(), 0usize)];
    while let Some((range, chars)) = ranges.pop() {
        let key = |t: usize| -> &str {
            let term = terms[t].as_str();
            term.char_indices().nth(chars + 1).map_or(term, |(i, _)| &term[..i])
        };
        let mut groups = Vec::new();
        let mut start = range.start;
        for t in range.clone() {
            if t + 1 == range.end || key(t + 1) != key(start) {
                groups.push(start..t + 1);
                start = t + 1;
            }
        }
        for group in groups {
            let prefix = key(group.start);
            if prefix.chars().count() <= chars || piece(group.end - 1) - piece(group.start) < TOP_SPAN {
                continue;
            }
            let mut top: Vec<u32> = group.clone().map(|t| t as u32).collect();
            let order = |&t: &u32| by_frequency(doc_freq(t as usize), t as usize);
            if top.len() > TOP_COMPLETIONS {
                top.select_nth_unstable_by_key(TOP_COMPLETIONS, order);
                top.truncate(TOP_COMPLETIONS);
            }
            crate::order::sort_by_key(&mut top, order);
            out.push((prefix.to_string(), top));
            ranges.push((group, chars + 1));
        }
    }
    crate::order::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    out
}

/// Whether `dfa` accepts some string from `low` (included) up to `high`
/// (excluded; no end when `None`): walked along the two bounds only, since
/// once a string has left both behind, any state still alive leads to a
/// match (a Levenshtein automaton's live state can always finish the word).
fn admits(dfa: &DFA, low: &[u8], high: Option<&[u8]>) -> bool {
    fn walk(dfa: &DFA, state: u32, depth: usize, low: Option<&[u8]>, high: Option<&[u8]>) -> bool {
        if state == SINK_STATE {
            return false;
        }
        // `low` / `high`: the bound the path so far still equals a prefix of.
        let (low, high) = (low.filter(|l| depth < l.len()), high);
        if high.is_some_and(|h| depth >= h.len()) {
            return false; // the path is `high` itself, or past it
        }
        if low.is_none() && high.is_none() {
            return true;
        }
        if low.is_none() && matches!(dfa.distance(state), Distance::Exact(_)) {
            return true; // the path itself: at least `low`, a proper prefix of `high`
        }
        let from = low.map_or(0, |l| l[depth]);
        let to = high.map_or(255, |h| h[depth]);
        (from..=to).any(|b| {
            let (on_low, on_high) = (low.filter(|l| l[depth] == b), high.filter(|h| h[depth] == b));
            let next = dfa.transition(state, b);
            if on_low.is_none() && on_high.is_none() {
                next != SINK_STATE
            } else {
                walk(dfa, next, depth + 1, on_low, on_high)
            }
        })
    }
    walk(dfa, dfa.initial_state(), 0, Some(low), high)
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
    fn a_dictionary_in_pieces_finds_what_the_whole_one_does_from_the_pieces_it_needs() {
        let terms: Vec<String> = ["ashraf", "camp", "campaign", "camps", "maleki", "maliki", "paris", "rajavi"].map(String::from).to_vec();
        let (pieces, bytes) = Dictionary::cut(&terms, &[0, 2, 4, 7], |_| 1);
        let whole = Dictionary::Whole(FstMap::build(terms.iter().enumerate().map(|(i, t)| (t.as_str(), i as u64))));
        // Nothing here: each lookup names the pieces its terms can be in.
        assert_eq!(pieces.get("camp"), Found { value: None, missing: vec![0] });
        assert_eq!(pieces.get("campaign"), Found { value: None, missing: vec![1] });
        assert_eq!(pieces.get("aaa"), Found { value: None, missing: vec![0] });
        assert_eq!(pieces.get("zzz"), Found { value: None, missing: vec![3] });
        assert_eq!(pieces.prefixed("camp").missing, [0, 1], "camp, then campaign and camps");
        // A word from `m` up to `maleki` would sort into the piece before.
        assert_eq!(pieces.prefixed("m").missing, [1, 2]);
        assert_eq!(pieces.prefixed("mali").missing, [2]);
        assert_eq!(pieces.prefixed("").missing, [0, 1, 2, 3]);
        assert_eq!(pieces.within("malik", 1).missing, [1, 2], "the pieces of its first letter");
        assert_eq!(pieces.within("rajavy", 1).missing, [2, 3], "`r` itself would sort before `rajavi`");
        assert_eq!(pieces.keys(), None);
        // A piece must be a transducer of its size (its fragment's hash
        // names its content: `Index::add_fragment`).
        assert_ne!(bytes[3].len(), bytes[1].len());
        assert!(pieces.fill(1, SharedBytes::new(bytes[3].clone())).is_err());
        assert!(pieces.fill(1, SharedBytes::new(vec![0; bytes[1].len()])).is_err());
        assert!(!pieces.has_piece(1));
        for (i, b) in bytes.into_iter().enumerate() {
            pieces.fill(i, SharedBytes::new(b)).expect("its own piece");
        }
        for word in ["camp", "campaign", "cam", "zzz", "maliki"] {
            assert_eq!(pieces.get(word).value, whole.get(word).value, "{word}");
        }
        for prefix in ["", "camp", "ma", "r", "x"] {
            assert_eq!(pieces.prefixed(prefix), whole.prefixed(prefix), "{prefix}");
        }
        assert_eq!(pieces.within("malik", 1), whole.within("malik", 1));
        assert_eq!(pieces.keys(), Some(terms));
        assert_eq!(pieces, whole, "equal once every piece is here");
    }

    /// Edit distance by the textbook table (characters inserted, deleted or replaced).
    fn edits(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut diagonal = row[0];
            row[0] = i;
            for j in 1..=b.len() {
                let above = row[j];
                row[j] = (row[j] + 1).min(row[j - 1] + 1).min(diagonal + usize::from(a[i - 1] != b[j - 1]));
                diagonal = above;
            }
        }
        row[b.len()]
    }

    #[test]
    fn a_word_within_reach_asks_only_for_the_pieces_whose_range_can_hold_one() {
        // Every word of one to four letters from a, b, l, m, in pieces of seven.
        let mut terms = vec![String::new()];
        for _ in 0..4 {
            terms = terms.iter().flat_map(|t| ["a", "b", "l", "m"].map(|c| format!("{t}{c}"))).chain(terms.iter().cloned()).collect();
            terms.sort();
            terms.dedup();
        }
        terms.retain(|t| !t.is_empty());
        let firsts: Vec<u32> = (0..terms.len() as u32).step_by(7).collect();
        let (pieces, _) = Dictionary::cut(&terms, &firsts, |_| 1);
        let (mut asked, mut covered) = (0, 0);
        for (word, distance) in [("mall", 1), ("lamb", 1), ("blam", 2), ("mmmm", 1), ("ab", 1), ("malm", 2)] {
            let first = &word[..1];
            // The pieces holding a word that is within reach, by the table.
            let holding: Vec<usize> = (0..firsts.len())
                .filter(|&i| {
                    let end = firsts.get(i + 1).map_or(terms.len(), |&e| e as usize);
                    terms[firsts[i] as usize..end].iter().any(|t| t.starts_with(first) && edits(t, word) <= distance)
                })
                .collect();
            let missing = pieces.within(word, distance as u8).missing;
            assert!(holding.iter().all(|i| missing.contains(i)), "{word}: {holding:?} not all in {missing:?}");
            asked += missing.len();
            covered += pieces.covering(first, |f| f.starts_with(first)).1.len();
        }
        assert!(asked < covered, "{asked} pieces asked of the {covered} of their first letters");
    }

    #[test]
    fn empty_map_answers_nothing() {
        let m = FstMap::default();
        assert_eq!(m.get("x"), None);
        assert!(m.prefixed("").is_empty());
    }
}
