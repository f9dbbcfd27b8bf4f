//! Any document text (any bytes, decoded as the corpus reader does):
//! metadata, indexing, serialisation and snippets never panic.
#![no_main]

use engine::ingest::folder::decode;
use engine::ingest::Source;
use engine::snippet::snippet;
use engine::{search, Index};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = decode(data) else { return };
    let index = Index::build(vec![Source::new("doc", text)]);
    let back = Index::from_bytes(&index.to_bytes()).expect("round trip");
    assert_eq!(back, index);
    for q in ["", "a", "the*", "\"a b\"", "x~"] {
        let r = search(&index, q);
        for h in &r.hits {
            let s = snippet(&index, h.doc, &r.plan, 16);
            assert!(s.text.len() <= index.docs[0].text.len());
        }
    }
});
