//! Light and dark themes: the system's preference unless the person chose
//! one, which is remembered in localStorage.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

const KEY: &str = "explorer-theme";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The chosen theme, else the system's.
pub fn saved() -> Theme {
    match storage().and_then(|s| s.get_item(KEY).ok().flatten()).as_deref() {
        Some("dark") => Theme::Dark,
        Some("light") => Theme::Light,
        _ => {
            let dark = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten()).is_some_and(|m| m.matches());
            if dark {
                Theme::Dark
            } else {
                Theme::Light
            }
        }
    }
}

pub fn apply(theme: Theme) {
    let name = match theme {
        Theme::Light => "light",
        Theme::Dark => "dark",
    };
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-theme", name);
    }
}

pub fn choose(theme: Theme) {
    apply(theme);
    if let Some(s) = storage() {
        let _ = s.set_item(KEY, if theme == Theme::Dark { "dark" } else { "light" });
    }
}
