//! Documents side by side: one column (`article`) per document, the query
//! marked in each, and every passage shared by two or more of them wrapped
//! in an element with the same `data-passage` in each, coloured per passage.
//! Choosing a passage scrolls every column to its copy.

use std::ops::Range;

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use engine::compare::passages::{shared_ignoring, Passage};
use engine::compare::similarity::contrast;
use engine::snippet::highlights;

use crate::components::marked::{MarkedText, COLOURS};
use crate::components::notes::{mark_selection, NoteButtons, NoteForm};
use crate::components::notices::WholeIndex;
use crate::components::results::meta_line;
use crate::numbers::fixed;
use crate::state::Explorer;

/// Linked scrolling: the other columns follow column `from`, aligned on the
/// first shared passage in view there, else on the same relative position.
fn sync_scroll(from: usize, syncing: StoredValue<bool>) {
    if syncing.get_value() {
        return;
    }
    let document = leptos::prelude::document();
    let Ok(bodies) = document.query_selector_all("#compare .compare-text") else { return };
    let body = |i: u32| bodies.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok());
    let Some(src) = body(from as u32) else { return };
    let src_rect = src.get_bounding_client_rect();
    let mut anchor: Option<(String, f64)> = None;
    if let Ok(ps) = src.query_selector_all("[data-passage]") {
        for k in 0..ps.length() {
            let Some(p) = ps.item(k).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
            let r = p.get_bounding_client_rect();
            if r.bottom() > src_rect.top() && r.top() < src_rect.bottom() {
                anchor = p.get_attribute("data-passage").map(|id| (id, r.top() - src_rect.top()));
                break;
            }
        }
    }
    let range = |e: &web_sys::Element| (e.scroll_height() - e.client_height()).max(1) as f64;
    let ratio = src.scroll_top() as f64 / range(&src);
    syncing.set_value(true);
    for i in 0..bodies.length() {
        if i as usize == from {
            continue;
        }
        let Some(other) = body(i) else { continue };
        let aligned = anchor.as_ref().and_then(|(id, offset)| {
            let target = other.query_selector(&format!("[data-passage=\"{id}\"]")).ok().flatten()?;
            let (t, o) = (target.get_bounding_client_rect(), other.get_bounding_client_rect());
            Some(other.scroll_top() as f64 + t.top() - o.top() - offset)
        });
        other.set_scroll_top(aligned.unwrap_or(ratio * range(&other)).max(0.0) as i32);
    }
    // Scroll events of the columns just moved arrive at the next frame.
    set_timeout(move || syncing.set_value(false), std::time::Duration::from_millis(60));
}

/// Scrolls every column to its first copy of passage `id`.
fn scroll_to_passage(id: usize) {
    let document = leptos::prelude::document();
    let Ok(columns) = document.query_selector_all("#compare .compare-col") else { return };
    for i in 0..columns.length() {
        let Some(col) = columns.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let Ok(Some(target)) = col.query_selector(&format!("[data-passage=\"{id}\"]")) else { continue };
        let Ok(Some(body)) = col.query_selector(".compare-text") else { continue };
        let (t, b) = (target.get_bounding_client_rect(), body.get_bounding_client_rect());
        body.set_scroll_top((body.scroll_top() as f64 + t.top() - b.top() - 40.0).max(0.0) as i32);
    }
}

#[component]
pub fn Compare() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = explorer.corpus.index;
    // The columns are drawn once every text has come (a memo: a chunk that
    // comes for another view does not draw them again).
    let ready = Memo::new(move |_| explorer.compare.with(|docs| explorer.corpus.files.ready(docs)));
    let passages = Memo::new(move |_| {
        if !ready.get() {
            return Vec::new();
        }
        explorer.compare.with(|docs| {
            let held: Vec<_> = docs.iter().map(|&d| index.text(d).unwrap_or_default()).collect();
            let texts: Vec<&str> = held.iter().map(|t| &**t).collect();
            shared_ignoring(&texts, &index.ignore)
        })
    });
    let linked = RwSignal::new(false);
    // The column shown on a phone, where columns become tabs.
    let active = RwSignal::new(0usize);
    // Set while this code scrolls columns, so their scroll events do not echo.
    let syncing = StoredValue::new(false);
    let move_col = move |from: usize, to: usize| {
        let mut docs = explorer.compare.get_untracked();
        if to < docs.len() {
            docs.swap(from, to);
            explorer.set_compare(docs);
        }
    };
    let close_col = move |at: usize| {
        let mut docs = explorer.compare.get_untracked();
        docs.remove(at);
        explorer.set_compare(docs);
    };

    view! {
        <section id="compare" class="compare" role="region" aria-label="Compare">
            <header class="compare-head">
                <h2>"Side by side"</h2>
                <label class="switch">
                    <input type="checkbox" prop:checked=move || linked.get() on:change=move |ev| linked.set(event_target_checked(&ev))/>
                    "Link scrolling"
                </label>
                <button type="button" class="close" on:click=move |_| explorer.set_compare(Vec::new()) aria-keyshortcuts="Escape">
                    "Close comparison"
                </button>
            </header>
            <div class="passage-list">
                {move || {
                    let list = passages.get();
                    if list.is_empty() {
                        let said = if ready.get() { "These documents share no passage of 6 words or more." } else { "Loading the texts…" };
                        Either::Left(view! { <p class="empty" role="status">{said}</p> })
                    } else {
                        Either::Right(view! {
                            <p>{format!("{} shared passage{} (6 words or more), longest first:", list.len(), if list.len() == 1 { "" } else { "s" })}</p>
                            <ol aria-label="Shared passages">
                                {list.iter().enumerate().map(|(id, p)| passage_item(id, p)).collect_view()}
                            </ol>
                        })
                    }
                }}
            </div>
            <ContrastPanel/>
            <div class="compare-tabs" role="tablist" aria-label="Documents">
                {move || {
                    explorer.compare.with(|docs| {
                        docs.iter().enumerate().map(|(col, &doc)| view! { <Tab col=col doc=doc count=docs.len() active=active/> }).collect_view()
                    })
                }}
            </div>
            <div class="compare-cols" style:--cols=move || explorer.compare.with(Vec::len).to_string()>
                {move || {
                    let docs = if ready.get() { explorer.compare.get() } else { Vec::new() };
                    let count = docs.len();
                    docs.into_iter()
                        .enumerate()
                        .map(|(col, doc)| {
                            let (move_col, close_col) = (Callback::new(move |(a, b)| move_col(a, b)), Callback::new(close_col));
                            view! { <Column col doc count passages active linked syncing move_col close_col/> }
                        })
                        .collect_view()
                }}
            </div>
        </section>
    }
}

/// One document of the comparison: its header, and its text with the
/// query's matches and the passages it shares drawn once ([`MarkedText`]).
#[component]
fn Column(
    col: usize,
    doc: u32,
    count: usize,
    passages: Memo<Vec<Passage>>,
    active: RwSignal<usize>,
    linked: RwSignal<bool>,
    syncing: StoredValue<bool>,
    move_col: Callback<(usize, usize)>,
    close_col: Callback<usize>,
) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = explorer.corpus.index;
    let d = &index.docs[doc as usize];
    // Drawn once the comparison's texts are here (`ready` above).
    let text = index.text(doc).unwrap_or_default();
    let marks = Memo::new(move |_| explorer.answer.with(|a| highlights(index, doc, &a.plan)));
    // Notes are made here as in the reader: select, then h, a or the buttons.
    let pending = RwSignal::new(None);
    let text_id: &'static str = ["compare-text-0", "compare-text-1", "compare-text-2", "compare-text-3"][col.min(3)];
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if crate::keys::typing_in_field(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "h" => mark_selection(explorer, doc, pending, false, text_id),
            "a" => mark_selection(explorer, doc, pending, true, text_id),
            _ => return,
        }
        ev.prevent_default();
    };
    let ranges = Memo::new(move |_| {
        let mut ranges: Vec<(Range<usize>, usize)> = passages.with(|ps| {
            ps.iter().enumerate().flat_map(|(id, p)| p.occurrences.iter().filter(move |o| o.doc == col).map(move |o| (o.bytes.clone(), id))).collect()
        });
        engine::order::sort_by_key(&mut ranges, |(r, _)| r.start);
        ranges
    });
    view! {
        <article class="compare-col" class:inactive=move || active.get() != col aria-label=d.meta.title.to_string()>
            <header>
                <h3>{d.meta.title.to_string()}</h3>
                <p class="hit-meta">{meta_line(d)}</p>
                <div class="col-tools">
                    <button type="button" disabled=col == 0 on:click=move |_| move_col.run((col, col.wrapping_sub(1)))>"Move left"</button>
                    <button type="button" disabled=col + 1 == count on:click=move |_| move_col.run((col, col + 1))>"Move right"</button>
                    <button type="button" on:click=move |_| close_col.run(col)>"Remove"</button>
                    <NoteButtons doc=doc pending=pending within=text_id/>
                </div>
                <NoteForm doc=doc pending=pending within=text_id/>
            </header>
            <div
                class="compare-text doc-text"
                id=text_id
                tabindex="0"
                on:keydown=on_key
                on:scroll=move |_| if linked.get_untracked() { sync_scroll(col, syncing) }
            >
                <MarkedText
                    range=0..text.len()
                    text=text
                    marks=Signal::from(marks)
                    passages=Signal::from(ranges)
                    notes=Signal::derive(move || explorer.notes.ranges(doc))
                    on_passage=Callback::new(scroll_to_passage)
                />
            </div>
        </article>
    }
}

/// On a phone the columns are tabs: one shown at a time, ← and → move between them.
#[component]
fn Tab(col: usize, doc: u32, count: usize, active: RwSignal<usize>) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    view! {
        <button
            type="button"
            role="tab"
            id=format!("tab-{col}")
            aria-selected=move || (active.get() == col).to_string()
            tabindex=move || if active.get() == col { "0" } else { "-1" }
            on:click=move |_| active.set(col)
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                let next = match ev.key().as_str() {
                    "ArrowRight" => (col + 1) % count,
                    "ArrowLeft" => (col + count - 1) % count,
                    _ => return,
                };
                active.set(next);
                crate::keys::focus_by_id(&format!("tab-{next}"));
            }
        >
            {format!("{}. {}", col + 1, explorer.corpus.index.docs[doc as usize].meta.title)}
        </button>
    }
}

/// Shared and distinct: terms (TF-IDF) and entities, and each pair's similarity.
#[component]
fn ContrastPanel() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = explorer.corpus.index;
    let body = move || {
        let docs = explorer.compare.get();
        let c = contrast(index, &docs, 12);
        let title = |k: usize| index.docs[docs[k] as usize].meta.title.to_string();
        let entities: Vec<Vec<&str>> = docs.iter().map(|&d| index.entities(d)).collect();
        let shared_entities: Vec<&str> =
            entities.first().map(|e0| e0.iter().filter(|e| entities.iter().all(|es| es.contains(e))).copied().collect()).unwrap_or_default();
        let pairs =
            c.pairs.iter().map(|(i, j, s)| view! { <li>{format!("{} ↔ {}: {}% alike", i + 1, j + 1, fixed(f64::from(*s) * 100.0, 0))}</li> }).collect_view();
        let own = (0..docs.len())
            .map(|k| {
                let only: Vec<&str> = entities[k].iter().filter(|e| !shared_entities.contains(e)).copied().collect();
                view! {
                    <li>
                        <strong>{format!("{}. {}", k + 1, title(k))}</strong>
                        <span>{format!(" — terms: {}", c.distinct[k].join(", "))}</span>
                        <span>{if only.is_empty() { String::new() } else { format!(" — entities: {}", only.join(", ")) }}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p>{format!("All share — terms: {}; entities: {}", c.shared.join(", "), shared_entities.join(", "))}</p>
            <ul aria-label="Only in one document">{own}</ul>
            <ul aria-label="Similarity" class="pairs">{pairs}</ul>
        }
    };
    view! {
        <details class="contrast">
            <summary>"Shared and distinct"</summary>
            // (Weighs every term: over a sharded index, once all of it has come.)
            <WholeIndex>{body}</WholeIndex>
        </details>
    }
}

fn passage_item(id: usize, p: &Passage) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = explorer.corpus.index;
    let o = &p.occurrences[0];
    let doc = explorer.compare.with_untracked(|c| c[o.doc]);
    let whole = index.text(doc).unwrap_or_default();
    let text = whole.get(o.bytes.clone()).unwrap_or_default();
    let preview: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let columns = {
        let mut cols: Vec<usize> = p.occurrences.iter().map(|o| o.doc + 1).collect();
        cols.dedup();
        cols.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ")
    };
    view! {
        <li>
            <button type="button" class=format!("passage-link c{}", id % COLOURS) on:click=move |_| scroll_to_passage(id)>
                {format!("{} words, columns {columns}: “{preview}”", crate::numbers::count(p.words as u64))}
            </button>
        </li>
    }
}
