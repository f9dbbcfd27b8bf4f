//! The page: its state (query, open document, notices), the intents that
//! change it, and the layout. State lives here; the components below only
//! read it and call intents.

use leptos::ev;
use leptos::prelude::*;

use engine::concordance::Sort;
use engine::facets::{self, Facet, Filters, Order};
use engine::search::{Hit, Options, Results};

use crate::compare::Compare;
use crate::concordance::Concordance;
use crate::corpus;
use crate::facet_panel::{Chips, FacetPanel, SortControl};
use crate::keys;
use crate::overview::Overview;
use crate::reader::Reader;
use crate::results::ResultList;
use crate::route::{self, Entry, View, ViewState};
use crate::theme::{self, Theme};

/// Most documents side by side.
pub const MAX_COMPARE: usize = 4;

/// The state shared by the page's components, and its intents.
#[derive(Clone, Copy)]
pub struct Explorer {
    pub query: RwSignal<String>,
    /// Number of the document open in the reader.
    pub open: RwSignal<Option<u32>>,
    pub filters: RwSignal<Filters>,
    pub order: RwSignal<Order>,
    /// Alias expansion off.
    pub literal: RwSignal<bool>,
    /// What the query matches, before filters (facet counts are taken here).
    pub results: Memo<Results>,
    /// What the list shows: results that pass the filters, in the chosen order.
    pub shown: Memo<Vec<Hit>>,
    pub facet_counts: Memo<Vec<(Facet, Vec<(String, usize)>)>>,
    /// What was wrong with the address the page was opened with.
    pub url_notices: RwSignal<Vec<String>>,
    /// Documents side by side (2 to 4), in column order.
    pub compare: RwSignal<Vec<u32>>,
    /// Hits ticked for comparison in the result list.
    pub picks: RwSignal<Vec<u32>>,
    /// What the results pane shows: list, concordance or overview.
    pub view: RwSignal<View>,
    pub kwic_sort: RwSignal<Sort>,
    /// Byte offset the reader opens at (a concordance line), taken once.
    pub jump: RwSignal<Option<usize>>,
    /// Whether the last history step was made by typing (so the next keystroke amends it).
    typing: StoredValue<bool>,
}

impl Explorer {
    fn new() -> Self {
        let index = corpus::index();
        let query = RwSignal::new(String::new());
        let literal = RwSignal::new(false);
        let filters = RwSignal::new(Filters::default());
        let order = RwSignal::new(Order::Relevance);
        let results = Memo::new(move |_| {
            let options = Options { aliases: !literal.get() };
            query.with(|q| engine::search::search_with(index, q, options))
        });
        let shown = Memo::new(move |_| {
            let mut hits = results.with(|r| filters.with(|f| facets::filter(index, &r.hits, f)));
            facets::sort(index, &mut hits, order.get());
            hits
        });
        let facet_counts = Memo::new(move |_| results.with(|r| filters.with(|f| facets::counts(index, &r.hits, f))));
        let explorer = Explorer {
            query,
            open: RwSignal::new(None),
            filters,
            order,
            literal,
            results,
            shown,
            facet_counts,
            url_notices: RwSignal::new(Vec::new()),
            compare: RwSignal::new(Vec::new()),
            picks: RwSignal::new(Vec::new()),
            view: RwSignal::new(View::Results),
            kwic_sort: RwSignal::new(Sort::Text),
            jump: RwSignal::new(None),
            typing: StoredValue::new(false),
        };
        explorer.load_location();
        explorer
    }

    /// Reads the address bar into the state (start-up, Back and Forward).
    pub fn load_location(&self) {
        let (state, mut notices) = route::parse(&route::location_search());
        let index = corpus::index();
        let open = state.doc.as_ref().and_then(|id| {
            let n = index.doc_by_id(id);
            if n.is_none() {
                notices.push(format!("There is no document “{id}” in this corpus; showing the search instead."));
            }
            n
        });
        let mut compare: Vec<u32> = Vec::new();
        for id in &state.compare {
            match index.doc_by_id(id) {
                Some(n) if !compare.contains(&n) => compare.push(n),
                Some(_) => {}
                None => notices.push(format!("There is no document “{id}” to compare; it was left out.")),
            }
        }
        if compare.len() > MAX_COMPARE {
            notices.push(format!("At most {MAX_COMPARE} documents can be compared; the first {MAX_COMPARE} are shown."));
            compare.truncate(MAX_COMPARE);
        }
        if compare.len() == 1 {
            notices.push("Comparing needs two documents or more.".into());
            compare.clear();
        }
        self.compare.set(compare);
        self.query.set(state.q);
        self.filters.set(state.filters);
        self.order.set(state.order);
        self.literal.set(state.literal);
        self.view.set(state.view);
        self.kwic_sort.set(state.kwic_sort);
        self.open.set(open);
        self.url_notices.set(notices);
        self.typing.set_value(false);
    }

    fn view_state(&self) -> ViewState {
        let index = corpus::index();
        ViewState {
            q: self.query.get_untracked(),
            doc: self.open.get_untracked().map(|n| index.docs[n as usize].id.clone()),
            filters: self.filters.get_untracked(),
            order: self.order.get_untracked(),
            literal: self.literal.get_untracked(),
            compare: self.compare.get_untracked().iter().map(|&n| index.docs[n as usize].id.clone()).collect(),
            view: self.view.get_untracked(),
            kwic_sort: self.kwic_sort.get_untracked(),
        }
    }

    /// Intent: show these documents side by side (2 to 4), or close the view with none.
    pub fn set_compare(&self, docs: Vec<u32>) {
        let docs = if docs.len() >= 2 { docs.into_iter().take(MAX_COMPARE).collect() } else { Vec::new() };
        self.compare.set(docs);
        self.step();
    }

    /// Intent: tick or untick a hit for comparison.
    pub fn toggle_pick(&self, doc: u32) {
        self.picks.update(|p| {
            if let Some(i) = p.iter().position(|&d| d == doc) {
                p.remove(i);
            } else if p.len() < MAX_COMPARE {
                p.push(doc);
            }
        });
    }

    /// The state as a link, with another document open (for hit links).
    pub fn href_for(&self, doc: u32) -> String {
        let mut state = self.view_state();
        state.doc = Some(corpus::index().docs[doc as usize].id.clone());
        route::format(&state)
    }

    /// A change that is its own step in the history.
    fn step(&self) {
        self.typing.set_value(false);
        route::write(&self.view_state(), Entry::Push);
    }

    /// Intent: tick or untick a facet value.
    pub fn toggle_filter(&self, facet: Facet, value: String) {
        self.filters.update(|f| f.toggle(facet, &value));
        self.step();
    }

    /// Intent: remove every filter.
    pub fn clear_filters(&self) {
        self.filters.set(Filters::default());
        self.step();
    }

    pub fn set_order(&self, order: Order) {
        self.order.set(order);
        self.step();
    }

    /// The documents the list shows, in its order (tracked): what the
    /// concordance and the overview are taken over.
    pub fn shown_docs(&self) -> Vec<u32> {
        self.shown.with(|hits| hits.iter().map(|h| h.doc).collect())
    }

    /// Intent: show the results as a list, a concordance or an overview.
    pub fn set_view(&self, view: View) {
        self.view.set(view);
        self.step();
    }

    /// Subscribes the caller to every part of the state the address holds.
    pub fn track_state(&self) {
        self.query.track();
        self.open.track();
        self.filters.track();
        self.order.track();
        self.literal.track();
        self.compare.track();
        self.view.track();
        self.kwic_sort.track();
    }

    /// The state as a link, with another view (for the view switcher).
    pub fn href_for_view(&self, view: View) -> String {
        route::format(&ViewState { view, ..self.view_state() })
    }

    pub fn set_kwic_sort(&self, sort: Sort) {
        self.kwic_sort.set(sort);
        self.step();
    }

    /// Intent: look at one word across the corpus (from the overview): its
    /// concordance, one step in the history.
    pub fn concordance_of(&self, word: String) {
        self.query.set(word);
        self.view.set(View::Kwic);
        self.step();
    }

    /// Intent: search spellings literally (alias expansion off) or not.
    pub fn set_literal(&self, literal: bool) {
        self.literal.set(literal);
        self.step();
    }

    /// Intent: the search box changed. The first keystroke of a search makes
    /// a history step; the following ones amend it.
    pub fn set_query(&self, text: String) {
        self.query.set(text);
        let entry = if self.typing.get_value() { Entry::Replace } else { Entry::Push };
        self.typing.set_value(true);
        route::write(&self.view_state(), entry);
    }

    /// Intent: open a document in the reader.
    pub fn open_doc(&self, doc: u32) {
        self.open.set(Some(doc));
        self.step();
        // The reader exists after Leptos has applied the update.
        request_animation_frame(|| keys::focus_by_id("reader"));
    }

    /// Intent: open a document in the reader at the match that starts at byte `at`.
    pub fn open_at(&self, doc: u32, at: usize) {
        self.jump.set(Some(at));
        if self.open.get_untracked() == Some(doc) {
            // Same document: the reader is there already, only move to the match.
            keys::focus_by_id("reader");
            return;
        }
        self.open_doc(doc);
    }

    /// Intent: close the reader, focus back on the hit it came from.
    pub fn close_doc(&self) {
        let Some(doc) = self.open.get_untracked() else { return };
        self.open.set(None);
        self.step();
        let id = format!("hit-{doc}");
        request_animation_frame(move || {
            let document = leptos::prelude::document();
            // Back to where the reader was opened from: its hit, a concordance
            // line of it, or the search box.
            let kwic = document.query_selector(&format!("#kwic a[data-doc=\"{doc}\"]")).ok().flatten();
            if document.get_element_by_id(&id).is_some() {
                keys::focus_by_id(&id);
            } else if let Some(el) = kwic.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
                let _ = el.focus();
            } else {
                keys::focus_by_id("search");
            }
        });
    }
}

#[component]
pub fn App() -> impl IntoView {
    let explorer = Explorer::new();
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
                keys::focus_by_id("search");
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

    let index = corpus::index();
    let dark = RwSignal::new(theme::saved() == Theme::Dark);
    let reading = move || explorer.open.get().is_some();

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
        <Show when=move || !explorer.compare.get().is_empty()>
            <Compare/>
        </Show>
        <main class="panes" class:reading=reading class:hidden=move || !explorer.compare.get().is_empty()>
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
                    View::Overview => view! { <Overview/> }.into_any(),
                }}
            </section>
            {move || explorer.open.get().map(|doc| view! { <Reader doc=doc/> })}
        </main>
        <footer class="foot">
            {format!(
                "{}{} documents · index {} KB · keys: / search, ↑ ↓ hits or lines, Enter open, n / p matches, Esc close",
                index.name.as_ref().map(|n| format!("{n} · ")).unwrap_or_default(),
                index.len(),
                corpus::index_bytes().div_ceil(1024),
            )}
        </footer>
    }
}

#[component]
fn SearchBox() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    view! {
        <div class="search" role="search">
            <input
                id="search"
                type="search"
                aria-label="Search"
                placeholder="Search the corpus: words, \"phrases\", OR, -not, pref*"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || explorer.query.get()
                on:input=move |ev| explorer.set_query(event_target_value(&ev))
                on:keydown=move |ev: ev::KeyboardEvent| {
                    if ev.key() == "ArrowDown" && keys::move_through_hits(1) {
                        ev.prevent_default();
                    } else if ev.key() == "Enter" {
                        ev.prevent_default();
                        keys::move_through_hits(1);
                    }
                }
            />
            <label class="switch">
                <input
                    type="checkbox"
                    prop:checked=move || !explorer.literal.get()
                    on:change=move |ev| explorer.set_literal(!event_target_checked(&ev))
                />
                "All spellings"
            </label>
        </div>
    }
}

/// Links between the three ways of showing a search; each is a shareable address.
#[component]
fn ViewSwitch() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    view! {
        <nav class="views" aria-label="Views">
            {View::ALL
                .into_iter()
                .map(|v| {
                    view! {
                        <a
                            href=move || {
                                explorer.track_state();
                                explorer.href_for_view(v)
                            }
                            aria-current=move || (explorer.view.get() == v).then_some("page")
                            on:click=move |ev: ev::MouseEvent| {
                                if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0) {
                                    ev.prevent_default();
                                    explorer.set_view(v);
                                }
                            }
                        >
                            {v.label()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// Query warnings and address problems, said politely and kept visible.
#[component]
fn Notices() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let all = move || {
        let mut v = explorer.url_notices.get();
        v.extend(explorer.results.with(|r| r.warnings.clone()));
        v
    };
    view! {
        <Show when=move || !all().is_empty()>
            <ul class="notices" aria-live="polite">
                {move || all().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
            </ul>
        </Show>
    }
}
