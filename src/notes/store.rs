//! Where notes are kept: the browser's IndexedDB, through the `idb` crate
//! (futures over IndexedDB's requests; no hand-written event plumbing).
//!
//! One database per corpus (`explorer-notes:NAME`, [`super::Notes::new`]
//! says which name), so two corpora on one origin never mix, while a rebuilt
//! corpus keeps its notes (they are found again by their quotes, [`engine::anchor`]). One
//! object store, `annotations`, keyed by the annotation's id; a record holds
//! the annotation as JSON, so the format can grow without a schema change.

use idb::{DatabaseEvent, Factory, KeyPath, ObjectStoreParams, Query, TransactionMode};
use wasm_bindgen::JsValue;

use super::model::Annotation;

const STORE: &str = "annotations";

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

async fn open(corpus: &str) -> Result<idb::Database, String> {
    let factory = Factory::new().map_err(err)?;
    let mut request = factory.open(&format!("explorer-notes:{corpus}"), Some(1)).map_err(err)?;
    request.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            let mut params = ObjectStoreParams::new();
            params.key_path(Some(KeyPath::new_single("id")));
            let _ = db.create_object_store(STORE, params);
        }
    });
    request.await.map_err(err)
}

/// Every annotation kept for `corpus`; records that do not read are skipped
/// and counted.
pub async fn load(corpus: &str) -> Result<(Vec<Annotation>, usize), String> {
    let db = open(corpus).await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadOnly).map_err(err)?;
    let records = tx.object_store(STORE).map_err(err)?.get_all(None, None).map_err(err)?.await.map_err(err)?;
    let mut out = Vec::with_capacity(records.len());
    let mut unreadable = 0;
    for record in records {
        let json = js_sys::Reflect::get(&record, &JsValue::from_str("json")).ok().and_then(|j| j.as_string());
        match json.and_then(|j| serde_json::from_str::<Annotation>(&j).ok()) {
            Some(a) => out.push(a),
            None => unreadable += 1,
        }
    }
    db.close();
    Ok((out, unreadable))
}

/// Writes `put` and deletes `delete` in one transaction: all or nothing.
pub async fn write(corpus: &str, put: &[Annotation], delete: &[String]) -> Result<(), String> {
    let db = open(corpus).await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadWrite).map_err(err)?;
    let store = tx.object_store(STORE).map_err(err)?;
    for a in put {
        let record = js_sys::Object::new();
        let json = serde_json::to_string(a).map_err(err)?;
        js_sys::Reflect::set(&record, &JsValue::from_str("id"), &JsValue::from_str(&a.id)).map_err(|_| "could not build a record")?;
        js_sys::Reflect::set(&record, &JsValue::from_str("json"), &JsValue::from_str(&json)).map_err(|_| "could not build a record")?;
        store.put(&record, None).map_err(err)?.await.map_err(err)?;
    }
    for id in delete {
        store.delete(Query::Key(JsValue::from_str(id))).map_err(err)?.await.map_err(err)?;
    }
    tx.commit().map_err(err)?.await.map_err(err)?;
    db.close();
    Ok(())
}

/// Asks the browser to keep this origin's storage when space runs low
/// (it may say no; the notes are stored either way).
pub fn ask_to_persist() {
    if let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) {
        let _ = storage.persist();
    }
}
