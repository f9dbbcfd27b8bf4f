//! The page's parts. Each reads the state (`crate::state::Explorer`) from
//! context and calls its intents; none keeps state another needs.

pub mod collocates;
pub mod compare;
pub mod concordance;
pub mod dispersion;
pub mod facet_panel;
pub mod keyness;
pub mod marked;
pub mod ngrams;
pub mod notes;
pub mod notices;
pub mod offline;
pub mod overview;
pub mod place;
pub mod reader;
pub mod results;
pub mod search_box;
pub mod table;
pub mod trends;
pub mod view_switch;
