//! The explorer's web app: renders state and sends intents; every question
//! about text goes to the `engine` crate.
//!
//! - [`corpus`]: the index built by `build.rs`, embedded and decoded once;
//! - [`route`]: view state ⇄ URL query string, and the browser history;
//! - [`app`]: the page, its state and the intents that change it;
//! - [`results`], [`reader`]: the hit list and the document reader;
//! - [`compare`]: documents side by side with their shared passages;
//! - [`facet_panel`]: facet checkboxes, active-filter chips, sort order;
//! - [`marked`]: text with `<mark>`s from byte ranges (never HTML);
//! - [`keys`]: keyboard shortcuts; [`theme`]: light/dark;
//! - [`panic`]: a visible error banner instead of a dead page.

pub mod app;
pub mod compare;
pub mod corpus;
pub mod facet_panel;
pub mod keys;
pub mod marked;
pub mod panic;
pub mod reader;
pub mod results;
pub mod route;
pub mod theme;

use wasm_bindgen::JsCast;

/// Entry point of the page: installs the panic banner, applies the theme,
/// mounts the app and removes the static "loading" placeholder.
pub fn start() {
    panic::install();
    theme::apply(theme::saved());
    let document = leptos::prelude::document();
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    let root = document.create_element("div").expect("create a div");
    root.set_id("app");
    document.body().expect("a body").append_child(&root).expect("append the root");
    leptos::mount::mount_to(root.unchecked_into(), app::App).forget();
}
