//! Parsing the query language (see docs/CONTRACT.md): words are ANDed, `"phrases"`,
//! `a OR b`, `-word` / `NOT word`, `pref*`, `word~`, `( … )` and
//! `field:value`. The parser never fails: whatever it cannot use becomes a
//! warning for the user and the rest of the query still runs.

use super::lex::{lex, Lexeme};
use crate::analysis::tokenize;
use crate::index::Facet;

/// Where a word is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The text (and, boosted, the title).
    Text,
    /// Only the title: `title:word`.
    Title,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    Exact,
    /// `pref*`: every term starting with the text.
    Prefix,
    /// `word~`: terms within a small edit distance.
    Fuzzy,
}

/// One folded word of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub kind: WordKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// One word, or several in a row (a phrase).
    Match { scope: Scope, words: Vec<Word> },
    /// `author:value` and the other facets: the value's words, in a row, in the field.
    Meta { key: Facet, value: String },
    Not(Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    /// `None`: the query asks for nothing (empty, or nothing usable): every document.
    pub root: Option<Node>,
    /// What was ignored or read differently, in words for the user.
    pub warnings: Vec<String>,
}

/// Words beyond this many are ignored: a query is typed, not pasted books.
pub const MAX_WORDS: usize = 64;
const MAX_DEPTH: usize = 16;

pub fn parse(input: &str) -> Parsed {
    let mut p = Parser { lexemes: lex(input), at: 0, warnings: Vec::new(), words: 0, depth: 0 };
    if p.lexemes.iter().any(|l| matches!(l, Lexeme::Phrase(_, false))) {
        p.warnings.push("A quote was not closed: the phrase runs to the end of the query.".into());
    }
    let mut parts = Vec::new();
    loop {
        parts.extend(p.parse_or());
        if p.at >= p.lexemes.len() {
            break;
        }
        // Only a stray `)` stops parse_or before the end.
        p.warnings.push("A `)` had no matching `(`: it was ignored.".into());
        p.at += 1;
    }
    let root = match parts.len() {
        0 => None,
        _ => Some(and(parts)),
    };
    let mut warnings: Vec<String> = Vec::new();
    for w in p.warnings {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
    Parsed { root, warnings }
}

struct Parser {
    lexemes: Vec<Lexeme>,
    at: usize,
    warnings: Vec<String>,
    words: usize,
    depth: usize,
}

fn and(mut nodes: Vec<Node>) -> Node {
    if nodes.len() == 1 {
        nodes.pop().expect("one node")
    } else {
        Node::And(nodes)
    }
}

impl Parser {
    fn peek(&self) -> Option<&Lexeme> {
        self.lexemes.get(self.at)
    }

    fn parse_or(&mut self) -> Option<Node> {
        let mut alternatives = Vec::new();
        let mut dangling = false;
        loop {
            match self.parse_and() {
                Some(n) => alternatives.push(n),
                None if self.peek() == Some(&Lexeme::Or) || !alternatives.is_empty() => dangling = true,
                None => {}
            }
            if self.peek() == Some(&Lexeme::Or) {
                self.at += 1;
                continue;
            }
            break;
        }
        if dangling {
            self.warnings.push("`OR` needs a word on each side: the lone one was ignored.".into());
        }
        match alternatives.len() {
            0 => None,
            1 => alternatives.pop(),
            _ => Some(Node::Or(alternatives)),
        }
    }

    fn parse_and(&mut self) -> Option<Node> {
        let mut items = Vec::new();
        while let Some(l) = self.peek() {
            match l {
                Lexeme::Or | Lexeme::Close => break,
                Lexeme::And => self.at += 1,
                _ => items.extend(self.parse_unary()),
            }
        }
        match items.len() {
            0 => None,
            _ => Some(and(items)),
        }
    }

    fn parse_unary(&mut self) -> Option<Node> {
        match self.peek() {
            Some(Lexeme::Minus | Lexeme::Not) => {
                self.at += 1;
                match self.peek() {
                    None | Some(Lexeme::Or | Lexeme::Close) => {
                        self.warnings.push("`NOT` or `-` needs a word after it: it was ignored.".into());
                        None
                    }
                    _ => self.parse_unary().map(|n| match n {
                        Node::Not(inner) => *inner, // `NOT -x` is `x`
                        n => Node::Not(Box::new(n)),
                    }),
                }
            }
            _ => self.parse_primary(),
        }
    }

    fn parse_primary(&mut self) -> Option<Node> {
        let lexeme = self.lexemes.get(self.at).cloned()?;
        self.at += 1;
        match lexeme {
            Lexeme::Open if self.depth >= MAX_DEPTH => {
                self.warnings.push(format!("Brackets nested deeper than {MAX_DEPTH} were ignored."));
                None
            }
            Lexeme::Open => {
                self.depth += 1;
                let inner = self.parse_or();
                self.depth -= 1;
                if self.peek() == Some(&Lexeme::Close) {
                    self.at += 1;
                } else {
                    self.warnings.push("A `(` was not closed: it runs to the end of the query.".into());
                }
                inner
            }
            Lexeme::Phrase(text, _) => self.words_node(Scope::Text, &text, WordKind::Exact, true),
            Lexeme::Word(w) => self.word(&w),
            // Handled by the callers; reaching here means a stray keyword.
            Lexeme::Close | Lexeme::Or | Lexeme::And | Lexeme::Not | Lexeme::Minus => None,
        }
    }

    fn word(&mut self, w: &str) -> Option<Node> {
        let field = w.split_once(':').and_then(|(name, value)| {
            let name_folded = name.to_lowercase();
            let field = match Facet::from_param(&name_folded) {
                Some(facet) => Field::Meta(facet),
                None if name_folded == "title" => Field::Title,
                None => return None,
            };
            Some((name, value, field))
        });
        let Some((name, value, field)) = field else {
            let (text, kind) = split_operator(w);
            return self.words_node(Scope::Text, text, kind, false);
        };
        // `title:"a b"`: the value is the phrase that follows.
        let (value, quoted) = match (value, self.peek()) {
            ("", Some(Lexeme::Phrase(p, _))) => {
                let p = p.clone();
                self.at += 1;
                (p, true)
            }
            ("", _) => {
                self.warnings.push(format!("`{name}:` needs a value: it was ignored."));
                return None;
            }
            (v, _) => (v.to_string(), false),
        };
        match field {
            Field::Title => {
                let (text, kind) = split_operator(&value);
                self.words_node(Scope::Title, text, kind, quoted)
            }
            Field::Meta(key) => Some(Node::Meta { key, value }),
        }
    }

    /// Tokenises `text` as the index did: one token is a word, several a phrase.
    fn words_node(&mut self, scope: Scope, text: &str, kind: WordKind, quoted: bool) -> Option<Node> {
        let tokens = tokenize(text);
        if tokens.is_empty() {
            if text.trim() == "*" || text.is_empty() && kind == WordKind::Prefix {
                self.warnings.push("A lone `*` matches nothing by itself: it was ignored.".into());
            } else if !text.trim().is_empty() || quoted {
                self.warnings.push(format!("`{}` has nothing searchable in it: it was ignored.", text.trim()));
            }
            return None;
        }
        if self.words >= MAX_WORDS {
            if self.words == MAX_WORDS {
                self.warnings.push(format!("Only the first {MAX_WORDS} words were used."));
                self.words += 1;
            }
            return None;
        }
        self.words += tokens.len();
        let last = tokens.len() - 1;
        let words = tokens
            .into_iter()
            .enumerate()
            .map(|(i, t)| Word { text: t.term, kind: if i == last { kind } else { WordKind::Exact } })
            .collect();
        Some(Node::Match { scope, words })
    }
}

enum Field {
    Title,
    Meta(Facet),
}

/// `pref*` → (`pref`, Prefix); `word~` → (`word`, Fuzzy).
fn split_operator(w: &str) -> (&str, WordKind) {
    if let Some(t) = w.strip_suffix('*') {
        (t.trim_end_matches('*'), WordKind::Prefix)
    } else if let Some(t) = w.strip_suffix('~') {
        (t, WordKind::Fuzzy)
    } else {
        (w, WordKind::Exact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(words: &[&str]) -> Node {
        Node::Match { scope: Scope::Text, words: words.iter().map(|w| Word { text: w.to_string(), kind: WordKind::Exact }).collect() }
    }

    fn root(q: &str) -> Option<Node> {
        let p = parse(q);
        assert!(p.warnings.is_empty(), "{q}: {:?}", p.warnings);
        p.root
    }

    #[test]
    fn words_and_phrases() {
        assert_eq!(root("Camp Ashraf"), Some(Node::And(vec![m(&["camp"]), m(&["ashraf"])])));
        assert_eq!(root("\"Camp Ashraf\""), Some(m(&["camp", "ashraf"])));
        assert_eq!(root("“Camp Ashraf”"), Some(m(&["camp", "ashraf"])));
        // A hyphenated word is a phrase of its parts.
        assert_eq!(root("al-Maliki"), Some(m(&["al", "maliki"])));
    }

    #[test]
    fn or_not_and_grouping() {
        assert_eq!(root("a OR b"), Some(Node::Or(vec![m(&["a"]), m(&["b"])])));
        assert_eq!(root("Rajavi -Paris"), Some(Node::And(vec![m(&["rajavi"]), Node::Not(Box::new(m(&["paris"])))])));
        assert_eq!(root("NOT paris"), Some(Node::Not(Box::new(m(&["paris"])))));
        assert_eq!(
            root("(iraq OR iran) camp"),
            Some(Node::And(vec![Node::Or(vec![m(&["iraq"]), m(&["iran"])]), m(&["camp"])]))
        );
        assert_eq!(root("a AND b"), root("a b"));
    }

    #[test]
    fn prefix_fuzzy_and_fields() {
        let w = |t: &str, kind| Word { text: t.into(), kind };
        assert_eq!(root("Mal*"), Some(Node::Match { scope: Scope::Text, words: vec![w("mal", WordKind::Prefix)] }));
        assert_eq!(root("Maliki~"), Some(Node::Match { scope: Scope::Text, words: vec![w("maliki", WordKind::Fuzzy)] }));
        assert_eq!(root("title:MKO"), Some(Node::Match { scope: Scope::Title, words: vec![w("mko", WordKind::Exact)] }));
        assert_eq!(
            root("title:\"another failure\""),
            Some(Node::Match { scope: Scope::Title, words: vec![w("another", WordKind::Exact), w("failure", WordKind::Exact)] })
        );
        assert_eq!(root("author:\"Dan Murphy\""), Some(Node::Meta { key: Facet::Author, value: "Dan Murphy".into() }));
        assert_eq!(root("year:2011"), Some(Node::Meta { key: Facet::Year, value: "2011".into() }));
        // Not a field: read as text.
        assert_eq!(root("21:27"), Some(m(&["21", "27"])));
    }

    #[test]
    fn bad_syntax_warns_and_keeps_the_rest() {
        for (q, expect) in [
            ("\"camp ashraf", Some(m(&["camp", "ashraf"]))),
            ("(camp", Some(m(&["camp"]))),
            ("camp)", Some(m(&["camp"]))),
            ("camp OR", Some(m(&["camp"]))),
            ("OR camp", Some(m(&["camp"]))),
            ("*", None),
            ("!!! ???", None),
            ("title:", None),
        ] {
            let p = parse(q);
            assert_eq!(p.root, expect, "{q}");
            assert!(!p.warnings.is_empty(), "{q} should warn");
        }
        // A dash standing alone is punctuation, not NOT.
        assert_eq!(root("camp - ashraf"), root("camp ashraf"));
        assert_eq!(parse("").root, None);
        assert!(parse("   ").warnings.is_empty());
    }

    #[test]
    fn long_and_deep_queries_are_bounded() {
        let long = "word ".repeat(500);
        let p = parse(&long);
        match p.root {
            Some(Node::And(items)) => assert_eq!(items.len(), MAX_WORDS),
            other => panic!("{other:?}"),
        }
        assert!(p.warnings.iter().any(|w| w.contains("first 64")));
        let deep = format!("{}x{}", "(".repeat(1000), ")".repeat(1000));
        assert_eq!(parse(&deep).root, Some(m(&["x"])));
    }
}
