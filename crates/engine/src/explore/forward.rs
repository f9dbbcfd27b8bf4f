//! The forward index: each document's terms in text order, by position —
//! the postings turned inside out. The analyses read windows, runs and whole
//! documents as term numbers from it instead of tokenising texts again: on
//! the Linux docs (3,183 documents, 4 M words) the collocates of "the"
//! (197,630 matches) took 2.9 s re-tokenising and take milliseconds here.
//! Built once, the first time an analysis asks (about 4 bytes a word).
//!
//! It also knows, per document, where sentences end (a bit per word: is
//! there a `.` `!` `?` `;` `:` or a line break before it?), for the
//! n-grams, which do not run across them. Those bits need the token bounds,
//! which only tokenising the text gives (about 1 s for the Linux docs' 24 MB),
//! so each document's are found the first time an n-gram asks, and kept.

use std::sync::OnceLock;

use crate::index::{Field, Index};

/// A position no term was found at (cannot happen for an index built by
/// this crate; kept so a damaged index reads as gaps, not as a panic).
pub const NONE: u32 = u32::MAX;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forward {
    docs: Vec<Vec<u32>>,
    /// Each term's occurrences in the whole corpus.
    frequency: Vec<u32>,
    /// Per document, bit `i` set when a sentence or a line ends before word `i`.
    breaks: Vec<OnceLock<Vec<u64>>>,
    /// The terms grouped by stem, made the first time an analysis counts stems.
    stems: OnceLock<Classes>,
}

/// Terms grouped into classes that an analysis counts as one word: the
/// forms of a stem (`camp`, `camps`, `camping`), in the corpus' language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Classes {
    /// Each term's class.
    pub of: Vec<u32>,
    /// Each class's terms; the first is its most frequent form, which names it.
    pub members: Vec<Vec<u32>>,
    /// Each class's occurrences in the whole corpus.
    pub frequency: Vec<u32>,
}

impl Classes {
    /// The term that names a class: its most frequent form.
    pub fn name(&self, class: u32) -> u32 {
        self.members[class as usize][0]
    }
}

/// How an analysis counts words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting<'a> {
    /// Each form apart (the default).
    Forms,
    /// The forms of a stem together.
    Stems(&'a Classes),
}

impl Counting<'_> {
    /// The class a term is counted in (the term itself when counting forms).
    pub fn class(&self, term: u32) -> u32 {
        match self {
            Counting::Forms => term,
            Counting::Stems(c) => c.of.get(term as usize).copied().unwrap_or(term),
        }
    }

    /// How many classes there are.
    pub fn len(&self, index: &Index) -> usize {
        match self {
            Counting::Forms => index.term_count(),
            Counting::Stems(c) => c.members.len(),
        }
    }

    pub fn is_empty(&self, index: &Index) -> bool {
        self.len(index) == 0
    }

    /// The term that names a class.
    pub fn name(&self, class: u32) -> u32 {
        match self {
            Counting::Forms => class,
            Counting::Stems(c) => c.name(class),
        }
    }

    /// The terms of a class.
    pub fn members(&self, class: u32) -> Vec<u32> {
        match self {
            Counting::Forms => vec![class],
            Counting::Stems(c) => c.members.get(class as usize).cloned().unwrap_or_default(),
        }
    }
}

impl Forward {
    pub fn new(index: &Index) -> Forward {
        let mut docs: Vec<Vec<u32>> = (0..index.len() as u32).map(|d| vec![NONE; index.body_len(d) as usize]).collect();
        let mut frequency = vec![0u32; index.term_count()];
        for (term, f) in frequency.iter_mut().enumerate() {
            let p = index.postings(term, Field::Body);
            for (i, &doc) in p.docs.iter().enumerate() {
                let positions = p.positions(i);
                *f += positions.len() as u32;
                let slots = &mut docs[doc as usize];
                for &pos in positions {
                    if let Some(s) = slots.get_mut(pos as usize) {
                        *s = term as u32;
                    }
                }
            }
        }
        Forward { breaks: docs.iter().map(|_| OnceLock::new()).collect(), docs, frequency, stems: OnceLock::new() }
    }

    /// The terms grouped by their stem in the corpus' language (each term
    /// its own class when stemming is off).
    pub fn stems(&self, index: &Index) -> &Classes {
        self.stems.get_or_init(|| {
            let mut by_stem: std::collections::HashMap<String, u32> = Default::default();
            let mut classes = Classes::default();
            for (term, word) in index.terms().iter().enumerate() {
                let stem = index.language.stem(word).into_owned();
                let next = classes.members.len() as u32;
                let class = *by_stem.entry(stem).or_insert(next);
                if class == next {
                    classes.members.push(Vec::new());
                    classes.frequency.push(0);
                }
                classes.of.push(class);
                classes.members[class as usize].push(term as u32);
                classes.frequency[class as usize] += self.frequency(term as u32);
            }
            for m in &mut classes.members {
                // Most frequent form first; equal ones in dictionary order.
                crate::order::sort_by(m, |&a, &b| self.frequency(b).cmp(&self.frequency(a)).then(a.cmp(&b)));
            }
            classes
        })
    }

    /// A class's occurrences in the whole corpus.
    pub fn class_frequency(&self, counting: Counting, class: u32) -> u32 {
        match counting {
            Counting::Forms => self.frequency(class),
            Counting::Stems(c) => c.frequency.get(class as usize).copied().unwrap_or(0),
        }
    }

    /// Whether a sentence or a line ends between words `i - 1` and `i` of
    /// the document (never before the first word).
    pub fn break_before(&self, index: &Index, doc: u32, i: u32) -> bool {
        let Some(cell) = self.breaks.get(doc as usize) else { return false };
        let bits = cell.get_or_init(|| {
            // (A text not yet known has no sentence ends: the page fetches
            // the texts of the documents an analysis counts first.)
            let text = index.text(doc).unwrap_or_default();
            let bounds = crate::analysis::token_bounds(&text);
            let mut bits = vec![0u64; bounds.len().div_ceil(64)];
            for (i, w) in bounds.windows(2).enumerate() {
                // Tokens can overlap (pairs of Chinese characters): then nothing is between them.
                let (end, start) = (w[0].1, w[1].0);
                if end < start && text.get(end..start).is_some_and(|gap| gap.contains(['.', '!', '?', ';', ':', '\n'])) {
                    bits[(i + 1) / 64] |= 1 << ((i + 1) % 64);
                }
            }
            bits
        });
        bits.get(i as usize / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
    }

    /// The document's term numbers, index = position.
    pub fn terms(&self, doc: u32) -> &[u32] {
        self.docs.get(doc as usize).map_or(&[], Vec::as_slice)
    }

    /// The term's occurrences in the whole corpus.
    pub fn frequency(&self, term: u32) -> u32 {
        self.frequency.get(term as usize).copied().unwrap_or(0)
    }

    /// Words held, for the memory it takes (4 bytes each).
    pub fn words(&self) -> usize {
        self.docs.iter().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::analysis::tokenize;
    use crate::ingest::Source;

    #[test]
    fn stems_group_forms_named_by_the_most_frequent() {
        let idx = Index::build(vec![Source::new("a", "camps camps camp camped iraq"), Source::new("b", "camps negotiations negotiate")]);
        let fwd = Forward::new(&idx);
        let classes = fwd.stems(&idx);
        let id = |w: &str| idx.term_id(w).unwrap() as u32;
        let camp = classes.of[id("camp") as usize];
        assert_eq!(classes.of[id("camps") as usize], camp);
        assert_eq!(classes.of[id("camped") as usize], camp);
        assert_ne!(classes.of[id("iraq") as usize], camp);
        assert_eq!(classes.of[id("negotiations") as usize], classes.of[id("negotiate") as usize]);
        assert_eq!(classes.name(camp), id("camps"), "named by its most frequent form");
        assert_eq!(fwd.class_frequency(Counting::Stems(classes), camp), 5);
        assert_eq!(Counting::Stems(classes).members(camp).len(), 3);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Reading the forward index gives the terms of tokenising the text.
        #[test]
        fn forward_terms_equal_the_tokens(
            docs in prop::collection::vec(prop::collection::vec(prop::sample::select(vec!["al-Maliki", "U.S.", "3,000", "MKO’s", "won't", "مجاهدین", "e\u{301}te", "x", "--", "\n", "Camp", "東京都に住む", "北", "l’accesso"]), 0..120), 1..4),
        ) {
            let texts: Vec<String> = docs.iter().map(|w| w.join(" ")).collect();
            let idx = Index::build(texts.iter().enumerate().map(|(i, t)| Source::new(format!("d{i}"), t)).collect());
            let fwd = Forward::new(&idx);
            for (d, t) in texts.iter().enumerate() {
                let ours: Vec<&str> = fwd.terms(d as u32).iter().map(|&id| idx.terms()[id as usize].as_str()).collect();
                let theirs: Vec<String> = tokenize(t).into_iter().map(|t| t.term).collect();
                prop_assert_eq!(ours, theirs);
            }
        }
    }
}
