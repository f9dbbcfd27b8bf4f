// A sharded index over the network: the seeds written as a large corpus is
// (`CORPUS_SHARDED=2048 CORPUS_INLINE_TEXTS=0 ./dev index seeds
// target/dist-sharded`, by `./dev test`): a core, the lists in fragment
// files, the texts in files. The whole suite also runs over this build
// (E2E_DIST); these tests hold what only a network shows: which files a
// search fetches, a slow fragment, a lost one, an analysis that needs them all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './serve.mjs';
import { launch, openPage } from './browser.mjs';
import { ROOT, seeds, titleOf } from './seeds.mjs';

const SHARDED_DIST = path.join(ROOT, 'target', 'dist-sharded');
const fragments = fs.readdirSync(path.join(SHARDED_DIST, 'fragments'));
// From the seed files: the documents naming a word.
const naming = (word) => seeds.filter((s) => new RegExp(`\\b${word}\\b`, 'i').test(s.text)).length;
const counted = (n) => `${n} ${n === 1 ? 'document' : 'documents'}`;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const status = (page) => page.locator('#count');

/** Runs `fn(page)` in a fresh page without a service worker (whose download
 *  of every fragment for offline use would hide which ones the page asked
 *  for), then fails on anything `openPage` collected. */
async function withFreshPage(browser, origin, fn) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const { page, problems } = await openPage(browser, origin, undefined, context);
  try {
    await fn(page);
    assert.deepEqual(problems, [], 'no console error, page error, CSP violation or request to another host');
  } finally {
    await context.close();
  }
}
const search = (page) => page.getByRole('searchbox', { name: 'Search' });
const fragmentRequests = (server) => server.requests.filter((r) => r.includes('/fragments/'));

/** A gate for fragment requests: `hold` makes the next ones wait until `release`. */
function gate() {
  let waiting = null, release = () => {};
  return {
    hold() { waiting = new Promise((r) => { release = r; }); },
    release() { const r = release; waiting = null; r(); },
    wait: (rel) => (rel.startsWith('fragments/') ? waiting : null),
  };
}

test('the build writes a core and several fragments, and a search fetches only the fragments its words need', async () => {
  assert.ok(fragments.length > 3, `fragments: ${fragments}`);
  assert.ok(fragments.every((f) => /^fragment-[0-9a-f]{16}\.bin$/.test(f)), 'named by content');
  const server = await serve(SHARDED_DIST);
  try {
    await withFreshPage(browser, new URL(server.url).origin, async (page) => {
      await page.goto(`${server.url}?q=Maliki&literal=1`);
      await status(page).filter({ hasText: new RegExp(`^${counted(naming('maliki'))}$`) }).waitFor();
      // The footer says what stays apart: the fragments' bytes, from the build's files.
      const apart = fragments.reduce((n, f) => n + fs.statSync(path.join(SHARDED_DIST, 'fragments', f)).size, 0);
      await page.locator('.foot').getByText(`+ ${Math.ceil(apart / 1024).toLocaleString('en-US')} KB in ${fragments.length.toLocaleString('en-US')} parts fetched as searches need them`).waitFor();
      const fetched = new Set(fragmentRequests(server));
      assert.ok(fetched.size >= 1 && fetched.size < fragments.length, `fetched ${fetched.size} of ${fragments.length}`);
      await search(page).fill('Rajavi');
      await status(page).filter({ hasText: new RegExp(`^${counted(naming('rajavi'))}$`) }).waitFor();
      // The same fragment is never fetched twice.
      assert.equal(new Set(fragmentRequests(server)).size, fragmentRequests(server).length);
    });
  } finally {
    await server.close();
  }
});

/** How long a page waits for its first answer's files before it draws
 *  anyway (AHEAD_WAIT in src/lib.rs), in milliseconds. */
const AHEAD_WAIT = 500;

test('a page opened on a question fetches its fragment and its first hit\'s text before drawing, and draws that hit with its snippet', async () => {
  // A run in which the page's wait for those files ran out (a machine busy
  // with other browsers) shows nothing about them and is run again.
  for (let run = 1; ; run++) {
    const waited = await openedOnAQuestion();
    if (waited < AHEAD_WAIT) break;
    assert.ok(run < 3, `the page waited ${waited} ms for its first files in each of ${run} runs: the machine is too slow for this test`);
  }
});

/** One run of the test above; gives how long the page waited for its first
 *  files (its marks `explorer:index-decoded` to `explorer:ahead`) and asserts
 *  only when that was less than the page's longest wait. */
async function openedOnAQuestion() {
  // The texts are held until the page has asked for them: it has fetched the
  // word's fragment, answered, and drawn nothing yet.
  let release = () => {};
  const held = new Promise((r) => { release = r; });
  const server = await serve(SHARDED_DIST, '/', { hold: (rel) => (rel.startsWith('texts/') ? held : null) });
  let waited = Infinity;
  try {
    await withFreshPage(browser, new URL(server.url).origin, async (page) => {
      // What the first hit drawn shows as its snippet's marked words, at the moment it is drawn.
      await page.addInitScript(() => {
        new MutationObserver((_, obs) => {
          const hit = document.querySelector('#results > li');
          if (hit) {
            window.__firstDrawn = [...hit.querySelectorAll('.snippet mark')].map((m) => m.textContent);
            obs.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`${server.url}?q=Maliki&literal=1`);
      while (!server.requests.some((r) => r.includes('/texts/'))) await page.waitForTimeout(20);
      const fragmentsThen = fragmentRequests(server).length;
      const drawnThen = await search(page).count();
      const loadingThen = drawnThen ? '' : await page.locator('#loading-text').innerText();
      release();
      await status(page).filter({ hasText: new RegExp(`^${counted(naming('maliki'))}$`) }).waitFor();
      waited = await page.evaluate(() => {
        const at = (name) => performance.getEntriesByName(name)[0].startTime;
        return Math.round(at('explorer:ahead') - at('explorer:index-decoded'));
      });
      if (waited >= AHEAD_WAIT) return;
      assert.ok(fragmentsThen >= 1, 'the word\'s fragment came first');
      assert.equal(drawnThen, 0, 'nothing drawn while the first hit\'s text is on its way');
      assert.equal(loadingThen, 'Searching…', 'the loading line says why');
      const marked = await page.evaluate(() => window.__firstDrawn);
      const folded = (w) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      assert.ok(marked.length > 0 && marked.every((w) => /^maliki\b/.test(folded(w))), `the first hit was drawn with its snippet: ${JSON.stringify(marked)}`);
    });
  } finally {
    release();
    await server.close();
  }
  return waited;
}

/** Opens `address` in a fresh page whose fragment requests are held: once the
 *  page has asked for its first and says "Searching…" (its first search has
 *  nothing to show yet), runs `fn(page, slow, server)`; `slow.release()` lets
 *  the fragments come. */
async function whileHeld(address, fn) {
  const slow = gate();
  const server = await serve(SHARDED_DIST, '/', { hold: slow.wait });
  try {
    await withFreshPage(browser, new URL(server.url).origin, async (page) => {
      slow.hold();
      await page.goto(`${server.url}${address}`);
      while (fragmentRequests(server).length === 0) await page.waitForTimeout(20);
      await status(page).filter({ hasText: /^Searching…$/ }).waitFor();
      await fn(page, slow, server);
    });
  } finally {
    slow.release();
    await server.close();
  }
}

test('while a fragment is on its way the page says it is searching and keeps the last answer, then answers', async () => {
  await whileHeld('?q=Maliki&literal=1', async (page, slow, server) => {
    // The first search has nothing to show yet: it says so, not "no document".
    assert.equal(await page.locator('.empty').count(), 0, 'no "No document matches" while searching');
    slow.release();
    const maliki = counted(naming('maliki'));
    await status(page).filter({ hasText: new RegExp(`^${maliki}$`) }).waitFor();
    const titles = await page.locator('#results .hit-title').allInnerTexts();

    // A word whose list is in a fragment not here yet (the build has several; the
    // test holds until the page asks for one, so a word already here fails it).
    slow.hold();
    const before = fragmentRequests(server).length;
    await search(page).fill('Ashraf');
    while (fragmentRequests(server).length === before) await page.waitForTimeout(20);
    await page.getByRole('status').filter({ hasText: 'Searching: loading part of the index…' }).waitFor();
    assert.equal(await status(page).innerText(), maliki, 'the last answer stays');
    assert.deepEqual(await page.locator('#results .hit-title').allInnerTexts(), titles);
    slow.release();
    await status(page).filter({ hasText: new RegExp(`^${counted(naming('ashraf'))}$`) }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Searching: loading part of the index…' }).waitFor({ state: 'detached' });
  });
});

test('a first search waiting for its fragment lists nothing and fetches no text, even for the titles the core could match', async () => {
  // A seed's title says "Members" (from the seed files), and the core holds
  // which forms share a stem (`members` → `member`; it held the title lists
  // too): without the word's fragment the page could list that seed.
  assert.ok(seeds.some((s) => /\bMembers\b/.test(titleOf(s))), 'Members in a title');
  await whileHeld('?q=Members', async (page, slow, server) => {
    assert.equal(await page.locator('#results .hit-title:visible').count(), 0, 'no hit listed before the answer');
    assert.deepEqual(server.requests.filter((r) => r.includes('/texts/')), [], 'no text fetched for a partial answer');
    slow.release();
    await status(page).filter({ hasText: new RegExp(`^${counted(naming('members?'))}$`) }).waitFor();
    await page.locator('#results .snippet').first().filter({ hasText: /\bmembers?\b/i }).waitFor();
  });
});

test('the concordance says it is searching while its first fragment is on its way, then counts', async () => {
  // (`whileHeld` waits for its "Searching…" status.)
  await whileHeld('?q=Maliki&literal=1&view=kwic', async (page, slow) => {
    slow.release();
    await status(page).filter({ hasText: new RegExp(`^${counted(naming('maliki'))} · \\d+ match`) }).waitFor();
  });
});

test('a page past the fragments it keeps lets go those read longest ago, and fetches one again when a search needs it', async () => {
  // A copy of the build that keeps as few as it may, as `CORPUS_KEEP_FRAGMENTS=1` writes it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-keep-'));
  fs.cpSync(SHARDED_DIST, dir, { recursive: true });
  const html = path.join(dir, 'index.html');
  fs.writeFileSync(html, fs.readFileSync(html, 'utf8').replace(/<meta name="corpus"([^>]*)>/, '<meta name="corpus"$1 data-keep-fragments="1">'));
  // The texts come slowly, as over a slow network: each answer's are still on
  // their way when the next word is asked, and must not keep every fragment.
  const server = await serve(dir, '/', { hold: (rel) => (rel.startsWith('texts') ? new Promise((r) => setTimeout(r, 600)) : null) });
  const answered = (page, word) => status(page).filter({ hasText: new RegExp(`^${counted(naming(word))}$`) }).waitFor();
  try {
    await withFreshPage(browser, new URL(server.url).origin, async (page) => {
      await page.goto(`${server.url}?q=Maliki&literal=1`);
      await answered(page, 'maliki');
      const maliki = new Set(fragmentRequests(server));
      const titles = await page.locator('#results .hit-title').allInnerTexts();
      // A word in another fragment (see the test above).
      await search(page).fill('Ashraf');
      await answered(page, 'ashraf');
      const ashraf = new Set(fragmentRequests(server).filter((r) => !maliki.has(r)));
      assert.ok(ashraf.size > 0, 'Ashraf fetched a fragment of its own');
      // And a third, asked while Ashraf's answer is shown: nothing has read Maliki's
      // fragment since, so its coming lets Maliki's go. (Asked while Maliki's list
      // was still drawn, a slow machine could draw it once more after the
      // question, and a fragment read since a question is kept.)
      await search(page).fill('Rajavi');
      await answered(page, 'rajavi');
      assert.ok(fragmentRequests(server).some((r) => !maliki.has(r) && !ashraf.has(r)), 'Rajavi fetched a fragment of its own');
      await search(page).fill('Maliki');
      await answered(page, 'maliki');
      assert.deepEqual(await page.locator('#results .hit-title').allInnerTexts(), titles, 'the same answer');
      const twice = [...maliki].filter((r) => fragmentRequests(server).filter((x) => x === r).length === 2);
      assert.ok(twice.length >= 1, `a fragment of Maliki's fetched again: ${fragmentRequests(server)}`);
    });
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a fragment that cannot be fetched is said, with a retry that answers', async () => {
  let lost = true;
  const server = await serve(SHARDED_DIST, '/', { hide: (rel) => lost && rel.startsWith('fragments/') });
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}?q=Maliki&literal=1`);
    const alert = page.getByRole('alert').filter({ hasText: /Part of the index could not be loaded \(fragment-[0-9a-f]{16}\.bin: HTTP 404/ });
    await alert.waitFor();
    lost = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await status(page).filter({ hasText: new RegExp(`^${counted(naming('maliki'))}$`) }).waitFor();
    assert.equal(await alert.count(), 0, 'the alert is gone');
  } finally {
    await context.close();
    await server.close();
  }
});

test('an analysis that reads every list loads the whole index first, with its progress', async () => {
  const slow = gate();
  const server = await serve(SHARDED_DIST, '/', { hold: slow.wait });
  try {
    await withFreshPage(browser, new URL(server.url).origin, async (page) => {
      slow.hold();
      await page.goto(`${server.url}?view=overview`);
      const progress = page.getByRole('status').filter({ hasText: `This analysis reads the whole index: loading 0 of ${fragments.length} parts` });
      await progress.waitFor();
      slow.release();
      await page.getByRole('region', { name: 'Overview' }).getByRole('list', { name: 'Most frequent words' }).waitFor();
      assert.equal(new Set(fragmentRequests(server)).size, fragments.length, 'every fragment');
    });
  } finally {
    slow.release();
    await server.close();
  }
});

test('the offline copy counts the fragments with the texts', async () => {
  // What the footer says it keeps: every file beside the index, as a person reads a size.
  const bytes = ['texts', 'fragments'].flatMap((d) => fs.readdirSync(path.join(SHARDED_DIST, d)).map((f) => path.join(SHARDED_DIST, d, f)))
    .reduce((n, f) => n + fs.statSync(f).size, 0);
  const size = bytes < 1e6 ? `${Math.ceil(bytes / 1000)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
  const server = await serve(SHARDED_DIST);
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    // This small a corpus is kept whole from the first visit.
    await page.locator('.foot').getByText(`Available offline (${size})`).waitFor();
    await context.setOffline(true);
    await page.goto(`${server.url}?view=overview`);
    await page.getByRole('region', { name: 'Overview' }).getByRole('list', { name: 'Most frequent words' }).waitFor();
  } finally {
    await context.close();
    await server.close();
  }
});

test('trends fetch only their terms\' fragments, and draw their lines once those have come', async () => {
  const server = await serve(SHARDED_DIST);
  try {
    await withFreshPage(browser, new URL(server.url).origin, async (page) => {
      await page.goto(`${server.url}?view=trends&terms=Maliki,Ashraf`);
      // One line per term (their figures are held to the seeds in analysis.test.mjs).
      await page.locator('.trend-chart polyline').nth(1).waitFor({ state: 'attached' });
      assert.equal(await page.locator('.trend-chart polyline').count(), 2);
      const fetched = new Set(fragmentRequests(server));
      assert.ok(fetched.size >= 1 && fetched.size < fragments.length, `fetched ${fetched.size} of ${fragments.length}`);
    });
  } finally {
    await server.close();
  }
});

test('a question replaced before the next frame never sends its requests: typing fetches only what the last keystroke needs', async () => {
  const server = await serve(SHARDED_DIST);
  try {
    // What each word's answer fetches, each in a page of its own.
    const needs = {};
    for (const word of ['ashraf', 'rajavi']) {
      const before = server.requests.length;
      await withFreshPage(browser, new URL(server.url).origin, async (page) => {
        await page.goto(`${server.url}?q=${word}`);
        await status(page).filter({ hasText: new RegExp(`^${counted(naming(word))}$`) }).waitFor();
      });
      // (Fragments: the seeds' texts are one file, which the empty query's snippets fetch first.)
      needs[word] = new Set(server.requests.slice(before).filter((r) => r.includes('/fragments/')));
    }
    const onlyAshraf = [...needs.ashraf].filter((r) => !needs.rajavi.has(r));
    assert.ok(onlyAshraf.length > 0, 'the seeds give the two words files of their own');
    await withFreshPage(browser, new URL(server.url).origin, async (page) => {
      await page.goto(server.url);
      await status(page).filter({ hasText: new RegExp(`^${counted(seeds.length)}$`) }).waitFor();
      const before = server.requests.length;
      // Two keystrokes within one frame, as a fast typist's land: the first
      // right after a frame starts, the second in a task after it.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => {
        const box = document.querySelector('input[type=search]');
        const type = (value) => { box.value = value; box.dispatchEvent(new Event('input', { bubbles: true })); };
        type('ashraf');
        setTimeout(() => { type('rajavi'); done(); }, 0);
      })));
      await status(page).filter({ hasText: new RegExp(`^${counted(naming('rajavi'))}$`) }).waitFor();
      await page.locator('#results li .snippet mark').first().waitFor();
      const fetched = server.requests.slice(before);
      assert.deepEqual(onlyAshraf.filter((r) => fetched.includes(r)), [], 'nothing only the replaced question needed was fetched');
      assert.ok([...needs.rajavi].every((r) => fetched.includes(r)), 'what the last question needs was fetched');
    });
  } finally {
    await server.close();
  }
});
