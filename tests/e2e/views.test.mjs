// End to end: the concordance (view=kwic) and the overview (view=overview)
// of the real release build in dist/, checked against the seed files with
// plain regular expressions, not against the engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { servedSite, saveFrom } from './browser.mjs';
import { parseCsv } from './csv.mjs';
import { ROOT, seeds, titleOf, beginning, SEEDS_DIST } from './seeds.mjs';

const DIST = SEEDS_DIST;

// A whole word, a possessive `'s` allowed after it (the tokeniser reads `Maliki's` as Maliki).
const wordRe = (w) => new RegExp(`(?<![\\p{L}\\p{N}])${w}(?:['’]s)?(?![\\p{L}\\p{N}])`, 'giu');
const occurrences = (w, text) => (text.match(wordRe(w)) ?? []).length;
// Context is shown without its exact spacing (`Ashraf]` reads as `Ashraf ]`): compare without white space.
const squash = (s) => s.replace(/\s+/g, '');

const site = servedSite(DIST);

const { withPage } = site;
const table = (page) => page.getByRole('table', { name: 'Concordance' });
const rows = (page) => table(page).locator('tbody tr');
const param = (page, key) => new URL(page.url()).searchParams.get(key);

async function lines(page) {
  return rows(page).evaluateAll((trs) => trs.map((tr) => ({
    left: tr.querySelector('.kwic-left').textContent,
    match: tr.querySelector('.kwic-match').textContent,
    mark: tr.querySelector('.kwic-match mark').textContent,
    right: tr.querySelector('.kwic-right').textContent,
    doc: new URLSearchParams(tr.querySelector('a').getAttribute('href').split('?')[1]).get('doc'),
    title: tr.querySelector('.kwic-doc').textContent,
    name: tr.querySelector('a').textContent,
  })));
}

test('the concordance lists every occurrence with its context, as counted by hand', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=Ashraf&literal=1&view=kwic`);
  const total = seeds.reduce((n, s) => n + occurrences('ashraf', s.text), 0);
  const docs = seeds.filter((s) => occurrences('ashraf', s.text) > 0);
  assert.ok(total > 10);
  await page.getByRole('status').filter({ hasText: `${docs.length} documents · ${total} matches` }).waitFor();
  // (The count comes with the answer; the lines once their texts are in, when texts are files.)
  await rows(page).nth(total - 1).waitFor();
  assert.equal(await rows(page).count(), total);
  const got = await lines(page);
  for (const l of got) {
    assert.match(l.match, /^ashraf in /i);
    assert.equal(l.name, l.match, 'the match is the link, named by the match and the document');
    const seed = seeds.find((s) => s.id === l.doc);
    assert.equal(l.title, titleOf(seed));
    // The line is a piece of the document.
    assert.ok(squash(seed.text).includes(squash(l.left + l.mark + l.right)), `${l.left} [${l.mark}] ${l.right}`);
    assert.match(l.mark, /^ashraf$/i);
  }
  // Each document gives as many lines as it has occurrences.
  for (const s of docs) assert.equal(got.filter((l) => l.doc === s.id).length, occurrences('ashraf', s.text), s.id);
  // The tab says which view this is.
  assert.equal(await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Concordance' }).getAttribute('aria-current'), 'page');
}));

test('the concordance saves every line as CSV and JSON, each match where its document has it', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=Ashraf&literal=1&view=kwic`);
  const total = seeds.reduce((n, s) => n + occurrences('ashraf', s.text), 0);
  await page.getByRole('status').filter({ hasText: `· ${total} matches` }).waitFor();
  const download = await saveFrom(page, page.getByRole('button', { name: 'Download CSV' }));
  assert.match(download.name, /kwic-Ashraf\.csv$/);
  const [header, ...csv] = parseCsv(download.text);
  assert.deepEqual(header, ['Id', 'Document', 'Before', 'Match', 'After', 'Offset', 'Page']);
  assert.ok(csv.every((r) => r[6] === ''), 'text files have no pages');
  assert.equal(csv.length, total);
  await rows(page).nth(total - 1).waitFor();
  const shown = await lines(page);
  assert.equal(shown.length, total);
  assert.deepEqual(csv.slice(0, shown.length).map((r) => [r[0], r[3]]), shown.map((l) => [l.doc, l.mark]), 'the lines in their order on screen');
  for (const [id, title, before, match, after, offset] of csv) {
    const seed = seeds.find((s) => s.id === id);
    assert.equal(title, titleOf(seed));
    assert.match(match, /^ashraf$/i);
    // The offset is where the match stands in the file, in UTF-8 bytes.
    const bytes = Buffer.from(seed.text, 'utf8');
    assert.equal(bytes.subarray(Number(offset), Number(offset) + Buffer.byteLength(match)).toString('utf8'), match, `${id} @ ${offset}`);
    assert.ok(squash(seed.text).includes(squash(before + match + after)));
  }
  const json = JSON.parse((await saveFrom(page, page.getByRole('button', { name: 'Download JSON' }))).text);
  assert.deepEqual(json.map((l) => [l.id, l.match, String(l.offset), l.page]), csv.map((r) => [r[0], r[3], r[5], null]));
}));

test('the concordance shows each match and each document title whole', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=%22Camp+Ashraf%22&literal=1&view=kwic`);
  const n = seeds.reduce((k, s) => k + (s.text.match(/(?<![\p{L}\p{N}])camp\s+ashraf(?![\p{L}\p{N}])/giu) ?? []).length, 0);
  await page.getByRole('status').filter({ hasText: `· ${n} matches` }).waitFor();
  // The lines are drawn once their texts have come (files of their own in a sharded build).
  await rows(page).nth(n - 1).waitFor();
  const cells = await rows(page).evaluateAll((trs) => trs.map((tr) => [tr.querySelector('.kwic-match'), tr.querySelector('.kwic-doc')]
    .map((td) => ({ text: td.textContent, cut: td.scrollWidth > td.clientWidth + 1 }))));
  assert.equal(cells.length, n);
  for (const [match, doc] of cells) {
    assert.equal(match.cut, false, `the match “${match.text}” is cut`);
    assert.equal(doc.cut, false, `the title “${doc.text}” is cut`);
  }
}));

test('concordance lines sort by the words to their left and right; the order is in the address', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=camp&view=kwic`);
  await rows(page).first().waitFor();
  const fold = (s) => s.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '');
  const lastWord = (s) => fold((s.match(/[\p{L}\p{N}]+(?=[^\p{L}\p{N}]*$)/u) ?? [''])[0]);
  const firstWord = (s) => fold((s.match(/[\p{L}\p{N}]+/u) ?? [''])[0]);
  const sorted = (xs) => xs.every((x, i) => i === 0 || xs[i - 1] <= x);
  await page.getByLabel('Order lines by').selectOption('left');
  await page.waitForURL(/kwic=left/);
  const left = (await lines(page)).map((l) => lastWord(l.left));
  assert.ok(sorted(left), `left words in order: ${left.join(' ')}`);
  await page.getByLabel('Order lines by').selectOption('right');
  await page.waitForURL(/kwic=right/);
  // Right order reads the match first (`camp`, `camps`, `campaign`), then the words after it.
  const right = (await lines(page)).map((l) => `${fold(l.mark)} ${firstWord(l.right)}`);
  assert.ok(sorted(right), `right words in order: ${right.join(' | ')}`);
  await page.goBack();
  await page.waitForURL(/kwic=left/);
  assert.equal(await page.getByLabel('Order lines by').inputValue(), 'left');
}));

test('choosing a concordance line opens the reader at that very match, from the keyboard', () => withPage(async (page) => {
  // The address's last word also finds the words it begins (Rajavis).
  const s = seeds.find((x) => beginning('rajavi', x.text) > 3);
  const n = beginning('rajavi', s.text);
  await page.goto(`${site.url}?q=Rajavi&literal=1&view=kwic`);
  await rows(page).first().waitFor();
  const got = await lines(page);
  const mine = got.map((l, i) => ({ ...l, i })).filter((l) => l.doc === s.id);
  assert.equal(mine.length, n);
  // Third line of that document, reached with / and the arrow keys.
  await page.locator('body').press('/');
  await page.keyboard.press('ArrowDown');
  for (let k = 0; k < mine[2].i; k++) await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), `Rajavi in ${titleOf(s)}`);
  await page.keyboard.press('Enter');
  const reader = page.getByRole('article', { name: titleOf(s) });
  await reader.getByText(`Match 3 of ${n}`).waitFor();
  assert.equal(param(page, 'doc'), s.id);
  assert.equal(param(page, 'view'), 'kwic');
  // The current mark is the occurrence the line showed.
  const around = await reader.locator('mark.current').evaluate((m) => m.textContent);
  assert.match(around, /^rajavi/i);
  // Esc closes the reader and focus returns to a line of that document.
  await page.keyboard.press('Escape');
  await reader.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.closest('table')?.getAttribute('aria-label')), 'Concordance');
}));

test('the concordance without a query says what to do; switching views keeps the search', () => withPage(async (page) => {
  await page.goto(`${site.url}?view=kwic`);
  await page.getByText('Type a word or a phrase').waitFor();
  await page.getByRole('searchbox', { name: 'Search' }).fill('"Camp Ashraf"');
  await rows(page).first().waitFor();
  // Alias expansion on: seeds/corpus.toml spells Camp Ashraf also "Ashraf Camp" and "Ashraf",
  // so every Ashraf in the seeds is a match, once (inside a phrase or alone).
  const total = seeds.reduce((n, s) => n + occurrences('ashraf', s.text), 0);
  await page.getByRole('status').filter({ hasText: new RegExp(` · ${total} matches$`) }).waitFor();
  assert.equal(await rows(page).count(), total);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Results' }).click();
  await page.getByRole('list', { name: 'Results' }).waitFor();
  assert.equal(param(page, 'view'), null);
  assert.equal(param(page, 'q'), '"Camp Ashraf"');
}));

test('the view links carry the address bar\'s address, which typing reaches once it pauses', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=Ashraf`);
  await page.getByRole('list', { name: 'Results' }).locator('li').first().waitFor();
  const views = page.getByRole('navigation', { name: 'Views' });
  // Each link's address, read in the same task as the address bar's.
  const both = () => views.getByRole('link', { name: 'Concordance' }).evaluate((a) => {
    const link = new URL(a.href);
    return { link: link.searchParams.get('q'), view: link.searchParams.get('view'), bar: new URLSearchParams(location.search).get('q') };
  });
  assert.deepEqual(await both(), { link: 'Ashraf', view: 'kwic', bar: 'Ashraf' });
  // Typed, not yet written (the address waits for a pause): the link still says what the bar says.
  // Read in the task right after the keystroke's own (its page updates done, the pause not over
  // whatever the machine's load), and at every frame until the bar holds the new query.
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.evaluate((input) => {
    const read = () => {
      const a = [...document.querySelectorAll('nav a')].find((l) => l.textContent.trim() === 'Concordance');
      return { link: new URL(a.href).searchParams.get('q'), bar: new URLSearchParams(location.search).get('q') };
    };
    window.afterKey = [];
    window.everyFrame = [];
    input.addEventListener('input', () => setTimeout(() => window.afterKey.push(read()), 0));
    const frame = () => {
      const r = read();
      window.everyFrame.push(r);
      if (r.bar !== 'Rajavi') requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  await box.fill('Rajavi');
  // Once typing pauses, both carry the new query.
  await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'Rajavi');
  assert.deepEqual(await page.evaluate(() => window.afterKey), [{ link: 'Ashraf', bar: 'Ashraf' }]);
  const frames = await page.evaluate(() => window.everyFrame);
  assert.deepEqual(frames.filter((r) => r.link !== r.bar), [], 'a frame where the link and the bar differ');
  assert.deepEqual(await both(), { link: 'Rajavi', view: 'kwic', bar: 'Rajavi' });
  // A plain click takes the state as it is to the view.
  await views.getByRole('link', { name: 'Concordance' }).click();
  await page.waitForFunction(() => new URLSearchParams(location.search).get('view') === 'kwic');
  assert.equal(param(page, 'q'), 'Rajavi');
}));

test('the overview gives the corpus figures; a word opens its concordance, a year filters', () => withPage(async (page) => {
  await page.goto(`${site.url}?view=overview`);
  const overview = page.getByRole('region', { name: 'Overview' });
  await overview.waitFor();
  const figure = async (name) => overview.locator('.figures div').filter({ has: page.locator('dt', { hasText: new RegExp(`^${name}$`) }) }).locator('dd').innerText();
  assert.equal(await figure('Documents'), String(seeds.length));
  // The seeds hold thousands of words: the figure is written as a person reads it, in groups of three digits.
  const spaced = seeds.reduce((n, s) => n + s.text.split(/\s+/).filter(Boolean).length, 0);
  assert.ok(spaced > 1000, `${spaced} words split on spaces`);
  assert.match(await figure('Words'), /^\d{1,3}(,\d{3})+$/);
  // Frequent words: the counts are those a person finds by searching the files.
  const words = await overview.getByRole('list', { name: 'Most frequent words' }).locator('li').allInnerTexts();
  assert.ok(words.length >= 10);
  for (const w of words.slice(0, 5)) {
    const [, word, n, docs] = w.match(/^(\S+) (\d{1,3}(?:,\d{3})*) × in (\d+) documents?$/);
    const byHand = seeds.map((s) => occurrences(word, s.text));
    assert.equal(Number(n.replaceAll(',', '')), byHand.reduce((a, b) => a + b, 0), `occurrences of ${word}`);
    assert.equal(Number(docs), byHand.filter((x) => x > 0).length, `documents with ${word}`);
    assert.ok(!['the', 'and', 'of', 'to', 'in'].includes(word), 'function words are left out');
  }
  // Documents by year add up to the dated documents.
  const bars = overview.locator('section', { has: page.getByRole('heading', { name: 'Documents by year' }) }).getByRole('button');
  const counts = (await bars.allInnerTexts()).map((t) => Number(t.match(/(\d+) documents?/)[1]));
  assert.equal(String(counts.reduce((a, b) => a + b, 0)), (await figure('Dated')).split(' of ')[0]);
  const first = bars.first();
  const year = (await first.innerText()).match(/^\d{4}/)[0];
  await first.click();
  await page.waitForURL(new RegExp(`year=${year}`));
  assert.equal(await figure('Documents'), String(counts[0]));
  assert.equal(await first.getAttribute('aria-pressed'), 'true');
  // A word: its concordance.
  const top = words[0].split(' ')[0];
  await overview.getByRole('button', { name: top, exact: true }).click();
  await table(page).waitFor();
  assert.equal(param(page, 'view'), 'kwic');
  assert.equal(param(page, 'q'), top);
  await rows(page).first().waitFor();
}));

test('the overview follows the search: figures of the matching documents only', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=Paris&view=overview`);
  const overview = page.getByRole('region', { name: 'Overview' });
  await overview.getByRole('heading', { name: 'The documents that match the search and filters' }).waitFor();
  const paris = seeds.filter((s) => occurrences('paris', s.text) > 0);
  assert.ok(paris.length > 0 && paris.length < seeds.length);
  await page.getByRole('status').filter({ hasText: new RegExp(`^${paris.length} documents?$`) }).waitFor();
  const dd = overview.locator('.figures div').filter({ hasText: /^Documents/ }).locator('dd');
  assert.equal(await dd.innerText(), String(paris.length));
}));

test('an unknown view is said politely and the results show', () => withPage(async (page) => {
  await page.goto(`${site.url}?view=timeline&kwic=sideways&q=Paris`);
  await page.getByText('The address asks for a view “timeline”').waitFor();
  await page.getByText('order the concordance by “sideways”').waitFor();
  await page.getByRole('list', { name: 'Results' }).waitFor();
}));

test('on a phone the concordance wraps each line and stays usable', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=Rajavi&view=kwic`);
  await rows(page).first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `no sideways scrolling (${overflow}px)`);
  await rows(page).first().getByRole('link').click();
  await page.locator('#reader').waitFor();
  // The words around the match stay apart when a line wraps.
  await page.goBack();
  const gaps = await rows(page).evaluateAll((trs) => trs.map((tr) => {
    const left = [...tr.querySelector('.kwic-left span').getClientRects()].at(-1);
    const mark = tr.querySelector('.kwic-match mark').getClientRects()[0];
    const right = tr.querySelector('.kwic-right span').getClientRects()[0];
    const gap = (a, b) => (a && b && Math.abs(a.top - b.top) < 4 ? b.left - a.right : Infinity);
    return Math.min(gap(left, mark), gap(mark, right));
  }));
  assert.ok(gaps.every((g) => g >= 3), `a gap between the context and the match: ${gaps}`);
}, { width: 390, height: 800 }));
