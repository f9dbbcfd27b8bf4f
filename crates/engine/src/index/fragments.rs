//! A sharded index: the terms and their body postings lists cut by term
//! range into fragment files, and a core file with everything else.
//!
//! The body lists are most of an index (8.2 of the Linux docs' 9.9 MB), and
//! a query reads a handful of them; the dictionary was half of what was
//! left (0.5 of the core's 1.06 MB gzip). Written sharded
//! ([`Index::to_sharded`]; the build, [`Index::write_sharded`], a fragment
//! at a time), the core keeps the per-document metadata, and
//! names each fragment by its first term (number and word), content hash
//! and size. A fragment file is its terms' piece of the dictionary (a
//! transducer of those words and their numbers in the whole index,
//! [`super::dictionary::Dictionary`]), their lists' lengths, their lists as
//! the whole index file has them, so a list reads the same from either
//! ([`super::lists`]), their title lists ([`super::titles`]), then the
//! stems its range of words holds with their forms ([`super::stems`]): the
//! fragments are cut so that no stem's family of forms spans two.
//! As Pagefind splits its index by word prefix, a word's place in the
//! order of words decides which fragment it is in: its lookup, its list and
//! its title list come in one fetch; a prefix fetches the fragments its
//! range covers (the word being typed, those of its commonest completions,
//! which the core keeps for a prefix spread over many); a fuzzy word
//! (`word~`, which keeps its first letter), those of its letter whose range
//! can hold a word within its distance; a stem's other forms are in the
//! word's own fragment.
//!
//! Reading works without knowing the fragments in advance: a lookup or a
//! read of a list whose fragment is not here finds nothing and notes the
//! fragment as missed ([`Index::missing_fragments`]). An answer that missed one is not
//! shown; its fragments are fetched, put in with [`Index::add_fragment`]
//! (checked against their name, so a wrong file is refused, never read) and
//! the question asked again. The first round looks up every word and reads
//! every list the query's expansions reach (a missing list counts as empty,
//! so the reads that choose expansions by how common they are still
//! happen), so a second round is whole, but for a question that finds
//! nothing: only then, once whole, does it look for corrections ("Did you
//! mean"), in the fragments of each unknown word's first letter that can
//! hold a correction, a third round; `engine::service::answer` says which
//! rounds were.
//!
//! A page keeps [`KEEP_FRAGMENT_BYTES`] of fragments: past it, those read
//! longest ago are let go ([`Index::let_go`]; each part of a fragment is a
//! [`super::slot::Slot`], which notes when it was read), never one read
//! since the oldest question still waiting for fragments was asked, so the
//! rounds stay as few. A read that needs one again misses it, as before it
//! first came.

use super::codec::{self, FormatError};
use super::dictionary::Dictionary;
use super::lists::{Encoded, Lists, WireLists};
use super::stems::StemGroups;
use super::Index;

/// Bytes of lists a fragment holds at least (the last may hold fewer; a
/// list longer than this is a fragment of its own): 64 KiB of varints is
/// about 50 KB gzip, Pagefind's size too.
pub const FRAGMENT_BYTES: usize = 64 << 10;

/// An index file of more than this many bytes is written sharded by default
/// (`shard_above` in `corpus.toml`): 2 MiB is about 400 articles, whose
/// whole index is about as quick to fetch as a core and a first fragment
/// one after the other.
pub const SHARD_ABOVE: usize = 2 << 20;

/// Bytes of fragment files a page keeps once read ([`Index::let_go`]):
/// about 720 fragments at 31,830 documents (93 KB a file). Typing reads
/// many (a word being typed up to 17 a key): the benchmark's queries, typed
/// a key at a time, read 332 different fragments (38 MB) there. With 16 MiB
/// kept, each was let go before it was read again (a cycle of reads longer
/// than what is kept is the worst case for letting go the oldest): a pass
/// of 264 keystrokes fetched 633 fragments, and a key whose file had gone
/// waited for it. The Linux docs' 112 fit whole (9.3 MB); all 939 at 31,830
/// documents are 87 MB, the 6,204 at 299,202 are 779 MB.
pub const KEEP_FRAGMENT_BYTES: usize = 64 << 20;

/// Bytes of texts files a page keeps once read ([`Index::let_go_texts`]):
/// 32 MiB, some 1,900 files of 16 KiB of text, the hits of the last
/// hundred answers (a list of 20 hits reads up to 20 files).
/// A session over 31,830 documents that searched 400 words read 2,621 of
/// the 4,184 files it had at 64 KiB a file (about 160 MB; `bench/session.mjs`).
pub const KEEP_TEXT_BYTES: usize = 32 << 20;

/// A sharded index as files: the core, read with [`Index::from_vec`], and
/// the fragments in order.
pub struct Sharded {
    pub core: Vec<u8>,
    pub fragments: Vec<Vec<u8>>,
}

/// What the core says of a fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment {
    /// The name it is published under: its content hash, in hex.
    pub name: String,
    pub bytes: u32,
    /// Whether it has been put in.
    pub here: bool,
}

impl Fragment {
    /// The fragment whose content hash is `hash`.
    fn of(hash: u64, bytes: u32, here: bool) -> Fragment {
        Fragment { name: format!("{hash:016x}"), bytes, here }
    }

    /// The file it is written to and fetched from (beside the page, under
    /// `fragments/`).
    pub fn file(&self) -> String {
        format!("fragment-{}.bin", self.name)
    }
}

impl Index {
    /// This index as a core and fragments of at least `target` bytes of
    /// lists each (the build: [`FRAGMENT_BYTES`]).
    pub fn to_sharded(&self, target: usize) -> Sharded {
        let mut fragments = Vec::new();
        let core = self.write_sharded(target, |_, file| {
            fragments.push(file);
            Ok::<_, std::convert::Infallible>(())
        });
        let Ok(core) = core;
        Sharded { core, fragments }
    }

    /// The same, each fragment handed to `put` as it is made, with what
    /// the core will say of it, and the core returned: the build writes a
    /// fragment and lets it go (all of them are 0.8 GB at 299,202
    /// documents, held beside the build's lists). Stops at `put`'s first error.
    pub fn write_sharded<E>(&self, target: usize, mut put: impl FnMut(Fragment, Vec<u8>) -> Result<(), E>) -> Result<Vec<u8>, E> {
        let WireLists { lens, bytes, .. } = WireLists::from(&self.body);
        // A stem and its forms in one fragment: no cut inside a family's range.
        let terms = self.terms();
        let mut open = vec![0i32; lens.len() + 1];
        for (lo, hi) in self.stems.iter().flat_map(|g| g.families(terms)) {
            open[lo as usize] += 1;
            open[hi as usize] -= 1;
        }
        let (mut fragments, mut firsts) = (Vec::new(), Vec::new());
        let (mut start, mut at, mut inside) = (0usize, 0usize, 0i32);
        for (term, &len) in lens.iter().enumerate() {
            if at == start {
                firsts.push(term as u32);
            }
            at += len as usize;
            inside += open[term];
            if (at - start >= target && inside == 0) || term + 1 == lens.len() {
                fragments.push(&bytes[start..at]);
                start = at;
            }
        }
        // Each fragment file: its terms' piece of the dictionary, their
        // lists' lengths, their lists, their title lists, then the stems
        // its range holds (a piece per language).
        let (dictionary, heads) = Dictionary::cut(terms, &firsts, |t| self.body.doc_freq(t));
        let (title, tails) = self.title.cut(&firsts);
        let (stems, stem_pieces): (Vec<StemGroups>, Vec<Vec<Vec<u8>>>) = self.stems.iter().map(|g| g.cut(dictionary.firsts(), terms)).unzip();
        let ends = firsts.iter().skip(1).map(|&f| f as usize).chain([lens.len()]);
        let mut named = Vec::with_capacity(firsts.len());
        for (i, (((head, lists), tail), (&first, end))) in heads.into_iter().zip(fragments).zip(tails).zip(firsts.iter().zip(ends)).enumerate() {
            let mut file = [head, Encoded::fragment_body(&lens[first as usize..end], lists), tail].concat();
            for pieces in &stem_pieces {
                file.extend_from_slice(&pieces[i]);
            }
            let (hash, size) = (codec::content_hash(&file), file.len() as u32);
            named.push((first, hash, size));
            put(Fragment::of(hash, size, false), file)?;
        }
        let body = Encoded::sharded(lens.len(), named).expect("fragments cut from these lists");
        // The core: every part but the lists, the dictionary, the title lists and
        // the stems (in the fragments now), each named so that a new part cannot
        // be left out; the lists are not cloned (at 299,202 documents they
        // are gigabytes in the build).
        let Index {
            docs,
            terms: _,
            dictionary: _,
            language,
            stems: _,
            body: _,
            title: _,
            body_len,
            title_len,
            aliases,
            candidates,
            name,
            ignore,
            facets,
            texts,
        } = self;
        let core = Index {
            docs: docs.clone(),
            terms: Default::default(),
            dictionary,
            language: *language,
            stems,
            body: Lists::Encoded(body),
            title,
            body_len: body_len.clone(),
            title_len: title_len.clone(),
            aliases: aliases.clone(),
            candidates: candidates.clone(),
            name: name.clone(),
            ignore: ignore.clone(),
            facets: facets.clone(),
            texts: texts.clone(),
        }
        .to_bytes();
        Ok(core)
    }

    /// How many fragments a sharded index has (none for an index read
    /// whole), without making their names as [`Index::fragments`] does.
    pub fn fragment_count(&self) -> usize {
        match &self.body {
            Lists::Encoded(e) if e.is_sharded() => e.piece_count(),
            _ => 0,
        }
    }

    /// Fragment `i` alone: a page that fetches one, or sums their sizes,
    /// need not make every fragment's name each time.
    pub fn fragment(&self, i: usize) -> Option<Fragment> {
        match &self.body {
            Lists::Encoded(e) if e.is_sharded() => e.piece(i).map(|(hash, bytes)| Fragment::of(hash, bytes, self.has_fragment(i))),
            _ => None,
        }
    }

    /// The size in bytes of fragment `i`'s file (0 if there is none).
    pub fn fragment_bytes(&self, i: usize) -> u32 {
        match &self.body {
            Lists::Encoded(e) if e.is_sharded() => e.piece(i).map_or(0, |(_, bytes)| bytes),
            _ => 0,
        }
    }

    /// The fragments of a sharded index (none for an index read whole).
    pub fn fragments(&self) -> Vec<Fragment> {
        (0..self.fragment_count()).filter_map(|i| self.fragment(i)).collect()
    }

    /// Whether this index was written sharded (its lists come in fragments).
    pub fn is_sharded(&self) -> bool {
        matches!(&self.body, Lists::Encoded(e) if e.is_sharded())
    }

    /// Whether fragment `i` has been put in (an index read whole has none to put).
    pub fn has_fragment(&self, i: usize) -> bool {
        match &self.body {
            Lists::Encoded(e) if e.is_sharded() => {
                e.has_piece(i) && self.dictionary.has_piece(i) && self.title.has_piece(i) && self.stems.iter().all(|g| g.has_piece(i))
            }
            _ => false,
        }
    }

    /// Puts fragment `i` in, once its bytes are the ones its name says:
    /// its piece of the dictionary, then its lists.
    pub fn add_fragment(&self, i: usize, bytes: Vec<u8>) -> Result<(), FormatError> {
        let Lists::Encoded(e) = &self.body else { return Err(FormatError("this index is not sharded".into())) };
        let named = e.pieces().get(i).map(|&(hash, size, _)| (hash, size as usize));
        let (Some((hash, size)), Some(head)) = (named.filter(|_| e.is_sharded()), self.dictionary.piece_size(i)) else {
            return Err(FormatError(if e.is_sharded() { format!("no fragment {i}") } else { "this index is not sharded".into() }));
        };
        if bytes.len() != size || head > size || codec::content_hash(&bytes) != hash {
            return Err(FormatError(format!("fragment {i} is not the one named ({} bytes, {size} expected)", bytes.len())));
        }
        let file = std::sync::Arc::new(bytes);
        let part = |range| codec::SharedBytes { file: file.clone(), range };
        self.dictionary.fill(i, part(0..head)).map_err(FormatError)?;
        let lists = e.fill(i, part(head..size)).map_err(FormatError)?;
        let mut rest = self.title.fill(i, &file[head + lists..size]).map_err(FormatError)?;
        for g in &self.stems {
            let (groups, after) = postcard::take_from_bytes(rest).map_err(|e| FormatError(format!("fragment {i}: its stems: {e}")))?;
            g.fill(i, groups, self.dictionary.len()).map_err(FormatError)?;
            rest = after;
        }
        if !rest.is_empty() {
            return Err(FormatError(format!("fragment {i}: {} bytes after its stems", rest.len())));
        }
        Ok(())
    }

    /// The clock of reads now: [`Index::let_go`] given it keeps every
    /// fragment read after it (the reads of a question being answered).
    pub fn read_clock() -> u64 {
        super::slot::now()
    }

    /// Lets go the fragments read longest ago while those here hold more
    /// than `keep` bytes, but none read or put in since the clock showed
    /// `mark` ([`Index::read_clock`], taken before the question whose
    /// fragments are coming was first asked: a round must find what the
    /// round before fetched). Returns those let go: a read that needs one
    /// again misses it, as before it first came. Their decoded lists go
    /// from the cache too.
    pub fn let_go(&self, keep: usize, mark: u64) -> Vec<usize> {
        let Lists::Encoded(e) = &self.body else { return Vec::new() };
        if !e.is_sharded() {
            return Vec::new();
        }
        let read = |i: usize| {
            let stems = self.stems.iter().map(|g| g.last_read(i)).max().unwrap_or(0);
            e.last_read(i).max(self.dictionary.last_read(i)).max(self.title.last_read(i)).max(stems)
        };
        let here = e.pieces().into_iter().enumerate().filter(|&(i, _)| self.has_fragment(i)).map(|(i, (_, bytes, _))| (i, bytes as usize, read(i)));
        let gone = super::slot::to_let_go(here, keep, keep / 4 * 3, mark);
        for &i in &gone {
            e.let_go(i);
            self.dictionary.let_go(i);
            self.title.let_go(i);
            for g in &self.stems {
                g.let_go(i);
            }
        }
        gone
    }

    /// Lets go the texts chunks read longest ago while those here hold
    /// more than `keep` bytes (as their files have them), but none read
    /// since the clock showed `mark`, as [`Index::let_go`] does for
    /// fragments. Returns those let go: a view that reads one of their
    /// texts again finds it missing, and it is fetched again.
    pub fn let_go_texts(&self, keep: usize, mark: u64) -> Vec<usize> {
        let texts = &self.texts;
        // (A chunk's texts come and go together: its first one says.)
        let here = texts.chunks().iter().enumerate().filter(|&(_, c)| texts.has(c.first)).map(|(n, c)| (n, c.bytes as usize, texts.last_read(n)));
        let gone = super::slot::to_let_go(here, keep, keep / 4 * 3, mark);
        for &n in &gone {
            texts.let_go(n);
        }
        gone
    }

    /// The fragments reads have needed and that are still not here, and how
    /// many reads so far found a fragment missing (a question whose count
    /// moved while it was answered was answered without some of its lists).
    pub fn missing_fragments(&self) -> (Vec<usize>, u64) {
        self.fragments_missed_since(0)
    }

    /// How many reads so far found a fragment missing: the count an answer
    /// takes before its reads, to compare with [`Index::fragments_missed_since`]'s after.
    pub fn fragment_misses(&self) -> u64 {
        match &self.body {
            Lists::Encoded(e) => e.misses(),
            Lists::Decoded(_) => 0,
        }
    }

    /// The fragments still not here that reads needed after the count of
    /// [`Index::fragment_misses`] was `reads`: those one question lacked,
    /// not those an earlier one did (whose fetch its page may have dropped).
    pub fn fragments_missed_since(&self, reads: u64) -> (Vec<usize>, u64) {
        match &self.body {
            Lists::Encoded(e) => e.missed_since(reads),
            Lists::Decoded(_) => (Vec::new(), 0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::lists::tests::corpus;
    use crate::index::Field;

    #[test]
    fn each_fragment_handed_over_as_it_is_cut_is_the_one_its_core_names() {
        let whole = corpus();
        let mut handed = Vec::new();
        let core = whole.write_sharded(200, |fragment, file| {
            handed.push((fragment, file));
            Ok::<_, ()>(())
        });
        let core = Index::from_vec(core.expect("nothing failed")).expect("the core reads");
        let named = core.fragments();
        // One at a time, as a page fetching one reads it (`named` is checked against what the writer handed below).
        assert_eq!(core.fragment_count(), named.len());
        assert!(named.iter().enumerate().all(|(i, f)| core.fragment_bytes(i) == f.bytes));
        assert_eq!((core.fragment(named.len()), core.fragment_bytes(named.len())), (None, 0));
        assert!(handed.len() > 3, "{} fragments", handed.len());
        assert_eq!(handed.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>(), named);
        for (fragment, file) in &handed {
            assert_eq!((fragment.bytes as usize, fragment.name.clone()), (file.len(), format!("{:016x}", codec::content_hash(file))));
        }
        assert_eq!(handed.into_iter().map(|(_, file)| file).collect::<Vec<_>>(), whole.to_sharded(200).fragments, "the same files");
        // The first error stops the writing, and is what it returns.
        let mut calls = 0;
        let stopped = whole.write_sharded(200, |_, _| {
            calls += 1;
            if calls == 2 {
                Err("disk full")
            } else {
                Ok(())
            }
        });
        assert_eq!((stopped, calls), (Err("disk full"), 2));
    }

    #[test]
    fn fragments_hold_whole_lists_in_term_order_and_read_as_the_whole_index() {
        let whole = corpus();
        let sharded = whole.to_sharded(200);
        assert!(sharded.fragments.len() > 3, "{} fragments", sharded.fragments.len());
        let core = Index::from_vec(sharded.core.clone()).expect("the core reads");
        let named = core.fragments();
        assert_eq!(named.len(), sharded.fragments.len());
        assert!(named.iter().all(|f| !f.here));
        assert_eq!(named.iter().map(|f| f.bytes as usize).sum::<usize>(), sharded.fragments.iter().map(Vec::len).sum::<usize>());
        // The core knows no word: each is looked up in its fragment, which
        // holds its list too, so one fetch serves both.
        assert_eq!(core.term_id("w2"), None);
        let (missing, misses) = core.missing_fragments();
        assert_eq!((missing.len(), misses), (1, 1), "one fragment, missed once");
        core.add_fragment(missing[0], sharded.fragments[missing[0]].clone()).expect("the named fragment");
        let w2 = core.term_id("w2").expect("found once its fragment is here");
        assert_eq!(w2, whole.term_id("w2").unwrap(), "numbered as in the whole index");
        assert_eq!(core.doc_freq(w2, Field::Body), 30, "every second document of 60");
        assert_eq!(core.missing_fragments(), (Vec::new(), 1), "nothing missing now");
        // A word before, between or after the fragments' words is looked up in one fragment.
        for word in ["", "a", "w2a", "zz"] {
            let before = core.fragment_misses();
            assert_eq!(core.term_id(word), None);
            assert!(core.fragment_misses() - before <= 1, "{word:?}");
        }
        for (i, f) in sharded.fragments.iter().enumerate() {
            core.add_fragment(i, f.clone()).expect("each fragment goes in");
        }
        assert!(core.fragments().iter().all(|f| f.here));
        assert_eq!(core, whole);
        // With every fragment in, it writes as the whole index read back does.
        let reread = Index::from_vec(whole.to_bytes()).expect("reads back");
        assert!(core.to_bytes() == reread.to_bytes(), "written whole again");
    }

    #[test]
    fn past_what_a_page_keeps_the_fragments_read_longest_ago_go_and_come_again() {
        let sharded = corpus().to_sharded(200);
        let core = Index::from_vec(sharded.core).expect("the core reads");
        for (i, f) in sharded.fragments.iter().enumerate() {
            core.add_fragment(i, f.clone()).expect("each fragment goes in");
        }
        let n = sharded.fragments.len();
        let size = |i: usize| sharded.fragments[i].len();
        // Past what is kept, the page lets go down to three quarters of it: room for `bytes`.
        let room = |bytes: usize| bytes * 4 / 3 + 4;
        let of = |word: &str| core.dictionary.piece_of(word).expect("sharded");
        let (old, new) = ("w1", "w29");
        assert_ne!(of(old), of(new));
        // w1's list read first, then w29's.
        let t_old = core.term_id(old).expect("here");
        let docs_old = core.postings(t_old, Field::Body).docs.clone();
        core.postings(core.term_id(new).expect("here"), Field::Body);
        assert_eq!(core.let_go(usize::MAX, u64::MAX), Vec::<usize>::new(), "all within what is kept");
        // Room for two: the two read last stay.
        let gone = core.let_go(room(size(of(old)) + size(of(new))), u64::MAX);
        assert_eq!(gone.len(), n - 2, "{gone:?}");
        let here: Vec<usize> = (0..n).filter(|&i| core.has_fragment(i)).collect();
        assert_eq!(here, if of(old) < of(new) { [of(old), of(new)] } else { [of(new), of(old)] });
        // Room for one: the one read longer ago goes.
        assert_eq!(core.let_go(room(size(of(new))), u64::MAX), vec![of(old)]);
        // Its word and its list (the decoded one too) are missed again, until it comes again.
        let before = core.fragment_misses();
        assert_eq!(core.postings(t_old, Field::Body).len(), 0);
        assert_eq!(core.term_id(old), None);
        assert_eq!(core.fragments_missed_since(before).0, vec![of(old)]);
        core.add_fragment(of(old), sharded.fragments[of(old)].clone()).expect("the named fragment");
        assert_eq!(core.postings(t_old, Field::Body).docs, docs_old);
        // Whatever the room, none read since the mark goes.
        let mark = Index::read_clock();
        core.term_id(new);
        assert_eq!(core.let_go(0, mark), vec![of(old)]);
        assert!(core.has_fragment(of(new)));
    }

    #[test]
    fn past_what_a_page_keeps_the_texts_read_longest_ago_go_and_a_held_text_stays_readable() {
        use crate::ingest::Source;
        let mut built = Index::build((0..6).map(|d| Source::new(format!("d{d}"), format!("text number {d} "))).collect());
        built.chunk_texts(10);
        built.inline_texts(0);
        let page = Index::from_vec(built.to_bytes()).expect("reads back");
        let chunks = page.texts().chunks().len();
        assert_eq!(chunks, 6, "a text a chunk");
        for n in 0..chunks {
            page.texts().fill(n, &built.texts().encode(n)).expect("its own chunk");
        }
        // Read in the order 3, 1, 5: room for two keeps 1 and 5.
        let held = page.text(3).expect("here");
        page.text(1);
        page.text(5);
        let size = |n: usize| page.texts().chunks()[n].bytes as usize;
        let room = |bytes: usize| bytes * 4 / 3 + 4;
        let mut gone = page.let_go_texts(room(size(1) + size(5)), u64::MAX);
        gone.sort_unstable();
        assert_eq!(gone, [0, 2, 3, 4]);
        assert!(page.text(3).is_none() && page.text(1).is_some() && page.text(5).is_some());
        assert_eq!(held, "text number 3 ", "what a view holds stays readable");
        // Whatever the room, none read since the mark goes.
        let mark = Index::read_clock();
        page.text(1);
        assert_eq!(page.let_go_texts(0, mark), [5]);
        page.texts().fill(3, &built.texts().encode(3)).expect("fetched again");
        assert_eq!(page.text(3).expect("here again"), "text number 3 ");
    }

    #[test]
    fn an_answer_lacks_only_the_fragments_its_own_reads_missed() {
        use crate::index::FacetColumn;
        use crate::service::{answer, Question};
        let sharded = corpus().to_sharded(200);
        let core = Index::from_vec(sharded.core).expect("the core reads");
        let ask = |q: &str| answer(&core, FacetColumn::empty(), &Question { query: q.into(), literal: true, ..Question::default() }).fragments;
        // Two words whose lists are in different fragments, each found alone first.
        let (w1, w29) = (ask("w1"), ask("w29"));
        assert!(!w29.is_empty() && w1.iter().any(|f| !w29.contains(f)), "w1 {w1:?}, w29 {w29:?}");
        // Asked one after the other with nothing fetched in between, the
        // second lacks its own fragments only: the first's are no longer its concern.
        assert_eq!(ask("w1"), w1);
        assert_eq!(ask("w29"), w29);
        assert!(w1.iter().all(|f| core.missing_fragments().0.contains(f)), "the first's are still missing");
        for &f in &w29 {
            core.add_fragment(f, sharded.fragments[f].clone()).expect("the named fragment");
        }
        assert_eq!(ask("w29"), Vec::<usize>::new(), "whole once its fragments are in");
        assert_eq!(ask("w1"), w1.iter().copied().filter(|f| !w29.contains(f)).collect::<Vec<_>>());
    }

    #[test]
    fn an_answer_that_lacks_fragments_holds_no_hits_even_those_the_core_finds() {
        use crate::index::FacetColumn;
        use crate::ingest::Source;
        use crate::service::{answer, Question};
        // `camps` is in a title: the core holds the stem table (and held the
        // title lists), so a search for `camp` could find that document
        // before any fragment came.
        let built = Index::build(vec![Source::new("a", "Camps of Iraq\nThe residents stayed."), Source::new("b", "Paris\nThe camp is far from Paris.")]);
        let sharded = built.to_sharded(8);
        let core = Index::from_vec(sharded.core).expect("the core reads");
        let question = Question { query: "camp ".into(), snippets: 10, ..Question::default() };
        let first = answer(&core, FacetColumn::empty(), &question);
        assert!(!first.fragments.is_empty());
        assert_eq!((first.hits.len(), first.snippets.len(), first.waiting.len()), (0, 0, 0), "nothing found without its fragments");
        for &i in &first.fragments {
            core.add_fragment(i, sharded.fragments[i].clone()).expect("the named fragment");
        }
        let whole = answer(&core, FacetColumn::empty(), &question);
        assert_eq!((whole.hits.len(), whole.fragments.len()), (2, 0), "both documents, once whole");
    }

    #[test]
    fn typing_a_first_letter_fetches_the_fragments_of_its_most_frequent_completions_only() {
        use crate::index::FacetColumn;
        use crate::ingest::Source;
        use crate::service::{answer, Question};
        // 60 words starting with `s`, the word `s` itself, and words of other
        // letters; `s{i}` is in every (i % 7 + 1)-th document, so many tie.
        let words: Vec<String> = (0..60).map(|i| format!("s{i:02}")).collect();
        let texts: Vec<String> = (0..40)
            .map(|d| {
                let mut text: Vec<String> = words.iter().enumerate().filter(|(i, _)| d % (i % 7 + 1) == 0).map(|(_, w)| w.clone()).collect();
                text.extend(["s".to_string(), format!("t{}", d % 5), format!("r{}", d % 3)]);
                text.join(" ")
            })
            .collect();
        let built = Index::build(texts.iter().enumerate().map(|(d, t)| Source::new(format!("d{d}"), t.clone())).collect());
        let sharded = built.to_sharded(40);
        let core = Index::from_vec(sharded.core.clone()).expect("the core reads");
        // What a scan of the texts says: the words starting with `s` held
        // by the most texts (ties: in order), `s` itself among them.
        let all: Vec<String> = ["s".to_string()].into_iter().chain(words.iter().cloned()).collect();
        let expected = |max: usize| {
            let mut counted: Vec<(usize, &String)> = all.iter().map(|w| (texts.iter().filter(|t| t.split(' ').any(|x| x == w)).count(), w)).collect();
            crate::order::sort_by(&mut counted, |a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
            let mut ids: Vec<usize> = counted.iter().take(max).map(|(_, w)| built.term_id(w).unwrap()).collect();
            ids.sort_unstable();
            ids
        };
        let spanned = {
            core.prefixed("s");
            core.missing_fragments().0.len()
        };
        assert!(spanned > 16 + 1, "`s` spans {spanned} fragments");
        let before = core.fragment_misses();
        assert_eq!(core.completions("s", 16), expected(16), "from the core's table alone");
        assert_eq!(core.completions("s", 5), expected(5));
        assert_eq!(core.fragment_misses(), before, "no fragment read");
        // More than the table holds: every fragment of `s` is read.
        assert_eq!(core.completions("s", 20), Vec::<usize>::new(), "none here yet");
        assert_eq!(core.fragment_misses(), before + spanned as u64);
        assert_eq!(built.completions("s", 20), expected(20));
        // The typed word's first round asks for its own fragment and those of its 16 completions.
        let question = Question { query: "s".into(), snippets: 10, ..Question::default() };
        let first = answer(&core, FacetColumn::empty(), &question);
        assert!(!first.fragments.is_empty() && first.fragments.len() <= 16 + 1, "{} of {spanned}", first.fragments.len());
        for &i in &first.fragments {
            core.add_fragment(i, sharded.fragments[i].clone()).expect("the named fragment");
        }
        assert_eq!(answer(&core, FacetColumn::empty(), &question), answer(&built, FacetColumn::empty(), &question), "then answers as the whole index");
    }

    #[test]
    fn title_lists_travel_in_their_terms_fragments() {
        use crate::ingest::Source;
        let built = Index::build(vec![
            Source::new("a", "Camp Ashraf\nThe residents stayed in the camp."),
            Source::new("b", "Paris\nThe rally was far from Ashraf."),
            Source::new("c", "Zebras\nNothing else."),
        ]);
        let sharded = built.to_sharded(8);
        let core = Index::from_vec(sharded.core.clone()).expect("the core reads");
        let ashraf = built.term_id("ashraf").unwrap();
        assert_eq!(built.postings(ashraf, Field::Title).docs, [0]);
        // Not in the core: read, it is empty and its fragment is named.
        assert!(core.postings(ashraf, Field::Title).is_empty());
        let (missing, _) = core.missing_fragments();
        assert_eq!(missing.len(), 1);
        core.add_fragment(missing[0], sharded.fragments[missing[0]].clone()).expect("the named fragment");
        assert_eq!(core.postings(ashraf, Field::Title).docs, [0], "here with its fragment");
        assert_eq!(core.postings(ashraf, Field::Body).docs, [0, 1], "as its body list is (the text, its title line too)");
    }

    #[test]
    fn a_fragment_that_is_not_the_one_named_is_refused() {
        let whole = corpus();
        let sharded = whole.to_sharded(200);
        let core = Index::from_vec(sharded.core).expect("the core reads");
        assert!(core.add_fragment(0, sharded.fragments[1].clone()).is_err(), "another fragment");
        let mut changed = sharded.fragments[0].clone();
        changed[0] ^= 1;
        assert!(core.add_fragment(0, changed).is_err(), "a damaged one");
        assert!(core.add_fragment(sharded.fragments.len(), Vec::new()).is_err(), "one past the last");
        assert!(!core.fragments()[0].here);
        assert!(whole.add_fragment(0, sharded.fragments[0].clone()).is_err(), "an index built whole has none");
        assert!(Index::from_vec(whole.to_bytes()).unwrap().fragments().is_empty());
    }

    /// The core carries no stem table: a word's fragment holds its stem's
    /// forms and their lists, whichever form is asked, so one fetch brings
    /// every list the word's stem reaches, even where the fragments are cut
    /// as small as one list each.
    #[test]
    fn a_word_s_fragment_holds_its_stem_and_every_form() {
        use crate::ingest::Source;
        let forms = ["interview", "interviewed", "interviewer", "interviewing", "interviews"];
        let docs = (0..40)
            .map(|d| {
                // Words around the forms in term order, and one form a document.
                Source::new(format!("d{d}"), format!("intent{d} intern{d} {} interzone{d}", forms[d % forms.len()]))
            })
            .collect();
        let whole = Index::build(docs);
        let sharded = whole.to_sharded(1);
        let core = Index::from_vec(sharded.core.clone()).expect("the core reads");
        let bytes = |i: &Index| i.part_sizes().into_iter().find(|(p, _)| *p == "stems").map_or(0, |(_, b)| b);
        // (The core's is an empty transducer of wide families and the count of pieces.)
        assert!(bytes(&whole) > 50 && bytes(&core) <= 48, "stems: {} whole, {} in the core", bytes(&whole), bytes(&core));
        assert!(sharded.fragments.len() > 100, "a fragment a list: {}", sharded.fragments.len());
        let expected = whole.forms("interviewing");
        assert_eq!(expected.len(), forms.len());
        for form in ["interviews", "interview", "interviewable"] {
            let core = Index::from_vec(sharded.core.clone()).expect("the core reads");
            assert_eq!(core.forms(form), Vec::<usize>::new(), "{form}: nothing here yet");
            let (missing, _) = core.missing_fragments();
            for &i in &missing {
                core.add_fragment(i, sharded.fragments[i].clone()).expect("the named fragment");
            }
            let before = core.fragment_misses();
            assert_eq!(core.forms(form), expected, "{form}: every form once its fragments are in");
            for &t in &expected {
                let _ = core.doc_freq(t, Field::Body);
            }
            assert_eq!(core.fragment_misses(), before, "{form}: the forms' lists came in the same fetch ({missing:?})");
        }
        // A core with every fragment in cuts as the whole index did, its stems too.
        let core = Index::from_vec(sharded.core.clone()).expect("the core reads");
        for (i, f) in sharded.fragments.iter().enumerate() {
            core.add_fragment(i, f.clone()).expect("each fragment goes in");
        }
        let again = core.to_sharded(1);
        assert!(again.fragments == sharded.fragments, "cut again as it was: {} fragments, not {}", again.fragments.len(), sharded.fragments.len());
        let part = |core: &[u8], name: &str| Index::from_vec(core.to_vec()).expect("reads").part_bytes().into_iter().find(|(p, _)| *p == name).map(|(_, b)| b);
        for name in ["stems", "dictionary", "title"] {
            assert_eq!(part(&again.core, name), part(&sharded.core, name), "the core's {name}");
        }
    }

    /// A stem whose forms lie far apart in the order of words (`die` …
    /// `dying`, a hundred words between) stays in the core rather than
    /// hold a hundred lists in one fragment: its forms are known before
    /// any fragment comes, and one round fetches every list they need.
    #[test]
    fn a_wide_family_stays_in_the_core() {
        use crate::ingest::Source;
        let docs = (0..120).map(|d| Source::new(format!("d{d}"), format!("dig{d:03} {}", ["die", "dies", "died", "dying"][d % 4]))).collect();
        let whole = Index::build(docs);
        let sharded = whole.to_sharded(1);
        let expected = whole.forms("dying");
        assert_eq!(expected.len(), 4, "die, died, dies, dying");
        assert!(sharded.fragments.len() > 100, "a fragment a list or two: {}", sharded.fragments.len());
        let core = Index::from_vec(sharded.core.clone()).expect("the core reads");
        // Before any fragment: every form but the stem itself, a word looked up in its fragment.
        let die = whole.term_id("die").expect("indexed");
        let known = core.forms("dying");
        assert_eq!(known, expected.iter().copied().filter(|&t| t != die).collect::<Vec<_>>());
        // The first round reads their lists too, as a search does.
        for &t in &known {
            let _ = core.doc_freq(t, Field::Body);
        }
        let (missing, _) = core.missing_fragments();
        for &i in &missing {
            core.add_fragment(i, sharded.fragments[i].clone()).expect("the named fragment");
        }
        let before = core.fragment_misses();
        assert_eq!(core.forms("dying"), expected);
        for &t in &expected {
            let _ = core.doc_freq(t, Field::Body);
        }
        assert_eq!(core.fragment_misses(), before, "every form's list came in the first round ({missing:?})");
    }
}
