//! Postings: where one term occurs in one field, every document with every
//! position. Kept in memory as flat arrays (no allocation per document);
//! [`crate::index::codec`] writes them as delta-encoded varints.
//!
//! Read from the index file, a list's documents and counts are decoded at
//! once and its positions stay as the file has them (`Positions::Encoded`):
//! ranking needs only how often a term is in a document, and a snippet or a
//! mark only the positions in the few documents shown, which are decoded
//! alone. A common word's positions are most of its list (the commonest
//! word of 31,830 documents has millions), so a keystroke that reaches
//! sixteen common words no longer decodes, and the cache no longer holds,
//! tens of megabytes of them. Work that reads every position (the overview,
//! collocates, a comparison's vectors) decodes them all once.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

/// The fields a term is indexed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Body,
    Title,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "super::codec::WirePostings", into = "super::codec::WirePostings")]
pub struct Postings {
    /// Ascending document numbers.
    pub docs: Vec<u32>,
    /// The positions of `docs[i]` are the `starts[i]`th to the
    /// `starts[i + 1]`th of all: so `starts[i + 1] - starts[i]` is how
    /// often the term is in it.
    pub(super) starts: Vec<u32>,
    pub(super) positions: Positions,
}

/// Every position of a list, in document order.
#[derive(Debug, Clone)]
pub(super) enum Positions {
    Decoded(Vec<u32>),
    /// As the index file holds them: document `i`'s position gaps are the
    /// varints at `bytes[at[i]..at[i + 1]]`; `all` is every position, once
    /// something reads them all.
    Encoded {
        bytes: Arc<Vec<u8>>,
        at: Vec<u32>,
        all: OnceLock<Vec<u32>>,
    },
}

impl Default for Positions {
    fn default() -> Positions {
        Positions::Decoded(Vec::new())
    }
}

/// Equal when they hold the same documents and positions, however held.
impl PartialEq for Postings {
    fn eq(&self, other: &Postings) -> bool {
        self.docs == other.docs && self.starts == other.starts && self.all_positions() == other.all_positions()
    }
}

impl Eq for Postings {}

impl Postings {
    pub(super) const EMPTY: Postings = Postings { docs: Vec::new(), starts: Vec::new(), positions: Positions::Decoded(Vec::new()) };

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Positions of the term in the `i`th document of this list (every
    /// position of the list is decoded the first time: for work that reads
    /// them all; see [`Postings::positions_in`] for one document).
    pub fn positions(&self, i: usize) -> &[u32] {
        &self.all_positions()[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// How often the term is in the `i`th document of this list.
    pub fn count(&self, i: usize) -> usize {
        (self.starts[i + 1] - self.starts[i]) as usize
    }

    /// How often the term is in document `doc`.
    pub fn count_in(&self, doc: u32) -> usize {
        self.docs.binary_search(&doc).map_or(0, |i| self.count(i))
    }

    /// Positions of the term in document `doc`, empty when it is absent;
    /// decoded for that document alone while the list's are encoded.
    pub fn positions_in(&self, doc: u32) -> Cow<'_, [u32]> {
        let Ok(i) = self.docs.binary_search(&doc) else { return Cow::Borrowed(&[]) };
        match self.encoded_run(i) {
            Some(run) => {
                let mut out = Vec::with_capacity(self.count(i));
                super::codec::gaps_into(run, &mut out);
                Cow::Owned(out)
            }
            None => Cow::Borrowed(self.positions(i)),
        }
    }

    /// Appends the term's positions in document `doc` to `out`, decoding
    /// them there while the list's are encoded (a phrase reads them in many
    /// documents, one at a time: no list is decoded whole, nothing allocated).
    pub fn extend_with_positions_in(&self, doc: u32, out: &mut Vec<u32>) {
        let Ok(i) = self.docs.binary_search(&doc) else { return };
        match self.encoded_run(i) {
            Some(run) => super::codec::gaps_into(run, out),
            None => out.extend_from_slice(self.positions(i)),
        }
    }

    /// The `i`th document's position gaps as the file has them, while the
    /// list's positions are not all decoded.
    fn encoded_run(&self, i: usize) -> Option<&[u8]> {
        match &self.positions {
            Positions::Encoded { bytes, at, all } if all.get().is_none() => Some(&bytes[at[i] as usize..at[i + 1] as usize]),
            _ => None,
        }
    }

    /// Every position, in document order.
    fn all_positions(&self) -> &[u32] {
        match &self.positions {
            Positions::Decoded(all) => all,
            Positions::Encoded { bytes, at, all } => all.get_or_init(|| {
                let mut out = Vec::with_capacity(self.occurrences());
                for i in 0..self.docs.len() {
                    super::codec::gaps_into(&bytes[at[i] as usize..at[i + 1] as usize], &mut out);
                }
                out
            }),
        }
    }

    /// Numbers this list holds in memory (its documents, counts, where each
    /// document's positions are, and the positions once decoded): what the
    /// cache of decoded lists counts.
    pub(super) fn held(&self) -> usize {
        let positions = match &self.positions {
            Positions::Decoded(all) => all.len(),
            Positions::Encoded { at, all, .. } => at.len() + all.get().map_or(0, Vec::len),
        };
        self.docs.len() + self.starts.len() + positions
    }

    /// Occurrences in every document together.
    pub fn occurrences(&self) -> usize {
        self.starts.last().map_or(0, |&n| n as usize)
    }

    /// The positions, to be added to (the build's lists are decoded).
    #[cfg(feature = "ingest")]
    fn decoded_mut(&mut self) -> &mut Vec<u32> {
        if let Positions::Encoded { .. } = self.positions {
            self.positions = Positions::Decoded(self.all_positions().to_vec());
        }
        match &mut self.positions {
            Positions::Decoded(all) => all,
            Positions::Encoded { .. } => unreachable!("decoded above"),
        }
    }

    /// Appends an occurrence; documents and, within one, positions come in
    /// ascending order (the builder reads each text once, front to back).
    #[cfg(feature = "ingest")]
    pub(crate) fn push(&mut self, doc: u32, pos: u32) {
        let n = self.decoded_mut().len() as u32;
        if self.docs.last() != Some(&doc) {
            if self.starts.is_empty() {
                self.starts.push(0);
            }
            self.docs.push(doc);
            self.starts.push(n);
        }
        self.decoded_mut().push(pos);
        *self.starts.last_mut().expect("pushed above") = n + 1;
    }
}
