// End to end: the real release build in dist/, served on loopback, driven
// in headless Chromium as a person would use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { servedSite, saveFrom } from './browser.mjs';
import { parseCsv } from './csv.mjs';
import { ROOT, seeds, titleOf, idsWhere, beginning, SEEDS_DIST } from './seeds.mjs';

const DIST = SEEDS_DIST;

const site = servedSite(DIST, async () => {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'dist/ is built (trunk build --release)');
  return DIST;
});

const search = (page) => page.getByRole('searchbox', { name: 'Search' });
const status = (page) => page.getByRole('status').filter({ hasText: /document/ });
const results = (page) => page.getByRole('list', { name: 'Results' });

async function hitIds(page) {
  const hrefs = await results(page).locator(':scope > li a.hit-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return hrefs.map((h) => new URLSearchParams(h.slice(h.indexOf('?'))).get('doc')).sort();
}

const { withPage } = site;
test('empty query lists every document with title, metadata and snippet', () => withPage(async (page) => {
  await page.goto(site.url);
  await assertCount(page, seeds.length);
  const items = results(page).locator(':scope > li');
  assert.equal(await items.count(), seeds.length);
  for (const s of seeds) {
    const link = results(page).getByRole('link', { name: titleOf(s), exact: true });
    assert.equal(await link.count(), 1, `title shown: ${titleOf(s)}`);
    assert.match(await link.getAttribute('href'), new RegExp(`doc=${s.id}`));
  }
  // A breadcrumb is never the title.
  assert.equal(await results(page).getByRole('link', { name: /»/ }).count(), 0);
  assert.match(await items.first().locator('.hit-meta').innerText(), /words/);
  assert.ok((await items.first().locator('.snippet').innerText()).length > 40);
}));

async function assertCount(page, n) {
  await assert.doesNotReject(status(page).filter({ hasText: new RegExp(`^${n} documents?$`) }).waitFor({ timeout: 5000 }),
    `status says ${n} documents`);
}

test('the result list saves as CSV and JSON: every hit the search leaves, in list order', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=%22Ashraf%22&literal=1`);
  const word = /(?<![\p{L}\p{N}])ashraf(?![\p{L}\p{N}])/iu;
  const expected = idsWhere((t) => word.test(t));
  assert.ok(expected.length > 1);
  await status(page).filter({ hasText: new RegExp(`^${expected.length} documents`) }).waitFor();
  const download = await saveFrom(page, page.getByRole('button', { name: 'Download CSV' }));
  assert.match(download.name, /-results-Ashraf\.csv$/);
  const [header, ...rows] = parseCsv(download.text);
  assert.deepEqual(header, ['Id', 'Title', 'Author', 'Date', 'Score', 'Snippet']);
  assert.deepEqual(rows.map((r) => r[0]).sort(), expected);
  // In the order of the list on screen, titles and snippets from the seed files.
  const shown = await results(page).locator(':scope > li a.hit-title').allInnerTexts();
  assert.deepEqual(rows.slice(0, shown.length).map((r) => r[1]), shown);
  for (const [id, title, , , score, snippet] of rows) {
    assert.equal(title, titleOf(seeds.find((s) => s.id === id)));
    assert.match(snippet, word);
    assert.ok(Number(score) > 0, score);
  }
  const json = JSON.parse((await saveFrom(page, page.getByRole('button', { name: 'Download JSON' }))).text);
  assert.deepEqual(json.map((h) => h.id), rows.map((r) => r[0]));
  assert.deepEqual(json.map((h) => h.snippet), rows.map((r) => r[5]));
  const scores = json.map((h) => h.score);
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'relevance order');
}));

test('typing updates the count and the list on every keystroke', () => withPage(async (page) => {
  await page.goto(site.url);
  await assertCount(page, seeds.length);
  const box = search(page);
  await box.focus();
  const seen = [];
  for (const ch of 'Rajavi') {
    await page.keyboard.type(ch);
    const typed = await box.inputValue();
    // While typing, the last word also finds the words it begins: `Raj` finds Rajavi.
    const expected = idsWhere((t) => beginning(typed, t) > 0);
    await assertCount(page, expected.length);
    assert.deepEqual(await hitIds(page), expected, `hits for "${typed}"`);
    seen.push(expected.length);
  }
  assert.equal(seen.at(-1), 1, 'one seed names Rajavi');
  const marks = await results(page).locator(':scope > li').first().locator('.snippet mark').allInnerTexts();
  assert.ok(marks.length > 0 && marks.every((m) => /^rajavi/i.test(m)), `the snippet marks the match: ${marks}`);
}));

test('a hit\'s place shows the document now in it: its title, metadata, pick box and open mark follow it when the list changes', () => withPage(async (page) => {
  await page.goto(site.url);
  await assertCount(page, seeds.length);
  const items = results(page).locator(':scope > li');
  const titleAt = (i) => items.nth(i).locator('a.hit-title').innerText();
  const box = (i) => items.nth(i).getByRole('checkbox', { name: 'compare' });
  // The last place's document, and a word only its text has (from the seed files).
  const last = seeds.length - 1;
  const lastTitle = await titleAt(last);
  const seed = seeds.find((s) => titleOf(s) === lastTitle);
  // (No other seed has a word that begins as it does: neither its prefix nor its stem finds another.)
  const words = (t) => new Set(t.toLowerCase().match(/\p{L}{7,}/gu));
  const only = [...words(seed.text)].find((w) => seeds.every((s) => s === seed || beginning(w.slice(0, 4), s.text) === 0));
  assert.ok(only, `a word only ${seed.id} has`);
  const firstTitle = await titleAt(0);
  assert.notEqual(firstTitle, titleOf(seed));
  await box(last).check();
  // Searching that word moves the picked document into the first place.
  await search(page).fill(only);
  await assertCount(page, 1);
  assert.equal(await titleAt(0), titleOf(seed));
  assert.match(await items.nth(0).locator('a.hit-title').getAttribute('href'), new RegExp(`doc=${seed.id}`));
  assert.match(await items.nth(0).locator('.hit-meta').innerText(), /words/);
  assert.ok(await box(0).isChecked(), 'the picked document\'s box is ticked in its new place');
  await items.nth(0).locator('a.hit-title').click();
  await page.getByRole('article').first().waitFor();
  assert.equal(await items.nth(0).locator('a.hit-title').getAttribute('aria-current'), 'true');
  // Back to every document: the first place shows its own document again, not picked, not open.
  await search(page).fill('');
  await assertCount(page, seeds.length);
  assert.equal(await titleAt(0), firstTitle);
  assert.equal(await box(0).isChecked(), false, 'the first place\'s box follows its own document');
  assert.equal(await items.nth(0).locator('a.hit-title').getAttribute('aria-current'), null);
  assert.equal(await titleAt(last), titleOf(seed));
  assert.ok(await box(last).isChecked());
  assert.equal(await items.nth(last).locator('a.hit-title').getAttribute('aria-current'), 'true');
}));

test('typing a phrase keeps the documents that hold it on the list at every key', () => withPage(async (page) => {
  await page.goto(site.url);
  await assertCount(page, seeds.length);
  // The seeds with "Human Rights" in a row (read off the seed files): some, not all.
  const holders = idsWhere((t) => /\bhuman\s+rights\b/i.test(t));
  assert.ok(holders.length > 0 && holders.length < seeds.length, `${holders.length} seeds hold the phrase`);
  const box = search(page);
  await box.focus();
  const phrase = '"Human Rights"';
  for (const ch of phrase) {
    await page.keyboard.type(ch);
    const typed = await box.inputValue();
    if (typed === '"') continue; // nothing to search yet
    // The keystroke's answer is drawn in its own frame: read it after the next.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const count = Number(/^(\d+) documents?$/.exec(await status(page).innerText())?.[1]);
    const ids = await hitIds(page);
    assert.ok(holders.every((id) => ids.includes(id)), `typing ${typed}: ${ids} holds every seed with the phrase (${holders})`);
    assert.equal(count, ids.length, `typing ${typed}: the count is the list's`);
    assert.equal(await page.getByText('No document matches').count(), 0, `typing ${typed}`);
  }
  // Closed, the phrase finds its words in a row.
  await assertCount(page, holders.length);
  assert.deepEqual(await hitIds(page), holders);
}));

// The last word of a query, until a space or a closing quote follows it, also
// finds the words it begins (`beginning`); a bare word finds its inflected
// forms (the regular expressions list the English endings the seeds use); a
// quoted word only its own form.
const cases = [
  ['"Camp Ashraf"', (t) => /\bcamp\s+ashraf\b/i.test(t)],
  ['Rajavi -Paris', (t) => /\brajavis?\b/i.test(t) && !beginning('paris', t)],
  ['Paris', (t) => beginning('paris', t) > 0],
  ['Mal*', (t) => /\bmal\w*/i.test(t)],
  ['"Camp Ashraf" Rajavi', (t) => /\bcamp\s+ashraf\b/i.test(t) && beginning('rajavi', t) > 0],
  ['Obama OR Odierno', (t) => /\bobamas?\b/i.test(t) || beginning('odierno', t) > 0],
  ['title:MKO', (t) => beginning('mko', titleOf({ text: t })) > 0],
  ['interview ', (t) => /\binterview(s|ed|ing)?\b/i.test(t)],
  ['negotiate ', (t) => /\bnegotiat(e|es|ed|ing|ion|ions)\b/i.test(t)],
  ['resident ', (t) => /\bresid(e|es|ed|ing|ent|ents|ence|ences)\b/i.test(t)],
  ['residents ', (t) => /\bresid(e|es|ed|ing|ent|ents|ence|ences)\b/i.test(t)],
  ['"interview"', (t) => /\binterview\b/i.test(t)],
  ['"interviews"', (t) => /\binterviews\b/i.test(t)],
  ['Raj', (t) => beginning('raj', t) > 0],
];
for (const [q, pred] of cases) {
  test(`query ${q} finds the documents counted by hand`, () => withPage(async (page) => {
    await page.goto(site.url);
    await search(page).fill(q);
    const expected = idsWhere(pred);
    await assertCount(page, expected.length);
    assert.deepEqual(await hitIds(page), expected);
    if (expected.length === 0) {
      await page.getByText('No document matches').waitFor();
    }
  }));
}

test('a misspelt query offers a correction that runs when chosen', () => withPage(async (page) => {
  await page.goto(site.url);
  await search(page).fill('Rajvi ');
  await assertCount(page, 0);
  const offer = page.locator('#suggest').getByRole('link');
  const word = (await offer.first().innerText()).trim();
  // A word the seeds use, one letter away from what was typed.
  assert.ok(idsWhere((t) => new RegExp(`\\b${word}\\b`, 'i').test(t)).length > 0, `${word} is in the seeds`);
  assert.match(word, /^r\w?ajvi$|^raj\w?vi$|^rajv\w?i$/i);
  await offer.first().press('Enter');
  await page.waitForURL((u) => new URL(u).searchParams.get('q')?.trim() === word);
  assert.equal((await search(page).inputValue()).trim(), word);
  const expected = idsWhere((t) => new RegExp(`\\b${word}s?\\b`, 'i').test(t));
  await assertCount(page, expected.length);
  assert.deepEqual(await hitIds(page), expected);
}));

test('a deep link opens the reader with every match marked, stepping with the keyboard', () => withPage(async (page) => {
  const s = seeds.find((x) => x.id.startsWith('004'));
  // literal=1: this test counts one spelling (aliases are tested in facets.test.mjs).
  await page.goto(`${site.url}?q=${encodeURIComponent('Maliki')}&literal=1&doc=${s.id}`);
  const reader = page.getByRole('article', { name: titleOf(s) });
  await reader.waitFor();
  const expected = (s.text.match(/\bmaliki\b/gi) ?? []).length;
  assert.ok(expected > 5);
  const marks = reader.locator('mark');
  assert.equal(await marks.count(), expected);
  for (const m of await marks.allInnerTexts()) assert.match(m, /^maliki(['’]s)?$/i);
  await reader.getByText(`Match 1 of ${expected}`).waitFor();
  await reader.focus();
  await page.keyboard.press('n');
  await reader.getByText(`Match 2 of ${expected}`).waitFor();
  await reader.locator('mark.current[data-match="1"]').waitFor();
  assert.equal(await reader.locator('mark.current').count(), 1);
  await page.keyboard.press('p');
  await page.keyboard.press('p');
  await reader.getByText(`Match ${expected} of ${expected}`).waitFor();
  await reader.getByRole('button', { name: 'Next match' }).click();
  await reader.getByText(`Match 1 of ${expected}`).waitFor();
  // Esc closes the reader and the address forgets the document.
  await page.keyboard.press('Escape');
  await reader.waitFor({ state: 'detached' });
  assert.equal(new URL(page.url()).searchParams.get('doc'), null);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'Maliki');
}));

test('keyboard only: / focuses search, arrows move through hits, Enter opens', () => withPage(async (page) => {
  await page.goto(site.url);
  await assertCount(page, seeds.length);
  await page.locator('body').press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  await page.keyboard.type('Maliki');
  // corpus.toml groups Maliki's spellings.
  await assertCount(page, idsWhere((t) => /\b(maliki|maleki|makeki)\b/i.test(t)).length);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => document.activeElement.textContent);
  const titles = await results(page).locator('a.hit-title').allInnerTexts();
  assert.equal(second, titles[1]);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const reader = page.getByRole('article', { name: titles[0] });
  await reader.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'reader');
  assert.ok(await reader.locator('mark').count() > 0);
}));

test('back and forward restore query and open document', () => withPage(async (page) => {
  await page.goto(site.url);
  await search(page).pressSequentially('Paris');
  const paris = idsWhere((t) => /\bparis\b/i.test(t));
  await assertCount(page, paris.length);
  await results(page).locator('a.hit-title').first().click();
  await page.locator('#reader').waitFor();
  const withDoc = page.url();
  assert.ok(new URL(withDoc).searchParams.get('doc'));
  await page.goBack();
  await page.locator('#reader').waitFor({ state: 'detached' });
  assert.equal(await search(page).inputValue(), 'Paris');
  await assertCount(page, paris.length);
  await page.goBack();
  assert.equal(await search(page).inputValue(), '');
  await assertCount(page, seeds.length);
  await page.goForward();
  await page.goForward();
  await page.locator('#reader').waitFor();
  assert.equal(page.url(), withDoc);
  assert.equal(await search(page).inputValue(), 'Paris');
}));

test('a query the user rested on is its own Back step; keystrokes between amend it', () => withPage(async (page) => {
  // The page's clock is the test's and stands still: however slowly a loaded
  // machine delivers the keys, "a second idle" passes only when the test says so.
  await page.clock.install();
  await page.goto(site.url);
  await assertCount(page, seeds.length);
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
  const box = search(page);
  // The page's own address, read in the page: playwright's `page.url()`
  // learns of a history entry by an event that may come after the key press
  // has returned.
  const q = () => page.evaluate(() => new URLSearchParams(location.search).get('q'));
  const paris = idsWhere((t) => beginning('paris', t) > 0);
  const maliki = idsWhere((t) => /\b(maliki|maleki|makeki)\b/i.test(t));
  const both = idsWhere((t) => /\b(maliki|maleki|makeki)\b/i.test(t) || beginning('obama', t) > 0);
  // The stopped clock draws no frames, and the page sends the requests an
  // answer needs (over a sharded index, fragments) after a frame: let it draw
  // frames until the count is there, well short of a second.
  const countAfterFrames = async (n) => {
    const shown = status(page).filter({ hasText: new RegExp(`^${n} documents?$`) });
    for (let frame = 0; frame < 30 && !(await shown.isVisible()); frame++) await page.clock.runFor(17);
    await assertCount(page, n);
  };
  // Rested by Enter.
  await box.focus();
  await page.keyboard.type('Paris');
  await page.keyboard.press('Enter');
  assert.equal(await q(), 'Paris');
  // Rested by a second without typing.
  await box.focus();
  await box.selectText();
  await page.keyboard.type('Maliki');
  await countAfterFrames(maliki.length);
  await page.clock.runFor(1100);
  // Rested by leaving the box.
  await page.keyboard.type(' OR Obama');
  await countAfterFrames(both.length);
  await page.keyboard.press('Tab');
  await box.focus();
  await page.keyboard.type('x');
  // The address follows once typing pauses.
  await page.clock.runFor(400);
  assert.equal(await q(), 'Maliki OR Obamax');
  for (const [want, count] of [['Maliki OR Obama', both.length], ['Maliki', maliki.length], ['Paris', paris.length], [null, seeds.length]]) {
    await page.goBack();
    assert.equal(await q(), want, 'Back returns to the query rested on before');
    assert.equal(await box.inputValue(), want ?? '');
    await countAfterFrames(count);
  }
  await page.goForward();
  assert.equal(await q(), 'Paris');
}));

test('bad queries and addresses show a message and the page keeps working', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=%ZZ%22camp&doc=no-such-doc&doc=&x=${'y'.repeat(10000)}`);
  await page.getByText('There is no document “no-such-doc”').waitFor();
  await page.getByText('A quote was not closed').waitFor();
  await search(page).fill('(((camp OR');
  await page.getByText('was not closed').first().waitFor();
  await assertCount(page, idsWhere((t) => /\bcamp\b/i.test(t)).length);
  await search(page).fill('*');
  await page.getByText('A lone `*`').waitFor();
  await assertCount(page, seeds.length);
}));

test('narrow screens: the reader replaces the list, Close returns to it', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=Ashraf`);
  await results(page).locator('a.hit-title').first().click();
  await page.locator('#reader').waitFor();
  assert.equal(await results(page).isVisible(), false);
  await page.getByRole('button', { name: 'Close' }).click();
  await results(page).waitFor();
  assert.ok(await results(page).isVisible());
}, { width: 390, height: 800 }));
