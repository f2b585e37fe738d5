// The static server every browser test uses: dist/ on 127.0.0.1 (random free
// port), under a path prefix, to prove dist/ works from any prefix. No
// dependencies, so the cross-engine suite (tests/engines/) shares it.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, '..', '..');
export const dist = path.join(repo, 'dist');
export const PREFIX = '/some/prefix/';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.md': 'text/markdown; charset=utf-8',
};

/** Serves `root` under PREFIX on 127.0.0.1; `extra` maps URL paths to {type, body}. */
export async function serve(root = dist, extra = {}) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (extra[url.pathname]) {
      const { type, body, headers = {} } = extra[url.pathname];
      res.writeHead(200, { 'content-type': type, ...headers });
      return res.end(body);
    }
    if (!url.pathname.startsWith(PREFIX)) { res.writeHead(404); return res.end(); }
    let rel = decodeURIComponent(url.pathname.slice(PREFIX.length)) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, rel);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404); return res.end();
    }
    // CORS: a sandboxed (opaque-origin) frame must still load the widget's module and wasm.
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'access-control-allow-origin': '*' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}${PREFIX}`;
  return { base, close: () => new Promise((r) => server.close(r)) };
}
