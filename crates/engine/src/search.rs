//! Running a parsed query against the index: which documents match (set
//! algebra over postings), how they rank (BM25 with a title boost), and which
//! term occurrences to mark (the [`Plan`]).

use crate::index::{Field, Index};
use crate::meta::Kind;
use crate::query::{self, MetaKey, Node, Scope, Word, WordKind};
use crate::entities;
use crate::tokenize::tokenize;

const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A word in the title counts this much more than one in the text.
const TITLE_BOOST: f32 = 2.0;
/// Terms reached by `*` or `~` weigh less than the word as typed.
const EXPANDED_WEIGHT: f32 = 0.7;
/// A prefix that reaches more terms than this is cut to the most frequent.
pub const MAX_EXPANSIONS: usize = 512;

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
    let parsed = query::parse(query);
    let mut warnings = parsed.warnings;
    let Some(root) = parsed.root else {
        let hits = (0..index.len() as u32).map(|doc| Hit { doc, score: 0.0 }).collect();
        return Results { hits, warnings, plan: Plan::default() };
    };
    let mut ctx = Eval { index, plan: Plan::default(), warnings: &mut warnings, options };
    let docs = ctx.eval(&root, true);
    let plan = ctx.plan;
    let hits = rank(index, &plan, &docs);
    Results { hits, warnings, plan }
}

struct Eval<'a> {
    index: &'a Index,
    plan: Plan,
    warnings: &'a mut Vec<String>,
    options: Options,
}

impl Eval<'_> {
    /// Sorted document numbers matching `node`. `positive`: outside any NOT,
    /// so its words count for ranking and marking.
    fn eval(&mut self, node: &Node, positive: bool) -> Vec<u32> {
        match node {
            Node::Match { scope, words } if self.options.aliases && words.iter().all(|w| w.kind == WordKind::Exact) => {
                let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
                match entities::group_of(&self.index.aliases, &texts) {
                    // Every spelling of the entity, each marked where it stands.
                    Some(group) => group
                        .spellings
                        .iter()
                        .map(|s| {
                            let words: Vec<Word> = s.iter().map(|t| Word { text: t.clone(), kind: WordKind::Exact }).collect();
                            self.eval_match(*scope, &words, positive)
                        })
                        .reduce(|a, b| union(&a, &b))
                        .unwrap_or_default(),
                    None => self.eval_match(*scope, words, positive),
                }
            }
            Node::Match { scope, words } => self.eval_match(*scope, words, positive),
            Node::Meta { key, value } => meta_docs(self.index, *key, value),
            Node::Not(inner) => {
                let excluded = self.eval(inner, !positive);
                difference(&all(self.index), &excluded)
            }
            Node::Or(items) => items.iter().map(|n| self.eval(n, positive)).reduce(|a, b| union(&a, &b)).unwrap_or_default(),
            Node::And(items) => {
                // Intersect the positive parts first, then take the negatives away,
                // so `a -b` never materialises "everything but b".
                let (neg, pos): (Vec<&Node>, Vec<&Node>) = items.iter().partition(|n| matches!(n, Node::Not(_)));
                let mut acc = if pos.is_empty() { all(self.index) } else { Vec::new() };
                for (i, n) in pos.iter().enumerate() {
                    let docs = self.eval(n, positive);
                    acc = if i == 0 { docs } else { intersect(&acc, &docs) };
                }
                for n in neg {
                    let Node::Not(inner) = n else { unreachable!("partitioned on Not") };
                    let excluded = self.eval(inner, !positive);
                    acc = difference(&acc, &excluded);
                }
                acc
            }
        }
    }

    fn eval_match(&mut self, scope: Scope, words: &[Word], positive: bool) -> Vec<u32> {
        let resolved: Vec<Alternatives> = words.iter().map(|w| self.resolve(w)).collect();
        let docs = match_docs(self.index, scope, &resolved);
        if positive {
            self.plan.matchers.push(Matcher { scope, words: resolved });
        }
        docs
    }

    fn resolve(&mut self, word: &Word) -> Alternatives {
        let index = self.index;
        let terms = match word.kind {
            WordKind::Exact => index.term_id(&word.text).map(|t| (t, 1.0)).into_iter().collect(),
            WordKind::Prefix => {
                let mut ids: Vec<usize> = index.prefix_range(&word.text).collect();
                if ids.len() > MAX_EXPANSIONS {
                    self.warnings.push(format!(
                        "`{}*` matches {} words: only the {MAX_EXPANSIONS} most frequent were used.",
                        word.text,
                        ids.len()
                    ));
                    ids.sort_by_key(|&t| std::cmp::Reverse(index.postings(t, Field::Body).len()));
                    ids.truncate(MAX_EXPANSIONS);
                    ids.sort_unstable();
                }
                ids.into_iter().map(|t| (t, if index.terms()[t] == word.text { 1.0 } else { EXPANDED_WEIGHT })).collect()
            }
            WordKind::Fuzzy => fuzzy_terms(index, &word.text),
        };
        Alternatives { terms }
    }
}

/// Edit distance allowed for `word~` (contract: 1 from 4 letters, 2 from 8).
pub fn fuzzy_distance(word: &str) -> usize {
    match word.chars().count() {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

fn fuzzy_terms(index: &Index, word: &str) -> Vec<(usize, f32)> {
    let max = fuzzy_distance(word);
    let target: Vec<char> = word.chars().collect();
    index
        .terms()
        .iter()
        .enumerate()
        .filter_map(|(id, term)| {
            let d = bounded_levenshtein(&target, term, max)?;
            Some((id, if d == 0 { 1.0 } else { EXPANDED_WEIGHT }))
        })
        .collect()
}

/// Levenshtein distance of `a` and `b` if it is at most `max`.
pub fn bounded_levenshtein(a: &[char], b: &str, max: usize) -> Option<usize> {
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    Some(prev[b.len()]).filter(|&d| d <= max)
}

fn fields(scope: Scope) -> &'static [Field] {
    match scope {
        Scope::Text => &[Field::Body, Field::Title],
        Scope::Title => &[Field::Title],
    }
}

/// Documents where the words occur (in a row, for a phrase) in the scope.
fn match_docs(index: &Index, scope: Scope, words: &[Alternatives]) -> Vec<u32> {
    let mut out = Vec::new();
    for &field in fields(scope) {
        let docs = if words.len() == 1 {
            word_docs(index, field, &words[0])
        } else {
            phrase_docs(index, field, words)
        };
        out = union(&out, &docs);
    }
    out
}

fn word_docs(index: &Index, field: Field, word: &Alternatives) -> Vec<u32> {
    word.terms.iter().map(|&(t, _)| index.postings(t, field).docs.clone()).reduce(|a, b| union(&a, &b)).unwrap_or_default()
}

fn phrase_docs(index: &Index, field: Field, words: &[Alternatives]) -> Vec<u32> {
    let candidates = words.iter().map(|w| word_docs(index, field, w)).reduce(|a, b| intersect(&a, &b)).unwrap_or_default();
    candidates.into_iter().filter(|&d| !phrase_starts(index, field, words, d).is_empty()).collect()
}

/// Sorted, deduplicated positions of a word's alternatives in one document.
pub fn word_positions(index: &Index, field: Field, word: &Alternatives, doc: u32) -> Vec<u32> {
    let mut ps: Vec<u32> = word.terms.iter().flat_map(|&(t, _)| index.postings(t, field).positions_in(doc).iter().copied()).collect();
    ps.sort_unstable();
    ps.dedup();
    ps
}

/// Positions in `doc` where the phrase `words` starts.
pub fn phrase_starts(index: &Index, field: Field, words: &[Alternatives], doc: u32) -> Vec<u32> {
    let mut starts = word_positions(index, field, &words[0], doc);
    for (k, w) in words.iter().enumerate().skip(1) {
        let next = word_positions(index, field, w, doc);
        starts.retain(|&p| next.binary_search(&(p + k as u32)).is_ok());
        if starts.is_empty() {
            break;
        }
    }
    starts
}

/// `field:value`: the value's words stand, in order, in the field
/// (`author:Murphy` finds "Dan Murphy"; case and accents never matter).
fn meta_docs(index: &Index, key: MetaKey, value: &str) -> Vec<u32> {
    let terms = |s: &str| tokenize(s).into_iter().map(|t| t.term).collect::<Vec<_>>();
    let want = terms(value);
    let matches = |field: Option<&str>| {
        field.is_some_and(|f| {
            let have = terms(f);
            !want.is_empty() && have.windows(want.len()).any(|w| w == want.as_slice())
        })
    };
    index
        .docs
        .iter()
        .enumerate()
        .filter(|(_, d)| match key {
            MetaKey::Author => matches(d.meta.author.as_deref()),
            MetaKey::Source => matches(d.meta.section.as_deref()),
            MetaKey::Year => matches(d.meta.year()),
            MetaKey::Kind => matches(Some(Kind::as_str(d.meta.kind))),
            MetaKey::Entity => d.meta.entities.iter().any(|e| matches(Some(e))),
        })
        .map(|(n, _)| n as u32)
        .collect()
}

/// BM25 over every positive word or phrase, title matches boosted; best first, ties
/// broken by document order so equal queries give equal pages.
fn rank(index: &Index, plan: &Plan, docs: &[u32]) -> Vec<Hit> {
    let n = index.len() as f32;
    let mut scores = vec![0f32; index.len()];
    let mut member = vec![false; index.len()];
    for &d in docs {
        member[d as usize] = true;
    }
    let idf_of = |df: f32| (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
    for matcher in &plan.matchers {
        // A phrase scores as one term (as tantivy and Lucene do): its
        // occurrences are the term frequency, its words' idfs add up.
        if matcher.words.len() > 1 {
            for &field in fields(matcher.scope) {
                let boost = if field == Field::Title { TITLE_BOOST } else { 1.0 };
                let idf: f32 = matcher
                    .words
                    .iter()
                    .map(|w| w.terms.iter().map(|&(t, weight)| weight * idf_of(index.postings(t, field).len() as f32)).fold(0.0, f32::max))
                    .sum();
                let avg = index.avg_field_len(field);
                for &d in docs {
                    let tf = phrase_starts(index, field, &matcher.words, d).len() as f32;
                    if tf > 0.0 {
                        let len = index.field_len(d, field) as f32;
                        scores[d as usize] += boost * idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg));
                    }
                }
            }
            continue;
        }
        for word in &matcher.words {
            for &(term, weight) in &word.terms {
                for &field in fields(matcher.scope) {
                    let boost = if field == Field::Title { TITLE_BOOST } else { 1.0 };
                    let postings = index.postings(term, field);
                    let idf = idf_of(postings.len() as f32);
                    let avg = index.avg_field_len(field);
                    for (i, &d) in postings.docs.iter().enumerate() {
                        if !member[d as usize] {
                            continue;
                        }
                        let tf = postings.positions(i).len() as f32;
                        let len = index.field_len(d, field) as f32;
                        let part = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg));
                        scores[d as usize] += boost * weight * idf * part;
                    }
                }
            }
        }
    }
    let mut hits: Vec<Hit> = docs.iter().map(|&doc| Hit { doc, score: scores[doc as usize] }).collect();
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.doc.cmp(&b.doc)));
    hits
}

fn all(index: &Index) -> Vec<u32> {
    (0..index.len() as u32).collect()
}

fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter().copied().filter(|x| b.binary_search(x).is_ok()).collect()
}

fn difference(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter().copied().filter(|x| b.binary_search(x).is_err()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;

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
        let config = crate::config::CorpusConfig::parse(
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

    #[test]
    fn levenshtein_bounds() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(bounded_levenshtein(&c("maliki"), "maleki", 1), Some(1));
        assert_eq!(bounded_levenshtein(&c("maliki"), "makeki", 1), None);
        assert_eq!(bounded_levenshtein(&c("mujahedin"), "mujahidin", 2), Some(1));
        assert_eq!(fuzzy_distance("iran"), 1);
        assert_eq!(fuzzy_distance("mko"), 0);
        assert_eq!(fuzzy_distance("mujahedin"), 2);
    }
}
