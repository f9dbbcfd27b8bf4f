// Known-item queries: for documents sampled from the corpus, a query made of
// three of the document's own distinctive words (highest tf·idf among its
// words of 5+ letters that at least one other document also uses), once as
// written and once inflected as a person might type them (plural ↔
// singular, -ing ↔ -ed). Every engine is asked both; the figure is the mean
// reciprocal rank of the document in its top 10 (0 when absent).
// Deterministic: the same queries on every machine.
// `node bench/knownitem.mjs DOCS_JSON OUT_JSON`
import fs from 'node:fs';

const SAMPLE = 200;
const WORDS = 3;

/** The inflection a person might type instead of the form the text uses. */
export function inflect(w) {
  if (w.endsWith('ing') && w.length > 6) return `${w.slice(0, -3)}ed`;
  if (w.endsWith('ed') && w.length > 5) return `${w.slice(0, -2)}ing`;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  if (w.endsWith('y') && !/[aeiou]y$/.test(w)) return `${w.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(w)) return `${w}es`;
  return `${w}s`;
}

const [docsPath, outPath] = process.argv.slice(2);
if (docsPath && outPath) {
  const docs = JSON.parse(fs.readFileSync(docsPath, 'utf8'));
  const words = (d) => (`${d.title} ${d.text}`.toLowerCase().match(/[a-z]+/g) ?? []);
  const df = new Map();
  const counts = docs.map((d) => {
    const tf = new Map();
    for (const w of words(d)) tf.set(w, (tf.get(w) ?? 0) + 1);
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    return tf;
  });
  const n = docs.length;
  const out = [];
  const step = Math.max(1, Math.floor(n / SAMPLE));
  for (let i = 0; i < n && out.length < SAMPLE; i += step) {
    const best = [...counts[i]]
      .filter(([w]) => w.length >= 5 && df.get(w) >= 2)
      .map(([w, tf]) => [w, tf * Math.log(n / df.get(w))])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, WORDS)
      .map(([w]) => w);
    if (best.length < WORDS) continue;
    out.push({ id: docs[i].id, written: best.join(' '), inflected: best.map(inflect).join(' ') });
  }
  fs.writeFileSync(outPath, JSON.stringify(out, null, 1));
  console.log(`known-item: ${out.length} documents, e.g. "${out[0].written}" → "${out[0].inflected}"`);
}
