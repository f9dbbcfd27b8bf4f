//! The metadata fields that group documents: the facets (Source, Author,
//! Year, Kind, Entity, and the fields `corpus.toml` declares with
//! `[[facet]]`), which a query can also name (`author:Murphy`, `to:desk`).
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
    /// The n-th field `corpus.toml` declares as a facet (`[[facet]]`); its
    /// name and label are the corpus's, kept in the [`FacetTable`].
    Field(u8),
    /// The reader's own tags (on documents and on their notes): not in the
    /// index; the page builds its column ([`FacetColumn::from_values`]) and
    /// hands it to the query and the facets.
    Tag,
}

/// Shown for a document that has no value for a facet.
pub const NONE: &str = "(none)";

impl Facet {
    /// The facets every corpus has, in the panel's order.
    pub const ALL: [Facet; 5] = [Facet::Source, Facet::Author, Facet::Year, Facet::Kind, Facet::Entity];

    /// A built-in group's accessible name (contract); a declared field's is
    /// the corpus's ([`FacetTable::label`]).
    fn built_in_label(self) -> &'static str {
        match self {
            Facet::Source => "Source",
            Facet::Author => "Author",
            Facet::Year => "Year",
            Facet::Kind => "Kind",
            Facet::Entity => "Entity",
            Facet::Tag => "Tag",
            Facet::Field(_) => "",
        }
    }

    /// A built-in group's URL parameter and query prefix (contract); a
    /// declared field's is its name ([`FacetTable::param`]).
    pub fn built_in_param(self) -> Option<&'static str> {
        match self {
            Facet::Source => Some("source"),
            Facet::Author => Some("author"),
            Facet::Year => Some("year"),
            Facet::Kind => Some("kind"),
            Facet::Entity => Some("entity"),
            Facet::Tag => Some("tag"),
            Facet::Field(_) => None,
        }
    }

    /// A document's values for this facet ([`NONE`] when it has none);
    /// `field` names a declared facet's field.
    pub(crate) fn values_of<'a>(self, doc: &'a Document, field: &str) -> Vec<&'a str> {
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
            Facet::Field(_) => match m.fields.get(field) {
                Some(values) if !values.is_empty() => values.iter().map(String::as_str).collect(),
                _ => one(None),
            },
            Facet::Tag => one(None),
        }
    }
}

/// A field `corpus.toml` declares as a facet: its name (the URL parameter
/// and query prefix) and the group's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Declared {
    pub field: String,
    pub label: String,
}

/// One facet over the corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WireColumn", into = "WireColumn")]
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

/// A column on the wire: how many values each document has, not where
/// each document's start. Offsets grow by one a document, so each takes a
/// varint of its own that gzip cannot shorten (62 KB of each facet's
/// 31,830 documents, 318 of the core's 1,442 KB); counts repeat (70 bytes).
#[derive(Serialize, Deserialize)]
struct WireColumn {
    values: Vec<String>,
    terms: Vec<Vec<String>>,
    counts: Vec<u32>,
    ids: Vec<u32>,
}

impl From<FacetColumn> for WireColumn {
    fn from(c: FacetColumn) -> WireColumn {
        let counts = c.starts.windows(2).map(|w| w[1] - w[0]).collect();
        WireColumn { values: c.values, terms: c.terms, counts, ids: c.ids }
    }
}

impl TryFrom<WireColumn> for FacetColumn {
    type Error = String;
    fn try_from(w: WireColumn) -> Result<FacetColumn, String> {
        let mut starts = vec![0u32];
        for n in w.counts {
            starts.push(starts.last().copied().unwrap_or(0).checked_add(n).ok_or("a facet's counts overflow")?);
        }
        if starts.last().copied().unwrap_or(0) as usize != w.ids.len() || w.ids.iter().any(|&v| v as usize >= w.values.len()) || w.terms.len() != w.values.len()
        {
            return Err("a facet's value numbers do not match its values".into());
        }
        Ok(FacetColumn { values: w.values, terms: w.terms, starts, ids: w.ids })
    }
}

impl FacetColumn {
    fn build(facet: Facet, field: &str, docs: &[Document]) -> FacetColumn {
        Self::of_docs(docs.len(), |d| facet.values_of(&docs[d], field))
    }

    /// A column from each document's values, for a facet the index does not
    /// hold (the reader's tags); a document without any has [`NONE`].
    pub fn from_values(per_doc: &[Vec<String>]) -> FacetColumn {
        Self::of_docs(per_doc.len(), |d| if per_doc[d].is_empty() { vec![NONE] } else { per_doc[d].iter().map(String::as_str).collect() })
    }

    /// The column of `docs` documents whose values `values_of` gives.
    fn of_docs<'a>(docs: usize, values_of: impl Fn(usize) -> Vec<&'a str>) -> FacetColumn {
        let mut values: Vec<String> = (0..docs).flat_map(&values_of).map(String::from).collect();
        values.sort_unstable();
        values.dedup();
        let terms = values.iter().map(|v| if v == NONE { Vec::new() } else { tokenize(v).into_iter().map(|t| t.term).collect() }).collect();
        let mut column = FacetColumn { values, terms, starts: vec![0], ids: Vec::new() };
        for d in 0..docs {
            let from = column.ids.len();
            for v in values_of(d) {
                let id = column.id(v).expect("every value was collected above");
                // A value given twice (`to = ["a", "a"]`) counts the document once.
                if !column.ids[from..].contains(&id) {
                    column.ids.push(id);
                }
            }
            column.starts.push(column.ids.len() as u32);
        }
        column
    }

    /// The column with no values (no document has any).
    pub fn empty() -> &'static FacetColumn {
        static EMPTY: FacetColumn = FacetColumn { values: Vec::new(), terms: Vec::new(), starts: Vec::new(), ids: Vec::new() };
        &EMPTY
    }

    /// Whether some document has a value other than [`NONE`].
    pub fn has_values(&self) -> bool {
        self.values.iter().any(|v| v != NONE)
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
        match (self.starts.get(d), self.starts.get(d + 1)) {
            (Some(&from), Some(&to)) => &self.ids[from as usize..to as usize],
            _ => &[],
        }
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

/// Every facet's column: the built-in ones in [`Facet::ALL`] order, then
/// the declared fields in `corpus.toml`'s order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetTable {
    columns: Vec<FacetColumn>,
    declared: Vec<Declared>,
}

impl FacetTable {
    pub fn build(docs: &[Document], declared: Vec<Declared>) -> FacetTable {
        let fields = (0..declared.len()).map(|n| Facet::Field(n as u8));
        let columns = Facet::ALL.into_iter().chain(fields).map(|f| FacetColumn::build(f, Self::field_of(&declared, f), docs)).collect();
        FacetTable { columns, declared }
    }

    fn field_of(declared: &[Declared], facet: Facet) -> &str {
        match facet {
            Facet::Field(n) => declared.get(n as usize).map_or("", |d| d.field.as_str()),
            _ => "",
        }
    }

    /// Every facet of this corpus, in the panel's order.
    pub fn facets(&self) -> Vec<Facet> {
        Facet::ALL.into_iter().chain((0..self.declared.len()).map(|n| Facet::Field(n as u8))).collect()
    }

    /// A facet's column; an empty one for a field this corpus does not
    /// declare, and for the tags (which the page holds).
    pub fn column(&self, facet: Facet) -> &FacetColumn {
        let slot = match facet {
            Facet::Field(n) => Facet::ALL.len() + n as usize,
            Facet::Tag => return FacetColumn::empty(),
            built_in => Facet::ALL.iter().position(|&f| f == built_in).expect("a built-in facet"),
        };
        self.columns.get(slot).unwrap_or(FacetColumn::empty())
    }

    /// The group's accessible name (contract; a declared field's label).
    pub fn label(&self, facet: Facet) -> &str {
        match facet {
            Facet::Field(n) => self.declared.get(n as usize).map_or("", |d| d.label.as_str()),
            built_in => built_in.built_in_label(),
        }
    }

    /// The URL parameter and the query prefix (contract; a declared field's name).
    pub fn param(&self, facet: Facet) -> &str {
        facet.built_in_param().unwrap_or_else(|| Self::field_of(&self.declared, facet))
    }

    /// The facet a URL parameter or query prefix names (lower case).
    pub fn by_param(&self, param: &str) -> Option<Facet> {
        Facet::ALL
            .into_iter()
            .chain([Facet::Tag])
            .find(|f| f.built_in_param() == Some(param))
            .or_else(|| self.declared.iter().position(|d| d.field == param).map(|n| Facet::Field(n as u8)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::document::{Kind, Meta};

    fn doc(author: Option<&str>, entities: &[&str]) -> Document {
        let mut meta = Meta { kind: Kind::Interview, ..Meta::default() };
        meta.author = author.map(String::from);
        meta.entities = entities.iter().map(|e| e.to_string()).collect();
        Document { id: "x".into(), meta }
    }

    #[test]
    fn columns_number_values_and_fold_them_for_queries() {
        let docs = [doc(Some("Dan Murphy"), &["MKO", "Camp Ashraf"]), doc(None, &[]), doc(Some("Dan Murphy"), &["MKO"])];
        let t = FacetTable::build(&docs, Vec::new());
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

    #[test]
    fn a_column_travels_as_counts_and_reads_back_the_same() {
        let docs = [doc(None, &["MKO", "Camp Ashraf"]), doc(None, &[]), doc(None, &["MKO"])];
        let column = FacetColumn::build(Facet::Entity, "", &docs);
        let bytes = postcard::to_allocvec(&column).unwrap();
        let read: FacetColumn = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(read, column);
        let names = |c: &FacetColumn, d: u32| c.of(d).iter().map(|&v| c.value(v).to_string()).collect::<Vec<_>>();
        assert_eq!(
            (names(&read, 0), names(&read, 1), names(&read, 2)),
            (vec!["MKO".to_string(), "Camp Ashraf".into()], vec![NONE.to_string()], vec!["MKO".into()])
        );
        // Counts that do not add up to the value numbers, or a number past the values, are refused.
        let mut wire = WireColumn::from(column.clone());
        wire.counts[0] = 3;
        assert!(FacetColumn::try_from(wire).is_err());
        let mut wire = WireColumn::from(column);
        wire.ids[0] = 9;
        assert!(FacetColumn::try_from(wire).is_err());
    }

    #[test]
    fn a_declared_field_is_a_facet_named_by_the_corpus() {
        let mut a = doc(None, &[]);
        a.meta.fields.insert("to".into(), vec!["World Desk".into(), "Copy Desk".into(), "World Desk".into()]);
        let b = doc(None, &[]);
        let t = FacetTable::build(&[a, b], vec![Declared { field: "to".into(), label: "Recipient".into() }]);
        assert_eq!(t.facets().last(), Some(&Facet::Field(0)));
        let to = t.by_param("to").unwrap();
        assert_eq!((t.label(to), t.param(to)), ("Recipient", "to"));
        assert_eq!(t.by_param("author"), Some(Facet::Author));
        assert_eq!(t.by_param("cc"), None, "only declared fields are facets");
        let column = t.column(to);
        let values: Vec<&str> = column.of(0).iter().map(|&v| column.value(v)).collect();
        assert_eq!(values, ["World Desk", "Copy Desk"], "each value once, in the document's order");
        assert_eq!(column.value(column.of(1)[0]), NONE);
        assert!(t.column(Facet::Field(7)).of(0).is_empty(), "an undeclared field has no values");
    }
}
