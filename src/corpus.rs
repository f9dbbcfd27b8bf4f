//! The corpus index. The build writes it as a file of its own, which the
//! page fetches beside the wasm (so the wasm stays small whatever the
//! corpus) with a progress line; the single-file build hands the same bytes
//! over inline. Decoded once, kept for the page's life (so components hold
//! `&'static` metadata), and handed to the components through context. The
//! documents' texts are not in it: they come in chunks as views show them,
//! and a sharded index's lists come in fragments as searches need them,
//! each kept while the page keeps fewer than it may ([`crate::files`]): a
//! view holds the text it shows ([`engine::index::TextRef`]).

use std::sync::OnceLock;

use engine::explore::forward::Forward;
use engine::explore::overview::Vocabulary;
use engine::Index;

use crate::files::Files;
use wasm_bindgen::{JsCast, JsValue};

/// Name and size of the index file beside the page, as index.html gives
/// them (`<meta name="corpus" content=… data-bytes=…>`, written by
/// `tools/package.mjs`): the wasm never names its corpus, so a new corpus
/// needs no new wasm.
fn file_of(document: &web_sys::Document) -> Result<(String, Option<usize>), String> {
    let meta = document.query_selector(r#"meta[name="corpus"]"#).ok().flatten();
    let name = meta.as_ref().and_then(|m| m.get_attribute("content")).filter(|name| !name.is_empty());
    let bytes = meta.and_then(|m| m.get_attribute("data-bytes")).and_then(|b| b.parse().ok());
    name.map(|name| (name, bytes)).ok_or_else(|| "the page names no corpus file (index.html lacks <meta name=\"corpus\">)".to_string())
}

/// The decoded corpus: what every component reads.
#[derive(Clone, Copy)]
pub struct Corpus {
    pub index: &'static Index,
    /// The files the index names beside the page (texts, a sharded
    /// index's fragments), fetched as they are needed.
    pub files: &'static Files,
    /// Size of the index file in bytes (shown in the footer).
    pub bytes: usize,
    vocabulary: &'static OnceLock<Vocabulary>,
    forward: &'static OnceLock<Forward>,
}

impl Corpus {
    /// Decodes an index file, which the index keeps: its postings are read
    /// where they are ([`Index::from_vec`]). The corpus lives as long as the page.
    ///
    /// Folding gets the browser's NFKD here, before any word is looked up
    /// (the engine leaves Unicode's tables out of the wasm).
    pub fn decode(file: Vec<u8>) -> Result<Corpus, String> {
        engine::analysis::fold::set_decomposer(|s| js_sys::JsString::from(s).normalize("NFKD").into());
        let bytes = file.len();
        let index: &'static Index = Box::leak(Box::new(Index::from_vec(file).map_err(|e| e.to_string())?));
        let files = Box::leak(Box::new(Files::new(index)?));
        Ok(Corpus { index, files, bytes, vocabulary: Box::leak(Box::default()), forward: Box::leak(Box::default()) })
    }

    /// Document `doc`'s text, or `None` while it is on its way (see [`Files::text`]).
    pub fn text(&self, doc: u32) -> Option<engine::index::TextRef> {
        self.files.text(doc)
    }

    /// The corpus' words by frequency, counted the first time the overview asks.
    pub fn vocabulary(&self) -> &'static Vocabulary {
        let index = self.index;
        self.vocabulary.get_or_init(|| Vocabulary::new(index))
    }

    /// Each document's words as term numbers, built the first time an analysis asks.
    pub fn forward(&self) -> &'static Forward {
        let index = self.index;
        self.forward.get_or_init(|| Forward::new(index))
    }
}

/// A failed request's reason in words: an `Error`'s message (a fetch that
/// never reached the host rejects with a `TypeError`), else the value itself.
pub fn said(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .or_else(|| js_sys::JSON::stringify(e).ok().and_then(|s| s.as_string()))
        .unwrap_or_default()
}

/// The index's bytes: handed over by the single-file page
/// (`window.__explorerCorpus`), else fetched beside the page (the request
/// the boot script started, `window.__explorerCorpusResponse`), calling
/// `progress(received, total)` as chunks arrive.
pub async fn fetch(progress: impl Fn(usize, Option<usize>)) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let inline = js_sys::Reflect::get(&window, &JsValue::from_str("__explorerCorpus")).unwrap_or(JsValue::UNDEFINED);
    if let Some(bytes) = inline.dyn_ref::<js_sys::Uint8Array>() {
        return Ok(bytes.to_vec());
    }
    let (file, size) = file_of(&window.document().ok_or("no document")?)?;
    let failed = |what: &str, e: JsValue| format!("{what} {file}: {}", said(&e));
    // The boot script asked for the file before the wasm compiled; ask here only without it.
    let early = js_sys::Reflect::get(&window, &JsValue::from_str("__explorerCorpusResponse")).unwrap_or(JsValue::UNDEFINED);
    let request = match early.dyn_into::<js_sys::Promise>() {
        Ok(promise) => promise,
        Err(_) => window.fetch_with_str(&format!("./{file}")),
    };
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(request).await.map_err(|e| failed("could not fetch", e))?.unchecked_into();
    if !response.ok() {
        return Err(format!("could not fetch {file}: HTTP {} {}", response.status(), response.status_text()));
    }
    // The page says the file's size; Content-Length is the transfer size,
    // larger than the body with compression, so only a hint without it.
    let total = size.or_else(|| response.headers().get("content-length").ok().flatten().and_then(|v| v.parse::<usize>().ok()));
    let Some(body) = response.body() else {
        let buf = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(|e| failed("could not read", e))?)
            .await
            .map_err(|e| failed("could not read", e))?;
        return Ok(js_sys::Uint8Array::new(&buf).to_vec());
    };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    // Wasm memory never shrinks, so the buffer is sized once: by the size
    // the page gives, each chunk copied in as it comes. Without it the
    // chunks stay in the browser's memory until the last has come and are
    // copied once. (A buffer grown by doubling, the compressed size its only
    // hint, had made the peak twice the file.)
    let mut bytes = Vec::with_capacity(size.unwrap_or(0));
    let chunks = js_sys::Array::new();
    let mut received = 0;
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read()).await.map_err(|e| failed("could not read", e))?;
        if js_sys::Reflect::get(&chunk, &JsValue::from_str("done")).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        let value: js_sys::Uint8Array = js_sys::Reflect::get(&chunk, &JsValue::from_str("value")).map_err(|e| failed("could not read", e))?.unchecked_into();
        let len = value.length() as usize;
        if received + len <= bytes.capacity() {
            bytes.resize(received + len, 0);
            value.copy_to(&mut bytes[received..]);
        } else {
            chunks.push(&value);
        }
        received += len;
        progress(received, total);
    }
    if bytes.len() < received {
        // More than the page said, or no size: the rest, copied once.
        let mut at = bytes.len();
        let mut all = Vec::with_capacity(received);
        all.extend_from_slice(&bytes);
        drop(bytes);
        all.resize(received, 0);
        for value in chunks.iter() {
            let value: js_sys::Uint8Array = value.unchecked_into();
            let len = value.length() as usize;
            value.copy_to(&mut all[at..at + len]);
            at += len;
        }
        return Ok(all);
    }
    Ok(bytes)
}
