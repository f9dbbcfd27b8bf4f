//! Word files (`.docx`): one document, read with `docx-rust` (the Office
//! Open XML parts as typed structures: body, footnotes, core properties).
//!
//! The text is the body's paragraphs in order, a blank line apart (headings
//! are paragraphs of their own; a table is a line per row, its cells a tab
//! apart). A footnote's reference becomes `[N]` where it stands, and the
//! footnotes follow the body as a list of `[N] text` lines, which
//! [`super::meta`] finds as the document's references, so the reader shows
//! them apart. Title, author and date come from the core properties
//! (`dc:title`, `dc:creator`, `dcterms:created`).

use std::collections::HashMap;
use std::io::Cursor;

use docx_rust::document::{BodyContent, Paragraph, ParagraphContent, RunContent, TableCellContent, TableRowContent};
use docx_rust::DocxFile;

use super::config::Overrides;
use super::dates::machine_date;
use super::zipped;

/// A Word file read: its text and its fields.
pub struct Word {
    pub text: String,
    pub fields: Overrides,
    /// Its paragraphs in a heading style, found again in its text.
    pub headings: Vec<crate::index::Heading>,
}

/// Reads a `.docx`. Fails when the file is not a zip, is a zip bomb, or
/// has no readable document part.
pub fn read(bytes: &[u8]) -> Result<Word, String> {
    zipped::check(bytes)?;
    let file = DocxFile::from_reader(Cursor::new(bytes)).map_err(|e| format!("not a Word file ({e})"))?;
    let docx = file.parse().map_err(|e| format!("the Word document cannot be read ({e})"))?;
    // Footnotes by id, numbered in the order the text refers to them.
    let notes: HashMap<String, String> = docx
        .footnotes
        .iter()
        .flat_map(|f| &f.content)
        .filter(|n| n.ty.is_none())
        .filter_map(|n| {
            let text = n.content.iter().filter_map(|c| if let BodyContent::Paragraph(p) = c { Some(line(p, &mut Vec::new())) } else { None });
            Some((n.id?.to_string(), text.collect::<Vec<_>>().join(" ").trim().to_string()))
        })
        .collect();
    let mut cited: Vec<String> = Vec::new();
    let mut paragraphs: Vec<String> = Vec::new();
    let levels = heading_styles(&docx.styles.styles);
    let mut wanted: Vec<(u8, String)> = Vec::new();
    for block in &docx.document.body.content {
        match block {
            BodyContent::Paragraph(p) => {
                let words = line(p, &mut cited);
                if let Some(level) = heading_level(p, &levels) {
                    wanted.push((level, words.clone()));
                }
                paragraphs.push(words);
            }
            BodyContent::Table(t) => {
                for row in &t.rows {
                    let cells: Vec<String> = row
                        .cells
                        .iter()
                        .map(|c| match c {
                            TableRowContent::TableCell(cell) => cell
                                .content
                                .iter()
                                .map(|TableCellContent::Paragraph(p)| line(p, &mut cited))
                                .filter(|t| !t.is_empty())
                                .collect::<Vec<_>>()
                                .join(" "),
                            TableRowContent::SDT(sdt) => sdt.iter_text().map(|t| t.as_ref()).collect(),
                        })
                        .collect();
                    paragraphs.push(cells.join("\t"));
                }
            }
            BodyContent::Sdt(sdt) => paragraphs.push(sdt.iter_text().map(|t| t.as_ref()).collect()),
            _ => {}
        }
    }
    let mut text = paragraphs.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n\n");
    let listed: Vec<String> =
        cited.iter().enumerate().filter_map(|(i, id)| notes.get(id).filter(|n| !n.is_empty()).map(|n| format!("[{}] {n}", i + 1))).collect();
    if !listed.is_empty() {
        text.push_str("\n\n");
        text.push_str(&listed.join("\n"));
    }
    let (title, author, created) = match &docx.core {
        Some(docx_rust::core::Core::CoreNamespace(c)) => (c.title.clone(), c.creator.clone(), c.created.clone()),
        Some(docx_rust::core::Core::CoreNoNamespace(c)) => (c.title.clone(), c.creator.clone(), c.created.clone()),
        None => (None, None, None),
    };
    let clean = |s: Option<std::borrow::Cow<str>>| s.map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty());
    let title = clean(title);
    if text.trim().is_empty() && title.is_none() {
        return Err("no text in the Word document".into());
    }
    if let Some(t) = &title {
        if !text.starts_with(t.as_str()) {
            text = format!("{t}\n\n{text}");
        }
    }
    let date = clean(created).as_deref().and_then(machine_date);
    let headings = super::structure::locate(&text, &wanted, title.as_deref());
    Ok(Word { text, fields: Overrides { title, author: clean(author), date, ..Overrides::default() }, headings })
}

/// The paragraph styles that are headings, by style id, with their level:
/// a style named "heading N" (Word's built-in names are English whatever
/// the language its interface shows, the ids are not), else one whose
/// outline level is 0–5.
fn heading_styles(styles: &[docx_rust::styles::Style]) -> HashMap<String, u8> {
    styles
        .iter()
        .filter_map(|s| {
            let named = s.name.as_ref().and_then(|n| n.value.to_lowercase().strip_prefix("heading ").and_then(|n| n.trim().parse::<u8>().ok()));
            let outlined = || outline(s.paragraph.as_ref()?.outline_lvl.as_ref()?.value);
            let level = named.filter(|l| (1..=6).contains(l)).or_else(outlined)?;
            Some((s.style_id.to_string(), level))
        })
        .collect()
}

/// A paragraph's heading level: its own outline level, else its style's.
fn heading_level(p: &Paragraph, styles: &HashMap<String, u8>) -> Option<u8> {
    let property = p.property.as_ref()?;
    property.outline_lvl.as_ref().and_then(|o| outline(o.value)).or_else(|| property.style_id.as_ref().and_then(|id| styles.get(id.value.as_ref()).copied()))
}

/// Word's outline levels 0–5 as heading levels 1–6 (9 is body text).
fn outline(value: isize) -> Option<u8> {
    (0..=5).contains(&value).then(|| value as u8 + 1)
}

/// A paragraph's text, a footnote reference as `[N]` (its id added to
/// `cited` the first time).
fn line(p: &Paragraph, cited: &mut Vec<String>) -> String {
    let mut out = String::new();
    for content in &p.content {
        match content {
            ParagraphContent::Run(run) => {
                for c in &run.content {
                    match c {
                        RunContent::Text(t) => out.push_str(&t.text),
                        RunContent::Tab(_) => out.push('\t'),
                        RunContent::Break(_) | RunContent::CarriageReturn(_) => out.push('\n'),
                        RunContent::NoBreakHyphen(_) => out.push('-'),
                        RunContent::FootnoteReference(r) => {
                            if let Some(id) = &r.id {
                                let n = match cited.iter().position(|c| c == id.as_ref()) {
                                    Some(i) => i + 1,
                                    None => {
                                        cited.push(id.to_string());
                                        cited.len()
                                    }
                                };
                                out.push_str(&format!("[{n}]"));
                            }
                        }
                        _ => {}
                    }
                }
            }
            ParagraphContent::Link(link) => out.push_str(&link.text()),
            ParagraphContent::SDT(sdt) => out.extend(sdt.iter_text().map(|t| t.as_ref())),
            _ => {}
        }
    }
    out
}
