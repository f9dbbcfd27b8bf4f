//! TF-IDF: how alike documents are (cosine), which terms one document has
//! that others lack, and which they share. Vectors are built from the
//! postings, so no text is tokenised again.

use crate::index::{Field, Index};

/// `(term id, weight)`, sorted by term id, unit length. (A `u32` id: the
/// build holds every document's vector at once, 16 bytes an entry with a
/// `usize` natively where 8 do.)
pub type Vector = Vec<(u32, f32)>;

/// TF-IDF vector of each of `docs` (log-scaled term frequency × idf).
pub fn vectors(index: &Index, docs: &[u32]) -> Vec<Vector> {
    let n = index.len() as f32;
    let mut out: Vec<Vector> = vec![Vec::new(); docs.len()];
    let mut slot = vec![usize::MAX; index.len()];
    for (k, &d) in docs.iter().enumerate().rev() {
        if let Some(s) = slot.get_mut(d as usize) {
            *s = k;
        }
    }
    for term in 0..index.term_count() {
        let p = index.postings(term, Field::Body);
        let idf = (n / p.len() as f32).ln();
        if idf <= 0.0 {
            continue; // in every document: says nothing about any of them
        }
        // Walk whichever list is shorter: probing every document per term
        // is quadratic when the set is the whole corpus.
        if docs.len() > p.len() {
            for (i, &d) in p.docs.iter().enumerate() {
                if let Some(&k) = slot.get(d as usize).filter(|&&k| k != usize::MAX) {
                    out[k].push((term as u32, (1.0 + (p.count(i) as f32).ln()) * idf));
                }
            }
        } else {
            for (k, &d) in docs.iter().enumerate() {
                let tf = p.count_in(d);
                if tf > 0 {
                    out[k].push((term as u32, (1.0 + (tf as f32).ln()) * idf));
                }
            }
        }
    }
    for k in 0..docs.len() {
        let first = slot.get(docs[k] as usize).copied().unwrap_or(k);
        if first != k && first != usize::MAX {
            out[k] = out[first].clone();
        }
    }
    for v in &mut out {
        v.shrink_to_fit();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
    }
    out
}

/// Cosine of two unit vectors.
pub fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Terms of a document used to find its neighbours: its heaviest ones.
#[cfg(feature = "ingest")]
const PROBE_TERMS: usize = 40;
/// Documents walked per probe term, those where the term weighs most: a
/// term in thousands of documents would make the walk quadratic in the
/// corpus (on 31,830 documents it took 25 s against 0.7 s for a tenth).
#[cfg(feature = "ingest")]
const PROBE_POSTINGS: usize = 256;

/// For each document, the `k` most similar others with their cosine, best
/// first. Candidates come from the postings of each document's heaviest
/// terms, each walked from the documents where it weighs most, so this is
/// not all-pairs. Build time only: documents are taken on every core, each
/// thread with its own score table.
#[cfg(feature = "ingest")]
pub fn most_similar(index: &Index, k: usize) -> Vec<Vec<(u32, f32)>> {
    let all: Vec<u32> = (0..index.len() as u32).collect();
    let vs = vectors(index, &all);
    // Per term, the documents where it weighs most, heaviest first: only
    // the first PROBE_POSTINGS are walked, so a list is cut back to them
    // whenever it holds twice as many. (Every term's whole list, held beside
    // the vectors, was the build's peak at 299,202 documents.) Each is sized
    // at once for what it will hold at most: grown by doubling, they held
    // up to twice their entries.
    let heaviest = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    let keep_heaviest = |list: &mut Vec<(u32, f32)>| {
        if list.len() > PROBE_POSTINGS {
            list.select_nth_unstable_by(PROBE_POSTINGS, heaviest);
            list.truncate(PROBE_POSTINGS);
        }
    };
    let mut lengths = vec![0usize; index.term_count()];
    for &(t, _) in vs.iter().flatten() {
        lengths[t as usize] += 1;
    }
    let mut inverted: Vec<Vec<(u32, f32)>> = lengths.into_iter().map(|n| Vec::with_capacity(n.min(2 * PROBE_POSTINGS))).collect();
    for (d, v) in vs.iter().enumerate() {
        for &(t, w) in v {
            let list = &mut inverted[t as usize];
            list.push((d as u32, w));
            if list.len() == 2 * PROBE_POSTINGS {
                keep_heaviest(list);
            }
        }
    }
    use rayon::prelude::*;
    inverted.par_iter_mut().for_each(|list| {
        keep_heaviest(list);
        crate::order::sort_by(list, heaviest);
        list.shrink_to_fit();
    });
    (0..vs.len())
        .into_par_iter()
        .map_init(
            || (vec![0f32; vs.len()], Vec::<u32>::new()),
            |(score, touched), d| {
                // Terms of this document alone cannot lead to a neighbour.
                let mut probe: Vec<(u32, f32)> = vs[d].iter().copied().filter(|(t, _)| inverted[*t as usize].len() > 1).collect();
                crate::order::sort_by(&mut probe, |a, b| b.1.total_cmp(&a.1));
                for &(t, w) in probe.iter().take(PROBE_TERMS) {
                    for &(e, we) in inverted[t as usize].iter().take(PROBE_POSTINGS) {
                        if e as usize != d {
                            if score[e as usize] == 0.0 {
                                touched.push(e);
                            }
                            score[e as usize] += w * we;
                        }
                    }
                }
                let mut candidates: Vec<u32> = std::mem::take(touched);
                let keep = candidates.len().min(k * 4);
                let top: Vec<u32> = {
                    let by_score = |a: &u32, b: &u32| score[*b as usize].total_cmp(&score[*a as usize]).then(a.cmp(b));
                    // Only the best few are needed in order: select, then sort those.
                    if keep < candidates.len() {
                        candidates.select_nth_unstable_by(keep, by_score);
                    }
                    let mut top = candidates[..keep].to_vec();
                    crate::order::sort_by(&mut top, by_score);
                    top
                };
                for &e in &candidates {
                    score[e as usize] = 0.0;
                }
                candidates.clear();
                *touched = candidates;
                // The exact cosine for the best few candidates.
                let mut best: Vec<(u32, f32)> = top.into_iter().map(|e| (e, cosine(&vs[d], &vs[e as usize]))).collect();
                crate::order::sort_by(&mut best, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                best.truncate(k);
                best
            },
        )
        .collect()
}

/// What a set of open documents share and what sets each apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contrast {
    /// Terms in every document, by summed weight.
    pub shared: Vec<String>,
    /// Per document, its heaviest terms that no other open document has.
    pub distinct: Vec<Vec<String>>,
    /// `(i, j, cosine)` for every pair.
    pub pairs: Vec<(usize, usize, f32)>,
}

pub fn contrast(index: &Index, docs: &[u32], top: usize) -> Contrast {
    let vs = vectors(index, docs);
    let has = |k: usize, t: usize| vs[k].binary_search_by_key(&(t as u32), |x| x.0).is_ok();
    let mut shared: Vec<(usize, f32)> = vs
        .first()
        .map(|v0| {
            v0.iter()
                .map(|&(t, _)| t as usize)
                .filter(|&t| (1..vs.len()).all(|k| has(k, t)))
                .map(|t| (t, (0..vs.len()).map(|k| weight(&vs[k], t)).sum()))
                .collect()
        })
        .unwrap_or_default();
    crate::order::sort_by(&mut shared, |a, b| b.1.total_cmp(&a.1));
    let name = |t: usize| index.terms()[t].clone();
    let distinct = (0..vs.len())
        .map(|k| {
            let mut own: Vec<(usize, f32)> =
                vs[k].iter().map(|&(t, w)| (t as usize, w)).filter(|(t, _)| (0..vs.len()).all(|o| o == k || !has(o, *t))).collect();
            crate::order::sort_by(&mut own, |a, b| b.1.total_cmp(&a.1));
            own.into_iter().take(top).map(|(t, _)| name(t)).collect()
        })
        .collect();
    let mut pairs = Vec::new();
    for i in 0..vs.len() {
        for j in i + 1..vs.len() {
            pairs.push((i, j, cosine(&vs[i], &vs[j])));
        }
    }
    Contrast { shared: shared.into_iter().take(top).map(|(t, _)| name(t)).collect(), distinct, pairs }
}

fn weight(v: &Vector, t: usize) -> f32 {
    v.binary_search_by_key(&(t as u32), |x| x.0).map(|i| v[i].1).unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    fn index() -> Index {
        Index::build(vec![
            Source::new("a", "camp ashraf raid camp ashraf iraq"),
            Source::new("b", "camp ashraf residents iraq iraq"),
            Source::new("c", "paris conference rajavi paris"),
            Source::new("d", "common words only here"),
        ])
    }

    #[test]
    fn similar_documents_rank_by_shared_weighty_terms() {
        let idx = index();
        let sims = most_similar(&idx, 3);
        assert_eq!(sims[0][0].0, 1, "a is most like b");
        assert!(sims[2].is_empty(), "c shares nothing");
        // With many terms of its own, a document still finds its neighbours.
        let mut docs: Vec<Source> = (0..3)
            .map(|i| Source::new(format!("x{i}"), format!("{} shared words here", (0..60).map(|k| format!("own{i}w{k}")).collect::<Vec<_>>().join(" "))))
            .collect();
        docs.push(Source::new("y", "nothing alike"));
        let idx = Index::build(docs);
        assert_eq!(most_similar(&idx, 3)[0].len(), 2);
        let v = vectors(&idx, &[0]);
        assert!((cosine(&v[0], &v[0]) - 1.0).abs() < 1e-5);
    }

    #[test]
    fn contrast_names_shared_and_distinct_terms() {
        let idx = index();
        let c = contrast(&idx, &[0, 1], 5);
        assert_eq!(c.shared.iter().map(String::as_str).collect::<Vec<_>>().len(), 3);
        assert!(c.shared.contains(&"camp".to_string()) && c.shared.contains(&"iraq".to_string()));
        assert_eq!(c.distinct[0], ["raid"]);
        assert_eq!(c.distinct[1], ["residents"]);
        assert_eq!(c.pairs.len(), 1);
        assert!(c.pairs[0].2 > 0.5);
    }
}
