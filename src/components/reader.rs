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
            "Enter" if keys::on_control(&ev) => return,
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
    // "Page N" where each page after the first starts; its headings (a
    // page's, a Word file's, a book's chapters) as headings, one level
    // below the reader's title and on.
    let heads = &d.meta.headings;
    let body = layout(&text, body.clone(), &d.meta.pages, heads)
        .into_iter()
        .map(|piece| match piece {
            Piece::Page(page) => view! { <div class="page-break" role="separator" aria-label=format!("Page {page}")>{format!("p. {page}")}</div> }.into_any(),
            Piece::Text(range) => part(range).into_any(),
            Piece::Heading(n, rank, range) => {
                let id = heading_id(n);
                match rank {
                    0 => view! { <h3 class="doc-heading" id=id tabindex="-1">{part(range)}</h3> }.into_any(),
                    1 => view! { <h4 class="doc-heading" id=id tabindex="-1">{part(range)}</h4> }.into_any(),
                    2 => view! { <h5 class="doc-heading" id=id tabindex="-1">{part(range)}</h5> }.into_any(),
                    _ => view! { <h6 class="doc-heading" id=id tabindex="-1">{part(range)}</h6> }.into_any(),
                }
            }
        })
        .collect_view();
    let contents = (heads.len() >= 2).then(|| {
        let ranks = ranks(heads);
        let items = heads
            .iter()
            .zip(ranks)
            .enumerate()
            .map(|(n, (h, rank))| {
                let words = text.get(h.at as usize..h.end as usize).unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
                view! {
                    <li class=format!("rank-{rank}")>
                        <a href=format!("#{}", heading_id(n)) on:click=move |ev: ev::MouseEvent| {
                            if plain_click(&ev) {
                                ev.prevent_default();
                                go_to_heading(n);
                            }
                        }>{words}</a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <nav class="contents" aria-label="Contents">
                <details>
                    <summary>{format!("Contents ({} headings)", heads.len())}</summary>
                    <ol>{items}</ol>
                </details>
            </nav>
        }
    });
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
            {contents}
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

/// What the reader draws of a body, in order.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    /// Where page N (from 2) starts.
    Page(usize),
    /// Heading number N of the document, its rank (0 for the highest level
    /// it uses, 1 for the next…) and its line.
    Heading(usize, usize, Range<usize>),
    /// Text between them, without the blank lines at its ends.
    Text(Range<usize>),
}

/// The body as pages, headings and the text between them.
fn layout(text: &str, body: Range<usize>, starts: &[u32], headings: &[engine::index::Heading]) -> Vec<Piece> {
    let ranks = ranks(headings);
    let mut out = Vec::new();
    let mut next = 0;
    for (i, page) in page_ranges(starts, body, text).into_iter().enumerate() {
        if i > 0 {
            out.push(Piece::Page(i + 1));
        }
        let mut from = page.start;
        let text_to = |from: usize, to: usize, out: &mut Vec<Piece>| {
            let start = to - text[from..to].trim_start_matches(['\n', '\r']).len();
            let end = start + text[start..to].trim_end().len();
            if start < end {
                out.push(Piece::Text(start..end));
            }
        };
        while let Some(h) = headings.get(next).filter(|h| (h.end as usize) <= page.end) {
            let (at, end) = (h.at as usize, h.end as usize);
            if at >= from && text.is_char_boundary(at) && text.is_char_boundary(end) {
                text_to(from, at, &mut out);
                out.push(Piece::Heading(next, ranks[next], at..end));
                from = end;
            }
            next += 1;
        }
        text_to(from, page.end, &mut out);
    }
    out
}

/// Each heading's rank among the levels the document uses (its highest 0).
fn ranks(headings: &[engine::index::Heading]) -> Vec<usize> {
    let mut levels: Vec<u8> = headings.iter().map(|h| h.level).collect();
    levels.sort_unstable();
    levels.dedup();
    headings.iter().map(|h| levels.partition_point(|&l| l < h.level)).collect()
}

fn heading_id(n: usize) -> String {
    format!("doc-heading-{n}")
}

/// Moves the reader to heading `n` (its Contents link), the focus on it so
/// Tab goes on from there: just below the reader's sticky head where the
/// reader scrolls (wide screens), just below the page's sticky bar where
/// the page does (phones: the reader's head scrolls away with it there).
fn go_to_heading(n: usize) {
    let document = leptos::prelude::document();
    let (Some(reader), Some(el)) = (document.get_element_by_id("reader"), document.get_element_by_id(&heading_id(n))) else {
        return;
    };
    let rect = |selector: &str| document.query_selector(selector).ok().flatten().map(|e| e.get_bounding_client_rect());
    keys::focus_by_id(&heading_id(n));
    let top = el.get_bounding_client_rect().top();
    if reader.scroll_height() > reader.client_height() {
        let head = rect("#reader .reader-head").map_or(0.0, |r| r.height());
        let above = top - reader.get_bounding_client_rect().top() - head - 8.0;
        reader.set_scroll_top(reader.scroll_top() + above as i32);
    } else if let Some(window) = web_sys::window() {
        let bar = rect("header.top").map_or(0.0, |r| r.bottom().max(0.0));
        window.scroll_by_with_x_and_y(0.0, top - bar - 8.0);
    }
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
                        {format!("{} ({} words)", title(other), crate::numbers::count(u64::from(words)))}
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
    use super::{layout, page_ranges, Piece};
    use engine::index::Heading;

    #[test]
    fn pages_are_cut_where_they_start_without_the_blank_lines_between() {
        let text = "one one\n\ntwo\n\nthree\n\nNotes";
        let starts = [text.find("two").unwrap() as u32, text.find("three").unwrap() as u32];
        let body = 0..text.find("Notes").unwrap();
        let pages: Vec<&str> = page_ranges(&starts, body.clone(), text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(pages, ["one one", "two", "three"]);
        assert_eq!(page_ranges(&[], body.clone(), text), [body], "a text without pages is one part, as it is");
    }

    #[test]
    fn headings_are_cut_out_of_the_text_and_ranked_by_the_levels_used() {
        let text = "Intro.\n\nFirst\n\nOne.\n\nDeeper\nTwo.\n\nSecond\n\nThree.";
        let at = |s: &str| text.find(s).unwrap();
        let h = |s: &str, level| Heading { at: at(s) as u32, end: (at(s) + s.len()) as u32, level };
        let heads = [h("First", 2), h("Deeper", 4), h("Second", 2)];
        let drawn: Vec<String> = layout(text, 0..text.len(), &[], &heads)
            .into_iter()
            .map(|p| match p {
                Piece::Text(r) => format!("text {:?}", &text[r]),
                Piece::Heading(n, rank, r) => format!("h{n} rank {rank} {:?}", &text[r]),
                Piece::Page(p) => format!("page {p}"),
            })
            .collect();
        assert_eq!(
            drawn,
            ["text \"Intro.\"", "h0 rank 0 \"First\"", "text \"One.\"", "h1 rank 1 \"Deeper\"", "text \"Two.\"", "h2 rank 0 \"Second\"", "text \"Three.\""]
        );
    }

    #[test]
    fn headings_and_pages_together_each_heading_on_its_page() {
        let text = "Title page\n\nPart two\n\nBody two.";
        let two = text.find("Part two").unwrap();
        let heads = [Heading { at: two as u32, end: (two + 8) as u32, level: 1 }];
        let drawn = layout(text, 0..text.len(), &[two as u32], &heads);
        assert_eq!(drawn, [Piece::Text(0..10), Piece::Page(2), Piece::Heading(0, 0, two..two + 8), Piece::Text(two + 10..text.len())]);
    }
}
