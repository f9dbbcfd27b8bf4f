//! A document as the index keeps it: its id and the metadata the build
//! found or was given (its text is apart, in `texts`). The types only; reading metadata off a text is
//! build work (`ingest::meta`).

use serde::{Deserialize, Serialize};

use super::Label;

/// A document with its metadata; its text is [`crate::Index::text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: Label,
    pub meta: Meta,
}

/// What the page reads of every document: its title, date, kind, length
/// and language, with the rest ([`More`]) held apart, only for the
/// documents that have some. `meta.pages`, `meta.section`… read through
/// to it (`Deref`), an absent rest reading as empty; a write makes it.
///
/// Why apart: a page holds a `Meta` for every document of its corpus, and
/// most have none of the rest (at 299,202 documents, 1 in 18 a date
/// mention or a reference list, none a section, a page or a thread). Held
/// inline, the nine absent fields were most of each document's 168 bytes in
/// the page (288 natively), 102 MiB natively of the 137 MiB the page kept;
/// apart, a document without them costs 48 bytes.
#[derive(Debug, Clone, Default, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Label,
    /// ISO date `YYYY-MM-DD`: as written in the header, else (with
    /// `date_inferred`) the latest date cited in the references.
    pub date: Option<String>,
    pub date_inferred: bool,
    pub kind: Kind,
    pub words: u32,
    /// The document's own language for stemming, when it differs from the corpus's.
    pub language: Option<crate::analysis::Language>,
    /// The rest, when any of it is there (written as absent when what is
    /// there is only what is not written: [`More::entities`]).
    #[serde(serialize_with = "more_on_wire")]
    pub more: Option<Box<More>>,
}

/// The metadata few documents have ([`Meta`] reads through to it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct More {
    pub section: Option<String>,
    pub author: Option<String>,
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
    /// Where each page after the first starts (byte offsets in the text),
    /// for documents with pages (PDF); empty otherwise.
    pub pages: Vec<u32>,
    /// Its headings (a page's `<h1>`–`<h6>`, a Word file's heading styles,
    /// an e-book's chapters), in text order: the reader draws them as
    /// headings and lists them as the document's contents.
    pub headings: Vec<Heading>,
    /// Its place in an e-mail thread of two messages or more.
    pub thread: Option<Thread>,
    /// Its source file under the page's `originals/` (relative, `/` between
    /// folders), when the corpus copies its originals.
    pub original: Option<String>,
    /// Its values of the fields `corpus.toml` declares as facets
    /// (`[[facet]]`), by field name; other fields are not kept.
    pub fields: std::collections::BTreeMap<String, Vec<String>>,
}

/// Every `More` absent reads as this one.
static NONE_MORE: More = More {
    section: None,
    author: None,
    dates: Vec::new(),
    references: None,
    entities: Vec::new(),
    pages: Vec::new(),
    headings: Vec::new(),
    thread: None,
    original: None,
    fields: std::collections::BTreeMap::new(),
};

impl More {
    /// Whether nothing of it is written (only entities, or nothing, there).
    /// (Every field named, so a new one cannot be left out.)
    fn written_empty(&self) -> bool {
        let More { section, author, dates, references, entities: _, pages, headings, thread, original, fields } = self;
        section.is_none()
            && author.is_none()
            && dates.is_empty()
            && references.is_none()
            && pages.is_empty()
            && headings.is_empty()
            && thread.is_none()
            && original.is_none()
            && fields.is_empty()
    }
}

fn more_on_wire<S: serde::Serializer>(more: &Option<Box<More>>, s: S) -> Result<S::Ok, S::Error> {
    more.as_ref().filter(|m| !m.written_empty()).serialize(s)
}

impl std::ops::Deref for Meta {
    type Target = More;

    fn deref(&self) -> &More {
        self.more.as_deref().unwrap_or(&NONE_MORE)
    }
}

impl std::ops::DerefMut for Meta {
    /// The rest, made (empty) if it was absent: for the build, which fills it.
    fn deref_mut(&mut self) -> &mut More {
        self.more.get_or_insert_with(Default::default)
    }
}

/// Equal when they read the same (an absent rest equals an empty one).
impl PartialEq for Meta {
    fn eq(&self, other: &Meta) -> bool {
        (&self.title, &self.date, self.date_inferred, self.kind, self.words, self.language)
            == (&other.title, &other.date, other.date_inferred, other.kind, other.words, other.language)
            && **self == **other
    }
}

/// A heading of a document's text: the byte range of its line (no blank
/// lines around it) and its level as the source gave it, 1 (a page's
/// `<h1>`, a chapter, "Heading 1") to 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub at: u32,
    pub end: u32,
    pub level: u8,
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

/// The document table on the wire: ids front-coded (the bytes each shares
/// with the one before, then the rest), then titles whole, then the rest of
/// the metadata. A corpus's ids are mostly paths in folder order: written
/// in rows, one beside its title and fields, they were 239 KB gzip at 31,830
/// documents; as a column with their shared beginnings left out, 168 KB
/// (measured again on 2026-12-02: 186 KB, against 239 KB for the same
/// column with each id whole). Titles seldom
/// share a beginning: whole, they are a little smaller gzip (362 against
/// 367 KB at 31,830 documents) and are read in place ([`super::Label`]).
/// The ids are decoded into one buffer, which their labels share.
pub(super) mod table {
    use serde::de::{DeserializeSeed, Error, SeqAccess, Visitor};
    use serde::{Deserializer, Serialize, Serializer};

    use super::{Document, Label, Meta};

    #[derive(Serialize)]
    struct Wire<'a> {
        ids: Vec<(u32, &'a str)>,
        titles: Vec<&'a str>,
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

    /// The front-coded `ids` decoded into one buffer, each a label of it.
    fn unfront(ids: &[(u32, &str)]) -> Result<Vec<Label>, &'static str> {
        let mut buffer: Vec<u8> = Vec::with_capacity(ids.iter().map(|(shared, rest)| *shared as usize + rest.len()).sum());
        let mut ranges = Vec::with_capacity(ids.len());
        let mut before = 0..0;
        for &(shared, rest) in ids {
            let shared = shared as usize;
            if shared > before.len() {
                return Err("a document id sharing more than the one before has");
            }
            let start = buffer.len();
            buffer.extend_from_within(before.start..before.start + shared);
            buffer.extend_from_slice(rest.as_bytes());
            before = start..buffer.len();
            ranges.push(before.clone());
        }
        // A shared beginning ending inside a character leaves the id not text.
        Label::pieces(buffer, &ranges).ok_or("a document id that is not text")
    }

    pub fn serialize<S: Serializer>(docs: &[Document], s: S) -> Result<S::Ok, S::Error> {
        let metas = docs.iter().map(|d| Meta { title: Label::default(), ..d.meta.clone() }).collect();
        Wire { ids: front(docs.iter().map(|d| d.id.as_str())), titles: docs.iter().map(|d| d.meta.title.as_str()).collect(), metas }.serialize(s)
    }

    /// Read in one pass: the id and title columns, then each document made
    /// as its metadata is read, into a table of the ids' length (a `Vec`
    /// read by serde grows from at most 1 MiB, so 31,830 documents'
    /// metadata was moved three times: 12 of the 100 ms the core took to
    /// read in the page).
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
            let titles: Vec<&'de str> = seq.next_element()?.ok_or_else(|| A::Error::invalid_length(1, &self))?;
            if titles.len() != ids.len() {
                return Err(A::Error::custom("a document table whose columns differ in length"));
            }
            let ids = unfront(&ids).map_err(A::Error::custom)?;
            let titles = super::super::codec::labels_of(&titles);
            seq.next_element_seed(Rows { ids, titles })?.ok_or_else(|| A::Error::invalid_length(2, &self))
        }
    }

    /// The metadata column, each read into its document.
    struct Rows {
        ids: Vec<Label>,
        titles: Vec<Label>,
    }

    impl<'de> DeserializeSeed<'de> for Rows {
        type Value = Vec<Document>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Vec<Document>, D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for Rows {
        type Value = Vec<Document>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a document's metadata")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Document>, A::Error> {
            let mut docs: Vec<Document> = Vec::with_capacity(self.ids.len());
            for (id, title) in self.ids.into_iter().zip(self.titles) {
                let meta: Meta = seq.next_element()?.ok_or_else(|| A::Error::custom("a document table whose columns differ in length"))?;
                docs.push(Document { id, meta: Meta { title, ..meta } });
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
            postcard::to_allocvec(&(ids, vec!["x".to_string(), "y".to_string()], vec![Meta::default(); metas])).unwrap()
        };
        assert_eq!(postcard::from_bytes::<T>(&coded([0, 2], 2)).unwrap().0[1].id, "ab");
        assert!(postcard::from_bytes::<T>(&coded([0, 3], 2)).is_err(), "sharing more than there is");
        let inside = postcard::to_allocvec(&(vec![(0u32, "é"), (1, "x")], vec!["", ""], vec![Meta::default(); 2])).unwrap();
        assert!(postcard::from_bytes::<T>(&inside).is_err(), "sharing half a character");
        assert!(postcard::from_bytes::<T>(&coded([0, 2], 1)).is_err(), "a row missing");
        assert!(postcard::from_bytes::<T>(&coded([0, 2], 3)).is_err(), "a row too many");
    }

    /// A document with none of the rarely present metadata holds none of
    /// it, reads it as empty, and is written and read back as it was; one
    /// with some reads it back; entities alone (never written) are not
    /// written as a rest.
    #[test]
    fn the_rarely_present_metadata_is_held_apart_and_reads_as_empty() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct T(#[serde(with = "table")] Vec<Document>);
        let plain = Meta { title: "Camp Ashraf".into(), date: Some("2009-07-28".into()), words: 120, ..Meta::default() };
        assert!(plain.more.is_none());
        assert_eq!((plain.section.as_deref(), plain.pages.len(), plain.thread, plain.fields.len()), (None, 0, None, 0));
        let mut fuller = plain.clone();
        fuller.section = Some("Interviews".into());
        fuller.pages = vec![10, 20];
        fuller.headings = vec![Heading { at: 0, end: 11, level: 2 }];
        fuller.fields.insert("to".into(), vec!["UNAMI".into()]);
        let mut named = plain.clone();
        named.entities = vec!["Rajavi".into()];
        let docs = T(vec![
            Document { id: "a".into(), meta: plain.clone() },
            Document { id: "b".into(), meta: fuller.clone() },
            Document { id: "c".into(), meta: named },
        ]);
        let back: T = postcard::from_bytes(&postcard::to_allocvec(&docs).unwrap()).unwrap();
        assert_eq!(back.0[0].meta, plain);
        assert!(back.0[0].meta.more.is_none());
        assert_eq!(back.0[1].meta, fuller);
        assert_eq!(back.0[1].meta.section.as_deref(), Some("Interviews"));
        assert_eq!(back.0[1].meta.headings, [Heading { at: 0, end: 11, level: 2 }]);
        assert!(back.0[2].meta.more.is_none(), "entities are not written, so neither is a rest holding only them");
        // An emptied rest equals an absent one.
        let mut emptied = plain.clone();
        emptied.pages = Vec::new();
        emptied.headings = Vec::new();
        assert!(emptied.more.is_some());
        assert_eq!(emptied, plain);
        // What every document pays for in the page: no more than 88 bytes natively
        // (the title, date and id strings, words, kind, language and the rest's pointer).
        assert!(std::mem::size_of::<Document>() <= 88, "{} bytes", std::mem::size_of::<Document>());
    }

    #[test]
    fn the_page_of_an_offset() {
        let paged = Meta { more: Some(Box::new(More { pages: vec![100, 250], ..More::default() })), ..Meta::default() };
        assert_eq!([0, 99, 100, 249, 250, 9_999].map(|at| paged.page_at(at)), [1, 1, 2, 2, 3, 3].map(Some));
        assert_eq!(Meta::default().page_at(5), None, "a text without pages has no page numbers");
    }
}
