//! The collocates view (`view=collocates`): the words within a window of
//! the query's matches in the documents shown, with how strongly each is
//! attracted to them (engine: `explore::collocates`).

use leptos::prelude::*;

use engine::explore::collocates::{MAX_WINDOW, MIN};

use crate::components::results::count_text;
use crate::components::table::{AnalysisTable, Cell, Column, CountStems, Kind, LeastCount};
use crate::state::Explorer;

pub const COLUMNS: &[Column] = &[
    Column { key: "word", label: "Word", help: "The word as the index holds it (lower case, accents off).", kind: Kind::Word },
    Column { key: "together", label: "Together", help: "O11: how often the word is in a match's window (a word in two windows counts twice).", kind: Kind::Count },
    Column { key: "frequency", label: "Frequency", help: "C1: how often the word occurs in the documents shown.", kind: Kind::Count },
    Column {
        key: "ll",
        label: "Log-likelihood",
        help: "G² = 2·Σ Oij·ln(Oij/Eij) over the 2×2 table (window/rest × word/other words), Eij = Ri·Cj/N; negative when the word is rarer near the match than elsewhere (Dunning 1993). Above 3.84, 6.63, 10.83: p < .05, .01, .001.",
        kind: Kind::Signed(2),
    },
    Column { key: "mi", label: "MI", help: "Mutual information, log2(O11/E11), E11 = R1·C1/N (Church & Hanks 1990). Favours rare words.", kind: Kind::Measure(2) },
    Column { key: "t", label: "T-score", help: "(O11 − E11)/√O11 (Church et al. 1991). Favours frequent words.", kind: Kind::Measure(2) },
    Column { key: "dice", label: "Log Dice", help: "14 + log2(2·O11/(f(node) + C1)) (Rychlý 2008); 14 when the two words always occur together, independent of corpus size.", kind: Kind::Measure(2) },
];

#[component]
pub fn Collocates() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let found = explorer.collocates;
    let rows = Signal::derive(move || {
        found.with(|c| {
            c.rows
                .iter()
                .map(|r| {
                    vec![
                        Cell::Text(r.word.clone()),
                        Cell::Count(r.together as u64),
                        Cell::Count(r.frequency as u64),
                        Cell::Number(Some(r.log_likelihood)),
                        Cell::Number(r.mi),
                        Cell::Number(r.t_score),
                        Cell::Number(r.log_dice),
                    ]
                })
                .collect()
        })
    });
    let status = move || {
        let docs = count_text(explorer.shown.with(Vec::len));
        let n = found.with(|c| c.rows.len());
        format!("{docs} · {} {}", crate::numbers::count(n as u64), if n == 1 { "collocate" } else { "collocates" })
    };
    let caption = move || {
        found.with(|c| {
            format!(
                "f(node) = {} {} · window {} left, {} right: R1 = {} word slots · N = {} words in the documents shown",
                crate::numbers::count(c.node as u64),
                if c.node == 1 { "match" } else { "matches" },
                c.window.0,
                c.window.1,
                crate::numbers::count(c.slots),
                crate::numbers::count(c.words)
            )
        })
    };
    let has_query = move || explorer.answer.with(|a| !a.plan.matchers.is_empty());
    let window = move || explorer.analysis.with(|a| a.window());
    let set_side = move |left: bool, value: String| {
        if let Ok(n) = value.trim().parse::<u32>() {
            let n = n.min(MAX_WINDOW);
            explorer.set_analysis(|a| {
                let (l, r) = a.window();
                let w = if left { (n, r) } else { (l, n) };
                a.window = (w != engine::explore::collocates::WINDOW && w != (0, 0)).then_some(w);
            });
        }
    };
    view! {
        <p role="status" id="count" class="count">{status}</p>
        <Show
            when=has_query
            fallback=|| view! { <p class="empty">"Type a word or a phrase: collocates are the words found near it, with how strongly each is drawn to it."</p> }
        >
            <div class="analysis-controls">
                <label>
                    "Words to the left "
                    <input type="number" min="0" max=MAX_WINDOW.to_string() prop:value=move || window().0.to_string() on:change=move |ev| set_side(true, event_target_value(&ev))/>
                </label>
                <label>
                    "to the right "
                    <input type="number" min="0" max=MAX_WINDOW.to_string() prop:value=move || window().1.to_string() on:change=move |ev| set_side(false, event_target_value(&ev))/>
                </label>
                <LeastCount label="Together at least " default=MIN/>
                <CountStems/>
            </div>
            <p class="caption" id="collocates-caption">{caption}</p>
            <AnalysisTable name="Collocates" id="collocates" columns=COLUMNS rows=rows link=|w| w.to_string()/>
        </Show>
    }
}
