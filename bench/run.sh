#!/usr/bin/env bash
# The benchmark, one command (`./dev bench`, which sets up the build tools
# and Chromium first). Fetches what it needs into bench/.cache (never
# committed), builds the explorer once and puts three corpus sizes into copies of it and the peers'
# indexes, computes the tantivy reference, then runs bench/compare.mjs,
# which prints the table and writes bench/RESULTS.md. A second run reuses
# the corpus, the peers' indexes and the reference.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="$PWD/bench/.cache"
mkdir -p "$CACHE"
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

SOURCES="$CACHE/linux-doc/usr/share/doc/linux-doc-6.1/html/_sources"
if [ ! -d "$SOURCES" ]; then
  say "fetching the corpus: Debian's linux-doc-6.1 (the *.rst.txt sources)"
  (cd "$CACHE" && apt-get download linux-doc-6.1 && dpkg -x linux-doc-6.1_*.deb linux-doc && rm -f linux-doc-6.1_*.deb)
fi

# A larger real corpus: the documentation other Debian packages ship
# (bench/real.mjs says what it keeps). groff (groff-base, in every Debian)
# renders the man pages.
DEBIAN="$CACHE/debian"
PACKAGES="rust-doc python3.11-doc postgresql-doc-15 git-doc cmake-doc sphinx-doc manpages manpages-dev perl-doc"
if [ ! -f "$DEBIAN/.complete" ]; then
  say "fetching a larger real corpus: the documentation of $PACKAGES"
  rm -rf "$DEBIAN" && mkdir -p "$DEBIAN"
  # shellcheck disable=SC2086
  (cd "$DEBIAN" && apt-get download $PACKAGES && for f in *.deb; do dpkg -x "$f" "${f%%_*}"; done && rm -f ./*.deb)
  touch "$DEBIAN/.complete"
fi

if [ ! -f bench/node_modules/.package-lock.json ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  say "installing the peers from npm (MiniSearch, FlexSearch, Lunr, Pagefind)"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
if ! bench/.venv/bin/python -c 'import tantivy' 2>/dev/null; then
  say "installing the reference ranker (tantivy's Python bindings)"
  python3 -m venv bench/.venv
  bench/.venv/bin/pip install -q tantivy==0.25.1
fi

say "corpora of about 300, 3,200 and 30,000 documents"
node bench/corpus.mjs "$SOURCES" "$CACHE"
say "a corpus of about 31,000 real documents: the kernel's sources, six manuals' web pages, the man pages"
node bench/real.mjs "$SOURCES" "$DEBIAN" "$CACHE"

if [ ! -f "$CACHE/known-full.json" ] || [ bench/knownitem.mjs -nt "$CACHE/known-full.json" ]; then
  say "known-item queries (a document's own distinctive words, as written and inflected)"
  node bench/knownitem.mjs "$CACHE/docs-full.json" "$CACHE/known-full.json"
fi

if [ ! -f "$CACHE/ref-full.json" ] || [ bench/queries.json -nt "$CACHE/ref-full.json" ] || [ bench/reference.py -nt "$CACHE/ref-full.json" ] || [ "$CACHE/known-full.json" -nt "$CACHE/ref-full.json" ]; then
  say "reference top 10 per query (tantivy BM25, word forms and en_stem)"
  bench/.venv/bin/python bench/reference.py "$CACHE/docs-full.json" bench/queries.json "$CACHE/known-full.json" "$CACHE/ref-full.json"
fi

if [ ! -f "$CACHE/site-full/indexing.json" ] || [ bench/peers.mjs -nt "$CACHE/site-full/indexing.json" ]; then
  say "the peers' indexes"
  node bench/peers.mjs "$CACHE/docs-full.json" "$CACHE/site-full"
fi
cp bench/page.html "$CACHE/site-full/index.html"
cp bench/page.mjs "$CACHE/site-full/page.mjs"

# One wasm build; each corpus is indexed natively into a copy of it (./dev index).
say "building the explorer page (dist/)"
trunk build --release --offline 2>&1 | grep -E "^corpus|^post_build|^error" || true
[ -f dist/index.html ] || { echo "the build of the page failed" >&2; exit 1; }
for size in seeds small full large real; do
  say "indexing corpus-$size into a copy of the page"
  dir="$CACHE/corpus-$size"
  [ "$size" = seeds ] && dir="$PWD/seeds"
  node tools/put_corpus.mjs "$dir" "$CACHE/dist-$size" 2>&1 | grep -E "^corpus|^error|documents in" || true
  [ -f "$CACHE/dist-$size/index.html" ] || { echo "indexing corpus-$size failed" >&2; exit 1; }
done

say "measuring, side by side, in one headless Chromium"
node bench/compare.mjs "$CACHE"

say "the corpus views and analyses, natively, on corpus-full (a very common, a common and a rare word)"
views=$(cargo run --release -q -p engine --example views_bench -- "$CACHE/corpus-full" the memory spinlock)
{
  printf '\n## Corpus views and analyses, natively, on corpus-full (%s)\n\n' "$(date -u +%F)"
  printf 'Recomputed on each keystroke while the view is open; target 50 ms. '
  printf '`cargo run --release -p engine --example views_bench -- bench/.cache/corpus-full the memory spinlock`, p50 / p95 ms:\n\n```\n%s\n```\n' "$views"
} >> bench/RESULTS.md

say "reading files per format, natively: the mixed-format fixtures and linux-doc's 3,185 Sphinx HTML pages beside their sources"
HTML="$CACHE/linux-doc/usr/share/doc/linux-doc-6.1/html"
reading=$(cargo run --release -q -p engine --example ingest -- tests/fixtures/formats "$HTML")
{
  printf '\n## Reading files per format, natively (%s)\n\n' "$(date -u +%F)"
  printf 'Decoding and extraction as the build does them, one file at a time on one core, then the whole folder as the build reads it (every core). '
  printf '`cargo run --release -p engine --example ingest -- tests/fixtures/formats %s`:\n\n```\n%s\n```\n' "${HTML#"$PWD"/}" "$reading"
} >> bench/RESULTS.md
