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
        // One capitalised word at a sentence start is usually just a sentence start;
        // one letter alone is an initial, a variable or the C of "C code", not a name.
        let one_letter = j == i + 1 && t.term.chars().count() == 1;
        if !(one_letter || j == i + 1 && sentence_start(t)) {
            out.push(text[t.start..tokens[j - 1].end].to_string());
        }
        i = j;
    }
    out
}

/// A name read off one text ([`candidates_in`]) with its key: its words
/// as search folds them, so "CAMP ASHRAF" and "Camp Ashraf" are one name.
/// Keyed where the text is read, on every core.
pub struct Name {
    key: String,
    surface: String,
}

/// The names of one text that may become candidates: those with words,
/// not already an alias spelling (`spelled`: every alias group's spellings).
pub fn names_in(text: &str, tokens: &[Token], spelled: &HashSet<Vec<String>>) -> Vec<Name> {
    candidates_in(text, tokens)
        .into_iter()
        .filter_map(|surface| {
            let key: Vec<String> = tokenize(&surface).into_iter().map(|t| t.term).collect();
            (!key.is_empty() && !spelled.contains(&key)).then(|| Name { key: key.join(" "), surface })
        })
        .collect()
}

/// Every alias group's spellings, which are never candidates.
pub fn spellings(aliases: &[Alias]) -> HashSet<Vec<String>> {
    aliases.iter().flat_map(|a| a.spellings.iter().cloned()).collect()
}

/// A corpus-wide candidate: its surface form, mentions and documents.
pub type Candidate = (String, u32, u32);

/// The names of the whole corpus, tallied as documents are added in order:
/// per name, its mentions, the documents naming it and how often each
/// surface form is written; per document, the names it has. Each name is
/// kept once, by number. (Every document's names as strings, held until
/// the corpus was read, were 1.5 GB of the build at 299,202 documents.)
#[derive(Default)]
pub struct Tally {
    number: HashMap<String, u32>,
    seen: Vec<Seen>,
    /// Each document's names, by number, each once: `named[starts[d]..starts[d + 1]]`.
    named: Vec<u32>,
    starts: Vec<usize>,
}

#[derive(Default)]
struct Seen {
    mentions: u32,
    docs: u32,
    last: u32,
    /// Each surface form and how often it is written (one or two, mostly).
    forms: Vec<(String, u32)>,
}

impl Tally {
    /// Tallies the next document's names.
    pub fn add(&mut self, names: Vec<Name>) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        let doc = self.starts.len() as u32 - 1;
        for Name { key, surface } in names {
            let next = self.seen.len() as u32;
            let n = *self.number.entry(key).or_insert(next);
            if n == next {
                self.seen.push(Seen::default());
            }
            let seen = &mut self.seen[n as usize];
            seen.mentions += 1;
            if seen.docs == 0 || seen.last != doc {
                seen.docs += 1;
                seen.last = doc;
                self.named.push(n);
            }
            match seen.forms.iter_mut().find(|f| f.0 == surface) {
                Some(f) => f.1 += 1,
                None => seen.forms.push((surface, 1)),
            }
        }
        self.starts.push(self.named.len());
    }

    /// Corpus-wide candidates: named in at least `min_docs` documents;
    /// `(surface form, mentions, documents)`, most mentioned first, at most
    /// `limit`, and per document the candidates it names, in that order.
    pub fn candidates(self, min_docs: usize, limit: usize) -> (Vec<Candidate>, Vec<Vec<usize>>) {
        let Tally { seen, named, starts, .. } = self;
        let mut chosen: Vec<(u32, Candidate)> = seen
            .into_iter()
            .enumerate()
            .filter(|(_, s)| s.docs as usize >= min_docs)
            .map(|(n, s)| {
                // The most written form; of equally written ones, the first alphabetically.
                let surface = s.forms.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|f| f.0).unwrap_or_default();
                (n as u32, (surface, s.mentions, s.docs))
            })
            .collect();
        crate::order::sort_by(&mut chosen, |(_, a), (_, b)| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        chosen.truncate(limit);
        let place: HashMap<u32, usize> = chosen.iter().enumerate().map(|(i, (n, _))| (*n, i)).collect();
        let per_doc = starts
            .windows(2)
            .map(|w| {
                let mut mine: Vec<usize> = named[w[0]..w[1]].iter().filter_map(|n| place.get(n).copied()).collect();
                crate::order::sort(&mut mine);
                mine
            })
            .collect();
        (chosen.into_iter().map(|(_, c)| c).collect(), per_doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_runs_with_connectors() {
        let got = candidates("Prime Minister Nouri al-Maliki met Camp Ashraf residents. The MKO left. Iraq is far.");
        assert_eq!(got, ["Prime Minister Nouri al-Maliki", "Camp Ashraf", "MKO"]);
        assert_eq!(candidates("Iraqi forces came. In Iraq, Iraqi forces stayed."), ["Iraq", "Iraqi"]);
        // Letters alone (an initial, the C language) are not names; inside a run they stay.
        assert_eq!(candidates("Written by J. Smith in C with O'Brien and George W Bush."), ["O'Brien", "George W Bush"]);
    }

    #[test]
    fn corpus_candidates_need_several_documents() {
        let texts = ["Then Camp Ashraf and Baghdad.", "In Camp Ashraf, CAMP ASHRAF.", "Then MKO.", "Nothing named."];
        let spelled = spellings(&[Alias { name: "MKO".into(), spellings: vec![vec!["mko".into()]] }]);
        let mut tally = Tally::default();
        for text in texts {
            tally.add(names_in(text, &tokenize(text), &spelled));
        }
        let (candidates, per_doc) = tally.candidates(2, 10);
        assert_eq!(candidates, [("Camp Ashraf".to_string(), 3, 2)]);
        assert_eq!(per_doc, [vec![0], vec![0], vec![], vec![]]);
    }
}
