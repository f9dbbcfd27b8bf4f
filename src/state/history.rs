//! The address bar as the person's history of steps. The address follows
//! the state one way (state → address, never read back except on start-up,
//! Back and Forward), by these rules, as search-as-you-type sites do:
//! - a change of the query alone is *typing*: it amends the step it started,
//!   and reaches the address once typing pauses (`SETTLE`), since every
//!   write costs the browser a same-document navigation (Chromium fetches
//!   and decodes the favicon again each time, ~5 ms a keystroke measured
//!   with `bench/keystroke.mjs`; Safari allows 100 writes per 10 s);
//! - a query the person *rested* on (idle `REST`, Enter, left the box) is
//!   its own Back step: the next keystroke starts a new one;
//! - any other change (a filter, a view, a document) is a step of its own,
//!   written at once, after the typing before it.

use std::time::Duration;

use leptos::prelude::*;

use crate::route::{self, Entry, ViewState};
use engine::index::FacetTable;

/// Pause in typing after which the address is written.
const SETTLE: Duration = Duration::from_millis(300);
/// Idle time after a keystroke that makes the query its own Back step.
const REST: Duration = Duration::from_millis(1000);

#[derive(Clone, Copy)]
pub struct History {
    /// The address last written, and whether it was written by typing that
    /// has not rested yet (the next keystroke amends it).
    written: StoredValue<(ViewState, bool)>,
    /// Typing not written yet, and the timer that writes it.
    pending: StoredValue<Option<ViewState>>,
    settle_timer: StoredValue<Option<TimeoutHandle>>,
    rest_timer: StoredValue<Option<TimeoutHandle>>,
    /// The corpus's facet parameters, for the address.
    facets: &'static FacetTable,
    /// What the address bar says now (tracked): the links that carry the
    /// state to another view follow it, not each keystroke, so typing
    /// rewrites none of them (nine `href`s a keystroke before).
    pub said: RwSignal<ViewState>,
}

impl History {
    pub fn new(facets: &'static FacetTable) -> Self {
        Self {
            facets,
            written: StoredValue::new((ViewState::default(), false)),
            pending: StoredValue::new(None),
            settle_timer: StoredValue::new(None),
            rest_timer: StoredValue::new(None),
            said: RwSignal::new(ViewState::default()),
        }
    }

    /// The address already says `state` (start-up, Back, Forward): nothing
    /// to write, nothing pending.
    pub fn loaded(self, state: ViewState) {
        cancel(self.settle_timer);
        cancel(self.rest_timer);
        self.pending.set_value(None);
        self.written.set_value((state.clone(), false));
        self.said.set(state);
    }

    /// The state changed to `state`.
    pub fn follow(self, state: ViewState) {
        let (last, _) = self.written.get_value();
        if state == last {
            cancel(self.settle_timer);
            self.pending.set_value(None);
            return;
        }
        if query_only(&last, &state) {
            self.pending.set_value(Some(state));
            cancel(self.settle_timer);
            self.settle_timer.set_value(set_timeout_with_handle(move || self.flush(), SETTLE).ok());
        } else {
            self.flush();
            self.write(state);
        }
    }

    /// Writes the typing not written yet.
    pub fn flush(self) {
        cancel(self.settle_timer);
        if let Some(state) = self.pending.get_value() {
            self.pending.set_value(None);
            self.write(state);
        }
    }

    /// The person rested on the query: it is written, and the next keystroke
    /// starts a new Back step.
    pub fn rest(self) {
        self.flush();
        cancel(self.rest_timer);
        self.written.update_value(|(_, typing)| *typing = false);
    }

    fn write(self, state: ViewState) {
        let (last, typing) = self.written.get_value();
        if state == last {
            return;
        }
        let typed = query_only(&last, &state);
        route::write(&state, if typed && typing { Entry::Replace } else { Entry::Push }, self.facets);
        self.written.set_value((state.clone(), typed));
        self.said.set(state);
        if typed {
            // Rests `REST` after the keystroke (written `SETTLE` after it)
            // without newer typing: each write restarts it.
            cancel(self.rest_timer);
            self.rest_timer.set_value(set_timeout_with_handle(move || self.rest(), REST - SETTLE).ok());
        }
    }
}

/// `state` differs from `last` in its query alone.
fn query_only(last: &ViewState, state: &ViewState) -> bool {
    ViewState { q: last.q.clone(), ..state.clone() } == *last
}

fn cancel(timer: StoredValue<Option<TimeoutHandle>>) {
    if let Some(t) = timer.get_value() {
        t.clear();
    }
    timer.set_value(None);
}
