//! Metadata read off each of the five seed documents, as a person reading
//! them would record it.

use engine::index::Kind;
use engine::ingest::read_dir;
use engine::Index;

fn seeds() -> Index {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let loaded = read_dir(&dir).expect("the seeds read");
    assert!(loaded.notices.is_empty(), "{:?}", loaded.notices);
    Index::build_with(loaded.sources, &loaded.config)
}

type Expect = (&'static str, &'static str, Option<&'static str>, Option<&'static str>, Option<(&'static str, bool)>, Kind);

#[test]
fn each_seed_yields_what_it_says_and_nothing_invented() {
    let idx = seeds();
    let expect: [Expect; 5] = [
        ("000_0b6ec28b6c4abd8e", "The US won’t stop its support for the MKO", None, Some("Sirous Borna"), Some(("2011-04-12", false)), Kind::Interview),
        ("001_0e7e0deea0fa395e", "Members Reluctant To Continue Cooperation With MKO", Some("MEK Camp Ashraf"), Some("Hossein Alaei"), None, Kind::Interview),
        ("002_5d8e932dd9bb1da5", "MKO fears the U.S. military withdrawal", None, None, Some(("2011-10-26", true)), Kind::Article),
        ("003_5b30c06f36b4de2f", "Who are the MKO and why did Iraqi forces storm their camp?", Some("Iraq"), Some("Dan Murphy"), None, Kind::Article),
        (
            "004_3ec3be72ad7f794c",
            "Another failure for the MKO",
            Some("The MEK Expulsion from Iraq"),
            Some("Mazda Parsi"),
            Some(("2010-12-21", true)),
            Kind::Article,
        ),
    ];
    assert_eq!(idx.docs.len(), 5);
    for (doc, (id, title, section, author, date, kind)) in idx.docs.iter().zip(expect) {
        let m = &doc.meta;
        assert_eq!(doc.id, id);
        assert_eq!(m.title, title, "{id}");
        assert_eq!(m.section.as_deref(), section, "{id}");
        assert_eq!(m.author.as_deref(), author, "{id}");
        assert_eq!(m.date.as_deref().map(|d| (d, m.date_inferred)), date, "{id}");
        assert_eq!(m.kind, kind, "{id}");
        assert!(m.words > 800, "{id}");
    }
    // The two documents with footnotes have them as a part of their own.
    let with_refs: Vec<&str> = idx.docs.iter().filter(|d| d.meta.references.is_some()).map(|d| d.id.as_str()).collect();
    assert_eq!(with_refs, ["002_5d8e932dd9bb1da5", "004_3ec3be72ad7f794c"]);
    let d = &idx.docs[2];
    let (from, to) = d.meta.references.unwrap();
    assert!(idx.text(2).unwrap()[from as usize..to as usize].starts_with("[1]"));
}

#[test]
fn seed_aliases_tie_the_spellings_together() {
    let idx = seeds();
    // As the page reads them: from the index file, where the Entity facet's column holds them.
    let idx = engine::Index::from_bytes(&idx.to_bytes()).expect("reads back");
    let mentions = |name: &str| (0..idx.len() as u32).filter(|&d| idx.entities(d).contains(&name)).count();
    let mko = mentions("MKO");
    assert_eq!(mko, 5);
    let maliki = mentions("Nouri al-Maliki");
    assert_eq!(maliki, 4, "Maleki in the interview, al-Maliki in three articles");
    assert_eq!(engine::search(&idx, "Makeki").hits.len(), 4);
}

#[test]
fn related_documents_are_computed_at_build_time() {
    let idx = seeds();
    for (d, r) in (0..idx.len() as u32).map(|d| idx.related(d).expect("every text is here in the build")).enumerate() {
        assert_eq!(r.similar.len(), 3, "doc {d}");
        assert!(r.similar.iter().all(|(e, s)| *e as usize != d && *s > 0.0));
    }
    // 002 and 004 share "Iraqi Prime Minister Nouri al-Maliki, and".
    assert!(idx.related(2).unwrap().shares.iter().any(|(e, w)| *e == 4 && *w >= 6));
}

/// The documents whose text has `words` one after another, separated by
/// white space only (read off the texts, not the index: fewer than the
/// phrase finds, which also passes over punctuation between them).
fn holding(idx: &Index, words: &[&str]) -> Vec<u32> {
    (0..idx.len() as u32)
        .filter(|&d| {
            let text = idx.text(d).expect("the texts are in the index").to_lowercase();
            let tokens: Vec<&str> = text.split_whitespace().collect();
            tokens.windows(words.len()).any(|w| w == words)
        })
        .collect()
}

#[test]
fn typing_a_phrase_never_empties_the_list_of_the_documents_that_hold_it() {
    let idx = seeds();
    for phrase in [&["camp", "ashraf"][..], &["members", "of", "the"], &["the", "united", "states"]] {
        let holders = holding(&idx, phrase);
        assert!(!holders.is_empty(), "a seed holds {phrase:?}");
        let typed = format!("\"{}\"", phrase.join(" "));
        // Every key from the first letter on, the quote still open (`"c`, `"ca`, …, `"camp ashraf`).
        for end in 2..typed.len() {
            let query = &typed[..end];
            if query.ends_with(' ') {
                continue; // a space ends the word: the phrase so far holds as written
            }
            let hits: Vec<u32> = engine::search(&idx, query).hits.iter().map(|h| h.doc).collect();
            let missing: Vec<&u32> = holders.iter().filter(|d| !hits.contains(d)).collect();
            assert!(missing.is_empty(), "typing {query:?} lost documents {missing:?} that hold {phrase:?}");
        }
        // Closed, the phrase finds its words in a row: at least those documents.
        let closed: Vec<u32> = engine::search(&idx, &typed).hits.iter().map(|h| h.doc).collect();
        assert!(holders.iter().all(|d| closed.contains(d)), "{typed}: {closed:?} against {holders:?}");
    }
}
