//! Stemming: the last step of the chain, so that `interview` finds
//! "interviews" and `negotiate` "negotiations". Snowball stemmers from
//! `rust-stemmers` (pure Rust, the same algorithms as Lucene, tantivy and
//! NLTK). Stems are never stored as the index's terms: the index keeps every
//! folded word form, and a stem table groups the forms that share a stem
//! ([`crate::index::stems`]), so a quoted word can still ask for its exact
//! form and marks show the form the text uses.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

/// A corpus's (or one document's) language for stemming; `None` turns it off.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Language {
    None,
    Arabic,
    Danish,
    Dutch,
    #[default]
    English,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Russian,
    Spanish,
    Swedish,
    Tamil,
    Turkish,
}

impl Language {
    /// Every language by its name in `corpus.toml` and front matter.
    pub const ALL: [(&'static str, Language); 19] = [
        ("none", Language::None),
        ("arabic", Language::Arabic),
        ("danish", Language::Danish),
        ("dutch", Language::Dutch),
        ("english", Language::English),
        ("finnish", Language::Finnish),
        ("french", Language::French),
        ("german", Language::German),
        ("greek", Language::Greek),
        ("hungarian", Language::Hungarian),
        ("italian", Language::Italian),
        ("norwegian", Language::Norwegian),
        ("portuguese", Language::Portuguese),
        ("romanian", Language::Romanian),
        ("russian", Language::Russian),
        ("spanish", Language::Spanish),
        ("swedish", Language::Swedish),
        ("tamil", Language::Tamil),
        ("turkish", Language::Turkish),
    ];

    pub fn from_name(name: &str) -> Option<Language> {
        Self::ALL.iter().find(|(n, _)| n.eq_ignore_ascii_case(name.trim())).map(|&(_, l)| l)
    }

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, l)| *l == self).map(|(n, _)| *n).expect("every language is listed")
    }

    fn algorithm(self) -> Option<Algorithm> {
        Some(match self {
            Language::None => return None,
            Language::Arabic => Algorithm::Arabic,
            Language::Danish => Algorithm::Danish,
            Language::Dutch => Algorithm::Dutch,
            Language::English => Algorithm::English,
            Language::Finnish => Algorithm::Finnish,
            Language::French => Algorithm::French,
            Language::German => Algorithm::German,
            Language::Greek => Algorithm::Greek,
            Language::Hungarian => Algorithm::Hungarian,
            Language::Italian => Algorithm::Italian,
            Language::Norwegian => Algorithm::Norwegian,
            Language::Portuguese => Algorithm::Portuguese,
            Language::Romanian => Algorithm::Romanian,
            Language::Russian => Algorithm::Russian,
            Language::Spanish => Algorithm::Spanish,
            Language::Swedish => Algorithm::Swedish,
            Language::Tamil => Algorithm::Tamil,
            Language::Turkish => Algorithm::Turkish,
        })
    }

    /// The stem of a folded term. Terms with digits (years, numbers,
    /// versions) and languages set to `none` are their own stems.
    pub fn stem<'t>(self, term: &'t str) -> Cow<'t, str> {
        match self.algorithm() {
            Some(a) if !term.bytes().any(|b| b.is_ascii_digit()) => Stemmer::create(a).stem(term),
            _ => Cow::Borrowed(term),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_groups_inflections() {
        let s = |w| Language::English.stem(w).into_owned();
        assert_eq!(s("interviews"), s("interview"));
        assert_eq!(s("negotiations"), s("negotiate"));
        assert_eq!(s("residents"), s("resident"));
        assert_eq!(s("running"), s("run"));
        assert_ne!(s("camp"), s("campaign"));
        // Numbers are left alone.
        assert_eq!(s("2011s"), "2011s");
    }

    #[test]
    fn none_and_names() {
        assert_eq!(Language::None.stem("interviews"), "interviews");
        assert_eq!(Language::from_name("French"), Some(Language::French));
        assert_eq!(Language::from_name("klingon"), None);
        for (name, l) in Language::ALL {
            assert_eq!(l.name(), name);
        }
    }

    #[test]
    fn other_languages_stem() {
        assert_eq!(Language::French.stem("negociations"), Language::French.stem("negociation"));
        assert_eq!(Language::German.stem("verhandlungen"), Language::German.stem("verhandlung"));
    }
}
