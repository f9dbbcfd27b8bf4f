// The synthetic expansion past the real corpora: the kernel's 3,183 sources
// and COPIES altered copies of them (bench/corpus.mjs's `alter`: about one
// word of four or more letters in three gets a suffix, a different draw per
// copy), so 9 copies make the 31,830 documents of corpus-large, 29 make
// 95,490 and 93 make 299,202. For each count given, the corpus is written to
// CACHE/corpus-scale-<documents>/ (once; 8 KB a document on disk) and indexed
// by the release indexer as the build runs it, timed with its peak memory
// (GNU time). Figures only: `./dev bench` does not run it, as the largest
// takes minutes and memory this machine may not have.
// `node bench/scale.mjs LINUX_SOURCES_DIR CACHE_DIR COPIES...`
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { originals, expanded, writeCorpus } from './corpus.mjs';
import { targetDir } from '../tools/package.mjs';

const [src, cache, ...copies] = process.argv.slice(2);
if (!src || !cache || !copies.length) throw new Error('usage: node bench/scale.mjs LINUX_SOURCES_DIR CACHE_DIR COPIES...');
execFileSync('cargo', ['build', '--release', '-q', '-p', 'engine', '--bin', 'index'], { stdio: 'inherit' });
const target = targetDir();
const docs = originals(src);
console.log('| documents | text | native build, wall clock (read, index, write) | peak memory | index file | texts files |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const n of copies.map(Number)) {
  const count = docs.length * (n + 1);
  const dir = path.join(cache, `corpus-scale-${count}`);
  if (!fs.existsSync(path.join(dir, '.complete'))) {
    process.stderr.write(`writing ${count} documents to ${dir}…\n`);
    writeCorpus(dir, expanded(docs, n));
  }
  const out = path.join(cache, `index-scale-${count}`);
  fs.rmSync(out, { recursive: true, force: true });
  process.stderr.write(`indexing ${count} documents…\n`);
  const run = spawnSync('/usr/bin/time', ['-v', path.join(target, 'release', 'index'), dir, out], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const report = run.stderr ?? '';
  const field = (re) => re.exec(report)?.[1];
  const wall = run.status === 0 ? field(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/) : `failed (${report.split('\n').filter((l) => l && !/^\s/.test(l)).at(-1) ?? run.error?.message})`;
  const peak = Number(field(/Maximum resident set size \(kbytes\): (\d+)/));
  const manifest = fs.existsSync(path.join(out, 'corpus.json')) ? JSON.parse(fs.readFileSync(path.join(out, 'corpus.json'), 'utf8')) : null;
  const text = fs.readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.txt')).reduce((s, f) => s + fs.statSync(path.join(dir, f)).size, 0);
  console.log(`| ${count} | ${(text / 1e6).toFixed(0)} MB | ${wall} | ${peak ? `${(peak / 1048576).toFixed(2)} GiB` : '–'} | ${manifest ? `${(manifest.bytes / 1e6).toFixed(0)} MB` : '–'} | ${manifest ? manifest.texts.length : '–'} |`);
}
