// Facets, filters, sorting and aliases in the built page, checked against
// what the seed files say (read here with plain regular expressions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve } from './serve.mjs';
import { servedSite, withFreshPage } from './browser.mjs';
import { ROOT, seeds, idsWhere, beginning, SEEDS_DIST } from './seeds.mjs';


const site = servedSite(SEEDS_DIST);

const { withPage } = site;
const status = (page) => page.getByRole('status').filter({ hasText: /document/ });
const countIs = (page, n) => status(page).filter({ hasText: new RegExp(`^${n} documents?$`) }).waitFor({ timeout: 5000 });
const group = (page, name) => page.getByRole('group', { name });
async function hitIds(page) {
  const hrefs = await page.getByRole('list', { name: 'Results' }).locator('a.hit-title').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  return hrefs.map((h) => new URLSearchParams(h.slice(h.indexOf('?'))).get('doc')).sort();
}

test('the five facet groups are there, each value a checkbox labelled VALUE (COUNT)', () => withPage(async (page) => {
  await page.goto(site.url);
  await countIs(page, seeds.length);
  for (const name of ['Source', 'Author', 'Year', 'Kind', 'Entity']) {
    await group(page, name).waitFor();
  }
  const kind = group(page, 'Kind');
  // Interviews are the two seeds with speaker turns (Q:/A: or IRD:/SB:).
  const interviews = idsWhere((t) => /\b(Q|IRD):/.test(t) && /\b(A|SB):/.test(t)).length;
  assert.equal(await kind.getByRole('checkbox', { name: `interview (${interviews})`, exact: true }).count(), 1);
  assert.equal(await kind.getByRole('checkbox', { name: `article (${5 - interviews})`, exact: true }).count(), 1);
  const authors = group(page, 'Author');
  for (const name of ['Dan Murphy', 'Mazda Parsi', 'Sirous Borna']) {
    assert.equal(await authors.getByRole('checkbox', { name: `${name} (1)`, exact: true }).count(), 1, name);
  }
  // Values most frequent first, but years newest first; (none) after every value.
  for (const name of ['Source', 'Author', 'Year', 'Kind', 'Entity']) {
    const labels = await group(page, name).getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.labels[0].textContent.trim()));
    const values = labels.map((l) => l.match(/^(.*) \((\d+)\)$/)).map((m) => ({ value: m[1], n: Number(m[2]) }));
    const none = values.findIndex((v) => v.value === '(none)');
    if (none >= 0) assert.equal(none, values.length - 1, `${name}: (none) last of ${labels}`);
    const rest = values.filter((v) => v.value !== '(none)');
    if (name === 'Year') assert.deepEqual(rest.map((v) => v.value), rest.map((v) => v.value).sort().reverse(), `years newest first: ${labels}`);
    else assert.deepEqual(rest.map((v) => v.n), rest.map((v) => v.n).sort((a, b) => b - a), `${name} by count: ${labels}`);
  }
}));

test('ticking facets filters the list, updates counts and URL; Back restores', () => withPage(async (page) => {
  await page.goto(site.url);
  await countIs(page, seeds.length);
  await group(page, 'Kind').getByRole('checkbox', { name: /^article \(/ }).check();
  const articles = idsWhere((t) => !(/\b(Q|IRD):/.test(t) && /\b(A|SB):/.test(t)));
  await countIs(page, articles.length);
  assert.deepEqual(await hitIds(page), articles);
  assert.deepEqual(new URL(page.url()).searchParams.getAll('kind'), ['article']);
  // Counts in another group now say what each click would give.
  const murphy = group(page, 'Author').getByRole('checkbox', { name: 'Dan Murphy (1)', exact: true });
  assert.equal(await group(page, 'Author').getByRole('checkbox', { name: /^Sirous Borna/ }).count(), 0, 'an interviewee of an interview is not offered');
  await murphy.check();
  await countIs(page, 1);
  // OR inside a group.
  await group(page, 'Author').getByRole('checkbox', { name: 'Mazda Parsi (1)', exact: true }).check();
  await countIs(page, 2);
  assert.deepEqual(new URL(page.url()).searchParams.getAll('author').sort(), ['Dan Murphy', 'Mazda Parsi']);
  // Chips remove one filter; Back brings it back.
  await page.getByRole('button', { name: 'Remove filter Author: Mazda Parsi' }).click();
  await countIs(page, 1);
  await page.goBack();
  await countIs(page, 2);
  await page.getByRole('button', { name: 'Clear all filters' }).click();
  await countIs(page, seeds.length);
  assert.equal(new URL(page.url()).search, '');
}));

test('filters work from the query too, and from a shared link', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=${encodeURIComponent('author:"Dan Murphy"')}`);
  await countIs(page, 1);
  // The documents of 2011, as the Year filter alone lists them, that use a word beginning "camp"
  // (the word being typed also finds the words it begins).
  await page.goto(`${site.url}?year=2011`);
  await status(page).waitFor();
  const of2011 = await hitIds(page);
  const expected = of2011.filter((id) => beginning('camp', seeds.find((s) => s.id === id).text) > 0);
  assert.ok(expected.length > 0 && expected.length < seeds.length);
  await page.goto(`${site.url}?q=camp&year=2011`);
  await countIs(page, expected.length);
  assert.deepEqual(await hitIds(page), expected);
  assert.ok(await group(page, 'Year').getByRole('checkbox', { name: /^2011 \(/ }).isChecked());
}));

test('any spelling finds all spellings, marked as written; the switch makes it literal', () => withPage(async (page) => {
  const anyMaliki = idsWhere((t) => /\b(maliki|maleki|makeki)\b/i.test(t));
  await page.goto(`${site.url}?q=Maleki`);
  await countIs(page, anyMaliki.length);
  assert.deepEqual(await hitIds(page), anyMaliki);
  // The reader of the interview marks the spelling it uses.
  await page.goto(`${site.url}?q=Maliki&doc=000_0b6ec28b6c4abd8e`);
  await page.locator('#reader mark').first().waitFor();
  const marks = await page.locator('#reader mark').allInnerTexts();
  assert.ok(marks.length > 0 && marks.every((m) => /^(maleki|makeki|al-maliki|maliki)$/i.test(m)), `${marks}`);
  assert.ok(marks.some((m) => /^maleki$/i.test(m)));
  await page.getByRole('checkbox', { name: 'All spellings' }).uncheck();
  await page.locator('#reader').waitFor();
  await countIs(page, idsWhere((t) => /\bmaliki\b/i.test(t)).length);
  assert.equal(new URL(page.url()).searchParams.get('literal'), '1');
  // MKO's spellings.
  await page.goto(`${site.url}?q=MEK`);
  await countIs(page, idsWhere((t) => /\b(mko|mek|mujah[ie]din)\b/i.test(t)).length);
}));

test('fuzzy matching finds near spellings', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=${encodeURIComponent('Rajevi~')}&literal=1`);
  await countIs(page, idsWhere((t) => /\brajavi\b/i.test(t)).length);
}));

test('sorting by title orders the list alphabetically', () => withPage(async (page) => {
  await page.goto(site.url);
  await countIs(page, seeds.length);
  await page.getByLabel('Sort by').selectOption('title');
  const titles = await page.getByRole('list', { name: 'Results' }).locator('a.hit-title').allInnerTexts();
  assert.deepEqual(titles, [...titles].sort((a, b) => a.localeCompare(b)));
  assert.equal(new URL(page.url()).searchParams.get('sort'), 'title');
}));

test('stepping through matches scrolls the reader, not the page', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=MKO&doc=004_3ec3be72ad7f794c`);
  const reader = page.locator('#reader');
  await reader.waitFor();
  await reader.focus();
  const before = await page.evaluate(() => window.scrollY);
  for (let i = 0; i < 6; i++) await page.keyboard.press('n');
  await page.locator('#reader mark.current[data-match="6"]').waitFor();
  // The reader scrolls in the frame after the match moves: wait for that frame's work, not a fixed time.
  await page.waitForFunction(() => {
    const r = document.querySelector('#reader').getBoundingClientRect();
    const m = document.querySelector('#reader mark.current').getBoundingClientRect();
    return document.querySelector('#reader').scrollTop > 0 && m.top > r.top && m.bottom < r.bottom;
  }, null, { timeout: 15000 }).catch(() => {});
  assert.equal(await page.evaluate(() => window.scrollY), before, 'the page stays put');
  assert.ok(await reader.evaluate((r) => r.scrollTop) > 0, 'the reader scrolled');
  const box = await page.locator('#reader mark.current').boundingBox();
  const rbox = await reader.boundingBox();
  assert.ok(box.y > rbox.y && box.y < rbox.y + rbox.height, 'the current match is in view');
}));

test('footnotes are a part of their own; an inferred date says so', () => withPage(async (page) => {
  const s = seeds.find((x) => x.id.startsWith('002'));
  await page.goto(`${site.url}?q=Iraq&literal=1&doc=${s.id}`);
  const reader = page.getByRole('article', { name: 'MKO fears the U.S. military withdrawal' });
  await reader.waitFor();
  const refs = reader.getByRole('region', { name: 'References' });
  assert.match(await refs.innerText(), /^References\s+\[1\]/);
  assert.match(await reader.locator('.hit-meta').innerText(), /inferred from references/);
  // Every match is still marked once, across both parts (the last word
  // also finds the words it begins: Iraqi).
  const expected = beginning('iraq', s.text);
  assert.equal(await reader.locator('mark').count(), expected);
  await reader.getByText(`Match 1 of ${expected}`).waitFor();
}));

test('a facet no document has a value for offers no group, unless the address ticks one of its values', async () => {
  // The reuse fixture: three plain-text pages with no byline, date, breadcrumb or named entity.
  const reuse = await serve(path.join(ROOT, 'target', 'dist-reuse'));
  try {
    await withFreshPage(site.browser, new URL(reuse.url).origin, async (page) => {
      await page.goto(reuse.url);
      await countIs(page, 3);
      const panel = page.locator('details.facets');
      // Every document has a kind: that group is offered, and no group offers "(none)" alone.
      await group(page, 'Kind').getByRole('checkbox', { name: 'article (3)', exact: true }).waitFor();
      const offered = await panel.getByRole('group').evaluateAll((gs) => gs.map((g) => ({
        name: g.querySelector('legend').textContent,
        values: [...g.querySelectorAll('label')].map((l) => l.textContent),
      })));
      for (const g of offered) {
        assert.ok(g.values.some((v) => !v.startsWith('(none)')), `${g.name} offers only ${g.values}`);
      }
      assert.equal(await group(page, 'Author').count(), 0);
      // Ticked by the address, the group is there to untick it; then it goes.
      await page.goto(`${reuse.url}?author=${encodeURIComponent('(none)')}`);
      const none = group(page, 'Author').getByRole('checkbox', { name: '(none) (3)', exact: true });
      await none.waitFor();
      assert.ok(await none.isChecked());
      await none.click();
      await group(page, 'Author').waitFor({ state: 'detached' });
      await countIs(page, 3);
    });
  } finally {
    await reuse.close();
  }
});
