// Documents side by side: the Compare region, shared passages marked alike
// in each column, choosing a passage scrolls the columns to it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './serve.mjs';
import { servedSite, openPage } from './browser.mjs';
import { ROOT, seeds, SEEDS_DIST } from './seeds.mjs';

const site = servedSite(SEEDS_DIST);

const { withPage } = site;
/** Cosine of two seeds' word vectors, weighted (1 + ln tf) × ln(N / df),
 *  words in every seed left out: the similarity the page promises. */
function tfidfCosine(a, b) {
  const words = (t) => t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const tfs = new Map(seeds.map((s) => [s.id, words(s.text).reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map())]));
  const df = new Map();
  for (const m of tfs.values()) for (const w of m.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const vector = (id) => {
    const v = new Map();
    for (const [w, tf] of tfs.get(id)) if (df.get(w) < seeds.length) v.set(w, (1 + Math.log(tf)) * Math.log(seeds.length / df.get(w)));
    const norm = Math.hypot(...v.values());
    return new Map([...v].map(([w, x]) => [w, x / norm]));
  };
  const [va, vb] = [vector(a), vector(b)];
  return [...va].reduce((dot, [w, x]) => dot + x * (vb.get(w) ?? 0), 0);
}

const A = '002_5d8e932dd9bb1da5';
const B = '004_3ec3be72ad7f794c';

test('compare= opens the documents in columns, in order, with shared passages marked alike', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=Maliki&literal=1&compare=${B},${A}`);
  const region = page.getByRole('region', { name: 'Compare' });
  await region.waitFor();
  const columns = region.getByRole('article');
  // (A column comes once its text has: from a texts file where they are apart.)
  await columns.nth(1).waitFor();
  assert.deepEqual(await columns.evaluateAll((as) => as.map((a) => a.getAttribute('aria-label'))),
    ['Another failure for the MKO', 'MKO fears the U.S. military withdrawal']);
  // "Iraqi Prime Minister(,) Nouri al-Maliki(, and|. And)" stands in both: punctuation and case differ.
  const ids = await columns.nth(0).locator('[data-passage]').evaluateAll((es) => [...new Set(es.map((e) => e.dataset.passage))]);
  assert.ok(ids.length >= 1);
  for (const id of ids) {
    assert.ok(await columns.nth(1).locator(`[data-passage="${id}"]`).count() > 0, `passage ${id} in both columns`);
  }
  const shared = (await columns.nth(0).locator(`[data-passage]`).allInnerTexts()).join('');
  assert.match(shared.replace(/\s+/g, ' '), /Iraqi Prime Minister,? Nouri al-Maliki[.,] [Aa]nd/);
  // The query is marked in every column.
  assert.ok(await columns.nth(0).locator('mark').count() > 0 && await columns.nth(1).locator('mark').count() > 0);
  // The list names each passage marked in the columns, the Maliki sentence among them.
  const listed = page.getByRole('list', { name: 'Shared passages' }).getByRole('listitem');
  assert.equal(await listed.count(), ids.length, 'one list item per passage marked');
  assert.ok((await listed.allInnerTexts()).some((t) => /Iraqi Prime Minister/.test(t)));
}));

test('choosing a passage scrolls every column to its copy', () => withPage(async (page) => {
  await page.goto(`${site.url}?compare=${A},${B}`);
  const region = page.getByRole('region', { name: 'Compare' });
  await region.waitFor();
  const item = page.getByRole('list', { name: 'Shared passages' }).getByRole('button', { name: /Iraqi Prime Minister/ });
  await item.click();
  const id = await region.getByRole('article').nth(0).locator('[data-passage]', { hasText: 'Prime' }).first().getAttribute('data-passage');
  for (const n of [0, 1]) {
    const col = region.getByRole('article').nth(n);
    const text = col.locator('.compare-text');
    const target = col.locator(`[data-passage="${id}"]`).first();
    const [t, b] = [await target.boundingBox(), await text.boundingBox()];
    assert.ok(t.y >= b.y && t.y < b.y + b.height, `column ${n} shows the passage`);
  }
}));

test('picking hits and Compare opens the view; Esc and Back close it', () => withPage(async (page) => {
  await page.goto(site.url);
  await page.getByRole('status').filter({ hasText: new RegExp(`^${seeds.length} documents$`) }).waitFor();
  const hits = page.getByRole('list', { name: 'Results' }).getByRole('listitem');
  await hits.nth(0).getByRole('checkbox', { name: 'compare' }).check();
  await hits.nth(2).getByRole('checkbox', { name: 'compare' }).check();
  await page.getByRole('button', { name: 'Compare (2)' }).click();
  const region = page.getByRole('region', { name: 'Compare' });
  await region.waitFor();
  assert.equal(await region.getByRole('article').count(), 2);
  assert.equal(new URL(page.url()).searchParams.get('compare').split(',').length, 2);
  await page.keyboard.press('Escape');
  await region.waitFor({ state: 'detached' });
  await page.goBack();
  await region.waitFor();
  await page.goto(`${site.url}?compare=${A},no-such,${B}`);
  await page.getByText('There is no document “no-such” to compare').waitFor();
  // (The columns are drawn once both texts are in.)
  await region.getByRole('article').nth(1).waitFor();
  assert.equal(await region.getByRole('article').count(), 2);
}));

test('on a phone the columns become tabs, usable from the keyboard', () => withPage(async (page) => {
  await page.goto(`${site.url}?compare=${A},${B}`);
  const region = page.getByRole('region', { name: 'Compare' });
  const tabs = region.getByRole('tab');
  await tabs.first().waitFor();
  assert.equal(await tabs.count(), 2);
  const first = region.getByRole('article', { name: 'MKO fears the U.S. military withdrawal' });
  const second = region.getByRole('article', { name: 'Another failure for the MKO' });
  // Drawn first, then asserted: the columns come as their texts do.
  await first.waitFor({ state: 'visible' });
  assert.ok(await first.isVisible());
  assert.equal(await second.isVisible(), false);
  await tabs.first().focus();
  await page.keyboard.press('ArrowRight');
  await second.waitFor({ state: 'visible' });
  assert.equal(await first.isVisible(), false);
  assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
}, { width: 390, height: 800 }));

test('linked scrolling keeps the columns together', () => withPage(async (page) => {
  await page.goto(`${site.url}?compare=${A},${B}`);
  const region = page.getByRole('region', { name: 'Compare' });
  await region.getByRole('article').first().waitFor();
  const bodies = region.locator('.compare-text');
  // Scrolls a column and resolves once its scroll event has been handled
  // and the next frame drawn: anything linked has moved by then.
  const scroll = (col, top) => bodies.nth(col).evaluate((e, top) => new Promise((done) => {
    e.addEventListener('scroll', () => requestAnimationFrame(() => requestAnimationFrame(done)), { once: true });
    e.scrollTop = top;
  }), top);
  // Where a passage's first copy stands from the top of its column.
  const offset = (col, id) => bodies.nth(col).evaluate((e, id) =>
    e.querySelector(`[data-passage="${id}"]`).getBoundingClientRect().top - e.getBoundingClientRect().top, id);
  // Unlinked: the other column stays put.
  await scroll(0, 400);
  assert.equal(await bodies.nth(1).evaluate((e) => e.scrollTop), 0);
  // Linked: bring the left column's first shared passage to its top; the
  // right column shows its copy at the same height.
  await region.getByRole('checkbox', { name: 'Link scrolling' }).check();
  const id = await bodies.nth(0).locator('[data-passage]').first().getAttribute('data-passage');
  const top = await bodies.nth(0).evaluate((e) => e.scrollTop);
  await scroll(0, top + await offset(0, id));
  const [left, right] = [await offset(0, id), await offset(1, id)];
  assert.ok(Math.abs(left) <= 1, `the passage is at the left column's top (${left})`);
  assert.ok(Math.abs(right - left) <= 2, `the copy stands level in the right column: ${right} against ${left}`);
  assert.ok(await bodies.nth(1).evaluate((e) => e.scrollTop) > 0, 'the right column moved to it');
}));

test('a corpus with reused text: quotes found across punctuation and case, boilerplate ignored', async () => {
  const reuse = await serve(path.join(ROOT, 'target', 'dist-reuse'));
  const { context, page, problems } = await openPage(site.browser, new URL(reuse.url).origin);
  try {
    await page.goto(`${reuse.url}?compare=wire-report,daily-paper,weekly-review`);
    const region = page.getByRole('region', { name: 'Compare' });
    await region.getByRole('article').first().waitFor();
    const list = await page.getByRole('list', { name: 'Shared passages' }).getByRole('listitem').allInnerTexts();
    assert.ok(list.some((t) => /^2\d words, columns 1, 2, 3: .the residents of the camp will be moved/i.test(t)), `${list}`);
    assert.ok(list.some((t) => /columns 2, 3: .the minister repeated that no date had been fixed for the handover of the keys/i.test(t)), `${list}`);
    assert.ok(list.every((t) => !/Share this article|newsletter/.test(t)), 'boilerplate named in corpus.toml is ignored');
    // The same passage id in each column it stands in.
    const id = await region.getByRole('article').nth(0).locator('[data-passage]').first().getAttribute('data-passage');
    for (const n of [0, 1, 2]) {
      assert.ok(await region.getByRole('article').nth(n).locator(`[data-passage="${id}"]`).count() > 0, `column ${n}`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await reuse.close();
  }
});

test('the reader lists documents that share passages and similar ones; one click compares', () => withPage(async (page) => {
  await page.goto(`${site.url}?doc=${A}`);
  const reader = page.getByRole('article', { name: 'MKO fears the U.S. military withdrawal' });
  await reader.waitFor();
  await reader.getByText('Related documents').click();
  const shares = reader.getByRole('list', { name: 'Documents that share passages with this one' });
  const share = shares.getByRole('button', { name: /Another failure for the MKO \(\d+ words\)/ });
  assert.equal(await share.count(), 1);
  assert.equal(await reader.getByRole('list', { name: 'Similar documents' }).getByRole('listitem').count(), 3);
  await share.click();
  const region = page.getByRole('region', { name: 'Compare' });
  await region.waitFor();
  assert.deepEqual(await region.getByRole('article').evaluateAll((as) => as.map((a) => a.getAttribute('aria-label'))),
    ['MKO fears the U.S. military withdrawal', 'Another failure for the MKO']);
  await region.getByText('Shared and distinct').click();
  const sim = await region.getByRole('list', { name: 'Similarity' }).innerText();
  const [, percent] = sim.match(/^1 ↔ 2: (\d+)% alike$/);
  // Recomputed from the seed texts: cosine of log-TF × IDF word vectors (docs/CONTRACT.md);
  // the words here are plain letter runs, so allow one point for the tokenizer's finer cuts.
  assert.ok(Math.abs(Number(percent) - Math.round(100 * tfidfCosine(A, B))) <= 1, `${sim} against ${tfidfCosine(A, B)}`);
  assert.equal(await region.getByRole('list', { name: 'Only in one document' }).getByRole('listitem').count(), 2);
}));

test('"Compare with…" in the reader picks the document, then another hit completes the pair', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=Paris&doc=${A}`);
  await page.getByRole('button', { name: 'Compare with…' }).click();
  await page.locator('#reader').waitFor({ state: 'detached' });
  const hits = page.getByRole('list', { name: 'Results' }).getByRole('listitem');
  const other = hits.filter({ hasNot: page.locator(`a[href*="doc=${A}"]`) }).first();
  await other.getByRole('checkbox', { name: 'compare' }).check();
  await page.getByRole('button', { name: 'Compare (2)' }).click();
  const region = page.getByRole('region', { name: 'Compare' });
  assert.equal(await region.getByRole('article').count(), 2);
  assert.equal(await region.getByRole('article').first().getAttribute('aria-label'), 'MKO fears the U.S. military withdrawal');
}));
