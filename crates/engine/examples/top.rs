//! The top 10 document ids for each query, as the page ranks them.
//! `cargo run --release -p engine --example top -- DIR QUERY…`
fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "seeds".into());
    let loaded = engine::ingest::read_dir(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    let index = engine::Index::build_with(loaded.sources, &loaded.config);
    for q in args {
        let r = engine::search(&index, &q);
        println!("{q}  ({} hits)", r.hits.len());
        for h in r.hits.iter().take(10) {
            println!("  {:.3}  {}", h.score, index.docs[h.doc as usize].id);
        }
    }
}
