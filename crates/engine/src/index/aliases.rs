//! Alias groups: one entity and every way the corpus spells it (from
//! `corpus.toml`). The index keeps each spelling as terms; a query word or
//! phrase that is one spelling is searched as all of them.

use serde::{Deserialize, Serialize};

use crate::analysis::tokenize;

/// An alias group with each spelling tokenised as the index tokenises text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub name: String,
    pub spellings: Vec<Vec<String>>,
}

impl Alias {
    pub fn new(name: &str, spellings: &[String]) -> Alias {
        let mut spellings: Vec<Vec<String>> =
            spellings.iter().map(|s| tokenize(s).into_iter().map(|t| t.term).collect::<Vec<_>>()).filter(|s| !s.is_empty()).collect();
        spellings.sort();
        spellings.dedup();
        Alias { name: name.to_string(), spellings }
    }
}

/// The group whose spellings include exactly `words`.
pub fn group_of<'a>(aliases: &'a [Alias], words: &[&str]) -> Option<&'a Alias> {
    aliases.iter().find(|a| a.spellings.iter().any(|s| s.len() == words.len() && s.iter().zip(words).all(|(x, y)| x == y)))
}

/// Names of the groups any of whose spellings occurs in `terms`.
pub fn groups_in(aliases: &[Alias], terms: &[&str]) -> Vec<String> {
    aliases
        .iter()
        .filter(|a| a.spellings.iter().any(|s| terms.windows(s.len()).any(|w| w.iter().zip(s).all(|(x, y)| *x == y))))
        .map(|a| a.name.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_groups_match_token_sequences() {
        let a = Alias::new("MKO", &["MKO".into(), "Mujahedin-e-Khalq".into(), "MEK".into()]);
        assert!(group_of(std::slice::from_ref(&a), &["mujahedin", "e", "khalq"]).is_some());
        assert!(group_of(std::slice::from_ref(&a), &["mujahedin"]).is_none());
        assert_eq!(groups_in(std::slice::from_ref(&a), &["the", "mek", "camp"]), ["MKO"]);
        assert!(groups_in(&[a], &["the", "camp"]).is_empty());
    }
}
