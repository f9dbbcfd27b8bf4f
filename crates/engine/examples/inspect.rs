//! Prints what the engine reads off a corpus folder: per document its
//! metadata and entities, then the corpus-wide entity candidates.
//! `cargo run -p engine --example inspect -- seeds`
fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "seeds".into());
    let loaded = match engine::ingest::read_dir(std::path::Path::new(&dir)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    for n in &loaded.notices {
        eprintln!("{n}");
    }
    let index = engine::Index::build_with(loaded.sources, &loaded.config);
    for d in &index.docs {
        let m = &d.meta;
        println!(
            "{}\n  title: {}\n  section: {:?}  author: {:?}  date: {:?}{}  kind: {}  words: {} (~{} min)",
            d.id,
            m.title,
            m.section,
            m.author,
            m.date,
            if m.date_inferred { " (inferred)" } else { "" },
            m.kind.as_str(),
            m.words,
            m.reading_minutes()
        );
        println!("  dates mentioned: {}  references: {:?}\n  entities: {:?}", m.dates.len(), m.references, m.entities);
    }
    let held: Vec<_> = (0..index.len() as u32).map(|d| index.text(d).unwrap_or_default()).collect();
    let texts: Vec<&str> = held.iter().map(|t| &**t).collect();
    println!("passages shared by two or more documents:");
    for p in engine::compare::passages::shared(&texts) {
        let o = &p.occurrences[0];
        let ids: Vec<&str> = p.occurrences.iter().map(|o| index.docs[o.doc].id.as_str()).collect();
        println!("  {} words in {:?}: {:?}", p.words, ids, &texts[o.doc][o.bytes.clone()]);
    }
    println!("candidates (name, mentions, documents):");
    for c in &index.candidates {
        println!("  {c:?}");
    }
}
