// A long session's memory: WORDS different words searched one after another
// on a built page (a large corpus: its texts and fragments come as shown),
// each typed at once into the search box, its answer and every snippet of
// the list awaited, the page's JS + wasm memory measured every STEP words
// with the files it has fetched so far. What a page keeps of the texts and
// fragments it has read (docs/CONTRACT.md) bounds the curve; without that
// it grows with every word. Figures only: `./dev bench` does not run it.
// `node bench/session.mjs DIST CORPUS_DIR [WORDS] [STEP]`: the words are
// drawn from CORPUS_DIR's `.txt` files (six letters or more, three a file,
// the files in a fixed shuffled order), so every run asks the same ones.
import fs from 'node:fs';
import path from 'node:path';
import { serve } from '../tests/e2e/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';
import { walk } from './corpus.mjs';

const [dist, corpus, total = '400', step = '100'] = process.argv.slice(2);
if (!dist || !corpus) throw new Error('usage: node bench/session.mjs DIST CORPUS_DIR [WORDS] [STEP]');

// A deterministic shuffle (the same generator as bench/corpus.mjs's copies).
let seed = 7;
const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const files = walk(corpus, (r) => r.endsWith('.txt'));
for (let i = files.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [files[i], files[j]] = [files[j], files[i]];
}
const words = [];
for (const f of files) {
  const found = [...new Set(fs.readFileSync(path.join(corpus, f), 'utf8').toLowerCase().match(/\b[a-z]{6,}\b/g) ?? [])];
  for (const w of found.slice(0, 3)) if (!words.includes(w)) words.push(w);
  if (words.length >= Number(total)) break;
}

// Cross-origin isolated, for performance.measureUserAgentSpecificMemory().
const server = await serve(path.resolve(dist), '/', { headers: { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
const browser = await launch('chromium');
// (No service worker: its own downloads are not the page's.)
const context = await browser.newContext({ serviceWorkers: 'block' });
const page = await context.newPage();
// That measurement leaves out wasm memory: every instance's is added.
await page.addInitScript(() => {
  window.__wasmMemories = [];
  const keep = (r) => {
    for (const v of Object.values(r.instance?.exports ?? {})) if (v instanceof WebAssembly.Memory) window.__wasmMemories.push(v);
    return r;
  };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = (...a) => streaming(...a).then(keep);
  const plain = WebAssembly.instantiate;
  WebAssembly.instantiate = (...a) => plain(...a).then((r) => (r.instance ? keep(r) : r));
});
const settled = () => page.waitForFunction(() => {
  const count = document.querySelector('#count')?.textContent ?? '';
  const hits = [...document.querySelectorAll('#results > li:not([hidden])')];
  return /documents?$/.test(count) && !document.querySelector('.lists-coming') && hits.every((h) => h.querySelector('.snippet')?.textContent.trim());
}, null, { timeout: 120000 });
await page.goto(`${server.url}?q=${words[0]}`);
await settled();
const box = page.getByRole('searchbox', { name: 'Search' });
const fetched = (dir) => server.requests.filter((r) => r.includes(`/${dir}/`));
console.log(`${dist}: ${words.length} words from ${corpus}`);
console.log('| words | JS + wasm memory | of it wasm | texts files fetched (different) | fragments fetched (different) |');
console.log('|---:|---:|---:|---:|---:|');
for (let i = 1; i < words.length; i++) {
  await box.fill(words[i]);
  await settled();
  if ((i + 1) % Number(step) === 0 || i + 1 === words.length) {
    const { all, wasm } = await page.evaluate(async () => {
      const wasm = window.__wasmMemories.reduce((n, m) => n + m.buffer.byteLength, 0);
      return { all: (await performance.measureUserAgentSpecificMemory()).bytes + wasm, wasm };
    });
    const mib = (b) => `${(b / 2 ** 20).toFixed(1)} MiB`;
    const files = (dir) => `${fetched(dir).length} (${new Set(fetched(dir)).size})`;
    console.log(`| ${i + 1} | ${mib(all)} | ${mib(wasm)} | ${files('texts')} | ${files('fragments')} |`);
  }
}
await browser.close();
await server.close();
