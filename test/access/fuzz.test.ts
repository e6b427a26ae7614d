import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useMockedGateway } from '../helpers/mocked-gateway.js';

/** mulberry32: tiny, seeded, good enough to make every run the same run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 0x5eed_0005;
const ROUNDS = 2_400;
const CONCURRENCY = 16;
const KEY = 'fuzz-test-key-0123456789abcdef';

const V1_PATHS = ['/v1/chat/completions', '/chat/completions', '/v1/responses', '/responses', '/v1/messages', '/v1/messages/count_tokens', '/v1/completions', '/v1/models', '/models', '/v1beta/models'];
const API_PATHS = ['/api/keys', '/api/keys/key_x', '/api/keys/key_x/rotate', '/api/providers', '/api/providers/mock', '/api/connections', '/api/connections/conn_x', '/api/translator/translate', '/api/translator/detect'];

type Rand = () => number;
const pick = <T,>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

function randomString(r: Rand, max = 24): string {
  const alphabet = 'abcXYZ019/:_-.*%?&= \u0000\u00e9\u{1F600}"\\{}[]<>';
  let out = '';
  const length = Math.floor(r() * max);
  for (let i = 0; i < length; i += 1) out += [...alphabet][Math.floor(r() * [...alphabet].length)];
  return out;
}

function randomJson(r: Rand, depth = 0): unknown {
  const roll = r();
  if (depth > 3 || roll < 0.25) return pick(r, [null, true, false, 0, -1, 1e308, 3.5, '', randomString(r)]);
  if (roll < 0.6) return Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i -= 1) object[pick(r, ['model', 'messages', 'input', 'contents', 'stream', 'max_tokens', 'tools', 'role', 'content', 'system', randomString(r, 8)])] = randomJson(r, depth + 1);
  return object;
}

/** A valid request with one field replaced by something random: reaches deeper than pure noise. */
function mutatedBody(r: Rand, path: string): unknown {
  const base: Record<string, unknown> = path.includes('messages')
    ? { model: 'mock/x', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }
    : path.includes('responses')
      ? { model: 'mock/x', input: 'hi' }
      : path.includes('completions') && !path.includes('chat')
        ? { model: 'mock/x', prompt: 'hi' }
        : { model: 'mock/x', messages: [{ role: 'user', content: 'hi' }] };
  const field = pick(r, [...Object.keys(base), 'stream', 'tools', 'tool_choice', 'temperature']);
  base[field] = randomJson(r);
  return base;
}

function randomHeaders(r: Rand): Record<string, string> {
  const headers: Record<string, string> = {};
  const roll = r();
  if (roll < 0.6) headers['content-type'] = 'application/json';
  else if (roll < 0.75) headers['content-type'] = pick(r, ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1']);
  if (r() < 0.3) headers.authorization = pick(r, [`Bearer ${KEY}`, 'Bearer', 'Bearer omr_' + randomString(r).replace(/[^\w]/g, ''), 'Basic abc', 'Bearer ' + 'x'.repeat(2000)]);
  if (r() < 0.15) headers['x-api-key'] = pick(r, [KEY, 'omr_nope', 'x']);
  if (r() < 0.15) headers['x-goog-api-key'] = pick(r, [KEY, 'omr_nope']);
  if (r() < 0.2) headers['x-forwarded-for'] = pick(r, ['203.0.113.9', 'garbage', '::1, 1.2.3.4', '', '999.1.1.1']);
  if (r() < 0.2) headers['anthropic-version'] = '2023-06-01';
  if (r() < 0.1) headers['x-request-id'] = pick(r, ['ok-id', 'bad id with spaces', 'x'.repeat(300)]);
  return headers;
}

function randomBody(r: Rand, path: string): string | Buffer | undefined {
  const roll = r();
  if (roll < 0.1) return undefined;
  if (roll < 0.25) return Buffer.from(Array.from({ length: Math.floor(r() * 64) }, () => Math.floor(r() * 256)));
  if (roll < 0.35) return pick(r, ['{', '{"model":', 'null', '[]', '""', '{"model":"mock/x","messages":[', '\u0000', '{}'.repeat(50)]);
  if (roll < 0.65) return JSON.stringify(randomJson(r));
  return JSON.stringify(mutatedBody(r, path));
}

const env = useMockedGateway(
  (mockUrl) => ({
    settings: { access: { trustedProxies: ['127.0.0.1'] } },
    providers: [{ id: 'mock', format: 'openai-chat', baseUrl: `${mockUrl}/v1`, models: ['x'] }],
    connections: [{ provider: 'mock', name: 'c', apiKey: 'sk' }],
    apiKeys: [{ name: 'fuzz', key: '${FUZZ_KEY}', rpm: 100_000 }],
  }),
  { env: { FUZZ_KEY: KEY }, mock: { recordRequests: false } },
);

describe(`fuzz (seed ${SEED})`, () => {
  it(`answers ${ROUNDS} random and malformed requests on /v1 and /api with a JSON 4xx (or a success), never a 5xx`, async () => {
    const r = prng(SEED);
    const cases = Array.from({ length: ROUNDS }, (_, i) => {
      const api = r() < 0.35;
      let path = api ? pick(r, API_PATHS) : pick(r, V1_PATHS);
      if (!api && r() < 0.15) path = `/v1beta/models/${encodeURIComponent(randomString(r, 12))}:${pick(r, ['generateContent', 'streamGenerateContent', 'countTokens', randomString(r, 6)])}`;
      if (r() < 0.1) path += `?${pick(r, ['key=' + KEY, 'alt=sse', 'limit=-1', 'pageSize=abc', randomString(r, 10)])}`;
      const method = api ? pick(r, ['GET', 'POST', 'POST', 'PATCH', 'DELETE']) : path.includes('models') && !path.includes(':') ? pick(r, ['GET', 'GET', 'POST']) : pick(r, ['POST', 'POST', 'POST', 'GET', 'PUT']);
      const body = method === 'GET' || method === 'DELETE' ? undefined : randomBody(r, path);
      return { i, path, method, headers: randomHeaders(r), body };
    });

    const failures: string[] = [];
    let fourxx = 0;
    for (let start = 0; start < cases.length; start += CONCURRENCY) {
      await Promise.all(
        cases.slice(start, start + CONCURRENCY).map(async (c) => {
          let status = 0;
          let text = '';
          let contentType = '';
          try {
            const response = await request(`${env.gateway.url}${c.path}`, { method: c.method as 'POST', headers: c.headers, ...(c.body === undefined ? {} : { body: c.body }), signal: AbortSignal.timeout(10_000) });
            status = response.statusCode;
            contentType = String(response.headers['content-type'] ?? '');
            text = await response.body.text();
          } catch (error) {
            failures.push(`#${c.i} ${c.method} ${c.path}: transport ${(error as Error).message}`);
            return;
          }
          if (status >= 500) failures.push(`#${c.i} ${c.method} ${c.path} → ${status} ${text.slice(0, 200)}`);
          if (status >= 400 && status < 500) {
            fourxx += 1;
            try {
              const json = JSON.parse(text) as Record<string, unknown>;
              if (!contentType.includes('application/json') || typeof json !== 'object' || json === null || !('error' in json)) failures.push(`#${c.i} ${c.path} → ${status} without a JSON error: ${text.slice(0, 120)}`);
            } catch {
              failures.push(`#${c.i} ${c.method} ${c.path} → ${status} not JSON: ${text.slice(0, 120)}`);
            }
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    // The fuzz must actually hit the error paths, not just succeed.
    expect(fourxx).toBeGreaterThan(ROUNDS / 2);
    const health = await request(`${env.gateway.url}/health`);
    expect(health.statusCode).toBe(200);
    await health.body.dump();
  }, 180_000);
});
