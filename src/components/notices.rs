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

/// How long a wait lasts before a line says it: a fast host never flashes
/// one.
const A_MOMENT: std::time::Duration = std::time::Duration::from_millis(400);

/// Whether `waiting` has held for [`A_MOMENT`] (tracked); false as soon as
/// it stops. The line is not made before: made at once and kept hidden for
/// the moment by its style (an animation's delay), its making, updating and
/// drawing slowed every search that fetched files. Each first run of the
/// bench's queries on the Linux docs (`bench/queries.json`, ten loads each,
/// taken in turn, headless Chromium, loopback): mean 28.5 → 27.4 ms, p50
/// 29.6 → 28.0, p95 48.9 → 47.7.
fn after_a_moment(waiting: Memo<bool>) -> ReadSignal<bool> {
    let (shown, show) = signal(false);
    let timer = StoredValue::new_local(None::<TimeoutHandle>);
    Effect::new(move |_| {
        if let Some(t) = timer.try_update_value(Option::take).flatten() {
            t.clear();
        }
        if waiting.get() {
            timer.set_value(set_timeout_with_handle(move || show.set(true), A_MOMENT).ok());
        } else {
            show.set(false);
        }
    });
    shown
}

/// The texts' progress line ("Loading texts: 12 of 40 files"; laid over
/// the page after a moment, as the fragments' line is), and a
/// failed download said with its reason and a retry; nothing otherwise.
/// The line is made once per batch and only its words and bar follow each
/// file. Drawn again whole as each came, its element had every attribute
/// removed and set again (as erased components redraw), its `role` too, a
/// live region's: a first run of each of the bench's queries on the Linux
/// docs made 66.6 DOM calls, 27.8 now (the run's time did not move beyond
/// this machine's noise).
#[component]
pub fn TextsProgress() -> impl IntoView {
    let texts = expect_context::<Explorer>().corpus.files;
    let progress = Memo::new(move |_| texts.progress());
    let failed = Memo::new(move |_| progress.with(|p| p.failed.clone()));
    // Files come, of the batch: done and all, once the line is worth showing.
    let coming = Memo::new(move |_| progress.with(|p| (p.failed.is_none() && p.coming > 0 && p.batch >= SHOWN_FROM).then(|| (p.batch - p.coming, p.batch))));
    let part = move |f: fn((usize, usize)) -> String| move || coming.get().map(f).unwrap_or_default();
    let shown = after_a_moment(Memo::new(move |_| coming.with(Option::is_some)));
    view! {
        <div class="texts-progress" aria-live="polite">
            {failure(failed, |reason| format!("Some texts could not be loaded ({reason}). "), move || texts.retry())}
            <Show when=move || shown.get() && coming.with(Option::is_some)>
                <p class="notices texts-coming" role="status">
                    {part(|(done, batch)| format!("Loading texts: {done} of {batch} files"))}
                    <progress max=part(|(_, batch)| batch.to_string()) value=part(|(done, _)| done.to_string())></progress>
                </p>
            </Show>
        </div>
    }
}

/// A failed download, said as an alert with its reason (`say`) and a
/// retry; nothing while none has failed. The texts' and the fragments'
/// lines both end this way.
fn failure(failed: Memo<Option<String>>, say: fn(&str) -> String, retry: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    move || {
        failed.get().map(|reason| {
            view! {
                <p class="notices" role="alert">
                    {say(&reason)}
                    <button type="button" on:click=move |_| retry()>"Try again"</button>
                </p>
            }
        })
    }
}

/// How a sharded index's fragments are coming: a search whose lists are on
/// their way keeps the last answer on screen and says so here (after a
/// moment, [`after_a_moment`]); a
/// failed download is said with its reason and a retry. (Made once while
/// fragments come, as the texts' line is.)
#[component]
pub fn ListsProgress() -> impl IntoView {
    let files = expect_context::<Explorer>().corpus.files;
    let progress = Memo::new(move |_| files.lists_progress());
    let failed = Memo::new(move |_| progress.with(|p| p.failed.clone()));
    let coming = Memo::new(move |_| progress.with(|p| p.failed.is_none() && p.coming > 0));
    let shown = after_a_moment(coming);
    view! {
        <div class="lists-progress" aria-live="polite">
            {failure(failed, |reason| format!("Part of the index could not be loaded ({reason}), so some words find nothing. "), move || files.retry())}
            <Show when=move || shown.get() && coming.get()>
                <p class="notices lists-coming" role="status">"Searching: loading part of the index…"</p>
            </Show>
        </div>
    }
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
