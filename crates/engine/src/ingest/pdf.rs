//! PDF (`.pdf`): the text layer, page by page, in the order the file gives
//! it, with where each page starts, so a hit can say its page.
//!
//! `pdf-extract` lays out each page's text runs (on `lopdf`, which also
//! gives the document information dictionary and decrypts files that
//! open without a password). Lines are joined into paragraphs, and a word
//! hyphenated at a line's end is joined again (`recon-` + `ciliation`). A PDF
//! with no text layer (a scan) or one that needs a password is skipped with
//! that reason. The extractor panics on some malformed files: that is caught
//! and becomes the file's reason too, so one bad PDF never stops a build.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::{Document, Object, PlainTextOutput};

use super::config::Overrides;
use super::dates::machine_date;
use super::html::{paragraphs, Lines};

/// A PDF read: its text, its fields, and the byte offset in the text where
/// each page after the first starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdf {
    pub text: String,
    pub fields: Overrides,
    pub pages: Vec<u32>,
}

pub fn read(bytes: &[u8]) -> Result<Pdf, String> {
    match catch_unwind(AssertUnwindSafe(|| read_unguarded(bytes))) {
        Ok(result) => result,
        Err(panic) => {
            let why = panic.downcast_ref::<String>().map(String::as_str).or_else(|| panic.downcast_ref::<&str>().copied()).unwrap_or("no message");
            Err(format!("the PDF reader failed on it ({why})"))
        }
    }
}

fn read_unguarded(bytes: &[u8]) -> Result<Pdf, String> {
    let mut doc = Document::load_mem(bytes).map_err(|e| format!("not a readable PDF ({e})"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted: it needs a password to open".into());
    }
    let info = |key: &[u8]| -> Option<String> {
        let reference = doc.trailer.get(b"Info").ok()?;
        let dict = match reference {
            Object::Reference(id) => doc.get_object(*id).ok()?.as_dict().ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        let value = pdf_extract::decode_text_string(dict.get(key).ok()?).ok()?;
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        (!value.is_empty()).then_some(value)
    };
    let title = info(b"Title");
    let author = info(b"Author");
    let date = info(b"CreationDate").as_deref().and_then(pdf_date);
    // The rest of the document information as fields, for `[[facet]]`:
    // `subject`, `keywords` (split at commas and semicolons), `creator` (the
    // program that made the original) and `producer` (the one that wrote the PDF).
    let fields = [("subject", &b"Subject"[..]), ("keywords", b"Keywords"), ("creator", b"Creator"), ("producer", b"Producer")]
        .into_iter()
        .filter_map(|(name, key)| {
            let value = info(key)?;
            let values: Vec<String> = match name {
                "keywords" => value.split([',', ';']).map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect(),
                _ => vec![value],
            };
            (!values.is_empty()).then(|| (name.to_string(), values))
        })
        .collect();
    let numbers: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut pages = Vec::with_capacity(numbers.len());
    for n in numbers {
        let mut raw = String::new();
        pdf_extract::output_doc_page(&doc, &mut PlainTextOutput::new(&mut raw), n).map_err(|e| format!("page {n}: unreadable ({e})"))?;
        // A page's lines are where the layout broke them: joined, paragraphs at blank lines.
        pages.push(paragraphs(&raw, Lines::Joined));
    }
    if pages.iter().all(|p| p.trim().is_empty()) {
        return Err(format!("no text layer in its {} page(s) (a scan? run OCR first)", pages.len()));
    }
    // Title first (as every format here), then the pages, a blank line apart.
    let mut text = String::new();
    if let Some(t) = &title {
        if !pages[0].starts_with(t.as_str()) {
            text.push_str(t);
            text.push_str("\n\n");
        }
    }
    let mut starts = Vec::with_capacity(pages.len().saturating_sub(1));
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
            starts.push(text.len() as u32);
        }
        text.push_str(page);
    }
    Ok(Pdf { text, fields: Overrides { title, author, date, fields, ..Overrides::default() }, pages: starts })
}

/// `D:20110408143200-04'00'` → `2011-04-08`.
fn pdf_date(s: &str) -> Option<String> {
    let digits = s.strip_prefix("D:").unwrap_or(s);
    let d = digits.get(..8).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    machine_date(&format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_paragraphs_and_hyphens_join() {
        assert_eq!(paragraphs("The recon-\nciliation of\n  the two\n\n\nNew para-\nGraph", Lines::Joined), "The reconciliation of the two\n\nNew para- Graph");
        assert_eq!(paragraphs("well-\nknown", Lines::Joined), "wellknown", "a line-end hyphen before a lower-case letter is taken for a break");
    }

    #[test]
    fn pdf_dates() {
        assert_eq!(pdf_date("D:20110408143200-04'00'").as_deref(), Some("2011-04-08"));
        assert_eq!(pdf_date("20110230"), None);
        assert_eq!(pdf_date("D:2011"), None);
    }

    #[test]
    fn not_a_pdf_is_said() {
        assert!(read(b"plain text").unwrap_err().starts_with("not a readable PDF"));
    }
}
