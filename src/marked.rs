//! Text with its matches wrapped in `<mark>`, from byte ranges. The text is
//! only ever inserted as text nodes, so markup in a document is shown, never run.

use std::ops::Range;

use leptos::either::Either;
use leptos::prelude::*;

/// Splits `text` into `(piece, is_match)`. Ranges that are out of bounds,
/// overlapping or not on character boundaries are skipped, never a panic.
pub fn pieces<'a>(text: &'a str, marks: &[Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut out = Vec::with_capacity(marks.len() * 2 + 1);
    let mut at = 0;
    for r in marks {
        let valid = r.start >= at && r.start < r.end && r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end);
        if !valid {
            continue;
        }
        if r.start > at {
            out.push((&text[at..r.start], false));
        }
        out.push((&text[r.clone()], true));
        at = r.end;
    }
    if at < text.len() {
        out.push((&text[at..], false));
    }
    out
}

/// `text` with `marks` highlighted; each mark carries `data-match="N"`
/// (its order, counted from `first`) so the reader can step through them.
#[component]
pub fn Marked(text: String, marks: Vec<Range<usize>>, #[prop(optional)] first: usize) -> impl IntoView {
    let mut n = first;
    pieces(&text, &marks)
        .into_iter()
        .map(|(piece, is_match)| {
            if is_match {
                n += 1;
                Either::Left(view! { <mark data-match=n - 1>{piece.to_string()}</mark> })
            } else {
                Either::Right(piece.to_string())
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_cover_the_text_and_skip_bad_ranges() {
        let text = "Camp Ashraf in Iraq";
        assert_eq!(pieces(text, &[0..4, 15..19]), [("Camp", true), (" Ashraf in ", false), ("Iraq", true)]);
        assert_eq!(pieces(text, &[]), [(text, false)]);
        assert_eq!(pieces(text, &[2..1, 3..100, 0..4, 2..6]), [("Camp", true), (" Ashraf in Iraq", false)]);
        assert_eq!(pieces("é", &[0..1]), [("é", false)]);
    }
}
