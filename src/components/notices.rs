//! Query warnings and address problems, said politely and kept visible;
//! how the documents' texts and a sharded index's fragments are coming,
//! when that takes a while or fails; and the analyses' wait for the whole
//! of a sharded index.

use leptos::prelude::*;

use crate::state::Explorer;

#[component]
pub fn Notices() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let all = move || {
        let mut v = explorer.url_notices.get();
        v.extend(explorer.answer.with(|a| a.warnings.clone()));
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

/// Files of texts on their way from which the progress line shows: one or
/// two come before a person would read a line about them.
const SHOWN_FROM: usize = 3;

/// The texts' progress line ("Loading texts: 12 of 40 files"; laid over
/// the page after a moment, by CSS, as the fragments' line is), and a
/// failed download said with its reason and a retry; nothing otherwise.
#[component]
pub fn TextsProgress() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let texts = explorer.corpus.files;
    let line = move || {
        let p = texts.progress();
        if let Some(reason) = p.failed {
            return Some(
                view! {
                    <p class="notices" role="alert">
                        {format!("Some texts could not be loaded ({reason}). ")}
                        <button type="button" on:click=move |_| texts.retry()>"Try again"</button>
                    </p>
                }
                .into_any(),
            );
        }
        (p.coming > 0 && p.batch >= SHOWN_FROM).then(|| {
            let (done, batch) = (p.batch - p.coming, p.batch);
            view! {
                <p class="notices texts-coming" role="status">
                    {format!("Loading texts: {done} of {batch} files")}
                    <progress max=batch.to_string() value=done.to_string()></progress>
                </p>
            }
            .into_any()
        })
    };
    view! { <div class="texts-progress" aria-live="polite">{line}</div> }
}

/// How a sharded index's fragments are coming: a search whose lists are on
/// their way keeps the last answer on screen and says so here (the line
/// shows after a moment, by CSS, so a fast host never flashes it); a
/// failed download is said with its reason and a retry.
#[component]
pub fn ListsProgress() -> impl IntoView {
    let files = expect_context::<Explorer>().corpus.files;
    let line = move || {
        let p = files.lists_progress();
        if let Some(reason) = p.failed {
            return Some(
                view! {
                    <p class="notices" role="alert">
                        {format!("Part of the index could not be loaded ({reason}), so some words find nothing. ")}
                        <button type="button" on:click=move |_| files.retry()>"Try again"</button>
                    </p>
                }
                .into_any(),
            );
        }
        (p.coming > 0).then(|| view! { <p class="notices lists-coming" role="status">"Searching: loading part of the index…"</p> }.into_any())
    };
    view! { <div class="lists-progress" aria-live="polite">{line}</div> }
}

/// What an analysis shows over a sharded index: nothing of its own until
/// every fragment is here (it reads every list), with the download's
/// progress meanwhile; at once over an index read whole, or once the whole
/// index has come.
#[component]
pub fn WholeIndex(children: ChildrenFn) -> impl IntoView {
    let files = expect_context::<Explorer>().corpus.files;
    let whole = Memo::new(move |_| files.whole_index());
    move || {
        if whole.get() {
            return children().into_any();
        }
        let (here, all) = files.index_parts();
        view! {
            <p class="notices whole-index" role="status">
                {format!("This analysis reads the whole index: loading {here} of {all} parts")}
                <progress max=all.to_string() value=here.to_string()></progress>
            </p>
        }
        .into_any()
    }
}
