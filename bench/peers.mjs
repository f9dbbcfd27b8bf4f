// Builds each peer's index the way a static site would ship it, timing the
// indexing (in Node, each library's home), into a site folder that the
// harness page serves: `node bench/peers.mjs DOCS_JSON SITE_DIR`.
//   minisearch.json  MiniSearch 7  (JSON.stringify of the index)
//   flexsearch/*     FlexSearch 0.8 Document export (forward tokenizer: prefixes)
//   lunr.json        Lunr 2 (serialised index)
//   pagefind/        Pagefind 1.6, run by its CLI on one HTML page per document
//   titles.json      id → title, what each peer shows per hit
//   lib/             the libraries' browser builds
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { Document } from 'flexsearch';
import lunr from 'lunr';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [docsPath, site] = process.argv.slice(2);
const docs = JSON.parse(fs.readFileSync(docsPath, 'utf8'));
fs.rmSync(site, { recursive: true, force: true });
fs.mkdirSync(path.join(site, 'lib'), { recursive: true });
const timings = {};
const time = async (name, fn) => {
  const t = performance.now();
  await fn();
  timings[name] = (performance.now() - t) / 1000;
};

fs.copyFileSync(path.join(HERE, 'node_modules/minisearch/dist/umd/index.js'), path.join(site, 'lib/minisearch.js'));
fs.copyFileSync(path.join(HERE, 'node_modules/flexsearch/dist/flexsearch.bundle.module.min.mjs'), path.join(site, 'lib/flexsearch.mjs'));
fs.copyFileSync(path.join(HERE, 'node_modules/lunr/lunr.min.js'), path.join(site, 'lib/lunr.js'));
fs.copyFileSync(path.join(HERE, 'page.html'), path.join(site, 'index.html'));
fs.copyFileSync(path.join(HERE, 'page.mjs'), path.join(site, 'page.mjs'));
fs.writeFileSync(path.join(site, 'titles.json'), JSON.stringify(Object.fromEntries(docs.map((d) => [d.id, d.title]))));

await time('MiniSearch 7', () => {
  const ms = new MiniSearch({ fields: ['title', 'text'], idField: 'id' });
  ms.addAll(docs);
  fs.writeFileSync(path.join(site, 'minisearch.json'), JSON.stringify(ms));
});

await time('FlexSearch 0.8', async () => {
  const fx = new Document({ document: { id: 'id', index: ['title', 'text'] }, tokenize: 'forward' });
  for (const d of docs) fx.add(d);
  const dir = path.join(site, 'flexsearch');
  fs.mkdirSync(dir);
  const keys = [];
  await fx.export((key, data) => {
    keys.push(key);
    fs.writeFileSync(path.join(dir, `${key}.json`), typeof data === 'string' ? data : JSON.stringify(data));
  });
  fs.writeFileSync(path.join(dir, 'keys.json'), JSON.stringify(keys));
});

await time('Lunr 2', () => {
  const idx = lunr(function () {
    this.ref('id');
    this.field('title', { boost: 2 });
    this.field('text');
    for (const d of docs) this.add(d);
  });
  fs.writeFileSync(path.join(site, 'lunr.json'), JSON.stringify(idx));
});

// Pagefind indexes built HTML: one page per document, the text as text.
const pages = fs.mkdtempSync(path.join(path.dirname(site), 'pagefind-pages-'));
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
docs.forEach((d, i) => {
  fs.writeFileSync(path.join(pages, `${i}.html`),
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(d.title)}</title></head>` +
    `<body><main data-pagefind-body><h1>${esc(d.title)}</h1><pre>${esc(d.text)}</pre></main></body></html>`);
});
fs.writeFileSync(path.join(site, 'pagefind-ids.json'), JSON.stringify(docs.map((d) => d.id)));
await time('Pagefind 1.6', () => {
  execFileSync(path.join(HERE, 'node_modules/.bin/pagefind'), ['--site', pages, '--output-path', path.join(site, 'pagefind'), '--quiet'], { stdio: 'inherit' });
});
fs.rmSync(pages, { recursive: true, force: true });
fs.writeFileSync(path.join(site, 'indexing.json'), JSON.stringify(timings));
console.log(`peers indexed ${docs.length} documents:`, Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(2)} s`).join(', '));
