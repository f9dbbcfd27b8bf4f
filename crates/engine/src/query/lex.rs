//! The query text cut into lexemes: brackets, quoted phrases (straight or
//! curly quotes, an unclosed one running to the end, `"a b"~N` for words
//! near each other), words, and the operators `OR`/`|`, `AND`/`&`, `NOT` and
//! a leading `-`. Never fails. Each lexeme keeps its byte range, so a
//! suggestion can replace one word of what the user typed.

use std::ops::Range;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Lexeme {
    Open,
    Close,
    /// Text, whether its closing quote was there, and `~N` after it.
    Phrase(String, bool, Option<u32>),
    Word(String),
    Minus,
    Or,
    And,
    Not,
}

pub(super) fn lex(input: &str) -> Vec<Lexeme> {
    lex_spanned(input).into_iter().map(|(l, _)| l).collect()
}

/// Lexemes with their byte ranges in `input`.
pub(super) fn lex_spanned(input: &str) -> Vec<(Lexeme, Range<usize>)> {
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                out.push((Lexeme::Open, i..i + 1));
            }
            ')' => {
                chars.next();
                out.push((Lexeme::Close, i..i + 1));
            }
            '"' | '“' | '”' => {
                chars.next();
                let start = i + c.len_utf8();
                let mut end = input.len();
                let mut closed = false;
                for (j, d) in chars.by_ref() {
                    if matches!(d, '"' | '“' | '”') {
                        end = j;
                        closed = true;
                        break;
                    }
                }
                let mut span_end = if closed { end + input[end..].chars().next().map_or(0, char::len_utf8) } else { end };
                // `~N` straight after the closing quote: the words within N of each other.
                let mut near = None;
                if closed && input[span_end..].starts_with('~') {
                    let digits: String = input[span_end + 1..].chars().take_while(char::is_ascii_digit).collect();
                    if let Ok(n) = digits.parse::<u32>() {
                        near = Some(n);
                        span_end += 1 + digits.len();
                        while chars.peek().is_some_and(|&(j, _)| j < span_end) {
                            chars.next();
                        }
                    }
                }
                out.push((Lexeme::Phrase(input[start..end].to_string(), closed, near), i..span_end));
            }
            // At the start of a token (inside a word it is a hyphen).
            '-' => {
                chars.next();
                match chars.peek() {
                    Some(&(_, n)) if !n.is_whitespace() => out.push((Lexeme::Minus, i..i + 1)),
                    _ => {}
                }
            }
            _ => {
                let start = i;
                let mut end = input.len();
                while let Some(&(j, d)) = chars.peek() {
                    if d.is_whitespace() || matches!(d, '(' | ')' | '"' | '“' | '”') {
                        end = j;
                        break;
                    }
                    chars.next();
                }
                let w = &input[start..end];
                // A field name directly followed by a quote: `title:"a b"`.
                let lexeme = match w {
                    "OR" | "|" => Lexeme::Or,
                    "AND" | "&" => Lexeme::And,
                    "NOT" => Lexeme::Not,
                    _ => Lexeme::Word(w.to_string()),
                };
                out.push((lexeme, start..end));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_proximity() {
        let q = "camp \"ashraf iraq\"~5 -x";
        let l = lex_spanned(q);
        assert_eq!(l[0], (Lexeme::Word("camp".into()), 0..4));
        assert_eq!(l[1], (Lexeme::Phrase("ashraf iraq".into(), true, Some(5)), 5..20));
        assert_eq!(&q[l[1].1.clone()], "\"ashraf iraq\"~5");
        assert_eq!(l[2].0, Lexeme::Minus);
        assert_eq!(l[3], (Lexeme::Word("x".into()), 22..23));
        // `~` without a number is not proximity; the rest is a word.
        assert_eq!(lex("\"a b\"~x"), [Lexeme::Phrase("a b".into(), true, None), Lexeme::Word("~x".into())]);
        assert_eq!(lex("“a b”~2"), [Lexeme::Phrase("a b".into(), true, Some(2))]);
    }
}
