// End to end: the analysis views (collocates, keywords, n-grams, trends, the
// dispersion plot) of the release build in dist/. Every count is recounted
// here from the seed files with regular expressions; every measure is
// recomputed here from those counts with the formulas of docs/STATISTICS.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { servedSite, saveFrom } from './browser.mjs';
import { ROOT, seeds, titleOf, SEEDS_DIST } from './seeds.mjs';

const DIST = SEEDS_DIST;

const W = '[\\p{L}\\p{N}]';
// A whole word, a possessive `'s` allowed after it (the tokeniser reads `Maliki's` as Maliki).
const wordRe = (w) => new RegExp(`(?<!${W})${w}(?:['’]s)?(?!${W})`, 'giu');
const occurrences = (w, text) => (text.match(wordRe(w)) ?? []).length;
const total = (w, texts = seeds.map((s) => s.text)) => texts.reduce((n, t) => n + occurrences(w, t), 0);
// Two words next to each other (anything but letters and digits between them).
const adjacent = (a, b, text) => (text.match(new RegExp(`(?<!${W})${a}(?:['’]s)?[^\\p{L}\\p{N}]+${b}(?!${W})`, 'giu')) ?? []).length;

/** Signed G² of a 2×2 table given by its first cell and margins. */
function g2(o11, r1, c1, n) {
  const cells = [[o11, r1, c1], [r1 - o11, r1, n - c1], [c1 - o11, n - r1, c1], [n - r1 - c1 + o11, n - r1, n - c1]];
  const sum = 2 * cells.reduce((s, [o, r, c]) => s + (o > 0 ? o * Math.log(o / ((r * c) / n)) : 0), 0);
  return o11 < (r1 * c1) / n ? -sum : sum;
}

const site = servedSite(DIST);

const { withPage } = site;
const param = (page, key) => new URL(page.url()).searchParams.get(key);

/** The rows of an analysis table as arrays of cell texts. */
const tableRows = (page, name) => page.getByRole('table', { name, exact: true }).locator('tbody tr')
  .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
const rowOf = (rows, word) => rows.find((r) => r[0] === word);

test('collocates of a word: counts and measures as recounted from the seed files', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=%22Ashraf%22&literal=1&view=collocates&window=1,1&min=1`);
  const node = total('ashraf');
  const caption = page.locator('#collocates-caption');
  await caption.filter({ hasText: `f(node) = ${node} matches` }).waitFor();
  // Each match has a word on either side unless it begins or ends its document.
  let slots = 0;
  for (const { text } of seeds) {
    for (const m of text.matchAll(wordRe('ashraf'))) {
      slots += new RegExp(W, 'u').test(text.slice(0, m.index)) + new RegExp(W, 'u').test(text.slice(m.index + m[0].length));
    }
  }
  assert.match(await caption.innerText(), new RegExp(`window 1 left, 1 right: R1 = ${slots} word slots`));
  const n = Number((await caption.innerText()).match(/N = ([\d,]+) words/)[1].replaceAll(',', ''));
  const rows = await tableRows(page, 'Collocates');
  // "camp" right before Ashraf or right after it.
  const together = seeds.reduce((s, { text }) => s + adjacent('camp', 'ashraf', text) + adjacent('ashraf', 'camp', text), 0);
  assert.ok(together > 5, 'Camp Ashraf is the seeds\' most common phrase');
  const camp = rowOf(rows, 'camp');
  assert.deepEqual(camp.slice(0, 3), ['camp', String(together), String(total('camp'))]);
  assert.equal(camp[3], g2(together, slots, total('camp'), n).toFixed(2), 'log-likelihood');
  const e11 = (slots * total('camp')) / n;
  assert.equal(camp[4], Math.log2(together / e11).toFixed(2), 'MI');
  assert.equal(camp[5], ((together - e11) / Math.sqrt(together)).toFixed(2), 'T-score');
  assert.equal(camp[6], (14 + Math.log2((2 * together) / (node + total('camp')))).toFixed(2), 'Log Dice');
  // Ordered by log-likelihood, strongest first.
  const ll = rows.map((r) => Number(r[3]));
  assert.deepEqual(ll, [...ll].sort((a, b) => b - a));
  // Counting the forms of a word together: camp, camps, camped… are one row, named by the most frequent form.
  await page.getByRole('checkbox', { name: 'Count the forms of a word together' }).check();
  await page.waitForURL(/count=stems/);
  const forms = 'camp(?:s|ed|ing)?';
  const together2 = seeds.reduce((s, { text }) => s + adjacent(forms, 'ashraf', text) + adjacent('ashraf', forms, text), 0);
  const frequency2 = total(forms);
  assert.ok(frequency2 > total('camp'), 'the seeds use other forms of camp too');
  await page.getByRole('table', { name: 'Collocates' }).locator('tbody tr').filter({ hasText: new RegExp(`^camp\\s*${together2}\\s*${frequency2}`) }).waitFor();
  const stemmed = await tableRows(page, 'Collocates');
  assert.deepEqual(rowOf(stemmed, 'camp').slice(0, 3), ['camp', String(together2), String(frequency2)]);
  assert.equal(rowOf(stemmed, 'camps'), undefined, 'no row of its own');
}));

test('a column header orders the table, the address keeps it, and the downloads hold the table shown', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=%22Ashraf%22&literal=1&view=collocates`);
  const status = page.getByRole('status').filter({ hasText: /collocates$/ });
  await status.waitFor();
  await page.getByRole('button', { name: 'MI', exact: true }).click();
  await page.waitForURL(/measure=mi/);
  const header = page.getByRole('columnheader', { name: 'MI', exact: true });
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  const rows = await tableRows(page, 'Collocates');
  const mi = rows.map((r) => Number(r[4]));
  assert.deepEqual(mi, [...mi].sort((a, b) => b - a));
  // Every listed word meets the least count (2 by default) inside the windows.
  assert.ok(rows.every((r) => Number(r[1]) >= 2));
  const download = await saveFrom(page, page.getByRole('button', { name: 'Download CSV' }));
  assert.match(download.name, /collocates-Ashraf\.csv$/);
  const csv = download.text.trim().split('\r\n').map((l) => l.split(','));
  assert.deepEqual(csv[0], ['Word', 'Together', 'Frequency', 'Log-likelihood', 'MI', 'T-score', 'Log Dice']);
  const count = Number((await status.innerText()).match(/([\d,]+) collocates/)[1].replaceAll(',', ''));
  assert.equal(csv.length - 1, count);
  assert.deepEqual(csv.slice(1, rows.length + 1), rows);
  const json = await saveFrom(page, page.getByRole('button', { name: 'Download JSON' }));
  const items = JSON.parse(json.text);
  assert.equal(items.length, count);
  assert.equal(items[0].word, rows[0][0]);
  assert.equal(items[0].mi.toFixed(2), rows[0][4]);
  // Reloaded, the address gives the same order.
  await page.reload();
  await status.filter({ hasText: /collocates$/ }).waitFor();
  assert.deepEqual(await tableRows(page, 'Collocates'), rows);
}));

test('n-grams holding a word, as counted in the seed texts', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=%22camp%22&literal=1&view=ngrams&n=2&min=1`);
  await page.getByRole('status').filter({ hasText: /n-grams?$/ }).waitFor();
  const rows = await tableRows(page, 'N-grams');
  // "camp ashraf" within a sentence: no . ! ? ; : or line break between the words.
  const re = new RegExp(`(?<!${W})camp[^\\p{L}\\p{N}.!?;:\\n]+ashraf(?:['’]s)?(?!${W})`, 'giu');
  const per = seeds.map((s) => (s.text.match(re) ?? []).length);
  const row = rowOf(rows, 'camp ashraf');
  assert.deepEqual(row, ['camp ashraf', String(per.reduce((a, b) => a + b)), String(per.filter((x) => x > 0).length)]);
  // Every row holds the word; most frequent first.
  assert.ok(rows.every((r) => r[0].split(' ').includes('camp') && r[0].split(' ').length === 2));
  const f = rows.map((r) => Number(r[1]));
  assert.deepEqual(f, [...f].sort((a, b) => b - a));
  // Three words: the setting is in the address and the rows grow.
  await page.getByLabel('Words').selectOption('3');
  await page.waitForURL((u) => !u.searchParams.has('n'));
  await page.getByRole('table', { name: 'N-grams' }).locator('tbody tr').first().filter({ hasText: /^\S+ \S+ \S+/ }).waitFor();
}));

test('keywords of one author against a reference query, recounted from the seeds', () => withPage(async (page) => {
  const target = seeds.filter((s) => /Dan Murphy/.test(s.text));
  assert.equal(target.length, 1);
  const reference = seeds.filter((s) => !target.includes(s) && occurrences('baghdad', s.text) > 0);
  await page.goto(`${site.url}?author=Dan+Murphy&view=keyness&ref=%22Baghdad%22&literal=1&min=1`);
  const caption = page.locator('#keyness-caption');
  await caption.filter({ hasText: `reference: the documents “"Baghdad"” finds, ${reference.length} documents` }).waitFor();
  const [, c, d] = (await caption.innerText()).match(/\(([\d,]+) words\).*\(([\d,]+) words\)/).map((x) => Number(x.replaceAll(',', '')));
  const rows = await tableRows(page, 'Keywords');
  const word = 'rajavi';
  const a = total(word, target.map((s) => s.text));
  const b = total(word, reference.map((s) => s.text));
  const row = rowOf(rows, word);
  assert.ok(row, 'Rajavi is a keyword of the article that names him most');
  assert.deepEqual(row.slice(1, 3), [String(a), String(b)]);
  assert.equal(row[3], g2(a, a + b, c, c + d).toFixed(2), 'log-likelihood over a, b, c − a, d − b');
  const half = (x) => (x === 0 ? 0.5 : x);
  assert.equal(row[4], Math.log2((half(a) / c) / (half(b) / d)).toFixed(2), 'log ratio');
  // Every listed word (plain words of three letters or more), recounted on both sides.
  const plain = rows.filter((r) => /^\p{L}{3,}$/u.test(r[0]));
  assert.ok(plain.some((r) => Number(r[2]) > 0), 'some keyword also occurs in the reference');
  for (const r of plain) {
    assert.deepEqual(r.slice(1, 3), [String(total(r[0], target.map((s) => s.text))), String(total(r[0], reference.map((s) => s.text)))], r[0]);
  }
  // Only keywords at p < .05 are listed; all positive.
  assert.ok(rows.every((r) => Number(r[3]) >= 3.84));
  // The negative side lists the words the article uses less.
  await page.getByLabel('Show').selectOption('negative');
  await page.waitForURL(/side=negative/);
  await page.getByRole('table', { name: 'Keywords' }).locator('tbody tr td').nth(2).filter({ hasText: /^-/ }).waitFor();
  const neg = await tableRows(page, 'Keywords');
  assert.ok(neg.length > 0 && neg.every((r) => Number(r[3]) <= -3.84));
  const lls = neg.map((r) => Number(r[3]));
  assert.deepEqual(lls, [...lls].sort((x, y) => x - y), 'most negative first');
}));

test('the dispersion plot: a tick per match, keys step along a row, a tick opens the reader there', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=%22Ashraf%22&literal=1&view=kwic`);
  const region = page.getByRole('region', { name: 'Dispersion' });
  await region.waitFor();
  const rows = region.locator('.disp-row');
  const docs = seeds.filter((s) => occurrences('ashraf', s.text) > 0);
  // Over a sharded index the plot fills once the word's fragment has come.
  await rows.nth(docs.length - 1).waitFor();
  assert.equal(await rows.count(), docs.length);
  for (let i = 0; i < docs.length; i++) {
    const title = await rows.nth(i).locator('.disp-title').innerText();
    const seed = seeds.find((s) => titleOf(s) === title);
    assert.ok(seed, title);
    assert.equal(await rows.nth(i).getByRole('link').count(), occurrences('ashraf', seed.text), title);
  }
  // Keyboard only: the row's first tick, two steps right, Enter.
  const first = rows.first();
  const title = await first.locator('.disp-title').innerText();
  const n = occurrences('ashraf', seeds.find((s) => titleOf(s) === title).text);
  await first.getByRole('link').first().focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), `Match 3 of ${n} in ${title}`);
  await page.keyboard.press('Enter');
  const reader = page.getByRole('article', { name: title });
  await reader.locator('.match-count').filter({ hasText: `Match 3 of ${n}` }).waitFor();
  assert.match(await reader.locator('mark.current').innerText(), /^ashraf/i);
}));

test('trends: occurrences per year of the documents, as counted in the seeds of each year', () => withPage(async (page) => {
  await page.goto(`${site.url}?view=trends&terms=%22MKO%22,%22Ashraf%22&literal=1`);
  const table = page.getByRole('table', { name: 'Trends' });
  await table.waitFor();
  const rows = await tableRows(page, 'Trends');
  assert.ok(rows.length >= 2);
  // Counts are written in groups of three digits (docs/CONTRACT.md).
  const whole = (cell) => { assert.match(cell, /^\d{1,3}(,\d{3})*$/); return Number(cell.replaceAll(',', '')); };
  for (const [year, docsCell, wordsCell, mko, ashraf] of rows) {
    const [docs, words] = [whole(docsCell), whole(wordsCell)];
    // The documents of that year, as the Year filter lists them.
    const list = await page.context().newPage();
    await list.goto(`${site.url}?year=${year}`);
    await list.getByRole('status').filter({ hasText: /documents?$/ }).waitFor();
    const ids = await list.locator('a.hit-title').evaluateAll((as) => as.map((a) => new URLSearchParams(a.getAttribute('href').split('?')[1]).get('doc')));
    await list.close();
    assert.equal(ids.length, docs);
    const texts = ids.map((id) => seeds.find((s) => s.id === id).text);
    for (const [cell, w] of [[mko, 'mko'], [ashraf, 'ashraf']]) {
      const count = total(w, texts);
      assert.equal(cell, `${((count * 10000) / words).toFixed(2)} (${count.toLocaleString('en-US')})`, `${w} in ${year}`);
    }
  }
  // The chart draws one line per term, a point per year.
  assert.equal(await page.locator('.trend-chart .series').count(), 2);
  assert.equal(await page.locator('.trend-chart .series-0 circle').count(), rows.length);
}));

test('analysis settings the address gets wrong are named, and the view still works', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=%22Ashraf%22&literal=1&view=collocates&window=abc&measure=size&n=9`);
  // (The list of what the address got wrong, not the lines saying what is loading.)
  const notices = page.locator('ul.notices');
  await notices.filter({ hasText: 'collocate window “abc”' }).waitFor();
  assert.match(await notices.innerText(), /order the table by “size”/);
  assert.match(await notices.innerText(), /9-grams/);
  await page.locator('#collocates-caption').filter({ hasText: 'window 5 left, 5 right' }).waitFor();
  assert.ok((await tableRows(page, 'Collocates')).length > 0);
}));
