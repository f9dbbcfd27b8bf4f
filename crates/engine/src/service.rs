//! One search question and its whole answer: the unit that crosses the
//! boundary between the page and whatever searches for it.
//!
//! The result list, its count, the facet panel, the snippets on screen,
//! the warnings and "Did you mean" all follow from one [`Question`]; they
//! come back together as one [`Answer`]. The page asks nothing else of
//! search for them, so what answers can change (this engine in the page,
//! the same engine in a Web Worker, a search server as docs/BACKENDS.md
//! maps it) without the views knowing. A question is plain data (what a
//! message to a worker or a request to a server carries); an answer holds
//! document numbers and texts, not references into a search's working state.
//!
//! [`answer`] is the embedded engine's side: search, then filter, order
//! and cut snippets for the first hits, in the order a server does; the
//! facet counts of an answer are [`counts`], counted when the facet panel
//! draws them (a frame after the list: at 299,202 documents counting took
//! about 10 ms of each keystroke, for values the panel showed a frame later).

use crate::facets::{self, Counts, Filters, Order};
use crate::index::{FacetColumn, Index};
use crate::query::{search_with, Hit, Options, Plan};
use crate::snippet::{snippet, Snippet};

/// Length of a result's snippet, in words.
pub const SNIPPET_WORDS: u32 = 32;

/// What the page asks: the query as typed and how to read it, the ticked
/// facet values, the order, and how many of the first hits need a snippet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Question {
    pub query: String,
    /// Alias expansion off.
    pub literal: bool,
    pub filters: Filters,
    pub order: Order,
    /// Snippets wanted: for the first this many hits of the list (the ones
    /// on screen; a download of the whole list asks for all).
    pub snippets: usize,
}

/// What comes back for a [`Question`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    /// The documents that match and pass the filters, in the asked order.
    pub hits: Vec<Hit>,
    /// Every document that matches, before the filters: what [`counts`]
    /// counts, with the filters the hits passed.
    pub matched: Vec<Hit>,
    pub filters: Filters,
    /// The first [`Question::snippets`] hits' snippets, in list order,
    /// for those whose text is known.
    pub snippets: Vec<(u32, Snippet)>,
    /// Those of the first hits whose snippet waits for their text (in the
    /// page: a texts chunk not fetched yet); asked again once it has come.
    pub waiting: Vec<u32>,
    /// What was wrong with the query, said in words (it still ran).
    pub warnings: Vec<String>,
    /// For a sharded index: the fragments this answer lacked (words and
    /// lists not found because their fragment is not here yet). Such an
    /// answer is not the answer, and holds no hits or snippets: the
    /// page fetches them and asks again ([`crate::index::fragments`]).
    /// Empty for an index read whole.
    pub fragments: Vec<usize>,
    /// When nothing matched: the query with misspelt words corrected.
    pub suggestions: Vec<String>,
    /// What to mark, as this engine reads the query: the reader's marks,
    /// the concordance and the analyses work from it in the page. A server
    /// sends none; those views become questions of their own there.
    pub plan: Plan,
}

impl Answer {
    /// The snippet of a document on the list, if one was asked for.
    pub fn snippet(&self, doc: u32) -> Option<&Snippet> {
        self.snippets.iter().find(|(d, _)| *d == doc).map(|(_, s)| s)
    }
}

/// Answers `question` over `index`. `tags` is the reader's tag column (for
/// `tag:` and the Tag group; [`FacetColumn::empty`] when there are none):
/// it lives in the page, so it travels beside the question.
pub fn answer(index: &Index, tags: &FacetColumn, question: &Question) -> Answer {
    let misses = index.fragment_misses();
    let results = search_with(index, &question.query, Options { aliases: !question.literal, tags });
    let (missing, now) = index.fragments_missed_since(misses);
    if now != misses {
        // Not the answer: some of its words or lists were not here. It names
        // the fragments to fetch and holds no hits, so nothing shows (or
        // fetches texts for) the documents found without them: over the
        // Linux docs, when the core held the title lists, those whose
        // titles hold the word, 15 texts files fetched for nothing before
        // the first answer.
        return Answer { warnings: results.warnings, fragments: missing, plan: results.plan, ..Answer::default() };
    }
    let mut hits = facets::filter(index, tags, &results.hits, &question.filters);
    facets::sort(index, &mut hits, question.order);
    let (mut snippets, mut waiting) = (Vec::new(), Vec::new());
    for h in hits.iter().take(question.snippets) {
        match snippet(index, h.doc, &results.plan, SNIPPET_WORDS) {
            Some(s) => snippets.push((h.doc, s)),
            None => waiting.push(h.doc),
        }
    }
    // Snippets read the lists the search read: what they lack, it lacked.
    let (fragments, _) = index.fragments_missed_since(misses);
    Answer {
        hits,
        matched: results.hits,
        filters: question.filters.clone(),
        snippets,
        waiting,
        warnings: results.warnings,
        fragments,
        suggestions: results.suggestions,
        plan: results.plan,
    }
}

/// Per facet of `answer`, its values with the number of matching documents
/// each would leave (each group counted over the other groups' ticks); `tags`
/// as the answer was given.
pub fn counts<'a>(index: &'a Index, tags: &FacetColumn, answer: &Answer) -> Counts<'a> {
    facets::counts(index, tags, &answer.matched, &answer.filters)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facets::tests::fixture;
    use crate::facets::Facet;

    fn ids(index: &Index, hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| index.docs[h.doc as usize].id.to_string()).collect()
    }

    fn count(counts: &Counts, facet: Facet, value: &str) -> Option<usize> {
        counts.iter().find(|(f, _)| *f == facet)?.1.iter().find(|(v, _)| v == value).map(|(_, c)| *c)
    }

    #[test]
    fn the_list_is_the_matches_that_pass_the_filters() {
        let index = fixture();
        let mut filters = Filters::default();
        filters.toggle(Facet::Source, "Iraq");
        // "camp" is in a, b and d; Iraq is a's and c's breadcrumb.
        let a = answer(&index, FacetColumn::empty(), &Question { query: "camp".into(), filters, ..Question::default() });
        assert_eq!(ids(&index, &a.hits), ["a"]);
        // Counts are over the matches: b (Iran) is one, whatever Iraq's tick; c, without "camp", is not counted in 2010.
        let counted = counts(&index, FacetColumn::empty(), &a);
        assert_eq!(count(&counted, Facet::Source, "Iran"), Some(1));
        assert_eq!(count(&counted, Facet::Year, "2010"), None, "b is filtered out by Source and c does not match");
        assert_eq!(count(&counted, Facet::Year, "2011"), Some(1));
    }

    #[test]
    fn the_list_is_in_the_asked_order() {
        let index = fixture();
        let a = answer(&index, FacetColumn::empty(), &Question { query: "baghdad".into(), order: Order::Date, ..Question::default() });
        // a is dated 2011, c 2010: newest first.
        assert_eq!(ids(&index, &a.hits), ["a", "c"]);
        let a = answer(&index, FacetColumn::empty(), &Question { query: "baghdad".into(), order: Order::Title, ..Question::default() });
        assert_eq!(ids(&index, &a.hits), ["a", "c"], "One before Three");
    }

    #[test]
    fn snippets_for_the_first_hits_only_marking_the_query() {
        let index = fixture();
        let a = answer(&index, FacetColumn::empty(), &Question { query: "camp".into(), snippets: 2, ..Question::default() });
        assert_eq!(a.hits.len(), 3);
        let docs: Vec<u32> = a.snippets.iter().map(|(d, _)| *d).collect();
        assert_eq!(docs, a.hits.iter().take(2).map(|h| h.doc).collect::<Vec<_>>());
        for (_, s) in &a.snippets {
            assert!(!s.marks.is_empty());
            for m in &s.marks {
                assert_eq!(s.text[m.clone()].to_lowercase(), "camp");
            }
        }
        assert!(a.snippet(a.hits[2].doc).is_none());
    }

    #[test]
    fn nothing_found_comes_with_suggestions_and_warnings_say_what_was_wrong() {
        let index = fixture();
        let a = answer(&index, FacetColumn::empty(), &Question { query: "bagdad".into(), ..Question::default() });
        assert!(a.hits.is_empty());
        assert!(a.suggestions.iter().any(|s| s == "baghdad"), "{:?}", a.suggestions);
        let a = answer(&index, FacetColumn::empty(), &Question { query: "\"camp".into(), ..Question::default() });
        assert!(!a.warnings.is_empty(), "an unclosed quote is said");
    }
}
