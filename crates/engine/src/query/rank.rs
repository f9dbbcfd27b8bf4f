//! Ranking: BM25 (k1 1.2, b 0.75) summed over every positive word or
//! phrase of the plan, title matches boosted; ties in document order so
//! equal queries give equal pages.

use super::eval::{fields, phrase_starts};
use super::Plan;
use crate::index::{Field, Index};
use super::Hit;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A word in the title counts this much more than one in the text.
const TITLE_BOOST: f32 = 2.0;

/// BM25 over every positive word or phrase, title matches boosted; best first, ties
/// broken by document order so equal queries give equal pages.
pub fn rank(index: &Index, plan: &Plan, docs: &[u32]) -> Vec<Hit> {
    let n = index.len() as f32;
    let mut scores = vec![0f32; index.len()];
    let mut member = vec![false; index.len()];
    for &d in docs {
        member[d as usize] = true;
    }
    let idf_of = |df: f32| (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    for matcher in &plan.matchers {
        // A phrase scores as one term (as tantivy and Lucene do): its
        // occurrences are the term frequency, its words' idfs add up.
        if matcher.words.len() > 1 {
            for &field in fields(matcher.scope) {
                let boost = if field == Field::Title { TITLE_BOOST } else { 1.0 };
                let idf: f32 = matcher
                    .words
                    .iter()
                    .map(|w| w.terms.iter().map(|&(t, weight)| weight * idf_of(index.postings(t, field).len() as f32)).fold(0.0, f32::max))
                    .sum();
                let avg = index.avg_field_len(field);
                for &d in docs {
                    let tf = phrase_starts(index, field, &matcher.words, d).len() as f32;
                    if tf > 0.0 {
                        let len = index.field_len(d, field) as f32;
                        scores[d as usize] += boost * idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg));
                    }
                }
            }
            continue;
        }
        for word in &matcher.words {
            for &(term, weight) in &word.terms {
                for &field in fields(matcher.scope) {
                    let boost = if field == Field::Title { TITLE_BOOST } else { 1.0 };
                    let postings = index.postings(term, field);
                    let idf = idf_of(postings.len() as f32);
                    let avg = index.avg_field_len(field);
                    for (i, &d) in postings.docs.iter().enumerate() {
                        if !member[d as usize] {
                            continue;
                        }
                        let tf = postings.positions(i).len() as f32;
                        let len = index.field_len(d, field) as f32;
                        let part = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg));
                        scores[d as usize] += boost * weight * idf * part;
                    }
                }
            }
        }
    }
    let mut hits: Vec<Hit> = docs.iter().map(|&doc| Hit { doc, score: scores[doc as usize] }).collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
    hits
}

