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
//! - a run of a script written without spaces (Han, kana, Hangul, Thai, Lao,
//!   Khmer, Myanmar) gives every pair of neighbouring characters, one
//!   position each (`東京都` → `東京`, `京都`); a lone character is a token;
//! - each token's term is its [`fold`]ed form.

use unicode_normalization::char::is_combining_mark;

use super::fold::{fold, is_apostrophe, ZWJ, ZWNJ};

/// One token of a text: its folded term, its byte range in the text and its
/// ordinal position (hyphen parts get consecutive positions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub start: usize,
    pub end: usize,
    pub pos: u32,
}

/// Scripts written without spaces between words: Han, Hiragana, Katakana,
/// Hangul, Thai, Lao, Khmer, Myanmar. Their runs are cut into overlapping
/// pairs of characters, as Lucene's CJK analyzer does, so that a
/// two-character word inside a sentence is a token of its own.
pub(crate) fn is_unspaced(c: char) -> bool {
    (c as u32) >= 0x0E00
        && matches!(c as u32,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x1000..=0x109F    // Myanmar
        | 0x1100..=0x11FF    // Hangul jamo
        | 0x1780..=0x17FF    // Khmer
        | 0x3040..=0x30FF    // hiragana, katakana
        | 0x3130..=0x318F    // Hangul compatibility jamo
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width katakana
        | 0x20000..=0x2FA1F) // supplementary ideographs
}

/// A character that can stand inside a word.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c) || c == ZWNJ || c == ZWJ
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
        if is_unspaced(c) {
            i = scan_unspaced(text, &chars, i, &mut pos, &mut emit);
            continue;
        }
        let start = i;
        let mut j = i;
        let mut possessive_cut: Option<usize> = None;
        loop {
            while j < n && is_word_char(chars[j].1) && !is_unspaced(chars[j].1) {
                j += 1;
            }
            // Look at the joiner after the run and decide whether the word goes on.
            if j + 1 < n {
                let (joiner, next) = (chars[j].1, chars[j + 1].1);
                let prev = chars[j - 1].1;
                // French and Italian elision: `l’accesso`, `d’un`, `qu’il` are two words.
                if is_apostrophe(joiner) && next.is_alphabetic() && is_elided_article(&chars[start..j]) {
                    break;
                }
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

/// A run of unspaced script from `i`: each character (with the marks that
/// follow it) is a unit; one unit is a token, longer runs give every pair of
/// neighbouring units at consecutive positions. Returns where the run ends.
fn scan_unspaced(text: &str, chars: &[(usize, char)], i: usize, pos: &mut u32, emit: &mut impl FnMut(&str, usize, usize, u32) -> bool) -> usize {
    let n = chars.len();
    let byte_at = |k: usize| if k < n { chars[k].0 } else { text.len() };
    let mut units: Vec<(usize, usize)> = Vec::new();
    let mut k = i;
    while k < n && is_unspaced(chars[k].1) {
        let from = k;
        k += 1;
        while k < n && is_combining_mark(chars[k].1) {
            k += 1;
        }
        units.push((byte_at(from), byte_at(k)));
    }
    if units.len() == 1 {
        let (s, e) = units[0];
        if emit(&text[s..e], s, e, *pos) {
            *pos += 1;
        }
    }
    for pair in units.windows(2) {
        let (s, e) = (pair[0].0, pair[1].1);
        if emit(&text[s..e], s, e, *pos) {
            *pos += 1;
        }
    }
    k
}

/// Articles and pronouns that French, Italian and Catalan write elided
/// before a vowel (the list Lucene's elision filters use).
fn is_elided_article(word: &[(usize, char)]) -> bool {
    const ELIDED: [&str; 27] = [
        "l", "d", "c", "j", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl",
        "agl", "dagl", "degl", "negl", "sugl", "un",
    ];
    word.len() <= 6 && {
        let w: String = word.iter().flat_map(|&(_, c)| c.to_lowercase()).collect();
        ELIDED.contains(&w.as_str())
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
        // French and Italian elided articles are words of their own.
        assert_eq!(terms("l’accesso dell'hardware qu’il d'Artagnan"), ["l", "accesso", "dell", "hardware", "qu", "il", "d", "artagnan"]);
        assert_eq!(terms("rock'n'roll O'Brien"), ["rocknroll", "obrien"]);
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
    fn unspaced_scripts_become_overlapping_pairs() {
        assert_eq!(terms("東京"), ["東京"]);
        assert_eq!(terms("東京都に住む"), ["東京", "京都", "都に", "に住", "住む"]);
        assert_eq!(terms("我喜欢北京天安门"), ["我喜", "喜欢", "欢北", "北京", "京天", "天安", "安门"]);
        // One character alone is a token; Latin words around a run stay whole.
        assert_eq!(terms("Tokyo 東 city"), ["tokyo", "東", "city"]);
        // Thai is not one giant token; its vowel signs stay with their letter.
        let thai = terms("ภาษาไทยง่าย");
        assert!(thai.len() > 3, "{thai:?}");
        assert_eq!(terms("hi👨‍👩‍👧there"), ["hi", "there"]);
    }

    #[test]
    fn pairs_cover_their_characters() {
        let text = "首都東京";
        let t = tokenize(text);
        assert_eq!(&text[t[1].start..t[1].end], "都東");
        assert_eq!(t.iter().map(|t| t.pos).collect::<Vec<_>>(), [0, 1, 2]);
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
}
