//! Reading speed per format: every file below the folders given, read one
//! at a time (decoding and extraction, as the build does them), then the
//! whole folder as the build reads it, on every core. Also how many headings
//! each format kept (and in how many documents, two or more: a Contents).
//! `cargo run --release -p engine --example ingest -- DIR [DIR…]`
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use engine::ingest::folder::{read_file, Format};

#[derive(Default)]
struct Tally {
    files: usize,
    read: usize,
    bytes: u64,
    time: Duration,
    headings: usize,
    contents: usize,
}

fn main() {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    let dirs = if dirs.is_empty() { vec!["tests/fixtures/formats".to_string()] } else { dirs };
    for dir in &dirs {
        let root = Path::new(dir);
        let mut files = Vec::new();
        walk(root, &mut files);
        let config = match std::fs::read_to_string(root.join("corpus.toml")) {
            Ok(text) => engine::ingest::CorpusConfig::parse(&text).unwrap_or_else(|e| panic!("corpus.toml:{}: {}", e.line, e.message)),
            Err(_) => engine::ingest::CorpusConfig::default(),
        };
        let mut by_format: BTreeMap<Format, Tally> = BTreeMap::new();
        for path in files {
            let Some(format) = Format::of(&path) else { continue };
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            let t = Instant::now();
            let read = read_file(root, path, &config);
            let tally = by_format.entry(format).or_default();
            tally.time += t.elapsed();
            tally.files += 1;
            tally.bytes += bytes;
            tally.read += read.sources.len();
            tally.headings += read.sources.iter().map(|s| s.headings.len()).sum::<usize>();
            tally.contents += read.sources.iter().filter(|s| s.headings.len() >= 2).count();
        }
        println!("{dir}");
        for (format, t) in &by_format {
            let secs = t.time.as_secs_f64().max(1e-9);
            println!(
                "  {:<5} {:>6} files ({:>6} documents) {:>9.2} MB  {:>8.1} ms  {:>7.1} MB/s  {:>8.0} files/s  (one core)  {:>6} headings, {:>5} documents with 2+",
                format.name(),
                t.files,
                t.read,
                t.bytes as f64 / 1e6,
                secs * 1e3,
                t.bytes as f64 / 1e6 / secs,
                t.files as f64 / secs,
                t.headings,
                t.contents
            );
        }
        let t = Instant::now();
        match engine::ingest::read_dir(root) {
            Ok(loaded) => println!("  read_dir on {} cores: {:.1} ms, {}", rayon_threads(), t.elapsed().as_secs_f64() * 1e3, loaded.summary()),
            Err(e) => println!("  read_dir: {e}"),
        }
    }
}

fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() && !p.is_symlink() {
            walk(&p, out);
        } else if p.is_file() {
            out.push(p);
        }
    }
}
