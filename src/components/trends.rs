//! The trends view (`view=trends`): how often each of up to five queries
//! occurs per 10,000 words in each year of the documents shown (or in
//! stretches of them, undated), as a line chart and as the table it is
//! drawn from (engine: `explore::trends`).

use leptos::prelude::*;

use engine::explore::trends::MAX_TERMS;

use crate::components::table::save_sheet;
use crate::download::{Field, Sheet};
use crate::numbers::{count, fixed, shortest};
use crate::state::Explorer;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 220.0;
const PAD: f64 = 36.0;

#[component]
pub fn Trends() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let found = explorer.trends;
    let terms_text = move || explorer.analysis.with(|a| a.terms.join(", "));
    let set_terms = move |text: String| {
        let mut terms: Vec<String> = text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect();
        terms.truncate(MAX_TERMS);
        explorer.set_analysis(|a| a.terms = terms);
    };
    let status = move || {
        found.with(|(labels, t)| {
            let bins = t.bins.len();
            let unit = if t.by_year {
                if bins == 1 {
                    "year"
                } else {
                    "years"
                }
            } else if bins == 1 {
                "stretch"
            } else {
                "stretches"
            };
            format!("{} {} · {bins} {unit}", labels.len(), if labels.len() == 1 { "line" } else { "lines" })
        })
    };
    let caption = move || {
        found.with(|(_, t)| {
            let base = if t.by_year {
                "Occurrences per 10,000 words in each year of the documents shown".to_string()
            } else {
                "The documents shown carry no dates: occurrences per 10,000 words in ten stretches of them, in corpus order".to_string()
            };
            if t.undated > 0 {
                format!("{base}; {} undated {} left out.", t.undated, if t.undated == 1 { "document is" } else { "documents are" })
            } else {
                format!("{base}.")
            }
        })
    };
    let chart = move || {
        found.with(|(labels, t)| {
            let bins = t.bins.len();
            if bins == 0 || labels.is_empty() {
                return None;
            }
            let max = (0..labels.len()).flat_map(|s| (0..bins).map(move |b| (s, b))).map(|(s, b)| t.per_10k(s, b)).fold(0.0f64, f64::max).max(1e-9);
            let x = |b: usize| if bins == 1 { WIDTH / 2.0 } else { PAD + b as f64 * (WIDTH - 2.0 * PAD) / (bins - 1) as f64 };
            let y = |v: f64| HEIGHT - PAD + 8.0 - v / max * (HEIGHT - PAD - 8.0);
            let lines = (0..labels.len())
                .map(|s| {
                    let points: Vec<String> = (0..bins).map(|b| format!("{},{}", fixed(x(b), 1), fixed(y(t.per_10k(s, b)), 1))).collect();
                    let dots = (0..bins)
                        .map(|b| {
                            let tip = format!("{}: {} · {} per 10,000 words", labels[s], t.bins[b].label, fixed(t.per_10k(s, b), 2));
                            view! { <circle cx=fixed(x(b), 1) cy=fixed(y(t.per_10k(s, b)), 1) r="4"><title>{tip}</title></circle> }
                        })
                        .collect_view();
                    view! {
                        <g class=format!("series series-{s}")>
                            <polyline points=points.join(" ") fill="none"/>
                            {dots}
                        </g>
                    }
                })
                .collect_view();
            // Every label when they fit, else about eight.
            let step = bins.div_ceil(8).max(1);
            let ticks = (0..bins)
                .filter(|b| b % step == 0)
                .map(|b| view! { <text x=fixed(x(b), 1) y=fixed(HEIGHT - 6.0, 1) text-anchor="middle">{t.bins[b].label.clone()}</text> })
                .collect_view();
            Some(view! {
                <svg
                    class="trend-chart"
                    viewBox=format!("0 0 {} {}", shortest(WIDTH), shortest(HEIGHT))
                    role="img"
                    aria-label="Trends chart; the table below holds its figures"
                >
                    <line class="axis" x1=shortest(PAD) x2=shortest(WIDTH - PAD) y1=shortest(HEIGHT - PAD + 8.0) y2=shortest(HEIGHT - PAD + 8.0)/>
                    <text x="2" y="12" class="axis-label">{format!("{} per 10,000", fixed(max, 1))}</text>
                    {lines}
                    {ticks}
                </svg>
                <ul class="legend">
                    {labels.iter().enumerate().map(|(s, l)| view! {
                        // The key draws its line's own colour and dash (style/main.css).
                        <li class=format!("series-{s}")>
                            <svg class="swatch" viewBox="0 0 24 6" aria-hidden="true">
                                <line x1="0" y1="3" x2="24" y2="3"/>
                            </svg>
                            {l.clone()}
                        </li>
                    }).collect_view()}
                </ul>
            })
        })
    };
    let table = move || {
        found.with(|(labels, t)| {
            let head = labels.iter().map(|l| view! { <th scope="col">{format!("{l} per 10,000")}</th> }).collect_view();
            let rows = (0..t.bins.len())
                .map(|b| {
                    let bin = &t.bins[b];
                    let cells = (0..labels.len())
                        .map(|s| view! { <td class="num">{format!("{} ({})", fixed(t.per_10k(s, b), 2), count(u64::from(t.counts[s][b])))}</td> })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{bin.label.clone()}</th>
                            <td class="num">{count(bin.documents as u64)}</td>
                            <td class="num">{count(bin.words)}</td>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table id="trends" class="analysis" aria-label="Trends">
                    <thead>
                        <tr>
                            <th scope="col">{if t.by_year { "Year" } else { "Documents" }}</th>
                            <th scope="col">"Documents"</th>
                            <th scope="col">"Words"</th>
                            {head}
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    let download = move |_| {
        let sheet = found.with_untracked(|(labels, t)| {
            let first = if t.by_year { "Year" } else { "Documents" };
            let mut columns: Vec<String> = vec![first.into(), "Documents".into(), "Words".into()];
            for l in labels {
                columns.push(format!("{l} per 10,000"));
                columns.push(format!("{l} count"));
            }
            let rows = t
                .bins
                .iter()
                .enumerate()
                .map(|(b, bin)| {
                    let mut row = vec![Field::Text(bin.label.clone()), Field::number(bin.documents), Field::number(bin.words)];
                    for s in 0..labels.len() {
                        row.push(Field::Number { shown: fixed(t.per_10k(s, b), 2), exact: shortest(t.per_10k(s, b)) });
                        row.push(Field::number(t.counts[s][b]));
                    }
                    row
                })
                .collect();
            Sheet { columns: columns.into_iter().map(|c| (c.clone(), c)).collect(), rows }
        });
        save_sheet(explorer, &[&terms_text(), &explorer.query.get_untracked()], &sheet, false);
    };
    view! {
        <p role="status" id="count" class="count">{status}</p>
        <div class="analysis-controls">
            <label>
                "Lines (up to five queries, separated by commas) "
                <input
                    type="search"
                    id="trend-terms"
                    placeholder="the search itself"
                    prop:value=terms_text
                    on:change=move |ev| set_terms(event_target_value(&ev))
                />
            </label>
        </div>
        <Show
            when=move || found.with(|(labels, t)| !labels.is_empty() && !t.bins.is_empty())
            fallback=|| view! { <p class="empty">"Type a search, or name up to five words or phrases above: each becomes a line of its frequency over time."</p> }
        >
            <p class="caption" id="trends-caption">{caption}</p>
            <figure class="trend">{chart}</figure>
            <div class="table-tools">
                <button type="button" on:click=download>"Download CSV"</button>
            </div>
            <div class="table-scroll">{table}</div>
        </Show>
    }
}
