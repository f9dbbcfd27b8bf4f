//! Saved web pages (`.html`, `.htm`): the article's text without the site
//! around it, and what the page says about itself.
//!
//! A saved page is mostly furniture: menus, breadcrumbs, share buttons,
//! cookie banners, related links, comment forms, footers, scripts. Finding the
//! article in it is what Mozilla's Readability does for Firefox's reader view;
//! `dom_smoothie` follows its algorithm in Rust, over html5ever's parser (the
//! one Servo uses), so a page is parsed as a browser parses it, broken markup
//! included. What Readability does not read (the breadcrumb, a `<time>` in
//! the article) is read here from the same parsed page.
//!
//! Fields, each only when the page gives it (the text's own heuristics in
//! [`super::meta`] and `corpus.toml` come after):
//! - title: JSON-LD `headline`, `og:title`, `<title>` less the site's name, `<h1>`;
//! - author: JSON-LD `author`, `meta[name=author]`, `article:author`, a byline;
//! - date: JSON-LD `datePublished`, `article:published_time`, `<time datetime>`;
//! - section: the breadcrumb's last step before the page itself;
//! - headings: the article's `<h1>`–`<h6>`, found again in its text.

use dom_query::Document;
use dom_smoothie::{Config, Readability, ReadabilityError, TextMode};

use super::config::Overrides;
use super::dates::machine_date;
use super::structure;
use crate::index::Heading;

/// Elements nested deeper than this are not a page a person wrote. Chromium's
/// parser stops nesting at the same depth (512); html5ever does not, and
/// checks every open element on each new one, so a page of 100,000 unclosed
/// `<div>`s takes minutes: such a page is skipped after one linear scan.
const MAX_DEPTH: usize = 512;

/// A page read: its text (title first, paragraphs apart) and its fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub text: String,
    pub fields: Overrides,
    /// The article's headings, in its text.
    pub headings: Vec<Heading>,
    /// Said at build time beside the file's name (the page was still read).
    pub warning: Option<String>,
}

/// Reads one page. Fails (the file is skipped, with this reason) only when
/// the page has no text at all.
pub fn read(html: &str) -> Result<Page, String> {
    let depth = nesting_depth(html);
    if depth > MAX_DEPTH {
        return Err(format!("elements nested {depth} deep (more than {MAX_DEPTH}): not read"));
    }
    let doc = Document::from(html);
    let h1 = clean(&doc.select("h1").first().text());
    let time = doc
        .select("time[datetime], meta[name='dcterms.date'], meta[name='DC.date'], meta[name=date], meta[itemprop=datePublished]")
        .iter()
        .find_map(|n| n.attr("datetime").or_else(|| n.attr("content")))
        .map(|t| t.to_string());
    let crumbs = breadcrumb(&doc);
    let meta_fields = meta_fields(&doc);
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let readability = Readability::with_document(doc, None, Some(config)).map_err(|e| e.to_string())?;
    let (title, byline, published, body, heads, warning) = match article(readability) {
        Ok(a) => (clean(&a.title), a.byline.as_deref().map(clean), a.published_time, a.text_content.to_string(), headings(&a.content), None),
        Err(e) => {
            let warning = format!("no article found in the page ({e}); its whole text is kept");
            (String::new(), None, None, whole_text(html), Vec::new(), Some(warning))
        }
    };
    let title = Some(title).filter(|t| !t.is_empty()).or(Some(h1).filter(|t| !t.is_empty()));
    let body = paragraphs(&body, Lines::Kept);
    if body.is_empty() && title.is_none() {
        return Err("no text in the page".into());
    }
    let text = match &title {
        Some(t) if !body.starts_with(t.as_str()) => format!("{t}\n\n{body}"),
        _ => body,
    };
    let date = published.as_deref().and_then(machine_date).or_else(|| time.as_deref().and_then(machine_date));
    // Readability takes for a byline any element whose class or id says
    // "author": Node.js's manual has `<a id="tlssocketauthorized">#</a>`
    // anchors by its headings. A name has a letter in it.
    let author = byline.map(|b| without_by(&b).to_string()).filter(|a| a.chars().any(char::is_alphabetic));
    let section = crumbs.and_then(|c| section_of(&c, title.as_deref()));
    let headings = structure::locate(&text, &heads, title.as_deref());
    Ok(Page { text, fields: Overrides { title, author, date, section, fields: meta_fields, ..Overrides::default() }, headings, warning })
}

/// The `<h1>`–`<h6>` of a page or a part of one, in document order: each
/// level and words (for [`structure::locate`]).
pub fn headings(html: &str) -> Vec<(u8, String)> {
    let doc = Document::from(html);
    doc.select("h1, h2, h3, h4, h5, h6")
        .nodes()
        .iter()
        .filter_map(|node| {
            let level = node.node_name()?.strip_prefix('h')?.parse::<u8>().ok()?;
            Some((level, clean(&node.text()))).filter(|(_, words)| !words.is_empty())
        })
        .collect()
}

/// The page's `<meta name|property=… content=…>` as fields, for `[[facet]]`
/// (names by [`super::config::field_name`]: `og:site_name` → `og_site_name`);
/// `keywords` split at commas; a name given twice keeps each value once.
fn meta_fields(doc: &Document) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut fields: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for node in doc.select("meta[content]").iter() {
        let Some(name) = node.attr("name").or_else(|| node.attr("property")) else { continue };
        let name = super::config::field_name(&name);
        let content = node.attr("content").map(|c| clean(&c)).unwrap_or_default();
        if name.is_empty() || content.is_empty() {
            continue;
        }
        let values: Vec<String> =
            if name == "keywords" { content.split(',').map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect() } else { vec![content] };
        let entry = fields.entry(name).or_default();
        for v in values {
            if !entry.contains(&v) {
                entry.push(v);
            }
        }
    }
    fields
}

fn article(mut r: Readability) -> Result<dom_smoothie::Article, ReadabilityError> {
    r.parse()
}

/// The deepest element nesting, counted on the tags alone (before parsing,
/// which would build the whole tree first).
fn nesting_depth(html: &str) -> usize {
    const VOID: [&str; 14] = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param"];
    let (mut depth, mut deepest) = (0usize, 0usize);
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|&b| b == b'<') {
        i += at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let name_len = bytes[start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        if name_len == 0 {
            continue;
        }
        let name = html[start..start + name_len].to_ascii_lowercase();
        let end = bytes[start..].iter().position(|&b| b == b'>').map_or(bytes.len(), |p| start + p);
        let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing && !VOID.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
        }
        i = end;
    }
    deepest
}

/// Everything a reader sees of a page or an e-book chapter, less scripts,
/// styles, and a site's header, menus and footer; paragraphs one blank
/// line apart.
pub fn visible_text(html: &str) -> String {
    paragraphs(&whole_text(html), Lines::Kept)
}

/// The page's text when Readability finds no article: everything a reader
/// sees, less scripts, styles and the site's header, menus and footer.
fn whole_text(html: &str) -> String {
    let doc = Document::from(html);
    doc.select("script, style, noscript, template, nav, header, footer, form").remove();
    doc.select("body").formatted_text().to_string()
}

/// The breadcrumb's steps, if the page has one.
fn breadcrumb(doc: &Document) -> Option<Vec<(String, bool)>> {
    let trail = doc.select("[class*=breadcrumb], [id*=breadcrumb], [aria-label*=readcrumb], [itemtype$=BreadcrumbList]").first();
    if trail.is_empty() {
        return None;
    }
    let items = trail.select("li");
    let items = if items.is_empty() { trail.select("a") } else { items };
    let steps: Vec<(String, bool)> = items
        .iter()
        .map(|n| {
            let current = n.attr("aria-current").is_some() || (!n.is("a") && !n.is(":has(a)"));
            (clean(&n.text()), current)
        })
        .collect();
    steps.iter().any(|(t, _)| !t.is_empty()).then_some(steps)
}

/// The last step before the page itself that is neither the site's home
/// (the first step, often an icon with no text) nor the page (marked
/// current, not a link, or its title). What follows the page in the trail
/// is not a step above it (Read the Docs puts "View page source" there).
fn section_of(steps: &[(String, bool)], title: Option<&str>) -> Option<String> {
    let above = steps.iter().position(|(_, current)| *current).unwrap_or(steps.len());
    steps[..above].iter().skip(1).rev().find(|(text, _)| !text.is_empty() && Some(text.as_str()) != title).map(|(text, _)| text.clone())
}

/// `By Dan Murphy` → `Dan Murphy`.
fn without_by(byline: &str) -> &str {
    let b = byline.trim();
    b.strip_prefix("By ").or_else(|| b.strip_prefix("by ")).or_else(|| b.strip_prefix("BY ")).unwrap_or(b).trim()
}

/// Whitespace runs as one space, trimmed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How the lines inside a paragraph are kept.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Lines {
    /// Each on its own line (a page's text: its lines are its author's).
    Kept,
    /// Joined with a space, a word hyphenated at a line's end joined whole
    /// (a PDF's lines are where the layout broke them).
    Joined,
}

/// Paragraphs one blank line apart, white space runs in a line as one
/// space, no runs of blank lines.
pub(super) fn paragraphs(text: &str, lines: Lines) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            let hyphenated = out.ends_with('-') && out[..out.len() - 1].ends_with(char::is_alphabetic) && line.starts_with(char::is_lowercase);
            match lines {
                Lines::Kept => out.push('\n'),
                Lines::Joined if hyphenated => {
                    out.pop();
                }
                Lines::Joined => out.push(' '),
            }
        }
        blank = false;
        out.push_str(&clean(line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_on_tags() {
        assert_eq!(nesting_depth("<p>a<br>b<img src=x/></p><div><div></div></div>"), 2);
        assert_eq!(nesting_depth(&"<div>".repeat(10_000)), 10_000);
        assert_eq!(nesting_depth("a < b and <!-- c --> </p>"), 0);
    }

    #[test]
    fn section_is_the_step_before_the_page() {
        let s = |v: &[(&str, bool)]| v.iter().map(|(t, c)| (t.to_string(), *c)).collect::<Vec<_>>();
        assert_eq!(section_of(&s(&[("Home", false), ("Iraq", false), ("A title", true)]), Some("A title")), Some("Iraq".into()));
        assert_eq!(section_of(&s(&[("Home", false), ("Iraq", false), ("A title", false)]), Some("A title")), Some("Iraq".into()));
        assert_eq!(section_of(&s(&[("Home", false), ("Iraq", false)]), Some("A title")), Some("Iraq".into()));
        assert_eq!(section_of(&s(&[("Home", false), ("A title", true)]), Some("A title")), None);
    }

    /// Node.js's manual marks each heading with an anchor whose id may say
    /// "author" (`tlssocketauthorized`): Readability takes its `#` for a byline.
    #[test]
    fn an_anchor_named_like_an_author_is_no_byline() {
        let page = r##"<html><head><title>TLS (SSL) | Node.js Documentation</title></head><body><div id="apicontent">
          <h1>TLS (SSL)</h1>
          <p>The node:tls module provides an implementation of the Transport Layer Security (TLS) and Secure Socket Layer (SSL) protocols that is built on top of OpenSSL.</p>
          <h4><code>tlsSocket.authorized</code><span><a class="mark" href="#tlssocketauthorized" id="tlssocketauthorized">#</a></span></h4>
          <p>This property is true if the peer certificate was signed by one of the CAs specified when creating the tls.TLSSocket instance, otherwise false.</p>
          <p>Returns the reason why the peer's certificate was not verified. This property is set only when tlsSocket.authorized is false.</p>
          </div></body></html>"##;
        assert_eq!(read(page).unwrap().fields.author, None);
    }

    /// The trail Sphinx's Read the Docs theme writes (QEMU's manual in
    /// Debian's qemu-utils): a home icon with no text, the page, then a
    /// "View page source" link after it.
    #[test]
    fn a_read_the_docs_trail_gives_the_step_above_the_page() {
        let page = r#"<html><head><title>QEMU disk image utility — QEMU documentation</title></head><body>
          <div role="navigation" aria-label="Page navigation"><ul class="wy-breadcrumbs">
            <li><a href="../index.html" class="icon icon-home" aria-label="Home"></a></li>
            <li class="breadcrumb-item"><a href="index.html">Tools</a></li>
            <li class="breadcrumb-item active">QEMU disk image utility</li>
            <li class="wy-breadcrumbs-aside"><a href="https://gitlab.com/qemu-project/qemu/-/blob/master/docs/tools/qemu-img.rst">View page source</a></li>
          </ul></div>
          <div role="main"><div itemprop="articleBody"><h1>QEMU disk image utility</h1>
          <p>qemu-img allows you to create, convert and modify images offline. It can handle all image formats supported by QEMU.</p>
          <p>Warning: Never use qemu-img to modify images in use by a running virtual machine or any other process; this may destroy the image.</p>
          </div></div></body></html>"#;
        assert_eq!(read(page).unwrap().fields.section.as_deref(), Some("Tools"));
    }

    #[test]
    fn paragraphs_are_one_blank_line_apart() {
        assert_eq!(paragraphs("\n\n  One  two \n three\n\n\n\nFour\n  ", Lines::Kept), "One two\nthree\n\nFour");
    }
}
