//! Trends: how often each of a few queries occurs, per 10,000 words, in
//! each year of the documents' dates, or, when no document carries a date,
//! in ten equal stretches of the documents in corpus order (as Voyant's
//! Trends splits a corpus into segments).

use super::match_spans;
use crate::index::Index;
use crate::query::Plan;

/// Most series on one chart.
pub const MAX_TERMS: usize = 5;
/// Stretches of undated documents.
pub const SEGMENTS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bin {
    /// The year, or the documents' range in corpus order ("1–4").
    pub label: String,
    pub documents: usize,
    pub words: u64,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Trends {
    pub bins: Vec<Bin>,
    /// Per series (in the order given), the matches in each bin.
    pub counts: Vec<Vec<u32>>,
    /// Bins are years (else stretches of documents).
    pub by_year: bool,
    /// Documents left out for having no date, when others have one.
    pub undated: usize,
}

impl Trends {
    /// Occurrences per 10,000 words of series `s` in bin `b` (0 for an empty bin).
    pub fn per_10k(&self, s: usize, b: usize) -> f64 {
        let words = self.bins[b].words;
        if words == 0 {
            0.0
        } else {
            self.counts[s][b] as f64 * 10_000.0 / words as f64
        }
    }
}

/// The matches of each plan in `docs`, per year or per stretch.
pub fn trends(index: &Index, docs: &[u32], plans: &[Plan]) -> Trends {
    let docs: Vec<u32> = docs.iter().copied().filter(|&d| (d as usize) < index.len()).collect();
    let year = |d: u32| index.docs[d as usize].meta.year().map(str::to_string);
    let by_year = docs.iter().any(|&d| year(d).is_some());
    // Each bin's documents.
    let groups: Vec<(String, Vec<u32>)> = if by_year {
        let mut years: std::collections::BTreeMap<String, Vec<u32>> = Default::default();
        for &d in &docs {
            if let Some(y) = year(d) {
                years.entry(y).or_default().push(d);
            }
        }
        years.into_iter().collect()
    } else {
        let mut sorted = docs.clone();
        crate::order::sort(&mut sorted);
        let k = SEGMENTS.min(sorted.len());
        (0..k)
            .map(|i| {
                let part = sorted[i * sorted.len() / k..(i + 1) * sorted.len() / k].to_vec();
                let (a, b) = (i * sorted.len() / k + 1, (i + 1) * sorted.len() / k);
                (if a == b { a.to_string() } else { format!("{a}–{b}") }, part)
            })
            .collect()
    };
    let placed: usize = groups.iter().map(|(_, g)| g.len()).sum();
    Trends {
        bins: groups
            .iter()
            .map(|(label, g)| Bin { label: label.clone(), documents: g.len(), words: g.iter().map(|&d| index.body_len(d) as u64).sum() })
            .collect(),
        counts: plans.iter().map(|plan| groups.iter().map(|(_, g)| g.iter().map(|&d| match_spans(index, d, plan).len() as u32).sum()).collect()).collect(),
        by_year,
        undated: docs.len() - placed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;
    use crate::query::search;

    fn dated(id: &str, date: Option<&str>, text: &str) -> Source {
        let mut s = Source::new(id, text);
        s.overrides = Some(crate::ingest::config::Overrides { date: date.map(String::from), ..Default::default() });
        s
    }

    #[test]
    fn per_year_relative_frequencies() {
        let idx = Index::build(vec![
            dated("a", Some("2009-05-01"), "camp x x x"),
            dated("b", Some("2011-01-01"), "camp camp y y"),
            dated("c", Some("2009-12-31"), "z z z z"),
            dated("d", None, "camp"),
        ]);
        let plans = [search(&idx, "camp").plan, search(&idx, "z").plan];
        let t = trends(&idx, &[0, 1, 2, 3], &plans);
        assert!(t.by_year);
        assert_eq!(t.bins.iter().map(|b| (b.label.as_str(), b.documents, b.words)).collect::<Vec<_>>(), [("2009", 2, 8), ("2011", 1, 4)]);
        assert_eq!(t.counts, [vec![1, 2], vec![4, 0]]);
        assert_eq!(t.undated, 1);
        assert_eq!(t.per_10k(0, 0), 1250.0);
        assert_eq!(t.per_10k(0, 1), 5000.0);
    }

    #[test]
    fn undated_documents_fall_in_stretches_of_corpus_order() {
        let texts: Vec<Source> = (0..12).map(|i| dated(&format!("d{i}"), None, if i < 6 { "camp" } else { "x" })).collect();
        let idx = Index::build(texts);
        let docs: Vec<u32> = (0..12).rev().collect();
        let t = trends(&idx, &docs, &[search(&idx, "camp").plan]);
        assert!(!t.by_year);
        assert_eq!(t.bins.len(), SEGMENTS);
        assert_eq!(t.bins[0].label, "1");
        // 12 documents in 10 stretches: the fifth and the tenth hold two.
        assert_eq!(t.bins[4].label, "5–6");
        assert_eq!(t.bins[9].label, "11–12");
        assert_eq!(t.bins.iter().map(|b| b.documents).sum::<usize>(), 12);
        assert_eq!(t.counts[0].iter().sum::<u32>(), 6);
        assert_eq!(t.undated, 0);
    }
}
