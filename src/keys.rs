//! Keyboard: `/` focuses the search box; arrows move through the hits;
//! in the reader `n`/`p` (or Enter/Shift+Enter) step through matches and Esc closes.

use wasm_bindgen::JsCast;

/// True when the key went to a field where it types text.
pub fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || el.has_attribute("contenteditable"))
}

/// The links of whichever list is on screen: result titles or concordance lines.
const LIST_LINKS: &str = "#results a.hit-title, #kwic a.kwic-open";

/// Arrow keys on a list link: the next or previous one; up from the first
/// goes back to the search box.
pub fn list_keydown(ev: web_sys::KeyboardEvent) {
    match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            move_through_hits(1);
        }
        "ArrowUp" => {
            ev.prevent_default();
            if !move_through_hits(-1) {
                focus_by_id("search");
            }
        }
        _ => {}
    }
}

/// Moves focus `step` hits from the focused one (or to the first with +1 from
/// elsewhere). Returns false when there is nowhere to go, so the caller can
/// hand focus back to the search box.
pub fn move_through_hits(step: i32) -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return false };
    let Ok(links) = document.query_selector_all(LIST_LINKS) else { return false };
    let active = document.active_element();
    let len = links.length() as i32;
    let current = (0..len).find(|&i| {
        let node = links.item(i as u32);
        node.is_some() && active.as_ref().map(|a| a.unchecked_ref::<web_sys::Node>()) == node.as_ref()
    });
    let next = match current {
        Some(i) => i + step,
        None if step > 0 => 0,
        None => return false,
    };
    if next < 0 || next >= len {
        return false;
    }
    links
        .item(next as u32)
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|el| el.focus().is_ok())
        .unwrap_or(false)
}

pub fn focus_by_id(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        // Focus without scrolling the page: the reader scrolls itself.
        let opts = web_sys::FocusOptions::new();
        opts.set_prevent_scroll(true);
        let _ = el.focus_with_options(&opts);
    }
}
