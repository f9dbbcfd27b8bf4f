//! Text → tokens. One tokeniser serves the index, the query parser and the
//! highlighter, so that what is indexed, what is asked and what is marked
//! always agree.
//!
//! Rules (each has a test below):
//! - a word is a run of letters, digits and combining marks;
//! - an apostrophe (`'`, `’`, `ʼ`) between two letters stays inside the word
//!   (`won’t` → `wont`); a trailing possessive `’s` is dropped (`MKO’s` → `mko`);
//! - single letters joined by dots are one abbreviation (`U.S.` → `us`);
//! - `,` and `.` between digits join a number (`3,000` → `3000`, `2.5` → `2.5`);
//! - hyphens split (`al-Maliki` → `al`, `maliki` at consecutive positions), so
//!   `Maliki` finds it and the query `al-Maliki` finds it as a phrase;
//! - each CJK ideograph or kana is a token of its own;
//! - folding: NFKD, combining marks dropped, lower case, Arabic-script digits
//!   to ASCII, Arabic yeh/kaf to their Persian forms, zero-width joiners dropped.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// One token of a text: its folded term, its byte range in the text and its
/// ordinal position (hyphen parts get consecutive positions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub start: usize,
    pub end: usize,
    pub pos: u32,
}

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn is_ideograph(c: char) -> bool {
    (c as u32) >= 0x3040
        && matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0x20000..=0x2FA1F) // supplementary ideographs
}

/// A character that can stand inside a word.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c) || c == ZWNJ || c == ZWJ
}

/// Folds one word to its index form. Idempotent: `fold(fold(w)) == fold(w)`.
pub fn fold(word: &str) -> String {
    // Most words are ASCII: no decomposition needed (the hot path of indexing and snippets).
    if word.is_ascii() {
        return word.bytes().filter(|&b| b != b'\'').map(|b| b.to_ascii_lowercase() as char).collect();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.nfkd() {
        if is_combining_mark(c) || c == ZWNJ || c == ZWJ || is_apostrophe(c) {
            continue;
        }
        match c {
            // Arabic-Indic and extended (Persian) digits read as ASCII digits.
            '\u{0660}'..='\u{0669}' => out.push((b'0' + (c as u32 - 0x0660) as u8) as char),
            '\u{06F0}'..='\u{06F9}' => out.push((b'0' + (c as u32 - 0x06F0) as u8) as char),
            // Arabic yeh and kaf are written for the Persian letters in much scraped text.
            '\u{064A}' | '\u{0649}' => out.push('\u{06CC}'),
            '\u{0643}' => out.push('\u{06A9}'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_token(text, |t| tokens.push(t));
    tokens
}

/// Calls `f` for each token of `text`, in order, without collecting them.
pub fn for_each_token(text: &str, mut f: impl FnMut(Token)) {
    scan(text, |raw, start, end, pos| {
        let term = term_of(raw);
        let counted = !term.is_empty();
        if counted {
            f(Token { term, start, end, pos });
        }
        counted
    });
}

/// Byte ranges of the tokens of `text`, in position order (index = position),
/// without building their terms: what highlighting and snippets need.
pub fn token_bounds(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(text.len() / 6);
    scan(text, |raw, start, end, _| {
        // An ASCII word always folds to something; others are checked.
        let counted = raw.is_ascii() || !term_of(raw).is_empty();
        if counted {
            out.push((start, end));
        }
        counted
    });
    out
}

/// The folded term of a raw word as the scanner cut it.
fn term_of(raw: &str) -> String {
    if is_abbreviation(raw) {
        fold(&raw.replace('.', ""))
    } else if raw.contains(',') {
        fold(&raw.replace(',', ""))
    } else {
        fold(raw)
    }
}

/// The word boundaries. `emit(raw, start, end, pos)` returns whether the
/// word counted (had a non-empty term), which advances the position.
fn scan(text: &str, mut emit: impl FnMut(&str, usize, usize, u32) -> bool) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut pos: u32 = 0;
    let mut i = 0;
    while i < n {
        let c = chars[i].1;
        if !is_word_char(c) || c == ZWNJ || c == ZWJ {
            i += 1;
            continue;
        }
        if is_ideograph(c) {
            let (s, e) = (byte_at(i), byte_at(i + 1));
            if emit(&text[s..e], s, e, pos) {
                pos += 1;
            }
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        let mut possessive_cut: Option<usize> = None;
        loop {
            while j < n && is_word_char(chars[j].1) && !is_ideograph(chars[j].1) {
                j += 1;
            }
            // Look at the joiner after the run and decide whether the word goes on.
            if j + 1 < n {
                let (joiner, next) = (chars[j].1, chars[j + 1].1);
                let prev = chars[j - 1].1;
                if is_apostrophe(joiner) && prev.is_alphabetic() && next.is_alphabetic() {
                    // Possessive `’s` at the end of a word: keep offsets, drop from term.
                    let after = chars.get(j + 2).map(|x| x.1);
                    if matches!(next, 's' | 'S') && !after.is_some_and(is_word_char) {
                        possessive_cut = Some(j);
                        j += 2;
                        break;
                    }
                    j += 1;
                    continue;
                }
                if matches!(joiner, ',' | '.') && prev.is_ascii_digit() && next.is_ascii_digit() {
                    j += 1;
                    continue;
                }
                // U.S. / U.N.: single letters each followed by a dot.
                if joiner == '.' && j - start_of_segment(&chars, start, j) == 1 && prev.is_alphabetic() {
                    let after = chars.get(j + 2).map(|x| x.1);
                    if next.is_alphabetic() && (after == Some('.') || !after.is_some_and(is_word_char)) {
                        j += 1;
                        continue;
                    }
                }
            }
            break;
        }
        let (s, mut e) = (byte_at(start), byte_at(j));
        let word_end = possessive_cut.map(byte_at).unwrap_or(e);
        let raw = &text[s..word_end];
        // Include the closing dot of `U.S.` in the highlight.
        if is_abbreviation(raw) && j < n && chars[j].1 == '.' {
            e = byte_at(j + 1);
            j += 1;
        }
        if emit(raw, s, e, pos) {
            pos += 1;
        }
        i = j.max(i + 1);
    }
}

/// Start index of the letter run that ends at `j` (runs are split by dots).
fn start_of_segment(chars: &[(usize, char)], start: usize, j: usize) -> usize {
    let mut k = j;
    while k > start && chars[k - 1].1 != '.' {
        k -= 1;
    }
    k
}

fn is_abbreviation(raw: &str) -> bool {
    raw.contains('.') && raw.split('.').all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn words_fold_case_and_diacritics() {
        assert_eq!(terms("Malikī MALIKI maliki"), ["maliki", "maliki", "maliki"]);
        assert_eq!(terms("Café Ünïcödé"), ["cafe", "unicode"]);
    }

    #[test]
    fn apostrophes_curly_and_straight_agree() {
        assert_eq!(terms("won’t won't"), ["wont", "wont"]);
        assert_eq!(terms("the MKO’s camp and Iran's"), ["the", "mko", "camp", "and", "iran"]);
        assert_eq!(terms("Ba’ath"), ["baath"]);
        // A quote mark around a word is not part of it.
        assert_eq!(terms("'quoted' ‘words’"), ["quoted", "words"]);
    }

    #[test]
    fn possessive_keeps_offsets_of_whole_word() {
        let t = tokenize("MKO’s camp");
        assert_eq!(&"MKO’s camp"[t[0].start..t[0].end], "MKO’s");
    }

    #[test]
    fn hyphenated_names_split_into_consecutive_positions() {
        let t = tokenize("Nouri al-Maliki said");
        let got: Vec<(&str, u32)> = t.iter().map(|t| (t.term.as_str(), t.pos)).collect();
        assert_eq!(got, [("nouri", 0), ("al", 1), ("maliki", 2), ("said", 3)]);
        assert_eq!(terms("Mujahedin-e-Khalq"), ["mujahedin", "e", "khalq"]);
    }

    #[test]
    fn abbreviations_join() {
        let text = "the U.S. military and the U.N.";
        let t = tokenize(text);
        assert_eq!(t[1].term, "us");
        assert_eq!(&text[t[1].start..t[1].end], "U.S.");
        assert_eq!(t.last().unwrap().term, "un");
        // A sentence ending in a single letter is not an abbreviation of the next word.
        assert_eq!(terms("plan B. Then"), ["plan", "b", "then"]);
    }

    #[test]
    fn numbers_keep_separators_meaningfully() {
        assert_eq!(terms("about 3,000 members, 2.5 percent"), ["about", "3000", "members", "2.5", "percent"]);
        assert_eq!(terms("12 April 2011 | 21:27"), ["12", "april", "2011", "21", "27"]);
        assert_eq!(terms("1355-56"), ["1355", "56"]);
        assert_eq!(terms("end of list, 5. Next"), ["end", "of", "list", "5", "next"]);
    }

    #[test]
    fn persian_and_arabic_text() {
        // Persian digits fold to ASCII; Arabic yeh folds to Persian yeh.
        assert_eq!(terms("سال ۱۳۹۰"), ["سال", "1390"]);
        assert_eq!(fold("علي"), fold("علی"));
        // Harakat (combining marks) are dropped.
        assert_eq!(fold("مُجاهِدین"), "مجاهدین");
        // ZWNJ stays inside the word and is dropped from the term.
        assert_eq!(terms("می\u{200C}خواهم"), ["میخواهم"]);
    }

    #[test]
    fn ideographs_are_single_tokens_and_emoji_separate() {
        assert_eq!(terms("東京"), ["東", "京"]);
        assert_eq!(terms("hi👨‍👩‍👧there"), ["hi", "there"]);
    }

    #[test]
    fn offsets_are_char_boundaries_and_cover_the_word() {
        let text = "«Ashraf» — “Camp”, Tehran’s";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert_eq!(fold(&text[t.start..t.end]).replace('\u{2019}', ""), fold(&text[t.start..t.end]));
        }
        assert_eq!(terms(text), ["ashraf", "camp", "tehran"]);
    }

    #[test]
    fn bounds_agree_with_tokens() {
        for text in ["U.S. and the U.N.", "a\u{301}\u{301} x ́ 東京 won’t 3,000", "\u{200D}\u{0301} lone marks"] {
            let from_tokens: Vec<(usize, usize)> = tokenize(text).iter().map(|t| (t.start, t.end)).collect();
            assert_eq!(token_bounds(text), from_tokens, "{text}");
        }
    }

    #[test]
    fn fold_is_idempotent() {
        for w in ["Malikī", "U.S", "won’t", "ﬁle", "ΣΊΣΥΦΟΣ"] {
            assert_eq!(fold(&fold(w)), fold(w));
        }
    }
}
