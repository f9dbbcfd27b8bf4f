// Trunk post_build hook. Works in Trunk's staging folder before it becomes dist/.
// Every build (`trunk serve` too):
//  0. copies the corpus index that build.rs wrote (target/corpus/corpus-<hash>.bin,
//     named by the manifest build.rs wrote for this corpus folder) beside the
//     wasm, where the page fetches it.
// Release builds only:
//  1. moves Trunk's inline bootstrap into a hashed boot-*.js (which also starts
//     the corpus download and registers the service worker), so the page's
//     Content-Security-Policy can allow scripts from its own origin only;
//  2. adds that CSP ('self' plus 'wasm-unsafe-eval');
//  3. writes sw.js, a service worker caching exactly this build's files
//     under a cache named by their hash (a new build replaces it whole);
//  4. writes explorer.html: the app, styles, icon and corpus in one file
//     that works from file:// (the wasm passed as bytes to the async init,
//     the corpus as bytes in window.__explorerCorpus).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error('post_build: TRUNK_STAGING_DIR is not set (run by Trunk)');

const read = (f) => fs.readFileSync(path.join(staging, f));
const write = (f, data) => fs.writeFileSync(path.join(staging, f), data);
const sha = (data, alg = 'sha256', enc = 'hex') => crypto.createHash(alg).update(data).digest(enc);
const fail = (msg) => { console.error(`post_build: ${msg}`); process.exit(1); };

// 0. The corpus index beside the wasm.
const targetDir = process.env.CARGO_TARGET_DIR ??
  JSON.parse(execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline'], { encoding: 'utf8' })).target_directory;
// The manifest's key: FNV-1a of the corpus folder's canonical path, as build.rs computes it.
const fnv1a = (s) => {
  let h = 0xcbf29ce484222325n;
  for (const b of Buffer.from(s, 'utf8')) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
  return h.toString(16).padStart(16, '0');
};
const corpusDir = fs.realpathSync(path.resolve(process.env.CORPUS_DIR || 'seeds'));
const manifestPath = path.join(targetDir, 'corpus', `manifest-${fnv1a(corpusDir)}.json`);
fs.existsSync(manifestPath) || fail(`${manifestPath} is missing: build.rs writes it for ${corpusDir}`);
const corpusName = JSON.parse(fs.readFileSync(manifestPath, 'utf8')).file;
const corpusPath = path.join(targetDir, 'corpus', corpusName);
fs.existsSync(corpusPath) || fail(`${corpusPath} is missing (build.rs writes it)`);
fs.copyFileSync(corpusPath, path.join(staging, corpusName));
if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);

let html = read('index.html').toString();
const inline = /<script type="module">([\s\S]*?)<\/script>/.exec(html) ?? fail('no inline bootstrap script found in index.html');
const glueName = /from '\.\/([^']+\.js)'/.exec(inline[1])?.[1] ?? fail('bootstrap does not import the glue');
const wasmName = /module_or_path: '\.\/([^']+\.wasm)'/.exec(inline[1])?.[1] ?? fail('bootstrap does not name the wasm');
const cssName = /<link rel="stylesheet" href="\.\/([^"]+\.css)"/.exec(html)?.[1] ?? fail('no stylesheet link');
const iconName = /<link rel="icon" href="\.\/([^"]+)"/.exec(html)?.[1] ?? fail('no icon link');

// Service worker registration: hosted copies only (file:// has no workers),
// once the app has mounted (the wasm dispatches `explorer-mounted`), so the
// worker's own downloads never compete with start-up.
const REGISTER = `
if ('serviceWorker' in navigator && location.protocol.startsWith('http')) {
  addEventListener('explorer-mounted', () => {
    navigator.serviceWorker.register('./sw.js').catch((e) => console.warn('offline copy unavailable:', e.message));
  }, { once: true });
}
`;

// 1. The bootstrap as a file of its own.
// The corpus request starts before the wasm compiles; the app reads this
// response (with its progress line) instead of asking again.
// (Its failure is the app's to report: handled here so it is not also an uncaught rejection.)
const EARLY_FETCH = `window.__explorerCorpusResponse = fetch('./${corpusName}');\nwindow.__explorerCorpusResponse.catch(() => {});\n`;
const boot = EARLY_FETCH + inline[1].trim() + '\n' + REGISTER;
const bootName = `boot-${sha(boot).slice(0, 16)}.js`;
write(bootName, boot);
html = html.replace(inline[0], `<script type="module" src="./${bootName}"></script>`);
// The corpus downloads while the wasm compiles, not after: the app's fetch
// finds it in the preload cache.
html = html.replace('</head>', `  <link rel="preload" href="./${corpusName}" as="fetch" type="application/octet-stream" crossorigin="anonymous">\n</head>`);

// 2. The policy: nothing but this origin, and compiling wasm.
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
  "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
html = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  <meta http-equiv="Content-Security-Policy" content="${CSP}">`);
write('index.html', html);

// 3. The service worker, for this build's files.
const files = fs.readdirSync(staging).filter((f) => f !== 'sw.js' && f !== 'explorer.html').sort();
const buildHash = sha(files.map((f) => f + sha(read(f))).join('\n')).slice(0, 16);
write('sw.js', `// Generated by tools/post_build.mjs: caches this build, serves it offline.
const CACHE = 'explorer-${buildHash}';
const FILES = ${JSON.stringify(['./', ...files.map((f) => './' + f)])};

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

// A new build's worker removes every older build's cache: never a mix.
self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('explorer-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== location.origin) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => {
    // Deep links (?q=…&doc=…) are the same page.
    const hit = await cache.match(req, { ignoreSearch: req.mode === 'navigate' });
    return hit ?? fetch(req);
  }));
});
`);

// 4. One self-contained file. Past a size a browser would struggle to parse
//    as one HTML document (base64 adds a third), only the hosted page is made.
const SINGLE_FILE_LIMIT = 64 * 1024 * 1024;
if (fs.statSync(path.join(staging, corpusName)).size > SINGLE_FILE_LIMIT) {
  console.log(`post_build: boot ${bootName}, sw.js cache explorer-${buildHash}; no explorer.html: the corpus index is over ${SINGLE_FILE_LIMIT >> 20} MiB, host dist/ instead`);
  process.exit(0);
}
let glue = read(glueName).toString()
  .replace(/^export (class|function|const|let) /gm, '$1 ')
  .replace(/^export \{[^}]*\};?\s*$/gm, '');
if (/^\s*(export|import)\s/m.test(glue)) fail(`${glueName} has an import or export this step does not know how to inline`);
const wasmB64 = read(wasmName).toString('base64');
const corpusB64 = read(corpusName).toString('base64');
// In a block of its own so no name can clash with the glue's.
const script = `${glue}
{
  // The corpus and the wasm, inlined: decoded and handed over as bytes.
  window.__explorerCorpus = Uint8Array.from(atob("${corpusB64}"), (c) => c.charCodeAt(0));
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
let single = read('index.html').toString()
  .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${singleCsp}">`)
  .replace(/<link rel="stylesheet"[^>]*>/, () => `<style>${css}</style>`)
  .replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="${icon}">`)
  .replace(/<link rel="(modulepreload|preload)"[^>]*>\n?/g, '')
  .replace(/<script type="module" src="[^"]*"><\/script>/, () => `<script type="module">${script}</script>`);
if (/(href|src)="\.\//.test(single)) fail('explorer.html still refers to a file beside it');
write('explorer.html', single);
console.log(`post_build: boot ${bootName}, sw.js cache explorer-${buildHash}, explorer.html ${(single.length / 1024).toFixed(0)} KiB`);
