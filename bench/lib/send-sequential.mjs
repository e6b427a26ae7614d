import { Agent, request } from 'undici';

/** Sends `count` identical POSTs one after another and drains each answer; returns the 2xx count. */
export async function sendSequential({ url, body, count }) {
  const dispatcher = new Agent({ connections: 1, keepAliveTimeout: 30_000 });
  const payload = JSON.stringify(body);
  let ok = 0;
  try {
    for (let i = 0; i < count; i += 1) {
      const res = await request(url, { method: 'POST', dispatcher, headers: { 'content-type': 'application/json' }, body: payload });
      await res.body.dump();
      if (res.statusCode >= 200 && res.statusCode < 300) ok += 1;
    }
    return ok;
  } finally {
    await dispatcher.close();
  }
}
