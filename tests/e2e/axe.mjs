// axe-core with the WCAG 2.0/2.1 A and AA rules, run in a page: each
// violation as one line with its rule, impact, help and first elements.
import fs from 'node:fs';
import { createRequire } from 'node:module';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const RULES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The violations axe finds in the page as it is now. */
export async function audit(page) {
  await page.evaluate(AXE);
  return page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } })
    .then((r) => r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')}`)), RULES);
}

/** What axe's AAA contrast rule (`color-contrast-enhanced`, WCAG 1.4.6:
 *  7:1, 4.5:1 for large text) finds in the page as it is now. */
export async function auditEnhancedContrast(page) {
  await page.evaluate(AXE);
  return page.evaluate(() => window.axe.run(document, { runOnly: ['color-contrast-enhanced'] })
    .then((r) => r.violations.flatMap((v) => v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.any.map((a) => a.message).join('; ')}`))));
}

/** Sets the page's theme with its own toggle ('light' or 'dark'). */
export async function setTheme(page, theme) {
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  if ((await toggle.getAttribute('aria-pressed') === 'true') !== (theme === 'dark')) await toggle.click();
  await page.locator(`:root[data-theme="${theme}"]`).waitFor({ state: 'attached' });
}
