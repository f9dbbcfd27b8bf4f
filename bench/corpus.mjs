// Makes the benchmark corpora from the Linux kernel documentation sources
// (`*.rst.txt` of Debian's linux-doc-6.1, fetched by bench/run.sh):
//   corpus-<N>/   the files as the explorer's build reads them (CORPUS_DIR)
//   docs-<N>.json [{id, title, text}] for the peers and the reference
// Sizes: about 300 (every 10th file), all (~3,200), and ~30,000 (the whole set
// repeated with altered words, so that the vocabulary grows as a larger real
// corpus's would). `node bench/corpus.mjs SOURCES_DIR OUT_DIR`
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The regular files under `dir` (paths relative to it, sorted) that `keep`
 *  accepts; by default the kernel's `.rst.txt` sources. Symlinks are left out. */
export function walk(dir, keep = (r) => r.endsWith('.rst.txt'), rel = '') {
  if (!fs.existsSync(dir)) throw new Error(`${dir} is missing: bench/run.sh fetches and unpacks it`);
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = path.join(rel, e.name);
    if (e.isDirectory()) return walk(dir, keep, r);
    return e.isFile() && keep(r) ? [r] : [];
  }).sort();
}

// The explorer's title rule, so that every engine gets the same title field:
// the first line that is not reStructuredText markup.
function titleOf(text, id) {
  for (const raw of text.split('\n').slice(0, 40)) {
    const line = raw.trim();
    if (!line || line.startsWith('..') || /^:[^:]+:/.test(line) || /^[!-/:-@[-`{-~]+$/.test(line)) continue;
    return line.slice(0, 200);
  }
  return id;
}

// A deterministic generator: the same corpus on every machine.
function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

// Copy `k` of a text: about one word in three of 4+ letters gets a suffix,
// so copies share structure but not all of their words.
export function alter(text, k) {
  const r = rng(k * 7919);
  const suffix = 'abcdefghijklmnopqrstuvwxyz'[k % 26];
  return text.replace(/[A-Za-z]{4,}/g, (w) => (r() < 1 / 3 ? w + suffix : w));
}

/** The kernel's sources under `src`: [{id, text}], in path order. */
export const originals = (src) => walk(src).map((f) => ({ id: f.replace(/\.txt$/, ''), text: fs.readFileSync(path.join(src, f), 'utf8') }));

/** Writes `docs` as files under `dir` (each `<id>.txt`), with `.complete` holding their count. */
export function writeCorpus(dir, docs) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const d of docs) {
    const file = path.join(dir, `${d.id}.txt`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, d.text);
  }
  fs.writeFileSync(path.join(dir, '.complete'), `${docs.length}\n`);
}

/** The originals and `copies` altered copies of them (`copy-K/<id>`). */
export const expanded = (docs, copies) =>
  [...docs, ...Array.from({ length: copies }, (_, c) => docs.map((d) => ({ id: `copy-${c + 1}/${d.id}`, text: alter(d.text, c + 1) }))).flat()];

if (process.argv[1] === fileURLToPath(import.meta.url)) main(...process.argv.slice(2));

function main(src, out) {
  if (!src || !out) throw new Error('usage: node bench/corpus.mjs SOURCES_DIR OUT_DIR');
  const docs = originals(src);
  const sizes = { small: docs.filter((_, i) => i % 10 === 0), full: docs, large: expanded(docs, 9) };
  const made = {};
  for (const [name, these] of Object.entries(sizes)) {
    const dir = path.join(out, `corpus-${name}`);
    if (!fs.existsSync(path.join(dir, '.complete'))) {
      writeCorpus(dir, these);
      fs.writeFileSync(path.join(out, `docs-${name}.json`), JSON.stringify(these.map((d) => ({ id: d.id, title: titleOf(d.text, d.id), text: d.text }))));
    }
    made[name] = these.length;
  }
  console.log(JSON.stringify(made));
}
