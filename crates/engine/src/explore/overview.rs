//! Figures about a set of documents (the whole corpus, or what a search and
//! its filters leave): size, dates, the most frequent words and the entities
//! most documents mention. What a researcher reads before the first query.

use std::collections::BTreeMap;

use crate::analysis::stopwords::is_function_word;
use crate::index::{Facet, Field, Index, NONE};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overview {
    pub documents: usize,
    pub words: u64,
    /// Documents with a date (given, found in the header, or inferred).
    pub dated: usize,
    /// Earliest and latest document date (ISO).
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    /// Documents per year of their date, ascending, with the years between
    /// that have none as rows of 0 ([`with_gaps`]): a chart of time that
    /// skipped them would put 2002 beside 2005.
    pub years: Vec<(String, usize)>,
    /// Dates written anywhere in the texts, per year, ascending, gaps as in
    /// `years`: the period the documents speak of, which can reach far
    /// before they were written.
    pub mentioned_years: Vec<(String, usize)>,
    /// Most frequent words (function words and numbers left out):
    /// `(folded word, occurrences, documents)`, most frequent first.
    pub terms: Vec<(String, u32, u32)>,
    /// Entities (as in the Entity facet) by the number of documents that mention them.
    pub entities: Vec<(String, usize)>,
    pub kinds: Vec<(String, usize)>,
}

/// The corpus' content words, most frequent first: built once, it lets the
/// frequent-words list stop as soon as no later word can enter it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    /// `(occurrences in the whole corpus, term id)`, most frequent first.
    by_frequency: Vec<(u32, u32)>,
}

impl Vocabulary {
    pub fn new(index: &Index) -> Vocabulary {
        let mut by_frequency: Vec<(u32, u32)> = index
            .terms()
            .iter()
            .enumerate()
            .filter(|(_, t)| is_content_word(t))
            .map(|(id, _)| {
                let p = index.postings(id, Field::Body);
                ((0..p.len()).map(|i| p.count(i) as u32).sum(), id as u32)
            })
            .filter(|&(n, _)| n > 0)
            .collect();
        crate::order::sort_by(&mut by_frequency, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        Vocabulary { by_frequency }
    }
}

/// The figures for `docs` (document numbers), `top` words and entities at most.
pub fn overview(index: &Index, vocabulary: &Vocabulary, docs: &[u32], top: usize) -> Overview {
    let mut member = vec![false; index.len()];
    for &d in docs {
        if let Some(m) = member.get_mut(d as usize) {
            *m = true;
        }
    }
    let metas = || docs.iter().filter_map(|&d| index.docs.get(d as usize)).map(|d| &d.meta);
    let mut years: BTreeMap<String, usize> = BTreeMap::new();
    let mut mentioned: BTreeMap<String, usize> = BTreeMap::new();
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut dates: Vec<&str> = Vec::new();
    for m in metas() {
        if let Some(y) = m.year() {
            *years.entry(y.to_string()).or_default() += 1;
        }
        dates.extend(m.date.as_deref());
        for d in &m.dates {
            *mentioned.entry(d.iso[..4.min(d.iso.len())].to_string()).or_default() += 1;
        }
        *kinds.entry(m.kind.as_str().to_string()).or_default() += 1;
    }
    crate::order::sort(&mut dates);
    let column = index.facet(Facet::Entity);
    let mut per_value = vec![0usize; column.len()];
    for &d in docs.iter().filter(|&&d| (d as usize) < index.len()) {
        for &v in column.of(d) {
            per_value[v as usize] += 1;
        }
    }
    let mut entities: Vec<(String, usize)> = (0..column.len() as u32)
        .filter(|&v| per_value[v as usize] > 0 && column.value(v) != NONE)
        .map(|v| (column.value(v).to_string(), per_value[v as usize]))
        .collect();
    crate::order::sort_by(&mut entities, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    entities.truncate(top);
    let mut kinds: Vec<(String, usize)> = kinds.into_iter().collect();
    crate::order::sort_by(&mut kinds, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Overview {
        documents: docs.len(),
        words: metas().map(|m| m.words as u64).sum(),
        dated: dates.len(),
        first_date: dates.first().map(|s| s.to_string()),
        last_date: dates.last().map(|s| s.to_string()),
        years: with_gaps(years),
        mentioned_years: with_gaps(mentioned),
        terms: frequent_terms(index, vocabulary, &member, docs.len(), top),
        entities,
        kinds,
    }
}

/// Counts per year, ascending, each run of missing years between two
/// present ones as one row of 0 labelled with its first and last year
/// (`2003` or `2003–2004`): the chart keeps time's order and spacing in
/// rows bounded by twice the years present, whatever the span (dates in
/// texts can reach from 1066 to now). Labels that are not years are kept as
/// they come.
fn with_gaps(counts: BTreeMap<String, usize>) -> Vec<(String, usize)> {
    let mut rows: Vec<(String, usize)> = Vec::with_capacity(counts.len());
    let mut last: Option<i64> = None;
    for (label, n) in counts {
        let year = label.parse::<i64>().ok();
        if let (Some(before), Some(year)) = (last, year) {
            match year - before {
                2 => rows.push(((before + 1).to_string(), 0)),
                d if d > 2 => rows.push((format!("{}–{}", before + 1, year - 1), 0)),
                _ => {}
            }
        }
        last = year;
        rows.push((label, n));
    }
    rows
}

/// The `top` most frequent content words in the member documents. Words
/// come in corpus-frequency order, so once `top` are found, the first word
/// whose whole-corpus count is below the weakest of them ends the walk: for
/// the whole corpus that is after `top` words.
fn frequent_terms(index: &Index, vocabulary: &Vocabulary, member: &[bool], members: usize, top: usize) -> Vec<(String, u32, u32)> {
    let mut best: Vec<(u32, u32, u32)> = Vec::new(); // (occurrences, documents, term id)
    if members == 0 || top == 0 {
        return Vec::new();
    }
    let all = members == index.len();
    for &(corpus_count, id) in &vocabulary.by_frequency {
        if best.len() == top && corpus_count < best[top - 1].0 {
            break;
        }
        let p = index.postings(id as usize, Field::Body);
        let (occurrences, in_docs) = if all {
            (corpus_count, p.len() as u32)
        } else {
            let (mut n, mut d) = (0u32, 0u32);
            for (i, &doc) in p.docs.iter().enumerate() {
                if member[doc as usize] {
                    n += p.count(i) as u32;
                    d += 1;
                }
            }
            (n, d)
        };
        if occurrences == 0 {
            continue;
        }
        // Kept sorted, most frequent first; equal counts in term order, so the list is stable.
        let key = |e: &(u32, u32, u32)| (std::cmp::Reverse(e.0), index.terms()[e.2 as usize].as_str());
        let entry = (occurrences, in_docs, id);
        let at = best.partition_point(|e| key(e) < key(&entry));
        if at < top {
            best.insert(at, entry);
            best.truncate(top);
        }
    }
    best.into_iter().map(|(n, d, id)| (index.terms()[id as usize].clone(), n, d)).collect()
}

fn is_content_word(term: &str) -> bool {
    term.chars().count() >= 3 && !term.chars().all(|c| c.is_numeric()) && !is_function_word(term)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;

    fn index(texts: &[&str]) -> Index {
        Index::build(texts.iter().enumerate().map(|(i, t)| Source::new(format!("d{i}"), *t)).collect())
    }

    #[test]
    fn counts_words_of_the_given_documents_only() {
        let idx = index(&[
            "First\nThe camp and the camp and Ashraf, 12 April 2011.",
            "Second\nCamp Liberty near Baghdad, 3 May 2009. The camp.",
            "Third\nNothing about it at all.",
        ]);
        let v = Vocabulary::new(&idx);
        let o = overview(&idx, &v, &[0, 1], 3);
        assert_eq!(o.documents, 2);
        assert_eq!(o.terms[0], ("camp".into(), 4, 2));
        assert!(o.terms.iter().all(|(t, _, _)| t != "the" && t != "and" && t != "2011"));
        assert_eq!(o.mentioned_years, [("2009".into(), 1), ("2010".into(), 0), ("2011".into(), 1)]);
        let only_third = overview(&idx, &v, &[2], 10);
        assert!(only_third.terms.iter().all(|(t, _, _)| t != "camp"));
        assert_eq!(only_third.words, idx.docs[2].meta.words as u64);
    }

    /// Missing years are rows of 0 between the years present, one row per run.
    #[test]
    fn years_keep_their_gaps() {
        let counts = |rows: &[(&str, usize)]| rows.iter().map(|(y, n)| (y.to_string(), *n)).collect::<BTreeMap<_, _>>();
        let rows = |rows: &[(&str, usize)]| rows.iter().map(|(y, n)| (y.to_string(), *n)).collect::<Vec<_>>();
        assert_eq!(with_gaps(counts(&[("2002", 3), ("2005", 1)])), rows(&[("2002", 3), ("2003–2004", 0), ("2005", 1)]));
        assert_eq!(with_gaps(counts(&[("2009", 1), ("2011", 2), ("2012", 4)])), rows(&[("2009", 1), ("2010", 0), ("2011", 2), ("2012", 4)]));
        assert_eq!(with_gaps(counts(&[("1066", 1), ("2010", 1)])), rows(&[("1066", 1), ("1067–2009", 0), ("2010", 1)]));
        assert_eq!(with_gaps(counts(&[("2010", 1)])), rows(&[("2010", 1)]));
        assert_eq!(with_gaps(BTreeMap::new()), rows(&[]));
        let idx = index(&["A\nWritten 3 May 2002 about 4 July 1999.", "B\nWritten 9 June 2005."]);
        let o = overview(&idx, &Vocabulary::new(&idx), &[0, 1], 3);
        assert_eq!(o.mentioned_years, rows(&[("1999", 1), ("2000–2001", 0), ("2002", 1), ("2003–2004", 0), ("2005", 1)]));
    }

    /// The early stop gives the list a full walk over every term gives.
    #[test]
    fn frequent_words_equal_a_full_count() {
        let texts: Vec<String> = (0..40)
            .map(|i| {
                let words = ["camp", "ashraf", "iraq", "baghdad", "maliki", "rajavi", "paris", "liberty", "army", "refugees"];
                (0..(i % 7 + 3)).map(|k| words[(i * k + k * k) % words.len()]).collect::<Vec<_>>().join(" ")
            })
            .collect();
        let idx = index(&texts.iter().map(String::as_str).collect::<Vec<_>>());
        let v = Vocabulary::new(&idx);
        for docs in [(0..40).collect::<Vec<u32>>(), (0..40).step_by(3).collect(), vec![5], vec![]] {
            let mut full: Vec<(String, u32, u32)> = Vec::new();
            for (id, term) in idx.terms().iter().enumerate().filter(|(_, t)| is_content_word(t)) {
                let p = idx.postings(id, Field::Body);
                let hits: Vec<usize> = (0..p.len()).filter(|&i| docs.contains(&p.docs[i])).collect();
                let n: u32 = hits.iter().map(|&i| p.count(i) as u32).sum();
                if n > 0 {
                    full.push((term.clone(), n, hits.len() as u32));
                }
            }
            crate::order::sort_by(&mut full, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            full.truncate(4);
            assert_eq!(overview(&idx, &v, &docs, 4).terms, full, "{docs:?}");
        }
    }

    #[test]
    fn nothing_in_nothing_out() {
        let idx = index(&["A\ncamp"]);
        let o = overview(&idx, &Vocabulary::new(&idx), &[], 5);
        assert_eq!((o.documents, o.words, o.terms.len(), o.dated), (0, 0, 0, 0));
    }
}
