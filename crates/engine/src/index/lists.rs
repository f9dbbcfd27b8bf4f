//! Every term's postings in a field, and when each is decoded.
//!
//! The build holds them decoded ([`Lists::Decoded`]) while it indexes,
//! then encoded, as the file will hold them. An index read from
//! its file keeps them as the file has them, each term's list a slice of
//! delta-encoded varints ([`Lists::Encoded`]), and decodes a list the first
//! time a query reads it: its documents and counts, its positions left in
//! the file's bytes until something reads them ([`super::postings`]).
//! Decoded, the Linux docs' body lists took 36 MB and most of the 240 ms
//! the index took to decode natively, for lists a session mostly never
//! reads; encoded they are a fifth of that. Decoded lists are kept in a
//! cache bounded by their size, least recently read first out, so the
//! lists a person keeps typing stay decoded.
//!
//! The encoded lists' bytes are held in pieces by term range: one piece
//! for an index read whole, or the fragment files of a sharded index
//! ([`super::fragments`]), each filled in when fetched (and let go again
//! past what the page keeps, with its decoded lists); a read whose piece
//! is not here finds an empty list and notes the piece as missed. Where
//! each list starts comes with its piece (a fragment begins with its
//! lists' lengths), so a sharded core holds no per-term table: 89 KB gzip
//! of the Linux docs' core, 310 KB at 31,830 documents.

use std::collections::HashMap;
use std::ops::Deref;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::codec::{self, WirePostings};
use super::postings::Postings;
use super::slot::Slot;

/// Numbers (4 bytes each: document numbers, counts, where each document's
/// positions start, and positions once decoded, [`Postings::held`]) the
/// cache keeps before it drops the lists read longest ago: 16 MiB, room for
/// the sixteen commonest words of 31,830 documents with their positions
/// left encoded.
pub(super) const CACHE_BUDGET: usize = 4 << 20;

/// A term's postings as a query reads them: borrowed from lists held
/// decoded, or shared with the cache of an index read from its file.
pub enum PostingsRef<'a> {
    Borrowed(&'a Postings),
    Shared(Arc<Postings>),
}

impl Deref for PostingsRef<'_> {
    type Target = Postings;
    fn deref(&self) -> &Postings {
        match self {
            PostingsRef::Borrowed(p) => p,
            PostingsRef::Shared(p) => p,
        }
    }
}

/// Every term's postings in one field, by term number.
pub enum Lists {
    /// As the builder made them.
    Decoded(Vec<Postings>),
    /// As the index file holds them, decoded on first read.
    Encoded(Encoded),
}

/// The encoded lists and the cache of those decoded.
pub struct Encoded {
    /// The lists' bytes in pieces of whole lists by term range: one piece
    /// holding them all for an index read whole, or the fragments of a
    /// sharded one ([`super::fragments`]), each here once fetched.
    pieces: Vec<Piece>,
    /// Terms in all.
    terms: usize,
    cache: Mutex<Cache>,
    /// Pieces a read needed while they were not here, each with the number
    /// of its last such read, and how many reads found nothing for that
    /// reason (an answer compares the count before and after to know whether
    /// it is whole, and asks for the pieces missed since).
    missed: Mutex<(std::collections::BTreeMap<usize, u64>, u64)>,
    /// Read from a sharded core: its pieces are fragment files.
    sharded: bool,
}

/// Some terms' lists, one after another.
#[derive(Clone)]
pub(super) struct Piece {
    /// Its first term.
    first: u32,
    /// The content hash its file is published under and checked against.
    hash: u64,
    /// Its file's size: for a fragment, its piece of the dictionary, its
    /// lists' lengths and its lists; for the one piece of an index read
    /// whole, its lists.
    size: u32,
    /// Its lists, once here.
    here: Slot<Here>,
}

/// A piece's lists: their bytes (a range of the index file, or of a
/// fetched fragment file) and where each of its terms' lists ends in them.
#[derive(Clone)]
struct Here {
    bytes: codec::SharedBytes,
    ends: Arc<[u32]>,
}

/// Decoded lists with the time each was last read; `held` counts their numbers.
#[derive(Default)]
struct Cache {
    lists: HashMap<u32, (Arc<Postings>, u64)>,
    clock: u64,
    held: usize,
    budget: usize,
}

impl Cache {
    fn new(budget: usize) -> Cache {
        Cache { budget, ..Cache::default() }
    }

    fn get(&mut self, term: u32) -> Option<Arc<Postings>> {
        self.clock += 1;
        let clock = self.clock;
        self.lists.get_mut(&term).map(|(list, read)| {
            *read = clock;
            list.clone()
        })
    }

    /// Keeps `list`; past the budget, drops the lists read longest ago down
    /// to half of it at once, so a long walk over many lists sorts the cache
    /// once per half budget rather than once per list.
    fn put(&mut self, term: u32, list: Arc<Postings>) {
        self.held += list.held();
        self.lists.insert(term, (list, self.clock));
        if self.held <= self.budget {
            return;
        }
        // Lists whose positions were all decoded since they came hold more now.
        self.held = self.lists.values().map(|(list, _)| list.held()).sum();
        // (Only `term`, just put in, was read at this tick of the clock: it stays.)
        let here = self.lists.iter().map(|(&t, (list, read))| (t as usize, list.held(), *read));
        for t in super::slot::to_let_go(here, self.budget, self.budget / 2, self.clock) {
            if let Some((list, _)) = self.lists.remove(&(t as u32)) {
                self.held -= list.held();
            }
        }
    }
}

impl Lists {
    pub fn len(&self) -> usize {
        match self {
            Lists::Decoded(lists) => lists.len(),
            Lists::Encoded(e) => e.terms,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Term `term`'s postings (empty for a term out of range, or a list the
    /// file holds damaged: a query then finds nothing, it never fails).
    pub fn get(&self, term: usize) -> PostingsRef<'_> {
        static EMPTY: Postings = Postings::EMPTY;
        match self {
            Lists::Decoded(lists) => PostingsRef::Borrowed(lists.get(term).unwrap_or(&EMPTY)),
            Lists::Encoded(e) => {
                let mut cache = e.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                if let Some(list) = cache.get(term as u32) {
                    // A read of its piece too, which its fragment's turn to go follows.
                    e.pieces[e.piece_of(term)].here.get();
                    return PostingsRef::Shared(list);
                }
                let Some((bytes, range)) = e.find(term) else { return PostingsRef::Borrowed(&EMPTY) };
                let list = Arc::new(codec::read_lazily(&bytes.file, range).unwrap_or_default());
                cache.put(term as u32, list.clone());
                PostingsRef::Shared(list)
            }
        }
    }

    /// How many documents have term `term`, without decoding its list: the
    /// list starts with that count.
    pub fn doc_freq(&self, term: usize) -> usize {
        match self {
            Lists::Decoded(lists) => lists.get(term).map_or(0, Postings::len),
            Lists::Encoded(e) => e
                .find(term)
                .and_then(|(bytes, r)| bytes.file.get(r).and_then(|b| postcard::take_from_bytes::<u32>(b).ok()).map(|(n, _)| n as usize))
                .unwrap_or(0),
        }
    }

    /// Bytes the lists take in the file: their documents and counts, and
    /// their positions (what ranking reads, and what only phrases, marks
    /// and the analyses read).
    pub fn split_bytes(&self) -> (usize, usize) {
        let (mut docs, mut positions) = (0, 0);
        for term in 0..self.len() {
            let (d, p) = codec::split_bytes(&self.get(term));
            docs += d;
            positions += p;
        }
        (docs, positions)
    }

    /// Numbers held decoded by the cache (none for decoded lists).
    pub fn cached(&self) -> usize {
        match self {
            Lists::Decoded(_) => 0,
            Lists::Encoded(e) => e.cache.lock().map_or(0, |c| c.held),
        }
    }

    /// Sizes the cache for an index of `docs` documents: room for the
    /// lists a typed word reaches (itself and its sixteen commonest
    /// completions) if each were in every document: three numbers a
    /// document (its number, where its count of positions starts, where its
    /// positions start) and a fourth to spare, and never less than
    /// [`CACHE_BUDGET`]. A fixed budget let those lists
    /// drop one another on 299,202 documents: each first letter decoded
    /// them all again, 280 ms natively for `t`.
    pub fn fit_cache(&mut self, docs: usize) {
        if let Lists::Encoded(e) = self {
            let lists = crate::query::expand::MAX_TYPING_EXPANSIONS + 1;
            if let Ok(cache) = e.cache.get_mut() {
                cache.budget = CACHE_BUDGET.max(lists * 4 * docs);
            }
        }
    }

    /// The build's lists, already in their file's form one after another
    /// in `bytes` ([`codec::GrowingList`]), read as an index file's are.
    #[cfg(feature = "ingest")]
    pub(super) fn built(lens: Vec<u32>, bytes: Vec<u8>) -> Lists {
        Lists::Encoded(Encoded::new(lens, codec::SharedBytes::new(bytes)).expect("lists just written"))
    }

    /// The same lists, encoded, with a cache of `budget` numbers (tests set a small one).
    pub fn encoded_with_budget(&self, budget: usize) -> Lists {
        let WireLists { lens, bytes, .. } = WireLists::from(self);
        let mut encoded = Encoded::new(lens, bytes).expect("lists just encoded");
        encoded.cache = Mutex::new(Cache::new(budget));
        Lists::Encoded(encoded)
    }
}

impl Encoded {
    /// The lists of lengths `lens`, one after another in `bytes`.
    fn new(lens: Vec<u32>, bytes: codec::SharedBytes) -> Result<Encoded, String> {
        let terms = lens.len();
        let ends = ends_of(lens)?;
        let end = ends.last().copied().unwrap_or(0);
        if end as usize != bytes.len() {
            return Err(format!("postings lists of {end} bytes in {} bytes", bytes.len()));
        }
        // (Read whole, the lists are named by the index file's own name.)
        let piece = Piece { first: 0, hash: 0, size: end, here: Slot::full(Here { bytes, ends: ends.into() }) };
        Ok(Encoded::of(vec![piece], terms, false))
    }

    /// `terms` lists in `pieces`, each `(first term, hash, file size)`,
    /// none of them here yet, which must start at term 0 and at ascending terms.
    pub(super) fn sharded(terms: usize, pieces: Vec<(u32, u64, u32)>) -> Result<Encoded, String> {
        if pieces.first().is_some_and(|&(first, ..)| first != 0) || pieces.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err("fragments out of order".into());
        }
        if pieces.last().is_some_and(|&(first, ..)| first as usize >= terms) || (terms > 0 && pieces.is_empty()) {
            return Err("fragments that do not cover the terms".into());
        }
        let pieces = pieces.into_iter().map(|(first, hash, size)| Piece { first, hash, size, here: Slot::empty() }).collect();
        Ok(Encoded::of(pieces, terms, true))
    }

    fn of(pieces: Vec<Piece>, terms: usize, sharded: bool) -> Encoded {
        Encoded { pieces, terms, cache: Mutex::new(Cache::new(CACHE_BUDGET)), missed: Mutex::default(), sharded }
    }

    /// Whether its pieces are the fragment files of a sharded index.
    pub(super) fn is_sharded(&self) -> bool {
        self.sharded
    }

    /// The piece holding term `term`'s list.
    fn piece_of(&self, term: usize) -> usize {
        self.pieces.partition_point(|p| p.first as usize <= term).saturating_sub(1)
    }

    /// The terms piece `i` holds.
    fn terms_of(&self, i: usize) -> std::ops::Range<usize> {
        let end = self.pieces.get(i + 1).map_or(self.terms, |p| p.first as usize);
        self.pieces.get(i).map_or(0, |p| p.first as usize)..end
    }

    /// Term `term`'s list: its piece's bytes and the list's range in their
    /// buffer; `None` for a term out of range, or a piece not here yet
    /// (noted as missed).
    fn find(&self, term: usize) -> Option<(codec::SharedBytes, std::ops::Range<usize>)> {
        if term >= self.terms {
            return None;
        }
        let i = self.piece_of(term);
        let piece = &self.pieces[i];
        let Some(here) = piece.here.get() else {
            self.note_missed(i);
            return None;
        };
        let local = term - piece.first as usize;
        let end = *here.ends.get(local)?;
        let start = if local == 0 { 0 } else { here.ends[local - 1] };
        let at = here.bytes.range.start + start as usize;
        Some((here.bytes.clone(), at..at + (end - start) as usize))
    }

    /// Notes that a read needed piece `i` (a list, or the dictionary piece
    /// its fragment carries) while it was not here.
    pub(super) fn note_missed(&self, i: usize) {
        let mut missed = self.missed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        missed.1 += 1;
        let read = missed.1;
        missed.0.insert(i, read);
    }

    /// Every piece's hash, file size in bytes and whether it is here.
    pub(super) fn pieces(&self) -> Vec<(u64, u32, bool)> {
        self.pieces.iter().map(|p| (p.hash, p.size, p.here.is_here())).collect()
    }

    /// How many pieces the lists are cut into.
    pub(super) fn piece_count(&self) -> usize {
        self.pieces.len()
    }

    /// Piece `i`'s content hash and size.
    pub(super) fn piece(&self, i: usize) -> Option<(u64, u32)> {
        self.pieces.get(i).map(|p| (p.hash, p.size))
    }

    /// Whether piece `i`'s lists are here.
    pub(super) fn has_piece(&self, i: usize) -> bool {
        self.pieces.get(i).is_some_and(|p| p.here.is_here())
    }

    /// Puts piece `i`'s lists in place from the head of `bytes`, the part
    /// of its fragment file after its piece of the dictionary (the file
    /// checked by its caller against the piece's hash): each of its terms'
    /// list length as a varint, then the lists. Returns how many bytes they
    /// took (the title lists follow).
    pub(super) fn fill(&self, i: usize, bytes: codec::SharedBytes) -> Result<usize, String> {
        let terms = self.terms_of(i);
        self.pieces.get(i).ok_or_else(|| format!("no fragment {i}"))?;
        let (mut lens, mut rest) = (Vec::with_capacity(terms.len()), &bytes[..]);
        for _ in terms {
            let (len, after) = postcard::take_from_bytes::<u32>(rest).map_err(|_| format!("fragment {i}: its lists' lengths are cut short"))?;
            lens.push(len);
            rest = after;
        }
        let ends = ends_of(lens)?;
        let len = ends.last().copied().unwrap_or(0) as usize;
        if len > rest.len() {
            return Err(format!("fragment {i} holds {} bytes after its lengths, which say {len} of lists", rest.len()));
        }
        let start = bytes.range.end - rest.len();
        let lists = codec::SharedBytes { file: bytes.file.clone(), range: start..start + len };
        self.pieces[i].here.put(Here { bytes: lists, ends: ends.into() });
        self.missed.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).0.remove(&i);
        Ok(start + len - bytes.range.start)
    }

    /// Piece `i`'s file after its piece of the dictionary, as [`Encoded::fill`]
    /// reads it: its lists' lengths, then the lists (`lens` and `lists`,
    /// those of its terms).
    pub(super) fn fragment_body(lens: &[u32], lists: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(lens.len() * 2 + lists.len());
        for &len in lens {
            out = postcard::to_extend(&len, out).expect("a length always serialises");
        }
        out.extend_from_slice(lists);
        out
    }

    /// The pieces still not here that reads after the first `reads` misses
    /// needed, and how many reads have missed one so far.
    pub(super) fn missed_since(&self, reads: u64) -> (Vec<usize>, u64) {
        let missed = self.missed.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let pieces = missed.0.iter().filter(|&(&i, &read)| read > reads && !self.pieces[i].here.is_here()).map(|(&i, _)| i);
        (pieces.collect(), missed.1)
    }

    /// Lets piece `i`'s lists go, and the cache's decoded lists of its
    /// terms (whose positions, left encoded, hold its file).
    pub(super) fn let_go(&self, i: usize) {
        let Some(piece) = self.pieces.get(i) else { return };
        piece.here.clear();
        let terms = self.terms_of(i);
        let mut cache = self.cache.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let cache = &mut *cache;
        cache.lists.retain(|&t, (list, _)| {
            let keep = !terms.contains(&(t as usize));
            if !keep {
                cache.held -= list.held().min(cache.held);
            }
            keep
        });
    }

    /// When piece `i` was last read ([`super::slot`]'s clock; 0 if never).
    pub(super) fn last_read(&self, i: usize) -> u64 {
        self.pieces.get(i).map_or(0, |p| p.here.last_read())
    }

    /// How many reads have missed a piece so far.
    pub(super) fn misses(&self) -> u64 {
        self.missed.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).1
    }

    /// Every list's length and all the lists' bytes one after another, when
    /// every piece is here: the one piece's own bytes, shared, or the
    /// pieces' joined in a copy.
    fn joined(&self) -> Option<(Vec<u32>, codec::SharedBytes)> {
        let mut lens = Vec::with_capacity(self.terms);
        let mut pieces = Vec::with_capacity(self.pieces.len());
        for p in &self.pieces {
            let here = p.here.get()?;
            lens.extend(here.ends.iter().scan(0, |start, &end| Some(end - std::mem::replace(start, end))));
            pieces.push(here);
        }
        let bytes = match &pieces[..] {
            [one] => one.bytes.clone(),
            _ => codec::SharedBytes::new(pieces.iter().flat_map(|here| here.bytes.iter().copied()).collect()),
        };
        Some((lens, bytes))
    }
}

/// Each list's end among all of them, from their lengths.
fn ends_of(lens: Vec<u32>) -> Result<Vec<u32>, String> {
    let mut ends = Vec::with_capacity(lens.len());
    let mut end = 0u64;
    for len in lens {
        end += u64::from(len);
        ends.push(u32::try_from(end).map_err(|_| "postings larger than 4 GiB")?);
    }
    Ok(ends)
}

/// The lists on the wire: each one's length in bytes, then all of them;
/// or, for the core of a sharded index, how many there are, no lengths, no
/// bytes, and the fragments holding them: each one's first term, content
/// hash and size.
#[derive(Serialize)]
pub struct WireLists {
    pub(super) terms: u64,
    pub(super) lens: Vec<u32>,
    pub(super) fragments: Vec<(u32, u64, u32)>,
    /// Written in one copy, not byte by byte; shared with the lists when
    /// they are in one piece (the build's, an index read whole), not
    /// copied: at 299,202 documents they are 0.8 GB, and the copy made
    /// to write them was the build's peak.
    pub(super) bytes: codec::SharedBytes,
}

/// Written as [`WireLists`], made from the lists where they are: the
/// build's lists are most of what it holds (3 of the 14.6 GiB it took at
/// 299,202 documents), and serde's `into` wrote a clone of them all first,
/// for the whole index file and again for its fragments.
impl Serialize for Lists {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        WireLists::from(self).serialize(s)
    }
}

impl From<Lists> for WireLists {
    fn from(lists: Lists) -> WireLists {
        WireLists::from(&lists)
    }
}

impl From<&Lists> for WireLists {
    fn from(lists: &Lists) -> WireLists {
        match lists {
            Lists::Decoded(lists) => {
                let (mut lens, mut bytes) = (Vec::with_capacity(lists.len()), Vec::new());
                for p in lists {
                    let at = bytes.len();
                    bytes = postcard::to_extend(&WirePostings::from(p), bytes).expect("postings always serialise");
                    lens.push((bytes.len() - at) as u32);
                }
                WireLists { terms: lists.len() as u64, lens, fragments: Vec::new(), bytes: codec::SharedBytes::new(bytes) }
            }
            // Whole when every piece is here; else the core, naming its fragments.
            Lists::Encoded(e) => match e.joined() {
                Some((lens, bytes)) => WireLists { terms: e.terms as u64, lens, fragments: Vec::new(), bytes },
                None => WireLists {
                    terms: e.terms as u64,
                    lens: Vec::new(),
                    fragments: e.pieces.iter().map(|p| (p.first, p.hash, p.size)).collect(),
                    bytes: codec::SharedBytes::new(Vec::new()),
                },
            },
        }
    }
}

/// Read as [`WireLists`], with the lists' bytes kept where they are in the
/// file being read ([`codec::SharedBytes`]), the one copy of the index's largest part (8.2 of
/// the 9.9 MB of the Linux docs' index) that opening it made.
impl<'de> Deserialize<'de> for Lists {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Lists, D::Error> {
        #[derive(Deserialize)]
        struct InPlace {
            terms: u64,
            lens: Vec<u32>,
            fragments: Vec<(u32, u64, u32)>,
            bytes: codec::SharedBytes,
        }
        let wire = InPlace::deserialize(d)?;
        if !wire.fragments.is_empty() {
            return Encoded::sharded(wire.terms as usize, wire.fragments).map(Lists::Encoded).map_err(serde::de::Error::custom);
        }
        if wire.terms as usize != wire.lens.len() {
            return Err(serde::de::Error::custom("postings lists of more terms than lengths"));
        }
        // Positions are found by their offset in the bytes, a `u32`: lists
        // in a file past 4 GiB (natively) get a buffer of their own.
        let bytes = if wire.bytes.range.end > u32::MAX as usize { codec::SharedBytes::new(wire.bytes.to_vec()) } else { wire.bytes };
        Encoded::new(wire.lens, bytes).map(Lists::Encoded).map_err(serde::de::Error::custom)
    }
}

impl Clone for Lists {
    fn clone(&self) -> Lists {
        match self {
            Lists::Decoded(lists) => Lists::Decoded(lists.clone()),
            Lists::Encoded(e) => Lists::Encoded(Encoded::of(e.pieces.clone(), e.terms, e.sharded)),
        }
    }
}

impl Default for Lists {
    fn default() -> Lists {
        Lists::Decoded(Vec::new())
    }
}

/// Equal when every term's postings are, however they are held.
impl PartialEq for Lists {
    fn eq(&self, other: &Lists) -> bool {
        self.len() == other.len() && (0..self.len()).all(|t| *self.get(t) == *other.get(t))
    }
}

impl std::fmt::Debug for Lists {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = if matches!(self, Lists::Decoded(_)) { "decoded" } else { "encoded" };
        write!(f, "Lists({} terms, {how})", self.len())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::index::{Field, Index};
    use crate::ingest::Source;

    /// A corpus whose lists differ in length: word `wN` is in every Nth
    /// document, twice (so a document's positions are more than one).
    pub(crate) fn corpus() -> Index {
        let docs = (1..=60)
            .map(|d| {
                let words: Vec<String> = (1..=30).filter(|n| d % n == 0).map(|n| format!("w{n}")).collect();
                Source::new(format!("d{d}"), format!("{0} {0}\n", words.join(" ")))
            })
            .collect();
        Index::build(docs)
    }

    /// Every body list of `index` decoded whole, positions too, as serde
    /// reads a [`codec::WirePostings`] (not as the index reads its lists:
    /// lazily, positions left encoded).
    pub(crate) fn decoded(index: &Index) -> Vec<Postings> {
        let wire = WireLists::from(&index.body);
        let mut at = 0;
        wire.lens
            .iter()
            .map(|&n| {
                let list = postcard::from_bytes(&wire.bytes[at..at + n as usize]).expect("a list");
                at += n as usize;
                list
            })
            .collect()
    }

    #[test]
    fn encoded_lists_read_as_the_decoded_ones_and_count_without_decoding() {
        let index = corpus();
        let whole = decoded(&index);
        assert_eq!(whole.len(), index.term_count());
        let encoded = index.encoded_with_budget(CACHE_BUDGET);
        for (term, list) in whole.iter().enumerate() {
            assert_eq!(*encoded.postings(term, Field::Body), *list);
            assert!(matches!(&list.positions, super::super::postings::Positions::Decoded(_)));
        }
        // One document's positions, and the counts, read with the list's positions still encoded.
        let lazy = index.encoded_with_budget(CACHE_BUDGET);
        for (term, built) in whole.iter().enumerate() {
            let read = lazy.postings(term, Field::Body);
            for doc in 0..=index.len() as u32 {
                assert_eq!(read.positions_in(doc), built.positions_in(doc), "term {term}, document {doc}");
                assert_eq!(read.count_in(doc), built.positions_in(doc).len());
                let mut appended = vec![7];
                read.extend_with_positions_in(doc, &mut appended);
                assert_eq!(appended[1..], *built.positions_in(doc));
            }
            assert!(matches!(read.positions_in(0), std::borrow::Cow::Owned(_)) || read.count_in(0) == 0, "decoded alone");
        }
        let fresh = index.encoded_with_budget(CACHE_BUDGET);
        let w2 = index.term_id("w2").unwrap();
        // `w2` is in every second document of 60.
        assert_eq!(fresh.doc_freq(w2, Field::Body), 30);
        assert_eq!(fresh.postings_cached(), 0, "counting decoded nothing");
        assert_eq!(fresh.doc_freq(usize::MAX, Field::Body), 0);
    }

    #[test]
    fn an_index_read_from_its_file_keeps_a_typed_words_lists_however_many_documents() {
        // Past about CACHE_BUDGET / 51 documents, seventeen lists that are
        // each in every document no longer fit a fixed budget: reading them
        // in turn would drop the first before the last.
        let docs = CACHE_BUDGET / 51 + 1_000;
        let text = (0..17).map(|w| format!("t{w}")).collect::<Vec<_>>().join(" ");
        let built = Index::build((0..docs).map(|d| Source::new(format!("d{d}"), text.clone())).collect());
        let index = Index::from_bytes(&built.to_bytes()).expect("reads back");
        let terms: Vec<usize> = (0..17).map(|w| index.term_id(&format!("t{w}")).expect("a word of every document")).collect();
        for &t in &terms {
            assert_eq!(index.postings(t, Field::Body).docs.len(), docs);
        }
        let held = index.postings_cached();
        assert!(held >= 17 * 2 * docs, "all seventeen lists kept: {held} numbers held for {docs} documents");
        for &t in &terms {
            index.postings(t, Field::Body);
        }
        assert_eq!(index.postings_cached(), held, "read again from the cache, nothing decoded or dropped");
    }

    #[test]
    fn the_cache_stays_within_its_budget_and_keeps_what_is_read_again() {
        let index = corpus();
        // w1 (in all 60 documents) holds 60 + 61 + 61 = 182 numbers (its
        // documents, counts and where each one's positions are, those left
        // encoded), wN about 180 / N: all thirty lists hold about 750, over
        // the budget; w1 and any other fit in half of it, what an eviction leaves.
        let budget = 600;
        let encoded = index.encoded_with_budget(budget);
        let w1 = index.term_id("w1").unwrap();
        let first = match encoded.postings(w1, Field::Body) {
            PostingsRef::Shared(p) => p,
            PostingsRef::Borrowed(_) => panic!("an encoded list is decoded into the cache"),
        };
        for n in 2..=30 {
            let term = index.term_id(&format!("w{n}")).unwrap();
            let _ = encoded.postings(term, Field::Body);
            // Read w1 again between the others: it stays the most recent.
            let again = encoded.postings(w1, Field::Body);
            assert!(matches!(&again, PostingsRef::Shared(p) if Arc::ptr_eq(p, &first)), "w1 was dropped at w{n}");
            assert!(encoded.postings_cached() <= budget, "{} numbers held", encoded.postings_cached());
        }
        // Read only the others: w1 goes.
        for n in 2..=30 {
            let _ = encoded.postings(index.term_id(&format!("w{n}")).unwrap(), Field::Body);
        }
        for n in 2..=30 {
            let _ = encoded.postings(index.term_id(&format!("w{n}")).unwrap(), Field::Body);
        }
        let later = encoded.postings(w1, Field::Body);
        assert!(matches!(&later, PostingsRef::Shared(p) if !Arc::ptr_eq(p, &first)), "w1 was kept while unread");
        assert_eq!(*later, *first);
    }

    #[test]
    fn an_index_read_from_its_file_keeps_its_lists_and_dictionary_in_the_file_and_reads_the_same() {
        let built = corpus();
        let file = built.to_bytes();
        let (at, len) = (file.as_ptr() as usize, file.len());
        let index = Index::from_vec(file).expect("reads back");
        let Lists::Encoded(e) = &index.body else { panic!("a read index keeps its lists encoded") };
        let here = e.pieces[0].here.get().expect("read whole");
        let bytes = &here.bytes;
        assert_eq!((bytes.file.as_ptr() as usize, bytes.file.len()), (at, len), "the lists are the file's own bytes, not a copy");
        let crate::index::dictionary::Dictionary::Whole(dictionary) = &index.dictionary else { panic!("an index read whole") };
        assert!(Arc::ptr_eq(&dictionary.bytes().file, &bytes.file), "so is the dictionary");
        assert_eq!(index, built);
        // Read from bytes that are not a file being read: a copy of their own, the same lists.
        let wire: WireLists = built.body.clone().into();
        let alone = postcard::from_bytes::<Lists>(&postcard::to_allocvec(&wire).expect("serialises")).expect("reads");
        assert!(
            matches!(&alone, Lists::Encoded(e) if e.pieces[0].here.get().is_some_and(|h| h.bytes.range == (0..wire.bytes.len()) && h.bytes.file.len() == wire.bytes.len()))
        );
        assert_eq!(alone, built.body);
    }

    #[test]
    fn lists_in_one_piece_are_written_from_their_own_bytes_and_an_index_is_sized_without_being_written() {
        let built = corpus();
        let Lists::Encoded(e) = &built.body else { panic!("the build's lists are encoded") };
        let here = e.pieces[0].here.get().expect("in one piece");
        assert!(Arc::ptr_eq(&WireLists::from(&built.body).bytes.file, &here.bytes.file), "shared, not copied");
        let read = Index::from_vec(built.to_bytes()).expect("reads back");
        let core = Index::from_vec(built.to_sharded(200).core).expect("a core reads");
        for index in [&built, &read, &core] {
            assert_eq!(index.file_size(), index.to_bytes().len());
        }
    }

    #[test]
    fn a_damaged_list_reads_as_empty_and_a_short_file_is_refused() {
        let mut wire: WireLists = corpus().body.clone().into();
        let mut bytes = wire.bytes.to_vec();
        let n = bytes.len();
        bytes[n - 1] = 0xff;
        bytes[n - 2] = 0xff;
        wire.bytes = codec::SharedBytes::new(bytes);
        let read = |wire: &WireLists| postcard::from_bytes::<Lists>(&postcard::to_allocvec(wire).expect("serialises"));
        let lists = read(&wire).expect("lengths agree");
        let last = lists.len() - 1;
        let _ = lists.get(last).len();
        let mut short: WireLists = corpus().body.clone().into();
        short.bytes = codec::SharedBytes::new(short.bytes[..short.bytes.len() - 1].to_vec());
        assert!(read(&short).is_err());
    }
}
