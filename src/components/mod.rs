//! The page's parts. Each reads the state (`crate::state::Explorer`) from
//! context and calls its intents; none keeps state another needs.

pub mod compare;
pub mod concordance;
pub mod facet_panel;
pub mod marked;
pub mod notices;
pub mod overview;
pub mod reader;
pub mod results;
pub mod search_box;
pub mod view_switch;
