//! Postings: where one term occurs in one field, every document with every
//! position. Kept decoded in memory as three flat arrays (no allocation per
//! document); [`crate::index::codec`] writes them as delta-encoded varints.

use serde::{Deserialize, Serialize};

/// The fields a term is indexed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Body,
    Title,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "super::codec::WirePostings", into = "super::codec::WirePostings")]
pub struct Postings {
    /// Ascending document numbers.
    pub docs: Vec<u32>,
    /// `positions[starts[i]..starts[i + 1]]` are the positions in `docs[i]`.
    pub(super) starts: Vec<u32>,
    pub(super) positions: Vec<u32>,
}

impl Postings {
    pub(super) const EMPTY: Postings = Postings { docs: Vec::new(), starts: Vec::new(), positions: Vec::new() };

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Positions of the term in the `i`th document of this list.
    pub fn positions(&self, i: usize) -> &[u32] {
        &self.positions[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Positions of the term in document `doc`, empty when it is absent.
    pub fn positions_in(&self, doc: u32) -> &[u32] {
        match self.docs.binary_search(&doc) {
            Ok(i) => self.positions(i),
            Err(_) => &[],
        }
    }

    /// Occurrences in every document together.
    pub fn occurrences(&self) -> usize {
        self.positions.len()
    }

    /// Appends an occurrence; documents and, within one, positions come in
    /// ascending order (the builder reads each text once, front to back).
    #[cfg(feature = "ingest")]
    pub(crate) fn push(&mut self, doc: u32, pos: u32) {
        if self.docs.last() != Some(&doc) {
            if self.starts.is_empty() {
                self.starts.push(0);
            }
            self.docs.push(doc);
            self.starts.push(self.positions.len() as u32);
        }
        self.positions.push(pos);
        *self.starts.last_mut().expect("pushed above") = self.positions.len() as u32;
    }

    /// Appends a document with all its positions (ascending), after every
    /// document already here.
    #[cfg(feature = "ingest")]
    pub(crate) fn push_doc(&mut self, doc: u32, positions: &[u32]) {
        debug_assert!(self.docs.last().is_none_or(|&d| d < doc));
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.docs.push(doc);
        self.positions.extend_from_slice(positions);
        self.starts.push(self.positions.len() as u32);
    }
}
