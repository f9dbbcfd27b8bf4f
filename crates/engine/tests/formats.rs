//! The mixed-format fixture corpus (`tests/fixtures/formats`, written by its
//! `make.py` from the seeds): each format's text and fields, checked against
//! the seed the file was made from.

use std::path::{Path, PathBuf};

use engine::ingest::{read_dir, Loaded, Source};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn loaded() -> Loaded {
    read_dir(&root().join("tests/fixtures/formats")).expect("the formats corpus reads")
}

/// The seed's non-empty lines, each run of white space (no-break spaces
/// too, as a page shows them) one space.
fn seed_lines(prefix: &str) -> Vec<String> {
    let dir = root().join("seeds");
    let file = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix)).unwrap();
    std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn source<'a>(loaded: &'a Loaded, id: &str) -> &'a Source {
    loaded.sources.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("{id} in {:?}", loaded.sources.iter().map(|s| &s.id).collect::<Vec<_>>()))
}

/// A saved news page: seed 003 inside a site's menus, breadcrumb, share
/// buttons, cookie banner, related links, comment form and footer.
#[test]
fn a_saved_page_gives_its_article_and_fields() {
    let loaded = loaded();
    let page = source(&loaded, "saved-news-page");
    let seed = seed_lines("003");
    // Seed: `Home » Iraq » <title>`, the title, the standfirst, …, `By Dan Murphy`.
    let crumbs: Vec<&str> = seed[0].split('»').map(str::trim).collect();
    let fields = page.overrides.as_ref().expect("a page gives fields");
    assert_eq!(fields.title.as_deref(), Some(seed[1].as_str()), "title, without the site's name");
    assert_eq!(fields.section.as_deref(), Some(crumbs[1]), "section, from the breadcrumb");
    let byline = seed.iter().find_map(|l| l.strip_prefix("By ")).unwrap();
    assert_eq!(fields.author.as_deref(), Some(byline));
    assert_eq!(fields.date.as_deref(), Some("2011-04-08"), "make.py's datePublished, 2011-04-08T14:32:00-04:00");
    let paragraphs: Vec<&str> = page.text.split("\n\n").collect();
    assert_eq!(paragraphs[0], seed[1], "the text opens with its title");
    let end = seed.iter().position(|l| l.starts_with("By ")).unwrap();
    assert_eq!(&paragraphs[1..], &seed[2..end], "every paragraph of the article, in order, and nothing else");
    for furniture in ["cookie", "Share on", "You may also like", "Leave a Comment", "Subscribe", "All rights reserved", "dataLayer"] {
        assert!(!page.text.contains(furniture), "{furniture:?} left in the text");
    }
}

/// Seed 000 written by pandoc: title, author and date from its `<meta>`s.
#[test]
fn a_pandoc_page_gives_its_metadata() {
    let loaded = loaded();
    let page = source(&loaded, "pandoc-interview");
    let seed = seed_lines("000");
    let fields = page.overrides.as_ref().expect("a page gives fields");
    assert_eq!(fields.title.as_deref(), Some(seed[0].as_str()));
    assert_eq!(fields.author.as_deref(), Some("Sirous Borna"), "make.py's author, from the seed's `Interview with Sirous Borna`");
    assert!(seed[1].starts_with("12 April 2011"));
    assert_eq!(fields.date.as_deref(), Some("2011-04-12"));
    let paragraphs: Vec<&str> = page.text.split("\n\n").collect();
    assert_eq!(paragraphs[0], seed[0]);
    assert_eq!(&paragraphs[1..], &seed[4..]);
}

/// A scraper's CSV (seeds 001 and 004, a row each) and JSONL (seed 002):
/// a document per row, the columns guessed by their names.
#[test]
fn table_rows_are_documents() {
    let loaded = loaded();
    for (id, prefix) in [("scrape/1", "001"), ("scrape/2", "004")] {
        let row = source(&loaded, id);
        let seed = seed_lines(prefix);
        let crumbs: Vec<&str> = seed[0].split('»').map(str::trim).collect();
        let fields = row.overrides.as_ref().unwrap();
        assert_eq!(fields.title.as_deref(), Some(seed[1].as_str()), "{id}");
        assert_eq!(fields.section.as_deref(), Some(crumbs[1]), "{id}");
        assert_eq!(fields.author.as_deref(), seed.iter().find_map(|l| l.strip_prefix("By ")), "{id}");
        let paragraphs: Vec<String> = row.text.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(paragraphs[0], seed[1], "{id}");
        let end = seed.iter().position(|l| l.starts_with("By ") || l == "You may also like").unwrap();
        assert_eq!(&paragraphs[1..], &seed[2..end], "{id}");
    }
    let row = source(&loaded, "feed/1");
    let seed = seed_lines("002");
    assert_eq!(row.overrides.as_ref().unwrap().title.as_deref(), Some(seed[0].as_str()));
    assert!(row.text.ends_with(seed.last().unwrap().as_str()));
}

/// Beside title, author and date, each format gives its other fields (what
/// `[[facet]]` can name), each checked against the file it comes from.
#[test]
fn each_format_gives_its_other_fields() {
    let loaded = loaded();
    let dir = root().join("tests/fixtures/formats");
    let fields = |id: &str| source(&loaded, id).overrides.as_ref().unwrap().fields.clone();
    // A row: every column but the text, by its header (scrape/2 fills them all).
    let csv = std::fs::read_to_string(dir.join("scrape.csv")).unwrap();
    let mut headers: Vec<&str> = csv.lines().next().unwrap().split(',').filter(|h| *h != "body").collect();
    headers.sort_unstable();
    assert_eq!(fields("scrape/2").keys().map(String::as_str).collect::<Vec<_>>(), headers);
    // A page: its <meta>, `og:site_name` as `og_site_name`.
    let page = std::fs::read_to_string(dir.join("saved-news-page.html")).unwrap();
    let site = page.split(r#"property="og:site_name" content=""#).nth(1).and_then(|t| t.split('"').next()).unwrap();
    assert_eq!(fields("saved-news-page")["og_site_name"], [site]);
    // A book: its package metadata, `dc:language` as `language`.
    let mut epub = zip::ZipArchive::new(std::fs::File::open(dir.join("press-book.epub")).unwrap()).unwrap();
    let opf = epub.file_names().filter_map(Result::ok).find(|n| n.ends_with(".opf")).unwrap().to_string();
    let mut package = String::new();
    std::io::Read::read_to_string(&mut epub.by_name(&opf).unwrap(), &mut package).unwrap();
    let language = package.split("<dc:language>").nth(1).and_then(|t| t.split('<').next()).unwrap();
    assert_eq!(fields("press-book")["language"], [language]);
    // A PDF: its document information, `Producer` (UTF-16 in the file) as `producer`.
    let pdf = std::fs::read(dir.join("alaei-interview.pdf")).unwrap();
    let pdf = String::from_utf8_lossy(&pdf);
    let hex = pdf.split("/Producer<FEFF").nth(1).and_then(|t| t.split('>').next()).unwrap();
    let units: Vec<u16> = (0..hex.len()).step_by(4).map(|i| u16::from_str_radix(&hex[i..i + 4], 16).unwrap()).collect();
    assert_eq!(fields("alaei-interview")["producer"], [String::from_utf16(&units).unwrap()]);
}

/// A thread of three messages about seed 003 (an mbox from Python's
/// `mailbox`) and a message with only an HTML part.
#[test]
fn mail_messages_are_documents_with_their_headers() {
    let loaded = loaded();
    let seed = seed_lines("003");
    let title = seed[1].as_str();
    let first = source(&loaded, "desk/1");
    let fields = first.overrides.as_ref().unwrap();
    assert_eq!(fields.title.as_deref(), Some(title));
    assert_eq!(fields.author.as_deref(), Some("Dan Murphy"));
    assert_eq!(fields.date.as_deref(), Some("2011-04-08"));
    let head = format!("{title}\n\nFrom: Dan Murphy <dan.murphy@news.example>\nTo: World Desk <desk@news.example>\nDate: 2011-04-08\nSubject: {title}\n\n");
    assert_eq!(first.text, format!("{head}{}\n\n{}\n\nFiled from Baghdad.", seed[2], seed[3]));

    let reply = source(&loaded, "desk/2");
    assert_eq!(reply.overrides.as_ref().unwrap().author.as_deref(), Some("World Desk"));
    assert!(reply.text.contains("\nCc: Copy Desk <copy@news.example>\n"), "{}", reply.text);

    // The attachment is listed with its size, and its text is not indexed.
    let third = source(&loaded, "desk/3");
    let attached = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("001"))
        .unwrap();
    let kb = std::fs::metadata(attached).unwrap().len().div_ceil(1024);
    assert!(third.text.contains(&format!("\nAttachments: alaei-interview.txt ({kb} KB)\n")), "{}", third.text);
    let gates = seed.iter().find(|l| l.starts_with("The raid came as Defense Secretary")).unwrap();
    assert!(third.text.ends_with(gates.as_str()), "the plain part, once: {}", third.text);
    assert!(!third.text.contains("Hossein Alaei"));

    // The three are one thread, in date order, each knowing its neighbours.
    let index = engine::Index::build_with(loaded.sources.clone(), &loaded.config);
    let n = |id: &str| index.doc_by_id(id).unwrap();
    for (i, id) in ["desk/1", "desk/2", "desk/3"].iter().enumerate() {
        let t = index.docs[n(id) as usize].meta.thread.unwrap_or_else(|| panic!("{id} in a thread"));
        assert_eq!((t.at, t.of), (i as u32 + 1, 3), "{id}");
        assert_eq!(t.previous, i.checked_sub(1).map(|j| n(["desk/1", "desk/2"][j])), "{id}");
        assert_eq!(t.next, ["desk/2", "desk/3"].get(i).map(|next| n(next)), "{id}");
    }
    assert_eq!(index.docs[n("newsletter") as usize].meta.thread, None, "a message alone is no thread");
    for id in ["desk/1", "desk/2", "desk/3", "newsletter"] {
        assert_eq!(index.docs[n(id) as usize].meta.kind, engine::index::Kind::Message, "{id} is a message, whatever its text reads like");
    }
    // corpus.toml declares the recipients a facet: each message's To header, a value per person.
    let to = index.facets().by_param("to").expect("corpus.toml declares `to`");
    assert_eq!(index.facets().label(to), "Recipient");
    let column = index.facet(to);
    let of = |id: &str| column.of(n(id)).iter().map(|&v| column.value(v).to_string()).collect::<Vec<_>>();
    assert_eq!(of("desk/1"), ["World Desk <desk@news.example>"]);
    assert_eq!(of("desk/2"), ["Dan Murphy <dan.murphy@news.example>"]);
    assert_eq!(of("scrape/1"), [engine::index::NONE], "a row has no recipient");
    assert!(!index.docs[n("desk/2") as usize].meta.fields.contains_key("cc"), "a field not declared is not kept");
    let found = engine::query::search(&index, "to:\"Copy Desk\"").hits.len();
    assert_eq!(found, 0, "`to:` reads the To field only (Copy Desk is in Cc)");
    assert_eq!(engine::query::search(&index, "to:murphy").hits.len(), 1);

    let seed0 = seed_lines("000");
    let html_only = source(&loaded, "newsletter");
    let fields = html_only.overrides.as_ref().unwrap();
    assert_eq!(fields.title.as_deref(), Some(seed0[0].as_str()));
    assert_eq!(fields.date.as_deref(), Some("2011-04-12"), "the day as written (+0430), not moved to UTC");
    let paragraphs: Vec<&str> = html_only.text.split("\n\n").collect();
    assert_eq!(paragraphs.last().copied(), Some(seed0[7].as_str()), "the HTML part read as a page: {}", html_only.text);
}

/// Seeds 002 and 004 as the chapters of a pandoc EPUB.
#[test]
fn a_book_is_its_chapters_in_reading_order() {
    let loaded = loaded();
    let book = source(&loaded, "press-book");
    let fields = book.overrides.as_ref().unwrap();
    assert_eq!(fields.title.as_deref(), Some("Camp Ashraf press, 2010–2011"), "make.py's title");
    assert_eq!(fields.author.as_deref(), Some("World Desk"));
    assert_eq!(fields.date.as_deref(), Some("2011-11-05"));
    assert_eq!(fields.kind, Some(engine::index::Kind::Book));
    let paragraphs: Vec<&str> = book.text.split("\n\n").collect();
    let mut at = 0;
    let mut titles = Vec::new();
    for prefix in ["002", "004"] {
        let seed = seed_lines(prefix);
        let seed: Vec<&str> = seed.iter().map(String::as_str).filter(|l| !l.contains('»')).collect();
        let end = seed.iter().position(|l| l.starts_with("By ") || *l == "You may also like").unwrap_or(seed.len());
        let start = at + paragraphs[at..].iter().position(|p| *p == seed[0]).unwrap_or_else(|| panic!("chapter {prefix}'s title in {paragraphs:?}"));
        assert_eq!(&paragraphs[start + 1..start + end], &seed[1..end], "chapter {prefix}, every paragraph in order");
        at = start + end;
        titles.push((1, seed[0].to_string()));
    }
    assert_eq!(at, paragraphs.len(), "nothing after the last chapter");
    // Each chapter's title is a heading of the top level, where the chapter starts.
    let headings: Vec<(u8, String)> = book.headings.iter().map(|h| (h.level, book.text[h.at as usize..h.end as usize].to_string())).collect();
    assert_eq!(headings, titles, "the chapters' titles, in order, as headings");
}

/// Seed 004 as a pandoc Word file, its numbered references as footnotes.
#[test]
fn a_word_file_is_its_paragraphs_with_its_footnotes_as_references() {
    let loaded = loaded();
    let word = source(&loaded, "mko-failure");
    let seed = seed_lines("004");
    let first_note = seed.iter().position(|l| l.starts_with("[1] ")).unwrap();
    let by = seed.iter().position(|l| l.starts_with("By ")).unwrap();
    // A note runs over several lines in the seed: one line each here, `[N] text`.
    let mut notes: Vec<String> = Vec::new();
    for l in &seed[first_note..by] {
        if l.starts_with('[') && l[1..].split_once("] ").is_some_and(|(n, _)| n.parse::<u32>().is_ok()) {
            notes.push(l.clone());
        } else {
            notes.last_mut().unwrap().push_str(&format!(" {l}"));
        }
    }
    // pandoc's title block (title, author, date: make.py's) heads the body, as Word shows it.
    let author = &seed[by][3..];
    let expected = format!("{}\n\n{author}\n\n2010-12-21\n\n{}\n\n{}", seed[1], seed[2..first_note].join("\n\n"), notes.join("\n"));
    assert_eq!(word.text, expected, "title block, every paragraph with its [N] where the seed has it, then the notes");
    let fields = word.overrides.as_ref().unwrap();
    assert_eq!(fields.title.as_deref(), Some(seed[1].as_str()));
    assert_eq!(fields.author.as_deref(), Some(author));
    // The date is the file's own (`dcterms:created`), read here from the file itself.
    let bytes = std::fs::read(root().join("tests/fixtures/formats/mko-failure.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core).unwrap();
    let created = core.split("dcterms:created").nth(1).and_then(|t| t.split('>').nth(1)).map(|t| &t[..10]).unwrap();
    assert_eq!(fields.date.as_deref(), Some(created));
    // The notes are the document's references: the reader shows them apart.
    let index = engine::Index::build_with(loaded.sources.clone(), &loaded.config);
    let meta = &index.docs[index.doc_by_id("mko-failure").unwrap() as usize].meta;
    let (from, _) = meta.references.expect("the notes are found as references");
    assert!(word.text[from as usize..].starts_with(notes[0].as_str()));
}

/// Seeds 001, 003 and 004 as a briefing by section (make.py's `briefing`),
/// written by pandoc as a page and as a Word file from its Markdown, and that
/// Markdown: each keeps its
/// breadcrumb sections and the articles' titles as headings, in order, one
/// level apart, on their own lines of the text.
#[test]
fn a_page_a_word_file_and_markdown_keep_their_headings() {
    let loaded = read_dir(&root().join("tests/fixtures/structure")).expect("the structure fixtures read");
    let mut expected: Vec<(String, Vec<String>)> = Vec::new();
    for prefix in ["001", "003", "004"] {
        let seed = seed_lines(prefix);
        let section = seed[0].split('»').nth(1).unwrap().trim().to_string();
        match expected.iter_mut().find(|(s, _)| *s == section) {
            Some((_, titles)) => titles.push(seed[1].clone()),
            None => expected.push((section, vec![seed[1].clone()])),
        }
    }
    for id in ["briefing-page", "briefing-word", "briefing-notes"] {
        let doc = source(&loaded, id);
        let found: Vec<(u8, &str)> = doc.headings.iter().map(|h| (h.level, &doc.text[h.at as usize..h.end as usize])).collect();
        assert!(!found.is_empty(), "{id}: no heading found");
        let (top, below) = (found[0].0, found[0].0 + 1);
        let wanted: Vec<(u8, &str)> =
            expected.iter().flat_map(|(section, titles)| std::iter::once((top, section.as_str())).chain(titles.iter().map(|t| (below, t.as_str())))).collect();
        assert_eq!(found, wanted, "{id}: the sections, each with its articles' titles below it");
        for h in &doc.headings {
            let (at, end) = (h.at as usize, h.end as usize);
            assert!(doc.text[..at].ends_with("\n\n") && doc.text[end..].starts_with("\n\n"), "{id}: a heading is a line of its own");
        }
        assert!(!found.iter().any(|(_, words)| *words == "Weekly briefing, April 2011"), "{id}: the title is the document's, not one of its headings");
    }
}

/// Seed 001 printed to PDF by LibreOffice (from pandoc's Word file).
#[test]
fn a_pdf_is_its_text_layer_with_its_pages() {
    let loaded = loaded();
    let pdf = source(&loaded, "alaei-interview");
    let seed = seed_lines("001");
    let fields = pdf.overrides.as_ref().unwrap();
    assert_eq!(fields.title.as_deref(), Some(seed[1].as_str()), "the document information's title");
    assert_eq!(fields.author.as_deref(), Some("Hossein Alaei"), "make.py's author");
    // Every word of the interview, in order (line and page breaks as spaces).
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = seed.iter().position(|l| l == "You may also like").unwrap();
    let interview = words(&seed[2..end].join(" "));
    let text = words(&pdf.text);
    assert!(text.starts_with(&seed[1]) && text.ends_with(&interview), "{text}");
    // Pages: each start is in the text, after a blank line, and the pages cover it in order.
    assert!(!pdf.pages.is_empty(), "a six-kilobyte interview fills more than one page");
    let mut previous = 0;
    for &start in &pdf.pages {
        let at = start as usize;
        assert!(at > previous && pdf.text.is_char_boundary(at) && pdf.text[..at].ends_with("\n\n"), "page start {at}");
        previous = at;
    }
}

#[test]
fn every_file_is_read_or_said() {
    let loaded = loaded();
    let said: Vec<String> = loaded.notices.iter().map(|n| format!("{}: {}", n.path.file_name().unwrap().to_string_lossy(), n.message)).collect();
    assert_eq!(
        said,
        [
            "feed.jsonl: one document per row, text from `body` (the column with the most words), title from `headline`; set [table] in corpus.toml to choose",
            "scrape.csv: one document per row, text from `body` (the column with the most words), title from `headline`, author from `byline`, section from `section`; set [table] in corpus.toml to choose",
        ]
    );
    // The script that writes the fixtures is no document: passed over, and said.
    assert_eq!(loaded.passed_over, std::collections::BTreeMap::from([(".py".to_string(), 1)]));
    assert!(
        loaded.summary().ends_with(
            "; 1 file(s) of other kinds passed over (.py ×1; read: .txt, .md, .html, .htm, .csv, .tsv, .jsonl, .json, .eml, .mbox, .epub, .pdf, .docx)"
        ),
        "{}",
        loaded.summary()
    );
    let mut ids: Vec<&str> = loaded.sources.iter().map(|s| s.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "alaei-interview",
            "desk/1",
            "desk/2",
            "desk/3",
            "feed/1",
            "mko-failure",
            "newsletter",
            "pandoc-interview",
            "press-book",
            "saved-news-page",
            "scrape/1",
            "scrape/2"
        ]
    );
}

/// A Markdown README often opens with badges or a label, not its title:
/// its title is then its first heading of the highest level (front matter's
/// title still wins), and a first line that is a heading is the title only.
#[test]
fn a_markdown_file_is_titled_by_its_first_heading_when_its_first_line_is_none() {
    let dir = std::env::temp_dir().join(format!("markdown-titles-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let badges = "[![Build Status](https://ci.example/badge.svg)](https://ci.example/builds)\n\n";
    std::fs::write(dir.join("readme.md"), format!("{badges}## Camp Ashraf archive\n\nNotes kept by the desk.\n\n### Sources\n\nThe seeds.\n")).unwrap();
    std::fs::write(dir.join("given.md"), format!("+++\ntitle = \"Given title\"\n+++\n{badges}# Camp Ashraf archive\n\nNotes.\n")).unwrap();
    std::fs::write(dir.join("plain.md"), "# Camp Ashraf notes\n\nNotes.\n\n## Sources\n\nThe seeds.\n").unwrap();
    let loaded = read_dir(&dir).unwrap();
    let index = engine::Index::build_with(loaded.sources.clone(), &loaded.config);
    let doc = |id: &str| &index.docs[index.doc_by_id(id).unwrap() as usize].meta;
    let heads = |id: &str| {
        let text = &source(&loaded, id).text;
        doc(id).headings.iter().map(|h| text[h.at as usize..h.end as usize].to_string()).collect::<Vec<_>>()
    };
    assert_eq!(doc("readme").title, "Camp Ashraf archive", "the first heading of the highest level, not the badges");
    assert_eq!(heads("readme"), ["Camp Ashraf archive", "Sources"]);
    assert_eq!(doc("given").title, "Given title");
    assert_eq!(doc("plain").title, "Camp Ashraf notes");
    assert_eq!(heads("plain"), ["Sources"], "the first line is the title, not a heading as well");
    let _ = std::fs::remove_dir_all(&dir);
}
