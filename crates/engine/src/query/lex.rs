//! The query text cut into lexemes: brackets, quoted phrases (straight or
//! curly quotes, an unclosed one running to the end), words, and the
//! operators `OR`/`|`, `AND`/`&`, `NOT` and a leading `-`. Never fails.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Lexeme {
    Open,
    Close,
    /// Text and whether its closing quote was there.
    Phrase(String, bool),
    Word(String),
    Minus,
    Or,
    And,
    Not,
}

pub(super) fn lex(input: &str) -> Vec<Lexeme> {
    let mut out = Vec::new();
    let mut chars = input.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                out.push(Lexeme::Open);
            }
            ')' => {
                chars.next();
                out.push(Lexeme::Close);
            }
            '"' | '“' | '”' => {
                chars.next();
                let start = i + c.len_utf8();
                let mut end = input.len();
                let mut closed = false;
                while let Some((j, d)) = chars.next() {
                    if matches!(d, '"' | '“' | '”') {
                        end = j;
                        closed = true;
                        break;
                    }
                }
                out.push(Lexeme::Phrase(input[start..end].to_string(), closed));
            }
            // At the start of a token (inside a word it is a hyphen).
            '-' => {
                chars.next();
                match chars.peek() {
                    Some(&(_, n)) if !n.is_whitespace() => out.push(Lexeme::Minus),
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
                out.push(match w {
                    "OR" | "|" => Lexeme::Or,
                    "AND" | "&" => Lexeme::And,
                    "NOT" => Lexeme::Not,
                    _ => Lexeme::Word(w.to_string()),
                });
            }
        }
    }
    out
}
