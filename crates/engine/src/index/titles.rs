//! Title postings, for the terms titles use, by term: most terms (every
//! CJK pair, every rare word) are in no title, and an empty list per term
//! cost 72 bytes each (9.6 MB on the Linux docs).
//!
//! Read whole, they are one sorted list. A sharded index carries them in
//! its fragments by the same term ranges as the body lists, each fragment
//! ending with the title lists of its own terms ([`super::fragments`]), so
//! the core holds none of them (they were 178 of its 1,773 KB gzip at
//! 31,830 documents) and a word's title list arrives with its dictionary
//! entry and its body list, in the fetch its lookup makes anyway.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::lists::PostingsRef;
use super::postings::Postings;
use super::slot::Slot;

/// One piece's title lists by term, each shared with the reads that hold it.
type Piece = Vec<(u32, Arc<Postings>)>;

/// Title lists, whole or in pieces by term range.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "WireTitles", into = "WireTitles")]
pub enum Titles {
    Whole(Vec<(u32, Postings)>),
    /// Piece `i` holds the lists of the terms from `firsts[i]` up to
    /// `firsts[i + 1]`, once its fragment is here.
    Pieces {
        firsts: Vec<u32>,
        pieces: Vec<Slot<Piece>>,
    },
}

impl Default for Titles {
    fn default() -> Self {
        Titles::Whole(Vec::new())
    }
}

impl Titles {
    /// Term `term`'s title list (`None` when titles do not use it), or
    /// `Err` with the piece that would hold it, not here yet.
    pub fn get(&self, term: u32) -> Result<Option<PostingsRef<'_>>, usize> {
        Ok(match self {
            Titles::Whole(lists) => lists.binary_search_by_key(&term, |(t, _)| *t).ok().map(|i| PostingsRef::Borrowed(&lists[i].1)),
            Titles::Pieces { firsts, pieces } => {
                let i = firsts.partition_point(|&f| f <= term).saturating_sub(1);
                let lists = pieces.get(i).and_then(Slot::get).ok_or(i)?;
                lists.binary_search_by_key(&term, |(t, _)| *t).ok().map(|i| PostingsRef::Shared(lists[i].1.clone()))
            }
        })
    }

    /// Pushes a list for `term`, after every term pushed before (the build).
    pub fn push(&mut self, term: u32, postings: Postings) {
        if let Titles::Whole(lists) = self {
            lists.push((term, postings));
        }
    }

    /// These lists cut at the term numbers `firsts` (ascending, from 0):
    /// each piece's bytes, for the tail of its fragment, and the titles
    /// that name the pieces, none of them here.
    pub fn cut(&self, firsts: &[u32]) -> (Titles, Vec<Vec<u8>>) {
        let whole = self.whole().unwrap_or_default();
        let at = |term: u32| whole.partition_point(|(t, _)| *t < term);
        let bytes = (0..firsts.len())
            .map(|i| {
                let end = firsts.get(i + 1).map_or(whole.len(), |&f| at(f));
                postcard::to_allocvec(&whole[at(firsts[i])..end]).expect("postings always serialise")
            })
            .collect();
        (Titles::Pieces { firsts: firsts.to_vec(), pieces: firsts.iter().map(|_| Slot::empty()).collect() }, bytes)
    }

    /// Puts piece `i` in from `bytes`, which begin with its terms' title
    /// lists, in term order, within its range; returns the bytes after them.
    pub fn fill<'a>(&self, i: usize, bytes: &'a [u8]) -> Result<&'a [u8], String> {
        let Titles::Pieces { firsts, pieces } = self else { return Err("these title lists are whole".into()) };
        let slot = pieces.get(i).ok_or_else(|| format!("no fragment {i}"))?;
        let (lists, rest): (Vec<(u32, Postings)>, _) = postcard::take_from_bytes(bytes).map_err(|e| format!("fragment {i}: its title lists: {e}"))?;
        let end = firsts.get(i + 1).copied().unwrap_or(u32::MAX);
        if !sorted_within(&lists, firsts[i]..end) {
            return Err(format!("fragment {i}: title lists out of order or out of its range"));
        }
        slot.put(lists.into_iter().map(|(t, p)| (t, Arc::new(p))).collect());
        Ok(rest)
    }

    /// Whether the lists are in term order, each term below `terms`.
    pub fn check(&self, terms: usize) -> bool {
        match self {
            Titles::Whole(lists) => sorted_within(lists, 0..u32::try_from(terms).unwrap_or(u32::MAX)),
            Titles::Pieces { firsts, pieces } => {
                firsts.len() == pieces.len() && firsts.windows(2).all(|w| w[0] < w[1]) && firsts.last().is_none_or(|&f| (f as usize) < terms.max(1))
            }
        }
    }

    /// How many pieces (none for a whole list).
    pub fn pieces(&self) -> usize {
        match self {
            Titles::Whole(_) => 0,
            Titles::Pieces { pieces, .. } => pieces.len(),
        }
    }

    /// Whether piece `i` is here (a whole list has no pieces).
    pub fn has_piece(&self, i: usize) -> bool {
        matches!(self, Titles::Pieces { pieces, .. } if pieces.get(i).is_some_and(Slot::is_here))
    }

    /// Lets piece `i` go (its fragment is let go).
    pub(super) fn let_go(&self, i: usize) {
        if let Titles::Pieces { pieces, .. } = self {
            pieces.get(i).map(Slot::clear);
        }
    }

    /// When piece `i` was last read ([`super::slot`]'s clock; 0 if never).
    pub(super) fn last_read(&self, i: usize) -> u64 {
        match self {
            Titles::Whole(_) => 0,
            Titles::Pieces { pieces, .. } => pieces.get(i).map_or(0, Slot::last_read),
        }
    }

    /// Every list, once every piece is here.
    fn whole(&self) -> Option<Vec<(u32, Postings)>> {
        match self {
            Titles::Whole(lists) => Some(lists.clone()),
            Titles::Pieces { pieces, .. } => {
                let mut out = Vec::new();
                for p in pieces {
                    out.extend(p.get()?.iter().map(|(t, list)| (*t, Postings::clone(list))));
                }
                Some(out)
            }
        }
    }
}

fn sorted_within(lists: &[(u32, Postings)], range: std::ops::Range<u32>) -> bool {
    lists.windows(2).all(|w| w[0].0 < w[1].0) && lists.iter().all(|(t, _)| range.contains(t))
}

/// Equal when they hold the same lists, however they are held (pieces not
/// here compare by where they are cut).
impl PartialEq for Titles {
    fn eq(&self, other: &Titles) -> bool {
        match (self.whole(), other.whole()) {
            (Some(a), Some(b)) => a == b,
            _ => matches!((self, other), (Titles::Pieces { firsts: a, .. }, Titles::Pieces { firsts: b, .. }) if a == b),
        }
    }
}

/// On the wire: the lists, or where the pieces are cut. Titles whose
/// pieces are all here are written whole.
#[derive(Serialize, Deserialize)]
enum WireTitles {
    Whole(Vec<(u32, Postings)>),
    Pieces(Vec<u32>),
}

impl From<Titles> for WireTitles {
    fn from(t: Titles) -> WireTitles {
        match (t.whole(), t) {
            (Some(lists), _) => WireTitles::Whole(lists),
            (None, Titles::Pieces { firsts, .. }) => WireTitles::Pieces(firsts),
            (None, Titles::Whole(lists)) => WireTitles::Whole(lists),
        }
    }
}

impl TryFrom<WireTitles> for Titles {
    type Error = String;
    fn try_from(w: WireTitles) -> Result<Titles, String> {
        Ok(match w {
            WireTitles::Whole(lists) => Titles::Whole(lists),
            WireTitles::Pieces(firsts) => Titles::Pieces { pieces: firsts.iter().map(|_| Slot::empty()).collect(), firsts },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(docs: &[u32]) -> Postings {
        let mut p = Postings::default();
        for &d in docs {
            p.push(d, 0);
        }
        p
    }

    #[test]
    fn cut_by_term_range_each_piece_takes_its_own_terms_lists_only() {
        let mut whole = Titles::default();
        for (t, docs) in [(1, &[0][..]), (4, &[1, 2]), (5, &[2]), (9, &[0, 3])] {
            whole.push(t, list(docs));
        }
        let (pieces, bytes) = whole.cut(&[0, 4, 8]);
        assert_eq!(pieces.get(4).err(), Some(1), "not here: the piece to fetch");
        assert_eq!(pieces.get(9).err(), Some(2));
        // A piece's bytes put in as another piece's are refused: their terms lie elsewhere.
        assert!(pieces.fill(0, &bytes[1]).is_err());
        assert!(pieces.fill(0, b"garbage").is_err());
        assert!(!pieces.has_piece(0));
        for (i, b) in bytes.iter().enumerate() {
            pieces.fill(i, b).expect("its own piece");
        }
        assert_eq!(pieces.get(4).unwrap().map(|p| p.docs.clone()), Some(vec![1, 2]));
        assert!(matches!(pieces.get(3), Ok(None)), "a term no title uses");
        assert_eq!(pieces, whole);
        assert!(whole.check(10) && !whole.check(9), "term 9 is out of a dictionary of 9");
    }
}
