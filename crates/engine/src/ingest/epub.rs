//! E-books (`.epub`): one document, its chapters in reading (spine) order,
//! each headed by its title from the table of contents.
//!
//! The `epub` crate reads the container, the package (metadata, manifest,
//! spine) and the table of contents (EPUB 2 NCX or EPUB 3 nav); each
//! chapter is XHTML, read for its visible text by [`super::html`]. The
//! archive's sizes are checked first ([`super::zipped`]).

use std::io::Cursor;

use epub::doc::{EpubDoc, NavPoint};

use super::config::Overrides;
use super::dates::machine_date;
use super::{html, zipped};
use crate::index::Kind;

/// A book read: its text and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    pub text: String,
    pub fields: Overrides,
    /// Each chapter's title (level 1) and the headings inside it.
    pub headings: Vec<crate::index::Heading>,
}

pub fn read(bytes: &[u8]) -> Result<Book, String> {
    zipped::check(bytes)?;
    let mut doc = EpubDoc::from_reader(Cursor::new(bytes)).map_err(|e| format!("not a readable EPUB ({e})"))?;
    let meta = |doc: &EpubDoc<_>, p: &str| doc.mdata(p).map(|m| m.value.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|v| !v.is_empty());
    let title = doc.get_title().map(|t| t.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|t| !t.is_empty());
    let author = meta(&doc, "creator");
    let date = meta(&doc, "date").as_deref().and_then(machine_date);
    let mut titles = Vec::new();
    flatten(&doc.toc, &mut titles);
    let spine: Vec<(String, bool)> = doc.spine.iter().map(|s| (s.idref.clone(), s.linear)).collect();
    let mut chapters = Vec::new();
    let mut wanted: Vec<(u8, String)> = Vec::new();
    for (idref, linear) in spine {
        if !linear {
            continue;
        }
        let path = doc.resources.get(&idref).map(|r| r.path.clone());
        let Some((xhtml, _mime)) = doc.get_resource_str(&idref) else { continue };
        let text = html::visible_text(&xhtml);
        if text.is_empty() {
            continue;
        }
        let heading = path.and_then(|p| titles.iter().find(|(c, _)| *c == p).map(|(_, label)| label.clone()));
        // The chapter's title first, then its own headings (its title's
        // `<h1>` once only).
        let inner = html::headings(&xhtml);
        if let Some(h) = &heading {
            wanted.push((1, h.clone()));
        }
        let same = |words: &str| heading.as_deref().is_some_and(|h| h.split_whitespace().eq(words.split_whitespace()));
        wanted.extend(inner.into_iter().filter(|(_, words)| !same(words)));
        chapters.push(match heading {
            Some(h) if !text.starts_with(h.as_str()) => format!("{h}\n\n{text}"),
            _ => text,
        });
    }
    if chapters.is_empty() {
        return Err("no text in the book's chapters".into());
    }
    let body = chapters.join("\n\n");
    let text = match &title {
        Some(t) if !body.starts_with(t.as_str()) => format!("{t}\n\n{body}"),
        _ => body,
    };
    // Every metadata item as a field, for `[[facet]]` (`subject`, `publisher`,
    // `language`, …; a repeated one, as `dc:subject` often is, keeps each value).
    let mut fields: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for item in &doc.metadata {
        let value = item.value.split_whitespace().collect::<Vec<_>>().join(" ");
        let values = fields.entry(super::config::field_name(&item.property)).or_default();
        if !value.is_empty() && !values.contains(&value) {
            values.push(value);
        }
    }
    fields.retain(|_, v| !v.is_empty());
    let headings = super::structure::locate(&text, &wanted, title.as_deref());
    Ok(Book { text, fields: Overrides { title, author, date, kind: Some(Kind::Book), fields, ..Overrides::default() }, headings })
}

/// The table of contents as (chapter file, label), entries pointing into a
/// file (`ch1.xhtml#part2`) counted for the file, the first label winning.
fn flatten(points: &[NavPoint], out: &mut Vec<(std::path::PathBuf, String)>) {
    for p in points {
        let file = p.content.to_string_lossy();
        let file = std::path::PathBuf::from(file.split('#').next().unwrap_or_default());
        if !out.iter().any(|(f, _)| *f == file) {
            out.push((file, p.label.split_whitespace().collect::<Vec<_>>().join(" ")));
        }
        flatten(&p.children, out);
    }
}
