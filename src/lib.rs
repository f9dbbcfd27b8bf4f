//! The explorer's web app: renders state and sends intents; every question
//! about text goes to the `engine` crate. State flows one way:
//! corpus (decoded index) → [`state`] (signals, memos, intents) → components
//! (view) → intents → state; the address follows the state ([`route`]).
//!
//! - [`corpus`]: the index the indexer wrote (`crates/engine/src/bin/index.rs`), fetched beside the wasm and decoded once;
//! - [`files`]: the files the index names beside the page: the documents' texts, fetched chunk by chunk
//!   as views show them, and a sharded index's fragments, fetched as searches need them;
//! - [`offline`]: keeping every such file for offline use (the footer's control);
//! - [`state`]: the page's state, what follows from it and the intents that change it;
//! - [`route`]: view state ⇄ URL query string, and the browser history;
//! - [`app`]: the layout, Back/Forward, global keys, focus requests;
//! - [`components`]: search box, views, result list, reader, concordance,
//!   overview, comparison, facet panel, notices, marked text;
//! - [`notes`]: highlights, notes and tags, kept in IndexedDB, exported and imported as Web Annotations;
//! - [`keys`]: keyboard and click helpers; [`numbers`]: decimals as the browser writes them; [`theme`]: light/dark;
//! - [`panic`]: a visible error banner instead of a dead page;
//! - [`script_api`]: the search as data for scripts (the benchmark harness).

pub mod app;
pub mod backend;
pub mod components;
pub mod corpus;
pub mod download;
pub mod files;
pub mod keys;
pub mod notes;
pub mod numbers;
pub mod offline;
pub mod panic;
pub mod route;
pub mod script_api;
pub mod state;
pub mod theme;

use wasm_bindgen::JsCast;

/// How long the page waits, before drawing the app, for the files its
/// address's first answer needs (`files::Files::ahead`): tens of
/// milliseconds on loopback. Past it (a slow network, a lost file) the app
/// is drawn saying "Searching…", and the files come as they do after.
/// (tests/e2e/sharded.test.mjs holds the same figure.)
const AHEAD_WAIT: std::time::Duration = std::time::Duration::from_millis(500);

/// Entry point of the page: installs the panic banner, applies the theme,
/// loads the corpus (with progress in the static "loading" line), fetches
/// what the address's first answer needs (`Files::ahead`), then mounts the
/// app. A corpus that cannot be loaded is said so, with a reload.
pub fn start() {
    mark("explorer:start");
    panic::install();
    theme::apply(theme::saved());
    wasm_bindgen_futures::spawn_local(async {
        let document = leptos::prelude::document();
        let status = document.get_element_by_id("loading");
        let bar = document.get_element_by_id("loading-bar").and_then(|e| e.dyn_into::<web_sys::HtmlProgressElement>().ok());
        let label = document.get_element_by_id("loading-text");
        let say = |text: &str| {
            if let Some(l) = &label {
                l.set_text_content(Some(text));
            }
        };
        let loaded = corpus::fetch(|got, total| {
            let mb = |b: usize| b as f64 / 1e6;
            match total.filter(|&t| t >= got) {
                Some(t) => {
                    say(&format!("Loading the corpus… {} of {} MB", numbers::fixed(mb(got), 1), numbers::fixed(mb(t), 1)));
                    if let Some(bar) = &bar {
                        bar.set_max(t as f64);
                        bar.set_value(got as f64);
                    }
                }
                None => say(&format!("Loading the corpus… {} MB", numbers::fixed(mb(got), 1))),
            }
        })
        .await
        .and_then(|bytes| {
            mark("explorer:corpus-fetched");
            say("Opening the index…");
            corpus::Corpus::decode(bytes)
        });
        mark("explorer:index-decoded");
        match loaded {
            Ok(corpus) => {
                script_api::expose(corpus);
                // What the address's own question needs, fetched while nothing is drawn
                // (the files' tasks run on Leptos' executor, which mounting would start).
                let _ = any_spawner::Executor::init_wasm_bindgen();
                let (address, _) = route::parse(&route::location_search(), corpus.index.facets());
                if !address.q.trim().is_empty() {
                    say("Searching…");
                }
                let question = state::question_of(address.q, address.literal, address.filters, address.order, address.view);
                let open = address.doc.as_deref().and_then(|id| corpus.index.doc_by_id(id));
                corpus.files.ahead(question, open, AHEAD_WAIT).await;
                mark("explorer:ahead");
                if let Some(s) = status {
                    s.remove();
                }
                let root = document.create_element("div").expect("create a div");
                root.set_id("app");
                document.body().expect("a body").append_child(&root).expect("append the root");
                leptos::mount::mount_to(root.unchecked_into(), move || leptos::view! { <app::App corpus=corpus/> }).forget();
                mark("explorer:mounted");
            }
            Err(e) => {
                say(&format!("The corpus could not be loaded ({e}). Reload the page to try again."));
                if let Some(s) = status {
                    let _ = s.set_attribute("role", "alert");
                }
                if let Some(bar) = bar {
                    bar.remove();
                }
            }
        }
    });
}

/// A named moment of start-up in the page's performance timeline
/// (`./dev measure` prints them); costs nothing a person notices.
fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}
