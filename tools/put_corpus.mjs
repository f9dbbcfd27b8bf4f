// `./dev index DIR [OUT]`: puts the corpus in folder DIR into a page that is
// already built (dist/, from `./dev build`), without the wasm toolchain:
// indexes DIR natively, then writes the corpus file, its name in index.html,
// sw.js and explorer.html. With OUT, the page in dist/ is copied to OUT first
// and dist/ is left as it was.
import fs from 'node:fs';
import path from 'node:path';
import { indexCorpus, placeCorpus, writeServiceWorker, writeSingleFile, fail } from './package.mjs';

const [dir, out = 'dist', app = 'dist'] = process.argv.slice(2);
dir ?? fail('usage: node tools/put_corpus.mjs DIR [OUT [APP]] (APP: a built page, default dist/)');
fs.existsSync(path.join(app, 'index.html')) || fail(`${app}/ holds no built page: run ./dev build first`);
/<script type="module" src="\.\/boot-/.test(fs.readFileSync(path.join(app, 'index.html'), 'utf8')) ||
  fail(`${app}/ is not a release build (trunk build --release makes one)`);
const index = indexCorpus(dir);
if (path.resolve(out) !== path.resolve(app)) {
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(app, out, { recursive: true });
}
placeCorpus(out, index);
const buildHash = writeServiceWorker(out);
const size = writeSingleFile(out, index);
console.log(`${out}/: ${index.manifest.documents} documents in ${index.manifest.file} (${index.manifest.bytes} bytes), sw.js cache explorer-${buildHash}, ` +
  (size === null ? 'no explorer.html (the index and texts are over 64 MiB)' : `explorer.html ${(size / 1024).toFixed(0)} KiB`));
