//! The reader's own work: highlights, notes and tags, kept in this browser
//! and nowhere else, moved between machines as a file.
//!
//! - [`model`]: what an annotation is; Web Annotation JSON-LD and CSV; merging an import;
//! - [`store`]: IndexedDB, one database per corpus name;
//! - [`cite`]: a document or passage as a plain-text or BibTeX citation.
//!
//! [`Notes`] is the state the components read (a signal holding every
//! annotation) and the intents that change it; each change is written to the
//! store at once. Passages are found in the current texts by
//! [`engine::anchor`] whenever they are drawn, so a rebuilt corpus shows
//! its notes where their quotes are now, and lists the ones it cannot find.

pub mod cite;
pub mod model;
pub mod store;

use std::ops::Range;

use engine::anchor::{self, Quote};
use engine::index::FacetColumn;
use engine::Index;
use leptos::prelude::*;

use model::Annotation;

use crate::files::Files;

/// Every annotation of this corpus, and what the page has to say about them.
#[derive(Clone, Copy)]
pub struct Notes {
    pub list: RwSignal<Vec<Annotation>>,
    /// The last thing to tell the person (a storage failure, an import's report).
    pub said: RwSignal<Option<String>>,
    /// Changes on their way to the store; a reload now would lose them.
    pub unsaved: RwSignal<usize>,
    /// Whether a change has been stored since the page opened (so the page
    /// can say "Saved" once nothing is on its way).
    pub stored: RwSignal<bool>,
    /// An annotation the reader is asked to scroll to (by id).
    pub focus: RwSignal<Option<String>>,
    /// Per document, the tags on it and on its notes: the Tag facet's
    /// column and what `tag:` reads.
    pub tag_column: Memo<FacetColumn>,
    /// Every passage found in the current texts: (document, byte range,
    /// place in `list`), by document and start. Found once per change of
    /// the notes, read by the reader, the comparison and the concordance.
    placed: Memo<Vec<(u32, Range<usize>, usize)>>,
    /// The store's name for this corpus.
    corpus: StoredValue<String>,
    index: &'static Index,
    texts: &'static Files,
}

/// Now, as ISO 8601 (what `created` and `modified` hold).
fn now() -> String {
    js_sys::Date::new_0().to_iso_string().into()
}

/// A random (version 4) UUID as a URN: ids stay unique across machines, so
/// an import can tell an annotation it already has from a new one.
fn new_id() -> String {
    let mut bytes = [0u8; 16];
    for b in &mut bytes {
        *b = (js_sys::Math::random() * 256.0) as u8;
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("urn:uuid:{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

impl Notes {
    /// The notes of this corpus, read from the store in the background. The
    /// store is the corpus's name's, so a rebuilt or moved corpus keeps its
    /// notes; a corpus without a name is known by the folder its page is in,
    /// so two unnamed corpora on one origin never share notes.
    pub fn new(index: &'static Index, texts: &'static Files) -> Self {
        let name = index.name.clone().unwrap_or_else(|| {
            let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
            format!("@{}", &path[..path.rfind('/').map_or(0, |i| i + 1)])
        });
        let list = RwSignal::new(Vec::<Annotation>::new());
        let tag_column = Memo::new(move |_| {
            let mut per_doc: Vec<Vec<String>> = vec![Vec::new(); index.len()];
            list.with(|l| {
                for a in l {
                    if let Some(doc) = index.doc_by_id(&a.doc) {
                        let tags = &mut per_doc[doc as usize];
                        for t in &a.tags {
                            if !tags.contains(t) {
                                tags.push(t.clone());
                            }
                        }
                    }
                }
            });
            FacetColumn::from_values(&per_doc)
        });
        let placed = Memo::new(move |_| {
            let mut found: Vec<(u32, Range<usize>, usize)> = list.with(|l| {
                l.iter()
                    .enumerate()
                    .filter_map(|(i, a)| {
                        let doc = index.doc_by_id(&a.doc)?;
                        // (A text on its way: placed again when it comes.)
                        anchor::anchor(&texts.text(doc)?, a.quote.as_ref()?).map(|r| (doc, r, i))
                    })
                    .collect()
            });
            engine::order::sort_by_key(&mut found, |(d, r, _)| (*d, r.start));
            found
        });
        let notes = Notes {
            list,
            said: RwSignal::new(None),
            unsaved: RwSignal::new(0),
            stored: RwSignal::new(false),
            focus: RwSignal::new(None),
            tag_column,
            placed,
            corpus: StoredValue::new(name.clone()),
            index,
            texts,
        };
        leptos::task::spawn_local(async move {
            match store::load(&name).await {
                Ok((loaded, unreadable)) => {
                    // Notes made before the store answered stay; the stored ones join them.
                    notes.list.update(|list| {
                        model::merge(list, loaded);
                    });
                    if unreadable > 0 {
                        notes.said.set(Some(format!("{unreadable} stored notes could not be read and are not shown.")));
                    }
                }
                Err(e) => notes.said.set(Some(format!("Notes could not be read from this browser's storage ({e}). New notes last until the page is closed."))),
            }
        });
        notes
    }

    /// Writes the changes to the store; a failure is said, the notes on screen stay.
    /// The change counts as unsaved until the store has committed it, so the
    /// page can say when it is safe to close.
    fn keep(&self, put: Vec<Annotation>, delete: Vec<String>) {
        let (said, unsaved, stored, corpus) = (self.said, self.unsaved, self.stored, self.corpus.get_value());
        unsaved.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            match store::write(&corpus, &put, &delete).await {
                Ok(()) => stored.set(true),
                Err(e) => said.set(Some(format!("This change could not be stored ({e}); it lasts until the page is closed. Export your notes to keep them."))),
            }
            unsaved.update(|n| *n -= 1);
        });
    }

    /// What the page says of the store: "Saving…" while a change is on its
    /// way, "Saved in this browser." once the last one is committed (tracked).
    pub fn saving_text(&self) -> Option<&'static str> {
        if self.unsaved.get() > 0 {
            Some("Saving…")
        } else if self.stored.get() {
            Some("Saved in this browser.")
        } else {
            None
        }
    }

    /// Intent: mark `range` of document `doc` with an optional note and tags.
    pub fn annotate(&self, doc: u32, range: Range<usize>, note: String, tags: Vec<String>) {
        let d = &self.index.docs[doc as usize];
        // A passage is selected in a text on screen, so its text is here.
        let Some(text) = self.index.text(doc) else { return };
        let time = now();
        let a = Annotation { id: new_id(), doc: d.id.to_string(), quote: Some(anchor::quote(&text, range)), note, tags, created: time.clone(), modified: time };
        if self.list.with_untracked(Vec::is_empty) {
            store::ask_to_persist();
        }
        self.list.update(|l| l.push(a.clone()));
        self.keep(vec![a], Vec::new());
    }

    /// Intent: change an annotation's note and tags.
    pub fn edit(&self, id: &str, note: String, tags: Vec<String>) {
        let mut changed = None;
        self.list.update(|l| {
            if let Some(a) = l.iter_mut().find(|a| a.id == id) {
                a.note = note;
                a.tags = tags;
                a.modified = now();
                changed = Some(a.clone());
            }
        });
        if let Some(a) = changed {
            self.keep(vec![a], Vec::new());
        }
    }

    /// Intent: delete an annotation.
    pub fn remove(&self, id: &str) {
        self.list.update(|l| l.retain(|a| a.id != id));
        self.keep(Vec::new(), vec![id.to_string()]);
    }

    /// A document's own tags (tracked).
    pub fn doc_tags(&self, doc: u32) -> Vec<String> {
        let id = &self.index.docs[doc as usize].id;
        self.list.with(|l| l.iter().find(|a| a.quote.is_none() && &a.doc == id).map(|a| a.tags.clone()).unwrap_or_default())
    }

    /// Intent: set a document's tags (none removes its tag annotation).
    pub fn set_doc_tags(&self, doc: u32, tags: Vec<String>) {
        let id = self.index.docs[doc as usize].id.to_string();
        let existing = self.list.with_untracked(|l| l.iter().find(|a| a.quote.is_none() && a.doc == id).map(|a| a.id.clone()));
        match (existing, tags.is_empty()) {
            (Some(a), true) => self.remove(&a),
            (Some(a), false) => self.edit(&a, String::new(), tags),
            (None, true) => {}
            (None, false) => {
                let time = now();
                let a = Annotation { id: new_id(), doc: id, quote: None, note: String::new(), tags, created: time.clone(), modified: time };
                self.list.update(|l| l.push(a.clone()));
                self.keep(vec![a], Vec::new());
            }
        }
    }

    /// Every tag in use with the number of annotations carrying it, by name (tracked).
    pub fn tags(&self) -> Vec<(String, usize)> {
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        self.list.with(|l| {
            for tag in l.iter().flat_map(|a| &a.tags) {
                *counts.entry(tag.clone()).or_default() += 1;
            }
        });
        counts.into_iter().collect()
    }

    /// Intent: merge an exported file. Says what it added, updated and could
    /// not place; a file that does not read changes nothing.
    pub async fn import(&self, text: &str) -> Result<String, String> {
        let incoming = model::import_json(text)?;
        // Passages are found in their texts: those must have come to count what is not found.
        let docs: Vec<u32> = incoming.iter().filter_map(|a| self.index.doc_by_id(&a.doc)).collect();
        self.texts.load(&docs).await?;
        let unplaced = incoming.iter().filter(|a| self.place(a).is_none()).count();
        let mut list = self.list.get_untracked();
        let before = list.clone();
        let report = model::merge(&mut list, incoming);
        let changed: Vec<Annotation> = list.iter().filter(|a| !before.contains(a)).cloned().collect();
        self.list.set(list);
        self.keep(changed, Vec::new());
        let mut said = format!("Imported: {} added, {} updated, {} already here.", report.added, report.updated, report.kept);
        if unplaced > 0 {
            said.push_str(&format!(" {unplaced} could not be placed in this corpus and are listed as not found."));
        }
        Ok(said)
    }

    /// Where an annotation is now: its document, and its passage's byte
    /// range (`None` for a document's tags, and while its text is on its
    /// way: asked for, and tracked); `None` when the document or the
    /// passage is not in this corpus (orphaned).
    pub fn place(&self, a: &Annotation) -> Option<(u32, Option<Range<usize>>)> {
        let doc = self.index.doc_by_id(&a.doc)?;
        match (&a.quote, self.texts.text(doc)) {
            (Some(q), Some(text)) => anchor::anchor(&text, q).map(|r| (doc, Some(r))),
            _ => Some((doc, None)),
        }
    }

    /// Document `doc`'s marked passages, sorted by start, each numbered by
    /// its place in the notes (tracked): the second layer of its marked text.
    pub fn ranges(&self, doc: u32) -> Vec<(Range<usize>, usize)> {
        self.placed.with(|p| {
            let from = p.partition_point(|x| x.0 < doc);
            p[from..].iter().take_while(|x| x.0 == doc).map(|(_, r, i)| (r.clone(), *i)).collect()
        })
    }

    /// Whether the text from byte `at` to `end` of document `doc` lies in a
    /// marked passage (tracked): a concordance line in the person's notes.
    pub fn noted(&self, doc: u32, at: usize, end: usize) -> bool {
        self.placed.with(|p| {
            let from = p.partition_point(|x| x.0 < doc);
            p[from..].iter().take_while(|x| x.0 == doc).any(|(_, r, _)| r.start < end && at < r.end)
        })
    }

    /// The corpus's name, as the store and exported files know it.
    pub fn corpus_name(&self) -> String {
        self.corpus.get_value()
    }
}

/// The quote of an annotation, for lists ("" for a document's tags).
pub fn quoted(a: &Annotation) -> &str {
    a.quote.as_ref().map_or("", |q: &Quote| q.exact.as_str())
}
