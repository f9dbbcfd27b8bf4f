//! Facets: Source, Author, Year, Kind, Entity. OR inside a group, AND across
//! groups; each group's counts are taken over the documents that match the
//! query and every *other* group's selection, so a count always says what
//! ticking that box will give.

use std::collections::{BTreeMap, BTreeSet};

use crate::index::{Document, Index};
use crate::search::Hit;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

    /// The URL parameter (contract).
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
}

/// A document's values for one facet (`NONE` when it has none).
pub fn values(doc: &Document, facet: Facet) -> Vec<String> {
    let m = &doc.meta;
    let one = |v: Option<&str>| vec![v.unwrap_or(NONE).to_string()];
    match facet {
        Facet::Source => one(m.section.as_deref()),
        Facet::Author => one(m.author.as_deref()),
        Facet::Year => one(m.year()),
        Facet::Kind => one(Some(m.kind.as_str())),
        Facet::Entity if m.entities.is_empty() => one(None),
        Facet::Entity => m.entities.clone(),
    }
}

/// The ticked values per facet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters(pub BTreeMap<Facet, BTreeSet<String>>);

impl Filters {
    pub fn is_empty(&self) -> bool {
        self.0.values().all(BTreeSet::is_empty)
    }

    pub fn selected(&self, facet: Facet) -> Option<&BTreeSet<String>> {
        self.0.get(&facet).filter(|s| !s.is_empty())
    }

    pub fn toggle(&mut self, facet: Facet, value: &str) {
        let set = self.0.entry(facet).or_default();
        if !set.remove(value) {
            set.insert(value.to_string());
        }
    }

    /// Whether `doc` passes every group's selection except `skip`'s.
    pub fn admits(&self, doc: &Document, skip: Option<Facet>) -> bool {
        self.0.iter().filter(|(f, sel)| Some(**f) != skip && !sel.is_empty()).all(|(f, sel)| values(doc, *f).iter().any(|v| sel.contains(v)))
    }
}

/// The hits that pass the filters, order kept.
pub fn filter(index: &Index, hits: &[Hit], filters: &Filters) -> Vec<Hit> {
    hits.iter().copied().filter(|h| filters.admits(&index.docs[h.doc as usize], None)).collect()
}

/// Per facet, `(value, count)` most frequent first (then by name); ticked
/// values are always listed, even at zero.
pub fn counts(index: &Index, hits: &[Hit], filters: &Filters) -> Vec<(Facet, Vec<(String, usize)>)> {
    Facet::ALL
        .into_iter()
        .map(|facet| {
            let mut count: BTreeMap<String, usize> = BTreeMap::new();
            for h in hits {
                let doc = &index.docs[h.doc as usize];
                if filters.admits(doc, Some(facet)) {
                    for v in values(doc, facet) {
                        *count.entry(v).or_default() += 1;
                    }
                }
            }
            for v in filters.selected(facet).into_iter().flatten() {
                count.entry(v.clone()).or_default();
            }
            let mut list: Vec<(String, usize)> = count.into_iter().collect();
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            (facet, list)
        })
        .collect()
}

/// How the result list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    #[default]
    Relevance,
    /// Newest first; undated last.
    Date,
    Title,
    /// Longest first.
    Length,
}

impl Order {
    pub const ALL: [Order; 4] = [Order::Relevance, Order::Date, Order::Title, Order::Length];

    pub fn param(self) -> &'static str {
        match self {
            Order::Relevance => "relevance",
            Order::Date => "date",
            Order::Title => "title",
            Order::Length => "length",
        }
    }

    pub fn from_param(p: &str) -> Option<Order> {
        Order::ALL.into_iter().find(|o| o.param() == p)
    }
}

/// Reorders hits; ties keep their relevance order.
pub fn sort(index: &Index, hits: &mut [Hit], order: Order) {
    let doc = |h: &Hit| &index.docs[h.doc as usize];
    match order {
        Order::Relevance => {}
        Order::Date => hits.sort_by(|a, b| doc(b).meta.date.cmp(&doc(a).meta.date)),
        Order::Title => hits.sort_by_cached_key(|h| crate::tokenize::fold(&doc(h).meta.title)),
        Order::Length => hits.sort_by(|a, b| doc(b).meta.words.cmp(&doc(a).meta.words)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Source;
    use crate::search::search;
    use proptest::prelude::*;

    fn fixture() -> Index {
        let doc = |id: &str, text: &str| Source::new(id, text);
        Index::build(vec![
            doc("a", "Home » Iraq » One\n\nOne\n\n12 April 2011 | 21:27\nCamp text about Baghdad.\nBy Dan Murphy\n"),
            doc("b", "Home » Iran » Two\n\nTwo\n\n3 May 2010\nQ: camp?\nA: yes\nQ: and?\nA: no\n"),
            doc("c", "Home » Iraq » Three\n\nThree\n\n1 June 2010\nNothing about the place. Baghdad.\nBy Dan Murphy\n"),
            doc("d", "Four\n\nNo header, no camp.\n"),
        ])
    }

    fn value_count(list: &[(Facet, Vec<(String, usize)>)], facet: Facet, value: &str) -> usize {
        list.iter().find(|(f, _)| *f == facet).and_then(|(_, vs)| vs.iter().find(|(v, _)| v == value)).map_or(0, |(_, c)| *c)
    }

    #[test]
    fn or_inside_and_across_and_counts_ignore_own_group() {
        let idx = fixture();
        let hits = search(&idx, "").hits;
        let mut f = Filters::default();
        f.toggle(Facet::Source, "Iraq");
        assert_eq!(filter(&idx, &hits, &f).len(), 2);
        f.toggle(Facet::Source, "Iran");
        assert_eq!(filter(&idx, &hits, &f).len(), 3, "OR inside a group");
        f.toggle(Facet::Year, "2010");
        assert_eq!(filter(&idx, &hits, &f).len(), 2, "AND across groups");
        let c = counts(&idx, &hits, &f);
        // Source counts ignore the source selection but respect the year.
        assert_eq!(value_count(&c, Facet::Source, "Iraq"), 1);
        assert_eq!(value_count(&c, Facet::Source, "Iran"), 1);
        assert_eq!(value_count(&c, Facet::Source, NONE), 0);
        assert_eq!(value_count(&c, Facet::Year, "2011"), 1);
        assert_eq!(value_count(&c, Facet::Kind, "interview"), 1);
        assert_eq!(value_count(&c, Facet::Author, "Dan Murphy"), 1);
        f.toggle(Facet::Source, "Iran");
        f.toggle(Facet::Source, "Iraq");
        f.toggle(Facet::Year, "2010");
        assert!(f.is_empty());
    }

    #[test]
    fn orders() {
        let idx = fixture();
        let mut hits = search(&idx, "").hits;
        sort(&idx, &mut hits, Order::Date);
        assert_eq!(hits.iter().map(|h| idx.docs[h.doc as usize].id.as_str()).collect::<Vec<_>>(), ["a", "c", "b", "d"]);
        sort(&idx, &mut hits, Order::Title);
        assert_eq!(hits.iter().map(|h| idx.docs[h.doc as usize].id.as_str()).collect::<Vec<_>>(), ["d", "a", "c", "b"]);
    }

    proptest! {
        /// Every count equals a brute-force recount of what ticking it gives.
        #[test]
        fn counts_never_lie(query in prop::sample::select(vec!["", "camp", "baghdad", "-camp", "murphy OR yes", "zzz"]),
                            picks in prop::collection::vec((0usize..5, 0usize..6), 0..5)) {
            let idx = fixture();
            let hits = search(&idx, query).hits;
            let all_values: Vec<Vec<String>> = Facet::ALL.iter().map(|f| {
                let mut v: Vec<String> = idx.docs.iter().flat_map(|d| values(d, *f)).collect();
                v.sort(); v.dedup(); v
            }).collect();
            let mut filters = Filters::default();
            for (f, v) in picks {
                let vals = &all_values[f];
                filters.toggle(Facet::ALL[f], &vals[v % vals.len()]);
            }
            let shown = filter(&idx, &hits, &filters);
            for (facet, list) in counts(&idx, &hits, &filters) {
                for (value, count) in list {
                    // Brute force: tick `value` alone in `facet`, keep the other groups.
                    let mut ticked = filters.clone();
                    ticked.0.insert(facet, BTreeSet::from([value.clone()]));
                    let expect = hits.iter().filter(|h| ticked.admits(&idx.docs[h.doc as usize], None)).count();
                    prop_assert_eq!(count, expect, "{:?}={}", facet, value);
                }
            }
            prop_assert!(shown.iter().all(|h| hits.contains(h)));
        }
    }
}
