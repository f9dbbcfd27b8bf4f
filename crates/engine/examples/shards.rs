//! An index cut into a core and fragments (`Index::to_sharded`): their
//! sizes, what each query fetches before its answer is whole, and what a
//! search costs over the sharded index once every fragment is in (its
//! dictionary in pieces) against the whole one, letter by letter as typed.
//! `cargo run --release -p engine --example shards -- dist/corpus-….bin [QUERY…]`
//! (a whole index, or a sharded core with its `fragments/` beside it)
//! (a query ending in `…` is a word still being typed: its completions).
use std::io::Write;

use engine::index::{FacetColumn, FRAGMENT_BYTES};
use engine::service::{answer, Question};
use engine::Index;

fn gzip(bytes: &[u8]) -> usize {
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(bytes).expect("in memory");
    z.finish().expect("in memory").len()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("an index file");
    let queries: Vec<String> = args.collect();
    let queries = if queries.is_empty() {
        ["memory", "the", "spin lock", "\"page cache\"", "mem", "schedul", "xyzzy", "s…", "m…", "me…", "sc…", "memo…"].map(String::from).to_vec()
    } else {
        queries
    };
    let whole = Index::from_vec(std::fs::read(&path).expect("readable")).expect("an index");
    // A sharded core (what the build writes past `shard_above`): whole once
    // its fragments, under `fragments/` beside it, are in.
    let beside = std::path::Path::new(&path).with_file_name("fragments");
    for (i, f) in whole.fragments().iter().enumerate() {
        let bytes = std::fs::read(beside.join(f.file())).unwrap_or_else(|e| panic!("{}: {e} (a sharded core is read with its fragments)", f.file()));
        whole.add_fragment(i, bytes).expect("the fragment its core names");
    }
    // (Written whole and read back: its tables whole again, as the build cuts them.)
    let whole = Index::from_vec(whole.to_bytes()).expect("an index");
    let file = whole.to_bytes();
    let sharded = whole.to_sharded(FRAGMENT_BYTES);
    let sizes: Vec<usize> = sharded.fragments.iter().map(Vec::len).collect();
    let zipped: Vec<usize> = sharded.fragments.iter().map(|f| gzip(f)).collect();
    let mut sorted = zipped.clone();
    sorted.sort_unstable();
    println!("whole index   {:>10} bytes, {:>9} gzip", file.len(), gzip(&file));
    let started = std::time::Instant::now();
    let runs = 5;
    for _ in 0..runs {
        std::hint::black_box(Index::from_vec(sharded.core.clone()).expect("the core reads"));
    }
    let decode = started.elapsed().as_secs_f64() * 1e3 / f64::from(runs);
    println!("core          {:>10} bytes, {:>9} gzip, read in {decode:.1} ms", sharded.core.len(), gzip(&sharded.core));
    let core = Index::from_vec(sharded.core.clone()).expect("the core reads");
    let mut parts: Vec<(&str, usize, usize)> = core.part_bytes().into_iter().map(|(p, b)| (p, b.len(), gzip(&b))).collect();
    engine::order::sort_by_key(&mut parts, |&(_, _, z)| std::cmp::Reverse(z));
    for (part, bytes, zipped) in parts.into_iter().filter(|&(_, b, _)| b > 0) {
        println!("  {part:<11} {bytes:>10} bytes, {zipped:>9} gzip");
    }
    println!(
        "fragments     {:>10} of {} KiB of lists or more: {} bytes, {} gzip; gzip median {}, largest {}",
        sizes.len(),
        FRAGMENT_BYTES >> 10,
        sizes.iter().sum::<usize>(),
        zipped.iter().sum::<usize>(),
        sorted.get(sorted.len() / 2).copied().unwrap_or(0),
        sorted.last().copied().unwrap_or(0)
    );
    println!("{:<16} {:>6} {:>10} {:>10} {:>7}", "query (fresh core)", "rounds", "fragments", "gzip", "hits");
    for q in &queries {
        let core = Index::from_vec(sharded.core.clone()).expect("the core reads");
        let query = q.strip_suffix('…').map_or(format!("{q} "), String::from);
        let question = Question { query, snippets: 10, ..Question::default() };
        let (mut rounds, mut fetched, mut bytes) = (0, 0, 0);
        let got = loop {
            let a = answer(&core, FacetColumn::empty(), &question);
            if a.fragments.is_empty() {
                break a;
            }
            rounds += 1;
            for i in a.fragments {
                fetched += 1;
                bytes += zipped[i];
                core.add_fragment(i, sharded.fragments[i].clone()).expect("the named fragment");
            }
        };
        assert_eq!(got.hits, answer(&whole, FacetColumn::empty(), &question).hits, "{q}");
        println!("{:<16} {:>6} {:>10} {:>10} {:>7}", q, rounds, fetched, bytes, got.hits.len());
    }
    // Typing, a letter at a time, over both: every fragment in, so only how
    // the terms are held differs (one transducer, or a piece per fragment).
    let core = Index::from_vec(sharded.core.clone()).expect("the core reads");
    for (i, f) in sharded.fragments.iter().enumerate() {
        core.add_fragment(i, f.clone()).expect("the named fragment");
    }
    let typed: Vec<String> =
        queries.iter().map(|q| q.trim_end_matches('…')).flat_map(|q| (1..=q.chars().count()).map(|n| q.chars().take(n).collect::<String>())).collect();
    for (name, index) in [("whole", &whole), ("sharded, all in", &core), ("whole", &whole), ("sharded, all in", &core)] {
        let (mut total, mut worst) = (0.0, (0.0, String::new()));
        for q in &typed {
            let started = std::time::Instant::now();
            for _ in 0..10 {
                std::hint::black_box(engine::search(index, q));
            }
            let us = started.elapsed().as_secs_f64() * 1e6 / 10.0;
            total += us;
            if us > worst.0 {
                worst = (us, q.clone());
            }
        }
        println!(
            "search as typed ({} prefixes), {name:<16} mean {:>7.0} µs, slowest {:>7.0} µs ({})",
            typed.len(),
            total / typed.len() as f64,
            worst.0,
            worst.1
        );
    }
}
