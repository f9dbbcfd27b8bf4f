//! Moving through what is on screen: pages of the current list, the
//! keyboard's place in it, and the reader's current match. Each is keyed
//! to the list or document it belongs to (see the state's module doc).

use leptos::prelude::*;

use super::{page_size, Explorer, Focus};
use crate::route::View;

/// Items of a new list drawn in the frame that answers a keystroke: about a
/// screen (at most 8 hits, 40 concordance lines). The rest of its page is
/// drawn once that frame has been painted (`drawn`), so a keystroke costs a
/// screenful of items, not a page (on the 3,183 Linux docs a keystroke's
/// work was mostly building the 20 hits). The result list's style holds the
/// same number (`.hits[data-drawing]` in style/main.css hides the places
/// past them).
pub(super) fn first_drawn(view: View) -> usize {
    match view {
        View::Results => MOST_HITS_FIRST,
        _ => 40,
    }
}

/// Hits a new list draws in its first frame at most: a tall window's
/// screenful, and what it draws before the list has said what the window
/// shows.
const MOST_HITS_FIRST: usize = 8;

/// Hits a new list draws in its first frame when the window shows
/// `screenful` of its places, at least in part (0: not known): one more
/// than those, in case the new hits are shorter. A phone (390 × 844) shows
/// two or three of the Linux docs' hits, and eight drew five nobody saw in
/// the keystroke's frame: drawing three, a keystroke's task and layout took
/// about a quarter less (ARCHITECTURE.md, "The result list renders 20
/// hits"). A 1280 × 900 window shows six. Were the window to show more
/// than are drawn, those drawn fill it, the list says so, and the next
/// keystroke draws one more.
pub fn first_hits(screenful: usize) -> usize {
    if screenful == 0 {
        MOST_HITS_FIRST
    } else {
        (screenful + 1).clamp(2, MOST_HITS_FIRST)
    }
}

impl Explorer {
    /// How many items of the current list are drawn now (tracked): the first
    /// `first_drawn` of a new list, then, after its first frame, `limit()`.
    pub fn drawn(&self) -> usize {
        let limit = self.limit();
        if self.list_drawn() {
            limit
        } else {
            limit.min(self.first_screen())
        }
    }

    /// How many items a new list of the current view draws in its first
    /// frame. (The window's screenful is read untracked: scrolling changes
    /// it, and it matters only to the next new list.)
    pub fn first_screen(&self) -> usize {
        match self.view.get() {
            View::Results => first_hits(self.screenful.get_untracked()),
            view => first_drawn(view),
        }
    }

    /// Whether the list on screen has had its first frame (tracked).
    pub fn list_drawn(&self) -> bool {
        self.drawn_key.get() == self.list_key.get()
    }

    /// Whether the facet counts may follow the list on screen (tracked):
    /// a task after the rest of its page is drawn, so a keystroke's frame
    /// draws its first hits and a key typed meanwhile waits for one task
    /// at a time, never for all three.
    pub fn counted(&self) -> bool {
        self.counted_key.get() == self.list_key.get()
    }

    /// After the frame that shows a new list's first items: draw the rest,
    /// then, in a task of their own, the facet counts.
    pub(super) fn draw_rest_later(&self) {
        let (key, drawn_key, counted_key) = (self.list_key.get(), self.drawn_key, self.counted_key);
        request_animation_frame(move || {
            set_timeout(
                move || {
                    drawn_key.set(key);
                    set_timeout(move || counted_key.set(key), std::time::Duration::ZERO);
                },
                std::time::Duration::ZERO,
            )
        });
    }

    /// How many items of the current list are rendered (tracked).
    pub fn limit(&self) -> usize {
        limit(self.view, self.pages, self.list_key)
    }

    /// Intent: render one more page of the current list.
    pub fn show_more(&self) {
        let key = self.list_key.get_untracked();
        let (at, extra) = self.pages.get_untracked();
        self.pages.set((key, if at == key { extra + 1 } else { 1 }));
    }

    /// Items of the current list on screen.
    fn on_screen(&self) -> usize {
        let len = match self.view.get_untracked() {
            View::Results => self.shown.with_untracked(Vec::len),
            View::Kwic => self.concordance.with_untracked(|c| c.places.len()),
            _ => 0,
        };
        len.min(self.limit_untracked())
    }

    fn limit_untracked(&self) -> usize {
        untrack(|| self.limit())
    }

    /// The item at `i` of the current list, as a focus target.
    fn item(&self, i: usize) -> Option<Focus> {
        match self.view.get_untracked() {
            View::Results => self.shown.with_untracked(|h| h.get(i).map(|h| Focus::Hit(h.doc))),
            View::Kwic => Some(Focus::Line(i)),
            _ => None,
        }
    }

    /// A list item got focus (keyboard, mouse or Tab): the cursor is there.
    pub fn cursor_at(&self, i: usize) {
        self.cursor.set((self.list_key.get_untracked(), Some(i)));
    }

    /// Intent: to the first item of the list (↓ or Enter in the search box).
    pub fn enter_list(&self) -> bool {
        match (self.on_screen() > 0).then(|| self.item(0)).flatten() {
            Some(target) => {
                self.cursor_at(0);
                self.focus.set(Some(target));
                true
            }
            None => false,
        }
    }

    /// Intent: `step` items down (or up) the list; up from the first goes
    /// back to the search box.
    pub fn move_cursor(&self, step: i64) {
        let (key, at) = self.cursor.get_untracked();
        let at = at.filter(|_| key == self.list_key.get_untracked());
        let next = at.map_or(0, |i| i as i64 + step);
        if next < 0 {
            self.focus.set(Some(Focus::Search));
        } else if (next as usize) < self.on_screen() {
            if let Some(target) = self.item(next as usize) {
                self.cursor_at(next as usize);
                self.focus.set(Some(target));
            }
        }
    }

    /// The reader's current match (tracked); the first for new marks.
    pub fn current_match(&self) -> usize {
        let (key, i) = self.current.get();
        if key == self.marks_key.get() {
            i
        } else {
            0
        }
    }

    /// Intent: the next (`1`) or previous (`-1`) match, wrapping around.
    pub fn step_match(&self, by: i64) {
        let n = self.marks.with_untracked(Vec::len) as i64;
        if n > 0 {
            let i = untrack(|| self.current_match()) as i64;
            self.current.set((self.marks_key.get_untracked(), (i + by).rem_euclid(n) as usize));
        }
    }
}

/// How many items of the current list are rendered (tracked): a page, and
/// the pages "Show more" added to this list.
pub(super) fn limit(view: RwSignal<View>, pages: RwSignal<(u64, usize)>, list_key: Memo<u64>) -> usize {
    let size = page_size(view.get());
    let (key, extra) = pages.get();
    if key == list_key.get() {
        size * (1 + extra)
    } else {
        size
    }
}
