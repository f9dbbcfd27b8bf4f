//! Text with its matches in `<mark>` and, in the comparison, its shared
//! passages in coloured spans: the one renderer of marked text. It works
//! from byte ranges and inserts only text nodes, or, for a result's
//! snippet, HTML in which every character of the text is escaped
//! ([`marked_html`]), so markup in a document is shown, never run.

use std::ops::Range;

use engine::index::TextRef;

use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;

use crate::state::Explorer;

/// Passage colours cycle through this many classes (`c0` … `c5`).
pub const COLOURS: usize = 6;

/// A stretch of text with one look: inside a match (its number) or not,
/// inside a shared passage (its number) or not, inside a passage of the
/// person's notes (its number) or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub range: Range<usize>,
    pub mark: Option<usize>,
    pub passage: Option<usize>,
    pub note: Option<usize>,
}

/// Sorted, non-overlapping ranges of `list` that meet `span`, clipped to
/// it, with their numbers. Ranges out of bounds, empty, overlapping an
/// earlier one or not on character boundaries are skipped, never a panic.
fn clipped(text: &str, span: &Range<usize>, list: &[(Range<usize>, usize)]) -> Vec<(Range<usize>, usize)> {
    let first = list.partition_point(|(r, _)| r.end <= span.start);
    let mut out = Vec::new();
    let mut at = 0;
    for (r, n) in &list[first..] {
        if r.start >= span.end {
            break;
        }
        let ok = r.start >= at && r.start < r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end);
        if ok {
            out.push((r.start.max(span.start)..r.end.min(span.end), *n));
            at = r.end;
        }
    }
    out
}

/// Splits `text[span]` at every edge of `marks`, `passages` and `notes`
/// (each sorted by start, with its number): one sort of the edges, one sweep.
pub fn pieces(
    text: &str,
    span: Range<usize>,
    marks: &[(Range<usize>, usize)],
    passages: &[(Range<usize>, usize)],
    notes: &[(Range<usize>, usize)],
) -> Vec<Piece> {
    let span = span.start.min(text.len())..span.end.min(text.len());
    let layers = [clipped(text, &span, marks), clipped(text, &span, passages), clipped(text, &span, notes)];
    let mut cuts: Vec<usize> = vec![span.start, span.end];
    cuts.extend(layers.iter().flatten().flat_map(|(r, _)| [r.start, r.end]));
    engine::order::sort(&mut cuts);
    cuts.dedup();
    let mut next = [0usize; 3];
    cuts.windows(2)
        .map(|w| {
            let range = w[0]..w[1];
            let mut inside = [None; 3];
            for (k, list) in layers.iter().enumerate() {
                while next[k] < list.len() && list[next[k]].0.end <= range.start {
                    next[k] += 1;
                }
                inside[k] = list.get(next[k]).filter(|(r, _)| r.start <= range.start).map(|(_, n)| *n);
            }
            Piece { mark: inside[0], passage: inside[1], note: inside[2], range }
        })
        .collect()
}

/// The number of a cited passage (`at=`) among the notes' marks.
pub const CITED: usize = usize::MAX;

/// Renders pieces of `text`.
/// With `current`, marks carry `data-match` (their number) and the class
/// `current` while the reader's current match is theirs; a note's passage
/// is a span of class `note-mark` (`cited` for [`CITED`]) with `data-note`,
/// a shared passage a coloured span with `data-passage`; each calls its
/// callback when clicked.
///
/// The hottest view (every snippet of every keystroke, every block of the
/// reader), so a mark carries only what is read: without `current` (a
/// snippet, a comparison column) it is a bare `<mark>`, with no number and
/// no reactive class. Under `erase_components` an element's attributes are
/// a boxed list that a redraw removes and sets again whole, so each
/// attribute left out is two DOM calls fewer per redrawn mark.
pub fn render(text: &str, pieces: Vec<Piece>, current: bool, on_passage: Option<Callback<usize>>, on_note: Option<Callback<usize>>) -> impl IntoView {
    let explorer = current.then(expect_context::<Explorer>);
    pieces
        .into_iter()
        .map(|piece| {
            let words = text[piece.range].to_string();
            let inner = match (piece.mark, explorer) {
                (Some(n), Some(e)) => EitherOf3::A(view! { <mark data-match=n class:current=move || e.current_match() == n>{words}</mark> }),
                (Some(_), None) => EitherOf3::B(view! { <mark>{words}</mark> }),
                (None, _) => EitherOf3::C(words),
            };
            let noted = match piece.note {
                Some(n) => Either::Left(view! {
                    <span
                        class=if n == CITED { "cited" } else { "note-mark" }
                        data-note=n
                        on:click=move |_| {
                            if let Some(f) = on_note {
                                f.run(n);
                            }
                        }
                    >
                        {inner}
                    </span>
                }),
                None => Either::Right(inner),
            };
            match piece.passage {
                Some(id) => Either::Left(view! {
                    <span
                        class=format!("passage c{}", id % COLOURS)
                        data-passage=id
                        on:click=move |_| {
                            if let Some(f) = on_passage {
                                f.run(id);
                            }
                        }
                    >
                        {noted}
                    </span>
                }),
                None => Either::Right(noted),
            }
        })
        .collect_view()
}

/// A block closes at the first line end past this many bytes (or a blank line).
const BLOCK_BYTES: usize = 2_000;

/// Byte ranges of `text[range]` cut at line ends into blocks.
pub fn blocks(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    let mut at = range.start;
    for line in text[range.clone()].split_inclusive('\n') {
        at += line.len();
        if at - start >= BLOCK_BYTES || line.trim().is_empty() {
            out.push(start..at);
            start = at;
        }
    }
    if start < range.end {
        out.push(start..range.end);
    }
    out
}

/// The items of `list` (sorted by start, not overlapping) that meet `span`, with their numbers.
fn within<T: Clone>(list: &[(Range<usize>, T)], span: &Range<usize>) -> Vec<(Range<usize>, T)> {
    let first = list.partition_point(|(r, _)| r.end <= span.start);
    list[first..].iter().take_while(|(r, _)| r.start < span.end).cloned().collect()
}

/// Ranges with their numbers (shared passages, notes).
pub type Numbered = Vec<(Range<usize>, usize)>;

/// A document's text (or `range` of it), drawn once in blocks of a few
/// lines. Each block keeps a memo of the marks and passages inside it, so a
/// new query redraws only the blocks whose marks changed, and stepping
/// through matches (`current`) only moves a class. A block is a span whose
/// `data-at` is its byte offset in the text: a selection is mapped back to
/// the text through it ([`selected`]).
#[component]
pub fn MarkedText(
    /// (Held while it is drawn: the index may let it go meanwhile.)
    text: TextRef,
    range: Range<usize>,
    /// Matches, sorted; numbered by their place in the whole list.
    marks: Signal<Vec<Range<usize>>>,
    /// Shared passages, sorted by start, with their numbers.
    #[prop(optional)]
    passages: Option<Signal<Numbered>>,
    /// The person's notes' passages, sorted by start, with their numbers.
    #[prop(optional)]
    notes: Option<Signal<Numbered>>,
    #[prop(optional)] current: bool,
    #[prop(optional)] on_passage: Option<Callback<usize>>,
    #[prop(optional)] on_note: Option<Callback<usize>>,
) -> impl IntoView {
    blocks(&text, range)
        .into_iter()
        .map(|span| {
            let (from, to) = (span.start, span.end);
            let text = text.clone();
            let mine = Memo::new(move |_| {
                let numbered = marks.with(|m| {
                    let first = m.partition_point(|r| r.end <= span.start);
                    m[first..].iter().take_while(|r| r.start < span.end).cloned().zip(first..).collect::<Vec<_>>()
                });
                let within_span = |list: Option<Signal<Numbered>>| list.map(|l| l.with(|ls| within(ls, &span))).unwrap_or_default();
                (numbered, within_span(passages), within_span(notes))
            });
            view! { <span data-at=from>{move || mine.with(|(m, p, n)| render(&text, pieces(&text, from..to, m, p, n), current, on_passage, on_note))}</span> }
        })
        .collect_view()
}

/// `text` with `marks` in `<mark>`, as HTML: a result's snippet, set with
/// one `innerHTML` rather than a node and an insertion per piece (a list of
/// eight snippets was about 300 DOM calls a keystroke, most of the list's).
/// Every character of the text is escaped, so markup in a document is
/// shown, never run, as with text nodes.
pub fn marked_html(out: &mut String, text: &str, marks: &[Range<usize>]) {
    let numbered: Vec<(Range<usize>, usize)> = marks.iter().cloned().zip(0..).collect();
    for p in pieces(text, 0..text.len(), &numbered, &[], &[]) {
        let piece = &text[p.range];
        if p.mark.is_some() {
            out.push_str("<mark>");
            escape_into(out, piece);
            out.push_str("</mark>");
        } else {
            escape_into(out, piece);
        }
    }
}

/// Appends `text` escaped for HTML text or a quoted attribute value.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// The byte range of `text` the person has selected inside `within` (an
/// element holding [`MarkedText`] of that text), white space at its ends
/// left out; `None` when nothing there is selected. Each end is found from
/// its block's `data-at` plus the length of the text before it in the block
/// (UTF-16 units in the DOM, walked back to bytes).
pub fn selected(text: &str, within: &web_sys::Element) -> Option<Range<usize>> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let start = offset_of(text, within, &range.start_container().ok()?, range.start_offset().ok()?)?;
    let end = offset_of(text, within, &range.end_container().ok()?, range.end_offset().ok()?)?;
    let (start, end) = (start.min(end), start.max(end));
    let inner = &text[start..end];
    let start = start + (inner.len() - inner.trim_start().len());
    let end = end - (inner.len() - inner.trim_end().len());
    (start < end).then_some(start..end)
}

/// The byte offset in `text` of a DOM position inside one of its blocks.
fn offset_of(text: &str, within: &web_sys::Element, node: &web_sys::Node, at: u32) -> Option<usize> {
    use wasm_bindgen::JsCast;
    let element = match node.dyn_ref::<web_sys::Element>() {
        Some(e) => e.clone(),
        None => node.parent_element()?,
    };
    let block = element.closest("[data-at]").ok()??;
    if !within.contains(Some(&block)) {
        return None;
    }
    let from: usize = block.get_attribute("data-at")?.parse().ok()?;
    let before = leptos::prelude::document().create_range().ok()?;
    before.set_start(&block, 0).ok()?;
    before.set_end(node, at).ok()?;
    let units = before.to_string().length() as usize;
    let mut seen = 0;
    for (i, c) in text.get(from..)?.char_indices() {
        if seen >= units {
            return Some(from + i);
        }
        seen += c.len_utf16();
    }
    Some(text.len())
}

#[cfg(test)]
// Test data: one-range lists and a reversed range (bad input the code must skip).
#[allow(clippy::single_range_in_vec_init, clippy::reversed_empty_ranges)]
mod tests {
    use super::*;

    fn looks<'a>(text: &'a str, ps: &[Piece]) -> Vec<(&'a str, Option<usize>, Option<usize>)> {
        ps.iter().map(|p| (&text[p.range.clone()], p.mark, p.passage)).collect()
    }

    #[test]
    fn a_snippet_as_html_marks_its_ranges_and_escapes_every_markup_character() {
        let mut out = String::new();
        marked_html(&mut out, "<b>Camp</b> & “Ashraf’s” 'x' \"y\"", &[3..7, 14..30]);
        assert_eq!(out, "&lt;b&gt;<mark>Camp</mark>&lt;/b&gt; &amp; <mark>“Ashraf’s”</mark> &#39;x&#39; &quot;y&quot;");
        // Bad ranges are skipped as the pieces skip them; nothing unescaped gets through.
        let mut out = String::new();
        marked_html(&mut out, "é<script>", &[0..1, 2..100]);
        assert_eq!(out, "é&lt;script&gt;");
    }

    #[test]
    fn pieces_cover_the_text_and_skip_bad_ranges() {
        let text = "Camp Ashraf in Iraq";
        let n = |rs: &[Range<usize>]| rs.iter().cloned().enumerate().map(|(i, r)| (r, i)).collect::<Vec<_>>();
        let all = 0..text.len();
        assert_eq!(
            looks(text, &pieces(text, all.clone(), &n(&[0..4, 15..19]), &[], &[])),
            [("Camp", Some(0), None), (" Ashraf in ", None, None), ("Iraq", Some(1), None)]
        );
        assert_eq!(looks(text, &pieces(text, all.clone(), &[], &[], &[])), [(text, None, None)]);
        assert_eq!(looks(text, &pieces(text, all, &n(&[2..1, 3..100, 0..4, 2..6]), &[], &[])), [("Camp", Some(2), None), (" Ashraf in Iraq", None, None)]);
        assert_eq!(looks("é", &pieces("é", 0..2, &n(&[0..1]), &[], &[])), [("é", None, None)]);
    }

    #[test]
    fn marks_and_passages_split_at_every_edge() {
        let text = "abcdefghijklmnopqrst";
        let got = pieces(text, 0..20, &[(5..12, 0)], &[(2..10, 7)], &[(8..15, 3)]);
        let ranges: Vec<_> = got.iter().map(|p| (p.range.clone(), p.passage, p.mark, p.note)).collect();
        assert_eq!(
            ranges,
            [
                (0..2, None, None, None),
                (2..5, Some(7), None, None),
                (5..8, Some(7), Some(0), None),
                (8..10, Some(7), Some(0), Some(3)),
                (10..12, None, Some(0), Some(3)),
                (12..15, None, None, Some(3)),
                (15..20, None, None, None)
            ]
        );
        assert!(pieces("", 0..0, &[], &[], &[]).is_empty());
    }

    #[test]
    fn blocks_cover_the_range_at_line_ends() {
        let text = format!("Title\n\n{}\nshort\n\nlast", "x".repeat(3000));
        let bs = blocks(&text, 0..text.len());
        assert_eq!(bs.first().unwrap().start, 0);
        assert_eq!(bs.last().unwrap().end, text.len());
        assert!(bs.windows(2).all(|w| w[0].end == w[1].start));
        assert!(bs.iter().all(|b| b.end == text.len() || text[..b.end].ends_with('\n')));
        assert_eq!(blocks("abc", 1..3), [1..3]);
    }

    #[test]
    fn a_span_clips_what_crosses_its_edges() {
        let text = "one two three four";
        let got = pieces(text, 4..13, &[(0..7, 0), (8..18, 1)], &[], &[]);
        assert_eq!(looks(text, &got), [("two", Some(0), None), (" ", None, None), ("three", Some(1), None)]);
    }
}
