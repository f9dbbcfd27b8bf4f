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
//!
//! A Markdown file is its own markup: [`markdown`] reads its headings
//! (`#` to `######` at a line's start, outside fenced code) and drops their
//! marks from the text, so the reader and the snippets show the words.

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

/// A Markdown text with its ATX headings' marks dropped (`## Camp Ashraf ##`
/// becomes the line `Camp Ashraf`), and those headings. Lines inside a
/// fenced code block (```` ``` ```` or `~~~`) are code, never headings (a
/// shell comment starts with `#`); `#word` with no space is a hashtag.
pub fn markdown(text: &str) -> (String, Vec<Heading>) {
    let mut out = String::with_capacity(text.len());
    let mut headings = Vec::new();
    let mut fence: Option<(u8, usize)> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let indent = body.len() - body.trim_start_matches(' ').len();
        let rest = &body[indent..];
        let run = |c: u8| rest.bytes().take_while(|&b| b == c).count();
        if indent <= 3 {
            if let Some(c) = [b'`', b'~'].into_iter().find(|&c| run(c) >= 3) {
                match fence {
                    None => fence = Some((c, run(c))),
                    Some((open, len)) if open == c && run(c) >= len && rest[run(c)..].trim().is_empty() => fence = None,
                    Some(_) => {}
                }
                out.push_str(line);
                continue;
            }
        }
        let level = run(b'#');
        let after = rest.get(level..).unwrap_or_default();
        if fence.is_none() && indent <= 3 && (1..=6).contains(&level) && (after.is_empty() || after.starts_with([' ', '\t'])) {
            // The words, without a closing run of `#` (one after a space).
            let mut words = after.trim();
            let closing = words.trim_end_matches('#');
            if closing.is_empty() || closing.ends_with([' ', '\t']) {
                words = closing.trim_end();
            }
            if !words.is_empty() {
                let at = out.len();
                out.push_str(words);
                headings.push(Heading { at: at as u32, end: out.len() as u32, level: level as u8 });
                out.push_str(ending);
                continue;
            }
        }
        out.push_str(line);
    }
    (out, headings)
}

/// A Markdown file as a document: its text with the headings' marks
/// dropped, its headings, and the title its headings give. A first line
/// that is a heading is the title (the text's first line, or the one front
/// matter `given`s when they agree) and not a heading as well; when the
/// first line is no heading (a README's badges, a label) and nothing is
/// given, the title is the first heading of the highest level.
pub fn markdown_document(text: &str, given: Option<&str>) -> (String, Vec<Heading>, Option<String>) {
    let (text, mut headings) = markdown(text);
    let words_of = |h: &Heading| words(&text[h.at as usize..h.end as usize]);
    let mut title = None;
    match headings.first() {
        // The title's own line, or a first heading front matter's title differs from.
        Some(first) if first.at == 0 && given.is_none_or(|t| words(t) == words_of(first)) => {
            headings.remove(0);
        }
        Some(first) if first.at == 0 => {}
        Some(_) if given.is_none() => {
            let top = headings.iter().map(|h| h.level).min().unwrap_or(1);
            title = headings.iter().find(|h| h.level == top).map(words_of);
        }
        _ => {}
    }
    (text, headings, title)
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
    fn markdown_headings_lose_their_marks_and_code_and_hashtags_are_not_headings() {
        let md = "# Camp Ashraf\n\nIntro with a #hashtag.\n\n## Timeline ##\n\n```sh\n# not a heading\n```\n\n   ### Sources\r\n#\n####### seven\n";
        let (text, found) = markdown(md);
        assert_eq!(text, "Camp Ashraf\n\nIntro with a #hashtag.\n\nTimeline\n\n```sh\n# not a heading\n```\n\nSources\r\n#\n####### seven\n");
        assert_eq!(texts(&text, &found), [(1, "Camp Ashraf"), (2, "Timeline"), (3, "Sources")]);
        // A text with no heading is given back as it was.
        assert_eq!(markdown("Plain\n\ntext").0, "Plain\n\ntext");
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
