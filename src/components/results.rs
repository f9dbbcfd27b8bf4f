//! The hit count and the ranked list: title link, metadata line, snippet.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use engine::Document;

use crate::components::marked::marked_html;
use crate::components::place::DrawOnLoad;
use crate::components::table::save_sheet;
use crate::download::{Field, Sheet};
use crate::keys::{list_keydown, plain_click};
use crate::numbers::{count, fixed};
use crate::state::Explorer;

pub fn count_text(n: usize) -> String {
    format!("{} {}", count(n as u64), if n == 1 { "document" } else { "documents" })
}

/// "Section · Author · Date · kind · N words · M min"; a missing field is
/// said to be missing rather than guessed.
pub fn meta_line(doc: &Document) -> String {
    let m = &doc.meta;
    let mut parts: Vec<String> = Vec::new();
    parts.extend(m.section.clone());
    parts.push(m.author.clone().unwrap_or_else(|| "author unknown".into()));
    parts.push(match (&m.date, m.date_inferred) {
        (Some(d), false) => d.clone(),
        (Some(d), true) => format!("{d} (inferred from references)"),
        (None, _) => "undated".into(),
    });
    parts.push(m.kind.as_str().to_string());
    parts.push(format!("{} words · {} min", count(u64::from(m.words)), count(u64::from(m.reading_minutes()))));
    parts.join(" · ")
}

#[component]
pub fn ResultList() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let total = move || explorer.shown.with(Vec::len);
    // The first answer over a sharded index, its lists on their way: nothing to count yet.
    let searching = move || explorer.searching();

    // Drawn by place, not by document (`Row`). Places past the first
    // screen (`Explorer::drawn`) are hidden, keeping what they showed, until
    // the frame that shows the new list's first hits is painted, then take
    // their hits. They are hidden by one attribute of the list
    // (`data-drawing`, the number drawn: the style hides the places past
    // it), not one of each place, which each keystroke would set on twelve
    // places and take off again. Events are handled once on the list
    // (`on_list`), so a place costs no listeners.
    let places = move || (0..explorer.limit().min(total())).collect::<Vec<usize>>();
    // The places the screen shows, at least in part: their hits' texts are
    // asked for at once, the others' once those have come (`Explorer::snippet`).
    let on_screen = RwSignal::new(Vec::<bool>::new());
    let screen = StoredValue::new_local(Screen::new(on_screen));
    // How many the window shows: what the next new list draws first.
    Effect::new(move |_| explorer.screenful.set(on_screen.with(|s| s.iter().filter(|&&shown| shown).count())));
    on_cleanup(move || {
        screen.with_value(|s| s.observer.as_ref().map(|o| o.disconnect()));
    });
    // What every place shows, worked out at once: the places' one source.
    let rows = Memo::new(move |prev: Option<&Vec<Row>>| {
        let drawn = explorer.drawn();
        let open = explorer.open.get();
        // (Without an observer, every place counts as shown: all ask at once.)
        let watched = screen.with_value(|s| s.observer.is_some());
        let n = explorer.limit().min(total());
        explorer.shown.with(|hits| {
            on_screen.with(|screen| {
                explorer.picks.with(|picks| {
                    (0..n)
                        .map(|i| {
                            let was = prev.and_then(|p| p.get(i));
                            // A hidden place keeps the hit and the snippet it showed.
                            let live = i < drawn;
                            let doc = match was {
                                Some(w) if !live => w.doc,
                                _ => hits.get(i).map(|h| h.doc).or(was.map(|w| w.doc)).unwrap_or(0),
                            };
                            let shown = !watched || screen.get(i).copied().unwrap_or(false);
                            // The answer has a snippet for every hit the list may
                            // draw, once its text has come. A place off the screen
                            // whose snippet the answer does not carry waits for the
                            // typing to pause: cut and drawn after each keystroke's
                            // frame, the snippets nobody saw took the next key's time.
                            let snippet = match was {
                                Some(w) if !live => w.snippet.clone(),
                                _ if !shown && explorer.typing() => explorer.answer.with(|a| a.snippet(doc).cloned()),
                                _ => explorer.snippet(doc, shown),
                            };
                            Row { doc, selected: open == Some(doc), picked: picks.contains(&doc), snippet }
                        })
                        .collect()
                })
            })
        })
    });
    let hit = move |i: usize| {
        let place = Place::new();
        let li = place.li;
        Effect::new(move |_| {
            if let Some(li) = li.get() {
                screen.with_value(|s| s.observer.as_ref().map(|o| o.observe(&li)));
            }
        });
        on_cleanup(move || {
            if let Some(li) = li.get_untracked() {
                screen.with_value(|s| s.observer.as_ref().map(|o| o.unobserve(&li)));
            }
            on_screen.try_update(|s| s.get_mut(i).map(|p| *p = false));
        });
        // Drawn as it is built (`DrawOnLoad`), then as its row changes.
        Effect::new(move |_| {
            rows.with(|r| r.get(i).map(|row| place.show(row, explorer)));
        });
        view! {
            <li node_ref=li class="hit" data-place=i>
                <a node_ref=place.link class="hit-title"></a>
                <p class="hit-meta">
                    <span node_ref=place.meta></span>
                    <label class="pick">
                        <input node_ref=place.pick type="checkbox"/>
                        "compare"
                    </label>
                </p>
                <p
                    node_ref=DrawOnLoad {
                        node: place.text,
                        draw: move || {
                            rows.with_untracked(|r| r.get(i).map(|row| place.show(row, explorer)));
                        },
                    }
                    class="snippet waiting"
                ></p>
            </li>
        }
    };

    view! {
        <Show when=move || explorer.picks.with(|p| !p.is_empty())>
            <div class="pick-bar">
                <button
                    type="button"
                    disabled=move || explorer.picks.with(|p| p.len() < 2)
                    on:click=move |_| explorer.set_compare(explorer.picks.get_untracked())
                >
                    {move || format!("Compare ({})", explorer.picks.with(Vec::len))}
                </button>
                <button type="button" on:click=move |_| explorer.picks.set(Vec::new())>"Clear picks"</button>
            </div>
        </Show>
        <p role="status" id="count" class="count">
            {move || if searching() { "Searching…".to_string() } else { count_text(total()) }}
        </p>
        <Show when=move || { total() > 0 }>
            <div class="table-tools">
                <button type="button" on:click=move |_| save_results(explorer, false)>"Download CSV"</button>
                <button type="button" on:click=move |_| save_results(explorer, true)>"Download JSON"</button>
            </div>
        </Show>
        <ul
            role="list"
            aria-label="Results"
            id="results"
            class="hits"
            data-drawing=move || (!explorer.list_drawn()).then(|| explorer.first_screen().to_string())
            on:click=move |ev: ev::MouseEvent| {
                // The title opens the reader here; a modified click is the browser's (new tab).
                if let Some(n) = on_list(&ev, "a.hit-title").filter(|_| plain_click(&ev)) {
                    ev.prevent_default();
                    explorer.open_doc(n);
                }
            }
            on:focusin=move |ev| {
                if let Some(n) = on_list(&ev, "a.hit-title") {
                    if let Some(i) = explorer.shown.with_untracked(|h| h.iter().position(|h| h.doc == n)) {
                        explorer.cursor_at(i);
                    }
                }
            }
            on:keydown=move |ev| {
                if on_list(&ev, "a.hit-title").is_some() {
                    list_keydown(explorer, &ev);
                }
            }
            on:change=move |ev| {
                if let Some(n) = on_list(&ev, "input[type=checkbox]") {
                    explorer.toggle_pick(n);
                }
            }
        >
            <For each=places key=|i| *i children=hit/>
        </ul>
        <Show when=move || { total() > explorer.limit() }>
            <button type="button" class="more" on:click=move |_| explorer.show_more()>
                {move || format!("Show more ({} not shown)", count((total() - explorer.limit()) as u64))}
            </button>
        </Show>
        <Show when=move || total() == 0 && !searching()>
            <p class="empty">"No document matches. Try fewer words, OR, or a prefix like " <code>"word*"</code> "."</p>
            <Suggestions/>
        </Show>
    }
}

/// What the i-th place of the list shows (drawn by place: `place`), all
/// of it worked out by one memo (`rows`) and written by the place's effect
/// (`Place::show`).
#[derive(Clone, PartialEq)]
struct Row {
    doc: u32,
    selected: bool,
    picked: bool,
    snippet: Option<engine::snippet::Snippet>,
}

/// The elements of one place, and the row they show.
#[derive(Clone, Copy)]
struct Place {
    li: NodeRef<html::Li>,
    link: NodeRef<html::A>,
    meta: NodeRef<html::Span>,
    pick: NodeRef<html::Input>,
    text: NodeRef<html::P>,
    shows: StoredValue<Option<Row>>,
}

impl Place {
    fn new() -> Place {
        Place { li: NodeRef::new(), link: NodeRef::new(), meta: NodeRef::new(), pick: NodeRef::new(), text: NodeRef::new(), shows: StoredValue::new(None) }
    }

    /// Writes what differs between the row the place shows and `row`
    /// (untracked): nothing, for most places, when the list has not moved.
    fn show(self, row: &Row, explorer: Explorer) {
        let nodes = (self.li.get_untracked(), self.link.get_untracked(), self.meta.get_untracked(), self.pick.get_untracked(), self.text.get_untracked());
        let (Some(li), Some(link), Some(meta), Some(pick), Some(text)) = nodes else {
            return;
        };
        if pick.checked() != row.picked {
            pick.set_checked(row.picked);
        }
        self.shows.update_value(|was| {
            if was.as_ref() == Some(row) {
                return;
            }
            let new_doc = was.as_ref().is_none_or(|w| w.doc != row.doc);
            let doc = &explorer.corpus.index.docs[row.doc as usize];
            if new_doc {
                link.set_id(&format!("hit-{}", row.doc));
                link.set_href(&explorer.href_for(row.doc));
                link.set_text_content(Some(&doc.meta.title));
                meta.set_text_content(Some(&meta_line(doc)));
            }
            if was.as_ref().is_none_or(|w| w.selected != row.selected) {
                let _ = li.class_list().toggle_with_force("selected", row.selected);
                let _ = if row.selected { link.set_attribute("aria-current", "true") } else { link.remove_attribute("aria-current") };
            }
            // A place waiting for its snippet is empty whatever its document:
            // a place off the screen gets a new hit at most keys while typing,
            // and writing its emptiness again was half the snippets' writes.
            let waited = was.as_ref().map(|w| w.snippet.is_none());
            let waits = row.snippet.is_none();
            if was.as_ref().is_none_or(|w| (new_doc && !waits) || w.snippet != row.snippet) {
                text.set_inner_html(&snippet_html(doc, row.snippet.as_ref()));
            }
            if waited != Some(waits) {
                let _ = text.class_list().toggle_with_force("waiting", waits);
            }
            *was = Some(row.clone());
        });
    }
}

/// A snippet as one `innerHTML` (escaped: `marked_html`), with its page
/// where the document has pages.
fn snippet_html(doc: &Document, snippet: Option<&engine::snippet::Snippet>) -> String {
    let mut html = String::new();
    if let Some(s) = snippet {
        if let Some(p) = doc.meta.page_at(s.at as u32) {
            html.push_str(&format!("p. {p} · "));
        }
        if s.cut_start {
            html.push_str("… ");
        }
        marked_html(&mut html, &s.text, &s.marks);
        if s.cut_end {
            html.push_str(" …");
        }
    }
    html
}

/// Which places of the list the screen shows, as the browser's
/// `IntersectionObserver` says after each layout that moves one across the
/// window's edge (a place says its number in `data-place`): no layout is
/// forced to know it, and nothing is measured per keystroke.
struct Screen {
    observer: Option<web_sys::IntersectionObserver>,
    _told: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Screen {
    fn new(on_screen: RwSignal<Vec<bool>>) -> Screen {
        let told = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let mut changed = Vec::new();
            for entry in entries.iter() {
                let entry: web_sys::IntersectionObserverEntry = entry.unchecked_into();
                if let Some(i) = entry.target().get_attribute("data-place").and_then(|p| p.parse::<usize>().ok()) {
                    changed.push((i, entry.is_intersecting()));
                }
            }
            on_screen.try_update(|s| {
                for (i, shown) in changed {
                    if s.len() <= i {
                        s.resize(i + 1, false);
                    }
                    s[i] = shown;
                }
            });
        });
        let observer = web_sys::IntersectionObserver::new(told.as_ref().unchecked_ref()).ok();
        Screen { observer, _told: told }
    }
}

/// Saves every hit the search and filters leave (not only those drawn), in
/// list order: id, title, author, date, score, snippet; once the texts of
/// every hit have come.
fn save_results(explorer: Explorer, json: bool) {
    leptos::task::spawn_local(async move {
        // The same question as the list's, with a snippet for every hit.
        // (A texts file that fails is said by the texts' progress line, with a retry.)
        if let Ok(all) = explorer.ask_with_texts(|q| q.snippets = usize::MAX).await {
            save_answer(explorer, &all, json);
        }
    });
}

fn save_answer(explorer: Explorer, all: &engine::service::Answer, json: bool) {
    let index = explorer.corpus.index;
    let rows = all
        .hits
        .iter()
        .filter_map(|h| Some((h, all.snippet(h.doc)?)))
        .map(|(h, s)| {
            let doc = &index.docs[h.doc as usize];
            let text = |v: &Option<String>| v.clone().map_or(Field::Empty, Field::Text);
            let score = fixed(f64::from(h.score), 3);
            vec![
                Field::Text(doc.id.to_string()),
                Field::Text(doc.meta.title.to_string()),
                text(&doc.meta.author),
                text(&doc.meta.date),
                Field::number(score),
                Field::Text(format!("{}{}{}", if s.cut_start { "… " } else { "" }, s.text, if s.cut_end { " …" } else { "" })),
            ]
        })
        .collect();
    let sheet = Sheet::new(&[("id", "Id"), ("title", "Title"), ("author", "Author"), ("date", "Date"), ("score", "Score"), ("snippet", "Snippet")], rows);
    save_sheet(explorer, &[&explorer.query.get_untracked()], &sheet, json);
}

/// The document of the hit whose `selector` element received `ev`, read
/// from its title link's `id` (`hit-N`, the focus target): the place says
/// its document once, not in an attribute of its own that each keystroke
/// would rewrite too.
fn on_list(ev: &web_sys::Event, selector: &str) -> Option<u32> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    target.matches(selector).ok()?.then_some(())?;
    let link = target.closest("li.hit").ok()??.query_selector("a.hit-title").ok()??;
    link.id().strip_prefix("hit-")?.parse().ok()
}

/// "Did you mean": corrected queries as links (a plain click runs one here;
/// the address also works opened elsewhere).
#[component]
fn Suggestions() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let suggestions = move || explorer.answer.with(|a| a.suggestions.clone());
    view! {
        <Show when=move || !suggestions().is_empty()>
            <p class="suggest" id="suggest">
                "Did you mean "
                {move || {
                    let list = suggestions();
                    let last = list.len() - 1;
                    list.into_iter()
                        .enumerate()
                        .map(|(i, q)| {
                            let href = explorer.href_for_query(&q);
                            let run = q.clone();
                            view! {
                                <a href=href on:click=move |ev| {
                                    if plain_click(&ev) {
                                        ev.prevent_default();
                                        explorer.set_query(run.clone());
                                    }
                                }>{q.trim().to_string()}</a>
                                {if i < last { ", or " } else { "?" }}
                            }
                        })
                        .collect_view()
                }}
            </p>
        </Show>
    }
}
