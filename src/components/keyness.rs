//! The keywords view (`view=keyness`): the words the documents shown use
//! more (or less) than a reference, the rest of the corpus or the
//! documents of the `ref` query (engine: `explore::keyness`).

use leptos::prelude::*;

use engine::explore::keyness::MIN;
use engine::explore::stats::CRITICAL;

use crate::components::results::count_text;
use crate::components::table::{AnalysisTable, Cell, Column, CountStems, Kind, LeastCount};
use crate::numbers::{parse, shortest};
use crate::state::Explorer;

pub const COLUMNS: &[Column] = &[
    Column { key: "word", label: "Word", help: "The word as the index holds it (lower case, accents off).", kind: Kind::Word },
    Column { key: "target", label: "Target", help: "a: occurrences in the documents shown.", kind: Kind::Count },
    Column { key: "reference", label: "Reference", help: "b: occurrences in the reference documents.", kind: Kind::Count },
    Column {
        key: "ll",
        label: "Log-likelihood",
        help: "G² over the table a, b / c − a, d − b (c, d: sizes in words); negative when the target uses the word less (Dunning 1993; Rayson & Garside 2000). Above 3.84, 6.63, 10.83: p < .05, .01, .001.",
        kind: Kind::Signed(2),
    },
    Column { key: "ratio", label: "Log ratio", help: "log2((a/c)/(b/d)), a zero count read as 0.5 (Hardie 2014): 1 is twice as frequent, −1 half.", kind: Kind::Signed(2) },
    Column { key: "diff", label: "%DIFF", help: "(a/c − b/d)·100/(b/d), a zero reference count read as 0.5 (Gabrielatos & Marchi 2011).", kind: Kind::Signed(1) },
    Column { key: "documents", label: "Documents", help: "How many of the documents shown use the word.", kind: Kind::Count },
];

#[component]
pub fn Keyness() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let index = explorer.corpus.index;
    let found = explorer.keyness;
    let negative = Signal::derive(move || explorer.analysis.with(|a| a.negative));
    let rows = Signal::derive(move || {
        let (critical, effect, negative) = explorer.analysis.with(|a| (a.critical().0, a.effect(), a.negative));
        found.with(|k| {
            k.rows
                .iter()
                .filter(|r| if negative { r.log_likelihood <= -critical } else { r.log_likelihood >= critical })
                .filter(|r| r.log_ratio.abs() >= effect)
                .map(|r| {
                    vec![
                        Cell::Text(index.terms()[r.term as usize].clone()),
                        Cell::Count(r.target as u64),
                        Cell::Count(r.reference as u64),
                        Cell::Number(Some(r.log_likelihood)),
                        Cell::Number(Some(r.log_ratio)),
                        Cell::Number(Some(r.percent_diff)),
                        Cell::Count(r.documents as u64),
                    ]
                })
                .collect()
        })
    });
    let status = move || {
        let docs = count_text(explorer.shown.with(Vec::len));
        let n = rows.with(Vec::len);
        format!("{docs} · {} {}", crate::numbers::count(n as u64), if n == 1 { "keyword" } else { "keywords" })
    };
    let caption = move || {
        found.with(|k| {
            let reference = explorer.analysis.with(|a| a.reference.clone());
            let against = if reference.trim().is_empty() { "the rest of the corpus".to_string() } else { format!("the documents “{reference}” finds") };
            format!(
                "Target: {} ({} words) · reference: {against}, {} ({} words)",
                count_text(k.target_docs),
                crate::numbers::count(k.target_words),
                count_text(k.reference_docs),
                crate::numbers::count(k.reference_words)
            )
        })
    };
    let empty = move || found.with(|k| k.target_docs == 0 || k.reference_docs == 0);
    view! {
        <p role="status" id="count" class="count">{status}</p>
        <div class="analysis-controls">
            <label>
                "Reference "
                <input
                    type="search"
                    id="keyness-ref"
                    placeholder="the rest of the corpus, or a query"
                    prop:value=move || explorer.analysis.with(|a| a.reference.clone())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        explorer.set_analysis(|a| a.reference = v.trim().to_string());
                    }
                />
            </label>
            <label>
                "Show "
                <select on:change=move |ev| {
                    let negative = event_target_value(&ev) == "negative";
                    explorer.set_analysis(|a| a.negative = negative);
                }>
                    <option value="positive" selected=move || !negative.get()>"words used more (positive)"</option>
                    <option value="negative" selected=move || negative.get()>"words used less (negative)"</option>
                </select>
            </label>
            <label>
                "Significance "
                <select on:change=move |ev| {
                    let p = event_target_value(&ev);
                    explorer.set_analysis(|a| a.p = (p != CRITICAL[0].1).then_some(p));
                }>
                    {CRITICAL
                        .into_iter()
                        .map(|(ll, p)| {
                            view! {
                                <option value=p selected=move || explorer.analysis.with(|a| a.critical().1 == p)>
                                    {format!("p < {p} (log-likelihood ≥ {})", shortest(ll))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label>
                "Least |log ratio| "
                <input
                    type="number"
                    min="0"
                    step="0.5"
                    prop:value=move || shortest(explorer.analysis.with(|a| a.effect()))
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(e) = parse(&v).filter(|e| e.is_finite() && *e >= 0.0) {
                            explorer.set_analysis(|a| a.effect = (e != 0.0).then(|| v.trim().to_string()));
                        }
                    }
                />
            </label>
            <LeastCount label="Count at least " default=MIN/>
            <CountStems/>
            </div>
        <p class="caption" id="keyness-caption">{caption}</p>
        <Show
            when=move || !empty()
            fallback=|| view! {
                <p class="empty">
                    "Keywords compare the documents shown with a reference: search or filter to choose the documents, or give a reference query that finds others."
                </p>
            }
        >
            <AnalysisTable name="Keywords" id="keyness" columns=COLUMNS rows=rows link=|w| format!("\"{w}\"") negative=negative/>
        </Show>
    }
}
