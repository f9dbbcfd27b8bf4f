//! The dispersion plot in the concordance view: one row per document
//! shown, its length as a line and each match a tick placed where it
//! occurs (a link into the reader at that match), with Juilland's D and
//! Gries' DP over the documents (engine: `explore::dispersion`).
//! Keyboard: Tab reaches a row's first tick, ← → step along the row.

use leptos::ev;
use leptos::prelude::*;

use crate::keys::{focus_by_id, plain_click};
use crate::numbers::{count, fixed};
use crate::state::{Explorer, Focus};

/// Rows drawn at first and per "Show more".
const ROWS: usize = 25;

#[component]
pub fn Dispersion() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = explorer.corpus.index;
    let found = explorer.dispersion;
    let shown_rows = RwSignal::new(ROWS);
    let figures = move || {
        found.with(|d| {
            let f = |x: Option<f64>| x.map_or("—".to_string(), |x| fixed(x, 3));
            vec![
                ("Juilland's D", f(d.juilland_d), "1 − (σ(p)/mean p)/√(n − 1), p = matches/length per document: 1 is even, 0 all in one document."),
                ("DP", f(d.dp.map(|x| x.0)), "½·Σ|v/f − s|, s = a document's share of the words: 0 is even, towards 1 uneven (Gries 2008)."),
                ("DPnorm", f(d.dp.map(|x| x.1)), "DP/(1 − smallest share) (Lijffijt & Gries 2012)."),
            ]
            .into_iter()
            .map(|(k, v, help)| view! { <div title=help><dt>{k}</dt><dd>{v}</dd></div> })
            .collect_view()
        })
    };
    let rows = move || {
        found.with(|d| {
            d.rows
                .iter()
                .take(shown_rows.get())
                .enumerate()
                .map(|(r, row)| {
                    let doc = row.doc;
                    let title = index.docs[doc as usize].meta.title.to_string();
                    let len = row.length.max(1) as f64;
                    let n = row.matches.len();
                    let ticks = row
                        .matches
                        .iter()
                        .enumerate()
                        .map(|(k, &pos)| {
                            let label = format!("Match {} of {n} in {title}", k + 1);
                            view! {
                                <a
                                    class="tick"
                                    id=format!("tick-{r}-{k}")
                                    href=explorer.href_for(doc)
                                    tabindex=if k == 0 { "0" } else { "-1" }
                                    style:left=format!("{}%", fixed(pos as f64 * 100.0 / len, 3))
                                    aria-label=label.clone()
                                    title=label
                                    on:click=move |ev: ev::MouseEvent| {
                                        if plain_click(&ev) {
                                            ev.prevent_default();
                                            explorer.open_at_token(doc, pos, Focus::Tick(r, k));
                                        }
                                    }
                                    on:keydown=move |ev: ev::KeyboardEvent| {
                                        let to = match ev.key().as_str() {
                                            "ArrowRight" => (k + 1 < n).then_some(k + 1),
                                            "ArrowLeft" => k.checked_sub(1),
                                            "Home" => Some(0),
                                            "End" => Some(n - 1),
                                            _ => return,
                                        };
                                        ev.prevent_default();
                                        if let Some(to) = to {
                                            focus_by_id(&format!("tick-{r}-{to}"));
                                        }
                                    }
                                ></a>
                            }
                        })
                        .collect_view();
                    view! {
                        <li class="disp-row">
                            <span class="disp-title" title=title.clone()>{title.clone()}</span>
                            <span class="disp-line">{ticks}</span>
                            <span class="disp-n">{n.to_string()}</span>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let more = move || found.with(|d| d.rows.len()).saturating_sub(shown_rows.get());
    view! {
        <section id="dispersion" class="dispersion" aria-label="Dispersion">
            <h2 class="small-heading">"Dispersion"</h2>
            <dl class="figures">{figures}</dl>
            <ol class="disp-rows" aria-label="Matches by place in each document">{rows}</ol>
            <Show when=move || { more() > 0 }>
                <button type="button" class="more" on:click=move |_| shown_rows.update(|n| *n += ROWS)>
                    {move || format!("Show more documents ({} not shown)", count(more() as u64))}
                </button>
            </Show>
        </section>
    }
}
