//! The search box and the "All spellings" switch (alias expansion).

use leptos::ev;
use leptos::prelude::*;

use crate::state::Explorer;

#[component]
pub fn SearchBox() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    view! {
        <div class="search" role="search">
            <input
                id="search"
                type="search"
                aria-label="Search"
                placeholder="Search the corpus: words, \"phrases\", OR, -not, pref*"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || explorer.query.get()
                on:input=move |ev| explorer.set_query(event_target_value(&ev))
                on:keydown=move |ev: ev::KeyboardEvent| {
                    // ↓ or Enter: into the list on screen; Enter also makes
                    // the query its own Back step.
                    if ev.key() == "Enter" {
                        explorer.rest();
                    }
                    if matches!(ev.key().as_str(), "ArrowDown" | "Enter") {
                        ev.prevent_default();
                        explorer.enter_list();
                    }
                }
                on:blur=move |_| explorer.rest()
            />
            <label class="switch">
                <input
                    type="checkbox"
                    prop:checked=move || !explorer.literal.get()
                    on:change=move |ev| explorer.set_literal(!event_target_checked(&ev))
                />
                "All spellings"
            </label>
        </div>
    }
}
