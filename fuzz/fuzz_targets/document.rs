//! Any document text (any bytes, decoded as the corpus reader does):
//! metadata, indexing, serialisation and snippets never panic, and a
//! snippet and the marks are always real pieces of the text.
#![no_main]

use engine::ingest::folder::decode;
use engine::ingest::Source;
use engine::snippet::{highlights, snippet};
use engine::{search, Index};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = decode(data) else { return };
    let index = Index::build(vec![Source::new("doc", text)]);
    let back = Index::from_bytes(&index.to_bytes()).expect("round trip");
    back.texts().fill_from(index.texts()).expect("the texts round trip");
    assert_eq!(back, index);
    for q in ["", "a", "the*", "\"a b\"", "x~"] {
        let r = search(&index, q);
        let text = index.text(0).unwrap();
        for h in &r.hits {
            // A snippet is the text at its offset, its marks inside it on character edges.
            let s = snippet(&index, h.doc, &r.plan, 16).unwrap();
            assert_eq!(text.get(s.at..s.at + s.text.len()), Some(s.text.as_str()));
            for m in &s.marks {
                assert!(s.text.get(m.clone()).is_some_and(|w| !w.is_empty()), "mark {m:?} off the snippet or a character edge");
            }
            // The reader's marks: inside the text, on character edges, in order, apart.
            let marks = highlights(&index, h.doc, &r.plan);
            assert!(marks.iter().all(|m| text.get(m.clone()).is_some_and(|w| !w.is_empty())));
            assert!(marks.windows(2).all(|w| w[0].end <= w[1].start));
        }
    }
});
