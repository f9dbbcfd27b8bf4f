//! Per document, the documents it shares passages with and its three most
//! similar ones: corpus-wide products computed once at build time (one
//! shingle pass, one TF-IDF pass) and shipped in the index.

use std::collections::HashMap;

use super::passages::{self, Sequences};
use super::similarity;
use crate::index::{Index, Related};

/// A passage in more documents than this is corpus boilerplate (a licence
/// header, a footer): it says nothing about which documents are related,
/// and listing its pairs would be quadratic in its spread.
const SHARE_MAX_DOCS: usize = 32;
/// Documents listed per reader as sharing passages, longest passage first.
const SHARE_LIST: usize = 10;
/// Similar documents listed per reader.
const SIMILAR_LIST: usize = 3;

/// The related lists of every document of `index`; `seqs` are the
/// documents' term sequences for passage detection, let go once the
/// passages are found (their file, or their bytes in memory: the
/// similarity pass after it needs room of its own).
pub(crate) fn related(index: &Index, seqs: Sequences) -> Vec<Related> {
    let mut out: Vec<Related> = vec![Related::default(); seqs.len()];
    let mut longest: HashMap<(u32, u32), u32> = HashMap::new();
    let found = passages::find(&seqs);
    drop(seqs);
    for (occurrences, words) in found {
        let mut docs: Vec<u32> = occurrences.iter().map(|o| o.0 as u32).collect();
        crate::order::sort(&mut docs);
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
    crate::memory::give_back_freed();
    for (r, similar) in out.iter_mut().zip(similarity::most_similar(index, SIMILAR_LIST)) {
        crate::order::sort_by(&mut r.shares, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        r.shares.truncate(SHARE_LIST);
        r.similar = similar;
    }
    out
}
