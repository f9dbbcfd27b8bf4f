//! Facets as checkbox groups (`VALUE (COUNT)`), the active filters as
//! removable chips, and the sort order.

use std::borrow::Cow;

use leptos::prelude::*;

use engine::facets::{offered, Facet, Order};

use crate::numbers::count;
use crate::state::{Explorer, FacetCounts};

/// Values shown before "Show all"; longer lists also get a filter box.
const SHORT_LIST: usize = 8;

#[component]
pub fn FacetPanel() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    // Open on wide screens; on a phone the filters start folded away. The
    // width that makes a phone is the style sheet's (`--layout`), not ours.
    let wide = window()
        .get_computed_style(&document().document_element().expect("a root element"))
        .ok()
        .flatten()
        .and_then(|s| s.get_property_value("--layout").ok())
        .is_none_or(|v| v.trim() != "phone");
    view! {
        <details class="facets" open=wide>
            <summary>"Filters"</summary>
            // The groups the counts have (`facets::offered`), known without
            // counting them (they come a frame later); the reader's own tags
            // last, once there are some.
            {explorer
                .corpus
                .index
                .facets()
                .facets()
                .into_iter()
                .chain([Facet::Tag])
                .map(|facet| {
                    let index = explorer.corpus.index;
                    let shown = move || explorer.notes.tag_column.with(|tags| explorer.filters.with(|f| offered(index, tags, f, facet)));
                    view! {
                        <Show when=shown>
                            <FacetGroup facet=facet/>
                        </Show>
                    }
                })
                .collect_view()}
            <Show when=move || explorer.filters.with(|f| !f.is_empty())>
                <button type="button" class="clear" on:click=move |_| explorer.clear_filters()>"Clear all filters"</button>
            </Show>
        </details>
    }
}

#[component]
fn FacetGroup(facet: Facet) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let expanded = RwSignal::new(false);
    let needle = RwSignal::new(String::new());
    // Counts follow a new list once its page is drawn (`Explorer::counted`):
    // until then the group keeps what it showed.
    let total = Memo::new(move |prev: Option<&usize>| match explorer.counted() {
        true => explorer.facet_counts.with(|all| values_of(all, facet).len()),
        false => prev.copied().unwrap_or(0),
    });
    let long = move || total.get() > SHORT_LIST;
    // The rows on screen, ticked or not. A memo: a keystroke that leaves
    // them as they were redraws nothing.
    let rows = Memo::new(move |prev: Option<&Vec<Row>>| {
        if !explorer.counted() {
            return prev.cloned().unwrap_or_default();
        }
        let n = needle.with(|s| engine::analysis::fold(s));
        let limit = if expanded.get() || !n.is_empty() { usize::MAX } else { SHORT_LIST };
        explorer.filters.with(|f| {
            let ticked = f.selected(facet);
            explorer.facet_counts.with(|all| {
                values_of(all, facet)
                    .iter()
                    .filter(|(v, _)| n.is_empty() || engine::analysis::fold(v).contains(&n))
                    .take(limit)
                    .map(|(v, c)| (v.clone(), *c, ticked.is_some_and(|t| t.contains(v.as_ref()))))
                    .collect()
            })
        })
    });
    let facets = explorer.corpus.index.facets();
    let label = facets.label(facet);
    view! {
        <fieldset class="facet" data-facet=facets.param(facet)>
            <legend>{label}</legend>
            <Show when=long>
                <input
                    type="search"
                    class="facet-filter"
                    aria-label=format!("Filter {label} values")
                    placeholder="Filter…"
                    prop:value=move || needle.get()
                    on:input=move |ev| needle.set(event_target_value(&ev))
                />
            </Show>
            // One listener for the group: a box says which value it is. Rows
            // are drawn by place, as the result list's hits: a new list
            // rewrites the value, count and box of each row that changed, in
            // the row already there.
            <ul on:change=move |ev| explorer.toggle_filter(facet, event_target_value(&ev))>
                <For each=move || 0..rows.with(Vec::len) key=|i| *i let(i)>
                    {
                        let row = Memo::new(move |_| rows.with(|rs| rs.get(i).cloned()).unwrap_or_default());
                        view! {
                            <li>
                                <label class:zero=move || row.with(|r| r.1 == 0)>
                                    <input type="checkbox" value=move || row.with(|r| r.0.to_string()) prop:checked=move || row.with(|r| r.2)/>
                                    {move || row.with(|(value, n, _)| format!("{value} ({})", count(*n as u64)))}
                                </label>
                            </li>
                        }
                    }
                </For>
            </ul>
            <Show when=move || long() && needle.with(String::is_empty)>
                <button type="button" class="more" on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || if expanded.get() { "Show fewer".to_string() } else { format!("Show all {}", count(total.get() as u64)) }}
                </button>
            </Show>
        </fieldset>
    }
}

/// A value on screen: its name, count, and whether it is ticked.
type Row = (Cow<'static, str>, usize, bool);

/// One group's values with their counts.
fn values_of(all: &FacetCounts, facet: Facet) -> &[(Cow<'static, str>, usize)] {
    all.iter().find(|(g, _)| *g == facet).map_or(&[], |(_, v)| v.as_slice())
}

/// The active filters, each a button that removes it.
#[component]
pub fn Chips() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let chips = move || explorer.filters.with(|f| f.0.iter().flat_map(|(facet, values)| values.iter().map(move |v| (*facet, v.clone()))).collect::<Vec<_>>());
    view! {
        <ul class="chips" aria-label="Active filters">
            {move || {
                chips()
                    .into_iter()
                    .map(|(facet, value)| {
                        let text = format!("{}: {value}", explorer.corpus.index.facets().label(facet));
                        let v = value.clone();
                        let label = format!("Remove filter {text}");
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="chip"
                                    aria-label=label
                                    on:click=move |_| explorer.toggle_filter(facet, v.clone())
                                >
                                    {text}
                                    " ×"
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ul>
    }
}

#[component]
pub fn SortControl() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    view! {
        <label class="sort">
            "Sort by "
            <select
                prop:value=move || explorer.order.get().param()
                on:change=move |ev| {
                    if let Some(o) = Order::from_param(&event_target_value(&ev)) {
                        explorer.set_order(o);
                    }
                }
            >
                {Order::ALL.into_iter().map(|o| view! { <option value=o.param()>{o.param()}</option> }).collect_view()}
            </select>
        </label>
    }
}
