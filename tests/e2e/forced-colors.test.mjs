// Forced colours (Windows High Contrast, or any palette a person makes the
// browser use): the browser paints every colour from that palette and drops
// background colours and shadows. What the page says with a background or a
// shadow alone must still be seen: a bar's length, a dispersion tick, a
// pressed button, the hit open in the reader, which trend line is which.
// Chromium emulates the mode per page; Firefox is launched with the
// preference its own high-contrast setting sets (`launch`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedSite, openPage } from './browser.mjs';
import { seeds, titleOf, beginning, SEEDS_DIST } from './seeds.mjs';

const site = servedSite(SEEDS_DIST, undefined, { forcedColors: true });

async function withForcedPage(fn) {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, forcedColors: 'active' });
  const { page, problems } = await openPage(site.browser, new URL(site.url).origin, undefined, context);
  try {
    await fn(page);
    assert.deepEqual(problems, [], 'no console error, page error, CSP violation or request to another host');
  } finally {
    await context.close();
  }
}

/** The page's background, as painted. */
const canvas = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the forced palette is in use (else the checks below prove nothing)', () => withForcedPage(async (page) => {
  await page.goto(site.url);
  assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
}));

test('the overview\'s bars are painted in the forced palette, not lost with their background', () => withForcedPage(async (page) => {
  await page.goto(`${site.url}?view=overview`);
  const bars = page.locator('.bar-row:not(.gap) .bar');
  await bars.first().waitFor();
  const bg = await canvas(page);
  const colours = await bars.evaluateAll((all) => all.map((b) => getComputedStyle(b).backgroundColor));
  assert.ok(colours.length > 0);
  for (const c of colours) assert.notEqual(c, bg, `a bar painted ${c} on a page painted ${bg} is not seen`);
}));

test('each dispersion tick of the concordance is seen in the forced palette', () => withForcedPage(async (page) => {
  // One tick per match (the seeds use "camp").
  assert.ok(seeds.some((x) => beginning('camp', x.text) > 0));
  await page.goto(`${site.url}?q=camp&view=kwic`);
  const ticks = page.locator('.tick');
  await ticks.first().waitFor();
  const bg = await canvas(page);
  for (const c of await ticks.evaluateAll((all) => all.map((t) => getComputedStyle(t).backgroundColor))) {
    assert.notEqual(c, bg, `a tick painted ${c} on ${bg} is not seen`);
  }
}));

test('a pressed button looks pressed in the forced palette', () => withForcedPage(async (page) => {
  await page.goto(`${site.url}?q=camp`);
  const theme = page.getByRole('button', { name: 'Dark theme' });
  const other = page.getByRole('button', { name: 'Download CSV' });
  await other.waitFor();
  const look = (b) => b.evaluate((e) => { const s = getComputedStyle(e); return `${s.backgroundColor} ${s.color} ${s.outlineStyle}`; });
  const unpressed = await look(theme);
  assert.equal(unpressed, await look(other), 'unpressed, the toggle looks as any button');
  await theme.click();
  assert.equal(await theme.getAttribute('aria-pressed'), 'true');
  assert.notEqual(await look(theme), unpressed, 'pressed, it looks otherwise');
}));

test('the hit open in the reader stands out from the others in the forced palette', () => withForcedPage(async (page) => {
  const open = seeds.find((x) => beginning('camp', x.text) > 0);
  await page.goto(`${site.url}?q=camp&doc=${open.id}`);
  await page.getByRole('article', { name: titleOf(open) }).waitFor();
  const look = (li) => li.evaluate((e) => { const s = getComputedStyle(e); return `${s.backgroundColor} ${s.outlineStyle} ${s.outlineWidth} ${s.boxShadow}`; });
  const selected = page.locator('#results > li.selected');
  assert.equal(await selected.count(), 1);
  const others = page.locator('#results > li:not(.selected)');
  assert.ok(await others.count() > 0);
  assert.notEqual(await look(selected), await look(others.first()));
  const outline = await selected.evaluate((e) => getComputedStyle(e).outlineStyle);
  assert.notEqual(outline, 'none', 'an outline, which the forced palette keeps');
}));

test('trend lines are told apart by their dash, each key showing its line\'s, without colour', () => withForcedPage(async (page) => {
  await page.goto(`${site.url}?view=trends&terms=camp,Iraq`);
  const lines = page.locator('.trend-chart .series polyline');
  await lines.nth(1).waitFor();
  const dash = (loc) => loc.evaluateAll((all) => all.map((e) => getComputedStyle(e).strokeDasharray));
  const drawn = await dash(lines);
  assert.equal(drawn.length, 2);
  assert.notEqual(drawn[0], drawn[1], 'two lines, two dashes');
  assert.deepEqual(await dash(page.locator('.legend .swatch line')), drawn, 'the key draws each line\'s dash');
  const bg = await canvas(page);
  for (const stroke of await lines.evaluateAll((all) => all.map((e) => getComputedStyle(e).stroke))) {
    assert.notEqual(stroke, bg, `a line stroked ${stroke} on ${bg} is not seen`);
  }
}));
