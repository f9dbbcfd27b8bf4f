import { serve } from './tests/e2e/serve.mjs';
import { launch } from './tests/e2e/browser.mjs';
const server = await serve(process.argv[2] ?? 'dist');
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(server.url);
await page.getByRole('status').filter({ hasText: /documents?/ }).waitFor({ timeout: 60000 });
const r = await page.evaluate(async () => {
  const box = document.querySelector('input[type=search]');
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const out = [];
  const total = document.getElementsByTagName('*').length;
  for (const q of ['m', 'me', 'mem', 'memo']) {
    const recs = [];
    const mo = new MutationObserver((m) => recs.push(...m));
    mo.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    box.value = q; box.dispatchEvent(new Event('input', { bubbles: true }));
    await frame(); await frame();
    mo.disconnect();
    const where = {};
    for (const m of recs) { const t = m.target.nodeType === 1 ? m.target : m.target.parentElement; const c = t.closest('[id]')?.id ?? t.tagName; const k = `${m.type}@${c}`; where[k] = (where[k] ?? 0) + (m.type === 'childList' ? m.addedNodes.length + m.removedNodes.length : 1); }
    out.push({ q, n: recs.length, where });
  }
  return { total, out };
});
console.log(JSON.stringify(r, null, 1));
await browser.close(); await server.close();
