//! Query warnings and address problems, said politely and kept visible.

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
