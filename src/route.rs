//! View state ⇄ URL query string (contract: `q`, `doc`, `view`, …), and the
//! browser history. The only module that knows the address format. Reading
//! is total: malformed percent escapes, empty or repeated parameters and
//! unknown keys are read leniently (`form_urlencoded`), never fatal.

use engine::explore::concordance::Sort;
use engine::facets::{Facet, Filters, Order};

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
}

impl View {
    pub const ALL: [View; 3] = [View::Results, View::Kwic, View::Overview];

    pub fn param(self) -> &'static str {
        match self {
            View::Results => "results",
            View::Overview => "overview",
            View::Kwic => "kwic",
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
        }
    }
}

/// Everything the URL says about the view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    pub q: String,
    /// Id of the document open in the reader.
    pub doc: Option<String>,
    /// Facet filters: `source=…&author=…`, repeatable.
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
}

/// Longest value kept from the URL; beyond it a value is cut, with a notice.
pub const MAX_VALUE: usize = 2_000;

/// Reads a query string (`?a=b&c=d` or without the `?`). The notices say
/// what was ignored, for the person to see.
pub fn parse(search: &str) -> (ViewState, Vec<String>) {
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
            "compare" if state.compare.is_empty() => {
                state.compare = value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect();
            }
            k => {
                if let Some(f) = Facet::from_param(k).filter(|_| !value.is_empty()) {
                    state.filters.0.entry(f).or_default().insert(value);
                }
            }
        }
    }
    (state, notices)
}

/// The query string for `state`, `""` for the empty state.
pub fn format(state: &ViewState) -> String {
    let mut parts = Vec::new();
    if !state.q.is_empty() {
        parts.push(format!("q={}", encode(&state.q)));
    }
    for (facet, values) in &state.filters.0 {
        for v in values {
            parts.push(format!("{}={}", facet.param(), encode(v)));
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
    if let Some(doc) = &state.doc {
        parts.push(format!("doc={}", encode(doc)));
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
pub fn write(state: &ViewState, entry: Entry) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let search = format(state);
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
                compare: vec!["a/b".into(), "c".into()],
                view: View::Kwic,
                kwic_sort: Sort::Left,
            },
            ViewState { view: View::Overview, ..ViewState::default() },
        ] {
            assert_eq!(parse(&format(&state)), (state.clone(), vec![]));
        }
        let state = ViewState { q: "a b".into(), doc: Some("x/y".into()), ..ViewState::default() };
        assert_eq!(format(&state), "?q=a+b&doc=x/y");
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
