//! The files beside the page that the index names and the page fetches as
//! it needs them: the documents' texts in chunks, and, for a sharded index,
//! the fragments that hold its postings lists.
//!
//! The index answers searches without the texts (`engine::index::texts`); a
//! view that shows a text asks for it here, and the chunk file that holds it
//! (under `texts/`) is fetched and kept, up to [`engine::index::KEEP_TEXT_BYTES`]
//! of them: past that, as one comes, those read longest ago are let go
//! ([`Files::let_go`]; fragments likewise) and fetched again if a view
//! shows one of their texts again. A sharded index
//! (`engine::index::fragments`) answers without a fragment as if its lists
//! were empty and says which fragments it lacked; the search asks for them
//! here (under `fragments/`) and is asked again when they have come. Until
//! then a view draws what it can (a title, a "Loading the text…" line, the
//! last whole answer) and is drawn again when they come: asking tracks
//! [`Files::arrived`], so the memos and views that waited re-run, as they
//! would for any other signal.
//!
//! A small corpus's texts travel inside the index, and a small index is read
//! whole, so nothing is fetched. The single-file page has nothing beside it
//! to fetch: it carries every texts chunk in one pack
//! (`window.__explorerTexts`) and every fragment in another
//! (`window.__explorerFragments`), read when the corpus is decoded.

use std::sync::Mutex;

use engine::Index;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// The number [`Files::question`] gives the first question the page
/// answers: the one its address asks.
const OPENING: u64 = 1;

/// Hits whose texts [`Files::ahead`] fetches before the app is drawn: the
/// first, the one hit sure to be on screen. The list asks for the others
/// its window shows once it is laid out (a 1280 × 720 window shows four, a
/// phone's two), and no text off the screen is fetched first.
const AHEAD_TEXTS: usize = 1;

/// Where one file stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    NotAsked,
    /// Asked for while the page answered question number `.0`, its request
    /// not sent yet ([`Files::send`]).
    Asked(u64),
    Coming,
    Here,
    Failed,
}

/// What a file holds.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// A chunk of documents' texts (its number in the index's texts).
    Texts(usize),
    /// A fragment of the index's lists (its number in the index's fragments).
    Lists(usize),
}

impl Kind {
    fn group(self) -> usize {
        match self {
            Kind::Texts(_) => 0,
            Kind::Lists(_) => 1,
        }
    }
}

/// How the downloads of one kind of file stand, for the progress line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files asked for since the last time none was on its way (one batch:
    /// a page of hits, a concordance).
    pub batch: usize,
    /// Files asked for whose bytes are on their way.
    pub coming: usize,
    /// The last failure, said in words, until a retry.
    pub failed: Option<String>,
}

pub struct Files {
    index: &'static Index,
    /// Every texts chunk in order, then every fragment in order.
    /// How many texts files the index names: files `0..texts` are texts,
    /// the rest the fragments. A file's name and size are read from the
    /// index when it is fetched, not kept: 14,414 names at 31,830 documents
    /// were as many `String`s made at start-up.
    texts: usize,
    /// (A `Mutex` only because context values must be `Sync`: the page has one thread.)
    states: Mutex<Vec<State>>,
    /// Notified each time a file comes (or a retry clears failures).
    arrived: ArcTrigger,
    /// The texts' progress, then the lists'.
    progress: [ArcRwSignal<Progress>; 2],
    /// Those awaiting a load, woken as files come.
    waiters: Mutex<Vec<futures_channel::oneshot::Sender<()>>>,
    /// Whether a notification is due at the next frame: files that come
    /// together (the ten hits of a first answer) draw the views once.
    due: Mutex<bool>,
    /// How many questions the page has answered ([`Files::question`]), and the last one.
    question: Mutex<(u64, Option<engine::service::Question>)>,
    /// Whether the page has drawn its first frame: until then files are
    /// requested at once ([`Files::ask`]).
    drawn: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Whether the task running asked a new question (a keystroke's): only
    /// the files asked for in it wait for the next frame ([`Files::ask`]).
    asking: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Files asked for whose requests go out after the next frame.
    asked: Mutex<Vec<usize>>,
    /// Requests sent and not answered yet (counted as they go out; the
    /// progress signals are told a task later).
    on_way: std::sync::atomic::AtomicUsize,
    /// Whether some files are beside the page, fetched as they are needed
    /// (not inside the index, nor in the single file's packs).
    apart: bool,
    /// Bytes of texts files and of fragments kept once read
    /// ([`Index::let_go_texts`], [`Index::let_go`]); no limit to fragments
    /// once an analysis has read the whole index, which it reads again as
    /// it is asked.
    keep: Mutex<(usize, Option<usize>)>,
    /// The index's read clock when the oldest question that may still wait
    /// for fragments was asked: what was read (or came) since stays when files go.
    mark: std::sync::atomic::AtomicU64,
}

impl Files {
    /// The loader for `index`'s files; the single-file page's packs, if the page has them, are read at once.
    pub fn new(index: &'static Index) -> Result<Files, String> {
        let pack = |name: &str| {
            let value = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str(name)).ok());
            value.and_then(|p| p.dyn_into::<js_sys::Uint8Array>().ok()).map(|p| p.to_vec())
        };
        if let Some(pack) = pack("__explorerTexts") {
            index.texts().fill_pack(&pack).map_err(|e| e.to_string())?;
        }
        if let Some(pack) = pack("__explorerFragments") {
            fill_fragments(index, &pack)?;
        }
        let texts = index.texts().chunks().len();
        let drawn = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let first_frame = drawn.clone();
        request_animation_frame(move || first_frame.store(true, std::sync::atomic::Ordering::Relaxed));
        let mut files = Files {
            index,
            texts,
            apart: false,
            states: Mutex::new(Vec::new()),
            arrived: ArcTrigger::new(),
            progress: Default::default(),
            waiters: Mutex::new(Vec::new()),
            due: Mutex::new(false),
            question: Mutex::new((0, None)),
            drawn,
            asking: Default::default(),
            asked: Mutex::new(Vec::new()),
            on_way: std::sync::atomic::AtomicUsize::new(0),
            keep: Mutex::new(kept_bytes()),
            mark: std::sync::atomic::AtomicU64::new(0),
        };
        let states: Vec<State> = (0..files.count()).map(|n| if files.here(n) { State::Here } else { State::NotAsked }).collect();
        files.apart = states.contains(&State::NotAsked);
        files.states = Mutex::new(states);
        Ok(files)
    }

    /// Whether some files are beside the page, fetched as they are needed
    /// (so keeping the corpus offline means keeping those files).
    pub fn apart(&self) -> bool {
        self.apart
    }

    /// Document `doc`'s text; `None` while its chunk is on its way (asked
    /// for here, and the caller drawn again when it comes).
    pub fn text(&'static self, doc: u32) -> Option<engine::index::TextRef> {
        let text = self.index.text(doc);
        if text.is_none() {
            self.ready(&[doc]);
        }
        text
    }

    /// Document `doc`'s text, asked for only once no file is on its way:
    /// for what is drawn off the screen (the list's hits the window does
    /// not show), whose texts would otherwise share the connections with
    /// those on screen (over HTTP/1.1's six, the first answer on 31,830
    /// documents asked for 20 texts files at once, then 8 for the first
    /// screen's hits, of which a 1280 × 720 window shows 4). The caller is
    /// drawn again when the files on their way have come, and asks then.
    pub fn text_when_idle(&'static self, doc: u32) -> Option<engine::index::TextRef> {
        let text = self.index.text(doc);
        if text.is_none() {
            if self.busy() {
                self.arrived.track();
            } else {
                self.ready(&[doc]);
            }
        }
        text
    }

    /// Whether a file is asked for or on its way (one whose request went
    /// out in this very task counts, though its progress is not told until
    /// the task after).
    pub fn busy(&self) -> bool {
        self.on_way.load(std::sync::atomic::Ordering::Relaxed) > 0 || !self.asked.lock().expect("one thread").is_empty()
    }

    /// Whether a fragment of the index is asked for or on its way.
    fn fragments_busy(&self) -> bool {
        self.states.lock().expect("one thread")[self.texts..].iter().any(|s| matches!(s, State::Asked(_) | State::Coming))
    }

    /// Whether every text of `docs` is here; the missing ones are asked for,
    /// and the caller is drawn again as they come.
    pub fn ready(&'static self, docs: &[u32]) -> bool {
        let texts = self.index.texts();
        let missing: Vec<usize> = docs.iter().filter(|&&d| self.index.text(d).is_none()).filter_map(|&d| texts.chunk_of(d)).collect();
        self.have(missing)
    }

    /// Whether the index's fragments numbered `fragments` are here (those an
    /// answer lacked); the missing ones are asked for, and the caller is
    /// drawn again as they come.
    pub fn lists(&'static self, fragments: &[usize]) -> bool {
        let first = self.index.texts().chunks().len();
        self.have(fragments.iter().map(|&i| first + i).collect())
    }

    /// What `read` (a search of the page's own beside the answer, e.g. a
    /// trend's terms) gives, if it found every list it read; else `None`,
    /// the fragments it lacked asked for and the caller drawn again when
    /// they come (as [`engine::service::answer`] says of an answer).
    pub fn read_whole<T>(&'static self, read: impl FnOnce() -> T) -> Option<T> {
        let before = self.index.fragment_misses();
        let out = read();
        let (missing, after) = self.index.fragments_missed_since(before);
        if after == before {
            return Some(out);
        }
        self.lists(&missing);
        None
    }

    /// Whether the whole index is here, for the analyses that read every
    /// list (the overview's vocabulary, collocates, keyness, n-grams); the
    /// missing fragments are asked for, and the caller drawn again as they
    /// come. At once for an index read whole.
    pub fn whole_index(&'static self) -> bool {
        self.keep.lock().expect("one thread").1 = None;
        let first = self.index.texts().chunks().len();
        self.have((first..self.count()).collect())
    }

    /// How many of the index's fragments are here, and of how many (tracked).
    pub fn index_parts(&self) -> (usize, usize) {
        self.arrived.track();
        let first = self.index.texts().chunks().len();
        let states = self.states.lock().expect("one thread");
        (states[first..].iter().filter(|&&s| s == State::Here).count(), states.len() - first)
    }

    /// Whether files `numbers` are here; the missing ones asked for, and the
    /// caller tracking their arrival.
    fn have(&'static self, mut numbers: Vec<usize>) -> bool {
        numbers.retain(|&n| self.states.lock().expect("one thread")[n] != State::Here);
        if numbers.is_empty() {
            return true;
        }
        self.arrived.track();
        numbers.sort_unstable();
        numbers.dedup();
        for n in numbers {
            self.ask(n);
        }
        false
    }

    /// Waits until every text of `docs` is here (asking for the missing
    /// ones), for work that needs them all at once (a download of lines);
    /// the first failure is said.
    pub async fn load(&'static self, docs: &[u32]) -> Result<(), String> {
        let texts = self.index.texts();
        self.load_files(docs.iter().filter_map(|&d| texts.chunk_of(d)).collect()).await
    }

    /// Waits until the index's fragments numbered `fragments` are here.
    pub async fn load_lists(&'static self, fragments: &[usize]) -> Result<(), String> {
        let first = self.index.texts().chunks().len();
        self.load_files(fragments.iter().map(|&i| first + i).collect()).await
    }

    /// Fetches, before the app is drawn, what its first answer needs: the
    /// fragments `question`'s lists are in, then the text of its first hit
    /// ([`AHEAD_TEXTS`]) and of document `open` (the reader's, when the
    /// address opens one). It waits `within` at most: past it (a slow
    /// network, a lost file) the app is drawn with what has come, and asks
    /// for the rest as it always does.
    ///
    /// Why before: the page's main thread is busiest while the app mounts
    /// and is first laid out, and a file that came then was read only after
    /// (its response waited 50 to 110 ms after its last byte on loopback, the
    /// fragment and then the first hit's text, each behind a round of
    /// drawing). Fetched first, on an idle thread, each is read as it comes,
    /// and the app is drawn and laid out once, its first hit with its snippet.
    pub async fn ahead(&'static self, question: engine::service::Question, open: Option<u32>, within: std::time::Duration) {
        let fetch = async move {
            let tags = engine::index::FacetColumn::default();
            let mut whole = engine::service::answer(self.index, &tags, &question);
            // Asked again only when it lacked fragments (a whole index answers at once).
            if !whole.fragments.is_empty() {
                if self.load_lists(&whole.fragments).await.is_err() {
                    return;
                }
                whole = engine::service::answer(self.index, &tags, &question);
            }
            let docs: Vec<u32> = whole.hits.iter().take(AHEAD_TEXTS).map(|h| h.doc).chain(open).collect();
            let _ = self.load(&docs).await;
        };
        let (done, finished) = futures_channel::oneshot::channel::<()>();
        let done = std::rc::Rc::new(std::cell::Cell::new(Some(done)));
        let end = std::rc::Rc::clone(&done);
        leptos::task::spawn_local(async move {
            fetch.await;
            if let Some(done) = end.take() {
                let _ = done.send(());
            }
        });
        set_timeout(
            move || {
                if let Some(done) = done.take() {
                    let _ = done.send(());
                }
            },
            within,
        );
        let _ = finished.await;
    }

    async fn load_files(&'static self, numbers: Vec<usize>) -> Result<(), String> {
        loop {
            if untrack(|| self.have(numbers.clone())) {
                return Ok(());
            }
            let failed = numbers.iter().find(|&&n| self.states.lock().expect("one thread")[n] == State::Failed);
            if let Some(&n) = failed {
                let group = self.kind(n).group();
                return Err(self.progress[group].get_untracked().failed.unwrap_or_else(|| format!("{} could not be loaded", self.path(n))));
            }
            let (tx, rx) = futures_channel::oneshot::channel();
            self.waiters.lock().expect("one thread").push(tx);
            let _ = rx.await;
        }
    }

    /// How the texts' downloads stand (tracked).
    pub fn progress(&self) -> Progress {
        self.progress[0].get()
    }

    /// How the index fragments' downloads stand (tracked).
    pub fn lists_progress(&self) -> Progress {
        self.progress[1].get()
    }

    /// Intent: ask again for the files that failed.
    pub fn retry(&'static self) {
        for state in self.states.lock().expect("one thread").iter_mut() {
            if *state == State::Failed {
                *state = State::NotAsked;
            }
        }
        for p in &self.progress {
            p.update(|p| p.failed = None);
        }
        self.notify();
    }

    /// How many files the page may fetch (numbered from 0).
    pub fn count(&self) -> usize {
        self.texts + self.index.fragment_count()
    }

    /// What file `n` holds.
    fn kind(&self, n: usize) -> Kind {
        kind(self.texts, n)
    }

    /// File `n`'s address relative to the page, as the index names it.
    fn path(&self, n: usize) -> String {
        match self.kind(n) {
            Kind::Texts(chunk) => format!("texts/{}", self.index.texts().file(chunk)),
            Kind::Lists(i) => format!("fragments/{}", self.index.fragment(i).map(|f| f.file()).unwrap_or_default()),
        }
    }

    /// File `n`'s address, as the page fetches it (beside the page).
    pub fn url(&self, n: usize) -> String {
        format!("./{}", self.path(n))
    }

    /// File `n`'s size.
    pub fn bytes(&self, n: usize) -> u64 {
        match self.kind(n) {
            Kind::Texts(chunk) => u64::from(self.index.texts().chunks()[chunk].bytes),
            Kind::Lists(i) => u64::from(self.index.fragment_bytes(i)),
        }
    }

    /// Whether file `n` has been read into the page.
    pub fn here(&self, n: usize) -> bool {
        match self.kind(n) {
            Kind::Texts(chunk) => self.index.texts().has_chunk(chunk),
            Kind::Lists(i) => self.index.has_fragment(i),
        }
    }

    /// Notes the question the page answers (each keystroke's; the first,
    /// numbered [`OPENING`], is its address's): once it is a
    /// new one, the files asked for before it whose requests have not gone
    /// out yet are no longer sent ([`Files::send`]).
    pub fn question(&self, question: &engine::service::Question) {
        let mut last = self.question.lock().expect("one thread");
        if last.1.as_ref() != Some(question) {
            *last = (last.0 + 1, Some(question.clone()));
            if !self.asking.swap(true, std::sync::atomic::Ordering::Relaxed) {
                let asking = self.asking.clone();
                set_timeout(move || asking.store(false, std::sync::atomic::Ordering::Relaxed), std::time::Duration::ZERO);
            }
            // With no fragment asked or on its way, no earlier question waits
            // for one: those to keep when files go are what this one reads on.
            // (Texts on their way do not hold the mark back: a page typed on
            // while every answer's texts were still coming kept every fragment
            // it had read, past what it keeps.)
            if !self.fragments_busy() {
                self.mark.store(Index::read_clock(), std::sync::atomic::Ordering::Relaxed);
            }
        }
    }

    /// Asks for file `n`. Until the page's first frame, and for the question
    /// the page opened with (its address's), files are requested at once,
    /// while the view that asked is still being drawn: they are the page's
    /// loading, and no keystroke waits on its frames (the first answer's
    /// texts travel while the app mounts; over a sharded index, once its
    /// fragments have come, holding them cost the first answer a frame or
    /// more, 30–60 ms on the Linux docs). After it, those asked for in the
    /// task that asks a new question (a keystroke's) are requested in a task
    /// after the next frame, so a keystroke's frame never pays for them: a
    /// request costs the page 2 ms of its own time in Firefox (0.4 ms in
    /// Chromium), and a keystroke's answer asks for the texts of its first
    /// hits, several files. Those held back for a question replaced before
    /// they went out (two keystrokes in one frame) are never sent. Those
    /// asked for in a later task are requested at once: the texts of an
    /// answer whose fragments have just come waited for a frame there,
    /// between a question's two round trips (a query typed on the Linux
    /// docs, its fragments not here, drew its first snippet 4–5 ms later
    /// at the median).
    fn ask(&'static self, n: usize) {
        let question = self.question.lock().expect("one thread").0;
        {
            let mut states = self.states.lock().expect("one thread");
            if states.get(n) != Some(&State::NotAsked) {
                return;
            }
            let relaxed = std::sync::atomic::Ordering::Relaxed;
            if self.drawn.load(relaxed) && question > OPENING && self.asking.load(relaxed) {
                states[n] = State::Asked(question);
                let mut asked = self.asked.lock().expect("one thread");
                asked.push(n);
                if asked.len() == 1 {
                    // After the next frame is painted: a task queued by its animation frame
                    // callback; or soon, in a hidden tab, which draws no frames.
                    request_animation_frame(move || set_timeout(move || self.send(), std::time::Duration::ZERO));
                    set_timeout(move || self.send(), std::time::Duration::from_millis(100));
                }
                return;
            }
        }
        self.fetch(n);
    }

    /// Sends the requests held back for the question the page answers now;
    /// those held back for an older one are dropped, and what waits for files
    /// is drawn again, so a view still showing one of them (the reader, a
    /// snippet of the new answer) asks for it again.
    fn send(&'static self) {
        let question = self.question.lock().expect("one thread").0;
        let asked = std::mem::take(&mut *self.asked.lock().expect("one thread"));
        let mut dropped = false;
        for n in asked {
            let mut states = self.states.lock().expect("one thread");
            match states[n] {
                State::Asked(q) if q == question => {
                    drop(states);
                    self.fetch(n);
                }
                State::Asked(_) => {
                    states[n] = State::NotAsked;
                    dropped = true;
                }
                _ => {}
            }
        }
        if dropped {
            self.notify();
        }
    }

    /// Sends the request for file `n` and reads its bytes when they come.
    fn fetch(&'static self, n: usize) {
        self.states.lock().expect("one thread")[n] = State::Coming;
        self.on_way.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        // The progress changes, and the bytes are read, after the request goes out
        // (offline, after the page's copy is looked for).
        let url = self.url(n);
        let request = if crate::offline::copy_first() { Ask::CopyFirst } else { Ask::Sent(send(&url)) };
        let progress = &self.progress[self.kind(n).group()];
        leptos::task::spawn_local(async move {
            progress.update(|p| {
                if p.coming == 0 {
                    p.batch = 0;
                }
                p.batch += 1;
                p.coming += 1;
            });
            let result = self.receive(n, request).await;
            self.states.lock().expect("one thread")[n] = if result.is_ok() { State::Here } else { State::Failed };
            if result.is_ok() {
                self.let_go(self.kind(n));
            }
            self.on_way.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
            progress.update(|p| {
                p.coming -= 1;
                if let Err(e) = result {
                    p.failed = Some(e);
                }
            });
            self.notify();
        });
    }

    /// Draws again what waited for files: at once when the last file on its
    /// way has come, else at the next frame, once however many came by then.
    fn notify(&'static self) {
        let wake = move || {
            self.arrived.notify();
            for waiter in std::mem::take(&mut *self.waiters.lock().expect("one thread")) {
                let _ = waiter.send(());
            }
        };
        if self.progress.iter().all(|p| p.with_untracked(|p| p.coming == 0)) {
            // (A frame's notification still due has nothing left to say.)
            *self.due.lock().expect("one thread") = false;
            return wake();
        }
        let mut due = self.due.lock().expect("one thread");
        if !*due {
            *due = true;
            request_animation_frame(move || {
                if std::mem::take(&mut *self.due.lock().expect("one thread")) {
                    wake();
                }
            });
        }
    }

    /// Past the files of `kind` the page keeps, lets go those read longest
    /// ago (none read, or come, since a question that may still wait for
    /// files was asked); a view that needs one again asks for it again.
    fn let_go(&self, kind: Kind) {
        let (texts, fragments) = *self.keep.lock().expect("one thread");
        let mark = self.mark.load(std::sync::atomic::Ordering::Relaxed);
        let (gone, first) = match (kind, fragments) {
            (Kind::Texts(_), _) => (self.index.let_go_texts(texts, mark), 0),
            (Kind::Lists(_), Some(keep)) => (self.index.let_go(keep, mark), self.index.texts().chunks().len()),
            (Kind::Lists(_), None) => return,
        };
        let mut states = self.states.lock().expect("one thread");
        for i in gone {
            states[first + i] = State::NotAsked;
        }
    }

    /// File `n` read into the index: the `request` already sent for it,
    /// else the page's copy ([`crate::offline::kept`]), else a request sent
    /// now. What the network gives, once read into the index, is kept for
    /// offline use ([`crate::offline::keep_later`]); when a request fails,
    /// a copy is looked for (a corpus's files are named by their content: a
    /// copy is never stale).
    async fn receive(&self, n: usize, request: Ask) -> Result<(), String> {
        let url = self.url(n);
        let file = url.rsplit('/').next().unwrap_or_default().to_string();
        let failed = |e: JsValue| format!("{file}: {}", crate::corpus::said(&e));
        let request = match request {
            Ask::Sent(request) => request,
            Ask::CopyFirst => match crate::offline::kept(&url).await {
                Some(copy) => return self.read(n, &file, copy).await.map(drop),
                None => send(&url),
            },
        };
        let request = request.ok_or_else(|| format!("{file}: no window"))?;
        let response: web_sys::Response = match wasm_bindgen_futures::JsFuture::from(request).await {
            Ok(response) => response.unchecked_into(),
            Err(e) => {
                let copy = crate::offline::kept(&url).await.ok_or_else(|| failed(e))?;
                return self.read(n, &file, copy).await.map(drop);
            }
        };
        let bytes = self.read(n, &file, response).await?;
        crate::offline::keep_later(&url, bytes);
        Ok(())
    }

    /// File `n`'s `response` read into the index; its bytes.
    async fn read(&self, n: usize, file: &str, response: web_sys::Response) -> Result<JsValue, String> {
        let failed = |e: JsValue| format!("{file}: {}", crate::corpus::said(&e));
        if !response.ok() {
            return Err(format!("{file}: HTTP {} {}", response.status(), response.status_text()));
        }
        let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(failed)?).await.map_err(failed)?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        let read = match self.kind(n) {
            Kind::Texts(chunk) => self.index.texts().fill(chunk, &bytes),
            Kind::Lists(fragment) => self.index.add_fragment(fragment, bytes),
        };
        read.map(|()| buffer).map_err(|e| format!("{file}: {e}"))
    }
}

/// How a file is had: its request sent at once (`None` without a window),
/// or, offline, its copy looked for first ([`crate::offline::copy_first`]).
enum Ask {
    Sent(Option<js_sys::Promise>),
    CopyFirst,
}

/// The request for `url`, sent (`None` without a window).
fn send(url: &str) -> Option<js_sys::Promise> {
    web_sys::window().map(|w| w.fetch_with_str(url))
}

/// What file `n` of a page whose index names `texts` texts files holds.
fn kind(texts: usize, n: usize) -> Kind {
    if n < texts {
        Kind::Texts(n)
    } else {
        Kind::Lists(n - texts)
    }
}

/// Bytes of texts files and of fragments the page keeps: the corpus meta's
/// `data-keep-texts` and `data-keep-fragments` (`CORPUS_KEEP_TEXTS` and
/// `CORPUS_KEEP_FRAGMENTS` at build time, `tools/package.mjs`), else
/// [`engine::index::KEEP_TEXT_BYTES`] and [`engine::index::KEEP_FRAGMENT_BYTES`].
fn kept_bytes() -> (usize, Option<usize>) {
    let meta = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(r#"meta[name="corpus"]"#).ok().flatten());
    // (More than the address space is all of it.)
    let read =
        |name: &str| meta.as_ref().and_then(|m| m.get_attribute(name)).and_then(|b| b.parse::<u64>().ok()).map(|b| usize::try_from(b).unwrap_or(usize::MAX));
    (read("data-keep-texts").unwrap_or(engine::index::KEEP_TEXT_BYTES), Some(read("data-keep-fragments").unwrap_or(engine::index::KEEP_FRAGMENT_BYTES)))
}

/// A sharded index's fragments from the single file's pack: each in turn,
/// as the index gives their sizes.
fn fill_fragments(index: &Index, mut pack: &[u8]) -> Result<(), String> {
    for (i, f) in index.fragments().iter().enumerate() {
        let (bytes, rest) = pack.split_at_checked(f.bytes as usize).ok_or("the page's pack of index fragments is shorter than the index says")?;
        index.add_fragment(i, bytes.to_vec()).map_err(|e| e.to_string())?;
        pack = rest;
    }
    Ok(())
}
