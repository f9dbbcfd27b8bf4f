//! Finding a marked passage again after the corpus was rebuilt.
//!
//! A note or highlight remembers its passage the way the W3C Web Annotation
//! model does (<https://www.w3.org/TR/annotation-model/#text-quote-selector>):
//! the quoted text with a few characters before and after it (a
//! `TextQuoteSelector`), and where it started and ended, counted in Unicode
//! code points (a `TextPositionSelector`). The position alone breaks as soon
//! as an edit lands before the passage; the quote alone is ambiguous when the
//! words recur. Together they are found again: at the old position when the
//! text there is unchanged, else at the occurrence of the quote whose
//! surroundings agree most with the remembered ones (nearest the old place on
//! a tie), else with white space read loosely (a re-extracted PDF or page wraps
//! its lines differently). A quote found nowhere is orphaned: the caller keeps
//! it and shows it, never drops it.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Characters of context kept on each side of a quote.
pub const CONTEXT: usize = 32;

/// A passage of a document, as a quote and a position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The passage's text.
    pub exact: String,
    /// Up to [`CONTEXT`] characters before it.
    pub prefix: String,
    /// Up to [`CONTEXT`] characters after it.
    pub suffix: String,
    /// Where it started and ended, in code points from the text's start.
    pub start: usize,
    pub end: usize,
}

/// The quote of `text[range]` (byte offsets on character boundaries).
pub fn quote(text: &str, range: Range<usize>) -> Quote {
    let before = &text[..range.start];
    let after = &text[range.end..];
    let prefix_from = before.char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
    let suffix_to = after.char_indices().nth(CONTEXT).map_or(after.len(), |(i, _)| i);
    let start = before.chars().count();
    let exact = text[range].to_string();
    let end = start + exact.chars().count();
    Quote { prefix: before[prefix_from..].to_string(), suffix: after[..suffix_to].to_string(), exact, start, end }
}

/// The byte offset of code point `n` in `text` (its length past the end).
pub fn byte_at(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// The code point at byte offset `byte` of `text` (a character boundary).
pub fn code_point_at(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

/// Where `q` is in `text` now (byte offsets), or `None`: orphaned.
pub fn anchor(text: &str, q: &Quote) -> Option<Range<usize>> {
    if q.exact.trim().is_empty() {
        return None;
    }
    let old = byte_at(text, q.start);
    if text[old..].starts_with(q.exact.as_str()) {
        return Some(old..old + q.exact.len());
    }
    let exact: Vec<Range<usize>> = text.match_indices(q.exact.as_str()).map(|(i, s)| i..i + s.len()).collect();
    let found = if exact.is_empty() { loose_matches(text, &q.exact) } else { exact };
    found.into_iter().max_by_key(|r| (agreement(text, r, q), std::cmp::Reverse(r.start.abs_diff(old))))
}

/// How many characters around `r` agree with the quote's prefix and suffix.
fn agreement(text: &str, r: &Range<usize>, q: &Quote) -> usize {
    let before = text[..r.start].chars().rev().zip(q.prefix.chars().rev()).take_while(|(a, b)| a == b).count();
    let after = text[r.end..].chars().zip(q.suffix.chars()).take_while(|(a, b)| a == b).count();
    before + after
}

/// Every place where the words of `exact` follow each other in `text` with
/// any white space between them.
fn loose_matches(text: &str, exact: &str) -> Vec<Range<usize>> {
    let words: Vec<&str> = exact.split_whitespace().collect();
    let Some((first, rest)) = words.split_first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (start, _) in text.match_indices(first) {
        let mut at = start + first.len();
        let complete = rest.iter().all(|word| {
            let gap = text[at..].len() - text[at..].trim_start().len();
            if gap == 0 || !text[at + gap..].starts_with(word) {
                return false;
            }
            at += gap + word.len();
            true
        });
        if complete {
            out.push(start..at);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The residents of Camp Ashraf were moved. Later, the residents of Camp Liberty said the camp was small.";

    fn range_of(text: &str, needle: &str, nth: usize) -> Range<usize> {
        let (i, _) = text.match_indices(needle).nth(nth).unwrap();
        i..i + needle.len()
    }

    #[test]
    fn a_quote_is_found_where_it_was() {
        let r = range_of(TEXT, "the residents", 0);
        let q = quote(TEXT, r.clone());
        assert_eq!(q.exact, "the residents");
        assert!(q.suffix.starts_with(" of Camp Liberty") && TEXT[r.end..].starts_with(&q.suffix));
        assert_eq!(q.suffix.chars().count(), CONTEXT);
        assert_eq!(q.prefix.chars().count(), CONTEXT);
        assert!(TEXT[..r.start].ends_with(&q.prefix));
        assert_eq!(anchor(TEXT, &q), Some(r));
    }

    #[test]
    fn after_an_edit_the_quote_is_the_occurrence_whose_context_agrees() {
        // "residents of Camp" occurs twice; the second is the one remembered.
        let q = quote(TEXT, range_of(TEXT, "residents of Camp", 1));
        // A long insertion between the two puts the old position nearer the first.
        let edited = TEXT.replace("were moved.", &format!("were moved.{}", " They were told nothing of where they would go.".repeat(5)));
        let found = anchor(&edited, &q).expect("found again");
        assert_eq!(&edited[found.clone()], "residents of Camp");
        assert_eq!(found, range_of(&edited, "residents of Camp", 1), "the occurrence whose context agrees, not the nearer one");
    }

    #[test]
    fn lines_wrapped_differently_are_read_loosely() {
        let q = quote(TEXT, range_of(TEXT, "Later, the residents", 0));
        let rewrapped = TEXT.replace("Later, the residents", "Later,\nthe   residents");
        let found = anchor(&rewrapped, &q).expect("found again");
        assert_eq!(&rewrapped[found], "Later,\nthe   residents");
    }

    #[test]
    fn a_removed_quote_is_orphaned() {
        let q = quote(TEXT, range_of(TEXT, "Camp Liberty", 0));
        assert_eq!(anchor(&TEXT.replace("Camp Liberty", "Hurriya"), &q), None);
        assert_eq!(anchor("", &q), None);
    }

    #[test]
    fn positions_count_code_points_as_the_web_annotation_model_does() {
        let text = "Ašraf — “Camp” in Iraq";
        let r = range_of(text, "Camp", 0);
        let q = quote(text, r.clone());
        assert_eq!((q.start, q.end), (9, 13));
        assert_eq!(anchor(text, &q), Some(r));
    }
}
