// The least any gateway does, as a yardstick: read the body, parse it, rewrite `model`,
// re-serialise it, forward it on a keep-alive pool and pipe the answer back.
// Usage: node bench/bare-proxy.mjs --port 18100 --upstream http://127.0.0.1:18000
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { Agent, request } from 'undici';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '18100' },
    host: { type: 'string', default: '127.0.0.1' },
    upstream: { type: 'string', default: 'http://127.0.0.1:18000' },
  },
});

const upstream = values.upstream.replace(/\/+$/, '');
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 256 });

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function fail(res, status, message) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { message } }));
}

async function handle(req, res) {
  let payload;
  try {
    payload = JSON.parse(await readBody(req));
  } catch {
    fail(res, 400, 'body is not JSON');
    return;
  }
  if (typeof payload.model === 'string' && payload.model.startsWith('mock/')) payload.model = payload.model.slice(5);
  const upstreamRes = await request(`${upstream}${req.url}`, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-up-a' },
    body: JSON.stringify(payload),
  });
  const headers = {};
  const contentType = upstreamRes.headers['content-type'];
  if (contentType !== undefined) headers['content-type'] = contentType;
  res.writeHead(upstreamRes.statusCode, headers);
  // `.pipe`, not stream/promises `pipeline`: pipeline aborts an AbortController per call, and the
  // DOMException that builds cost ~10% of this proxy's CPU in a profile, flattering the gateway.
  upstreamRes.body.on('error', () => res.destroy());
  upstreamRes.body.pipe(res);
}

const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
  handle(req, res).catch((error) => fail(res, 502, error instanceof Error ? error.message : String(error)));
});

server.listen(Number(values.port), values.host, () => {
  console.log(`bare proxy listening on http://${values.host}:${server.address().port} -> ${upstream}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  void dispatcher.close();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
