//! Running a query: the language parsed into a tree ([`parse`]), its
//! words resolved to dictionary terms ([`expand`]: aliases, prefixes,
//! fuzzy), the tree evaluated as set algebra over postings ([`eval`]) and
//! the documents ranked ([`rank`], BM25 with a title boost). What the query
//! resolved to is kept as a [`Plan`] for snippets, marks and the concordance.

pub mod eval;
pub mod expand;
mod lex;
pub mod parse;
pub mod rank;

pub use parse::{parse, Node, Parsed, Scope, Word, WordKind};

use crate::index::Index;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub doc: u32,
    pub score: f32,
}

/// One query word resolved to dictionary terms (several for `*` and `~`).
#[derive(Debug, Clone, PartialEq)]
pub struct Alternatives {
    /// `(term id, weight)`.
    pub terms: Vec<(usize, f32)>,
}

/// A positive word or phrase of the query, resolved: what to mark.
#[derive(Debug, Clone, PartialEq)]
pub struct Matcher {
    pub scope: Scope,
    /// One entry per word of a phrase (one for a single word).
    pub words: Vec<Alternatives>,
}

/// What the query resolved to, kept for snippets and highlighting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Plan {
    pub matchers: Vec<Matcher>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Results {
    /// Every matching document, best first; ties in document order.
    pub hits: Vec<Hit>,
    pub warnings: Vec<String>,
    pub plan: Plan,
}

/// How a query is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// A word or phrase that is a spelling of an alias group finds every
    /// spelling of the group. Off: literal search.
    pub aliases: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { aliases: true }
    }
}

/// Parses and runs `query`. An empty query lists every document in order.
pub fn search(index: &Index, query: &str) -> Results {
    search_with(index, query, Options::default())
}

pub fn search_with(index: &Index, query: &str, options: Options) -> Results {
    let parsed = parse(query);
    let mut warnings = parsed.warnings;
    let Some(root) = parsed.root else {
        let hits = (0..index.len() as u32).map(|doc| Hit { doc, score: 0.0 }).collect();
        return Results { hits, warnings, plan: Plan::default() };
    };
    let (docs, plan) = eval::evaluate(index, &root, options, &mut warnings);
    let hits = rank::rank(index, &plan, &docs);
    Results { hits, warnings, plan }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    fn index(docs: &[(&str, &str)]) -> Index {
        Index::build(docs.iter().map(|(id, text)| Source::new(*id, *text)).collect())
    }

    fn ids(idx: &Index, q: &str) -> Vec<String> {
        search(idx, q).hits.iter().map(|h| idx.docs[h.doc as usize].id.clone()).collect()
    }

    fn sorted(mut v: Vec<String>) -> Vec<String> {
        v.sort();
        v
    }

    fn fixture() -> Index {
        index(&[
            ("a", "Camp Ashraf\nThe camp near Baghdad. Maryam Rajavi is in Paris."),
            ("b", "Baghdad news\nIraqi forces entered Camp Ashraf. Massoud Rajavi vanished."),
            ("c", "Paris notes\nA camp in Ashraf province, far from Paris and Baghdad."),
            ("d", "Maliki speaks\nNouri al-Maliki met Malikī's allies; Maleki was quoted."),
        ])
    }

    #[test]
    fn every_operator() {
        let idx = fixture();
        assert_eq!(sorted(ids(&idx, "camp ashraf")), ["a", "b", "c"]);
        assert_eq!(sorted(ids(&idx, "\"camp ashraf\"")), ["a", "b"]);
        assert_eq!(sorted(ids(&idx, "Rajavi -Paris")), ["b"]);
        assert_eq!(sorted(ids(&idx, "Rajavi NOT Paris")), ["b"]);
        assert_eq!(sorted(ids(&idx, "-Paris")), ["b", "d"]);
        assert_eq!(sorted(ids(&idx, "maryam OR massoud")), ["a", "b"]);
        assert_eq!(sorted(ids(&idx, "(maryam OR massoud) -paris")), ["b"]);
        assert_eq!(sorted(ids(&idx, "Mal*")), ["d"]);
        assert_eq!(sorted(ids(&idx, "Bagh*")), ["a", "b", "c"]);
        assert_eq!(sorted(ids(&idx, "title:paris")), ["c"]);
        assert_eq!(sorted(ids(&idx, "title:\"camp ashraf\"")), ["a"]);
        assert_eq!(sorted(ids(&idx, "al-Maliki")), ["d"]);
        assert_eq!(sorted(ids(&idx, "MALIKI")), ["d"]);
        assert_eq!(sorted(ids(&idx, "Bagdad~")), ["a", "b", "c"]);
        assert!(ids(&idx, "nothinghere").is_empty());
        assert!(ids(&idx, "\"ashraf camp\"").is_empty());
    }

    #[test]
    fn empty_query_lists_all_in_order() {
        let idx = fixture();
        assert_eq!(ids(&idx, ""), ["a", "b", "c", "d"]);
        assert_eq!(ids(&idx, "   "), ["a", "b", "c", "d"]);
    }

    #[test]
    fn ranking_prefers_title_and_frequency_deterministically() {
        let idx = index(&[
            ("x1", "Other\nparis once in a much longer text that goes on and on about other things"),
            ("x2", "Paris\nTitle says it."),
            ("x3", "Other\nparis paris paris"),
            ("x4", "Other\nparis once in a much longer text that goes on and on about other things"),
        ]);
        assert_eq!(ids(&idx, "paris"), ["x2", "x3", "x1", "x4"]);
    }

    #[test]
    fn plan_keeps_only_positive_words() {
        let idx = fixture();
        let r = search(&idx, "rajavi -paris");
        assert_eq!(r.plan.matchers.len(), 1);
        assert_eq!(idx.terms()[r.plan.matchers[0].words[0].terms[0].0], "rajavi");
    }

    #[test]
    fn aliases_find_every_spelling_unless_literal() {
        let config = crate::ingest::CorpusConfig::parse(
            "[[alias]]\nname = \"Maliki\"\nspellings = [\"Maliki\", \"al-Maliki\", \"Maleki\"]\n",
        )
        .unwrap();
        let idx = Index::build_with(
            vec![Source::new("a", "Nouri al-Maliki spoke."), Source::new("b", "Maleki did all he could."), Source::new("c", "Malik no.")],
            &config,
        );
        assert_eq!(sorted(ids(&idx, "Maleki")), ["a", "b"]);
        assert_eq!(sorted(ids(&idx, "al-Maliki")), ["a", "b"]);
        let literal = search_with(&idx, "Maleki", Options { aliases: false });
        assert_eq!(literal.hits.len(), 1);
        assert_eq!(sorted(ids(&idx, "entity:maliki")), ["a", "b"]);
        // The reader marks the spelling actually used.
        let r = search(&idx, "maliki");
        assert_eq!(crate::snippet::highlights(&idx, 1, &r.plan), [0..6]);
    }
}
