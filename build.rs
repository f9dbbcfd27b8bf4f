//! Reads the corpus (`seeds/`, or the folder named by `CORPUS_DIR`), indexes
//! it with the engine and writes the serialised index twice: to `OUT_DIR`
//! (the component tests embed it) and as `<target>/corpus/corpus-<hash>.bin`,
//! which Trunk's hook copies beside the wasm for the page to fetch. The app
//! learns the file's name from `CORPUS_FILE`; the hook learns it from a
//! manifest, `<target>/corpus/manifest-<key>.json`, keyed by the corpus
//! folder (`tools/post_build.mjs` computes the same key). Every file that
//! is not read cleanly is named with its reason.

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

    let loaded = engine::ingest::read_dir(&dir).unwrap_or_else(|e| fail(&format!("corpus not readable: {e}")));
    for notice in &loaded.notices {
        println!("cargo:warning={notice}");
    }
    let summary = loaded.summary();
    let index = engine::Index::build_with(loaded.sources, &loaded.config);
    // A few examples, then a count: a large corpus must not bury the summary.
    let collisions = index.title_collisions();
    for (title, ids) in collisions.iter().take(10) {
        println!("cargo:warning=warning: documents {} share the title “{title}”; all are kept", ids.join(", "));
    }
    if collisions.len() > 10 {
        println!("cargo:warning=warning: {} more titles are shared by several documents; all are kept", collisions.len() - 10);
    }
    let bytes = index.to_bytes();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("corpus.bin");
    std::fs::write(&out, &bytes).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", out.display())));
    // Named by content: a new corpus is a new URL, so no cache serves a stale one.
    let name = format!("corpus-{:016x}.bin", fnv1a(&bytes));
    let shipped = target_dir(&out).join("corpus");
    std::fs::create_dir_all(&shipped).unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", shipped.display())));
    let file = shipped.join(&name);
    if !file.exists() {
        std::fs::write(&file, &bytes).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", file.display())));
    }
    println!("cargo:rustc-env=CORPUS_FILE={name}");
    let canonical = std::fs::canonicalize(&dir).unwrap_or_else(|e| fail(&format!("{}: {e}", dir.display())));
    let key = format!("{:016x}", fnv1a(canonical.to_string_lossy().as_bytes()));
    let manifest_json = format!(
        "{{\n  \"corpus\": {:?},\n  \"file\": \"{name}\",\n  \"bytes\": {},\n  \"documents\": {}\n}}\n",
        canonical.to_string_lossy(),
        bytes.len(),
        index.len()
    );
    let manifest_file = shipped.join(format!("manifest-{key}.json"));
    std::fs::write(&manifest_file, manifest_json).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", manifest_file.display())));
    // Cargo shows warnings only; the summary is one so that it is always seen.
    println!(
        "cargo:warning=corpus {}: {summary}; {} alias groups, {} entity candidates; index {} bytes",
        dir.display(),
        index.aliases.len(),
        index.candidates.len(),
        bytes.len()
    );
}

/// Cargo's target folder: the outermost ancestor of `OUT_DIR` holding
/// `CACHEDIR.TAG` (cargo also tags the per-platform folder inside it).
fn target_dir(out: &std::path::Path) -> PathBuf {
    out.ancestors()
        .filter(|a| a.join("CACHEDIR.TAG").is_file())
        .last()
        .map(PathBuf::from)
        .unwrap_or_else(|| fail(&format!("no cargo target folder above {}", out.display())))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
