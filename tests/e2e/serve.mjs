// A static file server for the built dist/, on loopback, that can mount the
// site under a sub-path and records every request it answers.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8', '.bin': 'application/octet-stream', '.svg': 'image/svg+xml', '.png': 'image/png',
};

/** Serves `root` at `http://127.0.0.1:PORT{base}`; resolves to { url, requests, close }.
 *  `hide(rel)` true answers 404 for that file, as a host that lost it would;
 *  `headers` are added to every answer (the benchmark isolates the page);
 *  `gzip(rel)` true sends that file compressed, as most hosts do (its
 *  Content-Length is then the compressed size); `hold(rel)`, a promise,
 *  holds that file's answer until it settles, as a slow network would.
 *  A file is compressed once, when first asked for, and its compressed
 *  body kept; `packAhead` compresses every file `gzip` names before the
 *  server starts, as a host that stores its files compressed (nginx's
 *  `gzip_static`, a CDN's cache) answers without compressing at all:
 *  zlib takes 60–100 ms for the wasm here, which no visitor of such a
 *  host waits for. */
export async function serve(root, base = '/', { hide = () => false, headers = {}, gzip = () => false, hold = () => null, packAhead = false } = {}) {
  const requests = [];
  const packed = new Map();
  const pack = (rel, body) => {
    if (!packed.has(rel)) packed.set(rel, zlib.gzipSync(body));
    return packed.get(rel);
  };
  if (packAhead) {
    for (const rel of fs.readdirSync(root, { recursive: true })) {
      const file = path.join(root, rel);
      if (gzip(rel) && fs.statSync(file).isFile()) pack(rel, fs.readFileSync(file));
    }
  }
  const server = http.createServer(async (req, res) => {
    requests.push(req.url);
    const url = new URL(req.url, 'http://localhost');
    if (!url.pathname.startsWith(base)) {
      res.writeHead(404).end('outside the site');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(base.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    await hold(rel);
    if (hide(rel)) {
      res.writeHead(404).end('not found');
      return;
    }
    if (!file.startsWith(path.resolve(root))) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404).end('not found');
        return;
      }
      const type = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' };
      if (gzip(rel)) {
        const small = pack(rel, body);
        res.writeHead(200, { ...headers, ...type, 'content-encoding': 'gzip', 'content-length': small.length });
        res.end(small);
        return;
      }
      res.writeHead(200, { ...headers, ...type });
      res.end(body);
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({ url: `http://127.0.0.1:${port}${base}`, requests, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// `node tests/e2e/serve.mjs [dir] [base]`: serve a build by hand.
if (import.meta.url === `file://${process.argv[1]}`) {
  const s = await serve(process.argv[2] ?? 'dist', process.argv[3] ?? '/');
  console.log(`serving ${process.argv[2] ?? 'dist'} at ${s.url}`);
}
