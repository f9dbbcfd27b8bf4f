//! Saving a table the page computed as a file: a Blob, an object URL and a
//! detached link with `download` clicked once (nothing leaves the machine;
//! the page's DOM is not touched). The URL is revoked a minute later, when
//! the browser has long taken the bytes.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `text` as a download named `name`.
pub fn save(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let err = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).map_err(err)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(err)?.dyn_into().map_err(|_| "not a link")?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}

/// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a
/// line break. A text that a spreadsheet would run as a formula (starting
/// with `=`, `+`, `-`, `@`, tab or carriage return) gets a leading `'`
/// (OWASP's advice on CSV injection); numbers are written as they are.
pub fn csv_field(text: &str, is_number: bool) -> String {
    let text = if !is_number && text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// A file name from its parts: letters, digits and dashes only.
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let mut name = String::new();
    for part in parts.iter().filter(|p| !p.trim().is_empty()) {
        let slug: String = part.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
        let slug = slug.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
        if !slug.is_empty() {
            if !name.is_empty() {
                name.push('-');
            }
            name.extend(slug.chars().take(60));
        }
    }
    format!("{}.{extension}", if name.is_empty() { "table" } else { &name })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(csv_field("camp", false), "camp");
        assert_eq!(csv_field("a, b", false), "\"a, b\"");
        assert_eq!(csv_field("say \"x\"", false), "\"say \"\"x\"\"\"");
        assert_eq!(csv_field("two\nlines", false), "\"two\nlines\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")", false), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("@sum", false), "'@sum");
        assert_eq!(csv_field("-3.5", true), "-3.5");
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(file_name(&["Seeds", "collocates", "\"Camp Ashraf\""], "csv"), "Seeds-collocates-Camp-Ashraf.csv");
        assert_eq!(file_name(&["", "  "], "json"), "table.json");
    }
}
