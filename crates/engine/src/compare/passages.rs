//! Shared passages: runs of [`SHINGLE`] or more consecutive words (after
//! folding) that occur in two or more documents. Hashed word shingles make it
//! linear in the number of words: every shingle is hashed once, shingles seen
//! in several documents are kept, consecutive kept shingles merge into runs,
//! and runs that share a shingle are one passage (union-find), so a quotation
//! reused in three documents is one passage with three occurrences.

use std::collections::HashMap;
use std::hash::Hasher;
use std::ops::Range;

use crate::analysis::{tokenize, Token};

/// Words in the shortest passage reported.
pub const SHINGLE: usize = 6;

/// Where one passage stands in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    /// Index of the document in the input slice.
    pub doc: usize,
    /// Word positions `[start, end)`.
    pub words: Range<u32>,
    /// Byte range in the document's text.
    pub bytes: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// Every occurrence, in document then position order.
    pub occurrences: Vec<Occurrence>,
    /// Length in words of its longest occurrence.
    pub words: u32,
}

/// A multiply-rotate hash of one shingle of term ids: cheap, and collisions
/// are checked word by word afterwards.
fn shingle_hash(ids: &[u32]) -> u64 {
    ids.iter().fold(0u64, |h, &x| (h.rotate_left(5) ^ x as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95))
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut x = x;
        while self.0[x] != r {
            let next = self.0[x];
            self.0[x] = r;
            x = next;
        }
        r
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// The passages shared by at least two of `texts`, longest first.
pub fn shared(texts: &[&str]) -> Vec<Passage> {
    shared_ignoring(texts, &[])
}

/// As [`shared`], but words on a line equal (trimmed) to one of `ignore`
/// never take part: boilerplate such as "Leave a Comment" named in `corpus.toml`.
pub fn shared_ignoring(texts: &[&str], ignore: &[String]) -> Vec<Passage> {
    let docs: Vec<Vec<Token>> = texts.iter().map(|t| tokenize(t)).collect();
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut sequencer = Sequencer::new(ignore);
    let seqs: Vec<Vec<u32>> = docs
        .iter()
        .zip(texts)
        .map(|(toks, text)| {
            sequencer.sequence(text, toks, |i| {
                let next = ids.len() as u32;
                *ids.entry(toks[i].term.as_str()).or_insert(next)
            })
        })
        .collect();
    find(&seqs)
        .into_iter()
        .map(|(runs, words)| Passage {
            occurrences: runs
                .into_iter()
                .map(|(d, w)| {
                    let toks = &docs[d];
                    let bytes = toks[w.start as usize].start..toks[w.end as usize - 1].end;
                    Occurrence { doc: d, words: w, bytes }
                })
                .collect(),
            words,
        })
        .collect()
}

/// Turns texts into the term sequences passages are found in. Words on a
/// line that `corpus.toml` names as boilerplate get ids of their own, each
/// distinct and above any term id, so no shingle runs across them.
pub(crate) struct Sequencer<'a> {
    ignore: &'a [String],
    marker: u32,
}

impl<'a> Sequencer<'a> {
    pub(crate) fn new(ignore: &'a [String]) -> Self {
        Sequencer { ignore, marker: 0 }
    }

    /// The sequence of `text`, whose tokens are `tokens`; `term(i)` is the
    /// term id of token `i`.
    pub(crate) fn sequence(&mut self, text: &str, tokens: &[Token], mut term: impl FnMut(usize) -> u32) -> Vec<u32> {
        let skipped = self.ignored_ranges(text);
        (0..tokens.len())
            .map(|i| {
                if skipped.iter().any(|r| r.contains(&tokens[i].start)) {
                    self.marker += 1;
                    u32::MAX - self.marker
                } else {
                    term(i)
                }
            })
            .collect()
    }

    fn ignored_ranges(&self, text: &str) -> Vec<Range<usize>> {
        if self.ignore.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if self.ignore.iter().any(|i| i.trim() == line.trim()) {
                out.push(at..at + line.len());
            }
            at += line.len();
        }
        out
    }
}

/// A shared passage: its `(document, word range)` occurrences and its length in words.
pub(crate) type Found = (Vec<(usize, Range<u32>)>, u32);

/// The core on term ids (one sequence per document): every passage as its
/// `(document, word range)` occurrences, in document then position order,
/// with its length in words; longest first.
pub(crate) fn find(terms: &[Vec<u32>]) -> Vec<Found> {
    // 1. Which shingle hashes occur in two or more documents: one map entry
    //    per distinct shingle, no list per shingle.
    const MANY: u32 = u32::MAX;
    let mut first_doc: HashMap<u64, u32, BuildFx> = HashMap::default();
    for (d, ts) in terms.iter().enumerate() {
        for window in ts.windows(SHINGLE) {
            let e = first_doc.entry(shingle_hash(window)).or_insert(d as u32);
            if *e != d as u32 {
                *e = MANY;
            }
        }
    }
    // 2. The places of those shingles, grouped by hash, then checked word by
    //    word (a hash collision never joins different text).
    let mut places: Vec<(u64, usize, u32)> = Vec::new();
    for (d, ts) in terms.iter().enumerate() {
        for (p, window) in ts.windows(SHINGLE).enumerate() {
            let h = shingle_hash(window);
            if first_doc.get(&h) == Some(&MANY) {
                places.push((h, d, p as u32));
            }
        }
    }
    drop(first_doc);
    crate::order::sort(&mut places);
    let mut kept: Vec<Vec<(usize, u32)>> = Vec::new();
    for same_hash in places.chunk_by(|a, b| a.0 == b.0) {
        let mut groups: Vec<Vec<(usize, u32)>> = Vec::new();
        for &(_, d, p) in same_hash {
            let w = &terms[d][p as usize..p as usize + SHINGLE];
            match groups.iter_mut().find(|g| {
                let (d0, p0) = g[0];
                &terms[d0][p0 as usize..p0 as usize + SHINGLE] == w
            }) {
                Some(g) => g.push((d, p)),
                None => groups.push(vec![(d, p)]),
            }
        }
        kept.extend(groups.into_iter().filter(|g| g.iter().any(|(d, _)| *d != g[0].0)));
    }
    // 3. Per document, consecutive kept shingle starts merge into runs.
    let mut starts: Vec<Vec<(u32, usize)>> = vec![Vec::new(); terms.len()];
    for (k, g) in kept.iter().enumerate() {
        for &(d, p) in g {
            starts[d].push((p, k));
        }
    }
    let mut runs: Vec<(usize, Range<u32>)> = Vec::new();
    let mut run_of_shingle: Vec<Vec<usize>> = vec![Vec::new(); kept.len()];
    for (d, s) in starts.iter_mut().enumerate() {
        crate::order::sort(s);
        let mut i = 0;
        while i < s.len() {
            let first = s[i].0;
            let mut last = first;
            let run = runs.len();
            // Overlapping shingles are one stretch of text: one run.
            while i < s.len() && s[i].0 < last + SHINGLE as u32 {
                last = s[i].0;
                run_of_shingle[s[i].1].push(run);
                i += 1;
            }
            runs.push((d, first..last + SHINGLE as u32));
        }
    }
    // 4. Runs that share a shingle are the same passage.
    let mut uf = UnionFind((0..runs.len()).collect());
    for rs in &run_of_shingle {
        for w in rs.windows(2) {
            uf.union(w[0], w[1]);
        }
    }
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for r in 0..runs.len() {
        by_root.entry(uf.find(r)).or_default().push(r);
    }
    let mut passages: Vec<Found> = by_root
        .into_values()
        .map(|members| {
            let mut occurrences: Vec<(usize, Range<u32>)> = members.into_iter().map(|r| runs[r].clone()).collect();
            crate::order::sort_by_key(&mut occurrences, |(d, w)| (*d, w.start));
            let words = occurrences.iter().map(|(_, w)| w.end - w.start).max().unwrap_or(0);
            (occurrences, words)
        })
        .collect();
    crate::order::sort_by(&mut passages, |a, b| b.1.cmp(&a.1).then_with(|| a.0[0].0.cmp(&b.0[0].0)).then_with(|| a.0[0].1.start.cmp(&b.0[0].1.start)));
    passages
}

/// A hasher for keys that are already well-mixed hashes.
#[derive(Default, Clone, Copy)]
struct BuildFx;

struct Fx(u64);

impl std::hash::BuildHasher for BuildFx {
    type Hasher = Fx;
    fn build_hasher(&self) -> Fx {
        Fx(0)
    }
}

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn texts_of<'a>(p: &Passage, texts: &[&'a str]) -> Vec<(usize, &'a str)> {
        p.occurrences.iter().map(|o| (o.doc, &texts[o.doc][o.bytes.clone()])).collect()
    }

    #[test]
    fn exact_reuse_with_case_and_punctuation_changes() {
        let texts = [
            "Intro. Iraq will not grant immunity to a single American soldier, Maliki said. End.",
            "He said: “IRAQ will not grant immunity — to a single American soldier!” Then left.",
            "Nothing shared here at all, only other words in a row.",
        ];
        let ps = shared(&texts);
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].words, 10);
        assert_eq!(
            texts_of(&ps[0], &texts),
            [(0, "Iraq will not grant immunity to a single American soldier"), (1, "IRAQ will not grant immunity — to a single American soldier")]
        );
    }

    #[test]
    fn five_words_are_not_a_passage_six_are() {
        assert!(shared(&["a b c d e x", "a b c d e y"]).is_empty());
        assert_eq!(shared(&["a b c d e f x", "y a b c d e f"]).len(), 1);
    }

    #[test]
    fn overlapping_and_three_way_reuse_is_one_passage() {
        let texts = ["one two three four five six seven eight", "zero one two three four five six seven", "three four five six seven eight nine"];
        let ps = shared(&texts);
        assert_eq!(ps.len(), 1, "{ps:?}");
        let docs: Vec<usize> = ps[0].occurrences.iter().map(|o| o.doc).collect();
        assert_eq!(docs, [0, 1, 2]);
        assert_eq!(ps[0].occurrences[0].words, 0..8);
    }

    #[test]
    fn repeats_inside_one_document_count_only_with_another() {
        let alone = "a b c d e f and again a b c d e f";
        assert!(shared(&[alone, "unrelated words only here"]).is_empty());
        let ps = shared(&[alone, "x a b c d e f y"]);
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].occurrences.len(), 3, "both copies in the first document are marked");
    }

    #[test]
    fn named_boilerplate_lines_are_ignored() {
        let texts = ["Body one.\nYou may also like\n\nLeave a Comment\n", "Other body.\nYou may also like\nLeave a Comment"];
        assert_eq!(shared(&texts).len(), 1);
        let ignore = vec!["You may also like".to_string(), "Leave a Comment".to_string()];
        assert!(shared_ignoring(&texts, &ignore).is_empty());
    }

    /// Word positions covered by some passage, per document.
    fn covered(texts: &[&str], ps: &[Passage]) -> Vec<Vec<bool>> {
        let mut out: Vec<Vec<bool>> = texts.iter().map(|t| vec![false; tokenize(t).len()]).collect();
        for p in ps {
            for o in &p.occurrences {
                for w in o.words.clone() {
                    out[o.doc][w as usize] = true;
                }
            }
        }
        out
    }

    proptest! {
        /// Against a brute-force finder: a word is covered exactly when some
        /// 6-word window around it appears in another document.
        #[test]
        fn equals_brute_force(docs in prop::collection::vec(prop::collection::vec(0u8..4, 0..40), 2..4)) {
            let texts: Vec<String> = docs.iter().map(|d| d.iter().map(|w| ["ash", "camp", "iraq", "mko"][*w as usize]).collect::<Vec<_>>().join(" ")).collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let words: Vec<Vec<String>> = refs.iter().map(|t| tokenize(t).into_iter().map(|t| t.term).collect()).collect();
            let mut expect: Vec<Vec<bool>> = words.iter().map(|w| vec![false; w.len()]).collect();
            for a in 0..words.len() {
                for b in 0..words.len() {
                    if a == b { continue; }
                    for i in 0..words[a].len().saturating_sub(SHINGLE - 1) {
                        for j in 0..words[b].len().saturating_sub(SHINGLE - 1) {
                            if words[a][i..i + SHINGLE] == words[b][j..j + SHINGLE] {
                                expect[a][i..i + SHINGLE].iter_mut().for_each(|e| *e = true);
                            }
                        }
                    }
                }
            }
            let ps = shared(&refs);
            prop_assert_eq!(covered(&refs, &ps), expect);
            for p in &ps {
                prop_assert!(p.occurrences.iter().any(|o| o.doc != p.occurrences[0].doc), "shared by two documents");
            }
        }
    }
}
