// The three ways to use the explorer: any static host (under a sub-path),
// one file opened from file://, and revisits with the network off. Plus: no
// request leaves the page's origin, no CSP violation, text stays text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from './serve.mjs';
import { launch, openPage, until } from './browser.mjs';
import { seeds, SEEDS_DIST } from './seeds.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DIST = SEEDS_DIST;
// Built by `./dev test` from tests/fixtures/hostile (CORPUS_DIR).
const HOSTILE_DIST = path.join(ROOT, 'target', 'dist-hostile');
// The seeds with their texts in files of their own, as a large corpus has them
// (`CORPUS_INLINE_TEXTS=0 ./dev index seeds target/dist-apart`, by `./dev test`).
const APART_DIST = path.join(ROOT, 'target', 'dist-apart');
// The seeds as a large corpus has them: a core, the lists in fragments, the
// texts in files (`CORPUS_SHARDED=2048 CORPUS_INLINE_TEXTS=0`, by `./dev test`).
const SHARDED_DIST = path.join(ROOT, 'target', 'dist-sharded');
const SEED_004 = '004_3ec3be72ad7f794c';
const maliki004 = (fs.readFileSync(path.join(ROOT, 'seeds', `${SEED_004}.txt`), 'utf8').match(/\bmaliki\b/gi) ?? []).length;
const malikiDocs = fs.readdirSync(path.join(ROOT, 'seeds')).filter((f) => f.endsWith('.txt'))
  .filter((f) => /\bmaliki\b/i.test(fs.readFileSync(path.join(ROOT, 'seeds', f), 'utf8'))).length;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const status = (page) => page.getByRole('status').filter({ hasText: /document/ });
const search = (page) => page.getByRole('searchbox', { name: 'Search' });

/** In the page: whether the browser's caches hold every file of `names` (by the last part of its address). */
const allKept = async (names) => {
  const kept = new Set();
  for (const key of await caches.keys()) for (const request of await (await caches.open(key)).keys()) kept.add(request.url.split('/').pop());
  return names.every((name) => kept.has(name));
};

async function check(origin, fn, context) {
  const opened = await openPage(browser, origin, undefined, context);
  try {
    await fn(opened.page, opened.context);
    assert.deepEqual(opened.problems, [], 'no console error, foreign request or CSP violation');
  } finally {
    await opened.page.close();
    if (!context) await opened.context.close();
  }
}

test('dist/ works under a deep sub-path, deep link included', async () => {
  const server = await serve(DIST, '/some/deep/path/');
  try {
    await check(new URL(server.url).origin, async (page) => {
      await page.goto(`${server.url}?q=Maliki&literal=1&doc=${SEED_004}`);
      const reader = page.getByRole('article', { name: 'Another failure for the MKO' });
      await reader.waitFor();
      assert.equal(await reader.locator('mark').count(), maliki004);
      await search(page).fill('Rajavi');
      await status(page).filter({ hasText: /^1 document$/ }).waitFor();
      assert.ok(server.requests.every((r) => r.startsWith('/some/deep/path/')), `requests: ${server.requests}`);
      assert.ok(new URL(page.url()).pathname.startsWith('/some/deep/path/'));
    });
  } finally {
    await server.close();
  }
});

test('the corpus loads beside the wasm; a host that lost it gets a clear message', async () => {
  const corpus = fs.readdirSync(DIST).find((f) => /^corpus-[0-9a-f]{16}\.bin$/.test(f));
  assert.ok(corpus, 'dist/ holds the corpus index as a file of its own');
  const wasm = fs.readdirSync(DIST).find((f) => f.endsWith('.wasm'));
  assert.ok(fs.statSync(path.join(DIST, wasm)).size < 2 * 1024 * 1024, 'the wasm does not carry the corpus');
  const server = await serve(DIST, '/', { hide: (rel) => rel === corpus });
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.url);
    const alert = page.getByRole('alert');
    await alert.filter({ hasText: /corpus could not be loaded.*404.*Reload/ }).waitFor();
    assert.equal(await page.getByRole('searchbox', { name: 'Search' }).count(), 0);
  } finally {
    await context.close();
    await server.close();
  }
});

test('texts come apart from the index: the page searches without them, and a lost texts file is said with a retry', async () => {
  // A corpus this small carries its texts inside the index: nothing to fetch.
  assert.ok(!fs.existsSync(path.join(ROOT, 'dist', 'texts')), 'the seeds\' texts travel inside the index');
  const texts = fs.readdirSync(path.join(APART_DIST, 'texts'));
  const named = texts.map((f) => /^texts-([0-9a-f]{16})-(\d+)\.bin$/.exec(f));
  assert.ok(named.length >= 1 && named.every(Boolean), 'dist/texts/ holds the texts files');
  assert.equal(new Set(named.map((m) => m[1])).size, 1, 'named by one set');
  assert.deepEqual(named.map((m) => Number(m[2])).sort((a, b) => a - b), [...named.keys()], 'numbered from 0');
  const corpus = fs.readdirSync(APART_DIST).find((f) => /^corpus-[0-9a-f]{16}\.bin$/.test(f));
  const seedText = fs.readFileSync(path.join(ROOT, 'seeds', `${SEED_004}.txt`), 'utf8');
  // The first 200 characters of a seed's body are in its texts file, not in the index file.
  const sample = Buffer.from(seedText.split('\n').find((l) => l.length > 200).slice(0, 200));
  assert.equal(fs.readFileSync(path.join(APART_DIST, corpus)).indexOf(sample), -1, 'the index file carries no text');
  assert.ok(texts.some((f) => fs.readFileSync(path.join(APART_DIST, 'texts', f)).indexOf(sample) >= 0), 'a texts file carries it');

  let lost = true;
  const server = await serve(APART_DIST, '/', { hide: (rel) => lost && rel.startsWith('texts/') });
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}?q=Maliki&literal=1&doc=${SEED_004}`);
    // Searching needs no text: the count and the titles are there.
    await status(page).filter({ hasText: new RegExp(`^${malikiDocs} documents?`) }).waitFor();
    assert.equal(await page.locator('#results > li').count(), malikiDocs);
    // The lost file is named with its reason, and a way to try again.
    const alert = page.getByRole('alert').filter({ hasText: /Some texts could not be loaded \(texts-[0-9a-f]{16}-\d+\.bin: HTTP 404/ });
    await alert.waitFor();
    // The reader's place says the text is coming; the document's article comes with it.
    await page.getByRole('region', { name: 'Another failure for the MKO' }).getByText('Loading the text…').waitFor();
    const reader = page.getByRole('article');
    assert.equal(await page.locator('#results mark').count(), 0, 'no snippet without its text');

    lost = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await reader.getByText(`Match 1 of ${maliki004}`).waitFor();
    assert.equal(await reader.locator('.doc-text mark').count(), maliki004, 'the reader marks every match once its text has come');
    await page.locator('#results li').first().locator('.snippet mark').first().waitFor();
    assert.match(await page.locator('#results li .snippet mark').first().textContent(), /^maliki$/i);
    assert.equal(await alert.count(), 0, 'the message goes once the texts have come');
  } finally {
    await context.close();
    await server.close();
  }
  // Its single file carries the texts files as one pack: snippets and the reader from file://.
  await check('file://', async (page) => {
    await page.goto(`${pathToFileURL(path.join(APART_DIST, 'explorer.html')).href}?q=Maliki&literal=1&doc=${SEED_004}`);
    await page.getByRole('article').getByText(`Match 1 of ${maliki004}`).waitFor();
    assert.match(await page.locator('#results li .snippet mark').first().textContent(), /^maliki$/i);
  });
});

test('a texts file that is not the one the index names (another file of the same build under its name) is refused and said, and the page keeps searching', async () => {
  // A copy of the apart build whose every texts file holds the bytes of the next one.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-swapped-'));
  fs.cpSync(APART_DIST, dir, { recursive: true });
  const names = fs.readdirSync(path.join(dir, 'texts')).sort();
  assert.ok(names.length >= 2, 'the seeds apart make two texts files or more');
  const bytes = names.map((f) => fs.readFileSync(path.join(dir, 'texts', f)));
  names.forEach((f, i) => fs.writeFileSync(path.join(dir, 'texts', f), bytes[(i + 1) % names.length]));
  const server = await serve(dir);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}?q=Maliki&literal=1&doc=${SEED_004}`);
    await status(page).filter({ hasText: new RegExp(`^${malikiDocs} documents?`) }).waitFor();
    await page.getByRole('alert').filter({ hasText: /Some texts could not be loaded \(texts-[0-9a-f]{16}-\d+\.bin: .*is not the texts file this index names/ }).waitFor();
    await page.getByRole('region', { name: 'Another failure for the MKO' }).getByText('Loading the text…').waitFor();
    assert.equal(await page.locator('#results mark').count(), 0, 'no snippet from another file\'s texts');
    assert.equal(await page.locator('#results > li').count(), malikiDocs, 'the list is whole');
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the loading line counts the corpus file in its own bytes, also from a host that compresses it', async () => {
  const corpus = fs.readdirSync(DIST).find((f) => /^corpus-[0-9a-f]{16}\.bin$/.test(f));
  const mb = (fs.statSync(path.join(DIST, corpus)).size / 1e6).toFixed(1);
  const server = await serve(DIST, '/', { gzip: (rel) => rel === corpus });
  const context = await browser.newContext();
  const page = await context.newPage();
  // Every text the loading line shows, kept as it changes (it is gone once the page is up).
  await page.addInitScript(() => {
    window.__loading = [];
    new MutationObserver(() => {
      const text = document.getElementById('loading-text')?.textContent;
      if (text && window.__loading.at(-1) !== text) window.__loading.push(text);
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  try {
    await page.goto(server.url);
    await status(page).filter({ hasText: new RegExp(`^${seeds.length} documents$`) }).waitFor();
    const shown = await page.evaluate(() => window.__loading);
    assert.ok(shown.includes(`Loading the corpus… ${mb} of ${mb} MB`), `the loading line showed: ${JSON.stringify(shown)}`);
  } finally {
    await context.close();
    await server.close();
  }
});

test('dist/explorer.html works alone from file://, URL state included', async () => {
  // Copied alone into an empty folder: nothing beside it to lean on.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-file-'));
  const file = path.join(dir, 'explorer.html');
  fs.copyFileSync(path.join(DIST, 'explorer.html'), file);
  const url = pathToFileURL(file).href;
  await check('file://', async (page) => {
    await page.goto(`${url}?q=Maliki&literal=1`);
    await status(page).filter({ hasText: new RegExp(`^${malikiDocs} documents$`) }).waitFor();
    await page.getByRole('link', { name: 'Another failure for the MKO' }).click();
    const reader = page.getByRole('article', { name: 'Another failure for the MKO' });
    await reader.waitFor();
    assert.equal(await reader.locator('mark').count(), maliki004);
    assert.equal(new URL(page.url()).searchParams.get('doc'), SEED_004);
    await page.goBack();
    await reader.waitFor({ state: 'detached' });
    assert.equal(await search(page).inputValue(), 'Maliki');
  });
  fs.rmSync(dir, { recursive: true });
});

test('after one visit the hosted page opens and searches offline', async () => {
  const server = await serve(DIST);
  const context = await browser.newContext();
  try {
    await check(new URL(server.url).origin, async (page) => {
      await page.goto(server.url);
      await status(page).filter({ hasText: new RegExp(`^${seeds.length} documents$`) }).waitFor();
      await page.evaluate(() => navigator.serviceWorker.ready);
      await context.setOffline(true);
      await page.goto(`${server.url}?q=Paris`);
      await status(page).filter({ hasText: /^2 documents$/ }).waitFor();
      await search(page).fill('"Camp Ashraf" Rajavi');
      await status(page).filter({ hasText: /^1 document$/ }).waitFor();
    }, context);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a large corpus opens offline at the address of its first visit, snippets and all', async () => {
  // As a corpus past the worker's precache limit has it: the worker keeps
  // the page and the core, no texts file and no fragment.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-first-'));
  fs.cpSync(SHARDED_DIST, dir, { recursive: true });
  const sw = path.join(dir, 'sw.js');
  const apart = (f) => /^\.\/(texts|fragments)\//.test(f);
  fs.writeFileSync(sw, fs.readFileSync(sw, 'utf8').replace(/^const FILES = (.*);$/m, (_, list) => `const FILES = ${JSON.stringify(JSON.parse(list).filter((f) => !apart(f)))};`));
  const server = await serve(dir);
  const context = await browser.newContext();
  const answered = (page) => status(page).filter({ hasText: new RegExp(`^${malikiDocs} documents?$`) }).waitFor();
  try {
    await check(new URL(server.url).origin, async (page) => {
      await page.goto(`${server.url}?q=Maliki&literal=1`);
      await answered(page);
      await page.locator('#results li .snippet mark').first().waitFor();
      // Every file the first visit fetched, by its name in the build, in the caches.
      const fetched = [...new Set(server.requests.filter((r) => /\/(texts|fragments)\//.test(r)).map((r) => r.split('/').pop()))];
      assert.ok(fetched.some((f) => f.startsWith('fragment-')) && fetched.some((f) => f.startsWith('texts-')), `fetched: ${fetched}`);
      await until(page, allKept, fetched, 'the first visit\'s texts files and fragments in the caches');
      await context.setOffline(true);
      await page.goto(`${server.url}?q=Maliki&literal=1`);
      await answered(page);
      const hits = page.locator('#results > li');
      await until(page, (n) => {
        const snippets = [...document.querySelectorAll('#results > li .snippet')];
        return snippets.length === n && snippets.every((s) => s.querySelector('mark'));
      }, malikiDocs, 'a snippet with its mark under every hit');
      assert.equal(await hits.locator('.snippet mark').first().textContent(), 'Maliki');
    }, context);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the offline copy starts its downloads only once the opening answer\'s texts have come', async () => {
  // The texts of the address's hits held back, as a slow network would: the
  // service worker, whose downloads would share the network with them, is
  // registered only after the first snippet is drawn from them.
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const server = await serve(APART_DIST, '/', { hold: (rel) => (rel.startsWith('texts/') ? held : null) });
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__order = [];
    if (!navigator.serviceWorker) return; // (a blank page before the site's)
    const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
    navigator.serviceWorker.register = (...args) => { window.__order.push('registered'); return register(...args); };
    new MutationObserver((_, obs) => {
      if (document.querySelector('#results > li .snippet')?.textContent.trim()) { window.__order.push('snippet'); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
  });
  try {
    await check(new URL(server.url).origin, async (page) => {
      await page.goto(`${server.url}?q=Maliki&literal=1`);
      await status(page).filter({ hasText: new RegExp(`^${malikiDocs} documents?`) }).waitFor();
      release();
      await page.evaluate(() => navigator.serviceWorker.ready);
      assert.deepEqual(await page.evaluate(() => window.__order), ['snippet', 'registered']);
    }, context);
  } finally {
    release();
    await context.close();
    await server.close();
  }
});

test('"Make available offline" keeps every texts file: then documents never opened read offline', async () => {
  // What the footer says it takes: the texts files' bytes, as a person reads a size.
  const bytes = fs.readdirSync(path.join(APART_DIST, 'texts')).reduce((n, f) => n + fs.statSync(path.join(APART_DIST, 'texts', f)).size, 0);
  const size = bytes < 1e6 ? `${Math.ceil(bytes / 1000)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
  let lost = false;
  const server = await serve(APART_DIST, '/', { hide: (rel) => lost && rel.startsWith('texts/') });
  const context = await browser.newContext();
  const page = await context.newPage();
  const reader = page.getByRole('article', { name: 'Another failure for the MKO' });
  try {
    await page.goto(server.url);
    // Texts this small are kept from the first visit.
    await page.locator('.foot').getByText(`Available offline (${size})`).waitFor();
    // As a corpus past the worker's precache limit has them: no texts file kept.
    const emptyTexts = async () => {
      for (const key of await caches.keys()) {
        const cache = await caches.open(key);
        for (const request of await cache.keys()) if (request.url.includes('/texts/')) await cache.delete(request);
      }
    };
    await page.evaluate(emptyTexts);
    // (A search without hits shows no text, so none is fetched, and kept, on the way.)
    const nothing = `${server.url}?q=${'z'.repeat(12)}`;
    await page.goto(nothing);
    const button = page.getByRole('button', { name: `Make available offline (${size})` });
    await button.waitFor();
    // Snippets fetch the texts, which the page keeps: the footer counts them,
    await search(page).fill('Maliki');
    await page.locator('#results li .snippet mark').first().waitFor();
    await page.locator('.foot').getByText(`Available offline (${size})`).waitFor();
    assert.equal(await button.count(), 0, 'nothing left to save');
    // and the browser's caches hold each of them, by its name in the build.
    const names = fs.readdirSync(path.join(APART_DIST, 'texts'));
    await until(page, allKept, names, 'every texts file in the caches');
    await page.evaluate(emptyTexts);
    await page.goto(nothing);
    await button.waitFor();
    // Without the texts files, a document cannot be read when the host has lost them.
    lost = true;
    await page.goto(`${server.url}?doc=${SEED_004}`);
    await page.getByRole('alert').filter({ hasText: /Some texts could not be loaded/ }).waitFor();
    lost = false;

    await page.goto(nothing);
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: `Every text is kept for offline use (${size}).` }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Available offline', 'focus stays on the control');
    await server.close();
    await page.goto(`${server.url}?q=Maliki&literal=1&doc=${SEED_004}`);
    await reader.getByText(`Match 1 of ${maliki004}`).waitFor();
    assert.equal(await reader.locator('.doc-text mark').count(), maliki004);
  } finally {
    await context.close();
    await server.close();
  }
});

test('a new build replaces the offline copy whole', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-sw-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const server = await serve(dir);
  const context = await browser.newContext();
  try {
    await check(new URL(server.url).origin, async (page) => {
      await page.goto(server.url);
      await page.evaluate(() => navigator.serviceWorker.ready);
      // The build's caches (the page's own copies, `explorer-kept-…`, are its corpus's: a build of the same corpus keeps them).
      const builds = () => caches.keys().then((keys) => keys.filter((k) => !k.startsWith('explorer-kept-')));
      const first = await page.evaluate(builds);
      assert.equal(first.length, 1);
      // A "new build": another page title and another cache name.
      const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8').replace('<title>Corpus explorer</title>', '<title>Corpus explorer v2</title>');
      fs.writeFileSync(path.join(dir, 'index.html'), html);
      const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8').replace(/explorer-[0-9a-f]+/, 'explorer-0000000000000002');
      fs.writeFileSync(path.join(dir, 'sw.js'), sw);
      // The browser finds the new worker; it takes over this page once installed.
      await page.evaluate(async () => {
        const taken = new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        await (await navigator.serviceWorker.getRegistration()).update();
        await taken;
      });
      await until(page, async () => {
        const keys = (await caches.keys()).filter((k) => !k.startsWith('explorer-kept-'));
        return keys.length === 1 && keys[0] === 'explorer-0000000000000002';
      }, null, 'the old build\'s cache removed, the new one alone');
      await page.reload();
      assert.equal(await page.title(), 'Corpus explorer v2');
      await status(page).filter({ hasText: new RegExp(`^${seeds.length} documents$`) }).waitFor();
    }, context);
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(dir, { recursive: true });
  }
});

test('document text is shown as text: markup in a corpus never runs', async () => {
  assert.ok(fs.existsSync(path.join(HOSTILE_DIST, 'index.html')), 'the hostile fixture corpus was built');
  const server = await serve(HOSTILE_DIST);
  try {
    await check(new URL(server.url).origin, async (page) => {
      const dialogs = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
      await page.goto(`${server.url}?q=javascript`);
      await status(page).filter({ hasText: /^1 document$/ }).waitFor();
      const title = 'Markup <script>window.__xss = 1; alert(1)</script> in a title';
      const link = page.getByRole('link', { name: title });
      await link.click();
      const reader = page.getByRole('article', { name: title });
      await reader.waitFor();
      const text = await reader.locator('.doc-text').innerText();
      for (const literal of ['<img src=x onerror="window.__xss = 2; alert(2)">', '<a href="javascript:window.__xss=3;alert(3)">',
        '&lt;b&gt; &amp; &quot;quoted&quot; &#x3C;i&#x3E;', '<style>body { display: none }</style>', '<iframe src="https://example.invalid/"></iframe>']) {
        assert.ok(text.includes(literal), `shown literally: ${literal}`);
      }
      assert.equal(await page.locator('#app script, #app img, #app iframe, #app style, #app a[href^="javascript"]').count(), 0);
      await reader.locator('mark', { hasText: 'javascript' }).first().click();
      assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script from the corpus ran');
      assert.deepEqual(dialogs, []);
      assert.ok(await page.locator('body').isVisible());
    });
  } finally {
    await server.close();
  }
});

test('a panic shows an error banner with a working reload, not a dead page', async () => {
  const server = await serve(HOSTILE_DIST);
  try {
    const { context, page, problems } = await openPage(browser, new URL(server.url).origin);
    await page.goto(`${server.url}?q=ordinary`);
    await status(page).filter({ hasText: /^1 document$/ }).waitFor();
    // The wasm traps after the hook has run: that error is the expected one.
    await page.evaluate(() => window.wasmBindings.debug_panic()).catch(() => {});
    const banner = page.getByRole('alert');
    await banner.waitFor();
    assert.match(await banner.innerText(), /Something went wrong/);
    assert.ok(problems.some((p) => p.includes('debug panic requested')), 'the panic is logged');
    await banner.getByRole('button', { name: 'Reload' }).click();
    await page.waitForLoadState('load');
    await status(page).filter({ hasText: /^1 document$/ }).waitFor();
    assert.equal(await page.getByRole('alert').count(), 0);
    assert.equal(await search(page).inputValue(), 'ordinary', 'the search survives the reload');
    await context.close();
  } finally {
    await server.close();
  }
});
