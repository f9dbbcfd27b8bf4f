//! A panic must never leave a frozen page: the hook logs it and puts a
//! banner with a reload button on the page, built with plain DOM calls since
//! the reactive runtime may be what broke.

#[cfg(feature = "test-hooks")]
use wasm_bindgen::prelude::*;

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_banner(&info.to_string());
    }));
}

fn show_banner(detail: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.get_element_by_id("panic").is_some() {
        return;
    }
    let Ok(banner) = document.create_element("div") else { return };
    banner.set_id("panic");
    let _ = banner.set_attribute("role", "alert");
    let message = document.create_element("p").ok();
    if let Some(p) = &message {
        p.set_text_content(Some("Something went wrong inside the explorer. Reload the page to continue; your search is kept in the address."));
        let _ = banner.append_child(p);
    }
    if let Ok(details) = document.create_element("details") {
        details.set_text_content(Some(detail));
        let _ = banner.append_child(&details);
    }
    if let Ok(button) = document.create_element("button") {
        button.set_text_content(Some("Reload"));
        // The listener lives as long as the page.
        gloo_events::EventListener::new(&button, "click", |_| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        })
        .forget();
        let _ = banner.append_child(&button);
    }
    if let Some(body) = document.body() {
        let _ = body.prepend_with_node_1(&banner);
    }
}

/// Test builds only: panics on purpose, from JS (`wasmBindings.debug_panic()`).
#[cfg(feature = "test-hooks")]
#[wasm_bindgen]
pub fn debug_panic() {
    panic!("debug panic requested by a test");
}
