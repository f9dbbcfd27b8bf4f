//! The page's state: what the person asked for (signals), what follows from
//! it (memos: the search's question and its answer from `backend`, the list,
//! facet counts, concordance, marks of the open document, the address) and
//! the intents that change it. No view
//! code: components read this through context and call intents; the DOM
//! follows these signals, never the reverse.
//!
//! Paging, the list cursor and the reader's current match are *keyed*: each
//! remembers which list or document it belongs to, and reads as its default
//! once the query, filters or document change. Nothing has to reset them.

use std::ops::Range;

use leptos::prelude::*;

use engine::explore::collocates::{self, collocates, Collocates};
use engine::explore::concordance::{concordance, Concordance, Sort};
use engine::explore::dispersion::{dispersion, Dispersion};
use engine::explore::forward::Counting;
use engine::explore::keyness::{self, keyness, Keyness};
use engine::explore::ngrams::{self, ngrams, Ngrams};
use engine::explore::trends::{trends, Trends};
use engine::facets::{self, Facet, Filters, Order};
use engine::query::{search_with, Hit, Options};
use engine::service::{Answer, Question, SNIPPET_WORDS};
use engine::snippet::highlights;
use engine::snippet::Snippet;

use crate::backend::Backend;
use crate::corpus::Corpus;
use crate::route::{self, Analysis, View, ViewState};

mod history;
mod navigation;

/// Most documents side by side.
pub const MAX_COMPARE: usize = 4;
/// Concordance lines built and ordered at most; the count still says how many there are.
pub const KWIC_LIMIT: usize = 5_000;

/// Items a list renders at first and per "Show more": every rendered hit
/// costs a snippet and its DOM on each keystroke; concordance lines are lighter.
pub fn page_size(view: View) -> usize {
    match view {
        View::Kwic | View::Collocates | View::Keyness | View::Ngrams => 100,
        _ => 20,
    }
}

/// Per facet, its values with their counts, in the facet's order.
pub type FacetCounts = facets::Counts<'static>;

/// Where keyboard focus is asked to go; the page moves it there after the
/// next render (`app.rs`), by element id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Search,
    Reader,
    /// A result's title link, by document.
    Hit(u32),
    /// A concordance line's link, by its place in the list.
    Line(usize),
    /// A dispersion tick: its row and its number in the row.
    Tick(usize, usize),
}

impl Focus {
    pub fn dom_id(self) -> String {
        match self {
            Focus::Search => "search".into(),
            Focus::Reader => "reader".into(),
            Focus::Hit(doc) => format!("hit-{doc}"),
            Focus::Line(i) => format!("kwic-{i}"),
            Focus::Tick(row, k) => format!("tick-{row}-{k}"),
        }
    }
}

/// The question a state asks of search: its query, alias expansion,
/// filters and order, with snippets for the hits a new list draws in its
/// first frame (the others are cut as their places are drawn,
/// `Explorer::snippet`). The `question` memo asks it of the signals; the
/// page's start asks it of the address, to fetch what the first answer
/// needs before the app is drawn (`Files::ahead`).
pub fn question_of(query: String, literal: bool, filters: Filters, order: Order, view: View) -> Question {
    Question { query, literal, filters, order, snippets: if view == View::Results { navigation::first_drawn(View::Results) } else { 0 } }
}

/// The state shared by the page's components, and its intents.
#[derive(Clone, Copy)]
pub struct Explorer {
    pub corpus: Corpus,
    /// What answers the list's questions.
    backend: Backend,
    pub query: RwSignal<String>,
    /// Number of the document open in the reader.
    pub open: RwSignal<Option<u32>>,
    pub filters: RwSignal<Filters>,
    pub order: RwSignal<Order>,
    /// Alias expansion off.
    pub literal: RwSignal<bool>,
    /// Documents side by side (2 to 4), in column order.
    pub compare: RwSignal<Vec<u32>>,
    /// Hits ticked for comparison in the result list.
    pub picks: RwSignal<Vec<u32>>,
    /// What the results pane shows: list, concordance or overview.
    pub view: RwSignal<View>,
    pub kwic_sort: RwSignal<Sort>,
    /// The analysis views' settings (window, least count, order, reference, …).
    pub analysis: RwSignal<Analysis>,
    /// What was wrong with the address the page was opened with.
    pub url_notices: RwSignal<Vec<String>>,
    /// Where focus should go next (a request the page carries out).
    pub focus: RwSignal<Option<Focus>>,
    /// The person's highlights, notes and tags.
    pub notes: crate::notes::Notes,
    /// A cited passage (`at=`): its document and its code point range, marked
    /// while that document is open.
    pub cited: RwSignal<Option<(u32, usize, usize)>>,

    /// What the page asks the search (`backend`): query, filters, order,
    /// how many snippets.
    pub question: Memo<Question>,
    /// Its answer: everything the list, its count, the facet panel, the
    /// warnings and "Did you mean" show, and the plan of what to mark.
    pub answer: Memo<Answer>,
    /// What the list shows: results that pass the filters, in the chosen order.
    pub shown: Memo<Vec<Hit>>,
    pub facet_counts: Memo<FacetCounts>,
    /// Every match in the shown documents (computed only while read).
    pub concordance: Memo<Concordance>,
    /// The analyses of the shown documents; each is computed only while a view reads it.
    pub collocates: Memo<Collocates>,
    pub keyness: Memo<Keyness>,
    pub ngrams: Memo<Ngrams>,
    /// Whether the texts of every shown document are here (n-grams stop at
    /// sentence ends, read from them); reading it asks for the missing ones.
    pub shown_texts: Memo<bool>,
    pub dispersion: Memo<Dispersion>,
    /// The trend lines: their labels and counts.
    pub trends: Memo<(Vec<String>, Trends)>,
    /// Matches in the open document's text, as byte ranges.
    pub marks: Memo<Vec<Range<usize>>>,
    /// The state as the address bar holds it.
    pub address: Memo<ViewState>,

    /// Identity of the list on screen: paging and the cursor belong to it.
    list_key: Memo<u64>,
    /// The list whose whole page is drawn (see `drawn`).
    drawn_key: RwSignal<u64>,
    /// How many of the result list's places the window shows, at least in
    /// part, as the list's observer last said (0 until it has): what a new
    /// list draws in its first frame (`first_screen`).
    pub screenful: RwSignal<usize>,
    /// The list whose facet counts are shown (see `counted`).
    counted_key: RwSignal<u64>,
    /// Identity of the open document's marks: the current match belongs to it.
    marks_key: Memo<u64>,
    /// Extra pages shown, for `list_key`.
    pages: RwSignal<(u64, usize)>,
    /// The list item the keyboard is on, for `list_key`.
    cursor: RwSignal<(u64, Option<usize>)>,
    /// The reader's current match, for `marks_key`.
    current: RwSignal<(u64, usize)>,
    /// Where focus returns when the reader closes.
    came_from: StoredValue<Option<Focus>>,
    /// How the state reaches the address bar and its Back steps.
    history: history::History,
}

/// A key for a list or a document's marks: FNV-1a over the state that
/// defines them (a collision would only keep a page or a cursor too long).
fn key_of(value: impl std::hash::Hash) -> u64 {
    struct Fnv(u64);
    impl std::hash::Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    value.hash(&mut h);
    std::hash::Hasher::finish(&h)
}

impl Explorer {
    /// The state the address describes, and the effect that keeps the address
    /// in step with it. Call inside the app's reactive owner.
    pub fn new(corpus: Corpus) -> Self {
        let index = corpus.index;
        let query = RwSignal::new(String::new());
        let literal = RwSignal::new(false);
        let filters = RwSignal::new(Filters::default());
        let order = RwSignal::new(Order::Relevance);
        let open = RwSignal::new(None::<u32>);
        let compare = RwSignal::new(Vec::new());
        let view = RwSignal::new(View::Results);
        let kwic_sort = RwSignal::new(Sort::Text);
        let notes = crate::notes::Notes::new(index, corpus.files);
        let tags = notes.tag_column;
        let analysis = RwSignal::new(Analysis::default());
        let list_key = Memo::new(move |_| {
            query.with(|q| {
                filters.with(|f| analysis.with(|a| key_of((q, literal.get(), f, order.get().param(), view.get().param(), kwic_sort.get().param(), a))))
            })
        });
        let pages = RwSignal::new((0, 0));
        let question = Memo::new(move |_| question_of(query.get(), literal.get(), filters.get(), order.get(), view.get()));
        let backend = Backend::Embedded(corpus);
        // An answer that lacks fragments of a sharded index (on their way)
        // leaves the last whole one on screen; the first is shown as it is.
        let answer = Memo::new(move |last: Option<&Answer>| {
            let a = question.with(|q| tags.with(|t| backend.ask(q, t)));
            match last {
                Some(last) if !a.fragments.is_empty() => last.clone(),
                _ => a,
            }
        });
        let shown = Memo::new(move |_| answer.with(|a| a.hits.clone()));
        // Counted when the facet panel reads them (`Explorer::counted`: a frame after the list).
        let facet_counts = Memo::new(move |_| answer.with(|a| tags.with(|t| backend.counts(a, t))));
        let concordance = Memo::new(move |_| {
            let docs: Vec<u32> = shown.with(|hits| hits.iter().map(|h| h.doc).collect());
            let sort = kwic_sort.get();
            answer.with(|a| {
                // In text order, lines are cut from their texts as they are drawn. Ordered by
                // their context, every listed line's words are read first: in text order until
                // those texts have come.
                let listed = concordance(index, &docs, &a.plan, KWIC_LIMIT, Sort::Text);
                if sort == Sort::Text {
                    return listed;
                }
                let mut of: Vec<u32> = listed.places.iter().map(|p| p.doc).collect();
                of.dedup();
                if corpus.files.ready(&of) {
                    concordance(index, &docs, &a.plan, KWIC_LIMIT, sort)
                } else {
                    listed
                }
            })
        });
        // Forms apart, or the forms of a stem together (the classes are made once, when first asked).
        let counting = move |stems: bool| if stems { Counting::Stems(corpus.forward().stems(index)) } else { Counting::Forms };
        let collocates = Memo::new(move |_| {
            let docs: Vec<u32> = shown.with(|hits| hits.iter().map(|h| h.doc).collect());
            let (window, min) = analysis.with(|a| (a.window(), a.min.unwrap_or(collocates::MIN)));
            answer.with(|r| collocates(index, corpus.forward(), counting(analysis.with(|a| a.stems)), &docs, &r.plan, window, min))
        });
        let keyness = Memo::new(move |_| {
            let target: Vec<u32> = shown.with(|hits| hits.iter().map(|h| h.doc).collect());
            let mut inside = vec![false; index.len()];
            for &d in &target {
                inside[d as usize] = true;
            }
            let reference: Vec<u32> = analysis.with(|a| {
                if a.reference.trim().is_empty() {
                    (0..index.len() as u32).filter(|&d| !inside[d as usize]).collect()
                } else {
                    let options = Options { aliases: !literal.get(), ..Options::default() };
                    search_with(index, &a.reference, options).hits.iter().map(|h| h.doc).filter(|&d| !inside[d as usize]).collect()
                }
            });
            let min = analysis.with(|a| a.min.unwrap_or(keyness::MIN));
            keyness(index, corpus.forward(), counting(analysis.with(|a| a.stems)), &target, &reference, min)
        });
        let shown_texts = Memo::new(move |_| shown.with(|hits| corpus.files.ready(&hits.iter().map(|h| h.doc).collect::<Vec<_>>())));
        let ngrams = Memo::new(move |_| {
            // A run never crosses a sentence end, read from the texts: counted once they have come.
            if !shown_texts.get() {
                return Ngrams::default();
            }
            let docs: Vec<u32> = shown.with(|hits| hits.iter().map(|h| h.doc).collect());
            let (n, min) = analysis.with(|a| (a.n.unwrap_or(ngrams::DEFAULT_N), a.min.unwrap_or(ngrams::MIN)));
            answer.with(|r| ngrams(index, corpus.forward(), counting(analysis.with(|a| a.stems)), &docs, &r.plan, n, min))
        });
        let dispersion = Memo::new(move |_| {
            let docs: Vec<u32> = shown.with(|hits| hits.iter().map(|h| h.doc).collect());
            answer.with(|r| dispersion(index, &docs, &r.plan))
        });
        // Its terms' own searches: over a sharded index, once their fragments are here (the
        // last lines stay meanwhile).
        let trends = Memo::new(move |last: Option<&(Vec<String>, Trends)>| {
            let docs: Vec<u32> = shown.with(|hits| hits.iter().map(|h| h.doc).collect());
            let options = Options { aliases: !literal.get(), ..Options::default() };
            let labels: Vec<String> = analysis.with(|a| a.terms.clone());
            let labels = if labels.is_empty() { query.with(|q| if q.trim().is_empty() { vec![] } else { vec![q.trim().to_string()] }) } else { labels };
            match corpus.files.read_whole(|| labels.iter().map(|t| search_with(index, t, options).plan).collect::<Vec<_>>()) {
                Some(plans) => (labels, trends(index, &docs, &plans)),
                None => last.cloned().unwrap_or_default(),
            }
        });
        let marks = Memo::new(move |_| {
            open.get().filter(|&doc| corpus.text(doc).is_some()).map(|doc| answer.with(|r| highlights(index, doc, &r.plan))).unwrap_or_default()
        });
        let cited = RwSignal::new(None::<(u32, usize, usize)>);
        let address = Memo::new(move |_| ViewState {
            q: query.get(),
            doc: open.get().map(|n| index.docs[n as usize].id.to_string()),
            at: cited.get().filter(|c| open.get() == Some(c.0)).map(|c| (c.1, c.2)),
            filters: filters.get(),
            order: order.get(),
            literal: literal.get(),
            compare: compare.with(|c| c.iter().map(|&n| index.docs[n as usize].id.to_string()).collect()),
            view: view.get(),
            kwic_sort: kwic_sort.get(),
            analysis: analysis.get(),
        });
        let marks_key = Memo::new(move |_| query.with(|q| key_of((q, literal.get(), open.get()))));
        let explorer = Explorer {
            corpus,
            backend,
            query,
            open,
            filters,
            order,
            literal,
            compare,
            picks: RwSignal::new(Vec::new()),
            view,
            kwic_sort,
            analysis,
            url_notices: RwSignal::new(Vec::new()),
            focus: RwSignal::new(None),
            notes,
            cited,
            question,
            answer,
            shown,
            facet_counts,
            concordance,
            collocates,
            keyness,
            ngrams,
            shown_texts,
            dispersion,
            trends,
            marks,
            address,
            list_key,
            drawn_key: RwSignal::new(0),
            screenful: RwSignal::new(0),
            counted_key: RwSignal::new(0),
            marks_key,
            pages,
            cursor: RwSignal::new((0, None)),
            current: RwSignal::new((0, 0)),
            came_from: StoredValue::new(None),
            history: history::History::new(corpus.index.facets()),
        };
        explorer.load_location();
        Effect::new(move |_| explorer.draw_rest_later());
        // The address follows the state (rules in `history`).
        Effect::new(move |_| explorer.history.follow(address.get()));
        explorer
    }

    /// Reads the address bar into the state (start-up, Back and Forward).
    pub fn load_location(&self) {
        let index = self.corpus.index;
        let (state, mut notices) = route::parse(&route::location_search(), index.facets());
        let open = state.doc.as_ref().and_then(|id| {
            let n = index.doc_by_id(id);
            if n.is_none() {
                notices.push(format!("There is no document “{id}” in this corpus; showing the search instead."));
            }
            n
        });
        let mut compare: Vec<u32> = Vec::new();
        for id in &state.compare {
            match index.doc_by_id(id) {
                Some(n) if !compare.contains(&n) => compare.push(n),
                Some(_) => {}
                None => notices.push(format!("There is no document “{id}” to compare; it was left out.")),
            }
        }
        if compare.len() > MAX_COMPARE {
            notices.push(format!("At most {MAX_COMPARE} documents can be compared; the first {MAX_COMPARE} are shown."));
            compare.truncate(MAX_COMPARE);
        }
        if compare.len() == 1 {
            notices.push("Comparing needs two documents or more.".into());
            compare.clear();
        }
        self.compare.set(compare);
        self.query.set(state.q);
        self.filters.set(state.filters);
        self.order.set(state.order);
        self.literal.set(state.literal);
        self.view.set(state.view);
        self.kwic_sort.set(state.kwic_sort);
        self.analysis.set(state.analysis);
        self.open.set(open);
        self.cited.set(open.zip(state.at).map(|(doc, (a, b))| (doc, a, b)));
        self.url_notices.set(notices);
        // What the address says is what the page shows: nothing to write back.
        self.history.loaded(self.address.get_untracked());
    }

    /// The documents the list shows, in its order (tracked): what the
    /// overview is taken over.
    pub fn shown_docs(&self) -> Vec<u32> {
        self.shown.with(|hits| hits.iter().map(|h| h.doc).collect())
    }

    /// The state as a link, with another document open (for hit links).
    /// Untracked: a list re-renders when its hits change, not when a
    /// document opens (the link's target is read when it is drawn).
    pub fn href_for(&self, doc: u32) -> String {
        let id = self.corpus.index.docs[doc as usize].id.to_string();
        self.address.with_untracked(|s| route::format(&ViewState { doc: Some(id), ..s.clone() }, self.corpus.index.facets()))
    }

    /// The address bar's address, with another view (for the view
    /// switcher; tracked). It follows the address, not the state: typing
    /// reaches the address once it pauses (`history`), and a plain click
    /// on the link sets the view of the state as it is.
    pub fn href_for_view(&self, view: View) -> String {
        self.history.said.with(|s| route::format(&ViewState { view, ..s.clone() }, self.corpus.index.facets()))
    }

    /// The state as a link, with another query (for suggestions).
    pub fn href_for_query(&self, q: &str) -> String {
        self.address.with(|s| route::format(&ViewState { q: q.to_string(), ..s.clone() }, self.corpus.index.facets()))
    }

    /// Whether the person is typing (tracked): the query has changed since
    /// the address last said it, which typing reaches once it pauses
    /// (`history`).
    pub fn typing(&self) -> bool {
        self.history.said.with(|s| self.query.with(|q| s.q != *q))
    }

    /// Whether the answer on screen is a sharded index's first, waiting for
    /// its fragments (tracked): nothing found yet, so a view says
    /// "Searching…", not "0 documents". Later searches keep the last whole
    /// answer on screen meanwhile, so this is false for them.
    pub fn searching(&self) -> bool {
        self.answer.with(|a| !a.fragments.is_empty())
    }

    /// The snippet of hit `doc` (tracked): the answer's, for the hits a new
    /// list draws in its first frame; for the others, and for a hit whose
    /// text was on its way when the answer came (`waiting`), cut from the
    /// answer's plan when its place is drawn, once its text is here. Its
    /// text is asked for now if its place is `on_screen`; else once no
    /// file is on its way ([`crate::files::Files::text_when_idle`]), so the
    /// texts the screen shows travel first and alone (a desktop window
    /// shows about 5 of the 8 hits a new list draws first, a phone 2).
    /// Only that hit is drawn again when it comes: the search is not run
    /// again. (Cutting all 20 in the keystroke's answer was more than half
    /// of its engine time on the Linux docs.)
    pub fn snippet(&self, doc: u32, on_screen: bool) -> Option<Snippet> {
        let corpus = self.corpus;
        let cut = |a: &Answer, _: engine::index::TextRef| engine::snippet::snippet(corpus.index, doc, &a.plan, SNIPPET_WORDS);
        self.answer.with(|a| match a.snippet(doc) {
            Some(s) => Some(s.clone()),
            None if on_screen => corpus.text(doc).and_then(|t| cut(a, t)),
            None => corpus.files.text_when_idle(doc).and_then(|t| cut(a, t)),
        })
    }

    /// The answer to the list's question changed by `change` (untracked),
    /// once the fragments its lists are in and the texts its snippets need
    /// have come: e.g. the whole list with snippets, for a download. A file
    /// that fails is said.
    pub async fn ask_with_texts(&self, change: impl FnOnce(&mut Question)) -> Result<Answer, String> {
        let mut question = self.question.get_untracked();
        change(&mut question);
        let tags = self.notes.tag_column.get_untracked();
        self.backend.ask_whole(&question, &tags).await
    }

    /// Intent: the search box changed.
    pub fn set_query(&self, text: String) {
        self.query.set(text);
    }

    /// Intent: the person rested on the query (Enter, or left the box): it
    /// becomes its own Back step (see `history`).
    pub fn rest(&self) {
        self.history.rest();
    }

    /// Intent: open a document in the reader, from the list.
    pub fn open_doc(&self, doc: u32) {
        self.came_from.set_value(Some(Focus::Hit(doc)));
        self.open.set(Some(doc));
        self.focus.set(Some(Focus::Reader));
    }

    /// Intent: open a document at the match that starts at byte `at`, from
    /// concordance line `line`.
    pub fn open_at(&self, doc: u32, at: usize, line: usize) {
        self.came_from.set_value(Some(Focus::Line(line)));
        self.open.set(Some(doc));
        let i = self.marks.with_untracked(|m| m.iter().position(|r| r.end > at).unwrap_or(0));
        self.current.set((self.marks_key.get_untracked(), i));
        self.focus.set(Some(Focus::Reader));
    }

    /// Intent: close the reader; focus goes back to where it was opened from.
    pub fn close_doc(&self) {
        if self.open.get_untracked().is_none() {
            return;
        }
        self.open.set(None);
        self.focus.set(Some(self.came_from.get_value().unwrap_or(Focus::Search)));
    }

    /// Intent: show these documents side by side (2 to 4), or close the view with none.
    pub fn set_compare(&self, docs: Vec<u32>) {
        let docs = if docs.len() >= 2 { docs.into_iter().take(MAX_COMPARE).collect() } else { Vec::new() };
        self.compare.set(docs);
    }

    /// Intent: tick or untick a hit for comparison.
    pub fn toggle_pick(&self, doc: u32) {
        self.picks.update(|p| {
            if let Some(i) = p.iter().position(|&d| d == doc) {
                p.remove(i);
            } else if p.len() < MAX_COMPARE {
                p.push(doc);
            }
        });
    }

    /// Intent: tick or untick a facet value.
    pub fn toggle_filter(&self, facet: Facet, value: String) {
        self.filters.update(|f| f.toggle(facet, &value));
    }

    /// Intent: remove every filter.
    pub fn clear_filters(&self) {
        self.filters.set(Filters::default());
    }

    pub fn set_order(&self, order: Order) {
        self.order.set(order);
    }

    /// Intent: show the results as a list, a concordance or an overview.
    pub fn set_view(&self, view: View) {
        self.view.set(view);
    }

    pub fn set_kwic_sort(&self, sort: Sort) {
        self.kwic_sort.set(sort);
    }

    /// Intent: look at one word across the corpus (from the overview): its concordance.
    pub fn concordance_of(&self, word: String) {
        self.query.set(word);
        self.view.set(View::Kwic);
    }

    /// Intent: change a setting of the analysis views.
    pub fn set_analysis(&self, change: impl FnOnce(&mut Analysis)) {
        self.analysis.update(change);
    }

    /// Intent: open the reader at the match that starts at token `pos` of
    /// `doc` (a dispersion tick); focus returns to the tick.
    pub fn open_at_token(&self, doc: u32, pos: u32, tick: Focus) {
        let at = self.corpus.index.token_bounds(doc, pos..pos + 1).first().map_or(0, |b| b.0);
        self.came_from.set_value(Some(tick));
        self.open.set(Some(doc));
        let i = self.marks.with_untracked(|m| m.iter().position(|r| r.end > at).unwrap_or(0));
        self.current.set((self.marks_key.get_untracked(), i));
        self.focus.set(Some(Focus::Reader));
    }

    /// Intent: search spellings literally (alias expansion off) or not.
    pub fn set_literal(&self, literal: bool) {
        self.literal.set(literal);
    }
}
