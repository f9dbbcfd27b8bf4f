//! Builds an [`Index`] from documents whose text is tokenised and whose
//! metadata is known: one pass over each text's tokens fills the postings,
//! the lengths and the checkpoints; `finish` sorts the term dictionary and
//! numbers the facet values. Reading files and metadata is `ingest`'s job,
//! corpus-wide products (related documents) are `compare`'s: the builder
//! knows only the index.

use super::aliases::Alias;
use super::dictionary::{Dictionary, FstMap};
use super::document::Document;
use super::fields::{Declared, FacetTable};
use super::postings::Postings;
use super::stems::StemGroups;
use super::{Index, CHECKPOINT};
use crate::analysis::{for_each_token, Language, Token};

#[derive(Default)]
pub struct Builder {
    /// Term → number while indexing; numbers become dictionary order in `finish`.
    ids: rustc_hash::FxHashMap<String, u32>,
    /// `(body, title)` postings by term number.
    lists: Vec<(Postings, Postings)>,
    index: Index,
    /// The fields `corpus.toml` declares as facets.
    declared: Vec<Declared>,
}

impl Builder {
    pub fn new(aliases: Vec<Alias>, name: Option<String>, ignore: Vec<String>, language: Language) -> Builder {
        Builder { index: Index { aliases, name, ignore, language, ..Index::default() }, ..Builder::default() }
    }

    /// Fields that become facets besides the built-in ones (`[[facet]]`).
    pub fn declare_facets(&mut self, declared: Vec<Declared>) {
        self.declared = declared;
    }

    /// The alias groups the index will carry (entity detection reads them).
    pub fn aliases(&self) -> &[Alias] {
        &self.index.aliases
    }

    fn intern(&mut self, term: &str) -> u32 {
        match self.ids.get(term) {
            Some(&i) => i,
            None => {
                let i = self.lists.len() as u32;
                self.lists.push(Default::default());
                self.ids.insert(term.to_string(), i);
                i
            }
        }
    }

    /// Adds the next document and its text; `tokens` are the text's tokens.
    /// Returns the term number of each token, in order (passage detection
    /// reads them).
    pub fn add(&mut self, doc: Document, text: String, tokens: &[Token]) -> Vec<u32> {
        self.add_grouped(doc, text, tokens, &Grouped::of(tokens))
    }

    /// As [`Builder::add`], with the tokens already grouped by term (on
    /// another thread: the pipeline groups a batch of documents in parallel).
    pub fn add_grouped(&mut self, doc: Document, text: String, tokens: &[Token], grouped: &Grouped) -> Vec<u32> {
        let n = self.index.docs.len() as u32;
        let checkpoints = tokens.iter().filter(|t| t.pos % CHECKPOINT == 0).map(|t| t.start as u32).collect();
        let ids: Vec<u32> = (0..grouped.first.len())
            .map(|l| {
                let id = self.intern(&tokens[grouped.first[l] as usize].term);
                self.lists[id as usize].0.push_doc(n, &grouped.positions[grouped.starts[l] as usize..grouped.starts[l + 1] as usize]);
                id
            })
            .collect();
        let terms = grouped.of_token.iter().map(|&l| ids[l as usize]).collect();
        self.index.body_len.push(tokens.last().map_or(0, |t| t.pos + 1));
        let mut title_len = 0;
        for_each_token(&doc.meta.title, |t| {
            let id = self.intern(&t.term);
            self.lists[id as usize].1.push(n, t.pos);
            title_len = t.pos + 1;
        });
        self.index.title_len.push(title_len);
        self.index.docs.push(doc);
        self.index.texts.push(text, checkpoints);
        terms
    }

    /// The text of the document added last.
    pub fn last_text(&self) -> super::TextRef {
        self.index.texts.get(self.index.docs.len() as u32 - 1).unwrap_or_default()
    }

    /// The documents added so far, for metadata that needs the whole corpus
    /// (entities named in several documents).
    pub fn docs_mut(&mut self) -> &mut [Document] {
        &mut self.index.docs
    }

    /// The finished index: dictionary sorted, facet values numbered.
    /// Related documents are left empty for the caller to fill, which cuts
    /// the texts into chunks ([`Index::set_related`]: a chunk file carries
    /// its documents' related ones, so cutting them here too encoded, and
    /// read back from the build's spill file, every text twice).
    pub fn finish(mut self) -> Index {
        let mut sorted: Vec<(String, u32)> = self.ids.into_iter().collect();
        crate::order::sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
        let idx = &mut self.index;
        let mut lists = Vec::with_capacity(sorted.len());
        let mut terms = Vec::with_capacity(sorted.len());
        for (term, id) in sorted {
            let (body, title) = std::mem::take(&mut self.lists[id as usize]);
            terms.push(term);
            lists.push(body);
            if !title.is_empty() {
                idx.title.push(lists.len() as u32 - 1, title);
            }
        }
        idx.body = super::lists::Lists::Decoded(lists);
        idx.dictionary = Dictionary::Whole(FstMap::build(terms.iter().enumerate().map(|(i, t)| (t.as_str(), i as u64))));
        idx.terms.0 = terms.into();
        idx.stems = stem_groups(idx);
        idx.facets = FacetTable::build(&idx.docs, std::mem::take(&mut self.declared));
        self.index
    }
}

/// A document's tokens grouped by term: each distinct term once (by its
/// first token), its positions together, and each token's term among them.
/// Made apart from the builder, on any thread, so adding a document looks
/// up each distinct term once and copies its positions in one piece,
/// instead of a lookup and a push per token (on 31,830 documents adding was
/// 19 s on one core, the largest part of the build).
pub struct Grouped {
    /// Per term: the index of its first token.
    first: Vec<u32>,
    /// Per term: `positions[starts[l]..starts[l + 1]]`, ascending.
    starts: Vec<u32>,
    positions: Vec<u32>,
    /// Per token: its term's place in `first`.
    of_token: Vec<u32>,
}

impl Grouped {
    pub fn of(tokens: &[Token]) -> Grouped {
        let mut place: rustc_hash::FxHashMap<&str, u32> = Default::default();
        let (mut first, mut count) = (Vec::new(), Vec::new());
        let of_token: Vec<u32> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let l = *place.entry(t.term.as_str()).or_insert_with(|| {
                    first.push(i as u32);
                    count.push(0u32);
                    first.len() as u32 - 1
                });
                count[l as usize] += 1;
                l
            })
            .collect();
        let mut starts = Vec::with_capacity(count.len() + 1);
        starts.push(0u32);
        for c in &count {
            starts.push(starts.last().expect("pushed above") + c);
        }
        let mut fill = starts.clone();
        let mut positions = vec![0u32; tokens.len()];
        for (t, &l) in tokens.iter().zip(&of_token) {
            positions[fill[l as usize] as usize] = t.pos;
            fill[l as usize] += 1;
        }
        Grouped { first, starts, positions, of_token }
    }
}

/// The stem table of each language the documents are written in; a term
/// belongs to a language's table when a document in that language uses it.
fn stem_groups(idx: &Index) -> Vec<StemGroups> {
    let lang_of: Vec<Language> = idx.docs.iter().map(|d| d.meta.language.unwrap_or(idx.language)).collect();
    let mut languages = lang_of.clone();
    languages.sort_unstable();
    languages.dedup();
    languages.retain(|&l| l != Language::None);
    let all = 0..idx.term_count() as u32;
    if let [only] = languages[..] {
        if lang_of.iter().all(|&l| l == only) {
            return vec![StemGroups::build(only, idx.terms(), all)];
        }
    }
    languages
        .into_iter()
        .map(|language| {
            let used = |t: &u32| {
                let (body, title) = (idx.postings(*t as usize, super::Field::Body), idx.postings(*t as usize, super::Field::Title));
                body.docs.iter().chain(&title.docs).any(|&d| lang_of[d as usize] == language)
            };
            StemGroups::build(language, idx.terms(), all.clone().filter(used))
        })
        .collect()
}
