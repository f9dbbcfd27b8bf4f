//! What the page offers to scripts (`window.wasmBindings` in a Trunk
//! build): the search the result list runs, as data. The benchmark harness
//! (`bench/`) measures the engine through it, in the page as shipped.
//! Scripts call in from outside the app, so the corpus is handed here once
//! it has loaded (the only place that keeps it outside the app's context).

use std::sync::OnceLock;

use wasm_bindgen::prelude::*;

use engine::index::FacetColumn;
use engine::service::Question;

use crate::backend::Backend;
use crate::corpus::Corpus;

static CORPUS: OnceLock<Corpus> = OnceLock::new();

/// Makes the loaded corpus reachable by scripts.
pub fn expose(corpus: Corpus) {
    let _ = CORPUS.set(corpus);
}

/// Searches as the result list does (aliases on) and resolves to the top
/// `n` hits as `{id, title, snippet}`, snippets computed as for display
/// (their texts fetched first when they are not here yet, as the list
/// does). Empty until the corpus has loaded.
#[wasm_bindgen]
pub async fn query_top(query: String, n: usize) -> js_sys::Array {
    let out = js_sys::Array::new();
    let Some(&corpus) = CORPUS.get() else { return out };
    let index = corpus.index;
    let question = Question { query, snippets: n, ..Question::default() };
    let Ok(a) = Backend::Embedded(corpus).ask_whole(&question, FacetColumn::empty()).await else { return out };
    for (doc, s) in &a.snippets {
        let d = &index.docs[*doc as usize];
        let hit = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&hit, &"id".into(), &d.id.as_str().into());
        let _ = js_sys::Reflect::set(&hit, &"title".into(), &d.meta.title.as_str().into());
        let _ = js_sys::Reflect::set(&hit, &"snippet".into(), &s.text.as_str().into());
        out.push(&hit);
    }
    out
}

/// How many documents match `query` (all of them, not only the top), once
/// the fragments its lists are in have come.
#[wasm_bindgen]
pub async fn query_count(query: String) -> usize {
    let Some(&corpus) = CORPUS.get() else { return 0 };
    let question = Question { query, ..Question::default() };
    Backend::Embedded(corpus).ask_whole(&question, FacetColumn::empty()).await.map_or(0, |a| a.hits.len())
}
