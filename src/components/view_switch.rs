//! Links between the ways of showing a search; each is a shareable address.

use leptos::ev;
use leptos::prelude::*;

use crate::keys::plain_click;
use crate::route::View;
use crate::state::Explorer;

#[component]
pub fn ViewSwitch() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    view! {
        <nav class="views" aria-label="Views">
            {View::ALL
                .into_iter()
                .map(|v| {
                    view! {
                        <a
                            href=move || explorer.href_for_view(v)
                            aria-current=move || (explorer.view.get() == v).then_some("page")
                            on:click=move |ev: ev::MouseEvent| {
                                if plain_click(&ev) {
                                    ev.prevent_default();
                                    explorer.set_view(v);
                                }
                            }
                        >
                            {v.label()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}
