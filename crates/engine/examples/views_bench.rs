//! Cost of the corpus-wide views, recomputed on each keystroke while they
//! are open: the overview (figures, frequent words: one postings walk), the
//! concordance (up to 5,000 matches ordered, 100 lines cut) and the analyses
//! (collocates 5,5; keywords against the rest of the corpus; 3-grams;
//! dispersion; trends). p50 / p95 over repeated runs; figures only, never a
//! pass/fail (the target for an analysis is 50 ms natively).
//! `cargo run --release -p engine --example views_bench -- [corpus dir] [query…]`
use std::time::Instant;

use engine::explore::collocates::collocates;
use engine::explore::concordance::{concordance, line, Sort};
use engine::explore::dispersion::dispersion;
use engine::explore::forward::{Counting, Forward};
use engine::explore::keyness::keyness;
use engine::explore::ngrams::ngrams;
use engine::explore::overview::{overview, Vocabulary};
use engine::explore::trends::trends;
use engine::{ingest as corpus, search, Index};

fn time(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    engine::order::sort_by(&mut t, f64::total_cmp);
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
    let started = Instant::now();
    let forward = Forward::new(&index);
    println!(
        "forward index (once, when an analysis first opens): {:.2} ms, {} words, {:.1} MB",
        started.elapsed().as_secs_f64() * 1e3,
        forward.words(),
        forward.words() as f64 * 4.0 / 1e6
    );
    let mut rows = 0;
    let (p50, p95) = time(5, || rows = ngrams(&index, &forward, Counting::Forms, &all, &engine::query::Plan::default(), 3, 2).rows.len());
    println!("{:<44} {:>9.2} {:>9.2}", format!("3-grams, whole corpus, no query ({rows})"), p50, p95);
    // Queries after the folder replace these (a very common word, an ordinary one, a phrase, no hit).
    let given: Vec<String> = std::env::args().skip(2).collect();
    let queries: Vec<String> = if given.is_empty() { ["the", "memory", "\"Camp Ashraf\"", "zzzyx"].map(String::from).to_vec() } else { given };
    for q in &queries {
        let r = search(&index, q);
        let docs: Vec<u32> = r.hits.iter().map(|h| h.doc).collect();
        let (p50, p95) = time(30, || {
            std::hint::black_box(overview(&index, &vocabulary, &docs, 30));
        });
        println!("{:<44} {:>9.2} {:>9.2}", format!("overview of {q} ({} documents)", docs.len()), p50, p95);
        let mut values = 0;
        let (p50, p95) = time(30, || {
            values = engine::facets::counts(&index, engine::index::FacetColumn::empty(), &r.hits, &engine::facets::Filters::default())
                .iter()
                .map(|(_, v)| v.len())
                .sum();
        });
        println!("{:<44} {:>9.2} {:>9.2}", format!("facet counts of {q} ({values} values)"), p50, p95);
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
        let mut inside = vec![false; index.len()];
        docs.iter().for_each(|&d| inside[d as usize] = true);
        let rest: Vec<u32> = all.iter().copied().filter(|&d| !inside[d as usize]).collect();
        let mut n = 0;
        let (p50, p95) = time(10, || n = collocates(&index, &forward, Counting::Forms, &docs, &r.plan, (5, 5), 2).rows.len());
        println!("{:<44} {:>9.2} {:>9.2}", format!("  collocates of {q} ({n})"), p50, p95);
        let (p50, p95) = time(10, || n = keyness(&index, &forward, Counting::Forms, &docs, &rest, 3).rows.len());
        println!("{:<44} {:>9.2} {:>9.2}", format!("  keywords of {q} ({n} words)"), p50, p95);
        let (p50, p95) = time(10, || n = ngrams(&index, &forward, Counting::Forms, &docs, &r.plan, 3, 2).rows.len());
        println!("{:<44} {:>9.2} {:>9.2}", format!("  3-grams of {q} ({n})"), p50, p95);
        let (p50, p95) = time(10, || n = dispersion(&index, &docs, &r.plan).total);
        println!("{:<44} {:>9.2} {:>9.2}", format!("  dispersion of {q} ({n} ticks)"), p50, p95);
        let (p50, p95) = time(10, || n = trends(&index, &all, std::slice::from_ref(&r.plan)).bins.len());
        println!("{:<44} {:>9.2} {:>9.2}", format!("  trend of {q}, whole corpus ({n} bins)"), p50, p95);
    }
}
