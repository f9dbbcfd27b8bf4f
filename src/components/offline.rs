//! The footer's offline control: what keeping every text (and a sharded
//! index's every fragment) for offline use takes, a button that does it,
//! and its progress ([`crate::offline`]). Shown only where such files are
//! beside a page a service worker keeps.

use leptos::prelude::*;

use crate::offline::{size, Offline, Standing};
use crate::state::Explorer;

#[component]
pub fn OfflineCopy() -> impl IntoView {
    let corpus = expect_context::<Explorer>().corpus;
    let offline = Offline::new(corpus.files);
    // A sharded index's fragments are kept with the texts: the words say so.
    let sharded = corpus.index.is_sharded();
    let (kept, files) = if sharded { ("The whole corpus is", "files") } else { ("Every text is", "texts files") };
    // Once offered, the button stays where it is (marked disabled while
    // saving and after), so focus on it is never lost: only its words change.
    let offered = RwSignal::new(false);
    let standing = Memo::new(move |_| offline.standing());
    let with_button = move || offered.get() || matches!(standing.get(), Standing::Missing { .. } | Standing::Failed { .. } | Standing::Saving { .. });
    let label = move || match standing.get() {
        Standing::Missing { bytes, .. } | Standing::Failed { bytes, .. } => format!("Make available offline ({})", size(bytes)),
        Standing::Saving { .. } => "Saving for offline…".to_string(),
        Standing::Kept { .. } | Standing::Unknown => "Available offline".to_string(),
    };
    let busy = move || matches!(standing.get(), Standing::Saving { .. } | Standing::Kept { .. });
    let said = move || match standing.get() {
        Standing::Kept { bytes } if !offered.get() => format!("Available offline ({})", size(bytes)),
        Standing::Kept { bytes } => format!("{kept} kept for offline use ({}).", size(bytes)),
        Standing::Saving { done, files: all, done_bytes, bytes } => format!("Saved {done} of {all} {files} ({} of {})", size(done_bytes), size(bytes)),
        Standing::Failed { reason, .. } => format!("Saving for offline stopped: {reason}."),
        Standing::Missing { .. } | Standing::Unknown => String::new(),
    };
    let saving = move || match standing.get() {
        Standing::Saving { done_bytes, bytes, .. } => Some((done_bytes, bytes)),
        _ => None,
    };
    view! {
        <div class="offline" hidden=move || standing.get() == Standing::Unknown>
            <Show when=with_button>
                <button
                    type="button"
                    aria-disabled=move || busy().to_string()
                    on:click=move |_| {
                        offered.set(true);
                        offline.save();
                    }
                >
                    {label}
                </button>
            </Show>
            <span class="offline-said" role="status">{said}</span>
            {move || saving().map(|(done, all)| view! { <progress max=all.to_string() value=done.to_string()></progress> })}
        </div>
    }
}
