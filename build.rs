//! Reads the corpus (`seeds/`, or the folder named by `CORPUS_DIR`), indexes
//! it with the engine and writes the serialised index to `OUT_DIR`, where the
//! app embeds it. Every file that is not read cleanly is named with its reason.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=CORPUS_DIR");
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = match std::env::var("CORPUS_DIR") {
        Ok(d) if !d.is_empty() => manifest.join(d),
        _ => manifest.join("seeds"),
    };
    // A folder here makes cargo rebuild when any file below it changes.
    println!("cargo:rerun-if-changed={}", dir.display());

    let loaded = engine::corpus::read_dir(&dir).unwrap_or_else(|e| fail(&format!("corpus not readable: {e}")));
    for notice in &loaded.notices {
        println!("cargo:warning={notice}");
    }
    let summary = loaded.summary();
    let index = engine::Index::build_with(loaded.sources, &loaded.config);
    for (title, ids) in index.title_collisions() {
        println!("cargo:warning=warning: documents {} share the title “{title}”; both are kept", ids.join(", "));
    }
    let bytes = index.to_bytes();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("corpus.bin");
    std::fs::write(&out, &bytes).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
    // Cargo shows warnings only; the summary is one so that it is always seen.
    println!(
        "cargo:warning=corpus {}: {summary}; {} alias groups, {} entity candidates; index {} bytes",
        dir.display(),
        index.aliases.len(),
        index.candidates.len(),
        bytes.len()
    );
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
