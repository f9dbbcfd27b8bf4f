//! The positional inverted index: a sorted term dictionary, and per term and
//! field the documents it occurs in with every position; the documents with
//! their metadata; the facet table. Built once (natively, by the build),
//! shipped as compact bytes, loaded in the browser without tokenising the
//! corpus again.
//!
//! - [`dictionary`]: the term dictionary as a transducer (lookups, prefixes, edit distance);
//! - [`stems`]: which word forms share a stem, per language;
//! - [`postings`]: one term's documents and positions;
//! - [`lists`]: every term's body postings, decoded when first read;
//! - [`titles`]: the title postings of the terms titles use;
//! - [`fragments`]: the index as a core and fragment files by term range;
//! - [`slot`]: a fragment's part, here or not, let go when the page keeps too many;
//! - [`document`]: a document and its metadata;
//! - [`label`]: its id and title, pieces of buffers the document table shares;
//! - [`texts`]: the documents' texts, in chunk files apart from the index;
//! - [`fields`]: facets, their values and each document's value numbers;
//! - [`aliases`]: alias groups (one entity, every spelling);
//! - [`codec`]: the index as bytes;
//! - `builder` (feature `ingest`): filling an index from tokenised documents.

pub mod aliases;
#[cfg(feature = "ingest")]
pub mod builder;
pub mod codec;
pub mod dictionary;
pub mod document;
pub mod fields;
pub mod fragments;
pub mod label;
pub mod lists;
pub mod postings;
pub mod slot;
pub mod stems;
pub mod texts;
pub mod titles;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::analysis::Language;
use dictionary::{Dictionary, Found};
use stems::StemGroups;
use titles::Titles;

pub use aliases::Alias;
pub use codec::FormatError;
pub use document::{DateMention, Document, Heading, Kind, Meta, Related, Thread};
pub use fields::{Declared, Facet, FacetColumn, FacetTable, NONE};
pub use fragments::{Fragment, Sharded, FRAGMENT_BYTES, KEEP_FRAGMENT_BYTES, KEEP_TEXT_BYTES};
pub use label::Label;
use lists::Lists;
pub use lists::PostingsRef;
pub use postings::{Field, Postings};
pub use texts::{Chunk, TextRef, Texts};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    #[serde(with = "document::table")]
    pub docs: Vec<Document>,
    /// Sorted, unique: a term's number is its place here. Not stored: read
    /// back from the transducer the first time a word is asked for by its
    /// number (an analysis, the overview, a suggestion), not when the index
    /// is decoded: that read was 32 of the 55 ms the Linux docs' index took
    /// to decode natively, and a search needs none of it.
    #[serde(skip)]
    terms: Terms,
    /// The same terms as a transducer: term → number (in pieces, each in
    /// its fragment, for a sharded index).
    dictionary: Dictionary,
    /// The corpus's language (documents may name their own).
    pub language: Language,
    /// Per language the corpus is written in, the forms sharing each stem.
    stems: Vec<StemGroups>,
    /// Body postings by term; read from a file, each is decoded when first read.
    body: Lists,
    /// Title postings for the terms titles use (in the fragments, for a sharded index).
    title: Titles,
    body_len: Vec<u32>,
    title_len: Vec<u32>,
    /// Alias groups, spellings tokenised.
    pub aliases: Vec<Alias>,
    /// Proper nouns found in several documents: (name, mentions, documents).
    pub candidates: Vec<(String, u32, u32)>,
    /// Display name of the corpus, from `corpus.toml`.
    pub name: Option<String>,
    /// Boilerplate lines `corpus.toml` asks passage detection to ignore.
    pub ignore: Vec<String>,
    facets: FacetTable,
    /// The texts: every one in the build; in the page, those of the chunks fetched.
    texts: Texts,
}

/// The term list once read back from the dictionary. It says nothing the
/// dictionary does not, so two indexes are equal whether or not theirs is read.
#[derive(Debug, Clone, Default)]
struct Terms(OnceLock<Vec<String>>);

impl PartialEq for Terms {
    fn eq(&self, _: &Terms) -> bool {
        true
    }
}

/// The postings of a term absent from a field.
static NO_POSTINGS: Postings = Postings::EMPTY;

/// Tokens between two checkpoints.
pub const CHECKPOINT: u32 = 64;

impl Index {
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The document's text, when known (in the page: once its chunk has
    /// come, and until it is let go: the holder keeps what it was handed).
    pub fn text(&self, doc: u32) -> Option<TextRef> {
        self.texts.get(doc)
    }

    /// Keeps the texts inside the index when they are `up_to` bytes or fewer
    /// in all (`inline_texts` in `corpus.toml`).
    #[cfg(feature = "ingest")]
    pub fn inline_texts(&mut self, up_to: usize) {
        self.texts.inline_up_to(up_to);
    }

    /// Cuts the texts into chunk files of about `bytes` of text each (the
    /// build; [`texts::CHUNK_BYTES`] unless asked). Call before
    /// [`Index::inline_texts`].
    #[cfg(feature = "ingest")]
    pub fn chunk_texts(&mut self, bytes: usize) {
        self.texts.cut_at(bytes);
    }

    /// Gives each document its related documents, found from the whole
    /// index (the build); they travel with its text.
    #[cfg(feature = "ingest")]
    pub fn set_related(&mut self, related: Vec<Related>) {
        self.texts.set_related(related);
    }

    /// What shares passages with a document and what is most like it; `None`
    /// until its text is here (the reader, which shows them, waits for it anyway).
    pub fn related(&self, doc: u32) -> Option<Related> {
        self.texts.get(doc)?.related().cloned()
    }

    /// The texts' chunk files, and filling them in as they arrive.
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// Tokens in the document's text.
    pub fn body_len(&self, doc: u32) -> u32 {
        self.body_len[doc as usize]
    }

    /// Byte ranges of the document's tokens at `positions` (index 0 is
    /// `positions.start`), tokenising only from the checkpoint before them;
    /// none while the text is not known.
    pub fn token_bounds(&self, doc: u32, positions: std::ops::Range<u32>) -> Vec<(usize, usize)> {
        let Some((from, to, base)) = self.stretch(doc, &positions) else {
            return Vec::new();
        };
        let text = self.text(doc).unwrap_or_default();
        crate::analysis::token_bounds(&text[from..to])
            .into_iter()
            .enumerate()
            .filter(|(i, _)| positions.contains(&(base + *i as u32)))
            .map(|(_, (s, e))| (from + s, from + e))
            .collect()
    }

    /// The document's tokens at `positions`, with their terms, byte ranges
    /// in the whole text and positions: what the analyses count in windows
    /// (none while the text is not known).
    pub fn tokens(&self, doc: u32, positions: std::ops::Range<u32>) -> Vec<crate::analysis::Token> {
        let Some((from, to, base)) = self.stretch(doc, &positions) else {
            return Vec::new();
        };
        let text = self.text(doc).unwrap_or_default();
        let mut out = Vec::with_capacity(positions.len());
        crate::analysis::for_each_token(&text[from..to], |mut t| {
            t.pos += base;
            if positions.contains(&t.pos) {
                t.start += from;
                t.end += from;
                out.push(t);
            }
        });
        out
    }

    /// The stretch of text to tokenise for `positions`: from the checkpoint
    /// before them to the one after, and the position of its first token.
    fn stretch(&self, doc: u32, positions: &std::ops::Range<u32>) -> Option<(usize, usize, u32)> {
        let text = self.text(doc)?;
        // Per document, the byte offset of every [`CHECKPOINT`]th token: a
        // snippet tokenises from the checkpoint before its window, not from
        // the start of a long document. They come with the text.
        let cps = text.checkpoints();
        let first = (positions.start / CHECKPOINT) as usize;
        let &from = cps.get(first)?;
        // Up to the checkpoint after the range: always the start of a token.
        let to = cps.get((positions.end.div_ceil(CHECKPOINT)) as usize).map_or(text.len(), |&b| b as usize);
        // A checkpoint inside a run of unspaced script starts a pair that
        // reaches past it: read on to the next white space, so the pairs
        // before it are cut as the whole text cuts them.
        let to = text[to..].find(char::is_whitespace).map_or(text.len(), |i| to + i);
        Some((from as usize, to, first as u32 * CHECKPOINT))
    }

    /// Every term, by number. Empty while a sharded index lacks a
    /// fragment: what reads every term waits for the whole index.
    pub fn terms(&self) -> &[String] {
        if let Some(terms) = self.terms.0.get() {
            return terms;
        }
        match self.dictionary.keys() {
            Some(keys) => self.terms.0.get_or_init(|| keys),
            None => &[],
        }
    }

    /// What a dictionary lookup found; the fragments it needed and lacked
    /// are noted as missed, as a list's read notes them.
    fn found<T>(&self, found: Found<T>) -> T {
        if let lists::Lists::Encoded(e) = &self.body {
            for i in found.missing {
                e.note_missed(i);
            }
        }
        found.value
    }

    /// How many distinct terms the index holds.
    pub fn term_count(&self) -> usize {
        self.body.len()
    }

    /// The term's number in the dictionary.
    pub fn term_id(&self, term: &str) -> Option<usize> {
        self.found(self.dictionary.get(term)).map(|v| v as usize)
    }

    /// Numbers of every term that starts with `prefix`, in dictionary order.
    pub fn prefixed(&self, prefix: &str) -> Vec<usize> {
        self.found(self.dictionary.prefixed(prefix)).into_iter().map(|v| v as usize).collect()
    }

    /// The `max` terms that start with `prefix` found in the most
    /// documents (ties: dictionary order), in dictionary order. A sharded
    /// core keeps the [`dictionary::TOP_COMPLETIONS`] most frequent of each
    /// prefix spread over many fragments ([`Dictionary::top_completions`]),
    /// so the word being typed fetches the fragments of the words it will
    /// reach, not of every word with its first letters (`s` spans 84 of
    /// 1,006 fragments at 31,830 documents). What it returns depends on no
    /// lookup, so an answer's first round reads every list its second will.
    pub fn completions(&self, prefix: &str, max: usize) -> Vec<usize> {
        if let Some(top) = self.dictionary.top_completions(prefix) {
            // The table holds every completion, or enough of them.
            if max <= top.len() || top.len() < dictionary::TOP_COMPLETIONS {
                let mut kept: Vec<usize> = top.iter().take(max).map(|&t| t as usize).collect();
                crate::order::sort(&mut kept);
                return kept;
            }
        }
        let mut ids = self.prefixed(prefix);
        self.most_frequent(&mut ids, max);
        ids
    }

    /// Keeps the `max` of `ids` found in the most documents (ties: the
    /// lower term number), in dictionary order.
    pub fn most_frequent(&self, ids: &mut Vec<usize>, max: usize) {
        if ids.len() > max {
            // Chosen, not sorted: a letter typed reaches thousands of terms
            // and only `max` stay. `by_frequency`'s order as one number each.
            let key = |t: usize| {
                let (std::cmp::Reverse(df), t) = dictionary::by_frequency(self.doc_freq(t, Field::Body), t);
                (u64::from(u32::MAX - df as u32) << 32) | t as u64
            };
            let mut keys: Vec<u64> = ids.iter().map(|&t| key(t)).collect();
            if max > 0 {
                keys.select_nth_unstable(max - 1);
            }
            *ids = keys[..max].iter().map(|&k| (k & u64::from(u32::MAX)) as usize).collect();
            crate::order::sort(ids);
        }
    }

    /// Numbers of every term within `distance` (at most 2) edits of `word`,
    /// with their distances, in dictionary order.
    pub fn within(&self, word: &str, distance: u8) -> Vec<(usize, u8)> {
        self.found(self.dictionary.within(word, distance)).into_iter().map(|(v, d, _)| (v as usize, d)).collect()
    }

    /// [`Index::within`] with each term's spelling.
    pub fn spelled_within(&self, word: &str, distance: u8) -> Vec<(usize, u8, String)> {
        self.found(self.dictionary.within(word, distance)).into_iter().map(|(v, d, w)| (v as usize, d, w)).collect()
    }

    /// Numbers of every term sharing a stem with the folded `word`, in any
    /// of the corpus's languages, the word itself included if indexed;
    /// sorted.
    pub fn forms(&self, word: &str) -> Vec<usize> {
        let mut out: Vec<usize> = self.term_id(word).into_iter().collect();
        for groups in &self.stems {
            let stem = groups.language.stem(word);
            // (A sharded index's stems are in the fragment whose words' range holds the stem.)
            let forms = groups.forms(self.dictionary.piece_of(&stem), &stem);
            let found = match forms {
                Ok(value) => Found { value, missing: Vec::new() },
                Err(piece) => Found { value: Vec::new(), missing: vec![piece] },
            };
            out.extend(self.found(found).iter().map(|&t| t as usize));
            // A form that is its own stem is not in the table: look it up.
            if let Some(t) = self.term_id(&stem) {
                if groups.language.stem(&stem) == stem {
                    out.push(t);
                }
            }
        }
        crate::order::sort(&mut out);
        out.dedup();
        out
    }

    /// The stem tables, one per language (for the build and its reports).
    pub fn stem_tables(&self) -> &[StemGroups] {
        &self.stems
    }

    /// The languages stems are grouped in (none when stemming is off).
    pub fn stem_languages(&self) -> impl Iterator<Item = Language> + '_ {
        self.stems.iter().map(|g| g.language)
    }

    /// Bytes of the dictionary transducer and of the stem tables.
    pub fn dictionary_sizes(&self) -> (usize, usize) {
        (self.dictionary.size(), self.stems.iter().map(StemGroups::size).sum())
    }

    pub fn postings(&self, term_id: usize, field: Field) -> PostingsRef<'_> {
        match field {
            Field::Body => self.body.get(term_id),
            Field::Title => self.title_postings(term_id),
        }
    }

    /// A term's title list; empty while its fragment is not here (noted
    /// as missed, as a body list's read notes it).
    fn title_postings(&self, term_id: usize) -> PostingsRef<'_> {
        match self.title.get(term_id as u32) {
            Ok(list) => list.unwrap_or(PostingsRef::Borrowed(&NO_POSTINGS)),
            Err(piece) => {
                if let lists::Lists::Encoded(e) = &self.body {
                    e.note_missed(piece);
                }
                PostingsRef::Borrowed(&NO_POSTINGS)
            }
        }
    }

    /// How many documents have the term in the field (no list is decoded).
    pub fn doc_freq(&self, term_id: usize, field: Field) -> usize {
        match field {
            Field::Body => self.body.doc_freq(term_id),
            Field::Title => self.title_postings(term_id).len(),
        }
    }

    /// Numbers (4 bytes each) of body postings held decoded after reads, for
    /// an index read from its file.
    pub fn postings_cached(&self) -> usize {
        self.body.cached()
    }

    /// This index as if read from its file, with a cache of `budget` numbers.
    #[cfg(test)]
    pub(crate) fn encoded_with_budget(&self, budget: usize) -> Index {
        Index { body: self.body.encoded_with_budget(budget), ..self.clone() }
    }

    /// Field length in tokens, for BM25's length normalisation.
    pub fn field_len(&self, doc: u32, field: Field) -> u32 {
        match field {
            Field::Body => self.body_len[doc as usize],
            Field::Title => self.title_len[doc as usize],
        }
    }

    pub fn avg_field_len(&self, field: Field) -> f32 {
        let lens = match field {
            Field::Body => &self.body_len,
            Field::Title => &self.title_len,
        };
        if lens.is_empty() {
            return 1.0;
        }
        (lens.iter().map(|&l| l as f64).sum::<f64>() / lens.len() as f64).max(1.0) as f32
    }

    /// One facet's values and each document's value numbers.
    pub fn facet(&self, facet: Facet) -> &FacetColumn {
        self.facets.column(facet)
    }

    /// The entities document `doc` mentions (alias group names, then
    /// frequent proper nouns), from the Entity facet's column: the index
    /// file keeps them there only (`Meta::entities` is the build's).
    pub fn entities(&self, doc: u32) -> Vec<&str> {
        let column = self.facet(Facet::Entity);
        column.of(doc).iter().map(|&v| column.value(v)).filter(|&v| v != NONE).collect()
    }

    /// The corpus's facets, their labels and names (built-in and declared).
    pub fn facets(&self) -> &FacetTable {
        &self.facets
    }

    /// Titles that several documents share, with their ids (the list tells
    /// them apart by their metadata; the build names them).
    pub fn title_collisions(&self) -> Vec<(String, Vec<String>)> {
        let mut by_title: std::collections::BTreeMap<&str, Vec<String>> = std::collections::BTreeMap::new();
        for d in &self.docs {
            by_title.entry(d.meta.title.as_str()).or_default().push(d.id.to_string());
        }
        by_title.into_iter().filter(|(_, ids)| ids.len() > 1).map(|(t, ids)| (t.to_string(), ids)).collect()
    }

    /// What decoding cannot check by itself: the transducers open, and the
    /// per-term and per-document tables have one entry per term and document.
    /// Bytes each part of the index takes in its file, largest first (the
    /// `sizes` example: what a first answer downloads, part by part).
    pub fn part_sizes(&self) -> Vec<(&'static str, usize)> {
        let body = self.body.split_bytes();
        let mut parts: Vec<(&'static str, usize)> = self.part_bytes().into_iter().map(|(part, bytes)| (part, bytes.len())).collect();
        parts.extend([("body: documents and counts", body.0), ("body: positions", body.1)]);
        crate::order::sort_by_key(&mut parts, |&(_, b)| std::cmp::Reverse(b));
        parts
    }

    /// Each part of the index but its body lists as it is written (a
    /// sharded core is all of these: the `shards` example weighs each).
    pub fn part_bytes(&self) -> Vec<(&'static str, Vec<u8>)> {
        fn n<T: Serialize + ?Sized>(part: &T) -> Vec<u8> {
            postcard::to_allocvec(part).unwrap_or_default()
        }
        #[derive(Serialize)]
        struct Table<'a>(#[serde(with = "document::table")] &'a [Document]);
        vec![
            ("docs", n(&Table(&self.docs))),
            ("dictionary", n(&self.dictionary)),
            ("stems", n(&self.stems)),
            ("title", n(&self.title)),
            ("lengths", [n(&self.body_len), n(&self.title_len)].concat()),
            ("aliases", n(&self.aliases)),
            ("candidates", n(&self.candidates)),
            ("facets", n(&self.facets)),
            ("texts", n(&self.texts)),
        ]
    }

    fn check(&mut self) -> Result<(), String> {
        self.dictionary.check()?;
        for g in &self.stems {
            g.check(self.dictionary.len())?;
        }
        let (terms, docs) = (self.dictionary.len(), self.docs.len());
        if self.body.len() != terms || !self.title.check(terms) || self.body_len.len() != docs {
            return Err("tables of different lengths".into());
        }
        // A sharded core names its fragments in each table cut into them.
        let pieces = match &self.body {
            lists::Lists::Encoded(e) if e.is_sharded() => e.pieces().len(),
            _ => 0,
        };
        if pieces != self.dictionary.pieces() || pieces != self.title.pieces() || self.stems.iter().any(|g| g.pieces() != pieces) {
            let stems: Vec<usize> = self.stems.iter().map(StemGroups::pieces).collect();
            return Err(format!(
                "{pieces} fragments of lists, {} of the dictionary, {} of title lists, {stems:?} of stem tables",
                self.dictionary.pieces(),
                self.title.pieces()
            ));
        }
        self.texts.open(docs)
    }

    /// The document numbered `n` by its id.
    pub fn doc_by_id(&self, id: &str) -> Option<u32> {
        self.docs.iter().position(|d| d.id == id).map(|n| n as u32)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::ingest::Source;

    proptest! {
        /// Bounds read from a checkpoint equal those of tokenising the whole
        /// text, for any range, across hyphens, abbreviations, numbers,
        /// possessives and non-Latin words.
        #[test]
        fn checkpoint_bounds_equal_whole_text_bounds(
            words in prop::collection::vec(prop::sample::select(vec!["al-Maliki", "U.S.", "3,000", "MKO’s", "won't", "مجاهدین", "e\u{301}te", "x", "--", "\n", "Camp", "東京都に住む", "北", "l’accesso"]), 0..400),
            a in 0u32..450, len in 0u32..200,
        ) {
            let text = words.join(" ");
            let idx = Index::build(vec![Source::new("d", &text)]);
            let all = crate::analysis::token_bounds(&text);
            let end = (a + len).min(all.len() as u32);
            let start = a.min(end);
            prop_assert_eq!(idx.token_bounds(0, start..end), all[start as usize..end as usize].to_vec());
            let whole = crate::analysis::tokenize(&text);
            prop_assert_eq!(idx.tokens(0, start..end), whole[start as usize..end as usize].to_vec());
        }
    }

    fn src(id: &str, text: &str) -> Source {
        Source::new(id, text)
    }

    #[test]
    fn postings_keep_every_position() {
        let idx = Index::build(vec![src("a", "camp ashraf camp"), src("b", "no match"), src("c", "Camp")]);
        let p = idx.postings(idx.term_id("camp").unwrap(), Field::Body);
        assert_eq!(p.docs, [0, 2]);
        assert_eq!(p.positions(0), [0, 2]);
        assert_eq!(*p.positions_in(2), [0]);
        assert_eq!(*p.positions_in(1), [] as [u32; 0]);
        assert_eq!(idx.field_len(0, Field::Body), 3);
    }

    #[test]
    fn bytes_round_trip_and_are_refused_when_foreign() {
        let mut idx = Index::build(vec![src("a", "Title one\n\nbody text here"), src("x/y", "Other title\nmore")]);
        // A small corpus's texts travel inside the index.
        assert_eq!(Index::from_bytes(&idx.to_bytes()).unwrap(), idx);
        idx.inline_texts(0);
        let bytes = idx.to_bytes();
        let back = Index::from_bytes(&bytes).unwrap();
        // Else they are not in the index's bytes: each comes with its chunk.
        assert_eq!(back.text(0), None);
        back.texts().fill_from(idx.texts()).unwrap();
        assert_eq!(back, idx);
        assert!(Index::from_bytes(b"garbage").is_err());
        assert!(Index::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }

    /// Opened from its file, the index keeps its documents' titles where
    /// the file has them and their ids in one buffer, not a string each.
    #[test]
    fn titles_are_read_in_place_and_ids_into_one_buffer() {
        let idx = Index::build(vec![src("camp/a", "Camp Ashraf\n\nbody"), src("camp/b", "Tehran talks\n\nmore"), src("paris", "Auvers\n\nx")]);
        let bytes = idx.to_bytes();
        let back = Index::from_vec(bytes.clone()).unwrap();
        assert_eq!(back, idx);
        let (first, rest) = back.docs.split_first().unwrap();
        for d in rest {
            assert!(d.meta.title.shares_buffer_with(&first.meta.title), "{:?}", d.meta.title);
            assert!(d.id.shares_buffer_with(&first.id), "{:?}", d.id);
        }
        assert_eq!(first.meta.title.buffer_len(), bytes.len(), "the titles' buffer is the file");
        let ids: usize = back.docs.iter().map(|d| d.id.len()).sum();
        assert_eq!(first.id.buffer_len(), ids, "the ids' buffer holds them and nothing else");
    }

    #[test]
    fn prefixed_finds_all_and_only_prefixed_terms() {
        let idx = Index::build(vec![src("a", "mal maliki malik male xmal ma")]);
        let got: Vec<&str> = idx.prefixed("mal").into_iter().map(|i| idx.terms()[i].as_str()).collect();
        assert_eq!(got, ["mal", "male", "malik", "maliki"]);
        assert!(idx.prefixed("zzz").is_empty());
    }

    #[test]
    fn forms_share_a_stem_in_the_documents_language() {
        let mut fr = Source::new("fr", "Titre\nles négociations continuent");
        fr.overrides = Some(crate::ingest::Overrides { language: Some(Language::French), ..Default::default() });
        let idx = Index::build(vec![src("en", "Title\nnegotiations and interviews, an interview"), fr]);
        let names = |w: &str| idx.forms(w).into_iter().map(|t| idx.terms()[t].clone()).collect::<Vec<_>>();
        assert_eq!(names("negotiate"), ["negotiations"]);
        assert_eq!(names("interview"), ["interview", "interviews"]);
        // French forms are grouped by the French stemmer.
        assert_eq!(names("negociation"), ["negociations"]);
        assert_eq!(idx.stem_languages().collect::<Vec<_>>(), [Language::English, Language::French]);
    }
}
