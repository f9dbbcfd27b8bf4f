//! The documents' texts, kept apart from the index. Search, ranking, facets
//! and the counts need none of them (postings and lengths say where words
//! are); only what shows or re-reads a text does: a snippet, the
//! reader, a comparison column, a concordance line, a note's passage, a
//! sentence end. So the build cuts the texts, in document order, into
//! chunks of about [`CHUNK_BYTES`], each a file of its own; the index
//! carries only the directory (how many documents each chunk holds and its
//! size) and one name for the whole set of chunks (a hash of their
//! contents). A chunk's file is named by that set and its number, and
//! carries both with the hash of its own bytes, so a file from another
//! build, or damaged, is refused on arrival, though the directory holds no
//! hash per chunk: with one (8 bytes of 13 a chunk), chunks small enough
//! for a snippet to fetch little more than its own document made the
//! directory the larger part of the core (see [`CHUNK_BYTES`]). The page
//! fetches a chunk the first time one of its documents is shown and keeps
//! it (while it keeps fewer than it may); the build has every text from
//! the start.
//!
//! A text, once known, never changes: each document's text is a
//! [`Slot`], filled by the build or by the chunk that holds it, and handed
//! out shared ([`TextRef`]), so filling needs no `&mut` (the page shares one
//! index with every view) and a page past what it keeps can let a chunk go
//! ([`super::Index::let_go_texts`]): a view showing one of its texts keeps
//! its own share, and a read that needs it again finds it missing, as
//! before it first came. (They were `OnceLock`s handing out `&str`s for
//! the index's life: a session over 31,830 documents that searched 400
//! words read 2,621 of the 4,184 texts files and held 211 MiB, `bench/session.mjs`.)
//!
//! Each text comes with its checkpoints: where every [`super::CHECKPOINT`]th
//! token starts, so a snippet or a mark deep in a long text tokenises from
//! the checkpoint before it. Only a text that is here is read that way, so
//! they travel with it rather than in the index, where they were 127 KB
//! gzip of a sharded core's 556 KB on the Linux docs. So do its related
//! documents (those sharing passages with it, the most similar), which only
//! the reader shows, beside the text: 1.2 of a sharded core's 3.3 MB gzip
//! at 31,830 documents.

use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::codec::{content_hash, FormatError};
use super::document::Related;
use super::slot::Slot;

/// About this many bytes of text a chunk: a document longer than that is a
/// chunk alone. A snippet fetches its document's whole chunk, so the chunk
/// is what a hit costs to show: at 64 KiB (7–8 of the Linux docs' pages) a
/// first run of a query fetched 10–12 files and 500–760 KB of text for its
/// ten snippets, at 31,830 documents. At 16 KiB (2–3 pages, 4–6 KB gzip) it
/// fetches a quarter of that; the Linux docs' 24 MB of text make about
/// 1,400 files.
pub const CHUNK_BYTES: usize = 16 * 1024;

/// Texts up to this many bytes in all travel inside the index file by
/// default (`inline_texts` in `corpus.toml`): 256 KiB, about 40 articles,
/// which cost less to download with the index than a round trip for a
/// texts file after it.
pub const INLINE_TEXTS: usize = 256 * 1024;

/// Format tag of a chunk file. Bump it when a chunk's shape changes.
const MAGIC: &[u8; 8] = b"CXTXT\x00\x00\x04";

/// One chunk file in the directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chunk {
    /// Its first document; it holds the documents up to the next chunk's first.
    pub first: u32,
    /// Its file's size, so the page can say what keeping every text offline takes.
    pub bytes: u32,
}

/// What a chunk file begins with: [`MAGIC`], the set it belongs to, its
/// number, and the [`content_hash`] of the rest.
const HEADER: usize = MAGIC.len() + 8 + 4 + 8;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Texts {
    /// Ascending by first document; the first starts at document 0.
    /// (On the wire, each chunk's count of documents and size: a few bytes.)
    #[serde(with = "directory")]
    chunks: Vec<Chunk>,
    /// The name of the whole set of chunks: [`content_hash`] of each
    /// chunk's first document and the hash of its texts, in order. Part of
    /// every chunk's file name, and of its header.
    set: u64,
    /// Every chunk as a [`Texts::pack`], when the texts travel inside the
    /// index (a small corpus); read into the texts and dropped when the index is opened.
    #[serde(with = "serde_bytes")]
    inline: Vec<u8>,
    /// Per document, its text once known.
    #[serde(skip)]
    cells: Vec<Slot<Text>>,
    /// Bytes of text a chunk holds at least, when not [`CHUNK_BYTES`] (the
    /// build, for the tests' corpora of texts in many small files).
    #[cfg(feature = "ingest")]
    #[serde(skip)]
    chunk_bytes: Option<usize>,
    /// The build's texts written out of memory, read back as they are needed.
    #[cfg(feature = "ingest")]
    #[serde(skip)]
    spill: Spilled,
}

/// Bytes of text the build holds before it writes them out of memory to a
/// file of its own ([`Spill`]), and the most it reads back at once.
#[cfg(feature = "ingest")]
const SPILL_BYTES: usize = 32 << 20;

/// The build's texts out of memory: from the first [`SPILL_BYTES`], the
/// texts added are written, a segment at a time, to a file of the system's
/// temporary folder and let go; a read of one reads its segment back. Why:
/// the build held every text to the end (to cut the chunk files once each
/// document's related ones are known), 2.3 GB of the 14.6 GiB the build of
/// 299,202 documents took, for work that reads each text once or twice, in
/// document order. The chunk files are the same bytes either way.
#[cfg(feature = "ingest")]
#[derive(Debug, Clone, Default)]
struct Spilled {
    file: Option<Arc<Spill>>,
    /// Each document's text length in bytes, held or not.
    lens: Vec<u32>,
    /// Bytes of the texts held that are not in the file yet.
    held: usize,
    /// The documents below this one have their texts in the file.
    upto: u32,
    /// Each document's related documents, for the texts read back.
    related: Vec<Related>,
    /// Bytes held before they are written out, when not [`SPILL_BYTES`] (tests).
    every: Option<usize>,
}

#[cfg(feature = "ingest")]
#[derive(Debug)]
struct Spill {
    file: std::sync::Mutex<crate::spill::TempFile>,
    /// Per segment: its first document, and where its bytes are in the file.
    segments: Vec<(u32, u64, u64)>,
}

/// A document's text, the byte offset of its every
/// [`super::CHECKPOINT`]th token, and its related documents.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    text: Box<str>,
    checkpoints: Box<[u32]>,
    related: Related,
}

/// A document's text as read: shared with the texts, which may let it go
/// while it is held (the holder keeps it). Reads as a `str`; the default
/// is the empty text.
#[derive(Clone, Default, PartialEq)]
pub struct TextRef(Option<Arc<Text>>);

impl TextRef {
    /// Where every [`super::CHECKPOINT`]th token starts.
    pub fn checkpoints(&self) -> &[u32] {
        self.0.as_deref().map_or(&[], |t| &t.checkpoints)
    }

    /// Its related documents.
    pub fn related(&self) -> Option<&Related> {
        self.0.as_deref().map(|t| &t.related)
    }
}

impl Deref for TextRef {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_deref().map_or("", |t| &t.text)
    }
}

impl std::fmt::Debug for TextRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl PartialEq<str> for TextRef {
    fn eq(&self, other: &str) -> bool {
        &**self == other
    }
}

impl PartialEq<&str> for TextRef {
    fn eq(&self, other: &&str) -> bool {
        &**self == *other
    }
}

impl PartialEq for Texts {
    fn eq(&self, other: &Self) -> bool {
        let all = |t: &Texts| (0..t.cells.len() as u32).map(|d| t.get(d).map(|r| r.0)).collect::<Vec<_>>();
        self.chunks == other.chunks && self.set == other.set && self.cells.len() == other.cells.len() && all(self) == all(other)
    }
}

impl Texts {
    /// A document's text, if known here (in the page: if its chunk has come;
    /// in the build, read back when it was written out of memory).
    pub fn get(&self, doc: u32) -> Option<TextRef> {
        let cell = self.cells.get(doc as usize)?;
        #[cfg(feature = "ingest")]
        if !cell.is_here() {
            return self.read_back(doc).map(|t| TextRef(Some(t)));
        }
        cell.get().map(|t| TextRef(Some(t)))
    }

    /// Whether a document's text is here (not a read: it does not keep
    /// its chunk from going).
    pub fn has(&self, doc: u32) -> bool {
        self.cells.get(doc as usize).is_some_and(Slot::is_here)
    }

    /// Lets chunk `n`'s texts go.
    pub(super) fn let_go(&self, n: usize) {
        for d in self.docs_of(n) {
            self.cells[d as usize].clear();
        }
    }

    /// When a text of chunk `n` was last read ([`super::slot`]'s clock).
    pub(super) fn last_read(&self, n: usize) -> u64 {
        self.docs_of(n).map(|d| self.cells[d as usize].last_read()).max().unwrap_or(0)
    }

    /// Gives each document its related documents (the build, once they
    /// are found from the whole index) and names the chunks again.
    #[cfg(feature = "ingest")]
    pub(crate) fn set_related(&mut self, related: Vec<Related>) {
        for (cell, r) in self.cells.iter_mut().zip(&related) {
            if let Some(text) = cell.get_mut() {
                text.related = r.clone();
            }
        }
        if self.spill.file.is_some() {
            self.spill.related = related;
        }
        self.seal();
    }

    /// The chunk files, in document order.
    pub fn chunks(&self) -> &[Chunk] {
        &self.chunks
    }

    /// The chunk that holds `doc`.
    pub fn chunk_of(&self, doc: u32) -> Option<usize> {
        ((doc as usize) < self.cells.len()).then(|| self.chunks.partition_point(|c| c.first <= doc).saturating_sub(1))
    }

    /// The documents chunk `n` holds.
    pub fn docs_of(&self, n: usize) -> Range<u32> {
        let end = self.chunks.get(n + 1).map_or(self.cells.len() as u32, |c| c.first);
        self.chunks.get(n).map_or(0, |c| c.first)..end
    }

    /// Whether chunk `n`'s texts are here.
    pub fn has_chunk(&self, n: usize) -> bool {
        self.docs_of(n).all(|d| self.has(d))
    }

    /// Adds the next document's text and its checkpoints (the build).
    #[cfg(feature = "ingest")]
    pub(crate) fn push(&mut self, text: String, checkpoints: Vec<u32>) {
        if self.spill.held >= self.spill.every.unwrap_or(SPILL_BYTES) {
            self.write_out();
        }
        self.spill.lens.push(u32::try_from(text.len()).expect("a text under 4 GiB"));
        self.spill.held += text.len();
        self.cells.push(Slot::full(Text { text: text.into_boxed_str(), checkpoints: checkpoints.into_boxed_slice(), related: Related::default() }));
    }

    /// Writes the texts held since the last segment to the spill file as
    /// one segment, and lets them go. A failure to write (a full disk) keeps
    /// them, and the build goes on in memory.
    #[cfg(feature = "ingest")]
    fn write_out(&mut self) {
        use std::io::{Seek, Write};
        let first = self.spill.upto;
        let held: Vec<Arc<Text>> = self.cells[first as usize..].iter().filter_map(Slot::get).collect();
        if held.len() != self.cells.len() - first as usize {
            return;
        }
        let segment: Vec<(&str, &[u32])> = held.iter().map(|t| (&*t.text, &*t.checkpoints)).collect();
        let bytes = postcard::to_allocvec(&segment).expect("texts always serialise");
        if self.spill.file.is_none() {
            let Some(temp) = crate::spill::TempFile::new("texts") else { return };
            self.spill.file = Some(Arc::new(Spill { file: std::sync::Mutex::new(temp), segments: Vec::new() }));
        }
        let Some(spill) = self.spill.file.as_mut().and_then(Arc::get_mut) else { return };
        let written = {
            let file = &mut spill.file.get_mut().expect("one thread").file;
            file.seek(std::io::SeekFrom::End(0)).and_then(|at| file.write_all(&bytes).map(|()| at))
        };
        if let Ok(at) = written {
            spill.segments.push((first, at, bytes.len() as u64));
            for cell in &self.cells[first as usize..] {
                cell.clear();
            }
            self.spill.held = 0;
            self.spill.upto = self.cells.len() as u32;
        }
    }

    /// Document `doc`'s text length in bytes, held or written out.
    #[cfg(feature = "ingest")]
    fn len_of(&self, doc: usize) -> usize {
        match self.spill.lens.get(doc) {
            Some(&len) => len as usize,
            None => self.cells[doc].get().map_or(0, |t| t.text.len()),
        }
    }

    /// Reads back the segment that holds `doc`'s text, if it was written out,
    /// and lets the segments before it go (the build reads them in order).
    #[cfg(feature = "ingest")]
    fn read_back(&self, doc: u32) -> Option<Arc<Text>> {
        use std::io::{Read, Seek};
        let spill = self.spill.file.as_ref().filter(|_| doc < self.spill.upto)?;
        let s = spill.segments.partition_point(|&(first, ..)| first <= doc);
        let &(first, at, len) = spill.segments.get(s.checked_sub(1)?)?;
        let end = spill.segments.get(s).map_or(self.spill.upto, |&(next, ..)| next);
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        {
            let mut temp = spill.file.lock().expect("a read that never panics");
            let file = &mut temp.file;
            file.seek(std::io::SeekFrom::Start(at)).and_then(|_| file.read_exact(&mut bytes)).ok()?;
        }
        let texts = postcard::from_bytes::<Vec<(String, Vec<u32>)>>(&bytes).ok()?;
        for cell in &self.cells[..first as usize] {
            cell.clear();
        }
        let mut asked = None;
        for (d, (text, checkpoints)) in (first..end).zip(texts) {
            let related = self.spill.related.get(d as usize).cloned().unwrap_or_default();
            let text = Arc::new(Text { text: text.into_boxed_str(), checkpoints: checkpoints.into_boxed_slice(), related });
            if d == doc {
                asked = Some(text.clone());
            }
            self.cells[d as usize].put_shared(text);
        }
        asked
    }

    /// Cuts the texts into chunks of about `bytes` instead of
    /// [`CHUNK_BYTES`] (the build).
    #[cfg(feature = "ingest")]
    pub(crate) fn cut_at(&mut self, bytes: usize) {
        self.chunk_bytes = Some(bytes.max(1));
        self.seal();
        if self.inline() {
            self.inline = self.pack();
        }
    }

    /// Cuts the texts into chunks and names each by its bytes (the build,
    /// once every document is added).
    #[cfg(feature = "ingest")]
    pub(crate) fn seal(&mut self) {
        let target = self.chunk_bytes.unwrap_or(CHUNK_BYTES);
        let mut starts = Vec::new();
        let mut size = usize::MAX;
        for doc in 0..self.cells.len() {
            let len = self.len_of(doc);
            if size >= target || (size > 0 && size + len > target) {
                starts.push(doc as u32);
                size = 0;
            }
            size += len;
        }
        self.chunks = starts.iter().map(|&first| Chunk { first, bytes: 0 }).collect();
        let mut names = Vec::with_capacity(self.chunks.len() * 12);
        for n in 0..self.chunks.len() {
            let body = self.body(n);
            names.extend(self.chunks[n].first.to_le_bytes());
            names.extend(content_hash(&body).to_le_bytes());
            self.chunks[n].bytes = u32::try_from(HEADER + body.len()).expect("a texts file under 4 GiB");
        }
        self.set = content_hash(&names);
    }

    /// Keeps the texts inside the index when they are `up_to` bytes or fewer
    /// in all (the build); else they are the chunk files alone.
    #[cfg(feature = "ingest")]
    pub(crate) fn inline_up_to(&mut self, up_to: usize) {
        let total: usize = (0..self.cells.len()).map(|d| self.len_of(d)).sum();
        self.inline = if total <= up_to && !self.chunks.is_empty() { self.pack() } else { Vec::new() };
    }

    /// Whether the texts travel inside the index (no chunk file to fetch).
    pub fn inline(&self) -> bool {
        !self.inline.is_empty()
    }

    /// The file chunk `n` is written to and fetched from (beside the page,
    /// under `texts/`): the set's name and its number, so new content is a
    /// new URL and no cache serves a stale file.
    pub fn file(&self, n: usize) -> String {
        format!("texts-{:016x}-{n}.bin", self.set)
    }

    /// Chunk `n` as its file holds it: [`HEADER`] (a format tag, the set's
    /// name, its number, the hash of what follows), then its texts, each
    /// with its checkpoints as gaps (most fit two varint bytes) and its
    /// related documents.
    pub fn encode(&self, n: usize) -> Vec<u8> {
        let body = self.body(n);
        let mut out = Vec::with_capacity(HEADER + body.len());
        out.extend(MAGIC);
        out.extend(self.set.to_le_bytes());
        out.extend(u32::try_from(n).expect("under 4 G chunks").to_le_bytes());
        out.extend(content_hash(&body).to_le_bytes());
        out.extend(body);
        out
    }

    /// Chunk `n`'s texts as its file holds them after its header.
    fn body(&self, n: usize) -> Vec<u8> {
        let gaps = |c: &[u32]| c.iter().scan(0, |at, &b| Some(b.saturating_sub(std::mem::replace(at, b)))).collect::<Vec<u32>>();
        let none = Related::default();
        let held: Vec<Option<Arc<Text>>> = self.docs_of(n).map(|d| self.get(d).and_then(|t| t.0)).collect();
        let texts: Vec<(&str, Vec<u32>, &Related)> =
            held.iter().map(|t| t.as_deref().map_or(("", Vec::new(), &none), |t| (&*t.text, gaps(&t.checkpoints), &t.related))).collect();
        postcard::to_allocvec(&texts).expect("texts always serialise")
    }

    /// Reads chunk `n`'s file into the texts (the page, as each arrives).
    /// Bytes that are not that chunk (another build's, another chunk's, cut
    /// short, damaged) are refused and nothing is filled.
    pub fn fill(&self, n: usize, bytes: &[u8]) -> Result<(), FormatError> {
        if n >= self.chunks.len() {
            return Err(FormatError(format!("no texts chunk {n}")));
        }
        let file = self.file(n);
        let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(|| FormatError(format!("{file} is not a texts file of this version")))?;
        // The header's numbers, little-endian.
        let number = |at: usize, len: usize| rest.get(at..at + len).map(|b| b.iter().rev().fold(0u64, |v, &x| v << 8 | u64::from(x)));
        let body = rest.get(HEADER - MAGIC.len()..).unwrap_or_default();
        if (number(0, 8), number(8, 4), number(12, 8)) != (Some(self.set), Some(n as u64), Some(content_hash(body))) {
            return Err(FormatError(format!("{file} is not the texts file this index names (rebuild the page)")));
        }
        let texts: Vec<(String, Vec<u32>, Related)> = postcard::from_bytes(body).map_err(|e| FormatError(e.to_string()))?;
        let docs = self.docs_of(n);
        if texts.len() != docs.len() {
            return Err(FormatError(format!("{file} holds {} texts, not {}", texts.len(), docs.len())));
        }
        for (d, (text, gaps, related)) in docs.zip(texts) {
            let mut at = 0u32;
            let checkpoints = gaps.iter().map(|&gap| {
                at = at.saturating_add(gap);
                at
            });
            let checkpoints = checkpoints.collect();
            self.cells[d as usize].put(Text { text: text.into_boxed_str(), checkpoints, related });
        }
        Ok(())
    }

    /// After decoding the index: one empty cell per document, and a
    /// directory that covers them in order.
    pub(crate) fn open(&mut self, docs: usize) -> Result<(), String> {
        self.cells = (0..docs).map(|_| Slot::empty()).collect();
        let ordered = self.chunks.windows(2).all(|w| w[0].first < w[1].first) && self.chunks.first().is_none_or(|c| c.first == 0);
        let covered = self.chunks.last().is_none_or(|c| (c.first as usize) < docs) && (docs == 0 || !self.chunks.is_empty());
        if !(ordered && covered) {
            return Err("the texts directory does not cover the documents".into());
        }
        let inline = std::mem::take(&mut self.inline);
        if !inline.is_empty() {
            self.fill_pack(&inline).map_err(|e| format!("the texts inside the index: {}", e.0))?;
        }
        Ok(())
    }

    /// Every chunk in one file, in order, each after its length (4 bytes,
    /// little-endian): what the single-file page carries inline, where there
    /// is nothing beside the page to fetch, and what a small corpus's index
    /// carries inside it.
    pub fn pack(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for n in 0..self.chunks.len() {
            let chunk = self.encode(n);
            out.extend((chunk.len() as u32).to_le_bytes());
            out.extend(chunk);
        }
        out
    }

    /// Reads a [`Texts::pack`] into the texts, each chunk checked as
    /// [`Texts::fill`] checks it; the first that fails is said.
    pub fn fill_pack(&self, mut bytes: &[u8]) -> Result<(), FormatError> {
        for n in 0..self.chunks.len() {
            let len = bytes.get(..4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
            let chunk = len.and_then(|len| bytes.get(4..4 + len)).ok_or_else(|| FormatError("the texts pack is cut short".into()))?;
            self.fill(n, chunk)?;
            bytes = &bytes[4 + chunk.len()..];
        }
        Ok(())
    }

    /// The texts as read back from their files: an index read from its
    /// bytes, given every chunk of the index it was written from.
    pub fn fill_from(&self, written: &Texts) -> Result<(), FormatError> {
        (0..written.chunks.len()).try_for_each(|n| self.fill(n, &written.encode(n)))
    }
}

/// The directory on the wire: per chunk, how many documents it holds
/// (not its first document, which the counts before it give) and its
/// file's size; most fit one and two varint bytes.
mod directory {
    use super::Chunk;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(chunks: &[Chunk], s: S) -> Result<S::Ok, S::Error> {
        let docs: Vec<u32> = chunks.windows(2).map(|w| w[1].first - w[0].first).collect();
        let bytes: Vec<u32> = chunks.iter().map(|c| c.bytes).collect();
        (docs, bytes).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Chunk>, D::Error> {
        let (docs, bytes): (Vec<u32>, Vec<u32>) = Deserialize::deserialize(d)?;
        if docs.len() + 1 != bytes.len().max(1) {
            return Err(serde::de::Error::custom("the texts directory's counts and sizes disagree"));
        }
        let firsts = std::iter::once(0u32).chain(docs.iter().scan(0u32, |at, &n| {
            *at = at.saturating_add(n);
            Some(*at)
        }));
        Ok(firsts.zip(bytes).map(|(first, bytes)| Chunk { first, bytes }).collect())
    }
}

#[cfg(all(test, feature = "ingest"))]
mod tests {
    use super::*;

    fn texts(lens: &[usize]) -> Texts {
        let mut t = Texts::default();
        for (i, &len) in lens.iter().enumerate() {
            t.push(char::from(b'a' + i as u8).to_string().repeat(len), (0..len as u32).step_by(100).collect());
        }
        // Each document related to the next (the build seals the chunks again after).
        t.set_related((0..lens.len() as u32).map(|d| Related { shares: vec![(d + 1, 7)], similar: vec![(d + 1, 0.5)] }).collect());
        t
    }

    #[test]
    fn texts_written_out_of_memory_make_the_same_files_and_read_back() {
        let lens = [10, 3000, 70, 5, CHUNK_BYTES, 900, 40, 2, 700];
        let held = texts(&lens);
        let mut spilled = Texts { spill: Spilled { every: Some(1000), ..Spilled::default() }, ..Texts::default() };
        for (i, &len) in lens.iter().enumerate() {
            spilled.push(char::from(b'a' + i as u8).to_string().repeat(len), (0..len as u32).step_by(100).collect());
        }
        let path = spilled.spill.file.as_ref().map(|f| f.file.lock().expect("one thread").path.clone()).expect("past 1000 bytes, texts are written out");
        // Before a text is added past 1000 bytes held: documents 0–1 (3,010 bytes), then 2–4.
        let segments: Vec<u32> = spilled.spill.file.as_ref().map(|f| f.segments.iter().map(|s| s.0).collect()).unwrap_or_default();
        assert_eq!((segments, spilled.spill.upto), (vec![0, 2], 5));
        assert!((0..spilled.spill.upto).all(|d| !spilled.cells[d as usize].is_here()), "what is written out is let go");
        spilled.set_related((0..lens.len() as u32).map(|d| Related { shares: vec![(d + 1, 7)], similar: vec![(d + 1, 0.5)] }).collect());
        assert_eq!(spilled.chunks(), held.chunks(), "the same chunks, named by the same bytes");
        for n in 0..held.chunks().len() {
            assert_eq!(spilled.encode(n), held.encode(n), "chunk {n}");
        }
        for d in (0..lens.len() as u32).rev() {
            let (a, b) = (spilled.get(d).unwrap(), held.get(d).unwrap());
            assert_eq!((&*a, a.checkpoints(), a.related()), (&*b, b.checkpoints(), b.related()), "document {d}, read back");
        }
        assert_eq!(spilled.pack(), held.pack());
        drop(spilled);
        assert!(!path.exists(), "no file is left behind");
    }

    #[test]
    fn texts_cut_smaller_on_request_stay_inline_when_they_were() {
        let mut t = texts(&[10, 10, 10, 30]);
        t.inline_up_to(1000);
        assert_eq!((t.chunks().len(), t.inline()), (1, true));
        t.cut_at(15);
        let firsts: Vec<u32> = t.chunks().iter().map(|c| c.first).collect();
        assert_eq!(firsts, [0, 1, 2, 3], "a chunk of 15 bytes takes one of these texts each");
        assert!(t.inline(), "still inside the index, now as four chunks");
    }

    #[test]
    fn chunks_hold_about_chunk_bytes_and_a_long_text_alone() {
        let t = texts(&[10, CHUNK_BYTES - 20, 30, CHUNK_BYTES * 3, 5, 5]);
        let firsts: Vec<u32> = t.chunks().iter().map(|c| c.first).collect();
        // 10 + (CHUNK_BYTES − 20) fit; 30 more would not; the long text is alone; the two short ones follow it.
        assert_eq!(firsts, [0, 2, 3, 4]);
        assert_eq!(t.docs_of(3), 4..6);
        assert_eq!((0..6).map(|d| t.chunk_of(d).unwrap()).collect::<Vec<_>>(), [0, 0, 1, 2, 3, 3]);
        assert_eq!(t.chunk_of(6), None);
        // Each file's size is said: the long text's file holds all of it, the two short ones' only a little more.
        assert!(t.chunks()[2].bytes as usize > CHUNK_BYTES * 3);
        assert!((11..100).contains(&t.chunks()[3].bytes));
    }

    #[test]
    fn a_chunk_read_back_fills_only_its_documents() {
        let written = texts(&[10, CHUNK_BYTES, 7]);
        let mut read = Texts { chunks: written.chunks.clone(), set: written.set, inline: Vec::new(), cells: Vec::new(), ..Texts::default() };
        read.open(3).unwrap();
        assert_eq!(read.get(0), None);
        read.fill(1, &written.encode(1)).unwrap();
        assert_eq!((read.get(0), read.get(1).map(|t| t.len()), read.get(2)), (None, Some(CHUNK_BYTES), None));
        // Its checkpoints and related documents come with it.
        assert_eq!(read.get(1).unwrap().checkpoints(), written.get(1).unwrap().checkpoints());
        assert_eq!(read.get(1).unwrap().related().map(|r| r.shares.clone()), Some(vec![(2, 7)]));
        assert!(read.has_chunk(1) && !read.has_chunk(0));
        read.fill_from(&written).unwrap();
        assert_eq!(read, written);
    }

    #[test]
    fn a_pack_holds_every_chunk() {
        let written = texts(&[10, CHUNK_BYTES, 7, 3]);
        let mut read = Texts { chunks: written.chunks.clone(), set: written.set, inline: Vec::new(), cells: Vec::new(), ..Texts::default() };
        read.open(4).unwrap();
        let pack = written.pack();
        assert!(read.fill_pack(&pack[..pack.len() - 1]).is_err(), "cut short");
        read.fill_pack(&pack).unwrap();
        assert_eq!(read, written);
    }

    #[test]
    fn small_texts_travel_inside_the_index() {
        let mut written = texts(&[10, 20, 30]);
        written.inline_up_to(60);
        assert!(written.inline());
        let mut read = Texts { chunks: written.chunks.clone(), set: written.set, inline: written.inline.clone(), cells: Vec::new(), ..Texts::default() };
        read.open(3).unwrap();
        assert_eq!(read, written, "every text is there once the index is opened");
        assert!(!read.inline(), "the pack is dropped once read");
        written.inline_up_to(59);
        assert!(!written.inline(), "one byte over: files of their own");
    }

    #[test]
    fn foreign_or_damaged_chunks_are_refused() {
        let written = texts(&[10, CHUNK_BYTES, 7]);
        let mut read = Texts { chunks: written.chunks.clone(), set: written.set, inline: Vec::new(), cells: Vec::new(), ..Texts::default() };
        read.open(3).unwrap();
        // Another chunk's bytes, the right bytes cut short, one byte changed.
        assert!(read.fill(0, &written.encode(1)).is_err());
        let bytes = written.encode(0);
        assert!(read.fill(0, &bytes[..bytes.len() - 1]).is_err());
        let mut changed = bytes.clone();
        changed[9] ^= 1;
        assert!(read.fill(0, &changed).is_err());
        assert_eq!(read.get(0), None);
        assert!(read.fill(9, &bytes).is_err());
        // The same chunk of a build whose texts differ elsewhere: another set.
        let other = texts(&[10, CHUNK_BYTES, 8]);
        assert_eq!(other.docs_of(0), written.docs_of(0));
        assert!(read.fill(0, &other.encode(0)).is_err());
        read.fill(0, &bytes).unwrap();
        assert_eq!(read.get(0).as_deref().map(|t| t.len()), Some(10));
    }

    #[test]
    fn a_directory_that_misses_documents_is_refused() {
        let written = texts(&[10, CHUNK_BYTES, 7]);
        let mut read = Texts { chunks: written.chunks[1..].to_vec(), set: written.set, inline: Vec::new(), cells: Vec::new(), ..Texts::default() };
        assert!(read.open(3).is_err());
        let mut read = Texts { chunks: written.chunks.clone(), set: written.set, inline: Vec::new(), cells: Vec::new(), ..Texts::default() };
        assert!(read.open(1).is_err());
        assert!(Texts::default().open(0).is_ok());
    }
}
