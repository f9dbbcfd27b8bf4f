//! Saving a table the page computed as a file: a Blob and its object URL
//! (gloo-file), and a detached link with `download` clicked once (nothing
//! leaves the machine; the page's DOM is not touched). The URL is revoked a
//! minute later, when the browser has long taken the bytes.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `name`.
pub fn save(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let url = gloo_file::ObjectUrl::from(gloo_file::Blob::new_with_options(text, Some(mime)));
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| "no link")?.dyn_into().map_err(|_| "not a link")?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // Dropping the ObjectUrl revokes it.
    leptos::prelude::set_timeout(move || drop(url), std::time::Duration::from_secs(60));
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

/// One JSON string (RFC 8259): quotes, backslashes and control characters
/// escaped, everything else as it is.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One cell of a saved table.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Text(String),
    /// A number as the page shows it (CSV) and exactly (JSON).
    Number {
        shown: String,
        exact: String,
    },
    /// No value: an empty CSV field, JSON `null`.
    Empty,
}

impl Field {
    /// A number written the same in CSV and JSON (a count, an offset).
    pub fn number(n: impl ToString) -> Field {
        let text = n.to_string();
        Field::Number { shown: text.clone(), exact: text }
    }
}

/// A table to save: one column key (JSON) and label (CSV header) each, and
/// rows of fields in that order. Every download of the page is written here.
pub struct Sheet {
    pub columns: Vec<(String, String)>,
    pub rows: Vec<Vec<Field>>,
}

impl Sheet {
    /// A sheet whose columns are given as `(key, label)`.
    pub fn new(columns: &[(&str, &str)], rows: Vec<Vec<Field>>) -> Sheet {
        Sheet { columns: columns.iter().map(|(k, l)| (k.to_string(), l.to_string())).collect(), rows }
    }

    /// The file's extension, type and bytes: JSON or CSV.
    pub fn file(&self, json: bool) -> (&'static str, &'static str, String) {
        if json {
            ("json", "application/json", self.json())
        } else {
            ("csv", "text/csv", self.csv())
        }
    }

    /// RFC 4180, CRLF line ends, a header of labels.
    pub fn csv(&self) -> String {
        let line = |fields: Vec<String>| fields.join(",") + "\r\n";
        let mut out = line(self.columns.iter().map(|(_, label)| csv_field(label, false)).collect());
        for row in &self.rows {
            out += &line(
                row.iter()
                    .map(|f| match f {
                        Field::Text(t) => csv_field(t, false),
                        Field::Number { shown, .. } => csv_field(shown, true),
                        Field::Empty => String::new(),
                    })
                    .collect(),
            );
        }
        out
    }

    /// An array of objects keyed by column, one per line.
    pub fn json(&self) -> String {
        let items: Vec<String> = self
            .rows
            .iter()
            .map(|row| {
                let fields: Vec<String> = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|((key, _), f)| {
                        let value = match f {
                            Field::Text(t) => json_string(t),
                            Field::Number { exact, .. } => exact.clone(),
                            Field::Empty => "null".into(),
                        };
                        format!("{}:{value}", json_string(key))
                    })
                    .collect();
                format!("{{{}}}", fields.join(","))
            })
            .collect();
        format!("[\n{}\n]\n", items.join(",\n"))
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
    fn json_strings_escape_what_json_requires() {
        assert_eq!(json_string("plain ü"), "\"plain ü\"");
        assert_eq!(json_string("a \"q\" \\ b"), "\"a \\\"q\\\" \\\\ b\"");
        assert_eq!(json_string("line\nnext\ttab\u{1}"), "\"line\\nnext\\ttab\\u0001\"");
    }

    #[test]
    fn a_sheet_as_csv_and_json() {
        let sheet = Sheet::new(
            &[("id", "Id"), ("title", "Title"), ("score", "Score"), ("author", "Author")],
            vec![vec![
                Field::Text("a/b".into()),
                Field::Text("Camp, \"Ashraf\"\nnews".into()),
                Field::Number { shown: "1.50".into(), exact: "1.5".into() },
                Field::Empty,
            ]],
        );
        assert_eq!(sheet.csv(), "Id,Title,Score,Author\r\na/b,\"Camp, \"\"Ashraf\"\"\nnews\",1.50,\r\n");
        assert_eq!(sheet.json(), "[\n{\"id\":\"a/b\",\"title\":\"Camp, \\\"Ashraf\\\"\\nnews\",\"score\":1.5,\"author\":null}\n]\n");
    }

    #[test]
    fn file_names_are_plain() {
        assert_eq!(file_name(&["Seeds", "collocates", "\"Camp Ashraf\""], "csv"), "Seeds-collocates-Camp-Ashraf.csv");
        assert_eq!(file_name(&["", "  "], "json"), "table.json");
    }
}
