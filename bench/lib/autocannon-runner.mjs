import { fileURLToPath } from 'node:url';
import { spawnPinned } from './spawn-and-wait.mjs';

const CHILD = fileURLToPath(new URL('./autocannon-child.mjs', import.meta.url));

/**
 * One load cell: `warmupSec` of discarded load, then `durationSec` measured, POSTing `body`
 * (an object, sent as JSON) to `url` over `connections` keep-alive connections. The load
 * generator runs in a child process pinned to `core`. Resolves to requests/s and latency
 * percentiles in milliseconds (sub-millisecond resolution). With `amount` (and `warmupAmount`)
 * it sends that many requests instead of running for a duration.
 */
export async function runLoad({ url, body, connections, durationSec, warmupSec = 0, amount, warmupAmount, core, headers = {} }) {
  const spec = JSON.stringify({ url, body: JSON.stringify(body), connections, durationSec, warmupSec, amount, warmupAmount, headers });
  const handle = spawnPinned({ name: 'load generator', command: process.execPath, args: [CHILD, spec], core, capture: true });
  let out = '';
  let err = '';
  handle.child.stdout.on('data', (chunk) => (out += chunk));
  handle.child.stderr.on('data', (chunk) => (err += chunk));
  const { code, signal } = await handle.exited;
  if (code !== 0) throw new Error(`load generator exited with ${code ?? signal}: ${err.trim()}`);
  const last = out.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`load generator printed no result: ${err.trim() || last}`);
  }
}
