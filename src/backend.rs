//! Where the page's search questions go: the one place that knows what
//! answers them (docs/BACKENDS.md, "The boundary").
//!
//! The state (`state/`) turns what the person asked for into an
//! [`engine::service::Question`] and reads everything the result list, the
//! count, the facet panel, the snippets, the warnings and "Did you mean"
//! show from its [`Answer`]. Nothing else in the page calls the engine's
//! search for them, so a second kind of answerer is a variant here, not a
//! change to the views.
//!
//! Today there is one: the engine compiled into the page, which answers at
//! once, so the answer is a memo of the question. Over a sharded index an
//! answer may lack lists whose fragments are not here yet
//! (`Answer::fragments`): they are asked for ([`crate::files`]), the memo
//! keeps the last whole answer meanwhile, and asks again when they come.
//! Its snippets need texts,
//! which come later ([`crate::files`]): the first hits whose texts are not
//! here yet come back as `waiting`, the list asks for their chunks (those
//! of the hits on screen first), and each of their snippets is cut when its
//! text has come (`Explorer::snippet`), with no new search. The question
//! asks for the first screen's snippets only; the hits drawn after it cut theirs from the answer's plan as
//! their places are drawn (`Explorer::snippet`), which only the embedded
//! engine can (a server sends no plan: there they would be a question of
//! their own, docs/BACKENDS.md). A Web Worker or a search
//! server answers later; with them the memo becomes a signal set from
//! replies, each tagged with its question so that a late reply to an older
//! keystroke is dropped.

use engine::facets::Counts;
use engine::index::FacetColumn;
use engine::service::{answer, counts, Answer, Question};

use crate::corpus::Corpus;

/// What answers the page's questions.
#[derive(Clone, Copy)]
pub enum Backend {
    /// The engine in the page, over the index the page loaded.
    Embedded(Corpus),
}

impl Backend {
    /// The answer to `question`; `tags` is the reader's tag column (the
    /// page's own state, sent beside the question: a server would receive it
    /// as a filter on document ids). An answer whose `fragments` are not
    /// empty is not whole: those are asked for, and the caller (tracking
    /// their arrival) asks again when they come.
    pub fn ask(self, question: &Question, tags: &FacetColumn) -> Answer {
        match self {
            Backend::Embedded(corpus) => {
                corpus.files.question(question);
                let a = answer(corpus.index, tags, question);
                if !a.fragments.is_empty() {
                    corpus.files.lists(&a.fragments);
                    return a;
                }
                // Snippets whose texts are not here are asked for by the list, those on
                // screen first, and each is cut when its text comes (`Explorer::snippet`),
                // without searching again.
                a
            }
        }
    }

    /// The facet counts of `answer` (asked for apart: the facet panel draws
    /// them a frame after the list, so a keystroke's frame does not count).
    pub fn counts(self, answer: &Answer, tags: &FacetColumn) -> Counts<'static> {
        match self {
            Backend::Embedded(corpus) => counts(corpus.index, tags, answer),
        }
    }

    /// The whole answer to `question`, once the fragments its lists are in
    /// and the texts its snippets need have come (a download of the list,
    /// a script's question); the first file that fails is said.
    pub async fn ask_whole(self, question: &Question, tags: &FacetColumn) -> Result<Answer, String> {
        let tags = tags.clone();
        match self {
            Backend::Embedded(corpus) => loop {
                let a = answer(corpus.index, &tags, question);
                if !a.fragments.is_empty() {
                    corpus.files.load_lists(&a.fragments).await?;
                } else if !a.waiting.is_empty() {
                    corpus.files.load(&a.waiting).await?;
                    return Ok(answer(corpus.index, &tags, question));
                } else {
                    return Ok(a);
                }
            },
        }
    }
}
