//! A document's id and title as the page holds them: pieces of a buffer
//! the whole document table shares, not a string each.
//!
//! Why: a page holds an id and a title for every document of its corpus.
//! As two `String`s each, opening the index made two allocations a
//! document (600,000 at 299,202 documents, where a CPU profile of the page
//! put about 45 ms of the core's decoding in them) and kept each with its
//! allocator's overhead. Held this way, the titles stay where they are in
//! the index file, which the page keeps anyway
//! ([`super::codec::SharedBytes`]), and the ids, written front-coded (they
//! share their folders), are decoded into one buffer together
//! (`document::table`): the page's memory after its first answer went from
//! 131.9 to 118.2 MiB at 299,202 documents, 13.6 to 12.3 MiB at 31,830.

use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// Text that is a piece of a shared buffer (or of one of its own, when
/// made from a `String` by the build). Reads as a `&str`; compared, hashed
/// and written as the text it reads.
#[derive(Clone, Default)]
pub struct Label {
    /// None for the empty label, which needs no buffer.
    bytes: Option<Arc<Vec<u8>>>,
    range: Range<u32>,
}

impl Label {
    /// Piece `range` of `buffer`, which the caller has found to be text
    /// that begins and ends between characters; a copy of its own past a
    /// `u32` range.
    fn at(buffer: &Arc<Vec<u8>>, range: Range<usize>) -> Label {
        match (u32::try_from(range.start), u32::try_from(range.end)) {
            _ if range.is_empty() => Label::default(),
            (Ok(start), Ok(end)) => Label { bytes: Some(buffer.clone()), range: start..end },
            _ => Label::from(std::str::from_utf8(&buffer[range]).unwrap_or_default()),
        }
    }

    /// `text` as the piece of `buffer` it is, from byte `start` (a `&str`
    /// read out of `buffer`, so already text), or a copy of its own if it is
    /// not there.
    pub(super) fn lying_in(buffer: &Arc<Vec<u8>>, start: usize, text: &str) -> Label {
        let range = start..start + text.len();
        match buffer.get(range.clone()) {
            Some(b) if std::ptr::eq(b.as_ptr(), text.as_ptr()) => Label::at(buffer, range),
            _ => Label::from(text),
        }
    }

    /// Pieces `ranges` of `buffer`, each a label; `None` if the buffer is
    /// not text or a range does not begin and end between two of its
    /// characters. (The buffer is checked once, not each piece.)
    pub(super) fn pieces(buffer: Vec<u8>, ranges: &[Range<usize>]) -> Option<Vec<Label>> {
        let text = std::str::from_utf8(&buffer).ok()?;
        if !ranges.iter().all(|r| r.start <= r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)) {
            return None;
        }
        let buffer = Arc::new(buffer);
        Some(ranges.iter().map(|r| Label::at(&buffer, r.clone())).collect())
    }

    pub fn as_str(&self) -> &str {
        match &self.bytes {
            // Checked to be text when made; a piece of a buffer nobody writes to.
            Some(b) => std::str::from_utf8(&b[self.range.start as usize..self.range.end as usize]).unwrap_or_default(),
            None => "",
        }
    }

    /// Whether this label is a piece of `buffer` (it was read in place).
    pub fn is_in(&self, buffer: &Arc<Vec<u8>>) -> bool {
        self.bytes.as_ref().is_some_and(|b| Arc::ptr_eq(b, buffer))
    }

    /// Whether both are pieces of one buffer.
    pub fn shares_buffer_with(&self, other: &Label) -> bool {
        other.bytes.as_ref().is_some_and(|b| self.is_in(b))
    }

    /// The length of the buffer this label is a piece of (0 when empty).
    pub fn buffer_len(&self) -> usize {
        self.bytes.as_ref().map_or(0, |b| b.len())
    }
}

impl From<String> for Label {
    fn from(s: String) -> Label {
        let len = s.len();
        match u32::try_from(len) {
            Ok(end) if end > 0 => Label { bytes: Some(Arc::new(s.into_bytes())), range: 0..end },
            _ => Label::default(),
        }
    }
}

impl From<&str> for Label {
    fn from(s: &str) -> Label {
        Label::from(s.to_string())
    }
}

impl std::ops::Deref for Label {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Label {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Label {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Label {
    fn eq(&self, other: &Label) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Label {}

impl PartialEq<str> for Label {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Label {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Label> for String {
    fn eq(&self, other: &Label) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Label> for str {
    fn eq(&self, other: &Label) -> bool {
        self == other.as_str()
    }
}

impl std::hash::Hash for Label {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.as_str().hash(h)
    }
}

impl PartialOrd for Label {
    fn partial_cmp(&self, other: &Label) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Label {
    fn cmp(&self, other: &Label) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Serialize for Label {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Read in place when the text lies in the index file being read
/// ([`super::codec`]), else copied (a format that cannot lend its text).
impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Label, D::Error> {
        struct Text;
        impl<'de> serde::de::Visitor<'de> for Text {
            type Value = Label;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("text")
            }
            fn visit_borrowed_str<E>(self, t: &'de str) -> Result<Label, E> {
                Ok(if t.is_empty() { Label::default() } else { super::codec::labels_of(&[t]).pop().unwrap_or_default() })
            }
            fn visit_str<E>(self, t: &str) -> Result<Label, E> {
                Ok(Label::from(t))
            }
            fn visit_string<E>(self, t: String) -> Result<Label, E> {
                Ok(Label::from(t))
            }
        }
        d.deserialize_str(Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_reads_compares_and_writes_as_its_text() {
        let text = "Camp Ashraf, Iraq";
        let buffer = Arc::new(text.as_bytes().to_vec());
        let camp = Label::lying_in(&buffer, 0, std::str::from_utf8(&buffer[0..11]).unwrap());
        assert_eq!(camp, "Camp Ashraf");
        assert_eq!(camp, Label::from("Camp Ashraf"), "a piece equals an owned label of the same text");
        assert!(camp.is_in(&buffer) && !Label::from("Camp Ashraf").is_in(&buffer));
        assert!(!Label::lying_in(&buffer, 0, "Camp Ashraf").is_in(&buffer), "the same text, elsewhere: a copy");
        assert_eq!(Label::lying_in(&buffer, 0, "Camp Ashraf"), "Camp Ashraf");
        let pieces = Label::pieces(text.as_bytes().to_vec(), &[13..17, 5..5, 0..4]).unwrap();
        assert_eq!(pieces, ["Iraq", "", "Camp"]);
        assert!(pieces[0].shares_buffer_with(&pieces[2]) && pieces[0].buffer_len() == text.len());
        assert!(Label::pieces(text.as_bytes().to_vec(), &[0..4, 10..20]).is_none(), "past the buffer");
        assert!(Label::pieces("Ça".as_bytes().to_vec(), &[0..0, 0..1]).is_none(), "half a character");
        assert!(Label::pieces(vec![0xff, b'a'], &[1..2, 2..2]).is_none(), "not text");
        assert_eq!(Label::from("b").cmp(&Label::from("a")), std::cmp::Ordering::Greater);
        let written = postcard::to_allocvec(&camp).unwrap();
        assert_eq!(written, postcard::to_allocvec("Camp Ashraf").unwrap());
        assert_eq!(postcard::from_bytes::<Label>(&written).unwrap(), camp);
    }
}
