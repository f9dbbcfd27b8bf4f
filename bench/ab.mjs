// Two or more built pages opened in turn, cold, in one headless Chromium:
// the time from navigation to the first answered query of each, medians and
// quartiles. On a machine whose speed drifts from one minute to the next, a
// change is measured this way, not by runs made one after the other.
// Figures only, no pass/fail:
//   [BROWSER=firefox] node bench/ab.mjs LOADS QUERY DIST DIST…
// e.g. a page built before and after a change, each with the same corpus
// put into it (`node tools/put_corpus.mjs bench/.cache/corpus-full OUT`).
// bench/compare.mjs times the explorer's first answer with `timeFirstAnswer`.
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/serve.mjs';
import { launch } from '../tests/e2e/browser.mjs';

/** Makes `page` (not yet navigated) note in `window.__firstAnswer` the
 *  moment, since navigation, its list is answered: the first hit drawn with
 *  its snippet (its text fetched). */
export async function timeFirstAnswer(page) {
  await page.addInitScript(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector('#results > li .snippet')?.textContent.trim()) {
        window.__firstAnswer = performance.now();
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [loads, query, ...dists] = process.argv.slice(2);
  if (!dists.length || !(Number(loads) > 0)) {
    console.error('usage: node bench/ab.mjs LOADS QUERY DIST DIST…');
    process.exit(2);
  }
  // As the benchmark serves them (cross-origin isolated).
  const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
  const servers = await Promise.all(dists.map((d) => serve(d, '/', { headers: ISOLATED })));
  const browser = await launch();
  const times = dists.map(() => []);
  for (let i = 0; i < Number(loads); i++) {
    for (let v = 0; v < dists.length; v++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      await timeFirstAnswer(page);
      await page.goto(`${servers[v].url}?q=${encodeURIComponent(query)}`);
      await page.waitForFunction(() => window.__firstAnswer !== undefined, null, { timeout: 120_000 });
      times[v].push(await page.evaluate(() => window.__firstAnswer));
      await context.close();
    }
  }
  const at = (xs, p) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)];
  dists.forEach((d, v) => console.log(`${d}: first answer median ${at(times[v], 0.5).toFixed(0)} ms ` +
    `(quartiles ${at(times[v], 0.25).toFixed(0)}–${at(times[v], 0.75).toFixed(0)}), ${times[v].length} loads`));
  await browser.close();
  for (const s of servers) await s.close();
}
