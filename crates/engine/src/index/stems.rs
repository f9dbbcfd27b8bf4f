//! Which indexed word forms share a stem, per language the corpus is
//! written in: the index keeps every folded form (so quotes can ask for one
//! form exactly and marks show the form used), and this table answers "every
//! form of `negotiate`" without stemming the vocabulary at query time.
//!
//! Only forms that differ from their stem are stored (`stem → forms`, an
//! [`FstMap`] to a list of term numbers); a form that is its own stem
//! (`camp`) is found by looking the query word's stem up in the dictionary.

use serde::{Deserialize, Serialize};

use super::dictionary::FstMap;
use crate::analysis::Language;

/// The forms sharing each stem, in one language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StemGroups {
    pub language: Language,
    /// Stem → number of its group in `groups`.
    stems: FstMap,
    /// Term numbers of the forms (other than the stem itself) with that stem.
    groups: Vec<Vec<u32>>,
}

impl StemGroups {
    /// Groups the terms numbered `ids` (sorted) of `terms` by their stem.
    #[cfg(feature = "ingest")]
    pub fn build(language: Language, terms: &[String], ids: impl Iterator<Item = u32>) -> StemGroups {
        let mut pairs: Vec<(String, u32)> = ids
            .filter_map(|id| {
                let term = &terms[id as usize];
                let stem = language.stem(term);
                (stem != term.as_str()).then(|| (stem.into_owned(), id))
            })
            .collect();
        pairs.sort_unstable();
        let mut keys: Vec<(String, u64)> = Vec::new();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        for (stem, id) in pairs {
            if keys.last().map(|(k, _)| k) != Some(&stem) {
                keys.push((stem, groups.len() as u64));
                groups.push(Vec::new());
            }
            groups.last_mut().expect("pushed above").push(id);
        }
        StemGroups { language, stems: FstMap::build(keys.iter().map(|(k, v)| (k.as_str(), *v))), groups }
    }

    pub(super) fn check(&self) -> Result<(), String> {
        self.stems.check()
    }

    /// Numbers of the stored forms whose stem is `stem` (never the stem itself).
    pub fn forms(&self, stem: &str) -> &[u32] {
        match self.stems.get(stem) {
            Some(g) => self.groups.get(g as usize).map_or(&[], Vec::as_slice),
            None => &[],
        }
    }

    /// Bytes of the table (for the build's size report).
    pub fn size(&self) -> usize {
        self.stems.size() + self.groups.iter().map(|g| 4 * g.len() + 1).sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_forms_by_stem_and_leaves_stems_out() {
        let terms: Vec<String> = ["camp", "camps", "interview", "interviewed", "interviews", "negotiations"].map(String::from).to_vec();
        let g = StemGroups::build(Language::English, &terms, 0..terms.len() as u32);
        assert_eq!(g.forms("camp"), [1]);
        assert_eq!(g.forms("interview"), [3, 4]);
        assert_eq!(g.forms(&Language::English.stem("negotiate")), [5]);
        assert!(g.forms("ashraf").is_empty());
    }
}
