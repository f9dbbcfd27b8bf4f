// How a built page and a corpus index become a folder to publish. Used by
// Trunk's hook (tools/post_build.mjs, on its staging folder) and by
// `./dev index` (tools/put_corpus.mjs, on a page already built), so a page
// carries a new corpus the same way whichever put it there.
//
// The page learns its corpus file from `<meta name="corpus">` in index.html
// (the wasm never names it), so putting a corpus in is a copy and a few
// rewritten lines, never a new wasm.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

export const sha = (data, alg = 'sha256', enc = 'hex') => crypto.createHash(alg).update(data).digest(enc);
export const fail = (msg) => { console.error(`error: ${msg}`); process.exit(1); };

/// Cargo's target directory (CARGO_TARGET_DIR, or the workspace's).
export const targetDir = () => process.env.CARGO_TARGET_DIR ??
  JSON.parse(execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline'], { encoding: 'utf8' })).target_directory;

/// Indexes the corpus folder `dir` with the engine's `index` program
/// (crates/engine/src/bin/index.rs, built by cargo on first use, which on a
/// fresh machine also downloads the crates that read files: not --offline) into
/// <target>/corpus/<key>/, keyed by the folder's real path so corpora never
/// overwrite each other; returns {bin, manifest}. The program's notices and
/// summary go to stderr as they come.
export function indexCorpus(dir) {
  const real = fs.realpathSync(path.resolve(dir));
  // (CORPUS_INLINE_TEXTS, CORPUS_SHARDED and CORPUS_TEXT_CHUNK change what is written: another folder.)
  const key = real + (process.env.CORPUS_INLINE_TEXTS ?? '') + (process.env.CORPUS_SHARDED ? ` sharded ${process.env.CORPUS_SHARDED}` : '') +
    (process.env.CORPUS_TEXT_CHUNK ? ` chunk ${process.env.CORPUS_TEXT_CHUNK}` : '');
  const out = path.join(targetDir(), 'corpus', sha(key).slice(0, 16));
  try {
    execFileSync('cargo', ['run', '--quiet', '-p', 'engine', '--bin', 'index', '--', real, out], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch {
    fail(`the corpus in ${real} could not be indexed (the reason is above)`);
  }
  return { bin: path.join(out, 'corpus.bin'), manifest: JSON.parse(fs.readFileSync(path.join(out, 'corpus.json'), 'utf8')) };
}

/// Puts the index into the page folder `dir`: its file under the content
/// hash the manifest names (any other corpus file removed), and that name in
/// index.html, where the page and its boot script read it; the texts' chunk
/// files under texts/ (the index names them; the page fetches them as it
/// shows their documents); a sharded index's fragments under fragments/
/// (fetched as searches need them).
export function placeCorpus(dir, { bin, manifest }) {
  for (const f of fs.readdirSync(dir)) {
    if (/^corpus-[0-9a-f]{16}\.bin$/.test(f) && f !== manifest.file) fs.rmSync(path.join(dir, f));
  }
  fs.copyFileSync(bin, path.join(dir, manifest.file));
  fs.rmSync(path.join(dir, 'texts'), { recursive: true, force: true });
  if (manifest.texts.length) fs.cpSync(path.join(path.dirname(bin), 'texts'), path.join(dir, 'texts'), { recursive: true });
  fs.rmSync(path.join(dir, 'fragments'), { recursive: true, force: true });
  if (manifest.fragments?.length) fs.cpSync(path.join(path.dirname(bin), 'fragments'), path.join(dir, 'fragments'), { recursive: true });
  // The source files, when corpus.toml asks for them (the indexer wrote them beside the index).
  const originals = path.join(path.dirname(bin), 'originals');
  fs.rmSync(path.join(dir, 'originals'), { recursive: true, force: true });
  if (fs.existsSync(originals)) fs.cpSync(originals, path.join(dir, 'originals'), { recursive: true });
  const indexHtml = path.join(dir, 'index.html');
  let html = fs.readFileSync(indexHtml, 'utf8');
  // Its size too: the page sizes its buffer once and its progress bar by it
  // (a compressed response's Content-Length is not the file's size).
  // And, if the build asks, how many bytes of texts files and of a sharded
  // index's fragments the page keeps once read.
  const keep = [['CORPUS_KEEP_TEXTS', 'data-keep-texts'], ['CORPUS_KEEP_FRAGMENTS', 'data-keep-fragments']]
    .filter(([env]) => /^\d+$/.test(process.env[env] ?? '')).map(([env, attr]) => ` ${attr}="${process.env[env]}"`).join('');
  const meta = `<meta name="corpus" content="${manifest.file}" data-bytes="${manifest.bytes}"${keep}>`;
  html = /<meta name="corpus"[^>]*>/.test(html)
    ? html.replace(/<meta name="corpus"[^>]*>/, meta)
    : html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${meta}`);
  // The corpus downloads while the wasm compiles, not after: the app's fetch
  // finds it in the preload cache (release pages; see externaliseBoot).
  html = html.replace(/(<link rel="preload" href="\.\/)corpus-[0-9a-f]{16}\.bin/, `$1${manifest.file}`);
  fs.writeFileSync(indexHtml, html);
}

// Service worker registration: hosted copies only (file:// has no workers),
// once the page's opening question is answered and its files have come (the
// wasm dispatches `explorer-settled`, src/app.rs), so the worker's own
// downloads never compete with start-up or the first answer.
const REGISTER = `
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  addEventListener('explorer-settled', () => {
    navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('offline copy unavailable:', e.message));
  }, { once: true });
}
`;

// The corpus request starts before the wasm compiles; the app reads this
// response (with its progress line) instead of asking again. The name comes
// from index.html, so a new corpus leaves this script (and its hash) alone.
// (Its failure is the app's to report: handled here so it is not also an uncaught rejection.)
const EARLY_FETCH = `{
  const corpus = document.querySelector('meta[name="corpus"]')?.content;
  if (corpus) {
    window.__explorerCorpusResponse = fetch('./' + corpus);
    window.__explorerCorpusResponse.catch(() => {});
  }
}
`;

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
  "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// Release builds: moves Trunk's inline bootstrap into a hashed boot-*.js
/// (which also starts the corpus download and registers the service
/// worker), so the page's Content-Security-Policy can allow scripts from its
/// own origin only, and adds that policy and the corpus preload.
export function externaliseBoot(dir) {
  const indexHtml = path.join(dir, 'index.html');
  let html = fs.readFileSync(indexHtml, 'utf8');
  const inline = /<script type="module">([\s\S]*?)<\/script>/.exec(html) ?? fail('no inline bootstrap script found in index.html');
  const boot = EARLY_FETCH + inline[1].trim() + '\n' + REGISTER;
  const bootName = `boot-${sha(boot).slice(0, 16)}.js`;
  fs.writeFileSync(path.join(dir, bootName), boot);
  html = html.replace(inline[0], `<script type="module" src="./${bootName}"></script>`);
  const corpus = /<meta name="corpus" content="([^"]+)"/.exec(html)?.[1] ?? fail('index.html names no corpus (placeCorpus first)');
  html = html.replace('</head>', `  <link rel="preload" href="./${corpus}" as="fetch" type="application/octet-stream" crossorigin="anonymous">\n</head>`);
  html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  fs.writeFileSync(indexHtml, html);
  return bootName;
}

/// Texts files and index fragments up to this size together are cached
/// whole when the page is first opened (offline at once, as a corpus whose
/// texts travel inside its index is); past it, each is cached as the page
/// fetches it, and "Make available offline" fetches the rest on request. The
/// limit is low because the download ahead competes with the page: over the
/// Linux docs (32 MB of texts and fragments), Firefox 153's keystroke → laid
/// out p95 while it ran was 23–45 ms against 12–14 ms without it.
export const PRECACHE_APART = 4 * 1024 * 1024;

/// Writes sw.js, a service worker caching exactly this folder's files under
/// a cache named by their hash (a new build or corpus replaces it whole).
/// The originals/ folder is not among them: fetched when opened, never
/// downloaded ahead (a folder of PDFs can outweigh the whole page). The
/// texts/ files and a sharded index's fragments/ are, up to PRECACHE_APART
/// together; past it the page keeps each as a view or a search fetches it,
/// in a cache of its own named by the corpus file (`explorer-kept-HASH`,
/// src/offline.rs), which this worker spares (the footer's "Make available
/// offline" fetches the rest). The worker never handles their requests:
/// the page reads its copy offline.
export function writeServiceWorker(dir) {
  const read = (f) => fs.readFileSync(path.join(dir, f));
  const top = fs.readdirSync(dir).filter((f) => f !== 'sw.js' && f !== 'explorer.html' && fs.statSync(path.join(dir, f)).isFile());
  const texts = fs.existsSync(path.join(dir, 'texts')) ? fs.readdirSync(path.join(dir, 'texts')).map((f) => `texts/${f}`) : [];
  const fragments = fs.existsSync(path.join(dir, 'fragments')) ? fs.readdirSync(path.join(dir, 'fragments')).map((f) => `fragments/${f}`) : [];
  const all = [...top, ...texts, ...fragments].sort();
  const apart = [...texts, ...fragments];
  const apartBytes = apart.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  const files = [...top, ...(apartBytes <= PRECACHE_APART ? apart : [])].sort();
  const buildHash = sha(all.map((f) => f + sha(read(f))).join('\n')).slice(0, 16);
  const corpus = top.map((f) => f.match(/^corpus-([0-9a-f]{16})\.bin$/)).find(Boolean);
  fs.writeFileSync(path.join(dir, 'sw.js'), `// Generated by tools/package.mjs: caches this build, serves it offline.
const CACHE = 'explorer-${buildHash}';
// The texts and fragments the page keeps itself (src/offline.rs).
const KEPT = 'explorer-kept-${corpus ? corpus[1] : ''}';
const FILES = ${JSON.stringify(['./', ...files.map((f) => './' + f)])};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

// A new build's worker removes every older build's cache: never a mix.
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('explorer-') && k !== CACHE && k !== KEPT).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== location.origin) return;
  // Texts files and index fragments go to the network untouched, the page
  // keeping its own copy: through here, looked up and written before being
  // handed over, a search's first run took twice as long.
  if (['/texts/', '/fragments/'].some((dir) => new URL(req.url).pathname.includes(dir))) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    // Deep links (?q=…&doc=…) are the same page.
    const hit = await cache.match(req, { ignoreSearch: req.mode === 'navigate' });
    return hit ?? fetch(req);
  }));
});
`);
  return buildHash;
}

/// Writes explorer.html: the app, styles, icon and corpus in one file that
/// works from file:// (the wasm passed as bytes to the async init, the
/// corpus as bytes in window.__explorerCorpus, every texts chunk in one pack
/// in window.__explorerTexts and a sharded index's every fragment in one pack
/// in window.__explorerFragments, which the indexer writes beside the index
/// for a corpus under this size). Past a size a browser would struggle to parse
/// as one HTML document (base64 adds a third), only the hosted page is made;
/// returns the file's size, or null then.
export function writeSingleFile(dir, { bin, manifest }) {
  const SINGLE_FILE_LIMIT = 64 * 1024 * 1024;
  const read = (f) => fs.readFileSync(path.join(dir, f));
  const single = path.join(dir, 'explorer.html');
  fs.rmSync(single, { force: true });
  const html = read('index.html').toString();
  const corpusName = /<meta name="corpus" content="([^"]+)"/.exec(html)?.[1] ?? fail('index.html names no corpus');
  // Texts in files of their own come along as one pack (a small corpus's are inside the index).
  const pack = manifest.texts.length ? path.join(path.dirname(bin), 'texts.pack') : null;
  if (pack && !fs.existsSync(pack)) return null;
  const fragmentsPack = manifest.fragments?.length ? path.join(path.dirname(bin), 'fragments.pack') : null;
  if (fragmentsPack && !fs.existsSync(fragmentsPack)) return null;
  const packed = [pack, fragmentsPack].filter(Boolean).reduce((n, f) => n + fs.statSync(f).size, 0);
  if (fs.statSync(path.join(dir, corpusName)).size + packed > SINGLE_FILE_LIMIT) return null;
  const bootName = /<script type="module" src="\.\/(boot-[0-9a-f]+\.js)"><\/script>/.exec(html)?.[1] ?? fail('index.html has no boot script (a release build makes one)');
  const boot = read(bootName).toString();
  const glueName = /from '\.\/([^']+\.js)'/.exec(boot)?.[1] ?? fail('the boot script does not import the glue');
  const wasmName = /module_or_path: '\.\/([^']+\.wasm)'/.exec(boot)?.[1] ?? fail('the boot script does not name the wasm');
  const cssName = /<link rel="stylesheet" href="\.\/([^"]+\.css)"/.exec(html)?.[1] ?? fail('no stylesheet link');
  const iconName = /<link rel="icon" href="\.\/([^"]+)"/.exec(html)?.[1] ?? fail('no icon link');
  const glue = read(glueName).toString()
    .replace(/^export (class|function|const|let) /gm, '$1 ')
    .replace(/^export \{[^}]*\};?\s*$/gm, '');
  if (/^\s*(export|import)\s/m.test(glue)) fail(`${glueName} has an import or export this step does not know how to inline`);
  const wasmB64 = read(wasmName).toString('base64');
  const corpusB64 = read(corpusName).toString('base64');
  const packB64 = pack ? fs.readFileSync(pack).toString('base64') : '';
  const fragmentsB64 = fragmentsPack ? fs.readFileSync(fragmentsPack).toString('base64') : '';
  // In a block of its own so no name can clash with the glue's.
  const script = `${glue}
{
  // The corpus and the wasm, inlined: decoded and handed over as bytes.
  window.__explorerCorpus = Uint8Array.from(atob("${corpusB64}"), (c) => c.charCodeAt(0));
  ${pack ? `window.__explorerTexts = Uint8Array.from(atob("${packB64}"), (c) => c.charCodeAt(0));` : ''}
  ${fragmentsPack ? `window.__explorerFragments = Uint8Array.from(atob("${fragmentsB64}"), (c) => c.charCodeAt(0));` : ''}
  const bytes = Uint8Array.from(atob("${wasmB64}"), (c) => c.charCodeAt(0));
  const instance = await __wbg_init({ module_or_path: bytes });
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: instance } }));
}
`;
  const css = read(cssName).toString();
  const icon = `data:image/svg+xml;base64,${read(iconName).toString('base64')}`;
  const b64sha = (s) => `'sha256-${sha(s, 'sha256', 'base64')}'`;
  const singleCsp = `default-src 'none'; script-src ${b64sha(script)} 'wasm-unsafe-eval'; style-src ${b64sha(css)}; ` +
    "img-src data:; base-uri 'none'; form-action 'none'";
  const out = html
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${singleCsp}">`)
    .replace(/<link rel="stylesheet"[^>]*>/, () => `<style>${css}</style>`)
    .replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="${icon}">`)
    .replace(/<link rel="(modulepreload|preload)"[^>]*>\n?/g, '')
    .replace(/<script type="module" src="[^"]*"><\/script>/, () => `<script type="module">${script}</script>`);
  if (/(href|src)="\.\//.test(out)) fail('explorer.html still refers to a file beside it');
  fs.writeFileSync(single, out);
  return out.length;
}
