// Keystroke → results, typed a key at a time into the explorer's search box:
// `work` until the DOM is updated and laid out (a task after the input, then
// a forced layout), `frame` until the start of the frame that shows it (the
// first requestAnimationFrame callback after the work: the frame is painted
// right after it). A person's keys land anywhere inside a frame, so each key
// is sent at its own moment after a frame (spread evenly over 0–16 ms): with
// no work at all, `frame` is then spread over 0–16.7 ms, and a p95 over one
// frame means the work made results miss their frame. DOM calls per
// keystroke (`domCalls`, a run of its own) do not vary from run to run.
// Used by bench/compare.mjs; alone:
//   [COLD=1] BROWSER=chromium|firefox node bench/keystroke.mjs DIR[?QUERY-STRING] [--table | QUERY…]
// DIR is a built dist/, or bench/.cache/site-full?engine=minisearch for a peer's page.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Types each of `queries` a key at a time in `page`; returns { work, frame } in ms.
 *  `idle`: into a detached box that nothing listens to, the same way: the
 *  browser's own floor for `frame`. */
export async function keystrokes(page, queries, idle = false) {
  return page.evaluate(async ([queries, idle]) => {
    const box = idle ? document.createElement('input') : document.querySelector('input[type=search]');
    const channel = new MessageChannel();
    const task = () => new Promise((r) => { channel.port1.onmessage = () => r(); channel.port2.postMessage(0); });
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const nextFrameStart = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    const wait = (ms) => new Promise((r) => setTimeout(r, ms));
    const out = { work: [], frame: [] };
    let key = 0;
    for (const q of queries) {
      box.value = '';
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await frame();
      await frame();
      for (let i = 1; i <= q.length; i++) {
        await frame();
        await wait((key++ * 7) % 17); // 0, 7, 14, 4, 11, 1, … ms into the frame
        box.value = q.slice(0, i);
        const t = performance.now();
        box.dispatchEvent(new Event('input', { bubbles: true }));
        await task();
        void document.body.offsetHeight; // style and layout now
        out.work.push(performance.now() - t);
        out.frame.push(await nextFrameStart() - t);
      }
    }
    return out;
  }, [queries, idle]);
}

/** DOM calls per keystroke while typing `queries` in `page` (a run of its
 *  own, so counting costs the timed runs nothing): every call that makes,
 *  moves, removes or rewrites a node or an attribute. A deterministic figure
 *  where the times vary from run to run; a page that sets `innerHTML` counts
 *  one call for all the nodes it makes. */
export async function domCalls(page, queries) {
  await page.evaluate(() => {
    const count = (window.__domCalls = { n: 0 });
    const wrap = (proto, name) => {
      const f = proto[name];
      if (typeof f !== 'function' || f.__counted) return;
      const g = function (...a) { count.n++; return f.apply(this, a); };
      g.__counted = true;
      proto[name] = g;
    };
    for (const n of ['createElement', 'createElementNS', 'createTextNode', 'createComment']) wrap(Document.prototype, n);
    for (const n of ['insertBefore', 'appendChild', 'removeChild', 'replaceChild', 'cloneNode']) wrap(Node.prototype, n);
    for (const n of ['remove', 'setAttribute', 'removeAttribute', 'toggleAttribute', 'append', 'prepend', 'replaceChildren', 'insertAdjacentHTML']) wrap(Element.prototype, n);
    for (const n of ['remove', 'replaceWith', 'before', 'after']) wrap(CharacterData.prototype, n);
    for (const n of ['add', 'remove', 'toggle', 'replace']) wrap(DOMTokenList.prototype, n);
    const setter = (proto, name) => {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (!d?.set || d.set.__counted) return;
      const set = function (v) { count.n++; d.set.call(this, v); };
      set.__counted = true;
      Object.defineProperty(proto, name, { ...d, set });
    };
    setter(Node.prototype, 'nodeValue');
    setter(Node.prototype, 'textContent');
    setter(CharacterData.prototype, 'data');
    setter(Element.prototype, 'innerHTML');
    setter(HTMLElement.prototype, 'innerText');
  });
  const before = await page.evaluate(() => window.__domCalls.n);
  const { work } = await keystrokes(page, queries);
  return (await page.evaluate(() => window.__domCalls.n) - before) / work.length;
}

export const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { serve } = await import('../tests/e2e/serve.mjs');
  const { launch, ENGINE } = await import('../tests/e2e/browser.mjs');
  const [target, ...qs] = process.argv.slice(2);
  const [dist, search = ''] = target.split('?');
  // `--table`: the benchmark table's queries (bench/queries.json), as bench/compare.mjs types them.
  const table = () => Object.values(JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'queries.json'), 'utf8'))).flat();
  const queries = qs[0] === '--table' ? table() : qs.length ? qs : ['memory', 'page cache', '"device tree"', 'sched*', 'kernel', 'Ashraf', 'Camp Ashraf'];
  const server = await serve(path.resolve(dist));
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(server.url + (search && `?${search}`));
  await page.waitForFunction(() => /ready$/.test(document.getElementById('state')?.textContent ?? '')
    || /documents?/.test(document.querySelector('[role=status]')?.textContent ?? ''), null, { timeout: 120000 });
  // A warm-up run, unless COLD=1: then the timed runs begin on a page just
  // opened, whose sharded index and texts files come as the typing needs
  // them (and the browser's first tier of compiled code is still in use).
  if (!process.env.COLD) await keystrokes(page, queries);
  const r = { work: [], frame: [] };
  for (let k = 0; k < (process.env.COLD ? 1 : 3); k++) {
    const m = await keystrokes(page, queries);
    r.work.push(...m.work);
    r.frame.push(...m.frame);
  }
  const f = (xs) => `p50 ${pct(xs, 0.5).toFixed(1)} / p95 ${pct(xs, 0.95).toFixed(1)} ms`;
  const idle = await keystrokes(page, queries, true);
  const calls = await domCalls(page, queries);
  console.log(`${ENGINE} ${browser.version()} ${target}: ${r.work.length} keystrokes; laid out ${f(r.work)}; next frame ${f(r.frame)}`
    + ` (with no work: ${f(idle.frame)}); ${calls.toFixed(0)} DOM calls per keystroke`);
  await browser.close();
  await server.close();
}
