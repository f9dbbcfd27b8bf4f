//! Collocates: the words within a window around each match of a query, in
//! a set of documents, with the association measures of [`super::stats`].
//! The counting follows the usual window-based design (Evert 2008): a word
//! in the windows of two matches counts twice, windows stop at the edges of
//! their document, and the match's own tokens are not in its window.

use super::forward::{Counting, Forward};
use super::match_spans;
use super::stats::{log_dice, mutual_information, t_score, Table};
use crate::index::{Field, Index};
use crate::query::Plan;

/// Default span: five words on each side, as AntConc and Sketch Engine start.
pub const WINDOW: (u32, u32) = (5, 5);
/// Widest window on one side.
pub const MAX_WINDOW: u32 = 20;
/// Default least number of co-occurrences for a word to be listed.
pub const MIN: u32 = 2;

#[derive(Debug, Clone, PartialEq)]
pub struct Collocate {
    /// The word as indexed (folded).
    pub word: String,
    /// O11: occurrences inside the windows.
    pub together: u32,
    /// C1: occurrences in the documents.
    pub frequency: u32,
    /// Signed G², negative when the word is rarer near the match than elsewhere.
    pub log_likelihood: f64,
    pub mi: Option<f64>,
    pub t_score: Option<f64>,
    pub log_dice: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Collocates {
    /// f(node): the matches.
    pub node: u32,
    /// R1: window slots, summed over the matches.
    pub slots: u64,
    /// N: words in the documents.
    pub words: u64,
    pub window: (u32, u32),
    /// Words met at least `min` times in the windows, by log-likelihood, strongest first.
    pub rows: Vec<Collocate>,
}

/// The collocates of `plan`'s matches in `docs`, `window` = (left, right)
/// words, words met fewer than `min` times left out.
/// `counting` says whether the forms of a stem count as one word.
pub fn collocates(index: &Index, forward: &Forward, counting: Counting, docs: &[u32], plan: &Plan, window: (u32, u32), min: u32) -> Collocates {
    let (left, right) = (window.0.min(MAX_WINDOW), window.1.min(MAX_WINDOW));
    let mut out = Collocates { window: (left, right), ..Collocates::default() };
    let mut member = vec![false; index.len()];
    // Co-occurrences per term number, and the terms met (to read them back without a scan).
    let mut together = vec![0u32; counting.len(index)];
    let mut met: Vec<u32> = Vec::new();
    for &doc in docs {
        let Some(m) = member.get_mut(doc as usize) else { continue };
        if std::mem::replace(m, true) {
            continue;
        }
        let terms = forward.terms(doc);
        out.words += terms.len() as u64;
        let spans = match_spans(index, doc, plan);
        out.node += spans.len() as u32;
        for s in spans {
            let (l, r) = (s.start.saturating_sub(left) as usize..s.start as usize, s.end as usize..(s.end + right) as usize);
            for w in [l, r] {
                let w = w.start.min(terms.len())..w.end.min(terms.len());
                out.slots += w.len() as u64;
                for &t in &terms[w] {
                    let t = counting.class(t);
                    if let Some(n) = together.get_mut(t as usize) {
                        if *n == 0 {
                            met.push(t);
                        }
                        *n += 1;
                    }
                }
            }
        }
    }
    let all = member.iter().all(|&m| m);
    let (node, slots, n) = (out.node as f64, out.slots as f64, out.words as f64);
    out.rows = met
        .into_iter()
        .filter(|&t| together[t as usize] >= min.max(1))
        .map(|t| {
            let o11 = together[t as usize];
            let frequency =
                if all { forward.class_frequency(counting, t) } else { counting.members(t).into_iter().map(|m| frequency_in(index, m, &member)).sum() }
                    .max(o11);
            let (o, c1) = (o11 as f64, frequency as f64);
            let table = Table::from_margins(o, slots, c1, n);
            let e11 = table.e11();
            Collocate {
                log_likelihood: table.log_likelihood(),
                mi: mutual_information(o, e11),
                t_score: t_score(o, e11),
                log_dice: log_dice(o, node, c1),
                word: index.terms()[counting.name(t) as usize].clone(),
                together: o11,
                frequency,
            }
        })
        .collect();
    crate::order::sort_by(&mut out.rows, |a, b| b.log_likelihood.total_cmp(&a.log_likelihood).then_with(|| a.word.cmp(&b.word)));
    out
}

/// Occurrences of a term in the member documents.
fn frequency_in(index: &Index, term: u32, member: &[bool]) -> u32 {
    let p = index.postings(term as usize, Field::Body);
    p.docs.iter().enumerate().filter(|(_, &d)| member[d as usize]).map(|(i, _)| p.count(i) as u32).sum()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use std::collections::HashMap;

    use super::*;
    use crate::analysis::tokenize;
    use crate::ingest::Source;
    use crate::query::search;

    fn index(texts: &[String]) -> Index {
        Index::build(texts.iter().enumerate().map(|(i, t)| Source::new(format!("d{i}"), t)).collect())
    }

    fn row<'a>(c: &'a Collocates, word: &str) -> Option<&'a Collocate> {
        c.rows.iter().find(|r| r.word == word)
    }

    #[test]
    fn counts_windows_clipped_at_document_edges() {
        let idx = index(&["a b camp c d camp e".into(), "camp f".into(), "g h".into()]);
        let r = search(&idx, "\"camp\"");
        let c = collocates(&idx, &Forward::new(&idx), Counting::Forms, &[0, 1, 2], &r.plan, (2, 1), 1);
        assert_eq!((c.node, c.words), (3, 11));
        // Windows: [a b]+[c], [c d]+[e], []+[f]: 7 slots; c twice.
        assert_eq!(c.slots, 7);
        let cc = row(&c, "c").unwrap();
        assert_eq!((cc.together, cc.frequency), (2, 2));
        assert!(row(&c, "g").is_none());
        // Only the documents given count: without the third, N shrinks and g is gone from C1.
        let c2 = collocates(&idx, &Forward::new(&idx), Counting::Forms, &[0, 1], &r.plan, (2, 1), 1);
        assert_eq!(c2.words, 9);
    }

    #[test]
    fn measures_follow_the_contingency_table() {
        let idx = index(&["x camp y x camp y z z z z z z".into()]);
        let r = search(&idx, "\"camp\"");
        let c = collocates(&idx, &Forward::new(&idx), Counting::Forms, &[0], &r.plan, (1, 1), 1);
        let y = row(&c, "y").unwrap();
        // O11 = 2, R1 = 4, C1 = 2, N = 12: E11 = 4·2/12.
        let e11: f64 = 4.0 * 2.0 / 12.0;
        assert!((y.mi.unwrap() - (2.0 / e11).log2()).abs() < 1e-12);
        assert!((y.t_score.unwrap() - (2.0 - e11) / 2f64.sqrt()).abs() < 1e-12);
        assert!((y.log_dice.unwrap() - (14.0 + (4.0f64 / 4.0).log2())).abs() < 1e-12);
        assert!(y.log_likelihood > 0.0);
        assert!(row(&c, "z").is_none());
    }

    /// Brute force: tokenize every text whole, find the word's places, count its neighbours.
    fn brute(texts: &[String], word: &str, left: u32, right: u32) -> (u32, u64, HashMap<String, u32>) {
        let (mut node, mut slots, mut counts) = (0, 0, HashMap::new());
        for t in texts {
            let toks = tokenize(t);
            for (i, tok) in toks.iter().enumerate() {
                if tok.term != word {
                    continue;
                }
                node += 1;
                let from = i.saturating_sub(left as usize);
                let to = (i + 1 + right as usize).min(toks.len());
                for (j, other) in toks.iter().enumerate().take(to).skip(from) {
                    if j != i {
                        slots += 1;
                        *counts.entry(other.term.clone()).or_insert(0) += 1;
                    }
                }
            }
        }
        (node, slots, counts)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn counts_equal_a_brute_force_scan(
            docs in prop::collection::vec(prop::collection::vec(prop::sample::select(vec!["camp", "ashraf", "the", "Camp", "iraq", "al-Maliki", "U.S.", "x", "\n"]), 0..300), 1..5),
            left in 0u32..6, right in 0u32..6,
        ) {
            let texts: Vec<String> = docs.iter().map(|w| w.join(" ")).collect();
            let idx = index(&texts);
            let r = search(&idx, "\"camp\"");
            let all: Vec<u32> = (0..texts.len() as u32).collect();
            let c = collocates(&idx, &Forward::new(&idx), Counting::Forms, &all, &r.plan, (left, right), 1);
            let (node, slots, counts) = brute(&texts, "camp", left, right);
            prop_assert_eq!((c.node, c.slots), (node, slots));
            let mut ours: Vec<(String, u32)> = c.rows.iter().map(|r| (r.word.clone(), r.together)).collect();
            let mut theirs: Vec<(String, u32)> = counts.into_iter().collect();
            ours.sort();
            theirs.sort();
            prop_assert_eq!(ours, theirs);
        }
    }
}
