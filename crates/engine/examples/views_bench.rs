//! Cost of the two corpus-wide views, recomputed on each keystroke while
//! they are open: the overview (figures, frequent words: one postings walk)
//! and the concordance (up to 5,000 matches ordered, 100 lines cut). p50 / p95 over
//! repeated runs; figures only, never a pass/fail.
//! `cargo run --release -p engine --example views_bench -- [corpus dir] [query…]`
use std::time::Instant;

use engine::explore::concordance::{concordance, line, Sort};
use engine::explore::overview::{overview, Vocabulary};
use engine::{ingest as corpus, search, Index};

fn time(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    t.sort_by(f64::total_cmp);
    (t[t.len() / 2], t[(t.len() - 1) * 95 / 100])
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let loaded = corpus::read_dir(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    let index = Index::build_with(loaded.sources, &loaded.config);
    let all: Vec<u32> = (0..index.len() as u32).collect();
    println!("{dir}: {} documents, {} terms", index.len(), index.terms().len());
    let started = Instant::now();
    let vocabulary = Vocabulary::new(&index);
    println!("vocabulary by frequency (once, when the overview first opens): {:.2} ms", started.elapsed().as_secs_f64() * 1e3);
    println!("{:<44} {:>9} {:>9}", "view", "p50 ms", "p95 ms");
    let (p50, p95) = time(30, || {
        std::hint::black_box(overview(&index, &vocabulary, &all, 30));
    });
    println!("{:<44} {:>9.2} {:>9.2}", "overview, whole corpus", p50, p95);
    // Queries after the folder replace these (a very common word, an ordinary one, a phrase, no hit).
    let given: Vec<String> = std::env::args().skip(2).collect();
    let queries: Vec<String> = if given.is_empty() {
        ["the", "memory", "\"Camp Ashraf\"", "zzzyx"].map(String::from).to_vec()
    } else {
        given
    };
    for q in &queries {
        let r = search(&index, q);
        let docs: Vec<u32> = r.hits.iter().map(|h| h.doc).collect();
        let (p50, p95) = time(30, || {
            std::hint::black_box(overview(&index, &vocabulary, &docs, 30));
        });
        println!("{:<44} {:>9.2} {:>9.2}", format!("overview of {q} ({} documents)", docs.len()), p50, p95);
        for sort in [Sort::Text, Sort::Left] {
            let mut total = 0;
            let (p50, p95) = time(30, || {
                let c = concordance(&index, &docs, &r.plan, 5_000, sort);
                // The first screenful of lines, as the page shows them.
                for p in c.places.iter().take(100) {
                    std::hint::black_box(line(&index, p, 8));
                }
                total = c.total;
            });
            println!("{:<44} {:>9.2} {:>9.2}", format!("concordance of {q}, {} ({total} matches)", sort.param()), p50, p95);
        }
    }
}
