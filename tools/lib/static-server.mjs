// A small static file server for the demo site (tools/run.sh) and the test
// fixtures. Serves files under one folder, with extra headers per request
// (the tests use this to give fixture pages different CSPs).
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Starts serving `root` on 127.0.0.1. `headersFor(urlPath)` may add response
 * headers; `onRequest(request)` sees every request (the tests record them).
 * Resolves to the listening server; `server.address().port` is the port.
 */
export async function serveDirectory(root, { port = 0, headersFor = () => ({}), onRequest = () => {} } = {}) {
  const base = path.resolve(root);
  const server = http.createServer(async (request, response) => {
    onRequest(request);
    const url = new URL(request.url, 'http://localhost');
    let file = path.join(base, decodeURIComponent(url.pathname));
    if (!file.startsWith(base)) return send(response, 403, 'forbidden');
    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const body = await fs.readFile(file);
      response.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
        ...headersFor(url.pathname),
      });
      response.end(body);
    } catch {
      send(response, 404, 'not found');
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

function send(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(text);
}

// `node tools/lib/static-server.mjs DIR [PORT]` serves DIR until interrupted.
if (process.argv[1] && import.meta.url === new URL(`file://${path.resolve(process.argv[1])}`).href) {
  const [dir = '.', port = '8080'] = process.argv.slice(2);
  const server = await serveDirectory(dir, { port: Number(port) });
  console.log(`Serving ${dir} at http://127.0.0.1:${server.address().port}/ (Ctrl-C to stop)`);
}
