//! The overview (`view=overview`): figures about the documents the search
//! and filters leave (the whole corpus before any search): size, period,
//! documents per year, the years the texts speak of, the most frequent
//! words and the entities most documents mention. A word opens its
//! concordance; a year or an entity becomes a filter.

use leptos::prelude::*;

use engine::explore::overview::overview;
use engine::facets::Facet;

use crate::components::results::count_text;
use crate::numbers::count;
use crate::state::Explorer;

/// Words and entities listed.
const TOP: usize = 30;

#[component]
pub fn Overview() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    let corpus = explorer.corpus;
    let figures = Memo::new(move |_| overview(corpus.index, corpus.vocabulary(), &explorer.shown_docs(), TOP));
    let scope = move || {
        let searching = explorer.query.with(|q| !q.trim().is_empty()) || explorer.filters.with(|f| !f.is_empty());
        if searching {
            "The documents that match the search and filters"
        } else {
            "The whole corpus"
        }
    };

    let summary = move || {
        figures.with(|o| {
            let average = if o.documents == 0 { 0 } else { o.words / o.documents as u64 };
            let period = match (&o.first_date, &o.last_date) {
                (Some(a), Some(b)) if a == b => a.clone(),
                (Some(a), Some(b)) => format!("{a} to {b}"),
                _ => "no dates".into(),
            };
            vec![
                ("Documents", count(o.documents as u64)),
                ("Words", count(o.words)),
                ("Average length", format!("{} words", count(average))),
                ("Dated", format!("{} of {}", count(o.dated as u64), count(o.documents as u64))),
                ("Period", period),
            ]
            .into_iter()
            .map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> })
            .collect_view()
        })
    };

    let year_bars = move || {
        figures.with(|o| {
            let max = o.years.iter().map(|(_, n)| *n).max().unwrap_or(1);
            o.years
                .iter()
                .map(|(year, n)| {
                    // Years without documents keep the chart's time in order; there is nothing to filter by.
                    if *n == 0 {
                        return view! { <li class="bar-row gap">{bar(year, 0, max, "none".to_string())}</li> }.into_any();
                    }
                    let (y, pressed_y) = (year.clone(), year.clone());
                    let pressed = move || explorer.filters.with(|f| f.selected(Facet::Year).is_some_and(|s| s.contains(&pressed_y)));
                    view! {
                        <li>
                            <button
                                type="button"
                                class="bar-row"
                                aria-pressed=move || pressed().to_string()
                                title="Filter by this year"
                                on:click=move |_| explorer.toggle_filter(Facet::Year, y.clone())
                            >
                                {bar(year, *n, max, count_text(*n))}
                            </button>
                        </li>
                    }
                    .into_any()
                })
                .collect_view()
        })
    };

    let mention_bars = move || {
        figures.with(|o| {
            let max = o.mentioned_years.iter().map(|(_, n)| *n).max().unwrap_or(1);
            let dates = |n: usize| match n {
                0 => "none".to_string(),
                n => format!("{} {}", count(n as u64), if n == 1 { "date" } else { "dates" }),
            };
            o.mentioned_years.iter().map(|(year, n)| view! { <li class="bar-row" class:gap=*n == 0>{bar(year, *n, max, dates(*n))}</li> }).collect_view()
        })
    };

    let words = move || {
        figures.with(|o| {
            o.terms
                .iter()
                .map(|(term, n, docs)| {
                    let t = term.clone();
                    view! {
                        <li>
                            <button type="button" class="link" title="See every occurrence in context" on:click=move |_| explorer.concordance_of(t.clone())>
                                {term.clone()}
                            </button>
                            {format!(" {} × in {}", count(u64::from(*n)), count_text(*docs as usize))}
                        </li>
                    }
                })
                .collect_view()
        })
    };

    let entities = move || {
        figures.with(|o| {
            o.entities
                .iter()
                .map(|(name, n)| {
                    let v = name.clone();
                    view! {
                        <li>
                            <button type="button" class="link" title="Filter by this entity" on:click=move |_| explorer.toggle_filter(Facet::Entity, v.clone())>
                                {name.clone()}
                            </button>
                            {format!(" in {}", count_text(*n))}
                        </li>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <p role="status" id="count" class="count">{move || count_text(explorer.shown.with(Vec::len))}</p>
        <section id="overview" class="overview" aria-label="Overview">
            <h2>{scope}</h2>
            <dl class="figures">{summary}</dl>
            <div class="overview-grid">
                <section aria-labelledby="ov-years">
                    <h3 id="ov-years">"Documents by year"</h3>
                    <ul class="bars">{year_bars}</ul>
                </section>
                // A chart scrolls within its box once it has more years than fit
                // (a large corpus mentions hundreds). This one has no button to
                // tab to, so the list itself takes focus (named by its heading),
                // and the keyboard scrolls it.
                <section aria-labelledby="ov-mentions">
                    <h3 id="ov-mentions">"Years the texts mention"</h3>
                    <ul class="bars" tabindex="0" aria-labelledby="ov-mentions">{mention_bars}</ul>
                </section>
                <section aria-labelledby="ov-words">
                    <h3 id="ov-words">"Most frequent words"</h3>
                    <ol class="ranked" aria-label="Most frequent words">{words}</ol>
                </section>
                <section aria-labelledby="ov-entities">
                    <h3 id="ov-entities">"Entities"</h3>
                    <ol class="ranked" aria-label="Entities">{entities}</ol>
                </section>
            </div>
        </section>
    }
}

/// One bar of a chart: its label, a bar as long as `n` is of `max`, and the figure in words.
fn bar(label: &str, n: usize, max: usize, caption: String) -> impl IntoView {
    view! {
        <span class="bar-label">{label.to_string()}</span>
        <span class="bar" style:width=format!("{}%", n * 100 / max.max(1))></span>
        <span class="bar-n">{caption}</span>
    }
}
