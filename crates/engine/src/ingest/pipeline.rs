//! The build, in order: each text tokenised once; its metadata extracted,
//! then overridden by front matter, then by `corpus.toml`; alias groups and
//! proper nouns found (all of that per document, on every core, a batch at
//! a time); the index filled in corpus order ([`crate::index::builder`]);
//! corpus-wide entities and related documents ([`crate::compare::related`]) last.

use std::collections::HashSet;

use super::config::{CorpusConfig, Overrides};
use super::folder::Source;
use super::mail::MessageIds;
use super::{entities, meta};
use crate::analysis::tokenize;
use crate::compare::passages::{Sequencer, Sequences};
use crate::compare::related::related;
use crate::index::aliases::groups_in;
use crate::index::builder::{Builder, Grouped};
use crate::index::{Alias, Document, Index, Meta, Thread};

/// Candidates must be named in this many documents to become facet values.
const CANDIDATE_MIN_DOCS: usize = 2;
const CANDIDATE_LIMIT: usize = 60;

/// Indexes `sources` in the order given (a document's number is its place)
/// with `config`'s overrides and alias groups. They are taken a batch at a
/// time, the next while one is added: a folder's [`super::Reader`] reads
/// its files then.
pub fn build(sources: impl IntoIterator<Item = Source, IntoIter: Send>, config: &CorpusConfig) -> Index {
    let aliases = config.aliases.iter().map(|g| Alias::new(&g.get_ref().name, &g.get_ref().spellings)).collect();
    let mut builder = Builder::new(aliases, config.name.clone(), config.ignore.clone(), config.language.unwrap_or_default());
    let declared = config.declared_facets();
    let facet_fields: Vec<String> = declared.iter().map(|d| d.field.clone()).collect();
    builder.declare_facets(declared);
    let mut sequencer = Sequencer::new(&config.ignore);
    let mut seqs = Sequences::default();
    let mut names = entities::Tally::default();
    let mut messages = Vec::new();
    // While one batch is added (in order, on this thread), the next is
    // prepared on the other cores.
    let aliases: Vec<Alias> = builder.aliases().to_vec();
    let spelled = entities::spellings(&aliases);
    let mut sources = sources.into_iter();
    let mut next = prepare(sources.by_ref().take(BATCH).collect(), config, &facet_fields, &aliases, &spelled);
    while !next.is_empty() {
        let mut add = |prepared: Vec<Prepared>| {
            for (src, tokens, grouped, meta, named) in prepared {
                if let Some(ids) = &src.message {
                    messages.push((builder.docs_mut().len() as u32, ids.clone()));
                }
                names.add(named);
                let ids = builder.add_grouped(Document { id: src.id.into(), meta }, src.text, &tokens, &grouped);
                let text = builder.last_text();
                sequencer.sequence(&mut seqs, &text, &tokens, |i| ids[i]);
            }
        };
        let (following, ()) = rayon::join(|| prepare(sources.by_ref().take(BATCH).collect(), config, &facet_fields, &aliases, &spelled), || add(next));
        next = following;
    }
    crate::memory::give_back_freed();
    let (candidates, per_doc) = names.candidates(CANDIDATE_MIN_DOCS, CANDIDATE_LIMIT);
    for (doc, mine) in builder.docs_mut().iter_mut().zip(per_doc) {
        doc.meta.entities.extend(mine.into_iter().map(|c| candidates[c].0.clone()));
    }
    threads(builder.docs_mut(), &messages);
    drop(messages);
    let mut index = builder.finish();
    crate::memory::give_back_freed();
    index.candidates = candidates;
    let related = related(&index, seqs);
    index.set_related(related);
    crate::memory::give_back_freed();
    index.inline_texts(config.inline_texts.unwrap_or(crate::index::texts::INLINE_TEXTS));
    index
}

/// Documents prepared at once, in parallel, before they are added to the
/// index in their order: enough to keep every core busy, few enough that
/// their tokens take little memory. Tokenising, metadata, name candidates
/// and grouping tokens by term are most of the build, and each document's
/// are its own. A folder's files are read as many at a time (`Reader`).
pub(super) const BATCH: usize = 256;

/// A document ready to be added: its tokens (also grouped by term), its
/// metadata (extracted, then overridden) and its candidate names.
type Prepared = (Source, Vec<crate::analysis::Token>, Grouped, Meta, Vec<entities::Name>);

/// The work on each of `batch` that needs no other document, over every core.
fn prepare(batch: Vec<Source>, config: &CorpusConfig, facet_fields: &[String], aliases: &[Alias], spelled: &HashSet<Vec<String>>) -> Vec<Prepared> {
    use rayon::prelude::*;
    batch
        .into_par_iter()
        .map(|mut src| {
            let tokens = tokenize(&src.text);
            let mut meta = meta::extract_counted(&src.text, &src.id, tokens.len() as u32);
            for o in src.overrides.iter().chain(config.documents.get(&src.id).map(|o| o.get_ref())) {
                apply(&mut meta, o);
            }
            // Only the fields shown as facets are kept.
            meta.fields.retain(|name, values| facet_fields.contains(name) && !values.is_empty());
            meta.pages = std::mem::take(&mut src.pages);
            meta.headings = std::mem::take(&mut src.headings);
            meta.original = src.original.take();
            let terms: Vec<&str> = tokens.iter().map(|t| t.term.as_str()).collect();
            meta.entities = groups_in(aliases, &terms);
            let names = entities::names_in(&src.text, &tokens, spelled);
            let grouped = Grouped::of(&tokens);
            (src, tokens, grouped, meta, names)
        })
        .collect()
}

/// E-mail threads: each message joined to the one it answers (when that
/// one is in the corpus), each thread of two or more in date order.
fn threads(docs: &mut [Document], messages: &[(u32, MessageIds)]) {
    use std::collections::HashMap;
    let by_id: HashMap<&str, u32> = messages.iter().map(|(n, m)| (m.id.as_str(), *n)).collect();
    let parent: HashMap<u32, u32> =
        messages.iter().filter_map(|(n, m)| m.parent.as_deref().and_then(|p| by_id.get(p)).filter(|&&p| p != *n).map(|&p| (*n, p))).collect();
    // A thread is named by its first message: follow the answers up (a
    // loop of answers stops where it closes).
    let root = |mut n: u32| {
        let mut seen = vec![n];
        while let Some(&p) = parent.get(&n) {
            if seen.contains(&p) {
                break;
            }
            seen.push(p);
            n = p;
        }
        n
    };
    let mut groups: HashMap<u32, Vec<u32>> = HashMap::new();
    for (n, _) in messages {
        groups.entry(root(*n)).or_default().push(*n);
    }
    for members in groups.values_mut().filter(|m| m.len() > 1) {
        crate::order::sort_by(members, |a, b| docs[*a as usize].meta.date.cmp(&docs[*b as usize].meta.date).then(a.cmp(b)));
        let of = members.len() as u32;
        for (i, &n) in members.iter().enumerate() {
            docs[n as usize].meta.thread =
                Some(Thread { at: i as u32 + 1, of, previous: i.checked_sub(1).map(|j| members[j]), next: members.get(i + 1).copied() });
        }
    }
}

/// Given fields replace extracted ones.
fn apply(meta: &mut Meta, o: &Overrides) {
    if let Some(t) = &o.title {
        meta.title = t.as_str().into();
    }
    if let Some(a) = &o.author {
        meta.author = Some(a.clone());
    }
    if let Some(d) = &o.date {
        meta.date = Some(d.clone());
        meta.date_inferred = false;
    }
    if let Some(s) = &o.section {
        meta.section = Some(s.clone());
    }
    if let Some(k) = o.kind {
        meta.kind = k;
    }
    if let Some(l) = o.language {
        meta.language = Some(l);
    }
    for (name, values) in &o.fields {
        meta.fields.insert(name.clone(), values.clone());
    }
}

impl Index {
    /// Indexes documents without a `corpus.toml` (tests, examples).
    pub fn build(sources: Vec<Source>) -> Index {
        build(sources, &CorpusConfig::default())
    }

    /// Indexes with `corpus.toml`'s overrides and alias groups: [`build`].
    pub fn build_with(sources: impl IntoIterator<Item = Source, IntoIter: Send>, config: &CorpusConfig) -> Index {
        build(sources, config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_entities() {
        let config = CorpusConfig::parse(
            "[[alias]]\nname = \"MKO\"\nspellings = [\"MKO\", \"MEK\"]\n[documents.b]\nauthor = \"Given Name\"\ntitle = \"Given title\"\nkind = \"interview\"\n",
        )
        .unwrap();
        let mut a = Source::new("a", "First\nThe MEK met Camp Ashraf people.\n");
        a.overrides = Some(Overrides { author: Some("Front Matter".into()), ..Overrides::default() });
        let idx = Index::build_with(vec![a, Source::new("b", "Second\nNothing of Camp Ashraf here.\nBy Dan Murphy\n")], &config);
        assert_eq!(idx.docs[0].meta.author.as_deref(), Some("Front Matter"));
        assert_eq!(idx.docs[1].meta.author.as_deref(), Some("Given Name"));
        assert_eq!(idx.docs[1].meta.title, "Given title");
        assert_eq!(idx.docs[1].meta.kind, crate::index::Kind::Interview);
        assert_eq!(idx.docs[0].meta.entities, ["MKO", "Camp Ashraf"]);
        assert_eq!(idx.docs[1].meta.entities, ["Camp Ashraf"]);
        // The index file keeps them in the Entity facet's column only, in the same order.
        let read = Index::from_bytes(&idx.to_bytes()).expect("reads back");
        assert!(read.docs[0].meta.entities.is_empty());
        assert_eq!((read.entities(0), read.entities(1)), (vec!["MKO", "Camp Ashraf"], vec!["Camp Ashraf"]));
    }
}
