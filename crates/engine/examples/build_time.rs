//! Where native indexing time goes, phase by phase, on a corpus folder.
//! `cargo run -p engine --example build_time -- DIR` (the dev profile, as
//! `./dev index` runs the indexer; the engine is built at opt-level 3 there)
//! With `--index-only` after DIR it stops once the index is built (the
//! benchmark's native indexing): the later lines redo steps alone, and
//! holding every text again for them does not fit in memory at 300,000
//! documents.
use std::time::Instant;

/// The indexer's allocator, so the figures are the indexer's.
#[global_allocator]
static ALLOCATOR: engine::memory::Allocator = engine::memory::Allocator;

/// The process's resident memory now and at its peak (Linux; empty elsewhere),
/// so each phase's line says what the build holds after it.
fn memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
            .map(|kb| format!("{:.0} MB", kb / 1024.0))
            .unwrap_or_default()
    };
    format!("(resident {}, peak {})", field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let t = Instant::now();
    let loaded = engine::ingest::read_dir(std::path::Path::new(&dir)).unwrap_or_else(|e| panic!("{e}"));
    let bytes: usize = loaded.sources.iter().map(|s| s.text.len()).sum();
    println!("read      {:>8.2?}  {} documents, {:.1} MB  {}", t.elapsed(), loaded.sources.len(), bytes as f64 / 1e6, memory());
    let t = Instant::now();
    let index = engine::Index::build_with(loaded.sources, &loaded.config);
    println!("index     {:>8.2?}  {} terms  {}", t.elapsed(), index.terms().len(), memory());
    if std::env::args().nth(2).as_deref() == Some("--index-only") {
        return;
    }
    let t = Instant::now();
    let held: Vec<_> = (0..index.len() as u32).map(|d| index.text(d).unwrap_or_default()).collect();
    let texts: Vec<&str> = held.iter().map(|t| &**t).collect();
    let p = engine::compare::passages::shared(&texts);
    println!("passages  {:>8.2?}  {} shared (again, alone)  {}", t.elapsed(), p.len(), memory());
    let t = Instant::now();
    let s = engine::compare::similarity::most_similar(&index, 3);
    println!("similar   {:>8.2?}  {} lists (again, alone)  {}", t.elapsed(), s.len(), memory());
    let t = Instant::now();
    let bytes = index.to_bytes();
    println!("serialise {:>8.2?}  {} bytes  {}", t.elapsed(), bytes.len(), memory());
    let (dictionary, stems) = index.dictionary_sizes();
    println!("          dictionary transducer {dictionary} bytes, stem tables {stems} bytes");
    let t = Instant::now();
    let back = engine::Index::from_bytes(&bytes).expect("reads back");
    println!("load      {:>8.2?}  {} documents", t.elapsed(), back.len());
    println!("indexing, by part (each run alone):");
    phases(&dir);
}

fn phases(dir: &str) {
    let loaded = engine::ingest::read_dir(std::path::Path::new(dir)).unwrap();
    let t = Instant::now();
    for s in &loaded.sources {
        std::hint::black_box(engine::ingest::meta::extract(&s.text, &s.id));
    }
    println!("  meta        {:>8.2?}", t.elapsed());
    let t = Instant::now();
    for s in &loaded.sources {
        std::hint::black_box(engine::ingest::entities::candidates(&s.text));
    }
    println!("  candidates  {:>8.2?}", t.elapsed());
    let t = Instant::now();
    for s in &loaded.sources {
        engine::analysis::for_each_token(&s.text, |t| {
            std::hint::black_box(t);
        });
    }
    println!("  tokens      {:>8.2?}", t.elapsed());
}
