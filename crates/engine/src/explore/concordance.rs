//! Keyword in context (KWIC): every match of a query in a set of documents,
//! one line each, with a few words on either side, sortable by the words
//! to the left or to the right of the match as concordancers do.

use std::ops::Range;

use crate::analysis::fold;
use crate::index::Index;
use crate::query::Plan;

/// One match: where it is, and (when the lines are sorted) its sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub doc: u32,
    /// Token positions of the match in the document's text.
    pub tokens: Range<u32>,
    /// Folded words next to the match, nearest first (left) or the match
    /// and the words after it (right); empty in text order.
    key: Vec<String>,
}

/// One match with its context, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub doc: u32,
    /// Byte offset of the match in the document's text.
    pub at: usize,
    /// Context before the match, on one line (white space folded).
    pub left: String,
    pub keyword: String,
    pub right: String,
}

/// How concordance lines are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Sort {
    /// Documents in the order given (rank), matches in text order.
    #[default]
    Text,
    /// By the word just left of the match, then the one before it…
    Left,
    /// By the match, then the word just right of it, then the next…
    Right,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Text, Sort::Left, Sort::Right];

    pub fn param(self) -> &'static str {
        match self {
            Sort::Text => "text",
            Sort::Left => "left",
            Sort::Right => "right",
        }
    }

    pub fn from_param(p: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.param() == p)
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Text => "document order",
            Sort::Left => "words to the left",
            Sort::Right => "match, then words to the right",
        }
    }
}

/// Words a sort key looks at on its side, as concordancers sort on 1L–3L or 1R–3R.
const KEY_WORDS: u32 = 3;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Concordance {
    /// At most the `limit` asked for, taken in document order, then sorted.
    pub places: Vec<Place>,
    /// Every match in the documents, listed or not.
    pub total: usize,
}

/// The matches of `plan` in `docs` (in that order), sorted. Only the first
/// `limit` are kept; `total` counts them all. Lines are built apart, with
/// [`line`], for the ones on screen: in text order nothing else is tokenised.
pub fn concordance(index: &Index, docs: &[u32], plan: &Plan, limit: usize, sort: Sort) -> Concordance {
    let mut places = Vec::new();
    let mut total = 0;
    for &doc in docs {
        let spans = super::match_spans(index, doc, plan);
        total += spans.len();
        for tokens in spans {
            if places.len() < limit {
                places.push(Place { doc, tokens, key: Vec::new() });
            }
        }
    }
    if sort != Sort::Text {
        // Places are grouped by document here, in text order: key each group.
        let mut from = 0;
        while from < places.len() {
            let doc = places[from].doc;
            let to = from + places[from..].iter().take_while(|p| p.doc == doc).count();
            set_keys(index, &mut places[from..to], sort);
            from = to;
        }
        // Stable: equal contexts keep document order.
        crate::order::sort_by(&mut places, |a, b| a.key.cmp(&b.key));
    }
    Concordance { places, total }
}

/// Token positions a place's sort key reads.
fn key_range(index: &Index, p: &Place, sort: Sort) -> Range<u32> {
    match sort {
        Sort::Left => p.tokens.start.saturating_sub(KEY_WORDS)..p.tokens.start,
        _ => p.tokens.start..(p.tokens.end + KEY_WORDS).min(index.body_len(p.doc)),
    }
}

/// Sort keys for the places of one document (in text order). Dense places
/// share one tokenising pass over their stretch of text; sparse ones are
/// read each from its own checkpoint, so neither case reads much more than it needs.
fn set_keys(index: &Index, places: &mut [Place], sort: Sort) {
    let (Some(first), Some(last)) = (places.first(), places.last()) else { return };
    let doc = first.doc;
    let Some(text) = index.text(doc) else { return };
    let span = key_range(index, first, sort).start..key_range(index, last, sort).end;
    let shared = (span.end - span.start) as usize <= places.len() * 64;
    let bounds = if shared { index.token_bounds(doc, span.clone()) } else { Vec::new() };
    for p in places {
        let range = key_range(index, p, sort);
        let own;
        let words: &[(usize, usize)] = if shared {
            &bounds[(range.start - span.start) as usize..(range.end - span.start) as usize]
        } else {
            own = index.token_bounds(doc, range);
            &own
        };
        p.key = words.iter().map(|&(a, b)| fold(&text[a..b])).collect();
        if sort == Sort::Left {
            p.key.reverse();
        }
    }
}

/// The line for a place: the match and `width` words on either side; none
/// while the document's text is not known.
pub fn line(index: &Index, p: &Place, width: u32) -> Option<Line> {
    let (doc, r) = (p.doc, p.tokens.clone());
    let text = index.text(doc)?;
    let from = r.start.saturating_sub(width);
    let to = (r.end + width).min(index.body_len(doc));
    let bounds = index.token_bounds(doc, from..to);
    let at = |p: u32| bounds[(p - from) as usize];
    let (k0, k1) = (at(r.start).0, at(r.end - 1).1);
    Some(Line { doc, at: k0, left: one_line(&text[at(from).0..k0]), keyword: one_line(&text[k0..k1]), right: one_line(&text[k1..at(to - 1).1]) })
}

/// Line breaks and runs of spaces read as one space in a concordance line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;
    use crate::query::search;

    fn index(texts: &[&str]) -> Index {
        Index::build(texts.iter().enumerate().map(|(i, t)| Source::new(format!("d{i}"), *t)).collect())
    }

    fn all(idx: &Index, q: &str, width: u32, sort: Sort) -> (Vec<Line>, usize) {
        let r = search(idx, q);
        let docs: Vec<u32> = r.hits.iter().map(|h| h.doc).collect();
        let c = concordance(idx, &docs, &r.plan, 100, sort);
        (c.places.iter().map(|p| line(idx, p, width).expect("every text is known in the build")).collect(), c.total)
    }

    #[test]
    fn every_match_is_a_line_with_its_context() {
        let idx = index(&["Title\nThe camp at Ashraf.\nA camp\nnear   Baghdad.", "Other\nNo match here."]);
        let (lines, total) = all(&idx, "camp", 2, Sort::Text);
        assert_eq!(total, 2);
        let shown: Vec<(&str, &str, &str)> = lines.iter().map(|l| (l.left.as_str(), l.keyword.as_str(), l.right.as_str())).collect();
        // Context is cut at token edges and read on one line.
        assert_eq!(shown, [("Title The", "camp", "at Ashraf"), ("Ashraf. A", "camp", "near Baghdad")]);
        let text = idx.text(0).unwrap();
        assert!(lines.iter().all(|l| &text[l.at..l.at + 4] == "camp"));
    }

    #[test]
    fn phrases_are_one_keyword_and_edges_are_safe() {
        let idx = index(&["Camp Ashraf is in Diyala; Camp Ashraf"]);
        let (lines, total) = all(&idx, "\"camp ashraf\"", 3, Sort::Text);
        assert_eq!(total, 2);
        assert_eq!((lines[0].left.as_str(), lines[0].keyword.as_str()), ("", "Camp Ashraf"));
        assert_eq!((lines[1].keyword.as_str(), lines[1].right.as_str()), ("Camp Ashraf", ""));
    }

    #[test]
    fn sorts_by_left_then_right_context() {
        let idx = index(&["zeta camp beta. alpha camp gamma. mid camp alpha."]);
        let kw = |(lines, _): &(Vec<Line>, usize)| lines.iter().map(|l| l.left.clone() + "|" + &l.right).collect::<Vec<_>>();
        assert_eq!(kw(&all(&idx, "camp", 1, Sort::Left)), ["alpha|gamma", "mid|alpha", "zeta|beta"]);
        assert_eq!(kw(&all(&idx, "camp", 1, Sort::Right)), ["mid|alpha", "zeta|beta", "alpha|gamma"]);
    }

    #[test]
    fn far_apart_matches_sort_as_close_ones_do() {
        let filler = "filler ".repeat(200);
        let text = format!("zebra camp one {filler} alpha camp two {filler} mango camp three");
        let idx = index(&[text.as_str()]);
        let (left, _) = all(&idx, "camp", 1, Sort::Left);
        assert_eq!(left.iter().map(|l| l.left.as_str()).collect::<Vec<_>>(), ["alpha", "mango", "zebra"]);
        let (right, _) = all(&idx, "camp", 1, Sort::Right);
        assert_eq!(right.iter().map(|l| l.right.as_str()).collect::<Vec<_>>(), ["one", "three", "two"]);
    }

    #[test]
    fn the_limit_cuts_lines_not_the_count() {
        let idx = index(&["camp camp camp camp camp"]);
        let r = search(&idx, "camp");
        let c = concordance(&idx, &[0], &r.plan, 3, Sort::Left);
        assert_eq!((c.places.len(), c.total), (3, 5));
    }

    #[test]
    fn no_query_no_lines() {
        let idx = index(&["camp"]);
        assert_eq!(all(&idx, "", 3, Sort::Text), (vec![], 0));
    }
}
