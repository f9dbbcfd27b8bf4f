//! Keywords (keyness): the words a target set of documents uses more, or
//! less, than a reference set, with Dunning's log-likelihood for how sure
//! the difference is and log ratio and %DIFF for how large it is (the
//! practice of Rayson & Garside 2000, Gabrielatos & Marchi 2011, Hardie 2014).

use super::forward::{Counting, Forward};
use super::stats::{log_ratio, percent_diff, Table};
use crate::index::Index;

/// Default least number of occurrences (target and reference together).
pub const MIN: u32 = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    /// Term number; its word is `index.terms()[term]`.
    pub term: u32,
    /// a: occurrences in the target.
    pub target: u32,
    /// b: occurrences in the reference.
    pub reference: u32,
    /// Signed G²: positive when the target uses the word more.
    pub log_likelihood: f64,
    pub log_ratio: f64,
    pub percent_diff: f64,
    /// Target documents that use the word.
    pub documents: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keyness {
    /// c: words in the target.
    pub target_words: u64,
    /// d: words in the reference.
    pub reference_words: u64,
    pub target_docs: usize,
    pub reference_docs: usize,
    /// Every word met at least `min` times in both sets together, by signed
    /// log-likelihood, most key first (the negative keywords at the end).
    pub rows: Vec<Keyword>,
}

/// Keywords of `target` against `reference` (a document in both is counted
/// in the target only). Words met fewer than `min` times are left out.
/// Reads the two sets' words from the forward index: the cost follows
/// their size, not the dictionary's.
/// `counting` says whether the forms of a stem count as one word (a row's
/// `term` then names the class by its most frequent form).
pub fn keyness(index: &Index, forward: &Forward, counting: Counting, target: &[u32], reference: &[u32], min: u32) -> Keyness {
    // 0: neither, 1: target, 2: reference.
    let mut side = vec![0u8; index.len()];
    for &d in reference {
        if let Some(s) = side.get_mut(d as usize) {
            *s = 2;
        }
    }
    for &d in target {
        if let Some(s) = side.get_mut(d as usize) {
            *s = 1;
        }
    }
    let mut out = Keyness::default();
    for (d, &s) in side.iter().enumerate() {
        let words = forward.terms(d as u32).len() as u64;
        match s {
            1 => (out.target_docs, out.target_words) = (out.target_docs + 1, out.target_words + words),
            2 => (out.reference_docs, out.reference_words) = (out.reference_docs + 1, out.reference_words + words),
            _ => {}
        }
    }
    if out.target_words == 0 || out.reference_words == 0 {
        return out;
    }
    let terms = counting.len(index);
    // Per term: target count, reference count, target documents, last target document + 1.
    let (mut a, mut b, mut documents, mut last) = (vec![0u32; terms], vec![0u32; terms], vec![0u32; terms], vec![0u32; terms]);
    let mut met: Vec<u32> = Vec::new();
    // When the reference is the rest of the corpus, one side's counts are
    // the corpus frequency less the other's: only the target is read.
    let complement = side.iter().all(|&s| s != 0);
    for (d, &s) in side.iter().enumerate() {
        if s == 0 || (complement && s == 2) {
            continue;
        }
        for &t in forward.terms(d as u32) {
            let t = counting.class(t) as usize;
            if t >= terms {
                continue;
            }
            if a[t] == 0 && b[t] == 0 {
                met.push(t as u32);
            }
            if s == 1 {
                a[t] += 1;
                if last[t] != d as u32 + 1 {
                    last[t] = d as u32 + 1;
                    documents[t] += 1;
                }
            } else {
                b[t] += 1;
            }
        }
    }
    if complement {
        met.clear();
        for (t, bt) in b.iter_mut().enumerate() {
            *bt = forward.class_frequency(counting, t as u32) - a[t];
            if a[t] + *bt > 0 {
                met.push(t as u32);
            }
        }
    }
    let (c, d) = (out.target_words as f64, out.reference_words as f64);
    if c == 0.0 || d == 0.0 {
        return out;
    }
    for term in met {
        let t = term as usize;
        if a[t] + b[t] < min.max(1) {
            continue;
        }
        let (fa, fb) = (a[t] as f64, b[t] as f64);
        out.rows.push(Keyword {
            term: counting.name(term),
            target: a[t],
            reference: b[t],
            log_likelihood: Table::from_frequencies(fa, fb, c, d).log_likelihood(),
            log_ratio: log_ratio(fa, fb, c, d),
            percent_diff: percent_diff(fa, fb, c, d),
            documents: documents[t],
        });
    }
    crate::order::sort_by(&mut out.rows, |x, y| y.log_likelihood.total_cmp(&x.log_likelihood).then(x.term.cmp(&y.term)));
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::ingest::Source;

    fn index(texts: &[String]) -> Index {
        Index::build(texts.iter().enumerate().map(|(i, t)| Source::new(format!("d{i}"), t)).collect())
    }

    fn row<'a>(idx: &Index, k: &'a Keyness, word: &str) -> Option<&'a Keyword> {
        let id = idx.term_id(word)? as u32;
        k.rows.iter().find(|r| r.term == id)
    }

    #[test]
    fn counts_target_and_reference_apart() {
        let idx = index(&["camp camp camp iraq".into(), "camp paris paris paris".into(), "iraq".into()]);
        let k = keyness(&idx, &Forward::new(&idx), Counting::Forms, &[0], &[1, 2], 1);
        assert_eq!((k.target_words, k.reference_words, k.target_docs, k.reference_docs), (4, 5, 1, 2));
        let camp = row(&idx, &k, "camp").unwrap();
        assert_eq!((camp.target, camp.reference, camp.documents), (3, 1, 1));
        assert!(camp.log_likelihood > 0.0);
        let paris = row(&idx, &k, "paris").unwrap();
        assert!(paris.log_likelihood < 0.0);
        assert_eq!(paris.log_ratio, log_ratio(0.0, 3.0, 4.0, 5.0));
        // The order is by signed log-likelihood.
        assert!(k.rows.windows(2).all(|w| w[0].log_likelihood >= w[1].log_likelihood));
        // A document in both sets counts in the target only.
        let both = keyness(&idx, &Forward::new(&idx), Counting::Forms, &[0, 1], &[1, 2], 1);
        assert_eq!((both.target_docs, both.reference_docs), (2, 1));
        // Counting stems: camp and camps are one row, named by the more frequent.
        let idx2 = index(&["camps camps camps iraq".into(), "camp paris".into()]);
        let fwd = Forward::new(&idx2);
        let k = keyness(&idx2, &fwd, Counting::Stems(fwd.stems(&idx2)), &[0], &[1], 1);
        let camps = k.rows.iter().find(|r| idx2.terms()[r.term as usize] == "camps").unwrap();
        assert_eq!((camps.target, camps.reference), (3, 1));
        assert!(!k.rows.iter().any(|r| idx2.terms()[r.term as usize] == "camp"));
        // Nothing to compare against: no rows.
        assert!(keyness(&idx, &Forward::new(&idx), Counting::Forms, &[0, 1, 2], &[], 1).rows.is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Swapping target and reference mirrors every row: counts trade
        /// places, log-likelihood and log ratio change sign.
        #[test]
        fn keyness_is_antisymmetric(
            docs in prop::collection::vec(prop::collection::vec(prop::sample::select(vec!["camp", "ashraf", "the", "iraq", "paris", "x"]), 1..60), 2..6),
            split in 1usize..5,
        ) {
            let texts: Vec<String> = docs.iter().map(|w| w.join(" ")).collect();
            let idx = index(&texts);
            let split = split.min(texts.len() - 1);
            let (t, r): (Vec<u32>, Vec<u32>) = ((0..split as u32).collect(), (split as u32..texts.len() as u32).collect());
            let there = keyness(&idx, &Forward::new(&idx), Counting::Forms, &t, &r, 1);
            let back = keyness(&idx, &Forward::new(&idx), Counting::Forms, &r, &t, 1);
            prop_assert_eq!(there.rows.len(), back.rows.len());
            for a in &there.rows {
                let b = back.rows.iter().find(|b| b.term == a.term).unwrap();
                prop_assert_eq!((a.target, a.reference), (b.reference, b.target));
                prop_assert!((a.log_likelihood + b.log_likelihood).abs() < 1e-9);
                prop_assert!((a.log_ratio + b.log_ratio).abs() < 1e-9);
            }
            // Counts equal a scan of the texts, with the reference the rest
            // of the corpus and with a document left out of both.
            let count = |word: &str, docs: &[u32]| docs.iter().map(|&d| crate::analysis::tokenize(&texts[d as usize]).iter().filter(|t| t.term == word).count() as u32).sum::<u32>();
            for a in &there.rows {
                let word = &idx.terms()[a.term as usize];
                prop_assert_eq!((a.target, a.reference), (count(word, &t), count(word, &r)));
            }
            let fewer = keyness(&idx, &Forward::new(&idx), Counting::Forms, &t, &r[1..], 1);
            for a in &fewer.rows {
                let word = &idx.terms()[a.term as usize];
                prop_assert_eq!((a.target, a.reference), (count(word, &t), count(word, &r[1..])));
            }
            let listed = |k: &Keyness| k.rows.len();
            // Every word either set uses is a row (nothing to compare against: none).
            let expected = if r.len() > 1 { idx.terms().iter().filter(|w| count(w, &t) + count(w, &r[1..]) > 0).count() } else { 0 };
            prop_assert_eq!(listed(&fewer), expected);
        }
    }
}
