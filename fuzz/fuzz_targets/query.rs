//! Any query string against a fixed multilingual corpus: parse, search,
//! marks, snippets, concordance lines and the overview never panic, and
//! marks stay on character boundaries.
#![no_main]

use std::sync::OnceLock;

use engine::explore::concordance::{concordance, line, Sort};
use engine::explore::overview::{overview, Vocabulary};
use engine::ingest::Source;
use engine::snippet::{highlights, snippet};
use engine::{search, Index};
use libfuzzer_sys::fuzz_target;

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        Index::build(vec![
            Source::new("en", "Camp Ashraf\n\nNouri al-Maliki’s U.S. allies: 3,000 «MKO» members, won't they?"),
            Source::new("fa", "سازمان مجاهدین خلق\n\nدر سال ۱۳۹۰ در اردوگاه اشرف"),
            Source::new("mix", "東京 e\u{301}tude 👨‍👩‍👧 ΣΊΣΥΦΟΣ ﬁle"),
        ])
    })
}

fuzz_target!(|data: &[u8]| {
    let q = String::from_utf8_lossy(data);
    let index = index();
    let r = search(index, &q);
    for h in &r.hits {
        let text = &index.docs[h.doc as usize].text;
        for m in highlights(index, h.doc, &r.plan) {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        let s = snippet(index, h.doc, &r.plan, 8);
        for m in &s.marks {
            assert!(s.text.is_char_boundary(m.start) && s.text.is_char_boundary(m.end));
        }
    }
    let docs: Vec<u32> = r.hits.iter().map(|h| h.doc).collect();
    for sort in Sort::ALL {
        let c = concordance(index, &docs, &r.plan, 50, sort);
        for p in &c.places {
            let l = line(index, p, 3);
            assert!(index.docs[l.doc as usize].text.is_char_boundary(l.at));
        }
    }
    static VOCABULARY: OnceLock<Vocabulary> = OnceLock::new();
    let o = overview(index, VOCABULARY.get_or_init(|| Vocabulary::new(index)), &docs, 5);
    assert_eq!(o.documents, docs.len());
});
