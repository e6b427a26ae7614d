// The bare proxy's work on the gateway's own stack, as a second yardstick: Fastify parses the
// body, the model prefix is stripped, the request goes out through undici's request API on a
// keep-alive Agent (the core modules the gateway loads) with a cancellation signal, and the
// upstream body is handed to `reply.send`. No routing, access, accounting or logging: what the
// gateway costs above this is its own work, what this costs above the bare proxy is the framework.
// Usage: node bench/fastify-floor.mjs --port 18101 --upstream http://127.0.0.1:18000
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';

const require = createRequire(import.meta.url);
const Agent = require('undici/lib/dispatcher/agent.js');
const requestOnDispatcher = require('undici/lib/api/api-request.js');

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '18101' },
    host: { type: 'string', default: '127.0.0.1' },
    upstream: { type: 'string', default: 'http://127.0.0.1:18000' },
  },
});

const origin = values.upstream.replace(/\/+$/, '');
const dispatcher = new Agent({ keepAliveTimeout: 30_000, connections: 256 });
const app = Fastify({ bodyLimit: 50 * 1024 * 1024 });

app.post('/v1/chat/completions', async (request, reply) => {
  const payload = request.body;
  if (typeof payload.model === 'string' && payload.model.startsWith('mock/')) payload.model = payload.model.slice(5);
  const cancel = new EventEmitter();
  reply.raw.once('close', () => cancel.emit('abort'));
  const upstream = await requestOnDispatcher.call(dispatcher, {
    origin,
    path: '/v1/chat/completions',
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-up-a' },
    body: JSON.stringify(payload),
    signal: cancel,
  });
  reply.code(upstream.statusCode);
  const contentType = upstream.headers['content-type'];
  if (contentType !== undefined) reply.header('content-type', contentType);
  return reply.send(upstream.body);
});

await app.listen({ port: Number(values.port), host: values.host });
console.log(`fastify floor listening on http://${values.host}:${app.server.address().port} -> ${origin}`);

const stop = () => {
  void app.close().then(() => process.exit(0));
  void dispatcher.close();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
