// End to end: highlights, notes and tags in the real release build: made in
// the reader by keyboard after selecting, kept across a reload (IndexedDB),
// listed in the Notes view, exported, cleared, imported back; a foreign
// file changes nothing. Passages are picked from the seed files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { servedSite, saveFrom, withFreshPage } from './browser.mjs';
import { ROOT, seeds, titleOf, SEEDS_DIST } from './seeds.mjs';
import { phrases, select } from './selection.mjs';

const DIST = SEEDS_DIST;

const site = servedSite(DIST);

const seed = seeds[1];
const [first, second] = phrases(seed.text, 2);

const { withPage } = site;
const marks = (page) => page.locator('#reader .note-mark').allTextContents();
// The reader says when every change is in the store; a reload before that
// may lose the last one, as it would for a person.
const storeSaid = (page, within = page.locator('#reader')) => within.getByRole('status').filter({ hasText: 'Saved in this browser.' }).waitFor();
const notesList = (page) => page.getByRole('list', { name: 'Notes and highlights in this document' });

// One browser context for the journey: its storage is what a reload keeps.
test('a highlight, a note with tags and a document tag are made by keyboard, survive a reload, and travel as a file', () => withPage(async (page) => {
  await page.goto(`${site.url}?doc=${seed.id}`);
  const reader = page.getByRole('article', { name: titleOf(seed) });
  await reader.waitFor();
  await reader.focus();

  // Nothing selected: said, nothing made.
  await page.keyboard.press('h');
  await page.getByRole('status').filter({ hasText: 'Select a passage' }).waitFor();

  await select(page, first);
  await page.keyboard.press('h');
  await page.locator('#reader .note-mark').first().waitFor();
  assert.deepEqual(await marks(page), [first]);

  await select(page, second);
  await page.keyboard.press('a');
  const form = page.getByRole('form', { name: 'New note' });
  await form.waitFor();
  // The form's note field has focus: type, Tab to the tags, Ctrl+Enter saves.
  await page.waitForFunction(() => document.activeElement?.id === 'note-text');
  await page.keyboard.type('Check against the UN report');
  await page.keyboard.press('Tab');
  await page.keyboard.type('follow up, contradiction');
  await page.keyboard.press('Control+Enter');
  await form.waitFor({ state: 'detached' });
  await notesList(page).getByText('Check against the UN report').waitFor();

  const tagInput = page.getByRole('textbox', { name: 'Add a tag to this document' });
  await tagInput.fill('source: ministry');
  await tagInput.press('Enter');
  await page.getByRole('button', { name: 'Remove tag source: ministry' }).waitFor();

  // The passages in text order, as the seed has them.
  const inOrder = [first, second].sort((a, b) => seed.text.indexOf(a) - seed.text.indexOf(b));
  assert.deepEqual(await marks(page), inOrder);

  await storeSaid(page);
  await page.reload();
  await reader.waitFor();
  await page.locator('#reader .note-mark').nth(1).waitFor();
  assert.deepEqual(await marks(page), inOrder, 'the highlights are back where they were');
  await notesList(page).getByText('Check against the UN report').waitFor();
  await notesList(page).getByText('follow up, contradiction').waitFor();
  await page.getByRole('button', { name: 'Remove tag source: ministry' }).waitFor();

  // The marked passages show in a comparison column and in the concordance.
  const other = seeds.find((s) => s.id !== seed.id);
  await page.goto(`${site.url}?compare=${seed.id},${other.id}`);
  const column = page.getByRole('article', { name: titleOf(seed) });
  await column.locator('.note-mark').nth(1).waitFor();
  assert.deepEqual(await column.locator('.note-mark').allTextContents(), inOrder);

  await page.goto(`${site.url}?q=${encodeURIComponent(`"${first}"`)}&view=kwic`);
  const kwic = page.getByRole('table', { name: 'Concordance' });
  await kwic.locator('tbody tr').first().waitFor();
  assert.equal(await kwic.locator('tbody tr').count(), 1, 'the phrase occurs once in the seeds');
  await kwic.locator('tbody tr.noted').waitFor();
  assert.match(await kwic.getByRole('link').first().textContent(), /, in your notes$/);

  // The tags are a facet group and a query prefix, over the documents.
  await page.goto(site.url);
  const tagGroup = page.getByRole('group', { name: 'Tag' });
  const boxes = async () => (await tagGroup.getByRole('checkbox').evaluateAll((bs) => bs.map((b) => b.labels[0].textContent.trim()))).sort();
  await tagGroup.waitFor();
  assert.deepEqual(await boxes(), ['(none) (' + (seeds.length - 1) + ')', 'contradiction (1)', 'follow up (1)', 'source: ministry (1)']);
  await tagGroup.getByRole('checkbox', { name: 'source: ministry (1)' }).check();
  await page.getByRole('status').filter({ hasText: /^1 document/ }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('tag'), 'source: ministry');
  await page.goto(`${site.url}?q=${encodeURIComponent('tag:contradiction OR tag:nothing')}`);
  await page.getByRole('status').filter({ hasText: /^1 document/ }).waitFor();
  assert.equal(await page.getByRole('list', { name: 'Results' }).getByRole('link').first().textContent(), titleOf(seed));

  // The Notes view lists all three; the tag filter keeps the tagged note.
  await page.goto(`${site.url}?view=notes`);
  await page.getByRole('status').filter({ hasText: '3 notes in 1 document' }).waitFor();
  const group = page.getByRole('region', { name: titleOf(seed) });
  assert.deepEqual(await group.locator('blockquote').allTextContents(), inOrder);
  await page.getByRole('combobox', { name: 'Tag' }).selectOption('follow up');
  await page.getByRole('status').filter({ hasText: '1 of 3 notes in 1 document' }).waitFor();

  // A quote opens the reader at its passage.
  await group.getByRole('link', { name: second }).click();
  await page.locator('#reader .note-mark.flash').waitFor();
  assert.equal(await page.locator('#reader .note-mark.flash').textContent(), second);
  assert.equal(new URL(page.url()).searchParams.get('doc'), seed.id);

  // Export, clear the browser's storage, import: everything is back.
  await page.goto(`${site.url}?view=notes`);
  await page.getByRole('status').filter({ hasText: '3 notes' }).waitFor();
  const saved = await saveFrom(page, page.getByRole('button', { name: 'Export notes (JSON-LD)' }));
  assert.match(saved.name, /notes\.jsonld$/);
  const exported = JSON.parse(saved.text);
  assert.equal(exported.type, 'AnnotationCollection');
  const items = exported.first.items;
  assert.deepEqual(items.map((a) => a.motivation).sort(), ['commenting', 'highlighting', 'tagging']);
  const exacts = items.flatMap((a) => (a.target.selector ?? []).filter((s) => s.type === 'TextQuoteSelector').map((s) => s.exact));
  assert.deepEqual(exacts.sort(), [first, second].sort());
  for (const a of items) assert.equal(new URL(a.target.source).searchParams.get('doc'), seed.id);
  const csv = await saveFrom(page, page.getByRole('button', { name: 'Export notes (CSV)' }));
  assert.equal(csv.text.split('\r\n')[0], 'id,document,title,kind,quote,note,tags,created,modified');
  assert.ok(csv.text.includes('Check against the UN report'));

  await page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => n.startsWith('explorer-notes'));
    await Promise.all(names.map((n) => new Promise((ok, fail) => {
      const r = indexedDB.deleteDatabase(n);
      r.onsuccess = ok; r.onerror = fail; r.onblocked = ok;
    })));
  });
  await page.reload();
  await page.getByRole('status').filter({ hasText: 'No notes yet' }).waitFor();

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'notes-')), 'notes.jsonld');
  fs.writeFileSync(file, saved.text);
  await page.getByLabel('Import notes…').setInputFiles(file);
  await page.getByRole('status').filter({ hasText: 'Imported: 3 added, 0 updated, 0 already here.' }).waitFor();
  await page.getByRole('status').filter({ hasText: '3 notes in 1 document' }).waitFor();

  // A foreign file is refused whole; the notes stay as they are.
  fs.writeFileSync(file, JSON.stringify({ type: 'Playlist', items: [] }));
  await page.getByLabel('Import notes…').setInputFiles(file);
  await page.getByRole('status').filter({ hasText: 'was not imported, nothing changed' }).waitFor();
  await page.getByRole('status').filter({ hasText: '3 notes in 1 document' }).waitFor();

  // Importing the same file again adds nothing.
  fs.writeFileSync(file, saved.text);
  await page.getByLabel('Import notes…').setInputFiles(file);
  await page.getByRole('status').filter({ hasText: 'Imported: 0 added, 0 updated, 3 already here.' }).waitFor();
}));

test('a citation of a selected passage, in plain text and BibTeX, links back to the reader with the passage marked', () => withPage(async (page) => {
  const [, , phrase] = phrases(seed.text, 3);
  await page.goto(`${site.url}?doc=${seed.id}`);
  await page.locator('#reader').focus();
  await select(page, phrase);
  await page.getByRole('button', { name: 'Copy citation' }).click();
  const citation = page.getByRole('textbox', { name: 'Citation' });
  await citation.waitFor();
  const text = await citation.inputValue();
  assert.ok(text.includes(`“${titleOf(seed)}.”`), text);
  assert.ok(text.includes(`Passage: “${phrase}”`), text);
  const url = text.match(/(\S+\?doc=\S+)$/)[1];
  assert.equal(new URL(url).searchParams.get('doc'), seed.id);
  assert.match(new URL(url).searchParams.get('at'), /^\d+-\d+$/);
  // Said either way: copied, or where to copy it from.
  await page.locator('.cite-said').filter({ hasText: /copied|select and copy/ }).waitFor();

  await page.getByRole('combobox', { name: 'Cite as' }).selectOption('bibtex');
  await select(page, phrase);
  await page.getByRole('button', { name: 'Copy citation' }).click();
  await page.waitForFunction(() => document.querySelector('textarea.citation')?.value.startsWith('@misc'));
  const bib = await citation.inputValue();
  assert.ok(bib.startsWith(`@misc{${seed.id},\n`), bib);
  assert.ok(bib.includes(`url = {${url}}`), bib);

  // The address opens the reader at the passage, marked.
  await page.goto(url);
  await page.locator('#reader .cited').waitFor();
  assert.equal(await page.locator('#reader .cited').textContent(), phrase);
}));

test('from dist/explorer.html over file://, a highlight survives a reload and a citation opens its passage', async () => {
  // Copied alone into an empty folder, as a person would carry it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'explorer-notes-file-'));
  const file = path.join(dir, 'explorer.html');
  fs.copyFileSync(path.join(DIST, 'explorer.html'), file);
  try {
    await withFreshPage(site.browser, 'file://', async (page) => {
      await page.goto(`${pathToFileURL(file).href}?doc=${seed.id}`);
      await page.locator('#reader').focus();
      await select(page, first);
      await page.keyboard.press('h');
      await page.locator('#reader .note-mark').first().waitFor();
      await storeSaid(page);
      await page.reload();
      await page.locator('#reader .note-mark').first().waitFor();
      assert.deepEqual(await marks(page), [first], 'kept in IndexedDB from file://');

      await page.locator('#reader').focus();
      await select(page, second);
      await page.getByRole('button', { name: 'Copy citation' }).click();
      const text = await page.getByRole('textbox', { name: 'Citation' }).inputValue();
      const url = text.match(/(file:\S+\?doc=\S+)$/)[1];
      await page.goto(url);
      await page.locator('#reader .cited').waitFor();
      assert.equal(await page.locator('#reader .cited').textContent(), second);
    });
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
});

test('a passage selected in a comparison column is highlighted there by key, and the reader shows it', () => withPage(async (page) => {
  const other = seeds.find((s) => s.id !== seed.id);
  const [theirs] = phrases(other.text, 1);
  await page.goto(`${site.url}?compare=${seed.id},${other.id}`);
  const column = page.getByRole('article', { name: titleOf(other) });
  await column.locator('.compare-text').focus();
  await select(page, theirs, `#compare article[aria-label="${titleOf(other)}"] .compare-text`);
  await page.keyboard.press('h');
  await column.locator('.note-mark').first().waitFor();
  assert.deepEqual(await column.locator('.note-mark').allTextContents(), [theirs]);
  await storeSaid(page, column);
  await page.goto(`${site.url}?doc=${other.id}`);
  await page.locator('#reader .note-mark').first().waitFor();
  assert.deepEqual(await marks(page), [theirs]);
}));
