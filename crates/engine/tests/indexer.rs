//! The `index` program as `./dev index` and Trunk's hook run it: past
//! `shard_above` (`corpus.toml`) it writes a core and fragment files that
//! read, once put together, as the whole index it writes below the line.

use std::path::{Path, PathBuf};
use std::process::Command;

use engine::service::{answer, counts, Question};
use engine::Index;

fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// A copy of the seeds with `toml` as its corpus.toml, indexed into `out`; the manifest.
fn index_with(name: &str, toml: &str) -> (PathBuf, serde_json::Value) {
    let root = std::env::temp_dir().join(format!("indexer-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (dir, out) = (root.join("corpus"), root.join("out"));
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(seeds()).unwrap().flatten() {
        std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
    }
    std::fs::write(dir.join("corpus.toml"), toml).unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_index")).arg(&dir).arg(&out).env_remove("CORPUS_SHARDED").env_remove("CORPUS_INLINE_TEXTS").output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let manifest = serde_json::from_slice(&std::fs::read(out.join("corpus.json")).unwrap()).unwrap();
    (out, manifest)
}

#[test]
fn past_shard_above_the_index_is_a_core_and_fragments_that_answer_as_the_whole_index() {
    let (whole_dir, whole_manifest) = index_with("whole", "");
    assert_eq!(whole_manifest["fragments"].as_array().map(Vec::len), Some(0), "the seeds are far below the default line");
    assert!(!whole_dir.join("fragments").exists());
    let whole = Index::from_vec(std::fs::read(whole_dir.join("corpus.bin")).unwrap()).unwrap();

    let (dir, manifest) = index_with("sharded", "shard_above = 0\n");
    let files: Vec<&str> = manifest["fragments"].as_array().unwrap().iter().map(|f| f.as_str().unwrap()).collect();
    assert!(!files.is_empty());
    let core_bytes = std::fs::read(dir.join("corpus.bin")).unwrap();
    assert!(core_bytes.len() < std::fs::read(whole_dir.join("corpus.bin")).unwrap().len(), "the core is smaller than the whole index");
    let core = Index::from_vec(core_bytes).unwrap();
    let named = core.fragments();
    assert_eq!(named.iter().map(|f| f.file()).collect::<Vec<_>>(), files, "the manifest names the core's fragments");
    // The pack for the single file is the fragments in order.
    let pack = std::fs::read(dir.join("fragments.pack")).unwrap();
    let mut at = 0;
    for (i, f) in named.iter().enumerate() {
        let bytes = std::fs::read(dir.join("fragments").join(f.file())).unwrap();
        assert_eq!(pack[at..at + bytes.len()], bytes[..], "fragment {i} in the pack");
        at += bytes.len();
        core.add_fragment(i, bytes).unwrap();
    }
    assert_eq!(at, pack.len());
    for query in ["Maliki", "camp ashraf", "\"Camp Ashraf\" Rajavi", "iran*", "rajavy"] {
        let question = Question { query: query.into(), snippets: 10, ..Question::default() };
        let tags = engine::index::FacetColumn::empty();
        let (a, b) = (answer(&whole, tags, &question), answer(&core, tags, &question));
        let (ca, cb) = (counts(&whole, tags, &a), counts(&core, tags, &b));
        assert_eq!((a.hits, ca, a.snippets, a.suggestions), (b.hits, cb, b.snippets, b.suggestions), "{query}");
    }
}
