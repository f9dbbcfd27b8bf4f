//! Query warnings and address problems, said politely and kept visible;
//! and how the documents' texts are coming, when that takes a while or
//! fails.

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

/// The texts' progress line ("Loading texts: 12 of 40 files"), and a
/// failed download said with its reason and a retry; nothing otherwise.
#[component]
pub fn TextsProgress() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let texts = explorer.corpus.texts;
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
                <p class="notices" role="status">
                    {format!("Loading texts: {done} of {batch} files")}
                    <progress max=batch.to_string() value=done.to_string()></progress>
                </p>
            }
            .into_any()
        })
    };
    view! { <div class="texts-progress" aria-live="polite">{line}</div> }
}
