// Trunk post_build hook, in Trunk's staging folder before it becomes dist/.
// Every build (`trunk serve` too): indexes the corpus folder (`seeds/`, or
// CORPUS_DIR) with the engine's `index` program and puts the index beside
// the wasm, named in index.html (tools/package.mjs).
// Release builds also: the bootstrap as a hashed boot-*.js under a strict
// CSP, sw.js for offline use, and explorer.html, the single file.
import path from 'node:path';
import { indexCorpus, placeCorpus, externaliseBoot, writeServiceWorker, writeSingleFile, fail } from './package.mjs';

const staging = process.env.TRUNK_STAGING_DIR ?? fail('post_build: TRUNK_STAGING_DIR is not set (run by Trunk)');
const index = indexCorpus(path.resolve(process.env.CORPUS_DIR || 'seeds'));
placeCorpus(staging, index);
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const bootName = externaliseBoot(staging);
const buildHash = writeServiceWorker(staging);
const size = writeSingleFile(staging, index);
console.log(`post_build: boot ${bootName}, sw.js cache explorer-${buildHash}, ` +
  (size === null ? 'no explorer.html: the corpus index and texts are over 64 MiB, host dist/ instead' : `explorer.html ${(size / 1024).toFixed(0)} KiB`));
