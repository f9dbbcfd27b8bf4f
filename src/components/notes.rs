//! Highlights, notes and tags: the reader's part (mark the selected passage,
//! tag the document, list what is marked) and the Notes view (every note,
//! by document, filtered by tag and search; export and import).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::results::count_text;
use crate::download;
use crate::keys::plain_click;
use crate::notes::model::{self, parse_tags, Annotation};
use crate::notes::quoted;
use crate::state::Explorer;

/// A passage waiting for its note: its byte range in the open document.
pub type Pending = RwSignal<Option<std::ops::Range<usize>>>;

/// Marks the passage selected in a document's text: at once (a highlight)
/// or after the note form (`with_note`). Nothing selected is said, not
/// ignored. `within` is the id of the element holding the text (the reader,
/// a comparison column's text).
pub fn mark_selection(explorer: Explorer, doc: u32, pending: Pending, with_note: bool, within: &str) {
    // Selected in a text on screen, so its text is here.
    let text = explorer.corpus.index.text(doc).unwrap_or_default();
    let within = leptos::prelude::document().get_element_by_id(within);
    let range = within.and_then(|w| crate::components::marked::selected(&text, &w));
    let Some(range) = range else {
        explorer.notes.said.set(Some("Select a passage of the document's text first, then choose Highlight or Add note.".into()));
        return;
    };
    explorer.notes.said.set(None);
    if with_note {
        // The form focuses its note field as it mounts (`NoteForm`).
        pending.set(Some(range));
    } else {
        explorer.notes.annotate(doc, range, String::new(), Vec::new());
        if let Ok(Some(s)) = window().get_selection() {
            let _ = s.remove_all_ranges();
        }
    }
}

/// The marking buttons, in the reader's tools and each comparison column's.
#[component]
pub fn NoteButtons(doc: u32, pending: Pending, within: &'static str) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    view! {
        // Pressing a button must not drop the selection it acts on.
        <button type="button" aria-keyshortcuts="h" title="Highlight the selected text (h)" on:mousedown=|ev: ev::MouseEvent| ev.prevent_default() on:click=move |_| mark_selection(explorer, doc, pending, false, within)>
            "Highlight"
        </button>
        <button type="button" aria-keyshortcuts="a" title="Add a note to the selected text (a)" on:mousedown=|ev: ev::MouseEvent| ev.prevent_default() on:click=move |_| mark_selection(explorer, doc, pending, true, within)>
            "Add note"
        </button>
    }
}

/// The form of a new note on the selected passage (while one is pending),
/// and what the notes have to say; focus returns to `within` when it closes.
#[component]
pub fn NoteForm(doc: u32, pending: Pending, within: &'static str) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let notes = explorer.notes;
    let index = explorer.corpus.index;
    let (note, tags) = (RwSignal::new(String::new()), RwSignal::new(String::new()));
    let save = move || {
        if let Some(range) = pending.get_untracked() {
            notes.annotate(doc, range, note.get_untracked().trim().to_string(), parse_tags(&tags.get_untracked()));
            pending.set(None);
            note.set(String::new());
            tags.set(String::new());
            crate::keys::focus_by_id(within);
        }
    };
    let cancel = move || {
        pending.set(None);
        crate::keys::focus_by_id(within);
    };
    let form_keys = move |ev: ev::KeyboardEvent| match ev.key().as_str() {
        // Esc leaves the form, not the reader.
        "Escape" => {
            ev.stop_propagation();
            ev.prevent_default();
            cancel();
        }
        "Enter" if ev.ctrl_key() || ev.meta_key() => {
            ev.prevent_default();
            save();
        }
        _ => {}
    };
    let form = move || {
        pending.get().map(|range| {
            // (Its text on screen is held by its view; the index may have let it go since.)
            let whole = index.text(doc).unwrap_or_default();
            let text = whole.get(range).unwrap_or_default();
            // Focus moves to the note as soon as the field is on the page, so
            // the next key typed is the note's, never a reader key.
            let area = NodeRef::<leptos::html::Textarea>::new();
            Effect::new(move |_| {
                if let Some(el) = area.get() {
                    let _ = el.focus();
                }
            });
            view! {
                <form class="note-form" aria-label="New note" on:keydown=form_keys on:submit=move |ev: ev::SubmitEvent| {
                    ev.prevent_default();
                    save();
                }>
                    <blockquote class="note-quote">{text.to_string()}</blockquote>
                    <label>"Note" <textarea id="note-text" node_ref=area rows="3" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea></label>
                    <label>"Tags, separated by commas" <input type="text" prop:value=move || tags.get() on:input=move |ev| tags.set(event_target_value(&ev))/></label>
                    <div class="note-actions">
                        <button type="submit" aria-keyshortcuts="Control+Enter">"Save note"</button>
                        <button type="button" on:click=move |_| cancel()>"Cancel"</button>
                    </div>
                </form>
            }
        })
    };
    view! {
        {form}
        // One polite status line: a problem or a report, else whether the notes are stored (quieter).
        <p class="notes-said" class:store-state=move || notes.said.with(Option::is_none) role="status">
            {move || notes.said.get().or_else(|| notes.saving_text().map(String::from))}
        </p>
    }
}

/// The document's tags and what is marked in it.
#[component]
pub fn DocNotes(doc: u32) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let notes = explorer.notes;
    let index = explorer.corpus.index;
    let id: &'static str = index.docs[doc as usize].id.as_str();
    // The document's own tags: chips that remove themselves, a field that adds.
    let tag_chips = move || {
        notes
            .doc_tags(doc)
            .into_iter()
            .map(|tag| {
                let label = format!("Remove tag {tag}");
                let gone = tag.clone();
                view! {
                    <button type="button" class="chip" aria-label=label on:click=move |_| {
                        let rest: Vec<String> = notes.doc_tags(doc).into_iter().filter(|t| *t != gone).collect();
                        notes.set_doc_tags(doc, rest);
                    }>
                        {tag}" ×"
                    </button>
                }
            })
            .collect_view()
    };
    let add_tag = move |ev: ev::KeyboardEvent| {
        if ev.key() != "Enter" {
            return;
        }
        ev.prevent_default();
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let mut all = notes.doc_tags(doc);
        for tag in parse_tags(&input.value()) {
            if !all.contains(&tag) {
                all.push(tag);
            }
        }
        notes.set_doc_tags(doc, all);
        input.set_value("");
    };
    // What is marked in this document, in text order; passages not found last.
    let marked = Memo::new(move |_| {
        let mut mine: Vec<(Option<usize>, Annotation)> = notes
            .list
            .with(|l| l.iter().filter(|a| a.doc == id && a.quote.is_some()).map(|a| (notes.place(a).and_then(|p| p.1).map(|r| r.start), a.clone())).collect());
        engine::order::sort_by_key(&mut mine, |(at, _)| at.unwrap_or(usize::MAX));
        mine
    });
    let item = move |(at, a): (Option<usize>, Annotation)| {
        let show_id = a.id.clone();
        let gone_id = a.id.clone();
        view! {
            <li class="note" data-note=a.id.clone()>
                {match at {
                    Some(_) => view! { <blockquote class="note-quote">{quoted(&a).to_string()}</blockquote> }.into_any(),
                    None => view! { <p class="orphan">"Passage not found in this text: " <q>{quoted(&a).to_string()}</q></p> }.into_any(),
                }}
                {(!a.note.is_empty()).then(|| view! { <p class="note-text">{a.note.clone()}</p> })}
                {(!a.tags.is_empty()).then(|| view! { <p class="note-tags">{a.tags.join(", ")}</p> })}
                <div class="note-actions">
                    {at.map(|_| view! { <button type="button" on:click=move |_| notes.focus.set(Some(show_id.clone()))>"Show in text"</button> })}
                    <button type="button" on:click=move |_| notes.remove(&gone_id)>{if a.note.is_empty() { "Delete highlight" } else { "Delete note" }}</button>
                </div>
            </li>
        }
    };
    let count = move || marked.with(Vec::len);
    view! {
        <details class="reader-notes" open>
            <summary>{move || match count() {
                0 => "Tags and notes".to_string(),
                1 => "Tags and notes (1 marked passage)".to_string(),
                n => format!("Tags and notes ({n} marked passages)"),
            }}</summary>
            <div class="doc-tags" role="group" aria-label="Tags of this document">
                {tag_chips}
                <input type="text" class="tag-input" aria-label="Add a tag to this document" placeholder="Add a tag, Enter" on:keydown=add_tag/>
            </div>
            <p class="hint" hidden=move || { count() > 0 }>"Select text in the document, then Highlight (h) or Add note (a)."</p>
            <ol class="note-list" aria-label="Notes and highlights in this document" hidden=move || count() == 0>
                {move || marked.get().into_iter().map(item).collect_view()}
            </ol>
        </details>
    }
}

/// `view=notes`: every note and highlight, grouped by document.
#[component]
pub fn NotesView() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let notes = explorer.notes;
    let index = explorer.corpus.index;
    let tag = RwSignal::new(String::new());
    let in_search = RwSignal::new(false);
    let report = RwSignal::new(None::<String>);
    // Grouped by document in corpus order; a document's tags head its group.
    let groups = Memo::new(move |_| {
        let wanted = tag.get();
        let shown: Option<Vec<u32>> = in_search.get().then(|| explorer.shown_docs());
        let mut by_doc: std::collections::BTreeMap<(u32, String), Vec<Annotation>> = Default::default();
        notes.list.with(|l| {
            for a in l {
                let doc = index.doc_by_id(&a.doc);
                if !wanted.is_empty() && !a.tags.contains(&wanted) {
                    continue;
                }
                if let Some(shown) = &shown {
                    if !doc.is_some_and(|d| shown.contains(&d)) {
                        continue;
                    }
                }
                by_doc.entry((doc.unwrap_or(u32::MAX), a.doc.clone())).or_default().push(a.clone());
            }
        });
        // In each document: its tags first, then the passages in text order, those not found last.
        for list in by_doc.values_mut() {
            engine::order::sort_by_key(list, |a| match (&a.quote, notes.place(a)) {
                (None, _) => 0,
                (Some(_), Some((_, Some(r)))) => r.start + 1,
                _ => usize::MAX,
            });
        }
        by_doc.into_iter().collect::<Vec<_>>()
    });
    let total = move || groups.with(|g| g.iter().map(|(_, l)| l.len()).sum::<usize>());
    let status = move || match (total(), notes.list.with(Vec::len)) {
        (_, 0) => "No notes yet. Select text in a document, then Highlight or Add note.".to_string(),
        (n, all) if n == all => format!("{n} {} in {}", if n == 1 { "note" } else { "notes" }, count_text(groups.with(Vec::len))),
        (n, all) => format!("{n} of {all} notes in {}", count_text(groups.with(Vec::len))),
    };
    let open = move |doc: u32, id: String| {
        explorer.open_doc(doc);
        notes.focus.set(Some(id));
    };
    let group = move |((doc, doc_id), list): ((u32, String), Vec<Annotation>)| {
        let found = doc != u32::MAX;
        let title = if found { index.docs[doc as usize].meta.title.to_string() } else { format!("{doc_id} (not in this corpus)") };
        let label = title.clone();
        let entries = list
            .into_iter()
            .map(|a| {
                let placed = notes.place(&a);
                let what = match (&a.quote, &placed) {
                    (None, _) => view! { <p class="note-tags">{format!("Document tags: {}", a.tags.join(", "))}</p> }.into_any(),
                    (Some(_), Some(_)) => view! {
                        <blockquote class="note-quote">
                            <a href=if found { explorer.href_for(doc) } else { String::new() } on:click={
                                let id = a.id.clone();
                                move |ev: ev::MouseEvent| {
                                    if plain_click(&ev) {
                                        ev.prevent_default();
                                        open(doc, id.clone());
                                    }
                                }
                            }>{quoted(&a).to_string()}</a>
                        </blockquote>
                    }
                    .into_any(),
                    (Some(_), None) => view! { <p class="orphan">"Passage not found: " <q>{quoted(&a).to_string()}</q></p> }.into_any(),
                };
                view! {
                    <li class="note">
                        {what}
                        {(!a.note.is_empty()).then(|| view! { <p class="note-text">{a.note.clone()}</p> })}
                        {(a.quote.is_some() && !a.tags.is_empty()).then(|| view! { <p class="note-tags">{a.tags.join(", ")}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="note-group" aria-label=label>
                <h3>{title}</h3>
                <ul>{entries}</ul>
            </section>
        }
    };
    let corpus = notes.corpus_name();
    let base = move || {
        let l = window().location();
        format!("{}{}", l.origin().unwrap_or_default().replace("null", "file://"), l.pathname().unwrap_or_default())
    };
    let export_json = {
        let corpus = corpus.clone();
        move |_| {
            let file = notes.list.with_untracked(|l| model::export_json(l, &corpus, &base()));
            if let Err(e) = download::save(&download::file_name(&[&corpus, "notes"], "jsonld"), "application/ld+json", &file) {
                report.set(Some(format!("The notes could not be saved ({e}).")));
            }
        }
    };
    let export_csv = {
        let corpus = corpus.clone();
        move |_| {
            let title = |id: &str| index.doc_by_id(id).map(|d| index.docs[d as usize].meta.title.to_string()).unwrap_or_default();
            let file = notes.list.with_untracked(|l| model::export_csv(l, title));
            if let Err(e) = download::save(&download::file_name(&[&corpus, "notes"], "csv"), "text/csv", &file) {
                report.set(Some(format!("The notes could not be saved ({e}).")));
            }
        }
    };
    let import = move |ev: ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let name = file.name();
        leptos::task::spawn_local(async move {
            let said = match gloo_file::futures::read_as_text(&gloo_file::File::from(file)).await {
                Ok(text) => match notes.import(&text).await {
                    Ok(said) => said,
                    Err(e) => format!("{name} was not imported, nothing changed: {e}"),
                },
                Err(e) => format!("{name} could not be read, nothing changed ({e})."),
            };
            report.set(Some(said));
        });
    };
    let tag_options = move || {
        notes.tags().into_iter().map(|(t, n)| view! { <option value=t.clone() selected=move || tag.get() == t>{format!("{t} ({n})")}</option> }).collect_view()
    };
    view! {
        <div class="notes-view">
            <p role="status" id="count" class="count">{status}</p>
            <div class="notes-tools">
                <label>"Tag "
                    <select on:change=move |ev| tag.set(event_target_value(&ev))>
                        <option value="" selected=move || tag.get().is_empty()>"All tags"</option>
                        {tag_options}
                    </select>
                </label>
                <label class="pick">
                    <input type="checkbox" prop:checked=move || in_search.get() on:change=move |ev| in_search.set(event_target_checked(&ev))/>
                    "Only documents in the current search"
                </label>
            </div>
            <div class="notes-tools">
                <button type="button" on:click=export_json>"Export notes (JSON-LD)"</button>
                <button type="button" on:click=export_csv>"Export notes (CSV)"</button>
                <label class="file-button">"Import notes…" <input type="file" accept=".jsonld,.json,application/ld+json,application/json" on:change=import/></label>
            </div>
            <p class="import-report" role="status">{move || report.get()}</p>
            {move || groups.get().into_iter().map(group).collect_view()}
        </div>
    }
}

/// "Copy citation": the document, or the passage selected in it, in plain
/// text or BibTeX, with the address that opens the reader at that passage
/// (`doc=ID&at=START-END`). Copied to the clipboard where the browser allows
/// it, and shown in a field to copy by hand either way.
#[component]
pub fn Citation(doc: u32) -> impl IntoView {
    use crate::notes::cite::{bibtex, plain, Cite, Style};
    let explorer = expect_context::<Explorer>();
    let index = explorer.corpus.index;
    let style = RwSignal::new(Style::Plain);
    let shown = RwSignal::new(None::<String>);
    let said = RwSignal::new(None::<&'static str>);
    let cite = move |_| {
        let d = &index.docs[doc as usize];
        let text = index.text(doc).unwrap_or_default();
        let within = document().query_selector("#reader .doc-text").ok().flatten();
        let range = within.and_then(|w| crate::components::marked::selected(&text, &w));
        let at = range.as_ref().map(|r| (engine::anchor::code_point_at(&text, r.start), engine::anchor::code_point_at(&text, r.end)));
        let state = crate::route::ViewState { doc: Some(d.id.to_string()), at, ..Default::default() };
        let href = window().location().href().unwrap_or_default();
        let base = href.split(['?', '#']).next().unwrap_or_default();
        let url = format!("{base}{}", crate::route::format(&state, index.facets()));
        let corpus = explorer.notes.corpus_name();
        let c = Cite {
            id: &d.id,
            title: &d.meta.title,
            author: d.meta.author.as_deref(),
            date: d.meta.date.as_deref(),
            corpus: index.name.as_deref().unwrap_or(&corpus),
            quote: range.map(|r| &text[r]),
            url: &url,
        };
        let out = match style.get_untracked() {
            Style::Plain => plain(&c),
            Style::Bibtex => bibtex(&c),
        };
        shown.set(Some(out.clone()));
        said.set(None);
        let copied = window().navigator().clipboard().write_text(&out);
        leptos::task::spawn_local(async move {
            said.set(Some(match wasm_bindgen_futures::JsFuture::from(copied).await {
                Ok(_) => "Citation copied.",
                Err(_) => "The browser did not allow copying: the citation is below, select and copy it.",
            }));
        });
    };
    view! {
        <div class="cite">
            <label>
                "Cite as "
                <select on:change=move |ev| style.set(if event_target_value(&ev) == "bibtex" { Style::Bibtex } else { Style::Plain })>
                    <option value="plain">"Plain text"</option>
                    <option value="bibtex">"BibTeX"</option>
                </select>
            </label>
            <button type="button" on:mousedown=|ev: ev::MouseEvent| ev.prevent_default() on:click=cite>"Copy citation"</button>
            <span class="cite-said" role="status">{move || said.get()}</span>
        </div>
        {move || shown.get().map(|text| view! { <textarea class="citation" readonly aria-label="Citation" rows="4" prop:value=text></textarea> })}
    }
}
