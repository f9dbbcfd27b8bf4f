//! A query word resolved to dictionary terms: the word itself, every term
//! a `pref*` starts (the most frequent when there are too many), or every
//! term within a small edit distance of `word~`; and a word or phrase that
//! spells an alias group, every spelling of the group.

use super::parse::{Word, WordKind};
use super::Alternatives;
use crate::index::aliases::group_of;
use crate::index::{Alias, Field, Index};

/// Terms reached by `*` or `~` weigh less than the word as typed.
pub const EXPANDED_WEIGHT: f32 = 0.7;
/// A prefix that reaches more terms than this is cut to the most frequent.
pub const MAX_EXPANSIONS: usize = 512;

/// The alias group `words` spell, if they are all exact words.
pub fn alias_group<'a>(index: &'a Index, words: &[Word]) -> Option<&'a Alias> {
    if !words.iter().all(|w| w.kind == WordKind::Exact) {
        return None;
    }
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    group_of(&index.aliases, &texts)
}

/// The terms `word` stands for, with their weights; what was cut goes to `warnings`.
pub fn resolve(index: &Index, word: &Word, warnings: &mut Vec<String>) -> Alternatives {
    let terms = match word.kind {
        WordKind::Exact => index.term_id(&word.text).map(|t| (t, 1.0)).into_iter().collect(),
        WordKind::Prefix => {
            let mut ids: Vec<usize> = index.prefix_range(&word.text).collect();
            if ids.len() > MAX_EXPANSIONS {
                warnings.push(format!("`{}*` matches {} words: only the {MAX_EXPANSIONS} most frequent were used.", word.text, ids.len()));
                ids.sort_by_key(|&t| std::cmp::Reverse(index.postings(t, Field::Body).len()));
                ids.truncate(MAX_EXPANSIONS);
                ids.sort_unstable();
            }
            ids.into_iter().map(|t| (t, if index.terms()[t] == word.text { 1.0 } else { EXPANDED_WEIGHT })).collect()
        }
        WordKind::Fuzzy => fuzzy_terms(index, &word.text),
    };
    Alternatives { terms }
}

/// Edit distance allowed for `word~` (contract: 1 from 4 letters, 2 from 8).
pub fn fuzzy_distance(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

fn fuzzy_terms(index: &Index, word: &str) -> Vec<(usize, f32)> {
    let max = fuzzy_distance(word);
    let target: Vec<char> = word.chars().collect();
    index
        .terms()
        .iter()
        .enumerate()
        .filter_map(|(id, term)| {
            let d = bounded_levenshtein(&target, term, max)?;
            Some((id, if d == 0 { 1.0 } else { EXPANDED_WEIGHT }))
        })
        .collect()
}

/// Levenshtein distance of `a` and `b` if it is at most `max`.
pub fn bounded_levenshtein(a: &[char], b: &str, max: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levenshtein_bounds() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(bounded_levenshtein(&c("maliki"), "maleki", 1), Some(1));
        assert_eq!(bounded_levenshtein(&c("maliki"), "makeki", 1), None);
        assert_eq!(bounded_levenshtein(&c("mujahedin"), "mujahidin", 2), Some(1));
        assert_eq!(fuzzy_distance("iran"), 1);
        assert_eq!(fuzzy_distance("mko"), 0);
        assert_eq!(fuzzy_distance("mujahedin"), 2);
    }
}
