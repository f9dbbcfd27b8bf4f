//! Headings found again in a document's text.
//!
//! A format reader knows which of its blocks are headings (a page's
//! `<h2>`, a Word paragraph in "Heading 1", an e-book's chapter) while it
//! still has the markup; the text it returns is plain. Rather than every
//! reader counting bytes as it writes, each lists its headings (level and
//! words) in order and [`locate`] finds them in the finished text: each on
//! the first line after the one before it whose words are the heading's.
//! A heading the text lost (Readability drops some) is passed over, never
//! placed elsewhere out of order.

use std::collections::HashMap;

use crate::index::Heading;

/// The headings of `text`, from `wanted` (level, words) in reading order.
/// A first line that is the document's `title` is not a heading of it (the
/// reader shows the title above the text already).
pub fn locate(text: &str, wanted: &[(u8, String)], title: Option<&str>) -> Vec<Heading> {
    if wanted.is_empty() {
        return Vec::new();
    }
    // Every non-blank line, by its words, with its byte range.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut by_words: HashMap<String, Vec<usize>> = HashMap::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = at + (line.len() - line.trim_start().len());
            by_words.entry(words(trimmed)).or_default().push(lines.len());
            lines.push((start, start + trimmed.len()));
        }
        at += line.len();
    }
    let mut out = Vec::new();
    let mut next = 0;
    for (level, heading) in wanted {
        let Some(found) = by_words.get(&words(heading)) else { continue };
        let i = found.partition_point(|&l| l < next);
        let Some(&line) = found.get(i) else { continue };
        next = line + 1;
        let (start, end) = lines[line];
        if line == 0 && title.is_some_and(|t| words(t) == words(&text[start..end])) {
            continue;
        }
        out.push(Heading { at: start as u32, end: end as u32, level: (*level).clamp(1, 6) });
    }
    out
}

/// The words of a line, one space between them (how a heading is matched).
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(level: u8, s: &str) -> (u8, String) {
        (level, s.to_string())
    }

    fn texts<'a>(text: &'a str, found: &[Heading]) -> Vec<(u8, &'a str)> {
        found.iter().map(|h| (h.level, &text[h.at as usize..h.end as usize])).collect()
    }

    #[test]
    fn headings_are_found_in_order_each_after_the_one_before() {
        let text = "Title\n\nIntro\n\n  Background \nText about the background.\n\nMethod\n\nBackground\n\nMore.";
        let found = locate(text, &[h(2, "Background"), h(2, "Method"), h(3, "Background")], Some("Title"));
        assert_eq!(texts(text, &found), [(2, "Background"), (2, "Method"), (3, "Background")]);
        // The second "Background" is the later line, not the first one again.
        assert!(found[2].at > found[1].at);
    }

    #[test]
    fn a_heading_the_text_lost_is_passed_over_and_the_rest_still_found() {
        let text = "One\n\nTwo\n\nThree";
        let found = locate(text, &[h(1, "One"), h(1, "Missing"), h(1, "Three")], None);
        assert_eq!(texts(text, &found), [(1, "One"), (1, "Three")]);
    }

    #[test]
    fn white_space_inside_a_heading_does_not_matter_and_the_title_line_is_not_a_heading() {
        let text = "The  title\n\nA   heading\n\nBody.";
        let found = locate(text, &[h(1, "The title"), h(2, "A heading")], Some("The title"));
        assert_eq!(texts(text, &found), [(2, "A   heading")]);
    }
}
