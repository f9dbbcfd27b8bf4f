// Prints what a visitor pays for the built page in dist/: bytes (raw and
// gzip) per file, and the time from navigation to the first rendered
// results in headless Chromium (median and worst of several cold loads).
// Figures only, no pass/fail: `./dev measure`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.resolve(ROOT, process.env.DIST ?? 'dist');
const RUNS = Number(process.env.RUNS ?? 15);

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
// What a visitor of the hosted page downloads (explorer.html is the separate single-file copy).
let total = 0, totalGz = 0;
console.log('file'.padEnd(44), 'raw'.padStart(12), 'gzip -9'.padStart(12));
for (const f of fs.readdirSync(DIST).sort()) {
  const p = path.join(DIST, f);
  if (!fs.statSync(p).isFile()) continue;
  const raw = fs.readFileSync(p);
  const gz = zlib.gzipSync(raw, { level: 9 }).length;
  if (f !== 'explorer.html') { total += raw.length; totalGz += gz; }
  console.log(f.padEnd(44), kb(raw.length).padStart(12), kb(gz).padStart(12));
}
console.log('hosted page total'.padEnd(44), kb(total).padStart(12), kb(totalGz).padStart(12));

// The largest functions of the wasm: a browser compiles each function whole
// when it is first called, and again, optimised, once it runs hot, so one
// huge function (wasm-opt inlines whatever has a single caller, however
// large) is paid for twice while the page opens (index.html caps it).
const wasmFile = fs.readdirSync(DIST).find((f) => f.endsWith('_bg.wasm'));
if (wasmFile) {
  const sizes = functionSizes(fs.readFileSync(path.join(DIST, wasmFile)));
  const top = [...sizes].sort((a, b) => b - a).slice(0, 3);
  console.log(`wasm functions: ${sizes.length}, the largest ${top.map((n) => `${(n / 1024).toFixed(1)} KiB`).join(', ')}`);
}

const server = await serve(DIST);
const browser = await launch();
const times = [];
const phases = [];
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext(); // cold: no cache between runs
  const page = await context.newPage();
  // Records the moment the first hit is in the DOM, measured from navigation start.
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('#results > li')) {
        window.__firstResults = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(server.url);
  await page.waitForFunction(() => window.__firstResults !== undefined);
  // The paint follows the DOM change at the next frame.
  const t = await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(window.__firstResults))));
  times.push(t);
  // Where the time went: files in, wasm started, corpus in, index decoded, app mounted.
  phases.push(await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    const files = Math.max(...performance.getEntriesByType('resource').filter((e) => /\.(wasm|bin|js)$/.test(e.name)).map((e) => e.responseEnd));
    return { files, start: at('explorer:start'), fetched: at('explorer:corpus-fetched'), decoded: at('explorer:index-decoded'), mounted: at('explorer:mounted') };
  }));
  await context.close();
}
await browser.close();
await server.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`navigation → first rendered results: median ${median.toFixed(1)} ms, worst ${times.at(-1).toFixed(1)} ms over ${RUNS} cold loads (loopback)`);
const med = (key) => {
  const xs = phases.map((p) => p[key]).filter((x) => x !== undefined).sort((a, b) => a - b);
  return xs.length ? `${xs[Math.floor(xs.length / 2)].toFixed(0)} ms` : 'n/a';
};
console.log(`  medians: files loaded ${med('files')}, wasm started ${med('start')}, corpus fetched ${med('fetched')}, ` +
  `index decoded ${med('decoded')}, app mounted ${med('mounted')}`);

/** The size in bytes of each function body in a wasm module (its code section). */
function functionSizes(bytes) {
  let at = 8; // magic and version
  const leb = () => {
    let value = 0, shift = 0, byte;
    do { byte = bytes[at++]; value += (byte & 0x7f) * 2 ** shift; shift += 7; } while (byte & 0x80);
    return value;
  };
  while (at < bytes.length) {
    const id = bytes[at++];
    const length = leb();
    const end = at + length;
    if (id === 10) {
      const sizes = [];
      for (let n = leb(); n > 0; n--) {
        const size = leb();
        sizes.push(size);
        at += size;
      }
      return sizes;
    }
    at = end;
  }
  return [];
}
