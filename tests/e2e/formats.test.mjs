// The mixed-format fixture corpus (tests/fixtures/formats: a saved news page,
// a pandoc page, a scraper's CSV and JSONL, an mbox thread, an HTML-only
// e-mail, a pandoc EPUB, a pandoc Word file and a LibreOffice PDF, all made from the seeds by its
// make.py), built by `./dev test` into target/dist-formats. Expectations come
// from the seed files the fixtures were made from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { servedSite, openPage } from './browser.mjs';
import { ROOT } from './seeds.mjs';
import { audit, setTheme } from './axe.mjs';

const site = servedSite(path.join(ROOT, 'target', 'dist-formats'));

const { withPage } = site;
/** A seed's non-empty lines, white space runs as one space. */
const seed = (prefix) => {
  const file = fs.readdirSync(path.join(ROOT, 'seeds')).find((f) => f.startsWith(`${prefix}_`));
  return fs.readFileSync(path.join(ROOT, 'seeds', file), 'utf8').split('\n').map((l) => l.split(/\s+/).filter(Boolean).join(' ')).filter(Boolean);
};
const results = (page) => page.getByRole('list', { name: 'Results' });

test('a saved page is found with the fields it gives, and its breadcrumb is a Source facet value', () => withPage(async (page) => {
  const lines = seed('003');
  const [, section, title] = lines[0].split('»').map((s) => s.trim());
  const author = lines.find((l) => l.startsWith('By ')).slice(3);
  await page.goto(site.url);
  const source = page.getByRole('group', { name: 'Source' }).getByRole('checkbox', { name: `${section} (1)`, exact: true });
  await source.check();
  await page.getByRole('status').filter({ hasText: /^1 document$/ }).waitFor();
  const hit = results(page).getByRole('listitem');
  assert.equal(await hit.getByRole('link').first().innerText(), title);
  // make.py's datePublished; the byline from the page, not its menus.
  assert.match(await hit.locator('.hit-meta').innerText(), new RegExp(`^${section} · ${author} · 2011-04-08 · article`));
  assert.ok(!/cookie|Share on|Leave a Comment/i.test(await hit.innerText()));
}));

test('an e-mail is a document with its headers; the reader shows them and steps through its thread', () => withPage(async (page) => {
  const title = seed('003')[1];
  // Every message is of the kind "message": the mbox's (each starts with a `From ` line) and each .eml.
  const fixtures = path.join(ROOT, 'tests', 'fixtures', 'formats');
  const messages = fs.readFileSync(path.join(fixtures, 'desk.mbox'), 'utf8').split('\n').filter((l) => l.startsWith('From ')).length +
    fs.readdirSync(fixtures).filter((f) => f.endsWith('.eml')).length;
  await page.goto(site.url);
  await page.getByRole('group', { name: 'Kind' }).getByRole('checkbox', { name: `message (${messages})` }).waitFor();
  await page.goto(`${site.url}?q=${encodeURIComponent('"Filed from Baghdad"')}`);
  await page.getByRole('status').filter({ hasText: /^1 document$/ }).waitFor();
  const hit = results(page).getByRole('listitem');
  assert.equal(await hit.getByRole('link').first().innerText(), title);
  assert.match(await hit.locator('.hit-meta').innerText(), /Dan Murphy · 2011-04-08 · message/);
  await hit.getByRole('link').first().click();
  const reader = page.getByRole('article', { name: title });
  await reader.getByText('From: Dan Murphy <dan.murphy@news.example>').waitFor();
  await reader.getByText('To: World Desk <desk@news.example>').waitFor();
  // make.py's thread: this message, a reply with Cc, and a reply to that.
  const thread = reader.getByRole('navigation', { name: 'Thread' });
  assert.equal(await thread.getByText('Message 1 of 3 in this thread').count(), 1);
  assert.equal(await thread.getByRole('link', { name: 'Previous in thread' }).count(), 0, 'the first has none before it');
  await thread.getByRole('link', { name: 'Next in thread' }).click();
  const reply = page.getByRole('article', { name: `Re: ${title}` });
  await reply.getByText('Cc: Copy Desk <copy@news.example>').waitFor();
  assert.equal(await reply.getByRole('navigation', { name: 'Thread' }).getByText('Message 2 of 3 in this thread').count(), 1);
  await reply.getByRole('link', { name: 'Previous in thread' }).click();
  await page.getByRole('article', { name: title }).getByText('Message 1 of 3 in this thread').waitFor();
}));

test('a PDF hit says its page, in the results and in the concordance', () => withPage(async (page) => {
  const lines = seed('001');
  const title = lines[1];
  // The interview's first and last words: the first page, and a later one.
  const last = lines[lines.indexOf('You may also like') - 1].split(' ').slice(-4).join(' ').replace(/[.]$/, '');
  await page.goto(`${site.url}?view=kwic&q=${encodeURIComponent(`"${last}"`)}`);
  const table = page.getByRole('table', { name: 'Concordance' });
  await table.getByRole('row').nth(1).waitFor();
  const docs = await table.locator('td.kwic-doc').allInnerTexts();
  const paged = docs.filter((d) => d.startsWith(`${title} · p. `));
  assert.equal(paged.length, 1, `one line from the PDF, with its page: ${docs}`);
  assert.ok(Number(paged[0].split('p. ')[1]) >= 2, `the interview's end is past its first page: ${paged[0]}`);
  assert.ok(docs.includes(title), `the CSV row with the same words has no page: ${docs}`);

  const first = lines[2].split(' ').slice(0, 4).join(' ');
  await page.goto(`${site.url}?q=${encodeURIComponent(`"${first}"`)}`);
  const pdf = results(page).getByRole('listitem').filter({ hasText: /p\. \d/ });
  await pdf.waitFor();
  assert.match(await pdf.locator('p.snippet').innerText(), /^p\. 1 · /);
}));

test('the reader marks where each page of a PDF starts', () => withPage(async (page) => {
  const lines = seed('001');
  const title = lines[1];
  // The page count from the file itself: its page objects.
  const pdf = fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'formats', 'alaei-interview.pdf')).toString('latin1');
  const pages = (pdf.match(/\/Type\s*\/Page\b/g) ?? []).length;
  assert.ok(pages >= 2, `the fixture has several pages: ${pages}`);
  await page.goto(`${site.url}?doc=alaei-interview`);
  const reader = page.getByRole('article', { name: title });
  await reader.waitFor();
  const breaks = reader.getByRole('separator');
  assert.deepEqual(await breaks.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))),
    Array.from({ length: pages - 1 }, (_, i) => `Page ${i + 2}`));
  // The interview's first words come before the first break, its last after the last.
  const text = reader.locator('.doc-text');
  const [before, after] = await text.evaluate((el) => {
    const seps = el.querySelectorAll('[role=separator]');
    const range = document.createRange();
    range.setStart(el, 0);
    range.setEndBefore(seps[0]);
    const head = range.toString();
    range.setStartAfter(seps[seps.length - 1]);
    range.setEnd(el, el.childNodes.length);
    return [head, range.toString()];
  });
  const flat = (s) => s.split(/\s+/).filter(Boolean).join(' ');
  assert.ok(flat(before).includes(lines[2].split(' ').slice(0, 6).join(' ')), 'page 1 holds the interview\'s start');
  const last = lines[lines.indexOf('You may also like') - 1].split(' ').slice(-6).join(' ');
  assert.ok(flat(after).includes(last), `page ${pages} holds its end`);
}));

test('the reader opens the original file, and a saved page opened so runs none of its scripts', () => withPage(async (page) => {
  const fixtures = path.join(ROOT, 'tests', 'fixtures', 'formats');
  // A PDF: the link serves the file itself, byte for byte.
  await page.goto(`${site.url}?doc=alaei-interview`);
  const reader = page.getByRole('article', { name: seed('001')[1] });
  const pdfLink = reader.getByRole('link', { name: 'Open the original' });
  const pdf = await page.request.get(new URL(await pdfLink.getAttribute('href'), page.url()).href);
  assert.ok(pdf.ok());
  assert.deepEqual(Buffer.from(await pdf.body()), fs.readFileSync(path.join(fixtures, 'alaei-interview.pdf')));

  // A saved page: shown with its words, its inline script never run (the global it sets stays unset).
  const saved = fs.readFileSync(path.join(fixtures, 'saved-news-page.html'), 'utf8');
  const global = /<script>window\.(\w+) = /.exec(saved)[1];
  const title = seed('003')[0].split('»').map((s) => s.trim())[2];
  await page.goto(`${site.url}?doc=saved-news-page`);
  const link = page.getByRole('article', { name: title }).getByRole('link', { name: 'Open the original' });
  assert.equal(await link.getAttribute('target'), '_blank', 'it opens beside the explorer');
  const [original] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await original.waitForLoadState();
  await original.getByText(seed('003').find((l) => l.length > 80).slice(0, 60)).first().waitFor();
  assert.equal(await original.evaluate((name) => typeof window[name], global), 'undefined', `the page's script did not run (window.${global})`);
  await original.close();
}));

test('a field declared as a facet is a group, an address parameter and a query prefix', () => withPage(async (page) => {
  // The recipients as the fixtures' messages name them: each To header, counted per message.
  const fixtures = path.join(ROOT, 'tests', 'fixtures', 'formats');
  const headers = [fs.readFileSync(path.join(fixtures, 'desk.mbox'), 'utf8'),
    ...fs.readdirSync(fixtures).filter((f) => f.endsWith('.eml')).map((f) => fs.readFileSync(path.join(fixtures, f), 'utf8'))]
    .flatMap((text) => text.split('\n').filter((l) => l.startsWith('To: ')).map((l) => l.slice(4).trim()));
  const perRecipient = new Map();
  for (const to of headers) perRecipient.set(to, (perRecipient.get(to) ?? 0) + 1);
  const [top, n] = [...perRecipient].sort((a, b) => b[1] - a[1])[0];
  assert.ok(n >= 2, `a recipient of several messages: ${[...perRecipient]}`);

  await page.goto(site.url);
  const group = page.getByRole('group', { name: 'Recipient' });
  for (const [to, count] of perRecipient) await group.getByRole('checkbox', { name: `${to} (${count})` }).waitFor();
  await group.getByRole('checkbox', { name: `${top} (${n})` }).check();
  const status = page.getByRole('status').filter({ hasText: /documents?$/ });
  await status.filter({ hasText: new RegExp(`^${n} documents$`) }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('to'), top, 'the address names the field');
  await page.getByRole('button', { name: `Remove filter Recipient: ${top}` }).waitFor();

  // The same from a shared address, and as a query prefix.
  await page.goto(`${site.url}?to=${encodeURIComponent(top)}`);
  await status.filter({ hasText: new RegExp(`^${n} documents$`) }).waitFor();
  await page.goto(`${site.url}?q=${encodeURIComponent(`to:"${top.split(' <')[0]}"`)}`);
  await status.filter({ hasText: new RegExp(`^${n} documents$`) }).waitFor();
}));

test('a Word file reads with its footnotes as the reader\'s references', () => withPage(async (page) => {
  const lines = seed('004');
  // make.py made each numbered reference of the seed a footnote; the seed's third starts so.
  const third = lines.find((l) => l.startsWith('[3] '));
  await page.goto(`${site.url}?doc=mko-failure`);
  const reader = page.getByRole('article', { name: lines[1] });
  const refs = reader.getByRole('region', { name: 'References' });
  await refs.getByText(third).waitFor();
  const marked = lines.find((l) => l.includes(' [1] '));
  const around = marked.slice(marked.indexOf(' [1] ') - 20, marked.indexOf(' [1] ') + 12);
  assert.ok((await reader.locator('.doc-text').first().innerText()).includes(around), `the reference mark stays where the text had it: “${around}”`);
}));

test('an e-book\'s chapters are headings in the reader, and its Contents takes the keyboard to each', () => withPage(async (page) => {
  // make.py's book: seeds 002 and 004 as its chapters, each headed by its seed's title.
  const titles = ['002', '004'].map((p) => seed(p).find((l) => !l.includes('»')));
  await page.goto(`${site.url}?doc=press-book`);
  const reader = page.getByRole('article', { name: 'Camp Ashraf press, 2010–2011' });
  const text = reader.locator('div.doc-text');
  await text.waitFor();
  assert.deepEqual(await text.getByRole('heading').allInnerTexts(), titles, 'the chapters\' titles, in order, as headings');
  assert.deepEqual(await text.getByRole('heading').evaluateAll((hs) => hs.map((h) => h.tagName)), ['H3', 'H3'], 'one level below the reader\'s title');
  // By keyboard only: open the Contents, go to the second chapter.
  const contents = reader.getByRole('navigation', { name: 'Contents' });
  await contents.locator('summary').focus();
  await page.keyboard.press('Enter');
  const links = contents.getByRole('link');
  assert.deepEqual(await links.allInnerTexts(), titles, 'the contents list the chapters');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), titles[1]);
  await page.keyboard.press('Enter');
  const second = text.getByRole('heading', { name: titles[1] });
  await page.waitForFunction((t) => document.activeElement?.tagName === 'H3' && document.activeElement.textContent === t, titles[1]);
  // It is shown just below what stays on top: the reader's sticky head
  // where the reader scrolls, the page's bar where the page does (phones).
  const placed = () => page.evaluate(() => {
    const r = (el) => el.getBoundingClientRect();
    const reader = document.getElementById('reader');
    const cover = reader.scrollHeight > reader.clientHeight ? r(reader.querySelector('.reader-head')).bottom : r(document.querySelector('header.top')).bottom;
    return [cover, r(document.activeElement).top];
  });
  const [cover, heading] = await placed();
  assert.ok(heading >= cover - 1 && heading <= cover + 40, `the heading (top ${heading}) shows just below what stays on top (bottom ${cover})`);
  assert.equal(await second.count(), 1);
  assert.ok(!page.url().includes('#'), 'the address keeps no fragment');
  // At a phone's width the page scrolls, not the reader.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => scrollTo(0, 0));
  await links.first().focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction((t) => document.activeElement?.tagName === 'H3' && document.activeElement.textContent === t, titles[0]);
  const [bar, first] = await placed();
  assert.ok(first >= bar - 1 && first <= bar + 40, `on a phone, the heading (top ${first}) shows just below the page's bar (bottom ${bar})`);
}));

test('axe finds no WCAG 2.1 AA violation in what the formats add to the reader, light and dark, desktop and phone', async () => {
  // A PDF's page separators and original, a message's thread, a book's open Contents.
  const readers = [
    ['a PDF', '?doc=alaei-interview', (p) => p.getByRole('separator').first()],
    ['a message', '?doc=desk/2', (p) => p.getByRole('navigation', { name: 'Thread' })],
    ['a book', '?doc=press-book', async (p) => {
      await p.getByRole('navigation', { name: 'Contents' }).locator('summary').click();
      return p.getByRole('navigation', { name: 'Contents' }).getByRole('link').first();
    }],
  ];
  for (const [layout, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const { context, page, problems } = await openPage(site.browser, new URL(site.url).origin, viewport);
    try {
      const found = [];
      for (const theme of ['light', 'dark']) {
        await page.goto(site.url);
        await setTheme(page, theme);
        for (const [name, query, ready] of readers) {
          await page.goto(site.url + query);
          await page.locator('#reader .doc-text').first().waitFor();
          await (await ready(page)).waitFor();
          found.push(...(await audit(page)).map((v) => `${name}, ${theme}, ${layout}: ${v}`));
        }
      }
      assert.deepEqual(found, [], 'axe violations');
      assert.deepEqual(problems, [], 'no console error, page error, CSP violation or request to another host');
    } finally {
      await context.close();
    }
  }
});
