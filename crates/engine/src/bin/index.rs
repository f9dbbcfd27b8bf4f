//! `index DIR OUT`: reads a corpus folder and writes its index as
//! `OUT/corpus.bin`, the documents' texts as chunk files under `OUT/texts/`
//! (each named by its content, as the index names them) and, for a corpus
//! small enough for the single-file page, every chunk in one
//! `OUT/texts.pack`. An index past `shard_above` (`corpus.toml`) is written
//! sharded: `OUT/corpus.bin` is its core, and its words and their lists are fragment files
//! under `OUT/fragments/` (and, for the single-file page, all of them in
//! `OUT/fragments.pack`). `OUT/corpus.json` describes them (the
//! content-hashed name the page fetches the index under, sizes, documents,
//! and the fingerprint of what it was built from), and, when `corpus.toml`
//! says `copy_originals = true`, the source files under `OUT/originals/`.
//!
//! This is the only place a corpus becomes an index: Trunk's hook
//! (`tools/post_build.mjs`) runs it for every build, `./dev index` runs it to
//! put a new corpus into a page that is already built, and the component
//! tests embed what it writes for the seeds. The page's wasm never depends on
//! the corpus, so a new corpus needs no wasm toolchain.
//!
//! Every file that is not read cleanly is named on stderr with its reason;
//! the summary is the last line. When neither the files (paths, sizes,
//! modification times) nor this program changed since the last run, the
//! index is not rebuilt: `trunk serve` rebuilds the page on every edit, and a
//! large corpus takes seconds to read.

use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

#[global_allocator]
static ALLOCATOR: engine::memory::Allocator = engine::memory::Allocator;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, out] = args.as_slice() else {
        fail("usage: index DIR OUT (reads the corpus folder DIR, writes OUT/corpus.bin and OUT/corpus.json)");
    };
    let (dir, out) = (PathBuf::from(dir), PathBuf::from(out));
    let canonical = std::fs::canonicalize(&dir).unwrap_or_else(|e| fail(&format!("corpus not readable: {}: {e}", dir.display())));
    let fingerprint = fingerprint(&canonical);
    let manifest_path = out.join("corpus.json");
    if out.join("corpus.bin").is_file() && out.join("texts").is_dir() {
        let old = std::fs::read(&manifest_path).ok().and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
        if let Some(old) = old {
            if old["fingerprint"] == fingerprint.as_str() {
                eprintln!("corpus {}: unchanged since the last index ({})", dir.display(), manifest_path.display());
                return;
            }
        }
    }

    // The files read as the index is built, a batch at a time: never all in memory.
    let folder = engine::ingest::open_dir(&canonical).unwrap_or_else(|e| fail(&format!("corpus not readable: {e}")));
    let config = folder.config().clone();
    let mut reader = folder.reader();
    let mut index = engine::Index::build_with(&mut reader, &config);
    let loaded = reader.finish().unwrap_or_else(|e| fail(&format!("corpus not readable: {e}")));
    for notice in &loaded.notices {
        eprintln!("{notice}");
    }
    let summary = loaded.summary();
    // The source files beside the index, when corpus.toml asks (tools/package.mjs puts them in the page).
    let originals = out.join("originals");
    if config.copy_originals {
        let mut files: Vec<&str> = index.docs.iter().filter_map(|d| d.meta.original.as_deref()).collect();
        files.sort_unstable();
        files.dedup();
        for notice in engine::ingest::originals::copy(&canonical, &files, &originals) {
            eprintln!("{notice}");
        }
    } else if originals.exists() {
        std::fs::remove_dir_all(&originals).unwrap_or_else(|e| fail(&format!("cannot remove {}: {e}", originals.display())));
    }
    // The tests' way to have a small corpus's texts in files of their own, as a large one's.
    if let Some(bytes) = chunk_override() {
        index.chunk_texts(bytes);
    }
    if let Some(up_to) = inline_override() {
        index.inline_texts(up_to);
    }
    // A few examples, then a count: a large corpus must not bury the summary.
    let collisions = index.title_collisions();
    for (title, ids) in collisions.iter().take(10) {
        eprintln!("warning: documents {} share the title “{title}”; all are kept", ids.join(", "));
    }
    if collisions.len() > 10 {
        eprintln!("warning: {} more titles are shared by several documents; all are kept", collisions.len() - 10);
    }
    // Sharded past the limit (or as the tests force it, with fragments of the size they ask).
    let shard_above = config.shard_above.unwrap_or(engine::index::fragments::SHARD_ABOVE);
    let target = match shard_override() {
        Some(target) => Some(target),
        None => (index.file_size() > shard_above).then_some(engine::index::fragments::FRAGMENT_BYTES),
    };
    std::fs::create_dir_all(&out).unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", out.display())));
    // The fragments: a file each, named by content as the core names them,
    // the old ones gone; each written as it is cut, and let go.
    let fragments_dir = out.join("fragments");
    if fragments_dir.exists() {
        std::fs::remove_dir_all(&fragments_dir).unwrap_or_else(|e| fail(&format!("cannot remove {}: {e}", fragments_dir.display())));
    }
    let mut named = Vec::new();
    let bytes = match target {
        Some(target) => {
            std::fs::create_dir_all(&fragments_dir).unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", fragments_dir.display())));
            let written = index.write_sharded(target, |fragment, bytes| {
                let file = fragments_dir.join(fragment.file());
                std::fs::write(&file, bytes).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
                named.push(fragment);
                Ok(())
            });
            written.unwrap_or_else(|e: String| fail(&e))
        }
        None => index.to_bytes(),
    };
    let bin = out.join("corpus.bin");
    std::fs::write(&bin, &bytes).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", bin.display())));
    let fragments_bytes: usize = named.iter().map(|f| f.bytes as usize).sum();
    // Named by content: a new corpus is a new URL, so no cache serves a stale one.
    // The texts: a file per chunk, the old ones gone (a chunk's name is its content).
    let texts_dir = out.join("texts");
    if texts_dir.exists() {
        std::fs::remove_dir_all(&texts_dir).unwrap_or_else(|e| fail(&format!("cannot remove {}: {e}", texts_dir.display())));
    }
    std::fs::create_dir_all(&texts_dir).unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", texts_dir.display())));
    let texts = index.texts();
    // Files of their own only when the texts do not travel inside the index.
    let texts_files = if texts.inline() { 0 } else { texts.chunks().len() };
    let mut texts_bytes = 0;
    for n in 0..texts_files {
        let bytes = texts.encode(n);
        texts_bytes += bytes.len();
        let file = texts_dir.join(texts.file(n));
        std::fs::write(&file, &bytes).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", file.display())));
    }
    // One pack of them all for the single-file page, which has nothing beside
    // it to fetch; past its limit (tools/package.mjs) that page is not made.
    let single = bytes.len() + fragments_bytes + texts_bytes <= SINGLE_FILE_LIMIT;
    let pack = out.join("texts.pack");
    let packed = !texts.inline() && single;
    if packed {
        std::fs::write(&pack, texts.pack()).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", pack.display())));
    } else if pack.exists() {
        std::fs::remove_file(&pack).unwrap_or_else(|e| fail(&format!("cannot remove {}: {e}", pack.display())));
    }
    // The fragments in order, one after another: the page cuts them by the sizes the core gives.
    let fragments_pack = out.join("fragments.pack");
    let fragments_packed = !named.is_empty() && single;
    if fragments_packed {
        let files = named.iter().map(|f| fragments_dir.join(f.file()));
        let all = files.map(|file| std::fs::read(&file).unwrap_or_else(|e| fail(&format!("cannot read {}: {e}", file.display())))).collect::<Vec<_>>();
        std::fs::write(&fragments_pack, all.concat()).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", fragments_pack.display())));
    } else if fragments_pack.exists() {
        std::fs::remove_file(&fragments_pack).unwrap_or_else(|e| fail(&format!("cannot remove {}: {e}", fragments_pack.display())));
    }
    let manifest = serde_json::json!({
        "corpus": canonical.to_string_lossy(),
        "file": format!("corpus-{:016x}.bin", engine::index::codec::content_hash(&bytes)),
        "bytes": bytes.len(),
        "texts": (0..texts_files).map(|n| texts.file(n)).collect::<Vec<_>>(),
        "texts_bytes": texts_bytes,
        "pack": packed.then_some("texts.pack"),
        "fragments": named.iter().map(|f| f.file()).collect::<Vec<_>>(),
        "fragments_bytes": fragments_bytes,
        "fragments_pack": fragments_packed.then_some("fragments.pack"),
        "documents": index.len(),
        "fingerprint": fingerprint,
    });
    let manifest = serde_json::to_string_pretty(&manifest).expect("a JSON value prints") + "\n";
    std::fs::write(&manifest_path, manifest).unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", manifest_path.display())));
    eprintln!(
        "corpus {}: {summary}; {} alias groups, {} entity candidates; index {} bytes{}, {}",
        dir.display(),
        index.aliases.len(),
        index.candidates.len(),
        bytes.len(),
        if named.is_empty() { String::new() } else { format!(" (sharded: its words and lists {fragments_bytes} bytes in {} fragments)", named.len()) },
        if texts.inline() { "texts inside it".to_string() } else { format!("texts {texts_bytes} bytes in {texts_files} files") }
    );
}

/// What the index is built from: every path under the folder with its size
/// and modification time, and this program's own (a new engine reads the
/// same files differently).
fn fingerprint(dir: &Path) -> String {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    let mut add = |bytes: &[u8]| h = bytes.iter().fold(h, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    let stamp = |path: &Path, add: &mut dyn FnMut(&[u8])| {
        let meta = std::fs::metadata(path).ok();
        let size = meta.as_ref().map_or(0, |m| m.len());
        let time = meta.and_then(|m| m.modified().ok()).and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
        add(path.to_string_lossy().as_bytes());
        add(&size.to_le_bytes());
        add(&time.to_le_bytes());
    };
    if let Ok(exe) = std::env::current_exe() {
        stamp(&exe, &mut add);
    }
    add(format!("{:?} {:?} {:?}", inline_override(), shard_override(), chunk_override()).as_bytes());
    let mut stack = vec![dir.to_path_buf()];
    let mut files = Vec::new();
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            match entry.file_type() {
                Ok(t) if t.is_dir() => stack.push(path),
                _ => files.push(path),
            }
        }
    }
    files.sort();
    for file in &files {
        stamp(file, &mut add);
    }
    format!("{h:016x}")
}

/// `CORPUS_INLINE_TEXTS=BYTES` in the environment: `inline_texts` of
/// `corpus.toml` for this build (0: texts in files of their own however
/// small the corpus).
fn inline_override() -> Option<usize> {
    std::env::var("CORPUS_INLINE_TEXTS").ok().and_then(|v| v.parse().ok())
}

/// `CORPUS_TEXT_CHUNK=BYTES` in the environment: texts files of about
/// that many bytes of text (the tests' way to spread a small corpus's
/// texts over many files, as a large one's are).
fn chunk_override() -> Option<usize> {
    std::env::var("CORPUS_TEXT_CHUNK").ok().and_then(|v| v.parse().ok()).filter(|&b| b > 0)
}

/// `CORPUS_SHARDED=BYTES` in the environment: the index written sharded
/// whatever its size, with fragments of that many bytes of lists (the tests'
/// way to run the page over a sharded seeds corpus of several fragments).
fn shard_override() -> Option<usize> {
    std::env::var("CORPUS_SHARDED").ok().and_then(|v| v.parse().ok()).filter(|&b| b > 0)
}

/// The largest index and texts the single-file page carries (base64 in one
/// HTML document: a browser parses one that size badly); the same limit as
/// `writeSingleFile` in tools/package.mjs.
const SINGLE_FILE_LIMIT: usize = 64 * 1024 * 1024;

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
