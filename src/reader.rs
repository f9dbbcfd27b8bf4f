//! The reader: one document, every match marked, stepping through them.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use engine::snippet::highlights;

use crate::app::Explorer;
use crate::corpus;
use crate::keys;
use crate::marked::Marked;
use crate::results::meta_line;

#[component]
pub fn Reader(doc: u32) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = corpus::index();
    let d = &index.docs[doc as usize];
    let marks = Memo::new(move |_| explorer.results.with(|r| highlights(index, doc, &r.plan)));
    let current = RwSignal::new(0usize);
    let count = move || marks.with(Vec::len);

    // The match at or after a byte offset (a concordance line was chosen).
    let match_at = move |at: usize| marks.with_untracked(|m| m.iter().position(|r| r.end > at).unwrap_or(0));
    // New marks (the query changed): back to the first one, or to the line chosen.
    Effect::new(move |_| {
        marks.track();
        current.set(explorer.jump.get_untracked().map_or(0, match_at));
    });
    // Another line of the same document chosen while it is open.
    Effect::new(move |_| {
        if let Some(at) = explorer.jump.get() {
            current.set(match_at(at));
            explorer.jump.set(None);
        }
    });
    // Show the current match: class and scroll.
    Effect::new(move |_| {
        let i = current.get();
        if count() == 0 {
            return;
        }
        request_animation_frame(move || show_match(i));
    });

    let step = move |by: i64| {
        let n = count() as i64;
        if n > 0 {
            current.set(((current.get_untracked() as i64 + by).rem_euclid(n)) as usize);
        }
    };
    let on_key = move |ev: ev::KeyboardEvent| {
        if keys::typing_in_field(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "n" | "j" => step(1),
            "p" | "N" | "k" => step(-1),
            "Enter" if ev.shift_key() => step(-1),
            "Enter" => step(1),
            _ => return,
        }
        ev.prevent_default();
    };

    let title = d.meta.title.clone();
    let label = title.clone();
    let related = index.related.get(doc as usize).cloned().unwrap_or_default();
    let shares = related.shares.clone();
    let similar = related.similar.clone();
    view! {
        <article id="reader" class="reader" tabindex="-1" aria-label=label on:keydown=on_key>
            <header class="reader-head">
                <h2 class="reader-title">{title}</h2>
                <p class="hit-meta">{meta_line(d)}</p>
                <div class="reader-tools">
                    <button type="button" on:click=move |_| step(-1) aria-keyshortcuts="p" disabled=move || count() == 0>
                        "Previous match"
                    </button>
                    <span class="match-count" aria-live="polite">
                        {move || match count() {
                            0 => "No match in this document".to_string(),
                            n => format!("Match {} of {n}", current.get() + 1),
                        }}
                    </span>
                    <button type="button" on:click=move |_| step(1) aria-keyshortcuts="n" disabled=move || count() == 0>
                        "Next match"
                    </button>
                    <button
                        type="button"
                        title="Pick this document for comparison, then tick others in the list"
                        on:click=move |_| {
                            if !explorer.picks.with_untracked(|p| p.contains(&doc)) {
                                explorer.toggle_pick(doc);
                            }
                            explorer.close_doc();
                        }
                    >
                        "Compare with…"
                    </button>
                    <button type="button" class="close" on:click=move |_| explorer.close_doc() aria-keyshortcuts="Escape">
                        "Close"
                    </button>
                </div>
                <RelatedLists doc=doc shares=shares similar=similar/>
            </header>
            {move || {
                let marks = marks.get();
                // The footnote list, when there is one, is a part of its own.
                match d.meta.references {
                    None => view! { <div class="doc-text"><Marked text=d.text.clone() marks=marks/></div> }.into_any(),
                    Some((from, _)) => {
                        let cut = from as usize;
                        let (body, refs): (Vec<_>, Vec<_>) = marks.into_iter().partition(|m| m.end <= cut);
                        let first = body.len();
                        let refs: Vec<_> = refs.into_iter().filter(|m| m.start >= cut).map(|m| m.start - cut..m.end - cut).collect();
                        view! {
                            <div class="doc-text"><Marked text=d.text[..cut].to_string() marks=body/></div>
                            <section class="doc-text references" aria-label="References">
                                <h3>"References"</h3>
                                <Marked text=d.text[cut..].to_string() marks=refs first=first/>
                            </section>
                        }
                        .into_any()
                    }
                }
            }}
        </article>
    }
}

/// Marks match `i` as current and scrolls it to the middle of the reader.
/// Only the reader scrolls when it is a scroll box (wide screens); the page
/// scrolls only when the reader is part of the page flow (phones).
fn show_match(i: usize) {
    let document = leptos::prelude::document();
    let Ok(marks) = document.query_selector_all("#reader mark") else { return };
    let Some(reader) = document.get_element_by_id("reader") else { return };
    for k in 0..marks.length() {
        let Some(el) = marks.item(k).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let _ = el.class_list().toggle_with_force("current", k as usize == i);
        if k as usize != i {
            continue;
        }
        if reader.scroll_height() > reader.client_height() {
            let (m, r) = (el.get_bounding_client_rect(), reader.get_bounding_client_rect());
            let target = reader.scroll_top() as f64 + m.top() - r.top() - r.height() / 2.0;
            reader.set_scroll_top(target.max(0.0) as i32);
        } else {
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    }
}

/// "Documents that share passages with this one" (each opens the comparison)
/// and "Similar documents" (each opens in the reader), computed at build time.
#[component]
fn RelatedLists(doc: u32, shares: Vec<(u32, u32)>, similar: Vec<(u32, f32)>) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = corpus::index();
    let title = move |d: u32| index.docs[d as usize].meta.title.clone();
    let share_items = shares
        .into_iter()
        .take(5)
        .map(|(other, words)| {
            view! {
                <li>
                    <button type="button" class="link" on:click=move |_| explorer.set_compare(vec![doc, other])>
                        {format!("{} ({words} words)", title(other))}
                    </button>
                </li>
            }
        })
        .collect_view();
    let similar_items = similar
        .into_iter()
        .map(|(other, score)| {
            view! {
                <li>
                    <a href=explorer.href_for(other) on:click=move |ev: ev::MouseEvent| {
                        if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
                            ev.prevent_default();
                            explorer.open_doc(other);
                        }
                    }>{title(other)}</a>
                    {format!(" · {:.0}% alike", score * 100.0)}
                </li>
            }
        })
        .collect_view();
    view! {
        <details class="related">
            <summary>"Related documents"</summary>
            <h3>"Documents that share passages with this one"</h3>
            <ul aria-label="Documents that share passages with this one">{share_items}</ul>
            <h3>"Similar documents"</h3>
            <ul aria-label="Similar documents">{similar_items}</ul>
        </details>
    }
}
