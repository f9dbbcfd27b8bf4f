//! The reader: one document, every match marked, stepping through them.
//!
//! The text is drawn once per document ([`MarkedText`]): a new query
//! redraws only the blocks whose marks changed, and stepping through
//! matches only moves the `current` class.

use std::ops::Range;

use leptos::ev;
use leptos::prelude::*;

use crate::components::marked::{MarkedText, Numbered, CITED};
use crate::components::notes::{mark_selection, Citation, DocNotes, NoteButtons, NoteForm};
use crate::components::results::meta_line;
use crate::keys::{self, plain_click};
use crate::numbers::fixed;
use crate::state::Explorer;

#[component]
pub fn Reader(doc: u32) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = explorer.corpus.index;
    let d = &index.docs[doc as usize];
    // Drawn once its text has come (app.rs shows `TextComing` until then).
    let text = index.text(doc).unwrap_or_default();
    let count = move || explorer.marks.with(Vec::len);
    let notes = explorer.notes;
    let pending = RwSignal::new(None);
    // The notes' passages as found in this text now, numbered by their place
    // in the notes (sorted by start, as the marked text wants them).
    let cited_text = text.clone();
    let noted = Memo::new(move |_| {
        let text = &cited_text;
        let mut found: Numbered = notes.ranges(doc);
        // A cited passage (`at=`) of this document is marked too.
        if let Some((_, a, b)) = explorer.cited.get().filter(|c| c.0 == doc) {
            let (from, to) = (engine::anchor::byte_at(text, a), engine::anchor::byte_at(text, b));
            if from < to {
                found.push((from..to, CITED));
            }
        }
        engine::order::sort_by_key(&mut found, |(r, _)| r.start);
        found
    });
    // Opened at a cited passage: scroll it into view once it is drawn.
    Effect::new(move |_| {
        if explorer.cited.get().is_some_and(|c| c.0 == doc) {
            request_animation_frame(|| {
                if let Ok(Some(el)) = document().query_selector("#reader .cited") {
                    let opts = web_sys::ScrollIntoViewOptions::new();
                    opts.set_block(web_sys::ScrollLogicalPosition::Center);
                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                }
            });
        }
    });
    // Asked to show a note (its "Show" button, the Notes view): scroll its passage into view.
    Effect::new(move |_| {
        let Some(id) = notes.focus.get() else {
            return;
        };
        let Some(n) = notes.list.with_untracked(|l| l.iter().position(|a| a.id == id)) else {
            return;
        };
        request_animation_frame(move || {
            if let Ok(Some(el)) = document().query_selector(&format!("#reader .note-mark[data-note=\"{n}\"]")) {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Center);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
                let _ = el.class_list().add_1("flash");
            }
            notes.focus.set(None);
        });
    });

    // The current match in view: the reader scrolls, not the page (wide
    // screens); on phones the reader is in the page flow and the page scrolls.
    Effect::new(move |_| {
        explorer.current_match();
        if count() > 0 {
            request_animation_frame(scroll_to_current);
        }
    });

    let on_key = move |ev: ev::KeyboardEvent| {
        if keys::typing_in_field(&ev) || ev.ctrl_key() || ev.meta_key() || ev.alt_key() {
            return;
        }
        match ev.key().as_str() {
            "n" | "j" => explorer.step_match(1),
            "p" | "N" | "k" => explorer.step_match(-1),
            "Enter" if ev.shift_key() => explorer.step_match(-1),
            "Enter" => explorer.step_match(1),
            "h" => mark_selection(explorer, doc, pending, false, "reader"),
            "a" => mark_selection(explorer, doc, pending, true, "reader"),
            _ => return,
        }
        ev.prevent_default();
    };

    let title = d.meta.title.to_string();
    let label = title.clone();
    let related = index.related(doc).unwrap_or_default();
    // The footnote list, when there is one, is a part of its own.
    let (body, refs) = match d.meta.references {
        Some((from, _)) => (0..from as usize, Some(from as usize..text.len())),
        None => (0..text.len(), None),
    };
    // An e-mail in a thread steps to the messages before and after it.
    let thread = d.meta.thread.map(|t| {
        let step = move |target: Option<u32>, label: &'static str| {
            target.map(|other| {
                view! {
                    <a href=explorer.href_for(other) on:click=move |ev: ev::MouseEvent| {
                        if plain_click(&ev) {
                            ev.prevent_default();
                            explorer.open_doc(other);
                        }
                    }>{label}</a>
                }
            })
        };
        view! {
            <nav class="thread" aria-label="Thread">
                {step(t.previous, "Previous in thread")}
                <span>{format!("Message {} of {} in this thread", t.at, t.of)}</span>
                {step(t.next, "Next in thread")}
            </nav>
        }
    });
    // The source file, when the corpus copied it beside the page.
    let original = d.meta.original.as_deref().map(|file| {
        let href: Vec<String> = file.split('/').map(|part| String::from(js_sys::encode_uri_component(part))).collect();
        let name = file.rsplit('/').next().unwrap_or(file).to_string();
        view! {
            <p class="original">
                <a href=format!("./originals/{}", href.join("/")) target="_blank" rel="noopener">"Open the original"</a>
                {format!(" ({name})")}
            </p>
        }
    });
    let marks = Signal::from(explorer.marks);
    let noted = Signal::from(noted);
    // A click on a highlight goes to its entry in the notes list.
    let to_note = Callback::new(move |n: usize| {
        if let Some(id) = notes.list.with_untracked(|l| l.get(n).map(|a| a.id.clone())) {
            if let Ok(Some(el)) = document().query_selector(&format!("#reader li.note[data-note=\"{id}\"]")) {
                el.scroll_into_view();
            }
        }
    });
    let whole = text.clone();
    let part = move |range: Range<usize>| view! { <MarkedText text=whole.clone() range=range marks=marks notes=noted on_note=to_note current=true/> };
    // A document with pages (PDF) is drawn page by page, a separator named
    // "Page N" where each page after the first starts.
    let pages = page_ranges(&d.meta.pages, body.clone(), &text);
    let body = pages
        .into_iter()
        .enumerate()
        .map(|(i, range)| {
            let page = i + 1;
            view! {
                {(page > 1).then(|| view! {
                    <div class="page-break" role="separator" aria-label=format!("Page {page}")>{format!("p. {page}")}</div>
                })}
                {part(range)}
            }
        })
        .collect_view();
    view! {
        <article id="reader" class="reader" tabindex="-1" aria-label=label on:keydown=on_key>
            <header class="reader-head">
                <h2 class="reader-title">{title}</h2>
                <p class="hit-meta">{meta_line(d)}</p>
                {original}
                {thread}
                <div class="reader-tools">
                    <button type="button" on:click=move |_| explorer.step_match(-1) aria-keyshortcuts="p" disabled=move || count() == 0>
                        "Previous match"
                    </button>
                    <span class="match-count" aria-live="polite">
                        {move || match count() {
                            0 => "No match in this document".to_string(),
                            n => format!("Match {} of {n}", explorer.current_match() + 1),
                        }}
                    </span>
                    <button type="button" on:click=move |_| explorer.step_match(1) aria-keyshortcuts="n" disabled=move || count() == 0>
                        "Next match"
                    </button>
                    <NoteButtons doc=doc pending=pending within="reader"/>
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
                <RelatedLists doc=doc shares=related.shares similar=related.similar/>
                <Citation doc=doc/>
                <NoteForm doc=doc pending=pending within="reader"/>
            </header>
            <DocNotes doc=doc/>
            <div class="doc-text">{body}</div>
            {refs.map(|r| view! {
                <section class="doc-text references" aria-label="References">
                    <h3>"References"</h3>
                    {part(r)}
                </section>
            })}
        </article>
    }
}

/// The reader's place while the open document's text is on its way: its
/// title and a line that says so (the texts' progress line says how far).
/// A busy region, not yet the document's article: that comes with its text.
#[component]
pub fn TextComing(doc: u32) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let d = &explorer.corpus.index.docs[doc as usize];
    view! {
        <section id="reader" class="reader" tabindex="-1" aria-label=d.meta.title.to_string() aria-busy="true">
            <header class="reader-head">
                <h2 class="reader-title">{d.meta.title.to_string()}</h2>
                <p class="hit-meta">{meta_line(d)}</p>
                <div class="reader-tools">
                    <button type="button" class="close" on:click=move |_| explorer.close_doc() aria-keyshortcuts="Escape">
                        "Close"
                    </button>
                </div>
            </header>
            <p class="empty" role="status">"Loading the text…"</p>
        </section>
    }
}

/// The body cut where each page starts (`starts`: the byte offsets of pages
/// 2, 3, …), the blank lines between pages left out; the whole body when the
/// document has no pages.
fn page_ranges(starts: &[u32], body: Range<usize>, text: &str) -> Vec<Range<usize>> {
    if starts.is_empty() {
        return vec![body];
    }
    let mut cuts: Vec<usize> = starts.iter().map(|&s| s as usize).filter(|s| body.contains(s)).collect();
    cuts.push(body.end);
    let mut from = body.start;
    cuts.into_iter()
        .map(|to| {
            let range = from..from + text[from..to].trim_end().len();
            from = to;
            range
        })
        .collect()
}

/// Scrolls the current match to the middle of the reader.
fn scroll_to_current() {
    let document = leptos::prelude::document();
    let (Some(reader), Ok(Some(el))) = (document.get_element_by_id("reader"), document.query_selector("#reader mark.current")) else {
        return;
    };
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

/// "Documents that share passages with this one" (each opens the comparison)
/// and "Similar documents" (each opens in the reader), computed at build time.
#[component]
fn RelatedLists(doc: u32, shares: Vec<(u32, u32)>, similar: Vec<(u32, f32)>) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = explorer.corpus.index;
    let title = move |d: u32| index.docs[d as usize].meta.title.to_string();
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
                        if plain_click(&ev) {
                            ev.prevent_default();
                            explorer.open_doc(other);
                        }
                    }>{title(other)}</a>
                    {format!(" · {}% alike", fixed(f64::from(score) * 100.0, 0))}
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

#[cfg(test)]
mod tests {
    use super::page_ranges;

    #[test]
    fn pages_are_cut_where_they_start_without_the_blank_lines_between() {
        let text = "one one\n\ntwo\n\nthree\n\nNotes";
        let starts = [text.find("two").unwrap() as u32, text.find("three").unwrap() as u32];
        let body = 0..text.find("Notes").unwrap();
        let pages: Vec<&str> = page_ranges(&starts, body.clone(), text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(pages, ["one one", "two", "three"]);
        assert_eq!(page_ranges(&[], body.clone(), text), [body], "a text without pages is one part, as it is");
    }
}
