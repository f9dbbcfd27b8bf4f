//! The page's layout, and the three things that belong to the page as a
//! whole: Back/Forward (the address is read into the state), the global
//! keys (`/`, Esc) and carrying out focus requests after each render.

use leptos::ev;
use leptos::prelude::*;

use crate::components::collocates::Collocates;
use crate::components::compare::Compare;
use crate::components::concordance::Concordance;
use crate::components::facet_panel::{Chips, FacetPanel, SortControl};
use crate::components::keyness::Keyness;
use crate::components::ngrams::Ngrams;
use crate::components::notes::NotesView;
use crate::components::notices::{ListsProgress, Notices, TextsProgress, WholeIndex};
use crate::components::offline::OfflineCopy;
use crate::components::overview::Overview;
use crate::components::reader::{Reader, TextComing};
use crate::components::results::ResultList;
use crate::components::search_box::SearchBox;
use crate::components::trends::Trends;
use crate::components::view_switch::ViewSwitch;
use crate::corpus::Corpus;
use crate::keys;
use crate::route::View;
use crate::state::{Explorer, Focus};
use crate::theme::{self, Theme};

#[component]
pub fn App(corpus: Corpus) -> impl IntoView {
    let explorer = Explorer::new(corpus);
    provide_context(explorer);

    // Back and Forward restore the state the address describes.
    let popstate = window_event_listener(ev::popstate, move |_| explorer.load_location());
    let keydown = window_event_listener(ev::keydown, move |ev| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "/" if !keys::typing_in_field(&ev) => {
                ev.prevent_default();
                explorer.focus.set(Some(Focus::Search));
            }
            "Escape" if explorer.open.get_untracked().is_some() => {
                ev.prevent_default();
                explorer.close_doc();
            }
            "Escape" if !explorer.compare.get_untracked().is_empty() => {
                ev.prevent_default();
                explorer.set_compare(Vec::new());
            }
            _ => {}
        }
    });
    on_cleanup(move || {
        popstate.remove();
        keydown.remove();
    });
    // Focus follows the state: at once when the target is on the page (so
    // the next key already goes there), else after the next render.
    Effect::new(move |_| {
        if let Some(target) = explorer.focus.get() {
            if !keys::focus_by_id(&target.dom_id()) {
                request_animation_frame(move || {
                    if !keys::focus_by_id(&target.dom_id()) {
                        keys::focus_by_id(&Focus::Search.dom_id());
                    }
                });
            }
        }
    });

    // The open document once its text is here (a memo: chunks that come for
    // other views do not draw the reader again). Until then the reader's
    // place says the text is coming; focus that was on that place moves to
    // the reader when it replaces it.
    let readable = Memo::new(move |_| explorer.open.get().filter(|&doc| corpus.text(doc).is_some()));
    Effect::new(move |before: Option<Option<u32>>| {
        let now = readable.get();
        if now.is_some() && before == Some(None) && document().active_element().is_none_or(|e| e.tag_name() == "BODY") {
            explorer.focus.set(Some(Focus::Reader));
        }
        now
    });

    // The offline copy (the service worker the boot script registers on
    // `explorer-settled`) downloads ahead once the address's own question
    // is answered whole and the files it asked for have come: registered
    // at the mount, its downloads shared the network with the first
    // answer's fragments and texts, 40–120 ms of it on the Linux docs.
    let settled = StoredValue::new(false);
    Effect::new(move |_| {
        // (Once settled it reads no signal, so no keystroke runs it again.)
        if settled.get_value() {
            return;
        }
        // (A fragment that failed settles it too: the offline copy is still worth having.)
        let whole = explorer.answer.with(|a| a.fragments.is_empty());
        let (texts, lists) = (corpus.files.progress(), corpus.files.lists_progress());
        if texts.coming + lists.coming > 0 || !whole && lists.failed.is_none() {
            return;
        }
        // After the frame: what the answer's rows asked for is asked for by then.
        request_animation_frame(move || {
            if !settled.get_value() && !corpus.files.busy() {
                settled.set_value(true);
                if let Ok(ev) = web_sys::CustomEvent::new("explorer-settled") {
                    let _ = window().dispatch_event(&ev);
                }
            }
        });
    });

    let index = corpus.index;
    let dark = RwSignal::new(theme::saved() == Theme::Dark);
    let reading = move || explorer.open.get().is_some();
    let comparing = move || explorer.compare.with(|c| !c.is_empty());

    view! {
        <header class="top">
            <h1 class="brand">"Corpus explorer"</h1>
            <SearchBox/>
            <button
                type="button"
                class="theme"
                aria-pressed=move || dark.get().to_string()
                on:click=move |_| {
                    let next = !dark.get_untracked();
                    dark.set(next);
                    theme::choose(if next { Theme::Dark } else { Theme::Light });
                }
            >
                "Dark theme"
            </button>
        </header>
        <Notices/>
        <TextsProgress/>
        <ListsProgress/>
        <Show when=comparing>
            <Compare/>
        </Show>
        <main class="panes" class:reading=reading class:hidden=comparing>
            <FacetPanel/>
            <section class="results-pane" aria-label="Search results">
                <ViewSwitch/>
                <div class="list-tools">
                    <Chips/>
                    <Show when=move || explorer.view.get() == View::Results>
                        <SortControl/>
                    </Show>
                </div>
                {move || match explorer.view.get() {
                    View::Results => view! { <ResultList/> }.into_any(),
                    View::Kwic => view! { <Concordance/> }.into_any(),
                    // (These read every list: over a sharded index, once all of it has come. Trends
                    // reads its terms' lists only: it fetches their fragments, `Files::read_whole`.)
                    View::Overview => view! { <WholeIndex><Overview/></WholeIndex> }.into_any(),
                    View::Collocates => view! { <WholeIndex><Collocates/></WholeIndex> }.into_any(),
                    View::Keyness => view! { <WholeIndex><Keyness/></WholeIndex> }.into_any(),
                    View::Ngrams => view! { <WholeIndex><Ngrams/></WholeIndex> }.into_any(),
                    View::Trends => view! { <Trends/> }.into_any(),
                    View::Notes => view! { <NotesView/> }.into_any(),
                }}
            </section>
            {move || match (explorer.open.get(), readable.get()) {
                (Some(doc), Some(here)) if doc == here => Some(view! { <Reader doc=doc/> }.into_any()),
                (Some(doc), _) => Some(view! { <TextComing doc=doc/> }.into_any()),
                _ => None,
            }}
        </main>
        <footer class="foot">
            <p>{format!(
                "{}{} documents · index {} KB{} · keys: / search, ↑ ↓ hits or lines, Enter open, n / p matches, h / a highlight or note the selected text, Esc close",
                index.name.as_ref().map(|n| format!("{n} · ")).unwrap_or_default(),
                crate::numbers::count(index.len() as u64),
                crate::numbers::count(corpus.bytes.div_ceil(1024) as u64),
                sharded_parts(index),
            )}</p>
            <OfflineCopy/>
        </footer>
    }
}

/// What a sharded index keeps apart, for the footer: " + N KB in M parts
/// fetched as searches need them" (nothing for an index read whole).
fn sharded_parts(index: &engine::Index) -> String {
    let parts = index.fragments();
    if parts.is_empty() {
        return String::new();
    }
    let bytes: usize = parts.iter().map(|f| f.bytes as usize).sum();
    format!(" + {} KB in {} parts fetched as searches need them", crate::numbers::count(bytes.div_ceil(1024) as u64), crate::numbers::count(parts.len() as u64))
}
