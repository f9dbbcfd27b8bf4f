"""Reference rankings for the benchmark: BM25 top 10 from tantivy (Python
bindings), title and text indexed, title boosted x2, words ANDed, twice:
with tantivy's `default` tokenizer (word forms as written: the explorer's
old semantics) and with its `en_stem` tokenizer (tantivy's own English
Snowball stemming, chosen by tantivy, not by us). A prefix `p*` is the OR
of every word of the corpus that starts with `p` (tantivy's query language
has no prefix term of its own). Both answer the fixed queries and the
known-item queries (bench/knownitem.mjs).
`python bench/reference.py DOCS_JSON QUERIES_JSON KNOWN_JSON OUT_JSON`"""
import json
import re
import sys
import tempfile
import time

import tantivy

docs_path, queries_path, known_path, out_path = sys.argv[1:5]
docs = json.load(open(docs_path))
queries = json.load(open(queries_path))
known = json.load(open(known_path))

def build(tokenizer):
    schema_builder = tantivy.SchemaBuilder()
    schema_builder.add_text_field("id", stored=True, tokenizer_name="raw")
    schema_builder.add_text_field("title", tokenizer_name=tokenizer)
    schema_builder.add_text_field("body", tokenizer_name=tokenizer)
    schema = schema_builder.build()
    index = tantivy.Index(schema, path=tempfile.mkdtemp())
    started = time.perf_counter()
    writer = index.writer(heap_size=256_000_000, num_threads=1)
    for d in docs:
        writer.add_document(tantivy.Document(id=d["id"], title=d["title"], body=d["text"]))
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    index.reload()
    return index, index.searcher(), seconds

vocabulary = set()
for d in docs:
    vocabulary.update(re.findall(r"[a-z0-9]+", (d["title"] + " " + d["text"]).lower()))

def tantivy_query(q):
    q = q.strip()
    if q.endswith("*") and " " not in q:
        stem = q[:-1].lower()
        words = sorted(w for w in vocabulary if w.startswith(stem))
        return "(" + " OR ".join(words) + ")" if words else stem
    return q

def top(index, searcher, q):
    parsed = index.parse_query(tantivy_query(q), ["title", "body"], field_boosts={"title": 2.0}, conjunction_by_default=True)
    return [searcher.doc(addr)["id"][0] for _, addr in searcher.search(parsed, 10).hits]

out = {"tantivy": getattr(tantivy, "__version__", ""), "known": {}}
for name, tokenizer in [("top", "default"), ("top_stem", "en_stem")]:
    index, searcher, seconds = build(tokenizer)
    if tokenizer == "default":
        out["indexing_seconds"] = seconds
    out[name] = {q: top(index, searcher, q) for qs in queries.values() for q in qs}
    out["known"][tokenizer] = {q: top(index, searcher, q) for k in known for q in (k["written"], k["inflected"])}
json.dump(out, open(out_path, "w"), indent=1)
print(f"reference: {len(docs)} documents indexed by tantivy ({out['indexing_seconds']:.2f} s); {len(out['top'])} queries, {len(known)} known items")