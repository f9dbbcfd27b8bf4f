// Makes corpus-real: about 31,000 real documents of mixed kinds, from the
// documentation Debian ships (fetched and unpacked by bench/run.sh into
// DEBIAN_DIR/<package>/), the way a person would drop a folder of saved pages
// and notes on the explorer:
//   linux/    linux-doc-6.1's reStructuredText sources, as text (corpus-full)
//   rust/     rust-doc 1.63's HTML (the book, the references, std/core/alloc API pages)
//   cmake/ python/ postgresql/ git/ sphinx/   those manuals' HTML pages
//   man/      the man pages of manpages, manpages-dev and perl-doc, rendered
//             to text by groff (as `man` shows them; the explorer reads no roff)
// Left out, as a crawler would: pages that only redirect to another page
// (10,098 of rust-doc's 32,101: `<meta http-equiv="refresh">`), man pages that
// are only an alias of another (symlinks and `.so` stubs), and every file that
// is not a page (scripts, styles, images, search indexes).
// HTML files are hard links into the unpacked packages (copies where the file
// system refuses), so the corpus costs no disk of its own.
// `node bench/real.mjs LINUX_SOURCES_DIR DEBIAN_DIR OUT_DIR`
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { walk } from './corpus.mjs';

const run = promisify(execFile);
const [linux, debian, out] = process.argv.slice(2);
if (!linux || !debian || !out) throw new Error('usage: node bench/real.mjs LINUX_SOURCES_DIR DEBIAN_DIR OUT_DIR');
const dir = path.join(out, 'corpus-real');
const stamp = path.join(dir, '.complete');
if (fs.existsSync(stamp)) {
  console.log(JSON.stringify({ real: Number(fs.readFileSync(stamp, 'utf8')) }));
  process.exit(0);
}
fs.rmSync(dir, { recursive: true, force: true });

function place(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}

const isRedirect = (file) => {
  const fd = fs.openSync(file, 'r');
  const head = Buffer.alloc(1024);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  fs.closeSync(fd);
  return /http-equiv=["']?refresh/i.test(head.subarray(0, n).toString('latin1'));
};

const counts = {};
let total = 0;
const count = (kind) => { counts[kind] = (counts[kind] ?? 0) + 1; total += 1; };

// The kernel's sources, as corpus-full has them.
for (const f of walk(linux)) {
  place(path.join(linux, f), path.join(dir, 'linux', f));
  count('linux');
}

// The manuals' HTML pages.
const manuals = {
  rust: 'rust-doc/usr/share/doc/rust-doc/html',
  cmake: 'cmake-doc/usr/share/doc/cmake-data/html',
  python: 'python3.11-doc/usr/share/doc/python3.11/html',
  postgresql: 'postgresql-doc-15/usr/share/doc/postgresql-doc-15/html',
  git: 'git-doc/usr/share/doc/git-doc',
  sphinx: 'sphinx-doc/usr/share/doc/sphinx-doc/html',
};
let redirects = 0;
for (const [name, rel] of Object.entries(manuals)) {
  const root = path.join(debian, rel);
  for (const f of walk(root, (r) => r.endsWith('.html'))) {
    if (isRedirect(path.join(root, f))) {
      redirects += 1;
      continue;
    }
    place(path.join(root, f), path.join(dir, name, f));
    count(name);
  }
}

// The man pages, rendered by groff as `man` would (no hyphenation, no bold
// or underline codes), every core busy.
const pages = [];
for (const pkg of ['manpages', 'manpages-dev', 'perl-doc']) {
  const root = path.join(debian, pkg, 'usr/share/man');
  for (const f of walk(root, (r) => /^man[1-9][^/]*\/[^/]+\.gz$/.test(r))) {
    const roff = zlib.gunzipSync(fs.readFileSync(path.join(root, f)));
    if (/^\.so\s/m.test(roff.subarray(0, 200).toString('latin1'))) continue;
    pages.push({ roff, to: path.join(dir, 'man', f.replace(/\.gz$/, '.txt')) });
  }
}
async function render({ roff, to }) {
  const child = run('groff', ['-man', '-Tutf8', '-rHY=0', '-rLL=78n', '-P-cbou'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  child.child.stdin.end(roff);
  let stdout;
  try {
    ({ stdout } = await child);
  } catch (e) {
    process.stderr.write(`corpus-real: ${to}: groff failed (${String(e.message).split('\n')[0]}), left out\n`);
    return;
  }
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, stdout);
  count('man');
}
const queue = [...pages];
await Promise.all(Array.from({ length: os.cpus().length }, async () => {
  for (let p = queue.shift(); p; p = queue.shift()) await render(p);
}));

fs.writeFileSync(stamp, `${total}\n`);
process.stderr.write(`corpus-real: ${total} files (${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}); ${redirects} redirect pages left out\n`);
console.log(JSON.stringify({ real: total }));
