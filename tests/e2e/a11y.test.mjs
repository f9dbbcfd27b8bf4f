// Accessibility audit: axe-core with the WCAG 2.0/2.1 A and AA rules on every
// view, in the light and the dark theme, at desktop and phone widths. Zero
// violations; each one is reported with its rule, impact and elements. With
// more contrast asked for, its AAA contrast rule as well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedSite, openPage, ENGINE } from './browser.mjs';
import { seeds, titleOf, SEEDS_DIST } from './seeds.mjs';
import { phrases, select } from './selection.mjs';
import { audit, auditEnhancedContrast, setTheme } from './axe.mjs';

const site = servedSite(SEEDS_DIST);

// Two seeds that share a passage (see compare.test.mjs). Keywords compare
// the one seed naming Rajavi with the rest.
const [A, B] = ['002_5d8e932dd9bb1da5', '004_3ec3be72ad7f794c'];

/** Each view: its address and what shows once it is ready. */
const VIEWS = [
  ['results', '?q=camp', (p) => p.getByRole('list', { name: 'Results' })],
  ['reader', `?q=camp&doc=${A}`, (p) => p.getByRole('article', { name: titleOf(seeds.find((s) => s.id === A)) })],
  ['compare', `?q=Maliki&compare=${A},${B}`, (p) => p.getByRole('region', { name: 'Compare' })],
  ['concordance', '?q=Ashraf&view=kwic', (p) => p.getByRole('table', { name: 'Concordance' })],
  ['overview', '?view=overview', (p) => p.getByRole('region', { name: 'Overview' })],
  ['collocates', '?q=camp&view=collocates', (p) => p.getByRole('table', { name: 'Collocates' })],
  ['keywords', '?q=Rajavi&view=keyness', (p) => p.getByRole('table', { name: 'Keywords' })],
  ['n-grams', '?q=camp&view=ngrams&n=2', (p) => p.getByRole('table', { name: 'N-grams' })],
  ['trends', '?q=camp&view=trends', (p) => p.getByRole('table', { name: 'Trends' })],
  ['notes', '?view=notes', (p) => p.getByRole('region', { name: titleOf(seeds.find((s) => s.id === A)) })],
];

/** A note and a highlight in A, so the reader and the Notes view are audited
 *  with their marks, lists and tags. */
async function annotate(page) {
  const [first, second] = phrases(seeds.find((s) => s.id === A).text, 2);
  await page.goto(`${site.url}?doc=${A}`);
  await page.locator('#reader').focus();
  await select(page, first);
  await page.keyboard.press('h');
  await page.locator('#reader .note-mark').first().waitFor();
  await select(page, second);
  await page.keyboard.press('a');
  await page.waitForFunction(() => document.activeElement?.id === 'note-text');
  await page.keyboard.type('A note to audit');
  await page.keyboard.press('Tab');
  await page.keyboard.type('audit');
  await page.keyboard.press('Control+Enter');
  await page.locator('#reader .note-mark').nth(1).waitFor();
  const tag = page.getByRole('textbox', { name: 'Add a tag to this document' });
  await tag.fill('checked');
  await tag.press('Enter');
  await page.getByRole('button', { name: 'Remove tag checked' }).waitFor();
}

const LAYOUTS = [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]];

/** Opens the site in `context` (a fresh one when absent), sets `theme`,
 *  annotates, then runs `check(page)` on every view; fails on what it finds. */
async function auditViews(viewport, theme, check, what, context = null) {
  const { context: ctx, page, problems } = await openPage(site.browser, new URL(site.url).origin, viewport, context);
  try {
    await page.goto(site.url);
    await setTheme(page, theme);
    await annotate(page);
    const found = [];
    for (const [name, query, ready] of VIEWS) {
      await page.goto(site.url + query);
      await ready(page).first().waitFor();
      assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme, 'the theme chosen stays');
      found.push(...(await check(page)).map((v) => `${name}: ${v}`));
    }
    assert.deepEqual(found, [], what);
    assert.deepEqual(problems, [], 'no console error, page error, CSP violation or request to another host');
  } finally {
    await ctx.close();
  }
}

for (const [layout, viewport] of LAYOUTS) {
  for (const theme of ['light', 'dark']) {
    test(`axe finds no WCAG 2.1 AA violation on any view: ${theme} theme, ${layout}`, () => auditViews(viewport, theme, audit, 'axe violations'));
  }
}

// Asked for more contrast (macOS "Increase contrast"), every text is at 7:1
// or more against what it stands on (AAA), muted text, links and marks too.
for (const [layout, viewport] of LAYOUTS) {
  for (const theme of ['light', 'dark']) {
    test(`with more contrast asked for, axe's AAA contrast rule finds nothing on any view: ${theme} theme, ${layout}`,
      { skip: ENGINE === 'firefox' && 'Firefox over BiDi cannot be asked for prefers-contrast' }, async () => {
        const context = await site.browser.newContext({ viewport, contrast: 'more' });
        const more = async (page) => {
          assert.equal(await page.evaluate(() => matchMedia('(prefers-contrast: more)').matches), true);
          return auditEnhancedContrast(page);
        };
        await auditViews(viewport, theme, more, 'text under 7:1', context);
      });
  }
}

test('a chart of the overview that overflows its box scrolls by keyboard', async () => {
  const { context, page, problems } = await openPage(site.browser, new URL(site.url).origin);
  try {
    await page.goto(`${site.url}?view=overview`);
    const years = page.getByRole('list', { name: 'Years the texts mention' });
    await years.waitFor();
    // The seeds mention a couple of years: a box one line high makes them
    // overflow, as a large corpus's hundreds of years overflow the real one.
    await years.evaluate((l) => { l.style.maxHeight = '1em'; });
    assert.ok(await years.evaluate((l) => l.scrollHeight > l.clientHeight), 'the list overflows');
    assert.deepEqual(await audit(page), [], 'axe violations');
    // Reached with Tab alone, it scrolls with the arrow keys.
    await page.locator('h3#ov-mentions').evaluate((h) => { h.tabIndex = -1; h.focus(); });
    await page.keyboard.press('Tab');
    assert.equal(await years.evaluate((l) => l === document.activeElement), true, 'Tab reaches the list');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.activeElement.scrollTop > 0);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
