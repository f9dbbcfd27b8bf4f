//! Parsing the query language (see docs/CONTRACT.md): words are ANDed and
//! match every form with their stem, `"phrases"` (exact forms), `"a b"~N`
//! (near each other), `a OR b`, `-word` / `NOT word`, `pref*`, `word~`,
//! `( … )` and `field:value`; the last word, while it is still being typed
//! (no space or closing quote after it), also matches as a prefix. The parser never fails: whatever it cannot use becomes a
//! warning for the user and the rest of the query still runs.

use super::lex::{lex, Lexeme};
use crate::analysis::tokenize;
use crate::analysis::tokenize::is_unspaced;
use crate::index::{Facet, FacetTable};

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
    /// Quoted: the folded form as written.
    Exact,
    /// Bare: every form with the word's stem, the form as written first.
    Stem,
    /// The last bare word while it is being typed: its stem's forms, and,
    /// weighted below them, the words it begins.
    Typing,
    /// The last word of a phrase whose quote is still open while it is
    /// being typed: its form as written, and, weighted below it, the words
    /// it begins.
    TypingExact,
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
    Match {
        scope: Scope,
        words: Vec<Word>,
    },
    /// `"a b"~N`: every word, in any order, within a stretch where at most
    /// `within` other words stand between the first and the last.
    Near {
        scope: Scope,
        words: Vec<Word>,
        within: u32,
    },
    /// `author:value` and the other facets: the value's words, in a row, in the field.
    Meta {
        key: Facet,
        value: String,
    },
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

/// Words beyond this many are ignored (phrases included, cut at the limit):
/// a query is typed, not pasted books.
pub const MAX_WORDS: usize = 64;
const MAX_DEPTH: usize = 16;

/// Parses a query for a corpus with only the built-in facets.
pub fn parse(input: &str) -> Parsed {
    parse_with(input, &FacetTable::default())
}

/// Parses a query; `facets` says which `field:` prefixes this corpus has
/// (its declared fields besides the built-in ones).
pub fn parse_with(input: &str, facets: &FacetTable) -> Parsed {
    let lexemes = lex(input);
    // Still being typed: the query ends in a bare word, or in a phrase whose
    // quote is not closed, with no space after it.
    let typing = matches!(lexemes.last(), Some(Lexeme::Word(_) | Lexeme::Phrase(_, false, _))) && !input.ends_with(char::is_whitespace);
    let typing_at = typing.then(|| lexemes.len() - 1);
    let mut p = Parser { lexemes, at: 0, warnings: Vec::new(), words: 0, dropped: 0, depth: 0, typing_at, facets };
    if p.lexemes.iter().any(|l| matches!(l, Lexeme::Phrase(_, false, _))) {
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
    if p.dropped > 0 {
        p.warnings.push(format!("The query has {} words: only the first {MAX_WORDS} were used.", p.words + p.dropped));
    }
    let mut warnings: Vec<String> = Vec::new();
    for w in p.warnings {
        if !warnings.contains(&w) {
            warnings.push(w);
        }
    }
    Parsed { root, warnings }
}

struct Parser<'f> {
    facets: &'f FacetTable,
    lexemes: Vec<Lexeme>,
    at: usize,
    warnings: Vec<String>,
    /// Words used, and words left out past [`MAX_WORDS`].
    words: usize,
    dropped: usize,
    depth: usize,
    /// The lexeme that is the word still being typed.
    typing_at: Option<usize>,
}

fn and(mut nodes: Vec<Node>) -> Node {
    if nodes.len() == 1 {
        nodes.pop().expect("one node")
    } else {
        Node::And(nodes)
    }
}

impl Parser<'_> {
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
            Lexeme::Phrase(text, _, near) => {
                let typing = self.typing_at == Some(self.at - 1);
                self.phrase_node(Scope::Text, &text, near, typing)
            }
            Lexeme::Word(w) => {
                let typing = self.typing_at == Some(self.at - 1);
                self.word(&w, typing)
            }
            // Handled by the callers; reaching here means a stray keyword.
            Lexeme::Close | Lexeme::Or | Lexeme::And | Lexeme::Not | Lexeme::Minus => None,
        }
    }

    fn word(&mut self, w: &str, typing: bool) -> Option<Node> {
        let field = w.split_once(':').and_then(|(name, value)| {
            let name_folded = name.to_lowercase();
            let field = match self.facets.by_param(&name_folded) {
                Some(facet) => Field::Meta(facet),
                None if name_folded == "title" => Field::Title,
                None => return None,
            };
            Some((name, value, field))
        });
        let Some((name, value, field)) = field else {
            let (text, kind) = split_operator(w, typing);
            return self.words_node(Scope::Text, text, kind);
        };
        // `title:"a b"`: the value is the phrase that follows.
        let value = match (value, self.peek()) {
            ("", Some(Lexeme::Phrase(p, _, near))) => {
                let (p, near) = (p.clone(), *near);
                let typing = self.typing_at == Some(self.at);
                self.at += 1;
                return match field {
                    Field::Title => self.phrase_node(Scope::Title, &p, near, typing),
                    Field::Meta(key) => Some(Node::Meta { key, value: p }),
                };
            }
            ("", _) => {
                self.warnings.push(format!("`{name}:` needs a value: it was ignored."));
                return None;
            }
            (v, _) => v.to_string(),
        };
        match field {
            Field::Title => {
                let (text, kind) = split_operator(&value, typing);
                self.words_node(Scope::Title, text, kind)
            }
            Field::Meta(key) => Some(Node::Meta { key, value }),
        }
    }

    /// A quoted phrase: its words in their exact forms, in a row, or near
    /// each other with `~N`. While its quote is open and its last word is
    /// being typed (`typing`), that word finds the words it begins too, and
    /// wherever it stands: the phrase is the words before it, and it is a
    /// word of its own beside them. Until a space or the closing quote
    /// follows it, a word half typed is in no document as written, so
    /// typing a phrase emptied the list at almost every key (`"kernel co`)
    /// and drew it whole again at the next, a frame or more of work each
    /// time; it now narrows as a query typed word by word does.
    fn phrase_node(&mut self, scope: Scope, text: &str, near: Option<u32>, typing: bool) -> Option<Node> {
        let last = if typing { WordKind::TypingExact } else { WordKind::Exact };
        let mut words = self.words_of(text, WordKind::Exact, last, true)?;
        if let Some(within) = near.filter(|_| words.len() > 1) {
            return Some(Node::Near { scope, words, within });
        }
        if words.len() > 1 && words.last().is_some_and(|w| w.kind == WordKind::TypingExact) {
            let typed = words.pop().expect("more than one word");
            return Some(and(vec![Node::Match { scope, words }, Node::Match { scope, words: vec![typed] }]));
        }
        Some(Node::Match { scope, words })
    }

    /// A bare word (hyphen parts make a phrase): stems, and `kind` for the last part.
    fn words_node(&mut self, scope: Scope, text: &str, kind: WordKind) -> Option<Node> {
        let words = self.words_of(text, WordKind::Stem, kind, false)?;
        Some(Node::Match { scope, words })
    }

    /// Tokenises `text` as the index did; `kind` for each word, `last` for
    /// the last. Counts words against [`MAX_WORDS`].
    fn words_of(&mut self, text: &str, kind: WordKind, last: WordKind, quoted: bool) -> Option<Vec<Word>> {
        let tokens = tokenize(text);
        if tokens.is_empty() {
            if text.trim() == "*" || text.is_empty() && last == WordKind::Prefix {
                self.warnings.push("A lone `*` matches nothing by itself: it was ignored.".into());
            } else if !text.trim().is_empty() || quoted {
                self.warnings.push(format!("`{}` has nothing searchable in it: it was ignored.", text.trim()));
            }
            return None;
        }
        let room = MAX_WORDS - self.words;
        self.dropped += tokens.len().saturating_sub(room);
        if room == 0 {
            return None;
        }
        let take = tokens.len().min(room);
        self.words += take;
        let end = tokens.len() - 1;
        // A lone character of an unspaced script is the start of its pairs.
        let lone_unspaced = |t: &str| t.chars().count() == 1 && t.chars().all(is_unspaced);
        Some(
            tokens
                .into_iter()
                .take(take)
                .enumerate()
                .map(|(i, t)| {
                    let kind = if i == end { last } else { kind };
                    let kind = if kind != WordKind::Fuzzy && lone_unspaced(&t.term) { WordKind::Prefix } else { kind };
                    Word { text: t.term, kind }
                })
                .collect(),
        )
    }
}

enum Field {
    Title,
    Meta(Facet),
}

/// `pref*` → (`pref`, Prefix); `word~` → (`word`, Fuzzy); a bare word
/// stems, or is still being typed.
fn split_operator(w: &str, typing: bool) -> (&str, WordKind) {
    if let Some(t) = w.strip_suffix('*') {
        (t.trim_end_matches('*'), WordKind::Prefix)
    } else if let Some(t) = w.strip_suffix('~') {
        (t, WordKind::Fuzzy)
    } else if typing {
        (w, WordKind::Typing)
    } else {
        (w, WordKind::Stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(kind: WordKind, words: &[&str]) -> Node {
        Node::Match { scope: Scope::Text, words: words.iter().map(|w| Word { text: w.to_string(), kind }).collect() }
    }

    /// Bare words: every form with their stem.
    fn m(w: &[&str]) -> Node {
        words(WordKind::Stem, w)
    }

    /// Quoted words: the exact forms.
    fn q(w: &[&str]) -> Node {
        words(WordKind::Exact, w)
    }

    /// The query as submitted (a space after it: nothing is being typed).
    fn root(q: &str) -> Option<Node> {
        let q = format!("{q} ");
        let p = parse(&q);
        assert!(p.warnings.is_empty(), "{q}: {:?}", p.warnings);
        p.root
    }

    #[test]
    fn words_and_phrases() {
        assert_eq!(root("Camp Ashraf"), Some(Node::And(vec![m(&["camp"]), m(&["ashraf"])])));
        assert_eq!(root("\"Camp Ashraf\""), Some(q(&["camp", "ashraf"])));
        assert_eq!(root("“Camp Ashraf”"), Some(q(&["camp", "ashraf"])));
        assert_eq!(root("\"interviews\""), Some(q(&["interviews"])));
        assert_eq!(
            root("\"camp iraq\"~3"),
            Some(Node::Near {
                scope: Scope::Text,
                words: vec![Word { text: "camp".into(), kind: WordKind::Exact }, Word { text: "iraq".into(), kind: WordKind::Exact }],
                within: 3
            })
        );
        // A hyphenated word is a phrase of its parts.
        assert_eq!(root("al-Maliki"), Some(m(&["al", "maliki"])));
    }

    #[test]
    fn or_not_and_grouping() {
        assert_eq!(root("a OR b"), Some(Node::Or(vec![m(&["a"]), m(&["b"])])));
        assert_eq!(root("Rajavi -Paris"), Some(Node::And(vec![m(&["rajavi"]), Node::Not(Box::new(m(&["paris"])))])));
        assert_eq!(root("NOT paris"), Some(Node::Not(Box::new(m(&["paris"])))));
        assert_eq!(root("(iraq OR iran) camp"), Some(Node::And(vec![Node::Or(vec![m(&["iraq"]), m(&["iran"])]), m(&["camp"])])));
        assert_eq!(root("a AND b"), root("a b"));
    }

    #[test]
    fn prefix_fuzzy_and_fields() {
        let w = |t: &str, kind| Word { text: t.into(), kind };
        assert_eq!(root("Mal*"), Some(Node::Match { scope: Scope::Text, words: vec![w("mal", WordKind::Prefix)] }));
        assert_eq!(root("Maliki~"), Some(Node::Match { scope: Scope::Text, words: vec![w("maliki", WordKind::Fuzzy)] }));
        assert_eq!(root("title:MKO"), Some(Node::Match { scope: Scope::Title, words: vec![w("mko", WordKind::Stem)] }));
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
    fn the_last_word_is_being_typed_until_a_space_or_quote() {
        let typed = |t: &str| words(WordKind::Typing, &[t]);
        assert_eq!(parse("camp Raj").root, Some(Node::And(vec![m(&["camp"]), typed("raj")])));
        assert_eq!(parse("camp Raj ").root, Some(Node::And(vec![m(&["camp"]), m(&["raj"])])));
        assert_eq!(parse("\"camp\"").root, Some(q(&["camp"])));
        // Inside a quote not closed yet: the phrase so far, and the word being
        // typed in its form as written, wherever it stands; a phrase again once
        // a space or the closing quote follows it.
        let typed_exact = |t: &str| words(WordKind::TypingExact, &[t]);
        assert_eq!(parse("\"camp ash").root, Some(Node::And(vec![q(&["camp"]), typed_exact("ash")])));
        assert_eq!(parse("\"camp ash ").root, Some(q(&["camp", "ash"])));
        assert_eq!(parse("\"camp ash\"").root, Some(q(&["camp", "ash"])));
        assert_eq!(parse("\"cam").root, Some(typed_exact("cam")));
        assert_eq!(parse("mko \"members of camp").root, Some(Node::And(vec![m(&["mko"]), Node::And(vec![q(&["members", "of"]), typed_exact("camp")])])));
        assert_eq!(
            parse("title:\"another fail").root,
            Some(Node::And(vec![
                Node::Match { scope: Scope::Title, words: vec![Word { text: "another".into(), kind: WordKind::Exact }] },
                Node::Match { scope: Scope::Title, words: vec![Word { text: "fail".into(), kind: WordKind::TypingExact }] },
            ]))
        );
        assert_eq!(parse("Raj*").root, Some(words(WordKind::Prefix, &["raj"])));
        // A lone character of an unspaced script starts its pairs.
        assert_eq!(parse("東 ").root, Some(words(WordKind::Prefix, &["東"])));
    }

    #[test]
    fn bad_syntax_warns_and_keeps_the_rest() {
        for (q, expect) in [
            ("\"camp ashraf ", Some(words(WordKind::Exact, &["camp", "ashraf"]))),
            ("(camp", Some(words(WordKind::Typing, &["camp"]))),
            ("camp)", Some(m(&["camp"]))),
            ("camp OR", Some(m(&["camp"]))),
            ("OR camp", Some(words(WordKind::Typing, &["camp"]))),
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
        assert_eq!(p.warnings, ["The query has 500 words: only the first 64 were used."]);
        // A phrase that crosses the limit is cut at it, and what follows is counted.
        let p = parse(&format!("{} \"{}\" tail", "w ".repeat(60), "x ".repeat(10)));
        match &p.root {
            Some(Node::And(items)) => {
                assert_eq!(items.len(), 61);
                assert_eq!(items[60], q(&["x", "x", "x", "x"]));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(p.warnings, ["The query has 71 words: only the first 64 were used."]);
        let deep = format!("{}x{}", "(".repeat(1000), ")".repeat(1000));
        assert_eq!(parse(&deep).root, Some(m(&["x"])));
    }
}
