//! Metadata given by hand: `corpus.toml` at the corpus root and TOML front
//! matter (`+++ … +++`) at the top of a document. Given fields override the
//! extracted ones. A malformed `corpus.toml` is an error naming file, line
//! and field; malformed front matter is a warning and the document is kept.
//!
//! ```toml
//! name = "MKO / Camp Ashraf press, 2009–2011"
//! encoding = "windows-1256"   # files that are not UTF-8 (else detected)
//!
//! [[alias]]
//! name = "MKO"
//! spellings = ["MKO", "MEK", "Mujahedin Khalq", "People's Mujahedin"]
//!
//! [documents."000_0b6ec28b6c4abd8e"]
//! author = "Sirous Borna"
//! date = "2011-04-12"
//!
//! [table]            # tables: one document per row
//! text = "body"
//! id = "id"
//! title = "headline"
//! date = "published"
//! author = "byline"
//! section = "category"
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::dates::is_iso_date;
use crate::analysis::Language;
use crate::index::Kind;

/// Fields a person may set for one document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Overrides {
    pub title: Option<String>,
    pub author: Option<String>,
    /// `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`).
    pub date: Option<String>,
    /// Shown as the source facet.
    pub section: Option<String>,
    /// `article` or `interview`.
    pub kind: Option<Kind>,
    /// The document's language for stemming, when not the corpus's.
    #[serde(default, deserialize_with = "language")]
    pub language: Option<Language>,
    /// Other fields, by lower-case name, each with its values (a string or a
    /// list of strings in TOML: `[fields]` in front matter,
    /// `[documents."ID".fields]`); a table's other columns, a message's
    /// `from`/`to`/`cc`, a page's `<meta>`. Kept in the index only when
    /// `[[facet]]` declares them.
    #[serde(default, deserialize_with = "field_values")]
    pub fields: BTreeMap<String, Vec<String>>,
}

/// A field's name as every format gives it: lower case, each character but
/// letters, digits, `_` and `-` as `_` (`og:site_name` → `og_site_name`,
/// a column `Published By` → `published_by`), the form `[[facet]]` names.
pub fn field_name(raw: &str) -> String {
    raw.trim().to_lowercase().chars().map(|c| if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' { c } else { '_' }).collect()
}

/// `name = "value"` or `name = ["a", "b"]`, names as [`field_name`] gives them.
fn field_values<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<String, Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Values {
        One(String),
        Many(Vec<String>),
    }
    let map = BTreeMap::<String, Values>::deserialize(d)?;
    Ok(map
        .into_iter()
        .map(|(name, v)| {
            let values = match v {
                Values::One(s) => vec![s],
                Values::Many(list) => list,
            };
            (field_name(&name), values.into_iter().map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
        })
        .collect())
}

/// A field shown as a facet group (`[[facet]] field = "to" label = "Recipient"`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FacetField {
    /// The field's name: the URL parameter and the query prefix.
    pub field: String,
    /// The group's label; the name with a capital without one.
    pub label: Option<String>,
}

/// Names a declared field cannot take: the built-in facets and query
/// prefixes, and every other URL parameter (docs/CONTRACT.md).
const RESERVED: [&str; 25] = [
    "source", "author", "year", "kind", "entity", "tag", "title", "q", "doc", "at", "view", "sort", "literal", "kwic", "window", "min", "measure", "ref", "n",
    "terms", "p", "effect", "side", "count", "compare",
];

/// At most this many declared facets (a panel of more is not read).
pub const MAX_FACETS: usize = 16;

/// A language named as `Language::ALL` names it; any other is an error
/// listing the names.
fn language<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Language>, D::Error> {
    let name = String::deserialize(d)?;
    match Language::from_name(&name) {
        Some(l) => Ok(Some(l)),
        None => {
            let names: Vec<&str> = Language::ALL.iter().map(|(n, _)| *n).collect();
            Err(serde::de::Error::custom(format!("unknown language `{name}`: use one of {}", names.join(", "))))
        }
    }
}

/// An encoding by any of its WHATWG labels (`latin1`, `cp1251`, `sjis`, …).
fn encoding<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<&'static encoding_rs::Encoding>, D::Error> {
    let label = String::deserialize(d)?;
    match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
        Some(e) => Ok(Some(e)),
        None => Err(serde::de::Error::custom(format!(
            "unknown encoding `{label}`: use a WHATWG label such as windows-1252, windows-1251, iso-8859-7, koi8-r, shift_jis, gbk or euc-kr"
        ))),
    }
}

/// One entity and all the ways the corpus spells it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasGroup {
    pub name: String,
    pub spellings: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusConfig {
    /// Display name of the corpus.
    pub name: Option<String>,
    /// Language for stemming (`english` when not given; `none` turns it off).
    #[serde(default, deserialize_with = "language")]
    pub language: Option<Language>,
    #[serde(default, rename = "alias")]
    pub aliases: Vec<Spanned<AliasGroup>>,
    /// How files that are not UTF-8 are read (a WHATWG label such as
    /// `windows-1251`, `iso-8859-7`, `shift_jis`); without it, detected per
    /// file. A byte-order mark and valid UTF-8 still win.
    #[serde(default, deserialize_with = "encoding")]
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// Lines (whole, trimmed) that never count as shared passages: boilerplate.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// Per-document overrides by id (with where they stand, for errors).
    #[serde(default)]
    pub documents: BTreeMap<String, Spanned<Overrides>>,
    /// Which columns of a table (`.csv`, `.tsv`, `.jsonl`, `.json`) are
    /// what; without it they are guessed, and the build says so.
    #[serde(default)]
    pub table: super::table::TableConfig,
    /// Copy each source file into the page (`originals/`) and link every
    /// document to its file ("Open the original"), e.g. to see a PDF's layout.
    #[serde(default)]
    pub copy_originals: bool,
    /// Fields shown as facets (`[[facet]]`), in the panel's order.
    #[serde(default, rename = "facet")]
    pub facets: Vec<Spanned<FacetField>>,
    /// Texts of this many bytes in all, or fewer, travel inside the index
    /// file (a small corpus answers with its snippets at once); past it
    /// they are files of their own, fetched as they are shown. 0: always
    /// files. Without it, [`crate::index::texts::INLINE_TEXTS`].
    #[serde(default)]
    pub inline_texts: Option<usize>,
    /// An index file of more than this many bytes is written sharded: a
    /// core the page loads first, and its lists in fragments fetched as
    /// searches need them. 0: always sharded. Without it,
    /// [`crate::index::fragments::SHARD_ABOVE`].
    #[serde(default)]
    pub shard_above: Option<usize>,
}

/// Where and why a metadata file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: usize,
    pub message: String,
}

fn error_at(text: &str, e: &toml::de::Error) -> ConfigError {
    ConfigError { line: e.span().map_or(1, |s| line_of(text, s.start)), message: e.message().to_string() }
}

/// The 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text[..at.min(text.len())].matches('\n').count() + 1
}

impl CorpusConfig {
    /// The declared facets with their labels, for the index.
    pub fn declared_facets(&self) -> Vec<crate::index::Declared> {
        self.facets
            .iter()
            .map(|f| {
                let f = f.get_ref();
                let label = f.label.clone().unwrap_or_else(|| {
                    let mut chars = f.field.chars();
                    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
                });
                crate::index::Declared { field: f.field.clone(), label }
            })
            .collect()
    }

    pub fn parse(text: &str) -> Result<CorpusConfig, ConfigError> {
        let config: CorpusConfig = toml::from_str(text).map_err(|e| error_at(text, &e))?;
        for (i, group) in config.aliases.iter().enumerate() {
            if group.get_ref().spellings.is_empty() {
                let message = format!("alias group {} (`{}`): `spellings` is empty", i + 1, group.get_ref().name);
                return Err(ConfigError { line: line_of(text, group.span().start), message });
            }
        }
        let mut seen: Vec<&str> = Vec::new();
        for (i, facet) in config.facets.iter().enumerate() {
            let name = facet.get_ref().field.as_str();
            let problem = if name.is_empty() || !name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-') {
                Some("is not a field name: lower-case letters, digits, `_` and `-` only".to_string())
            } else if RESERVED.contains(&name) {
                Some("is taken by the page (a built-in facet, query prefix or address parameter): choose another".to_string())
            } else if seen.contains(&name) {
                Some("is declared twice".to_string())
            } else if i >= MAX_FACETS {
                Some(format!("is one facet too many: at most {MAX_FACETS}"))
            } else {
                None
            };
            if let Some(problem) = problem {
                return Err(ConfigError { line: line_of(text, facet.span().start), message: format!("facet {} `{name}` {problem}", i + 1) });
            }
            seen.push(name);
        }
        for (id, o) in &config.documents {
            if let Some(date) = &o.get_ref().date {
                if !is_iso_date(date) {
                    let message = format!("documents.\"{id}\".date: `{date}` is not YYYY-MM-DD, YYYY-MM or YYYY");
                    return Err(ConfigError { line: line_of(text, o.span().start), message });
                }
            }
        }
        Ok(config)
    }
}

/// Splits `+++` front matter off a document: `(overrides, body)`. Without
/// front matter the body is the whole text. A malformed block is reported
/// and left in the text, so nothing is lost.
pub fn split_front_matter(text: &str) -> (Option<Result<Overrides, ConfigError>>, &str) {
    let Some(rest) = text.strip_prefix("+++\n") else { return (None, text) };
    let Some(end) = rest.find("\n+++") else { return (None, text) };
    let block = &rest[..end];
    let after = &rest[end + 4..];
    let body = after.strip_prefix('\n').unwrap_or(after);
    match toml::from_str::<Overrides>(block) {
        Ok(o) => (Some(Ok(o)), body),
        Err(e) => {
            let mut err = error_at(block, &e);
            err.line += 1; // the opening `+++`
            (Some(Err(err)), text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_aliases_and_overrides() {
        let c = CorpusConfig::parse(
            "name = \"Test\"\n[[alias]]\nname = \"MKO\"\nspellings = [\"MKO\", \"MEK\"]\n[documents.a]\nauthor = \"X Y\"\ndate = \"2011-04\"\n",
        )
        .unwrap();
        assert_eq!(c.name.as_deref(), Some("Test"));
        assert_eq!(c.aliases[0].get_ref().spellings, ["MKO", "MEK"]);
        assert_eq!(c.documents["a"].get_ref().author.as_deref(), Some("X Y"));
        assert_eq!(c.language, None);
        assert_eq!(CorpusConfig::parse("language = \"French\"\n").unwrap().language, Some(Language::French));
    }

    #[test]
    fn malformed_config_names_line_and_field() {
        let e = CorpusConfig::parse("name = \"ok\"\n\n[documents.a]\ndate = 2011\n").unwrap_err();
        assert_eq!(e.line, 4);
        assert!(e.message.contains("string"), "{e:?}");
        let e = CorpusConfig::parse("[documents.a]\nwriter = \"x\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("writer"), "{e:?}");
        let e = CorpusConfig::parse("name = \"x\"\n\n[documents.a]\ndate = \"April\"\n").unwrap_err();
        assert!(e.message.contains("documents.\"a\".date"), "{e:?}");
        assert!((3..=4).contains(&e.line), "the document's table, not line 1: {e:?}");
        let e = CorpusConfig::parse("name = \"x\"\n[[alias]]\nname = \"A\"\nspellings = []\n").unwrap_err();
        assert!((2..=4).contains(&e.line) && e.message.contains("spellings"), "{e:?}");
        let e = CorpusConfig::parse("language = \"klingon\"\n").unwrap_err();
        assert!(e.message.contains("klingon") && e.message.contains("english"), "{e:?}");
        assert!(CorpusConfig::parse("name = \"unclosed\n").is_err());
        let e = CorpusConfig::parse("encoding = \"cp-nonesuch\"\n").unwrap_err();
        assert!(e.message.contains("cp-nonesuch") && e.message.contains("windows-1251"), "{e:?}");
        assert_eq!(CorpusConfig::parse("encoding = \"latin1\"\n").unwrap().encoding.map(|e| e.name()), Some("windows-1252"));
        let e = CorpusConfig::parse("[documents.a]\nkind = \"interveiw\"\n").unwrap_err();
        assert!(e.message.contains("interveiw") && e.message.contains("interview"), "{e:?}");
    }

    #[test]
    fn front_matter() {
        let (o, body) = split_front_matter("+++\ntitle = \"T\"\nauthor = \"A B\"\n+++\nBody here\n");
        assert_eq!(o.unwrap().unwrap().title.as_deref(), Some("T"));
        assert_eq!(body, "Body here\n");
        let (o, body) = split_front_matter("+++\ntitle = 3\n+++\nBody\n");
        let e = o.unwrap().unwrap_err();
        assert_eq!(e.line, 2);
        assert!(body.starts_with("+++"), "a bad block stays in the text");
        assert_eq!(split_front_matter("No front matter").1, "No front matter");
    }

    #[test]
    fn declared_facets_have_field_names_the_page_does_not_use() {
        let c = CorpusConfig::parse("[[facet]]\nfield = \"to\"\nlabel = \"Recipient\"\n[[facet]]\nfield = \"desk_note\"\n").unwrap();
        let declared = c.declared_facets();
        assert_eq!(declared.iter().map(|d| (d.field.as_str(), d.label.as_str())).collect::<Vec<_>>(), [("to", "Recipient"), ("desk_note", "Desk_note")]);
        for (toml, says) in [
            ("[[facet]]\nfield = \"q\"\n", "facet 1 `q` is taken by the page"),
            ("[[facet]]\nfield = \"author\"\n", "facet 1 `author` is taken"),
            ("[[facet]]\nfield = \"To\"\n", "facet 1 `To` is not a field name"),
            ("[[facet]]\nfield = \"to\"\n\n[[facet]]\nfield = \"to\"\n", "facet 2 `to` is declared twice"),
            ("[[facet]]\nname = \"to\"\n", "unknown field `name`"),
        ] {
            let e = CorpusConfig::parse(toml).unwrap_err();
            assert!(e.message.contains(says), "{toml}: {}", e.message);
        }
        let e = CorpusConfig::parse("name = \"x\"\n\n[[facet]]\nfield = \"to\"\n\n[[facet]]\nfield = \"to\"\n").unwrap_err();
        assert_eq!(e.line, 6, "the line of the second declaration");
    }

    #[test]
    fn fields_are_a_value_or_a_list_by_lower_case_name() {
        let c = CorpusConfig::parse("[documents.a.fields]\nTo = \"World Desk\"\ntags = [\"raid\", \" \", \"camp\"]\n").unwrap();
        let fields = &c.documents["a"].get_ref().fields;
        assert_eq!(fields["to"], ["World Desk"]);
        assert_eq!(fields["tags"], ["raid", "camp"], "blank values dropped");
        assert_eq!([field_name("og:site_name"), field_name(" Published By "), field_name("dc-Subject")], ["og_site_name", "published_by", "dc-subject"]);
    }
}
