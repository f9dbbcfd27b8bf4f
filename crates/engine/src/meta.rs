//! Metadata read off a document's text: title, section (from a breadcrumb),
//! author, publication date and kind. Extraction never invents: a field that
//! is not found stays `None`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub section: Option<String>,
    pub author: Option<String>,
    /// ISO date `YYYY-MM-DD`: as written in the header, else (with
    /// `date_inferred`) the latest date cited in the references.
    pub date: Option<String>,
    pub date_inferred: bool,
    pub kind: Kind,
    pub words: u32,
    /// Every date written anywhere in the text, with its byte offset.
    pub dates: Vec<DateMention>,
    /// Byte range of the footnote / reference list, if there is one.
    pub references: Option<(u32, u32)>,
    /// Entities (alias group names, then frequent proper nouns) it mentions.
    pub entities: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub at: u32,
    pub iso: String,
}

impl Meta {
    /// Minutes at 230 words a minute, at least one.
    pub fn reading_minutes(&self) -> u32 {
        self.words.div_ceil(230).max(1)
    }

    pub fn year(&self) -> Option<&str> {
        self.date.as_deref().map(|d| &d[..4.min(d.len())])
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    #[default]
    Article,
    Interview,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Interview => "interview",
        }
    }
}

const BREADCRUMB_SEP: &str = " » ";

/// Reads what the text says about itself. `fallback_title` (the file name)
/// is used only when the text has no line to take a title from.
pub fn extract(text: &str, fallback_title: &str) -> Meta {
    extract_counted(text, fallback_title, crate::tokenize::token_bounds(text).len() as u32)
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
    Meta {
        title: title.unwrap_or_else(|| fallback_title.to_string()),
        section,
        author: find_author(&lines),
        date,
        date_inferred,
        kind: if is_interview(&lines) { Kind::Interview } else { Kind::Article },
        words,
        dates,
        references,
        entities: Vec::new(),
    }
}

/// The footnote list: from the first line that starts with `[1]` in the
/// second half of the text to the end of the last line starting with `[N]`.
fn find_references(text: &str) -> Option<(u32, u32)> {
    let mut start = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let numbered = t.starts_with('[') && t[1..].split_once(']').is_some_and(|(n, _)| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()));
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

/// Month number of a full or abbreviated English month name.
fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| *m == w || (w.len() >= 3 && m.starts_with(w) && (w.len() == 3 || w == "sept"))).map(|i| i as u32 + 1)
}

/// Dates written as `12 April 2011`, `April 12, 2011`, `Oct.23, 2011`,
/// `Oct26, 2011` or `26 OCT 2010`, with the byte offset where each starts.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    // Runs of letters or of digits, with their offsets: `Oct26` is two runs.
    let mut runs: Vec<(usize, &str)> = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let class = if c.is_ascii_digit() { Some(true) } else if c.is_alphabetic() { Some(false) } else { None };
        match (start, class) {
            (Some((_, d)), Some(k)) if d == k => {}
            (Some((s, _)), k) => {
                runs.push((s, &text[s..i]));
                start = k.map(|k| (i, k));
            }
            (None, k) => start = k.map(|k| (i, k)),
        }
    }
    let day = |w: &str| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d) && w.len() <= 2);
    let year = |w: &str| w.parse::<u32>().ok().filter(|y| (1800..=2999).contains(y) && w.len() == 4);
    // Runs must be close: only spaces and light punctuation between them.
    let near = |a: usize, b: usize| {
        let (ea, sb) = (runs[a].0 + runs[a].1.len(), runs[b].0);
        sb - ea <= 3 && text[ea..sb].chars().all(|c| matches!(c, ' ' | ',' | '.' | '\u{a0}'))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < runs.len() {
        let (a, b, c) = (runs[i].1, runs[i + 1].1, runs[i + 2].1);
        let found = if near(i, i + 1) && near(i + 1, i + 2) {
            match (day(a), month_number(b), year(c), month_number(a), day(b)) {
                (Some(d), Some(m), Some(y), _, _) => Some((d, m, y)),
                (_, _, Some(y), Some(m), Some(d)) => Some((d, m, y)),
                _ => None,
            }
        } else {
            None
        };
        if let Some((d, m, y)) = found {
            out.push(DateMention { at: runs[i].0 as u32, iso: format!("{y:04}-{m:02}-{d:02}") });
            i += 3;
        } else {
            i += 1;
        }
    }
    out
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

const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
];

/// `12 April 2011 | 21:27` or `April 12, 2011` at the start of a header line.
fn header_date(line: &str) -> Option<String> {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_lowercase)
        .collect();
    if words.len() < 3 {
        return None;
    }
    let month = |w: &str| MONTHS.iter().position(|m| *m == w).map(|i| i as u32 + 1);
    let day = |w: &str| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    let year = |w: &str| w.parse::<u32>().ok().filter(|y| (1000..=2999).contains(y));
    let (d, m, y) = if let (Some(d), Some(m), Some(y)) = (day(&words[0]), month(&words[1]), year(&words[2])) {
        (d, m, y)
    } else if let (Some(m), Some(d), Some(y)) = (month(&words[0]), day(&words[1]), year(&words[2])) {
        (d, m, y)
    } else {
        return None;
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// Question/answer turns: `Q:`/`A:` or short upper-case speaker labels such
/// as `IRD:`/`SB:`, at a line start or inline (scraped interviews often lose
/// their line breaks), with at least two speakers taking four turns.
fn is_interview(lines: &[&str]) -> bool {
    let mut speakers: Vec<&str> = Vec::new();
    let mut turns = 0;
    for word in lines.iter().flat_map(|l| l.split_whitespace()) {
        let Some(label) = word.strip_suffix(':') else { continue };
        if (1..=4).contains(&label.len()) && label.chars().all(|c| c.is_ascii_uppercase()) {
            turns += 1;
            if !speakers.contains(&label) {
                speakers.push(label);
            }
        }
    }
    speakers.len() >= 2 && turns >= 4
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
    fn dates_in_many_spellings() {
        let text = "On October 21, 2011 and 12 April 2011; Oct.23, 2011, Oct26, 2011, 26 OCT 2010: Web. 21 Dec 2010. Not 1344 AH, not May.";
        let found = find_dates(text);
        let isos: Vec<&str> = found.iter().map(|d| d.iso.as_str()).collect();
        assert_eq!(isos, ["2011-10-21", "2011-04-12", "2011-10-23", "2011-10-26", "2010-10-26", "2010-12-21"]);
        assert_eq!(find_dates(text)[0].at, 3);
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
}
