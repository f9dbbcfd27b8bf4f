//! The engine against a brute-force reference: for random corpora and random
//! queries (as submitted, a space after them), the matching documents are
//! exactly those a plain scan finds (a bare word: any word with its stem;
//! a quoted phrase: the words as written), and every mark and snippet lands
//! on character boundaries of the text.

use engine::explore::concordance::{concordance, line, Sort};
use engine::ingest::Source;
use engine::snippet::{highlights, snippet};
use engine::{search, Index};
use proptest::prelude::*;

const VOCAB: [&str; 10] = ["camp", "ashraf", "maliki", "malik", "iraq", "mko", "paris", "rajavi", "camps", "camping"];

#[derive(Debug, Clone)]
enum Q {
    Word(usize),
    Phrase(usize, usize),
    /// The first `n` letters of a word, as `pre*`.
    Prefix(usize, usize),
    Not(Box<Q>),
    And(Box<Q>, Box<Q>),
    Or(Box<Q>, Box<Q>),
}

fn query() -> impl Strategy<Value = Q> {
    let leaf = prop_oneof![
        (0..VOCAB.len()).prop_map(Q::Word),
        (0..VOCAB.len(), 0..VOCAB.len()).prop_map(|(a, b)| Q::Phrase(a, b)),
        (0..VOCAB.len(), 2usize..4).prop_map(|(a, n)| Q::Prefix(a, n)),
    ];
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|q| Q::Not(Box::new(q))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Q::And(Box::new(a), Box::new(b))),
            (inner.clone(), inner).prop_map(|(a, b)| Q::Or(Box::new(a), Box::new(b))),
        ]
    })
}

fn render(q: &Q) -> String {
    match q {
        Q::Word(w) => VOCAB[*w].to_uppercase(),
        Q::Phrase(a, b) => format!("\"{} {}\"", VOCAB[*a], VOCAB[*b]),
        Q::Prefix(w, n) => format!("{}*", &VOCAB[*w][..*n]),
        Q::Not(x) => format!("-({})", render(x)),
        Q::And(a, b) => format!("({} {})", render(a), render(b)),
        Q::Or(a, b) => format!("({} OR {})", render(a), render(b)),
    }
}

fn matches(q: &Q, words: &[String]) -> bool {
    match q {
        Q::Word(w) => words.iter().any(|x| stem(x) == stem(VOCAB[*w])),
        Q::Phrase(a, b) => words.windows(2).any(|p| p[0] == VOCAB[*a] && p[1] == VOCAB[*b]),
        Q::Prefix(w, n) => words.iter().any(|x| x.starts_with(&VOCAB[*w][..*n])),
        Q::Not(x) => !matches(x, words),
        Q::And(a, b) => matches(a, words) && matches(b, words),
        Q::Or(a, b) => matches(a, words) || matches(b, words),
    }
}

fn stem(word: &str) -> String {
    engine::analysis::Language::English.stem(word).into_owned()
}

/// The index as the page has it: written to its file and read back (its
/// postings then decoded as queries read them), its texts from their chunk files.
fn as_read(mut index: Index) -> Index {
    // Texts in files of their own, as a large corpus has them.
    index.inline_texts(0);
    let read = Index::from_bytes(&index.to_bytes()).expect("an index reads back");
    read.texts().fill_from(index.texts()).expect("the texts read back");
    read
}

/// A document: vocabulary words in random case, joined by varied punctuation.
fn document() -> impl Strategy<Value = Vec<(usize, bool, usize)>> {
    prop::collection::vec((0..VOCAB.len(), any::<bool>(), 0usize..5), 0..30)
}

fn write(doc: &[(usize, bool, usize)]) -> (String, Vec<String>) {
    let mut text = String::new();
    for (w, upper, sep) in doc {
        let word = if *upper { VOCAB[*w].to_uppercase() } else { VOCAB[*w].to_string() };
        text.push_str(&word);
        text.push_str([" ", ", ", ". ", " — ", "\n"][*sep]);
    }
    (text, doc.iter().map(|(w, _, _)| VOCAB[*w].to_string()).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn engine_equals_brute_force(docs in prop::collection::vec(document(), 1..8), q in query()) {
        let written: Vec<(String, Vec<String>)> = docs.iter().map(|d| write(d)).collect();
        let index = as_read(Index::build(written.iter().enumerate().map(|(i, (t, _))| Source::new(format!("d{i}"), t.clone())).collect()));
        let query = format!("{} ", render(&q));
        let results = search(&index, &query);
        let mut got: Vec<u32> = results.hits.iter().map(|h| h.doc).collect();
        got.sort_unstable();
        let expect: Vec<u32> = written.iter().enumerate().filter(|(_, (_, w))| matches(&q, w)).map(|(i, _)| i as u32).collect();
        prop_assert_eq!(got, expect, "query {}", query);
        prop_assert!(results.warnings.is_empty(), "{:?}", results.warnings);
        for h in &results.hits {
            let text = index.text(h.doc).unwrap();
            for r in highlights(&index, h.doc, &results.plan) {
                prop_assert!(r.start < r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
            let s = snippet(&index, h.doc, &results.plan, 12).unwrap();
            for m in &s.marks {
                prop_assert!(s.text.is_char_boundary(m.start) && s.text.is_char_boundary(m.end));
            }
        }
    }

    /// Concordance of one word: a line for each occurrence of a form of it a
    /// scan counts, its keyword that form, its context the words around it, and the left
    /// order is the order of the words just before the matches.
    #[test]
    fn concordance_equals_brute_force(docs in prop::collection::vec(document(), 1..6), w in 0..VOCAB.len(), width in 1u32..4) {
        let written: Vec<(String, Vec<String>)> = docs.iter().map(|d| write(d)).collect();
        let index = as_read(Index::build(written.iter().enumerate().map(|(i, (t, _))| Source::new(format!("d{i}"), t.clone())).collect()));
        let results = search(&index, &format!("{} ", VOCAB[w]));
        let docs: Vec<u32> = (0..written.len() as u32).collect();
        let c = concordance(&index, &docs, &results.plan, usize::MAX, Sort::Text);
        let lines: Vec<_> = c.places.iter().map(|p| line(&index, p, width).unwrap()).collect();
        let mut expect = Vec::new();
        for (d, (_, words)) in written.iter().enumerate() {
            for (i, x) in words.iter().enumerate() {
                if stem(x) == stem(VOCAB[w]) {
                    let before = words[i.saturating_sub(width as usize)..i].join(" ");
                    let after = words[i + 1..(i + 1 + width as usize).min(words.len())].join(" ");
                    expect.push((d as u32, before, after));
                }
            }
        }
        prop_assert_eq!(c.total, expect.len());
        let plain = |s: &str| s.split(|ch: char| !ch.is_alphanumeric()).filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase();
        let got: Vec<(u32, String, String)> = lines.iter().map(|l| (l.doc, plain(&l.left), plain(&l.right))).collect();
        prop_assert_eq!(got, expect);
        for l in &lines {
            prop_assert_eq!(stem(&l.keyword.to_lowercase()), stem(VOCAB[w]));
        }
        let left = concordance(&index, &docs, &results.plan, usize::MAX, Sort::Left);
        let nearest: Vec<String> = left.places.iter().map(|p| plain(&line(&index, p, width).unwrap().left).rsplit(' ').next().unwrap_or("").to_string()).collect();
        prop_assert!(nearest.windows(2).all(|p| p[0] <= p[1]), "{:?}", nearest);
        let right = concordance(&index, &docs, &results.plan, usize::MAX, Sort::Right);
        // Right order reads the match first (its forms differ: `camp`, `camps`), then what follows.
        let next: Vec<(String, String)> = right
            .places
            .iter()
            .map(|p| {
                let l = line(&index, p, width).unwrap();
                (plain(&l.keyword), plain(&l.right).split(' ').next().unwrap_or("").to_string())
            })
            .collect();
        prop_assert!(next.windows(2).all(|p| p[0] <= p[1]), "{:?}", next);
    }

    /// A sharded index (fragments of a few lists each, and their words)
    /// answers every question as the whole index does: its hits, counts,
    /// snippets, warnings and suggestions, once the fragments its first
    /// answer says it lacked are in; and a second round always suffices,
    /// but for a question that finds nothing: its third round looks for
    /// corrections in the fragments of each unknown word's first letter.
    #[test]
    fn a_sharded_index_answers_as_the_whole_one(docs in prop::collection::vec(document(), 1..8), q in query(), typo in any::<bool>(), tail in 0..6usize, target in 1usize..200) {
        use engine::index::FacetColumn;
        use engine::service::{answer, Question};
        let written: Vec<(String, Vec<String>)> = docs.iter().map(|d| write(d)).collect();
        let mut built = Index::build(written.iter().enumerate().map(|(i, (t, _))| Source::new(format!("d{i}"), t.clone())).collect());
        built.inline_texts(0);
        let whole = Index::from_bytes(&built.to_bytes()).expect("an index reads back");
        whole.texts().fill_from(built.texts()).expect("the texts read back");
        let sharded = built.to_sharded(target);
        let core = Index::from_vec(sharded.core).expect("the core reads");
        core.texts().fill_from(built.texts()).expect("the texts read back");
        // A misspelt word asks for suggestions, which read lists too.
        // The last word still being typed (its completions, from the core's
        // table when its first letters span many fragments), or a fuzzy one.
        let tail = ["", " ", " malky~ ", " c", " ma", " r"][tail];
        let query = if typo { format!("{} cmap{tail}", render(&q)) } else { format!("{}{tail}", render(&q)) };
        let question = Question { query: query.clone(), snippets: 20, ..Question::default() };
        let expect = answer(&whole, FacetColumn::empty(), &question);
        prop_assert!(expect.fragments.is_empty());
        // Asked with nothing here, then again once every fragment has gone
        // (a page past what it keeps), each round's fetch followed by
        // letting go all the page may: whatever the question has read since
        // it was first asked stays, so the rounds stay as few.
        for time in ["first", "again"] {
            let mark = Index::read_clock();
            let mut rounds = 0;
            let got = loop {
                let a = answer(&core, FacetColumn::empty(), &question);
                if a.fragments.is_empty() {
                    break a;
                }
                rounds += 1;
                let allowed = if expect.hits.is_empty() { 2 } else { 1 };
                prop_assert!(rounds <= allowed, "asked {}: round {} still lacks fragments {:?} for {}", time, rounds, a.fragments, query);
                for i in a.fragments {
                    core.add_fragment(i, sharded.fragments[i].clone()).expect("the named fragment");
                }
                core.let_go(0, mark);
            };
            prop_assert_eq!(&got, &expect, "asked {}: query {}", time, query);
            core.let_go(0, Index::read_clock());
            prop_assert!(core.fragments().iter().all(|f| !f.here), "every fragment let go");
        }
    }

    /// Any input at all: the parser and search answer without panicking.
    #[test]
    fn any_query_string_answers(q in "\\PC{0,80}") {
        let index = Index::build(vec![Source::new("a", "Camp Ashraf, al-Maliki’s U.S. 3,000 «MKO» ۱۳۹۰ 東京")]);
        let r = search(&index, &q);
        for h in &r.hits {
            for range in highlights(&index, h.doc, &r.plan) {
                prop_assert!(index.text(0).unwrap().is_char_boundary(range.start));
            }
        }
    }
}
