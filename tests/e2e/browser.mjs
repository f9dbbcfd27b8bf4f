// Launches the system's browser through playwright-core (no browser download)
// and opens pages that fail the test on console errors, page errors and
// requests to any other origin.
//
// `BROWSER=firefox` runs the same tests in Debian's Firefox ESR over WebDriver
// BiDi (playwright-core's `moz-firefox` channel); Chromium is the default.
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium, firefox } from 'playwright-core';
import { serve } from './serve.mjs';

/** The engine these tests run in: `chromium` or `firefox`. */
export const ENGINE = process.env.BROWSER ?? 'chromium';

export async function launch(engine = ENGINE, { forcedColors = false } = {}) {
  if (engine === 'firefox') {
    return firefox.launch({
      channel: 'moz-firefox',
      executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
      firefoxUserPrefs: {
        'datareporting.policy.dataSubmissionEnabled': false, 'app.update.auto': false,
        // What Firefox's own "use my colours" (and Windows High Contrast) sets:
        // over BiDi, a page cannot be asked for `forced-colors` as in Chromium.
        ...(forcedColors ? { 'browser.display.document_color_use': 2 } : {}),
      },
    });
  }
  if (engine !== 'chromium') throw new Error(`BROWSER=${engine}: expected chromium or firefox`);
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh context and page; `problems` collects what must not happen:
 *  console errors, page errors, requests to another origin, CSP violations.
 *  `origin` is the page's own (`file://` for a file). */
export async function openPage(browser, origin, viewport = { width: 1280, height: 900 }, context = null) {
  context ??= await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = [];
  await page.exposeFunction('__cspViolation', (v) => problems.push(`CSP violation: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`));
  });
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`request left the host: ${u}`);
  });
  return { context, page, problems };
}

/** The built site a test file drives: `dir` (or what `prepare()`, awaited
 *  first, returns) served on loopback and the browser launched before the
 *  file's tests, both closed after them. `site.server` and `site.browser`
 *  are there once the tests run (`site.url` the server's); `site.withPage(fn, viewport)` runs
 *  `fn(page)` in a fresh page of it, as `withFreshPage`. `launchOptions`
 *  go to `launch` (`{ forcedColors: true }`). */
export function servedSite(dir, prepare = async () => dir, launchOptions = {}) {
  const site = {
    server: null,
    browser: null,
    get url() { return site.server.url; },
    withPage: (fn, viewport) => withFreshPage(site.browser, new URL(site.server.url).origin, fn, viewport),
  };
  before(async () => {
    site.server = await serve(await prepare());
    site.browser = await launch(ENGINE, launchOptions);
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** Runs `fn(page)` in a fresh page, then fails on anything `openPage` collected. */
export async function withFreshPage(browser, origin, fn, viewport) {
  const { context, page, problems } = await openPage(browser, origin, viewport);
  try {
    await fn(page);
    assert.deepEqual(problems, [], 'no console error, page error, CSP violation or request to another host');
  } finally {
    await context.close();
  }
}

/** Waits until `check(arg)`, run in the page, resolves to a truthy value,
 *  trying again every 50 ms for `timeout` ms, then fails with `what`.
 *  For checks that must await (the Cache API): playwright's
 *  `waitForFunction` takes a returned promise as truthy without awaiting
 *  it, so an async check there passes at once, whatever it finds. */
export async function until(page, check, arg, what, timeout = 30000) {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(check, arg))) {
    if (Date.now() > end) assert.fail(`not within ${timeout} ms: ${what}`);
    await page.waitForTimeout(50);
  }
}

/** Clicks `control` and returns the file the page saves: `{ name, text }`.
 *  Chromium reports the download itself; Firefox over BiDi does not report
 *  downloads to playwright-core yet, so there the test records the link the
 *  page clicks (its `download` name and the blob behind its address):
 *  the bytes handed to the browser's download, not the saved file. */
export async function saveFrom(page, control) {
  if (ENGINE === 'chromium') {
    const [download] = await Promise.all([page.waitForEvent('download'), control.click()]);
    const fs = await import('node:fs');
    return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
  }
  await page.evaluate(() => {
    if (window.__saved) return;
    window.__saved = [];
    const blobs = new Map();
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob) => { const url = create(blob); blobs.set(url, blob); return url; };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function () {
      if (this.download) window.__saved.push({ name: this.download, blob: blobs.get(this.href) });
      return click.call(this);
    };
  });
  const before = await page.evaluate(() => window.__saved.length);
  await control.click();
  await page.waitForFunction((n) => window.__saved.length > n, before);
  return page.evaluate(async (n) => {
    const { name, blob } = window.__saved[n];
    return { name, text: await blob.text() };
  }, before);
}
