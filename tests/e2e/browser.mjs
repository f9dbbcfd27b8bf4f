// Launches the system Chromium through playwright-core (no browser download)
// and opens pages that fail the test on console errors, page errors and
// requests to any other origin.
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export async function launch() {
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
