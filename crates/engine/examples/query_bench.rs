//! Query latency on a corpus, ordinary and pathological queries alike:
//! p50 / p95 / max over many runs of search + top-10 snippets, and what the
//! engine said about each query, over the index as the page has it (written
//! to its file and read back, each postings list decoded when a query first
//! reads it: the first run of a query, `first µs`, pays for that). Figures
//! only, never a pass/fail.
//! `cargo run --release -p engine --example query_bench -- [corpus dir] [query…]`
//! (queries given replace the built-in set). A built corpus file
//! (`corpus.bin`, as `./dev index` writes it) is read instead of indexing a
//! folder: the way to time a corpus too large to index again for each run
//! (`SAVE=FILE` writes the index a folder gave, whole, for that).
use std::time::Instant;

use engine::snippet::snippet;
use engine::{ingest as corpus, search, Index};

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let bytes = if dir.ends_with(".bin") {
        std::fs::read(&dir).unwrap_or_else(|e| panic!("{dir}: {e}"))
    } else {
        let loaded = corpus::read_dir(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
        let started = Instant::now();
        let index = Index::build_with(loaded.sources, &loaded.config);
        println!("{dir}: {} documents indexed in {:?}", index.len(), started.elapsed());
        let bytes = index.to_bytes();
        // `SAVE=FILE`: keep the whole index to time it again without indexing.
        if let Ok(path) = std::env::var("SAVE") {
            std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        bytes
    };
    let started = Instant::now();
    let index = Index::from_bytes(&bytes).expect("an index reads back");
    println!("read back from its {} bytes in {:?}", bytes.len(), started.elapsed());
    let long = "camp ".repeat(400);
    let many: String = (0..200).map(|i| format!("w{i} ")).collect();
    let given: Vec<String> = std::env::args().skip(2).collect();
    let fixed: &[(&str, &str)] = &[
        ("one word", "Ashraf"),
        ("two words", "Camp Ashraf"),
        ("phrase", "\"Camp Ashraf\""),
        ("prefix", "Mal*"),
        ("fuzzy", "Rajevi~"),
        ("not", "Rajavi -Paris"),
        ("alias", "Maleki"),
        ("common word", "the"),
        ("no hit", "zzzyx"),
        ("a*", "a*"),
        ("*", "*"),
        ("unbalanced quote", "\"camp ashraf"),
        ("unbalanced parens", "((camp OR (iraq"),
        ("only stop words", "the of and to a in"),
        ("only punctuation", "!!! ??? ... ---"),
        ("right-to-left", "سازمان مجاهدین خلق ۱۳۹۰"),
    ];
    let mut queries: Vec<(&str, String)> = fixed.iter().map(|&(name, q)| (name, q.to_string())).collect();
    queries.extend([("2,000 characters", long[..2000].to_string()), ("200 terms", many)]);
    if !given.is_empty() {
        queries = given.iter().map(|q| ("given", q.clone())).collect();
    }
    println!("{:<20} {:>9} {:>9} {:>9} {:>9} {:>6}  notes", "query", "first µs", "p50 µs", "p95 µs", "max µs", "hits");
    for (name, q) in &queries {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..std::env::var("RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(200) {
            let t = Instant::now();
            let r = search(&index, q);
            for h in r.hits.iter().take(10) {
                std::hint::black_box(snippet(&index, h.doc, &r.plan, 32));
            }
            times.push(t.elapsed().as_secs_f64() * 1e6);
            last = Some(r);
        }
        let first = times[0];
        engine::order::sort_by(&mut times, f64::total_cmp);
        let r = last.expect("ran");
        let pct = |p: f64| times[((times.len() - 1) as f64 * p) as usize];
        println!(
            "{:<20} {:>9.1} {:>9.1} {:>9.1} {:>9.1} {:>6}  {}",
            if *name == "given" { q.as_str() } else { name },
            first,
            pct(0.5),
            pct(0.95),
            times[times.len() - 1],
            r.hits.len(),
            r.warnings.join(" ")
        );
    }
}
