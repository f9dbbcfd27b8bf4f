//! Components in headless Chromium (wasm-bindgen-test). Each test mounts into
//! a fresh element: the runner's own `#output` must stay untouched.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use explorer::app::App;
use explorer::components::marked::marked_html;
use explorer::corpus::Corpus;
use leptos::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::HtmlElement {
    let document = document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root.unchecked_into()
}

/// The seeds' index as the indexer wrote it, handed to the app as the page
/// does: `./dev test` runs `cargo run -p engine --bin index -- seeds
/// target/corpus/seeds` first, and `.cargo/config.toml` names the file.
fn seeds() -> Corpus {
    static BYTES: &[u8] = include_bytes!(env!("SEEDS_INDEX"));
    // (The seeds' texts are few: they travel inside the index.)
    Corpus::decode(BYTES.to_vec()).expect("the seeds' index decodes")
}

/// Mounts the whole app on the seeds into a fresh element, from an empty
/// address: the tests share one page, and none may start from the address
/// another left behind.
fn mount_app(root: &web_sys::HtmlElement) -> leptos::mount::UnmountHandle<impl Mountable> {
    let path = window().location().pathname().unwrap();
    window().history().unwrap().replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path)).unwrap();
    let corpus = seeds();
    leptos::mount::mount_to(root.clone(), move || view! { <App corpus=corpus/> })
}

/// Leptos applies DOM updates asynchronously: wait for the next macrotask.
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn marked_text_shows_markup_as_text_and_marks_ranges() {
    let root = fresh_root();
    let text: &'static str = "<script>alert(1)</script> near Camp Ashraf & <b>Iraq</b>";
    let start = text.find("Camp").unwrap();
    let marks = std::iter::once(start..start + "Camp Ashraf".len()).collect::<Vec<_>>();
    // As a result's snippet is drawn: one `innerHTML`, parsed by the browser.
    let mut html = String::new();
    marked_html(&mut html, text, &marks);
    let _handle = leptos::mount::mount_to(root.clone(), move || view! { <p inner_html=html.clone()></p> });
    tick().await;
    assert_eq!(root.query_selector_all("script").unwrap().length(), 0, "no element made from document text");
    assert_eq!(root.query_selector_all("b").unwrap().length(), 0);
    let marks = root.query_selector_all("mark").unwrap();
    assert_eq!(marks.length(), 1);
    assert_eq!(marks.item(0).unwrap().text_content().unwrap(), "Camp Ashraf");
    assert_eq!(root.text_content().unwrap(), "<script>alert(1)</script> near Camp Ashraf & <b>Iraq</b>");
}

/// The page folds with the browser's NFKD (the wasm has no Unicode tables):
/// accents, compatibility forms and full-width letters fold as natively.
#[wasm_bindgen_test]
fn folding_in_the_page_decomposes_like_the_build() {
    let corpus = seeds();
    for (word, folded) in [("Malikī", "maliki"), ("ﬁle", "file"), ("ＡＢＣ", "abc"), ("Łódź", "lodz"), ("Ünïcödé", "unicode"), ("ΣΊΣΥΦΟΣ", "σισυφοσ")]
    {
        assert_eq!(engine::analysis::fold(word), folded, "{word}");
    }
    let docs = |q: &str| engine::search(corpus.index, q).hits.iter().map(|h| h.doc).collect::<Vec<_>>();
    // The seeds write "Maliki" (ASCII) in several documents.
    let plain = docs("Maliki");
    assert!(!plain.is_empty());
    assert_eq!(docs("Malikī"), plain);
    assert_eq!(docs("ＭＡＬＩＫＩ"), plain);
}

#[wasm_bindgen_test]
async fn app_counts_and_lists_hits_as_the_query_changes() {
    let root = fresh_root();
    let _handle = mount_app(&root);
    tick().await;
    let count = || root.query_selector("[role=status]").unwrap().unwrap().text_content().unwrap();
    let hits = || root.query_selector_all("#results > li").unwrap().length();
    assert_eq!(count(), "5 documents");
    assert_eq!(hits(), 5);

    let input: web_sys::HtmlInputElement = root.query_selector("input[type=search]").unwrap().unwrap().unchecked_into();
    input.set_value("Rajavi");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    tick().await;
    assert_eq!(count(), "1 document");
    assert_eq!(hits(), 1);
    let marks = root.query_selector_all("#results mark").unwrap();
    assert!(marks.length() > 0);
    // The word being typed finds its forms and the words it begins (the seeds write "Rajavis" once).
    for i in 0..marks.length() {
        let m = marks.item(i).unwrap().text_content().unwrap().to_lowercase();
        assert!(m.starts_with("rajavi"), "{m}");
    }

    // Opening the hit shows the reader, named by the title, with the matches marked.
    let link: web_sys::HtmlElement = root.query_selector("#results a.hit-title").unwrap().unwrap().unchecked_into();
    let title = link.text_content().unwrap();
    link.click();
    tick().await;
    let reader = root.query_selector("article#reader").unwrap().expect("reader open");
    assert_eq!(reader.get_attribute("aria-label").unwrap(), title);
    assert!(reader.query_selector_all("mark").unwrap().length() >= marks.length());
    assert!(window().location().search().unwrap().contains("doc="));

    input.set_value("");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    tick().await;
    assert_eq!(count(), "5 documents");
}

#[wasm_bindgen_test]
async fn views_switch_between_list_concordance_and_overview() {
    let root = fresh_root();
    let _handle = mount_app(&root);
    tick().await;
    let input: web_sys::HtmlInputElement = root.query_selector("input[type=search]").unwrap().unwrap().unchecked_into();
    input.set_value("Rajavi");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    tick().await;
    let tab = |name: &str| -> web_sys::HtmlElement {
        let links = root.query_selector_all("nav[aria-label=Views] a").unwrap();
        (0..links.length())
            .map(|i| links.item(i).unwrap().unchecked_into::<web_sys::HtmlElement>())
            .find(|a| a.text_content().as_deref() == Some(name))
            .unwrap_or_else(|| panic!("a {name} link"))
    };

    tab("Concordance").click();
    tick().await;
    let rows = root.query_selector_all("table[aria-label=Concordance] tbody tr").unwrap();
    assert!(rows.length() > 1, "a line per match");
    for i in 0..rows.length() {
        let mark = rows.item(i).unwrap().unchecked_into::<web_sys::Element>().query_selector("mark").unwrap().unwrap();
        let m = mark.text_content().unwrap().to_lowercase();
        assert!(m.starts_with("rajavi"), "{m}");
    }
    let status = root.query_selector("[role=status]").unwrap().unwrap().text_content().unwrap();
    assert_eq!(status, format!("1 document · {} matches", rows.length()));
    assert_eq!(tab("Concordance").get_attribute("aria-current").as_deref(), Some("page"));
    assert!(window().location().search().unwrap().contains("view=kwic"));

    tab("Overview").click();
    tick().await;
    let region = root.query_selector("section[aria-label=Overview]").unwrap().expect("the overview");
    assert_eq!(region.query_selector("h2").unwrap().unwrap().text_content().unwrap(), "The documents that match the search and filters");
    let words = region.query_selector_all("ol[aria-label='Most frequent words'] li").unwrap();
    assert!(words.length() > 0);

    tab("Results").click();
    tick().await;
    assert_eq!(root.query_selector_all("#results > li").unwrap().length(), 1);
    assert!(!window().location().search().unwrap().contains("view="));
}
