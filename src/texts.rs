//! The documents' texts in the page. The index answers searches without
//! them (`engine::index::texts`); a view that shows a text asks for it here,
//! and the chunk file that holds it (under `texts/` beside the page, named
//! in the index) is fetched once and kept. Until it has come the view draws
//! what it can (a title, a "Loading the text…" line) and is drawn again when
//! it comes: asking tracks [`Texts::arrived`], so the memos and views that
//! waited re-run, as they would for any other signal.
//!
//! A small corpus's texts travel inside the index, so nothing is fetched.
//! The single-file page has nothing beside it to fetch: it carries every
//! chunk in one pack (`window.__explorerTexts`), read when the corpus is
//! decoded.

use std::sync::Mutex;

use engine::Index;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// Where one chunk stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    NotAsked,
    Coming,
    Here,
    Failed,
}

/// How the texts' downloads stand, for the progress line.
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

pub struct Texts {
    index: &'static Index,
    /// (A `Mutex` only because context values must be `Sync`: the page has one thread.)
    chunks: Mutex<Vec<State>>,
    /// Notified each time a chunk comes (or a retry clears failures).
    arrived: ArcTrigger,
    progress: ArcRwSignal<Progress>,
    /// Those awaiting [`Texts::load`], woken as chunks come.
    waiters: Mutex<Vec<futures_channel::oneshot::Sender<()>>>,
    /// Whether a notification is due at the next frame: chunks that come
    /// together (the ten hits of a first answer) draw the views once.
    due: Mutex<bool>,
    /// Whether the texts are files of their own beside the page (not inside
    /// the index, nor in the single file's pack).
    apart: bool,
}

impl Texts {
    /// The loader for `index`'s texts; the single-file page's pack, if the page has one, is read at once.
    pub fn new(index: &'static Index) -> Result<Texts, String> {
        // (A small corpus's texts came inside the index.)
        let chunks: Vec<State> = (0..index.texts().chunks().len()).map(|n| if index.texts().has_chunk(n) { State::Here } else { State::NotAsked }).collect();
        let mut texts = Texts {
            index,
            apart: chunks.contains(&State::NotAsked),
            chunks: Mutex::new(chunks),
            arrived: ArcTrigger::new(),
            progress: ArcRwSignal::new(Progress::default()),
            waiters: Mutex::new(Vec::new()),
            due: Mutex::new(false),
        };
        let inline = web_sys::window().and_then(|w| js_sys::Reflect::get(&w, &JsValue::from_str("__explorerTexts")).ok());
        if let Some(pack) = inline.as_ref().and_then(|p| p.dyn_ref::<js_sys::Uint8Array>()) {
            texts.fill_pack(&pack.to_vec())?;
            texts.apart = false;
        }
        Ok(texts)
    }

    /// Whether the texts are files beside the page, fetched as they are
    /// shown (so keeping the corpus offline means keeping those files).
    pub fn apart(&self) -> bool {
        self.apart
    }

    /// Every chunk from one pack (the single-file page).
    fn fill_pack(&self, pack: &[u8]) -> Result<(), String> {
        self.index.texts().fill_pack(pack).map_err(|e| e.to_string())?;
        self.chunks.lock().expect("one thread").fill(State::Here);
        Ok(())
    }

    /// Document `doc`'s text; `None` while its chunk is on its way (asked
    /// for here, and the caller drawn again when it comes).
    pub fn text(&'static self, doc: u32) -> Option<&'static str> {
        let text = self.index.text(doc);
        if text.is_none() {
            self.ready(&[doc]);
        }
        text
    }

    /// Whether every text of `docs` is here; the missing ones are asked for,
    /// and the caller is drawn again as they come.
    pub fn ready(&'static self, docs: &[u32]) -> bool {
        let texts = self.index.texts();
        let mut missing: Vec<usize> = docs.iter().filter(|&&d| self.index.text(d).is_none()).filter_map(|&d| texts.chunk_of(d)).collect();
        if missing.is_empty() {
            return true;
        }
        self.arrived.track();
        missing.sort_unstable();
        missing.dedup();
        for n in missing {
            self.ask(n);
        }
        false
    }

    /// Waits until every text of `docs` is here (asking for the missing
    /// ones), for work that needs them all at once (a download of lines);
    /// the first failure is said.
    pub async fn load(&'static self, docs: &[u32]) -> Result<(), String> {
        loop {
            if untrack(|| self.ready(docs)) {
                return Ok(());
            }
            let texts = self.index.texts();
            let failed = docs.iter().filter_map(|&d| texts.chunk_of(d)).any(|n| self.chunks.lock().expect("one thread")[n] == State::Failed);
            if failed {
                return Err(self.progress.get_untracked().failed.unwrap_or_else(|| "a texts file could not be loaded".into()));
            }
            let (tx, rx) = futures_channel::oneshot::channel();
            self.waiters.lock().expect("one thread").push(tx);
            let _ = rx.await;
        }
    }

    /// How the downloads stand (tracked).
    pub fn progress(&self) -> Progress {
        self.progress.get()
    }

    /// Intent: ask again for the chunks that failed.
    pub fn retry(&'static self) {
        for state in self.chunks.lock().expect("one thread").iter_mut() {
            if *state == State::Failed {
                *state = State::NotAsked;
            }
        }
        self.progress.update(|p| p.failed = None);
        self.notify();
    }

    fn ask(&'static self, n: usize) {
        {
            let mut chunks = self.chunks.lock().expect("one thread");
            if chunks.get(n) != Some(&State::NotAsked) {
                return;
            }
            chunks[n] = State::Coming;
        }
        // The request goes out now, while the view that asked is still being
        // drawn (the first answer's texts travel while the app mounts); the
        // progress changes, and the bytes are read, after it.
        let file = self.index.texts().chunks()[n].file();
        let request = web_sys::window().map(|w| w.fetch_with_str(&format!("./texts/{file}")));
        leptos::task::spawn_local(async move {
            self.progress.update(|p| {
                if p.coming == 0 {
                    p.batch = 0;
                }
                p.batch += 1;
                p.coming += 1;
            });
            let result = match request {
                Some(request) => self.receive(n, &file, request).await,
                None => Err("no window".into()),
            };
            self.chunks.lock().expect("one thread")[n] = if result.is_ok() { State::Here } else { State::Failed };
            self.progress.update(|p| {
                p.coming -= 1;
                if let Err(e) = result {
                    p.failed = Some(e);
                }
            });
            self.notify();
        });
    }

    /// Draws again what waited for texts: at once when the last file on its
    /// way has come, else at the next frame, once however many came by then.
    fn notify(&'static self) {
        let wake = move || {
            self.arrived.notify();
            for waiter in std::mem::take(&mut *self.waiters.lock().expect("one thread")) {
                let _ = waiter.send(());
            }
        };
        if self.progress.with_untracked(|p| p.coming == 0) {
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

    /// Chunk `n`'s file, `request`ed, read into the texts.
    async fn receive(&self, n: usize, file: &str, request: js_sys::Promise) -> Result<(), String> {
        let failed = |e: JsValue| format!("{file}: {}", crate::corpus::said(&e));
        let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(request).await.map_err(failed)?.unchecked_into();
        if !response.ok() {
            return Err(format!("{file}: HTTP {} {}", response.status(), response.status_text()));
        }
        let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(failed)?).await.map_err(failed)?;
        self.index.texts().fill(n, &js_sys::Uint8Array::new(&buffer).to_vec()).map_err(|e| e.to_string())
    }
}
