//! Dates written in a text (`12 April 2011`, `April 12, 2011`, `Oct.23,
//! 2011`, `26 OCT 2010`) and dates given by hand (`2011-04-12`). One reader
//! for header dates, dates anywhere in a text and `corpus.toml`, so they
//! agree on what a date is: a real day of a real month of a year in
//! [`YEARS`].

use crate::index::DateMention;

/// Years read as years (older or later four-digit numbers are something else).
pub const YEARS: std::ops::RangeInclusive<u32> = 1000..=2999;

const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/// Month number of a full or abbreviated English month name (`Oct`, `Oct.`, `Sept`), any case.
pub fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    let w = w.trim_end_matches('.');
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| *m == w || (m.starts_with(w) && (w.len() == 3 || w == "sept"))).map(|i| i as u32 + 1)
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `YYYY-MM-DD` of a valid day, month and year.
fn iso(d: u32, m: u32, y: u32) -> Option<String> {
    (YEARS.contains(&y) && (1..=12).contains(&m) && (1..=days_in(m, y)).contains(&d)).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Three words read as day month year or month day year.
fn date_of(a: &str, b: &str, c: &str) -> Option<String> {
    let day = |w: &str| w.parse::<u32>().ok().filter(|_| w.len() <= 2);
    let year = |w: &str| w.parse::<u32>().ok().filter(|_| w.len() == 4);
    let y = year(c)?;
    match (day(a), month_number(b), month_number(a), day(b)) {
        (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => iso(d, m, y),
        _ => None,
    }
}

/// Every date written in `text`, with the byte offset where each starts.
pub fn find_dates(text: &str) -> Vec<DateMention> {
    // Runs of letters or of digits, with their offsets: `Oct26` is two runs.
    let mut runs: Vec<(usize, &str)> = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        let class = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        match (start, class) {
            (Some((_, d)), Some(k)) if d == k => {}
            (Some((s, _)), k) => {
                runs.push((s, &text[s..i]));
                start = k.map(|k| (i, k));
            }
            (None, k) => start = k.map(|k| (i, k)),
        }
    }
    // Runs must be close: only spaces and light punctuation between them.
    let near = |a: usize, b: usize| {
        let (ea, sb) = (runs[a].0 + runs[a].1.len(), runs[b].0);
        sb - ea <= 3 && text[ea..sb].chars().all(|c| matches!(c, ' ' | ',' | '.' | '\u{a0}'))
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i + 2 < runs.len() {
        let found = (near(i, i + 1) && near(i + 1, i + 2)).then(|| date_of(runs[i].1, runs[i + 1].1, runs[i + 2].1)).flatten();
        match found {
            Some(iso) => {
                out.push(DateMention { at: runs[i].0 as u32, iso });
                i += 3;
            }
            None => i += 1,
        }
    }
    out
}

/// A date at the start of a header line: `12 April 2011 | 21:27`, `April 12, 2011`.
pub fn header_date(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).take(3).collect();
    match words.as_slice() {
        [a, b, c] => date_of(a, b, c),
        _ => None,
    }
}

/// A date written for machines (`datetime`, `article:published_time`,
/// JSON-LD): `2011-04-08T14:32:00-04:00` → `2011-04-08`, the day where it
/// was written; a person's spelling (`April 8, 2011`) is read too.
pub fn machine_date(s: &str) -> Option<String> {
    let s = s.trim();
    let day = s.get(..10).filter(|_| s.len() == 10 || s[10..].starts_with(['T', 't', ' ']));
    if let Some(day) = day.filter(|d| is_iso_date(d)) {
        return Some(day.to_string());
    }
    if is_iso_date(s) {
        return Some(s.to_string());
    }
    header_date(s)
}

/// A date given by hand: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, each part valid.
pub fn is_iso_date(s: &str) -> bool {
    let num = |p: &str, n: usize| (p.len() == n && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok()).flatten();
    match s.split('-').collect::<Vec<_>>().as_slice() {
        [y] => num(y, 4).is_some_and(|y| YEARS.contains(&y)),
        [y, m] => matches!((num(y, 4), num(m, 2)), (Some(y), Some(m)) if YEARS.contains(&y) && (1..=12).contains(&m)),
        [y, m, d] => matches!((num(y, 4), num(m, 2), num(d, 2)), (Some(y), Some(m), Some(d)) if iso(d, m, y).is_some()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_many_spellings() {
        let text = "On October 21, 2011 and 12 April 2011; Oct.23, 2011, Oct26, 2011, 26 OCT 2010: Web. 21 Dec 2010. Not 1344 AH, not May.";
        let found = find_dates(text);
        let isos: Vec<&str> = found.iter().map(|d| d.iso.as_str()).collect();
        assert_eq!(isos, ["2011-10-21", "2011-04-12", "2011-10-23", "2011-10-26", "2010-10-26", "2010-12-21"]);
        assert_eq!(find_dates(text)[0].at, 3);
    }

    #[test]
    fn impossible_days_are_not_dates() {
        assert!(find_dates("on 31 February 2011 and 30 Feb 2012").is_empty());
        assert_eq!(find_dates("29 February 2012")[0].iso, "2012-02-29");
        assert_eq!(header_date("31 April 2011 | 21:27"), None);
        assert_eq!(header_date("April 12, 2011"), Some("2011-04-12".into()));
    }

    #[test]
    fn machine_dates() {
        assert_eq!(machine_date("2011-04-08T14:32:00-04:00").as_deref(), Some("2011-04-08"));
        assert_eq!(machine_date(" 2011-04-08 ").as_deref(), Some("2011-04-08"));
        assert_eq!(machine_date("2011-04").as_deref(), Some("2011-04"));
        assert_eq!(machine_date("April 8, 2011").as_deref(), Some("2011-04-08"));
        assert_eq!(machine_date("2011-02-30T00:00"), None);
        assert_eq!(machine_date("yesterday"), None);
    }

    #[test]
    fn hand_given_dates() {
        for ok in ["2011", "2011-04", "2011-04-12", "2012-02-29"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in ["April", "2011-13", "2011-02-30", "2011-4-12", "11-04-12", "2011-04-12-1", ""] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }
}
