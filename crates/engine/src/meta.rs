//! Metadata read off a document's text: title, section (from a breadcrumb),
//! author, publication date and kind. Extraction never invents: a field that
//! is not found stays `None`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub section: Option<String>,
    pub author: Option<String>,
    /// ISO date `YYYY-MM-DD` as written in the document's header.
    pub date: Option<String>,
    pub kind: Kind,
    pub words: u32,
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
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut section = None;
    let mut title = None;
    for line in lines.iter().take(5) {
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
        if title.is_none() {
            title = Some(clip(line, 200));
        }
        break;
    }
    let header: Vec<&str> = lines.iter().take(6).copied().collect();
    Meta {
        title: title.unwrap_or_else(|| fallback_title.to_string()),
        section,
        author: find_author(&lines),
        date: header.iter().find_map(|l| header_date(l)),
        kind: if is_interview(&lines) { Kind::Interview } else { Kind::Article },
        words: crate::tokenize::tokenize(text).len() as u32,
    }
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
    fn byline_and_interview_kind() {
        let m = extract("T\nQ: one?\nA: yes\nQ: two?\nA: no\nBy Dan Murphy\n", "x");
        assert_eq!(m.author.as_deref(), Some("Dan Murphy"));
        assert_eq!(m.kind, Kind::Interview);
        assert_eq!(extract("T\nBy the way, no author here\n", "x").author, None);
    }
}
