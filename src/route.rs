//! View state ⇄ URL query string (contract: `q`, `doc`, `view`, …), and the
//! browser history. The only module that knows the address format. Reading
//! is total: malformed percent escapes, empty or repeated parameters and
//! unknown keys are read leniently (`form_urlencoded`), never fatal.

use engine::explore::collocates::MAX_WINDOW;
use engine::explore::concordance::Sort;
use engine::explore::ngrams::{DEFAULT_N, MAX_N, MIN_N};
use engine::explore::trends::MAX_TERMS;
use engine::facets::{Filters, Order};
use engine::index::FacetTable;

/// What the results pane shows for the search (`view=`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum View {
    /// The ranked list of documents.
    #[default]
    Results,
    /// Figures about the matching documents: the corpus dashboard.
    Overview,
    /// Every match in its context, one line each (keyword in context).
    Kwic,
    /// The words around the matches, with association measures.
    Collocates,
    /// What the documents shown say more (or less) than the rest.
    Keyness,
    /// Recurring sequences of words.
    Ngrams,
    /// Relative frequency of a few queries over the years.
    Trends,
    /// The person's notes and highlights, by document.
    Notes,
}

impl View {
    pub const ALL: [View; 8] = [View::Results, View::Kwic, View::Overview, View::Collocates, View::Keyness, View::Ngrams, View::Trends, View::Notes];

    pub fn param(self) -> &'static str {
        match self {
            View::Results => "results",
            View::Overview => "overview",
            View::Kwic => "kwic",
            View::Collocates => "collocates",
            View::Keyness => "keyness",
            View::Ngrams => "ngrams",
            View::Trends => "trends",
            View::Notes => "notes",
        }
    }

    pub fn from_param(p: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.param() == p)
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Results => "Results",
            View::Overview => "Overview",
            View::Kwic => "Concordance",
            View::Collocates => "Collocates",
            View::Keyness => "Keywords",
            View::Ngrams => "N-grams",
            View::Trends => "Trends",
            View::Notes => "Notes",
        }
    }

    /// The columns a table of this view can be ordered by (`measure=`), the default first.
    pub fn measures(self) -> &'static [&'static str] {
        match self {
            View::Collocates => &["ll", "mi", "t", "dice", "together", "frequency", "word"],
            View::Keyness => &["ll", "ratio", "diff", "target", "reference", "documents", "word"],
            View::Ngrams => &["frequency", "documents", "ngram"],
            _ => &[],
        }
    }
}

/// The settings of the analysis views; absent ones read as their defaults,
/// so the address holds only what the person changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Analysis {
    /// `window=L,R`: collocate window, words left and right.
    pub window: Option<(u32, u32)>,
    /// `min=`: least count for a row (collocates, keywords, n-grams).
    pub min: Option<u32>,
    /// `measure=`: the column the table is ordered by (one of `View::measures`).
    pub measure: Option<String>,
    /// `ref=`: a query whose documents are the keyword reference (else the rest of the corpus).
    pub reference: String,
    /// `n=`: n-gram length, 2 to 5.
    pub n: Option<usize>,
    /// `terms=a,b`: the trend lines (the query when absent), at most five.
    pub terms: Vec<String>,
    /// `p=`: significance cut-off for keywords, `0.05`, `0.01` or `0.001` (0.05 when absent).
    pub p: Option<String>,
    /// `effect=`: least absolute log ratio for a keyword.
    pub effect: Option<String>,
    /// `side=negative`: keywords the documents use less than the reference.
    pub negative: bool,
    /// `count=stems`: the forms of a word counted as one (collocates, keywords, n-grams).
    pub stems: bool,
}

impl Analysis {
    pub fn window(&self) -> (u32, u32) {
        self.window.unwrap_or(engine::explore::collocates::WINDOW)
    }

    pub fn effect(&self) -> f64 {
        self.effect.as_deref().and_then(crate::numbers::parse).unwrap_or(0.0)
    }

    /// The log-likelihood a keyword must reach, from `p`.
    pub fn critical(&self) -> (f64, &'static str) {
        let p = self.p.as_deref().unwrap_or("0.05");
        engine::explore::stats::CRITICAL.into_iter().find(|c| c.1 == p).unwrap_or(engine::explore::stats::CRITICAL[0])
    }
}

/// Everything the URL says about the view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    pub q: String,
    /// Id of the document open in the reader.
    pub doc: Option<String>,
    /// `at=START-END`: a passage of that document (code points, as the Web
    /// Annotation model counts them), marked and scrolled to: a citation's address.
    pub at: Option<(usize, usize)>,
    /// Facet filters: `source=…&author=…`, repeatable; a declared field's
    /// parameter is its name (`to=…`).
    pub filters: Filters,
    /// `sort=date|title|length` (relevance when absent).
    pub order: Order,
    /// `literal=1`: alias expansion off.
    pub literal: bool,
    /// `compare=id1,id2[,id3,id4]`: documents side by side.
    pub compare: Vec<String>,
    /// `view=overview|kwic` (the result list when absent).
    pub view: View,
    /// `kwic=left|right`: how concordance lines are ordered (text order when absent).
    pub kwic_sort: Sort,
    /// The analysis views' settings.
    pub analysis: Analysis,
}

/// Longest value kept from the URL; beyond it a value is cut, with a notice.
pub const MAX_VALUE: usize = 2_000;

/// Reads a query string (`?a=b&c=d` or without the `?`). The notices say
/// what was ignored, for the person to see. `facets` names the corpus's
/// facet parameters (its declared fields besides the built-in ones).
pub fn parse(search: &str, facets: &FacetTable) -> (ViewState, Vec<String>) {
    let mut state = ViewState::default();
    let mut notices = Vec::new();
    for (key, value) in form_urlencoded::parse(search.trim_start_matches('?').as_bytes()) {
        let mut value = value.into_owned();
        if value.chars().count() > MAX_VALUE {
            value = value.chars().take(MAX_VALUE).collect();
            notices.push(format!("The address's `{key}` was too long and was cut to {MAX_VALUE} characters."));
        }
        match key.as_ref() {
            // The first of a repeated parameter wins, as in a bookmark typed by hand.
            "q" if state.q.is_empty() => state.q = value,
            "doc" if state.doc.is_none() && !value.is_empty() => state.doc = Some(value),
            "at" => match value.split_once('-').map(|(a, b)| (a.trim().parse::<usize>(), b.trim().parse::<usize>())) {
                Some((Ok(a), Ok(b))) if a < b => state.at = Some((a, b)),
                _ => notices.push(format!("The address asks for a passage “{value}”; it takes two character offsets, START-END (e.g. 120-131).")),
            },
            "sort" => match Order::from_param(&value) {
                Some(o) => state.order = o,
                None => notices.push(format!("The address asks to sort by “{value}”, which is not an order here; sorted by relevance.")),
            },
            "literal" => state.literal = value == "1",
            "view" => match View::from_param(&value) {
                Some(v) => state.view = v,
                None => notices.push(format!("The address asks for a view “{value}”, which is not one here; showing the results.")),
            },
            "kwic" => match Sort::from_param(&value) {
                Some(s) => state.kwic_sort = s,
                None => notices.push(format!("The address asks to order the concordance by “{value}”, which is not an order here.")),
            },
            "window" => match value.split_once(',').map(|(l, r)| (l.trim().parse::<u32>(), r.trim().parse::<u32>())) {
                Some((Ok(l), Ok(r))) if l <= MAX_WINDOW && r <= MAX_WINDOW && l + r > 0 => state.analysis.window = Some((l, r)),
                _ => notices.push(format!("The address asks for a collocate window “{value}”; it takes two numbers of words from 0 to {MAX_WINDOW}, left and right (e.g. 5,5). Using 5,5.")),
            },
            "min" => match value.parse::<u32>() {
                Ok(n) if n >= 1 => state.analysis.min = Some(n),
                _ => notices.push(format!("The address asks for a least count “{value}”, which is not a whole number from 1; the default is used.")),
            },
            "measure" => state.analysis.measure = Some(value),
            "ref" if state.analysis.reference.is_empty() => state.analysis.reference = value,
            "n" => match value.parse::<usize>() {
                Ok(n) if (MIN_N..=MAX_N).contains(&n) => state.analysis.n = Some(n),
                _ => notices.push(format!("The address asks for {value}-grams; n-grams are {MIN_N} to {MAX_N} words long. Showing {DEFAULT_N}-grams.")),
            },
            "terms" if state.analysis.terms.is_empty() => {
                let mut terms: Vec<String> = value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect();
                if terms.len() > MAX_TERMS {
                    notices.push(format!("The address asks for {} trend lines; the first {MAX_TERMS} are shown.", terms.len()));
                    terms.truncate(MAX_TERMS);
                }
                state.analysis.terms = terms;
            }
            "p" => match engine::explore::stats::CRITICAL.iter().find(|c| c.1 == value) {
                Some(_) => state.analysis.p = Some(value),
                None => notices.push(format!("The address asks for a significance level “{value}”; it takes 0.05, 0.01 or 0.001. Using 0.05.")),
            },
            "effect" => match crate::numbers::parse(&value) {
                Some(e) if e.is_finite() && e >= 0.0 => state.analysis.effect = Some(value),
                _ => notices.push(format!("The address asks for a least effect size “{value}”, which is not a number from 0; none is used.")),
            },
            "side" => state.analysis.negative = value == "negative",
            "count" => match value.as_str() {
                "stems" => state.analysis.stems = true,
                "forms" => state.analysis.stems = false,
                _ => notices.push(format!("The address asks to count “{value}”; it takes `forms` or `stems`. Counting forms.")),
            },
            "compare" if state.compare.is_empty() => {
                state.compare = value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect();
            }
            k => {
                if let Some(f) = facets.by_param(k).filter(|_| !value.is_empty()) {
                    state.filters.0.entry(f).or_default().insert(value);
                }
            }
        }
    }
    if let Some(m) = &state.analysis.measure {
        if !state.view.measures().contains(&m.as_str()) {
            if !state.view.measures().is_empty() {
                notices.push(format!("The address asks to order the table by “{m}”, which is not one of its columns ({}).", state.view.measures().join(", ")));
            }
            state.analysis.measure = None;
        }
    }
    (state, notices)
}

/// The query string for `state`, `""` for the empty state.
pub fn format(state: &ViewState, facets: &FacetTable) -> String {
    let mut parts = Vec::new();
    if !state.q.is_empty() {
        parts.push(format!("q={}", encode(&state.q)));
    }
    for (facet, values) in &state.filters.0 {
        for v in values {
            parts.push(format!("{}={}", facets.param(*facet), encode(v)));
        }
    }
    if state.order != Order::Relevance {
        parts.push(format!("sort={}", state.order.param()));
    }
    if state.literal {
        parts.push("literal=1".into());
    }
    if state.view != View::Results {
        parts.push(format!("view={}", state.view.param()));
    }
    if state.kwic_sort != Sort::Text {
        parts.push(format!("kwic={}", state.kwic_sort.param()));
    }
    let a = &state.analysis;
    if let Some((l, r)) = a.window {
        parts.push(format!("window={l},{r}"));
    }
    if let Some(n) = a.min {
        parts.push(format!("min={n}"));
    }
    if let Some(m) = &a.measure {
        parts.push(format!("measure={}", encode(m)));
    }
    if !a.reference.is_empty() {
        parts.push(format!("ref={}", encode(&a.reference)));
    }
    if let Some(n) = a.n {
        parts.push(format!("n={n}"));
    }
    if !a.terms.is_empty() {
        let terms: Vec<String> = a.terms.iter().map(|t| encode(t)).collect();
        parts.push(format!("terms={}", terms.join(",")));
    }
    if let Some(p) = &a.p {
        parts.push(format!("p={p}"));
    }
    if let Some(e) = &a.effect {
        parts.push(format!("effect={}", encode(e)));
    }
    if a.negative {
        parts.push("side=negative".into());
    }
    if a.stems {
        parts.push("count=stems".into());
    }
    if let Some(doc) = &state.doc {
        parts.push(format!("doc={}", encode(doc)));
        if let Some((a, b)) = state.at {
            parts.push(format!("at={a}-{b}"));
        }
    }
    if !state.compare.is_empty() {
        let ids: Vec<String> = state.compare.iter().map(|id| encode(id)).collect();
        parts.push(format!("compare={}", ids.join(",")));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Percent-encodes a value as forms do (spaces become `+`), keeping `/`
/// so ids with folders stay readable.
pub fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>().replace("%2F", "/")
}

/// How a change of view enters the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A new step Back returns from.
    Push,
    /// Amends the current step (keystrokes within one search).
    Replace,
}

/// The browser's current query string.
pub fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// Writes `state` to the address bar. Relative (`?…`, or the page's own path
/// for the empty state) so it works under any sub-path and from file://.
pub fn write(state: &ViewState, entry: Entry, facets: &FacetTable) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let search = format(state, facets);
    let url = if search.is_empty() { window.location().pathname().unwrap_or_default() } else { search };
    if search_equals_current(&url, &window) {
        return;
    }
    let _ = match entry {
        Entry::Push => history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
        Entry::Replace => history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
    };
}

fn search_equals_current(url: &str, window: &web_sys::Window) -> bool {
    let current = window.location().search().unwrap_or_default();
    if url.starts_with('?') {
        url == current
    } else {
        current.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::facets::Facet;
    use engine::index::Declared;

    /// The address of a corpus with the built-in facets only.
    fn parse(search: &str) -> (ViewState, Vec<String>) {
        super::parse(search, &FacetTable::default())
    }

    fn format(state: &ViewState) -> String {
        super::format(state, &FacetTable::default())
    }

    #[test]
    fn a_declared_field_is_a_parameter_of_its_own_name() {
        let facets = FacetTable::build(&[], vec![Declared { field: "to".into(), label: "Recipient".into() }]);
        let (s, n) = super::parse("?to=World+Desk&cc=x", &facets);
        assert_eq!(s.filters.selected(Facet::Field(0)).map(|v| v.iter().cloned().collect::<Vec<_>>()), Some(vec!["World Desk".to_string()]));
        assert!(n.is_empty(), "an unknown parameter is passed over: {n:?}");
        assert_eq!(super::format(&s, &facets), "?to=World+Desk");
        assert_eq!(parse("?to=World+Desk").0, ViewState::default(), "a corpus without the field has no such parameter");
    }

    #[test]
    fn round_trip() {
        let mut filters = Filters::default();
        filters.toggle(Facet::Author, "Dan Murphy");
        filters.toggle(Facet::Year, "2011");
        filters.toggle(Facet::Year, "2010");
        for state in [
            ViewState::default(),
            ViewState { q: "\"Camp Ashraf\" -Paris & more+ 100%".into(), doc: Some("linux/pci".into()), ..ViewState::default() },
            ViewState { q: "مجاهدین خلق".into(), ..ViewState::default() },
            ViewState {
                q: "x".into(),
                filters,
                order: Order::Date,
                literal: true,
                doc: None,
                at: None,
                compare: vec!["a/b".into(), "c".into()],
                view: View::Kwic,
                kwic_sort: Sort::Left,
                analysis: Analysis::default(),
            },
            ViewState { view: View::Overview, ..ViewState::default() },
            ViewState {
                q: "Ashraf".into(),
                view: View::Collocates,
                analysis: Analysis {
                    window: Some((3, 0)),
                    min: Some(4),
                    measure: Some("dice".into()),
                    reference: "author:\"Dan Murphy\"".into(),
                    n: Some(4),
                    terms: vec!["camp".into(), "\"camp ashraf\"".into()],
                    p: Some("0.001".into()),
                    effect: Some("1.5".into()),
                    negative: true,
                    stems: true,
                },
                ..ViewState::default()
            },
        ] {
            assert_eq!(parse(&format(&state)), (state.clone(), vec![]));
        }
        let state = ViewState { q: "a b".into(), doc: Some("x/y".into()), ..ViewState::default() };
        assert_eq!(format(&state), "?q=a+b&doc=x/y");
        let cited = ViewState { doc: Some("x".into()), at: Some((120, 131)), ..ViewState::default() };
        assert_eq!(format(&cited), "?doc=x&at=120-131");
        assert_eq!(parse(&format(&cited)), (cited, vec![]));
        let (s, n) = parse("?doc=x&at=9-3");
        assert_eq!((s.at, n.len()), (None, 1), "an empty or reversed passage is named and dropped");
        let (s, n) = parse("?author=Dan+Murphy&author=X&year=&sort=sideways");
        assert_eq!(s.filters.selected(Facet::Author).unwrap().len(), 2);
        assert!(s.filters.selected(Facet::Year).is_none());
        assert_eq!(n.len(), 1);
        let (s, n) = parse("?view=timeline&kwic=upward");
        assert_eq!((s.view, s.kwic_sort), (View::Results, Sort::Text));
        assert_eq!(n.len(), 2);
        assert_eq!(format(&ViewState { view: View::Results, ..ViewState::default() }), "");
    }

    #[test]
    fn analysis_settings_out_of_range_are_named_and_dropped() {
        let (s, n) = parse("?view=collocates&window=5&min=0&n=9&p=0.2&effect=-1&measure=size&terms=a,b,c,d,e,f&count=lemmas");
        assert_eq!(s.analysis, Analysis { terms: vec!["a".into(), "b".into(), "c".into(), "d".into(), "e".into()], ..Analysis::default() });
        assert_eq!(n.len(), 8, "{n:?}");
        assert!(n.iter().any(|m| m.contains("“size”") && m.contains("ll, mi")));
        let (s, _) = parse("?view=ngrams&measure=documents&window=0,7");
        assert_eq!((s.analysis.measure.as_deref(), s.analysis.window), (Some("documents"), Some((0, 7))));
        // A measure of another view's table is not kept.
        assert_eq!(parse("?view=ngrams&measure=dice").0.analysis.measure, None);
    }

    #[test]
    fn malformed_input_is_read_leniently() {
        assert_eq!(parse("?q=%ZZ%&doc=").0, ViewState { q: "%ZZ%".into(), ..ViewState::default() });
        assert_eq!(parse("?q=%E2%82").0.q, "\u{FFFD}");
        assert_eq!(parse("q=first&q=second&&=x&unknown=1").0.q, "first");
        assert_eq!(parse("?doc&q").0, ViewState::default());
        let (state, notices) = parse(&format!("?q={}", "a".repeat(10_000)));
        assert_eq!(state.q.len(), MAX_VALUE);
        assert_eq!(notices.len(), 1);
    }
}
