// Keyboard only, no mouse anywhere: a person who cannot use a pointer goes
// through every feature with Tab, Shift+Tab, arrows, Space, Enter and Esc,
// and can see where the focus is at every stop.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ENGINE, servedSite } from './browser.mjs';
import { ROOT, seeds, titleOf, idsWhere, beginning, SEEDS_DIST } from './seeds.mjs';

const site = servedSite(SEEDS_DIST);
const { withPage } = site;

/** What has the focus: its role-ish tag, accessible name and whether a focus ring shows. */
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
  const name = e.getAttribute('aria-label') || e.labels?.[0]?.textContent || e.textContent;
  return { tag: e.tagName.toLowerCase(), role: e.getAttribute('role'), type: e.type ?? null, name: (name ?? '').trim().replace(/\s+/g, ' '), ring };
});

/** Presses Tab (or Shift+Tab) until the focus is on what `want` accepts; every stop on the way shows a focus ring. */
async function tabTo(page, want, { back = false, max = 200 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (f.tag !== 'body') assert.ok(f.ring, `a focus ring shows on ${f.tag} “${f.name}”`);
    if (want(f)) return f;
  }
  throw new Error('never reached by Tab');
}

const status = (page) => page.getByRole('status').first();

test('keyboard only: search, filter, read, step through matches, close', () => withPage(async (page) => {
  await page.goto(site.url);
  await page.getByRole('status').filter({ hasText: new RegExp(`^${seeds.length} documents$`) }).waitFor();
  await page.keyboard.press('/');
  await page.keyboard.type('camp ');
  const camp = idsWhere((t) => /\bcamps?\b/i.test(t));
  await page.getByRole('status').filter({ hasText: new RegExp(`^${camp.length} documents?$`) }).waitFor();
  // A facet value, ticked with Space: the Kind "interview".
  const interviews = camp.filter((id) => { const t = seeds.find((s) => s.id === id).text; return /\b(Q|IRD):/.test(t) && /\b(A|SB):/.test(t); });
  await tabTo(page, (f) => f.type === 'checkbox' && /^interview \(\d+\)$/.test(f.name));
  await page.keyboard.press('Space');
  await page.getByRole('status').filter({ hasText: new RegExp(`^${interviews.length} documents?$`) }).waitFor();
  assert.deepEqual(new URL(page.url()).searchParams.getAll('kind'), ['interview']);
  // Back to the search box, down into the hits, open the first.
  await page.keyboard.press('/');
  await page.keyboard.press('ArrowDown');
  const first = await focused(page);
  await page.keyboard.press('Enter');
  const reader = page.getByRole('article', { name: first.name });
  await reader.waitFor();
  const id = new URL(page.url()).searchParams.get('doc');
  assert.ok(interviews.includes(id));
  // n steps to the next match; the current one is marked as such.
  const marks = beginning('camp', seeds.find((s) => s.id === id).text);
  assert.equal(await reader.locator('mark').count(), marks);
  await page.keyboard.press('n');
  await reader.locator('mark.current').waitFor();
  // Esc closes the reader and gives the focus back to the hit.
  await page.keyboard.press('Escape');
  await reader.waitFor({ state: 'detached' });
  assert.equal((await focused(page)).name, first.name);
}));

test('keyboard only: the views, an analysis ordered by another column, a concordance line opened', () => withPage(async (page) => {
  await page.goto(`${site.url}?q=Ashraf&literal=1`);
  await status(page).filter({ hasText: /documents?$/ }).waitFor();
  // The Views navigation: Collocates.
  await tabTo(page, (f) => f.tag === 'a' && f.name === 'Collocates');
  await page.keyboard.press('Enter');
  await page.getByRole('table', { name: 'Collocates' }).waitFor();
  // The MI column header is a button: Enter orders the table by it.
  await tabTo(page, (f) => f.tag === 'button' && f.name === 'MI');
  await page.keyboard.press('Enter');
  await page.waitForURL(/measure=mi/);
  assert.equal(await page.getByRole('columnheader', { name: 'MI', exact: true }).getAttribute('aria-sort'), 'descending');
  // Back up to the Views: the Concordance, then the first line's link opens the reader at it.
  await tabTo(page, (f) => f.tag === 'a' && f.name === 'Concordance', { back: true });
  await page.keyboard.press('Enter');
  const table = page.getByRole('table', { name: 'Concordance' });
  await table.waitFor();
  const total = seeds.reduce((n, s) => n + (s.text.match(/(?<![\p{L}\p{N}])ashraf(?![\p{L}\p{N}])/giu) ?? []).length, 0);
  assert.equal(await table.locator('tbody tr').count(), total);
  const line = await tabTo(page, (f) => f.tag === 'a' && /^ashraf in /i.test(f.name));
  await page.keyboard.press('Enter');
  const title = line.name.replace(/^ashraf in /i, '');
  await page.getByRole('article', { name: title }).waitFor();
  assert.ok(seeds.some((s) => titleOf(s) === title));
}));

test('keyboard only: two hits picked and compared, columns as tabs on a phone, Esc closes', () => withPage(async (page) => {
  await page.goto(site.url);
  await page.getByRole('status').filter({ hasText: new RegExp(`^${seeds.length} documents$`) }).waitFor();
  for (let k = 0; k < 2; k++) {
    await tabTo(page, (f) => f.type === 'checkbox' && f.name === 'compare');
    await page.keyboard.press('Space');
  }
  await tabTo(page, (f) => f.tag === 'button' && f.name === 'Compare (2)', { back: true });
  await page.keyboard.press('Enter');
  const region = page.getByRole('region', { name: 'Compare' });
  await region.waitFor();
  const tabs = region.getByRole('tab');
  assert.equal(await tabs.count(), 2);
  // The tabs are named by column number and title, in the order of the address.
  const first = titleOf(seeds.find((s) => s.id === new URL(page.url()).searchParams.get('compare').split(',')[0]));
  await tabTo(page, (f) => f.role === 'tab' && f.name === `1. ${first}`);
  await page.keyboard.press('ArrowRight');
  assert.equal(await tabs.nth(1).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Escape');
  await region.waitFor({ state: 'detached' });
}, { width: 390, height: 844 }));

// Firefox over BiDi accepts emulateMedia({ media: 'print' }) but keeps the screen styles.
test('the reader prints: the whole document, its matches outlined, none of the controls', { skip: ENGINE === 'firefox' && 'print media cannot be emulated in Firefox over BiDi' }, () => withPage(async (page) => {
  const s = seeds.find((x) => beginning('camp', x.text) > 0);
  await page.goto(`${site.url}?q=camp&doc=${s.id}`);
  const reader = page.getByRole('article', { name: titleOf(s) });
  await reader.waitFor();
  await page.emulateMedia({ media: 'print' });
  // The reader is not cut to a scrolling box: all of its text is laid out on the page.
  const { scroll, client, overflow } = await reader.evaluate((e) => ({ scroll: e.scrollHeight, client: e.clientHeight, overflow: getComputedStyle(e).overflowY }));
  assert.equal(overflow, 'visible');
  assert.ok(scroll <= client + 1, `no hidden part: ${scroll} > ${client}`);
  for (const name of ['Search', 'Filters', 'Views']) {
    const shown = await page.evaluate((name) => [...document.querySelectorAll(`[aria-label="${name}"], details > summary`)]
      .filter((e) => e.getAttribute('aria-label') === name || e.textContent.trim() === name)
      .map((e) => e.offsetParent !== null), name);
    assert.ok(shown.length > 0 && shown.every((s) => !s), `${name} is on the page and not printed: ${shown}`);
  }
  const outline = await reader.locator('mark').first().evaluate((m) => getComputedStyle(m).outlineStyle);
  assert.equal(outline, 'solid', 'matches stay visible without background colours');
  assert.equal(await reader.locator('mark').count(), beginning('camp', s.text));
}));
