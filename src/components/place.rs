//! Lists drawn by place, not by item (the result list's hits). The i-th
//! element stays while the list changes, and its own effect writes what
//! changed in the i-th row (a few DOM calls), instead of a new element
//! built for each new item and the old one dropped: a keystroke changes
//! most items of a list it narrows. One memo works out every place's row,
//! so a change wakes that memo and one effect a place, not a web of memos
//! and bindings each reading the list's signals (Leptos' graph clones its
//! sets of sources and subscribers along every path a change takes: that
//! bookkeeping, not the DOM, was most of a keystroke's script;
//! ARCHITECTURE.md has the figures). The facet groups' values are drawn by
//! place too, each row a memo of its own: one effect a row was no faster
//! there.

use leptos::prelude::*;
use leptos::tachys::html::element::ElementType;
use leptos::tachys::html::node_ref::NodeRefContainer;
use wasm_bindgen::JsCast;

/// A node reference that draws its place as soon as its element is built:
/// put on a place's last element, the place's other elements are built
/// already (children are built in order), and the place is drawn before it
/// is on screen, never shown empty for a moment (an effect would run a
/// moment later).
pub struct DrawOnLoad<E: ElementType, F> {
    pub node: NodeRef<E>,
    pub draw: F,
}

impl<E: ElementType, F: Clone> Clone for DrawOnLoad<E, F> {
    fn clone(&self) -> Self {
        DrawOnLoad { node: self.node, draw: self.draw.clone() }
    }
}

impl<E, F> NodeRefContainer<E> for DrawOnLoad<E, F>
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
    F: FnOnce() + Send + Clone + 'static,
{
    fn load(self, el: &web_sys::Element) {
        self.node.load(el);
        (self.draw)();
    }
}
