// The side-by-side run: this explorer (its real release build, called through
// the page) and the peers (bench/page.mjs), one headless Chromium session on
// loopback, the same fixed queries (bench/queries.json). Prints one table
// and writes bench/RESULTS.md. Figures only, never pass/fail.
// `node bench/compare.mjs CACHE_DIR` (bench/run.sh prepares CACHE_DIR).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';
import { keystrokes as typeKeys, domCalls } from './keystroke.mjs';
import { timeFirstAnswer } from './ab.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CACHE = process.argv[2] ?? path.join(HERE, '.cache');
const QUERIES = JSON.parse(fs.readFileSync(path.join(HERE, 'queries.json'), 'utf8'));
const KNOWN = JSON.parse(fs.readFileSync(path.join(CACHE, 'known-full.json'), 'utf8'));
const REPS = Number(process.env.REPS ?? 100);
const LOADS = Number(process.env.LOADS ?? 5);
// Cross-origin isolation: 5 µs timers and performance.measureUserAgentSpecificMemory().
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const filesUnder = (dir) => fs.readdirSync(dir, { recursive: true }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
const gzOf = (files) => files.reduce((n, f) => n + gz(fs.readFileSync(f)), 0);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))]; };
const median = (xs) => pct(xs, 0.5);

/** Texts as a site ships them for display: every document's text, gzip. */
function textsGz(size) {
  if (size === 'seeds') {
    const dir = path.join(HERE, '..', 'seeds');
    return gz(Buffer.from(JSON.stringify(fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8')))));
  }
  const docs = JSON.parse(fs.readFileSync(path.join(CACHE, `docs-${size}.json`), 'utf8'));
  return gz(Buffer.from(JSON.stringify(docs.map((d) => d.text))));
}

/** Bytes a visitor downloads (gzip): app code, index, texts. */
function bytesOf(engine, size) {
  if (engine === 'explorer') {
    const dist = path.join(CACHE, `dist-${size}`);
    const all = filesUnder(dist).filter((f) => !f.endsWith('explorer.html') && !f.endsWith('sw.js'));
    // The index: the corpus file, and a sharded index's fragments under fragments/ (fetched per query).
    const corpus = all.filter((f) => /corpus-[0-9a-f]+\.bin$/.test(f) || f.includes(`${path.sep}fragments${path.sep}`));
    // The texts are chunk files of their own under texts/, fetched as documents are shown.
    const texts = all.filter((f) => f.includes(`${path.sep}texts${path.sep}`));
    const code = all.filter((f) => !corpus.includes(f) && !texts.includes(f));
    return { code: gzOf(code), index: gzOf(corpus), texts: gzOf(texts), note: 'texts fetched in part, as shown' };
  }
  const site = path.join(CACHE, `site-${size}`);
  const titles = gzOf([path.join(site, 'titles.json')]);
  if (engine === 'pagefind') {
    const pf = filesUnder(path.join(site, 'pagefind'));
    const code = pf.filter((f) => /\.(js|css)$|wasm\./.test(path.basename(f)) && !f.includes('pagefind-ui'));
    const fragments = pf.filter((f) => f.includes(`${path.sep}fragment${path.sep}`));
    const index = pf.filter((f) => !code.includes(f) && !fragments.includes(f) && !f.includes('pagefind-ui') && !f.includes('pagefind-modular-ui') && !f.includes('pagefind-component-ui'));
    return { code: gzOf(code), index: gzOf(index), texts: gzOf(fragments), note: 'fetched in part, per query' };
  }
  const lib = { minisearch: 'lib/minisearch.js', flexsearch: 'lib/flexsearch.mjs', lunr: 'lib/lunr.js' }[engine];
  const index = engine === 'flexsearch' ? filesUnder(path.join(site, 'flexsearch')) : [path.join(site, `${engine}.json`)];
  return { code: gzOf([path.join(site, lib)]), index: gzOf(index) + titles, texts: textsGz(size), note: 'titles with the index' };
}

const NAMES = { explorer: 'this explorer', 'explorer-rank': 'this explorer, ranking only (no snippets)', minisearch: 'MiniSearch 7', flexsearch: 'FlexSearch 0.8', lunr: 'Lunr 2', pagefind: 'Pagefind 1.6' };

/** Loads the engine's page cold LOADS times; returns the last page, kept
 *  open, with the median time to the first answer and (given the folder
 *  served, `root`) the gzip bytes of its files fetched before it (by the page's resource timing: the
 *  service worker's own downloads are not the page's). */
async function open(browser, engine, url, root) {
  const loads = [];
  let before = 0;
  let kept;
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The UA memory measurement leaves out wasm linear memory: record every
    // instance's memory to add it (ours and Pagefind's).
    await page.addInitScript(() => {
      window.__wasmMemories = [];
      const keep = (result) => {
        const instance = result.instance ?? result;
        for (const v of Object.values(instance.exports ?? {})) if (v instanceof WebAssembly.Memory) window.__wasmMemories.push(v);
        return result;
      };
      for (const name of ['instantiate', 'instantiateStreaming']) {
        const original = WebAssembly[name];
        WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
      }
    });
    if (engine.startsWith('explorer')) await timeFirstAnswer(page);
    await page.goto(url, { timeout: 600_000 });
    await page.waitForFunction(() => window.__firstAnswer !== undefined, null, { timeout: 600_000 });
    loads.push(await page.evaluate(() => window.__firstAnswer));
    if (root) {
      const fetched = await page.evaluate(() => [location.href, ...performance.getEntriesByType('resource')
        .filter((e) => e.responseEnd <= window.__firstAnswer).map((e) => e.name)]);
      const local = [...new Set(fetched.map((u) => decodeURIComponent(new URL(u).pathname)))]
        .map((p) => path.join(root, p.endsWith('/') ? `${p}index.html` : p)).filter((f) => fs.existsSync(f) && fs.statSync(f).isFile());
      before = gzOf(local);
    }
    if (i < LOADS - 1) await context.close();
    else kept = { page, context };
  }
  const memory = await kept.page.evaluate(async () => {
    if (!crossOriginIsolated || !performance.measureUserAgentSpecificMemory) return null;
    const wasm = window.__wasmMemories.reduce((n, m) => n + m.buffer.byteLength, 0);
    return (await performance.measureUserAgentSpecificMemory()).bytes + wasm;
  });
  return { ...kept, firstAnswer: median(loads), memory, before };
}

/** Latency samples per query class and each query's top 10. */
async function measure(page, engine) {
  return page.evaluate(async ({ queries, known, reps, engine }) => {
    const ours = async (q) => (await window.wasmBindings.query_top(q, 10)).map((h) => h.id);
    const run = engine === 'explorer' ? ours
      : engine === 'explorer-rank' ? (q) => window.wasmBindings.query_count(q)
      : (q) => window.__search(q);
    const top = engine.startsWith('explorer') ? ours : run;
    const out = { classes: {}, top: {}, known: {}, cold: [] };
    // First, each query once on the page as it opened (its first answer
    // given): the first run of a query fetches what it lacks (our fragments
    // and texts, Pagefind's), unless a query before it fetched the same.
    for (const qs of Object.values(queries)) {
      for (const q of qs) {
        const t = performance.now();
        await run(q);
        out.cold.push(performance.now() - t);
      }
    }
    for (const k of known) for (const q of [k.written, k.inflected]) out.known[q] = await top(q);
    for (const [cls, qs] of Object.entries(queries)) {
      const times = [];
      for (const q of qs) {
        out.top[q] = await top(q);
        const n = engine === 'pagefind' ? Math.ceil(reps / 4) : reps; // Pagefind answers over the network
        for (let i = 0; i < 5; i++) await run(q);
        for (let i = 0; i < n; i++) {
          const t = performance.now();
          await run(q);
          times.push(performance.now() - t);
        }
      }
      out.classes[cls] = times;
    }
    return out;
  }, { queries: QUERIES, known: KNOWN, reps: REPS, engine });
}

/** A link slower than loopback, as Chromium emulates it: what a visitor on
 *  a 10 Mbit/s line 40 ms away pays, where loopback prices only round
 *  trips and work. The host sends text files gzip'd, as hosts do. */
const LINK = { latency: 40, downloadThroughput: 10e6 / 8, uploadThroughput: 5e6 / 8 };
const LINK_NAME = '10 Mbit/s, 40 ms';
const LINK_LOADS = Number(process.env.LINK_LOADS ?? 3);
const hostGzip = (rel) => /\.(html|js|mjs|css|wasm|bin|json|svg)$/.test(rel);

/** Cold loads of `url` over [`LINK`] (`LINK_LOADS`, 3): the median time
 *  to the first answer (one load alone once read 1,934 ms where three
 *  more gave 1,051–1,108), then, on the last, each query's first run (as
 *  `measure` times them on loopback). */
async function overLink(browser, engine, url) {
  const answers = [];
  for (let i = 1; i < LINK_LOADS; i++) answers.push((await overLinkOnce(browser, engine, url, false)).firstAnswer);
  const last = await overLinkOnce(browser, engine, url, true);
  return { firstAnswer: median([...answers, last.firstAnswer]), cold: last.cold };
}

async function overLinkOnce(browser, engine, url, runQueries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...LINK });
  if (engine === 'explorer') await timeFirstAnswer(page);
  await page.goto(url, { timeout: 600_000 });
  await page.waitForFunction(() => window.__firstAnswer !== undefined, null, { timeout: 600_000 });
  const firstAnswer = await page.evaluate(() => window.__firstAnswer);
  const cold = !runQueries ? [] : await page.evaluate(async ({ queries, engine }) => {
    const run = engine === 'explorer' ? (q) => window.wasmBindings.query_top(q, 10) : (q) => window.__search(q);
    const out = [];
    for (const q of Object.values(queries).flat()) {
      const t = performance.now();
      await run(q);
      out.push(performance.now() - t);
    }
    return out;
  }, { queries: QUERIES, engine });
  await context.close();
  return { firstAnswer, cold };
}

/** Keystroke to results in the explorer, each query typed a key at a time
 *  (bench/keystroke.mjs), with the browser's floor for the next frame. */
async function keystrokes(page) {
  const queries = Object.values(QUERIES).flat();
  const r = await typeKeys(page, queries);
  r.floor = (await typeKeys(page, queries, true)).frame;
  r.calls = await domCalls(page, queries); // last: it leaves the page's DOM methods counted
  return r;
}

function overlap(top, ref) {
  const perClass = {};
  for (const [cls, qs] of Object.entries(QUERIES)) {
    const scores = qs.map((q) => {
      const r = ref.top[q] ?? [];
      const a = (top[q] ?? []).slice(0, 10);
      if (r.length === 0) return a.length === 0 ? 1 : 0;
      return a.filter((id) => r.includes(id)).length / r.length;
    });
    perClass[cls] = scores.reduce((x, y) => x + y, 0) / scores.length;
  }
  return perClass;
}

/** Mean reciprocal rank of each known item in its query's top 10 (0 when absent). */
function mrr(top, form) {
  const rr = KNOWN.map((k) => {
    const i = (top[k[form]] ?? []).slice(0, 10).indexOf(k.id);
    return i < 0 ? 0 : 1 / (i + 1);
  });
  return rr.reduce((a, b) => a + b, 0) / rr.length;
}

// The indexer as people run it: `./dev index` and Trunk's hook build it in
// the dev profile, with the engine and the corpus-reading crates at
// opt-level 3 (Cargo.toml). The release profile is the wasm's (opt-level
// "z", sized for the download): the same indexing took a third longer there.
function nativeIndexing(size) {
  const out = execFileSync('cargo', ['run', '-q', '-p', 'engine', '--example', 'build_time', '--', corpusDir(size), '--index-only'],
    { cwd: path.join(HERE, '..'), encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (phase) => {
    const m = new RegExp(`^${phase}\\s+([\\d.]+)(µs|ms|s)`, 'm').exec(out);
    return m ? Number(m[1]) / { µs: 1e6, ms: 1e3, s: 1 }[m[2]] : NaN;
  };
  return { read: seconds('read'), index: seconds('index'), docs: Number(/^read .* (\d+) documents/m.exec(out)?.[1]) };
}

// ---- the run ----
// SERIES=real (sizes, comma separated) measures only those rows of the growth
// table and prints them, leaving RESULTS.md as it is: it needs neither the
// peers' pages nor the reference.
const ONLY = process.env.SERIES?.split(',');
const ref = ONLY ? null : JSON.parse(fs.readFileSync(path.join(CACHE, 'ref-full.json'), 'utf8'));
const peerIndexing = ONLY ? null : JSON.parse(fs.readFileSync(path.join(CACHE, 'site-full', 'indexing.json'), 'utf8'));
const browser = await launch();
const chromiumVersion = browser.version();
const results = {};
const servers = [];
const siteServer = ONLY ? null : await serve(path.join(CACHE, 'site-full'), '/', { headers: ISOLATED });
if (siteServer) servers.push(siteServer);
for (const engine of ONLY ? [] : ['explorer', 'explorer-rank', 'minisearch', 'flexsearch', 'lunr', 'pagefind']) {
  let url, root = path.join(CACHE, 'site-full');
  if (engine.startsWith('explorer')) {
    root = path.join(CACHE, 'dist-full');
    const s = await serve(path.join(CACHE, 'dist-full'), '/', { headers: ISOLATED });
    servers.push(s);
    url = `${s.url}?q=memory`;
  } else {
    url = `${siteServer.url}?engine=${engine}&first=memory`;
  }
  process.stderr.write(`measuring ${NAMES[engine]}…\n`);
  const opened = await open(browser, engine, url, root);
  const m = await measure(opened.page, engine);
  const r = {
    firstAnswer: opened.firstAnswer, memory: opened.memory, before: opened.before, classes: m.classes, cold: m.cold,
    quality: overlap(m.top, ref), qualityStem: overlap(m.top, { top: ref.top_stem }),
    known: { written: mrr(m.known, 'written'), inflected: mrr(m.known, 'inflected') },
    bytes: bytesOf(engine.startsWith('explorer') ? 'explorer' : engine, 'full'),
  };
  if (['explorer', 'minisearch', 'flexsearch', 'lunr'].includes(engine)) r.keystroke = await keystrokes(opened.page);
  await opened.context.close();
  results[engine] = r;
}

// The same page and peers over a slower link, `LINK_LOADS` cold loads each. Their
// files are compressed before the first load (`packAhead`), as a host that
// stores them compressed sends them: compressing as asked would add zlib's
// time (60–100 ms for our wasm, 5–20 ms a fragment) to the first answer,
// which no visitor of such a host waits for.
if (!ONLY) {
  const site = await serve(path.join(CACHE, 'site-full'), '/', { headers: ISOLATED, gzip: hostGzip, packAhead: true });
  const ourSite = await serve(path.join(CACHE, 'dist-full'), '/', { headers: ISOLATED, gzip: hostGzip, packAhead: true });
  for (const engine of ['explorer', 'minisearch', 'flexsearch', 'lunr', 'pagefind']) {
    process.stderr.write(`measuring ${NAMES[engine]} over a ${LINK_NAME} link…\n`);
    const url = engine === 'explorer' ? `${ourSite.url}?q=memory` : `${site.url}?engine=${engine}&first=memory`;
    results[engine].link = await overLink(browser, engine, url);
  }
  await site.close();
  await ourSite.close();
}

// Our growth over corpus sizes.
const series = [];
const corpusDir = (size) => (size === 'seeds' ? path.join(HERE, '..', 'seeds') : path.join(CACHE, `corpus-${size}`));
const CORPORA = {
  seeds: 'the seeds',
  small: 'linux-doc, every 10th file',
  full: 'linux-doc',
  large: 'linux-doc and 9 altered copies',
  real: 'Debian documentation, mixed (bench/real.mjs)',
  // Measured only when its page is there: bench/scale.mjs writes the corpus
  // (93 altered copies of linux-doc), `node tools/put_corpus.mjs
  // CACHE/corpus-scale-299202 CACHE/dist-scale-299202` indexes it into a copy
  // of the page (minutes and 4 GiB; ./dev bench does not), then
  // `SERIES=scale-299202 node bench/compare.mjs CACHE` prints its row.
  'scale-299202': 'linux-doc and 93 altered copies (bench/scale.mjs)',
};
for (const size of ONLY ?? Object.keys(CORPORA)) {
  const dist = path.join(CACHE, `dist-${size}`);
  if (!fs.existsSync(dist)) continue;
  const indexing = nativeIndexing(size);
  process.stderr.write(`series: ${indexing.docs} documents…\n`);
  const row = { size, docs: indexing.docs, indexing, bytes: bytesOf('explorer', size) };
  const s = await serve(dist, '/', { headers: ISOLATED });
  try {
    // The first query must have hits in that corpus: the page is timed to its first result.
    const opened = await open(browser, 'explorer', `${s.url}?q=${size === 'seeds' ? 'Ashraf' : 'memory'}`, dist);
    const m = await measure(opened.page, 'explorer');
    const all = Object.values(m.classes).flat();
    Object.assign(row, { firstAnswer: opened.firstAnswer, before: opened.before, memory: opened.memory, p50: median(all), p95: pct(all, 0.95), cold: m.cold, keystroke: await keystrokes(opened.page) });
    await opened.context.close();
  } catch (e) {
    row.error = e.message.split('\n')[0];
  } finally {
    await s.close();
  }
  series.push(row);
}
await browser.close();
const kib = (n) => (n == null ? '–' : `${(n / 1024).toFixed(0)} KiB`);
const mib = (n) => (n == null ? '–' : `${(n / 1048576).toFixed(1)} MiB`);
const ms = (n) => (n == null || Number.isNaN(n) ? '–' : n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(0)} ms`);
const seriesLines = ['| corpus | documents | native reading + indexing | index + texts, gzip | app code, gzip | fetched before the first answer, gzip | first answered query | memory | query p50 / p95 (all classes) | first run of each query p50 / p95 | keystroke → laid out p95 (next frame) |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|'];
for (const s of series) {
  seriesLines.push(`| ${CORPORA[s.size]} | ${s.docs} | ${s.indexing.read.toFixed(2)} s + ${s.indexing.index.toFixed(2)} s | ${kib(s.bytes.index + s.bytes.texts)} | ${kib(s.bytes.code)} | ${s.error ? '–' : kib(s.before)} | ${s.error ? `failed: ${s.error}` : ms(s.firstAnswer)} | ${mib(s.memory)} | ${s.error ? '–' : `${ms(s.p50)} / ${ms(s.p95)}`} | ${s.error ? '–' : `${ms(median(s.cold))} / ${ms(pct(s.cold, 0.95))}`} | ${s.error ? '–' : `${ms(pct(s.keystroke.work, 0.95))} (${ms(pct(s.keystroke.frame, 0.95))})`} |`);
}
if (ONLY) {
  console.log(seriesLines.join('\n'));
  process.exit(0);
}

// Keystroke → results in Firefox too, beside a plain MiniSearch page (the
// Chromium figures are those of the table above).
const keys = { chromium: { explorer: results.explorer.keystroke, minisearch: results.minisearch.keystroke } };
{
  const firefox = await launch('firefox');
  keys.firefoxVersion = firefox.version();
  keys.firefox = {};
  for (const engine of ['explorer', 'minisearch']) {
    process.stderr.write(`keystrokes in Firefox: ${NAMES[engine]}…\n`);
    const url = engine === 'explorer' ? `${servers[1].url}?q=memory` : `${siteServer.url}?engine=${engine}&first=memory`;
    const opened = await open(firefox, engine, url);
    keys.firefox[engine] = await keystrokes(opened.page);
    await opened.context.close();
  }
  await firefox.close();
}
for (const s of servers) await s.close();
results.explorer.indexing = (series.find((r) => r.size === 'full')?.indexing ?? nativeIndexing('full')).index;

// ---- the table ----
const ratio = (peer, ours) => (peer == null || ours == null || !ours ? '' : ` (${(peer / ours).toFixed(1)}×)`);
const engines = Object.keys(results);
const lines = [];
const row = (label, f) => lines.push(`| ${label} | ${engines.map((e) => f(results[e], e)).join(' | ')} |`);
lines.push(`| ${'figure'} | ${engines.map((e) => NAMES[e]).join(' | ')} |`);
lines.push(`|---|${engines.map(() => '---:').join('|')}|`);
const ours = results.explorer;
row('app code, gzip', (r) => kib(r.bytes.code) + ratio(r.bytes.code, ours.bytes.code));
row('index, gzip', (r) => kib(r.bytes.index) + ratio(r.bytes.index, ours.bytes.index));
row('document texts, gzip', (r) => kib(r.bytes.texts));
row('fetched before the first answer, gzip', (r) => kib(r.before) + ratio(r.before, ours.before));
row('navigation → first answered query (median)', (r) => ms(r.firstAnswer) + ratio(r.firstAnswer, ours.firstAnswer));
row('JS + wasm memory after load', (r) => mib(r.memory) + ratio(r.memory, ours.memory));
row('native indexing', (r, e) => (e.startsWith('explorer') ? `${ours.indexing.toFixed(2)} s` : `${peerIndexing[NAMES[e]].toFixed(2)} s${ratio(peerIndexing[NAMES[e]], ours.indexing)}`));
for (const cls of Object.keys(QUERIES)) {
  row(`${cls}: p50 / p95`, (r) => `${ms(median(r.classes[cls]))} / ${ms(pct(r.classes[cls], 0.95))}${ratio(median(r.classes[cls]), median(ours.classes[cls]))}`);
}
row('first run of each query (what it lacks fetched), all classes: p50 / p95', (r) => `${ms(median(r.cold))} / ${ms(pct(r.cold, 0.95))}${ratio(pct(r.cold, 0.95), pct(ours.cold, 0.95))}`);
row(`over a ${LINK_NAME} link: navigation → first answered query`, (r) => (r.link ? ms(r.link.firstAnswer) + ratio(r.link.firstAnswer, ours.link.firstAnswer) : '–'));
row(`over a ${LINK_NAME} link: first run of each query, p50 / p95`, (r) => (r.link ? `${ms(median(r.link.cold))} / ${ms(pct(r.link.cold, 0.95))}${ratio(pct(r.link.cold, 0.95), pct(ours.link.cold, 0.95))}` : '–'));
for (const cls of Object.keys(QUERIES)) row(`${cls}: top-10 overlap with tantivy (word forms / en_stem)`, (r) => `${(r.quality[cls] * 100).toFixed(0)}% / ${(r.qualityStem[cls] * 100).toFixed(0)}%`);
row(`known item, MRR@10: as written`, (r) => r.known.written.toFixed(3));
row(`known item, MRR@10: inflected`, (r) => r.known.inflected.toFixed(3));
row('keystroke → results laid out p95 (next frame p95)', (r) => (r.keystroke ? `${ms(pct(r.keystroke.work, 0.95))} (${ms(pct(r.keystroke.frame, 0.95))})` : '–'));

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const header = `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
  `Chromium ${chromiumVersion} headless, loopback. Corpus: linux-doc-6.1 reStructuredText sources (${series.find((s) => s.size === 'full')?.docs ?? '?'} documents). ` +
  `Latency: ${REPS} runs per query after 5 warm-ups (Pagefind ${Math.ceil(REPS / 4)}), ours through \`wasmBindings.query_top(q, 10)\` (search + 10 snippets), ` +
  `peers through their search call (MiniSearch, FlexSearch and Lunr return ids only; Pagefind loads its 10 results with excerpts). ` +
  `Native indexing: ours is the indexer as \`./dev index\` and Trunk's hook build it (dev profile, the engine at opt-level 3; \`cargo run -p engine --example build_time\`), the index phase alone; the peers' is their own build of the same corpus. ` +
  `Ours is built as a visitor gets it: an index past 2 MiB is sharded (a core, then its lists in fragments fetched per query; its index row counts both), the texts in files fetched as shown. ` +
  `"First run of each query": every query of the table once, in order, on the page just opened (its first answer given), before any other run: ours fetches the fragments and texts it lacks (issue 15's "fragments not cached"), Pagefind its index chunks and result fragments, unless a query before it fetched the same; the ratio compares the p95s. ` +
  `"Over a ${LINK_NAME} link": ${LINK_LOADS} more cold loads of each page through Chromium's emulated network conditions (${LINK.latency} ms each way's latency, ${LINK.downloadThroughput * 8 / 1e6} Mbit/s down; the median first answer), the host sending text files gzip'd as stored compressed (each compressed before the first load), then, on the last load, the first run of each query as above: where loopback prices a file by its round trip, this prices it by its bytes too. ` +
  `"Fetched before the first answer" sums the gzip size of every file the page's resource timing lists as loaded by then (the service worker's own downloads are not the page's). Ratios are peer ÷ ours.`;
const refMrr = (tokenizer, form) => mrr(ref.known[tokenizer], form).toFixed(3);
const knownNote = `Known item: for ${KNOWN.length} documents sampled evenly from the corpus, a query of three of the document's own distinctive words ` +
  `(highest tf·idf, 5+ letters, used by at least one other document; bench/knownitem.mjs), once as written and once inflected ` +
  `(plural ↔ singular, -ing ↔ -ed); the figure is the mean reciprocal rank of that document in the top 10. ` +
  `The same queries in tantivy ${ref.tantivy} (BM25, words ANDed, title ×2): with its default tokenizer (word forms) ` +
  `${refMrr('default', 'written')} as written, ${refMrr('default', 'inflected')} inflected; with its \`en_stem\` tokenizer ` +
  `${refMrr('en_stem', 'written')} as written, ${refMrr('en_stem', 'inflected')} inflected. Lunr and Pagefind run with their own English stemmers, as their users get them.`;
const p = (xs, q) => ms(pct(xs, q));
const keyLines = ['| browser | page | laid out p50 / p95 | next frame p50 / p95 | next frame with no work p50 / p95 | DOM calls per keystroke |', '|---|---|---:|---:|---:|---:|'];
for (const [b, version] of [['chromium', chromiumVersion], ['firefox', keys.firefoxVersion]]) {
  for (const engine of ['explorer', 'minisearch']) {
    const k = keys[b][engine];
    keyLines.push(`| ${b === 'chromium' ? 'Chromium' : 'Firefox'} ${version} | ${NAMES[engine]} | ${p(k.work, 0.5)} / ${p(k.work, 0.95)} | ${p(k.frame, 0.5)} / ${p(k.frame, 0.95)} | ${p(k.floor, 0.5)} / ${p(k.floor, 0.95)} | ${k.calls.toFixed(0)} |`);
  }
}
const keyNote = `Every query of the table typed a key at a time into the search box (bench/keystroke.mjs): the explorer draws the hits its window shows and one more ` +
  `(7 in this 1280 × 900 window) with snippets and the count in that frame (the rest of its 20 hits after it, those below the window without a snippet until typing pauses, then the facet counts), rewriting the hits already on screen in place; the MiniSearch page renders its top 10 titles as one \`innerHTML\`. Keys land spread over the frame (0–16 ms after one), so with ` +
  `no work at all the next frame comes 0–16.7 ms later: the fifth column is that floor, measured the same way on a box nothing listens to. DOM calls per keystroke (bench/keystroke.mjs \`domCalls\`, a typing run of its own) count every call that makes, moves, removes or rewrites a node or an attribute: unlike the times, they do not vary from run to run.`;
const md = `# Benchmark results\n\n${header}\n\nReproduce: \`./dev bench\`.\n\n${lines.join('\n')}\n\n${knownNote}\n\n` +
  `## Keystroke → results, Chromium and Firefox\n\n${keyLines.join('\n')}\n\n${keyNote}\n\n## This explorer as the corpus grows\n\n${seriesLines.join('\n')}\n`;
fs.writeFileSync(path.join(HERE, 'RESULTS.md'), md);
console.log(md);
