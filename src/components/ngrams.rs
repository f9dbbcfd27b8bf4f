//! The n-grams view (`view=ngrams`): recurring sequences of n words that
//! hold a match of the query, or all of them without a query (engine:
//! `explore::ngrams`).

use leptos::prelude::*;

use engine::explore::ngrams::{DEFAULT_N, MAX_N, MIN, MIN_N};

use crate::components::results::count_text;
use crate::components::table::{AnalysisTable, Cell, Column, CountStems, Kind, LeastCount};
use crate::state::Explorer;

pub const COLUMNS: &[Column] = &[
    Column { key: "ngram", label: "N-gram", help: "n words in a row, within one sentence (lower case, accents off).", kind: Kind::Word },
    Column { key: "frequency", label: "Frequency", help: "How often the sequence occurs in the documents shown.", kind: Kind::Count },
    Column { key: "documents", label: "Documents", help: "In how many of the documents shown it occurs.", kind: Kind::Count },
];

#[component]
pub fn Ngrams() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let found = explorer.ngrams;
    let rows = Signal::derive(move || {
        found.with(|g| g.rows.iter().map(|r| vec![Cell::Text(r.words.clone()), Cell::Count(r.frequency as u64), Cell::Count(r.documents as u64)]).collect())
    });
    let status = move || {
        let docs = count_text(explorer.shown.with(Vec::len));
        if !explorer.shown_texts.get() {
            return format!("{docs} · loading their texts…");
        }
        let n = found.with(|g| g.rows.len());
        format!("{docs} · {} {}", crate::numbers::count(n as u64), if n == 1 { "n-gram" } else { "n-grams" })
    };
    let caption = move || {
        let shown = explorer.shown.with(Vec::len);
        found.with(|g| {
            let searching = explorer.answer.with(|a| !a.plan.matchers.is_empty());
            let what = if searching { format!("{}-grams that hold a match", g.n) } else { format!("Every {}-gram", g.n) };
            let read = if g.documents_read < shown {
                format!(
                    " of the first {} (the count stops after {} words: search to narrow it)",
                    count_text(g.documents_read),
                    crate::numbers::count(engine::explore::ngrams::MAX_WORDS)
                )
            } else {
                String::new()
            };
            format!("{what}{read}, met at least {} times.", explorer.analysis.with(|a| a.min.unwrap_or(MIN)))
        })
    };
    view! {
        <p role="status" id="count" class="count">{status}</p>
        <div class="analysis-controls">
            <label>
                "Words "
                <select on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<usize>() {
                        explorer.set_analysis(|a| a.n = (n != DEFAULT_N).then_some(n));
                    }
                }>
                    {(MIN_N..=MAX_N)
                        .map(|n| view! { <option value=n.to_string() selected=move || explorer.analysis.with(|a| a.n.unwrap_or(DEFAULT_N)) == n>{n.to_string()}</option> })
                        .collect_view()}
                </select>
            </label>
            <LeastCount label="Frequency at least " default=MIN/>
            <CountStems/>
            </div>
        <p class="caption" id="ngrams-caption">{caption}</p>
        <AnalysisTable name="N-grams" id="ngrams" columns=COLUMNS rows=rows link=|w| format!("\"{w}\"")/>
    }
}
