// A list longer than a screen, changed by a new query: every hit shown is
// one of the new query's, each with its own title and link, and none stays
// undisplayed once the list has settled. The corpus is the seeds cut into their
// paragraphs (one document each, titled by the test), written with the
// native indexer into a copy of the page under test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve } from './serve.mjs';
import { servedSite, ENGINE } from './browser.mjs';
import { ROOT, seeds, SEEDS_DIST } from './seeds.mjs';

// Paragraphs of 30 words or more, each a document `<seed>-p<k>` whose first
// line is its title.
const paragraphs = seeds.flatMap((s) => s.text.split(/\n\s*\n/).map((p) => p.trim())
  .filter((p) => p.split(/\s+/).length >= 30)
  .map((p, k) => ({ id: `${s.id}-p${k}`, title: `Paragraph ${k} of ${s.id}`, text: p })));

// Quoted words (their own form only) found in 9 to 20 paragraphs: more hits
// than the first screen draws, all of them on the first page.
const candidates = ['Ashraf', 'camp', 'Iraq', 'Iraqi', 'MEK', 'MKO', 'residents', 'government', 'American', 'Rajavi', 'people', 'members', 'organization', 'Iran', 'Iranian', 'US', 'forces', 'they', 'were', 'have', 'from', 'with', 'their', 'this'];
const idsWith = (w) => paragraphs.filter((p) => new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'iu').test(p.text)).map((p) => p.id).sort();
const words = candidates.map((w) => ({ q: `"${w}"`, ids: idsWith(w) })).filter((c) => c.ids.length >= 9 && c.ids.length <= 20);

// The paragraphs as corpora, each put into a copy of the seeds' page.
const dir = path.join(ROOT, 'target', 'e2e', `paragraphs-${ENGINE}`);
const site = servedSite(null, async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'corpus'), { recursive: true });
  for (const p of paragraphs) fs.writeFileSync(path.join(dir, 'corpus', `${p.id}.txt`), `${p.title}\n\n${p.text}\n`);
  const put = (page, env = {}) => execFileSync('node', [path.join(ROOT, 'tools', 'put_corpus.mjs'), path.join(dir, 'corpus'), path.join(dir, page), SEEDS_DIST],
    { cwd: ROOT, stdio: 'pipe', env: { ...process.env, ...env } });
  put('page');
  // The same paragraphs as a large corpus carries its texts: in files beside
  // the page, here one paragraph a file, fetched as they are shown.
  put('page-apart', { CORPUS_INLINE_TEXTS: '0', CORPUS_TEXT_CHUNK: '1' });
  // And a page that keeps as few texts files as it may once read.
  put('page-keep', { CORPUS_INLINE_TEXTS: '0', CORPUS_TEXT_CHUNK: '1', CORPUS_KEEP_TEXTS: '1' });
  return path.join(dir, 'page');
});
const { withPage } = site;

/** Each place of the list: its document, title, link target and whether it is displayed. */
const places = (page) => page.getByRole('list', { name: 'Results' }).locator(':scope > li').evaluateAll((lis) => lis.map((li) => {
  const a = li.querySelector('a.hit-title');
  return { doc: new URLSearchParams(a.getAttribute('href').split('?')[1]).get('doc'), title: a.textContent.trim(), id: a.id, hidden: li.getClientRects().length === 0 };
}));

test('a new query rewrites a long list: each hit shown is one of its own, with its title, and none stays undisplayed', () => withPage(async (page) => {
  assert.ok(words.length >= 2, `two quoted words with 9 to 20 paragraphs: ${JSON.stringify(words.map((w) => [w.q, w.ids.length]))}`);
  const titles = new Map(paragraphs.map((p) => [p.id, p.title]));
  const numbers = new Map(); // a document's number, from the first list that shows it
  await page.goto(site.url);
  const box = page.getByRole('searchbox', { name: 'Search' });
  for (const { q, ids } of [words[0], words[1], words[0]]) {
    await box.fill(q);
    await page.getByRole('status').filter({ hasText: new RegExp(`^${ids.length} documents$`) }).waitFor({ timeout: 5000 });
    // At any moment, a place on screen shows one of this query's hits, titled as its document.
    for (const p of (await places(page)).filter((p) => !p.hidden)) {
      assert.ok(ids.includes(p.doc), `${q}: ${p.doc} shown`);
      assert.equal(p.title, titles.get(p.doc), `${q}: title of ${p.doc}`);
    }
    // Settled: every hit on the page, each once, each displayed, each link and title its own.
    await page.waitForFunction(() => document.querySelectorAll('#results > li').length > 0
      && [...document.querySelectorAll('#results > li')].every((li) => li.getClientRects().length > 0));
    const settled = await places(page);
    assert.deepEqual(settled.map((p) => p.doc).sort(), ids, `${q}: the list is the query's hits`);
    for (const p of settled) {
      assert.equal(p.title, titles.get(p.doc), `${q}: title of ${p.doc}`);
      const n = p.id.replace('hit-', '');
      assert.equal(numbers.get(p.doc) ?? n, n, `${q}: ${p.doc} keeps its element id`);
      numbers.set(p.doc, n);
    }
    assert.equal(new Set(settled.map((p) => p.id)).size, settled.length, `${q}: element ids are unique`);
  }
}));

test('a keystroke\'s frame draws the hits the window shows, one more at most, whatever the window', async () => {
  const [a, b] = words;
  const drawn = {};
  for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await site.browser.newContext({ serviceWorkers: 'block', viewport });
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}?q=${encodeURIComponent(a.q)}`);
      await page.getByRole('status').filter({ hasText: new RegExp(`^${a.ids.length} documents$`) }).waitFor();
      await page.waitForFunction(() => [...document.querySelectorAll('#results > li')].every((li) => li.getClientRects().length > 0));
      const box = page.getByRole('searchbox', { name: 'Search' });
      // Typed in the page, and read in a task queued by the keystroke's own
      // event (after the page has drawn it, before its first frame), laid out.
      const frame = await box.evaluate((input, q) => new Promise((resolve) => {
        input.addEventListener('input', () => setTimeout(() => {
          const lis = [...document.querySelectorAll('#results > li')];
          const shown = lis.filter((li) => li.getClientRects().length > 0);
          resolve({
            places: lis.length,
            shown: shown.length,
            // Drawn places wholly below the window.
            below: shown.filter((li) => li.getBoundingClientRect().top >= innerHeight).length,
            // The window's height the drawn places reach down to.
            filled: shown.length === lis.length || shown[shown.length - 1].getBoundingClientRect().bottom >= innerHeight,
          });
        }), { once: true });
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }), b.q);
      await page.getByRole('status').filter({ hasText: new RegExp(`^${b.ids.length} documents$`) }).waitFor();
      assert.ok(frame.shown < frame.places, `${name}: the first frame draws part of the list: ${JSON.stringify(frame)}`);
      assert.ok(frame.filled, `${name}: the places drawn fill the window: ${JSON.stringify(frame)}`);
      assert.ok(frame.below <= 1, `${name}: one place past the window at most: ${JSON.stringify(frame)}`);
      drawn[name] = frame.shown;
      // Then every hit.
      await page.waitForFunction((n) => [...document.querySelectorAll('#results > li')].filter((li) => li.getClientRects().length > 0).length === n, b.ids.length);
    } finally {
      await context.close();
    }
  }
  assert.ok(drawn.phone < drawn.desktop, `a phone's frame draws fewer: ${JSON.stringify(drawn)}`);
});

test('while a query is typed, hits below the window wait for the typing to pause for their snippets', () => withPage(async (page) => {
  const [a, b] = words;
  await page.goto(`${site.url}?q=${encodeURIComponent(a.q)}`);
  await page.getByRole('status').filter({ hasText: new RegExp(`^${a.ids.length} documents$`) }).waitFor();
  const box = page.getByRole('searchbox', { name: 'Search' });
  // Typed in the page; read at each frame until every hit is displayed,
  // while the address still says the query before (typing reaches the
  // address once it pauses).
  const typed = await box.evaluate((input, q) => new Promise((resolve) => {
    const before = location.search;
    const read = () => {
      const lis = [...document.querySelectorAll('#results > li')];
      if (lis.some((li) => li.getClientRects().length === 0)) return requestAnimationFrame(read);
      const snippet = (li) => li.querySelector('.snippet').textContent.trim() !== '';
      const onScreen = (li) => li.getBoundingClientRect().top < innerHeight;
      resolve({
        typing: location.search === before,
        above: lis.filter(onScreen).map(snippet),
        below: lis.filter((li) => !onScreen(li)).map(snippet),
      });
    };
    input.value = q;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    requestAnimationFrame(read);
  }), b.q);
  assert.ok(typed.typing, 'read while the address still said the query before');
  assert.ok(typed.above.length > 0 && typed.above.every(Boolean), `the hits on screen show their snippets: ${JSON.stringify(typed)}`);
  // (Those the keystroke's answer brought snippets for, the first screen's, show them.)
  assert.ok(typed.below.some((s) => !s), `hits below wait: ${JSON.stringify(typed)}`);
  // Once the typing pauses, every hit shows its snippet.
  await page.waitForFunction((n) => [...document.querySelectorAll('#results > li .snippet')].filter((s) => s.textContent.trim()).length === n, b.ids.length);
  assert.match(decodeURIComponent(new URL(page.url()).search.replace(/\+/g, ' ')), new RegExp(b.q.replace(/"/g, '"')), 'the address says the new query');
}));

test('the texts of the hits on screen are asked for first, alone; those below once they have come', async () => {
  const { q, ids } = words[0];
  let held = null, release = () => {};
  const hold = () => { held = new Promise((r) => { release = r; }); };
  const apart = await serve(path.join(dir, 'page-apart'), '/', { hold: (rel) => (rel.startsWith('texts/') ? held : null) });
  try {
    assert.equal(fs.readdirSync(path.join(dir, 'page-apart', 'texts')).length, paragraphs.length, 'a file per paragraph');
    const first = {};
    for (const [name, viewport] of [['desktop', { width: 1280, height: 720 }], ['phone', { width: 390, height: 844 }]]) {
      const context = await site.browser.newContext({ serviceWorkers: 'block', viewport });
      try {
        const page = await context.newPage();
        // What the page asks for (a browser sends six at a time to one host: the server sees fewer).
        const asked = [];
        page.on('request', (r) => { if (r.url().includes('/texts/')) asked.push(r.url()); });
        hold();
        await page.goto(`${apart.url}?q=${encodeURIComponent(q)}`);
        await page.getByRole('status').filter({ hasText: new RegExp(`^${ids.length} documents$`) }).waitFor();
        // Every hit of the page is placed (the rest of the page after the first frame), their texts held.
        await page.waitForFunction((n) => [...document.querySelectorAll('#results > li')].filter((li) => li.getClientRects().length > 0).length === n, ids.length);
        // The hits the window shows now, their snippets' places kept while their texts are held.
        const onScreen = await page.evaluate(() => [...document.querySelectorAll('#results > li')]
          .filter((li) => { const r = li.getBoundingClientRect(); return li.getClientRects().length > 0 && r.bottom > 0 && r.top < innerHeight; }).length);
        assert.ok(onScreen > 0 && onScreen < ids.length, `${name}: ${onScreen} of ${ids.length} hits on screen`);
        await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => r(true))))));
        await page.waitForFunction(() => true); // the requests' events reach the test
        first[name] = new Set(asked).size;
        assert.equal(first[name], onScreen, `${name}: the texts asked for while the first are on their way are those of the ${onScreen} hits on screen`);
        // Three files or more on their way are said, after a moment, with a bar.
        const line = page.getByRole('status').filter({ hasText: /^Loading texts/ });
        if (onScreen >= 3) {
          await line.filter({ hasText: `Loading texts: 0 of ${onScreen} files` }).waitFor();
          assert.deepEqual(await line.locator('progress').evaluate((p) => [p.value, p.max]), [0, onScreen]);
        }
        release();
        held = null;
        // Then the others, and every hit shows its snippet.
        await page.waitForFunction((n) => [...document.querySelectorAll('#results > li .snippet')].filter((s) => s.textContent.trim()).length === n, ids.length);
        assert.equal(new Set(asked).size, ids.length, `${name}: each hit's text`);
        assert.equal(asked.length, ids.length, `${name}: each once`);
        await line.waitFor({ state: 'detached' });
      } finally {
        await context.close();
      }
    }
    assert.ok(first.phone < first.desktop, `a phone shows fewer hits, so asks for fewer texts first: ${JSON.stringify(first)}`);
  } finally {
    release();
    await apart.close();
  }
});

test('a page past the texts it keeps lets go those read longest ago, and fetches one again when a view shows it', async () => {
  const [a, b] = words;
  const onlyA = a.ids.filter((id) => !b.ids.includes(id));
  assert.ok(onlyA.length > 0 && b.ids.some((id) => !a.ids.includes(id)), `${a.q} and ${b.q} each have paragraphs of their own`);
  const keep = await serve(path.join(dir, 'page-keep'));
  try {
    // (No service worker: its copy of every file would answer the second fetch.)
    const context = await site.browser.newContext({ serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      const texts = () => keep.requests.filter((r) => r.includes('/texts/'));
      // Every hit of the page with its snippet, drawn from its text.
      const snippets = (n) => page.waitForFunction((n) => [...document.querySelectorAll('#results > li')].filter((li) => li.getClientRects().length > 0 && li.querySelector('.snippet').textContent.trim()).length === n, n);
      await page.goto(`${keep.url}?q=${encodeURIComponent(a.q)}`);
      await snippets(a.ids.length);
      const first = new Set(texts());
      const shown = await page.locator('#results .snippet').allInnerTexts();
      // Another query's texts come: those only the first read go.
      await page.getByRole('searchbox', { name: 'Search' }).fill(b.q);
      await page.getByRole('status').filter({ hasText: new RegExp(`^${b.ids.length} documents$`) }).waitFor();
      await snippets(b.ids.length);
      await page.getByRole('searchbox', { name: 'Search' }).fill(a.q);
      await page.getByRole('status').filter({ hasText: new RegExp(`^${a.ids.length} documents$`) }).waitFor();
      await snippets(a.ids.length);
      assert.deepEqual(await page.locator('#results .snippet').allInnerTexts(), shown, 'the same snippets');
      const again = [...first].filter((r) => texts().filter((x) => x === r).length === 2);
      assert.ok(again.length >= onlyA.length, `the files of ${onlyA.length} paragraphs only ${a.q} finds fetched again: ${again.length}`);
    } finally {
      await context.close();
    }
  } finally {
    await keep.close();
  }
});
