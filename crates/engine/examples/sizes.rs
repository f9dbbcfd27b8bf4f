//! Bytes of each part of an index file, largest first: what a first
//! answer downloads. `cargo run --release -p engine --example sizes -- DIR`
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let loaded = engine::ingest::read_dir(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    let index = engine::Index::build_with(loaded.sources, &loaded.config);
    for (part, bytes) in index.part_sizes() {
        println!("{part:<28} {bytes:>12}");
    }
}
