"""Reference ranking for the benchmark: BM25 top 10 from tantivy (Python
bindings), title and text indexed, title boosted x2 as in the explorer,
words ANDed. A prefix `p*` is the OR of every word of the corpus that starts
with `p` (tantivy's query language has no prefix term of its own).
`python bench/reference.py DOCS_JSON QUERIES_JSON OUT_JSON`"""
import json
import re
import sys
import tempfile
import time

import tantivy

docs_path, queries_path, out_path = sys.argv[1:4]
docs = json.load(open(docs_path))
queries = json.load(open(queries_path))

schema_builder = tantivy.SchemaBuilder()
schema_builder.add_text_field("id", stored=True, tokenizer_name="raw")
schema_builder.add_text_field("title")
schema_builder.add_text_field("body")
schema = schema_builder.build()
index = tantivy.Index(schema, path=tempfile.mkdtemp())
started = time.perf_counter()
writer = index.writer(heap_size=256_000_000, num_threads=1)
for d in docs:
    writer.add_document(tantivy.Document(id=d["id"], title=d["title"], body=d["text"]))
writer.commit()
writer.wait_merging_threads()
indexing = time.perf_counter() - started
index.reload()
searcher = index.searcher()

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

out = {"indexing_seconds": indexing, "tantivy": tantivy.__version__ if hasattr(tantivy, "__version__") else "", "top": {}}
for cls, qs in queries.items():
    for q in qs:
        parsed = index.parse_query(tantivy_query(q), ["title", "body"], field_boosts={"title": 2.0}, conjunction_by_default=True)
        hits = searcher.search(parsed, 10).hits
        out["top"][q] = [searcher.doc(addr)["id"][0] for _, addr in hits]
json.dump(out, open(out_path, "w"), indent=1)
print(f"reference: {len(docs)} documents indexed by tantivy in {indexing:.2f} s; {len(out['top'])} queries")
