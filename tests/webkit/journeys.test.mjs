// One journey per feature in WebKit, from the keyboard where a person would
// use it; expectations come from the seed files (tests/e2e/seeds.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Key, By } from 'selenium-webdriver';
import { serve } from '../e2e/serve.mjs';
import { ROOT, seeds, titleOf, idsWhere, beginning } from '../e2e/seeds.mjs';
import { startDriver, until, statusMatching, assertNoPanic } from './webkit.mjs';
import { phrases } from '../e2e/selection.mjs';

let server, formats, driver, webdriver;
before(async () => {
  server = await serve(path.join(ROOT, 'dist'));
  formats = await serve(path.join(ROOT, 'target', 'dist-formats'));
  webdriver = await startDriver();
  driver = await webdriver.session();
});
after(async () => { await driver?.quit(); webdriver?.stop(); server?.close(); formats?.close(); });

const hitIds = () => driver.executeScript(`return [...document.querySelectorAll('[role=list][aria-label=Results] > li a.hit-title')]
  .map((a) => new URL(a.href).searchParams.get('doc')).sort();`);

test('WebKit: typing a query narrows the results as the seeds say; the keyboard opens the reader', async () => {
  await driver.get(server.url);
  await statusMatching(driver, new RegExp(`^${seeds.length} documents`));
  await driver.findElement(By.css('body')).sendKeys('/');
  assert.equal(await driver.executeScript('return document.activeElement.getAttribute("type")'), 'search');
  await driver.switchTo().activeElement().sendKeys('Rajavi');
  const expected = idsWhere((t) => beginning('rajavi', t) > 0);
  await statusMatching(driver, new RegExp(`^${expected.length} documents?`));
  assert.deepEqual(await hitIds(), expected);
  await driver.switchTo().activeElement().sendKeys(Key.ARROW_DOWN, Key.ENTER);
  const title = titleOf(seeds.find((s) => s.id === expected[0]));
  const marks = await until(driver, `const a = document.querySelector('article[aria-label="' + arguments[0] + '"]');
    return a && a.querySelectorAll('mark').length;`, title);
  assert.equal(marks, beginning('rajavi', seeds.find((s) => s.id === expected[0]).text));
  await assertNoPanic(driver);
});

test('WebKit: a facet checkbox filters, the address keeps it, Back undoes it', async () => {
  await driver.get(`${server.url}?q=camp&literal=1`);
  const camp = idsWhere((t) => beginning('camp', t) > 0);
  await statusMatching(driver, new RegExp(`^${camp.length} documents?`));
  const year = await until(driver, `const g = [...document.querySelectorAll('fieldset')].find((f) => f.querySelector('legend')?.textContent.trim() === 'Year');
    const box = g && g.querySelector('input[type=checkbox]'); if (!box) return null; box.focus(); return box.labels[0].textContent.trim();`);
  await driver.switchTo().activeElement().sendKeys(Key.SPACE);
  const value = year.replace(/ \(\d+\)$/, '');
  await until(driver, `return new URL(location.href).searchParams.get('year') === arguments[0];`, value);
  const status = await statusMatching(driver, /^\d+ documents?/);
  assert.equal(Number(status.match(/^\d+/)[0]), Number(year.match(/\((\d+)\)$/)[1]), 'the count the checkbox promised');
  await driver.navigate().back();
  await statusMatching(driver, new RegExp(`^${camp.length} documents?`));
  await assertNoPanic(driver);
});

test('WebKit: the concordance lists every match of a word in the seeds', async () => {
  await driver.get(`${server.url}?q=Ashraf&literal=1&view=kwic`);
  const count = (t) => (t.match(/(?<![\p{L}\p{N}])ashraf(?![\p{L}\p{N}])/giu) ?? []).length;
  const total = seeds.reduce((n, s) => n + count(s.text), 0);
  const docs = seeds.filter((s) => count(s.text) > 0).length;
  await statusMatching(driver, new RegExp(`^${docs} documents · ${total} matches`));
  const rows = await driver.executeScript(`return document.querySelectorAll('table[aria-label=Concordance] tbody tr').length`);
  assert.equal(rows, total);
  await assertNoPanic(driver);
});

test('WebKit: collocates, keywords, n-grams, trends and the overview each show their table or figures', async () => {
  // Keywords need a reference: the one document naming Rajavi against the rest.
  for (const [view, name, q] of [['collocates', 'Collocates', 'camp'], ['keyness', 'Keywords', 'Rajavi'], ['ngrams', 'N-grams', 'camp'], ['trends', 'Trends', 'camp']]) {
    await driver.get(`${server.url}?q=${q}&view=${view}`);
    const rows = await until(driver, `const t = document.querySelector('table[aria-label="' + arguments[0] + '"]');
      return t && t.querySelectorAll('tbody tr').length;`, name);
    assert.ok(rows > 0, `${name} has rows`);
  }
  await driver.get(`${server.url}?view=overview`);
  const docs = await until(driver, `const dt = [...document.querySelectorAll('[aria-label=Overview] dt')].find((d) => d.textContent === 'Documents');
    return dt && dt.nextElementSibling.textContent;`);
  assert.equal(Number(docs), seeds.length);
  await assertNoPanic(driver);
});

test('WebKit: compare opens two documents side by side with their shared passages marked in both', async () => {
  // Two seeds that quote the same sentence on Maliki (see tests/e2e/compare.test.mjs).
  const [a, b] = ['002_5d8e932dd9bb1da5', '004_3ec3be72ad7f794c'];
  await driver.get(`${server.url}?compare=${a},${b}`);
  const labels = await until(driver, `const r = document.querySelector('[role=region][aria-label=Compare]');
    const arts = r ? [...r.querySelectorAll('article')] : []; return arts.length === 2 && arts.map((x) => x.getAttribute('aria-label'));`);
  assert.deepEqual(labels, [a, b].map((id) => titleOf(seeds.find((s) => s.id === id))));
  const shared = await driver.executeScript(`const [x, y] = document.querySelectorAll('[aria-label=Compare] article');
    const ids = (e) => new Set([...e.querySelectorAll('[data-passage]')].map((p) => p.dataset.passage));
    const [i, j] = [ids(x), ids(y)]; return i.size > 0 && [...i].every((p) => j.has(p)) && [...j].every((p) => i.has(p));`);
  assert.ok(shared, 'every passage marked in one column is marked in the other');
  await assertNoPanic(driver);
});

test('WebKit: dist/explorer.html works alone from file://, its address included', async () => {
  const file = pathToFileURL(path.join(ROOT, 'dist', 'explorer.html')).href;
  await driver.get(`${file}?q=Paris&literal=1`);
  const paris = idsWhere((t) => /(?<![\p{L}\p{N}])paris(?![\p{L}\p{N}])/iu.test(t));
  await statusMatching(driver, new RegExp(`^${paris.length} documents?`));
  assert.deepEqual(await hitIds(), paris);
  await assertNoPanic(driver);
});

test('WebKit: a passage selected and highlighted by key is kept in IndexedDB across a reload and listed in the Notes view', async () => {
  const seed = seeds[1];
  const [phrase] = phrases(seed.text, 1);
  await driver.get(`${server.url}?doc=${seed.id}`);
  await until(driver, `return document.querySelector('#reader .doc-text');`);
  // Select the passage as a drag would, then press h in the reader.
  const selected = await driver.executeScript(`const root = document.querySelector('#reader .doc-text');
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const i = n.data.indexOf(arguments[0]); if (i < 0) continue;
      document.getElementById('reader').focus();
      const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + arguments[0].length);
      getSelection().removeAllRanges(); getSelection().addRange(r); return true;
    }
    return false;`, phrase);
  assert.ok(selected, `“${phrase}” is in the reader`);
  await driver.switchTo().activeElement().sendKeys('h');
  const mark = () => until(driver, `const m = document.querySelector('#reader .note-mark'); return m && m.textContent;`);
  assert.equal(await mark(), phrase);
  // Reloaded once the reader says the store has it, as a person would see.
  await until(driver, `return [...document.querySelectorAll('#reader [role=status]')].some((s) => s.textContent === 'Saved in this browser.');`);
  await driver.navigate().refresh();
  assert.equal(await mark(), phrase, 'the highlight is back after a reload');
  await driver.get(`${server.url}?view=notes`);
  await statusMatching(driver, /^1 note in 1 document$/);
  const quote = await until(driver, `const q = document.querySelector('.note-group blockquote'); return q && q.textContent;`);
  assert.equal(quote, phrase);
  await assertNoPanic(driver);
});

test('WebKit: an e-book\'s chapters are headings, and its Contents takes the keyboard to the second', async () => {
  // tests/fixtures/formats' book (make.py): seeds 002 and 004 as its chapters, each headed by its title.
  const lines = (s) => s.text.split('\n').map((l) => l.split(/\s+/).filter(Boolean).join(' ')).filter(Boolean);
  const titles = ['002', '004'].map((p) => lines(seeds.find((s) => s.id.startsWith(`${p}_`))).find((l) => !l.includes('»')));
  await driver.get(`${formats.url}?doc=press-book`);
  const headings = await until(driver, `const hs = [...document.querySelectorAll('#reader div.doc-text h3')]; return hs.length && hs.map((h) => h.textContent);`);
  assert.deepEqual(headings, titles);
  // Safari tabs to links only with Option: each control is focused as that Tab would, then Enter.
  await driver.executeScript(`document.querySelector('nav.contents summary').focus();`);
  await driver.switchTo().activeElement().sendKeys(Key.ENTER);
  await until(driver, `return document.querySelector('nav.contents details').open;`);
  await driver.executeScript(`document.querySelectorAll('nav.contents a')[1].focus();`);
  await driver.switchTo().activeElement().sendKeys(Key.ENTER);
  const focused = await until(driver, `const a = document.activeElement; return a.tagName === 'H3' && a.textContent;`);
  assert.equal(focused, titles[1]);
  await assertNoPanic(driver);
});
