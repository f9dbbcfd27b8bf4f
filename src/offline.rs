//! The offline copy of a corpus whose texts, or whose index's lists, are
//! files of their own.
//!
//! The service worker (`sw.js`, written by `tools/package.mjs`) keeps the
//! page, the wasm and the index (or a sharded index's core) from the first
//! visit, and the texts files too while they are small. Past that, the page
//! keeps each texts file a view fetches, and each index fragment a search
//! fetches, itself ([`keep_later`]), in a cache named by its corpus, and reads
//! its copy ([`kept`]) when the browser is offline or a request fails: the
//! worker lets those requests go to the network untouched. Through the worker (its cache
//! looked up, the file fetched from there, written, then handed over) a
//! search's first run on the Linux docs took twice as long as with no
//! worker at all, p50 27 → 51 ms, p95 48 → 86 ms (`bench/queries.json`,
//! each query's first run, three page loads, headless Chromium, loopback).
//! So a person who wants to read and search anything on a plane asks for
//! the rest here: this finds which of those files the browser's caches
//! lack, says what keeping them takes, and fetches and keeps them. Nothing
//! is read into the page: the files come into memory only when a view or a
//! search needs them ([`crate::files`]).
//!
//! Where no worker keeps the page (the single file from `file://`, a
//! browser or window without service workers) there is nothing to offer,
//! and nothing is shown, and the page keeps nothing: with no worker to
//! open it offline, a copy of its files would only fill the disk.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::corpus::said;
use crate::files::Files;

/// Files fetched at once while saving: enough to keep the line busy,
/// few enough that a view's own texts are not queued behind hundreds.
const AT_ONCE: usize = 4;

/// How the offline copy of the texts stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Not known (yet), or nothing to keep: nothing is shown.
    Unknown,
    /// So many texts files, of so many bytes, are not kept.
    Missing { files: usize, bytes: u64 },
    /// Fetching the missing files: so many of them done.
    Saving { done: usize, files: usize, done_bytes: u64, bytes: u64 },
    /// Every texts file is kept: the whole corpus opens offline.
    Kept { bytes: u64 },
    /// Saving stopped at a file that could not be fetched or kept.
    Failed { reason: String, files: usize, bytes: u64 },
}

/// The offline copy: its standing (a signal the footer reads) and the
/// intent that completes it.
#[derive(Clone, Copy)]
pub struct Offline {
    files: &'static Files,
    standing: RwSignal<Standing>,
    /// The files (numbered as [`Files`] numbers them) the caches lacked when last asked.
    missing: StoredValue<Vec<usize>>,
}

impl Offline {
    /// Starts finding out how the offline copy stands, when some files are
    /// beside the page.
    pub fn new(files: &'static Files) -> Offline {
        let offline = Offline { files, standing: RwSignal::new(Standing::Unknown), missing: StoredValue::new(Vec::new()) };
        if files.apart() {
            leptos::task::spawn_local(async move {
                if let Some(caches) = worker_caches().await {
                    offline.standing.set(offline.count(&caches).await);
                }
            });
            // The page keeps the files views and searches fetch too
            // (`Files`, through [`keep`]): each time a batch of them has
            // come, they leave the missing, with no look-up in the caches.
            Effect::new(move |_| {
                let done = files.progress().coming == 0 && files.lists_progress().coming == 0;
                if done && matches!(offline.standing.get_untracked(), Standing::Missing { .. }) {
                    offline.missing.update_value(|m| m.retain(|&n| !files.here(n)));
                    offline.standing.set(offline.standing_now());
                }
            });
        }
        offline
    }

    /// How it stands (tracked).
    pub fn standing(&self) -> Standing {
        self.standing.get()
    }

    /// Intent: fetch every file the caches lack, saying the progress;
    /// stops at the first that fails, which a second call resumes.
    pub fn save(self) {
        if matches!(self.standing.get_untracked(), Standing::Saving { .. } | Standing::Kept { .. } | Standing::Unknown) {
            return;
        }
        leptos::task::spawn_local(async move {
            let Some(caches) = worker_caches().await else { return };
            let missing: Vec<(String, u64)> = self.missing(&caches).await.into_iter().map(|n| (self.files.url(n), self.files.bytes(n))).collect();
            let bytes = missing.iter().map(|&(_, b)| b).sum();
            if let Some(room) = room().await.filter(|&room| room < bytes) {
                let reason = format!("this browser lets the page keep {} more, and the corpus's files take {}", size(room), size(bytes));
                self.standing.set(Standing::Failed { reason, files: missing.len(), bytes });
                return;
            }
            let (mut done, mut done_bytes) = (0, 0);
            self.standing.set(Standing::Saving { done, files: missing.len(), done_bytes, bytes });
            for group in missing.chunks(AT_ONCE) {
                // All of a group are asked for before the first is read.
                let requests: Vec<_> = group.iter().map(|(url, _)| web_sys::window().map(|w| (url, w.fetch_with_str(url)))).collect();
                for (request, &(_, size)) in requests.into_iter().zip(group) {
                    if let Err(reason) = fetched(request).await {
                        self.standing.set(Standing::Failed { reason, files: missing.len() - done, bytes: bytes - done_bytes });
                        return;
                    }
                    done += 1;
                    done_bytes += size;
                    self.standing.set(Standing::Saving { done, files: missing.len(), done_bytes, bytes });
                }
            }
            // What the caches now hold, not what was asked: a browser out of
            // room drops what it cannot keep.
            self.standing.set(self.count(&caches).await);
        });
    }

    /// The files no cache of this origin holds.
    async fn missing(&self, caches: &web_sys::CacheStorage) -> Vec<usize> {
        let kept = kept_names(caches).await;
        (0..self.files.count()).filter(|&n| !kept.contains(name_of(&self.files.url(n)))).collect()
    }

    /// How it stands, asking the caches.
    async fn count(&self, caches: &web_sys::CacheStorage) -> Standing {
        let missing = self.missing(caches).await;
        self.missing.set_value(missing);
        self.standing_now()
    }

    /// How it stands, by the files last found missing.
    fn standing_now(&self) -> Standing {
        self.missing.with_value(|missing| {
            if missing.is_empty() {
                Standing::Kept { bytes: (0..self.files.count()).map(|n| self.files.bytes(n)).sum() }
            } else {
                Standing::Missing { files: missing.len(), bytes: missing.iter().map(|&n| self.files.bytes(n)).sum() }
            }
        })
    }
}

/// One requested file, kept in the page's cache; its address and reason
/// if it could not be fetched or kept.
async fn fetched(request: Option<(&String, js_sys::Promise)>) -> Result<(), String> {
    let (url, request) = request.ok_or("no window")?;
    let file = url.rsplit('/').next().unwrap_or_default();
    let failed = |e: JsValue| format!("{file}: {}", said(&e));
    let response: web_sys::Response = JsFuture::from(request).await.map_err(failed)?.unchecked_into();
    if !response.ok() {
        return Err(format!("{file}: HTTP {} {}", response.status(), response.status_text()));
    }
    JsFuture::from(keep(url, &response).ok_or_else(|| format!("{file}: this browser gives the page no cache"))?).await.map_err(failed)?;
    Ok(())
}

/// The cache the page keeps its files in: named by the corpus file the
/// page reads (`corpus-HASH.bin`), which names its texts and fragments, so
/// a new corpus starts a new one and the worker of its build, which knows
/// the same name, removes the others (`tools/package.mjs`).
fn cache_name() -> Option<String> {
    let meta = web_sys::window()?.document()?.query_selector(r#"meta[name="corpus"]"#).ok()??;
    let file = meta.get_attribute("content")?;
    Some(format!("explorer-kept-{}", file.strip_prefix("corpus-")?.strip_suffix(".bin")?))
}

/// The browser's caches, where a service worker controls the page (else
/// nothing is kept: see the module's doc).
fn controlled_caches() -> Option<web_sys::CacheStorage> {
    let navigator = web_sys::window()?.navigator();
    if !has(&navigator, "serviceWorker") {
        return None;
    }
    navigator.service_worker().controller()?;
    caches()
}

/// The browser's caches, where the page has them (not on a host served
/// without TLS, nor where a privacy setting refuses them).
fn caches() -> Option<web_sys::CacheStorage> {
    let window = web_sys::window()?;
    has(&window, "caches").then(|| window.caches().ok()).flatten()
}

fn has(on: &JsValue, key: &str) -> bool {
    js_sys::Reflect::has(on, &JsValue::from_str(key)).unwrap_or(false)
}

/// Whether a file is to be looked for in the caches before it is fetched:
/// where the page keeps its files (a service worker controls it) and the
/// browser says it is offline, so no request fails (each failure is an
/// error in the console). Online, the network comes first: a look-up
/// waits behind the copies still being written, and each query's first
/// run on the Linux docs took p50 40–49 / p95 69–76 ms looking first
/// against 35–38 / 54–59 fetching first (the same script as above).
pub fn copy_first() -> bool {
    // (Asked per file: the browser's flag first, which online settles it in one call.)
    web_sys::window().is_some_and(|w| !w.navigator().on_line()) && controlled_caches().is_some()
}

/// Keeps a copy of `response` (fetched from `url`, not yet read) for
/// offline use at once ("Make available offline"); the promise resolves
/// once it is written. `None` where the page keeps nothing.
pub fn keep(url: &str, response: &web_sys::Response) -> Option<js_sys::Promise> {
    let caches = controlled_caches()?;
    let copy = response.clone().ok()?;
    let name = cache_name()?;
    let url = url.to_string();
    Some(wasm_bindgen_futures::future_to_promise(async move {
        let cache: web_sys::Cache = JsFuture::from(caches.open(&name)).await?.unchecked_into();
        JsFuture::from(cache.put_with_str(&url, &copy)).await
    }))
}

/// How long the page waits, after the last file that came, before it
/// writes their copies ([`keep_later`]).
const QUIET: std::time::Duration = std::time::Duration::from_millis(1000);

/// Bytes of copies the page holds while no worker controls it yet: on a
/// first visit the worker is registered once the first answer is drawn and
/// takes the page over once installed, after the files of that answer (one
/// fragment and a few texts files on the Linux docs, some 100 KB) have come.
/// Held, they are written once it has; past this, or where no worker ever
/// comes (a browser that refuses them), the page holds no more.
const HELD_BEFORE_WORKER: usize = 1 << 20;

/// Copies not written yet (each file's address and bytes), and the timer
/// that writes them.
#[derive(Default)]
struct Waiting {
    copies: Vec<(String, JsValue)>,
    timer: Option<TimeoutHandle>,
    /// Bytes of the copies taken while no worker controlled the page.
    held: usize,
}

thread_local! {
    static WAITING: std::cell::RefCell<Waiting> = Default::default();
}

/// Keeps a copy of the file fetched from `url` (its bytes, an
/// `ArrayBuffer`, read whole and found sound) once the page has fetched no
/// other file for [`QUIET`]: files come in bursts (a keystroke's hits'
/// texts, a search's fragments), and copies written as each came slowed
/// the next burst, each query's first run on the Linux docs p50 35–36 →
/// 44–45 ms and p95 57–64 → 72–75 (the same script as above; the copies
/// were a second branch of each response, written as it was read).
/// Before a worker controls the page (a first visit's first answer), the
/// copies wait for it, up to [`HELD_BEFORE_WORKER`]: without them the
/// very address first opened answered nothing offline (its fragment not
/// kept). Nothing where the page keeps nothing.
pub fn keep_later(url: &str, bytes: JsValue) {
    let Some(window) = web_sys::window() else { return };
    if !has(&window.navigator(), "serviceWorker") || caches().is_none() {
        return;
    }
    let controlled = window.navigator().service_worker().controller().is_some();
    let size = bytes.dyn_ref::<js_sys::ArrayBuffer>().map_or(0, |b| b.byte_length() as usize);
    WAITING.with(|waiting| {
        let mut waiting = waiting.borrow_mut();
        if !controlled {
            if waiting.held + size > HELD_BEFORE_WORKER {
                return;
            }
            waiting.held += size;
        }
        waiting.copies.push((url.to_string(), bytes));
        if let Some(timer) = waiting.timer.take() {
            timer.clear();
        }
        waiting.timer = set_timeout_with_handle(write_waiting, QUIET).ok();
    });
}

/// Writes the copies [`keep_later`] holds, one after another, once a
/// worker controls the page (at once but on a first visit).
fn write_waiting() {
    let copies = WAITING.with(|waiting| {
        let mut waiting = waiting.borrow_mut();
        waiting.timer = None;
        std::mem::take(&mut waiting.copies)
    });
    leptos::task::spawn_local(async move {
        let (Some(caches), Some(name)) = (worker_caches().await, cache_name()) else { return };
        let Ok(cache) = JsFuture::from(caches.open(&name)).await else { return };
        let cache: web_sys::Cache = cache.unchecked_into();
        for (url, bytes) in copies {
            let Ok(copy) = web_sys::Response::new_with_opt_buffer_source(Some(bytes.unchecked_ref())) else { continue };
            // A copy the browser cannot write (no room left) is only not kept.
            let _ = JsFuture::from(cache.put_with_str(&url, &copy)).await;
        }
    });
}

/// The copy of `url` some cache of this origin holds (the page's, or the
/// worker's for the files it keeps from the first visit), if any.
pub async fn kept(url: &str) -> Option<web_sys::Response> {
    let found = JsFuture::from(caches()?.match_with_str(url)).await.ok()?;
    found.dyn_into::<web_sys::Response>().ok()
}

/// How many more bytes this origin may keep, as the browser estimates it
/// (`None` where it does not say).
async fn room() -> Option<u64> {
    let estimate: web_sys::StorageEstimate = JsFuture::from(web_sys::window()?.navigator().storage().estimate().ok()?).await.ok()?.unchecked_into();
    Some((estimate.get_quota()? - estimate.get_usage().unwrap_or(0.0)).max(0.0) as u64)
}

/// The caches, once a service worker controls this page (waiting for it on
/// a first visit, while it installs); `None` where there is none to wait for.
async fn worker_caches() -> Option<web_sys::CacheStorage> {
    let window = web_sys::window()?;
    let navigator = window.navigator();
    if !has(&navigator, "serviceWorker") || !has(&window, "caches") {
        return None;
    }
    let container = navigator.service_worker();
    JsFuture::from(container.ready().ok()?).await.ok()?;
    if container.controller().is_none() {
        // The worker just activated; it claims this page next.
        let (tx, rx) = futures_channel::oneshot::channel();
        let _listener = gloo_events::EventListener::once(&container, "controllerchange", move |_| {
            let _ = tx.send(());
        });
        if container.controller().is_none() {
            rx.await.ok()?;
        }
    }
    window.caches().ok()
}

/// The names of the files every cache of this origin holds (the last part
/// of each address: texts and fragments are named by their content, so a
/// name is one file): a listing per cache, not a look-up per file. A
/// `caches.match` per file, 529 on the Linux docs, took 40 ms of the page's
/// own time just after it opened, while its first answer was on its way.
async fn kept_names(caches: &web_sys::CacheStorage) -> std::collections::HashSet<String> {
    let mut names = std::collections::HashSet::new();
    let Ok(keys) = JsFuture::from(caches.keys()).await else { return names };
    for cache in js_sys::Array::from(&keys).iter().filter_map(|name| name.as_string()) {
        let Ok(cache) = JsFuture::from(caches.open(&cache)).await else { continue };
        let Ok(requests) = JsFuture::from(cache.unchecked_into::<web_sys::Cache>().keys()).await else { continue };
        for request in js_sys::Array::from(&requests).iter() {
            names.insert(name_of(&request.unchecked_into::<web_sys::Request>().url()).to_string());
        }
    }
    names
}

/// A file's name: the last part of its address.
fn name_of(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

/// A size as the footer says it: kB under a megabyte, else MB to a tenth.
pub fn size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{} kB", bytes.div_ceil(1000))
    } else {
        format!("{} MB", crate::numbers::fixed(bytes as f64 / 1e6, 1))
    }
}
