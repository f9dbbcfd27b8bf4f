// The seed files as a person would read them, for the end-to-end tests'
// expectations: plain text and regular expressions, never the engine.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEEDS = path.join(ROOT, 'seeds');

/** The built page on the seeds the tests drive: dist/, whose texts travel
 *  inside the index (the seeds are small), or with E2E_DIST another build of
 *  them, e.g. target/dist-apart with its texts in files of their own
 *  (`./dev test` runs Chromium on that one and Firefox on dist/). */
export const SEEDS_DIST = path.resolve(ROOT, process.env.E2E_DIST ?? 'dist');

export const seeds = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => ({ id: f.replace(/\.txt$/, ''), text: fs.readFileSync(path.join(SEEDS, f), 'utf8') }));

/** The first meaningful line: a breadcrumb (`Home » …`) is not the title. */
export const titleOf = (s) => {
  const lines = s.text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[0].includes(' » ') ? lines[1] : lines[0];
};

/** Ids of the seeds whose text satisfies `pred`, sorted. */
export const idsWhere = (pred) => seeds.filter((s) => pred(s.text)).map((s) => s.id).sort();

/** A word the query's last word begins (the last word of a query matches
 *  as a prefix until a space or a closing quote follows it): `Raj` → Rajavi. */
export const beginningRe = (w) => new RegExp(`(?<![\\p{L}\\p{N}])${w}[\\p{L}\\p{N}]*`, 'giu');
/** How many words of `text` begin with `w`. */
export const beginning = (w, text) => (text.match(beginningRe(w)) ?? []).length;
