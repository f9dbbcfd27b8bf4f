//! E-mail (`.eml`, one message; `.mbox`, many): a document per message.
//!
//! `mail-parser` reads RFC 5322 headers and MIME parts, decodes
//! quoted-printable, base64 and encoded words, and converts every charset
//! a mail client may have used (through encoding_rs). A message's document
//! is its header block (From, To, Cc, Date, Subject, and the attachments by
//! name and size: listed, not indexed), then its plain-text part, or its
//! HTML part read as a web page is ([`super::html`]). The subject is the
//! title, the sender the author, the Date header's day the date.

use mail_parser::{Address, HeaderValue, Message, MessageParser, MimeHeaders, PartType};

use super::config::Overrides;
use super::html;
use crate::index::Kind;

/// One message made a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub text: String,
    pub fields: Overrides,
    pub warnings: Vec<String>,
    /// Its `Message-ID` and what it answers, when it has one.
    pub ids: Option<MessageIds>,
}

/// What threads messages: a message's id and the message it answers
/// (`In-Reply-To`, else the last of `References`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageIds {
    pub id: String,
    pub parent: Option<String>,
}

/// Reads one message. Fails when the bytes are not a message with text.
pub fn read(bytes: &[u8]) -> Result<Mail, String> {
    let message = MessageParser::default().parse(bytes).ok_or("not an e-mail message (no headers)")?;
    if message.headers().is_empty() {
        return Err("not an e-mail message (no headers)".into());
    }
    let mut warnings = Vec::new();
    let subject = message.subject().map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|s| !s.is_empty());
    let from = message.from().and_then(first_person);
    let date = message.date().filter(|d| d.is_valid()).map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
    if date.is_none() {
        warnings.push("no Date header (or one that is not a date): undated".into());
    }
    let body = body(&message, &mut warnings);
    if body.trim().is_empty() && subject.is_none() {
        return Err("no text in the message".into());
    }
    let mut head = String::new();
    for (name, value) in [
        ("From", message.from().map(people)),
        ("To", message.to().map(people)),
        ("Cc", message.cc().map(people)),
        ("Date", date.clone()),
        ("Subject", subject.clone()),
    ] {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            head.push_str(&format!("{name}: {v}\n"));
        }
    }
    let attached: Vec<String> = message.attachments().map(|a| format!("{} ({})", a.attachment_name().unwrap_or("unnamed"), size(a.len()))).collect();
    if !attached.is_empty() {
        head.push_str(&format!("Attachments: {}\n", attached.join(", ")));
    }
    let title = subject.clone();
    let text = match &title {
        Some(t) => format!("{t}\n\n{head}\n{}", body.trim()),
        None => format!("{head}\n{}", body.trim()),
    };
    let ids =
        message.message_id().map(|id| MessageIds { id: id.to_string(), parent: first_id(message.in_reply_to()).or_else(|| last_id(message.references())) });
    // `from`, `to` and `cc` as fields, a value per person, for `[[facet]]`.
    let fields = [("from", message.from()), ("to", message.to()), ("cc", message.cc())]
        .into_iter()
        .filter_map(|(name, header)| header.map(|h| (name.to_string(), persons(h))))
        .filter(|(_, values)| !values.is_empty())
        .collect();
    let fields = Overrides { title, author: from, date, kind: Some(Kind::Message), fields, ..Overrides::default() };
    Ok(Mail { text: text.trim_end().to_string(), fields, warnings, ids })
}

/// The messages of an mbox file, each as [`read`] reads it: `Ok` per
/// message, or its number and why it was left out.
pub fn read_mbox(bytes: &[u8]) -> Vec<Result<Mail, String>> {
    mail_parser::mailbox::mbox::MessageIterator::new(bytes)
        .map(|m| match m {
            Ok(m) => read(m.contents()),
            Err(e) => Err(format!("unreadable ({e})")),
        })
        .collect()
}

/// The plain-text part, else the HTML part's article, else nothing.
fn body(message: &Message, warnings: &mut Vec<String>) -> String {
    if let Some(text) = message.body_text(0).filter(|_| !is_html_only(message)) {
        return text.replace("\r\n", "\n");
    }
    if let Some(page) = message.body_html(0) {
        return match html::read(&page) {
            Ok(p) => p.text,
            Err(e) => {
                warnings.push(format!("its HTML part has no text ({e})"));
                String::new()
            }
        };
    }
    String::new()
}

/// A message whose only text is HTML: mail-parser then offers a text made
/// from the HTML as its text part, but the page reader finds articles
/// better. (A plain message is likewise offered as HTML: the part's own
/// type tells which is which.)
fn is_html_only(message: &Message) -> bool {
    message.text_body.first().and_then(|&i| message.parts.get(i as usize)).is_some_and(|p| matches!(p.body, PartType::Html(_)))
}

fn first_id(v: &HeaderValue) -> Option<String> {
    v.as_text().map(str::to_string).or_else(|| v.as_text_list().and_then(|l| l.first()).map(|s| s.to_string()))
}

fn last_id(v: &HeaderValue) -> Option<String> {
    v.as_text().map(str::to_string).or_else(|| v.as_text_list().and_then(|l| l.last()).map(|s| s.to_string()))
}

/// `Dan Murphy <dan@news.example>, desk@news.example`
fn people(address: &Address) -> String {
    persons(address).join(", ")
}

/// Each person of a header as `Name <address>` (or what of it there is).
fn persons(address: &Address) -> Vec<String> {
    address
        .iter()
        .map(|a| match (a.name(), a.address()) {
            (Some(n), Some(e)) => format!("{n} <{e}>"),
            (Some(n), None) => n.to_string(),
            (None, Some(e)) => e.to_string(),
            (None, None) => String::new(),
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The sender as an author: the name, else the address.
fn first_person(address: &Address) -> Option<String> {
    let a = address.first()?;
    a.name().or(a.address()).map(str::to_string).filter(|s| !s.trim().is_empty())
}

fn size(bytes: usize) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_with_encoded_words_and_quoted_printable() {
        let raw = b"From: =?ISO-8859-1?Q?Andr=E9_Dupont?= <andre@example.org>\r\nTo: desk@news.example\r\nDate: Fri, 8 Apr 2011 23:10:00 -0400\r\nSubject: Camp Ashraf\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nLe camp d=E9crit =\r\nhier.\r\n";
        let m = read(raw).unwrap();
        assert_eq!(m.fields.author.as_deref(), Some("André Dupont"));
        assert_eq!(m.fields.date.as_deref(), Some("2011-04-08"), "the day as written, not moved to UTC");
        assert_eq!(
            m.text,
            "Camp Ashraf\n\nFrom: André Dupont <andre@example.org>\nTo: desk@news.example\nDate: 2011-04-08\nSubject: Camp Ashraf\n\nLe camp décrit hier."
        );
        assert!(m.warnings.is_empty());
    }

    #[test]
    fn no_date_is_said_and_no_headers_is_not_mail() {
        let m = read(b"From: a@b.example\r\nSubject: Undated\r\n\r\nText.\r\n").unwrap();
        assert_eq!(m.fields.date, None);
        assert!(m.warnings[0].contains("no Date header"));
        assert!(read(b"").is_err());
    }
}
