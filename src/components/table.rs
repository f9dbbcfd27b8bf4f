//! The one table of the analysis views (collocates, keywords, n-grams):
//! ordered by any column (`measure=` in the address, through the header
//! buttons), a page at a time, each column's formula one click away, and
//! the whole ordered table downloadable as CSV or JSON.

use leptos::prelude::*;

use crate::download::{file_name, save, Field, Sheet};
use crate::numbers::{count, fixed, shortest};
use crate::state::Explorer;

/// How a column reads and orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The row's word or n-gram: alphabetical, a link to its concordance.
    Word,
    /// A whole number, largest first.
    Count,
    /// A measure shown with this many decimals, largest first.
    Measure(usize),
    /// A signed measure: largest first, or most negative first when the
    /// table lists negative keywords.
    Signed(usize),
}

#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Its name in `measure=` and in the JSON download.
    pub key: &'static str,
    pub label: &'static str,
    /// What it counts, with the formula.
    pub help: &'static str,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(u64),
    /// Absent where the measure is undefined (e.g. MI of a word never met).
    Number(Option<f64>),
}

impl Cell {
    fn show(&self, kind: Kind) -> String {
        match (self, kind) {
            (Cell::Text(t), _) => t.clone(),
            (Cell::Count(n), _) => count(*n),
            (Cell::Number(Some(x)), Kind::Measure(d) | Kind::Signed(d)) => fixed(*x, d as u8),
            (Cell::Number(Some(x)), _) => shortest(*x),
            (Cell::Number(None), _) => String::new(),
        }
    }

    /// The cell in a download: numbers as shown (CSV) and exact (JSON).
    fn field(&self, kind: Kind) -> Field {
        match self {
            Cell::Text(t) => Field::Text(t.clone()),
            Cell::Count(n) => Field::number(n),
            Cell::Number(Some(x)) if x.is_finite() => Field::Number { shown: self.show(kind), exact: shortest(*x) },
            Cell::Number(_) => Field::Empty,
        }
    }
}

/// Row order for `column`: largest first for numbers (absent values last),
/// alphabetical for words; `negative` turns signed measures to most negative first.
fn order(rows: &[Vec<Cell>], column: usize, kind: Kind, negative: bool) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..rows.len()).collect();
    let num = |c: &Cell| match c {
        Cell::Count(n) => Some(*n as f64),
        Cell::Number(x) => *x,
        Cell::Text(_) => None,
    };
    let flip = negative && matches!(kind, Kind::Signed(_));
    engine::order::sort_by(&mut idx, |&a, &b| match kind {
        Kind::Word => rows[a][column].show(kind).cmp(&rows[b][column].show(kind)),
        _ => {
            let (x, y) = (num(&rows[a][column]), num(&rows[b][column]));
            match (x, y) {
                (Some(x), Some(y)) if flip => x.total_cmp(&y),
                (Some(x), Some(y)) => y.total_cmp(&x),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        }
    });
    idx
}

/// The switch between counting each form and counting the forms of a
/// word together (`count=stems`), shared by the analysis views.
#[component]
pub fn CountStems() -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    view! {
        <label>
            <input
                type="checkbox"
                prop:checked=move || explorer.analysis.with(|a| a.stems)
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    explorer.set_analysis(|a| a.stems = on);
                }
            />
            " Count the forms of a word together"
        </label>
    }
}

/// The least count a row needs (`min=`), shared by the analysis views;
/// `default` is the view's own.
#[component]
pub fn LeastCount(label: &'static str, default: u32) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    view! {
        <label>
            {label}
            <input
                type="number"
                min="1"
                prop:value=move || explorer.analysis.with(|a| a.min.unwrap_or(default)).to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).trim().parse::<u32>() {
                        explorer.set_analysis(|a| a.min = (n >= 1 && n != default).then_some(n));
                    }
                }
            />
        </label>
    }
}

/// Saves a table of what a view shows as CSV or JSON, in a file named after
/// the corpus, the view and `what` (the query, the terms); a failure is
/// said as a notice.
pub fn save_sheet(explorer: Explorer, what: &[&str], sheet: &Sheet, json: bool) {
    let corpus = explorer.corpus.index.name.clone().unwrap_or_else(|| "corpus".into());
    let view = explorer.view.get_untracked();
    let parts: Vec<&str> = [corpus.as_str(), view.param()].into_iter().chain(what.iter().copied()).collect();
    let (extension, mime, body) = sheet.file(json);
    if let Err(e) = save(&file_name(&parts, extension), mime, &body) {
        explorer.url_notices.update(|n| n.push(format!("The table could not be saved: {e}")));
    }
}

/// The table. `rows` hold one cell per column; the word column is the
/// first; `link` turns a word into the query its concordance opens with.
#[component]
pub fn AnalysisTable(
    /// Its accessible name and the id of the `<table>`.
    name: &'static str,
    id: &'static str,
    columns: &'static [Column],
    #[prop(into)] rows: Signal<Vec<Vec<Cell>>>,
    /// Words that open a concordance: the query for a word.
    link: fn(&str) -> String,
    #[prop(into, optional)] negative: Signal<bool>,
) -> impl IntoView {
    let explorer = expect_context::<Explorer>();
    // The column ordered by: the address's `measure`, else the view's first.
    let sorted_by = move || {
        let view = explorer.view.get();
        let key = explorer.analysis.with(|a| a.measure.clone()).unwrap_or_else(|| view.measures().first().unwrap_or(&"").to_string());
        columns.iter().position(|c| c.key == key).unwrap_or(0)
    };
    let ordered = Memo::new(move |_| {
        let c = sorted_by();
        rows.with(|r| order(r, c, columns[c].kind, negative.get()))
    });
    let download = move |json: bool| {
        let sheet = rows.with_untracked(|rows| Sheet {
            columns: columns.iter().map(|c| (c.key.to_string(), c.label.to_string())).collect(),
            rows: ordered.with_untracked(|order| order.iter().map(|&i| columns.iter().zip(&rows[i]).map(|(c, cell)| cell.field(c.kind)).collect()).collect()),
        });
        save_sheet(explorer, &[&explorer.query.get_untracked()], &sheet, json);
    };
    let head = columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let key = c.key;
            let sorted = move || sorted_by() == i;
            view! {
                <th scope="col" class=format!("col-{key}") aria-sort=move || if sorted() { "descending" } else { "none" }>
                    <button
                        type="button"
                        class="th-sort"
                        title=c.help
                        on:click=move |_| explorer.set_analysis(|a| a.measure = Some(key.to_string()))
                    >
                        {c.label}
                        <Show when=sorted>
                            <span aria-hidden="true">" ▼"</span>
                        </Show>
                    </button>
                </th>
            }
        })
        .collect_view();
    let body = move || {
        let limit = explorer.limit();
        rows.with(|rows| {
            ordered.with(|order| {
                order
                    .iter()
                    .take(limit)
                    .map(|&i| {
                        let row = &rows[i];
                        let cells = columns
                            .iter()
                            .zip(row)
                            .map(|(c, cell)| {
                                let text = cell.show(c.kind);
                                if c.kind == Kind::Word {
                                    // Counting stems, a word opens the concordance of all its forms.
                                    let stems = explorer.analysis.with_untracked(|a| a.stems) && !text.contains(' ');
                                    let q = if stems { text.clone() } else { link(&text) };
                                    view! {
                                        <th scope="row" class="word">
                                            <button type="button" class="link" title="See every occurrence in context" on:click=move |_| explorer.concordance_of(q.clone())>
                                                {text}
                                            </button>
                                        </th>
                                    }
                                    .into_any()
                                } else {
                                    view! { <td class=format!("num col-{}", c.key)>{text}</td> }.into_any()
                                }
                            })
                            .collect_view();
                        view! { <tr>{cells}</tr> }
                    })
                    .collect_view()
            })
        })
    };
    let total = move || rows.with(Vec::len);
    view! {
        <div class="table-tools">
            <button type="button" on:click=move |_| download(false)>"Download CSV"</button>
            <button type="button" on:click=move |_| download(true)>"Download JSON"</button>
        </div>
        <div class="table-scroll">
            <table id=id class="analysis" aria-label=name>
                <thead>
                    <tr>{head}</tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        <Show when=move || { total() > explorer.limit() }>
            <button type="button" class="more" on:click=move |_| explorer.show_more()>
                {move || format!("Show more ({} not shown)", count((total() - explorer.limit()) as u64))}
            </button>
        </Show>
        <details class="formulas">
            <summary>"How the columns are computed"</summary>
            <dl>
                {columns.iter().map(|c| view! { <dt>{c.label}</dt><dd>{c.help}</dd> }).collect_view()}
            </dl>
            <p>"Sources and worked examples: docs/STATISTICS.md in the explorer's repository."</p>
        </details>
    }
}
