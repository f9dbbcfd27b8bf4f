//! A parsed query evaluated against the index: which documents match, as
//! set algebra over sorted document lists (AND intersects, OR unites, NOT
//! takes away), phrases by positions, `field:value` through the facet
//! table. Positive words are collected into the [`Plan`] as they resolve.

use super::expand;
use super::parse::{Node, Scope, Word, WordKind};
use super::{Alternatives, Matcher, Options, Plan};
use crate::index::{Facet, Field, Index};

/// Sorted document numbers matching `root`, and the plan of what to mark.
pub fn evaluate(index: &Index, root: &Node, options: Options, warnings: &mut Vec<String>) -> (Vec<u32>, Plan) {
    let mut ctx = Eval { index, plan: Plan::default(), warnings, options };
    let docs = ctx.eval(root, true);
    (docs, ctx.plan)
}

struct Eval<'a, 'w> {
    index: &'a Index,
    plan: Plan,
    warnings: &'w mut Vec<String>,
    options: Options<'a>,
}

impl Eval<'_, '_> {
    /// Sorted document numbers matching `node`. `positive`: outside any NOT,
    /// so its words count for ranking and marking.
    fn eval(&mut self, node: &Node, positive: bool) -> Vec<u32> {
        match node {
            Node::Match { scope, words } if self.options.aliases => {
                match expand::alias_group(self.index, words) {
                    // Every spelling of the entity, each marked where it stands.
                    Some(group) => {
                        let each: Vec<Vec<u32>> = group
                            .spellings
                            .iter()
                            .map(|s| {
                                let words: Vec<Word> = s.iter().map(|t| Word { text: t.clone(), kind: WordKind::Exact }).collect();
                                self.eval_match(*scope, &words, positive)
                            })
                            .collect();
                        union_all(self.index.len(), each.iter().map(Vec::as_slice))
                    }
                    None => self.eval_match(*scope, words, positive),
                }
            }
            Node::Match { scope, words } => self.eval_match(*scope, words, positive),
            Node::Near { scope, words, within } => {
                let resolved: Vec<Alternatives> = words.iter().map(|w| expand::resolve(self.index, w, self.warnings)).collect();
                let per_field: Vec<Vec<u32>> = fields(*scope)
                    .iter()
                    .map(|&field| {
                        let candidates = resolved.iter().map(|w| word_docs(self.index, field, w)).reduce(|a, b| intersect(&a, &b)).unwrap_or_default();
                        candidates.into_iter().filter(|&d| !near_windows(self.index, field, &resolved, *within, d).is_empty()).collect()
                    })
                    .collect();
                let docs = union_all(self.index.len(), per_field.iter().map(Vec::as_slice));
                if positive {
                    self.plan.matchers.push(Matcher { scope: *scope, words: resolved, near: Some(*within) });
                }
                docs
            }
            Node::Meta { key, value } => meta_docs(self.index, self.options.tags, *key, value),
            Node::Not(inner) => {
                let excluded = self.eval(inner, !positive);
                difference(&all(self.index), &excluded)
            }
            Node::Or(items) => {
                let each: Vec<Vec<u32>> = items.iter().map(|n| self.eval(n, positive)).collect();
                union_all(self.index.len(), each.iter().map(Vec::as_slice))
            }
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
        let resolved: Vec<Alternatives> = words.iter().map(|w| expand::resolve(self.index, w, self.warnings)).collect();
        let docs = match_docs(self.index, scope, &resolved);
        if positive {
            self.plan.matchers.push(Matcher { scope, words: resolved, near: None });
        }
        docs
    }
}

/// Documents where the words occur (in a row, for a phrase) in the scope.
fn match_docs(index: &Index, scope: Scope, words: &[Alternatives]) -> Vec<u32> {
    let per_field: Vec<Vec<u32>> =
        fields(scope).iter().map(|&field| if words.len() == 1 { word_docs(index, field, &words[0]) } else { phrase_docs(index, field, words) }).collect();
    union_all(index.len(), per_field.iter().map(Vec::as_slice))
}

fn word_docs(index: &Index, field: Field, word: &Alternatives) -> Vec<u32> {
    match word.terms.as_slice() {
        [] => Vec::new(),
        [(t, _)] => index.postings(*t, field).docs.clone(),
        terms => {
            let lists: Vec<_> = terms.iter().map(|&(t, _)| index.postings(t, field)).collect();
            union_all(index.len(), lists.iter().map(|p| p.docs.as_slice()))
        }
    }
}

fn phrase_docs(index: &Index, field: Field, words: &[Alternatives]) -> Vec<u32> {
    let candidates = words.iter().map(|w| word_docs(index, field, w)).reduce(|a, b| intersect(&a, &b)).unwrap_or_default();
    candidates.into_iter().filter(|&d| !phrase_starts(index, field, words, d).is_empty()).collect()
}

/// Sorted, deduplicated positions of a word's alternatives in one document.
pub fn word_positions(index: &Index, field: Field, word: &Alternatives, doc: u32) -> Vec<u32> {
    let mut ps: Vec<u32> = Vec::new();
    for &(t, _) in &word.terms {
        index.postings(t, field).extend_with_positions_in(doc, &mut ps);
    }
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

/// Stretches of `doc` (first to last position, inclusive) holding every
/// word of `words`, in any order, with at most `within` other words between
/// the first and the last; the shortest such stretch ending at each position.
pub fn near_windows(index: &Index, field: Field, words: &[Alternatives], within: u32, doc: u32) -> Vec<(u32, u32)> {
    let k = words.len();
    let mut tagged: Vec<(u32, usize)> =
        words.iter().enumerate().flat_map(|(w, alt)| word_positions(index, field, alt, doc).into_iter().map(move |p| (p, w))).collect();
    crate::order::sort(&mut tagged);
    let span = within + k as u32 - 1;
    let mut counts = vec![0usize; k];
    let mut covered = 0;
    let mut left = 0;
    let mut out = Vec::new();
    for right in 0..tagged.len() {
        let w = tagged[right].1;
        counts[w] += 1;
        if counts[w] == 1 {
            covered += 1;
        }
        // Drop words at the left that occur again further right.
        while left < right && counts[tagged[left].1] > 1 {
            counts[tagged[left].1] -= 1;
            left += 1;
        }
        if covered == k && tagged[right].0 - tagged[left].0 <= span {
            out.push((tagged[left].0, tagged[right].0));
        }
    }
    out
}

/// `field:value`: the value's words stand, in order, in the field
/// (`author:Murphy` finds "Dan Murphy"; case and accents never matter).
/// `tag:` reads the reader's tags (`tags`), the others the index.
fn meta_docs(index: &Index, tags: &crate::index::FacetColumn, facet: Facet, value: &str) -> Vec<u32> {
    let want: Vec<String> = crate::analysis::tokenize(value).into_iter().map(|t| t.term).collect();
    let column = if facet == Facet::Tag { tags } else { index.facet(facet) };
    let matching = column.matching(&want);
    if matching.is_empty() {
        return Vec::new();
    }
    (0..index.len() as u32).filter(|&d| column.of(d).iter().any(|v| matching.binary_search(v).is_ok())).collect()
}

/// BM25's fields for a scope: the text and the title, or only the title.
pub(crate) fn fields(scope: Scope) -> &'static [Field] {
    match scope {
        Scope::Text => &[Field::Body, Field::Title],
        Scope::Title => &[Field::Title],
    }
}

fn all(index: &Index) -> Vec<u32> {
    (0..index.len() as u32).collect()
}

/// The sorted union of sorted lists of document numbers below `len`: each
/// marked in a bitmap of the corpus, which is then read in order. It costs
/// the lists' lengths and a bit per document, where merging the lists two at
/// a time copied the growing result once per list (a word being typed
/// stands for its forms and up to 16 words it begins, each with a list).
pub(crate) fn union_all<'a>(len: usize, lists: impl IntoIterator<Item = &'a [u32]>) -> Vec<u32> {
    let mut bits = vec![0u64; len.div_ceil(64)];
    let mut most = 0;
    for list in lists {
        for &d in list {
            bits[(d >> 6) as usize] |= 1 << (d & 63);
        }
        most += list.len();
    }
    let mut out = Vec::with_capacity(most.min(len));
    for (w, &word) in bits.iter().enumerate() {
        let mut rest = word;
        while rest != 0 {
            out.push(((w as u32) << 6) | rest.trailing_zeros());
            rest &= rest - 1;
        }
    }
    out
}

/// The documents in both sorted lists. A list much shorter than the other
/// looks each of its documents up in what remains of the longer one (a
/// rare word ANDed with a common one reads a few hundred of its thousands);
/// lists of like lengths are merged, each read once.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() * 8 < long.len() {
        let mut rest = long;
        return short
            .iter()
            .copied()
            .filter(|d| match rest.binary_search(d) {
                Ok(i) => {
                    rest = &rest[i + 1..];
                    true
                }
                Err(i) => {
                    rest = &rest[i..];
                    false
                }
            })
            .collect();
    }
    let mut out = Vec::with_capacity(short.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The documents of sorted list `a` that are not in sorted list `b`, both
/// read once.
fn difference(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len());
    let mut j = 0;
    for &d in a {
        while j < b.len() && b[j] < d {
            j += 1;
        }
        if j == b.len() || b[j] != d {
            out.push(d);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn sorted() -> impl Strategy<Value = Vec<u32>> {
        proptest::collection::btree_set(0u32..300, 0..120).prop_map(|s| s.into_iter().collect())
    }

    proptest! {
        // The standard library's ordered sets are the oracle.
        #[test]
        fn the_set_algebra_equals_ordered_sets(lists in proptest::collection::vec(sorted(), 0..6), a in sorted(), b in sorted()) {
            let want: BTreeSet<u32> = lists.iter().flatten().copied().collect();
            prop_assert_eq!(union_all(300, lists.iter().map(Vec::as_slice)), want.into_iter().collect::<Vec<_>>());
            let (sa, sb): (BTreeSet<u32>, BTreeSet<u32>) = (a.iter().copied().collect(), b.iter().copied().collect());
            prop_assert_eq!(intersect(&a, &b), sa.intersection(&sb).copied().collect::<Vec<_>>());
            prop_assert_eq!(difference(&a, &b), sa.difference(&sb).copied().collect::<Vec<_>>());
        }

        // A short list against a long one takes the other road of
        // `intersect`: some of the short one's documents taken from the long
        // one, neighbours among them, some not in it.
        #[test]
        fn a_short_list_meets_a_long_one(b in proptest::collection::btree_set(0u32..5000, 200..2000), from_b in proptest::collection::vec(0usize..2000, 0..8), others in proptest::collection::vec(0u32..5000, 0..4)) {
            let vb: Vec<u32> = b.iter().copied().collect();
            let a: BTreeSet<u32> = from_b.iter().flat_map(|&i| [vb[i % vb.len()], vb[(i + 1) % vb.len()]]).chain(others).collect();
            let va: Vec<u32> = a.iter().copied().collect();
            let want: Vec<u32> = a.intersection(&b).copied().collect();
            prop_assert_eq!(intersect(&va, &vb), want.clone());
            prop_assert_eq!(intersect(&vb, &va), want);
        }
    }
}
