//! A query word resolved to dictionary terms, each with a weight: a bare
//! word to every form sharing its stem (the form as written weighs most), a
//! quoted word to its exact form, `pref*` to every term it starts (the most
//! frequent when there are too many), `word~` to the terms within a small
//! edit distance, and the word still being typed to its forms (inside a
//! quote not closed yet, its form as written) and, lighter, the words it
//! begins. A word or phrase that spells an alias group stands
//! for every spelling of the group.

use super::parse::{Word, WordKind};
use super::Alternatives;
use crate::index::aliases::group_of;
use crate::index::{Alias, Index};

/// Terms reached by `*` or `~` weigh less than the word as typed.
pub const EXPANDED_WEIGHT: f32 = 0.7;
/// Other forms with the word's stem weigh less than the form as written, so
/// that, other things equal, the exact form ranks first.
pub const STEM_WEIGHT: f32 = 0.5;
/// Words the word being typed begins weigh least: whole words first.
pub const TYPING_WEIGHT: f32 = 0.5;
/// A prefix that reaches more terms than this is cut to the most frequent.
pub const MAX_EXPANSIONS: usize = 512;
/// The word being typed reaches the words it begins found in the most
/// documents, this many at most (those that are its own forms count among
/// them), so a one-letter prefix stays fast, and a sharded index keeps
/// them for each short prefix in its core.
pub const MAX_TYPING_EXPANSIONS: usize = crate::index::dictionary::TOP_COMPLETIONS;

/// The alias group `words` spell, if they are all plain words.
pub fn alias_group<'a>(index: &'a Index, words: &[Word]) -> Option<&'a Alias> {
    if !words.iter().all(|w| matches!(w.kind, WordKind::Exact | WordKind::Stem | WordKind::Typing | WordKind::TypingExact)) {
        return None;
    }
    let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    group_of(&index.aliases, &texts)
}

/// The terms `word` stands for, with their weights; what was cut goes to `warnings`.
pub fn resolve(index: &Index, word: &Word, warnings: &mut Vec<String>) -> Alternatives {
    // The form as typed weighs fully (found by its spelling: the term list is not read).
    let typed = index.term_id(&word.text);
    let weigh = |t: usize, other: f32| (t, if Some(t) == typed { 1.0 } else { other });
    let terms = match word.kind {
        WordKind::Exact => index.term_id(&word.text).map(|t| (t, 1.0)).into_iter().collect(),
        WordKind::Stem => index.forms(&word.text).into_iter().map(|t| weigh(t, STEM_WEIGHT)).collect(),
        WordKind::Typing => {
            let mut terms: Vec<(usize, f32)> = index.forms(&word.text).into_iter().map(|t| weigh(t, STEM_WEIGHT)).collect();
            // Its most frequent completions, but for those that are its forms.
            let longer: Vec<usize> = index.completions(&word.text, MAX_TYPING_EXPANSIONS).into_iter().filter(|t| !terms.iter().any(|(u, _)| u == t)).collect();
            terms.extend(longer.into_iter().map(|t| (t, TYPING_WEIGHT)));
            crate::order::sort_by_key(&mut terms, |&(t, _)| t);
            terms
        }
        WordKind::TypingExact => {
            let mut terms: Vec<(usize, f32)> = typed.map(|t| (t, 1.0)).into_iter().collect();
            let longer: Vec<usize> = index.completions(&word.text, MAX_TYPING_EXPANSIONS).into_iter().filter(|&t| Some(t) != typed).collect();
            terms.extend(longer.into_iter().map(|t| (t, TYPING_WEIGHT)));
            crate::order::sort_by_key(&mut terms, |&(t, _)| t);
            terms
        }
        WordKind::Prefix => {
            let mut ids = index.prefixed(&word.text);
            if ids.len() > MAX_EXPANSIONS {
                warnings.push(format!("`{}*` matches {} words: only the {MAX_EXPANSIONS} most frequent were used.", word.text, ids.len()));
                index.most_frequent(&mut ids, MAX_EXPANSIONS);
            }
            ids.into_iter().map(|t| weigh(t, EXPANDED_WEIGHT)).collect()
        }
        WordKind::Fuzzy => {
            index.within(&word.text, fuzzy_distance(&word.text) as u8).into_iter().map(|(t, d)| (t, if d == 0 { 1.0 } else { EXPANDED_WEIGHT })).collect()
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_distance_grows_with_the_word() {
        assert_eq!(fuzzy_distance("iran"), 1);
        assert_eq!(fuzzy_distance("mko"), 0);
        assert_eq!(fuzzy_distance("mujahedin"), 2);
    }
}
