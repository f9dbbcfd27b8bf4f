//! From a folder of files to an index: build work only, behind the cargo
//! feature `ingest` (on for the indexer and native tools, off in the
//! page's wasm, which only reads what was built).
//!
//! - [`folder`]: walking a corpus folder, decoding files, skipped files with reasons;
//! - [`html`]: saved web pages, their article and fields;
//! - [`mail`]: e-mail messages and mailboxes, a document per message;
//! - [`epub`]: e-books, chapters in reading order;
//! - [`zipped`]: zip containers' sizes checked before inflating;
//! - [`pdf`]: PDF text layers, page by page;
//! - [`docx`]: Word files, footnotes as references;
//! - [`table`]: CSV, TSV, JSONL and JSON tables, one document per row;
//! - [`config`]: `corpus.toml` and front matter (overrides, alias groups);
//! - [`meta`]: title, section, author, date and kind read off a text;
//! - [`dates`]: the one reader of written and given dates;
//! - [`entities`]: proper nouns named across documents;
//! - [`originals`]: the source files copied beside the page, markup made script-free;
//! - [`pipeline`]: all of it in order, into an [`crate::Index`].

pub mod config;
pub mod dates;
pub mod docx;
pub mod entities;
pub mod epub;
pub mod folder;
pub mod html;
pub mod mail;
pub mod meta;
pub mod originals;
pub mod pdf;
pub mod pipeline;
pub mod structure;
pub mod table;
pub mod zipped;

pub use config::{AliasGroup, ConfigError, CorpusConfig, Overrides};
pub use folder::{open_dir, read_dir, Folder, Loaded, Notice, Reader, Source};
pub use pipeline::build;
