//! A document as the index keeps it: its id and the metadata the build
//! found or was given (its text is apart, in `texts`). The types only; reading metadata off a text is
//! build work (`ingest::meta`).

use serde::{Deserialize, Serialize};

/// A document with its metadata; its text is [`crate::Index::text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub meta: Meta,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: String,
    pub section: Option<String>,
    pub author: Option<String>,
    /// ISO date `YYYY-MM-DD`: as written in the header, else (with
    /// `date_inferred`) the latest date cited in the references.
    pub date: Option<String>,
    pub date_inferred: bool,
    pub kind: Kind,
    pub words: u32,
    /// Every date written anywhere in the text, with its byte offset.
    pub dates: Vec<DateMention>,
    /// Byte range of the footnote / reference list, if there is one.
    pub references: Option<(u32, u32)>,
    /// Entities (alias group names, then frequent proper nouns) it mentions,
    /// as the build finds them. Not written: the Entity facet's column
    /// holds the same, as numbers ([`super::Index::entities`] reads them),
    /// which spared 120 KB gzip of the core at 31,830 documents.
    #[serde(skip)]
    pub entities: Vec<String>,
    /// The document's own language for stemming, when it differs from the corpus's.
    pub language: Option<crate::analysis::Language>,
    /// Where each page after the first starts (byte offsets in the text),
    /// for documents with pages (PDF); empty otherwise.
    pub pages: Vec<u32>,
    /// Its place in an e-mail thread of two messages or more.
    pub thread: Option<Thread>,
    /// Its source file under the page's `originals/` (relative, `/` between
    /// folders), when the corpus copies its originals.
    pub original: Option<String>,
    /// Its values of the fields `corpus.toml` declares as facets
    /// (`[[facet]]`), by field name; other fields are not kept.
    pub fields: std::collections::BTreeMap<String, Vec<String>>,
}

/// A message's place in its thread (by `In-Reply-To`/`References`), the
/// thread in date order: message `at` of `of`, and its neighbours there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub at: u32,
    pub of: u32,
    pub previous: Option<u32>,
    pub next: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub at: u32,
    pub iso: String,
}

impl Meta {
    /// Minutes at 230 words a minute, at least one.
    pub fn reading_minutes(&self) -> u32 {
        self.words.div_ceil(230).max(1)
    }

    /// The page (from 1) the byte at `at` is on, for documents with pages.
    pub fn page_at(&self, at: u32) -> Option<u32> {
        (!self.pages.is_empty()).then(|| self.pages.partition_point(|&start| start <= at) as u32 + 1)
    }

    pub fn year(&self) -> Option<&str> {
        self.date.as_deref().map(|d| &d[..4.min(d.len())])
    }
}

/// What sort of text a document is. Named in lower case in `corpus.toml`
/// and front matter (`kind = "interview"`); any other name is an error.
/// Articles and interviews are told apart by reading the text; an e-mail is
/// a message and an e-book a book by their format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Article,
    Interview,
    Message,
    Book,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Interview => "interview",
            Kind::Message => "message",
            Kind::Book => "book",
        }
    }
}

/// Computed at build time for the reader's "share passages" and "similar" lists.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Related {
    /// `(document, words in the longest passage they share)`, longest first.
    pub shares: Vec<(u32, u32)>,
    /// `(document, cosine)`, most similar first (top 3).
    pub similar: Vec<(u32, f32)>,
}

/// The document table on the wire: ids, then titles, each front-coded
/// (the bytes it shares with the one before, then the rest), then the rest
/// of the metadata. A corpus's ids are mostly paths in folder order: written
/// in rows, one beside its title and fields, they were 239 KB gzip at 31,830
/// documents; as a column with their shared beginnings left out, 168 KB.
pub(super) mod table {
    use serde::de::{DeserializeSeed, Error, SeqAccess, Visitor};
    use serde::{Deserializer, Serialize, Serializer};

    use super::{Document, Meta};

    #[derive(Serialize)]
    struct Wire<'a> {
        ids: Vec<(u32, &'a str)>,
        titles: Vec<(u32, &'a str)>,
        metas: Vec<Meta>,
    }

    fn front<'a>(strings: impl Iterator<Item = &'a str>) -> Vec<(u32, &'a str)> {
        let mut before = "";
        strings
            .map(|s| {
                let mut shared = before.bytes().zip(s.bytes()).take_while(|(a, b)| a == b).count();
                while !s.is_char_boundary(shared) {
                    shared -= 1;
                }
                before = s;
                (shared as u32, &s[shared..])
            })
            .collect()
    }

    /// `before`'s first `shared` bytes, then `rest`.
    fn unfront(before: &str, (shared, rest): (u32, &str)) -> Result<String, &'static str> {
        let head = before.get(..shared as usize).ok_or("a document id or title sharing more than the one before has")?;
        let mut out = String::with_capacity(head.len() + rest.len());
        out.push_str(head);
        out.push_str(rest);
        Ok(out)
    }

    pub fn serialize<S: Serializer>(docs: &[Document], s: S) -> Result<S::Ok, S::Error> {
        let metas = docs.iter().map(|d| Meta { title: String::new(), ..d.meta.clone() }).collect();
        Wire { ids: front(docs.iter().map(|d| d.id.as_str())), titles: front(docs.iter().map(|d| d.meta.title.as_str())), metas }.serialize(s)
    }

    /// Read in one pass: the id and title columns borrowed from the file,
    /// then each document made as its metadata is read, into a table of
    /// the ids' length (a `Vec` read by serde grows from at most 1 MiB, so
    /// 31,830 documents' metadata was moved three times: 12 of the 100 ms
    /// the core took to read in the page).
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Document>, D::Error> {
        d.deserialize_struct("Wire", &["ids", "titles", "metas"], Columns)
    }

    struct Columns;

    impl<'de> Visitor<'de> for Columns {
        type Value = Vec<Document>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a document table")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Document>, A::Error> {
            let ids: Vec<(u32, &'de str)> = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(0, &self))?;
            let titles: Vec<(u32, &'de str)> = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(1, &self))?;
            if titles.len() != ids.len() {
                return Err(A::Error::custom("a document table whose columns differ in length"));
            }
            seq.next_element_seed(Rows { ids, titles })?.ok_or_else(|| A::Error::invalid_length(2, &self))
        }
    }

    /// The metadata column, each read into its document.
    struct Rows<'de> {
        ids: Vec<(u32, &'de str)>,
        titles: Vec<(u32, &'de str)>,
    }

    impl<'de> DeserializeSeed<'de> for Rows<'de> {
        type Value = Vec<Document>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Document>, D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for Rows<'de> {
        type Value = Vec<Document>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a document's metadata")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Document>, A::Error> {
            let mut docs: Vec<Document> = Vec::with_capacity(self.ids.len());
            for (&id, &title) in self.ids.iter().zip(&self.titles) {
                let meta: Meta = seq.next_element()?.ok_or_else(|| A::Error::custom("a document table whose columns differ in length"))?;
                let (id, title) = match docs.last() {
                    Some(last) => (unfront(&last.id, id), unfront(&last.meta.title, title)),
                    None => (unfront("", id), unfront("", title)),
                };
                docs.push(Document { id: id.map_err(A::Error::custom)?, meta: Meta { title: title.map_err(A::Error::custom)?, ..meta } });
            }
            if seq.next_element::<Meta>()?.is_some() {
                return Err(A::Error::custom("a document table whose columns differ in length"));
            }
            Ok(docs)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids and titles read back as written, whatever they share (a shared
    /// beginning that ends inside a character included).
    #[test]
    fn the_table_reads_back_as_written() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct T(#[serde(with = "table")] Vec<Document>);
        let doc = |id: &str, title: &str| Document { id: id.into(), meta: Meta { title: title.into(), words: id.len() as u32, ..Meta::default() } };
        let docs =
            T(vec![doc("a/b.txt", "Camp Ashraf"), doc("a/b.txt#2", "Camp Ashraf"), doc("a/é.txt", "Ça"), doc("a/è.txt", "Çb"), doc("", ""), doc("z", "東京")]);
        let bytes = postcard::to_allocvec(&docs).unwrap();
        assert_eq!(postcard::from_bytes::<T>(&bytes).unwrap(), docs);
        // An id said to share more than the one before has is refused.
        let coded = |shares: [u32; 2], metas: usize| {
            let ids = vec![(shares[0], "ab".to_string()), (shares[1], String::new())];
            postcard::to_allocvec(&(ids, vec![(0u32, "x".to_string()), (0, "y".to_string())], vec![Meta::default(); metas])).unwrap()
        };
        assert_eq!(postcard::from_bytes::<T>(&coded([0, 2], 2)).unwrap().0[1].id, "ab");
        assert!(postcard::from_bytes::<T>(&coded([0, 3], 2)).is_err(), "sharing more than there is");
        assert!(postcard::from_bytes::<T>(&coded([0, 2], 1)).is_err(), "a row missing");
        assert!(postcard::from_bytes::<T>(&coded([0, 2], 3)).is_err(), "a row too many");
    }

    #[test]
    fn the_page_of_an_offset() {
        let paged = Meta { pages: vec![100, 250], ..Meta::default() };
        assert_eq!([0, 99, 100, 249, 250, 9_999].map(|at| paged.page_at(at)), [1, 1, 2, 2, 3, 3].map(Some));
        assert_eq!(Meta::default().page_at(5), None, "a text without pages has no page numbers");
    }
}
