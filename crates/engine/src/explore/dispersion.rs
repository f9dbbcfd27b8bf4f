//! Dispersion: where in each document the matches sit (the rows of a
//! dispersion plot), and how evenly the query spreads over the documents,
//! each document a part: Juilland's D and Gries' DP (see [`super::stats`]).

use super::match_spans;
use super::stats::{deviation_of_proportions, juilland_d};
use crate::index::Index;
use crate::query::Plan;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub doc: u32,
    /// The document's length in words.
    pub length: u32,
    /// Token position where each match starts, in text order.
    pub matches: Vec<u32>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dispersion {
    /// One row per document, in the order given.
    pub rows: Vec<Row>,
    /// Matches in all the documents.
    pub total: usize,
    pub juilland_d: Option<f64>,
    /// `(DP, DPnorm)`.
    pub dp: Option<(f64, f64)>,
}

/// The matches of `plan` in `docs`, and their dispersion over them.
pub fn dispersion(index: &Index, docs: &[u32], plan: &Plan) -> Dispersion {
    let rows: Vec<Row> = docs
        .iter()
        .filter(|&&d| (d as usize) < index.len())
        .map(|&doc| Row { doc, length: index.body_len(doc), matches: match_spans(index, doc, plan).into_iter().map(|s| s.start).collect() })
        .collect();
    let counts: Vec<f64> = rows.iter().map(|r| r.matches.len() as f64).collect();
    let sizes: Vec<f64> = rows.iter().map(|r| r.length as f64).collect();
    Dispersion {
        total: rows.iter().map(|r| r.matches.len()).sum(),
        juilland_d: juilland_d(&counts, &sizes),
        dp: deviation_of_proportions(&counts, &sizes),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::analysis::tokenize;
    use crate::ingest::Source;
    use crate::query::search;

    fn index(texts: &[String]) -> Index {
        Index::build(texts.iter().enumerate().map(|(i, t)| Source::new(format!("d{i}"), t)).collect())
    }

    #[test]
    fn gries_toy_corpus_as_documents() {
        // Gries (2008): five parts of 9, 10, 10, 10 and 11 words, "b" twice in each.
        let parts = ["b a m n i b e u p", "b a s a t b e w q n", "b c a g a b e s t a", "b a g h a b e a a t", "b a h a a b e a x a t"];
        let idx = index(&parts.map(String::from));
        let r = search(&idx, "\"b\"");
        let d = dispersion(&idx, &[0, 1, 2, 3, 4], &r.plan);
        assert_eq!(d.rows.iter().map(|r| r.length).collect::<Vec<_>>(), [9, 10, 10, 10, 11]);
        assert_eq!(d.rows[0].matches, [0, 5]);
        assert_eq!(d.total, 10);
        assert_eq!((d.juilland_d.unwrap() * 1000.0).round() / 1000.0, 0.968);
        let (dp, norm) = d.dp.unwrap();
        assert_eq!(((dp * 100.0).round() / 100.0, (norm * 1000.0).round() / 1000.0), (0.02, 0.024));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The ticks are where a scan of the text finds the word.
        #[test]
        fn vectors_equal_a_brute_force_scan(
            docs in prop::collection::vec(prop::collection::vec(prop::sample::select(vec!["camp", "Camp", "ashraf", "al-Maliki", "U.S.", "x"]), 0..200), 1..5),
        ) {
            let texts: Vec<String> = docs.iter().map(|w| w.join(" ")).collect();
            let idx = index(&texts);
            let all: Vec<u32> = (0..texts.len() as u32).collect();
            let d = dispersion(&idx, &all, &search(&idx, "\"camp\"").plan);
            for (row, t) in d.rows.iter().zip(&texts) {
                let toks = tokenize(t);
                let at: Vec<u32> = toks.iter().filter(|t| t.term == "camp").map(|t| t.pos).collect();
                prop_assert_eq!(&row.matches, &at);
                prop_assert_eq!(row.length as usize, toks.len());
            }
        }
    }
}
