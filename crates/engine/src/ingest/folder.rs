//! Reading a corpus folder: every `.txt`, `.md`, `.html` or `.htm` file
//! below it is one document, its id the relative path without extension;
//! every table (`.csv`, `.tsv`, `.jsonl`, `.json`) is a document per row,
//! `FILE-ID/ROW-ID`; an `.eml` is one message, an `.mbox` a document per
//! message, `FILE-ID/N`; an `.epub` or a `.pdf` is one document. Nothing is lost silently:
//! each file is either read (maybe with a warning) or skipped with a reason.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8};

use super::config::{split_front_matter, CorpusConfig, Overrides};
use super::table::{self, Shape};
use super::{docx, epub, html, mail, pdf};

/// A document as read from disk, before indexing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    pub text: String,
    /// Fields set by the document's front matter (or its file's metadata).
    pub overrides: Option<Overrides>,
    /// Where each page after the first starts (byte offsets in `text`), for
    /// formats with pages (PDF); empty otherwise.
    pub pages: Vec<u32>,
    /// Its headings, in text order (pages, Word files, e-books, Markdown).
    pub headings: Vec<crate::index::Heading>,
    /// An e-mail's `Message-ID` and the one it answers, for threads.
    pub message: Option<mail::MessageIds>,
    /// The file it was read from, relative to the corpus folder with `/`
    /// between folders; set when `corpus.toml` asks for `copy_originals`.
    pub original: Option<String>,
}

impl Source {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Source {
        Source { id: id.into(), text: text.into(), overrides: None, pages: Vec::new(), headings: Vec::new(), message: None, original: None }
    }

    /// A document with the fields its file gave (a page's, a row's, a
    /// message's, a book's, a PDF's).
    pub fn given(id: impl Into<String>, text: impl Into<String>, fields: Overrides) -> Source {
        Source { overrides: Some(fields), ..Source::new(id, text) }
    }
}

/// What happened to one file that was not read cleanly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub path: PathBuf,
    pub message: String,
    /// `true`: the file was skipped; `false`: read, with a warning.
    pub skipped: bool,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.skipped { "skipped" } else { "warning" };
        write!(f, "{what}: {}: {}", self.path.display(), self.message)
    }
}

#[derive(Debug, Default)]
pub struct Loaded {
    /// The documents (none when they were read as the index was built, [`Reader`]).
    pub sources: Vec<Source>,
    /// How many documents were read.
    pub documents: usize,
    pub notices: Vec<Notice>,
    /// `corpus.toml`, or the default when there is none.
    pub config: CorpusConfig,
    /// Files of kinds not read here, counted by extension (`.odt`, `.js`,
    /// `(none)`): passed over, but said, so nothing goes missing unseen.
    pub passed_over: std::collections::BTreeMap<String, usize>,
}

pub const CONFIG_FILE: &str = "corpus.toml";

/// The kinds of file a corpus folder is read from, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// `.txt`, `.md`: the text as it is, front matter first if any.
    Text,
    /// `.html`, `.htm`: the article in a saved page ([`super::html`]).
    Html,
    /// `.csv`, `.tsv`, `.jsonl`, `.json`: a document per row ([`super::table`]).
    Table(Shape),
    /// `.eml`: one e-mail message ([`super::mail`]).
    Mail,
    /// `.mbox`: a mailbox, a document per message.
    Mailbox,
    /// `.epub`: an e-book, one document ([`super::epub`]).
    Epub,
    /// `.pdf`: the text layer, one document with its pages ([`super::pdf`]).
    Pdf,
    /// `.docx`: a Word file, one document ([`super::docx`]).
    Docx,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Table(Shape::Csv) => "csv",
            Format::Table(Shape::Tsv) => "tsv",
            Format::Table(Shape::JsonLines) => "jsonl",
            Format::Table(Shape::JsonArray) => "json",
            Format::Mail => "eml",
            Format::Mailbox => "mbox",
            Format::Epub => "epub",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    pub fn of(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "csv" => Some(Format::Table(Shape::Csv)),
            "tsv" | "tab" => Some(Format::Table(Shape::Tsv)),
            "jsonl" | "ndjson" => Some(Format::Table(Shape::JsonLines)),
            "json" => Some(Format::Table(Shape::JsonArray)),
            "eml" => Some(Format::Mail),
            "mbox" => Some(Format::Mailbox),
            "epub" => Some(Format::Epub),
            "pdf" => Some(Format::Pdf),
            "docx" => Some(Format::Docx),
            _ => None,
        }
    }
}

/// The extensions read, for messages.
pub const READ: &str = ".txt, .md, .html, .htm, .csv, .tsv, .jsonl, .json, .eml, .mbox, .epub, .pdf, .docx";

/// What reading one file gave: its documents (one, or a table's rows, or
/// none), and what to say.
pub struct Read {
    pub path: PathBuf,
    pub sources: Vec<Source>,
    pub notices: Vec<Notice>,
}

/// Reads every document below `root`, sorted by id so builds are
/// reproducible; the files are read and extracted on every core. Fails only
/// when the folder cannot be read or `corpus.toml` is malformed (the message
/// names file, line and field), or when no file gives a document.
pub fn read_dir(root: &Path) -> Result<Loaded, String> {
    let mut reader = open_dir(root)?.reader();
    let sources = reader.by_ref().collect();
    let loaded = reader.finish()?;
    Ok(Loaded { sources, ..loaded })
}

/// A corpus folder with its files listed and its `corpus.toml` read, no
/// file read yet: read whole ([`read_dir`]) or as the index is built
/// ([`Folder::reader`]).
pub struct Folder {
    root: PathBuf,
    files: Vec<PathBuf>,
    loaded: Loaded,
}

/// Lists the files below `root` (sorted, so builds are reproducible) and
/// reads `corpus.toml`. Fails as [`read_dir`] does, but for finding no
/// document, which only reading tells.
pub fn open_dir(root: &Path) -> Result<Folder, String> {
    let mut files = Vec::new();
    let mut loaded = Loaded::default();
    let config_path = root.join(CONFIG_FILE);
    if config_path.exists() {
        let text = fs::read_to_string(&config_path).map_err(|e| format!("{}: unreadable ({e})", config_path.display()))?;
        loaded.config = CorpusConfig::parse(&text).map_err(|e| format!("{}:{}: {}", config_path.display(), e.line, e.message))?;
    }
    walk(root, &mut files, &mut loaded, &mut Vec::new()).map_err(|e| format!("{}: {e}", root.display()))?;
    files.sort();
    Ok(Folder { root: root.to_path_buf(), files, loaded })
}

impl Folder {
    /// `corpus.toml`, or the default when there is none.
    pub fn config(&self) -> &CorpusConfig {
        &self.loaded.config
    }

    /// Its documents, read as many files at a time as the build prepares
    /// documents at once (`pipeline::BATCH`), on every core, when the ones
    /// before are taken: the indexer builds from this, so a
    /// corpus's texts are never all in memory at once (299,202 documents'
    /// texts, read whole first, were 3.1 GB resident before indexing began,
    /// and 45 s in which nothing was indexed).
    pub fn reader(self) -> Reader {
        let Folder { root, files, loaded } = self;
        Reader { root, files: files.into_iter(), ready: Vec::new().into_iter(), ids: HashMap::new(), loaded }
    }
}

/// A folder's documents in order, read a batch of files at a time; what
/// reading said is kept for [`Reader::finish`].
pub struct Reader {
    root: PathBuf,
    files: std::vec::IntoIter<PathBuf>,
    ready: std::vec::IntoIter<Source>,
    /// Each id read so far, with its file: `a.txt` and `a.html` would both
    /// be document `a`, and the first (by path) keeps it.
    ids: HashMap<String, PathBuf>,
    loaded: Loaded,
}

impl Iterator for Reader {
    type Item = Source;

    fn next(&mut self) -> Option<Source> {
        use rayon::prelude::*;
        loop {
            if let Some(source) = self.ready.next() {
                self.loaded.documents += 1;
                return Some(source);
            }
            let batch: Vec<PathBuf> = self.files.by_ref().take(super::pipeline::BATCH).collect();
            if batch.is_empty() {
                return None;
            }
            let (root, config) = (&self.root, &self.loaded.config);
            let read: Vec<Read> = batch.into_par_iter().map(|path| read_file(root, path, config)).collect();
            let mut ready = Vec::new();
            for r in read {
                self.loaded.notices.extend(r.notices);
                for source in r.sources {
                    if let Some(first) = self.ids.get(&source.id) {
                        let first = first.strip_prefix(root).unwrap_or(first).display();
                        let message = format!("same id `{}` as {first} (an id is the path without its extension); rename one", source.id);
                        self.loaded.notices.push(Notice { path: r.path.clone(), message, skipped: true });
                        continue;
                    }
                    self.ids.insert(source.id.clone(), r.path.clone());
                    let original = config.copy_originals.then(|| original_path(r.path.strip_prefix(root).unwrap_or(&r.path)));
                    ready.push(Source { original, ..source });
                }
            }
            self.ready = ready.into_iter();
        }
    }
}

impl Reader {
    /// What reading the documents taken said (their count, the notices,
    /// the kinds passed over, `corpus.toml`), with no sources; fails when
    /// none was usable.
    pub fn finish(self) -> Result<Loaded, String> {
        if self.loaded.documents == 0 {
            let skipped = self.loaded.notices.iter().filter(|n| n.skipped).count();
            return Err(format!("{}: no usable document ({READ}); {skipped} file(s) skipped", self.root.display()));
        }
        Ok(self.loaded)
    }
}

/// Reads one file of a known [`Format`] into a document, or says why not.
pub fn read_file(root: &Path, path: PathBuf, config: &CorpusConfig) -> Read {
    let id = id_for(path.strip_prefix(root).unwrap_or(&path));
    let format = Format::of(&path).expect("walk keeps only files of a known format");
    let mut out = Read { path, sources: Vec::new(), notices: Vec::new() };
    let bytes = match fs::read(&out.path) {
        Ok(bytes) => bytes,
        Err(e) => return out.skip(format!("unreadable ({e})")),
    };
    match format {
        // Mail carries its charsets in its MIME headers, a book in its XML, a
        // PDF in its fonts: these are read from the bytes.
        Format::Mail => match mail::read(&bytes) {
            Ok(m) => {
                m.warnings.into_iter().for_each(|w| out.warn(w));
                out.sources.push(Source { message: m.ids, ..Source::given(id, m.text, m.fields) });
            }
            Err(reason) => return out.skip(reason),
        },
        Format::Mailbox => {
            for (n, m) in mail::read_mbox(&bytes).into_iter().enumerate() {
                match m {
                    Ok(m) => {
                        m.warnings.into_iter().for_each(|w| out.warn(format!("message {}: {w}", n + 1)));
                        out.sources.push(Source { message: m.ids, ..Source::given(format!("{id}/{}", n + 1), m.text, m.fields) });
                    }
                    Err(reason) => out.warn(format!("message {}: {reason}; left out", n + 1)),
                }
            }
            if out.sources.is_empty() {
                return out.skip("no message in the mailbox (an mbox starts each message with a `From ` line)".into());
            }
        }
        Format::Epub => match epub::read(&bytes) {
            Ok(book) => out.sources.push(Source { headings: book.headings, ..Source::given(id, book.text, book.fields) }),
            Err(reason) => return out.skip(reason),
        },
        Format::Docx => match docx::read(&bytes) {
            Ok(word) => out.sources.push(Source { headings: word.headings, ..Source::given(id, word.text, word.fields) }),
            Err(reason) => return out.skip(reason),
        },
        Format::Pdf => match pdf::read(&bytes) {
            Ok(p) => out.sources.push(Source { pages: p.pages, ..Source::given(id, p.text, p.fields) }),
            Err(reason) => return out.skip(reason),
        },
        Format::Text | Format::Html | Format::Table(_) => {
            let declared = if format == Format::Html { meta_charset(&bytes).or(config.encoding) } else { config.encoding };
            let text = match decode_with(&bytes, declared) {
                Ok((text, warning)) => {
                    warning.into_iter().for_each(|w| out.warn(w));
                    text
                }
                Err(reason) => return out.skip(reason),
            };
            match format {
                Format::Html => match html::read(&text) {
                    Ok(page) => {
                        page.warning.into_iter().for_each(|w| out.warn(w));
                        out.sources.push(Source { headings: page.headings, ..Source::given(id, page.text, page.fields) });
                    }
                    Err(reason) => return out.skip(reason),
                },
                Format::Table(shape) => match table::read(&text, shape, &config.table) {
                    Ok(t) => {
                        t.warnings.into_iter().for_each(|w| out.warn(w));
                        out.sources.extend(t.rows.into_iter().map(|row| Source::given(format!("{id}/{}", row.id), row.text, row.fields)));
                    }
                    Err(reason) => return out.skip(reason),
                },
                _ => {
                    let (front, body) = split_front_matter(&text);
                    let overrides = match front {
                        Some(Ok(o)) => Some(o),
                        Some(Err(e)) => {
                            out.warn(format!("front matter line {}: {}; ignored, the text is kept whole", e.line, e.message));
                            None
                        }
                        None => None,
                    };
                    // Markdown's headings, their marks dropped, and the title they give.
                    let markdown = out.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
                    let (body, headings, overrides) = if markdown {
                        let given = overrides.as_ref().and_then(|o| o.title.as_deref());
                        let (text, headings, title) = super::structure::markdown_document(body, given);
                        let mut overrides = overrides;
                        if title.is_some() {
                            overrides.get_or_insert_with(Overrides::default).title = title;
                        }
                        (text, headings, overrides)
                    } else {
                        (body.to_string(), Vec::new(), overrides)
                    };
                    out.sources.push(Source { overrides, headings, ..Source::new(id, body) });
                }
            }
        }
    }
    out
}

impl Read {
    /// Says something about the file, which is still read.
    fn warn(&mut self, message: String) {
        self.notices.push(Notice { path: self.path.clone(), message, skipped: false });
    }

    /// Gives the file up, saying why (what it gave so far is dropped).
    fn skip(mut self, message: String) -> Read {
        self.sources.clear();
        self.notices.push(Notice { path: self.path.clone(), message, skipped: true });
        self
    }
}

/// The encoding a page declares in its first 1,024 bytes
/// (`<meta charset=…>` or `content="…; charset=…"`), as browsers prescan.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let at = lower.windows(8).position(|w| w == b"charset=")? + 8;
    let label: Vec<u8> =
        lower[at..].iter().copied().skip_while(|b| *b == b'"' || *b == b'\'').take_while(|b| b.is_ascii_alphanumeric() || b"-_:.".contains(b)).collect();
    Encoding::for_label(&label)
}

impl Loaded {
    /// One line for the build log: indexed, skipped, warnings.
    pub fn summary(&self) -> String {
        let skipped = self.notices.iter().filter(|n| n.skipped).count();
        let mut line = format!("{} documents indexed, {skipped} skipped, {} warnings", self.documents, self.notices.len() - skipped);
        if !self.passed_over.is_empty() {
            let kinds: Vec<String> = self.passed_over.iter().map(|(kind, n)| format!("{kind} ×{n}")).collect();
            let files: usize = self.passed_over.values().sum();
            line.push_str(&format!("; {files} file(s) of other kinds passed over ({}; read: {READ})", kinds.join(", ")));
        }
        line
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, loaded: &mut Loaded, seen: &mut Vec<PathBuf>) -> std::io::Result<()> {
    // Following a symlinked folder that leads back up would loop: remember where we were.
    let canonical = fs::canonicalize(dir)?;
    if seen.contains(&canonical) {
        loaded.notices.push(Notice { path: dir.to_path_buf(), message: "folder already read (link loop)".into(), skipped: true });
        return Ok(());
    }
    seen.push(canonical);
    let mut entries: Vec<_> = fs::read_dir(dir)?.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        match fs::metadata(&path) {
            Err(e) => loaded.notices.push(Notice { path, message: format!("unreadable ({e})"), skipped: true }),
            Ok(m) if m.is_dir() => walk(&path, out, loaded, seen)?,
            Ok(_) if Format::of(&path).is_some() => out.push(path),
            Ok(_) if name == CONFIG_FILE => {}
            Ok(_) => {
                let kind = path.extension().map_or_else(|| "(none)".to_string(), |e| format!(".{}", e.to_string_lossy().to_lowercase()));
                *loaded.passed_over.entry(kind).or_default() += 1;
            }
        }
    }
    Ok(())
}

/// A file's path relative to the corpus folder, `/` between folders: where
/// its copy goes under `originals/`.
fn original_path(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn id_for(rel: &Path) -> String {
    let without_ext = rel.with_extension("");
    without_ext.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// Bytes → text with normalised line endings, for a corpus that declares no
/// encoding. See [`decode_with`].
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    decode_with(bytes, None)
}

/// Bytes → text with normalised line endings, by the WHATWG decoders
/// browsers use (`encoding_rs`):
/// - a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides;
/// - then valid UTF-8 is UTF-8;
/// - then the corpus's `encoding` from `corpus.toml`, when it sets one;
/// - else Firefox's detector (`chardetng`) guesses from the bytes.
///
/// Anything but plain UTF-8 comes with a warning that names the encoding
/// (and what was replaced), so a wrong guess is seen and can be corrected in
/// `corpus.toml`. NUL bytes outside UTF-16 mean a binary file, skipped,
/// unless they are a stray few ([`is_binary`]), dropped with a warning.
pub fn decode_with(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<(String, Option<String>), String> {
    let (text, warning) = match Encoding::for_bom(bytes) {
        Some((encoding, bom)) => {
            let (text, bad) = encoding.decode_without_bom_handling(&bytes[bom..]);
            let warning = (encoding != UTF_8 || bad).then(|| format!("{} (byte-order mark){}", encoding.name(), replaced(bad)));
            (text.into_owned(), warning)
        }
        None if bytes.contains(&0) && is_binary(bytes) => {
            return Err("contains NUL bytes: binary, not text (UTF-16 is read when it starts with a byte-order mark)".into())
        }
        None if bytes.contains(&0) => {
            let nuls = bytes.iter().filter(|&&b| b == 0).count();
            let kept: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
            let (text, warning) = decode_with(&kept, declared)?;
            let dropped = format!("{nuls} stray NUL byte{} dropped", if nuls == 1 { "" } else { "s" });
            return Ok((text, Some(warning.map_or(dropped.clone(), |w| format!("{dropped}; {w}")))));
        }
        None => match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), None),
            Err(e) => {
                let (encoding, how) = match declared {
                    Some(encoding) => (encoding, "as corpus.toml's `encoding` says"),
                    None => {
                        let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
                        detector.feed(bytes, true);
                        (detector.guess(None, Utf8Detection::Deny), "as detected; set `encoding` in corpus.toml if that is wrong")
                    }
                };
                let (text, bad) = encoding.decode_without_bom_handling(bytes);
                let warning = format!("not UTF-8 (first bad byte at {}): decoded as {}, {how}{}", e.valid_up_to(), encoding.name(), replaced(bad));
                (text.into_owned(), Some(warning))
            }
        },
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if text.trim().is_empty() {
        return Err("empty (no text)".into());
    }
    Ok((text, warning))
}

/// NUL bytes in a file without a byte-order mark: a stray one or two (a
/// copy gone wrong, an editor's slip) are dropped; more than one per 4 KiB,
/// or two in a row (UTF-16 without its mark, images, archives, programs),
/// mean the file is not text.
fn is_binary(bytes: &[u8]) -> bool {
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    nuls > bytes.len() / 4096 + 1 || bytes.windows(2).any(|w| w == [0, 0])
}

/// The end of a decoding warning: whether bytes had to be replaced.
fn replaced(bad: bool) -> &'static str {
    if bad {
        "; bytes that are not valid there became U+FFFD"
    } else {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_cases() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi\r\nthere\rnow").unwrap(), ("hi\nthere\nnow".into(), None));
        let (text, warn) = decode(b"caf\xE9 \x93quoted\x94").unwrap();
        assert_eq!(text, "café “quoted”");
        assert!(warn.unwrap().contains("windows-1252"));
        assert!(decode(b"  \n\t").unwrap_err().contains("empty"));
        // One stray NUL is dropped and said; NULs in pairs or in numbers are a binary file.
        assert_eq!(decode(b"Camp\0 Ashraf").unwrap(), ("Camp Ashraf".into(), Some("1 stray NUL byte dropped".into())));
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err().contains("NUL"));
        assert!(decode(b"a\0b\0c\0d").unwrap_err().contains("NUL"));
    }

    #[test]
    fn a_page_declares_its_encoding_in_its_head() {
        assert_eq!(meta_charset(b"<html><head><meta charset=\"windows-1251\">"), Encoding::for_label(b"windows-1251"));
        assert_eq!(meta_charset(b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>"), Encoding::for_label(b"latin1"));
        assert_eq!(meta_charset(b"<meta charset=nonsense>"), None);
        let late = format!("{}<meta charset=koi8-r>", " ".repeat(1024));
        assert_eq!(meta_charset(late.as_bytes()), None);
    }

    /// The bytes are Python's `str.encode('koi8-r')`: an encoder that is not ours.
    const KOI8_R: &[u8] = b"\xEC\xC1\xC7\xC5\xD2\xD8\x20\xE1\xDB\xD2\xC1\xC6\x2C\x20\xD0\xD2\xCF\xD7\xC9\xCE\xC3\xC9\xD1\x20\xE4\xC9\xD1\xCC\xC1\x2E";

    #[test]
    fn a_declared_encoding_reads_what_is_not_utf8_and_nothing_else() {
        let koi8 = Encoding::for_label(b"koi8-r");
        let (text, warning) = decode_with(KOI8_R, koi8).unwrap();
        assert_eq!(text, "Лагерь Ашраф, провинция Дияла.");
        assert!(warning.unwrap().contains("KOI8-R, as corpus.toml's `encoding` says"));
        // Valid UTF-8 and a byte-order mark win over the declaration.
        assert_eq!(decode_with("Ашраф".as_bytes(), koi8).unwrap(), ("Ашраф".into(), None));
        let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain("Ашраф".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode_with(&utf16, koi8).unwrap().0, "Ашраф");
    }

    #[test]
    fn a_bad_byte_under_a_byte_order_mark_is_replaced_and_said() {
        // UTF-16LE with a lone high surrogate (0xD800) in the middle.
        let (text, warning) = decode(b"\xFF\xFEa\x00\x00\xD8b\x00").unwrap();
        assert_eq!(text, "a\u{FFFD}b");
        assert!(warning.unwrap().contains("U+FFFD"));
    }

    #[test]
    fn reads_nested_folders_with_ids() {
        let dir = std::env::temp_dir().join(format!("engine-corpus-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("a/b/c")).unwrap();
        fs::write(dir.join("a/b/c/deep.md"), "Deep\n").unwrap();
        fs::write(dir.join("top.txt"), "Top\n").unwrap();
        fs::write(dir.join("empty.txt"), "").unwrap();
        fs::write(dir.join("image.png"), "not a document").unwrap();
        fs::write(dir.join("front.md"), "+++\nauthor = \"A B\"\n+++\nFront\n").unwrap();
        let loaded = read_dir(&dir).unwrap();
        let ids: Vec<&str> = loaded.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a/b/c/deep", "front", "top"]);
        assert_eq!(loaded.sources[1].text, "Front\n");
        assert_eq!(loaded.sources[1].overrides.as_ref().unwrap().author.as_deref(), Some("A B"));
        assert_eq!(loaded.notices.len(), 1);
        assert!(loaded.notices[0].to_string().contains("empty.txt: empty"));
        fs::write(dir.join("corpus.toml"), "[documents.top]\nauthor = 7\n").unwrap();
        let err = read_dir(&dir).unwrap_err();
        assert!(err.contains("corpus.toml:2:") && err.contains("string"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_read_as_it_is_taken_gives_its_documents_in_order_and_says_the_same() {
        let dir = std::env::temp_dir().join(format!("engine-reader-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        // One more file than a batch before two of the same id, which fall
        // in two batches (`e.html` last in the first, `e.txt` first in the second).
        let batch = super::super::pipeline::BATCH;
        for i in 0..batch - 1 {
            fs::write(dir.join(format!("d{i:04}.txt")), format!("Document {i}\n")).unwrap();
        }
        fs::write(dir.join("e.html"), "<html><body><p>The page of e.</p></body></html>").unwrap();
        fs::write(dir.join("e.txt"), "The text of e.\n").unwrap();
        fs::write(dir.join("f.txt"), "").unwrap();
        let mut reader = open_dir(&dir).unwrap().reader();
        let mut ids = Vec::new();
        let first = reader.next().expect("a document");
        assert_eq!((first.id.as_str(), first.text.as_str()), ("d0000", "Document 0\n"));
        ids.push(first.id);
        ids.extend(reader.by_ref().map(|s| s.id));
        let loaded = reader.finish().unwrap();
        let mut expected: Vec<String> = (0..batch - 1).map(|i| format!("d{i:04}")).collect();
        expected.push("e".into());
        assert_eq!(ids, expected, "every file once, in order; the second `e` left out");
        assert_eq!(loaded.documents, batch);
        let said: Vec<String> = loaded.notices.iter().map(|n| n.to_string()).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("e.txt") && said[0].contains("same id `e`"), "{said:?}");
        assert!(said[1].contains("f.txt: empty"), "{said:?}");
        assert!(loaded.summary().starts_with(&format!("{batch} documents indexed, 2 skipped")), "{}", loaded.summary());
        // The same as reading the folder whole.
        let whole = read_dir(&dir).unwrap();
        assert_eq!(whole.sources.iter().map(|s| s.id.clone()).collect::<Vec<_>>(), ids);
        assert_eq!((whole.documents, whole.notices), (loaded.documents, loaded.notices));
        // A folder with no usable document says so once it is read.
        let empty = dir.join("empty");
        fs::create_dir_all(&empty).unwrap();
        fs::write(empty.join("blank.txt"), " \n").unwrap();
        let mut reader = open_dir(&empty).unwrap().reader();
        assert!(reader.next().is_none());
        let err = reader.finish().unwrap_err();
        assert!(err.contains("no usable document") && err.contains("1 file(s) skipped"), "{err}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
