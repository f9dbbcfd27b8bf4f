//! The fixture corpus of scripts and spellings (tests/fixtures/scripts): a
//! word written with other letters, case or accents finds the same
//! documents; Chinese and Japanese words are found inside sentences; a
//! document in another language is stemmed in that language.

use engine::ingest::read_dir;
use engine::{search, Index};

fn corpus() -> Index {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/scripts");
    let loaded = read_dir(&dir).expect("the fixture reads");
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    Index::build_with(loaded.sources, &loaded.config)
}

/// Ids found by `q` as submitted (a space after it), sorted.
fn ids(idx: &Index, q: &str) -> Vec<String> {
    let mut v: Vec<String> = search(idx, &format!("{q} ")).hits.iter().map(|h| idx.docs[h.doc as usize].id.to_string()).collect();
    v.sort();
    v
}

#[test]
fn spellings_without_their_letters_find_the_same_documents() {
    let idx = corpus();
    for (a, b, want) in [
        ("Łódź", "Lodz", vec!["lodz"]),
        ("København", "Kobenhavn", vec!["copenhagen"]),
        ("Straße", "STRASSE", vec!["copenhagen", "lodz"]),
        ("ΣΊΣΥΦΟΣ", "σίσυφος", vec!["sisyphus"]),
        ("café", "CAFE", vec!["copenhagen"]),
    ] {
        assert_eq!(ids(&idx, a), want, "{a}");
        assert_eq!(ids(&idx, b), want, "{b}");
    }
}

#[test]
fn words_inside_chinese_and_japanese_sentences() {
    let idx = corpus();
    assert_eq!(ids(&idx, "東京"), ["tokyo"]);
    assert_eq!(ids(&idx, "会社"), ["tokyo"]);
    assert_eq!(ids(&idx, "北京"), ["beijing"]);
    assert_eq!(ids(&idx, "天安门"), ["beijing"]);
    assert_eq!(ids(&idx, "天气"), ["beijing"]);
    // Characters that never stand together are not a word of the text.
    assert!(ids(&idx, "京天安").len() == 1 && ids(&idx, "东京").is_empty());
}

#[test]
fn each_document_is_stemmed_in_its_language() {
    let idx = corpus();
    // French: négociation finds négociations; English stemming would not
    // group négocié with them.
    assert_eq!(ids(&idx, "négociation"), ["french"]);
    assert_eq!(ids(&idx, "\"négociation\""), Vec::<String>::new());
    // Greek: the genitive Σίσυφου shares its stem with Σίσυφος.
    let r = search(&idx, "σισυφος ");
    let text = idx.text(r.hits[0].doc).unwrap();
    let marked: Vec<&str> = engine::snippet::highlights(&idx, r.hits[0].doc, &r.plan).into_iter().map(|m| &text[m]).collect();
    assert!(marked.contains(&"Σίσυφου"), "{marked:?}");
}
