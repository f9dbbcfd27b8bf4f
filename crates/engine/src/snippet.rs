//! Where a query's words stand in a document, as byte ranges of its text,
//! and the best short window of the text to show in a result list. Ranges
//! only: the UI turns them into `<mark>` elements around text nodes, so no
//! HTML is ever built from document text.

use std::ops::Range;

use crate::analysis::token_bounds;
use crate::index::{Field, Index};
use crate::query::eval::{near_windows, phrase_starts, word_positions};
use crate::query::Plan;
use crate::query::Scope;

/// Every match of the plan's words in `doc`'s text, sorted, never
/// overlapping (none while the text is not known).
pub fn highlights(index: &Index, doc: u32, plan: &Plan) -> Vec<Range<usize>> {
    let Some(text) = index.text(doc) else { return Vec::new() };
    let tokens = token_bounds(&text);
    let spans = token_spans(index, doc, plan);
    merge(spans.into_iter().map(|(_, r)| tokens[r.start as usize].0..tokens[r.end as usize - 1].1).collect())
}

/// Matches as token-position ranges, tagged with the matcher they come from.
pub(crate) fn token_spans(index: &Index, doc: u32, plan: &Plan) -> Vec<(usize, Range<u32>)> {
    let mut spans = Vec::new();
    for (m, matcher) in plan.matchers.iter().enumerate() {
        // Title-only words are shown in the title, not marked in the text.
        if matcher.scope == Scope::Title {
            continue;
        }
        let len = matcher.words.len() as u32;
        if let Some(within) = matcher.near {
            // Near words are marked one by one, inside the stretches that hold them all.
            let windows = near_windows(index, Field::Body, &matcher.words, within, doc);
            let mut at: Vec<u32> = matcher
                .words
                .iter()
                .flat_map(|w| word_positions(index, Field::Body, w, doc))
                .filter(|p| windows.iter().any(|&(a, b)| (a..=b).contains(p)))
                .collect();
            at.sort_unstable();
            at.dedup();
            spans.extend(at.into_iter().map(|p| (m, p..p + 1)));
            continue;
        }
        let starts = if len == 1 { word_positions(index, Field::Body, &matcher.words[0], doc) } else { phrase_starts(index, Field::Body, &matcher.words, doc) };
        spans.extend(starts.into_iter().map(|p| (m, p..p + len)));
    }
    crate::order::sort_by_key(&mut spans, |(_, r)| (r.start, r.end));
    spans
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    crate::order::sort_by_key(&mut ranges, |r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// A window of a document's text with the matches inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Byte offset of `text` in the document's text.
    pub at: usize,
    /// Byte ranges within `text`.
    pub marks: Vec<Range<usize>>,
    /// The window starts after / ends before the text does.
    pub cut_start: bool,
    pub cut_end: bool,
}

/// Words of context shown before the first match of the window.
const LEAD: u32 = 6;

/// The window of about `words` tokens that holds the most different query
/// words (then the most matches). Without matches, the opening of the text
/// after its title line. None while the text is not known.
pub fn snippet(index: &Index, doc: u32, plan: &Plan, words: u32) -> Option<Snippet> {
    let d = &index.docs[doc as usize];
    let text = index.text(doc)?;
    let last = index.body_len(doc);
    if last == 0 {
        return Some(Snippet { text: String::new(), at: 0, marks: vec![], cut_start: false, cut_end: false });
    }
    let spans = token_spans(index, doc, plan);
    let start = if spans.is_empty() { lead_position(&text, &d.meta.title) } else { best_window(&spans, words).saturating_sub(LEAD) };
    let end = (start + words).min(last);
    let start = end.saturating_sub(words).min(start);
    // Only the window's tokens: a long document is not tokenised whole.
    let tokens = index.token_bounds(doc, start..end);
    let at = |p: u32| tokens[(p - start) as usize];
    let (from, to) = (at(start).0, at(end - 1).1);
    let marks = spans.iter().filter(|(_, r)| r.start >= start && r.end <= end).map(|(_, r)| at(r.start).0 - from..at(r.end - 1).1 - from).collect();
    Some(Snippet { text: text[from..to].to_string(), at: from, marks: merge(marks), cut_start: start > 0, cut_end: end < last })
}

/// Start of the span that opens the best window.
fn best_window(spans: &[(usize, Range<u32>)], words: u32) -> u32 {
    let mut best = (0usize, 0usize, spans[0].1.start);
    for (i, (_, first)) in spans.iter().enumerate() {
        let inside: Vec<usize> = spans[i..].iter().take_while(|(_, r)| r.end <= first.start + words.saturating_sub(LEAD)).map(|(m, _)| *m).collect();
        let mut distinct = inside.clone();
        crate::order::sort(&mut distinct);
        distinct.dedup();
        let key = (distinct.len(), inside.len());
        if key > (best.0, best.1) {
            best = (key.0, key.1, first.start);
        }
    }
    best.2
}

/// First token after the title line (and any breadcrumb above it).
fn lead_position(text: &str, title: &str) -> u32 {
    let title_line_end = text
        .lines()
        .take(5)
        .scan(0usize, |offset, line| {
            let start = *offset;
            *offset += line.len() + 1;
            Some((start, line))
        })
        .find(|(_, line)| line.trim() == title.trim())
        .map(|(start, line)| start + line.len());
    // Tokens before the end of the title line: the next one is the lead.
    title_line_end.map_or(0, |end| token_bounds(&text[..end.min(text.len())]).len() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;
    use crate::query::search;

    fn index(text: &str) -> Index {
        Index::build(vec![Source::new("d", text)])
    }

    fn marked<'a>(text: &'a str, marks: &[Range<usize>]) -> Vec<&'a str> {
        marks.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn highlights_words_phrases_and_hyphen_parts() {
        let text = "Title\nNouri al-Maliki went to Camp Ashraf; MALIKI and Malikī again. camp";
        let idx = index(text);
        let r = search(&idx, "maliki \"camp ashraf\"");
        assert_eq!(marked(text, &highlights(&idx, 0, &r.plan)), ["Maliki", "Camp Ashraf", "MALIKI", "Malikī"]);
        let r = search(&idx, "al-Maliki");
        assert_eq!(marked(text, &highlights(&idx, 0, &r.plan)), ["al-Maliki"]);
        // Negated words are never marked.
        let r = search(&idx, "Mal* -camp");
        assert_eq!(marked(text, &highlights(&idx, 0, &r.plan)), ["Maliki", "MALIKI", "Malikī"]);
    }

    #[test]
    fn offsets_land_on_char_boundaries_in_any_script() {
        let text = "عنوان\nسازمان مجاهدین خلق در اردوگاه اشرف — «مجاهدین» ۱۳۹۰";
        let idx = index(text);
        let r = search(&idx, "مجاهدین 1390");
        let hs = highlights(&idx, 0, &r.plan);
        assert_eq!(marked(text, &hs), ["مجاهدین", "مجاهدین", "۱۳۹۰"]);
        let s = snippet(&idx, 0, &r.plan, 30).unwrap();
        for m in &s.marks {
            assert!(s.text.is_char_boundary(m.start) && s.text.is_char_boundary(m.end));
        }
    }

    #[test]
    fn snippet_picks_the_window_with_most_distinct_words() {
        let filler = "word ".repeat(60);
        let text = format!("Title\n{filler} alpha {filler} alpha beta gamma {filler} beta");
        let idx = index(&text);
        let r = search(&idx, "alpha OR beta OR gamma");
        let s = snippet(&idx, 0, &r.plan, 20).unwrap();
        assert_eq!(marked(&s.text, &s.marks), ["alpha", "beta", "gamma"]);
        assert!(s.cut_start && s.cut_end);
        assert!(s.text.starts_with("word"));
    }

    #[test]
    fn snippet_without_matches_opens_after_the_title() {
        let text = "Home » Iraq » The title\n\nThe title\n\nFirst words of the body here.";
        let idx = index(text);
        let s = snippet(&idx, 0, &search(&idx, "").plan, 4).unwrap();
        assert_eq!(s.text, "First words of the");
        assert_eq!(&text[s.at..s.at + s.text.len()], s.text);
        assert!(s.marks.is_empty());
        assert!(s.cut_start && s.cut_end);
    }

    #[test]
    fn short_documents_are_shown_whole() {
        let idx = index("Only words");
        let s = snippet(&idx, 0, &search(&idx, "words").plan, 30).unwrap();
        assert_eq!(s.text, "Only words");
        assert_eq!(marked(&s.text, &s.marks), ["words"]);
        assert!(!s.cut_start && !s.cut_end);
    }
}
