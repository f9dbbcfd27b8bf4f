//! The metadata fields that group documents: the facets (Source, Author,
//! Year, Kind, Entity), which a query can also name (`author:Murphy`).
//! Built once, at build time: each field's distinct values, each value
//! folded into terms, and each document's value numbers. Filtering,
//! counting and `field:value` matching then compare small numbers on every
//! keystroke, never strings, and never fold metadata again.

use serde::{Deserialize, Serialize};

use super::document::Document;
use crate::analysis::tokenize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Facet {
    Source,
    Author,
    Year,
    Kind,
    Entity,
}

/// Shown for a document that has no value for a facet.
pub const NONE: &str = "(none)";

impl Facet {
    pub const ALL: [Facet; 5] = [Facet::Source, Facet::Author, Facet::Year, Facet::Kind, Facet::Entity];

    /// The group's accessible name (contract).
    pub fn label(self) -> &'static str {
        match self {
            Facet::Source => "Source",
            Facet::Author => "Author",
            Facet::Year => "Year",
            Facet::Kind => "Kind",
            Facet::Entity => "Entity",
        }
    }

    /// The URL parameter and the query prefix (contract).
    pub fn param(self) -> &'static str {
        match self {
            Facet::Source => "source",
            Facet::Author => "author",
            Facet::Year => "year",
            Facet::Kind => "kind",
            Facet::Entity => "entity",
        }
    }

    pub fn from_param(p: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.param() == p)
    }

    /// A document's values for this facet ([`NONE`] when it has none).
    pub fn values_of(self, doc: &Document) -> Vec<&str> {
        let m = &doc.meta;
        fn one(v: Option<&str>) -> Vec<&str> {
            vec![v.unwrap_or(NONE)]
        }
        match self {
            Facet::Source => one(m.section.as_deref()),
            Facet::Author => one(m.author.as_deref()),
            Facet::Year => one(m.year()),
            Facet::Kind => one(Some(m.kind.as_str())),
            Facet::Entity if m.entities.is_empty() => one(None),
            Facet::Entity => m.entities.iter().map(String::as_str).collect(),
        }
    }
}

/// One facet over the corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetColumn {
    /// Distinct values, sorted ([`NONE`] among them when a document has none).
    values: Vec<String>,
    /// Each value folded into terms, for `field:value`; empty for [`NONE`],
    /// which no query matches.
    terms: Vec<Vec<String>>,
    /// `ids[starts[d]..starts[d + 1]]` are document `d`'s value numbers.
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl FacetColumn {
    fn build(facet: Facet, docs: &[Document]) -> FacetColumn {
        let mut values: Vec<String> = docs.iter().flat_map(|d| facet.values_of(d)).map(String::from).collect();
        values.sort_unstable();
        values.dedup();
        let terms = values.iter().map(|v| if v == NONE { Vec::new() } else { tokenize(v).into_iter().map(|t| t.term).collect() }).collect();
        let mut column = FacetColumn { values, terms, starts: vec![0], ids: Vec::new() };
        for d in docs {
            for v in facet.values_of(d) {
                let id = column.id(v).expect("every value was collected above");
                column.ids.push(id);
            }
            column.starts.push(column.ids.len() as u32);
        }
        column
    }

    /// Number of distinct values.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    pub fn value(&self, id: u32) -> &str {
        &self.values[id as usize]
    }

    /// The number of a value, if some document has it.
    pub fn id(&self, value: &str) -> Option<u32> {
        self.values.binary_search_by(|v| v.as_str().cmp(value)).ok().map(|i| i as u32)
    }

    /// Document `doc`'s value numbers.
    pub fn of(&self, doc: u32) -> &[u32] {
        let d = doc as usize;
        &self.ids[self.starts[d] as usize..self.starts[d + 1] as usize]
    }

    /// Values whose folded words contain `words` in a row
    /// (`author:murphy` finds "Dan Murphy").
    pub fn matching(&self, words: &[String]) -> Vec<u32> {
        if words.is_empty() {
            return Vec::new();
        }
        (0..self.values.len() as u32).filter(|&v| self.terms[v as usize].windows(words.len()).any(|w| w == words)).collect()
    }
}

/// Every facet's column, in [`Facet::ALL`] order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetTable(Vec<FacetColumn>);

impl FacetTable {
    pub fn build(docs: &[Document]) -> FacetTable {
        FacetTable(Facet::ALL.into_iter().map(|f| FacetColumn::build(f, docs)).collect())
    }

    pub fn column(&self, facet: Facet) -> &FacetColumn {
        &self.0[facet as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::document::{Kind, Meta};

    fn doc(author: Option<&str>, entities: &[&str]) -> Document {
        let meta =
            Meta { author: author.map(String::from), entities: entities.iter().map(|e| e.to_string()).collect(), kind: Kind::Interview, ..Meta::default() };
        Document { id: "x".into(), meta, text: String::new() }
    }

    #[test]
    fn columns_number_values_and_fold_them_for_queries() {
        let docs = [doc(Some("Dan Murphy"), &["MKO", "Camp Ashraf"]), doc(None, &[]), doc(Some("Dan Murphy"), &["MKO"])];
        let t = FacetTable::build(&docs);
        let authors = t.column(Facet::Author);
        assert_eq!(authors.len(), 2);
        assert_eq!(authors.value(authors.of(1)[0]), NONE);
        assert_eq!(authors.of(0), authors.of(2));
        assert_eq!(authors.matching(&["murphy".into()]), [authors.id("Dan Murphy").unwrap()]);
        assert!(authors.matching(&["none".into()]).is_empty(), "NONE matches no query");
        let entities = t.column(Facet::Entity);
        assert_eq!(entities.of(0).iter().map(|&v| entities.value(v)).collect::<Vec<_>>(), ["MKO", "Camp Ashraf"]);
        assert_eq!(entities.matching(&["camp".into(), "ashraf".into()]).len(), 1);
        assert_eq!(t.column(Facet::Kind).value(t.column(Facet::Kind).of(2)[0]), "interview");
    }
}
