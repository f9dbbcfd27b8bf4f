//! Entity discovery, at build time: proper-noun phrases read off each text
//! (capitalised runs) and those named in several documents, which become
//! Entity facet values beside the alias groups of `corpus.toml`.

use std::collections::{HashMap, HashSet};

use super::dates::month_number;
use crate::analysis::stopwords::is_function_word;
use crate::analysis::{tokenize, Token};
use crate::index::Alias;

/// A capitalised word that never begins a name: a function word that can
/// start a sentence (`The`, `During`), a title or a turn label (`Mr`, `Q`),
/// or a month. `US` (U.S.) and `New` (New York) do begin names.
fn never_begins_a_name(term: &str) -> bool {
    (is_function_word(term) && !matches!(term, "us" | "new"))
        || matches!(term, "yes" | "mr" | "mrs" | "ms" | "dr" | "q" | "home")
        || month_number(term).is_some()
}

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
        if !capital(t) || never_begins_a_name(&t.term) || t.term.chars().all(|c| c.is_ascii_digit()) {
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
            if capital(&tokens[j]) && !never_begins_a_name(&tokens[j].term) || connector && j + 1 < tokens.len() && capital(&tokens[j + 1]) {
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
    // Per name: mentions, the documents naming it, and how often each surface form is written.
    type Seen = (u32, HashSet<usize>, HashMap<String, u32>);
    let mut stats: HashMap<String, Seen> = HashMap::new();
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
    crate::order::sort_by(&mut out, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
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
    fn corpus_candidates_need_several_documents() {
        let per_doc = vec![vec!["Camp Ashraf".to_string(), "Baghdad".into()], vec!["Camp Ashraf".into(), "CAMP ASHRAF".into()], vec!["MKO".into()]];
        let aliases = vec![Alias { name: "MKO".into(), spellings: vec![vec!["mko".into()]] }];
        assert_eq!(corpus_candidates(&per_doc, &aliases, 2, 10), [("Camp Ashraf".to_string(), 3, 2)]);
    }
}
