import { Agent, request } from 'undici';
import { summarize } from './stats.mjs';

/** Milliseconds from calling `request` to the first body chunk, then drains the rest. */
async function firstByteMs(dispatcher, url, payload) {
  const started = process.hrtime.bigint();
  const { statusCode, body } = await request(url, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json' },
    body: payload,
  });
  let firstAt;
  for await (const chunk of body) {
    if (firstAt === undefined && chunk.length > 0) firstAt = process.hrtime.bigint();
  }
  if (statusCode !== 200) throw new Error(`first-byte probe: ${url} answered ${statusCode}`);
  if (firstAt === undefined) throw new Error(`first-byte probe: ${url} sent an empty body`);
  return Number(firstAt - started) / 1e6;
}

/**
 * Time to first streamed byte, measured one request at a time over one keep-alive
 * connection (so connection set-up is not in the number), after `warmup` unmeasured requests.
 */
export async function probeFirstByte({ url, body, count = 300, warmup = 100 }) {
  const dispatcher = new Agent({ connections: 1, keepAliveTimeout: 30_000 });
  const payload = JSON.stringify(body);
  try {
    for (let i = 0; i < warmup; i += 1) await firstByteMs(dispatcher, url, payload);
    const samples = [];
    for (let i = 0; i < count; i += 1) samples.push(await firstByteMs(dispatcher, url, payload));
    return { ...summarize(samples), samples };
  } finally {
    await dispatcher.close();
  }
}
