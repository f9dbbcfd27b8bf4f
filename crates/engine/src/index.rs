//! The positional inverted index: a sorted term dictionary, and per term and
//! field the documents it occurs in with every position. Built once (in
//! `build.rs`), shipped as compact bytes, loaded in the browser without
//! tokenising the corpus again.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::config::{CorpusConfig, Overrides};
use crate::corpus::Source;
use crate::entities::{self, Alias};
use crate::meta::{self, Kind, Meta};
use crate::tokenize::for_each_token;

/// A document with its metadata and full text (the reader shows it, the
/// snippets are cut from it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub meta: Meta,
    pub text: String,
}

/// The fields a term is indexed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Body,
    Title,
}

/// Where one term occurs in one field. Kept decoded in memory; written with
/// delta-encoded varints (see [`WirePostings`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "WirePostings", into = "WirePostings")]
pub struct Postings {
    /// Ascending document numbers.
    pub docs: Vec<u32>,
    /// `positions[starts[i]..starts[i + 1]]` are the positions in `docs[i]`.
    starts: Vec<u32>,
    positions: Vec<u32>,
}

impl Postings {
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Positions of the term in the `i`th document of this list.
    pub fn positions(&self, i: usize) -> &[u32] {
        &self.positions[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Positions of the term in document `doc`, empty when it is absent.
    pub fn positions_in(&self, doc: u32) -> &[u32] {
        match self.docs.binary_search(&doc) {
            Ok(i) => self.positions(i),
            Err(_) => &[],
        }
    }

    fn push(&mut self, doc: u32, pos: u32) {
        if self.docs.last() != Some(&doc) {
            if self.starts.is_empty() {
                self.starts.push(0);
            }
            self.docs.push(doc);
            self.starts.push(self.positions.len() as u32);
        }
        self.positions.push(pos);
        *self.starts.last_mut().expect("pushed above") = self.positions.len() as u32;
    }
}

/// The bytes on the wire: gaps instead of absolute numbers, so most values
/// fit one varint byte.
#[derive(Serialize, Deserialize)]
struct WirePostings {
    doc_gaps: Vec<u32>,
    counts: Vec<u32>,
    position_gaps: Vec<u32>,
}

impl From<Postings> for WirePostings {
    fn from(p: Postings) -> Self {
        let mut doc_gaps = Vec::with_capacity(p.docs.len());
        let mut counts = Vec::with_capacity(p.docs.len());
        let mut position_gaps = Vec::with_capacity(p.positions.len());
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
        let mut p = Postings { docs: Vec::with_capacity(w.doc_gaps.len()), starts: vec![0], positions: Vec::with_capacity(w.position_gaps.len()) };
        let mut doc = 0u32;
        let mut gaps = w.position_gaps.iter();
        for (gap, count) in w.doc_gaps.iter().zip(&w.counts) {
            doc = doc.wrapping_add(*gap);
            p.docs.push(doc);
            let mut pos = 0u32;
            for g in gaps.by_ref().take(*count as usize) {
                pos = pos.wrapping_add(*g);
                p.positions.push(pos);
            }
            p.starts.push(p.positions.len() as u32);
        }
        if p.docs.is_empty() {
            p.starts.clear();
        }
        p
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub docs: Vec<Document>,
    /// Sorted, unique: binary search for a term, a range for a prefix.
    terms: Vec<String>,
    body: Vec<Postings>,
    title: Vec<Postings>,
    body_len: Vec<u32>,
    title_len: Vec<u32>,
    /// Alias groups, spellings tokenised.
    pub aliases: Vec<Alias>,
    /// Proper nouns found in several documents: (name, mentions, documents).
    pub candidates: Vec<(String, u32, u32)>,
    /// Display name of the corpus, from `corpus.toml`.
    pub name: Option<String>,
    /// Per document: what shares passages with it and what is most like it.
    pub related: Vec<Related>,
    /// Boilerplate lines `corpus.toml` asks passage detection to ignore.
    pub ignore: Vec<String>,
    /// Per document, the byte offset of every [`CHECKPOINT`]th token: a
    /// snippet tokenises from the checkpoint before its window, not from the
    /// start of a long document.
    checkpoints: Vec<Vec<u32>>,
}

/// Tokens between two checkpoints.
pub const CHECKPOINT: u32 = 64;

/// Computed at build time for the reader's "share passages" and "similar" lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Related {
    /// `(document, words in the longest passage they share)`, longest first.
    pub shares: Vec<(u32, u32)>,
    /// `(document, cosine)`, most similar first (top 3).
    pub similar: Vec<(u32, f32)>,
}

/// Candidates must be named in this many documents to become facet values.
const CANDIDATE_MIN_DOCS: usize = 2;
const CANDIDATE_LIMIT: usize = 60;

fn apply(meta: &mut Meta, o: &Overrides) {
    if let Some(t) = &o.title {
        meta.title = t.clone();
    }
    if let Some(a) = &o.author {
        meta.author = Some(a.clone());
    }
    if let Some(d) = &o.date {
        meta.date = Some(d.clone());
        meta.date_inferred = false;
    }
    if let Some(s) = &o.section {
        meta.section = Some(s.clone());
    }
    match o.kind.as_deref() {
        Some("interview") => meta.kind = Kind::Interview,
        Some("article") => meta.kind = Kind::Article,
        _ => {}
    }
}

/// Format tag written before the index so an old blob is refused, not misread.
const MAGIC: &[u8; 8] = b"CXIDX\x00\x00\x02";

#[derive(Debug)]
pub struct FormatError(pub String);

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "index data unreadable: {}", self.0)
    }
}

impl std::error::Error for FormatError {}

/// Shared passages across the whole corpus (one linear pass) and the top 3
/// similar documents of each.
/// A passage in more documents than this is corpus boilerplate (a licence
/// header, a footer): it says nothing about which documents are related,
/// and listing its pairs would be quadratic in its spread.
const SHARE_MAX_DOCS: usize = 32;
/// Documents listed per reader as sharing passages, longest passage first.
const SHARE_LIST: usize = 10;

fn related(idx: &Index, seqs: &[Vec<u32>]) -> Vec<Related> {
    let mut out: Vec<Related> = vec![Related::default(); seqs.len()];
    let mut longest: HashMap<(u32, u32), u32> = HashMap::new();
    for (occurrences, words) in crate::passages::find(seqs) {
        let mut docs: Vec<u32> = occurrences.iter().map(|o| o.0 as u32).collect();
        docs.sort_unstable();
        docs.dedup();
        if docs.len() > SHARE_MAX_DOCS {
            continue;
        }
        for &a in &docs {
            for &b in docs.iter().filter(|&&b| b != a) {
                let w = longest.entry((a, b)).or_insert(0);
                *w = (*w).max(words);
            }
        }
    }
    for ((a, b), w) in longest {
        out[a as usize].shares.push((b, w));
    }
    for (r, similar) in out.iter_mut().zip(crate::similarity::most_similar(idx, 3)) {
        r.shares.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        r.shares.truncate(SHARE_LIST);
        r.similar = similar;
    }
    out
}

impl Index {
    /// Indexes documents in the order given; a document's number is its place.
    pub fn build(sources: Vec<Source>) -> Index {
        Index::build_with(sources, &CorpusConfig::default())
    }

    /// Indexes with `corpus.toml`'s overrides and alias groups. Front matter
    /// overrides extraction; `corpus.toml` overrides both.
    pub fn build_with(sources: Vec<Source>, config: &CorpusConfig) -> Index {
        // Term → number while indexing; numbers become dictionary order below.
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut lists: Vec<(Postings, Postings)> = Vec::new();
        let mut intern = |term: &str, lists: &mut Vec<(Postings, Postings)>| match ids.get(term) {
            Some(&i) => i,
            None => {
                let i = lists.len() as u32;
                lists.push(Default::default());
                ids.insert(term.to_string(), i);
                i
            }
        };
        // Each document's words as term numbers, for the shared passages.
        let mut seqs: Vec<Vec<u32>> = Vec::with_capacity(sources.len());
        let mut marker = crate::passages::Marker::default();
        let mut idx = Index { aliases: config.aliases.iter().map(Alias::from_group).collect(), name: config.name.clone(), ignore: config.ignore.clone(), ..Index::default() };
        let mut names_per_doc = Vec::with_capacity(sources.len());
        for (n, src) in sources.into_iter().enumerate() {
            let n = n as u32;
            let mut len = 0;
            let mut toks = Vec::new();
            let mut seq = Vec::new();
            let skipped = crate::passages::ignored_ranges(&src.text, &config.ignore);
            let mut checkpoints = Vec::new();
            for_each_token(&src.text, |t| {
                if t.pos % CHECKPOINT == 0 {
                    checkpoints.push(t.start as u32);
                }
                let id = intern(&t.term, &mut lists);
                lists[id as usize].0.push(n, t.pos);
                seq.push(if skipped.iter().any(|r| r.contains(&t.start)) { marker.next() } else { id });
                len = t.pos + 1;
                toks.push(t);
            });
            seqs.push(seq);
            idx.checkpoints.push(checkpoints);
            let mut meta = meta::extract_counted(&src.text, &src.id, toks.len() as u32);
            for o in src.overrides.iter().chain(config.documents.get(&src.id)) {
                apply(&mut meta, o);
            }
            let refs: Vec<&str> = toks.iter().map(|t| t.term.as_str()).collect();
            meta.entities = entities::groups_in(&idx.aliases, &refs);
            names_per_doc.push(entities::candidates_in(&src.text, &toks));
            idx.body_len.push(len);
            let mut len = 0;
            for_each_token(&meta.title, |t| {
                let id = intern(&t.term, &mut lists);
                lists[id as usize].1.push(n, t.pos);
                len = t.pos + 1;
            });
            idx.title_len.push(len);
            idx.docs.push(Document { id: src.id, meta, text: src.text });
        }
        idx.candidates = entities::corpus_candidates(&names_per_doc, &idx.aliases, CANDIDATE_MIN_DOCS, CANDIDATE_LIMIT);
        let keys: Vec<(String, String)> = idx
            .candidates
            .iter()
            .map(|(name, _, _)| (name.clone(), crate::tokenize::tokenize(name).into_iter().map(|t| t.term).collect::<Vec<_>>().join(" ")))
            .collect();
        for (doc, names) in idx.docs.iter_mut().zip(&names_per_doc) {
            let mine: std::collections::HashSet<String> =
                names.iter().map(|n| crate::tokenize::tokenize(n).into_iter().map(|t| t.term).collect::<Vec<_>>().join(" ")).collect();
            doc.meta.entities.extend(keys.iter().filter(|(_, k)| mine.contains(k)).map(|(name, _)| name.clone()));
        }
        drop(intern);
        let mut sorted: Vec<(String, u32)> = ids.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (term, id) in sorted {
            let (body, title) = std::mem::take(&mut lists[id as usize]);
            idx.terms.push(term);
            idx.body.push(body);
            idx.title.push(title);
        }
        // Needs the postings in place.
        idx.related = related(&idx, &seqs);
        idx
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.extend(postcard::to_allocvec(self).expect("an index always serialises"));
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Index, FormatError> {
        let body = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| FormatError("not an index of this version (rebuild the page)".into()))?;
        postcard::from_bytes(body).map_err(|e| FormatError(e.to_string()))
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Tokens in the document's text.
    pub fn body_len(&self, doc: u32) -> u32 {
        self.body_len[doc as usize]
    }

    /// Byte ranges of the document's tokens at `positions` (index 0 is
    /// `positions.start`), tokenising only from the checkpoint before them.
    pub fn token_bounds(&self, doc: u32, positions: std::ops::Range<u32>) -> Vec<(usize, usize)> {
        let text = self.docs[doc as usize].text.as_str();
        let cps = &self.checkpoints[doc as usize];
        let first = (positions.start / CHECKPOINT) as usize;
        let Some(&from) = cps.get(first) else {
            return Vec::new();
        };
        // Up to the checkpoint after the range: always the start of a token.
        let to = cps.get((positions.end.div_ceil(CHECKPOINT)) as usize).map_or(text.len(), |&b| b as usize);
        let base = first as u32 * CHECKPOINT;
        let from = from as usize;
        crate::tokenize::token_bounds(&text[from..to])
            .into_iter()
            .enumerate()
            .filter(|(i, _)| positions.contains(&(base + *i as u32)))
            .map(|(_, (s, e))| (from + s, from + e))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The term's number in the dictionary.
    pub fn term_id(&self, term: &str) -> Option<usize> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok()
    }

    /// Numbers of every term that starts with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> std::ops::Range<usize> {
        let start = self.terms.partition_point(|t| t.as_str() < prefix);
        let len = self.terms[start..].partition_point(|t| t.starts_with(prefix));
        start..start + len
    }

    pub fn postings(&self, term_id: usize, field: Field) -> &Postings {
        match field {
            Field::Body => &self.body[term_id],
            Field::Title => &self.title[term_id],
        }
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

    /// Titles that several documents share, with their ids (the list tells
    /// them apart by their metadata; the build names them).
    pub fn title_collisions(&self) -> Vec<(String, Vec<String>)> {
        let mut by_title: std::collections::BTreeMap<&str, Vec<String>> = std::collections::BTreeMap::new();
        for d in &self.docs {
            by_title.entry(d.meta.title.as_str()).or_default().push(d.id.clone());
        }
        by_title.into_iter().filter(|(_, ids)| ids.len() > 1).map(|(t, ids)| (t.to_string(), ids)).collect()
    }

    /// The document numbered `n` by its id.
    pub fn doc_by_id(&self, id: &str) -> Option<u32> {
        self.docs.iter().position(|d| d.id == id).map(|n| n as u32)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// Bounds read from a checkpoint equal those of tokenising the whole
        /// text, for any range, across hyphens, abbreviations, numbers,
        /// possessives and non-Latin words.
        #[test]
        fn checkpoint_bounds_equal_whole_text_bounds(
            words in prop::collection::vec(prop::sample::select(vec!["al-Maliki", "U.S.", "3,000", "MKO’s", "won't", "مجاهدین", "e\u{301}te", "x", "--", "\n", "Camp"]), 0..400),
            a in 0u32..450, len in 0u32..200,
        ) {
            let text = words.join(" ");
            let idx = Index::build(vec![Source::new("d", &text)]);
            let all = crate::tokenize::token_bounds(&text);
            let end = (a + len).min(all.len() as u32);
            let start = a.min(end);
            prop_assert_eq!(idx.token_bounds(0, start..end), all[start as usize..end as usize].to_vec());
        }
    }

    use super::*;

    fn src(id: &str, text: &str) -> Source {
        Source::new(id, text)
    }

    #[test]
    fn overrides_and_entities() {
        let config = CorpusConfig::parse(
            "[[alias]]\nname = \"MKO\"\nspellings = [\"MKO\", \"MEK\"]\n[documents.b]\nauthor = \"Given Name\"\ntitle = \"Given title\"\n",
        )
        .unwrap();
        let mut a = src("a", "First\nThe MEK met Camp Ashraf people.\n");
        a.overrides = Some(Overrides { author: Some("Front Matter".into()), ..Overrides::default() });
        let idx = Index::build_with(vec![a, src("b", "Second\nNothing of Camp Ashraf here.\nBy Dan Murphy\n")], &config);
        assert_eq!(idx.docs[0].meta.author.as_deref(), Some("Front Matter"));
        assert_eq!(idx.docs[1].meta.author.as_deref(), Some("Given Name"));
        assert_eq!(idx.docs[1].meta.title, "Given title");
        assert_eq!(idx.docs[0].meta.entities, ["MKO", "Camp Ashraf"]);
        assert_eq!(idx.docs[1].meta.entities, ["Camp Ashraf"]);
    }

    #[test]
    fn postings_keep_every_position() {
        let idx = Index::build(vec![src("a", "camp ashraf camp"), src("b", "no match"), src("c", "Camp")]);
        let p = idx.postings(idx.term_id("camp").unwrap(), Field::Body);
        assert_eq!(p.docs, [0, 2]);
        assert_eq!(p.positions(0), [0, 2]);
        assert_eq!(p.positions_in(2), [0]);
        assert_eq!(p.positions_in(1), [] as [u32; 0]);
        assert_eq!(idx.field_len(0, Field::Body), 3);
    }

    #[test]
    fn bytes_round_trip_and_are_refused_when_foreign() {
        let idx = Index::build(vec![src("a", "Title one\n\nbody text here"), src("x/y", "Other title\nmore")]);
        let bytes = idx.to_bytes();
        assert_eq!(Index::from_bytes(&bytes).unwrap(), idx);
        assert!(Index::from_bytes(b"garbage").is_err());
        assert!(Index::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    }

    #[test]
    fn prefix_range_finds_all_and_only_prefixed_terms() {
        let idx = Index::build(vec![src("a", "mal maliki malik male xmal ma")]);
        let got: Vec<&str> = idx.prefix_range("mal").map(|i| idx.terms()[i].as_str()).collect();
        assert_eq!(got, ["mal", "male", "malik", "maliki"]);
        assert!(idx.prefix_range("zzz").is_empty());
    }
}
