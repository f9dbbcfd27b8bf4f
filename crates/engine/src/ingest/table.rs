//! Tables (`.csv`, `.tsv`, `.jsonl`, `.json`): one document per row.
//!
//! What a scraper or a spreadsheet leaves is rows: a column of text and
//! columns about it. `corpus.toml`'s `[table]` names the columns; without it
//! they are guessed (the text is the column with the most words, the others
//! by their usual names) and the build says what it guessed, so a wrong
//! guess is seen. A bad row (too few or too many fields, a line of JSONL that
//! is not an object) is named with its line and left out; the other rows are
//! kept.
//!
//! CSV is read by the `csv` crate (RFC 4180 quoting, fields across lines),
//! JSON by `serde_json`.

use serde::Deserialize;
use serde_json::Value;

use super::config::Overrides;
use super::dates::machine_date;

/// `[table]` in `corpus.toml`: which column is what. Keys are column
/// headers (CSV) or object keys (JSON), matched exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableConfig {
    /// The document's text (required for the build not to guess).
    pub text: Option<String>,
    /// A row's id within its file (else its row number).
    pub id: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub author: Option<String>,
    /// Shown as the source facet, as a page's breadcrumb is.
    pub section: Option<String>,
}

/// The kinds of table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Shape {
    Csv,
    Tsv,
    JsonLines,
    JsonArray,
}

/// One row made a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's id within its file: the id column's value, else its number.
    pub id: String,
    pub text: String,
    pub fields: Overrides,
}

/// A table read: its rows, and what to say about it (guesses, bad rows).
#[derive(Debug, Default)]
pub struct Table {
    pub rows: Vec<Row>,
    pub warnings: Vec<String>,
}

/// A record before its columns are known: `(key, value)` in file order.
struct Record {
    /// Its number in the file (data row, JSONL line, array item), from 1:
    /// the row's id when the table has no id column, so ids stay put when
    /// a row before is left out.
    number: usize,
    /// Where it is, for messages: `row 2 (line 3)`, `line 5`, `item 4`.
    place: String,
    cells: Vec<(String, String)>,
}

/// Reads a table. Fails (the file is skipped) only when it has no header,
/// is not JSON of the right shape, or has no row with text.
pub fn read(text: &str, shape: Shape, config: &TableConfig) -> Result<Table, String> {
    let mut warnings = Vec::new();
    let records = match shape {
        Shape::Csv => delimited(text, b',', &mut warnings)?,
        Shape::Tsv => delimited(text, b'\t', &mut warnings)?,
        Shape::JsonLines => json_lines(text, &mut warnings),
        Shape::JsonArray => json_array(text, &mut warnings)?,
    };
    let columns = columns(&records, config, &mut warnings)?;
    let mut rows = Vec::with_capacity(records.len());
    let mut seen = std::collections::HashSet::new();
    for record in &records {
        let get = |key: &Option<String>| key.as_ref().and_then(|k| record.cells.iter().find(|(c, _)| c == k)).map(|(_, v)| v.trim()).filter(|v| !v.is_empty());
        let Some(body) = get(&Some(columns.text.clone())) else {
            warnings.push(format!("{}: no text in `{}`; left out", record.place, columns.text));
            continue;
        };
        let id = get(&columns.id).map_or_else(|| record.number.to_string(), str::to_string);
        if !seen.insert(id.clone()) {
            warnings.push(format!("{}: id `{id}` again; left out", record.place));
            continue;
        }
        let title = get(&columns.title).map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
        let text = match &title {
            Some(t) if !body.starts_with(t.as_str()) => format!("{t}\n\n{body}"),
            _ => body.to_string(),
        };
        let fields = Overrides {
            title,
            author: get(&columns.author).map(str::to_string),
            date: get(&columns.date).and_then(machine_date),
            section: get(&columns.section).map(str::to_string),
            // Every other column by its lower-case name, for `[[facet]]`.
            fields: record
                .cells
                .iter()
                .filter(|(c, v)| *c != columns.text && !v.trim().is_empty())
                .map(|(c, v)| (super::config::field_name(c), vec![v.trim().to_string()]))
                .collect(),
            ..Overrides::default()
        };
        rows.push(Row { id, text, fields });
    }
    if rows.is_empty() {
        return Err(format!("no row with text in `{}`", columns.text));
    }
    Ok(Table { rows, warnings })
}

/// The columns a table's rows are read by.
struct Columns {
    text: String,
    id: Option<String>,
    title: Option<String>,
    date: Option<String>,
    author: Option<String>,
    section: Option<String>,
}

/// The usual names of each column, in order of preference (case ignored).
const ID: &[&str] = &["id", "uid", "key", "identifier"];
const TITLE: &[&str] = &["title", "headline", "subject", "name"];
const DATE: &[&str] = &["date", "published", "published_at", "datepublished", "created", "created_at", "timestamp", "time"];
const AUTHOR: &[&str] = &["author", "byline", "creator", "from", "by"];
const SECTION: &[&str] = &["section", "category", "source"];

fn columns(records: &[Record], config: &TableConfig, warnings: &mut Vec<String>) -> Result<Columns, String> {
    let mut keys: Vec<&str> = Vec::new();
    for r in records {
        for (k, _) in &r.cells {
            if !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
    }
    if keys.is_empty() {
        return Err("no columns".into());
    }
    for (what, given) in
        [("text", &config.text), ("id", &config.id), ("title", &config.title), ("date", &config.date), ("author", &config.author), ("section", &config.section)]
    {
        if let Some(k) = given.as_deref().filter(|k| !keys.contains(k)) {
            return Err(format!("[table] {what} = \"{k}\": no such column (columns: {})", keys.join(", ")));
        }
    }
    let named = |names: &[&str], given: &Option<String>| -> Option<String> {
        given.clone().or_else(|| names.iter().find_map(|n| keys.iter().find(|k| k.eq_ignore_ascii_case(n))).map(|k| k.to_string()))
    };
    let id = named(ID, &config.id);
    let title = named(TITLE, &config.title);
    let date = named(DATE, &config.date);
    let author = named(AUTHOR, &config.author);
    let section = named(SECTION, &config.section);
    let text = match &config.text {
        Some(t) => t.clone(),
        None => {
            // The column with the most words, among those not taken.
            let taken = [&id, &title, &date, &author, &section];
            let words =
                |k: &str| -> usize { records.iter().filter_map(|r| r.cells.iter().find(|(c, _)| c == k)).map(|(_, v)| v.split_whitespace().count()).sum() };
            let best = keys.iter().filter(|k| !taken.iter().any(|t| t.as_deref() == Some(**k))).max_by_key(|k| words(k)).copied().unwrap_or(keys[0]);
            let mut said = format!("one document per row, text from `{best}` (the column with the most words)");
            for (what, c) in [("id", &id), ("title", &title), ("date", &date), ("author", &author), ("section", &section)] {
                if let Some(c) = c {
                    said.push_str(&format!(", {what} from `{c}`"));
                }
            }
            warnings.push(format!("{said}; set [table] in corpus.toml to choose"));
            best.to_string()
        }
    };
    Ok(Columns { text, id, title, date, author, section })
}

fn delimited(text: &str, delimiter: u8, warnings: &mut Vec<String>) -> Result<Vec<Record>, String> {
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().map_err(|e| format!("no header row ({e})"))?.iter().map(|h| h.trim().to_string()).collect();
    if headers.iter().all(String::is_empty) {
        return Err("no header row".into());
    }
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut n = 0;
    loop {
        let start = reader.position().byte() as usize;
        let read = reader.read_record(&mut record);
        if matches!(read, Ok(false)) {
            break;
        }
        n += 1;
        match read {
            Ok(_) => {
                let line = record.position().map_or(0, |p| p.line());
                // The lines it spans: up to the line before the next record's.
                let last = (reader.position().line().saturating_sub(1)).max(line);
                let place = if last > line { format!("row {n} (lines {line}–{last})") } else { format!("row {n} (line {line})") };
                if let Some(why) = broken_quote(&text.as_bytes()[start..reader.position().byte() as usize], delimiter) {
                    warnings.push(format!("{place}: {why}; row left out"));
                    continue;
                }
                let cells = headers.iter().cloned().zip(record.iter().map(str::to_string)).collect();
                records.push(Record { number: n, place, cells });
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                let why = match e.kind() {
                    csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!("{len} fields where the header has {expected_len}"),
                    _ => e.to_string(),
                };
                warnings.push(format!("row {n} (line {line}): {why}; row left out"));
            }
        }
    }
    Ok(records)
}

/// What is wrong with a record's quoting, read from its bytes as the file
/// has them: the CSV reader takes a quote that never closes as the rest of
/// the file, and text after a closing quote as more of the field, so a
/// broken quote would swallow the rows after it without a word.
fn broken_quote(raw: &[u8], delimiter: u8) -> Option<&'static str> {
    let mut i = 0;
    let mut field_start = true;
    while i < raw.len() {
        let b = raw[i];
        if field_start && b == b'"' {
            // A quoted field: to its closing quote (a doubled quote is one quote in it).
            i += 1;
            loop {
                match raw.get(i) {
                    None => return Some("a quote opened here never closes (it runs to the end of the file)"),
                    Some(b'"') if raw.get(i + 1) == Some(&b'"') => i += 2,
                    Some(b'"') => break,
                    Some(_) => i += 1,
                }
            }
            i += 1;
            match raw.get(i) {
                None | Some(b'\r' | b'\n') => {}
                Some(&c) if c == delimiter => {}
                Some(_) => return Some("text follows a quoted field's closing quote (a quote broken or left open?)"),
            }
            field_start = false;
            continue;
        }
        field_start = b == delimiter || b == b'\n';
        i += 1;
    }
    None
}

fn json_lines(text: &str, warnings: &mut Vec<String>) -> Vec<Record> {
    let mut records = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => {
                records.push(Record { number: i + 1, place: format!("line {}", i + 1), cells: map.into_iter().map(|(k, v)| (k, plain(v))).collect() })
            }
            Ok(_) => warnings.push(format!("line {}: not a JSON object; line left out", i + 1)),
            Err(e) => warnings.push(format!("line {}: not JSON ({e}); line left out", i + 1)),
        }
    }
    records
}

fn json_array(text: &str, warnings: &mut Vec<String>) -> Result<Vec<Record>, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
    let Value::Array(items) = value else { return Err("not a JSON array of objects".into()) };
    let mut records = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Value::Object(map) => {
                records.push(Record { number: i + 1, place: format!("item {}", i + 1), cells: map.into_iter().map(|(k, v)| (k, plain(v))).collect() })
            }
            _ => warnings.push(format!("item {}: not an object; left out", i + 1)),
        }
    }
    Ok(records)
}

/// A JSON value as a cell: strings as they are, null as nothing, the rest as JSON.
fn plain(v: Value) -> String {
    match v {
        Value::String(s) => s,
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_with_guessed_columns_and_a_ragged_row_left_out() {
        let csv = "id,Title,date,body\n7,Camp Ashraf raid,2011-04-08,\"Iraqi forces entered the camp, and \"\"many\"\" were hurt.\"\n8,Short,2011-04-09\n9,,,Only text here\n";
        let t = read(csv, Shape::Csv, &TableConfig::default()).unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].id, "7");
        assert_eq!(t.rows[0].text, "Camp Ashraf raid\n\nIraqi forces entered the camp, and \"many\" were hurt.");
        assert_eq!(t.rows[0].fields.date.as_deref(), Some("2011-04-08"));
        assert_eq!(t.rows[1].text, "Only text here");
        assert_eq!(t.rows[1].id, "9");
        assert_eq!(t.rows[1].fields.title, None);
        assert!(t.warnings[0].contains("row 2 (line 3): 3 fields where the header has 4"), "{:?}", t.warnings);
        assert!(t.warnings[1].contains("text from `body`") && t.warnings[1].contains("title from `Title`"), "{:?}", t.warnings);
    }

    /// A quote left open swallows the next lines as one field; one never
    /// closed runs to the end: each row is named with the lines it spans
    /// and left out, the rows after it kept.
    #[test]
    fn a_broken_quote_is_named_not_swallowed() {
        let csv = "id,title,text\n1,Fine,\"Camp Ashraf, quoted\"\n2,Broken,\"never closed\n3,Next,\"Swallowed by the row above\"\n4,After,\"Kept as it is\"\n5,Tail,\"Open to the end\n";
        let t = read(csv, Shape::Csv, &TableConfig::default()).unwrap();
        let ids: Vec<&str> = t.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["1", "4"]);
        assert_eq!(t.rows[1].text, "After\n\nKept as it is");
        assert!(
            t.warnings.contains(&"row 2 (lines 3–4): text follows a quoted field's closing quote (a quote broken or left open?); row left out".to_string()),
            "{:?}",
            t.warnings
        );
        assert!(t.warnings.iter().any(|w| w.starts_with("row 4 (line 6): a quote opened here never closes")), "{:?}", t.warnings);
        // Quotes inside an unquoted field are text, and a quoted field may span lines.
        let fine = "id,text\n1,She said \"no\" twice\n2,\"Two\nlines\"\n";
        let t = read(fine, Shape::Csv, &TableConfig::default()).unwrap();
        assert_eq!(t.rows.len(), 2, "{:?}", t.warnings);
        assert!(t.warnings.iter().all(|w| !w.contains("quote")), "{:?}", t.warnings);
    }

    #[test]
    fn a_named_column_that_is_not_there_is_an_error() {
        let config = TableConfig { text: Some("content".into()), ..TableConfig::default() };
        let e = read("id,body\n1,x\n", Shape::Csv, &config).unwrap_err();
        assert!(e.contains("[table] text = \"content\": no such column (columns: id, body)"), "{e}");
    }

    #[test]
    fn jsonl_bad_lines_are_named_and_the_rest_kept() {
        let jsonl = "{\"text\": \"First row\", \"n\": 1}\n{not json}\n[1, 2]\n\n{\"text\": \"Second row\", \"n\": null}\n";
        let t = read(jsonl, Shape::JsonLines, &TableConfig { text: Some("text".into()), ..TableConfig::default() }).unwrap();
        assert_eq!(t.rows.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(), ["First row", "Second row"]);
        assert_eq!(t.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["1", "5"], "a row's number is its line");
        assert!(t.warnings[0].starts_with("line 2: not JSON"), "{:?}", t.warnings);
        assert_eq!(t.warnings[1], "line 3: not a JSON object; line left out");
    }

    #[test]
    fn a_json_array_of_objects_and_repeated_ids() {
        let json = r#"[{"id": "a", "body": "One", "author": "Dan Murphy"}, {"id": "a", "body": "Two"}, 3]"#;
        let t = read(json, Shape::JsonArray, &TableConfig::default()).unwrap();
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].fields.author.as_deref(), Some("Dan Murphy"));
        assert!(t.warnings.iter().any(|w| w.contains("id `a` again")), "{:?}", t.warnings);
        assert!(t.warnings.iter().any(|w| w == "item 3: not an object; left out"), "{:?}", t.warnings);
        assert_eq!(read("{\"a\": 1}", Shape::JsonArray, &TableConfig::default()).unwrap_err(), "not a JSON array of objects");
    }
}
