//! Named entities: alias groups from `corpus.toml` (one entity, all its
//! spellings) found in a document, and proper-noun phrases read off the
//! text (capitalised runs) as candidates with mention counts.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::config::AliasGroup;
use crate::tokenize::{tokenize, Token};

/// An alias group with each spelling tokenised as the index tokenises text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub name: String,
    pub spellings: Vec<Vec<String>>,
}

impl Alias {
    pub fn from_group(g: &AliasGroup) -> Alias {
        let mut spellings: Vec<Vec<String>> = g
            .spellings
            .iter()
            .map(|s| tokenize(s).into_iter().map(|t| t.term).collect::<Vec<_>>())
            .filter(|s| !s.is_empty())
            .collect();
        spellings.sort();
        spellings.dedup();
        Alias { name: g.name.clone(), spellings }
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

/// Capitalised words that start a sentence or a line, or that are too
/// common to name anything, and never begin an entity.
const STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "in", "on", "at", "of", "for", "to", "by", "with", "from", "as", "is", "was",
    "it", "its", "this", "that", "these", "those", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our",
    "if", "when", "while", "since", "after", "before", "however", "also", "yes", "no", "not", "so", "there", "what",
    "who", "why", "how", "which", "all", "some", "one", "mr", "mrs", "ms", "dr", "q", "a", "home", "by",
    // Months name dates, not entities.
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Proper-noun phrases of one text: runs of capitalised words (connectors
/// like `al`, `e` allowed inside), each with its surface form.
pub fn candidates(text: &str) -> Vec<String> {
    candidates_in(text, &tokenize(text))
}

/// As [`candidates`], with the text's tokens already at hand (indexing has them).
pub fn candidates_in(text: &str, tokens: &[Token]) -> Vec<String> {
    let capital = |t: &Token| text[t.start..t.end].chars().next().is_some_and(char::is_uppercase);
    let sentence_start = |t: &Token| {
        let before = text[..t.start].trim_end_matches([' ', '"', '“', '‘', '(', '\'', '*']);
        before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '»', '|'])
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if !capital(t) || STOP.contains(&t.term.as_str()) || t.term.chars().all(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < tokens.len() {
            let gap = &text[tokens[j - 1].end..tokens[j].start];
            if !(gap == " " || gap == "-") {
                break;
            }
            let connector = matches!(tokens[j].term.as_str(), "al" | "e" | "el" | "ul" | "bin");
            if capital(&tokens[j]) && !STOP.contains(&tokens[j].term.as_str()) || connector && j + 1 < tokens.len() && capital(&tokens[j + 1]) {
                j += 1;
            } else {
                break;
            }
        }
        // One capitalised word at a sentence start is usually just a sentence start.
        if !(j == i + 1 && sentence_start(t)) {
            out.push(text[t.start..tokens[j - 1].end].to_string());
        }
        i = j;
    }
    out
}

/// Corpus-wide candidates: named in at least `min_docs` documents, not
/// already an alias spelling; `(surface form, mentions, documents)`, most
/// mentioned first, at most `limit`.
pub fn corpus_candidates(per_doc: &[Vec<String>], aliases: &[Alias], min_docs: usize, limit: usize) -> Vec<(String, u32, u32)> {
    let spelled: HashSet<Vec<String>> = aliases.iter().flat_map(|a| a.spellings.iter().cloned()).collect();
    let mut stats: HashMap<String, (u32, HashSet<usize>, HashMap<String, u32>)> = HashMap::new();
    for (d, names) in per_doc.iter().enumerate() {
        for name in names {
            let key: Vec<String> = tokenize(name).into_iter().map(|t| t.term).collect();
            if key.is_empty() || spelled.contains(&key) {
                continue;
            }
            let e = stats.entry(key.join(" ")).or_default();
            e.0 += 1;
            e.1.insert(d);
            *e.2.entry(name.clone()).or_default() += 1;
        }
    }
    let mut out: Vec<(String, u32, u32)> = stats
        .into_values()
        .filter(|(_, docs, _)| docs.len() >= min_docs)
        .map(|(n, docs, forms)| {
            let surface = forms.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|f| f.0).unwrap_or_default();
            (surface, n, docs.len() as u32)
        })
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out.truncate(limit);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_runs_with_connectors() {
        let got = candidates("Prime Minister Nouri al-Maliki met Camp Ashraf residents. The MKO left. Iraq is far.");
        assert_eq!(got, ["Prime Minister Nouri al-Maliki", "Camp Ashraf", "MKO"]);
        assert_eq!(candidates("Iraqi forces came. In Iraq, Iraqi forces stayed."), ["Iraq", "Iraqi"]);
    }

    #[test]
    fn alias_groups_match_token_sequences() {
        let a = Alias::from_group(&AliasGroup { name: "MKO".into(), spellings: vec!["MKO".into(), "Mujahedin-e-Khalq".into(), "MEK".into()] });
        assert!(group_of(std::slice::from_ref(&a), &["mujahedin", "e", "khalq"]).is_some());
        assert!(group_of(std::slice::from_ref(&a), &["mujahedin"]).is_none());
        assert_eq!(groups_in(std::slice::from_ref(&a), &["the", "mek", "camp"]), ["MKO"]);
        assert!(groups_in(&[a], &["the", "camp"]).is_empty());
    }

    #[test]
    fn corpus_candidates_need_several_documents() {
        let per_doc = vec![vec!["Camp Ashraf".to_string(), "Baghdad".into()], vec!["Camp Ashraf".into(), "CAMP ASHRAF".into()], vec!["MKO".into()]];
        let aliases = vec![Alias { name: "MKO".into(), spellings: vec![vec!["mko".into()]] }];
        assert_eq!(corpus_candidates(&per_doc, &aliases, 2, 10), [("Camp Ashraf".to_string(), 3, 2)]);
    }
}
