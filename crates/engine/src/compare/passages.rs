//! Shared passages: runs of [`SHINGLE`] or more consecutive words (after
//! folding) that occur in two or more documents. Hashed word shingles make it
//! linear in the number of words: every shingle is hashed once, shingles seen
//! in several documents are kept, consecutive kept shingles merge into runs,
//! and runs that share a shingle are one passage (union-find), so a quotation
//! reused in three documents is one passage with three occurrences.

use std::collections::HashMap;
use std::ops::Range;

use hashbrown::hash_table::{Entry, HashTable};

use crate::analysis::{tokenize, Token};
use crate::spill::Tape;

/// Words in the shortest passage reported.
pub const SHINGLE: usize = 6;

/// Where one passage stands in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Index of the document in the input slice.
    pub doc: usize,
    /// Word positions `[start, end)`.
    pub words: Range<u32>,
    /// Byte range in the document's text.
    pub bytes: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Every occurrence, in document then position order.
    pub occurrences: Vec<Occurrence>,
    /// Length in words of its longest occurrence.
    pub words: u32,
}

/// A multiply-rotate hash of one shingle of term ids: cheap, and collisions
/// are checked word by word afterwards.
fn shingle_hash(ids: &[u32]) -> u64 {
    ids.iter().fold(0u64, |h, &x| (h.rotate_left(5) ^ x as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95))
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut x = x;
        while self.0[x] != r {
            let next = self.0[x];
            self.0[x] = r;
            x = next;
        }
        r
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// The passages shared by at least two of `texts`, longest first.
pub fn shared(texts: &[&str]) -> Vec<Passage> {
    shared_ignoring(texts, &[])
}

/// As [`shared`], but words on a line equal (trimmed) to one of `ignore`
/// never take part: boilerplate such as "Leave a Comment" named in `corpus.toml`.
pub fn shared_ignoring(texts: &[&str], ignore: &[String]) -> Vec<Passage> {
    let docs: Vec<Vec<Token>> = texts.iter().map(|t| tokenize(t)).collect();
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut sequencer = Sequencer::new(ignore);
    let mut seqs = Sequences::default();
    for (toks, text) in docs.iter().zip(texts) {
        sequencer.sequence(&mut seqs, text, toks, |i| {
            let next = ids.len() as u32;
            *ids.entry(toks[i].term.as_str()).or_insert(next)
        });
    }
    find(&seqs)
        .into_iter()
        .map(|(runs, words)| Passage {
            occurrences: runs
                .into_iter()
                .map(|(d, w)| {
                    let toks = &docs[d];
                    let bytes = toks[w.start as usize].start..toks[w.end as usize - 1].end;
                    Occurrence { doc: d, words: w, bytes }
                })
                .collect(),
            words,
        })
        .collect()
}

/// Turns texts into the term sequences passages are found in. Words on a
/// line that `corpus.toml` names as boilerplate get ids of their own, each
/// distinct and above any term id, so no shingle runs across them.
pub(crate) struct Sequencer<'a> {
    ignore: &'a [String],
    marker: u32,
}

impl<'a> Sequencer<'a> {
    pub(crate) fn new(ignore: &'a [String]) -> Self {
        Sequencer { ignore, marker: 0 }
    }

    /// Adds to `seqs` the sequence of `text`, whose tokens are `tokens`;
    /// `term(i)` is the term id of token `i`.
    pub(crate) fn sequence(&mut self, seqs: &mut Sequences, text: &str, tokens: &[Token], mut term: impl FnMut(usize) -> u32) {
        let skipped = self.ignored_ranges(text);
        seqs.push((0..tokens.len()).map(|i| {
            if skipped.iter().any(|r| r.contains(&tokens[i].start)) {
                self.marker += 1;
                u32::MAX - self.marker
            } else {
                term(i)
            }
        }));
    }

    fn ignored_ranges(&self, text: &str) -> Vec<Range<usize>> {
        if self.ignore.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if self.ignore.iter().any(|i| i.trim() == line.trim()) {
                out.push(at..at + line.len());
            }
            at += line.len();
        }
        out
    }
}

/// The documents' term sequences, each as varints on a [`Tape`]: term ids
/// are numbered in order of first appearance, so the common words, most of
/// any text, take a byte and most others two or three, and the build keeps
/// them in a file until the passages are found, which reads them in order,
/// twice. (A `u32` a word, held from the first document indexed to the
/// passages found, was 1.4 GB of the build's peak at 299,202 documents.)
#[derive(Default)]
pub(crate) struct Sequences {
    docs: Tape,
    /// Shingles in all.
    shingles: usize,
}

impl Sequences {
    pub(crate) fn push(&mut self, ids: impl IntoIterator<Item = u32>) {
        let (mut bytes, mut words) = (Vec::new(), 0usize);
        for id in ids {
            crate::index::codec::varint(&mut bytes, id);
            words += 1;
        }
        self.shingles += words.saturating_sub(SHINGLE - 1);
        self.docs.push(&bytes);
    }

    #[cfg(feature = "ingest")]
    pub(crate) fn len(&self) -> usize {
        self.docs.len()
    }

    /// Calls `each(d, ids)` with every document's term ids, in order.
    fn for_each(&self, mut each: impl FnMut(u32, &[u32])) {
        let mut ids = Vec::new();
        self.docs.for_each(|d, bytes| {
            ids.clear();
            let mut i = 0;
            while i < bytes.len() {
                let (id, next) = crate::index::codec::read_varint(bytes, i);
                ids.push(id as u32);
                i = next;
            }
            each(d as u32, &ids);
        });
    }
}

impl<T: AsRef<[u32]>> FromIterator<T> for Sequences {
    fn from_iter<I: IntoIterator<Item = T>>(docs: I) -> Sequences {
        let mut seqs = Sequences::default();
        for d in docs {
            seqs.push(d.as_ref().iter().copied());
        }
        seqs
    }
}

/// A shared passage: its `(document, word range)` occurrences and its length in words.
pub(crate) type Found = (Vec<(usize, Range<u32>)>, u32);

/// The hashes that may occur more than once, as two bit sets of 16 bits per
/// shingle (4 bytes a word in all, where a map of every shingle took 30):
/// a hash's bit is set in `once` when it is first seen and in `more` when
/// it is seen again. A hash never seen again leaves its `more` bit clear
/// unless another hash shares the bit, so a clear bit is sure and a set one
/// is checked by the table.
struct Repeated {
    more: Vec<u64>,
    /// How many bits each set has.
    bits: u64,
}

impl Repeated {
    fn of(seqs: &Sequences, hash: fn(&[u32]) -> u64) -> Repeated {
        let shingles = seqs.shingles;
        // (Exactly 16 bits a shingle, not rounded up to a power of two: the
        // two sets were 256 MB where 150 do, at 31,830 documents.)
        let words = (shingles * 16).div_ceil(64).max(1);
        let mut set = Repeated { more: vec![0; words], bits: words as u64 * 64 };
        let mut once = vec![0u64; words];
        seqs.for_each(|_, ids| {
            for h in ids.windows(SHINGLE).map(hash) {
                let (word, bit) = set.place(h);
                if once[word] & bit != 0 {
                    set.more[word] |= bit;
                }
                once[word] |= bit;
            }
        });
        // (Handed back before the table is made: 0.7 GB at 299,202 documents.)
        drop(once);
        #[cfg(feature = "ingest")]
        crate::memory::give_back_freed();
        set
    }

    /// A hash's bit: its product with the golden ratio (so every bit of the
    /// hash moves it) scaled onto the bits, by the product's high half
    /// (Lemire's "fast range": no division, any number of bits).
    fn place(&self, h: u64) -> (usize, u64) {
        let mixed = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let i = ((u128::from(mixed) * u128::from(self.bits)) >> 64) as usize;
        (i / 64, 1 << (i % 64))
    }

    /// How many bits of `more` are set.
    fn set(&self) -> usize {
        self.more.iter().map(|w| w.count_ones() as usize).sum()
    }

    fn may_be(&self, h: u64) -> bool {
        let (word, bit) = self.place(h);
        self.more[word] & bit != 0
    }
}

/// The core on term ids (one sequence per document): every passage as its
/// `(document, word range)` occurrences, in document then position order,
/// with its length in words; longest first.
pub(crate) fn find(seqs: &Sequences) -> Vec<Found> {
    find_hashed(seqs, shingle_hash)
}

/// [`find`] with the shingle hash given (a test gives one where every
/// shingle collides). Linear in the number of words: one pass over the
/// shingles marking their hashes in two bit sets, one with a table lookup
/// for each shingle that may be repeated, then one over their numbers; no sort
/// of the shingles and no list per shingle. (Sorting every shared shingle's
/// place made the 31,830 document series, where most text is shared, spend
/// 26 s here against 0.7 s for a tenth of it.)
fn find_hashed(seqs: &Sequences, hash: fn(&[u32]) -> u64) -> Vec<Found> {
    // 1. Which shingles may occur more than once: a shingle whose hash marks
    //    a bit nothing else marks is in one place only, so it is never
    //    numbered and the table below holds only the others (those, and about
    //    one in sixteen of the rest, which share a bit by chance). Numbering
    //    every shingle made its map the build's peak: on the 31,830
    //    documents, 37 million shingles took the build from 1.1 to 2.2 GB.
    let repeated = Repeated::of(seqs, hash);
    // 2. Each shingle that may be repeated gets a number, in order of first
    //    appearance, and the documents it is in are counted: one table
    //    lookup per shingle. The table holds only the numbers; a number's
    //    words are kept beside it, hashed and compared from there, so a hash
    //    collision never joins different text (two shingles of one hash are
    //    two entries). (Its words kept, not its first place: the sequences
    //    are read in order only, from their tape, and a place read back at
    //    random from them as varints made this step twice as long; the words
    //    are 16 bytes more a number, where the sequences as `u32`s in memory
    //    were 4 bytes a word.)
    //    (Sized at once for the bits set in `more`, about as many as the
    //    shingles numbered: a table that grows holds its old and new arrays
    //    together as it does. There are more numbers than bits, as distinct
    //    shingles share a bit, 10% more at 299,202 documents (35.2 million
    //    against 31.9): the numbers' words and last documents, which a
    //    growing `Vec` copied to twice their room at 32 million, the build's
    //    peak, get half as many again. Room never written to is never
    //    resident.)
    let numbers = repeated.set();
    let mut number: HashTable<u32> = HashTable::with_capacity(numbers);
    // Per number: its words, the last document it was seen in, and (a bit)
    // whether it is in two documents or more.
    let mut words: Vec<[u32; SHINGLE]> = Vec::with_capacity(numbers + numbers / 2);
    let mut last: Vec<u32> = Vec::with_capacity(numbers + numbers / 2);
    let mut shared = Bits::default();
    // (The hash again, mixed: the shingle's is the table's key as it is.)
    let key = |h: u64| h.wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    // Per document: each shingle's number, as bytes ([`Places`]), on a
    // tape (read once more, in order, below).
    let mut places = Tape::default();
    // (A document's hashes first, then its lookups: lookups that do not
    // wait on hashing overlap their reads of memory; 5.3 s against 4.2 at
    // 31,830 documents.)
    let mut hashes: Vec<u64> = Vec::new();
    seqs.for_each(|d, ids| {
        let mut mine = Places::default();
        hashes.clear();
        hashes.extend(ids.windows(SHINGLE).map(hash));
        for (window, &h) in ids.windows(SHINGLE).zip(&hashes) {
            if !repeated.may_be(h) {
                mine.once();
                continue;
            }
            let fresh = words.len() as u32;
            let n = match number.entry(key(h), |&n| words[n as usize] == window, |&n| key(hash(&words[n as usize]))) {
                Entry::Occupied(e) => *e.get(),
                Entry::Vacant(e) => *e.insert(fresh).get(),
            };
            if n == fresh {
                words.push(window.try_into().expect("a window is a shingle"));
                last.push(d);
            } else if last[n as usize] != d {
                shared.set(n);
                last[n as usize] = d;
            }
            mine.numbered(n);
        }
        places.push(&mine.bytes);
    });
    drop(number);
    drop(words);
    drop(repeated);
    // 3. Per document, consecutive shingles that are in another document
    //    too merge into runs; runs that share a shingle are the same passage
    //    (each run joins the last run that had the same shingle).
    let mut runs: Vec<(usize, Range<u32>)> = Vec::new();
    let mut uf = UnionFind(Vec::new());
    // (`last`'s room, reused: per number, the last run that had it.)
    let mut last_run = last;
    last_run.fill(u32::MAX);
    places.for_each(|d, mine| {
        let mut open: Option<usize> = None;
        for (p, n) in Places::read(mine).enumerate().filter_map(|(p, n)| Some((p as u32, n?))).filter(|&(_, n)| shared.get(n)) {
            let run = match open {
                // Overlapping shingles are one stretch of text: one run.
                Some(r) if p < runs[r].1.end => {
                    runs[r].1.end = p + SHINGLE as u32;
                    r
                }
                _ => {
                    runs.push((d, p..p + SHINGLE as u32));
                    uf.0.push(runs.len() - 1);
                    runs.len() - 1
                }
            };
            open = Some(run);
            if let Some(&before) = last_run.get(n as usize).filter(|&&r| r != u32::MAX) {
                uf.union(before as usize, run);
            }
            last_run[n as usize] = run as u32;
        }
    });
    // 4. The passages, each with its runs.
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for r in 0..runs.len() {
        by_root.entry(uf.find(r)).or_default().push(r);
    }
    let mut passages: Vec<Found> = by_root
        .into_values()
        .map(|members| {
            let mut occurrences: Vec<(usize, Range<u32>)> = members.into_iter().map(|r| runs[r].clone()).collect();
            crate::order::sort_by_key(&mut occurrences, |(d, w)| (*d, w.start));
            let words = occurrences.iter().map(|(_, w)| w.end - w.start).max().unwrap_or(0);
            (occurrences, words)
        })
        .collect();
    crate::order::sort_by(&mut passages, |a, b| b.1.cmp(&a.1).then_with(|| a.0[0].0.cmp(&b.0[0].0)).then_with(|| a.0[0].1.start.cmp(&b.0[0].1.start)));
    passages
}

/// A bit per number: numbers shared by two documents or more.
#[derive(Default)]
struct Bits(Vec<u64>);

impl Bits {
    fn set(&mut self, n: u32) {
        let word = n as usize / 64;
        if word >= self.0.len() {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (n % 64);
    }

    fn get(&self, n: u32) -> bool {
        self.0.get(n as usize / 64).is_some_and(|w| w & (1 << (n % 64)) != 0)
    }
}

/// One document's shingle numbers in `find_hashed`, a byte for most
/// (a `u32` each, as many as the words, was the build's peak): `0` for a
/// shingle that is nowhere else, else 1 + the zigzagged difference from
/// the number after the last one. A stretch of text that is new, or that
/// another document has too, is numbers one after another: `1`s.
#[derive(Default)]
struct Places {
    bytes: Vec<u8>,
    next: u32,
}

impl Places {
    fn once(&mut self) {
        self.bytes.push(0);
    }

    fn numbered(&mut self, n: u32) {
        let step = i64::from(n) - i64::from(self.next);
        crate::index::codec::varint(&mut self.bytes, ((step << 1) ^ (step >> 63)) as u64 + 1);
        self.next = n + 1;
    }

    /// Each shingle's number, `None` for one that is nowhere else.
    fn read(bytes: &[u8]) -> impl Iterator<Item = Option<u32>> + '_ {
        let (mut at, mut next) = (0, 0i64);
        std::iter::from_fn(move || {
            if at == bytes.len() {
                return None;
            }
            let (code, after) = crate::index::codec::read_varint(bytes, at);
            at = after;
            if code == 0 {
                return Some(None);
            }
            let z = code - 1;
            let n = next + ((z >> 1) as i64 ^ -((z & 1) as i64));
            next = n + 1;
            Some(Some(n as u32))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts_of<'a>(p: &Passage, texts: &[&'a str]) -> Vec<(usize, &'a str)> {
        p.occurrences.iter().map(|o| (o.doc, &texts[o.doc][o.bytes.clone()])).collect()
    }

    #[test]
    fn exact_reuse_with_case_and_punctuation_changes() {
        let texts = [
            "Intro. Iraq will not grant immunity to a single American soldier, Maliki said. End.",
            "He said: “IRAQ will not grant immunity — to a single American soldier!” Then left.",
            "Nothing shared here at all, only other words in a row.",
        ];
        let ps = shared(&texts);
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].words, 10);
        assert_eq!(
            texts_of(&ps[0], &texts),
            [(0, "Iraq will not grant immunity to a single American soldier"), (1, "IRAQ will not grant immunity — to a single American soldier")]
        );
    }

    #[test]
    fn five_words_are_not_a_passage_six_are() {
        assert!(shared(&["a b c d e x", "a b c d e y"]).is_empty());
        assert_eq!(shared(&["a b c d e f x", "y a b c d e f"]).len(), 1);
    }

    #[test]
    fn overlapping_and_three_way_reuse_is_one_passage() {
        let texts = ["one two three four five six seven eight", "zero one two three four five six seven", "three four five six seven eight nine"];
        let ps = shared(&texts);
        assert_eq!(ps.len(), 1, "{ps:?}");
        let docs: Vec<usize> = ps[0].occurrences.iter().map(|o| o.doc).collect();
        assert_eq!(docs, [0, 1, 2]);
        assert_eq!(ps[0].occurrences[0].words, 0..8);
    }

    #[test]
    fn repeats_inside_one_document_count_only_with_another() {
        let alone = "a b c d e f and again a b c d e f";
        assert!(shared(&[alone, "unrelated words only here"]).is_empty());
        let ps = shared(&[alone, "x a b c d e f y"]);
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].occurrences.len(), 3, "both copies in the first document are marked");
    }

    #[test]
    fn named_boilerplate_lines_are_ignored() {
        let texts = ["Body one.\nYou may also like\n\nLeave a Comment\n", "Other body.\nYou may also like\nLeave a Comment"];
        assert_eq!(shared(&texts).len(), 1);
        let ignore = vec!["You may also like".to_string(), "Leave a Comment".to_string()];
        assert!(shared_ignoring(&texts, &ignore).is_empty());
    }

    /// Word positions covered by some passage, per document.
    fn covered(texts: &[&str], ps: &[Passage]) -> Vec<Vec<bool>> {
        let mut out: Vec<Vec<bool>> = texts.iter().map(|t| vec![false; tokenize(t).len()]).collect();
        for p in ps {
            for o in &p.occurrences {
                for w in o.words.clone() {
                    out[o.doc][w as usize] = true;
                }
            }
        }
        out
    }

    proptest! {
        /// Hash collisions never join different text: with a hash under
        /// which every shingle collides, the passages are the same.
        #[test]
        fn collisions_change_nothing(docs in prop::collection::vec(prop::collection::vec(0u32..3, 0..30), 2..5)) {
            let seqs: Sequences = docs.iter().collect();
            prop_assert_eq!(find_hashed(&seqs, |_| 7), find(&seqs));
        }

        /// Against a brute-force finder: a word is covered exactly when some
        /// 6-word window around it appears in another document.
        #[test]
        fn equals_brute_force(docs in prop::collection::vec(prop::collection::vec(0u8..4, 0..40), 2..4)) {
            let texts: Vec<String> = docs.iter().map(|d| d.iter().map(|w| ["ash", "camp", "iraq", "mko"][*w as usize]).collect::<Vec<_>>().join(" ")).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let words: Vec<Vec<String>> = refs.iter().map(|t| tokenize(t).into_iter().map(|t| t.term).collect()).collect();
            let mut expect: Vec<Vec<bool>> = words.iter().map(|w| vec![false; w.len()]).collect();
            for a in 0..words.len() {
                for b in 0..words.len() {
                    if a == b { continue; }
                    for i in 0..words[a].len().saturating_sub(SHINGLE - 1) {
                        for j in 0..words[b].len().saturating_sub(SHINGLE - 1) {
                            if words[a][i..i + SHINGLE] == words[b][j..j + SHINGLE] {
                                expect[a][i..i + SHINGLE].iter_mut().for_each(|e| *e = true);
                            }
                        }
                    }
                }
            }
            let ps = shared(&refs);
            prop_assert_eq!(covered(&refs, &ps), expect);
            for p in &ps {
                prop_assert!(p.occurrences.iter().any(|o| o.doc != p.occurrences[0].doc), "shared by two documents");
            }
        }
    }
}
