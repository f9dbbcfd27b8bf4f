//! The index as bytes: postcard behind a format tag, postings as gaps.
//! Built once by the build (natively), decoded once by the page; an index
//! of another format version is refused, never misread.

use serde::{Deserialize, Serialize};

use std::cell::RefCell;
use std::sync::Arc;

use super::postings::{Positions, Postings};
use super::Index;

/// Format tag written before the index. Bump it whenever what is
/// serialised changes shape.
const MAGIC: &[u8; 8] = b"CXIDX\x00\x00\x18";

#[derive(Debug)]
pub struct FormatError(pub String);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "index data unreadable: {}", self.0)
    }
}

impl std::error::Error for FormatError {}

impl Index {
    pub fn to_bytes(&self) -> Vec<u8> {
        // (Written after the tag, not copied there: the file is the build's largest value.)
        postcard::to_extend(self, MAGIC.to_vec()).expect("an index always serialises")
    }

    /// The length of [`Index::to_bytes`], without writing it (the build
    /// decides from it whether to write the index sharded).
    pub fn file_size(&self) -> usize {
        MAGIC.len() + postcard::serialize_with_flavor(self, postcard::ser_flavors::Size::default()).expect("an index always serialises")
    }

    /// Reads an index from a copy of `bytes` (see [`Index::from_vec`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, FormatError> {
        Index::from_vec(bytes.to_vec())
    }

    /// Reads an index file, keeping the file: its postings lists and its
    /// dictionary, most of its bytes, stay in it ([`SharedBytes`]) rather
    /// than being copied out, so opening an index needs the file and the
    /// rest decoded, not the file twice. (The page's memory never shrinks:
    /// what opening takes at its peak, it keeps. After the first answer,
    /// wasm memory went from 23.8 to 16.2 MB on the 3,183 Linux docs, from
    /// 109.4 to 73.9 MB on the 31,076 real documents.)
    pub fn from_vec(bytes: Vec<u8>) -> Result<Index, FormatError> {
        let file = Arc::new(bytes);
        let body = file.strip_prefix(MAGIC.as_slice()).ok_or_else(|| FormatError("not an index of this version (rebuild the page)".into()))?;
        let read = Reading::of(&file);
        let index: Result<Index, _> = postcard::from_bytes(body);
        drop(read);
        let mut index = index.map_err(|e| FormatError(e.to_string()))?;
        index.check().map_err(FormatError)?;
        let docs = index.len();
        index.body.fit_cache(docs);
        Ok(index)
    }
}

thread_local! {
    /// The file an index is being read from ([`Index::from_vec`]), for the
    /// parts read in place ([`shared`]): serde hands a part its bytes as a
    /// slice, with no way to say whose, so this says it beside.
    static SOURCE: RefCell<Option<Arc<Vec<u8>>>> = const { RefCell::new(None) };
}

/// While alive, `file` is the file being read.
struct Reading;

impl Reading {
    fn of(file: &Arc<Vec<u8>>) -> Reading {
        SOURCE.with(|s| *s.borrow_mut() = Some(file.clone()));
        Reading
    }
}

/// The file is forgotten however reading ends, a panic included.
impl Drop for Reading {
    fn drop(&mut self) {
        SOURCE.with(|s| *s.borrow_mut() = None);
    }
}

/// `slice` as bytes that can be kept: the file being read and where in it
/// `slice` starts, when it lies in that file; else a copy of its own, at 0.
fn shared(slice: &[u8]) -> (Arc<Vec<u8>>, usize) {
    SOURCE.with(|s| {
        if let Some(file) = s.borrow().as_ref() {
            let (base, at) = (file.as_ptr() as usize, slice.as_ptr() as usize);
            if at >= base && at + slice.len() <= base + file.len() {
                return (file.clone(), at - base);
            }
        }
        (Arc::new(slice.to_vec()), 0)
    })
}

/// Bytes an index keeps as the file has them (a transducer, the postings
/// lists): read in place from the file being read ([`shared`]), else a
/// buffer of their own. Cloned by sharing, compared by content, written as
/// bytes.
#[derive(Clone)]
pub struct SharedBytes {
    pub(super) file: Arc<Vec<u8>>,
    pub(super) range: std::ops::Range<usize>,
}

impl SharedBytes {
    pub fn new(bytes: Vec<u8>) -> SharedBytes {
        let range = 0..bytes.len();
        SharedBytes { file: Arc::new(bytes), range }
    }
}

impl std::ops::Deref for SharedBytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.file[self.range.clone()]
    }
}

impl PartialEq for SharedBytes {
    fn eq(&self, other: &SharedBytes) -> bool {
        **self == **other
    }
}

impl Eq for SharedBytes {}

impl std::fmt::Debug for SharedBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SharedBytes({} bytes at {})", self.range.len(), self.range.start)
    }
}

impl Serialize for SharedBytes {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self)
    }
}

/// `texts` as labels ([`super::label::Label`]): pieces of the file being
/// read, for those that lie in it (the titles of the document table), else
/// each a copy of its own. The file is looked up once for them all.
pub(super) fn labels_of(texts: &[&str]) -> Vec<super::label::Label> {
    use super::label::Label;
    let file = SOURCE.with(|s| s.borrow().clone());
    texts
        .iter()
        .map(|&text| {
            let start = file.as_ref().and_then(|f| (text.as_ptr() as usize).checked_sub(f.as_ptr() as usize));
            match (&file, start) {
                (Some(file), Some(start)) => Label::lying_in(file, start, text),
                _ => Label::from(text),
            }
        })
        .collect()
}

impl<'de> Deserialize<'de> for SharedBytes {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SharedBytes, D::Error> {
        let slice = <&'de [u8]>::deserialize(d)?;
        let (file, start) = shared(slice);
        Ok(SharedBytes { file, range: start..start + slice.len() })
    }
}

/// FNV-1a, 64 bits: the name a file is published under (the index, each
/// texts chunk), so new content is a new URL and no cache serves a stale
/// one. Not a defence against anyone: a name, and a check that a fetched
/// file is the one named.
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// Postings on the wire: gaps instead of absolute numbers, so most values
/// fit one varint byte.
#[derive(Serialize, Deserialize)]
pub(super) struct WirePostings {
    doc_gaps: Vec<u32>,
    counts: Vec<u32>,
    position_gaps: Vec<u32>,
}

impl From<Postings> for WirePostings {
    fn from(p: Postings) -> Self {
        WirePostings::from(&p)
    }
}

impl From<&Postings> for WirePostings {
    fn from(p: &Postings) -> Self {
        let mut doc_gaps = Vec::with_capacity(p.docs.len());
        let mut counts = Vec::with_capacity(p.docs.len());
        let mut position_gaps = Vec::with_capacity(p.occurrences());
        let mut prev_doc = 0;
        for i in 0..p.docs.len() {
            doc_gaps.push(p.docs[i] - prev_doc);
            prev_doc = p.docs[i];
            let ps = p.positions(i);
            counts.push(ps.len() as u32);
            let mut prev = 0;
            for &x in ps {
                position_gaps.push(x - prev);
                prev = x;
            }
        }
        WirePostings { doc_gaps, counts, position_gaps }
    }
}

impl From<WirePostings> for Postings {
    fn from(w: WirePostings) -> Self {
        let mut positions = Vec::with_capacity(w.position_gaps.len());
        let mut p = Postings { docs: Vec::with_capacity(w.doc_gaps.len()), starts: vec![0], positions: Positions::Decoded(Vec::new()) };
        let mut doc = 0u32;
        let mut gaps = w.position_gaps.iter();
        for (gap, count) in w.doc_gaps.iter().zip(&w.counts) {
            doc = doc.wrapping_add(*gap);
            p.docs.push(doc);
            let mut pos = 0u32;
            for g in gaps.by_ref().take(*count as usize) {
                pos = pos.wrapping_add(*g);
                positions.push(pos);
            }
            p.starts.push(positions.len() as u32);
        }
        if p.docs.is_empty() {
            p.starts.clear();
        }
        p.positions = Positions::Decoded(positions);
        p
    }
}

/// A list as the build makes it, already in its file's form: the build
/// holds every list of the corpus at once, and as numbers (a `u32` for each
/// position, document and count) they were its largest part, about 3 GB at
/// 299,202 documents. As varints most take one byte. Each document is
/// written as it is added, its gap from the last, its count and its
/// position gaps together ([`GrowingList::push`]); [`GrowingList::write`]
/// puts them in [`WirePostings`]' order.
#[cfg(feature = "ingest")]
#[derive(Default)]
pub(super) struct GrowingList {
    /// Per document, as varints: its gap from the last, how many
    /// positions, then their gaps.
    bytes: Vec<u8>,
    docs: u32,
    occurrences: u32,
    last: u32,
}

#[cfg(feature = "ingest")]
impl GrowingList {
    /// Adds document `doc`, after every document here, with its positions (ascending).
    pub(super) fn push(&mut self, doc: u32, positions: &[u32]) {
        debug_assert!(self.docs == 0 || doc > self.last);
        varint(&mut self.bytes, doc - self.last);
        varint(&mut self.bytes, positions.len() as u32);
        let mut prev = 0;
        for &p in positions {
            varint(&mut self.bytes, p - prev);
            prev = p;
        }
        self.docs += 1;
        self.occurrences += positions.len() as u32;
        self.last = doc;
    }

    /// At least the bytes [`GrowingList::write`] appends.
    pub(super) fn size_bound(&self) -> usize {
        self.bytes.len() + 15
    }

    /// Appends the list to `out` as a [`WirePostings`] is written: the
    /// documents' gaps, their counts, their positions' gaps, each a
    /// sequence (its length, then varints).
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        let mut gaps = Vec::with_capacity(self.docs as usize * 2);
        let mut counts = Vec::with_capacity(self.docs as usize * 2);
        varint(&mut gaps, self.docs);
        varint(&mut counts, self.docs);
        let mut positions = Vec::with_capacity(self.bytes.len());
        varint(&mut positions, self.occurrences);
        let mut at = 0;
        for _ in 0..self.docs {
            let start = at;
            at = skip_varints(&self.bytes, at, 1).expect("a document's gap, as push wrote it");
            gaps.extend_from_slice(&self.bytes[start..at]);
            let (count, after) = read_varint(&self.bytes, at);
            counts.extend_from_slice(&self.bytes[at..after]);
            at = skip_varints(&self.bytes, after, count as u32).expect("its positions, as push wrote them");
            positions.extend_from_slice(&self.bytes[after..at]);
        }
        out.extend_from_slice(&gaps);
        out.extend_from_slice(&counts);
        out.extend_from_slice(&positions);
    }
}

/// Appends `v` as a varint (7 bits a byte, low first, as postcard writes
/// an integer).
pub(crate) fn varint(out: &mut Vec<u8>, v: impl Into<u64>) {
    let mut v: u64 = v.into();
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The varint at `bytes[at..]` and where it ends (one [`varint`] wrote).
pub(crate) fn read_varint(bytes: &[u8], mut at: usize) -> (u64, usize) {
    let (mut v, mut shift) = (0u64, 0);
    loop {
        let b = bytes[at];
        at += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return (v, at);
        }
        shift += 7;
    }
}

/// Where the `n` varints from `bytes[at..]` end (each ends at a byte whose
/// high bit is clear); `None` when the bytes end first.
fn skip_varints(bytes: &[u8], mut at: usize, n: u32) -> Option<usize> {
    let mut left = n;
    while left > 0 {
        left -= u32::from(bytes.get(at)? & 0x80 == 0);
        at += 1;
    }
    Some(at)
}

/// Reads the [`WirePostings`] at `bytes[range]` but its positions, which
/// stay encoded in `bytes` (shared, not copied): only where each
/// document's run of position gaps starts is found, by counting varints.
/// `None` for a list that is not what its counts say (a damaged file).
pub(super) fn read_lazily(bytes: &Arc<Vec<u8>>, range: std::ops::Range<usize>) -> Option<Postings> {
    let list = bytes.get(range.clone())?;
    let (doc_gaps, rest) = postcard::take_from_bytes::<Vec<u32>>(list).ok()?;
    let (counts, rest) = postcard::take_from_bytes::<Vec<u32>>(rest).ok()?;
    let (total, runs) = postcard::take_from_bytes::<u32>(rest).ok()?;
    if doc_gaps.len() != counts.len() {
        return None;
    }
    let first = range.start + (list.len() - runs.len());
    let mut p =
        Postings { docs: Vec::with_capacity(doc_gaps.len()), starts: Vec::with_capacity(doc_gaps.len() + 1), positions: Positions::Decoded(Vec::new()) };
    let mut at = Vec::with_capacity(doc_gaps.len() + 1);
    let (mut doc, mut seen, mut k) = (0u32, 0u32, 0usize);
    p.starts.push(0);
    at.push(u32::try_from(first).ok()?);
    for (gap, count) in doc_gaps.into_iter().zip(counts) {
        doc = doc.wrapping_add(gap);
        p.docs.push(doc);
        seen = seen.checked_add(count)?;
        p.starts.push(seen);
        k = skip_varints(runs, k, count)?;
        at.push(u32::try_from(first + k).ok()?);
    }
    if seen != total {
        return None;
    }
    if p.docs.is_empty() {
        p.starts.clear();
        return Some(p);
    }
    p.positions = Positions::Encoded { bytes: bytes.clone(), at, all: std::sync::OnceLock::new() };
    Some(p)
}

/// A list's bytes on the wire: documents and counts, then positions.
pub(super) fn split_bytes(p: &Postings) -> (usize, usize) {
    let w = WirePostings::from(p.clone());
    let size = |v: &Vec<u32>| postcard::to_allocvec(v).map_or(0, |b| b.len());
    (size(&w.doc_gaps) + size(&w.counts), size(&w.position_gaps))
}

/// Position gaps (varints) read back into positions, appended to `out`.
pub(super) fn gaps_into(bytes: &[u8], out: &mut Vec<u32>) {
    let (mut value, mut shift, mut pos) = (0u32, 0u32, 0u32);
    for &byte in bytes {
        value |= u32::from(byte & 0x7f).checked_shl(shift).unwrap_or(0);
        if byte & 0x80 == 0 {
            pos = pos.wrapping_add(value);
            out.push(pos);
            (value, shift) = (0, 0);
        } else {
            shift += 7;
        }
    }
}
