//! "Did you mean": when a query finds nothing, the words of it the corpus
//! never uses (in any form) are replaced by the nearest terms it does use,
//! nearest by edit distance, then most documents; each suggestion is the
//! whole query again with one correction, ready to run.

use super::expand::fuzzy_distance;
use super::lex::{lex_spanned, Lexeme};
use crate::analysis::tokenize;
use crate::index::{Field, Index};

/// Suggestions offered at most.
pub const MAX_SUGGESTIONS: usize = 3;

/// Corrected queries for a query that found nothing; empty when every word
/// is in the corpus (the words exist, only not together) or nothing is near.
pub fn suggestions(index: &Index, query: &str) -> Vec<String> {
    // Each unknown word: its byte range in the query and its candidates.
    let mut unknown: Vec<(std::ops::Range<usize>, Vec<String>)> = Vec::new();
    for (lexeme, span) in lex_spanned(query) {
        let Lexeme::Word(w) = lexeme else { continue };
        // Operators and fields are the user's syntax, not words to correct.
        if w.contains(':') || w.ends_with('*') || w.ends_with('~') {
            continue;
        }
        for t in tokenize(&w) {
            if !index.forms(&t.term).is_empty() || !index.prefixed(&t.term).is_empty() && span.end == query.trim_end().len() {
                continue;
            }
            let near = nearest(index, &t.term);
            if !near.is_empty() {
                unknown.push((span.start + t.start..span.start + t.end, near));
            }
        }
    }
    let Some((first, rest)) = unknown.split_first() else { return Vec::new() };
    // The other unknown words take their best candidate; the first offers its few.
    first
        .1
        .iter()
        .map(|candidate| {
            let mut fixes: Vec<(&std::ops::Range<usize>, &str)> = vec![(&first.0, candidate.as_str())];
            fixes.extend(rest.iter().map(|(r, c)| (r, c[0].as_str())));
            crate::order::sort_by_key(&mut fixes, |(r, _)| std::cmp::Reverse(r.start));
            let mut q = query.to_string();
            for (r, c) in fixes {
                q.replace_range(r.clone(), c);
            }
            q
        })
        .collect()
}

/// Terms within the word's edit distance (at least one edit), nearest first,
/// then in most documents.
fn nearest(index: &Index, word: &str) -> Vec<String> {
    let max = fuzzy_distance(word).max(1) as u8;
    let mut found: Vec<(u8, std::cmp::Reverse<usize>, usize, String)> = index
        .spelled_within(word, max)
        .into_iter()
        .filter(|&(_, d, _)| d > 0)
        .map(|(t, d, w)| (d, std::cmp::Reverse(index.doc_freq(t, Field::Body) + index.doc_freq(t, Field::Title)), t, w))
        .collect();
    crate::order::sort(&mut found);
    found.into_iter().take(MAX_SUGGESTIONS).map(|(_, _, _, w)| w).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    fn index() -> Index {
        Index::build(vec![
            Source::new("a", "Camp Ashraf\nResidents of Camp Ashraf met Rajavi."),
            Source::new("b", "Other\nThe camp residents and Maryam Rajavi in Paris."),
        ])
    }

    #[test]
    fn misspelt_word_is_replaced_in_place() {
        let idx = index();
        assert_eq!(suggestions(&idx, "Rajvi Paris "), ["rajavi Paris "]);
        assert_eq!(suggestions(&idx, "camp \"ashraf\" Asraf -x "), ["camp \"ashraf\" ashraf -x "]);
        // Nearest first, then the more frequent.
        assert_eq!(suggestions(&idx, "cammp ")[0], "camp ");
    }

    #[test]
    fn known_words_and_syntax_get_no_suggestion() {
        let idx = index();
        assert!(suggestions(&idx, "camp paris").is_empty());
        assert!(suggestions(&idx, "author:nobody").is_empty());
        assert!(suggestions(&idx, "zzzzzzzz").is_empty());
        // A word still being typed that begins a term is not misspelt.
        assert!(suggestions(&idx, "Raja").is_empty());
    }
}
