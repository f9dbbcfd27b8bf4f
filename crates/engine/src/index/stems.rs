//! Which indexed word forms share a stem, per language the corpus is
//! written in: the index keeps every folded form (so quotes can ask for one
//! form exactly and marks show the form used), and this table answers "every
//! form of `negotiate`" without stemming the vocabulary at query time.
//!
//! Only forms that differ from their stem are stored (`stem → forms`, an
//! [`FstMap`] to a list of term numbers); a form that is its own stem
//! (`camp`) is found by looking the query word's stem up in the dictionary.
//!
//! A sharded index carries the table in its fragments: each stem in the
//! fragment whose range of words holds the stem itself (where a lookup of
//! the stem goes), and the fragments are cut so that a stem and all its
//! forms fall in one ([`StemGroups::families`]). A word's fragment is then
//! its stem's and its forms' too, so the round that looks the word up
//! brings every list its stem reaches. A few families span thousands of
//! words (`die` … `dying`, `in` … `ins`): keeping them together would make
//! fragments of megabytes, so the stems whose forms span more than
//! [`WIDE_FAMILY`] words stay in the core: 804 of the 34,772 stems at
//! 31,830 documents (12 KB gzip), and none of the rest.

use super::slot::Slot;

use serde::{Deserialize, Serialize};

use super::dictionary::FstMap;
use crate::analysis::Language;

/// A stem whose forms span more words than this (in term order, the stem
/// itself counted) is kept in a sharded index's core, the others in the
/// fragment its range of words falls in.
pub const WIDE_FAMILY: u32 = 64;

/// The forms sharing each stem, in one language.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "WireStemGroups", into = "WireStemGroups")]
pub struct StemGroups {
    pub language: Language,
    table: Table,
}

/// The table whole, or in pieces by the dictionary's ranges of words
/// beside the stems of wide families, always here.
#[derive(Debug, Clone)]
enum Table {
    Whole(Groups),
    Pieces { wide: Groups, pieces: Vec<Slot<Groups>> },
}

/// Stems and their forms (a whole table, or one piece of it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Groups {
    /// Stem → number of its group in `groups`.
    stems: FstMap,
    /// Term numbers of the forms (other than the stem itself) with that stem.
    groups: Vec<Vec<u32>>,
}

impl Groups {
    fn forms(&self, stem: &str) -> Option<&[u32]> {
        self.stems.get(stem).map(|g| self.groups.get(g as usize).map_or(&[][..], Vec::as_slice))
    }

    /// These stems and their forms.
    fn entries(&self) -> impl Iterator<Item = (String, Vec<u32>)> + '_ {
        self.stems.entries().into_iter().map(|(stem, n)| (stem, self.groups.get(n as usize).cloned().unwrap_or_default()))
    }

    /// The table of `entries` (sorted by stem).
    fn of(entries: Vec<(String, Vec<u32>)>) -> Groups {
        let stems = FstMap::build(entries.iter().enumerate().map(|(n, (k, _))| (k.as_str(), n as u64)));
        Groups { stems, groups: entries.into_iter().map(|(_, g)| g).collect() }
    }

    /// Whether every stem names a group, each of terms below `terms`.
    fn check(&self, terms: usize) -> Result<(), String> {
        self.stems.check()?;
        let named = self.stems.values().iter().all(|&g| (g as usize) < self.groups.len());
        if !named || self.groups.iter().flatten().any(|&t| t as usize >= terms) {
            return Err("a stem table naming groups or terms it has not".into());
        }
        Ok(())
    }
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
        let stems = FstMap::build(keys.iter().map(|(k, v)| (k.as_str(), *v)));
        StemGroups { language, table: Table::Whole(Groups { stems, groups }) }
    }

    pub(super) fn check(&self, terms: usize) -> Result<(), String> {
        match &self.table {
            Table::Whole(g) | Table::Pieces { wide: g, .. } => g.check(terms),
        }
    }

    /// Numbers of the stored forms whose stem is `stem` (never the stem
    /// itself), or `Err` with the piece that holds them, not here yet;
    /// `piece` is the dictionary's piece whose range holds `stem`
    /// (`None` for a whole dictionary).
    pub fn forms(&self, piece: Option<usize>, stem: &str) -> Result<Vec<u32>, usize> {
        match (&self.table, piece) {
            (Table::Whole(g), _) => Ok(g.forms(stem).unwrap_or_default().to_vec()),
            (Table::Pieces { wide, pieces }, piece) => match (wide.forms(stem), piece) {
                (Some(forms), _) => Ok(forms.to_vec()),
                (None, Some(i)) => pieces.get(i).and_then(Slot::get).map(|g| g.forms(stem).unwrap_or_default().to_vec()).ok_or(i),
                (None, None) => Ok(Vec::new()),
            },
        }
    }

    /// The range of term numbers each stem's family spans (its forms and
    /// the stem itself: its number if it is a term, else the term before
    /// its place, whose piece its lookup reads), for the families of
    /// [`WIDE_FAMILY`] words or fewer, which fragments keep whole. `terms` sorted.
    pub fn families(&self, terms: &[String]) -> Vec<(u32, u32)> {
        self.all().unwrap_or_default().into_iter().filter_map(|(stem, forms)| family(terms, &stem, &forms)).collect()
    }

    /// This table cut by the dictionary's pieces, starting at the words
    /// `firsts`: each piece's bytes, for its fragment, and the table that
    /// names the pieces, none of them here.
    pub fn cut(&self, firsts: &[String], terms: &[String]) -> (StemGroups, Vec<Vec<u8>>) {
        let mut pieces: Vec<Vec<(String, Vec<u32>)>> = firsts.iter().map(|_| Vec::new()).collect();
        let mut wide = Vec::new();
        // (A table in pieces, every one here, cuts as the whole one.)
        for (stem, forms) in self.all().unwrap_or_default() {
            let i = firsts.partition_point(|f| f.as_str() <= stem.as_str()).saturating_sub(1);
            match pieces.get_mut(i).filter(|_| family(terms, &stem, &forms).is_some()) {
                Some(piece) => piece.push((stem, forms)),
                None => wide.push((stem, forms)),
            }
        }
        let bytes = pieces.into_iter().map(|p| postcard::to_allocvec(&Groups::of(p)).expect("a stem table always serialises")).collect();
        let table = Table::Pieces { wide: Groups::of(wide), pieces: firsts.iter().map(|_| Slot::empty()).collect() };
        (StemGroups { language: self.language, table }, bytes)
    }

    /// Puts piece `i` in, once read from its fragment and checked.
    pub fn fill(&self, i: usize, groups: Groups, terms: usize) -> Result<(), String> {
        let Table::Pieces { pieces, .. } = &self.table else { return Err("this stem table is whole".into()) };
        let slot = pieces.get(i).ok_or_else(|| format!("no fragment {i}"))?;
        groups.check(terms).map_err(|e| format!("fragment {i}: {e}"))?;
        slot.put(groups);
        Ok(())
    }

    /// How many pieces (none for a whole table).
    pub fn pieces(&self) -> usize {
        match &self.table {
            Table::Whole(_) => 0,
            Table::Pieces { pieces, .. } => pieces.len(),
        }
    }

    /// Whether piece `i` is here (a whole table has no pieces).
    pub fn has_piece(&self, i: usize) -> bool {
        matches!(&self.table, Table::Pieces { pieces, .. } if pieces.get(i).is_some_and(Slot::is_here))
    }

    /// Lets piece `i` go (its fragment is let go).
    pub(super) fn let_go(&self, i: usize) {
        if let Table::Pieces { pieces, .. } = &self.table {
            pieces.get(i).map(Slot::clear);
        }
    }

    /// When piece `i` was last read ([`super::slot`]'s clock; 0 if never).
    pub(super) fn last_read(&self, i: usize) -> u64 {
        match &self.table {
            Table::Whole(_) => 0,
            Table::Pieces { pieces, .. } => pieces.get(i).map_or(0, Slot::last_read),
        }
    }

    /// Bytes of the table, or of its pieces here (for the build's size report).
    pub fn size(&self) -> usize {
        let size = |g: &Groups| g.stems.size() + g.groups.iter().map(|g| 4 * g.len() + 1).sum::<usize>();
        match &self.table {
            Table::Whole(g) => size(g),
            Table::Pieces { wide, pieces } => size(wide) + pieces.iter().filter_map(Slot::get).map(|g| size(&g)).sum::<usize>(),
        }
    }
}

impl StemGroups {
    /// Every stem with its forms, once every piece is here.
    fn all(&self) -> Option<std::collections::BTreeMap<String, Vec<u32>>> {
        match &self.table {
            Table::Whole(g) => Some(g.entries().collect()),
            Table::Pieces { wide, pieces } => {
                let pieces: Vec<_> = pieces.iter().map(Slot::get).collect::<Option<_>>()?;
                Some(wide.entries().chain(pieces.iter().flat_map(|g| g.entries())).collect())
            }
        }
    }
}

/// Equal when they group the same forms under the same stems, however
/// they are held (tables with pieces not here compare by how many).
impl PartialEq for StemGroups {
    fn eq(&self, other: &StemGroups) -> bool {
        self.language == other.language
            && match (self.all(), other.all()) {
                (Some(a), Some(b)) => a == b,
                _ => self.pieces() == other.pieces(),
            }
    }
}

/// The range of term numbers the family of `stem` (its `forms`, and the
/// stem itself: its number if it is a term, else the term before its
/// place, whose piece its lookup reads) spans, unless it spans more than
/// [`WIDE_FAMILY`] words.
fn family(terms: &[String], stem: &str, forms: &[u32]) -> Option<(u32, u32)> {
    let at = terms.partition_point(|t| t.as_str() < stem);
    let own = if terms.get(at).is_some_and(|t| t == stem) { at } else { at.saturating_sub(1) } as u32;
    let (lo, hi) = forms.iter().fold((own, own), |(lo, hi), &t| (lo.min(t), hi.max(t)));
    (hi - lo <= WIDE_FAMILY).then_some((lo, hi))
}

/// On the wire: the table, or the wide families and how many pieces the rest is cut in.
#[derive(Serialize, Deserialize)]
struct WireStemGroups {
    language: Language,
    table: WireTable,
}

#[derive(Serialize, Deserialize)]
enum WireTable {
    Whole(Groups),
    Pieces { wide: Groups, pieces: u32 },
}

/// A table whose pieces are all here is written whole.
impl From<StemGroups> for WireStemGroups {
    fn from(g: StemGroups) -> WireStemGroups {
        let table = match (g.all(), g.table) {
            (_, Table::Whole(g)) => WireTable::Whole(g),
            (Some(all), Table::Pieces { .. }) => WireTable::Whole(Groups::of(all.into_iter().collect())),
            (None, Table::Pieces { wide, pieces }) => WireTable::Pieces { wide, pieces: pieces.len() as u32 },
        };
        WireStemGroups { language: g.language, table }
    }
}

impl TryFrom<WireStemGroups> for StemGroups {
    type Error = String;
    fn try_from(w: WireStemGroups) -> Result<StemGroups, String> {
        let table = match w.table {
            WireTable::Whole(g) => Table::Whole(g),
            WireTable::Pieces { wide, pieces } => Table::Pieces { wide, pieces: (0..pieces).map(|_| Slot::empty()).collect() },
        };
        Ok(StemGroups { language: w.language, table })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A table read from a file is refused when a stem names a group it has
    /// not, or a group names a term the index has not.
    #[test]
    fn a_table_naming_what_it_has_not_is_refused() {
        let table = |group: u64, term: u32| Groups { stems: FstMap::build([("camp", group)]), groups: vec![vec![term]] };
        assert!(table(0, 1).check(2).is_ok());
        assert!(table(1, 1).check(2).is_err(), "no group 1");
        assert!(table(0, 2).check(2).is_err(), "no term 2");
    }

    #[test]
    fn groups_forms_by_stem_and_leaves_stems_out() {
        let terms: Vec<String> = ["camp", "camps", "interview", "interviewed", "interviews", "negotiations"].map(String::from).to_vec();
        let g = StemGroups::build(Language::English, &terms, 0..terms.len() as u32);
        assert_eq!(g.forms(None, "camp"), Ok(vec![1]));
        assert_eq!(g.forms(None, "interview"), Ok(vec![3, 4]));
        assert_eq!(g.forms(None, &Language::English.stem("negotiate")), Ok(vec![5]));
        assert_eq!(g.forms(None, "ashraf"), Ok(vec![]));
    }
}
