//! Known-item search natively: for each line `id<TAB>query as written<TAB>query inflected`
//! (bench/knownitem.mjs writes them as JSON; `jq -r '.[] | [.id, .written, .inflected] | @tsv'`
//! turns them into lines), the mean reciprocal rank of the document in the top 10.
//! `cargo run --release -p engine --example known_item -- CORPUS_DIR QUERIES_TSV`
use engine::{ingest, search, Index};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let loaded = ingest::read_dir(std::path::Path::new(&args[1])).unwrap_or_else(|e| panic!("{e}"));
    let index = Index::build_with(loaded.sources, &loaded.config);
    let lines = std::fs::read_to_string(&args[2]).expect("queries readable");
    let mut sums = [0f64; 2];
    let mut n = 0;
    for line in lines.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        let Some(target) = index.doc_by_id(parts[0]) else { continue };
        n += 1;
        for (k, q) in parts[1..3].iter().enumerate() {
            let hits = search(&index, q).hits;
            let rank = hits.iter().take(10).position(|h| h.doc == target);
            if std::env::var("VERBOSE").is_ok() {
                println!("{}\t{q}\t{:?}\t{}", parts[0], rank.map(|r| r + 1), hits.len());
            }
            if let Some(rank) = rank {
                sums[k] += 1.0 / (rank + 1) as f64;
            }
        }
    }
    println!("{n} known items: MRR@10 as written {:.3}, inflected {:.3}", sums[0] / n as f64, sums[1] / n as f64);
}
