//! Keyboard and pointer helpers shared by the components: which keys move
//! through a list, whether a key was typed into a field, whether a click
//! was a plain one (a modified click opens a new tab, as links do), and
//! moving focus to an element by id without scrolling the page.

use wasm_bindgen::JsCast;

use crate::state::Explorer;

/// True when the key went to a field where it types text.
pub fn typing_in_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| match el.tag_name().as_str() {
        // A checkbox or a button takes no text: `/` still goes to the search.
        "INPUT" => !matches!(
            el.get_attribute("type").unwrap_or_default().to_ascii_lowercase().as_str(),
            "checkbox" | "radio" | "button" | "submit" | "reset" | "range" | "color" | "file" | "image"
        ),
        "TEXTAREA" | "SELECT" => true,
        _ => el.has_attribute("contenteditable"),
    })
}

/// Whether the key's target is a control Enter acts on (a link, a button,
/// a disclosure's summary, a button-like input): its own action, which a
/// view's Enter key must leave to it (the reader's "next match").
pub fn on_control(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|el| match el.tag_name().as_str() {
        "A" => el.has_attribute("href"),
        "BUTTON" | "SUMMARY" => true,
        "INPUT" => matches!(el.get_attribute("type").unwrap_or_default().to_ascii_lowercase().as_str(), "button" | "submit" | "reset" | "checkbox" | "radio"),
        _ => false,
    })
}

/// A primary-button click with no modifier: the page handles it. Any other
/// click on a link is left to the browser (new tab, new window, download).
pub fn plain_click(ev: &web_sys::MouseEvent) -> bool {
    !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0)
}

/// Arrow keys on a list item: the next or previous one; up from the first
/// goes back to the search box.
pub fn list_keydown(explorer: Explorer, ev: &web_sys::KeyboardEvent) {
    let step = match ev.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    ev.prevent_default();
    explorer.move_cursor(step);
}

/// Focuses the element with `id`, without scrolling the page (the reader
/// scrolls itself). False when there is no such element.
pub fn focus_by_id(id: &str) -> bool {
    let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    let opts = web_sys::FocusOptions::new();
    opts.set_prevent_scroll(true);
    el.focus_with_options(&opts).is_ok()
}
