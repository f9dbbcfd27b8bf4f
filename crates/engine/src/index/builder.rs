//! Builds an [`Index`] from documents whose text is tokenised and whose
//! metadata is known: one pass over each text's tokens fills the postings,
//! the lengths and the checkpoints; `finish` sorts the term dictionary and
//! numbers the facet values. Reading files and metadata is `ingest`'s job,
//! corpus-wide products (related documents) are `compare`'s: the builder
//! knows only the index.

use super::aliases::Alias;
use super::codec::GrowingList;
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
    /// Body lists by term number, in their file's form as they grow.
    body: Vec<GrowingList>,
    /// Title lists of the terms titles have, by term number (few: a
    /// title is a few words, and most terms are in no title).
    title: rustc_hash::FxHashMap<u32, Postings>,
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
                let i = self.body.len() as u32;
                self.body.push(GrowingList::default());
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
                self.body[id as usize].push(n, &grouped.positions[grouped.starts[l] as usize..grouped.starts[l + 1] as usize]);
                id
            })
            .collect();
        let terms = grouped.of_token.iter().map(|&l| ids[l as usize]).collect();
        self.index.body_len.push(tokens.last().map_or(0, |t| t.pos + 1));
        let mut title_len = 0;
        for_each_token(&doc.meta.title, |t| {
            let id = self.intern(&t.term);
            self.title.entry(id).or_default().push(n, t.pos);
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

    /// The finished index: dictionary sorted, lists written in that order
    /// (read as an index file's are: the work after the build reads them
    /// the way the page does), facet values numbered.
    /// Related documents are left empty for the caller to fill, which cuts
    /// the texts into chunks ([`Index::set_related`]: a chunk file carries
    /// its documents' related ones, so cutting them here too encoded, and
    /// read back from the build's spill file, every text twice).
    pub fn finish(mut self) -> Index {
        let mut sorted: Vec<(String, u32)> = self.ids.into_iter().collect();
        crate::order::sort_by(&mut sorted, |a, b| a.0.cmp(&b.0));
        let idx = &mut self.index;
        // (Sized at once: a doubling buffer held up to twice the lists while it grew.)
        let (mut lens, mut bytes) = (Vec::with_capacity(sorted.len()), Vec::with_capacity(self.body.iter().map(GrowingList::size_bound).sum()));
        let mut terms = Vec::with_capacity(sorted.len());
        for (term, id) in sorted {
            // Each list is let go once written: the lists move, they are not held twice.
            let body = std::mem::take(&mut self.body[id as usize]);
            let at = bytes.len();
            body.write(&mut bytes);
            lens.push((bytes.len() - at) as u32);
            terms.push(term);
            if let Some(title) = self.title.remove(&id) {
                idx.title.push(terms.len() as u32 - 1, title);
            }
        }
        idx.body = super::lists::Lists::built(lens, bytes);
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::analysis::tokenize;
    use crate::index::lists::tests::decoded;
    use crate::index::Index;
    use crate::ingest::Source;

    const WORDS: [&str; 6] = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot"];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// The lists, written as the build goes in their file's form, hold
        /// each word's documents and positions as the texts' own tokens
        /// have them. Around the random documents, numbers that take more
        /// than one byte: a word in 150 places of one document, 200
        /// documents without it, positions past 127.
        #[test]
        fn every_list_holds_each_words_documents_and_positions(random in prop::collection::vec(prop::collection::vec(0..WORDS.len() + 2, 0..200), 0..60)) {
            let mut texts = vec![format!("zulu {}", vec!["alpha"; 150].join(" "))];
            texts.extend((0..200).map(|_| "zulu".to_string()));
            texts.extend(random.iter().map(|words| {
                // (2 of every 8 picks are a word that is in every document.)
                let words: Vec<&str> = words.iter().map(|&w| WORDS.get(w).copied().unwrap_or("zulu")).collect();
                format!("zulu {}", words.join(" "))
            }));
            texts.push("zulu alpha foxtrot".to_string());
            let index = Index::build(texts.iter().enumerate().map(|(d, t)| Source::new(format!("d{d}"), t.clone())).collect());
            let lists = decoded(&index);
            for word in WORDS.iter().chain(&["zulu"]) {
                let Some(term) = index.term_id(word) else {
                    prop_assert!(texts.iter().all(|t| tokenize(t).iter().all(|x| x.term != *word)), "{} is in a text but not in the index", word);
                    continue;
                };
                let mut docs = Vec::new();
                for (d, text) in texts.iter().enumerate() {
                    let places: Vec<u32> = tokenize(text).into_iter().filter(|t| t.term == *word).map(|t| t.pos).collect();
                    if !places.is_empty() {
                        docs.push(d as u32);
                        prop_assert_eq!(&*lists[term].positions_in(d as u32), &places[..], "{} in document {}", word, d);
                    }
                }
                prop_assert_eq!(&lists[term].docs, &docs, "{}'s documents", word);
            }
        }
    }
}
