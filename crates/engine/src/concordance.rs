//! Keyword in context (KWIC): every match of a query in a set of documents,
//! one line each, with a few words on either side, sortable by the words
//! to the left or to the right of the match as concordancers do.

use std::cmp::Ordering;

use crate::index::Index;
use crate::search::Plan;
use crate::snippet::token_spans;
use crate::tokenize::fold;

/// One match with its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub doc: u32,
    /// Byte offset of the match in the document's text.
    pub at: usize,
    /// Context before the match, on one line (white space folded).
    pub left: String,
    pub keyword: String,
    pub right: String,
    /// Folded words of the left context, nearest first (sort key).
    left_key: Vec<String>,
    /// Folded words of the keyword then the right context (sort key).
    right_key: Vec<String>,
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

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Concordance {
    /// At most the `limit` asked for, taken in document order, then sorted.
    pub lines: Vec<Line>,
    /// Every match in the documents, listed or not.
    pub total: usize,
}

/// Lines for the matches of `plan` in `docs` (in that order), `width` words
/// of context on each side. Only the first `limit` matches are built (each
/// costs a little tokenising); `total` counts them all.
pub fn concordance(index: &Index, docs: &[u32], plan: &Plan, width: u32, limit: usize, sort: Sort) -> Concordance {
    let mut lines = Vec::new();
    let mut total = 0;
    for &doc in docs {
        let mut spans: Vec<_> = token_spans(index, doc, plan).into_iter().map(|(_, r)| r).collect();
        // A phrase and a word of it can cover the same tokens: one line per place.
        spans.dedup_by(|b, a| b.start < a.end);
        total += spans.len();
        for r in spans {
            if lines.len() >= limit {
                continue;
            }
            lines.push(line(index, doc, r, width));
        }
    }
    sort_lines(&mut lines, sort);
    Concordance { lines, total }
}

fn line(index: &Index, doc: u32, r: std::ops::Range<u32>, width: u32) -> Line {
    let text = index.docs[doc as usize].text.as_str();
    let from = r.start.saturating_sub(width);
    let to = (r.end + width).min(index.body_len(doc));
    let bounds = index.token_bounds(doc, from..to);
    let at = |p: u32| bounds[(p - from) as usize];
    let (k0, k1) = (at(r.start).0, at(r.end - 1).1);
    let left_start = at(from).0;
    let right_end = at(to - 1).1;
    let words = |ps: std::ops::Range<u32>| -> Vec<String> { ps.map(|p| fold(&text[at(p).0..at(p).1])).collect() };
    let mut left_key = words(from..r.start);
    left_key.reverse();
    Line {
        doc,
        at: k0,
        left: one_line(&text[left_start..k0]),
        keyword: one_line(&text[k0..k1]),
        right: one_line(&text[k1..right_end]),
        left_key,
        right_key: words(r.start..to),
    }
}

/// Line breaks and runs of spaces read as one space in a concordance line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn sort_lines(lines: &mut [Line], sort: Sort) {
    let by = |a: &[String], b: &[String]| -> Ordering { a.cmp(b) };
    match sort {
        Sort::Text => {}
        // Stable: equal contexts keep document order.
        Sort::Left => lines.sort_by(|a, b| by(&a.left_key, &b.left_key)),
        Sort::Right => lines.sort_by(|a, b| by(&a.right_key, &b.right_key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;
    use crate::search::search;

    fn index(texts: &[&str]) -> Index {
        Index::build(texts.iter().enumerate().map(|(i, t)| Source::new(&format!("d{i}"), *t)).collect())
    }

    fn all(idx: &Index, q: &str, width: u32, sort: Sort) -> Concordance {
        let r = search(idx, q);
        let docs: Vec<u32> = r.hits.iter().map(|h| h.doc).collect();
        concordance(idx, &docs, &r.plan, width, 100, sort)
    }

    #[test]
    fn every_match_is_a_line_with_its_context() {
        let idx = index(&["Title\nThe camp at Ashraf.\nA camp\nnear   Baghdad.", "Other\nNo match here."]);
        let c = all(&idx, "camp", 2, Sort::Text);
        assert_eq!(c.total, 2);
        let shown: Vec<(&str, &str, &str)> = c.lines.iter().map(|l| (l.left.as_str(), l.keyword.as_str(), l.right.as_str())).collect();
        // Context is cut at token edges and read on one line.
        assert_eq!(shown, [("Title The", "camp", "at Ashraf"), ("Ashraf. A", "camp", "near Baghdad")]);
        let text = &idx.docs[0].text;
        assert!(c.lines.iter().all(|l| &text[l.at..l.at + 4] == "camp"));
    }

    #[test]
    fn phrases_are_one_keyword_and_edges_are_safe() {
        let idx = index(&["Camp Ashraf is in Diyala; Camp Ashraf"]);
        let c = all(&idx, "\"camp ashraf\"", 3, Sort::Text);
        assert_eq!(c.total, 2);
        assert_eq!((c.lines[0].left.as_str(), c.lines[0].keyword.as_str()), ("", "Camp Ashraf"));
        assert_eq!((c.lines[1].keyword.as_str(), c.lines[1].right.as_str()), ("Camp Ashraf", ""));
    }

    #[test]
    fn sorts_by_left_then_right_context() {
        let idx = index(&["zeta camp beta. alpha camp gamma. mid camp alpha."]);
        let kw = |c: &Concordance| c.lines.iter().map(|l| l.left.clone() + "|" + &l.right).collect::<Vec<_>>();
        assert_eq!(kw(&all(&idx, "camp", 1, Sort::Left)), ["alpha|gamma", "mid|alpha", "zeta|beta"]);
        assert_eq!(kw(&all(&idx, "camp", 1, Sort::Right)), ["mid|alpha", "zeta|beta", "alpha|gamma"]);
    }

    #[test]
    fn the_limit_cuts_lines_not_the_count() {
        let idx = index(&["camp camp camp camp camp"]);
        let r = search(&idx, "camp");
        let c = concordance(&idx, &[0], &r.plan, 2, 3, Sort::Text);
        assert_eq!((c.lines.len(), c.total), (3, 5));
    }

    #[test]
    fn no_query_no_lines() {
        let idx = index(&["camp"]);
        assert_eq!(all(&idx, "", 3, Sort::Text), Concordance::default());
    }
}
