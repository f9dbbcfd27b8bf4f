//! Citations of a document or a passage: plain text and BibTeX, with the
//! address that opens the reader at the passage (`doc=ID&at=START-END`).
//! No web dependency: tested natively.

/// What a citation says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cite<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub date: Option<&'a str>,
    pub corpus: &'a str,
    /// The quoted passage, if one was selected.
    pub quote: Option<&'a str>,
    /// The address of the document (and passage).
    pub url: &'a str,
}

/// The citation styles offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Bibtex,
}

/// `Author. “Title.” Date. Corpus, document ID. “Quote.” URL`: what is
/// unknown is left out, never guessed.
pub fn plain(c: &Cite) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(c.author.map(|a| format!("{}.", a.trim_end_matches('.'))));
    parts.push(format!("“{}.”", c.title.trim_end_matches('.')));
    parts.extend(c.date.map(|d| format!("{d}.")));
    parts.push(format!("{}, document {}.", c.corpus, c.id));
    parts.extend(c.quote.map(|q| format!("Passage: “{q}”.")));
    parts.push(c.url.to_string());
    parts.join(" ")
}

/// A BibTeX `@misc` entry (the type for a document that is neither a book
/// nor an article), its key the document id as BibTeX allows keys.
pub fn bibtex(c: &Cite) -> String {
    let key: String = c.id.chars().map(|ch| if ch.is_ascii_alphanumeric() || "-_:.".contains(ch) { ch } else { '-' }).collect();
    let mut fields = vec![("title", escape(c.title))];
    fields.extend(c.author.map(|a| ("author", escape(a))));
    if let Some(d) = c.date {
        match d.get(..4).filter(|y| y.chars().all(|ch| ch.is_ascii_digit())) {
            Some(year) => {
                fields.push(("year", year.to_string()));
                fields.push(("date", escape(d)));
            }
            None => fields.push(("date", escape(d))),
        }
    }
    fields.push(("howpublished", escape(&format!("{}, document {}", c.corpus, c.id))));
    fields.extend(c.quote.map(|q| ("note", escape(&format!("Passage: “{q}”")))));
    fields.push(("url", c.url.replace(['{', '}'], "")));
    let body: Vec<String> = fields.into_iter().map(|(k, v)| format!("  {k} = {{{v}}}")).collect();
    format!("@misc{{{key},\n{}\n}}\n", body.join(",\n"))
}

/// A value inside BibTeX braces: its special characters escaped, so the
/// entry always parses.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            ch => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cite<'a>(quote: Option<&'a str>, author: Option<&'a str>) -> Cite<'a> {
        Cite {
            id: "001_0e7e0deea0fa395e",
            title: "Members Reluctant To Continue Cooperation With MKO",
            author,
            date: Some("2011-10-26"),
            corpus: "MKO and Camp Ashraf in the press",
            quote,
            url: "https://host/explorer/?doc=001_0e7e0deea0fa395e&at=120-131",
        }
    }

    #[test]
    fn plain_text_leaves_out_what_is_unknown() {
        assert_eq!(
            plain(&cite(Some("Camp Ashraf"), Some("Hossein Alaei"))),
            "Hossein Alaei. “Members Reluctant To Continue Cooperation With MKO.” 2011-10-26. MKO and Camp Ashraf in the press, document 001_0e7e0deea0fa395e. Passage: “Camp Ashraf”. https://host/explorer/?doc=001_0e7e0deea0fa395e&at=120-131"
        );
        assert!(plain(&cite(None, None)).starts_with("“Members Reluctant"), "no author, no empty one");
    }

    #[test]
    fn bibtex_is_a_misc_entry_with_its_specials_escaped() {
        let mut c = cite(Some("50% & more {braces}"), Some("Dan_Murphy"));
        c.title = "Who are the MKO #1?";
        let entry = bibtex(&c);
        assert!(entry.starts_with("@misc{001_0e7e0deea0fa395e,\n"), "{entry}");
        assert!(entry.contains("  title = {Who are the MKO \\#1?},\n"));
        assert!(entry.contains("  author = {Dan\\_Murphy},\n"));
        assert!(entry.contains("  year = {2011},\n  date = {2011-10-26},\n"));
        assert!(entry.contains("  note = {Passage: “50\\% \\& more \\{braces\\}”},\n"));
        assert!(entry.ends_with("  url = {https://host/explorer/?doc=001_0e7e0deea0fa395e&at=120-131}\n}\n"));
        // Every brace opened is closed: the entry parses.
        let depth = entry.chars().zip(std::iter::once(' ').chain(entry.chars())).fold(0i32, |d, (ch, prev)| match (prev, ch) {
            ('\\', _) => d,
            (_, '{') => d + 1,
            (_, '}') => d - 1,
            _ => d,
        });
        assert_eq!(depth, 0);
    }
}
