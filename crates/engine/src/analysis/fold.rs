//! Folding: the form of a word the index stores and a query looks up, so
//! that `MALIKI`, `Malikī` and `maliki`, `Łódź` and `Lodz`, `STRASSE` and
//! `Straße`, `ΣΊΣΥΦΟΣ` and `σίσυφος` are one term.
//!
//! In order, per character:
//! 1. case folded: lower case, plus the folds lower-casing lacks (`ß`/`ẞ` →
//!    `ss`, final `ς` → `σ`); compatibility forms (ligatures `ﬁ`, full-width
//!    letters, `ſ`, `ϐ`) decompose under NFKD;
//! 2. accents off: NFKD, then diacritical marks dropped (Latin, Greek and
//!    Cyrillic combining diacritics, Arabic harakat, Hebrew points); the vowel
//!    signs of Indic, Thai and other scripts are letters' parts and stay;
//! 3. letters with no decomposition folded to ASCII as Lucene's
//!    ASCIIFoldingFilter does (`ł` → `l`, `ø` → `o`, `æ` → `ae`, `đ` → `d`,
//!    `ı` → `i`, `þ` → `th` …);
//! 4. Arabic-script digits to ASCII, Arabic yeh/kaf to their Persian forms,
//!    apostrophes and zero-width joiners dropped.
//!
//! Idempotent: `fold(fold(w)) == fold(w)` (a property test checks it).
//!
//! NFKD needs Unicode's decomposition tables, 53 KiB of the page's wasm
//! after gzip (the page built with and without them, 2026-11-29), while
//! every browser has them in `String.prototype.normalize`. So the tables
//! are compiled in with the `nfkd` feature (the build and native
//! tools), and the page hands its browser's NFKD to [`set_decomposer`]
//! instead. Both decompose a whole word at once, so they agree wherever
//! their Unicode versions do (characters new in the latest version aside).

use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
#[cfg(feature = "nfkd")]
use unicode_normalization::UnicodeNormalization;

pub(crate) const ZWNJ: char = '\u{200C}';
pub(crate) const ZWJ: char = '\u{200D}';

pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// A host's NFKD (compatibility decomposition) of a whole string.
pub type Decomposer = fn(&str) -> String;

static DECOMPOSER: OnceLock<Decomposer> = OnceLock::new();

/// Gives folding the host's NFKD, for builds without the `nfkd` feature
/// (the page passes the browser's). The first call wins; without one and
/// without the feature, folding leaves decomposable letters whole.
pub fn set_decomposer(decompose: Decomposer) {
    let _ = DECOMPOSER.set(decompose);
}

/// NFKD of `s` with Unicode's tables, compiled in.
#[cfg(feature = "nfkd")]
fn decompose(s: &str) -> String {
    s.nfkd().collect()
}

/// NFKD of `s` by the host.
#[cfg(not(feature = "nfkd"))]
fn decompose(s: &str) -> String {
    match DECOMPOSER.get() {
        Some(decompose) => decompose(s),
        None => s.to_owned(),
    }
}

/// Folds one word to its index form.
pub fn fold(word: &str) -> String {
    // Most words are ASCII: no decomposition needed (the hot path of indexing and snippets).
    if word.is_ascii() {
        return word.bytes().filter(|&b| b != b'\'').map(|b| b.to_ascii_lowercase() as char).collect();
    }
    // Case first, with the letters NFKD leaves whole already folded …
    let mut lower = String::with_capacity(word.len());
    for c in word.chars() {
        for l in c.to_lowercase() {
            match ascii_fold(l) {
                Some(ascii) => lower.push_str(ascii),
                None => lower.push(l),
            }
        }
    }
    // … then the whole word decomposed, and each of its characters kept or dropped.
    let mut out = String::with_capacity(lower.len());
    for d in decompose(&lower).chars() {
        push_folded(&mut out, d);
    }
    out
}

/// One character after decomposition: dropped, mapped, or kept (lower-cased
/// again: a compatibility decomposition may yield a capital, `ℌ` → `H`).
fn push_folded(out: &mut String, c: char) {
    if is_diacritic(c) || c == ZWNJ || c == ZWJ || is_apostrophe(c) {
        return;
    }
    match c {
        // Arabic-Indic and extended (Persian) digits read as ASCII digits.
        '\u{0660}'..='\u{0669}' => out.push((b'0' + (c as u32 - 0x0660) as u8) as char),
        '\u{06F0}'..='\u{06F9}' => out.push((b'0' + (c as u32 - 0x06F0) as u8) as char),
        // Arabic yeh and kaf are written for the Persian letters in much scraped text.
        '\u{064A}' | '\u{0649}' => out.push('\u{06CC}'),
        '\u{0643}' => out.push('\u{06A9}'),
        _ => {
            for l in c.to_lowercase() {
                match ascii_fold(l) {
                    Some(a) => out.push_str(a),
                    None => out.push(l),
                }
            }
        }
    }
}

/// A combining mark that is an accent rather than part of a letter.
fn is_diacritic(c: char) -> bool {
    is_combining_mark(c)
        && matches!(c as u32,
            0x0300..=0x036F      // combining diacritical marks (Latin, Greek, Cyrillic)
            | 0x0483..=0x0489    // Cyrillic titlo and signs
            | 0x0591..=0x05C7    // Hebrew cantillation and points
            | 0x0610..=0x061A    // Arabic honorific signs
            | 0x064B..=0x065F    // Arabic harakat
            | 0x0670             // superscript alef
            | 0x06D6..=0x06ED    // Quranic annotation
            | 0x1AB0..=0x1AFF    // diacritical marks extended
            | 0x1DC0..=0x1DFF    // diacritical marks supplement
            | 0x20D0..=0x20FF    // marks for symbols
            | 0xFE20..=0xFE2F) // half marks
}

/// Lower-case letters that NFKD leaves whole, and the case folds that
/// lower-casing misses, as ASCII (or the letter their script folds them to).
fn ascii_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ς' => "σ",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'ł' => "l",
        'ŀ' => "l",
        'ƚ' => "l",
        'đ' => "d",
        'ð' => "d",
        'ɗ' => "d",
        'þ' => "th",
        'ı' => "i",
        'ɨ' => "i",
        'ȷ' => "j",
        'ħ' => "h",
        'ŧ' => "t",
        'ĸ' => "q",
        'ŋ' => "n",
        'ƀ' => "b",
        'ɓ' => "b",
        'ƒ' => "f",
        'ʉ' => "u",
        'ƶ' => "z",
        'ȥ' => "z",
        'ĳ' => "ij",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn case_and_diacritics() {
        assert_eq!(fold("Malikī"), "maliki");
        assert_eq!(fold("MALIKI"), "maliki");
        assert_eq!(fold("Ünïcödé"), "unicode");
        assert_eq!(fold("ﬁle"), "file");
        assert_eq!(fold("ＡＢＣ"), "abc");
    }

    #[test]
    fn letters_without_decomposition() {
        assert_eq!(fold("Łódź"), fold("Lodz"));
        assert_eq!(fold("København"), fold("Kobenhavn"));
        assert_eq!(fold("Straße"), fold("STRASSE"));
        assert_eq!(fold("Ærø"), "aero");
        assert_eq!(fold("Þórður"), "thordur");
        assert_eq!(fold("Đorđević"), "dordevic");
        assert_eq!(fold("ıstanbul"), fold("İstanbul"));
    }

    #[test]
    fn greek_final_sigma_and_tonos() {
        assert_eq!(fold("ΣΊΣΥΦΟΣ"), fold("σίσυφος"));
        assert_eq!(fold("σίσυφος"), "σισυφοσ");
    }

    #[test]
    fn scripts_keep_their_vowel_signs() {
        // Devanagari and Thai vowel signs are combining marks but not accents.
        assert_eq!(fold("किताब").chars().count(), "किताब".chars().count());
        assert_eq!(fold("ภาษาไทย"), "ภาษาไทย");
        // Arabic harakat are accents.
        assert_eq!(fold("مُجاهِدین"), "مجاهدین");
        assert_eq!(fold("علي"), fold("علی"));
    }

    proptest! {
        #[test]
        fn folding_is_idempotent(w in "\\PC{0,12}") {
            let once = fold(&w);
            prop_assert_eq!(fold(&once), once);
        }

        #[test]
        fn folding_ignores_case(w in "[a-zA-ZÀ-ɏͰ-Ͽ]{0,12}") {
            prop_assert_eq!(fold(&w.to_uppercase()), fold(&w.to_lowercase()));
        }
    }
}
