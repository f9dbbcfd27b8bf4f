//! Metadata read off a document's text: title, section (from a breadcrumb),
//! author, publication date and kind. Extraction never invents: a field that
//! is not found stays `None`. Build only: the page reads what was found.

use super::dates::{find_dates, header_date};
use crate::index::document::More;
use crate::index::{Kind, Meta};

const BREADCRUMB_SEP: &str = " » ";

/// Reads what the text says about itself. `fallback_title` (the file name)
/// is used only when the text has no line to take a title from.
pub fn extract(text: &str, fallback_title: &str) -> Meta {
    extract_counted(text, fallback_title, crate::analysis::token_bounds(text).len() as u32)
}

/// As [`extract`], with the word count already known (indexing counts them).
pub(crate) fn extract_counted(text: &str, fallback_title: &str, words: u32) -> Meta {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut section = None;
    let mut title = None;
    for line in lines.iter().take(8) {
        if line.starts_with("Home") && line.contains(BREADCRUMB_SEP) {
            let parts: Vec<&str> = line.split(BREADCRUMB_SEP).map(str::trim).collect();
            // `Home » Section » Title`: the part before the title is the section.
            if parts.len() >= 3 {
                section = Some(parts[parts.len() - 2].to_string());
            } else if parts.len() == 2 {
                title = Some(parts[1].to_string());
            }
            continue;
        }
        // Markup around a plain-text title (reStructuredText comments and
        // directives, `:field:` lines, `=====` rules) is not the title.
        if line.starts_with("..") || (line.starts_with(':') && line[1..].contains(':')) || line.chars().all(|c| c.is_ascii_punctuation()) {
            continue;
        }
        if title.is_none() {
            title = Some(clip(line, 200));
        }
        break;
    }
    let header: Vec<&str> = lines.iter().take(6).copied().collect();
    let dates = find_dates(text);
    let references = find_references(text);
    let mut date = header.iter().find_map(|l| header_date(l));
    let mut date_inferred = false;
    if date.is_none() {
        if let Some((from, to)) = references {
            date = dates.iter().filter(|d| d.at >= from && d.at < to).map(|d| d.iso.clone()).max();
            date_inferred = date.is_some();
        }
    }
    let mut meta = Meta {
        title: title.unwrap_or_else(|| fallback_title.to_string()).into(),
        date,
        date_inferred,
        kind: if is_interview(&lines) { Kind::Interview } else { Kind::Article },
        words,
        ..Meta::default()
    };
    let author = find_author(&lines);
    if section.is_some() || author.is_some() || !dates.is_empty() || references.is_some() {
        *meta = More { section, author, dates, references, ..More::default() };
    }
    meta
}

/// The footnote list: from the first line that starts with `[1]` in the
/// second half of the text to the end of the last line starting with `[N]`.
fn find_references(text: &str) -> Option<(u32, u32)> {
    let mut start = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let numbered =
            t.starts_with('[') && t[1..].split_once(']').is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
        if numbered {
            if start.is_none() && t.starts_with("[1]") && offset >= text.len() / 2 {
                start = Some(offset);
            }
            if start.is_some() {
                end = offset + line.trim_end().len();
            }
        }
        offset += line.len();
    }
    start.map(|s| (s as u32, end as u32))
}

fn clip(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// `By Dan Murphy` on a line of its own; or the subject of `Interview with X,`.
fn find_author(lines: &[&str]) -> Option<String> {
    for line in lines {
        if let Some(rest) = line.strip_prefix("By ") {
            let name = rest.trim();
            let words = name.split_whitespace().count();
            if (2..=4).contains(&words) && name.split_whitespace().all(|w| w.starts_with(char::is_uppercase)) {
                return Some(name.to_string());
            }
        }
    }
    for line in lines.iter().take(8) {
        if let Some(rest) = line.strip_prefix("Interview with ") {
            let name = rest.split(',').next().unwrap_or(rest).trim();
            if !name.is_empty() {
                return Some(name.to_string());
            }
        }
        // "… interviews Hossein Alaei, a senior analyst …": the capitalised words after it.
        if let Some((_, rest)) = line.split_once(" interviews ") {
            let name: Vec<&str> = rest.split_whitespace().take_while(|w| w.starts_with(char::is_uppercase)).take(4).collect();
            let name = name.join(" ");
            let name = name.trim_end_matches(',');
            if name.split_whitespace().count() >= 2 {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// Question/answer turns: `Q:`/`A:` or short upper-case speaker labels such
/// as `IRD:`/`SB:`, at a line start or inline (scraped interviews often lose
/// their line breaks): four or more, two speakers taking turns.
fn is_interview(lines: &[&str]) -> bool {
    // Speaker labels in text order: `IRD:`, `Q:`, up to four capitals.
    let said: Vec<&str> = lines
        .iter()
        .flat_map(|l| l.split_whitespace())
        .filter_map(|word| word.strip_suffix(':'))
        .filter(|label| (1..=4).contains(&label.len()) && label.chars().all(|c| c.is_ascii_uppercase()))
        .collect();
    if said.len() < 4 {
        return false;
    }
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for label in &said {
        match counts.iter_mut().find(|(l, _)| l == label) {
            Some((_, n)) => *n += 1,
            None => counts.push((label, 1)),
        }
    }
    crate::order::sort_by_key(&mut counts, |&(_, n)| std::cmp::Reverse(n));
    let [(a, major), (b, minor), ..] = counts[..] else { return false };
    // Two voices take turns: between them nearly every label, about as
    // often each, the one after the other. A manual's `NOTE:`, `API:` or
    // `TODO:` are labels too, but not turns (one of them most of the time,
    // or a run of the same one).
    let theirs: Vec<&str> = said.iter().copied().filter(|l| *l == a || *l == b).collect();
    let turns = theirs.windows(2).filter(|w| w[0] != w[1]).count();
    theirs.len() * 10 >= said.len() * 9 && minor * 2 >= major && turns * 2 >= theirs.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breadcrumb_gives_section_not_title() {
        let m = extract("Home » Iraq » Who are the MKO?\n\nWho are the MKO?\n\nBody.", "x");
        assert_eq!(m.title, "Who are the MKO?");
        assert_eq!(m.section.as_deref(), Some("Iraq"));
    }

    #[test]
    fn markup_lines_before_a_title_are_skipped() {
        let m = extract(".. SPDX-License-Identifier: GPL-2.0\n\n.. _memory:\n\n:orphan:\n\n=========\nMemory map\n=========\n\nText.", "x");
        assert_eq!(m.title, "Memory map");
    }

    #[test]
    fn plain_first_line_is_title() {
        let m = extract("\n\nMKO fears the U.S. withdrawal\n\nAll U.S. troops", "x");
        assert_eq!(m.title, "MKO fears the U.S. withdrawal");
        assert_eq!(m.section, None);
        assert_eq!(m.author, None);
        assert_eq!(m.date, None);
    }

    #[test]
    fn empty_text_falls_back_to_file_name() {
        assert_eq!(extract("", "notes/a").title, "notes/a");
    }

    #[test]
    fn header_date_and_interviewee() {
        let m = extract("Title\n\n12 April 2011 | 21:27 Code : 1\nInterview with Sirous Borna, an expert\n", "x");
        assert_eq!(m.date.as_deref(), Some("2011-04-12"));
        assert_eq!(m.author.as_deref(), Some("Sirous Borna"));
    }

    #[test]
    fn date_inferred_from_latest_reference() {
        let body = "Body text. [1] inline marker.\n".repeat(10);
        let text = format!("Title\n\n{body}\n[1] Paper, Sep.19, 2011\n[2] Other, Oct26, 2011\n\nBy A Writer\n");
        let m = extract(&text, "x");
        assert_eq!(m.date.as_deref(), Some("2011-10-26"));
        assert!(m.date_inferred);
        let (from, to) = m.references.unwrap();
        assert!(text[from as usize..to as usize].starts_with("[1] Paper"));
        assert!(text[from as usize..to as usize].ends_with("Oct26, 2011"));
        // A header date wins and is not inferred.
        let m = extract(&format!("T\n12 April 2011 | 21:27\n{text}"), "x");
        assert_eq!((m.date.as_deref(), m.date_inferred), (Some("2011-04-12"), false));
    }

    #[test]
    fn byline_and_interview_kind() {
        let m = extract("T\nQ: one?\nA: yes\nQ: two?\nA: no\nBy Dan Murphy\n", "x");
        assert_eq!(m.author.as_deref(), Some("Dan Murphy"));
        assert_eq!(m.kind, Kind::Interview);
        assert_eq!(extract("T\nBy the way, no author here\n", "x").author, None);
    }

    /// Labels that are not turns: libxslt's `NOTE:`s with a `SAX:` or two,
    /// libtasn1's `ANY:` runs, Node.js's `API:` among other capitals, as
    /// Debian's manuals have them.
    #[test]
    fn a_manuals_labels_are_not_an_interview() {
        for text in [
            "T\nNOTE: one\nNOTE: two\nSAX: three\nNOTE: four\nNOTE: five\nNOTE: six\n",
            "T\nANY: a\nANY: b\nANY: c\nOF: d\nOF: e\n",
            "T\nAPI: a\nABC: b\nABC: c\nABC: d\nABC: e\nABC: f\n",
        ] {
            assert_eq!(extract(text, "x").kind, Kind::Article, "{text:?}");
        }
        // Two voices in one paragraph, as a scraped interview runs on, are still one.
        assert_eq!(extract("T\nQ: one? A: yes. Q: two? A: no. Q: three? A: maybe.\n", "x").kind, Kind::Interview);
    }
}
