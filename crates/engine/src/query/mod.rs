//! Running a query: the language parsed into a tree ([`parse`]), its
//! words resolved to dictionary terms ([`expand`]: stems, aliases,
//! prefixes, fuzzy), the tree evaluated as set algebra over postings
//! ([`eval`]) and the documents ranked ([`rank`], BM25 with a title boost).
//! What the query resolved to is kept as a [`Plan`] for snippets, marks and
//! the concordance; a query that finds nothing gets corrections ([`suggest`]).

pub mod eval;
pub mod expand;
mod lex;
pub mod parse;
pub mod rank;
pub mod suggest;

pub use parse::{parse, parse_with, Node, Parsed, Scope, Word, WordKind};

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
    /// `"a b"~N`: the words in any order within N of each other, not in a row.
    pub near: Option<u32>,
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
    /// When nothing matched: the query with misspelt words corrected.
    pub suggestions: Vec<String>,
}

/// How a query is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options<'a> {
    /// A word or phrase that is a spelling of an alias group finds every
    /// spelling of the group. Off: literal search.
    pub aliases: bool,
    /// The reader's tags, for `tag:` (the page's; none by default).
    pub tags: &'a crate::index::FacetColumn,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options { aliases: true, tags: crate::index::FacetColumn::empty() }
    }
}

/// Parses and runs `query`. An empty query lists every document in order.
pub fn search(index: &Index, query: &str) -> Results {
    search_with(index, query, Options::default())
}

pub fn search_with(index: &Index, query: &str, options: Options) -> Results {
    let parsed = parse_with(query, index.facets());
    let mut warnings = parsed.warnings;
    let Some(root) = parsed.root else {
        let hits = (0..index.len() as u32).map(|doc| Hit { doc, score: 0.0 }).collect();
        return Results { hits, warnings, plan: Plan::default(), suggestions: Vec::new() };
    };
    let misses = index.fragment_misses();
    let (docs, plan) = eval::evaluate(index, &root, options, &mut warnings);
    let hits = rank::rank(index, &plan, &docs);
    // A sharded index's first round may find nothing only because a
    // fragment is not here: the round after it, whole, suggests, never
    // this one (its corrections would fetch every fragment of a letter).
    let whole = index.fragment_misses() == misses;
    let suggestions = if hits.is_empty() && whole { suggest::suggestions(index, query) } else { Vec::new() };
    Results { hits, warnings, plan, suggestions }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    fn index(docs: &[(&str, &str)]) -> Index {
        Index::build(docs.iter().map(|(id, text)| Source::new(*id, *text)).collect())
    }

    fn ids(idx: &Index, q: &str) -> Vec<String> {
        search(idx, q).hits.iter().map(|h| idx.docs[h.doc as usize].id.to_string()).collect()
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
        assert_eq!(sorted(ids(&idx, "\"rajavi paris\"~3")), ["a"]);
        assert_eq!(sorted(ids(&idx, "\"paris rajavi\"~3")), ["a"]);
        assert!(ids(&idx, "\"rajavi paris\"~1").is_empty());
        assert!(ids(&idx, "nothinghere").is_empty());
        assert!(ids(&idx, "\"ashraf camp\"").is_empty());
    }

    #[test]
    fn a_bare_word_finds_every_form_a_quoted_word_its_own() {
        let idx = index(&[
            ("one", "Talks\nThe interviews and negotiations went on."),
            ("two", "Notes\nAn interview with a resident."),
            ("three", "More\nResidents interviewed residents."),
        ]);
        assert_eq!(sorted(ids(&idx, "interview ")), ["one", "three", "two"]);
        assert_eq!(sorted(ids(&idx, "negotiate ")), ["one"]);
        assert_eq!(sorted(ids(&idx, "resident ")), ["three", "two"]);
        assert_eq!(ids(&idx, "\"interview\""), ["two"]);
        assert_eq!(ids(&idx, "\"interviews\""), ["one"]);
        // The reader marks the forms the text uses.
        let r = search(&idx, "negotiate ");
        let at = idx.text(0).unwrap().find("negotiations").unwrap();
        assert_eq!(crate::snippet::highlights(&idx, 0, &r.plan), vec![at..at + "negotiations".len()]);
    }

    #[test]
    fn the_exact_form_ranks_above_another_form() {
        // Same length, same place: only the form differs.
        let idx = index(&[("other", "T\nthey negotiated a deal"), ("exact", "T\nthey negotiate a deal")]);
        assert_eq!(ids(&idx, "negotiate "), ["exact", "other"]);
        assert_eq!(ids(&idx, "negotiated "), ["other", "exact"]);
    }

    #[test]
    fn the_word_being_typed_finds_the_words_it_begins_after_whole_words() {
        let idx = fixture();
        assert_eq!(sorted(ids(&idx, "Raj")), ["a", "b"]);
        assert!(ids(&idx, "Raj ").is_empty());
        // Whole words first: `mal` is a word of "x" only, and begins "maliki" in "d".
        let idx = index(&[("d", "T\nthe maliki of it"), ("x", "T\nthe mal of it")]);
        assert_eq!(ids(&idx, "mal"), ["x", "d"]);
    }

    #[test]
    fn no_match_offers_a_correction() {
        let idx = fixture();
        let r = search(&idx, "Rajvi ");
        assert!(r.hits.is_empty());
        assert_eq!(r.suggestions, ["rajavi "]);
        assert_eq!(sorted(ids(&idx, &r.suggestions[0])), ["a", "b"]);
        assert!(search(&idx, "rajavi ").suggestions.is_empty());
    }

    #[test]
    fn unspaced_scripts_and_folded_letters() {
        let idx = index(&[("ja", "日本\n私は東京都に住んでいます。"), ("zh", "中国\n我喜欢北京天安门。"), ("pl", "Polska\nMieszkam w Łodzi, nie w Łódź.")]);
        assert_eq!(ids(&idx, "東京 "), ["ja"]);
        assert_eq!(ids(&idx, "北京 "), ["zh"]);
        assert_eq!(ids(&idx, "天安门 "), ["zh"]);
        assert_eq!(sorted(ids(&idx, "京 ")), ["ja", "zh"]);
        assert_eq!(ids(&idx, "Lodz "), ["pl"]);
        let r = search(&idx, "東京 ");
        let text = idx.text(0).unwrap();
        let marks = crate::snippet::highlights(&idx, 0, &r.plan);
        assert_eq!(marks.iter().map(|m| &text[m.clone()]).collect::<Vec<_>>(), ["東京"]);
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

    mod oracle {
        use proptest::prelude::*;

        use super::*;
        use crate::analysis::{tokenize, Language};

        const WORDS: [&str; 14] = [
            "interview",
            "interviews",
            "interviewed",
            "camp",
            "camps",
            "camping",
            "resident",
            "residents",
            "negotiation",
            "negotiate",
            "Ashraf",
            "the",
            "run",
            "running",
        ];

        proptest! {
            /// A bare word finds exactly the documents with a token whose
            /// stem is the word's stem: a scan that stems every token agrees.
            #[test]
            fn stemmed_search_equals_a_scan_that_stems_every_token(
                docs in prop::collection::vec(prop::collection::vec(prop::sample::select(WORDS.to_vec()), 1..12), 1..8),
                word in prop::sample::select(WORDS.to_vec()),
            ) {
                let texts: Vec<String> = docs.iter().map(|d| format!("T\n{}", d.join(" "))).collect();
                let idx = Index::build(texts.iter().enumerate().map(|(i, t)| Source::new(format!("{i}"), t.as_str())).collect());
                let stem = |w: &str| Language::English.stem(&crate::analysis::fold(w)).into_owned();
                let want: Vec<u32> = (0..texts.len() as u32)
                    .filter(|&d| tokenize(&texts[d as usize]).iter().any(|t| stem(&t.term) == stem(word)))
                    .collect();
                let r = search(&idx, &format!("{word} "));
                let mut got: Vec<u32> = r.hits.iter().map(|h| h.doc).collect();
                got.sort_unstable();
                prop_assert_eq!(&got, &want);
                // Every mark lies on a token whose stem the query asked for.
                for &d in &got {
                    let text = &texts[d as usize];
                    for m in crate::snippet::highlights(&idx, d, &r.plan) {
                        prop_assert_eq!(stem(&text[m]), stem(word));
                    }
                }
            }
        }
    }

    #[test]
    fn aliases_find_every_spelling_unless_literal() {
        let config = crate::ingest::CorpusConfig::parse("[[alias]]\nname = \"Maliki\"\nspellings = [\"Maliki\", \"al-Maliki\", \"Maleki\"]\n").unwrap();
        let idx = Index::build_with(
            vec![Source::new("a", "Nouri al-Maliki spoke."), Source::new("b", "Maleki did all he could."), Source::new("c", "Malik no.")],
            &config,
        );
        assert_eq!(sorted(ids(&idx, "Maleki")), ["a", "b"]);
        assert_eq!(sorted(ids(&idx, "al-Maliki")), ["a", "b"]);
        let literal = search_with(&idx, "Maleki", Options { aliases: false, ..Options::default() });
        assert_eq!(literal.hits.len(), 1);
        assert_eq!(sorted(ids(&idx, "entity:maliki")), ["a", "b"]);
        // The reader marks the spelling actually used.
        let r = search(&idx, "maliki");
        assert_eq!(crate::snippet::highlights(&idx, 1, &r.plan), vec![0..6]);
    }
}
