//! Facets: Source, Author, Year, Kind, Entity, the fields a corpus
//! declares (`[[facet]]`) and the reader's tags (a column the page builds
//! and passes in, [`Facet::Tag`]). OR inside a group, AND across
//! groups; each group's counts are taken over the documents that match the
//! query and every *other* group's selection, so a count always says what
//! ticking that box will give.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

pub use crate::index::{Facet, NONE};
use crate::index::{FacetColumn, Index};
use crate::query::Hit;

/// The ticked values per facet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
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
}

/// The selection as value numbers: per ticked group, which of its values
/// are ticked. Built once per change of query or filters; each document is
/// then checked with a few array reads.
struct Selection<'a> {
    groups: Vec<(Facet, &'a crate::index::FacetColumn, Vec<bool>)>,
}

/// A facet's column: the index's, or for [`Facet::Tag`] the one passed in.
fn column_of<'a>(index: &'a Index, tags: &'a FacetColumn, facet: Facet) -> &'a FacetColumn {
    match facet {
        Facet::Tag => tags,
        f => index.facet(f),
    }
}

impl<'a> Selection<'a> {
    fn new(index: &'a Index, tags: &'a FacetColumn, filters: &Filters) -> Selection<'a> {
        let groups = filters
            .0
            .iter()
            .filter(|(_, sel)| !sel.is_empty())
            .map(|(&facet, sel)| {
                let column = column_of(index, tags, facet);
                let mut ticked = vec![false; column.len()];
                // A ticked value no document has (an old link) admits nothing.
                for id in sel.iter().filter_map(|v| column.id(v)) {
                    ticked[id as usize] = true;
                }
                (facet, column, ticked)
            })
            .collect();
        Selection { groups }
    }

    /// Whether `doc` passes every group's selection except `skip`'s.
    fn admits(&self, doc: u32, skip: Option<Facet>) -> bool {
        self.groups.iter().filter(|(f, _, _)| Some(*f) != skip).all(|(_, column, ticked)| column.of(doc).iter().any(|&v| ticked[v as usize]))
    }
}

/// The hits that pass the filters, order kept; `tags` is the reader's tag
/// column ([`FacetColumn::empty`] when there are none).
pub fn filter(index: &Index, tags: &FacetColumn, hits: &[Hit], filters: &Filters) -> Vec<Hit> {
    let selection = Selection::new(index, tags, filters);
    hits.iter().copied().filter(|h| selection.admits(h.doc, None)).collect()
}

/// Per facet, its values with their counts: what [`counts`] gives.
pub type Counts<'a> = Vec<(Facet, Vec<(Cow<'a, str>, usize)>)>;

/// Whether `facet` is counted, and offered as a group: while some document
/// has a value for it, or one of its values is ticked. A facet no document
/// has a value for would count every document under [`NONE`], a filter that
/// leaves them all (the reader's tags, before the first is given).
pub fn offered(index: &Index, tags: &FacetColumn, filters: &Filters, facet: Facet) -> bool {
    column_of(index, tags, facet).has_values() || filters.selected(facet).is_some()
}

/// Per [`offered`] facet, `(value, count)` most frequent first (then by
/// name), but years newest first, as a timeline reads, and [`NONE`] after
/// every value it is not (it is no value to choose among the others; by
/// name it came first of any tie, `(` sorting before letters and digits);
/// ticked values are always listed, even at zero. Values are
/// borrowed from the index (this runs on every keystroke: no string is
/// copied); only a ticked value the index does not hold (an old link) is
/// owned. The Tag group comes last (its values are copied: the page
/// rebuilds the tag column as notes change).
pub fn counts<'a>(index: &'a Index, tags: &FacetColumn, hits: &[Hit], filters: &Filters) -> Counts<'a> {
    let selection = Selection::new(index, tags, filters);
    index
        .facets()
        .facets()
        .into_iter()
        .chain([Facet::Tag])
        .filter(|&facet| offered(index, tags, filters, facet))
        .map(|facet| {
            let column = column_of(index, tags, facet);
            let mut per_value = vec![0usize; column.len()];
            for h in hits {
                if selection.admits(h.doc, Some(facet)) {
                    for &v in column.of(h.doc) {
                        per_value[v as usize] += 1;
                    }
                }
            }
            // Listed: every value counted, and every ticked one even at zero.
            let mut listed: Vec<bool> = per_value.iter().map(|&n| n > 0).collect();
            let mut unknown: Vec<&String> = Vec::new();
            for v in filters.selected(facet).into_iter().flatten() {
                match column.id(v) {
                    Some(id) => listed[id as usize] = true,
                    None => unknown.push(v),
                }
            }
            // Value ids follow the values' sorted order, so by id is by name
            // (and, years being four digits, by year).
            let mut list: Vec<(u32, usize)> = (0..column.len() as u32).filter(|&v| listed[v as usize]).map(|v| (v, per_value[v as usize])).collect();
            let none = column.id(NONE);
            // Counted values first, (none) last of them, then those ticked at zero by name.
            let rank = |&(v, n): &(u32, usize)| (n == 0, n > 0 && Some(v) == none);
            crate::order::sort_by(&mut list, |a, b| {
                rank(a).cmp(&rank(b)).then_with(|| match facet {
                    Facet::Year if a.1 > 0 => b.0.cmp(&a.0),
                    _ => b.1.cmp(&a.1).then(a.0.cmp(&b.0)),
                })
            });
            let name = |v: u32| match facet {
                Facet::Tag => Cow::Owned(column.value(v).to_string()),
                f => Cow::Borrowed(index.facet(f).value(v)),
            };
            let mut named: Vec<(Cow<'a, str>, usize)> = list.into_iter().map(|(v, n)| (name(v), n)).collect();
            // Unknown ticked values count nothing: after every counted value, by name.
            let zeros = named.iter().position(|(_, n)| *n == 0).unwrap_or(named.len());
            for v in unknown {
                let at = zeros + named[zeros..].partition_point(|(w, _)| w.as_ref() < v.as_str());
                named.insert(at, (Cow::Owned(v.clone()), 0));
            }
            (facet, named)
        })
        .collect()
}

/// How the result list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
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
        Order::Date => crate::order::sort_by(hits, |a, b| doc(b).meta.date.cmp(&doc(a).meta.date)),
        Order::Title => crate::order::sort_by_key(hits, |h| crate::analysis::fold(&doc(h).meta.title)),
        Order::Length => crate::order::sort_by_key(hits, |h| std::cmp::Reverse(doc(h).meta.words)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ingest::Source;
    use crate::query::search;
    use proptest::prelude::*;

    /// Four documents whose Source (breadcrumb), Year and words (camp,
    /// Baghdad) are readable from their texts; the service's tests use them too.
    pub(crate) fn fixture() -> Index {
        let doc = |id: &str, text: &str| Source::new(id, text);
        Index::build(vec![
            doc("a", "Home » Iraq » One\n\nOne\n\n12 April 2011 | 21:27\nCamp text about Baghdad.\nBy Dan Murphy\n"),
            doc("b", "Home » Iran » Two\n\nTwo\n\n3 May 2010\nQ: camp?\nA: yes\nQ: and?\nA: no\n"),
            doc("c", "Home » Iraq » Three\n\nThree\n\n1 June 2010\nNothing about the place. Baghdad.\nBy Dan Murphy\n"),
            doc("d", "Four\n\nNo header, no camp.\n"),
        ])
    }

    fn value_count(list: &Counts, facet: Facet, value: &str) -> usize {
        list.iter().find(|(f, _)| *f == facet).and_then(|(_, vs)| vs.iter().find(|(v, _)| v == value)).map_or(0, |(_, c)| *c)
    }

    #[test]
    fn or_inside_and_across_and_counts_ignore_own_group() {
        let idx = fixture();
        let hits = search(&idx, "").hits;
        let mut f = Filters::default();
        f.toggle(Facet::Source, "Iraq");
        assert_eq!(filter(&idx, FacetColumn::empty(), &hits, &f).len(), 2);
        f.toggle(Facet::Source, "Iran");
        assert_eq!(filter(&idx, FacetColumn::empty(), &hits, &f).len(), 3, "OR inside a group");
        f.toggle(Facet::Year, "2010");
        assert_eq!(filter(&idx, FacetColumn::empty(), &hits, &f).len(), 2, "AND across groups");
        let c = counts(&idx, FacetColumn::empty(), &hits, &f);
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
    fn a_facet_without_values_is_counted_only_while_ticked() {
        // Plain texts: no breadcrumb, byline or date.
        let idx = Index::build(vec![Source::new("a", "One\n\nCamp text."), Source::new("b", "Two\n\nMore camp text.")]);
        let hits = search(&idx, "camp").hits;
        let counted = |f: &Filters| counts(&idx, FacetColumn::empty(), &hits, f).into_iter().map(|(facet, _)| facet).collect::<Vec<_>>();
        let none = counted(&Filters::default());
        assert!(none.contains(&Facet::Kind), "every document has a kind");
        assert!(!none.contains(&Facet::Author) && !none.contains(&Facet::Year) && !none.contains(&Facet::Source));
        let mut ticked = Filters::default();
        ticked.toggle(Facet::Author, NONE);
        let c = counts(&idx, FacetColumn::empty(), &hits, &ticked);
        assert_eq!(value_count(&c, Facet::Author, NONE), 2);
    }

    #[test]
    fn most_frequent_first_then_ticked_values_at_zero_by_name() {
        let idx = fixture();
        let hits = search(&idx, "").hits;
        let mut f = Filters::default();
        f.toggle(Facet::Year, "2011"); // document a only
        for source in ["Zanzibar", "Iran", "Atlantis"] {
            f.toggle(Facet::Source, source); // Iran is b's; the others no document's
        }
        let c = counts(&idx, FacetColumn::empty(), &hits, &f);
        let list = |facet: Facet| c.iter().find(|(g, _)| *g == facet).unwrap().1.iter().map(|(v, n)| (v.to_string(), *n)).collect::<Vec<_>>();
        let pairs = |xs: &[(&str, usize)]| xs.iter().map(|(v, n)| (v.to_string(), *n)).collect::<Vec<_>>();
        assert_eq!(list(Facet::Source), pairs(&[("Iraq", 1), ("Atlantis", 0), ("Iran", 0), ("Zanzibar", 0)]));
        // Years count under the source ticks: only b (2010) passes them.
        assert_eq!(list(Facet::Year), pairs(&[("2010", 1), ("2011", 0)]));
    }

    #[test]
    fn years_read_newest_first_and_none_comes_after_every_value() {
        // The fixture: a 2011, b and c 2010, d undated; a and c from Iraq,
        // b from Iran, d from nowhere said.
        let idx = fixture();
        let hits = search(&idx, "").hits;
        let c = counts(&idx, FacetColumn::empty(), &hits, &Filters::default());
        let list = |facet: Facet| c.iter().find(|(g, _)| *g == facet).unwrap().1.iter().map(|(v, n)| (v.to_string(), *n)).collect::<Vec<_>>();
        let pairs = |xs: &[(&str, usize)]| xs.iter().map(|(v, n)| (v.to_string(), *n)).collect::<Vec<_>>();
        assert_eq!(list(Facet::Year), pairs(&[("2011", 1), ("2010", 2), (NONE, 1)]), "newest first, though 2010 has more");
        assert_eq!(list(Facet::Source), pairs(&[("Iraq", 2), ("Iran", 1), (NONE, 1)]), "(none) after Iran, its tie");
        // Ticked at zero, (none) is among the other ticked values, by name.
        let mut f = Filters::default();
        f.toggle(Facet::Kind, "interview"); // b only, which has a source
        f.toggle(Facet::Source, "Zanzibar");
        f.toggle(Facet::Source, NONE);
        let c = counts(&idx, FacetColumn::empty(), &hits, &f);
        let sources = c.iter().find(|(g, _)| *g == Facet::Source).unwrap().1.iter().map(|(v, n)| (v.to_string(), *n)).collect::<Vec<_>>();
        assert_eq!(sources, pairs(&[("Iran", 1), (NONE, 0), ("Zanzibar", 0)]));
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

    /// The oracle: compares the document's metadata strings (and its tags)
    /// with the ticked strings, group by group (no value numbers, no table).
    fn brute_admits(filters: &Filters, doc: &crate::index::Document, tags: &[String]) -> bool {
        filters.0.iter().filter(|(_, sel)| !sel.is_empty()).all(|(f, sel)| match f {
            Facet::Tag if tags.is_empty() => sel.contains(NONE),
            Facet::Tag => tags.iter().any(|t| sel.contains(t)),
            f => f.values_of(doc, "").iter().any(|v| sel.contains(*v)),
        })
    }

    #[test]
    fn the_tag_group_counts_the_column_it_is_given_and_only_while_there_are_tags() {
        let idx = fixture();
        let hits = search(&idx, "").hits;
        let tags = FacetColumn::from_values(&[vec!["follow up".into()], vec![], vec!["follow up".into(), "contradiction".into()], vec![]]);
        let mut f = Filters::default();
        f.toggle(Facet::Tag, "follow up");
        let ids = |hits: Vec<Hit>| hits.iter().map(|h| idx.docs[h.doc as usize].id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(filter(&idx, &tags, &hits, &f)), ["a", "c"]);
        let c = counts(&idx, &tags, &hits, &f);
        assert_eq!(c.last().map(|(g, _)| *g), Some(Facet::Tag), "the Tag group comes last");
        assert_eq!(value_count(&c, Facet::Tag, "contradiction"), 1);
        assert_eq!(value_count(&c, Facet::Tag, NONE), 2);
        let untagged = counts(&idx, FacetColumn::empty(), &hits, &Filters::default());
        assert!(untagged.iter().all(|(g, _)| *g != Facet::Tag), "no tags, no Tag group");
        // `tag:` in a query reads the same column.
        let tagged = |q: &str| ids(crate::query::search_with(&idx, q, crate::query::Options { tags: &tags, ..Default::default() }).hits);
        assert_eq!(tagged("tag:\"follow up\""), ["a", "c"]);
        assert_eq!(tagged("baghdad tag:contradiction"), ["c"]);
        assert!(ids(search(&idx, "tag:contradiction").hits).is_empty(), "without the column no document has a tag");
    }

    proptest! {
        /// Every count equals a brute-force recount of what ticking it gives.
        #[test]
        fn counts_never_lie(query in prop::sample::select(vec!["", "camp", "baghdad", "-camp", "murphy OR yes", "zzz"]),
                            picks in prop::collection::vec((0usize..6, 0usize..6), 0..5),
                            tagged in prop::collection::vec(prop::collection::vec(prop::sample::select(vec!["follow up", "contradiction", "source"]), 0..3), 4)) {
            let idx = fixture();
            let hits = search(&idx, query).hits;
            let doc_tags: Vec<Vec<String>> = tagged.iter().map(|ts| { let mut v: Vec<String> = ts.iter().map(|t| t.to_string()).collect(); v.sort(); v.dedup(); v }).collect();
            let tags = FacetColumn::from_values(&doc_tags);
            let groups: Vec<Facet> = Facet::ALL.into_iter().chain([Facet::Tag]).collect();
            let all_values: Vec<Vec<String>> = groups.iter().map(|f| {
                let mut v: Vec<String> = match f {
                    Facet::Tag => doc_tags.iter().flat_map(|ts| if ts.is_empty() { vec![NONE.to_string()] } else { ts.clone() }).collect(),
                    f => idx.docs.iter().flat_map(|d| f.values_of(d, "")).map(String::from).collect(),
                };
                v.sort(); v.dedup(); v
            }).collect();
            let mut filters = Filters::default();
            for (f, v) in picks {
                let vals = &all_values[f];
                filters.toggle(groups[f], &vals[v % vals.len()]);
            }
            let shown = filter(&idx, &tags, &hits, &filters);
            let admits = |filters: &Filters, h: &Hit| brute_admits(filters, &idx.docs[h.doc as usize], &doc_tags[h.doc as usize]);
            // Brute force: tick `value` alone in `facet`, keep the other groups.
            let brute_count = |facet: Facet, value: &str| {
                let mut ticked = filters.clone();
                ticked.0.insert(facet, BTreeSet::from([value.to_string()]));
                hits.iter().filter(|h| admits(&ticked, h)).count()
            };
            for (facet, list) in counts(&idx, &tags, &hits, &filters) {
                let k = groups.iter().position(|g| *g == facet).unwrap();
                for (value, count) in &list {
                    prop_assert_eq!(*count, brute_count(facet, value), "{:?}={}", facet, value);
                }
                // Every value that ticking would give something is listed.
                for value in &all_values[k] {
                    prop_assert!(brute_count(facet, value) == 0 || list.iter().any(|(v, _)| v == value), "{:?}={} missing", facet, value);
                }
            }
            let expect: Vec<Hit> = hits.iter().copied().filter(|h| admits(&filters, h)).collect();
            prop_assert_eq!(shown, expect);
        }
    }
}
