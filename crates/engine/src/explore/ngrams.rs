//! N-grams (AntConc's "clusters"): recurring sequences of n words, either
//! those that hold a match of the query or, without a query, all of them.
//! A sequence does not run across a sentence end (`.`, `!`, `?`, `;`, `:`)
//! or a line break: "… in Iraq. The camp" is not a phrase anyone wrote.

use std::collections::HashMap;

use super::forward::{Counting, Forward, NONE};
use super::match_spans;
use crate::index::Index;
use crate::query::Plan;

pub const DEFAULT_N: usize = 3;
pub const MIN_N: usize = 2;
pub const MAX_N: usize = 5;
/// Default least frequency for an n-gram to be listed.
pub const MIN: u32 = 2;
/// Words read at most for all the n-grams of a set without a query; the
/// count says how many documents that covered.
pub const MAX_WORDS: u64 = 1_000_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ngram {
    /// Its words (folded), separated by single spaces.
    pub words: String,
    pub frequency: u32,
    /// Documents it occurs in.
    pub documents: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ngrams {
    pub n: usize,
    /// Met at least `min` times, most frequent first, then in word order.
    pub rows: Vec<Ngram>,
    /// Documents read (fewer than given when [`MAX_WORDS`] was reached).
    pub documents_read: usize,
}

/// An n-gram as term numbers, padded.
type Key = [u32; MAX_N];

/// A quick hash for n-gram keys (term numbers are already well spread):
/// FxHash's multiply-rotate, several times faster than the default SipHash
/// on millions of keys; no attacker chooses these keys.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(4) {
            let mut word = [0u8; 4];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u32(u32::from_le_bytes(word));
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Counts = HashMap<Key, (u32, u32, u32), std::hash::BuildHasherDefault<KeyHasher>>;

/// The n-grams of `docs` holding a whole match of `plan` (all n-grams
/// when the plan is empty), met at least `min` times. Words and sentence
/// ends come from the forward index.
/// `counting` says whether the forms of a stem count as one word (an
/// n-gram is then shown with each word's most frequent form).
pub fn ngrams(index: &Index, forward: &Forward, counting: Counting, docs: &[u32], plan: &Plan, n: usize, min: u32) -> Ngrams {
    let n = n.clamp(MIN_N, MAX_N);
    let mut counts = Counts::default(); // (frequency, documents, last doc + 1)
    let mut out = Ngrams { n, ..Ngrams::default() };
    let mut read = 0u64;
    for &doc in docs {
        if doc as usize >= index.len() {
            continue;
        }
        let terms = forward.terms(doc);
        let len = terms.len() as u32;
        let mut add = |at: u32| {
            let mut key = [NONE; MAX_N];
            for (k, &t) in key.iter_mut().zip(&terms[at as usize..at as usize + n]) {
                *k = counting.class(t);
            }
            let e = counts.entry(key).or_insert((0, 0, 0));
            e.0 += 1;
            if e.2 != doc + 1 {
                e.1 += 1;
                e.2 = doc + 1;
            }
        };
        let whole = |at: u32| (at + 1..at + n as u32).all(|i| !forward.break_before(index, doc, i));
        if plan.matchers.is_empty() {
            if read >= MAX_WORDS {
                break;
            }
            read += len as u64;
            // Where the current run of words without a sentence end began.
            let mut run = 0;
            for i in 0..len {
                if forward.break_before(index, doc, i) {
                    run = i;
                }
                if i + 1 >= run + n as u32 {
                    add(i + 1 - n as u32);
                }
            }
        } else {
            // Every start whose n tokens hold a whole match, once each.
            let mut starts: Vec<u32> = match_spans(index, doc, plan)
                .into_iter()
                .filter(|s| s.len() <= n && len >= n as u32)
                .flat_map(|s| s.end.saturating_sub(n as u32)..=s.start.min(len - n as u32))
                .collect();
            crate::order::sort(&mut starts);
            starts.dedup();
            for s in starts {
                if whole(s) {
                    add(s);
                }
            }
        }
        out.documents_read += 1;
    }
    let word = |class: u32| index.terms().get(counting.name(class) as usize).map_or("", String::as_str);
    out.rows = counts
        .into_iter()
        .filter(|(_, (f, _, _))| *f >= min.max(1))
        .map(|(key, (frequency, documents, _))| Ngram { words: key[..n].iter().map(|&id| word(id)).collect::<Vec<_>>().join(" "), frequency, documents })
        .collect();
    crate::order::sort_by(&mut out.rows, |a, b| b.frequency.cmp(&a.frequency).then_with(|| a.words.cmp(&b.words)));
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::analysis::tokenize;
    use crate::ingest::Source;
    use crate::query::search;

    fn index(texts: &[String]) -> Index {
        Index::build(texts.iter().enumerate().map(|(i, t)| Source::new(format!("d{i}"), t)).collect())
    }

    fn table(g: &Ngrams) -> Vec<(&str, u32, u32)> {
        g.rows.iter().map(|r| (r.words.as_str(), r.frequency, r.documents)).collect()
    }

    #[test]
    fn ngrams_hold_the_match_and_stop_at_sentence_ends() {
        let idx = index(&["Camp Ashraf in Iraq. Camp Ashraf in Diyala".into(), "near Camp Ashraf in".into()]);
        let r = search(&idx, "\"camp\"");
        let g = ngrams(&idx, &Forward::new(&idx), Counting::Forms, &[0, 1], &r.plan, 3, 1);
        // "iraq camp ashraf" crosses a full stop: not an n-gram.
        assert_eq!(table(&g), [("camp ashraf in", 3, 2), ("near camp ashraf", 1, 1)]);
        let g = ngrams(&idx, &Forward::new(&idx), Counting::Forms, &[0, 1], &r.plan, 3, 2);
        assert_eq!(table(&g), [("camp ashraf in", 3, 2)]);
        // A phrase longer than n holds no n-gram.
        let r = search(&idx, "\"camp ashraf in\"");
        assert!(ngrams(&idx, &Forward::new(&idx), Counting::Forms, &[0, 1], &r.plan, 2, 1).rows.is_empty());
    }

    #[test]
    fn without_a_query_every_ngram_counts() {
        let idx = index(&["a b a b".into(), "a b".into()]);
        let g = ngrams(&idx, &Forward::new(&idx), Counting::Forms, &[0, 1], &Plan::default(), 2, 1);
        assert_eq!(table(&g), [("a b", 3, 2), ("b a", 1, 1)]);
        assert_eq!(g.documents_read, 2);
    }

    /// Brute force over whole texts: every n-gram of consecutive tokens
    /// with no sentence end inside, holding the word when one is given.
    fn brute(texts: &[String], n: usize, word: Option<&str>) -> Vec<(String, u32, u32)> {
        let mut counts: HashMap<String, (u32, std::collections::BTreeSet<usize>)> = HashMap::new();
        for (d, t) in texts.iter().enumerate() {
            let toks = tokenize(t);
            for w in toks.windows(n) {
                // Overlapping tokens (character pairs) have nothing between them.
                if w.windows(2).any(|p| p[0].end < p[1].start && t[p[0].end..p[1].start].contains(['.', '!', '?', ';', ':', '\n'])) {
                    continue;
                }
                if word.is_some_and(|x| !w.iter().any(|t| t.term == x)) {
                    continue;
                }
                let e = counts.entry(w.iter().map(|t| t.term.clone()).collect::<Vec<_>>().join(" ")).or_default();
                e.0 += 1;
                e.1.insert(d);
            }
        }
        let mut v: Vec<(String, u32, u32)> = counts.into_iter().map(|(k, (f, d))| (k, f, d.len() as u32)).collect();
        v.sort();
        v
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn counts_equal_a_brute_force_scan(
            docs in prop::collection::vec(prop::collection::vec(prop::sample::select(vec!["camp", "ashraf", "Camp.", "iraq;", "x:", "why?", "al-Maliki", "U.S.", "x", "\n", "東京都に住む", "北"]), 0..200), 1..4),
            n in 2usize..6,
        ) {
            let texts: Vec<String> = docs.iter().map(|w| w.join(" ")).collect();
            let idx = index(&texts);
            let all: Vec<u32> = (0..texts.len() as u32).collect();
            for (q, word) in [("\"camp\"", Some("camp")), ("", None)] {
                let r = search(&idx, q);
                let mut ours: Vec<(String, u32, u32)> = ngrams(&idx, &Forward::new(&idx), Counting::Forms, &all, &r.plan, n, 1).rows.into_iter().map(|g| (g.words, g.frequency, g.documents)).collect();
                ours.sort();
                prop_assert_eq!(ours, brute(&texts, n, word));
            }
        }
    }
}
