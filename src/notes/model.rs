//! What a note is, and how it travels: the W3C Web Annotation model
//! (<https://www.w3.org/TR/annotation-model/>) as JSON-LD, so that other
//! annotation tools can read an export, and CSV for a spreadsheet. No web
//! dependency: tested natively.
//!
//! One concept covers highlights, notes and tags: an annotation on a
//! passage (a highlight has no note text, a note has some) or on a whole
//! document (its tags). Tags are `tagging` bodies, the note text a
//! `commenting` body, the passage a `TextQuoteSelector` with a
//! `TextPositionSelector` ([`engine::anchor`]).

use engine::anchor::Quote;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The JSON-LD context of the Web Annotation vocabulary.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// A highlight, a note or a document's tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// `urn:uuid:…`, kept across export and import.
    pub id: String,
    /// The annotated document's id (as in the address's `doc=`).
    pub doc: String,
    /// The passage; `None` for the whole document (its tags).
    pub quote: Option<Quote>,
    /// The note's text; empty for a highlight.
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub tags: Vec<String>,
    /// ISO 8601 times; the later `modified` wins when an import meets it.
    pub created: String,
    pub modified: String,
}

impl Annotation {
    /// What the Web Annotation model calls its motivation.
    pub fn motivation(&self) -> &'static str {
        match (&self.quote, self.note.is_empty()) {
            (None, _) => "tagging",
            (Some(_), true) => "highlighting",
            (Some(_), false) => "commenting",
        }
    }
}

/// A tag as stored: trimmed, inner white space as single spaces; `None` if empty.
pub fn clean_tag(tag: &str) -> Option<String> {
    let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
    (!tag.is_empty()).then_some(tag)
}

/// Tags typed in one field, separated by commas.
pub fn parse_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').filter_map(clean_tag) {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// The address of a document within the export: `source` of a target.
/// `base` is the page's address without its query (so a reader of the file
/// can open the passage); the document id is its `doc` parameter.
fn source(base: &str, doc: &str) -> String {
    let id: String = form_urlencoded::byte_serialize(doc.as_bytes()).collect();
    format!("{base}?doc={id}")
}

/// One annotation as Web Annotation JSON-LD.
pub fn to_json_ld(a: &Annotation, base: &str) -> Value {
    let mut body = Vec::new();
    if !a.note.is_empty() {
        body.push(json!({ "type": "TextualBody", "value": a.note, "format": "text/plain", "purpose": "commenting" }));
    }
    for tag in &a.tags {
        body.push(json!({ "type": "TextualBody", "value": tag, "purpose": "tagging" }));
    }
    let target = match &a.quote {
        Some(q) => json!({
            "source": source(base, &a.doc),
            "selector": [
                { "type": "TextQuoteSelector", "exact": q.exact, "prefix": q.prefix, "suffix": q.suffix },
                { "type": "TextPositionSelector", "start": q.start, "end": q.end },
            ],
        }),
        None => json!({ "source": source(base, &a.doc) }),
    };
    let mut out = json!({
        "@context": CONTEXT,
        "id": a.id,
        "type": "Annotation",
        "motivation": a.motivation(),
        "created": a.created,
        "modified": a.modified,
        "target": target,
    });
    if !body.is_empty() {
        out["body"] = Value::Array(body);
    }
    out
}

/// Every annotation as one Web Annotation collection (the export file).
pub fn export_json(list: &[Annotation], corpus: &str, base: &str) -> String {
    let items: Vec<Value> = list.iter().map(|a| to_json_ld(a, base)).collect();
    let collection = json!({
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": format!("Notes on {corpus}"),
        "total": items.len(),
        "first": { "type": "AnnotationPage", "items": items },
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}

/// Reads an export (a collection, a page, an array or one annotation).
/// The whole file is refused, naming the first problem, if any item is not
/// an annotation this page can read: an import changes nothing or all.
pub fn import_json(text: &str) -> Result<Vec<Annotation>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("This file is not JSON ({e})."))?;
    let items = match &value {
        Value::Array(items) => items.clone(),
        Value::Object(o) => match o.get("type").and_then(Value::as_str) {
            Some("AnnotationCollection") => o
                .get("first")
                .and_then(|f| f.get("items"))
                .and_then(Value::as_array)
                .cloned()
                .ok_or("The collection holds no page of annotations (`first.items`).")?,
            Some("AnnotationPage") => o.get("items").and_then(Value::as_array).cloned().ok_or("The page holds no `items`.")?,
            Some("Annotation") => vec![value.clone()],
            _ => return Err("This file is not a Web Annotation export (no `type` of AnnotationCollection, AnnotationPage or Annotation).".into()),
        },
        _ => return Err("This file is not a Web Annotation export.".into()),
    };
    items.iter().enumerate().map(|(i, item)| from_json_ld(item).map_err(|e| format!("Annotation {} of {}: {e}", i + 1, items.len()))).collect()
}

/// One Web Annotation read back.
fn from_json_ld(v: &Value) -> Result<Annotation, String> {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    if v.get("type").and_then(Value::as_str) != Some("Annotation") {
        return Err("its `type` is not Annotation.".into());
    }
    let id = text(v, "id").filter(|s| !s.trim().is_empty()).ok_or("it has no `id`.")?;
    let target = match v.get("target") {
        Some(Value::Array(targets)) => targets.first().cloned().unwrap_or(Value::Null),
        Some(t) => t.clone(),
        None => return Err("it has no `target`.".into()),
    };
    let src = match &target {
        Value::String(s) => s.clone(),
        t => text(t, "source").ok_or("its target has no `source`.")?,
    };
    let doc = doc_of(&src).ok_or_else(|| format!("its target `{src}` names no document (`?doc=…`)."))?;
    let selectors: Vec<Value> = match target.get("selector") {
        Some(Value::Array(s)) => s.clone(),
        Some(s) => vec![s.clone()],
        None => Vec::new(),
    };
    let of_type = |t: &str| selectors.iter().find(|s| s.get("type").and_then(Value::as_str) == Some(t));
    let quote = match of_type("TextQuoteSelector") {
        Some(s) => {
            let exact = text(s, "exact").filter(|e| !e.trim().is_empty()).ok_or("its TextQuoteSelector has no `exact` text.")?;
            let position = of_type("TextPositionSelector");
            let at = |key: &str| position.and_then(|p| p.get(key)).and_then(Value::as_u64).map(|n| n as usize);
            let start = at("start").unwrap_or(0);
            Some(Quote {
                prefix: text(s, "prefix").unwrap_or_default(),
                suffix: text(s, "suffix").unwrap_or_default(),
                end: at("end").unwrap_or(start + exact.chars().count()),
                exact,
                start,
            })
        }
        None if selectors.is_empty() => None,
        None => return Err("its target's selector is neither a TextQuoteSelector nor none.".into()),
    };
    let bodies: Vec<Value> = match v.get("body") {
        Some(Value::Array(b)) => b.clone(),
        Some(b) => vec![b.clone()],
        None => Vec::new(),
    };
    let (mut note, mut tags) = (Vec::new(), Vec::new());
    for body in &bodies {
        let value = match body {
            Value::String(s) => s.clone(),
            b => text(b, "value").ok_or("a body has no `value`.")?,
        };
        let purpose = body.get("purpose").and_then(Value::as_str).or(v.get("motivation").and_then(Value::as_str));
        if purpose == Some("tagging") {
            tags.extend(clean_tag(&value).filter(|t| !tags.contains(t)));
        } else {
            note.push(value);
        }
    }
    let created = text(v, "created").unwrap_or_default();
    let modified = text(v, "modified").unwrap_or_else(|| created.clone());
    Ok(Annotation { id, doc, quote, note: note.join("\n\n"), tags, created, modified })
}

/// The document id in a target's source: its `doc` parameter.
fn doc_of(source: &str) -> Option<String> {
    let query = source.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "doc").map(|(_, v)| v.into_owned()).filter(|v| !v.is_empty())
}

/// What an import did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Merged {
    pub added: usize,
    pub updated: usize,
    /// Already here, as new or newer.
    pub kept: usize,
}

/// Merges `incoming` into `list`: a new id is added, a known one replaced
/// when the incoming one was modified later (ISO 8601 times compare as text).
pub fn merge(list: &mut Vec<Annotation>, incoming: Vec<Annotation>) -> Merged {
    let mut report = Merged::default();
    for a in incoming {
        match list.iter_mut().find(|b| b.id == a.id) {
            Some(b) if a.modified > b.modified => {
                *b = a;
                report.updated += 1;
            }
            Some(_) => report.kept += 1,
            None => {
                list.push(a);
                report.added += 1;
            }
        }
    }
    report
}

/// The CSV columns of [`export_csv`].
pub const CSV_COLUMNS: [&str; 9] = ["id", "document", "title", "kind", "quote", "note", "tags", "created", "modified"];

/// Every annotation as CSV rows; `title` gives a document's title by id.
pub fn export_csv(list: &[Annotation], title: impl Fn(&str) -> String) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push_str("\r\n");
    for a in list {
        let kind = match a.motivation() {
            "tagging" => "tags",
            "highlighting" => "highlight",
            _ => "note",
        };
        let quote = a.quote.as_ref().map_or("", |q| q.exact.as_str());
        let row = [a.id.as_str(), &a.doc, &title(&a.doc), kind, quote, &a.note, &a.tags.join("; "), &a.created, &a.modified];
        out.push_str(&row.iter().map(|f| crate::download::csv_field(f, false)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(id: &str, modified: &str) -> Annotation {
        Annotation {
            id: id.into(),
            doc: "001-mko".into(),
            quote: Some(Quote { exact: "Camp Ashraf".into(), prefix: "residents of ".into(), suffix: " were".into(), start: 120, end: 131 }),
            note: "Check the date, \"2009\"".into(),
            tags: vec!["follow up".into(), "source: ministry".into()],
            created: "2026-11-29T10:00:00.000Z".into(),
            modified: modified.into(),
        }
    }

    #[test]
    fn an_export_reads_back_as_it_was() {
        let tags = Annotation {
            id: "urn:uuid:2".into(),
            doc: "a b&c".into(),
            quote: None,
            note: String::new(),
            tags: vec!["contradiction".into()],
            created: "t".into(),
            modified: "t".into(),
        };
        let highlight = Annotation { note: String::new(), tags: vec![], ..note("urn:uuid:3", "t") };
        let list = vec![note("urn:uuid:1", "2026-11-29T10:00:00.000Z"), tags, highlight];
        let file = export_json(&list, "Seeds", "file:///tmp/explorer.html");
        assert_eq!(import_json(&file).unwrap(), list);
        let v: Value = serde_json::from_str(&file).unwrap();
        let first = &v["first"]["items"][0];
        assert_eq!(first["motivation"], "commenting");
        assert_eq!(first["target"]["source"], "file:///tmp/explorer.html?doc=001-mko");
        assert_eq!(first["target"]["selector"][1]["start"], 120);
        assert_eq!(v["first"]["items"][1]["target"]["source"], "file:///tmp/explorer.html?doc=a+b%26c");
        assert_eq!(v["first"]["items"][2]["motivation"], "highlighting");
    }

    #[test]
    fn a_foreign_or_broken_file_is_refused_whole() {
        assert!(import_json("not json").unwrap_err().contains("not JSON"));
        assert!(import_json(r#"{"type":"Playlist"}"#).unwrap_err().contains("not a Web Annotation export"));
        let good = to_json_ld(&note("urn:uuid:1", "t"), "x");
        let bad = json!({"type": "Annotation", "id": "urn:uuid:9", "target": {"source": "https://example.org/page"}});
        let err = import_json(&Value::Array(vec![good, bad]).to_string()).unwrap_err();
        assert!(err.starts_with("Annotation 2 of 2") && err.contains("names no document"), "{err}");
    }

    #[test]
    fn another_tools_annotation_is_read() {
        // As a Web Annotation client writes one: a single body, a plain selector.
        let foreign = r#"{"@context":"http://www.w3.org/ns/anno.jsonld","id":"http://example.org/anno1","type":"Annotation",
            "body":{"type":"TextualBody","value":"Compare with the UN report"},
            "target":{"source":"https://host/explorer/?q=ashraf&doc=003-interview","selector":{"type":"TextQuoteSelector","exact":"Camp Ashraf"}}}"#;
        let got = import_json(foreign).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].doc, "003-interview");
        assert_eq!(got[0].note, "Compare with the UN report");
        assert_eq!(got[0].quote.as_ref().map(|q| (q.exact.as_str(), q.start, q.end)), Some(("Camp Ashraf", 0, 11)));
    }

    #[test]
    fn merging_adds_new_ids_and_lets_the_newer_win() {
        let mut list = vec![note("a", "2026-11-29T10:00:00.000Z"), note("b", "2026-11-29T12:00:00.000Z")];
        let newer_a = Annotation { note: "newer".into(), ..note("a", "2026-11-29T11:00:00.000Z") };
        let older_b = Annotation { note: "older".into(), ..note("b", "2026-11-29T09:00:00.000Z") };
        let report = merge(&mut list, vec![newer_a, older_b, note("c", "t")]);
        assert_eq!(report, Merged { added: 1, updated: 1, kept: 1 });
        assert_eq!(
            list.iter().map(|a| (a.id.as_str(), a.note.as_str())).collect::<Vec<_>>(),
            [("a", "newer"), ("b", "Check the date, \"2009\""), ("c", "Check the date, \"2009\"")]
        );
    }

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        let mut a = note("urn:uuid:1", "t");
        a.note = "=HYPERLINK(\"x\")".into();
        let csv = export_csv(&[a], |_| "MKO, a history".into());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], CSV_COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "urn:uuid:1,001-mko,\"MKO, a history\",note,Camp Ashraf,\"'=HYPERLINK(\"\"x\"\")\",follow up; source: ministry,2026-11-29T10:00:00.000Z,t"
        );
    }

    #[test]
    fn tags_are_cleaned_and_unique() {
        assert_eq!(parse_tags(" follow  up, contradiction,,follow up "), ["follow up", "contradiction"]);
        assert_eq!(clean_tag("  "), None);
    }
}
