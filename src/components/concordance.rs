//! The concordance view (`view=kwic`): every match of the search in the
//! matching documents, one line each with the words around it, ordered by
//! document or by the words to its left or right. Choosing a line opens the
//! reader at that match: the match is a link, named by it and the document.

use leptos::ev;
use leptos::prelude::*;

use engine::explore::concordance::{line, Sort};

use crate::components::dispersion::Dispersion;
use crate::components::results::count_text;
use crate::components::table::save_sheet;
use crate::download::{Field, Sheet};
use crate::keys::{list_keydown, plain_click};
use crate::numbers::count;
use crate::state::{Explorer, KWIC_LIMIT};

/// Words of context on each side of a match.
const WIDTH: u32 = 8;

#[component]
pub fn Concordance() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = explorer.corpus.index;
    let found = explorer.concordance;
    let total = move || found.with(|c| c.total);
    let status = move || {
        if explorer.searching() {
            return "Searching…".to_string();
        }
        let docs = explorer.shown.with(Vec::len);
        match total() {
            0 => count_text(docs),
            1 => format!("{} · 1 match", count_text(docs)),
            n => format!("{} · {} matches", count_text(docs), count(n as u64)),
        }
    };
    let rows = move || {
        let limit = explorer.drawn();
        found.with(|c| {
            // Only the lines on screen are cut from their texts: drawn once those have come.
            let docs: Vec<u32> = c.places.iter().take(limit).map(|p| p.doc).collect();
            explorer.corpus.files.ready(&docs).then(|| {
            c.places
                .iter()
                .take(limit)
                .filter_map(|place| line(index, place, WIDTH))
                .enumerate()
                .map(|(i, line)| {
                    let (doc, at) = (line.doc, line.at);
                    // A match inside a passage of the person's notes says so.
                    let noted = explorer.notes.noted(doc, at, at + line.keyword.len());
                    let meta = &index.docs[doc as usize].meta;
                    let title = meta.title.to_string();
                    // A document with pages (a PDF) says which one the line is on.
                    let page = meta.page_at(at as u32).map(|p| format!(" · p. {p}"));
                    view! {
                        <tr class:noted=noted>
                            <td class="kwic-left"><span>{line.left}</span></td>
                            <td class="kwic-match">
                                // The match is the way into the reader; its name says which document.
                                <a
                                    class="kwic-open"
                                    id=format!("kwic-{i}")
                                    href=explorer.href_for(doc)
                                    data-doc=doc
                                    title=title.clone()
                                    on:click=move |ev: ev::MouseEvent| {
                                        if plain_click(&ev) {
                                            ev.prevent_default();
                                            explorer.open_at(doc, at, i);
                                        }
                                    }
                                    on:focus=move |_| explorer.cursor_at(i)
                                    on:keydown=move |ev| list_keydown(explorer, &ev)
                                >
                                    <mark>{line.keyword}</mark>
                                    <span class="visually-hidden">{format!(" in {title}")}{noted.then_some(", in your notes")}</span>
                                </a>
                            </td>
                            <td class="kwic-right"><span>{line.right}</span></td>
                            <td class="kwic-doc">{title.clone()}{page}{noted.then(|| view! { <span class="noted-sign" title="In your notes" aria-hidden="true">" ✎"</span> })}</td>
                        </tr>
                    }
                })
                .collect_view()
            })
        })
    };
    let has_query = move || explorer.answer.with(|a| !a.plan.matchers.is_empty());

    view! {
        <p role="status" id="count" class="count">{status}</p>
        <Show
            when=has_query
            fallback=|| view! {
                <p class="empty">
                    "Type a word or a phrase: the concordance lists every place it occurs, with the words around it."
                </p>
            }
        >
            <Dispersion/>
            <label class="sort">
                "Order lines by "
                <select on:change=move |ev| {
                    if let Some(s) = Sort::from_param(&event_target_value(&ev)) {
                        explorer.set_kwic_sort(s);
                    }
                }>
                    {Sort::ALL
                        .into_iter()
                        .map(|s| view! { <option value=s.param() selected=move || explorer.kwic_sort.get() == s>{s.label()}</option> })
                        .collect_view()}
                </select>
            </label>
            <div class="table-tools">
                <button type="button" on:click=move |_| save_lines(explorer, false)>"Download CSV"</button>
                <button type="button" on:click=move |_| save_lines(explorer, true)>"Download JSON"</button>
            </div>
            <table id="kwic" class="kwic" aria-label="Concordance">
                <thead>
                    <tr>
                        <th scope="col" class="kwic-left">"Before"</th>
                        <th scope="col" class="kwic-match">"Match"</th>
                        <th scope="col" class="kwic-right">"After"</th>
                        <th scope="col" class="kwic-doc">"Document"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <Show when=move || found.with(|c| c.places.len() > explorer.limit())>
                <button type="button" class="more" on:click=move |_| explorer.show_more()>
                    {move || format!("Show more ({} not shown)", count((found.with(|c| c.places.len()) - explorer.limit()) as u64))}
                </button>
            </Show>
            <Show when=move || { total() > KWIC_LIMIT }>
                <p class="empty">
                    {move || format!("Only the first {} of {} matches are listed (and ordered); narrow the search to see the rest.", count(KWIC_LIMIT as u64), count(total() as u64))}
                </p>
            </Show>
        </Show>
    }
}

/// Saves every line listed (not only those drawn), in their order: the
/// document's id and title, the words before, the match, the words after,
/// and the match's byte offset in the document's text; once the texts of
/// every line have come.
fn save_lines(explorer: Explorer, json: bool) {
    let places = explorer.concordance.with_untracked(|c| c.places.clone());
    let query = explorer.query.get_untracked();
    leptos::task::spawn_local(async move {
        let docs: Vec<u32> = places.iter().map(|p| p.doc).collect();
        if explorer.corpus.files.load(&docs).await.is_err() {
            return; // said by the texts' progress line, with a retry
        }
        save_loaded(explorer, &places, &query, json);
    });
}

fn save_loaded(explorer: Explorer, places: &[engine::explore::concordance::Place], query: &str, json: bool) {
    let index = explorer.corpus.index;
    let rows = {
        places
            .iter()
            .filter_map(|place| line(index, place, WIDTH))
            .map(|l| {
                let doc = &index.docs[l.doc as usize];
                vec![
                    Field::Text(doc.id.to_string()),
                    Field::Text(doc.meta.title.to_string()),
                    Field::Text(l.left),
                    Field::Text(l.keyword),
                    Field::Text(l.right),
                    Field::number(l.at),
                    doc.meta.page_at(l.at as u32).map_or(Field::Empty, Field::number),
                ]
            })
            .collect()
    };
    let sheet = Sheet::new(
        &[("id", "Id"), ("title", "Document"), ("before", "Before"), ("match", "Match"), ("after", "After"), ("offset", "Offset"), ("page", "Page")],
        rows,
    );
    save_sheet(explorer, &[query], &sheet, json);
}
