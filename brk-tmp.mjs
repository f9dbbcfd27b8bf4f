import { serve } from './tests/e2e/serve.mjs';
import { launch, ENGINE } from './tests/e2e/browser.mjs';
const server = await serve(process.argv[2] ?? 'dist');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(server.url);
await page.getByRole('status').filter({ hasText: /documents?/ }).waitFor({ timeout: 60000 });
const qs = process.argv.slice(3).length ? process.argv.slice(3) : ['memory', 'page cache', 'Ashraf', 'Camp Ashraf', 'kernel', 'Rajavi'];
const r = await page.evaluate(async (qs) => {
  const box = document.querySelector('input[type=search]');
  const channel = new MessageChannel();
  const task = () => new Promise((r) => { channel.port1.onmessage = () => r(); channel.port2.postMessage(0); });
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const rows = [];
  for (let rep = 0; rep < 4; rep++) for (const q of qs) {
    box.value = ''; box.dispatchEvent(new Event('input', { bubbles: true })); await frame(); await frame();
    for (let i = 1; i <= q.length; i++) {
      box.value = q.slice(0, i);
      const t0 = performance.now();
      box.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = performance.now();
      await task();
      const t2 = performance.now();
      void document.body.offsetHeight;
      const t3 = performance.now();
      await frame();
      const t4 = performance.now();
      if (rep > 0) rows.push([t1 - t0, t2 - t1, t3 - t2, t4 - t3]);
    }
  }
  return rows;
}, qs);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
const names = ['input handler (sync)', 'until next task', 'forced layout', 'to next frame'];
for (let k = 0; k < 4; k++) { const xs = r.map(x => x[k]); console.log(`${ENGINE} ${names[k].padEnd(22)} p50 ${pct(xs, .5).toFixed(1)} p95 ${pct(xs, .95).toFixed(1)} max ${Math.max(...xs).toFixed(1)}`); }
await browser.close(); await server.close();
